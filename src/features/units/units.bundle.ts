import type { Db, Tx } from '../../db/index.js';
import { badInput, type FieldIssue } from '../../lib/errors.js';
import { authorize, type Actor } from '../../policy/policy.js';
import { atRecord, type BundleSection } from '../bundle/bundle.service.js';
import * as repo from './units.repository.js';
import { ZBundleUnit, type TBundleUnit } from './units.schemas.js';
import * as units from './units.service.js';

/** Orders records so that a parent given in the bundle comes before its children; finds cycles. */
function parentsFirst(records: TBundleUnit[]): { order: number[]; issues: FieldIssue[] } {
  const index = new Map<string, number>();
  const issues: FieldIssue[] = [];
  records.forEach((r, i) => {
    if (index.has(r.code)) issues.push({ field: `units[${i}].code`, message: `mã "${r.code}" bị lặp trong gói dữ liệu` });
    else index.set(r.code, i);
  });
  const order: number[] = [];
  const state = new Map<number, 'visiting' | 'done'>();
  const visit = (i: number): void => {
    const st = state.get(i);
    if (st === 'done') return;
    if (st === 'visiting') {
      issues.push({ field: `units[${i}].parent`, message: `vòng lặp đơn vị cấp trên (đơn vị "${records[i]!.code}")` });
      return;
    }
    state.set(i, 'visiting');
    const parent = records[i]!.parent;
    const pi = parent ? index.get(parent) : undefined;
    if (pi !== undefined) visit(pi);
    state.set(i, 'done');
    order.push(i);
  };
  records.forEach((_, i) => visit(i));
  return { order, issues };
}

export const unitsBundle: BundleSection<TBundleUnit> = {
  key: 'units',
  label: 'Đơn vị',
  record: ZBundleUnit,

  async importRecords(trx: Tx, actor: Actor, records: TBundleUnit[]) {
    const { order, issues } = parentsFirst(records);
    if (issues.length) throw badInput(issues);
    let created = 0;
    let updated = 0;
    for (const i of order) {
      const r = records[i]!;
      try {
        const fields = {
          name: r.name,
          kind: r.kind,
          adminCode: r.adminCode ?? null,
          sortOrder: r.sortOrder ?? 0,
          validFrom: r.validFrom ?? null,
          validTo: r.validTo ?? null,
          address: r.address ?? null,
          // left out: what is set stays
          ...(r.sector !== undefined ? { sector: r.sector } : {}),
        };
        const existing = await repo.findUnitByCode(trx, r.code);
        // reactivate parents before their children arrive (this pass runs parents first)
        if (existing?.deactivated_at && r.active === true) await units.reactivateUnit(trx, { actor, code: r.code });
        if (!existing) {
          if (r.parent && !(await repo.findUnitByCode(trx, r.parent))) {
            throw badInput([{ field: 'parent', message: `không tìm thấy đơn vị "${r.parent}"` }]);
          }
          await units.createUnit(trx, { actor, input: { code: r.code, parent: r.parent ?? null, ...fields, successors: [] } });
          created++;
        } else {
          // a write: a unit outside the importer's subtree is refused (403), not hidden as a read is
          authorize(actor, 'unit.update', { unitPath: existing.path, entityType: 'unit', entityId: r.code });
          const current = await units.getUnit(trx, actor, r.code);
          await units.updateUnit(trx, { actor, code: r.code, input: { ...fields, successors: current.successors } });
          if ((r.parent ?? null) !== current.parent) {
            if (!r.parent) throw badInput([{ field: 'parent', message: 'không thể biến một đơn vị đã có cấp trên thành đơn vị gốc' }]);
            await units.moveUnit(trx, { actor, code: r.code, input: { parent: r.parent } });
          }
          updated++;
        }
      } catch (e) {
        throw atRecord('units', i, e);
      }
    }
    // Successors may point forward in the bundle, and deactivation needs the children done
    // first: a second pass, children first.
    for (const i of [...order].reverse()) {
      const r = records[i]!;
      try {
        if (r.successors?.length) {
          const current = await units.getUnit(trx, actor, r.code);
          await units.updateUnit(trx, {
            actor,
            code: r.code,
            input: { name: current.name, kind: current.kind, adminCode: current.adminCode, sortOrder: current.sortOrder, validFrom: current.validFrom, validTo: current.validTo, address: current.address, successors: r.successors },
          });
        }
        const row = await repo.findUnitByCode(trx, r.code);
        if (r.active === false && row && !row.deactivated_at) await units.deactivateUnit(trx, { actor, code: r.code, input: { validTo: r.validTo ?? null } });
      } catch (e) {
        throw atRecord('units', i, e);
      }
    }
    return { created, updated };
  },

  async exportRecords(db: Db, actor: Actor) {
    const list = await units.listUnitsFlat(db, actor, { includeInactive: true });
    return list.map((u) => ({
      code: u.code,
      name: u.name,
      kind: u.kind,
      parent: u.parent,
      adminCode: u.adminCode,
      sortOrder: u.sortOrder,
      validFrom: u.validFrom,
      validTo: u.validTo,
      address: u.address,
      successors: u.successors,
      active: u.active,
      // the sector set on the unit itself (an inherited one comes back from its ancestor)
      ...(u.sector ? { sector: u.sector } : {}),
    }));
  },
};
