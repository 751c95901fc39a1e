/**
 * How a model shows in the portal search: a public (registered or stopped) model has one entry
 * — its name, who carries it out, its field, its description — linking to /mo-hinh/:code and
 * dated by its registration; a draft, submitted or returned model has none. Called in the
 * transaction of every write that changes a model's text or status.
 */
import type { Db, Tx } from '../../db/index.js';
import { indexEntry, unindexEntry, type SearchEntryInput } from '../search/search.service.js';
import { unitLabel } from '../units/units.service.js';
import * as repo from './models.repository.js';
import { HOLDER_LABELS, PUBLIC_STATUSES, type Holder, type ModelStatus } from './models.table.js';

export const isPublicModel = (m: { status: string }): boolean => PUBLIC_STATUSES.includes(m.status as ModelStatus);

export function modelSearchEntry(m: repo.ModelWithRefs): SearchEntryInput {
  const unitName = unitLabel(m.unit_name, m.unit_kind, m.parent_name);
  const by = m.holder_name ?? unitName;
  const holder = (HOLDER_LABELS[m.holder as Holder] ?? m.holder).toLowerCase();
  return {
    kind: 'model',
    refId: m.id,
    title: m.name,
    url: `/mo-hinh/${encodeURIComponent(m.code)}`,
    summary: `Mô hình ${holder} của ${by}${by !== unitName ? ` (${unitName})` : ''} · lĩnh vực ${m.field_name}${m.exemplary === 1 ? ' · tiêu biểu' : ''}`,
    body: [m.code, by, unitName, m.field_name, m.problem, m.goals, m.method, m.scope, m.forces, m.resources, m.timeline, m.expected_results, m.replicability].filter(Boolean).join('\n'),
    dated: m.registered_on,
    visibleFrom: null,
  };
}

/** Public models in id order, for rebuilding the index in batches (`afterId`: the last id seen). */
export async function modelSearchEntries(db: Db, opts: { afterId?: number; limit?: number } = {}): Promise<SearchEntryInput[]> {
  const limit = Math.min(Math.max(opts.limit ?? 500, 1), 10_000);
  return (await repo.modelsAfter(db, PUBLIC_STATUSES, opts.afterId ?? 0, limit)).map(modelSearchEntry);
}

/** The same for a model row the caller has just read after its write (saves reading it again). */
export async function syncModelSearchOf(trx: Tx, m: repo.ModelWithRefs): Promise<void> {
  if (isPublicModel(m)) await indexEntry(trx, modelSearchEntry(m));
  else await unindexEntry(trx, 'model', m.id);
}
