import type { Db } from '../../db/index.js';
import type { FileRow } from './files.table.js';

export async function insertFile(db: Db, row: { sha256: string; name: string; mime: string; size: number; data: Buffer; created_by: number | null; created_at: string }): Promise<number> {
  return (await db.insertInto('files').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function deleteFile(db: Db, id: number): Promise<void> {
  await db.deleteFrom('files').where('id', '=', id).execute();
}

export const findFile = (db: Db, id: number): Promise<FileRow | undefined> => db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();

export type FileMeta = Omit<FileRow, 'data'>;

export async function filesOfUpdates(db: Db, updateIds: readonly number[]): Promise<Map<number, FileMeta[]>> {
  const out = new Map<number, FileMeta[]>();
  if (!updateIds.length) return out;
  const rows = await db
    .selectFrom('model_update_files as l')
    .innerJoin('files as f', 'f.id', 'l.file_id')
    .select(['l.update_id', 'f.id', 'f.sha256', 'f.name', 'f.mime', 'f.size', 'f.created_by', 'f.created_at'])
    .where('l.update_id', 'in', [...updateIds])
    .orderBy('f.id')
    .execute();
  for (const { update_id, ...f } of rows) out.set(update_id, [...(out.get(update_id) ?? []), f]);
  return out;
}

export async function linkFileToUpdate(db: Db, updateId: number, fileId: number): Promise<void> {
  await db.insertInto('model_update_files').values({ update_id: updateId, file_id: fileId }).execute();
}

/** The model an uploaded file belongs to (a progress update's, or a score's evidence), for access checks. */
export async function modelCodeOfFile(db: Db, fileId: number): Promise<string | undefined> {
  const r = await db
    .selectFrom('model_update_files as l')
    .innerJoin('model_updates as u', 'u.id', 'l.update_id')
    .innerJoin('models as m', 'm.id', 'u.model_id')
    .select('m.code')
    .where('l.file_id', '=', fileId)
    .executeTakeFirst();
  if (r) return r.code;
  const e = await db
    .selectFrom('score_items as i')
    .innerJoin('score_sheets as s', 's.id', 'i.sheet_id')
    .innerJoin('models as m', 'm.id', 's.model_id')
    .select('m.code')
    .where('i.evidence_file_id', '=', fileId)
    .executeTakeFirst();
  return e?.code;
}

export async function fileNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (!ids.length) return out;
  for (const r of await db.selectFrom('files').select(['id', 'name']).where('id', 'in', [...ids]).execute()) out.set(r.id, r.name);
  return out;
}
