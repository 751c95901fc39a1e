/**
 * Personal data is never left in a cache (issue #20 item 8): every admin page, every answer of the
 * API to a signed-in caller (and every write), every export (XLSX, DOCX, JSON bundle) and every
 * non-public file download goes out `Cache-Control: no-store`. The class test crawls every GET
 * route of the app under /quan-tri and /api/v1 (the app's own route table, path parameters filled
 * with real codes) signed in as a ward officer and as the administrator, and checks each answer,
 * whatever its status; then a few writes and the login.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, loadWorld, routeUrls } from '../support/crawl.js';
import { Client, createTestApp, type TestApp } from '../support/http.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: false });
  await loadWorld(t.db.db);
}, 300_000);
afterAll(() => t.close());

const privateRoute = (url: string) => url === '/quan-tri' || url.startsWith('/quan-tri/') || url.startsWith('/api/v1/');

describe('Cache-Control: no-store on what a signed-in caller gets', () => {
  it('is on every admin page, API answer, export and file download, for an officer and an administrator', async () => {
    const urls = (await routeUrls(t.app, t.db.db, '/static/none')).filter((u) => privateRoute(u.url));
    expect(urls.length).toBeGreaterThan(100);
    const missing: string[] = [];
    const kinds = new Set<string>();
    for (const [username, password] of [['officer-nl', undefined], ['admin', DEMO_PASSWORD]] as const) {
      const c = new Client(t);
      expect((await c.login(username, password)).status).toBe(200);
      for (const { url } of urls) {
        const res = await c.request(url);
        await res.arrayBuffer();
        const cc = res.headers.get('cache-control') ?? '';
        if (!/\bno-store\b/.test(cc)) missing.push(`${username} GET ${url} → ${res.status} ${cc || '(none)'}`);
        if (res.status === 200) kinds.add((res.headers.get('content-type') ?? '').split(';')[0]!);
      }
    }
    expect(missing).toEqual([]);
    // the crawl reached pages, JSON, spreadsheets, Word files and uploaded files
    for (const k of ['text/html', 'application/json', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/pdf']) expect([...kinds]).toContain(k);
  }, 600_000);

  it('is on the login answer, on writes and on their refusals', async () => {
    const c = new Client(t);
    const login = await c.login('admin', DEMO_PASSWORD);
    expect(login.headers.get('cache-control')).toBe('no-store');
    const bad = await c.request('/api/v1/models', { method: 'POST', json: { code: '' } });
    expect(bad.status).toBe(422);
    expect(bad.headers.get('cache-control')).toBe('no-store');
    const anon = await new Client(t).request('/api/v1/households/X');
    expect(anon.status).toBe(401);
    expect(anon.headers.get('cache-control')).toBe('no-store');
  });

  it('leaves the public portal and the public API cacheable as before', async () => {
    const c = new Client(t);
    const r = await c.request('/api/v1/articles');
    expect(r.status).toBe(200);
    expect(r.headers.get('cache-control') ?? '').not.toContain('no-store');
    const home = await c.request('/');
    expect(home.headers.get('cache-control') ?? '').not.toContain('no-store');
  });
});
