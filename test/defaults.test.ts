/**
 * Defaults that fit (issue #19 item 5), on the demo and against the real database: the ward
 * officer's model list opens on the ward; public /gpmb pages, filters and searches, and its
 * summary counts what the list holds; the appraisal round is grouped and filtered with totals and
 * links to its decision; every "Tổng cộng" row equals the totals the page computes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/features/accounts/accounts.service.js';
import { campaignDashboard } from '../src/features/figures/figures.service.js';
import { loadDemo } from '../src/features/demo/demo.service.js';
import { DEMO_ROUND } from '../src/features/demo/demo.appraisal.js';
import { clearanceDashboard } from '../src/features/landClearance/landClearance.stats.js';
import { registerModel } from '../src/features/models/models.service.js';
import { fold, formatMoney, formatNumber, todayVn } from '../src/lib/vi.js';
import { depsOf } from '../src/app.js';
import { actorOf, PASSWORD, system } from './support/fixtures.js';
import { Client, createTestApp, type TestApp } from './support/http.js';
import { textOf } from './support/html.js';

let t: TestApp;
const ADMIN_PASSWORD = 'mật khẩu quản trị thử nghiệm';

beforeAll(async () => {
  t = await createTestApp({ seed: false });
  await t.db.db.transaction().execute((trx) => loadDemo(trx, { adminPassword: ADMIN_PASSWORD }));
  await t.db.db.transaction().execute(async (trx) => {
    await createUser(trx, { actor: system, input: { username: 'thu.bode', fullName: 'Cán bộ Bồ Đề', unit: 'LB-BODE', roles: ['officer'], password: PASSWORD } });
  });
}, 240_000);
afterAll(async () => t?.close());

const text = textOf;
/** The cells of each "Tổng cộng" row of a page, as text. */
const totalRows = (html: string) => [...html.matchAll(/<tr class="total">([\s\S]*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((c) => text(c[1]!)));
const bodyRows = (html: string) => {
  const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => text(c[1]!)));
};
const get = async (client: Client | null, path: string) => {
  const res = client ? await client.request(path) : await t.app.request(`http://localhost${path}`);
  return { status: res.status, html: await res.text(), res };
};

async function campaignModelCodes(unitCode?: string): Promise<string[]> {
  let q = t.db.db.selectFrom('models').innerJoin('campaigns', 'campaigns.id', 'models.campaign_id').innerJoin('units', 'units.id', 'models.unit_id').select('models.code').where('campaigns.code', '=', 'LB-2021');
  if (unitCode) {
    const u = await t.db.db.selectFrom('units').select('path').where('code', '=', unitCode).executeTakeFirstOrThrow();
    q = q.where('units.path', 'like', `${u.path}%`);
  }
  return (await q.execute()).map((r) => r.code);
}

describe("a ward officer's model list", () => {
  it('opens on the ward, waiting models first, and widens to the whole campaign', async () => {
    const officer = new Client(t);
    expect((await officer.login('thu.bode')).status).toBe(200);
    const actor = await actorOf(t.db.db, 'thu.bode');
    const draft = await t.db.db.transaction().execute((trx) => registerModel(trx, { actor, input: { campaign: 'LB-2021', unit: 'LB-BODE', field: 'GPMB', holder: 'collective', name: 'Zô đồng hành cùng hộ dân bàn giao' } }));
    const ward = await campaignModelCodes('LB-BODE');
    const all = await campaignModelCodes();
    expect(ward.length).toBeGreaterThan(1);
    expect(ward.length).toBeLessThan(all.length);

    const { status, html } = await get(officer, '/quan-tri/mo-hinh');
    expect(status).toBe(200);
    expect(text(html)).toContain('Đang xem mô hình của Phường Bồ Đề (gồm đơn vị trực thuộc) — đơn vị của bạn');
    expect(text(html)).toContain(`${formatNumber(ward.length)} mô hình`);
    const codes = [...html.matchAll(/href="\/quan-tri\/mo-hinh\/(LB-2021-\d+)\?/g)].map((m) => m[1]!);
    expect(codes.length).toBe(Math.min(50, ward.length));
    for (const c of codes) expect(ward).toContain(c);
    // the draft the officer must still send is first, though "Zô…" is last in A–Z
    expect(codes[0]).toBe(draft.code);
    const byName = await get(officer, '/quan-tri/mo-hinh?sap_xep=name');
    expect([...byName.html.matchAll(/href="\/quan-tri\/mo-hinh\/(LB-2021-\d+)\?/g)].map((m) => m[1])[0]).not.toBe(draft.code);

    // "Xem toàn bộ chủ đề năm": don_vi= (empty) is the whole campaign, and paging keeps it
    const whole = await get(officer, '/quan-tri/mo-hinh?chu_de=LB-2021&don_vi=');
    expect(text(whole.html)).toContain('Đang xem mô hình của toàn bộ chủ đề năm');
    const visibleAll = Number(/([\d.]+) mô hình/.exec(text(whole.html).split('Lọc')[1]!)![1]!.replace(/\./g, ''));
    expect(visibleAll).toBeGreaterThan(ward.length);
    expect(whole.html).toMatch(/href="\/quan-tri\/mo-hinh\?chu_de=LB-2021&amp;don_vi=&amp;sap_xep=action&amp;trang=2"|href="\/quan-tri\/mo-hinh\?chu_de=LB-2021&amp;don_vi=&amp;trang=2"/);

    // the district's officer (the admin of LB) opens on the whole campaign
    const admin = new Client(t);
    await admin.login('admin', ADMIN_PASSWORD);
    const district = await get(admin, '/quan-tri/mo-hinh');
    expect(text(district.html)).toContain(`${formatNumber(all.length)} mô hình`);

    // the model's page leads back to the list with its filters
    const detail = await get(officer, `/quan-tri/mo-hinh/${codes[1]}?ds=${encodeURIComponent('chu_de=LB-2021&don_vi=LB-BODE&linh_vuc=GPMB&trang=2&evil=x')}`);
    expect(detail.html).toContain('href="/quan-tri/mo-hinh?chu_de=LB-2021&amp;don_vi=LB-BODE&amp;linh_vuc=GPMB&amp;trang=2">← Mô hình</a>');
    expect((await get(officer, `/quan-tri/mo-hinh/${codes[1]}`)).html).toContain('href="/quan-tri/mo-hinh?chu_de=LB-2021">← Mô hình</a>');
  });

  it('answers bad parameters without a 500', async () => {
    const officer = new Client(t);
    await officer.login('thu.bode');
    for (const q of ['don_vi=KHONG-CO', 'sap_xep=%3Cscript%3E', 'trang=-4', 'trang=abc', 'tu=32%2F13%2F2021', 'chu_de=KHONG', `q=${'a'.repeat(5000)}`, 'ds=%%%']) {
      const { status } = await get(officer, `/quan-tri/mo-hinh?${q}`);
      expect(status, q).toBeLessThan(500);
    }
  });
});

describe('public /gpmb', () => {
  const publicProjects = async () => t.db.db.selectFrom('clearance_projects as p').innerJoin('units as u', 'u.id', 'p.unit_id').select(['p.code', 'p.name', 'p.category', 'u.code as unit', 'p.started_on']).where('p.is_public', '=', 1).execute();
  /** every page of a list: the codes listed, and the summary line and totals row of the first */
  async function walk(query: string) {
    const first = await get(null, `/gpmb${query}`);
    expect(first.status).toBe(200);
    const codes: string[] = [];
    let html = first.html;
    for (let page = 1; page < 50; page++) {
      codes.push(...[...html.matchAll(/<a href="\/gpmb\/([^"?]+)">/g)].map((m) => decodeURIComponent(m[1]!)));
      const next = /<a href="([^"]+)">Trang sau ›<\/a>/.exec(html)?.[1];
      if (!next) break;
      html = (await get(null, next.replace(/&amp;/g, '&'))).html;
    }
    const summary = text(/<p class="list-summary"[^>]*>([\s\S]*?)<\/p>/.exec(first.html)![1]!);
    return { codes, summary, totals: totalRows(first.html)[0], html: first.html };
  }
  const today = todayVn();

  it('pages the list 20 at a time, and the summary and Tổng cộng count what the pages hold', async () => {
    const expected = (await publicProjects()).filter((p) => !p.started_on || p.started_on <= today);
    const { codes, summary, totals, html } = await walk('');
    expect(codes.length).toBe(expected.length);
    expect(new Set(codes).size).toBe(codes.length);
    expect(bodyRows(html).length).toBe(20);
    expect(summary).toContain(`Dự án 1–20 trong ${formatNumber(expected.length)} dự án`);
    expect(totals![0]).toContain(`Tổng cộng (${formatNumber(expected.length)} dự án, mọi trang)`);
    // the totals row is the big number above the list
    expect(text(html)).toContain(`${totals![1]} hộ, tổ chức bị ảnh hưởng`);
    // handed over of the households of projects followed one by one (the others' are unknown, not 0)
    expect(totals![2]).toMatch(/^[\d.]+\/[\d.]+$/);
    expect(text(html)).toContain(`${totals![2]!.replace('/', ' /')} hộ, tổ chức đã bàn giao mặt bằng`);
  });

  it('filters by ward and category and searches without diacritics, counts agreeing', async () => {
    const all = (await publicProjects()).filter((p) => !p.started_on || p.started_on <= today);
    const ward = all.filter((p) => p.unit === 'LB-BODE');
    expect(ward.length).toBeGreaterThan(0);
    const w = await walk('?don_vi=LB-BODE');
    expect(w.codes.sort()).toEqual(ward.map((p) => p.code).sort());
    expect(w.summary).toContain(`trong ${formatNumber(ward.length)} dự án ở Phường Bồ Đề`);

    const key = all.filter((p) => p.category === 'key');
    const k = await walk('?loai=key');
    expect(k.codes.sort()).toEqual(key.map((p) => p.code).sort());

    const roads = all.filter((p) => fold(p.name).includes('duong'));
    expect(roads.length).toBeGreaterThan(0);
    const s = await walk('?q=duong');
    expect(s.codes.sort()).toEqual(roads.map((p) => p.code).sort());
    expect(s.summary).toContain(`trong ${formatNumber(roads.length)} dự án có tên khớp “duong”`);
    expect((await walk('?q=%C4%90%C6%AF%E1%BB%9CNG')).codes.length).toBe(roads.length); // "ĐƯỜNG"

    const none = await walk('?q=khongcoduannaoten');
    expect(none.codes).toEqual([]);
    expect(none.summary).toContain('Không có dự án nào');
  });

  it('answers bad parameters without a 500, and keeps only real variants in the page cache', async () => {
    const cache = depsOf(t.app).portal.pages;
    const entries = () => (Reflect.get(cache, 'map') as Map<string, unknown>).size;
    cache.clear();
    const a = await get(null, '/gpmb?don_vi=LB-BODE');
    const b = await get(null, '/gpmb?don_vi=LB-BODE');
    expect(b.res.headers.get('etag')).toBe(a.res.headers.get('etag'));
    expect(entries()).toBe(1);
    const notModified = await t.app.request('http://localhost/gpmb?don_vi=LB-BODE', { headers: { 'if-none-match': a.res.headers.get('etag')! } });
    expect(notModified.status).toBe(304);
    for (const q of ['don_vi=%3Cscript%3E', 'don_vi=KHONG', 'loai=xyz', 'trang=9999', 'trang=-1', 'trang=abc', `q=${'đ'.repeat(3000)}`, 'q=%25', 'q=_']) {
      const r = await get(null, `/gpmb?${q}`);
      expect(r.status, q).toBe(200);
      expect(r.html).not.toContain('<script>');
    }
    // none of those addresses took a place: they are not the normalised address of what they show
    expect(entries()).toBe(1);
    const last = await get(null, '/gpmb?trang=9999');
    expect(text(last.html)).toMatch(/Dự án 81–100 trong 100 dự án|Trang (\d+)\/\1/);
  });
});

describe('the appraisal round', () => {
  it('groups by field with totals, filters, and links to its decision and back', async () => {
    const admin = new Client(t);
    await admin.login('admin', ADMIN_PASSWORD);
    const { status, html } = await get(admin, `/quan-tri/tham-dinh/${DEMO_ROUND}`);
    expect(status).toBe(200);
    const eligible = Number(/Tiến độ chấm điểm \(([\d.]+) mô hình đủ điều kiện\)/.exec(text(html))![1]!.replace(/\./g, ''));
    const fieldTotal = totalRows(html).find((r) => r.length === 6)!;
    expect(fieldTotal[0]).toBe('Tổng cộng');
    expect(fieldTotal[1]).toBe(formatNumber(eligible));
    const fieldsTable = /<table class="responsive round-fields">([\s\S]*?)<\/table>/.exec(html)![1]!;
    const rows = bodyRows(fieldsTable);
    const sum = (i: number) => rows.reduce((n, r) => n + Number(r[i]!.replace(/\./g, '')), 0);
    expect(formatNumber(sum(1))).toBe(fieldTotal[1]);
    expect(formatNumber(sum(2))).toBe(fieldTotal[2]);
    expect(formatNumber(sum(4))).toBe(fieldTotal[4]);
    expect(text(html)).toContain(`Đề xuất ${fieldTotal[4]} mô hình`);
    // at most 10 rows a field, with "Xem tất cả"
    expect(html).toContain('Xem tất cả');

    // one field, paged by 50, ranks continuing
    const gpmb = await get(admin, `/quan-tri/tham-dinh/${DEMO_ROUND}?linh_vuc=GPMB`);
    const gpmbCount = Number(rows.find((r) => r[0] === 'Giải phóng mặt bằng')![1]!.replace(/\./g, ''));
    const ranks = [...gpmb.html.matchAll(/<td data-label="Hạng" class="num">(\d+)<\/td>/g)].map((m) => Number(m[1]));
    expect(ranks.length).toBe(Math.min(50, gpmbCount));
    expect(ranks[0]).toBe(1);
    if (gpmbCount > 50) {
      const p2 = await get(admin, `/quan-tri/tham-dinh/${DEMO_ROUND}?linh_vuc=GPMB&trang=2`);
      expect([...p2.html.matchAll(/<td data-label="Hạng" class="num">(\d+)<\/td>/g)].map((m) => Number(m[1]))[0]).toBe(51);
    }
    const unscored = await get(admin, `/quan-tri/tham-dinh/${DEMO_ROUND}?linh_vuc=GPMB&hien=chua-cham`);
    const unscoredCount = gpmbCount - Number(rows.find((r) => r[0] === 'Giải phóng mặt bằng')![2]!.replace(/\./g, ''));
    expect(text(unscored.html)).toContain(`Chưa có phiếu chấm: ${formatNumber(unscoredCount)} trong ${formatNumber(gpmbCount)} mô hình`);
    for (const r of [...unscored.html.matchAll(/<td data-label="Điểm TB" class="num">([^<]*)<\/td>/g)]) expect(r[1]).toBe('—');
    for (const q of ['linh_vuc=KHONG', 'hien=%3Cx%3E', 'trang=999', 'trang=abc']) expect((await get(admin, `/quan-tri/tham-dinh/${DEMO_ROUND}?${q}`)).status, q).toBe(200);

    // round → decision → round
    const number = /href="\/quan-tri\/khen-thuong\/([^"]+)">\s*số /.exec(html)?.[1];
    expect(number).toBeTruthy();
    const decision = await get(admin, `/quan-tri/khen-thuong/${number}`);
    expect(decision.status).toBe(200);
    expect(decision.html).toContain(`href="/quan-tri/tham-dinh/${DEMO_ROUND}"`);
  });
});

describe('Tổng cộng rows', () => {
  it('on the campaign dashboard equal the totals it computes, and the columns above them', async () => {
    const admin = new Client(t);
    await admin.login('admin', ADMIN_PASSWORD);
    const { html } = await get(admin, '/quan-tri/chu-de/LB-2021');
    const through = /Kết quả đến ngày (\d{2})\/(\d{2})\/(\d{4})/.exec(text(html))!;
    const d = await campaignDashboard(t.db.db, 'LB-2021', `${through[3]}-${through[2]}-${through[1]}`);
    const rows = totalRows(html);
    expect(rows[0]).toEqual(['Tổng cộng', formatNumber(d.models.total), ...(d.previous ? [formatNumber(d.previous.models.total)] : [])]);
    expect(rows[1]).toEqual(['Tổng cộng', formatNumber(d.models.total)]);
    expect(rows[2]).toEqual(['Tổng cộng', ...[d.models.total, d.models.collective, d.models.individual, d.teams.total.teams, d.teams.total.members].map(formatNumber)]);
    expect(rows[3]).toEqual(['Tổng cộng', formatNumber(d.teams.total.teams), formatNumber(d.teams.total.members)]);
    // and the rows add up to them
    expect(d.models.byField.reduce((n, f) => n + f.count, 0)).toBe(d.models.total);
    expect(d.byMonth.reduce((n, m) => n + m.count, 0)).toBe(d.models.total);
    expect(d.byUnit.reduce((n, u) => n + u.models, 0)).toBe(d.models.total);
    expect(d.teams.byKind.reduce((n, k) => n + k.teams, 0)).toBe(d.teams.total.teams);
  });

  it('on the GPMB dashboard and a household list equal their totals', async () => {
    const admin = new Client(t);
    await admin.login('admin', ADMIN_PASSWORD);
    const { html } = await get(admin, '/quan-tri/gpmb');
    const d = await clearanceDashboard(t.db.db, await actorOf(t.db.db, 'admin'), {});
    const [byUnit, projects] = totalRows(html);
    const behind = d.totals.bySchedule.find((s) => s.status === 'behind')!.count;
    expect(byUnit).toEqual(['Tổng cộng', ...[d.totals.projects, behind, d.totals.householdsAffected, d.totals.plansApproved, d.totals.householdsPaid].map(formatNumber), formatMoney(d.totals.amountPaid), formatNumber(d.totals.handedOver)]);
    expect(d.byUnit.reduce((n, u) => n + u.projects, 0)).toBe(d.totals.projects);
    expect(d.byUnit.reduce((n, u) => n + u.handedOver, 0)).toBe(d.totals.handedOver);
    expect(projects).toEqual([`Tổng cộng (${formatNumber(d.totals.projects)} dự án${d.totals.projects > 25 ? ', mọi trang' : ''})`, ...[d.totals.householdsAffected, d.totals.plansApproved, d.totals.householdsPaid, d.totals.handedOver].map(formatNumber)]);

    // the project with the most households: its list's total covers every page
    const big = await t.db.db.selectFrom('clearance_households as h').innerJoin('clearance_projects as p', 'p.id', 'h.project_id').select(['p.code', (eb) => eb.fn.countAll<number>().as('n'), (eb) => eb.fn.sum<number>('h.approved_total').as('approved'), (eb) => eb.fn.sum<number>('h.paid_total').as('paid')]).groupBy('p.code').orderBy('n', 'desc').executeTakeFirstOrThrow();
    const list = await get(admin, `/quan-tri/gpmb/${big.code}/ho`);
    const n = Number(big.n);
    expect(totalRows(list.html)[0]).toEqual([`Tổng cộng (${formatNumber(n)} hộ, tổ chức${n > 100 ? ', mọi trang' : ''})`, formatMoney(Number(big.approved ?? 0)), formatMoney(Number(big.paid ?? 0))]);
  });
});

describe('forms a hurried officer can fill', () => {
  /** The form controls of a page: name → tag and type, and whether a label still asks for a code. */
  const controls = (html: string) => [...html.matchAll(/<(input|select)\b([^>]*)>/g)].map((m) => ({ tag: m[1]!, name: /\bname="([^"]+)"/.exec(m[2]!)?.[1] ?? '', type: /\btype="([^"]+)"/.exec(m[2]!)?.[1] ?? 'text' }));
  const optionsOf = (html: string, name: string) => {
    const m = new RegExp(`<select[^>]*name="${name}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
    return [...(m?.[1] ?? '').matchAll(/<option value="([^"]*)"[^>]*>([^<]*)<\/option>/g)].map((o) => ({ value: o[1]!, label: text(o[2]!) }));
  };

  it('pick units, campaigns, projects, models, teams and households by name, never by a typed code', async () => {
    const admin = new Client(t);
    await admin.login('admin', ADMIN_PASSWORD);
    const pages: [string, string[]][] = [
      ['/quan-tri/van-de', ['unit', 'decider', 'project', 'model']],
      ['/quan-tri/hoi-nghi/moi', ['unit', 'campaign']],
      ['/quan-tri/kiem-tra', ['unit']],
      ['/quan-tri/nguoi-uy-tin', ['team', 'project']],
      ['/quan-tri/gpmb/LB-GPMB-001/don', ['household']],
      ['/quan-tri/phan-cong', []],
    ];
    for (const [path, picked] of pages) {
      const { html } = await get(admin, path);
      expect(text(html), path).not.toMatch(/\(mã\)|Mã đơn vị|Mã dự án|Mã tổ|ví dụ LB-/);
      const cs = controls(html);
      for (const name of picked) {
        expect(cs.filter((x) => x.name === name).map((x) => x.tag), `${path} ${name}`).toContain('select');
        const opts = optionsOf(html, name).filter((o) => o.value);
        expect(opts.length, `${path} ${name}`).toBeGreaterThan(0);
        // an option says what it is by name, not its code alone
        for (const o of opts.slice(0, 20)) expect(fold(o.label), `${path} ${name}`).not.toBe(fold(o.value));
      }
      for (const name of ['unit', 'decider', 'campaign', 'project', 'model', 'team']) expect(cs.some((x) => x.name === name && x.tag === 'input' && x.type === 'text'), `${path}: ${name} typed`).toBe(false);
    }
    // the picks post as before: an issue of a ward about one of its projects, decided by the district
    const { html } = await get(admin, '/quan-tri/van-de');
    const project = optionsOf(html, 'project').find((o) => o.label.includes('Phường Bồ Đề'))!;
    const res = await admin.postForm('/quan-tri/van-de', { title: 'Hộ chưa đồng thuận đơn giá', detail: '', unit: 'LB-BODE', source: 'other', raisedOn: '04/12/2026', decider: 'LB', project: project.value, model: '' });
    expect(res.status).toBe(303);
    const after = text((await get(admin, '/quan-tri/van-de')).html);
    expect(after).toContain('Hộ chưa đồng thuận đơn giá');
  });

  it('show the limit of every limited text field and never cut text (no maxlength)', async () => {
    const admin = new Client(t);
    await admin.login('admin', ADMIN_PASSWORD);
    const pages: [string, Record<string, number>][] = [
      ['/quan-tri/van-ban/moi', { number: 60, issuer: 200, signer: 200, field: 200, title: 1000 }],
      ['/quan-tri/to-doi/moi', { name: 200 }],
      ['/quan-tri/chu-de/moi', { theme: 500, plan: 60 }],
      ['/quan-tri/tai-khoan/moi', { username: 64, fullName: 200 }],
    ];
    for (const [path, limits] of pages) {
      const { html } = await get(admin, path);
      expect(html, path).not.toMatch(/maxlength=/i);
      for (const [name, max] of Object.entries(limits)) {
        const tag = new RegExp(`<(?:input|textarea)\\b[^>]*name="${name}"[^>]*>`).exec(html)?.[0] ?? '';
        expect(tag, `${path} ${name}`).toContain(`data-max="${max}"`);
      }
    }
  });
});
