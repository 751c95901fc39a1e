/**
 * No GET changes anything (OWASP ASVS 5.0 V4/V8, issue #10 item 2): a database holding every
 * module (the demo plus uploaded files), a fingerprint of every row of every table, then every GET
 * route of the app — taken from `app.routes`, path parameters filled with real ids, codes and
 * slugs, and every same-site link those pages show — fetched as an anonymous visitor, a ward
 * officer and the installation's administrator. Afterwards every table holds the same rows, and
 * no answer was a 500. What a GET may change (article views, a session's last use, the audit of a
 * refusal) is listed with its reason in support/fingerprint.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { depsOf } from '../src/app.js';
import { DEMO_PASSWORD, linksOf, loadWorld, routeUrls, type RouteUrl } from './support/crawl.js';
import { differences, fingerprint } from './support/fingerprint.js';
import { Client, createTestApp, type TestApp } from './support/http.js';

let t: TestApp;

const sumViews = async () => (await t.db.db.selectFrom('articles').select(['id', 'views']).execute()).reduce((n, a) => n + Number(a.views), 0);

beforeAll(async () => {
  t = await createTestApp({ seed: false });
  await loadWorld(t.db.db);
}, 300_000);
afterAll(() => t.close());

describe('GET changes nothing', () => {
  it('leaves every table as it was after crawling every GET route as a visitor, a ward officer and an administrator', async () => {
    const who: [string, Client][] = [['anonymous', new Client(t)]];
    for (const [name, username, password] of [['officer', 'officer-nl', undefined], ['admin', 'admin', DEMO_PASSWORD]] as const) {
      const c = new Client(t);
      expect((await c.login(username, password)).status, username).toBe(200);
      who.push([name, c]);
    }
    const home = await (await new Client(t).request('/')).text();
    const staticUrl = /href="(\/static\/app\.[0-9a-f]+\.css)"/.exec(home)?.[1] ?? '/static/none';
    const urls: RouteUrl[] = await routeUrls(t.app, t.db.db, staticUrl);
    const routes = new Set(urls.map((u) => u.route));
    expect(routes.size).toBe(new Set(t.app.routes.filter((r) => r.method === 'GET').map((r) => r.path)).size);

    await depsOf(t.app).portal.views.flush();
    const viewsBefore = await sumViews();
    const before = await fingerprint(t.db.db);
    expect(before.size).toBeGreaterThan(50);

    const errors: string[] = [];
    const fetched: Record<string, number> = {};
    const statuses: Record<string, number> = {};
    for (const [name, c] of who) {
      const seen = new Set<string>();
      const queue = urls.map((u) => u.url);
      // the route list first, then links the pages show (filters, pages, sort orders), up to a bound
      while (queue.length && seen.size < 1500) {
        const url = queue.shift()!;
        if (seen.has(url)) continue;
        seen.add(url);
        const res = await c.request(url);
        if (res.status >= 500) errors.push(`${name} GET ${url} → ${res.status}`);
        statuses[`${name} ${res.status}`] = (statuses[`${name} ${res.status}`] ?? 0) + 1;
        const type = res.headers.get('content-type') ?? '';
        if (type.includes('html')) {
          for (const l of linksOf(await res.text())) if (!seen.has(l) && !l.startsWith('/static/')) queue.push(l);
        } else await res.arrayBuffer();
      }
      fetched[name] = seen.size;
    }
    await depsOf(t.app).portal.views.flush();
    const after = await fingerprint(t.db.db);

    expect(errors).toEqual([]);
    expect(differences(before, after)).toEqual([]);
    expect(await sumViews()).toBeGreaterThan(viewsBefore);
    // the crawl was a real one: every route for every caller, and links beyond them
    for (const name of ['anonymous', 'officer', 'admin']) expect(fetched[name], name).toBeGreaterThan(urls.length);
    console.info(`GET crawl: ${routes.size} routes, ${urls.length} URLs from the route table; fetched ${JSON.stringify(fetched)}; statuses ${JSON.stringify(statuses)}`);
  }, 600_000);
});
