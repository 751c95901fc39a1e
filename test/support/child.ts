/**
 * Small jobs run in a child process by the tests (another process on the same SQLite file):
 *   migrate FILE        migrate and print the applied migrations as JSON
 *   write FILE MS       create units (each with its audit row) for MS milliseconds, print the count
 */
import { openDatabase } from '../../src/db/dialect.js';
import type { Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { systemActor } from '../../src/policy/policy.js';
import { createUnit } from '../../src/features/units/units.service.js';

const [job, file, arg] = process.argv.slice(2);
const h = openDatabase<Database>({ sqliteFile: file! });
if (job === 'migrate') {
  const applied = await migrateToLatest(h);
  process.stdout.write(JSON.stringify(applied));
} else if (job === 'write') {
  const until = Date.now() + Number(arg);
  let n = 0;
  while (Date.now() < until) {
    const code = `W-${process.pid}-${n}`;
    await h.db.transaction().execute((trx) =>
      createUnit(trx, { actor: systemActor('tải ghi'), input: { code, name: `Đơn vị ghi ${n}`, kind: 'residentialGroup', parent: 'ROOT' } }),
    );
    n++;
  }
  process.stdout.write(String(n));
}
await h.close();
