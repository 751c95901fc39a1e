/**
 * The register of official documents (văn bản): number/symbol, kind, issuer, dates, summary.
 * A campaign points at the plan it implements; the portal archive (later) shows them.
 */
import type { Db } from '../../db/index.js';
import { conflict, fieldError, notFound } from '../../lib/errors.js';
import { parseInput } from '../../lib/validation.js';
import { fold } from '../../lib/vi.js';
import { authorize, type Actor } from '../accounts/policy.js';
import { audit } from '../audit/audit.service.js';
import { findUnitByCode } from '../units/units.repository.js';
import * as repo from './documents.repository.js';
import { documentLabels, ZDocument, type PresentedDocument, type TDocument } from './documents.schemas.js';
import { DOCUMENT_KINDS } from './documents.table.js';

export function presentDocument(r: repo.DocumentWithUnit): PresentedDocument {
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
  };
}

/** The columns a document's input sets (creating and editing alike). */
const columnsOf = (d: TDocument, unitId: number | null) => ({
  number: d.number,
  kind: d.kind,
  issuer: d.issuer,
  unit_id: unitId,
  issued_on: d.date,
  effective_on: d.effectiveDate ?? null,
  title: d.title,
  search_folded: fold(`${d.number} ${d.issuer} ${d.title}`),
});

async function unitOf(db: Db, code: string | null | undefined) {
  if (!code) return null;
  const u = await findUnitByCode(db, code);
  if (!u) throw fieldError('unit', `Đơn vị quản lý: không tìm thấy đơn vị "${code}"`);
  return u;
}

/** Registers a document; the same number on the same date is a duplicate (409). */
export async function createDocument(trx: Db, { actor, input }: { actor: Actor; input: unknown }): Promise<PresentedDocument> {
  const d = parseInput(ZDocument, input, documentLabels);
  const unit = await unitOf(trx, d.unit);
  authorize(actor, 'document.manage', { unitPath: unit ? unit.path : '/', entityType: 'document', entityId: d.number });
  if (await repo.findDocument(trx, d.number, d.date)) throw conflict(`Văn bản số ${d.number} ngày ${d.date} đã có trong sổ.`, 'number');
  const t = new Date().toISOString();
  const id = await repo.insertDocument(trx, { ...columnsOf(d, unit?.id ?? null), created_at: t, updated_at: t });
  const out = presentDocument((await repo.findDocumentById(trx, id))!);
  await audit(trx, actor, { action: 'document.create', entityType: 'document', entityId: id, after: out });
  return out;
}

export async function requireDocument(db: Db, id: number): Promise<repo.DocumentWithUnit> {
  const d = Number.isInteger(id) ? await repo.findDocumentById(db, id) : undefined;
  if (!d) throw notFound('Không tìm thấy văn bản.');
  return d;
}

/** Edits a document's register entry. */
export async function updateDocument(trx: Db, { actor, id, input }: { actor: Actor; id: number; input: unknown }): Promise<PresentedDocument> {
  const row = await requireDocument(trx, id);
  authorize(actor, 'document.manage', { unitPath: row.unit_path ?? '/', entityType: 'document', entityId: id });
  const d = parseInput(ZDocument, input, documentLabels);
  const unit = await unitOf(trx, d.unit);
  authorize(actor, 'document.manage', { unitPath: unit ? unit.path : '/', entityType: 'document', entityId: id });
  const dup = await repo.findDocument(trx, d.number, d.date);
  if (dup && dup.id !== id) throw conflict(`Văn bản số ${d.number} ngày ${d.date} đã có trong sổ.`, 'number');
  const before = presentDocument(row);
  await repo.updateDocumentRow(trx, id, { ...columnsOf(d, unit?.id ?? null), updated_at: new Date().toISOString() });
  const after = presentDocument((await repo.findDocumentById(trx, id))!);
  await audit(trx, actor, { action: 'document.update', entityType: 'document', entityId: id, before, after });
  return after;
}

/** A document its editor may change (scope of its unit), for the edit form. */
export async function getDocumentForEdit(db: Db, actor: Actor, id: number): Promise<PresentedDocument> {
  const row = await requireDocument(db, id);
  authorize(actor, 'document.manage', { unitPath: row.unit_path ?? '/', entityType: 'document', entityId: id });
  return presentDocument(row);
}

export async function getDocument(db: Db, actor: Actor, id: number): Promise<PresentedDocument> {
  authorize(actor, 'document.read');
  return presentDocument(await requireDocument(db, id));
}

/** Documents, newest first, with a diacritic-insensitive search over number, issuer and summary. */
export async function listDocuments(
  db: Db,
  actor: Actor,
  q: { q?: string | undefined; kind?: string | undefined; year?: number | undefined; page?: number | undefined },
): Promise<{ items: PresentedDocument[]; total: number; page: number; pageSize: number }> {
  authorize(actor, 'document.read');
  const pageSize = 50;
  const page = Math.max(1, q.page ?? 1);
  const { rows, total } = await repo.listDocuments(db, {
    folded: q.q ? fold(q.q) : undefined,
    kind: q.kind || undefined,
    year: q.year,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  return { items: rows.map(presentDocument), total, page, pageSize };
}

/** Finds the document a bundle or form means by its number (and date when several share it). */
export async function resolveDocument(db: Db, number: string, date?: string | null): Promise<repo.DocumentWithUnit | undefined> {
  if (date) return repo.findDocument(db, number, date);
  const all = await repo.findDocumentsByNumber(db, number);
  return all[0];
}
