/**
 * Every foreign key to `units` is declared by the slice whose table holds it (issue #20 item 9):
 * the keys are read from the migrated schema itself — SQLite's `pragma foreign_key_list`,
 * PostgreSQL's catalog — so a new table with a unit column fails here until its slice declares it.
 * Deleting a unit still referred to by any of them is a 409 naming what refers to it; a
 * foreign-key violation that reaches the top anyway is a 409 too, never a 500, on both databases.
 */
import { Hono } from 'hono';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import '../../app.js';
import { errorHandler } from '../../app.errors.js';
import type { AppEnv } from '../../web/context.js';
import { Client, createTestApp, type TestApp } from '../../../test/support/http.js';
import { unitReferences } from './units.references.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

async function foreignKeysToUnits(): Promise<string[]> {
  if (t.db.dialect === 'sqlite') {
    const out: string[] = [];
    const tables = t.db.sqlite!.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
    for (const { name } of tables) for (const fk of t.db.sqlite!.prepare(`pragma foreign_key_list("${name}")`).all() as { table: string; from: string }[]) if (fk.table === 'units') out.push(`${name}.${fk.from}`);
    return out.sort();
  }
  const r = await sql<{ ref: string }>`
    select cl.relname || '.' || a.attname as ref
    from pg_constraint c
    join pg_class cl on cl.oid = c.conrelid
    join pg_namespace n on n.oid = cl.relnamespace
    join pg_class target on target.oid = c.confrelid
    join unnest(c.conkey) as k(attnum) on true
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
    where c.contype = 'f' and target.relname = 'units' and n.nspname = current_schema()`.execute(t.db.db);
  return r.rows.map((x) => x.ref).sort();
}

describe('references to a unit', () => {
  it('declares every foreign key to units that the migrated schema holds', async () => {
    const keys = await foreignKeysToUnits();
    expect(keys.length).toBeGreaterThanOrEqual(20);
    const declared = new Set(unitReferences().map((r) => `${r.table}.${r.column}`));
    expect(keys.filter((k) => !declared.has(k))).toEqual([]);
    // and nothing declared that the schema does not hold (a renamed column)
    expect([...declared].filter((d) => !keys.includes(d))).toEqual([]);
  });

  it('refuses to delete a unit a GPMB project uses with a 409 naming it, and deletes an unused one', async () => {
    const root = new Client(t);
    expect((await root.login('root')).status).toBe(200);
    expect((await root.request('/api/v1/units', { method: 'POST', json: { code: 'A-2', name: 'Tổ dân phố số 2', kind: 'residentialGroup', parent: 'A' } })).status).toBe(201);
    expect((await root.request('/api/v1/clearance-projects', { method: 'POST', json: { code: 'A2-DA', name: 'Mở rộng ngõ', unit: 'A-2', category: 'new' } })).status).toBe(201);
    const r = await root.request('/api/v1/units/A-2', { method: 'DELETE' });
    expect(r.status).toBe(409);
    expect(((await r.json()) as { error: { message: string } }).error.message).toContain('1 dự án GPMB');
    expect((await root.request('/api/v1/units', { method: 'POST', json: { code: 'A-3', name: 'Tổ dân phố số 3', kind: 'residentialGroup', parent: 'A' } })).status).toBe(201);
    expect((await root.request('/api/v1/units/A-3', { method: 'DELETE' })).status).toBe(204);
  });

  it('turns a foreign-key violation that reaches the top into a 409 in Vietnamese, on this database', async () => {
    const app = new Hono<AppEnv>();
    app.onError(errorHandler);
    // a delete the services would have refused, straight at the database
    app.delete('/api/thu', async (c) => {
      await t.db.db.deleteFrom('units').where('code', '=', 'A').execute();
      return c.body(null, 204);
    });
    app.post('/api/thu', async (c) => {
      await t.db.db.insertInto('unit_successors').values({ unit_id: 999_999, successor_id: 999_998 }).execute();
      return c.body(null, 204);
    });
    for (const method of ['DELETE', 'POST']) {
      const r = await app.request('http://localhost/api/thu', { method });
      expect(r.status, method).toBe(409);
      const { error } = (await r.json()) as { error: { code: string; message: string } };
      expect(error.code).toBe('conflict');
      expect(error.message).toMatch(/tham chiếu/);
      // PostgreSQL says which table: it is named in Vietnamese
      if (t.db.dialect === 'postgres') expect(error.message).toMatch(method === 'DELETE' ? /đang có (?!bảng ).+ tham chiếu/ : /đến đơn vị không còn tồn tại/);
    }
    expect(await t.db.db.selectFrom('units').select('code').where('code', '=', 'A').executeTakeFirst()).toBeTruthy();
  });
});
