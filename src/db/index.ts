import path from 'node:path';
import type { Config } from '../config.js';
import type { Database } from './database.js';
import { openDatabase, type DbHandle } from './dialect.js';

export type { Database, Db, Tx } from './database.js';
export type AppDb = DbHandle<Database>;

/** Opens the configured database: PostgreSQL when DATABASE_URL is set, else SQLite in the data dir. */
export function createDb(config: Pick<Config, 'databaseUrl' | 'dataDir'> & Partial<Pick<Config, 'sqliteSynchronous' | 'dbConnectTimeoutMs' | 'dbStatementTimeoutMs' | 'dbQueryTimeoutMs'>>): AppDb {
  return openDatabase<Database>({
    databaseUrl: config.databaseUrl,
    ...(config.dbConnectTimeoutMs !== undefined ? { pgConnectTimeoutMs: config.dbConnectTimeoutMs } : {}),
    ...(config.dbStatementTimeoutMs ? { pgStatementTimeoutMs: config.dbStatementTimeoutMs } : {}),
    ...(config.dbQueryTimeoutMs ? { pgQueryTimeoutMs: config.dbQueryTimeoutMs } : {}),
    sqliteSynchronous: config.sqliteSynchronous ?? 'full',
    sqliteFile: path.join(config.dataDir, 'kheo.sqlite'),
  });
}
