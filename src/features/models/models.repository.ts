import { sql, type Insertable, type Selectable, type Updateable } from 'kysely';
import type { Db } from '../../db/index.js';
import { byteOrder, likeContains, likePrefix, lockRow, lockRowsWhere, sumNoOverflow } from '../../db/dialect.js';
import { RECOGNITION_LEVELS, type ModelAssessmentTable, type ModelRecognitionTable, type ModelResultTable, type ModelRow, type ModelTable, type ModelUpdateRow, type ModelWorkTable, type RecognitionLevel } from './models.table.js';

/** The figures of a model's result, as columns. */
const RESULT_COLUMNS = ['money_vnd', 'work_days', 'land_centi_m2', 'households_donating', 'households_persuaded', 'beneficiaries'] as const;
type ResultColumn = (typeof RESULT_COLUMNS)[number];
import { declareUnitReferences } from '../units/units.references.js';

/** The columns of this slice's tables that hold a unit id (deleting a unit counts them: units.references.ts). */
declareUnitReferences(
  { table: 'models', column: 'unit_id', label: 'mô hình' },
);

export type ModelWithRefs = ModelRow & {
  campaign_code: string;
  campaign_unit_path: string;
  /** the first day of the model's campaign (results are not dated before it) */
  campaign_starts_on: string | null;
  campaign_year: number;
  unit_code: string;
  unit_name: string;
  unit_kind: string;
  parent_name: string | null;
  unit_path: string;
  field_code: string;
  field_name: string;
};

const base = (db: Db) =>
  db
    .selectFrom('models')
    .innerJoin('campaigns', 'campaigns.id', 'models.campaign_id')
    .innerJoin('units as cu', 'cu.id', 'campaigns.unit_id')
    .innerJoin('units', 'units.id', 'models.unit_id')
    .leftJoin('units as pu', 'pu.id', 'units.parent_id')
    .innerJoin('campaign_fields', 'campaign_fields.id', 'models.field_id')
    .selectAll('models')
    .select([
      'campaigns.code as campaign_code',
      'cu.path as campaign_unit_path',
      'campaigns.starts_on as campaign_starts_on',
      'campaigns.year as campaign_year',
      'units.code as unit_code',
      'units.name as unit_name',
      'units.kind as unit_kind',
      'pu.name as parent_name',
      'units.path as unit_path',
      'campaign_fields.code as field_code',
      'campaign_fields.name as field_name',
    ]);

export const findModelByCode = (db: Db, code: string): Promise<ModelWithRefs | undefined> => base(db).where('models.code', '=', code).executeTakeFirst();

/** Models in one of `statuses` with an id above `afterId`, in id order (the search index, in batches). */
export const modelsAfter = (db: Db, statuses: readonly string[], afterId: number, limit: number): Promise<ModelWithRefs[]> =>
  base(db).where('models.status', 'in', [...statuses]).where('models.id', '>', afterId).orderBy('models.id').limit(limit).execute();

export async function insertModel(db: Db, row: Insertable<ModelTable>): Promise<number> {
  const id = (await db.insertInto('models').values(row).returning('id').executeTakeFirstOrThrow()).id;
  await db.updateTable('campaigns').set((eb) => ({ model_seq: eb('model_seq', '+', 1) })).where('id', '=', row.campaign_id).execute();
  return id;
}

/**
 * Inserts many models at once (a workbook's new rows): a few hundred rows a statement, and each
 * campaign's counter moved once. Returns the ids in the order of `rows`.
 */
export async function insertModels(db: Db, rows: Insertable<ModelTable>[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 400) {
    const chunk = rows.slice(i, i + 400);
    const got = await db.insertInto('models').values(chunk).returning(['id', 'code']).execute();
    const byCode = new Map(got.map((r) => [r.code, r.id]));
    for (const r of chunk) ids.push(byCode.get(r.code)!);
  }
  const perCampaign = new Map<number, number>();
  for (const r of rows) perCampaign.set(r.campaign_id, (perCampaign.get(r.campaign_id) ?? 0) + 1);
  for (const [id, n] of perCampaign) await db.updateTable('campaigns').set((eb) => ({ model_seq: eb('model_seq', '+', n) })).where('id', '=', id).execute();
  return ids;
}

/** Which of these codes are models' already. */
export async function existingModelCodes(db: Db, codes: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < codes.length; i += 1000) {
    const chunk = codes.slice(i, i + 1000);
    if (chunk.length) for (const r of await db.selectFrom('models').select('code').where('code', 'in', chunk).execute()) out.add(r.code);
  }
  return out;
}

/**
 * Models by code, with what they refer to, 1 000 codes a query; held until the transaction ends
 * (PostgreSQL): a batch checks its edits against these rows and writes them later.
 */
export async function findModelsByCodes(db: Db, codes: readonly string[]): Promise<ModelWithRefs[]> {
  await lockRowsWhere(db, 'models', 'code', codes);
  const out: ModelWithRefs[] = [];
  for (let i = 0; i < codes.length; i += 1000) out.push(...(await base(db).where('models.code', 'in', codes.slice(i, i + 1000)).execute()));
  return out;
}

/** Models by id, with what they refer to, in the order of `ids`. */
export async function findModelsByIds(db: Db, ids: readonly number[]): Promise<ModelWithRefs[]> {
  const byId = new Map<number, ModelWithRefs>();
  for (let i = 0; i < ids.length; i += 1000) {
    for (const r of await base(db).where('models.id', 'in', ids.slice(i, i + 1000)).execute()) byId.set(r.id, r);
  }
  return ids.map((id) => byId.get(id)!);
}

export async function updateModelRow(db: Db, id: number, patch: Updateable<ModelTable>): Promise<void> {
  await db.updateTable('models').set(patch).where('id', '=', id).execute();
}

/**
 * How many models the campaign has had: its counter, moved by every insertModel (migration 15
 * started it at the number of models then). New codes are numbered from it; counting the
 * campaign's models for every new one cost 12 ms at 60 000 models — two minutes for a
 * 10 000-row import.
 */
export async function modelsNumbered(db: Db, campaignId: number, opts: { lock?: boolean } = {}): Promise<number> {
  // a batch numbers many models from one reading: it holds the campaign's counter until it commits (PostgreSQL)
  if (opts.lock) await lockRow(db, 'campaigns', campaignId, 'no key update');
  const r = await db.selectFrom('campaigns').select('model_seq').where('id', '=', campaignId).executeTakeFirstOrThrow();
  return Number(r.model_seq);
}

export interface ModelFilter {
  campaignId?: number | undefined;
  /** any of these campaigns (not empty) */
  campaignIds?: readonly number[] | undefined;
  /** units whose path starts with this (a subtree) */
  unitPath?: string | undefined;
  fieldCode?: string | undefined;
  holder?: string | undefined;
  statuses?: string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
  folded?: string | undefined;
  exemplary?: boolean | undefined;
}

function filtered(db: Db, f: ModelFilter) {
  let q = base(db);
  if (f.campaignId !== undefined) q = q.where('models.campaign_id', '=', f.campaignId);
  if (f.campaignIds) q = q.where('models.campaign_id', 'in', [...f.campaignIds, -1]);
  if (f.unitPath) q = q.where(likePrefix('units.path', f.unitPath));
  if (f.fieldCode) q = q.where('campaign_fields.code', '=', f.fieldCode);
  if (f.holder) q = q.where('models.holder', '=', f.holder);
  if (f.statuses?.length) q = q.where('models.status', 'in', f.statuses);
  if (f.from) q = q.where('models.registered_on', '>=', f.from);
  if (f.to) q = q.where('models.registered_on', '<=', f.to);
  if (f.folded) q = q.where(likeContains('models.search_folded', f.folded));
  // a literal, so that the planner may use the partial index of the few exemplary models (models_exemplary_idx)
  if (f.exemplary !== undefined) q = q.where('models.exemplary', '=', sql.lit(f.exemplary ? 1 : 0));
  return q;
}

/** Models waiting on someone come first in the 'action' order: sent for approval, returned, drafts. */
const ACTION_RANK = sql<number>`case ${sql.ref('models.status')} when 'submitted' then 0 when 'returned' then 1 when 'draft' then 2 when 'registered' then 3 else 4 end`;

const NEWEST = sql<string>`coalesce(${sql.ref('models.registered_on')}, substr(${sql.ref('models.updated_at')}, 1, 10))`;

/**
 * A page of models and the total: in Vietnamese order of their names ('name'), waiting states
 * first and then the newest ('action'), or the newest first ('recent'): newest by registration
 * date, or the last change of a model not registered yet.
 */
export async function listModels(db: Db, f: ModelFilter, page: { limit: number; offset: number; order?: 'name' | 'action' | 'recent' }): Promise<{ rows: ModelWithRefs[]; total: number }> {
  let q = filtered(db, f);
  const total = await counted(db, f).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const order = page.order ?? 'name';
  if (order === 'action') q = q.orderBy(ACTION_RANK);
  // newest first: by the registration date, or for a model not registered yet its last change
  q = order === 'name' ? q.orderBy(byteOrder(db, 'models.sort_key')).orderBy('models.id') : q.orderBy(NEWEST, 'desc').orderBy('models.id', 'desc');
  const rows = await q.limit(page.limit).offset(page.offset).execute();
  return { rows, total: Number(total.n) };
}

/**
 * The models table alone, filtered like `filtered` (the unit subtree and the field by subqueries
 * on the model's own columns rather than joins): what counting needs. At a city's scale (10⁵
 * models) the joins of `base` let the planner start from the units and cost a second per count;
 * this reads the campaign's covering index (models_stats_idx) only.
 */
function counted(db: Db, f: ModelFilter) {
  let q = db.selectFrom('models');
  if (f.campaignId !== undefined) q = q.where('models.campaign_id', '=', f.campaignId);
  if (f.campaignIds) q = q.where('models.campaign_id', 'in', [...f.campaignIds, -1]);
  if (f.statuses?.length) q = q.where('models.status', 'in', f.statuses);
  if (f.from) q = q.where('models.registered_on', '>=', f.from);
  if (f.to) q = q.where('models.registered_on', '<=', f.to);
  if (f.holder) q = q.where('models.holder', '=', f.holder);
  // a literal, so that the planner may use the partial index of the few exemplary models (models_exemplary_idx)
  if (f.exemplary !== undefined) q = q.where('models.exemplary', '=', sql.lit(f.exemplary ? 1 : 0));
  if (f.unitPath) {
    const path = f.unitPath;
    q = q.where('models.unit_id', 'in', db.selectFrom('units').select('units.id').where(likePrefix('units.path', path)));
  }
  if (f.fieldCode) {
    const code = f.fieldCode;
    q = q.where('models.field_id', 'in', db.selectFrom('campaign_fields').select('campaign_fields.id').where('campaign_fields.code', '=', code));
  }
  if (f.folded) q = q.where(likeContains('models.search_folded', f.folded));
  return q;
}

/**
 * Counts of models matching `f` by holder and by field (`key`: the field's code), or by holder and
 * unit (`key`: the unit's path), or by month of registration (`holder` empty) — one read of the
 * covering index each (a city's campaign holds 60 000 models).
 */
export async function countModelsBy(db: Db, f: ModelFilter, by: 'field' | 'unit' | 'month'): Promise<{ key: string; holder: string; n: number }[]> {
  const q = counted(db, f);
  // literal arguments, not parameters: PostgreSQL must see the same expression in GROUP BY
  const month = sql<string>`substr(${sql.ref('models.registered_on')}, 1, 7)`;
  // grouped on the model's own columns, then named: one lookup per group, not per model
  const rows =
    by === 'field'
      ? await db
          .selectFrom(q.select(['models.field_id as id', 'models.holder', (eb) => eb.fn.countAll<number>().as('n')]).groupBy(['models.field_id', 'models.holder']).as('g'))
          .innerJoin('campaign_fields', 'campaign_fields.id', 'g.id')
          .select(['campaign_fields.code as key', 'g.holder', 'g.n'])
          .execute()
      : by === 'unit'
        ? await db
            .selectFrom(q.select(['models.unit_id as id', 'models.holder', (eb) => eb.fn.countAll<number>().as('n')]).groupBy(['models.unit_id', 'models.holder']).as('g'))
            .innerJoin('units', 'units.id', 'g.id')
            .select(['units.path as key', 'g.holder', 'g.n'])
            .execute()
        : await q
            .select([month.as('key'), sql<string>`''`.as('holder'), (eb) => eb.fn.countAll<number>().as('n')])
            .groupBy(month)
            .execute();
  return rows.map((r) => ({ key: String(r.key), holder: String(r.holder), n: Number(r.n) }));
}

export async function insertModelUpdate(db: Db, row: { model_id: number; on_date: string; body: string; figures: string | null; created_by: number | null; created_at: string }): Promise<number> {
  return (await db.insertInto('model_updates').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export const listModelUpdates = (db: Db, modelId: number): Promise<ModelUpdateRow[]> =>
  db.selectFrom('model_updates').selectAll().where('model_id', '=', modelId).orderBy('on_date', 'desc').orderBy('id', 'desc').execute();

export async function allModelsOfCampaigns(db: Db, campaignIds: readonly number[]): Promise<ModelWithRefs[]> {
  if (!campaignIds.length) return [];
  return base(db).where('models.campaign_id', 'in', [...campaignIds]).orderBy('models.id').execute();
}

export type WaitingModel = ModelWithRefs & { sender_name: string | null; sender_unit: string | null; decider_name: string | null };

const waiting = (db: Db) =>
  base(db)
    .leftJoin('users as su', 'su.id', 'models.submitted_by')
    .leftJoin('units as sunit', 'sunit.id', 'su.unit_id')
    .leftJoin('users as du', 'du.id', 'models.decided_by')
    .select(['su.full_name as sender_name', 'sunit.name as sender_unit', 'du.full_name as decider_name']);

/**
 * Submitted models that those deciding in a subtree accept — models of campaigns whose unit lies
 * in the subtree — except the ones a user sent (nobody accepts their own); oldest first.
 */
export async function submittedForDecision(db: Db, scopePath: string, exceptUserId: number, limit: number): Promise<{ rows: WaitingModel[]; total: number }> {
  const filter = (q: ReturnType<typeof waiting>) =>
    q.where('models.status', '=', 'submitted').where(likePrefix('cu.path', scopePath)).where((eb) => eb.or([eb('models.submitted_by', 'is', null), eb('models.submitted_by', '!=', exceptUserId)]));
  const [rows, total] = await Promise.all([
    filter(waiting(db)).orderBy('models.submitted_at').orderBy('models.id').limit(limit).execute(),
    filter(waiting(db)).clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/**
 * Returned models waiting on whoever sent them (or, for a model nobody sent through Khéo, on the
 * officers of its own unit); oldest return first.
 */
export async function returnedToSender(db: Db, userId: number, unitPath: string, limit: number): Promise<{ rows: WaitingModel[]; total: number }> {
  const filter = (q: ReturnType<typeof waiting>) =>
    q.where('models.status', '=', 'returned').where((eb) => eb.or([eb('models.submitted_by', '=', userId), eb.and([eb('models.submitted_by', 'is', null), eb('units.path', '=', unitPath)])]));
  const [rows, total] = await Promise.all([
    filter(waiting(db)).orderBy('models.decided_at').orderBy('models.id').limit(limit).execute(),
    filter(waiting(db)).clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/** Who sent a model for acceptance and who decided it, and the unit that accepts (the campaign's). */
export const modelTrail = (db: Db, code: string) =>
  waiting(db).select(['cu.name as decider_unit']).where('models.code', '=', code).executeTakeFirst();

/** Registered models of a subtree (registered by the period's end) with no progress update within the period: the earliest registered first. */
export const modelsWithoutUpdates = (db: Db, r: { path: string; from: string; to: string }, limit = 200) =>
  db
    .selectFrom('models as m')
    .innerJoin('units as u', 'u.id', 'm.unit_id')
    .select(['m.code', 'm.name', 'u.name as unit_name', 'm.registered_on'])
    .where(likePrefix('u.path', r.path))
    .where('m.status', '=', 'registered')
    .where('m.registered_on', '<=', r.to)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('model_updates as x').select('x.id').whereRef('x.model_id', '=', 'm.id').where('x.on_date', '>=', r.from).where('x.on_date', '<=', r.to))))
    .orderBy('m.registered_on')
    .orderBy('m.code')
    .limit(limit)
    .execute();
export async function countModelsWithoutUpdates(db: Db, r: { path: string; from: string; to: string }): Promise<number> {
  const row = await db
    .selectFrom('models as m')
    .innerJoin('units as u', 'u.id', 'm.unit_id')
    .select((eb) => eb.fn.countAll().as('n'))
    .where(likePrefix('u.path', r.path))
    .where('m.status', '=', 'registered')
    .where('m.registered_on', '<=', r.to)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('model_updates as x').select('x.id').whereRef('x.model_id', '=', 'm.id').where('x.on_date', '>=', r.from).where('x.on_date', '<=', r.to))))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

// ---------------------------------------------------------------- results (issue #23)

export type ModelResultRow = Selectable<ModelResultTable>;

/** The results recorded for these models, oldest first. */
export const resultsOfModels = (db: Db, modelIds: readonly number[]): Promise<ModelResultRow[]> =>
  modelIds.length ? db.selectFrom('model_results').selectAll().where('model_id', 'in', [...modelIds]).orderBy('model_id').orderBy('on_date').orderBy('id').execute() : Promise.resolve([]);

/** The results of the models with these codes, with the model's code, by code then date; 1 000 codes a query. */
export async function resultsOfModelCodes(db: Db, codes: readonly string[]): Promise<(ModelResultRow & { code: string })[]> {
  const out: (ModelResultRow & { code: string })[] = [];
  for (let i = 0; i < codes.length; i += 1000) {
    out.push(...(await db.selectFrom('model_results').innerJoin('models', 'models.id', 'model_results.model_id').selectAll('model_results').select('models.code').where('models.code', 'in', codes.slice(i, i + 1000)).execute()));
  }
  return out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.on_date.localeCompare(b.on_date) || a.id - b.id));
}

/** Replaces a model's results with these. */
export async function replaceResults(db: Db, modelId: number, rows: Omit<Insertable<ModelResultTable>, 'model_id'>[]): Promise<void> {
  await db.deleteFrom('model_results').where('model_id', '=', modelId).execute();
  if (rows.length) await db.insertInto('model_results').values(rows.map((r) => ({ ...r, model_id: modelId }))).execute();
}

/** Adds one result to a model; its id. */
export async function insertResult(db: Db, row: Insertable<ModelResultTable>): Promise<number> {
  return (await db.insertInto('model_results').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Changes one result of a model (none when the id is another model's); whether it did. */
export async function updateResult(db: Db, modelId: number, id: number, row: Omit<Updateable<ModelResultTable>, 'id' | 'model_id' | 'created_at'>): Promise<boolean> {
  const r = await db.updateTable('model_results').set(row).where('model_id', '=', modelId).where('id', '=', id).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** How many results a model records. */
export async function countResults(db: Db, modelId: number): Promise<number> {
  const r = await db.selectFrom('model_results').select((eb) => eb.fn.countAll<number>().as('n')).where('model_id', '=', modelId).executeTakeFirstOrThrow();
  return Number(r.n);
}

/** Removes one result of a model (none when the id is another model's); whether it did. */
export async function deleteResult(db: Db, modelId: number, id: number): Promise<boolean> {
  const r = await db.deleteFrom('model_results').where('model_id', '=', modelId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/**
 * The sums of the results recorded through `through` by the models `f` counts (the models the
 * figures count), each with how many results recorded it: a figure no result recorded is unknown.
 */
export async function sumResults(db: Db, f: ModelFilter, through: string) {
  const cols = RESULT_COLUMNS;
  const r = await db
    .selectFrom('model_results')
    .where('model_results.on_date', '<=', through)
    .where('model_results.model_id', 'in', counted(db, f).select('models.id'))
    .select((eb) => cols.flatMap((c) => [sumNoOverflow(db, `model_results.${c}`).as(`${c}_sum`), eb.fn.count<number | string>(`model_results.${c}`).as(`${c}_n`)]))
    .executeTakeFirstOrThrow();
  const row = r as Record<string, number | string | null>;
  const out = {} as Record<(typeof cols)[number], number | null>;
  for (const c of cols) out[c] = Number(row[`${c}_n`]) > 0 ? Number(row[`${c}_sum`]) : null;
  return out;
}

/**
 * The counted models' results through a date, summed per figure (null: no result of the group gave
 * it; land in hundredths of a m²), in groups of one unit path, field, holder and highest level of
 * recognition through the date (`level` null: not recognised) — models with some result only. The
 * database adds up: the rows grow with the units and fields shown, not with the models.
 */
export async function sumResultsByGroup(db: Db, f: ModelFilter, through: string): Promise<{ path: string; field: string; holder: string; level: RecognitionLevel | null; sums: Record<ResultColumn, number | null> }[]> {
  const rank = sql<number>`max(case ${sql.ref('model_recognitions.level')} ${sql.join(
    RECOGNITION_LEVELS.map((l, i) => sql`when ${sql.lit(l)} then ${sql.lit(i + 1)}`),
    sql` `,
  )} end)`;
  // per model first (an index lookup for its level), then the groups: a plan that needs no table statistics (a join of the
  // recognitions' groups took PostgreSQL 33 s on a freshly loaded city before ANALYZE)
  const perModel = db
    .selectFrom('model_results')
    .where('model_results.on_date', '<=', through)
    .where('model_results.model_id', 'in', counted(db, f).select('models.id'))
    .select((eb) => [eb.ref('model_results.model_id').as('model_id'), ...RESULT_COLUMNS.flatMap((c) => [sumNoOverflow(db, `model_results.${c}`).as(`${c}_sum`), eb.fn.count<number | string>(`model_results.${c}`).as(`${c}_n`)])])
    .groupBy('model_results.model_id')
    .as('g');
  const described = db
    .selectFrom(perModel)
    .innerJoin('models', 'models.id', 'g.model_id')
    .innerJoin('units', 'units.id', 'models.unit_id')
    .innerJoin('campaign_fields', 'campaign_fields.id', 'models.field_id')
    .selectAll('g')
    .select((eb) => [
      'units.path',
      'campaign_fields.code as field',
      'models.holder',
      eb.selectFrom('model_recognitions').whereRef('model_recognitions.model_id', '=', 'g.model_id').where('model_recognitions.on_date', '<=', through).select(rank.as('r')).as('rank'),
    ])
    .as('pm');
  const rows = await db
    .selectFrom(described)
    .select((eb) => ['pm.path', 'pm.field', 'pm.holder', 'pm.rank', ...RESULT_COLUMNS.flatMap((c) => [sumNoOverflow(db, `pm.${c}_sum`).as(`${c}_sum`), eb.fn.sum<number | string>(`pm.${c}_n`).as(`${c}_n`)])])
    .groupBy(['pm.path', 'pm.field', 'pm.holder', 'pm.rank'])
    .execute();
  return rows.map((r) => {
    const row = r as unknown as Record<string, number | string | null>;
    const sums = {} as Record<ResultColumn, number | null>;
    for (const c of RESULT_COLUMNS) sums[c] = Number(row[`${c}_n`]) > 0 ? Number(row[`${c}_sum`]) : null;
    const level = r.rank === null ? null : (RECOGNITION_LEVELS[Number(r.rank) - 1] ?? null);
    return { path: r.path, field: r.field, holder: r.holder, level, sums };
  });
}

/** How many households these models persuaded to hand over land through a date, by model (models whose results gave the figure only). */
export async function persuadedOfModels(db: Db, modelIds: readonly number[], through: string): Promise<{ modelId: number; n: number }[]> {
  if (!modelIds.length) return [];
  const rows = await db
    .selectFrom('model_results')
    .where('model_id', 'in', [...modelIds])
    .where('on_date', '<=', through)
    .where('households_persuaded', 'is not', null)
    .select(['model_id', (eb) => eb.fn.sum<number | string>('households_persuaded').as('n')])
    .groupBy('model_id')
    .execute();
  return rows.map((r) => ({ modelId: Number(r.model_id), n: Number(r.n) }));
}

export type ModelRecognitionRow = Selectable<ModelRecognitionTable>;

export const recognitionsOfModels = (db: Db, modelIds: readonly number[]): Promise<ModelRecognitionRow[]> =>
  modelIds.length ? db.selectFrom('model_recognitions').selectAll().where('model_id', 'in', [...modelIds]).orderBy('model_id').orderBy('on_date').orderBy('id').execute() : Promise.resolve([]);

export async function replaceRecognitions(db: Db, modelId: number, rows: Omit<Insertable<ModelRecognitionTable>, 'model_id'>[]): Promise<void> {
  await db.deleteFrom('model_recognitions').where('model_id', '=', modelId).execute();
  if (rows.length) await db.insertInto('model_recognitions').values(rows.map((r) => ({ ...r, model_id: modelId }))).execute();
}

/** Adds one recognition to a model; its id. */
export async function insertRecognition(db: Db, row: Insertable<ModelRecognitionTable>): Promise<number> {
  return (await db.insertInto('model_recognitions').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

/** Removes one recognition of a model (none when the id is another model's); whether it did. */
export async function deleteRecognition(db: Db, modelId: number, id: number): Promise<boolean> {
  const r = await db.deleteFrom('model_recognitions').where('model_id', '=', modelId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** How many of the models `f` counts were recognised at each level through `through` (a model once per level). */
export async function countRecognised(db: Db, f: ModelFilter, through: string): Promise<{ level: string; n: number }[]> {
  const rows = await db
    .selectFrom('model_recognitions')
    .where('model_recognitions.on_date', '<=', through)
    .where('model_recognitions.model_id', 'in', counted(db, f).select('models.id'))
    .select(['model_recognitions.level', (eb) => eb.fn.count<number | string>('model_recognitions.model_id').distinct().as('n')])
    .groupBy('model_recognitions.level')
    .execute();
  return rows.map((r) => ({ level: r.level, n: Number(r.n) }));
}

// ---------------------------------------------------------------- assessments and công trình (issue #23)

export type ModelAssessmentRow = Selectable<ModelAssessmentTable>;
export type ModelWorkRow = Selectable<ModelWorkTable>;

export const assessmentsOfModels = (db: Db, modelIds: readonly number[]): Promise<ModelAssessmentRow[]> =>
  modelIds.length ? db.selectFrom('model_assessments').selectAll().where('model_id', 'in', [...modelIds]).orderBy('model_id').orderBy('on_date').orderBy('id').execute() : Promise.resolve([]);

export async function replaceAssessments(db: Db, modelId: number, rows: Omit<Insertable<ModelAssessmentTable>, 'model_id'>[]): Promise<void> {
  await db.deleteFrom('model_assessments').where('model_id', '=', modelId).execute();
  if (rows.length) await db.insertInto('model_assessments').values(rows.map((r) => ({ ...r, model_id: modelId }))).execute();
}

export async function insertAssessment(db: Db, row: Insertable<ModelAssessmentTable>): Promise<number> {
  return (await db.insertInto('model_assessments').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function deleteAssessment(db: Db, modelId: number, id: number): Promise<boolean> {
  const r = await db.deleteFrom('model_assessments').where('model_id', '=', modelId).where('id', '=', id).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export const worksOfModels = (db: Db, modelIds: readonly number[]): Promise<ModelWorkRow[]> =>
  modelIds.length ? db.selectFrom('model_works').selectAll().where('model_id', 'in', [...modelIds]).orderBy('model_id').execute() : Promise.resolve([]);

/** Sets (or, with null, removes) a model's công trình decision. */
export async function replaceWork(db: Db, modelId: number, row: Omit<Insertable<ModelWorkTable>, 'model_id'> | null): Promise<void> {
  await db.deleteFrom('model_works').where('model_id', '=', modelId).execute();
  if (row) await db.insertInto('model_works').values({ ...row, model_id: modelId }).execute();
}

/**
 * Of the models `f` counts, through `through`: how many were last assessed as carried out
 * effectively, how many as not (a model's latest assessment on or before the date counts), and
 * how many were named a công trình.
 */
export async function countAssessedAndWorks(db: Db, f: ModelFilter, through: string): Promise<{ effective: number; notEffective: number; works: number }> {
  const [latest, works] = await Promise.all([
    db
      .selectFrom('model_assessments as a')
      .where('a.on_date', '<=', through)
      .where('a.model_id', 'in', counted(db, f).select('models.id'))
      .where((e) =>
        e.not(
          e.exists(
            e
              .selectFrom('model_assessments as b')
              .select('b.id')
              .whereRef('b.model_id', '=', 'a.model_id')
              .where('b.on_date', '<=', through)
              .where((eb) => eb.or([eb('b.on_date', '>', eb.ref('a.on_date')), eb.and([eb('b.on_date', '=', eb.ref('a.on_date')), eb('b.id', '>', eb.ref('a.id'))])])),
          ),
        ),
      )
      .select(['a.effective', (eb) => eb.fn.countAll<number | string>().as('n')])
      .groupBy('a.effective')
      .execute(),
    db
      .selectFrom('model_works')
      .where('model_works.on_date', '<=', through)
      .where('model_works.model_id', 'in', counted(db, f).select('models.id'))
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirst(),
  ]);
  const n = (e: number) => Number(latest.find((r) => Number(r.effective) === e)?.n ?? 0);
  return { effective: n(1), notEffective: n(0), works: Number(works?.n ?? 0) };
}

