/**
 * Bundle sections `clearanceProjects` and `households` (DESIGN §5). A household record carries
 * its approved amount, payments and handover as facts of past work; exports include personal
 * data, so they go only to those who may see it (the bundle export itself is for admins).
 */
import type { Db, Tx } from '../../db/index.js';
import { fieldError } from '../../lib/errors.js';
import { blankToNull, z, zArea, zDate, zMoney, zOptText, zText } from '../../lib/validation.js';
import { can, type Actor, inSubtree } from '../../policy/policy.js';
import { atRecord, type BundleSection } from '../bundle/bundle.service.js';
import { createHousehold, importHouseholdFacts, parcelText, parseParcelText, presentHousehold, updateHousehold } from './landClearance.households.js';
import * as repo from './landClearance.repository.js';
import { ZHousehold, ZProject } from './landClearance.schemas.js';
import { createProject, importStepFacts, presentProject, updateProject } from './landClearance.service.js';
import { PAYMENT_METHODS } from './landClearance.table.js';

const optDate = () => z.preprocess(blankToNull, zDate().nullish());

const ZProjectRecord = ZProject.extend({
  status: z.enum(['public', 'hidden']).optional(),
  steps: z
    .array(
      z.object({
        step: z.string().trim().min(1).max(64),
        status: z.enum(['pending', 'done', 'approved', 'notApplicable', 'paused']),
        plannedOn: optDate(),
        doneOn: optDate(),
        reason: zOptText(1000),
      }),
    )
    .max(100)
    .optional(),
});
type TProjectRecord = z.infer<typeof ZProjectRecord>;

const ZHouseholdRecord = ZHousehold.extend({
  parcel: zOptText(100),
  areaM2: z.preprocess(blankToNull, zArea().nullish()),
  approvedAmount: z.preprocess(blankToNull, zMoney().nullish()),
  approvedOn: optDate(),
  effectiveOn: optDate(),
  decisionNumber: zOptText(100),
  paidAmount: z.preprocess(blankToNull, zMoney().nullish()),
  paidOn: optDate(),
  payments: z
    .array(z.object({ amount: zMoney(), paidOn: zDate(), method: z.enum(Object.keys(PAYMENT_METHODS) as [keyof typeof PAYMENT_METHODS]).optional(), receiptNo: zOptText(100) }))
    .max(1000)
    .optional(),
  handedOverOn: optDate(),
  earlyAgreement: zOptText(1000),
  name: zText(300),
});
type THouseholdRecord = z.infer<typeof ZHouseholdRecord>;

export const clearanceProjectsBundle: BundleSection<TProjectRecord> = {
  key: 'clearanceProjects',
  label: 'Dự án giải phóng mặt bằng',
  record: ZProjectRecord,
  async importRecords(trx: Tx, actor: Actor, records: TProjectRecord[]) {
    let created = 0;
    let updated = 0;
    for (const [i, r] of records.entries()) {
      try {
        const input = { ...r, isPublic: r.status ? r.status === 'public' : r.isPublic, areaM2: r.areaM2 === null ? null : r.areaM2 / 100 };
        const exists = Boolean(r.code && (await repo.findProjectByCode(trx, r.code)));
        const p = exists ? await updateProject(trx, { actor, code: r.code!, input }) : await createProject(trx, { actor, input });
        if (exists) updated++;
        else created++;
        if (r.steps?.length) await importStepFacts(trx, { actor, code: p.code, steps: r.steps });
      } catch (e) {
        throw atRecord('clearanceProjects', i, e);
      }
    }
    return { created, updated };
  },
  async exportRecords(db: Db, actor: Actor) {
    const rows = (await repo.listProjects(db, {})).filter((p) => inSubtree(actor, p.unit_path));
    const out = [];
    for (const row of rows) {
      const p = await presentProject(db, row);
      out.push({
        code: p.code,
        unit: p.unit,
        name: p.name,
        category: p.category,
        householdsAffected: p.householdsAffected,
        organisationsAffected: p.organisationsAffected,
        startedOn: p.startedOn,
        dueOn: p.dueOn,
        investor: p.investor,
        areaM2: p.areaM2,
        units: p.units.map((u) => u.code),
        officer: p.officer,
        documents: p.documents.map((d) => d.number),
        models: p.models.map((m) => m.code),
        description: p.description,
        status: p.isPublic ? 'public' : 'hidden',
        steps: p.steps.filter((s) => s.status !== 'pending' || s.plannedOn).map((s) => ({ step: s.code, status: s.status, plannedOn: s.plannedOn, doneOn: s.doneOn, reason: s.reason })),
      });
    }
    return out;
  },
};

export const householdsBundle: BundleSection<THouseholdRecord> = {
  key: 'households',
  label: 'Hộ bị ảnh hưởng',
  record: ZHouseholdRecord,
  async importRecords(trx: Tx, actor: Actor, records: THouseholdRecord[]) {
    const m2 = (dm2: number | null | undefined) => (dm2 === null || dm2 === undefined ? null : dm2 / 100);
    let created = 0;
    let updated = 0;
    for (const [i, r] of records.entries()) {
      try {
        const parcels = r.parcels.length
          ? r.parcels.map((p) => ({ ...p, areaM2: m2(p.areaM2), recoveredM2: m2(p.recoveredM2) }))
          : r.parcel || r.areaM2 != null
            ? [{ ...(r.parcel ? parseParcelText(r.parcel) : { mapSheet: null, parcelNo: null }), landType: null, areaM2: null, recoveredM2: m2(r.areaM2) }]
            : [];
        const input = { code: r.code, project: r.project, kind: r.kind, name: r.name, address: r.address, phone: r.phone, note: r.note, parcels };
        const exists = Boolean(r.code && (await repo.findHouseholdByCode(trx, r.code)));
        const h = exists ? await updateHousehold(trx, { actor, code: r.code!, input }) : await createHousehold(trx, { actor, input });
        if (exists) updated++;
        else created++;
        if (r.paidAmount && !r.paidOn && !r.payments) throw fieldError('paidOn', 'Ngày chi trả: bắt buộc nhập khi có số tiền đã chi trả');
        const payments = r.payments ?? (r.paidAmount && r.paidOn ? [{ amount: r.paidAmount, paidOn: r.paidOn }] : []);
        if (r.approvedAmount == null && !payments.length && !r.handedOverOn) continue;
        await importHouseholdFacts(trx, { actor, code: h.code, facts: { approvedAmount: r.approvedAmount, approvedOn: r.approvedOn, effectiveOn: r.effectiveOn, decisionNumber: r.decisionNumber, payments, handedOverOn: r.handedOverOn, earlyAgreement: r.earlyAgreement } });
      } catch (e) {
        throw atRecord('households', i, e);
      }
    }
    return { created, updated };
  },
  async exportRecords(db: Db, actor: Actor) {
    const rows = (await repo.allHouseholds(db)).filter((h) => can(actor, 'clearance.personal', { unitPath: h.unit_path }));
    const out = [];
    for (const row of rows) {
      const h = await presentHousehold(db, row);
      const short = h.parcels.length === 1 && h.parcels[0]!.landType === null && h.parcels[0]!.areaM2 === null;
      const approved = h.plans.find((p) => p.status === 'approved');
      const confirmed = h.payments.filter((p) => p.status === 'confirmed');
      out.push({
        code: h.code,
        project: h.project,
        kind: h.kind,
        name: h.name,
        address: h.address,
        phone: h.phone,
        note: h.note,
        ...(short ? { parcel: parcelText(h.parcels[0]!), areaM2: h.parcels[0]!.recoveredM2 } : { parcels: h.parcels }),
        approvedAmount: approved?.total ?? null,
        approvedOn: approved?.approvedOn ?? null,
        effectiveOn: approved?.effectiveOn ?? null,
        decisionNumber: approved?.decisionNumber ?? null,
        paidAmount: confirmed.reduce((s, p) => s + p.amount, 0),
        paidOn: confirmed.at(-1)?.paidOn ?? null,
        ...(confirmed.length > 1 ? { payments: confirmed.map((p) => ({ amount: p.amount, paidOn: p.paidOn, method: p.method, receiptNo: p.receiptNo })) } : {}),
        handedOverOn: h.handover?.handedOn ?? null,
        earlyAgreement: h.handover?.earlyAgreement ?? null,
      });
    }
    return out;
  },
};
