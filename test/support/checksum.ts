/**
 * What a refused request must leave untouched: the row count of every table (one query, cheap
 * enough to take around each request) and a hash of every row of every table (taken around a
 * batch). Session and login bookkeeping is left out: signing in legitimately writes it.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../src/db/index.js';
import { dialectUnderTest } from './db.js';

/** Tables that change by being signed in or by failing to sign in, not by the request's content. */
const BOOKKEEPING = new Set(['sessions', 'login_attempts', 'api_tokens', 'kysely_migration', 'kysely_migration_lock']);

export async function tableNames(db: Db): Promise<string[]> {
  const rows =
    dialectUnderTest === 'postgres'
      ? await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(db)
      : await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and sql not like '%VIRTUAL TABLE%'`.execute(db);
  // FTS5 shadow tables (search_fts_data …) follow their virtual table
  return rows.rows.map((r) => r.name).filter((n) => !BOOKKEEPING.has(n) && !/_fts_(data|idx|content|docsize|config)$/.test(n)).sort();
}

/** `{ table: rows }` for every table, in one statement. */
export async function rowCounts(db: Db, tables: string[]): Promise<Record<string, number>> {
  const parts = tables.map((t) => `(select count(*) from ${quote(t)}) as ${quote(t)}`).join(', ');
  const r = await sql<Record<string, number | string>>`${sql.raw(`select ${parts}`)}`.execute(db);
  return Object.fromEntries(Object.entries(r.rows[0] ?? {}).map(([k, v]) => [k, Number(v)]));
}

/** A SHA-256 of every row of every table, ordered so that it does not depend on the plan. */
export async function contentHash(db: Db, tables: string[]): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const t of tables) {
    const r = await sql<Record<string, unknown>>`${sql.raw(`select * from ${quote(t)}`)}`.execute(db);
    const lines = r.rows.map((row) => JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v instanceof Uint8Array ? Buffer.from(v).toString('base64') : v))).sort();
    out[t] = createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
  }
  return out;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;
