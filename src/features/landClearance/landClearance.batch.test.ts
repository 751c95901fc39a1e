/**
 * The batched household import (HouseholdBatch, through the household workbook) must write
 * exactly what adding the households and saving their plans one by one writes: the same codes,
 * households with their summaries, parcels, plans, audit rows and project figures, in order.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.js';
import { seedWorld, system } from '../../../test/support/fixtures.js';
import { HOUSEHOLD_SHEET, importHouseholdWorkbook } from './landClearance.excel.js';
import { addHousehold, createHousehold, updateHousehold, writePlan } from './landClearance.households.js';
import { findHouseholdByCode } from './landClearance.repository.js';
import { createProject } from './landClearance.service.js';

let batched: TestDb;
let oneByOne: TestDb;

async function world(db: TestDb) {
  await seedWorld(db.db);
  await db.db.transaction().execute(async (trx) => {
    await createProject(trx, { actor: system, input: { code: 'DA', name: 'Đường liên phường', unit: 'A', category: 'key', startedOn: '2025-01-06' } });
    // recorded before the file, under a code that automatic numbering reaches
    await createHousehold(trx, { actor: system, input: { code: 'DA-H002', project: 'DA', name: 'Hộ đã có', parcels: [{ mapSheet: '1', parcelNo: '2', areaM2: '50', recoveredM2: '20' }] } });
  });
}

/** One household of the file as the services take it, and the rows of the workbook that say the same. */
interface Case {
  household: Record<string, unknown>;
  kindCell?: string;
  parcels: Record<string, string>[];
  plan?: Record<string, string>;
}
const money = (n: number) => n.toLocaleString('vi-VN');
const fresh: Case[] = [
  { household: { name: 'Hộ ông Nguyễn Văn Bình', address: 'Số 5 ngõ 12' }, parcels: [{ mapSheet: '12', parcelNo: '30', landType: 'ODT', areaM2: '120,5', recoveredM2: '85,5' }], plan: { land: money(1_200_000_000), assets: money(150_000_000) } },
  { household: { name: 'Hộ bà Trần Thị Hoa', phone: '0912345678' }, parcels: [] },
  { household: { code: 'DA-RIENG', name: 'Hộ có mã riêng, hai thửa' }, parcels: [{ mapSheet: '3', parcelNo: '4', areaM2: '60' }, { mapSheet: '3', parcelNo: '5', areaM2: '40', recoveredM2: '40' }], plan: { support: money(30_000_000) } },
  { household: { code: 'DA-RIENG-2', name: 'Hộ có mã riêng thứ hai: số thứ tự vẫn tăng' }, parcels: [] },
  { household: { kind: 'organisation', name: 'Công ty TNHH Sông Hồng' }, kindCell: 'Tổ chức', parcels: [{ mapSheet: '7', parcelNo: '1', landType: 'SKC', areaM2: '1000', recoveredM2: '250' }], plan: { land: money(5_000_000_000), resettlement: money(0) } },
  ...Array.from({ length: 1100 }, (_, i): Case => ({ household: { name: `Hộ thử số ${i + 1}`, address: `Số ${i + 1} phố Thạch Bàn` }, parcels: [{ mapSheet: String(1 + (i % 9)), parcelNo: String(100 + i), areaM2: '100', recoveredM2: '45,5' }], ...(i % 4 ? { plan: { land: money(1_000_000 * (i + 1)) } } : {}) })),
];
/** A second file: the household numbering gave the first code of the first file, and the one recorded before. */
const updates: Case[] = [
  // the code numbering gave the first household: an update of it, with other amounts
  { household: { code: 'DA-H003', name: 'Hộ ông Nguyễn Văn Bình (sửa tên)' }, parcels: [{ mapSheet: '12', parcelNo: '30', areaM2: '120,5', recoveredM2: '100' }], plan: { land: money(1_300_000_000) } },
  // the household recorded before the file
  { household: { code: 'DA-H002', name: 'Hộ đã có (cập nhật)' }, parcels: [{ mapSheet: '1', parcelNo: '2', areaM2: '50', recoveredM2: '30' }], plan: { assets: money(10_000_000) } },
];

async function workbook(cases: Case[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(HOUSEHOLD_SHEET.sheet);
  ws.addRow(HOUSEHOLD_SHEET.columns.map((c) => c.header));
  for (const c of cases) {
    const head = { ...c.household, kind: c.kindCell, ...c.plan };
    const parcels = c.parcels.length ? c.parcels : [{}];
    parcels.forEach((p, i) => {
      const row: Record<string, unknown> = i === 0 ? { ...head, ...p } : { code: c.household.code, ...p };
      ws.addRow(HOUSEHOLD_SHEET.columns.map((col) => row[col.key] ?? null));
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

beforeAll(async () => {
  batched = await createTestDb();
  oneByOne = await createTestDb();
  await world(batched);
  await world(oneByOne);
});
afterAll(async () => {
  await batched.destroy();
  await oneByOne.destroy();
});

/** Every row a household import writes, timestamps left out (the activity date is a day). */
async function written(db: TestDb) {
  const households = await db.db.selectFrom('clearance_households').selectAll().orderBy('id').execute();
  const parcels = await db.db.selectFrom('clearance_parcels').selectAll().orderBy('household_id').orderBy('id').execute();
  const plans = await db.db.selectFrom('clearance_plans').selectAll().orderBy('id').execute();
  const audit = await db.db.selectFrom('audit_log').select(['id', 'actor_name', 'action', 'entity_type', 'entity_id', 'outcome', 'before_json', 'after_json']).where('entity_type', '=', 'household').orderBy('id').execute();
  const figures = await db.db.selectFrom('clearance_project_figures').selectAll().execute();
  return {
    households: households.map(({ created_at: _c, updated_at: _u, ...h }) => h),
    // parcels of a household rewritten by an update get new ids: compared by content
    parcels: parcels.map(({ id: _id, ...p }) => p),
    plans: plans.map(({ created_at, ...p }) => ({ ...p, day: created_at.slice(0, 10) })),
    audit,
    figures,
  };
}

/** Each household through the services, in order, as the forms write them. */
async function reference(trx: TestDb['db'], cases: Case[]) {
  for (const c of cases) {
    const code = typeof c.household.code === 'string' ? c.household.code : null;
    const existing = code ? await findHouseholdByCode(trx, code) : undefined;
    let h: string;
    if (existing) {
      await updateHousehold(trx, { actor: system, code: existing.code, input: { kind: existing.kind, address: existing.address, phone: existing.phone, note: existing.note, ...c.household, project: 'DA', parcels: c.parcels } });
      h = existing.code;
    } else {
      h = (await addHousehold(trx, { actor: system, input: { ...c.household, project: 'DA', parcels: c.parcels } })).code;
    }
    if (c.plan) await writePlan(trx, { actor: system, code: h, input: c.plan });
  }
}

describe('batched household import', () => {
  it('writes exactly what adding the households and saving their plans one by one writes', async () => {
    const r = await importHouseholdWorkbook(batched.db, system, { projectCode: 'DA', buf: await workbook(fresh), fileName: 'ho.xlsx', dryRun: false });
    expect(r.counts).toEqual({ created: fresh.length, updated: 0, plans: fresh.filter((c) => c.plan).length });
    await oneByOne.db.transaction().execute((trx) => reference(trx, fresh));
    expect(await written(batched)).toEqual(await written(oneByOne));
    const u = await importHouseholdWorkbook(batched.db, system, { projectCode: 'DA', buf: await workbook(updates), fileName: 'ho.xlsx', dryRun: false });
    expect(u.counts).toEqual({ created: 0, updated: 2, plans: 2 });
    await oneByOne.db.transaction().execute((trx) => reference(trx, updates));
    const a = await written(batched);
    const b = await written(oneByOne);
    expect(a.households.map((h) => h.code).slice(0, 6)).toEqual(['DA-H002', 'DA-H003', 'DA-H004', 'DA-RIENG', 'DA-RIENG-2', 'DA-H006']);
    expect(a.households[1]).toMatchObject({ name: 'Hộ ông Nguyễn Văn Bình (sửa tên)', recovered_dm2: 10_000, approved_total: null });
    expect(a.figures[0]).toMatchObject({ households: fresh.length, organisations: 1 });
    expect(a.households).toEqual(b.households);
    expect(a.parcels).toEqual(b.parcels);
    expect(a.plans).toEqual(b.plans);
    expect(a.audit).toEqual(b.audit);
    expect(a.figures).toEqual(b.figures);
  });

  it('names the row of an error met while checking, and writes nothing', async () => {
    const before = await written(batched);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet(HOUSEHOLD_SHEET.sheet);
    ws.addRow(HOUSEHOLD_SHEET.columns.map((c) => c.header));
    const row = (r: Record<string, unknown>) => ws.addRow(HOUSEHOLD_SHEET.columns.map((c) => r[c.key] ?? null));
    for (let i = 0; i < 30; i++) row({ name: `Hộ mới ${i}`, mapSheet: '1', parcelNo: String(i), areaM2: '10', recoveredM2: '5' });
    row({ name: 'Hộ thu hồi quá diện tích', mapSheet: '2', parcelNo: '1', areaM2: '10', recoveredM2: '12' });
    const e = await importHouseholdWorkbook(batched.db, system, { projectCode: 'DA', buf: Buffer.from(await wb.xlsx.writeBuffer()), fileName: 'ho.xlsx', dryRun: false }).then(
      () => null,
      (x: unknown) => x as { status: number; issues: { message: string }[] },
    );
    expect(e?.status).toBe(422);
    expect(e?.issues.map((i) => i.message)).toEqual(['Trang "Hộ bị ảnh hưởng", dòng 32, cột "Diện tích thu hồi (m²)": không được lớn hơn diện tích thửa đất']);
    expect(await written(batched)).toEqual(before);
  });
});
