import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../../db/index.js';
import type { CampaignCriterionRow, CampaignFieldRow, CampaignTable, PhaseRow, PhaseTable } from './campaigns.table.js';
import type { CampaignRow } from './campaigns.table.js';
import { declareUnitReferences } from '../units/units.references.js';

/** The columns of this slice's tables that hold a unit id (deleting a unit counts them: units.references.ts). */
declareUnitReferences(
  { table: 'campaigns', column: 'unit_id', label: 'chủ đề năm' },
  { table: 'phases', column: 'unit_id', label: 'giai đoạn' },
);

export type CampaignWithUnit = CampaignRow & {
  unit_code: string;
  unit_name: string;
  unit_path: string;
  plan_number: string | null;
  plan_date: string | null;
  plan_title: string | null;
  plan_issuer: string | null;
};

const base = (db: Db) =>
  db
    .selectFrom('campaigns')
    .innerJoin('units', 'units.id', 'campaigns.unit_id')
    .leftJoin('documents', 'documents.id', 'campaigns.plan_document_id')
    .selectAll('campaigns')
    .select([
      'units.code as unit_code',
      'units.name as unit_name',
      'units.path as unit_path',
      'documents.number as plan_number',
      'documents.issued_on as plan_date',
      'documents.title as plan_title',
      'documents.issuer as plan_issuer',
    ]);

export const findCampaignByCode = (db: Db, code: string): Promise<CampaignWithUnit | undefined> => base(db).where('campaigns.code', '=', code).executeTakeFirst();

export const listCampaignRows = (db: Db): Promise<CampaignWithUnit[]> => base(db).orderBy('campaigns.year', 'desc').orderBy('campaigns.code').execute();

/** The campaign of the same unit in an earlier year, the closest one. */
export const findPreviousCampaign = (db: Db, unitId: number, year: number): Promise<CampaignWithUnit | undefined> =>
  base(db).where('campaigns.unit_id', '=', unitId).where('campaigns.year', '<', year).orderBy('campaigns.year', 'desc').limit(1).executeTakeFirst();

export async function insertCampaign(db: Db, row: Insertable<CampaignTable>): Promise<number> {
  return (await db.insertInto('campaigns').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateCampaignRow(db: Db, id: number, patch: Updateable<CampaignTable>): Promise<void> {
  await db.updateTable('campaigns').set(patch).where('id', '=', id).execute();
}

export const fieldsOf = (db: Db, campaignId: number): Promise<CampaignFieldRow[]> =>
  db.selectFrom('campaign_fields').selectAll().where('campaign_id', '=', campaignId).orderBy('sort_order').orderBy('id').execute();

export const criteriaOf = (db: Db, campaignId: number): Promise<CampaignCriterionRow[]> =>
  db.selectFrom('campaign_criteria').selectAll().where('campaign_id', '=', campaignId).orderBy('sort_order').orderBy('id').execute();

/** Makes the campaign's fields exactly `fields` (by code), keeping ids of those that stay. */
export async function syncFields(db: Db, campaignId: number, fields: { code: string; name: string }[]): Promise<void> {
  const existing = await fieldsOf(db, campaignId);
  for (const [i, f] of fields.entries()) {
    const cur = existing.find((e) => e.code === f.code);
    if (cur) await db.updateTable('campaign_fields').set({ name: f.name, sort_order: i }).where('id', '=', cur.id).execute();
    else await db.insertInto('campaign_fields').values({ campaign_id: campaignId, code: f.code, name: f.name, sort_order: i }).execute();
  }
  const gone = existing.filter((e) => !fields.some((f) => f.code === e.code)).map((e) => e.id);
  if (gone.length) await db.deleteFrom('campaign_fields').where('id', 'in', gone).execute();
}

export async function syncCriteria(db: Db, campaignId: number, criteria: { code: string; name: string; weight: number }[]): Promise<void> {
  await db.deleteFrom('campaign_criteria').where('campaign_id', '=', campaignId).execute();
  if (criteria.length) {
    await db
      .insertInto('campaign_criteria')
      .values(criteria.map((c, i) => ({ campaign_id: campaignId, code: c.code, name: c.name, weight: c.weight, sort_order: i })))
      .execute();
  }
}

/** How many score items use the campaign's criteria (they cannot change once scored). */
export async function countScores(db: Db, campaignId: number): Promise<number> {
  const r = await db
    .selectFrom('score_items as i')
    .innerJoin('campaign_criteria as k', 'k.id', 'i.criterion_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('k.campaign_id', '=', campaignId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** How many models use each of the given fields. */
export async function modelsPerField(db: Db, fieldIds: readonly number[]): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  if (!fieldIds.length) return out;
  const rows = await db
    .selectFrom('models')
    .select(['field_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('field_id', 'in', [...fieldIds])
    .groupBy('field_id')
    .execute();
  for (const r of rows) out.set(r.field_id, Number(r.n));
  return out;
}

// Phases ----------------------------------------------------------------------

export type PhaseWithUnit = PhaseRow & { unit_code: string; unit_name: string; unit_path: string };

const phaseBase = (db: Db) =>
  db.selectFrom('phases').innerJoin('units', 'units.id', 'phases.unit_id').selectAll('phases').select(['units.code as unit_code', 'units.name as unit_name', 'units.path as unit_path']);

export const findPhaseByCode = (db: Db, code: string): Promise<PhaseWithUnit | undefined> => phaseBase(db).where('phases.code', '=', code).executeTakeFirst();
export const findPhaseById = (db: Db, id: number): Promise<PhaseWithUnit | undefined> => phaseBase(db).where('phases.id', '=', id).executeTakeFirst();
export const listPhaseRows = (db: Db): Promise<PhaseWithUnit[]> => phaseBase(db).orderBy('phases.to_year', 'desc').orderBy('phases.from_year', 'desc').orderBy('phases.code').execute();

export async function insertPhase(db: Db, row: Insertable<PhaseTable>): Promise<number> {
  return (await db.insertInto('phases').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updatePhaseRow(db: Db, id: number, patch: Updateable<PhaseTable>): Promise<void> {
  await db.updateTable('phases').set(patch).where('id', '=', id).execute();
}

/** The campaigns a phase spans: its unit's, from its first year to its last, oldest first. */
export const campaignsOfPhase = (db: Db, p: { unit_id: number; from_year: number; to_year: number }): Promise<CampaignWithUnit[]> =>
  base(db).where('campaigns.unit_id', '=', p.unit_id).where('campaigns.year', '>=', p.from_year).where('campaigns.year', '<=', p.to_year).orderBy('campaigns.year').orderBy('campaigns.code').execute();

/** A unit's phases that share a year with fromYear…toYear (phases of one unit do not overlap). */
export const overlappingPhases = (db: Db, unitId: number, fromYear: number, toYear: number): Promise<PhaseRow[]> =>
  db.selectFrom('phases').selectAll().where('unit_id', '=', unitId).where('from_year', '<=', toYear).where('to_year', '>=', fromYear).execute();

/** How many rows of a table declared in campaigns.references.ts hold the phase (a phase in use keeps its years, and is not deleted). */
export async function countPhaseReferences(db: Db, phaseId: number, table: string, column: string): Promise<number> {
  const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)} where ${sql.ref(column)} = ${phaseId}`.execute(db);
  return Number(r.rows[0]?.n ?? 0);
}

/** The latest year of the campaigns (in `campaignColumn`) of the rows of a declared table that hold the phase; null: none. */
export async function latestYearChosen(db: Db, phaseId: number, table: string, column: string, campaignColumn: string): Promise<number | null> {
  const r = await sql<{ y: number | string | null }>`select max(c.year) as y from ${sql.table(table)} as t inner join campaigns as c on c.id = ${sql.ref(`t.${campaignColumn}`)} where ${sql.ref(`t.${column}`)} = ${phaseId}`.execute(db);
  const y = r.rows[0]?.y;
  return y === null || y === undefined ? null : Number(y);
}

export async function deletePhaseRow(db: Db, id: number): Promise<void> {
  await db.deleteFrom('phases').where('id', '=', id).execute();
}

/** The campaigns of one unit and year (there may be two: nothing in the schema forbids it). */
export const campaignsOfUnitYear = (db: Db, unitId: number, year: number): Promise<CampaignRow[]> => db.selectFrom('campaigns').selectAll().where('unit_id', '=', unitId).where('year', '=', year).orderBy('id').execute();

/** The campaigns of a year run by one of the given units (a unit and those above it), the deepest unit first. */
export const campaignsOfYearAt = (db: Db, unitPaths: readonly string[], year: number): Promise<CampaignWithUnit[]> =>
  base(db)
    .where('units.path', 'in', unitPaths.length ? [...unitPaths] : [''])
    .where('campaigns.year', '=', year)
    .orderBy('units.depth', 'desc')
    .orderBy('campaigns.code')
    .execute();
