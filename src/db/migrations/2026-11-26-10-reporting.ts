/*
 * Frozen in time: imports nothing from the app. Periodic reporting from every unit (after
 * DHIS2's data sets): report forms with sections, indicators (whole number, money in đồng,
 * decimal, text; how each rolls up; computed from live data or typed), validation rules between
 * indicators, targets per unit and year, one submission per form × unit × period with its
 * workflow (draft → submitted → returned | approved), the values (exact decimal text), every
 * change of a value, and closed periods with the frozen snapshot of their approved figures.
 */
import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const isPg = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

function withId<T extends string>(db: Db, t: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return isPg(db)
    ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: Db): Promise<void> {
  await withId(db, db.schema.createTable('report_forms'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('campaign_id', 'integer', (c) => c.references('campaigns.id'))
    .addColumn('period_type', 'text', (c) => c.notNull())
    .addColumn('deadline_days', 'integer', (c) => c.notNull())
    // JSON array of unit kinds that report, e.g. ["ward"]
    .addColumn('reporting_kinds', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('report_indicators'))
    .addColumn('form_id', 'integer', (c) => c.notNull().references('report_forms.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('section', 'text')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('unit_label', 'text')
    .addColumn('rollup', 'text', (c) => c.notNull())
    .addColumn('source', 'text')
    .addColumn('position', 'integer', (c) => c.notNull())
    .addUniqueConstraint('report_indicators_code_uq', ['form_id', 'code'])
    .execute();

  await withId(db, db.schema.createTable('report_rules'))
    .addColumn('form_id', 'integer', (c) => c.notNull().references('report_forms.id').onDelete('cascade'))
    .addColumn('left_code', 'text', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull())
    .addColumn('right_code', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('report_targets')
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('report_indicators.id').onDelete('cascade'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_targets_pk', ['indicator_id', 'unit_id', 'year'])
    .execute();

  await withId(db, db.schema.createTable('report_submissions'))
    .addColumn('form_id', 'integer', (c) => c.notNull().references('report_forms.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    // "2021-01", "2021-Q1", "2021-H1", "2021-9T", "2021"
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('return_note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('report_submissions_uq', ['form_id', 'unit_id', 'period'])
    .execute();
  await db.schema.createIndex('report_submissions_period_idx').on('report_submissions').columns(['form_id', 'period', 'status']).execute();

  await db.schema
    .createTable('report_values')
    .addColumn('submission_id', 'integer', (c) => c.notNull().references('report_submissions.id').onDelete('cascade'))
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('report_indicators.id'))
    // exact decimal text ("12", "1250000", "3.5") or free text
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_values_pk', ['submission_id', 'indicator_id'])
    .execute();

  await withId(db, db.schema.createTable('report_value_history'))
    .addColumn('submission_id', 'integer', (c) => c.notNull().references('report_submissions.id').onDelete('cascade'))
    .addColumn('indicator_id', 'integer', (c) => c.notNull().references('report_indicators.id'))
    .addColumn('old_value', 'text')
    .addColumn('new_value', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('report_value_history_sub_idx').on('report_value_history').columns(['submission_id', 'indicator_id']).execute();

  await db.schema
    .createTable('report_period_closes')
    .addColumn('form_id', 'integer', (c) => c.notNull().references('report_forms.id'))
    .addColumn('period', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'text', (c) => c.notNull())
    .addColumn('closed_by_name', 'text', (c) => c.notNull())
    // {"units": {"<unitId>": {"<indicatorCode>": "value"}}, "approved": [unitIds]}
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('report_period_closes_pk', ['form_id', 'period'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  for (const t of ['report_period_closes', 'report_value_history', 'report_values', 'report_submissions', 'report_targets', 'report_rules', 'report_indicators', 'report_forms']) await db.schema.dropTable(t).execute();
}
