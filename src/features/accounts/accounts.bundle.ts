import { randomBytes } from 'node:crypto';
import type { Db, Tx } from '../../db/index.js';
import { z, zCode, zText } from '../../lib/validation.js';
import { upsertEach, type BundleSection } from '../bundle/bundle.service.js';
import { zEmail, zUsername } from './accounts.schemas.js';
import * as accounts from './accounts.service.js';
import * as repo from './accounts.repository.js';
import { ROLES } from '../../policy/policy.js';
import type { Actor } from '../../policy/policy.js';

/** A user as the bundle carries it: who, in which unit, with which roles — never a password. */
const ZBundleUser = z.object({
  username: zUsername(),
  fullName: zText(200),
  unit: zCode(),
  roles: z.array(z.enum(ROLES)).min(1),
  active: z.boolean().optional(),
  /** where e-mail notifications go; left out: kept as it is */
  email: zEmail().nullish(),
});
type TBundleUser = z.infer<typeof ZBundleUser>;

export const usersBundle: BundleSection<TBundleUser> = {
  key: 'users',
  label: 'Tài khoản',
  record: ZBundleUser,

  /**
   * New users get a random password nobody knows: an admin sets one (`kheo user password` or
   * the admin page) before they sign in. Existing users keep their password.
   */
  importRecords: (trx: Tx, actor: Actor, records: TBundleUser[]) =>
    upsertEach('users', records, {
      exists: async (r) => (await repo.findUserByUsername(trx, r.username)) !== undefined,
      create: async (r) => {
        const password = `${randomBytes(24).toString('base64url')}-Aa1`;
        await accounts.createUser(trx, { actor, input: { username: r.username, fullName: r.fullName, email: r.email, unit: r.unit, roles: r.roles, password } });
        if (r.active === false) await accounts.setUserActive(trx, { actor, username: r.username, active: false });
      },
      update: async (r) => {
        const before = await repo.findUserByUsername(trx, r.username);
        await accounts.updateUser(trx, { actor, username: r.username, input: { fullName: r.fullName, email: r.email, unit: r.unit, roles: r.roles } });
        const disabled = before?.disabled_at != null;
        if (r.active !== undefined && r.active === disabled) await accounts.setUserActive(trx, { actor, username: r.username, active: r.active });
      },
    }),

  async exportRecords(db: Db, actor: Actor) {
    const list = await accounts.listUsers(db, actor);
    return list.map((u) => ({ username: u.username, fullName: u.fullName, ...(u.email ? { email: u.email } : {}), unit: u.unit, roles: u.roles, active: u.active }));
  },
};
