/**
 * `kheo …` commands: parse arguments, call services, print Vietnamese. Never SQL here.
 * On bad input: one message naming the file/record/field, exit code 1, nothing written.
 */
import { readFileSync, writeFileSync, renameSync } from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { loadConfig, loadDotEnv, type Config } from '../config.js';
import { backupTo, restoreFrom } from '../db/backup.js';
import { createDb, type AppDb } from '../db/index.js';
import { migrateToLatest } from '../db/migrate.js';
import { createApiToken, createUser, revokeApiTokens, setPassword } from '../features/accounts/accounts.service.js';
import { systemActor } from '../policy/policy.js';
import { bundle } from '../features/exchange/registry.js';
import { isEmpty, loadDemo } from '../features/demo/demo.service.js';
import { importWorkbook } from '../features/bundle/bundle.excel.js';
import { listCampaigns } from '../features/campaigns/campaigns.service.js';
import { MODEL_WORKBOOK, modelSheetContext } from '../features/models/models.excel.js';
import { AppError } from '../lib/errors.js';
import { formatDate, todayVn } from '../lib/vi.js';
import { reportDocx, reportHtmlFile, reportMarkdown } from '../features/narrative/narrative.documents.js';
import { buildReport, parseReportDate } from '../features/narrative/narrative.service.js';
import { runServer } from '../main.js';
import { ensureSearchIndex, rebuildSearchIndex } from '../features/exchange/search.rebuild.js';
import { SEARCH_KIND_LABELS, type SearchKind } from '../features/search/search.service.js';

export class CliError extends Error {}

const HELP = `Khéo — dòng lệnh

  kheo serve [--port 3000] [--host 127.0.0.1]   chạy máy chủ (tự cập nhật cấu trúc CSDL)
  kheo migrate                                  cập nhật cấu trúc cơ sở dữ liệu
  kheo reindex                                  lập lại chỉ mục tìm kiếm của cổng thông tin
  kheo demo                                     nạp dữ liệu mẫu Quận Long Biên 2021 (CSDL trống)
  kheo user add --username U --password P --role ROLE --unit MÃ [--full-name "Họ tên"] [--email ĐỊA-CHỈ]
                                                vai trò: admin, officer, appraiser, council, editor, viewer
                                                (nhiều vai trò: lặp --role hoặc ngăn cách bằng dấu phẩy)
  kheo user password --username U --password P  đặt mật khẩu mới (kết thúc mọi phiên)
  kheo token create --user U [--name TÊN]       tạo khóa API (chỉ hiện một lần)
  kheo token revoke --user U                    thu hồi mọi khóa API của tài khoản
  kheo import TỆP.json                          nhập gói dữ liệu (tất cả hoặc không gì cả)
  kheo import TỆP.xlsx [--campaign MÃ]          nhập trang "Mô hình", "Tổ, đội", "Kết quả" của sổ Excel theo mẫu
  kheo export TỆP.json                          xuất gói dữ liệu
  kheo report --campaign MÃ --through YYYY-MM-DD -o TỆP.docx|TỆP.md|TỆP.html [--date YYYY-MM-DD]
                                                báo cáo kết quả thực hiện chủ đề năm, viết từ dữ liệu
                                                (--date: ngày ký báo cáo, mặc định hôm nay)
  kheo backup TỆP                               sao lưu trực tuyến CSDL SQLite
  kheo restore TỆP                              khôi phục CSDL SQLite từ bản sao lưu (dừng máy chủ trước)

Cấu hình qua biến môi trường hoặc tệp .env: PORT, HOST, KHEO_DATA_DIR, DATABASE_URL, KHEO_DEMO.`;

type Out = (line: string) => void;

// the commands wait for their statements as long as they take (an administrator watches them):
// the bound on a statement's answer (KHEO_DB_QUERY_TIMEOUT_SECONDS) is the server's
async function withDb<T>(config: Config, fn: (h: AppDb) => Promise<T>): Promise<T> {
  const h = createDb({ ...config, dbQueryTimeoutMs: 0 });
  try {
    await migrateToLatest(h);
    return await fn(h);
  } finally {
    await h.close();
  }
}

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    const m = e instanceof Error ? /'(--?[\w-]+)'/.exec(e.message) : null;
    throw new CliError(m ? `Tham số không hợp lệ: ${m[1]}. Xem "kheo help".` : 'Tham số không hợp lệ. Xem "kheo help".');
  }
}

const need = (v: unknown, flag: string): string => {
  if (typeof v !== 'string' || !v.trim()) throw new CliError(`Thiếu tham số ${flag}.`);
  return v;
};

function describe(e: AppError, file?: string): string {
  const where = file ? `Tệp "${file}": ` : '';
  if (e.issues.length) {
    const shown = e.issues.slice(0, 20).map((i) => `  - ${i.field && !i.message.startsWith(i.field) ? `${i.field}: ` : ''}${i.message}`);
    const more = e.issues.length > 20 ? [`  … và ${e.issues.length - 20} lỗi khác`] : [];
    return [`${where}dữ liệu không hợp lệ; không có gì được ghi.`, ...shown, ...more].join('\n');
  }
  return `${where}${e.message}`;
}

/** `kheo import FILE.xlsx [--campaign CODE]`: the models and teams sheets, all or nothing. */
async function importXlsx(config: Config, file: string, campaign: string | undefined, out: Out): Promise<number> {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch {
    throw new CliError(`Không tìm thấy tệp "${file}".`);
  }
  return withDb(config, async (h) => {
    const actor = systemActor('dòng lệnh');
    let code = campaign;
    if (!code) {
      const all = await listCampaigns(h.db, actor);
      if (all.length !== 1) throw new CliError(`Tệp "${file}": hãy chọn chủ đề năm bằng --campaign MÃ (có ${all.length} chủ đề năm: ${all.map((c) => c.code).join(', ')}).`);
      code = all[0]!.code;
    }
    try {
      const { ctx } = await modelSheetContext(h.db, actor, code);
      const r = await importWorkbook(h.db, actor, { buf, fileName: path.basename(file), ...MODEL_WORKBOOK, ctx, dryRun: false });
      out(`Đã nhập ${r.rows} dòng từ "${file}".`);
      for (const [k, v] of Object.entries(r.counts)) out(`${k}: thêm mới ${v.created}, cập nhật ${v.updated}`);
      return 0;
    } catch (e) {
      if (e instanceof AppError) throw new CliError(describe(e, file));
      throw e;
    }
  });
}

const indexCounts = (counts: Record<SearchKind, number>): string =>
  (Object.entries(counts) as [SearchKind, number][]).map(([k, n]) => `${n.toLocaleString('vi-VN')} ${SEARCH_KIND_LABELS[k].charAt(0).toLowerCase()}${SEARCH_KIND_LABELS[k].slice(1)}`).join(', ');

/** `kheo serve`: serves the portal and the admin. */
async function serveCommand(rest: string[]): Promise<number> {
  const { values } = parse(rest, { port: { type: 'string' }, host: { type: 'string' } });
  const port = values.port === undefined ? undefined : Number(values.port);
  if (port !== undefined && (!Number.isInteger(port) || port < 1 || port > 65535)) throw new CliError(`--port: "${String(values.port)}" không phải số cổng hợp lệ (1–65535).`);
  await runServer({ ...(port ? { port } : {}), ...(typeof values.host === 'string' ? { host: values.host } : {}) });
  return -1; // keeps running
}

/** `kheo migrate`: brings the database up to date, and builds the search index when it is missing. */
async function migrateCommand(rest: string[], config: Config, out: Out): Promise<number> {
  const h = createDb({ ...config, dbQueryTimeoutMs: 0 });
  try {
    const applied = await migrateToLatest(h);
    out(applied.length ? `Đã áp dụng ${applied.length} bước cập nhật: ${applied.join(', ')}.` : 'Cơ sở dữ liệu đã ở phiên bản mới nhất.');
    const built = await ensureSearchIndex(h.db, systemActor('dòng lệnh'));
    if (built) out(`Đã lập chỉ mục tìm kiếm: ${indexCounts(built)}.`);
  } finally {
    await h.close();
  }
  return 0;
}

/** `kheo reindex`: builds the search index again. */
async function reindexCommand(rest: string[], config: Config, out: Out): Promise<number> {
  return withDb(config, async (h) => {
    const counts = await rebuildSearchIndex(h.db, systemActor('dòng lệnh'));
    out(`Đã lập lại chỉ mục tìm kiếm: ${indexCounts(counts)}.`);
    return 0;
  });
}

/** `kheo demo`: loads the demo into an empty database. */
async function demoCommand(rest: string[], config: Config, out: Out): Promise<number> {
  return withDb(config, async (h) => {
    if (!(await isEmpty(h.db))) throw new CliError('Cơ sở dữ liệu đã có dữ liệu; chỉ nạp dữ liệu mẫu vào CSDL trống.');
    const r = await h.db.transaction().execute((trx) => loadDemo(trx, { adminPassword: config.adminPassword }));
    out(`Đã nạp dữ liệu mẫu: ${r.units} đơn vị.`);
    out(`Tài khoản quản trị: ${r.adminUsername} — mật khẩu: ${config.adminPassword ? '(theo KHEO_ADMIN_PASSWORD)' : r.adminPassword}`);
    return 0;
  });
}

/** `kheo user`: adds a user, or sets a password. */
async function userCommand(rest: string[], config: Config, out: Out): Promise<number> {
  const [sub, ...args] = rest;
  if (sub === 'add') {
    const { values } = parse(args, {
      username: { type: 'string' },
      password: { type: 'string' },
      role: { type: 'string', multiple: true },
      unit: { type: 'string' },
      'full-name': { type: 'string' },
      email: { type: 'string' },
    });
    const username = need(values.username, '--username');
    const roles = (values.role as string[] | undefined)?.flatMap((r) => r.split(',')).map((r) => r.trim()).filter(Boolean) ?? [];
    if (!roles.length) throw new CliError('Thiếu tham số --role.');
    const input = {
      username,
      password: need(values.password, '--password'),
      unit: need(values.unit, '--unit'),
      roles,
      fullName: typeof values['full-name'] === 'string' ? values['full-name'] : username,
      email: typeof values.email === 'string' ? values.email : null,
    };
    return withDb(config, async (h) => {
      const u = await h.db.transaction().execute((trx) => createUser(trx, { actor: systemActor('dòng lệnh'), input }));
      out(`Đã tạo tài khoản "${u.username}" (${u.roles.join(', ')}) thuộc đơn vị ${u.unitName}.`);
      return 0;
    });
  }
  if (sub === 'password') {
    const { values } = parse(args, { username: { type: 'string' }, password: { type: 'string' } });
    const username = need(values.username, '--username');
    const password = need(values.password, '--password');
    return withDb(config, async (h) => {
      await h.db.transaction().execute((trx) => setPassword(trx, { actor: systemActor('dòng lệnh'), username, input: { password } }));
      out(`Đã đặt mật khẩu mới cho "${username}".`);
      return 0;
    });
  }
  throw new CliError('Lệnh con của "kheo user": add, password.');
}

/** `kheo token`: creates or revokes API keys. */
async function tokenCommand(rest: string[], config: Config, out: Out): Promise<number> {
  const [sub, ...args] = rest;
  if (sub === 'revoke') {
    const { values } = parse(args, { user: { type: 'string' } });
    const username = need(values.user, '--user');
    return withDb(config, async (h) => {
      const n = await h.db.transaction().execute((trx) => revokeApiTokens(trx, { actor: systemActor('dòng lệnh'), username }));
      out(`Đã thu hồi ${n} khóa API của "${username}".`);
      return 0;
    });
  }
  if (sub !== 'create') throw new CliError('Lệnh con của "kheo token": create, revoke.');
  const { values } = parse(args, { user: { type: 'string' }, name: { type: 'string' } });
  const username = need(values.user, '--user');
  return withDb(config, async (h) => {
    const token = await h.db.transaction().execute((trx) =>
      createApiToken(trx, { actor: systemActor('dòng lệnh'), username, name: typeof values.name === 'string' ? values.name : 'khóa API' }),
    );
    out(token);
    return 0;
  });
}

/** `kheo import`: imports a data bundle (.json) or a workbook of models (.xlsx). */
async function importCommand(rest: string[], config: Config, out: Out): Promise<number> {
  const { values: opts, positionals } = parse(rest, { campaign: { type: 'string' } });
  const file = need(positionals[0], 'TỆP');
  const ext = path.extname(file).toLowerCase();
  if (ext === '.xlsx') return importXlsx(config, file, typeof opts.campaign === 'string' ? opts.campaign : undefined, out);
  if (ext !== '.json') throw new CliError(`Tệp "${file}": chỉ nhận gói dữ liệu .json hoặc sổ Excel .xlsx.`);
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `Không tìm thấy tệp "${file}".` : `Tệp "${file}" không phải JSON hợp lệ.`);
  }
  return withDb(config, async (h) => {
    try {
      const counts = await h.db.transaction().execute((trx) => bundle.importBundle(trx, systemActor('dòng lệnh'), doc));
      for (const [k, v] of Object.entries(counts)) out(`${k}: thêm mới ${v.created}, cập nhật ${v.updated}`);
      return 0;
    } catch (e) {
      if (e instanceof AppError) throw new CliError(describe(e, file));
      throw e;
    }
  });
}

/** `kheo export`: writes the data bundle (.json). */
async function exportCommand(rest: string[], config: Config, out: Out): Promise<number> {
  const file = need(rest[0], 'TỆP');
  if (path.extname(file).toLowerCase() !== '.json') throw new CliError(`Tệp "${file}": hiện chỉ xuất được gói dữ liệu .json.`);
  return withDb(config, async (h) => {
    const doc = await bundle.exportBundle(h.db, systemActor('dòng lệnh'));
    const tmp = `${file}.tmp-${process.pid}`;
    writeFileSync(tmp, `${JSON.stringify(doc, null, 2)}\n`);
    renameSync(tmp, file);
    out(`Đã xuất ra "${file}".`);
    return 0;
  });
}

/** `kheo report`: writes the campaign's result report (.docx, .md, .html). */
async function reportCommand(rest: string[], config: Config, out: Out): Promise<number> {
  const { values: opts } = parse(rest, { campaign: { type: 'string' }, through: { type: 'string' }, output: { type: 'string', short: 'o' }, date: { type: 'string' } });
  const code = need(opts.campaign, '--campaign');
  const file = need(opts.output, '-o TỆP');
  const ext = path.extname(file).toLowerCase();
  if (!['.docx', '.md', '.html'].includes(ext)) throw new CliError(`Tệp "${file}": báo cáo xuất ra .docx, .md hoặc .html.`);
  return withDb(config, async (h) => {
    try {
      const through = parseReportDate('through', '--through', typeof opts.through === 'string' ? opts.through : undefined, todayVn());
      const date = parseReportDate('date', '--date', typeof opts.date === 'string' ? opts.date : undefined, todayVn());
      const r = await buildReport(h.db, systemActor('dòng lệnh'), { code, through, date });
      const body = ext === '.docx' ? await reportDocx(r) : ext === '.md' ? reportMarkdown(r) : reportHtmlFile(r);
      const tmp = `${file}.tmp-${process.pid}`;
      writeFileSync(tmp, body);
      renameSync(tmp, file);
      out(`Đã viết báo cáo "${r.title}" (số liệu đến ngày ${formatDate(through)}) ra "${file}".`);
      return 0;
    } catch (e) {
      if (e instanceof AppError) throw new CliError(describe(e));
      throw e;
    }
  });
}

/** `kheo backup`: backs the database up to a file. */
async function backupCommand(rest: string[], config: Config, out: Out): Promise<number> {
  const file = need(rest[0], 'TỆP');
  return withDb(config, async (h) => {
    const size = await backupTo(h, file);
    out(`Đã sao lưu vào "${file}" (${Math.round(size / 1024).toLocaleString('vi-VN')} KB).`);
    return 0;
  });
}

/** `kheo restore`: restores the database from a backup, and brings it up to date. */
async function restoreCommand(rest: string[], config: Config, out: Out): Promise<number> {
  const file = need(rest[0], 'TỆP');
  const h = createDb({ ...config, dbQueryTimeoutMs: 0 });
  try {
    await restoreFrom(h, file);
  } finally {
    await h.close();
  }
  await withDb(config, async () => undefined); // a backup from an older version: bring it up to date
  out(`Đã khôi phục từ "${file}".`);
  return 0;
}

/** Each command of `kheo`, by name. */
const COMMANDS: Record<string, (rest: string[], config: Config, out: Out) => Promise<number>> = {
  serve: serveCommand,
  migrate: migrateCommand,
  reindex: reindexCommand,
  demo: demoCommand,
  user: userCommand,
  token: tokenCommand,
  'import': importCommand,
  'export': exportCommand,
  report: reportCommand,
  backup: backupCommand,
  restore: restoreCommand,
};

/** Runs one command; returns the exit code. */
export async function runCli(argv: string[], out: Out = (l) => process.stdout.write(`${l}\n`)): Promise<number> {
  const [cmd, ...rest] = argv;
  if (!cmd || cmd === 'help' || cmd === '--help' || cmd === '-h') {
    out(HELP);
    return 0;
  }
  loadDotEnv();
  const config = loadConfig();
  const command = Object.hasOwn(COMMANDS, cmd) ? COMMANDS[cmd] : undefined;
  if (!command) throw new CliError(`Không có lệnh "${cmd}". Xem "kheo help".`);
  return command(rest, config, out);
}
