/**
 * A small world to test against, built through the services: a city with two wards, each with
 * a residential group, and one user per role in ward A plus admins at the top and in ward B.
 */
import { loadConfig, type Config } from '../../src/config.js';
import type { Db } from '../../src/db/index.js';
import { createUser } from '../../src/features/accounts/accounts.service.js';
import type { Role } from '../../src/policy/policy.js';
import { systemActor } from '../../src/policy/policy.js';
import { createUnit } from '../../src/features/units/units.service.js';

export const PASSWORD = 'mat-khau-thu-nghiem-du-dai';
export const system = systemActor('kiểm thử');

export const testConfig = (over: Partial<Config> = {}): Config => ({
  ...loadConfig({ KHEO_LOG_LEVEL: 'silent', KHEO_TRUST_PROXY: '1' }),
  ...over,
});

export async function seedWorld(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const unit = (code: string, name: string, kind: string, parent: string | null) =>
      createUnit(trx, { actor: system, input: { code, name, kind, parent } });
    await unit('HN', 'Thành phố Hà Nội', 'city', null);
    await unit('A', 'Phường Ánh Dương', 'ward', 'HN');
    await unit('A-1', 'Tổ dân phố số 1', 'residentialGroup', 'A');
    await unit('B', 'Phường Bình Minh', 'ward', 'HN');
    await unit('B-1', 'Tổ dân phố số 1', 'residentialGroup', 'B');
    const user = (username: string, unitCode: string, roles: Role[]) =>
      createUser(trx, { actor: system, input: { username, fullName: `Người dùng ${username}`, unit: unitCode, roles, password: PASSWORD } });
    await user('root', 'HN', ['admin']);
    await user('admin-a', 'A', ['admin']);
    await user('admin-b', 'B', ['admin']);
    for (const role of ['officer', 'appraiser', 'council', 'editor', 'viewer'] as const) await user(`${role}-a`, 'A', [role]);
  });
}

/** The signed-in actor of a seeded user, resolved the way the API does it (through a real token). */
export async function actorOf(db: Db, username: string) {
  const { createApiToken, resolveApiToken } = await import('../../src/features/accounts/accounts.service.js');
  const token = await db.transaction().execute((trx) => createApiToken(trx, { actor: system, username, name: 'kiểm thử' }));
  const actor = await resolveApiToken(db, token, null);
  if (!actor) throw new Error(`no actor for ${username}`);
  return actor;
}
