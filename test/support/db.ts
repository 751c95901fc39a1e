/**
 * A real, freshly migrated database per test file: SQLite in memory by default, or a
 * throwaway schema in PostgreSQL when KHEO_TEST_DATABASE_URL is set. No mocks.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { AppDb } from '../../src/db/index.js';
import type { Database } from '../../src/db/database.js';
import { openDatabase } from '../../src/db/dialect.js';
import { migrateToLatest } from '../../src/db/migrate.js';

export const PG_URL = process.env.KHEO_TEST_DATABASE_URL || undefined;
export const dialectUnderTest = PG_URL ? 'postgres' : 'sqlite';

export interface TestDb extends AppDb {
  destroy(): Promise<void>;
}

export async function createTestDb(opts: { sqliteFile?: string } = {}): Promise<TestDb> {
  if (PG_URL) {
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const h = openDatabase<Database>({ databaseUrl: PG_URL, pgSchema: schema, pgPoolSize: 5 });
    await migrateToLatest(h);
    return {
      ...h,
      async destroy() {
        await h.close();
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`drop schema ${schema} cascade`);
        await c.end();
      },
    };
  }
  const h = openDatabase<Database>({ sqliteFile: opts.sqliteFile ?? ':memory:' });
  await migrateToLatest(h);
  return { ...h, destroy: () => h.close() };
}
