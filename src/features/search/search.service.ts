/**
 * The portal search: one index (`search_entries`) over every public thing the portal shows.
 * The slices that own the things keep it in step, calling `indexEntry` when a thing becomes or
 * stays public and `unindexEntry` when it stops being public or is deleted — in the
 * transaction of the write, so the index never shows what the database does not.
 */
import type { Db } from '../../db/index.js';
import { fold, nfc } from '../../lib/vi.js';
import * as repo from './search.repository.js';
import type { SearchKind } from './search.table.js';

export interface SearchEntryInput {
  kind: SearchKind;
  refId: number;
  title: string;
  /** the public page, e.g. /bai-viet/ket-qua-9-thang */
  url: string;
  /** a plain-text line shown under the title */
  summary?: string | null;
  /** plain text searched besides the title (HTML already stripped) */
  body: string;
  /** yyyy-mm-dd shown beside the hit */
  dated?: string | null;
  /** ISO instant before which it stays hidden (scheduled publishing) */
  visibleFrom?: string | null;
}

export async function indexEntry(trx: Db, e: SearchEntryInput): Promise<void> {
  await repo.upsertEntry(trx, {
    kind: e.kind,
    ref_id: e.refId,
    title: nfc(e.title),
    url: e.url,
    summary: e.summary ? nfc(e.summary) : null,
    dated: e.dated ?? null,
    visible_from: e.visibleFrom ?? null,
    folded_title: fold(e.title),
    folded_body: fold(e.body),
    updated_at: new Date().toISOString(),
  });
}

export async function unindexEntry(trx: Db, kind: SearchKind, refId: number): Promise<void> {
  await repo.deleteEntry(trx, kind, refId);
}
