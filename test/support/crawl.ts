/**
 * A full world to attack and the URLs of every GET route the app serves, with their path
 * parameters filled from the database (real ids, codes, slugs). The route list is the app's own
 * (`app.routes`): a new GET route without a filler here fails `routeUrls`, so crawlers built on
 * it never silently skip a page.
 */
import type { Hono } from 'hono';
import type { Db } from '../../src/db/index.js';
import { createUser } from '../../src/features/accounts/accounts.service.js';
import { loadDemo } from '../../src/features/demo/demo.service.js';
import { attachDocumentFiles } from '../../src/features/documents/documents.service.js';
import { storeFile } from '../../src/features/files/files.service.js';
import { addModelUpdate } from '../../src/features/models/models.service.js';
import { setArticleCover } from '../../src/features/portal/portal.service.js';
import { linkVisitFile } from '../../src/features/supervision/supervision.repository.js';
import type { AppEnv } from '../../src/web/context.js';
import { PASSWORD, system } from './fixtures.js';

export const DEMO_PASSWORD = 'mật khẩu quản trị thử nghiệm';
/** The demo's ward the officer belongs to, and another ward (outside that officer's subtree). */
export const OFFICER_WARD = 'LB-NGOCLAM';
export const OTHER_WARD = 'LB-VIETHUNG';
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

/**
 * The demo (every module: units, campaign, models, teams, appraisal and reward, land clearance to
 * each household, reporting, meetings, supervision, portal) plus what it lacks — uploaded files
 * (a document's PDF, a progress photo, an article cover) — and a ward officer (`officer-nl`).
 */
export async function loadWorld(db: Db): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await loadDemo(trx, { adminPassword: DEMO_PASSWORD });
    await createUser(trx, { actor: system, input: { username: 'officer-nl', fullName: 'Cán bộ phường Ngọc Lâm', unit: OFFICER_WARD, roles: ['officer'], password: PASSWORD } });
    await createUser(trx, { actor: system, input: { username: 'editor-nl', fullName: 'Biên tập phường Ngọc Lâm', unit: OFFICER_WARD, roles: ['editor'], password: PASSWORD } });
    const doc = await trx.selectFrom('documents').select('id').where('is_public', '=', 1).orderBy('id').executeTakeFirstOrThrow();
    await attachDocumentFiles(trx, { actor: system, id: doc.id, files: [{ name: 'Kế hoạch.pdf', bytes: PDF }] });
    const model = await trx.selectFrom('models').select('code').where('status', '=', 'registered').orderBy('id').executeTakeFirstOrThrow();
    await addModelUpdate(trx, { actor: system, code: model.code, input: { date: '2021-06-04', body: 'Ảnh hoạt động' }, files: [{ name: 'ảnh.png', bytes: PNG }] });
    const article = await trx.selectFrom('articles').select('id').where('status', '=', 'published').orderBy('id').executeTakeFirstOrThrow();
    const cover = await storeFile(trx, system, { name: 'ảnh bìa.png', bytes: PNG });
    await setArticleCover(trx, { actor: system, id: article.id, fileId: cover });
    // the minutes of every demo visit (in the officer's ward and outside it)
    for (const v of await trx.selectFrom('visits').select('id').orderBy('id').execute()) await linkVisitFile(trx, v.id, await storeFile(trx, system, { name: 'biên bản kiểm tra.pdf', bytes: PDF }));
  });
}

const enc = encodeURIComponent;

/** Values for path parameters: a few of each, in and out of the officer's ward where it matters. */
async function values(db: Db) {
  const wardIds = await db.selectFrom('units').select(['id', 'code']).where('code', 'in', [OFFICER_WARD, OTHER_WARD]).execute();
  const wardPaths = await db.selectFrom('units').select('path').where('code', 'in', [OFFICER_WARD, OTHER_WARD]).execute();
  const pick = <T>(rows: T[], n = 3) => rows.slice(0, n);
  const unitsUnder = (await db.selectFrom('units').select(['id', 'code', 'path']).execute()).filter((u) => wardPaths.some((w) => u.path.startsWith(w.path)));
  const underIds = unitsUnder.map((u) => u.id);
  const firstPerWard = <T extends { unit_id: number }>(rows: T[]) => {
    const byWard = new Map<string, T>();
    for (const r of rows) {
      const u = unitsUnder.find((x) => x.id === r.unit_id);
      const w = u && wardPaths.find((p) => u.path.startsWith(p.path))?.path;
      if (w && !byWard.has(w)) byWard.set(w, r);
    }
    return [...byWard.values()];
  };
  const models = await db.selectFrom('models').select(['code', 'unit_id']).orderBy('id').execute();
  const projects = await db.selectFrom('clearance_projects').select(['id', 'code', 'unit_id']).orderBy('id').execute();
  const households = await db.selectFrom('clearance_households').innerJoin('clearance_projects as p', 'p.id', 'clearance_households.project_id').select(['clearance_households.code', 'p.unit_id']).orderBy('clearance_households.id').execute();
  const dialogues = await db.selectFrom('clearance_dialogues').innerJoin('clearance_projects as p', 'p.id', 'clearance_dialogues.project_id').select(['clearance_dialogues.id', 'p.code']).orderBy('clearance_dialogues.id').execute();
  const round = await db.selectFrom('appraisal_rounds').select('id').select('code').executeTakeFirstOrThrow();
  const roundModels = await db.selectFrom('score_sheets').innerJoin('models', 'models.id', 'score_sheets.model_id').select('models.code').where('round_id', '=', round.id).orderBy('score_sheets.id').limit(2).execute();
  const subs = await db.selectFrom('report_submissions').innerJoin('units', 'units.id', 'report_submissions.unit_id').select(['units.code as unit', 'period', 'units.id as unit_id']).orderBy('report_submissions.id').execute();
  const form = await db.selectFrom('report_forms').select('code').executeTakeFirstOrThrow();
  const articles = await db.selectFrom('articles').select(['id', 'slug', 'status']).orderBy('id').execute();
  const categories = await db.selectFrom('categories').select('slug').orderBy('id').execute();
  const documents = await db.selectFrom('documents').select('id').orderBy('id').execute();
  const docFiles = await db.selectFrom('document_files').innerJoin('files', 'files.id', 'document_files.file_id').select(['files.id', 'files.name']).execute();
  const updateFiles = await db.selectFrom('model_update_files').select('file_id').execute();
  const covers = await db.selectFrom('articles').select('cover_file_id').where('cover_file_id', 'is not', null).execute();
  const teams = await db.selectFrom('teams').select(['code', 'unit_id']).orderBy('id').execute();
  const meetings = await db.selectFrom('meetings').select('id').orderBy('id').execute();
  const issues = await db.selectFrom('raised_issues').select('id').orderBy('id').execute();
  const visitFiles = await db.selectFrom('visit_files').select('file_id').orderBy('file_id').execute();
  const decisions = await db.selectFrom('reward_decisions').select('number').execute();
  const campaigns = await db.selectFrom('campaigns').select('code').execute();
  const phases = await db.selectFrom('phases').select('code').execute();
  const proposals = await db.selectFrom('award_proposals').select('id').execute();
  const users = await db.selectFrom('users').select('username').orderBy('id').execute();
  return {
    units: ['LB', OFFICER_WARD, OTHER_WARD, ...pick(unitsUnder.filter((u) => u.id !== wardIds[0]?.id && u.id !== wardIds[1]?.id).map((u) => u.code), 2)],
    models: [...pick(models, 2), ...firstPerWard(models)].map((m) => m.code),
    projects: [...pick(projects, 2), ...firstPerWard(projects)].map((p) => p.code),
    households: [...pick(households, 2), ...firstPerWard(households.filter((h) => underIds.includes(h.unit_id)))].map((h) => h.code),
    dialogues: pick(dialogues, 2),
    round: round.code,
    roundModels: roundModels.map((m) => m.code),
    submissions: [...pick(subs, 2), ...firstPerWard(subs.filter((s) => underIds.includes(s.unit_id)))],
    form: form.code,
    articles,
    categories: categories.map((c) => c.slug),
    documents: pick(documents, 4).map((d) => d.id),
    docFiles,
    updateFiles: updateFiles.map((f) => f.file_id),
    covers: covers.map((c) => c.cover_file_id!),
    teams: [...pick(teams, 1), ...firstPerWard(teams)].map((t) => t.code),
    meetings: meetings.map((m) => m.id),
    issues: issues.map((i) => i.id),
    visitFiles: visitFiles.map((f) => f.file_id),
    decisions: decisions.map((d) => d.number),
    campaigns: campaigns.map((c) => c.code),
    phases: phases.map((p) => p.code),
    proposals: proposals.map((p) => p.id),
    users: users.map((u) => u.username),
  };
}

type V = Awaited<ReturnType<typeof values>>;
const each = <T>(xs: readonly T[], f: (x: T) => string) => xs.map(f);

/** Every GET route with parameters, and how to fill them. Routes without parameters are used as they are. */
const FILLERS: Record<string, (v: V) => string[]> = {
  '/bai-viet/:slug': (v) => each(v.articles, (a) => `/bai-viet/${a.slug}`),
  '/api/v1/users/:username': (v) => each(v.users, (u) => `/api/v1/users/${u}`),
  '/api/v1/units/:code': (v) => each(v.units, (c) => `/api/v1/units/${c}`),
  '/api/v1/documents/:id': (v) => each(v.documents, (id) => `/api/v1/documents/${id}`),
  '/api/v1/campaigns/:code': (v) => each(v.campaigns, (c) => `/api/v1/campaigns/${c}`),
  '/api/v1/campaigns/:code/stats': (v) => each(v.campaigns, (c) => `/api/v1/campaigns/${c}/stats?through=2021-09-30`),
  '/api/v1/campaigns/:code/dashboard': (v) => each(v.campaigns, (c) => `/api/v1/campaigns/${c}/dashboard`),
  '/api/v1/phases/:code': (v) => each(v.phases, (c) => `/api/v1/phases/${c}`),
  '/api/v1/phases/:code/stats': (v) => each(v.phases, (c) => `/api/v1/phases/${c}/stats?through=2021-12-31`),
  '/quan-tri/giai-doan/:code': (v) => each(v.phases, (c) => `/quan-tri/giai-doan/${c}?den=31/12/2021`),
  '/api/v1/award-proposals/:id': (v) => each(v.proposals, (n) => `/api/v1/award-proposals/${n}`),
  '/quan-tri/thi-dua/:id': (v) => each(v.proposals, (n) => `/quan-tri/thi-dua/${n}`),
  '/quan-tri/thi-dua/:id/sua': (v) => each(v.proposals, (n) => `/quan-tri/thi-dua/${n}/sua`),
  '/quan-tri/giai-doan/:code/sua': (v) => each(v.phases, (c) => `/quan-tri/giai-doan/${c}/sua`),
  '/api/v1/models/:code': (v) => each(v.models, (c) => `/api/v1/models/${c}`),
  '/api/v1/models/:code/updates': (v) => each(v.models, (c) => `/api/v1/models/${c}/updates`),
  '/api/v1/models/:code/results': (v) => each(v.models, (c) => `/api/v1/models/${c}/results`),
  '/api/v1/teams/:code': (v) => each(v.teams, (c) => `/api/v1/teams/${c}`),
  '/api/v1/rounds/:code': (v) => [`/api/v1/rounds/${v.round}`],
  '/api/v1/rounds/:code/ranking': (v) => [`/api/v1/rounds/${v.round}/ranking`],
  '/api/v1/reward-decisions/:number': (v) => each(v.decisions, (n) => `/api/v1/reward-decisions/${enc(n)}`),
  '/api/v1/clearance-projects/:code': (v) => each(v.projects, (c) => `/api/v1/clearance-projects/${c}`),
  '/api/v1/clearance-projects/:code/households': (v) => each(v.projects, (c) => `/api/v1/clearance-projects/${c}/households`),
  '/api/v1/clearance-projects/:code/dialogues': (v) => each(v.projects, (c) => `/api/v1/clearance-projects/${c}/dialogues`),
  '/api/v1/clearance-projects/:code/complaints': (v) => each(v.projects, (c) => `/api/v1/clearance-projects/${c}/complaints`),
  '/api/v1/households/:code': (v) => each(v.households, (c) => `/api/v1/households/${c}`),
  '/api/v1/articles/:slug': (v) => each(v.articles, (a) => `/api/v1/articles/${a.slug}`),
  '/api/v1/report-forms/:code': (v) => [`/api/v1/report-forms/${v.form}`],
  '/api/v1/report-forms/:code/completeness': (v) => [`/api/v1/report-forms/${v.form}/completeness?period=2021-03`],
  '/api/v1/report-forms/:code/pivot': (v) => [`/api/v1/report-forms/${v.form}/pivot?period=2021-03&period=2021-Q1`],
  // a period with a report and one without (a GET must not open a draft)
  '/api/v1/report-forms/:code/reports/:unit/:period': (v) => [...each(v.submissions, (s) => `/api/v1/report-forms/${v.form}/reports/${s.unit}/${s.period}`), `/api/v1/report-forms/${v.form}/reports/${v.submissions[0]!.unit}/2021-12`],
  '/quan-tri/hoi-nghi/:id': (v) => each(v.meetings, (id) => `/quan-tri/hoi-nghi/${id}`),
  '/api/v1/meetings/:id': (v) => each(v.meetings, (id) => `/api/v1/meetings/${id}`),
  '/quan-tri/van-de/:id': (v) => each(v.issues, (id) => `/quan-tri/van-de/${id}`),
  '/api/v1/issues/:id': (v) => each(v.issues, (id) => `/api/v1/issues/${id}`),
  '/quan-tri/kiem-tra/tep/:fileId': (v) => each(v.visitFiles, (id) => `/quan-tri/kiem-tra/tep/${id}`),
  '/quan-tri/chu-de/:code/bao-cao': (v) => each(v.campaigns, (c) => `/quan-tri/chu-de/${c}/bao-cao?den=30/09/2021`),
  '/quan-tri/chu-de/:code/bao-cao.docx': (v) => each(v.campaigns, (c) => `/quan-tri/chu-de/${c}/bao-cao.docx?den=30/09/2021`),
  '/quan-tri/chu-de/:code/bao-cao.md': (v) => each(v.campaigns, (c) => `/quan-tri/chu-de/${c}/bao-cao.md?den=30/09/2021`),
  '/quan-tri/chu-de/:code/bao-cao.html': (v) => each(v.campaigns, (c) => `/quan-tri/chu-de/${c}/bao-cao.html?den=30/09/2021`),
  '/quan-tri/chu-de/:code': (v) => each(v.campaigns, (c) => `/quan-tri/chu-de/${c}?den=30/09/2021`),
  '/quan-tri/chu-de/:code/sua': (v) => each(v.campaigns, (c) => `/quan-tri/chu-de/${c}/sua`),
  '/quan-tri/tham-dinh/:code': (v) => [`/quan-tri/tham-dinh/${v.round}`],
  '/quan-tri/tham-dinh/:code/to-trinh.docx': (v) => [`/quan-tri/tham-dinh/${v.round}/to-trinh.docx`],
  '/quan-tri/tham-dinh/:code/de-xuat.xlsx': (v) => [`/quan-tri/tham-dinh/${v.round}/de-xuat.xlsx`],
  '/quan-tri/tham-dinh/:code/cham/:model': (v) => each(v.roundModels, (m) => `/quan-tri/tham-dinh/${v.round}/cham/${m}`),
  '/quan-tri/khen-thuong/:number': (v) => each(v.decisions, (n) => `/quan-tri/khen-thuong/${enc(n)}`),
  '/quan-tri/khen-thuong/:number/quyet-dinh.docx': (v) => each(v.decisions, (n) => `/quan-tri/khen-thuong/${enc(n)}/quyet-dinh.docx`),
  '/quan-tri/khen-thuong/:number/danh-sach.xlsx': (v) => each(v.decisions, (n) => `/quan-tri/khen-thuong/${enc(n)}/danh-sach.xlsx`),
  '/quan-tri/khen-thuong/:number/giay-khen': (v) => each(v.decisions, (n) => `/quan-tri/khen-thuong/${enc(n)}/giay-khen`),
  '/quan-tri/mo-hinh/:code': (v) => each(v.models, (c) => `/quan-tri/mo-hinh/${c}`),
  '/quan-tri/mo-hinh/:code/sua': (v) => each(v.models, (c) => `/quan-tri/mo-hinh/${c}/sua`),
  '/quan-tri/tep/:id': (v) => each(v.updateFiles, (id) => `/quan-tri/tep/${id}`),
  '/quan-tri/to-doi/:code': (v) => each(v.teams, (c) => `/quan-tri/to-doi/${c}`),
  '/quan-tri/gpmb/:code/nhap-ho': (v) => each(v.projects, (c) => `/quan-tri/gpmb/${c}/nhap-ho`),
  '/quan-tri/gpmb/:code/mau-ho.xlsx': (v) => each(v.projects, (c) => `/quan-tri/gpmb/${c}/mau-ho.xlsx`),
  '/quan-tri/gpmb/:code/ho-x-buoc.xlsx': (v) => each(v.projects, (c) => `/quan-tri/gpmb/${c}/ho-x-buoc.xlsx`),
  '/quan-tri/gpmb/:code/doi-thoai/:id/bien-ban.docx': (v) => each(v.dialogues, (d) => `/quan-tri/gpmb/${d.code}/doi-thoai/${d.id}/bien-ban.docx`),
  '/quan-tri/gpmb/ho-dan/:hh': (v) => each(v.households, (c) => `/quan-tri/gpmb/ho-dan/${c}`),
  '/quan-tri/gpmb/:code': (v) => each(v.projects, (c) => `/quan-tri/gpmb/${c}`),
  '/quan-tri/gpmb/:code/sua': (v) => each(v.projects, (c) => `/quan-tri/gpmb/${c}/sua`),
  '/quan-tri/gpmb/:code/ho': (v) => each(v.projects, (c) => `/quan-tri/gpmb/${c}/ho`),
  '/quan-tri/gpmb/:code/ho-x-buoc': (v) => each(v.projects, (c) => `/quan-tri/gpmb/${c}/ho-x-buoc`),
  '/quan-tri/gpmb/:code/doi-thoai': (v) => each(v.projects, (c) => `/quan-tri/gpmb/${c}/doi-thoai`),
  '/quan-tri/gpmb/:code/don': (v) => each(v.projects, (c) => `/quan-tri/gpmb/${c}/don`),
  '/quan-tri/van-ban/tep/:fileId': (v) => each(v.docFiles, (f) => `/quan-tri/van-ban/tep/${f.id}`),
  '/quan-tri/van-ban/:id': (v) => each(v.documents, (id) => `/quan-tri/van-ban/${id}`),
  '/quan-tri/bai-viet/:id': (v) => each(v.articles, (a) => `/quan-tri/bai-viet/${a.id}`),
  '/quan-tri/bai-viet/:id/xem': (v) => each(v.articles, (a) => `/quan-tri/bai-viet/${a.id}/xem`),
  '/quan-tri/chuyen-muc/:slug': (v) => each(v.categories, (s) => `/quan-tri/chuyen-muc/${s}`),
  '/quan-tri/bao-cao/:form/thiet-lap': (v) => [`/quan-tri/bao-cao/${v.form}/thiet-lap`],
  '/quan-tri/bao-cao/:form/giao-ban': (v) => [`/quan-tri/bao-cao/${v.form}/giao-ban?ky=2021-Q1`],
  '/quan-tri/bao-cao/:form/giao-ban/:what': (v) => [`/quan-tri/bao-cao/${v.form}/giao-ban/nop-bao-cao?ky=2021-Q1`, `/quan-tri/bao-cao/${v.form}/giao-ban/mo-hinh?ky=2021-Q2`],
  '/quan-tri/bao-cao/:form/giao-ban.docx': (v) => [`/quan-tri/bao-cao/${v.form}/giao-ban.docx?ky=2021-Q1`],
  '/quan-tri/bao-cao/:form': (v) => [`/quan-tri/bao-cao/${v.form}`, `/quan-tri/bao-cao/${v.form}?ky=2021-03`],
  '/quan-tri/bao-cao/:form/tong-hop': (v) => [`/quan-tri/bao-cao/${v.form}/tong-hop?ky=2021-03&ky=2021-Q1`],
  '/quan-tri/bao-cao/:form/tong-hop.xlsx': (v) => [`/quan-tri/bao-cao/${v.form}/tong-hop.xlsx?ky=2021-03`],
  '/quan-tri/bao-cao/:form/:unit/:period': (v) => [...each(v.submissions, (s) => `/quan-tri/bao-cao/${v.form}/${s.unit}/${s.period}`), `/quan-tri/bao-cao/${v.form}/${v.submissions[0]!.unit}/2021-12`],
  '/quan-tri/don-vi/:code': (v) => each(v.units, (c) => `/quan-tri/don-vi/${c}`),
  '/quan-tri/tai-khoan/:username': (v) => each(v.users, (u) => `/quan-tri/tai-khoan/${u}`),
  '/chuyen-muc/:slug/rss.xml': (v) => each(v.categories, (s) => `/chuyen-muc/${s}/rss.xml`),
  '/chuyen-muc/:slug': (v) => each(v.categories, (s) => `/chuyen-muc/${s}`),
  '/kho-tu-lieu/:code': (v) => each(v.campaigns, (c) => `/kho-tu-lieu/${c}`),
  '/anh/:id': (v) => each(v.covers, (id) => `/anh/${id}`),
  '/khen-thuong/:number': (v) => each(v.decisions, (n) => `/khen-thuong/${enc(n)}`),
  '/gpmb/:code': (v) => each(v.projects, (c) => `/gpmb/${c}`),
  '/mo-hinh/:code': (v) => each(v.models, (c) => `/mo-hinh/${c}`),
  '/van-ban/tep/:fileId': (v) => each(v.docFiles, (f) => `/van-ban/tep/${f.id}`),
  '/van-ban/tep/:fileId/:name': (v) => each(v.docFiles, (f) => `/van-ban/tep/${f.id}/${enc(f.name)}`),
  '/van-ban/:id': (v) => each(v.documents, (id) => `/van-ban/${id}`),
};

/** Query strings worth a visit on parameterless routes (search, filters, a date "through"). */
const QUERIES: Record<string, string[]> = {
  '/tim-kiem': ['?q=dan+van+kheo', '?q=%C4%91%C6%B0%E1%BB%9Dng', '?q=gpmb&trang=2'],
  '/api/v1/search': ['?q=dan+van', '?q=ho+ong'],
  '/api/v1/articles': ['?q=ket+qua', '?page=2'],
  '/api/v1/models': ['?campaign=LB-2021', '?q=phong+tuyen'],
  '/api/v1/documents': ['?q=ke+hoach'],
  '/gpmb': ['?loai=key', '?loai=carriedOver'],
  '/van-ban': ['?q=ke+hoach', '?loai=KH'],
  '/quan-tri/mo-hinh': ['?q=shipper', '?trang=2'],
  '/quan-tri/gpmb': ['?den=30/09/2021'],
  '/quan-tri/nhat-ky': ['?trang=2'],
  '/quan-tri/mo-hinh/mau.xlsx': ['?chu_de=LB-2021'],
  '/quan-tri/mo-hinh/xuat.xlsx': ['?chu_de=LB-2021'],
  '/quan-tri/mo-hinh/xuat-de-sua.xlsx': ['?chu_de=LB-2021'],
};

export interface RouteUrl {
  route: string;
  url: string;
}

/** Every GET route of `app` as concrete URLs; throws naming any parametrised route without a filler. */
export async function routeUrls(app: Hono<AppEnv>, db: Db, staticUrl: string): Promise<RouteUrl[]> {
  const v = await values(db);
  const routes = [...new Set(app.routes.filter((r) => r.method === 'GET').map((r) => r.path))];
  const missing = routes.filter((r) => r.includes(':') && r !== '/static/:file' && !FILLERS[r]);
  if (missing.length) throw new Error(`GET routes without a filler in test/support/crawl.ts: ${missing.join(', ')}`);
  const out: RouteUrl[] = [];
  for (const route of routes) {
    if (route === '/static/:file') out.push({ route, url: staticUrl });
    else if (!route.includes(':')) for (const q of ['', ...(QUERIES[route] ?? [])]) out.push({ route, url: route + q });
    else for (const url of FILLERS[route]!(v)) out.push({ route, url });
  }
  return out;
}

/** Same-site links (href and src) of an HTML page, without fragments; outside links left out. */
export function linksOf(html: string): string[] {
  return [...html.matchAll(/(?:href|src)="([^"#]+)/g)]
    .map((m) => m[1]!.replace(/&amp;/g, '&'))
    .filter((h) => h.startsWith('/') && !h.startsWith('//'));
}
