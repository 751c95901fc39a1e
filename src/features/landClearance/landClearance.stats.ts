/**
 * Land clearance figures through a date: per project (schedule status derived from the steps,
 * households by state from their summaries, payments, dialogues, complaints), rolled up by unit,
 * and the campaign's totals for the narrative report. Aggregates only: no personal data here,
 * so the public pages and the public API may use them.
 */
import type { Db } from '../../db/index.js';
import { daysBetween, todayVn } from '../../lib/vi.js';
import { authorize, can, type Actor, type UserActor } from '../../policy/policy.js';
import { addDays, dayNo, loadCalendar, type WorkCalendar } from '../calendar/calendar.service.js';
import { findUnitByCode, listUnits } from '../units/units.service.js';
import { fieldError } from '../../lib/errors.js';
import * as repo from './landClearance.repository.js';
import { compileCatalogue, SCHEDULE_LABELS, stepArrays, summariseSchedule, type ScheduleStatus } from './landClearance.schedule.js';
import { presentSummary, type presentSchedule, scheduleOf } from './landClearance.service.js';
import { PROJECT_CATEGORIES, type ProjectCategory, type StepKindRow } from './landClearance.table.js';

export interface ProjectLine {
  code: string;
  name: string;
  unit: string;
  unitName: string;
  unitPath: string;
  category: ProjectCategory;
  categoryLabel: string;
  isPublic: boolean;
  startedOn: string | null;
  dueOn: string | null;
  schedule: ReturnType<typeof presentSchedule>;
  /**
   * whether the project's households are followed one by one in Khéo: when not, its household
   * figures (plans approved, paid, handed over) are unknown — never 0 — and only its declared
   * numbers of households and organisations affected are known
   */
  followed: boolean;
  householdsAffected: number;
  organisationsAffected: number;
  households: number;
  organisations: number;
  plansApproved: number;
  amountApproved: number;
  paid: number;
  amountPaid: number;
  handedOver: number;
  blocked: number;
  dialogues: number;
  dialogueParticipants: number;
  complaintsOpen: number;
  complaintsOverdue: number;
}

export interface ClearanceTotals {
  projects: number;
  byCategory: { category: ProjectCategory; label: string; count: number }[];
  bySchedule: { status: ScheduleStatus; label: string; count: number }[];
  householdsAffected: number;
  households: number;
  /** projects followed down to each household; the household figures below count only these */
  followedProjects: number;
  /** households and organisations affected by the followed projects (declared, or listed if more) */
  followedAffected: number;
  /** projects whose schedule is known (some step was recorded) */
  trackedProjects: number;
  plansApproved: number;
  amountApproved: number;
  householdsPaid: number;
  amountPaid: number;
  handedOver: number;
  dialogues: number;
  dialogueParticipants: number;
  complaintsOpen: number;
  complaintsOverdue: number;
}

const SCHEDULE_ORDER: ScheduleStatus[] = ['behind', 'onSchedule', 'stepsDone', 'notStarted', 'untracked', 'completed'];

interface Figures {
  households: number;
  organisations: number;
  approved: number;
  approved_amount: number;
  paid: number;
  paid_amount: number;
  handed_over: number;
  blocked: number;
}

/** A project's dashboard line without its unit (read afresh each time: a unit can be renamed or moved). */
type LineCore = Omit<ProjectLine, 'unit' | 'unitName' | 'unitPath'>;

/**
 * Each project's computed lines, kept in memory per database handle: through a date (`lines`)
 * and whether it was completed by a date (`done`), valid while the project's version — moved on
 * by the database at every write to the project or anything in its line — and the signature of
 * the step catalogue and the work calendar stay the same. Several instances each keep their own.
 */
interface KeptLines {
  version: number;
  sig: string;
  lines: Map<string, LineCore>;
  done: Map<string, boolean>;
}
const keptLines = new WeakMap<object, Map<number, KeptLines>>();
/** dates kept per project (today, last year's same day, a report's date…) */
const KEPT_DATES = 4;
/** above this many projects to recompute, the filter is used rather than a list of ids */
const RECOMPUTE_BY_IDS = 1000;
/** Drops the kept lines of a database handle (tests compare the kept lines with fresh ones). */
export const forgetKeptLines = (db: Db) => keptLines.delete(db);
const remember = <V,>(m: Map<string, V>, k: string, v: V) => {
  if (m.size >= KEPT_DATES && !m.has(k)) m.delete(m.keys().next().value!);
  m.set(k, v);
};

/**
 * Projects of a subtree through a date, each with its figures; behind schedule first. A city has
 * 10 000 projects: each project's line is computed once and kept (see `KeptLines`) until the
 * project changes, so a dashboard reads the projects' versions and recomputes only what moved.
 */
export async function projectLines(db: Db, opts: { unitPath?: string | undefined; through: string; publicOnly?: boolean; notCompletedBy?: string | undefined; category?: string | undefined; q?: string | undefined }): Promise<ProjectLine[]> {
  const f: repo.ProjectFilter = { unitPath: opts.unitPath, startedBy: opts.through, category: opts.category, q: opts.q || undefined, ...(opts.publicOnly ? { publicOnly: true } : {}) };
  const [rows, kinds, cal] = await Promise.all([repo.projectVersions(db, f), repo.listStepKinds(db), loadCalendar(db)]);
  const sig = `${cal.signature}|${JSON.stringify(kinds)}`;
  let kept = keptLines.get(db);
  if (!kept) keptLines.set(db, (kept = new Map<number, KeptLines>()));
  const { through, notCompletedBy } = opts;
  const stale = rows.filter((r) => {
    const k = kept.get(r.id);
    return !k || k.version !== r.version || k.sig !== sig || !k.lines.has(through) || (notCompletedBy !== undefined && !k.done.has(notCompletedBy));
  });
  if (stale.length) {
    const fresh = await computeLines(db, stale.length > RECOMPUTE_BY_IDS ? f : { ...f, ids: stale.map((r) => r.id) }, kinds, cal, opts);
    for (const r of stale) {
      const x = fresh.get(r.id);
      if (!x) continue; // gone since (deleted, moved out of the filter)
      let k = kept.get(r.id);
      // the version read before computing: a write in between moves it again, and the next read recomputes
      if (!k || k.version !== r.version || k.sig !== sig) kept.set(r.id, (k = { version: r.version, sig, lines: new Map(), done: new Map() }));
      remember(k.lines, through, x.line);
      if (notCompletedBy !== undefined) remember(k.done, notCompletedBy, x.done!);
    }
  }
  const lines: ProjectLine[] = [];
  for (const r of rows) {
    const k = kept.get(r.id);
    const line = k?.lines.get(through);
    // a project finished before the period began is not "carried out" in it; a line of another
    // version is one whose project left the filter while it was recomputed
    if (!k || !line || k.version !== r.version || k.sig !== sig || (notCompletedBy !== undefined && k.done.get(notCompletedBy) !== false)) continue;
    lines.push(withUnit(line, r));
  }
  return lines.sort((a, b) => SCHEDULE_ORDER.indexOf(a.schedule.status) - SCHEDULE_ORDER.indexOf(b.schedule.status) || b.schedule.overdue - a.schedule.overdue || a.code.localeCompare(b.code));
}

/**
 * A kept line with its unit. Written out field by field: objects made by spreading a 22-field
 * object are slow to read (a city's dashboard totals 10 000 lines per unit: 180 ms → 20 ms).
 */
const withUnit = (l: LineCore, u: { unit_code: string; unit_name: string; unit_path: string }): ProjectLine => ({
  code: l.code,
  name: l.name,
  unit: u.unit_code,
  unitName: u.unit_name,
  unitPath: u.unit_path,
  category: l.category,
  categoryLabel: l.categoryLabel,
  isPublic: l.isPublic,
  startedOn: l.startedOn,
  dueOn: l.dueOn,
  schedule: l.schedule,
  followed: l.followed,
  householdsAffected: l.householdsAffected,
  organisationsAffected: l.organisationsAffected,
  households: l.households,
  organisations: l.organisations,
  plansApproved: l.plansApproved,
  amountApproved: l.amountApproved,
  paid: l.paid,
  amountPaid: l.amountPaid,
  handedOver: l.handedOver,
  blocked: l.blocked,
  dialogues: l.dialogues,
  dialogueParticipants: l.dialogueParticipants,
  complaintsOpen: l.complaintsOpen,
  complaintsOverdue: l.complaintsOverdue,
});

/**
 * The lines of the projects a filter selects, computed: through a date on or after the latest
 * recorded fact (today's dashboard), the figures are the ones kept up to date with every write,
 * one row per project; through an earlier date they are counted from the households' summaries
 * and the payments, as of that date.
 */
async function computeLines(db: Db, f: repo.ProjectFilter, kinds: StepKindRow[], cal: WorkCalendar, opts: { through: string; notCompletedBy?: string | undefined }): Promise<Map<number, { line: LineCore; done: boolean | undefined }>> {
  const [projects, current, complaints] = await Promise.all([repo.projectLineRows(db, f), repo.currentFigures(db, f), repo.complaintsByProject(db, opts.through, f)]);
  const latest = current.reduce<string | null>((m, r) => (r.last_fact_on && (!m || r.last_fact_on > m) ? r.last_fact_on : m), null);
  const fig = new Map<number, Figures>();
  const dia = new Map<number, { dialogues: number; participants: number }>();
  if (!latest || latest <= opts.through) {
    for (const r of current) {
      fig.set(r.project_id, { ...r, approved_amount: Number(r.approved_amount), paid_amount: Number(r.paid_amount) });
      dia.set(r.project_id, { dialogues: r.dialogues, participants: r.dialogue_participants });
    }
  } else {
    const [figures, paid, dialogues] = await Promise.all([repo.figuresByProject(db, opts.through, f), repo.paidByProject(db, opts.through, f), repo.dialoguesByProject(db, opts.through, f)]);
    const pay = new Map(paid.map((x) => [x.project_id, x.amount]));
    for (const x of figures) fig.set(x.project_id, { ...x, paid_amount: pay.get(x.project_id) ?? 0 });
    for (const [id, amount] of pay) if (!fig.has(id)) fig.set(id, { households: 0, organisations: 0, approved: 0, approved_amount: 0, paid: 0, paid_amount: amount, handed_over: 0, blocked: 0 });
    for (const x of dialogues) dia.set(x.project_id, x);
  }
  const catalogue = compileCatalogue(kinds);
  const com = new Map(complaints.map((x) => [x.project_id, x]));
  const out = new Map<number, { line: LineCore; done: boolean | undefined }>();
  for (const p of projects) {
    const steps = stepArrays(catalogue, p.steps_json ? (JSON.parse(p.steps_json) as number[]) : []);
    const dates = { startedOn: p.started_on, dueOn: p.due_on };
    const done = opts.notCompletedBy === undefined ? undefined : summariseSchedule(catalogue, steps, dates, cal, opts.notCompletedBy).status === 'completed';
    const x = fig.get(p.id);
    const listed = (x?.households ?? 0) + (x?.organisations ?? 0);
    const schedule = presentSummary(summariseSchedule(catalogue, steps, dates, cal, opts.through), { recorded: steps.present.some(Boolean), listed, handedOver: x?.handed_over ?? 0 });
    const line: LineCore = {
      code: p.code,
      name: p.name,
      category: p.category,
      categoryLabel: PROJECT_CATEGORIES[p.category],
      isPublic: p.is_public === 1,
      startedOn: p.started_on,
      dueOn: p.due_on,
      schedule,
      followed: listed > 0,
      householdsAffected: p.households_declared,
      organisationsAffected: p.organisations_declared,
      households: x?.households ?? 0,
      organisations: x?.organisations ?? 0,
      plansApproved: x?.approved ?? 0,
      amountApproved: x?.approved_amount ?? 0,
      paid: x?.paid ?? 0,
      amountPaid: x?.paid_amount ?? 0,
      handedOver: x?.handed_over ?? 0,
      blocked: x?.blocked ?? 0,
      dialogues: dia.get(p.id)?.dialogues ?? 0,
      dialogueParticipants: dia.get(p.id)?.participants ?? 0,
      complaintsOpen: com.get(p.id)?.open ?? 0,
      complaintsOverdue: com.get(p.id)?.overdue ?? 0,
    };
    out.set(p.id, { line, done });
  }
  return out;
}

export function totalsOf(lines: ProjectLine[]): ClearanceTotals {
  const sum = (k: keyof ProjectLine) => lines.reduce((s, l) => s + (l[k] as number), 0);
  return {
    projects: lines.length,
    byCategory: (Object.keys(PROJECT_CATEGORIES) as ProjectCategory[]).map((category) => ({ category, label: PROJECT_CATEGORIES[category], count: lines.filter((l) => l.category === category).length })),
    bySchedule: SCHEDULE_ORDER.map((status) => ({ status, label: SCHEDULE_LABELS[status], count: lines.filter((l) => l.schedule.status === status).length })),
    // declared figures where the households are not listed yet
    householdsAffected: lines.reduce((s, l) => s + Math.max(l.householdsAffected + l.organisationsAffected, l.households + l.organisations), 0),
    households: sum('households') + sum('organisations'),
    followedProjects: lines.filter((l) => l.followed).length,
    followedAffected: lines.reduce((s, l) => s + (l.followed ? Math.max(l.householdsAffected + l.organisationsAffected, l.households + l.organisations) : 0), 0),
    trackedProjects: lines.filter((l) => l.schedule.status !== 'untracked').length,
    plansApproved: sum('plansApproved'),
    amountApproved: sum('amountApproved'),
    householdsPaid: sum('paid'),
    amountPaid: sum('amountPaid'),
    handedOver: sum('handedOver'),
    dialogues: sum('dialogues'),
    dialogueParticipants: sum('dialogueParticipants'),
    complaintsOpen: sum('complaintsOpen'),
    complaintsOverdue: sum('complaintsOverdue'),
  };
}

/** The campaign's land clearance: projects in its unit's subtree under way in its year, through a date. */
export async function campaignClearance(db: Db, c: { unit_path: string; year: number }, through: string, publicOnly = false): Promise<ClearanceTotals> {
  return totalsOf(await projectLines(db, { unitPath: c.unit_path, through, notCompletedBy: `${c.year - 1}-12-31`, publicOnly }));
}

export interface ClearanceDashboard {
  through: string;
  unit: { code: string; name: string } | null;
  totals: ClearanceTotals;
  byUnit: (ClearanceTotals & { code: string; name: string })[];
  projects: ProjectLine[];
}

/**
 * The dashboard's project filters by schedule, each the population of one figure of the report
 * (`tien_do=…`): the projects behind, on schedule (the report's "đảm bảo đúng tiến độ": not behind,
 * with a known schedule), completed, with a known schedule, followed down to each household.
 */
export const SCHEDULE_FILTERS: Record<string, { label: string; keep: (l: ProjectLine) => boolean }> = {
  cham: { label: 'chậm tiến độ', keep: (l) => l.schedule.status === 'behind' },
  dung: { label: 'đảm bảo đúng tiến độ (đúng tiến độ, đã xong các bước hoặc hoàn thành)', keep: (l) => ['onSchedule', 'stepsDone', 'completed'].includes(l.schedule.status) },
  'hoan-thanh': { label: 'hoàn thành', keep: (l) => l.schedule.status === 'completed' },
  'co-tien-do': { label: 'đã cập nhật các bước (biết tiến độ)', keep: (l) => l.schedule.status !== 'untracked' },
  'theo-doi-ho': { label: 'theo dõi đến từng hộ', keep: (l) => l.followed },
};

/** The dashboard of a subtree (the actor's own by default), through a date. */
export async function clearanceDashboard(db: Db, actor: Actor, q: { unit?: string | undefined; through?: string | undefined; category?: string | undefined; q?: string | undefined; schedule?: string | undefined; year?: number | undefined }): Promise<ClearanceDashboard> {
  const through = q.through ?? todayVn();
  let unit = q.unit ? await findUnitByCode(db, q.unit) : undefined;
  if (q.unit && !unit) throw fieldError('unit', `Đơn vị: không tìm thấy đơn vị "${q.unit}"`);
  if (!unit && actor.kind === 'user') unit = await findUnitByCode(db, actor.unitCode);
  authorize(actor, 'clearance.read', unit ? { unitPath: unit.path } : {});
  // with a year: only projects under way in it (not finished before it began), as its campaign counts them
  const all = await projectLines(db, { unitPath: unit?.path, through, category: q.category || undefined, q: q.q || undefined, notCompletedBy: q.year ? `${q.year - 1}-12-31` : undefined });
  const keep = q.schedule ? SCHEDULE_FILTERS[q.schedule]?.keep : undefined;
  const lines = keep ? all.filter(keep) : all;
  const children = unit ? (await listUnits(db, { pathPrefix: unit.path })).filter((u) => u.parent_id === unit.id) : [];
  const byUnit = children
    .map((u) => ({ code: u.code, name: u.name, ...totalsOf(lines.filter((l) => l.unitPath.startsWith(u.path))) }))
    .filter((u) => u.projects > 0);
  const own = unit ? lines.filter((l) => l.unitPath === unit.path) : [];
  if (unit && own.length) byUnit.unshift({ code: unit.code, name: `${unit.name} (trực tiếp)`, ...totalsOf(own) });
  return { through, unit: unit ? { code: unit.code, name: unit.name } : null, totals: totalsOf(lines), byUnit, projects: lines };
}

/** A complaint's statutory due date is "near" this many days ahead: it joins the officer's work then. */
export const COMPLAINT_SOON_DAYS = 7;

/** At most this many items of each kind are listed on "Việc của tôi" (oldest first); the totals are always exact. */
export const WORK_LIST_MAX = 100;

/** What waits on this user: steps and plans to approve, payments to confirm, steps and complaints of their projects overdue or due soon. */
export async function myWork(db: Db, actor: UserActor, limit = WORK_LIST_MAX) {
  const scope = actor.unitPath;
  const today = todayVn();
  const approver = can(actor, 'clearance.approve');
  const manager = can(actor, 'clearance.manage');
  // what another person did waits on me: my own steps, plans and payments are left out in SQL, so the counts are exact
  const none = { rows: [], total: 0 };
  const [steps, plans, payments] = approver
    ? await Promise.all([repo.stepsAwaitingApproval(db, scope, actor.userId, limit), repo.plansAwaitingApproval(db, scope, actor.userId, limit), repo.paymentsAwaitingConfirmation(db, scope, actor.userId, limit)])
    : [none, none, none];
  type DueStep = { project: string; projectName: string; step: string; stepName: string; dueOn: string | null; state: string; lateDays: number; daysLeft: number | null };
  const dueSteps: DueStep[] = [];
  let dueTotal = 0;
  let overdueSteps = 0;
  if (manager) {
    const mine = (await repo.projectsForWork(db, scope)).filter((p) => p.officer_id === actor.userId || p.officer_id === null);
    const [kinds, allKinds, cal] = await Promise.all([repo.listStepKinds(db, true), repo.listStepKinds(db), loadCalendar(db)]);
    // The compiled summary (kept step facts) counts each project's steps overdue or due soon and
    // gives the earliest due day among them: the totals come from the summaries, and only the
    // projects needed to list the first `limit` steps (earliest due first) are read and
    // scheduled step by step — a city has thousands of projects with a step overdue.
    const catalogue = compileCatalogue(allKinds);
    const flagged = mine
      .map((p) => ({ p, sum: summariseSchedule(catalogue, stepArrays(catalogue, p.steps_json ? (JSON.parse(p.steps_json) as number[]) : []), { startedOn: p.started_on, dueOn: p.due_on }, cal, today) }))
      .filter(({ sum }) => sum.overdueOpen + sum.dueSoon > 0)
      .sort((a, b) => a.sum.firstDue - b.sum.firstDue || a.p.code.localeCompare(b.p.code));
    for (const { sum } of flagged) {
      dueTotal += sum.overdueOpen + sum.dueSoon;
      overdueSteps += sum.overdueOpen;
    }
    // projects in order of their earliest due step; stop once the `limit`-th earliest step listed
    // falls due no later than the next project's earliest (ties keep the projects' order)
    for (let i = 0; i < flagged.length; ) {
      const batch = flagged.slice(i, i + 10); // a few hundred steps a query
      i += batch.length;
      const rows = await repo.stepsOfProjects(db, batch.map((f) => f.p.id));
      for (const { p } of batch) {
        const own = rows.filter((r) => r.project_id === p.id);
        for (const s of scheduleOf(p, kinds, own, cal, today).steps)
          if (s.state === 'overdue' || s.state === 'dueSoon') dueSteps.push({ project: p.code, projectName: p.name, step: s.code, stepName: s.name, dueOn: s.dueOn, state: s.state, lateDays: s.lateDays, daysLeft: s.daysLeft });
      }
      dueSteps.sort((a, b) => (a.dueOn ?? '').localeCompare(b.dueOn ?? ''));
      const next = flagged[i];
      if (dueSteps.length >= limit && (!next || dayNo(dueSteps[limit - 1]!.dueOn ?? '') <= next.sum.firstDue)) break;
    }
  }
  // complaints past their statutory due date, or due within COMPLAINT_SOON_DAYS
  const complaints = manager ? await repo.complaintsDue(db, scope, today, addDays(today, COMPLAINT_SOON_DAYS), limit) : { ...none, overdue: 0 };
  return {
    dueComplaints: complaints.rows.map((c) => ({ id: c.id, project: c.project_code, projectName: c.project_name, kind: c.kind, receivedOn: c.received_on, dueOn: c.due_on, handler: c.handler, overdue: c.due_on < today, daysLeft: daysBetween(today, c.due_on) })),
    approveSteps: steps.rows.map((s) => ({ project: s.project_code, projectName: s.project_name, step: s.step_code, stepName: s.step_name, doneOn: s.done_on, doneBy: s.done_by_name })),
    approvePlans: plans.rows.map((p) => ({ project: p.project_code, projectName: p.project_name, household: p.household_code, version: p.version, total: Number(p.total), createdBy: p.created_by_name })),
    confirmPayments: payments.rows.map((p) => ({ id: p.id, project: p.project_code, projectName: p.project_name, household: p.household_code, amount: Number(p.amount), paidOn: p.paid_on, recordedBy: p.recorded_by_name })),
    dueSteps: dueSteps.slice(0, limit),
    /** the exact number of each kind of item (the lists above stop at `limit`) */
    totals: { dueComplaints: complaints.total, overdueComplaints: complaints.overdue, approveSteps: steps.total, approvePlans: plans.total, confirmPayments: payments.total, dueSteps: dueTotal, overdueSteps },
  };
}

interface DialogueRegister {
  through: string;
  unit: { code: string; name: string } | null;
  /** only projects under way in this year (not finished before it began): the campaign's population */
  year: number | null;
  items: { id: number; heldOn: string; project: string; projectName: string; unitName: string; place: string; chair: string; participants: number }[];
  total: { dialogues: number; participants: number };
}

/**
 * Every dialogue with the people held in a subtree's projects through a day — the list behind the
 * figures "N buổi đối thoại, M lượt" of the dashboard and the report, over the same projects (with
 * `year`, those the campaign of that year counts), so the list and the figure agree.
 */
export async function dialogueRegister(db: Db, actor: Actor, q: { unit?: string | undefined; through?: string | undefined; year?: number | undefined }): Promise<DialogueRegister> {
  const through = q.through ?? todayVn();
  let unit = q.unit ? await findUnitByCode(db, q.unit) : undefined;
  if (q.unit && !unit) throw fieldError('unit', `Đơn vị: không tìm thấy đơn vị "${q.unit}"`);
  if (!unit && actor.kind === 'user') unit = await findUnitByCode(db, actor.unitCode);
  authorize(actor, 'clearance.read', unit ? { unitPath: unit.path } : {});
  const lines = await projectLines(db, { unitPath: unit?.path, through, notCompletedBy: q.year ? `${q.year - 1}-12-31` : undefined });
  const rows = await repo.dialoguesOfProjects(db, lines.map((l) => l.code), through);
  const items = rows.map((r) => ({ id: r.id, heldOn: r.held_on, project: r.project_code, projectName: r.project_name, unitName: r.unit_name, place: r.place, chair: r.chair, participants: Number(r.participants) }));
  return { through, unit: unit ? { code: unit.code, name: unit.name } : null, year: q.year ?? null, items, total: { dialogues: items.length, participants: items.reduce((s, x) => s + x.participants, 0) } };
}

interface HouseholdRegister {
  through: string;
  unit: { code: string; name: string } | null;
  year: number | null;
  milestone: repo.HouseholdMilestone;
  items: { code: string; name: string | null; kind: string; project: string; projectName: string; unitName: string; on: string; approvedAmount: number | null }[];
  total: number;
  approvedTotal: number;
  page: number;
  pageSize: number;
}

/**
 * The households behind "N hộ đã phê duyệt phương án / đã nhận đủ tiền / đã bàn giao mặt bằng" of
 * a subtree through a day (with `year`, over the projects the campaign of that year counts). A
 * household's name shows only to whoever may see its project's personal data.
 */
export async function householdRegister(
  db: Db,
  actor: Actor,
  q: { unit?: string | undefined; through?: string | undefined; year?: number | undefined; milestone: repo.HouseholdMilestone; page?: number | undefined },
): Promise<HouseholdRegister> {
  const through = q.through ?? todayVn();
  let unit = q.unit ? await findUnitByCode(db, q.unit) : undefined;
  if (q.unit && !unit) throw fieldError('unit', `Đơn vị: không tìm thấy đơn vị "${q.unit}"`);
  if (!unit && actor.kind === 'user') unit = await findUnitByCode(db, actor.unitCode);
  authorize(actor, 'clearance.read', unit ? { unitPath: unit.path } : {});
  const lines = await projectLines(db, { unitPath: unit?.path, through, notCompletedBy: q.year ? `${q.year - 1}-12-31` : undefined });
  const pageSize = 100;
  const page = Math.min(Math.max(1, q.page ?? 1), 100_000);
  const r = await repo.householdsReaching(db, lines.filter((l) => l.followed).map((l) => l.code), q.milestone, through, { limit: pageSize, offset: (page - 1) * pageSize });
  const col = repo.HOUSEHOLD_MILESTONES[q.milestone];
  return {
    through,
    unit: unit ? { code: unit.code, name: unit.name } : null,
    year: q.year ?? null,
    milestone: q.milestone,
    items: r.rows.map((h) => ({
      code: h.code,
      name: can(actor, 'clearance.personal', { unitPath: h.unit_path }) ? h.name : null,
      kind: h.kind,
      project: h.project_code,
      projectName: h.project_name,
      unitName: h.unit_name,
      on: h[col]!,
      approvedAmount: h.approved_total === null ? null : Number(h.approved_total),
    })),
    total: r.total,
    approvedTotal: r.approvedTotal,
    page,
    pageSize,
  };
}
