/**
 * The working calendar: Monday to Friday, minus public holidays (Tết, 30/4…), plus the Saturdays
 * the government moves work to. Administrators keep the list (the lunar holidays move every
 * year); statutory deadlines "in working days" are counted on it.
 */
import type { Db, Tx } from '../../db/index.js';
import { notFound } from '../../lib/errors.js';
import { parseInput, z, zDate, zText } from '../../lib/validation.js';
import { authorize, type Actor } from '../../policy/policy.js';
import { audit } from '../audit/audit.service.js';
import * as repo from './calendar.repository.js';
import { CALENDAR_DAY_KINDS, type CalendarDayKind, type CalendarDayTable } from './calendar.table.js';

const DAY_MS = 86_400_000;
/** "2021-02-10" → days since 1970-01-01 (integer arithmetic from here on; the civil-calendar formula, no Date). */
export const dayNo = (day: string): number => {
  const c = (i: number) => day.charCodeAt(i) - 48;
  let y = c(0) * 1000 + c(1) * 100 + c(2) * 10 + c(3);
  const m = c(5) * 10 + c(6);
  const d = c(8) * 10 + c(9);
  if (m <= 2) y -= 1;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
};
const fromNo = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);

/** `day` plus `n` calendar days. */
export const addDays = (day: string, n: number): string => fromNo(dayNo(day) + n);

/** Calendar days from `a` to `b` (negative when b is earlier). */
export const daysBetween = (a: string, b: string): number => dayNo(b) - dayNo(a);

export class WorkCalendar {
  /** day number → holiday (false) or make-up working day (true) */
  private readonly special: Map<number, boolean>;
  /** answers already given: projects count their deadlines from the same dates */
  private readonly memo = new Map<string, string>();
  /** the holidays and make-up days, as text: equal signatures give equal deadlines (memo keys) */
  readonly signature: string;
  constructor(days: readonly { day: string; kind: CalendarDayKind }[] = []) {
    this.special = new Map(days.map((d) => [dayNo(d.day), d.kind === 'workday']));
    this.signature = [...this.special].sort((a, b) => a[0] - b[0]).map(([n, w]) => `${n}${w ? 'w' : 'h'}`).join(',');
  }

  private working(n: number): boolean {
    const special = this.special.get(n);
    if (special !== undefined) return special;
    const wd = (((n + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday; 0 is Sunday (also before 1970)
    return wd !== 0 && wd !== 6;
  }

  isWorkingDay(day: string): boolean {
    return this.working(dayNo(day));
  }

  /** The n-th working day after `day` (n = 0: `day` itself, or the next working day if it is not one). */
  addWorkingDays(day: string, n: number): string {
    let d = dayNo(day);
    if (n === 0) {
      while (!this.working(d)) d++;
      return fromNo(d);
    }
    let left = n;
    while (left > 0) {
      d++;
      if (this.working(d)) left--;
    }
    return fromNo(d);
  }

  private readonly memoNo = new Map<number, number>();
  /** `add` over day numbers (no strings): for computing thousands of schedules at once. */
  addNo(day: number, n: number, working: boolean): number {
    if (!working) return day + n;
    const key = (day * 4096 + n) * 2;
    let v = this.memoNo.get(key);
    if (v === undefined) {
      v = day;
      if (n === 0) while (!this.working(v)) v++;
      for (let left = n; left > 0; ) if (this.working(++v)) left--;
      this.memoNo.set(key, v);
    }
    return v;
  }

  /** A time limit of `n` days of `kind` counted from `day`. */
  add(day: string, n: number, kind: 'calendar' | 'working'): string {
    const key = `${day}|${n}|${kind}`;
    let v = this.memo.get(key);
    if (v === undefined) {
      v = kind === 'working' ? this.addWorkingDays(day, n) : addDays(day, n);
      this.memo.set(key, v);
    }
    return v;
  }
}

export async function loadCalendar(db: Db): Promise<WorkCalendar> {
  return new WorkCalendar(await repo.allCalendarDays(db));
}

const calendarLabels = { day: 'Ngày', kind: 'Loại ngày', name: 'Tên ngày lễ' };
const ZCalendarDay = z.object({
  day: zDate(),
  kind: z.enum(Object.keys(CALENDAR_DAY_KINDS) as [CalendarDayKind, ...CalendarDayKind[]]),
  name: zText(200),
});

export async function listCalendarDays(db: Db, actor: Actor): Promise<CalendarDayTable[]> {
  authorize(actor, 'admin.enter');
  return repo.allCalendarDays(db);
}

/** Adds or changes a holiday or make-up working day (installation-wide, top-level admins). */
export async function saveCalendarDay(trx: Tx, { actor, input }: { actor: Actor; input: unknown }): Promise<CalendarDayTable> {
  authorize(actor, 'clearance.configure', { unitPath: '/', entityType: 'calendarDay' });
  const d = parseInput(ZCalendarDay, input, calendarLabels);
  const before = await repo.findCalendarDay(trx, d.day);
  await repo.upsertCalendarDay(trx, d);
  await audit(trx, actor, { action: 'calendar.save', entityType: 'calendarDay', entityId: d.day, before, after: d });
  return d;
}

export async function removeCalendarDay(trx: Tx, { actor, day }: { actor: Actor; day: string }): Promise<void> {
  authorize(actor, 'clearance.configure', { unitPath: '/', entityType: 'calendarDay', entityId: day });
  const before = await repo.findCalendarDay(trx, day);
  if (!before) throw notFound(`Không có ngày ${day} trong lịch.`);
  await repo.deleteCalendarDay(trx, day);
  await audit(trx, actor, { action: 'calendar.delete', entityType: 'calendarDay', entityId: day, before });
}

/*
 * The slice's public surface for other slices: these readers and writers of its tables, and the
 * kinds and labels of its table module. Other slices import them from here, never from
 * the repository or the table module (.dependency-cruiser.cjs).
 */
export { CALENDAR_DAY_KINDS } from './calendar.table.js';
