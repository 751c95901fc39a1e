/**
 * Units: a hierarchy of any depth (city → ward → residential group, or the historic district),
 * with validity dates and successors so merged and dissolved units stay reportable.
 */
import type { Db, Tx } from '../../db/index.js';
import { conflict, fieldError, notFound } from '../../lib/errors.js';
import { parseInput } from '../../lib/validation.js';
import { collator, fold, todayVn } from '../../lib/vi.js';
import { authorize, authorizeRead, type Actor } from '../../policy/policy.js';
import { audit } from '../audit/audit.service.js';
import * as repo from './units.repository.js';
import { lockUnitTree } from '../../db/dialect.js';
import {
  unitLabels,
  ZCreateUnit,
  ZDeactivateUnit,
  ZMoveUnit,
  ZUpdateUnit,
  type PresentedUnit,
} from './units.schemas.js';
import { unitReferences } from './units.references.js';
import { UNIT_KIND_LABELS, type UnitKind, type UnitRow } from './units.table.js';

/** What may point at a unit: every column each slice declared (units.references.ts), counted. */
async function unitReferenceCounts(db: Db, id: number): Promise<{ label: string; count: number }[]> {
  const byLabel = new Map<string, number>();
  for (const r of unitReferences()) {
    const n = await repo.countUnitReferences(db, id, r.table, r.column);
    if (n > 0) byLabel.set(r.label, (byLabel.get(r.label) ?? 0) + n);
  }
  return [...byLabel].map(([label, count]) => ({ label, count }));
}

const now = () => new Date().toISOString();

/** The sector that applies at `path`: the deepest unit at or above it that sets one; null: none (unknown). */
export function sectorAt(sectors: ReadonlyMap<string, string>, path: string): string | null {
  const ids = path.split('/').filter(Boolean);
  for (let i = ids.length; i > 0; i--) {
    const s = sectors.get(`/${ids.slice(0, i).join('/')}/`);
    if (s) return s;
  }
  return null;
}

/** The sectors set in the tree, by unit path (for sectorAt). */
export const unitSectors = (db: Db): Promise<Map<string, string>> => repo.sectorsByPath(db);

function present(row: UnitRow, parentCode: string | null, successors: string[], sectors: ReadonlyMap<string, string>): PresentedUnit {
  return {
    code: row.code,
    name: row.name,
    kind: row.kind,
    kindLabel: UNIT_KIND_LABELS[row.kind as UnitKind] ?? row.kind,
    parent: parentCode,
    adminCode: row.admin_code,
    sortOrder: row.sort_order,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    address: row.address,
    active: row.deactivated_at === null,
    depth: row.depth,
    successors,
    sector: row.sector,
    effectiveSector: sectorAt(sectors, row.path),
  };
}

async function presentMany(db: Db, rows: UnitRow[]): Promise<PresentedUnit[]> {
  const parentIds = [...new Set(rows.map((r) => r.parent_id).filter((x): x is number => x !== null))];
  const codes = await repo.unitCodesByIds(db, parentIds);
  const succ = await repo.successorCodes(db, rows.map((r) => r.id));
  const sectors = await repo.sectorsByPath(db);
  return rows.map((r) => present(r, r.parent_id === null ? null : (codes.get(r.parent_id) ?? null), succ.get(r.id) ?? [], sectors));
}

/** Loads a unit by code or throws 404 naming it. */
/** The answer for a unit code that does not exist — and for one outside the reader's scope. */
const unitMissing = (code: string) => notFound(`Không tìm thấy đơn vị "${code}".`);

export async function requireUnit(db: Db, code: string): Promise<UnitRow> {
  const u = await repo.findUnitByCode(db, code);
  if (!u) throw unitMissing(code);
  return u;
}

async function resolveSuccessors(db: Db, actor: Actor, codes: readonly string[], self: UnitRow | null): Promise<number[]> {
  const unique = [...new Set(codes)];
  const rows = await repo.findUnitsByCodes(db, unique);
  for (const code of unique) {
    const row = rows.find((r) => r.code === code);
    if (!row) throw fieldError('successors', `Đơn vị kế thừa: không tìm thấy đơn vị "${code}"`);
    // a merger is recorded by someone whose scope covers both sides
    authorize(actor, 'unit.update', { unitPath: row.path, entityType: 'unit', entityId: code });
    if (self && row.id === self.id) throw fieldError('successors', 'Đơn vị kế thừa: không thể là chính đơn vị này');
  }
  return rows.map((r) => r.id);
}

export interface UnitTreeNode extends PresentedUnit {
  children: UnitTreeNode[];
}

/** Organisations before territorial units, then residential groups. */
const KIND_ORDER: Record<string, number> = {
  partyCommittee: 0,
  agency: 1,
  massOrganisation: 2,
  province: 3,
  city: 3,
  district: 4,
  town: 4,
  commune: 5,
  ward: 5,
  township: 5,
  residentialGroup: 6,
};

/** Orders siblings by kind, then their order number, then the Vietnamese collation of the name. */
const siblingOrder = (a: PresentedUnit, b: PresentedUnit) =>
  (KIND_ORDER[a.kind] ?? 9) - (KIND_ORDER[b.kind] ?? 9) || a.sortOrder - b.sortOrder || collator.compare(a.name, b.name);

/** The units the actor may see, as a forest rooted at the actor's unit (or every root for the system). */
export async function listUnitTree(db: Db, actor: Actor, opts: { includeInactive?: boolean } = {}): Promise<UnitTreeNode[]> {
  authorize(actor, 'unit.read');
  const rows = await repo.listUnits(db, {
    ...(actor.kind === 'user' ? { pathPrefix: actor.unitPath } : {}),
    includeInactive: opts.includeInactive ?? false,
  });
  const units = await presentMany(db, rows);
  const byCode = new Map<string, UnitTreeNode>(units.map((u) => [u.code, { ...u, children: [] }]));
  const roots: UnitTreeNode[] = [];
  for (const u of byCode.values()) {
    const parent = u.parent ? byCode.get(u.parent) : undefined;
    if (parent) parent.children.push(u);
    else roots.push(u);
  }
  const sortDeep = (nodes: UnitTreeNode[]) => {
    nodes.sort(siblingOrder);
    for (const n of nodes) sortDeep(n.children);
  };
  sortDeep(roots);
  return roots;
}

/** Flat list of the units in the actor's scope, in tree order (for selects). */
export async function listUnitsFlat(db: Db, actor: Actor, opts: { includeInactive?: boolean } = {}): Promise<PresentedUnit[]> {
  const out: PresentedUnit[] = [];
  const walk = (nodes: UnitTreeNode[]) => {
    for (const { children, ...u } of nodes) {
      out.push(u);
      walk(children);
    }
  };
  walk(await listUnitTree(db, actor, opts));
  return out;
}

/** One unit, if in the actor's scope; outside it, answered as a unit that does not exist (issue #20). */
export async function getUnit(db: Db, actor: Actor, code: string): Promise<PresentedUnit> {
  const row = await requireUnit(db, code);
  authorizeRead(actor, 'unit.read', { unitPath: row.path, entityType: 'unit', entityId: code }, () => unitMissing(code));
  const [p] = await presentMany(db, [row]);
  return p as PresentedUnit;
}

/** Creates a unit under `parent` (inside the actor's scope). Root units: the system, or an admin of a root unit. */
export async function createUnit(trx: Tx, { actor, input }: { actor: Actor; input: unknown }): Promise<PresentedUnit> {
  const data = parseInput(ZCreateUnit, input, unitLabels);
  await lockUnitTree(trx);
  const parent = data.parent ? await repo.findUnitByCode(trx, data.parent) : null;
  if (data.parent && !parent) throw fieldError('parent', `Đơn vị cấp trên: không tìm thấy đơn vị "${data.parent}"`);
  authorize(actor, 'unit.create', { unitPath: parent ? parent.path : '/', entityType: 'unit', entityId: data.code });
  if (parent?.deactivated_at) throw fieldError('parent', 'Đơn vị cấp trên: đơn vị này đã ngừng hoạt động');
  if (await repo.findUnitByCode(trx, data.code)) throw conflict(`Mã đơn vị "${data.code}" đã tồn tại.`, 'code');
  checkDates(data.validFrom, data.validTo);
  const t = now();
  const inserted = await repo.insertUnit(trx, {
    code: data.code,
    name: data.name,
    name_folded: fold(data.name),
    kind: data.kind,
    parent_id: parent ? parent.id : null,
    path: 'pending',
    depth: parent ? parent.depth + 1 : 0,
    admin_code: data.adminCode,
    sort_order: data.sortOrder,
    valid_from: data.validFrom ?? null,
    valid_to: data.validTo ?? null,
    address: data.address,
    sector: data.sector ?? null,
    deactivated_at: null,
    created_at: t,
    updated_at: t,
  });
  const row = await repo.updateUnitRow(trx, inserted.id, { path: `${parent ? parent.path : '/'}${inserted.id}/` });
  await repo.replaceSuccessors(trx, row.id, await resolveSuccessors(trx, actor, data.successors, row));
  const [out] = await presentMany(trx, [row]);
  await audit(trx, actor, { action: 'unit.create', entityType: 'unit', entityId: row.code, after: out });
  return out as PresentedUnit;
}

function checkDates(from: string | null | undefined, to: string | null | undefined): void {
  if (from && to && to < from) throw fieldError('validTo', 'Hiệu lực đến ngày: phải sau hoặc bằng ngày bắt đầu hiệu lực');
}

/** Edits a unit's own fields (not its place in the tree: see moveUnit). */
export async function updateUnit(trx: Tx, { actor, code, input }: { actor: Actor; code: string; input: unknown }): Promise<PresentedUnit> {
  const row = await requireUnit(trx, code);
  authorize(actor, 'unit.update', { unitPath: row.path, entityType: 'unit', entityId: code });
  const data = parseInput(ZUpdateUnit, input, unitLabels);
  checkDates(data.validFrom, data.validTo);
  const [before] = await presentMany(trx, [row]);
  const updated = await repo.updateUnitRow(trx, row.id, {
    name: data.name,
    name_folded: fold(data.name),
    kind: data.kind,
    admin_code: data.adminCode,
    sort_order: data.sortOrder,
    valid_from: data.validFrom ?? null,
    valid_to: data.validTo ?? null,
    address: data.address,
    ...(data.sector !== undefined ? { sector: data.sector } : {}),
    updated_at: now(),
  });
  await repo.replaceSuccessors(trx, row.id, await resolveSuccessors(trx, actor, data.successors, row));
  const [after] = await presentMany(trx, [updated]);
  await audit(trx, actor, { action: 'unit.update', entityType: 'unit', entityId: code, before, after });
  return after as PresentedUnit;
}

/** Moves a unit (with its subtree) under another parent; refuses cycles. */
export async function moveUnit(trx: Tx, { actor, code, input }: { actor: Actor; code: string; input: unknown }): Promise<PresentedUnit> {
  await lockUnitTree(trx);
  const row = await requireUnit(trx, code);
  authorize(actor, 'unit.move', { unitPath: row.path, entityType: 'unit', entityId: code });
  const data = parseInput(ZMoveUnit, input, unitLabels);
  const parent = await repo.findUnitByCode(trx, data.parent);
  if (!parent) throw fieldError('parent', `Đơn vị cấp trên: không tìm thấy đơn vị "${data.parent}"`);
  authorize(actor, 'unit.move', { unitPath: parent.path, entityType: 'unit', entityId: data.parent });
  if (parent.path.startsWith(row.path)) {
    throw fieldError('parent', 'Đơn vị cấp trên: không thể chuyển một đơn vị vào chính nó hoặc đơn vị trực thuộc của nó');
  }
  if (parent.deactivated_at) throw fieldError('parent', 'Đơn vị cấp trên: đơn vị này đã ngừng hoạt động');
  const [before] = await presentMany(trx, [row]);
  if (row.parent_id !== parent.id) {
    const newPath = `${parent.path}${row.id}/`;
    await repo.rewriteSubtreePaths(trx, row.path, newPath, parent.depth + 1 - row.depth);
    await repo.updateUnitRow(trx, row.id, { parent_id: parent.id, updated_at: now() });
  }
  const [after] = await presentMany(trx, [await requireUnit(trx, code)]);
  await audit(trx, actor, { action: 'unit.move', entityType: 'unit', entityId: code, before, after });
  return after as PresentedUnit;
}

/** Ends a unit's activity (merged, dissolved); its history stays. Active children must move first. */
export async function deactivateUnit(trx: Tx, { actor, code, input }: { actor: Actor; code: string; input: unknown }): Promise<PresentedUnit> {
  const row = await requireUnit(trx, code);
  authorize(actor, 'unit.deactivate', { unitPath: row.path, entityType: 'unit', entityId: code });
  const data = parseInput(ZDeactivateUnit, input, unitLabels);
  if (row.deactivated_at) throw conflict(`Đơn vị "${code}" đã ngừng hoạt động từ trước.`);
  const children = await repo.countActiveChildren(trx, row.id);
  if (children > 0) {
    throw conflict(`Đơn vị "${row.name}" còn ${children} đơn vị trực thuộc đang hoạt động; hãy chuyển hoặc ngừng hoạt động các đơn vị đó trước.`);
  }
  checkDates(row.valid_from, data.validTo);
  const [before] = await presentMany(trx, [row]);
  const updated = await repo.updateUnitRow(trx, row.id, {
    deactivated_at: now(),
    valid_to: data.validTo ?? row.valid_to ?? todayVn(),
    updated_at: now(),
  });
  if (data.successors.length) await repo.replaceSuccessors(trx, row.id, await resolveSuccessors(trx, actor, data.successors, row));
  const [after] = await presentMany(trx, [updated]);
  await audit(trx, actor, { action: 'unit.deactivate', entityType: 'unit', entityId: code, before, after });
  return after as PresentedUnit;
}

/** Brings a deactivated unit back (its parent must be active). */
export async function reactivateUnit(trx: Tx, { actor, code }: { actor: Actor; code: string }): Promise<PresentedUnit> {
  const row = await requireUnit(trx, code);
  authorize(actor, 'unit.deactivate', { unitPath: row.path, entityType: 'unit', entityId: code });
  if (!row.deactivated_at) throw conflict(`Đơn vị "${code}" đang hoạt động.`);
  if (row.parent_id !== null) {
    const parent = await repo.findUnitById(trx, row.parent_id);
    if (parent?.deactivated_at) throw conflict(`Đơn vị cấp trên "${parent.name}" đã ngừng hoạt động.`);
  }
  const [before] = await presentMany(trx, [row]);
  const updated = await repo.updateUnitRow(trx, row.id, { deactivated_at: null, valid_to: null, updated_at: now() });
  const [after] = await presentMany(trx, [updated]);
  await audit(trx, actor, { action: 'unit.reactivate', entityType: 'unit', entityId: code, before, after });
  return after as PresentedUnit;
}

/** Deletes a unit created by mistake; refuses (409) when anything references it. */
export async function deleteUnit(trx: Tx, { actor, code }: { actor: Actor; code: string }): Promise<void> {
  const row = await requireUnit(trx, code);
  authorize(actor, 'unit.deactivate', { unitPath: row.path, entityType: 'unit', entityId: code });
  const refs = (await unitReferenceCounts(trx, row.id)).map(({ label, count }) => `${count} ${label}`);
  if (refs.length) {
    throw conflict(`Không thể xóa đơn vị "${row.name}" vì đang được tham chiếu (${refs.join(', ')}). Hãy dùng "Ngừng hoạt động".`);
  }
  const [before] = await presentMany(trx, [row]);
  await repo.deleteUnitRow(trx, row.id);
  await audit(trx, actor, { action: 'unit.delete', entityType: 'unit', entityId: code, before });
}

/** Active units for the public portal (names and kinds are public information). */
export async function publicUnitTree(db: Db): Promise<UnitTreeNode[]> {
  return listUnitTree(db, { kind: 'system', username: 'cổng', ip: null });
}

/** Every active unit in tree order, for filters on public data (unit names are public). */
export async function listPublicUnitsFlat(db: Db): Promise<PresentedUnit[]> {
  return listUnitsFlat(db, { kind: 'system', username: 'cổng', ip: null });
}

/** The units above the actor's own, from the top down: with its subtree, the choices of "this unit or one above it". */
export async function unitsAbove(db: Db, actor: Actor): Promise<{ code: string; name: string; depth: number }[]> {
  if (actor.kind !== 'user') return [];
  const out: { code: string; name: string; depth: number }[] = [];
  let u = await repo.findUnitByCode(db, actor.unitCode);
  while (u?.parent_id != null) {
    u = await repo.findUnitById(db, u.parent_id);
    if (u) out.unshift({ code: u.code, name: u.name, depth: u.depth });
  }
  return out;
}

/*
 * The slice's public surface for other slices: these readers and writers of its tables, and the
 * kinds and labels of its table module. Other slices import them from here, never from
 * the repository or the table module (.dependency-cruiser.cjs).
 */
export { findUnitByCode, findUnitById, listChildUnits, listUnits, noUnits } from './units.repository.js';
export { UNIT_KIND_LABELS, UNIT_SECTOR_LABELS, UNIT_SECTORS, unitLabel } from './units.table.js';
export type { UnitKind, UnitRow, UnitSector } from './units.table.js';
