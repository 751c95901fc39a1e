/**
 * Deadlines and schedule status, derived and never typed. Each step's statutory due date is
 * counted (in calendar or working days, per the step catalogue) from the completion of the step
 * it depends on — or, while that step is not done, from that step's own due date, so that the
 * whole chain shows when each step is due at the latest. Everything is "as of" a date, so the
 * same rules answer "today" and "through 30/09/2021".
 */
import { dayNo, daysBetween, type WorkCalendar } from '../calendar/calendar.service.js';
import type { DayKind, StepStatus } from './landClearance.table.js';

const DUE_SOON_DAYS = 7;

export interface StepFacts {
  code: string;
  name: string;
  sortOrder: number;
  deadlineDays: number | null;
  dayKind: DayKind;
  countedFrom: string | null;
  optional: boolean;
  status: StepStatus;
  plannedOn: string | null;
  doneOn: string | null;
}

type StepState = 'completed' | 'awaitingApproval' | 'overdue' | 'dueSoon' | 'pending' | 'notApplicable' | 'paused';

export const STEP_STATE_LABELS: Record<StepState, string> = {
  completed: 'Đã hoàn thành',
  awaitingApproval: 'Chờ duyệt',
  overdue: 'Quá hạn',
  dueSoon: 'Sắp đến hạn',
  pending: 'Chưa đến hạn',
  notApplicable: 'Không áp dụng',
  paused: 'Tạm dừng',
};

interface ScheduledStep extends StepFacts {
  dueOn: string | null;
  state: StepState;
  /** days past the due date: of completion when completed late, of today when overdue */
  lateDays: number;
  /** days left until due, when not yet done */
  daysLeft: number | null;
}

/**
 * A project's status. The steps give the first four; two more say what the steps alone cannot:
 * `stepsDone` — every step is done but households followed in Khéo still have not handed over
 * their land (a project is never "Hoàn thành" while someone has not handed over), and
 * `untracked` — no step of the project was ever recorded, so its schedule is unknown (never
 * "behind" nor "on schedule" by default).
 */
export type ScheduleStatus = 'notStarted' | 'onSchedule' | 'behind' | 'completed' | 'stepsDone' | 'untracked';
export const SCHEDULE_LABELS: Record<ScheduleStatus, string> = {
  notStarted: 'Chưa triển khai',
  onSchedule: 'Đúng tiến độ',
  behind: 'Chậm tiến độ',
  completed: 'Hoàn thành',
  stepsDone: 'Các bước xong, còn hộ chưa bàn giao',
  untracked: 'Chưa cập nhật các bước',
};

/**
 * The status a project shows, from the status its steps give and what is known of its households:
 * `recorded` — whether any step was ever recorded; `listed` — households and organisations listed
 * one by one; `handedOver` — of those, how many handed over their land.
 */
export function projectStatus(fromSteps: ScheduleStatus, known: { recorded: boolean; listed: number; handedOver: number }): ScheduleStatus {
  if (!known.recorded) return 'untracked';
  if (fromSteps === 'completed' && known.listed > known.handedOver) return 'stepsDone';
  return fromSteps;
}

/** The status's label; `stepsDone` says how many have not handed over. */
export const statusLabel = (status: ScheduleStatus, pendingHandover = 0): string =>
  status === 'stepsDone' && pendingHandover > 0 ? `Các bước xong, còn ${pendingHandover.toLocaleString('vi-VN')} hộ chưa bàn giao` : SCHEDULE_LABELS[status];

export interface Schedule {
  steps: ScheduledStep[];
  status: ScheduleStatus;
  /** completed steps / steps that apply (optional steps count only once taken up) */
  completed: number;
  applicable: number;
  overdue: number;
  dueSoon: number;
}

/** A step is completed as of `asOf` when approved and done on or before that date. */
const completedBy = (s: StepFacts, asOf: string) => s.status === 'approved' && s.doneOn !== null && s.doneOn <= asOf;

export function computeSchedule(steps: readonly StepFacts[], project: { startedOn: string | null; dueOn: string | null }, cal: WorkCalendar, asOf: string): Schedule {
  const byCode = new Map(steps.map((s) => [s.code, s]));
  const due = new Map<string, string | null>();
  const visiting = new Set<string>();

  const dueOf = (s: StepFacts): string | null => {
    if (due.has(s.code)) return due.get(s.code) ?? null;
    if (visiting.has(s.code)) return null; // a cycle in the catalogue: no deadline rather than a loop
    visiting.add(s.code);
    let result: string | null = s.plannedOn;
    if (s.deadlineDays !== null) {
      const base = baseOf(s);
      result = base ? cal.add(base, s.deadlineDays, s.dayKind) : s.plannedOn;
    }
    visiting.delete(s.code);
    due.set(s.code, result);
    return result;
  };
  // the clock starts at the completion of the step depended on, else at its own due date;
  // a paused step stops the clock of those after it
  const baseOf = (s: StepFacts): string | null => {
    if (!s.countedFrom) return project.startedOn;
    const from = byCode.get(s.countedFrom);
    if (!from) return project.startedOn;
    if (from.status === 'paused') return null;
    if (completedBy(from, asOf)) return from.doneOn;
    if (from.status === 'notApplicable') return baseOf(from);
    return dueOf(from);
  };

  const out: ScheduledStep[] = [...steps]
    .sort((a, b) => a.sortOrder - b.sortOrder)
    .map((s) => {
      const dueOn = dueOf(s);
      let state: StepState;
      let lateDays = 0;
      let daysLeft: number | null = null;
      if (s.status === 'notApplicable') state = 'notApplicable';
      else if (s.status === 'paused') state = 'paused';
      else if (completedBy(s, asOf)) {
        state = 'completed';
        if (dueOn && s.doneOn! > dueOn) lateDays = daysBetween(dueOn, s.doneOn!);
      } else if (s.status === 'done' && s.doneOn && s.doneOn <= asOf) state = 'awaitingApproval';
      else if (dueOn && asOf > dueOn && !(s.optional && s.plannedOn === null)) {
        state = 'overdue';
        lateDays = daysBetween(dueOn, asOf);
      } else if (dueOn) {
        daysLeft = daysBetween(asOf, dueOn);
        state = daysLeft <= DUE_SOON_DAYS && !(s.optional && s.plannedOn === null) ? 'dueSoon' : 'pending';
      } else state = 'pending';
      if (state === 'awaitingApproval' && dueOn && asOf > dueOn) lateDays = daysBetween(dueOn, asOf);
      return { ...s, dueOn, state, lateDays, daysLeft };
    });

  // an optional step (cưỡng chế) applies only once someone has planned or taken it up
  const applies = (s: ScheduledStep) => s.state !== 'notApplicable' && !(s.optional && s.status === 'pending' && s.plannedOn === null);
  const applicable = out.filter(applies);
  const completed = applicable.filter((s) => s.state === 'completed').length;
  const overdue = out.filter((s) => s.state === 'overdue' || (s.state === 'awaitingApproval' && s.lateDays > 0)).length;
  const dueSoon = out.filter((s) => s.state === 'dueSoon').length;

  let status: ScheduleStatus;
  if (applicable.length > 0 && completed === applicable.length) status = 'completed';
  else if (!project.startedOn || project.startedOn > asOf) status = 'notStarted';
  else if (overdue > 0 || (project.dueOn !== null && asOf > project.dueOn)) status = 'behind';
  else status = 'onSchedule';
  return { steps: out, status, completed, applicable: applicable.length, overdue, dueSoon };
}

/**
 * The step catalogue compiled once for many projects (a dashboard of 10 000 projects): indices
 * instead of codes, so that `summariseSchedule` computes each project's summary over day numbers
 * without building objects. It gives exactly what `computeSchedule` gives (a test holds them
 * together on every demo project and date).
 */
interface CompiledCatalogue {
  index: Map<number, number>;
  deadline: (number | null)[];
  working: boolean[];
  /** index of the step counted from; -1: the project's start */
  from: number[];
  optional: boolean[];
  active: boolean[];
}

export function compileCatalogue(kinds: readonly { id: number; code: string; deadline_days: number | null; day_kind: string; counted_from: string | null; optional: number; active: number }[]): CompiledCatalogue {
  const byCode = new Map(kinds.map((k, i) => [k.code, i]));
  return {
    index: new Map(kinds.map((k, i) => [k.id, i])),
    deadline: kinds.map((k) => k.deadline_days),
    working: kinds.map((k) => k.day_kind === 'working'),
    from: kinds.map((k) => (k.counted_from ? (byCode.get(k.counted_from) ?? -1) : -1)),
    optional: kinds.map((k) => k.optional === 1),
    active: kinds.map((k) => k.active === 1),
  };
}

const NONE = -1;

/** One project's steps for `summariseSchedule`: per catalogue index, with day numbers (NONE: no date; present: a row exists). */
interface StepArrays {
  present: boolean[];
  status: number[];
  planned: number[];
  done: number[];
}

/** One project's steps from its kept facts: flat numbers [kindId, status 0…4, plannedOn, doneOn (day numbers, -1: none), …]. */
export function stepArrays(cat: CompiledCatalogue, flat: readonly number[]): StepArrays {
  const n = cat.deadline.length;
  const a: StepArrays = { present: new Array<boolean>(n).fill(false), status: new Array<number>(n).fill(0), planned: new Array<number>(n).fill(NONE), done: new Array<number>(n).fill(NONE) };
  for (let j = 0; j + 3 < flat.length; j += 4) {
    const i = cat.index.get(flat[j]!);
    if (i === undefined) continue;
    a.present[i] = true;
    a.status[i] = flat[j + 1]!;
    a.planned[i] = flat[j + 2]!;
    a.done[i] = flat[j + 3]!;
  }
  return a;
}

interface ScheduleSummary {
  status: ScheduleStatus;
  completed: number;
  applicable: number;
  overdue: number;
  dueSoon: number;
  /** steps in the state 'overdue' (`overdue` also counts steps done late and awaiting approval) */
  overdueOpen: number;
  /** the earliest due day (day number) of a step overdue or due soon; -1 when there is none */
  firstDue: number;
}

/** `computeSchedule` reduced to its summary, over day numbers, for one project. */
export function summariseSchedule(cat: CompiledCatalogue, s: StepArrays, project: { startedOn: string | null; dueOn: string | null }, cal: WorkCalendar, asOfDay: string): ScheduleSummary {
  const n = cat.deadline.length;
  const asOf = dayNo(asOfDay);
  const start = project.startedOn ? dayNo(project.startedOn) : NONE;
  // a retired step counts only where the project acted on it
  const inPlay = (i: number) => cat.active[i] || s.present[i];
  const completedBy = (i: number) => s.status[i] === 2 && s.done[i] !== NONE && s.done[i]! <= asOf;
  const due = new Array<number>(n).fill(-2); // -2: not computed yet; NONE: no due date
  const visiting = new Array<boolean>(n).fill(false);
  const dueOf = (i: number): number => {
    if (due[i] !== -2) return due[i]!;
    if (visiting[i]) return NONE;
    visiting[i] = true;
    let r = s.planned[i]!;
    const limit = cat.deadline[i]!;
    if (limit !== null) {
      const base = baseOf(i);
      r = base !== NONE ? cal.addNo(base, limit, cat.working[i]!) : s.planned[i]!;
    }
    visiting[i] = false;
    due[i] = r;
    return r;
  };
  const baseOf = (i: number): number => {
    const f = cat.from[i]!;
    if (f < 0 || !inPlay(f)) return start;
    if (s.status[f] === 4) return NONE;
    if (completedBy(f)) return s.done[f]!;
    if (s.status[f] === 3) return baseOf(f);
    return dueOf(f);
  };
  let applicable = 0;
  let completed = 0;
  let overdue = 0;
  let dueSoon = 0;
  let overdueOpen = 0;
  let firstDue = NONE;
  for (let i = 0; i < n; i++) {
    if (!inPlay(i)) continue;
    const st = s.status[i]!;
    const d = dueOf(i);
    const unplannedOptional = cat.optional[i]! && s.planned[i] === NONE;
    if (st === 3) continue; // không áp dụng
    if (!(cat.optional[i] && st === 0 && s.planned[i] === NONE)) applicable++;
    if (st === 4) continue; // tạm dừng
    if (completedBy(i)) {
      completed++;
    } else if (st === 1 && s.done[i] !== NONE && s.done[i]! <= asOf) {
      if (d !== NONE && asOf > d) overdue++;
    } else if (d !== NONE && asOf > d && !unplannedOptional) {
      overdue++;
      overdueOpen++;
      if (firstDue === NONE || d < firstDue) firstDue = d;
    } else if (d !== NONE && d - asOf <= DUE_SOON_DAYS && !unplannedOptional) {
      dueSoon++;
      if (firstDue === NONE || d < firstDue) firstDue = d;
    }
  }
  let status: ScheduleStatus;
  if (applicable > 0 && completed === applicable) status = 'completed';
  else if (start === NONE || start > asOf) status = 'notStarted';
  else if (overdue > 0 || (project.dueOn !== null && asOf > dayNo(project.dueOn))) status = 'behind';
  else status = 'onSchedule';
  return { status, completed, applicable, overdue, dueSoon, overdueOpen, firstDue };
}
