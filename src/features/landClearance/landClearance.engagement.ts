/**
 * The mobilisation side of land clearance: dialogues with households (đối thoại) with their
 * follow-ups, and complaints and petitions (khiếu nại, kiến nghị) with statutory due dates.
 */
import type { Db, Tx } from '../../db/index.js';
import { conflict, fieldError, notFound } from '../../lib/errors.js';
import { parseInput } from '../../lib/validation.js';
import { parseDate, todayVn } from '../../lib/vi.js';
import { authorize, type Actor } from '../../policy/policy.js';
import { audit } from '../audit/audit.service.js';
import { addDays, daysBetween } from '../calendar/calendar.service.js';
import { refreshHousehold } from './landClearance.households.js';
import * as repo from './landClearance.repository.js';
import { complaintLabels, dialogueLabels, ZComplaint, ZComplaintAnswer, ZDialogue } from './landClearance.schemas.js';
import { authorizeProjectRead, requireProject } from './landClearance.service.js';
import { COMPLAINT_KINDS, COMPLAINT_STATUSES, type ComplaintKind, type ComplaintRow } from './landClearance.table.js';

/**
 * Time to settle, in days from receipt: a first complaint within 30 days of its acceptance
 * (Điều 28 Luật Khiếu nại 2011); a petition (kiến nghị, phản ánh) within 15 days by the city's
 * rules of reception. Kept here, in one place, with the rule they come from.
 */
const COMPLAINT_DAYS: Record<ComplaintKind, number> = { complaint: 30, petition: 15 };

export async function presentDialogues(db: Db, projectId: number, opts: { personal: boolean }) {
  const dialogues = await repo.dialoguesOfProject(db, projectId);
  const ids = dialogues.map((d) => d.id);
  const [households, followups] = await Promise.all([opts.personal ? repo.dialogueHouseholds(db, ids) : Promise.resolve([]), repo.followupsOf(db, ids)]);
  const today = todayVn();
  return dialogues.map((d) => ({
    id: d.id,
    heldOn: d.held_on,
    place: d.place,
    chair: d.chair,
    participants: d.participants,
    issues: d.issues,
    agreements: d.agreements,
    households: households.filter((h) => h.dialogue_id === d.id).map((h) => ({ code: h.code, name: h.name })),
    followups: followups
      .filter((f) => f.dialogue_id === d.id)
      .map((f) => ({ id: f.id, task: f.task, owner: f.owner, dueOn: f.due_on, doneOn: f.done_on, overdue: !f.done_on && f.due_on !== null && f.due_on < today })),
  }));
}
export type PresentedDialogue = Awaited<ReturnType<typeof presentDialogues>>[number];

export async function listDialogues(db: Db, actor: Actor, projectCode: string) {
  const p = await requireProject(db, projectCode);
  authorizeProjectRead(actor, p, 'clearance.personal');
  return presentDialogues(db, p.id, { personal: true });
}

export async function recordDialogue(trx: Tx, { actor, projectCode, input, today = todayVn() }: { actor: Actor; projectCode: string; input: unknown; today?: string }): Promise<PresentedDialogue> {
  const p = await requireProject(trx, projectCode);
  authorize(actor, 'clearance.manage', { unitPath: p.unit_path, entityType: 'clearanceProject', entityId: projectCode });
  const d = parseInput(ZDialogue, input, dialogueLabels);
  if (d.heldOn > today) throw fieldError('heldOn', `${dialogueLabels.heldOn}: không được sau hôm nay`);
  const households = await repo.householdsByCodes(trx, d.households);
  for (const [i, code] of d.households.entries()) {
    const h = households.find((x) => x.code === code);
    if (!h || h.project_id !== p.id) throw fieldError(`households[${i}]`, `${dialogueLabels.households}: hộ "${code}" không thuộc dự án ${p.code}`);
  }
  const id = await repo.insertDialogue(trx, { project_id: p.id, held_on: d.heldOn, place: d.place, chair: d.chair, participants: d.participants, issues: d.issues, agreements: d.agreements, created_by_name: actor.username, created_at: new Date().toISOString() });
  await repo.setDialogueHouseholds(trx, id, [...new Set(households.map((h) => h.id))]);
  await repo.insertFollowups(trx, d.followups.map((f) => ({ dialogue_id: id, task: f.task, owner: f.owner, due_on: f.dueOn, done_on: null })));
  for (const h of households) await refreshHousehold(trx, h.id);
  await repo.addToFigures(trx, p.id, { dialogues: 1, dialogue_participants: d.participants }, d.heldOn);
  await audit(trx, actor, { action: 'clearanceDialogue.create', entityType: 'clearanceProject', entityId: p.code, after: { id, ...d } });
  return (await presentDialogues(trx, p.id, { personal: true })).find((x) => x.id === id)!;
}

export async function completeFollowup(trx: Tx, { actor, projectCode, followupId, doneOn: input, today = todayVn() }: { actor: Actor; projectCode: string; followupId: number; doneOn: string; today?: string }) {
  const doneOn = parseDate(input);
  if (!doneOn) throw fieldError('doneOn', 'Ngày hoàn thành: phải là ngày hợp lệ (dd/mm/yyyy)');
  if (doneOn > today) throw fieldError('doneOn', 'Ngày hoàn thành: không được sau hôm nay');
  const p = await requireProject(trx, projectCode);
  authorize(actor, 'clearance.manage', { unitPath: p.unit_path, entityType: 'clearanceProject', entityId: projectCode });
  const f = await repo.findFollowup(trx, followupId);
  const dl = f ? await repo.findDialogue(trx, f.dialogue_id) : undefined;
  if (!f || !dl || dl.project_id !== p.id) throw notFound('Không tìm thấy việc cần làm này.');
  if (f.done_on) throw conflict('Việc này đã xong.');
  if (doneOn < dl.held_on) throw fieldError('doneOn', 'Ngày hoàn thành: không được trước ngày đối thoại');
  await repo.updateFollowupRow(trx, f.id, { done_on: doneOn });
  await audit(trx, actor, { action: 'clearanceFollowup.done', entityType: 'clearanceProject', entityId: p.code, after: { followup: f.id, task: f.task, doneOn } });
}

function presentComplaint(c: ComplaintRow, household: { code: string; name: string } | null, today = todayVn()) {
  const open = c.status !== 'answered';
  return {
    id: c.id,
    kind: c.kind,
    kindLabel: COMPLAINT_KINDS[c.kind],
    household,
    receivedOn: c.received_on,
    content: c.content,
    handler: c.handler,
    dueOn: c.due_on,
    status: c.status,
    statusLabel: COMPLAINT_STATUSES[c.status],
    answer: c.answer,
    answeredOn: c.answered_on,
    overdueDays: open && c.due_on < today ? daysBetween(c.due_on, today) : 0,
  };
}

export async function listComplaints(db: Db, actor: Actor, projectCode: string) {
  const p = await requireProject(db, projectCode);
  authorizeProjectRead(actor, p, 'clearance.personal');
  const rows = await repo.complaintsOfProject(db, p.id);
  const households = await repo.householdsOfProject(db, p.id);
  return rows.map((c) => {
    const h = households.find((x) => x.id === c.household_id);
    return presentComplaint(c, h ? { code: h.code, name: h.name } : null);
  });
}

export async function receiveComplaint(trx: Tx, { actor, projectCode, input, today = todayVn() }: { actor: Actor; projectCode: string; input: unknown; today?: string }) {
  const p = await requireProject(trx, projectCode);
  authorize(actor, 'clearance.manage', { unitPath: p.unit_path, entityType: 'clearanceProject', entityId: projectCode });
  const d = parseInput(ZComplaint, input, complaintLabels);
  if (d.receivedOn > today) throw fieldError('receivedOn', `${complaintLabels.receivedOn}: không được sau hôm nay`);
  let householdId: number | null = null;
  if (d.household) {
    const h = await repo.findHouseholdByCode(trx, d.household);
    if (!h || h.project_id !== p.id) throw fieldError('household', `${complaintLabels.household}: hộ "${d.household}" không thuộc dự án ${p.code}`);
    householdId = h.id;
  }
  const t = new Date().toISOString();
  const id = await repo.insertComplaint(trx, { project_id: p.id, household_id: householdId, kind: d.kind, received_on: d.receivedOn, content: d.content, handler: d.handler, due_on: addDays(d.receivedOn, COMPLAINT_DAYS[d.kind]), status: d.handler ? 'processing' : 'received', answer: null, answered_on: null, created_at: t, updated_at: t });
  await audit(trx, actor, { action: 'clearanceComplaint.create', entityType: 'clearanceProject', entityId: p.code, after: { id, ...d } });
  return id;
}

export async function answerComplaint(trx: Tx, { actor, projectCode, complaintId, input }: { actor: Actor; projectCode: string; complaintId: number; input: unknown }) {
  const p = await requireProject(trx, projectCode);
  authorize(actor, 'clearance.manage', { unitPath: p.unit_path, entityType: 'clearanceProject', entityId: projectCode });
  const c = await repo.findComplaint(trx, complaintId);
  if (!c || c.project_id !== p.id) throw notFound('Không tìm thấy đơn này.');
  if (c.status === 'answered') throw conflict('Đơn này đã được trả lời.');
  const d = parseInput(ZComplaintAnswer, input, complaintLabels);
  if (d.answeredOn < c.received_on) throw fieldError('answeredOn', `${complaintLabels.answeredOn}: không được trước ngày tiếp nhận`);
  if (d.answeredOn > todayVn()) throw fieldError('answeredOn', `${complaintLabels.answeredOn}: không được sau hôm nay`);
  await repo.updateComplaintRow(trx, c.id, { status: 'answered', answer: d.answer, answered_on: d.answeredOn, handler: d.handler ?? c.handler, updated_at: new Date().toISOString() });
  await audit(trx, actor, { action: 'clearanceComplaint.answer', entityType: 'clearanceProject', entityId: p.code, before: { status: c.status }, after: { id: c.id, ...d } });
}
