import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/index.js';
import { likePrefix } from '../../db/dialect.js';
import type { AssignmentTable, ConclusionTable, MeetingTable, VisitTable } from './supervision.table.js';

const meetings = (db: Db) =>
  db
    .selectFrom('meetings as m')
    .innerJoin('units as u', 'u.id', 'm.unit_id')
    .leftJoin('campaigns as k', 'k.id', 'm.campaign_id')
    .selectAll('m')
    .select(['u.code as unit_code', 'u.name as unit_name', 'u.path as unit_path', 'k.code as campaign_code']);
export type MeetingFull = Awaited<ReturnType<typeof findMeeting>> & object;

export const findMeeting = (db: Db, id: number) => meetings(db).where('m.id', '=', id).executeTakeFirst();
/** Meetings of a subtree (or of the units above it, which it attends), newest first. */
export const listMeetings = (db: Db, f: { unitPath?: string | undefined; kind?: string; from?: string; to?: string; limit: number }) => {
  let q = meetings(db);
  if (f.unitPath) q = q.where(likePrefix('u.path', f.unitPath));
  if (f.kind) q = q.where('m.kind', '=', f.kind);
  if (f.from) q = q.where('m.held_on', '>=', f.from);
  if (f.to) q = q.where('m.held_on', '<=', f.to);
  return q.orderBy('m.held_on', 'desc').orderBy('m.id', 'desc').limit(f.limit).execute();
};
export async function insertMeeting(db: Db, row: Insertable<MeetingTable>): Promise<number> {
  return (await db.insertInto('meetings').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

const conclusions = (db: Db) =>
  db
    .selectFrom('conclusions as c')
    .innerJoin('units as o', 'o.id', 'c.owner_unit_id')
    .innerJoin('meetings as m', 'm.id', 'c.meeting_id')
    .selectAll('c')
    .select(['o.code as owner_code', 'o.name as owner_name', 'o.path as owner_path', 'm.title as meeting_title', 'm.held_on as meeting_held_on']);
export type ConclusionFull = Awaited<ReturnType<typeof findConclusion>> & object;

export const findConclusion = (db: Db, id: number) => conclusions(db).where('c.id', '=', id).executeTakeFirst();
export const conclusionsOf = (db: Db, meetingId: number) => conclusions(db).where('c.meeting_id', '=', meetingId).orderBy('c.position').execute();
export async function insertConclusions(db: Db, rows: Insertable<ConclusionTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('conclusions').values(rows).execute();
}
export async function updateConclusion(db: Db, id: number, patch: Updateable<ConclusionTable>): Promise<void> {
  await db.updateTable('conclusions').set(patch).where('id', '=', id).execute();
}
/** Open conclusions owned in a subtree, due by a date (overdue when before today), oldest due first. */
export const openConclusions = (db: Db, f: { ownerPath: string; dueBy?: string; limit?: number }) => {
  let q = conclusions(db).where('c.status', '=', 'open').where(likePrefix('o.path', f.ownerPath));
  if (f.dueBy) q = q.where('c.due_on', '<=', f.dueBy);
  return q.orderBy('c.due_on').orderBy('c.id').limit(f.limit ?? 200).execute();
};

// ——— assignments and visits ———

const assignments = (db: Db) =>
  db
    .selectFrom('assignments as a')
    .innerJoin('units as u', 'u.id', 'a.unit_id')
    .leftJoin('campaigns as k', 'k.id', 'a.campaign_id')
    .selectAll('a')
    .select(['u.code as unit_code', 'u.name as unit_name', 'u.path as unit_path', 'k.code as campaign_code']);
export const listAssignments = (db: Db) => assignments(db).orderBy('a.leader_name').orderBy('u.name').execute();
export const assignmentsOf = (db: Db, leaderName: string) => assignments(db).where('a.leader_name', '=', leaderName).orderBy('u.name').execute();
export const findAssignment = (db: Db, leaderName: string, unitId: number) => assignments(db).where('a.leader_name', '=', leaderName).where('a.unit_id', '=', unitId).executeTakeFirst();
export async function insertAssignment(db: Db, row: Insertable<AssignmentTable>): Promise<void> {
  await db.insertInto('assignments').values(row).execute();
}

const visits = (db: Db) => db.selectFrom('visits as v').innerJoin('units as u', 'u.id', 'v.unit_id').selectAll('v').select(['u.code as unit_code', 'u.name as unit_name', 'u.path as unit_path']);
export const listVisits = (db: Db, f: { leaderName?: string; unitPath?: string; limit: number }) => {
  let q = visits(db);
  if (f.leaderName) q = q.where('v.leader_name', '=', f.leaderName);
  if (f.unitPath) q = q.where(likePrefix('u.path', f.unitPath));
  return q.orderBy('v.visited_on', 'desc').orderBy('v.id', 'desc').limit(f.limit).execute();
};
export async function insertVisit(db: Db, row: Insertable<VisitTable>): Promise<number> {
  return (await db.insertInto('visits').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** At-a-glance figures of a unit's subtree for a leader's page: registered models and open conclusions. */
export async function unitGlance(db: Db, unitPath: string, today: string): Promise<{ models: number; openConclusions: number; overdueConclusions: number }> {
  const m = await db
    .selectFrom('models as m')
    .innerJoin('units as u', 'u.id', 'm.unit_id')
    .select((eb) => eb.fn.countAll().as('n'))
    .where(likePrefix('u.path', unitPath))
    .where('m.status', '=', 'registered')
    .executeTakeFirst();
  const open = await openConclusions(db, { ownerPath: unitPath, limit: 1000 });
  return { models: Number(m?.n ?? 0), openConclusions: open.length, overdueConclusions: open.filter((c) => c.due_on < today).length };
}
