import { sql, type Insertable, type Updateable } from 'kysely';
import type { Db } from '../../db/index.js';
import { likeContains, likePrefix } from '../../db/dialect.js';
import { compareVi } from '../../lib/vi.js';
import type { FileRow } from '../files/files.service.js';
import type { DocumentRow, DocumentTable } from './documents.table.js';
import { declareUnitReferences } from '../units/units.references.js';

/** The columns of this slice's tables that hold a unit id (deleting a unit counts them: units.references.ts). */
declareUnitReferences(
  { table: 'documents', column: 'unit_id', label: 'văn bản' },
  { table: 'document_recipients', column: 'unit_id', label: 'nơi nhận văn bản' },
);

/** A unit a document was sent to (nơi nhận). */
interface DocumentRecipient {
  id: number;
  code: string;
  name: string;
  path: string;
}

type DocumentRowWithUnit = DocumentRow & { unit_code: string | null; unit_path: string | null };
export type DocumentWithUnit = DocumentRowWithUnit & { recipients: DocumentRecipient[] };

/** The recipient units of these documents, each list in Vietnamese name order. */
async function recipientsOf(db: Db, documentIds: readonly number[]): Promise<Map<number, DocumentRecipient[]>> {
  const out = new Map<number, DocumentRecipient[]>();
  if (!documentIds.length) return out;
  const rows = await db
    .selectFrom('document_recipients as r')
    .innerJoin('units as u', 'u.id', 'r.unit_id')
    .select(['r.document_id', 'u.id', 'u.code', 'u.name', 'u.path'])
    .where('r.document_id', 'in', [...new Set(documentIds)])
    .execute();
  for (const r of rows) out.set(r.document_id, [...(out.get(r.document_id) ?? []), { id: r.id, code: r.code, name: r.name, path: r.path }]);
  for (const list of out.values()) list.sort((a, b) => compareVi(a.name, b.name) || a.code.localeCompare(b.code));
  return out;
}

/** Rows with their recipient units (one more query for all of them). */
async function withRecipients(db: Db, rows: DocumentRowWithUnit[]): Promise<DocumentWithUnit[]> {
  const r = await recipientsOf(
    db,
    rows.map((x) => x.id),
  );
  return rows.map((x) => ({ ...x, recipients: r.get(x.id) ?? [] }));
}
const one = async (db: Db, row: DocumentRowWithUnit | undefined): Promise<DocumentWithUnit | undefined> => (row ? (await withRecipients(db, [row]))[0] : undefined);

/** Replaces a document's recipient units. */
export async function setDocumentRecipients(db: Db, documentId: number, unitIds: readonly number[]): Promise<void> {
  await db.deleteFrom('document_recipients').where('document_id', '=', documentId).execute();
  const ids = [...new Set(unitIds)];
  if (ids.length) await db.insertInto('document_recipients').values(ids.map((unit_id) => ({ document_id: documentId, unit_id }))).execute();
}

const base = (db: Db) =>
  db
    .selectFrom('documents')
    .leftJoin('units', 'units.id', 'documents.unit_id')
    .selectAll('documents')
    .select(['units.code as unit_code', 'units.path as unit_path']);

export const findDocumentById = async (db: Db, id: number): Promise<DocumentWithUnit | undefined> => one(db, await base(db).where('documents.id', '=', id).executeTakeFirst());

export const findDocument = async (db: Db, number: string, issuedOn: string): Promise<DocumentWithUnit | undefined> =>
  one(db, await base(db).where('documents.number', '=', number).where('documents.issued_on', '=', issuedOn).executeTakeFirst());

/** Documents with this number, newest first (numbers repeat across years). */
export const findDocumentsByNumber = async (db: Db, number: string): Promise<DocumentWithUnit[]> =>
  withRecipients(db, await base(db).where('documents.number', '=', number).orderBy('documents.issued_on', 'desc').execute());

/** Paths of a unit and its ancestors: "/1/5/23/" → "/1/", "/1/5/", "/1/5/23/". */
const lineAbove = (path: string): string[] => {
  const ids = path.split('/').filter(Boolean);
  return ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
};

/**
 * Who may read a document kept off the portal (issue #20 decision): the issuing unit's line — its
 * ancestors and its subtree — and each unit it was sent to with that unit's subtree (a recipient
 * is the reader's unit or one above it). `readerPath` is the reader's unit; public documents and
 * those of no unit (the installation's) are read by all.
 */
const readableBy = (q: ReturnType<typeof base>, readerPath: string | undefined): ReturnType<typeof base> =>
  readerPath === undefined
    ? q
    : q.where((eb) =>
        eb.or([
          eb('documents.is_public', '=', 1),
          eb('units.path', 'is', null),
          likePrefix('units.path', readerPath),
          eb('units.path', 'in', lineAbove(readerPath)),
          eb.exists(
            eb
              .selectFrom('document_recipients as dr')
              .innerJoin('units as ru', 'ru.id', 'dr.unit_id')
              .select('dr.unit_id')
              .whereRef('dr.document_id', '=', 'documents.id')
              .where('ru.path', 'in', lineAbove(readerPath)),
          ),
        ]),
      );

/** Documents of a unit's subtree, and those of no unit (the installation's, read everywhere). */
const ofSubtree = (q: ReturnType<typeof base>, unitPath: string): ReturnType<typeof base> => q.where((eb) => eb.or([eb('units.path', 'is', null), likePrefix('units.path', unitPath)]));

interface DocumentFilter {
  /** the reader's unit path: only documents it may read (see readableBy); none: every document */
  readerPath?: string | undefined;
  /** folded search text: every word must occur (in any order) */
  folded?: string | undefined;
  kind?: string | undefined;
  year?: number | undefined;
  /** exact issuer texts (any of them) */
  issuers?: readonly string[] | undefined;
  /** only documents shown on the portal */
  publicOnly?: boolean | undefined;
  /** documents of this unit's subtree or of no unit (the figure "văn bản chỉ đạo" of a campaign) */
  unitPath?: string | undefined;
  /** issued on or after / on or before (YYYY-MM-DD) */
  from?: string | undefined;
  to?: string | undefined;
  /** leave out the document with this number (the campaign's own plan) */
  exceptNumber?: string | undefined;
  limit: number;
  offset: number;
}

export async function listDocuments(db: Db, f: DocumentFilter): Promise<{ rows: DocumentWithUnit[]; total: number }> {
  let q = readableBy(base(db), f.readerPath);
  if (f.publicOnly) q = q.where('documents.is_public', '=', 1);
  // each word (at most 12) must occur somewhere: "ke hoach 18" finds "18-KH/QU … Kế hoạch …"
  for (const word of (f.folded ?? '').split(' ').filter(Boolean).slice(0, 12)) q = q.where(likeContains('documents.search_folded', word));
  if (f.kind) q = q.where('documents.kind', '=', f.kind);
  if (f.issuers?.length) q = q.where('documents.issuer', 'in', [...f.issuers]);
  if (f.year) q = q.where('documents.issued_on', '>=', `${f.year}-01-01`).where('documents.issued_on', '<=', `${f.year}-12-31`);
  if (f.unitPath) q = ofSubtree(q, f.unitPath);
  if (f.from) q = q.where('documents.issued_on', '>=', f.from);
  if (f.to) q = q.where('documents.issued_on', '<=', f.to);
  if (f.exceptNumber) q = q.where('documents.number', '!=', f.exceptNumber);
  const total = await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await withRecipients(db, await q.orderBy('documents.issued_on', 'desc').orderBy('documents.id', 'desc').limit(f.limit).offset(f.offset).execute());
  return { rows, total: Number(total.n) };
}

interface Facet {
  key: string;
  n: number;
}

/** How many public documents there are of each kind, year and issuer (the archive's filter menus). */
export async function publicFacets(db: Db): Promise<{ kinds: Facet[]; years: Facet[]; issuers: Facet[] }> {
  const pub = db.selectFrom('documents').where('is_public', '=', 1);
  const year = sql<string>`substr(${sql.ref('issued_on')}, 1, 4)`;
  const [kinds, years, issuers] = await Promise.all([
    pub.select(['kind as key', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('kind').execute(),
    pub.select([year.as('key'), (eb) => eb.fn.countAll<number>().as('n')]).groupBy(year).orderBy(year, 'desc').execute(),
    pub.select(['issuer as key', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('issuer').execute(),
  ]);
  const num = (r: { key: string; n: number | string }) => ({ key: r.key, n: Number(r.n) });
  return { kinds: kinds.map(num), years: years.map(num), issuers: issuers.map(num) };
}

export async function insertDocument(db: Db, row: Insertable<DocumentTable>): Promise<number> {
  const r = await db.insertInto('documents').values(row).returning('id').executeTakeFirstOrThrow();
  return r.id;
}

export async function updateDocumentRow(db: Db, id: number, patch: Updateable<DocumentTable>): Promise<void> {
  await db.updateTable('documents').set(patch).where('id', '=', id).execute();
}

export async function listAllDocuments(db: Db): Promise<DocumentWithUnit[]> {
  return withRecipients(db, await base(db).orderBy('documents.issued_on').orderBy('documents.id').execute());
}

/** Public documents by id, from `afterId` on (rebuilding the search index in batches). */
export const publicDocumentsAfter = async (db: Db, afterId: number, limit: number): Promise<DocumentWithUnit[]> =>
  withRecipients(db, await base(db).where('documents.is_public', '=', 1).where('documents.id', '>', afterId).orderBy('documents.id').limit(limit).execute());

/**
 * Documents of a unit's subtree (or with no unit) issued between two dates, oldest first;
 * `publicOnly` keeps those shown on the portal.
 */
export const documentsIssued = async (db: Db, f: { unitPath: string; from: string; to: string; publicOnly?: boolean; readerPath?: string | undefined }): Promise<DocumentWithUnit[]> => {
  let q = ofSubtree(readableBy(base(db), f.readerPath), f.unitPath)
    .where('documents.issued_on', '>=', f.from)
    .where('documents.issued_on', '<=', f.to);
  if (f.publicOnly) q = q.where('documents.is_public', '=', 1);
  return withRecipients(db, await q.orderBy('documents.issued_on').orderBy('documents.id').execute());
};

// ——— attached files ———

export type DocumentFileMeta = Omit<FileRow, 'data'> & { document_id: number; position: number };

/** The files of these documents, each list in its order. */
export async function filesOfDocuments(db: Db, documentIds: readonly number[]): Promise<Map<number, DocumentFileMeta[]>> {
  const out = new Map<number, DocumentFileMeta[]>();
  if (!documentIds.length) return out;
  const rows = await db
    .selectFrom('document_files as l')
    .innerJoin('files as f', 'f.id', 'l.file_id')
    .select(['l.document_id', 'l.position', 'f.id', 'f.sha256', 'f.name', 'f.mime', 'f.size', 'f.created_by', 'f.created_at'])
    .where('l.document_id', 'in', [...new Set(documentIds)])
    .orderBy('l.document_id')
    .orderBy('l.position')
    .orderBy('f.id')
    .execute();
  for (const r of rows) out.set(r.document_id, [...(out.get(r.document_id) ?? []), r]);
  return out;
}

export async function nextFilePosition(db: Db, documentId: number): Promise<number> {
  const r = await db
    .selectFrom('document_files')
    .select((eb) => eb.fn.max<number | null>('position').as('p'))
    .where('document_id', '=', documentId)
    .executeTakeFirst();
  return r?.p == null ? 0 : Number(r.p) + 1;
}

export async function linkDocumentFile(db: Db, documentId: number, fileId: number, position: number): Promise<void> {
  await db.insertInto('document_files').values({ document_id: documentId, file_id: fileId, position }).execute();
}

export async function unlinkDocumentFile(db: Db, documentId: number, fileId: number): Promise<void> {
  await db.deleteFrom('document_files').where('document_id', '=', documentId).where('file_id', '=', fileId).execute();
}

export async function setDocumentFilePosition(db: Db, documentId: number, fileId: number, position: number): Promise<void> {
  await db.updateTable('document_files').set({ position }).where('document_id', '=', documentId).where('file_id', '=', fileId).execute();
}

/** A file attached to some document, with that document's id and whether it is public. */
export const findDocumentFile = async (db: Db, fileId: number): Promise<(FileRow & { document_id: number; is_public: number; unit_path: string | null; recipients: DocumentRecipient[] }) | undefined> => {
  const f = await db
    .selectFrom('document_files as l')
    .innerJoin('files as f', 'f.id', 'l.file_id')
    .innerJoin('documents as d', 'd.id', 'l.document_id')
    .leftJoin('units as u', 'u.id', 'd.unit_id')
    .selectAll('f')
    .select(['l.document_id', 'd.is_public', 'u.path as unit_path'])
    .where('l.file_id', '=', fileId)
    .executeTakeFirst();
  return f ? { ...f, recipients: (await recipientsOf(db, [f.document_id])).get(f.document_id) ?? [] } : undefined;
};
