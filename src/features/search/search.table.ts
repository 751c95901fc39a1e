import type { Generated } from 'kysely';

/** What the portal search can find. */
export const SEARCH_KINDS = ['article', 'document', 'model', 'project'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];
export const SEARCH_KIND_LABELS: Record<SearchKind, string> = {
  article: 'Bài viết',
  document: 'Văn bản',
  model: 'Mô hình',
  project: 'Dự án GPMB',
};

/** One public thing the portal search finds; kept in step by the slices that own the things. */
export interface SearchEntryTable {
  id: Generated<number>;
  kind: string;
  ref_id: number;
  title: string;
  url: string;
  summary: string | null;
  /** the date shown beside a hit (published, issued, registered), yyyy-mm-dd */
  dated: string | null;
  /** ISO instant before which it is not shown (a scheduled article); null: shown now */
  visible_from: string | null;
  folded_title: string;
  folded_body: string;
  updated_at: string;
}
