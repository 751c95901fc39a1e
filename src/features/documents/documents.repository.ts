import type { Db } from '../../db/index.js';
import { likeContains, likePrefix } from '../../db/dialect.js';
import type { DocumentRow, DocumentTable } from './documents.table.js';
import type { Insertable, Updateable } from 'kysely';

export type DocumentWithUnit = DocumentRow & { unit_code: string | null; unit_path: string | null };

const base = (db: Db) =>
  db
    .selectFrom('documents')
    .leftJoin('units', 'units.id', 'documents.unit_id')
    .selectAll('documents')
    .select(['units.code as unit_code', 'units.path as unit_path']);

export const findDocumentById = (db: Db, id: number): Promise<DocumentWithUnit | undefined> => base(db).where('documents.id', '=', id).executeTakeFirst();

export const findDocument = (db: Db, number: string, issuedOn: string): Promise<DocumentWithUnit | undefined> =>
  base(db).where('documents.number', '=', number).where('documents.issued_on', '=', issuedOn).executeTakeFirst();

/** Documents with this number, newest first (numbers repeat across years). */
export const findDocumentsByNumber = (db: Db, number: string): Promise<DocumentWithUnit[]> =>
  base(db).where('documents.number', '=', number).orderBy('documents.issued_on', 'desc').execute();

export interface DocumentFilter {
  folded?: string | undefined;
  kind?: string | undefined;
  year?: number | undefined;
  limit: number;
  offset: number;
}

export async function listDocuments(db: Db, f: DocumentFilter): Promise<{ rows: DocumentWithUnit[]; total: number }> {
  let q = base(db);
  if (f.folded) q = q.where(likeContains('documents.search_folded', f.folded));
  if (f.kind) q = q.where('documents.kind', '=', f.kind);
  if (f.year) q = q.where('documents.issued_on', '>=', `${f.year}-01-01`).where('documents.issued_on', '<=', `${f.year}-12-31`);
  const total = await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.orderBy('documents.issued_on', 'desc').orderBy('documents.id', 'desc').limit(f.limit).offset(f.offset).execute();
  return { rows, total: Number(total.n) };
}

export async function insertDocument(db: Db, row: Insertable<DocumentTable>): Promise<number> {
  const r = await db.insertInto('documents').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateDocumentRow(db: Db, id: number, patch: Updateable<DocumentTable>): Promise<void> {
  await db.updateTable('documents').set(patch).where('id', '=', id).execute();
}

export async function listAllDocuments(db: Db): Promise<DocumentWithUnit[]> {
  return base(db).orderBy('documents.issued_on').orderBy('documents.id').execute();
}

/** Documents of a unit's subtree (or with no unit) issued between two dates, oldest first. */
export const documentsIssued = (db: Db, f: { unitPath: string; from: string; to: string }): Promise<DocumentWithUnit[]> =>
  base(db)
    .where((eb) => eb.or([eb('units.path', 'is', null), likePrefix('units.path', f.unitPath)]))
    .where('documents.issued_on', '>=', f.from)
    .where('documents.issued_on', '<=', f.to)
    .orderBy('documents.issued_on')
    .orderBy('documents.id')
    .execute();
