/** Drives the app through app.request(): no server, no mocks; a tiny cookie jar per client. */
import type { Hono } from 'hono';
import { createApp } from '../../src/app.js';
import type { Config } from '../../src/config.js';
import type { AppEnv } from '../../src/web/context.js';
import { createTestDb, type TestDb } from './db.js';
import { PASSWORD, seedWorld, testConfig } from './fixtures.js';

export interface TestApp {
  app: Hono<AppEnv>;
  db: TestDb;
  config: Config;
  close(): Promise<void>;
}

export async function createTestApp(opts: { seed?: boolean; config?: Partial<Config> } = {}): Promise<TestApp> {
  const db = await createTestDb();
  if (opts.seed !== false) await seedWorld(db.db);
  const config = testConfig(opts.config);
  const app = createApp({ config, db });
  return { app, db, config, close: () => db.destroy() };
}

let ipCounter = 1;
/** A distinct client address per client, so login throttling of one test does not touch another. */
export const freshIp = (): string => `10.0.${Math.floor(ipCounter / 250)}.${(ipCounter++ % 250) + 1}`;

export class Client {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(
    readonly t: TestApp,
    readonly ip = freshIp(),
  ) {}

  async request(path: string, init: RequestInit & { json?: unknown; form?: Record<string, string | string[]> } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    headers.set('x-forwarded-for', this.ip);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    let body = init.body;
    if (init.json !== undefined) {
      headers.set('content-type', 'application/json');
      body = JSON.stringify(init.json);
    } else if (init.body instanceof FormData) {
      headers.delete('content-type');
    } else if (init.form) {
      const p = new URLSearchParams();
      for (const [k, v] of Object.entries(init.form)) for (const x of Array.isArray(v) ? v : [v]) p.append(k, x);
      headers.set('content-type', 'application/x-www-form-urlencoded');
      body = p.toString();
    }
    const res = await this.t.app.request(`http://localhost${path}`, { ...init, headers, body });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const [k, ...v] = (pair ?? '').split('=');
      if (!k) continue;
      if (/max-age=0/i.test(c) || /expires=Thu, 01 Jan 1970/i.test(c)) this.cookies.delete(k.trim());
      else this.cookies.set(k.trim(), v.join('='));
    }
    return res;
  }

  /** Signs in through the JSON API, keeping the session cookie and the CSRF token. */
  async login(username: string, password = PASSWORD): Promise<Response> {
    const res = await this.request('/api/v1/auth/login', { method: 'POST', json: { username, password } });
    if (res.status === 200) this.csrf = ((await res.clone().json()) as { csrfToken: string }).csrfToken;
    return res;
  }

  /** Posts a form as a browser would: with the session's CSRF token. */
  postForm(path: string, form: Record<string, string | string[]>): Promise<Response> {
    return this.request(path, { method: 'POST', form: { _csrf: this.csrf, ...form } });
  }
}
