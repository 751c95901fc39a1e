/**
 * Report forms (after DHIS2's data sets): which units report, how often and by when, the
 * indicators with their rules and targets; who sees a form's figures; the periods a form offers.
 */
import type { Db, Tx } from '../../db/index.js';
import { conflict, fieldError, notFound } from '../../lib/errors.js';
import { parseInput } from '../../lib/validation.js';
import { compareVi, formatNumber, parseMoney, todayVn } from '../../lib/vi.js';
import { authorize, ForbiddenError, type Actor, inSubtree, onLineOf } from '../../policy/policy.js';
import { audit } from '../audit/audit.service.js';
import { findCampaignByCode } from '../campaigns/campaigns.service.js';
import { findUnitByCode, listUnits } from '../units/units.service.js';
import type { UnitRow } from '../units/units.service.js';
import { lastEndedPeriod, parsePeriod, periodsOfYear, type Period } from './reporting.periods.js';
import * as repo from './reporting.repository.js';
import { reportFormLabels, ZReportForm, type PresentedForm, type PresentedIndicator, type PresentedRule } from './reporting.schemas.js';
import { LIVE_SOURCES, STOCK_SOURCES } from './reporting.sources.js';
import { PERIOD_TYPE_LABELS, type IndicatorType, type PeriodType, type ReportIndicatorRow, type ReportRuleRow } from './reporting.table.js';

// ---------------------------------------------------------------- forms

/**
 * How much of a form's figures an actor sees: "all" at the form's unit or above it (and the
 * system); "own" for a unit inside the form's subtree — its own subtree only, never totals that
 * would give away other units' figures; anyone else is refused.
 */
export function formScope(actor: Actor, f: { unit_path: string; code: string }): 'all' | 'own' {
  authorize(actor, 'report.read');
  if (inSubtree(actor, f.unit_path)) return 'all';
  if (onLineOf(actor, f.unit_path)) return 'own'; // below the form's unit (above it returned 'all')
  throw new ForbiddenError('report.read', { unitPath: f.unit_path, entityType: 'report_form', entityId: f.code }, `Bạn không có quyền xem số liệu của biểu mẫu ${f.code}.`);
}

export function presentIndicator(i: ReportIndicatorRow): PresentedIndicator {
  return { id: i.id, code: i.code, name: i.name, section: i.section, type: i.type, unit: i.unit_label, rollup: i.rollup, source: i.source, sourceLabel: i.source ? (LIVE_SOURCES[i.source] ?? i.source) : null };
}

export async function presentForm(db: Db, f: repo.FormWithUnit): Promise<PresentedForm> {
  const [indicators, rules] = await Promise.all([repo.indicatorsOf(db, f.id), repo.rulesOf(db, f.id)]);
  return {
    id: f.id,
    code: f.code,
    name: f.name,
    unit: f.unit_code,
    unitName: f.unit_name,
    unitPath: f.unit_path,
    campaign: f.campaign_code,
    periodType: f.period_type,
    periodTypeLabel: PERIOD_TYPE_LABELS[f.period_type as PeriodType] ?? f.period_type,
    deadlineDays: f.deadline_days,
    reportingKinds: JSON.parse(f.reporting_kinds) as string[],
    active: f.active === 1,
    indicators: indicators.map(presentIndicator),
    rules: rules.map(presentRule),
  };
}

/** The name of a rule in violations and explanations: "kn_giai_quyet<=kn_nhan". */
export const ruleKey = (r: { left_code: string; op: string; right_code: string }): string => `${r.left_code}${r.op}${r.right_code}`;

function presentRule(r: ReportRuleRow): PresentedRule {
  return { left: r.left_code, op: r.op, right: r.right_code, message: r.message, severity: r.severity === 'warning' ? 'warning' : 'error', key: ruleKey(r) };
}

export async function requireForm(db: Db, code: string): Promise<repo.FormWithUnit> {
  const f = await repo.findFormByCode(db, code);
  if (!f) throw notFound(`Không tìm thấy biểu mẫu báo cáo "${code}".`);
  return f;
}

/** Creates a form, or replaces the definition of the one with this code. */
export async function saveForm(trx: Tx, { actor, input }: { actor: Actor; input: unknown }): Promise<PresentedForm> {
  const d = parseInput(ZReportForm, input, reportFormLabels);
  const unit = await findUnitByCode(trx, d.unit);
  if (!unit) throw fieldError('unit', `Đơn vị giao báo cáo: không tìm thấy đơn vị "${d.unit}"`);
  authorize(actor, 'report.configure', { unitPath: unit.path, entityType: 'report_form', entityId: d.code });
  let campaignId: number | null = null;
  if (d.campaign) {
    const k = await findCampaignByCode(trx, d.campaign);
    if (!k) throw fieldError('campaign', `Chủ đề năm: không tìm thấy chủ đề "${d.campaign}"`);
    campaignId = k.id;
  }
  const codes = d.indicators.map((i) => i.code);
  const dup = codes.find((c, i) => codes.indexOf(c) !== i);
  if (dup) throw fieldError(`indicators[${codes.lastIndexOf(dup)}].code`, `Chỉ tiêu: mã "${dup}" bị lặp`);
  const byCode = new Map(d.indicators.map((i) => [i.code, i]));
  d.rules.forEach((r, i) => {
    const left = byCode.get(r.left);
    if (!left) throw fieldError(`rules[${i}].left`, `Quy tắc ${i + 1}: không có chỉ tiêu "${r.left}"`);
    if (left.type === 'text') throw fieldError(`rules[${i}].left`, `Quy tắc ${i + 1}: chỉ tiêu "${r.left}" là chữ, không so sánh được`);
    if (!byCode.has(r.right) && !/^\d+(\.\d+)?$/.test(r.right)) throw fieldError(`rules[${i}].right`, `Quy tắc ${i + 1}: "${r.right}" không phải mã chỉ tiêu hay một số`);
    if (byCode.get(r.right)?.type === 'text') throw fieldError(`rules[${i}].right`, `Quy tắc ${i + 1}: chỉ tiêu "${r.right}" là chữ, không so sánh được`);
    if (d.rules.findIndex((x) => x.left === r.left && x.op === r.op && x.right === r.right) !== i) throw fieldError(`rules[${i}]`, `Quy tắc ${i + 1}: trùng với một quy tắc trước (${r.left} ${r.op} ${r.right})`);
  });
  d.indicators.forEach((ind, i) => {
    if (ind.source && ind.type === 'text') throw fieldError(`indicators[${i}].source`, `Chỉ tiêu "${ind.code}": chỉ tiêu tự tính phải là số`);
    // a count at the end of the period (teams, members) is not added up over months
    if (ind.source && STOCK_SOURCES.has(ind.source) && ind.rollup && ind.rollup !== 'none') throw fieldError(`indicators[${i}].rollup`, `Chỉ tiêu "${ind.code}": số tổ, số thành viên cuối kỳ không cộng dồn theo kỳ được (dùng rollup "none")`);
  });
  const t = new Date().toISOString();
  const existing = await repo.findFormByCode(trx, d.code);
  const cols = { name: d.name, unit_id: unit.id, campaign_id: campaignId, period_type: d.periodType, deadline_days: d.deadlineDays, reporting_kinds: JSON.stringify(d.reportingKinds), active: d.active ? 1 : 0, updated_at: t };
  let formId: number;
  const before = existing ? await presentForm(trx, existing) : undefined;
  if (existing) {
    authorize(actor, 'report.configure', { unitPath: existing.unit_path, entityType: 'report_form', entityId: d.code });
    if (existing.period_type !== d.periodType && (await repo.hasSubmissions(trx, existing.id))) throw conflict('Kỳ báo cáo không đổi được khi đã có số liệu.', 'periodType');
    formId = existing.id;
    await repo.updateFormRow(trx, formId, cols);
  } else {
    formId = await repo.insertForm(trx, { code: d.code, ...cols, created_at: t });
  }
  // indicators: kept by code (their values stay), added, or removed when nothing was entered for them
  const current = await repo.indicatorsOf(trx, formId);
  for (const old of current) {
    if (byCode.has(old.code)) continue;
    if (await repo.indicatorHasValues(trx, old.id)) throw conflict(`Chỉ tiêu "${old.code}" đã có số liệu, không xóa được; có thể đổi tên hoặc ngừng dùng biểu mẫu.`, 'indicators');
    await repo.deleteIndicator(trx, old.id);
  }
  for (const [position, ind] of d.indicators.entries()) {
    const row = { name: ind.name, section: ind.section, type: ind.type, unit_label: ind.unit, rollup: ind.rollup ?? (ind.type === 'text' || (ind.source && STOCK_SOURCES.has(ind.source)) ? 'none' : 'sum'), source: ind.source ?? null, position };
    const old = current.find((c) => c.code === ind.code);
    if (old) {
      if (old.type !== ind.type && (await repo.indicatorHasValues(trx, old.id))) throw conflict(`Chỉ tiêu "${ind.code}" đã có số liệu, không đổi được kiểu.`, `indicators[${position}].type`);
      await repo.updateIndicator(trx, old.id, row);
    } else await repo.insertIndicator(trx, { form_id: formId, code: ind.code, ...row });
  }
  await repo.replaceRules(trx, formId, d.rules.map((r) => ({ left_code: r.left, op: r.op, right_code: r.right, message: r.message, severity: r.severity })));
  // targets (chỉ tiêu giao) per unit of the form's subtree and year
  const indicators = await repo.indicatorsOf(trx, formId);
  const targetRows: { indicator_id: number; unit_id: number; year: number; value: string }[] = [];
  for (const [i, tg] of d.targets.entries()) {
    const ind = indicators.find((x) => x.code === tg.indicator);
    if (!ind) throw fieldError(`targets[${i}].indicator`, `Chỉ tiêu giao ${i + 1}: không có chỉ tiêu "${tg.indicator}"`);
    const u = await findUnitByCode(trx, tg.unit);
    if (!u || !u.path.startsWith(unit.path)) throw fieldError(`targets[${i}].unit`, `Chỉ tiêu giao ${i + 1}: đơn vị "${tg.unit}" không thuộc ${unit.name}`);
    const v = parseValue(ind.type as IndicatorType, tg.value);
    if ('error' in v || v.value === null) throw fieldError(`targets[${i}].value`, `Chỉ tiêu giao ${i + 1}: ${'error' in v ? v.error : 'bắt buộc'}`);
    targetRows.push({ indicator_id: ind.id, unit_id: u.id, year: tg.year, value: v.value });
  }
  await repo.replaceTargets(trx, formId, targetRows);
  const after = await presentForm(trx, (await repo.findFormByCode(trx, d.code))!);
  await audit(trx, actor, { action: existing ? 'report_form.update' : 'report_form.create', entityType: 'report_form', entityId: formId, before, after });
  return after;
}

/** A form's definition as it is written (bundle record, admin editor, API body). */
export async function formDefinition(db: Db, f: PresentedForm): Promise<Record<string, unknown>> {
  const targets = await repo.targetsOf(db, f.id);
  return {
    code: f.code,
    name: f.name,
    unit: f.unit,
    campaign: f.campaign,
    periodType: f.periodType,
    deadlineDays: f.deadlineDays,
    reportingKinds: f.reportingKinds,
    active: f.active,
    indicators: f.indicators.map((i) => ({ code: i.code, name: i.name, section: i.section, type: i.type, unit: i.unit, rollup: i.rollup, source: i.source })),
    rules: f.rules.map((r) => ({ left: r.left, op: r.op, right: r.right, message: r.message, severity: r.severity })),
    targets: targets.map((t) => ({ indicator: t.indicator_code, unit: t.unit_code, year: t.year, value: t.value })),
  };
}

export async function getForm(db: Db, actor: Actor, code: string): Promise<PresentedForm> {
  const f = await requireForm(db, code);
  authorize(actor, 'report.read');
  return presentForm(db, f);
}

/** Forms the actor deals with: set by their unit or above it, or for units below it. */
export async function listForms(db: Db, actor: Actor): Promise<PresentedForm[]> {
  authorize(actor, 'report.read');
  const rows = await repo.listFormRows(db);
  const mine = rows.filter((f) => onLineOf(actor, f.unit_path));
  return Promise.all(mine.map((f) => presentForm(db, f)));
}

/** The active units that report on this form, in Vietnamese order. */
export async function reportingUnits(db: Db, f: repo.FormWithUnit): Promise<UnitRow[]> {
  const kinds = new Set(JSON.parse(f.reporting_kinds) as string[]);
  return (await listUnits(db, { pathPrefix: f.unit_path })).filter((u) => kinds.has(u.kind)).sort((a, b) => compareVi(a.name, b.name));
}

export function periodOf(f: { period_type: string }, key: string): Period {
  const p = parsePeriod(f.period_type as PeriodType, key);
  if (!p) throw fieldError('period', `Kỳ báo cáo: "${key}" không phải kỳ ${PERIOD_TYPE_LABELS[f.period_type as PeriodType]?.toLowerCase() ?? ''} hợp lệ`);
  return p;
}

/** The periods to offer for a form: those of every year with reports, and this year's that have begun; newest first. */
export async function periodChoices(db: Db, code: string, today = todayVn()): Promise<{ periods: Period[]; latest: Period }> {
  const f = await requireForm(db, code);
  const type = f.period_type as PeriodType;
  const entered = await repo.enteredPeriods(db, f.id);
  const years = new Set([Number(today.slice(0, 4)), ...entered.map((k) => Number(k.slice(0, 4)))]);
  const periods = [...years]
    .sort((a, b) => b - a)
    .flatMap((y) => periodsOfYear(type, y).reverse())
    .filter((p) => p.from <= today);
  const latest = entered[0] ? periodOf(f, entered[0]) : lastEndedPeriod(type, today);
  return { periods, latest };
}

/** The periods of a form with a report submitted or approved (not only drafts), newest first. */
export const reportedPeriods = (db: Db, formId: number): Promise<string[]> => repo.reportedPeriods(db, formId);

// ---------------------------------------------------------------- values

/** A typed value as stored (exact decimal text, or text), null for empty, or the reason it is refused. */
export function parseValue(type: IndicatorType, raw: unknown): { value: string | null } | { error: string } {
  if (raw === null || raw === undefined) return { value: null };
  if (typeof raw !== 'string' && typeof raw !== 'number') return { error: 'phải là một số hoặc chữ' };
  const s = String(raw).normalize('NFC').trim();
  if (s === '') return { value: null };
  if (type === 'text') return s.length > 2000 ? { error: `dài ${formatNumber(s.length)} ký tự, quá giới hạn 2.000 ký tự` } : { value: s };
  if (type === 'int' || type === 'money') {
    const r = parseMoney(typeof raw === 'number' ? raw : s);
    if ('error' in r) return { error: type === 'int' ? r.error.replace('số nguyên đồng', 'số nguyên').replace('một số tiền, ví dụ 1.250.000.000', 'một số nguyên, ví dụ 1.250') : r.error };
    return { value: String(r.value) };
  }
  // decimal: "3,5" or "3.5" (one separator, at most 4 decimals)
  const m = /^(\d{1,12})(?:[.,](\d{1,4}))?$/.exec(s);
  if (!m) return { error: 'phải là một số, ví dụ 3,5' };
  const frac = (m[2] ?? '').replace(/0+$/, '');
  return { value: frac ? `${Number(m[1])}.${frac}` : String(Number(m[1])) };
}

/** "1.250" / "3,5" for a stored value. */
export function formatValue(type: string, v: string | null | undefined): string {
  if (v == null) return '';
  if (type === 'text') return v;
  const x = Number(v);
  if (!Number.isFinite(x)) return v;
  return type === 'money' ? `${formatNumber(x)} đ` : formatNumber(x);
}
