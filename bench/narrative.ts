/**
 * The narrative report's preview on the demo (issue 19, item 9: under 500 ms): loads the demo
 * into a fresh SQLite file (and, with `--pg` and DATABASE_URL, a throwaway PostgreSQL schema),
 * signs in as the demo's admin and times the admin page `/quan-tri/chu-de/LB-2021/bao-cao`
 * through 30/09/2021 and through today, the Word download, and the GPMB dashboards (the district's
 * today and through a day, a later page, a ward's) and the campaign's, through the app's own handler
 * (`app.request`: the handler and the database, without the socket). Prints p50/p95/max.
 */
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import type { DbHandle } from '../src/db/dialect.js';
import { loadDemo } from '../src/features/demo/demo.service.js';
import { onFreshDatabases } from './fresh.js';

const PASSWORD = 'mật khẩu đo hiệu năng báo cáo';
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const ms = (n: number) => n.toFixed(0);

async function measure(h: DbHandle<Database>, label: string, runs: number): Promise<void> {
  const t0 = performance.now();
  await h.db.transaction().execute((trx) => loadDemo(trx, { adminPassword: PASSWORD }));
  console.log(`narrative (${label}): dữ liệu mẫu nạp trong ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const app = createApp({ config: { ...loadConfig({ KHEO_LOG_LEVEL: 'silent' }) }, db: h });
  const login = await app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.9.9.9' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
  if (login.status !== 200) throw new Error(`đăng nhập admin: ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const get = async (p: string) => {
    const r = await app.request(p, { headers: { cookie } });
    const b = await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`${p}: ${r.status} ${Buffer.from(b).toString('utf8').slice(0, 300)}`);
    return b.byteLength;
  };
  for (const [lbl, p] of [
    ['xem trước báo cáo LB-2021 đến 30/09/2021', '/quan-tri/chu-de/LB-2021/bao-cao?den=30/09/2021&ngay=06/10/2021'],
    ['xem trước báo cáo LB-2021 đến hôm nay', '/quan-tri/chu-de/LB-2021/bao-cao'],
    ['tải Word (.docx) đến 30/09/2021', '/quan-tri/chu-de/LB-2021/bao-cao.docx?den=30/09/2021&ngay=06/10/2021'],
    // the GPMB dashboards (issue 19 item 9: each under 500 ms too)
    ['bảng GPMB của quận, hôm nay', '/quan-tri/gpmb'],
    ['bảng GPMB của quận đến 30/09/2021', '/quan-tri/gpmb?don_vi=LB&den=30/09/2021'],
    ['bảng GPMB của quận, trang 4', '/quan-tri/gpmb?trang=4'],
    ['bảng GPMB của một phường (Bồ Đề)', '/quan-tri/gpmb?don_vi=LB-BODE'],
    ['bảng số liệu chủ đề năm LB-2021', '/quan-tri/chu-de/LB-2021'],
  ] as const) {
    const first = performance.now();
    const bytes = await get(p);
    const cold = performance.now() - first;
    const t: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      await get(p);
      t.push(performance.now() - s);
    }
    console.log(`  ${lbl.padEnd(44)} lần đầu ${ms(cold).padStart(5)} ms  p50 ${ms(pct(t, 50)).padStart(5)} ms  p95 ${ms(pct(t, 95)).padStart(5)} ms  max ${ms(Math.max(...t)).padStart(5)} ms  (${(bytes / 1024).toFixed(0)} KB)`);
  }
}

export async function benchNarrative(opts: { runs?: number | undefined; pg?: boolean | undefined } = {}): Promise<void> {
  const runs = opts.runs ?? 20;
  await onFreshDatabases('narrative', opts.pg, (h, label) => measure(h, label, runs));
}
