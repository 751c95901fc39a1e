import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.js';
import { PASSWORD, seedWorld, system } from '../../../test/support/fixtures.js';
import { AppError } from '../../lib/errors.js';
import * as accounts from './accounts.service.js';
import { hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { can, type UserActor } from '../../policy/policy.js';

let h: TestDb;
const policy = { idleMinutes: 30, maxHours: 12 };
beforeAll(async () => {
  h = await createTestDb();
  await seedWorld(h.db);
});
afterAll(() => h.destroy());

const login = (username: string, password: string, ip: string) => accounts.login(h.db, { input: { username, password }, ip, userAgent: 'vitest', policy });
const status = (p: Promise<unknown>) => p.then(() => 200, (e: unknown) => (e instanceof AppError ? e.status : 500));

describe('passwords', () => {
  it('hashes with scrypt and verifies in constant time', async () => {
    const hash = await hashPassword('một câu mật khẩu dài');
    expect(hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await verifyPassword('một câu mật khẩu dài', hash)).toBe(true);
    expect(await verifyPassword('một câu mật khẩu dài'.normalize('NFD'), hash)).toBe(true);
    expect(await verifyPassword('sai', hash)).toBe(false);
  });

  it('refuses short, long, common and username passwords', () => {
    expect(passwordProblem('ngắn')).toMatch(/ít nhất 8/);
    expect(passwordProblem('a'.repeat(129) + 'b')).toMatch(/128/);
    expect(passwordProblem('12345678')).toMatch(/phổ biến/);
    expect(passwordProblem('Mật Khẩu 123')).toMatch(/phổ biến/);
    expect(passwordProblem('nguyen.van.a', 'nguyen.van.a')).toMatch(/trùng tên đăng nhập/);
    expect(passwordProblem('con đường xanh mùa thu')).toBeNull();
  });
});

describe('sessions', () => {
  it('opens a session at login and resolves it to a scoped actor', async () => {
    const r = await login('admin-a', PASSWORD, '10.1.0.1');
    const s = await accounts.resolveSession(h.db, r.sessionToken, '10.1.0.1', policy);
    expect(s?.actor.username).toBe('admin-a');
    expect(s?.actor.unitCode).toBe('A');
    expect(s?.csrfToken).toBe(r.csrfToken);
    // only a hash of the id is stored
    const row = await h.db.selectFrom('sessions').select('id_hash').where('user_id', '=', s!.actor.userId).executeTakeFirst();
    expect(row?.id_hash).not.toBe(r.sessionToken);
    expect(row?.id_hash).toHaveLength(64);
  });

  it('gives a new random session id at every login', async () => {
    const a = await login('viewer-a', PASSWORD, '10.1.0.2');
    const b = await login('viewer-a', PASSWORD, '10.1.0.2');
    expect(a.sessionToken).not.toBe(b.sessionToken);
    expect(Buffer.from(a.sessionToken, 'base64url').length).toBeGreaterThanOrEqual(16);
  });

  it('ends a session after the idle timeout and after the absolute lifetime', async () => {
    const r = await login('editor-a', PASSWORD, '10.1.0.3');
    const hash = accounts.sha256(r.sessionToken);
    await h.db.updateTable('sessions').set({ last_seen_at: new Date(Date.now() - 31 * 60_000).toISOString() }).where('id_hash', '=', hash).execute();
    expect(await accounts.resolveSession(h.db, r.sessionToken, null, policy)).toBeNull();
    const r2 = await login('editor-a', PASSWORD, '10.1.0.3');
    await h.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('id_hash', '=', accounts.sha256(r2.sessionToken)).execute();
    expect(await accounts.resolveSession(h.db, r2.sessionToken, null, policy)).toBeNull();
  });

  it('ends every session of a disabled user and refuses their login', async () => {
    const r = await login('council-a', PASSWORD, '10.1.0.4');
    await h.db.transaction().execute((trx) => accounts.setUserActive(trx, { actor: system, username: 'council-a', active: false }));
    expect(await accounts.resolveSession(h.db, r.sessionToken, null, policy)).toBeNull();
    expect(await status(login('council-a', PASSWORD, '10.1.0.4'))).toBe(401);
    await h.db.transaction().execute((trx) => accounts.setUserActive(trx, { actor: system, username: 'council-a', active: true }));
    expect(await status(login('council-a', PASSWORD, '10.1.0.4'))).toBe(200);
  });

  it('changing one\'s password keeps this session and ends the others', async () => {
    const here = await login('appraiser-a', PASSWORD, '10.1.0.5');
    const there = await login('appraiser-a', PASSWORD, '10.1.0.6');
    const s = (await accounts.resolveSession(h.db, here.sessionToken, null, policy))!;
    const bad = await status(h.db.transaction().execute((trx) => accounts.changeOwnPassword(trx, { actor: s.actor, input: { currentPassword: 'sai-mat-khau', newPassword: 'x', confirmPassword: 'x' } })));
    expect(bad).toBe(422);
    const newPw = 'một mật khẩu mới rất dài';
    await h.db.transaction().execute((trx) =>
      accounts.changeOwnPassword(trx, { actor: s.actor, input: { currentPassword: PASSWORD, newPassword: newPw, confirmPassword: newPw }, currentSessionHash: s.idHash }),
    );
    expect(await accounts.resolveSession(h.db, here.sessionToken, null, policy)).not.toBeNull();
    expect(await accounts.resolveSession(h.db, there.sessionToken, null, policy)).toBeNull();
    expect(await status(login('appraiser-a', newPw, '10.1.0.5'))).toBe(200);
  });
});

describe('login throttling', () => {
  it('answers 429 on the 11th failure from one address, while the user still signs in from another', async () => {
    const attacker = '10.2.0.1';
    for (let i = 0; i < 10; i++) expect(await status(login('officer-a', `sai-${i}-mat-khau`, attacker))).toBe(401);
    expect(await status(login('officer-a', `sai-mat-khau`, attacker))).toBe(429);
    // even the right password is held back from that address
    expect(await status(login('officer-a', PASSWORD, attacker))).toBe(429);
    // the real user, from their own address, is not locked out
    expect(await status(login('officer-a', PASSWORD, '10.2.0.99'))).toBe(200);
  });

  it('limits guessing one account from many addresses, but not from an address it used before', async () => {
    expect(await status(login('admin-b', PASSWORD, '10.3.0.200'))).toBe(200); // the user's usual address
    for (let i = 0; i < 50; i++) expect(await status(login('admin-b', 'doan-bua-mat-khau', `10.3.1.${i}`))).toBe(401);
    expect(await status(login('admin-b', 'doan-bua-mat-khau', '10.3.2.1'))).toBe(429);
    expect(await status(login('admin-b', PASSWORD, '10.3.0.200'))).toBe(200);
  });

  it('records every attempt in the audit log', async () => {
    const rows = await h.db.selectFrom('audit_log').select(['outcome']).where('action', '=', 'auth.login').where('entity_id', '=', 'officer-a').execute();
    const outcomes = rows.map((r) => r.outcome);
    expect(outcomes.filter((o) => o === 'failed')).toHaveLength(10);
    expect(outcomes.filter((o) => o === 'denied')).toHaveLength(2);
    expect(outcomes.filter((o) => o === 'ok')).toHaveLength(1);
    expect(outcomes).toContain('ok');
  });
});

describe('API tokens', () => {
  it('are shown once, stored hashed, and resolve to the user', async () => {
    const token = await h.db.transaction().execute((trx) => accounts.createApiToken(trx, { actor: system, username: 'officer-a', name: 'kịch bản' }));
    expect(token).toMatch(/^kheo_/);
    const stored = await h.db.selectFrom('api_tokens').select('token_hash').execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(token);
    const actor = await accounts.resolveApiToken(h.db, token, null);
    expect(actor?.username).toBe('officer-a');
    expect(await accounts.resolveApiToken(h.db, `${token}x`, null)).toBeNull();
  });
});

describe('can()', () => {
  const actor = (roles: UserActor['roles'], unitPath = '/1/2/'): UserActor => ({
    kind: 'user', userId: 1, username: 'u', fullName: 'U', unitId: 2, unitCode: 'A', unitName: 'A', unitPath, roles, ip: null, via: 'session',
  });
  it('grants a role only inside the unit subtree', () => {
    expect(can(actor(['admin']), 'unit.update', { unitPath: '/1/2/5/' })).toBe(true);
    expect(can(actor(['admin']), 'unit.update', { unitPath: '/1/3/' })).toBe(false);
    expect(can(actor(['admin']), 'unit.update', { unitPath: '/1/' })).toBe(false);
    expect(can(actor(['viewer']), 'unit.update', { unitPath: '/1/2/5/' })).toBe(false);
    expect(can(actor(['viewer']), 'unit.read', { unitPath: '/1/2/5/' })).toBe(true);
  });
  it('treats "/" as installation-wide: top-level units only', () => {
    expect(can(actor(['admin'], '/1/'), 'settings.update', { unitPath: '/' })).toBe(true);
    expect(can(actor(['admin'], '/1/2/'), 'settings.update', { unitPath: '/' })).toBe(false);
    // "/1/2/" must not count as inside "/1/23/"
    expect(can(actor(['admin'], '/1/2/'), 'unit.read', { unitPath: '/1/23/' })).toBe(false);
  });
});
