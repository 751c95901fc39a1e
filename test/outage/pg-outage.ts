/**
 * The database going away (issue #20), PostgreSQL: a throwaway cluster (initdb in a temporary
 * directory, its own port and socket directory) with Khéo (`node dist/cli.js serve`) in front of
 * it under a write load through the JSON API. The cluster goes away for some seconds, in turn:
 * stopped abruptly (`pg_ctl stop -m immediate`), its postmaster killed (SIGKILL), or frozen
 * (SIGSTOP to every process of it: connections stay open and nothing answers — a hung machine or
 * a cut network); then it is started again (or SIGCONT). While it is away: every write and page
 * answers 503 within the bound (the longer of the pool's connect timeout and the bound on a
 * statement's answer, + 1 s) — JSON `database_unavailable` under /api/, a Vietnamese HTML page elsewhere,
 * with Retry-After; /readyz answers 503; /healthz answers 200 and says the database is
 * unreachable; the process stays up. Once the cluster is back Khéo serves again without a
 * restart, and at the end every acknowledged write is there with its audit row.
 *
 *   npm run test:outage -- --pg [--rounds 3] [--down 8] [--concurrency 16] [--port N] [--keep]
 *
 * Needs `npm run build`, root (initdb and pg_ctl run as the postgres user) and PostgreSQL 15's
 * binaries with contrib (unaccent, pg_trgm). The cluster is removed at the end, whatever happens.
 */
import { spawnSync } from 'node:child_process';
import { chownSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../../src/db/dialect.js';
import type { Database } from '../../src/db/database.js';
import { ackCounts, check, f0, f1, failures, freePort, Load, requireBuild, Server, setup, sleep, type Target } from '../crash/harness.js';
import { expectHtmlError, expectJsonError, get, pct, Problems, type Answer } from './probe.js';

const { values } = parseArgs({
  options: {
    pg: { type: 'boolean' },
    rounds: { type: 'string' },
    down: { type: 'string' },
    concurrency: { type: 'string' },
    port: { type: 'string' },
    keep: { type: 'boolean' },
  },
});
const rounds = Number(values.rounds ?? 3);
const downMs = Number(values.down ?? 8) * 1000;
const concurrency = Number(values.concurrency ?? 16);
/** Khéo's connect timeout for this run (KHEO_DB_CONNECT_TIMEOUT_SECONDS, the default) */
const CONNECT_TIMEOUT_MS = 5000;
/** Khéo's bound on a statement's answer (KHEO_DB_QUERY_TIMEOUT_SECONDS, 30 by default: shorter here, for a short freeze) */
const QUERY_TIMEOUT_MS = 5000;
/** no answer during the outage may take longer than this */
const BOUND_MS = Math.max(CONNECT_TIMEOUT_MS, QUERY_TIMEOUT_MS) + 1000;

if (process.getuid?.() !== 0) {
  console.error('Cần chạy với quyền root (initdb và pg_ctl chạy dưới người dùng postgres).');
  process.exit(1);
}
requireBuild();

const BIN = '/usr/lib/postgresql/15/bin';
const asPostgres = (args: string[], opts: { allowFail?: boolean } = {}) => {
  const r = spawnSync('runuser', ['-u', 'postgres', '--', ...args], { encoding: 'utf8' });
  if (r.status !== 0 && !opts.allowFail) throw new Error(`${args.join(' ')} → ${r.status}\n${r.stdout}${r.stderr}`);
  return r;
};

// ——— the throwaway cluster

const dir = mkdtempSync(path.join(tmpdir(), 'kheo-outage-pg-'));
chownSync(dir, ...ids('postgres'));
const data = path.join(dir, 'data');
const port = Number(values.port ?? (await freePort()));
const logFile = path.join(dir, 'postgres.log');

function ids(user: string): [number, number] {
  const r = spawnSync('id', ['-u', user], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', user], { encoding: 'utf8' });
  return [Number(r.stdout.trim()), Number(g.stdout.trim())];
}

function pgCtl(action: 'start' | 'stop', mode?: 'immediate' | 'fast'): void {
  if (action === 'start') asPostgres([`${BIN}/pg_ctl`, '-D', data, '-l', logFile, '-w', '-t', '60', '-o', `-p ${port} -c listen_addresses=127.0.0.1 -k ${dir}`, 'start']);
  else asPostgres([`${BIN}/pg_ctl`, '-D', data, '-m', mode ?? 'fast', '-w', 'stop'], { allowFail: true });
}

function postmasterPid(): number {
  const r = spawnSync('head', ['-1', path.join(data, 'postmaster.pid')], { encoding: 'utf8' });
  return Number(r.stdout.trim());
}

const childrenOf = (pid: number) =>
  spawnSync('ps', ['-o', 'pid=', '--ppid', String(pid)], { encoding: 'utf8' })
    .stdout.split('\n')
    .map((x) => Number(x.trim()))
    .filter((x) => x > 0);

/** SIGKILL to the postmaster; then waits until its backends have noticed and gone (they hold its shared memory). */
async function killPostmaster(): Promise<void> {
  const pid = postmasterPid();
  const children = childrenOf(pid);
  process.kill(pid, 'SIGKILL');
  const alive = (p: number) => {
    try {
      process.kill(p, 0);
      return true;
    } catch {
      return false;
    }
  };
  for (const until = Date.now() + 30_000; Date.now() < until && [pid, ...children].some(alive); ) await sleep(50);
}

/** SIGSTOP to the postmaster and every backend: the server neither answers nor closes a connection (a hung machine, a cut network). */
let frozen: number[] = [];
function freeze(): void {
  const pid = postmasterPid();
  process.kill(pid, 'SIGSTOP');
  frozen = [pid, ...childrenOf(pid)];
  for (const p of frozen.slice(1)) process.kill(p, 'SIGSTOP');
}
function thaw(): void {
  for (const p of frozen.reverse()) {
    try {
      process.kill(p, 'SIGCONT');
    } catch {
      /* gone */
    }
  }
  frozen = [];
}

let clusterUp = false;
function cleanup(): void {
  thaw();
  if (clusterUp) pgCtl('stop', 'immediate');
  clusterUp = false;
  if (values.keep) console.log(`giữ lại: ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
process.once('SIGINT', () => {
  cleanup();
  process.exit(130);
});

const url = `postgres://kheo:kheo@127.0.0.1:${port}/kheo_outage`;
const target: Target = {
  dialect: 'postgres',
  env: { DATABASE_URL: url, KHEO_DB_CONNECT_TIMEOUT_SECONDS: String(CONNECT_TIMEOUT_MS / 1000), KHEO_DB_QUERY_TIMEOUT_SECONDS: String(QUERY_TIMEOUT_MS / 1000) },
  where: url,
  open: () => openDatabase<Database>({ databaseUrl: url, pgPoolSize: 4 }),
  async size() {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      return Number((await c.query<{ n: string }>('select pg_database_size(current_database()) as n')).rows[0]!.n);
    } finally {
      await c.end();
    }
  },
  drop: async () => undefined,
};

interface Round {
  mode: 'immediate' | 'kill -9' | 'freeze';
  downMs: number;
  /** answers to the load's writes while the database was down */
  writes: { n: number; s503: number; other: Map<number, number>; maxMs: number; p95: number };
  /** the probes (pages, API reads, /healthz, /readyz) while it was down */
  probes: { n: number; maxMs: number };
  /** from the database's start to the first write acknowledged, and to /readyz answering 200 */
  firstWriteMs: number;
  readyMs: number;
  startMs: number;
}

let failed = false;
const t0 = performance.now();
try {
  asPostgres([`${BIN}/initdb`, '-D', data, '-U', 'postgres', '--auth=trust', '--locale=C.UTF-8', '-E', 'UTF8'], {});
  pgCtl('start');
  clusterUp = true;
  const psql = (db: string, statement: string) => asPostgres([`${BIN}/psql`, '-h', dir, '-p', String(port), '-d', db, '-q', '-v', 'ON_ERROR_STOP=1', '-c', statement]);
  psql('postgres', "create role kheo login password 'kheo'");
  psql('postgres', 'create database kheo_outage owner kheo');
  psql('kheo_outage', 'create extension unaccent');
  psql('kheo_outage', 'create extension pg_trgm');

  const tokens = setup(target);
  const appPort = await freePort();
  const server = new Server(target, appPort);
  await server.start();
  const load = new Load(appPort, tokens, { concurrency });
  load.start();
  const problems = new Problems();
  const results: Round[] = [];
  const auth = { authorization: `Bearer ${tokens.writer}` };
  await sleep(3000);

  for (let k = 1; k <= rounds; k++) {
    const mode = (['immediate', 'kill -9', 'freeze'] as const)[(k - 1) % 3]!;
    const ackedBefore = load.stats.acked.length;
    if (ackedBefore === 0) problems.add('không có ghi nào được xác nhận trước khi dừng CSDL');
    const tDown = performance.now();
    if (mode === 'immediate') pgCtl('stop', 'immediate');
    else if (mode === 'kill -9') await killPostmaster();
    else freeze();
    // probe while it is down: an HTML page that reads the database, an API read, the two health answers
    const probeMs: number[] = [];
    const probe = async (what: string, p: Promise<Answer>, check: (a: Answer) => void) => {
      try {
        const a = await p;
        probeMs.push(a.ms);
        if (a.ms > BOUND_MS) problems.add(`${what}: trả lời sau ${f0(a.ms)} ms (giới hạn ${f0(BOUND_MS)} ms)`);
        check(a);
      } catch (err) {
        problems.add(`${what}: ${(err as Error).message}`);
      }
    };
    await sleep(300); // the sockets of the killed server are closed by now (or, frozen, its clients are waiting)
    let n = 0;
    for (const until = performance.now() + downMs - 300; performance.now() < until; n++) {
      await Promise.all([
        probe('trang /tim-kiem', get(appPort, `/tim-kiem?q=mo+hinh+${k}x${n}`), (a) => expectHtmlError(problems, 'trang /tim-kiem', a, 503, 'Hệ thống tạm thời không phục vụ', /không kết nối được cơ sở dữ liệu/)),
        probe('trang /quan-tri (đã đăng nhập)', get(appPort, '/quan-tri', auth), (a) => expectHtmlError(problems, 'trang /quan-tri', a, 503, 'Hệ thống tạm thời không phục vụ', /không kết nối được cơ sở dữ liệu/)),
        probe('GET /api/v1/units', get(appPort, '/api/v1/units', auth), (a) => expectJsonError(problems, 'GET /api/v1/units', a, 503, 'database_unavailable', /không kết nối được cơ sở dữ liệu/)),
        probe('/readyz', get(appPort, '/readyz'), (a) => expectJsonError(problems, '/readyz', a, 503, 'database_unavailable', /không kết nối được cơ sở dữ liệu/)),
        probe('/healthz', get(appPort, '/healthz'), (a) => {
          if (a.status !== 200) problems.add(`/healthz: ${a.status} thay vì 200 khi CSDL tắt`);
          else if ((JSON.parse(a.body) as { databaseState?: string }).databaseState === 'ok') problems.add('/healthz: nói CSDL "ok" khi nó đang tắt');
        }),
      ]);
      if (server.proc?.exitCode !== null) throw new Error(`Khéo đã dừng khi CSDL tắt:\n${server.log}`);
      await sleep(200);
    }
    const tStart = performance.now();
    // the writes answered while it was down (sent after it went down, answered before it came back)
    // (a freeze: the answers to writes sent before it, held by the frozen server, count as well)
    const during = load.stats.answers.filter((a) => (mode === 'freeze' ? a.at > tDown + 300 : a.at - a.ms >= tDown + 300) && a.at <= tStart);
    if (mode === 'freeze') thaw();
    else pgCtl('start');
    const tUp = performance.now();
    const other = new Map<number, number>();
    for (const a of during) if (a.status !== 503) other.set(a.status, (other.get(a.status) ?? 0) + 1);
    const ms = during.map((a) => a.ms);
    // recovery: the first write acknowledged after the start, and /readyz answering 200
    let readyMs = NaN;
    let firstWriteMs = NaN;
    for (const until = Date.now() + 60_000; Date.now() < until && (Number.isNaN(readyMs) || Number.isNaN(firstWriteMs)); ) {
      if (Number.isNaN(readyMs) && (await get(appPort, '/readyz').catch(() => null))?.status === 200) readyMs = performance.now() - tUp;
      const first = load.stats.acked.find((a) => a.at > tUp);
      if (first && Number.isNaN(firstWriteMs)) firstWriteMs = first.at - tUp;
      await sleep(20);
    }
    if (Number.isNaN(readyMs)) problems.add(`vòng ${k}: /readyz không trở lại 200 sau 60 s`);
    if (Number.isNaN(firstWriteMs)) problems.add(`vòng ${k}: không ghi được sau khi CSDL chạy lại (60 s)`);
    const health = await get(appPort, '/healthz');
    if (health.status !== 200 || (JSON.parse(health.body) as { databaseState?: string }).databaseState !== 'ok') problems.add(`vòng ${k}: /healthz sau khi CSDL chạy lại: ${health.status} ${health.body}`);
    results.push({
      mode,
      downMs: tStart - tDown,
      writes: { n: during.length, s503: during.length - [...other.values()].reduce((a, b) => a + b, 0), other, maxMs: Math.max(0, ...ms), p95: pct(ms, 0.95) },
      probes: { n: probeMs.length, maxMs: Math.max(0, ...probeMs) },
      firstWriteMs,
      readyMs,
      startMs: tUp - tStart,
    });
    const r = results.at(-1)!;
    if (r.writes.n === 0) problems.add(`vòng ${k}: không có yêu cầu ghi nào được trả lời khi CSDL tắt`);
    if (r.writes.other.size) problems.add(`vòng ${k}: khi CSDL tắt, ghi được trả lời ${[...r.writes.other].map(([s, c]) => `${s}×${c}`).join(', ')} (ngoài 503)`);
    if (r.writes.maxMs > BOUND_MS) problems.add(`vòng ${k}: một yêu cầu ghi trả lời sau ${f0(r.writes.maxMs)} ms (giới hạn ${f0(BOUND_MS)} ms)`);
    process.stdout.write(`\rPostgreSQL: ${k}/${rounds} lần dừng CSDL, ${f0(load.stats.acked.length)} ghi đã xác nhận`);
    await sleep(5000);
  }
  await load.stop();
  if (server.proc?.exitCode !== null) problems.add('Khéo đã dừng trong lúc thử');
  await server.kill('SIGTERM');
  process.stdout.write('\n');

  const r = await check(target, load.stats.acked);
  const acked = ackCounts(load.stats.acked);
  const s5xx = [...load.stats.refused.entries()].filter(([s]) => s >= 500 && s !== 503);
  console.log(`CSDL ngừng (PostgreSQL 15, cụm tạm trên cổng ${port}; Khéo: node dist/cli.js serve, ${concurrency} kết nối ghi đồng thời, KHEO_DB_CONNECT_TIMEOUT_SECONDS=${CONNECT_TIMEOUT_MS / 1000}, KHEO_DB_QUERY_TIMEOUT_SECONDS=${QUERY_TIMEOUT_MS / 1000})`);
  for (const [i, x] of results.entries()) {
    const how = { immediate: 'pg_ctl stop -m immediate', 'kill -9': 'kill -9 tiến trình postmaster', freeze: 'SIGSTOP cả cụm: không trả lời, không đóng kết nối' }[x.mode];
    console.log(`  vòng ${i + 1} (${how}): CSDL ${x.mode === 'freeze' ? 'treo' : 'tắt'} ${f1(x.downMs / 1000)} s`);
    console.log(`    ghi khi CSDL ngừng: ${f0(x.writes.n)} yêu cầu, ${f0(x.writes.s503)} × 503; chậm nhất ${f0(x.writes.maxMs)} ms, p95 ${f0(x.writes.p95)} ms`);
    console.log(`    trang, API, /healthz, /readyz khi ngừng: ${f0(x.probes.n)} yêu cầu, chậm nhất ${f0(x.probes.maxMs)} ms`);
    console.log(`    CSDL ${x.mode === 'freeze' ? 'chạy tiếp (SIGCONT)' : 'khởi động lại'}: ${f0(x.startMs)} ms; sau đó ghi đầu tiên được xác nhận sau ${f0(x.firstWriteMs)} ms, /readyz 200 sau ${f0(x.readyMs)} ms (Khéo không khởi động lại)`);
  }
  console.log(`  ghi đã gửi:         ${f0(load.stats.attempted)}; đã xác nhận ${f0(load.stats.acked.length)} (đơn vị ${f0(acked.unit)}, mô hình ${f0(acked.model)}, tổ ${f0(acked.team)}, khoản chi ${f0(acked.payment)}, xác nhận chi ${f0(acked.confirm)})`);
  console.log(`  503 tổng cộng:      ${f0(load.stats.refused.get(503)?.n ?? 0)}; không trả lời: ${f0(load.stats.unanswered)}; lỗi 5xx khác: ${s5xx.length ? s5xx.map(([s, x]) => `${s}×${x.n} (${x.sample})`).join('; ') : '0'}`);
  console.log(`  trong CSDL:         đơn vị ${f0(r.counts.unit)}, mô hình ${f0(r.counts.model)}, tổ ${f0(r.counts.team)}, khoản chi ${f0(r.counts.payment)} (đã xác nhận ${f0(r.counts.confirm)})`);
  console.log(`  MẤT:                ${r.lost.length}; thiếu nhật ký / ghi dở / số liệu lệch: ${r.unaudited.length} / ${r.halfWritten.length} / ${r.inconsistent.length}`);
  console.log(`  tổng thời gian ${f1((performance.now() - t0) / 1000)} s`);
  const bad = [...failures(r), ...problems.list];
  if (load.stats.unanswered) bad.push(`${load.stats.unanswered} yêu cầu không được trả lời (treo hoặc bị cắt)`);
  if (s5xx.length) bad.push(`lỗi 5xx ngoài 503: ${s5xx.map(([s, x]) => `${s}×${x.n} (${x.sample})`).join('; ')}`);
  if (load.stats.acked.length < 300) bad.push(`quá ít ghi được xác nhận (${load.stats.acked.length}) để kết luận`);
  if (bad.length) {
    failed = true;
    console.error(`THẤT BẠI:\n  ${bad.join('\n  ')}`);
    if (server.log) console.error(`nhật ký máy chủ (cuối):\n${server.log.slice(-2000)}`);
  }
} catch (err) {
  failed = true;
  console.error(err);
} finally {
  cleanup();
}
process.exit(failed ? 1 : 0);
