/*
 * Frozen in time: imports nothing from the app. What the models achieved (issue #23): the typed
 * results a model records on a date — money mobilised from the people (đồng), working days,
 * land donated (in hundredths of a square metre: exact), households that donated land, households
 * persuaded to hand over land for clearance, people benefiting. A figure not recorded is null
 * (unknown), not 0.
 */
import { PostgresAdapter, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const isPg = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Db): Promise<void> {
  const t = db.schema.createTable('model_results');
  await (isPg(db) ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity()) : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('model_id', 'integer', (c) => c.notNull().references('models.id'))
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('money_vnd', 'bigint')
    .addColumn('work_days', 'integer')
    .addColumn('land_centi_m2', 'bigint')
    .addColumn('households_donating', 'integer')
    .addColumn('households_persuaded', 'integer')
    .addColumn('beneficiaries', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('model_results_model_idx').on('model_results').columns(['model_id', 'on_date']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('model_results').execute();
}
