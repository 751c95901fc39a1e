/**
 * Workbooks described by sheet specs: Vietnamese column headers ↔ record keys. Reading a sheet
 * into records (with lookups, dates, integers, and errors named "Trang …, dòng …, cột …"), and
 * writing a styled sheet with dropdowns. Knows nothing of bundles or slices: a slice describes its
 * sheet with a SheetSpec; `features/bundle/bundle.excel.ts` imports what is read.
 */
import ExcelJS from 'exceljs';
import { badInput, type FieldIssue } from './errors.js';
import { fold, parseDate } from './vi.js';
import { safeCell, unsafeCellText } from './cells.js';
import { readSheets, type SheetRows } from './xlsxread.js';
import { ZipRefused } from './zipguard.js';

interface Column {
  header: string;
  key: string;
  required?: boolean;
  /** decimal: a number cell as it is, or typed the Vietnamese way (1.234,5) */
  kind?: 'text' | 'date' | 'int' | 'decimal';
  /** allowed display values → stored value (matched without diacritics or case) */
  values?: Record<string, string>;
  width?: number;
  hint?: string;
}

export interface SheetSpec {
  sheet: string;
  section: string;
  columns: Column[];
}

export interface SheetContext {
  /** values for keys the sheet leaves empty (e.g. the campaign chosen on the import page) */
  defaults: Record<string, unknown>;
  /** per-key value maps known only at import time (a campaign's fields by name) */
  lookups: Record<string, Record<string, string>>;
}

/** Where a record came from, to name it in messages. */
export interface Origin {
  sheet: string;
  row: number;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((r) => r.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
    if ('result' in v) return cellText(v.result);
    return '';
  }
  return String(v);
}

/** A number cell's value, or a formula's computed value when it is a number; undefined otherwise (typed text, read as text). */
function cellNumber(v: ExcelJS.CellValue): number | undefined {
  if (typeof v === 'number') return v;
  if (v && typeof v === 'object' && 'result' in v && typeof v.result === 'number') return v.result;
  return undefined;
}

/** A cell as a calendar date: `{ date }` (null when empty), or `{ bad: true }`. */
function cellDate(v: ExcelJS.CellValue): { date: string | null; bad?: true } {
  const d = cellDateOrBad(v);
  return d === undefined ? { date: null, bad: true } : { date: d };
}

/** undefined: not a date */
function cellDateOrBad(v: ExcelJS.CellValue): string | null | undefined {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) {
    // ExcelJS gives the cell's wall-clock time as UTC: the calendar day is the UTC day
    return `${v.getUTCFullYear()}-${String(v.getUTCMonth() + 1).padStart(2, '0')}-${String(v.getUTCDate()).padStart(2, '0')}`;
  }
  if (typeof v === 'number' && v > 20000 && v < 80000) {
    const d = new Date(Date.UTC(1899, 11, 30) + Math.round(v) * 86_400_000);
    return d.toISOString().slice(0, 10);
  }
  const s = cellText(v).trim();
  if (!s) return null;
  return parseDate(s) ?? undefined;
}

export const where = (o: Origin, header?: string): string => `Trang "${o.sheet}", dòng ${o.row}${header ? `, cột "${header}"` : ''}`;

/** Reads a workbook: checks the container first, then each described sheet into bundle records. */
export async function readWorkbook(
  buf: Buffer,
  fileName: string,
  specs: SheetSpec[],
  ctx: SheetContext,
): Promise<{ doc: Record<string, unknown>; origins: Map<string, Origin[]> }> {
  let sheets: SheetRows[];
  try {
    sheets = await readSheets(buf, specs.map((s) => s.sheet));
  } catch (e) {
    if (e instanceof ZipRefused) throw badInput([{ field: 'file', message: `Tệp "${fileName}": ${e.message}` }], `Tệp "${fileName}": ${e.message}; không có gì được ghi.`);
    throw badInput([{ field: 'file', message: `Tệp "${fileName}": không đọc được như một tệp Excel .xlsx` }]);
  }
  const doc: Record<string, unknown> = { version: 1 };
  const origins = new Map<string, Origin[]>();
  const issues: FieldIssue[] = [];
  let found = 0;
  for (const spec of specs) {
    const ws = sheets.find((w) => w.wanted === spec.sheet);
    if (!ws) continue;
    found++;
    const header = ws.rows.find(([n]) => n === 1)?.[1] ?? [];
    const colOf = new Map<string, number>();
    header.forEach((v, col) => {
      const h = fold(cellText(v).replace(/\*/g, ''));
      const c = spec.columns.find((x) => fold(x.header) === h);
      if (c) colOf.set(c.key, col);
    });
    const missing = spec.columns.filter((c) => c.required && !colOf.has(c.key) && ctx.defaults[c.key] === undefined);
    if (missing.length) {
      issues.push({ field: spec.section, message: `Trang "${spec.sheet}": thiếu cột ${missing.map((c) => `"${c.header}"`).join(', ')}` });
      continue;
    }
    const records: Record<string, unknown>[] = [];
    const rowOrigins: Origin[] = [];
    for (const [rowNumber, values] of ws.rows) {
      if (rowNumber === 1) continue;
      const o = { sheet: spec.sheet, row: rowNumber };
      const rec: Record<string, unknown> = {};
      let any = false;
      for (const c of spec.columns) {
        const col = colOf.get(c.key);
        const raw = col ? (values[col] ?? null) : null;
        if (c.kind === 'date') {
          const d = cellDate(raw);
          if (d.bad) {
            issues.push({ field: `${spec.section}`, message: `${where(o, c.header)}: "${cellText(raw)}" không phải ngày hợp lệ (dd/mm/yyyy)` });
            any = true;
          }
          if (d.date) {
            rec[c.key] = d.date;
            any = true;
          }
          continue;
        }
        const text = unsafeCellText(cellText(raw).normalize('NFC').trim());
        if (!text) continue;
        any = true;
        const map = c.values ?? ctx.lookups[c.key];
        if (map) {
          const hit = Object.entries(map).find(([label, value]) => fold(label) === fold(text) || fold(value) === fold(text));
          if (!hit) {
            issues.push({ field: spec.section, message: `${where(o, c.header)}: "${text}" không thuộc danh mục (${Object.keys(map).slice(0, 8).join(', ')})` });
            continue;
          }
          rec[c.key] = hit[1];
        } else if (c.kind === 'decimal') {
          const n = cellNumber(raw) ?? (/^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/.test(text) ? Number(text.replace(/\./g, '').replace(',', '.')) : NaN);
          if (!Number.isFinite(n)) issues.push({ field: spec.section, message: `${where(o, c.header)}: "${text}" phải là số (viết kiểu Việt Nam: 1.234,5)` });
          else rec[c.key] = n;
        } else if (c.kind === 'int') {
          // a number cell (or a formula's value) is taken as it is; typed text may carry thousands separators, in groups of three ("1.5" is not 15)
          const n = cellNumber(raw) ?? (/^-?(\d{1,3}(\.\d{3})+|\d+)$/.test(text) ? Number(text.replace(/\./g, '')) : NaN);
          if (!Number.isInteger(n)) issues.push({ field: spec.section, message: `${where(o, c.header)}: "${text}" phải là số nguyên` });
          else rec[c.key] = n;
        } else {
          rec[c.key] = text;
        }
      }
      if (!any) continue;
      records.push({ ...ctx.defaults, ...rec });
      rowOrigins.push(o);
    }
    doc[spec.section] = records;
    origins.set(spec.section, rowOrigins);
  }
  if (!found) issues.push({ field: 'file', message: `Tệp "${fileName}": không có trang nào trong số ${specs.map((s) => `"${s.sheet}"`).join(', ')}` });
  if (issues.length) throw badInput(issues.slice(0, 200), `Tệp "${fileName}" có ${issues.length} lỗi; không có gì được ghi.`);
  return { doc, origins };
}

/** Text that a spreadsheet would run as a formula is neutralised with a leading apostrophe (lib/cells.ts). */
export { safeCell };

/** A sheet with the spec's headers, styled, frozen, and the given rows. */
export function addSheet(wb: ExcelJS.Workbook, spec: SheetSpec, rows: Record<string, unknown>[]): ExcelJS.Worksheet {
  const ws = wb.addWorksheet(spec.sheet, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = spec.columns.map((c) => ({ header: c.required ? `${c.header} *` : c.header, key: c.key, width: c.width ?? 18 }));
  const head = ws.getRow(1);
  head.font = { name: 'Times New Roman', bold: true, color: { argb: 'FFFFFFFF' } };
  head.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFB3131B' } };
  head.alignment = { vertical: 'middle', wrapText: true };
  head.height = 32;
  spec.columns.forEach((c, i) => {
    if (c.hint) head.getCell(i + 1).note = c.hint;
  });
  for (const r of rows) ws.addRow(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, safeCell(v)])));
  ws.eachRow((row, n) => {
    if (n > 1) row.font = { name: 'Times New Roman' };
  });
  return ws;
}

/** A dropdown on a whole column (rows 2…max). */
export function listValidation(ws: ExcelJS.Worksheet, column: number, formula: string, maxRow = 20000): void {
  const letter = ws.getColumn(column).letter;
  (ws as unknown as { dataValidations: { add(address: string, v: ExcelJS.DataValidation): void } }).dataValidations.add(`${letter}2:${letter}${maxRow}`, {
    type: 'list',
    allowBlank: true,
    formulae: [formula],
    showErrorMessage: true,
    errorTitle: 'Giá trị không hợp lệ',
    error: 'Hãy chọn một giá trị trong danh sách.',
  });
}
