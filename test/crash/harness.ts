/**
 * Shared pieces of the reliability scripts (`crash.ts`, `backup-load.ts`): a database (a temp
 * SQLite data dir or a fresh PostgreSQL database), the real server (`node dist/cli.js serve`)
 * started and killed as a process, a load of concurrent writes through the JSON API with API
 * tokens, and the checks that every acknowledged write is present with its audit row and that
 * nothing is half-written.
 *
 * The writes, each with a unique key:
 *   unit     POST /api/v1/units                          code          audit unit.create
 *   model    POST /api/v1/models                         code          audit model.register
 *   team     POST /api/v1/teams                          code          audit team.create
 *   payment  POST /api/v1/households/H/payments          receiptNo     audit clearancePayment.record
 *   confirm  POST /api/v1/households/H/payments/ID/confirm  payment id audit clearancePayment.confirm
 *            (by a second user: the maker-checker rule)
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { openDatabase, type DbHandle } from '../../src/db/dialect.js';
import type { Database } from '../../src/db/database.js';
import { currentFigures, figuresByProject, paidByProject } from '../../src/features/landClearance/landClearance.repository.js';
export { freePort } from '../support/net.js';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const CLI = path.join(ROOT, 'dist/cli.js');

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
export const f0 = (n: number) => Math.round(n).toLocaleString('vi-VN');
export const f1 = (n: number) => n.toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
export const mb = (bytes: number) => `${f1(bytes / 1024 / 1024)} MB`;

export function requireBuild(): void {
  if (!existsSync(CLI)) {
    console.error('Chưa có dist/: hãy chạy "npm run build" trước.');
    process.exit(1);
  }
}

// ——— the database under test

export interface Target {
  dialect: 'sqlite' | 'postgres';
  /** environment for `node dist/cli.js …` */
  env: NodeJS.ProcessEnv;
  /** SQLite: the data dir; PostgreSQL: the database URL */
  where: string;
  /** Kysely handle (open only while the caller checks) */
  open(): DbHandle<Database>;
  /** bytes: the SQLite file, or pg_database_size */
  size(): Promise<number>;
  drop(): Promise<void>;
}

const PG_SERVER = process.env.KHEO_CRASH_PG_URL ?? 'postgres://kheo:kheo@127.0.0.1:5432/';

/** Runs SQL as a role that may create databases: the URL's role when it can, else the local postgres superuser (root only). */
async function pgAdmin(statement: string): Promise<void> {
  const admin = new URL(PG_SERVER);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(statement);
    return;
  } catch (err) {
    if ((err as { code?: string }).code !== '42501' || process.getuid?.() !== 0) throw err;
  } finally {
    await client.end();
  }
  const r = spawnSync('runuser', ['-u', 'postgres', '--', 'psql', '-q', '-v', 'ON_ERROR_STOP=1', '-c', statement], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`psql: ${r.stderr}`);
}

export async function pgDatabase(label: string): Promise<Target> {
  const name = `kheo_${label}_${randomBytes(3).toString('hex')}`;
  const base = new URL(PG_SERVER);
  const owner = decodeURIComponent(base.username) || 'kheo';
  await pgAdmin(`create database ${name} owner "${owner.replace(/"/g, '')}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  const where = url.toString();
  return {
    dialect: 'postgres',
    env: { DATABASE_URL: where },
    where,
    open: () => openDatabase<Database>({ databaseUrl: where, pgPoolSize: 4 }),
    async size() {
      const c = new pg.Client({ connectionString: where });
      await c.connect();
      try {
        const r = await c.query<{ n: string }>('select pg_database_size(current_database()) as n');
        return Number(r.rows[0]!.n);
      } finally {
        await c.end();
      }
    },
    drop: () => pgAdmin(`drop database if exists ${name} with (force)`),
  };
}

export function sqliteDataDir(label: string): Target {
  const dir = mkdtempSync(path.join(tmpdir(), `kheo-${label}-`));
  return sqliteAt(dir, true);
}

/** A SQLite database in `dir` (the data dir's kheo.sqlite, or another file there: a backup). */
export function sqliteAt(dir: string, owned: boolean, name = 'kheo.sqlite'): Target {
  const file = path.join(dir, name);
  return {
    dialect: 'sqlite',
    env: { KHEO_DATA_DIR: dir, DATABASE_URL: '' },
    where: dir,
    open: () => openDatabase<Database>({ sqliteFile: file }),
    /** the database file (after a clean stop its WAL is checkpointed into it and removed) */
    async size() {
      return existsSync(file) ? statSync(file).size : 0;
    },
    async drop() {
      if (owned) rmSync(dir, { recursive: true, force: true });
    },
  };
}

// ——— the CLI and the server as processes

export function kheo(target: Target, args: string[]): string {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...target.env, KHEO_LOG_LEVEL: 'warn' }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`kheo ${args.join(' ')} → ${r.status}\n${r.stdout}${r.stderr}`);
  return r.stdout.trim();
}


export class Server {
  proc: ChildProcess | undefined;
  log = '';
  constructor(
    readonly target: Target,
    readonly port: number,
  ) {}

  /** Starts `node dist/cli.js serve`; resolves when /healthz answers. Returns ms until ready. */
  async start(): Promise<number> {
    const t0 = performance.now();
    this.spawn();
    await this.ready();
    return performance.now() - t0;
  }

  spawn(): void {
    const p = spawn(process.execPath, [CLI, 'serve', '--port', String(this.port), '--host', '127.0.0.1'], {
      cwd: ROOT,
      env: { ...process.env, ...this.target.env, KHEO_LOG_LEVEL: 'warn', NODE_ENV: 'production' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    p.stderr.on('data', (d: Buffer) => {
      this.log = (this.log + d.toString()).slice(-8000);
    });
    this.proc = p;
  }

  async ready(timeoutMs = 60_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      if (this.proc?.exitCode !== null && this.proc?.exitCode !== undefined) throw new Error(`máy chủ đã dừng (mã ${this.proc.exitCode}):\n${this.log}`);
      try {
        const r = await fetch(`http://127.0.0.1:${this.port}/healthz`);
        if (r.ok) return;
      } catch {
        /* not up yet */
      }
      if (Date.now() > until) throw new Error(`máy chủ không sẵn sàng sau ${timeoutMs} ms:\n${this.log}`);
      await sleep(15);
    }
  }

  /** SIGKILL, and wait until the process is gone. */
  async kill(signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    const p = this.proc;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const gone = new Promise((r) => p.once('exit', r));
    p.kill(signal);
    await gone;
  }
}

// ——— the data the writes need

export const PROJECT = 'CR-P1';
export const CAMPAIGN = 'CR-2026';
export const WARDS = Array.from({ length: 8 }, (_, i) => `CR-W${i + 1}`);
export const HOUSEHOLDS = Array.from({ length: 100 }, (_, i) => `CR-H${String(i + 1).padStart(4, '0')}`);
const APPROVED = 1_000_000_000_000; // never reached by the small payments

/**
 * Migrates, imports the units, campaign, project and households, creates two users and their API
 * tokens. `bulk` more households (with an approved plan and one confirmed payment each, in a second
 * project) give the database some size.
 */
export function setup(target: Target, bulk = 0): { writer: string; checker: string } {
  kheo(target, ['migrate']);
  const bundle = {
    version: 1,
    units: [{ code: 'CR', name: 'Quận Thử Tải', kind: 'district', parent: null }, ...WARDS.map((code, i) => ({ code, name: `Phường Thử ${i + 1}`, kind: 'ward', parent: 'CR' }))],
    campaigns: [
      {
        code: CAMPAIGN,
        unit: 'CR',
        year: 2026,
        theme: 'Năm Dân vận khéo — thử tải',
        fields: [
          { code: 'GPMB', name: 'Giải phóng mặt bằng' },
          { code: 'VHXH', name: 'Văn hóa – xã hội' },
        ],
        criteria: [{ code: 'hieu-qua', name: 'Hiệu quả', weight: 100 }],
      },
    ],
    clearanceProjects: [
      { code: PROJECT, unit: 'CR-W1', name: 'Dự án thử tải', category: 'key', householdsAffected: HOUSEHOLDS.length, startedOn: '2026-01-01', dueOn: '2027-12-31' },
      ...(bulk ? [{ code: 'CR-P2', unit: 'CR-W2', name: 'Dự án nhiều hộ', category: 'new', householdsAffected: bulk, startedOn: '2025-01-01', dueOn: '2027-12-31' }] : []),
    ],
    households: [
      ...HOUSEHOLDS.map((code, i) => ({ code, project: PROJECT, name: `Hộ thử ${i + 1}`, address: 'Thử tải', approvedAmount: APPROVED, approvedOn: '2026-01-10' })),
      ...Array.from({ length: bulk }, (_, i) => ({
        code: `CR-B${String(i + 1).padStart(6, '0')}`,
        project: 'CR-P2',
        name: `Hộ ông Nguyễn Văn Thử ${i + 1}`,
        address: `Số ${i + 1}, ngõ ${1 + (i % 97)}, phố Thử Tải, phường Thử 2`,
        parcel: `tờ ${1 + (i % 40)}, thửa ${i + 1}`,
        areaM2: 40 + (i % 200) + 0.25,
        approvedAmount: 500_000_000 + (i % 1000) * 1_000_000,
        approvedOn: '2025-06-10',
        paidAmount: 100_000_000 + (i % 300) * 1_000_000,
        paidOn: '2025-07-01',
      })),
    ],
  };
  const file = path.join(tmpdir(), `kheo-crash-bundle-${process.pid}.json`);
  writeFileSync(file, JSON.stringify(bundle));
  try {
    kheo(target, ['import', file]);
  } finally {
    rmSync(file, { force: true });
  }
  const password = `Thu-tai-${randomBytes(6).toString('hex')}`;
  kheo(target, ['user', 'add', '--username', 'ghi.tai', '--password', password, '--role', 'admin', '--unit', 'CR']);
  kheo(target, ['user', 'add', '--username', 'duyet.tai', '--password', password, '--role', 'council', '--unit', 'CR']);
  return { writer: kheo(target, ['token', 'create', '--user', 'ghi.tai']), checker: kheo(target, ['token', 'create', '--user', 'duyet.tai']) };
}

// ——— the load

export type Kind = 'unit' | 'model' | 'team' | 'payment' | 'confirm';
export const KINDS: Kind[] = ['unit', 'model', 'team', 'payment', 'confirm'];

export interface Ack {
  kind: Kind;
  key: string;
  /** when the 2xx arrived (ms, performance.now()) */
  at: number;
}

export interface LoadStats {
  /** requests sent to a listening server (a refused connection is not counted: nothing was sent) */
  attempted: number;
  acked: Ack[];
  /** sent, but the connection was cut before an answer (the server was killed) */
  unanswered: number;
  /** connections refused while the server was down (retried with a new key) */
  notSent: number;
  /** an answer other than 2xx: status → count, with a sample message */
  refused: Map<number, { n: number; sample: string }>;
  /** every answer: when it arrived (performance.now()), its status, and how long it took (ms) — the outage scripts read these */
  answers: { at: number; status: number; ms: number }[];
}

interface Reply {
  status: number;
  body: string;
}

export class Load {
  readonly stats: LoadStats = { attempted: 0, acked: [], unanswered: 0, notSent: 0, refused: new Map(), answers: [] };
  private stopping = false;
  private readonly workers: Promise<void>[] = [];
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  private readonly toConfirm: { household: string; id: number }[] = [];
  private n = 0;
  private readonly run = randomBytes(2).toString('hex').toUpperCase();

  constructor(
    private readonly port: number,
    private readonly tokens: { writer: string; checker: string },
    private readonly opts: { concurrency: number; maxWrites?: number | undefined },
  ) {}

  start(): void {
    for (let i = 0; i < this.opts.concurrency; i++) this.workers.push(this.worker());
  }

  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(this.workers);
    this.agent.destroy();
  }

  get done(): boolean {
    return this.opts.maxWrites !== undefined && this.stats.attempted >= this.opts.maxWrites;
  }

  private post(pathName: string, token: string, body: unknown): Promise<Reply> {
    const data = Buffer.from(JSON.stringify(body));
    return new Promise((resolve, reject) => {
      const req = http.request(
        { host: '127.0.0.1', port: this.port, path: pathName, method: 'POST', agent: this.agent, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': data.length } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
          res.on('error', reject);
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(data);
    });
  }

  private pick(): Kind {
    const r = Math.random();
    if (r < 0.1 && this.toConfirm.length) return 'confirm';
    if (r < 0.3) return 'unit';
    if (r < 0.55) return 'model';
    if (r < 0.7) return 'team';
    return 'payment';
  }

  private async worker(): Promise<void> {
    while (!this.stopping && !this.done) {
      const kind = this.pick();
      const i = this.n++;
      const key = `${this.run}-${i}`;
      let request: { path: string; token: string; body: unknown; key: string };
      let pending: { household: string; id: number } | undefined;
      const household = HOUSEHOLDS[i % HOUSEHOLDS.length]!;
      switch (kind) {
        case 'unit':
          request = { path: '/api/v1/units', token: this.tokens.writer, key: `CRU-${key}`, body: { code: `CRU-${key}`, name: `Tổ dân phố thử ${key}`, kind: 'residentialGroup', parent: WARDS[i % WARDS.length] } };
          break;
        case 'model':
          request = {
            path: '/api/v1/models',
            token: this.tokens.writer,
            key: `CRM-${key}`,
            body: { code: `CRM-${key}`, campaign: CAMPAIGN, unit: WARDS[i % WARDS.length], field: i % 2 ? 'GPMB' : 'VHXH', holder: 'collective', name: `Mô hình thử tải ${key}`, ...(i % 2 ? { registeredOn: '2026-03-01' } : {}) },
          };
          break;
        case 'team':
          request = { path: '/api/v1/teams', token: this.tokens.writer, key: `CRT-${key}`, body: { code: `CRT-${key}`, unit: WARDS[i % WARDS.length], kind: 'massMobilisation', name: `Tổ dân vận thử ${key}`, members: 1 + (i % 20), establishedOn: '2026-02-01' } };
          break;
        case 'payment':
          request = { path: `/api/v1/households/${household}/payments`, token: this.tokens.writer, key: `PT-${key}`, body: { amount: 1000 + (i % 997) * 1000, paidOn: '2026-02-01', method: 'transfer', receiptNo: `PT-${key}` } };
          break;
        case 'confirm':
          pending = this.toConfirm.splice(Math.floor(Math.random() * this.toConfirm.length), 1)[0]!;
          request = { path: `/api/v1/households/${pending.household}/payments/${pending.id}/confirm`, token: this.tokens.checker, key: String(pending.id), body: {} };
          break;
      }
      let reply: Reply;
      const sent = performance.now();
      try {
        reply = await this.post(request.path, request.token, request.body);
        this.stats.attempted++;
        const at = performance.now();
        this.stats.answers.push({ at, status: reply.status, ms: at - sent });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ECONNREFUSED') {
          this.stats.notSent++;
          if (pending) this.toConfirm.push(pending);
        } else {
          // sent, and the server died before answering: it may or may not have been written; not retried, not counted
          this.stats.attempted++;
          this.stats.unanswered++;
        }
        await sleep(20 + Math.random() * 30);
        continue;
      }
      if (reply.status >= 200 && reply.status < 300) {
        this.stats.acked.push({ kind, key: request.key, at: performance.now() });
        if (kind === 'payment') {
          const h = JSON.parse(reply.body) as { payments: { id: number; receiptNo: string | null }[] };
          const p = h.payments.find((x) => x.receiptNo === request.key);
          if (!p) throw new Error(`câu trả lời 201 không có khoản chi ${request.key}`);
          if (this.toConfirm.length < 5000) this.toConfirm.push({ household, id: p.id });
        }
      } else {
        const r = this.stats.refused.get(reply.status) ?? { n: 0, sample: `${request.path}: ${reply.body.slice(0, 300)}` };
        r.n++;
        this.stats.refused.set(reply.status, r);
        if (reply.status >= 500) await sleep(20);
      }
    }
  }
}

export function ackCounts(acks: readonly Ack[]): Record<Kind, number> {
  const out = { unit: 0, model: 0, team: 0, payment: 0, confirm: 0 } as Record<Kind, number>;
  for (const a of acks) out[a.kind]++;
  return out;
}

// ——— the checks

export interface CheckResult {
  /** acknowledged writes whose record is missing, or whose effect (a confirmation) is missing */
  lost: string[];
  /** acknowledged writes present without their audit row */
  unaudited: string[];
  /** records of these kinds that have no audit row, or audit rows whose record is missing (half-written) */
  halfWritten: string[];
  /** households whose kept totals differ from their payments; projects whose kept figures differ from the counted ones */
  inconsistent: string[];
  /** SQLite integrity_check / foreign_key_check, or 'ok' */
  integrity: string;
  /** rows of each kind in the database (written by this load) */
  counts: Record<Kind, number>;
  auditRows: number;
}

type AuditLite = { action: string; entity_id: string | null; after_json: string | null };

/** Checks the database against the acknowledged writes (all of them, or those acknowledged before a point). */
export async function check(target: Target, acks: readonly Ack[]): Promise<CheckResult> {
  const h = target.open();
  const db = h.db;
  try {
    const lost: string[] = [];
    const unaudited: string[] = [];
    const halfWritten: string[] = [];
    const inconsistent: string[] = [];

    const units = new Set((await db.selectFrom('units').select('code').where('code', 'like', 'CRU-%').execute()).map((r) => r.code));
    const models = new Set((await db.selectFrom('models').select('code').where('code', 'like', 'CRM-%').execute()).map((r) => r.code));
    const teams = new Set((await db.selectFrom('teams').select('code').where('code', 'like', 'CRT-%').execute()).map((r) => String(r.code)));
    const payments = await db
      .selectFrom('clearance_payments as p')
      .innerJoin('clearance_households as h', 'h.id', 'p.household_id')
      .select(['p.id', 'p.receipt_no', 'p.status', 'p.amount', 'h.code as household'])
      .where('p.receipt_no', 'like', 'PT-%')
      .execute();
    const byReceipt = new Map(payments.map((p) => [p.receipt_no!, p]));
    const byId = new Map(payments.map((p) => [String(p.id), p]));

    const audits: AuditLite[] = await db
      .selectFrom('audit_log')
      .select(['action', 'entity_id', 'after_json'])
      .where('outcome', '=', 'ok')
      .where('action', 'in', ['unit.create', 'model.register', 'team.create', 'clearancePayment.record', 'clearancePayment.confirm'])
      .execute();
    const audited = { unit: new Set<string>(), model: new Set<string>(), team: new Set<string>(), payment: new Set<string>(), confirm: new Set<string>() };
    for (const a of audits) {
      if (a.action === 'unit.create' && a.entity_id?.startsWith('CRU-')) audited.unit.add(a.entity_id);
      else if (a.action === 'model.register' && a.entity_id?.startsWith('CRM-')) audited.model.add(a.entity_id);
      else if (a.action === 'team.create' && a.entity_id?.startsWith('CRT-')) audited.team.add(a.entity_id);
      else if (a.action === 'clearancePayment.record') {
        const r = (JSON.parse(a.after_json ?? '{}') as { receiptNo?: string }).receiptNo;
        if (r?.startsWith('PT-')) audited.payment.add(r);
      } else if (a.action === 'clearancePayment.confirm') {
        audited.confirm.add(String((JSON.parse(a.after_json ?? '{}') as { payment?: number }).payment));
      }
    }
    const auditRows = Object.values(audited).reduce((n, x) => n + x.size, 0);

    const present: Record<Kind, (k: string) => boolean> = {
      unit: (k) => units.has(k),
      model: (k) => models.has(k),
      team: (k) => teams.has(k),
      payment: (k) => byReceipt.has(k),
      confirm: (k) => byId.get(k)?.status === 'confirmed',
    };
    for (const a of acks) {
      if (!present[a.kind](a.key)) lost.push(`${a.kind} ${a.key}`);
      else if (!audited[a.kind].has(a.key)) unaudited.push(`${a.kind} ${a.key}`);
    }
    // both ways: no record without its audit row, no audit row without its record
    const pairs: [Kind, Iterable<string>][] = [
      ['unit', units],
      ['model', models],
      ['team', teams],
      ['payment', byReceipt.keys()],
      ['confirm', payments.filter((p) => p.status === 'confirmed').map((p) => String(p.id))],
    ];
    for (const [kind, keys] of pairs) {
      const ks = new Set(keys);
      for (const k of ks) if (!audited[kind].has(k)) halfWritten.push(`${kind} ${k}: bản ghi không có dòng nhật ký`);
      for (const k of audited[kind]) if (!ks.has(k)) halfWritten.push(`${kind} ${k}: dòng nhật ký không có bản ghi`);
    }

    // every household's kept totals = its payments; every project's kept figures = counted
    const hh = await db.selectFrom('clearance_households').select(['id', 'code', 'paid_total']).execute();
    const sums = new Map<number, number>();
    for (const p of await db.selectFrom('clearance_payments').select(['household_id', 'amount']).where('status', '=', 'confirmed').execute()) {
      sums.set(p.household_id, (sums.get(p.household_id) ?? 0) + Number(p.amount));
    }
    for (const x of hh) if (Number(x.paid_total) !== (sums.get(x.id) ?? 0)) inconsistent.push(`hộ ${x.code}: đã chi ${Number(x.paid_total)} ≠ tổng các khoản ${sums.get(x.id) ?? 0}`);
    const kept = await currentFigures(db, {});
    const counted = await figuresByProject(db, '9999-12-31', {});
    const paid = await paidByProject(db, '9999-12-31', {});
    for (const k of kept) {
      const c = counted.find((x) => x.project_id === k.project_id);
      const p = paid.find((x) => x.project_id === k.project_id);
      const a = [k.households, k.approved, Number(k.approved_amount), k.paid, Number(k.paid_amount)];
      const b = [c?.households ?? 0, c?.approved ?? 0, c?.approved_amount ?? 0, c?.paid ?? 0, p?.amount ?? 0];
      if (JSON.stringify(a.map(Number)) !== JSON.stringify(b.map(Number))) inconsistent.push(`dự án ${k.project_id}: số liệu lưu sẵn ${JSON.stringify(a)} ≠ đếm lại ${JSON.stringify(b)}`);
    }

    let integrity = 'ok';
    if (h.sqlite) {
      const ic = h.sqlite.pragma('integrity_check', { simple: true });
      const fk = h.sqlite.pragma('foreign_key_check') as unknown[];
      integrity = ic !== 'ok' ? `integrity_check: ${String(ic)}` : fk.length ? `foreign_key_check: ${fk.length} dòng` : 'ok';
    }
    const counts = { unit: units.size, model: models.size, team: teams.size, payment: payments.length, confirm: payments.filter((p) => p.status === 'confirmed').length };
    return { lost, unaudited, halfWritten, inconsistent, integrity, counts, auditRows };
  } finally {
    await h.close();
  }
}

export function failures(r: CheckResult): string[] {
  const out: string[] = [];
  const show = (label: string, xs: string[]) => {
    if (xs.length) out.push(`${label}: ${xs.length} (${xs.slice(0, 5).join('; ')}${xs.length > 5 ? '; …' : ''})`);
  };
  show('mất (đã trả lời 2xx mà không có)', r.lost);
  show('thiếu dòng nhật ký', r.unaudited);
  show('ghi dở', r.halfWritten);
  show('số liệu lệch', r.inconsistent);
  if (r.integrity !== 'ok') out.push(`toàn vẹn: ${r.integrity}`);
  return out;
}

// ——— a digest of a whole database: rows per table and a checksum of their content

export interface Digest {
  tables: Record<string, number>;
  sha256: string;
}

/** Every table's rows (virtual tables are skipped: their shadow tables are counted), sorted, hashed. */
export async function digest(target: Target): Promise<Digest> {
  const h = target.open();
  try {
    const names =
      h.dialect === 'sqlite'
        ? (h.sqlite!.prepare("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and sql not like 'CREATE VIRTUAL%' order by name").all() as { name: string }[]).map((r) => r.name)
        : (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(h.db)).rows.map((r) => r.name);
    const all = createHash('sha256');
    const tables: Record<string, number> = {};
    for (const name of names) {
      const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(name)}`.execute(h.db)).rows;
      const lines = rows.map((r) => JSON.stringify(Object.values(r), (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : Buffer.isBuffer(v) ? v.toString('base64') : v))).sort();
      tables[name] = rows.length;
      all.update(`${name}\n${lines.join('\n')}\n`);
    }
    return { tables, sha256: all.digest('hex') };
  } finally {
    await h.close();
  }
}

/** Runs a command without blocking the event loop (the load keeps going); resolves with its time in ms. */
export function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ ms: number; out: string }> {
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env, KHEO_LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve({ ms: performance.now() - t0, out }) : reject(new Error(`${cmd} ${args.join(' ')} → ${code}\n${out}`))));
  });
}

/**
 * Adds about `megabytes` of old audit rows (the table that grows largest in a real installation),
 * straight through SQL before the server starts: size for the backup to copy, cheaply.
 */
export async function fillAudit(target: Target, megabytes: number): Promise<number> {
  const rows = Math.round((megabytes * 1024 * 1024) / 400);
  if (rows <= 0) return 0;
  const after = JSON.stringify({ note: 'Bản ghi nhật ký cũ để cơ sở dữ liệu có kích thước thật: '.padEnd(240, 'x') });
  const h = target.open();
  try {
    if (h.sqlite) {
      const ins = h.sqlite.prepare("insert into audit_log (at, actor_id, actor_name, action, entity_type, entity_id, outcome, before_json, after_json, ip) values (?, null, 'lịch sử', 'history.seed', 'history', ?, 'ok', null, ?, '127.0.0.1')");
      h.sqlite.transaction(() => {
        for (let i = 0; i < rows; i++) ins.run(new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString(), `H-${i}`, after);
      })();
    } else {
      await sql`insert into audit_log (at, actor_id, actor_name, action, entity_type, entity_id, outcome, before_json, after_json, ip)
        select to_char(timestamp '2024-01-01' + g * interval '1 minute', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), null, 'lịch sử', 'history.seed', 'history', 'H-' || g, 'ok', null, ${after}, '127.0.0.1'
        from generate_series(0, ${rows - 1}) as g`.execute(h.db);
      await sql`vacuum analyze audit_log`.execute(h.db);
    }
  } finally {
    await h.close();
  }
  return rows;
}
