/*
 * Frozen in time: imports nothing from the app. PostgreSQL only: a project's version moves once
 * per transaction. Every UPDATE of a row makes a new version of it, and within one transaction
 * each later UPDATE of the same row follows the chain of earlier ones: a 10 000-household import
 * moved its project's version some 50 000 times, each slower than the last. A transaction that
 * already moved it (the row's xmin is this transaction) leaves it: readers see the change at
 * commit either way. SQLite keeps no such chains; its triggers are unchanged.
 */
import { PostgresAdapter, sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const isPg = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

const body = (guard: boolean) => sql.raw(`
      begin
        if tg_op = 'INSERT' then
          update clearance_projects set version = version + 1 where id in (select distinct project_id from new_rows)${guard ? ' and xmin <> pg_current_xact_id()::xid' : ''};
        elsif tg_op = 'DELETE' then
          update clearance_projects set version = version + 1 where id in (select distinct project_id from old_rows)${guard ? ' and xmin <> pg_current_xact_id()::xid' : ''};
        else
          update clearance_projects set version = version + 1 where id in (select project_id from new_rows union select project_id from old_rows)${guard ? ' and xmin <> pg_current_xact_id()::xid' : ''};
        end if;
        return null;
      end`);

export async function up(db: Db): Promise<void> {
  if (!isPg(db)) return;
  await sql`create or replace function kheo_clearance_child_version() returns trigger language plpgsql as $$${body(true)} $$`.execute(db);
}

export async function down(db: Db): Promise<void> {
  if (!isPg(db)) return;
  await sql`create or replace function kheo_clearance_child_version() returns trigger language plpgsql as $$${body(false)} $$`.execute(db);
}
