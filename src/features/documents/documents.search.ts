/**
 * Keeps the portal search index (features/search) in step with the register: a public document
 * has one entry ("Kế hoạch số 18-KH/QU — <trích yếu>", /van-ban/:id, dated by its issue date);
 * a document kept off the portal has none. Called in the transaction of every document write.
 */
import type { Db, Tx } from '../../db/index.js';
import { formatDate } from '../../lib/vi.js';
import { indexEntry, unindexEntry, type SearchEntryInput } from '../search/search.service.js';
import * as repo from './documents.repository.js';
import { DOCUMENT_KINDS } from './documents.table.js';

/** What "Kế hoạch", "Công văn"… is called in a title; "Khác" reads "Văn bản". */
const kindWord = (kind: string): string => (kind === 'K' ? 'Văn bản' : (DOCUMENT_KINDS[kind] ?? 'Văn bản'));

function documentSearchEntry(d: repo.DocumentWithUnit): SearchEntryInput {
  const kind = kindWord(d.kind);
  return {
    kind: 'document',
    refId: d.id,
    title: `${kind} số ${d.number} — ${d.title}`,
    url: `/van-ban/${d.id}`,
    summary: `${d.issuer}, ngày ${formatDate(d.issued_on)}`,
    body: [d.number, kind, DOCUMENT_KINDS[d.kind] ?? '', d.issuer, d.signer ?? '', d.field ?? '', d.title].filter(Boolean).join(' \n'),
    dated: d.issued_on,
    visibleFrom: null,
  };
}

/** Public documents in id order, for rebuilding the index in batches (`afterId`: the last id seen). */
export async function documentSearchEntries(db: Db, opts: { afterId?: number; limit?: number } = {}): Promise<SearchEntryInput[]> {
  const limit = Math.min(Math.max(opts.limit ?? 500, 1), 10_000);
  const rows = await repo.publicDocumentsAfter(db, opts.afterId ?? 0, limit);
  return rows.map(documentSearchEntry);
}

/** Indexes the document when it is public, removes it from the index otherwise (or when gone). */
export async function syncDocumentSearch(trx: Tx, documentId: number): Promise<void> {
  const d = await repo.findDocumentById(trx, documentId);
  if (d && d.is_public === 1) await indexEntry(trx, documentSearchEntry(d));
  else await unindexEntry(trx, 'document', documentId);
}
