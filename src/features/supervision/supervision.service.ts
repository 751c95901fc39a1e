/**
 * Meetings and their conclusions (kết luận): a briefing conference (hội nghị giao ban) or another
 * meeting of a unit, with its chair, attendees, agenda and minutes, and conclusions that are
 * tasks — each with an owner unit and a due date, closed by the owner with evidence. Overdue
 * conclusions surface on "Việc của tôi", the meeting page and the next briefing pack.
 */
import type { Db, Tx } from '../../db/index.js';
import { AppError, badInput, conflict, fieldError, notFound, type FieldIssue } from '../../lib/errors.js';
import { parseInput, z, zDate, zNum, zOptText, zText } from '../../lib/validation.js';
import { compareVi, formatDate, formatNumber, todayVn } from '../../lib/vi.js';
import { authorize, authorizeReadIf, onLineOf, type Actor } from '../../policy/policy.js';
import { audit } from '../audit/audit.service.js';
import { findCampaignByCode } from '../campaigns/campaigns.service.js';
import { findFile, checkUploads, storeFile, type Upload } from '../files/files.service.js';
import { findUnitByCode } from '../units/units.service.js';
import { whoActs } from '../accounts/accounts.service.js';
import { notify } from '../notices/notices.service.js';
import { raiseIssue } from './supervision.issues.js';
import * as repo from './supervision.repository.js';
import { MEETING_KINDS } from './supervision.table.js';

const ZConclusion = z.object({
  content: zText(2000),
  owner: z.string().trim().max(64).optional().default(''),
  dueOn: z.string().trim().max(20).optional().default(''),
  /** the bundle carries past work as it was: a conclusion already done, with its evidence */
  status: z.enum(['open', 'done']).optional(),
  doneOn: z.preprocess((v) => (v === '' || v === null ? undefined : v), zDate().optional()),
  evidence: zOptText(5000),
  doneBy: zOptText(200),
});

export const ZMeeting = z.object({
  unit: z.string().trim().min(1).max(64),
  campaign: z.preprocess((v) => (v === '' ? null : v), z.string().trim().max(64).nullish()),
  kind: z.enum(['briefing', 'other'], { message: 'phải là briefing (giao ban) hoặc other' }).default('briefing'),
  title: zText(300),
  heldOn: zDate(),
  chair: zText(300),
  attendeesCount: zNum().pipe(z.number().int().min(0).max(100_000)),
  attendees: zOptText(5000),
  agenda: zOptText(5000),
  minutes: zOptText(50_000),
  conclusions: z.array(ZConclusion).max(100).default([]),
});

const labels = {
  unit: 'Đơn vị tổ chức',
  campaign: 'Chủ đề năm',
  kind: 'Loại hội nghị',
  title: 'Tên hội nghị',
  heldOn: 'Ngày họp',
  chair: 'Chủ trì',
  attendeesCount: 'Số người dự',
  attendees: 'Thành phần dự',
  agenda: 'Nội dung',
  minutes: 'Biên bản',
  conclusions: 'Kết luận',
};

interface PresentedConclusion {
  id: number;
  content: string;
  owner: string;
  ownerName: string;
  dueOn: string;
  status: 'open' | 'done';
  overdue: boolean;
  doneOn: string | null;
  evidence: string | null;
  doneBy: string | null;
  meeting: { id: number; title: string; heldOn: string };
}

interface PresentedMeeting {
  id: number;
  unit: string;
  unitName: string;
  campaign: string | null;
  kind: string;
  kindLabel: string;
  title: string;
  heldOn: string;
  chair: string;
  attendeesCount: number;
  attendees: string | null;
  agenda: string | null;
  minutes: string | null;
  conclusions: PresentedConclusion[];
}

function presentConclusion(c: repo.ConclusionFull, today = todayVn()): PresentedConclusion {
  return {
    id: c.id,
    content: c.content,
    owner: c.owner_code,
    ownerName: c.owner_name,
    dueOn: c.due_on,
    status: c.status === 'done' ? 'done' : 'open',
    overdue: c.status === 'open' && c.due_on < today,
    doneOn: c.done_on,
    evidence: c.evidence,
    doneBy: c.done_by_name,
    meeting: { id: c.meeting_id, title: c.meeting_title, heldOn: c.meeting_held_on },
  };
}

async function present(db: Db, m: repo.MeetingFull): Promise<PresentedMeeting> {
  return {
    id: m.id,
    unit: m.unit_code,
    unitName: m.unit_name,
    campaign: m.campaign_code,
    kind: m.kind,
    kindLabel: MEETING_KINDS[m.kind] ?? m.kind,
    title: m.title,
    heldOn: m.held_on,
    chair: m.chair,
    attendeesCount: m.attendees_count,
    attendees: m.attendees,
    agenda: m.agenda,
    minutes: m.minutes,
    conclusions: (await repo.conclusionsOf(db, m.id)).map((c) => presentConclusion(c)),
  };
}

type ConclusionInput = { content: string; owner_unit_id: number; due_on: string; status: string; done_on: string | null; evidence: string | null; done_by_name: string | null };

/** Each conclusion's owner (a unit in the organising unit's subtree) and due date (not before the meeting), every problem named. */
async function resolveConclusions(db: Db, d: z.output<typeof ZMeeting>, unit: { path: string; name: string }): Promise<ConclusionInput[]> {
  const issues: FieldIssue[] = [];
  const rows: ConclusionInput[] = [];
  for (const [i, c] of d.conclusions.entries()) {
    const n = i + 1;
    if (!c.owner) issues.push({ field: `conclusions[${i}].owner`, message: `Kết luận ${n}: cần đơn vị chịu trách nhiệm` });
    if (!c.dueOn) issues.push({ field: `conclusions[${i}].dueOn`, message: `Kết luận ${n}: cần hạn hoàn thành` });
    if (!c.owner || !c.dueOn) continue;
    const owner = await findUnitByCode(db, c.owner);
    const due = zDate().safeParse(c.dueOn);
    if (!owner) issues.push({ field: `conclusions[${i}].owner`, message: `Kết luận ${n}: không tìm thấy đơn vị "${c.owner}"` });
    else if (!owner.path.startsWith(unit.path)) issues.push({ field: `conclusions[${i}].owner`, message: `Kết luận ${n}: đơn vị "${owner.name}" không thuộc ${unit.name}` });
    if (!due.success) issues.push({ field: `conclusions[${i}].dueOn`, message: `Kết luận ${n}: hạn hoàn thành phải là ngày hợp lệ (dd/mm/yyyy)` });
    else if (due.data < d.heldOn) issues.push({ field: `conclusions[${i}].dueOn`, message: `Kết luận ${n}: hạn hoàn thành không được trước ngày họp` });
    const done = c.status === 'done';
    if (done && (!c.evidence || !c.doneOn)) issues.push({ field: `conclusions[${i}].evidence`, message: `Kết luận ${n}: đã hoàn thành thì cần ngày hoàn thành và minh chứng` });
    if (owner && due.success) rows.push({ content: c.content, owner_unit_id: owner.id, due_on: due.data, status: done ? 'done' : 'open', done_on: done ? (c.doneOn ?? null) : null, evidence: done ? (c.evidence ?? null) : null, done_by_name: done ? (c.doneBy ?? owner.name) : null });
  }
  if (issues.length) throw badInput(issues);
  return rows;
}

/**
 * Records a meeting with its conclusions; each conclusion needs an owner unit and a due date.
 * `upsert` (the bundle) updates the meeting of the same unit, day and title, and may carry
 * conclusions already done; a person recording a meeting starts every conclusion open.
 */
export async function recordMeeting(trx: Tx, { actor, input, upsert = false }: { actor: Actor; input: unknown; upsert?: boolean }): Promise<PresentedMeeting> {
  const d = parseInput(ZMeeting, input, labels);
  if (!upsert) for (const c of d.conclusions) c.status = undefined;
  const unit = await findUnitByCode(trx, d.unit);
  if (!unit) throw fieldError('unit', `Đơn vị tổ chức: không tìm thấy đơn vị "${d.unit}"`);
  authorize(actor, 'meeting.manage', { unitPath: unit.path, entityType: 'meeting' });
  let campaignId: number | null = null;
  if (d.campaign) {
    const k = await findCampaignByCode(trx, d.campaign);
    if (!k) throw fieldError('campaign', `Chủ đề năm: không tìm thấy chủ đề "${d.campaign}"`);
    campaignId = k.id;
  }
  if (d.heldOn > todayVn()) throw fieldError('heldOn', 'Ngày họp: không được sau hôm nay (ghi hội nghị đã diễn ra)');
  const rows = await resolveConclusions(trx, d, unit);
  const existing = await repo.findMeetingByKey(trx, unit.id, d.heldOn, d.title);
  if (existing && !upsert) throw conflict(`${unit.name} đã ghi "${d.title}" ngày ${formatDate(d.heldOn)}.`, 'title');
  if (existing) {
    await repo.updateMeeting(trx, existing.id, { campaign_id: campaignId, kind: d.kind, chair: d.chair, attendees_count: d.attendeesCount, attendees: d.attendees, agenda: d.agenda, minutes: d.minutes });
    const old = await repo.conclusionsOf(trx, existing.id);
    for (const [position, r] of rows.entries()) {
      const o = old.find((x) => x.position === position);
      if (o) await repo.updateConclusion(trx, o.id, r);
      else await repo.insertConclusions(trx, [{ meeting_id: existing.id, position, ...r }]);
    }
    const out = await present(trx, (await repo.findMeeting(trx, existing.id))!);
    await audit(trx, actor, { action: 'meeting.update', entityType: 'meeting', entityId: existing.id, after: out });
    return out;
  }
  const id = await repo.insertMeeting(trx, {
    unit_id: unit.id,
    campaign_id: campaignId,
    kind: d.kind,
    title: d.title,
    held_on: d.heldOn,
    chair: d.chair,
    attendees_count: d.attendeesCount,
    attendees: d.attendees,
    agenda: d.agenda,
    minutes: d.minutes,
    created_by_name: actor.kind === 'user' ? actor.fullName : actor.username,
    created_at: new Date().toISOString(),
  });
  await repo.insertConclusions(trx, rows.map((r, position) => ({ meeting_id: id, position, ...r })));
  const out = await present(trx, (await repo.findMeeting(trx, id))!);
  await audit(trx, actor, { action: 'meeting.create', entityType: 'meeting', entityId: id, after: out });
  // each open conclusion waits on its owner unit: its officers hear of it now, and of its due date
  // later (a bundle carries past meetings: their owners knew)
  for (const k of upsert ? [] : out.conclusions.filter((x) => x.status === 'open')) {
    const owner = await findUnitByCode(trx, k.owner);
    if (owner) await notify(trx, actor, { to: await whoActs(trx, 'meeting.manage', owner.path, { exact: true, except: actor }), kind: 'conclusion.assigned', title: `${out.title} (${formatDate(out.heldOn)}) giao ${k.ownerName}: ${k.content}`, body: `Hạn hoàn thành: ${formatDate(k.dueOn)}.`, url: `/quan-tri/hoi-nghi/${id}` });
  }
  return out;
}

export async function getMeeting(db: Db, actor: Actor, id: number): Promise<PresentedMeeting> {
  const missing = () => notFound('Không tìm thấy hội nghị.');
  const m = Number.isInteger(id) && id > 0 ? await repo.findMeeting(db, id) : undefined;
  if (!m) throw missing();
  // those of the organising unit's subtree, and the units above it; for others it does not exist (issue #20)
  authorizeReadIf(actor, 'meeting.read', onLineOf(actor, m.unit_path), { unitPath: m.unit_path, entityType: 'meeting', entityId: id }, missing);
  return present(db, m);
}

export async function listMeetings(db: Db, actor: Actor): Promise<PresentedMeeting[]> {
  authorize(actor, 'meeting.read');
  const rows = await repo.listMeetings(db, { limit: 200 });
  const mine = rows.filter((m) => onLineOf(actor, m.unit_path));
  return Promise.all(mine.map((m) => present(db, m)));
}

/** The owner unit marks a conclusion done: the date and the evidence (what was done, the document) are required. */
export async function completeConclusion(trx: Tx, { actor, id, input }: { actor: Actor; id: number; input: { doneOn?: unknown; evidence?: unknown } }): Promise<PresentedConclusion> {
  const c = Number.isInteger(id) && id > 0 ? await repo.findConclusion(trx, id) : undefined;
  if (!c) throw notFound('Không tìm thấy kết luận.');
  authorize(actor, 'meeting.manage', { unitPath: c.owner_path, entityType: 'conclusion', entityId: id });
  if (c.status === 'done') throw new AppError(409, 'invalid_state', 'Kết luận này đã được ghi nhận hoàn thành.');
  const evidence = typeof input.evidence === 'string' ? input.evidence.normalize('NFC').trim() : '';
  const issues: FieldIssue[] = [];
  if (!evidence) issues.push({ field: 'evidence', message: 'Minh chứng: bắt buộc — ghi việc đã làm, văn bản hoặc kết quả cụ thể' });
  else if (evidence.length > 5000) issues.push({ field: 'evidence', message: `Minh chứng: dài ${formatNumber(evidence.length)} ký tự, quá giới hạn 5.000 ký tự` });
  const done = zDate().safeParse(typeof input.doneOn === 'string' && input.doneOn.trim() ? input.doneOn : todayVn());
  if (!done.success) issues.push({ field: 'doneOn', message: 'Ngày hoàn thành: phải là ngày hợp lệ (dd/mm/yyyy)' });
  else if (done.data > todayVn()) issues.push({ field: 'doneOn', message: 'Ngày hoàn thành: không được sau hôm nay' });
  else if (done.data < c.meeting_held_on) issues.push({ field: 'doneOn', message: 'Ngày hoàn thành: không được trước ngày họp' });
  if (issues.length) throw badInput(issues);
  await repo.updateConclusion(trx, id, { status: 'done', done_on: done.data!, evidence, done_by_name: actor.kind === 'user' ? actor.fullName : actor.username });
  const out = presentConclusion((await repo.findConclusion(trx, id))!);
  await audit(trx, actor, { action: 'conclusion.done', entityType: 'conclusion', entityId: id, before: { status: c.status }, after: { status: out.status, doneOn: out.doneOn, evidence: out.evidence } });
  return out;
}

/** Open conclusions a unit's subtree owns that are due by a date (the overdue ones when the date is yesterday). */
export async function openConclusionsOf(db: Db, ownerPath: string, dueBy?: string): Promise<PresentedConclusion[]> {
  return (await repo.openConclusions(db, { ownerPath, ...(dueBy ? { dueBy } : {}) })).map((c) => presentConclusion(c));
}

/** Briefing conferences of a subtree held between two dates (the narrative report's count). */
export async function briefingsHeld(db: Db, unitPath: string, from: string, to: string): Promise<{ title: string; heldOn: string; chair: string }[]> {
  return (await repo.listMeetings(db, { unitPath, kind: 'briefing', from, to, limit: 100 })).reverse().map((m) => ({ title: m.title, heldOn: m.held_on, chair: m.chair }));
}

/** The meeting a conclusion belongs to (for showing a refused update on its page). */
export async function conclusionMeeting(db: Db, id: number): Promise<number | null> {
  return (await repo.findConclusion(db, id))?.meeting_id ?? null;
}

// ---------------------------------------------------------------- assignments and visits

const ZAssignment = z.object({
  leader: zText(200),
  title: zText(300),
  units: z.array(z.string().trim().min(1).max(64)).min(1, { message: 'cần ít nhất một đơn vị' }).max(100),
  campaign: z.preprocess((v) => (v === '' ? null : v), z.string().trim().max(64).nullish()),
});

/** Assigns a leader (a person with a title) to supervise units (phân công phụ trách). */
export async function assignLeader(trx: Tx, { actor, input }: { actor: Actor; input: unknown }): Promise<{ leader: string; units: string[] }> {
  const d = parseInput(ZAssignment, input, { leader: 'Đồng chí phụ trách', title: 'Chức vụ', units: 'Đơn vị phụ trách', campaign: 'Chủ đề năm' });
  let campaignId: number | null = null;
  if (d.campaign) {
    const k = await findCampaignByCode(trx, d.campaign);
    if (!k) throw fieldError('campaign', `Chủ đề năm: không tìm thấy chủ đề "${d.campaign}"`);
    campaignId = k.id;
  }
  const added: string[] = [];
  for (const [i, code] of d.units.entries()) {
    const u = await findUnitByCode(trx, code);
    if (!u) throw fieldError(`units[${i}]`, `Đơn vị phụ trách: không tìm thấy đơn vị "${code}"`);
    authorize(actor, 'meeting.manage', { unitPath: u.path, entityType: 'assignment' });
    const had = await repo.findAssignment(trx, d.leader, u.id);
    if (had) {
      if (had.leader_title !== d.title || had.campaign_id !== campaignId) await repo.updateAssignmentTitle(trx, had.id, d.title, campaignId);
      continue;
    }
    await repo.insertAssignment(trx, { campaign_id: campaignId, leader_name: d.leader, leader_title: d.title, unit_id: u.id, created_at: new Date().toISOString() });
    added.push(u.code);
  }
  await audit(trx, actor, { action: 'assignment.create', entityType: 'assignment', entityId: d.leader, after: { title: d.title, units: added } });
  return { leader: d.leader, units: added };
}

/** A unit a leader is assigned to, with what supervision knows of it today. */
export interface AssignedUnit {
  code: string;
  name: string;
  /** the unit's materialised path (for composers that add what other modules know of its subtree) */
  path: string;
  models: number;
  openConclusions: number;
  overdueConclusions: number;
  openIssues: number;
}

export interface LeaderAssignments {
  leader: string;
  title: string;
  units: AssignedUnit[];
  visits: { id: number; unit: string; visitedOn: string; findings: string }[];
}

/**
 * Each leader with the units assigned on the actor's line — models, conclusions and issues at a
 * glance — and their latest visits. The leaders' page (a composer: dashboard/leaders.service.ts)
 * adds the units' land-clearance projects and periodic reports.
 */
export async function leaderAssignments(db: Db, actor: Actor, onlyLeader?: string): Promise<LeaderAssignments[]> {
  authorize(actor, 'meeting.read');
  const rows = (await repo.listAssignments(db)).filter((a) => (!onlyLeader || a.leader_name === onlyLeader) && onLineOf(actor, a.unit_path));
  if (!rows.length) return [];
  const today = todayVn();
  const by = new Map<string, LeaderAssignments>();
  for (const a of rows) {
    let l = by.get(a.leader_name);
    if (!l) by.set(a.leader_name, (l = { leader: a.leader_name, title: a.leader_title, units: [], visits: [] }));
    l.units.push({
      code: a.unit_code,
      name: a.unit_name,
      path: a.unit_path,
      ...(await repo.unitGlance(db, a.unit_path, today)),
      // raised anywhere in the unit's subtree (a ward's groups too), still open today
      openIssues: (await repo.issueCounts(db, { path: a.unit_path, from: today, to: today })).open,
    });
  }
  for (const l of by.values()) l.visits = (await repo.listVisits(db, { leaderName: l.leader, limit: 10 })).map((v) => ({ id: v.id, unit: v.unit_name, visitedOn: v.visited_on, findings: v.findings }));
  return [...by.values()].sort((a, b) => compareVi(a.leader, b.leader));
}

export const ZVisit = z.object({
  leader: zText(200),
  title: zText(300),
  unit: z.string().trim().min(1).max(64),
  visitedOn: zDate(),
  inspected: zText(2000),
  findings: zText(10_000),
  difficulties: zOptText(10_000),
  proposals: zOptText(10_000),
  note: zOptText(2000),
  /** also record the difficulties as an issue raised (vấn đề phát sinh), routed to the unit above */
  raiseIssue: z.boolean().default(false),
});
export type TVisit = z.input<typeof ZVisit>;

/**
 * Records an inspection visit with its attachments (minutes, photos); a leader visiting a unit they
 * do not supervise must say why (note). With `raiseIssue`, the difficulties become an issue to decide.
 * `upsert` (the bundle) updates the visit of the same leader, unit and day instead of refusing it.
 */
export async function recordVisit(
  trx: Tx,
  { actor, input, files = [], maxFileBytes, upsert = false }: { actor: Actor; input: unknown; files?: Upload[]; maxFileBytes?: number; upsert?: boolean },
): Promise<{ id: number; supervised: boolean; issue: number | null }> {
  const d = parseInput(ZVisit, input, { leader: 'Đồng chí kiểm tra', title: 'Chức vụ', unit: 'Đơn vị được kiểm tra', visitedOn: 'Ngày kiểm tra', inspected: 'Nội dung kiểm tra', findings: 'Kết quả kiểm tra', difficulties: 'Khó khăn, vướng mắc', proposals: 'Đề xuất', note: 'Ghi chú', raiseIssue: 'Ghi thành vấn đề phát sinh' });
  const u = await findUnitByCode(trx, d.unit);
  if (!u) throw fieldError('unit', `Đơn vị được kiểm tra: không tìm thấy đơn vị "${d.unit}"`);
  authorize(actor, 'meeting.manage', { unitPath: u.path, entityType: 'visit' });
  if (d.visitedOn > todayVn()) throw fieldError('visitedOn', 'Ngày kiểm tra: không được sau hôm nay');
  const mine = (await repo.assignmentsOf(trx, d.leader)).some((a) => u.path.startsWith(a.unit_path));
  if (!mine && !d.note) throw fieldError('note', `Ghi chú: đồng chí ${d.leader} không được phân công phụ trách ${u.name}; hãy ghi lý do kiểm tra đơn vị này`);
  if (d.raiseIssue && !d.difficulties) throw fieldError('difficulties', 'Khó khăn, vướng mắc: cần ghi nội dung để chuyển thành vấn đề phát sinh');
  checkUploads(files, 'files', maxFileBytes);
  const existing = await repo.findVisitByKey(trx, d.leader, u.id, d.visitedOn);
  if (existing && !upsert) throw conflict(`Đồng chí ${d.leader} đã có lần kiểm tra ${u.name} ngày ${formatDate(d.visitedOn)}.`, 'visitedOn');
  const row = { leader_title: d.title, inspected: d.inspected, findings: d.findings, difficulties: d.difficulties, proposals: d.proposals, note: d.note };
  let id: number;
  if (existing) {
    id = existing.id;
    await repo.updateVisit(trx, id, row);
  } else {
    id = await repo.insertVisit(trx, { leader_name: d.leader, unit_id: u.id, visited_on: d.visitedOn, ...row, created_by_name: actor.kind === 'user' ? actor.fullName : actor.username, created_at: new Date().toISOString() });
  }
  for (const f of files) await repo.linkVisitFile(trx, id, await storeFile(trx, actor, f));
  await audit(trx, actor, { action: existing ? 'visit.update' : 'visit.create', entityType: 'visit', entityId: id, after: { ...d, supervised: mine, files: files.length } });
  let issue: number | null = null;
  if (d.raiseIssue && d.difficulties) {
    const firstLine = d.difficulties.split('\n')[0]!.trim();
    const title = firstLine.length > 200 ? `${firstLine.slice(0, 197)}…` : firstLine;
    issue = (await raiseIssue(trx, { actor, input: { unit: u.code, title, detail: d.difficulties, source: 'visit', visit: id, raisedOn: d.visitedOn } })).id;
  }
  return { id, supervised: mine, issue };
}

/** An attachment of a visit, for those who may read the visit's unit. */
export async function getVisitFile(db: Db, actor: Actor, fileId: number) {
  const missing = () => notFound('Không tìm thấy tệp.');
  const v = Number.isInteger(fileId) && fileId > 0 ? await repo.visitOfFile(db, fileId) : undefined;
  if (!v) throw missing();
  // the visit's unit's line reads it; for others the file does not exist (issue #20)
  authorizeReadIf(actor, 'meeting.read', onLineOf(actor, v.unit_path), { unitPath: v.unit_path, entityType: 'file', entityId: fileId }, missing);
  const f = await findFile(db, fileId);
  if (!f) throw missing();
  return f;
}

export async function listVisits(db: Db, actor: Actor) {
  authorize(actor, 'meeting.read');
  const rows = (await repo.listVisits(db, { limit: 500 })).filter((v) => onLineOf(actor, v.unit_path));
  const files = await repo.filesOfVisits(
    db,
    rows.map((v) => v.id),
  );
  return rows.map((v) => ({
    id: v.id,
    leader: v.leader_name,
    title: v.leader_title,
    unit: v.unit_code,
    unitName: v.unit_name,
    visitedOn: v.visited_on,
    inspected: v.inspected,
    findings: v.findings,
    difficulties: v.difficulties,
    proposals: v.proposals,
    note: v.note,
    files: files.get(v.id) ?? [],
  }));
}

/** The day's events in the actor's subtree, for the daily digest. */
export async function dayEvents(db: Db, actor: Actor, day: string) {
  authorize(actor, 'meeting.read');
  const e = await repo.eventsOn(db, actor.kind === 'user' ? actor.unitPath : '/', day);
  return {
    raised: e.raised.map((i) => ({ id: i.id, title: i.title, unitName: i.unit_name, deciderName: i.decider_name })),
    resolved: e.resolved.map((i) => ({ id: i.id, title: i.title, unitName: i.unit_name, resolution: i.resolution ?? '' })),
    conclusionsDone: e.done.map((c) => presentConclusion(c)),
    visits: e.visited.map((v) => ({ id: v.id, leader: v.leader_name, unitName: v.unit_name, findings: v.findings })),
  };
}
