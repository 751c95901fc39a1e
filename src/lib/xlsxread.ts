/**
 * Reading the sheets an importer needs out of an .xlsx written by any program (Excel, WPS,
 * LibreOffice Calc, openpyxl, Google Sheets…), with or without comments, notes, drawings, images.
 *
 * The container is checked first (zipguard), then only the parts a reader needs are inflated:
 * the workbook, its relationships, shared strings, styles and the wanted sheets. Each wanted sheet
 * is inflated as a stream and its rows and cells are counted as the bytes come, so a "cell bomb"
 * (330 000 rows in 10 MB of zip) is refused after the first 20 000 rows, before any object is
 * built. What passes is laid out again the way exceljs expects it (canonical part names, nothing
 * after `<sheetData>`, no comments, drawings, tables or hyperlink relationships — the parts on
 * which exceljs 4.4 throws, issue #2797) in a stored ZIP and read by exceljs.
 *
 * `readSheets` does all of it in a worker thread with its own heap limit, so that a workbook
 * being read never holds the event loop and a hostile one cannot grow the server's memory.
 */
import type ExcelJS from 'exceljs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createInflateRaw } from 'node:zlib';
import { fold } from './vi.js';
import { inflateEntry, listZip, storedZip, ZipRefused, type ZipEntry } from './zipguard.js';

interface ReadLimits {
  /** data rows per sheet (the header row is not counted) */
  maxRows: number;
  /** cells per sheet */
  maxCells: number;
  /** uncompressed bytes of one sheet part */
  maxSheetBytes: number;
}

/** What a real import needs: the bar is 10 000 rows; 20 000 leaves room, and a row of the widest sheet is ~1 KB of XML. */
const READ_LIMITS: ReadLimits = { maxRows: 20_000, maxCells: 20_001 * 30, maxSheetBytes: 48 * 1024 * 1024 };
/** uncompressed bytes of the shared strings and of the styles (a workbook's "style explosion" reaches a few MB) */
const MAX_STRINGS_BYTES = 64 * 1024 * 1024;
const MAX_SMALL_BYTES = 16 * 1024 * 1024;

export type Cell = ExcelJS.CellValue;
/** One wanted sheet: its name as written, and its non-empty rows as [row number, values by column (1-based)]. */
export interface SheetRows {
  wanted: string;
  name: string;
  rows: [number, Cell[]][];
}

const nf = (n: number) => n.toLocaleString('vi-VN');
const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;

function attrs(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]!] = decodeXml(m[2] ?? m[3] ?? '');
  return out;
}

const decodeXml = (s: string) =>
  s.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi, (_, hex: string, dec: string, named: string) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (dec) return String.fromCodePoint(Number(dec));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[named.toLowerCase()]!;
  });

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Elements of a small XML part by local name (any namespace prefix). */
function elements(xml: string, local: string): Record<string, string>[] {
  return [...xml.matchAll(new RegExp(`<(?:[\\w.-]+:)?${local}\\b([^>]*?)/?>`, 'g'))].map((m) => attrs(m[1] ?? ''));
}

/** Resolves a relationship target against the folder of the part that holds it. */
function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

const relsOf = (part: string) => {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
};

interface Rel {
  id: string;
  type: string;
  target: string;
}

/** row and cell start tags, in order; a self-closing one holds nothing */
const TAG = /<(?:[\w.-]+:)?(row|c)(?=[\s/>])[^>]*?(\/?)>/g;

/** Counts, across chunks, the rows that hold a value and the cells that do (empty formatted ones are free). */
class Counter {
  rows = 0;
  cells = 0;
  private counted = true;
  add(text: string, from: number): void {
    for (const m of text.matchAll(TAG)) {
      if (m.index + m[0].length <= from || m[2]) continue;
      if (m[1] === 'row') this.counted = false;
      else {
        this.cells++;
        if (!this.counted) {
          this.rows++;
          this.counted = true;
        }
      }
    }
  }
  check(sheet: string, l: ReadLimits): void {
    if (this.rows > l.maxRows + 1) throw new ZipRefused(tooManyRows(sheet, l));
    if (this.cells > l.maxCells) throw new ZipRefused(tooManyCells(sheet, l));
  }
}

/**
 * A sheet part inflated as a stream, its rows (those with content) and cells counted on the way:
 * refused as soon as a limit is passed, with the sheet and the limit named.
 */
function inflateSheet(e: ZipEntry, sheet: string, limits: ReadLimits): Promise<Buffer> {
  const cap = Math.min(limits.maxSheetBytes, e.size);
  if (e.method === 0) return Promise.resolve(countSheet([e.data], sheet, limits, e.size > limits.maxSheetBytes));
  return new Promise((resolve, reject) => {
    const inf = createInflateRaw({ chunkSize: 256 * 1024 });
    const chunks: Buffer[] = [];
    let bytes = 0;
    let carry = '';
    const count = new Counter();
    let done = false;
    const fail = (err: Error) => {
      if (done) return;
      done = true;
      inf.destroy();
      reject(err);
    };
    inf.on('data', (chunk: Buffer) => {
      if (done) return;
      bytes += chunk.length;
      // tags never straddle more than the carried tail; count only matches that end in the new bytes
      const text = carry + chunk.toString('latin1');
      count.add(text, carry.length);
      carry = text.slice(-512);
      try {
        count.check(sheet, limits);
      } catch (err) {
        return fail(err as Error);
      }
      if (bytes > cap) {
        return fail(
          new ZipRefused(
            bytes > e.size
              ? 'một thành phần giải nén ra lớn hơn khai báo hoặc bị hỏng, nghi là tệp nén độc hại'
              : `trang "${sheet}" quá lớn (${mb(e.size)} dữ liệu sau giải nén, tối đa ${mb(limits.maxSheetBytes)}); mỗi lần nhập tối đa ${nf(limits.maxRows)} dòng — hãy chia thành nhiều tệp`,
          ),
        );
      }
      chunks.push(chunk);
    });
    inf.on('error', () => fail(new ZipRefused('một thành phần giải nén ra lớn hơn khai báo hoặc bị hỏng, nghi là tệp nén độc hại')));
    inf.on('end', () => {
      if (done) return;
      done = true;
      if (bytes !== e.size) return reject(new ZipRefused('kích thước sau giải nén không khớp khai báo'));
      resolve(Buffer.concat(chunks));
    });
    inf.end(e.data);
  });
}

function countSheet(chunks: Buffer[], sheet: string, limits: ReadLimits, tooBig: boolean): Buffer {
  const buf = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  const count = new Counter();
  count.add(buf.toString('latin1'), 0);
  count.check(sheet, limits);
  if (tooBig) throw new ZipRefused(`trang "${sheet}" quá lớn (${mb(buf.length)} dữ liệu, tối đa ${mb(limits.maxSheetBytes)}); hãy chia thành nhiều tệp`);
  return buf;
}

const tooManyRows = (sheet: string, l: ReadLimits) => `trang "${sheet}" có hơn ${nf(l.maxRows)} dòng dữ liệu; mỗi lần nhập tối đa ${nf(l.maxRows)} dòng — hãy chia thành nhiều tệp`;
const tooManyCells = (sheet: string, l: ReadLimits) => `trang "${sheet}" có hơn ${nf(l.maxCells)} ô có dữ liệu; mỗi lần nhập tối đa ${nf(l.maxRows)} dòng — hãy chia thành nhiều tệp`;

/**
 * The sheet as far as its cell data, without the cells and rows that hold nothing (LibreOffice
 * writes a thousand formatted empty rows): everything after the data (merges, validations,
 * hyperlinks, drawings, comments' anchors, tables, extensions) is left out.
 */
function sheetDataOnly(xml: Buffer): Buffer {
  let text = xml.toString('latin1');
  const end = /<\/(?:[\w.-]+:)?sheetData>|<(?:[\w.-]+:)?sheetData\s*\/>/.exec(text);
  if (!end) return xml;
  const close = /<\/((?:[\w.-]+:)?worksheet)>\s*$/.exec(text);
  text = `${text.slice(0, end.index + end[0].length)}</${close?.[1] ?? 'worksheet'}>`;
  text = text.replace(/<(?:[\w.-]+:)?c(?=[\s/>])[^>]*\/>/g, '').replace(/<(?:[\w.-]+:)?row(?=[\s/>])[^>]*\/>/g, '').replace(/<((?:[\w.-]+:)?row)(?=[\s>])[^>]*>\s*<\/\1>/g, '');
  return Buffer.from(text, 'latin1');
}

const EMPTY_SHEET = Buffer.from('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>');
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

/** Reads the wanted sheets (matched by name without diacritics or case) in this thread. */
export async function readSheetsHere(buf: Buffer, wanted: string[], limits: ReadLimits = READ_LIMITS): Promise<SheetRows[]> {
  const entries = listZip(buf);
  const byName = new Map<string, ZipEntry>();
  for (const e of entries) byName.set(e.name.replace(/^\/+/, '').toLowerCase(), e);
  const part = (name: string, cap = MAX_SMALL_BYTES): Buffer | undefined => {
    const e = byName.get(name.toLowerCase());
    if (!e) return undefined;
    if (e.size > cap) throw new ZipRefused(`thành phần "${name}" quá lớn (${mb(e.size)}), nghi là tệp nén độc hại`);
    return inflateEntry(e);
  };
  const rels = (owner: string): Rel[] => {
    const xml = part(relsOf(owner))?.toString('utf8') ?? '';
    return elements(xml, 'Relationship').map((a) => ({ id: a.Id ?? '', type: a.Type ?? '', target: resolveTarget(owner, a.Target ?? '') }));
  };
  const officeDoc = rels('').find((r) => /\/officeDocument$/.test(r.type))?.target ?? 'xl/workbook.xml';
  const workbook = part(officeDoc)?.toString('utf8');
  if (!workbook) throw new ZipRefused('không đọc được như một tệp Excel .xlsx (thiếu phần workbook)');
  const wbRels = rels(officeDoc);
  const sheets = elements(workbook, 'sheet').map((a) => ({ name: a.name ?? '', rid: Object.entries(a).find(([k]) => /(^|:)id$/.test(k) && k !== 'sheetId')?.[1] ?? '' }));
  const strings = wbRels.find((r) => /\/sharedStrings$/.test(r.type));
  const styles = wbRels.find((r) => /\/styles$/.test(r.type));

  const files: { name: string; data: Buffer }[] = [];
  const out: SheetRows[] = [];
  const relXml: string[] = [];
  const sheetXml: string[] = [];
  const taken = new Set<string>();
  let k = 0;
  for (const s of sheets) {
    k++;
    const rel = wbRels.find((r) => r.id === s.rid);
    const want = wanted.find((w) => !taken.has(w) && fold(w) === fold(s.name));
    let data: Buffer = EMPTY_SHEET;
    if (want && rel && /\/worksheet$/.test(rel.type)) {
      const e = byName.get(rel.target.toLowerCase());
      if (e) {
        taken.add(want);
        data = sheetDataOnly(await inflateSheet(e, s.name, limits));
        out.push({ wanted: want, name: s.name, rows: [] });
      }
    }
    files.push({ name: `xl/worksheets/sheet${k}.xml`, data });
    relXml.push(`<Relationship Id="rIdK${k}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${k}.xml"/>`);
    sheetXml.push(`<sheet name="${escapeXml(s.name)}" sheetId="${k}" r:id="rIdK${k}"/>`);
  }
  if (!out.length) return [];
  const ss = strings && part(strings.target, MAX_STRINGS_BYTES);
  if (ss) {
    files.push({ name: 'xl/sharedStrings.xml', data: ss });
    relXml.push(`<Relationship Id="rIdKs" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  }
  const st = styles && part(styles.target);
  if (st) {
    files.push({ name: 'xl/styles.xml', data: st });
    relXml.push(`<Relationship Id="rIdKst" Type="${NS_REL}/styles" Target="styles.xml"/>`);
  }
  // the workbook again, with only what reading needs: its date system and its sheets
  const date1904 = /<(?:[\w.-]+:)?workbookPr\b[^>]*\bdate1904\s*=\s*["'](?:1|true)["']/.test(workbook);
  files.push({
    name: 'xl/workbook.xml',
    data: Buffer.from(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="${NS_REL}"><workbookPr${date1904 ? ' date1904="1"' : ''}/><sheets>${sheetXml.join('')}</sheets></workbook>`,
    ),
  });
  files.push({ name: 'xl/_rels/workbook.xml.rels', data: Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS_PKG}">${relXml.join('')}</Relationships>`) });
  files.push({
    name: '_rels/.rels',
    data: Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS_PKG}"><Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`),
  });

  // loaded only once the limits have passed: a refused workbook never pays for it
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  await wb.xlsx.load(storedZip(files) as unknown as ArrayBuffer);
  for (const o of out) {
    const ws = wb.worksheets.find((w) => w.name === o.name);
    ws?.eachRow({ includeEmpty: false }, (row, n) => {
      o.rows.push([n, row.values as Cell[]]);
    });
  }
  return out;
}

// ——— in a worker thread ———

export interface ReadRequest {
  buf: Uint8Array;
  wanted: string[];
  limits: ReadLimits;
}
export type ReadAnswer = { ok: true; sheets: SheetRows[] } | { ok: false; refused: boolean; message: string };

/** The reader's heap in the worker, and how long a read may take. */
const WORKER_HEAP_MB = 768;
const READ_TIMEOUT_MS = 60_000;
/** workbooks read at once; more wait their turn (two cores: the server keeps one) */
const PARALLEL = 1;
let running = 0;
const waiting: (() => void)[] = [];

/** The worker: compiled JavaScript beside this file, or (from the sources: tests, tsx) the TypeScript through tsx's loader. */
function startWorker(): Worker {
  const opts = { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB }, stdout: false, stderr: false };
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./xlsxread.worker.js', import.meta.url), opts);
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const file = new URL('./xlsxread.worker.ts', import.meta.url).href;
  return new Worker(`import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(file)}); })`, { ...opts, eval: true });
}

function inWorker(req: ReadRequest): Promise<SheetRows[]> {
  return new Promise((resolve, reject) => {
    const w = startWorker();
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void w.terminate();
      f();
    };
    const timer = setTimeout(() => settle(() => reject(new ZipRefused(`đọc tệp quá lâu (hơn ${READ_TIMEOUT_MS / 1000} giây); hãy chia thành nhiều tệp nhỏ hơn`))), READ_TIMEOUT_MS);
    w.once('message', (a: ReadAnswer) =>
      settle(() => {
        if (a.ok) resolve(a.sheets);
        else reject(a.refused ? new ZipRefused(a.message) : new UnreadableWorkbook(a.message));
      }),
    );
    w.once('error', (e: Error & { code?: string }) =>
      settle(() => reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? new ZipRefused(`tệp cần quá nhiều bộ nhớ để đọc (hơn ${WORKER_HEAP_MB} MB); hãy chia thành nhiều tệp nhỏ hơn`) : e)),
    );
    w.once('exit', (code) => settle(() => reject(new Error(`xlsx reader stopped (${code})`))));
    const copy = new Uint8Array(req.buf);
    w.postMessage({ ...req, buf: copy }, [copy.buffer]);
  });
}

/** A workbook the reader could not make sense of (not a limit: a broken or foreign file). */
class UnreadableWorkbook extends Error {}

/**
 * Reads the wanted sheets in a worker thread (one workbook at a time; others wait their turn).
 * Throws ZipRefused with a Vietnamese reason for a refused container or a limit passed,
 * UnreadableWorkbook when the file is not a workbook the reader understands.
 */
export async function readSheets(buf: Buffer, wanted: string[], limits: ReadLimits = READ_LIMITS): Promise<SheetRows[]> {
  if (running < PARALLEL) running++;
  else await new Promise<void>((r) => waiting.push(r)); // the slot is handed over
  try {
    return await inWorker({ buf, wanted, limits });
  } finally {
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}
