/**
 * The register of official documents (văn bản): number/symbol, kind, issuer, signer, field,
 * dates, summary (the fields Nghị định 42/2022/NĐ-CP asks a portal to publish), and the files
 * attached to each. A campaign points at the plan it implements; the portal archive
 * (/van-ban) shows the public ones.
 */
import type { Db, Tx } from '../../db/index.js';
import { badInput, conflict, fieldError, notFound } from '../../lib/errors.js';
import { parseInput } from '../../lib/validation.js';
import { fold, parseDate } from '../../lib/vi.js';
import { authorize, authorizeRead, authorizeReadIf, can, HiddenError, onLineOf, type Actor } from '../../policy/policy.js';
import { audit } from '../audit/audit.service.js';
import { checkUploads, storeFile, type Upload, deleteFile } from '../files/files.service.js';
import { findUnitByCode } from '../units/units.service.js';
import * as repo from './documents.repository.js';
import { documentLabels, ZDocument, type PresentedDocument, type PresentedDocumentFile, type TDocument } from './documents.schemas.js';
import { syncDocumentSearch } from './documents.search.js';
import { DOCUMENT_KINDS } from './documents.table.js';

/** The public download of an attached file; the trailing name is for people and saved files. */
const documentFileUrl = (f: { id: number; name: string }): string => `/van-ban/tep/${f.id}/${encodeURIComponent(f.name)}`;

const presentFile = (f: repo.DocumentFileMeta): PresentedDocumentFile => ({ id: f.id, name: f.name, mime: f.mime, size: f.size, url: documentFileUrl(f) });

export function presentDocument(r: repo.DocumentWithUnit, files: repo.DocumentFileMeta[] = []): PresentedDocument {
  return {
    id: r.id,
    number: r.number,
    kind: r.kind,
    kindLabel: DOCUMENT_KINDS[r.kind] ?? r.kind,
    issuer: r.issuer,
    unit: r.unit_code,
    date: r.issued_on,
    effectiveDate: r.effective_on,
    title: r.title,
    signer: r.signer,
    field: r.field,
    public: Number(r.is_public) === 1,
    recipients: r.recipients.map((u) => ({ code: u.code, name: u.name })),
    files: files.map(presentFile),
  };
}

/** Rows with their files, in two queries. */
async function presentAll(db: Db, rows: repo.DocumentWithUnit[]): Promise<PresentedDocument[]> {
  const files = await repo.filesOfDocuments(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => presentDocument(r, files.get(r.id) ?? []));
}

const presentOne = async (db: Db, row: repo.DocumentWithUnit): Promise<PresentedDocument> => (await presentAll(db, [row]))[0]!;

/** The columns a document's input sets (creating and editing alike). */
const columnsOf = (d: TDocument, unitId: number | null) => ({
  number: d.number,
  kind: d.kind,
  issuer: d.issuer,
  unit_id: unitId,
  issued_on: d.date,
  effective_on: d.effectiveDate ?? null,
  title: d.title,
  signer: d.signer ?? null,
  field: d.field ?? null,
  is_public: d.public ? 1 : 0,
  search_folded: fold([d.number, DOCUMENT_KINDS[d.kind] ?? '', d.issuer, d.signer ?? '', d.field ?? '', d.title].join(' ')),
});

async function unitOf(db: Db, code: string | null | undefined) {
  if (!code) return null;
  const u = await findUnitByCode(db, code);
  if (!u) throw fieldError('unit', `Đơn vị quản lý: không tìm thấy đơn vị "${code}"`);
  return u;
}

/**
 * The recipient units named in a body, as ids; an unknown code is a field error naming its place
 * (`recipients[2]`). Units are public (`/don-vi`), so any existing unit may be named — as the other
 * unit lists of a body (a project's other wards) are.
 */
async function recipientIds(db: Db, codes: readonly string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const [i, code] of codes.entries()) {
    const u = await findUnitByCode(db, code);
    if (!u) throw fieldError(`recipients[${i}]`, `${documentLabels.recipients}: không tìm thấy đơn vị "${code}"`);
    if (!ids.includes(u.id)) ids.push(u.id);
  }
  return ids;
}

/** Registers a document; the same number on the same date is a duplicate (409). */
export async function createDocument(trx: Tx, { actor, input }: { actor: Actor; input: unknown }): Promise<PresentedDocument> {
  const d = parseInput(ZDocument, input, documentLabels);
  const unit = await unitOf(trx, d.unit);
  authorize(actor, 'document.manage', { unitPath: unit ? unit.path : '/', entityType: 'document', entityId: d.number });
  if (await repo.findDocument(trx, d.number, d.date)) throw conflict(`Văn bản số ${d.number} ngày ${d.date} đã có trong sổ.`, 'number');
  const t = new Date().toISOString();
  const recipients = await recipientIds(trx, d.recipients ?? []);
  const id = await repo.insertDocument(trx, { ...columnsOf(d, unit?.id ?? null), created_at: t, updated_at: t });
  await repo.setDocumentRecipients(trx, id, recipients);
  const out = presentDocument((await repo.findDocumentById(trx, id))!);
  await syncDocumentSearch(trx, id);
  await audit(trx, actor, { action: 'document.create', entityType: 'document', entityId: id, after: out });
  return out;
}

/** The answer for a document id that does not exist — and for one the reader may not read. */
const documentMissing = () => notFound('Không tìm thấy văn bản.');

async function requireDocument(db: Db, id: number): Promise<repo.DocumentWithUnit> {
  const d = Number.isInteger(id) ? await repo.findDocumentById(db, id) : undefined;
  if (!d) throw documentMissing();
  return d;
}

/** Outside the reader's scope: exactly as a document that does not exist (issue #20). */
const checkRead = (actor: Actor, d: repo.DocumentWithUnit, id: number): void =>
  authorizeReadIf(actor, 'document.read', mayReadDocument(actor, d), { ...(d.unit_path ? { unitPath: d.unit_path } : {}), entityType: 'document', entityId: id }, documentMissing);

/** A document the actor may change (its unit in their scope), or 403 / 404. */
async function loadForManage(db: Db, actor: Actor, id: number): Promise<repo.DocumentWithUnit> {
  const row = await requireDocument(db, id);
  authorize(actor, 'document.manage', { unitPath: row.unit_path ?? '/', entityType: 'document', entityId: id });
  return row;
}

/** Edits a document's register entry. */
export async function updateDocument(trx: Tx, { actor, id, input }: { actor: Actor; id: number; input: unknown }): Promise<PresentedDocument> {
  const row = await loadForManage(trx, actor, id);
  const d = parseInput(ZDocument, input, documentLabels);
  const unit = await unitOf(trx, d.unit);
  authorize(actor, 'document.manage', { unitPath: unit ? unit.path : '/', entityType: 'document', entityId: id });
  const dup = await repo.findDocument(trx, d.number, d.date);
  if (dup && dup.id !== id) throw conflict(`Văn bản số ${d.number} ngày ${d.date} đã có trong sổ.`, 'number');
  const recipients = d.recipients === undefined ? undefined : await recipientIds(trx, d.recipients);
  const before = await presentOne(trx, row);
  await repo.updateDocumentRow(trx, id, { ...columnsOf(d, unit?.id ?? null), updated_at: new Date().toISOString() });
  if (recipients) await repo.setDocumentRecipients(trx, id, recipients);
  const after = await presentOne(trx, (await repo.findDocumentById(trx, id))!);
  await syncDocumentSearch(trx, id);
  await audit(trx, actor, { action: 'document.update', entityType: 'document', entityId: id, before, after });
  return after;
}

/** A document its editor may change (scope of its unit), for the edit form. */
/**
 * A document's page in the register (its edit form). The register's record belongs to the issuing
 * unit's subtree: outside it the page answers as a document that does not exist (issue #20), even
 * when the text itself may be read (public, or sent to the caller: `/van-ban/:id`, the API); inside
 * it, a caller without `document.manage` is refused (403).
 */
export async function getDocumentForEdit(db: Db, actor: Actor, id: number): Promise<PresentedDocument> {
  const row = await requireDocument(db, id);
  authorizeRead(actor, 'document.read', { unitPath: row.unit_path ?? '/', entityType: 'document', entityId: id }, documentMissing);
  return presentOne(db, await loadForManage(db, actor, id));
}

/**
 * Who may read a document (issue #20 decision): a public one, anyone signed in with
 * `document.read`; one kept off the portal, the issuing unit's line (its ancestors and its
 * subtree) and each unit it was sent to with that unit's subtree; one of no unit (the
 * installation's), everyone. The same rule in SQL: `readableBy` (documents.repository.ts).
 */
export function mayReadDocument(actor: Actor, d: { is_public: number; unit_path: string | null; recipients: readonly { path: string }[] }): boolean {
  if (actor.kind === 'system') return true;
  if (!can(actor, 'document.read')) return false;
  return Number(d.is_public) === 1 || d.unit_path === null || onLineOf(actor, d.unit_path) || d.recipients.some((r) => actor.unitPath.startsWith(r.path));
}

/** The reader's unit path for the register's lists (none for the system: every document). */
const readerPathOf = (actor: Actor): string | undefined => (actor.kind === 'user' ? actor.unitPath : undefined);

export async function getDocument(db: Db, actor: Actor, id: number): Promise<PresentedDocument> {
  authorize(actor, 'document.read');
  const d = await requireDocument(db, id);
  checkRead(actor, d, id);
  return presentOne(db, d);
}

export interface Paged<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** Documents, newest first, with a diacritic-insensitive search over number, issuer and summary. */
export async function listDocuments(
  db: Db,
  actor: Actor,
  q: {
    q?: string | undefined;
    kind?: string | undefined;
    year?: number | undefined;
    page?: number | undefined;
    /** a unit's code: its subtree's documents and those of no unit */
    unit?: string | undefined;
    /** issued from / through (YYYY-MM-DD or dd/mm/yyyy; anything else is ignored) */
    from?: string | undefined;
    to?: string | undefined;
    exceptNumber?: string | undefined;
  },
): Promise<Paged<PresentedDocument> & { unitName: string | null; from: string | null; to: string | null }> {
  authorize(actor, 'document.read');
  const pageSize = 50;
  const page = Math.max(1, q.page ?? 1);
  const unit = q.unit ? await findUnitByCode(db, q.unit.slice(0, 64)) : undefined;
  const from = q.from ? parseDate(q.from.slice(0, 10)) : null;
  const to = q.to ? parseDate(q.to.slice(0, 10)) : null;
  const { rows, total } = await repo.listDocuments(db, {
    readerPath: readerPathOf(actor),
    folded: q.q ? fold(q.q.slice(0, 200)) : undefined,
    kind: q.kind || undefined,
    year: q.year,
    unitPath: unit?.path,
    from: from ?? undefined,
    to: to ?? undefined,
    exceptNumber: q.exceptNumber?.slice(0, 100) || undefined,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return { items: await presentAll(db, rows), total, page, pageSize, unitName: unit?.name ?? null, from, to };
}

/** Finds the document a bundle or form means by its number (and date when several share it). */
export async function resolveDocument(db: Db, number: string, date?: string | null): Promise<repo.DocumentWithUnit | undefined> {
  if (date) return repo.findDocument(db, number, date);
  const all = await repo.findDocumentsByNumber(db, number);
  return all[0];
}

// ——— attached files ———

const fileAudit = (f: { id: number; name: string; mime: string; size: number }) => ({ id: f.id, name: f.name, mime: f.mime, size: f.size });

/**
 * Attaches uploaded files (the signed scan, annexes) after the document's others. Every upload
 * is checked by content first (JPEG, PNG, WebP, PDF; not empty; under the size limit), so one
 * bad file stores none.
 */
export async function attachDocumentFiles(
  trx: Tx,
  { actor, id, files, maxFileBytes }: { actor: Actor; id: number; files: Upload[]; maxFileBytes?: number },
): Promise<PresentedDocument> {
  const row = await loadForManage(trx, actor, id);
  if (!files.length) throw badInput([{ field: 'files', message: `${documentLabels.files}: hãy chọn ít nhất một tệp` }]);
  if (files.length > 20) throw badInput([{ field: 'files', message: `${documentLabels.files}: tối đa 20 tệp mỗi lần` }]);
  checkUploads(files, 'files', maxFileBytes);
  let position = await repo.nextFilePosition(trx, id);
  const added: number[] = [];
  for (const f of files) {
    const fileId = await storeFile(trx, actor, f);
    await repo.linkDocumentFile(trx, id, fileId, position++);
    added.push(fileId);
  }
  const out = await presentOne(trx, row);
  await audit(trx, actor, {
    action: 'document.file.add',
    entityType: 'document',
    entityId: id,
    after: { files: out.files.filter((f) => added.includes(f.id)).map(fileAudit) },
  });
  return out;
}

async function attachedFile(db: Db, id: number, fileId: number): Promise<repo.DocumentFileMeta> {
  const f = (await repo.filesOfDocuments(db, [id])).get(id)?.find((x) => x.id === fileId);
  if (!f) throw notFound('Không tìm thấy tệp đính kèm của văn bản này.');
  return f;
}

/** Removes an attached file (and the stored file: it belongs to this document only). */
export async function removeDocumentFile(trx: Tx, { actor, id, fileId }: { actor: Actor; id: number; fileId: number }): Promise<void> {
  await loadForManage(trx, actor, id);
  const f = await attachedFile(trx, id, fileId);
  await repo.unlinkDocumentFile(trx, id, fileId);
  await deleteFile(trx, fileId);
  await audit(trx, actor, { action: 'document.file.remove', entityType: 'document', entityId: id, before: { file: fileAudit(f) } });
}

/** Moves an attached file one place up or down in the document's list. */
export async function moveDocumentFile(trx: Tx, { actor, id, fileId, direction }: { actor: Actor; id: number; fileId: number; direction: 'up' | 'down' }): Promise<void> {
  await loadForManage(trx, actor, id);
  await attachedFile(trx, id, fileId);
  const list = (await repo.filesOfDocuments(trx, [id])).get(id) ?? [];
  const i = list.findIndex((x) => x.id === fileId);
  const j = direction === 'up' ? i - 1 : i + 1;
  if (j < 0 || j >= list.length) return;
  const order = list.map((x) => x.id);
  [order[i], order[j]] = [order[j]!, order[i]!];
  // renumber 0…n-1: positions may have been equal (imported) or sparse (after removals)
  for (const [pos, fid] of order.entries()) if (list.find((x) => x.id === fid)!.position !== pos) await repo.setDocumentFilePosition(trx, id, fid, pos);
  await audit(trx, actor, { action: 'document.file.move', entityType: 'document', entityId: id, before: { order: list.map((x) => x.id) }, after: { order } });
}

const noFile = () => notFound('Không tìm thấy tệp, hoặc văn bản của tệp này không được công khai.');

/** A file of a public document, for anyone; 404 for any other file. */
export async function getPublicDocumentFile(db: Db, fileId: number) {
  const f = fileId >= 1 ? await repo.findDocumentFile(db, fileId) : undefined;
  if (!f || Number(f.is_public) !== 1) throw noFile();
  return f;
}

/** A file of a document the caller may read (mayReadDocument: documents kept off the portal too, on the issuing unit's line). */
export async function getDocumentFile(db: Db, actor: Actor, fileId: number) {
  authorize(actor, 'document.read');
  const f = fileId >= 1 ? await repo.findDocumentFile(db, fileId) : undefined;
  if (!f) throw notFound('Không tìm thấy tệp.');
  if (!mayReadDocument(actor, f)) throw new HiddenError('document.read', { entityType: 'file', entityId: fileId }, notFound('Không tìm thấy tệp.'));
  return f;
}

// ——— the public archive ———

interface PublicDocumentQuery {
  q?: string | undefined;
  kind?: string | undefined;
  issuers?: string[] | undefined;
  year?: number | undefined;
  page?: number | undefined;
}

interface ArchiveFilters {
  kinds: { value: string; label: string; count: number }[];
  years: { value: string; count: number }[];
  issuers: { value: string; count: number }[];
}

const ARCHIVE_PAGE_SIZE = 20;
/** Longest search text taken from the address (a longer one is cut, not refused). */
export const MAX_QUERY = 200;

/**
 * Public documents, newest first: by kind, issuers (any of several; matched without regard to
 * marks or case, so "Thành uỷ" finds "Thành ủy"), year, and a search without diacritics over
 * number, issuer and summary; with the filters' choices and how many documents each has.
 */
export async function listPublicDocuments(db: Db, q: PublicDocumentQuery): Promise<Paged<PresentedDocument> & { filters: ArchiveFilters; query: { q: string; kind: string; issuers: string[]; year: number | undefined } }> {
  const facets = await repo.publicFacets(db);
  const text = (q.q ?? '').normalize('NFC').trim().slice(0, MAX_QUERY);
  const kind = q.kind && DOCUMENT_KINDS[q.kind] ? q.kind : '';
  const year = q.year && Number.isInteger(q.year) && q.year >= 1900 && q.year <= 2200 ? q.year : undefined;
  const wanted = new Set((q.issuers ?? []).slice(0, 50).map((s) => fold(s.slice(0, 300))).filter(Boolean));
  const issuers = facets.issuers.filter((f) => wanted.has(fold(f.key))).map((f) => f.key);
  const page = Math.min(Math.max(1, q.page ?? 1), 100_000);
  const noMatch = wanted.size > 0 && issuers.length === 0;
  const { rows, total } = noMatch
    ? { rows: [], total: 0 }
    : await repo.listDocuments(db, {
        publicOnly: true,
        folded: text ? fold(text) : undefined,
        kind: kind || undefined,
        issuers,
        year,
        limit: ARCHIVE_PAGE_SIZE,
        offset: (page - 1) * ARCHIVE_PAGE_SIZE,
      });
  return {
    items: await presentAll(db, rows),
    total,
    page,
    pageSize: ARCHIVE_PAGE_SIZE,
    query: { q: text, kind, issuers: noMatch ? [...(q.issuers ?? [])].slice(0, 50) : issuers, year },
    filters: {
      kinds: Object.entries(DOCUMENT_KINDS)
        .map(([value, label]) => ({ value, label, count: facets.kinds.find((k) => k.key === value)?.n ?? 0 }))
        .filter((k) => k.count > 0 || k.value === kind),
      years: facets.years.map((y) => ({ value: y.key, count: y.n })),
      issuers: [...facets.issuers].sort((a, b) => b.n - a.n || a.key.localeCompare(b.key, 'vi')).map((i) => ({ value: i.key, count: i.n })),
    },
  };
}

/** One public document with its files; 404 when unknown or kept off the portal. */
export async function getPublicDocument(db: Db, id: number): Promise<PresentedDocument> {
  const row = id >= 1 ? await repo.findDocumentById(db, id) : undefined;
  if (!row || Number(row.is_public) !== 1) throw notFound('Không tìm thấy văn bản, hoặc văn bản này không được công khai.');
  return presentOne(db, row);
}

/** A document as the admin opens it: by the read rule (404 outside it), and whether this actor may also edit it. */
export async function getDocumentInAdmin(db: Db, actor: Actor, id: number): Promise<{ doc: PresentedDocument; mayManage: boolean }> {
  const doc = await getDocument(db, actor, id);
  const row = await requireDocument(db, id);
  return { doc, mayManage: can(actor, 'document.manage', { unitPath: row.unit_path ?? '/' }) };
}

/*
 * The slice's public surface for other slices: these readers and writers of its tables, and the
 * kinds and labels of its table module. Other slices import them from here, never from
 * the repository or the table module (.dependency-cruiser.cjs).
 */
export { documentsIssued, findDocumentsByNumber } from './documents.repository.js';
export { DOCUMENT_KINDS } from './documents.table.js';
