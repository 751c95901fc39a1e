/**
 * Statements are prepared once and kept: on SQLite by their SQL (every statement), on PostgreSQL
 * as named statements inside transactions only (reads outside keep plans made for their values).
 */
import { sql } from 'kysely';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, dialectUnderTest, type TestDb } from '../../test/support/db.js';
import { withStatementCache } from './dialect.js';

let t: TestDb;
beforeAll(async () => {
  t = await createTestDb();
});
afterAll(() => t.destroy());

describe('prepared statements', () => {
  it('SQLite: the same SQL gets the same statement back, until it falls out of the last `max`', () => {
    const cache = withStatementCache(new SQLite(':memory:'), 2);
    const a = cache.prepare('select 1');
    expect(cache.prepare('select 1')).toBe(a);
    cache.prepare('select 2');
    cache.prepare('select 3'); // 'select 1' was the least recently used of three
    expect(cache.prepare('select 1')).not.toBe(a);
    cache.close();
  });

  it(`${dialectUnderTest}: a statement is prepared once (PostgreSQL: inside transactions only, and not while migrating)`, async () => {
    const lookup = (db: typeof t.db) => db.selectFrom('units').select('code').where('code', '=', 'KHONG-CO').execute();
    if (dialectUnderTest === 'sqlite') {
      // every statement is kept by its SQL, in a transaction or not: prepared once, run four times
      const sqlite = t.sqlite!;
      const prepare = sqlite.prepare.bind(sqlite);
      const seen: string[] = [];
      sqlite.prepare = ((text: string) => (seen.push(text), prepare(text)));
      try {
        await lookup(t.db);
        await t.db.transaction().execute(async (trx) => {
          for (let i = 0; i < 3; i++) await lookup(trx);
        });
      } finally {
        sqlite.prepare = prepare;
      }
      expect(seen.filter((s) => s.startsWith('select "code" from "units"'))).toHaveLength(1);
      return;
    }
    const prepared = (db: typeof t.db) => sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db).then((r) => r.rows.map((x) => x.statement));
    // one connection: outside a transaction the lookup is not kept on it…
    await t.db.connection().execute(async (conn) => {
      await lookup(conn);
      expect((await prepared(conn)).filter((s) => s.includes('KHONG-CO') || s.includes('"units"'))).toEqual([]);
    });
    // …inside one it is, once, however often it runs
    await t.db.transaction().execute(async (trx) => {
      for (let i = 0; i < 3; i++) await lookup(trx);
      const kept = (await prepared(trx)).filter((s) => s.startsWith('select "code" from "units"'));
      expect(kept).toHaveLength(1);
    });
    expect(t.pgPrepared?.enabled).toBe(true);
    // another process adds a column to a table read with `*` (a rolling deploy): the kept statement
    // is refused once (0A000), then the connection prepares anew
    await t.db.connection().execute(async (conn) => {
      await sql`create table kept_plan_test (id integer primary key, a text)`.execute(conn);
      await sql`insert into kept_plan_test values (1, 'x')`.execute(conn);
      const read = async () => {
        await sql`begin`.execute(conn);
        try {
          return (await sql<Record<string, unknown>>`select * from kept_plan_test where id = ${1}`.execute(conn)).rows;
        } finally {
          await sql`rollback`.execute(conn);
        }
      };
      expect(await read()).toEqual([{ id: 1, a: 'x' }]);
      await sql`alter table kept_plan_test add column b text`.execute(conn);
      await expect(read()).rejects.toMatchObject({ code: '0A000' });
      expect(await read()).toEqual([{ id: 1, a: 'x', b: null }]);
    });
  });
});
