/**
 * The portal search on a real database (SQLite, or PostgreSQL with KHEO_TEST_DATABASE_URL):
 * diacritic-insensitive prefix matching, ranking, highlighting, visibility, paging, the page,
 * the API, and the sources kept in step by the slices' own write paths.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../../test/support/fixtures.js';
import type { Tx } from '../../db/index.js';
import { Client, createTestApp, type TestApp } from '../../../test/support/http.js';
import { bundle } from '../exchange/registry.js';
import { createCampaign } from '../campaigns/campaigns.service.js';
import { createDocument } from '../documents/documents.service.js';
import { createProject, updateProject } from '../landClearance/landClearance.service.js';
import { editModel, registerModel, returnModel, stopModel, submitModel } from '../models/models.service.js';
import { ensureSearchIndex, rebuildSearchIndex } from '../exchange/search.rebuild.js';
import { excerpt, highlightHtml, indexEntries, indexEntry, parseQuery, search, type SearchEntryInput } from './search.service.js';

let t: TestApp;
const inTx = <T>(fn: (trx: Tx) => Promise<T>): Promise<T> => t.db.db.transaction().execute(fn);

let nextRef = 1000;
const entry = (e: Partial<SearchEntryInput> & { title: string }): SearchEntryInput => {
  const refId = e.refId ?? nextRef++;
  return { kind: 'article', url: `/bai-viet/thu-${refId}`, body: '', summary: null, dated: '2026-03-01', ...e, refId };
};
const add = (...es: SearchEntryInput[]) => inTx(async (trx) => {
  for (const e of es) await indexEntry(trx, e);
});
const titles = async (q: string, extra: { kind?: string; page?: unknown } = {}) => (await search(t.db.db, { q, ...extra })).items.map((h) => h.title);

const modelInput = (code: string, name: string, over: Record<string, unknown> = {}) => ({ code, campaign: 'SA', unit: 'A-1', field: 'GPMB', holder: 'collective', name, ...over });
const projectInput = (code: string, name: string, over: Record<string, unknown> = {}) => ({ code, name, unit: 'A', category: 'key', startedOn: '2026-01-05', ...over });

beforeAll(async () => {
  t = await createTestApp();
  await inTx((trx) =>
    createCampaign(trx, {
      actor: system,
      input: { code: 'SA', unit: 'A', year: 2026, theme: 'Năm Dân vận khéo', fields: [{ code: 'GPMB', name: 'Giải phóng mặt bằng' }], criteria: [{ code: 'c1', name: 'Hiệu quả', weight: 100 }] },
    }),
  );
  await add(
    entry({ title: 'Dân vận khéo trong giải phóng mặt bằng', body: 'Phường Ánh Sáng vận động Nhân dân', summary: 'Bài học từ cơ sở' }),
    entry({ title: 'Kết quả 9 tháng đầu năm', body: 'Kết quả thực hiện chủ đề năm Dân vận khéo, dân vận khéo, dân vận khéo trên mọi lĩnh vực' }),
    entry({ title: 'Mở rộng ĐƯỜNG Nguyễn Văn Cừ', body: 'Hoàn thành bàn giao mặt bằng' }),
    entry({ title: 'Dân vận khéo: bài sẽ đăng sau', body: 'hẹn giờ', visibleFrom: '2999-01-01T00:00:00.000Z' }),
    entry({ title: 'Dân vận khéo đã đăng theo lịch', body: 'hẹn giờ', visibleFrom: '2020-01-01T00:00:00.000Z' }),
    entry({ kind: 'document', title: '<script>alert("x")</script> Văn bản zebra & co', body: 'zebra', summary: '<b>in đậm</b> zebra' }),
  );
});
afterAll(() => t.close());

describe('queries', () => {
  it('parses: folds, splits into words, caps length and words, finds nothing in punctuation', () => {
    expect(parseQuery('  Dân  vận KHÉO ')).toEqual({ text: 'Dân vận KHÉO', tokens: ['dan', 'van', 'kheo'], truncated: false });
    expect(parseQuery('Đường'.normalize('NFD')).tokens).toEqual(['duong']);
    expect(parseQuery('18-KH/QU').tokens).toEqual(['18', 'kh', 'qu']);
    expect(parseQuery('?!… «» — ***').tokens).toEqual([]);
    expect(parseQuery(null).tokens).toEqual([]);
    const long = parseQuery('dân vận '.repeat(200));
    expect(long.truncated).toBe(true);
    expect([...long.text].length).toBeLessThanOrEqual(200);
    const many = parseQuery('a1 a2 a3 a4 a5 a6 a7 a8 a9 a10 a11 a12');
    expect(many.tokens).toHaveLength(10);
    expect(many.truncated).toBe(true);
  });

  it('finds "Dân vận khéo" from dan van kheo, upper case, NFD input and prefixes', async () => {
    for (const q of ['dan van kheo', 'DÂN VẬN KHÉO', 'Dân vận khéo'.normalize('NFD'), 'dân vận khé', 'DAN VAN']) {
      expect(await titles(q), q).toContain('Dân vận khéo trong giải phóng mặt bằng');
    }
  });

  it('folds đ: duong and ĐƯỜNG find "ĐƯỜNG"', async () => {
    expect(await titles('duong')).toEqual(['Mở rộng ĐƯỜNG Nguyễn Văn Cừ']);
    expect(await titles('ĐƯỜNG nguyen')).toEqual(['Mở rộng ĐƯỜNG Nguyễn Văn Cừ']);
  });

  it('requires every word', async () => {
    expect(await titles('dan van kheo duong')).toEqual([]);
    expect(await titles('nguyen cu')).toEqual(['Mở rộng ĐƯỜNG Nguyễn Văn Cừ']);
  });

  it('ranks a title hit above a body-only hit, even one repeating the words', async () => {
    const got = await titles('dan van kheo');
    expect(got.indexOf('Dân vận khéo trong giải phóng mặt bằng')).toBeLessThan(got.indexOf('Kết quả 9 tháng đầu năm'));
    expect(got.at(-1)).toBe('Kết quả 9 tháng đầu năm');
  });

  it('leaves out what is visible only later, shows what became visible', async () => {
    const got = await titles('dan van kheo');
    expect(got).not.toContain('Dân vận khéo: bài sẽ đăng sau');
    expect(got).toContain('Dân vận khéo đã đăng theo lịch');
    expect(await titles('hen gio')).toEqual(['Dân vận khéo đã đăng theo lịch']);
  });

  it('filters by kind, refuses an unknown kind in Vietnamese', async () => {
    expect(await titles('zebra', { kind: 'document' })).toHaveLength(1);
    expect(await titles('zebra', { kind: 'article' })).toEqual([]);
    await expect(search(t.db.db, { q: 'zebra', kind: 'tweet' })).rejects.toMatchObject({ status: 422, issues: [{ field: 'kind' }] });
  });

  it('finds nothing, without error, for an empty or punctuation-only query', async () => {
    for (const q of ['', '   ', '!!! ??? ...', '«»', undefined]) {
      const r = await search(t.db.db, { q });
      expect(r.total).toBe(0);
      expect(r.items).toEqual([]);
    }
  });
});

describe('highlighting', () => {
  it('marks whole words a token begins, mapping folded positions back to the text', () => {
    expect(highlightHtml('Mở rộng Đường Nguyễn Văn Cừ', ['duong', 'cu'])).toBe('Mở rộng <mark>Đường</mark> Nguyễn Văn <mark>Cừ</mark>');
    expect(highlightHtml('Dân vận khéo', ['dan', 'van', 'kh'])).toBe('<mark>Dân</mark> <mark>vận</mark> <mark>khéo</mark>');
    expect(highlightHtml('Dân vận khéo'.normalize('NFD'), ['kheo'])).toBe('Dân vận <mark>khéo</mark>');
    // a token inside a word is no hit (the index matches prefixes only)
    expect(highlightHtml('năm 2021', ['21'])).toBe('năm 2021');
  });

  it('escapes everything else', () => {
    expect(highlightHtml('<script>alert("dân")</script> & dân', ['dan'])).toBe('&#60;script&#62;alert(&#34;<mark>dân</mark>&#34;)&#60;/script&#62; &#38; <mark>dân</mark>');
    expect(highlightHtml("O'Neil <b>", [])).toBe('O&#39;Neil &#60;b&#62;');
  });

  it('cuts a long summary around its first hit', () => {
    const text = `${'Mở đầu dài dòng. '.repeat(40)}Đoạn có từ zebra ở đây. ${'Kết thúc. '.repeat(40)}`;
    const cut = excerpt(text, ['zebra'], 120);
    expect(cut).toContain('zebra');
    expect(cut.startsWith('…')).toBe(true);
    expect(cut.endsWith('…')).toBe(true);
    expect([...cut].length).toBeLessThanOrEqual(122);
  });

  it('serves highlighted, escaped titles and summaries', async () => {
    const r = await search(t.db.db, { q: 'zebra' });
    expect(r.items[0]!.titleHtml).toBe('&#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; Văn bản <mark>zebra</mark> &#38; co');
    expect(r.items[0]!.summaryHtml).toBe('&#60;b&#62;in đậm&#60;/b&#62; <mark>zebra</mark>');
  });
});

describe('paging', () => {
  beforeAll(async () => {
    await add(...Array.from({ length: 45 }, (_, i) => entry({ title: `Tin phân trang số ${i + 1}`, body: 'trang', dated: `2025-01-${String((i % 28) + 1).padStart(2, '0')}` })));
  });

  it('pages by 20 with the total; a page past the last shows the last; nonsense is page 1', async () => {
    const p1 = await search(t.db.db, { q: 'phan trang' });
    expect(p1).toMatchObject({ total: 45, page: 1, pageSize: 20, pages: 3 });
    expect(p1.items).toHaveLength(20);
    const p3 = await search(t.db.db, { q: 'phan trang', page: '3' });
    expect(p3.items).toHaveLength(5);
    const all = new Set([...p1.items, ...(await search(t.db.db, { q: 'phan trang', page: 2 })).items, ...p3.items].map((h) => h.title));
    expect(all.size).toBe(45);
    for (const page of ['0', '-1', 'abc', '', '1.5e3', undefined, '9007199254740993']) expect((await search(t.db.db, { q: 'phan trang', page })).page, String(page)).toBe(1);
    expect((await search(t.db.db, { q: 'phan trang', page: '99999999' })).page).toBe(3);
  });

  it('ranks at most maxHits matches, the most recent, and says more matched', async () => {
    const r = await search(t.db.db, { q: 'phan trang', page: 9 }, { maxHits: 30 });
    expect(r).toMatchObject({ total: 30, capped: true, page: 2, pages: 2 });
    expect(r.items).toHaveLength(10);
    const all = [...(await search(t.db.db, { q: 'phan trang' }, { maxHits: 30 })).items, ...r.items].map((h) => Number(/\d+$/.exec(h.title)![0]));
    // the 30 most recently indexed: numbers 16…45
    expect(all.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 16));
    expect((await search(t.db.db, { q: 'phan trang' }, { maxHits: 45 })).capped).toBe(false);
  });

  it('finds the same whether the newest ids held enough matches or the older ones were read too, newest first or through the index', async () => {
    for (const q of ['phan trang', 'dan van kheo', 'zebra', 'trang so 4']) {
      for (const maxHits of [10, 30, 1000]) {
        const plain = await search(t.db.db, { q, page: 2 }, { maxHits });
        for (const recentIds of [null, 1, 7, 30]) {
          expect(await search(t.db.db, { q, page: 2 }, { maxHits, recentIds }), `${q} ${maxHits} ${recentIds}`).toEqual(plain);
          // PostgreSQL: reading newest first and collecting through the index find the same
          for (const plan of ['walk', 'index'] as const) expect(await search(t.db.db, { q, page: 2 }, { maxHits, recentIds, plan }), `${q} ${maxHits} ${recentIds} ${plan}`).toEqual(plain);
        }
      }
    }
  });
});

describe('the page and the API', () => {
  const c = () => new Client(t);

  it('says "more than 1 000" and pages through the 1 000 ranked when more match', async () => {
    await inTx((trx) => indexEntries(trx, Array.from({ length: 1005 }, (_, i) => entry({ title: `Tin lưu trữ số ${i + 1}`, body: 'kho lưu trữ' }))));
    const html = await (await c().request('/tim-kiem?q=kho+luu+tru&trang=99999999')).text();
    expect(html).toMatch(/Tìm thấy hơn\s*<b>1\.000<\/b> kết quả cho «kho luu tru»/);
    expect(html).toContain('hãy thêm từ khóa');
    expect(html).toContain('Trang 50/50');
    const api = (await (await c().request('/api/v1/search?q=kho+luu+tru')).json()) as { total: number; capped: boolean; items: unknown[] };
    expect(api).toMatchObject({ total: 1000, capped: true });
    expect(api.items).toHaveLength(20);
    await inTx((trx) => trx.deleteFrom('search_entries').where('title', 'like', 'Tin lưu trữ số %').execute());
  });

  it('GET /tim-kiem: a form that works without JavaScript, the count, kind labels, highlights, dates', async () => {
    const res = await c().request('/tim-kiem?q=dan+van+kheo');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<form method="get" action="/tim-kiem"');
    expect(html).toContain('name="q" value="dan van kheo"');
    expect(html).toMatch(/Tìm thấy <b>3<\/b> kết quả cho «dan van kheo»/);
    expect(html).toContain('<mark>Dân</mark> <mark>vận</mark> <mark>khéo</mark> trong giải phóng mặt bằng');
    expect(html).toContain('Bài viết');
    expect(html).toContain('01/03/2026');
    expect(html).not.toContain('bài sẽ đăng sau');
  });

  it('escapes a script in a title', async () => {
    const html = await (await c().request('/tim-kiem?q=zebra')).text();
    expect(html).not.toContain('<script>alert');
    expect(html).toContain('&#60;script&#62;alert');
    expect(html).toContain('Văn bản');
  });

  it('filters by loai, pages with links keeping the query, and survives absurd pages', async () => {
    const html = await (await c().request('/tim-kiem?q=phan+trang&loai=article&trang=2')).text();
    expect(html).toContain('Trang 2/3');
    expect(html).toContain('href="/tim-kiem?q=phan%20trang&amp;loai=article&amp;trang=3"');
    expect(html).toContain('href="/tim-kiem?q=phan%20trang&amp;loai=article"');
    expect(html).toMatch(/<option value="article" selected="">Bài viết<\/option>/);
    for (const trang of ['0', '-1', '99999999', 'abc', '%00', '1e400']) {
      const res = await c().request(`/tim-kiem?q=phan+trang&trang=${trang}`);
      expect(res.status, trang).toBe(200);
    }
    expect(await (await c().request('/tim-kiem?q=phan+trang&trang=99999999')).text()).toContain('Trang 3/3');
    // an unknown loai is "all kinds" on the page
    expect((await c().request('/tim-kiem?q=phan+trang&loai=%3Cx%3E')).status).toBe(200);
  });

  it('an empty query, a punctuation query and a 1000-character query give a clean page', async () => {
    expect(await (await c().request('/tim-kiem')).text()).toContain('Nhập từ khóa');
    const punct = await c().request(`/tim-kiem?q=${encodeURIComponent('!!! ??? «»')}`);
    expect(punct.status).toBe(200);
    expect(await punct.text()).toContain('Tìm thấy <b>0</b> kết quả');
    const long = await c().request(`/tim-kiem?q=${encodeURIComponent('dân vận khéo '.repeat(77).slice(0, 1000))}`);
    expect(long.status).toBe(200);
    const html = await long.text();
    expect(html).toContain('đã rút gọn');
    expect(html).toMatch(/Tìm thấy <b>3<\/b> kết quả/);
  });

  it('GET /api/v1/search: {items: [{kind, title, url, summary, date}], total}, public', async () => {
    const res = await c().request('/api/v1/search?q=DUONG');
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: Record<string, unknown>[]; total: number; page: number; truncated: boolean };
    expect(body.total).toBe(1);
    expect(body.items).toHaveLength(1);
    expect(body.items[0]).toMatchObject({ kind: 'article', title: 'Mở rộng ĐƯỜNG Nguyễn Văn Cừ', summary: null, date: '2026-03-01' });
    expect(Object.keys(body.items[0]!).sort()).toEqual(['date', 'kind', 'summary', 'title', 'url']);
    expect(body.items[0]!.url).toMatch(/^\/bai-viet\/thu-\d+$/);
    expect(body.truncated).toBe(false);
    const paged = (await (await c().request('/api/v1/search?q=phan+trang&page=99999999&kind=article')).json()) as { items: unknown[]; total: number; page: number };
    expect(paged).toMatchObject({ total: 45, page: 3 });
    expect(paged.items).toHaveLength(5);
    const long = (await (await c().request(`/api/v1/search?q=${'a'.repeat(1000)}`)).json()) as { truncated: boolean; total: number };
    expect(long).toMatchObject({ truncated: true, total: 0 });
    expect(await (await c().request('/api/v1/search')).json()).toEqual({ items: [], total: 0, capped: false, page: 1, pageSize: 20, truncated: false });
    const bad = await c().request('/api/v1/search?q=x&kind=tweet');
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toContain('Loại kết quả');
  });
});

describe('sources kept in step by their write paths', () => {
  it('models: public once registered, gone when returned, renamed on edit, kept when stopped; their page', async () => {
    await inTx((trx) => registerModel(trx, { actor: system, input: modelInput('MH-NHAP', 'Tổ hòa giải Hoa Sen nháp') }));
    expect(await titles('hoa giai hoa sen')).toEqual([]);
    await inTx((trx) => submitModel(trx, { actor: system, code: 'MH-NHAP' }));
    expect(await titles('hoa giai hoa sen')).toEqual([]);
    await inTx((trx) => returnModel(trx, { actor: system, code: 'MH-NHAP', input: { reason: 'Thiếu số liệu' } }));
    expect(await titles('hoa giai hoa sen')).toEqual([]);
    expect((await new Client(t).request('/mo-hinh/MH-NHAP')).status).toBe(404);

    await inTx((trx) => registerModel(trx, { actor: system, input: modelInput('MH-1', 'Shipper không đồng', { holder: 'individual', holderName: 'Nguyễn Văn Ánh', registeredOn: '2026-02-01', method: 'Giao hàng miễn phí cho hộ khó khăn' }) }));
    const r = await search(t.db.db, { q: 'shipper khong dong' });
    expect(r.items).toEqual([expect.objectContaining({ kind: 'model', kindLabel: 'Mô hình', url: '/mo-hinh/MH-1', date: '2026-02-01' })]);
    expect(r.items[0]!.summary).toContain('Nguyễn Văn Ánh');
    expect(await titles('giao hang mien phi')).toEqual(['Shipper không đồng']);
    await inTx((trx) => editModel(trx, { actor: system, code: 'MH-1', input: { unit: 'A-1', field: 'GPMB', holder: 'individual', holderName: 'Nguyễn Văn Ánh', name: 'Shipper 0 đồng' } }));
    expect(await titles('shipper khong')).toEqual([]);
    expect(await titles('shipper 0')).toEqual(['Shipper 0 đồng']);
    await inTx((trx) => stopModel(trx, { actor: system, code: 'MH-1', input: { reason: 'Hết kinh phí', date: '2026-06-01' } }));
    expect(await titles('shipper 0')).toEqual(['Shipper 0 đồng']);

    const page = await new Client(t).request('/mo-hinh/MH-1');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Shipper 0 đồng');
    expect(html).toContain('dừng thực hiện từ ngày 01/06/2026');
    expect(html).not.toContain('Hết kinh phí');
    const missing = await new Client(t).request('/mo-hinh/KHONG-CO');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('Không tìm thấy mô hình này trên cổng thông tin.');
  });

  it('projects: only public ones, their text, never a household; visibility follows edits', async () => {
    await inTx((trx) => createProject(trx, { actor: system, input: projectInput('DA-KIN', 'Đường vành đai kín đáo', { isPublic: false }) }));
    expect(await titles('vanh dai kin')).toEqual([]);
    await inTx((trx) => createProject(trx, { actor: system, input: projectInput('DA-1', 'Mở rộng phố Ngọc Lâm', { investor: 'Ban Quản lý dự án quận', description: 'Thu hồi đất để làm đường' }) }));
    const r = await search(t.db.db, { q: 'ngoc lam' });
    expect(r.items).toEqual([expect.objectContaining({ kind: 'project', kindLabel: 'Dự án GPMB', url: '/gpmb/DA-1', date: '2026-01-05' })]);
    expect(await titles('thu hoi dat', { kind: 'project' })).toEqual(['Mở rộng phố Ngọc Lâm']);
    await inTx((trx) => updateProject(trx, { actor: system, code: 'DA-1', input: projectInput('DA-1', 'Mở rộng phố Ngọc Lâm', { isPublic: false }) }));
    expect(await titles('ngoc lam')).toEqual([]);
    await inTx((trx) => updateProject(trx, { actor: system, code: 'DA-KIN', input: projectInput('DA-KIN', 'Đường vành đai kín đáo', { isPublic: true }) }));
    expect(await titles('vanh dai kin')).toEqual(['Đường vành đai kín đáo']);
  });

  it('documents: a document kept off the portal is not found', async () => {
    await inTx((trx) => createDocument(trx, { actor: system, input: { number: '7-KH/MAT', kind: 'KH', issuer: 'Đảng ủy phường', unit: 'A', date: '2026-01-02', title: 'Kế hoạch tuyệt mật bảo vệ', public: false } }));
    await inTx((trx) => createDocument(trx, { actor: system, input: { number: '18-KH/QU', kind: 'KH', issuer: 'Quận ủy', unit: 'A', date: '2020-12-30', title: 'Kế hoạch thực hiện chủ đề năm công khai' } }));
    expect(await titles('tuyet mat')).toEqual([]);
    expect(await titles('18-KH/QU', { kind: 'document' })).toHaveLength(1);
  });

  it('the bundle importer indexes models and projects it imports', async () => {
    await inTx((trx) =>
      bundle.importBundle(trx, system, {
        version: 1,
        models: [modelInput('MH-GOI', 'Mô hình nhập từ gói kỳ lân', { registeredOn: '2026-03-03' })],
        clearanceProjects: [{ code: 'DA-GOI', unit: 'A', name: 'Dự án nhập từ gói kỳ lân', category: 'new', householdsAffected: 0 }],
      }),
    );
    expect((await titles('ky lan')).sort()).toEqual(['Dự án nhập từ gói kỳ lân', 'Mô hình nhập từ gói kỳ lân']);
  });

  it('rebuilds the index from its sources; builds it once on a database that never had it', async () => {
    await inTx((trx) => trx.deleteFrom('search_entries').where('kind', 'in', ['model', 'project']).execute());
    expect(await titles('ky lan')).toEqual([]);
    const first = await ensureSearchIndex(t.db.db);
    expect(first).toMatchObject({ model: 2, project: 2 });
    expect((await titles('ky lan')).sort()).toEqual(['Dự án nhập từ gói kỳ lân', 'Mô hình nhập từ gói kỳ lân']);
    expect(await ensureSearchIndex(t.db.db)).toBeNull();
    // entries no source stands behind (the test's hand-made ones) are gone after a rebuild
    const counts = await rebuildSearchIndex(t.db.db);
    expect(counts).toMatchObject({ model: 2, project: 2 });
    expect(await titles('zebra')).toEqual([]);
    expect(await titles('shipper 0')).toEqual(['Shipper 0 đồng']);
  });
});
