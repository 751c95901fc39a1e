/**
 * No household's name, address, phone, parcel or amount reaches a public route (DESIGN §6,
 * OWASP ASVS 5.0 V14, issue #10 item 12). The database holds the demo (a dozen projects followed
 * to each household) and 150 more households carrying distinctive markers, with approved plans
 * and payments of amounts nothing else adds up to. A visitor then fetches every GET route the app
 * serves — the list is the app's own (`app.routes`), parameters filled with real codes, so a new
 * public route is crawled without anyone adding it here — plus searches for the households'
 * names, and every same-site link those answers show (HTML, JSON, RSS, sitemap); every public API
 * route from the OpenAPI specs too. None of those strings may appear in any answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSpecs } from '../../app.js';
import { formatMoney, formatNumber } from '../../lib/vi.js';
import { loadDemo } from '../demo/demo.service.js';
import { Client, createTestApp, type TestApp } from '../../../test/support/http.js';
import { system } from '../../../test/support/fixtures.js';
import { linksOf, routeUrls } from '../../../test/support/crawl.js';
import { SEED_ARTICLE_SLUG } from '../demo/demo.portal.js';
import { approvePlan, createHousehold, parcelText, recordPayment, savePlan } from './landClearance.households.js';
import { createProject } from './landClearance.service.js';

let t: TestApp;
const secrets: string[] = [];
const MARKED = 150;
/** an amount per household that no sum, count or id on a page comes to by chance */
const amountOf = (i: number) => 7_300_000_000 + i * 1_000_003;

beforeAll(async () => {
  t = await createTestApp({ seed: false });
  await t.db.db.transaction().execute((trx) => loadDemo(trx, { adminPassword: 'mật khẩu quản trị thử nghiệm' }));
  await t.db.db.transaction().execute(async (trx) => {
    for (let p = 0; p < 3; p++) {
      await createProject(trx, { actor: system, input: { code: `PDX-DA${p}`, name: `Dự án mở rộng đường số ${p + 1}`, unit: 'LB-NGOCLAM', category: 'key', startedOn: '2021-01-05' } });
      for (let k = 0; k < MARKED / 3; k++) {
        const i = p * (MARKED / 3) + k;
        const code = `PDX-DA${p}-H${k}`;
        await createHousehold(trx, {
          actor: system,
          input: { code, project: `PDX-DA${p}`, name: `Hộ bà Pdxhoa Trần Thị ${i}`, address: `Số ${i} ngõ Pdxngo, tổ 7`, phone: `09${String(70_000_000 + i)}`, parcels: [{ mapSheet: `8${i}`, parcelNo: `97${i}`, areaM2: 100, recoveredM2: 60 }] },
        });
        await savePlan(trx, { actor: system, code, input: { land: amountOf(i) } });
        await approvePlan(trx, { actor: system, code, input: { decisionNumber: `${i}/QĐ-PDX`, approvedOn: '2021-03-01' } });
        if (i % 2) await recordPayment(trx, { actor: system, code, input: { amount: amountOf(i) - 7_000_000_000, paidOn: '2021-03-03' } });
      }
    }
  });
  const households = await t.db.db.selectFrom('clearance_households').select(['name', 'address', 'phone']).execute();
  const parcels = await t.db.db.selectFrom('clearance_parcels').select(['map_sheet', 'parcel_no']).execute();
  for (const h of households) secrets.push(h.name, ...(h.address ? [h.address] : []), ...(h.phone ? [h.phone] : []));
  for (const p of parcels) secrets.push(parcelText({ mapSheet: p.map_sheet, parcelNo: p.parcel_no }));
  for (let i = 0; i < MARKED; i++) {
    for (const a of [amountOf(i), ...(i % 2 ? [amountOf(i) - 7_000_000_000] : [])]) secrets.push(formatMoney(a), formatNumber(a), String(a));
    secrets.push(`${i}/QĐ-PDX`);
  }
}, 400_000);
afterAll(() => t.close());

describe('household personal data on public routes', () => {
  it('has personal data to look for', () => {
    expect(secrets.length).toBeGreaterThan(1000);
    expect(secrets.some((s) => s.startsWith('Hộ ông ') || s.startsWith('Hộ bà '))).toBe(true);
  });

  it('shows none of it on any route, search, feed or link a visitor can reach, nor in the public API', async () => {
    const visitor = new Client(t);
    const home = await (await visitor.request('/')).text();
    const staticUrl = /href="(\/static\/app\.[0-9a-f]+\.css)"/.exec(home)?.[1] ?? '/static/none';
    // the queries are the markers' words (a search page repeats its query): whole names are the secrets
    const searches = ['Pdxhoa', 'pdxngo', 'Trần Thị', 'tờ 80', 'thua 970', 'QĐ-PDX', 'Hộ ông', 'Hộ bà'].flatMap((q) => {
      const e = encodeURIComponent(q);
      return [`/tim-kiem?q=${e}`, `/api/v1/search?q=${e}`, `/api/v1/articles?q=${e}`, `/van-ban?q=${e}`, `/gpmb?q=${e}`];
    });
    const queue = [...(await routeUrls(t.app, t.db.db, staticUrl)).map((u) => u.url), ...searches];
    const seen = new Set<string>();
    const leaks: string[] = [];
    const check = (url: string, body: string) => {
      for (const s of secrets) if (body.includes(s)) leaks.push(`${url}: ${s}`);
    };
    let publicAnswers = 0;
    while (queue.length && seen.size < 1500) {
      const url = queue.shift()!;
      if (seen.has(url) || url.startsWith('/static/')) continue;
      seen.add(url);
      const res = await visitor.request(url);
      expect(res.status, url).toBeLessThan(500);
      const type = res.headers.get('content-type') ?? '';
      // every answer is read, refusals and downloads included (they must not carry it either)
      const body = /html|json|xml|text|markdown/.test(type) ? await res.text() : Buffer.from(await res.arrayBuffer()).toString('latin1');
      if (res.status === 200) publicAnswers++;
      check(url, body);
      if (type.includes('html') && res.status === 200) for (const l of linksOf(body)) if (!seen.has(l) && !l.startsWith('/quan-tri')) queue.push(l);
    }
    // every public project page was reached, the marked ones included
    const projects = await t.db.db.selectFrom('clearance_projects').select('code').where('is_public', '=', 1).execute();
    expect(projects.length).toBe(103);
    for (const p of projects) expect(seen.has(`/gpmb/${encodeURIComponent(p.code)}`), p.code).toBe(true);
    expect(seen.has('/rss.xml') && seen.has('/sitemap.xml')).toBe(true);
    // and every public API route
    for (const spec of apiSpecs.filter((s) => s.public && s.method === 'get')) {
      const url = `/api/v1${spec.path.replace(':code', 'LB-2021').replace(':slug', SEED_ARTICLE_SLUG)}`;
      const res = await visitor.request(url);
      expect(res.status, url).toBe(200);
      check(url, await res.text());
    }
    expect(leaks).toEqual([]);
    expect(publicAnswers).toBeGreaterThan(300);
    console.info(`privacy crawl: ${seen.size} URLs (${publicAnswers} answered 200), ${secrets.length} strings looked for`);
  }, 300_000);
});
