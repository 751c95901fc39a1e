/**
 * The daily sweep of reminders and digests (issue #22) on the demo (Long Biên 2021) with `--runs`
 * more officers (default 500, spread over the 14 wards and their residential groups, each with an
 * address): the time of the day's first sweep (which writes the reminders and queues the digests),
 * and of a second one the same day (which writes nothing: every reminder and digest has its
 * reference). SQLite file, synchronous=FULL.
 * `npm run bench -- reminders [--runs N]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Database } from '../src/db/database.js';
import { openDatabase } from '../src/db/dialect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { systemActor } from '../src/policy/policy.js';
import { createUser } from '../src/features/accounts/accounts.service.js';
import { loadDemo } from '../src/features/demo/demo.service.js';
import { GROUPS, groupCode, WARDS, wardCode } from '../src/features/demo/demo.data.js';
import { sweepReminders } from '../src/features/dashboard/reminders.service.js';

export async function benchReminders(extra = 500): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kheo-bench-remind-'));
  const actor = systemActor('đo hiệu năng');
  try {
    const h = openDatabase<Database>({ sqliteFile: path.join(dir, 'kheo.sqlite'), sqliteSynchronous: 'full' });
    try {
      await migrateToLatest(h);
      await h.db.transaction().execute(async (trx) => {
        await loadDemo(trx, { adminPassword: 'mật khẩu đo hiệu năng' });
        for (let i = 0; i < extra; i++) {
          const ward = WARDS[i % WARDS.length]!;
          // one in three at the ward, the others in one of its residential groups
          const unit = i % 3 === 0 ? wardCode(ward) : groupCode(ward, 1 + (i % GROUPS[ward]));
          await createUser(trx, { actor, input: { username: `canbo${i}`, fullName: `Cán bộ số ${i}`, unit, roles: ['officer'], password: 'một mật khẩu thật dài', email: `canbo${i}@longbien.example` } });
        }
      });
      const count = async (table: 'notices' | 'mail_outbox') => Number((await h.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
      const [n0, m0] = [await count('notices'), await count('mail_outbox')];
      let t = performance.now();
      const first = await sweepReminders(h.db, { digest: true });
      const firstMs = performance.now() - t;
      const [n1, m1] = [await count('notices'), await count('mail_outbox')];
      t = performance.now();
      const again = await sweepReminders(h.db, { digest: true });
      const againMs = performance.now() - t;
      const [n2, m2] = [await count('notices'), await count('mail_outbox')];
      const f0 = (n: number) => n.toLocaleString('vi-VN', { maximumFractionDigits: 0 });
      console.log(`reminders (SQLite, synchronous=FULL): ${f0(first.users)} người dùng; lần quét đầu trong ngày ${f0(firstMs)} ms (${f0(firstMs / first.users)} ms/người) — ghi ${f0(n1 - n0)} nhắc việc, xếp ${f0(m1 - m0)} bản tin; quét lại cùng ngày ${f0(againMs)} ms — ghi ${f0(n2 - n1)} nhắc việc, ${f0(m2 - m1)} thư (${f0(again.reminders)}/${f0(again.digests)})`);
    } finally {
      await h.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
