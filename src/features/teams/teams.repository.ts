import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/index.js';
import { likePrefix } from '../../db/dialect.js';
import type { TeamRow, TeamTable } from './teams.table.js';
import { declareUnitReferences } from '../units/units.references.js';

/** The columns of this slice's tables that hold a unit id (deleting a unit counts them: units.references.ts). */
declareUnitReferences(
  { table: 'teams', column: 'unit_id', label: 'tổ, đội' },
);

export type TeamWithUnit = TeamRow & { unit_code: string; unit_name: string; unit_path: string };

const base = (db: Db) =>
  db
    .selectFrom('teams')
    .innerJoin('units', 'units.id', 'teams.unit_id')
    .selectAll('teams')
    .select(['units.code as unit_code', 'units.name as unit_name', 'units.path as unit_path']);

export const findTeamByCode = (db: Db, code: string): Promise<TeamWithUnit | undefined> => base(db).where('teams.code', '=', code).executeTakeFirst();

export async function insertTeam(db: Db, row: Insertable<TeamTable>): Promise<number> {
  return (await db.insertInto('teams').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateTeamRow(db: Db, id: number, patch: Updateable<TeamTable>): Promise<void> {
  await db.updateTable('teams').set(patch).where('id', '=', id).execute();
}

interface TeamFilter {
  unitPath?: string | undefined;
  kind?: string | undefined;
  /** existing on this date: established on or before it (or undated), not dissolved by it */
  on?: string | undefined;
}

function filtered(db: Db, f: TeamFilter) {
  let q = base(db);
  if (f.unitPath) q = q.where(likePrefix('units.path', f.unitPath));
  if (f.kind) q = q.where('teams.kind', '=', f.kind);
  if (f.on) {
    const on = f.on;
    q = q
      .where((eb) => eb.or([eb('teams.established_on', 'is', null), eb('teams.established_on', '<=', on)]))
      .where((eb) => eb.or([eb('teams.dissolved_on', 'is', null), eb('teams.dissolved_on', '>', on)]));
  }
  return q;
}

export async function listTeams(db: Db, f: TeamFilter, page: { limit: number; offset: number }): Promise<{ rows: TeamWithUnit[]; total: number }> {
  const q = filtered(db, f);
  const total = await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.orderBy('units.path').orderBy('teams.kind').orderBy('teams.code').limit(page.limit).offset(page.offset).execute();
  return { rows, total: Number(total.n) };
}

/** Teams and members per kind. */
export async function countTeamsByKind(db: Db, f: TeamFilter): Promise<{ kind: string; teams: number; members: number }[]> {
  const rows = await filtered(db, f)
    .clearSelect()
    .select(['teams.kind as kind', (eb) => eb.fn.countAll<number>().as('teams'), (eb) => eb.fn.sum<number>('teams.members').as('members')])
    .groupBy('teams.kind')
    .execute();
  return rows.map((r) => ({ kind: r.kind, teams: Number(r.teams), members: Number(r.members ?? 0) }));
}

/** Teams and members per unit path (for rolling up the hierarchy). */
export async function countTeamsByUnit(db: Db, f: TeamFilter): Promise<{ path: string; teams: number; members: number }[]> {
  const rows = await filtered(db, f)
    .clearSelect()
    .select(['units.path as path', (eb) => eb.fn.countAll<number>().as('teams'), (eb) => eb.fn.sum<number>('teams.members').as('members')])
    .groupBy('units.path')
    .execute();
  return rows.map((r) => ({ path: r.path, teams: Number(r.teams), members: Number(r.members ?? 0) }));
}

export const allTeams = (db: Db): Promise<TeamWithUnit[]> => base(db).orderBy('teams.id').execute();

export async function countTeamsOfUnit(db: Db, unitId: number): Promise<number> {
  const r = await db.selectFrom('teams').select((eb) => eb.fn.countAll<number>().as('n')).where('unit_id', '=', unitId).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Teams of a subtree with their unit's and its parent's names: the choices of a team picker. */
export async function teamChoices(db: Db, unitPath: string | undefined): Promise<{ code: string; name: string; kind: string; dissolved_on: string | null; unit_name: string; parent_name: string | null }[]> {
  let q = db
    .selectFrom('teams')
    .innerJoin('units', 'units.id', 'teams.unit_id')
    .leftJoin('units as parent', 'parent.id', 'units.parent_id')
    .select(['teams.code', 'teams.name', 'teams.kind', 'teams.dissolved_on', 'units.name as unit_name', 'parent.name as parent_name']);
  if (unitPath) q = q.where(likePrefix('units.path', unitPath));
  return q.execute();
}
