/**
 * The portal bar (DESIGN §6): an article page, its view counted, served by Khéo at ≥ 50 % of the
 * requests per second nginx gets serving the same page as a static file, p99 < 25 ms at 50
 * connections, and no view lost.
 *
 * Starts `node dist/cli.js serve` (the compiled code) on a fresh data directory with the demo,
 * saves the seed article page's bytes, serves the same bytes with a minimal `node:http` server
 * and with nginx (temporary directory, generated config, 127.0.0.1 only, one process like Khéo),
 * and runs `wrk -t2 -c50 -d10s --latency` on each after a short warm-up. Then the exact-views
 * check: a further wrk run whose Lua script counts the article pages it asked for and got —
 * switching to /healthz two seconds before the end, so that no article request is still in
 * flight when wrk stops — must add exactly that many views, read from the database after
 * SIGTERM (which flushes the batched views).
 *
 *   npm run bench -- portal [--pg] [--duration 10] [--connections 50]
 *
 * `--pg` runs Khéo on PostgreSQL: a fresh database created and dropped on the server of
 * KHEO_BENCH_PG_URL (default postgres://kheo:kheo@127.0.0.1:5432/), as that role when it may
 * create databases, else through the local `postgres` superuser when run as root.
 * Installs nothing: wrk and nginx must exist (`apt-get install -y nginx-light wrk`).
 */
import Sqlite from 'better-sqlite3';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { freePort } from '../test/support/net.js';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';

export interface PortalBenchOptions {
  pg?: boolean | undefined;
  /** seconds of each measured wrk run (10) */
  duration?: number | undefined;
  connections?: number | undefined;
}

const ARTICLE_SLUG = 'ket-qua-9-thang-thuc-hien-chu-de-nam-dan-van-kheo-trong-tam-cong-tac-gpmb-cua-quan';
const ARTICLE_PATH = `/bai-viet/${ARTICLE_SLUG}`;
const ADMIN_PASSWORD = 'mật khẩu đo hiệu năng cổng';

// ——— tools

function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd} || { test -x /usr/sbin/${cmd} && echo /usr/sbin/${cmd}; }`], { encoding: 'utf8' });
  const out = r.stdout.trim().split('\n')[0];
  return r.status === 0 && out ? out : null;
}


async function waitFor(url: string, child: ChildProcess, what: string, timeoutMs = 120_000): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${what} đã dừng (mã ${child.exitCode}) trước khi sẵn sàng`);
    try {
      const r = await fetch(url);
      await r.arrayBuffer();
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() - t0 > timeoutMs) throw new Error(`${what} không trả lời ${url} sau ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

// ——— wrk

export interface WrkResult {
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: string | null;
  /** what the Lua script printed in done() */
  script: Record<string, number>;
}

const UNIT_MS: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

/** Parses wrk's report (with --latency): requests, req/s, p50/p99 in ms, errors. */
export function parseWrk(out: string): WrkResult {
  const ms = (label: string): number => {
    const m = new RegExp(`^\\s*${label}\\s+([\\d.]+)(us|ms|s|m)\\s*$`, 'm').exec(out);
    return m ? Number(m[1]) * UNIT_MS[m[2]!]! : NaN;
  };
  const requests = Number(/(\d+) requests in /.exec(out)?.[1] ?? NaN);
  const rps = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? NaN);
  const errs = [/Socket errors:[^\n]*/.exec(out)?.[0], /Non-2xx or 3xx responses:[^\n]*/.exec(out)?.[0]].filter(Boolean).join('; ');
  const script: Record<string, number> = {};
  for (const m of out.matchAll(/^kheo-(\w+)=(\d+)$/gm)) script[m[1]!] = Number(m[2]);
  return { requests, rps, p50: ms('50%'), p99: ms('99%'), errors: errs || null, script };
}

function wrk(url: string, seconds: number, connections: number, script?: string): Promise<WrkResult> {
  const args = ['-t2', `-c${connections}`, `-d${seconds}s`, '--latency', ...(script ? ['-s', script] : []), url];
  return new Promise((resolve, reject) => {
    const p = spawn('wrk', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.stderr.on('data', (d: Buffer) => (out += d.toString()));
    p.once('error', reject);
    p.once('exit', (code) => {
      const r = parseWrk(out);
      if (code !== 0 || !Number.isFinite(r.rps)) reject(new Error(`wrk ${args.join(' ')} thất bại (mã ${code}):\n${out}`));
      else resolve(r);
    });
  });
}

/**
 * wrk script for the exact-views run: each thread asks for the article until two seconds before
 * the end, then for /healthz (no view), and counts the article pages asked for and received
 * (200 with text/html); done() prints the sums.
 */
const COUNTING_SCRIPT = (articlePath: string, seconds: number) => `
local threads = {}
function setup(thread) table.insert(threads, thread) end
local article, health, switch_at
asked, got, other = 0, 0, 0 -- globals: done() reads them with thread:get()
function init(args)
  article = wrk.format("GET", "${articlePath}")
  health = wrk.format("GET", "/healthz")
  switch_at = os.time() + ${Math.max(1, seconds - 2)}
end
function request()
  if os.time() < switch_at then asked = asked + 1; return article end
  return health
end
function response(status, headers, body)
  local t = headers["Content-Type"] or headers["content-type"] or ""
  if status == 200 and string.find(t, "text/html", 1, true) then got = got + 1 else other = other + 1 end
end
function done(summary, latency, requests)
  local a, g, o = 0, 0, 0
  for _, t in ipairs(threads) do a = a + t:get("asked"); g = g + t:get("got"); o = o + t:get("other") end
  io.write("kheo-asked=" .. a .. "\\n")
  io.write("kheo-got=" .. g .. "\\n")
  io.write("kheo-other=" .. o .. "\\n")
  io.write("kheo-complete=" .. summary.requests .. "\\n")
  local e = summary.errors
  io.write("kheo-errors=" .. (e.connect + e.read + e.write + e.status + e.timeout) .. "\\n")
end
`;

// ——— the three servers

async function startKheo(dataDir: string, port: number, databaseUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['dist/cli.js', 'serve', '--port', String(port), '--host', '127.0.0.1'], {
    env: { ...process.env, KHEO_DATA_DIR: dataDir, KHEO_DEMO: '1', KHEO_ADMIN_PASSWORD: ADMIN_PASSWORD, KHEO_LOG_LEVEL: 'warn', DATABASE_URL: databaseUrl, NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitFor(`http://127.0.0.1:${port}/healthz`, child, 'Khéo');
  return child;
}

const NODE_STATIC = `
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
const body = readFileSync(process.argv[1]);
const headers = { 'Content-Type': 'text/html; charset=UTF-8', 'Content-Length': String(body.length) };
createServer((req, res) => { res.writeHead(200, headers); res.end(body); }).listen(Number(process.argv[2]), '127.0.0.1');
`;

async function startNodeStatic(file: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', NODE_STATIC, file, String(port)], { stdio: ['ignore', 'ignore', 'inherit'] });
  await waitFor(`http://127.0.0.1:${port}/`, child, 'node:http');
  return child;
}

/** nginx in the foreground, one process (master_process off: no user switch, like Khéo's one process). */
async function startNginx(nginx: string, dir: string, port: number): Promise<ChildProcess> {
  for (const d of ['tmp', 'logs']) mkdirSync(path.join(dir, d), { recursive: true });
  const conf = path.join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `daemon off;
master_process off;
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  keepalive_timeout 65;
  client_body_temp_path ${dir}/tmp/body;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  types { text/html html; }
  charset utf-8;
  server {
    listen 127.0.0.1:${port};
    root ${dir}/www;
    location / { try_files /article.html =404; }
  }
}
`,
  );
  const child = spawn(nginx, ['-p', dir, '-e', `${dir}/logs/error.log`, '-c', conf], { stdio: ['ignore', 'ignore', 'inherit'] });
  await waitFor(`http://127.0.0.1:${port}/`, child, 'nginx');
  return child;
}

// ——— the database (views are read there, after the server flushed them)

interface ViewsReader {
  views(): Promise<number>;
  close(): Promise<void>;
}

function sqliteViews(file: string): ViewsReader {
  return {
    async views() {
      const db = new Sqlite(file, { readonly: true, fileMustExist: true });
      try {
        const row = db.prepare('select views from articles where slug = ?').get(ARTICLE_SLUG) as { views: number } | undefined;
        if (!row) throw new Error('không thấy bài viết trong cơ sở dữ liệu');
        return Number(row.views);
      } finally {
        db.close();
      }
    },
    async close() {},
  };
}

function pgViews(url: string): ViewsReader {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  return {
    async views() {
      const r = await pool.query<{ views: string }>('select views from articles where slug = $1', [ARTICLE_SLUG]);
      if (!r.rows[0]) throw new Error('không thấy bài viết trong cơ sở dữ liệu');
      return Number(r.rows[0].views);
    },
    close: () => pool.end(),
  };
}

/** A fresh PostgreSQL database, and how to drop it. */
async function createPgDatabase(serverUrl: string): Promise<{ url: string; name: string; how: string; drop(): Promise<void> }> {
  const name = `kheo_bench_${randomBytes(4).toString('hex')}`;
  const base = new URL(serverUrl);
  const adminUrl = new URL(base);
  adminUrl.pathname = '/postgres';
  const client = new pg.Client({ connectionString: adminUrl.toString() });
  await client.connect();
  const owner = decodeURIComponent(base.username) || 'kheo';
  let viaSuperuser = false;
  try {
    await client.query(`create database ${name}`);
  } catch (err) {
    if ((err as { code?: string }).code !== '42501' || process.getuid?.() !== 0) {
      await client.end();
      throw new Error(`không tạo được cơ sở dữ liệu ${name} (${(err as Error).message}); cho vai trò quyền CREATEDB hoặc chạy với quyền root`);
    }
    // the role may not create databases: the local superuser creates it for the role
    const r = spawnSync('runuser', ['-u', 'postgres', '--', 'psql', '-q', '-v', 'ON_ERROR_STOP=1', '-c', `create database ${name} owner "${owner.replace(/"/g, '')}"`], { encoding: 'utf8' });
    if (r.status !== 0) {
      await client.end();
      throw new Error(`không tạo được cơ sở dữ liệu ${name}: ${r.stderr}`);
    }
    viaSuperuser = true;
  }
  await client.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    how: viaSuperuser ? `created for ${owner} by the local postgres superuser (${owner} may not create databases)` : `created by ${owner}`,
    async drop() {
      if (viaSuperuser) {
        spawnSync('runuser', ['-u', 'postgres', '--', 'psql', '-q', '-c', `drop database if exists ${name} with (force)`], { encoding: 'utf8' });
        return;
      }
      const c = new pg.Client({ connectionString: adminUrl.toString() });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

// ——— the benchmark

const f0 = (n: number) => Math.round(n).toLocaleString('vi-VN');
const f1 = (n: number) => n.toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const pct = (n: number) => `${Math.round(n * 100)} %`;

export async function benchPortal(opts: PortalBenchOptions = {}): Promise<void> {
  const seconds = opts.duration ?? 10;
  const connections = opts.connections ?? 50;
  const wrkPath = which('wrk');
  const nginx = which('nginx');
  if (!wrkPath || !nginx) {
    console.error(`portal: cần ${[wrkPath ? '' : 'wrk', nginx ? '' : 'nginx'].filter(Boolean).join(' và ')} — cài bằng: apt-get install -y nginx-light wrk`);
    process.exitCode = 1;
    return;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'kheo-bench-portal-'));
  const children: ChildProcess[] = [];
  let database: Awaited<ReturnType<typeof createPgDatabase>> | undefined;
  let reader: ViewsReader | undefined;
  try {
    if (opts.pg) database = await createPgDatabase(process.env.KHEO_BENCH_PG_URL ?? 'postgres://kheo:kheo@127.0.0.1:5432/');
    const [kPort, nPort, xPort] = [await freePort(), await freePort(), await freePort()];
    const dataDir = path.join(dir, 'data');
    mkdirSync(dataDir);
    const t0 = performance.now();
    const kheo = await startKheo(dataDir, kPort, database?.url ?? '');
    children.push(kheo);
    const started = performance.now() - t0;
    const kUrl = `http://127.0.0.1:${kPort}${ARTICLE_PATH}`;
    const first = await fetch(kUrl);
    if (first.status !== 200) throw new Error(`${ARTICLE_PATH} trả về ${first.status}: dữ liệu mẫu chưa có bài viết gốc`);
    const page = Buffer.from(await first.arrayBuffer());
    mkdirSync(path.join(dir, 'www'));
    const file = path.join(dir, 'www', 'article.html');
    writeFileSync(file, page);
    reader = database ? pgViews(database.url) : sqliteViews(path.join(dataDir, 'kheo.sqlite'));

    children.push(await startNodeStatic(file, nPort));
    children.push(await startNginx(nginx, dir, xPort));
    const targets = [
      { name: 'Khéo', url: kUrl },
      { name: 'node:http', url: `http://127.0.0.1:${nPort}/` },
      { name: 'nginx', url: `http://127.0.0.1:${xPort}/` },
    ];
    const results: Record<string, WrkResult> = {};
    for (const t of targets) {
      await wrk(t.url, 3, connections); // warm-up (JIT, caches), not counted
      results[t.name] = await wrk(t.url, seconds, connections);
    }
    for (const c of children.splice(1)) await stop(c);

    // exact views: counted run, then SIGTERM (flushes), then the database
    await new Promise((r) => setTimeout(r, 1500)); // the earlier runs' last views are written
    const before = await reader.views();
    const script = path.join(dir, 'count.lua');
    writeFileSync(script, COUNTING_SCRIPT(ARTICLE_PATH, Math.max(4, Math.min(seconds, 8))));
    const counted = await wrk(kUrl, Math.max(4, Math.min(seconds, 8)), connections, script);
    await stop(kheo);
    children.length = 0;
    const after = await reader.views();

    const k = results['Khéo']!;
    const n = results['node:http']!;
    const x = results['nginx']!;
    const db = database ? `PostgreSQL (database ${database.name}, ${database.how}; dropped at the end)` : 'SQLite';
    console.log(`portal: article page (${f0(page.length)} bytes) — wrk -t2 -c${connections} -d${seconds}s --latency, Khéo on ${db} (started with the demo in ${f0(started)} ms)`);
    console.log('                 req/s       p50        p99   errors');
    for (const [name, r] of [['Khéo', k], ['node:http', n], ['nginx', x]] as const) {
      console.log(`  ${name.padEnd(10)} ${f0(r.rps).padStart(9)} ${`${f1(r.p50)} ms`.padStart(9)} ${`${f1(r.p99)} ms`.padStart(10)}   ${r.errors ?? '—'}`);
    }
    const vsNginx = k.rps / x.rps;
    console.log(`  Khéo / nginx:     ${pct(vsNginx)} (bar ≥ 50 %: ${vsNginx >= 0.5 ? 'met' : 'NOT met'})`);
    console.log(`  Khéo / node:http: ${pct(k.rps / n.rps)}`);
    console.log(`  Khéo p99:         ${f1(k.p99)} ms (bar < 25 ms: ${k.p99 < 25 ? 'met' : 'NOT met'})`);
    const s = counted.script;
    const added = after - before;
    // "asked" may exceed "got" by a request wrk generated but never wrote; a view is owed per page received
    const exact = added === s['got'] && s['errors'] === 0;
    console.log(
      `  views: wrk got ${f0(s['got'] ?? NaN)} article pages (asked ${f0(s['asked'] ?? NaN)}; ${f0(s['other'] ?? NaN)} /healthz; ${f0(s['errors'] ?? NaN)} errors); ` +
        `the database went ${f0(before)} → ${f0(after)} (+${f0(added)}): ${exact ? 'exact' : 'NOT EXACT'}`,
    );
    if (!exact) process.exitCode = 1;
  } finally {
    for (const c of children) await stop(c, 'SIGKILL');
    await reader?.close();
    await database?.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

