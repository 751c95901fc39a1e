/**
 * The portal's articles and categories through the real app and database: the workflow and
 * who may do what, sanitising, scheduled publishing, exact view counts under concurrent loads
 * (304s included), caching that never shows stale content after a write, feeds, the public
 * API and the bundle round trip.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { depsOf } from '../../app.js';
import { Client, createTestApp, type TestApp } from '../../../test/support/http.js';
import { actorOf, system } from '../../../test/support/fixtures.js';
import { createTestDb } from '../../../test/support/db.js';
import type { Tx } from '../../db/index.js';
import { bundle } from '../exchange/registry.js';
import * as portal from './portal.service.js';
import { findArticleBySlug } from './portal.repository.js';
import { nodeHotPath } from './portal.articles.js';
import { getRequestListener } from '@hono/node-server';
import { createServer } from 'node:http';
import { connect, type AddressInfo } from 'node:net';

let t: TestApp;
const inTx = <T>(fn: (trx: Tx) => Promise<T>): Promise<T> => t.db.db.transaction().execute((trx) => fn(trx));
const anon = () => new Client(t);
const views = async (slug: string) => Number((await findArticleBySlug(t.db.db, slug))!.views);
const flush = () => depsOf(t.app).portal.views.flush();

beforeAll(async () => {
  t = await createTestApp();
  await inTx(async (trx) => {
    await portal.createCategory(trx, { actor: system, input: { slug: 'tin-tuc', name: 'Tin tức' } });
    await portal.createCategory(trx, { actor: system, input: { slug: 'dan-van', name: 'Công tác dân vận', parent: 'tin-tuc' } });
    await portal.createCategory(trx, { actor: system, input: { slug: 'gpmb', name: 'Giải phóng mặt bằng', parent: 'tin-tuc' } });
    await portal.createCategory(trx, { actor: system, input: { slug: 'van-ban', name: 'Văn bản', link: '/van-ban' } });
  });
  // an editor works in the categories assigned to them (none without: see the test below)
  const editor = await actorOf(t.db.db, 'editor-a');
  await inTx((trx) => portal.setCategoryEditors(trx, { actor: system, slug: 'dan-van', userIds: [editor.userId] }));
});
afterAll(() => t.close());

async function publish(title: string, extra: Record<string, unknown> = {}) {
  return inTx((trx) => portal.createArticle(trx, { actor: system, imported: true, input: { category: 'dan-van', title, body: '<p>Nội dung</p>', publishedAt: '2021-10-06T09:39', status: 'published', ...extra } }));
}

describe('articles: writing and the workflow', () => {
  it('makes the slug from the folded Vietnamese title, and a free one when it is taken', async () => {
    const a = await publish('Kết quả 9 tháng “Dân vận khéo” — Đường Hòa');
    expect(a.slug).toBe('ket-qua-9-thang-dan-van-kheo-duong-hoa');
    const b = await publish('Kết quả 9 tháng “Dân vận khéo” — Đường Hòa');
    expect(b.slug).toBe('ket-qua-9-thang-dan-van-kheo-duong-hoa-2');
  });

  it('every image of a published body has a text alternative: an editor publishing is refused naming the image; an import gets one by rule', async () => {
    const body = '<p>Giao ban.</p><p><img src="/tep/1.jpg" alt="Hội nghị giao ban quý I"></p><p><img src="/tep/2.jpg"></p><figure><img src="/tep/3.jpg" alt=" "><figcaption>Đối thoại tại phường Thạch Bàn</figcaption></figure>';
    const draft = await inTx((trx) => portal.createArticle(trx, { actor: system, input: { category: 'dan-van', title: 'Ảnh giao ban', body } }));
    // a draft may wait for its descriptions; publishing it may not
    await expect(inTx((trx) => portal.publishArticle(trx, { actor: system, id: draft.id }))).rejects.toMatchObject({
      status: 422,
      issues: [{ field: 'body', message: 'Nội dung: ảnh thứ 2 (/tep/2.jpg), ảnh thứ 3 (/tep/3.jpg) chưa có lời mô tả ảnh (thuộc tính alt) — hãy nhập lời mô tả cho người đọc không xem được ảnh trước khi đăng bài' }],
    });
    await expect(inTx((trx) => portal.createArticle(trx, { actor: system, input: { category: 'dan-van', title: 'Ảnh giao ban 2', body, status: 'published' } }))).rejects.toMatchObject({ status: 422, issues: [{ field: 'body' }] });
    expect((await portal.getArticleForEdit(t.db.db, system, draft.id)).status).toBe('draft');
    const fixed = body.replace('<img src="/tep/2.jpg">', '<img src="/tep/2.jpg" alt="Tổ dân vận đến từng hộ">').replace('alt=" "', 'alt="Đối thoại"');
    await inTx((trx) => portal.updateArticle(trx, { actor: system, id: draft.id, input: { category: 'dan-van', title: 'Ảnh giao ban', body: fixed } }));
    expect((await inTx((trx) => portal.publishArticle(trx, { actor: system, id: draft.id }))).status).toBe('published');
    // an import: the figure's caption, the image's title, else "Ảnh minh họa: <title>"
    await t.db.db.transaction().execute((trx) =>
      bundle.importBundle(trx, system, { version: 1, articles: [{ slug: 'anh-nhap', category: 'dan-van', title: 'Ảnh nhập “quý I”', publishedAt: '2021-04-02T08:00', body: `${body}<p><img src="/tep/4.jpg" title="Tổng kết"></p>` }] }),
    );
    const imported = (await findArticleBySlug(t.db.db, 'anh-nhap'))!;
    expect(imported.status).toBe('published');
    expect([...imported.body.matchAll(/<img [^>]*>/g)].map((m) => /alt="([^"]*)"/.exec(m[0])?.[1])).toEqual(['Hội nghị giao ban quý I', 'Ảnh minh họa: Ảnh nhập “quý I”', 'Đối thoại tại phường Thạch Bàn', 'Tổng kết']);
    const page = await (await anon().request('/bai-viet/anh-nhap')).text();
    expect(page).toContain('<img alt="Ảnh minh họa: Ảnh nhập “quý I”" src="/tep/2.jpg" />');
  });

  it('sanitises the body: no script, no event handlers, no javascript: links, no styles', async () => {
    const a = await inTx((trx) =>
      portal.createArticle(trx, {
        actor: system,
        input: {
          category: 'dan-van',
          title: 'Bài có mã độc',
          body: '<p style="color:red" onclick="alert(1)">Dân vận <b>khéo</b><script>alert(2)</script><a href="javascript:alert(3)">x</a><img src=x onerror="alert(4)"><svg onload="alert(5)"></svg><iframe src="https://evil"></iframe></p>',
        },
      }),
    );
    expect(a.body).toMatch(/^<p>Dân vận <b>khéo<\/b><a>x<\/a>/);
    expect(a.body).not.toMatch(/script|onclick|onerror|onload|javascript:|style=|iframe|svg|alert/i);
  });

  it('keeps plain-text paragraphs of an import, escaped', async () => {
    const a = await inTx((trx) => portal.createArticle(trx, { actor: system, input: { category: 'dan-van', title: 'Bài thuần văn bản', body: 'Đoạn một & <hai>\n\nĐoạn ba' } }));
    expect(a.body).toBe('<p>Đoạn một &amp; &lt;hai&gt;</p>\n<p>Đoạn ba</p>');
  });

  it('lets an officer write and send for review, but only an editor publish; a return needs a note', async () => {
    const officer = await actorOf(t.db.db, 'officer-a');
    const editor = await actorOf(t.db.db, 'editor-a');
    const draft = await inTx((trx) => portal.createArticle(trx, { actor: officer, input: { category: 'dan-van', title: 'Tin của phường Ánh Dương', body: '<p>Tin</p>' } }));
    expect(draft.status).toBe('draft');
    await expect(inTx((trx) => portal.publishArticle(trx, { actor: officer, id: draft.id }))).rejects.toMatchObject({ status: 403 });
    await expect(inTx((trx) => portal.createArticle(trx, { actor: officer, input: { category: 'dan-van', title: 'Đăng thẳng', status: 'published' } }))).rejects.toMatchObject({ status: 403 });
    await inTx((trx) => portal.submitArticle(trx, { actor: officer, id: draft.id }));
    await expect(inTx((trx) => portal.returnArticle(trx, { actor: editor, id: draft.id, note: '  ' }))).rejects.toMatchObject({ status: 422 });
    const back = await inTx((trx) => portal.returnArticle(trx, { actor: editor, id: draft.id, note: 'Bổ sung ảnh' }));
    expect(back).toMatchObject({ status: 'draft', reviewNote: 'Bổ sung ảnh' });
    await inTx((trx) => portal.submitArticle(trx, { actor: officer, id: draft.id }));
    const live = await inTx((trx) => portal.publishArticle(trx, { actor: editor, id: draft.id }));
    expect(live.status).toBe('published');
    // a live article is changed only by someone who may publish
    await expect(inTx((trx) => portal.updateArticle(trx, { actor: officer, id: draft.id, input: { category: 'dan-van', title: 'Sửa lén' } }))).rejects.toMatchObject({ status: 403 });
    expect((await anon().request(`/bai-viet/${live.slug}`)).status).toBe(200);
  });

  it('limits an editor to the categories assigned to them', async () => {
    const editor = await actorOf(t.db.db, 'editor-a');
    await inTx((trx) => portal.setCategoryEditors(trx, { actor: system, slug: 'dan-van', userIds: [] }));
    await inTx((trx) => portal.setCategoryEditors(trx, { actor: system, slug: 'gpmb', userIds: [editor.userId] }));
    await expect(inTx((trx) => portal.createArticle(trx, { actor: editor, input: { category: 'dan-van', title: 'Ngoài phân công' } }))).rejects.toMatchObject({ status: 403 });
    const ok = await inTx((trx) => portal.createArticle(trx, { actor: editor, input: { category: 'gpmb', title: 'Trong phân công' } }));
    expect(ok.category.slug).toBe('gpmb');
    await inTx((trx) => portal.setCategoryEditors(trx, { actor: system, slug: 'gpmb', userIds: [] }));
    await inTx((trx) => portal.setCategoryEditors(trx, { actor: system, slug: 'dan-van', userIds: [editor.userId] }));
  });

  it('lets an editor with no category assigned write and publish in none (docs/architecture.md, Portal), while an officer still writes drafts anywhere', async () => {
    const editor = await actorOf(t.db.db, 'editor-a');
    const officer = await actorOf(t.db.db, 'officer-a');
    await inTx((trx) => portal.setCategoryEditors(trx, { actor: system, slug: 'dan-van', userIds: [] }));
    try {
      expect(await inTx((trx) => portal.writableCategoryIds(trx, editor))).toEqual(new Set());
      for (const category of ['dan-van', 'gpmb', 'tin-tuc'])
        await expect(inTx((trx) => portal.createArticle(trx, { actor: editor, input: { category, title: 'Không phân công', status: 'published' } }))).rejects.toThrow(/chưa được phân công chuyên mục nào/);
      // an officer's draft waits for review; the unassigned editor may not publish it either
      const draft = await inTx((trx) => portal.createArticle(trx, { actor: officer, input: { category: 'gpmb', title: 'Bản thảo của cán bộ', body: '<p>x</p>' } }));
      await inTx((trx) => portal.submitArticle(trx, { actor: officer, id: draft.id }));
      await expect(inTx((trx) => portal.publishArticle(trx, { actor: editor, id: draft.id }))).rejects.toMatchObject({ status: 403 });
      // the admin form offers them no category
      const c = new Client(t);
      await c.login('editor-a');
      const form = await (await c.request('/quan-tri/bai-viet/moi')).text();
      expect(form).not.toContain('value="dan-van"');
      expect(form).not.toContain('value="gpmb"');
    } finally {
      await inTx((trx) => portal.setCategoryEditors(trx, { actor: system, slug: 'dan-van', userIds: [editor.userId] }));
    }
  });

  it('refuses a category under itself, and articles in a category that is a link', async () => {
    await expect(inTx((trx) => portal.updateCategory(trx, { actor: system, slug: 'tin-tuc', input: { name: 'Tin tức', parent: 'dan-van' } }))).rejects.toMatchObject({ status: 422 });
    await expect(inTx((trx) => portal.createArticle(trx, { actor: system, input: { category: 'van-ban', title: 'Không được' } }))).rejects.toMatchObject({ status: 422, issues: [{ field: 'category' }] });
    const r = await anon().request('/chuyen-muc/van-ban');
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe('/van-ban');
  });
});

describe('the public side', () => {
  it('shows a scheduled article only once its time has come', async () => {
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const a = await inTx((trx) => portal.createArticle(trx, { actor: system, input: { category: 'dan-van', title: 'Bài hẹn giờ đăng', body: '<p>Sắp đăng</p>' } }));
    const s = await inTx((trx) => portal.publishArticle(trx, { actor: system, id: a.id, at: future }));
    expect(s.scheduled).toBe(true);
    expect((await anon().request(`/bai-viet/${a.slug}`)).status).toBe(404);
    expect(await (await anon().request('/rss.xml')).text()).not.toContain('Bài hẹn giờ đăng');
    expect(JSON.stringify(await (await anon().request('/api/v1/articles?q=hen+gio')).json())).not.toContain('Bài hẹn giờ đăng');
    // its time comes (moved into the past by republishing)
    await inTx(async (trx) => {
      await portal.unpublishArticle(trx, { actor: system, id: a.id });
      await portal.publishArticle(trx, { actor: system, id: a.id, at: new Date(Date.now() - 1000).toISOString() });
    });
    expect((await anon().request(`/bai-viet/${a.slug}`)).status).toBe(200);
  });

  it('renders the article as the seed shows it, with the title escaped everywhere', async () => {
    const a = await publish('Tin <script>alert(1)</script> "Dân vận khéo"', { summary: 'Tóm <b>tắt</b>', views: 1327 });
    const html = await (await anon().request(`/bai-viet/${a.slug}`)).text();
    expect(html).toContain('Ngày đăng 06/10/2021 | 09:39 | Lượt xem: <span class="views">1.328</span>');
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('Tin &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('<meta property="og:title" content="Tin &lt;script&gt;');
    const rss = await (await anon().request('/chuyen-muc/dan-van/rss.xml')).text();
    expect(rss).toContain('<title>Tin &lt;script&gt;alert(1)&lt;/script&gt; &quot;Dân vận khéo&quot;</title>');
    expect(rss).not.toContain('<script>');
    const api = (await (await anon().request('/api/v1/articles?category=dan-van')).json()) as { items: { title: string }[] };
    expect(api.items.some((i) => i.title === 'Tin <script>alert(1)</script> "Dân vận khéo"')).toBe(true);
  });

  it('answers unknown slugs with a Vietnamese 404 and absurd pages with a clean page', async () => {
    const r = await anon().request('/bai-viet/khong-co-bai-nay');
    expect(r.status).toBe(404);
    expect(await r.text()).toContain('Không tìm thấy bài viết');
    expect((await anon().request('/bai-viet/%3Cscript%3E')).status).toBe(404);
    expect((await anon().request(`/bai-viet/${'a'.repeat(5000)}`)).status).toBe(404);
    for (const p of ['0', '-1', '99999999999', 'abc', '1e9']) expect((await anon().request(`/chuyen-muc/dan-van?trang=${p}`)).status).toBe(200);
    const api = await anon().request(`/api/v1/articles?q=${'x'.repeat(3000)}&page=-5`);
    expect(api.status).toBe(200);
    expect((await anon().request('/chuyen-muc/khong-co')).status).toBe(404);
  });

  it('counts every load exactly once: 400 concurrent loads add 400 views, 304s included', async () => {
    const a = await publish('Bài đếm lượt xem');
    await flush();
    const before = await views(a.slug);
    const res = await Promise.all(Array.from({ length: 400 }, () => anon().request(`/bai-viet/${a.slug}`)));
    expect(res.every((r) => r.status === 200)).toBe(true);
    await flush();
    expect(await views(a.slug)).toBe(before + 400);
    // a revalidation (304) is a load too
    const etag = res[0]!.headers.get('etag')!;
    const again = await anon().request(`/bai-viet/${a.slug}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    await flush();
    expect(await views(a.slug)).toBe(before + 401);
    // the page shows its own view
    const shown = await (await anon().request(`/bai-viet/${a.slug}`)).text();
    expect(shown).toContain(`Lượt xem: <span class="views">${before + 402}</span>`);
    await flush();
    expect(await views(a.slug)).toBe(before + 402);
  });

  it('shows an edit at once, though the page is cached', async () => {
    const a = await publish('Bài sẽ được sửa');
    expect(await (await anon().request(`/bai-viet/${a.slug}`)).text()).toContain('Bài sẽ được sửa');
    await inTx((trx) => portal.updateArticle(trx, { actor: system, id: a.id, input: { category: 'dan-van', title: 'Bài đã được sửa', body: '<p>Mới</p>' } }));
    const html = await (await anon().request(`/bai-viet/${a.slug}`)).text();
    expect(html).toContain('Bài đã được sửa');
    expect(await (await anon().request('/')).text()).toContain('Bài đã được sửa');
    await inTx((trx) => portal.unpublishArticle(trx, { actor: system, id: a.id }));
    expect((await anon().request(`/bai-viet/${a.slug}`)).status).toBe(404);
  });

  it('serves feeds, a sitemap and robots.txt', async () => {
    const a = await publish('Bài trong sơ đồ cổng');
    const sm = await (await anon().request('/sitemap.xml')).text();
    expect(sm).toContain(`/bai-viet/${a.slug}</loc>`);
    expect(sm).not.toContain('/chuyen-muc/van-ban<');
    const robots = await (await anon().request('/robots.txt')).text();
    expect(robots).toMatch(/Disallow: \/quan-tri/);
    expect(robots).toMatch(/Sitemap: http:\/\/localhost\/sitemap.xml/);
    expect((await anon().request('/chuyen-muc/khong-co/rss.xml')).status).toBe(404);
  });
});

describe('the API and the bundle', () => {
  it('writes and publishes through the API with the right roles', async () => {
    const editor = new Client(t);
    await editor.login('editor-a');
    const created = await editor.request('/api/v1/articles', { method: 'POST', json: { category: 'dan-van', title: 'Bài qua API', body: '<p>x</p>' } });
    expect(created.status).toBe(201);
    const { slug } = (await created.json()) as { slug: string };
    expect((await anon().request(`/api/v1/articles/${slug}`)).status).toBe(404);
    const bad = await editor.request(`/api/v1/articles/${slug}/publish`, { method: 'POST', json: { at: '31/02/2021 10:00' } });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('Thời điểm đăng');
    const pub = await editor.request(`/api/v1/articles/${slug}/publish`, { method: 'POST', json: {} });
    expect(pub.status).toBe(200);
    expect((await anon().request(`/api/v1/articles/${slug}`)).status).toBe(200);
    const viewer = new Client(t);
    await viewer.login('viewer-a');
    expect((await viewer.request('/api/v1/articles', { method: 'POST', json: { category: 'dan-van', title: 'Không được' } })).status).toBe(403);
    const noTitle = await editor.request('/api/v1/articles', { method: 'POST', json: { category: 'dan-van', title: '' } });
    expect(noTitle.status).toBe(422);
    expect(((await noTitle.json()) as { error: { field: string } }).error.field).toBe('title');
  });

  it('exports categories and articles and imports them into an empty database unchanged', async () => {
    await publish('Bài có liên quan', { related: [] });
    const b = await bundle.exportBundle(t.db.db, system);
    const other = await createTestDb();
    try {
      await other.db.transaction().execute(async (trx) => {
        // the units and campaigns the articles refer to come with the same bundle
        await bundle.importBundle(trx, system, b);
      });
      const again = await bundle.exportBundle(other.db, system);
      expect(again.categories).toEqual(b.categories);
      expect(again.articles).toEqual(b.articles);
    } finally {
      await other.destroy();
    }
  });
});

describe('review fixes', () => {
  it('keeps a forged Host out of the sitemap served to others', async () => {
    await publish('Bài làm mới sơ đồ cổng');
    await anon().request('/sitemap.xml', { headers: { host: 'evil.example' } });
    const real = await (await anon().request('/sitemap.xml', { headers: { host: 'portal.gov.vn' } })).text();
    expect(real).not.toContain('evil.example');
    expect(real).toContain('http://portal.gov.vn/');
  });

  it('serves in the public article API what the page shows, and nothing internal', async () => {
    const a = await publish('Bài trong API công khai');
    const j = (await (await anon().request(`/api/v1/articles/${a.slug}`)).json()) as Record<string, unknown>;
    expect(Object.keys(j).sort()).toEqual(['body', 'byline', 'category', 'coverUrl', 'publishedAt', 'related', 'slug', 'summary', 'title', 'url', 'views']);
  });

  it('takes a view count or a status only from a bundle import by an installation admin', async () => {
    const wardAdmin = new Client(t);
    await wardAdmin.login('admin-a');
    const made = await wardAdmin.request('/api/v1/articles', { method: 'POST', json: { category: 'dan-van', title: 'Bài của phường A', views: 987654 } });
    expect(made.status).toBe(201);
    const { slug } = (await made.json()) as { slug: string };
    const put = await wardAdmin.request(`/api/v1/articles/${slug}`, { method: 'PUT', json: { category: 'dan-van', title: 'Bài của phường A', views: 987654 } });
    expect(((await put.json()) as { views: number }).views).toBe(0);
    expect(await views(slug)).toBe(0);
  });

  it("does not export another level's unpublished articles to a ward admin", async () => {
    await inTx((trx) => portal.createArticle(trx, { actor: system, input: { category: 'dan-van', title: 'Bản nháp cấp thành phố' } }));
    const wardAdmin = await actorOf(t.db.db, 'admin-a');
    const b = await bundle.exportBundle(t.db.db, wardAdmin);
    expect((b.articles as { title: string }[]).some((x) => x.title === 'Bản nháp cấp thành phố')).toBe(false);
  });

  it('counts GETs, not HEADs', async () => {
    const a = await publish('Bài được kiểm tra bằng HEAD');
    await anon().request(`/bai-viet/${a.slug}`);
    await flush();
    const before = await views(a.slug);
    for (let i = 0; i < 3; i++) expect((await anon().request(`/bai-viet/${a.slug}`, { method: 'HEAD' })).status).toBe(200);
    await flush();
    expect(await views(a.slug)).toBe(before);
  });

  it('answers a cached page on the socket (kheo serve) with the bytes, headers and count of the full path', async () => {
    const a = await publish('Bài trả lời thẳng trên kết nối');
    const hot = nodeHotPath(depsOf(t.app));
    const listener = getRequestListener(t.app.fetch);
    let answered = 0;
    const server = createServer((req, res) => {
      if (hot(req, res)) answered++;
      else void listener(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/bai-viet/${a.slug}`;
      const full = await fetch(url); // renders and caches the page
      const fullText = await full.text();
      expect(answered).toBe(0);
      const fast = await fetch(url);
      const bytes = Buffer.from(await fast.arrayBuffer());
      expect(answered).toBe(1);
      expect(fast.headers.get('content-length')).toBe(String(bytes.byteLength));
      for (const h of ['content-type', 'etag', 'cache-control', 'content-security-policy', 'x-frame-options']) expect(fast.headers.get(h)).toBe(full.headers.get(h));
      const count = (html: string) => Number(/<span class="views">([\d.]+)<\/span>/.exec(html)?.[1]?.replace(/\./g, ''));
      const text = bytes.toString('utf8');
      expect(count(text)).toBe(count(fullText) + 1);
      expect(text.replace(/<span class="views">[\d.]+/, '')).toBe(fullText.replace(/<span class="views">[\d.]+/, ''));
      // on the wire: exactly Content-Length bytes after the headers (a client stops reading at the header's count)
      const port = (server.address() as AddressInfo).port;
      const raw = await new Promise<Buffer>((resolve, reject) => {
        const chunks: Buffer[] = [];
        const sock = connect(port, '127.0.0.1', () => sock.write(`GET /bai-viet/${a.slug} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`));
        sock.on('data', (d: Buffer) => chunks.push(d));
        sock.on('end', () => resolve(Buffer.concat(chunks)));
        sock.on('error', reject);
      });
      const split = raw.indexOf('\r\n\r\n');
      const declared = Number(/\r\ncontent-length: (\d+)/i.exec(raw.subarray(0, split).toString('latin1'))?.[1]);
      expect(raw.byteLength - split - 4).toBe(declared);
      expect(answered).toBe(2);
      const head = await fetch(url, { method: 'HEAD' });
      expect(answered).toBe(3);
      expect(head.headers.get('content-length')).toBe(String(bytes.byteLength));
      expect(await head.text()).toBe('');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("changes the article page's ETag when anything on it changes, a related title too", async () => {
    const r = await publish('Bài AAAA liên quan');
    const a = await publish('Bài có bài liên quan', { related: [r.slug] });
    const etag = (await anon().request(`/bai-viet/${a.slug}`)).headers.get('etag')!;
    await inTx((trx) => portal.updateArticle(trx, { actor: system, id: r.id, input: { category: 'dan-van', title: 'Bài BBBB liên quan', body: '<p>x</p>' } }));
    const again = await anon().request(`/bai-viet/${a.slug}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain('Bài BBBB liên quan');
  });

  it('refuses a category link that leaves the portal', async () => {
    await expect(inTx((trx) => portal.createCategory(trx, { actor: system, input: { name: 'Lạ', link: '/\\evil.example' } }))).rejects.toMatchObject({ status: 422 });
  });
});
