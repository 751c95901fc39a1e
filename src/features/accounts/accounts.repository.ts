import type { Db } from '../../db/index.js';
import type { UserRow } from './accounts.table.js';
import { declareUnitReferences } from '../units/units.references.js';

/** The columns of this slice's tables that hold a unit id (deleting a unit counts them: units.references.ts). */
declareUnitReferences(
  { table: 'users', column: 'unit_id', label: 'tài khoản' },
);

export interface UserWithUnit extends UserRow {
  unit_code: string;
  unit_name: string;
  unit_path: string;
}

const userWithUnit = (db: Db) =>
  db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .selectAll('users')
    .select(['units.code as unit_code', 'units.name as unit_name', 'units.path as unit_path']);

export const findUserByUsername = (db: Db, username: string): Promise<UserWithUnit | undefined> =>
  userWithUnit(db).where('users.username', '=', username).executeTakeFirst();

export const findUserById = (db: Db, id: number): Promise<UserWithUnit | undefined> =>
  userWithUnit(db).where('users.id', '=', id).executeTakeFirst();

export async function listUsersUnder(db: Db, pathPrefix: string | null): Promise<UserWithUnit[]> {
  let q = userWithUnit(db);
  if (pathPrefix) q = q.where('units.path', 'like', `${pathPrefix}%`);
  return q.orderBy('users.username').execute();
}

export async function rolesOf(db: Db, userIds: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (userIds.length === 0) return out;
  const rows = await db.selectFrom('user_roles').selectAll().where('user_id', 'in', [...userIds]).orderBy('role').execute();
  for (const r of rows) out.set(r.user_id, [...(out.get(r.user_id) ?? []), r.role]);
  return out;
}

export async function insertUser(
  db: Db,
  row: { username: string; full_name: string; email: string | null; unit_id: number; password_hash: string; at: string },
): Promise<number> {
  const r = await db
    .insertInto('users')
    .values({
      username: row.username,
      full_name: row.full_name,
      email: row.email,
      unit_id: row.unit_id,
      password_hash: row.password_hash,
      password_changed_at: row.at,
      disabled_at: null,
      created_at: row.at,
      updated_at: row.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateUserRow(
  db: Db,
  id: number,
  patch: Partial<Pick<UserRow, 'full_name' | 'email' | 'unit_id' | 'password_hash' | 'password_changed_at' | 'disabled_at' | 'updated_at'>>,
): Promise<void> {
  await db.updateTable('users').set(patch).where('id', '=', id).execute();
}

export async function replaceRoles(db: Db, userId: number, roles: readonly string[]): Promise<void> {
  await db.deleteFrom('user_roles').where('user_id', '=', userId).execute();
  if (roles.length) await db.insertInto('user_roles').values(roles.map((role) => ({ user_id: userId, role }))).execute();
}

// Sessions ------------------------------------------------------------------

export async function insertSession(
  db: Db,
  s: { id_hash: string; user_id: number; csrf_token: string; at: string; expires_at: string; ip: string | null; user_agent: string | null },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({
      id_hash: s.id_hash,
      user_id: s.user_id,
      csrf_token: s.csrf_token,
      created_at: s.at,
      last_seen_at: s.at,
      expires_at: s.expires_at,
      ip: s.ip,
      user_agent: s.user_agent,
    })
    .execute();
}

export const findSession = (db: Db, idHash: string) =>
  db.selectFrom('sessions').selectAll().where('id_hash', '=', idHash).executeTakeFirst();

export async function touchSession(db: Db, idHash: string, at: string): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: at }).where('id_hash', '=', idHash).execute();
}

export async function deleteSession(db: Db, idHash: string): Promise<void> {
  await db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
}

export async function deleteSessionsOfUser(db: Db, userId: number, exceptHash?: string): Promise<void> {
  let q = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptHash) q = q.where('id_hash', '!=', exceptHash);
  await q.execute();
}

export async function deleteExpiredSessions(db: Db, nowIso: string, idleBeforeIso: string): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<', nowIso), eb('last_seen_at', '<', idleBeforeIso)]))
    .execute();
}

// API tokens ----------------------------------------------------------------

export async function insertToken(db: Db, t: { user_id: number; name: string; token_hash: string; prefix: string; at: string }): Promise<number> {
  const r = await db
    .insertInto('api_tokens')
    .values({ user_id: t.user_id, name: t.name, token_hash: t.token_hash, prefix: t.prefix, created_at: t.at, last_used_at: null, revoked_at: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function revokeTokensOfUser(db: Db, userId: number, at: string): Promise<number> {
  const r = await db.updateTable('api_tokens').set({ revoked_at: at }).where('user_id', '=', userId).where('revoked_at', 'is', null).executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export const findTokenByHash = (db: Db, hash: string) =>
  db.selectFrom('api_tokens').selectAll().where('token_hash', '=', hash).where('revoked_at', 'is', null).executeTakeFirst();

export async function touchToken(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

// Login attempts ------------------------------------------------------------

export async function insertLoginAttempt(db: Db, a: { username: string; ip: string; success: boolean; at: string }): Promise<number> {
  const r = await db.insertInto('login_attempts').values({ username: a.username, ip: a.ip, success: a.success ? 1 : 0, at: a.at }).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function markLoginSuccess(db: Db, id: number): Promise<void> {
  await db.updateTable('login_attempts').set({ success: 1 }).where('id', '=', id).execute();
}

export async function countFailures(db: Db, by: { ip?: string; username?: string }, sinceIso: string): Promise<number> {
  let q = db.selectFrom('login_attempts').select((eb) => eb.fn.countAll<number>().as('n')).where('success', '=', 0).where('at', '>=', sinceIso);
  if (by.ip !== undefined) q = q.where('ip', '=', by.ip);
  if (by.username !== undefined) q = q.where('username', '=', by.username);
  const r = await q.executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function hasRecentSuccess(db: Db, username: string, ip: string, sinceIso: string): Promise<boolean> {
  const r = await db
    .selectFrom('login_attempts')
    .select('id')
    .where('username', '=', username)
    .where('ip', '=', ip)
    .where('success', '=', 1)
    .where('at', '>=', sinceIso)
    .limit(1)
    .executeTakeFirst();
  return r !== undefined;
}

/** Where an active account's e-mail goes, and the name to greet: none without an address. */
export async function mailAddressOf(db: Db, userId: number): Promise<{ address: string; name: string } | null> {
  const r = await db.selectFrom('users').select(['email', 'full_name']).where('id', '=', userId).where('disabled_at', 'is', null).executeTakeFirst();
  return r?.email ? { address: r.email, name: r.full_name } : null;
}

/** The unit paths at and above one ("/1/5/23/" → "/1/", "/1/5/", "/1/5/23/"). */
const pathsUp = (path: string): string[] => {
  const ids = path.split('/').filter(Boolean);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
};

/**
 * The active users holding one of `roles` in the nearest unit at or above `unitPath` that has
 * any: the people who must act on something of that unit (its own officers, or the level above
 * when it has none).
 */
export async function nearestHolders(
  db: Db,
  roles: readonly string[],
  unitPath: string,
  opts: { exact: boolean; except?: number | undefined; keep?: ((u: { id: number; roles: string[] }) => boolean) | undefined },
): Promise<number[]> {
  const paths = opts.exact ? [unitPath] : pathsUp(unitPath);
  if (!paths.length) return [];
  const rows = await db
    .selectFrom('users')
    .innerJoin('units', 'units.id', 'users.unit_id')
    .innerJoin('user_roles', 'user_roles.user_id', 'users.id')
    .select(['users.id', 'units.path', 'user_roles.role'])
    .where('users.disabled_at', 'is', null)
    .where('user_roles.role', 'in', [...roles])
    .where('units.path', 'in', paths)
    .execute();
  const users = new Map<number, { id: number; path: string; roles: string[] }>();
  for (const r of rows) {
    const u = users.get(r.id) ?? { id: r.id, path: r.path, roles: [] };
    u.roles.push(r.role);
    users.set(r.id, u);
  }
  // who is left out (the one who acted, those the domain rules out) is left out before the level is chosen
  const able = [...users.values()].filter((u) => u.id !== opts.except && (opts.keep?.(u) ?? true));
  const deepest = Math.max(0, ...able.map((u) => u.path.length));
  return able.filter((u) => u.path.length === deepest).map((u) => u.id).sort((a, b) => a - b);
}

/** The active users that hold a role (the people reminders and digests are made for). */
export const activeUsersWithRoles = (db: Db): Promise<UserWithUnit[]> =>
  userWithUnit(db)
    .where('users.disabled_at', 'is', null)
    .where((eb) => eb.exists(eb.selectFrom('user_roles').select('user_roles.user_id').whereRef('user_roles.user_id', '=', 'users.id')))
    .orderBy('users.id')
    .execute();
