/**
 * The database going away (issue #20), SQLite: the disk under the data dir fills up. The data dir
 * is a small tmpfs; after the set-up a filler file leaves a few MB free, and Khéo
 * (`node dist/cli.js serve`) takes a write load through the JSON API until the writes no longer
 * fit. While the disk is full: a write answers 507 (`disk_full`, "Hết dung lượng đĩa…", Retry-After)
 * — JSON under /api/, a Vietnamese HTML page for a form — and never a 500; the process stays up;
 * /healthz and /readyz answer 200 (the database reads) with the free space; `PRAGMA
 * integrity_check` on the file is ok. Then the filler is deleted: writes resume without a
 * restart. At the end every acknowledged write is there with its audit row, nothing is
 * half-written, and integrity_check and foreign_key_check are ok.
 *
 *   npm run test:outage [-- --size 32] [--leave 6] [--full 4] [--concurrency 8] [--keep]
 *
 * (--size: the tmpfs in MB; --leave: MB left free by the filler; --full: seconds of load while full)
 *
 * Needs `npm run build` and root (mount -t tmpfs). The tmpfs is unmounted at the end, whatever happens.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { ackCounts, check, f0, f1, failures, freePort, Load, mb, requireBuild, Server, setup, sleep, sqliteAt } from '../crash/harness.js';
import { expectHtmlError, expectJsonError, get, loginForm, pct, postForm, postJson, Problems } from './probe.js';

const { values } = parseArgs({
  options: {
    size: { type: 'string' },
    leave: { type: 'string' },
    full: { type: 'string' },
    concurrency: { type: 'string' },
    keep: { type: 'boolean' },
  },
});
const sizeMb = Number(values.size ?? 32);
const leaveMb = Number(values.leave ?? 6);
const fullMs = Number(values.full ?? 4) * 1000;
const concurrency = Number(values.concurrency ?? 8);

if (process.getuid?.() !== 0) {
  console.error('Cần chạy với quyền root (mount -t tmpfs).');
  process.exit(1);
}
requireBuild();

const run = (cmd: string, args: string[]) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} → ${r.status}\n${r.stdout}${r.stderr}`);
};
const free = (dir: string) => {
  const s = statfsSync(dir);
  return s.bavail * s.bsize;
};

const dir = mkdtempSync(path.join(tmpdir(), 'kheo-outage-disk-'));
let mounted = false;
let server: Server | undefined;
async function cleanup(): Promise<void> {
  await server?.kill('SIGKILL');
  if (mounted && !values.keep) {
    const r = spawnSync('umount', [dir]);
    if (r.status !== 0) spawnSync('umount', ['-l', dir]);
    mounted = false;
  }
  if (values.keep) console.log(`giữ lại: ${dir} (tmpfs vẫn gắn)`);
  else rmdirSync(dir);
}
process.once('SIGINT', () => void cleanup().then(() => process.exit(130)));

let failed = false;
const t0 = performance.now();
try {
  run('mount', ['-t', 'tmpfs', '-o', `size=${sizeMb}m,mode=0755`, 'tmpfs', dir]);
  mounted = true;
  const target = sqliteAt(dir, false);
  const tokens = setup(target);
  const file = path.join(dir, 'kheo.sqlite');
  const afterSetup = await target.size();
  // the filler leaves `leaveMb` free: the load fills that
  const filler = path.join(dir, 'tep-chiem-cho.bin');
  const fill = free(dir) - leaveMb * 1024 * 1024;
  if (fill <= 0) throw new Error(`tmpfs ${sizeMb} MB quá nhỏ: chỉ còn ${mb(free(dir))} sau khi dựng dữ liệu`);
  writeFileSync(filler, Buffer.alloc(fill));

  const port = await freePort();
  server = new Server(target, port);
  await server.start();
  const load = new Load(port, tokens, { concurrency });
  const problems = new Problems();
  const tLoad = performance.now();
  load.start();

  // until the first write refused for want of space
  let tFull = NaN;
  for (const until = performance.now() + 180_000; performance.now() < until; ) {
    const first = load.stats.answers.find((a) => a.status === 507);
    if (first) {
      tFull = first.at;
      break;
    }
    if (server.proc?.exitCode !== null) throw new Error(`Khéo đã dừng:\n${server.log}`);
    await sleep(50);
  }
  if (Number.isNaN(tFull)) throw new Error(`sau 180 s vẫn chưa đầy đĩa (${f0(load.stats.acked.length)} ghi đã xác nhận, còn trống ${mb(free(dir))})`);
  const ackedBeforeFull = load.stats.acked.filter((a) => a.at < tFull).length;

  // while full: the load goes on; the answers a write, a form, a read, the health checks get
  await sleep(fullMs / 2);
  const write = await postJson(port, '/api/v1/units', tokens.writer, { code: 'DF-TRONG-LUC-DAY', name: 'Tổ thử khi đầy đĩa', kind: 'residentialGroup', parent: 'CR-W1' });
  expectJsonError(problems, 'POST /api/v1/units khi đầy đĩa', write, 507, 'disk_full', /Hết dung lượng đĩa/);
  const form = await loginForm(port);
  const login = await postForm(port, '/dang-nhap', { username: 'ghi.tai', password: 'sai-mat-khau-khi-day-dia', _csrf: form.csrf }, form.cookie);
  // a failed sign-in writes one small row (the throttle's record): while full it is refused with
  // 507, unless SQLite still finds room for it in a page freed by the writers' rolled-back
  // transactions — then the answer is the ordinary 401, and the attempt must be on record
  if (login.status !== 401) expectHtmlError(problems, 'POST /dang-nhap (biểu mẫu) khi đầy đĩa', login, 507, 'Hết dung lượng lưu trữ', /Hết dung lượng đĩa/);
  const read = await get(port, '/api/v1/units/CR-W1', { authorization: `Bearer ${tokens.writer}` });
  if (read.status !== 200) problems.add(`đọc (GET /api/v1/units/CR-W1) khi đầy đĩa: ${read.status} ${read.body.slice(0, 160)}`);
  const health = await get(port, '/healthz');
  const ready = await get(port, '/readyz');
  if (health.status !== 200) problems.add(`/healthz khi đầy đĩa: ${health.status}`);
  if (ready.status !== 200) problems.add(`/readyz khi đầy đĩa: ${ready.status} (SQLite vẫn đọc được)`);
  const page = await get(port, '/don-vi');
  if (page.status !== 200) problems.add(`trang /don-vi (chỉ đọc) khi đầy đĩa: ${page.status}`);
  // the file as it is while full, through a read-only connection
  const ro = new SQLite(file, { readonly: true, fileMustExist: true });
  const integrityWhileFull = String(ro.pragma('integrity_check', { simple: true }));
  if (login.status === 401) {
    const recorded = (ro.prepare("SELECT count(*) AS n FROM login_attempts WHERE username = 'ghi.tai' AND success = 0").get() as { n: number }).n;
    if (recorded < 1) problems.add('POST /dang-nhap khi đầy đĩa: 401 nhưng lần đăng nhập sai không được ghi lại');
  }
  ro.close();
  if (integrityWhileFull !== 'ok') problems.add(`integrity_check khi đầy đĩa: ${integrityWhileFull}`);
  await sleep(fullMs / 2);
  if (server.proc?.exitCode !== null) throw new Error(`Khéo đã dừng khi đầy đĩa:\n${server.log}`);
  const freeWhileFull = free(dir);

  // free the space: writes resume without a restart
  const tFree = performance.now();
  rmSync(filler);
  let resumeMs = NaN;
  for (const until = performance.now() + 30_000; performance.now() < until; ) {
    const first = load.stats.acked.find((a) => a.at > tFree);
    if (first) {
      resumeMs = first.at - tFree;
      break;
    }
    await sleep(10);
  }
  if (Number.isNaN(resumeMs)) problems.add('không ghi lại được sau khi giải phóng dung lượng (30 s)');
  await sleep(3000);
  const after = load.stats.answers.filter((a) => a.at > tFree + (Number.isNaN(resumeMs) ? 0 : resumeMs));
  const refusedAfter = after.filter((a) => a.status >= 300).length;
  if (refusedAfter) problems.add(`sau khi giải phóng: ${refusedAfter} ghi vẫn bị từ chối`);
  await load.stop();
  const loadSeconds = (performance.now() - tLoad) / 1000;
  if (server.proc?.exitCode !== null) problems.add('Khéo đã dừng trong lúc thử');
  await server.kill('SIGTERM');
  if (server.proc?.exitCode !== 0) problems.add(`Khéo dừng (SIGTERM) với mã ${String(server.proc?.exitCode)}`);

  const r = await check(target, load.stats.acked);
  const full = load.stats.answers.filter((a) => a.at >= tFull && a.at <= tFree);
  const s507 = full.filter((a) => a.status === 507);
  const fullOther = new Map<number, number>();
  for (const a of full) if (a.status !== 507) fullOther.set(a.status, (fullOther.get(a.status) ?? 0) + 1);
  const acked = ackCounts(load.stats.acked);
  const s5xx = [...load.stats.refused.entries()].filter(([s]) => s >= 500 && s !== 507);
  console.log(`Đầy đĩa (SQLite trên tmpfs ${sizeMb} MB; Khéo: node dist/cli.js serve, ${concurrency} kết nối ghi đồng thời)`);
  console.log(`  CSDL sau khi dựng dữ liệu: ${mb(afterSetup)}; tệp chiếm chỗ để lại ${leaveMb} MB trống`);
  console.log(`  ghi đã xác nhận trước khi đầy: ${f0(ackedBeforeFull)} (sau ${f1((tFull - tLoad) / 1000)} s)`);
  console.log(`  khi đầy (${f1((tFree - tFull) / 1000)} s): ${f0(full.length)} ghi được trả lời, ${f0(s507.length)} × 507${fullOther.size ? `, ${[...fullOther].map(([s, n]) => `${s}×${n}`).join(', ')}` : ''}; chậm nhất ${f0(Math.max(0, ...s507.map((a) => a.ms)))} ms, p95 ${f0(pct(s507.map((a) => a.ms), 0.95))} ms; còn trống ${f0(freeWhileFull / 1024)} KB`);
  console.log(`    biểu mẫu đăng nhập: ${login.status}; đọc API: ${read.status}; trang /don-vi: ${page.status}; /healthz ${health.status}, /readyz ${ready.status}; integrity_check khi đầy: ${integrityWhileFull}`);
  console.log(`  giải phóng dung lượng → ghi đầu tiên được xác nhận sau ${f0(resumeMs)} ms (Khéo không khởi động lại)`);
  console.log(`  ghi đã gửi:         ${f0(load.stats.attempted)} trong ${f1(loadSeconds)} s; đã xác nhận ${f0(load.stats.acked.length)} (đơn vị ${f0(acked.unit)}, mô hình ${f0(acked.model)}, tổ ${f0(acked.team)}, khoản chi ${f0(acked.payment)}, xác nhận chi ${f0(acked.confirm)})`);
  console.log(`  507 tổng cộng:      ${f0(load.stats.refused.get(507)?.n ?? 0)}; không trả lời: ${f0(load.stats.unanswered)}; lỗi 5xx khác: ${s5xx.length ? s5xx.map(([s, x]) => `${s}×${x.n} (${x.sample})`).join('; ') : '0'}`);
  console.log(`  MẤT:                ${r.lost.length}; thiếu nhật ký / ghi dở / số liệu lệch: ${r.unaudited.length} / ${r.halfWritten.length} / ${r.inconsistent.length}`);
  console.log(`  PRAGMA integrity_check + foreign_key_check: ${r.integrity}; tổng thời gian ${f1((performance.now() - t0) / 1000)} s`);
  const bad = [...failures(r), ...problems.list];
  if (!s507.length) bad.push('không có câu trả lời 507 nào khi đầy đĩa');
  if (load.stats.unanswered) bad.push(`${load.stats.unanswered} yêu cầu không được trả lời`);
  if (s5xx.length) bad.push(`lỗi 5xx ngoài 507: ${s5xx.map(([s, x]) => `${s}×${x.n} (${x.sample})`).join('; ')}`);
  if (bad.length) {
    failed = true;
    console.error(`THẤT BẠI:\n  ${bad.join('\n  ')}`);
    if (server.log) console.error(`nhật ký máy chủ (cuối):\n${server.log.slice(-3000)}`);
  }
} catch (err) {
  failed = true;
  console.error(err);
  if (server?.log) console.error(`nhật ký máy chủ (cuối):\n${server.log.slice(-3000)}`);
} finally {
  await cleanup();
}
process.exit(failed ? 1 : 0);
