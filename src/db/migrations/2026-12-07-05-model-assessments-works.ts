/*
 * Frozen in time: imports nothing from the app. What the models achieved (issue #23): a model's
 * dated assessments ("triển khai hiệu quả" or not: a recorded judgement, not a guess), and its
 * naming as a "công trình Dân vận khéo" by a signboard decision (one per model); and one
 * recognition per level of a model, as a unique index.
 */
import { PostgresAdapter, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const isPg = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Db): Promise<void> {
  const a = db.schema.createTable('model_assessments');
  await (isPg(db) ? a.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity()) : a.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('model_id', 'integer', (c) => c.notNull().references('models.id'))
    .addColumn('on_date', 'text', (c) => c.notNull())
    // 1: carried out effectively (triển khai hiệu quả); 0: not
    .addColumn('effective', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('model_assessments_model_idx').on('model_assessments').columns(['model_id', 'on_date']).execute();
  const w = db.schema.createTable('model_works');
  await (isPg(db) ? w.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity()) : w.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('model_id', 'integer', (c) => c.notNull().references('models.id').unique())
    .addColumn('name', 'text')
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  // one recognition per level of a model, also when two are recorded at the same moment
  await db.schema.createIndex('model_recognitions_level_uq').on('model_recognitions').columns(['model_id', 'level']).unique().execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('model_recognitions_level_uq').execute();
  await db.schema.dropTable('model_works').execute();
  await db.schema.dropTable('model_assessments').execute();
}
