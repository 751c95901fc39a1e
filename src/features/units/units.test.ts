import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.js';
import { seedWorld, system } from '../../../test/support/fixtures.js';
import { AppError } from '../../lib/errors.js';
import type { Tx } from '../../db/index.js';
import { ForbiddenError, type UserActor } from '../../policy/policy.js';
import { findUserByUsername } from '../accounts/accounts.repository.js';
import * as units from './units.service.js';
import { findUnitByCode } from './units.repository.js';

let h: TestDb;
beforeAll(async () => {
  h = await createTestDb();
  await seedWorld(h.db);
});
afterAll(() => h.destroy());

const tx = <T>(fn: (trx: Tx) => Promise<T>) => h.db.transaction().execute(fn);

async function actorFor(username: string): Promise<UserActor> {
  const u = await findUserByUsername(h.db, username);
  if (!u) throw new Error(username);
  return { kind: 'user', userId: u.id, username, fullName: u.full_name, unitId: u.unit_id, unitCode: u.unit_code, unitName: u.unit_name, unitPath: u.unit_path, roles: ['admin'], ip: '127.0.0.1', via: 'session' };
}

const auditCount = async (action: string, entityId: string) =>
  Number(
    (
      await h.db
        .selectFrom('audit_log')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('action', '=', action)
        .where('entity_id', '=', entityId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('units', () => {
  it('builds a hierarchy of any depth with materialised paths', async () => {
    await tx((trx) => units.createUnit(trx, { actor: system, input: { code: 'A-1-a', name: 'Nhóm hộ 1a', kind: 'residentialGroup', parent: 'A-1' } }));
    const a = await findUnitByCode(h.db, 'A');
    const leaf = await findUnitByCode(h.db, 'A-1-a');
    expect(leaf?.depth).toBe(3);
    expect(leaf?.path.startsWith(a!.path)).toBe(true);
    const tree = await units.listUnitTree(h.db, system);
    const hn = tree.find((n) => n.code === 'HN');
    expect(hn?.children.map((c) => c.code)).toEqual(['A', 'B']);
    expect(await auditCount('unit.create', 'A-1-a')).toBe(1);
  });

  it('normalises names to NFC and refuses a duplicate code with 409', async () => {
    const u = await tx((trx) =>
      units.createUnit(trx, { actor: system, input: { code: 'B-2', name: 'Tổ dân phố Thượng'.normalize('NFD'), kind: 'residentialGroup', parent: 'B' } }),
    );
    expect(u.name).toBe('Tổ dân phố Thượng'.normalize('NFC'));
    const err = await tx((trx) => units.createUnit(trx, { actor: system, input: { code: 'B-2', name: 'Khác', kind: 'residentialGroup', parent: 'B' } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).status).toBe(409);
  });

  it('names the bad field in Vietnamese and writes nothing', async () => {
    const err = (await tx((trx) => units.createUnit(trx, { actor: system, input: { code: 'X 1', name: '', kind: 'planet', parent: 'NOPE' } })).catch((e: unknown) => e)) as AppError;
    expect(err.status).toBe(422);
    const fields = err.issues.map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['code', 'name', 'kind']));
    expect(err.issues.find((i) => i.field === 'name')?.message).toBe('Tên đơn vị: bắt buộc nhập');
    expect(await findUnitByCode(h.db, 'X 1')).toBeUndefined();
  });

  it('moves a subtree, rewriting every descendant path, and refuses cycles', async () => {
    await tx((trx) => units.moveUnit(trx, { actor: system, code: 'A-1', input: { parent: 'B' } }));
    const b = await findUnitByCode(h.db, 'B');
    const leaf = await findUnitByCode(h.db, 'A-1-a');
    expect(leaf?.path.startsWith(b!.path)).toBe(true);
    expect(leaf?.depth).toBe(3);
    const err = (await tx((trx) => units.moveUnit(trx, { actor: system, code: 'B', input: { parent: 'A-1-a' } })).catch((e: unknown) => e)) as AppError;
    expect(err.status).toBe(422);
    expect(err.issues[0]?.field).toBe('parent');
    await tx((trx) => units.moveUnit(trx, { actor: system, code: 'A-1', input: { parent: 'A' } }));
  });

  it('keeps admins inside their subtree (403) and audits the refusal path', async () => {
    const adminB = await actorFor('admin-b');
    const err = await tx((trx) => units.updateUnit(trx, { actor: adminB, code: 'A', input: { name: 'Đổi tên', kind: 'ward' } })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForbiddenError);
    expect((await findUnitByCode(h.db, 'A'))?.name).toBe('Phường Ánh Dương');
    const ok = await tx((trx) => units.updateUnit(trx, { actor: adminB, code: 'B-1', input: { name: 'Tổ dân phố số 1 (mới)', kind: 'residentialGroup' } }));
    expect(ok.name).toBe('Tổ dân phố số 1 (mới)');
    // a ward admin cannot move a unit out of their subtree either
    const move = await tx((trx) => units.moveUnit(trx, { actor: adminB, code: 'B-1', input: { parent: 'A' } })).catch((e: unknown) => e);
    expect(move).toBeInstanceOf(ForbiddenError);
  });

  it('deactivates only when no active child remains, keeps history, and records successors', async () => {
    const err = (await tx((trx) => units.deactivateUnit(trx, { actor: system, code: 'A', input: {} })).catch((e: unknown) => e)) as AppError;
    expect(err.status).toBe(409);
    await tx((trx) => units.createUnit(trx, { actor: system, input: { code: 'C', name: 'Phường Cũ', kind: 'ward', parent: 'HN' } }));
    const d = await tx((trx) => units.deactivateUnit(trx, { actor: system, code: 'C', input: { validTo: '30/06/2025', successors: ['B'] } }));
    expect(d.active).toBe(false);
    expect(d.validTo).toBe('2025-06-30');
    expect(d.successors).toEqual(['B']);
    const active = await units.listUnitsFlat(h.db, system);
    expect(active.some((u) => u.code === 'C')).toBe(false);
    const all = await units.listUnitsFlat(h.db, system, { includeInactive: true });
    expect(all.some((u) => u.code === 'C')).toBe(true);
  });

  it('never deletes a unit something references; deletes a mistaken one', async () => {
    const err = (await tx((trx) => units.deleteUnit(trx, { actor: system, code: 'A' })).catch((e: unknown) => e)) as AppError;
    expect(err.status).toBe(409);
    expect(err.message).toMatch(/đơn vị trực thuộc/);
    await tx((trx) => units.createUnit(trx, { actor: system, input: { code: 'TYPO', name: 'Tạo nhầm', kind: 'agency', parent: 'HN' } }));
    await tx((trx) => units.deleteUnit(trx, { actor: system, code: 'TYPO' }));
    expect(await findUnitByCode(h.db, 'TYPO')).toBeUndefined();
    expect(await auditCount('unit.delete', 'TYPO')).toBe(1);
  });

  it('writes the audit row in the same transaction: a rolled-back write leaves none', async () => {
    await h.db
      .transaction()
      .execute(async (trx) => {
        await units.createUnit(trx, { actor: system, input: { code: 'GHOST', name: 'Không tồn tại', kind: 'agency', parent: 'HN' } });
        throw new Error('rollback');
      })
      .catch(() => undefined);
    expect(await findUnitByCode(h.db, 'GHOST')).toBeUndefined();
    expect(await auditCount('unit.create', 'GHOST')).toBe(0);
  });
});
