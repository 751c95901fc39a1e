/**
 * References inside bodies (issue #20 item 1 and its class): a project, household, model, unit,
 * user, document or file named in a JSON body or a form field is authorised as if it were the URL.
 * A reference the caller may not read answers exactly as an unknown code does (status and body, the
 * code itself aside), writes nothing, and shows nothing of the record; a personal field is shown by
 * the scope of the record it belongs to, not by that of the record that points at it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/features/accounts/accounts.service.js';
import { createCampaign } from '../src/features/campaigns/campaigns.service.js';
import { createDocument } from '../src/features/documents/documents.service.js';
import { createHousehold } from '../src/features/landClearance/landClearance.households.js';
import { createProject } from '../src/features/landClearance/landClearance.service.js';
import { registerModel } from '../src/features/models/models.service.js';
import { savePerson } from '../src/features/supervision/supervision.persons.js';
import { createTeam } from '../src/features/teams/teams.service.js';
import { PASSWORD, system } from './support/fixtures.js';
import { Client, createTestApp, type TestApp } from './support/http.js';

let t: TestApp;
const MARK = 'ZQK';
const clients = new Map<string, Client>();
async function as(username: string): Promise<Client> {
  let c = clients.get(username);
  if (!c) {
    c = new Client(t);
    expect((await c.login(username)).status).toBe(200);
    clients.set(username, c);
  }
  return c;
}

interface Sent {
  status: number;
  text: string;
}
async function send(c: Client, r: { method: string; path: string; json?: unknown; form?: Record<string, string> }): Promise<Sent> {
  const res = r.form ? await c.postForm(r.path, r.form) : await c.request(r.path, { method: r.method, json: r.json });
  return { status: res.status, text: await res.text() };
}

/** Row counts of the tables a refused request must leave alone. */
const COUNTED = ['prestigious_persons', 'person_mobilisations', 'raised_issues', 'clearance_projects', 'clearance_complaints', 'appraisal_rounds', 'reward_decisions'] as const;
async function counts(): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of COUNTED) out[table] = Number((await t.db.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  return out;
}

let personA = 0;
beforeAll(async () => {
  t = await createTestApp();
  await t.db.db.transaction().execute(async (trx) => {
    await createUser(trx, { actor: system, input: { username: 'officer-g', fullName: 'Cán bộ tổ', unit: 'A-1', roles: ['officer'], password: PASSWORD } });
    await createUser(trx, { actor: system, input: { username: 'ubb', fullName: `${MARK} Người phường B`, unit: 'B', roles: ['viewer'], password: PASSWORD } });
    await createUser(trx, { actor: system, input: { username: 'appraiser-b', fullName: `${MARK} Thẩm định B`, unit: 'B', roles: ['appraiser'], password: PASSWORD } });
    const project = async (code: string, unit: string, isPublic: boolean) => {
      await createProject(trx, { actor: system, input: { code, name: isPublic || unit === 'A' ? `Dự án ${code}` : `${MARK} Dự án ${code}`, unit, category: 'new', startedOn: '2026-01-05', isPublic } });
      await createHousehold(trx, { actor: system, input: { code: `${code}-H1`, project: code, name: `${unit === 'A' ? '' : `${MARK} `}Hộ ông ${code}`, address: `${unit === 'A' ? '' : MARK} địa chỉ`, parcels: [{ mapSheet: '1', parcelNo: '2', areaM2: 100, recoveredM2: 50 }] } });
    };
    await project('HN-DA', 'HN', false); // the city's, above ward A: not readable by A
    await project('HN-PUB', 'HN', true); // the city's, public: its page is on the portal, its households are not
    await createHousehold(trx, { actor: system, input: { code: 'HN-PUB-H2', project: 'HN-PUB', name: `${MARK} Hộ bà HN-PUB`, address: `${MARK} địa chỉ`, parcels: [] } });
    await project('A-DA', 'A', false); // ward A's own
    await project('B-DA', 'B', false); // another ward's
    for (const [code, unit] of [['CA', 'A'], ['CB', 'B']] as const) {
      await createCampaign(trx, { actor: system, input: { code, unit, year: 2026, theme: `Chủ đề ${unit}`, fields: [{ code: 'F1', name: 'Lĩnh vực 1' }], criteria: [{ code: 'c1', name: 'Hiệu quả', weight: 100 }] } });
    }
    await registerModel(trx, { actor: system, input: { code: 'B-MH', campaign: 'CB', unit: 'B-1', field: 'F1', holder: 'collective', name: `${MARK} Mô hình nháp B` } });
    await createDocument(trx, { actor: system, input: { number: '7-TB/B', kind: 'TB', issuer: `${MARK} Đảng ủy B`, unit: 'B', date: '2026-01-02', title: `${MARK} Thông báo nội bộ`, public: false } });
    await createTeam(trx, { actor: system, input: { code: 'TO-A1', unit: 'A-1', kind: 'massMobilisation', name: 'Tổ dân vận A-1', members: 5 } });
    await createTeam(trx, { actor: system, input: { code: 'TO-A', unit: 'A', kind: 'massMobilisation', name: 'Tổ dân vận A', members: 5 } });
    personA = (await savePerson(trx, { actor: system, input: { team: 'TO-A', fullName: 'Bà Uy Tín', trustedFor: 'Hòa giải' } })).id;
    // recorded by the system: a group's person who helped with a household of the city's public project
    await savePerson(trx, { actor: system, input: { team: 'TO-A1', fullName: 'Ông Uy Tín', trustedFor: 'Hòa giải', mobilisations: [{ project: 'HN-PUB', household: 'HN-PUB-H1', onDate: '2026-01-06', outcome: 'Đồng thuận' }] } });
  });
});
afterAll(() => t.close());

/** Sends the request with an out-of-scope reference and with an unknown one: the answers must be the same. */
async function expectAsUnknown(who: string, build: (ref: string) => { method: string; path: string; json?: unknown; form?: Record<string, string> }, outside: string, unknown: string) {
  const c = await as(who);
  const before = await counts();
  const a = await send(c, build(outside));
  const b = await send(c, build(unknown));
  const label = `${build('§').method} ${build('§').path} with ${outside}`;
  expect(a.status, label).toBeGreaterThanOrEqual(400);
  expect(a.status, label).toBeLessThan(500);
  expect(a.status, label).toBe(b.status);
  const [x, y] = [a.text.replaceAll(outside, '§'), b.text.replaceAll(unknown, '§')];
  let d = 0;
  while (d < x.length && x[d] === y[d]) d++;
  // the first difference, with some context, so a failure says what differs
  expect(x.slice(Math.max(0, d - 200), d + 200), label).toBe(y.slice(Math.max(0, d - 200), d + 200));
  const at = a.text.indexOf(MARK);
  expect(at < 0 ? '' : a.text.slice(Math.max(0, at - 300), at + 100), label).toBe('');
  expect(await counts(), label).toEqual(before);
}

describe('hole: household names through "người có uy tín" (POST /api/v1/persons)', () => {
  const body = (project: string, household?: string) => ({ method: 'POST', path: '/api/v1/persons', json: { team: 'TO-A1', fullName: `Người ${Math.random()}`, trustedFor: 'Hòa giải', mobilisations: [{ project, ...(household ? { household } : {}), onDate: '2026-01-06', outcome: 'Đồng thuận' }] } });

  it('a ward officer cannot name a household of the city project (above its unit) it may not see', async () => {
    await expectAsUnknown('officer-a', (h) => body('HN-DA', h), 'HN-DA-H1', 'HN-DA-H999');
    await expectAsUnknown('officer-a', (p) => body(p, `${p}-H1`), 'HN-DA', 'KHONG-CO-DA');
    // a public project may be named; its households are still personal data of the city's
    await expectAsUnknown('officer-a', (h) => body('HN-PUB', h), 'HN-PUB-H1', 'HN-PUB-H999');
  });

  it("a group's officer cannot name its ward's households (the project is above the team's unit)", async () => {
    await expectAsUnknown('officer-g', (h) => body('A-DA', h), 'A-DA-H1', 'A-DA-H999');
  });

  it("shows a household's name by the scope of its project, not of the person's team", async () => {
    const seen = (await (await (await as('officer-a')).request('/api/v1/persons')).json()) as { items: { fullName: string; mobilisations: { household: string | null; householdName: string | null }[] }[] };
    const p = seen.items.find((x) => x.fullName === 'Ông Uy Tín')!;
    expect(p.mobilisations[0]).toMatchObject({ household: 'HN-PUB-H1', householdName: null });
    const page = await (await (await as('officer-a')).request('/quan-tri/nguoi-uy-tin')).text();
    expect(page).not.toContain(`${MARK} Hộ ông`);
    const root = (await (await (await as('root')).request('/api/v1/persons')).json()) as typeof seen;
    expect(root.items.find((x) => x.fullName === 'Ông Uy Tín')!.mobilisations[0]!.householdName).toBe(`${MARK} Hộ ông HN-PUB`);
  });

  it('still records a household of a project in the caller’s own scope, with its name', async () => {
    const res = await (await as('officer-a')).request('/api/v1/persons', body('A-DA', 'A-DA-H1'));
    expect(res.status).toBe(201);
    expect(((await res.json()) as { mobilisations: { householdName: string }[] }).mobilisations[0]!.householdName).toBe('Hộ ông A-DA');
  });
});

describe('class: every reference inside a body is authorised as the URL would be', () => {
  const mob = (project: string, household = '') => ({ project, household, onDate: '06/01/2026', outcome: 'Đồng thuận' });
  it('mobilisations of a person (API and form)', async () => {
    const api = (project: string, household?: string) => ({ method: 'POST', path: `/api/v1/persons/${personA}/mobilisations`, json: { project, ...(household ? { household } : {}), onDate: '2026-01-06', outcome: 'Đồng thuận' } });
    await expectAsUnknown('officer-a', (p) => api(p), 'B-DA', 'KHONG-CO-DA');
    await expectAsUnknown('officer-a', (p) => api(p), 'HN-DA', 'KHONG-CO-DA');
    await expectAsUnknown('officer-a', (h) => api('HN-PUB', h), 'HN-PUB-H1', 'HN-PUB-H999');
    await expectAsUnknown('officer-a', (h) => api('A-DA', h), 'B-DA-H1', 'A-DA-H999');
    const form = (project: string, household = '') => ({ method: 'POST', path: `/quan-tri/nguoi-uy-tin/${personA}/van-dong`, form: mob(project, household) });
    await expectAsUnknown('officer-a', (p) => form(p), 'B-DA', 'KHONG-CO-DA');
    await expectAsUnknown('officer-a', (h) => form('HN-PUB', h), 'HN-PUB-H2', 'HN-PUB-H999');
  });

  it('the project and model of an issue (API and form)', async () => {
    const api = (k: 'project' | 'model', v: string) => ({ method: 'POST', path: '/api/v1/issues', json: { unit: 'A-1', title: 'Vấn đề thử', raisedOn: '2026-01-05', [k]: v } });
    await expectAsUnknown('officer-a', (v) => api('project', v), 'B-DA', 'KHONG-CO-DA');
    await expectAsUnknown('officer-a', (v) => api('project', v), 'HN-DA', 'KHONG-CO-DA');
    await expectAsUnknown('officer-a', (v) => api('model', v), 'B-MH', 'KHONG-CO-MH');
    const form = (k: 'project' | 'model', v: string) => ({ method: 'POST', path: '/quan-tri/van-de', form: { unit: 'A-1', title: 'Vấn đề thử', source: 'other', raisedOn: '05/01/2026', [k]: v } });
    await expectAsUnknown('officer-a', (v) => form('project', v), 'B-DA', 'KHONG-CO-DA');
    await expectAsUnknown('officer-a', (v) => form('model', v), 'B-MH', 'KHONG-CO-MH');
  });

  it('the officer, documents and models of a land clearance project (API and form)', async () => {
    const api = (over: object) => ({ method: 'POST', path: '/api/v1/clearance-projects', json: { name: 'Dự án mới', unit: 'A', category: 'new', ...over } });
    await expectAsUnknown('officer-a', (u) => api({ officer: u }), 'ubb', 'khong-co-ai');
    await expectAsUnknown('officer-a', (u) => ({ ...api({ officer: u }), method: 'PATCH', path: '/api/v1/clearance-projects/A-DA' }), 'ub', 'khong-co-ai');
    await expectAsUnknown('officer-a', (m) => api({ models: [m] }), 'B-MH', 'KHONG-CO-MH');
    await expectAsUnknown('officer-a', (d) => api({ documents: [d] }), '7-TB/B', '7-TB/KHONG');
    await expectAsUnknown('officer-a', (u) => ({ method: 'POST', path: '/quan-tri/gpmb/moi', form: { name: 'Dự án từ biểu mẫu', category: 'new', unit: 'A', officer: u } }), 'ubb', 'khong-co-ai');
    // the officer's own people may be named, and their name shown
    const ok = await (await as('officer-a')).request('/api/v1/clearance-projects', api({ officer: 'viewer-a' }));
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as { officerName: string }).officerName).toBe('Người dùng viewer-a');
  });

  it('the household of a complaint', async () => {
    await expectAsUnknown('officer-a', (h) => ({ method: 'POST', path: '/api/v1/clearance-projects/A-DA/complaints', json: { kind: 'complaint', household: h, receivedOn: '2026-02-01', content: 'Khiếu nại' } }), 'B-DA-H1', 'A-DA-H999');
  });

  it('the appraisers of a round and the models of a reward decision', async () => {
    await expectAsUnknown('officer-a', (u) => ({ method: 'POST', path: '/api/v1/rounds', json: { code: `RN-${u.length}`, campaign: 'CA', name: 'Đợt', kind: 'adhoc', opensOn: '2026-07-01', closesOn: '2026-07-10', cutoffOn: '2026-06-30', appraisers: [u] } }), 'appraiser-b', 'khong-co-ai');
    await expectAsUnknown('council-a', (m) => ({ method: 'POST', path: '/api/v1/reward-decisions', json: { number: '1/QĐ-THU', campaign: 'CA', date: '2026-08-02', models: [m] } }), 'B-MH', 'KHONG-CO-MH');
  });
});
