/**
 * Land clearance spreadsheets: the household list of a project (template, import with a preview
 * that runs the whole import and rolls it back, all-or-nothing), the household × step pivot,
 * and the monthly progress report (aggregates only: no household is named in it).
 *
 * One sheet row is one parcel of one household: rows sharing a "Mã hộ" are the parcels of one
 * household, whose details and amounts are written once. Every row goes through the slice's own
 * services (createHousehold / updateHousehold / savePlan), so the same rules, scope checks and
 * audit apply as in the forms; amounts become the household's provisional plan, and approving
 * it stays a separate step taken by another person.
 */
import ExcelJS from 'exceljs';
import type { Db, Tx } from '../../db/index.js';
import { AppError, badInput, type FieldIssue } from '../../lib/errors.js';
import { toIssues, type Labels } from '../../lib/validation.js';
import { formatDate, todayVn } from '../../lib/vi.js';
import { authorize, ForbiddenError, type Actor } from '../../policy/policy.js';
import { addSheet, listValidation, readWorkbook, safeCell, where, type SheetSpec } from '../../lib/sheets.js';
import { HouseholdBatch, householdPivot, presentParcel } from './landClearance.households.js';
import * as repo from './landClearance.repository.js';
import { householdLabels, planLabels, ZHousehold, ZParcel, ZPlan } from './landClearance.schemas.js';
import { authorizeProjectRead, requireProject } from './landClearance.service.js';
import type { ClearanceDashboard, ClearanceTotals, ProjectLine } from './landClearance.stats.js';
import { workbookBuffer } from '../../lib/cells.js';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const kindValues = { 'Hộ gia đình': 'household', 'Tổ chức': 'organisation' };

/** The household sheet: one row per parcel; rows with the same "Mã hộ" belong to one household. */
export const HOUSEHOLD_SHEET: SheetSpec = {
  sheet: 'Hộ bị ảnh hưởng',
  section: 'households',
  columns: [
    { header: 'Mã hộ', key: 'code', width: 16, hint: 'Để trống: Khéo tự đặt mã. Trùng mã hộ đã có của dự án: cập nhật hộ đó. Nhiều dòng cùng mã: các thửa đất của một hộ.' },
    { header: 'Loại', key: 'kind', values: kindValues, width: 14, hint: 'Hộ gia đình (mặc định) hoặc Tổ chức.' },
    { header: 'Tên hộ, tổ chức', key: 'name', required: true, width: 32 },
    { header: 'Địa chỉ', key: 'address', width: 34 },
    { header: 'Điện thoại', key: 'phone', width: 14 },
    { header: 'Tờ bản đồ', key: 'mapSheet', width: 10 },
    { header: 'Số thửa', key: 'parcelNo', width: 10 },
    { header: 'Loại đất', key: 'landType', width: 12 },
    { header: 'Diện tích (m²)', key: 'areaM2', width: 14, hint: 'Dấu phẩy thập phân, ví dụ 120,5.' },
    { header: 'Diện tích thu hồi (m²)', key: 'recoveredM2', width: 14, hint: 'Không lớn hơn diện tích thửa đất.' },
    { header: 'Bồi thường về đất', key: 'land', width: 18, hint: 'Số nguyên đồng, ví dụ 1.250.000.000.' },
    { header: 'Bồi thường tài sản', key: 'assets', width: 18, hint: 'Nhà, công trình, cây cối, tài sản khác (đồng).' },
    { header: 'Hỗ trợ', key: 'support', width: 16 },
    { header: 'Tái định cư', key: 'resettlement', width: 16 },
  ],
};

const HOUSEHOLD_KEYS = ['code', 'kind', 'name', 'address', 'phone'] as const;
const PARCEL_KEYS = ['mapSheet', 'parcelNo', 'landType', 'areaM2', 'recoveredM2'] as const;
const PLAN_KEYS = ['land', 'assets', 'support', 'resettlement'] as const;
const headerOf = (key: string) => HOUSEHOLD_SHEET.columns.find((c) => c.key === key)?.header;
const labels: Labels = { ...householdLabels, ...planLabels };

/** The workbook officers fill in for one project: instructions and the household sheet with its dropdown. */
export async function householdTemplate(project: { code: string; name: string; unitName: string }): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Khéo';
  const guide = wb.addWorksheet('Hướng dẫn');
  guide.columns = [{ width: 120 }];
  for (const line of [
    `Mẫu nhập danh sách hộ bị ảnh hưởng — dự án ${project.name} (${project.code}), ${project.unitName}`,
    '',
    '1. Mỗi dòng của trang "Hộ bị ảnh hưởng" là một thửa đất của một hộ (hoặc tổ chức); cột có dấu * là bắt buộc.',
    '2. Hộ có nhiều thửa: ghi nhiều dòng cùng "Mã hộ"; tên, địa chỉ và số tiền chỉ cần ghi ở dòng đầu (các dòng sau để trống hoặc ghi giống hệt).',
    '3. "Mã hộ" để trống: Khéo tự đặt mã. Trùng mã hộ đã có của dự án: thông tin và các thửa đất của hộ được thay bằng nội dung trong tệp.',
    '4. Diện tích ghi bằng m², dấu phẩy thập phân (120,5). Không ghi "1.234": không rõ là 1234 hay 1,234 m².',
    '5. Số tiền ghi bằng số nguyên đồng (1.250.000.000). Các khoản tiền được lưu thành phương án dự thảo của hộ;',
    '   phương án chỉ có hiệu lực khi được người có thẩm quyền (khác người lập) phê duyệt trên Khéo.',
    '6. Khi nhập, Khéo kiểm tra toàn bộ tệp trước và cho xem trước kết quả: nếu có một dòng lỗi, không có gì được ghi và Khéo chỉ rõ trang, dòng, cột.',
    '',
    'Tệp có thông tin cá nhân của hộ dân: chỉ dùng cho công việc, không chia sẻ, không công bố.',
  ]) {
    guide.addRow([safeCell(line)]);
  }
  guide.getRow(1).font = { bold: true, size: 13 };
  const ws = addSheet(wb, HOUSEHOLD_SHEET, []);
  listValidation(ws, HOUSEHOLD_SHEET.columns.findIndex((c) => c.key === 'kind') + 1, `"${Object.keys(kindValues).join(',')}"`);
  for (const key of ['code', 'phone', 'mapSheet', 'parcelNo']) ws.getColumn(HOUSEHOLD_SHEET.columns.findIndex((c) => c.key === key) + 1).numFmt = '@';
  return workbookBuffer(wb);
}

// ——— import ———

interface Origin {
  sheet: string;
  row: number;
}
interface SheetRow {
  o: Origin;
  rec: Record<string, unknown>;
}
/** One household of the file: its rows (one per parcel), details merged from them, amounts from one row. */
interface Group {
  code: string | null;
  rows: SheetRow[];
  household: Record<string, unknown>;
  /** row of each household field's value */
  from: Map<string, SheetRow>;
  parcels: { row: SheetRow; parcel: Record<string, unknown> }[];
  plan: { row: SheetRow; amounts: Record<string, unknown> } | null;
}

export interface HouseholdImportCounts {
  created: number;
  updated: number;
  /** provisional plans written (new draft or changed draft) */
  plans: number;
}

const pick = (rec: Record<string, unknown>, keys: readonly string[]) => Object.fromEntries(keys.filter((k) => rec[k] !== undefined).map((k) => [k, rec[k]]));
const same = (a: unknown, b: unknown) => String(a).trim().toLowerCase() === String(b).trim().toLowerCase();

/** "Trang …, dòng …, cột …: message", the field's own label dropped when the column names it. */
function at(o: Origin, key: string | undefined, message: string, field = `households[${o.row}]${key ? `.${key}` : ''}`): FieldIssue {
  const header = key ? headerOf(key) : undefined;
  const label = key ? labels[key] : undefined;
  let msg = message;
  if (header) {
    if (label && msg.startsWith(`${label}: `)) msg = msg.slice(label.length + 2);
    else msg = msg.replace(/^[^:"]{1,60}:\s+(?=\S)/, '');
  }
  return { field, message: `${where(o, header)}: ${msg}` };
}

const lastKey = (path: string) => /(\w+)$/.exec(path)?.[1];

/** Reads the household sheet and checks every row with the slice's schemas; all problems at once. */
async function readHouseholdGroups(buf: Buffer, fileName: string, projectCode: string): Promise<{ groups: Group[]; rows: number }> {
  const { doc, origins } = await readWorkbook(buf, fileName, [HOUSEHOLD_SHEET], { defaults: {}, lookups: {} });
  const records = (doc[HOUSEHOLD_SHEET.section] as Record<string, unknown>[] | undefined) ?? [];
  const os = origins.get(HOUSEHOLD_SHEET.section) ?? [];
  const issues: FieldIssue[] = [];
  const groups: Group[] = [];
  const byCode = new Map<string, Group>();
  records.forEach((rec, i) => {
    const row: SheetRow = { o: os[i]!, rec };
    const code = typeof rec.code === 'string' ? rec.code : null;
    let g = code ? byCode.get(code) : undefined;
    if (!g) {
      g = { code, rows: [], household: {}, from: new Map(), parcels: [], plan: null };
      groups.push(g);
      if (code) byCode.set(code, g);
    }
    g.rows.push(row);
    for (const k of HOUSEHOLD_KEYS) {
      const v = rec[k];
      if (v === undefined) continue;
      const first = g.from.get(k);
      if (!first) {
        g.household[k] = v;
        g.from.set(k, row);
      } else if (!same(first.rec[k], v)) {
        issues.push(at(row.o, k, `khác với dòng ${first.o.row} của cùng mã hộ "${code}" ("${String(first.rec[k])}"); các dòng cùng mã hộ là các thửa đất của một hộ`));
      }
    }
    const parcel = pick(rec, PARCEL_KEYS);
    if (Object.keys(parcel).length) {
      const r = ZParcel.safeParse(parcel);
      if (!r.success) for (const iss of toIssues(r.error, householdLabels)) issues.push(at(row.o, lastKey(iss.field), iss.message));
      g.parcels.push({ row, parcel });
    }
    const amounts = pick(rec, PLAN_KEYS);
    if (Object.keys(amounts).length) {
      if (g.plan) {
        issues.push(at(row.o, Object.keys(amounts)[0], `số tiền của hộ "${code}" đã ghi ở dòng ${g.plan.row.o.row}; chỉ ghi số tiền ở một dòng của mỗi hộ`));
      } else {
        const r = ZPlan.safeParse(amounts);
        if (!r.success) for (const iss of toIssues(r.error, planLabels)) issues.push(at(row.o, lastKey(iss.field), iss.message));
        g.plan = { row, amounts };
      }
    }
  });
  for (const g of groups) {
    const r = ZHousehold.safeParse({ ...g.household, project: projectCode, parcels: [] });
    if (r.success) continue;
    for (const iss of toIssues(r.error, householdLabels)) {
      const key = lastKey(iss.field);
      issues.push(at((key && g.from.get(key)) ? g.from.get(key)!.o : g.rows[0]!.o, key, iss.message));
    }
  }
  if (!records.length) issues.push({ field: 'file', message: `Trang "${HOUSEHOLD_SHEET.sheet}": chưa có dòng dữ liệu nào` });
  if (issues.length) throw badInput(issues.slice(0, 200), `Tệp "${fileName}" có ${issues.length} lỗi; không có gì được ghi.`);
  return { groups, rows: records.length };
}

/** Names the sheet, row and column of an error a service raised for one household of the file. */
function locate(e: AppError, g: Group): AppError {
  const first = g.rows[0]!.o;
  if (e instanceof ForbiddenError) return new ForbiddenError(e.action, e.resource, `${where(first)}: ${e.message}`);
  const issues = (e.issues.length ? e.issues : [{ field: '', message: e.message }]).map((i) => {
    const parcel = /^parcels\[(\d+)\]\.(\w+)/.exec(i.field);
    if (parcel) {
      const p = g.parcels[Number(parcel[1])];
      if (p) return at(p.row.o, parcel[2], i.message);
    }
    const key = lastKey(i.field);
    if (key && (PLAN_KEYS as readonly string[]).includes(key) && g.plan) return at(g.plan.row.o, key, i.message);
    if (key === 'total' && g.plan) return at(g.plan.row.o, undefined, i.message);
    if (key && (HOUSEHOLD_KEYS as readonly string[]).includes(key)) return at(g.from.get(key)?.o ?? first, key, i.message);
    return at(first, undefined, i.message);
  });
  return new AppError(422, e.id, issues.map((i) => i.message).join('; '), issues);
}

class DryRun extends Error {
  constructor(readonly counts: HouseholdImportCounts) {
    super('dry run');
  }
}

/**
 * Imports a project's household workbook all-or-nothing (clearance.manage on the project's
 * unit). With `dryRun` the whole import runs and is rolled back: the preview shows exactly what
 * committing would do, or the first error it would meet.
 */
export async function importHouseholdWorkbook(
  db: Db,
  actor: Actor,
  opts: { projectCode: string; buf: Buffer; fileName: string; dryRun: boolean; inTransaction?: (trx: Tx) => Promise<void> },
): Promise<{ counts: HouseholdImportCounts; rows: number; households: number }> {
  const project = await householdImportProject(db, actor, opts.projectCode);
  const { groups, rows } = await readHouseholdGroups(opts.buf, opts.fileName, project.code);
  try {
    const counts = await db.transaction().execute(async (trx: Tx) => {
      const c: HouseholdImportCounts = { created: 0, updated: 0, plans: 0 };
      // the project's kept figures move once, at the end (see holdFigures)
      repo.holdFigures(trx);
      // new households are written in batches; one already recorded goes through the services
      const batch = new HouseholdBatch(trx, actor, project.code);
      await batch.knowCodes(groups.map((g) => g.code));
      for (const g of groups) {
        const existing = g.code ? await batch.recordedAs(g.code) : undefined;
        if (existing && existing.project_id !== project.id) throw badInput([at(g.rows[0]!.o, 'code', `mã hộ "${g.code}" đã được dùng cho một hộ của dự án khác; hãy dùng mã khác hoặc để trống`)]);
        try {
          if (existing) {
            // empty cells keep what is recorded (rows without any parcel keep its parcels): a partial list never wipes data
            const kept = g.parcels.length ? g.parcels.map((p) => p.parcel) : batch.parcelsOf(existing).map(presentParcel);
            const input = { kind: existing.kind, address: existing.address, phone: existing.phone, note: existing.note, ...g.household, project: project.code, parcels: kept };
            const r = await batch.update(existing, input, g.plan?.amounts);
            c.updated++;
            if (r.plan) c.plans++;
          } else {
            await batch.add({ ...g.household, parcels: g.parcels.map((p) => p.parcel) }, g.plan?.amounts);
            c.created++;
            if (g.plan) c.plans++;
          }
        } catch (e) {
          throw e instanceof AppError && e.status !== 401 ? locate(e, g) : e;
        }
      }
      await batch.flush();
      await repo.flushFigures(trx);
      if (opts.dryRun) throw new DryRun(c);
      await opts.inTransaction?.(trx);
      return c;
    });
    return { counts, rows, households: groups.length };
  } catch (e) {
    if (e instanceof DryRun) return { counts: e.counts, rows, households: groups.length };
    throw e;
  }
}

/** A project whose households the actor may update (clearance.manage on its unit), or 404 / 403. */
/**
 * The project of a household import, if the actor may update it. `read` (the import page, the
 * template): a project the actor may not read is answered as one that does not exist (issue #20);
 * the import itself refuses with 403.
 */
export async function householdImportProject(db: Db, actor: Actor, projectCode: string, opts: { read?: boolean } = {}): Promise<repo.ProjectWithUnit> {
  const project = await requireProject(db, projectCode);
  if (opts.read) authorizeProjectRead(actor, project, 'clearance.manage');
  else authorize(actor, 'clearance.manage', { unitPath: project.unit_path, entityType: 'clearanceProject', entityId: project.code });
  return project;
}

/** The template of a project the actor may update. */
export async function projectHouseholdTemplate(db: Db, actor: Actor, projectCode: string): Promise<{ buf: Buffer; project: repo.ProjectWithUnit }> {
  const project = await householdImportProject(db, actor, projectCode, { read: true });
  return { buf: await householdTemplate({ code: project.code, name: project.name, unitName: project.unit_name }), project };
}

// ——— household × step pivot (personal data) ———

type Pivot = Awaited<ReturnType<typeof householdPivot>>;

/** The pivot as a workbook: one row per household, one column per step, the date it was done. */
export async function pivotWorkbook(project: { code: string; name: string; unitName: string }, pivot: Pivot, asOf = todayVn()): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Khéo';
  wb.title = `Tiến độ theo hộ — ${project.name}`;
  const spec: SheetSpec = {
    sheet: 'Hộ × bước',
    section: 'pivot',
    columns: [
      { header: 'TT', key: 'n', width: 6 },
      { header: 'Mã hộ', key: 'code', width: 16 },
      { header: 'Tên hộ, tổ chức', key: 'name', width: 32 },
      { header: 'Tình trạng', key: 'state', width: 16 },
      ...pivot.steps.map((s, i) => ({ header: String(safeCell(s.name)), key: `s${i}`, width: 14 })),
    ],
  };
  const ws = addSheet(
    wb,
    spec,
    pivot.rows.map((r, i) => ({ n: i + 1, code: r.code, name: r.name, state: r.state, ...Object.fromEntries(r.cells.map((d, j) => [`s${j}`, d ? formatDate(d) : ''])) })),
  );
  ws.getRow(1).height = 48;
  const total = ws.addRow({ name: 'Số hộ đã thực hiện', ...Object.fromEntries(pivot.steps.map((_, j) => [`s${j}`, pivot.rows.filter((r) => r.cells[j]).length])) });
  total.font = { name: 'Times New Roman', bold: true };
  const info = wb.addWorksheet('Thông tin');
  info.columns = [{ width: 22 }, { width: 80 }];
  for (const [k, v] of [
    ['Dự án', `${project.name} (${project.code})`],
    ['Đơn vị', project.unitName],
    ['Số hộ, tổ chức', String(pivot.rows.length)],
    ['Số liệu đến ngày', formatDate(asOf)],
    ['Lưu ý', 'Tệp có thông tin cá nhân của hộ dân: chỉ dùng cho công việc, không chia sẻ, không công bố.'],
  ] as const) {
    info.addRow([k, safeCell(v)]);
  }
  info.getColumn(1).font = { bold: true };
  return workbookBuffer(wb);
}

/** The pivot of a project (clearance.personal on its unit) with the project it belongs to. */
export async function projectPivot(db: Db, actor: Actor, projectCode: string): Promise<{ pivot: Pivot; project: repo.ProjectWithUnit }> {
  const pivot = await householdPivot(db, actor, projectCode);
  return { pivot, project: await requireProject(db, projectCode) };
}

// ——— monthly progress report (aggregates only) ———

/** Households affected of a line: declared, or listed when more are listed (as totalsOf counts them). */
export const affectedOf = (l: ProjectLine) => Math.max(l.householdsAffected + l.organisationsAffected, l.households + l.organisations);
const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part * 1000) / whole) / 1000 : 0);
const behindOf = (t: ClearanceTotals) => t.bySchedule.find((s) => s.status === 'behind')?.count ?? 0;

const UNIT_SHEET: SheetSpec = {
  sheet: 'Theo đơn vị',
  section: 'units',
  columns: [
    { header: 'Mã đơn vị', key: 'code', width: 12 },
    { header: 'Đơn vị', key: 'name', width: 32 },
    { header: 'Số dự án', key: 'projects', width: 10 },
    { header: 'Dự án chậm tiến độ', key: 'behind', width: 12 },
    { header: 'Hộ, tổ chức bị ảnh hưởng', key: 'affected', width: 14 },
    { header: 'Phương án đã phê duyệt (hộ)', key: 'plansApproved', width: 14 },
    { header: 'Kinh phí đã phê duyệt (đồng)', key: 'amountApproved', width: 20 },
    { header: 'Đã chi trả (hộ)', key: 'paid', width: 12 },
    { header: 'Số tiền đã chi trả (đồng)', key: 'amountPaid', width: 20 },
    { header: 'Tỷ lệ tiền đã chi trả', key: 'paidRatio', width: 12 },
    { header: 'Đã bàn giao mặt bằng (hộ)', key: 'handedOver', width: 14 },
    { header: 'Buổi đối thoại', key: 'dialogues', width: 11 },
    { header: 'Đơn thư chưa giải quyết', key: 'complaintsOpen', width: 12 },
    { header: 'Đơn thư quá hạn', key: 'complaintsOverdue', width: 11 },
  ],
};

const PROJECT_SHEET: SheetSpec = {
  sheet: 'Theo dự án',
  section: 'projects',
  columns: [
    { header: 'TT', key: 'n', width: 6 },
    { header: 'Mã dự án', key: 'code', width: 14 },
    { header: 'Tên dự án', key: 'name', width: 40 },
    { header: 'Đơn vị chủ trì', key: 'unitName', width: 24 },
    { header: 'Loại dự án', key: 'category', width: 12 },
    { header: 'Tiến độ', key: 'schedule', width: 14 },
    { header: 'Bước đã hoàn thành', key: 'steps', width: 11 },
    { header: 'Bước quá hạn', key: 'overdue', width: 9 },
    { header: 'Hạn hoàn thành', key: 'dueOn', width: 12 },
    { header: 'Hộ, tổ chức bị ảnh hưởng', key: 'affected', width: 12 },
    { header: 'Phương án đã phê duyệt (hộ)', key: 'plansApproved', width: 12 },
    { header: 'Kinh phí đã phê duyệt (đồng)', key: 'amountApproved', width: 20 },
    { header: 'Đã chi trả (hộ)', key: 'paid', width: 10 },
    { header: 'Số tiền đã chi trả (đồng)', key: 'amountPaid', width: 20 },
    { header: 'Đã bàn giao (hộ)', key: 'handedOver', width: 10 },
    { header: 'Hộ còn vướng mắc', key: 'blocked', width: 10 },
    { header: 'Buổi đối thoại', key: 'dialogues', width: 10 },
    { header: 'Đơn thư chưa giải quyết', key: 'complaintsOpen', width: 11 },
    { header: 'Đơn thư quá hạn', key: 'complaintsOverdue', width: 10 },
  ],
};

/** The lines of the summary: label, figure, unit of count (money in đồng, shares as fractions). */
function summaryLines(t: ClearanceTotals): { label: string; value: number; unit: string; level: 0 | 1 }[] {
  return [
    { label: 'Tổng số dự án', value: t.projects, unit: 'dự án', level: 0 },
    ...t.byCategory.map((c) => ({ label: `Dự án ${c.label.toLowerCase()}`, value: c.count, unit: 'dự án', level: 1 as const })),
    ...t.bySchedule.map((s) => ({ label: s.label, value: s.count, unit: 'dự án', level: 1 as const })),
    { label: 'Hộ, tổ chức bị ảnh hưởng', value: t.householdsAffected, unit: 'hộ', level: 0 },
    { label: 'Đã lập danh sách', value: t.households, unit: 'hộ', level: 1 },
    { label: 'Phương án bồi thường đã phê duyệt', value: t.plansApproved, unit: 'hộ', level: 0 },
    { label: 'Kinh phí đã phê duyệt', value: t.amountApproved, unit: 'đồng', level: 1 },
    { label: 'Đã chi trả đủ', value: t.householdsPaid, unit: 'hộ', level: 0 },
    { label: 'Số tiền đã chi trả', value: t.amountPaid, unit: 'đồng', level: 1 },
    { label: 'Tỷ lệ số tiền đã chi trả so với kinh phí đã phê duyệt', value: ratio(t.amountPaid, t.amountApproved), unit: '%', level: 1 },
    { label: 'Đã bàn giao mặt bằng', value: t.handedOver, unit: 'hộ', level: 0 },
    { label: 'Buổi đối thoại đã tổ chức', value: t.dialogues, unit: 'buổi', level: 0 },
    { label: 'Lượt người tham dự đối thoại', value: t.dialogueParticipants, unit: 'lượt', level: 1 },
    { label: 'Đơn thư chưa giải quyết xong', value: t.complaintsOpen, unit: 'đơn', level: 0 },
    { label: 'Trong đó quá hạn giải quyết', value: t.complaintsOverdue, unit: 'đơn', level: 1 },
  ];
}

const unitRow = (u: ClearanceTotals & { code: string; name: string }) => ({
  code: u.code,
  name: u.name,
  projects: u.projects,
  behind: behindOf(u),
  affected: u.householdsAffected,
  plansApproved: u.plansApproved,
  amountApproved: u.amountApproved,
  paid: u.householdsPaid,
  amountPaid: u.amountPaid,
  paidRatio: ratio(u.amountPaid, u.amountApproved),
  handedOver: u.handedOver,
  dialogues: u.dialogues,
  complaintsOpen: u.complaintsOpen,
  complaintsOverdue: u.complaintsOverdue,
});

/** "tháng 9 năm 2021" (months 1–2 with a leading zero, as in dated documents). */
export const monthOf = (iso: string) => {
  const [y, m] = iso.split('-').map(Number) as [number, number];
  return `tháng ${m <= 2 ? `0${m}` : m} năm ${y}`;
};

/** The monthly report as a workbook: summary, by unit, by project (behind schedule first). */
export async function monthlyReportWorkbook(d: ClearanceDashboard): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Khéo';
  wb.title = `Báo cáo tiến độ giải phóng mặt bằng ${monthOf(d.through)}`;
  const ws = wb.addWorksheet('Tổng hợp');
  ws.columns = [{ width: 60 }, { width: 22 }, { width: 12 }];
  ws.addRow(['BÁO CÁO TIẾN ĐỘ CÔNG TÁC GIẢI PHÓNG MẶT BẰNG']).font = { name: 'Times New Roman', bold: true, size: 14 };
  ws.addRow([safeCell(`${d.unit?.name ?? 'Toàn hệ thống'} — ${monthOf(d.through)}, số liệu tính đến ngày ${formatDate(d.through)}`)]).font = { name: 'Times New Roman', italic: true };
  ws.addRow([]);
  const head = ws.addRow(['Chỉ tiêu', 'Số liệu', 'Đơn vị tính']);
  head.font = { name: 'Times New Roman', bold: true, color: { argb: 'FFFFFFFF' } };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFB3131B' } };
  for (const l of summaryLines(d.totals)) {
    const r = ws.addRow([safeCell(`${l.level ? '    – ' : ''}${l.label}`), l.value, l.unit === '%' ? '' : l.unit]);
    r.font = { name: 'Times New Roman', bold: l.level === 0 };
    r.getCell(2).numFmt = l.unit === '%' ? '0.0%' : '#,##0';
  }
  const units = addSheet(wb, UNIT_SHEET, d.byUnit.map(unitRow));
  const projects = addSheet(
    wb,
    PROJECT_SHEET,
    d.projects.map((l, i) => ({
      n: i + 1,
      code: l.code,
      name: l.name,
      unitName: l.unitName,
      category: l.categoryLabel,
      schedule: l.schedule.label,
      steps: `${l.schedule.completed}/${l.schedule.applicable}`,
      overdue: l.schedule.overdue,
      dueOn: formatDate(l.dueOn),
      affected: affectedOf(l),
      plansApproved: l.plansApproved,
      amountApproved: l.amountApproved,
      paid: l.paid,
      amountPaid: l.amountPaid,
      handedOver: l.handedOver,
      blocked: l.blocked,
      dialogues: l.dialogues,
      complaintsOpen: l.complaintsOpen,
      complaintsOverdue: l.complaintsOverdue,
    })),
  );
  for (const [sheet, spec] of [[units, UNIT_SHEET], [projects, PROJECT_SHEET]] as const) {
    sheet.getRow(1).height = 48;
    spec.columns.forEach((c, i) => {
      if (c.key.startsWith('amount')) sheet.getColumn(i + 1).numFmt = '#,##0';
      if (c.key === 'paidRatio') sheet.getColumn(i + 1).numFmt = '0.0%';
    });
  }
  const total = units.addRow(unitRow({ ...d.totals, code: '', name: 'Tổng cộng' }));
  total.font = { name: 'Times New Roman', bold: true };
  return workbookBuffer(wb);
}
