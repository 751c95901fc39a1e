import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestApp, type TestApp } from '../../../test/support/http.js';
import { system } from '../../../test/support/fixtures.js';
import { createCampaign } from '../campaigns/campaigns.service.js';
import { campaignDashboard, campaignStats } from '../figures/figures.service.js';
import { createDocument } from '../documents/documents.service.js';
import { createTeam } from '../teams/teams.service.js';
import { createUser } from '../accounts/accounts.service.js';

let t: TestApp;
const officerA = () => {
  const c = new Client(t);
  return c.login('officer-a').then(() => c);
};

beforeAll(async () => {
  t = await createTestApp();
  await t.db.db.transaction().execute(async (trx) => {
    await createDocument(trx, { actor: system, input: { number: '18-KH/QU', kind: 'KH', issuer: 'Thành ủy thử', unit: 'HN', date: '2020-12-30', title: 'Kế hoạch thực hiện chủ đề năm' } });
    const fields = [
      { code: 'GPMB', name: 'Giải phóng mặt bằng' },
      { code: 'MT', name: 'Bảo vệ môi trường' },
    ];
    await createCampaign(trx, { actor: system, input: { code: 'HN-2020', unit: 'HN', year: 2020, theme: 'Năm trước', fields } });
    await createCampaign(trx, {
      actor: system,
      input: { code: 'HN-2021', unit: 'HN', year: 2021, theme: 'Năm Dân vận khéo', plan: '18-KH/QU', fields, criteria: [{ code: 'hq', name: 'Hiệu quả', weight: 60 }, { code: 'lt', name: 'Lan tỏa', weight: 40 }] },
    });
    await createUser(trx, { actor: system, input: { username: 'officer-hn', fullName: 'Cán bộ Ban Dân vận', unit: 'HN', roles: ['officer'], password: 'mat-khau-thu-nghiem-du-dai' } });
  });
});
afterAll(() => t.close());

describe('POST /api/v1/models (the contract)', () => {
  it('answers 201 with the stored record, 409 on a duplicate code, 422 naming a bad field, 403 outside scope', async () => {
    const c = await officerA();
    const rec = { code: 'HN-2021-A1', campaign: 'HN-2021', unit: 'A-1', field: 'GPMB', holder: 'collective', name: 'Tổ dân vận đồng hành GPMB'.normalize('NFD') };
    const created = await c.request('/api/v1/models', { method: 'POST', json: rec });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ code: 'HN-2021-A1', status: 'draft', unit: 'A-1', field: 'GPMB', name: 'Tổ dân vận đồng hành GPMB'.normalize('NFC'), carriedOutBy: 'Tổ dân phố số 1, phường Ánh Dương' });
    expect((await c.request('/api/v1/models', { method: 'POST', json: rec })).status).toBe(409);
    const badField = await c.request('/api/v1/models', { method: 'POST', json: { ...rec, code: 'X2', field: 'KHONG' } });
    expect(badField.status).toBe(422);
    expect(await badField.json()).toMatchObject({ error: { field: 'field' } });
    const badUnit = await c.request('/api/v1/models', { method: 'POST', json: { ...rec, code: 'X3', unit: 'KHONG' } });
    expect(((await badUnit.json()) as { error: { field: string } }).error.field).toBe('unit');
    const individual = await c.request('/api/v1/models', { method: 'POST', json: { ...rec, code: 'X4', holder: 'individual' } });
    expect(((await individual.json()) as { error: { field: string } }).error.field).toBe('holderName');
    const outside = await c.request('/api/v1/models', { method: 'POST', json: { ...rec, code: 'X5', unit: 'B-1' } });
    expect(outside.status).toBe(403);
    expect((await c.request('/api/v1/models/X5')).status).toBe(404);
    expect((await c.request('/api/v1/models/HN-2021-A1')).status).toBe(200);
    // an officer of a ward may not record a model as already accepted, nor as exemplary
    const registered = await c.request('/api/v1/models', { method: 'POST', json: { ...rec, code: 'X6', registeredOn: '2021-03-01' } });
    expect(registered.status).toBe(403);
    const exemplary = await c.request('/api/v1/models', { method: 'POST', json: { ...rec, code: 'X7', status: 'submitted', exemplary: true } });
    expect(exemplary.status).toBe(403);
  });
});

describe('the admin form never cuts text silently', () => {
  it('refuses a 400-character name with 422 naming the field and its limit, keeps the input, saves nothing', async () => {
    const c = await officerA();
    const form = await c.request('/quan-tri/mo-hinh/moi?chu_de=HN-2021');
    const html = await form.text();
    expect(html).not.toMatch(/maxlength/i);
    expect(html).toMatch(/<input[^>]*name="name"[^>]*data-max="300"/);
    expect(html).toContain('0/300 ký tự');
    const countBefore = await t.db.db.selectFrom('models').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const name = 'Mô hình dân vận khéo '.repeat(20).slice(0, 400);
    expect(name).toHaveLength(400);
    const res = await c.postForm('/quan-tri/mo-hinh/moi?chu_de=HN-2021', { name, holder: 'collective', unit: 'A-1', field: 'GPMB' });
    expect(res.status).toBe(422);
    const body = await res.text();
    expect(body).toContain('Tên mô hình: dài 400 ký tự, quá giới hạn 300 ký tự');
    expect(body).not.toContain('Đã tạo mới');
    expect(body).toContain(`value="${name}"`);
    expect(body).toContain('400/300 ký tự — quá 100 ký tự');
    const countAfter = await t.db.db.selectFrom('models').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(countAfter.n)).toBe(Number(countBefore.n));
  });
});

describe('model life cycle', () => {
  it('goes draft → submitted → returned (with reason) → submitted → registered, never accepted by its submitter', async () => {
    const c = await officerA();
    await c.request('/api/v1/models', { method: 'POST', json: { code: 'L1', campaign: 'HN-2021', unit: 'A', field: 'MT', holder: 'individual', holderName: 'Nguyễn Thị Hòa', name: 'Nói không với rác thải nhựa' } });
    expect((await (await c.request('/api/v1/models/L1/submit', { method: 'POST', json: {} })).json()) as object).toMatchObject({ status: 'submitted' });
    // the ward officer is not in the campaign unit's scope: cannot accept
    expect((await c.request('/api/v1/models/L1/accept', { method: 'POST', json: {} })).status).toBe(403);
    const hn = new Client(t);
    await hn.login('officer-hn');
    const noReason = await hn.request('/api/v1/models/L1/return', { method: 'POST', json: { reason: '' } });
    expect(noReason.status).toBe(422);
    expect(await noReason.json()).toMatchObject({ error: { field: 'reason' } });
    expect((await (await hn.request('/api/v1/models/L1/return', { method: 'POST', json: { reason: 'Bổ sung tiêu chí đo được' } })).json()) as object).toMatchObject({ status: 'returned', returnReason: 'Bổ sung tiêu chí đo được' });
    await c.request('/api/v1/models/L1/submit', { method: 'POST', json: {} });
    const accepted = await hn.request('/api/v1/models/L1/accept', { method: 'POST', json: { registeredOn: '2021-03-15' } });
    expect(await accepted.json()).toMatchObject({ status: 'registered', registeredOn: '2021-03-15' });
    // a model submitted by the campaign officer cannot be accepted by the same person
    await hn.request('/api/v1/models', { method: 'POST', json: { code: 'L2', campaign: 'HN-2021', unit: 'HN', field: 'MT', holder: 'collective', name: 'Tự duyệt' } });
    await hn.request('/api/v1/models/L2/submit', { method: 'POST', json: {} });
    const self = await hn.request('/api/v1/models/L2/accept', { method: 'POST', json: {} });
    expect(self.status).toBe(409);
    expect(((await self.json()) as { error: { message: string } }).error.message).toMatch(/không được tự duyệt/);
    const audit = await t.db.db.selectFrom('audit_log').select(['action', 'outcome', 'actor_name']).where('entity_type', '=', 'model').where('entity_id', '=', 'L1').orderBy('id').execute();
    expect(audit.filter((a) => a.outcome === 'ok').map((a) => a.action)).toEqual(['model.register', 'model.submit', 'model.return', 'model.submit', 'model.accept']);
    expect(audit.filter((a) => a.outcome === 'denied')).toEqual([{ action: 'model.decide', outcome: 'denied', actor_name: 'officer-a' }]);
  });

  it('records progress updates and refuses a stop before registration', async () => {
    const c = await officerA();
    const u = await c.request('/api/v1/models/L1/updates', { method: 'POST', json: { date: '20/04/2021', body: 'Đã phát 500 túi vải', figures: [{ label: 'Túi vải', value: 500 }] } });
    expect(u.status).toBe(201);
    const list = (await (await c.request('/api/v1/models/L1/updates')).json()) as { items: { date: string; figures: unknown[] }[] };
    expect(list.items[0]).toMatchObject({ date: '2021-04-20', figures: [{ label: 'Túi vải', value: 500 }] });
    const hn = new Client(t);
    await hn.login('officer-hn');
    expect((await hn.request('/api/v1/models/HN-2021-A1/stop', { method: 'POST', json: { reason: 'x' } })).status).toBe(409);
  });
});

describe('lists and search', () => {
  it('finds without diacritics (đ → d), sorts the Vietnamese way, pages, and hides others\' drafts', async () => {
    const hn = new Client(t);
    await hn.login('officer-hn');
    for (const [code, name, unit] of [
      ['S1', 'Đường làng sạch đẹp', 'A'],
      ['S2', 'Dọn dẹp ngõ xóm', 'A'],
      ['S3', 'Ánh sáng đường quê', 'B'],
      ['S4', 'Bếp ăn yêu thương', 'B'],
    ]) {
      await hn.request('/api/v1/models', { method: 'POST', json: { code, campaign: 'HN-2021', unit, field: 'MT', holder: 'collective', name, registeredOn: '2021-05-05' } });
    }
    const found = (await (await hn.request('/api/v1/models?q=duong&campaign=HN-2021')).json()) as { items: { code: string }[] };
    expect(found.items.map((m) => m.code).sort()).toEqual(['S1', 'S3']);
    const all = (await (await hn.request('/api/v1/models?campaign=HN-2021&status=registered&pageSize=2')).json()) as { items: { name: string }[]; total: number };
    expect(all.total).toBe(5);
    expect(all.items.map((m) => m.name)).toEqual(['Ánh sáng đường quê', 'Bếp ăn yêu thương']);
    const page3 = (await (await hn.request('/api/v1/models?campaign=HN-2021&status=registered&pageSize=2&page=3')).json()) as { items: { name: string }[] };
    expect(page3.items.map((m) => m.name)).toEqual(['Nói không với rác thải nhựa']);
    // ward B's viewer sees A's registered models but not A's draft
    const b = new Client(t);
    await b.login('admin-b');
    const seen = (await (await b.request('/api/v1/models?campaign=HN-2021&unit=A')).json()) as { items: { code: string; status: string }[] };
    expect(seen.items.every((m) => m.status === 'registered')).toBe(true);
    expect(seen.items.map((m) => m.code)).not.toContain('HN-2021-A1');
    // issue #20: a model the caller may not read answers as one that does not exist
    const hidden = await b.request('/api/v1/models/HN-2021-A1');
    expect(hidden.status).toBe(404);
    expect(await hidden.json()).toEqual({ error: { code: 'not_found', message: 'Không tìm thấy mô hình "HN-2021-A1".' } });
  });
});

describe('campaign figures through a date', () => {
  it('counts registered models by holder and field, and teams by kind, dated on or before the day', async () => {
    await t.db.db.transaction().execute(async (trx) => {
      await createTeam(trx, { actor: system, input: { unit: 'A-1', kind: 'covidCommunity', name: 'Tổ Covid 1', members: 11, establishedOn: '2021-06-01' } });
      await createTeam(trx, { actor: system, input: { unit: 'B-1', kind: 'covidCommunity', name: 'Tổ Covid 2', members: 9, establishedOn: '2021-10-01' } });
      await createTeam(trx, { actor: system, input: { unit: 'B', kind: 'massMobilisation', name: 'Tổ dân vận', members: 7 } });
    });
    const s = await campaignStats(t.db.db, 'HN-2021', '2021-09-30');
    expect(s.models).toMatchObject({ total: 5, collective: 4, individual: 1 });
    expect(s.models.byField).toEqual([
      { code: 'GPMB', name: 'Giải phóng mặt bằng', count: 0 },
      { code: 'MT', name: 'Bảo vệ môi trường', count: 5 },
    ]);
    expect(s.teams.byKind.find((k) => k.kind === 'covidCommunity')).toMatchObject({ teams: 1, members: 11 });
    expect(s.teams.total).toEqual({ teams: 2, members: 18 });
    expect(s.campaign.plan).toMatchObject({ number: '18-KH/QU', date: '2020-12-30' });
    const early = await campaignStats(t.db.db, 'HN-2021', '2021-04-01');
    expect(early.models.total).toBe(1);
    const d = await campaignDashboard(t.db.db, 'HN-2021', '2021-12-31');
    // each unit with its subtree rolled up: A's models are in A-1, its team too; B's teams in B and B-1
    expect(d.byUnit.find((u) => u.code === 'A')).toMatchObject({ models: 3, collective: 2, individual: 1, teams: 1, members: 11 });
    expect(d.byUnit.find((u) => u.code === 'B')).toMatchObject({ teams: 2, members: 16 });
    expect(d.byMonth).toEqual([
      { month: '2021-03', count: 1 },
      { month: '2021-05', count: 4 },
    ]);
    expect(d.previous?.campaign.code).toBe('HN-2020');
    expect(d.previous?.through).toBe('2020-12-31');
    // the page compares last year's models only; the API answers last year's whole figures, as it always has
    expect(d.previous).not.toHaveProperty('clearance');
    const hn = new Client(t);
    await hn.login('officer-hn');
    const api = await hn.request('/api/v1/campaigns/HN-2021/dashboard?through=2021-12-31');
    expect(api.status).toBe(200);
    expect(((await api.json()) as { previous: Record<string, unknown> }).previous).toMatchObject({ campaign: { code: 'HN-2020' }, through: '2020-12-31', models: { total: 0 }, clearance: { projects: 0 }, rewards: { total: 0 } });
  });

  it('is public over HTTP and names a bad date', async () => {
    const c = new Client(t);
    const ok = await c.request('/api/v1/campaigns/HN-2021/stats?through=2021-09-30');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ models: { total: 5 } });
    const bad = await c.request('/api/v1/campaigns/HN-2021/stats?through=31/02/2021');
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { field: 'through', message: 'through: phải là ngày hợp lệ (YYYY-MM-DD hoặc dd/mm/yyyy)' } });
  });

  it('refuses to drop a field that models use, and criteria that do not sum to 100', async () => {
    const hn = new Client(t);
    await hn.login('officer-hn');
    const drop = await hn.request('/api/v1/campaigns/HN-2021', { method: 'PATCH', json: { unit: 'HN', year: 2021, theme: 'Năm Dân vận khéo', fields: [{ code: 'GPMB', name: 'GPMB' }] } });
    expect(drop.status).toBe(409);
    const weights = await hn.request('/api/v1/campaigns/HN-2021', { method: 'PATCH', json: { unit: 'HN', year: 2021, theme: 'x', fields: [{ code: 'GPMB', name: 'G' }, { code: 'MT', name: 'M' }], criteria: [{ code: 'a', name: 'A', weight: 50 }] } });
    expect(weights.status).toBe(422);
    expect(await weights.json()).toMatchObject({ error: { field: 'criteria' } });
  });
});

describe('progress with photos and PDFs', () => {
  const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
  const post = async (c: Client, files: File[], body = 'Đã bàn giao 3 hộ') => {
    const fd = new FormData();
    fd.set('_csrf', c.csrf);
    fd.set('date', '02/06/2021');
    fd.set('body', body);
    for (const f of files) fd.append('files', f);
    return c.request('/quan-tri/mo-hinh/L1/tien-do', { method: 'POST', body: fd });
  };

  it('stores a photo checked by content and serves it with its Vietnamese name encoded (RFC 6266)', async () => {
    const c = await officerA();
    const res = await post(c, [new File([PNG], 'Ảnh bàn giao "mặt bằng".png', { type: 'image/png' })]);
    expect(res.status).toBe(303);
    const page = await (await c.request('/quan-tri/mo-hinh/L1')).text();
    const url = /<img src="(\/quan-tri\/tep\/\d+)"/.exec(page)?.[1];
    expect(url).toBeTruthy();
    const file = await c.request(url!);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('content-disposition')).toBe(`inline; filename="Anh ban giao _mat bang_.png"; filename*=UTF-8''${encodeURIComponent('Ảnh bàn giao "mặt bằng".png')}`);
    expect(file.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('refuses a file whose content is not an image or PDF, naming it, and writes nothing', async () => {
    const c = await officerA();
    const before = await t.db.db.selectFrom('model_updates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const res = await post(c, [new File([PNG], 'tot.png'), new File(['<script>alert(1)</script>'], 'gia-anh.jpg', { type: 'image/jpeg' })]);
    expect(res.status).toBe(422);
    expect(await res.text()).toContain('Tệp &quot;gia-anh.jpg&quot;: chỉ nhận ảnh JPEG, PNG, WebP hoặc tệp PDF');
    const after = await t.db.db.selectFrom('model_updates').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('refuses a file over the size limit', async () => {
    const small = await createTestApp({ seed: true, config: { maxUploadBytes: 1024 } });
    try {
      const { registerModel } = await import('./models.service.js');
      await small.db.db.transaction().execute(async (trx) => {
        await createCampaign(trx, { actor: system, input: { code: 'K', unit: 'HN', year: 2021, theme: 'Thử', fields: [{ code: 'F', name: 'F' }] } });
        await registerModel(trx, { actor: system, input: { code: 'L1', campaign: 'K', unit: 'A', field: 'F', holder: 'collective', name: 'Thử' } });
      });
      const c = new Client(small);
      await c.login('officer-a');
      const big = Buffer.concat([PNG, Buffer.alloc(4096)]);
      const res = await post(c, [new File([big], 'lon.png')]);
      expect(res.status).toBe(413);
      expect(await res.text()).toContain('Tệp &quot;lon.png&quot;: quá lớn (tối đa');
    } finally {
      await small.close();
    }
  });
});

