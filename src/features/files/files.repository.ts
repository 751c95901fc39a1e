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

/**
 * Everything an uploaded file served by `/quan-tri/tep/:id` is attached to, for access checks: the
 * models whose progress updates carry it, and the score sheets (round, appraiser) whose evidence it
 * is. A file is served only when every attachment allows it (the strictest rule wins).
 */
export async function attachmentsOfFile(db: Db, fileId: number): Promise<{ models: string[]; evidence: { round: string; appraiserId: number }[] }> {
  const models = await db
    .selectFrom('model_update_files as l')
    .innerJoin('model_updates as u', 'u.id', 'l.update_id')
    .innerJoin('models as m', 'm.id', 'u.model_id')
    .select('m.code')
    .where('l.file_id', '=', fileId)
    .execute();
  const evidence = await db
    .selectFrom('score_items as i')
    .innerJoin('score_sheets as s', 's.id', 'i.sheet_id')
    .innerJoin('appraisal_rounds as r', 'r.id', 's.round_id')
    .select(['r.code as round', 's.appraiser_id as appraiserId'])
    .where('i.evidence_file_id', '=', fileId)
    .execute();
  return { models: models.map((r) => r.code), evidence };
}

export async function fileNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (!ids.length) return out;
  for (const r of await db.selectFrom('files').select(['id', 'name']).where('id', 'in', [...ids]).execute()) out.set(r.id, r.name);
  return out;
}
