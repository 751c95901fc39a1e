/**
 * What the models achieved, at scale (issue #23): loads the demo into a fresh SQLite file (and,
 * with `--pg` and DATABASE_URL, a throwaway PostgreSQL schema), adds `--models` registered models
 * (20 000 unless told) to Long Biên 2021 spread over its residential groups, each with one to three
 * results, a third recognised, then times through the app's own handler (`app.request`, without the
 * socket) the figures that add the results up: the public stats API (resources, by unit, sector,
 * level, field and holder), the campaign's page, the phase report, the models' list and the report
 * preview. Prints p50/p95/max. The breakdowns were quadratic at first (21 s a call at 19 000
 * models), then a row per model added up in JavaScript (stats p50 ≈ 0,5 s here); the database adds
 * them up by unit, field, holder and level now.
 */
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { Database } from '../src/db/database.js';
import type { DbHandle } from '../src/db/dialect.js';
import { loadDemo } from '../src/features/demo/demo.service.js';
import { onFreshDatabases } from './fresh.js';

const PASSWORD = 'mật khẩu đo hiệu năng kết quả';
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil((p / 100) * xs.length) - 1)]!;
const ms = (n: number) => n.toFixed(0);

/** N more registered models of LB-2021 with results and some recognitions, written in batches. */
async function addModels(h: DbHandle<Database>, n: number): Promise<void> {
  const db = h.db;
  const campaign = await db.selectFrom('campaigns').select('id').where('code', '=', 'LB-2021').executeTakeFirstOrThrow();
  const fields = (await db.selectFrom('campaign_fields').select('id').where('campaign_id', '=', campaign.id).execute()).map((f) => f.id);
  const units = (await db.selectFrom('units').select('id').where('kind', '=', 'residentialGroup').execute()).map((u) => u.id);
  if (!fields.length || !units.length) throw new Error('dữ liệu mẫu thiếu lĩnh vực hoặc tổ dân phố');
  const at = new Date().toISOString();
  const levels = ['commune', 'district', 'province'] as const;
  for (let start = 0; start < n; start += 500) {
    await db.transaction().execute(async (trx) => {
      const rows = Array.from({ length: Math.min(500, n - start) }, (_, k) => {
        const i = start + k;
        const name = `Mô hình đo hiệu năng số ${i + 1}`;
        const day = String(1 + (i % 28)).padStart(2, '0');
        return {
          code: `LB-2021-B${String(i + 1).padStart(6, '0')}`,
          campaign_id: campaign.id,
          unit_id: units[i % units.length]!,
          field_id: fields[i % fields.length]!,
          holder: i % 4 === 0 ? 'individual' : 'collective',
          holder_name: i % 4 === 0 ? `Người thực hiện ${i + 1}` : null,
          name,
          search_folded: name.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase(),
          sort_key: name,
          problem: null, goals: null, method: null, scope: null, forces: null, resources: null, timeline: null, expected_results: null, replicability: null,
          exemplary: 0,
          status: 'registered',
          registered_on: `2021-${String(1 + (i % 9)).padStart(2, '0')}-${day}`,
          submitted_at: null, submitted_by: null, decided_at: null, decided_by: null, return_reason: null, stopped_on: null, stop_reason: null, created_by: null,
          created_at: at,
          updated_at: at,
        };
      });
      const ids = (await trx.insertInto('models').values(rows).returning('id').execute()).map((r) => r.id);
      const results = ids.flatMap((id, k) =>
        Array.from({ length: 1 + ((start + k) % 3) }, (_, j) => ({
          model_id: id,
          on_date: `2021-${String(3 + j * 3).padStart(2, '0')}-15`,
          money_vnd: (start + k) % 5 === 0 ? null : 1_000_000 * (1 + ((start + k) % 40)),
          work_days: 10 + ((start + k) % 90),
          land_centi_m2: (start + k) % 7 === 0 ? 1250 * (1 + j) : null,
          households_donating: (start + k) % 7 === 0 ? 1 : null,
          households_persuaded: (start + k) % 11 === 0 ? 2 : null,
          beneficiaries: 20 + ((start + k) % 200),
          created_at: at,
        })),
      );
      for (let r = 0; r < results.length; r += 400) await trx.insertInto('model_results').values(results.slice(r, r + 400)).execute();
      const recognitions = ids.filter((_, k) => (start + k) % 3 === 0).map((id, k) => ({ model_id: id, level: levels[k % levels.length]!, on_date: '2021-09-01', decision: `${1000 + k}/QĐ-UBND`, created_at: at }));
      if (recognitions.length) await trx.insertInto('model_recognitions').values(recognitions).execute();
    });
  }
}

async function measure(h: DbHandle<Database>, label: string, models: number, runs: number): Promise<void> {
  const t0 = performance.now();
  await h.db.transaction().execute((trx) => loadDemo(trx, { adminPassword: PASSWORD }));
  await addModels(h, models);
  const total = await h.db.selectFrom('models').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const results = await h.db.selectFrom('model_results').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  console.log(`resources (${label}): dữ liệu mẫu + ${models.toLocaleString('vi-VN')} mô hình nạp trong ${((performance.now() - t0) / 1000).toFixed(1)} s — ${Number(total.n).toLocaleString('vi-VN')} mô hình, ${Number(results.n).toLocaleString('vi-VN')} kết quả`);
  const app = createApp({ config: { ...loadConfig({ KHEO_LOG_LEVEL: 'silent' }) }, db: h });
  const login = await app.request('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '10.9.9.8' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
  if (login.status !== 200) throw new Error(`đăng nhập admin: ${login.status} ${await login.text()}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const get = async (p: string, signed: boolean) => {
    const r = await app.request(p, { headers: signed ? { cookie } : {} });
    const b = await r.arrayBuffer();
    if (r.status !== 200) throw new Error(`${p}: ${r.status} ${Buffer.from(b).toString('utf8').slice(0, 300)}`);
    return b.byteLength;
  };
  for (const [lbl, p, signed] of [
    ['API số liệu LB-2021 đến 31/12/2021 (công khai)', '/api/v1/campaigns/LB-2021/stats?through=2021-12-31', false],
    ['API số liệu LB-2021 đến 30/06/2021 (công khai)', '/api/v1/campaigns/LB-2021/stats?through=2021-06-30', false],
    ['trang chủ đề năm LB-2021 (quản trị)', '/quan-tri/chu-de/LB-2021', true],
    ['báo cáo giai đoạn LB-2021-2025', '/api/v1/phases/LB-2021-2025/stats', true],
    ['danh sách mô hình, trang 1', '/quan-tri/mo-hinh', true],
    ['xem trước báo cáo LB-2021 đến 30/09/2021', '/quan-tri/chu-de/LB-2021/bao-cao?den=30/09/2021&ngay=06/10/2021', true],
  ] as const) {
    const first = performance.now();
    const bytes = await get(p, signed);
    const cold = performance.now() - first;
    const t: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      await get(p, signed);
      t.push(performance.now() - s);
    }
    console.log(`  ${lbl.padEnd(48)} lần đầu ${ms(cold).padStart(6)} ms  p50 ${ms(pct(t, 50)).padStart(5)} ms  p95 ${ms(pct(t, 95)).padStart(5)} ms  max ${ms(Math.max(...t)).padStart(5)} ms  (${(bytes / 1024).toFixed(0)} KB)`);
  }
}

export async function benchResources(opts: { models?: number | undefined; runs?: number | undefined; pg?: boolean | undefined } = {}): Promise<void> {
  const models = opts.models ?? 20_000;
  const runs = opts.runs ?? 10;
  await onFreshDatabases('resources', opts.pg, (h, label) => measure(h, label, models, runs));
}
