/**
 * Issue #20 ("Trust, round 2"), items 2, 6 and 7 and the decision on documents kept off the portal:
 * each hole as it was found, then its class.
 * - files are authorised by what they are attached to, with the strictest rule of that thing
 *   (a score's evidence is no longer readable by whoever may read the model);
 * - a campaign's figures count the land clearance the caller may read (no district money to a ward);
 * - oracles: a draft article answers 404 as a missing one; a bundle's report of another ward is
 *   refused;
 * - a document kept off the portal is read by the issuing unit's line only, by every way in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/features/accounts/accounts.service.js';
import { createRound, scoreModel } from '../src/features/appraisal/appraisal.service.js';
import { createCampaign } from '../src/features/campaigns/campaigns.service.js';
import { attachDocumentFiles, createDocument } from '../src/features/documents/documents.service.js';
import { approvePlan, createHousehold, recordPayment, savePlan } from '../src/features/landClearance/landClearance.households.js';
import { createProject } from '../src/features/landClearance/landClearance.service.js';
import { addModelUpdate, registerModel } from '../src/features/models/models.service.js';
import { createArticle, createCategory } from '../src/features/portal/portal.service.js';
import { saveEntry, saveForm } from '../src/features/reporting/reporting.service.js';
import { actorOf, PASSWORD, system } from './support/fixtures.js';
import { Client, createTestApp, type TestApp } from './support/http.js';

let t: TestApp;
const MARK = 'ZQR';
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');
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
const get = async (who: string, path: string) => {
  const res = await (await as(who)).request(path);
  return { status: res.status, text: await res.text() };
};
/** The answer for `path` equals the one for `missing` (a record that does not exist), the ids aside. */
async function expectAsMissing(who: string, path: string, missing: string, ids?: [string, string]) {
  const [a, b] = [await get(who, path), await get(who, missing)];
  expect(a.status, `${who} ${path}`).toBe(404);
  // a code named in the message is the caller's own; numeric ids are not in the answer at all
  expect(ids ? a.text.replaceAll(ids[0], '§') : a.text, `${who} ${path}`).toBe(ids ? b.text.replaceAll(ids[1], '§') : b.text);
}

const w: { evidence: number; photo: number; docs: Record<string, number>; docFiles: Record<string, number> } = { evidence: 0, photo: 0, docs: {}, docFiles: {} };

beforeAll(async () => {
  t = await createTestApp();
  await t.db.db.transaction().execute(async (trx) => {
    await createUser(trx, { actor: system, input: { username: 'editor-b', fullName: 'Biên tập B', unit: 'B', roles: ['editor'], password: PASSWORD } });
    for (const [code, unit] of [['CHN', 'HN'], ['CA', 'A']] as const) {
      await createCampaign(trx, { actor: system, input: { code, unit, year: 2026, theme: `Chủ đề ${unit}`, fields: [{ code: 'F1', name: 'Lĩnh vực 1' }], criteria: [{ code: 'c1', name: 'Hiệu quả', weight: 100 }] } });
    }
    await registerModel(trx, { actor: system, input: { code: 'MH-A', campaign: 'CA', unit: 'A-1', field: 'F1', holder: 'collective', name: 'Mô hình A', status: 'registered', registeredOn: '2026-02-01' } });
    const upd = await addModelUpdate(trx, { actor: system, code: 'MH-A', input: { date: '2026-03-04', body: 'Ảnh' }, files: [{ name: 'ảnh.png', bytes: PNG }] });
    w.photo = upd.files[0]!.id;
    await createRound(trx, { actor: system, input: { code: 'RD-A', campaign: 'CA', name: 'Đợt A', kind: 'adhoc', opensOn: '2026-01-01', closesOn: '2099-12-31', cutoffOn: '2026-12-31', appraisers: ['appraiser-a'] } });
    // land clearance: the city's project (money a ward must not see) and the ward's own
    for (const [code, unit, amount] of [['HN-DA', 'HN', 7_000_000_000], ['A-DA', 'A', 300_000_000]] as const) {
      await createProject(trx, { actor: system, input: { code, name: `Dự án ${code}`, unit, category: 'new', startedOn: '2026-01-05', isPublic: false } });
      await createHousehold(trx, { actor: system, input: { code: `${code}-H1`, project: code, name: 'Hộ thử', address: 'Địa chỉ', parcels: [] } });
      await savePlan(trx, { actor: system, code: `${code}-H1`, input: { land: amount } });
      await approvePlan(trx, { actor: system, code: `${code}-H1`, input: { decisionNumber: `${code}/QĐ`, approvedOn: '2026-02-01' } });
      await recordPayment(trx, { actor: system, code: `${code}-H1`, input: { amount: amount / 2, paidOn: '2026-03-03' } });
    }
    // documents kept off the portal, of units on A's line and off it, and one public of B's
    for (const [key, unit, isPublic] of [['hn', 'HN', false], ['a1', 'A-1', false], ['b', 'B', false], ['bpub', 'B', true]] as const) {
      const d = await createDocument(trx, { actor: system, input: { number: `${key}-TB/R2`, kind: 'TB', issuer: isPublic || key !== 'b' ? 'Cơ quan' : `${MARK} cơ quan`, unit, date: '2026-01-02', title: key === 'b' ? `${MARK} nội bộ` : `Văn bản ${key}`, public: isPublic } });
      w.docs[key] = d.id;
      w.docFiles[key] = (await attachDocumentFiles(trx, { actor: system, id: d.id, files: [{ name: `${key}.pdf`, bytes: PDF }] })).files[0]!.id;
    }
    await createCategory(trx, { actor: system, input: { slug: 'tin', name: 'Tin' } });
    await createArticle(trx, { actor: system, input: { category: 'tin', slug: 'bai-nhap-b', title: `${MARK} Bài nháp`, body: '<p>x</p>', unit: 'B' } });
    await saveForm(trx, { actor: system, input: { code: 'BC', name: 'Báo cáo', unit: 'HN', periodType: 'month', deadlineDays: 5, reportingKinds: ['residentialGroup'], indicators: [{ code: 'so_ho', name: 'Số hộ', type: 'int' }] } });
    await saveEntry(trx, { actor: system, form: 'BC', unit: 'B-1', period: '2025-03', values: { so_ho: 5 }, submit: true });
  });
  const appraiser = await actorOf(t.db.db, 'appraiser-a');
  await t.db.db.transaction().execute(async (trx) => {
    await scoreModel(trx, { actor: appraiser, roundCode: 'RD-A', modelCode: 'MH-A', input: { points: { c1: 80 }, submit: false }, evidence: { c1: { name: 'biên bản thẩm định.pdf', bytes: PDF } } });
  });
  w.evidence = (await t.db.db.selectFrom('score_items').select('evidence_file_id').where('evidence_file_id', 'is not', null).executeTakeFirstOrThrow()).evidence_file_id!;
});
afterAll(() => t.close());

describe('item 2: a file is authorised by what it is attached to', () => {
  it("a score's evidence: the appraiser and the round's readers, not a viewer or an editor of the model", async () => {
    const missing = `/quan-tri/tep/${w.evidence + 1000}`;
    for (const who of ['viewer-a', 'editor-a']) {
      expect((await get(who, '/quan-tri/mo-hinh/MH-A')).status, `${who} reads the model`).toBe(200);
      await expectAsMissing(who, `/quan-tri/tep/${w.evidence}`, missing);
    }
    for (const who of ['appraiser-a', 'officer-a', 'council-a', 'admin-a', 'root']) expect((await get(who, `/quan-tri/tep/${w.evidence}`)).status, who).toBe(200);
    // another ward's administrator may not read ward A's round: nor its evidence
    await expectAsMissing('admin-b', `/quan-tri/tep/${w.evidence}`, missing);
  });

  it("a progress photo: as its model (registered models are public); a document's file is not served here", async () => {
    for (const who of ['viewer-a', 'editor-a', 'admin-b']) expect((await get(who, `/quan-tri/tep/${w.photo}`)).status, who).toBe(200);
    // every other kind of file id answers as a missing one on this route
    for (const id of [w.docFiles.hn!, w.docFiles.bpub!]) await expectAsMissing('root', `/quan-tri/tep/${id}`, `/quan-tri/tep/${w.evidence + 1000}`);
  });

  it("a document's file: by the document's rule (kept off the portal: the issuing unit's line)", async () => {
    const missing = `/quan-tri/van-ban/tep/${w.evidence + 1000}`;
    await expectAsMissing('viewer-a', `/quan-tri/van-ban/tep/${w.docFiles.b}`, missing);
    for (const k of ['hn', 'a1', 'bpub']) expect((await get('viewer-a', `/quan-tri/van-ban/tep/${w.docFiles[k]}`)).status, k).toBe(200);
    expect((await get('viewer-a', `/van-ban/tep/${w.docFiles.b}`)).status).toBe(404);
  });
});

describe('item 6: figures are scoped like the records they count', () => {
  interface Dash { clearance: { amountApproved: number; amountPaid: number; projects: number } }
  it("a ward's viewer gets its ward's land clearance in the city's campaign, not the city's money", async () => {
    const ward = (await (await (await as('viewer-a')).request('/api/v1/campaigns/CHN/dashboard?through=2026-12-31')).json()) as Dash;
    expect(ward.clearance).toMatchObject({ amountApproved: 300_000_000, amountPaid: 150_000_000 });
    const city = (await (await (await as('root')).request('/api/v1/campaigns/CHN/dashboard?through=2026-12-31')).json()) as Dash;
    expect(city.clearance).toMatchObject({ amountApproved: 7_300_000_000, amountPaid: 3_650_000_000 });
  });

  it("the dashboard's documents are those the caller may read", async () => {
    const ward = JSON.stringify(await (await (await as('viewer-a')).request('/api/v1/campaigns/CHN/dashboard?through=2026-12-31')).json());
    expect(ward).not.toContain(MARK);
    expect(ward).toContain('hn-TB/R2');
  });
});

describe('item 7: oracles', () => {
  it('a draft article answers 404 exactly as a missing one (API)', async () => {
    for (const who of ['editor-a', 'viewer-a']) {
      await expectAsMissing(who, '/api/v1/articles/bai-nhap-b', '/api/v1/articles/khong-co-bai', ['bai-nhap-b', 'khong-co-bai']);
    }
    expect((await get('editor-b', '/api/v1/articles/bai-nhap-b')).status).toBe(200);
  });

  it("a bundle's report of another ward is refused, not answered \"updated\"", async () => {
    const before = await t.db.db.selectFrom('report_submissions').selectAll().execute();
    const res = await (await as('admin-a')).request('/api/v1/import', { method: 'POST', json: { version: 1, reports: [{ form: 'BC', unit: 'B-1', period: '2025-03', status: 'submitted', values: { so_ho: 5 } }] } });
    expect(res.status).toBe(403);
    expect(await t.db.db.selectFrom('report_submissions').selectAll().execute()).toEqual(before);
    // the other ward's own administrator may
    const ok = await (await as('admin-b')).request('/api/v1/import', { method: 'POST', json: { version: 1, reports: [{ form: 'BC', unit: 'B-1', period: '2025-03', status: 'submitted', values: { so_ho: 5 } }] } });
    expect(ok.status).toBe(200);
  });
});

describe('decision: documents kept off the portal are read by the issuing unit’s line', () => {
  it('detail (API): 404 as a missing one off the line; ancestors, subtree and public ones read', async () => {
    const missing = `/api/v1/documents/${w.docs.bpub! + 1000}`;
    await expectAsMissing('viewer-a', `/api/v1/documents/${w.docs.b}`, missing);
    for (const k of ['hn', 'a1', 'bpub']) expect((await get('viewer-a', `/api/v1/documents/${w.docs[k]}`)).status, k).toBe(200);
    expect((await get('admin-b', `/api/v1/documents/${w.docs.b}`)).status).toBe(200);
    // the city's (above B) reads it
    expect((await get('root', `/api/v1/documents/${w.docs.b}`)).status).toBe(200);
  });

  it('lists (API and admin page) and search leave it out', async () => {
    for (const path of ['/api/v1/documents', '/api/v1/documents?q=noi+bo', '/quan-tri/van-ban', '/quan-tri/van-ban?q=noi+bo', '/api/v1/search?q=noi+bo', '/tim-kiem?q=noi+bo', '/van-ban?q=noi+bo']) {
      const r = await get('viewer-a', path);
      expect(r.status, path).toBe(200);
      expect(r.text, path).not.toContain(MARK);
    }
    const all = await get('viewer-a', '/api/v1/documents');
    for (const k of ['hn-TB/R2', 'a1-TB/R2', 'bpub-TB/R2']) expect(all.text).toContain(k);
    expect((await get('admin-b', '/api/v1/documents')).text).toContain(MARK);
  });
});
