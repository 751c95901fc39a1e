import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../../test/support/fixtures.js';
import { Client, createTestApp, type TestApp } from '../../../test/support/http.js';
import { createUser } from '../accounts/accounts.service.js';
import { createCampaign } from '../campaigns/campaigns.service.js';
import { campaignStats } from '../figures/figures.service.js';
import { registerModel } from '../models/models.service.js';
import { zipEntry } from '../../../test/support/zip.js';
import { todayVn } from '../../lib/vi.js';

let t: TestApp;
const PW = 'mat-khau-thu-nghiem-du-dai';
const as = async (u: string) => {
  const c = new Client(t);
  await c.login(u);
  return c;
};
const score = (c: Client, model: string, points: Record<string, number>, extra: Record<string, unknown> = {}) =>
  c.request(`/api/v1/rounds/R1/scores/${model}`, { method: 'PUT', json: { points, submit: true, ...extra } });

beforeAll(async () => {
  t = await createTestApp();
  await t.db.db.transaction().execute(async (trx) => {
    await createCampaign(trx, {
      actor: system,
      input: {
        code: 'K21',
        unit: 'HN',
        year: 2021,
        theme: 'Năm Dân vận khéo',
        fields: [{ code: 'GPMB', name: 'Giải phóng mặt bằng' }, { code: 'MT', name: 'Môi trường' }],
        criteria: [{ code: 'hq', name: 'Hiệu quả', weight: 60 }, { code: 'lt', name: 'Lan tỏa', weight: 40 }],
      },
    });
    const models: [string, string, string, string][] = [
      ['G1', 'A', 'GPMB', '2021-02-01'],
      ['G2', 'B', 'GPMB', '2021-03-01'],
      ['G3', 'A-1', 'GPMB', '2021-04-01'],
      ['M1', 'B-1', 'MT', '2021-05-01'],
      ['LATE', 'A', 'MT', '2021-08-01'],
    ];
    for (const [code, unit, field, registeredOn] of models) {
      await registerModel(trx, { actor: system, input: { code, campaign: 'K21', unit, field, holder: 'collective', name: `Mô hình ${code}`, registeredOn } });
    }
    for (const [u, unit] of [['td1', 'HN'], ['td2', 'HN'], ['td-a', 'A']] as const) {
      await createUser(trx, { actor: system, input: { username: u, fullName: `Thẩm định ${u}`, unit, roles: ['appraiser'], password: PW } });
    }
    await createUser(trx, { actor: system, input: { username: 'hoidong', fullName: 'Hội đồng', unit: 'HN', roles: ['council'], password: PW } });
    await createUser(trx, { actor: system, input: { username: 'bdv', fullName: 'Ban Dân vận', unit: 'HN', roles: ['officer'], password: PW } });
  });
});
afterAll(() => t.close());

describe('appraisal rounds', () => {
  it('opens a round whose team are appraisers, with quotas per field', async () => {
    const c = await as('bdv');
    const bad = await c.request('/api/v1/rounds', { method: 'POST', json: { code: 'R1', campaign: 'K21', name: 'Sơ kết 6 tháng', kind: 'sixMonth', opensOn: '2021-07-01', closesOn: '2021-07-15', cutoffOn: '2021-06-30', appraisers: ['td1', 'hoidong'] } });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { field: 'appraisers', message: 'appraisers: Tổ thẩm định: tài khoản "hoidong" không có vai trò thẩm định' } });
    const ok = await c.request('/api/v1/rounds', {
      method: 'POST',
      json: { code: 'R1', campaign: 'K21', name: 'Sơ kết 6 tháng', kind: 'sixMonth', opensOn: '01/07/2021', closesOn: '31/12/2099', cutoffOn: '30/06/2021', appraisers: ['td1', 'td2', 'td-a'], quotas: { GPMB: 2, MT: 1 } },
    });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ code: 'R1', status: 'open', appraisers: [{ username: 'td-a' }, { username: 'td1' }, { username: 'td2' }] });
  });

  it('refuses scores outside the round\'s window', async () => {
    const bdv = await as('bdv');
    await bdv.request('/api/v1/rounds', { method: 'POST', json: { code: 'R-OLD', campaign: 'K21', name: 'Đợt đã qua', kind: 'adhoc', opensOn: '2021-07-01', closesOn: '2021-07-15', cutoffOn: '2021-06-30', appraisers: ['td1'] } });
    const td1 = await as('td1');
    const late = await td1.request('/api/v1/rounds/R-OLD/scores/G1', { method: 'PUT', json: { points: { hq: 50, lt: 30 }, submit: true } });
    expect(late.status).toBe(409);
    expect(((await late.json()) as { error: { message: string } }).error.message).toBe('Ngoài thời hạn chấm điểm của đợt (từ 01/07/2021 đến 15/07/2021).');
    const nulls = await td1.request('/api/v1/rounds/R1/scores/G1', { method: 'PUT', json: { points: { hq: null, lt: true }, submit: false } });
    expect(nulls.status).toBe(422);
  });

  it('refuses scores out of range, from outside the team, and for the appraiser\'s own unit; nothing is written', async () => {
    const td1 = await as('td1');
    const out = await score(td1, 'G1', { hq: 61, lt: 10 });
    expect(out.status).toBe(422);
    expect(await out.json()).toMatchObject({ error: { field: 'points.hq', message: 'points.hq: Hiệu quả: điểm phải từ 0 đến 60' } });
    const neg = await score(td1, 'G1', { hq: -1, lt: 10 });
    expect(neg.status).toBe(422);
    const officer = await as('officer-a');
    expect((await score(officer, 'G1', { hq: 50, lt: 30 })).status).toBe(403);
    const tdA = await as('td-a');
    const own = await score(tdA, 'G1', { hq: 50, lt: 30 });
    expect(own.status).toBe(403);
    expect(((await own.json()) as { error: { message: string } }).error.message).toContain('xung đột lợi ích');
    expect((await score(tdA, 'LATE', { hq: 50, lt: 30 })).status).toBe(404);
    const sheets = await t.db.db.selectFrom('score_sheets').selectAll().execute();
    expect(sheets).toHaveLength(0);
  });

  it('ranks by the mean of submitted sheets, shows who has not scored, and breaks ties by the heaviest criterion', async () => {
    const [td1, td2, tdA] = await Promise.all([as('td1'), as('td2'), as('td-a')]);
    // G1: 90 and 80 → 85 (td-a may not score it); G2: 80, 90, 85 → 85 with a higher "hq" mean → first
    expect((await score(td1, 'G1', { hq: 55, lt: 35 })).status).toBe(200);
    await score(td2, 'G1', { hq: 45, lt: 35 });
    await score(td1, 'G2', { hq: 50, lt: 30 });
    await score(td2, 'G2', { hq: 55, lt: 35 });
    await score(tdA, 'G2', { hq: 55, lt: 30 });
    await score(td1, 'G3', { hq: 30, lt: 20 });
    await score(td1, 'M1', { hq: 40, lt: 30 });
    const bdv = await as('bdv');
    const r = (await (await bdv.request('/api/v1/rounds/R1/ranking')).json()) as {
      eligible: number;
      byField: { code: string; models: { code: string; mean: number; band: string; sheets: number }[] }[];
      progress: { username: string; toScore: number; submitted: number; missing: string[] }[];
    };
    expect(r.eligible).toBe(4);
    const g = r.byField.find((f) => f.code === 'GPMB')!.models;
    expect(g.map((m) => [m.code, m.mean])).toEqual([
      ['G2', 85],
      ['G1', 85],
      ['G3', 50],
    ]);
    expect(g[0]!.band).toBe('Tốt');
    expect(r.progress.find((p) => p.username === 'td-a')).toMatchObject({ toScore: 2, submitted: 1, missing: ['M1'] });
    expect(r.progress.find((p) => p.username === 'td2')).toMatchObject({ toScore: 4, submitted: 2, missing: ['G3', 'M1'] });
  });

  it('classifies by the campaign\'s own bands when it sets them', async () => {
    const bdv = await as('bdv');
    const bad = await bdv.request('/api/v1/campaigns/K21', { method: 'PATCH', json: { unit: 'HN', year: 2021, theme: 'Năm Dân vận khéo', bands: [{ name: 'Loại B', min: 50 }, { name: 'Loại A', min: 85 }] } });
    expect(bad.status).toBe(422);
    const ok = await bdv.request('/api/v1/campaigns/K21', { method: 'PATCH', json: { unit: 'HN', year: 2021, theme: 'Năm Dân vận khéo', bands: [{ name: 'Loại A', min: 85 }, { name: 'Loại B', min: 50 }] } });
    expect(ok.status).toBe(200);
    const r = (await (await bdv.request('/api/v1/rounds/R1/ranking')).json()) as { byField: { code: string; models: { code: string; band: string }[] }[] };
    expect(r.byField[0]!.models.map((m) => m.band)).toEqual(['Loại A', 'Loại A', 'Loại B']);
  });

  it('needs a reason to change a submitted score, and audits the change', async () => {
    const td1 = await as('td1');
    const noReason = await score(td1, 'G3', { hq: 35, lt: 20 });
    expect(noReason.status).toBe(422);
    expect(await noReason.json()).toMatchObject({ error: { field: 'reason' } });
    expect((await score(td1, 'G3', { hq: 35, lt: 20 }, { reason: 'Bổ sung minh chứng kết quả' })).status).toBe(200);
    const change = await t.db.db.selectFrom('audit_log').select(['before_json', 'after_json']).where('action', '=', 'score.change').executeTakeFirstOrThrow();
    expect(JSON.parse(change.before_json!)).toMatchObject({ total: 50 });
    expect(JSON.parse(change.after_json!)).toMatchObject({ total: 55, reason: 'Bổ sung minh chứng kết quả' });
  });

  it('takes evidence per criterion, checked by content, readable by those who may see the model', async () => {
    const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
    const td1 = await as('td1');
    const form = (file: File) => {
      const fd = new FormData();
      fd.set('_csrf', td1.csrf);
      fd.set('points.hq', '55');
      fd.set('points.lt', '35');
      fd.set('reason', 'Bổ sung minh chứng');
      fd.set('submit', '1');
      fd.set('evidence.hq', file);
      return fd;
    };
    const bad = await td1.request('/quan-tri/tham-dinh/R1/cham/G1', { method: 'POST', body: form(new File(['không phải ảnh'], 'bien-ban.png')) });
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('Tệp &quot;bien-ban.png&quot;: chỉ nhận ảnh JPEG, PNG, WebP hoặc tệp PDF');
    const ok = await td1.request('/quan-tri/tham-dinh/R1/cham/G1', { method: 'POST', body: form(new File([PNG], 'biên bản bàn giao.png')) });
    expect(ok.status).toBe(303);
    const page = await (await td1.request('/quan-tri/tham-dinh/R1/cham/G1')).text();
    const url = /đã có: <a href="(\/quan-tri\/tep\/\d+)">biên bản bàn giao\.png<\/a>/.exec(page)?.[1];
    expect(url).toBeTruthy();
    const bdv = await as('bdv');
    expect((await bdv.request(url!)).headers.get('content-type')).toBe('image/png');
  });

  it('proposes by quota, or by hand with a reason', async () => {
    const bdv = await as('bdv');
    const noReason = await bdv.request('/api/v1/rounds/R1/proposal', { method: 'POST', json: { mode: 'manual', models: ['G3'] } });
    expect(noReason.status).toBe(422);
    const auto = (await (await bdv.request('/api/v1/rounds/R1/proposal', { method: 'POST', json: { mode: 'auto' } })).json()) as { proposal: { total: number; byField: { code: string; count: number }[] } };
    expect(auto.proposal.total).toBe(3);
    // by hand on the round page: a model outside the quota needs a reason
    const refused = await bdv.postForm('/quan-tri/tham-dinh/R1/de-xuat', { mode: 'manual', models: ['G1', 'G2', 'G3', 'M1'] });
    expect(refused.status).toBe(422);
    expect(await refused.text()).toContain('cần nêu lý do đề xuất');
    const byHand = await bdv.postForm('/quan-tri/tham-dinh/R1/de-xuat', { mode: 'manual', models: ['G1', 'G2', 'G3', 'M1'], reason_G3: 'Mô hình mới, hiệu quả rõ' });
    expect(byHand.status).toBe(303);
    const docx = await bdv.request('/quan-tri/tham-dinh/R1/to-trinh.docx');
    const xml = zipEntry(Buffer.from(await docx.arrayBuffer()), 'word/document.xml');
    expect(xml).toContain('TỜ TRÌNH');
    expect(xml).toContain('đề nghị khen thưởng 4 mô hình tiêu biểu (3 mô hình thuộc lĩnh vực giải phóng mặt bằng; 1 mô hình thuộc lĩnh vực môi trường)');
    expect(xml).toContain('Mô hình G3 (đề xuất ngoài chỉ tiêu: Mô hình mới, hiệu quả rõ)');
    // back to the quota for the decision that follows
    await bdv.request('/api/v1/rounds/R1/proposal', { method: 'POST', json: { mode: 'auto' } });
    expect(auto.proposal.byField).toEqual([
      { code: 'GPMB', name: 'Giải phóng mặt bằng', count: 2 },
      { code: 'MT', name: 'Môi trường', count: 1 },
    ]);
  });
});

describe('reward decisions', () => {
  const N = encodeURIComponent('125/QĐ-UBND');
  it('drafts from the proposal, publishes only with confirmation, then locks the round', async () => {
    const hd = await as('hoidong');
    const outside = await hd.request('/api/v1/reward-decisions', { method: 'POST', json: { number: '124/QĐ-UBND', campaign: 'K21', round: 'R1', date: '2021-07-28', models: ['LATE'] } });
    expect(outside.status).toBe(422);
    expect(((await outside.json()) as { error: { message: string } }).error.message).toContain('không thuộc đợt thẩm định này');
    const created = await hd.request('/api/v1/reward-decisions', { method: 'POST', json: { number: '125/QĐ-UBND', campaign: 'K21', round: 'R1', date: '2021-07-28', issuer: 'Chủ tịch UBND thành phố', form: 'Giấy khen' } });
    expect(created.status).toBe(201);
    expect(((await created.json()) as { models: { code: string }[] }).models.map((m) => m.code).sort()).toEqual(['G1', 'G2', 'M1']);
    expect((await hd.request(`/api/v1/reward-decisions/${N}/publish`, { method: 'POST', json: {} })).status).toBe(422);
    const pub = await hd.request(`/api/v1/reward-decisions/${N}/publish`, { method: 'POST', json: { confirm: true } });
    expect(await pub.json()).toMatchObject({ status: 'published', number: '125/QĐ-UBND' });
    const td1 = await as('td1');
    expect((await score(td1, 'M1', { hq: 10, lt: 10 }, { reason: 'x' })).status).toBe(409);
    const second = await hd.request('/api/v1/reward-decisions', { method: 'POST', json: { number: '126/QĐ-UBND', campaign: 'K21', round: 'R1', date: '2021-07-29' } });
    expect(second.status).toBe(409);
    const twice = await hd.request('/api/v1/reward-decisions', { method: 'POST', json: { number: '127/QĐ-UBND', campaign: 'K21', date: '2021-08-01', models: ['G1'] } });
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as { error: { message: string } }).error.message).toContain('Không khen thưởng hai lần');
  });

  it('counts rewards by field in the stats through the decision date, and a revocation with a reason', async () => {
    const s = await campaignStats(t.db.db, 'K21', '2021-09-30');
    expect(s.rewards.total).toBe(3);
    expect(s.rewards.byField.map((f) => f.count)).toEqual([2, 1]);
    expect((await campaignStats(t.db.db, 'K21', '2021-07-27')).rewards.total).toBe(0);
    const hd = await as('hoidong');
    expect((await hd.request(`/api/v1/reward-decisions/${N}/revoke`, { method: 'POST', json: { reason: '' } })).status).toBe(422);
    const rev = await hd.request(`/api/v1/reward-decisions/${N}/revoke`, { method: 'POST', json: { reason: 'Phát hiện trùng thành tích' } });
    expect(await rev.json()).toMatchObject({ status: 'revoked' });
    expect((await campaignStats(t.db.db, 'K21', '2021-09-30')).rewards.total).toBe(3); // revoked today, after the date
    // the revocation is dated today in Vietnam (between 00:00 and 07:00 there, the UTC date is still yesterday)
    expect((await campaignStats(t.db.db, 'K21', todayVn())).rewards.total).toBe(0);
    const lookup = (await (await hd.request('/api/v1/rewards?unit=A')).json()) as { items: unknown[] };
    expect(lookup.items).toHaveLength(0);
  });
});
