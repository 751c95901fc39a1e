/**
 * Phases (giai đoạn, issue #23): a round and a reward decision spanning several campaigns, choosing
 * among the models of all their years; the phase's report year by year; the bundle keeps it all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../../test/support/fixtures.js';
import { Client, createTestApp, type TestApp } from '../../../test/support/http.js';
import { textOf } from '../../../test/support/html.js';
import { createUser } from '../accounts/accounts.service.js';
import { createCampaign } from '../campaigns/campaigns.service.js';
import { campaignStats } from '../figures/figures.service.js';
import { registerModel } from '../models/models.service.js';

let t: TestApp;
let root: Client;
const PW = 'mat-khau-thu-nghiem-du-dai';
const as = async (u: string) => {
  const c = new Client(t);
  expect((await c.login(u)).status).toBe(200);
  return c;
};
const fields = [
  { code: 'GPMB', name: 'Giải phóng mặt bằng' },
  { code: 'MT', name: 'Môi trường' },
];
const criteria = [
  { code: 'hq', name: 'Hiệu quả', weight: 60 },
  { code: 'lt', name: 'Lan tỏa', weight: 40 },
];
/** code, campaign, unit, field, registered, results */
const MODELS: [string, string, string, string, string, Record<string, unknown>[]][] = [
  ['P21-1', 'P21', 'A', 'GPMB', '2021-03-01', [{ on: '2021-06-01', moneyVnd: 100_000_000, workDays: 40, landDonatedM2: 12.5, householdsDonating: 2 }]],
  ['P21-2', 'P21', 'B', 'MT', '2021-04-01', [{ on: '2021-09-01', workDays: 10 }]],
  ['P22-1', 'P22', 'A', 'GPMB', '2022-02-01', [{ on: '2022-05-01', moneyVnd: 250_000_000, beneficiaries: 300 }]],
  ['P22-2', 'P22', 'B-1', 'KT', '2022-03-01', []],
  ['P22-3', 'P22', 'A-1', 'MT', '2022-03-15', []],
  ['P20-1', 'P20', 'A', 'GPMB', '2020-03-01', []],
];

beforeAll(async () => {
  t = await createTestApp();
  await t.db.db.transaction().execute(async (trx) => {
    await createCampaign(trx, { actor: system, input: { code: 'P20', unit: 'HN', year: 2020, theme: 'Năm Dân vận khéo 2020', fields, criteria } });
    await createCampaign(trx, { actor: system, input: { code: 'P21', unit: 'HN', year: 2021, theme: 'Năm Dân vận khéo 2021', fields, criteria } });
    // 2022 adds a field: the phase's round ranks the fields of both years
    await createCampaign(trx, { actor: system, input: { code: 'P22', unit: 'HN', year: 2022, theme: 'Năm Dân vận khéo 2022', fields: [...fields, { code: 'KT', name: 'Kinh tế' }], criteria } });
    await createCampaign(trx, { actor: system, input: { code: 'PA22', unit: 'A', year: 2022, theme: 'Phường Ánh Dương 2022', fields, criteria } });
    for (const [code, campaign, unit, field, registeredOn, results] of MODELS) {
      await registerModel(trx, { actor: system, input: { code, campaign, unit, field, holder: 'collective', name: `Mô hình ${code}`, registeredOn, results } });
    }
    for (const u of ['ptd1', 'ptd2']) await createUser(trx, { actor: system, input: { username: u, fullName: `Thẩm định ${u}`, unit: 'HN', roles: ['appraiser'], password: PW } });
  });
  root = await as('root');
});
afterAll(() => t.close());

const round = (extra: Record<string, unknown>) => ({ code: 'GD1', campaign: 'P22', phase: 'GD-21-22', name: 'Tổng kết giai đoạn 2021–2022', kind: 'phase', opensOn: '2022-12-01', closesOn: '2099-12-31', cutoffOn: '2022-12-31', appraisers: ['ptd1', 'ptd2'], threshold: 50, ...extra });

describe('phases', () => {
  it('a phase is a unit\'s campaigns from one year to another; bad input names the field', async () => {
    for (const [body, field, status] of [
      [{ code: 'X', name: 'Giai đoạn', unit: 'HN', fromYear: 2022, toYear: 2021 }, 'toYear', 422],
      [{ code: 'X', name: 'Giai đoạn', unit: 'HN', fromYear: 2000, toYear: 2020 }, 'toYear', 422],
      [{ code: 'X', name: 'Giai đoạn', unit: 'KHONG-CO', fromYear: 2021, toYear: 2022 }, 'unit', 422],
      [{ code: 'X', name: '', unit: 'HN', fromYear: 2021, toYear: 2022 }, 'name', 422],
    ] as const) {
      const r = await root.request('/api/v1/phases', { method: 'POST', json: body });
      expect(r.status, JSON.stringify(body)).toBe(status);
      expect(((await r.json()) as { error: { field: string } }).error.field).toBe(field);
    }
    const ok = await root.request('/api/v1/phases', { method: 'POST', json: { code: 'GD-21-22', name: 'Giai đoạn 2021–2022', unit: 'HN', fromYear: 2021, toYear: 2022 } });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ code: 'GD-21-22', unitName: 'Thành phố Hà Nội', campaigns: [{ code: 'P21', year: 2021 }, { code: 'P22', year: 2022 }] });
    expect((await root.request('/api/v1/phases', { method: 'POST', json: { code: 'GD-21-22', name: 'Trùng mã', unit: 'HN', fromYear: 2021, toYear: 2022 } })).status).toBe(409);
    // read like campaigns: a ward sees the city's phase (its line), not another ward's
    expect((await root.request('/api/v1/phases', { method: 'POST', json: { code: 'GD-A', name: 'Giai đoạn của phường', unit: 'A', fromYear: 2022, toYear: 2022 } })).status).toBe(201);
    const wardA = await as('admin-a');
    const wardB = await as('admin-b');
    expect((await wardB.request('/api/v1/phases/GD-21-22')).status).toBe(200);
    expect((await wardB.request('/api/v1/phases/GD-A')).status).toBe(404);
    expect(((await (await wardB.request('/api/v1/phases')).json()) as { items: { code: string }[] }).items.map((p) => p.code)).toEqual(['GD-21-22']);
    expect(((await (await wardA.request('/api/v1/phases')).json()) as { items: { code: string }[] }).items.map((p) => p.code).sort()).toEqual(['GD-21-22', 'GD-A']);
    // a ward may not make the city's phase
    expect((await wardA.request('/api/v1/phases', { method: 'POST', json: { code: 'GD-HN2', name: 'Giai đoạn', unit: 'HN', fromYear: 2021, toYear: 2022 } })).status).toBe(403);
    expect(await (await root.request('/quan-tri/chu-de')).text()).toContain('Giai đoạn 2021–2022');
    // the page form refuses reversed years, keeping what was typed
    const page = await root.postForm('/quan-tri/giai-doan/moi', { code: 'GD-X', name: 'Giai đoạn thử', unit: 'HN', fromYear: '2023', toYear: '2021' });
    expect(page.status).toBe(422);
    const html = await page.text();
    expect(html).toContain('Đến năm');
    expect(html).toContain('value="Giai đoạn thử"');
  });

  it('a round of a phase ranks the models of every year; a campaign outside the phase is refused', async () => {
    for (const [extra, field] of [
      [{ campaign: 'P20' }, 'phase'],
      [{ campaign: 'PA22' }, 'phase'],
      [{ phase: 'KHONG-CO' }, 'phase'],
      [{ phase: '' }, 'phase'],
    ] as const) {
      const r = await root.request('/api/v1/rounds', { method: 'POST', json: round(extra) });
      expect(r.status, JSON.stringify(extra)).toBe(422);
      expect(((await r.json()) as { error: { field: string } }).error.field, JSON.stringify(extra)).toBe(field);
    }
    const r = await root.request('/api/v1/rounds', { method: 'POST', json: round({}) });
    expect(r.status, await r.clone().text()).toBe(201);
    expect(await r.json()).toMatchObject({ phase: { code: 'GD-21-22' }, campaigns: [{ code: 'P21', year: 2021 }, { code: 'P22', year: 2022 }] });
    const rank = (await (await root.request('/api/v1/rounds/GD1/ranking')).json()) as { eligible: number; byField: { code: string; models: { code: string; campaignYear: number }[] }[] };
    // 2020 is outside the phase; the fields of both years, 2022's KT included
    expect(rank.eligible).toBe(5);
    expect(rank.byField.map((f) => [f.code, f.models.map((m) => `${m.code}/${m.campaignYear}`).sort()])).toEqual([
      ['GPMB', ['P21-1/2021', 'P22-1/2022']],
      ['MT', ['P21-2/2021', 'P22-3/2022']],
      ['KT', ['P22-2/2022']],
    ]);
    const page = await (await root.request('/quan-tri/tham-dinh/GD1')).text();
    expect(page).toContain('chọn trong các mô hình của các năm 2021, 2022');
    expect(page).toContain('năm 2021');
  });

  it('ranks and rewards models of both years; a year\'s reward and the phase\'s are counted apart', async () => {
    // 2021's own reward first: the phase may reward the same model again (another achievement)
    const year = await root.request('/api/v1/reward-decisions', { method: 'POST', json: { number: '21/QĐ-UBND', campaign: 'P21', date: '2021-12-20', models: ['P21-1'], status: null } });
    expect(year.status, await year.clone().text()).toBe(201);
    expect((await root.request('/api/v1/reward-decisions/21%2FQĐ-UBND/publish', { method: 'POST', json: { confirm: true } })).status).toBe(200);
    const points: Record<string, Record<string, number>> = { 'P21-1': { hq: 55, lt: 35 }, 'P21-2': { hq: 20, lt: 10 }, 'P22-1': { hq: 50, lt: 30 }, 'P22-2': { hq: 40, lt: 30 }, 'P22-3': { hq: 10, lt: 5 } };
    for (const u of ['ptd1', 'ptd2']) {
      const c = await as(u);
      for (const [m, p] of Object.entries(points)) expect((await c.request(`/api/v1/rounds/GD1/scores/${m}`, { method: 'PUT', json: { points: p, submit: true } })).status, `${u} ${m}`).toBe(200);
    }
    const proposed = await root.request('/api/v1/rounds/GD1/proposal', { method: 'POST', json: { mode: 'auto' } });
    expect(proposed.status, await proposed.clone().text()).toBe(200);
    const rank = (await proposed.json()) as { byField: { models: { code: string; mean: number; proposed: boolean; rewardedIn: string | null }[] }[] };
    const all = rank.byField.flatMap((f) => f.models);
    // ranked over both years by mean; above the threshold of 50: P21-1 (90), P22-1 (80), P22-2 (70)
    expect(all.filter((m) => m.proposed).map((m) => m.code).sort()).toEqual(['P21-1', 'P22-1', 'P22-2']);
    expect(all.find((m) => m.code === 'P21-1')?.rewardedIn).toBeNull();
    // a round's decision is of its phase; another phase is refused
    const wrong = await root.request('/api/v1/reward-decisions', { method: 'POST', json: { number: '99/QĐ-UBND', campaign: 'P22', round: 'GD1', phase: 'KHONG-CO', date: '2023-01-10' } });
    expect(wrong.status).toBe(422);
    const d = await root.request('/api/v1/reward-decisions', { method: 'POST', json: { number: '12/QĐ-UBND', campaign: 'P22', round: 'GD1', date: '2023-01-10', form: 'Bằng khen', issuer: 'Chủ tịch UBND thành phố' } });
    expect(d.status, await d.clone().text()).toBe(201);
    const decided = (await d.json()) as { phase: { code: string } | null; models: { code: string }[] };
    expect(decided.phase?.code).toBe('GD-21-22');
    expect(decided.models.map((m) => m.code).sort()).toEqual(['P21-1', 'P22-1', 'P22-2']);
    expect((await root.request('/api/v1/reward-decisions/12%2FQĐ-UBND/publish', { method: 'POST', json: { confirm: true } })).status).toBe(200);
    // the same achievement twice: a second phase decision naming P21-1 is refused
    const twice = await root.request('/api/v1/reward-decisions', { method: 'POST', json: { number: '13/QĐ-UBND', campaign: 'P21', phase: 'GD-21-22', date: '2023-02-01', models: ['P21-1'] } });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('12/QĐ-UBND');
    // a model of a year outside the phase is not in it
    const outside = await root.request('/api/v1/reward-decisions', { method: 'POST', json: { number: '14/QĐ-UBND', campaign: 'P21', phase: 'GD-21-22', date: '2023-02-01', models: ['P20-1'] } });
    expect(outside.status).toBe(422);
    expect(await outside.text()).toContain('các năm của giai đoạn này');
    // the years' figures count their own decisions only
    expect((await campaignStats(t.db.db, 'P21', '2023-12-31')).rewards.total).toBe(1);
    expect((await campaignStats(t.db.db, 'P22', '2023-12-31')).rewards.total).toBe(0);
    // once a round spans it, the phase keeps its years
    const moved = await root.request('/api/v1/phases/GD-21-22', { method: 'PATCH', json: { name: 'Giai đoạn 2021–2023', unit: 'HN', fromYear: 2021, toYear: 2023 } });
    expect(moved.status).toBe(409);
    expect((await root.request('/api/v1/phases/GD-21-22', { method: 'PATCH', json: { name: 'Giai đoạn 2021 – 2022', unit: 'HN', fromYear: 2021, toYear: 2022 } })).status).toBe(200);
  });

  it('the phase\'s report compares the years, each counted as its own page counts it, and adds them up', async () => {
    const f = (await (await root.request('/api/v1/phases/GD-21-22/stats?through=2023-06-30')).json()) as {
      years: { year: number; through: string; models: { total: number }; resources: Record<string, number | null>; rewarded: number }[];
      total: { models: { total: number }; resources: Record<string, number | null>; rewarded: number };
      rewards: { total: number; byYear: { year: number; count: number }[]; decisions: { number: string; models: number }[] };
    };
    expect(f.years.map((y) => [y.year, y.through])).toEqual([
      [2021, '2021-12-31'],
      [2022, '2022-12-31'],
    ]);
    for (const y of f.years) {
      const own = await campaignStats(t.db.db, `P${String(y.year).slice(2)}`, y.through);
      expect(y.models.total).toBe(own.models.total);
      expect(y.resources).toEqual(own.resources);
      expect(y.rewarded).toBe(own.rewards.total);
    }
    expect(f.years.map((y) => y.models.total)).toEqual([2, 3]);
    expect(f.total.models.total).toBe(5);
    expect(f.total.resources).toEqual({ moneyVnd: 350_000_000, workDays: 50, landDonatedM2: 12.5, householdsDonating: 2, householdsPersuaded: null, beneficiaries: 300 });
    expect(f.total.rewarded).toBe(1);
    expect(f.rewards).toEqual({ total: 3, byYear: [{ year: 2021, count: 1 }, { year: 2022, count: 2 }], decisions: [expect.objectContaining({ number: '12/QĐ-UBND', models: 3 })] });
    // through a day before the decision: not yet rewarded; through mid-2022: 2022 counted to that day
    const early = (await (await root.request('/api/v1/phases/GD-21-22/stats?through=2022-06-30')).json()) as typeof f;
    expect(early.rewards.total).toBe(0);
    expect(early.years[1]!.through).toBe('2022-06-30');
    const html = await (await root.request('/quan-tri/giai-doan/GD-21-22?den=30/06/2023')).text();
    for (const s of ['Năm 2021', 'Năm 2022', 'Cả giai đoạn', '350 triệu đồng', '12/QĐ-UBND', '1 mô hình năm 2021, 2 mô hình năm 2022']) expect(html, s).toContain(s);
    expect((await (await as('admin-b')).request('/quan-tri/giai-doan/GD-A')).status).toBe(404);
    expect((await (await as('admin-b')).request('/api/v1/phases/GD-A/stats')).status).toBe(404);
  });

  it('export → import keeps the phase and its decision', async () => {
    const bundle = (await (await root.request('/api/v1/export')).json()) as Record<string, unknown> & { phases: unknown[]; rewardDecisions: { number: string; phase?: string | null }[] };
    expect([...bundle.phases].sort((a, b) => String((a as { code: string }).code).localeCompare(String((b as { code: string }).code)))).toEqual([{ code: 'GD-21-22', name: 'Giai đoạn 2021 – 2022', unit: 'HN', fromYear: 2021, toYear: 2022 }, { code: 'GD-A', name: 'Giai đoạn của phường', unit: 'A', fromYear: 2022, toYear: 2022 }]);
    expect(bundle.rewardDecisions.find((d) => d.number === '12/QĐ-UBND')?.phase).toBe('GD-21-22');
    const other = await createTestApp();
    try {
      const c = new Client(other);
      expect((await c.login('root')).status).toBe(200);
      const { users: _users, ...rest } = bundle;
      const r = await c.request('/api/v1/import', { method: 'POST', json: rest });
      expect(r.status, await r.clone().text()).toBe(200);
      const f = (await (await c.request('/api/v1/phases/GD-21-22/stats?through=2023-06-30')).json()) as { rewards: unknown; total: unknown };
      const g = (await (await root.request('/api/v1/phases/GD-21-22/stats?through=2023-06-30')).json()) as { rewards: unknown; total: unknown };
      expect(f.rewards).toEqual(g.rewards);
      expect(f.total).toEqual(g.total);
    } finally {
      await other.close();
    }
  });
});

describe('what the review of phases found', () => {
  it('a unit\'s phases do not overlap; a campaign does not move in or out of a used phase; later campaigns do not change a round', async () => {
    const over = await root.request('/api/v1/phases', { method: 'POST', json: { code: 'GD-22-24', name: 'Giai đoạn chồng', unit: 'HN', fromYear: 2022, toYear: 2024 } });
    expect(over.status).toBe(409);
    expect(await over.text()).toContain('trùng các năm');
    expect((await root.request('/api/v1/phases', { method: 'POST', json: { code: 'GD-23-25', name: 'Giai đoạn sau', unit: 'HN', fromYear: 2023, toYear: 2025 } })).status).toBe(201);
    // moving 2021's campaign out of the used phase is refused
    const moved = await root.request('/api/v1/campaigns/P21', { method: 'PATCH', json: { unit: 'HN', year: 2027, theme: 'Năm Dân vận khéo 2021' } });
    expect(moved.status).toBe(409);
    expect(((await moved.json()) as { error: { field: string } }).error.field).toBe('year');
    // a campaign made later for a year of the phase does not enter a round held in 2022
    await t.db.db.transaction().execute((trx) => createCampaign(trx, { actor: system, input: { code: 'P19', unit: 'HN', year: 2019, theme: 'Năm 2019', fields, criteria } }));
    const round = (await (await root.request('/api/v1/rounds/GD1')).json()) as { campaigns: { year: number }[] };
    expect(round.campaigns.map((k) => k.year)).toEqual([2021, 2022]);
    // a year not begun by the date has no column
    const early = (await (await root.request('/api/v1/phases/GD-21-22/stats?through=2021-06-30')).json()) as { years: { year: number }[] };
    expect(early.years.map((y) => y.year)).toEqual([2021]);
  });

  it('another ward\'s phase is as unknown as a missing one; the portal lists a phase\'s reward apart from a year\'s', async () => {
    await t.db.db.transaction().execute((trx) => createCampaign(trx, { actor: system, input: { code: 'PB22', unit: 'B', year: 2022, theme: 'Phường Bình Minh 2022', fields, criteria } }));
    const wardB = await as('admin-b');
    const r = await wardB.request('/api/v1/rounds', { method: 'POST', json: round({ code: 'GD-B', campaign: 'PB22', phase: 'GD-A', appraisers: ['ptd1'] }) });
    expect(r.status).toBe(422);
    const e = ((await r.json()) as { error: { field: string; message: string } }).error;
    expect(e.field).toBe('phase');
    expect(e.message).toContain('không tìm thấy giai đoạn "GD-A"');
    expect(await (await new Client(t).request('/khen-thuong?chu_de=P22')).text()).not.toContain('12/QĐ-UBND');
  });

  it('a campaign never ends before it starts, whichever date a PATCH leaves out', async () => {
    const base = { unit: 'HN', year: 2022, theme: 'Năm Dân vận khéo 2022' };
    expect((await root.request('/api/v1/campaigns/P22', { method: 'PATCH', json: { ...base, startsOn: '2022-06-01' } })).status).toBe(200);
    const bad = await root.request('/api/v1/campaigns/P22', { method: 'PATCH', json: { ...base, endsOn: '2022-03-01' } });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe('endsOn');
    expect((await root.request('/api/v1/campaigns/P22', { method: 'PATCH', json: { ...base, startsOn: null } })).status).toBe(200);
  });
});

describe('PATCH of a campaign keeps what it leaves out', () => {
  it('the plan and the dates stay unless given', async () => {
    const doc = await root.request('/api/v1/documents', { method: 'POST', json: { number: '05-KH/TU', kind: 'KH', issuer: 'Thành ủy', date: '2021-01-15', title: 'Kế hoạch thực hiện năm Dân vận khéo', unit: 'HN' } });
    expect(doc.status, await doc.clone().text()).toBe(201);
    const base = { unit: 'HN', year: 2021, theme: 'Năm Dân vận khéo 2021' };
    expect((await root.request('/api/v1/campaigns/P21', { method: 'PATCH', json: { ...base, plan: '05-KH/TU', startsOn: '2021-02-01' } })).status).toBe(200);
    const kept = await root.request('/api/v1/campaigns/P21', { method: 'PATCH', json: { ...base, theme: 'Năm Dân vận khéo, trọng tâm GPMB' } });
    expect(await kept.json()).toMatchObject({ theme: 'Năm Dân vận khéo, trọng tâm GPMB', plan: { number: '05-KH/TU' }, startsOn: '2021-02-01' });
    const cleared = await root.request('/api/v1/campaigns/P21', { method: 'PATCH', json: { ...base, plan: null, startsOn: null } });
    expect(await cleared.json()).toMatchObject({ plan: null, startsOn: '2021-01-01' });
  });
});

describe('what the second review of phases found', () => {
  const err = async (r: Response) => ((await r.json()) as { error: { field: string; message: string } }).error;
  const campaign = (code: string, year: number) => ({ code, unit: 'HN', year, theme: `Năm Dân vận khéo ${year}`, fields, criteria });

  it('declares every foreign key to phases, so what uses a phase is counted', async () => {
    const { phaseReferences } = await import('../campaigns/campaigns.references.js');
    const { sql } = await import('kysely');
    let keys: string[];
    if (t.db.dialect === 'sqlite') {
      const tables = t.db.sqlite!.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[];
      keys = tables.flatMap(({ name }) => (t.db.sqlite!.prepare(`pragma foreign_key_list("${name}")`).all() as { table: string; from: string }[]).filter((fk) => fk.table === 'phases').map((fk) => `${name}.${fk.from}`));
    } else {
      const r = await sql<{ ref: string }>`
        select cl.relname || '.' || a.attname as ref from pg_constraint c
        join pg_class cl on cl.oid = c.conrelid join pg_namespace n on n.oid = cl.relnamespace
        join pg_class target on target.oid = c.confrelid join unnest(c.conkey) as k(attnum) on true
        join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
        where c.contype = 'f' and target.relname = 'phases' and n.nspname = current_schema()`.execute(t.db.db);
      keys = r.rows.map((x) => x.ref);
    }
    expect(keys.sort()).toEqual(['appraisal_rounds.phase_id', 'award_proposals.phase_id', 'reward_decisions.phase_id']);
    expect(phaseReferences().map((r) => `${r.table}.${r.column}`).sort()).toEqual(keys);
  });

  it('a campaign is not made for a year of a used phase, nor twice for a year of a phase (API and form: 409 naming the phase)', async () => {
    const used = await root.request('/api/v1/campaigns', { method: 'POST', json: campaign('P21-BIS', 2021) });
    expect(used.status).toBe(409);
    expect(await err(used)).toMatchObject({ field: 'year', message: '"Giai đoạn 2021 – 2022" (2021–2022) đã dùng cho 1 đợt thẩm định, 1 quyết định khen thưởng, chọn trong các năm đến 2022: không thêm chủ đề năm 2021 vào giai đoạn này.' });
    expect((await root.request('/api/v1/campaigns/P21-BIS')).status).toBe(404);
    // the round and the phase's report keep their years
    expect(((await (await root.request('/api/v1/rounds/GD1')).json()) as { campaigns: { code: string }[] }).campaigns.map((k) => k.code)).toEqual(['P21', 'P22']);
    expect(((await (await root.request('/api/v1/phases/GD-21-22/stats?through=2023-06-30')).json()) as { years: { campaign: string }[] }).years.map((y) => y.campaign)).toEqual(['P21', 'P22']);
    // an unused phase takes one campaign a year: the second of 2023 is refused, by the form too, and so is one moved there
    expect((await root.request('/api/v1/campaigns', { method: 'POST', json: campaign('P23', 2023) })).status).toBe(201);
    const twice = await root.request('/api/v1/campaigns', { method: 'POST', json: campaign('P23-BIS', 2023) });
    expect(twice.status).toBe(409);
    expect((await err(twice)).message).toBe('Đơn vị đã có chủ đề năm 2023 ("P23") trong "Giai đoạn sau" (2023–2025): mỗi năm của một giai đoạn chỉ có một chủ đề năm.');
    const form = await root.postForm('/quan-tri/chu-de/moi', { code: 'P23-FORM', unit: 'HN', year: '2023', theme: 'Năm Dân vận khéo 2023' });
    expect(form.status).toBe(409);
    expect(textOf(await form.text())).toContain('Đơn vị đã có chủ đề năm 2023 ("P23") trong "Giai đoạn sau"');
    const moved = await root.request('/api/v1/campaigns/P19', { method: 'PATCH', json: { unit: 'HN', year: 2023, theme: 'Năm 2019' } });
    expect(moved.status).toBe(409);
    expect((await err(moved)).message).toContain('Đơn vị đã có chủ đề năm 2023 ("P23")');
    expect(((await (await root.request('/api/v1/phases/GD-23-25')).json()) as { campaigns: { code: string }[] }).campaigns.map((k) => k.code)).toEqual(['P23']);
    // two campaigns of a year made before any phase: a phase over that year is refused, naming them
    for (const code of ['Q40', 'Q40-BIS']) expect((await root.request('/api/v1/campaigns', { method: 'POST', json: campaign(code, 2040) })).status).toBe(201);
    const over = await root.request('/api/v1/phases', { method: 'POST', json: { code: 'GD-40', name: 'Giai đoạn 2040', unit: 'HN', fromYear: 2039, toYear: 2041 } });
    expect(over.status).toBe(409);
    expect((await err(over)).message).toBe('Năm 2040 đơn vị có 2 chủ đề năm (Q40, Q40-BIS): giai đoạn tính mỗi năm một chủ đề năm.');
  });

  it('a phase nothing uses is deleted (API, and the button of its edit page); one in use is kept with a 409 naming what uses it', async () => {
    const inUse = await root.request('/api/v1/phases/GD-21-22', { method: 'DELETE' });
    expect(inUse.status).toBe(409);
    expect((await err(inUse)).message).toBe('Không xóa được "Giai đoạn 2021 – 2022": đang được dùng cho 1 đợt thẩm định, 1 quyết định khen thưởng.');
    const page = await root.postForm('/quan-tri/giai-doan/GD-21-22/xoa', {});
    expect(page.status).toBe(409);
    expect(textOf(await page.text())).toContain('Không xóa được "Giai đoạn 2021 – 2022"');
    expect((await root.request('/api/v1/phases/GD-21-22')).status).toBe(200);
    // an award proposal of the phase keeps it too, but does not hold its years: they chose nothing among them
    const proposal = await root.request('/api/v1/award-proposals', {
      method: 'POST',
      json: { number: '7/TTr-UBND', from: 'A', form: 'BK-TINH', phase: 'GD-23-25', title: 'Đề nghị khen thưởng giai đoạn', recipients: [{ kind: 'individual', name: 'Nguyễn Văn An', role: 'direct' }] },
    });
    expect(proposal.status, await proposal.clone().text()).toBe(201);
    const kept = await root.request('/api/v1/phases/GD-23-25', { method: 'DELETE' });
    expect(kept.status).toBe(409);
    expect((await err(kept)).message).toContain('đang được dùng cho 1 tờ trình đề nghị khen thưởng');
    expect((await root.request('/api/v1/phases/GD-23-25', { method: 'PATCH', json: { name: 'Giai đoạn sau', unit: 'HN', fromYear: 2023, toYear: 2026 } })).status).toBe(200);
    expect((await root.request('/api/v1/campaigns', { method: 'POST', json: campaign('P24', 2024) })).status).toBe(201);
    // but it does not move to another unit under the proposal that names it
    const away = await root.request('/api/v1/phases/GD-23-25', { method: 'PATCH', json: { name: 'Giai đoạn sau', unit: 'A', fromYear: 2023, toYear: 2026 } });
    expect(away.status).toBe(409);
    expect(await err(away)).toMatchObject({ field: 'unit' });
    // only who may manage the phase: a ward's admin deletes its ward's, not the city's; outside its scope the action is refused (403, as every refused action in the authorisation matrix)
    expect((await (await as('admin-b')).request('/api/v1/phases/GD-A', { method: 'DELETE' })).status).toBe(403);
    expect((await (await as('admin-a')).request('/api/v1/phases/GD-A', { method: 'DELETE' })).status).toBe(204);
    expect((await root.request('/api/v1/phases', { method: 'POST', json: { code: 'GD-X', name: 'Giai đoạn tạo nhầm', unit: 'HN', fromYear: 2030, toYear: 2031 } })).status).toBe(201);
    expect((await (await as('admin-b')).request('/api/v1/phases/GD-X', { method: 'DELETE' })).status).toBe(403);
    // the edit page offers the button; it deletes and says so; the phase is gone and the deletion audited
    const edit = await (await root.request('/quan-tri/giai-doan/GD-X/sua')).text();
    expect(edit).toContain('action="/quan-tri/giai-doan/GD-X/xoa"');
    const del = await root.postForm('/quan-tri/giai-doan/GD-X/xoa', {});
    expect(del.status).toBe(303);
    expect(del.headers.get('location')).toBe('/quan-tri/chu-de?thongbao=da-xoa-giai-doan');
    expect((await root.request('/api/v1/phases/GD-X')).status).toBe(404);
    expect((await root.request('/api/v1/phases/GD-A')).status).toBe(404);
    const audited = await t.db.db.selectFrom('audit_log').select(['entity_id', 'actor_name']).where('action', '=', 'phase.delete').orderBy('id').execute();
    expect(audited).toEqual([{ entity_id: 'GD-A', actor_name: 'admin-a' }, { entity_id: 'GD-X', actor_name: 'root' }]);
  });

  it('a round in the middle of a phase closes the years it chose among, not the later ones', async () => {
    const mid = await root.request('/api/v1/rounds', { method: 'POST', json: round({ code: 'GD2', campaign: 'P24', phase: 'GD-23-25', name: 'Sơ kết giữa giai đoạn', opensOn: '2024-12-01', cutoffOn: '2024-12-31' }) });
    expect(mid.status, await mid.clone().text()).toBe(201);
    const before = await root.request('/api/v1/campaigns', { method: 'POST', json: campaign('P23-TER', 2023) });
    expect(before.status).toBe(409);
    expect((await err(before)).message).toBe('"Giai đoạn sau" (2023–2026) đã dùng cho 1 đợt thẩm định, chọn trong các năm đến 2024: không thêm chủ đề năm 2023 vào giai đoạn này.');
    // 2025 is still to come: its campaign is made, and the round still chooses among 2023 and 2024
    expect((await root.request('/api/v1/campaigns', { method: 'POST', json: campaign('P25', 2025) })).status).toBe(201);
    expect(((await (await root.request('/api/v1/rounds/GD2')).json()) as { campaigns: { year: number }[] }).campaigns.map((k) => k.year)).toEqual([2023, 2024]);
    // a later year's campaign made by mistake is corrected (2025 → 2026); one the round chose among is not moved
    expect((await root.request('/api/v1/campaigns/P25', { method: 'PATCH', json: { unit: 'HN', year: 2026, theme: 'Năm Dân vận khéo 2026' } })).status).toBe(200);
    const chosen = await root.request('/api/v1/campaigns/P24', { method: 'PATCH', json: { unit: 'HN', year: 2025, theme: 'Năm Dân vận khéo 2024' } });
    expect(chosen.status).toBe(409);
    expect((await err(chosen)).message).toBe('Không đổi được đơn vị hay năm của chủ đề năm: "Giai đoạn sau" đã có đợt thẩm định hoặc quyết định khen thưởng chọn trong các năm đến 2024.');
  });

  it('a decision refused for rewarding twice leaves nothing written', async () => {
    const twice = await root.request('/api/v1/reward-decisions', { method: 'POST', json: { number: '15/QĐ-UBND', campaign: 'P22', phase: 'GD-21-22', date: '2023-03-01', models: ['P22-3', 'P22-1'] } });
    expect(twice.status).toBe(409);
    expect((await err(twice)).message).toBe('Không khen thưởng hai lần cho một thành tích: "Mô hình P22-1" đã có trong quyết định số 12/QĐ-UBND.');
    expect((await root.request('/api/v1/reward-decisions/15%2FQĐ-UBND')).status).toBe(404);
    // the round's own decision is not "already rewarded" in its ranking
    const rank = (await (await root.request('/api/v1/rounds/GD1/ranking')).json()) as { byField: { models: { code: string; rewardedIn: string | null }[] }[] };
    expect(rank.byField.flatMap((f) => f.models).find((m) => m.code === 'P22-1')?.rewardedIn).toBeNull();
  });

  it('says the limits of a phase\'s years plainly, and a year-on-year change one way', async () => {
    for (const [body, message] of [
      [{ code: 'X', name: 'Giai đoạn', unit: 'HN', fromYear: 2090, toYear: 2101 }, 'Đến năm: không được sau năm 2100'],
      [{ code: 'X', name: 'Giai đoạn', unit: 'HN', fromYear: 2040, toYear: 2051 }, 'Đến năm: một giai đoạn tối đa 11 năm'],
    ] as const) {
      const r = await root.request('/api/v1/phases', { method: 'POST', json: body });
      expect(r.status).toBe(422);
      expect((await err(r)).message).toContain(message);
    }
    const html = textOf(await (await root.request('/quan-tri/giai-doan/GD-21-22?den=30/06/2023')).text());
    expect(html).toContain('+1 so với 2021');
    expect(html).toContain('không đổi so với 2021');
    expect(html).not.toContain('bằng năm');
  });
});
