/**
 * Machine-readable views of the portal: RSS 2.0 for all news and per category, sitemap.xml and
 * robots.txt. Every text is escaped for XML; feed items carry plain text only, never HTML.
 */
import { Hono } from 'hono';
import { notFound } from '../../lib/errors.js';
import type { AppEnv, Ctx } from '../../web/context.js';
import { publicOrigin } from '../../web/middleware.js';
import { listPublicCampaigns } from '../campaigns/campaigns.service.js';
import { getSiteSettings } from '../settings/settings.service.js';
import { portalVersion } from '../../web/pagecache.js';
import { articleUrl, categoryTree, categoryUrl, categoryWithDescendants, listPublicArticles, sitemapArticles, type CategoryNode } from './portal.service.js';

// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
export const xml = (s: string): string =>
  s.replace(XML_INVALID, '').replace(/[<>&"']/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[ch]!);


async function rss(c: Ctx, category: string | null): Promise<Response> {
  const db = c.var.deps.db.db;
  const site = await getSiteSettings(db);
  const found = category ? await categoryWithDescendants(db, category) : null;
  if (category && !found) throw notFound('Không tìm thấy chuyên mục.');
  const list = await listPublicArticles(db, { category: category ?? undefined, pageSize: 30 });
  const base = publicOrigin(c);
  const self = `${base}${category ? `${categoryUrl(category)}/rss.xml` : '/rss.xml'}`;
  const title = found ? `${found.category.name} — ${site.siteName}` : site.siteName;
  const items = list.items
    .map(
      (a) => `    <item>
      <title>${xml(a.title)}</title>
      <link>${xml(base + a.url)}</link>
      <guid isPermaLink="true">${xml(base + a.url)}</guid>
      <pubDate>${new Date(a.publishedAt).toUTCString()}</pubDate>
      <category>${xml(a.categoryName)}</category>
      ${a.summary ? `<description>${xml(a.summary)}</description>` : ''}
    </item>`,
    )
    .join('\n');
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${xml(title)}</title>
    <link>${xml(found ? base + categoryUrl(found.category.slug) : `${base}/`)}</link>
    <description>${xml(found?.category.description ?? `Tin bài mới nhất của ${site.siteName}`)}</description>
    <language>vi</language>
    <atom:link href="${xml(self)}" rel="self" type="application/rss+xml" />
${items}
  </channel>
</rss>
`;
  return c.body(body, 200, { 'Content-Type': 'application/rss+xml; charset=utf-8', 'Cache-Control': 'public, max-age=300' });
}

const flatten = (ns: CategoryNode[]): CategoryNode[] => ns.flatMap((n) => [n, ...flatten(n.children)]);

/** The sitemap per database and origin (absolute links: without a configured public address they come from the Host header). */
const sitemaps = new Map<string, { version: number; at: number; body: string; db: unknown }>();

export const feedRoutes = new Hono<AppEnv>()
  .get('/rss.xml', (c) => rss(c, null))
  .get('/chuyen-muc/:slug/rss.xml', (c) => {
    const slug = c.req.param('slug');
    if (!/^[a-z0-9-]{1,150}$/.test(slug)) throw notFound('Không tìm thấy chuyên mục.');
    return rss(c, slug);
  })
  .get('/sitemap.xml', async (c) => {
    const db = c.var.deps.db.db;
    const base = publicOrigin(c);
    let sitemapCache = sitemaps.get(base);
    if (!sitemapCache || sitemapCache.db !== db || sitemapCache.version !== portalVersion() || Date.now() - sitemapCache.at > 600_000) {
      const v = portalVersion();
      const [cats, arts, campaigns] = await Promise.all([categoryTree(db), sitemapArticles(db), listPublicCampaigns(db)]);
      const urls: { loc: string; lastmod?: string }[] = [
        { loc: `${base}/` },
        { loc: `${base}/van-ban` },
        { loc: `${base}/mo-hinh-tieu-bieu` },
        { loc: `${base}/gpmb` },
        { loc: `${base}/kho-tu-lieu` },
        ...campaigns.map((k) => ({ loc: `${base}/kho-tu-lieu/${encodeURIComponent(k.code)}` })),
        ...flatten(cats)
          .filter((n) => !n.link)
          .map((n) => ({ loc: base + categoryUrl(n.slug) })),
        ...arts.map((a) => ({ loc: base + articleUrl(a.slug), lastmod: a.updated_at.slice(0, 10) })),
      ];
      const body = `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.map((u) => `  <url><loc>${xml(u.loc)}</loc>${u.lastmod ? `<lastmod>${u.lastmod}</lastmod>` : ''}</url>`).join('\n')}
</urlset>
`;
      sitemapCache = { version: v, at: Date.now(), body, db };
      if (sitemaps.size > 50) sitemaps.clear();
      sitemaps.set(base, sitemapCache);
    }
    return c.body(sitemapCache.body, 200, { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=3600' });
  })
  .get('/robots.txt', (c) =>
    c.body(`User-agent: *\nAllow: /\nDisallow: /quan-tri\nDisallow: /api/\nDisallow: /dang-nhap\nDisallow: /doi-mat-khau\n\nSitemap: ${publicOrigin(c)}/sitemap.xml\n`, 200, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'public, max-age=86400',
    }),
  );
