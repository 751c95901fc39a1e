/*
 * Frozen in time: imports nothing from the app. A version for each land-clearance project, moved
 * on by the database itself whenever the project or anything counted in its dashboard line
 * changes (its steps, households, payments, dialogues, complaints, kept figures): the dashboards
 * keep each project's computed line in memory and recompute only the projects whose version
 * moved (issue #11: a city's 10 000 projects were recomputed on every view).
 *
 * Triggers rather than the services: a write path that forgot to move the version would show
 * stale figures, and the bulk loaders (bundle import, Excel imports, the demo, the scale data
 * generator) write these tables too. SQLite: row triggers. PostgreSQL: statement triggers with
 * transition tables (one UPDATE per statement, not per row, for bulk inserts), and a row trigger
 * on the project itself.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const isPg = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

/** Tables whose rows belong to a project (`project_id`) and feed its dashboard line. */
const CHILDREN = ['clearance_steps', 'clearance_households', 'clearance_payments', 'clearance_dialogues', 'clearance_complaints', 'clearance_project_figures'];

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('clearance_projects').addColumn('version', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  if (isPg(db)) {
    await sql`create function kheo_clearance_project_version() returns trigger language plpgsql as $$
      begin
        if new.version = old.version then new.version := old.version + 1; end if;
        return new;
      end $$`.execute(db);
    await sql`create trigger clearance_projects_version before update on clearance_projects for each row execute function kheo_clearance_project_version()`.execute(db);
    await sql`create function kheo_clearance_child_version() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          update clearance_projects set version = version + 1 where id in (select distinct project_id from new_rows);
        elsif tg_op = 'DELETE' then
          update clearance_projects set version = version + 1 where id in (select distinct project_id from old_rows);
        else
          update clearance_projects set version = version + 1 where id in (select project_id from new_rows union select project_id from old_rows);
        end if;
        return null;
      end $$`.execute(db);
    for (const t of CHILDREN) {
      await sql`create trigger ${sql.raw(`${t}_version_ins`)} after insert on ${sql.table(t)} referencing new table as new_rows for each statement execute function kheo_clearance_child_version()`.execute(db);
      await sql`create trigger ${sql.raw(`${t}_version_upd`)} after update on ${sql.table(t)} referencing old table as old_rows new table as new_rows for each statement execute function kheo_clearance_child_version()`.execute(db);
      await sql`create trigger ${sql.raw(`${t}_version_del`)} after delete on ${sql.table(t)} referencing old table as old_rows for each statement execute function kheo_clearance_child_version()`.execute(db);
    }
  } else {
    // recursive triggers are off (SQLite's default): the UPDATE below does not fire this trigger again
    await sql`create trigger clearance_projects_version after update on clearance_projects when new.version = old.version begin update clearance_projects set version = old.version + 1 where id = new.id; end`.execute(db);
    for (const t of CHILDREN) {
      await sql`create trigger ${sql.raw(`${t}_version_ins`)} after insert on ${sql.table(t)} begin update clearance_projects set version = version + 1 where id = new.project_id; end`.execute(db);
      await sql`create trigger ${sql.raw(`${t}_version_upd`)} after update on ${sql.table(t)} begin update clearance_projects set version = version + 1 where id in (old.project_id, new.project_id); end`.execute(db);
      await sql`create trigger ${sql.raw(`${t}_version_del`)} after delete on ${sql.table(t)} begin update clearance_projects set version = version + 1 where id = old.project_id; end`.execute(db);
    }
  }
}

export async function down(db: Db): Promise<void> {
  for (const t of CHILDREN) for (const op of ['ins', 'upd', 'del']) await sql`drop trigger if exists ${sql.raw(`${t}_version_${op}`)}${sql.raw(isPg(db) ? ` on ${t}` : '')}`.execute(db);
  await sql`drop trigger if exists clearance_projects_version${sql.raw(isPg(db) ? ' on clearance_projects' : '')}`.execute(db);
  if (isPg(db)) {
    await sql`drop function if exists kheo_clearance_child_version()`.execute(db);
    await sql`drop function if exists kheo_clearance_project_version()`.execute(db);
  }
  await db.schema.alterTable('clearance_projects').dropColumn('version').execute();
}
