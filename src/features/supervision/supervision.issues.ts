/**
 * Issues raised from below (vấn đề phát sinh, khó khăn vướng mắc): any officer records a
 * difficulty met in a visit, a dialogue, a report or a meeting, against a unit and optionally a
 * land-clearance project or a model. It is routed to the unit that must decide — by default the
 * unit above, or any unit on the way up — which resolves it (the resolution is recorded) or sends
 * it further up with a reason. Open and resolved counts per unit feed the periodic reports.
 */
import { notify } from '../notices/notices.service.js';
import { whoActs } from '../accounts/accounts.service.js';
import type { Db, Tx } from '../../db/index.js';
import { AppError, badInput, conflict, fieldError, notFound, type FieldIssue } from '../../lib/errors.js';
import { parseInput, z, zDate, zOptText, zText } from '../../lib/validation.js';
import { compareVi, daysBetween, formatDate, formatNumber, todayVn } from '../../lib/vi.js';
import { authorize, authorizeReadIf, can, inSubtree, type Actor } from '../../policy/policy.js';
import { audit } from '../audit/audit.service.js';
import { findProjectByCode, mayReferProject } from '../landClearance/landClearance.service.js';
import { findModelByCode, mayReadModel } from '../models/models.service.js';
import { findUnitByCode, findUnitById } from '../units/units.service.js';
import * as repo from './supervision.repository.js';
import { ISSUE_SOURCES } from './supervision.table.js';

const zOptCode = () => z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().trim().max(64).optional());

export const ZIssue = z.object({
  unit: z.string().trim().min(1).max(64),
  title: zText(300),
  detail: zOptText(10_000),
  source: z.enum(Object.keys(ISSUE_SOURCES) as [string, ...string[]], { message: `phải là một trong: ${Object.keys(ISSUE_SOURCES).join(', ')}` }).default('other'),
  raisedOn: z.preprocess((v) => (v === '' || v === null || v === undefined ? todayVn() : v), zDate()),
  decider: zOptCode(),
  project: zOptCode(),
  model: zOptCode(),
  visit: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.coerce.number({ message: 'phải là số của một lần kiểm tra' }).int().positive().optional()),
  /** bundle import of past work: the state it was in */
  status: z.enum(['open', 'resolved']).optional(),
  resolution: zOptText(10_000),
  resolvedOn: z.preprocess((v) => (v === '' || v === null ? undefined : v), zDate().optional()),
});
export type TIssue = z.input<typeof ZIssue>;

const labels = {
  unit: 'Đơn vị phát sinh',
  title: 'Vấn đề',
  detail: 'Chi tiết',
  source: 'Nguồn',
  raisedOn: 'Ngày ghi nhận',
  decider: 'Đơn vị xem xét, quyết định',
  project: 'Dự án GPMB',
  model: 'Mô hình',
  visit: 'Lần kiểm tra',
  status: 'Trạng thái',
  resolution: 'Kết quả giải quyết',
  resolvedOn: 'Ngày giải quyết',
};

interface PresentedIssue {
  id: number;
  unit: string;
  unitName: string;
  decider: string;
  deciderName: string;
  title: string;
  detail: string | null;
  source: string;
  sourceLabel: string;
  project: { code: string; name: string } | null;
  model: { code: string; name: string } | null;
  visit: { id: number; leader: string; visitedOn: string } | null;
  raisedOn: string;
  raisedBy: string;
  status: 'open' | 'resolved';
  routingNote: string | null;
  resolution: string | null;
  resolvedOn: string | null;
  resolvedBy: string | null;
  /** days it has waited (open) or took (resolved) */
  days: number;
}

function presentIssue(i: repo.IssueFull, today = todayVn()): PresentedIssue {
  return {
    id: i.id,
    unit: i.unit_code,
    unitName: i.unit_name,
    decider: i.decider_code,
    deciderName: i.decider_name,
    title: i.title,
    detail: i.detail,
    source: i.source,
    sourceLabel: ISSUE_SOURCES[i.source] ?? i.source,
    project: i.project_code ? { code: i.project_code, name: i.project_name ?? '' } : null,
    model: i.model_code ? { code: i.model_code, name: i.model_name ?? '' } : null,
    visit: i.visit_id ? { id: i.visit_id, leader: i.visit_leader ?? '', visitedOn: i.visit_on ?? '' } : null,
    raisedOn: i.raised_on,
    raisedBy: i.raised_by_name,
    status: i.status === 'resolved' ? 'resolved' : 'open',
    routingNote: i.routing_note,
    resolution: i.resolution,
    resolvedOn: i.resolved_on,
    resolvedBy: i.resolved_by_name,
    days: Math.max(0, daysBetween(i.raised_on, i.resolved_on ?? today)),
  };
}

const nameOf = (actor: Actor) => (actor.kind === 'user' ? actor.fullName : actor.username);
const related = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);

/**
 * Records an issue against a unit and routes it to the unit that decides. `asRecorded` (the
 * bundle, past work) may carry an issue already resolved; anyone else starts it open.
 */
export async function raiseIssue(trx: Tx, { actor, input, asRecorded = false }: { actor: Actor; input: unknown; asRecorded?: boolean }): Promise<PresentedIssue> {
  const d = parseInput(ZIssue, input, labels);
  const unit = await findUnitByCode(trx, d.unit);
  if (!unit) throw fieldError('unit', `Đơn vị phát sinh: không tìm thấy đơn vị "${d.unit}"`);
  authorize(actor, 'issue.raise', { unitPath: unit.path, entityType: 'issue' });
  const problems: FieldIssue[] = [];
  if (d.raisedOn > todayVn()) problems.push({ field: 'raisedOn', message: 'Ngày ghi nhận: không được sau hôm nay' });
  // the unit that decides: the one named (this unit or one above it), else the unit above
  let decider = unit;
  if (d.decider) {
    const u = await findUnitByCode(trx, d.decider);
    if (!u) problems.push({ field: 'decider', message: `Đơn vị xem xét, quyết định: không tìm thấy đơn vị "${d.decider}"` });
    else if (!unit.path.startsWith(u.path)) problems.push({ field: 'decider', message: `Đơn vị xem xét, quyết định: phải là ${unit.name} hoặc một đơn vị cấp trên của đơn vị này` });
    else decider = u;
  } else if (unit.parent_id !== null) decider = (await findUnitById(trx, unit.parent_id)) ?? unit;
  let projectId: number | null = null;
  if (d.project) {
    // references in a body are authorised as the URL would be: what the caller may not read is unknown
    const found = await findProjectByCode(trx, d.project);
    const p = found && mayReferProject(actor, found) ? found : undefined;
    if (!p) problems.push({ field: 'project', message: `Dự án GPMB: không tìm thấy dự án "${d.project}"` });
    else if (!related(p.unit_path, unit.path)) problems.push({ field: 'project', message: `Dự án GPMB: dự án "${p.name}" không thuộc địa bàn ${unit.name}` });
    else projectId = p.id;
  }
  let modelId: number | null = null;
  if (d.model) {
    const found = await findModelByCode(trx, d.model);
    const m = found && mayReadModel(actor, found) ? found : undefined;
    if (!m) problems.push({ field: 'model', message: `Mô hình: không tìm thấy mô hình "${d.model}"` });
    else if (!m.unit_path.startsWith(unit.path)) problems.push({ field: 'model', message: `Mô hình: mô hình "${m.name}" không thuộc ${unit.name}` });
    else modelId = m.id;
  }
  let visitId: number | null = null;
  if (d.visit) {
    const v = await repo.findVisit(trx, d.visit);
    if (!v || !related(v.unit_path, unit.path) || !can(actor, 'meeting.read', { unitPath: v.unit_path })) problems.push({ field: 'visit', message: 'Lần kiểm tra: không tìm thấy lần kiểm tra này ở đơn vị đã chọn' });
    else visitId = v.id;
  }
  const resolved = d.status === 'resolved';
  if (resolved && !asRecorded) problems.push({ field: 'status', message: 'Trạng thái: vấn đề mới ghi nhận luôn ở trạng thái chờ giải quyết' });
  if (resolved && (!d.resolution || !d.resolvedOn)) problems.push({ field: 'resolution', message: 'Kết quả giải quyết: cần nội dung và ngày giải quyết' });
  if (problems.length) throw badInput(problems);
  if (await repo.findIssueByKey(trx, unit.id, d.raisedOn, d.title)) throw conflict(`Vấn đề "${d.title}" của ${unit.name} ngày ${formatDate(d.raisedOn)} đã được ghi nhận.`, 'title');
  const id = await repo.insertIssue(trx, {
    unit_id: unit.id,
    decider_unit_id: decider.id,
    title: d.title,
    detail: d.detail,
    source: visitId ? 'visit' : d.source,
    visit_id: visitId,
    project_id: projectId,
    model_id: modelId,
    raised_on: d.raisedOn,
    raised_by_name: nameOf(actor),
    status: resolved ? 'resolved' : 'open',
    routing_note: null,
    resolution: resolved ? (d.resolution ?? null) : null,
    resolved_on: resolved ? (d.resolvedOn ?? null) : null,
    resolved_by_name: resolved ? nameOf(actor) : null,
    created_at: new Date().toISOString(),
  });
  const out = presentIssue((await repo.findIssue(trx, id))!);
  await audit(trx, actor, { action: 'issue.raise', entityType: 'issue', entityId: id, after: out });
  if (!resolved) await notify(trx, actor, { to: await whoActs(trx, 'issue.resolve', decider.path, { exact: true, except: actor }), kind: 'issue.routed', title: `Vấn đề phát sinh ở ${unit.name} chờ ${decider.name} giải quyết: ${d.title}`, url: `/quan-tri/van-de/${id}` });
  return out;
}

function visible(actor: Actor, i: repo.IssueFull): boolean {
  return inSubtree(actor, i.unit_path) || inSubtree(actor, i.decider_path);
}

export async function getIssue(db: Db, actor: Actor, id: number): Promise<PresentedIssue> {
  return (await issueWithRights(db, actor, id)).issue;
}

/** An issue and whether the actor may resolve it or send it up (the page offers the forms only then). */
export async function issueWithRights(db: Db, actor: Actor, id: number): Promise<{ issue: PresentedIssue; mayDecide: boolean }> {
  const missing = () => notFound('Không tìm thấy vấn đề phát sinh.');
  const i = Number.isInteger(id) && id > 0 ? await repo.findIssue(db, id) : undefined;
  if (!i) throw missing();
  // raised or decided in the reader's subtree; for others it does not exist (issue #20)
  authorizeReadIf(actor, 'meeting.read', visible(actor, i), { unitPath: i.unit_path, entityType: 'issue', entityId: id }, missing);
  return { issue: presentIssue(i), mayDecide: i.status === 'open' && can(actor, 'issue.resolve', { unitPath: i.decider_path }) };
}

/** Issues raised in the actor's subtree or routed to a unit in it; open ones first. */
export async function listIssues(db: Db, actor: Actor, f: { status?: 'open' | 'resolved' } = {}): Promise<PresentedIssue[]> {
  authorize(actor, 'meeting.read');
  const today = todayVn();
  return (await repo.listIssues(db, { ...(actor.kind === 'user' ? { path: actor.unitPath } : {}), ...(f.status ? { status: f.status } : {}), limit: 500 })).map((i) => presentIssue(i, today));
}

/** Open issues routed to the actor's own unit: what they must decide. */
export async function issuesToDecide(db: Db, actor: Actor): Promise<PresentedIssue[]> {
  if (actor.kind !== 'user' || !can(actor, 'issue.resolve')) return [];
  return (await repo.listIssues(db, { deciderExact: actor.unitId, status: 'open', limit: 200 })).map((i) => presentIssue(i));
}

interface IssueUnitCount {
  unit: string;
  unitName: string;
  open: number;
  resolved: number;
}

/** Open and resolved issues per unit where they arose, in Vietnamese order of unit name. */
export function countByUnit(list: PresentedIssue[]): IssueUnitCount[] {
  const by = new Map<string, IssueUnitCount>();
  for (const i of list) {
    const r = by.get(i.unit) ?? { unit: i.unit, unitName: i.unitName, open: 0, resolved: 0 };
    r[i.status === 'open' ? 'open' : 'resolved']++;
    by.set(i.unit, r);
  }
  return [...by.values()].sort((a, b) => compareVi(a.unitName, b.unitName));
}

async function openIssueFor(db: Db, actor: Actor, id: number): Promise<repo.IssueFull> {
  const i = Number.isInteger(id) && id > 0 ? await repo.findIssue(db, id) : undefined;
  if (!i) throw notFound('Không tìm thấy vấn đề phát sinh.');
  authorize(actor, 'issue.resolve', { unitPath: i.decider_path, entityType: 'issue', entityId: id });
  if (i.status !== 'open') throw new AppError(409, 'invalid_state', 'Vấn đề này đã được giải quyết.');
  return i;
}

/** The deciding unit records how the issue was resolved. */
export async function resolveIssue(trx: Tx, { actor, id, input }: { actor: Actor; id: number; input: { resolution?: unknown; resolvedOn?: unknown } }): Promise<PresentedIssue> {
  const i = await openIssueFor(trx, actor, id);
  const resolution = typeof input.resolution === 'string' ? input.resolution.normalize('NFC').trim() : '';
  const problems: FieldIssue[] = [];
  if (!resolution) problems.push({ field: 'resolution', message: 'Kết quả giải quyết: bắt buộc — ghi đã chỉ đạo, tháo gỡ thế nào' });
  else if (resolution.length > 10_000) problems.push({ field: 'resolution', message: `Kết quả giải quyết: dài ${formatNumber(resolution.length)} ký tự, quá giới hạn 10.000 ký tự` });
  const on = zDate().safeParse(typeof input.resolvedOn === 'string' && input.resolvedOn.trim() ? input.resolvedOn : todayVn());
  if (!on.success) problems.push({ field: 'resolvedOn', message: 'Ngày giải quyết: phải là ngày hợp lệ (dd/mm/yyyy)' });
  else if (on.data > todayVn()) problems.push({ field: 'resolvedOn', message: 'Ngày giải quyết: không được sau hôm nay' });
  else if (on.data < i.raised_on) problems.push({ field: 'resolvedOn', message: 'Ngày giải quyết: không được trước ngày ghi nhận' });
  if (problems.length) throw badInput(problems);
  await repo.updateIssue(trx, id, { status: 'resolved', resolution, resolved_on: on.data!, resolved_by_name: nameOf(actor) });
  const out = presentIssue((await repo.findIssue(trx, id))!);
  await audit(trx, actor, { action: 'issue.resolve', entityType: 'issue', entityId: id, before: { status: i.status }, after: { status: out.status, resolution: out.resolution, resolvedOn: out.resolvedOn } });
  // the unit that raised it hears how it ended (its officers, or the level above when it has none)
  await notify(trx, actor, { to: await whoActs(trx, 'issue.raise', i.unit_path, { except: actor }), kind: 'issue.resolved', title: `${i.decider_name} đã giải quyết vấn đề "${i.title}"`, body: `Kết quả: ${resolution}`, url: `/quan-tri/van-de/${id}` });
  return out;
}

/** The deciding unit sends the issue up to the unit above it, saying why. */
export async function escalateIssue(trx: Tx, { actor, id, input }: { actor: Actor; id: number; input: { note?: unknown } }): Promise<PresentedIssue> {
  const i = await openIssueFor(trx, actor, id);
  const note = typeof input.note === 'string' ? input.note.normalize('NFC').trim() : '';
  if (!note) throw fieldError('note', 'Lý do chuyển: bắt buộc — ghi vì sao cần cấp trên quyết định');
  if (note.length > 2000) throw fieldError('note', `Lý do chuyển: dài ${formatNumber(note.length)} ký tự, quá giới hạn 2.000 ký tự`);
  const up = i.decider_parent_id === null ? undefined : await findUnitById(trx, i.decider_parent_id);
  if (!up) throw new AppError(409, 'invalid_state', `${i.decider_name} là cấp cao nhất: không thể chuyển lên nữa.`);
  const line = `${formatDate(todayVn())}: ${nameOf(actor)} chuyển từ ${i.decider_name} lên ${up.name} — ${note}`;
  await repo.updateIssue(trx, id, { decider_unit_id: up.id, routing_note: i.routing_note ? `${i.routing_note}\n${line}` : line });
  const out = presentIssue((await repo.findIssue(trx, id))!);
  await audit(trx, actor, { action: 'issue.escalate', entityType: 'issue', entityId: id, before: { decider: i.decider_code }, after: { decider: out.decider, note } });
  await notify(trx, actor, { to: await whoActs(trx, 'issue.resolve', up.path, { exact: true, except: actor }), kind: 'issue.routed', title: `Vấn đề của ${i.unit_name} được chuyển lên ${up.name}: ${i.title}`, body: `Lý do chuyển: ${note}`, url: `/quan-tri/van-de/${id}` });
  return out;
}

/** Raised, resolved and still open issues of a subtree for a period (the periodic reports' live sources). */
export const issueCounts = (db: Db, path: string, from: string, to: string) => repo.issueCounts(db, { path, from, to });
