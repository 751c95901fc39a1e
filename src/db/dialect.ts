/**
 * The one place that knows SQLite from PostgreSQL: connection, pragmas, migration lock,
 * and the few SQL fragments that differ between the two.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  sql,
  type DatabaseIntrospector,
  type QueryExecutorProvider,
  type RawBuilder,
} from 'kysely';
import pg from 'pg';

type DialectName = 'sqlite' | 'postgres';

// COUNT(*) and BIGINT columns come back from pg as strings; our integers fit in a JS number
// (money in đồng stays below 2^53). NUMERIC (exact decimals) stays a string on purpose.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export interface DbHandle<DB> {
  db: Kysely<DB>;
  dialect: DialectName;
  /** The embedded SQLite database, for the online backup API; undefined on PostgreSQL. */
  sqlite?: SQLite.Database;
  /** Where the SQLite file lives ('' for in-memory). */
  sqliteFile?: string;
  /** The PostgreSQL schema when not the default one (tests give each file its own). */
  pgSchema?: string;
  /** PostgreSQL: whether statements in transactions are prepared (see `prepareInTransactions`); off while migrating */
  pgPrepared?: { enabled: boolean };
  /** PostgreSQL: the bound on one statement's answer (see `boundQueries`); 0 while migrating */
  pgQueryTimeout?: { ms: number };
  /** PostgreSQL: the pool's figures (connections open, idle, requests waiting for one), for /readyz */
  pgPool?: () => { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

interface DbOptions {
  databaseUrl?: string | undefined;
  /** SQLite file path, or ':memory:' */
  sqliteFile?: string;
  /** PostgreSQL schema to use (tests give each file its own). */
  pgSchema?: string;
  pgPoolSize?: number;
  /**
   * PostgreSQL (issue #20, the database going away): how long a query waits for a connection —
   * a new connection's handshake, or a free one when all `pgPoolSize` are busy — before it fails
   * (and the request is answered 503). Default 5 000 ms; 0 waits for ever (pg's default).
   */
  pgConnectTimeoutMs?: number;
  /** PostgreSQL: the server's `statement_timeout` for this pool's connections, ms; 0 (default) for none. */
  pgStatementTimeoutMs?: number;
  /**
   * PostgreSQL: a statement with no answer after this long closes its connection (see
   * `boundQueries`), ms; 0 (default) for no bound.
   */
  pgQueryTimeoutMs?: number;
  /**
   * SQLite's `synchronous` (issue #20): `full` by default — WAL is synced at every commit, so a
   * committed write survives a power cut, as PostgreSQL promises; `normal` syncs at checkpoints
   * only (faster; the last commits may be lost on power loss, never the file's consistency).
   */
  sqliteSynchronous?: 'full' | 'normal';
}

/**
 * Kysely asks better-sqlite3 to prepare every query it runs, and preparing costs about as much as
 * running a simple query against our schema (a fifth of a 10 000-row import's time). The last
 * `max` statements are kept by their SQL and reused: SQLite re-prepares a kept statement by itself
 * after a schema change, and one connection runs one statement at a time (Kysely streams nothing
 * here), so a statement is never reused while busy.
 */
export function withStatementCache(sqlite: SQLite.Database, max = 1000): { close(): void; prepare(sql: string): SQLite.Statement } {
  const kept = new Map<string, SQLite.Statement>();
  // SQLite rolls a transaction back by itself after some errors (SQLITE_FULL, SQLITE_IOERR, …):
  // Kysely's ROLLBACK would then fail with "no transaction is active" and hide the real error
  // (a full disk would become a 500). A ROLLBACK with no transaction open does nothing instead.
  const noRollback = { reader: false, run: () => ({ changes: 0, lastInsertRowid: 0 }) } as unknown as SQLite.Statement;
  return {
    close: () => {
      kept.clear();
      sqlite.close();
    },
    prepare(sql: string) {
      if (sql === 'rollback' && !sqlite.inTransaction) return noRollback;
      let st = kept.get(sql);
      if (st) {
        // most recently used last: the first key is the one to drop
        kept.delete(sql);
      } else {
        st = sqlite.prepare(sql);
        if (kept.size >= max) kept.delete(kept.keys().next().value!);
      }
      kept.set(sql, st);
      return st;
    },
  };
}

/**
 * PostgreSQL plans every statement Kysely sends anew (unnamed statements); planning a five-table
 * lookup costs about 0,5 ms here, eight times running it, and a 10 000-row import runs some
 * 16 statements a row. Inside a transaction (where the writes and their per-row lookups are),
 * a statement with parameters is sent as a named prepared statement, parsed once per connection
 * (up to `max` distinct texts), and PostgreSQL keeps its plan — custom or generic, its own
 * choice. Reads outside transactions stay unnamed: the portal search and the dashboards rely on
 * plans made for their actual values. The wrapped client is the pool's, so a statement is
 * prepared on the connection that runs it. Off while migrating (`state.enabled`): a kept plan of
 * `select *` fails once a later migration in the same run alters the table.
 */
function prepareInTransactions(client: pg.PoolClient, state: { enabled: boolean }, max = 500): void {
  const names = new Map<string, string>();
  // A migration run by another process (a rolling deploy) can add a column to a table read with
  // `*`: PostgreSQL then refuses the kept statement ("cached plan must not change result type",
  // 0A000). That transaction fails; the connection forgets its names, and later ones prepare anew.
  let generation = 0;
  let inTransaction = false;
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (text: unknown, values?: unknown, callback?: unknown) => {
    if (typeof text === 'string') {
      const head = text.trimStart().slice(0, 20).toLowerCase();
      if (head.startsWith('begin') || head.startsWith('start transaction')) inTransaction = true;
      else if (head.startsWith('commit') || head.startsWith('rollback')) inTransaction = false;
      else if (inTransaction && state.enabled && Array.isArray(values) && values.length > 0 && /^(select|insert|update|delete|with)\b/.test(head)) {
        let name = names.get(text);
        if (!name && names.size < max) names.set(text, (name = `kheo_${generation}_${names.size}`));
        if (name) {
          const r = query({ name, text, values }, callback);
          if (r instanceof Promise)
            r.catch((e: unknown) => {
              if ((e as { code?: unknown } | null)?.code === '0A000') {
                names.clear();
                generation++;
              }
            });
          return r;
        }
      }
    }
    return query(text, values, callback);
  };
}

/**
 * PostgreSQL (issue #20): a statement that gets no answer within `state.ms` — the server froze, or
 * the network between us was cut without a reset, where TCP waits many minutes — closes its
 * connection. The statement fails at once ("Connection terminated: …", a 503), so does any
 * other queued on that client (a transaction's ROLLBACK), and the pool drops the client when it
 * is released. pg's own `query_timeout` is no use here: it fails the statement but leaves the
 * connection waiting for it, and the ROLLBACK that follows would wait behind it, unbounded.
 * A statement the server was still running is ended by PostgreSQL when it sees the connection
 * gone; one that committed meanwhile was committed but not acknowledged (never the reverse).
 */
export function boundQueries(client: pg.PoolClient, state: { ms: number }): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const r = query(...args);
    const ms = state.ms;
    if (!ms || !(r instanceof Promise)) return r;
    const timer = setTimeout(() => {
      const stream = (client as unknown as { connection?: { stream?: { destroy(err?: Error): void } } }).connection?.stream;
      stream?.destroy(new Error(`Connection terminated: no answer from the database within ${ms} ms`));
    }, ms);
    const clear = () => clearTimeout(timer);
    r.then(clear, clear);
    return r;
  };
}

/**
 * PostgreSQL: the database handle as Kysely's migrator should see it. The migrator asks whether
 * its two tables exist by introspecting every column of every schema, through a catalog function
 * that fails ("column … of relation … does not exist") when another schema's table changes at
 * that moment — the test suite migrates and drops one schema per file, in parallel. This one
 * answers from the catalog's tables alone, and only the names the migrator reads.
 */
export function forMigrator<DB>(db: Kysely<DB>): Kysely<DB> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return db;
  const introspection: DatabaseIntrospector = {
    getSchemas: async () => (await sql<{ name: string }>`select nspname as name from pg_catalog.pg_namespace`.execute(db)).rows,
    getTables: async () =>
      (
        await sql<{ schema: string; name: string }>`select n.nspname as schema, c.relname as name from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace where c.relkind in ('r', 'p') and c.relname like 'kysely\_migration%'`.execute(db)
      ).rows.map((t) => ({ ...t, isView: false, columns: [] })),
    getMetadata: async () => ({ tables: await introspection.getTables() }),
  };
  // Kysely's methods use private fields: everything but `introspection` is the handle's own, bound to it
  return new Proxy(db, {
    get: (target, key) => {
      if (key === 'introspection') return introspection;
      const v = Reflect.get(target, key, target) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** Opens SQLite (default) or PostgreSQL (`databaseUrl`) with the pragmas we rely on. */
export function openDatabase<DB>(opts: DbOptions): DbHandle<DB> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({
      connectionString: opts.databaseUrl,
      max: opts.pgPoolSize ?? 10,
      // a server that is down refuses at once; one that does not answer (a cut network, a full
      // backlog) or a pool whose connections are all busy fails the query after this long
      connectionTimeoutMillis: opts.pgConnectTimeoutMs ?? 5000,
      // a connection whose server vanished without closing it is noticed by TCP keep-alive
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
      ...(opts.pgStatementTimeoutMs ? { statement_timeout: opts.pgStatementTimeoutMs } : {}),
      ...(opts.pgSchema ? { options: `-c search_path=${opts.pgSchema},public` } : {}),
    });
    // A connection that breaks (the server stopped, restarted or was killed) makes its client emit
    // 'error'; an 'error' nobody listens to is thrown and stops the process (issue #20: it did, at
    // the first PostgreSQL restart under load). An idle client's error reaches the pool, which has
    // already dropped it: the next query opens a new connection. A client checked out (between
    // two statements of a transaction, or with none running) has no pool listener: its own below
    // keeps the process up; the next statement on it fails (a 503), and the pool drops it when it
    // is released, since it is no longer queryable.
    pool.on('error', () => {
      /* an idle client lost its connection; the pool replaces it */
    });
    const pgPrepared = { enabled: true };
    const pgQueryTimeout = { ms: opts.pgQueryTimeoutMs ?? 0 };
    pool.on('connect', (client) => {
      client.on('error', () => {
        /* a checked-out client lost its connection: its user is told by the failing statement */
      });
      // inside prepareInTransactions' wrapper, so that a prepared statement is bounded too
      boundQueries(client, pgQueryTimeout);
      prepareInTransactions(client, pgPrepared);
    });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    const pgPool = () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount });
    return { db, dialect: 'postgres', ...(opts.pgSchema ? { pgSchema: opts.pgSchema } : {}), pgPrepared, pgQueryTimeout, pgPool, close: () => db.destroy() };
  }
  const file = opts.sqliteFile ?? ':memory:';
  if (file !== ':memory:') mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma(`synchronous = ${opts.sqliteSynchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 10000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return {
    db,
    dialect: 'sqlite',
    sqlite,
    sqliteFile: file === ':memory:' ? '' : file,
    close: () => db.destroy(),
  };
}

/**
 * Runs `fn` on one connection holding SQLite's database-wide write lock (`BEGIN IMMEDIATE`),
 * committing on success. Kysely's SQLite adapter takes no migration lock (one connection per
 * process), so two processes starting at once would both migrate without this.
 */
export async function withSqliteWriteLock<DB, T>(db: Kysely<DB>, fn: (conn: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`begin immediate`.execute(conn);
    try {
      const out = await fn(conn);
      await sql`commit`.execute(conn);
      return out;
    } catch (e) {
      await sql`rollback`.execute(conn);
      throw e;
    }
  });
}

/** Escapes `%`, `_` and `\` for a LIKE pattern used with `escape '\'`. */
const likeEscape = (s: string): string => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `expr LIKE pattern ESCAPE '\'` — same spelling on both, case handled by folded columns. */
export function likeContains(column: string, needle: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${'%' + likeEscape(needle) + '%'} escape '\\'`;
}

/** `expr LIKE prefix% ESCAPE '\'` — a subtree test on a materialised path. */
export function likePrefix(column: string, prefix: string): RawBuilder<boolean> {
  return sql<boolean>`${sql.ref(column)} like ${likeEscape(prefix) + '%'} escape '\\'`;
}

/**
 * The sum of a column that never overflows: SQLite's sum() of integers throws past 2^63, its
 * total() is a float (exact to 2^53); PostgreSQL's sum() of bigint is numeric. 0 over no rows on
 * SQLite: count the column to tell "nothing recorded" apart.
 */
export function sumNoOverflow(db: { getExecutor(): { adapter: unknown } }, column: string): RawBuilder<number | string | null> {
  return db.getExecutor().adapter instanceof PostgresAdapter ? sql<number | string | null>`sum(${sql.ref(column)})` : sql<number | string | null>`total(${sql.ref(column)})`;
}

/** ORDER BY a column by plain byte order (for viSortKey columns): PostgreSQL needs COLLATE "C". */
export function byteOrder(db: { getExecutor(): { adapter: unknown } }, column: string): RawBuilder<string> {
  return db.getExecutor().adapter instanceof PostgresAdapter ? sql<string>`${sql.ref(column)} collate "C"` : sql<string>`${sql.ref(column)}`;
}

/**
 * Serialises changes to the unit tree within the current transaction: two moves at once could
 * otherwise both pass the cycle check or rewrite stale paths. PostgreSQL: a transaction-scoped
 * advisory lock; SQLite: nothing to do, writes are already serialised.
 */
export async function lockUnitTree(trx: { getExecutor(): { adapter: unknown } }): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`select pg_advisory_xact_lock(727001)`.execute(trx as Kysely<unknown>);
  }
}

/**
 * Holds a database-wide lock for the rest of the transaction, for start-up work that several
 * instances starting together must do once (loading the demo into an empty database): the
 * second waits, then finds the work done. PostgreSQL: a transaction-scoped advisory lock;
 * SQLite: a write that changes nothing takes the write lock as the transaction's first
 * statement (the busy timeout then waits for another process's start-up transaction).
 */
export async function lockStartup(trx: { getExecutor(): { adapter: unknown } }): Promise<void> {
  if (trx.getExecutor().adapter instanceof PostgresAdapter) await sql`select pg_advisory_xact_lock(727002)`.execute(trx as Kysely<unknown>);
  else await sql`delete from kysely_migration where 0 = 1`.execute(trx as Kysely<unknown>);
}

/** A round trip to the database, for /healthz and /readyz. */
async function ping<DB>(h: DbHandle<DB>): Promise<void> {
  await sql`select 1`.execute(h.db);
}

type DatabaseState = 'ok' | 'unreachable' | 'timeout';

/**
 * `ping`, answered within `timeoutMs` whatever the database does: 'ok', 'unreachable' (the
 * round trip failed: refused, cut, starting up, shutting down) or 'timeout' (no answer in time —
 * the round trip goes on in the background and its outcome is dropped).
 */
export async function probe<DB>(h: DbHandle<DB>, timeoutMs: number): Promise<{ state: DatabaseState; ms: number; error?: string }> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
  try {
    const r = await Promise.race([ping(h).then(() => 'ok' as const), late]);
    return { state: r, ms: Math.round(performance.now() - t0) };
  } catch (err) {
    const e = err as { code?: unknown; message?: unknown };
    return { state: 'unreachable', ms: Math.round(performance.now() - t0), error: String(e.code ?? e.message ?? err) };
  } finally {
    clearTimeout(timer);
  }
}

/** Node's socket errors: the database server cannot be reached (or went away mid-query). */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENETDOWN', 'ENOTFOUND', 'EAI_AGAIN', 'ECONNABORTED']);
/** What pg and pg-pool say when a connection breaks, cannot be made in time, or is used once broken. */
const PG_LOST = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Client was closed and is not queryable|Cannot use a pool after calling end on the pool|Query read timeout)/;

/**
 * The database cannot serve now, through nobody's fault in the request (issue #20): PostgreSQL
 * refused or dropped the connection, is starting up or shutting down (class 08, 57P01–57P03),
 * has no connection slot left (53300), or cancelled a statement that ran past `statement_timeout`
 * (57014); no connection came within the pool's connect timeout; SQLite could not open or read
 * its file (SQLITE_CANTOPEN, SQLITE_IOERR_*), or stayed locked past its busy timeout
 * (SQLITE_BUSY). The request may be tried again later: 503.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  const code = typeof e.code === 'string' ? e.code : '';
  if (SOCKET_CODES.has(code)) return true;
  if (/^08[0-9A-Z]{3}$/.test(code) || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300' || code === '57014') return true;
  if (code === 'SQLITE_CANTOPEN' || code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_TIMEOUT' || code === 'SQLITE_PROTOCOL' || (code.startsWith('SQLITE_IOERR') && code !== 'SQLITE_IOERR_NOMEM')) return true;
  return !code && typeof e.message === 'string' && PG_LOST.test(e.message);
}

/** The disk under the database is full: SQLite's SQLITE_FULL, PostgreSQL's disk_full (53100). */
export function isDiskFull(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_FULL' || code === '53100';
}

/**
 * Locks one row for the rest of the transaction on PostgreSQL (`SELECT … FOR UPDATE`), so that
 * two concurrent writes to one household check their rules one after the other. SQLite already
 * serialises writers: nothing to do. True when a lock was taken (the row may have changed since it was read).
 */
export async function lockRow(trx: { getExecutor(): { adapter: unknown } }, table: string, id: number, mode: 'update' | 'no key update' = 'update'): Promise<boolean> {
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return false;
  await sql`select id from ${sql.table(table)} where id = ${id} for ${sql.raw(mode === 'update' ? 'update' : 'no key update')}`.execute(trx as Kysely<unknown>);
  return true;
}

/**
 * Locks the rows of `table` whose `column` is one of `values` (PostgreSQL, `FOR NO KEY UPDATE`,
 * 1 000 values a statement): a batch that checks many rows before writing them holds them from
 * its read to its commit. Nothing on SQLite (one writer at a time).
 */
export async function lockRowsWhere(trx: { getExecutor(): { adapter: unknown } }, table: string, column: string, values: readonly (string | number)[]): Promise<void> {
  if (!(trx.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (let i = 0; i < values.length; i += 1000) {
    const chunk = values.slice(i, i + 1000);
    await sql`select 1 from ${sql.table(table)} where ${sql.ref(column)} in (${sql.join(chunk)}) order by id for no key update`.execute(trx as Kysely<unknown>);
  }
}

/**
 * Whether a claim may skip rows another transaction holds (`FOR UPDATE SKIP LOCKED`): on
 * PostgreSQL two senders claim different rows at once; SQLite has one writer, whose claim
 * (an UPDATE) already excludes any other.
 */
export function claimsSkipLocked(db: { getExecutor(): { adapter: unknown } }): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** `max(text column, value)` in one UPDATE, ignoring nulls: SQLite's scalar max, PostgreSQL's greatest. */
export function laterOf(db: { getExecutor(): { adapter: unknown } }, column: string, value: string): RawBuilder<string> {
  return db.getExecutor().adapter instanceof PostgresAdapter
    ? sql<string>`greatest(${sql.ref(column)}, ${value})`
    : sql<string>`max(coalesce(${sql.ref(column)}, ''), ${value})`;
}

/** A unique or primary-key violation (a race for one code, a duplicate): SQLite's and PostgreSQL's error codes. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

/**
 * A foreign-key violation (SQLite SQLITE_CONSTRAINT_FOREIGNKEY, PostgreSQL 23503), with what we can
 * tell of it: PostgreSQL names the table that still refers to the row (`referencedBy`, on a delete)
 * or the table a missing row was looked for in (`missingIn`); SQLite names neither.
 */
export function foreignKeyViolation(err: unknown): { referencedBy?: string; missingIn?: string } | null {
  const e = err as { code?: unknown; detail?: unknown } | null;
  if (e?.code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return {};
  if (e?.code !== '23503') return null;
  const detail = typeof e.detail === 'string' ? e.detail : '';
  const by = /still referenced from table "([^"]+)"/.exec(detail)?.[1];
  const missing = /is not present in table "([^"]+)"/.exec(detail)?.[1];
  return { ...(by ? { referencedBy: by } : {}), ...(missing ? { missingIn: missing } : {}) };
}

/**
 * Text the database cannot hold: PostgreSQL refuses a NUL character (U+0000) in `text` and in
 * parameters (22021, 22P05); SQLite stores it. The caller's input is at fault, not the server.
 */
export function isBadCharacter(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '22021' || code === '22P05';
}

/**
 * How many of the newest ids the portal search reads before the older ones (see searchWindow):
 * PostgreSQL 5 000; null on SQLite, whose FTS5 reads matches newest first in one pass.
 */
export function searchRecentIds(db: { getExecutor(): { adapter: unknown } }): number | null {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 5000 : null;
}

/** The search words as a PostgreSQL tsquery: three letters or fewer, the indexed word beginning itself; longer, a prefix. */
const tsquery = (tokens: readonly string[]) => tokens.map((t) => (t.length <= 3 ? t : `${t}:*`)).join(' & ');
const checkSearch = (f: { tokens: readonly string[]; kind?: string | undefined }) => {
  if (!f.tokens.length || f.tokens.some((t) => !/^[a-z0-9]+$/.test(t)) || (f.kind !== undefined && !/^[a-z]+$/.test(f.kind))) throw new Error('searchWindow: folded words and a kind code only');
};

/**
 * PostgreSQL's own estimate of how many entries match the words, and of all entries (its
 * planner's statistics of the tsvector column, from ANALYZE): whether reading the older entries
 * newest first or collecting their matches through the GIN index costs less. Null on SQLite.
 * The words go into the statement as a literal (they are `[a-z0-9]+`, checked): a parameter
 * would give the planner's default guess, not an estimate for these words.
 */
export async function searchMatchEstimate(db: QueryExecutorProvider, f: { tokens: readonly string[]; kind?: string | undefined }): Promise<{ matches: number; entries: number } | null> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return null;
  checkSearch(f);
  const rows = async (q: RawBuilder<unknown>) => {
    const r = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>`explain (format json) ${q}`.execute(db);
    return r.rows[0]!['QUERY PLAN'][0].Plan['Plan Rows'];
  };
  const kind = f.kind ? sql.raw(` and kind = '${f.kind}'`) : sql``;
  const [matches, entries] = await Promise.all([rows(sql`select 1 from search_entries where search_vector @@ to_tsquery('simple', ${sql.raw(`'${tsquery(f.tokens)}'`)})${kind}`), rows(sql`select 1 from search_entries`)]);
  return { matches, entries };
}

/**
 * The portal search over `search_entries`: the `limit` most recently indexed entries matching
 * every token (folded `[a-z0-9]+` words, each a prefix) and visible at `now`, of one kind if
 * asked, as a derived table `(id, score)`; a lower score is a better hit. `recent` keeps to the
 * ids above max(id) − `recent`, `older` to the ids at or below max(id) − `older`: on PostgreSQL
 * the repository reads the recent ones first and the older ones only when too few did, walking
 * ids newest first (`walk`) or collecting through the GIN index (see `findCandidates`).
 * SQLite: the FTS5 table `search_fts` read newest first (its prefix indexes answer short
 * prefixes), scored by the words' occurrences with a title word weighing ten times a body word
 * (not bm25: see below). PostgreSQL: the stored weighted
 * tsvector (title A, body B, word beginnings; GIN-indexed) with ts_rank, A ten times B.
 */
export function searchWindow(
  db: { getExecutor(): { adapter: unknown } },
  f: { tokens: readonly string[]; kind?: string | undefined; now: string; limit: number; recent?: number; older?: number; walk?: boolean },
): RawBuilder<{ id: number; score: number }> {
  checkSearch(f);
  const pgsql = db.getExecutor().adapter instanceof PostgresAdapter;
  // PostgreSQL: `id + 0` keeps the planner off the primary key for the older ids (collect through
  // the GIN index), unless `walk`: many match, and reading ids newest first finds `limit` soon
  const id = pgsql ? sql`id` : sql`rowid`;
  const older = pgsql && !f.walk ? sql`id + 0` : id;
  const range =
    f.recent !== undefined
      ? sql` and ${id} > (select max(id) - ${f.recent} from search_entries)`
      : f.older !== undefined
        ? sql` and ${older} <= (select max(id) - ${f.older} from search_entries)`
        : sql``;
  if (pgsql) {
    const q = tsquery(f.tokens);
    return sql`(select w.id, -ts_rank('{0.01, 0.02, 0.1, 1.0}', w.search_vector, to_tsquery('simple', ${q})) as score from (
      select id, search_vector from search_entries
      where search_vector @@ to_tsquery('simple', ${q}) and (visible_from is null or visible_from <= ${f.now})${f.kind ? sql` and kind = ${f.kind}` : sql``}${range}
      order by ${f.older !== undefined ? older : sql`id`} desc limit ${f.limit}) w)`;
  }
  const words = `{folded_title folded_body} : (${f.tokens.map((t) => `"${t}"*`).join(' ')})`;
  const q = f.kind ? `${words} AND kind : "${f.kind}"` : words;
  // the words' occurrences (as word beginnings), a title word ten times a body word — what
  // ts_rank weighs on PostgreSQL. Not bm25: its document frequencies are counted over every
  // match of every word (25 of the 40 ms of "giải phóng mặt bằng" over 111 000 matches).
  const hits = (column: 'folded_title' | 'folded_body') =>
    sql.join(
      f.tokens.map((t) => sql`(length(' ' || ${sql.ref(column)}) - length(replace(' ' || ${sql.ref(column)}, ${' ' + t}, ''))) / ${sql.lit(t.length + 1)}.0`),
      sql` + `,
    );
  return sql`(select rowid as id, -(10.0 * (${hits('folded_title')}) + (${hits('folded_body')})) as score from search_fts
    where search_fts match ${q} and rowid not in (select id from search_entries where visible_from > ${f.now})${range}
    order by rowid desc limit ${f.limit})`;
}
