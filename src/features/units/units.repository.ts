import { sql } from 'kysely';
import type { Db } from '../../db/index.js';
import { likePrefix } from '../../db/dialect.js';
import type { NewUnitRow, UnitRow, UnitUpdate } from './units.table.js';

export const findUnitByCode = (db: Db, code: string): Promise<UnitRow | undefined> =>
  db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst();

export const findUnitById = (db: Db, id: number): Promise<UnitRow | undefined> =>
  db.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();

export async function findUnitsByCodes(db: Db, codes: readonly string[]): Promise<UnitRow[]> {
  if (codes.length === 0) return [];
  return db.selectFrom('units').selectAll().where('code', 'in', [...codes]).execute();
}

/** Units whose path starts with `pathPrefix` (a subtree), or every unit. */
export async function listUnits(db: Db, opts: { pathPrefix?: string; includeInactive?: boolean } = {}): Promise<UnitRow[]> {
  let q = db.selectFrom('units').selectAll();
  if (opts.pathPrefix) q = q.where(likePrefix('path', opts.pathPrefix));
  if (!opts.includeInactive) q = q.where('deactivated_at', 'is', null);
  return q.orderBy('depth').orderBy('sort_order').orderBy('id').execute();
}

/** The units directly under a unit, inactive ones included (a report through a past date counts what existed then). */
export const listChildUnits = (db: Db, parentId: number): Promise<UnitRow[]> => db.selectFrom('units').selectAll().where('parent_id', '=', parentId).orderBy('sort_order').orderBy('id').execute();

/** True when no unit exists yet (a fresh install). */
export async function noUnits(db: Db): Promise<boolean> {
  return (await db.selectFrom('units').select('id').limit(1).executeTakeFirst()) === undefined;
}

export async function insertUnit(db: Db, row: NewUnitRow): Promise<UnitRow> {
  return db.insertInto('units').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateUnitRow(db: Db, id: number, patch: UnitUpdate): Promise<UnitRow> {
  return db.updateTable('units').set(patch).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
}

/** Rewrites the path prefix of a whole subtree (a move), shifting depths by `depthDelta`. */
export async function rewriteSubtreePaths(db: Db, oldPrefix: string, newPrefix: string, depthDelta: number): Promise<void> {
  await db
    .updateTable('units')
    .set({
      path: sql<string>`${newPrefix} || substr(path, ${oldPrefix.length + 1})`,
      depth: sql<number>`depth + ${depthDelta}`,
    })
    .where(likePrefix('path', oldPrefix))
    .execute();
}

export async function countActiveChildren(db: Db, id: number): Promise<number> {
  const r = await db
    .selectFrom('units')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('parent_id', '=', id)
    .where('deactivated_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Rows of `table` whose `column` holds unit `id` (a declared unit reference: units.references.ts). */
export async function countUnitReferences(db: Db, id: number, table: string, column: string): Promise<number> {
  const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)} where ${sql.ref(column)} = ${id}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** successor codes per unit id */
export async function successorCodes(db: Db, unitIds: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (unitIds.length === 0) return out;
  const rows = await db
    .selectFrom('unit_successors as s')
    .innerJoin('units as u', 'u.id', 's.successor_id')
    .select(['s.unit_id', 'u.code'])
    .where('s.unit_id', 'in', [...unitIds])
    .orderBy('u.code')
    .execute();
  for (const r of rows) out.set(r.unit_id, [...(out.get(r.unit_id) ?? []), r.code]);
  return out;
}

export async function replaceSuccessors(db: Db, unitId: number, successorIds: readonly number[]): Promise<void> {
  await db.deleteFrom('unit_successors').where('unit_id', '=', unitId).execute();
  if (successorIds.length) {
    await db
      .insertInto('unit_successors')
      .values(successorIds.map((successor_id) => ({ unit_id: unitId, successor_id })))
      .execute();
  }
}

export async function deleteUnitRow(db: Db, id: number): Promise<void> {
  await db.deleteFrom('units').where('id', '=', id).execute();
}

export async function unitCodesByIds(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (ids.length === 0) return out;
  const rows = await db.selectFrom('units').select(['id', 'code']).where('id', 'in', [...ids]).execute();
  for (const r of rows) out.set(r.id, r.code);
  return out;
}

/** The sectors set on units, by path: the units that set one (few: a sector is set high and inherited). */
export async function sectorsByPath(db: Db): Promise<Map<string, string>> {
  const rows = await db.selectFrom('units').select(['path', 'sector']).where('sector', 'is not', null).execute();
  return new Map(rows.map((r) => [r.path, r.sector!]));
}
