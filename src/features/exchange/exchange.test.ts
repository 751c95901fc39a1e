import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.js';
import { seedWorld, system } from '../../../test/support/fixtures.js';
import { AppError } from '../../lib/errors.js';
import { findUnitByCode } from '../units/units.repository.js';
import { bundle } from './registry.js';

let h: TestDb;
beforeAll(async () => {
  h = await createTestDb();
  await seedWorld(h.db);
});
afterAll(() => h.destroy());

const importDoc = (db: TestDb, doc: unknown) => db.db.transaction().execute((trx) => bundle.importBundle(trx, system, doc));
const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as AppError);

describe('bundle import and export', () => {
  it('exports everything and imports it back into an empty database as the same data', async () => {
    await h.db.transaction().execute(async (trx) => {
      const { deactivateUnit, createUnit } = await import('../units/units.service.js');
      await createUnit(trx, { actor: system, input: { code: 'OLD', name: 'Phường Cũ', kind: 'ward', parent: 'HN', validFrom: '01/01/2004' } });
      await deactivateUnit(trx, { actor: system, code: 'OLD', input: { validTo: '30/06/2025', successors: ['A'] } });
    });
    const exported = await bundle.exportBundle(h.db, system);
    const other = await createTestDb();
    try {
      const counts = await importDoc(other, exported);
      expect(counts.units?.created).toBe((exported.units as unknown[]).length);
      expect(counts.users?.created).toBe((exported.users as unknown[]).length);
      const again = await bundle.exportBundle(other.db, system);
      expect({ ...again, exportedAt: null }).toEqual({ ...exported, exportedAt: null });
    } finally {
      await other.destroy();
    }
  });

  it('names the record and field of a dangling reference, and writes nothing', async () => {
    const e = await failure(
      importDoc(h, {
        version: 1,
        units: [
          { code: 'N1', name: 'Mới 1', kind: 'ward', parent: 'HN' },
          { code: 'N2', name: 'Mới 2', kind: 'ward', parent: 'HN' },
          { code: 'N3', name: 'Mới 3', kind: 'residentialGroup', parent: 'N1' },
          { code: 'N4', name: 'Mới 4', kind: 'residentialGroup', parent: 'XYZ' },
        ],
      }),
    );
    expect(e?.status).toBe(422);
    expect(e?.issues[0]?.field).toBe('units[3].parent');
    expect(e?.message).toBe('units[3].parent: không tìm thấy đơn vị "XYZ"');
    expect(await findUnitByCode(h.db, 'N1')).toBeUndefined();
  });

  it('lists every invalid field before touching the database', async () => {
    const e = await failure(importDoc(h, { version: 1, units: [{ code: 'Q1', kind: 'ward' }, { code: 'Q2', name: 'Q', kind: 'galaxy' }], users: 'không' }));
    const fields = e?.issues.map((i) => i.field) ?? [];
    expect(fields).toEqual(expect.arrayContaining(['units[0].name', 'units[1].kind', 'users']));
  });

  it('refuses a wrong version and unknown sections', async () => {
    expect((await failure(importDoc(h, { version: 2 })))?.issues[0]?.field).toBe('version');
    expect((await failure(importDoc(h, { version: 1, planets: [] })))?.issues[0]?.field).toBe('planets');
    expect((await failure(importDoc(h, [1, 2])))?.status).toBe(422);
  });

  it('accepts parents after children, normalises NFD to NFC, and finds cycles', async () => {
    const nfd = 'Tổ dân phố Thượng Thanh'.normalize('NFD');
    await importDoc(h, {
      version: 1,
      units: [
        { code: 'P-CHILD', name: nfd, kind: 'residentialGroup', parent: 'P-PARENT' },
        { code: 'P-PARENT', name: 'Phường Mới', kind: 'ward', parent: 'HN' },
      ],
    });
    expect((await findUnitByCode(h.db, 'P-CHILD'))?.name).toBe('Tổ dân phố Thượng Thanh'.normalize('NFC'));
    const e = await failure(
      importDoc(h, {
        version: 1,
        units: [
          { code: 'CY1', name: 'Vòng 1', kind: 'ward', parent: 'CY2' },
          { code: 'CY2', name: 'Vòng 2', kind: 'ward', parent: 'CY1' },
        ],
      }),
    );
    expect(e?.message).toMatch(/vòng lặp/);
  });

  it('updates existing records by code', async () => {
    const counts = await importDoc(h, { version: 1, units: [{ code: 'B', name: 'Phường Bình Minh (đổi tên)', kind: 'ward', parent: 'HN' }] });
    expect(counts.units).toEqual({ created: 0, updated: 1 });
    expect((await findUnitByCode(h.db, 'B'))?.name).toBe('Phường Bình Minh (đổi tên)');
  });

  it('reactivates parents before their children, in one bundle', async () => {
    const { deactivateUnit } = await import('../units/units.service.js');
    await importDoc(h, { version: 1, units: [{ code: 'RP', name: 'Cha', kind: 'ward', parent: 'HN' }, { code: 'RP-1', name: 'Con', kind: 'residentialGroup', parent: 'RP' }] });
    await h.db.transaction().execute(async (trx) => {
      await deactivateUnit(trx, { actor: system, code: 'RP-1', input: {} });
      await deactivateUnit(trx, { actor: system, code: 'RP', input: {} });
    });
    await importDoc(h, {
      version: 1,
      units: [
        { code: 'RP', name: 'Cha', kind: 'ward', parent: 'HN', active: true },
        { code: 'RP-1', name: 'Con', kind: 'residentialGroup', parent: 'RP', active: true },
        { code: 'RP-2', name: 'Con mới', kind: 'residentialGroup', parent: 'RP' },
      ],
    });
    expect((await findUnitByCode(h.db, 'RP'))?.deactivated_at).toBeNull();
    expect((await findUnitByCode(h.db, 'RP-1'))?.deactivated_at).toBeNull();
    expect((await findUnitByCode(h.db, 'RP-2'))?.deactivated_at).toBeNull();
  });

  it('keeps a refusal a ForbiddenError (audited by the error handler) that names the record', async () => {
    const { findUserByUsername } = await import('../accounts/accounts.repository.js');
    const u = (await findUserByUsername(h.db, 'admin-a'))!;
    const actor = { kind: 'user' as const, userId: u.id, username: u.username, fullName: u.full_name, unitId: u.unit_id, unitCode: u.unit_code, unitName: u.unit_name, unitPath: u.unit_path, roles: ['admin' as const], ip: null, via: 'session' as const };
    const e = await h.db.transaction().execute((trx) => bundle.importBundle(trx, actor, { version: 1, units: [{ code: 'B-1', name: 'Chiếm', kind: 'residentialGroup', parent: 'B' }] })).catch((x: unknown) => x);
    const { ForbiddenError } = await import('../../policy/policy.js');
    expect(e).toBeInstanceOf(ForbiddenError);
    expect((e as Error).message).toMatch(/^units\[0\]: /);
  });
});
