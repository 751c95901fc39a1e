import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { system } from '../../test/support/fixtures.js';
import { runTs } from '../../test/support/spawn.js';
import { AppError } from '../lib/errors.js';
import { createUnit } from '../features/units/units.service.js';
import { backupTo, restoreFrom } from './backup.js';
import type { Database } from './database.js';
import { openDatabase } from './dialect.js';
import { migrateToLatest } from './migrate.js';

// Backup and restore are SQLite features (PostgreSQL has pg_dump); these tests always use SQLite files.
const dir = mkdtempSync(path.join(tmpdir(), 'kheo-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function counts(file: string) {
  const h = openDatabase<Database>({ sqliteFile: file });
  const units = await h.db.selectFrom('units').select('code').where('code', 'like', 'W-%').execute();
  const audits = await h.db.selectFrom('audit_log').select('entity_id').where('action', '=', 'unit.create').where('entity_id', 'like', 'W-%').execute();
  const integrity = h.sqlite!.pragma('integrity_check', { simple: true });
  await h.close();
  return { units: units.length, audits: audits.length, integrity };
}

describe('online backup and restore (SQLite)', () => {
  it('takes a consistent backup while another process writes, and restores it', async () => {
    const live = path.join(dir, 'live.sqlite');
    const h = openDatabase<Database>({ sqliteFile: live });
    await migrateToLatest(h);
    await h.db.transaction().execute((trx) => createUnit(trx, { actor: system, input: { code: 'ROOT', name: 'Gốc', kind: 'city', parent: null } }));
    const writer = runTs('test/support/child.ts', ['write', live, '4000']);
    // back up once the writer is well under way
    for (let i = 0; i < 200; i++) {
      const n = await h.db.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).where('code', 'like', 'W-%').executeTakeFirstOrThrow();
      if (Number(n.n) >= 20) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const backup = path.join(dir, 'backup.sqlite');
    const size = await backupTo(h, backup);
    const written = Number((await writer).stdout);
    expect(written).toBeGreaterThan(10);
    expect(size).toBeGreaterThan(0);

    const b = await counts(backup);
    expect(b.integrity).toBe('ok');
    // every unit's audit row came with it, and nothing written after the copy is in it
    expect(b.units).toBe(b.audits);
    expect(b.units).toBeGreaterThan(0);
    expect(b.units).toBeLessThan(written);

    await restoreFrom(h, backup);
    const units = await h.db.selectFrom('units').select('code').where('code', 'like', 'W-%').execute();
    expect(units).toHaveLength(b.units);
    await h.close();
    expect(await counts(live)).toEqual(b);
  });

  it('finishes while another process keeps writing to a database of some size', async () => {
    // Regression: the backup API restarts its copy whenever another connection writes between two
    // of its steps; copied 100 pages at a time (better-sqlite3's default), a database of a few tens
    // of MB under steady writes was never copied to the end (`kheo backup` beside a busy server).
    const live = path.join(dir, 'busy.sqlite');
    const h = openDatabase<Database>({ sqliteFile: live });
    await migrateToLatest(h);
    await h.db.transaction().execute((trx) => createUnit(trx, { actor: system, input: { code: 'ROOT', name: 'Gốc', kind: 'city', parent: null } }));
    const filler = h.sqlite!.prepare("insert into audit_log (at, actor_id, actor_name, action, entity_type, entity_id, outcome, before_json, after_json, ip) values ('2024-01-01T00:00:00.000Z', null, 'x', 'history.seed', 'history', null, 'ok', null, ?, null)");
    h.sqlite!.transaction(() => {
      for (let i = 0; i < 90_000; i++) filler.run('x'.repeat(400)); // about 40 MB
    })();
    await h.close();
    let writerDone = false;
    const writer = runTs('test/support/child.ts', ['write', live, '5000']).then((r) => {
      writerDone = true;
      return r;
    });
    // the backup's own connection, as `kheo backup` opens it in its own process
    const b = openDatabase<Database>({ sqliteFile: live });
    for (let i = 0; i < 200; i++) {
      const n = await b.db.selectFrom('units').select((eb) => eb.fn.countAll<number>().as('n')).where('code', 'like', 'W-%').executeTakeFirstOrThrow();
      if (Number(n.n) >= 20) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const file = path.join(dir, 'busy-backup.sqlite');
    await backupTo(b, file);
    expect(writerDone).toBe(false); // done while the writes went on
    await writer;
    await b.close();
    const c = await counts(file);
    expect(c.integrity).toBe('ok');
    expect(c.units).toBe(c.audits);
    expect(c.units).toBeGreaterThan(0);
  }, 30_000);

  it('refuses a file that is not a Khéo backup, naming it', async () => {
    const h = openDatabase<Database>({ sqliteFile: path.join(dir, 'other.sqlite') });
    await migrateToLatest(h);
    const junk = path.join(dir, 'junk.sqlite');
    writeFileSync(junk, 'đây không phải cơ sở dữ liệu');
    const e = await restoreFrom(h, junk).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).message).toContain('junk.sqlite');
    await h.close();
  });
});
