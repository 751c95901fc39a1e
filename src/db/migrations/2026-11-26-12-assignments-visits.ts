/*
 * Frozen in time: imports nothing from the app. Supervision, second part: which leader (a person
 * with a title, e.g. Ủy viên Ban Thường vụ) supervises which unit (phân công phụ trách), and the
 * inspection visits (kiểm tra, giám sát) with findings, difficulties and proposals.
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
  await withId(db, db.schema.createTable('assignments'))
    .addColumn('campaign_id', 'integer', (c) => c.references('campaigns.id'))
    .addColumn('leader_name', 'text', (c) => c.notNull())
    .addColumn('leader_title', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('assignments_uq', ['leader_name', 'unit_id'])
    .execute();
  await withId(db, db.schema.createTable('visits'))
    .addColumn('leader_name', 'text', (c) => c.notNull())
    .addColumn('leader_title', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('visited_on', 'text', (c) => c.notNull())
    .addColumn('inspected', 'text', (c) => c.notNull())
    .addColumn('findings', 'text', (c) => c.notNull())
    .addColumn('difficulties', 'text')
    .addColumn('proposals', 'text')
    .addColumn('note', 'text')
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('visits_unit_idx').on('visits').columns(['unit_id', 'visited_on']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('visits').execute();
  await db.schema.dropTable('assignments').execute();
}
