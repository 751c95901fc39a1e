/**
 * Backup under write load (DESIGN §6 Reliability: "an online backup taken under write load
 * restores to a consistent database"). Starts the real server on a database holding `--households`
 * households and `--history-mb` of old audit rows (plus the load's own data), keeps concurrent API writes of five kinds going, and takes
 * a backup while they run:
 *   SQLite      `node dist/cli.js backup FILE`, restored with `node dist/cli.js restore FILE` into a new data dir;
 *   PostgreSQL  `pg_dump -Fc`, restored with `pg_restore --no-owner` into a new database.
 * Then checks the restored database: every write acknowledged before the backup began is there,
 * nothing acknowledged after it ended is, no record without its audit row (or the reverse), the
 * households' kept totals equal their payments, the projects' kept figures equal the counted ones,
 * SQLite `integrity_check` ok, row counts and a checksum of every table equal to the backup file's
 * (SQLite) or to a second dump of the quiesced database (PostgreSQL), and the restored database
 * serves and takes new writes. Prints the time to back up and to restore and the sizes.
 *
 *   npm run test:backup-load [-- --pg] [--households 100] [--history-mb 100] [--concurrency 16] [--keep]
 *
 * `--history-mb`: old audit rows added through SQL before the start, so that the backup has size to copy.
 *
 * Needs `npm run build`. Exit code 1 on any inconsistency.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  ackCounts,
  check,
  CLI,
  digest,
  f0,
  f1,
  failures,
  fillAudit,
  freePort,
  Load,
  mb,
  pgDatabase,
  requireBuild,
  Server,
  setup,
  sleep,
  sqliteAt,
  sqliteDataDir,
  timed,
  type Digest,
  type Target,
} from './harness.js';

const { values } = parseArgs({ options: { pg: { type: 'boolean' }, households: { type: 'string' }, 'history-mb': { type: 'string' }, concurrency: { type: 'string' }, keep: { type: 'boolean' } } });
const households = Number(values.households ?? 100);
const historyMb = Number(values['history-mb'] ?? 100);
const concurrency = Number(values.concurrency ?? 16);
const isPg = Boolean(values.pg);
const label = isPg ? 'PostgreSQL' : 'SQLite';

requireBuild();
const t0 = performance.now();
const dir = mkdtempSync(path.join(tmpdir(), 'kheo-backup-load-'));
const targets: Target[] = [];
let failed = false;
const bad: string[] = [];

const diffDigest = (a: Digest, b: Digest, what: string) => {
  if (a.sha256 === b.sha256) return;
  const tables = Object.keys({ ...a.tables, ...b.tables }).filter((t) => a.tables[t] !== b.tables[t]);
  bad.push(`${what}: tổng kiểm khác nhau${tables.length ? ` (số dòng khác ở ${tables.map((t) => `${t} ${a.tables[t]}≠${b.tables[t]}`).join(', ')})` : ' (cùng số dòng, khác nội dung)'}`);
};

/** Backs `source` up to `file` (SQLite: kheo backup; PostgreSQL: pg_dump -Fc). */
const backup = (source: Target, file: string) => (source.dialect === 'sqlite' ? timed(process.execPath, [CLI, 'backup', file], source.env) : timed('pg_dump', ['-Fc', '-f', file, source.where]));

/** Restores `file` into a new database (SQLite: kheo restore into a new data dir; PostgreSQL: pg_restore into a new database). */
async function restore(file: string, name: string): Promise<{ target: Target; ms: number }> {
  if (!isPg) {
    const target = sqliteAt(path.join(dir, name), false);
    const r = await timed(process.execPath, [CLI, 'restore', file], target.env);
    return { target, ms: r.ms };
  }
  const target = await pgDatabase(name);
  targets.push(target);
  const r = await timed('pg_restore', ['--no-owner', '--exit-on-error', '-d', target.where, file]);
  return { target, ms: r.ms };
}

try {
  const live = isPg ? await pgDatabase('bkload') : sqliteDataDir('bkload');
  targets.push(live);
  const tSetup = performance.now();
  const tokens = setup(live, households);
  const setupSeconds = (performance.now() - tSetup) / 1000;
  const tFill = performance.now();
  const historyRows = await fillAudit(live, historyMb);
  const fillSeconds = (performance.now() - tFill) / 1000;
  const startSize = await live.size();
  const port = await freePort();
  const server = new Server(live, port);
  await server.start();
  const load = new Load(port, tokens, { concurrency });
  load.start();
  await sleep(3000); // under way, and warm

  const file = path.join(dir, isPg ? 'kheo.dump' : 'kheo-backup.sqlite');
  const ackedBefore = load.stats.acked.length;
  const b = await backup(live, file);
  const afterEnd = load.stats.acked.length;
  const ackedDuring = afterEnd - ackedBefore;
  await sleep(2000); // the load goes on after the backup
  await load.stop();
  await server.kill('SIGTERM');
  const liveSize = await live.size();
  const backupSize = statSync(file).size;

  const r1 = await restore(file, 'restored');
  if (!isPg) targets.push(r1.target);
  const restoredSize = await r1.target.size();

  // 1. consistent: everything acknowledged before the backup began, nothing half-written
  const before = load.stats.acked.slice(0, ackedBefore);
  const c = await check(r1.target, before);
  bad.push(...failures(c));
  // …and nothing acknowledged after it ended
  const later = await check(r1.target, load.stats.acked.slice(afterEnd));
  const inBackupAfterEnd = load.stats.acked.length - afterEnd - later.lost.length;
  if (inBackupAfterEnd > 0) bad.push(`${inBackupAfterEnd} ghi được xác nhận sau khi sao lưu xong lại có trong bản sao lưu`);
  const inBackup = c.counts.unit + c.counts.model + c.counts.team + c.counts.payment + c.counts.confirm;

  // 2. faithful: the restored database is the backup, table by table
  let fidelity: string;
  let quiesced: { backupMs: number; restoreMs: number } | undefined;
  if (!isPg) {
    diffDigest(await digest(sqliteAt(dir, false, path.basename(file))), await digest(r1.target), 'bản sao lưu ↔ CSDL khôi phục');
    fidelity = 'bản sao lưu và CSDL khôi phục: cùng số dòng và tổng kiểm SHA-256 trên mọi bảng';
  } else {
    // a dump of the quiesced database, restored, equals the database
    const file2 = path.join(dir, 'kheo-quiesced.dump');
    const b2 = await backup(live, file2);
    const r2 = await restore(file2, 'restored2');
    diffDigest(await digest(live), await digest(r2.target), 'CSDL đã dừng ghi ↔ bản khôi phục của nó');
    quiesced = { backupMs: b2.ms, restoreMs: r2.ms };
    fidelity = 'pg_dump của CSDL đã dừng ghi, khôi phục lại: cùng số dòng và tổng kiểm SHA-256 trên mọi bảng';
  }
  const d = await digest(r1.target);

  // 3. the restored database serves and takes writes (PostgreSQL: identity sequences restored)
  const server2 = new Server(r1.target, await freePort());
  await server2.start();
  const probe = new Load(server2.port, tokens, { concurrency: 2, maxWrites: 40 });
  probe.start();
  while (!probe.done) await sleep(20);
  await probe.stop();
  await server2.kill('SIGTERM');
  if (probe.stats.acked.length !== probe.stats.attempted) bad.push(`CSDL khôi phục: ${probe.stats.attempted - probe.stats.acked.length}/${probe.stats.attempted} ghi mới bị từ chối (${[...probe.stats.refused.values()].map((x) => x.sample).join('; ')})`);

  const acked = ackCounts(load.stats.acked);
  console.log(`sao lưu khi đang ghi (${label}, node dist/cli.js serve, ${concurrency} kết nối ghi đồng thời)`);
  console.log(`  dữ liệu sẵn có:     ${f0(households)} hộ GPMB và ${f0(historyRows)} dòng nhật ký cũ (nạp qua kheo import trong ${f1(setupSeconds)} s, nhật ký bằng SQL trong ${f1(fillSeconds)} s); CSDL ${mb(startSize)} lúc bắt đầu, ${mb(liveSize)} khi dừng`);
  console.log(`  ghi đã xác nhận:    ${f0(load.stats.acked.length)} (đơn vị ${f0(acked.unit)}, mô hình ${f0(acked.model)}, tổ ${f0(acked.team)}, khoản chi ${f0(acked.payment)}, xác nhận chi ${f0(acked.confirm)}); ${f0(ackedBefore)} trước khi bắt đầu sao lưu, ${f0(ackedDuring)} trong lúc sao lưu`);
  console.log(`  sao lưu:            ${isPg ? 'pg_dump -Fc' : 'node dist/cli.js backup'} ${f1(b.ms / 1000)} s, tệp ${mb(backupSize)}`);
  console.log(`  khôi phục:          ${isPg ? 'pg_restore --no-owner vào CSDL mới' : 'node dist/cli.js restore vào thư mục dữ liệu mới'} ${f1(r1.ms / 1000)} s, CSDL ${mb(restoredSize)}`);
  if (quiesced) console.log(`  khi đã dừng ghi:    pg_dump ${f1(quiesced.backupMs / 1000)} s, pg_restore ${f1(quiesced.restoreMs / 1000)} s`);
  console.log(`  trong bản sao lưu:  ${f0(inBackup)} ghi của tải (đơn vị ${f0(c.counts.unit)}, mô hình ${f0(c.counts.model)}, tổ ${f0(c.counts.team)}, khoản chi ${f0(c.counts.payment)}, xác nhận ${f0(c.counts.confirm)}); ${f0(Object.values(d.tables).reduce((a, n) => a + n, 0))} dòng trong ${Object.keys(d.tables).length} bảng`);
  console.log(`  mất (xác nhận trước khi sao lưu): ${c.lost.length}; có mặt dù xác nhận sau khi sao lưu xong: ${inBackupAfterEnd}`);
  console.log(`  thiếu nhật ký / ghi dở / số liệu lệch: ${c.unaudited.length} / ${c.halfWritten.length} / ${c.inconsistent.length}`);
  console.log(`  ${isPg ? 'kiểm tra' : 'PRAGMA integrity_check + foreign_key_check'}: ${c.integrity}`);
  console.log(`  ${fidelity}: ${bad.some((x) => x.includes('tổng kiểm')) ? 'KHÁC' : 'khớp'} (${d.sha256.slice(0, 12)}…)`);
  console.log(`  CSDL khôi phục chạy được và nhận ${probe.stats.acked.length}/${probe.stats.attempted} ghi mới; tổng thời gian ${f1((performance.now() - t0) / 1000)} s`);
  if (bad.length) {
    failed = true;
    console.error(`THẤT BẠI:\n  ${bad.join('\n  ')}`);
  }
} finally {
  if (values.keep) console.log(`giữ lại: ${dir} ${targets.map((t) => t.where).join(' ')}`);
  else {
    for (const t of targets) await t.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
process.exit(failed ? 1 : 0);

