/**
 * The demo states what the seed article states, counted from its data through 30/09/2021
 * (DESIGN §7), as the public stats API serves it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/support/http.js';
import type { CampaignStats } from '../figures/figures.service.js';
import { sql } from 'kysely';
import { todayVn } from '../../lib/vi.js';
import { systemActor } from '../../policy/policy.js';
import { addDays } from '../calendar/calendar.service.js';
import { recordDialogue } from '../landClearance/landClearance.engagement.js';
import { openObstacle } from '../landClearance/landClearance.households.js';
import { createProject } from '../landClearance/landClearance.service.js';
import { forgetKeptLines, myWork, projectLines } from '../landClearance/landClearance.stats.js';
import { knownActionLabel } from '../audit/audit.labels.js';
import { loadDemo } from './demo.service.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: false });
  await t.db.db.transaction().execute((trx) => loadDemo(trx, { adminPassword: 'mật khẩu quản trị thử nghiệm' }));
}, 180_000);
afterAll(() => t.close());

describe('the demo data set through 30/09/2021', () => {
  it('gives the seed figures through the public stats API', async () => {
    const res = await new Client(t).request('/api/v1/campaigns/LB-2021/stats?through=2021-09-30');
    expect(res.status).toBe(200);
    const s = (await res.json()) as CampaignStats;
    expect(s.campaign.plan).toMatchObject({ number: '18-KH/QU', date: '2020-12-30' });
    expect(s.units.find((u) => u.kind === 'ward')?.count).toBe(14);
    expect(s.models).toMatchObject({ total: 451, collective: 353, individual: 98 });
    expect(s.rewards.total).toBe(31);
    expect(s.rewards.byField.map((f) => [f.code, f.count])).toEqual([['VHXH', 4], ['MT', 7], ['GPMB', 16], ['KT', 1], ['TTDT', 3]]);
    expect(s.teams.byKind.find((k) => k.kind === 'covidCommunity')).toMatchObject({ teams: 220, members: 2269 });
    expect(s.clearance.projects).toBe(100);
    expect(Object.fromEntries(s.clearance.byCategory.map((c) => [c.category, c.count]))).toEqual({ key: 15, carriedOver: 28, new: 57 });
    expect(s.clearance.bySchedule.reduce((n, x) => n + x.count, 0)).toBe(100);
    expect(s.clearance.plansApproved).toBeGreaterThan(100);
    expect(s.clearance.householdsPaid).toBeLessThanOrEqual(s.clearance.plansApproved);
    expect(s.clearance).not.toHaveProperty('amountPaid'); // no money on the public API
    expect(s.clearance.dialogues).toBeGreaterThan(10);
    // everything the narrative report states is in the public stats
    expect(s.documents.map((d) => d.number)).toEqual(['05-HD/BDVQU', '112-CV/QU', '1520/KH-UBND', '35-TB/QU']);
    expect(s.exemplary).toHaveLength(15);
    expect(s.exemplary[0]).toMatchObject({ name: 'Phòng tuyến áo xanh', by: 'Quận đoàn Long Biên' });
    // issue #23: what the models mobilised, their sectors and recognitions — none of it changes a seed figure above
    for (const [k, v] of Object.entries(s.resources)) expect(v, k).toBeGreaterThan(0);
    expect(s.models.bySector.map((x) => x.sector).sort()).toEqual(['front', 'government', 'party']);
    expect(s.models.bySector.reduce((n, x) => n + x.count, 0)).toBe(451);
    // the rewarded models by sector add up to the rewards (the seed's 31), and every breakdown of the resources to the resources
    expect(s.rewards.bySector.reduce((n, x) => n + x.count, 0)).toBe(s.rewards.total);
    expect(s.rewards.total).toBe(31);
    for (const [by, rows] of Object.entries(s.resourcesBy)) {
      for (const k of Object.keys(s.resources) as (keyof typeof s.resources)[]) {
        const sum = (rows as { resources: typeof s.resources }[]).reduce((n, r) => n + (r.resources[k] ?? 0), 0);
        expect(Math.round(sum * 100) / 100, `${by} ${k}`).toBe(s.resources[k]);
      }
    }
    expect(s.resourcesBy.unit.length).toBeGreaterThan(10);
    expect(s.models.byRecognitionLevel.find((l) => l.level === 'district')?.count).toBe(15);
    expect(s.models.byRecognitionLevel.find((l) => l.level === 'commune')?.count).toBeGreaterThan(10);
  });

  it('names every action its loading recorded in the audit log, on the log page too', async () => {
    const actions = (await t.db.db.selectFrom('audit_log').select('action').distinct().execute()).map((r) => r.action);
    expect(actions.length).toBeGreaterThan(10);
    expect(actions.filter((a) => knownActionLabel(a) === undefined)).toEqual([]);
    const c = new Client(t);
    expect((await c.login('admin', 'mật khẩu quản trị thử nghiệm')).status).toBeLessThan(400);
    const page = await (await c.request('/quan-tri/nhat-ky?thao_tac=model.register')).text();
    expect(page).toContain('<td data-label="Thao tác" title="model.register">Đăng ký mô hình</td>');
    expect(page).toMatch(/<option value="model.register" selected="">Đăng ký mô hình<\/option>/);
    expect(page).toContain('<td data-label="Đối tượng">Mô hình ');
  });

  it('has its waiting model submissions sent in 2021, as the rest of its story, not at load time', async () => {
    const c = new Client(t);
    expect((await c.login('admin', 'mật khẩu quản trị thử nghiệm')).status).toBeLessThan(400);
    const res = await c.request('/api/v1/my-work');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { kind: string; title: string; waitingSince: string | null }[] };
    const models = body.items.filter((i) => i.kind === 'model.decide');
    expect(models).toHaveLength(3);
    for (const m of models) expect(m.waitingSince?.slice(0, 7)).toBe('2021-12');
    // the demo's names already say where: the unit is not repeated in the title
    for (const m of models) expect(m.title.split('Tổ dân phố').length).toBe(2);
  });

  it('keeps the 15 key and 28 carried-over projects on schedule, as the seed says', async () => {
    const lines = await projectLines(t.db.db, { through: '2021-09-30', category: 'carriedOver' });
    expect(lines).toHaveLength(28);
    expect(lines.filter((l) => l.schedule.status === 'behind')).toEqual([]);
    expect(lines.every((l) => l.startedOn! < '2021-01-01')).toBe(true);
    const key = await projectLines(t.db.db, { through: '2021-09-30', category: 'key' });
    expect(key).toHaveLength(15);
    expect(key.filter((l) => !['onSchedule', 'completed', 'stepsDone'].includes(l.schedule.status)).map((l) => [l.code, l.schedule.status])).toEqual([]);
  });

  it('never calls a project "Hoàn thành" while listed households have not handed over, and shows household figures only where they are followed', async () => {
    const today = await projectLines(t.db.db, { through: '2026-12-04' });
    const followed = today.filter((l) => l.followed);
    expect(followed.length).toBe(12);
    for (const l of today) {
      if (l.schedule.status === 'completed' && l.followed) expect(l.handedOver, l.code).toBe(l.households + l.organisations);
      if (l.schedule.status === 'stepsDone') expect(l.schedule.label).toBe(`Các bước xong, còn ${l.households + l.organisations - l.handedOver} hộ chưa bàn giao`);
    }
    // a project followed only at step level: its household figures are unknown on the public page, never "0 hộ (0%)"
    const unfollowed = today.find((l) => !l.followed && l.isPublic)!;
    const page = await (await new Client(t).request(`/gpmb/${unfollowed.code}`)).text();
    expect(page).toContain('chưa được cập nhật đến từng hộ');
    expect(page).not.toMatch(/>0<\/b> hộ đã bàn giao mặt bằng \(0%\)/);
    const api = (await (await new Client(t).request('/api/v1/campaigns/LB-2021/stats?through=2021-09-30')).json()) as CampaignStats;
    expect(api.clearance.followedProjects).toBeGreaterThan(0);
    expect(api.clearance.trackedProjects).toBe(100);
  });

  it('keeps per-project figures equal to those counted from its households and payments', async () => {
    const { currentFigures, figuresByProject, paidByProject } = await import('../landClearance/landClearance.repository.js');
    const [kept, counted, paid] = await Promise.all([currentFigures(t.db.db, {}), figuresByProject(t.db.db, '9999-12-31', {}), paidByProject(t.db.db, '9999-12-31', {})]);
    expect(kept).toHaveLength(100);
    const pick = (id: number) => {
      const c = counted.find((x) => x.project_id === id);
      return [c?.households ?? 0, c?.organisations ?? 0, c?.approved ?? 0, c?.approved_amount ?? 0, c?.paid ?? 0, paid.find((x) => x.project_id === id)?.amount ?? 0, c?.handed_over ?? 0, c?.blocked ?? 0, c?.in_progress ?? 0];
    };
    for (const k of kept) expect([k.households, k.organisations, k.approved, Number(k.approved_amount), k.paid, Number(k.paid_amount), k.handed_over, k.blocked, k.in_progress], String(k.project_id)).toEqual(pick(k.project_id));
  });

  it('gives the same schedule from the compiled catalogue (dashboards) as from the step by step computation (project pages)', async () => {
    const repo = await import('../landClearance/landClearance.repository.js');
    const { compileCatalogue, stepArrays, summariseSchedule } = await import('../landClearance/landClearance.schedule.js');
    const { scheduleOf } = await import('../landClearance/landClearance.service.js');
    const { dayNo, loadCalendar } = await import('../calendar/calendar.service.js');
    const [kinds, active, projects, cal] = await Promise.all([repo.listStepKinds(t.db.db), repo.listStepKinds(t.db.db, true), repo.listProjects(t.db.db, {}), loadCalendar(t.db.db)]);
    const lines = await repo.projectLineRows(t.db.db, {});
    const catalogue = compileCatalogue(kinds);
    let compared = 0;
    for (const p of projects) {
      const rows = await repo.stepsOfProject(t.db.db, p.id);
      const json = lines.find((l) => l.id === p.id)!.steps_json;
      for (const asOf of ['2020-12-31', '2021-03-31', '2021-06-30', '2021-09-30', '2022-06-30', '2026-11-26']) {
        const full = scheduleOf(p, active, rows, cal, asOf);
        const fast = summariseSchedule(catalogue, stepArrays(catalogue, json ? (JSON.parse(json) as number[]) : []), { startedOn: p.started_on, dueOn: p.due_on }, cal, asOf);
        const waiting = full.steps.filter((s) => s.state === 'overdue' || s.state === 'dueSoon');
        const firstDue = waiting.length ? dayNo(waiting.map((s) => s.dueOn!).sort()[0]!) : -1;
        const overdueOpen = waiting.filter((s) => s.state === 'overdue').length;
        expect(fast, `${p.code} ${asOf}`).toEqual({ status: full.status, completed: full.completed, applicable: full.applicable, overdue: full.overdue, dueSoon: full.dueSoon, overdueOpen, firstDue });
        compared++;
      }
    }
    expect(compared).toBe(600);
  });

  it("lists a manager's steps overdue or due soon earliest first, a short list being the start of the whole one", async () => {
    const root = await t.db.db.selectFrom('units').select(['id', 'code', 'name', 'path']).where('code', '=', 'LB').executeTakeFirstOrThrow();
    const wards = await t.db.db.selectFrom('units').select('code').where('kind', '=', 'ward').orderBy('code').execute();
    const user = await t.db.db.selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirstOrThrow();
    // the demo's projects have no officer named: they wait on every manager of their unit
    const actor = { kind: 'user' as const, userId: user.id, username: 'admin', fullName: 'Quản trị', unitId: root.id, unitCode: root.code, unitName: root.name, unitPath: root.path, roles: ['admin' as const], ip: null, via: 'session' as const };
    const rollback = new Error('rollback');
    await expect(
      t.db.db.transaction().execute(async (trx) => {
        // the demo's projects are long finished: twelve started lately, with nothing done yet
        for (let i = 0; i < 12; i++) await createProject(trx, { actor: systemActor('thử'), input: { code: `T-WORK-${i}`, name: `Dự án thử ${i}`, unit: wards[i % wards.length]!.code, category: 'new', startedOn: addDays(todayVn(), -25 - 47 * i) } });
        const all = await myWork(trx, actor, 10_000);
        expect(all.totals.dueSteps).toBeGreaterThan(20);
        expect(all.dueSteps).toHaveLength(all.totals.dueSteps);
        expect(all.totals.overdueSteps).toBe(all.dueSteps.filter((s) => s.state === 'overdue').length);
        expect(all.dueSteps.some((s) => s.state === 'dueSoon')).toBe(true);
        expect(all.dueSteps.map((s) => s.dueOn)).toEqual(all.dueSteps.map((s) => s.dueOn).sort());
        for (const n of [1, 7, 20, all.totals.dueSteps - 3, all.totals.dueSteps - 1]) {
          const short = await myWork(trx, actor, n);
          expect(short.dueSteps).toEqual(all.dueSteps.slice(0, n));
          expect(short.totals).toEqual(all.totals);
        }
        throw rollback;
      }),
    ).rejects.toBe(rollback);
  });

  it('is consistent: paid never above approved, handover after the plan unless agreed', async () => {
    const rows = await t.db.db.selectFrom('clearance_households').select(['code', 'approved_total', 'approved_on', 'paid_total', 'handed_on']).execute();
    for (const h of rows) {
      expect(Number(h.paid_total), h.code).toBeLessThanOrEqual(Number(h.approved_total ?? 0));
      if (h.handed_on) expect(h.handed_on >= (h.approved_on ?? ''), h.code).toBe(true);
    }
  });

  it('has the monthly reports of the 14 wards for January–September 2021, a few late and one missing', async () => {
    const { completeness, compareTotals } = await import('../reporting/reporting.service.js');
    const sys = systemActor();
    const sep = await completeness(t.db.db, sys, { form: 'BC-DV-THANG', period: '2021-09' });
    expect(sep.summary).toBe('13/14 phường đã nộp, 1 nộp muộn');
    expect(sep.lines.filter((l) => l.status === 'missing').map((l) => l.unit.name)).toEqual(['Phường Cự Khối']);
    const jun = await completeness(t.db.db, sys, { form: 'BC-DV-THANG', period: '2021-06' });
    expect(jun.lines.filter((l) => (l.daysLate ?? 0) > 0).map((l) => [l.unit.name, l.daysLate])).toEqual([
      ['Phường Gia Thụy', 5],
      ['Phường Sài Đồng', 2],
    ]);
    expect(jun.approved).toBe(14);
    // targets: each ward's yearly target beside its figures, with what the year has reached
    const { pivot } = await import('../reporting/reporting.service.js');
    const pv = await pivot(t.db.db, sys, { form: 'BC-DV-THANG', periods: ['2021-06', '2021'] });
    const row = pv.rows.find((r) => r.indicator.code === 'giam_chan_nuoi' && r.unit.code === 'LB-BODE')!;
    expect(row.target).toMatchObject({ year: 2021, value: 20, reached: row.values[1] as number });
    const district = pv.rows.find((r) => r.indicator.code === 'giam_chan_nuoi' && r.unit.depth === 0)!;
    expect(district.target?.value).toBe(pv.rows.filter((r) => r.indicator.code === 'giam_chan_nuoi' && r.unit.depth === 1).reduce((a, r) => a + (r.target?.value ?? 0), 0));
    const c = await compareTotals(t.db.db, sys, { form: 'BC-DV-THANG', period: '2021-06' });
    expect(c.closed).toBe(true);
    expect(c.lines.find((l) => l.indicator.code === 'ho_tham')?.changePrevious).toMatch(/^(tăng|giảm) \d+% so với kỳ trước$|^tương đương kỳ trước$/);
  });
});

describe('the kept project lines (dashboards)', () => {
  it('are recomputed for every project a write touches, whatever the table, and equal a fresh computation', async () => {
    const db = t.db.db;
    const actor = systemActor('thử');
    // a household approved by 30/09/2021, not handed over yet, and its project's ward
    const h = (await db
      .selectFrom('clearance_households as h')
      .innerJoin('clearance_projects as p', 'p.id', 'h.project_id')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .select(['h.id', 'h.code', 'h.approved_on', 'p.id as project_id', 'p.code as project', 'p.unit_id', 'u.path'])
      .where('h.approved_on', '<=', '2021-09-30')
      .where('h.handed_on', 'is', null)
      .orderBy('h.id')
      .executeTakeFirst())!;
    // and a project started 150 days ago with nothing done: its steps run late today
    await db.transaction().execute((trx) => createProject(trx, { actor, input: { code: 'T-LINES', name: 'Dự án thử dòng giữ sẵn', unit: 'LB-BODE', category: 'new', startedOn: addDays(todayVn(), -150) } }));
    const views = [{ through: todayVn() }, { through: '2021-09-30', notCompletedBy: '2020-12-31' }, { unitPath: h.path, through: '2021-12-31' }];
    const read = () => Promise.all(views.map((v) => projectLines(db, v)));
    let before = await read();
    /** a write, then: the kept lines equal a fresh computation, and differ from before (so the write counted) */
    const after = async (what: string, write: () => Promise<unknown>) => {
      await write();
      const kept = await read();
      forgetKeptLines(db);
      expect(kept, what).toEqual(await read());
      expect(kept, `${what}: the write changes a line`).not.toEqual(before);
      before = kept;
    };
    // through the services (households, payments, kept figures, dialogues move together)
    await after('obstacle', () => db.transaction().execute((trx) => openObstacle(trx, { actor, code: h.code, input: { openedOn: h.approved_on, description: 'Tranh chấp ranh giới thửa đất' } })));
    await after('dialogue', () => db.transaction().execute((trx) => recordDialogue(trx, { actor, projectCode: h.project, input: { heldOn: '2021-05-12', place: 'Nhà văn hóa tổ 5', chair: 'Chủ tịch UBND phường', participants: 7, households: [] } })));
    // straight into the tables: whatever writes them, the database moves the project's version
    const c = (await db.selectFrom('clearance_complaints').select('id').where('answered_on', '<=', '2021-09-30').orderBy('id').executeTakeFirst())!;
    await after('complaint', () => db.updateTable('clearance_complaints').set({ answered_on: null }).where('id', '=', c.id).execute());
    await after('project', () => db.updateTable('clearance_projects').set({ name: 'Dự án đổi tên' }).where('id', '=', h.project_id).execute());
    await after('project steps', () => db.updateTable('clearance_projects').set({ steps_json: '[]' }).where('id', '=', h.project_id).execute());
    await after('unit renamed', () => db.updateTable('units').set({ name: 'Phường đổi tên' }).where('id', '=', h.unit_id).execute());
    // a working-day deadline (lập phương án) moves past a long run of days off: the new project's step is no longer overdue
    await after('work calendar', () => db.insertInto('calendar_days').values([...Array(200).keys()].map((i) => ({ day: addDays(todayVn(), i - 70), kind: 'holiday' as const, name: 'Nghỉ thử' }))).onConflict((oc) => oc.column('day').doNothing()).execute());
    await after('step catalogue', () => db.updateTable('clearance_step_kinds').set({ deadline_days: sql`deadline_days + 40` }).where('deadline_days', 'is not', null).execute());
  });
});
