/**
 * What the models achieved (issue #23): the dated results a model records come in with the
 * bundle, are summed through any date in the public stats (a figure no result recorded is unknown,
 * null — never 0), come out of an export identical and give the same figures after importing it
 * into an empty installation; bad figures are refused naming the record and the field, and
 * nothing is written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/support/http.js';
import { formatMoneyWords, todayVn } from '../../lib/vi.js';
import { system } from '../../../test/support/fixtures.js';
import { buildReport } from '../narrative/narrative.service.js';
import { createProject, getProject } from '../landClearance/landClearance.service.js';
import type { Tx } from '../../db/index.js';

let t: TestApp;
let admin: Client;

const BUNDLE = {
  version: 1,
  campaigns: [{ code: 'HN-2026', unit: 'HN', year: 2026, theme: 'Năm Dân vận khéo', fields: [{ code: 'GPMB', name: 'Giải phóng mặt bằng' }] }],
  models: [
    {
      code: 'HN-2026-0001',
      campaign: 'HN-2026',
      unit: 'A-1',
      field: 'GPMB',
      holder: 'collective',
      name: 'Tổ dân vận cùng dân hiến đất mở đường',
      status: 'registered',
      registeredOn: '2026-02-01',
      results: [
        { on: '2026-03-31', moneyVnd: 15_000_000, workDays: 120, landDonatedM2: 35.5, householdsDonating: 3, beneficiaries: 40 },
        { on: '2026-06-30', moneyVnd: 250_000_000, landDonatedM2: 0.25, householdsDonating: 1 },
      ],
      recognitions: [
        { level: 'commune', on: '2026-04-15', decision: 'Quyết định số 12/QĐ-UBND của UBND phường Ánh Dương' },
        { level: 'district', on: '2026-09-02', decision: 'Quyết định số 345/QĐ-UBND của UBND quận' },
      ],
    },
    {
      code: 'HN-2026-0002',
      campaign: 'HN-2026',
      unit: 'B-1',
      field: 'GPMB',
      holder: 'collective',
      name: 'Vận động hộ dân bàn giao mặt bằng dự án đường',
      status: 'registered',
      registeredOn: '2026-02-15',
      results: [{ on: '2026-05-10', householdsPersuaded: 2, workDays: 30 }],
      recognitions: [{ level: 'commune', on: '2026-06-01', decision: 'Quyết định số 7/QĐ-UBND của UBND phường Bình Minh' }],
    },
    // a draft: not counted among the models, so neither are its results
    { code: 'HN-2026-0003', campaign: 'HN-2026', unit: 'A-1', field: 'GPMB', holder: 'collective', name: 'Mô hình còn nháp', results: [{ on: '2026-04-01', moneyVnd: 999_000_000 }], recognitions: [{ level: 'province', on: '2026-04-02', decision: 'Quyết định thử' }] },
  ],
};

const levelsOf = async (c: Client, through: string) => ((await (await c.request(`/api/v1/campaigns/HN-2026/stats?through=${through}`)).json()) as { models: { byRecognitionLevel: unknown[] } }).models.byRecognitionLevel;
const LEVELS = {
  '2026-04-01': [],
  '2026-05-01': [{ level: 'commune', count: 1 }],
  '2026-12-31': [
    { level: 'commune', count: 2 },
    { level: 'district', count: 1 },
  ],
};

const resourcesOf = async (c: Client, through: string) => ((await (await c.request(`/api/v1/campaigns/HN-2026/stats?through=${through}`)).json()) as { resources: Record<string, number | null> }).resources;

beforeAll(async () => {
  t = await createTestApp();
  admin = new Client(t);
  expect((await admin.login('root')).status).toBe(200);
  const r = await admin.request('/api/v1/import', { method: 'POST', json: BUNDLE });
  expect(r.status, await r.clone().text()).toBe(200);
});
afterAll(() => t.close());

const THROUGH = {
  '2026-03-01': { moneyVnd: null, workDays: null, landDonatedM2: null, householdsDonating: null, householdsPersuaded: null, beneficiaries: null },
  '2026-03-31': { moneyVnd: 15_000_000, workDays: 120, landDonatedM2: 35.5, householdsDonating: 3, householdsPersuaded: null, beneficiaries: 40 },
  '2026-05-31': { moneyVnd: 15_000_000, workDays: 150, landDonatedM2: 35.5, householdsDonating: 3, householdsPersuaded: 2, beneficiaries: 40 },
  '2026-12-31': { moneyVnd: 265_000_000, workDays: 150, landDonatedM2: 35.75, householdsDonating: 4, householdsPersuaded: 2, beneficiaries: 40 },
};

describe('results of models', () => {
  it('sums them through any date in the stats: unknown until recorded, exact for land', async () => {
    for (const [through, want] of Object.entries(THROUGH)) expect(await resourcesOf(admin, through), through).toEqual(want);
  });

  it('counts the models recognised at each level through any date (a draft\'s recognitions are not counted)', async () => {
    for (const [through, want] of Object.entries(LEVELS)) expect(await levelsOf(admin, through), through).toEqual(want);
  });

  it('the report says what the models mobilised, once recorded, with the same figures', async () => {
    const report = async (through: string) => (await buildReport(t.db.db, system, { code: 'HN-2026', through })).paragraphs.join('\n');
    expect(await report('2026-03-01')).not.toContain('Thông qua các mô hình');
    expect([1_250_000_000, 265_000_000, 800_000].map(formatMoneyWords)).toEqual(['1,25 tỷ đồng', '265 triệu đồng', '800.000 đồng']);
    expect(await report('2026-12-31')).toContain('Thông qua các mô hình, huy động được 265 triệu đồng, 150 ngày công; Nhân dân hiến 35,75 m² đất (4 hộ); vận động 2 hộ bàn giao mặt bằng; mang lại lợi ích cho 40 người dân. Đến nay có 2 mô hình được công nhận cấp xã, phường và 1 mô hình cấp huyện, quận.');
    expect(await report('2026-03-01')).not.toContain('Đến nay có');
  });

  it('by field, holder, unit, sector and recognition level, the resources add up to the campaign\'s, through every date; the campaign page shows them', async () => {
    type R = Record<string, number | null>;
    type By = { resources: R }[];
    for (const through of Object.keys(THROUGH)) {
      const s = (await (await admin.request(`/api/v1/campaigns/HN-2026/stats?through=${through}`)).json()) as { resources: R; resourcesBy: Record<'field' | 'holder' | 'unit' | 'sector' | 'level', By> };
      expect(Object.keys(s.resourcesBy).sort()).toEqual(['field', 'holder', 'level', 'sector', 'unit']);
      for (const rows of Object.values(s.resourcesBy)) {
        for (const [k, v] of Object.entries(s.resources)) {
          const known = rows.map((x) => x.resources[k]).filter((x): x is number => x !== null && x !== undefined);
          expect(known.length ? Math.round(known.reduce((a, b) => a + b, 0) * 100) / 100 : null, `${through} ${k}`).toBe(v);
        }
      }
    }
    // the highest level each model reached through the date: on 31/05 the first model was a ward's (15/04), the second not yet recognised (01/06)
    const by = async (through: string) => ((await (await admin.request(`/api/v1/campaigns/HN-2026/stats?through=${through}`)).json()) as { resourcesBy: { unit: { code: string; resources: R }[]; level: { level: string | null; resources: R }[] } }).resourcesBy;
    expect((await by('2026-05-31')).level.map((l) => [l.level, l.resources.workDays, l.resources.householdsPersuaded])).toEqual([
      ['commune', 120, null],
      [null, 30, 2],
    ]);
    expect((await by('2026-12-31')).level.map((l) => [l.level, l.resources.moneyVnd, l.resources.workDays])).toEqual([
      ['district', 265_000_000, 120],
      ['commune', null, 30],
    ]);
    // by unit: the campaign unit's direct children, each with its subtree's models
    const units = (await by('2026-12-31')).unit;
    expect(units.map((u) => u.resources.workDays)).toEqual([120, 30]);
    expect(units.map((u) => u.resources.landDonatedM2)).toEqual([35.75, null]);
    expect(units.every((u) => !['A-1', 'B-1', 'HN'].includes(u.code))).toBe(true);
    const page = await (await admin.request('/quan-tri/chu-de/HN-2026?den=31/12/2026')).text();
    expect(page).toContain('Nguồn lực huy động');
    expect(page).toContain('Theo cấp công nhận cao nhất');
  });

  it('export → import into an empty installation keeps every result, and the same figures through every date', async () => {
    const bundle = (await (await admin.request('/api/v1/export')).json()) as { models: { code: string; results?: unknown[] }[] };
    expect(bundle.models.find((m) => m.code === 'HN-2026-0001')?.results).toEqual(BUNDLE.models[0]!.results);
    expect(bundle.models.find((m) => m.code === 'HN-2026-0002')?.results).toEqual(BUNDLE.models[1]!.results);
    expect((bundle.models.find((m) => m.code === 'HN-2026-0001') as { recognitions?: unknown })?.recognitions).toEqual(BUNDLE.models[0]!.recognitions);
    const other = await createTestApp();
    try {
      const c = new Client(other);
      expect((await c.login('root')).status).toBe(200);
      const { users: _users, ...rest } = bundle as Record<string, unknown>;
      const r = await c.request('/api/v1/import', { method: 'POST', json: rest });
      expect(r.status, await r.clone().text()).toBe(200);
      for (const [through, want] of Object.entries(THROUGH)) expect(await resourcesOf(c, through), through).toEqual(want);
      for (const [through, want] of Object.entries(LEVELS)) expect(await levelsOf(c, through), through).toEqual(want);
    } finally {
      await other.close();
    }
  });

  it('refuses bad figures naming the record and the field, and writes nothing', async () => {
    const model = (results: unknown[]) => ({ ...BUNDLE.models[1]!, code: 'HN-2026-0009', name: 'Mô hình thử số liệu xấu', results });
    const tomorrow = todayVn(new Date(Date.now() + 2 * 86_400_000));
    for (const [results, field, text] of [
      [[{ on: '2026-05-01', moneyVnd: -5 }], 'models[0].results[0].moneyVnd', 'không được âm'],
      [[{ on: '2026-05-01', landDonatedM2: '1.234' }], 'models[0].results[0].landDonatedM2', 'phải là diện tích bằng m² (số'],
      [[{ on: '2026-05-01', landDonatedM2: 12.345 }], 'models[0].results[0].landDonatedM2', 'tối đa hai chữ số thập phân'],
      [[{ on: '2026-05-01', workDays: 2.5 }], 'models[0].results[0].workDays', 'phải là số ngày công nguyên'],
      [[{ on: '2026-05-01' }, { on: tomorrow, beneficiaries: 3 }], 'models[0].results[1].on', 'Ngày ghi nhận kết quả: '],
      [[{ on: '31/02/2026', beneficiaries: 3 }], 'models[0].results[0].on', 'ngày'],
    ] as const) {
      const r = await admin.request('/api/v1/import', { method: 'POST', json: { version: 1, models: [model([...results])] } });
      expect(r.status, JSON.stringify(results)).toBe(422);
      const body = JSON.stringify(await r.json());
      expect(body, JSON.stringify(results)).toContain(field);
      expect(body, JSON.stringify(results)).toContain(text);
    }
    for (const [recognitions, field, text] of [
      [[{ level: 'city', on: '2026-05-01', decision: 'QĐ 1' }], 'models[0].recognitions[0].level', 'phải là commune'],
      [[{ level: 'commune', on: '2026-05-01', decision: '' }], 'models[0].recognitions[0].decision', ''],
      [[{ level: 'commune', on: '2026-05-01', decision: 'QĐ 1' }, { level: 'commune', on: '2026-06-01', decision: 'QĐ 2' }], 'models[0].recognitions[1].level', 'mỗi cấp chỉ ghi một lần'],
    ] as const) {
      const r = await admin.request('/api/v1/import', { method: 'POST', json: { version: 1, models: [{ ...model([]), recognitions }] } });
      expect(r.status, JSON.stringify(recognitions)).toBe(422);
      const body = JSON.stringify(await r.json());
      expect(body).toContain(field);
      expect(body).toContain(text);
    }
    expect((await admin.request('/api/v1/models/HN-2026-0009')).status).toBe(404);
    expect(await resourcesOf(admin, '2026-12-31')).toEqual(THROUGH['2026-12-31']);
  });
});

describe('the figures on the pages', () => {
  it("the campaign's page, the first screen and the portal say the same figures; the portal says money only once the campaign publishes it", async () => {
    const text = async (c: Client, path: string) => {
      const r = await c.request(path);
      expect(r.status, path).toBe(200);
      return (await r.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    };
    // through today: every result of the bundle
    const campaignPage = await text(admin, '/quan-tri/chu-de/HN-2026');
    for (const s of ['265 triệu đồng Nhân dân đóng góp qua các mô hình', '150 ngày công', '35,75 m² đất Nhân dân hiến (4 hộ)', '2 hộ được vận động bàn giao mặt bằng', '40 người dân hưởng lợi']) expect(campaignPage).toContain(s);
    expect(campaignPage).toContain('Mô hình được công nhận theo cấp');
    expect(campaignPage).toMatch(/Cấp xã, phường 2 Cấp huyện, quận 1/);
    expect(campaignPage).toMatch(/Đơn vị chưa xếp khối 2/);
    const first = await text(admin, '/quan-tri');
    expect(first).toContain('265 triệu đồng Nhân dân đóng góp qua các mô hình');
    // a ward officer sees what their own ward's models mobilised (model 0002 is ward B's)
    const officer = new Client(t);
    expect((await officer.login('officer-a')).status).toBe(200);
    const ward = await text(officer, '/quan-tri');
    expect(ward).toContain('265 triệu đồng Nhân dân đóng góp qua các mô hình');
    expect(ward).toContain('120 ngày công');
    expect(ward).not.toContain('2 hộ được vận động');
    // the portal: the same figures, but not the money until the campaign publishes it
    const anon = new Client(t);
    let home = await text(anon, '/');
    expect(home).toContain('150 ngày công');
    expect(home).not.toContain('triệu đồng');
    const r = await admin.request('/api/v1/campaigns/HN-2026', { method: 'PATCH', json: { unit: 'HN', year: 2026, theme: 'Năm Dân vận khéo', publishMoney: true } });
    expect(r.status, await r.clone().text()).toBe(200);
    expect(((await r.json()) as { publishMoney: boolean }).publishMoney).toBe(true);
    home = await text(anon, '/');
    expect(home).toContain('265 triệu đồng Nhân dân đóng góp qua các mô hình');
    // and the bundle carries the setting
    const bundle = (await (await admin.request('/api/v1/export')).json()) as { campaigns: { code: string; publishMoney?: boolean }[] };
    expect(bundle.campaigns.find((k) => k.code === 'HN-2026')?.publishMoney).toBe(true);
  });
});

describe("one model's results and recognitions, on its page and through the API", () => {
  const page = '/quan-tri/mo-hinh/HN-2026-0001';
  const form = { on: '01/07/2026', moneyVnd: '10.000.000', workDays: '1.200', landDonatedM2: '12,5', householdsDonating: '', householdsPersuaded: '', beneficiaries: '' };
  let officer: Client;
  beforeAll(async () => {
    officer = new Client(t);
    expect((await officer.login('officer-a')).status).toBe(200);
  });

  it('a ward officer records a result typed the Vietnamese way; the model, the stats and the report add it up; removing it takes it away', async () => {
    const before = await resourcesOf(admin, '2026-12-31');
    const r = await officer.postForm(`${page}/ket-qua`, form);
    expect(r.status).toBe(303);
    expect(r.headers.get('location')).toBe(`${page}?thongbao=da-ghi-ket-qua#ket-qua`);
    const after = await resourcesOf(admin, '2026-12-31');
    expect(after).toEqual({ ...before, moneyVnd: before.moneyVnd! + 10_000_000, workDays: before.workDays! + 1200, landDonatedM2: 48.25 });
    // dated 01/07: not counted through 30/06
    expect((await resourcesOf(admin, '2026-06-30')).moneyVnd).toBe(265_000_000);
    // the model's own account: each result and the sums, unknown where nothing recorded it
    const mine = (await (await officer.request('/api/v1/models/HN-2026-0001/results')).json()) as { items: { id: number; on: string }[]; totals: Record<string, number | null>; recognitions: unknown[] };
    expect(mine.totals).toEqual({ moneyVnd: 275_000_000, workDays: 1320, landDonatedM2: 48.25, householdsDonating: 4, householdsPersuaded: null, beneficiaries: 40 });
    expect(mine.recognitions).toHaveLength(2);
    const html = await (await officer.request(page)).text();
    expect(html).toContain('275.000.000 đ');
    expect(html).toContain('48,25 m²');
    expect(html).toContain('Cấp huyện, quận');
    const report = (await buildReport(t.db.db, system, { code: 'HN-2026', through: '2026-12-31' })).paragraphs.join('\n');
    expect(report).toContain('huy động được 275 triệu đồng, 1.350 ngày công; Nhân dân hiến 48,25 m² đất (4 hộ)');
    // removed: back to what it was
    const added = mine.items.find((i) => i.on === '2026-07-01')!;
    expect((await officer.postForm(`${page}/ket-qua/${added.id}/xoa`, {})).status).toBe(303);
    expect(await resourcesOf(admin, '2026-12-31')).toEqual(before);
  });

  it('refuses a bad figure on the page, naming the field, keeping what was typed, writing nothing', async () => {
    const before = await resourcesOf(admin, '2026-12-31');
    const tomorrow = todayVn(new Date(Date.now() + 2 * 86_400_000)).split('-').reverse().join('/');
    for (const [bad, text] of [
      [{ landDonatedM2: '1.234' }, 'Đất hiến (m²): &quot;1.234&quot; không rõ là số nguyên hay số thập phân'],
      [{ moneyVnd: '-5.000' }, 'Tiền Nhân dân đóng góp (đồng): không được là số âm'],
      [{ workDays: '2,5' }, 'Ngày công: phải là số ngày công'],
      [{ on: tomorrow }, 'là ngày chưa tới'],
      [{ moneyVnd: '', workDays: '', landDonatedM2: '' }, 'nhập ít nhất một số liệu'],
    ] as const) {
      const r = await officer.postForm(`${page}/ket-qua`, { ...form, ...bad });
      expect(r.status, JSON.stringify(bad)).toBe(422);
      const html = await r.text();
      expect(html, JSON.stringify(bad)).toContain(text);
      expect(html).toContain('value="10.000.000"'.replace('10.000.000', (bad as Record<string, string>).moneyVnd ?? '10.000.000'));
    }
    expect(await resourcesOf(admin, '2026-12-31')).toEqual(before);
    // the API takes JSON numbers only, and names the field too
    const r = await officer.request('/api/v1/models/HN-2026-0001/results', { method: 'POST', json: { on: '2026-07-01', landDonatedM2: '1.234' } });
    expect(r.status).toBe(422);
    expect(JSON.stringify(await r.json())).toContain('landDonatedM2');
  });

  it('recognitions: those who accept models record one per level; a ward beside it may not touch the model', async () => {
    const add = (level: string, decision = 'Quyết định số 9/QĐ-UBND của UBND thành phố') => admin.postForm(`${page}/cong-nhan`, { level, recognisedOn: '10/10/2026', decision });
    expect((await add('province')).status).toBe(303);
    expect(await levelsOf(admin, '2026-12-31')).toEqual([...LEVELS['2026-12-31'], { level: 'province', count: 1 }]);
    const again = await add('commune');
    expect(again.status).toBe(422);
    expect(await again.text()).toContain('Cấp công nhận: mô hình đã được ghi công nhận cấp xã, phường');
    // the ward's officer does not accept models in the city's campaign
    expect((await officer.postForm(`${page}/cong-nhan`, { level: 'national', recognisedOn: '10/10/2026', decision: 'QĐ' })).status).toBe(403);
    // another ward's admin may neither record results nor remove a recognition
    const b = new Client(t);
    expect((await b.login('admin-b')).status).toBe(200);
    expect((await b.request('/api/v1/models/HN-2026-0001/results', { method: 'POST', json: { on: '2026-07-01', workDays: 3 } })).status).toBe(403);
    const rec = ((await (await admin.request('/api/v1/models/HN-2026-0001/results')).json()) as { recognitions: { id: number; level: string }[] }).recognitions.find((x) => x.level === 'province')!;
    expect((await b.request(`/api/v1/models/HN-2026-0001/recognitions/${rec.id}`, { method: 'DELETE' })).status).toBe(403);
    // a recognition of another model's id is not found; this one is removed
    expect((await admin.request(`/api/v1/models/HN-2026-0002/recognitions/${rec.id}`, { method: 'DELETE' })).status).toBe(404);
    expect((await admin.request(`/api/v1/models/HN-2026-0001/recognitions/${rec.id}`, { method: 'DELETE' })).status).toBe(204);
    expect(await levelsOf(admin, '2026-12-31')).toEqual(LEVELS['2026-12-31']);
  });
});

describe('assessments and công trình “Dân vận khéo”', () => {
  const page = '/quan-tri/mo-hinh/HN-2026-0002';
  const judged = async (through: string) => {
    const s = (await (await admin.request(`/api/v1/campaigns/HN-2026/stats?through=${through}`)).json()) as { models: { assessed: unknown; works: number } };
    return { assessed: s.models.assessed, works: s.models.works };
  };

  it('counts a model by its latest assessment through the date, and its công trình from the decision; the bundle keeps both', async () => {
    const model = { ...BUNDLE.models[0]!, assessments: [{ on: '2026-06-30', effective: false, note: 'Chưa có kết quả đo được' }, { on: '2026-10-01', effective: true, note: null }], work: { name: 'Đường hoa tổ dân phố', on: '2026-11-02', decision: 'Quyết định số 88/QĐ-UBND của UBND phường Ánh Dương' } };
    const r = await admin.request('/api/v1/import', { method: 'POST', json: { version: 1, models: [model] } });
    expect(r.status, await r.clone().text()).toBe(200);
    expect(await judged('2026-06-01')).toEqual({ assessed: { effective: 0, notEffective: 0 }, works: 0 });
    expect(await judged('2026-07-01')).toEqual({ assessed: { effective: 0, notEffective: 1 }, works: 0 });
    expect(await judged('2026-12-31')).toEqual({ assessed: { effective: 1, notEffective: 0 }, works: 1 });
    const bundle = (await (await admin.request('/api/v1/export')).json()) as { models: { code: string; assessments?: unknown; work?: unknown }[] };
    const out = bundle.models.find((m) => m.code === 'HN-2026-0001')!;
    expect(out.assessments).toEqual(model.assessments);
    expect(out.work).toEqual(model.work);
    // work: null takes it back; left out keeps it
    expect((await admin.request('/api/v1/import', { method: 'POST', json: { version: 1, models: [{ ...BUNDLE.models[0]!, work: null }] } })).status).toBe(200);
    expect((await judged('2026-12-31')).works).toBe(0);
    // a bad one is named
    const bad = await admin.request('/api/v1/import', { method: 'POST', json: { version: 1, models: [{ ...BUNDLE.models[0]!, assessments: [{ on: '2026-06-30', effective: 'có' }] }] } });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(await bad.json())).toContain('models[0].assessments[0].effective');
  });

  it('on the page: who accepts models assesses one and names it a công trình; a refusal names the form’s field', async () => {
    const before = await judged('2026-12-31');
    const a = await admin.postForm(`${page}/danh-gia`, { assessedOn: '01/12/2026', effective: '1', note: 'Nhân rộng được' });
    expect(a.status).toBe(303);
    expect((await judged('2026-12-31')).assessed).toEqual({ effective: (before.assessed as { effective: number }).effective + 1, notEffective: (before.assessed as { notEffective: number }).notEffective });
    const tomorrow = todayVn(new Date(Date.now() + 2 * 86_400_000)).split('-').reverse().join('/');
    const late = await admin.postForm(`${page}/danh-gia`, { assessedOn: tomorrow, effective: '1', note: '' });
    expect(late.status).toBe(422);
    expect(await late.text()).toMatch(/href="#f-assessedOn"[^>]*>Ngày đánh giá: .* là ngày chưa tới/);
    const w = await admin.postForm(`${page}/cong-trinh`, { workName: '', workOn: '02/12/2026', workDecision: '' });
    expect(w.status).toBe(422);
    expect(await w.text()).toContain('href="#f-workDecision"');
    expect((await admin.postForm(`${page}/cong-trinh`, { workName: 'Ngõ sạch', workOn: '02/12/2026', workDecision: 'Quyết định số 9/QĐ-UBND' })).status).toBe(303);
    expect((await judged('2026-12-31')).works).toBe(before.works + 1);
    const html = await (await admin.request(page)).text();
    expect(html).toContain('Công trình “Dân vận khéo”</b>: Ngõ sạch — gắn biển theo Quyết định số 9/QĐ-UBND, ngày 02/12/2026');
    expect(html).toContain('Triển khai hiệu quả');
    // a ward officer may not
    const officer = new Client(t);
    expect((await officer.login('officer-a')).status).toBe(200);
    expect((await officer.postForm(`${page}/danh-gia`, { assessedOn: '01/12/2026', effective: '0', note: '' })).status).toBe(403);
  });
});


describe('households persuaded, on the land clearance project the model works on', () => {
  it('each model on a project shows the households its results persuaded; the project counts the models that work on it alone', async () => {
    const tx = <T>(fn: (trx: Tx) => Promise<T>) => t.db.db.transaction().execute(fn);
    const project = (code: string, unit: string, models: string[]) => tx((trx) => createProject(trx, { actor: system, input: { code, name: `Dự án ${code}`, unit, category: 'new', startedOn: '01/02/2026', models: models.join('\n') } }));
    await project('GP-A', 'A', ['HN-2026-0001']);
    await project('GP-B', 'B', ['HN-2026-0002']);
    const a = await getProject(t.db.db, system, 'GP-A');
    // the first model's results never gave the figure: unknown, not 0
    expect(a.models.map((m) => [m.code, m.householdsPersuaded, m.otherProjects])).toEqual([['HN-2026-0001', null, 0]]);
    expect(a.persuadedByModels).toEqual({ households: null, shared: false });
    expect((await getProject(t.db.db, system, 'GP-B')).persuadedByModels).toEqual({ households: 2, shared: false });
    // through a date before the result (10/05/2026): not yet
    expect((await getProject(t.db.db, system, 'GP-B', '2026-05-09')).persuadedByModels).toEqual({ households: null, shared: false });
    const page = await (await admin.request('/quan-tri/gpmb/GP-B')).text();
    expect(page).toContain('đã vận động 2 hộ bàn giao mặt bằng');
    expect(page).toContain('Theo kết quả các mô hình, đã vận động 2 hộ bàn giao mặt bằng cho dự án.');
    // a second project on the same model: its households are no longer one project's
    await project('GP-B2', 'B', ['HN-2026-0002']);
    const b = await getProject(t.db.db, system, 'GP-B');
    expect(b.models.map((m) => [m.householdsPersuaded, m.otherProjects])).toEqual([[2, 1]]);
    expect(b.persuadedByModels).toEqual({ households: null, shared: true });
  });
});

describe('what the review found (stop 33)', () => {
  it('sums past 2^63 đồng without failing: the stats, the portal and the first screen still answer', async () => {
    const other = await createTestApp();
    try {
      const c = new Client(other);
      expect((await c.login('root')).status).toBe(200);
      const huge = Array.from({ length: 10 }, (_, k) => ({
        ...BUNDLE.models[1]!,
        code: `HN-2026-01${String(k).padStart(2, '0')}`,
        name: `Mô hình số liệu lớn ${k}`,
        results: Array.from({ length: 1000 }, (_, i) => ({ on: `2026-0${1 + (i % 9)}-1${i % 10}`, moneyVnd: 1e15 })),
        recognitions: [],
      }));
      const r = await c.request('/api/v1/import', { method: 'POST', json: { ...BUNDLE, models: huge } });
      expect(r.status, await r.clone().text()).toBe(200);
      const s = await c.request('/api/v1/campaigns/HN-2026/stats?through=2026-12-31');
      expect(s.status).toBe(200);
      expect(((await s.json()) as { resources: { moneyVnd: number } }).resources.moneyVnd).toBe(1e19);
      expect((await new Client(other).request('/')).status).toBe(200);
      expect((await c.request('/quan-tri')).status).toBe(200);
    } finally {
      await other.close();
    }
  }, 120_000);

  it('refuses a result dated before its campaign began, and a choice of assessment that is neither', async () => {
    const officer = new Client(t);
    expect((await officer.login('officer-a')).status).toBe(200);
    const r = await officer.request('/api/v1/models/HN-2026-0001/results', { method: 'POST', json: { on: '1900-01-01', workDays: 7 } });
    expect(r.status).toBe(422);
    expect(JSON.stringify(await r.json())).toContain('là trước ngày bắt đầu chủ đề năm (01/01/2026)');
    const b = await admin.request('/api/v1/import', { method: 'POST', json: { version: 1, models: [{ ...BUNDLE.models[1]!, results: [{ on: '2025-12-31', workDays: 1 }] }] } });
    expect(b.status).toBe(422);
    expect(JSON.stringify(await b.json())).toContain('models[0].results[0].on');
    const a = await admin.postForm('/quan-tri/mo-hinh/HN-2026-0002/danh-gia', { assessedOn: '01/12/2026', note: '' });
    expect(a.status).toBe(422);
    expect(await a.text()).toContain('href="#f-effective"');
  });

  it('POST /api/v1/models keeps the results and judgements its record carries; a draft may say it has none', async () => {
    const record = { campaign: 'HN-2026', unit: 'A-1', field: 'GPMB', holder: 'collective', name: 'Mô hình gửi qua API kèm kết quả', registeredOn: '2026-03-01', results: [{ on: '2026-05-01', moneyVnd: 5_000_000 }], work: { name: null, on: '2026-06-01', decision: 'Quyết định số 3/QĐ-UBND' } };
    const r = await admin.request('/api/v1/models', { method: 'POST', json: record });
    expect(r.status, await r.clone().text()).toBe(201);
    const code = ((await r.json()) as { code: string }).code;
    const got = (await (await admin.request(`/api/v1/models/${code}/results`)).json()) as { items: { id: number; on: string; moneyVnd?: number }[]; work: unknown };
    expect(got.items.map(({ id: _id, ...rest }) => rest)).toEqual([{ on: '2026-05-01', moneyVnd: 5_000_000 }]);
    expect(got.work).toEqual(record.work);
    const draft = await admin.request('/api/v1/import', { method: 'POST', json: { version: 1, models: [{ ...BUNDLE.models[2]!, assessments: [], work: null }] } });
    expect(draft.status, await draft.clone().text()).toBe(200);
  });
});
