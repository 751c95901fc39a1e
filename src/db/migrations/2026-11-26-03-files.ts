/* Frozen in time: imports nothing from the app. Uploaded files (kept in the database so that any
   number of app instances serve them) and their attachment to model progress updates. */
import { PostgresAdapter, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const isPg = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Db): Promise<void> {
  const t = db.schema.createTable('files');
  await (isPg(db)
    ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
  )
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('data', isPg(db) ? 'bytea' : 'blob', (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('model_update_files')
    .addColumn('update_id', 'integer', (c) => c.notNull().references('model_updates.id').onDelete('cascade'))
    .addColumn('file_id', 'integer', (c) => c.notNull().references('files.id'))
    .addPrimaryKeyConstraint('model_update_files_pk', ['update_id', 'file_id'])
    .execute();
  await db.schema.createIndex('model_update_files_file_idx').on('model_update_files').column('file_id').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('model_update_files').execute();
  await db.schema.dropTable('files').execute();
}
