/**
 * A benchmark's databases: a fresh migrated SQLite file, then — with `pg` and DATABASE_URL — a
 * throwaway PostgreSQL schema, each handed to `run` with its label and removed after.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Database } from '../src/db/database.js';
import { openDatabase, type DbHandle } from '../src/db/dialect.js';
import { migrateToLatest } from '../src/db/migrate.js';

export async function onFreshDatabases(name: string, pgToo: boolean | undefined, run: (h: DbHandle<Database>, label: 'SQLite' | 'PostgreSQL') => Promise<void>): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), `kheo-bench-${name}-`));
  try {
    const h = openDatabase<Database>({ sqliteFile: path.join(dir, 'kheo.sqlite') });
    try {
      await migrateToLatest(h);
      await run(h, 'SQLite');
    } finally {
      await h.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (!pgToo) return;
  const url = process.env.DATABASE_URL;
  if (!url) return void console.log(`${name} (PostgreSQL): bỏ qua — chưa đặt DATABASE_URL`);
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  try {
    const h = openDatabase<Database>({ databaseUrl: url, pgSchema: schema });
    try {
      await migrateToLatest(h);
      await run(h, 'PostgreSQL');
    } finally {
      await h.close();
    }
  } finally {
    await admin.query(`drop schema ${schema} cascade`);
    await admin.end();
  }
}
