/**
 * Deadlines and schedule status, derived and never typed. Each step's statutory due date is
 * counted (in calendar or working days, per the step catalogue) from the completion of the step
 * it depends on — or, while that step is not done, from that step's own due date, so that the
 * whole chain shows when each step is due at the latest. Everything is "as of" a date, so the
 * same rules answer "today" and "through 30/09/2021".
 */
import { daysBetween, type WorkCalendar } from '../calendar/calendar.service.js';
import type { DayKind, StepStatus } from './landClearance.table.js';

export const DUE_SOON_DAYS = 7;

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

export type StepState = 'completed' | 'awaitingApproval' | 'overdue' | 'dueSoon' | 'pending' | 'notApplicable' | 'paused';

export const STEP_STATE_LABELS: Record<StepState, string> = {
  completed: 'Đã hoàn thành',
  awaitingApproval: 'Chờ duyệt',
  overdue: 'Quá hạn',
  dueSoon: 'Sắp đến hạn',
  pending: 'Chưa đến hạn',
  notApplicable: 'Không áp dụng',
  paused: 'Tạm dừng',
};

export interface ScheduledStep extends StepFacts {
  dueOn: string | null;
  state: StepState;
  /** days past the due date: of completion when completed late, of today when overdue */
  lateDays: number;
  /** days left until due, when not yet done */
  daysLeft: number | null;
}

export type ScheduleStatus = 'notStarted' | 'onSchedule' | 'behind' | 'completed';
export const SCHEDULE_LABELS: Record<ScheduleStatus, string> = {
  notStarted: 'Chưa triển khai',
  onSchedule: 'Đúng tiến độ',
  behind: 'Chậm tiến độ',
  completed: 'Hoàn thành',
};

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
