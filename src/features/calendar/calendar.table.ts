/** Days that differ from the Monday–Friday week: public holidays (Tết…) and make-up working days. */
export type CalendarDayKind = 'holiday' | 'workday';

export const CALENDAR_DAY_KINDS: Record<CalendarDayKind, string> = {
  holiday: 'Ngày nghỉ lễ, Tết',
  workday: 'Ngày làm việc bù',
};

export interface CalendarDayTable {
  day: string;
  kind: CalendarDayKind;
  name: string;
}
