/**
 * What the reports add up to: completeness and timeliness per period, figures rolled up the
 * hierarchy (the pivot), a closed period's snapshot that later edits cannot change, and totals
 * against the previous period and the same period last year.
 */
import type { Db, Tx } from '../../db/index.js';
import { lockRow } from '../../db/dialect.js';
import { AppError, fieldError } from '../../lib/errors.js';
import { compareVi, daysBetween, formatNumber, todayVn } from '../../lib/vi.js';
import { authorize, type Actor, inSubtree } from '../../policy/policy.js';
import { audit } from '../audit/audit.service.js';
import { listUnits } from '../units/units.service.js';
import type { UnitRow } from '../units/units.service.js';
import { dueDate, monthsOf, parseAnyPeriod, parsePeriod, previousPeriod, samePeriodLastYear, type Period } from './reporting.periods.js';
import { periodOf, presentForm, presentIndicator, requireForm, reportingUnits, formScope, periodChoices } from './reporting.forms.js';
import { asOf } from './reporting.entries.js';
import * as repo from './reporting.repository.js';
import { type PresentedForm, type PresentedIndicator } from './reporting.schemas.js';
import { SUBMISSION_STATUS_LABELS, type PeriodType, type ReportIndicatorRow, type SubmissionStatus } from './reporting.table.js';

// ---------------------------------------------------------------- completeness and timeliness

interface CompletenessLine {
  unit: { code: string; name: string };
  status: SubmissionStatus | 'missing';
  statusLabel: string;
  submittedAt: string | null;
  /** days after the due date (0: on time), null when not submitted */
  daysLate: number | null;
}

interface Completeness {
  form: PresentedForm;
  period: Period;
  due: string;
  expected: number;
  submitted: number;
  onTime: number;
  late: number;
  missing: number;
  approved: number;
  lines: CompletenessLine[];
  /** "12/14 phường đã nộp, 2 nộp muộn" */
  summary: string;
}

export async function completeness(db: Db, actor: Actor, q: { form: string; period?: string | undefined; today?: string }): Promise<Completeness> {
  const f = await requireForm(db, q.form);
  const scope = formScope(actor, f);
  const p = q.period ? periodOf(f, q.period) : (await periodChoices(db, f.code, q.today)).latest;
  const due = dueDate(p, f.deadline_days);
  const units = (await reportingUnits(db, f)).filter((u) => scope === 'all' || inSubtree(actor, u.path));
  const subs = await repo.submissionsOf(db, f.id, [p.key]);
  const lines: CompletenessLine[] = units.map((u) => {
    const s = subs.find((x) => x.unit_id === u.id);
    const status = (s?.status ?? 'missing') as SubmissionStatus | 'missing';
    const done = s && (s.status === 'submitted' || s.status === 'approved') && s.submitted_at ? todayVn(new Date(s.submitted_at)) : null;
    return {
      unit: { code: u.code, name: u.name },
      status,
      statusLabel: status === 'missing' ? 'Chưa nhập' : SUBMISSION_STATUS_LABELS[status],
      submittedAt: s?.submitted_at ?? null,
      daysLate: done ? Math.max(0, daysBetween(due, done)) : null,
    };
  });
  const submitted = lines.filter((l) => l.daysLate !== null);
  const late = submitted.filter((l) => (l.daysLate ?? 0) > 0).length;
  const kinds = JSON.parse(f.reporting_kinds) as string[];
  const noun = kinds.length === 1 && kinds[0] === 'ward' ? 'phường' : kinds.length === 1 && kinds[0] === 'commune' ? 'xã' : 'đơn vị';
  return {
    form: await presentForm(db, f),
    period: p,
    due,
    expected: lines.length,
    submitted: submitted.length,
    onTime: submitted.length - late,
    late,
    missing: lines.length - submitted.length,
    approved: lines.filter((l) => l.status === 'approved').length,
    lines,
    summary: `${formatNumber(submitted.length)}/${formatNumber(lines.length)} ${noun} đã nộp${late ? `, ${formatNumber(late)} nộp muộn` : ''}`,
  };
}

// ---------------------------------------------------------------- aggregation

interface PivotRow {
  indicator: PresentedIndicator;
  unit: { code: string; name: string; depth: number };
  /** per period key: the figure, or null when nothing was reported */
  values: (number | string | null)[];
  /** the year's target (chỉ tiêu giao) of the last period's year, what the year has reached so far, and the share */
  target: { year: number; value: number; reached: number; percent: number } | null;
}

export interface Pivot {
  form: PresentedForm;
  periods: Period[];
  units: { code: string; name: string; depth: number }[];
  rows: PivotRow[];
  /** figures count reports submitted or approved ("all") or approved only */
  basis: 'all' | 'approved';
}

/** Periods a pivot may show for a form: its own, and for a monthly form also quarters, 6 and 9 months and the year. */
export function pivotPeriod(f: { period_type: string }, key: string): Period {
  const own = parsePeriod(f.period_type as PeriodType, key);
  if (own) return own;
  const any = f.period_type === 'month' ? parseAnyPeriod(key) : null;
  if (!any) throw fieldError('period', `Kỳ: "${key}" không dùng được với biểu mẫu này`);
  return any;
}

/** Each reporting unit's figure per indicator for a period (a monthly form sums or averages its months). */
async function unitFigures(db: Db, f: repo.FormWithUnit, indicators: ReportIndicatorRow[], p: Period, basis: 'all' | 'approved'): Promise<Map<number, Map<number, number | string>>> {
  const keys = p.type === f.period_type ? [p.key] : monthsOf(p);
  const subs = (await repo.submissionsOf(db, f.id, keys)).filter((s) => s.status === 'approved' || (basis === 'all' && s.status === 'submitted'));
  const vals = await repo.valuesOf(db, subs.map((s) => s.id));
  const out = new Map<number, Map<number, number | string>>();
  const byUnit = new Map<number, typeof subs>();
  for (const s of subs) byUnit.set(s.unit_id, [...(byUnit.get(s.unit_id) ?? []), s]);
  for (const [unitId, list] of byUnit) {
    const m = new Map<number, number | string>();
    const ordered = [...list].sort((a, b) => a.period.localeCompare(b.period));
    for (const i of indicators) {
      const raw = ordered.map((s) => vals.get(s.id)?.get(i.id)).filter((v): v is string => v !== undefined);
      if (!raw.length) continue;
      if (i.type === 'text') m.set(i.id, raw[raw.length - 1]!);
      else {
        const nums = raw.map((v) => Number(v));
        m.set(i.id, i.rollup === 'avg' ? nums.reduce((a, b) => a + b, 0) / nums.length : i.rollup === 'none' ? nums[nums.length - 1]! : nums.reduce((a, b) => a + b, 0));
      }
    }
    out.set(unitId, m);
  }
  return out;
}

/** Indicator × unit × period, rolled up the hierarchy from the reporting units to the form's unit. */
export async function pivot(db: Db, actor: Actor, q: { form: string; periods: string[]; basis?: 'all' | 'approved' }): Promise<Pivot> {
  const f = await requireForm(db, q.form);
  const scope = formScope(actor, f);
  const basis = q.basis ?? 'all';
  const periods = q.periods.slice(0, 24).map((k) => pivotPeriod(f, k));
  const indicators = await repo.indicatorsOf(db, f.id);
  const reporting = await reportingUnits(db, f);
  const all = await listUnits(db, { pathPrefix: f.unit_path });
  // the tree shown: the reporting units and every unit above them up to the form's unit, within the actor's sight
  // a unit inside the form's subtree sees its own subtree only: a total above it would give away the others' figures
  const shown = all.filter((u) => reporting.some((r) => r.path.startsWith(u.path))).filter((u) => scope === 'all' || inSubtree(actor, u.path));
  const ordered: UnitRow[] = [];
  const walk = (parentId: number | null, depth: number) => {
    const roots = scope === 'all' ? shown.filter((x) => x.id === f.unit_id) : shown.filter((x) => !shown.some((y) => y.id === x.parent_id));
    for (const u of (depth === 0 ? roots : shown.filter((x) => x.parent_id === parentId)).sort((a, b) => compareVi(a.name, b.name))) {
      ordered.push(u);
      walk(u.id, depth + 1);
    }
  };
  walk(null, 0);
  const baseDepth = ordered[0]?.depth ?? 0;
  const figures = await Promise.all(periods.map((p) => unitFigures(db, f, indicators, p, basis)));
  // targets of the last period's year, against what that year has reached so far (sum-rolled indicators)
  const year = periods.length ? periods[periods.length - 1]!.year : null;
  const targets = year ? (await repo.targetsOf(db, f.id)).filter((x) => x.year === year) : [];
  const yearFigures = year && targets.length ? await unitFigures(db, f, indicators, parseAnyPeriod(String(year))!, basis) : null;
  const targetOf = (i: ReportIndicatorRow, u: UnitRow): PivotRow['target'] => {
    if (!year || !yearFigures || i.rollup !== 'sum') return null;
    const own = targets.filter((x) => x.indicator_id === i.id && (x.unit_id === u.id || (!reporting.some((r) => r.id === u.id) && reporting.some((r) => r.id === x.unit_id && r.path.startsWith(u.path)))));
    if (!own.length) return null;
    const value = own.reduce((a, x) => a + Number(x.value), 0);
    const reached = reporting.filter((r) => r.path.startsWith(u.path)).reduce((a, r) => a + Number(yearFigures.get(r.id)?.get(i.id) ?? 0), 0);
    return { year, value, reached, percent: value > 0 ? Math.round((reached * 100) / value) : 0 };
  };
  const rows: PivotRow[] = [];
  for (const i of indicators) {
    for (const u of ordered) {
      const values = figures.map((fig) => {
        const leaves = reporting.filter((r) => r.path.startsWith(u.path)).map((r) => fig.get(r.id)?.get(i.id)).filter((v) => v !== undefined);
        if (!leaves.length) return null;
        if (i.type === 'text') return reporting.some((r) => r.id === u.id) ? (leaves[0] as string) : null;
        if (i.rollup === 'none' && !reporting.some((r) => r.id === u.id)) return null;
        const nums = leaves.map(Number);
        return i.rollup === 'avg' ? Math.round((nums.reduce((a, b) => a + b, 0) / nums.length) * 100) / 100 : nums.reduce((a, b) => a + b, 0);
      });
      rows.push({ indicator: presentIndicator(i), unit: { code: u.code, name: u.name, depth: u.depth - baseDepth }, values, target: targetOf(i, u) });
    }
  }
  return { form: await presentForm(db, f), periods, units: ordered.map((u) => ({ code: u.code, name: u.name, depth: u.depth - baseDepth })), rows, basis };
}

// ---------------------------------------------------------------- closing a period, comparisons

/** Freezes the approved figures of a period; afterwards nothing of the period changes. */
export async function closePeriod(trx: Tx, { actor, form, period, at }: { actor: Actor; form: string; period: string; at?: string | undefined }): Promise<void> {
  const f = await requireForm(trx, form);
  authorize(actor, 'report.approve', { unitPath: f.unit_path, entityType: 'report_form', entityId: f.code });
  const p = periodOf(f, period);
  await lockRow(trx, 'report_forms', f.id);
  if (await repo.findClose(trx, f.id, p.key)) throw new AppError(409, 'period_closed', `Kỳ ${p.label} đã khóa sổ.`);
  const when = asOf(actor, at);
  if (p.to >= todayVn(new Date(when))) throw new AppError(409, 'invalid_state', `Kỳ ${p.label} chưa kết thúc, chưa khóa sổ được.`);
  const indicators = await repo.indicatorsOf(trx, f.id);
  const figures = await unitFigures(trx, f, indicators, p, 'approved');
  const units: Record<string, Record<string, number | string>> = {};
  for (const [unitId, m] of figures) units[String(unitId)] = Object.fromEntries(indicators.filter((i) => m.has(i.id)).map((i) => [i.code, m.get(i.id)!]));
  await repo.insertClose(trx, { form_id: f.id, period: p.key, closed_at: when, closed_by_name: actor.kind === 'user' ? actor.fullName : actor.username, snapshot_json: JSON.stringify({ units }) });
  await audit(trx, actor, { action: 'report.close', entityType: 'report_form', entityId: f.id, after: { period: p.key, units: Object.keys(units).length } });
}

export interface Comparison {
  indicator: PresentedIndicator;
  value: number | null;
  previous: number | null;
  lastYear: number | null;
  /** "tăng 12% so với cùng kỳ" */
  changeLastYear: string | null;
  changePrevious: string | null;
}

/** "tăng 12%", "giảm 3%", "bằng" — against a base; null without a base. */
export function changeText(value: number | null, base: number | null, against: string): string | null {
  if (value === null || base === null) return null;
  if (base === 0) return value === 0 ? `bằng ${against}` : null;
  const pct = Math.round(((value - base) * 100) / base);
  if (pct === 0) return `tương đương ${against}`;
  return `${pct > 0 ? 'tăng' : 'giảm'} ${formatNumber(Math.abs(pct))}% so với ${against}`;
}

/** Totals of the whole form for a period (a closed period from its snapshot), against the previous period and the same period last year. */
export async function compareTotals(db: Db, actor: Actor, q: { form: string; period: string }): Promise<{ period: Period; closed: boolean; lines: Comparison[] }> {
  const f = await requireForm(db, q.form);
  // totals of the whole form: for those at the form's unit or above
  authorize(actor, 'report.read', { unitPath: f.unit_path, entityType: 'report_form', entityId: f.code });
  const p = pivotPeriod(f, q.period);
  const indicators = await repo.indicatorsOf(db, f.id);
  const totals = async (x: Period): Promise<{ closed: boolean; byId: Map<number, number> }> => {
    // a quarter, 6 or 9 months or a year of a monthly form: its months, each as that month shows (closed: its snapshot)
    if (f.period_type === 'month' && x.type !== 'month') {
      const months = await Promise.all(monthsOf(x).map((k) => totals(parsePeriod('month', k)!)));
      const byId = new Map<number, number>();
      for (const i of indicators) {
        const nums = months.map((m) => m.byId.get(i.id)).filter((v): v is number => v !== undefined);
        if (nums.length) byId.set(i.id, i.rollup === 'avg' ? nums.reduce((a, b) => a + b, 0) / nums.length : i.rollup === 'none' ? nums[nums.length - 1]! : nums.reduce((a, b) => a + b, 0));
      }
      return { closed: months.every((m) => m.closed), byId };
    }
    const snap = x.type === f.period_type ? await repo.findClose(db, f.id, x.key) : undefined;
    const byId = new Map<number, number>();
    if (snap) {
      const units = (JSON.parse(snap.snapshot_json) as { units: Record<string, Record<string, number | string>> }).units;
      for (const i of indicators) {
        const nums = Object.values(units).map((u) => u[i.code]).filter((v): v is number => typeof v === 'number');
        if (nums.length) byId.set(i.id, i.rollup === 'avg' ? nums.reduce((a, b) => a + b, 0) / nums.length : nums.reduce((a, b) => a + b, 0));
      }
      return { closed: true, byId };
    }
    // an open period counts what was submitted (approved or awaiting approval)
    const fig = await unitFigures(db, f, indicators, x, 'all');
    for (const i of indicators) {
      const nums = [...fig.values()].map((m) => m.get(i.id)).filter((v): v is number => typeof v === 'number');
      if (nums.length) byId.set(i.id, i.rollup === 'avg' ? nums.reduce((a, b) => a + b, 0) / nums.length : nums.reduce((a, b) => a + b, 0));
    }
    return { closed: false, byId };
  };
  const [now, prev, last] = await Promise.all([totals(p), totals(previousPeriod(p)), totals(samePeriodLastYear(p))]);
  return {
    period: p,
    closed: now.closed,
    lines: indicators
      .filter((i) => i.type !== 'text')
      .map((i) => {
        const value = now.byId.get(i.id) ?? null;
        const previous = prev.byId.get(i.id) ?? null;
        const lastYear = last.byId.get(i.id) ?? null;
        return { indicator: presentIndicator(i), value, previous, lastYear, changeLastYear: changeText(value, lastYear, 'cùng kỳ'), changePrevious: changeText(value, previous, 'kỳ trước') };
      }),
  };
}

/**
 * The narrative report's figures from a campaign's periodic reports: the first active form of the
 * campaign, for the period from January through `through` when it is a named one (a quarter, 6
 * or 9 months, the year, or a single month), with the change against the same period last year.
 */
export async function campaignReportingFacts(db: Db, campaignId: number, through: string): Promise<{ period: string; href: string; lines: { code: string; value: number | null; changeLastYear: string | null; changePrevious: string | null }[] } | null> {
  const f = (await repo.formsOfCampaign(db, campaignId))[0];
  if (!f) return null;
  const y = Number(through.slice(0, 4));
  const m = Number(through.slice(5, 7));
  const endOfMonth = through === parsePeriod('month', through.slice(0, 7))?.to;
  if (!endOfMonth) return null;
  const key = m === 12 ? String(y) : m === 9 ? `${y}-9T` : m === 6 ? `${y}-H1` : m === 3 ? `${y}-Q1` : `${y}-${String(m).padStart(2, '0')}`;
  let p: Period;
  try {
    p = pivotPeriod(f, key);
  } catch {
    return null;
  }
  const c = await compareTotals(db, { kind: 'system', username: 'báo cáo', ip: null }, { form: f.code, period: p.key });
  return {
    period: p.label,
    href: `/quan-tri/bao-cao/${encodeURIComponent(f.code)}/tong-hop?ky=${encodeURIComponent(p.key)}`,
    lines: c.lines.map((l) => ({ code: l.indicator.code, value: l.value, changeLastYear: l.changeLastYear, changePrevious: l.changePrevious })),
  };
}
