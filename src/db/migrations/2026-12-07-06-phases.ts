/*
 * Frozen in time: imports nothing from the app. Phases (giai đoạn, issue #23): a unit's campaigns
 * from one year to another ("giai đoạn 2021–2025"), which an appraisal round and a reward decision
 * may span, choosing among the models of those years.
 */
import { PostgresAdapter, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const isPg = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Db): Promise<void> {
  const p = db.schema.createTable('phases');
  await (isPg(db) ? p.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity()) : p.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('from_year', 'integer', (c) => c.notNull())
    .addColumn('to_year', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.alterTable('appraisal_rounds').addColumn('phase_id', 'integer', (c) => c.references('phases.id')).execute();
  await db.schema.alterTable('reward_decisions').addColumn('phase_id', 'integer', (c) => c.references('phases.id')).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('reward_decisions').dropColumn('phase_id').execute();
  await db.schema.alterTable('appraisal_rounds').dropColumn('phase_id').execute();
  await db.schema.dropTable('phases').execute();
}
