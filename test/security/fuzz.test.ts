/**
 * Bad input sweep (issue #10, ASVS 5.0 V1.5, V2.2): a deterministic, seeded generator throws
 * malformed, truncated, huge, wrongly typed, deeply nested, `__proto__`, NaN/Infinity, very long
 * and NFD input at every JSON API route the app serves (read from `app.routes`), at the bundle
 * importer and at both Excel importers, over the demo data set. Every answer must be below 500,
 * every refusal a JSON error with a Vietnamese message, and a refused request must leave every
 * table as it was (row counts around each request, a hash of every row around each route).
 * `KHEO_FUZZ_ROUNDS=n` multiplies the generated payloads (default 1).
 */
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiSpecs } from '../../src/app.js';
import { createApiToken } from '../../src/features/accounts/accounts.service.js';
import { importWorkbook } from '../../src/features/bundle/bundle.excel.js';
import { addSheet, type SheetSpec } from '../../src/lib/sheets.js';
import { loadDemo } from '../../src/features/demo/demo.service.js';
import { HOUSEHOLD_SHEET, importHouseholdWorkbook } from '../../src/features/landClearance/landClearance.excel.js';
import { MODEL_SHEET, MODEL_WORKBOOK, modelSheetContext } from '../../src/features/models/models.excel.js';
import { AppError } from '../../src/lib/errors.js';
import { contentHash, rowCounts, tableNames } from '../support/checksum.js';
import { system } from '../support/fixtures.js';
import { createTestApp, type TestApp } from '../support/http.js';

const ROUNDS = Math.max(1, Number(process.env.KHEO_FUZZ_ROUNDS ?? 1));
const ADMIN = 'mật khẩu quản trị thử nghiệm';
/** A Vietnamese message has at least one Vietnamese letter with a mark. */
const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;
/** Written by design on a refusal: the audit of a denial, failed sign-ins. */
const ALLOWED_ON_REFUSAL = new Set(['audit_log', 'login_attempts']);

/** mulberry32: small, fast, and the same sequence on every machine. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]! };
}

const PROTO = '__PROTO_MARK__';
const nfd = (s: string) => s.normalize('NFD');
const nest = (depth: number): unknown => (depth === 0 ? 1 : [nest(depth - 1)]);
/** Values of every wrong type and shape a field may receive. */
const VALUES: unknown[] = [
  null, true, false, 0, -1, 1.5, 2 ** 53 + 1, -1e308, 1e308, Number.MAX_VALUE, Number.MIN_VALUE,
  '', ' ', '\u0000', '\t\r\n', 'a'.repeat(100_000), nfd('Phường Bồ Đề – Báo cáo tháng 9'), '\ud800', '\uffff', '🙂'.repeat(1000),
  '<script>alert(1)</script>', "' OR 1=1 --", '"; DROP TABLE users; --', '../../etc/passwd', '/etc/passwd', '=cmd|\'/C calc\'!A0',
  '2021-02-30', '31/02/2021', '9999-12-31', '0000-00-00', '-1', 'NaN', 'Infinity', '1e999', '1.234', '1.234.567,89 đ', 'true',
  [], [null], ['a', 1, null], {}, { [PROTO]: { isAdmin: true } }, { constructor: { prototype: { isAdmin: true } } }, { $gt: '' },
  nest(60), Array.from({ length: 5000 }, (_, i) => i),
];
/** Whole bodies, as raw text: what no schema ever sees because the parser must stop it. */
const RAW_BODIES: string[] = [
  '', ' ', '{', '}', '{"', '[', '{"a":', 'null', 'true', '0', '"chuỗi"', '[]', '[{}]', 'NaN', 'Infinity', '-Infinity',
  '{"a":NaN}', '{"a":Infinity}', '{"a":-Infinity}', '{"a":1e999}', '\uFEFF{}', '{"a":1,}', "{'a':1}", '{"a":1}{"b":2}',
  '{"__proto__":{"isAdmin":true,"roles":["admin"]}}', '{"constructor":{"prototype":{"isAdmin":true}}}',
  '{"a":"\\ud800"}', '{"a":"\\u0000"}', '\u0000', `{"a":"${'x'.repeat(2 * 1024 * 1024)}"}`,
  '['.repeat(100_000) + ']'.repeat(100_000), '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000),
];

let t: TestApp;
let token = '';
let tables: string[] = [];
const ids: Record<string, string | undefined> = {};
const failures: string[] = [];
let tried = 0;
/** Row counts as of the last request, or null when they must be read again. */
let known: Record<string, number> | null = null;

/** The body schema's keys, when it is an object (what the structured payloads aim at). */
function keysOf(schema: unknown): string[] {
  const shape = (schema as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape && typeof shape === 'object' ? Object.keys(shape) : [];
}

function structured(r: ReturnType<typeof rng>, keys: string[]): string {
  const o: Record<string, unknown> = {};
  for (const k of keys) if (r.next() < 0.7) o[k] = r.pick(VALUES);
  if (r.next() < 0.2) o[PROTO] = { isAdmin: true, roles: ['admin'] };
  if (r.next() < 0.2) o[`khoa-la-${r.int(100)}`] = r.pick(VALUES);
  if (r.next() < 0.1) o.version = r.pick([1, '1', 2, null]);
  let text = JSON.stringify(o).replaceAll(`"${PROTO}"`, '"__proto__"');
  if (r.next() < 0.25) text = text.slice(0, r.int(text.length)); // truncated
  return text;
}

function fillPath(path: string, r: ReturnType<typeof rng>, hostile: boolean): string {
  return path.replace(/:(\w+)/g, (_m, name: string) => {
    if (hostile) return encodeURIComponent(r.pick(['%00', '..%2F..%2Fetc', 'x'.repeat(5000), nfd('Bồ Đề'), "' OR 1=1", '-1', '0', '1e999', '__proto__', 'constructor']));
    const key = `${path.split('/')[1]}:${name}`;
    return encodeURIComponent(ids[key] ?? ids[name] ?? '1');
  });
}

async function send(method: string, path: string, body: string | undefined, type = 'application/json'): Promise<Response> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'x-forwarded-for': '10.9.0.1' };
  if (body !== undefined) headers['content-type'] = type;
  return t.app.request(`http://localhost/api/v1${path}`, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body });
}

const changed = (a: Record<string, number>, b: Record<string, number>) => Object.keys(a).filter((k) => !ALLOWED_ON_REFUSAL.has(k) && a[k] !== b[k]);

/** Sends one payload and records what is wrong with the answer; true when it was accepted. */
async function attempt(label: string, method: string, path: string, body: string | undefined, type?: string): Promise<boolean> {
  tried++;
  // the counts after the previous request are the counts before this one (nothing else writes)
  const before = (known ??= await rowCounts(t.db.db, tables));
  let res: Response;
  try {
    res = await send(method, path, body, type);
  } catch (e) {
    failures.push(`${label}: ném lỗi ${String(e).slice(0, 200)}`);
    known = null;
    return false;
  }
  const what = `${label}: ${method} ${path.slice(0, 80)} ← ${(body ?? '').slice(0, 60).replace(/\s+/g, ' ')}`;
  if (res.status >= 500) failures.push(`${what} → ${res.status}`);
  if (res.status < 400) {
    known = null;
    return true;
  }
  const text = await res.text();
  let message: unknown;
  try {
    message = (JSON.parse(text) as { error?: { message?: unknown } }).error?.message;
  } catch {
    failures.push(`${what} → ${res.status}, not JSON: ${text.slice(0, 80)}`);
  }
  if (typeof message !== 'string' || !VIETNAMESE.test(message)) failures.push(`${what} → ${res.status}, message not Vietnamese: ${String(message)}`);
  known = await rowCounts(t.db.db, tables);
  const diff = changed(before, known);
  if (diff.length) failures.push(`${what} → ${res.status} but wrote ${diff.join(', ')}`);
  return false;
}

beforeAll(async () => {
  t = await createTestApp({ seed: false });
  await t.db.db.transaction().execute(async (trx) => {
    await loadDemo(trx, { adminPassword: ADMIN });
    token = await createApiToken(trx, { actor: system, username: 'admin', name: 'kiểm thử dữ liệu xấu' });
  });
  // the tables a refusal may write to are left out of the sums (the audit log is also the largest)
  tables = (await tableNames(t.db.db)).filter((n) => !ALLOWED_ON_REFUSAL.has(n));
  const one = async (q: string) => Object.values((await sql.raw<Record<string, unknown>>(q).execute(t.db.db)).rows[0] ?? {}).map(String);
  // path parameters that name real records, so that payloads reach validation and the services
  [ids['users:username']] = await one("select username from users where username <> 'admin' order by username");
  [ids['units:code']] = await one("select code from units where kind = 'residentialGroup' order by code");
  [ids['models:code']] = await one("select code from models where status = 'registered' order by code");
  [ids['teams:code']] = await one('select code from teams order by code');
  [ids['campaigns:code']] = await one('select code from campaigns');
  [ids['rounds:code']] = await one('select code from appraisal_rounds');
  [ids.model] = await one("select code from models where status = 'registered' order by code");
  [ids.number] = await one('select number from reward_decisions');
  [ids['clearance-projects:code']] = await one('select code from clearance_projects order by code');
  [ids.step] = await one('select code from clearance_step_kinds order by code');
  [ids['households:code']] = await one('select code from clearance_households order by code');
  [ids.slug] = await one("select slug from articles where status = 'published' order by slug");
  [ids['report-forms:code']] = await one('select code from report_forms');
  [ids.period, ids.unit] = await one('select s.period, u.code from report_submissions s join units u on u.id = s.unit_id order by s.id');
  [ids['documents:id']] = await one('select id from documents order by id');
  [ids.field] = await one('select code from campaign_fields order by id');
}, 300_000);
afterAll(() => t.close());

describe('dữ liệu xấu vào mọi tuyến API JSON', () => {
  it('never a 500, always a Vietnamese message, nothing written on a refusal', async () => {
    const routes = t.app.routes.filter((x) => x.method !== 'ALL' && x.path.startsWith('/api/v1/')).map((x) => ({ method: x.method, path: x.path.slice('/api/v1'.length) }));
    const unique = [...new Map(routes.map((x) => [`${x.method} ${x.path}`, x])).values()];
    expect(unique.length).toBeGreaterThan(90);
    const r = rng(20211006);
    for (const route of unique) {
      const spec = apiSpecs.find((s) => s.method.toUpperCase() === route.method && s.path === route.path);
      const label = `${route.method} ${route.path}`;
      const hashBefore = await contentHash(t.db.db, tables);
      let accepted = false;
      if (route.method === 'GET') {
        for (let i = 0; i < 6 * ROUNDS; i++) {
          const q = new URLSearchParams();
          for (const k of [...Object.keys(spec?.query ?? {}), 'q', 'page', 'through', 'category', 'unit'])
            if (r.next() < 0.6) q.set(k, String(r.pick(VALUES)).slice(0, 3000));
          accepted = (await attempt(label, 'GET', `${fillPath(route.path, r, i % 3 === 2)}?${q.toString()}`, undefined)) || accepted;
        }
      } else {
        const path = fillPath(route.path, r, false);
        for (const body of RAW_BODIES) accepted = (await attempt(label, route.method, path, body)) || accepted;
        for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/json; charset=latin1'])
          accepted = (await attempt(label, route.method, path, '{"a":1}', type)) || accepted;
        const keys = keysOf(spec?.body);
        for (let i = 0; i < 20 * ROUNDS; i++) accepted = (await attempt(label, route.method, path, structured(r, keys))) || accepted;
        for (let i = 0; i < 3; i++) accepted = (await attempt(label, route.method, fillPath(route.path, r, true), structured(r, keys))) || accepted;
      }
      if (!accepted) {
        const after = await contentHash(t.db.db, tables);
        const diff = Object.keys(after).filter((k) => !ALLOWED_ON_REFUSAL.has(k) && after[k] !== hashBefore[k]);
        if (diff.length) failures.push(`${label}: every payload refused, yet rows changed in ${diff.join(', ')}`);
      }
    }
    // no payload reached Object.prototype
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    console.info(`dữ liệu xấu: ${tried} yêu cầu tới ${unique.length} tuyến API`);
    expect(failures).toEqual([]);
  }, 900_000);
});

describe('ký tự NUL', () => {
  it('in a query or a body is refused in Vietnamese or stored, never a 500 (PostgreSQL cannot hold it)', async () => {
    failures.length = 0;
    await attempt('NUL', 'GET', '/models?campaign=%00&q=a%00b', undefined);
    await attempt('NUL', 'GET', '/audit?entityId=%00', undefined);
    await attempt('NUL', 'POST', `/reward-decisions/${encodeURIComponent(ids.number!)}/revoke`, JSON.stringify({ reason: 'thu hồi\u0000' }));
    await attempt('NUL', 'POST', '/units', JSON.stringify({ code: 'NUL-1', name: 'Tổ\u0000 thử', kind: 'residentialGroup', parent: ids['units:code'] }));
    expect(failures).toEqual([]);
  });
});

describe('dữ liệu xấu vào gói dữ liệu (POST /api/v1/import)', () => {
  it('one corrupted field anywhere in an otherwise good bundle: refused whole, never a 500', async () => {
    failures.length = 0;
    const start = tried;
    const good = () => ({
      version: 1,
      units: [{ code: 'FZ', name: 'Phường Thử Nghiệm', kind: 'ward', parent: ids['units:code']!.split('-').slice(0, 2).join('-') }],
      documents: [{ number: '1-KH/FZ', kind: 'KH', issuer: 'Đảng ủy phường Thử Nghiệm', date: '2021-01-04', title: 'Kế hoạch thử' }],
      models: [{ code: 'FZ-1', campaign: ids['campaigns:code'], unit: 'FZ', field: ids.field, holder: 'collective', name: 'Mô hình thử', registeredOn: '2021-03-01' }],
      teams: [{ code: 'FZ-T1', unit: 'FZ', kind: 'covidCommunity', name: 'Tổ Covid thử', members: 10 }],
    });
    const ok = await send('POST', '/import', JSON.stringify(good()));
    known = null;
    expect(ok.status, await ok.clone().text()).toBe(200);
    const r = rng(20210930);
    for (let i = 0; i < 1000 * ROUNDS; i++) {
      const doc = good() as unknown as Record<string, unknown>;
      const sections = ['units', 'documents', 'models', 'teams'] as const;
      const section = r.pick(sections);
      const records = doc[section] as Record<string, unknown>[];
      // a bad record after a good one: if anything were written before the refusal, counts would show it
      records.unshift({ ...records[0]!, code: `FZ-OK-${i}`, number: `${i}-KH/FZ` });
      const victim = records[records.length - 1]!;
      const key = r.pick(Object.keys(victim));
      const action = r.int(4);
      if (action === 0) delete victim[key];
      else if (action === 1) victim[key] = r.pick(VALUES);
      else if (action === 2) doc[section] = r.pick(VALUES);
      else victim[PROTO] = { isAdmin: true };
      let text = JSON.stringify(doc).replaceAll(`"${PROTO}"`, '"__proto__"');
      if (r.next() < 0.15) text = text.slice(0, r.int(text.length));
      await attempt('bundle', 'POST', '/import', text);
    }
    console.info(`gói dữ liệu: ${tried - start} gói`);
    expect(failures).toEqual([]);
  }, 600_000);
});

describe('dữ liệu xấu vào sổ Excel', () => {
  /** Cell values of every kind a workbook can hold. */
  const CELLS: ExcelJS.CellValue[] = [
    ...VALUES.filter((v): v is string | number | boolean | null => v === null || ['string', 'number', 'boolean'].includes(typeof v)).map((v) => (typeof v === 'string' ? v.slice(0, 32_000) : v)),
    new Date('2021-02-30'), new Date(0), new Date(8.64e15), { formula: '1+1', result: 2 }, { formula: 'HYPERLINK("http://x.invalid","a")', result: 'a' },
    { error: '#REF!' }, { richText: [{ text: '=1+1' }, { text: nfd(' Bồ Đề') }] }, { text: 'liên kết', hyperlink: 'javascript:alert(1)' }, NaN, Infinity,
  ];

  /** Workbooks with the importer's own header row (as its template has) and random rows under it. */
  async function fuzzWorkbook(name: string, spec: SheetSpec, run: (buf: Buffer) => Promise<unknown>, seed: number) {
    failures.length = 0;
    known = null;
    const r = rng(seed);
    let n = 0;
    for (let i = 0; i < 150 * ROUNDS; i++) {
      const wb = new ExcelJS.Workbook();
      const ws = addSheet(wb, spec, []);
      for (let row = 0; row < 1 + r.int(4); row++) ws.addRow(Array.from({ length: spec.columns.length }, () => (r.next() < 0.7 ? r.pick(CELLS) : null)));
      let buf = Buffer.from(await wb.xlsx.writeBuffer());
      if (i % 4 === 3) {
        // bytes flipped or the file cut short: the ZIP or the XML inside is broken
        buf = Buffer.from(buf);
        if (r.next() < 0.5) for (let k = 0; k < 1 + r.int(20); k++) buf[r.int(buf.length)] = r.int(256);
        else buf = buf.subarray(0, r.int(buf.length));
      }
      n++;
      const before = await rowCounts(t.db.db, tables);
      try {
        await run(buf);
      } catch (e) {
        if (!(e instanceof AppError) || e.status >= 500) failures.push(`${name} #${i}: ${e instanceof AppError ? e.status : 'lỗi không mong đợi'} ${String(e).slice(0, 200)}`);
        else if (!VIETNAMESE.test(e.message)) failures.push(`${name} #${i}: message not Vietnamese: ${e.message}`);
        const diff = changed(before, await rowCounts(t.db.db, tables));
        if (diff.length) failures.push(`${name} #${i}: refused but wrote ${diff.join(', ')}`);
      }
    }
    tried += n;
    console.info(`${name}: ${n} sổ Excel`);
    expect(failures).toEqual([]);
  }

  it('the models workbook importer', async () => {
    const campaign = ids['campaigns:code']!;
    const { ctx } = await modelSheetContext(t.db.db, system, campaign);
    await fuzzWorkbook('mô hình', MODEL_SHEET, (buf) => importWorkbook(t.db.db, system, { buf, fileName: 'mo-hinh.xlsx', ...MODEL_WORKBOOK, ctx, dryRun: false }), 7);
  }, 600_000);

  it('the households workbook importer', async () => {
    const project = ids['clearance-projects:code']!;
    await fuzzWorkbook('hộ dân', HOUSEHOLD_SHEET, (buf) => importHouseholdWorkbook(t.db.db, system, { projectCode: project, buf, fileName: 'ho.xlsx', dryRun: false }), 11);
  }, 600_000);

  afterAll(() => console.info(`tổng cộng: ${tried} dữ liệu xấu đã thử`));
});
