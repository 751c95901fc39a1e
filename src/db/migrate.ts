import { Migrator, type MigrationResultSet } from 'kysely';
import type { AppDb } from './index.js';
import { forMigrator, withSqliteWriteLock } from './dialect.js';
import { migrations } from './migrations/index.js';

const provider = { getMigrations: async () => migrations };

const asError = (e: unknown): Error => (e instanceof Error ? e : new Error(`migration failed: ${JSON.stringify(e)}`));

/**
 * Brings the schema to the latest migration. Safe when several processes start together:
 * PostgreSQL takes Kysely's advisory lock; SQLite holds the database write lock for the run.
 */
export async function migrateToLatest(h: AppDb): Promise<string[]> {
  let result: MigrationResultSet;
  if (h.dialect === 'sqlite') {
    result = await withSqliteWriteLock(h.db, async (conn) => {
      const r = await new Migrator({ db: conn, provider, disableTransactions: true }).migrateToLatest();
      if (r.error) throw asError(r.error);
      return r;
    });
  } else {
    if (h.pgPrepared) h.pgPrepared.enabled = false;
    // a migration may rewrite a large table: no bound on its statements (boundQueries)
    const bound = h.pgQueryTimeout?.ms ?? 0;
    if (h.pgQueryTimeout) h.pgQueryTimeout.ms = 0;
    try {
      // Kysely looks for its own tables in every schema unless told which one is ours.
      result = await new Migrator({ db: forMigrator(h.db), provider, ...(h.pgSchema ? { migrationTableSchema: h.pgSchema } : {}) }).migrateToLatest();
    } finally {
      if (h.pgPrepared) h.pgPrepared.enabled = true;
      if (h.pgQueryTimeout) h.pgQueryTimeout.ms = bound;
    }
  }
  if (result.error) throw asError(result.error);
  return (result.results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
