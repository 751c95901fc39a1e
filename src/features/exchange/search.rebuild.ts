/**
 * A composer: it knows every slice that puts entries in the search index, so that search itself
 * imports none of them. Rebuilds the portal search index from its four sources (articles, documents, models, clearance
 * projects), each slice saying what of its things is public and how it reads. Used by
 * `kheo reindex`, and once by `kheo serve` / `kheo migrate` on a database whose index was never
 * built (one that held data before the index existed).
 */
import type { Db, Tx } from '../../db/index.js';
import { systemActor, type Actor } from '../../policy/policy.js';
import { audit } from '../audit/audit.service.js';
import { documentSearchEntries } from '../documents/documents.search.js';
import { projectSearchEntries } from '../landClearance/landClearance.search.js';
import { modelSearchEntries } from '../models/models.search.js';
import { articleSearchEntries } from '../portal/portal.search.js';
import { claimSetting, putSetting } from '../settings/settings.service.js';
import { clearIndex, countIndexed, indexEntries, SEARCH_KINDS, type SearchEntryInput, type SearchKind } from '../search/search.service.js';

type Source = (db: Db, opts: { afterId?: number; limit?: number }) => Promise<SearchEntryInput[]>;

const SOURCES: Record<SearchKind, Source> = {
  article: articleSearchEntries,
  document: documentSearchEntries,
  model: modelSearchEntries,
  project: projectSearchEntries,
};

const BATCH = 500;
/** Set once the index has been built on this database (its value: when). */
const BUILT_FLAG = 'search.indexBuiltAt';

const inTransaction = <T>(db: Db, fn: (trx: Tx) => Promise<T>): Promise<T> => (db.isTransaction ? fn(db as Tx) : db.transaction().execute(fn));

async function refill(trx: Tx, actor: Actor): Promise<Record<SearchKind, number>> {
  await clearIndex(trx);
  for (const kind of SEARCH_KINDS) {
    let afterId = 0;
    for (;;) {
      const batch = await SOURCES[kind](trx, { afterId, limit: BATCH });
      await indexEntries(trx, batch);
      if (batch.length < BATCH) break;
      afterId = batch.at(-1)!.refId;
    }
  }
  const indexed = await countIndexed(trx);
  const counts = Object.fromEntries(SEARCH_KINDS.map((k) => [k, indexed[k] ?? 0])) as Record<SearchKind, number>;
  await audit(trx, actor, { action: 'search.rebuild', entityType: 'searchIndex', after: counts });
  return counts;
}

/** Empties the index and fills it again from every source, in one transaction; the count per kind. */
export async function rebuildSearchIndex(db: Db, actor: Actor = systemActor('chỉ mục tìm kiếm')): Promise<Record<SearchKind, number>> {
  return inTransaction(db, async (trx) => {
    const at = new Date().toISOString();
    if (!(await claimSetting(trx, BUILT_FLAG, JSON.stringify(at), at))) await putSetting(trx, BUILT_FLAG, JSON.stringify(at), at);
    return refill(trx, actor);
  });
}

/**
 * Builds the index when it was never built on this database; null when it was. Several
 * processes starting together build it once: the flag is claimed in the rebuild's transaction.
 */
export async function ensureSearchIndex(db: Db, actor: Actor = systemActor('chỉ mục tìm kiếm')): Promise<Record<SearchKind, number> | null> {
  return inTransaction(db, async (trx) => {
    const at = new Date().toISOString();
    if (!(await claimSetting(trx, BUILT_FLAG, JSON.stringify(at), at))) return null;
    return refill(trx, actor);
  });
}
