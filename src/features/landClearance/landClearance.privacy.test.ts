/**
 * No household's name, address, phone or parcel reaches a public route: load the demo (a dozen
 * projects followed to each household), then crawl every page a visitor can reach from the
 * portal, and every public API route, and look for each of those strings in every answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSpecs } from '../../app.js';
import { loadDemo } from '../demo/demo.service.js';
import { Client, createTestApp, type TestApp } from '../../../test/support/http.js';
import { SEED_ARTICLE_SLUG } from '../demo/demo.portal.js';
import { parcelText } from './landClearance.households.js';

let t: TestApp;
const secrets: string[] = [];

beforeAll(async () => {
  t = await createTestApp({ seed: false });
  await t.db.db.transaction().execute((trx) => loadDemo(trx, { adminPassword: 'mật khẩu quản trị thử nghiệm' }));
  const households = await t.db.db.selectFrom('clearance_households').select(['name', 'address', 'phone']).execute();
  const parcels = await t.db.db.selectFrom('clearance_parcels').select(['map_sheet', 'parcel_no']).execute();
  for (const h of households) secrets.push(h.name, ...(h.address ? [h.address] : []), ...(h.phone ? [h.phone] : []));
  for (const p of parcels) secrets.push(parcelText({ mapSheet: p.map_sheet, parcelNo: p.parcel_no }));
}, 60_000);
afterAll(() => t.close());

/** Same-site links of an HTML page, without fragments; admin and file downloads left out. */
function links(html: string): string[] {
  return [...html.matchAll(/href="([^"#]+)/g)]
    .map((m) => m[1]!.replace(/&amp;/g, '&'))
    .filter((h) => h.startsWith('/') && !h.startsWith('//') && !h.startsWith('/quan-tri') && !h.startsWith('/static/'));
}

describe('household personal data on public routes', () => {
  it('has personal data to look for', () => {
    expect(secrets.length).toBeGreaterThan(500);
    expect(secrets.some((s) => s.startsWith('Hộ ông ') || s.startsWith('Hộ bà '))).toBe(true);
  });

  it('shows none of it on any page a visitor can reach, nor in the public API', async () => {
    const visitor = new Client(t);
    const queue = ['/', '/gpmb', '/gpmb?loai=key', '/gpmb?loai=carriedOver', '/gpmb?loai=new'];
    const seen = new Set<string>();
    const leaks: string[] = [];
    const check = (url: string, body: string) => {
      for (const s of secrets) if (body.includes(s)) leaks.push(`${url}: ${s}`);
    };
    while (queue.length && seen.size < 600) {
      const url = queue.shift()!;
      if (seen.has(url)) continue;
      seen.add(url);
      const res = await visitor.request(url);
      const body = await res.text();
      expect(res.status, url).toBeLessThan(500);
      check(url, body);
      if ((res.headers.get('content-type') ?? '').includes('html')) for (const l of links(body)) if (!seen.has(l)) queue.push(l);
    }
    // every public project page was reached through the links
    const projects = await t.db.db.selectFrom('clearance_projects').select('code').where('is_public', '=', 1).execute();
    expect(projects.length).toBe(100);
    for (const p of projects) expect(seen.has(`/gpmb/${encodeURIComponent(p.code)}`), p.code).toBe(true);
    // and every public API route
    for (const spec of apiSpecs.filter((s) => s.public && s.method === 'get')) {
      const url = `/api/v1${spec.path.replace(':code', 'LB-2021').replace(':slug', SEED_ARTICLE_SLUG)}`;
      const res = await visitor.request(url);
      expect(res.status, url).toBe(200);
      check(url, await res.text());
    }
    expect(leaks).toEqual([]);
  }, 120_000);
});
