import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../test/support/http.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ config: { maxBodyBytes: 64 * 1024 } });
});
afterAll(() => t.close());

describe('web shell', () => {
  it('puts CSP, nosniff and the other security headers on every response', async () => {
    const c = new Client(t);
    for (const path of ['/', '/khong-co', '/api/v1/openapi.json', '/api/v1/units', '/quan-tri', '/dang-nhap', '/healthz']) {
      const res = await c.request(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("object-src 'none'");
      expect(csp, path).toContain("base-uri 'none'");
      expect(csp, path).toContain("frame-ancestors 'none'");
      expect(csp, path).not.toContain('unsafe-inline');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), path).toBeTruthy();
      expect(res.headers.get('strict-transport-security'), path).toBeNull();
    }
  });

  it('adds HSTS and Secure __Host- cookies behind HTTPS', async () => {
    const c = new Client(t);
    const res = await c.request('/dang-nhap', { headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    const cookie = res.headers.getSetCookie().join('\n');
    expect(cookie).toMatch(/__Host-kheo_csrf=.*Secure/);
  });

  it('answers /healthz and the OpenAPI document', async () => {
    const c = new Client(t);
    expect(await (await c.request('/healthz')).json()).toMatchObject({ status: 'ok' });
    const doc = (await (await c.request('/api/v1/openapi.json')).json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/units', '/units/{code}', '/import', '/auth/login']));
    expect(JSON.stringify(doc.paths['/units']?.post)).toContain('"code"');
  });

  it('documents exactly the API routes the app serves', async () => {
    const { apiSpecs } = await import('./app.js');
    const served = t.app.routes
      .filter((r) => r.method !== 'ALL' && r.path.startsWith('/api/v1/'))
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    const documented = apiSpecs.map((s) => `${s.method.toUpperCase()} /api/v1${s.path}`).sort();
    expect(documented).toEqual(served);
  });

  it('serves static assets under content-hashed names, cached forever', async () => {
    const c = new Client(t);
    const html = await (await c.request('/')).text();
    const css = /href="(\/static\/app\.[0-9a-f]{10}\.css)"/.exec(html)?.[1];
    expect(css).toBeTruthy();
    const res = await c.request(css!);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('immutable');
    expect((await c.request('/static/app.0000000000.css')).status).toBe(404);
  });

  it('shows Vietnamese 404 pages and JSON errors', async () => {
    const c = new Client(t);
    const page = await c.request('/khong-co-trang-nay');
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Không tìm thấy trang');
    const api = await c.request('/api/v1/khong-co');
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: 'not_found' } });
  });
});

describe('authentication', () => {
  it('redirects /quan-tri to the login page without a session', async () => {
    const res = await new Client(t).request('/quan-tri');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/dang-nhap?tiep=%2Fquan-tri');
  });

  it('answers 401 to API reads and writes without a session', async () => {
    const c = new Client(t);
    expect((await c.request('/api/v1/import', { method: 'POST', json: { version: 1 } })).status).toBe(401);
    expect((await c.request('/api/v1/units', { method: 'POST', json: {} })).status).toBe(401);
    expect((await c.request('/api/v1/units')).status).toBe(401);
    const bad = await c.request('/api/v1/units', { headers: { authorization: 'Bearer kheo_khong-hop-le' } });
    expect(bad.status).toBe(401);
  });

  it('signs in through the API with an HttpOnly SameSite=Lax cookie, and out again', async () => {
    const c = new Client(t);
    const res = await c.login('admin-a');
    expect(res.status).toBe(200);
    const setCookie = res.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/kheo_session=[^;]+;.*HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    expect(setCookie).not.toMatch(/Secure/);
    const me = (await (await c.request('/api/v1/auth/me')).json()) as { username: string; unit: string };
    expect(me).toMatchObject({ username: 'admin-a', unit: 'A' });
    const oldCookie = new Map(c.cookies);
    expect((await c.request('/api/v1/auth/logout', { method: 'POST', json: {} })).status).toBe(204);
    c.cookies = oldCookie; // replaying the old cookie after logout
    expect((await c.request('/api/v1/auth/me')).status).toBe(401);
  });

  it('rotates the session id at login: the cookie held before no longer works', async () => {
    const c = new Client(t);
    await c.login('viewer-a');
    const before = new Map(c.cookies);
    await c.login('viewer-a');
    expect(c.cookies.get('kheo_session')).not.toBe(before.get('kheo_session'));
    expect((await c.request('/api/v1/auth/me')).status).toBe(200);
    const stale = new Client(t);
    stale.cookies = before;
    expect((await stale.request('/api/v1/auth/me')).status).toBe(401);
  });

  it('refuses a wrong password with 401 and meets 30 in a row with 429', async () => {
    const c = new Client(t);
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await c.request('/api/v1/auth/login', { method: 'POST', json: { username: 'viewer-a', password: `sai-${i}` } })).status);
    expect(statuses[0]).toBe(401);
    expect(statuses).toContain(429);
    expect(statuses.indexOf(429)).toBe(10);
    const body = (await (await c.request('/api/v1/auth/login', { method: 'POST', json: { username: 'viewer-a', password: 'x' } })).json()) as { error: { message: string } };
    expect(body.error.message).toMatch(/Quá nhiều lần thử/);
  });

  it('signs in through the login form (double-submit CSRF) and goes where it was asked', async () => {
    const c = new Client(t);
    const page = await c.request('/dang-nhap?tiep=%2Fquan-tri%2Fdon-vi');
    const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1];
    expect(token).toBeTruthy();
    const noToken = await c.request('/dang-nhap', { method: 'POST', form: { username: 'admin-a', password: 'mat-khau-thu-nghiem-du-dai' } });
    expect(noToken.status).toBe(403);
    const wrong = await c.request('/dang-nhap', { method: 'POST', form: { _csrf: token!, username: 'admin-a', password: 'sai-mat-khau-roi' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Tên đăng nhập hoặc mật khẩu không đúng');
    const ok = await c.request('/dang-nhap?tiep=%2Fquan-tri%2Fdon-vi', { method: 'POST', form: { _csrf: token!, username: 'admin-a', password: 'mat-khau-thu-nghiem-du-dai' } });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/quan-tri/don-vi');
    const tree = await c.request('/quan-tri/don-vi');
    expect(tree.status).toBe(200);
    expect(await tree.text()).toContain('Phường Ánh Dương');
    // an open redirect is not followed
    const d = new Client(t);
    const dToken = /name="_csrf" value="([^"]+)"/.exec(await (await d.request('/dang-nhap')).text())?.[1] ?? '';
    const evil = await d.request('/dang-nhap?tiep=%2F%2Fevil.example', { method: 'POST', form: { _csrf: dToken, username: 'admin-a', password: 'mat-khau-thu-nghiem-du-dai' } });
    expect(evil.headers.get('location')).toBe('/quan-tri');
  });
});

describe('CSRF on forms', () => {
  it('refuses a form post without the token, or from a foreign origin, and accepts the real one', async () => {
    const c = new Client(t);
    await c.login('admin-a');
    const form = { code: 'A-CSRF', name: 'Tổ dân phố thử', kind: 'residentialGroup', parent: 'A' };
    expect((await c.request('/quan-tri/don-vi/moi', { method: 'POST', form })).status).toBe(403);
    expect((await c.request('/quan-tri/don-vi/moi', { method: 'POST', form: { ...form, _csrf: 'gia-mao' } })).status).toBe(403);
    const foreign = await c.request('/quan-tri/don-vi/moi', { method: 'POST', form: { ...form, _csrf: c.csrf }, headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(403);
    const ok = await c.postForm('/quan-tri/don-vi/moi', form);
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/quan-tri/don-vi/A-CSRF?thongbao=da-tao');
  });

  it('re-renders a form with Vietnamese messages naming each field, writing nothing', async () => {
    const c = new Client(t);
    await c.login('admin-a');
    const res = await c.postForm('/quan-tri/don-vi/moi', { code: 'có dấu cách', name: '', kind: 'residentialGroup', parent: 'A', validFrom: '31/02/2021' });
    expect(res.status).toBe(422);
    const html = await res.text();
    expect(html).toContain('Mã đơn vị: chỉ gồm chữ, số');
    expect(html).toContain('Tên đơn vị: bắt buộc nhập');
    expect(html).toContain('Hiệu lực từ ngày: phải là ngày hợp lệ (dd/mm/yyyy)');
    expect(html).toContain('value="có dấu cách"');
  });
});

describe('units API', () => {
  it('creates (201), refuses duplicates (409), names bad fields (422), and keeps scope (403 to act outside, 404 to read outside)', async () => {
    const c = new Client(t);
    await c.login('admin-a');
    const created = await c.request('/api/v1/units', { method: 'POST', json: { code: 'A-2', name: 'Tổ dân phố số 2', kind: 'residentialGroup', parent: 'A' } });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ code: 'A-2', parent: 'A', active: true, kindLabel: 'Tổ dân phố/Thôn' });
    expect((await c.request('/api/v1/units', { method: 'POST', json: { code: 'A-2', name: 'Trùng', kind: 'residentialGroup', parent: 'A' } })).status).toBe(409);
    const bad = await c.request('/api/v1/units', { method: 'POST', json: { code: 'A-3', kind: 'residentialGroup', parent: 'A' } });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { field: 'name', message: 'name: Tên đơn vị: bắt buộc nhập' } });
    const outside = await c.request('/api/v1/units', { method: 'POST', json: { code: 'B-9', name: 'Ngoài phạm vi', kind: 'residentialGroup', parent: 'B' } });
    expect(outside.status).toBe(403);
    expect((await c.request('/api/v1/units/B-9')).status).toBe(404);
    // a unit outside the caller's scope reads as one that does not exist (issue #20 decision)
    const hidden = await c.request('/api/v1/units/B');
    const missing = await c.request('/api/v1/units/KHONG-CO');
    expect(hidden.status).toBe(404);
    expect(((await hidden.json()) as { error: { message: string } }).error.message.replace('"B"', '"KHONG-CO"')).toBe(((await missing.json()) as { error: { message: string } }).error.message);
    const list = (await (await c.request('/api/v1/units')).json()) as { items: { code: string }[] };
    expect(list.items.map((u) => u.code)).toEqual(['A', 'A-1', 'A-2', 'A-CSRF']);
  });

  it('answers malformed JSON with 400 and oversized bodies with 413, in Vietnamese', async () => {
    const c = new Client(t);
    await c.login('admin-a');
    const malformed = await c.request('/api/v1/units', { method: 'POST', body: '{"code":', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: { message: 'Dữ liệu JSON không hợp lệ (sai cú pháp).' } });
    const big = await c.request('/api/v1/import', { method: 'POST', json: { version: 1, units: [], pad: 'x'.repeat(100 * 1024) } });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: { code: 'payload_too_large' } });
  });

  it('imports a bundle all-or-nothing through POST /api/v1/import', async () => {
    const c = new Client(t);
    await c.login('root');
    const bad = await c.request('/api/v1/import', { method: 'POST', json: { version: 1, units: [{ code: 'I-1', name: 'Một', kind: 'ward', parent: 'HN' }, { code: 'I-2', name: 'Hai', kind: 'ward', parent: 'KHONG' }] } });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('units[1].parent');
    expect((await c.request('/api/v1/units/I-1')).status).toBe(404);
    const ok = await c.request('/api/v1/import', { method: 'POST', json: { version: 1, units: [{ code: 'I-1', name: 'Một', kind: 'ward', parent: 'HN' }] } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ imported: { units: { created: 1, updated: 0 } } });
  });

  it('accepts an API token (Bearer) without CSRF', async () => {
    const { createApiToken } = await import('./features/accounts/accounts.service.js');
    const { systemActor } = await import('./policy/policy.js');
    const token = await t.db.db.transaction().execute((trx) => createApiToken(trx, { actor: systemActor(), username: 'admin-b', name: 'thử' }));
    const c = new Client(t);
    const res = await c.request('/api/v1/units', { method: 'POST', json: { code: 'B-TOKEN', name: 'Tạo bằng khóa API', kind: 'residentialGroup', parent: 'B' }, headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(201);
  });
});

describe('hardening (found in review)', () => {
  it('does not follow a login redirect hidden behind control characters or backslashes', async () => {
    for (const tiep of ['%2F%09%2Fevil.example', '%2F%5C%5Cevil.example', 'https%3A%2F%2Fevil.example', '%2F%0A%2Fevil.example']) {
      const d = new Client(t);
      const token = /name="_csrf" value="([^"]+)"/.exec(await (await d.request('/dang-nhap')).text())?.[1] ?? '';
      const res = await d.request(`/dang-nhap?tiep=${tiep}`, { method: 'POST', form: { _csrf: token, username: 'editor-a', password: 'mat-khau-thu-nghiem-du-dai' } });
      expect(res.status, tiep).toBe(303);
      expect(res.headers.get('location'), tiep).toBe('/quan-tri');
    }
  });

  it('counts parallel wrong passwords: 40 at once from one address get no more than 10 tries', async () => {
    const c = new Client(t);
    const statuses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => c.request('/api/v1/auth/login', { method: 'POST', json: { username: 'council-a', password: `doan-${i}` } }).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(30);
  });

  it('takes the client address from the last X-Forwarded-For entry (the one our proxy added)', async () => {
    const ip = '10.9.9.9';
    for (let i = 0; i < 11; i++) {
      const forged = `203.0.113.${i}, ${ip}`;
      const res = await t.app.request('http://localhost/api/v1/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': forged },
        body: JSON.stringify({ username: 'officer-a', password: `sai-${i}` }),
      });
      expect(res.status).toBe(i < 10 ? 401 : 429);
    }
  });

  it('keeps successor links inside the admin\'s scope', async () => {
    const c = new Client(t);
    await c.login('admin-a');
    const res = await c.request('/api/v1/units/A-1', { method: 'PATCH', json: { name: 'Tổ dân phố số 1', kind: 'residentialGroup', successors: ['B-1'] } });
    expect(res.status).toBe(403);
  });

  it('answers a malformed form body with 400, an absurd page number calmly, and bad JSON on deactivate with 400', async () => {
    const c = new Client(t);
    await c.login('root');
    const bad = await c.request('/quan-tri/don-vi/moi', { method: 'POST', body: 'rác', headers: { 'content-type': 'multipart/form-data; boundary=xyz' } });
    expect(bad.status).toBe(400);
    expect((await c.request('/api/v1/audit?page=99999999999999999999')).status).toBe(200);
    expect((await c.request('/quan-tri/nhat-ky?trang=99999999999999999999')).status).toBe(200);
    const deact = await c.request('/api/v1/units/A-CSRF/deactivate', { method: 'POST', body: '{"validTo":', headers: { 'content-type': 'application/json' } });
    expect(deact.status).toBe(400);
  });
});
