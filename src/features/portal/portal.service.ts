/**
 * The portal's categories (a menu tree) and articles: draft → in review → published, with
 * scheduled publishing (published with a time still to come), editors limited to categories,
 * HTML sanitised on the way in, and the search index kept in step in the same transaction.
 */
import type { Db, Tx } from '../../db/index.js';
import { AppError, badInput, conflict, fieldError, notFound } from '../../lib/errors.js';
import { fillImageAlt, htmlToText, imagesWithoutAlt, looksLikeHtml, sanitizeRichText, textToHtml } from '../../lib/html.js';
import { parseInput } from '../../lib/validation.js';
import { fold, formatNumber, slugify } from '../../lib/vi.js';
import { authorize, authorizeRead, can, ForbiddenError, type Actor } from '../../policy/policy.js';
import { notify } from '../notices/notices.service.js';
import { whoActs } from '../accounts/accounts.service.js';
import { audit } from '../audit/audit.service.js';
import { findCampaignByCode } from '../campaigns/campaigns.service.js';
import { findUnitByCode } from '../units/units.service.js';
import { portalChanged } from '../settings/settings.version.js';
import * as repo from './portal.repository.js';
import { articleLabels, categoryLabels, ZArticle, ZCategory, type ArticleListItem, type PresentedArticle, type PresentedCategory, type TArticle } from './portal.schemas.js';
import { syncArticleSearch } from './portal.search.js';
import { ARTICLE_STATUS_LABELS, type ArticleStatus } from './portal.table.js';

export const articleUrl = (slug: string): string => `/bai-viet/${slug}`;
export const categoryUrl = (slug: string): string => `/chuyen-muc/${slug}`;
export const coverUrl = (fileId: number | null): string | null => (fileId ? `/anh/${fileId}` : null);

// ---------------------------------------------------------------- categories

export function presentCategory(r: repo.CategoryWithCampaign): PresentedCategory {
  return {
    id: r.id,
    slug: r.slug,
    name: r.name,
    parent: r.parent_slug,
    position: r.position,
    description: r.description,
    campaign: r.campaign_code,
    inMenu: r.in_menu === 1,
    link: r.link,
    url: r.link ?? categoryUrl(r.slug),
  };
}

export interface CategoryNode extends PresentedCategory {
  children: CategoryNode[];
}

/** Every category as a tree, siblings by position. */
export async function categoryTree(db: Db): Promise<CategoryNode[]> {
  const all = (await repo.listCategories(db)).map(presentCategory);
  const nodes = new Map(all.map((c) => [c.slug, { ...c, children: [] as CategoryNode[] }]));
  const roots: CategoryNode[] = [];
  for (const n of nodes.values()) (n.parent && nodes.has(n.parent) ? nodes.get(n.parent)!.children : roots).push(n);
  return roots;
}

/** A category and the ids of it and all its descendants (a parent's page lists its children's articles). */
export async function categoryWithDescendants(db: Db, slug: string): Promise<{ category: PresentedCategory; ids: number[]; path: PresentedCategory[] } | null> {
  const all = await repo.listCategories(db);
  const bySlug = new Map(all.map((c) => [c.slug, c]));
  const c = bySlug.get(slug);
  if (!c) return null;
  const ids = [c.id];
  for (let i = 0; i < ids.length; i++) for (const x of all) if (x.parent_id === ids[i] && !ids.includes(x.id)) ids.push(x.id);
  const path: PresentedCategory[] = [];
  for (let p: repo.CategoryWithCampaign | undefined = c; p && path.length < 20; p = p.parent_slug ? bySlug.get(p.parent_slug) : undefined) path.unshift(presentCategory(p));
  return { category: presentCategory(c), ids, path };
}

async function categoryColumns(db: Db, input: unknown, selfId?: number) {
  const d = parseInput(ZCategory, input, categoryLabels);
  const slug = d.slug ?? slugify(d.name).slice(0, 150);
  if (!slug) throw fieldError('slug', 'Đường dẫn (slug): không tạo được từ tên; hãy nhập đường dẫn');
  const dup = await repo.findCategoryBySlug(db, slug);
  if (dup && dup.id !== selfId) throw conflict(`Đã có chuyên mục với đường dẫn "${slug}".`, 'slug');
  let parentId: number | null = null;
  if (d.parent) {
    const parent = await repo.findCategoryBySlug(db, d.parent);
    if (!parent) throw fieldError('parent', `Chuyên mục cha: không tìm thấy chuyên mục "${d.parent}"`);
    // walking up from the parent must never meet the category itself
    for (let p: repo.CategoryWithCampaign | undefined = parent, n = 0; p && n < 50; p = p.parent_id ? await repo.findCategoryById(db, p.parent_id) : undefined, n++) {
      if (p.id === selfId) throw fieldError('parent', 'Chuyên mục cha: không thể đặt một chuyên mục làm con của chính nó hoặc của chuyên mục con của nó');
    }
    parentId = parent.id;
  }
  let campaignId: number | null = null;
  if (d.campaign) {
    const k = await findCampaignByCode(db, d.campaign);
    if (!k) throw fieldError('campaign', `Chủ đề năm: không tìm thấy chủ đề "${d.campaign}"`);
    campaignId = k.id;
  }
  return {
    slug,
    name: d.name,
    parent_id: parentId,
    position: d.position ?? 0,
    description: d.description,
    campaign_id: campaignId,
    in_menu: d.inMenu === false ? 0 : 1,
    link: d.link,
  };
}

export async function createCategory(trx: Tx, { actor, input }: { actor: Actor; input: unknown }): Promise<PresentedCategory> {
  authorize(actor, 'category.manage', { unitPath: '/', entityType: 'category' });
  const cols = await categoryColumns(trx, input);
  const t = new Date().toISOString();
  const id = await repo.insertCategory(trx, { ...cols, created_at: t, updated_at: t });
  const out = presentCategory((await repo.findCategoryById(trx, id))!);
  await audit(trx, actor, { action: 'category.create', entityType: 'category', entityId: id, after: out });
  await portalChanged(trx);
  return out;
}

export async function requireCategory(db: Db, slug: string): Promise<repo.CategoryWithCampaign> {
  const c = await repo.findCategoryBySlug(db, slug);
  if (!c) throw notFound('Không tìm thấy chuyên mục.');
  return c;
}

export async function updateCategory(trx: Tx, { actor, slug, input }: { actor: Actor; slug: string; input: unknown }): Promise<PresentedCategory> {
  authorize(actor, 'category.manage', { unitPath: '/', entityType: 'category', entityId: slug });
  const row = await requireCategory(trx, slug);
  const cols = await categoryColumns(trx, input, row.id);
  await repo.updateCategoryRow(trx, row.id, { ...cols, updated_at: new Date().toISOString() });
  const after = presentCategory((await repo.findCategoryById(trx, row.id))!);
  await audit(trx, actor, { action: 'category.update', entityType: 'category', entityId: row.id, before: presentCategory(row), after });
  // an article's URL does not change with its category, but the index shows the category name
  await portalChanged(trx);
  return after;
}

export async function deleteCategory(trx: Tx, { actor, slug }: { actor: Actor; slug: string }): Promise<void> {
  authorize(actor, 'category.manage', { unitPath: '/', entityType: 'category', entityId: slug });
  const row = await requireCategory(trx, slug);
  const all = await repo.listCategories(trx);
  if (all.some((c) => c.parent_id === row.id)) throw new AppError(409, 'conflict', `Chuyên mục "${row.name}" còn chuyên mục con; hãy chuyển hoặc xóa chúng trước.`);
  const n = await repo.countArticlesIn(trx, row.id);
  if (n) throw new AppError(409, 'conflict', `Chuyên mục "${row.name}" còn ${n} bài viết; hãy chuyển chúng sang chuyên mục khác trước.`);
  await repo.deleteCategoryRow(trx, row.id);
  await audit(trx, actor, { action: 'category.delete', entityType: 'category', entityId: row.id, before: presentCategory(row) });
  await portalChanged(trx);
}

/** Limits editors to some categories (empty: no limit). */
export async function setCategoryEditors(trx: Tx, { actor, slug, userIds }: { actor: Actor; slug: string; userIds: number[] }): Promise<void> {
  authorize(actor, 'category.manage', { unitPath: '/', entityType: 'category', entityId: slug });
  const row = await requireCategory(trx, slug);
  const editors = new Set((await repo.editorUsers(trx)).map((u) => u.id));
  const bad = userIds.filter((id) => !editors.has(id));
  if (bad.length) throw fieldError('editors', 'Biên tập viên: chỉ chọn được tài khoản có vai trò biên tập viên');
  const before = await repo.editorsOfCategory(trx, row.id);
  await repo.setEditorsOfCategory(trx, row.id, [...new Set(userIds)]);
  await audit(trx, actor, { action: 'category.editors', entityType: 'category', entityId: row.id, before, after: userIds });
}

export const categoryEditors = (db: Db, slug: string) => requireCategory(db, slug).then((c) => repo.editorsOfCategory(db, c.id));
export const editorUsers = (db: Db) => repo.editorUsers(db);

/**
 * The categories this actor may write, publish, return and take down in: an administrator all; an
 * editor those assigned to them, and none while none are (least privilege, issue #20 item 10 —
 * docs/architecture.md, Portal); anyone else (an officer writing drafts for review) all.
 */
export async function writableCategoryIds(db: Db, actor: Actor): Promise<Set<number> | 'all'> {
  if (actor.kind === 'system' || actor.roles.includes('admin')) return 'all';
  const ids = await repo.editorCategoryIds(db, actor.userId);
  if (ids.length) return new Set(ids);
  return actor.roles.includes('editor') ? new Set() : 'all';
}

async function assertCategoryWritable(db: Db, actor: Actor, category: repo.CategoryWithCampaign): Promise<void> {
  const allowed = await writableCategoryIds(db, actor);
  if (allowed !== 'all' && !allowed.has(category.id)) {
    throw new ForbiddenError(
      'article.write',
      { entityType: 'category', entityId: category.slug },
      allowed.size
        ? `Bạn chỉ được viết bài trong các chuyên mục được phân công; không được viết trong chuyên mục "${category.name}".`
        : `Bạn chưa được phân công chuyên mục nào nên chưa được viết, đăng bài trong chuyên mục "${category.name}". Hãy đề nghị quản trị phân công chuyên mục.`,
    );
  }
}

// ---------------------------------------------------------------- articles

const num = (v: number | string): number => Number(v);

function presentArticle(r: repo.ArticleFull, related: string[] = [], now = new Date().toISOString()): PresentedArticle {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    summary: r.summary,
    body: r.body,
    byline: r.byline,
    status: r.status,
    statusLabel: r.status === 'published' && r.published_at && r.published_at > now ? 'Hẹn giờ đăng' : (ARTICLE_STATUS_LABELS[r.status as ArticleStatus] ?? r.status),
    scheduled: r.status === 'published' && Boolean(r.published_at && r.published_at > now),
    publishedAt: r.published_at,
    featured: r.featured === 1,
    views: num(r.views),
    category: { slug: r.category_slug, name: r.category_name },
    campaign: r.campaign_code,
    unit: r.unit_code,
    authorName: r.author_name,
    reviewNote: r.review_note,
    coverUrl: coverUrl(r.cover_file_id),
    related,
    source: r.source,
    updatedAt: r.updated_at,
  };
}

function presentListItem(r: repo.ArticleListRow): ArticleListItem {
  return {
    id: r.id,
    slug: r.slug,
    title: r.title,
    url: articleUrl(r.slug),
    summary: r.summary,
    publishedAt: r.published_at ?? r.updated_at,
    views: num(r.views),
    category: r.category_slug,
    categoryName: r.category_name,
    coverUrl: coverUrl(r.cover_file_id),
  };
}

/** The answer for an article id that does not exist — and for one the reader may not read. */
const articleMissing = () => notFound('Không tìm thấy bài viết.');

async function requireArticle(db: Db, id: number): Promise<repo.ArticleFull> {
  const a = Number.isInteger(id) && id > 0 ? await repo.findArticleById(db, id) : undefined;
  if (!a) throw articleMissing();
  return a;
}

/** The scope an article's editors work in: its unit, or the installation when it has none. */
const scopeOf = (a: { unit_path: string | null }): string => a.unit_path ?? '/';

/** A slug not yet taken: "ket-qua", else "ket-qua-2", "ket-qua-3"… */
async function freeSlug(db: Db, base: string, exceptId?: number): Promise<string> {
  const root = base.slice(0, 140).replace(/-+$/, '') || 'bai-viet';
  for (let i = 1; i < 1000; i++) {
    const s = i === 1 ? root : `${root}-${i}`;
    if (!(await repo.slugTaken(db, s, exceptId))) return s;
  }
  throw conflict('Không tạo được đường dẫn cho bài viết; hãy nhập đường dẫn khác.', 'slug');
}

interface Resolved {
  d: TArticle;
  category: repo.CategoryWithCampaign;
  campaignId: number | null;
  unitId: number | null;
  unitPath: string | null;
  body: string;
  relatedIds: number[];
  /** the input said nothing of related articles: leave them as they are */
  keepRelated: boolean;
}

async function resolveArticle(db: Db, input: unknown, selfId?: number): Promise<Resolved> {
  const d = parseInput(ZArticle, input, articleLabels);
  const category = await repo.findCategoryBySlug(db, d.category);
  if (!category) throw fieldError('category', `Chuyên mục: không tìm thấy chuyên mục "${d.category}"`);
  if (category.link) throw fieldError('category', `Chuyên mục: "${category.name}" là liên kết tới trang khác, không chứa bài viết`);
  let campaignId = category.campaign_id;
  if (d.campaign) {
    const k = await findCampaignByCode(db, d.campaign);
    if (!k) throw fieldError('campaign', `Chủ đề năm: không tìm thấy chủ đề "${d.campaign}"`);
    campaignId = k.id;
  }
  let unitId: number | null = null;
  let unitPath: string | null = null;
  if (d.unit) {
    const u = await findUnitByCode(db, d.unit);
    if (!u) throw fieldError('unit', `Đơn vị: không tìm thấy đơn vị "${d.unit}"`);
    unitId = u.id;
    unitPath = u.path;
  }
  // a body without any tag is plain text (an import): keep its paragraphs
  const body = sanitizeRichText(looksLikeHtml(d.body) ? d.body : textToHtml(d.body));
  const slugs = [...new Set(d.related ?? [])];
  const keepRelated = d.related === undefined;
  const found = await repo.articleIdsBySlugs(db, slugs);
  const missing = slugs.filter((s) => !found.some((f) => f.slug === s));
  if (missing.length) throw fieldError('related', `Bài liên quan: không tìm thấy bài "${missing.join('", "')}"`);
  const bySlug = new Map(found.map((f) => [f.slug, f.id]));
  const relatedIds = slugs.map((s) => bySlug.get(s)!).filter((id) => id !== selfId);
  return { d, category, campaignId, unitId, unitPath, body, relatedIds, keepRelated };
}

/**
 * Every image of a published body has a text alternative (WCAG 1.1.1; axe `image-alt`). An
 * editor publishing is asked for it: refused with a message naming each image. A published body
 * imported from a bundle of past work gets one by rule instead — the figure's caption, the
 * image's title, else "Ảnh minh họa: <the article's title>" (`fillImageAlt`,
 * docs/architecture.md); an imported draft keeps its body (export → import stays exact) and is
 * asked for the descriptions when it is published.
 */
function requireImageAlt(body: string): void {
  const missing = imagesWithoutAlt(body);
  if (!missing.length) return;
  const which = missing.map((m) => `ảnh thứ ${m.n} (${m.src})`).join(', ');
  throw badInput([{ field: 'body', message: `Nội dung: ${which} chưa có lời mô tả ảnh (thuộc tính alt) — hãy nhập lời mô tả cho người đọc không xem được ảnh trước khi đăng bài` }]);
}

/** The body as stored: an import's images without a text alternative get one by rule. */
const importedBody = (body: string, title: string) => fillImageAlt(body, `Ảnh minh họa: ${title}`).html;

const searchText = (title: string, summary: string | null, body: string) => fold(`${title} ${summary ?? ''} ${htmlToText(body)}`).slice(0, 20_000);

/** The unit an article belongs to: the one given, else the writer's. */
function ownUnit(actor: Actor, r: Resolved): { id: number | null; path: string } {
  if (r.unitId) return { id: r.unitId, path: r.unitPath! };
  if (actor.kind === 'user') return { id: actor.unitId, path: actor.unitPath };
  return { id: null, path: '/' };
}

/**
 * Writes a new article. Writers save drafts or send them for review; only those who may
 * publish create it published (a bundle of past work, or an editor posting at once).
 */
export async function createArticle(trx: Tx, { actor, input, source, imported }: { actor: Actor; input: unknown; source?: string | undefined; imported?: boolean }): Promise<PresentedArticle> {
  const r = await resolveArticle(trx, input);
  const unit = ownUnit(actor, r);
  authorize(actor, 'article.write', { unitPath: unit.path, entityType: 'article' });
  await assertCategoryWritable(trx, actor, r.category);
  const status: ArticleStatus = r.d.status ?? 'draft';
  if (status === 'published') authorize(actor, 'article.publish', { unitPath: unit.path, entityType: 'article' });
  if (status === 'published') {
    if (imported) r.body = importedBody(r.body, r.d.title);
    else requireImageAlt(r.body);
  }
  const slug = r.d.slug ? r.d.slug : await freeSlug(trx, slugify(r.d.title));
  if (r.d.slug && (await repo.slugTaken(trx, slug))) throw conflict(`Đã có bài viết với đường dẫn "${slug}".`, 'slug');
  const t = new Date().toISOString();
  const id = await repo.insertArticle(trx, {
    slug,
    category_id: r.category.id,
    title: r.d.title,
    summary: r.d.summary,
    body: r.body,
    cover_file_id: null,
    unit_id: unit.id,
    author_id: actor.kind === 'user' ? actor.userId : null,
    byline: r.d.byline,
    status,
    published_at: status === 'published' ? (r.d.publishedAt ?? t) : (r.d.publishedAt ?? null),
    featured: r.d.featured ? 1 : 0,
    campaign_id: r.campaignId,
    views: mayCarryViews(actor, imported) ? (r.d.views ?? 0) : 0,
    review_note: null,
    source: source ?? null,
    search_folded: searchText(r.d.title, r.d.summary, r.body),
    created_by: actor.kind === 'user' ? actor.userId : null,
    created_at: t,
    updated_at: t,
  });
  await repo.setRelated(trx, id, r.relatedIds);
  const out = presentArticle((await repo.findArticleById(trx, id))!, await repo.relatedSlugs(trx, id));
  await audit(trx, actor, { action: 'article.create', entityType: 'article', entityId: id, after: { ...out, body: undefined } });
  await syncArticleSearch(trx, id);
  await portalChanged(trx);
  return out;
}

/** Only a bundle import (by the system or an installation admin) sets a view count or a status directly. */
const mayCarryViews = (actor: Actor, imported: boolean | undefined): boolean => Boolean(imported) && (actor.kind === 'system' || can(actor, 'bundle.import', { unitPath: '/' }));

/** Sets the related articles (by slug) of an article. */
export async function setRelatedArticles(trx: Tx, { actor, id, related }: { actor: Actor; id: number; related: string[] }): Promise<void> {
  const row = await requireArticle(trx, id);
  await authorizeEdit(trx, actor, row);
  const found = await repo.articleIdsBySlugs(trx, related);
  const missing = related.filter((s) => !found.some((f) => f.slug === s));
  if (missing.length) throw fieldError('related', `Bài liên quan: không tìm thấy bài "${missing.join('", "')}"`);
  const bySlug = new Map(found.map((f) => [f.slug, f.id]));
  const ids = [...new Set(related)].map((s) => bySlug.get(s)!).filter((x) => x !== id);
  await repo.setRelated(trx, id, ids);
  await portalChanged(trx);
}

/** May this actor change the article as it stands (a live article needs the right to publish)? */
async function authorizeEdit(db: Db, actor: Actor, row: repo.ArticleFull): Promise<void> {
  authorize(actor, 'article.write', { unitPath: scopeOf(row), entityType: 'article', entityId: row.id });
  if (row.status === 'published') authorize(actor, 'article.publish', { unitPath: scopeOf(row), entityType: 'article', entityId: row.id });
  const category = (await repo.findCategoryById(db, row.category_id))!;
  await assertCategoryWritable(db, actor, category);
}

/** Edits an article's content; its status moves only through the workflow actions below. */
export async function updateArticle(trx: Tx, { actor, id, input, imported }: { actor: Actor; id: number; input: unknown; imported?: boolean }): Promise<PresentedArticle> {
  const row = await requireArticle(trx, id);
  await authorizeEdit(trx, actor, row);
  const r = await resolveArticle(trx, input, id);
  await assertCategoryWritable(trx, actor, r.category);
  const unit = r.unitId ? { id: r.unitId, path: r.unitPath! } : { id: row.unit_id, path: scopeOf(row) };
  authorize(actor, 'article.write', { unitPath: unit.path, entityType: 'article', entityId: id });
  const slug = r.d.slug ?? row.slug;
  if (slug !== row.slug && (await repo.slugTaken(trx, slug, id))) throw conflict(`Đã có bài viết với đường dẫn "${slug}".`, 'slug');
  let status = row.status as ArticleStatus;
  let publishedAt = r.d.publishedAt ?? row.published_at;
  // a bundle carries the status of past work (publishing needs the right to publish)
  if (r.d.status && r.d.status !== status && mayCarryViews(actor, imported)) {
    if (r.d.status === 'published') authorize(actor, 'article.publish', { unitPath: unit.path, entityType: 'article', entityId: id });
    status = r.d.status;
    if (status === 'published') publishedAt ??= new Date().toISOString();
  }
  if (status === 'published' && !publishedAt) publishedAt = new Date().toISOString();
  if (status === 'published') {
    if (imported) r.body = importedBody(r.body, r.d.title);
    else requireImageAlt(r.body);
  }
  const before = presentArticle(row, await repo.relatedSlugs(trx, id));
  await repo.updateArticleRow(trx, id, {
    slug,
    category_id: r.category.id,
    title: r.d.title,
    summary: r.d.summary,
    body: r.body,
    unit_id: unit.id,
    byline: r.d.byline,
    status,
    published_at: publishedAt,
    featured: r.d.featured ? 1 : 0,
    campaign_id: r.campaignId,
    ...(mayCarryViews(actor, imported) && r.d.views != null ? { views: r.d.views } : {}),
    search_folded: searchText(r.d.title, r.d.summary, r.body),
    updated_at: new Date().toISOString(),
  });
  if (!r.keepRelated) await repo.setRelated(trx, id, r.relatedIds);
  const after = presentArticle((await repo.findArticleById(trx, id))!, await repo.relatedSlugs(trx, id));
  await audit(trx, actor, { action: 'article.update', entityType: 'article', entityId: id, before: { ...before, body: undefined, bodyLength: before.body.length }, after: { ...after, body: undefined, bodyLength: after.body.length } });
  await syncArticleSearch(trx, id);
  await portalChanged(trx);
  return after;
}

async function transition(
  trx: Tx,
  actor: Actor,
  id: number,
  action: 'submit' | 'publish' | 'return' | 'unpublish',
  opts: { at?: string | null; note?: string | null } = {},
): Promise<PresentedArticle> {
  const row = await requireArticle(trx, id);
  const scope = { unitPath: scopeOf(row), entityType: 'article', entityId: id };
  const category = (await repo.findCategoryById(trx, row.category_id))!;
  const from = row.status as ArticleStatus;
  const refuse = (msg: string) => new AppError(409, 'invalid_state', msg);
  let patch: { status: ArticleStatus; published_at?: string | null; review_note?: string | null };
  if (action === 'submit') {
    authorize(actor, 'article.write', scope);
    if (from !== 'draft') throw refuse('Chỉ gửi duyệt được bài đang là bản nháp.');
    patch = { status: 'review', review_note: null };
  } else if (action === 'publish') {
    authorize(actor, 'article.publish', scope);
    if (from === 'published') throw refuse('Bài viết đã được đăng.');
    requireImageAlt(row.body);
    let at = opts.at ?? null;
    if (at === null) at = new Date().toISOString();
    patch = { status: 'published', published_at: at, review_note: null };
  } else if (action === 'return') {
    authorize(actor, 'article.publish', scope);
    if (from !== 'review') throw refuse('Chỉ trả lại được bài đang chờ duyệt.');
    if (!opts.note?.trim()) throw badInput([{ field: 'note', message: 'Lý do trả lại: bắt buộc nhập, để người viết biết cần sửa gì' }]);
    const note = opts.note.normalize('NFC').trim();
    if (note.length > 2000) throw badInput([{ field: 'note', message: `Lý do trả lại: dài ${formatNumber(note.length)} ký tự, quá giới hạn 2.000 ký tự` }]);
    patch = { status: 'draft', review_note: note };
  } else {
    authorize(actor, 'article.publish', scope);
    if (from !== 'published') throw refuse('Bài viết chưa được đăng.');
    patch = { status: 'draft' };
  }
  await assertCategoryWritable(trx, actor, category);
  await repo.updateArticleRow(trx, id, { ...patch, updated_at: new Date().toISOString() });
  const after = presentArticle((await repo.findArticleById(trx, id))!);
  await audit(trx, actor, { action: `article.${action}`, entityType: 'article', entityId: id, before: { status: from, publishedAt: row.published_at }, after: { status: after.status, publishedAt: after.publishedAt, note: opts.note ?? undefined } });
  if (action === 'return' || (action === 'publish' && from === 'review'))
    await notify(trx, actor, {
      to: row.author_id,
      kind: action === 'return' ? 'article.returned' : 'article.published',
      title: action === 'return' ? `Bài viết "${row.title}" bị trả lại` : `Bài viết "${row.title}" đã được duyệt đăng`,
      body: action === 'return' ? `Lý do: ${patch.review_note ?? ''}` : null,
      url: `/quan-tri/bai-viet/${id}`,
    });
    // those who publish: the editors of the article's unit (or of the level above, when it has none)
  if (action === 'submit') {
    // an editor publishes in the categories assigned to them only (an administrator in all)
    const assigned = new Set(await repo.editorsOfCategory(trx, row.category_id));
    await notify(trx, actor, { to: await whoActs(trx, 'article.publish', scope.unitPath, { except: actor, keep: (u) => u.roles.includes('admin') || assigned.has(u.id) }), kind: 'article.review', title: `Bài viết "${row.title}" gửi đến chờ duyệt`, url: `/quan-tri/bai-viet/${id}` });
  }
  await syncArticleSearch(trx, id);
  await portalChanged(trx);
  return after;
}

export const submitArticle = (trx: Tx, { actor, id }: { actor: Actor; id: number }) => transition(trx, actor, id, 'submit');
/** Publishes now, or at `at` (scheduled: it appears by itself when the time comes). */
export const publishArticle = (trx: Tx, { actor, id, at }: { actor: Actor; id: number; at?: string | null }) => transition(trx, actor, id, 'publish', { at: at ?? null });
export const returnArticle = (trx: Tx, { actor, id, note }: { actor: Actor; id: number; note: string }) => transition(trx, actor, id, 'return', { note });
export const unpublishArticle = (trx: Tx, { actor, id }: { actor: Actor; id: number }) => transition(trx, actor, id, 'unpublish');

/** Sets or removes the cover image (an uploaded image's file id). */
export async function setArticleCover(trx: Tx, { actor, id, fileId }: { actor: Actor; id: number; fileId: number | null }): Promise<void> {
  const row = await requireArticle(trx, id);
  await authorizeEdit(trx, actor, row);
  await repo.updateArticleRow(trx, id, { cover_file_id: fileId, updated_at: new Date().toISOString() });
  await audit(trx, actor, { action: 'article.cover', entityType: 'article', entityId: id, before: { cover: row.cover_file_id }, after: { cover: fileId } });
  await portalChanged(trx);
}

/** Deletes a draft (a published article is unpublished first, so nothing public vanishes by accident). */
export async function deleteArticle(trx: Tx, { actor, id }: { actor: Actor; id: number }): Promise<void> {
  const row = await requireArticle(trx, id);
  await authorizeEdit(trx, actor, row);
  if (row.status === 'published') throw new AppError(409, 'invalid_state', 'Bài viết đang được đăng; hãy gỡ bài xuống trước khi xóa.');
  await repo.deleteArticleRow(trx, id);
  await audit(trx, actor, { action: 'article.delete', entityType: 'article', entityId: id, before: { ...presentArticle(row), body: undefined } });
  await syncArticleSearch(trx, id);
  await portalChanged(trx);
}

/**
 * An article for its editor (any status), within scope; outside it, answered as an article that
 * does not exist (issue #20). `forWrite`: the form shown again after a refused save, whose
 * refusal stays a 403.
 */
export async function getArticleForEdit(db: Db, actor: Actor, id: number, opts: { forWrite?: boolean } = {}): Promise<PresentedArticle> {
  const row = await requireArticle(db, id);
  const resource = { unitPath: scopeOf(row), entityType: 'article', entityId: id };
  if (opts.forWrite) authorize(actor, 'article.read', resource);
  else authorizeRead(actor, 'article.read', resource, articleMissing);
  return presentArticle(row, await repo.relatedSlugs(db, id));
}

/** The admin list: articles of the actor's subtree (and their own), newest change first. */
export async function listArticlesForAdmin(
  db: Db,
  actor: Actor,
  q: { q?: string | undefined; status?: string | undefined; category?: string | undefined; page?: number },
): Promise<{ items: (ArticleListItem & { status: string; statusLabel: string; authorName: string | null; updatedAt: string })[]; total: number; page: number; pageSize: number }> {
  authorize(actor, 'article.read');
  const pageSize = 30;
  const page = Math.max(1, q.page ?? 1);
  let categoryIds: number[] | undefined;
  if (q.category) categoryIds = (await categoryWithDescendants(db, q.category))?.ids ?? [];
  const status = q.status === 'scheduled' ? 'published' : q.status && q.status in ARTICLE_STATUS_LABELS ? q.status : undefined;
  const { rows, total } = await repo.listArticles(db, {
    status,
    categoryIds,
    folded: q.q ? fold(q.q).slice(0, 200) : undefined,
    unitPath: actor.kind === 'user' ? actor.unitPath : undefined,
    orAuthorId: actor.kind === 'user' ? actor.userId : undefined,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  const now = new Date().toISOString();
  return {
    items: rows.map((r) => ({
      ...presentListItem(r),
      status: r.status,
      statusLabel: r.status === 'published' && r.published_at && r.published_at > now ? 'Hẹn giờ đăng' : (ARTICLE_STATUS_LABELS[r.status as ArticleStatus] ?? r.status),
      authorName: r.author_name,
      updatedAt: r.updated_at,
    })),
    total,
    page,
    pageSize,
  };
}

// ---------------------------------------------------------------- public side

/** A published article whose time has come, or null. */
export async function getPublicArticle(db: Db, slug: string, now = new Date().toISOString()): Promise<(PresentedArticle & { unitPath: string | null; categoryId: number; campaignId: number | null }) | null> {
  const row = await repo.findArticleBySlug(db, slug);
  if (!row || row.status !== 'published' || !row.published_at || row.published_at > now) return null;
  return { ...presentArticle(row, [], now), unitPath: row.unit_path, categoryId: row.category_id, campaignId: row.campaign_id };
}

/** Related articles: the ones chosen, else the latest of the same category. */
export async function relatedArticles(db: Db, a: { id: number; categoryId: number }, now = new Date().toISOString(), max = 5): Promise<ArticleListItem[]> {
  const chosen = await repo.relatedSlugs(db, a.id);
  const out: ArticleListItem[] = [];
  for (const slug of chosen) {
    const r = await getPublicArticle(db, slug, now);
    if (r) out.push({ id: r.id, slug: r.slug, title: r.title, url: articleUrl(r.slug), summary: r.summary, publishedAt: r.publishedAt!, views: r.views, category: r.category.slug, categoryName: r.category.name, coverUrl: r.coverUrl });
  }
  if (out.length < max) {
    const { rows } = await repo.listArticles(db, { publicAt: now, categoryIds: [a.categoryId], exceptId: a.id, limit: max, offset: 0 });
    for (const r of rows) if (out.length < max && !out.some((x) => x.id === r.id)) out.push(presentListItem(r));
  }
  return out;
}

export const PUBLIC_PAGE_SIZE = 20;

/** Published articles, newest first: of a category (and its children), a campaign, or all; optionally matching a text. */
export async function listPublicArticles(
  db: Db,
  q: { category?: string | undefined; campaignId?: number | undefined; q?: string | undefined; featured?: boolean; page?: number; pageSize?: number },
  now = new Date().toISOString(),
): Promise<{ items: ArticleListItem[]; total: number; page: number; pageSize: number; pages: number }> {
  const pageSize = q.pageSize ?? PUBLIC_PAGE_SIZE;
  const page = Math.max(1, q.page ?? 1);
  let categoryIds: number[] | undefined;
  if (q.category) categoryIds = (await categoryWithDescendants(db, q.category))?.ids ?? [];
  const folded = q.q ? fold(q.q).slice(0, 200) : undefined;
  const { rows, total } = await repo.listArticles(db, { publicAt: now, categoryIds, campaignId: q.campaignId, featured: q.featured, folded: folded || undefined, limit: pageSize, offset: (page - 1) * pageSize });
  return { items: rows.map(presentListItem), total, page, pageSize, pages: Math.max(1, Math.ceil(total / pageSize)) };
}

export const sitemapArticles = (db: Db, now = new Date().toISOString(), limit = 45_000) => repo.sitemapArticles(db, now, limit);

/** The id of the article with this slug, or 404. */
export async function articleIdBySlug(db: Db, slug: string): Promise<number> {
  const r = /^[a-z0-9-]{1,150}$/.test(slug) ? await repo.findArticleBySlug(db, slug) : undefined;
  if (!r) throw notFound('Không tìm thấy bài viết.');
  return r.id;
}

/*
 * The slice's public surface for other slices: these readers and writers of its tables, and the
 * kinds and labels of its table module. Other slices import them from here, never from
 * the repository or the table module (.dependency-cruiser.cjs).
 */
export { articleCategoriesOfCampaign, draftFromSource } from './portal.repository.js';
