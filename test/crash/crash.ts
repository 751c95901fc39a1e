/**
 * Crash safety (DESIGN §6 Reliability: "kill -9 during concurrent writes loses no acknowledged
 * write"). Starts the real server (`node dist/cli.js serve`) on a fresh SQLite data dir or a fresh
 * PostgreSQL database, fires concurrent writes of five kinds through the JSON API, kills the
 * server with SIGKILL at random moments, restarts it each time, and at the end checks that every
 * write that got a 2xx answer is there with its audit row, that nothing is half-written, that the
 * kept totals agree with the records, and (SQLite) `PRAGMA integrity_check`.
 *
 *   npm run test:crash [-- --pg] [--kills 20] [--concurrency 24] [--up-min 300] [--up-max 2500] [--min-writes 2000] [--keep]
 *
 * (up-times in ms between a restart and the next kill, PostgreSQL defaults 600–4500; an up-time is
 * stretched, by 10 s at most, while the acknowledged writes are behind --min-writes × kills done / kills)
 *
 * Needs `npm run build`. `--pg`: a database created on KHEO_CRASH_PG_URL's server (default
 * postgres://kheo:kheo@127.0.0.1:5432/) and dropped after. Exit code 1 when anything is lost.
 */
import { parseArgs } from 'node:util';
import { ackCounts, check, f0, f1, failures, freePort, Load, mb, pgDatabase, requireBuild, Server, setup, sleep, sqliteDataDir, type Target } from './harness.js';

const { values } = parseArgs({
  options: {
    pg: { type: 'boolean' },
    kills: { type: 'string' },
    concurrency: { type: 'string' },
    'up-min': { type: 'string' },
    'up-max': { type: 'string' },
    'min-writes': { type: 'string' },
    keep: { type: 'boolean' },
  },
});
const kills = Number(values.kills ?? 20);
const concurrency = Number(values.concurrency ?? 24);
// PostgreSQL takes fewer writes a second here (more round trips per write): longer up-times
const upMin = Number(values['up-min'] ?? (values.pg ? 600 : 300));
const upMax = Number(values['up-max'] ?? (values.pg ? 4500 : 2500));
// on a slow or busy machine an up-time is stretched (by at most 10 s) until the acknowledged writes
// are on course for this many by the last kill
const minWrites = Number(values['min-writes'] ?? 2000);

requireBuild();
const t0 = performance.now();
const target: Target = values.pg ? await pgDatabase('crash') : sqliteDataDir('crash');
const label = values.pg ? 'PostgreSQL' : 'SQLite';
let failed = false;
try {
  const tokens = setup(target);
  const port = await freePort();
  const server = new Server(target, port);
  const restarts: number[] = [];
  restarts.push(await server.start());
  const load = new Load(port, tokens, { concurrency });
  const tLoad = performance.now();
  load.start();
  let early = 0;
  for (let k = 1; k <= kills; k++) {
    // one kill in five lands during start-up (0–400 ms after the process was spawned: before or just
    // as it listens); the others after a random time under load
    const isEarly = k % 5 === 0;
    await sleep(isEarly ? Math.random() * 400 : upMin + Math.random() * (upMax - upMin));
    if (isEarly) early++;
    else for (const until = Date.now() + 10_000; load.stats.acked.length < (minWrites * k) / kills && Date.now() < until; ) await sleep(50);
    await server.kill('SIGKILL');
    const t = performance.now();
    server.spawn();
    if ((k + 1) % 5 !== 0 || k === kills) {
      await server.ready();
      restarts.push(performance.now() - t);
    }
    process.stdout.write(`\r${label}: ${k}/${kills} lần kill -9, ${f0(load.stats.acked.length)} ghi đã xác nhận`);
  }
  // a last stretch under load after the last restart, then stop the load and the server cleanly
  await server.ready();
  await sleep(upMin);
  await load.stop();
  const loadSeconds = (performance.now() - tLoad) / 1000;
  await server.kill('SIGTERM');
  process.stdout.write('\n');

  const r = await check(target, load.stats.acked);
  const acked = ackCounts(load.stats.acked);
  const size = await target.size();
  const refused = [...load.stats.refused.entries()].map(([s, x]) => `${s}×${x.n} (${x.sample})`);
  console.log(`kill -9 (${label}, node dist/cli.js serve, ${concurrency} kết nối ghi đồng thời)`);
  console.log(`  lần kill -9:        ${kills} (${early} lúc đang khởi động), khởi động lại trung bình ${f0(restarts.reduce((a, b) => a + b, 0) / restarts.length)} ms`);
  console.log(`  ghi đã gửi:         ${f0(load.stats.attempted)} trong ${f1(loadSeconds)} s`);
  console.log(`  ghi đã xác nhận:    ${f0(load.stats.acked.length)} (đơn vị ${f0(acked.unit)}, mô hình ${f0(acked.model)}, tổ ${f0(acked.team)}, khoản chi ${f0(acked.payment)}, xác nhận chi ${f0(acked.confirm)})`);
  console.log(`  không kịp trả lời:  ${f0(load.stats.unanswered)} (đang xử lý thì máy chủ bị kill); ${f0(load.stats.notSent)} lần kết nối bị từ chối khi máy chủ đang tắt`);
  console.log(`  bị từ chối:         ${refused.length ? refused.join('; ') : '0'}`);
  console.log(`  trong CSDL:         đơn vị ${f0(r.counts.unit)}, mô hình ${f0(r.counts.model)}, tổ ${f0(r.counts.team)}, khoản chi ${f0(r.counts.payment)} (đã xác nhận ${f0(r.counts.confirm)}); ${f0(r.auditRows)} dòng nhật ký của các loại ghi này`);
  console.log(`  đã ghi mà không kịp trả lời: ${f0(r.counts.unit + r.counts.model + r.counts.team + r.counts.payment + r.counts.confirm - load.stats.acked.length)}`);
  console.log(`  MẤT:                ${r.lost.length}`);
  console.log(`  thiếu nhật ký / ghi dở / số liệu lệch: ${r.unaudited.length} / ${r.halfWritten.length} / ${r.inconsistent.length}`);
  console.log(`  ${label === 'SQLite' ? 'PRAGMA integrity_check + foreign_key_check' : 'kiểm tra'}: ${r.integrity}`);
  console.log(`  CSDL:               ${mb(size)}; tổng thời gian ${f1((performance.now() - t0) / 1000)} s`);
  const bad = failures(r);
  if (load.stats.acked.length < 1000) bad.push(`quá ít ghi được xác nhận (${load.stats.acked.length}) để kết luận`);
  if ([...load.stats.refused.keys()].some((s) => s >= 500)) bad.push('máy chủ trả lời 5xx');
  if (bad.length) {
    failed = true;
    console.error(`THẤT BẠI:\n  ${bad.join('\n  ')}`);
    if (server.log) console.error(`nhật ký máy chủ (cuối):\n${server.log.slice(-2000)}`);
  }
} finally {
  if (values.keep) console.log(`giữ lại: ${target.where}`);
  else await target.drop();
}
process.exit(failed ? 1 : 0);
