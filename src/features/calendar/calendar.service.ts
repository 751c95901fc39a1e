/**
 * The working calendar: Monday to Friday, minus public holidays (Tết, 30/4…), plus the Saturdays
 * the government moves work to. Administrators keep the list (the lunar holidays move every
 * year); statutory deadlines "in working days" are counted on it.
 */
import type { Db } from '../../db/index.js';
import { notFound } from '../../lib/errors.js';
import { parseInput, z, zDate, zText } from '../../lib/validation.js';
import { authorize, type Actor } from '../accounts/policy.js';
import { audit } from '../audit/audit.service.js';
import * as repo from './calendar.repository.js';
import { CALENDAR_DAY_KINDS, type CalendarDayKind, type CalendarDayTable } from './calendar.table.js';

const DAY_MS = 86_400_000;
const toUtc = (day: string) => Date.parse(`${day}T00:00:00Z`);
const fromUtc = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `day` plus `n` calendar days. */
export const addDays = (day: string, n: number): string => fromUtc(toUtc(day) + n * DAY_MS);

/** Calendar days from `a` to `b` (negative when b is earlier). */
export const daysBetween = (a: string, b: string): number => Math.round((toUtc(b) - toUtc(a)) / DAY_MS);

export class WorkCalendar {
  private readonly special: Map<string, CalendarDayKind>;
  constructor(days: readonly { day: string; kind: CalendarDayKind }[] = []) {
    this.special = new Map(days.map((d) => [d.day, d.kind]));
  }

  isWorkingDay(day: string): boolean {
    const kind = this.special.get(day);
    if (kind === 'holiday') return false;
    if (kind === 'workday') return true;
    const wd = new Date(toUtc(day)).getUTCDay();
    return wd !== 0 && wd !== 6;
  }

  /** The n-th working day after `day` (n = 0: `day` itself, or the next working day if it is not one). */
  addWorkingDays(day: string, n: number): string {
    let d = day;
    if (n === 0) {
      while (!this.isWorkingDay(d)) d = addDays(d, 1);
      return d;
    }
    let left = n;
    while (left > 0) {
      d = addDays(d, 1);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** A time limit of `n` days of `kind` counted from `day`. */
  add(day: string, n: number, kind: 'calendar' | 'working'): string {
    return kind === 'working' ? this.addWorkingDays(day, n) : addDays(day, n);
  }
}

export async function loadCalendar(db: Db): Promise<WorkCalendar> {
  return new WorkCalendar(await repo.allCalendarDays(db));
}

export const calendarLabels = { day: 'Ngày', kind: 'Loại ngày', name: 'Tên ngày lễ' };
export const ZCalendarDay = z.object({
  day: zDate(),
  kind: z.enum(Object.keys(CALENDAR_DAY_KINDS) as [CalendarDayKind, ...CalendarDayKind[]]),
  name: zText(200),
});

export async function listCalendarDays(db: Db, actor: Actor): Promise<CalendarDayTable[]> {
  authorize(actor, 'admin.enter');
  return repo.allCalendarDays(db);
}

/** Adds or changes a holiday or make-up working day (installation-wide, top-level admins). */
export async function saveCalendarDay(trx: Db, { actor, input }: { actor: Actor; input: unknown }): Promise<CalendarDayTable> {
  authorize(actor, 'clearance.configure', { unitPath: '/', entityType: 'calendarDay' });
  const d = parseInput(ZCalendarDay, input, calendarLabels);
  const before = await repo.findCalendarDay(trx, d.day);
  await repo.upsertCalendarDay(trx, d);
  await audit(trx, actor, { action: 'calendar.save', entityType: 'calendarDay', entityId: d.day, before, after: d });
  return d;
}

export async function removeCalendarDay(trx: Db, { actor, day }: { actor: Actor; day: string }): Promise<void> {
  authorize(actor, 'clearance.configure', { unitPath: '/', entityType: 'calendarDay', entityId: day });
  const before = await repo.findCalendarDay(trx, day);
  if (!before) throw notFound(`Không có ngày ${day} trong lịch.`);
  await repo.deleteCalendarDay(trx, day);
  await audit(trx, actor, { action: 'calendar.delete', entityType: 'calendarDay', entityId: day, before });
}
