/**
 * The database going away (issue #20): what Khéo answers when its database cannot serve. The
 * scripts `npm run test:outage [-- --pg]` stop a real PostgreSQL and fill a real disk under a
 * write load; here, the answers themselves, cheaply, in the normal suite.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hono } from 'hono';
import { createApp } from '../app.js';
import type { Database } from '../db/database.js';
import { isDatabaseUnavailable, isDiskFull, openDatabase, type DbHandle } from '../db/dialect.js';
import { dialectUnderTest } from '../../test/support/db.js';
import { testConfig } from '../../test/support/fixtures.js';
import { Client, createTestApp, type TestApp } from '../../test/support/http.js';
import { freePort } from '../../test/support/net.js';
import type { AppEnv } from './context.js';

describe('what counts as the database going away', () => {
  it('PostgreSQL and the network: refused, cut, starting up, shutting down, no connection in time; SQLite: cannot open, I/O error, locked', () => {
    const unavailable = [
      Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }),
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      new Error('Connection terminated unexpectedly'),
      new Error('Connection terminated due to connection timeout'),
      new Error('timeout exceeded when trying to connect'),
      new Error('Client has encountered a connection error and is not queryable'),
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
      Object.assign(new Error('the database system is starting up'), { code: '57P03' }),
      Object.assign(new Error('connection failure'), { code: '08006' }),
      Object.assign(new Error('sorry, too many clients already'), { code: '53300' }),
      Object.assign(new Error('canceling statement due to statement timeout'), { code: '57014' }),
      Object.assign(new Error('unable to open database file'), { code: 'SQLITE_CANTOPEN' }),
      Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR_WRITE' }),
      Object.assign(new Error('database is locked'), { code: 'SQLITE_BUSY' }),
    ];
    for (const e of unavailable) expect(isDatabaseUnavailable(e), e.message).toBe(true);
    const not = [
      new Error('boom'),
      Object.assign(new Error('duplicate key'), { code: '23505' }),
      Object.assign(new Error('UNIQUE constraint failed'), { code: 'SQLITE_CONSTRAINT_UNIQUE' }),
      Object.assign(new Error('syntax error'), { code: '42601' }),
      Object.assign(new Error('Connection terminated'), { code: '23505' }),
      null,
      'ECONNREFUSED',
    ];
    for (const e of not) expect(isDatabaseUnavailable(e), String(e)).toBe(false);
    expect(isDiskFull(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }))).toBe(true);
    expect(isDiskFull(Object.assign(new Error('could not extend file: No space left on device'), { code: '53100' }))).toBe(true);
    expect(isDiskFull(Object.assign(new Error('disk I/O error'), { code: 'SQLITE_IOERR' }))).toBe(false);
  });
});

describe('PostgreSQL refusing connections (a URL where nothing listens; on both suites)', () => {
  let h: DbHandle<Database>;
  let app: Hono<AppEnv>;
  beforeAll(async () => {
    h = openDatabase<Database>({ databaseUrl: `postgres://kheo:kheo@127.0.0.1:${await freePort()}/kheo`, pgConnectTimeoutMs: 1000 });
    app = createApp({ config: testConfig(), db: h });
  });
  afterAll(() => h.close());
  const get = (path: string, headers: Record<string, string> = {}) => app.request(`http://localhost${path}`, { headers });

  it('/healthz (liveness) answers 200 and says the database is unreachable; /readyz (readiness) answers 503', async () => {
    const live = await get('/healthz');
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({ status: 'ok', database: 'postgres', databaseState: 'unreachable' });
    const ready = await get('/readyz');
    expect(ready.status).toBe(503);
    expect(ready.headers.get('retry-after')).toBe('10');
    expect(await ready.json()).toMatchObject({ status: 'unavailable', databaseState: 'unreachable', error: { code: 'database_unavailable', message: expect.stringContaining('không kết nối được cơ sở dữ liệu') as string } });
  });

  it('answers the API with 503 database_unavailable in JSON, a page with a Vietnamese 503 page, both with Retry-After, at once', async () => {
    const t0 = performance.now();
    const api = await get('/api/v1/units', { authorization: 'Bearer kheo_khong_co_that' });
    expect(api.status).toBe(503);
    expect(api.headers.get('retry-after')).toBe('10');
    expect(await api.json()).toEqual({ error: { code: 'database_unavailable', message: expect.stringContaining('Vui lòng thử lại sau') as string } });
    for (const path of ['/tim-kiem?q=mo+hinh', '/']) {
      const page = await get(path);
      expect(page.status, path).toBe(503);
      expect(page.headers.get('content-type'), path).toContain('text/html');
      expect(page.headers.get('retry-after'), path).toBe('10');
      const html = await page.text();
      expect(html).toContain('<html lang="vi"');
      expect(html).toContain('Hệ thống tạm thời không phục vụ');
      expect(html).toContain('không kết nối được cơ sở dữ liệu');
    }
    // refused connections fail at once: no answer waits for the connect timeout
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});

describe.skipIf(dialectUnderTest !== 'sqlite')('SQLite: the disk is full (max_page_count reached: SQLITE_FULL)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('refuses a write with 507 disk_full, rolls it back whole (no record, no audit row), and writes again once there is room', async () => {
    const c = new Client(t);
    expect((await c.login('root')).status).toBe(200);
    const sqlite = t.db.sqlite!;
    const rows = () => ({
      units: (sqlite.prepare("select count(*) as n from units where code like 'DAY-%'").get() as { n: number }).n,
      audit: (sqlite.prepare("select count(*) as n from audit_log where entity_id like 'DAY-%'").get() as { n: number }).n,
    });
    const body = (code: string) => ({ json: { code, name: `Tổ thử đầy đĩa ${code}`, kind: 'residentialGroup', parent: 'A' } });
    sqlite.pragma(`max_page_count = ${Number(sqlite.pragma('page_count', { simple: true }))}`);
    let written = 0;
    try {
      // the pages already there have some room left: write until a write no longer fits
      let full: Response | undefined;
      for (let i = 1; i <= 2000 && !full; i++) {
        const r = await c.request('/api/v1/units', { method: 'POST', ...body(`DAY-${i}`) });
        if (r.status === 201) written++;
        else full = r;
      }
      expect(full?.status).toBe(507);
      expect(full!.headers.get('retry-after')).toBe('60');
      expect(await full!.json()).toEqual({ error: { code: 'disk_full', message: expect.stringContaining('Hết dung lượng đĩa') as string } });
      // the refused write left nothing: every unit has its audit row, and no more
      expect(rows()).toEqual({ units: written, audit: written });
      expect(sqlite.inTransaction).toBe(false);

      // a form gets the Vietnamese page: the login form, whose failed attempts are written (a
      // fresh address each time, not to be throttled) until one no longer fits
      let page: Response | undefined;
      for (let i = 0; i < 500 && (!page || page.status === 401); i++) {
        const anon = new Client(t);
        const form = await (await anon.request('/dang-nhap')).text();
        const csrf = /name="_csrf" value="([^"]+)"/.exec(form)?.[1] ?? '';
        page = await anon.request('/dang-nhap', { method: 'POST', form: { username: 'root', password: 'sai-mat-khau-roi', _csrf: csrf } });
      }
      if (!page) throw new Error('no answer');
      expect(page.status).toBe(507);
      const html = await page.text();
      expect(html).toContain('<html lang="vi"');
      expect(html).toContain('Hết dung lượng lưu trữ');
      expect(html).toContain('Hết dung lượng đĩa');
      // reading still works
      expect((await c.request('/api/v1/units/A')).status).toBe(200);
    } finally {
      sqlite.pragma('max_page_count = 1073741823');
    }
    expect((await c.request('/api/v1/units', { method: 'POST', ...body('DAY-X') })).status).toBe(201);
    expect(rows()).toEqual({ units: written + 1, audit: written + 1 });
    expect(sqlite.pragma('integrity_check', { simple: true })).toBe('ok');
  });
});
