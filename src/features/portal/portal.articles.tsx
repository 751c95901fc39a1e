/** @jsxImportSource hono/jsx */
/**
 * The public portal's own pages: home, category lists, the article page (as the seed shows it:
 * "Ngày đăng dd/mm/yyyy | hh:mm | Lượt xem: N"), the theme-year archive, and cover images.
 * Anonymous visitors get rendered pages from a cache; every load of an article still counts
 * exactly one view, 304s included.
 */
import { Hono } from 'hono';
import { raw } from 'hono/html';
import { notFound } from '../../lib/errors.js';
import { formatDate, formatDateTime, formatNumber, todayVn, toIsoVn } from '../../lib/vi.js';
import type { AppEnv, Ctx, Deps } from '../../web/context.js';
import { isSecure, isValidHost, originOf, publicOrigin, securityHeaderRecord, servedOverHttps } from '../../web/middleware.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MiddlewareHandler } from 'hono';
import { PortalLayout, render } from '../../web/layout.js';
import { pageParam } from '../../web/api.js';
import { listPublicCampaigns, publicThrough } from '../campaigns/campaigns.service.js';
import { listPublicDocuments } from '../documents/documents.service.js';
import { findFile } from '../files/files.service.js';
import { ResourceStats } from '../models/models.resources.js';
import { getSiteSettings } from '../settings/settings.service.js';
import { portalVersion } from '../../web/pagecache.js';
import { cachedPage, cacheKey, toHtml, weakEtag } from './portal.pagecache.js';
import { isPublicCover } from './portal.repository.js';
import type { PublicCampaignFigures, RenderedArticle } from './portal.runtime.js';
import type { ArticleListItem } from './portal.schemas.js';
import { archiveOf } from './portal.archive.js';
import { articleUrl, categoryTree, categoryUrl, categoryWithDescendants, getPublicArticle, listPublicArticles, relatedArticles } from './portal.service.js';

const SLUG = /^[a-z0-9][a-z0-9-]{0,149}$/;
/** where the view count goes in a cached article page */
const VIEWS_MARK = '\u0000LUOT_XEM\u0000';

function ArticleMeta({ publishedAt, views }: { publishedAt: string; views: number | string }) {
  const [d, t] = formatDateTime(publishedAt).split(' ');
  return (
    <p class="article-meta">
      Ngày đăng {d} | {t} | Lượt xem: <span class="views">{typeof views === 'number' ? formatNumber(views) : views}</span>
    </p>
  );
}

function ArticleCard({ a, level = 3 }: { a: ArticleListItem; level?: 2 | 3 }) {
  const Heading = level === 2 ? 'h2' : 'h3';
  return (
    <article class="article-card">
      {a.coverUrl ? <img src={a.coverUrl} alt="" loading="lazy" width={160} height={100} /> : null}
      <div>
        <Heading>
          <a href={a.url}>{a.title}</a>
        </Heading>
        <p class="muted small">
          {formatDate(a.publishedAt)} · {a.categoryName}
        </p>
        {a.summary ? <p>{a.summary}</p> : null}
      </div>
    </article>
  );
}

function Pages({ page, pages, href }: { page: number; pages: number; href: (p: number) => string }) {
  if (pages <= 1) return null;
  return (
    <nav class="pager" aria-label="Phân trang">
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          ‹ Trang trước
        </a>
      ) : null}
      <span>
        Trang {formatNumber(Math.min(page, pages))}/{formatNumber(pages)}
      </span>
      {page < pages ? (
        <a href={href(page + 1)} rel="next">
          Trang sau ›
        </a>
      ) : null}
    </nav>
  );
}

function CampaignFigures({ s }: { s: PublicCampaignFigures }) {
  return (
    <section class="card campaign-figures" aria-labelledby={`cd-${s.campaign.code}`}>
      <h2 id={`cd-${s.campaign.code}`}>
        Chủ đề năm {s.campaign.year}: "{s.campaign.theme}"
      </h2>
      {s.campaign.plan ? (
        <p class="muted">
          Thực hiện Kế hoạch số {s.campaign.plan.number} ngày {formatDate(s.campaign.plan.date)}. Số liệu đến ngày {formatDate(s.through)}.
        </p>
      ) : null}
      <div class="big-numbers">
        <div class="stat">
          <b>{formatNumber(s.models.total)}</b> mô hình "Dân vận khéo" đăng ký ({formatNumber(s.models.collective)} tập thể, {formatNumber(s.models.individual)} cá nhân)
        </div>
        {s.exemplary.length ? (
          <a class="stat" href={`/kho-tu-lieu/${encodeURIComponent(s.campaign.code)}#mo-hinh`}>
            <b>{formatNumber(s.exemplary.length)}</b> mô hình tiêu biểu
          </a>
        ) : null}
        {s.rewards.total ? (
          <a class="stat" href={`/mo-hinh-tieu-bieu?chu_de=${encodeURIComponent(s.campaign.code)}`}>
            <b>{formatNumber(s.rewards.total)}</b> mô hình được khen thưởng đến ngày {formatDate(s.through)}
          </a>
        ) : null}
        <ResourceStats r={s.resources} money={s.campaign.publishMoney} />
        {s.teams.byKind
          .filter((k) => k.teams > 0)
          .map((k) => (
            <div class="stat">
              <b>{formatNumber(k.teams)}</b> {k.label} với {formatNumber(k.members)} thành viên
            </div>
          ))}
        {s.clearance.projects ? (
          <a class="stat" href={s.through < todayVn() ? `/gpmb?den_ngay=${s.through}` : '/gpmb'}>
            <b>{formatNumber(s.clearance.projects)}</b> dự án giải phóng mặt bằng ({s.clearance.byCategory.filter((x) => x.category !== 'new').map((x) => `${formatNumber(x.count)} dự án ${x.label.toLowerCase()}`).join(', ')})
            {s.clearance.followedProjects ? `; ${formatNumber(s.clearance.handedOver)}/${formatNumber(s.clearance.followedAffected)} hộ, tổ chức đã bàn giao mặt bằng ở ${formatNumber(s.clearance.followedProjects)} dự án cập nhật đến từng hộ, đến ngày ${formatDate(s.through)}` : ''}
          </a>
        ) : null}
      </div>
      <p>
        <a href={`/kho-tu-lieu/${encodeURIComponent(s.campaign.code)}`}>Kho tư liệu chủ đề năm {s.campaign.year} ›</a>
      </p>
    </section>
  );
}

async function homePage(c: Ctx): Promise<string> {
  const db = c.var.deps.db.db;
  const site = await getSiteSettings(db);
  const now = new Date().toISOString();
  const today = todayVn();
  const campaigns = (await listPublicCampaigns(db)).slice(0, 1);
  const [featured, latest, stats, docs] = await Promise.all([
    listPublicArticles(db, { featured: true, pageSize: 3 }, now),
    listPublicArticles(db, { pageSize: 9 }, now),
    Promise.all(campaigns.map((k) => c.var.deps.portal.figures(db, k.code, publicThrough(k, today)))),
    latestDocuments(c),
  ]);
  const lead = featured.items.length ? featured.items : latest.items.slice(0, 1);
  const rest = latest.items.filter((a) => !lead.some((l) => l.id === a.id)).slice(0, 8);
  const s = stats[0];
  return toHtml(
    <PortalLayout c={c} site={site} head={<link rel="alternate" type="application/rss+xml" title="Tin mới" href="/rss.xml" />}>
      <h1 class="visually-hidden">{site.siteName}</h1>
      {site.intro ? <p class="lead">{site.intro}</p> : null}
      <div class="home-grid">
        <div class="home-main">
          {lead.length ? (
            <section aria-labelledby="tin-noi-bat" class="featured">
              <h2 id="tin-noi-bat">Tin nổi bật</h2>
              {lead.map((a) => (
                <article class="featured-article">
                  {a.coverUrl ? <img src={a.coverUrl} alt="" width={640} height={360} /> : null}
                  <h3>
                    <a href={a.url}>{a.title}</a>
                  </h3>
                  <p class="muted small">
                    {formatDate(a.publishedAt)} · {a.categoryName}
                  </p>
                  {a.summary ? <p>{a.summary}</p> : null}
                </article>
              ))}
            </section>
          ) : null}
          {rest.length ? (
            <section aria-labelledby="tin-moi">
              <h2 id="tin-moi">Tin mới</h2>
              {rest.map((a) => (
                <ArticleCard a={a} />
              ))}
            </section>
          ) : null}
          {!lead.length && !rest.length ? <p>Chưa có bài viết nào được đăng.</p> : null}
        </div>
        <aside class="home-side">
          {docs.length ? (
            <section class="card" aria-labelledby="van-ban-moi">
              <h2 id="van-ban-moi">Văn bản mới</h2>
              <ul class="plain-list">
                {docs.map((d) => (
                  <li>
                    <a href={d.url}>{d.label}</a>
                    <span class="muted small"> — {formatDate(d.date)}</span>
                  </li>
                ))}
              </ul>
              <p>
                <a href="/van-ban">Tất cả văn bản ›</a>
              </p>
            </section>
          ) : null}
          {s && s.exemplary.length ? (
            <section class="card" aria-labelledby="mo-hinh-tieu-bieu">
              <h2 id="mo-hinh-tieu-bieu">Mô hình tiêu biểu</h2>
              <ul class="plain-list">
                {s.exemplary.slice(0, 6).map((m) => (
                  <li>
                    <a href={`/mo-hinh/${encodeURIComponent(m.code)}`}>"{m.name}"</a> <span class="muted small">— {m.by}</span>
                  </li>
                ))}
              </ul>
              <p>
                <a href={`/kho-tu-lieu/${encodeURIComponent(s.campaign.code)}#mo-hinh`}>Xem tất cả {formatNumber(s.exemplary.length)} mô hình tiêu biểu ›</a>
              </p>
            </section>
          ) : null}
        </aside>
      </div>
      {stats.map((x) => (
        <CampaignFigures s={x} />
      ))}
    </PortalLayout>,
  );
}

/** The newest public documents, for the home page (the documents slice owns the archive). */
async function latestDocuments(c: Ctx): Promise<{ url: string; label: string; date: string }[]> {
  const r = await listPublicDocuments(c.var.deps.db.db, { page: 1 });
  return r.items.slice(0, 5).map((d) => ({ url: `/van-ban/${d.id}`, label: `${d.kindLabel} số ${d.number}: ${d.title}`, date: d.date }));
}

/** The article page, rendered with a mark where the view count goes. */
async function articleHtml(c: Ctx, slug: string): Promise<{ id: number; html: string; views: number; updatedAt: string } | null> {
  const db = c.var.deps.db.db;
  const now = new Date().toISOString();
  const a = await getPublicArticle(db, slug, now);
  if (!a) return null;
  const site = await getSiteSettings(db);
  const [trail, related, archive] = await Promise.all([categoryWithDescendants(db, a.category.slug), relatedArticles(db, a, now), a.campaign ? archiveLinkOf(c, a.campaign) : null]);
  const url = `${publicOrigin(c)}${articleUrl(a.slug)}`;
  const description = a.summary ?? '';
  const head = (
    <>
      <link rel="canonical" href={url} />
      <meta name="description" content={description} />
      <meta property="og:type" content="article" />
      <meta property="og:site_name" content={site.siteName} />
      <meta property="og:title" content={a.title} />
      <meta property="og:description" content={description} />
      <meta property="og:url" content={url} />
      <meta property="og:locale" content="vi_VN" />
      {a.coverUrl ? <meta property="og:image" content={`${publicOrigin(c)}${a.coverUrl}`} /> : null}
      <meta property="article:published_time" content={toIsoVn(a.publishedAt!)} />
      <meta property="article:section" content={a.category.name} />
      <link rel="alternate" type="application/rss+xml" title={a.category.name} href={`${categoryUrl(a.category.slug)}/rss.xml`} />
    </>
  );
  const share = encodeURIComponent(url);
  const html = await toHtml(
    <PortalLayout c={c} site={site} title={a.title} head={head}>
      <nav class="breadcrumb" aria-label="Vị trí">
        <a href="/">Trang chủ</a>
        {(trail?.path ?? []).map((p) => (
          <>
            {' › '}
            <a href={p.url}>{p.name}</a>
          </>
        ))}
      </nav>
      <article class="article">
        <h1>{a.title}</h1>
        <ArticleMeta publishedAt={a.publishedAt!} views={VIEWS_MARK} />
        {a.summary ? <p class="lead">{a.summary}</p> : null}
        {a.coverUrl ? <img class="cover" src={a.coverUrl} alt="" /> : null}
        <div class="article-body">{raw(a.body)}</div>
        {a.byline ? <p class="byline">{a.byline}</p> : null}
        <div class="share" aria-label="Chia sẻ">
          <span>Chia sẻ:</span>
          <a href={`https://www.facebook.com/sharer/sharer.php?u=${share}`} rel="noopener noreferrer" target="_blank">
            Facebook
          </a>
          <a href={`https://zalo.me/share?url=${share}`} rel="noopener noreferrer" target="_blank">
            Zalo
          </a>
          <a href={`mailto:?subject=${encodeURIComponent(a.title)}&body=${share}`}>Thư điện tử</a>
        </div>
      </article>
      {related.length ? (
        <section class="related" aria-labelledby="bai-lien-quan">
          <h2 id="bai-lien-quan">Bài viết liên quan</h2>
          <ul>
            {related.map((r) => (
              <li>
                <a href={r.url}>{r.title}</a> <span class="muted small">({formatDate(r.publishedAt)})</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {archive ? (
        <p class="archive-link">
          <a href={archive.url}>{archive.label}</a>
        </p>
      ) : null}
    </PortalLayout>,
  );
  return { id: a.id, html: `<!DOCTYPE html>${html}`, views: a.views, updatedAt: a.updatedAt };
}

async function archiveLinkOf(c: Ctx, code: string): Promise<{ url: string; label: string } | null> {
  const k = (await listPublicCampaigns(c.var.deps.db.db)).find((x) => x.code === code);
  return k ? { url: `/kho-tu-lieu/${encodeURIComponent(k.code)}`, label: `Kho tư liệu chủ đề năm ${k.year}` } : null;
}

/** A cached article page as bytes around its count: encoding ~16 KB of Vietnamese text per view cost a third of the CPU. */
const articleBytes = new WeakMap<RenderedArticle, { head: Buffer; tail: Buffer }>();
/** Article pages being rendered for anonymous visitors, per app (keyed by its page cache). */
const rendering = new WeakMap<object, Map<string, Promise<RenderedArticle | null>>>();

/**
 * GET of an article page: counts the view first (every load counts once, a 304 too), then
 * serves the cached rendering with the count put in.
 */
async function serveArticle(c: Ctx): Promise<Response> {
  const slug = c.req.param('slug') ?? '';
  if (!SLUG.test(slug)) throw notFound('Không tìm thấy bài viết.');
  const { views, articles } = c.var.deps.portal;
  const anonymous = !c.var.actor;
  const key = cacheKey(c, c.var.deps.config, slug);
  let entry = anonymous ? articles.get(key) : undefined;
  if (!entry) {
    const render = async (): Promise<RenderedArticle | null> => {
      const v = portalVersion();
      const r = await articleHtml(c, slug);
      if (!r) return null;
      const [head, tail] = r.html.split(VIEWS_MARK) as [string, string];
      // the ETag covers the whole rendering (menu, related articles…), not the view count
      const e = { id: r.id, head, tail, etag: weakEtag(r.html), lastModified: new Date(r.updatedAt).toUTCString(), base: r.views - views.writtenBy(r.id) };
      if (anonymous) articles.set(key, e, v);
      return e;
    };
    // when the cached page expires under load, the requests that find it gone wait for one rendering
    let inFlight = rendering.get(articles);
    if (!inFlight) rendering.set(articles, (inFlight = new Map<string, Promise<RenderedArticle | null>>()));
    let pending = anonymous ? inFlight.get(key) : undefined;
    if (!pending) {
      pending = render();
      if (anonymous) {
        const mine = inFlight;
        mine.set(key, pending);
        pending.then(
          () => mine.delete(key),
          () => mine.delete(key),
        );
      }
    }
    entry = (await pending) ?? undefined;
    if (!entry) throw notFound('Không tìm thấy bài viết. Bài có thể đã được gỡ xuống hoặc đường dẫn không đúng.');
  }
  // every GET is a view (a revalidation too); a HEAD is a robot's check, not a reader
  const shown = entry.base + (c.req.method === 'GET' ? views.add(entry.id) : views.countedBy(entry.id));
  const headers = { 'Cache-Control': anonymous ? 'no-cache' : 'private, no-cache', ETag: entry.etag, 'Last-Modified': entry.lastModified, Vary: 'Cookie' };
  if (c.req.header('if-none-match') === entry.etag) return c.body(null, 304, headers);
  return c.body(articleBody(entry, shown), 200, { ...headers, 'Content-Type': 'text/html; charset=UTF-8' });
}

/** The page's bytes in three parts: the rendered page before the view count, the count, the rest. */
function articleParts(entry: RenderedArticle, shown: number): [Buffer, Buffer, Buffer] {
  let bytes = articleBytes.get(entry);
  if (!bytes) articleBytes.set(entry, (bytes = { head: Buffer.from(entry.head), tail: Buffer.from(entry.tail) }));
  return [bytes.head, Buffer.from(formatNumber(shown)), bytes.tail];
}

function articleBody(entry: RenderedArticle, shown: number): Uint8Array<ArrayBuffer> {
  const b = Buffer.concat(articleParts(entry, shown));
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** A request as the hot path sees it. */
interface HotRequest {
  /** a GET counts a view; a HEAD does not */
  get: boolean;
  slug: string;
  host: string | undefined;
  /** a cookie or an Authorization header: someone may be signed in, take the full path */
  credentials: boolean;
  ifNoneMatch: string | undefined;
  secure: boolean;
}

/**
 * The hot path (DESIGN §4, §6): an anonymous GET of an article already rendered is answered
 * from the cache — nobody to authenticate, nothing to parse — with the headers the full chain
 * would add. Its view is counted exactly as on the full path; anything else (first render,
 * signed-in visitor, unknown slug) returns null and takes the full path.
 */
function hotArticle(deps: Deps, r: HotRequest): { status: 200 | 304; headers: Record<string, string>; body: [Buffer, Buffer, Buffer] | null } | null {
  if (r.credentials || !SLUG.test(r.slug)) return null;
  // the key the full path stored it under (cacheKey): no valid Host, no hit (the full path answers 400)
  if (!deps.config.publicUrl && !isValidHost(r.host)) return null;
  const entry = deps.portal.articles.get(`${originOf(deps.config.publicUrl, r.secure, r.host ?? '')}|${r.slug}`);
  if (!entry) return null;
  const shown = entry.base + (r.get ? deps.portal.views.add(entry.id) : deps.portal.views.countedBy(entry.id));
  const notModified = r.ifNoneMatch === entry.etag;
  const headers: Record<string, string> = { 'Cache-Control': 'no-cache', ETag: entry.etag, 'Last-Modified': entry.lastModified, Vary: 'Cookie', ...securityHeaderRecord(r.secure) };
  if (notModified) return { status: 304, headers, body: null };
  return { status: 200, headers: { ...headers, 'Content-Type': 'text/html; charset=UTF-8' }, body: articleParts(entry, shown) };
}

/** The hot path as the first route of the app (app.request in tests, any fetch-style server). */
export function fastArticle(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const hit = hotArticle(deps, {
      get: c.req.method === 'GET',
      slug: c.req.param('slug') ?? '',
      // from a socket the Host header only; a fetch-style call (tests) has its URL
      host: c.req.header('host') ?? ((c.env as { incoming?: unknown } | undefined)?.incoming ? undefined : new URL(c.req.url).host),
      credentials: Boolean(c.req.header('cookie') || c.req.header('authorization')),
      ifNoneMatch: c.req.header('if-none-match'),
      secure: isSecure(c, deps),
    });
    if (!hit) return next();
    const body = hit.body ? Buffer.concat(hit.body) : null;
    return new Response(body ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength) : null, { status: hit.status, headers: hit.headers });
  };
}

const ARTICLE_PATH = /^\/bai-viet\/([a-z0-9-]{1,150})(?:\?.*)?$/;

/**
 * The hot path in front of the Node adapter (`kheo serve`): answers straight on the socket,
 * without building a fetch Request and Response — the cost that kept the page under the bar.
 * Returns false for anything it does not answer.
 */
export function nodeHotPath(deps: Deps): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const m = ARTICLE_PATH.exec(req.url ?? '');
    if (!m) return false;
    const h = req.headers;
    const secure = servedOverHttps(deps.config, Boolean((req.socket as { encrypted?: boolean }).encrypted), h['x-forwarded-proto']);
    const hit = hotArticle(deps, { get: req.method === 'GET', slug: m[1]!, host: h.host, credentials: Boolean(h.cookie || h.authorization), ifNoneMatch: h['if-none-match'], secure });
    if (!hit) return false;
    if (hit.body) hit.headers['Content-Length'] = String(hit.body[0].byteLength + hit.body[1].byteLength + hit.body[2].byteLength);
    res.writeHead(hit.status, hit.headers);
    if (!hit.body || req.method === 'HEAD') {
      res.end();
      return true;
    }
    // the three writes go out together (Node corks the socket; end() sends headers and parts in one writev): no copy of the page per view
    res.write(hit.body[0]);
    res.write(hit.body[1]);
    res.end(hit.body[2]);
    return true;
  };
}

async function categoryPage(c: Ctx, slug: string, page: number): Promise<string | null> {
  const db = c.var.deps.db.db;
  const found = await categoryWithDescendants(db, slug);
  if (!found) return null;
  const site = await getSiteSettings(db);
  const list = await listPublicArticles(db, { category: slug, page });
  const { category, path } = found;
  const tree = await categoryTree(db);
  const node = (function find(ns: typeof tree): (typeof tree)[number] | undefined {
    for (const n of ns) {
      if (n.slug === slug) return n;
      const x = find(n.children);
      if (x) return x;
    }
    return undefined;
  })(tree);
  const children = node?.children ?? [];
  return toHtml(
    <PortalLayout c={c} site={site} title={category.name} head={<link rel="alternate" type="application/rss+xml" title={category.name} href={`${categoryUrl(slug)}/rss.xml`} />}>
      <nav class="breadcrumb" aria-label="Vị trí">
        <a href="/">Trang chủ</a>
        {path.slice(0, -1).map((p) => (
          <>
            {' › '}
            <a href={p.url}>{p.name}</a>
          </>
        ))}
      </nav>
      <h1>{category.name}</h1>
      {category.description ? <p class="lead">{category.description}</p> : null}
      {children.length ? (
        <nav class="toolbar" aria-label="Chuyên mục con">
          {children.map((k) => (
            <a class="button secondary" href={k.url}>
              {k.name}
            </a>
          ))}
        </nav>
      ) : null}
      {category.campaign ? (
        <p>
          <a href={`/kho-tu-lieu/${encodeURIComponent(category.campaign)}`}>Kho tư liệu của chủ đề năm ›</a>
        </p>
      ) : null}
      {list.items.length ? (
        <>
          <p class="muted">{formatNumber(list.total)} bài viết</p>
          {list.items.map((a) => (
            <ArticleCard a={a} level={2} />
          ))}
        </>
      ) : (
        <p>{page > 1 ? 'Không còn bài viết ở trang này.' : 'Chuyên mục chưa có bài viết nào.'}</p>
      )}
      <Pages page={page} pages={list.pages} href={(p) => `${categoryUrl(slug)}?trang=${p}`} />
      <p class="muted small">
        <a href={`${categoryUrl(slug)}/rss.xml`}>Theo dõi chuyên mục qua RSS</a>
      </p>
    </PortalLayout>,
  );
}

async function archivePage(c: Ctx, code: string): Promise<string | null> {
  const db = c.var.deps.db.db;
  const a = await archiveOf(db, c.var.deps.portal.figures, code);
  if (!a) return null;
  const site = await getSiteSettings(db);
  return toHtml(
    <PortalLayout c={c} site={site} title={`Kho tư liệu chủ đề năm ${a.campaign.year}`}>
      <nav class="breadcrumb" aria-label="Vị trí">
        <a href="/">Trang chủ</a> › <a href="/kho-tu-lieu">Kho tư liệu</a>
      </nav>
      <h1>Kho tư liệu chủ đề năm {a.campaign.year}</h1>
      <p class="lead">
        "{a.campaign.theme}" — {a.campaign.unitName}
      </p>
      <nav class="toolbar" aria-label="Mục trong kho">
        <a href="#ke-hoach" class="button secondary">
          Kế hoạch, văn bản chỉ đạo ({formatNumber(a.documents.length)})
        </a>
        <a href="#bai-viet" class="button secondary">
          Bài viết ({formatNumber(a.articles.total)})
        </a>
        <a href="#bao-cao" class="button secondary">
          Báo cáo ({formatNumber(a.reports.length)})
        </a>
        <a href="#mo-hinh" class="button secondary">
          Mô hình tiêu biểu ({formatNumber(a.exemplary.length)})
        </a>
      </nav>
      <section id="ke-hoach" class="card">
        <h2>Kế hoạch và văn bản chỉ đạo</h2>
        {a.documents.length ? (
          <ul class="plain-list">
            {a.documents.map((d) => (
              <li>
                <a href={d.url}>
                  {d.kindLabel} số {d.number}
                </a>{' '}
                ngày {formatDate(d.date)} của {d.issuer}: {d.title}
                {d.isPlan ? <strong> (kế hoạch thực hiện chủ đề)</strong> : null}
              </li>
            ))}
          </ul>
        ) : (
          <p>Chưa có văn bản.</p>
        )}
      </section>
      <section id="bai-viet" class="card">
        <h2>Hoạt động của chủ đề năm {a.campaign.year}</h2>
        {a.articles.items.length ? (
          a.articles.items.map((x) => <ArticleCard a={x} />)
        ) : (
          <p>Chưa có bài viết.</p>
        )}
        {a.articles.total > a.articles.items.length && a.category ? (
          <p>
            <a href={categoryUrl(a.category)}>Xem tất cả {formatNumber(a.articles.total)} bài viết ›</a>
          </p>
        ) : null}
      </section>
      <section id="bao-cao" class="card">
        <h2>Báo cáo kết quả</h2>
        {a.reports.length ? (
          <ul class="plain-list">
            {a.reports.map((r) => (
              <li>
                <a href={r.url}>{r.title}</a> <span class="muted small">({formatDate(r.date)})</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>Chưa có báo cáo được công bố.</p>
        )}
      </section>
      <section id="mo-hinh" class="card">
        <h2>Mô hình "Dân vận khéo" tiêu biểu</h2>
        {a.exemplary.length ? (
          <ul class="plain-list">
            {a.exemplary.map((m) => (
              <li>
                <a href={`/mo-hinh/${encodeURIComponent(m.code)}`}>Mô hình "{m.name}"</a> của {m.by}
              </li>
            ))}
          </ul>
        ) : (
          <p>Chưa có mô hình tiêu biểu.</p>
        )}
        {a.rewards.map((d) => (
          <p>
            <a href={`/khen-thuong/${encodeURIComponent(d.number)}`}>
              Quyết định khen thưởng số {d.number} ngày {formatDate(d.date)}
            </a>{' '}
            — {formatNumber(d.count)} mô hình
          </p>
        ))}
      </section>
    </PortalLayout>,
  );
}

export const articlePages = new Hono<AppEnv>()
  .get('/', (c) => cachedPage(c, 'home', () => homePage(c)))
  .get('/bai-viet/:slug', (c) => serveArticle(c))
  .get('/chuyen-muc/:slug', async (c) => {
    const slug = c.req.param('slug');
    if (!SLUG.test(slug)) throw notFound('Không tìm thấy chuyên mục.');
    const found = await categoryWithDescendants(c.var.deps.db.db, slug);
    if (!found) throw notFound('Không tìm thấy chuyên mục.');
    if (found.category.link) return c.redirect(found.category.link, 302);
    const page = pageParam(c.req.query('trang'));
    return cachedPage(c, `cat:${slug}:${page}`, async () => (await categoryPage(c, slug, page))!);
  })
  .get('/kho-tu-lieu', async (c) => {
    const db = c.var.deps.db.db;
    const campaigns = await listPublicCampaigns(db);
    const site = await getSiteSettings(db);
    return render(
      c,
      <PortalLayout c={c} site={site} title="Kho tư liệu chủ đề năm">
        <h1>Kho tư liệu chủ đề năm</h1>
        {campaigns.length ? (
          <ul class="plain-list">
            {campaigns.map((k) => (
              <li>
                <a href={`/kho-tu-lieu/${encodeURIComponent(k.code)}`}>
                  Năm {k.year}: "{k.theme}"
                </a>{' '}
                <span class="muted">— {k.unitName}</span>
              </li>
            ))}
          </ul>
        ) : (
          <p>Chưa có chủ đề năm nào được công bố.</p>
        )}
      </PortalLayout>,
    );
  })
  .get('/kho-tu-lieu/:code', async (c) => {
    const code = c.req.param('code');
    if (code.length > 64 || !(await listPublicCampaigns(c.var.deps.db.db)).some((k) => k.code === code)) throw notFound('Không tìm thấy chủ đề năm.');
    return cachedPage(c, `kho:${code}`, async () => (await archivePage(c, code)) ?? '');
  })
  .get('/anh/:id', async (c) => {
    const id = Number(c.req.param('id'));
    const db = c.var.deps.db.db;
    if (!Number.isInteger(id) || id < 1 || id > 2_147_483_647 || !(await isPublicCover(db, id, new Date().toISOString()))) throw notFound('Không tìm thấy ảnh.');
    const f = await findFile(db, id);
    if (!f || !f.mime.startsWith('image/')) throw notFound('Không tìm thấy ảnh.');
    const etag = `"${f.sha256.slice(0, 32)}"`;
    const headers = { 'Content-Type': f.mime, 'Cache-Control': 'public, max-age=86400', ETag: etag, 'Content-Security-Policy': "default-src 'none'; sandbox" };
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
    return c.body(new Uint8Array(f.data), 200, { ...headers, 'Content-Length': String(f.size) });
  });

