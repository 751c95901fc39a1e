/**
 * Enumeration and field-level rules (OWASP ASVS 5.0 V8.2, issue #10 item 1). The authorisation
 * matrix (authz-matrix.test.ts) proves every route × role × inside/outside gives the right status
 * on records made for it. This adds what it does not look at:
 * - the records of another ward, each carrying a marker ("ZQX…") in every text field, and the ids
 *   next to a ward officer's own, tried on every route with a path parameter (every method, API
 *   and forms, filled from the app's route table): 403 or 404 — never a marker in any answer,
 *   whatever its status — and not one row changed;
 * - fields an officer may send but not decide (a model's status, "exemplary" and registration
 *   date; an article's status, publication time, "featured" and views; a report's approval; a
 *   payment's confirmation; a plan's approval; scores and reward decisions): the stored row is
 *   as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/features/accounts/accounts.service.js';
import { createCampaign } from '../src/features/campaigns/campaigns.service.js';
import { createTeam } from '../src/features/teams/teams.service.js';
import { createDocument } from '../src/features/documents/documents.service.js';
import { createProject } from '../src/features/landClearance/landClearance.service.js';
import { createHousehold, openObstacle, recordPayment, savePlan } from '../src/features/landClearance/landClearance.households.js';
import { receiveComplaint, recordDialogue } from '../src/features/landClearance/landClearance.engagement.js';
import { addModelUpdate, registerModel } from '../src/features/models/models.service.js';
import { createArticle } from '../src/features/portal/portal.service.js';
import { recordMeeting, recordVisit } from '../src/features/supervision/supervision.service.js';
import { loadWorld, OFFICER_WARD, OTHER_WARD, PNG, routeUrls } from './support/crawl.js';
import { differences, fingerprint } from './support/fingerprint.js';
import { PASSWORD, system } from './support/fixtures.js';
import { Client, createTestApp, type TestApp } from './support/http.js';

const MARK = 'ZQX';
/** the officer's own ward's records, and the (installation-wide) document register's */
const OWN_MARK = 'QWV';
const REGISTER = 'RGZ';
let t: TestApp;

interface Planted {
  unit: string;
  group: string;
  user: string;
  model: string;
  modelFile: number;
  article: { id: number; slug: string };
  document: number;
  meeting: number;
  conclusion: number;
  visit: number;
  project: string;
  household: string;
  payment: number;
  obstacle: number;
  complaint: number;
  dialogue: number;
  followup: number;
  report: { form: string; unit: string; period: string };
  team: string;
  campaign: string;
}

let n = 0;
/** A full set of records of one ward; text fields carry `mark` so a leak can be seen anywhere. */
async function plant(ward: string, mark: string): Promise<Planted> {
  const k = ++n;
  return t.db.db.transaction().execute(async (trx) => {
    const group = (await trx.selectFrom('units as g').innerJoin('units as w', 'w.id', 'g.parent_id').select('g.code').where('w.code', '=', ward).where('g.kind', '=', 'residentialGroup').orderBy('g.id').executeTakeFirstOrThrow()).code;
    const user = `${mark.toLowerCase()}-user-${k}`;
    await createUser(trx, { actor: system, input: { username: user, fullName: `${mark} Người dùng ${k}`, unit: ward, roles: ['viewer'], password: PASSWORD } });
    const model = `${mark}-MH-${k}`;
    await registerModel(trx, { actor: system, input: { code: model, campaign: 'LB-2021', unit: group, field: 'GPMB', holder: 'collective', name: `${mark} Mô hình nháp ${k}`, problem: `${mark} vấn đề` } });
    const upd = await addModelUpdate(trx, { actor: system, code: model, input: { date: '2021-05-01', body: `${mark} tiến độ ${k}` }, files: [{ name: `${mark}-anh.png`, bytes: PNG }] });
    const category = (await trx.selectFrom('categories').select('slug').where('link', 'is', null).orderBy('id').executeTakeFirstOrThrow()).slug;
    const article = await createArticle(trx, { actor: system, input: { category, title: `${mark} Bài nháp ${k}`, summary: `${mark} tóm tắt`, body: `<p>${mark} nội dung</p>`, unit: ward } });
    // a document kept off the portal: read by the issuing unit's line only (issue #20); its marker
    // is the register's own, looked for on public routes only
    const document = (await createDocument(trx, { actor: system, input: { number: `${k}-TB/${REGISTER}`, kind: 'TB', issuer: `${REGISTER} cơ quan`, unit: ward, date: '2021-04-02', title: `${REGISTER} Văn bản nội bộ ${k}`, public: false } })).id;
    const meeting = await recordMeeting(trx, { actor: system, input: { unit: ward, kind: 'briefing', title: `${mark} Giao ban ${k}`, heldOn: '2021-05-05', chair: `${mark} Chủ trì`, attendeesCount: 5, minutes: `${mark} biên bản`, conclusions: [{ content: `${mark} Kết luận ${k}`, owner: group, dueOn: '2021-06-01' }] } });
    const visit = (await recordVisit(trx, { actor: system, input: { leader: `${mark} Đồng chí ${k}`, title: 'UVTV', unit: group, visitedOn: '2021-05-06', inspected: `${mark} nội dung kiểm tra`, findings: `${mark} kết quả`, note: `${mark} ghi chú` } })).id;
    const project = `${mark}-DA-${k}`;
    await createProject(trx, { actor: system, input: { code: project, name: `Dự án ${project}`, unit: ward, category: 'new', startedOn: '2021-01-05', isPublic: false } });
    const household = `${project}-H1`;
    await createHousehold(trx, { actor: system, input: { code: household, project, name: `${mark} Hộ ông ${k}`, address: `${mark} số ${k} ngõ thử`, phone: '0900000000', parcels: [{ mapSheet: '77', parcelNo: `9${k}9`, areaM2: 100, recoveredM2: 50 }] } });
    await savePlan(trx, { actor: system, code: household, input: { land: 123_456_000 + k } });
    const { approvePlan } = await import('../src/features/landClearance/landClearance.households.js');
    await approvePlan(trx, { actor: system, code: household, input: { decisionNumber: `${k}/QĐ-${mark}`, approvedOn: '2021-03-01' } });
    const pay = await recordPayment(trx, { actor: system, code: household, input: { amount: 1_000_000, paidOn: '2021-03-03' } });
    const obstacle = (await openObstacle(trx, { actor: system, code: household, input: { openedOn: '2021-03-04', description: `${mark} vướng mắc ${k}` } })).obstacles[0]!.id;
    const complaint = await receiveComplaint(trx, { actor: system, projectCode: project, input: { kind: 'complaint', household, receivedOn: '2021-03-05', content: `${mark} khiếu nại ${k}` } });
    const dialogue = await recordDialogue(trx, { actor: system, projectCode: project, input: { heldOn: '2021-03-06', place: `${mark} hội trường`, chair: 'Chủ trì', participants: 9, households: [household], issues: `${mark} ý kiến`, followups: [{ task: `${mark} việc`, owner: 'Tổ công tác', dueOn: '2021-04-01' }] } });
    const team = `TO-W${k}`;
    await createTeam(trx, { actor: system, input: { code: team, unit: group, kind: 'massMobilisation', name: `${mark} Tổ dân vận ${k}`, members: 7 } });
    // a ward's own campaign: its code and theme are public (the theme-year archive, the public
    // stats), so they carry no marker
    const campaign = `CD-W${k}`;
    await createCampaign(trx, { actor: system, input: { code: campaign, unit: ward, year: 2021, theme: 'Chủ đề năm của phường', fields: [{ code: 'F1', name: 'Lĩnh vực' }] } });
    const sub = await trx.selectFrom('report_submissions').innerJoin('units', 'units.id', 'report_submissions.unit_id').innerJoin('report_forms', 'report_forms.id', 'report_submissions.form_id').select(['report_forms.code as form', 'units.code as unit', 'period']).where('units.code', '=', ward).orderBy('report_submissions.id').executeTakeFirstOrThrow();
    return {
      unit: ward,
      group,
      user,
      model,
      modelFile: upd.files[0]!.id,
      article: { id: article.id, slug: article.slug },
      document,
      meeting: meeting.id,
      conclusion: meeting.conclusions[0]!.id,
      visit,
      project,
      household,
      payment: pay.payments[0]!.id,
      obstacle,
      complaint,
      dialogue: dialogue.id,
      followup: dialogue.followups[0]!.id,
      report: sub,
      team,
      campaign,
    };
  });
}

/** The value of a path parameter for one planted record set, told by the segment before it. */
function paramValue(route: string, i: number, p: Planted, shift = 0): string | null {
  const segs = route.split('/');
  const name = segs[i]!.slice(1);
  const prev = segs[i - 1] ?? '';
  const id = (x: number) => String(x + shift);
  switch (name) {
    case 'username':
      return p.user;
    case 'hh':
      return p.household;
    case 'model':
      return p.model;
    case 'form':
      return p.report.form;
    case 'unit':
      return p.report.unit;
    case 'period':
      return prev === 'periods' ? '2021-02' : p.report.period;
    case 'fileId':
      return null; // document files: see below
    case 'step':
      return null;
    case 'slug':
      return prev === 'articles' ? p.article.slug : null;
    case 'code':
      if (prev === 'units' || prev === 'don-vi') return p.group;
      if (prev === 'models' || prev === 'mo-hinh') return p.model;
      if (prev === 'clearance-projects' || prev === 'gpmb') return p.project;
      if (prev === 'households') return p.household;
      if (prev === 'report-forms') return p.report.form;
      if (prev === 'teams' || prev === 'to-doi') return p.team;
      if (prev === 'campaigns' || prev === 'chu-de') return p.campaign;
      return null; // rounds and the theme archive: the demo's own, not a ward's
    case 'id':
      if (prev === 'documents' || prev === 'van-ban') return id(p.document);
      if (prev === 'hoi-nghi') return id(p.meeting);
      if (prev === 'ket-luan') return id(p.conclusion);
      if (prev === 'tep') return id(p.modelFile);
      if (prev === 'bai-viet') return id(p.article.id);
      if (prev === 'doi-thoai') return id(p.dialogue);
      if (prev === 'viec') return id(p.followup);
      if (prev === 'complaints' || prev === 'don') return id(p.complaint);
      if (prev === 'payments' || prev === 'chi-tra') return id(p.payment);
      if (prev === 'obstacles' || prev === 'vuong-mac') return id(p.obstacle);
      return null;
    default:
      return null;
  }
}

/** Parameters shared by every ward (the demo's one report form): they alone target nothing of a ward's. */
const SHARED = new Set([':form', ':code@report-forms']);

/** The route with every parameter filled for `p`, or null when one names nothing a ward owns. */
function fill(route: string, p: Planted, shift = 0): string | null {
  const segs = route.split('/');
  let owned = false;
  for (let i = 0; i < segs.length; i++) {
    if (!segs[i]!.startsWith(':')) continue;
    const v = paramValue(route, i, p, segs[i] === ':id' ? shift : 0);
    if (v === null) return null;
    if (!SHARED.has(segs[i]!) && !SHARED.has(`${segs[i]}@${segs[i - 1]}`)) owned = true;
    segs[i] = encodeURIComponent(v);
  }
  return owned ? segs.join('/') : null;
}

/** Records that do not exist: a 422 for another ward's record must also be the 422 for these (no oracle). */
const GHOST: Planted = {
  unit: 'KHONG-CO', group: 'KHONG-CO', user: 'khong-co', model: 'KHONG-CO', modelFile: 99_999_999, article: { id: 99_999_999, slug: 'khong-co' }, document: 99_999_999,
  meeting: 99_999_999, conclusion: 99_999_999, visit: 99_999_999, project: 'KHONG-CO', household: 'KHONG-CO', payment: 99_999_999, obstacle: 99_999_999, complaint: 99_999_999,
  dialogue: 99_999_999, followup: 99_999_999, report: { form: 'BC-DV-THANG', unit: 'KHONG-CO', period: '2021-01' }, team: 'KHONG-CO', campaign: 'KHONG-CO',
};
/** A campaign's stats are read by anyone (documents kept off the portal are scoped since issue #20). */
// a document kept off the portal is read by its issuing unit's line only (issue #20): another ward's is 404
const READABLE_BY_ALL = new Set(['GET /api/v1/campaigns/:code/stats']);

let own: Planted;
let foreign: Planted;
let officer: Client;

beforeAll(async () => {
  t = await createTestApp({ seed: false });
  await loadWorld(t.db.db);
  // interleaved, so the officer's own ids have foreign neighbours on both sides
  own = await plant(OFFICER_WARD, OWN_MARK);
  foreign = await plant(OTHER_WARD, MARK);
  await plant(OFFICER_WARD, OWN_MARK);
  officer = new Client(t);
  expect((await officer.login('officer-nl')).status).toBe(200);
}, 300_000);
afterAll(() => t.close());

const hasMark = (body: string) => body.includes(MARK);
/**
 * A 404 answers exactly as a record that does not exist (issue #20), and that answer names the
 * code the caller sent ("Không tìm thấy dự án …"): the codes of the request's own path are blanked
 * in a 404 before looking for the marker — the caller's input, not the other ward's text.
 */
const answered = (url: string, status: number, body: string) =>
  status !== 404 ? body : url.split('?')[0]!.split('/').map(decodeURIComponent).filter((s) => s.includes(MARK)).reduce((b, code) => b.replaceAll(code, '§'), body);
/** The text around the first marker, to say what leaked. */
const around = (body: string) => {
  const i = body.indexOf(MARK);
  return i < 0 ? '' : ` …${body.slice(Math.max(0, i - 80), i + 60).replace(/\s+/g, ' ')}…`;
};

async function send(c: Client, method: string, url: string): Promise<Response> {
  if (method === 'GET') return c.request(url);
  if (url.startsWith('/api/')) return c.request(url, { method, json: {} });
  return c.postForm(url, {});
}

describe('enumerating another ward’s records', () => {
  it('answers 403 or 404 on every route with a parameter, shows none of their text, and writes nothing', async () => {
    const routes = t.app.routes.filter((r) => r.method !== 'ALL' && r.path.includes(':'));
    const before = await fingerprint(t.db.db);
    const bad: string[] = [];
    let tried = 0;
    for (const r of routes) {
      const url = fill(r.path, foreign);
      if (!url) continue;
      tried++;
      const res = await send(officer, r.method, url);
      const body = await res.text();
      const expected = READABLE_BY_ALL.has(`${r.method} ${r.path}`) ? [200] : [403, 404];
      if (res.status === 422) {
        // refused on its input before its record was looked at: the same answer as for no record at all
        const ghost = await send(officer, r.method, fill(r.path, GHOST)!);
        if (ghost.status !== 422 || (await ghost.text()) !== body) bad.push(`${r.method} ${url} → 422, unlike a record that does not exist (${ghost.status})`);
      } else if (!expected.includes(res.status)) bad.push(`${r.method} ${url} → ${res.status}`);
      if (hasMark(answered(url, res.status, body))) bad.push(`${r.method} ${url} → ${res.status} shows the other ward's text${around(answered(url, res.status, body))}`);
    }
    expect(bad).toEqual([]);
    expect(differences(before, await fingerprint(t.db.db))).toEqual([]);
    expect(tried).toBeGreaterThan(60);
    console.info(`enumeration: ${tried} route × foreign-record requests`);
  }, 120_000);

  it('shows nothing of theirs at the ids next to the officer’s own, on any method', async () => {
    const routes = t.app.routes.filter((r) => r.method !== 'ALL' && /\/:id(\/|$)/.test(r.path));
    const before = await fingerprint(t.db.db);
    const bad: string[] = [];
    let tried = 0;
    for (const r of routes) {
      for (const shift of [-2, -1, 1, 2]) {
        const url = fill(r.path, own, shift);
        if (!url) continue;
        tried++;
        const res = await send(officer, r.method, url);
        const body = await res.text();
        if (res.status >= 500) bad.push(`${r.method} ${url} → ${res.status}`);
        if (hasMark(body)) bad.push(`${r.method} ${url} → ${res.status} shows the other ward's text`);
      }
    }
    expect(bad).toEqual([]);
    // a neighbour may be the officer's own second set: what changed must be the officer's, never the other ward's
    for (const d of differences(before, await fingerprint(t.db.db))) expect(d).not.toContain(MARK);
    expect(tried).toBeGreaterThan(40);
  }, 120_000);

  it('shows none of their text on any page or API answer the officer can reach', async () => {
    const home = await (await new Client(t).request('/')).text();
    const staticUrl = /href="(\/static\/app\.[0-9a-f]+\.css)"/.exec(home)?.[1] ?? '/static/none';
    const leaks: string[] = [];
    for (const { url } of await routeUrls(t.app, t.db.db, staticUrl)) {
      const res = await officer.request(url);
      const type = res.headers.get('content-type') ?? '';
      if (!/html|json|xml|text|markdown/.test(type)) {
        await res.arrayBuffer();
        continue;
      }
      const body = await res.text();
      if (hasMark(answered(url, res.status, body))) leaks.push(`${url} → ${res.status}${around(answered(url, res.status, body))}`);
    }
    expect(leaks).toEqual([]);
  }, 120_000);

  it('shows nothing planted in either ward (all of it unpublished) to an anonymous visitor', async () => {
    const home = await (await new Client(t).request('/')).text();
    const staticUrl = /href="(\/static\/app\.[0-9a-f]+\.css)"/.exec(home)?.[1] ?? '/static/none';
    const visitor = new Client(t);
    const leaks: string[] = [];
    const urls = (await routeUrls(t.app, t.db.db, staticUrl)).map((u) => u.url);
    for (const p of [own, foreign]) for (const r of t.app.routes) if (r.method === 'GET' && r.path.includes(':')) urls.push(fill(r.path, p) ?? '');
    for (const url of urls.filter(Boolean)) {
      const body = await (await visitor.request(url)).text();
      for (const m of [MARK, OWN_MARK, REGISTER]) if (body.includes(m)) leaks.push(`${url}: ${m}`);
    }
    expect(leaks).toEqual([]);
  }, 120_000);
});

describe('fields an officer may send but not decide', () => {
  const row = async (table: string, col: string, v: string | number) => (await t.db.db.selectFrom(table as never).selectAll().where(col as never, '=', v as never).executeTakeFirstOrThrow()) as Record<string, unknown>;
  const pick = (r: Record<string, unknown>, cols: string[]) => Object.fromEntries(cols.map((c) => [c, r[c]]));

  it('cannot register, mark exemplary or date a model through the model’s edit (API and form)', async () => {
    const cols = ['status', 'exemplary', 'registered_on', 'decided_at', 'decided_by', 'submitted_at'];
    const was = pick(await row('models', 'code', own.model), cols);
    const group = own.group;
    const patch = await officer.request(`/api/v1/models/${own.model}`, { method: 'PATCH', json: { name: 'Sửa tên', unit: group, field: 'GPMB', holder: 'collective', status: 'registered', exemplary: true, registeredOn: '2021-01-01', decidedBy: 1 } });
    expect([200, 403, 422]).toContain(patch.status);
    await officer.postForm(`/quan-tri/mo-hinh/${own.model}/sua`, { name: 'Sửa tên', unit: group, field: 'GPMB', holder: 'collective', status: 'registered', exemplary: 'on', registeredOn: '01/01/2021' });
    expect(pick(await row('models', 'code', own.model), cols)).toEqual(was);
    // nor create one already registered or exemplary
    for (const extra of [{ status: 'registered' }, { registeredOn: '2021-02-01' }, { exemplary: true, status: 'registered' }]) {
      const res = await officer.request('/api/v1/models', { method: 'POST', json: { campaign: 'LB-2021', unit: group, field: 'GPMB', holder: 'collective', name: 'Mô hình tự ghi nhận', ...extra } });
      expect(res.status, JSON.stringify(extra)).toBe(403);
    }
    await officer.postForm('/quan-tri/mo-hinh/moi', { campaign: 'LB-2021', unit: group, field: 'GPMB', holder: 'collective', name: 'Mô hình tự ghi nhận', status: 'registered', registeredOn: '01/02/2021' });
    const made = await t.db.db.selectFrom('models').select(['status', 'registered_on']).where('name', '=', 'Mô hình tự ghi nhận').execute();
    for (const m of made) expect(m).toEqual({ status: 'draft', registered_on: null });
    // accepting is the campaign's (the district's) decision
    expect((await officer.request(`/api/v1/models/${own.model}/accept`, { method: 'POST', json: {} })).status).toBe(403);
    expect((await officer.request(`/api/v1/models/${own.model}/exemplary`, { method: 'POST', json: { exemplary: true } })).status).toBe(403);
  });

  it('cannot publish an article nor set its views (API and form)', async () => {
    // "Tin nổi bật" and "Thời điểm đăng" are offered to writers on the form as a proposal: the
    // editor who publishes sees them and decides (publishing sets published_at from the editor's own form)
    const cols = ['status', 'views', 'review_note'];
    const a = await row('articles', 'id', own.article.id);
    const category = (await t.db.db.selectFrom('categories').select('slug').where('id', '=', a.category_id as number).executeTakeFirstOrThrow()).slug;
    const was = pick(a, cols);
    const put = await officer.request(`/api/v1/articles/${own.article.slug}`, { method: 'PUT', json: { category, title: 'Bài đã sửa', status: 'published', publishedAt: '2021-01-01T00:00:00Z', featured: true, views: 999_999 } });
    expect([200, 403]).toContain(put.status);
    await officer.postForm(`/quan-tri/bai-viet/${own.article.id}`, { category, title: 'Bài đã sửa', status: 'published', publishedAt: '01/01/2021 08:00', featured: 'on', views: '999999', thao_tac: 'dang' });
    expect(pick(await row('articles', 'id', own.article.id), cols)).toEqual(was);
    expect((await officer.request(`/api/v1/articles/${own.article.slug}/publish`, { method: 'POST', json: {} })).status).toBe(403);
    // a new article: never published nor counted by its writer
    const res = await officer.request('/api/v1/articles', { method: 'POST', json: { category, title: 'Bài tự đăng', status: 'published', views: 5000 } });
    expect(res.status).toBe(403);
    const made = await officer.request('/api/v1/articles', { method: 'POST', json: { category, title: 'Bài tự đếm', views: 5000, featured: true, publishedAt: '2021-01-01T00:00:00Z' } });
    if (made.status === 201 || made.status === 200) {
      const m = await row('articles', 'title', 'Bài tự đếm');
      expect(pick(m, ['status', 'views'])).toEqual({ status: 'draft', views: 0 });
    }
  });

  it('cannot move its own records into another ward, nor take another ward’s into its own', async () => {
    const before = await fingerprint(t.db.db);
    const doc = await t.db.db.selectFrom('documents').selectAll().where('id', '=', own.document).executeTakeFirstOrThrow();
    const category = (await t.db.db.selectFrom('categories').select('slug').where('link', 'is', null).orderBy('id').executeTakeFirstOrThrow()).slug;
    const model = (code: string, unit: string) => ({ method: 'PATCH', url: `/api/v1/models/${code}`, json: { name: 'Đổi đơn vị', unit, field: 'GPMB', holder: 'collective' } });
    const project = (code: string, unit: string) => ({ method: 'PATCH', url: `/api/v1/clearance-projects/${code}`, json: { name: 'Đổi đơn vị', unit, category: 'new', startedOn: '2021-01-05' } });
    const attempts = [
      model(own.model, foreign.group),
      model(foreign.model, own.group),
      project(own.project, OTHER_WARD),
      project(foreign.project, OFFICER_WARD),
      { method: 'PATCH', url: `/api/v1/households/${own.household}`, json: { project: foreign.project, name: 'Hộ chuyển dự án' } },
      { method: 'PATCH', url: `/api/v1/households/${foreign.household}`, json: { project: own.project, name: 'Hộ chuyển dự án' } },
      { method: 'PUT', url: `/api/v1/articles/${own.article.slug}`, json: { category, title: 'Bài chuyển đơn vị', unit: OTHER_WARD } },
      { method: 'PUT', url: `/api/v1/articles/${foreign.article.slug}`, json: { category, title: 'Bài chuyển đơn vị', unit: OFFICER_WARD } },
      { method: 'PATCH', url: `/api/v1/documents/${own.document}`, json: { number: doc.number, kind: doc.kind, issuer: doc.issuer, date: doc.issued_on, title: doc.title, unit: OTHER_WARD } },
      { method: 'PATCH', url: `/api/v1/documents/${foreign.document}`, json: { number: 'x', kind: 'TB', issuer: 'x', date: '2021-04-02', title: 'x', unit: OFFICER_WARD } },
    ];
    const bad: string[] = [];
    for (const a of attempts) {
      const res = await officer.request(a.url, { method: a.method, json: a.json });
      if (![403, 404, 422].includes(res.status)) bad.push(`${a.method} ${a.url} → ${res.status}`);
    }
    expect(bad).toEqual([]);
    expect(differences(before, await fingerprint(t.db.db))).toEqual([]);
  });

  it('cannot approve its own report, nor by saving it with a status (API and form)', async () => {
    const { form, unit, period } = own.report;
    const sub = async () => (await t.db.db.selectFrom('report_submissions').innerJoin('units', 'units.id', 'report_submissions.unit_id').innerJoin('report_forms', 'report_forms.id', 'report_submissions.form_id').select(['report_submissions.status', 'decided_at', 'decided_by']).where('units.code', '=', unit).where('report_forms.code', '=', form).where('period', '=', period).executeTakeFirstOrThrow());
    const was = await sub();
    await officer.request(`/api/v1/report-forms/${form}/reports/${unit}/${period}`, { method: 'PUT', json: { values: {}, status: 'approved', decidedBy: 1 } });
    expect((await officer.request(`/api/v1/report-forms/${form}/reports/${unit}/${period}/approve`, { method: 'POST', json: {} })).status).toBe(403);
    await officer.postForm(`/quan-tri/bao-cao/${form}/${unit}/${period}`, { thao_tac: 'duyet', status: 'approved' });
    expect((await officer.postForm(`/quan-tri/bao-cao/${form}/${unit}/${period}/duyet`, {})).status).toBe(403);
    expect(await sub()).toEqual(was);
  });

  it('cannot score, propose or decide rewards, nor confirm a payment or approve a plan', async () => {
    const before = await fingerprint(t.db.db);
    const round = (await t.db.db.selectFrom('appraisal_rounds').select('code').executeTakeFirstOrThrow()).code;
    const scored = (await t.db.db.selectFrom('score_sheets').innerJoin('models', 'models.id', 'score_sheets.model_id').select('models.code').orderBy('score_sheets.id').executeTakeFirstOrThrow()).code;
    const decision = (await t.db.db.selectFrom('reward_decisions').select('number').executeTakeFirstOrThrow()).number;
    const attempts: [string, string, unknown][] = [
      ['PUT', `/api/v1/rounds/${round}/scores/${scored}`, { scores: { 'hieu-qua': 40 }, total: 100 }],
      ['POST', `/api/v1/rounds/${round}/proposal`, { models: [own.model] }],
      ['POST', '/api/v1/reward-decisions', { number: '1/QĐ-TỰ', campaign: 'LB-2021', date: '2021-07-01', models: [own.model] }],
      ['POST', `/api/v1/reward-decisions/${encodeURIComponent(decision)}/revoke`, { reason: 'Thử' }],
      ['POST', `/api/v1/households/${own.household}/plan/approve`, { decisionNumber: '9/QĐ', approvedOn: '2021-03-01' }],
      ['POST', `/api/v1/households/${own.household}/payments/${own.payment}/confirm`, {}],
    ];
    for (const [method, url, json] of attempts) expect((await officer.request(url, { method, json })).status, `${method} ${url}`).toBe(403);
    for (const [url, form] of [
      [`/quan-tri/tham-dinh/${round}/cham/${scored}`, { 'c_hieu-qua': '40', thao_tac: 'nop' }],
      ['/quan-tri/khen-thuong/moi', { number: '2/QĐ-TỰ', campaign: 'LB-2021', date: '01/07/2021', models: own.model }],
      [`/quan-tri/khen-thuong/${encodeURIComponent(decision)}/thu-hoi`, { reason: 'Thử' }],
      [`/quan-tri/gpmb/ho-dan/${own.household}/phe-duyet`, { decisionNumber: '9/QĐ', approvedOn: '01/03/2021' }],
      [`/quan-tri/gpmb/ho-dan/${own.household}/chi-tra/${own.payment}/xac-nhan`, {}],
    ] as const) expect((await officer.postForm(url, form)).status, url).toBe(403);
    expect(differences(before, await fingerprint(t.db.db))).toEqual([]);
    // a payment the officer records waits for someone else's confirmation, whatever it claims
    const res = await officer.request(`/api/v1/households/${own.household}/payments`, { method: 'POST', json: { amount: 1000, paidOn: '2021-03-10', status: 'confirmed', confirmedBy: 1 } });
    expect(res.status).toBeLessThan(300);
    const p = await t.db.db.selectFrom('clearance_payments').select(['status', 'confirmed_by']).where('amount', '=', 1000).executeTakeFirstOrThrow();
    expect(p).toEqual({ status: 'recorded', confirmed_by: null });
  });
});

