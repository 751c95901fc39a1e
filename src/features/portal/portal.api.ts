import { z } from 'zod';
import { fieldError, notFound } from '../../lib/errors.js';
import { parseDateTimeVn, toIsoVn } from '../../lib/vi.js';
import { pageParam, readJson, readOptionalJson, requireActor, route, type ApiRoute } from '../../web/api.js';
import { inTx, type Ctx } from '../../web/context.js';
import { ZArticle, ZCategory } from './portal.schemas.js';
import * as portal from './portal.service.js';

const ArticleItem = z.object({ slug: z.string(), title: z.string(), url: z.string(), publishedAt: z.string(), views: z.number(), category: z.string(), summary: z.string().nullable() });
const ArticleOut = z.object({
  id: z.number(),
  slug: z.string(),
  title: z.string(),
  summary: z.string().nullable(),
  body: z.string(),
  status: z.string(),
  publishedAt: z.string().nullable(),
  views: z.number(),
  category: z.object({ slug: z.string(), name: z.string() }),
  related: z.array(z.string()),
});
const CategoryOut = z.object({ slug: z.string(), name: z.string(), parent: z.string().nullable(), url: z.string() });

type Presented = Awaited<ReturnType<typeof portal.getArticleForEdit>>;
const out = (a: Presented) => ({ ...a, publishedAt: a.publishedAt ? toIsoVn(a.publishedAt) : null });

const flatten = (ns: portal.CategoryNode[]): portal.CategoryNode[] => ns.flatMap((n) => [n, ...flatten(n.children)]);

/** A workflow step on the article named in the path. */
async function step(c: Ctx, what: 'submit' | 'publish' | 'return' | 'unpublish'): Promise<Response> {
  const actor = requireActor(c);
  const body = ((await readOptionalJson(c)) ?? {}) as { at?: unknown; note?: unknown };
  const a = await inTx(c, async (trx) => {
    const id = await portal.articleIdBySlug(trx, c.req.param('slug') ?? '');
    if (what === 'submit') return portal.submitArticle(trx, { actor, id });
    if (what === 'return') return portal.returnArticle(trx, { actor, id, note: typeof body.note === 'string' ? body.note : '' });
    if (what === 'unpublish') return portal.unpublishArticle(trx, { actor, id });
    let at: string | null = null;
    if (body.at != null) {
      at = typeof body.at === 'string' ? parseDateTimeVn(body.at) : null;
      if (!at) throw fieldError('at', 'Thời điểm đăng: phải là ngày giờ hợp lệ (dd/mm/yyyy hh:mm)');
    }
    return portal.publishArticle(trx, { actor, id, at });
  });
  return c.json(out(a));
}

export const portalApi: ApiRoute[] = [
  route({ method: 'get', path: '/articles', summary: 'Bài viết đã đăng, mới nhất trước (tìm không dấu, theo chuyên mục)', tag: 'Cổng thông tin', public: true, query: { q: 'từ khóa', category: 'đường dẫn chuyên mục', page: 'trang (20 bài một trang)' }, response: z.object({ items: z.array(ArticleItem), total: z.number() }) }, async (c) => {
    const q = c.req.query();
    const r = await portal.listPublicArticles(c.var.deps.db.db, { q: q.q?.slice(0, 200), category: q.category && /^[a-z0-9-]{1,150}$/.test(q.category) ? q.category : q.category ? '-' : undefined, page: pageParam(q.page) });
    return c.json({
      items: r.items.map((a) => ({ slug: a.slug, title: a.title, url: a.url, publishedAt: toIsoVn(a.publishedAt), views: a.views, category: a.category, summary: a.summary })),
      total: r.total,
    });
  }),
  route({ method: 'get', path: '/articles/:slug', summary: 'Một bài viết (bài chưa đăng: chỉ người được xem)', tag: 'Cổng thông tin', public: true, response: ArticleOut }, async (c) => {
    const db = c.var.deps.db.db;
    const slug = c.req.param('slug');
    const pub = /^[a-z0-9-]{1,150}$/.test(slug) ? await portal.getPublicArticle(db, slug) : null;
    if (pub) {
      // what the article page shows, and nothing more (DESIGN §5)
      const related = await portal.relatedArticles(db, pub);
      return c.json({
        slug: pub.slug,
        title: pub.title,
        url: portal.articleUrl(pub.slug),
        summary: pub.summary,
        body: pub.body,
        byline: pub.byline,
        publishedAt: toIsoVn(pub.publishedAt!),
        views: pub.views,
        category: pub.category,
        coverUrl: pub.coverUrl,
        related: related.map((r) => r.slug),
      });
    }
    // not public: only someone who may read unpublished articles of its unit sees it (else 404, never a hint)
    // — a draft the caller may not read answers exactly as no article (issue #20 item 7: it was 403)
    const actor = c.var.actor;
    const id = await portal.articleIdBySlug(db, slug);
    if (!actor) throw notFound('Không tìm thấy bài viết.');
    return c.json(out(await portal.getArticleForEdit(db, actor, id)));
  }),
  route({ method: 'post', path: '/articles', summary: 'Viết bài (bản nháp, hoặc đăng ngay khi có quyền)', tag: 'Cổng thông tin', action: 'article.write', status: 201, body: ZArticle, response: ArticleOut }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(out(await inTx(c, (trx) => portal.createArticle(trx, { actor, input }))), 201);
  }),
  route({ method: 'put', path: '/articles/:slug', summary: 'Sửa bài viết', tag: 'Cổng thông tin', action: 'article.write', body: ZArticle, response: ArticleOut }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(
      out(
        await inTx(c, async (trx) => {
          const id = await portal.articleIdBySlug(trx, c.req.param('slug'));
          return portal.updateArticle(trx, { actor, id, input });
        }),
      ),
    );
  }),
  route({ method: 'post', path: '/articles/:slug/submit', summary: 'Gửi bài đi duyệt', tag: 'Cổng thông tin', action: 'article.write', response: ArticleOut }, (c) => step(c, 'submit')),
  route({ method: 'post', path: '/articles/:slug/publish', summary: 'Đăng bài (ngay, hoặc hẹn giờ với {"at": "2021-10-06T09:39"})', tag: 'Cổng thông tin', action: 'article.publish', response: ArticleOut }, (c) => step(c, 'publish')),
  route({ method: 'post', path: '/articles/:slug/return', summary: 'Trả bài lại người viết ({"note": "…"})', tag: 'Cổng thông tin', action: 'article.publish', response: ArticleOut }, (c) => step(c, 'return')),
  route({ method: 'post', path: '/articles/:slug/unpublish', summary: 'Gỡ bài khỏi cổng', tag: 'Cổng thông tin', action: 'article.publish', response: ArticleOut }, (c) => step(c, 'unpublish')),
  route({ method: 'get', path: '/categories', summary: 'Cây chuyên mục', tag: 'Cổng thông tin', public: true, response: z.object({ items: z.array(CategoryOut) }) }, async (c) => c.json({ items: flatten(await portal.categoryTree(c.var.deps.db.db)).map((n) => ({ slug: n.slug, name: n.name, parent: n.parent, url: n.url })) })),
  route({ method: 'post', path: '/categories', summary: 'Thêm chuyên mục', tag: 'Cổng thông tin', action: 'category.manage', status: 201, body: ZCategory, response: CategoryOut }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    const r = await inTx(c, (trx) => portal.createCategory(trx, { actor, input }));
    return c.json({ slug: r.slug, name: r.name, parent: r.parent, url: r.url }, 201);
  }),
];
