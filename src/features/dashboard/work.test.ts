/**
 * Work reaches whoever must act: every state that waits on someone, in every module, is put in
 * place through the services as real users would, and each lands on the "Việc của tôi" of the
 * people who must act — with who sent it and since when — and on nobody else's. The sender then
 * finds the outcome among their notices. The test fails when a kind of waiting is added to
 * WORK_KINDS without being exercised here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/support/http.js';
import { actorOf, PASSWORD, system } from '../../../test/support/fixtures.js';
import type { Tx } from '../../db/index.js';
import { todayVn } from '../../lib/vi.js';
import { createUser } from '../accounts/accounts.service.js';
import type { UserActor } from '../../policy/policy.js';
import { createDecision, createRound } from '../appraisal/appraisal.service.js';
import { createCampaign } from '../campaigns/campaigns.service.js';
import { createProposal, returnProposal, submitProposal } from '../emulation/emulation.service.js';
import { receiveComplaint } from '../landClearance/landClearance.engagement.js';
import { approvePlan, createHousehold, recordPayment, savePlan } from '../landClearance/landClearance.households.js';
import { actOnStep, createProject } from '../landClearance/landClearance.service.js';
import { acceptModel, registerModel, returnModel, submitModel } from '../models/models.service.js';
import { myNotices } from '../notices/notices.service.js';
import { createArticle, createCategory, editorUsers, returnArticle, setCategoryEditors, submitArticle } from '../portal/portal.service.js';
import { returnReport, saveEntry, saveForm } from '../reporting/reporting.service.js';
import { raiseIssue } from '../supervision/supervision.issues.js';
import { recordMeeting } from '../supervision/supervision.service.js';
import { WORK_KINDS, workOf, type WorkItem, type WorkKind } from './work.service.js';

let t: TestApp;
const tx = <T,>(fn: (trx: Tx) => Promise<T>) => t.db.db.transaction().execute(fn);
const actors = new Map<string, UserActor>();
const as = async (u: string) => {
  let a = actors.get(u);
  if (!a) actors.set(u, (a = await actorOf(t.db.db, u)));
  return a;
};
const listOf = async (u: string) => (await workOf(t.db.db, await as(u))).items;
const seen = new Set<WorkKind>();
/** The items of one kind on a user's list whose title contains `text`. */
async function itemsOn(u: string, kind: WorkKind, text: string): Promise<WorkItem[]> {
  const found = (await listOf(u)).filter((i) => i.kind === kind && i.title.includes(text));
  if (found.length) seen.add(kind);
  return found;
}
/** Asserts that the item lands on exactly the lists of `on`, not on those of `off`. */
async function lands(kind: WorkKind, text: string, on: string[], off: string[], many = false): Promise<WorkItem> {
  for (const u of on) {
    const n = (await itemsOn(u, kind, text)).length;
    if (many) expect(n, `${kind} "${text}" on ${u}'s list`).toBeGreaterThan(0);
    else expect(n, `${kind} "${text}" on ${u}'s list`).toBe(1);
  }
  for (const u of off) expect((await itemsOn(u, kind, text)).length, `${kind} "${text}" not on ${u}'s list`).toBe(0);
  return (await itemsOn(on[0]!, kind, text))[0]!;
}

const today = todayVn();
const daysAgo = (n: number) => todayVn(new Date(Date.now() - n * 86_400_000));
/** The month before this one (the latest period that has ended), as YYYY-MM. */
const lastMonth = (() => {
  const [y, m] = today.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
})();

beforeAll(async () => {
  t = await createTestApp();
  await tx(async (trx) => {
    for (const [username, unit, role] of [
      ['officer-hn', 'HN', 'officer'],
      ['council-hn', 'HN', 'council'],
      ['editor-hn', 'HN', 'editor'],
      ['appraiser-hn', 'HN', 'appraiser'],
      ['officer-b', 'B', 'officer'],
    ] as const)
      await createUser(trx, { actor: system, input: { username, fullName: `Người dùng ${username}`, unit, roles: [role], password: PASSWORD } });
    await createCampaign(trx, { actor: system, input: { code: 'HN-2026', unit: 'HN', year: 2026, theme: 'Năm Dân vận khéo', fields: [{ code: 'F1', name: 'Lĩnh vực 1' }], criteria: [{ code: 'c1', name: 'Hiệu quả', weight: 100 }] } });
  });
});
afterAll(() => t.close());

describe('Việc của tôi: every waiting state reaches whoever must act, and nobody else', () => {
  it('a model sent for acceptance waits on those who accept in the campaign, not on its sender; the outcome reaches the sender', async () => {
    const officerA = await as('officer-a');
    const [m1, m2] = await tx(async (trx) => {
      const a = await registerModel(trx, { actor: officerA, input: { campaign: 'HN-2026', unit: 'A-1', field: 'F1', holder: 'collective', name: 'Mô hình chờ duyệt một' } });
      const b = await registerModel(trx, { actor: officerA, input: { campaign: 'HN-2026', unit: 'A-1', field: 'F1', holder: 'collective', name: 'Mô hình chờ duyệt hai' } });
      await submitModel(trx, { actor: officerA, code: a.code });
      await submitModel(trx, { actor: officerA, code: b.code });
      return [a, b];
    });
    const item = await lands('model.decide', 'Mô hình chờ duyệt một', ['officer-hn', 'root'], ['officer-a', 'officer-b', 'admin-a', 'admin-b', 'viewer-a', 'council-hn']);
    expect(item.from).toContain('Người dùng officer-a');
    expect(item.waitingSince?.slice(0, 10)).toBe(new Date().toISOString().slice(0, 10));
    expect(item.url).toBe(`/quan-tri/mo-hinh/${m1.code}`);

    const officerHn = await as('officer-hn');
    await tx(async (trx) => {
      await acceptModel(trx, { actor: officerHn, code: m1.code });
      await returnModel(trx, { actor: officerHn, code: m2.code, input: { reason: 'Thiếu kết quả cụ thể' } });
    });
    await lands('model.returned', 'Mô hình chờ duyệt hai', ['officer-a'], ['officer-hn', 'officer-b', 'root', 'admin-a']);
    expect(await itemsOn('officer-hn', 'model.decide', 'Mô hình chờ duyệt')).toEqual([]);
    const notices = await myNotices(t.db.db, officerA);
    expect(notices.unread).toBe(2);
    expect(notices.items.map((n) => [n.kind, n.title])).toEqual([
      ['model.returned', 'Mô hình "Mô hình chờ duyệt hai" bị trả lại'],
      ['model.accepted', 'Mô hình "Mô hình chờ duyệt một" đã được duyệt, ghi nhận đăng ký'],
    ]);
    expect(notices.items[0]!.body).toBe('Lý do: Thiếu kết quả cụ thể');
    expect(notices.items[0]!.from).toContain('Người dùng officer-hn');
    // who accepts was told of the two submissions, and of nothing they did themselves; the sender of neither
    expect((await myNotices(t.db.db, officerHn)).items.map((n) => [n.kind, n.title])).toEqual([
      ['model.submitted', 'Mô hình "Mô hình chờ duyệt hai" (Tổ dân phố số 1) gửi đến chờ duyệt'],
      ['model.submitted', 'Mô hình "Mô hình chờ duyệt một" (Tổ dân phố số 1) gửi đến chờ duyệt'],
    ]);
    expect((await myNotices(t.db.db, officerA)).items.filter((n) => n.kind === 'model.submitted')).toEqual([]);
  });

  it('a periodic report waits on its unit until sent, then on the level above; a returned one tells its sender', async () => {
    await tx((trx) => saveForm(trx, { actor: system, input: { code: 'BC-THANG', name: 'Báo cáo tháng', unit: 'HN', periodType: 'month', deadlineDays: 5, reportingKinds: ['ward'], indicators: [{ code: 'so_ho', name: 'Số hộ', type: 'int' }] } }));
    await lands('report.submit', 'Báo cáo tháng', ['officer-a', 'officer-b'], ['officer-hn', 'viewer-a']);
    const officerA = await as('officer-a');
    await tx((trx) => saveEntry(trx, { actor: officerA, form: 'BC-THANG', unit: 'A', period: lastMonth, values: { so_ho: 5 }, submit: true }));
    expect(await itemsOn('officer-a', 'report.submit', 'Báo cáo tháng')).toEqual([]);
    const item = await lands('report.approve', 'Báo cáo tháng', ['officer-hn', 'root'], ['officer-a', 'officer-b', 'admin-b', 'viewer-a']);
    expect(item.from).toBe('Phường Ánh Dương');
    expect(item.waitingSince).not.toBeNull();
    await tx(async (trx) => returnReport(trx, { actor: await as('officer-hn'), form: 'BC-THANG', unit: 'A', period: lastMonth, note: 'Số hộ chưa khớp' }));
    await lands('report.submit', 'Báo cáo tháng', ['officer-a'], ['officer-hn']);
    expect((await myNotices(t.db.db, officerA)).items[0]).toMatchObject({ kind: 'report.returned', body: 'Lý do: Số hộ chưa khớp' });
  });

  it('an article sent for review waits on the editors who may publish it; returning it tells its author', async () => {
    const officerA = await as('officer-a');
    const a = await tx(async (trx) => {
      await createCategory(trx, { actor: system, input: { slug: 'tin', name: 'Tin tức' } });
      // editors publish in the categories given to them
      await setCategoryEditors(trx, { actor: system, slug: 'tin', userIds: (await editorUsers(trx)).map((u) => u.id) });
      const x = await createArticle(trx, { actor: officerA, input: { category: 'tin', title: 'Bài chờ duyệt', body: '<p>Nội dung</p>', unit: 'A' } });
      await submitArticle(trx, { actor: officerA, id: x.id });
      return x;
    });
    const item = await lands('article.review', 'Bài chờ duyệt', ['editor-hn', 'editor-a', 'root'], ['officer-a', 'officer-hn', 'viewer-a', 'admin-b']);
    expect(item.from).toBe('Người dùng officer-a');
    await tx(async (trx) => returnArticle(trx, { actor: await as('editor-hn'), id: a.id, note: 'Cần ảnh minh họa' }));
    expect((await myNotices(t.db.db, officerA)).items[0]).toMatchObject({ kind: 'article.returned', body: 'Lý do: Cần ảnh minh họa' });
    // the submission told the nearest who may publish in its category: ward A's editor, with the category; nobody above
    const reviewers = async (u: string) => (await myNotices(t.db.db, await as(u))).items.filter((n) => n.kind === 'article.review').length;
    expect(await reviewers('editor-a')).toBe(1);
    expect(await reviewers('admin-a')).toBe(1);
    expect(await reviewers('editor-hn')).toBe(0);
    // in a category given to the city's editor only, ward A's editor is not told; ward A's admin (who publishes anywhere) is
    const b = await tx(async (trx) => {
      await createCategory(trx, { actor: system, input: { slug: 'su-kien', name: 'Sự kiện' } });
      await setCategoryEditors(trx, { actor: system, slug: 'su-kien', userIds: [(await as('editor-hn')).userId] });
      const x = await createArticle(trx, { actor: officerA, input: { category: 'su-kien', title: 'Bài sự kiện', body: '<p>Nội dung</p>', unit: 'A' } });
      await submitArticle(trx, { actor: officerA, id: x.id });
      return x;
    });
    expect(b.id).toBeGreaterThan(0);
    expect(await reviewers('editor-a')).toBe(1);
    expect(await reviewers('admin-a')).toBe(2);
    expect(await reviewers('editor-hn')).toBe(0);
  });

  it('land clearance: steps, plans and payments wait on another person who approves; deadlines and overdue complaints on the project’s officers', async () => {
    const officerA = await as('officer-a');
    await tx(async (trx) => {
      await createProject(trx, { actor: system, input: { code: 'DA-CHO', name: 'Dự án chờ duyệt', unit: 'A', category: 'new', startedOn: daysAgo(400) } });
      await createHousehold(trx, { actor: system, input: { code: 'DA-CHO-H1', project: 'DA-CHO', name: 'Hộ một', address: 'Số 1', parcels: [{ mapSheet: '1', parcelNo: '1', areaM2: 100, recoveredM2: 50 }] } });
      await createHousehold(trx, { actor: system, input: { code: 'DA-CHO-H2', project: 'DA-CHO', name: 'Hộ hai', address: 'Số 2', parcels: [{ mapSheet: '1', parcelNo: '2', areaM2: 100, recoveredM2: 50 }] } });
      // the catalogue's first step, done by the ward's officer (an approver must approve it)
      const first = await trx.selectFrom('clearance_step_kinds').select('code').where('active', '=', 1).orderBy('sort_order').executeTakeFirstOrThrow();
      await actOnStep(trx, { actor: officerA, code: 'DA-CHO', step: first.code, input: { action: 'done', doneOn: daysAgo(300) } });
      await savePlan(trx, { actor: officerA, code: 'DA-CHO-H1', input: { land: 100_000_000 } });
      await savePlan(trx, { actor: system, code: 'DA-CHO-H2', input: { land: 50_000_000 } });
      await approvePlan(trx, { actor: system, code: 'DA-CHO-H2', input: { decisionNumber: '1/QĐ-UBND', approvedOn: daysAgo(30) } });
      await recordPayment(trx, { actor: officerA, code: 'DA-CHO-H2', input: { amount: 10_000_000, paidOn: daysAgo(20) } });
      await receiveComplaint(trx, { actor: system, projectCode: 'DA-CHO', input: { kind: 'petition', receivedOn: daysAgo(200), content: 'Kiến nghị quá hạn' } });
      // a petition is answered within 15 days, a complaint within 30: due in 2 days, and in 30
      await receiveComplaint(trx, { actor: system, projectCode: 'DA-CHO', input: { kind: 'petition', receivedOn: daysAgo(13), content: 'Kiến nghị sắp đến hạn' } });
      await receiveComplaint(trx, { actor: system, projectCode: 'DA-CHO', input: { kind: 'complaint', receivedOn: today, content: 'Khiếu nại mới nhận' } });
    });
    const approvers = ['council-hn', 'council-a', 'root', 'admin-a'];
    const others = ['officer-a', 'officer-b', 'viewer-a', 'admin-b', 'council-hn'].filter((u) => !approvers.includes(u));
    const step = await lands('clearance.step', 'Dự án chờ duyệt', approvers, others);
    expect(step.from).toBe('officer-a');
    await lands('clearance.plan', 'DA-CHO-H1', approvers, others);
    const pay = await lands('clearance.payment', 'DA-CHO-H2', approvers, others);
    expect(pay.waitingSince).toBe(daysAgo(20));
    // deadlines wait on whoever manages the project's unit; never on a ward beside it
    const due = await lands('clearance.due', 'Dự án chờ duyệt', ['officer-a'], ['officer-b', 'viewer-a', 'council-hn', 'admin-b'], true);
    expect(due.overdue).toBe(true);
    const fmt = (d: string) => d.split('-').reverse().join('/');
    const late = await lands('clearance.complaint', `đơn nhận ${fmt(daysAgo(200))}`, ['officer-a'], ['officer-b', 'viewer-a', 'admin-b']);
    expect(late).toMatchObject({ dueOn: daysAgo(185), overdue: true });
    // a complaint whose statutory due date is near joins the list before it is late; one far off does not
    const soon = await lands('clearance.complaint', `đơn nhận ${fmt(daysAgo(13))}`, ['officer-a'], ['officer-b', 'viewer-a', 'admin-b']);
    expect(soon).toMatchObject({ dueOn: daysAgo(-2), overdue: false });
    expect(await itemsOn('officer-a', 'clearance.complaint', `đơn nhận ${fmt(today)}`)).toEqual([]);
    // and the daily sweep reminds the officer of it, once
    const { sweepReminders } = await import('./reminders.service.js');
    for (let i = 0; i < 2; i++) await sweepReminders(t.db.db, { now: new Date(), digest: false });
    const reminded = (await myNotices(t.db.db, officerA)).items.filter((n) => n.kind === 'clearance.due' && n.title.includes(`đơn nhận ${fmt(daysAgo(13))}`));
    expect(reminded.map((n) => n.title)).toEqual([`Dự án chờ duyệt: đơn nhận ${fmt(daysAgo(13))} — còn 2 ngày, hạn ${fmt(daysAgo(-2))}`]);
    // approving tells whoever did the work
    await tx(async (trx) => approvePlan(trx, { actor: await as('council-hn'), code: 'DA-CHO-H1', input: { decisionNumber: '2/QĐ-UBND', approvedOn: today } }));
    expect((await myNotices(t.db.db, officerA)).items[0]).toMatchObject({ kind: 'clearance.approved' });
    expect((await itemsOn('council-hn', 'clearance.plan', 'DA-CHO-H1')).length).toBe(0);
  });

  it('a conclusion waits on the unit that owns it; an issue on the unit that decides it', async () => {
    await tx(async (trx) => {
      await recordMeeting(trx, { actor: system, input: { unit: 'HN', kind: 'briefing', title: 'Giao ban tháng', heldOn: daysAgo(10), chair: 'Chủ trì', attendeesCount: 5, conclusions: [{ content: 'Rà soát mô hình của phường', owner: 'A', dueOn: daysAgo(1) }] } });
      await raiseIssue(trx, { actor: system, input: { unit: 'A-1', title: 'Vướng mắc ở tổ dân phố', raisedOn: daysAgo(3) } });
    });
    const k = await lands('conclusion', 'Rà soát mô hình', ['officer-a', 'admin-a'], ['officer-hn', 'root', 'officer-b', 'viewer-a']);
    expect(k).toMatchObject({ from: 'Giao ban tháng', waitingSince: daysAgo(10), dueOn: daysAgo(1), overdue: true });
    const i = await lands('issue', 'Vướng mắc ở tổ dân phố', ['officer-a', 'admin-a'], ['officer-hn', 'officer-b', 'viewer-a']);
    expect(i.waitingSince).toBe(daysAgo(3));
    // a conclusion given by someone tells the owner unit's officers at once; the unit that raised an issue hears how it ended
    const officerHn = await as('officer-hn');
    await tx((trx) => recordMeeting(trx, { actor: officerHn, input: { unit: 'HN', kind: 'briefing', title: 'Giao ban tuần', heldOn: daysAgo(2), chair: 'Chủ trì', attendeesCount: 4, conclusions: [{ content: 'Báo cáo tiến độ bàn giao mặt bằng', owner: 'A', dueOn: today }] } }));
    const told = async (u: string, kind: string) => (await myNotices(t.db.db, await as(u))).items.filter((n) => n.kind === kind).map((n) => n.title);
    const fmt = (d: string) => d.split('-').reverse().join('/');
    expect(await told('officer-a', 'conclusion.assigned')).toEqual([`Giao ban tuần (${fmt(daysAgo(2))}) giao Phường Ánh Dương: Báo cáo tiến độ bàn giao mặt bằng`, `Giao ban tháng (${fmt(daysAgo(10))}) giao Phường Ánh Dương: Rà soát mô hình của phường`]);
    expect(await told('admin-a', 'conclusion.assigned')).toHaveLength(2);
    for (const u of ['officer-hn', 'officer-b', 'viewer-a']) expect(await told(u, 'conclusion.assigned'), u).toEqual([]);
    const { resolveIssue } = await import('../supervision/supervision.issues.js');
    await tx((trx) => resolveIssue(trx, { actor: actors.get('officer-a')!, id: Number(i.url.split('/').pop()), input: { resolution: 'Đã tháo gỡ với tổ dân phố' } }));
    expect(await told('admin-a', 'issue.resolved')).toEqual(['Phường Ánh Dương đã giải quyết vấn đề "Vướng mắc ở tổ dân phố"']);
    expect(await told('officer-a', 'issue.resolved')).toEqual([]);
  });

  it('an open round waits on its appraisers who have models left to score; a draft decision on the council that publishes it', async () => {
    const code = await tx(async (trx) => {
      const m = await registerModel(trx, { actor: system, input: { campaign: 'HN-2026', unit: 'B-1', field: 'F1', holder: 'collective', name: 'Mô hình để chấm', status: 'registered', registeredOn: daysAgo(30) } });
      await createRound(trx, { actor: system, input: { code: 'DOT-1', campaign: 'HN-2026', name: 'Sơ kết thử', kind: 'adhoc', opensOn: daysAgo(5), closesOn: todayVn(new Date(Date.now() + 10 * 86_400_000)), cutoffOn: daysAgo(1), appraisers: ['appraiser-hn'] } });
      await createDecision(trx, { actor: system, input: { number: '99/QĐ-THU', campaign: 'HN-2026', date: today, models: [m.code] } });
      return m.code;
    });
    expect(code).toBeTruthy();
    const r = await lands('appraisal.score', 'Sơ kết thử', ['appraiser-hn'], ['appraiser-a', 'officer-hn', 'council-hn']);
    // its appraisers were told when it was made, and nobody else
    expect((await myNotices(t.db.db, await as('appraiser-hn'))).items.filter((n) => n.kind === 'appraisal.opened').map((n) => n.url)).toEqual(['/quan-tri/tham-dinh/DOT-1']);
    expect((await myNotices(t.db.db, await as('appraiser-a'))).items.filter((n) => n.kind === 'appraisal.opened')).toEqual([]);
    expect(r.waitingSince).toBe(daysAgo(5));
    await lands('decision.publish', '99/QĐ-THU', ['council-hn', 'root'], ['council-a', 'officer-hn', 'officer-a', 'appraiser-hn']);
  });

  it('a proposal for an award waits on the council of the level that decides; a returned one on the unit that sent it', async () => {
    const number = '45/TTr-UBND';
    const id = await tx(async (trx) => {
      const p = await createProposal(trx, { actor: system, input: { number, from: 'A', form: 'BK-TINH', title: 'Đề nghị tặng Bằng khen', recipients: [{ kind: 'individual', name: 'Nguyễn Văn An', role: 'direct' }] } });
      await submitProposal(trx, { actor: system, id: p.id });
      return p.id;
    });
    const item = await lands('award.decide', number, ['council-hn', 'root'], ['council-a', 'officer-a', 'officer-hn', 'admin-a', 'officer-b']);
    expect(item.from).toBe('Phường Ánh Dương');
    await tx((trx) => returnProposal(trx, { actor: system, id, input: { reason: 'Thiếu báo cáo thành tích' } }));
    const back = await lands('award.returned', number, ['officer-a', 'admin-a'], ['council-hn', 'root', 'officer-hn', 'officer-b']);
    expect(back.title).toContain('Thiếu báo cáo thành tích');
    expect(await itemsOn('council-hn', 'award.decide', number)).toEqual([]);
  });

  it('has exercised every kind of waiting there is', () => {
    expect([...seen].sort()).toEqual((Object.keys(WORK_KINDS) as WorkKind[]).sort());
  });

  it('GET /api/v1/my-work answers the page’s list as JSON, and the header counts unread notices', async () => {
    const c = new Client(t);
    expect((await c.login('officer-hn')).status).toBe(200);
    const res = await c.request('/api/v1/my-work');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: WorkItem[]; total: number };
    const w = await workOf(t.db.db, await as('officer-hn'));
    expect(body.total).toBe(w.count);
    expect(body.items).toEqual(JSON.parse(JSON.stringify(w.items)));
    for (const i of body.items) expect(Object.keys(i)).toEqual(expect.arrayContaining(['kind', 'title', 'url', 'from', 'waitingSince']));
    const page = await (await c.request('/quan-tri/viec-cua-toi')).text();
    for (const i of body.items.slice(0, 5)) expect(page).toContain(i.url);

    const a = new Client(t);
    expect((await a.login('officer-a')).status).toBe(200);
    const unread = (await myNotices(t.db.db, await as('officer-a'))).unread;
    expect(unread).toBeGreaterThan(0);
    expect(await (await a.request('/quan-tri')).text()).toContain(`${unread} chưa đọc`);
    const list = (await (await a.request('/api/v1/notices')).json()) as { unread: number; items: { id: number; url: string }[] };
    expect(list.unread).toBe(unread);
    // opening one's notice marks it read and leads to its page; another's answers 404
    const open = await a.request(`/quan-tri/thong-bao/${list.items[0]!.id}`, { method: 'POST', form: { _csrf: a.csrf } });
    expect(open.status).toBe(303);
    expect(open.headers.get('location')).toBe(list.items[0]!.url);
    expect((await myNotices(t.db.db, await as('officer-a'))).unread).toBe(unread - 1);
    expect((await c.request(`/quan-tri/thong-bao/${list.items[1]!.id}`, { method: 'POST', form: { _csrf: c.csrf } })).status).toBe(404);
    expect((await myNotices(t.db.db, await as('officer-a'))).unread).toBe(unread - 1);
  });
});
