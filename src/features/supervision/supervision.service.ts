/**
 * Meetings and their conclusions (kết luận): a briefing conference (hội nghị giao ban) or another
 * meeting of a unit, with its chair, attendees, agenda and minutes, and conclusions that are
 * tasks — each with an owner unit and a due date, closed by the owner with evidence. Overdue
 * conclusions surface on "Việc của tôi", the meeting page and the next briefing pack.
 */
import type { Db } from '../../db/index.js';
import { AppError, badInput, fieldError, notFound, type FieldIssue } from '../../lib/errors.js';
import { parseInput, z, zDate, zNum, zOptText, zText } from '../../lib/validation.js';
import { compareVi, todayVn } from '../../lib/vi.js';
import { authorize, type Actor } from '../accounts/policy.js';
import { audit } from '../audit/audit.service.js';
import { findCampaignByCode } from '../campaigns/campaigns.repository.js';
import { findUnitByCode } from '../units/units.repository.js';
import * as repo from './supervision.repository.js';
import { MEETING_KINDS } from './supervision.table.js';

const ZConclusion = z.object({
  content: zText(2000),
  owner: z.string().trim().max(64).optional().default(''),
  dueOn: z.string().trim().max(20).optional().default(''),
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

export interface PresentedConclusion {
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

export interface PresentedMeeting {
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

export function presentConclusion(c: repo.ConclusionFull, today = todayVn()): PresentedConclusion {
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

/** Records a meeting with its conclusions; each conclusion needs an owner unit and a due date. */
export async function recordMeeting(trx: Db, { actor, input }: { actor: Actor; input: unknown }): Promise<PresentedMeeting> {
  const d = parseInput(ZMeeting, input, labels);
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
  const issues: FieldIssue[] = [];
  const rows: { content: string; owner_unit_id: number; due_on: string }[] = [];
  for (const [i, c] of d.conclusions.entries()) {
    const n = i + 1;
    if (!c.owner) issues.push({ field: `conclusions[${i}].owner`, message: `Kết luận ${n}: cần đơn vị chịu trách nhiệm` });
    if (!c.dueOn) issues.push({ field: `conclusions[${i}].dueOn`, message: `Kết luận ${n}: cần hạn hoàn thành` });
    if (!c.owner || !c.dueOn) continue;
    const owner = await findUnitByCode(trx, c.owner);
    const due = zDate().safeParse(c.dueOn);
    if (!owner) issues.push({ field: `conclusions[${i}].owner`, message: `Kết luận ${n}: không tìm thấy đơn vị "${c.owner}"` });
    else if (!owner.path.startsWith(unit.path)) issues.push({ field: `conclusions[${i}].owner`, message: `Kết luận ${n}: đơn vị "${owner.name}" không thuộc ${unit.name}` });
    if (!due.success) issues.push({ field: `conclusions[${i}].dueOn`, message: `Kết luận ${n}: hạn hoàn thành phải là ngày hợp lệ (dd/mm/yyyy)` });
    else if (due.data < d.heldOn) issues.push({ field: `conclusions[${i}].dueOn`, message: `Kết luận ${n}: hạn hoàn thành không được trước ngày họp` });
    if (owner && due.success) rows.push({ content: c.content, owner_unit_id: owner.id, due_on: due.data });
  }
  if (issues.length) throw badInput(issues);
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
  await repo.insertConclusions(trx, rows.map((r, position) => ({ meeting_id: id, position, ...r, status: 'open', done_on: null, evidence: null, done_by_name: null })));
  const out = await present(trx, (await repo.findMeeting(trx, id))!);
  await audit(trx, actor, { action: 'meeting.create', entityType: 'meeting', entityId: id, after: out });
  return out;
}

export async function getMeeting(db: Db, actor: Actor, id: number): Promise<PresentedMeeting> {
  const m = Number.isInteger(id) && id > 0 ? await repo.findMeeting(db, id) : undefined;
  if (!m) throw notFound('Không tìm thấy hội nghị.');
  // those of the organising unit's subtree, and the units above it
  authorize(actor, 'meeting.read');
  if (actor.kind === 'user' && !m.unit_path.startsWith(actor.unitPath) && !actor.unitPath.startsWith(m.unit_path)) authorize(actor, 'meeting.read', { unitPath: m.unit_path });
  return present(db, m);
}

export async function listMeetings(db: Db, actor: Actor): Promise<PresentedMeeting[]> {
  authorize(actor, 'meeting.read');
  const rows = await repo.listMeetings(db, { limit: 200 });
  const mine = rows.filter((m) => actor.kind === 'system' || m.unit_path.startsWith(actor.unitPath) || actor.unitPath.startsWith(m.unit_path));
  return Promise.all(mine.map((m) => present(db, m)));
}

/** The owner unit marks a conclusion done: the date and the evidence (what was done, the document) are required. */
export async function completeConclusion(trx: Db, { actor, id, input }: { actor: Actor; id: number; input: { doneOn?: unknown; evidence?: unknown } }): Promise<PresentedConclusion> {
  const c = Number.isInteger(id) && id > 0 ? await repo.findConclusion(trx, id) : undefined;
  if (!c) throw notFound('Không tìm thấy kết luận.');
  authorize(actor, 'meeting.manage', { unitPath: c.owner_path, entityType: 'conclusion', entityId: id });
  if (c.status === 'done') throw new AppError(409, 'invalid_state', 'Kết luận này đã được ghi nhận hoàn thành.');
  const evidence = typeof input.evidence === 'string' ? input.evidence.normalize('NFC').trim() : '';
  const issues: FieldIssue[] = [];
  if (!evidence) issues.push({ field: 'evidence', message: 'Minh chứng: bắt buộc — ghi việc đã làm, văn bản hoặc kết quả cụ thể' });
  const done = zDate().safeParse(typeof input.doneOn === 'string' && input.doneOn.trim() ? input.doneOn : todayVn());
  if (!done.success) issues.push({ field: 'doneOn', message: 'Ngày hoàn thành: phải là ngày hợp lệ (dd/mm/yyyy)' });
  else if (done.data > todayVn()) issues.push({ field: 'doneOn', message: 'Ngày hoàn thành: không được sau hôm nay' });
  else if (done.data < c.meeting_held_on) issues.push({ field: 'doneOn', message: 'Ngày hoàn thành: không được trước ngày họp' });
  if (issues.length) throw badInput(issues);
  await repo.updateConclusion(trx, id, { status: 'done', done_on: done.data!, evidence: evidence.slice(0, 5000), done_by_name: actor.kind === 'user' ? actor.fullName : actor.username });
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
export async function assignLeader(trx: Db, { actor, input }: { actor: Actor; input: unknown }): Promise<{ leader: string; units: string[] }> {
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
    if (await repo.findAssignment(trx, d.leader, u.id)) continue;
    await repo.insertAssignment(trx, { campaign_id: campaignId, leader_name: d.leader, leader_title: d.title, unit_id: u.id, created_at: new Date().toISOString() });
    added.push(u.code);
  }
  await audit(trx, actor, { action: 'assignment.create', entityType: 'assignment', entityId: d.leader, after: { title: d.title, units: added } });
  return { leader: d.leader, units: added };
}

export interface LeaderSummary {
  leader: string;
  title: string;
  units: { code: string; name: string; models: number; openConclusions: number; overdueConclusions: number }[];
  visits: { id: number; unit: string; visitedOn: string; findings: string }[];
}

/** Each leader with their units at a glance and their latest visits. */
export async function leaders(db: Db, actor: Actor, onlyLeader?: string): Promise<LeaderSummary[]> {
  authorize(actor, 'meeting.read');
  const rows = (await repo.listAssignments(db)).filter((a) => (!onlyLeader || a.leader_name === onlyLeader) && (actor.kind === 'system' || a.unit_path.startsWith(actor.unitPath) || actor.unitPath.startsWith(a.unit_path)));
  const by = new Map<string, LeaderSummary>();
  const today = todayVn();
  for (const a of rows) {
    let l = by.get(a.leader_name);
    if (!l) by.set(a.leader_name, (l = { leader: a.leader_name, title: a.leader_title, units: [], visits: [] }));
    l.units.push({ code: a.unit_code, name: a.unit_name, ...(await repo.unitGlance(db, a.unit_path, today)) });
  }
  for (const l of by.values()) l.visits = (await repo.listVisits(db, { leaderName: l.leader, limit: 10 })).map((v) => ({ id: v.id, unit: v.unit_name, visitedOn: v.visited_on, findings: v.findings }));
  return [...by.values()].sort((a, b) => compareVi(a.leader, b.leader));
}

const ZVisit = z.object({
  leader: zText(200),
  title: zText(300),
  unit: z.string().trim().min(1).max(64),
  visitedOn: zDate(),
  inspected: zText(2000),
  findings: zText(10_000),
  difficulties: zOptText(10_000),
  proposals: zOptText(10_000),
  note: zOptText(2000),
});

/** Records an inspection visit; a leader visiting a unit they do not supervise must say why (note). */
export async function recordVisit(trx: Db, { actor, input }: { actor: Actor; input: unknown }): Promise<{ id: number; supervised: boolean }> {
  const d = parseInput(ZVisit, input, { leader: 'Đồng chí kiểm tra', title: 'Chức vụ', unit: 'Đơn vị được kiểm tra', visitedOn: 'Ngày kiểm tra', inspected: 'Nội dung kiểm tra', findings: 'Kết quả kiểm tra', difficulties: 'Khó khăn, vướng mắc', proposals: 'Đề xuất', note: 'Ghi chú' });
  const u = await findUnitByCode(trx, d.unit);
  if (!u) throw fieldError('unit', `Đơn vị được kiểm tra: không tìm thấy đơn vị "${d.unit}"`);
  authorize(actor, 'meeting.manage', { unitPath: u.path, entityType: 'visit' });
  if (d.visitedOn > todayVn()) throw fieldError('visitedOn', 'Ngày kiểm tra: không được sau hôm nay');
  const mine = (await repo.assignmentsOf(trx, d.leader)).some((a) => u.path.startsWith(a.unit_path));
  if (!mine && !d.note) throw fieldError('note', `Ghi chú: đồng chí ${d.leader} không được phân công phụ trách ${u.name}; hãy ghi lý do kiểm tra đơn vị này`);
  const id = await repo.insertVisit(trx, {
    leader_name: d.leader,
    leader_title: d.title,
    unit_id: u.id,
    visited_on: d.visitedOn,
    inspected: d.inspected,
    findings: d.findings,
    difficulties: d.difficulties,
    proposals: d.proposals,
    note: d.note,
    created_by_name: actor.kind === 'user' ? actor.fullName : actor.username,
    created_at: new Date().toISOString(),
  });
  await audit(trx, actor, { action: 'visit.create', entityType: 'visit', entityId: id, after: { ...d, supervised: mine } });
  return { id, supervised: mine };
}

export async function listVisits(db: Db, actor: Actor) {
  authorize(actor, 'meeting.read');
  const rows = await repo.listVisits(db, { limit: 200 });
  return rows
    .filter((v) => actor.kind === 'system' || v.unit_path.startsWith(actor.unitPath) || actor.unitPath.startsWith(v.unit_path))
    .map((v) => ({ id: v.id, leader: v.leader_name, title: v.leader_title, unit: v.unit_code, unitName: v.unit_name, visitedOn: v.visited_on, inspected: v.inspected, findings: v.findings, difficulties: v.difficulties, proposals: v.proposals, note: v.note }));
}
