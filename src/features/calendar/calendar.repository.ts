import type { Db } from '../../db/index.js';
import type { CalendarDayKind, CalendarDayTable } from './calendar.table.js';

export const allCalendarDays = (db: Db): Promise<CalendarDayTable[]> => db.selectFrom('calendar_days').selectAll().orderBy('day').execute();

export const findCalendarDay = (db: Db, day: string): Promise<CalendarDayTable | undefined> => db.selectFrom('calendar_days').selectAll().where('day', '=', day).executeTakeFirst();

export async function upsertCalendarDay(db: Db, row: { day: string; kind: CalendarDayKind; name: string }): Promise<void> {
  await db
    .insertInto('calendar_days')
    .values(row)
    .onConflict((oc) => oc.column('day').doUpdateSet({ kind: row.kind, name: row.name }))
    .execute();
}

export async function deleteCalendarDay(db: Db, day: string): Promise<void> {
  await db.deleteFrom('calendar_days').where('day', '=', day).execute();
}
