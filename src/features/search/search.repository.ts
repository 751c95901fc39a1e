import type { Insertable } from 'kysely';
import type { Db } from '../../db/index.js';
import { searchMatchEstimate, searchRecentIds, searchWindow } from '../../db/dialect.js';
import type { SearchEntryTable } from './search.table.js';

/** Inserts or replaces the entry for (kind, ref_id). */
export async function upsertEntry(db: Db, row: Insertable<SearchEntryTable>): Promise<void> {
  const { kind: _k, ref_id: _r, ...rest } = row;
  await db
    .insertInto('search_entries')
    .values(row)
    .onConflict((oc) => oc.columns(['kind', 'ref_id']).doUpdateSet(rest))
    .execute();
}

/** Inserts or replaces many entries, a few hundred a statement. */
export async function upsertEntries(db: Db, rows: Insertable<SearchEntryTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    await db
      .insertInto('search_entries')
      .values(rows.slice(i, i + 200))
      .onConflict((oc) =>
        oc.columns(['kind', 'ref_id']).doUpdateSet((eb) => ({
          title: eb.ref('excluded.title'),
          url: eb.ref('excluded.url'),
          summary: eb.ref('excluded.summary'),
          dated: eb.ref('excluded.dated'),
          visible_from: eb.ref('excluded.visible_from'),
          folded_title: eb.ref('excluded.folded_title'),
          folded_body: eb.ref('excluded.folded_body'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }
}

export async function deleteEntries(db: Db, kind: string, refIds: readonly number[]): Promise<void> {
  for (let i = 0; i < refIds.length; i += 1000) await db.deleteFrom('search_entries').where('kind', '=', kind).where('ref_id', 'in', refIds.slice(i, i + 1000)).execute();
}

export async function deleteEntry(db: Db, kind: string, refId: number): Promise<void> {
  await db.deleteFrom('search_entries').where('kind', '=', kind).where('ref_id', '=', refId).execute();
}

/** Empties the index (a rebuild refills it in the same transaction). */
export async function deleteAllEntries(db: Db): Promise<void> {
  await db.deleteFrom('search_entries').execute();
}

/** Inserts many entries at once (into an emptied index), a few hundred rows per statement. */
export async function insertEntries(db: Db, rows: Insertable<SearchEntryTable>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await db.insertInto('search_entries').values(rows.slice(i, i + 200)).execute();
}

interface SearchFilter {
  /** folded [a-z0-9]+ words, each a prefix, all required; at least one */
  tokens: readonly string[];
  kind?: string | undefined;
  /** ISO instant: entries visible from later are left out */
  now: string;
}

interface SearchCandidate {
  id: number;
  /** lower is better */
  score: number;
  folded_title: string;
  dated: string | null;
}

const candidates = (db: Db, f: SearchFilter, window: { limit: number; recent?: number; older?: number; walk?: boolean }): Promise<SearchCandidate[]> =>
  db
    .selectFrom(searchWindow(db, { ...f, ...window }).as('h'))
    .innerJoin('search_entries as e', 'e.id', 'h.id')
    .select(['e.id', 'h.score', 'e.folded_title', 'e.dated'])
    .orderBy('e.id', 'desc')
    .execute();

/**
 * The `limit` most recently indexed matches with their scores and what ranking needs, newest
 * first. In one pass where the database reads matches newest first (SQLite). On PostgreSQL, by
 * its planner's estimate of how many match: collecting M matches through the GIN index costs
 * about as much per match as reading one entry newest first does, and reading newest first finds
 * `limit` after about limit·N/M of the N entries — so when M² > limit·N the entries are read
 * newest first (the newest `recentIds` ids, then the older ones), else every match is collected
 * through the index in one query.
 */
export async function findCandidates(db: Db, f: SearchFilter, limit: number, recentIds = searchRecentIds(db), plan?: 'walk' | 'index'): Promise<SearchCandidate[]> {
  if (recentIds === null) return candidates(db, f, { limit });
  const est = plan ? null : await searchMatchEstimate(db, f);
  if (plan === 'index' || (est && est.matches * est.matches <= limit * est.entries)) return candidates(db, f, { limit, older: 0 });
  const recent = await candidates(db, f, { limit, recent: recentIds });
  if (recent.length >= limit) return recent;
  return [...recent, ...(await candidates(db, f, { limit: limit - recent.length, older: recentIds, walk: true }))];
}

interface SearchHitRow {
  id: number;
  kind: string;
  ref_id: number;
  title: string;
  url: string;
  summary: string | null;
  dated: string | null;
}

/** The entries with these ids (one page of hits), in no particular order. */
export function entriesByIds(db: Db, ids: readonly number[]): Promise<SearchHitRow[]> {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('search_entries').select(['id', 'kind', 'ref_id', 'title', 'url', 'summary', 'dated']).where('id', 'in', [...ids]).execute();
}

/** Entries per kind (what a rebuild wrote). */
export async function countEntriesByKind(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('search_entries')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('kind')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.n)]));
}
