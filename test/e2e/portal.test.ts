/**
 * The public portal in a real browser (issue #9, item 7): axe-core finds no serious or critical
 * WCAG 2.1 AA violation on the portal's pages; the reader tools (font size, high contrast) work
 * and are remembered; the category menu opens by keyboard; a phone shows no horizontal scroll;
 * the portal works with JavaScript off; the admin's rich-text editor writes HTML into its
 * textarea. Screenshots go to test-results/.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/policy/policy.js';
import { bundle } from '../../src/features/exchange/registry.js';
import { createArticle, createCategory, categoryWithDescendants, getPublicArticle } from '../../src/features/portal/portal.service.js';
import { haveChromium, launch } from './browser.js';
import { ADMIN_PASSWORD, startDemoServer } from './server.js';

const SHOTS = 'test-results';
const SEED_SLUG = 'ket-qua-9-thang-thuc-hien-chu-de-nam-dan-van-kheo-trong-tam-cong-tac-gpmb-cua-quan';
const ARTICLE = `/bai-viet/${SEED_SLUG}`;
const CATEGORY = '/chuyen-muc/hoat-dong-cua-chu-de-nam-2021';
const ARCHIVE = '/kho-tu-lieu/LB-2021';

/** The pages axe must find clean (issue #9 "Done when"), and two looks of them. */
const AXE_PAGES: { name: string; path: string; width?: number; contrast?: boolean }[] = [
  { name: 'trang chủ', path: '/' },
  { name: 'bài viết', path: ARTICLE },
  { name: 'chuyên mục', path: CATEGORY },
  { name: 'kho tư liệu', path: ARCHIVE },
  { name: 'tìm kiếm', path: '/tim-kiem?q=dan+van+kheo' },
  { name: 'văn bản', path: '/van-ban' },
  { name: 'bài viết trên điện thoại', path: ARTICLE, width: 375 },
  { name: 'trang chủ, tương phản cao', path: '/', contrast: true },
];

const require = createRequire(import.meta.url);

// Code run in the page is written as text (the project compiles without the DOM library):
// `fn` is a function's source, called with `arg`, or with the element `selector` finds.
const inPage = <T>(page: Page, fn: string, arg: unknown = null): Promise<T> => page.evaluate<T>(`(${fn})(${JSON.stringify(arg)})`);
const onElement = <T>(page: Page, selector: string, fn: string): Promise<T> => inPage<T>(page, `(s) => (${fn})(document.querySelector(s))`, selector);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

interface AxeNode {
  target: string[];
  html: string;
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  helpUrl: string;
  nodes: AxeNode[];
}

/** The violations, one readable block each: rule, impact, help, then each element and why. */
function describeViolations(violations: AxeViolation[]): string {
  return violations
    .map((v) =>
      [
        `[${v.impact}] ${v.id}: ${v.help} (${v.nodes.length})`,
        `  ${v.helpUrl}`,
        ...v.nodes.slice(0, 8).map((n) => `  • ${n.target.join(' ')}\n      ${n.html.slice(0, 160)}\n      ${(n.failureSummary ?? '').replace(/\n\s*/g, ' / ')}`),
      ].join('\n'),
    )
    .join('\n');
}

/** Until the demo carries the seed article, the test writes a stand-in through the services. */
async function ensureSeedArticle(server: Awaited<ReturnType<typeof startDemoServer>>): Promise<void> {
  const db = server.db.db;
  if (await getPublicArticle(db, SEED_SLUG)) return;
  console.warn('Dữ liệu mẫu chưa có bài viết gốc: kiểm thử tự tạo bài thay thế.');
  const actor = systemActor();
  await db.transaction().execute(async (trx) => {
    if (!(await categoryWithDescendants(trx, 'van-ban-chi-dao'))) await createCategory(trx, { actor, input: { slug: 'van-ban-chi-dao', name: 'Văn bản chỉ đạo', inMenu: true } });
    if (!(await categoryWithDescendants(trx, 'hoat-dong-cua-chu-de-nam-2021')))
      await createCategory(trx, { actor, input: { slug: 'hoat-dong-cua-chu-de-nam-2021', name: 'Hoạt động của chủ đề năm 2021', parent: 'van-ban-chi-dao', inMenu: true, campaign: 'LB-2021' } });
    const text = readFileSync(new URL('../../../shared/seed/long-bien-2021-9-thang.txt', import.meta.url), 'utf8').split('\n').slice(8, 24).join('\n');
    await createArticle(trx, {
      actor,
      input: { slug: SEED_SLUG, category: 'hoat-dong-cua-chu-de-nam-2021', title: 'Kết quả 9 tháng thực hiện chủ đề “Năm Dân vận khéo, trọng tâm công tác GPMB” của Quận', body: text, publishedAt: '06/10/2021 09:39', views: 1327, featured: true },
    });
  });
}

describe.skipIf(!haveChromium)('the portal in a real browser', () => {
  let browser: Browser;
  let server: Awaited<ReturnType<typeof startDemoServer>>;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    [browser, server] = await Promise.all([launch(), startDemoServer()]);
    await ensureSeedArticle(server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.cleanup();
  });

  /** A context with the CSP enforced; every CSP refusal and script error is collected. */
  const newContext = async (opts: { width?: number; javaScriptEnabled?: boolean } = {}): Promise<BrowserContext> => {
    const ctx = await browser.newContext({ viewport: { width: opts.width ?? 1280, height: 900 }, locale: 'vi-VN', javaScriptEnabled: opts.javaScriptEnabled ?? true });
    ctx.on('console', (m) => {
      if (/Content Security Policy|Refused to/i.test(m.text())) pageErrors.push(m.text());
    });
    ctx.on('weberror', (e) => pageErrors.push(String(e.error())));
    return ctx;
  };

  const open = async (page: Page, path: string): Promise<void> => {
    const r = await page.goto(`${server.url}${path}`);
    if (!r || r.status() !== 200) throw new Error(`${path} trả về ${r?.status()}: trang này chưa có — báo cho trưởng nhóm.`);
  };

  describe('axe-core finds no serious or critical violation', () => {
    let ctx: BrowserContext;
    beforeAll(async () => {
      // axe is injected as an inline script, which the portal's CSP rightly refuses
      ctx = await browser.newContext({ bypassCSP: true, locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
    });
    afterAll(async () => ctx?.close());

    it.each(AXE_PAGES)('$name ($path)', async ({ path, width, contrast }) => {
      const page = await ctx.newPage();
      if (width) await page.setViewportSize({ width, height: 800 });
      await open(page, path);
      if (contrast) await inPage(page, "() => document.documentElement.classList.add('contrast')");
      await page.addScriptTag({ content: AXE_SOURCE });
      const { violations } = await inPage<{ violations: AxeViolation[] }>(
        page,
        '(tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })',
        ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
      );
      const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      const minor = violations.filter((v) => !serious.includes(v));
      if (minor.length) console.info(`axe ${path}: nhẹ, chưa chặn\n${describeViolations(minor)}`);
      await page.close();
      expect(serious, `axe ${path}:\n${describeViolations(serious)}`).toEqual([]);
    });
  });

  it('an article imported from a bundle with images lacking alt: every image gets a text alternative by rule, axe finds no image-alt violation', async () => {
    const slug = 'anh-nhap-tu-goi-du-lieu';
    const body = [
      '<p>Hội nghị giao ban quý I năm 2021.</p>',
      '<p><img src="/static/anh-hoi-nghi.jpg"></p>',
      '<figure><img src="/static/anh-doi-thoai.jpg" alt=""><figcaption>Đối thoại với hộ dân phường Thạch Bàn</figcaption></figure>',
      '<p><img src="/static/anh-tong-ket.jpg" title="Tổng kết 6 tháng"></p>',
    ].join('');
    await server.db.db.transaction().execute((trx) =>
      bundle.importBundle(trx, systemActor(), { version: 1, articles: [{ slug, category: 'hoat-dong-cua-chu-de-nam-2021', title: 'Ảnh hoạt động quý I', publishedAt: '2021-04-02T08:00', body }] }),
    );
    const ctx = await browser.newContext({ bypassCSP: true, locale: 'vi-VN', viewport: { width: 1280, height: 900 } });
    const page = await ctx.newPage();
    await open(page, `/bai-viet/${slug}`);
    const alts = await inPage<(string | null)[]>(page, "() => [...document.querySelectorAll('.article-body img')].map((i) => i.getAttribute('alt'))");
    expect(alts).toEqual(['Ảnh minh họa: Ảnh hoạt động quý I', 'Đối thoại với hộ dân phường Thạch Bàn', 'Tổng kết 6 tháng']);
    await page.addScriptTag({ content: AXE_SOURCE });
    const { violations } = await inPage<{ violations: AxeViolation[] }>(
      page,
      '(tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })',
      ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'],
    );
    await ctx.close();
    expect(violations.filter((v) => v.id === 'image-alt'), describeViolations(violations)).toEqual([]);
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical'), describeViolations(violations)).toEqual([]);
  });

  it('reader tools: larger text and high contrast, remembered after a reload', async () => {
    const ctx = await newContext();
    const page = await ctx.newPage();
    await open(page, ARTICLE);
    const tools = page.locator('.reader-tools');
    await expect(tools.isVisible()).resolves.toBe(true);
    const size = () => onElement<number>(page, '.article-body', '(el) => parseFloat(getComputedStyle(el).fontSize)');
    const before = await size();
    await page.getByRole('button', { name: 'Tăng cỡ chữ' }).click();
    await page.getByRole('button', { name: 'Tăng cỡ chữ' }).click();
    const larger = await size();
    expect(larger).toBeGreaterThan(before * 1.2);
    const contrast = page.getByRole('button', { name: 'Tương phản cao' });
    await expect(contrast.getAttribute('aria-pressed')).resolves.toBe('false');
    await contrast.click();
    await expect(contrast.getAttribute('aria-pressed')).resolves.toBe('true');
    const html = page.locator('html');
    await expect(html.getAttribute('class')).resolves.toMatch(/\bcontrast\b/);
    const bg = () => onElement<string>(page, 'body', '(el) => getComputedStyle(el).backgroundColor');
    await expect(bg()).resolves.toBe('rgb(0, 0, 0)');
    await page.screenshot({ path: `${SHOTS}/cong-bai-viet-tuong-phan.png` });

    await page.reload();
    await expect(html.getAttribute('class')).resolves.toMatch(/\bcontrast\b.*\bfont-step-2\b|\bfont-step-2\b.*\bcontrast\b/);
    expect(await size()).toBe(larger);
    await expect(page.getByRole('button', { name: 'Tương phản cao' }).getAttribute('aria-pressed')).resolves.toBe('true');
    // the other pages too, and back to normal
    await open(page, '/');
    await expect(bg()).resolves.toBe('rgb(0, 0, 0)');
    await page.getByRole('button', { name: 'Tương phản cao' }).click();
    const smaller = page.getByRole('button', { name: 'Giảm cỡ chữ' });
    for (let i = 0; i < 6 && (await smaller.getAttribute('aria-disabled')) !== 'true'; i++) await smaller.click();
    await expect(smaller.getAttribute('aria-disabled')).resolves.toBe('true');
    await expect(html.getAttribute('class')).resolves.toMatch(/\bfont-step--1\b/);
    await expect(bg()).resolves.toBe('rgb(255, 255, 255)');
    await ctx.close();
    expect(pageErrors).toEqual([]);
  });

  it('the category menu opens by keyboard and by hover; its submenu links are reachable', async () => {
    const ctx = await newContext();
    const page = await ctx.newPage();
    await open(page, '/');
    const group = page.locator('.portal-nav .menu-group').first();
    await expect(group.count()).resolves.toBe(1);
    const submenu = group.locator('.submenu');
    await expect(submenu.isVisible()).resolves.toBe(false);
    // Tab from the home link lands on the group's link, which opens the submenu
    await page.locator('.portal-nav a').first().focus();
    await page.keyboard.press('Tab');
    await expect(inPage(page, '() => document.activeElement?.parentElement?.className')).resolves.toBe('menu-group');
    await expect(submenu.isVisible()).resolves.toBe(true);
    await page.keyboard.press('Tab');
    const first = submenu.locator('a').first();
    await expect(onElement(page, '.portal-nav .menu-group .submenu a', '(el) => el === document.activeElement')).resolves.toBe(true);
    await expect(first.isVisible()).resolves.toBe(true);
    await page.screenshot({ path: `${SHOTS}/cong-menu-ban-phim.png`, clip: { x: 0, y: 0, width: 1280, height: 420 } });
    const target = await first.getAttribute('href');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => `${u.pathname}${u.search}` === target || u.pathname !== '/');
    // hover
    await open(page, '/');
    await group.locator('> a').hover();
    await expect(submenu.isVisible()).resolves.toBe(true);
    await ctx.close();
  });

  it('a 375 px phone: no horizontal scroll on the home and article pages, the search stays usable', async () => {
    const ctx = await newContext({ width: 375 });
    const page = await ctx.newPage();
    for (const path of ['/', ARTICLE, CATEGORY, '/tim-kiem?q=dan+van+kheo', '/van-ban']) {
      await open(page, path);
      const { scroll, client } = await inPage<{ scroll: number; client: number }>(page, '() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })');
      expect(scroll, `${path} rộng hơn màn hình`).toBeLessThanOrEqual(client);
      const box = await page.locator('#site-q').boundingBox();
      expect(box && box.width).toBeGreaterThan(180);
    }
    // the submenu opens in place on a phone, still within the screen
    await open(page, '/');
    await page.locator('.portal-nav .menu-group > a').first().focus();
    await expect(page.locator('.portal-nav .submenu').first().isVisible()).resolves.toBe(true);
    await expect(inPage(page, '() => document.documentElement.scrollWidth <= document.documentElement.clientWidth')).resolves.toBe(true);
    await open(page, ARTICLE);
    await page.screenshot({ path: `${SHOTS}/cong-bai-viet-dien-thoai.png`, fullPage: true });
    await ctx.close();
  });

  it('works with JavaScript off: search from the header, open the article', async () => {
    const ctx = await newContext({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await open(page, '/');
    await expect(page.locator('.reader-tools').isVisible()).resolves.toBe(false);
    await page.locator('#site-q').fill('ket qua 9 thang dan van kheo');
    await page.locator('#site-q').press('Enter');
    await page.waitForURL(/\/tim-kiem\?q=/);
    const hit = page.locator(`.search-results a[href="${ARTICLE}"]`);
    await expect(hit.count()).resolves.toBeGreaterThan(0);
    await hit.first().click();
    await page.waitForURL(`${server.url}${ARTICLE}`);
    await expect(page.locator('h1').innerText()).resolves.toContain('Kết quả 9 tháng');
    await expect(page.locator('.article-meta').innerText()).resolves.toMatch(/^Ngày đăng 06\/10\/2021 \| 09:39 \| Lượt xem: [\d.]+$/);
    // the category menu still opens (CSS only)
    await page.locator('.portal-nav .menu-group > a').first().focus();
    await expect(page.locator('.portal-nav .submenu').first().isVisible()).resolves.toBe(true);
    await ctx.close();
  });

  it('caching: hashed assets and pages carry validators and answer 304 to a revalidation', async () => {
    const html = await (await fetch(`${server.url}/`)).text();
    const css = /href="(\/static\/app\.[0-9a-f]+\.css)"/.exec(html)?.[1];
    expect(css).toBeTruthy();
    const first = await fetch(`${server.url}${css}`);
    expect(first.headers.get('cache-control')).toContain('immutable');
    const etag = first.headers.get('etag');
    expect(etag).toBeTruthy();
    expect((await fetch(`${server.url}${css}`, { headers: { 'if-none-match': etag! } })).status).toBe(304);
    for (const path of ['/', ARTICLE]) {
      const r = await fetch(`${server.url}${path}`);
      const tag = r.headers.get('etag');
      expect(tag, path).toBeTruthy();
      expect((await fetch(`${server.url}${path}`, { headers: { 'if-none-match': tag! } })).status, path).toBe(304);
    }
  });

  it('screenshots: home, article, and the article as printed', async () => {
    const ctx = await newContext();
    const page = await ctx.newPage();
    await open(page, '/');
    await page.screenshot({ path: `${SHOTS}/cong-trang-chu.png`, fullPage: true });
    await open(page, ARTICLE);
    await page.screenshot({ path: `${SHOTS}/cong-bai-viet.png`, fullPage: true });
    await page.emulateMedia({ media: 'print' });
    for (const hidden of ['.portal-nav', '.site-search', '.reader-tools', '.footer-links', '.share']) {
      await expect(page.locator(hidden).isVisible(), `${hidden} không được in`).resolves.toBe(false);
    }
    await expect(onElement(page, '.article-body', '(el) => getComputedStyle(el).color')).resolves.toBe('rgb(0, 0, 0)');
    // a link in the text prints its address (the seed article has none: add one)
    const after = await onElement<string>(
      page,
      '.article-body',
      `(body) => {
        const a = body.appendChild(document.createElement('p')).appendChild(document.createElement('a'));
        a.href = 'https://hanoi.gov.vn/van-ban';
        a.textContent = 'Cổng thành phố';
        return getComputedStyle(a, '::after').content;
      }`,
    );
    expect(after).toContain('https://hanoi.gov.vn/van-ban');
    await page.screenshot({ path: `${SHOTS}/cong-bai-viet-ban-in.png`, fullPage: true });
    await page.emulateMedia({ media: 'screen' });
    await ctx.close();
    expect(pageErrors).toEqual([]);
  });

  it('the rich-text editor writes HTML into the textarea the form submits', async () => {
    const ctx = await newContext();
    const page = await ctx.newPage();
    await page.goto(`${server.url}/dang-nhap`);
    await page.getByLabel('Tên đăng nhập').fill('admin');
    await page.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL(`${server.url}/quan-tri`);
    await open(page, '/quan-tri/bai-viet/moi');
    const toolbar = page.getByRole('toolbar');
    for (const name of ['Đậm', 'Nghiêng', 'Tiêu đề', 'Danh sách', 'Danh sách số', 'Trích dẫn', 'Liên kết', 'Bỏ định dạng', 'Xem mã HTML']) {
      await expect(toolbar.getByRole('button', { name, exact: true }).count(), name).resolves.toBe(1);
    }
    const area = page.locator('.rte-area');
    const textarea = page.locator('textarea[name="body"]');
    await expect(textarea.isVisible()).resolves.toBe(false);
    // the editable area carries the field's label (and its hint)
    await expect(page.getByRole('textbox', { name: 'Nội dung' }).getAttribute('class')).resolves.toContain('rte-area');
    await expect(area.getAttribute('aria-describedby')).resolves.toBeTruthy();
    await page.locator('#f-title').fill('Bài thử trình soạn thảo');
    await page.locator('#f-category').selectOption('hoat-dong-cua-chu-de-nam-2021');

    await area.click();
    await page.keyboard.type('Mục lớn');
    await toolbar.getByRole('button', { name: 'Tiêu đề', exact: true }).click();
    await expect(toolbar.getByRole('button', { name: 'Tiêu đề', exact: true }).getAttribute('aria-pressed')).resolves.toBe('true');
    await page.keyboard.press('Enter'); // a paragraph follows the heading
    await toolbar.getByRole('button', { name: 'Đậm', exact: true }).click();
    await page.keyboard.type('chữ đậm');
    await toolbar.getByRole('button', { name: 'Đậm', exact: true }).click();
    await page.keyboard.type(' và thường.');
    await page.keyboard.press('Enter');
    await toolbar.getByRole('button', { name: 'Danh sách', exact: true }).click();
    await page.keyboard.type('ý một');
    await page.keyboard.press('Enter');
    await page.keyboard.type('ý hai');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter'); // leaves the list
    await toolbar.getByRole('button', { name: 'Trích dẫn', exact: true }).click();
    await page.keyboard.type('Lời trích');
    await page.keyboard.press('Enter');
    await toolbar.getByRole('button', { name: 'Trích dẫn', exact: true }).click();
    page.once('dialog', (d) => void d.accept('https://hanoi.gov.vn/'));
    await toolbar.getByRole('button', { name: 'Liên kết', exact: true }).click();

    const value = await textarea.inputValue();
    expect(value).toMatch(/<h2>Mục lớn<\/h2>/);
    expect(value).toMatch(/<(b|strong)>chữ đậm<\/(b|strong)> và thường\./);
    expect(value).toMatch(/<ul><li>ý một<\/li><li>ý hai<\/li><\/ul>/);
    expect(value).toMatch(/<blockquote>[^]*Lời trích[^]*<\/blockquote>/);
    expect(value).toContain('<a href="https://hanoi.gov.vn/">https://hanoi.gov.vn/</a>');
    expect(value).not.toMatch(/style=|<div/);

    // the HTML view shows the textarea itself; edits there come back to the editor
    const source = toolbar.getByRole('button', { name: 'Xem mã HTML', exact: true });
    await source.click();
    await expect(source.getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(textarea.isVisible()).resolves.toBe(true);
    await expect(area.isVisible()).resolves.toBe(false);
    const seen = pageErrors.length;
    await textarea.fill(`${await textarea.inputValue()}<p>Thêm <i>nghiêng</i><img src="x" onerror="alert(1)"><script>alert(2)</script></p>`);
    await source.click();
    await expect(area.locator('i').innerText()).resolves.toBe('nghiêng');
    await expect(area.locator('script, [onerror]').count()).resolves.toBe(0);
    // parsing the typed markup (inertly) makes Chrome report the handler the CSP refuses: expected here
    pageErrors.push(...pageErrors.splice(seen).filter((m) => !/inline event handler/.test(m)));
    await page.screenshot({ path: `${SHOTS}/quan-tri-soan-thao.png`, fullPage: true });

    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.waitForURL(/\/quan-tri\/bai-viet\/\d+/);
    const saved = await page.locator('textarea[name="body"]').inputValue();
    expect(saved).toMatch(/<h2>Mục lớn<\/h2>/);
    expect(saved).toContain('<i>nghiêng</i>');
    await ctx.close();
    expect(pageErrors).toEqual([]);
  });
});
