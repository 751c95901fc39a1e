import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/index.js';
import { likePrefix } from '../../db/dialect.js';
import type { AssignmentTable, ConclusionTable, MeetingTable, PersonMobilisationTable, PrestigiousPersonTable, RaisedIssueTable, VisitTable } from './supervision.table.js';
import { declareUnitReferences } from '../units/units.references.js';

/** The columns of this slice's tables that hold a unit id (deleting a unit counts them: units.references.ts). */
declareUnitReferences(
  { table: 'meetings', column: 'unit_id', label: 'hội nghị' },
  { table: 'conclusions', column: 'owner_unit_id', label: 'kết luận giao đơn vị thực hiện' },
  { table: 'assignments', column: 'unit_id', label: 'phân công phụ trách' },
  { table: 'visits', column: 'unit_id', label: 'lần kiểm tra' },
  { table: 'raised_issues', column: 'unit_id', label: 'vấn đề phát sinh' },
  { table: 'raised_issues', column: 'decider_unit_id', label: 'vấn đề phát sinh chờ đơn vị quyết định' },
);

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

// ——— visit attachments ———

export async function linkVisitFile(db: Db, visitId: number, fileId: number): Promise<void> {
  await db.insertInto('visit_files').values({ visit_id: visitId, file_id: fileId }).execute();
}
export async function filesOfVisits(db: Db, visitIds: readonly number[]): Promise<Map<number, { id: number; name: string; size: number }[]>> {
  const out = new Map<number, { id: number; name: string; size: number }[]>();
  if (!visitIds.length) return out;
  const rows = await db
    .selectFrom('visit_files as vf')
    .innerJoin('files as f', 'f.id', 'vf.file_id')
    .select(['vf.visit_id', 'f.id', 'f.name', 'f.size'])
    .where('vf.visit_id', 'in', [...visitIds])
    .orderBy('f.id')
    .execute();
  for (const r of rows) out.set(r.visit_id, [...(out.get(r.visit_id) ?? []), { id: r.id, name: r.name, size: r.size }]);
  return out;
}
/** The unit (path) of the visit a file is attached to, for authorising a download. */
export const visitOfFile = (db: Db, fileId: number) =>
  db.selectFrom('visit_files as vf').innerJoin('visits as v', 'v.id', 'vf.visit_id').innerJoin('units as u', 'u.id', 'v.unit_id').select(['v.id', 'u.path as unit_path']).where('vf.file_id', '=', fileId).executeTakeFirst();
export const findVisit = (db: Db, id: number) => visits(db).where('v.id', '=', id).executeTakeFirst();
export const findVisitByKey = (db: Db, leaderName: string, unitId: number, visitedOn: string) =>
  visits(db).where('v.leader_name', '=', leaderName).where('v.unit_id', '=', unitId).where('v.visited_on', '=', visitedOn).executeTakeFirst();
export async function updateVisit(db: Db, id: number, patch: Updateable<VisitTable>): Promise<void> {
  await db.updateTable('visits').set(patch).where('id', '=', id).execute();
}
export const findMeetingByKey = (db: Db, unitId: number, heldOn: string, title: string) =>
  meetings(db).where('m.unit_id', '=', unitId).where('m.held_on', '=', heldOn).where('m.title', '=', title).executeTakeFirst();
export async function updateMeeting(db: Db, id: number, patch: Updateable<MeetingTable>): Promise<void> {
  await db.updateTable('meetings').set(patch).where('id', '=', id).execute();
}
export async function updateAssignmentTitle(db: Db, id: number, leaderTitle: string, campaignId: number | null): Promise<void> {
  await db.updateTable('assignments').set({ leader_title: leaderTitle, campaign_id: campaignId }).where('id', '=', id).execute();
}

// ——— issues raised from below ———

const issues = (db: Db) =>
  db
    .selectFrom('raised_issues as i')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .innerJoin('units as d', 'd.id', 'i.decider_unit_id')
    .leftJoin('clearance_projects as p', 'p.id', 'i.project_id')
    .leftJoin('models as mo', 'mo.id', 'i.model_id')
    .leftJoin('visits as v', 'v.id', 'i.visit_id')
    .leftJoin('units as vu', 'vu.id', 'v.unit_id')
    .selectAll('i')
    .select([
      'u.code as unit_code',
      'u.name as unit_name',
      'u.path as unit_path',
      'd.code as decider_code',
      'd.name as decider_name',
      'd.path as decider_path',
      'd.parent_id as decider_parent_id',
      'p.code as project_code',
      'p.name as project_name',
      'mo.code as model_code',
      'mo.name as model_name',
      'v.leader_name as visit_leader',
      'v.visited_on as visit_on',
      'vu.code as visit_unit_code',
    ]);
export type IssueFull = Awaited<ReturnType<typeof findIssue>> & object;
export const findIssue = (db: Db, id: number) => issues(db).where('i.id', '=', id).executeTakeFirst();
export const findIssueByKey = (db: Db, unitId: number, raisedOn: string, title: string) =>
  issues(db).where('i.unit_id', '=', unitId).where('i.raised_on', '=', raisedOn).where('i.title', '=', title).executeTakeFirst();
/** Issues seen from a subtree: raised in it or routed to a unit in it; open first, newest first. */
export const listIssues = (db: Db, f: { path?: string; status?: string; deciderPath?: string; deciderExact?: number; limit: number }) => {
  let q = issues(db);
  if (f.path) {
    const p = f.path;
    q = q.where((eb) => eb.or([likePrefix('u.path', p), likePrefix('d.path', p)]));
  }
  if (f.status) q = q.where('i.status', '=', f.status);
  if (f.deciderPath) q = q.where(likePrefix('d.path', f.deciderPath));
  if (f.deciderExact !== undefined) q = q.where('i.decider_unit_id', '=', f.deciderExact);
  return q.orderBy('i.status').orderBy('i.raised_on', 'desc').orderBy('i.id', 'desc').limit(f.limit).execute();
};
export async function insertIssue(db: Db, row: Insertable<RaisedIssueTable>): Promise<number> {
  return (await db.insertInto('raised_issues').values(row).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateIssue(db: Db, id: number, patch: Updateable<RaisedIssueTable>): Promise<void> {
  await db.updateTable('raised_issues').set(patch).where('id', '=', id).execute();
}
/** Raised and resolved within dates, and open at the end, per unit where raised (for reports). */
export async function issueCounts(db: Db, f: { path: string; from: string; to: string }): Promise<{ raised: number; resolved: number; open: number }> {
  const r = await db
    .selectFrom('raised_issues as i')
    .innerJoin('units as u', 'u.id', 'i.unit_id')
    .select((eb) => [
      eb.fn.sum<number>(eb.case().when(eb.and([eb('i.raised_on', '>=', f.from), eb('i.raised_on', '<=', f.to)])).then(1).else(0).end()).as('raised'),
      eb.fn.sum<number>(eb.case().when(eb.and([eb('i.resolved_on', '>=', f.from), eb('i.resolved_on', '<=', f.to)])).then(1).else(0).end()).as('resolved'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('i.raised_on', '<=', f.to), eb.or([eb('i.resolved_on', 'is', null), eb('i.resolved_on', '>', f.to)])]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('open'),
    ])
    .where(likePrefix('u.path', f.path))
    .executeTakeFirst();
  return { raised: Number(r?.raised ?? 0), resolved: Number(r?.resolved ?? 0), open: Number(r?.open ?? 0) };
}

// ——— prestigious persons ———

const persons = (db: Db) =>
  db
    .selectFrom('prestigious_persons as pp')
    .innerJoin('teams as t', 't.id', 'pp.team_id')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .selectAll('pp')
    .select(['t.code as team_code', 't.name as team_name', 'u.code as unit_code', 'u.name as unit_name', 'u.path as unit_path']);
export type PersonFull = Awaited<ReturnType<typeof findPerson>> & object;
export const findPerson = (db: Db, id: number) => persons(db).where('pp.id', '=', id).executeTakeFirst();
export const findPersonByKey = (db: Db, teamId: number, fullName: string) => persons(db).where('pp.team_id', '=', teamId).where('pp.full_name', '=', fullName).executeTakeFirst();
export const listPersons = (db: Db, f: { path?: string; limit: number }) => {
  let q = persons(db);
  if (f.path) q = q.where(likePrefix('u.path', f.path));
  return q.orderBy('u.path').orderBy('t.name').orderBy('pp.id').limit(f.limit).execute();
};
export async function insertPerson(db: Db, row: Insertable<PrestigiousPersonTable>): Promise<number> {
  return (await db.insertInto('prestigious_persons').values(row).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updatePerson(db: Db, id: number, patch: Updateable<PrestigiousPersonTable>): Promise<void> {
  await db.updateTable('prestigious_persons').set(patch).where('id', '=', id).execute();
}
export async function mobilisationsOf(db: Db, personIds: readonly number[]) {
  if (!personIds.length) return [];
  return db
    .selectFrom('person_mobilisations as x')
    .innerJoin('clearance_projects as p', 'p.id', 'x.project_id')
    .innerJoin('units as pu', 'pu.id', 'p.unit_id')
    .leftJoin('clearance_households as h', 'h.id', 'x.household_id')
    .selectAll('x')
    .select(['p.code as project_code', 'p.name as project_name', 'pu.path as project_unit_path', 'h.code as household_code', 'h.name as household_name'])
    .where('x.person_id', 'in', [...personIds])
    .orderBy('x.on_date')
    .orderBy('x.id')
    .execute();
}
export const findMobilisation = (db: Db, personId: number, projectId: number, householdId: number | null, onDate: string) => {
  let q = db.selectFrom('person_mobilisations').select('id').where('person_id', '=', personId).where('project_id', '=', projectId).where('on_date', '=', onDate);
  q = householdId === null ? q.where('household_id', 'is', null) : q.where('household_id', '=', householdId);
  return q.executeTakeFirst();
};
export async function insertMobilisation(db: Db, row: Insertable<PersonMobilisationTable>): Promise<number> {
  return (await db.insertInto('person_mobilisations').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** What happened in a subtree on a day (the daily digest): issues raised or resolved, conclusions done, visits. */
export async function eventsOn(db: Db, path: string, day: string) {
  const [raised, resolved, done, visited] = await Promise.all([
    issues(db).where(likePrefix('u.path', path)).where('i.raised_on', '=', day).orderBy('i.id').execute(),
    issues(db)
      .where((eb) => eb.or([likePrefix('u.path', path), likePrefix('d.path', path)]))
      .where('i.resolved_on', '=', day)
      .orderBy('i.id')
      .execute(),
    conclusions(db).where(likePrefix('o.path', path)).where('c.done_on', '=', day).orderBy('c.id').execute(),
    visits(db).where(likePrefix('u.path', path)).where('v.visited_on', '=', day).orderBy('v.id').execute(),
  ]);
  return { raised, resolved, done, visited };
}
