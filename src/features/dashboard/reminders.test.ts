/**
 * Reminders and the daily digest (issue #22): a report due soon or overdue reaches the ward that
 * must send it as a notice, once per stage however often (and in however many instances) the
 * sweep runs; the digest e-mail goes once a day to those who take reminders in it; and the people
 * told of a submission are the nearest who must act.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/support/http.js';
import { actorOf, PASSWORD, system } from '../../../test/support/fixtures.js';
import type { Tx } from '../../db/index.js';
import { todayVn } from '../../lib/vi.js';
import { createUser, updateUser, whoActs } from '../accounts/accounts.service.js';
import { saveForm } from '../reporting/reporting.service.js';
import { createReminders, reminderStage, sweepReminders } from './reminders.service.js';
import { workOf, type WorkItem } from './work.service.js';

let t: TestApp;
const tx = <T,>(fn: (trx: Tx) => Promise<T>) => t.db.db.transaction().execute(fn);
/** Noon, Hà Nội time, `days` after the date `on` (YYYY-MM-DD). */
const noonVn = (on: string, days = 0) => new Date(Date.parse(`${on}T05:00:00Z`) + days * 86_400_000);
let officerA = 0;
let report: WorkItem;

const remindersOf = (userId: number) => t.db.db.selectFrom('notices').select(['title', 'ref']).where('user_id', '=', userId).where('kind', '=', 'report.due').orderBy('id').execute();
const digestsOf = (userId: number) => t.db.db.selectFrom('mail_outbox').select(['subject', 'body', 'ref', 'to_address', 'url']).where('user_id', '=', userId).where('kind', '=', 'digest').orderBy('id').execute();

beforeAll(async () => {
  t = await createTestApp();
  await tx(async (trx) => {
    await updateUser(trx, { actor: system, username: 'officer-a', input: { fullName: 'Nguyễn Văn Ánh', unit: 'A', roles: ['officer'], email: 'anh@anhduong.gov.vn' } });
    await saveForm(trx, { actor: system, input: { code: 'BC-THANG', name: 'Báo cáo tháng', unit: 'HN', periodType: 'month', deadlineDays: 5, reportingKinds: ['ward'], indicators: [{ code: 'so_ho', name: 'Số hộ', type: 'int' }] } });
  });
  const actor = await actorOf(t.db.db, 'officer-a');
  officerA = actor.userId;
  const items = (await workOf(t.db.db, actor)).items.filter((i) => i.kind === 'report.submit' && i.dueOn);
  expect(items.length).toBeGreaterThan(0);
  // the latest period: its due date is the one the sweeps below walk around
  report = items.sort((a, b) => (a.dueOn! < b.dueOn! ? 1 : -1))[0]!;
}, 60_000);
afterAll(() => t.close());

describe('reminders', () => {
  it('a due date has one stage a day at most: due soon, overdue, and once a week after', () => {
    expect(reminderStage('2026-03-10', '2026-03-06')).toBeNull();
    expect(reminderStage('2026-03-10', '2026-03-07')).toEqual({ stage: 'soon', text: 'còn 3 ngày, hạn 10/03/2026' });
    expect(reminderStage('2026-03-10', '2026-03-10')).toEqual({ stage: 'soon', text: 'đến hạn hôm nay (10/03/2026)' });
    expect(reminderStage('2026-03-10', '2026-03-11')).toEqual({ stage: 'overdue-0', text: 'quá hạn 1 ngày (hạn 10/03/2026)' });
    expect(reminderStage('2026-03-10', '2026-03-17')?.stage).toBe('overdue-0');
    expect(reminderStage('2026-03-10', '2026-03-18')?.stage).toBe('overdue-1');
  });

  it('a report due soon, then overdue, reminds its ward once per stage, however many sweeps run at once', async () => {
    const due = report.dueOn!;
    // two instances sweeping on the same day, at the same time, then again
    await Promise.all([sweepReminders(t.db.db, { now: noonVn(due, -2), digest: false }), sweepReminders(t.db.db, { now: noonVn(due, -2), digest: false })]);
    await sweepReminders(t.db.db, { now: noonVn(due, -1), digest: false });
    let mine = (await remindersOf(officerA)).filter((r) => r.title.startsWith(report.title.split(' (')[0]!));
    expect(mine.map((r) => r.title.replace(/^.* — /, ''))).toEqual([`còn 2 ngày, hạn ${due.split('-').reverse().join('/')}`]);
    // overdue: once on the first day, not again that week, once more the week after
    for (const d of [1, 2, 7]) await sweepReminders(t.db.db, { now: noonVn(due, d), digest: false });
    await sweepReminders(t.db.db, { now: noonVn(due, 8), digest: false });
    mine = (await remindersOf(officerA)).filter((r) => r.title.startsWith(report.title.split(' (')[0]!));
    expect(mine.map((r) => r.title.replace(/^.* — /, '').replace(/ \(hạn .*\)$/, ''))).toEqual(['còn 2 ngày, hạn ' + due.split('-').reverse().join('/'), 'quá hạn 1 ngày', 'quá hạn 8 ngày']);
    // a ward's report does not remind the city's officers, nor a viewer
    const viewer = await actorOf(t.db.db, 'viewer-a');
    expect(await remindersOf(viewer.userId)).toEqual([]);
    // a reminder is of a kind that goes in the digest by default: no e-mail of its own
    expect(await t.db.db.selectFrom('mail_outbox').select('id').where('kind', '=', 'report.due').execute()).toEqual([]);
  });

  it('the daily digest goes once a day to who takes reminders in it, with what waits on them', async () => {
    const day = todayVn(noonVn(report.dueOn!, 20));
    const first = await sweepReminders(t.db.db, { now: noonVn(report.dueOn!, 20), digest: true });
    expect(first.digests).toBeGreaterThan(0);
    const again = await sweepReminders(t.db.db, { now: noonVn(report.dueOn!, 20), digest: true });
    expect(again.digests).toBe(0);
    const digests = await digestsOf(officerA);
    expect(digests).toHaveLength(1);
    const d = digests[0]!;
    expect(d).toMatchObject({ to_address: 'anh@anhduong.gov.vn', ref: `digest:${day}` });
    expect(d.subject).toMatch(new RegExp(`^Bản tin Khéo ngày ${day.split('-').reverse().join('/')}: \\d+ việc đang chờ, \\d+ quá hạn$`));
    expect(d.body).toContain('Kính gửi đồng chí Nguyễn Văn Ánh,');
    expect(d.body).toContain('Báo cáo định kỳ');
    expect(d.body).toBe(d.body.normalize('NFC'));
    // the next day: a new digest (its report is still overdue)
    await sweepReminders(t.db.db, { now: noonVn(report.dueOn!, 21), digest: true });
    expect(await digestsOf(officerA)).toHaveLength(2);
    // someone without an address gets none
    const admin = await actorOf(t.db.db, 'admin-a');
    expect(await digestsOf(admin.userId)).toEqual([]);
  });

  it('the digest e-mail is the printable digest of its day: the same count, late work, kinds and sections', async () => {
    const today = todayVn();
    await sweepReminders(t.db.db, { now: new Date(), digest: true });
    const mail = (await digestsOf(officerA)).find((m) => m.ref === `digest:${today}`);
    expect(mail, 'a digest today: the ward has overdue reports').toBeDefined();
    expect(mail!.url).toBe(`/quan-tri/viec-cua-toi/ban-tin?ngay=${encodeURIComponent(today.split('-').reverse().join('/'))}`);
    const c = new Client(t);
    expect((await c.login('officer-a')).status).toBe(200);
    const res = await c.request(mail!.url);
    expect(res.status).toBe(200);
    const page = (await res.text()).replace(/<[^>]+>/g, ' ').replace(/&quot;/g, '"').replace(/\s+/g, ' ');
    const body = mail!.body.split('\n');
    const head = /^ĐANG CHỜ ĐỒNG CHÍ: ([\d.]+) việc, ([\d.]+) đã quá hạn$/.exec(body.find((l) => l.startsWith('ĐANG CHỜ'))!);
    expect(head, mail!.body).not.toBeNull();
    expect(page).toContain(`Đang chờ bạn: ${head![1]} việc, ${head![2]} đã quá hạn`);
    // every kind waiting, with its exact total, as on the page's table
    const from = body.findIndex((l) => l.startsWith('ĐANG CHỜ')) + 1;
    const kinds = body.slice(from, body.indexOf('', from)).map((l) => /^- (.*): ([\d.]+)$/.exec(l)!);
    expect(kinds.length).toBeGreaterThan(0);
    for (const [, label, n] of kinds) expect(page).toContain(`${label} ${n}`);
    // the page's sections, in the e-mail too
    expect(body).toContain(`ĐẾN HẠN NGÀY ${today.split('-').reverse().join('/')}`);
    expect(page).toContain('Đến hạn hôm nay');
    const yesterday = todayVn(new Date(Date.now() - 86_400_000)).split('-').reverse().join('/');
    expect(body).toContain(`NGÀY ${yesterday} TRONG ĐƠN VỊ`);
    expect(page).toContain(`Ngày ${yesterday} trong đơn vị`);
  });

  it('the sweep of an instance runs from the digest hour, once a day', async () => {
    const r = createReminders(t.db.db, { digestHour: 7, digest: false });
    const vn = (day: number, hhmm: string) => new Date(Date.parse(`${todayVn(noonVn(report.dueOn!, day))}T${hhmm}:00+07:00`));
    expect(await r.tick(vn(30, '06:30'))).toBeNull();
    expect(await r.tick(vn(30, '07:05'))).toMatchObject({ digests: 0 });
    expect(await r.tick(vn(30, '18:00'))).toBeNull();
    expect((await r.tick(vn(31, '07:00')))?.users).toBeGreaterThan(0);
    await r.stop();
  });
});

describe('who is told of a submission', () => {
  it('the nearest unit at or above that has someone who acts; exact: that unit only', async () => {
    const a1 = await t.db.db.selectFrom('units').select('path').where('code', '=', 'A-1').executeTakeFirstOrThrow();
    const b1 = await t.db.db.selectFrom('units').select('path').where('code', '=', 'B-1').executeTakeFirstOrThrow();
    const idOf = async (u: string) => (await t.db.db.selectFrom('users').select('id').where('username', '=', u).executeTakeFirstOrThrow()).id;
    // ward A decides for its group A-1, which has nobody of its own
    const ward = (await whoActs(t.db.db, 'model.decide', a1.path)).sort();
    expect(ward).toEqual([await idOf('admin-a'), await idOf('officer-a')].sort());
    expect(await whoActs(t.db.db, 'model.decide', a1.path, { exact: true })).toEqual([]);
    // once the group has its own officer, it is them
    await tx((trx) => createUser(trx, { actor: system, input: { username: 'officer-a1', fullName: 'Cán bộ tổ 1', unit: 'A-1', roles: ['officer'], password: PASSWORD } }));
    expect(await whoActs(t.db.db, 'model.decide', a1.path)).toEqual([await idOf('officer-a1')]);
    // ward B has an admin only
    expect(await whoActs(t.db.db, 'model.decide', b1.path)).toEqual([await idOf('admin-b')]);
    // the one who submits is left out before the level is chosen: the group's only officer sends, the ward is told
    expect((await whoActs(t.db.db, 'model.decide', a1.path, { except: await actorOf(t.db.db, 'officer-a1') })).sort()).toEqual(ward);
    // above the top there is nobody (on PostgreSQL an empty list of units must not reach the query)
    expect(await whoActs(t.db.db, 'report.approve', '/')).toEqual([]);
  });
});
