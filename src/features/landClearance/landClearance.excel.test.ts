import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorOf, system } from '../../../test/support/fixtures.js';
import { Client, createTestApp, type TestApp } from '../../../test/support/http.js';
import { zipEntry } from '../../../test/support/zip.js';
import type { UserActor } from '../../policy/policy.js';
import type { Tx } from '../../db/index.js';
import { receiveComplaint, recordDialogue } from './landClearance.engagement.js';
import { HOUSEHOLD_SHEET, householdTemplate, importHouseholdWorkbook } from './landClearance.excel.js';
import { approvePlan, createHousehold, getHousehold, recordHandover, recordHouseholdStep, recordPayment } from './landClearance.households.js';
import { figuresByProject, figuresOf } from './landClearance.repository.js';
import { actOnStep, createProject } from './landClearance.service.js';

let t: TestApp;
let officer: UserActor;
const tx = <T>(fn: (trx: Tx) => Promise<T>) => t.db.db.transaction().execute((trx) => fn(trx));
const count = async (table: 'clearance_households' | 'clearance_plans' | 'clearance_parcels') => Number((await t.db.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

/** Names that must never appear in an aggregate report. */
const NAMES = ['Nguyễn Văn Bình', 'Trần Thị Hoa', 'Công ty TNHH Sông Hồng'];

beforeAll(async () => {
  t = await createTestApp();
  officer = await actorOf(t.db.db, 'officer-a');
  await tx(async (trx) => {
    await createProject(trx, { actor: system, input: { code: 'A-DA1', name: 'Đường vành đai 2,5', unit: 'A', category: 'key', investor: 'Ban Quản lý dự án giao thông', householdsAffected: 5, startedOn: '2025-01-06', dueOn: '2025-12-31' } });
    await createProject(trx, { actor: system, input: { code: 'A-DA2', name: 'Trường mầm non Ánh Dương', unit: 'A-1', category: 'new', householdsAffected: 2, startedOn: '2025-09-25', dueOn: '2026-06-30' } });
    await createProject(trx, { actor: system, input: { code: 'B-DA1', name: 'Công viên Bình Minh', unit: 'B', category: 'carriedOver', startedOn: '2025-01-06' } });
    await actOnStep(trx, { actor: system, code: 'A-DA2', step: 'thong-bao', input: { action: 'done', doneOn: '2025-09-26' } });
    // a step planned: the project's schedule is followed (one with no step recorded has no status)
    await actOnStep(trx, { actor: system, code: 'A-DA1', step: 'thong-bao', input: { action: 'plan', plannedOn: '2025-01-20' } });
    await createHousehold(trx, { actor: system, input: { code: 'A-DA1-CU', project: 'A-DA1', name: 'Nguyễn Văn Bình', address: 'Số 5 ngõ 12', note: 'Ghi chú giữ lại', parcels: [{ mapSheet: '12', parcelNo: '30', areaM2: '100', recoveredM2: '100' }] } });
    await createHousehold(trx, { actor: system, input: { code: 'B-DA1-H1', project: 'B-DA1', name: 'Hộ phường B' } });
  });
});
afterAll(() => t.close());

/** Fills the real template the way an officer would (cells as typed: text, or numbers). */
async function workbook(rows: Record<string, unknown>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await householdTemplate({ code: 'A-DA1', name: 'Đường vành đai 2,5', unitName: 'Phường Ánh Dương' })) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet(HOUSEHOLD_SHEET.sheet)!;
  for (const r of rows) ws.addRow(HOUSEHOLD_SHEET.columns.map((c) => r[c.key] ?? null));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
const run = (buf: Buffer, opts: { dryRun?: boolean; project?: string; actor?: UserActor } = {}) =>
  importHouseholdWorkbook(t.db.db, opts.actor ?? officer, { projectCode: opts.project ?? 'A-DA1', buf, fileName: 'ho.xlsx', dryRun: opts.dryRun ?? false });
const failure = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => e as { status: number; message: string; issues: { message: string }[] });
const upload = (c: Client, path: string, buf: Buffer) => {
  const fd = new FormData();
  fd.set('_csrf', c.csrf);
  fd.set('file', new File([buf], 'danh-sach-ho.xlsx'));
  return c.request(path, { method: 'POST', body: fd });
};
const load = async (buf: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
};
/** Every cell's text in a workbook. */
const allText = (wb: ExcelJS.Workbook) => {
  const out: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((r) => r.eachCell((cell) => out.push(cell.text))));
  return out.join('\n');
};
const docText = (buf: Buffer) => zipEntry(buf, 'word/document.xml').replace(/<w:tab\/>/g, ' ').replace(/<[^>]+>/g, '');

const GOOD_ROWS = [
  { kind: 'Hộ gia đình', name: 'Trần Thị Hoa', address: 'Số 7 ngõ 12 phố Ánh Dương', phone: '0912345678', mapSheet: '12', parcelNo: '34', landType: 'ODT', areaM2: '120,5', recoveredM2: '85,5', land: '1.000.000.000', assets: 200_000_000, support: '50.000.000' },
  { code: 'A-DA1-TC', kind: 'Tổ chức', name: 'Công ty TNHH Sông Hồng', address: 'Lô 3 khu công nghiệp', mapSheet: '12', parcelNo: '35', landType: 'SKC', areaM2: 1500, recoveredM2: '1.200,0', land: '3.000.000.000', assets: '', resettlement: '' },
  { code: 'A-DA1-TC', mapSheet: '12', parcelNo: '36', landType: 'SKC', areaM2: '300,25', recoveredM2: '300,25' },
  { code: 'A-DA1-CU', name: 'Nguyễn Văn Bình', phone: '0987654321', land: 900_000_000 },
];

describe('household import', () => {
  it('gives a template with the Vietnamese header row and a dropdown for the kind', async () => {
    const c = new Client(t);
    await c.login('officer-a');
    const res = await c.request('/quan-tri/gpmb/A-DA1/mau-ho.xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''M%E1%BA%ABu");
    const ws = (await load(Buffer.from(await res.arrayBuffer()))).getWorksheet('Hộ bị ảnh hưởng')!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      'Mã hộ',
      'Loại',
      'Tên hộ, tổ chức *',
      'Địa chỉ',
      'Điện thoại',
      'Tờ bản đồ',
      'Số thửa',
      'Loại đất',
      'Diện tích (m²)',
      'Diện tích thu hồi (m²)',
      'Bồi thường về đất',
      'Bồi thường tài sản',
      'Hỗ trợ',
      'Tái định cư',
    ]);
    expect(JSON.stringify((ws as unknown as { dataValidations: { model: unknown } }).dataValidations.model)).toContain('Hộ gia đình,Tổ chức');
    // another ward's project: as one that does not exist (issue #20)
    expect((await c.request('/quan-tri/gpmb/B-DA1/mau-ho.xlsx')).status).toBe(404);
    expect((await c.request('/quan-tri/gpmb/KHONG-CO/mau-ho.xlsx')).status).toBe(404);
  });

  it('refuses the whole file on a bad row, naming sheet, row and column, and writes nothing', async () => {
    const before = [await count('clearance_households'), await count('clearance_plans'), await count('clearance_parcels')];
    const buf = await workbook([
      GOOD_ROWS[0]!,
      { name: 'Hộ diện tích mơ hồ', areaM2: '1.234' },
      { name: 'Hộ tiền lẻ', land: '1.250.000.000,5', support: 12.5 },
      { address: 'Không có tên', mapSheet: '3', parcelNo: '4' },
      { name: 'Hộ hợp lệ', kind: 'tổ chức' },
    ]);
    const e = await failure(run(buf));
    expect(e?.status).toBe(422);
    expect(e?.message).toBe('Tệp "ho.xlsx" có 4 lỗi; không có gì được ghi.');
    expect(e?.issues.map((i) => i.message)).toEqual([
      'Trang "Hộ bị ảnh hưởng", dòng 3, cột "Diện tích (m²)": "1.234" không rõ là số nguyên hay số thập phân: viết 1234 hoặc 1,234',
      'Trang "Hộ bị ảnh hưởng", dòng 4, cột "Bồi thường về đất": phải là số nguyên đồng (không có phần thập phân)',
      'Trang "Hộ bị ảnh hưởng", dòng 4, cột "Hỗ trợ": phải là số nguyên đồng (không có phần thập phân)',
      'Trang "Hộ bị ảnh hưởng", dòng 5, cột "Tên hộ, tổ chức": bắt buộc nhập',
    ]);
    // a rule the service checks (recovered area within the parcel) still names row and column
    const recovered = await failure(run(await workbook([GOOD_ROWS[1]!, { code: 'A-DA1-TC', parcelNo: '37', areaM2: '10', recoveredM2: '10,5' }])));
    expect(recovered?.status).toBe(422);
    expect(recovered?.issues[0]?.message).toBe('Trang "Hộ bị ảnh hưởng", dòng 3, cột "Diện tích thu hồi (m²)": không được lớn hơn diện tích thửa đất');
    // rows of one household must agree; its code must not belong to another project
    const disagree = await failure(run(await workbook([GOOD_ROWS[1]!, { code: 'A-DA1-TC', name: 'Tên khác' }])));
    expect(disagree?.issues[0]?.message).toMatch(/^Trang "Hộ bị ảnh hưởng", dòng 3, cột "Tên hộ, tổ chức": khác với dòng 2 của cùng mã hộ "A-DA1-TC"/);
    const foreign = await failure(run(await workbook([{ code: 'B-DA1-H1', name: 'Hộ của dự án khác' }])));
    expect(foreign?.issues[0]?.message).toBe('Trang "Hộ bị ảnh hưởng", dòng 2, cột "Mã hộ": mã hộ "B-DA1-H1" đã được dùng cho một hộ của dự án khác; hãy dùng mã khác hoặc để trống');
    // not a workbook at all, or the template left empty
    expect((await failure(run(Buffer.from('Tên hộ, tổ chức;Địa chỉ\nA;B'))))?.issues[0]?.message).toBe('Tệp "ho.xlsx": không phải tệp Excel .xlsx (không đúng định dạng ZIP của Office)');
    expect((await failure(run(await workbook([]))))?.issues[0]?.message).toBe('Trang "Hộ bị ảnh hưởng": chưa có dòng dữ liệu nào');
    expect([await count('clearance_households'), await count('clearance_plans'), await count('clearance_parcels')]).toEqual(before);
  });

  it('refuses a project outside the importer’s subtree (403; its import page answers 404) and a viewer everywhere', async () => {
    const buf = await workbook([{ name: 'Hộ thử' }]);
    expect((await failure(run(buf, { project: 'B-DA1' })))?.status).toBe(403);
    const c = new Client(t);
    await c.login('officer-a');
    expect((await upload(c, '/quan-tri/gpmb/B-DA1/nhap-ho', buf)).status).toBe(403);
    // the import page is a read: another ward's project does not exist for it (issue #20)
    expect((await c.request('/quan-tri/gpmb/B-DA1/nhap-ho')).status).toBe(404);
    const viewer = new Client(t);
    await viewer.login('viewer-a');
    expect((await upload(viewer, '/quan-tri/gpmb/A-DA1/nhap-ho', buf)).status).toBe(403);
  });

  it('previews the counts without writing, then imports households, parcels and provisional plans on confirmation', async () => {
    const c = new Client(t);
    await c.login('officer-a');
    expect((await c.request('/quan-tri/gpmb/A-DA1/nhap-ho')).status).toBe(200);
    const before = await count('clearance_households');
    const bad = await upload(c, '/quan-tri/gpmb/A-DA1/nhap-ho', await workbook([{ name: 'Hộ diện tích mơ hồ', areaM2: '1.234' }]));
    expect(bad.status).toBe(422);
    expect(await bad.text()).toContain('dòng 2, cột &quot;Diện tích (m²)&quot;');

    const preview = await upload(c, '/quan-tri/gpmb/A-DA1/nhap-ho', await workbook(GOOD_ROWS));
    const html = await preview.text();
    expect(preview.status).toBe(200);
    expect(html).toContain('4 dòng dữ liệu, 3 hộ, tổ chức');
    expect(html).toContain('thêm mới 2 hộ, tổ chức');
    expect(html).toContain('cập nhật 1 hộ, tổ chức đã có');
    expect(html).toContain('lập hoặc sửa 3 phương án bồi thường dự thảo');
    expect(await count('clearance_households')).toBe(before);
    const fileId = /name="file" value="(\d+)"/.exec(html)?.[1];

    const done = await c.postForm('/quan-tri/gpmb/A-DA1/nhap-ho/xac-nhan', { file: fileId! });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Đã nhập xong');
    expect(await count('clearance_households')).toBe(before + 2);
    // replaying the confirmation imports nothing twice
    expect((await c.postForm('/quan-tri/gpmb/A-DA1/nhap-ho/xac-nhan', { file: fileId! })).status).toBe(404);

    const generated = await getHousehold(t.db.db, officer, 'A-DA1-H002');
    expect(generated).toMatchObject({ name: 'Trần Thị Hoa', kind: 'household', phone: '0912345678', recoveredM2: 85.5, approvedAmount: null });
    expect(generated.parcels).toEqual([{ mapSheet: '12', parcelNo: '34', landType: 'ODT', areaM2: 120.5, recoveredM2: 85.5 }]);
    expect(generated.plans).toEqual([expect.objectContaining({ status: 'provisional', land: 1_000_000_000, assets: 200_000_000, support: 50_000_000, resettlement: null, total: 1_250_000_000, createdBy: 'officer-a' })]);
    const org = await getHousehold(t.db.db, officer, 'A-DA1-TC');
    expect(org).toMatchObject({ kind: 'organisation', recoveredM2: 1500.25 });
    expect(org.parcels.map((p) => p.parcelNo)).toEqual(['35', '36']);
    expect(org.plans).toEqual([expect.objectContaining({ status: 'provisional', total: 3_000_000_000 })]);
    // an existing household: the file's cells replace, empty cells keep (parcels and note included)
    const kept = await getHousehold(t.db.db, officer, 'A-DA1-CU');
    expect(kept).toMatchObject({ name: 'Nguyễn Văn Bình', phone: '0987654321', address: 'Số 5 ngõ 12', note: 'Ghi chú giữ lại' });
    expect(kept.parcels).toEqual([{ mapSheet: '12', parcelNo: '30', landType: null, areaM2: 100, recoveredM2: 100 }]);
    expect(kept.plans).toEqual([expect.objectContaining({ status: 'provisional', total: 900_000_000 })]);
    // every write audited under the importer's name
    const audits = await t.db.db.selectFrom('audit_log').select(['action', 'entity_id']).where('actor_name', '=', 'officer-a').where('action', 'in', ['household.create', 'household.update', 'clearancePlan.save']).execute();
    expect(audits.length).toBe(6);
    // the project's kept figures, moved once at the end of the import, are what its households add up to
    const { id } = await t.db.db.selectFrom('clearance_projects').select('id').where('code', '=', 'A-DA1').executeTakeFirstOrThrow();
    const figures = (await figuresOf(t.db.db, id))!;
    const [counted] = await figuresByProject(t.db.db, '9999-12-31', { ids: [id] });
    expect({ households: figures.households, organisations: figures.organisations, in_progress: figures.in_progress, recovered_dm2: Number(figures.recovered_dm2) }).toEqual({
      households: counted!.households,
      organisations: counted!.organisations,
      in_progress: counted!.in_progress,
      recovered_dm2: counted!.recovered_dm2,
    });
    expect(figures.households + figures.organisations).toBe(3); // the household made before (updated by the file) and the file's two new ones

    // the same file again: households updated, no new draft where the amounts are the same
    const again = await run(await workbook(GOOD_ROWS.slice(1)), { dryRun: true });
    expect(again.counts).toEqual({ created: 0, updated: 2, plans: 0 });
  });
});

describe('exports and documents', () => {
  beforeAll(async () => {
    const council = await actorOf(t.db.db, 'council-a');
    await tx(async (trx) => {
      // Trần Thị Hoa (A-DA1-H002) and the company: plans approved; the first paid and handed over
      await approvePlan(trx, { actor: council, code: 'A-DA1-H002', input: { decisionNumber: '101/QĐ-UBND', approvedOn: '2025-05-05' } });
      await approvePlan(trx, { actor: council, code: 'A-DA1-TC', input: { decisionNumber: '102/QĐ-UBND', approvedOn: '2025-05-05' } });
      await recordHouseholdStep(trx, { actor: officer, code: 'A-DA1-H002', input: { step: 'kiem-dem', doneOn: '2025-03-10' } });
      await recordPayment(trx, { actor: system, code: 'A-DA1-H002', input: { amount: 1_250_000_000, paidOn: '2025-05-20' } });
      await recordPayment(trx, { actor: system, code: 'A-DA1-TC', input: { amount: 1_000_000_000, paidOn: '2025-06-02' } });
      await recordHandover(trx, { actor: officer, code: 'A-DA1-H002', input: { handedOn: '2025-06-01' } });
      await createHousehold(trx, { actor: system, input: { code: 'A-DA1-EVIL', project: 'A-DA1', name: '=HYPERLINK("http://evil.example","Bấm vào")' } });
      await recordDialogue(trx, {
        actor: officer,
        projectCode: 'A-DA1',
        input: {
          heldOn: '2025-04-15',
          place: 'Hội trường UBND phường Ánh Dương',
          chair: 'Phó Chủ tịch UBND phường Lê Văn Cường',
          participants: 25,
          households: ['A-DA1-H002', 'A-DA1-CU'],
          issues: 'Các hộ đề nghị xem xét lại đơn giá bồi thường về đất.\nHộ bà Hoa đề nghị được bố trí tái định cư tại chỗ.',
          agreements: 'Giữ nguyên đơn giá theo quyết định của UBND thành phố.',
          followups: [{ task: 'Rà soát lại diện tích thửa 34', owner: 'Tổ công tác GPMB', dueOn: '2025-04-30' }],
        },
      });
      await receiveComplaint(trx, { actor: officer, projectCode: 'A-DA1', input: { household: 'A-DA1-CU', kind: 'petition', receivedOn: '2025-08-01', content: 'Đề nghị xem xét lại đơn giá' } });
    });
  });

  it('exports the household × step pivot with dates and formula-like text neutralised (clearance.personal)', async () => {
    const c = new Client(t);
    await c.login('council-a');
    const res = await c.request('/quan-tri/gpmb/A-DA1/ho-x-buoc.xlsx');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('attachment;');
    const ws = (await load(Buffer.from(await res.arrayBuffer()))).getWorksheet('Hộ × bước')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1) as string[];
    expect(header.slice(0, 4)).toEqual(['TT', 'Mã hộ', 'Tên hộ, tổ chức', 'Tình trạng']);
    const col = (name: string) => header.findIndex((h) => h.startsWith(name)) + 1;
    const rows = new Map<string, ExcelJS.Row>();
    ws.eachRow((r, n) => {
      if (n > 1) rows.set(r.getCell(2).text, r);
    });
    const hoa = rows.get('A-DA1-H002')!;
    expect(hoa.getCell(3).text).toBe('Trần Thị Hoa');
    expect(hoa.getCell(4).text).toBe('Đã bàn giao');
    expect(hoa.getCell(col('Điều tra')).text).toBe('10/03/2025');
    expect(hoa.getCell(col('Đối thoại')).text).toBe('15/04/2025');
    expect(hoa.getCell(col('Thẩm định và phê duyệt')).text).toBe('05/05/2025');
    expect(hoa.getCell(col('Chi trả')).text).toBe('20/05/2025');
    expect(hoa.getCell(col('Bàn giao')).text).toBe('01/06/2025');
    expect(rows.get('A-DA1-EVIL')!.getCell(3).text).toBe('\'=HYPERLINK("http://evil.example","Bấm vào")');
    // the last row counts the households per step
    const last = ws.getRow(ws.rowCount);
    expect(last.getCell(3).text).toBe('Số hộ đã thực hiện');
    expect(last.getCell(col('Bàn giao')).value).toBe(1);

    const viewer = new Client(t);
    await viewer.login('viewer-a');
    expect((await viewer.request('/quan-tri/gpmb/A-DA1/ho-x-buoc.xlsx')).status).toBe(403);
    expect((await c.request('/quan-tri/gpmb/B-DA1/ho-x-buoc.xlsx')).status).toBe(404);
  });

  it('writes the monthly report as a workbook with the figures and no household name (clearance.read)', async () => {
    const c = new Client(t);
    await c.login('viewer-a');
    const res = await c.request('/quan-tri/gpmb/bao-cao-thang.xlsx?den=30/09/2025');
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain('Báo cáo tiến độ GPMB A đến 30-09-2025.xlsx');
    const wb = await load(Buffer.from(await res.arrayBuffer()));
    const summary = new Map<string, unknown>();
    wb.getWorksheet('Tổng hợp')!.eachRow((r) => summary.set(r.getCell(1).text.replace(/^\s*– /, ''), r.getCell(2).value));
    expect(summary.get('Tổng số dự án')).toBe(2);
    expect(summary.get('Dự án trọng điểm')).toBe(1);
    expect(summary.get('Chậm tiến độ')).toBe(1);
    expect(summary.get('Hộ, tổ chức bị ảnh hưởng')).toBe(7);
    expect(summary.get('Phương án bồi thường đã phê duyệt')).toBe(2);
    expect(summary.get('Kinh phí đã phê duyệt')).toBe(4_250_000_000);
    expect(summary.get('Đã chi trả đủ')).toBe(1);
    expect(summary.get('Số tiền đã chi trả')).toBe(2_250_000_000);
    expect(summary.get('Đã bàn giao mặt bằng')).toBe(1);
    expect(summary.get('Buổi đối thoại đã tổ chức')).toBe(1);
    expect(summary.get('Đơn thư chưa giải quyết xong')).toBe(1);
    const projects = wb.getWorksheet('Theo dự án')!;
    expect(projects.getRow(2).getCell(2).text).toBe('A-DA1'); // behind schedule first
    expect(projects.getRow(2).getCell(6).text).toBe('Chậm tiến độ');
    expect(projects.getRow(3).getCell(2).text).toBe('A-DA2');
    const units = wb.getWorksheet('Theo đơn vị')!;
    expect(units.getRow(2).getCell(2).text).toBe('Phường Ánh Dương (trực tiếp)');
    expect(units.getRow(units.rowCount).getCell(7).value).toBe(4_250_000_000);
    const text = allText(wb);
    for (const name of [...NAMES, 'HYPERLINK']) expect(text).not.toContain(name);
    // through an earlier date, later records do not count
    const early = await load(Buffer.from(await (await c.request('/quan-tri/gpmb/bao-cao-thang.xlsx?den=31/05/2025')).arrayBuffer()));
    const earlySummary = new Map<string, unknown>();
    early.getWorksheet('Tổng hợp')!.eachRow((r) => earlySummary.set(r.getCell(1).text.replace(/^\s*– /, ''), r.getCell(2).value));
    expect(earlySummary.get('Tổng số dự án')).toBe(1);
    expect(earlySummary.get('Số tiền đã chi trả')).toBe(1_250_000_000);
    expect(earlySummary.get('Đã bàn giao mặt bằng')).toBe(0);

    expect((await c.request('/quan-tri/gpmb/bao-cao-thang.xlsx?don_vi=B')).status).toBe(403);
    expect((await c.request('/quan-tri/gpmb/bao-cao-thang.xlsx?den=31/02/2025')).status).toBe(422);
    expect((await c.request('/quan-tri/gpmb/bao-cao-thang.docx?don_vi=KHONG-CO')).status).toBe(422);
  });

  it('writes the monthly report as a DOCX in the administrative style, with no household name', async () => {
    const c = new Client(t);
    await c.login('admin-a');
    const res = await c.request('/quan-tri/gpmb/bao-cao-thang.docx?don_vi=A&den=30%2F09%2F2025');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('wordprocessingml');
    const buf = Buffer.from(await res.arrayBuffer());
    const xml = zipEntry(buf, 'word/document.xml');
    expect(xml).toContain('w:ascii="Times New Roman"');
    expect(xml).toMatch(/<w:pgMar w:top="113[34]" w:right="850" w:bottom="113[34]" w:left="170[01]"/);
    expect(xml).toContain('w:orient="landscape"');
    const text = docText(buf);
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'ỦY BAN NHÂN DÂN PHƯỜNG ÁNH DƯƠNG',
      'Ánh Dương, ngày 30 tháng 9 năm 2025',
      'BÁO CÁO',
      'Tiến độ công tác giải phóng mặt bằng tháng 9 năm 2025',
      'Tổng số dự án có thu hồi đất đang theo dõi: 2 dự án (trọng điểm 1, chuyển tiếp 0, mới 1)',
      'tổng kinh phí 4.250.000.000 đ',
      'số tiền đã chi trả 2.250.000.000 đ/4.250.000.000 đ, đạt 52,9%',
      'Có 1 dự án chậm tiến độ: Đường vành đai 2,5',
      'Biểu 1',
      'Phường Ánh Dương (trực tiếp)',
      'Trường mầm non Ánh Dương (A-DA2)',
      'Nơi nhận:',
    ]) {
      expect(text, s).toContain(s);
    }
    for (const name of [...NAMES, 'HYPERLINK', 'A-DA1-H002']) expect(text).not.toContain(name);
  });

  it('writes the minutes of a dialogue as a DOCX (clearance.personal)', async () => {
    const c = new Client(t);
    await c.login('officer-a');
    const dialogues = await t.db.db.selectFrom('clearance_dialogues').select('id').execute();
    const id = dialogues[0]!.id;
    const res = await c.request(`/quan-tri/gpmb/A-DA1/doi-thoai/${id}/bien-ban.docx`);
    expect(res.status).toBe(200);
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain('Biên bản đối thoại A-DA1 15-04-2025.docx');
    const buf = Buffer.from(await res.arrayBuffer());
    const text = docText(buf);
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Ánh Dương, ngày 15 tháng 4 năm 2025',
      'BIÊN BẢN',
      'Dự án: Đường vành đai 2,5',
      'Hôm nay, ngày 15 tháng 4 năm 2025, tại Hội trường UBND phường Ánh Dương',
      'chủ đầu tư: Ban Quản lý dự án giao thông',
      'Phó Chủ tịch UBND phường Lê Văn Cường',
      '25 người',
      'Trần Thị Hoa (mã hộ A-DA1-H002)',
      'Nguyễn Văn Bình (mã hộ A-DA1-CU)',
      'Các hộ đề nghị xem xét lại đơn giá bồi thường về đất.',
      'Hộ bà Hoa đề nghị được bố trí tái định cư tại chỗ.',
      'Giữ nguyên đơn giá theo quyết định của UBND thành phố.',
      'Rà soát lại diện tích thửa 34',
      'Tổ công tác GPMB',
      '30/04/2025',
      'CHỦ TRÌ',
    ]) {
      expect(text, s).toContain(s);
    }
    expect(zipEntry(buf, 'word/document.xml')).toContain('w:ascii="Times New Roman"');
    expect((await c.request(`/quan-tri/gpmb/A-DA1/doi-thoai/999999/bien-ban.docx`)).status).toBe(404);
    expect((await c.request(`/quan-tri/gpmb/A-DA2/doi-thoai/${id}/bien-ban.docx`)).status).toBe(404);
    const viewer = new Client(t);
    await viewer.login('viewer-a');
    expect((await viewer.request(`/quan-tri/gpmb/A-DA1/doi-thoai/${id}/bien-ban.docx`)).status).toBe(403);
  });
});
