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
    expect(await report('2026-12-31')).toContain('Thông qua các mô hình, huy động được 265 triệu đồng, 150 ngày công; Nhân dân hiến 35,75 m² đất (4 hộ); vận động 2 hộ bàn giao mặt bằng; mang lại lợi ích cho 40 người dân.');
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
