/**
 * The document register with the Nghị định 42 fields, attached files, the public archive
 * (/van-ban) and the search index — against a real database (SQLite, or PostgreSQL with
 * KHEO_TEST_DATABASE_URL), through the app's HTTP routes and services.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb } from '../../../test/support/db.js';
import { PASSWORD, seedWorld, system } from '../../../test/support/fixtures.js';
import { Client, createTestApp, type TestApp } from '../../../test/support/http.js';
import { textOf } from '../../../test/support/html.js';
import { createUser } from '../accounts/accounts.service.js';
import { createUnit } from '../units/units.service.js';
import { bundle } from '../exchange/registry.js';
import { attachDocumentFiles, createDocument, updateDocument } from './documents.service.js';
import { documentSearchEntries, syncDocumentSearch } from './documents.search.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
let n = 0;
const uniq = () => ++n;

type DocInput = { number?: string; kind?: string; issuer?: string; unit?: string | null; date?: string; title?: string; signer?: string | null; field?: string | null; public?: boolean; recipients?: string[] };
async function mkDoc(over: DocInput = {}) {
  const i = uniq();
  return t.db.db.transaction().execute((trx) =>
    createDocument(trx, { actor: system, input: { number: `${i}-KH/TEST`, kind: 'KH', issuer: 'Quận ủy Thử', unit: 'A', date: '2021-03-04', title: `Văn bản thử ${i}`, ...over } }),
  );
}
const attach = (id: number, files: { name: string; bytes: Buffer }[]) => t.db.db.transaction().execute((trx) => attachDocumentFiles(trx, { actor: system, id, files }));
const count = async (table: 'files' | 'document_files' | 'audit_log' | 'search_entries') => Number((await t.db.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
const officer = async (username = 'officer-a') => {
  const c = new Client(t);
  expect((await c.login(username)).status).toBe(200);
  return c;
};
const html = async (c: Client, path: string) => {
  const res = await c.request(path);
  return { status: res.status, text: await res.text() };
};
const upload = (c: Client, id: number, files: File[]) => {
  const fd = new FormData();
  fd.set('_csrf', c.csrf);
  for (const f of files) fd.append('files', f);
  return c.request(`/quan-tri/van-ban/${id}/tep`, { method: 'POST', body: fd });
};
/** The public file links of a page, in order. */
const fileLinks = (page: string) => [...page.matchAll(/href="(\/van-ban\/tep\/\d+\/[^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

describe('Nghị định 42 fields', () => {
  it('round-trips signer, field and public through the JSON API, text in NFC', async () => {
    const c = await officer();
    const created = await c.request('/api/v1/documents', {
      method: 'POST',
      json: { number: '21-CT/QU', kind: 'CT', issuer: 'Quận ủy Thử', unit: 'A', date: '12/05/2021', title: 'Về tăng cường công tác dân vận', signer: 'Bí thư Nguyễn Văn Hòa'.normalize('NFD'), field: 'Dân vận', public: false },
    });
    expect(created.status).toBe(201);
    const d = (await created.json()) as { id: number; signer: string; field: string; public: boolean; files: unknown[] };
    expect(d).toMatchObject({ signer: 'Bí thư Nguyễn Văn Hòa', field: 'Dân vận', public: false, files: [] });
    expect(d.signer).toBe(d.signer.normalize('NFC'));
    const got = (await (await c.request(`/api/v1/documents/${d.id}`)).json()) as Record<string, unknown>;
    expect(got).toMatchObject({ number: '21-CT/QU', date: '2021-05-12', signer: 'Bí thư Nguyễn Văn Hòa', field: 'Dân vận', public: false });
    // a whole-record PATCH: leaving out signer clears it; public given as true publishes
    const patched = await c.request(`/api/v1/documents/${d.id}`, { method: 'PATCH', json: { number: '21-CT/QU', kind: 'CT', issuer: 'Quận ủy Thử', unit: 'A', date: '2021-05-12', title: 'Về tăng cường công tác dân vận', field: 'Dân vận', public: true } });
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ signer: null, field: 'Dân vận', public: true });
    const bad = await c.request(`/api/v1/documents/${d.id}`, { method: 'PATCH', json: { number: '21-CT/QU', kind: 'CT', issuer: 'Quận ủy Thử', unit: 'A', date: '2021-05-12', title: 'x', public: 'có lẽ' } });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { field: 'public', message: 'public: Công khai trên cổng: phải là true hoặc false' } });
  });

  it('shows and saves them in the admin form, the checkbox unticked making the document non-public', async () => {
    const c = await officer();
    const res = await c.postForm('/quan-tri/van-ban/moi', { number: '7-HD/BDV', kind: 'HD', issuer: 'Ban Dân vận Thử', unit: 'A', date: '01/02/2021', effectiveDate: '', title: 'Hướng dẫn đăng ký mô hình', signer: 'Trưởng ban Trần Thị Lan', field: 'Dân vận', public: '1' });
    expect(res.status).toBe(303);
    const id = Number(/\/quan-tri\/van-ban\/(\d+)/.exec(res.headers.get('location') ?? '')?.[1]);
    const form = await html(c, `/quan-tri/van-ban/${id}`);
    expect(form.text).toContain('value="Trưởng ban Trần Thị Lan"');
    expect(form.text).toMatch(/name="public" value="1" checked/);
    expect(form.text).toContain('Thêm tệp');
    const saved = await c.postForm(`/quan-tri/van-ban/${id}`, { number: '7-HD/BDV', kind: 'HD', issuer: 'Ban Dân vận Thử', unit: 'A', date: '01/02/2021', title: 'Hướng dẫn đăng ký mô hình', signer: '', field: 'Dân vận' });
    expect(saved.status).toBe(303);
    const list = await html(c, '/quan-tri/van-ban?q=7-hd');
    expect(list.text).toContain('Không công khai');
    expect((await html(new Client(t), `/van-ban/${id}`)).status).toBe(404);
  });

  it('round-trips them through the bundle: export then import into an empty database gives the same documents', async () => {
    await t.db.db.transaction().execute((trx) =>
      bundle.importBundle(trx, system, {
        version: 1,
        documents: [
          { number: '99-KH/BUN', kind: 'KH', issuer: 'Thành ủy Thử', unit: 'HN', date: '2021-01-05', title: 'Kế hoạch từ gói', signer: 'Phó Bí thư Lê Văn Nam', field: 'Giải phóng mặt bằng', public: false, recipients: ['B', 'A'] },
          { number: '100-TB/BUN', kind: 'TB', issuer: 'Thành ủy Thử', unit: 'HN', date: '2021-01-06', title: 'Thông báo không nói công khai hay không' },
        ],
      }),
    );
    const exported = await bundle.exportBundle(t.db.db, system);
    const docs = exported.documents as Record<string, unknown>[];
    expect(docs.find((d) => d.number === '99-KH/BUN')).toEqual({ number: '99-KH/BUN', kind: 'KH', issuer: 'Thành ủy Thử', unit: 'HN', date: '2021-01-05', effectiveDate: null, title: 'Kế hoạch từ gói', signer: 'Phó Bí thư Lê Văn Nam', field: 'Giải phóng mặt bằng', public: false, recipients: ['A', 'B'] });
    // a bundle written before recipients existed stays valid: none
    expect(docs.find((d) => d.number === '100-TB/BUN')).toMatchObject({ signer: null, field: null, public: true, recipients: [] });
    // an unknown recipient code is refused naming the record and its place; nothing written
    await expect(
      t.db.db.transaction().execute((trx) =>
        bundle.importBundle(trx, system, { version: 1, documents: [{ number: '101-TB/BUN', kind: 'TB', issuer: 'Thành ủy Thử', unit: 'HN', date: '2021-01-07', title: 'Thông báo gửi đơn vị không có', recipients: ['KHONG-CO'] }] }),
      ),
    ).rejects.toMatchObject({ status: 422, issues: [{ field: 'documents[0].recipients[0]' }] });
    expect(await t.db.db.selectFrom('documents').select('id').where('number', '=', '101-TB/BUN').execute()).toEqual([]);
    const other = await createTestDb();
    try {
      await seedWorld(other.db);
      await other.db.transaction().execute((trx) => bundle.importBundle(trx, system, { version: 1, documents: docs }));
      const again = await bundle.exportBundle(other.db, system);
      expect(again.documents).toEqual(docs);
      // the import went through the service: the public one is in the search index, the other not
      const indexed = await other.db.selectFrom('search_entries').select('title').where('kind', '=', 'document').execute();
      expect(indexed.map((e) => e.title)).toContain('Thông báo số 100-TB/BUN — Thông báo không nói công khai hay không');
      expect(indexed.some((e) => e.title.includes('99-KH/BUN'))).toBe(false);
    } finally {
      await other.destroy();
    }
  });
});

describe('attached files', () => {
  it('uploads PDFs and images (multipart, CSRF), lists them in order, moves and removes them — each audited', async () => {
    const d = await mkDoc({ title: 'Kế hoạch có tệp' });
    const c = await officer();
    const auditBefore = await count('audit_log');
    const res = await upload(c, d.id, [new File([PDF], 'Kế hoạch 18-KH/QU (bản ký).pdf'.replace('/', '-'), { type: 'application/pdf' }), new File([PNG], 'Ảnh hội nghị.png', { type: 'image/png' })]);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/quan-tri/van-ban/${d.id}?thongbao=da-luu#tep`);
    const page = await html(c, `/quan-tri/van-ban/${d.id}`);
    expect(page.text.indexOf('Kế hoạch 18-KH-QU (bản ký).pdf')).toBeLessThan(page.text.indexOf('Ảnh hội nghị.png'));
    const api = (await (await c.request(`/api/v1/documents/${d.id}`)).json()) as { files: { id: number; name: string; mime: string; url: string }[] };
    expect(api.files.map((f) => [f.name, f.mime])).toEqual([
      ['Kế hoạch 18-KH-QU (bản ký).pdf', 'application/pdf'],
      ['Ảnh hội nghị.png', 'image/png'],
    ]);
    const [pdf, png] = api.files;
    expect((await c.postForm(`/quan-tri/van-ban/${d.id}/tep/${png!.id}/vi-tri`, { huong: 'len' })).status).toBe(303);
    const moved = (await (await c.request(`/api/v1/documents/${d.id}`)).json()) as { files: { id: number }[] };
    expect(moved.files.map((f) => f.id)).toEqual([png!.id, pdf!.id]);
    // moving the first one up changes nothing
    expect((await c.postForm(`/quan-tri/van-ban/${d.id}/tep/${png!.id}/vi-tri`, { huong: 'len' })).status).toBe(303);
    expect((await c.postForm(`/quan-tri/van-ban/${d.id}/tep/${pdf!.id}/xoa`, {})).status).toBe(303);
    const after = (await (await c.request(`/api/v1/documents/${d.id}`)).json()) as { files: { id: number }[] };
    expect(after.files.map((f) => f.id)).toEqual([png!.id]);
    expect(await t.db.db.selectFrom('files').select('id').where('id', '=', pdf!.id).executeTakeFirst()).toBeUndefined();
    const audits = await t.db.db.selectFrom('audit_log').select(['action', 'actor_name', 'entity_id']).where('entity_type', '=', 'document').where('entity_id', '=', String(d.id)).orderBy('id').execute();
    expect(audits.map((a) => a.action)).toEqual(['document.create', 'document.file.add', 'document.file.move', 'document.file.remove']);
    expect(audits.slice(1).every((a) => a.actor_name === 'officer-a')).toBe(true);
    expect(await count('audit_log')).toBe(auditBefore + 3);
    // removing a file of another document, or one that does not exist: 404
    const other = await mkDoc();
    expect((await c.postForm(`/quan-tri/van-ban/${other.id}/tep/${png!.id}/xoa`, {})).status).toBe(404);
  });

  it('serves a public document’s file with its type, Vietnamese name (RFC 6266), a sandbox, long caching and an ETag', async () => {
    const d = await mkDoc();
    const doc = await attach(d.id, [{ name: 'Quyết định số 3179/QĐ-UBND "khen thưởng".pdf', bytes: PDF }]);
    const f = doc.files[0]!;
    // a name with a path in it keeps its last part only
    expect(f.name).toBe('QĐ-UBND "khen thưởng".pdf');
    expect(f.url).toBe(`/van-ban/tep/${f.id}/${encodeURIComponent(f.name)}`);
    const anon = new Client(t);
    for (const path of [f.url, `/van-ban/tep/${f.id}`]) {
      const res = await anon.request(path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="QD-UBND _khen thuong_.pdf"; filename*=UTF-8''${encodeURIComponent('QĐ-UBND "khen thưởng".pdf')}`);
      expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('cache-control')).toBe('public, max-age=604800');
      expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true);
    }
    const etag = (await anon.request(f.url)).headers.get('etag');
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/);
    const again = await anon.request(f.url, { headers: { 'if-none-match': `W/${etag!}` } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    // an image is shown inline
    const img = (await attach(d.id, [{ name: 'Ảnh.png', bytes: PNG }])).files[1]!;
    expect((await anon.request(img.url)).headers.get('content-disposition')).toMatch(/^inline; /);
  });

  it('refuses bad uploads with a Vietnamese message naming the field, and writes nothing', async () => {
    const d = await mkDoc();
    const c = await officer();
    const before = { files: await count('files'), links: await count('document_files'), audit: await count('audit_log') };
    const cases: [File[], number, string][] = [
      // an executable renamed .pdf (with a good file beside it: nothing is stored)
      [[new File([PDF], 'tot.pdf'), new File([Buffer.from('MZ\x90\x00\x03\x00\x00\x00')], 'giay-moi.pdf', { type: 'application/pdf' })], 422, 'Tệp &quot;giay-moi.pdf&quot;: chỉ nhận ảnh JPEG, PNG, WebP hoặc tệp PDF'],
      [[new File([], 'rong.pdf', { type: 'application/pdf' })], 422, 'Tệp &quot;rong.pdf&quot;: tệp rỗng'],
      [[new File([Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)])], 'lon.pdf')], 413, 'Tệp &quot;lon.pdf&quot;: quá lớn (tối đa 10 MB)'],
      [[], 422, 'Tệp đính kèm: hãy chọn ít nhất một tệp'],
      [[new File(['<script>alert(1)</script>'], '../../../etc/passwd.pdf')], 422, 'Tệp &quot;passwd.pdf&quot;'],
    ];
    for (const [files, status, message] of cases) {
      const res = await upload(c, d.id, files);
      expect(res.status, message).toBe(status);
      const text = await res.text();
      expect(text).toContain(message);
      expect(text).toContain('class="field has-error"');
    }
    expect(await count('files')).toBe(before.files);
    expect(await count('document_files')).toBe(before.links);
    expect(await count('audit_log')).toBe(before.audit);
  });

  it('answers 413 in Vietnamese above the request size limit', async () => {
    const small = await createTestApp({ config: { maxBodyBytes: 64 * 1024 } });
    try {
      const id = (await small.db.db.transaction().execute((trx) => createDocument(trx, { actor: system, input: { number: '1-KH/X', kind: 'KH', issuer: 'Thử', unit: 'A', date: '2021-01-01', title: 'Thử' } }))).id;
      const c = new Client(small);
      await c.login('officer-a');
      const fd = new FormData();
      fd.set('_csrf', c.csrf);
      fd.append('files', new File([Buffer.concat([PDF, Buffer.alloc(200 * 1024)])], 'rat-lon.pdf'));
      const res = await c.request(`/quan-tri/van-ban/${id}/tep`, { method: 'POST', body: fd });
      expect(res.status).toBe(413);
      expect(await res.text()).toContain('Dữ liệu gửi lên quá lớn');
      expect(Number((await small.db.db.selectFrom('files').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n)).toBe(0);
    } finally {
      await small.close();
    }
  });

  it('keeps an officer to documents of their own subtree', async () => {
    const outside = await mkDoc({ unit: 'B' });
    const inside = await mkDoc({ unit: 'A-1' });
    const c = await officer();
    const before = await count('document_files');
    const refused = await upload(c, outside.id, [new File([PDF], 'van-ban.pdf')]);
    expect(refused.status).toBe(403);
    expect(await count('document_files')).toBe(before);
    const denied = await t.db.db.selectFrom('audit_log').select(['action', 'outcome']).where('actor_name', '=', 'officer-a').where('entity_id', '=', String(outside.id)).execute();
    expect(denied).toContainEqual({ action: 'document.manage', outcome: 'denied' });
    // a viewer of the same ward may not attach either
    const viewer = await officer('viewer-a');
    expect((await upload(viewer, inside.id, [new File([PDF], 'van-ban.pdf')])).status).toBe(403);
    expect((await upload(c, inside.id, [new File([PDF], 'van-ban.pdf')])).status).toBe(303);
    // an officer of ward B cannot remove ward A's file
    const f = (await attach(inside.id, [{ name: 'a.pdf', bytes: PDF }])).files.at(-1)!;
    const b = await officer('admin-b');
    expect((await b.postForm(`/quan-tri/van-ban/${inside.id}/tep/${f.id}/xoa`, {})).status).toBe(403);
  });
});

describe('recipients (nơi nhận): a document kept off the portal is read by the units it was sent to', () => {
  beforeAll(async () => {
    await t.db.db.transaction().execute(async (trx) => {
      await createUnit(trx, { actor: system, input: { code: 'C', name: 'Phường Cầu Giấy Thử', kind: 'ward', parent: 'HN' } });
      await createUser(trx, { actor: system, input: { username: 'officer-b', fullName: 'Cán bộ phường B', unit: 'B', roles: ['officer'], password: PASSWORD } });
      await createUser(trx, { actor: system, input: { username: 'viewer-b1', fullName: 'Người xem tổ B-1', unit: 'B-1', roles: ['viewer'], password: PASSWORD } });
      await createUser(trx, { actor: system, input: { username: 'officer-c', fullName: 'Cán bộ phường C', unit: 'C', roles: ['officer'], password: PASSWORD } });
    });
  });
  const secret = (over: DocInput & { recipients?: string[] } = {}) => mkDoc({ unit: 'A', public: false, title: 'Công văn mật gửi phường Bình Minh QXRECIP', ...over });
  const ids = (items: { id: number }[]) => items.map((d) => d.id);

  it('a ward B officer reads a document of ward A sent to ward B (API, list, search, admin list page, file); ward C gets 404 as for a missing one', async () => {
    const d = await secret({ recipients: ['B'] });
    expect(d.recipients).toEqual([{ code: 'B', name: 'Phường Bình Minh' }]);
    const f = (await attach(d.id, [{ name: 'cong-van.pdf', bytes: PDF }])).files[0]!;
    const b = await officer('officer-b');
    const got = await b.request(`/api/v1/documents/${d.id}`);
    expect(got.status).toBe(200);
    expect(await got.json()).toMatchObject({ id: d.id, public: false, recipients: [{ code: 'B', name: 'Phường Bình Minh' }] });
    const listed = (await (await b.request('/api/v1/documents')).json()) as { items: { id: number }[] };
    expect(ids(listed.items)).toContain(d.id);
    const searched = (await (await b.request('/api/v1/documents?q=qxrecip')).json()) as { items: { id: number }[]; total: number };
    expect(ids(searched.items)).toEqual([d.id]);
    const page = await html(b, '/quan-tri/van-ban?q=qxrecip');
    expect(page.status).toBe(200);
    expect(page.text).toContain(d.number);
    expect(page.text).toContain('Nơi nhận: Phường Bình Minh');
    // ward B reads it but does not edit it: the register opens a page to read, without a form
    expect(page.text).toContain(`href="/quan-tri/van-ban/${d.id}"`);
    expect(textOf(page.text)).toContain(`${d.number} (chỉ xem)`);
    const read = await html(b, `/quan-tri/van-ban/${d.id}`);
    expect(read.status).toBe(200);
    expect(textOf(read.text)).toContain('Công văn mật gửi phường Bình Minh QXRECIP');
    expect(textOf(read.text)).toContain('Nơi nhận Phường Bình Minh');
    expect(textOf(read.text)).toContain('chỉ cơ quan ban hành sửa được');
    expect(read.text).toContain(`href="/quan-tri/van-ban/tep/${f.id}"`);
    expect(read.text).not.toMatch(/<form[^>]*method="post"[^>]*action="\/quan-tri\/van-ban\//);
    // its editor still gets the form
    const a = await officer('officer-a');
    expect((await html(a, '/quan-tri/van-ban?q=qxrecip')).text).not.toContain('(chỉ xem)');
    expect((await html(a, `/quan-tri/van-ban/${d.id}`)).text).toMatch(new RegExp(`<form[^>]*action="/quan-tri/van-ban/${d.id}"`));
    expect((await b.request(`/quan-tri/van-ban/tep/${f.id}`)).status).toBe(200);
    // the recipient's subtree reads it too
    const b1 = await officer('viewer-b1');
    expect((await b1.request(`/api/v1/documents/${d.id}`)).status).toBe(200);
    expect(ids(((await (await b1.request('/api/v1/documents?q=qxrecip')).json()) as { items: { id: number }[] }).items)).toEqual([d.id]);

    const c = await officer('officer-c');
    const hidden = await c.request(`/api/v1/documents/${d.id}`);
    const missing = await c.request('/api/v1/documents/987654321');
    expect(hidden.status).toBe(404);
    expect(await hidden.text()).toBe((await missing.text()).replace('987654321', String(d.id)));
    expect(ids(((await (await c.request('/api/v1/documents?q=qxrecip')).json()) as { items: { id: number }[] }).items)).toEqual([]);
    const cPage = await html(c, '/quan-tri/van-ban?q=qxrecip');
    expect(cPage.status).toBe(200);
    expect(cPage.text).not.toContain(d.number);
    expect(cPage.text).not.toContain('QXRECIP');
    expect((await c.request(`/quan-tri/van-ban/tep/${f.id}`)).status).toBe(404);
    expect((await c.request(`/quan-tri/van-ban/${d.id}`)).status).toBe(404);
    // the public archive still never shows it
    expect((await new Client(t).request(`/van-ban/${d.id}`)).status).toBe(404);
  });

  it('sets recipients through the API by unit code (an unknown code is a field error, nothing written), keeps them when a PATCH leaves them out, clears them with []', async () => {
    const a = await officer('officer-a');
    const body = { number: '77-CV/NN', kind: 'CV', issuer: 'Đảng ủy phường Ánh Dương', unit: 'A', date: '2021-06-01', title: 'Công văn gửi các phường', public: false };
    const before = await count('audit_log');
    const bad = await a.request('/api/v1/documents', { method: 'POST', json: { ...body, recipients: ['B', 'KHONG-CO'] } });
    expect(bad.status).toBe(422);
    const err = ((await bad.json()) as { error: { field: string; message: string } }).error;
    expect(err.field).toBe('recipients[1]');
    expect(err.message).toContain('Nơi nhận: không tìm thấy đơn vị "KHONG-CO"');
    expect(await t.db.db.selectFrom('documents').select('id').where('number', '=', '77-CV/NN').execute()).toEqual([]);
    expect(await count('audit_log')).toBe(before);
    const created = await a.request('/api/v1/documents', { method: 'POST', json: { ...body, recipients: ['C', 'B', 'B'] } });
    expect(created.status).toBe(201);
    const d = (await created.json()) as { id: number; recipients: unknown };
    expect(d.recipients).toEqual([{ code: 'C', name: 'Phường Cầu Giấy Thử' }, { code: 'B', name: 'Phường Bình Minh' }].sort((x, y) => x.name.localeCompare(y.name, 'vi')));
    const kept = await a.request(`/api/v1/documents/${d.id}`, { method: 'PATCH', json: { ...body, title: 'Đã sửa trích yếu' } });
    expect(await kept.json()).toMatchObject({ title: 'Đã sửa trích yếu', recipients: [{ code: 'B' }, { code: 'C' }] });
    const c = await officer('officer-c');
    expect((await c.request(`/api/v1/documents/${d.id}`)).status).toBe(200);
    const cleared = await a.request(`/api/v1/documents/${d.id}`, { method: 'PATCH', json: { ...body, recipients: [] } });
    expect(await cleared.json()).toMatchObject({ recipients: [] });
    expect((await c.request(`/api/v1/documents/${d.id}`)).status).toBe(404);
    const audited = await t.db.db.selectFrom('audit_log').select(['before_json']).where('action', '=', 'document.update').where('entity_id', '=', String(d.id)).orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(String(audited.before_json)).toContain('"recipients":[{"code":"B"');
  });

  it('the admin form picks recipients by unit name (any ward, not only the editor’s) and saves the choice; unticking all clears it', async () => {
    const d = await secret({ number: '88-CV/FORM' });
    const a = await officer('officer-a');
    const form = await html(a, `/quan-tri/van-ban/${d.id}`);
    expect(form.status).toBe(200);
    expect(form.text).toContain('Nơi nhận');
    expect(form.text).toMatch(/<option value="B">[^<]*Phường Bình Minh<\/option>/);
    expect(form.text).toMatch(/<option value="C">[^<]*Phường Cầu Giấy Thử<\/option>/);
    const fields = { number: d.number, kind: d.kind, issuer: d.issuer, unit: 'A', date: '04/03/2021', title: d.title };
    expect((await a.postForm(`/quan-tri/van-ban/${d.id}`, { ...fields, recipients: ['B', 'C'] })).status).toBe(303);
    const again = await html(a, `/quan-tri/van-ban/${d.id}`);
    expect(again.text).toMatch(/<option value="B" selected="">/);
    expect(again.text).toMatch(/<option value="C" selected="">/);
    expect((await a.postForm(`/quan-tri/van-ban/${d.id}`, fields)).status).toBe(303);
    expect((await t.db.db.selectFrom('document_recipients').select('unit_id').where('document_id', '=', d.id).execute()).length).toBe(0);
  });

  it('the public page of a public document states its recipients', async () => {
    const d = await mkDoc({ public: true, recipients: ['B'] });
    const page = await html(new Client(t), `/van-ban/${d.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toMatch(/<dt>Nơi nhận<\/dt>\s*<dd>Phường Bình Minh<\/dd>/);
  });
});

describe('the public archive', () => {
  let hidden: { id: number; fileId: number };
  let app: TestApp;
  beforeAll(async () => {
    app = await createTestApp();
    const mk = (input: DocInput) => app.db.db.transaction().execute((trx) => createDocument(trx, { actor: system, input: { unit: 'A', ...input } }));
    await mk({ number: '18-KH/QU', kind: 'KH', issuer: 'Quận ủy Long Biên', date: '2020-12-30', title: 'Thực hiện chủ đề "Năm Dân vận khéo, trọng tâm công tác giải phóng mặt bằng" năm 2021', signer: 'Bí thư Quận ủy Đỗ Tiến Sỹ', field: 'Dân vận' });
    await mk({ number: '25-CT/TW', kind: 'CT', issuer: 'Ban Chấp hành Trung ương', unit: null, date: '2021-02-10', title: 'Về đẩy mạnh công tác dân vận của cơ quan nhà nước' });
    await mk({ number: '15-KH/TU', kind: 'KH', issuer: 'Thành ủy Hà Nội', unit: 'HN', date: '2021-03-01', title: 'Thực hiện công tác dân vận năm 2021' });
    await mk({ number: '112-CV/QU', kind: 'CV', issuer: 'Quận ủy Long Biên', date: '2021-02-25', title: 'Tăng cường công tác dân vận trong giải phóng mặt bằng' });
    for (let i = 1; i <= 22; i++) await mk({ number: `${i}/TB-UBND`, kind: 'TB', issuer: 'UBND quận Long Biên', date: `2019-01-${String(i).padStart(2, '0')}`, title: `Thông báo lịch tiếp công dân số ${i}` });
    const h = await mk({ number: '9-BC/QU', kind: 'BC', issuer: 'Quận ủy Long Biên', date: '2021-06-01', title: 'Báo cáo nội bộ về kế hoạch mật', public: false });
    const f = await app.db.db.transaction().execute((trx) => attachDocumentFiles(trx, { actor: system, id: h.id, files: [{ name: 'noi-bo.pdf', bytes: PDF }] }));
    hidden = { id: h.id, fileId: f.files[0]!.id };
  });
  afterAll(() => app.close());
  const get = async (path: string) => {
    const res = await new Client(app).request(path);
    return { status: res.status, text: await res.text() };
  };
  const numbers = (page: string) => [...page.matchAll(/<a href="\/van-ban\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);

  it('lists public documents newest first with dd/mm/yyyy dates, counts and paging of 20', async () => {
    const p1 = await get('/van-ban');
    expect(p1.status).toBe(200);
    expect(p1.text).toContain('Có 26 văn bản — trang 1/2.');
    expect(numbers(p1.text).slice(0, 4)).toEqual(['15-KH/TU', '112-CV/QU', '25-CT/TW', '18-KH/QU']);
    expect(numbers(p1.text)).toHaveLength(20);
    expect(p1.text).toContain('30/12/2020');
    expect(p1.text).toContain('Kế hoạch (2)');
    expect(p1.text).toContain('href="/van-ban?trang=2"');
    const p2 = await get('/van-ban?trang=2');
    expect(numbers(p2.text)).toHaveLength(6);
    expect(numbers(p2.text).at(-1)).toBe('1/TB-UBND');
  });

  it('never shows a document kept off the portal, nor its files', async () => {
    const all = (await get('/van-ban')).text + (await get('/van-ban?trang=2')).text + (await get('/van-ban?q=noi+bo')).text;
    expect(all).not.toContain('9-BC/QU');
    expect(all).not.toContain('Báo cáo (');
    const page = await get(`/van-ban/${hidden.id}`);
    expect(page.status).toBe(404);
    expect(page.text).toContain('Không tìm thấy văn bản, hoặc văn bản này không được công khai.');
    for (const path of [`/van-ban/tep/${hidden.fileId}`, `/van-ban/tep/${hidden.fileId}/noi-bo.pdf`]) {
      const f = await get(path);
      expect(f.status).toBe(404);
      expect(f.text).toContain('Không tìm thấy tệp, hoặc văn bản của tệp này không được công khai.');
    }
    // staff read it in the admin pages
    const c = new Client(app);
    await c.login('viewer-a');
    expect((await c.request(`/quan-tri/van-ban/tep/${hidden.fileId}`)).status).toBe(200);
    for (const path of ['/van-ban/0', '/van-ban/abc', '/van-ban/99999999999', '/van-ban/tep/abc', '/van-ban/tep/0', `/van-ban/tep/${hidden.fileId + 1000}`]) expect((await get(path)).status, path).toBe(404);
  });

  it('filters by kind, year and several issuers (matched without regard to marks), and searches without diacritics', async () => {
    const kh = await get('/van-ban?loai=KH');
    expect(numbers(kh.text)).toEqual(['15-KH/TU', '18-KH/QU']);
    expect(kh.text).toContain('Tìm thấy 2 văn bản.');
    expect(numbers((await get('/van-ban?nam=2020')).text)).toEqual(['18-KH/QU']);
    // "văn bản chỉ đạo của Trung ương, Thành phố": two issuers in one link; "uỷ" spelt the old way
    const directives = await get(`/van-ban?co_quan=${encodeURIComponent('Ban Chấp hành Trung ương')}&co_quan=${encodeURIComponent('Thành uỷ Hà Nội')}`);
    expect(numbers(directives.text)).toEqual(['15-KH/TU', '25-CT/TW']);
    expect(directives.text).toMatch(/value="Thành ủy Hà Nội" checked/);
    expect(numbers((await get(`/van-ban?co_quan=${encodeURIComponent('Không có cơ quan này')}`)).text)).toEqual([]);
    for (const q of ['ke hoach', 'KẾ HOẠCH', 'Kế hoạch'.normalize('NFD'), 'ke hoach dan van']) {
      const r = await get(`/van-ban?q=${encodeURIComponent(q)}`);
      expect(numbers(r.text), q).toEqual(['15-KH/TU', '18-KH/QU']);
    }
    expect(numbers((await get('/van-ban?q=duong+loi')).text)).toEqual([]);
    expect(numbers((await get('/van-ban?q=giai+phong+mat+bang&nam=2021')).text)).toEqual(['112-CV/QU']);
    expect(numbers((await get('/van-ban?q=18-kh%2Fqu')).text)).toEqual(['18-KH/QU']);
    expect(numbers((await get(`/van-ban?q=${encodeURIComponent('quan uy long bien')}&loai=CV`)).text)).toEqual(['112-CV/QU']);
    // a search with LIKE's wildcards finds nothing rather than everything
    expect(numbers((await get('/van-ban?q=%25')).text)).toEqual([]);
  });

  it('answers absurd pages, over-long queries and junk filters with a clean page', async () => {
    for (const path of ['/van-ban?trang=99999999999999', '/van-ban?trang=-3', '/van-ban?trang=abc', `/van-ban?q=${'dân vận '.repeat(2000)}`, '/van-ban?nam=99999&loai=<script>', `/van-ban?${'co_quan=x&'.repeat(300)}`]) {
      const r = await get(path);
      expect(r.status, path.slice(0, 60)).toBe(200);
      expect(r.text).not.toContain('<script>');
    }
    const far = await get('/van-ban?trang=500');
    expect(far.text).toContain('Trang 500 không có văn bản.');
    expect(far.text).toContain('href="/van-ban">Về trang đầu</a>');
  });

  it('shows every Nghị định 42 field of a document and its files', async () => {
    const list = await get('/van-ban?q=18-KH');
    const id = /<a href="\/van-ban\/(\d+)">18-KH\/QU<\/a>/.exec(list.text)?.[1];
    const c = new Client(app);
    await c.login('officer-a');
    const fd = new FormData();
    fd.set('_csrf', c.csrf);
    fd.append('files', new File([PDF], 'Kế hoạch 18.pdf'));
    expect((await c.request(`/quan-tri/van-ban/${id}/tep`, { method: 'POST', body: fd })).status).toBe(303);
    const page = await get(`/van-ban/${id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<h1>Kế hoạch số 18-KH/QU</h1>');
    for (const [dt, dd] of [
      ['Số, ký hiệu', '18-KH/QU'],
      ['Loại văn bản', 'Kế hoạch'],
      ['Người ký', 'Bí thư Quận ủy Đỗ Tiến Sỹ'],
      ['Ngày ban hành', '30/12/2020'],
      ['Ngày hiệu lực', '—'],
      ['Lĩnh vực', 'Dân vận'],
    ]) expect(page.text).toContain(`<dt>${dt}</dt><dd>${dd}</dd>`);
    expect(page.text).toContain('<dt>Cơ quan ban hành</dt>');
    expect(page.text).toContain('<dt>Trích yếu</dt><dd>Thực hiện chủ đề &quot;Năm Dân vận khéo');
    const links = fileLinks(page.text);
    expect(links).toEqual([`/van-ban/tep/${/\/van-ban\/tep\/(\d+)\//.exec(links[0]!)?.[1]}/${encodeURIComponent('Kế hoạch 18.pdf')}`]);
    const file = await new Client(app).request(links[0]!);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('Kế hoạch 18.pdf')}`);
    // the list links the file too
    expect(fileLinks((await get('/van-ban?q=18-KH')).text)).toEqual(links);
  });

  it('takes a document off the portal when it stops being public', async () => {
    const d = await app.db.db.transaction().execute((trx) => createDocument(trx, { actor: system, input: { number: '5-QĐ/X', kind: 'QĐ', issuer: 'Ủy ban Thử', unit: 'A', date: '2021-08-08', title: 'Quyết định tạm thời' } }));
    expect((await get(`/van-ban/${d.id}`)).status).toBe(200);
    await app.db.db.transaction().execute((trx) => updateDocument(trx, { actor: system, id: d.id, input: { number: '5-QĐ/X', kind: 'QĐ', issuer: 'Ủy ban Thử', unit: 'A', date: '2021-08-08', title: 'Quyết định tạm thời', public: false } }));
    expect((await get(`/van-ban/${d.id}`)).status).toBe(404);
    expect((await get('/van-ban?q=tam+thoi')).text).toContain('Không có văn bản nào phù hợp.');
  });
});

describe('the search index', () => {
  it('indexes public documents on every write and drops them when they stop being public', async () => {
    const d = await mkDoc({ number: '33-KH/IDX', title: 'Kế hoạch tuyên truyền', issuer: 'Ban Tuyên giáo Thử', date: '2021-09-30' });
    const entry = () => t.db.db.selectFrom('search_entries').selectAll().where('kind', '=', 'document').where('ref_id', '=', d.id).executeTakeFirst();
    expect(await entry()).toMatchObject({
      title: 'Kế hoạch số 33-KH/IDX — Kế hoạch tuyên truyền',
      url: `/van-ban/${d.id}`,
      summary: 'Ban Tuyên giáo Thử, ngày 30/09/2021',
      dated: '2021-09-30',
      visible_from: null,
    });
    expect((await entry())!.folded_body).toContain('ban tuyen giao thu');
    const input = { number: '33-KH/IDX', kind: 'KH', issuer: 'Ban Tuyên giáo Thử', unit: 'A', date: '2021-09-30', title: 'Kế hoạch tuyên truyền miệng', signer: 'Trưởng ban Phạm Đức' };
    await t.db.db.transaction().execute((trx) => updateDocument(trx, { actor: system, id: d.id, input }));
    expect(await entry()).toMatchObject({ title: 'Kế hoạch số 33-KH/IDX — Kế hoạch tuyên truyền miệng' });
    expect((await entry())!.folded_body).toContain('pham duc');
    await t.db.db.transaction().execute((trx) => updateDocument(trx, { actor: system, id: d.id, input: { ...input, public: false } }));
    expect(await entry()).toBeUndefined();
    // syncing a document that does not exist removes nothing and fails nothing
    await t.db.db.transaction().execute((trx) => syncDocumentSearch(trx, 2_000_000));
  });

  it('gives every public document, in id order and in batches, for a rebuild', async () => {
    const ids = (await t.db.db.selectFrom('documents').select('id').where('is_public', '=', 1).orderBy('id').execute()).map((r) => r.id);
    expect(ids.length).toBeGreaterThan(3);
    const first = await documentSearchEntries(t.db.db, { limit: 2 });
    expect(first.map((e) => e.refId)).toEqual(ids.slice(0, 2));
    const rest = await documentSearchEntries(t.db.db, { afterId: first.at(-1)!.refId, limit: 10_000 });
    expect([...first, ...rest].map((e) => e.refId)).toEqual(ids);
    expect(first[0]).toMatchObject({ kind: 'document', url: `/van-ban/${ids[0]}` });
    const privateIds = (await t.db.db.selectFrom('documents').select('id').where('is_public', '=', 0).execute()).map((r) => r.id);
    expect(rest.some((e) => privateIds.includes(e.refId))).toBe(false);
  });
});

describe('what other public pages show', () => {
  it('the public campaign figures list public documents only; officers see all', async () => {
    const { createCampaign } = await import('../campaigns/campaigns.service.js');
    const { campaignStats } = await import('../figures/figures.service.js');
    await t.db.db.transaction().execute((trx) => createCampaign(trx, { actor: system, input: { code: 'DOC-2021', unit: 'A', year: 2021, theme: 'Năm thử', fields: [{ code: 'F', name: 'F' }] } }));
    await mkDoc({ number: '1-TB/PUB', kind: 'TB', date: '2021-04-01' });
    await mkDoc({ number: '2-TB/HID', kind: 'TB', date: '2021-04-02', public: false });
    const pub = await campaignStats(t.db.db, 'DOC-2021', '2021-12-31', { publicOnly: true });
    const all = await campaignStats(t.db.db, 'DOC-2021', '2021-12-31');
    expect(pub.documents.map((d) => d.number)).toContain('1-TB/PUB');
    expect(pub.documents.map((d) => d.number)).not.toContain('2-TB/HID');
    expect(all.documents.map((d) => d.number)).toContain('2-TB/HID');
  });

  it('a land clearance project’s public page links its public documents and hides the others', async () => {
    const { createProject } = await import('../landClearance/landClearance.service.js');
    const shown = await mkDoc({ number: '3-QĐ/GPMB', kind: 'QĐ', date: '2021-05-01', title: 'Thu hồi đất dự án thử' });
    await mkDoc({ number: '4-CV/GPMB', kind: 'CV', date: '2021-05-02', title: 'Công văn nội bộ', public: false });
    await t.db.db.transaction().execute((trx) => createProject(trx, { actor: system, input: { code: 'DA-DOC', name: 'Dự án có văn bản', unit: 'A', category: 'new', startedOn: '2021-05-01', documents: ['3-QĐ/GPMB', '4-CV/GPMB'] } }));
    const page = await html(new Client(t), '/gpmb/DA-DOC');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`<a href="/van-ban/${shown.id}">3-QĐ/GPMB</a>`);
    expect(page.text).not.toContain('4-CV/GPMB');
  });
});
