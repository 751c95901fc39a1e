/**
 * Accounts, sessions, API tokens and login throttling. Sessions live in the database (only a
 * hash of the id is stored) so that any number of app instances share them.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db, Tx } from '../../db/index.js';
import { AppError, conflict, fieldError, notFound, tooManyRequests, unauthorized } from '../../lib/errors.js';
import { parseInput } from '../../lib/validation.js';
import { collator } from '../../lib/vi.js';
import { audit } from '../audit/audit.service.js';
import { requireUnit } from '../units/units.service.js';
import * as repo from './accounts.repository.js';
import { accountLabels, ZOwnEmail, ZChangePassword, ZCreateUser, ZLogin, ZSetPassword, ZUpdateUser, type PresentedUser } from './accounts.schemas.js';
import { ACTIONS, ROLES, type Action, type Role } from '../../policy/policy.js';
import { dummyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { authorize, authorizeRead, systemActor, type Actor, type UserActor } from '../../policy/policy.js';

export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');
const newSecret = (): string => randomBytes(32).toString('base64url');
const iso = (d: Date | number = Date.now()): string => new Date(d).toISOString();

interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

/**
 * Login throttling, per 15 minutes: 10 failures from one address stop that address; 50 failures
 * against one account (guessing spread over many addresses) stop that account, except from an
 * address where it signed in within 30 days — so no attacker can lock the real user out.
 */
const THROTTLE = { windowMinutes: 15, perAddress: 10, perAccount: 50, knownAddressDays: 30 } as const;

function presentUser(u: repo.UserWithUnit, roles: string[]): PresentedUser {
  return {
    username: u.username,
    fullName: u.full_name,
    email: u.email,
    unit: u.unit_code,
    unitName: u.unit_name,
    roles,
    active: u.disabled_at === null,
    createdAt: u.created_at,
  };
}

function toActor(u: repo.UserWithUnit, roles: string[], ip: string | null, via: 'session' | 'token'): UserActor {
  return {
    kind: 'user',
    userId: u.id,
    username: u.username,
    fullName: u.full_name,
    unitId: u.unit_id,
    unitCode: u.unit_code,
    unitName: u.unit_name,
    unitPath: u.unit_path,
    roles: roles.filter((r): r is Role => (ROLES as readonly string[]).includes(r)),
    ip,
    via,
  };
}

/** The answer for a username that does not exist — and for an account outside the reader's scope. */
const userMissing = (username: string) => notFound(`Không tìm thấy tài khoản "${username}".`);

async function requireUser(db: Db, username: string): Promise<repo.UserWithUnit> {
  const u = await repo.findUserByUsername(db, username.normalize('NFC').trim().toLowerCase());
  if (!u) throw userMissing(username);
  return u;
}

function checkPassword(password: string, username: string, field = 'password'): void {
  const problem = passwordProblem(password, username);
  if (problem) throw fieldError(field, problem);
}

/** Creates an account in a unit of the actor's scope. */
export async function createUser(trx: Tx, { actor, input }: { actor: Actor; input: unknown }): Promise<PresentedUser> {
  const data = parseInput(ZCreateUser, input, accountLabels);
  const unit = await requireUnit(trx, data.unit).catch(() => {
    throw fieldError('unit', `Đơn vị: không tìm thấy đơn vị "${data.unit}"`);
  });
  authorize(actor, 'user.manage', { unitPath: unit.path, entityType: 'user', entityId: data.username });
  if (await repo.findUserByUsername(trx, data.username)) throw conflict(`Tên đăng nhập "${data.username}" đã được dùng.`, 'username');
  checkPassword(data.password, data.username);
  const roles = [...new Set(data.roles)];
  const id = await repo.insertUser(trx, {
    username: data.username,
    full_name: data.fullName,
    email: data.email ?? null,
    unit_id: unit.id,
    password_hash: await hashPassword(data.password),
    at: iso(),
  });
  await repo.replaceRoles(trx, id, roles);
  const user = presentUser((await repo.findUserById(trx, id))!, roles);
  await audit(trx, actor, { action: 'user.create', entityType: 'user', entityId: data.username, after: user });
  return user;
}

/** Users in the actor's scope, sorted by name the Vietnamese way. */
export async function listUsers(db: Db, actor: Actor): Promise<PresentedUser[]> {
  authorize(actor, 'user.read');
  const rows = await repo.listUsersUnder(db, actor.kind === 'user' ? actor.unitPath : null);
  const roles = await repo.rolesOf(db, rows.map((r) => r.id));
  return rows.map((r) => presentUser(r, roles.get(r.id) ?? [])).sort((a, b) => collator.compare(a.fullName, b.fullName));
}

export async function getUser(db: Db, actor: Actor, username: string): Promise<PresentedUser> {
  const u = await requireUser(db, username);
  authorizeRead(actor, 'user.read', { unitPath: u.unit_path, entityType: 'user', entityId: u.username }, () => userMissing(username));
  const roles = await repo.rolesOf(db, [u.id]);
  return presentUser(u, roles.get(u.id) ?? []);
}

/** Changes name, unit (within scope) and roles. */
export async function updateUser(trx: Tx, { actor, username, input }: { actor: Actor; username: string; input: unknown }): Promise<PresentedUser> {
  const u = await requireUser(trx, username);
  authorize(actor, 'user.manage', { unitPath: u.unit_path, entityType: 'user', entityId: u.username });
  const data = parseInput(ZUpdateUser, input, accountLabels);
  const unit = await requireUnit(trx, data.unit).catch(() => {
    throw fieldError('unit', `Đơn vị: không tìm thấy đơn vị "${data.unit}"`);
  });
  authorize(actor, 'user.manage', { unitPath: unit.path, entityType: 'user', entityId: u.username });
  const before = presentUser(u, (await repo.rolesOf(trx, [u.id])).get(u.id) ?? []);
  await repo.updateUserRow(trx, u.id, { full_name: data.fullName, ...(data.email !== undefined ? { email: data.email } : {}), unit_id: unit.id, updated_at: iso() });
  const roles = [...new Set(data.roles)];
  await repo.replaceRoles(trx, u.id, roles);
  const after = presentUser((await repo.findUserById(trx, u.id))!, roles);
  await audit(trx, actor, { action: 'user.update', entityType: 'user', entityId: u.username, before, after });
  return after;
}

/** The full name of an active account, or null. */
export const activeUserName = async (db: Db, userId: number): Promise<string | null> => {
  const u = await repo.findUserById(db, userId);
  return u && !u.disabled_at ? u.full_name : null;
};

/** One's own address as typed: normalised (NFC, lower-cased), or null to clear it; 422 naming the field. */
export const parseOwnEmail = (input: unknown): string | null => parseInput(ZOwnEmail, input, accountLabels).email;

/**
 * Sets the address of a user who set it themselves — after they confirmed it by the link sent
 * there, or to none — audited as their own change. A disabled account is not changed (404).
 */
export async function setOwnEmail(trx: Tx, userId: number, email: string | null): Promise<void> {
  const u = await repo.findUserById(trx, userId);
  if (!u || u.disabled_at) throw notFound('Không tìm thấy tài khoản.');
  await repo.updateUserRow(trx, userId, { email, updated_at: iso() });
  await audit(trx, systemActor('liên kết xác nhận địa chỉ thư'), { action: 'user.email', entityType: 'user', entityId: u.username, before: { email: u.email }, after: { email } });
}

/** Disables (or enables) an account; disabling ends its sessions at once. */
export async function setUserActive(trx: Tx, { actor, username, active }: { actor: Actor; username: string; active: boolean }): Promise<PresentedUser> {
  const u = await requireUser(trx, username);
  authorize(actor, 'user.manage', { unitPath: u.unit_path, entityType: 'user', entityId: u.username });
  if (actor.kind === 'user' && actor.userId === u.id && !active) throw conflict('Không thể tự khóa tài khoản của chính mình.');
  await repo.updateUserRow(trx, u.id, { disabled_at: active ? null : iso(), updated_at: iso() });
  if (!active) await repo.deleteSessionsOfUser(trx, u.id);
  const after = presentUser((await repo.findUserById(trx, u.id))!, (await repo.rolesOf(trx, [u.id])).get(u.id) ?? []);
  await audit(trx, actor, { action: active ? 'user.enable' : 'user.disable', entityType: 'user', entityId: u.username, after: { active } });
  return after;
}

/** An admin sets a new password for a user; the user's sessions end. */
export async function setPassword(trx: Tx, { actor, username, input }: { actor: Actor; username: string; input: unknown }): Promise<void> {
  const u = await requireUser(trx, username);
  authorize(actor, 'user.manage', { unitPath: u.unit_path, entityType: 'user', entityId: u.username });
  const { password } = parseInput(ZSetPassword, input, accountLabels);
  checkPassword(password, u.username);
  await repo.updateUserRow(trx, u.id, { password_hash: await hashPassword(password), password_changed_at: iso(), updated_at: iso() });
  await repo.deleteSessionsOfUser(trx, u.id);
  // a new password is usually set because the old one leaked: the user's API tokens go too
  await repo.revokeTokensOfUser(trx, u.id, iso());
  await audit(trx, actor, { action: 'user.password.set', entityType: 'user', entityId: u.username });
}

/** A signed-in user changes their own password; their other sessions end. */
export async function changeOwnPassword(
  trx: Tx,
  { actor, input, currentSessionHash }: { actor: UserActor; input: unknown; currentSessionHash?: string },
): Promise<void> {
  const data = parseInput(ZChangePassword, input, accountLabels);
  const u = await repo.findUserById(trx, actor.userId);
  if (!u) throw unauthorized();
  if (!(await verifyPassword(data.currentPassword, u.password_hash))) throw fieldError('currentPassword', 'Mật khẩu hiện tại: không đúng');
  checkPassword(data.newPassword, u.username, 'newPassword');
  if (data.newPassword === data.currentPassword) throw fieldError('newPassword', 'Mật khẩu mới: phải khác mật khẩu hiện tại');
  await repo.updateUserRow(trx, u.id, { password_hash: await hashPassword(data.newPassword), password_changed_at: iso(), updated_at: iso() });
  await repo.deleteSessionsOfUser(trx, u.id, currentSessionHash);
  await audit(trx, actor, { action: 'user.password.change', entityType: 'user', entityId: u.username });
}

interface LoginResult {
  sessionToken: string;
  csrfToken: string;
  actor: UserActor;
}

/**
 * Checks a username and password and opens a session. Throttled per address and per account
 * (429); an address that signed in to the account recently is not held back by the account
 * limit, so an attacker elsewhere cannot lock the real user out. Every attempt is audited.
 */
export async function login(
  db: Db,
  { input, ip, userAgent, policy }: { input: unknown; ip: string; userAgent: string | null; policy: SessionPolicy },
): Promise<LoginResult> {
  const data = parseInput(ZLogin, input, accountLabels);
  const username = data.username;
  const t = Date.now();
  const since = iso(t - THROTTLE.windowMinutes * 60_000);
  const anon = { kind: 'anonymous' as const, username, ip };
  // The attempt is recorded as a failure *before* the (slow) password check and counted with
  // the others, so that parallel guesses cannot all slip under the limit; success flips it.
  const attemptId = await repo.insertLoginAttempt(db, { username, ip, success: false, at: iso(t) });
  let throttled = (await repo.countFailures(db, { ip }, since)) > THROTTLE.perAddress;
  if (!throttled && (await repo.countFailures(db, { username }, since)) > THROTTLE.perAccount) {
    throttled = !(await repo.hasRecentSuccess(db, username, ip, iso(t - THROTTLE.knownAddressDays * 86_400_000)));
  }
  if (throttled) {
    await audit(db, anon, { action: 'auth.login', entityType: 'user', entityId: username, outcome: 'denied', after: { reason: 'throttled' } });
    throw tooManyRequests();
  }
  const u = await repo.findUserByUsername(db, username);
  const ok = await verifyPassword(data.password, u ? u.password_hash : await dummyPasswordHash());
  if (!u || !ok || u.disabled_at !== null) {
    await audit(db, anon, {
      action: 'auth.login',
      entityType: 'user',
      entityId: username,
      outcome: 'failed',
      after: { reason: !u ? 'unknown_user' : !ok ? 'wrong_password' : 'disabled' },
    });
    throw new AppError(401, 'invalid_credentials', 'Tên đăng nhập hoặc mật khẩu không đúng.');
  }
  const roles = (await repo.rolesOf(db, [u.id])).get(u.id) ?? [];
  const sessionToken = newSecret();
  const csrfToken = newSecret();
  const at = iso();
  await db.transaction().execute(async (trx) => {
    await repo.insertSession(trx, {
      id_hash: sha256(sessionToken),
      user_id: u.id,
      csrf_token: csrfToken,
      at,
      expires_at: iso(t + policy.maxHours * 3_600_000),
      ip,
      user_agent: userAgent ? userAgent.slice(0, 300) : null,
    });
    await repo.markLoginSuccess(trx, attemptId);
    await audit(trx, anon, { action: 'auth.login', entityType: 'user', entityId: username, outcome: 'ok' });
  });
  return { sessionToken, csrfToken, actor: toActor(u, roles, ip, 'session') };
}

interface ResolvedSession {
  actor: UserActor;
  csrfToken: string;
  idHash: string;
}

/** The session behind a cookie value, or null when unknown, idle too long, expired or disabled. */
export async function resolveSession(db: Db, token: string, ip: string | null, policy: SessionPolicy): Promise<ResolvedSession | null> {
  if (!token || token.length > 200) return null;
  const idHash = sha256(token);
  const s = await repo.findSession(db, idHash);
  if (!s) return null;
  const t = Date.now();
  if (s.expires_at < iso(t) || s.last_seen_at < iso(t - policy.idleMinutes * 60_000)) {
    await repo.deleteSession(db, idHash);
    return null;
  }
  const u = await repo.findUserById(db, s.user_id);
  if (!u || u.disabled_at !== null) {
    await repo.deleteSession(db, idHash);
    return null;
  }
  // Touch at most once a minute: idle timeout needs no more precision, and it spares writes.
  if (s.last_seen_at < iso(t - 60_000)) await repo.touchSession(db, idHash, iso(t));
  const roles = (await repo.rolesOf(db, [u.id])).get(u.id) ?? [];
  return { actor: toActor(u, roles, ip, 'session'), csrfToken: s.csrf_token, idHash };
}

/** Ends a session (logout). */
export async function logout(db: Db, { token, actor }: { token: string; actor: Actor | null }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await repo.deleteSession(trx, sha256(token));
    if (actor) await audit(trx, actor, { action: 'auth.logout', entityType: 'user', entityId: actor.username });
  });
}

/** Creates an API token for a user; the plain token is returned once and stored hashed. */
export async function createApiToken(trx: Tx, { actor, username, name }: { actor: Actor; username: string; name: string }): Promise<string> {
  const u = await requireUser(trx, username);
  authorize(actor, 'user.manage', { unitPath: u.unit_path, entityType: 'user', entityId: u.username });
  const token = `kheo_${newSecret()}`;
  const id = await repo.insertToken(trx, { user_id: u.id, name, token_hash: sha256(token), prefix: token.slice(0, 10), at: iso() });
  await audit(trx, actor, { action: 'token.create', entityType: 'api_token', entityId: id, after: { user: u.username, name, prefix: token.slice(0, 10) } });
  return token;
}

/** Revokes every API token of a user; returns how many. */
export async function revokeApiTokens(trx: Tx, { actor, username }: { actor: Actor; username: string }): Promise<number> {
  const u = await requireUser(trx, username);
  authorize(actor, 'user.manage', { unitPath: u.unit_path, entityType: 'user', entityId: u.username });
  const n = await repo.revokeTokensOfUser(trx, u.id, iso());
  await audit(trx, actor, { action: 'token.revoke', entityType: 'user', entityId: u.username, after: { revoked: n } });
  return n;
}

/** The user behind a bearer token, or null. */
export async function resolveApiToken(db: Db, token: string, ip: string | null): Promise<UserActor | null> {
  if (!token.startsWith('kheo_') || token.length > 200) return null;
  const row = await repo.findTokenByHash(db, sha256(token));
  if (!row) return null;
  const u = await repo.findUserById(db, row.user_id);
  if (!u || u.disabled_at !== null) return null;
  const t = Date.now();
  if (!row.last_used_at || row.last_used_at < iso(t - 60_000)) await repo.touchToken(db, row.id, iso(t));
  const roles = (await repo.rolesOf(db, [u.id])).get(u.id) ?? [];
  return toActor(u, roles, ip, 'token');
}

/** Removes expired and idle sessions (called now and then). */
export async function purgeSessions(db: Db, policy: SessionPolicy): Promise<void> {
  const t = Date.now();
  await repo.deleteExpiredSessions(db, iso(t), iso(t - policy.idleMinutes * 60_000));
}

/*
 * The slice's public surface for other slices: these readers and writers of its tables, and the
 * kinds and labels of its table module. Other slices import them from here, never from
 * the repository or the table module (.dependency-cruiser.cjs).
 */
export { findUserByUsername, mailAddressOf, rolesOf } from './accounts.repository.js';

/**
 * Who must act on something of a unit: the active users allowed `action` (by their roles) in the
 * nearest unit at or above it that has any — its own officers, or the level above when it has none;
 * `exact`: that unit's own only (what waits on a unit and on no other, as an issue to decide).
 * `except` (the one who did the thing: nobody acts on their own submission) and those `keep`
 * refuses (a domain's own rule, as an editor's categories) are left out before the level is chosen,
 * so that the level above is told when nobody else at this one can act.
 */
export const whoActs = (db: Db, action: Action, unitPath: string, opts: { exact?: boolean; except?: Actor; keep?: (u: { id: number; roles: string[] }) => boolean } = {}): Promise<number[]> =>
  repo.nearestHolders(db, ACTIONS[action], unitPath, { exact: opts.exact ?? false, except: opts.except?.kind === 'user' ? opts.except.userId : undefined, keep: opts.keep });

/** Every active user with a role, as the actor they are when signed in: whom reminders and digests are made for. */
export async function activeActors(db: Db): Promise<UserActor[]> {
  const users = await repo.activeUsersWithRoles(db);
  const roles = await repo.rolesOf(db, users.map((u) => u.id));
  return users.map((u) => toActor(u, roles.get(u.id) ?? [], null, 'session'));
}
