/**
 * Slow clients against the real server (issue #20, decision "slow clients"): hundreds of sockets
 * that send their headers a byte at a time (a slowloris) starve no one, are closed once the
 * headers timeout has passed however often they trickle, and connections above the cap are
 * closed at once instead of taking the process's file descriptors.
 */
import type { Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createTestApp, type TestApp } from '../support/http.js';
import { rawRequest, slowSocket } from '../support/raw.js';
import { serve } from '../support/server.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ seed: false });
});
afterAll(() => t.close());

const SLOW = 400;

/** Opens `n` slowloris sockets that each send one more header byte every 300 ms; resolves to them and a counter of the closed ones. */
async function slowloris(port: number, n: number) {
  const sockets: Socket[] = [];
  const closed = { n: 0 };
  for (let i = 0; i < n; i++) {
    const s = await slowSocket(port);
    s.on('close', () => closed.n++);
    sockets.push(s);
  }
  const trickle = setInterval(() => {
    for (const s of sockets) if (!s.destroyed) s.write('x');
  }, 300);
  return { sockets, closed, stop: () => (clearInterval(trickle), sockets.forEach((s) => s.destroy())) };
}

const healthz = (port: number) => rawRequest(port, `GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`, 5000);

describe('slow clients', () => {
  it('has bounds by default, configurable', () => {
    const c = loadConfig({});
    expect(c.headersTimeoutMs).toBe(15_000);
    expect(c.requestTimeoutMs).toBe(300_000);
    expect(c.maxConnections).toBe(2000);
    const d = loadConfig({ KHEO_HEADERS_TIMEOUT_SECONDS: '5', KHEO_REQUEST_TIMEOUT_SECONDS: '60', KHEO_MAX_CONNECTIONS: '500' });
    expect([d.headersTimeoutMs, d.requestTimeoutMs, d.maxConnections]).toEqual([5000, 60_000, 500]);
    expect(() => loadConfig({ KHEO_MAX_CONNECTIONS: 'nhiều' })).toThrow(/KHEO_MAX_CONNECTIONS/);
  });

  it(`answers a normal request at once while ${SLOW} slow sockets trickle their headers, and closes them after the headers timeout`, async () => {
    const s = await serve(t, { headersTimeoutMs: 2000, requestTimeoutMs: 10_000, maxConnections: 1000 });
    const attack = await slowloris(s.port, SLOW);
    try {
      for (let i = 0; i < 5; i++) {
        const r = await healthz(s.port);
        expect(r.status).toBe(200);
        expect(r.ms).toBeLessThan(1000);
      }
      // headersTimeout (2 s) is counted from the first byte, whatever trickles in; checked every second
      const started = performance.now();
      while (attack.closed.n < SLOW && performance.now() - started < 6000) await new Promise((r) => setTimeout(r, 100));
      expect(attack.closed.n).toBe(SLOW);
      expect((await healthz(s.port)).status).toBe(200);
    } finally {
      attack.stop();
      await s.close();
    }
  }, 30_000);

  it('closes connections above the cap at once, and serves again as soon as the slow ones are timed out', async () => {
    const cap = 50;
    const s = await serve(t, { headersTimeoutMs: 2000, requestTimeoutMs: 10_000, maxConnections: cap });
    const attack = await slowloris(s.port, cap);
    try {
      // the cap is reached: a further connection is closed without an answer, immediately
      const refused = await healthz(s.port).catch(() => ({ status: 0, ms: 0 }));
      expect(refused.status).toBe(0);
      expect(refused.ms).toBeLessThan(1000);
      const started = performance.now();
      let answered = 0;
      while (performance.now() - started < 8000) {
        const r = await healthz(s.port).catch(() => ({ status: 0 }));
        if (r.status === 200) {
          answered = performance.now() - started;
          break;
        }
        await new Promise((w) => setTimeout(w, 200));
      }
      // served again within the headers timeout plus the one-second check
      expect(answered).toBeGreaterThan(0);
      expect(answered).toBeLessThan(4500);
    } finally {
      attack.stop();
      await s.close();
    }
  }, 30_000);
});
