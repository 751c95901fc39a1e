/**
 * How a land clearance project shows in the portal search: a public project has one entry — its
 * name, category, units, investor and description, never anything of a household — linking to
 * /gpmb/:code and dated by its start; a project kept off the portal has none. Called in the
 * transaction of every write that changes a project's text or visibility (creating and editing
 * it: household, step and payment writes change no project text and do not call it).
 */
import type { Db, Tx } from '../../db/index.js';
import { indexEntry, unindexEntry, type SearchEntryInput } from '../search/search.service.js';
import * as repo from './landClearance.repository.js';
import { PROJECT_CATEGORIES } from './landClearance.table.js';

function projectSearchEntry(p: repo.ProjectWithUnit, otherUnits: readonly string[]): SearchEntryInput {
  const category = PROJECT_CATEGORIES[p.category] ?? p.category;
  const units = [p.unit_name, ...otherUnits];
  return {
    kind: 'project',
    refId: p.id,
    title: p.name,
    url: `/gpmb/${encodeURIComponent(p.code)}`,
    summary: `Dự án ${category.toLowerCase()} · ${units.join('; ')}${p.investor ? ` · Chủ đầu tư: ${p.investor}` : ''}`,
    body: [p.code, `giải phóng mặt bằng dự án ${category}`, ...units, p.investor, p.description].filter(Boolean).join('\n'),
    dated: p.started_on,
    visibleFrom: null,
  };
}

/** Public projects in id order, for rebuilding the index in batches (`afterId`: the last id seen). */
export async function projectSearchEntries(db: Db, opts: { afterId?: number; limit?: number } = {}): Promise<SearchEntryInput[]> {
  const limit = Math.min(Math.max(opts.limit ?? 500, 1), 10_000);
  const rows = await repo.publicProjectsAfter(db, opts.afterId ?? 0, limit);
  const others = await repo.otherUnitNamesOf(db, rows.map((p) => p.id));
  return rows.map((p) => projectSearchEntry(p, others.get(p.id) ?? []));
}

/** Indexes the project when it is public, removes it from the index otherwise. */
export async function syncProjectSearch(trx: Tx, projectId: number): Promise<void> {
  const p = await repo.findProjectById(trx, projectId);
  if (p && p.is_public === 1) await indexEntry(trx, projectSearchEntry(p, (await repo.otherUnitNamesOf(trx, [projectId])).get(projectId) ?? []));
  else await unindexEntry(trx, 'project', projectId);
}
