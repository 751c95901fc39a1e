/**
 * One anonymous request must not freeze the server (issue #20 item 3). Over a real server: a
 * 59 MB body to the login (announced, or chunked without a length) is refused with a 413 at once,
 * without being read, and /healthz answers meanwhile; a caller who is not signed in sends a few KB
 * at most. Everywhere: a body's unknown keys are dropped before anything walks it, and deep or wide
 * JSON is a 400 in Vietnamese, never a 500 or a stack overflow.
 */
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANONYMOUS_BODY_BYTES } from '../../src/app.js';
import { Client, createTestApp, type TestApp } from '../support/http.js';
import { rawRequest } from '../support/raw.js';
import { serve, type TestServer } from '../support/server.js';

let t: TestApp;
let s: TestServer;
beforeAll(async () => {
  t = await createTestApp();
  s = await serve(t);
});
afterAll(async () => {
  await s.close();
  await t.close();
});

const MB = 1024 * 1024;

/** Sends a login whose body is `size` bytes of one JSON string, in 1 MB writes; resolves to the status line's code and the time to it. */
function bigLogin(port: number, size: number, chunked: boolean): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve) => {
    const sock = connect(port, '127.0.0.1');
    let got = '';
    const done = (status: number) => {
      resolve({ status, ms: performance.now() - started });
      sock.destroy();
    };
    sock.on('data', (d: Buffer) => {
      got += d.toString('latin1');
      const m = /^HTTP\/1\.1 (\d{3})/.exec(got);
      if (m) done(Number(m[1]));
    });
    sock.on('error', () => done(0));
    sock.on('close', () => done(0));
    sock.on('connect', () => {
      const head = `POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\n${chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${size}`}\r\n\r\n`;
      sock.write(head);
      const chunk = Buffer.alloc(MB, 'a');
      let sent = 0;
      const pump = () => {
        while (sent < size && !sock.destroyed) {
          const n = Math.min(MB, size - sent);
          const part = chunk.subarray(0, n);
          sent += n;
          const ok = sock.write(chunked ? Buffer.concat([Buffer.from(`${n.toString(16)}\r\n`), part, Buffer.from('\r\n')]) : part);
          if (!ok) return void sock.once('drain', pump);
        }
        if (chunked && !sock.destroyed) sock.write('0\r\n\r\n');
      };
      pump();
    });
  });
}

const healthz = () => rawRequest(s.port, `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nConnection: close\r\n\r\n`);

describe('bodies of anonymous callers', () => {
  for (const chunked of [false, true]) {
    it(`refuses a 59 MB login ${chunked ? 'sent chunked' : 'with its length'} with a 413 at once, and /healthz stays responsive`, async () => {
      const [big, ...health] = await Promise.all([bigLogin(s.port, 59 * MB, chunked), ...[50, 150, 300].map((ms) => new Promise((r) => setTimeout(r, ms)).then(healthz))]);
      expect(big.status).toBe(413);
      expect(big.ms).toBeLessThan(1500);
      for (const h of health) {
        expect(h.status).toBe(200);
        expect(h.ms).toBeLessThan(1000);
      }
    });
  }

  it('lets a caller who is not signed in send a few KB, in Vietnamese past it; a signed-in one the configured limit', async () => {
    const anon = new Client(t);
    const big = await anon.request('/api/v1/auth/login', { method: 'POST', json: { username: 'x', password: 'y'.repeat(ANONYMOUS_BODY_BYTES) } });
    expect(big.status).toBe(413);
    expect(((await big.json()) as { error: { message: string } }).error.message).toContain('quá lớn');
    const form = await anon.request('/dang-nhap', { method: 'POST', form: { username: 'x', password: 'y'.repeat(ANONYMOUS_BODY_BYTES) } });
    expect(form.status).toBe(413);
    expect(await form.text()).toContain('quá lớn');
    // a signed-in caller posts more than that and gets an answer about the content, not the size
    const admin = new Client(t);
    expect((await admin.login('root')).status).toBe(200);
    const r = await admin.request('/api/v1/units', { method: 'POST', json: { code: 'X', name: 'y'.repeat(40_000), kind: 'ward', parent: 'HN' } });
    expect(r.status).toBe(422);
  });
});

describe('deep and wide JSON, everywhere', () => {
  let admin: Client;
  beforeAll(async () => {
    admin = new Client(t);
    expect((await admin.login('root')).status).toBe(200);
  });

  const deep = (n: number) => `{"a":${'['.repeat(n)}${']'.repeat(n)}}`;
  const wide = (n: number) => `{${Array.from({ length: n }, (_, i) => `"k${i}":{"x":1}`).join(',')}}`;

  it('answers 400 in Vietnamese for JSON nested too deep, in a key the route reads (login, units, import)', async () => {
    for (const [c, path, body] of [
      [new Client(t), '/api/v1/auth/login', `{"username":${'['.repeat(2000)}${']'.repeat(2000)},"password":"x"}`],
      [admin, '/api/v1/units', `{"code":"X","name":"y","kind":"ward","parent":${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
      [admin, '/api/v1/import', `{"version":1,"units":${'['.repeat(100_000)}${']'.repeat(100_000)}}`],
    ] as const) {
      const r = await c.request(path, { method: 'POST', body, headers: { 'content-type': 'application/json' } });
      expect(r.status, path).toBe(400);
      expect(((await r.json()) as { error: { message: string } }).error.message, path).toContain('lồng nhau quá sâu');
    }
  });

  it('answers 400 for an object with too many keys where a route reads one, and drops unknown keys unread', async () => {
    const r = await admin.request('/api/v1/import', { method: 'POST', body: `{"version":1,"units":[${wide(20_000)}]}`, headers: { 'content-type': 'application/json' } });
    expect(r.status).toBe(400);
    expect(((await r.json()) as { error: { message: string } }).error.message).toContain('quá nhiều trường');
    // unknown keys, however deep and wide, are never walked: the login answers about its fields
    const login = await new Client(t).request('/api/v1/auth/login', { method: 'POST', body: `{"junk":${deep(5000).slice(5, -1)},"more":${wide(100)},"username":"root"}`, headers: { 'content-type': 'application/json' } });
    expect(login.status).toBe(422);
    const unit = await admin.request('/api/v1/units', { method: 'POST', body: `{"junk":${wide(20_000)},"code":"SAU","name":"Đơn vị","kind":"ward","parent":"HN"}`, headers: { 'content-type': 'application/json' } });
    expect(unit.status).toBe(201);
  });

  it('keeps a deep document out of the bundle importer taken from a file too (400, nothing written)', async () => {
    const { bundle } = await import('../../src/features/exchange/registry.js');
    const { actorOf } = await import('../support/fixtures.js');
    const actor = await actorOf(t.db.db, 'root');
    const doc = JSON.parse(`{"version":1,"units":[{"code":"Z","name":"z","kind":"ward","parent":null,"x":${'['.repeat(500)}${']'.repeat(500)}}]}`) as unknown;
    await expect(t.db.db.transaction().execute((trx) => bundle.importBundle(trx, actor, doc))).rejects.toMatchObject({ status: 400 });
  });
});
