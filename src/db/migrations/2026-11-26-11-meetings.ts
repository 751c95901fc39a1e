/*
 * Frozen in time: imports nothing from the app. Supervision, first part: meetings (hội nghị giao
 * ban and others) with their conclusions (kết luận), each a task with an owner unit, a due date
 * and a status, closed with evidence.
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
  await withId(db, db.schema.createTable('meetings'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('campaign_id', 'integer', (c) => c.references('campaigns.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('held_on', 'text', (c) => c.notNull())
    .addColumn('chair', 'text', (c) => c.notNull())
    .addColumn('attendees_count', 'integer', (c) => c.notNull())
    .addColumn('attendees', 'text')
    .addColumn('agenda', 'text')
    .addColumn('minutes', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('meetings_unit_idx').on('meetings').columns(['unit_id', 'held_on']).execute();

  await withId(db, db.schema.createTable('conclusions'))
    .addColumn('meeting_id', 'integer', (c) => c.notNull().references('meetings.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('owner_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('due_on', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('done_on', 'text')
    .addColumn('evidence', 'text')
    .addColumn('done_by_name', 'text')
    .execute();
  await db.schema.createIndex('conclusions_owner_idx').on('conclusions').columns(['owner_unit_id', 'status', 'due_on']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('conclusions').execute();
  await db.schema.dropTable('meetings').execute();
}
