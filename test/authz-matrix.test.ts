/**
 * The authorisation matrix: every route × every role × inside / outside the user's subtree,
 * plus anonymous callers. The route list comes from the app itself, so a new route without a
 * case here fails the first test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSpecs } from '../src/app.js';
import { createUser } from '../src/features/accounts/accounts.service.js';
import { ROLES, type Role } from '../src/policy/policy.js';
import { ACTIONS, type Action } from '../src/policy/policy.js';
import { createUnit } from '../src/features/units/units.service.js';
import { PASSWORD, system } from './support/fixtures.js';
import { Client, createTestApp, type TestApp } from './support/http.js';

type Scope = 'inside' | 'outside';
interface Req {
  method: string;
  path: string;
  json?: unknown;
  form?: Record<string, string | string[]>;
  multipart?: FormData;
}
interface Case {
  /** public: anyone; self: any signed-in user; else the action the route needs */
  action: Action | 'public' | 'self';
  /** the action applies to the installation as a whole ("/"), not a unit subtree */
  global?: boolean;
  /** no outside variant (a list filtered to the scope, a page about oneself) */
  unscoped?: boolean;
  /** signs the client out: use a throwaway session */
  fresh?: boolean;
  /** statuses that count as "allowed" besides 2xx/3xx (e.g. a form's own 422) */
  ok?: number[];
  req(scope: Scope): Promise<Req>;
}

let t: TestApp;
let n = 0;
const next = () => `${++n}`;
const mkUnit = async (scope: Scope) => {
  const code = `${scope === 'inside' ? 'A' : 'B'}-M${next()}`;
  await t.db.db.transaction().execute((trx) => createUnit(trx, { actor: system, input: { code, name: `Đơn vị thử ${code}`, kind: 'residentialGroup', parent: scope === 'inside' ? 'A' : 'B' } }));
  return code;
};
const mkUser = async (scope: Scope) => {
  const username = `u${scope === 'inside' ? 'a' : 'b'}${next()}`;
  await t.db.db.transaction().execute((trx) => createUser(trx, { actor: system, input: { username, fullName: 'Người thử', unit: scope === 'inside' ? 'A' : 'B', roles: ['viewer'], password: PASSWORD } }));
  return username;
};
const parentOf = (s: Scope) => (s === 'inside' ? 'A' : 'B');
const campaignOf = (s: Scope) => (s === 'inside' ? 'CA' : 'CB');
const phaseOf = (s: Scope) => (s === 'inside' ? 'PA' : 'PB');
/** A phase of its own (of a new unit under A or B), for a request that deletes it. */
const mkPhase = async (scope: Scope) => {
  const code = `PD${next()}`;
  const unit = await mkUnit(scope);
  const { createPhase } = await import('../src/features/campaigns/campaigns.service.js');
  await t.db.db.transaction().execute((trx) => createPhase(trx, { actor: system, input: { code, name: 'Giai đoạn để xóa', unit, fromYear: 2024, toYear: 2026 } }));
  return code;
};
const mkModel = async (scope: Scope, status = 'draft') => {
  const code = `M${next()}`;
  const { registerModel } = await import('../src/features/models/models.service.js');
  await t.db.db.transaction().execute((trx) =>
    registerModel(trx, { actor: system, input: { code, campaign: campaignOf(scope), unit: `${parentOf(scope)}-1`, field: 'F1', holder: 'collective', name: `Mô hình thử ${code}`, status } }),
  );
  return code;
};
/** A model of the scope's ward with one result and (registered) one recognition: its code and their ids. */
const mkAchieved = async (scope: Scope) => {
  const code = await mkModel(scope, 'registered');
  const { addModelRecognition, addModelResult } = await import('../src/features/models/models.service.js');
  return t.db.db.transaction().execute(async (trx) => ({
    code,
    result: (await addModelResult(trx, { actor: system, code, input: { on: '2026-03-04', workDays: 12 } })).id,
    recognition: (await addModelRecognition(trx, { actor: system, code, input: { level: 'commune', on: '2026-03-05', decision: 'Quyết định số 1/QĐ-UBND' } })).id,
  }));
};
const mkTeam = async (scope: Scope) => {
  const code = `T${next()}`;
  const { createTeam } = await import('../src/features/teams/teams.service.js');
  await t.db.db.transaction().execute((trx) => createTeam(trx, { actor: system, input: { code, unit: `${parentOf(scope)}-1`, kind: 'covidCommunity', name: 'Tổ thử', members: 5 } }));
  return code;
};
const mkDocument = async (scope: Scope, isPublic = true) => {
  const { createDocument } = await import('../src/features/documents/documents.service.js');
  const d = await t.db.db.transaction().execute((trx) =>
    createDocument(trx, { actor: system, input: { number: `${next()}-KH/TEST`, kind: 'KH', issuer: 'Đơn vị thử', unit: parentOf(scope), date: '2026-01-02', title: 'Văn bản thử', public: isPublic } }),
  );
  return d.id;
};
/** A public document of the scope's ward with one attached PDF: its id and the file's. */
const mkDocumentFile = async (scope: Scope) => {
  const id = await mkDocument(scope);
  const { attachDocumentFiles } = await import('../src/features/documents/documents.service.js');
  const d = await t.db.db.transaction().execute((trx) => attachDocumentFiles(trx, { actor: system, id, files: [{ name: 'Kế hoạch.pdf', bytes: Buffer.from('%PDF-1.4\n%%EOF\n') }] }));
  return { id, fileId: d.files[0]!.id };
};
const docUpload = () => {
  const fd = new FormData();
  fd.set('files', new File([Buffer.from('%PDF-1.4\n%%EOF\n')], 'Phụ lục.pdf', { type: 'application/pdf' }));
  return fd;
};
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
/** The matrix's news category (made once) and an article of the scope's ward in a given state. */
let newsCategory: Promise<void> | undefined;
const ensureNews = () =>
  (newsCategory ??= (async () => {
    const { createCategory, editorUsers, setCategoryEditors } = await import('../src/features/portal/portal.service.js');
    // editors work in the categories assigned to them (none without: issue #20 item 10)
    await t.db.db.transaction().execute(async (trx) => {
      await createCategory(trx, { actor: system, input: { slug: 'mx-tin', name: 'Tin thử' } });
      await setCategoryEditors(trx, { actor: system, slug: 'mx-tin', userIds: (await editorUsers(trx)).map((u) => u.id) });
    });
  })());
const mkArticle = async (scope: Scope, status: 'draft' | 'review' | 'published' = 'draft') => {
  await ensureNews();
  const { createArticle, publishArticle, submitArticle } = await import('../src/features/portal/portal.service.js');
  return t.db.db.transaction().execute(async (trx) => {
    const a = await createArticle(trx, { actor: system, input: { category: 'mx-tin', title: `Bài thử ${next()}`, body: '<p>Nội dung</p>', unit: `${parentOf(scope)}-1` } });
    if (status !== 'draft') await submitArticle(trx, { actor: system, id: a.id });
    if (status === 'published') await publishArticle(trx, { actor: system, id: a.id });
    return a;
  });
};
const campaignCategories = new Map<string, Promise<unknown>>();
const ensureCampaignCategory = (campaign: string) => {
  let p = campaignCategories.get(campaign);
  if (!p) {
    p = import('../src/features/portal/portal.service.js').then(({ createCategory, editorUsers, setCategoryEditors }) =>
      t.db.db.transaction().execute(async (trx) => {
        // named without the campaign's code: the portal menu lists it on every page, 404 pages included,
        // and `missingVariant` blanks the code wherever it appears in an answer
        await createCategory(trx, { actor: system, input: { slug: `hoat-dong-${campaign.toLowerCase()}`, name: `Hoạt động chủ đề ${campaign.toLowerCase()}`, campaign } });
        await setCategoryEditors(trx, { actor: system, slug: `hoat-dong-${campaign.toLowerCase()}`, userIds: (await editorUsers(trx)).map((u) => u.id) });
      }),
    );
    campaignCategories.set(campaign, p);
  }
  return p;
};
/** The matrix's report form (residential groups report to the city, so a ward's officers approve) and its reports. */
let reportForm: Promise<unknown> | undefined;
const ensureReportForm = () =>
  (reportForm ??= import('../src/features/reporting/reporting.service.js').then(({ saveForm }) =>
    t.db.db.transaction().execute(async (trx) => {
      // a group of its own in each ward, with nothing below it (other cases add units under A-1)
      for (const w of ['A', 'B']) await createUnit(trx, { actor: system, input: { code: `${w}-BC`, name: `Tổ dân phố báo cáo ${w}`, kind: 'residentialGroup', parent: w } });
      await saveForm(trx, { actor: system, input: { code: 'MX-BC', name: 'Báo cáo thử', unit: 'HN', periodType: 'month', deadlineDays: 5, reportingKinds: ['residentialGroup'], indicators: [{ code: 'so_ho', name: 'Số hộ', type: 'int' }] } });
    }),
  ));
let reportMonth = 0;
/** A month no other case has used (2000-01, 2000-02, …), so each request finds its report as it left it. */
const freshMonth = () => {
  const k = reportMonth++;
  return `${2000 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`;
};
const mkReport = async (scope: Scope, submit = true) => {
  await ensureReportForm();
  const period = freshMonth();
  const { saveEntry } = await import('../src/features/reporting/reporting.service.js');
  await t.db.db.transaction().execute((trx) => saveEntry(trx, { actor: system, form: 'MX-BC', unit: `${parentOf(scope)}-BC`, period, values: { so_ho: 5 }, submit }));
  return { unit: `${parentOf(scope)}-BC`, period };
};
const mkMeeting = async (scope: Scope) => {
  const { recordMeeting } = await import('../src/features/supervision/supervision.service.js');
  return t.db.db.transaction().execute((trx) =>
    recordMeeting(trx, { actor: system, input: { unit: parentOf(scope), kind: 'briefing', title: `Giao ban thử ${next()}`, heldOn: '2026-01-05', chair: 'Chủ trì', attendeesCount: 5, conclusions: [{ content: 'Việc thử', owner: `${parentOf(scope)}-1`, dueOn: '2026-02-01' }] } }),
  );
};
/** An issue raised at the scope's group, decided by the ward (or by the group itself, to be sent up). */
const mkIssue = async (scope: Scope, decidedByGroup = false) => {
  const { raiseIssue } = await import('../src/features/supervision/supervision.issues.js');
  return t.db.db.transaction().execute((trx) =>
    raiseIssue(trx, { actor: system, input: { unit: `${parentOf(scope)}-1`, title: `Vấn đề thử ${next()}`, raisedOn: '2026-01-05', ...(decidedByGroup ? { decider: `${parentOf(scope)}-1` } : {}) } }),
  );
};
/** A visit to the scope's group with one attached PNG: the file's id. */
const mkVisitFile = async (scope: Scope) => {
  const { recordVisit, listVisits } = await import('../src/features/supervision/supervision.service.js');
  const v = await t.db.db.transaction().execute((trx) =>
    recordVisit(trx, { actor: system, input: { leader: `Đồng chí ${next()}`, title: 'UVTV', unit: `${parentOf(scope)}-1`, visitedOn: '2026-01-05', inspected: 'Mô hình', findings: 'Tốt', note: 'Đột xuất' }, files: [{ name: 'biên bản.png', bytes: PNG }] }),
  );
  return (await listVisits(t.db.db, system)).find((x) => x.id === v.id)!.files[0]!.id;
};
const mkPerson = async (scope: Scope) => {
  const team = await mkTeam(scope);
  const { savePerson } = await import('../src/features/supervision/supervision.persons.js');
  return t.db.db.transaction().execute((trx) => savePerson(trx, { actor: system, input: { team, fullName: `Người uy tín ${next()}`, trustedFor: 'Hòa giải' } }));
};
const mkCategory = async () => {
  const { createCategory } = await import('../src/features/portal/portal.service.js');
  return (await t.db.db.transaction().execute((trx) => createCategory(trx, { actor: system, input: { name: `Chuyên mục thử ${next()}` } }))).slug;
};
const mkCover = async () => {
  const a = await mkArticle('inside', 'published');
  const { storeFile } = await import('../src/features/files/files.service.js');
  const { setArticleCover } = await import('../src/features/portal/portal.service.js');
  return t.db.db.transaction().execute(async (trx) => {
    const fileId = await storeFile(trx, system, { name: 'ảnh bìa.png', bytes: PNG });
    await setArticleCover(trx, { actor: system, id: a.id, fileId });
    return fileId;
  });
};
const coverUpload = () => {
  const fd = new FormData();
  fd.set('cover', new File([PNG], 'Ảnh bìa.png', { type: 'image/png' }));
  return fd;
};
const mkFile = async (scope: Scope) => {
  const code = await mkModel(scope);
  const { addModelUpdate } = await import('../src/features/models/models.service.js');
  const u = await t.db.db.transaction().execute((trx) => addModelUpdate(trx, { actor: system, code, input: { date: '2026-03-04', body: 'Ảnh' }, files: [{ name: 'ảnh.png', bytes: PNG }] }));
  return u.files[0]!.id;
};
const modelWorkbook = async (s: Scope) => {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Mô hình').addRows([
    ['Tên mô hình', 'Tập thể / cá nhân', 'Mã đơn vị', 'Lĩnh vực'],
    ['Mô hình từ Excel', 'Tập thể', `${parentOf(s)}-1`, 'F1'],
  ]);
  const fd = new FormData();
  fd.set('chu_de', campaignOf(s));
  fd.set('file', new File([Buffer.from(await wb.xlsx.writeBuffer())], 'mo-hinh.xlsx'));
  return fd;
};
const mkRound = async (scope: Scope) => {
  const code = `RD${next()}`;
  const { createRound } = await import('../src/features/appraisal/appraisal.service.js');
  await t.db.db.transaction().execute((trx) =>
    createRound(trx, { actor: system, input: { code, campaign: campaignOf(scope), name: 'Đợt thử', kind: 'adhoc', opensOn: '2026-01-01', closesOn: '2099-12-31', cutoffOn: '2026-12-31', appraisers: [scope === 'inside' ? 'appraiser-a' : 'appraiser-b'] } }),
  );
  return code;
};
const mkDecision = async (scope: Scope, publish = false) => {
  const number = `${next()}/QĐ-THU`;
  const model = await mkModel(scope, 'registered');
  const { createDecision, publishDecision } = await import('../src/features/appraisal/appraisal.service.js');
  await t.db.db.transaction().execute(async (trx) => {
    await createDecision(trx, { actor: system, input: { number, campaign: campaignOf(scope), date: '2026-08-01', models: [model] } });
    if (publish) await publishDecision(trx, { actor: system, number, confirm: true });
  });
  return encodeURIComponent(number);
};
/** A proposal of the scope's residential group for the ward's Giấy khen (so to the ward's council), brought to a status. */
const mkProposal = async (scope: Scope, status: 'draft' | 'submitted' | 'received' = 'submitted') => {
  const number = `${next()}/TTr-THU`;
  const { createProposal, receiveProposal, submitProposal } = await import('../src/features/emulation/emulation.service.js');
  return t.db.db.transaction().execute(async (trx) => {
    const { id } = await createProposal(trx, { actor: system, input: proposalBody(scope, number) });
    if (status !== 'draft') await submitProposal(trx, { actor: system, id });
    if (status === 'received') await receiveProposal(trx, { actor: system, id });
    return id;
  });
};
const proposalBody = (s: Scope, number: string) => ({ number, from: `${parentOf(s)}-1`, form: 'GK-XA', title: 'Đề nghị khen thưởng thử', recipients: [{ kind: 'individual', name: 'Nguyễn Văn Thử', role: 'direct' }] });
const modelBody = (s: Scope) => ({ name: 'Sửa tên', unit: `${parentOf(s)}-1`, field: 'F1', holder: 'collective' });
const bundleFile = (s: Scope) => {
  const fd = new FormData();
  fd.set('file', new File([JSON.stringify({ version: 1, units: [{ code: `IMP${next()}`, name: 'Nhập thử', kind: 'residentialGroup', parent: parentOf(s) }] })], 'goi.json', { type: 'application/json' }));
  return fd;
};
const get = (path: string): Req => ({ method: 'GET', path });
/** A land clearance project in ward A (inside) or B (outside), with `households` households. */
const mkProject = async (scope: Scope, households = 0) => {
  const code = `DA${next()}`;
  const { createProject } = await import('../src/features/landClearance/landClearance.service.js');
  const { createHousehold } = await import('../src/features/landClearance/landClearance.households.js');
  await t.db.db.transaction().execute(async (trx) => {
    await createProject(trx, { actor: system, input: { code, name: `Dự án thử ${code}`, unit: parentOf(scope), category: 'new', startedOn: '2026-01-05' } });
    for (let i = 1; i <= households; i++) await createHousehold(trx, { actor: system, input: { code: `${code}-H${i}`, project: code, name: `Hộ thử ${i}`, address: 'Địa chỉ thử', parcels: [{ mapSheet: '1', parcelNo: String(i), areaM2: 100, recoveredM2: 50 }] } });
  });
  return code;
};
/** A household (with an approved plan when `approved`) of a new project in scope. */
const mkHousehold = async (scope: Scope, approved = false) => {
  const project = await mkProject(scope, 1);
  const code = `${project}-H1`;
  if (approved) {
    const { savePlan, approvePlan } = await import('../src/features/landClearance/landClearance.households.js');
    await t.db.db.transaction().execute(async (trx) => {
      await savePlan(trx, { actor: system, code, input: { land: 100_000_000 } });
      await approvePlan(trx, { actor: system, code, input: { decisionNumber: `${next()}/QĐ-UBND`, approvedOn: '2026-02-01' } });
    });
  }
  return { project, code };
};

/** A household with a provisional plan (made by the system, so any user may approve it). */
const mkDraftPlan = async (scope: Scope) => {
  const h = await mkHousehold(scope);
  const { savePlan } = await import('../src/features/landClearance/landClearance.households.js');
  await t.db.db.transaction().execute((trx) => savePlan(trx, { actor: system, code: h.code, input: { land: 50_000_000 } }));
  return h;
};
/** A payment recorded and waiting for someone's confirmation. */
const mkPendingPayment = async (scope: Scope) => {
  const h = await mkHousehold(scope, true);
  const { recordPayment } = await import('../src/features/landClearance/landClearance.households.js');
  const out = await t.db.db.transaction().execute((trx) => recordPayment(trx, { actor: system, code: h.code, input: { amount: 1_000_000, paidOn: '2026-02-03' } }));
  const id = out.payments[0]!.id;
  // the system's own payments count as confirmed; put this one back to "waiting", as an officer's would be
  await t.db.db.updateTable('clearance_payments').set({ status: 'recorded', confirmed_by_name: null, confirmed_at: null }).where('id', '=', id).execute();
  return { ...h, id };
};
const mkObstacle = async (scope: Scope) => {
  const h = await mkHousehold(scope);
  const { openObstacle } = await import('../src/features/landClearance/landClearance.households.js');
  const out = await t.db.db.transaction().execute((trx) => openObstacle(trx, { actor: system, code: h.code, input: { openedOn: '2026-02-01', description: 'Vướng mắc thử' } }));
  return { ...h, id: out.obstacles[0]!.id };
};
const mkComplaint = async (scope: Scope) => {
  const project = await mkProject(scope);
  const { receiveComplaint } = await import('../src/features/landClearance/landClearance.engagement.js');
  const id = await t.db.db.transaction().execute((trx) => receiveComplaint(trx, { actor: system, projectCode: project, input: { kind: 'petition', receivedOn: '2026-02-01', content: 'Kiến nghị thử' } }));
  return { project, id };
};
const mkFollowup = async (scope: Scope) => {
  const project = await mkProject(scope);
  const { recordDialogue } = await import('../src/features/landClearance/landClearance.engagement.js');
  const d = await t.db.db.transaction().execute((trx) => recordDialogue(trx, { actor: system, projectCode: project, input: { heldOn: '2026-02-10', place: 'Hội trường', chair: 'Chủ trì', participants: 9, followups: [{ task: 'Rà soát', owner: 'Tổ công tác', dueOn: '2026-03-01' }] } }));
  return { project, id: d.followups[0]!.id };
};
const dialogueBody = { heldOn: '2026-02-10', place: 'Nhà văn hóa', chair: 'Chủ tịch UBND phường', participants: 20 };

const CASES: Record<string, Case> = {
  'GET /healthz': { action: 'public', req: async () => get('/healthz') },
  'GET /readyz': { action: 'public', req: async () => get('/readyz') },
  'GET /static/:file': { action: 'public', req: async () => get(t.app.routes.length ? await staticUrl() : '') },
  'GET /favicon.ico': { action: 'public', req: async () => get('/favicon.ico') },
  'GET /': { action: 'public', req: async () => get('/') },
  'GET /don-vi': { action: 'public', req: async () => get('/don-vi') },
  'GET /dang-nhap': { action: 'public', req: async () => get('/dang-nhap') },
  'POST /dang-nhap': { action: 'public', ok: [401], req: async () => ({ method: 'POST', path: '/dang-nhap', form: { username: 'khong-ai', password: 'sai-mat-khau-roi' } }) },
  'POST /dang-xuat': { action: 'public', fresh: true, req: async () => ({ method: 'POST', path: '/dang-xuat', form: {} }) },
  'GET /doi-mat-khau': { action: 'self', unscoped: true, req: async () => get('/doi-mat-khau') },
  'POST /doi-mat-khau': { action: 'self', unscoped: true, ok: [422], req: async () => ({ method: 'POST', path: '/doi-mat-khau', form: { currentPassword: 'sai', newPassword: 'x', confirmPassword: 'x' } }) },
  'GET /api/v1/openapi.json': { action: 'public', req: async () => get('/api/v1/openapi.json') },
  'POST /api/v1/auth/login': { action: 'public', ok: [401], req: async () => ({ method: 'POST', path: '/api/v1/auth/login', json: { username: 'khong-ai', password: 'sai-mat-khau-roi' } }) },
  'POST /api/v1/auth/logout': { action: 'self', unscoped: true, fresh: true, req: async () => ({ method: 'POST', path: '/api/v1/auth/logout', json: {} }) },
  'GET /api/v1/auth/me': { action: 'self', unscoped: true, req: async () => get('/api/v1/auth/me') },
  'GET /api/v1/users': { action: 'user.read', unscoped: true, req: async () => get('/api/v1/users') },
  'POST /api/v1/users': { action: 'user.manage', req: async (s) => ({ method: 'POST', path: '/api/v1/users', json: { username: `new${next()}`, fullName: 'Mới', unit: parentOf(s), roles: ['viewer'], password: PASSWORD } }) },
  'GET /api/v1/users/:username': { action: 'user.read', req: async (s) => get(`/api/v1/users/${await mkUser(s)}`) },
  'PATCH /api/v1/users/:username': { action: 'user.manage', req: async (s) => ({ method: 'PATCH', path: `/api/v1/users/${await mkUser(s)}`, json: { fullName: 'Đổi', unit: parentOf(s), roles: ['viewer'] } }) },
  'POST /api/v1/users/:username/disable': { action: 'user.manage', req: async (s) => ({ method: 'POST', path: `/api/v1/users/${await mkUser(s)}/disable`, json: {} }) },
  'POST /api/v1/users/:username/enable': { action: 'user.manage', req: async (s) => ({ method: 'POST', path: `/api/v1/users/${await mkUser(s)}/enable`, json: {} }) },
  'POST /api/v1/users/:username/password': { action: 'user.manage', req: async (s) => ({ method: 'POST', path: `/api/v1/users/${await mkUser(s)}/password`, json: { password: 'mật khẩu mới đủ dài' } }) },
  'GET /api/v1/units': { action: 'unit.read', unscoped: true, req: async () => get('/api/v1/units') },
  'POST /api/v1/units': { action: 'unit.create', req: async (s) => ({ method: 'POST', path: '/api/v1/units', json: { code: `N${next()}`, name: 'Mới', kind: 'residentialGroup', parent: parentOf(s) } }) },
  'GET /api/v1/units/:code': { action: 'unit.read', req: async (s) => get(`/api/v1/units/${await mkUnit(s)}`) },
  'PATCH /api/v1/units/:code': { action: 'unit.update', req: async (s) => ({ method: 'PATCH', path: `/api/v1/units/${await mkUnit(s)}`, json: { name: 'Đổi tên', kind: 'residentialGroup' } }) },
  'POST /api/v1/units/:code/move': { action: 'unit.move', req: async (s) => ({ method: 'POST', path: `/api/v1/units/${await mkUnit(s)}/move`, json: { parent: `${parentOf(s)}-1` } }) },
  'POST /api/v1/units/:code/deactivate': { action: 'unit.deactivate', req: async (s) => ({ method: 'POST', path: `/api/v1/units/${await mkUnit(s)}/deactivate`, json: {} }) },
  'POST /api/v1/units/:code/reactivate': {
    action: 'unit.deactivate',
    req: async (s) => {
      const code = await mkUnit(s);
      const { deactivateUnit } = await import('../src/features/units/units.service.js');
      await t.db.db.transaction().execute((trx) => deactivateUnit(trx, { actor: system, code, input: {} }));
      return { method: 'POST', path: `/api/v1/units/${code}/reactivate`, json: {} };
    },
  },
  'DELETE /api/v1/units/:code': { action: 'unit.deactivate', req: async (s) => ({ method: 'DELETE', path: `/api/v1/units/${await mkUnit(s)}` }) },
  'GET /api/v1/audit': { action: 'audit.read', global: true, req: async () => get('/api/v1/audit') },
  'POST /api/v1/import': { action: 'bundle.import', req: async (s) => ({ method: 'POST', path: '/api/v1/import', json: { version: 1, units: [{ code: `IMP${next()}`, name: 'Nhập', kind: 'residentialGroup', parent: parentOf(s) }] } }) },
  'GET /api/v1/export': { action: 'bundle.export', unscoped: true, req: async () => get('/api/v1/export') },
  'GET /api/v1/documents': { action: 'document.read', unscoped: true, req: async () => get('/api/v1/documents?q=van+ban') },
  'POST /api/v1/documents': { action: 'document.manage', req: async (s) => ({ method: 'POST', path: '/api/v1/documents', json: { number: `${next()}-TB/TEST`, kind: 'TB', issuer: 'Thử', unit: parentOf(s), date: '2026-02-03', title: 'Thông báo thử' } }) },
  'GET /api/v1/documents/:id': { action: 'document.read', unscoped: true, req: async (s) => get(`/api/v1/documents/${await mkDocument(s)}`) },
  'PATCH /api/v1/documents/:id': { action: 'document.manage', req: async (s) => ({ method: 'PATCH', path: `/api/v1/documents/${await mkDocument(s)}`, json: { number: `${next()}-KH/SUA`, kind: 'KH', issuer: 'Thử', unit: parentOf(s), date: '2026-01-02', title: 'Đã sửa' } }) },
  'GET /api/v1/campaigns': { action: 'campaign.read', unscoped: true, req: async () => get('/api/v1/campaigns') },
  // a unit of its own each time: A and B have a campaign of 2026 in a phase, which takes one a year
  'POST /api/v1/campaigns': { action: 'campaign.manage', req: async (s) => ({ method: 'POST', path: '/api/v1/campaigns', json: { code: `C${next()}`, unit: await mkUnit(s), year: 2026, theme: 'Chủ đề thử', fields: [{ code: 'F1', name: 'Lĩnh vực 1' }] } }) },
  'GET /api/v1/campaigns/:code': { action: 'campaign.read', req: async (s) => get(`/api/v1/campaigns/${campaignOf(s)}`) },
  'PATCH /api/v1/campaigns/:code': { action: 'campaign.manage', req: async (s) => ({ method: 'PATCH', path: `/api/v1/campaigns/${campaignOf(s)}`, json: { unit: parentOf(s), year: 2026, theme: 'Chủ đề thử (sửa)', fields: [{ code: 'F1', name: 'Lĩnh vực 1' }] } }) },
  'GET /api/v1/campaigns/:code/stats': { action: 'public', req: async () => get('/api/v1/campaigns/CA/stats?through=2026-12-31') },
  'GET /api/v1/award-forms': { action: 'appraisal.read', unscoped: true, req: async () => get('/api/v1/award-forms') },
  'POST /api/v1/award-forms': { action: 'settings.update', global: true, req: async () => ({ method: 'POST', path: '/api/v1/award-forms', json: { code: `AF${next()}`, name: 'Giấy khen thử', kind: 'award', level: 'commune', grantor: 'Chủ tịch UBND cấp xã' } }) },
  'GET /api/v1/award-proposals': { action: 'appraisal.read', unscoped: true, req: async () => get('/api/v1/award-proposals') },
  'POST /api/v1/award-proposals': { action: 'appraisal.manage', req: async (s) => ({ method: 'POST', path: '/api/v1/award-proposals', json: proposalBody(s, `${next()}/TTr-MOI`) }) },
  'GET /api/v1/award-proposals/:id': { action: 'appraisal.read', req: async (s) => get(`/api/v1/award-proposals/${await mkProposal(s)}`) },
  'PATCH /api/v1/award-proposals/:id': { action: 'appraisal.manage', req: async (s) => { const { number: _n, from: _f, ...body } = proposalBody(s, 'x'); return { method: 'PATCH', path: `/api/v1/award-proposals/${await mkProposal(s, 'draft')}`, json: body }; } },
  'POST /api/v1/award-proposals/:id/submit': { action: 'appraisal.manage', req: async (s) => ({ method: 'POST', path: `/api/v1/award-proposals/${await mkProposal(s, 'draft')}/submit`, json: {} }) },
  'POST /api/v1/award-proposals/:id/receive': { action: 'reward.decide', req: async (s) => ({ method: 'POST', path: `/api/v1/award-proposals/${await mkProposal(s)}/receive`, json: {} }) },
  'POST /api/v1/award-proposals/:id/review': { action: 'reward.decide', req: async (s) => ({ method: 'POST', path: `/api/v1/award-proposals/${await mkProposal(s, 'received')}/review`, json: { note: 'Đủ điều kiện' } }) },
  'POST /api/v1/award-proposals/:id/decide': { action: 'reward.decide', req: async (s) => ({ method: 'POST', path: `/api/v1/award-proposals/${await mkProposal(s, 'received')}/decide`, json: { decisionNumber: `${next()}/QĐ-KT` } }) },
  'POST /api/v1/award-proposals/:id/return': { action: 'reward.decide', req: async (s) => ({ method: 'POST', path: `/api/v1/award-proposals/${await mkProposal(s)}/return`, json: { reason: 'Thiếu hồ sơ' } }) },
  'GET /api/v1/awards': { action: 'appraisal.read', unscoped: true, req: async () => get('/api/v1/awards?name=thu') },
  'GET /quan-tri/thi-dua': { action: 'appraisal.read', unscoped: true, req: async () => get('/quan-tri/thi-dua?ten=thu') },
  'GET /quan-tri/thi-dua/danh-muc': { action: 'appraisal.read', unscoped: true, req: async () => get('/quan-tri/thi-dua/danh-muc') },
  'POST /quan-tri/thi-dua/danh-muc': { action: 'settings.update', global: true, req: async () => ({ method: 'POST', path: '/quan-tri/thi-dua/danh-muc', form: { code: `AF${next()}`, name: 'Giấy khen thử', kind: 'award', level: 'commune', grantor: 'Chủ tịch UBND cấp xã' } }) },
  'GET /quan-tri/thi-dua/moi': { action: 'appraisal.manage', unscoped: true, req: async () => get('/quan-tri/thi-dua/moi') },
  'POST /quan-tri/thi-dua/moi': { action: 'appraisal.manage', req: async (s) => ({ method: 'POST', path: '/quan-tri/thi-dua/moi', form: { number: `${next()}/TTr-FORM`, from: `${parentOf(s)}-1`, form: 'GK-XA', title: 'Đề nghị khen thưởng thử', recipients: 'Cá nhân | Nguyễn Văn Thử | | trực tiếp' } }) },
  'GET /quan-tri/thi-dua/:id': { action: 'appraisal.read', req: async (s) => get(`/quan-tri/thi-dua/${await mkProposal(s)}`) },
  'GET /quan-tri/thi-dua/:id/sua': { action: 'appraisal.manage', req: async (s) => get(`/quan-tri/thi-dua/${await mkProposal(s, 'draft')}/sua`) },
  'POST /quan-tri/thi-dua/:id/sua': { action: 'appraisal.manage', req: async (s) => ({ method: 'POST', path: `/quan-tri/thi-dua/${await mkProposal(s, 'draft')}/sua`, form: { form: 'GK-XA', title: 'Đề nghị khen thưởng (sửa)', recipients: 'Cá nhân | Nguyễn Văn Thử | | trực tiếp' } }) },
  'POST /quan-tri/thi-dua/:id/gui': { action: 'appraisal.manage', req: async (s) => ({ method: 'POST', path: `/quan-tri/thi-dua/${await mkProposal(s, 'draft')}/gui`, form: { on: '' } }) },
  'POST /quan-tri/thi-dua/:id/tiep-nhan': { action: 'reward.decide', req: async (s) => ({ method: 'POST', path: `/quan-tri/thi-dua/${await mkProposal(s)}/tiep-nhan`, form: { on: '' } }) },
  'POST /quan-tri/thi-dua/:id/xet': { action: 'reward.decide', req: async (s) => ({ method: 'POST', path: `/quan-tri/thi-dua/${await mkProposal(s, 'received')}/xet`, form: { on: '', note: '' } }) },
  'POST /quan-tri/thi-dua/:id/quyet-dinh': { action: 'reward.decide', req: async (s) => ({ method: 'POST', path: `/quan-tri/thi-dua/${await mkProposal(s, 'received')}/quyet-dinh`, form: { on: '', decisionNumber: `${next()}/QĐ-KT`, awarded: ['1'] } }) },
  'POST /quan-tri/thi-dua/:id/tra-lai': { action: 'reward.decide', req: async (s) => ({ method: 'POST', path: `/quan-tri/thi-dua/${await mkProposal(s)}/tra-lai`, form: { reason: 'Thiếu hồ sơ' } }) },
  'GET /api/v1/phases': { action: 'campaign.read', unscoped: true, req: async () => get('/api/v1/phases') },
  // a unit of its own each time: a unit's phases do not overlap
  'POST /api/v1/phases': { action: 'campaign.manage', req: async (s) => ({ method: 'POST', path: '/api/v1/phases', json: { code: `PH${next()}`, name: 'Giai đoạn thử', unit: await mkUnit(s), fromYear: 2024, toYear: 2026 } }) },
  'GET /api/v1/phases/:code': { action: 'campaign.read', req: async (s) => get(`/api/v1/phases/${phaseOf(s)}`) },
  'PATCH /api/v1/phases/:code': { action: 'campaign.manage', req: async (s) => ({ method: 'PATCH', path: `/api/v1/phases/${phaseOf(s)}`, json: { name: 'Giai đoạn thử (sửa)', unit: parentOf(s), fromYear: 2025, toYear: 2026 } }) },
  'DELETE /api/v1/phases/:code': { action: 'campaign.manage', req: async (s) => ({ method: 'DELETE', path: `/api/v1/phases/${await mkPhase(s)}` }) },
  'GET /api/v1/phases/:code/stats': { action: 'campaign.read', req: async (s) => get(`/api/v1/phases/${phaseOf(s)}/stats?through=2026-12-31`) },
  'GET /quan-tri/giai-doan/moi': { action: 'campaign.manage', unscoped: true, req: async () => get('/quan-tri/giai-doan/moi') },
  'POST /quan-tri/giai-doan/moi': { action: 'campaign.manage', req: async (s) => ({ method: 'POST', path: '/quan-tri/giai-doan/moi', form: { code: `PF${next()}`, name: 'Giai đoạn thử', unit: await mkUnit(s), fromYear: '2024', toYear: '2026' } }) },
  'GET /quan-tri/giai-doan/:code': { action: 'campaign.read', req: async (s) => get(`/quan-tri/giai-doan/${phaseOf(s)}?den=31/12/2026`) },
  'GET /quan-tri/giai-doan/:code/sua': { action: 'campaign.manage', req: async (s) => get(`/quan-tri/giai-doan/${phaseOf(s)}/sua`) },
  'POST /quan-tri/giai-doan/:code/xoa': { action: 'campaign.manage', req: async (s) => ({ method: 'POST', path: `/quan-tri/giai-doan/${await mkPhase(s)}/xoa`, form: {} }) },
  'POST /quan-tri/giai-doan/:code/sua': { action: 'campaign.manage', req: async (s) => ({ method: 'POST', path: `/quan-tri/giai-doan/${phaseOf(s)}/sua`, form: { name: `Giai đoạn của ${parentOf(s)}`, unit: parentOf(s), fromYear: '2025', toYear: '2026' } }) },
  'GET /api/v1/campaigns/:code/dashboard': { action: 'campaign.read', req: async (s) => get(`/api/v1/campaigns/${campaignOf(s)}/dashboard`) },
  'GET /api/v1/models': { action: 'model.read', unscoped: true, req: async () => get('/api/v1/models?campaign=CA') },
  'POST /api/v1/models': { action: 'model.edit', req: async (s) => ({ method: 'POST', path: '/api/v1/models', json: { campaign: campaignOf(s), unit: `${parentOf(s)}-1`, field: 'F1', holder: 'collective', name: 'Mô hình mới' } }) },
  'GET /api/v1/models/:code': { action: 'model.read', req: async (s) => get(`/api/v1/models/${await mkModel(s)}`) },
  'PATCH /api/v1/models/:code': { action: 'model.edit', req: async (s) => ({ method: 'PATCH', path: `/api/v1/models/${await mkModel(s)}`, json: modelBody(s) }) },
  'POST /api/v1/models/:code/submit': { action: 'model.edit', req: async (s) => ({ method: 'POST', path: `/api/v1/models/${await mkModel(s)}/submit`, json: {} }) },
  'POST /api/v1/models/:code/accept': { action: 'model.decide', req: async (s) => ({ method: 'POST', path: `/api/v1/models/${await mkModel(s, 'submitted')}/accept`, json: {} }) },
  'POST /api/v1/models/:code/return': { action: 'model.decide', req: async (s) => ({ method: 'POST', path: `/api/v1/models/${await mkModel(s, 'submitted')}/return`, json: { reason: 'Thiếu tiêu chí đo được' } }) },
  'POST /api/v1/models/:code/stop': { action: 'model.decide', req: async (s) => ({ method: 'POST', path: `/api/v1/models/${await mkModel(s, 'registered')}/stop`, json: { reason: 'Hết nhu cầu' } }) },
  'POST /api/v1/models/:code/exemplary': { action: 'model.decide', req: async (s) => ({ method: 'POST', path: `/api/v1/models/${await mkModel(s, 'registered')}/exemplary`, json: { exemplary: true } }) },
  'GET /api/v1/models/:code/results': {
    action: 'model.read',
    req: async (s) => {
      // a draft (a registered model is public: anyone signed in reads it and what it achieved)
      const code = await mkModel(s);
      const { addModelResult } = await import('../src/features/models/models.service.js');
      await t.db.db.transaction().execute((trx) => addModelResult(trx, { actor: system, code, input: { on: '2026-03-04', workDays: 12 } }));
      return get(`/api/v1/models/${code}/results`);
    },
  },
  'POST /api/v1/models/:code/results': { action: 'model.edit', req: async (s) => ({ method: 'POST', path: `/api/v1/models/${await mkModel(s)}/results`, json: { on: '2026-03-04', moneyVnd: 15_000_000, landDonatedM2: 35.5 } }) },
  'DELETE /api/v1/models/:code/results/:id': {
    action: 'model.edit',
    req: async (s) => {
      const a = await mkAchieved(s);
      return { method: 'DELETE', path: `/api/v1/models/${a.code}/results/${a.result}` };
    },
  },
  'POST /api/v1/models/:code/recognitions': { action: 'model.decide', req: async (s) => ({ method: 'POST', path: `/api/v1/models/${await mkModel(s, 'registered')}/recognitions`, json: { level: 'district', on: '2026-03-04', decision: 'Quyết định số 2/QĐ-UBND' } }) },
  'DELETE /api/v1/models/:code/recognitions/:id': {
    action: 'model.decide',
    req: async (s) => {
      const a = await mkAchieved(s);
      return { method: 'DELETE', path: `/api/v1/models/${a.code}/recognitions/${a.recognition}` };
    },
  },
  'GET /api/v1/models/:code/updates': { action: 'model.read', req: async (s) => get(`/api/v1/models/${await mkModel(s)}/updates`) },
  'POST /api/v1/models/:code/updates': { action: 'model.edit', req: async (s) => ({ method: 'POST', path: `/api/v1/models/${await mkModel(s)}/updates`, json: { date: '2026-03-04', body: 'Đã vận động 12 hộ', figures: [{ label: 'Số hộ', value: 12 }] } }) },
  'GET /api/v1/teams': { action: 'team.read', unscoped: true, req: async () => get('/api/v1/teams') },
  'POST /api/v1/teams': { action: 'team.manage', req: async (s) => ({ method: 'POST', path: '/api/v1/teams', json: { unit: `${parentOf(s)}-1`, kind: 'massMobilisation', name: 'Tổ dân vận thử', members: 6 } }) },
  'GET /api/v1/teams/:code': { action: 'team.read', req: async (s) => get(`/api/v1/teams/${await mkTeam(s)}`) },
  'PATCH /api/v1/teams/:code': { action: 'team.manage', req: async (s) => ({ method: 'PATCH', path: `/api/v1/teams/${await mkTeam(s)}`, json: { unit: `${parentOf(s)}-1`, kind: 'covidCommunity', name: 'Tổ đổi tên', members: 7 } }) },
  'GET /quan-tri/chu-de': { action: 'campaign.read', unscoped: true, req: async () => get('/quan-tri/chu-de') },
  'GET /quan-tri/chu-de/moi': { action: 'campaign.manage', unscoped: true, req: async () => get('/quan-tri/chu-de/moi') },
  'POST /quan-tri/chu-de/moi': { action: 'campaign.manage', req: async (s) => ({ method: 'POST', path: '/quan-tri/chu-de/moi', form: { code: `CF${next()}`, unit: await mkUnit(s), year: '2026', theme: 'Chủ đề thử', fields: 'F1 | Lĩnh vực 1', criteria: '' } }) },
  'GET /quan-tri/chu-de/:code': { action: 'campaign.read', req: async (s) => get(`/quan-tri/chu-de/${campaignOf(s)}?den=31/12/2026`) },
  'GET /quan-tri/chu-de/:code/sua': { action: 'campaign.manage', req: async (s) => get(`/quan-tri/chu-de/${campaignOf(s)}/sua`) },
  'POST /quan-tri/chu-de/:code/sua': { action: 'campaign.manage', req: async (s) => ({ method: 'POST', path: `/quan-tri/chu-de/${campaignOf(s)}/sua`, form: { unit: parentOf(s), year: '2026', theme: `Chủ đề năm của ${parentOf(s)}`, fields: 'F1 | Lĩnh vực 1', criteria: 'c1 | Hiệu quả | 100' } }) },
  'GET /quan-tri/chu-de/:code/bao-cao': { action: 'campaign.read', req: async (s) => get(`/quan-tri/chu-de/${campaignOf(s)}/bao-cao?den=31/12/2026&ngay=05/01/2027`) },
  'GET /quan-tri/chu-de/:code/bao-cao.docx': { action: 'campaign.read', req: async (s) => get(`/quan-tri/chu-de/${campaignOf(s)}/bao-cao.docx?den=31/12/2026`) },
  'GET /quan-tri/chu-de/:code/bao-cao.md': { action: 'campaign.read', req: async (s) => get(`/quan-tri/chu-de/${campaignOf(s)}/bao-cao.md?den=30/06/2026`) },
  'GET /quan-tri/chu-de/:code/bao-cao.html': { action: 'campaign.read', req: async (s) => get(`/quan-tri/chu-de/${campaignOf(s)}/bao-cao.html`) },
  'POST /quan-tri/chu-de/:code/bao-cao/mau': { action: 'campaign.manage', req: async (s) => ({ method: 'POST', path: `/quan-tri/chu-de/${campaignOf(s)}/bao-cao/mau`, form: { thao_tac: 'luu', title: '', body: '', superior: 'Đảng bộ thành phố thử', headerBody: `Đảng ủy phường ${parentOf(s)}`, committee: 'Đảng ủy', number: '', symbol: 'BC/ĐU', place: 'Phường thử', signFor: 'T/M Đảng ủy', signTitle: 'Bí thư', signer: '', recipients: 'Lưu Văn phòng.' } }) },
  'GET /quan-tri/mo-hinh': { action: 'model.read', unscoped: true, req: async () => get('/quan-tri/mo-hinh?chu_de=CA&q=thu') },
  'GET /quan-tri/mo-hinh/moi': { action: 'model.edit', unscoped: true, req: async () => get('/quan-tri/mo-hinh/moi?chu_de=CA') },
  'POST /quan-tri/mo-hinh/moi': { action: 'model.edit', req: async (s) => ({ method: 'POST', path: `/quan-tri/mo-hinh/moi?chu_de=${campaignOf(s)}`, form: { name: 'Mô hình từ biểu mẫu', holder: 'collective', unit: `${parentOf(s)}-1`, field: 'F1' } }) },
  'GET /quan-tri/mo-hinh/nhap': { action: 'model.edit', unscoped: true, req: async () => get('/quan-tri/mo-hinh/nhap?chu_de=CA') },
  'POST /quan-tri/mo-hinh/nhap': { action: 'model.edit', req: async (s) => ({ method: 'POST', path: '/quan-tri/mo-hinh/nhap', multipart: await modelWorkbook(s) }) },
  'POST /quan-tri/mo-hinh/nhap/xac-nhan': { action: 'model.edit', unscoped: true, ok: [404], req: async () => ({ method: 'POST', path: '/quan-tri/mo-hinh/nhap/xac-nhan', form: { file: '999999', chu_de: 'CA' } }) },
  'GET /quan-tri/mo-hinh/mau.xlsx': { action: 'model.edit', req: async (s) => get(`/quan-tri/mo-hinh/mau.xlsx?chu_de=${campaignOf(s)}`) },
  'GET /quan-tri/mo-hinh/xuat.xlsx': { action: 'model.read', unscoped: true, req: async () => get('/quan-tri/mo-hinh/xuat.xlsx?chu_de=CA') },
  'GET /quan-tri/mo-hinh/xuat-de-sua.xlsx': { action: 'model.read', unscoped: true, req: async () => get('/quan-tri/mo-hinh/xuat-de-sua.xlsx?chu_de=CA') },
  'GET /quan-tri/mo-hinh/:code': { action: 'model.read', req: async (s) => get(`/quan-tri/mo-hinh/${await mkModel(s)}`) },
  'GET /quan-tri/mo-hinh/:code/sua': { action: 'model.edit', req: async (s) => get(`/quan-tri/mo-hinh/${await mkModel(s)}/sua`) },
  'POST /quan-tri/mo-hinh/:code/sua': { action: 'model.edit', req: async (s) => ({ method: 'POST', path: `/quan-tri/mo-hinh/${await mkModel(s)}/sua`, form: modelBody(s) }) },
  'POST /quan-tri/mo-hinh/:code/gui-duyet': { action: 'model.edit', req: async (s) => ({ method: 'POST', path: `/quan-tri/mo-hinh/${await mkModel(s)}/gui-duyet`, form: {} }) },
  'POST /quan-tri/mo-hinh/:code/duyet': { action: 'model.decide', req: async (s) => ({ method: 'POST', path: `/quan-tri/mo-hinh/${await mkModel(s, 'submitted')}/duyet`, form: {} }) },
  'POST /quan-tri/mo-hinh/:code/tra-lai': { action: 'model.decide', req: async (s) => ({ method: 'POST', path: `/quan-tri/mo-hinh/${await mkModel(s, 'submitted')}/tra-lai`, form: { reason: 'Bổ sung' } }) },
  'POST /quan-tri/mo-hinh/:code/dung': { action: 'model.decide', req: async (s) => ({ method: 'POST', path: `/quan-tri/mo-hinh/${await mkModel(s, 'registered')}/dung`, form: { reason: 'Dừng', date: '' } }) },
  'POST /quan-tri/mo-hinh/:code/tieu-bieu': { action: 'model.decide', req: async (s) => ({ method: 'POST', path: `/quan-tri/mo-hinh/${await mkModel(s, 'registered')}/tieu-bieu`, form: { exemplary: '1' } }) },
  'POST /quan-tri/mo-hinh/:code/ket-qua': { action: 'model.edit', req: async (s) => ({ method: 'POST', path: `/quan-tri/mo-hinh/${await mkModel(s)}/ket-qua`, form: { on: '04/03/2026', moneyVnd: '15.000.000', landDonatedM2: '35,5' } }) },
  'POST /quan-tri/mo-hinh/:code/ket-qua/:id/xoa': {
    action: 'model.edit',
    req: async (s) => {
      const a = await mkAchieved(s);
      return { method: 'POST', path: `/quan-tri/mo-hinh/${a.code}/ket-qua/${a.result}/xoa`, form: {} };
    },
  },
  'POST /quan-tri/mo-hinh/:code/cong-nhan': { action: 'model.decide', req: async (s) => ({ method: 'POST', path: `/quan-tri/mo-hinh/${await mkModel(s, 'registered')}/cong-nhan`, form: { level: 'district', recognisedOn: '04/03/2026', decision: 'Quyết định số 2/QĐ-UBND' } }) },
  'POST /quan-tri/mo-hinh/:code/cong-nhan/:id/xoa': {
    action: 'model.decide',
    req: async (s) => {
      const a = await mkAchieved(s);
      return { method: 'POST', path: `/quan-tri/mo-hinh/${a.code}/cong-nhan/${a.recognition}/xoa`, form: {} };
    },
  },
  'POST /quan-tri/mo-hinh/:code/danh-gia': { action: 'model.decide', req: async (s) => ({ method: 'POST', path: `/quan-tri/mo-hinh/${await mkModel(s, 'registered')}/danh-gia`, form: { assessedOn: '04/03/2026', effective: '1', note: 'Đạt yêu cầu' } }) },
  'POST /quan-tri/mo-hinh/:code/danh-gia/:id/xoa': {
    action: 'model.decide',
    req: async (s) => {
      const code = await mkModel(s, 'registered');
      const { addModelAssessment } = await import('../src/features/models/models.service.js');
      const a = await t.db.db.transaction().execute((trx) => addModelAssessment(trx, { actor: system, code, input: { on: '2026-03-04', effective: true } }));
      return { method: 'POST', path: `/quan-tri/mo-hinh/${code}/danh-gia/${a.id}/xoa`, form: {} };
    },
  },
  'POST /quan-tri/mo-hinh/:code/cong-trinh': { action: 'model.decide', req: async (s) => ({ method: 'POST', path: `/quan-tri/mo-hinh/${await mkModel(s, 'registered')}/cong-trinh`, form: { workName: 'Đường hoa', workOn: '04/03/2026', workDecision: 'Quyết định số 5/QĐ-UBND' } }) },
  'POST /quan-tri/mo-hinh/:code/tien-do': {
    action: 'model.edit',
    req: async (s) => {
      const fd = new FormData();
      for (const [k, v] of Object.entries({ date: '04/03/2026', body: 'Tiến độ', figureLabel: 'Số hộ', figureValue: '1.234' })) fd.set(k, v);
      fd.set('files', new File([PNG], 'ảnh bàn giao.png', { type: 'image/png' }));
      return { method: 'POST', path: `/quan-tri/mo-hinh/${await mkModel(s)}/tien-do`, multipart: fd };
    },
  },
  'GET /quan-tri/tep/:id': { action: 'model.read', req: async (s) => get(`/quan-tri/tep/${await mkFile(s)}`) },
  'GET /quan-tri/to-doi': { action: 'team.read', unscoped: true, req: async () => get('/quan-tri/to-doi') },
  'GET /quan-tri/to-doi/moi': { action: 'team.manage', unscoped: true, req: async () => get('/quan-tri/to-doi/moi') },
  'POST /quan-tri/to-doi/moi': { action: 'team.manage', req: async (s) => ({ method: 'POST', path: '/quan-tri/to-doi/moi', form: { unit: `${parentOf(s)}-1`, kind: 'covidCommunity', name: 'Tổ mới', members: '9' } }) },
  'GET /quan-tri/to-doi/:code': { action: 'team.manage', req: async (s) => get(`/quan-tri/to-doi/${await mkTeam(s)}`) },
  'POST /quan-tri/to-doi/:code': { action: 'team.manage', req: async (s) => ({ method: 'POST', path: `/quan-tri/to-doi/${await mkTeam(s)}`, form: { unit: `${parentOf(s)}-1`, kind: 'covidCommunity', name: 'Tổ sửa', members: '10' } }) },
  'GET /quan-tri/van-ban': { action: 'document.read', unscoped: true, req: async () => get('/quan-tri/van-ban?q=thu') },
  'GET /quan-tri/van-ban/moi': { action: 'document.manage', unscoped: true, req: async () => get('/quan-tri/van-ban/moi') },
  'POST /quan-tri/van-ban/moi': { action: 'document.manage', req: async (s) => ({ method: 'POST', path: '/quan-tri/van-ban/moi', form: { number: `${next()}-CV/TEST`, kind: 'CV', issuer: 'Thử', unit: parentOf(s), date: '05/06/2026', title: 'Công văn thử' } }) },
  // a document kept off the portal: its line reads it (editors get the form), others find nothing
  'GET /quan-tri/van-ban/:id': { action: 'document.read', req: async (s) => get(`/quan-tri/van-ban/${await mkDocument(s, false)}`) },
  'POST /quan-tri/van-ban/:id': { action: 'document.manage', req: async (s) => ({ method: 'POST', path: `/quan-tri/van-ban/${await mkDocument(s)}`, form: { number: `${next()}-CV/SUA`, kind: 'CV', issuer: 'Thử', unit: parentOf(s), date: '05/06/2026', title: 'Công văn sửa' } }) },
  'GET /quan-tri/van-ban/tep/:fileId': { action: 'document.read', unscoped: true, req: async (s) => get(`/quan-tri/van-ban/tep/${(await mkDocumentFile(s)).fileId}`) },
  'POST /quan-tri/van-ban/:id/tep': { action: 'document.manage', req: async (s) => ({ method: 'POST', path: `/quan-tri/van-ban/${await mkDocument(s)}/tep`, multipart: docUpload() }) },
  'POST /quan-tri/van-ban/:id/tep/:fileId/xoa': { action: 'document.manage', req: async (s) => { const f = await mkDocumentFile(s); return { method: 'POST', path: `/quan-tri/van-ban/${f.id}/tep/${f.fileId}/xoa`, form: {} }; } },
  'POST /quan-tri/van-ban/:id/tep/:fileId/vi-tri': { action: 'document.manage', req: async (s) => { const f = await mkDocumentFile(s); return { method: 'POST', path: `/quan-tri/van-ban/${f.id}/tep/${f.fileId}/vi-tri`, form: { huong: 'len' } }; } },
  'GET /van-ban': { action: 'public', req: async () => get('/van-ban?q=ke+hoach&loai=KH&nam=2026&co_quan=%C4%90%C6%A1n+v%E1%BB%8B+th%E1%BB%AD') },
  'GET /van-ban/:id': { action: 'public', req: async (s) => get(`/van-ban/${await mkDocument(s)}`) },
  'GET /van-ban/tep/:fileId': { action: 'public', req: async (s) => get(`/van-ban/tep/${(await mkDocumentFile(s)).fileId}`) },
  'GET /van-ban/tep/:fileId/:name': { action: 'public', req: async (s) => get(`/van-ban/tep/${(await mkDocumentFile(s)).fileId}/K%E1%BA%BF%20ho%E1%BA%A1ch.pdf`) },
  'GET /api/v1/rounds': { action: 'appraisal.read', unscoped: true, req: async () => get('/api/v1/rounds') },
  'POST /api/v1/rounds': { action: 'appraisal.manage', req: async (s) => ({ method: 'POST', path: '/api/v1/rounds', json: { code: `RN${next()}`, campaign: campaignOf(s), name: 'Đợt mới', kind: 'adhoc', opensOn: '2026-07-01', closesOn: '2026-07-10', cutoffOn: '2026-06-30', appraisers: [s === 'inside' ? 'appraiser-a' : 'appraiser-b'] } }) },
  'GET /api/v1/rounds/:code': { action: 'appraisal.read', req: async (s) => get(`/api/v1/rounds/${await mkRound(s)}`) },
  'GET /api/v1/rounds/:code/ranking': { action: 'appraisal.read', req: async (s) => get(`/api/v1/rounds/${await mkRound(s)}/ranking`) },
  'PUT /api/v1/rounds/:code/scores/:model': { action: 'appraisal.score', req: async (s) => ({ method: 'PUT', path: `/api/v1/rounds/${await mkRound(s)}/scores/${await mkModel(s, 'registered')}`, json: { points: { c1: 80 }, submit: true } }) },
  'POST /api/v1/rounds/:code/proposal': { action: 'appraisal.manage', req: async (s) => ({ method: 'POST', path: `/api/v1/rounds/${await mkRound(s)}/proposal`, json: { mode: 'auto' } }) },
  'GET /api/v1/reward-decisions': { action: 'appraisal.read', unscoped: true, req: async () => get('/api/v1/reward-decisions') },
  'POST /api/v1/reward-decisions': { action: 'reward.decide', req: async (s) => ({ method: 'POST', path: '/api/v1/reward-decisions', json: { number: `${next()}/QĐ-MOI`, campaign: campaignOf(s), date: '2026-08-02', models: [await mkModel(s, 'registered')] } }) },
  'GET /api/v1/reward-decisions/:number': { action: 'appraisal.read', req: async (s) => get(`/api/v1/reward-decisions/${await mkDecision(s)}`) },
  'POST /api/v1/reward-decisions/:number/publish': { action: 'reward.decide', req: async (s) => ({ method: 'POST', path: `/api/v1/reward-decisions/${await mkDecision(s)}/publish`, json: { confirm: true } }) },
  'POST /api/v1/reward-decisions/:number/revoke': { action: 'reward.decide', req: async (s) => ({ method: 'POST', path: `/api/v1/reward-decisions/${await mkDecision(s, true)}/revoke`, json: { reason: 'Thu hồi thử' } }) },
  'GET /api/v1/rewards': { action: 'appraisal.read', unscoped: true, req: async () => get('/api/v1/rewards?unit=A') },
  'GET /quan-tri/tham-dinh': { action: 'appraisal.read', unscoped: true, req: async () => get('/quan-tri/tham-dinh') },
  'GET /quan-tri/tham-dinh/moi': { action: 'appraisal.manage', unscoped: true, req: async () => get('/quan-tri/tham-dinh/moi') },
  'POST /quan-tri/tham-dinh/moi': { action: 'appraisal.manage', req: async (s) => ({ method: 'POST', path: '/quan-tri/tham-dinh/moi', form: { campaign: campaignOf(s), code: `RF${next()}`, name: 'Đợt từ biểu mẫu', kind: 'adhoc', cutoffOn: '30/06/2026', opensOn: '01/07/2026', closesOn: '10/07/2026', appraisers: s === 'inside' ? 'appraiser-a' : 'appraiser-b', quota_F1: '2' } }) },
  'GET /quan-tri/tham-dinh/:code': { action: 'appraisal.read', req: async (s) => get(`/quan-tri/tham-dinh/${await mkRound(s)}`) },
  'POST /quan-tri/tham-dinh/:code/de-xuat': { action: 'appraisal.manage', req: async (s) => ({ method: 'POST', path: `/quan-tri/tham-dinh/${await mkRound(s)}/de-xuat`, form: { mode: 'auto' } }) },
  'GET /quan-tri/tham-dinh/:code/to-trinh.docx': { action: 'appraisal.read', req: async (s) => get(`/quan-tri/tham-dinh/${await mkRound(s)}/to-trinh.docx`) },
  'GET /quan-tri/tham-dinh/:code/de-xuat.xlsx': { action: 'appraisal.read', req: async (s) => get(`/quan-tri/tham-dinh/${await mkRound(s)}/de-xuat.xlsx`) },
  'GET /quan-tri/tham-dinh/:code/cham/:model': { action: 'appraisal.read', req: async (s) => get(`/quan-tri/tham-dinh/${await mkRound(s)}/cham/${await mkModel(s, 'registered')}`) },
  'POST /quan-tri/tham-dinh/:code/cham/:model': { action: 'appraisal.score', req: async (s) => ({ method: 'POST', path: `/quan-tri/tham-dinh/${await mkRound(s)}/cham/${await mkModel(s, 'registered')}`, form: { 'points.c1': '75', comment: 'Tốt', submit: '1' } }) },
  'GET /quan-tri/khen-thuong': { action: 'appraisal.read', unscoped: true, req: async () => get('/quan-tri/khen-thuong') },
  'GET /quan-tri/khen-thuong/moi': { action: 'reward.decide', unscoped: true, req: async () => get('/quan-tri/khen-thuong/moi') },
  'POST /quan-tri/khen-thuong/moi': { action: 'reward.decide', req: async (s) => {
    const round = await mkRound(s);
    const { proposeModels } = await import('../src/features/appraisal/appraisal.service.js');
    await mkModel(s, 'registered');
    await t.db.db.transaction().execute((trx) => proposeModels(trx, { actor: system, code: round, input: { mode: 'manual', models: [], reasons: {} } }));
    const model = await mkModel(s, 'registered');
    const { findRound } = await import('../src/features/appraisal/appraisal.repository.js');
    const { findModelByCode } = await import('../src/features/models/models.repository.js');
    const r = (await findRound(t.db.db, round))!;
    const m = (await findModelByCode(t.db.db, model))!;
    await t.db.db.insertInto('proposal_models').values({ round_id: r.id, model_id: m.id, by_hand_reason: 'thử' }).execute();
    return { method: 'POST', path: '/quan-tri/khen-thuong/moi', form: { round, campaign: campaignOf(s), number: `${next()}/QĐ-FORM`, date: '01/08/2026', issuer: 'Chủ tịch UBND', form: 'Giấy khen' } };
  } },
  'GET /quan-tri/khen-thuong/:number': { action: 'appraisal.read', req: async (s) => get(`/quan-tri/khen-thuong/${await mkDecision(s)}`) },
  'GET /quan-tri/khen-thuong/:number/quyet-dinh.docx': { action: 'appraisal.read', req: async (s) => get(`/quan-tri/khen-thuong/${await mkDecision(s)}/quyet-dinh.docx`) },
  'GET /quan-tri/khen-thuong/:number/danh-sach.xlsx': { action: 'appraisal.read', req: async (s) => get(`/quan-tri/khen-thuong/${await mkDecision(s)}/danh-sach.xlsx`) },
  'GET /quan-tri/khen-thuong/:number/giay-khen': { action: 'appraisal.read', req: async (s) => get(`/quan-tri/khen-thuong/${await mkDecision(s)}/giay-khen`) },
  'POST /quan-tri/khen-thuong/:number/ban-hanh': { action: 'reward.decide', req: async (s) => ({ method: 'POST', path: `/quan-tri/khen-thuong/${await mkDecision(s)}/ban-hanh`, form: { confirm: '1' } }) },
  'POST /quan-tri/khen-thuong/:number/thu-hoi': { action: 'reward.decide', req: async (s) => ({ method: 'POST', path: `/quan-tri/khen-thuong/${await mkDecision(s, true)}/thu-hoi`, form: { reason: 'Thu hồi thử' } }) },
  'GET /khen-thuong': { action: 'public', req: async () => get('/khen-thuong') },
  'GET /khen-thuong/:number': { action: 'public', req: async () => get(`/khen-thuong/${await mkDecision('inside', true)}`) },
  'GET /mo-hinh-tieu-bieu': { action: 'public', req: async () => get('/mo-hinh-tieu-bieu') },
  'GET /quan-tri': { action: 'self', unscoped: true, req: async () => get('/quan-tri') },
  'GET /quan-tri/viec-cua-toi': { action: 'admin.enter', unscoped: true, req: async () => (await ensureReportForm(), get('/quan-tri/viec-cua-toi')) },
  'GET /api/v1/my-work': { action: 'admin.enter', unscoped: true, req: async () => (await ensureReportForm(), get('/api/v1/my-work')) },
  'GET /api/v1/notices': { action: 'admin.enter', unscoped: true, req: async () => get('/api/v1/notices') },
  'POST /api/v1/notices/read': { action: 'admin.enter', unscoped: true, req: async () => ({ method: 'POST', path: '/api/v1/notices/read', json: { ids: 'all' } }) },
  'GET /quan-tri/thong-bao': { action: 'self', unscoped: true, req: async () => get('/quan-tri/thong-bao') },
  'POST /quan-tri/thong-bao/doc-het': { action: 'self', unscoped: true, req: async () => ({ method: 'POST', path: '/quan-tri/thong-bao/doc-het', form: {} }) },
  // another's notice (or none) answers 404 exactly like a missing one: allowed to ask, nothing to see
  'POST /quan-tri/thong-bao/:id': { action: 'self', unscoped: true, ok: [404], req: async () => ({ method: 'POST', path: '/quan-tri/thong-bao/999999', form: {} }) },
  'GET /quan-tri/thong-bao/cach-nhan': { action: 'self', unscoped: true, req: async () => get('/quan-tri/thong-bao/cach-nhan') },
  'POST /quan-tri/thong-bao/cach-nhan': { action: 'self', unscoped: true, req: async () => ({ method: 'POST', path: '/quan-tri/thong-bao/cach-nhan', form: { 'model.accepted': 'digest' } }) },
  'GET /api/v1/notice-choices': { action: 'admin.enter', unscoped: true, req: async () => get('/api/v1/notice-choices') },
  'PUT /api/v1/notice-choices': { action: 'admin.enter', unscoped: true, req: async () => ({ method: 'PUT', path: '/api/v1/notice-choices', json: { choices: { 'model.accepted': 'default' } } }) },
  // the signature is the authority: an unsigned (or tampered) link answers 404 to anyone, signed in or not
  'GET /thu/huy-nhan': { action: 'public', ok: [404], req: async () => get('/thu/huy-nhan?u=1&k=model.accepted&s=khong-dung') },
  'POST /thu/huy-nhan': { action: 'public', ok: [404], req: async () => ({ method: 'POST', path: '/thu/huy-nhan?u=1&k=model.accepted&s=khong-dung', form: { 'List-Unsubscribe': 'One-Click' } }) },
  'POST /quan-tri/thong-bao/dia-chi': { action: 'self', unscoped: true, req: async () => ({ method: 'POST', path: '/quan-tri/thong-bao/dia-chi', form: { email: `ban-${next()}@phuong.example` } }) },
  'POST /api/v1/my-email': { action: 'admin.enter', unscoped: true, req: async () => ({ method: 'POST', path: '/api/v1/my-email', json: { email: `ban-${next()}@phuong.example` } }) },
  'GET /thu/xac-nhan': { action: 'public', ok: [404], req: async () => get('/thu/xac-nhan?u=1&a=x%40y.example&e=99999999999&s=khong-dung') },
  'POST /thu/xac-nhan': { action: 'public', ok: [404], req: async () => ({ method: 'POST', path: '/thu/xac-nhan?u=1&a=x%40y.example&e=99999999999&s=khong-dung', form: {} }) },
  'GET /quan-tri/don-vi': { action: 'unit.read', unscoped: true, req: async () => get('/quan-tri/don-vi') },
  'GET /quan-tri/don-vi/moi': { action: 'unit.create', unscoped: true, req: async () => get('/quan-tri/don-vi/moi') },
  'POST /quan-tri/don-vi/moi': { action: 'unit.create', req: async (s) => ({ method: 'POST', path: '/quan-tri/don-vi/moi', form: { code: `F${next()}`, name: 'Mới', kind: 'residentialGroup', parent: parentOf(s) } }) },
  'GET /quan-tri/don-vi/:code': { action: 'unit.read', req: async (s) => get(`/quan-tri/don-vi/${await mkUnit(s)}`) },
  'POST /quan-tri/don-vi/:code': { action: 'unit.update', req: async (s) => ({ method: 'POST', path: `/quan-tri/don-vi/${await mkUnit(s)}`, form: { name: 'Đổi tên', kind: 'residentialGroup', sortOrder: '0' } }) },
  'POST /quan-tri/don-vi/:code/chuyen': { action: 'unit.move', req: async (s) => ({ method: 'POST', path: `/quan-tri/don-vi/${await mkUnit(s)}/chuyen`, form: { parent: `${parentOf(s)}-1` } }) },
  'POST /quan-tri/don-vi/:code/ngung': { action: 'unit.deactivate', req: async (s) => ({ method: 'POST', path: `/quan-tri/don-vi/${await mkUnit(s)}/ngung`, form: {} }) },
  'POST /quan-tri/don-vi/:code/kich-hoat': {
    action: 'unit.deactivate',
    req: async (s) => {
      const code = await mkUnit(s);
      const { deactivateUnit } = await import('../src/features/units/units.service.js');
      await t.db.db.transaction().execute((trx) => deactivateUnit(trx, { actor: system, code, input: {} }));
      return { method: 'POST', path: `/quan-tri/don-vi/${code}/kich-hoat`, form: {} };
    },
  },
  'POST /quan-tri/don-vi/:code/xoa': { action: 'unit.deactivate', req: async (s) => ({ method: 'POST', path: `/quan-tri/don-vi/${await mkUnit(s)}/xoa`, form: {} }) },
  'GET /quan-tri/tai-khoan': { action: 'user.read', unscoped: true, req: async () => get('/quan-tri/tai-khoan') },
  'GET /quan-tri/tai-khoan/moi': { action: 'user.manage', unscoped: true, req: async () => get('/quan-tri/tai-khoan/moi') },
  'POST /quan-tri/tai-khoan/moi': { action: 'user.manage', req: async (s) => ({ method: 'POST', path: '/quan-tri/tai-khoan/moi', form: { username: `f${next()}`, fullName: 'Mới', unit: parentOf(s), roles: 'viewer', password: PASSWORD } }) },
  'GET /quan-tri/tai-khoan/:username': { action: 'user.read', req: async (s) => get(`/quan-tri/tai-khoan/${await mkUser(s)}`) },
  'POST /quan-tri/tai-khoan/:username': { action: 'user.manage', req: async (s) => ({ method: 'POST', path: `/quan-tri/tai-khoan/${await mkUser(s)}`, form: { fullName: 'Đổi', unit: parentOf(s), roles: 'viewer' } }) },
  'POST /quan-tri/tai-khoan/:username/mat-khau': { action: 'user.manage', req: async (s) => ({ method: 'POST', path: `/quan-tri/tai-khoan/${await mkUser(s)}/mat-khau`, form: { password: 'mật khẩu mới đủ dài' } }) },
  'POST /quan-tri/tai-khoan/:username/khoa': { action: 'user.manage', req: async (s) => ({ method: 'POST', path: `/quan-tri/tai-khoan/${await mkUser(s)}/khoa`, form: {} }) },
  'POST /quan-tri/tai-khoan/:username/mo-khoa': { action: 'user.manage', req: async (s) => ({ method: 'POST', path: `/quan-tri/tai-khoan/${await mkUser(s)}/mo-khoa`, form: {} }) },
  'GET /quan-tri/nhat-ky': { action: 'audit.read', global: true, req: async () => get('/quan-tri/nhat-ky') },
  'GET /quan-tri/thu-di': { action: 'audit.read', global: true, req: async () => get('/quan-tri/thu-di') },
  'POST /quan-tri/thu-di/:id/gui-lai': { action: 'settings.update', global: true, ok: [404], req: async () => ({ method: 'POST', path: '/quan-tri/thu-di/999999/gui-lai', form: {} }) },
  'GET /quan-tri/du-lieu': { action: 'bundle.export', unscoped: true, req: async () => get('/quan-tri/du-lieu') },
  'POST /quan-tri/du-lieu/nhap': { action: 'bundle.import', req: async (s) => ({ method: 'POST', path: '/quan-tri/du-lieu/nhap', multipart: bundleFile(s) }) },
  // ——— land clearance: spreadsheets and documents (landClearance.excel.admin.tsx) ———
  'GET /quan-tri/gpmb/bao-cao-thang.xlsx': { action: 'clearance.read', req: async (s) => get(`/quan-tri/gpmb/bao-cao-thang.xlsx?don_vi=${parentOf(s)}&den=30/09/2026`) },
  'GET /quan-tri/gpmb/bao-cao-thang.docx': { action: 'clearance.read', req: async (s) => get(`/quan-tri/gpmb/bao-cao-thang.docx?don_vi=${parentOf(s)}`) },
  'GET /quan-tri/gpmb/:code/nhap-ho': { action: 'clearance.manage', req: async (s) => get(`/quan-tri/gpmb/${await mkProject(s)}/nhap-ho`) },
  'POST /quan-tri/gpmb/:code/nhap-ho': {
    action: 'clearance.manage',
    req: async (s) => {
      const ExcelJS = (await import('exceljs')).default;
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('Hộ bị ảnh hưởng').addRows([
        ['Tên hộ, tổ chức', 'Diện tích (m²)', 'Bồi thường về đất'],
        ['Hộ từ Excel', '85,5', '1.000.000'],
      ]);
      const fd = new FormData();
      fd.set('file', new File([Buffer.from(await wb.xlsx.writeBuffer())], 'ho.xlsx'));
      return { method: 'POST', path: `/quan-tri/gpmb/${await mkProject(s)}/nhap-ho`, multipart: fd };
    },
  },
  'POST /quan-tri/gpmb/:code/nhap-ho/xac-nhan': { action: 'clearance.manage', ok: [404], req: async (s) => ({ method: 'POST', path: `/quan-tri/gpmb/${await mkProject(s)}/nhap-ho/xac-nhan`, form: { file: '999999' } }) },
  'GET /quan-tri/gpmb/:code/mau-ho.xlsx': { action: 'clearance.manage', req: async (s) => get(`/quan-tri/gpmb/${await mkProject(s)}/mau-ho.xlsx`) },
  'GET /quan-tri/gpmb/:code/ho-x-buoc.xlsx': { action: 'clearance.personal', req: async (s) => get(`/quan-tri/gpmb/${(await mkHousehold(s, true)).project}/ho-x-buoc.xlsx`) },
  'GET /quan-tri/gpmb/:code/doi-thoai/:id/bien-ban.docx': {
    action: 'clearance.personal',
    req: async (s) => {
      const { project, code } = await mkHousehold(s);
      const { recordDialogue } = await import('../src/features/landClearance/landClearance.engagement.js');
      const d = await t.db.db.transaction().execute((trx) => recordDialogue(trx, { actor: system, projectCode: project, input: { heldOn: '2026-02-10', place: 'Nhà văn hóa tổ dân phố', chair: 'Chủ trì thử', participants: 12, households: [code], followups: [{ task: 'Việc thử', owner: 'Tổ công tác', dueOn: '2026-02-20' }] } }));
      return get(`/quan-tri/gpmb/${project}/doi-thoai/${d.id}/bien-ban.docx`);
    },
  },
  // ——— end of land clearance spreadsheets and documents ———
  'GET /gpmb': { action: 'public', req: async () => get('/gpmb?loai=new') },
  'GET /gpmb/:code': { action: 'public', req: async () => get(`/gpmb/${await mkProject('inside', 2)}`) },
  'GET /mo-hinh/:code': { action: 'public', req: async () => get(`/mo-hinh/${await mkModel('inside', 'registered')}`) },
  'GET /tim-kiem': { action: 'public', req: async () => get('/tim-kiem?q=m%C3%B4+h%C3%ACnh+th%E1%BB%AD&loai=model&trang=2') },
  'GET /api/v1/search': { action: 'public', req: async () => get('/api/v1/search?q=du+an&kind=project&page=abc') },
  'GET /api/v1/clearance/dashboard': { action: 'clearance.read', req: async (s) => get(`/api/v1/clearance/dashboard?unit=${parentOf(s)}`) },
  'GET /api/v1/clearance/my-work': { action: 'clearance.read', unscoped: true, req: async () => get('/api/v1/clearance/my-work') },
  'GET /api/v1/clearance-projects': { action: 'clearance.read', req: async (s) => get(`/api/v1/clearance-projects?unit=${parentOf(s)}&q=thu`) },
  'POST /api/v1/clearance-projects': { action: 'clearance.manage', req: async (s) => ({ method: 'POST', path: '/api/v1/clearance-projects', json: { name: 'Dự án mới', unit: parentOf(s), category: 'key', areaM2: '1.234,5' } }) },
  'GET /api/v1/clearance-projects/:code': { action: 'clearance.read', req: async (s) => get(`/api/v1/clearance-projects/${await mkProject(s)}`) },
  'PATCH /api/v1/clearance-projects/:code': { action: 'clearance.manage', req: async (s) => ({ method: 'PATCH', path: `/api/v1/clearance-projects/${await mkProject(s)}`, json: { name: 'Đổi tên', unit: parentOf(s), category: 'carriedOver' } }) },
  'POST /api/v1/clearance-projects/:code/steps/:step': { action: 'clearance.manage', req: async (s) => ({ method: 'POST', path: `/api/v1/clearance-projects/${await mkProject(s)}/steps/kiem-dem`, json: { action: 'plan', plannedOn: '2026-03-01' } }) },
  'GET /api/v1/clearance-projects/:code/households': { action: 'clearance.personal', req: async (s) => get(`/api/v1/clearance-projects/${await mkProject(s, 1)}/households`) },
  'GET /api/v1/clearance-projects/:code/dialogues': { action: 'clearance.personal', req: async (s) => get(`/api/v1/clearance-projects/${await mkProject(s)}/dialogues`) },
  'POST /api/v1/clearance-projects/:code/dialogues': { action: 'clearance.manage', req: async (s) => ({ method: 'POST', path: `/api/v1/clearance-projects/${await mkProject(s)}/dialogues`, json: dialogueBody }) },
  'GET /api/v1/clearance-projects/:code/complaints': { action: 'clearance.personal', req: async (s) => get(`/api/v1/clearance-projects/${await mkProject(s)}/complaints`) },
  'POST /api/v1/clearance-projects/:code/complaints': { action: 'clearance.manage', req: async (s) => ({ method: 'POST', path: `/api/v1/clearance-projects/${await mkProject(s)}/complaints`, json: { kind: 'complaint', receivedOn: '2026-02-01', content: 'Khiếu nại thử' } }) },
  'POST /api/v1/clearance-projects/:code/complaints/:id/answer': { action: 'clearance.manage', req: async (s) => { const k = await mkComplaint(s); return { method: 'POST', path: `/api/v1/clearance-projects/${k.project}/complaints/${k.id}/answer`, json: { answer: 'Đã trả lời', answeredOn: '2026-02-05' } }; } },
  'POST /api/v1/households': { action: 'clearance.manage', req: async (s) => ({ method: 'POST', path: '/api/v1/households', json: { project: await mkProject(s), name: 'Hộ mới', parcels: [{ mapSheet: '3', parcelNo: '7', areaM2: '85,5' }] } }) },
  'GET /api/v1/households/:code': { action: 'clearance.personal', req: async (s) => get(`/api/v1/households/${(await mkHousehold(s)).code}`) },
  'PATCH /api/v1/households/:code': { action: 'clearance.manage', req: async (s) => ({ method: 'PATCH', path: `/api/v1/households/${(await mkHousehold(s)).code}`, json: { name: 'Hộ đổi tên' } }) },
  'POST /api/v1/households/:code/plan': { action: 'clearance.manage', req: async (s) => ({ method: 'POST', path: `/api/v1/households/${(await mkHousehold(s)).code}/plan`, json: { land: '1.000.000', support: 200_000 } }) },
  'POST /api/v1/households/:code/plan/approve': { action: 'clearance.approve', req: async (s) => ({ method: 'POST', path: `/api/v1/households/${(await mkDraftPlan(s)).code}/plan/approve`, json: { decisionNumber: '12/QĐ-UBND', approvedOn: '2026-02-01' } }) },
  'POST /api/v1/households/:code/payments': { action: 'clearance.manage', req: async (s) => ({ method: 'POST', path: `/api/v1/households/${(await mkHousehold(s, true)).code}/payments`, json: { amount: 1_000_000, paidOn: '2026-02-05' } }) },
  'POST /api/v1/households/:code/payments/:id/confirm': { action: 'clearance.approve', req: async (s) => { const p = await mkPendingPayment(s); return { method: 'POST', path: `/api/v1/households/${p.code}/payments/${p.id}/confirm`, json: {} }; } },
  'POST /api/v1/households/:code/handover': { action: 'clearance.manage', req: async (s) => ({ method: 'POST', path: `/api/v1/households/${(await mkHousehold(s, true)).code}/handover`, json: { handedOn: '2026-02-10', areaM2: 40 } }) },
  'POST /api/v1/households/:code/obstacles': { action: 'clearance.manage', req: async (s) => ({ method: 'POST', path: `/api/v1/households/${(await mkHousehold(s)).code}/obstacles`, json: { openedOn: '2026-02-01', description: 'Chưa đồng ý giá' } }) },
  'POST /api/v1/households/:code/obstacles/:id/resolve': { action: 'clearance.manage', req: async (s) => { const o = await mkObstacle(s); return { method: 'POST', path: `/api/v1/households/${o.code}/obstacles/${o.id}/resolve`, json: { resolvedOn: '2026-02-09', resolution: 'Đã thống nhất' } }; } },
  'GET /quan-tri/gpmb': { action: 'clearance.read', req: async (s) => get(`/quan-tri/gpmb?don_vi=${parentOf(s)}&den=30/06/2026`) },
  'GET /quan-tri/gpmb/doi-thoai': { action: 'clearance.read', req: async (s) => get(`/quan-tri/gpmb/doi-thoai?don_vi=${parentOf(s)}&den=30/06/2026&nam=2026`) },
  'GET /quan-tri/gpmb/ho-dan': { action: 'clearance.read', req: async (s) => get(`/quan-tri/gpmb/ho-dan?don_vi=${parentOf(s)}&den=30/06/2026&trang_thai=ban-giao`) },
  'GET /quan-tri/gpmb/moi': { action: 'clearance.manage', unscoped: true, req: async () => get('/quan-tri/gpmb/moi') },
  'POST /quan-tri/gpmb/moi': { action: 'clearance.manage', req: async (s) => ({ method: 'POST', path: '/quan-tri/gpmb/moi', form: { name: 'Dự án từ biểu mẫu', category: 'new', unit: parentOf(s), areaM2: '85,5', isPublic: '1' } }) },
  'GET /quan-tri/gpmb/viec-cua-toi': { action: 'clearance.read', unscoped: true, req: async () => get('/quan-tri/gpmb/viec-cua-toi') },
  'GET /quan-tri/gpmb/quy-trinh': { action: 'clearance.read', unscoped: true, req: async () => get('/quan-tri/gpmb/quy-trinh') },
  'POST /quan-tri/gpmb/quy-trinh': { action: 'clearance.configure', global: true, req: async () => ({ method: 'POST', path: '/quan-tri/gpmb/quy-trinh', form: { code: `buoc-${next()}`, name: 'Bước thử', sortOrder: '500', deadlineDays: '5', dayKind: 'working', countedFrom: 'ban-giao', active: '' } }) },
  'GET /quan-tri/gpmb/lich-nghi': { action: 'self', unscoped: true, req: async () => get('/quan-tri/gpmb/lich-nghi') },
  'POST /quan-tri/gpmb/lich-nghi': { action: 'clearance.configure', global: true, req: async () => ({ method: 'POST', path: '/quan-tri/gpmb/lich-nghi', form: { day: '02/09/2026', kind: 'holiday', name: 'Quốc khánh' } }) },
  'POST /quan-tri/gpmb/lich-nghi/xoa': {
    action: 'clearance.configure',
    global: true,
    req: async () => {
      const { saveCalendarDay } = await import('../src/features/calendar/calendar.service.js');
      const day = `2031-01-${String((Number(next()) % 27) + 1).padStart(2, '0')}`;
      await t.db.db.transaction().execute((trx) => saveCalendarDay(trx, { actor: system, input: { day, kind: 'holiday', name: 'Ngày thử' } }));
      return { method: 'POST', path: '/quan-tri/gpmb/lich-nghi/xoa', form: { day } };
    },
  },
  'GET /quan-tri/gpmb/ho-dan/:hh': { action: 'clearance.personal', req: async (s) => get(`/quan-tri/gpmb/ho-dan/${(await mkHousehold(s, true)).code}`) },
  'POST /quan-tri/gpmb/ho-dan/:hh': { action: 'clearance.manage', req: async (s) => ({ method: 'POST', path: `/quan-tri/gpmb/ho-dan/${(await mkHousehold(s)).code}`, form: { kind: 'household', name: 'Hộ sửa tên', mapSheet: '4', parcelNo: '9', recoveredM2: '12,5' } }) },
  'POST /quan-tri/gpmb/ho-dan/:hh/buoc': { action: 'clearance.manage', req: async (s) => ({ method: 'POST', path: `/quan-tri/gpmb/ho-dan/${(await mkHousehold(s)).code}/buoc`, form: { step: 'kiem-dem', doneOn: '01/02/2026' } }) },
  'POST /quan-tri/gpmb/ho-dan/:hh/phuong-an': { action: 'clearance.manage', req: async (s) => ({ method: 'POST', path: `/quan-tri/gpmb/ho-dan/${(await mkHousehold(s)).code}/phuong-an`, form: { land: '1.000.000.000', assets: '', support: '20.000.000', resettlement: '' } }) },
  'POST /quan-tri/gpmb/ho-dan/:hh/phe-duyet': { action: 'clearance.approve', req: async (s) => ({ method: 'POST', path: `/quan-tri/gpmb/ho-dan/${(await mkDraftPlan(s)).code}/phe-duyet`, form: { decisionNumber: '34/QĐ-UBND', approvedOn: '01/02/2026', effectiveOn: '' } }) },
  'POST /quan-tri/gpmb/ho-dan/:hh/chi-tra': { action: 'clearance.manage', req: async (s) => ({ method: 'POST', path: `/quan-tri/gpmb/ho-dan/${(await mkHousehold(s, true)).code}/chi-tra`, form: { amount: '1.000.000', paidOn: '05/02/2026', method: 'cash', receiptNo: 'PC-1' } }) },
  'POST /quan-tri/gpmb/ho-dan/:hh/chi-tra/:id/xac-nhan': { action: 'clearance.approve', req: async (s) => { const p = await mkPendingPayment(s); return { method: 'POST', path: `/quan-tri/gpmb/ho-dan/${p.code}/chi-tra/${p.id}/xac-nhan`, form: {} }; } },
  'POST /quan-tri/gpmb/ho-dan/:hh/ban-giao': { action: 'clearance.manage', req: async (s) => ({ method: 'POST', path: `/quan-tri/gpmb/ho-dan/${(await mkHousehold(s, true)).code}/ban-giao`, form: { handedOn: '10/02/2026', areaM2: '40', minutesNo: 'BB-1', earlyAgreement: '' } }) },
  'POST /quan-tri/gpmb/ho-dan/:hh/vuong-mac': { action: 'clearance.manage', req: async (s) => ({ method: 'POST', path: `/quan-tri/gpmb/ho-dan/${(await mkHousehold(s)).code}/vuong-mac`, form: { openedOn: '01/02/2026', description: 'Chưa đồng ý' } }) },
  'POST /quan-tri/gpmb/ho-dan/:hh/vuong-mac/:id/giai-quyet': { action: 'clearance.manage', req: async (s) => { const o = await mkObstacle(s); return { method: 'POST', path: `/quan-tri/gpmb/ho-dan/${o.code}/vuong-mac/${o.id}/giai-quyet`, form: { resolvedOn: '09/02/2026', resolution: 'Đã thống nhất' } }; } },
  'GET /quan-tri/gpmb/:code': { action: 'clearance.read', req: async (s) => get(`/quan-tri/gpmb/${await mkProject(s, 1)}`) },
  'GET /quan-tri/gpmb/:code/sua': { action: 'clearance.manage', req: async (s) => get(`/quan-tri/gpmb/${await mkProject(s)}/sua`) },
  'POST /quan-tri/gpmb/:code/sua': { action: 'clearance.manage', req: async (s) => ({ method: 'POST', path: `/quan-tri/gpmb/${await mkProject(s)}/sua`, form: { name: 'Dự án sửa', category: 'key', unit: parentOf(s), isPublic: '' } }) },
  'POST /quan-tri/gpmb/:code/buoc/:step': { action: 'clearance.manage', req: async (s) => ({ method: 'POST', path: `/quan-tri/gpmb/${await mkProject(s)}/buoc/thong-bao`, form: { action: 'done', doneOn: '06/01/2026' } }) },
  'GET /quan-tri/gpmb/:code/ho': { action: 'clearance.personal', req: async (s) => get(`/quan-tri/gpmb/${await mkProject(s, 2)}/ho?trang_thai=new`) },
  'POST /quan-tri/gpmb/:code/ho': { action: 'clearance.manage', req: async (s) => ({ method: 'POST', path: `/quan-tri/gpmb/${await mkProject(s)}/ho`, form: { kind: 'organisation', name: 'Công ty thử', recoveredM2: '100' } }) },
  'GET /quan-tri/gpmb/:code/ho-x-buoc': { action: 'clearance.personal', req: async (s) => get(`/quan-tri/gpmb/${await mkProject(s, 2)}/ho-x-buoc`) },
  'GET /quan-tri/gpmb/:code/doi-thoai': { action: 'clearance.personal', req: async (s) => get(`/quan-tri/gpmb/${(await mkFollowup(s)).project}/doi-thoai`) },
  'POST /quan-tri/gpmb/:code/doi-thoai': { action: 'clearance.manage', req: async (s) => ({ method: 'POST', path: `/quan-tri/gpmb/${await mkProject(s)}/doi-thoai`, form: { heldOn: '10/02/2026', place: 'Nhà văn hóa', chair: 'Chủ tịch UBND phường', participants: '25', followups: 'Rà soát nguồn gốc đất | UBND phường | 20/02/2026' } }) },
  'POST /quan-tri/gpmb/:code/doi-thoai/viec/:id': { action: 'clearance.manage', req: async (s) => { const f = await mkFollowup(s); return { method: 'POST', path: `/quan-tri/gpmb/${f.project}/doi-thoai/viec/${f.id}`, form: { doneOn: '2026-02-15' } }; } },
  'GET /quan-tri/gpmb/:code/don': { action: 'clearance.personal', req: async (s) => get(`/quan-tri/gpmb/${(await mkComplaint(s)).project}/don`) },
  'POST /quan-tri/gpmb/:code/don': { action: 'clearance.manage', req: async (s) => ({ method: 'POST', path: `/quan-tri/gpmb/${await mkProject(s)}/don`, form: { kind: 'complaint', household: '', receivedOn: '01/02/2026', content: 'Khiếu nại thử', handler: '' } }) },
  'POST /quan-tri/gpmb/:code/don/:id/tra-loi': { action: 'clearance.manage', req: async (s) => { const k = await mkComplaint(s); return { method: 'POST', path: `/quan-tri/gpmb/${k.project}/don/${k.id}/tra-loi`, form: { answer: 'Đã trả lời', answeredOn: '05/02/2026' } }; } },
  'POST /quan-tri/chu-de/:code/bao-cao/dang-bai': {
    action: 'article.write',
    req: async (s) => {
      await ensureCampaignCategory(campaignOf(s));
      return { method: 'POST', path: `/quan-tri/chu-de/${campaignOf(s)}/bao-cao/dang-bai?den=30/06/2026`, form: {} };
    },
  },
  'GET /bai-viet/:slug': { action: 'public', req: async () => get(`/bai-viet/${(await mkArticle('inside', 'published')).slug}`) },
  'GET /chuyen-muc/:slug': { action: 'public', req: async () => (await ensureNews(), get('/chuyen-muc/mx-tin?trang=2')) },
  'GET /chuyen-muc/:slug/rss.xml': { action: 'public', req: async () => (await ensureNews(), get('/chuyen-muc/mx-tin/rss.xml')) },
  'GET /rss.xml': { action: 'public', req: async () => get('/rss.xml') },
  'GET /sitemap.xml': { action: 'public', req: async () => get('/sitemap.xml') },
  'GET /robots.txt': { action: 'public', req: async () => get('/robots.txt') },
  'GET /kho-tu-lieu': { action: 'public', req: async () => get('/kho-tu-lieu') },
  'GET /kho-tu-lieu/:code': { action: 'public', req: async () => get('/kho-tu-lieu/CA') },
  'GET /anh/:id': { action: 'public', req: async () => get(`/anh/${await mkCover()}`) },
  'GET /quan-tri/bai-viet': { action: 'article.read', unscoped: true, req: async () => get('/quan-tri/bai-viet?q=thu&trang_thai=draft') },
  'GET /quan-tri/bai-viet/moi': { action: 'article.write', unscoped: true, req: async () => get('/quan-tri/bai-viet/moi') },
  'POST /quan-tri/bai-viet/moi': { action: 'article.write', unscoped: true, req: async () => (await ensureNews(), { method: 'POST', path: '/quan-tri/bai-viet/moi', form: { title: `Bài viết thử ${next()}`, category: 'mx-tin', body: '<p>Thử</p>', thao_tac: 'luu' } }) },
  'GET /quan-tri/bai-viet/:id': { action: 'article.read', req: async (s) => get(`/quan-tri/bai-viet/${(await mkArticle(s)).id}`) },
  'POST /quan-tri/bai-viet/:id': { action: 'article.write', req: async (s) => ({ method: 'POST', path: `/quan-tri/bai-viet/${(await mkArticle(s)).id}`, form: { title: 'Bài đã sửa', category: 'mx-tin', body: '<p>Sửa</p>', thao_tac: 'luu' } }) },
  'GET /quan-tri/bai-viet/:id/xem': { action: 'article.read', req: async (s) => get(`/quan-tri/bai-viet/${(await mkArticle(s)).id}/xem`) },
  'POST /quan-tri/bai-viet/:id/tra-lai': { action: 'article.publish', req: async (s) => ({ method: 'POST', path: `/quan-tri/bai-viet/${(await mkArticle(s, 'review')).id}/tra-lai`, form: { note: 'Bổ sung số liệu' } }) },
  'POST /quan-tri/bai-viet/:id/go': { action: 'article.publish', req: async (s) => ({ method: 'POST', path: `/quan-tri/bai-viet/${(await mkArticle(s, 'published')).id}/go`, form: {} }) },
  'POST /quan-tri/bai-viet/:id/xoa': { action: 'article.write', req: async (s) => ({ method: 'POST', path: `/quan-tri/bai-viet/${(await mkArticle(s)).id}/xoa`, form: {} }) },
  'POST /quan-tri/bai-viet/:id/anh': { action: 'article.write', req: async (s) => ({ method: 'POST', path: `/quan-tri/bai-viet/${(await mkArticle(s)).id}/anh`, multipart: coverUpload() }) },
  'GET /quan-tri/chuyen-muc': { action: 'category.manage', global: true, req: async () => get('/quan-tri/chuyen-muc') },
  'GET /quan-tri/chuyen-muc/moi': { action: 'category.manage', global: true, req: async () => get('/quan-tri/chuyen-muc/moi') },
  'POST /quan-tri/chuyen-muc/moi': { action: 'category.manage', global: true, req: async () => ({ method: 'POST', path: '/quan-tri/chuyen-muc/moi', form: { name: `Chuyên mục mới ${next()}`, inMenu: 'on' } }) },
  'GET /quan-tri/chuyen-muc/:slug': { action: 'category.manage', global: true, req: async () => get(`/quan-tri/chuyen-muc/${await mkCategory()}`) },
  'POST /quan-tri/chuyen-muc/:slug': { action: 'category.manage', global: true, req: async () => { const slug = await mkCategory(); return { method: 'POST', path: `/quan-tri/chuyen-muc/${slug}`, form: { name: 'Chuyên mục đã sửa', slug } }; } },
  'POST /quan-tri/chuyen-muc/:slug/xoa': { action: 'category.manage', global: true, req: async () => ({ method: 'POST', path: `/quan-tri/chuyen-muc/${await mkCategory()}/xoa`, form: {} }) },
  'GET /api/v1/articles': { action: 'public', req: async () => get('/api/v1/articles?q=bai+thu&page=2') },
  'GET /api/v1/articles/:slug': { action: 'public', req: async () => get(`/api/v1/articles/${(await mkArticle('inside', 'published')).slug}`) },
  'POST /api/v1/articles': { action: 'article.write', unscoped: true, req: async () => (await ensureNews(), { method: 'POST', path: '/api/v1/articles', json: { category: 'mx-tin', title: `Bài API ${next()}` } }) },
  'PUT /api/v1/articles/:slug': { action: 'article.write', req: async (s) => ({ method: 'PUT', path: `/api/v1/articles/${(await mkArticle(s)).slug}`, json: { category: 'mx-tin', title: 'Bài API đã sửa' } }) },
  'POST /api/v1/articles/:slug/submit': { action: 'article.write', req: async (s) => ({ method: 'POST', path: `/api/v1/articles/${(await mkArticle(s)).slug}/submit`, json: {} }) },
  'POST /api/v1/articles/:slug/publish': { action: 'article.publish', req: async (s) => ({ method: 'POST', path: `/api/v1/articles/${(await mkArticle(s, 'review')).slug}/publish`, json: {} }) },
  'POST /api/v1/articles/:slug/return': { action: 'article.publish', req: async (s) => ({ method: 'POST', path: `/api/v1/articles/${(await mkArticle(s, 'review')).slug}/return`, json: { note: 'Sửa lại' } }) },
  'POST /api/v1/articles/:slug/unpublish': { action: 'article.publish', req: async (s) => ({ method: 'POST', path: `/api/v1/articles/${(await mkArticle(s, 'published')).slug}/unpublish`, json: {} }) },
  'GET /api/v1/categories': { action: 'public', req: async () => get('/api/v1/categories') },
  'POST /api/v1/categories': { action: 'category.manage', global: true, req: async () => ({ method: 'POST', path: '/api/v1/categories', json: { name: `Chuyên mục API ${next()}` } }) },
  'GET /quan-tri/bao-cao/moi': { action: 'report.configure', unscoped: true, req: async () => get('/quan-tri/bao-cao/moi') },
  'POST /quan-tri/bao-cao/thiet-lap': {
    action: 'report.configure',
    req: async (s) => ({ method: 'POST', path: '/quan-tri/bao-cao/thiet-lap', form: { definition: JSON.stringify({ code: `MX-F${next()}`, name: 'Biểu mẫu thử', unit: parentOf(s), periodType: 'month', deadlineDays: 5, reportingKinds: ['residentialGroup'], indicators: [{ code: 'x', name: 'X', type: 'int' }] }) } }),
  },
  'GET /quan-tri/bao-cao/:form/thiet-lap': { action: 'report.configure', unscoped: true, req: async () => (await ensureReportForm(), get('/quan-tri/bao-cao/MX-BC/thiet-lap')) },
  'GET /quan-tri/bao-cao/:form/giao-ban': { action: 'report.read', global: true, req: async () => (await ensureReportForm(), get('/quan-tri/bao-cao/MX-BC/giao-ban?ky=2026-Q1')) },
  'GET /quan-tri/bao-cao/:form/giao-ban/:what': { action: 'report.read', global: true, req: async () => (await ensureReportForm(), get('/quan-tri/bao-cao/MX-BC/giao-ban/nop-bao-cao?ky=2026-Q1')) },
  'GET /quan-tri/bao-cao/:form/giao-ban.docx': { action: 'report.read', global: true, req: async () => (await ensureReportForm(), get('/quan-tri/bao-cao/MX-BC/giao-ban.docx?ky=2026-Q1')) },
  'GET /quan-tri/bao-cao': { action: 'report.read', unscoped: true, req: async () => (await ensureReportForm(), get('/quan-tri/bao-cao')) },
  'GET /quan-tri/bao-cao/:form': { action: 'report.read', unscoped: true, req: async () => (await ensureReportForm(), get('/quan-tri/bao-cao/MX-BC?ky=2026-01')) },
  'POST /quan-tri/bao-cao/:form/khoa-so': { action: 'report.approve', global: true, req: async () => (await ensureReportForm(), { method: 'POST', path: '/quan-tri/bao-cao/MX-BC/khoa-so', form: { ky: freshMonth() } }) },
  'GET /quan-tri/bao-cao/:form/tong-hop': { action: 'report.read', unscoped: true, req: async () => (await ensureReportForm(), get('/quan-tri/bao-cao/MX-BC/tong-hop?ky=2026-01&ky=2026-Q1')) },
  'GET /quan-tri/bao-cao/:form/tong-hop.xlsx': { action: 'report.read', unscoped: true, req: async () => (await ensureReportForm(), get('/quan-tri/bao-cao/MX-BC/tong-hop.xlsx?ky=2026-01')) },
  'GET /quan-tri/bao-cao/:form/:unit/:period': { action: 'report.read', req: async (s) => { const r = await mkReport(s, false); return get(`/quan-tri/bao-cao/MX-BC/${r.unit}/${r.period}`); } },
  'POST /quan-tri/bao-cao/:form/:unit/:period': { action: 'report.enter', req: async (s) => { const r = await mkReport(s, false); return { method: 'POST', path: `/quan-tri/bao-cao/MX-BC/${r.unit}/${r.period}`, form: { v_so_ho: '7', thao_tac: 'luu' } }; } },
  'POST /quan-tri/bao-cao/:form/:unit/:period/duyet': { action: 'report.approve', req: async (s) => { const r = await mkReport(s); return { method: 'POST', path: `/quan-tri/bao-cao/MX-BC/${r.unit}/${r.period}/duyet`, form: {} }; } },
  'POST /quan-tri/bao-cao/:form/:unit/:period/tra-lai': { action: 'report.approve', req: async (s) => { const r = await mkReport(s); return { method: 'POST', path: `/quan-tri/bao-cao/MX-BC/${r.unit}/${r.period}/tra-lai`, form: { note: 'Bổ sung' } }; } },
  'GET /api/v1/report-forms': { action: 'report.read', unscoped: true, req: async () => (await ensureReportForm(), get('/api/v1/report-forms')) },
  'GET /api/v1/report-forms/:code': { action: 'report.read', unscoped: true, req: async () => (await ensureReportForm(), get('/api/v1/report-forms/MX-BC')) },
  'PUT /api/v1/report-forms/:code': { action: 'report.configure', global: true, req: async () => ({ method: 'PUT', path: `/api/v1/report-forms/MX-API-${next()}`, json: { name: 'Biểu mẫu API', unit: 'HN', periodType: 'quarter', deadlineDays: 10, reportingKinds: ['ward'], indicators: [{ code: 'x', name: 'X', type: 'int' }] } }) },
  'GET /api/v1/report-forms/:code/completeness': { action: 'report.read', unscoped: true, req: async () => (await ensureReportForm(), get('/api/v1/report-forms/MX-BC/completeness?period=2026-01')) },
  'GET /api/v1/report-forms/:code/pivot': { action: 'report.read', unscoped: true, req: async () => (await ensureReportForm(), get('/api/v1/report-forms/MX-BC/pivot?period=2026-01&period=2026')) },
  'GET /api/v1/report-forms/:code/reports/:unit/:period': { action: 'report.read', req: async (s) => { const r = await mkReport(s, false); return get(`/api/v1/report-forms/MX-BC/reports/${r.unit}/${r.period}`); } },
  'PUT /api/v1/report-forms/:code/reports/:unit/:period': { action: 'report.enter', req: async (s) => { const r = await mkReport(s, false); return { method: 'PUT', path: `/api/v1/report-forms/MX-BC/reports/${r.unit}/${r.period}`, json: { values: { so_ho: 9 } } }; } },
  'POST /api/v1/report-forms/:code/reports/:unit/:period/approve': { action: 'report.approve', req: async (s) => { const r = await mkReport(s); return { method: 'POST', path: `/api/v1/report-forms/MX-BC/reports/${r.unit}/${r.period}/approve`, json: {} }; } },
  'POST /api/v1/report-forms/:code/reports/:unit/:period/return': { action: 'report.approve', req: async (s) => { const r = await mkReport(s); return { method: 'POST', path: `/api/v1/report-forms/MX-BC/reports/${r.unit}/${r.period}/return`, json: { note: 'Sửa lại' } }; } },
  'POST /api/v1/report-forms/:code/periods/:period/close': { action: 'report.approve', global: true, req: async () => (await ensureReportForm(), { method: 'POST', path: `/api/v1/report-forms/MX-BC/periods/${freshMonth()}/close`, json: {} }) },
  'GET /quan-tri/hoi-nghi': { action: 'meeting.read', unscoped: true, req: async () => get('/quan-tri/hoi-nghi') },
  'GET /quan-tri/hoi-nghi/moi': { action: 'meeting.manage', unscoped: true, req: async () => get('/quan-tri/hoi-nghi/moi') },
  'POST /quan-tri/hoi-nghi/moi': { action: 'meeting.manage', req: async (s) => ({ method: 'POST', path: '/quan-tri/hoi-nghi/moi', form: { kind: 'briefing', title: `Giao ban ${next()}`, unit: parentOf(s), heldOn: '05/01/2026', chair: 'Chủ trì', attendeesCount: '3', conclusions: `Việc | ${parentOf(s)}-1 | 01/02/2026` } }) },
  'GET /quan-tri/hoi-nghi/:id': { action: 'meeting.read', req: async (s) => get(`/quan-tri/hoi-nghi/${(await mkMeeting(s)).id}`) },
  'POST /quan-tri/hoi-nghi/ket-luan/:id': { action: 'meeting.manage', req: async (s) => ({ method: 'POST', path: `/quan-tri/hoi-nghi/ket-luan/${(await mkMeeting(s)).conclusions[0]!.id}`, form: { evidence: 'Đã làm xong', doneOn: '10/01/2026' } }) },
  'GET /quan-tri/phan-cong': { action: 'meeting.read', unscoped: true, req: async () => get('/quan-tri/phan-cong') },
  'POST /quan-tri/phan-cong': { action: 'meeting.manage', req: async (s) => ({ method: 'POST', path: '/quan-tri/phan-cong', form: { leader: `Đồng chí ${next()}`, title: 'Ủy viên Ban Thường vụ', units: `${parentOf(s)}-1` } }) },
  'GET /quan-tri/kiem-tra': { action: 'meeting.read', unscoped: true, req: async () => get('/quan-tri/kiem-tra') },
  'POST /quan-tri/kiem-tra': { action: 'meeting.manage', req: async (s) => ({ method: 'POST', path: '/quan-tri/kiem-tra', form: { leader: `Đồng chí kiểm tra ${next()}`, title: 'UVTV', unit: `${parentOf(s)}-1`, visitedOn: '05/01/2026', inspected: 'Mô hình', findings: 'Tốt', note: 'Kiểm tra đột xuất' } }) },
  'GET /quan-tri/kiem-tra/tep/:fileId': { action: 'meeting.read', req: async (s) => get(`/quan-tri/kiem-tra/tep/${await mkVisitFile(s)}`) },
  'GET /quan-tri/viec-cua-toi/ban-tin': { action: 'admin.enter', unscoped: true, req: async () => get('/quan-tri/viec-cua-toi/ban-tin?ngay=06/01/2026') },
  'GET /quan-tri/van-de': { action: 'meeting.read', unscoped: true, req: async () => get('/quan-tri/van-de?trang_thai=tat-ca') },
  'POST /quan-tri/van-de': { action: 'issue.raise', req: async (s) => ({ method: 'POST', path: '/quan-tri/van-de', form: { unit: `${parentOf(s)}-1`, title: `Vấn đề ${next()}`, source: 'other', raisedOn: '05/01/2026' } }) },
  'GET /quan-tri/van-de/:id': { action: 'meeting.read', req: async (s) => get(`/quan-tri/van-de/${(await mkIssue(s)).id}`) },
  'POST /quan-tri/van-de/:id/giai-quyet': { action: 'issue.resolve', req: async (s) => ({ method: 'POST', path: `/quan-tri/van-de/${(await mkIssue(s)).id}/giai-quyet`, form: { resolution: 'Đã chỉ đạo tháo gỡ', resolvedOn: '06/01/2026' } }) },
  'POST /quan-tri/van-de/:id/chuyen-len': { action: 'issue.resolve', req: async (s) => ({ method: 'POST', path: `/quan-tri/van-de/${(await mkIssue(s, true)).id}/chuyen-len`, form: { note: 'Vượt thẩm quyền' } }) },
  'GET /quan-tri/nguoi-uy-tin': { action: 'team.read', unscoped: true, req: async () => get('/quan-tri/nguoi-uy-tin') },
  'POST /quan-tri/nguoi-uy-tin': { action: 'team.manage', req: async (s) => ({ method: 'POST', path: '/quan-tri/nguoi-uy-tin', form: { team: await mkTeam(s), fullName: `Người ${next()}`, trustedFor: 'Hòa giải' } }) },
  'POST /quan-tri/nguoi-uy-tin/:id/van-dong': { action: 'team.manage', req: async (s) => ({ method: 'POST', path: `/quan-tri/nguoi-uy-tin/${(await mkPerson(s)).id}/van-dong`, form: { project: await mkProject(s), onDate: '06/01/2026', outcome: 'Hộ đồng thuận' } }) },
  'GET /api/v1/meetings': { action: 'meeting.read', unscoped: true, req: async () => get('/api/v1/meetings') },
  'POST /api/v1/meetings': { action: 'meeting.manage', req: async (s) => ({ method: 'POST', path: '/api/v1/meetings', json: { unit: parentOf(s), title: `Giao ban API ${next()}`, heldOn: '2026-01-05', chair: 'Chủ trì', attendeesCount: 3, conclusions: [{ content: 'Việc', owner: `${parentOf(s)}-1`, dueOn: '2026-02-01' }] } }) },
  'GET /api/v1/meetings/:id': { action: 'meeting.read', req: async (s) => get(`/api/v1/meetings/${(await mkMeeting(s)).id}`) },
  'POST /api/v1/conclusions/:id/done': { action: 'meeting.manage', req: async (s) => ({ method: 'POST', path: `/api/v1/conclusions/${(await mkMeeting(s)).conclusions[0]!.id}/done`, json: { evidence: 'Đã làm', doneOn: '2026-01-10' } }) },
  'GET /api/v1/assignments': { action: 'meeting.read', unscoped: true, req: async () => get('/api/v1/assignments') },
  'POST /api/v1/assignments': { action: 'meeting.manage', req: async (s) => ({ method: 'POST', path: '/api/v1/assignments', json: { leader: `Đồng chí ${next()}`, title: 'UVTV', units: [`${parentOf(s)}-1`] } }) },
  'GET /api/v1/visits': { action: 'meeting.read', unscoped: true, req: async () => get('/api/v1/visits') },
  'POST /api/v1/visits': { action: 'meeting.manage', req: async (s) => ({ method: 'POST', path: '/api/v1/visits', json: { leader: `Đồng chí ${next()}`, title: 'UVTV', unit: `${parentOf(s)}-1`, visitedOn: '2026-01-05', inspected: 'Mô hình', findings: 'Tốt', note: 'Đột xuất' } }) },
  'GET /api/v1/issues': { action: 'meeting.read', unscoped: true, req: async () => get('/api/v1/issues') },
  'POST /api/v1/issues': { action: 'issue.raise', req: async (s) => ({ method: 'POST', path: '/api/v1/issues', json: { unit: `${parentOf(s)}-1`, title: `Vấn đề API ${next()}`, raisedOn: '2026-01-05' } }) },
  'GET /api/v1/issues/:id': { action: 'meeting.read', req: async (s) => get(`/api/v1/issues/${(await mkIssue(s)).id}`) },
  'POST /api/v1/issues/:id/resolve': { action: 'issue.resolve', req: async (s) => ({ method: 'POST', path: `/api/v1/issues/${(await mkIssue(s)).id}/resolve`, json: { resolution: 'Đã giải quyết', resolvedOn: '2026-01-06' } }) },
  'POST /api/v1/issues/:id/escalate': { action: 'issue.resolve', req: async (s) => ({ method: 'POST', path: `/api/v1/issues/${(await mkIssue(s, true)).id}/escalate`, json: { note: 'Vượt thẩm quyền' } }) },
  'GET /api/v1/persons': { action: 'team.read', unscoped: true, req: async () => get('/api/v1/persons') },
  'POST /api/v1/persons': { action: 'team.manage', req: async (s) => ({ method: 'POST', path: '/api/v1/persons', json: { team: await mkTeam(s), fullName: `Người ${next()}`, trustedFor: 'Hòa giải' } }) },
  'POST /api/v1/persons/:id/mobilisations': { action: 'team.manage', req: async (s) => ({ method: 'POST', path: `/api/v1/persons/${(await mkPerson(s)).id}/mobilisations`, json: { project: await mkProject(s), onDate: '2026-01-06', outcome: 'Hộ đồng thuận' } }) },
  'GET /quan-tri/cau-hinh': { action: 'settings.update', global: true, req: async () => get('/quan-tri/cau-hinh') },
  'POST /quan-tri/cau-hinh': { action: 'settings.update', global: true, req: async () => ({ method: 'POST', path: '/quan-tri/cau-hinh', form: { siteName: 'Cổng thử', owner: 'Chủ quản thử' } }) },
};

async function staticUrl(): Promise<string> {
  const html = await (await new Client(t).request('/')).text();
  return /href="(\/static\/app\.[0-9a-f]+\.css)"/.exec(html)?.[1] ?? '/static/none';
}

const clients = new Map<string, Client>();
async function clientFor(username: string, fresh = false): Promise<Client> {
  const cached = clients.get(username);
  if (cached && !fresh) return cached;
  const c = new Client(t);
  expect((await c.login(username)).status).toBe(200);
  if (!fresh) clients.set(username, c);
  return c;
}

async function send(c: Client, r: Req): Promise<number> {
  if (r.multipart) {
    r.multipart.set('_csrf', c.csrf);
    return (await c.request(r.path, { method: r.method, body: r.multipart })).status;
  }
  if (r.form && r.path === '/dang-nhap' && !c.csrf) {
    // the login form, like a browser: its token comes with the page (double-submit cookie)
    const token = /name="_csrf" value="([^"]+)"/.exec(await (await c.request('/dang-nhap')).text())?.[1] ?? '';
    return (await c.request(r.path, { method: r.method, form: { _csrf: token, ...r.form } })).status;
  }
  if (r.form) return (await c.request(r.path, { method: r.method, form: { _csrf: c.csrf, ...r.form } })).status;
  return (await c.request(r.path, { method: r.method, ...(r.json !== undefined ? { json: r.json } : {}) })).status;
}

/** Like `send`, with the answer's text. */
async function sendFull(c: Client, r: Req): Promise<{ status: number; text: string }> {
  let res: Response;
  if (r.multipart) {
    r.multipart.set('_csrf', c.csrf);
    res = await c.request(r.path, { method: r.method, body: r.multipart });
  } else if (r.form) res = await c.request(r.path, { method: r.method, form: { _csrf: c.csrf, ...r.form } });
  else res = await c.request(r.path, { method: r.method, ...(r.json !== undefined ? { json: r.json } : {}) });
  return { status: res.status, text: await res.text() };
}

/**
 * The same request for a record that does not exist: the route's first path parameter (or the one
 * named in MISSING_PARAM) replaced by a value no record has, of the same form; `norm` blanks the
 * value in an answer (a code named in a message is the caller's own), numeric ids left as they are.
 */
const MISSING_PARAM: Record<string, string> = {
  'GET /quan-tri/bao-cao/:form/:unit/:period': 'unit',
  'GET /api/v1/report-forms/:code/reports/:unit/:period': 'unit',
};
function missingVariant(key: string, r: Req): { req: Req; norm: (text: string, which: 'record' | 'ghost') => string } | null {
  const pattern = key.slice(key.indexOf(' ') + 1).split('/');
  const [pathOnly, query] = r.path.split('?');
  const segs = pathOnly!.split('/');
  if (segs.length !== pattern.length) return null;
  const want = MISSING_PARAM[key];
  const i = pattern.findIndex((p) => p.startsWith(':') && (!want || p === `:${want}`));
  if (i < 0) return null;
  const value = segs[i]!;
  const numeric = /^\d+$/.test(value);
  const ghost = numeric ? '987654321' : `${value}x9q`;
  const path = [...segs.slice(0, i), ghost, ...segs.slice(i + 1)].join('/') + (query ? `?${query}` : '');
  const [a, b] = [decodeURIComponent(value), decodeURIComponent(ghost)];
  return { req: { ...r, path }, norm: (text, which) => (numeric ? text : text.replaceAll(which === 'record' ? a : b, '§')) };
}

const isAllowedStatus = (status: number, k: Case) => (status >= 200 && status < 400) || (k.ok ?? []).includes(status);

beforeAll(async () => {
  t = await createTestApp();
  const { createCampaign } = await import('../src/features/campaigns/campaigns.service.js');
  await t.db.db.transaction().execute(async (trx) => {
    for (const [code, unit] of [['CA', 'A'], ['CB', 'B']] as const) {
      await createCampaign(trx, { actor: system, input: { code, unit, year: 2026, theme: `Chủ đề năm của ${unit}`, fields: [{ code: 'F1', name: 'Lĩnh vực 1' }], criteria: [{ code: 'c1', name: 'Hiệu quả', weight: 100 }] } });
    }
    const { createPhase } = await import('../src/features/campaigns/campaigns.service.js');
    for (const [code, unit] of [['PA', 'A'], ['PB', 'B']] as const) await createPhase(trx, { actor: system, input: { code, name: `Giai đoạn của ${unit}`, unit, fromYear: 2025, toYear: 2026 } });
    const { createUser } = await import('../src/features/accounts/accounts.service.js');
    await createUser(trx, { actor: system, input: { username: 'appraiser-b', fullName: 'Thẩm định B', unit: 'B', roles: ['appraiser'], password: PASSWORD } });
  });
});
afterAll(() => t.close());

describe('authorisation matrix', () => {
  it('has a case for every route the app serves', () => {
    const routes = t.app.routes.filter((r) => r.method !== 'ALL').map((r) => `${r.method} ${r.path}`);
    const missing = routes.filter((r) => !CASES[r]);
    expect(missing, 'routes without a matrix case').toEqual([]);
    const stale = Object.keys(CASES).filter((k) => !routes.includes(k));
    expect(stale, 'matrix cases for routes that no longer exist').toEqual([]);
  });

  it('tests each API route against the action its declaration names (the same list the OpenAPI document reads)', () => {
    const differ: string[] = [];
    for (const spec of apiSpecs) {
      const key = `${spec.method.toUpperCase()} /api/v1${spec.path}`;
      const declared = spec.public ? 'public' : (spec.action ?? 'self');
      if (CASES[key] && CASES[key].action !== declared) differ.push(`${key}: declared ${declared}, tested ${CASES[key].action}`);
    }
    expect(differ).toEqual([]);
    expect(apiSpecs.filter((s) => !CASES[`${s.method.toUpperCase()} /api/v1${s.path}`]).map((s) => s.path)).toEqual([]);
  });

  it('serves public routes to anonymous callers, and answers the rest with 401 (API) or the login page', async () => {
    for (const [key, k] of Object.entries(CASES)) {
      const r = await k.req('inside');
      const status = await send(new Client(t), r);
      if (k.action === 'public') {
        expect(isAllowedStatus(status, k), `${key} → ${status}`).toBe(true);
        continue;
      }
      if (r.path.startsWith('/api/')) expect(status, key).toBe(401);
      else if (r.method === 'GET') expect(status, key).toBe(302);
      else expect(status, key).toBe(401);
    }
  }, 120_000);

  for (const role of ROLES) {
    it(`role ${role}: allowed inside its subtree only; a refused read answers as a missing record (404), a refused action 403`, async () => {
      const username = role === 'admin' ? 'admin-a' : `${role}-a`;
      const failures: string[] = [];
      for (const [key, k] of Object.entries(CASES)) {
        if (k.action === 'public') continue;
        const c = await clientFor(username, k.fresh);
        const roleMay = k.action === 'self' || (ACTIONS[k.action] as readonly Role[]).includes(role);
        for (const scope of (k.unscoped ? ['inside'] : ['inside', 'outside']) as Scope[]) {
          // a ward's admin is "outside" of installation-wide actions
          const expectAllowed = roleMay && scope === 'inside' && !k.global;
          const r = await k.req(scope);
          const res = await sendFull(c, r);
          if (expectAllowed) {
            if (!isAllowedStatus(res.status, k)) failures.push(`${key} [${scope}] → ${res.status}, expected allowed`);
            continue;
          }
          const read = r.method === 'GET' && key.includes(':') && !k.global;
          // issue #20: reading a record outside one's scope answers exactly as a missing record does
          const mustHide = read && roleMay && scope === 'outside';
          if (mustHide && res.status !== 404) {
            failures.push(`${key} [${scope}] → ${res.status}, expected 404 as for a missing record`);
            continue;
          }
          if (res.status === 404 && read) {
            const ghost = missingVariant(key, r);
            if (ghost) {
              const g = await sendFull(c, ghost.req);
              if (g.status !== 404 || ghost.norm(res.text, 'record') !== ghost.norm(g.text, 'ghost')) failures.push(`${key} [${scope}] → 404 unlike a missing record (${g.status})`);
            }
            continue;
          }
          // an action on a record the caller may see but not change: 403 with the reason
          if (res.status !== 403 && !(read && res.status === 404)) failures.push(`${key} [${scope}] → ${res.status}, expected ${read ? '403 or 404' : '403'}`);
          else if (res.status === 403 && !/[àáảãạăâđêôơưấầẩẫậắằẳẵặếềểễệốồổỗộớờởỡợứừửữự]/i.test(res.text)) failures.push(`${key} [${scope}] → 403 without a Vietnamese reason`);
        }
      }
      expect(failures).toEqual([]);
    }, 300_000);
  }

  it('lets a top-level admin do installation-wide actions', async () => {
    const c = await clientFor('root');
    for (const [key, k] of Object.entries(CASES)) {
      if (!k.global) continue;
      const status = await send(c, await k.req('inside'));
      expect(isAllowedStatus(status, k), `${key} → ${status}`).toBe(true);
    }
  });

  it('records refused authorisations in the audit log', async () => {
    const denied = await t.db.db.selectFrom('audit_log').select(['actor_name', 'action']).where('outcome', '=', 'denied').execute();
    expect(denied.some((d) => d.actor_name === 'viewer-a' && d.action === 'unit.create')).toBe(true);
    expect(denied.some((d) => d.actor_name === 'admin-a' && d.action === 'unit.update')).toBe(true);
  });
});
