/*
 * Frozen in time: imports nothing from the app. What the models achieved (issue #23): a model is
 * recognised at a level (commune/ward, district, province, national) by a decision, on a date.
 */
import { PostgresAdapter, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const isPg = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Db): Promise<void> {
  const t = db.schema.createTable('model_recognitions');
  await (isPg(db) ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity()) : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('model_id', 'integer', (c) => c.notNull().references('models.id'))
    // commune | district | province | national
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('model_recognitions_model_idx').on('model_recognitions').columns(['model_id', 'on_date']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('model_recognitions').execute();
}
