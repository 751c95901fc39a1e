/**
 * Every row of every table, to prove that a series of requests changed nothing. What may change
 * is listed once, here, each with its reason; everything else is compared row by row.
 */
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../src/db/index.js';

/**
 * - `articles.views`: the portal counts article page loads (DESIGN §2, "lượt xem"), a GET's
 *   legitimate effect; callers flush the tallies first and check the count separately.
 * - `sessions.last_seen_at`: the idle timeout of a session (ASVS 7.3.1) needs the time of its last
 *   use; it is touched at most once a minute.
 */
const IGNORED_COLUMNS: Record<string, string[]> = { articles: ['views'], sessions: ['last_seen_at'] };
/**
 * - `audit_log` rows with outcome `denied`: a refused request is a security event that must be
 *   logged (ASVS 16.3.2), whatever its method. Every other audit row must stay as it was, so a
 *   request that audits a write still shows up.
 */
const IGNORED_ROWS: Record<string, (row: Record<string, unknown>) => boolean> = { audit_log: (r) => r.outcome === 'denied' };

export type Fingerprint = Map<string, Set<string>>;

const cell = (v: unknown): unknown => (v instanceof Uint8Array ? `sha256:${createHash('sha256').update(v).digest('hex')}` : typeof v === 'bigint' ? String(v) : v);

/** Every row of every table of the schema (as Kysely's introspection sees it), as canonical JSON. */
export async function fingerprint(db: Db): Promise<Fingerprint> {
  const out: Fingerprint = new Map();
  let tables = await db.introspection.getTables();
  // PostgreSQL lists every schema's tables (other test files' included): keep this connection's own
  if (tables.some((t) => t.schema)) {
    const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(db);
    tables = tables.filter((t) => t.schema === rows[0]!.s);
  }
  for (const table of tables) {
    const rows = (await db.selectFrom(table.name as never).selectAll().execute()) as Record<string, unknown>[];
    const skip = IGNORED_COLUMNS[table.name] ?? [];
    const rowFilter = IGNORED_ROWS[table.name];
    const set = new Set<string>();
    for (const r of rows) {
      if (rowFilter?.(r)) continue;
      set.add(JSON.stringify(Object.keys(r).sort().filter((k) => !skip.includes(k)).map((k) => [k, cell(r[k])])));
    }
    out.set(table.name, set);
  }
  return out;
}

/** Tables whose rows differ, with a few of the rows added (+) and removed (−). */
export function differences(before: Fingerprint, after: Fingerprint): string[] {
  const out: string[] = [];
  for (const [table, rows] of after) {
    const was = before.get(table) ?? new Set<string>();
    const added = [...rows].filter((r) => !was.has(r));
    const removed = [...was].filter((r) => !rows.has(r));
    if (added.length || removed.length) out.push(`${table}: +${added.length} −${removed.length} ${[...added.slice(0, 2).map((r) => `+${r}`), ...removed.slice(0, 2).map((r) => `−${r}`)].join(' ').slice(0, 600)}`);
  }
  for (const table of before.keys()) if (!after.has(table)) out.push(`${table}: dropped`);
  return out;
}
