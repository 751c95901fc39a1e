/**
 * Spreadsheet cells that a user's text cannot turn into a formula (CSV/formula injection,
 * OWASP; ASVS 5.0 V1.2.10). Text beginning with = + - @, a tab or a carriage return — or the
 * full-width ＝ ＋ － ＠ that some spreadsheet input methods fold to them — gets a leading
 * apostrophe, so Excel and LibreOffice show it as text and never evaluate it, even after the
 * cell is edited. The importers take that apostrophe off again, so export → import is exact.
 */
import type ExcelJS from 'exceljs';

const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const OUR_APOSTROPHE = /^'(?=[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20])/;

/** A cell value with formula-like text neutralised; anything else as it is. Idempotent. */
export const safeCell = (v: unknown): unknown => (typeof v === 'string' && FORMULA_START.test(v) ? `'${v}` : v);

/** Imported cell text without the apostrophe `safeCell` added. */
export const unsafeCellText = (s: string): string => s.replace(OUR_APOSTROPHE, '');

/**
 * Every text cell of every sheet neutralised (plain text, rich text, hyperlink text), so that
 * no export depends on each `addRow` remembering. Formula cells Khéo wrote itself are objects and
 * stay formulas. Call it just before writing: `workbookBuffer` does.
 */
export function safeWorkbook(wb: ExcelJS.Workbook): ExcelJS.Workbook {
  wb.eachSheet((ws) =>
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        const v = cell.value;
        if (typeof v === 'string') {
          if (FORMULA_START.test(v)) cell.value = `'${v}`;
        } else if (v && typeof v === 'object' && 'richText' in v) {
          const first = v.richText[0];
          if (first && FORMULA_START.test(first.text)) cell.value = { richText: [{ ...first, text: `'${first.text}` }, ...v.richText.slice(1)] };
        } else if (v && typeof v === 'object' && 'hyperlink' in v && typeof v.text === 'string' && FORMULA_START.test(v.text)) {
          cell.value = { ...v, text: `'${v.text}` };
        }
      }),
    ),
  );
  return wb;
}

/** The workbook as XLSX bytes, every text cell neutralised first. */
export async function workbookBuffer(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await safeWorkbook(wb).xlsx.writeBuffer());
}
