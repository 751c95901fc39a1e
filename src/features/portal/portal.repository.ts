import { sql, type Expression, type ExpressionBuilder, type Insertable, type SqlBool, type Updateable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { Db } from '../../db/index.js';
import { likeContains, likePrefix } from '../../db/dialect.js';
import type { ArticleTable, CategoryRow, CategoryTable } from './portal.table.js';
import { declareUnitReferences } from '../units/units.references.js';

/** The columns of this slice's tables that hold a unit id (deleting a unit counts them: units.references.ts). */
declareUnitReferences(
  { table: 'articles', column: 'unit_id', label: 'bài viết' },
);

export type CategoryWithCampaign = CategoryRow & { campaign_code: string | null; parent_slug: string | null };

const categories = (db: Db) =>
  db
    .selectFrom('categories as c')
    .leftJoin('campaigns as k', 'k.id', 'c.campaign_id')
    .leftJoin('categories as p', 'p.id', 'c.parent_id')
    .selectAll('c')
    .select(['k.code as campaign_code', 'p.slug as parent_slug']);

export const listCategories = (db: Db): Promise<CategoryWithCampaign[]> => categories(db).orderBy('c.position').orderBy('c.id').execute();
export const findCategoryBySlug = (db: Db, slug: string): Promise<CategoryWithCampaign | undefined> => categories(db).where('c.slug', '=', slug).executeTakeFirst();
export const findCategoryById = (db: Db, id: number): Promise<CategoryWithCampaign | undefined> => categories(db).where('c.id', '=', id).executeTakeFirst();
export const categoryOfCampaign = (db: Db, campaignId: number): Promise<CategoryWithCampaign | undefined> =>
  categories(db).where('c.campaign_id', '=', campaignId).orderBy('c.id').executeTakeFirst();

export async function insertCategory(db: Db, row: Insertable<CategoryTable>): Promise<number> {
  return (await db.insertInto('categories').values(row).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateCategoryRow(db: Db, id: number, patch: Updateable<CategoryTable>): Promise<void> {
  await db.updateTable('categories').set(patch).where('id', '=', id).execute();
}
export async function countArticlesIn(db: Db, categoryId: number): Promise<number> {
  const r = await db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).where('category_id', '=', categoryId).executeTakeFirstOrThrow();
  return Number(r.n);
}
export async function deleteCategoryRow(db: Db, id: number): Promise<void> {
  await db.deleteFrom('categories').where('id', '=', id).execute();
}

export const editorCategoryIds = async (db: Db, userId: number): Promise<number[]> =>
  (await db.selectFrom('editor_categories').select('category_id').where('user_id', '=', userId).execute()).map((r) => r.category_id);
export const editorsOfCategory = async (db: Db, categoryId: number): Promise<number[]> =>
  (await db.selectFrom('editor_categories').select('user_id').where('category_id', '=', categoryId).execute()).map((r) => r.user_id);
export async function setEditorsOfCategory(db: Db, categoryId: number, userIds: readonly number[]): Promise<void> {
  await db.deleteFrom('editor_categories').where('category_id', '=', categoryId).execute();
  if (userIds.length) await db.insertInto('editor_categories').values(userIds.map((user_id) => ({ user_id, category_id: categoryId }))).execute();
}
/** Users holding the editor role, for assigning categories. */
export const editorUsers = (db: Db) =>
  db
    .selectFrom('users as u')
    .innerJoin('user_roles as r', 'r.user_id', 'u.id')
    .select(['u.id', 'u.username', 'u.full_name'])
    .where('r.role', '=', 'editor')
    .distinct()
    .orderBy('u.username')
    .execute();

const articles = (db: Db) =>
  db
    .selectFrom('articles as a')
    .innerJoin('categories as c', 'c.id', 'a.category_id')
    .leftJoin('campaigns as k', 'k.id', 'a.campaign_id')
    .leftJoin('units as u', 'u.id', 'a.unit_id')
    .leftJoin('users as w', 'w.id', 'a.author_id');

const articleColumns = (q: ReturnType<typeof articles>) =>
  q.selectAll('a').select(['c.slug as category_slug', 'c.name as category_name', 'k.code as campaign_code', 'u.code as unit_code', 'u.path as unit_path', 'w.full_name as author_name']);

export type ArticleFull = Awaited<ReturnType<typeof findArticleById>> & object;

export const findArticleById = (db: Db, id: number) => articleColumns(articles(db)).where('a.id', '=', id).executeTakeFirst();
export const findArticleBySlug = (db: Db, slug: string) => articleColumns(articles(db)).where('a.slug', '=', slug).executeTakeFirst();
export const slugTaken = async (db: Db, slug: string, exceptId?: number): Promise<boolean> => {
  let q = db.selectFrom('articles').select('id').where('slug', '=', slug);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
};

export async function insertArticle(db: Db, row: Insertable<ArticleTable>): Promise<number> {
  return (await db.insertInto('articles').values(row).returning('id').executeTakeFirstOrThrow()).id;
}
export async function updateArticleRow(db: Db, id: number, patch: Updateable<ArticleTable>): Promise<void> {
  await db.updateTable('articles').set(patch).where('id', '=', id).execute();
}
export async function deleteArticleRow(db: Db, id: number): Promise<void> {
  await db.deleteFrom('articles').where('id', '=', id).execute();
}

/** Adds counted views (relative, so several app instances never overwrite each other). */
export async function addViews(db: Db, id: number, n: number): Promise<void> {
  await db
    .updateTable('articles')
    .set({ views: sql<number>`views + ${n}` })
    .where('id', '=', id)
    .execute();
}

export async function setRelated(db: Db, articleId: number, relatedIds: readonly number[]): Promise<void> {
  await db.deleteFrom('article_related').where('article_id', '=', articleId).execute();
  if (relatedIds.length) await db.insertInto('article_related').values(relatedIds.map((related_id, position) => ({ article_id: articleId, related_id, position }))).execute();
}
export const relatedSlugs = async (db: Db, articleId: number): Promise<string[]> =>
  (
    await db
      .selectFrom('article_related as r')
      .innerJoin('articles as a', 'a.id', 'r.related_id')
      .select('a.slug')
      .where('r.article_id', '=', articleId)
      .orderBy('r.position')
      .execute()
  ).map((r) => r.slug);
export const articleIdsBySlugs = (db: Db, slugs: readonly string[]) =>
  slugs.length ? db.selectFrom('articles').select(['id', 'slug']).where('slug', 'in', [...slugs]).execute() : Promise.resolve([]);

interface ArticleFilter {
  /** only published with published_at ≤ this instant */
  publicAt?: string;
  status?: string;
  categoryIds?: readonly number[];
  campaignId?: number;
  featured?: boolean;
  folded?: string;
  /** the unit subtree (admin lists) */
  unitPath?: string;
  /** an author's own articles besides the subtree */
  orAuthorId?: number;
  exceptId?: number;
  limit: number;
  offset: number;
}

const listColumns = ['a.id', 'a.slug', 'a.title', 'a.summary', 'a.status', 'a.published_at', 'a.views', 'a.cover_file_id', 'a.featured', 'a.updated_at', 'a.campaign_id', 'c.slug as category_slug', 'c.name as category_name', 'w.full_name as author_name', 'u.code as unit_code'] as const;

/** The filter of `listArticles` on the article's own columns (the unit subtree by subquery). */
function articleWhere(f: ArticleFilter) {
  return (eb: ExpressionBuilder<Database & { a: ArticleTable }, 'a'>) => {
    const c: Expression<SqlBool>[] = [];
    if (f.publicAt) c.push(eb('a.status', '=', 'published'), eb('a.published_at', '<=', f.publicAt));
    if (f.status) c.push(eb('a.status', '=', f.status));
    if (f.categoryIds) c.push(f.categoryIds.length ? eb('a.category_id', 'in', [...f.categoryIds]) : sql<boolean>`1 = 0`);
    if (f.campaignId) c.push(eb('a.campaign_id', '=', f.campaignId));
    // a literal, so that the planner may use the partial index of the few featured articles
    if (f.featured) c.push(eb('a.featured', '=', sql.lit(1)));
    if (f.exceptId) c.push(eb('a.id', '<>', f.exceptId));
    if (f.folded) c.push(likeContains('a.search_folded', f.folded));
    if (f.unitPath) {
      const path = f.unitPath;
      const author = f.orAuthorId;
      c.push(eb.or([eb('a.unit_id', 'is', null), eb('a.unit_id', 'in', eb.selectFrom('units').select('units.id').where(likePrefix('units.path', path))), ...(author ? [eb('a.author_id', '=', author)] : [])]));
    }
    return eb.and(c);
  };
}

export async function listArticles(db: Db, f: ArticleFilter) {
  const where = articleWhere(f);
  // the joins add columns, never rows (the category is required, the rest are left joins): the
  // total is counted on the articles alone, from an index at 10⁵ articles
  const total = Number((await db.selectFrom('articles as a').where(where).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  const q = articles(db).where(where as never);
  const order = f.publicAt ? q.orderBy('a.published_at', 'desc') : q.orderBy('a.updated_at', 'desc');
  const rows = await order.select([...listColumns]).orderBy('a.id', 'desc').limit(f.limit).offset(f.offset).execute();
  return { rows, total };
}
export type ArticleListRow = Awaited<ReturnType<typeof listArticles>>['rows'][number];

/** Published articles by id, for the search index (one batch). */
export const publishedArticlesAfter = (db: Db, afterId: number, limit: number) =>
  db
    .selectFrom('articles')
    .select(['id', 'slug', 'title', 'summary', 'body', 'published_at', 'status'])
    .where('status', '=', 'published')
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();

/** Every article, oldest first (bundle export). */
export const allArticles = (db: Db) => articleColumns(articles(db)).orderBy('a.id').execute();

/** Published articles and their dates, for the sitemap. */
export const sitemapArticles = (db: Db, publicAt: string, limit: number) =>
  db.selectFrom('articles').select(['slug', 'updated_at', 'published_at']).where('status', '=', 'published').where('published_at', '<=', publicAt).orderBy('published_at', 'desc').limit(limit).execute();

/** Is this file the cover of an article the public can see now? */
export async function isPublicCover(db: Db, fileId: number, publicAt: string): Promise<boolean> {
  const r = await db.selectFrom('articles').select('id').where('cover_file_id', '=', fileId).where('status', '=', 'published').where('published_at', '<=', publicAt).executeTakeFirst();
  return r !== undefined;
}

/** Published articles a module made from a campaign's data (e.g. the narrative report), newest first. */
export const articlesFromSource = (db: Db, sourcePrefix: string, publicAt: string) =>
  db
    .selectFrom('articles')
    .select(['slug', 'title', 'published_at'])
    .where('status', '=', 'published')
    .where('published_at', '<=', publicAt)
    .where('source', 'like', `${sourcePrefix.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`)
    .orderBy('published_at', 'desc')
    .execute();

/** The categories of a campaign that hold articles (not links), leaves first. */
export async function articleCategoriesOfCampaign(db: Db, campaignId: number): Promise<CategoryWithCampaign[]> {
  const all = await categories(db).where('c.campaign_id', '=', campaignId).where('c.link', 'is', null).orderBy('c.position').orderBy('c.id').execute();
  const parents = new Set(all.map((c) => c.parent_id).filter((x): x is number => x !== null));
  return [...all.filter((c) => !parents.has(c.id)), ...all.filter((c) => parents.has(c.id))];
}

/** An unpublished article a module made from this source (to refresh instead of duplicating). */
export const draftFromSource = (db: Db, source: string) => db.selectFrom('articles').select(['id', 'slug']).where('source', '=', source).where('status', '<>', 'published').orderBy('id', 'desc').executeTakeFirst();

/** Moves the shared portal version (in the write's transaction: other instances see it after commit). */
