/**
 * Several instances (issue #11): two real `kheo serve` processes from dist/ on one fresh
 * PostgreSQL database, and nginx in front of them with deploy/nginx/kheo.conf (the file
 * docs/deploy.md tells administrators to install; ports, certificate and paths replaced).
 * Run by `npm run test:multi` (needs `npm run build`, PostgreSQL and nginx; see .ci/run).
 * The database in KHEO_MULTI_DATABASE_URL is emptied first (its public schema is recreated).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { freePort } from '../support/net.js';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../src/db/migrations/index.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const CLI = path.join(ROOT, 'dist/cli.js');
const DB_URL = process.env.KHEO_MULTI_DATABASE_URL ?? 'postgres://kheo:kheo@127.0.0.1:5432/kheo_multi';
const NGINX = '/usr/sbin/nginx';
const HOST = 'kheo.example.vn';
const PASSWORD = 'Mật-khẩu-thử-đa-phiên-2026';
/** what docs/deploy.md promises: a portal write shows on another instance within this */
const TTL_MS = 3000;
const N = 2000;

interface Res {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
}

const agents = { http: new http.Agent({ keepAlive: true, maxSockets: 64 }), https: new https.Agent({ keepAlive: true, maxSockets: 64, rejectUnauthorized: false }) };

/** One request with node:http(s) (self-signed certificate accepted); the body may be trickled by `send`. */
function request(base: string, p: string, opts: { method?: string; headers?: Record<string, string>; body?: string | Buffer; agent?: http.Agent | false } = {}): Promise<Res> {
  const url = new URL(p, base);
  const lib = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(
      url,
      {
        method: opts.method ?? 'GET',
        headers: { host: HOST, ...(opts.body !== undefined ? { 'content-length': String(Buffer.byteLength(opts.body)) } : {}), ...opts.headers },
        agent: opts.agent ?? (url.protocol === 'https:' ? agents.https : agents.http),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body, text: body.toString('utf8') });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));


interface Instance {
  name: string;
  port: number;
  base: string;
  proc: ChildProcess;
  out: string;
  exited: Promise<number | null>;
}

const WORK = mkdtempSync(path.join(tmpdir(), 'kheo-multi-'));
const ENV = { ...process.env, DATABASE_URL: DB_URL, KHEO_DATA_DIR: path.join(WORK, 'data'), KHEO_TRUST_PROXY: '1', KHEO_LOG_LEVEL: 'warn', KHEO_DEMO: '0', HOST: '127.0.0.1', KHEO_SHUTDOWN_SECONDS: '20' };

function startInstance(name: string, port: number, env: Record<string, string> = {}): Instance {
  const proc = spawn(process.execPath, [CLI, 'serve', '--port', String(port)], { cwd: WORK, env: { ...ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const inst: Instance = { name, port, base: `http://127.0.0.1:${port}`, proc, out: '', exited: new Promise((resolve) => proc.once('exit', (code) => resolve(code))) };
  proc.stdout.on('data', (d: Buffer) => (inst.out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (inst.out += d.toString()));
  return inst;
}

async function healthy(inst: Instance, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (inst.proc.exitCode !== null) throw new Error(`${inst.name} stopped (${inst.proc.exitCode}):\n${inst.out}`);
    const r = await request(inst.base, '/healthz', { agent: false }).catch(() => null);
    if (r?.status === 200) return;
    if (Date.now() > until) throw new Error(`${inst.name} not healthy:\n${inst.out}`);
    await sleep(100);
  }
}

function cli(args: string[], input?: string): string {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd: WORK, env: ENV, input, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`kheo ${args.join(' ')}: ${r.status}\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

const cookieOf = (r: Res): string => (r.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]).join('; ');
const csrfOf = (html: string): string => /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** A tiny valid PNG (1×1), as a cover image. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

function multipart(fields: Record<string, string>, file: { field: string; name: string; type: string; bytes: Buffer }): { body: Buffer; type: string } {
  const b = `----kheo${Date.now()}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${b}\r\nContent-Disposition: form-data; name="${file.field}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`), file.bytes, Buffer.from(`\r\n--${b}--\r\n`));
  return { body: Buffer.concat(parts), type: `multipart/form-data; boundary=${b}` };
}

/** deploy/nginx/kheo.conf made to run here: the instances' ports, a throwaway certificate, paths in WORK. */
function nginxConfig(a: number, b: number, httpPort: number, httpsPort: number): string {
  const site = readFileSync(path.join(ROOT, 'deploy/nginx/kheo.conf'), 'utf8')
    .replace('127.0.0.1:3001', `127.0.0.1:${a}`)
    .replace('127.0.0.1:3002', `127.0.0.1:${b}`)
    .replace(/^\s*listen \[::\].*$/gm, '')
    .replace('listen 80;', `listen 127.0.0.1:${httpPort};`)
    .replace('listen 443 ssl http2;', `listen 127.0.0.1:${httpsPort} ssl http2;`)
    .replace(/\/etc\/letsencrypt\/live\/kheo.example.vn\/fullchain.pem/, path.join(WORK, 'cert.pem'))
    .replace(/\/etc\/letsencrypt\/live\/kheo.example.vn\/privkey.pem/, path.join(WORK, 'key.pem'))
    .replace('/var/cache/nginx/kheo', path.join(WORK, 'nginx-cache'))
    .replace('/var/www/letsencrypt', path.join(WORK, 'acme'));
  expect(site).toContain(`127.0.0.1:${a}`);
  expect(site).toContain(`127.0.0.1:${httpsPort} ssl`);
  writeFileSync(path.join(WORK, 'site.conf'), site);
  const t = (n: string) => path.join(WORK, 'nginx-tmp', n);
  return `worker_processes 1;
pid ${path.join(WORK, 'nginx.pid')};
error_log ${path.join(WORK, 'nginx-error.log')} warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  access_log off;
  client_body_temp_path ${t('body')};
  proxy_temp_path ${t('proxy')};
  fastcgi_temp_path ${t('fastcgi')};
  uwsgi_temp_path ${t('uwsgi')};
  scgi_temp_path ${t('scgi')};
  include ${path.join(WORK, 'site.conf')};
}
`;
}

describe.skipIf(!existsSync(CLI))('two instances on one PostgreSQL behind nginx', () => {
  let A: Instance;
  let B: Instance;
  let nginx: ChildProcess | undefined;
  let viaNginx = '';
  let admin: pg.Client;
  let cookie = '';
  let csrfToken = '';

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: DB_URL });
    await admin.connect();
    await admin.query('drop schema if exists public cascade; create schema public;');
    const [pa, pb] = [await freePort(), await freePort()];
    // the same moment, an empty database: both migrate (one waits for the other's lock)
    A = startInstance('A', pa);
    B = startInstance('B', pb);
    await Promise.all([healthy(A), healthy(B)]);
    // a city, a category and an administrator, as an administrator would set them up
    writeFileSync(
      path.join(WORK, 'setup.json'),
      JSON.stringify({ version: 1, units: [{ code: 'HN', name: 'Thành phố Hà Nội', kind: 'city', parent: null }], categories: [{ slug: 'tin-tuc', name: 'Tin tức', parent: null }] }),
    );
    cli(['import', path.join(WORK, 'setup.json')]);
    cli(['user', 'add', '--username', 'quantri', '--password', PASSWORD, '--role', 'admin', '--unit', 'HN']);
    if (existsSync(NGINX)) {
      const [hp, sp] = [await freePort(), await freePort()];
      for (const d of ['nginx-tmp', 'nginx-cache', 'acme']) mkdirSync(path.join(WORK, d), { recursive: true });
      chmodSync(WORK, 0o755);
      for (const d of ['nginx-tmp', 'nginx-cache']) chmodSync(path.join(WORK, d), 0o777);
      const cert = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', `/CN=${HOST}`, '-keyout', path.join(WORK, 'key.pem'), '-out', path.join(WORK, 'cert.pem')], { encoding: 'utf8' });
      expect(cert.status, cert.stderr).toBe(0);
      chmodSync(path.join(WORK, 'key.pem'), 0o644);
      writeFileSync(path.join(WORK, 'nginx.conf'), nginxConfig(pa, pb, hp, sp));
      const check = spawnSync(NGINX, ['-t', '-p', WORK, '-c', path.join(WORK, 'nginx.conf')], { encoding: 'utf8' });
      expect(check.status, check.stderr).toBe(0);
      nginx = spawn(NGINX, ['-p', WORK, '-c', path.join(WORK, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
      viaNginx = `https://127.0.0.1:${sp}`;
      const until = Date.now() + 10_000;
      while ((await request(viaNginx, '/healthz').catch(() => null))?.status !== 200) {
        if (Date.now() > until) throw new Error(`nginx did not answer: ${readFileSync(path.join(WORK, 'nginx-error.log'), 'utf8')}`);
        await sleep(100);
      }
      // plain HTTP is sent to HTTPS
      const redirect = await request(`http://127.0.0.1:${hp}`, '/bai-viet/x');
      expect(redirect.status).toBe(301);
      expect(redirect.headers.location).toBe(`https://${HOST}/bai-viet/x`);
    } else if (process.env.CI) {
      throw new Error(`${NGINX} is missing (.ci/run installs nginx-light)`);
    }
  }, 120_000);

  afterAll(async () => {
    for (const i of [A, B]) if (i?.proc.exitCode === null) i.proc.kill('SIGKILL');
    if (nginx && nginx.exitCode === null) nginx.kill('SIGTERM');
    await admin?.end();
    agents.http.destroy();
    agents.https.destroy();
    rmSync(WORK, { recursive: true, force: true });
  });

  it('migrated once, without error, though both started at the same moment', async () => {
    const r = await admin.query<{ name: string }>('select name from kysely_migration order by name');
    expect(r.rows.map((x) => x.name)).toEqual(Object.keys(migrations).sort());
    for (const i of [A, B]) expect(i.out).not.toMatch(/lỗi|error/i);
  });

  it('a session made on A works on B (and through nginx)', async () => {
    const login = await request(A.base, '/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'quantri', password: PASSWORD }) });
    expect(login.status).toBe(200);
    cookie = cookieOf(login);
    csrfToken = (JSON.parse(login.text) as { csrfToken: string }).csrfToken;
    expect(cookie).toMatch(/session/);
    const onB = await request(B.base, '/quan-tri/bai-viet', { headers: { cookie } });
    expect(onB.status).toBe(200);
    expect(onB.text).toContain('quantri');
    expect((await request(B.base, '/quan-tri/bai-viet')).status).not.toBe(200);
    if (viaNginx) {
      // over HTTPS (X-Forwarded-Proto from nginx) the cookie is Secure with the __Host- prefix
      const l = await request(viaNginx, '/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'quantri', password: PASSWORD }) });
      expect(l.status).toBe(200);
      expect(l.headers['set-cookie']?.join()).toMatch(/__Host-.*Secure/i);
      expect(l.headers['strict-transport-security']).toBeDefined();
      for (let i = 0; i < 4; i++) expect((await request(viaNginx, '/quan-tri/bai-viet', { headers: { cookie: cookieOf(l) } })).status).toBe(200);
    }
  });

  let articleId = 0;
  it('a form posted to B with the CSRF token of a page from A is accepted (and refused without it)', async () => {
    const page = await request(A.base, '/quan-tri/bai-viet/moi', { headers: { cookie } });
    expect(page.status).toBe(200);
    const token = csrfOf(page.text);
    expect(token).not.toBe('');
    const fields = { title: 'Bài đăng từ máy B', slug: 'bai-tu-b', category: 'tin-tuc', summary: 'Tóm tắt', body: '<p>Nội dung bài viết.</p>', thao_tac: 'dang' };
    const refused = await request(B.base, '/quan-tri/bai-viet/moi', { method: 'POST', headers: { cookie, ...FORM }, body: form(fields) });
    expect(refused.status).toBe(403);
    const warm = await request(B.base, '/'); // B caches its home page before the article exists
    expect(warm.text).not.toContain('Bài đăng từ máy B');
    const posted = await request(B.base, '/quan-tri/bai-viet/moi', { method: 'POST', headers: { cookie, ...FORM }, body: form({ ...fields, _csrf: token }) });
    expect(posted.status).toBe(303);
    articleId = Number(/\/quan-tri\/bai-viet\/(\d+)/.exec(String(posted.headers.location))?.[1]);
    expect(articleId).toBeGreaterThan(0);
  });

  it('an upload on A downloads on B', async () => {
    const page = await request(A.base, `/quan-tri/bai-viet/${articleId}`, { headers: { cookie } });
    const m = multipart({ _csrf: csrfOf(page.text) }, { field: 'cover', name: 'Ảnh bìa.png', type: 'image/png', bytes: PNG });
    const up = await request(A.base, `/quan-tri/bai-viet/${articleId}/anh`, { method: 'POST', headers: { cookie, 'content-type': m.type }, body: m.body });
    expect(up.status).toBe(303);
    const api = JSON.parse((await request(B.base, '/api/v1/articles/bai-tu-b')).text) as { coverUrl: string };
    expect(api.coverUrl).toMatch(/^\/anh\/\d+$/);
    const img = await request(B.base, api.coverUrl);
    expect(img.status).toBe(200);
    expect(img.headers['content-type']).toBe('image/png');
    expect(img.body.equals(PNG)).toBe(true);
  });

  it(`a write on A shows on B's cached portal pages within ${TTL_MS / 1000} s, and on B's admin pages at once`, async () => {
    // the article published from B, on the home page B had cached before it existed
    let t0 = Date.now();
    while (!(await request(B.base, '/')).text.includes('Bài đăng từ máy B')) {
      expect(Date.now() - t0).toBeLessThan(TTL_MS);
      await sleep(100);
    }
    // B's cached article page, edited on A
    const before = await request(B.base, '/bai-viet/bai-tu-b');
    expect(before.text).toContain('Bài đăng từ máy B');
    const put = await request(A.base, '/api/v1/articles/bai-tu-b', { method: 'PUT', headers: { cookie, 'content-type': 'application/json' }, body: JSON.stringify({ title: 'Bài đã sửa trên máy A', category: 'tin-tuc', body: '<p>Nội dung mới.</p>' }) });
    expect(put.status, put.text).toBe(200);
    t0 = Date.now();
    const admin = await request(B.base, `/quan-tri/bai-viet/${articleId}`, { headers: { cookie } });
    expect(admin.text).toContain('Bài đã sửa trên máy A');
    while (!(await request(B.base, '/bai-viet/bai-tu-b')).text.includes('Bài đã sửa trên máy A')) {
      expect(Date.now() - t0).toBeLessThan(TTL_MS);
      await sleep(100);
    }
    // site settings saved on A: B's settings form shows them at once, its portal pages within the TTL
    const settingsPage = await request(A.base, '/quan-tri/cau-hinh', { headers: { cookie } });
    const saved = await request(A.base, '/quan-tri/cau-hinh', { method: 'POST', headers: { cookie, ...FORM }, body: form({ _csrf: csrfOf(settingsPage.text), siteName: 'Cổng Dân vận khéo Hà Nội', owner: 'Ban Dân vận Thành ủy Hà Nội' }) });
    expect(saved.status).toBeLessThan(400);
    t0 = Date.now();
    expect((await request(B.base, '/quan-tri/cau-hinh', { headers: { cookie } })).text).toContain('Ban Dân vận Thành ủy Hà Nội');
    while (!(await request(B.base, '/')).text.includes('Ban Dân vận Thành ủy Hà Nội')) {
      expect(Date.now() - t0).toBeLessThan(TTL_MS);
      await sleep(100);
    }
  });

  it('two more instances with a mail server sweep for reminders and send the digests at the same moment: each reminder written once, each e-mail sent once', async () => {
    const { SMTPServer } = await import('smtp-server');
    const { simpleParser } = await import('mailparser');
    const inbox: { to: string; subject: string; id: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _s, cb) {
        simpleParser(stream).then((m) => (inbox.push({ to: m.to && !Array.isArray(m.to) ? m.to.text : '', subject: m.subject ?? '', id: m.messageId ?? '' }), cb()), (e: Error) => cb(e));
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    const smtpPort = (smtp.server.address() as { port: number }).port;
    // a ward whose 12 officers have a monthly report overdue (due on the period's last day)
    const USERS = 12;
    writeFileSync(
      path.join(WORK, 'ward.json'),
      JSON.stringify({
        version: 1,
        units: [{ code: 'W1', name: 'Phường Một', kind: 'ward', parent: 'HN' }],
        users: Array.from({ length: USERS }, (_, i) => ({ username: `canbo${i}`, fullName: `Cán bộ số ${i}`, email: `canbo${i}@phuongmot.example`, unit: 'W1', roles: ['officer'] })),
        reportForms: [{ code: 'BC-THANG', name: 'Báo cáo tháng', unit: 'HN', periodType: 'month', deadlineDays: 0, reportingKinds: ['ward'], indicators: [{ code: 'so_ho', name: 'Số hộ', type: 'int' }] }],
      }),
    );
    cli(['import', path.join(WORK, 'ward.json')]);
    const [pc, pd] = [await freePort(), await freePort()];
    const env = { KHEO_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, KHEO_PUBLIC_URL: 'https://kheo.example.vn', KHEO_DIGEST_HOUR: '0', KHEO_MAIL_INTERVAL_SECONDS: '1' };
    const C = startInstance('C', pc, env);
    const D = startInstance('D', pd, env);
    try {
      await Promise.all([healthy(C), healthy(D)]);
      // each sweeps 5 s after its start; the senders look every second
      const until = Date.now() + 40_000;
      while (inbox.filter((m) => m.subject.startsWith('Bản tin Khéo')).length < USERS && Date.now() < until) await sleep(250);
      await sleep(3000);
      const digests = inbox.filter((m) => m.subject.startsWith('Bản tin Khéo'));
      expect(digests.map((m) => m.to).sort()).toEqual(Array.from({ length: USERS }, (_, i) => `canbo${i}@phuongmot.example`).sort());
      expect(new Set(inbox.map((m) => m.id)).size).toBe(inbox.length);
      const reminders = await admin.query<{ n: string; users: string }>(`select count(*) as n, count(distinct user_id) as users from notices where kind = 'report.due'`);
      expect(Number(reminders.rows[0]!.n)).toBe(Number(reminders.rows[0]!.users));
      expect(Number(reminders.rows[0]!.users)).toBeGreaterThanOrEqual(USERS);
      const sent = await admin.query<{ status: string; n: string }>(`select status, count(*) as n from mail_outbox where kind = 'digest' group by status`);
      expect(sent.rows.map((r) => [r.status, Number(r.n)])).toEqual([['sent', USERS]]);
    } finally {
      C.proc.kill('SIGTERM');
      D.proc.kill('SIGTERM');
      await Promise.all([C.exited, D.exited]);
      await new Promise<void>((r) => smtp.close(() => r()));
    }
    for (const i of [C, D]) expect(i.out).not.toMatch(/"level":(50|60)/);
  });

  it('an instance killed (SIGKILL) while it sends an e-mail loses it to nobody: another instance sends it once its claim runs out', async () => {
    const { SMTPServer } = await import('smtp-server');
    const { simpleParser } = await import('mailparser');
    const delivered: string[] = [];
    let hold = true;
    let held = 0;
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _s, cb) {
        simpleParser(stream).then(
          (m) => {
            const to = m.to && !Array.isArray(m.to) ? m.to.text : '';
            // held: no answer, so the sender never hears "250 accepted" (the e-mail is not delivered)
            if (hold) {
              held++;
              return;
            }
            delivered.push(to);
            cb();
          },
          (e: Error) => cb(e),
        );
      },
    });
    await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
    const smtpPort = (smtp.server.address() as { port: number }).port;
    const env = { KHEO_SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, KHEO_PUBLIC_URL: 'https://kheo.example.vn', KHEO_MAIL_INTERVAL_SECONDS: '1', KHEO_REMINDERS: '0' };
    const E = startInstance('E', await freePort(), env);
    let F: Instance | undefined;
    try {
      await healthy(E);
      // a committed change that sends an e-mail: the administrator sets a new address of their own
      // (E's public address is https: its session cookie has another name than A's)
      const login = await request(E.base, '/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'quantri', password: PASSWORD }) });
      expect(login.status, login.text).toBe(200);
      const asked = await request(E.base, '/api/v1/my-email', { method: 'POST', headers: { cookie: cookieOf(login), 'content-type': 'application/json' }, body: JSON.stringify({ email: 'quantri.moi@hanoi.example' }) });
      expect(asked.status, asked.text).toBe(202);
      const until = Date.now() + 20_000;
      while (held === 0 && Date.now() < until) await sleep(50);
      expect(held).toBe(1);
      E.proc.kill('SIGKILL');
      await E.exited;
      hold = false;
      const row = await admin.query<{ status: string; claimed_until: string }>(`select status, claimed_until from mail_outbox where to_address = 'quantri.moi@hanoi.example'`);
      expect(row.rows).toHaveLength(1);
      expect(row.rows[0]!.status).toBe('sending');
      // another instance takes the e-mail over when the dead one's claim runs out (2 minutes)
      F = startInstance('F', await freePort(), env);
      await healthy(F);
      const by = Date.parse(row.rows[0]!.claimed_until) + 30_000;
      while (!delivered.includes('quantri.moi@hanoi.example') && Date.now() < by) await sleep(500);
      await sleep(2000);
      expect(delivered.filter((to) => to === 'quantri.moi@hanoi.example')).toHaveLength(1);
      const after = await admin.query<{ status: string }>(`select status from mail_outbox where to_address = 'quantri.moi@hanoi.example'`);
      expect(after.rows.map((r) => r.status)).toEqual(['sent']);
    } finally {
      if (E.proc.exitCode === null) E.proc.kill('SIGKILL');
      F?.proc.kill('SIGTERM');
      await F?.exited;
      await new Promise<void>((r) => smtp.close(() => r()));
    }
  }, 240_000);

  let rollingLoads = 0;
  it.skipIf(!existsSync(NGINX))('a rolling restart behind nginx: every load answered, and counted', async () => {
    const created = await request(A.base, '/api/v1/articles', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ slug: 'khoi-dong-lai', title: 'Bài đọc trong lúc khởi động lại', category: 'tin-tuc', body: '<p>Đọc.</p>' }),
    });
    expect(created.status, created.text).toBe(201);
    expect((await request(A.base, '/api/v1/articles/khoi-dong-lai/publish', { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } })).status).toBe(200);
    let restarting = true;
    const statuses = new Map<number, number>();
    const worker = async () => {
      while (restarting) {
        const r = await request(viaNginx, '/bai-viet/khoi-dong-lai');
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        rollingLoads++;
      }
    };
    const workers = Promise.all(Array.from({ length: 8 }, worker));
    await sleep(500);
    A.proc.kill('SIGTERM');
    expect(await A.exited).toBe(0);
    A = startInstance('A', A.port);
    await healthy(A);
    await sleep(500);
    restarting = false;
    await workers;
    expect(Object.fromEntries(statuses)).toEqual({ 200: rollingLoads });
  });

  it(`${N} concurrent loads over A, B${existsSync(NGINX) ? ' and nginx' : ''} add exactly ${N} views; SIGTERM finishes a request in flight`, async () => {
    const created = await request(A.base, '/api/v1/articles', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ slug: 'dem-luot-xem', title: 'Bài đếm lượt xem', category: 'tin-tuc', body: '<p>Đếm.</p>' }),
    });
    expect(created.status, created.text).toBe(201);
    expect((await request(A.base, '/api/v1/articles/dem-luot-xem/publish', { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } })).status).toBe(200);
    const targets = [A.base, B.base, ...(viaNginx ? [viaNginx] : [])];
    let next = 0;
    const statuses = new Map<number, number>();
    const worker = async () => {
      while (next < N) {
        const i = next++;
        const r = await request(targets[i % targets.length]!, '/bai-viet/dem-luot-xem');
        statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: 48 }, worker));
    expect(Object.fromEntries(statuses)).toEqual({ 200: N });

    // a slow request in flight on A: its body arrives after SIGTERM
    const body = JSON.stringify({ slug: 'gui-cham', title: 'Bài gửi chậm', category: 'tin-tuc', body: '<p>Chậm.</p>' });
    const slow = new Promise<Res>((resolve, reject) => {
      const req = http.request(`${A.base}/api/v1/articles`, { method: 'POST', agent: false, headers: { host: HOST, cookie, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks), text: Buffer.concat(chunks).toString() }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 20));
      setTimeout(() => req.end(body.slice(20)), 1500);
    });
    await sleep(300);
    const stopAt = Date.now();
    A.proc.kill('SIGTERM');
    B.proc.kill('SIGTERM');
    await sleep(300);
    // A no longer accepts connections while it finishes the slow request
    await expect(request(A.base, '/healthz', { agent: false })).rejects.toThrow(/ECONNREFUSED/);
    const answered = await slow;
    expect(answered.status, answered.text).toBe(201);
    expect(await A.exited).toBe(0);
    expect(await B.exited).toBe(0);
    expect(Date.now() - stopAt).toBeLessThan(10_000);
    const views = await admin.query<{ views: string }>(`select views from articles where slug = 'dem-luot-xem'`);
    expect(Number(views.rows[0]!.views)).toBe(N);
    const rolled = await admin.query<{ views: string }>(`select views from articles where slug = 'khoi-dong-lai'`);
    expect(Number(rolled.rows[0]?.views ?? 0)).toBe(rollingLoads);
    const slowRow = await admin.query(`select id from articles where slug = 'gui-cham'`);
    expect(slowRow.rowCount).toBe(1);
    for (const i of [A, B]) expect(i.out).not.toMatch(/"level":(50|60)/);
  });
});
