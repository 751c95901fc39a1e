/**
 * The batched household import (HouseholdBatch, through the household workbook) must write
 * exactly what adding the households and saving their plans one by one writes: the same codes,
 * households with their summaries, parcels, plans, audit rows and project figures, in order.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.js';
import type { Tx } from '../../db/index.js';
import { actorOf, seedWorld, system } from '../../../test/support/fixtures.js';
import { HOUSEHOLD_SHEET, importHouseholdWorkbook } from './landClearance.excel.js';
import { addHousehold, approvePlan, createHousehold, openObstacle, presentHousehold, presentParcel, recordHandover, recordHouseholdStep, recordPayment, updateHousehold, writePlan } from './landClearance.households.js';
import { findHouseholdByCode, parcelsOf } from './landClearance.repository.js';
import { createProject } from './landClearance.service.js';

let batched: TestDb;
let oneByOne: TestDb;

async function world(db: TestDb) {
  await seedWorld(db.db);
  const council = await actorOf(db.db, 'council-a');
  await db.db.transaction().execute(async (trx) => {
    await createProject(trx, { actor: system, input: { code: 'DA', name: 'Đường liên phường', unit: 'A', category: 'key', startedOn: '2025-01-06' } });
    // recorded before the file, under a code that automatic numbering reaches
    await createHousehold(trx, { actor: system, input: { code: 'DA-H002', project: 'DA', name: 'Hộ đã có', parcels: [{ mapSheet: '1', parcelNo: '2', areaM2: '50', recoveredM2: '20' }] } });
    // households further along, whose summaries an update must recompute from all their records
    await createHousehold(trx, { actor: system, input: { code: 'DA-DUYET', project: 'DA', name: 'Hộ đã duyệt, chi một phần', parcels: [{ mapSheet: '5', parcelNo: '6', areaM2: '200', recoveredM2: '150' }] } });
    await writePlan(trx, { actor: system, code: 'DA-DUYET', input: { land: '100.000.000' } });
    await approvePlan(trx, { actor: council, code: 'DA-DUYET', input: { decisionNumber: '12/QĐ-UBND', approvedOn: '2025-05-05' } });
    await recordHouseholdStep(trx, { actor: system, code: 'DA-DUYET', input: { step: 'kiem-dem', doneOn: '2025-03-10' } });
    // recorded by the system (past facts): confirmed as recorded
    await recordPayment(trx, { actor: system, code: 'DA-DUYET', input: { amount: 60_000_000, paidOn: '2025-05-20' } });
    await openObstacle(trx, { actor: system, code: 'DA-DUYET', input: { openedOn: '2025-04-01', description: 'Chưa đồng ý đơn giá' } });
    await createHousehold(trx, { actor: system, input: { code: 'DA-NHAP', project: 'DA', name: 'Hộ có phương án dự thảo' } });
    await writePlan(trx, { actor: system, code: 'DA-NHAP', input: { land: '5.000.000' } });
    await createHousehold(trx, { actor: system, input: { code: 'DA-HB', project: 'DA', name: 'Hộ đã bàn giao', parcels: [{ mapSheet: '8', parcelNo: '9', areaM2: '80', recoveredM2: '80' }] } });
    await writePlan(trx, { actor: system, code: 'DA-HB', input: { land: '40.000.000' } });
    await approvePlan(trx, { actor: council, code: 'DA-HB', input: { decisionNumber: '13/QĐ-UBND', approvedOn: '2025-05-06' } });
    await recordPayment(trx, { actor: system, code: 'DA-HB', input: { amount: 40_000_000, paidOn: '2025-05-25' } });
    await recordHandover(trx, { actor: system, code: 'DA-HB', input: { handedOn: '2025-06-01' } });
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
/** A second file: updates of households in every state, and one added and updated in the same file (`again`: its code). */
const updates = (again: string): Case[] => [
  // the code numbering gave the first household: other amounts than its draft
  { household: { code: 'DA-H005', name: 'Hộ ông Nguyễn Văn Bình (sửa tên)' }, parcels: [{ mapSheet: '12', parcelNo: '30', areaM2: '120,5', recoveredM2: '100' }], plan: { land: money(1_300_000_000) } },
  // recorded before the first file, without a plan: one is written
  { household: { code: 'DA-H002', name: 'Hộ đã có (cập nhật)' }, parcels: [{ mapSheet: '1', parcelNo: '2', areaM2: '50', recoveredM2: '30' }], plan: { assets: money(10_000_000) } },
  // the approved amounts again, now an organisation, no parcel rows: parcels and plans kept
  { household: { code: 'DA-DUYET', kind: 'organisation', name: 'Hợp tác xã đã duyệt' }, kindCell: 'Tổ chức', parcels: [], plan: { land: money(100_000_000) } },
  // its draft's amounts again: the draft stays
  { household: { code: 'DA-NHAP', name: 'Hộ có phương án dự thảo (đổi tên)' }, parcels: [], plan: { land: money(5_000_000) } },
  // handed over, approved plan: other amounts make a new draft version
  { household: { code: 'DA-HB', name: 'Hộ đã bàn giao' }, parcels: [{ mapSheet: '8', parcelNo: '9', areaM2: '80', recoveredM2: '70' }], plan: { land: money(45_000_000), support: money(2_000_000) } },
  ...Array.from({ length: 30 }, (_, i): Case => ({ household: { code: `DA-H${String(10 + i).padStart(3, '0')}`, name: `Hộ thử số ${i + 1} (đã kiểm đếm lại)` }, parcels: [], plan: { land: money(2_000_000 * (i + 1)) } })),
  { household: { name: 'Hộ mới trong tệp thứ hai' }, parcels: [{ mapSheet: '20', parcelNo: '1', areaM2: '30' }] },
  { household: { code: again, name: 'Hộ mới trong tệp thứ hai (sửa ngay trong tệp)' }, parcels: [{ mapSheet: '20', parcelNo: '1', areaM2: '30', recoveredM2: '30' }], plan: { land: money(9_000_000) } },
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

/** Each household through the services, in order, as the forms write them (as the import did one by one before it was batched). */
async function reference(trx: Tx, cases: Case[]) {
  for (const c of cases) {
    const code = typeof c.household.code === 'string' ? c.household.code : null;
    const existing = code ? await findHouseholdByCode(trx, code) : undefined;
    if (!existing) {
      const h = (await addHousehold(trx, { actor: system, input: { ...c.household, project: 'DA', parcels: c.parcels } })).code;
      if (c.plan) await writePlan(trx, { actor: system, code: h, input: c.plan });
      continue;
    }
    const kept = c.parcels.length ? c.parcels : (await parcelsOf(trx, [existing.id])).map(presentParcel);
    const h = await updateHousehold(trx, { actor: system, code: existing.code, input: { kind: existing.kind, address: existing.address, phone: existing.phone, note: existing.note, ...c.household, project: 'DA', parcels: kept } });
    if (!c.plan) continue;
    const amount = (v: string | undefined) => (v === undefined ? null : Number(v.replace(/\./g, '')));
    const wanted = { land: amount(c.plan.land), assets: amount(c.plan.assets), support: amount(c.plan.support), resettlement: amount(c.plan.resettlement) };
    const same = (p: (typeof h.plans)[number]) => p.land === wanted.land && p.assets === wanted.assets && p.support === wanted.support && p.resettlement === wanted.resettlement;
    const draft = h.plans.find((p) => p.status === 'provisional');
    const approved = h.plans.filter((p) => p.status === 'approved').at(-1);
    if (draft ? same(draft) : approved !== undefined && same(approved)) continue;
    await writePlan(trx, { actor: system, code: h.code, input: c.plan });
  }
}

describe('batched household import', () => {
  it('writes exactly what adding the households and saving their plans one by one writes', async () => {
    const r = await importHouseholdWorkbook(batched.db, system, { projectCode: 'DA', buf: await workbook(fresh), fileName: 'ho.xlsx', dryRun: false });
    expect(r.counts).toEqual({ created: fresh.length, updated: 0, plans: fresh.filter((c) => c.plan).length });
    await oneByOne.db.transaction().execute((trx) => reference(trx, fresh));
    expect(await written(batched)).toEqual(await written(oneByOne));
    // the code the next new household will have: the second file adds one, then updates it
    const n = Number((await batched.db.selectFrom('clearance_project_figures').select((eb) => eb('households', '+', eb.ref('organisations')).as('n')).executeTakeFirstOrThrow()).n);
    let again = '';
    for (let k = n + 1; !again; k++) if (!(await findHouseholdByCode(batched.db, `DA-H${String(k).padStart(3, '0')}`))) again = `DA-H${String(k).padStart(3, '0')}`;
    const second = updates(again);
    const u = await importHouseholdWorkbook(batched.db, system, { projectCode: 'DA', buf: await workbook(second), fileName: 'ho.xlsx', dryRun: false });
    expect(u.counts).toEqual({ created: 1, updated: second.length - 1, plans: second.length - 3 });
    await oneByOne.db.transaction().execute((trx) => reference(trx, second));
    const duyet = await presentHousehold(batched.db, (await findHouseholdByCode(batched.db, 'DA-DUYET'))!);
    expect(duyet).toMatchObject({ kind: 'organisation', state: 'agreed', paidAmount: 60_000_000, parcels: [{ mapSheet: '5', parcelNo: '6', areaM2: 200, recoveredM2: 150 }] });
    expect(duyet.plans.map((p) => p.status)).toEqual(['approved']);
    const hb = await presentHousehold(batched.db, (await findHouseholdByCode(batched.db, 'DA-HB'))!);
    expect(hb).toMatchObject({ state: 'handedOver', recoveredM2: 70 });
    expect(hb.plans.map((p) => [p.version, p.status, p.total])).toEqual([
      [1, 'approved', 40_000_000],
      [2, 'provisional', 47_000_000],
    ]);
    expect((await findHouseholdByCode(batched.db, again))?.name).toBe('Hộ mới trong tệp thứ hai (sửa ngay trong tệp)');
    const a = await written(batched);
    const b = await written(oneByOne);
    expect(a.households.map((h) => h.code).slice(4, 9)).toEqual(['DA-H005', 'DA-H006', 'DA-RIENG', 'DA-RIENG-2', 'DA-H009']);
    expect(a.households[4]).toMatchObject({ name: 'Hộ ông Nguyễn Văn Bình (sửa tên)', recovered_dm2: 10_000, approved_total: null });
    expect(a.figures[0]).toMatchObject({ households: fresh.length + 3, organisations: 2 });
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
