/** How published articles appear in the portal search (search slice's index). */
import type { Db, Tx } from '../../db/index.js';
import { excerpt, htmlToText } from '../../lib/html.js';
import { todayVn } from '../../lib/vi.js';
import { indexEntry, unindexEntry, type SearchEntryInput } from '../search/search.service.js';
import * as repo from './portal.repository.js';

type Row = Awaited<ReturnType<typeof repo.publishedArticlesAfter>>[number];

function entryOf(r: Row): SearchEntryInput {
  const text = htmlToText(r.body);
  return {
    kind: 'article',
    refId: r.id,
    title: r.title,
    url: `/bai-viet/${r.slug}`,
    summary: r.summary ? excerpt(r.summary, 300) : excerpt(text, 300),
    body: `${r.summary ?? ''} ${text}`.slice(0, 20_000),
    dated: r.published_at ? todayVn(new Date(r.published_at)) : null,
    visibleFrom: r.published_at,
  };
}

/** Published articles (scheduled ones too: they carry the time they appear), by id, for a rebuild. */
export async function articleSearchEntries(db: Db, opts: { afterId?: number; limit?: number } = {}): Promise<SearchEntryInput[]> {
  return (await repo.publishedArticlesAfter(db, opts.afterId ?? 0, opts.limit ?? 500)).map(entryOf);
}

/** Indexes the article when it is published, else removes it from the index. */
export async function syncArticleSearch(trx: Tx, articleId: number): Promise<void> {
  const r = await repo.findArticleById(trx, articleId);
  if (r && r.status === 'published') await indexEntry(trx, entryOf(r));
  else await unindexEntry(trx, 'article', articleId);
}
