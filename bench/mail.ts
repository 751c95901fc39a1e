/**
 * The e-mail outbox (issue #22) against a real SMTP server on 127.0.0.1 (`smtp-server`): how many
 * e-mails a second one sender delivers from a full outbox, and the delay from the commit of a
 * change to the e-mail's arrival with the sender polling every second and every 5 s (the
 * default, KHEO_MAIL_INTERVAL_SECONDS). SQLite file, synchronous=FULL.
 * `npm run bench -- mail [--runs N]` (N e-mails in the outbox, 1 000).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import type { Database } from '../src/db/database.js';
import { openDatabase } from '../src/db/dialect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { systemActor } from '../src/policy/policy.js';
import { createUnit } from '../src/features/units/units.service.js';
import { createUser } from '../src/features/accounts/accounts.service.js';
import { notify } from '../src/features/notices/notices.service.js';
import { createMailer } from '../src/features/notices/notices.mailer.js';

export async function benchMail(n = 1000): Promise<void> {
  const arrived = new Map<string, number>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _s, cb) {
      let head = '';
      stream.on('data', (b: Buffer) => {
        if (head.length < 4096) head += b.toString('latin1');
      });
      stream.on('end', () => {
        const id = /^Message-ID:\s*<kheo-(\d+)@/im.exec(head)?.[1];
        if (id) arrived.set(id, performance.now());
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  const dir = mkdtempSync(path.join(tmpdir(), 'kheo-bench-mail-'));
  const actor = systemActor('đo hiệu năng');
  try {
    const h = openDatabase<Database>({ sqliteFile: path.join(dir, 'kheo.sqlite'), sqliteSynchronous: 'full' });
    await migrateToLatest(h);
    const userId = await h.db.transaction().execute(async (trx) => {
      await createUnit(trx, { actor, input: { code: 'GOC', name: 'Quận Long Biên', kind: 'district', parent: null } });
      await createUser(trx, { actor, input: { username: 'canbo', fullName: 'Nguyễn Thị Lâm', unit: 'GOC', roles: ['officer'], password: 'một mật khẩu thật dài', email: 'canbo@longbien.gov.vn' } });
      return (await trx.selectFrom('users').select('id').where('username', '=', 'canbo').executeTakeFirstOrThrow()).id;
    });
    const sender = { kind: 'user' as const, userId: -1, username: 'lanhdao', fullName: 'Trần Văn Hà', unitId: 0, unitCode: 'GOC', unitName: 'Quận Long Biên', unitPath: '/', roles: [], ip: null, via: 'session' as const };
    const change = (i: number) => h.db.transaction().execute((trx) => notify(trx, sender, { to: userId, kind: 'report.returned', title: `Báo cáo tháng ${i} bị trả lại`, body: 'Lý do: số hộ vận động thành công lớn hơn số hộ được thăm', url: `/quan-tri/bao-cao/BC/GOC/2021-${i}` }));
    const config = { smtpUrl: `smtp://127.0.0.1:${port}`, mailFrom: 'Khéo <khong-tra-loi@kheo.example.vn>', publicUrl: 'https://kheo.example.vn', mailIntervalMs: 1000 };

    // throughput: a full outbox, one sender
    for (let i = 0; i < n; i++) await change(i);
    const mailer = createMailer(h.db, config);
    const t0 = performance.now();
    let sent = 0;
    while (sent < n) sent += (await mailer.sendDue()).sent;
    const s = (performance.now() - t0) / 1000;
    await mailer.stop();
    console.log(`thư đi (SQLite, một bộ gửi, máy chủ SMTP cục bộ): ${n.toLocaleString('vi-VN')} thư trong ${s.toFixed(2)} s — ${Math.round(n / s).toLocaleString('vi-VN')} thư/s`);

    // delay from commit to arrival, the sender polling every 1 s and every 5 s
    for (const every of [1000, 5000]) {
      const m = createMailer(h.db, { ...config, mailIntervalMs: every });
      m.start();
      const committed = new Map<string, number>();
      const count = every === 1000 ? 40 : 16;
      for (let i = 0; i < count; i++) {
        await change(1000 + i);
        const id = (await h.db.selectFrom('mail_outbox').select('id').orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow()).id;
        committed.set(String(id), performance.now());
        await new Promise((r) => setTimeout(r, every / 4 + Math.random() * (every / 4)));
      }
      const deadline = performance.now() + every * 3 + 5000;
      while ([...committed.keys()].some((id) => !arrived.has(id)) && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await m.stop();
      const delays = [...committed].map(([id, at]) => (arrived.get(id) ?? Number.NaN) - at).sort((a, b) => a - b);
      const q = (p: number) => delays[Math.min(delays.length - 1, Math.floor(p * delays.length))]!;
      console.log(`thư đi, từ lúc ghi đến lúc tới hộp thư (hỏi mỗi ${every / 1000} s): trung vị ${Math.round(q(0.5))} ms, p95 ${Math.round(q(0.95))} ms, lớn nhất ${Math.round(delays.at(-1)!)} ms (${delays.length} thư)`);
    }
    await h.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
