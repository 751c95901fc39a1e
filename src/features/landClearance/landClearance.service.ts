/**
 * Land clearance projects and their procedure steps. Steps come from the catalogue (data);
 * a step row exists once someone planned or acted on it, the rest are "not yet". Whoever marks a
 * step done cannot approve it (maker-checker); "không áp dụng" and "tạm dừng" need a reason.
 */
import type { Db, Tx } from '../../db/index.js';
import { conflict, fieldError, notFound } from '../../lib/errors.js';
import { parseInput } from '../../lib/validation.js';
import { compareVi, fold, todayVn } from '../../lib/vi.js';
import { authorize, authorizeRead, can, ForbiddenError, inSubtree, type Action, type Actor } from '../../policy/policy.js';
import { findUserByUsername } from '../accounts/accounts.service.js';
import { notify } from '../notices/notices.service.js';
import { whoActs } from '../accounts/accounts.service.js';
import { audit } from '../audit/audit.service.js';
import { dayNo, loadCalendar, type WorkCalendar } from '../calendar/calendar.service.js';
import { findDocumentsByNumber, mayReadDocument } from '../documents/documents.service.js';
import { findModelByCode, householdsPersuadedBy } from '../models/models.service.js';
import { findUnitByCode } from '../units/units.service.js';
import * as repo from './landClearance.repository.js';
import { syncProjectSearch } from './landClearance.search.js';
import { computeSchedule, projectStatus, STEP_STATE_LABELS, statusLabel, type Schedule, type StepFacts } from './landClearance.schedule.js';
import { projectLabels, stepKindLabels, stepLabels, ZProject, ZStepAction, ZStepKind } from './landClearance.schemas.js';
import { DAY_KINDS, PROJECT_CATEGORIES, STEP_STATUS_CODES, STEP_STATUSES, type StepKindRow } from './landClearance.table.js';

export const userId = (actor: Actor): number | null => (actor.kind === 'user' ? actor.userId : null);

/** Step dates start in 1990: earlier ones are typing mistakes (and -1, the day before 1970, means "no date" in the kept facts). */
const MIN_STEP_DAY = '1990-01-01';

/** Keeps the project's step facts for dashboards (flat numbers, see the table) in step with its step rows. */
async function rewriteStepFacts(trx: Tx, projectId: number): Promise<void> {
  const day = (d: string | null) => (d ? dayNo(d) : -1);
  const rows = await repo.stepRowsOf(trx, projectId);
  await repo.setStepsJson(trx, projectId, JSON.stringify(rows.flatMap((r) => [r.kind_id, STEP_STATUS_CODES[r.status], day(r.planned_on), day(r.done_on)])));
}

/** The answer for a project code that does not exist — and for a project the reader may not read. */
const projectMissing = (code: string) => notFound(`Không tìm thấy dự án "${code}".`);

export async function requireProject(db: Db, code: string): Promise<repo.ProjectWithUnit> {
  const p = await repo.findProjectByCode(db, code);
  if (!p) throw projectMissing(code);
  return p;
}

/**
 * Reading a project or what hangs on it (its households, dialogues, complaints, the import page):
 * a project outside the caller's subtree is answered as one that does not exist (issue #20); then
 * `action` (personal data, updating) is checked in its scope, a 403 for a project the caller reads.
 * `missing`: the answer when the thing asked for was not the project itself (a household).
 */
export function authorizeProjectRead(actor: Actor, p: { code: string; unit_path: string }, action: Action = 'clearance.read', missing: () => ReturnType<typeof notFound> = () => projectMissing(p.code)): void {
  const resource = { unitPath: p.unit_path, entityType: 'clearanceProject', entityId: p.code };
  authorizeRead(actor, 'clearance.read', resource, missing);
  if (action !== 'clearance.read') authorize(actor, action, resource);
}

/** Step facts for the schedule: the catalogue's active steps merged with the project's rows. */
function stepFacts(kinds: StepKindRow[], rows: repo.StepWithKind[]): (StepFacts & { id: number | null; kindId: number; legalBasis: string | null; doneByName: string | null; approvedByName: string | null; approvedOn: string | null; reason: string | null; note: string | null; doneBy: number | null })[] {
  const byKind = new Map(rows.map((r) => [r.kind_id, r]));
  const kindIds = new Set(kinds.map((k) => k.id));
  // a step retired from the catalogue still shows where it was acted on
  const extra = rows.filter((r) => !kindIds.has(r.kind_id));
  const all = [...kinds.map((k) => ({ k: { id: k.id, code: k.code, name: k.name, sort_order: k.sort_order, deadline_days: k.deadline_days, day_kind: k.day_kind, counted_from: k.counted_from, optional: k.optional, legal_basis: k.legal_basis }, r: byKind.get(k.id) })), ...extra.map((r) => ({ k: { id: r.kind_id, code: r.code, name: r.name, sort_order: r.sort_order, deadline_days: r.deadline_days, day_kind: r.day_kind, counted_from: r.counted_from, optional: r.optional, legal_basis: r.legal_basis }, r }))];
  return all.map(({ k, r }) => ({
    id: r?.id ?? null,
    kindId: k.id,
    code: k.code,
    name: k.name,
    sortOrder: k.sort_order,
    deadlineDays: k.deadline_days,
    dayKind: k.day_kind,
    countedFrom: k.counted_from,
    optional: k.optional === 1,
    legalBasis: k.legal_basis,
    status: r?.status ?? 'pending',
    plannedOn: r?.planned_on ?? null,
    doneOn: r?.done_on ?? null,
    doneBy: r?.done_by ?? null,
    doneByName: r?.done_by_name ?? null,
    approvedOn: r?.approved_on ?? null,
    approvedByName: r?.approved_by_name ?? null,
    reason: r?.reason ?? null,
    note: r?.note ?? null,
  }));
}

export function scheduleOf(p: Pick<repo.ProjectWithUnit, 'started_on' | 'due_on'>, kinds: StepKindRow[], rows: repo.StepWithKind[], cal: WorkCalendar, asOf: string) {
  const facts = stepFacts(kinds, rows);
  const schedule = computeSchedule(facts, { startedOn: p.started_on, dueOn: p.due_on }, cal, asOf);
  const extra = new Map(facts.map((f) => [f.code, f]));
  return { ...schedule, steps: schedule.steps.map((s) => ({ ...s, ...pick(extra.get(s.code)!) })) };
}
const pick = (f: ReturnType<typeof stepFacts>[number]) => ({ id: f.id, kindId: f.kindId, legalBasis: f.legalBasis, doneBy: f.doneBy, doneByName: f.doneByName, approvedOn: f.approvedOn, approvedByName: f.approvedByName, reason: f.reason, note: f.note });

/**
 * A project's schedule as shown: the status its steps give, reconciled with what is known of its
 * households (see `projectStatus`): never "Hoàn thành" while listed households have not handed
 * over, and no status at all when no step was ever recorded.
 */
export const presentSummary = (s: Pick<Schedule, 'status' | 'completed' | 'applicable' | 'overdue' | 'dueSoon'>, known: { recorded: boolean; listed: number; handedOver: number }) => {
  const status = projectStatus(s.status, known);
  return { status, label: statusLabel(status, known.listed - known.handedOver), completed: s.completed, applicable: s.applicable, overdue: s.overdue, dueSoon: s.dueSoon, percent: s.applicable ? Math.round((s.completed * 100) / s.applicable) : 0 };
};
export const presentSchedule = (s: Schedule, known: { recorded: boolean; listed: number; handedOver: number }) => presentSummary(s, known);

/**
 * The models working on a project, each with the households its results say it persuaded to hand
 * over land through a date (null: never recorded — unknown), and whether it works on other projects
 * too (then its households are not the project's alone). The project's total counts only the
 * accepted models (registered, stopped) that work on it alone; `shared` says some were left out.
 */
export async function modelsOfProject(db: Db, models: readonly { id: number; code: string; name: string; status: string; unit_name: string; exemplary: number; projects: number | string | null }[], through: string) {
  const persuaded = await householdsPersuadedBy(db, models.map((m) => m.id), through);
  const list = models.map((m) => ({ code: m.code, name: m.name, unitName: m.unit_name, exemplary: m.exemplary === 1, accepted: m.status === 'registered' || m.status === 'stopped', householdsPersuaded: persuaded.get(m.id) ?? null, otherProjects: Math.max(0, Number(m.projects ?? 1) - 1) }));
  // counted as the campaign's figures count: the accepted models only
  const own = list.filter((m) => m.accepted && m.otherProjects === 0 && m.householdsPersuaded !== null);
  return { list, householdsPersuaded: own.length ? own.reduce((n, m) => n + m.householdsPersuaded!, 0) : null, shared: list.some((m) => m.accepted && m.otherProjects > 0 && m.householdsPersuaded !== null) };
}

/** A project as officers see it (no household data here: that is behind its own permission). */
export async function presentProject(db: Db, p: repo.ProjectWithUnit, asOf = todayVn()) {
  const [units, documents, models, kinds, rows, cal, figures] = await Promise.all([
    repo.projectUnits(db, p.id),
    repo.projectDocuments(db, p.id),
    repo.projectModels(db, p.id),
    repo.listStepKinds(db, true),
    repo.stepsOfProject(db, p.id),
    loadCalendar(db),
    repo.figuresByProject(db, asOf, { ids: [p.id] }),
  ]);
  const schedule = scheduleOf(p, kinds, rows, cal, asOf);
  const byModels = await modelsOfProject(db, models, asOf);
  const f = figures[0];
  const listed = f ? f.households + f.organisations : 0;
  return {
    code: p.code,
    name: p.name,
    unit: p.unit_code,
    unitName: p.unit_name,
    units: units.map((u) => ({ code: u.code, name: u.name })),
    category: p.category,
    categoryLabel: PROJECT_CATEGORIES[p.category],
    investor: p.investor,
    areaM2: p.area_dm2 === null ? null : Number(p.area_dm2) / 100,
    householdsAffected: p.households_declared,
    organisationsAffected: p.organisations_declared,
    startedOn: p.started_on,
    dueOn: p.due_on,
    officer: p.officer_username,
    officerName: p.officer_name,
    isPublic: p.is_public === 1,
    description: p.description,
    documents: documents.map((d) => ({ number: d.number, title: d.title, date: d.issued_on })),
    models: byModels.list.map((m) => ({ code: m.code, name: m.name, unitName: m.unitName, householdsPersuaded: m.householdsPersuaded, otherProjects: m.otherProjects })),
    /** households the models working on this project alone persuaded to hand over land, by their results through the date (null: none recorded) */
    persuadedByModels: { households: byModels.householdsPersuaded, shared: byModels.shared },
    schedule: presentSchedule(schedule, { recorded: rows.length > 0, listed, handedOver: f?.handed_over ?? 0 }),
    /** households and organisations listed one by one in Khéo (0: followed only at step level) */
    listed,
    steps: schedule.steps.map((s) => ({
      code: s.code,
      name: s.name,
      status: s.status,
      statusLabel: STEP_STATUSES[s.status],
      state: s.state,
      stateLabel: STEP_STATE_LABELS[s.state],
      deadline: s.deadlineDays === null ? null : `${s.deadlineDays} ${DAY_KINDS[s.dayKind]}`,
      legalBasis: s.legalBasis,
      optional: s.optional,
      plannedOn: s.plannedOn,
      dueOn: s.dueOn,
      doneOn: s.doneOn,
      doneBy: s.doneByName,
      approvedOn: s.approvedOn,
      approvedBy: s.approvedByName,
      lateDays: s.lateDays,
      daysLeft: s.daysLeft,
      reason: s.reason,
      note: s.note,
    })),
  };
}
export type PresentedProject = Awaited<ReturnType<typeof presentProject>>;

async function resolveRefs(db: Db, d: ReturnType<typeof parseProject>, actor: Actor, currentOfficerId: number | null = null) {
  const unit = await findUnitByCode(db, d.unit);
  if (!unit) throw fieldError('unit', `${projectLabels.unit}: không tìm thấy đơn vị "${d.unit}"`);
  authorize(actor, 'clearance.manage', { unitPath: unit.path, entityType: 'clearanceProject', entityId: d.code ?? undefined });
  const units = [];
  for (const [i, code] of d.units.entries()) {
    const u = await findUnitByCode(db, code);
    if (!u) throw fieldError(`units[${i}]`, `${projectLabels.units}: không tìm thấy đơn vị "${code}"`);
    if (u.id !== unit.id) units.push(u);
  }
  let officerId: number | null = null;
  if (d.officer) {
    // an account outside the caller's subtree answers as an unknown one: the field is no way to
    // learn which usernames exist, nor to show a name the caller may not see (issue #20 item 7)
    const found = await findUserByUsername(db, d.officer);
    const o = found && (found.id === currentOfficerId || inSubtree(actor, found.unit_path)) ? found : undefined;
    if (!o) throw fieldError('officer', `${projectLabels.officer}: không có tài khoản "${d.officer}"`);
    officerId = o.id;
  }
  const documents = [];
  for (const [i, number] of d.documents.entries()) {
    // a document kept off the portal and off the caller's line answers as an unknown number
    const doc = (await findDocumentsByNumber(db, number)).find((x) => mayReadDocument(actor, x));
    if (!doc) throw fieldError(`documents[${i}]`, `${projectLabels.documents}: không tìm thấy văn bản số "${number}"`);
    documents.push(doc.id);
  }
  const models = [];
  for (const [i, code] of d.models.entries()) {
    const m = await findModelByCode(db, code);
    // a model from elsewhere is linked only once registered (public); in one's own scope, at any stage
    if (!m || !(m.status === 'registered' || m.status === 'stopped' || can(actor, 'model.read', { unitPath: m.unit_path }))) throw fieldError(`models[${i}]`, `${projectLabels.models}: không tìm thấy mô hình "${code}"`);
    models.push(m.id);
  }
  if (d.startedOn && d.dueOn && d.dueOn < d.startedOn) throw fieldError('dueOn', `${projectLabels.dueOn}: không được trước ngày bắt đầu`);
  return { unit, units, officerId, documents: [...new Set(documents)], models: [...new Set(models)] };
}

const parseProject = (input: unknown) => parseInput(ZProject, input, projectLabels);

/** The columns a project's form sets, on creation and on every edit. */
const projectColumns = (d: ReturnType<typeof parseProject>, refs: Awaited<ReturnType<typeof resolveRefs>>) => ({
  name: d.name,
  name_folded: fold(d.name),
  unit_id: refs.unit.id,
  category: d.category,
  investor: d.investor,
  area_dm2: d.areaM2,
  households_declared: d.householdsAffected,
  organisations_declared: d.organisationsAffected,
  started_on: d.startedOn,
  due_on: d.dueOn,
  officer_id: refs.officerId,
  is_public: d.isPublic ? 1 : 0,
  description: d.description,
});

export async function createProject(trx: Tx, { actor, input }: { actor: Actor; input: unknown }): Promise<PresentedProject> {
  const d = parseProject(input);
  const refs = await resolveRefs(trx, d, actor);
  let code = d.code;
  if (code && (await repo.findProjectByCode(trx, code))) throw conflict(`Mã dự án "${code}" đã tồn tại.`, 'code');
  if (!code) {
    let n = 1;
    while (await repo.findProjectByCode(trx, `${refs.unit.code}-DA${n}`)) n++;
    code = `${refs.unit.code}-DA${n}`;
  }
  const t = new Date().toISOString();
  const id = await repo.insertProject(trx, { code, ...projectColumns(d, refs), created_at: t, updated_at: t });
  await repo.setProjectUnits(trx, id, refs.units.map((u) => u.id));
  await repo.setProjectDocuments(trx, id, refs.documents);
  await repo.setProjectModels(trx, id, refs.models);
  await repo.insertFigures(trx, id);
  await syncProjectSearch(trx, id);
  const out = await presentProject(trx, await requireProject(trx, code));
  await audit(trx, actor, { action: 'clearanceProject.create', entityType: 'clearanceProject', entityId: code, after: { ...out, steps: undefined } });
  return out;
}

export async function updateProject(trx: Tx, { actor, code, input }: { actor: Actor; code: string; input: unknown }): Promise<PresentedProject> {
  const row = await requireProject(trx, code);
  authorize(actor, 'clearance.manage', { unitPath: row.unit_path, entityType: 'clearanceProject', entityId: code });
  const d = parseProject({ ...(input as object), code });
  const refs = await resolveRefs(trx, d, actor, row.officer_id);
  const before = await presentProject(trx, row);
  await repo.updateProjectRow(trx, row.id, { ...projectColumns(d, refs), updated_at: new Date().toISOString() });
  await repo.setProjectUnits(trx, row.id, refs.units.map((u) => u.id));
  await repo.setProjectDocuments(trx, row.id, refs.documents);
  await repo.setProjectModels(trx, row.id, refs.models);
  await syncProjectSearch(trx, row.id);
  const after = await presentProject(trx, await requireProject(trx, code));
  await audit(trx, actor, { action: 'clearanceProject.update', entityType: 'clearanceProject', entityId: code, before: { ...before, steps: undefined }, after: { ...after, steps: undefined } });
  return after;
}

export async function getProject(db: Db, actor: Actor, code: string, asOf?: string): Promise<PresentedProject> {
  const row = await requireProject(db, code);
  authorizeProjectRead(actor, row);
  return presentProject(db, row, asOf);
}

/** Acts on one step: plan it, mark it done, approve it (another person), set it aside with a reason, resume it. */
export async function actOnStep(trx: Tx, { actor, code, step, input, today = todayVn() }: { actor: Actor; code: string; step: string; input: unknown; today?: string }): Promise<PresentedProject> {
  const p = await requireProject(trx, code);
  const d = parseInput(ZStepAction, input, stepLabels);
  const action = d.action === 'approve' ? 'clearance.approve' : 'clearance.manage';
  authorize(actor, action, { unitPath: p.unit_path, entityType: 'clearanceStep', entityId: `${code}/${step}` });
  const kind = await repo.findStepKind(trx, step);
  if (!kind) throw notFound(`Không có bước "${step}" trong quy trình.`);
  const rows = await repo.stepsOfProject(trx, p.id);
  let row = rows.find((r) => r.kind_id === kind.id);
  if (!row) {
    if (!kind.active) throw notFound(`Bước "${kind.name}" không còn dùng trong quy trình.`);
    await repo.insertSteps(trx, [{ project_id: p.id, kind_id: kind.id, status: 'pending', planned_on: null, done_on: null, done_by: null, done_by_name: null, approved_on: null, approved_by: null, approved_by_name: null, reason: null, note: null, updated_at: new Date().toISOString() }]);
    row = (await repo.stepsOfProject(trx, p.id)).find((r) => r.kind_id === kind.id)!;
  }
  const before = { status: row.status, plannedOn: row.planned_on, doneOn: row.done_on, reason: row.reason };
  const now = new Date().toISOString();
  for (const [k, day] of [['plannedOn', d.plannedOn], ['doneOn', d.doneOn]] as const) {
    if (day && day < MIN_STEP_DAY) throw fieldError(k, `${stepLabels[k]}: phải từ năm 1990 trở đi`);
  }
  switch (d.action) {
    case 'plan':
      if (!d.plannedOn) throw fieldError('plannedOn', `${stepLabels.plannedOn}: bắt buộc nhập`);
      await repo.updateStepRow(trx, row.id, { planned_on: d.plannedOn, note: d.note ?? row.note, updated_at: now });
      break;
    case 'done':
      if (row.status !== 'pending') throw conflict(`Bước "${kind.name}" đang ở trạng thái "${STEP_STATUSES[row.status]}", không thể đánh dấu đã thực hiện.`);
      if (!d.doneOn) throw fieldError('doneOn', `${stepLabels.doneOn}: bắt buộc nhập`);
      if (d.doneOn > today) throw fieldError('doneOn', `${stepLabels.doneOn}: không được sau hôm nay`);
      if (p.started_on && d.doneOn < p.started_on) throw fieldError('doneOn', `${stepLabels.doneOn}: không được trước ngày bắt đầu dự án`);
      await repo.updateStepRow(trx, row.id, { status: 'done', done_on: d.doneOn, done_by: userId(actor), done_by_name: actor.username, note: d.note ?? row.note, updated_at: now });
      await notify(trx, actor, { to: await whoActs(trx, 'clearance.approve', p.unit_path, { except: actor }), kind: 'clearance.waiting', title: `${p.name}: bước "${kind.name}" đã thực hiện, chờ duyệt`, url: `/quan-tri/gpmb/${encodeURIComponent(code)}` });
      break;
    case 'approve':
      if (row.status !== 'done') throw conflict(`Bước "${kind.name}" chưa được đánh dấu đã thực hiện nên chưa thể duyệt.`);
      if (actor.kind === 'user' && row.done_by === actor.userId) {
        throw new ForbiddenError('clearance.approve', { unitPath: p.unit_path, entityType: 'clearanceStep', entityId: `${code}/${step}` }, 'Người đánh dấu bước đã thực hiện không được tự duyệt bước đó: cần một người khác duyệt.');
      }
      await repo.updateStepRow(trx, row.id, { status: 'approved', approved_on: today, approved_by: userId(actor), approved_by_name: actor.username, updated_at: now });
      await notify(trx, actor, { to: row.done_by, kind: 'clearance.approved', title: `${p.name}: bước "${kind.name}" đã được duyệt`, url: `/quan-tri/gpmb/${encodeURIComponent(code)}` });
      break;
    case 'notApplicable':
    case 'pause':
      if (!d.reason) throw fieldError('reason', `${stepLabels.reason}: bắt buộc nhập khi ${d.action === 'pause' ? 'tạm dừng' : 'không áp dụng'} một bước`);
      if (row.status === 'approved') throw conflict(`Bước "${kind.name}" đã hoàn thành.`);
      await repo.updateStepRow(trx, row.id, { status: d.action === 'pause' ? 'paused' : 'notApplicable', reason: d.reason, updated_at: now });
      break;
    case 'resume':
      if (row.status !== 'paused' && row.status !== 'notApplicable') throw conflict(`Bước "${kind.name}" không ở trạng thái tạm dừng hoặc không áp dụng.`);
      await repo.updateStepRow(trx, row.id, { status: row.done_on ? 'done' : 'pending', reason: null, updated_at: now });
      break;
  }
  await rewriteStepFacts(trx, p.id);
  const out = await presentProject(trx, p, today);
  const after = out.steps.find((s) => s.code === step);
  await audit(trx, actor, { action: `clearanceStep.${d.action}`, entityType: 'clearanceStep', entityId: `${code}/${step}`, before, after: after ? { status: after.status, plannedOn: after.plannedOn, doneOn: after.doneOn, reason: after.reason } : null });
  return out;
}

// ——— the step catalogue ———

const presentStepKind = (k: StepKindRow) => ({
  code: k.code,
  name: k.name,
  sortOrder: k.sort_order,
  deadlineDays: k.deadline_days,
  dayKind: k.day_kind,
  countedFrom: k.counted_from,
  optional: k.optional === 1,
  legalBasis: k.legal_basis,
  active: k.active === 1,
});

export async function listStepKinds(db: Db, actor: Actor) {
  authorize(actor, 'clearance.read');
  return (await repo.listStepKinds(db)).map(presentStepKind);
}

/** Adds or changes a step of the procedure (installation-wide). */
export async function saveStepKind(trx: Tx, { actor, input }: { actor: Actor; input: unknown }) {
  authorize(actor, 'clearance.configure', { unitPath: '/', entityType: 'clearanceStepKind' });
  const d = parseInput(ZStepKind, input, stepKindLabels);
  const kinds = await repo.listStepKinds(trx);
  if (d.countedFrom) {
    if (d.countedFrom === d.code) throw fieldError('countedFrom', `${stepKindLabels.countedFrom}: không được tính từ chính bước này`);
    if (!kinds.some((k) => k.code === d.countedFrom)) throw fieldError('countedFrom', `${stepKindLabels.countedFrom}: không có bước "${d.countedFrom}"`);
    // no cycles: follow the chain from the new source back
    const from = new Map(kinds.map((k) => [k.code, k.counted_from]));
    from.set(d.code, d.countedFrom);
    let cur: string | null | undefined = d.countedFrom;
    for (let i = 0; cur && i <= kinds.length + 1; i++) {
      if (cur === d.code) throw fieldError('countedFrom', `${stepKindLabels.countedFrom}: tạo thành vòng lặp giữa các bước`);
      cur = from.get(cur);
    }
  }
  const existing = kinds.find((k) => k.code === d.code);
  const row = { code: d.code, name: d.name, sort_order: d.sortOrder, deadline_days: d.deadlineDays, day_kind: d.dayKind, counted_from: d.countedFrom, optional: d.optional ? 1 : 0, legal_basis: d.legalBasis, active: d.active ? 1 : 0 };
  if (existing) await repo.updateStepKind(trx, existing.id, row);
  else await repo.insertStepKind(trx, row);
  const after = presentStepKind((await repo.findStepKind(trx, d.code))!);
  await audit(trx, actor, { action: existing ? 'clearanceStepKind.update' : 'clearanceStepKind.create', entityType: 'clearanceStepKind', entityId: d.code, before: existing ? presentStepKind(existing) : null, after });
  return after;
}

/**
 * A project named in another record's body (an issue, a mobilisation) is accepted as the URL would
 * be: public ones (their page is on the portal) and those the caller may read; any other answers as
 * an unknown code does (issue #20 item 1).
 */
export const mayReferProject = (actor: Actor, p: { unit_path: string; is_public: number }): boolean => p.is_public === 1 || can(actor, 'clearance.read', { unitPath: p.unit_path });

/** True when the actor may see households' personal data of this project. */
export const maySeePersonal = (actor: Actor, unitPath: string): boolean => can(actor, 'clearance.personal', { unitPath });

export interface StepFactInput {
  step: string;
  status: 'pending' | 'done' | 'approved' | 'notApplicable' | 'paused';
  plannedOn?: string | null | undefined;
  doneOn?: string | null | undefined;
  reason?: string | null | undefined;
}

/**
 * Records the steps of a project as they were (a bundle of past work): whoever imports must
 * hold both the right to act on steps and the right to approve them; the import is audited.
 * Live work goes through actOnStep and its maker-checker rule.
 */
export async function importStepFacts(trx: Tx, { actor, code, steps }: { actor: Actor; code: string; steps: StepFactInput[] }): Promise<void> {
  const p = await requireProject(trx, code);
  authorize(actor, 'clearance.manage', { unitPath: p.unit_path, entityType: 'clearanceProject', entityId: code });
  authorize(actor, 'clearance.approve', { unitPath: p.unit_path, entityType: 'clearanceProject', entityId: code });
  const rows = await repo.stepsOfProject(trx, p.id);
  const now = new Date().toISOString();
  for (const [i, s] of steps.entries()) {
    const kind = await repo.findStepKind(trx, s.step);
    if (!kind) throw fieldError(`steps[${i}].step`, `Bước: không có bước "${s.step}" trong quy trình`);
    if ((s.status === 'done' || s.status === 'approved') && !s.doneOn) throw fieldError(`steps[${i}].doneOn`, `${stepLabels.doneOn}: bắt buộc nhập khi bước đã thực hiện`);
    if ((s.status === 'notApplicable' || s.status === 'paused') && !s.reason) throw fieldError(`steps[${i}].reason`, `${stepLabels.reason}: bắt buộc nhập`);
    for (const [k, day] of [['doneOn', s.doneOn], ['plannedOn', s.plannedOn]] as const) {
      if (day && day < MIN_STEP_DAY) throw fieldError(`steps[${i}].${k}`, `${stepLabels[k]}: phải từ năm 1990 trở đi`);
    }
    if (s.doneOn && s.doneOn > todayVn()) throw fieldError(`steps[${i}].doneOn`, `${stepLabels.doneOn}: không được sau hôm nay`);
    const values = {
      status: s.status,
      planned_on: s.plannedOn ?? null,
      done_on: s.doneOn ?? null,
      // the importer is the maker of what it records as done: it cannot also approve it later
      done_by: s.doneOn ? userId(actor) : null,
      done_by_name: s.doneOn ? actor.username : null,
      approved_on: s.status === 'approved' ? (s.doneOn ?? null) : null,
      approved_by: s.status === 'approved' ? userId(actor) : null,
      approved_by_name: s.status === 'approved' ? actor.username : null,
      reason: s.reason ?? null,
      updated_at: now,
    };
    const row = rows.find((r) => r.kind_id === kind.id);
    if (row) await repo.updateStepRow(trx, row.id, values);
    else await repo.insertSteps(trx, [{ project_id: p.id, kind_id: kind.id, note: null, ...values }]);
  }
  await rewriteStepFacts(trx, p.id);
  await audit(trx, actor, { action: 'clearanceStep.import', entityType: 'clearanceProject', entityId: code, after: steps });
}

/**
 * The projects an actor may name in a form (those of its subtree it may read), sorted by name the
 * Vietnamese way: the options of a project picker, so nobody types a project code.
 */
export async function projectChoices(db: Db, actor: Actor): Promise<{ value: string; label: string; unit: string }[]> {
  if (!can(actor, 'clearance.read')) return [];
  const rows = await repo.projectChoices(db, actor.kind === 'user' ? actor.unitPath : undefined);
  return rows.sort((a, b) => compareVi(a.name, b.name)).map((r) => ({ value: r.code, label: `${r.name} — ${r.unit_name}`, unit: r.unit_code }));
}

/*
 * The slice's public surface for other slices: these readers and writers of its tables, and the
 * kinds and labels of its table module. Other slices import them from here, never from
 * the repository or the table module (.dependency-cruiser.cjs).
 */
export { findHouseholdByCode, findProjectByCode, listStepKinds as stepKindRows, obstaclesOf } from './landClearance.repository.js';
