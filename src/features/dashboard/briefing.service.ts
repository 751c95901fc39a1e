/**
 * The briefing pack (tài liệu giao ban) for a quarter or 6 months: the key figures with their
 * change from the previous period and the same period last year, a table per reporting unit,
 * who reported late or not at all, land-clearance projects behind schedule, and models with no
 * progress update in the period. As data here; the admin renders it as HTML and DOCX.
 */
import type { Db } from '../../db/index.js';
import { fieldError } from '../../lib/errors.js';
import { formatNumber, todayVn } from '../../lib/vi.js';
import { authorize, type Actor } from '../../policy/policy.js';
import { projectLines } from '../landClearance/landClearance.stats.js';
import { issueCounts } from '../supervision/supervision.issues.js';
import { openConclusionsOf } from '../supervision/supervision.service.js';
import { monthsOf, parsePeriod, periodsOfYear, type Period } from '../reporting/reporting.periods.js';
import { compareTotals, completeness, pivot, pivotPeriod, reportedPeriods, reportingUnits, requireForm, type Comparison, type PeriodType } from '../reporting/reporting.service.js';
import { countModelsWithoutUpdates, modelsWithoutUpdates, resourcesThrough, type Resources } from '../models/models.service.js';
import { resourceItems } from '../models/models.resources.js';
import { addDays } from '../calendar/calendar.service.js';
import { campaignsOfYearAt } from '../campaigns/campaigns.service.js';

export interface BriefingPack {
  form: { code: string; name: string; unitName: string };
  period: Period;
  madeOn: string;
  figures: Comparison[];
  /** one row per reporting unit: its figure per number indicator */
  table: { indicators: { code: string; name: string; type: string; unit: string | null }[]; rows: { unit: string; values: (number | string | null)[] }[]; total: (number | string | null)[] };
  /** per reporting period within the pack's period */
  reporting: { period: string; summary: string; late: { unit: string; days: number }[]; missing: string[] }[];
  behindSchedule: { code: string; name: string; unitName: string; categoryLabel: string; overdue: number; statusLabel: string }[];
  /** models with no progress update in the period: how many, how many per reporting unit (others: the units above or beside them), and the first ones */
  withoutUpdates: { total: number; byUnit: { unit: string; count: number }[]; items: { code: string; name: string; unitName: string }[] };
  /** conclusions of earlier meetings still open past their due date */
  overdueConclusions: { content: string; ownerName: string; dueOn: string; meeting: string }[];
  /**
   * what the models of the form's unit mobilised (their results) in the campaigns of the period's
   * year on its line (its own and those above it, counted as each campaign page counts a unit;
   * `campaign`: the nearest, named in the sentence):
   * in the period, and in all through its end — each as "figure words", the way the campaign page
   * says them; empty: nothing recorded. campaign null: no campaign that year (unknown, not 0).
   */
  resources: { campaign: { code: string; year: number; theme: string } | null; inPeriod: string[]; through: string[] };
  /** issues raised from below: raised and resolved in the period, open at its end, per reporting unit with any, and in all */
  issues: { rows: { unit: string; raised: number; resolved: number; open: number }[]; total: { raised: number; resolved: number; open: number } };
}

/** What the models mobilised: in the period, and in all through its end ("chưa ghi nhận" when nothing is recorded, "chưa có chủ đề năm" with no campaign that year: unknown, not 0). */
export const resourcesSentence = (b: BriefingPack): string => {
  const k = b.resources.campaign;
  if (!k) return `Chưa có chủ đề năm ${b.period.year} của ${b.form.unitName} hoặc cấp trên: chưa tính được nguồn lực huy động qua các mô hình.`;
  return b.resources.through.length
    ? `Nguồn lực huy động qua các mô hình của chủ đề năm ${k.year} trong kỳ: ${b.resources.inPeriod.length ? b.resources.inPeriod.join('; ') : 'chưa ghi nhận thêm'}. Lũy kế đến hết kỳ: ${b.resources.through.join('; ')}.`
    : `Các mô hình của chủ đề năm ${k.year} chưa ghi nhận kết quả huy động nguồn lực (tiền, ngày công, đất hiến).`;
};

/** How many rows a long section shows before "xem tất cả". */
export const BRIEFING_FIRST_ROWS = 10;

export async function briefingPack(db: Db, actor: Actor, q: { form: string; period: string; rows?: number }): Promise<BriefingPack> {
  const f = await requireForm(db, q.form);
  authorize(actor, 'report.read', { unitPath: f.unit_path, entityType: 'report_form', entityId: f.code });
  const p = pivotPeriod(f, q.period);
  if (p.type === 'month' && f.period_type !== 'month') throw fieldError('period', `Kỳ: "${q.period}" không dùng được với biểu mẫu này`);
  const [cmp, pv] = await Promise.all([compareTotals(db, actor, { form: f.code, period: p.key }), pivot(db, actor, { form: f.code, periods: [p.key] })]);
  // the form's own periods inside the pack's (months of a quarter), each with its completeness
  const own = f.period_type === 'month' ? monthsOf(p) : [p.key];
  const reporting = [];
  for (const key of own) {
    if (!parsePeriod(f.period_type as never, key)) continue;
    const k = await completeness(db, actor, { form: f.code, period: key });
    reporting.push({
      period: k.period.label,
      summary: k.summary,
      late: k.lines.filter((l) => (l.daysLate ?? 0) > 0).map((l) => ({ unit: l.unit.name, days: l.daysLate! })),
      missing: k.lines.filter((l) => l.daysLate === null).map((l) => l.unit.name),
    });
  }
  const numberIndicators = pv.form.indicators.filter((i) => i.type !== 'text');
  const reportingUnitsShown = pv.units.filter((u) => u.depth > 0);
  const valueOf = (ind: string, unit: string) => pv.rows.find((r) => r.indicator.code === ind && r.unit.code === unit)?.values[0] ?? null;
  const through = p.to < todayVn() ? p.to : todayVn();
  const lines = await projectLines(db, { unitPath: f.unit_path, through });
  const range = { path: f.unit_path, from: p.from, to: p.to };
  const [withoutTotal, withoutItems, conclusions, issueTotal] = await Promise.all([countModelsWithoutUpdates(db, range), modelsWithoutUpdates(db, range, q.rows ?? BRIEFING_FIRST_ROWS), openConclusionsOf(db, f.unit_path), issueCounts(db, f.unit_path, p.from, p.to)]);
  const issueRows = [];
  const withoutByUnit: { unit: string; count: number }[] = [];
  for (const u of await reportingUnits(db, f)) {
    const k = await issueCounts(db, u.path, p.from, p.to);
    if (k.raised || k.resolved || k.open) issueRows.push({ unit: u.name, ...k });
    const n = withoutTotal ? await countModelsWithoutUpdates(db, { ...range, path: u.path }) : 0;
    if (n) withoutByUnit.push({ unit: u.name, count: n });
  }
  // the campaigns of the period's year on the unit's line (its own and those above it), as the campaign page counts a unit of each (unitResources): one year's models, not every year's
  const campaigns = await campaignsOfYearAt(db, f.unit_path, p.year);
  const campaign = campaigns[0];
  const words = (r: Resources) => resourceItems(r, { money: true }).map((i) => `${i.figure} ${i.words}`);
  let resources: BriefingPack['resources'] = { campaign: null, inPeriod: [], through: [] };
  if (campaign) {
    // the same models at both ends (those registered by the end): the difference is the results dated in the period
    const counted = { campaignIds: campaigns.map((c) => c.id), unitPath: f.unit_path, statuses: ['registered', 'stopped'], to: through };
    const [atEnd, before] = await Promise.all([resourcesThrough(db, counted, through), resourcesThrough(db, counted, addDays(p.from, -1))]);
    const inPeriod = Object.fromEntries(Object.entries(atEnd).map(([k, v]) => [k, v === null ? null : v - (before[k as keyof Resources] ?? 0)])) as unknown as Resources;
    resources = { campaign: { code: campaign.code, year: campaign.year, theme: campaign.theme }, inPeriod: words(inPeriod), through: words(atEnd) };
  }
  const elsewhere = withoutTotal - withoutByUnit.reduce((a, x) => a + x.count, 0);
  if (elsewhere > 0) withoutByUnit.push({ unit: `Các đơn vị khác của ${f.unit_name}`, count: elsewhere });
  const today = todayVn();
  return {
    form: { code: f.code, name: f.name, unitName: f.unit_name },
    period: p,
    madeOn: todayVn(),
    figures: cmp.lines,
    table: {
      indicators: numberIndicators.map((i) => ({ code: i.code, name: i.name, type: i.type, unit: i.unit })),
      rows: reportingUnitsShown.map((u) => ({ unit: u.name, values: numberIndicators.map((i) => valueOf(i.code, u.code)) })),
      total: numberIndicators.map((i) => valueOf(i.code, pv.units[0]?.code ?? '')),
    },
    reporting,
    behindSchedule: lines
      .filter((l) => l.schedule.status === 'behind')
      .map((l) => ({ code: l.code, name: l.name, unitName: l.unitName, categoryLabel: l.categoryLabel, overdue: l.schedule.overdue, statusLabel: l.schedule.label })),
    withoutUpdates: { total: withoutTotal, byUnit: withoutByUnit, items: withoutItems.map((m) => ({ code: m.code, name: m.name, unitName: m.unit_name })) },
    overdueConclusions: conclusions.filter((k) => k.dueOn < today).map((k) => ({ content: k.content, ownerName: k.ownerName, dueOn: k.dueOn, meeting: k.meeting.title })),
    resources,
    issues: { rows: issueRows, total: issueTotal },
  };
}

/**
 * The periods a briefing pack can be made for, from the periods with reports submitted or approved
 * (a draft is not yet a figure of the pack): for a monthly
 * form the quarters, 6 and 9 months and years holding at least one month with reports; for other
 * forms their own periods with reports. Newest first. `latest` is where the page opens: the
 * shortest-ending period holding the latest month with reports, the longest of those (9 months
 * of a year reported through September, not its empty last quarter).
 */
export async function briefingChoices(db: Db, actor: Actor, form: string): Promise<{ years: number[]; periods: Period[]; latest: Period | null; latestOfYear: Map<number, Period> }> {
  const f = await requireForm(db, form);
  authorize(actor, 'report.read', { unitPath: f.unit_path, entityType: 'report_form', entityId: f.code });
  const type = f.period_type as PeriodType;
  const entered = (await reportedPeriods(db, f.id)).map((k) => parsePeriod(type, k)).filter((p): p is Period => p !== null);
  if (!entered.length) return { years: [], periods: [], latest: null, latestOfYear: new Map() };
  const years = [...new Set(entered.map((p) => p.year))].sort((a, b) => b - a);
  const periods: Period[] =
    type === 'month'
      ? years.flatMap((y) =>
          (['year', 'nine', 'half', 'quarter'] as const)
            .flatMap((t) => periodsOfYear(t, y))
            .filter((x) => entered.some((m) => m.from >= x.from && m.to <= x.to))
            .sort((a, b) => b.to.localeCompare(a.to) || a.from.localeCompare(b.from)),
        )
      : entered;
  const latestAmong = (own: Period[], of: Period[]): Period | null => {
    if (!own.length) return null;
    const newest = own.reduce((a, b) => (b.to > a.to ? b : a));
    return of.filter((x) => x.from <= newest.from && x.to >= newest.to).sort((a, b) => a.to.localeCompare(b.to) || a.from.localeCompare(b.from))[0] ?? of[0] ?? null;
  };
  const latestOfYear = new Map(years.map((y) => [y, latestAmong(entered.filter((p) => p.year === y), periods.filter((p) => p.year === y))!]));
  return { years, periods, latest: latestOfYear.get(years[0]!) ?? null, latestOfYear };
}

/** "Gia Thụy (tháng 6, muộn 5 ngày)" lines for the text. */
export function lateList(b: BriefingPack): string[] {
  return b.reporting.flatMap((r) => [...r.late.map((l) => `${l.unit} — ${r.period}: nộp muộn ${formatNumber(l.days)} ngày`), ...r.missing.map((m) => `${m} — ${r.period}: chưa nộp`)]);
}
