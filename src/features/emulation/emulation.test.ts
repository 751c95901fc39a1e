/**
 * The emulation record (issue #23): the catalogue with who grants each form, a proposal going up to
 * the council of the level that decides and coming back returned, then decided; the record of
 * awards across years; what waits on whom; the bundle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { system } from '../../../test/support/fixtures.js';
import { Client, createTestApp, type TestApp } from '../../../test/support/http.js';
import { createUser } from '../accounts/accounts.service.js';
import { createCampaign } from '../campaigns/campaigns.service.js';
import type { Db } from '../../db/index.js';
import { createProposal, emulationWork, importProposal, submitProposal } from './emulation.service.js';
import { workOf } from '../dashboard/work.service.js';
import { registerModel } from '../models/models.service.js';
import { todayVn } from '../../lib/vi.js';
import { actorOf } from '../../../test/support/fixtures.js';

let t: TestApp;
const PW = 'mat-khau-thu-nghiem-du-dai';
const as = async (u: string) => {
  const c = new Client(t);
  expect((await c.login(u)).status).toBe(200);
  return c;
};
/** the proposals made here, by number → id */
const ids = new Map<string, number>();
const api = (n: string, step = '') => `/api/v1/award-proposals/${ids.get(n) ?? 0}${step ? `/${step}` : ''}`;
const errorOf = async (r: Response) => ((await r.json()) as { error: { field: string; message: string } }).error;

const PROPOSAL = {
  number: '45/TTr-UBND',
  from: 'A',
  form: 'BK-TINH',
  title: 'Đề nghị tặng Bằng khen cho các tập thể, cá nhân có thành tích trong "Năm Dân vận khéo" 2021',
  campaign: 'E21',
  recipients: [
    { kind: 'collective', name: 'Tổ dân phố số 1', unit: 'A-1', model: 'E-M1', achievement: 'Vận động 12 hộ hiến đất mở ngõ' },
    { kind: 'individual', name: 'Nguyễn Văn An', position: 'Tổ trưởng tổ dân phố số 1', role: 'direct', achievement: 'Trực tiếp vận động các hộ' },
    { kind: 'individual', name: 'Trần Thị Bình', position: 'Chủ tịch UBND phường', role: 'leader' },
    { kind: 'household', name: 'Hộ ông Lê Văn Cường', achievement: 'Hiến 35 m² đất' },
  ],
};

let officer: Client;
let council: Client;

beforeAll(async () => {
  t = await createTestApp();
  await t.db.db.transaction().execute(async (trx) => {
    await createCampaign(trx, { actor: system, input: { code: 'E21', unit: 'HN', year: 2021, theme: 'Năm Dân vận khéo', fields: [{ code: 'GPMB', name: 'Giải phóng mặt bằng' }] } });
    await registerModel(trx, { actor: system, input: { code: 'E-M1', campaign: 'E21', unit: 'A-1', field: 'GPMB', holder: 'collective', name: 'Mô hình ngõ xanh', registeredOn: '2021-03-01' } });
    await registerModel(trx, { actor: system, input: { code: 'E-MB', campaign: 'E21', unit: 'B-1', field: 'GPMB', holder: 'collective', name: 'Mô hình của phường B', registeredOn: '2021-03-01' } });
    await createUser(trx, { actor: system, input: { username: 'hoidong-hn', fullName: 'Hội đồng thành phố', unit: 'HN', roles: ['council'], password: PW } });
  });
  officer = await as('officer-a');
  council = await as('hoidong-hn');
});
afterAll(() => t.close());

describe('the catalogue', () => {
  it('starts with the common titles and forms, each with the level and who grants it; only the installation\'s admins change it', async () => {
    const items = ((await (await officer.request('/api/v1/award-forms')).json()) as { items: { code: string; level: string; grantor: string }[] }).items;
    expect(items.find((f) => f.code === 'BK-TINH')).toMatchObject({ level: 'province', grantor: 'Chủ tịch UBND tỉnh, thành phố trực thuộc Trung ương' });
    expect(items.map((f) => f.code)).toEqual(expect.arrayContaining(['GK-XA', 'GK-HUYEN', 'BK-TTG', 'LDTT', 'CSTD-CS']));
    const form = { code: 'GK-MTTQ', name: 'Giấy khen của Ủy ban MTTQ cấp huyện', kind: 'award', level: 'district', grantor: 'Ban Thường trực Ủy ban MTTQ cấp huyện' };
    expect((await (await as('admin-a')).request('/api/v1/award-forms', { method: 'POST', json: form })).status).toBe(403);
    const root = await as('root');
    expect((await root.request('/api/v1/award-forms', { method: 'POST', json: { ...form, level: 'city' } })).status).toBe(422);
    expect((await root.request('/api/v1/award-forms', { method: 'POST', json: form })).status).toBe(200);
    expect(await (await root.request('/quan-tri/thi-dua/danh-muc')).text()).toContain('Giấy khen của Ủy ban MTTQ cấp huyện');
  });
});

describe('a proposal goes up and comes back', () => {
  it('refuses what the unit decides itself, a form below it, a missing role, and a model or unit of another ward', async () => {
    for (const [body, field, text] of [
      [{ ...PROPOSAL, form: 'GK-XA' }, 'form', 'do chính Phường Ánh Dương quyết định'],
      [{ ...PROPOSAL, form: 'KHONG-CO' }, 'form', 'không có "KHONG-CO"'],
      [{ ...PROPOSAL, form: 'GK-HUYEN' }, 'toBody', 'hãy ghi tên cơ quan quyết định'],
      [{ ...PROPOSAL, recipients: [{ kind: 'individual', name: 'Nguyễn Văn An' }] }, 'recipients[0].role', 'lãnh đạo, quản lý hay trực tiếp'],
      [{ ...PROPOSAL, recipients: [{ kind: 'collective', name: 'Tổ 1', role: 'leader' }] }, 'recipients[0].role', 'chỉ ghi cho cá nhân'],
      [{ ...PROPOSAL, recipients: [{ kind: 'collective', name: 'Tổ B', model: 'E-MB' }] }, 'recipients[0].model', 'không tìm thấy mô hình "E-MB"'],
      [{ ...PROPOSAL, recipients: [{ kind: 'collective', name: 'Phường B', unit: 'B' }] }, 'recipients[0].unit', 'không tìm thấy đơn vị "B"'],
      [{ ...PROPOSAL, recipients: [] }, 'recipients', ''],
    ] as const) {
      const r = await officer.request('/api/v1/award-proposals', { method: 'POST', json: body });
      expect(r.status, JSON.stringify(body)).toBe(422);
      const e = await errorOf(r);
      expect(e.field).toBe(field);
      expect(e.message).toContain(text);
    }
    // the city proposing a ward's Giấy khen: below its level
    const below = await (await as('root')).request('/api/v1/award-proposals', { method: 'POST', json: { ...PROPOSAL, from: 'HN', form: 'GK-XA' } });
    expect(below.status).toBe(422);
    expect((await errorOf(below)).message).toContain('dưới cấp của Thành phố Hà Nội');
    // another ward's officer may not propose for ward A
    expect((await (await as('admin-b')).request('/api/v1/award-proposals', { method: 'POST', json: PROPOSAL })).status).toBe(403);
    expect(((await (await officer.request('/api/v1/award-proposals')).json()) as { items: unknown[] }).items).toEqual([]);
  });

  it('goes up to the council of the level that decides, is returned with a reason, corrected, sent again and decided', async () => {
    const created = await officer.request('/api/v1/award-proposals', { method: 'POST', json: PROPOSAL });
    expect(created.status, await created.clone().text()).toBe(201);
    ids.set(PROPOSAL.number, ((await created.clone().json()) as { id: number }).id);
    // a unit numbers its own: the same number twice from the ward is refused
    expect((await officer.request('/api/v1/award-proposals', { method: 'POST', json: PROPOSAL })).status).toBe(409);
    expect(await created.json()).toMatchObject({ status: 'draft', to: { code: 'HN' }, counts: { collective: 1, individual: 2, household: 1, leader: 1, direct: 1, awarded: null } });
    // a draft is the ward's own: the council does not see it yet, nor act on it
    expect((await council.request(api(PROPOSAL.number))).status).toBe(404);
    expect((await council.request(api(PROPOSAL.number, 'receive'), { method: 'POST', json: {} })).status).toBe(404);
    expect((await officer.request(api(PROPOSAL.number, 'submit'), { method: 'POST', json: { on: '2099-01-01' } })).status).toBe(422);
    expect((await officer.request(api(PROPOSAL.number, 'submit'), { method: 'POST', json: {} })).status).toBe(200);
    // it waits on the city's council, and told them
    const councilActor = await actorOf(t.db.db, 'hoidong-hn');
    const w = await workOf(t.db.db, councilActor);
    expect(w.items.filter((i) => i.kind === 'award.decide').map((i) => i.url)).toEqual([`/quan-tri/thi-dua/${ids.get(PROPOSAL.number)}`]);
    // who it names, said as one would
    expect(w.items.find((i) => i.kind === 'award.decide')?.title).toContain('Phường Ánh Dương: Bằng khen của Chủ tịch UBND cấp tỉnh, 1 tập thể, 2 cá nhân và 1 hộ gia đình (đã gửi, chờ tiếp nhận)');
    expect(await (await council.request('/api/v1/my-work')).text()).toContain('45/TTr-UBND');
    const notices = (await (await council.request('/api/v1/notices')).json()) as { items: { kind: string; title: string }[] };
    expect(notices.items.find((n) => n.kind === 'award.submitted')?.title).toContain('45/TTr-UBND');
    // the ward's officer may not take it in for the city
    expect((await officer.request(api(PROPOSAL.number, 'receive'), { method: 'POST', json: {} })).status).toBe(403);
    expect((await officer.request(api(PROPOSAL.number), { method: 'PATCH', json: { ...PROPOSAL, number: undefined, from: undefined } })).status).toBe(409);
    expect((await council.request(api(PROPOSAL.number, 'decide'), { method: 'POST', json: { decisionNumber: '1/QĐ' } })).status).toBe(409);
    expect((await council.request(api(PROPOSAL.number, 'receive'), { method: 'POST', json: {} })).status).toBe(200);
    const ret = await council.request(api(PROPOSAL.number, 'return'), { method: 'POST', json: { reason: 'Thiếu báo cáo thành tích của cá nhân' } });
    expect(ret.status).toBe(200);
    expect(await ret.json()).toMatchObject({ status: 'returned', returnReason: 'Thiếu báo cáo thành tích của cá nhân' });
    // it is back on the ward officer's list, with the reason; gone from the council's
    const ow = await workOf(t.db.db, (await actorOf(t.db.db, 'officer-a')));
    expect(ow.items.find((i) => i.kind === 'award.returned')?.title).toContain('Thiếu báo cáo thành tích');
    expect((await workOf(t.db.db, councilActor)).items.filter((i) => i.kind === 'award.decide')).toEqual([]);
    // corrected (the household left out) and sent again
    const { number: _n, from: _f, ...body } = PROPOSAL;
    const fixed = await officer.request(api(PROPOSAL.number), { method: 'PATCH', json: { ...body, recipients: body.recipients.slice(0, 3) } });
    expect(fixed.status, await fixed.clone().text()).toBe(200);
    expect((await officer.request(api(PROPOSAL.number, 'submit'), { method: 'POST', json: {} })).status).toBe(200);
    expect((await council.request(api(PROPOSAL.number, 'receive'), { method: 'POST', json: {} })).status).toBe(200);
    expect((await council.request(api(PROPOSAL.number, 'review'), { method: 'POST', json: { note: 'Đủ điều kiện', on: '2000-01-01' } })).status).toBe(422);
    expect((await council.request(api(PROPOSAL.number, 'review'), { method: 'POST', json: { note: 'Đủ điều kiện' } })).status).toBe(200);
    const bad = await council.request(api(PROPOSAL.number, 'decide'), { method: 'POST', json: { decisionNumber: '3125/QĐ-UBND', awarded: [1, 7] } });
    expect(bad.status).toBe(422);
    expect((await errorOf(bad)).field).toBe('awarded');
    const decided = await council.request(api(PROPOSAL.number, 'decide'), { method: 'POST', json: { decisionNumber: '3125/QĐ-UBND', awarded: [1, 2] } });
    expect(decided.status, await decided.clone().text()).toBe(200);
    expect(await decided.json()).toMatchObject({ status: 'decided', decisionNumber: '3125/QĐ-UBND', decidedOn: todayVn(), counts: { awarded: 2 }, recipients: [{ awarded: true }, { awarded: true }, { awarded: false }] });
    // the ward hears of it; nothing waits any more
    const on = (await (await officer.request('/api/v1/notices')).json()) as { items: { kind: string }[] };
    expect(on.items.some((n) => n.kind === 'award.decided')).toBe(true);
    expect((await workOf(t.db.db, councilActor)).items.filter((i) => i.kind.startsWith('award.'))).toEqual([]);
    expect((await workOf(t.db.db, (await actorOf(t.db.db, 'officer-a')))).items.filter((i) => i.kind.startsWith('award.'))).toEqual([]);
    const page = await (await officer.request(`/quan-tri/thi-dua/${ids.get(PROPOSAL.number)}`)).text();
    for (const s of ['Quyết định số 3125/QĐ-UBND', 'Thiếu báo cáo thành tích', 'Được khen thưởng', '1 tập thể, 2 cá nhân (1 lãnh đạo, quản lý; 1 trực tiếp lao động, công tác)']) expect(page, s).toContain(s);
  });

  it('when the level that decides is not in Khéo, it goes through the top unit above, whose council forwards it and records the answer', async () => {
    const r = await officer.request('/api/v1/award-proposals', { method: 'POST', json: { ...PROPOSAL, number: '46/TTr-UBND', form: 'BK-TTG', toBody: 'Ban Thi đua – Khen thưởng Trung ương', recipients: [{ kind: 'individual', name: 'Nguyễn Văn An', role: 'direct' }] } });
    expect(r.status, await r.clone().text()).toBe(201);
    const body = (await r.json()) as { id: number; to: { code: string } | null; toBody: string };
    ids.set('46/TTr-UBND', body.id);
    expect(body).toMatchObject({ to: { code: 'HN' }, toBody: 'Ban Thi đua – Khen thưởng Trung ương' });
    expect((await officer.request(api('46/TTr-UBND', 'submit'), { method: 'POST', json: {} })).status).toBe(200);
    // the ward cannot record the answer to its own proposal: the city's council does
    expect((await officer.request(api('46/TTr-UBND', 'receive'), { method: 'POST', json: {} })).status).toBe(403);
    const cw = await workOf(t.db.db, await actorOf(t.db.db, 'hoidong-hn'));
    expect(cw.items.filter((i) => i.kind === 'award.decide').map((i) => i.title)).toEqual([expect.stringContaining('46/TTr-UBND')]);
    expect((await council.request(api('46/TTr-UBND', 'receive'), { method: 'POST', json: {} })).status).toBe(200);
    expect((await council.request(api('46/TTr-UBND', 'decide'), { method: 'POST', json: { decisionNumber: '77/QĐ-TTg' } })).status).toBe(200);
    // a residential group proposes a state award through its ward, not by itself
    const group = await officer.request('/api/v1/award-proposals', { method: 'POST', json: { ...PROPOSAL, number: '1/TTr-TDP', from: 'A-1', form: 'BK-TINH' } });
    expect(group.status).toBe(422);
    expect((await errorOf(group)).message).toContain('qua xã, phường');
  });

  it('the record of awards: a person\'s awards across the years, by name without diacritics, inside the reader\'s subtree', async () => {
    const found = ((await (await officer.request('/api/v1/awards?name=nguyen van an')).json()) as { items: { name: string; form: string; year: number; decisionNumber: string; roleLabel: string }[] }).items;
    expect(found.map((a) => [a.form, a.decisionNumber, a.year])).toEqual(
      expect.arrayContaining([
        ['Bằng khen của Chủ tịch UBND cấp tỉnh', '3125/QĐ-UBND', Number(todayVn().slice(0, 4))],
        ['Bằng khen của Thủ tướng Chính phủ', '77/QĐ-TTg', Number(todayVn().slice(0, 4))],
      ]),
    );
    expect(found).toHaveLength(2);
    // not awarded: not on record
    expect(((await (await officer.request('/api/v1/awards?name=Trần Thị Bình')).json()) as { items: unknown[] }).items).toEqual([]);
    // another ward sees none of ward A's awards; a unit outside its subtree is unknown
    const other = await as('admin-b');
    expect(((await (await other.request('/api/v1/awards?name=an')).json()) as { items: unknown[] }).items).toEqual([]);
    expect((await other.request('/api/v1/awards?unit=A')).status).toBe(422);
    expect(await (await officer.request('/quan-tri/thi-dua?ten=nguyen+van+an')).text()).toContain('3125/QĐ-UBND');
  });

  it('a ward reads its own proposals, not those of the units above; it finds the awards of its people whoever proposed them', async () => {
    const root = await as('root');
    const r = await root.request('/api/v1/award-proposals', { method: 'POST', json: { number: '9/TTr-UBND', from: 'HN', form: 'BK-TTG', toBody: 'Văn phòng Chính phủ', title: 'Đề nghị tặng Bằng khen của Thủ tướng', recipients: [{ kind: 'collective', name: 'Nhân dân và cán bộ phường Ánh Dương', unit: 'A' }, { kind: 'collective', name: 'Phường Bình Minh', unit: 'B' }] } });
    expect(r.status, await r.clone().text()).toBe(201);
    const { id, to } = (await r.json()) as { id: number; to: unknown };
    // the city is the top: its own council records the answer from outside
    expect(to).toBeNull();
    for (const step of ['submit', 'receive']) expect((await root.request(`/api/v1/award-proposals/${id}/${step}`, { method: 'POST', json: {} })).status, step).toBe(200);
    expect((await root.request(`/api/v1/award-proposals/${id}/decide`, { method: 'POST', json: { decisionNumber: '15/QĐ-TTg', awarded: [1] } })).status).toBe(200);
    expect((await officer.request(`/api/v1/award-proposals/${id}`)).status).toBe(404);
    const mine = ((await (await officer.request('/api/v1/awards?name=anh duong')).json()) as { items: { decisionNumber: string; decidedBy: string | null }[] }).items;
    expect(mine).toEqual([expect.objectContaining({ decisionNumber: '15/QĐ-TTg', decidedBy: 'Văn phòng Chính phủ' })]);
    // a form proposals name keeps its name and level
    const renamed = await root.request('/api/v1/award-forms', { method: 'POST', json: { code: 'BK-TTG', name: 'Giấy khen đổi tên', kind: 'award', level: 'district', grantor: 'Thủ tướng Chính phủ' } });
    expect(renamed.status).toBe(409);
  });

  it('the page form names the bad line of the list and keeps what was typed', async () => {
    const r = await officer.postForm('/quan-tri/thi-dua/moi', { number: '47/TTr-UBND', from: 'A', form: 'BK-TINH', title: 'Đề nghị khen thưởng', recipients: 'Tập thể | Tổ dân phố số 1\nÔng | Nguyễn Văn An' });
    expect(r.status).toBe(422);
    const html = await r.text();
    expect(html).toContain('dòng 2 phải bắt đầu bằng');
    expect(html).toContain('Nguyễn Văn An');
    const ok = await officer.postForm('/quan-tri/thi-dua/moi', { number: '47/TTr-UBND', from: 'A', form: 'BK-TINH', title: 'Đề nghị khen thưởng', recipients: 'Tập thể | Tổ dân phố số 1 | | | A-1\nCá nhân\tNguyễn Văn An\tTổ trưởng\tlãnh đạo' });
    expect(ok.status).toBe(303);
    ids.set('47/TTr-UBND', Number(/thi-dua\/(\d+)/.exec(ok.headers.get('location') ?? '')?.[1]));
    const p = (await (await officer.request(api('47/TTr-UBND'))).json()) as { recipients: { kind: string; role: string | null; unit: string | null }[] };
    expect(p.recipients.map((x) => [x.kind, x.role, x.unit])).toEqual([
      ['collective', null, 'A-1'],
      ['individual', 'leader', null],
    ]);
    // the edit form keeps each recipient's unit, and says who records the answer from outside Khéo
    const edit = await (await officer.request(`/quan-tri/thi-dua/${ids.get('47/TTr-UBND')}/sua`)).text();
    expect(edit).toContain('Tập thể | Tổ dân phố số 1 |  |  | A-1');
    expect(edit).toContain('tờ trình đi qua đơn vị cao nhất phía trên trong Khéo, Hội đồng Thi đua – Khen thưởng của đơn vị đó chuyển đến cơ quan ấy và ghi lại kết quả');
    expect(edit).not.toContain('đơn vị tự ghi lại');
    // a draft's page links to its edit form; the list counts who it names as one would say it
    expect(await (await officer.request(`/quan-tri/thi-dua/${ids.get('47/TTr-UBND')}`)).text()).toContain(`href="/quan-tri/thi-dua/${ids.get('47/TTr-UBND')}/sua"`);
    const list = await (await officer.request('/quan-tri/thi-dua')).text();
    expect(list).toContain('— 1 tập thể và 1 cá nhân');
    expect(list).toContain('— 1 tập thể và 2 cá nhân');
    expect(list).not.toContain('người, tập thể</span>');
  });

  it('a proposal sent and not returned does not open in its edit form: its page says why (409), with no link to edit', async () => {
    const url = `/quan-tri/thi-dua/${ids.get(PROPOSAL.number)}`;
    const r = await officer.request(`${url}/sua`);
    expect(r.status).toBe(409);
    const html = await r.text();
    expect(html).toContain('đang ở trạng thái &quot;Đã có quyết định&quot;: chỉ sửa được dự thảo hoặc tờ trình bị trả lại');
    expect(html).not.toContain('name="recipients"');
    expect(await (await officer.request(url)).text()).not.toContain(`${url}/sua`);
    // one the reader may not edit is refused before its state is told
    expect((await council.request(`${url}/sua`)).status).toBe(403);
  });

  it('export → import keeps the proposals, where they stand and who was awarded', async () => {
    const root = await as('root');
    const bundle = (await (await root.request('/api/v1/export')).json()) as Record<string, unknown> & { awardProposals: { number: string; status: string }[] };
    expect(bundle.awardProposals.map((p) => [p.number, p.status]).sort()).toEqual([
      ['45/TTr-UBND', 'decided'],
      ['46/TTr-UBND', 'decided'],
      ['47/TTr-UBND', 'draft'],
      ['9/TTr-UBND', 'decided'],
    ]);
    const other = await createTestApp();
    try {
      const c = new Client(other);
      expect((await c.login('root')).status).toBe(200);
      const { users: _users, ...rest } = bundle;
      const r = await c.request('/api/v1/import', { method: 'POST', json: rest });
      expect(r.status, await r.clone().text()).toBe(200);
      const theirs = ((await (await c.request('/api/v1/award-proposals')).json()) as { items: ({ number: string } & Record<string, unknown>)[] }).items;
      for (const n of ['45/TTr-UBND', '46/TTr-UBND', '47/TTr-UBND']) {
        const { id: _a, may: _ma, ...a } = (await (await root.request(api(n))).json()) as Record<string, unknown>;
        const { id: _b, ...b } = theirs.find((x) => x.number === n)!;
        expect(b, n).toEqual(a);
      }
      // history replayed tells nobody
      expect(await other.db.db.selectFrom('notices').select('id').where('kind', 'like', 'award.%').execute()).toEqual([]);
    } finally {
      await other.close();
    }
  });
});

describe('at scale and from the bundle', () => {
  it('a bundle record with only some step dates imports: a missing date is the step before\'s, or the first date given after it', async () => {
    const base = { from: 'A', form: 'BK-TINH', title: 'Nhập từ gói dữ liệu', recipients: [{ kind: 'individual', name: 'Phạm Văn Dũng', role: 'direct' }] };
    await t.db.db.transaction().execute(async (trx) => {
      await importProposal(trx, system, { ...base, number: '50/TTr-UBND', status: 'decided', receivedOn: '2021-05-03', decidedOn: '2021-06-01', decisionNumber: '500/QĐ-UBND' });
      await importProposal(trx, system, { ...base, number: '51/TTr-UBND', status: 'reviewed', submittedOn: '2021-05-03', reviewNote: 'Đủ điều kiện' });
      await importProposal(trx, system, { ...base, number: '52/TTr-UBND', status: 'returned', returnedOn: '2021-07-01', returnReason: 'Thiếu hồ sơ' });
    });
    const dates = async (n: string) => {
      const items = ((await (await officer.request('/api/v1/award-proposals?pageSize=100')).json()) as { items: { number: string; status: string; submittedOn: string | null; receivedOn: string | null; reviewedOn: string | null; decidedOn: string | null; returnedOn: string | null }[] }).items;
      const p = items.find((x) => x.number === n)!;
      return [p.status, p.submittedOn, p.receivedOn, p.reviewedOn, p.decidedOn, p.returnedOn];
    };
    expect(await dates('50/TTr-UBND')).toEqual(['decided', '2021-05-03', '2021-05-03', null, '2021-06-01', null]);
    expect(await dates('51/TTr-UBND')).toEqual(['reviewed', '2021-05-03', '2021-05-03', '2021-05-03', null, null]);
    expect(await dates('52/TTr-UBND')).toEqual(['returned', '2021-07-01', null, null, null, '2021-07-01']);
    // returned after review: the review stays on record
    await t.db.db.transaction().execute((trx) => importProposal(trx, system, { ...base, number: '53/TTr-UBND', status: 'returned', reviewedOn: '2021-06-20', reviewNote: 'Chưa đủ', returnedOn: '2021-07-02', returnReason: 'Thiếu hồ sơ' }));
    expect(await dates('53/TTr-UBND')).toEqual(['returned', '2021-06-20', '2021-06-20', '2021-06-20', null, '2021-07-02']);
    // a decided record with no date at all is refused, naming the date it lacks, and nothing is written
    const undated = t.db.db.transaction().execute((trx) => importProposal(trx, system, { ...base, number: '54/TTr-UBND', status: 'decided', decisionNumber: '540/QĐ-UBND' }));
    const refused = (await undated.then(() => null, (e: unknown) => e)) as { status: number; issues: { field: string; message: string }[] } | null;
    expect(refused?.status).toBe(422);
    expect(refused?.issues.map((i) => i.field)).toEqual(['decidedOn']);
    expect(refused?.issues[0]?.message).toContain('Ngày quyết định');
    expect(await t.db.db.selectFrom('award_proposals').select('id').where('number', '=', '54/TTr-UBND').execute()).toEqual([]);
  });

  it('lists a page at a time with the total; drafts only to those who may edit them; the page has a pager', async () => {
    // the council of the city reads what its subtree sent, never a draft
    const all = (await (await council.request('/api/v1/award-proposals?pageSize=100')).json()) as { items: { number: string; status: string }[]; total: number; page: number; pageSize: number };
    expect(all.items.length).toBe(all.total);
    expect(all.items.some((p) => p.number === '45/TTr-UBND')).toBe(true);
    expect(all.items.filter((p) => p.status === 'draft')).toEqual([]);
    const mine = (await (await officer.request('/api/v1/award-proposals?pageSize=100')).json()) as { items: { number: string; status: string }[]; total: number };
    expect(mine.items.map((p) => p.number)).toContain('47/TTr-UBND');
    // pages of two, newest first, that add up to the whole list
    const one = (await (await officer.request('/api/v1/award-proposals?pageSize=2')).json()) as { items: { number: string }[]; total: number; page: number; pageSize: number };
    const two = (await (await officer.request('/api/v1/award-proposals?pageSize=2&page=2')).json()) as { items: { number: string }[]; total: number; page: number };
    expect([one.total, one.page, one.pageSize, two.page]).toEqual([mine.total, 1, 2, 2]);
    expect([...one.items, ...two.items].map((p) => p.number)).toEqual(mine.items.slice(0, 4).map((p) => p.number));
    // ward B's 51 drafts: the page shows 50 and a pager to the last one
    await t.db.db.transaction().execute(async (trx) => {
      for (let i = 1; i <= 51; i++) await createProposal(trx, { actor: system, input: { number: `${i}/TTr-B`, from: 'B', form: 'BK-TINH', title: 'Đề nghị khen thưởng', recipients: [{ kind: 'collective', name: `Tổ ${i}`, unit: 'B-1' }] } });
    });
    const b = await as('admin-b');
    const first = (await (await b.request('/api/v1/award-proposals')).json()) as { items: { number: string }[]; total: number; pageSize: number };
    expect([first.items.length, first.total, first.pageSize]).toEqual([50, 51, 50]);
    expect(first.items[0]!.number).toBe('51/TTr-B');
    const page1 = await (await b.request('/quan-tri/thi-dua?trang_thai=draft')).text();
    expect(page1).toContain('Trang 1/2');
    expect(page1).toContain('href="/quan-tri/thi-dua?trang_thai=draft&amp;trang=2"');
    const page2 = await (await b.request('/quan-tri/thi-dua?trang_thai=draft&trang=2')).text();
    expect(page2).toContain('Trang 2/2');
    expect(page2).toContain('>1/TTr-B</a>');
    expect(page2).not.toContain('>2/TTr-B</a>');
    // past the last page: said, with the way back; a status the list does not know lists all
    const page9 = await (await b.request('/quan-tri/thi-dua?trang_thai=draft&trang=9')).text();
    expect(page9).toContain('Không có trang 9: danh sách có 2 trang.');
    expect(page9).toContain('href="/quan-tri/thi-dua?trang_thai=draft&amp;trang=2"');
    expect(await (await b.request('/quan-tri/thi-dua?trang_thai=khong-co')).text()).toContain('Trang 1/2');
    // the API refuses a page size or a status it does not understand, naming it
    for (const [query, field] of [['pageSize=abc', 'pageSize'], ['pageSize=0', 'pageSize'], ['pageSize=101', 'pageSize'], ['status=khong-co', 'status']] as const) {
      const bad = await b.request(`/api/v1/award-proposals?${query}`);
      expect(bad.status, query).toBe(422);
      expect(JSON.stringify(await bad.json()), query).toContain(`"field":"${field}"`);
    }
  });

  it('what waits on a council costs the same few queries however many proposals wait; one who neither decides nor corrects costs none', async () => {
    await t.db.db.transaction().execute(async (trx) => {
      for (let i = 1; i <= 4; i++) await submitProposal(trx, { actor: system, id: (await createProposal(trx, { actor: system, input: { number: `${i}/TTr-CHO`, from: 'B', form: 'BK-TINH', title: 'Đề nghị khen thưởng', recipients: [{ kind: 'collective', name: `Tổ ${i}`, unit: 'B-1' }, { kind: 'household', name: `Hộ ${i}` }] } })).id });
    });
    const counting = (db: Db) => {
      let n = 0;
      return { db: db.withPlugin({ transformQuery: (a) => ((n += 1), a.node), transformResult: async (a) => a.result }), queries: () => n };
    };
    const c = counting(t.db.db);
    const w = await emulationWork(c.db, await actorOf(t.db.db, 'hoidong-hn'));
    // 51/TTr-UBND (reviewed) and the four just sent
    expect(w.toDecide.map((p) => p.number).sort()).toEqual(['1/TTr-CHO', '2/TTr-CHO', '3/TTr-CHO', '4/TTr-CHO', '51/TTr-UBND']);
    expect(w.toDecide.find((p) => p.number === '1/TTr-CHO')).toMatchObject({ recipients: 2, who: '1 tập thể và 1 hộ gia đình' });
    // the proposals, who acts at the city (asked once), the recipients counted together
    expect(c.queries()).toBe(3);
    const a = counting(t.db.db);
    expect(await emulationWork(a.db, await actorOf(t.db.db, 'appraiser-a'))).toEqual({ toDecide: [], returned: [] });
    expect(a.queries()).toBe(0);
  });
});
