/**
 * Cache poisoning through the Host (issue #20 item 5), over raw sockets against the real server:
 * a request without a valid Host is refused (400) before anything is rendered or cached, and the
 * page cache is keyed by the very origin its absolute links are made from — a forged Host or
 * X-Forwarded-Proto only ever reaches its own copy.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as portal from '../../src/features/portal/portal.service.js';
import { system } from '../support/fixtures.js';
import { createTestApp, type TestApp } from '../support/http.js';
import { rawRequest } from '../support/raw.js';
import { serve, type TestServer } from '../support/server.js';

let t: TestApp;
let s: TestServer;
const SLUG = 'ket-qua-dan-van';

const canonical = (html: string) => /<link rel="canonical" href="([^"]*)"/.exec(html)?.[1];
const ogUrl = (html: string) => /<meta property="og:url" content="([^"]*)"/.exec(html)?.[1];

beforeAll(async () => {
  t = await createTestApp({ config: { trustProxy: true, publicUrl: undefined } });
  await t.db.db.transaction().execute(async (trx) => {
    await portal.createCategory(trx, { actor: system, input: { slug: 'tin-tuc', name: 'Tin tức' } });
    await portal.createArticle(trx, { actor: system, imported: true, input: { category: 'tin-tuc', slug: SLUG, title: 'Kết quả dân vận', body: '<p>Nội dung</p>', publishedAt: '2021-10-06T09:39', status: 'published' } });
  });
  s = await serve(t);
});
afterAll(async () => {
  await s.close();
  await t.close();
});

describe('Host and the page cache', () => {
  it('refuses a request without a Host (HTTP/1.0, absolute URL) and caches nothing for evil.example', async () => {
    for (const path of [`http://evil.example/bai-viet/${SLUG}`, `/bai-viet/${SLUG}`, 'http://evil.example/', '/', '/healthz', '/api/v1/articles']) {
      const r = await rawRequest(s.port, `GET ${path} HTTP/1.0\r\n\r\n`);
      expect(r.status, path).toBe(400);
      expect(r.body).toContain('Host');
      expect(r.body).not.toContain('evil.example');
    }
    // an absolute URL naming another host with our Host: the links come from the Host, as the cache key does
    const abs = await rawRequest(s.port, `GET http://evil.example/bai-viet/${SLUG} HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nConnection: close\r\n\r\n`);
    expect(abs.status).toBe(200);
    expect(abs.body).not.toContain('evil.example');
    const r = await rawRequest(s.port, `GET /bai-viet/${SLUG} HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nConnection: close\r\n\r\n`);
    expect(r.status).toBe(200);
    expect(canonical(r.body)).toBe(`http://127.0.0.1:${s.port}/bai-viet/${SLUG}`);
    expect(ogUrl(r.body)).toBe(`http://127.0.0.1:${s.port}/bai-viet/${SLUG}`);
  });

  it('refuses a Host that is not a host name (400 in Vietnamese), and never an empty one', async () => {
    for (const host of ['evil.example"><script>', 'a b', '', 'x/y', 'ex@mple.com', `${'a'.repeat(300)}.vn`]) {
      const r = await rawRequest(s.port, `GET / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`);
      expect(r.status, host).toBe(400);
    }
    const r = await rawRequest(s.port, `GET / HTTP/1.0\r\n\r\n`);
    const body = JSON.parse(r.body) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('bad_host');
    expect(body.error.message).toContain('Yêu cầu không hợp lệ');
  });

  it('keeps the http:// copy forged with X-Forwarded-Proto away from HTTPS visitors', async () => {
    const get = (proto: string, host = 'kheo.example.vn') =>
      rawRequest(s.port, `GET /bai-viet/${SLUG} HTTP/1.1\r\nHost: ${host}\r\nX-Forwarded-Proto: ${proto}\r\nConnection: close\r\n\r\n`);
    const forged = await get('http');
    expect(canonical(forged.body)).toBe(`http://kheo.example.vn/bai-viet/${SLUG}`);
    for (let i = 0; i < 3; i++) {
      // the first renders, the next come from the hot path: the same origin either way
      const r = await get('https');
      expect(r.status).toBe(200);
      expect(canonical(r.body)).toBe(`https://kheo.example.vn/bai-viet/${SLUG}`);
      expect(ogUrl(r.body)).toBe(`https://kheo.example.vn/bai-viet/${SLUG}`);
      expect(r.body).not.toContain('http://kheo.example.vn');
    }
    // a Host in capitals is the same origin, not a new copy with other links
    expect(canonical((await get('https', 'KHEO.example.vn')).body)).toBe(`https://kheo.example.vn/bai-viet/${SLUG}`);
    // and the forged one did not touch the page of another host
    expect(canonical((await get('https', 'other.example.vn')).body)).toBe(`https://other.example.vn/bai-viet/${SLUG}`);
  });
});
