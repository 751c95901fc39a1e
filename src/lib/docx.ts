/**
 * Building blocks of Vietnamese administrative documents as DOCX (Nghị định 30/2020/NĐ-CP): Times
 * New Roman runs and paragraphs, A4 page with margins 20/20/30/15 mm, the header table (the body
 * above and the issuing body, số/ký hiệu; quốc hiệu, tiêu ngữ, địa danh and date), borderless
 * layout tables and a plain data table. Every document Khéo writes is made of these.
 */
import { AlignmentType, BorderStyle, convertMillimetersToTwip, Paragraph, Table, TableCell, TableRow, TextRun, WidthType, type ParagraphChild } from 'docx';

export const DOCX_MIME = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

const FONT = 'Times New Roman';
export const run = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; underline?: boolean; allCaps?: boolean } = {}) =>
  new TextRun({ text, font: FONT, size: (o.size ?? 14) * 2, bold: o.bold ?? false, italics: o.italics ?? false, allCaps: o.allCaps ?? false, ...(o.underline ? { underline: {} } : {}) });
export const para = (children: ParagraphChild[], o: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: boolean; after?: number } = {}) =>
  new Paragraph({ children, alignment: o.align ?? AlignmentType.JUSTIFIED, spacing: { after: o.after ?? 120, line: 300 }, ...(o.indent ? { indent: { firstLine: convertMillimetersToTwip(12.7) } } : {}) });
export const none = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
export const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };

/** "Long Biên, ngày 28 tháng 7 năm 2021": days below 10 and months 1–2 with a leading zero. */
export function placeAndDate(place: string, iso: string): string {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  const day = d < 10 ? `0${d}` : String(d);
  const month = m <= 2 ? `0${m}` : String(m);
  return `${place}, ngày ${day} tháng ${month} năm ${y}`;
}

/** "Quận Long Biên" → "Long Biên" (the place name a document is dated at). */
export const placeOf = (unitName: string): string => unitName.replace(/^(Thành phố|Tỉnh|Quận|Huyện|Thị xã|Phường|Xã|Thị trấn)\s+/u, '');

export interface Issuer {
  /** the body above, e.g. "UBND THÀNH PHỐ HÀ NỘI" (may be empty) */
  superior: string;
  /** the issuing body, e.g. "ỦY BAN NHÂN DÂN QUẬN LONG BIÊN" */
  body: string;
  /** "UBND" in the number's symbol part, for reference */
  place: string;
  /** signing title, e.g. "CHỦ TỊCH" */
  signTitle: string;
}

export function header(issuer: Issuer, number: string, date: string): Table {
  const cell = (children: Paragraph[], pct: number) => new TableCell({ children, width: { size: pct, type: WidthType.PERCENTAGE }, borders: { top: none, bottom: none, left: none, right: none } });
  const center = (children: ParagraphChild[], after = 0) => para(children, { align: AlignmentType.CENTER, after });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          cell(
            [
              ...(issuer.superior ? [center([run(issuer.superior.toUpperCase(), { size: 13 })])] : []),
              center([run(issuer.body.toUpperCase(), { bold: true, size: 13 })]),
              center([run('———', { size: 13 })], 120),
              center([run(`Số: ${number}`, { size: 13 })]),
            ],
            40,
          ),
          cell(
            [
              center([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 13 })]),
              center([run('Độc lập - Tự do - Hạnh phúc', { bold: true, size: 14 })]),
              center([run('———————————', { size: 13 })], 120),
              center([run(placeAndDate(issuer.place, date), { italics: true, size: 14 })]),
            ],
            60,
          ),
        ],
      }),
    ],
  });
}

export const page = {
  size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
  margin: { top: convertMillimetersToTwip(20), bottom: convertMillimetersToTwip(20), left: convertMillimetersToTwip(30), right: convertMillimetersToTwip(15) },
};

export const styles = {
  default: { document: { run: { font: FONT, size: 28 } }, heading1: { run: { font: FONT, size: 28, bold: true } }, heading2: { run: { font: FONT, size: 28, bold: true } }, title: { run: { font: FONT, size: 28, bold: true } } },
};

interface Col {
  title: string;
  pct: number;
  align?: 'center' | 'right';
}
export function table(cols: Col[], rows: string[][], size = 11, boldLast = false): Table {
  const cell = (text: string, c: Col, bold: boolean) =>
    new TableCell({
      width: { size: c.pct, type: WidthType.PERCENTAGE },
      children: [para([run(text, { bold, size })], { align: c.align === 'center' ? AlignmentType.CENTER : c.align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT, after: 20 })],
    });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: cols.map((c) => cell(c.title, { ...c, align: 'center' }, true)) }),
      ...rows.map((r, i) => new TableRow({ cantSplit: true, children: cols.map((c, j) => cell(r[j] ?? '', c, boldLast && i === rows.length - 1)) })),
    ],
  });
}

/** A left-aligned paragraph (lists, "Nơi nhận"). */
const leftAligned = (children: ParagraphChild[], after = 60) => para(children, { align: AlignmentType.LEFT, after });

/**
 * The closing of a document in the State's format (Nghị định 30/2020/NĐ-CP): "Nơi nhận:" and its
 * list on the left, the signature block on the right, side by side in a borderless table.
 * (A Party document closes differently: narrative.documents.ts.)
 */
export function closing(recipients: string[], signature: Paragraph[]): Table {
  const half = (children: Paragraph[]) => new TableCell({ width: { size: 50, type: WidthType.PERCENTAGE }, borders: noBorders, children });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: noBorders,
    rows: [
      new TableRow({
        children: [half([leftAligned([run('Nơi nhận:', { bold: true, italics: true, size: 12 })], 0), ...recipients.map((r) => leftAligned([run(r, { size: 11 })], 0))]), half(signature)],
      }),
    ],
  });
}
