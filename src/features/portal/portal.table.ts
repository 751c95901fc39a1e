import type { ColumnType, Generated, Selectable } from 'kysely';

export interface CategoryTable {
  id: Generated<number>;
  /** the URL segment: /chuyen-muc/:slug */
  slug: string;
  name: string;
  parent_id: number | null;
  /** order among its siblings in the menu */
  position: Generated<number>;
  description: string | null;
  /** the theme year whose activities it collects ("Hoạt động của chủ đề năm 2021") */
  campaign_id: number | null;
  in_menu: Generated<number>;
  /** a menu entry that opens another page instead of a list of articles, e.g. "/van-ban?co_quan=…" */
  link: string | null;
  created_at: string;
  updated_at: string;
}

/** draft → review → published; "published" with a future published_at is scheduled. */
export const ARTICLE_STATUSES = ['draft', 'review', 'published'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

export const ARTICLE_STATUS_LABELS: Record<ArticleStatus, string> = {
  draft: 'Bản nháp',
  review: 'Chờ duyệt',
  published: 'Đã đăng',
};

export interface ArticleTable {
  id: Generated<number>;
  slug: string;
  category_id: number;
  title: string;
  summary: string | null;
  /** sanitised HTML */
  body: string;
  cover_file_id: number | null;
  /** the unit the article belongs to (its editors' scope) */
  unit_id: number | null;
  author_id: number | null;
  /** who signs it on the page, e.g. "Ban Dân vận Quận ủy" */
  byline: string | null;
  status: string;
  /** ISO instant; the page shows it in Vietnam time */
  published_at: string | null;
  featured: Generated<number>;
  campaign_id: number | null;
  /** exact count of page loads; bigint on PostgreSQL comes back as a string */
  views: ColumnType<number | string, number | undefined, number>;
  review_note: string | null;
  /** where it came from when a module made it, e.g. "narrative:LB-2021:2021-09-30" */
  source: string | null;
  search_folded: string;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ArticleRelatedTable {
  article_id: number;
  related_id: number;
  position: Generated<number>;
}

export interface EditorCategoryTable {
  user_id: number;
  category_id: number;
}

export type CategoryRow = Selectable<CategoryTable>;

/** One row (id 1): the portal's version, moved by every write the portal shows (several instances). */
export interface PortalStateTable {
  id: number;
  version: number;
}
