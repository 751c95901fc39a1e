import { randomBytes } from 'node:crypto';
import type { Db, Tx } from '../../db/index.js';
import { z, zCode, zText } from '../../lib/validation.js';
import { atRecord, type BundleSection } from '../bundle/bundle.service.js';
import { zUsername } from './accounts.schemas.js';
import * as accounts from './accounts.service.js';
import * as repo from './accounts.repository.js';
import { ROLES } from './accounts.table.js';
import type { Actor } from './policy.js';

/** A user as the bundle carries it: who, in which unit, with which roles — never a password. */
export const ZBundleUser = z.object({
  username: zUsername(),
  fullName: zText(200),
  unit: zCode(),
  roles: z.array(z.enum(ROLES)).min(1),
  active: z.boolean().optional(),
});
export type TBundleUser = z.infer<typeof ZBundleUser>;

export const usersBundle: BundleSection<TBundleUser> = {
  key: 'users',
  label: 'Tài khoản',
  record: ZBundleUser,

  /**
   * New users get a random password nobody knows: an admin sets one (`kheo user password` or
   * the admin page) before they sign in. Existing users keep their password.
   */
  async importRecords(trx: Tx, actor: Actor, records: TBundleUser[]) {
    let created = 0;
    let updated = 0;
    for (const [i, r] of records.entries()) {
      try {
        const existing = await repo.findUserByUsername(trx, r.username);
        if (existing) {
          await accounts.updateUser(trx, { actor, username: r.username, input: { fullName: r.fullName, unit: r.unit, roles: r.roles } });
          updated++;
        } else {
          const password = `${randomBytes(24).toString('base64url')}-Aa1`;
          await accounts.createUser(trx, { actor, input: { username: r.username, fullName: r.fullName, unit: r.unit, roles: r.roles, password } });
          created++;
        }
        if (r.active === false && (!existing || existing.disabled_at === null)) await accounts.setUserActive(trx, { actor, username: r.username, active: false });
        if (r.active === true && existing && existing.disabled_at !== null) await accounts.setUserActive(trx, { actor, username: r.username, active: true });
      } catch (e) {
        throw atRecord('users', i, e);
      }
    }
    return { created, updated };
  },

  async exportRecords(db: Db, actor: Actor) {
    const list = await accounts.listUsers(db, actor);
    return list.map((u) => ({ username: u.username, fullName: u.fullName, unit: u.unit, roles: u.roles, active: u.active }));
  },
};
