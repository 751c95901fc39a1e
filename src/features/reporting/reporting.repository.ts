import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../../db/index.js';
import { issueCounts } from '../supervision/supervision.issues.js';
import { likePrefix } from '../../db/dialect.js';
import type { ReportFormTable, ReportIndicatorTable, ReportSubmissionTable } from './reporting.table.js';
import { declareUnitReferences } from '../units/units.references.js';

/** The columns of this slice's tables that hold a unit id (deleting a unit counts them: units.references.ts). */
declareUnitReferences(
  { table: 'report_forms', column: 'unit_id', label: 'mẫu báo cáo định kỳ' },
  { table: 'report_targets', column: 'unit_id', label: 'đơn vị phải báo cáo' },
  { table: 'report_submissions', column: 'unit_id', label: 'báo cáo định kỳ' },
);

const forms = (db: Db) =>
  db
    .selectFrom('report_forms as f')
    .innerJoin('units as u', 'u.id', 'f.unit_id')
    .leftJoin('campaigns as k', 'k.id', 'f.campaign_id')
    .selectAll('f')
    .select(['u.code as unit_code', 'u.name as unit_name', 'u.path as unit_path', 'k.code as campaign_code']);

export type FormWithUnit = Awaited<ReturnType<typeof findFormByCode>> & object;

export const findFormByCode = (db: Db, code: string) => forms(db).where('f.code', '=', code).executeTakeFirst();
export const listFormRows = (db: Db) => forms(db).orderBy('f.code').execute();
export const formsOfCampaign = (db: Db, campaignId: number) => forms(db).where('f.campaign_id', '=', campaignId).where('f.active', '=', 1).orderBy('f.id').execute();

export async function insertForm(db: Db, row: Insertable<ReportFormTable>): Promise<number> {
  return (await db.insertInto('report_forms').values(row).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateFormRow(db: Db, id: number, patch: Updateable<ReportFormTable>): Promise<void> {
  await db.updateTable('report_forms').set(patch).where('id', '=', id).execute();
}

export const indicatorsOf = (db: Db, formId: number) => db.selectFrom('report_indicators').selectAll().where('form_id', '=', formId).orderBy('position').execute();
export async function insertIndicator(db: Db, row: Insertable<ReportIndicatorTable>): Promise<void> {
  await db.insertInto('report_indicators').values(row).execute();
}
export async function updateIndicator(db: Db, id: number, patch: Updateable<ReportIndicatorTable>): Promise<void> {
  await db.updateTable('report_indicators').set(patch).where('id', '=', id).execute();
}
export async function deleteIndicator(db: Db, id: number): Promise<void> {
  await db.deleteFrom('report_targets').where('indicator_id', '=', id).execute();
  await db.deleteFrom('report_indicators').where('id', '=', id).execute();
}
export async function indicatorHasValues(db: Db, id: number): Promise<boolean> {
  return (await db.selectFrom('report_values').select('indicator_id').where('indicator_id', '=', id).limit(1).executeTakeFirst()) !== undefined;
}

export const rulesOf = (db: Db, formId: number) => db.selectFrom('report_rules').selectAll().where('form_id', '=', formId).orderBy('position').execute();
export async function replaceRules(db: Db, formId: number, rules: { left_code: string; op: string; right_code: string; message: string }[]): Promise<void> {
  await db.deleteFrom('report_rules').where('form_id', '=', formId).execute();
  if (rules.length) await db.insertInto('report_rules').values(rules.map((r, position) => ({ ...r, form_id: formId, position }))).execute();
}

export async function replaceTargets(db: Db, formId: number, rows: { indicator_id: number; unit_id: number; year: number; value: string }[]): Promise<void> {
  const ids = (await indicatorsOf(db, formId)).map((i) => i.id);
  if (ids.length) await db.deleteFrom('report_targets').where('indicator_id', 'in', ids).execute();
  if (rows.length) await db.insertInto('report_targets').values(rows).execute();
}
export const targetsOf = (db: Db, formId: number) =>
  db
    .selectFrom('report_targets as t')
    .innerJoin('report_indicators as i', 'i.id', 't.indicator_id')
    .innerJoin('units as u', 'u.id', 't.unit_id')
    .select(['t.indicator_id', 't.unit_id', 't.year', 't.value', 'i.code as indicator_code', 'u.code as unit_code'])
    .where('i.form_id', '=', formId)
    .execute();

const submissions = (db: Db) =>
  db
    .selectFrom('report_submissions as s')
    .innerJoin('units as u', 'u.id', 's.unit_id')
    .leftJoin('users as a', 'a.id', 's.submitted_by')
    .leftJoin('users as d', 'd.id', 's.decided_by')
    .selectAll('s')
    .select(['u.code as unit_code', 'u.name as unit_name', 'u.path as unit_path', 'a.full_name as submitted_by_name', 'd.full_name as decided_by_name']);

export const findSubmission = (db: Db, formId: number, unitId: number, period: string) =>
  submissions(db).where('s.form_id', '=', formId).where('s.unit_id', '=', unitId).where('s.period', '=', period).executeTakeFirst();
export const submissionsOf = (db: Db, formId: number, periods: readonly string[]) =>
  periods.length ? submissions(db).where('s.form_id', '=', formId).where('s.period', 'in', [...periods]).execute() : Promise.resolve([]);
/** The periods anything was entered for, newest first. */
export const enteredPeriods = async (db: Db, formId: number): Promise<string[]> =>
  (await db.selectFrom('report_submissions').select('period').distinct().where('form_id', '=', formId).execute()).map((r) => r.period).sort().reverse();
/** The periods with a report submitted or approved (not only drafts), newest first. */
export const reportedPeriods = async (db: Db, formId: number): Promise<string[]> =>
  (await db.selectFrom('report_submissions').select('period').distinct().where('form_id', '=', formId).where('status', 'in', ['submitted', 'approved']).execute()).map((r) => r.period).sort().reverse();
export async function hasSubmissions(db: Db, formId: number): Promise<boolean> {
  return (await db.selectFrom('report_submissions').select('id').where('form_id', '=', formId).limit(1).executeTakeFirst()) !== undefined;
}
/** Submitted reports of units strictly below a unit, oldest first. */
export const submittedBelow = (db: Db, formId: number, unitPath: string) =>
  submissions(db).where('s.form_id', '=', formId).where('s.status', '=', 'submitted').where(likePrefix('u.path', unitPath)).where('u.path', '<>', unitPath).orderBy('s.submitted_at').limit(200).execute();
export async function insertSubmission(db: Db, row: Insertable<ReportSubmissionTable>): Promise<number> {
  return (await db.insertInto('report_submissions').values(row).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateSubmissionRow(db: Db, id: number, patch: Updateable<ReportSubmissionTable>): Promise<void> {
  await db.updateTable('report_submissions').set(patch).where('id', '=', id).execute();
}

export async function valuesOf(db: Db, submissionIds: readonly number[]): Promise<Map<number, Map<number, string>>> {
  const out = new Map<number, Map<number, string>>();
  if (!submissionIds.length) return out;
  for (let i = 0; i < submissionIds.length; i += 500) {
    const rows = await db.selectFrom('report_values').selectAll().where('submission_id', 'in', submissionIds.slice(i, i + 500)).execute();
    for (const r of rows) {
      let m = out.get(r.submission_id);
      if (!m) out.set(r.submission_id, (m = new Map<number, string>()));
      m.set(r.indicator_id, r.value);
    }
  }
  return out;
}
/** Replaces the given values of a submission (null: removed) and records each change, in three statements. */
export async function writeValues(db: Db, submissionId: number, changes: { indicator_id: number; old_value: string | null; new_value: string | null }[], at: string, actorName: string): Promise<void> {
  if (!changes.length) return;
  await db.deleteFrom('report_values').where('submission_id', '=', submissionId).where('indicator_id', 'in', changes.map((c) => c.indicator_id)).execute();
  const rows = changes.filter((c) => c.new_value !== null).map((c) => ({ submission_id: submissionId, indicator_id: c.indicator_id, value: c.new_value! }));
  if (rows.length) await db.insertInto('report_values').values(rows).execute();
  await db.insertInto('report_value_history').values(changes.map((c) => ({ submission_id: submissionId, ...c, at, actor_name: actorName }))).execute();
}
export const historyOf = (db: Db, submissionId: number) =>
  db
    .selectFrom('report_value_history as h')
    .innerJoin('report_indicators as i', 'i.id', 'h.indicator_id')
    .select(['h.old_value', 'h.new_value', 'h.at', 'h.actor_name', 'i.code', 'i.name'])
    .where('h.submission_id', '=', submissionId)
    .orderBy('h.id')
    .execute();

export const findClose = (db: Db, formId: number, period: string) => db.selectFrom('report_period_closes').selectAll().where('form_id', '=', formId).where('period', '=', period).executeTakeFirst();
export async function insertClose(db: Db, row: { form_id: number; period: string; closed_at: string; closed_by_name: string; snapshot_json: string }): Promise<void> {
  await db.insertInto('report_period_closes').values(row).execute();
}

// ——— live sources: what other modules record, counted for a unit subtree and a period ———

type Range = { path: string; from: string; to: string };
const n = (r: { n: unknown } | undefined) => Number(r?.n ?? 0);

export async function liveValue(db: Db, source: string, r: Range): Promise<number> {
  switch (source) {
    case 'models.registered':
      return n(
        await db
          .selectFrom('models as m')
          .innerJoin('units as u', 'u.id', 'm.unit_id')
          .select((eb) => eb.fn.countAll().as('n'))
          .where(likePrefix('u.path', r.path))
          .where('m.status', 'in', ['registered', 'stopped'])
          .where('m.registered_on', '>=', r.from)
          .where('m.registered_on', '<=', r.to)
          .executeTakeFirst(),
      );
    case 'models.updated':
      return n(
        await db
          .selectFrom('model_updates as x')
          .innerJoin('models as m', 'm.id', 'x.model_id')
          .innerJoin('units as u', 'u.id', 'm.unit_id')
          .select(sql<number>`count(distinct x.model_id)`.as('n'))
          .where(likePrefix('u.path', r.path))
          .where('x.on_date', '>=', r.from)
          .where('x.on_date', '<=', r.to)
          .executeTakeFirst(),
      );
    case 'teams.count':
    case 'teams.members': {
      const row = await db
        .selectFrom('teams as t')
        .innerJoin('units as u', 'u.id', 't.unit_id')
        .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum<number>('t.members').as('members')])
        .where(likePrefix('u.path', r.path))
        .where((eb) => eb.or([eb('t.established_on', 'is', null), eb('t.established_on', '<=', r.to)]))
        .where((eb) => eb.or([eb('t.dissolved_on', 'is', null), eb('t.dissolved_on', '>', r.to)]))
        .executeTakeFirst();
      return source === 'teams.count' ? n(row) : Number(row?.members ?? 0);
    }
    case 'clearance.dialogues':
      return n(
        await db
          .selectFrom('clearance_dialogues as d')
          .innerJoin('clearance_projects as p', 'p.id', 'd.project_id')
          .innerJoin('units as u', 'u.id', 'p.unit_id')
          .select((eb) => eb.fn.countAll().as('n'))
          .where(likePrefix('u.path', r.path))
          .where('d.held_on', '>=', r.from)
          .where('d.held_on', '<=', r.to)
          .executeTakeFirst(),
      );
    case 'clearance.paid': {
      const row = await db
        .selectFrom('clearance_payments as x')
        .innerJoin('clearance_projects as p', 'p.id', 'x.project_id')
        .innerJoin('units as u', 'u.id', 'p.unit_id')
        .select((eb) => eb.fn.sum<number>('x.amount').as('n'))
        .where(likePrefix('u.path', r.path))
        .where('x.status', '=', 'confirmed')
        .where('x.paid_on', '>=', r.from)
        .where('x.paid_on', '<=', r.to)
        .executeTakeFirst();
      return n(row);
    }
    case 'issues.raised':
    case 'issues.resolved':
    case 'issues.open': {
      const k = await issueCounts(db, r.path, r.from, r.to);
      return source === 'issues.raised' ? k.raised : source === 'issues.resolved' ? k.resolved : k.open;
    }
    default:
      return 0;
  }
}

/** Registered models of a subtree with no progress update within the dates (for the briefing pack). */
