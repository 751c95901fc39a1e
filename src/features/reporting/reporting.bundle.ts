/** Bundle sections `reportForms` (definitions with rules and targets) and `reports` (submitted values). */
import type { Db, Tx } from '../../db/index.js';
import { toIsoVn } from '../../lib/vi.js';
import { z } from '../../lib/validation.js';
import { authorize, type Actor, inSubtree } from '../../policy/policy.js';
import { atRecord, upsertEach, type BundleSection } from '../bundle/bundle.service.js';
import * as repo from './reporting.repository.js';
import { ZReportForm, type TReportForm } from './reporting.schemas.js';
import { approveReport, formDefinition, listForms, saveEntry, saveForm } from './reporting.service.js';
import { SUBMISSION_STATUSES } from './reporting.table.js';

export const reportFormsBundle: BundleSection<TReportForm> = {
  key: 'reportForms',
  label: 'Biểu mẫu báo cáo định kỳ',
  record: ZReportForm,
  importRecords: (trx: Tx, actor: Actor, records: TReportForm[]) =>
    upsertEach('reportForms', records, {
      exists: async (r) => (await repo.findFormByCode(trx, r.code)) !== undefined,
      // saveForm creates or replaces the definition of the form with this code
      create: (r) => saveForm(trx, { actor, input: r }),
      update: (r) => saveForm(trx, { actor, input: r }),
    }),
  async exportRecords(db: Db, actor: Actor) {
    const out = [];
    for (const f of await listForms(db, actor)) out.push(await formDefinition(db, f));
    return out;
  },
};

const ZReportRecord = z.object({
  form: z.string().trim().min(1).max(64),
  unit: z.string().trim().min(1).max(64),
  period: z.string().trim().min(1).max(20),
  status: z.enum(SUBMISSION_STATUSES, { message: 'phải là draft, submitted, returned hoặc approved' }).default('submitted'),
  submittedAt: z.string().datetime({ offset: true, message: 'phải là thời điểm ISO, ví dụ 2021-10-03T09:40:00+07:00' }).nullish(),
  decidedAt: z.string().datetime({ offset: true, message: 'phải là thời điểm ISO, ví dụ 2021-10-10T15:00:00+07:00' }).nullish(),
  values: z.record(z.string(), z.union([z.string(), z.number(), z.null()])),
  /** explanations of the warning rules the values break, by rule ("kn_giai_quyet<=kn_nhan"); optional */
  explanations: z.record(z.string(), z.string()).optional(),
});
type TReportRecord = z.output<typeof ZReportRecord>;

/** The explanations kept with a submission, as the record's optional `explanations`. */
function explanationsOf(json: string | null): { explanations?: Record<string, string> } {
  if (!json) return {};
  try {
    const list = JSON.parse(json) as { rule: string; note: string }[];
    return list.length ? { explanations: Object.fromEntries(list.map((x) => [x.rule, x.note])) } : {};
  } catch {
    return {};
  }
}

export const reportsBundle: BundleSection<TReportRecord> = {
  key: 'reports',
  label: 'Báo cáo định kỳ đã nhập',
  record: ZReportRecord,
  async importRecords(trx: Tx, actor: Actor, records: TReportRecord[]) {
    let created = 0;
    let updated = 0;
    for (const [i, r] of records.entries()) {
      try {
        const f = await repo.findFormByCode(trx, r.form);
        const prior = f ? (await repo.submissionsOf(trx, f.id, [r.period])).find((s) => s.unit_code === r.unit) : undefined;
        const existed = Boolean(prior);
        // importing the same bundle again: a report already submitted or approved stays as it is —
        // once the caller is known to be allowed to enter it (issue #20 item 7: another ward's
        // report was answered "updated" without a check)
        if (prior) authorize(actor, 'report.enter', { unitPath: prior.unit_path, entityType: 'report', entityId: `${r.form}/${r.unit}/${r.period}` });
        if (prior && (prior.status === 'submitted' || prior.status === 'approved') && prior.status === r.status) {
          updated++;
          continue;
        }
        const submit = r.status === 'submitted' || r.status === 'approved';
        await saveEntry(trx, { actor, form: r.form, unit: r.unit, period: r.period, values: r.values, submit, at: r.submittedAt ?? undefined, explanations: r.explanations });
        if (r.status === 'approved') await approveReport(trx, { actor, form: r.form, unit: r.unit, period: r.period, at: r.decidedAt ?? undefined });
        if (existed) updated++;
        else created++;
      } catch (e) {
        throw atRecord('reports', i, e);
      }
    }
    return { created, updated };
  },
  async exportRecords(db: Db, actor: Actor) {
    const forms = await listForms(db, actor);
    const out = [];
    for (const f of forms) {
      const periods = await repo.enteredPeriods(db, f.id);
      const subs = (await repo.submissionsOf(db, f.id, periods)).filter((s) => inSubtree(actor, s.unit_path)).sort((a, b) => a.period.localeCompare(b.period) || b.unit_path.length - a.unit_path.length || a.unit_code.localeCompare(b.unit_code)); // units below first: their approval comes before their parent's
      const values = await repo.valuesOf(db, subs.map((s) => s.id));
      for (const s of subs) {
        const v = values.get(s.id) ?? new Map<number, string>();
        out.push({
          form: f.code,
          unit: s.unit_code,
          period: s.period,
          status: s.status === 'returned' ? 'draft' : s.status,
          submittedAt: s.submitted_at ? toIsoVn(s.submitted_at) : null,
          decidedAt: s.status === 'approved' && s.decided_at ? toIsoVn(s.decided_at) : null,
          values: Object.fromEntries(f.indicators.filter((i) => !i.source && v.has(i.id)).map((i) => [i.code, v.get(i.id)!])),
          ...explanationsOf(s.explanations),
        });
      }
    }
    return out;
  },
};
