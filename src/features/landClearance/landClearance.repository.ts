/* All SQL of land clearance. Services call these; nothing else touches the clearance tables. */
import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db, Tx } from '../../db/index.js';
import { laterOf, likeContains, likePrefix, lockRow } from '../../db/dialect.js';
import { fold } from '../../lib/vi.js';
import type {
  ClearanceComplaintTable,
  ClearanceDialogueTable,
  ClearanceHouseholdTable,
  ClearanceObstacleTable,
  ClearancePaymentTable,
  ClearancePlanTable,
  ClearanceProjectFiguresTable,
  ClearanceProjectTable,
  ClearanceStepKindTable,
  ClearanceStepTable,
  ComplaintRow,
  DialogueRow,
  FollowupRow,
  HandoverRow,
  HouseholdRow,
  ObstacleRow,
  ParcelRow,
  PaymentRow,
  PlanRow,
  ProjectRow,
  StepKindRow,
  StepRow,
} from './landClearance.table.js';
import { declareUnitReferences } from '../units/units.references.js';

/** The columns of this slice's tables that hold a unit id (deleting a unit counts them: units.references.ts). */
declareUnitReferences(
  { table: 'clearance_projects', column: 'unit_id', label: 'dự án GPMB' },
  { table: 'clearance_project_units', column: 'unit_id', label: 'địa bàn của dự án GPMB' },
);

// ——— step catalogue ———

export const listStepKinds = (db: Db, activeOnly = false): Promise<StepKindRow[]> => {
  let q = db.selectFrom('clearance_step_kinds').selectAll();
  if (activeOnly) q = q.where('active', '=', 1);
  return q.orderBy('sort_order').orderBy('id').execute();
};
export const findStepKind = (db: Db, code: string): Promise<StepKindRow | undefined> => db.selectFrom('clearance_step_kinds').selectAll().where('code', '=', code).executeTakeFirst();
export async function insertStepKind(db: Db, row: Insertable<ClearanceStepKindTable>): Promise<void> {
  await db.insertInto('clearance_step_kinds').values(row).execute();
}
export async function updateStepKind(db: Db, id: number, patch: Updateable<ClearanceStepKindTable>): Promise<void> {
  await db.updateTable('clearance_step_kinds').set(patch).where('id', '=', id).execute();
}

// ——— projects ———

export type ProjectWithUnit = ProjectRow & { unit_code: string; unit_name: string; unit_path: string; officer_username: string | null; officer_name: string | null };

const projectBase = (db: Db) =>
  db
    .selectFrom('clearance_projects as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .leftJoin('users as o', 'o.id', 'p.officer_id')
    .selectAll('p')
    .select(['u.code as unit_code', 'u.name as unit_name', 'u.path as unit_path', 'o.username as officer_username', 'o.full_name as officer_name']);

export const findProjectByCode = (db: Db, code: string): Promise<ProjectWithUnit | undefined> => projectBase(db).where('p.code', '=', code).executeTakeFirst();
export const findProjectById = (db: Db, id: number): Promise<ProjectWithUnit | undefined> => projectBase(db).where('p.id', '=', id).executeTakeFirst();
/** Public projects with an id above `afterId`, in id order (the search index, in batches). */
export const publicProjectsAfter = (db: Db, afterId: number, limit: number): Promise<ProjectWithUnit[]> =>
  projectBase(db).where('p.is_public', '=', 1).where('p.id', '>', afterId).orderBy('p.id').limit(limit).execute();
/** The other units of each project (besides its own), by project id. */
export async function otherUnitNamesOf(db: Db, projectIds: readonly number[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (!projectIds.length) return out;
  const rows = await db
    .selectFrom('clearance_project_units as pu')
    .innerJoin('units as u', 'u.id', 'pu.unit_id')
    .select(['pu.project_id', 'u.name'])
    .where('pu.project_id', 'in', [...projectIds])
    .orderBy('pu.project_id')
    .orderBy('u.path')
    .execute();
  for (const r of rows) out.set(r.project_id, [...(out.get(r.project_id) ?? []), r.name]);
  return out;
}

export async function insertProject(db: Db, row: Insertable<ClearanceProjectTable>): Promise<number> {
  return (await db.insertInto('clearance_projects').values(row).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateProjectRow(db: Db, id: number, patch: Updateable<ClearanceProjectTable>): Promise<void> {
  await db.updateTable('clearance_projects').set(patch).where('id', '=', id).execute();
}

export interface ProjectFilter {
  unitPath?: string | undefined;
  category?: string | undefined;
  q?: string | undefined;
  publicOnly?: boolean;
  /** under way on or before this date (or undated) */
  startedBy?: string | undefined;
  ids?: number[] | undefined;
}

function projectsFiltered(db: Db, f: ProjectFilter) {
  let q = projectBase(db);
  if (f.unitPath) q = q.where(likePrefix('u.path', f.unitPath));
  if (f.category) q = q.where('p.category', '=', f.category as ProjectRow['category']);
  if (f.q) q = q.where((eb) => eb.or([likeContains('p.name_folded', fold(f.q!)), eb('p.code', '=', f.q!.trim())]));
  if (f.publicOnly) q = q.where('p.is_public', '=', 1);
  if (f.startedBy) {
    const d = f.startedBy;
    q = q.where((eb) => eb.or([eb('p.started_on', 'is', null), eb('p.started_on', '<=', d)]));
  }
  if (f.ids) q = q.where('p.id', 'in', f.ids.length ? f.ids : [-1]);
  return q;
}

/** The few columns "Việc của tôi" schedules from, for every project in a subtree. */
export const projectsForWork = (db: Db, unitPath: string) =>
  db
    .selectFrom('clearance_projects as p')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select(['p.id', 'p.code', 'p.name', 'p.started_on', 'p.due_on', 'p.steps_json', 'p.officer_id'])
    .where(likePrefix('u.path', unitPath))
    .execute();
export const listProjects = (db: Db, f: ProjectFilter): Promise<ProjectWithUnit[]> => projectsFiltered(db, f).orderBy('u.path').orderBy('p.code').execute();

export async function setProjectUnits(db: Db, projectId: number, unitIds: number[]): Promise<void> {
  await db.deleteFrom('clearance_project_units').where('project_id', '=', projectId).execute();
  if (unitIds.length) await db.insertInto('clearance_project_units').values(unitIds.map((unit_id) => ({ project_id: projectId, unit_id }))).execute();
}
export const projectUnits = (db: Db, projectId: number) =>
  db.selectFrom('clearance_project_units as pu').innerJoin('units as u', 'u.id', 'pu.unit_id').select(['u.id', 'u.code', 'u.name']).where('pu.project_id', '=', projectId).orderBy('u.path').execute();

export async function setProjectDocuments(db: Db, projectId: number, documentIds: number[]): Promise<void> {
  await db.deleteFrom('clearance_project_documents').where('project_id', '=', projectId).execute();
  if (documentIds.length) await db.insertInto('clearance_project_documents').values(documentIds.map((document_id) => ({ project_id: projectId, document_id }))).execute();
}
export const projectDocuments = (db: Db, projectId: number) =>
  db
    .selectFrom('clearance_project_documents as pd')
    .innerJoin('documents as d', 'd.id', 'pd.document_id')
    .select(['d.id', 'd.number', 'd.kind', 'd.issuer', 'd.issued_on', 'd.title', 'd.is_public'])
    .where('pd.project_id', '=', projectId)
    .orderBy('d.issued_on')
    .execute();

export async function setProjectModels(db: Db, projectId: number, modelIds: number[]): Promise<void> {
  await db.deleteFrom('clearance_project_models').where('project_id', '=', projectId).execute();
  if (modelIds.length) await db.insertInto('clearance_project_models').values(modelIds.map((model_id) => ({ project_id: projectId, model_id }))).execute();
}
export const projectModels = (db: Db, projectId: number) =>
  db
    .selectFrom('clearance_project_models as pm')
    .innerJoin('models as m', 'm.id', 'pm.model_id')
    .innerJoin('units as u', 'u.id', 'm.unit_id')
    .select(['m.id', 'm.code', 'm.name', 'm.status', 'm.exemplary', 'u.name as unit_name', 'u.path as unit_path'])
    // how many projects the model works on: the households it persuaded are told apart by project only when it is one
    .select((eb) => eb.selectFrom('clearance_project_models as o').whereRef('o.model_id', '=', 'm.id').select((e) => e.fn.countAll<number | string>().as('n')).as('projects'))
    .where('pm.project_id', '=', projectId)
    .orderBy('m.code')
    .execute();

// ——— steps ———

export type StepWithKind = StepRow & { code: string; name: string; sort_order: number; deadline_days: number | null; day_kind: StepKindRow['day_kind']; counted_from: string | null; optional: number; legal_basis: string | null };

const stepBase = (db: Db) =>
  db
    .selectFrom('clearance_steps as s')
    .innerJoin('clearance_step_kinds as k', 'k.id', 's.kind_id')
    .selectAll('s')
    .select(['k.code', 'k.name', 'k.sort_order', 'k.deadline_days', 'k.day_kind', 'k.counted_from', 'k.optional', 'k.legal_basis']);

export const stepsOfProject = (db: Db, projectId: number): Promise<StepWithKind[]> => stepBase(db).where('s.project_id', '=', projectId).orderBy('k.sort_order').execute();

/** Steps of many projects at once (dashboards, lists). */
export const stepsOfProjects = async (db: Db, projectIds: number[]): Promise<StepWithKind[]> => {
  const out: StepWithKind[] = [];
  for (let i = 0; i < projectIds.length; i += 500) {
    out.push(...(await stepBase(db).where('s.project_id', 'in', projectIds.slice(i, i + 500)).execute()));
  }
  return out;
};
/**
 * Steps of the filtered projects (dashboards, 100 000 rows and more). The same rows as
 * `stepBase`, but the catalogue's columns are added here rather than joined in SQL: converting
 * the same few kinds' names and legal bases into new strings for every step cost more than the
 * rest of the row. Steps are read before kinds, so every kind a step refers to is there.
 */
export async function insertSteps(db: Db, rows: Insertable<ClearanceStepTable>[]): Promise<void> {
  if (rows.length) await db.insertInto('clearance_steps').values(rows).execute();
}
export async function updateStepRow(db: Db, id: number, patch: Updateable<ClearanceStepTable>): Promise<void> {
  await db.updateTable('clearance_steps').set(patch).where('id', '=', id).execute();
}

// ——— households ———

export type HouseholdWithProject = HouseholdRow & { project_code: string; project_name: string; unit_path: string };

const householdBase = (db: Db) =>
  db
    .selectFrom('clearance_households as h')
    .innerJoin('clearance_projects as p', 'p.id', 'h.project_id')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .selectAll('h')
    .select(['p.code as project_code', 'p.name as project_name', 'u.path as unit_path']);

export const findHouseholdByCode = (db: Db, code: string): Promise<HouseholdWithProject | undefined> => householdBase(db).where('h.code', '=', code).executeTakeFirst();
export const findHouseholdById = (db: Db, id: number): Promise<HouseholdWithProject | undefined> => householdBase(db).where('h.id', '=', id).executeTakeFirst();
export const householdsOfProject = (db: Db, projectId: number): Promise<HouseholdWithProject[]> => householdBase(db).where('h.project_id', '=', projectId).orderBy('h.code').execute();
export const householdsByCodes = (db: Db, codes: string[]): Promise<HouseholdWithProject[]> => householdBase(db).where('h.code', 'in', codes.length ? codes : ['']).execute();

export async function listHouseholdsPage(db: Db, projectId: number, page: { limit: number; offset: number }, state?: string): Promise<{ rows: HouseholdWithProject[]; total: number; approvedTotal: number; paidTotal: number }> {
  let q = householdBase(db).where('h.project_id', '=', projectId);
  if (state === 'handedOver') q = q.where('h.handed_on', 'is not', null);
  else if (state === 'paid') q = q.where('h.handed_on', 'is', null).where('h.paid_full_on', 'is not', null);
  else if (state === 'agreed') q = q.where('h.handed_on', 'is', null).where('h.paid_full_on', 'is', null).where('h.approved_on', 'is not', null);
  else if (state === 'inProgress') q = q.where('h.approved_on', 'is', null).where('h.handed_on', 'is', null).where('h.activity_on', 'is not', null);
  else if (state === 'new') q = q.where('h.activity_on', 'is', null);
  else if (state === 'blocked') q = q.where('h.open_obstacles', '>', 0);
  // the list's "Tổng cộng": its count and the sums of the two amounts it shows, over every page
  const total = await q
    .clearSelect()
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number | null>('h.approved_total').as('approved'), eb.fn.sum<number | null>('h.paid_total').as('paid')])
    .executeTakeFirstOrThrow();
  const rows = await q.orderBy('h.code').limit(page.limit).offset(page.offset).execute();
  return { rows, total: Number(total.n), approvedTotal: Number(total.approved ?? 0), paidTotal: Number(total.paid ?? 0) };
}

export async function insertHousehold(db: Db, row: Insertable<ClearanceHouseholdTable>): Promise<number> {
  return (await db.insertInto('clearance_households').values(row).returning('id').executeTakeFirstOrThrow()).id;
}
/** Inserts many households at once (a household workbook); their ids in the order of `rows`. */
export async function insertHouseholds(db: Db, rows: Insertable<ClearanceHouseholdTable>[]): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < rows.length; i += 500) {
    const chunk = rows.slice(i, i + 500);
    const byCode = new Map((await db.insertInto('clearance_households').values(chunk).returning(['id', 'code']).execute()).map((r) => [r.code, r.id]));
    for (const r of chunk) ids.push(byCode.get(r.code)!);
  }
  return ids;
}

/** Which of these codes are households' already. */
export async function existingHouseholdCodes(db: Db, codes: readonly string[]): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < codes.length; i += 1000) {
    const chunk = codes.slice(i, i + 1000);
    if (chunk.length) for (const r of await db.selectFrom('clearance_households').select('code').where('code', 'in', chunk).execute()) out.add(r.code);
  }
  return out;
}

/** Holds the household for the rest of the transaction (PostgreSQL), so that rules about its records are checked one write at a time. */
export const lockHousehold = (db: Db, id: number): Promise<boolean> => lockRow(db, 'clearance_households', id);
/**
 * Holds the project row first (PostgreSQL): every write to a project's records moves its version
 * (a trigger updates the project row), so writes take the project, then the household — a
 * dialogue (project by its trigger, then its households) and a payment (household, then project)
 * taking them in opposite orders deadlocked.
 */
export const lockProjectRow = (db: Db, id: number): Promise<boolean> => lockRow(db, 'clearance_projects', id, 'no key update');

export async function updateHouseholdRow(db: Db, id: number, patch: Updateable<ClearanceHouseholdTable>): Promise<void> {
  await db.updateTable('clearance_households').set(patch).where('id', '=', id).execute();
}
/**
 * How many households (and organisations) a project has, from its kept figures (exact with every
 * write): counting the rows cost ~2 ms a new household once a project held 10 000 (PostgreSQL).
 */
export async function countHouseholdsOfProject(db: Db, projectId: number): Promise<number> {
  const r = await db
    .selectFrom('clearance_project_figures')
    .select((eb) => eb('households', '+', eb.ref('organisations')).as('n'))
    .where('project_id', '=', projectId)
    .executeTakeFirst();
  const pending = heldFigures.get(db)?.get(projectId)?.delta;
  if (r) return Number(r.n) + (pending?.households ?? 0) + (pending?.organisations ?? 0);
  const rows = await db.selectFrom('clearance_households').select((eb) => eb.fn.countAll<number>().as('n')).where('project_id', '=', projectId).executeTakeFirstOrThrow();
  return Number(rows.n);
}

export const parcelsOf = (db: Db, householdIds: number[]): Promise<ParcelRow[]> =>
  householdIds.length ? db.selectFrom('clearance_parcels').selectAll().where('household_id', 'in', householdIds).orderBy('id').execute() : Promise.resolve([]);
export async function replaceParcels(db: Db, householdId: number, rows: Omit<ParcelRow, 'id' | 'household_id'>[]): Promise<void> {
  await db.deleteFrom('clearance_parcels').where('household_id', '=', householdId).execute();
  if (rows.length) await db.insertInto('clearance_parcels').values(rows.map((r) => ({ ...r, household_id: householdId }))).execute();
}

/** Parcels of new households, many at once. */
export async function insertParcels(db: Db, rows: Omit<ParcelRow, 'id'>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) await db.insertInto('clearance_parcels').values(rows.slice(i, i + 1000)).execute();
}

export const householdStepsOf = (db: Db, householdIds: number[]) =>
  householdIds.length
    ? db.selectFrom('clearance_household_steps as hs').innerJoin('clearance_step_kinds as k', 'k.id', 'hs.kind_id').select(['hs.household_id', 'hs.done_on', 'hs.note', 'k.code']).where('hs.household_id', 'in', householdIds).execute()
    : Promise.resolve([]);
export async function upsertHouseholdStep(db: Db, row: { household_id: number; kind_id: number; done_on: string; note: string | null }): Promise<void> {
  await db
    .insertInto('clearance_household_steps')
    .values(row)
    .onConflict((oc) => oc.columns(['household_id', 'kind_id']).doUpdateSet({ done_on: row.done_on, note: row.note }))
    .execute();
}

// ——— plans, payments, handover, obstacles ———

export const plansOf = (db: Db, householdId: number): Promise<PlanRow[]> => db.selectFrom('clearance_plans').selectAll().where('household_id', '=', householdId).orderBy('version').execute();
export const findPlan = (db: Db, id: number): Promise<PlanRow | undefined> => db.selectFrom('clearance_plans').selectAll().where('id', '=', id).executeTakeFirst();
export async function insertPlan(db: Db, row: Insertable<ClearancePlanTable>): Promise<number> {
  return (await db.insertInto('clearance_plans').values(row).returning('id').executeTakeFirstOrThrow()).id;
}
/** Plans of new households, many at once. */
export async function insertPlans(db: Db, rows: Insertable<ClearancePlanTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('clearance_plans').values(rows.slice(i, i + 500)).execute();
}
export async function updatePlanRow(db: Db, id: number, patch: Updateable<ClearancePlanTable>): Promise<void> {
  await db.updateTable('clearance_plans').set(patch).where('id', '=', id).execute();
}

export const paymentsOf = (db: Db, householdId: number): Promise<PaymentRow[]> => db.selectFrom('clearance_payments').selectAll().where('household_id', '=', householdId).orderBy('paid_on').orderBy('id').execute();
export const findPayment = (db: Db, id: number): Promise<PaymentRow | undefined> => db.selectFrom('clearance_payments').selectAll().where('id', '=', id).executeTakeFirst();
export async function insertPayment(db: Db, row: Insertable<ClearancePaymentTable>): Promise<number> {
  return (await db.insertInto('clearance_payments').values(row).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updatePaymentRow(db: Db, id: number, patch: Updateable<ClearancePaymentTable>): Promise<void> {
  await db.updateTable('clearance_payments').set(patch).where('id', '=', id).execute();
}

export const handoverOf = (db: Db, householdId: number): Promise<HandoverRow | undefined> => db.selectFrom('clearance_handovers').selectAll().where('household_id', '=', householdId).executeTakeFirst();
export async function insertHandover(db: Db, row: HandoverRow): Promise<void> {
  await db.insertInto('clearance_handovers').values(row).execute();
}

export const obstaclesOf = (db: Db, householdId: number): Promise<ObstacleRow[]> => db.selectFrom('clearance_obstacles').selectAll().where('household_id', '=', householdId).orderBy('opened_on').orderBy('id').execute();
export const findObstacle = (db: Db, id: number): Promise<ObstacleRow | undefined> => db.selectFrom('clearance_obstacles').selectAll().where('id', '=', id).executeTakeFirst();
export async function insertObstacle(db: Db, row: Insertable<ClearanceObstacleTable>): Promise<number> {
  return (await db.insertInto('clearance_obstacles').values(row).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateObstacleRow(db: Db, id: number, patch: Updateable<ClearanceObstacleTable>): Promise<void> {
  await db.updateTable('clearance_obstacles').set(patch).where('id', '=', id).execute();
}

/** The first date anything happened to a household (for "đang xử lý"). */
export async function firstActivityOf(db: Db, householdId: number): Promise<string | null> {
  const r = await sql<{ d: string | null }>`
    select min(d) as d from (
      select min(done_on) as d from clearance_household_steps where household_id = ${householdId}
      union all select min(substr(created_at, 1, 10)) from clearance_plans where household_id = ${householdId}
      union all select min(opened_on) from clearance_obstacles where household_id = ${householdId}
      union all select min(paid_on) from clearance_payments where household_id = ${householdId}
      union all select min(dl.held_on) from clearance_dialogue_households dh join clearance_dialogues dl on dl.id = dh.dialogue_id where dh.household_id = ${householdId}
    ) x`.execute(db);
  return r.rows[0]?.d ?? null;
}

/** Rows of `table` whose household_id is one of `ids`, 1 000 ids a query, grouped by household. */
async function byHousehold<T extends { household_id: number }>(ids: readonly number[], read: (chunk: number[]) => Promise<T[]>): Promise<Map<number, T[]>> {
  const out = new Map<number, T[]>();
  for (let i = 0; i < ids.length; i += 1000) {
    for (const r of await read(ids.slice(i, i + 1000))) {
      const list = out.get(r.household_id);
      if (list) list.push(r);
      else out.set(r.household_id, [r]);
    }
  }
  return out;
}

/**
 * What `refreshHousehold` reads for one household, for many at once (a batch of updates):
 * plans, payments, handover, obstacles, parcels and the first activity, each by household id.
 */
export async function recordsOfHouseholds(db: Db, ids: readonly number[]) {
  const [plans, payments, handovers, obstacles, parcels, activities] = await Promise.all([
    byHousehold(ids, (c) => db.selectFrom('clearance_plans').selectAll().where('household_id', 'in', c).orderBy('version').execute()),
    byHousehold(ids, (c) => db.selectFrom('clearance_payments').selectAll().where('household_id', 'in', c).orderBy('paid_on').orderBy('id').execute()),
    byHousehold(ids, (c) => db.selectFrom('clearance_handovers').selectAll().where('household_id', 'in', c).execute()),
    byHousehold(ids, (c) => db.selectFrom('clearance_obstacles').selectAll().where('household_id', 'in', c).orderBy('opened_on').orderBy('id').execute()),
    byHousehold(ids, (c) => db.selectFrom('clearance_parcels').selectAll().where('household_id', 'in', c).orderBy('id').execute()),
    byHousehold(ids, async (c) => {
      const list = sql.join(c);
      const r = await sql<{ household_id: number; d: string | null }>`
        select household_id, min(d) as d from (
          select household_id, min(done_on) as d from clearance_household_steps where household_id in (${list}) group by household_id
          union all select household_id, min(substr(created_at, 1, 10)) from clearance_plans where household_id in (${list}) group by household_id
          union all select household_id, min(opened_on) from clearance_obstacles where household_id in (${list}) group by household_id
          union all select household_id, min(paid_on) from clearance_payments where household_id in (${list}) group by household_id
          union all select dh.household_id, min(dl.held_on) from clearance_dialogue_households dh join clearance_dialogues dl on dl.id = dh.dialogue_id where dh.household_id in (${list}) group by dh.household_id
        ) x group by household_id`.execute(db);
      return r.rows.map((x) => ({ household_id: Number(x.household_id), d: x.d }));
    }),
  ]);
  return { plans, payments, handovers, obstacles, parcels, activities };
}

/** Households by code, 1 000 codes a query. */
export async function householdsByCodesChunked(db: Db, codes: readonly string[]): Promise<HouseholdWithProject[]> {
  const out: HouseholdWithProject[] = [];
  for (let i = 0; i < codes.length; i += 1000) if (codes.length) out.push(...(await householdsByCodes(db, codes.slice(i, i + 1000))));
  return out;
}

/** Deletes the parcels of these households (a batch rewrites them). */
export async function deleteParcelsOf(db: Db, ids: readonly number[]): Promise<void> {
  for (let i = 0; i < ids.length; i += 1000) await db.deleteFrom('clearance_parcels').where('household_id', 'in', ids.slice(i, i + 1000)).execute();
}

// ——— dialogues and complaints ———

export const dialoguesOfProject = (db: Db, projectId: number): Promise<DialogueRow[]> => db.selectFrom('clearance_dialogues').selectAll().where('project_id', '=', projectId).orderBy('held_on', 'desc').orderBy('id', 'desc').execute();
export const findDialogue = (db: Db, id: number): Promise<DialogueRow | undefined> => db.selectFrom('clearance_dialogues').selectAll().where('id', '=', id).executeTakeFirst();
export async function insertDialogue(db: Db, row: Insertable<ClearanceDialogueTable>): Promise<number> {
  return (await db.insertInto('clearance_dialogues').values(row).returning('id').executeTakeFirstOrThrow()).id;
}
export async function setDialogueHouseholds(db: Db, dialogueId: number, householdIds: number[]): Promise<void> {
  await db.deleteFrom('clearance_dialogue_households').where('dialogue_id', '=', dialogueId).execute();
  if (householdIds.length) await db.insertInto('clearance_dialogue_households').values(householdIds.map((household_id) => ({ dialogue_id: dialogueId, household_id }))).execute();
}
export const dialogueHouseholds = (db: Db, dialogueIds: number[]) =>
  dialogueIds.length
    ? db.selectFrom('clearance_dialogue_households as dh').innerJoin('clearance_households as h', 'h.id', 'dh.household_id').select(['dh.dialogue_id', 'h.id', 'h.code', 'h.name']).where('dh.dialogue_id', 'in', dialogueIds).orderBy('h.code').execute()
    : Promise.resolve([]);
export const followupsOf = (db: Db, dialogueIds: number[]): Promise<FollowupRow[]> =>
  dialogueIds.length ? db.selectFrom('clearance_followups').selectAll().where('dialogue_id', 'in', dialogueIds).orderBy('id').execute() : Promise.resolve([]);
export async function insertFollowups(db: Db, rows: Omit<FollowupRow, 'id'>[]): Promise<void> {
  if (rows.length) await db.insertInto('clearance_followups').values(rows).execute();
}
export const findFollowup = (db: Db, id: number): Promise<FollowupRow | undefined> => db.selectFrom('clearance_followups').selectAll().where('id', '=', id).executeTakeFirst();
export async function updateFollowupRow(db: Db, id: number, patch: { done_on: string | null }): Promise<void> {
  await db.updateTable('clearance_followups').set(patch).where('id', '=', id).execute();
}

export const complaintsOfProject = (db: Db, projectId: number): Promise<ComplaintRow[]> => db.selectFrom('clearance_complaints').selectAll().where('project_id', '=', projectId).orderBy('received_on', 'desc').orderBy('id', 'desc').execute();
export const findComplaint = (db: Db, id: number): Promise<ComplaintRow | undefined> => db.selectFrom('clearance_complaints').selectAll().where('id', '=', id).executeTakeFirst();
export async function insertComplaint(db: Db, row: Insertable<ClearanceComplaintTable>): Promise<number> {
  return (await db.insertInto('clearance_complaints').values(row).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateComplaintRow(db: Db, id: number, patch: Updateable<ClearanceComplaintTable>): Promise<void> {
  await db.updateTable('clearance_complaints').set(patch).where('id', '=', id).execute();
}

/**
 * Open complaints whose statutory due date falls on or before `dueBy` in a subtree (past it, or
 * near: the caller passes a day ahead of today): the `limit` earliest due, how many there are, and
 * how many of them are already past `asOf`.
 */
export const complaintsDue = async (db: Db, unitPath: string | undefined, asOf: string, dueBy: string, limit = 1_000_000) => {
  let q = db
    .selectFrom('clearance_complaints as c')
    .innerJoin('clearance_projects as p', 'p.id', 'c.project_id')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .where('c.status', '!=', 'answered')
    .where('c.due_on', '<=', dueBy);
  if (unitPath) q = q.where(likePrefix('u.path', unitPath));
  const [list, late] = await Promise.all([
    listed(
      q.selectAll('c').select(['p.code as project_code', 'p.name as project_name', 'u.path as unit_path']).orderBy('c.due_on').orderBy('c.id').limit(limit).execute(),
      q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
    ),
    q.where('c.due_on', '<', asOf).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  ]);
  return { ...list, overdue: Number(late?.n ?? 0) };
};

// ——— aggregates (dashboard, stats, public pages) ———

interface ProjectFigures {
  project_id: number;
  households: number;
  organisations: number;
  agreed: number;
  approved: number;
  approved_amount: number;
  paid: number;
  handed_over: number;
  blocked: number;
  in_progress: number;
  recovered_dm2: number;
}

/** Per project: households by state through a date — one GROUP BY over the household summaries. */
export async function figuresByProject(db: Db, through: string, f: ProjectFilter): Promise<ProjectFigures[]> {
  // count(case … end) rather than sum(case … else 0 end): one step less per household and figure;
  // the columns are those of clearance_households_figures_idx, so only that index is read
  const rows = await db
    .selectFrom('clearance_households as h')
    .where('h.project_id', 'in', projectsFiltered(db, f).clearSelect().select('p.id'))
    .select([
      'h.project_id',
      sql<number>`count(case when h.kind = 'household' then 1 end)`.as('households'),
      sql<number>`count(case when h.kind = 'organisation' then 1 end)`.as('organisations'),
      sql<number>`count(case when h.approved_on <= ${through} then 1 end)`.as('approved'),
      sql<number | null>`sum(case when h.approved_on <= ${through} then h.approved_total end)`.as('approved_amount'),
      sql<number>`count(case when h.paid_full_on <= ${through} then 1 end)`.as('paid'),
      sql<number>`count(case when h.handed_on <= ${through} then 1 end)`.as('handed_over'),
      sql<number>`count(case when h.open_obstacles > 0 then 1 end)`.as('blocked'),
      sql<number>`count(case when h.activity_on <= ${through} then 1 end)`.as('in_progress'),
      sql<number | null>`sum(h.recovered_dm2)`.as('recovered_dm2'),
    ])
    .groupBy('h.project_id')
    .execute();
  return rows.map((r) => ({
    project_id: r.project_id,
    households: Number(r.households ?? 0),
    organisations: Number(r.organisations ?? 0),
    agreed: Number(r.approved ?? 0),
    approved: Number(r.approved ?? 0),
    approved_amount: Number(r.approved_amount ?? 0),
    paid: Number(r.paid ?? 0),
    handed_over: Number(r.handed_over ?? 0),
    blocked: Number(r.blocked ?? 0),
    in_progress: Number(r.in_progress ?? 0),
    recovered_dm2: Number(r.recovered_dm2 ?? 0),
  }));
}

/** Confirmed payments per project through a date. */
export async function paidByProject(db: Db, through: string, f: ProjectFilter): Promise<{ project_id: number; amount: number; payments: number }[]> {
  const rows = await db
    .selectFrom('clearance_payments as pm')
    .where('pm.project_id', 'in', projectsFiltered(db, f).clearSelect().select('p.id'))
    .where('pm.status', '=', 'confirmed')
    .where('pm.paid_on', '<=', through)
    .select((eb) => ['pm.project_id', eb.fn.sum<number>('pm.amount').as('amount'), eb.fn.countAll<number>().as('payments')])
    .groupBy('pm.project_id')
    .execute();
  return rows.map((r) => ({ project_id: r.project_id, amount: Number(r.amount ?? 0), payments: Number(r.payments) }));
}

export async function dialoguesByProject(db: Db, through: string, f: ProjectFilter): Promise<{ project_id: number; dialogues: number; participants: number }[]> {
  const rows = await db
    .selectFrom('clearance_dialogues as d')
    .where('d.project_id', 'in', projectsFiltered(db, f).clearSelect().select('p.id'))
    .where('d.held_on', '<=', through)
    .select((eb) => ['d.project_id', eb.fn.countAll<number>().as('dialogues'), eb.fn.sum<number>('d.participants').as('participants')])
    .groupBy('d.project_id')
    .execute();
  return rows.map((r) => ({ project_id: r.project_id, dialogues: Number(r.dialogues), participants: Number(r.participants ?? 0) }));
}

export async function complaintsByProject(db: Db, through: string, f: ProjectFilter): Promise<{ project_id: number; received: number; open: number; overdue: number }[]> {
  const rows = await db
    .selectFrom('clearance_complaints as c')
    .where('c.project_id', 'in', projectsFiltered(db, f).clearSelect().select('p.id'))
    .where('c.received_on', '<=', through)
    .select((eb) => [
      'c.project_id',
      eb.fn.countAll<number>().as('received'),
      eb.fn.sum<number>(sql`case when c.answered_on is null or c.answered_on > ${through} then 1 else 0 end`).as('open'),
      eb.fn.sum<number>(sql`case when (c.answered_on is null or c.answered_on > ${through}) and c.due_on < ${through} then 1 else 0 end`).as('overdue'),
    ])
    .groupBy('c.project_id')
    .execute();
  return rows.map((r) => ({ project_id: r.project_id, received: Number(r.received), open: Number(r.open ?? 0), overdue: Number(r.overdue ?? 0) }));
}

/**
 * Steps done by someone and waiting for another person's approval; payments and plans likewise.
 * `notBy`: leave out what this user did (they cannot approve it); `limit`: the oldest so many rows,
 * with the exact total beside them (a city has tens of thousands).
 */
/**
 * The unit subtree `unitPath` as a filter on a query over `u.path` — or no filter when the subtree
 * holds every unit (a city administrator): then every project is in scope and the waiting-work
 * counts read one index instead of joining each row to its project and unit.
 */
async function scopeFilter(db: Db, unitPath: string | undefined): Promise<string | undefined> {
  if (!unitPath) return undefined;
  const outside = await db.selectFrom('units').select('id').where(sql<boolean>`not (${likePrefix('path', unitPath)})`).limit(1).executeTakeFirst();
  return outside ? unitPath : undefined;
}

async function listed<R>(rows: Promise<R[]>, total: Promise<{ n: number | string | bigint } | undefined>): Promise<{ rows: R[]; total: number }> {
  const [r, t] = await Promise.all([rows, total]);
  return { rows: r, total: Number(t?.n ?? 0) };
}

export const stepsAwaitingApproval = (db: Db, unitPath: string | undefined, notBy: number | null = null, limit = 1_000_000) => {
  let q = db
    .selectFrom('clearance_steps as s')
    .innerJoin('clearance_projects as p', 'p.id', 's.project_id')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .where('s.status', '=', 'done');
  if (unitPath) q = q.where(likePrefix('u.path', unitPath));
  if (notBy !== null) q = q.where((eb) => eb.or([eb('s.done_by', 'is', null), eb('s.done_by', '!=', notBy)]));
  return listed(
    q
      .innerJoin('clearance_step_kinds as k', 'k.id', 's.kind_id')
      .select(['s.id', 's.done_on', 's.done_by', 's.done_by_name', 'k.code as step_code', 'k.name as step_name', 'p.code as project_code', 'p.name as project_name', 'u.path as unit_path'])
      .orderBy('s.done_on')
      .orderBy('s.id')
      .limit(limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  );
};
export const paymentsAwaitingConfirmation = (db: Db, unitPath: string | undefined, notBy: number | null = null, limit = 1_000_000) => {
  let q = db
    .selectFrom('clearance_payments as pm')
    .innerJoin('clearance_projects as p', 'p.id', 'pm.project_id')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .where('pm.status', '=', 'recorded');
  if (unitPath) q = q.where(likePrefix('u.path', unitPath));
  if (notBy !== null) q = q.where((eb) => eb.or([eb('pm.recorded_by', 'is', null), eb('pm.recorded_by', '!=', notBy)]));
  return listed(
    q
      .innerJoin('clearance_households as h', 'h.id', 'pm.household_id')
      .select(['pm.id', 'pm.amount', 'pm.paid_on', 'pm.recorded_by', 'pm.recorded_by_name', 'h.code as household_code', 'p.code as project_code', 'p.name as project_name', 'u.path as unit_path'])
      .orderBy('pm.paid_on')
      .orderBy('pm.id')
      .limit(limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  );
};
export const plansAwaitingApproval = async (db: Db, unitPath: string | undefined, notBy: number | null = null, limit = 1_000_000) => {
  const scope = await scopeFilter(db, unitPath);
  let q = db.selectFrom('clearance_plans as pl').where('pl.status', '=', 'provisional');
  if (scope) q = q.where('pl.household_id', 'in', (eb) => eb.selectFrom('clearance_households as sh').innerJoin('clearance_projects as sp', 'sp.id', 'sh.project_id').innerJoin('units as su', 'su.id', 'sp.unit_id').select('sh.id').where(likePrefix('su.path', scope)));
  if (notBy !== null) q = q.where((eb) => eb.or([eb('pl.created_by', 'is', null), eb('pl.created_by', '!=', notBy)]));
  return listed(
    q
      .innerJoin('clearance_households as h', 'h.id', 'pl.household_id')
      .innerJoin('clearance_projects as p', 'p.id', 'h.project_id')
      .innerJoin('units as u', 'u.id', 'p.unit_id')
      .select(['pl.id', 'pl.total', 'pl.version', 'pl.created_by', 'pl.created_by_name', 'pl.created_at', 'h.code as household_code', 'p.code as project_code', 'p.name as project_name', 'u.path as unit_path'])
      .orderBy('pl.created_at')
      .orderBy('pl.id')
      .limit(limit)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst(),
  );
};

export const allHouseholds = (db: Db): Promise<HouseholdWithProject[]> => householdBase(db).orderBy('h.id').execute();

// ——— maintained per-project figures and step facts (the dashboard's fast path) ———

export async function insertFigures(db: Db, projectId: number): Promise<void> {
  await db.insertInto('clearance_project_figures').values({ project_id: projectId, households: 0, organisations: 0, approved: 0, approved_amount: 0, paid: 0, paid_amount: 0, handed_over: 0, blocked: 0, in_progress: 0, recovered_dm2: 0, dialogues: 0, dialogue_participants: 0, last_fact_on: null }).execute();
}
export const figuresOf = (db: Db, projectId: number) => db.selectFrom('clearance_project_figures').selectAll().where('project_id', '=', projectId).executeTakeFirst();
export type FiguresDelta = Partial<Record<'households' | 'organisations' | 'approved' | 'approved_amount' | 'paid' | 'paid_amount' | 'handed_over' | 'blocked' | 'in_progress' | 'recovered_dm2' | 'dialogues' | 'dialogue_participants', number>>;

/**
 * Deltas held back in a transaction (`holdFigures`) until `flushFigures`: a household import adds
 * one UPDATE per project at the end instead of two per household. On PostgreSQL each UPDATE of a
 * row in a transaction follows the chain of its earlier versions there: 20 000 updates of one
 * project's figures in a 10 000-row import grew slower with every row.
 */
const heldFigures = new WeakMap<object, Map<number, { delta: FiguresDelta; latest: string | null }>>();
export function holdFigures(trx: Tx): void {
  heldFigures.set(trx, new Map());
}
export async function flushFigures(trx: Tx): Promise<void> {
  const held = heldFigures.get(trx);
  heldFigures.delete(trx);
  for (const [projectId, h] of held ?? []) await addToFigures(trx, projectId, h.delta, h.latest);
}

/** Adds to the kept figures in one UPDATE (no read-modify-write: concurrent writes cannot lose one another's counts). */
export async function addToFigures(db: Db, projectId: number, delta: FiguresDelta, latest: string | null): Promise<void> {
  const held = heldFigures.get(db);
  if (held) {
    const h = held.get(projectId) ?? { delta: {}, latest: null };
    for (const [k, v] of Object.entries(delta) as [keyof FiguresDelta, number][]) if (v) h.delta[k] = (h.delta[k] ?? 0) + v;
    if (latest && (!h.latest || latest > h.latest)) h.latest = latest;
    held.set(projectId, h);
    return;
  }
  const set: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(delta)) if (v) set[k] = sql`${sql.ref(k)} + ${v}`;
  if (latest) set.last_fact_on = laterOf(db, 'last_fact_on', latest);
  if (Object.keys(set).length) await db.updateTable('clearance_project_figures').set(set as Updateable<ClearanceProjectFiguresTable>).where('project_id', '=', projectId).execute();
}
/** The maintained figures of the projects a filter selects. */
export const currentFigures = (db: Db, f: ProjectFilter) =>
  db
    .selectFrom('clearance_project_figures')
    .selectAll()
    .where('project_id', 'in', projectsFiltered(db, f).clearSelect().select('p.id'))
    .execute();

export const stepRowsOf = (db: Db, projectId: number) => db.selectFrom('clearance_steps').select(['kind_id', 'status', 'planned_on', 'done_on']).where('project_id', '=', projectId).orderBy('id').execute();
export async function setStepsJson(db: Db, projectId: number, json: string): Promise<void> {
  await db.updateTable('clearance_projects').set({ steps_json: json }).where('id', '=', projectId).execute();
}

/** Which projects a filter selects, with each one's version and its unit (the dashboards' memo, see `projectLines`). */
export const projectVersions = (db: Db, f: ProjectFilter) =>
  projectsFiltered(db, f).clearSelect().select(['p.id', 'p.version', 'u.code as unit_code', 'u.name as unit_name', 'u.path as unit_path']).execute();

/** The few columns a dashboard line needs, with the step facts, for every project a filter selects. */
export const projectLineRows = (db: Db, f: ProjectFilter) =>
  projectsFiltered(db, f)
    .clearSelect()
    .select(['p.id', 'p.code', 'p.name', 'p.category', 'p.is_public', 'p.started_on', 'p.due_on', 'p.households_declared', 'p.organisations_declared', 'p.steps_json', 'u.code as unit_code', 'u.name as unit_name', 'u.path as unit_path'])
    .execute();

/** Projects of a subtree, code and name with their unit's name: the choices of a project picker. */
export async function projectChoices(db: Db, unitPath: string | undefined): Promise<{ code: string; name: string; unit_code: string; unit_name: string }[]> {
  let q = db.selectFrom('clearance_projects as p').innerJoin('units as u', 'u.id', 'p.unit_id').select(['p.code', 'p.name', 'u.code as unit_code', 'u.name as unit_name']);
  if (unitPath) q = q.where(likePrefix('u.path', unitPath));
  return q.execute();
}

/** The dialogues of the given projects held on or before a day, newest first, with their project and unit. */
export async function dialoguesOfProjects(db: Db, projectCodes: readonly string[], through: string) {
  if (!projectCodes.length) return [];
  return db
    .selectFrom('clearance_dialogues as d')
    .innerJoin('clearance_projects as p', 'p.id', 'd.project_id')
    .innerJoin('units as u', 'u.id', 'p.unit_id')
    .select(['d.id', 'd.held_on', 'd.place', 'd.chair', 'd.participants', 'p.code as project_code', 'p.name as project_name', 'u.name as unit_name'])
    .where('p.code', 'in', [...projectCodes])
    .where('d.held_on', '<=', through)
    .orderBy('d.held_on', 'desc')
    .orderBy('d.id', 'desc')
    .execute();
}

/** Which date of a household a register of households "through a day" reads. */
export const HOUSEHOLD_MILESTONES = { approved: 'approved_on', paid: 'paid_full_on', handedOver: 'handed_on' } as const;
export type HouseholdMilestone = keyof typeof HOUSEHOLD_MILESTONES;

/**
 * One page of the households of the given projects that reached a milestone (plan approved, paid
 * in full, land handed over) on or before a day, newest first, with the count and approved amount
 * over every page — the same conditions as figuresByProject, so the list and the figure agree.
 */
export async function householdsReaching(db: Db, projectCodes: readonly string[], milestone: HouseholdMilestone, through: string, page: { limit: number; offset: number }) {
  if (!projectCodes.length) return { rows: [], total: 0, approvedTotal: 0 };
  const col = `h.${HOUSEHOLD_MILESTONES[milestone]}` as const;
  const q = householdBase(db).select('u.name as unit_name').where('p.code', 'in', [...projectCodes]).where(col, '<=', through);
  const t = await q.clearSelect().select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number | null>('h.approved_total').as('approved')]).executeTakeFirstOrThrow();
  const rows = await q.orderBy(col, 'desc').orderBy('h.code').limit(page.limit).offset(page.offset).execute();
  return { rows, total: Number(t.n), approvedTotal: Number(t.approved ?? 0) };
}
