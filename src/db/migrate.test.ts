import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PG_URL } from '../../test/support/db.js';
import { runTs } from '../../test/support/spawn.js';
import type { Database } from './database.js';
import { forMigrator, openDatabase } from './dialect.js';
import { migrateToLatest } from './migrate.js';
import { migrations } from './migrations/index.js';

const dir = mkdtempSync(path.join(tmpdir(), 'kheo-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migrations', () => {
  it('run once when two processes start together on one SQLite file', async () => {
    const file = path.join(dir, 'race.sqlite');
    const runs = await Promise.all([1, 2, 3].map(() => runTs('test/support/child.ts', ['migrate', file])));
    for (const r of runs) expect(r.code, r.stderr).toBe(0);
    const applied = runs.map((r) => JSON.parse(r.stdout) as string[]);
    expect(applied.flat().sort()).toEqual(Object.keys(migrations).sort());
    const h = openDatabase<Database>({ sqliteFile: file });
    const rows = await h.db.selectFrom('kysely_migration' as never).selectAll().execute();
    expect(rows).toHaveLength(Object.keys(migrations).length);
    await h.close();
  });

  // PostgreSQL only: SQLite's case is the test above (one handle per process).
  if (PG_URL) it('run once when two instances start together on PostgreSQL', async () => {
    const pg = await import('pg');
    const schema = `race_${Date.now()}`;
    const admin = new pg.default.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    try {
      const handles = [1, 2].map(() => openDatabase<Database>({ databaseUrl: PG_URL, pgSchema: schema, pgPoolSize: 2 }));
      const applied = await Promise.all(handles.map((h) => migrateToLatest(h)));
      expect(applied.flat().sort()).toEqual(Object.keys(migrations).sort());
      await Promise.all(handles.map((h) => h.close()));
    } finally {
      await admin.query(`drop schema ${schema} cascade`);
      await admin.end();
    }
  });

  it('are reversible (down, then up again)', async () => {
    const { Migrator, NO_MIGRATIONS } = await import('kysely');
    const h = openDatabase<Database>({ sqliteFile: ':memory:' });
    await migrateToLatest(h);
    const migrator = new Migrator({ db: forMigrator(h.db), provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo(NO_MIGRATIONS);
    expect(down.error).toBeUndefined();
    expect(await migrateToLatest(h)).toEqual(Object.keys(migrations));
    await h.close();
  });

  it('sum existing land clearance data into the kept figures and step facts as the services keep them (migration 08)', async () => {
    const { Migrator } = await import('kysely');
    const { createTestDb } = await import('../../test/support/db.js');
    const { loadDemo } = await import('../features/demo/demo.service.js');
    const h = await createTestDb();
    try {
      await h.db.transaction().execute((trx) => loadDemo(trx, { adminPassword: 'mật khẩu quản trị thử nghiệm' }));
      const snapshot = async () => ({
        figures: await h.db.selectFrom('clearance_project_figures').selectAll().orderBy('project_id').execute(),
        steps: await h.db.selectFrom('clearance_projects').select(['id', 'steps_json']).orderBy('id').execute(),
      });
      const kept = await snapshot();
      expect(kept.figures).toHaveLength(100);
      const migrator = new Migrator({ db: forMigrator(h.db), provider: { getMigrations: async () => migrations }, ...(h.pgSchema ? { migrationTableSchema: h.pgSchema } : {}) });
      expect((await migrator.migrateTo('2026-11-26-07-narrative')).error).toBeUndefined();
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      const summed = await snapshot();
      expect(summed.figures).toEqual(kept.figures);
      expect(summed.steps).toEqual(kept.steps);
    } finally {
      await h.destroy();
    }
  }, 60_000);
});
