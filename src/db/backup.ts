/**
 * Online backup and restore of the embedded SQLite database with SQLite's backup API: a
 * consistent copy even while the server keeps writing. PostgreSQL has pg_dump for this.
 */
import { existsSync, statSync } from 'node:fs';
import SQLite from 'better-sqlite3';
import { AppError } from '../lib/errors.js';
import type { AppDb } from './index.js';

const PG_MESSAGE =
  'Cơ sở dữ liệu đang là PostgreSQL: hãy sao lưu bằng pg_dump (ví dụ: pg_dump -Fc "$DATABASE_URL" -f kheo.dump) và khôi phục bằng pg_restore.';

/** Writes a consistent copy of the live database to `file`. Returns its size in bytes. */
export async function backupTo(h: AppDb, file: string): Promise<number> {
  if (h.dialect !== 'sqlite' || !h.sqlite) throw new AppError(400, 'use_pg_dump', PG_MESSAGE);
  await h.sqlite.backup(file);
  return statSync(file).size;
}

/** Checks that `file` is a Khéo SQLite backup, or throws naming the file. */
export function checkBackupFile(file: string): void {
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
    await src.backup(h.sqliteFile);
  } finally {
    src.close();
  }
}
