/**
 * Rules that a review found could be broken, each with the attack that broke it: concurrent
 * writes (real on PostgreSQL), dates in the future, facts imported over frozen plans, the
 * importer approving its own step, handover over an obstacle open that day, hidden projects in
 * the public figures, weekdays before 1970.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../../../test/support/db.js';
import { actorOf, seedWorld, system } from '../../../test/support/fixtures.js';
import type { UserActor } from '../../policy/policy.js';
import type { Tx } from '../../db/index.js';
import { createApp } from '../../app.js';
import { testConfig } from '../../../test/support/fixtures.js';
import { WorkCalendar } from '../calendar/calendar.service.js';
import { createCampaign } from '../campaigns/campaigns.service.js';
import { completeFollowup, recordDialogue, receiveComplaint, answerComplaint } from './landClearance.engagement.js';
import { approvePlan, createHousehold, importHouseholdFacts, openObstacle, recordHandover, recordPayment, resolveObstacle, savePlan } from './landClearance.households.js';
import * as repo from './landClearance.repository.js';
import { actOnStep, createProject, importStepFacts } from './landClearance.service.js';

let db: TestDb;
let officer: UserActor, council: UserActor, adminA: UserActor;
const tx = <T>(fn: (trx: Tx) => Promise<T>) => db.db.transaction().execute((trx) => fn(trx));
const has = (s: string): string => expect.stringContaining(s) as string;

beforeAll(async () => {
  db = await createTestDb();
  await seedWorld(db.db);
  officer = await actorOf(db.db, 'officer-a');
  council = await actorOf(db.db, 'council-a');
  adminA = await actorOf(db.db, 'admin-a');
  await tx(async (trx) => {
    await createCampaign(trx, { actor: system, input: { code: 'HN-2021', unit: 'HN', year: 2021, theme: 'Năm thử', fields: [{ code: 'GPMB', name: 'Giải phóng mặt bằng' }] } });
    await createProject(trx, { actor: system, input: { code: 'R1', name: 'Dự án quy tắc', unit: 'A', category: 'new', startedOn: '2021-01-04' } });
    await createProject(trx, { actor: system, input: { code: 'HIDDEN', name: 'Dự án không công khai', unit: 'A', category: 'key', startedOn: '2021-01-04', isPublic: false } });
    await createHousehold(trx, { actor: system, input: { code: 'HIDDEN-H1', project: 'HIDDEN', name: 'Hộ duy nhất' } });
    await importHouseholdFacts(trx, { actor: system, code: 'HIDDEN-H1', facts: { approvedAmount: 1_234_567_890, approvedOn: '2021-03-01' } });
  });
});
afterAll(() => db.destroy());

describe('land clearance rules under attack', () => {
  it('keeps the per-project figures exact under concurrent writes', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, i) => tx((trx) => createHousehold(trx, { actor: officer, input: { code: `R1-C${i}`, project: 'R1', name: `Hộ đồng thời ${i}` } }))));
    await Promise.all(Array.from({ length: 10 }, () => tx((trx) => recordDialogue(trx, { actor: officer, projectCode: 'R1', input: { heldOn: '2021-05-01', place: 'Hội trường', chair: 'Chủ trì', participants: 3 } }))));
    const p = (await repo.findProjectByCode(db.db, 'R1'))!;
    expect(await repo.figuresOf(db.db, p.id)).toMatchObject({ households: 20, dialogues: 10, dialogue_participants: 30 });
  });

  it('takes the project before the household, so a dialogue and a write to one of its households never deadlock', async () => {
    // a dialogue moves the project's version first (its trigger), then refreshes its households;
    // an obstacle holds its household first: both must take the project first (PostgreSQL: 40P01 otherwise)
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, i) => [
        tx((trx) => openObstacle(trx, { actor: officer, code: 'R1-C5', input: { openedOn: '2021-04-01', description: `Vướng mắc đồng thời ${i}` } })),
        tx((trx) => recordDialogue(trx, { actor: officer, projectCode: 'R1', input: { heldOn: '2021-04-02', place: 'Nhà văn hóa', chair: 'Chủ trì', participants: 2, households: ['R1-C5'] } })),
      ]).flat(),
    );
    expect(results.filter((r) => r.status === 'rejected').map((r) => String(r.reason))).toEqual([]);
    const p = (await repo.findProjectByCode(db.db, 'R1'))!;
    expect(await repo.figuresOf(db.db, p.id)).toMatchObject({ dialogues: 18 });
  });

  it('never pays more than approved, even with concurrent payments', async () => {
    await tx((trx) => savePlan(trx, { actor: officer, code: 'R1-C0', input: { land: 1000 } }));
    await tx((trx) => approvePlan(trx, { actor: council, code: 'R1-C0', input: { decisionNumber: '1/QĐ', approvedOn: '2021-06-01' } }));
    const results = await Promise.allSettled(Array.from({ length: 3 }, () => tx((trx) => recordPayment(trx, { actor: officer, code: 'R1-C0', input: { amount: 600, paidOn: '2021-06-05' } }))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const h = (await repo.findHouseholdByCode(db.db, 'R1-C0'))!;
    const payments = await repo.paymentsOf(db.db, h.id);
    expect(payments.reduce((s, x) => s + Number(x.amount), 0)).toBe(600);
  });

  it('refuses dates in the future and unreadable dates where the work is recorded', async () => {
    const d = await tx((trx) => recordDialogue(trx, { actor: officer, projectCode: 'R1', input: { heldOn: '2021-05-02', place: 'Nhà văn hóa', chair: 'Chủ trì', participants: 5, followups: [{ task: 'Rà soát', owner: 'UBND phường' }] } }));
    const id = d.followups[0]!.id;
    await expect(tx((trx) => completeFollowup(trx, { actor: officer, projectCode: 'R1', followupId: id, doneOn: '31/12/2099' }))).rejects.toMatchObject({ status: 422, issues: [{ field: 'doneOn', message: has('không được sau hôm nay') }] });
    await expect(tx((trx) => completeFollowup(trx, { actor: officer, projectCode: 'R1', followupId: id, doneOn: 'zzz' }))).rejects.toMatchObject({ status: 422 });
    await tx((trx) => completeFollowup(trx, { actor: officer, projectCode: 'R1', followupId: id, doneOn: '20/05/2021' }));
    const complaint = await tx((trx) => receiveComplaint(trx, { actor: officer, projectCode: 'R1', input: { kind: 'petition', receivedOn: '2021-05-03', content: 'Kiến nghị' } }));
    await expect(tx((trx) => answerComplaint(trx, { actor: officer, projectCode: 'R1', complaintId: complaint, input: { answer: 'Đã trả lời', answeredOn: '2099-01-01' } }))).rejects.toMatchObject({ status: 422 });
    await expect(tx((trx) => importHouseholdFacts(trx, { actor: system, code: 'R1-C1', facts: { approvedAmount: 5, approvedOn: '2099-01-01' } }))).rejects.toMatchObject({ status: 422 });
  });

  it('refuses a handover over an obstacle that was open on the handover date', async () => {
    await tx((trx) => savePlan(trx, { actor: officer, code: 'R1-C2', input: { land: 500 } }));
    await tx((trx) => approvePlan(trx, { actor: council, code: 'R1-C2', input: { decisionNumber: '2/QĐ', approvedOn: '2021-03-01' } }));
    const o = await tx((trx) => openObstacle(trx, { actor: officer, code: 'R1-C2', input: { openedOn: '2021-04-01', description: 'Tranh chấp' } }));
    await expect(tx((trx) => resolveObstacle(trx, { actor: officer, code: 'R1-C2', obstacleId: o.obstacles[0]!.id, input: { resolvedOn: '2099-12-31', resolution: 'Sau này' } }))).rejects.toMatchObject({ status: 422, issues: [{ field: 'resolvedOn' }] });
    await tx((trx) => resolveObstacle(trx, { actor: officer, code: 'R1-C2', obstacleId: o.obstacles[0]!.id, input: { resolvedOn: '2021-06-01', resolution: 'Đã thống nhất' } }));
    await expect(tx((trx) => recordHandover(trx, { actor: officer, code: 'R1-C2', input: { handedOn: '2021-05-01' } }))).rejects.toMatchObject({ status: 422, issues: [{ field: 'handedOn', message: has('vào ngày bàn giao') }] });
    expect((await tx((trx) => recordHandover(trx, { actor: officer, code: 'R1-C2', input: { handedOn: '2021-06-02' } }))).state).toBe('handedOver');
  });

  it('does not let imported facts replace a frozen plan, nor the importer approve the step it recorded', async () => {
    await expect(tx((trx) => importHouseholdFacts(trx, { actor: adminA, code: 'R1-C0', facts: { approvedAmount: 10, approvedOn: '2021-06-01' } }))).rejects.toMatchObject({ status: 409 });
    await tx((trx) => savePlan(trx, { actor: officer, code: 'R1-C3', input: { land: 700 } }));
    await expect(tx((trx) => importHouseholdFacts(trx, { actor: adminA, code: 'R1-C3', facts: { approvedAmount: 700, approvedOn: '2021-06-01' } }))).rejects.toMatchObject({ status: 409, message: has('dự thảo') });
    await tx((trx) => importStepFacts(trx, { actor: adminA, code: 'R1', steps: [{ step: 'thong-bao', status: 'done', doneOn: '2021-01-20' }] }));
    await expect(tx((trx) => actOnStep(trx, { actor: adminA, code: 'R1', step: 'thong-bao', input: { action: 'approve' } }))).rejects.toMatchObject({ status: 403 });
    await expect(tx((trx) => importStepFacts(trx, { actor: adminA, code: 'R1', steps: [{ step: 'kiem-dem', status: 'done', doneOn: '1969-12-31' }] }))).rejects.toMatchObject({ status: 422, issues: [{ message: has('từ năm 1990') }] });
  });

  it('keeps hidden projects and amounts of money out of the public stats', async () => {
    const app = createApp({ config: testConfig(), db });
    const s = (await (await app.request('/api/v1/campaigns/HN-2021/stats?through=2021-12-31')).json()) as { clearance: Record<string, unknown> };
    expect(s.clearance.projects).toBe(1); // R1 only
    expect(s.clearance).not.toHaveProperty('amountApproved');
    expect(s.clearance).not.toHaveProperty('amountPaid');
    expect(JSON.stringify(s)).not.toContain('1234567890');
  });

  it('counts weekends before 1970 as weekends', () => {
    const cal = new WorkCalendar();
    expect(cal.isWorkingDay('1969-12-27')).toBe(false); // Saturday
    expect(cal.isWorkingDay('1969-12-29')).toBe(true); // Monday
  });
});
