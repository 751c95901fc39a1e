/*
 * Frozen in time: imports nothing from the app. Supervision, third part: issues raised from below
 * (vấn đề phát sinh, khó khăn vướng mắc) routed to the unit that decides, with their resolution;
 * attachments to inspection visits; prestigious persons (người có uy tín) as members of a team,
 * with the households and projects they helped mobilise.
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
  await withId(db, db.schema.createTable('raised_issues'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('decider_unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('visit_id', 'integer', (c) => c.references('visits.id'))
    .addColumn('project_id', 'integer', (c) => c.references('clearance_projects.id'))
    .addColumn('model_id', 'integer', (c) => c.references('models.id'))
    .addColumn('raised_on', 'text', (c) => c.notNull())
    .addColumn('raised_by_name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('routing_note', 'text')
    .addColumn('resolution', 'text')
    .addColumn('resolved_on', 'text')
    .addColumn('resolved_by_name', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('raised_issues_uq', ['unit_id', 'raised_on', 'title'])
    .execute();
  await db.schema.createIndex('raised_issues_decider_idx').on('raised_issues').columns(['decider_unit_id', 'status']).execute();
  await db.schema.createIndex('raised_issues_unit_idx').on('raised_issues').columns(['unit_id', 'raised_on']).execute();

  await db.schema
    .createTable('visit_files')
    .addColumn('visit_id', 'integer', (c) => c.notNull().references('visits.id'))
    .addColumn('file_id', 'integer', (c) => c.notNull().references('files.id'))
    .addPrimaryKeyConstraint('visit_files_pk', ['visit_id', 'file_id'])
    .execute();

  await withId(db, db.schema.createTable('prestigious_persons'))
    .addColumn('team_id', 'integer', (c) => c.notNull().references('teams.id'))
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text')
    .addColumn('trusted_for', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('prestigious_persons_uq', ['team_id', 'full_name'])
    .execute();
  await withId(db, db.schema.createTable('person_mobilisations'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('prestigious_persons.id'))
    .addColumn('project_id', 'integer', (c) => c.notNull().references('clearance_projects.id'))
    .addColumn('household_id', 'integer', (c) => c.references('clearance_households.id'))
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull())
    .addColumn('created_by_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('person_mobilisations_person_idx').on('person_mobilisations').columns(['person_id', 'on_date']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('person_mobilisations').execute();
  await db.schema.dropTable('prestigious_persons').execute();
  await db.schema.dropTable('visit_files').execute();
  await db.schema.dropTable('raised_issues').execute();
}
