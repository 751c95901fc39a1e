/**
 * The demo portal is the seed's page: its menu, the seed article in "Hoạt động của chủ đề năm
 * 2021" published 06/10/2021 09:39 with 1 327 views, its full text, the footer — and a search
 * without diacritics finds it.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/support/http.js';
import { findArticleBySlug } from '../portal/portal.repository.js';
import { loadDemo } from './demo.service.js';
import { SEED_ARTICLE_SLUG } from './demo.portal.js';
import { textOf } from '../../../test/support/html.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: false });
  await t.db.db.transaction().execute((trx) => loadDemo(trx, { adminPassword: 'mật khẩu quản trị thử nghiệm' }));
}, 180_000);
afterAll(() => t.close());

const seed = readFileSync(new URL('../../../test/fixtures/long-bien-2021-9-thang.txt', import.meta.url), 'utf8');
const seedParagraphs = (() => {
  const lines = seed.split('\n');
  const from = lines.findIndex((l) => l.startsWith('Ngày đăng'));
  const to = lines.findIndex((l) => l.trim() === 'Kho tư liệu chủ đề năm 2021');
  return lines.slice(from + 1, to).map((l) => l.trim()).filter(Boolean);
})();
const text = textOf;

describe('the demo portal', () => {
  it('holds the seed article as it was published', async () => {
    const row = await findArticleBySlug(t.db.db, SEED_ARTICLE_SLUG);
    expect(row).toMatchObject({ status: 'published', published_at: '2021-10-06T02:39:00.000Z', category_slug: 'hoat-dong-cua-chu-de-nam-2021' });
    expect(Number(row!.views)).toBe(1327);
  });

  it('shows the article page like the seed: menu, title, date line, full text, archive link, footer', async () => {
    const res = await new Client(t).request(`/bai-viet/${SEED_ARTICLE_SLUG}`);
    expect(res.status).toBe(200);
    const html = await res.text();
    const body = text(html);
    for (const item of ['Văn bản chỉ đạo', 'Văn bản chỉ đạo của Trung ương, Thành phố', 'Hoạt động của chủ đề năm 2021', 'Kho tư liệu chủ đề năm 2021']) expect(body).toContain(item);
    expect(body).toContain('Kết quả 9 tháng thực hiện chủ đề “Năm Dân vận khéo, trọng tâm công tác GPMB” của Quận');
    expect(body).toContain('Ngày đăng 06/10/2021 | 09:39 | Lượt xem: 1.328');
    expect(seedParagraphs.length).toBe(7);
    for (const p of seedParagraphs) expect(body).toContain(p.replace(/\s+/g, ' '));
    for (const f of ['Bản quyền Cổng TTĐT: Quận Long Biên - TP Hà Nội.', 'Địa chỉ: Số 01, Vạn Hạnh, Quận Long Biên, TP Hà Nội.', 'Tel: (024) 38724033, Fax: 38724618', 'ubnd_longbien@hanoi.gov.vn']) expect(body).toContain(f);
    expect(html).toContain('href="/kho-tu-lieu/LB-2021"');
  });

  it('finds it by a search without diacritics, on the page and in the API', async () => {
    const api = (await (await new Client(t).request('/api/v1/search?q=ket+qua+9+thang+dan+van+kheo')).json()) as { items: { kind: string; url: string }[] };
    expect(api.items[0]).toMatchObject({ kind: 'article', url: `/bai-viet/${SEED_ARTICLE_SLUG}` });
    const page = await (await new Client(t).request('/tim-kiem?q=ket+qua+9+thang+dan+van+kheo')).text();
    expect(page).toContain(`/bai-viet/${SEED_ARTICLE_SLUG}`);
  });

  it('opens the menu entry for the Centre and City documents on their documents only', async () => {
    const r = await new Client(t).request('/chuyen-muc/van-ban-chi-dao-cua-trung-uong-thanh-pho');
    expect(r.status).toBe(302);
    const list = text(await (await new Client(t).request(r.headers.get('location')!)).text());
    expect(list).toContain('25-NQ/TW');
    expect(list).toContain('09-HD/BDVTU');
    expect(list).not.toContain('18-KH/QU');
  });

  it('fills the theme-year archive by itself', async () => {
    const body = text(await (await new Client(t).request('/kho-tu-lieu/LB-2021')).text());
    expect(body).toContain('18-KH/QU');
    expect(body).toContain('Phòng tuyến áo xanh');
    expect(body).toContain('3179/QĐ-UBND');
    expect(body).toContain('Kết quả 9 tháng thực hiện chủ đề');
  });

  it("gives each of Long Biên's documents a PDF to download, and says so where a document has none", async () => {
    const c = new Client(t);
    const list = await (await c.request('/van-ban?q=18-KH%2FQU')).text();
    const link = /href="(\/van-ban\/tep\/\d+\/[^"]+)"/.exec(list)?.[1];
    expect(link, 'a download link for plan 18-KH/QU').toBeDefined();
    expect(decodeURIComponent(link!)).toContain('Kế hoạch 18-KH-QU.pdf');
    const file = await c.request(link!.replace(/&amp;/g, '&'));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(10_000);
    // the Centre's resolution is real: Khéo does not invent its text, and the list says it has no file
    const nq = text(await (await c.request('/van-ban?q=25-NQ%2FTW')).text());
    expect(nq).toContain('25-NQ/TW');
    expect(nq).toContain('Chưa có tệp');
    expect(nq).not.toMatch(/Tệp:?\s*—/);
  });
});
