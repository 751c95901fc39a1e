/**
 * The cost of `synchronous=FULL` (issue #20): small committed writes on a SQLite file, each in its
 * own transaction as a form or an API call makes them (a unit created through its service, with its
 * audit row), under FULL (the default) and NORMAL (KHEO_SQLITE_SYNCHRONOUS=normal). Prints writes/s
 * and the median and p99 time of one commit. `npm run bench -- writes [--runs N]` (N writes per mode, 2 000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '../src/db/database.js';
import { openDatabase } from '../src/db/dialect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { systemActor } from '../src/policy/policy.js';
import { createUnit } from '../src/features/units/units.service.js';

export async function benchWrites(n = 2000): Promise<void> {
  const actor = systemActor('đo hiệu năng');
  for (const mode of ['full', 'normal'] as const) {
    const dir = mkdtempSync(path.join(tmpdir(), 'kheo-bench-writes-'));
    try {
      const h = openDatabase<Database>({ sqliteFile: path.join(dir, 'kheo.sqlite'), sqliteSynchronous: mode });
      await migrateToLatest(h);
      await h.db.transaction().execute((trx) => createUnit(trx, { actor, input: { code: 'GOC', name: 'Đơn vị gốc', kind: 'city', parent: null } }));
      const times: number[] = [];
      const t0 = performance.now();
      for (let i = 0; i < n; i++) {
        const t = performance.now();
        await h.db.transaction().execute((trx) => createUnit(trx, { actor, input: { code: `W-${i}`, name: `Tổ dân phố số ${i}`, kind: 'residentialGroup', parent: 'GOC' } }));
        times.push(performance.now() - t);
      }
      const s = (performance.now() - t0) / 1000;
      times.sort((a, b) => a - b);
      const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!.toFixed(2);
      console.log(`ghi nhỏ (SQLite, synchronous=${mode.toUpperCase()}): ${n.toLocaleString('vi-VN')} giao dịch trong ${s.toFixed(2)} s — ${Math.round(n / s).toLocaleString('vi-VN')} lần ghi/s; trung vị ${q(0.5)} ms, p99 ${q(0.99)} ms`);
      await h.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}
