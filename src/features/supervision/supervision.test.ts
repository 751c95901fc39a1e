/**
 * Meetings and conclusions: a conclusion needs an owner and a due date; the owner closes it with
 * evidence, nobody else; overdue ones reach "Việc của tôi", the briefing pack and the meeting
 * page; the narrative report counts the briefing conferences held.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../../db/index.js';
import { Client, createTestApp, type TestApp } from '../../../test/support/http.js';
import { actorOf, system } from '../../../test/support/fixtures.js';
import * as issues from './supervision.issues.js';
import * as persons from './supervision.persons.js';
import * as supervision from './supervision.service.js';
import { leaders } from '../dashboard/leaders.service.js';

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

describe('assigning a leader from the admin form', () => {
  it('offers the units in scope by name, sorted the Vietnamese way, and saves the ticked ones', async () => {
    const root = new Client(t);
    await root.login('root');
    const html = await (await root.request('/quan-tri/phan-cong')).text();
    expect(html).not.toContain('Mã các đơn vị phụ trách');
    const offered = [...html.matchAll(/<input type="checkbox" name="units" value="([^"]+)"[^>]*\/?> ([^<]+)/g)].map((m) => [m[1], m[2]!.trim()]);
    // names, not codes; residential groups are not offered; Ánh before Bình before Thành (collation vi)
    expect(offered).toEqual([
      ['A', 'Phường Ánh Dương'],
      ['B', 'Phường Bình Minh'],
      ['HN', 'Thành phố Hà Nội'],
    ]);
    expect(html).toContain('data-filter-list="f-units-list"');
    const saved = await root.postForm('/quan-tri/phan-cong', { leader: 'Trần Thị Phân Công', title: 'Ủy viên Ban Thường vụ', units: ['A', 'B'] });
    expect(saved.status).toBe(303);
    const after = await (await root.request('/quan-tri/phan-cong')).text();
    expect(after).toContain('Trần Thị Phân Công');

    // a ward's officer sees only their ward, and a forged code outside it is refused
    const a = new Client(t);
    await a.login('officer-a');
    const mine = await (await a.request('/quan-tri/phan-cong')).text();
    expect(mine).toContain('value="A"');
    expect(mine).not.toContain('value="B"');
    const forged = await a.postForm('/quan-tri/phan-cong', { leader: 'Người Ngoài Phạm Vi', title: 'Ủy viên', units: ['A', 'B'] });
    expect(forged.status).toBe(403);
    // nothing ticked: 422 on the picker, the typed leader kept
    const none = await a.postForm('/quan-tri/phan-cong', { leader: 'Lê Văn Chưa Chọn', title: 'Ủy viên' });
    expect(none.status).toBe(422);
    const body = await none.text();
    expect(body).toContain('Đơn vị phụ trách');
    expect(body).toContain('value="Lê Văn Chưa Chọn"');
  });
});

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
    const [l] = await leaders(t.db.db, system, 'Nguyễn Văn Thử');
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

describe('issues raised from below', () => {
  it('routes an issue to the unit above, lets only that unit resolve it or send it up, and counts it for the reports', async () => {
    const officerA = await actorOf(t.db.db, 'officer-a');
    const officerB = await actorOf(t.db.db, 'officer-b');
    // raised by a ward officer at one of their groups: the ward decides by default
    const i = await tx((trx) => issues.raiseIssue(trx, { actor: officerA, input: { unit: 'A-1', title: 'Hộ dân chưa đồng thuận đơn giá', source: 'dialogue', raisedOn: '2025-06-02' } }));
    expect(i).toMatchObject({ unit: 'A-1', decider: 'A', status: 'open', sourceLabel: 'Qua đối thoại với nhân dân' });
    // a decider must be the unit or one above it; another ward's officer may not raise at A's group
    await expect(tx((trx) => issues.raiseIssue(trx, { actor: officerA, input: { unit: 'A-1', title: 'Khác', decider: 'B' } }))).rejects.toMatchObject({ status: 422, issues: [{ field: 'decider' }] });
    await expect(tx((trx) => issues.raiseIssue(trx, { actor: officerB, input: { unit: 'A-1', title: 'Khác' } }))).rejects.toMatchObject({ status: 403 });
    // the same issue twice is a conflict, not a second row
    await expect(tx((trx) => issues.raiseIssue(trx, { actor: officerA, input: { unit: 'A-1', title: 'Hộ dân chưa đồng thuận đơn giá', raisedOn: '02/06/2025' } }))).rejects.toMatchObject({ status: 409 });
    // it waits on the ward's officer, not on ward B's
    expect((await issues.issuesToDecide(t.db.db, officerA)).map((x) => x.id)).toContain(i.id);
    expect((await issues.issuesToDecide(t.db.db, officerB)).map((x) => x.id)).not.toContain(i.id);
    await expect(tx((trx) => issues.resolveIssue(trx, { actor: officerB, id: i.id, input: { resolution: 'x' } }))).rejects.toMatchObject({ status: 403 });
    await expect(tx((trx) => issues.resolveIssue(trx, { actor: officerA, id: i.id, input: { resolution: ' ' } }))).rejects.toMatchObject({ status: 422, issues: [{ field: 'resolution' }] });
    await expect(tx((trx) => issues.escalateIssue(trx, { actor: officerA, id: i.id, input: { note: '' } }))).rejects.toMatchObject({ status: 422, issues: [{ field: 'note' }] });
    // over-limit text is refused, naming the field and both lengths, never cut
    await expect(tx((trx) => issues.escalateIssue(trx, { actor: officerA, id: i.id, input: { note: 'x'.repeat(2001) } }))).rejects.toMatchObject({ status: 422, issues: [{ field: 'note', message: 'Lý do chuyển: dài 2.001 ký tự, quá giới hạn 2.000 ký tự' }] });
    await expect(tx((trx) => issues.resolveIssue(trx, { actor: officerA, id: i.id, input: { resolution: 'x'.repeat(10_001) } }))).rejects.toMatchObject({ status: 422, issues: [{ field: 'resolution', message: 'Kết quả giải quyết: dài 10.001 ký tự, quá giới hạn 10.000 ký tự' }] });
    // sent up: now the city decides, and the ward no longer may
    const up = await tx((trx) => issues.escalateIssue(trx, { actor: officerA, id: i.id, input: { note: 'Vượt thẩm quyền của phường' } }));
    expect(up).toMatchObject({ decider: 'HN', deciderName: 'Thành phố Hà Nội' });
    expect(up.routingNote).toContain('chuyển từ Phường Ánh Dương lên Thành phố Hà Nội — Vượt thẩm quyền của phường');
    await expect(tx((trx) => issues.resolveIssue(trx, { actor: officerA, id: i.id, input: { resolution: 'x' } }))).rejects.toMatchObject({ status: 403 });
    await expect(tx((trx) => issues.resolveIssue(trx, { actor: system, id: i.id, input: { resolution: 'Đã đối thoại', resolvedOn: '01/06/2025' } }))).rejects.toMatchObject({ issues: [{ field: 'resolvedOn', message: 'Ngày giải quyết: không được trước ngày ghi nhận' }] });
    const done = await tx((trx) => issues.resolveIssue(trx, { actor: system, id: i.id, input: { resolution: 'Thành phố chỉ đạo điều chỉnh đơn giá', resolvedOn: '20/06/2025' } }));
    expect(done).toMatchObject({ status: 'resolved', resolvedOn: '2025-06-20', days: 18 });
    // the periodic reports' live sources count it for ward A's subtree
    const { liveValue } = await import('../reporting/reporting.repository.js');
    const a = (await t.db.db.selectFrom('units').select('path').where('code', '=', 'A').executeTakeFirstOrThrow()).path;
    expect(await liveValue(t.db.db, 'issues.raised', { path: a, from: '2025-06-01', to: '2025-06-30' })).toBe(1);
    expect(await liveValue(t.db.db, 'issues.resolved', { path: a, from: '2025-06-01', to: '2025-06-30' })).toBe(1);
    expect(await liveValue(t.db.db, 'issues.open', { path: a, from: '2025-06-01', to: '2025-06-10' })).toBe(1);
    expect(await liveValue(t.db.db, 'issues.open', { path: a, from: '2025-06-01', to: '2025-06-30' })).toBe(0);
  });

  it('turns a visit\'s difficulties into an issue, keeps its attachments for readers of the unit only, and shows the day in the digest', async () => {
    const officerA = await actorOf(t.db.db, 'officer-a');
    const pdf = { name: 'Biên bản kiểm tra.pdf'.normalize('NFD'), bytes: Buffer.from('%PDF-1.4\n%%EOF\n') };
    await expect(
      tx((trx) => supervision.recordVisit(trx, { actor: officerA, input: { leader: 'Lê Thử', title: 'UVTV', unit: 'A-1', visitedOn: '2025-07-01', inspected: 'GPMB', findings: 'Chậm', note: 'Đột xuất', raiseIssue: true } })),
    ).rejects.toMatchObject({ status: 422, issues: [{ field: 'difficulties' }] });
    await expect(
      tx((trx) => supervision.recordVisit(trx, { actor: officerA, input: { leader: 'Lê Thử', title: 'UVTV', unit: 'A-1', visitedOn: '2025-07-01', inspected: 'GPMB', findings: 'Chậm', note: 'Đột xuất' }, files: [{ name: 'x.pdf', bytes: Buffer.from('MZ\x90\x00') }] })),
    ).rejects.toMatchObject({ status: 422, issues: [{ field: 'files' }] });
    expect(await t.db.db.selectFrom('visits').select('id').where('visited_on', '=', '2025-07-01').execute()).toEqual([]);
    const v = await tx((trx) =>
      supervision.recordVisit(trx, { actor: officerA, input: { leader: 'Lê Thử', title: 'UVTV', unit: 'A-1', visitedOn: '2025-07-01', inspected: 'GPMB', findings: 'Chậm', difficulties: 'Vướng nguồn gốc đất\nchi tiết thêm', note: 'Đột xuất', raiseIssue: true }, files: [pdf] }),
    );
    const issue = await issues.getIssue(t.db.db, officerA, v.issue!);
    expect(issue).toMatchObject({ title: 'Vướng nguồn gốc đất', source: 'visit', decider: 'A', visit: { id: v.id, leader: 'Lê Thử' } });
    const [visit] = (await supervision.listVisits(t.db.db, officerA)).filter((x) => x.id === v.id);
    const file = visit!.files[0]!;
    expect(file.name).toBe('Biên bản kiểm tra.pdf'.normalize('NFC'));
    const a = new Client(t);
    await a.login('officer-a');
    const got = await a.request(`/quan-tri/kiem-tra/tep/${file.id}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('content-disposition')).toContain("filename*=UTF-8''Bi%C3%AAn%20b%E1%BA%A3n");
    const b = new Client(t);
    await b.login('officer-b');
    // issue #20: another ward's attachment answers as a file that does not exist
    expect((await b.request(`/quan-tri/kiem-tra/tep/${file.id}`)).status).toBe(404);
    const digest = await (await a.request('/quan-tri/viec-cua-toi/ban-tin?ngay=02/07/2025')).text();
    expect(digest).toContain('Bản tin ngày 02/07/2025');
    expect(digest).toContain('Ngày 01/07/2025 trong đơn vị');
    expect(digest).toContain('Vấn đề mới ở Tổ dân phố số 1: <a href="/quan-tri/van-de/');
    expect(digest).toContain('Đồng chí Lê Thử kiểm tra Tổ dân phố số 1: Chậm');
    // the issue now waits on the ward's officer
    expect(await (await a.request('/quan-tri/viec-cua-toi')).text()).toContain('Vấn đề phát sinh chờ đơn vị bạn giải quyết');
    // and counts on the page of the leader who supervises the ward (raised at one of its groups)
    expect((await leaders(t.db.db, system, 'Nguyễn Văn Thử'))[0]!.units).toMatchObject([{ code: 'A', openIssues: 1 }]);
  });
});

describe('prestigious persons', () => {
  it('records whom a person helped mobilise; a household of another project is refused; household names only for those who may see them', async () => {
    const { createTeam } = await import('../teams/teams.service.js');
    const { createProject } = await import('../landClearance/landClearance.service.js');
    const { createHousehold } = await import('../landClearance/landClearance.households.js');
    await tx(async (trx) => {
      await createTeam(trx, { actor: system, input: { code: 'A-1-TDV', unit: 'A-1', kind: 'massMobilisation', name: 'Tổ dân vận số 1', members: 6 } });
      for (const code of ['A-DA1', 'A-DA2']) {
        await createProject(trx, { actor: system, input: { code, name: `Dự án ${code}`, unit: 'A', category: 'new', startedOn: '2025-01-05' } });
        await createHousehold(trx, { actor: system, input: { code: `${code}-H1`, project: code, name: `Hộ ông Nguyễn Văn ${code}`, address: 'Số 1', parcels: [{ mapSheet: '1', parcelNo: '1', areaM2: 100, recoveredM2: 50 }] } });
      }
    });
    const officerA = await actorOf(t.db.db, 'officer-a');
    const p = await tx((trx) => persons.savePerson(trx, { actor: officerA, input: { team: 'A-1-TDV', fullName: 'Trần Văn Uy Tín', role: 'Cựu chiến binh', trustedFor: 'Vận động hộ dân GPMB' } }));
    await expect(tx((trx) => persons.savePerson(trx, { actor: officerA, input: { team: 'A-1-TDV', fullName: 'Trần Văn Uy Tín', trustedFor: 'x' } }))).rejects.toMatchObject({ status: 409 });
    await expect(tx((trx) => persons.recordMobilisation(trx, { actor: officerA, id: p.id, input: { project: 'A-DA1', household: 'A-DA2-H1', onDate: '2025-03-01', outcome: 'Đồng ý' } }))).rejects.toMatchObject({
      status: 422,
      issues: [{ field: 'household', message: 'Hộ dân: không có hộ "A-DA2-H1" trong dự án "Dự án A-DA1"' }],
    });
    const after = await tx((trx) => persons.recordMobilisation(trx, { actor: officerA, id: p.id, input: { project: 'A-DA1', household: 'A-DA1-H1', onDate: '01/03/2025', outcome: 'Hộ đồng ý bàn giao mặt bằng' } }));
    expect(after.mobilisations).toEqual([{ project: 'A-DA1', projectName: 'Dự án A-DA1', household: 'A-DA1-H1', householdName: 'Hộ ông Nguyễn Văn A-DA1', onDate: '2025-03-01', outcome: 'Hộ đồng ý bàn giao mặt bằng' }]);
    // a viewer may see the person and the household's code, not its name
    const viewer = await actorOf(t.db.db, 'viewer-a');
    const [seen] = await persons.listPersons(t.db.db, viewer);
    expect(seen!.mobilisations[0]).toMatchObject({ household: 'A-DA1-H1', householdName: null });
    const c = new Client(t);
    await c.login('viewer-a');
    const page = await (await c.request('/quan-tri/nguoi-uy-tin')).text();
    expect(page).toContain('Trần Văn Uy Tín');
    expect(page).not.toContain('Hộ ông Nguyễn Văn');
  });
});

describe('bundle', () => {
  it('exports assignments, visits, meetings with conclusions, issues and persons, and imports them back unchanged', async () => {
    const { bundle } = await import('../exchange/registry.js');
    const keys = ['assignments', 'visits', 'meetings', 'raisedIssues', 'persons'] as const;
    const first = await bundle.exportBundle(t.db.db, system);
    for (const k of keys) expect((first[k] as unknown[]).length, k).toBeGreaterThan(0);
    const doc = { version: 1, ...Object.fromEntries(keys.map((k) => [k, first[k]])) };
    const counts = await tx((trx) => bundle.importBundle(trx, system, doc));
    for (const k of keys) expect(counts[k]!.created, k).toBe(0);
    const again = await bundle.exportBundle(t.db.db, system);
    for (const k of keys) expect(again[k], k).toEqual(first[k]);
    // a meeting's done conclusion travels with its evidence
    const meetings = first.meetings as { conclusions: { status: string; evidence: string | null }[] }[];
    expect(meetings.flatMap((m) => m.conclusions).some((c) => c.status === 'done' && c.evidence)).toBe(true);
  });
});
