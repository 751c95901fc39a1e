/** The "Mô hình" sheet: template with dropdowns, import through the bundle, export of any list. */
import ExcelJS from 'exceljs';
import type { Db } from '../../db/index.js';
import { formatDate, todayVn } from '../../lib/vi.js';
import type { Actor } from '../../policy/policy.js';
import { addSheet, listValidation, type SheetSpec } from '../../lib/sheets.js';
import { getCampaign } from '../campaigns/campaigns.service.js';
import { TEAM_SHEET } from '../teams/teams.excel.js';
import { teamsBundle } from '../teams/teams.bundle.js';
import { modelResultsSheetSection, modelsBundle } from './models.bundle.js';
import { TEAM_KINDS } from '../teams/teams.service.js';
import { listUnitsFlat } from '../units/units.service.js';
import { listModels, resultLabels, resultsOfModelCodes, type ModelQuery } from './models.service.js';
import { HOLDER_LABELS, MODEL_STATUS_LABELS } from './models.table.js';
import { workbookBuffer } from '../../lib/cells.js';

const holderValues = { 'Tập thể': 'collective', 'Cá nhân': 'individual' };
const statusValues = Object.fromEntries(Object.entries(MODEL_STATUS_LABELS).map(([k, v]) => [v, k]));

export const MODEL_SHEET: SheetSpec = {
  sheet: 'Mô hình',
  section: 'models',
  columns: [
    { header: 'Mã mô hình', key: 'code', width: 16, hint: 'Để trống: Khéo tự đặt mã.' },
    { header: 'Tên mô hình', key: 'name', required: true, width: 48 },
    { header: 'Tập thể / cá nhân', key: 'holder', required: true, values: holderValues, width: 16 },
    { header: 'Họ tên cá nhân / tên tập thể', key: 'holderName', width: 28, hint: 'Bắt buộc với mô hình cá nhân.' },
    { header: 'Mã đơn vị', key: 'unit', required: true, width: 20, hint: 'Xem trang "Danh mục".' },
    { header: 'Lĩnh vực', key: 'field', required: true, width: 24 },
    { header: 'Ngày đăng ký', key: 'registeredOn', kind: 'date', width: 14, hint: 'dd/mm/yyyy. Có ngày: mô hình đã được ghi nhận đăng ký (cần quyền duyệt). Để trống: bản nháp.' },
    { header: 'Trạng thái', key: 'status', values: statusValues, width: 14 },
    { header: 'Vấn đề cần giải quyết', key: 'problem', width: 30 },
    { header: 'Mục tiêu, tiêu chí đo được', key: 'goals', width: 30 },
    { header: 'Cách làm', key: 'method', width: 30 },
    { header: 'Địa bàn, đối tượng thụ hưởng', key: 'scope', width: 24 },
    { header: 'Lực lượng tham gia', key: 'forces', width: 24 },
    { header: 'Nguồn lực', key: 'resources', width: 20 },
    { header: 'Thời gian thực hiện', key: 'timeline', width: 18 },
    { header: 'Kết quả dự kiến', key: 'expectedResults', width: 30 },
    { header: 'Khả năng nhân rộng', key: 'replicability', width: 24 },
  ],
};

/** The "Kết quả" sheet: what models achieved, a dated row each (issue #23); the model by its code. */
export const RESULT_SHEET: SheetSpec = {
  sheet: 'Kết quả',
  section: 'modelResults',
  columns: [
    { header: 'Số hiệu kết quả', key: 'id', kind: 'int', width: 10, hint: 'Khéo điền khi xuất danh sách để sửa: sửa số liệu trên dòng có số hiệu thì kết quả đó được sửa. Để trống với kết quả mới.' },
    { header: 'Mã mô hình', key: 'model', required: true, width: 16 },
    { header: resultLabels.on, key: 'on', kind: 'date', required: true, width: 14, hint: 'dd/mm/yyyy; không sau hôm nay, không trước ngày bắt đầu chủ đề năm.' },
    { header: resultLabels.moneyVnd, key: 'moneyVnd', kind: 'int', width: 18, hint: 'Số đồng, ví dụ 15.000.000. Để trống: chưa biết (không phải 0).' },
    { header: resultLabels.workDays, key: 'workDays', kind: 'int', width: 11 },
    { header: resultLabels.landDonatedM2, key: 'landDonatedM2', kind: 'decimal', width: 13, hint: 'm², tối đa hai chữ số thập phân, ví dụ 35,5.' },
    { header: resultLabels.householdsDonating, key: 'householdsDonating', kind: 'int', width: 12 },
    { header: resultLabels.householdsPersuaded, key: 'householdsPersuaded', kind: 'int', width: 16 },
    { header: resultLabels.beneficiaries, key: 'beneficiaries', kind: 'int', width: 13 },
  ],
};

/** The models workbook: its sheets and the sections they fill, teams first (models may name them), results last (of models named before). */
export const MODEL_WORKBOOK = { specs: [MODEL_SHEET, TEAM_SHEET, RESULT_SHEET], sections: [teamsBundle, modelsBundle, modelResultsSheetSection] };

export async function modelSheetContext(db: Db, actor: Actor, campaignCode: string) {
  const campaign = await getCampaign(db, actor, campaignCode, { forWrite: true });
  return {
    campaign,
    ctx: {
      defaults: { campaign: campaign.code },
      lookups: { field: Object.fromEntries(campaign.fields.map((f) => [f.name, f.code])) },
    },
  };
}

/** The workbook officers fill in: models and teams sheets with dropdowns, lists, instructions. */
export async function modelTemplate(db: Db, actor: Actor, campaignCode: string): Promise<Buffer> {
  const { campaign } = await modelSheetContext(db, actor, campaignCode);
  const units = (await listUnitsFlat(db, actor)).filter((u) => u.active);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Khéo';
  const guide = wb.addWorksheet('Hướng dẫn');
  guide.columns = [{ width: 110 }];
  for (const line of [
    `Mẫu nhập mô hình "Dân vận khéo" — chủ đề năm ${campaign.year}: ${campaign.theme} (${campaign.code})`,
    '',
    '1. Mỗi dòng của trang "Mô hình" là một mô hình; cột có dấu * là bắt buộc.',
    '2. "Tập thể / cá nhân", "Lĩnh vực", "Trạng thái" chọn trong danh sách thả xuống.',
    '3. "Mã đơn vị" lấy ở trang "Danh mục". Ngày ghi dạng dd/mm/yyyy.',
    '4. Trang "Tổ, đội" dùng để nhập tổ dân vận, tổ Covid cộng đồng… (không bắt buộc).',
    '5. Trang "Kết quả" ghi kết quả mô hình đạt được (tiền, ngày công, đất hiến, số hộ, số người hưởng lợi): mỗi dòng một lần ghi nhận của một mô hình, theo mã mô hình. Ô để trống là chưa biết, không phải 0. Dòng trùng ngày và số liệu với kết quả đã ghi thì không thêm lại; dòng có "Số hiệu kết quả" (khi xuất danh sách để sửa) sửa đúng kết quả đó.',
    '6. Khi nhập, Khéo kiểm tra toàn bộ tệp trước: nếu có một dòng lỗi, không có gì được ghi và Khéo chỉ rõ trang, dòng, cột.',
  ]) {
    guide.addRow([line]);
  }
  guide.getRow(1).font = { bold: true, size: 13 };
  const ws = addSheet(wb, MODEL_SHEET, []);
  const lists = wb.addWorksheet('Danh mục');
  lists.columns = [
    { header: 'Lĩnh vực', key: 'field', width: 30 },
    { header: 'Mã đơn vị', key: 'unit', width: 22 },
    { header: 'Tên đơn vị', key: 'unitName', width: 40 },
    { header: 'Loại tổ, đội', key: 'teamKind', width: 28 },
  ];
  const n = Math.max(campaign.fields.length, units.length, Object.keys(TEAM_KINDS).length);
  const kinds = Object.values(TEAM_KINDS);
  for (let i = 0; i < n; i++) {
    lists.addRow({ field: campaign.fields[i]?.name, unit: units[i]?.code, unitName: units[i]?.name, teamKind: kinds[i] });
  }
  lists.getRow(1).font = { bold: true };
  const col = (key: string) => MODEL_SHEET.columns.findIndex((c) => c.key === key) + 1;
  listValidation(ws, col('holder'), `"${Object.keys(holderValues).join(',')}"`);
  listValidation(ws, col('field'), `'Danh mục'!$A$2:$A$${campaign.fields.length + 1}`);
  listValidation(ws, col('unit'), `'Danh mục'!$B$2:$B$${units.length + 1}`);
  listValidation(ws, col('status'), `"${Object.keys(statusValues).join(',')}"`);
  const teams = addSheet(wb, TEAM_SHEET, []);
  listValidation(teams, TEAM_SHEET.columns.findIndex((c) => c.key === 'kind') + 1, `'Danh mục'!$D$2:$D$${kinds.length + 1}`);
  listValidation(teams, TEAM_SHEET.columns.findIndex((c) => c.key === 'unit') + 1, `'Danh mục'!$B$2:$B$${units.length + 1}`);
  addSheet(wb, RESULT_SHEET, []);
  return workbookBuffer(wb);
}

/** Any filtered list of models in the import template's shape, to correct and import again (formula-like text neutralised). */
export async function exportModelsForImport(db: Db, actor: Actor, q: ModelQuery): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Khéo';
  const rows: Record<string, unknown>[] = [];
  const models = await allModels(db, actor, q);
  for (const m of models) {
      rows.push({
        code: m.code,
        name: m.name,
        holder: HOLDER_LABELS[m.holder as 'collective'] ?? m.holder,
        holderName: m.holderName ?? '',
        unit: m.unit,
        field: m.fieldName,
        registeredOn: m.registeredOn ? formatDate(m.registeredOn) : '',
        status: m.statusLabel,
        problem: m.problem ?? '',
        goals: m.goals ?? '',
        method: m.method ?? '',
        scope: m.scope ?? '',
        forces: m.forces ?? '',
        resources: m.resources ?? '',
        timeline: m.timeline ?? '',
        expectedResults: m.expectedResults ?? '',
        replicability: m.replicability ?? '',
      });
  }
  addSheet(wb, MODEL_SHEET, rows);
  // their results with their ids: a row corrected changes that result, a new row (no id) is added
  const results = await resultsOfModelCodes(db, models.map((m) => m.code));
  addSheet(
    wb,
    RESULT_SHEET,
    results.map((r) => ({ ...r, on: formatDate(r.on) })),
  );
  return workbookBuffer(wb);
}

async function allModels(db: Db, actor: Actor, q: ModelQuery) {
  const out: Awaited<ReturnType<typeof listModels>>['items'] = [];
  for (let page = 1; ; page++) {
    const r = await listModels(db, actor, { ...q, page, pageSize: 1000 });
    out.push(...r.items);
    if (page * r.pageSize >= r.total) return out;
  }
}

const FONT = 'Times New Roman';
const thin = { style: 'thin' as const };
const BOX = { top: thin, left: thin, bottom: thin, right: thin };

/**
 * "Xuất Excel" of the model list: a list a clerk can print or send up — title with the unit, the
 * campaign and the date, STT, names (unit, field, status) rather than codes, plain headers, a
 * total row, A4 landscape with the header repeated on every page. The import template is another
 * download (`modelTemplate`; `exportModelsForImport` for a list to correct and import again).
 */
export async function exportModelList(db: Db, actor: Actor, q: ModelQuery, today = todayVn()): Promise<{ buf: Buffer; fileName: string }> {
  const models = await allModels(db, actor, q);
  const campaign = q.campaign ? await getCampaign(db, actor, q.campaign).catch(() => null) : null;
  // the unit filtered on, else the list's own unit: the campaign's, or the user's
  const units = await listUnitsFlat(db, actor);
  const unitCode = q.unit ?? (campaign ? campaign.unit : actor.kind === 'user' ? actor.unitCode : undefined);
  const unitName = unitCode ? units.find((u) => u.code === unitCode)?.name : undefined;
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Khéo';
  const ws = wb.addWorksheet('Danh sách mô hình', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } },
    headerFooter: { oddFooter: '&C&"Times New Roman"&10Trang &P/&N' },
  });
  const cols = [
    { header: 'STT', width: 6 },
    { header: 'Tên mô hình', width: 46 },
    { header: 'Tập thể / cá nhân', width: 11 },
    { header: 'Cá nhân, tập thể thực hiện', width: 24 },
    { header: 'Đơn vị', width: 28 },
    { header: 'Lĩnh vực', width: 20 },
    { header: 'Ngày đăng ký', width: 12 },
    { header: 'Trạng thái', width: 14 },
    { header: 'Mã mô hình', width: 15 },
  ];
  ws.columns = cols.map((c) => ({ width: c.width }));
  const last = String.fromCharCode(64 + cols.length);
  const title = (text: string, size: number, bold: boolean, italic = false) => {
    const r = ws.addRow([text]);
    ws.mergeCells(`A${r.number}:${last}${r.number}`);
    r.font = { name: FONT, size, bold, italic };
    r.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    return r;
  };
  title('DANH SÁCH MÔ HÌNH “DÂN VẬN KHÉO”', 14, true).height = 22;
  const scope = [unitName ?? null, campaign ? `Chủ đề năm ${campaign.year}: ${campaign.theme}` : null].filter(Boolean).join(' — ');
  if (scope) title(scope, 12, true).height = 32;
  title(`Tính đến ngày ${formatDate(today)}`, 11, false, true);
  ws.addRow([]);
  const head = ws.addRow(cols.map((c) => c.header));
  head.font = { name: FONT, bold: true };
  head.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  head.height = 32;
  head.eachCell((cell) => {
    cell.border = BOX;
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } };
  });
  ws.pageSetup.printTitlesRow = `${head.number}:${head.number}`;
  ws.views = [{ state: 'frozen', ySplit: head.number }];
  models.forEach((m, i) => {
    const r = ws.addRow([
      i + 1,
      m.name,
      HOLDER_LABELS[m.holder as 'collective'] ?? m.holder,
      m.holderName ?? '',
      m.unitName,
      m.fieldName,
      m.registeredOn ? new Date(`${m.registeredOn}T00:00:00Z`) : '',
      m.statusLabel,
      m.code,
    ]);
    r.font = { name: FONT };
    r.alignment = { vertical: 'top', wrapText: true };
    r.getCell(1).alignment = { horizontal: 'center', vertical: 'top' };
    r.getCell(7).numFmt = 'dd/mm/yyyy';
    r.getCell(7).alignment = { horizontal: 'center', vertical: 'top' };
    r.eachCell({ includeEmpty: true }, (cell) => (cell.border = BOX));
  });
  const collective = models.filter((m) => m.holder === 'collective').length;
  const total = ws.addRow([`Tổng cộng: ${models.length.toLocaleString('vi-VN')} mô hình (${collective.toLocaleString('vi-VN')} tập thể, ${(models.length - collective).toLocaleString('vi-VN')} cá nhân)`]);
  ws.mergeCells(`A${total.number}:${last}${total.number}`);
  total.font = { name: FONT, bold: true };
  total.getCell(1).border = BOX;
  const [y, mo, d] = today.split('-');
  const fileName = `Danh sách mô hình${campaign ? ` ${campaign.code}` : ''}${q.unit && unitName ? ` ${unitName}` : ''} ${d}-${mo}-${y}.xlsx`;
  return { buf: await workbookBuffer(wb), fileName };
}
