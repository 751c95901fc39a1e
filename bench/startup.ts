/**
 * Cold start and memory: starts `node dist/cli.js serve` as a user would, on a fresh data
 * directory (first start: migrations + demo) and again on the same one, and reports the time
 * until /healthz answers and the resident memory (RSS) at idle and after 500 page requests.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const rssMb = (pid: number): number => {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
};

async function startOnce(dataDir: string, port: number) {
  const t0 = performance.now();
  const p = spawn(process.execPath, ['dist/cli.js', 'serve', '--port', String(port)], {
    env: { ...process.env, KHEO_DATA_DIR: dataDir, KHEO_DEMO: '1', KHEO_ADMIN_PASSWORD: 'mật khẩu đo hiệu năng', KHEO_LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: 'ignore',
  });
  for (;;) {
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const ready = performance.now() - t0;
  await new Promise((r) => setTimeout(r, 1500));
  const idle = rssMb(p.pid!);
  for (let i = 0; i < 500; i++) await (await fetch(`http://127.0.0.1:${port}/`)).text();
  const loaded = rssMb(p.pid!);
  p.kill('SIGTERM');
  await new Promise((r) => p.once('exit', r));
  return { ready, idle, loaded };
}

export async function benchStartup(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kheo-bench-'));
  try {
    const first = await startOnce(dir, 3901);
    const second = await startOnce(dir, 3902);
    const f = (n: number) => n.toFixed(0);
    console.log('startup (node dist/cli.js serve, SQLite)');
    console.log(`  first start (migrate + demo): ${f(first.ready)} ms until /healthz; RSS idle ${f(first.idle)} MB, after 500 pages ${f(first.loaded)} MB`);
    console.log(`  warm start:                   ${f(second.ready)} ms until /healthz; RSS idle ${f(second.idle)} MB, after 500 pages ${f(second.loaded)} MB`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
