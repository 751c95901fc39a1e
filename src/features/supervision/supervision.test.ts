/**
 * Meetings and conclusions: a conclusion needs an owner and a due date; the owner closes it with
 * evidence, nobody else; overdue ones reach "Việc của tôi", the briefing pack and the meeting
 * page; the narrative report counts the briefing conferences held.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../../db/index.js';
import { Client, createTestApp, type TestApp } from '../../../test/support/http.js';
import { actorOf, system } from '../../../test/support/fixtures.js';
import * as supervision from './supervision.service.js';

let t: TestApp;
const tx = <T>(fn: (trx: Tx) => Promise<T>): Promise<T> => t.db.db.transaction().execute((trx) => fn(trx));
const MEETING = { unit: 'HN', kind: 'briefing', title: 'Hội nghị giao ban quý I', heldOn: '2025-04-09', chair: 'đồng chí Phó Bí thư', attendeesCount: 40 };

beforeAll(async () => {
  t = await createTestApp();
  await tx(async (trx) => {
    const { createUser } = await import('../accounts/accounts.service.js');
    await createUser(trx, { actor: system, input: { username: 'officer-b', fullName: 'Cán bộ phường B', unit: 'B', roles: ['officer'], password: 'mat-khau-thu-nghiem-du-dai' } });
  });
});
afterAll(() => t.close());

describe('meetings and conclusions', () => {
  it('refuses a conclusion without an owner or a due date, naming it, and writes nothing', async () => {
    await expect(
      tx((trx) => supervision.recordMeeting(trx, { actor: system, input: { ...MEETING, conclusions: [{ content: 'Việc không ai làm', owner: '', dueOn: '' }] } })),
    ).rejects.toMatchObject({ status: 422, issues: [{ field: 'conclusions[0].owner', message: 'Kết luận 1: cần đơn vị chịu trách nhiệm' }, { field: 'conclusions[0].dueOn', message: 'Kết luận 1: cần hạn hoàn thành' }] });
    expect(await supervision.listMeetings(t.db.db, system)).toEqual([]);
  });

  it('lets only the owner unit close a conclusion, and only with evidence; the overdue ones surface', async () => {
    const m = await tx((trx) =>
      supervision.recordMeeting(trx, {
        actor: system,
        input: { ...MEETING, conclusions: [{ content: 'Đối thoại với các hộ còn vướng mắc', owner: 'A', dueOn: '30/04/2025' }, { content: 'Báo cáo kết quả mô hình', owner: 'B', dueOn: '2025-05-15' }] },
      }),
    );
    const [a, b] = m.conclusions;
    expect(a).toMatchObject({ ownerName: 'Phường Ánh Dương', status: 'open', overdue: true });
    const officerA = await actorOf(t.db.db, 'officer-a');
    const officerB = await actorOf(t.db.db, 'officer-b');
    await expect(tx((trx) => supervision.completeConclusion(trx, { actor: officerB, id: a!.id, input: { evidence: 'Đã làm' } }))).rejects.toMatchObject({ status: 403 });
    await expect(tx((trx) => supervision.completeConclusion(trx, { actor: officerA, id: a!.id, input: { evidence: '  ' } }))).rejects.toMatchObject({ status: 422, issues: [{ field: 'evidence' }] });
    const done = await tx((trx) => supervision.completeConclusion(trx, { actor: officerA, id: a!.id, input: { evidence: 'Biên bản đối thoại ngày 28/04/2025', doneOn: '28/04/2025' } }));
    expect(done).toMatchObject({ status: 'done', doneOn: '2025-04-28', overdue: false });
    // B's is still overdue: on its officer's "Việc của tôi", and in the city's view of the meeting
    const c = new Client(t);
    await c.login('officer-b');
    const work = await (await c.request('/quan-tri/viec-cua-toi')).text();
    expect(work).toContain('Báo cáo kết quả mô hình');
    expect(work).toContain('đã quá hạn');
    expect((await supervision.openConclusionsOf(t.db.db, '/', '2099-01-01')).map((k) => k.id)).toEqual([b!.id]);
  });

  it('records a meeting from the admin form, conclusions one a line, with errors beside the field', async () => {
    const c = new Client(t);
    await c.login('root');
    const bad = await c.postForm('/quan-tri/hoi-nghi/moi', { kind: 'briefing', title: 'Giao ban thử', unit: 'HN', heldOn: '01/03/2025', chair: 'Chủ trì', attendeesCount: '10', conclusions: 'Việc thiếu hạn | A' });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Kết luận 1: cần hạn hoàn thành');
    const ok = await c.postForm('/quan-tri/hoi-nghi/moi', { kind: 'briefing', title: 'Giao ban thử', unit: 'HN', heldOn: '01/03/2025', chair: 'Chủ trì', attendeesCount: '10', conclusions: 'Việc có hạn | A | 31/03/2025' });
    expect(ok.status).toBe(303);
    const page = await (await c.request(ok.headers.get('location')!)).text();
    expect(page).toContain('Việc có hạn');
  });

  it('counts the briefing conferences held in a period', async () => {
    const held = await supervision.briefingsHeld(t.db.db, '/', '2025-01-01', '2025-04-30');
    expect(held.map((b) => b.title)).toEqual(['Giao ban thử', 'Hội nghị giao ban quý I']);
  });
});

describe('assignments and visits', () => {
  it("assigns a leader to units, shows them at a glance, and asks why when a leader inspects a unit they do not supervise", async () => {
    await tx((trx) => supervision.assignLeader(trx, { actor: system, input: { leader: 'Nguyễn Văn Thử', title: 'Ủy viên Ban Thường vụ', units: ['A'] } }));
    const [l] = await supervision.leaders(t.db.db, system, 'Nguyễn Văn Thử');
    expect(l).toMatchObject({ title: 'Ủy viên Ban Thường vụ', units: [{ code: 'A', name: 'Phường Ánh Dương' }] });
    const visit = { leader: 'Nguyễn Văn Thử', title: 'Ủy viên Ban Thường vụ', visitedOn: '2025-05-10', inspected: 'Mô hình thử', findings: 'Tốt' };
    expect(await tx((trx) => supervision.recordVisit(trx, { actor: system, input: { ...visit, unit: 'A-1' } }))).toMatchObject({ supervised: true });
    await expect(tx((trx) => supervision.recordVisit(trx, { actor: system, input: { ...visit, unit: 'B' } }))).rejects.toMatchObject({ status: 422, issues: [{ field: 'note' }] });
    expect(await tx((trx) => supervision.recordVisit(trx, { actor: system, input: { ...visit, unit: 'B', note: 'Kiểm tra thay đồng chí phụ trách đi công tác' } }))).toMatchObject({ supervised: false });
    const c = new Client(t);
    await c.login('officer-b');
    const page = await (await c.request('/quan-tri/kiem-tra')).text();
    expect(page).toContain('Kiểm tra thay đồng chí phụ trách đi công tác');
    // ward B's officer sees the visit to B, not the one to ward A's group
    expect(page.match(/Mô hình thử/g)?.length).toBe(1);
  });
});
