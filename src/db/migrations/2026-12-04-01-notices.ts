/*
 * Frozen in time: imports nothing from the app. In-app notices: what happened to something a
 * user sent or does (a model accepted or returned, a report returned or approved, an article
 * published, a payment confirmed…), one row per recipient, read or not.
 */
import { PostgresAdapter, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const isPg = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Db): Promise<void> {
  const t = db.schema.createTable('notices');
  await (isPg(db) ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity()) : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text')
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('from_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema.createIndex('notices_user_idx').on('notices').columns(['user_id', 'id']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('notices').execute();
}
