import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.js';
import { actorOf, seedWorld, system } from '../../../test/support/fixtures.js';
import type { UserActor } from '../../policy/policy.js';
import type { Tx } from '../../db/index.js';
import { createCampaign } from '../campaigns/campaigns.service.js';
import { campaignStats } from '../figures/figures.service.js';
import { WorkCalendar } from '../calendar/calendar.service.js';
import { approvePlan, confirmPayment, createHousehold, getHousehold, openObstacle, recordHandover, recordPayment, resolveObstacle, savePlan } from './landClearance.households.js';
import { computeSchedule, type StepFacts } from './landClearance.schedule.js';
import { actOnStep, createProject, getProject } from './landClearance.service.js';
import { clearanceDashboard, myWork } from './landClearance.stats.js';

/** a text containing `s` (typed for toMatchObject / toEqual) */
const has = (s: string): string => expect.stringContaining(s) as string;

let db: TestDb;
let officer: UserActor, council: UserActor, adminA: UserActor, viewer: UserActor, adminB: UserActor;
const tx = <T>(fn: (trx: Tx) => Promise<T>) => db.db.transaction().execute((trx) => fn(trx));

beforeAll(async () => {
  db = await createTestDb();
  await seedWorld(db.db);
  officer = await actorOf(db.db, 'officer-a');
  council = await actorOf(db.db, 'council-a');
  adminA = await actorOf(db.db, 'admin-a');
  viewer = await actorOf(db.db, 'viewer-a');
  adminB = await actorOf(db.db, 'admin-b');
  await tx((trx) => createCampaign(trx, { actor: system, input: { code: 'HN-2021', unit: 'HN', year: 2021, theme: 'Năm Dân vận khéo', fields: [{ code: 'GPMB', name: 'Giải phóng mặt bằng' }] } }));
});
afterAll(() => db.destroy());

const TET_2021 = ['2021-02-10', '2021-02-11', '2021-02-12', '2021-02-13', '2021-02-14', '2021-02-15', '2021-02-16'].map((day) => ({ day, kind: 'holiday' as const }));

describe('working days and deadlines', () => {
  it('counts working days around Tết and make-up Saturdays', () => {
    const cal = new WorkCalendar([...TET_2021, { day: '2021-02-20', kind: 'workday' }]);
    expect(cal.isWorkingDay('2021-02-11')).toBe(false);
    expect(cal.isWorkingDay('2021-02-20')).toBe(true); // a Saturday worked in exchange
    // Mon 8/2 + 1 = Tue 9/2; then Tết (10–16/2); + 2 = Wed 17/2; + 3 = Thu 18/2
    expect(cal.addWorkingDays('2021-02-08', 1)).toBe('2021-02-09');
    expect(cal.addWorkingDays('2021-02-08', 2)).toBe('2021-02-17');
    expect(cal.addWorkingDays('2021-02-08', 3)).toBe('2021-02-18');
    expect(cal.addWorkingDays('2021-02-13', 0)).toBe('2021-02-17'); // day 0 on a holiday: the next working day
    expect(new WorkCalendar().addWorkingDays('2021-02-08', 3)).toBe('2021-02-11');
    expect(cal.add('2021-01-20', 60, 'calendar')).toBe('2021-03-21');
  });

  it('chains due dates from completed steps, flags overdue and due soon, and derives the schedule status', () => {
    const step = (code: string, over: Partial<StepFacts>): StepFacts => ({ code, name: code, sortOrder: 0, deadlineDays: null, dayKind: 'calendar', countedFrom: null, optional: false, status: 'pending', plannedOn: null, doneOn: null, ...over });
    const steps = [
      step('a', { sortOrder: 1, deadlineDays: 30, status: 'approved', doneOn: '2021-01-20' }),
      step('b', { sortOrder: 2, deadlineDays: 60, countedFrom: 'a' }),
      step('c', { sortOrder: 3, deadlineDays: 10, dayKind: 'working', countedFrom: 'b' }),
      step('d', { sortOrder: 4, optional: true, countedFrom: 'c' }),
    ];
    const cal = new WorkCalendar();
    const onTime = computeSchedule(steps, { startedOn: '2021-01-04', dueOn: '2021-12-31' }, cal, '2021-03-16');
    expect(onTime.steps.map((s) => [s.code, s.dueOn, s.state])).toEqual([
      ['a', '2021-02-03', 'completed'],
      ['b', '2021-03-21', 'dueSoon'],
      ['c', '2021-04-02', 'pending'],
      ['d', null, 'pending'],
    ]);
    expect(onTime.status).toBe('onSchedule');
    expect(onTime.applicable).toBe(3); // the optional step applies only once taken up
    const late = computeSchedule(steps, { startedOn: '2021-01-04', dueOn: '2021-12-31' }, cal, '2021-03-25');
    expect(late.steps[1]).toMatchObject({ state: 'overdue', lateDays: 4 });
    expect(late.status).toBe('behind');
    // a paused step stops the clock of the steps counted from it
    const paused = computeSchedule(steps.map((s) => (s.code === 'b' ? { ...s, status: 'paused' as const } : s)), { startedOn: '2021-01-04', dueOn: null }, cal, '2021-05-01');
    expect(paused.steps.find((s) => s.code === 'c')).toMatchObject({ dueOn: null, state: 'pending' });
    expect(paused.status).toBe('onSchedule');
  });
});

describe('a project from steps to handover', () => {
  it('creates a project in scope only, with Vietnamese errors for bad input', async () => {
    const p = await tx((trx) => createProject(trx, { actor: officer, input: { code: 'A-DA1', name: 'Đường vành đai 2,5 đoạn qua phường Ánh Dương'.normalize('NFD'), unit: 'A', category: 'key', areaM2: '12.345,5', householdsAffected: 3, startedOn: '04/01/2021', dueOn: '31/12/2021', officer: 'officer-a' } }));
    expect(p).toMatchObject({ code: 'A-DA1', name: 'Đường vành đai 2,5 đoạn qua phường Ánh Dương', areaM2: 12345.5, categoryLabel: 'Trọng điểm', officer: 'officer-a' });
    expect(p.steps.map((s) => s.code)).toContain('chi-tra');
    await expect(tx((trx) => createProject(trx, { actor: officer, input: { name: 'Dự án phường B', unit: 'B', category: 'new' } }))).rejects.toMatchObject({ status: 403 });
    await expect(tx((trx) => createProject(trx, { actor: officer, input: { name: 'X', unit: 'A', category: 'new', areaM2: '1.234' } }))).rejects.toMatchObject({ status: 422, issues: [{ field: 'areaM2', message: has('Diện tích thu hồi (m²): "1.234" không rõ') }] });
    await expect(tx((trx) => createProject(trx, { actor: officer, input: { name: 'X', unit: 'A', category: 'new', areaM2: -5 } }))).rejects.toMatchObject({ status: 422, issues: [{ field: 'areaM2', message: 'Diện tích thu hồi (m²): không được là số âm' }] });
    await expect(tx((trx) => createProject(trx, { actor: officer, input: { name: 'X', unit: 'A', category: 'gấp' } }))).rejects.toMatchObject({ status: 422, issues: [{ field: 'category' }] });
  });

  it('keeps maker and checker apart on steps, and needs a reason to set a step aside', async () => {
    const done = await tx((trx) => actOnStep(trx, { actor: adminA, code: 'A-DA1', step: 'thong-bao', input: { action: 'done', doneOn: '2021-01-15' } }));
    expect(done.steps[0]).toMatchObject({ code: 'thong-bao', status: 'done', state: 'awaitingApproval', doneBy: 'admin-a' });
    await expect(tx((trx) => actOnStep(trx, { actor: adminA, code: 'A-DA1', step: 'thong-bao', input: { action: 'approve' } }))).rejects.toMatchObject({ status: 403, message: has('không được tự duyệt') });
    await expect(tx((trx) => actOnStep(trx, { actor: officer, code: 'A-DA1', step: 'thong-bao', input: { action: 'approve' } }))).rejects.toMatchObject({ status: 403 });
    const approved = await tx((trx) => actOnStep(trx, { actor: council, code: 'A-DA1', step: 'thong-bao', input: { action: 'approve' } }));
    expect(approved.steps[0]).toMatchObject({ status: 'approved', state: 'completed', approvedBy: 'council-a' });
    await expect(tx((trx) => actOnStep(trx, { actor: officer, code: 'A-DA1', step: 'doi-thoai', input: { action: 'notApplicable' } }))).rejects.toMatchObject({ status: 422, issues: [{ field: 'reason' }] });
    const na = await tx((trx) => actOnStep(trx, { actor: officer, code: 'A-DA1', step: 'doi-thoai', input: { action: 'notApplicable', reason: 'Các hộ đều đồng thuận với phương án' } }));
    expect(na.steps.find((s) => s.code === 'doi-thoai')).toMatchObject({ state: 'notApplicable', reason: 'Các hộ đều đồng thuận với phương án' });
    // kiểm đếm due 60 days after the notice was done (15/01 → 16/03/2021)
    expect(na.steps.find((s) => s.code === 'kiem-dem')?.dueOn).toBe('2021-03-16');
  });

  it('runs a household through plan, payment, obstacle and handover, refusing what the rules forbid', async () => {
    const h = await tx((trx) => createHousehold(trx, { actor: officer, input: { project: 'A-DA1', name: 'Hộ ông Nguyễn Văn Bình', address: 'Số 5 ngõ 12 phố Ánh Dương', parcels: [{ mapSheet: '12', parcelNo: '34', landType: 'ODT', areaM2: '120,5', recoveredM2: '85,5' }] } }));
    expect(h).toMatchObject({ code: 'A-DA1-H001', state: 'new', recoveredM2: 85.5 });
    await expect(tx((trx) => createHousehold(trx, { actor: adminB, input: { project: 'A-DA1', name: 'Hộ ngoài phạm vi' } }))).rejects.toMatchObject({ status: 403 });
    await expect(tx((trx) => savePlan(trx, { actor: officer, code: h.code, input: { land: '1.000.000.000,5' } }))).rejects.toMatchObject({ status: 422, issues: [{ field: 'land', message: has('số nguyên') }] });
    await tx((trx) => savePlan(trx, { actor: officer, code: h.code, input: { land: '1.000.000.000', assets: '200.000.000', support: 50_000_000 } }));
    await expect(tx((trx) => recordPayment(trx, { actor: officer, code: h.code, input: { amount: 1, paidOn: '2021-05-01' } }))).rejects.toMatchObject({ status: 422 });
    await expect(tx((trx) => approvePlan(trx, { actor: officer, code: h.code, input: { decisionNumber: '1234/QĐ-UBND', approvedOn: '2021-04-01' } }))).rejects.toMatchObject({ status: 403 });
    const approved = await tx((trx) => approvePlan(trx, { actor: council, code: h.code, input: { decisionNumber: '1234/QĐ-UBND', approvedOn: '01/04/2021' } }));
    expect(approved).toMatchObject({ state: 'agreed', approvedAmount: 1_250_000_000, payBy: '2021-05-01' });
    expect(approved.plans[0]).toMatchObject({ status: 'approved', total: 1_250_000_000, decisionNumber: '1234/QĐ-UBND' });

    const before = await db.db.selectFrom('clearance_payments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    await expect(tx((trx) => recordPayment(trx, { actor: officer, code: h.code, input: { amount: 1_250_000_001, paidOn: '2021-04-20' } }))).rejects.toMatchObject({ status: 422, issues: [{ field: 'amount', message: has('vượt số còn phải trả') }] });
    await expect(tx((trx) => recordPayment(trx, { actor: officer, code: h.code, input: { amount: 1000, paidOn: '2021-03-20' } }))).rejects.toMatchObject({ status: 422, issues: [{ field: 'paidOn' }] });
    const after = await db.db.selectFrom('clearance_payments').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));

    await tx((trx) => recordPayment(trx, { actor: officer, code: h.code, input: { amount: '1.000.000.000', paidOn: '2021-04-20', receiptNo: 'PC-01' } }));
    const late = await tx((trx) => recordPayment(trx, { actor: officer, code: h.code, input: { amount: 250_000_000, paidOn: '2021-05-11', method: 'cash' } }));
    expect(late.payments[1]).toMatchObject({ status: 'recorded', lateDays: 10, lateAmount: 750_000 });
    expect(late.state).toBe('agreed'); // recorded, not yet confirmed by a second person
    const work = await myWork(db.db, council);
    expect(work.confirmPayments.map((p) => p.amount)).toEqual([1_000_000_000, 250_000_000]);
    await expect(tx((trx) => confirmPayment(trx, { actor: officer, code: h.code, paymentId: late.payments[0]!.id }))).rejects.toMatchObject({ status: 403 });
    for (const p of late.payments) await tx((trx) => confirmPayment(trx, { actor: council, code: h.code, paymentId: p.id }));
    expect((await getHousehold(db.db, officer, h.code)).state).toBe('paid');

    await tx((trx) => openObstacle(trx, { actor: officer, code: h.code, input: { openedOn: '2021-05-12', description: 'Tranh chấp ranh giới với hộ liền kề' } }));
    await expect(tx((trx) => recordHandover(trx, { actor: officer, code: h.code, input: { handedOn: '2021-05-20' } }))).rejects.toMatchObject({ status: 422, message: has('vướng mắc') });
    const o = (await getHousehold(db.db, officer, h.code)).obstacles[0]!;
    await tx((trx) => resolveObstacle(trx, { actor: officer, code: h.code, obstacleId: o.id, input: { resolvedOn: '2021-05-18', resolution: 'Đo đạc lại, hai hộ thống nhất' } }));
    await expect(tx((trx) => recordHandover(trx, { actor: officer, code: h.code, input: { handedOn: '2021-05-20', areaM2: '90' } }))).rejects.toMatchObject({ status: 422, issues: [{ field: 'areaM2' }] });
    const handed = await tx((trx) => recordHandover(trx, { actor: officer, code: h.code, input: { handedOn: '2021-05-20', areaM2: '85,5', minutesNo: 'BB-01' } }));
    expect(handed).toMatchObject({ state: 'handedOver', handover: { handedOn: '2021-05-20', areaM2: 85.5 } });
    expect(handed.obstacles[0]).toMatchObject({ daysOpen: 6 });
  });

  it('refuses a handover before the plan is approved unless an agreement is recorded', async () => {
    const h = await tx((trx) => createHousehold(trx, { actor: officer, input: { project: 'A-DA1', kind: 'organisation', name: 'Công ty TNHH Ánh Dương' } }));
    await expect(tx((trx) => recordHandover(trx, { actor: officer, code: h.code, input: { handedOn: '2021-03-01' } }))).rejects.toMatchObject({ status: 422, issues: [{ field: 'handedOn', message: has('thỏa thuận') }] });
    const early = await tx((trx) => recordHandover(trx, { actor: officer, code: h.code, input: { handedOn: '2021-03-01', earlyAgreement: 'Biên bản thỏa thuận bàn giao trước ngày 25/02/2021' } }));
    expect(early.state).toBe('handedOver');
  });

  it('keeps personal data behind its own permission', async () => {
    await expect(getHousehold(db.db, viewer, 'A-DA1-H001')).rejects.toMatchObject({ status: 403 });
    // another ward's household: as one that does not exist (issue #20)
    await expect(getHousehold(db.db, adminB, 'A-DA1-H001')).rejects.toMatchObject({ status: 404, message: 'Không tìm thấy hộ "A-DA1-H001".' });
    expect((await getProject(db.db, viewer, 'A-DA1')).code).toBe('A-DA1');
  });

  it('counts the figures through a date on the dashboard and in the campaign stats', async () => {
    const d = await clearanceDashboard(db.db, adminA, { through: '2021-06-30' });
    expect(d.totals).toMatchObject({ projects: 1, households: 2, plansApproved: 1, amountApproved: 1_250_000_000, householdsPaid: 1, amountPaid: 1_250_000_000, handedOver: 2 });
    const early = await clearanceDashboard(db.db, adminA, { through: '2021-04-30' });
    expect(early.totals).toMatchObject({ plansApproved: 1, householdsPaid: 0, amountPaid: 1_000_000_000, handedOver: 1 });
    const s = await campaignStats(db.db, 'HN-2021', '2021-09-30');
    expect(s.clearance.projects).toBe(1);
    expect(s.clearance.byCategory.find((c) => c.category === 'key')?.count).toBe(1);
    expect(s.clearance.householdsPaid).toBe(1);
  });
});

describe('bundle sections clearanceProjects and households', () => {
  it('export then import into an empty database gives the same projects, steps, households, plans, payments and handovers', async () => {
    const { bundle } = await import('../exchange/registry.js');
    await tx((trx) => createHousehold(trx, { actor: officer, input: { project: 'A-DA1', name: 'Hộ ông Lò Văn Tách Thửa', parcels: [{ mapSheet: '3', parcelNo: '7', landType: 'LUC', areaM2: 300, recoveredM2: '120,25' }, { mapSheet: '3', parcelNo: '8', recoveredM2: 10 }] } }));
    const exported = await bundle.exportBundle(db.db, system);
    expect(exported.clearanceProjects).toHaveLength(1);
    expect((exported.households as { name: string }[]).map((h) => h.name)).toContain('Hộ ông Nguyễn Văn Bình');
    expect((exported.households as Record<string, unknown>[]).find((h) => h.code === 'A-DA1-H001')).toMatchObject({ parcels: [{ mapSheet: '12', parcelNo: '34', landType: 'ODT', areaM2: 120.5, recoveredM2: 85.5 }], approvedAmount: 1_250_000_000, approvedOn: '2021-04-01', paidAmount: 1_250_000_000, handedOverOn: '2021-05-20' });
    const other = await createTestDb();
    try {
      await other.db.transaction().execute((trx) => bundle.importBundle(trx, system, exported));
      const again = await bundle.exportBundle(other.db, system);
      expect(again.clearanceProjects).toEqual(exported.clearanceProjects);
      expect(again.households).toEqual(exported.households);
      const d = await clearanceDashboard(other.db, system, { through: '2021-06-30' });
      expect(d.totals).toMatchObject({ plansApproved: 1, householdsPaid: 1, amountPaid: 1_250_000_000, handedOver: 2 });
    } finally {
      await other.destroy();
    }
  });

  it('refuses a household whose payments exceed its approved amount, naming the record, and writes nothing', async () => {
    const { bundle } = await import('../exchange/registry.js');
    const before = await db.db.selectFrom('clearance_households').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const doc = { version: 1, households: [{ code: 'A-DA1-X1', project: 'A-DA1', name: 'Hộ nhập thử', approvedAmount: 100, approvedOn: '2021-04-01', paidAmount: 101, paidOn: '2021-04-05' }] };
    await expect(db.db.transaction().execute((trx) => bundle.importBundle(trx, system, doc))).rejects.toMatchObject({ status: 422, issues: [{ field: 'households[0].paidAmount', message: has('vượt số tiền phương án') }] });
    const after = await db.db.selectFrom('clearance_households').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});

describe('the figures kept per project', () => {
  it('equal, after every kind of write above, the figures counted from the households and payments', async () => {
    const { currentFigures, figuresByProject, paidByProject } = await import('./landClearance.repository.js');
    const kept = await currentFigures(db.db, {});
    const counted = await figuresByProject(db.db, '9999-12-31', {});
    const paid = await paidByProject(db.db, '9999-12-31', {});
    expect(kept.length).toBeGreaterThan(0);
    for (const k of kept) {
      const c = counted.find((x) => x.project_id === k.project_id);
      expect({ households: k.households, organisations: k.organisations, approved: k.approved, approved_amount: Number(k.approved_amount), paid: k.paid, paid_amount: Number(k.paid_amount), handed_over: k.handed_over, blocked: k.blocked, in_progress: k.in_progress, recovered_dm2: Number(k.recovered_dm2) }).toEqual({
        households: c?.households ?? 0,
        organisations: c?.organisations ?? 0,
        approved: c?.approved ?? 0,
        approved_amount: c?.approved_amount ?? 0,
        paid: c?.paid ?? 0,
        paid_amount: paid.find((x) => x.project_id === k.project_id)?.amount ?? 0,
        handed_over: c?.handed_over ?? 0,
        blocked: c?.blocked ?? 0,
        in_progress: c?.in_progress ?? 0,
        recovered_dm2: c?.recovered_dm2 ?? 0,
      });
    }
  });
});
