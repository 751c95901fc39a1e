/**
 * Outputs of a round and a decision in the administrative format of Nghị định 30/2020/NĐ-CP:
 * A4, margins 20/20/30/15 mm, Times New Roman; quốc hiệu and tiêu ngữ, số/ký hiệu, địa danh and
 * date in the header table; the list of rewarded models as an annex. Also the XLSX list.
 */
import {
  AlignmentType,
  Document,
  Packer,
  Table,
  TableCell,
  TableRow,
  WidthType,
  type ParagraphChild,
} from 'docx';
import ExcelJS from 'exceljs';
import { closing, header, page, para, placeAndDate, run, styles, type Issuer } from '../../lib/docx.js';
import { addSheet, type SheetSpec } from '../../lib/sheets.js';
import type { PresentedDecision } from './appraisal.service.js';
import { workbookBuffer } from '../../lib/cells.js';

function modelTable(models: PresentedDecision['models']): Table {
  const cell = (text: string, o: { bold?: boolean; pct: number; center?: boolean }) =>
    new TableCell({ width: { size: o.pct, type: WidthType.PERCENTAGE }, children: [para([run(text, { bold: o.bold ?? false, size: 13 })], { align: o.center ? AlignmentType.CENTER : AlignmentType.LEFT, after: 40 })] });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: [cell('TT', { bold: true, pct: 7, center: true }), cell('Tên mô hình', { bold: true, pct: 45, center: true }), cell('Tập thể, cá nhân thực hiện', { bold: true, pct: 30, center: true }), cell('Lĩnh vực', { bold: true, pct: 18, center: true })] }),
      ...models.map((m, i) => new TableRow({ children: [cell(String(i + 1), { pct: 7, center: true }), cell(m.name, { pct: 45 }), cell(m.carriedOutBy, { pct: 30 }), cell(m.fieldName, { pct: 18 })] })),
    ],
  });
}

/** The reward decision with its annexed list, as a DOCX. */
export async function decisionDocx(d: PresentedDecision, o: { issuer: Issuer; reason: string; legalBasis: string[] }): Promise<Buffer> {
  const center = (children: ParagraphChild[], after = 60) => para(children, { align: AlignmentType.CENTER, after });
  const doc = new Document({
    creator: 'Khéo',
    title: `Quyết định ${d.number}`,
    styles,
    sections: [
      {
        properties: { page },
        children: [
          header(o.issuer, d.number, d.date),
          center([run('')], 120),
          center([run('QUYẾT ĐỊNH', { bold: true })]),
          center([run(`Về việc khen thưởng các ${o.reason}`, { bold: true })], 240),
          center([run(o.issuer.signTitle.toUpperCase() + ' ' + o.issuer.body.toUpperCase(), { bold: true })], 240),
          ...o.legalBasis.map((b) => para([run(b, { italics: true })], { indent: true })),
          center([run('QUYẾT ĐỊNH:', { bold: true })], 180),
          para([run('Điều 1. ', { bold: true }), run(`Tặng ${d.form} cho ${d.models.length} ${o.reason} (có danh sách kèm theo).`)], { indent: true }),
          para([run('Điều 2. ', { bold: true }), run('Các tập thể, cá nhân có tên tại Điều 1 được hưởng chế độ khen thưởng theo quy định hiện hành.')], { indent: true }),
          para([run('Điều 3. ', { bold: true }), run('Quyết định có hiệu lực kể từ ngày ký. Thủ trưởng các cơ quan, đơn vị liên quan và các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.')], { indent: true }),
          closing(['- Như Điều 3;', '- Lưu: VT.'], [center([run(o.issuer.signTitle.toUpperCase(), { bold: true })], 1200), center([run(d.signer ?? '', { bold: true })])]),
        ],
      },
      {
        properties: { page },
        children: [
          center([run('DANH SÁCH', { bold: true })]),
          center([run(`Các mô hình được tặng ${d.form}`, { bold: true })]),
          center([run(`(Kèm theo Quyết định số ${d.number} ${placeAndDate('', d.date).replace(/^, /, '')})`, { italics: true })], 240),
          modelTable(d.models),
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

const LIST_SHEET: SheetSpec = {
  sheet: 'Danh sách khen thưởng',
  section: 'list',
  columns: [
    { header: 'TT', key: 'n', width: 6 },
    { header: 'Mã mô hình', key: 'code', width: 16 },
    { header: 'Tên mô hình', key: 'name', width: 60 },
    { header: 'Tập thể, cá nhân thực hiện', key: 'by', width: 40 },
    { header: 'Lĩnh vực', key: 'field', width: 22 },
  ],
};

async function listWorkbook(spec: SheetSpec, rows: Record<string, unknown>[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Khéo';
  addSheet(wb, spec, rows);
  return workbookBuffer(wb);
}

/** The list of a decision as XLSX. */
export const decisionXlsx = (d: PresentedDecision): Promise<Buffer> =>
  listWorkbook(LIST_SHEET, d.models.map((m, i) => ({ n: i + 1, code: m.code, name: m.name, by: m.carriedOutBy, field: m.fieldName })));

interface ProposalContext {
  unitName: string;
  place: string;
  date: string;
  roundName: string;
  campaignTheme: string;
  eligible: number;
  rows: { code: string; name: string; carriedOutBy: string; fieldName: string; mean: number | null; band: string | null; byHandReason: string | null }[];
  byField: { name: string; count: number }[];
}

/** The proposal (tờ trình) of a round to the chairman, with its ranked list, as a DOCX. */
export async function proposalDocx(p: ProposalContext): Promise<Buffer> {
  const lower = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);
  const center = (children: ParagraphChild[], after = 60) => para(children, { align: AlignmentType.CENTER, after });
  const issuer: Issuer = { superior: `Ủy ban nhân dân ${lower(p.unitName)}`, body: 'Hội đồng Thi đua - Khen thưởng', place: p.place, signTitle: 'TM. HỘI ĐỒNG' };
  const cell = (text: string, o: { bold?: boolean; pct: number; center?: boolean }) =>
    new TableCell({ width: { size: o.pct, type: WidthType.PERCENTAGE }, children: [para([run(text, { bold: o.bold ?? false, size: 12 })], { align: o.center ? AlignmentType.CENTER : AlignmentType.LEFT, after: 40 })] });
  const table = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: ['TT', 'Tên mô hình', 'Tập thể, cá nhân', 'Lĩnh vực', 'Điểm', 'Xếp loại'].map((h, i) => cell(h, { bold: true, pct: [6, 38, 24, 14, 8, 10][i]!, center: true })) }),
      ...p.rows.map(
        (r, i) =>
          new TableRow({
            children: [
              cell(String(i + 1), { pct: 6, center: true }),
              cell(r.byHandReason ? `${r.name} (đề xuất ngoài chỉ tiêu: ${r.byHandReason})` : r.name, { pct: 38 }),
              cell(r.carriedOutBy, { pct: 24 }),
              cell(r.fieldName, { pct: 14 }),
              cell(r.mean === null ? '' : String(r.mean).replace('.', ','), { pct: 8, center: true }),
              cell(r.band ?? '', { pct: 10, center: true }),
            ],
          }),
      ),
    ],
  });
  const doc = new Document({
    creator: 'Khéo',
    title: `Tờ trình ${p.roundName}`,
    styles,
    sections: [
      {
        properties: { page },
        children: [
          header(issuer, '      /TTr-HĐTĐKT', p.date),
          center([run('')], 120),
          center([run('TỜ TRÌNH', { bold: true })]),
          center([run(`Về việc đề nghị khen thưởng các mô hình "Dân vận khéo" tiêu biểu, ${lower(p.roundName)}`, { bold: true })], 240),
          center([run(`Kính gửi: Chủ tịch Ủy ban nhân dân ${lower(p.unitName)}`)], 240),
          para([run(`Thực hiện chủ đề "${p.campaignTheme}", Tổ thẩm định đã đánh giá ${p.eligible} mô hình đủ điều kiện của đợt ${lower(p.roundName)} theo các tiêu chí đã ban hành.`)], { indent: true }),
          para([run(`Hội đồng Thi đua - Khen thưởng đề nghị khen thưởng ${p.rows.length} mô hình tiêu biểu (${p.byField.filter((f) => f.count).map((f) => `${f.count} mô hình thuộc lĩnh vực ${lower(f.name)}`).join('; ')}), có danh sách kèm theo.`)], { indent: true }),
          para([run('Kính trình Chủ tịch xem xét, quyết định./.')], { indent: true }),
          center([run(issuer.signTitle, { bold: true })], 1400),
          table,
        ],
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

const PROPOSAL_SHEET: SheetSpec = {
  sheet: 'Đề xuất khen thưởng',
  section: 'proposal',
  columns: [
    ...LIST_SHEET.columns,
    { header: 'Điểm trung bình', key: 'mean', width: 12 },
    { header: 'Xếp loại', key: 'band', width: 12 },
    { header: 'Lý do (đề xuất ngoài chỉ tiêu)', key: 'reason', width: 40 },
  ],
};

/** The proposal's list as XLSX. */
export const proposalXlsx = (p: ProposalContext): Promise<Buffer> =>
  listWorkbook(PROPOSAL_SHEET, p.rows.map((r, i) => ({ n: i + 1, code: r.code, name: r.name, by: r.carriedOutBy, field: r.fieldName, mean: r.mean, band: r.band ?? '', reason: r.byHandReason ?? '' })));
