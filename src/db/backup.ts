/**
 * Online backup and restore of the embedded SQLite database with SQLite's backup API: a
 * consistent copy even while the server keeps writing. PostgreSQL has pg_dump for this.
 */
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { AppError } from '../lib/errors.js';
import type { AppDb } from './index.js';

const PG_MESSAGE =
  'Cơ sở dữ liệu đang là PostgreSQL: hãy sao lưu bằng pg_dump (ví dụ: pg_dump -Fc "$DATABASE_URL" -f kheo.dump) và khôi phục bằng pg_restore.';

/**
 * Copy every page in one step of the backup API (better-sqlite3 copies 100 pages per step by
 * default). A write by another connection between two steps restarts the copy from the first page:
 * in small steps, a database of a few tens of MB under steady writes from the server was never
 * copied to the end. One step reads one snapshot (in WAL mode writers go on meanwhile) and cannot
 * be restarted half-way.
 */
const IN_ONE_STEP = { progress: () => 0x7fffffff };

/**
 * Writes a consistent copy of the live database to `file` (through a temporary file beside it,
 * renamed at the end, so `file` is never a half-written copy). Returns its size in bytes.
 */
export async function backupTo(h: AppDb, file: string): Promise<number> {
  if (h.dialect !== 'sqlite' || !h.sqlite) throw new AppError(400, 'use_pg_dump', PG_MESSAGE);
  const tmp = `${file}.tmp-${process.pid}`;
  rmSync(tmp, { force: true });
  try {
    await h.sqlite.backup(tmp, IN_ONE_STEP);
    renameSync(tmp, file);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
  return statSync(file).size;
}

/** Checks that `file` is a Khéo SQLite backup, or throws naming the file. */
function checkBackupFile(file: string): void {
  if (!existsSync(file)) throw new AppError(422, 'no_file', `Không tìm thấy tệp "${file}".`);
  let src: SQLite.Database | undefined;
  try {
    src = new SQLite(file, { readonly: true, fileMustExist: true });
    const tables = new Set(src.prepare("select name from sqlite_master where type = 'table'").all().map((r) => (r as { name: string }).name));
    if (!tables.has('kysely_migration') || !tables.has('units')) throw new Error('not kheo');
    const check = src.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error('corrupt');
  } catch {
    throw new AppError(422, 'bad_backup', `Tệp "${file}" không phải bản sao lưu Khéo hợp lệ (không đọc được hoặc thiếu bảng dữ liệu).`);
  } finally {
    src?.close();
  }
}

/**
 * Replaces the live database's content with the backup's, through the backup API (which locks
 * the destination while it copies). Stop the server first: its caches would otherwise be stale.
 */
export async function restoreFrom(h: AppDb, file: string): Promise<void> {
  if (h.dialect !== 'sqlite' || !h.sqlite || !h.sqliteFile) throw new AppError(400, 'use_pg_dump', PG_MESSAGE);
  checkBackupFile(file);
  const src = new SQLite(file, { readonly: true });
  try {
    await src.backup(h.sqliteFile, IN_ONE_STEP);
  } finally {
    src.close();
  }
}
