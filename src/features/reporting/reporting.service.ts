/**
 * Periodic reporting from every unit (after DHIS2's data sets): a form says which units report,
 * how often and by when; each unit enters its figures for a period, saves, submits; a unit above
 * returns it with a comment or approves it (only once the units below it are approved), and
 * approval locks it. Values are checked by type and by the form's rules between indicators; each
 * change is kept. Completeness and timeliness per period; figures roll up the hierarchy; a closed
 * period keeps a snapshot that later edits cannot change.
 */
import type { Db } from '../../db/index.js';
import { lockRow } from '../../db/dialect.js';
import { AppError, badInput, conflict, fieldError, notFound, type FieldIssue } from '../../lib/errors.js';
import { parseInput } from '../../lib/validation.js';
import { compareVi, daysBetween, formatNumber, parseMoney, todayVn } from '../../lib/vi.js';
import { authorize, authorizeRead, can, ForbiddenError, type Actor, inSubtree, onLineOf } from '../../policy/policy.js';
import { notify } from '../notices/notices.service.js';
import { audit } from '../audit/audit.service.js';
import { findCampaignByCode } from '../campaigns/campaigns.service.js';
import { findUnitByCode, listUnits } from '../units/units.service.js';
import type { UnitRow } from '../units/units.service.js';
import { dueDate, lastEndedPeriod, monthsOf, parseAnyPeriod, parsePeriod, periodsOfYear, previousPeriod, samePeriodLastYear, type Period } from './reporting.periods.js';
import * as repo from './reporting.repository.js';
import { reportFormLabels, ZReportForm, type PresentedForm, type PresentedIndicator, type PresentedRule, type RuleCheck } from './reporting.schemas.js';
import { LIVE_SOURCES, STOCK_SOURCES } from './reporting.sources.js';
import { PERIOD_TYPE_LABELS, RULE_SEVERITY_LABELS, SUBMISSION_STATUS_LABELS, type IndicatorType, type PeriodType, type ReportIndicatorRow, type ReportRuleRow, type RuleSeverity, type SubmissionStatus } from './reporting.table.js';

// ---------------------------------------------------------------- forms

/**
 * How much of a form's figures an actor sees: "all" at the form's unit or above it (and the
 * system); "own" for a unit inside the form's subtree — its own subtree only, never totals that
 * would give away other units' figures; anyone else is refused.
 */
function formScope(actor: Actor, f: { unit_path: string; code: string }): 'all' | 'own' {
  authorize(actor, 'report.read');
  if (inSubtree(actor, f.unit_path)) return 'all';
  if (onLineOf(actor, f.unit_path)) return 'own'; // below the form's unit (above it returned 'all')
  throw new ForbiddenError('report.read', { unitPath: f.unit_path, entityType: 'report_form', entityId: f.code }, `Bạn không có quyền xem số liệu của biểu mẫu ${f.code}.`);
}

function presentIndicator(i: ReportIndicatorRow): PresentedIndicator {
  return { id: i.id, code: i.code, name: i.name, section: i.section, type: i.type, unit: i.unit_label, rollup: i.rollup, source: i.source, sourceLabel: i.source ? (LIVE_SOURCES[i.source] ?? i.source) : null };
}

async function presentForm(db: Db, f: repo.FormWithUnit): Promise<PresentedForm> {
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
const ruleKey = (r: { left_code: string; op: string; right_code: string }): string => `${r.left_code}${r.op}${r.right_code}`;

function presentRule(r: ReportRuleRow): PresentedRule {
  return { left: r.left_code, op: r.op, right: r.right_code, message: r.message, severity: r.severity === 'warning' ? 'warning' : 'error', key: ruleKey(r) };
}

export async function requireForm(db: Db, code: string): Promise<repo.FormWithUnit> {
  const f = await repo.findFormByCode(db, code);
  if (!f) throw notFound(`Không tìm thấy biểu mẫu báo cáo "${code}".`);
  return f;
}

/** Creates a form, or replaces the definition of the one with this code. */
export async function saveForm(trx: Db, { actor, input }: { actor: Actor; input: unknown }): Promise<PresentedForm> {
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

function periodOf(f: { period_type: string }, key: string): Period {
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

const numeric = (v: string | null | undefined): number | null => (v == null || v === '' || !/^-?\d+(\.\d+)?$/.test(v) ? null : Number(v));

/** "1.250" / "3,5" for a stored value. */
export function formatValue(type: string, v: string | null | undefined): string {
  if (v == null) return '';
  if (type === 'text') return v;
  const x = Number(v);
  if (!Number.isFinite(x)) return v;
  return type === 'money' ? `${formatNumber(x)} đ` : formatNumber(x);
}

const OPS: Record<string, (a: number, b: number) => boolean> = { '<=': (a, b) => a <= b, '<': (a, b) => a < b, '>=': (a, b) => a >= b, '>': (a, b) => a > b, '=': (a, b) => a === b };

/** The rules a set of values breaks (a rule with an empty side is not checked), with the explanations given for warnings. */
function brokenRules(rules: ReportRuleRow[], byCode: Map<string, string | null>, explanations: Map<string, string> = new Map()): RuleCheck[] {
  const out: RuleCheck[] = [];
  for (const r of rules) {
    const a = numeric(byCode.get(r.left_code));
    const b = byCode.has(r.right_code) ? numeric(byCode.get(r.right_code)) : Number(r.right_code);
    if (a === null || b === null || !OPS[r.op]) continue;
    if (OPS[r.op]!(a, b)) continue;
    const severity: RuleSeverity = r.severity === 'warning' ? 'warning' : 'error';
    const key = ruleKey(r);
    out.push({ rule: key, severity, message: r.message, field: `values.${r.left_code}`, explanation: severity === 'warning' ? (explanations.get(key) ?? null) : null });
  }
  return out;
}

/** "Lỗi: …" / "Cảnh báo: …" — a violated rule as the officer reads it. */
export const ruleCheckText = (c: RuleCheck): string => `${RULE_SEVERITY_LABELS[c.severity]}: ${c.message}`;

/** The explanations stored with a submission, by rule. */
function storedExplanations(json: string | null | undefined): Map<string, string> {
  if (!json) return new Map();
  try {
    const list = JSON.parse(json) as { rule?: unknown; note?: unknown }[];
    return new Map(list.filter((x) => typeof x.rule === 'string' && typeof x.note === 'string').map((x) => [x.rule as string, x.note as string]));
  } catch {
    return new Map();
  }
}

/** An explanation of a warning, up to this many characters (refused above it, never cut). */
export const EXPLANATION_MAX = 1000;

interface EntryLine extends PresentedIndicator {
  value: string | null;
  shown: string;
  /** filled from live data, not typed */
  live: boolean;
  target: { value: string; shown: string; toDate: string | null; percent: number | null } | null;
}

export interface Entry {
  form: PresentedForm;
  unit: { code: string; name: string; path: string };
  period: Period;
  due: string;
  status: SubmissionStatus | 'missing';
  statusLabel: string;
  submittedAt: string | null;
  submittedBy: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  returnNote: string | null;
  closed: boolean;
  editable: boolean;
  lines: EntryLine[];
  /** the rules its values break: errors (to correct before submitting) and warnings with their explanations */
  checks: RuleCheck[];
  history: { code: string; name: string; old: string | null; new: string | null; at: string; by: string }[];
}

/** The answer for a unit that does not report on the form — and for one the reader may not read. */
const reportMissing = (f: { code: string }, unitCode: string) => notFound(`Đơn vị "${unitCode}" không báo cáo theo biểu mẫu ${f.code}.`);

async function requireReportingUnit(db: Db, f: repo.FormWithUnit, unitCode: string): Promise<UnitRow> {
  const u = await findUnitByCode(db, unitCode);
  const kinds = JSON.parse(f.reporting_kinds) as string[];
  if (!u || !u.path.startsWith(f.unit_path) || !kinds.includes(u.kind)) throw reportMissing(f, unitCode);
  return u;
}

/** The live-data figures of a unit's subtree for a period. */
async function liveFigures(db: Db, indicators: ReportIndicatorRow[], unit: UnitRow, p: Period): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  for (const i of indicators) if (i.source) out.set(i.id, String(await repo.liveValue(db, i.source, { path: unit.path, from: p.from, to: p.to })));
  return out;
}

/** A unit's report for a period: its values (live ones filled in), status, targets and history. */
export async function getEntry(db: Db, actor: Actor, q: { form: string; unit: string; period: string }): Promise<Entry> {
  const f = await requireForm(db, q.form);
  const unit = await requireReportingUnit(db, f, q.unit);
  // a report of a unit outside the reader's subtree: as a unit that does not report (issue #20)
  authorizeRead(actor, 'report.read', { unitPath: unit.path, entityType: 'report', entityId: `${f.code}/${unit.code}/${q.period}` }, () => reportMissing(f, q.unit));
  const p = periodOf(f, q.period);
  const [form, s, indicators, closed, targets] = await Promise.all([presentForm(db, f), repo.findSubmission(db, f.id, unit.id, p.key), repo.indicatorsOf(db, f.id), repo.findClose(db, f.id, p.key), repo.targetsOf(db, f.id)]);
  const values = s ? ((await repo.valuesOf(db, [s.id])).get(s.id) ?? new Map<number, string>()) : new Map<number, string>();
  // while it can still change, live figures are read now; once submitted, what was submitted stands
  const live = !s || s.status === 'draft' || s.status === 'returned' ? await liveFigures(db, indicators, unit, p) : new Map<number, string>();
  const toDate = await yearToDate(db, f, indicators, unit, p);
  const lines: EntryLine[] = indicators.map((i) => {
    const value = live.get(i.id) ?? values.get(i.id) ?? null;
    const tg = targets.find((x) => x.indicator_id === i.id && x.unit_id === unit.id && x.year === p.year);
    const done = toDate.get(i.id) ?? null;
    return {
      ...presentIndicator(i),
      value,
      shown: formatValue(i.type, value),
      live: Boolean(i.source),
      target: tg ? { value: tg.value, shown: formatValue(i.type, tg.value), toDate: done, percent: done !== null && Number(tg.value) > 0 ? Math.round((Number(done) * 100) / Number(tg.value)) : null } : null,
    };
  });
  const status = (s?.status ?? 'missing') as SubmissionStatus | 'missing';
  const checks = brokenRules(await repo.rulesOf(db, f.id), new Map(lines.map((l) => [l.code, l.value])), storedExplanations(s?.explanations));
  return {
    form,
    unit: { code: unit.code, name: unit.name, path: unit.path },
    period: p,
    due: dueDate(p, f.deadline_days),
    status,
    statusLabel: status === 'missing' ? 'Chưa nhập' : SUBMISSION_STATUS_LABELS[status],
    submittedAt: s?.submitted_at ?? null,
    submittedBy: s?.submitted_by_name ?? null,
    decidedAt: s?.decided_at ?? null,
    decidedBy: s?.decided_by_name ?? null,
    returnNote: s?.return_note ?? null,
    closed: Boolean(closed),
    editable: !closed && (status === 'missing' || status === 'draft' || status === 'returned'),
    lines,
    checks,
    history: s ? (await repo.historyOf(db, s.id)).map((h) => ({ code: h.code, name: h.name, old: h.old_value, new: h.new_value, at: h.at, by: h.actor_name })) : [],
  };
}

/** The year's figures so far (sum-rolled indicators: the periods of the year up to this one, as entered). */
async function yearToDate(db: Db, f: repo.FormWithUnit, indicators: ReportIndicatorRow[], unit: UnitRow, p: Period): Promise<Map<number, string>> {
  const keys: string[] = [];
  for (let x: Period = p; x.year === p.year && keys.length < 24; x = previousPeriod(x)) keys.push(x.key);
  const subs = (await repo.submissionsOf(db, f.id, keys)).filter((s) => s.unit_id === unit.id);
  const vals = await repo.valuesOf(db, subs.map((s) => s.id));
  const out = new Map<number, string>();
  for (const i of indicators) {
    if (i.rollup !== 'sum') continue;
    let total = 0;
    let any = false;
    for (const s of subs) {
      const v = numeric(vals.get(s.id)?.get(i.id));
      if (v !== null) {
        total += v;
        any = true;
      }
    }
    if (any) out.set(i.id, String(total));
  }
  return out;
}

function assertOpen(closed: unknown, p: Period): void {
  if (closed) throw new AppError(409, 'period_closed', `Kỳ ${p.label} đã khóa sổ: số liệu không sửa được nữa.`);
}

/**
 * Saves a unit's values for a period (a draft), and submits them when asked. Every value is
 * checked by its type (a value that is not one is refused, nothing written). The rules between
 * indicators work as DHIS2's validation rules: a draft is saved whatever they say; submitting is
 * refused while an error rule is broken, or a broken warning rule has no explanation (422 naming
 * the rule: `rules.<key>` / `explanations.<key>`). Explanations are kept with the submission.
 */
export async function saveEntry(
  trx: Db,
  {
    actor,
    form,
    unit: unitCode,
    period,
    values,
    submit,
    at,
    explanations,
  }: { actor: Actor; form: string; unit: string; period: string; values: Record<string, unknown>; submit?: boolean; at?: string | undefined; explanations?: Record<string, unknown> | undefined },
): Promise<Saved> {
  const f = await requireForm(trx, form);
  const unit = await requireReportingUnit(trx, f, unitCode);
  authorize(actor, 'report.enter', { unitPath: unit.path, entityType: 'report', entityId: `${f.code}/${unit.code}/${period}` });
  const p = periodOf(f, period);
  if (f.active !== 1) throw new AppError(409, 'inactive', `Biểu mẫu ${f.code} đã ngừng sử dụng.`);
  if (p.from > todayVn()) throw fieldError('period', `Kỳ báo cáo: ${p.label} chưa bắt đầu`);
  assertOpen(await repo.findClose(trx, f.id, p.key), p);
  const s = await repo.findSubmission(trx, f.id, unit.id, p.key);
  if (s && (s.status === 'submitted' || s.status === 'approved')) {
    throw new AppError(409, 'locked', s.status === 'approved' ? `Báo cáo ${p.label} của ${unit.name} đã được duyệt và khóa.` : `Báo cáo ${p.label} của ${unit.name} đã nộp, đang chờ duyệt; chỉ sửa được khi bị trả lại.`);
  }
  const indicators = await repo.indicatorsOf(trx, f.id);
  const live = await liveFigures(trx, indicators, unit, p);
  const issues: FieldIssue[] = [];
  const next = new Map<number, string | null>();
  for (const i of indicators) {
    if (i.source) {
      next.set(i.id, live.get(i.id) ?? null);
      continue;
    }
    const r = parseValue(i.type as IndicatorType, values[i.code]);
    if ('error' in r) issues.push({ field: `values.${i.code}`, message: `${i.name}: ${r.error}` });
    else next.set(i.id, r.value);
  }
  const unknown = Object.keys(values).filter((k) => !indicators.some((i) => i.code === k));
  if (unknown.length) issues.push({ field: `values.${unknown[0]}`, message: `Không có chỉ tiêu "${unknown[0]}" trong biểu mẫu ${f.code}` });
  // explanations of warnings: those given now, else those kept from an earlier save
  const given = new Map(storedExplanations(s?.explanations));
  for (const [rule, raw] of Object.entries(explanations ?? {})) {
    if (raw !== null && raw !== undefined && typeof raw !== 'string') {
      issues.push({ field: `explanations.${rule}`, message: `Giải trình cho quy tắc "${rule}": phải là chữ` });
      continue;
    }
    const note = (raw ?? '').normalize('NFC').trim();
    if (note.length > EXPLANATION_MAX) issues.push({ field: `explanations.${rule}`, message: `Giải trình cho quy tắc "${rule}": dài ${formatNumber(note.length)} ký tự, tối đa ${formatNumber(EXPLANATION_MAX)}` });
    else if (note) given.set(rule, note);
    else given.delete(rule);
  }
  const rules = await repo.rulesOf(trx, f.id);
  const checks = issues.length ? [] : brokenRules(rules, new Map(indicators.map((i) => [i.code, next.get(i.id) ?? null])), given);
  if (submit && !issues.length) {
    for (const c of checks) {
      if (c.severity === 'error') issues.push({ field: c.field, message: `${c.message} (quy tắc kiểm tra ${c.rule}: lỗi, phải sửa trước khi nộp)` });
      else if (!c.explanation) issues.push({ field: `explanations.${c.rule}`, message: `Cần giải trình: ${c.message} (quy tắc kiểm tra ${c.rule}: cảnh báo)` });
    }
  }
  if (submit && !issues.length) {
    for (const i of indicators) if (i.type !== 'text' && !i.source && next.get(i.id) == null) issues.push({ field: `values.${i.code}`, message: `${i.name}: cần nhập trước khi nộp (không có thì ghi 0)` });
  }
  if (issues.length) throw badInput(issues, issues.map((i) => i.message).join('; '));
  // kept: the explanations of the warnings these values break, with the rule's wording of the day
  const kept = checks.filter((c) => c.severity === 'warning' && c.explanation).map((c) => ({ rule: c.rule, message: c.message, note: c.explanation! }));
  const t = asOf(actor, at);
  const id = s ? s.id : await repo.insertSubmission(trx, { form_id: f.id, unit_id: unit.id, period: p.key, status: 'draft', submitted_at: null, submitted_by: null, decided_at: null, decided_by: null, return_note: null, created_at: t, updated_at: t });
  const old = s ? ((await repo.valuesOf(trx, [s.id])).get(s.id) ?? new Map<number, string>()) : new Map<number, string>();
  const changes = indicators
    .map((i) => ({ indicator_id: i.id, code: i.code, old_value: old.get(i.id) ?? null, new_value: next.get(i.id) ?? null }))
    .filter((c) => c.old_value !== c.new_value);
  await repo.writeValues(trx, id, changes.map(({ code: _c, ...c }) => c), t, actor.kind === 'user' ? actor.fullName : actor.username);
  const changed = Object.fromEntries(changes.map((c) => [c.code, { from: c.old_value, to: c.new_value }]));
  const explained = kept.length ? JSON.stringify(kept) : null;
  await repo.updateSubmissionRow(
    trx,
    id,
    submit ? { status: 'submitted', submitted_at: t, submitted_by: actor.kind === 'user' ? actor.userId : null, updated_at: t, explanations: explained } : { status: s?.status === 'returned' ? 'returned' : 'draft', updated_at: t, explanations: explained },
  );
  await audit(trx, actor, { action: submit ? 'report.submit' : 'report.save', entityType: 'report', entityId: id, after: { form: f.code, unit: unit.code, period: p.key, changed, ...(kept.length ? { explanations: kept } : {}) } });
  return { id, status: submit ? 'submitted' : s?.status === 'returned' ? 'returned' : 'draft', form: f.code, unit: unit.code, period: p.key, checks };
}

/** What a save or a decision did; callers that show the report read it again with `getEntry`. */
interface Saved {
  id: number;
  status: SubmissionStatus;
  form: string;
  unit: string;
  period: string;
  /** the rules the saved values break (a draft keeps them; a submitted report only explained warnings) */
  checks?: RuleCheck[];
}

/** When a write happened: now, or (the demo and bundles of past work, as the system) the instant given. */
const asOf = (actor: Actor, at: string | undefined): string => (at && actor.kind === 'system' ? new Date(at).toISOString() : new Date().toISOString());

/** Only a unit above the reporting one decides on its report (nobody approves their own unit's). */
function assertAbove(actor: Actor, unit: UnitRow): void {
  if (actor.kind === 'system') return;
  if (!(inSubtree(actor, unit.path) && unit.path !== actor.unitPath)) {
    throw new ForbiddenError('report.approve', { unitPath: unit.path, entityType: 'report' }, `Chỉ đơn vị cấp trên của ${unit.name} mới duyệt hoặc trả lại báo cáo của đơn vị này.`);
  }
}

async function decide(trx: Db, actor: Actor, q: { form: string; unit: string; period: string; at?: string | undefined }, what: 'approve' | 'return', note?: string): Promise<Saved> {
  const f = await requireForm(trx, q.form);
  const unit = await requireReportingUnit(trx, f, q.unit);
  authorize(actor, 'report.approve', { unitPath: unit.path, entityType: 'report', entityId: `${f.code}/${unit.code}/${q.period}` });
  assertAbove(actor, unit);
  const p = periodOf(f, q.period);
  assertOpen(await repo.findClose(trx, f.id, p.key), p);
  const s = await repo.findSubmission(trx, f.id, unit.id, p.key);
  if (!s || s.status !== 'submitted') throw new AppError(409, 'invalid_state', `Báo cáo ${p.label} của ${unit.name} chưa nộp hoặc đã được xử lý.`);
  if (what === 'approve' && actor.kind === 'user' && s.submitted_by === actor.userId) {
    throw new ForbiddenError('report.approve', { unitPath: unit.path, entityType: 'report', entityId: s.id }, 'Người nộp báo cáo không tự duyệt báo cáo đó; cần một người khác của đơn vị cấp trên.');
  }
  // one decision at a time per form, and never while a period is being closed
  await lockRow(trx, 'report_forms', f.id);
  const t = asOf(actor, q.at);
  if (what === 'return') {
    if (!note?.trim()) throw fieldError('note', 'Lý do trả lại: bắt buộc nhập, để đơn vị biết cần sửa gì');
    const noteLength = note.normalize('NFC').trim().length;
    if (noteLength > 2000) throw fieldError('note', `Lý do trả lại: dài ${formatNumber(noteLength)} ký tự, quá giới hạn 2.000 ký tự`);
    await repo.updateSubmissionRow(trx, s.id, { status: 'returned', return_note: note.normalize('NFC').trim(), decided_at: t, decided_by: actor.kind === 'user' ? actor.userId : null, updated_at: t });
  } else {
    // a level approves only when the levels below it that report on this form are approved
    const below = (await reportingUnits(trx, f)).filter((u) => u.id !== unit.id && u.path.startsWith(unit.path));
    if (below.length) {
      const subs = (await repo.submissionsOf(trx, f.id, [p.key])).filter((x) => below.some((u) => u.id === x.unit_id) && x.status === 'approved');
      const waiting = below.filter((u) => !subs.some((x) => x.unit_id === u.id));
      if (waiting.length) throw new AppError(409, 'children_pending', `Chưa duyệt được: báo cáo của ${waiting.map((u) => u.name).join(', ')} chưa được duyệt.`);
    }
    await repo.updateSubmissionRow(trx, s.id, { status: 'approved', return_note: null, decided_at: t, decided_by: actor.kind === 'user' ? actor.userId : null, updated_at: t });
  }
  await audit(trx, actor, { action: `report.${what}`, entityType: 'report', entityId: s.id, after: { form: f.code, unit: unit.code, period: p.key, note } });
  await notify(trx, actor, {
    to: s.submitted_by,
    kind: what === 'approve' ? 'report.approved' : 'report.returned',
    title: `${f.name} — ${p.label} của ${unit.name} ${what === 'approve' ? 'đã được duyệt' : 'bị trả lại'}`,
    body: what === 'return' && note ? `Lý do: ${note.normalize('NFC').trim()}` : null,
    url: `/quan-tri/bao-cao/${encodeURIComponent(f.code)}/${encodeURIComponent(unit.code)}/${encodeURIComponent(p.key)}`,
  });
  return { id: s.id, status: what === 'approve' ? 'approved' : 'returned', form: f.code, unit: unit.code, period: p.key };
}

export const approveReport = (trx: Db, { actor, ...q }: { actor: Actor; form: string; unit: string; period: string; at?: string | undefined }) => decide(trx, actor, q, 'approve');
export const returnReport = (trx: Db, { actor, note, ...q }: { actor: Actor; form: string; unit: string; period: string; note: string }) => decide(trx, actor, q, 'return', note);

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
export async function closePeriod(trx: Db, { actor, form, period, at }: { actor: Actor; form: string; period: string; at?: string | undefined }): Promise<void> {
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

// ---------------------------------------------------------------- what waits on a user

interface ReportWork {
  /** reports of the user's own unit still to send for the latest period that has ended (or returned) */
  toSubmit: { form: string; formName: string; unit: string; period: string; periodLabel: string; due: string; overdue: boolean; status: string; statusLabel: string }[];
  /** reports of units below the user's, submitted by someone else, waiting for approval */
  toApprove: { form: string; formName: string; unit: string; unitName: string; period: string; periodLabel: string; submittedAt: string | null }[];
}

export async function myReportWork(db: Db, actor: Actor & { kind: 'user' }, today = todayVn()): Promise<ReportWork> {
  const out: ReportWork = { toSubmit: [], toApprove: [] };
  const forms = (await repo.listFormRows(db)).filter((f) => f.active === 1 && onLineOf(actor, f.unit_path));
  for (const f of forms) {
    const type = f.period_type as PeriodType;
    if (can(actor, 'report.enter') && actor.unitPath.startsWith(f.unit_path) && (JSON.parse(f.reporting_kinds) as string[]).length) {
      const units = (await reportingUnits(db, f)).filter((u) => u.path === actor.unitPath);
      const p = lastEndedPeriod(type, today);
      for (const u of units) {
        const s = await repo.findSubmission(db, f.id, u.id, p.key);
        if (s && (s.status === 'submitted' || s.status === 'approved')) continue;
        if (await repo.findClose(db, f.id, p.key)) continue;
        const due = dueDate(p, f.deadline_days);
        const status = (s?.status ?? 'missing') as SubmissionStatus | 'missing';
        out.toSubmit.push({ form: f.code, formName: f.name, unit: u.code, period: p.key, periodLabel: p.label, due, overdue: due < today, status, statusLabel: status === 'missing' ? 'Chưa nhập' : SUBMISSION_STATUS_LABELS[status] });
      }
    }
    if (can(actor, 'report.approve')) {
      const pending = (await repo.submittedBelow(db, f.id, actor.unitPath)).filter((s) => s.submitted_by !== actor.userId);
      for (const s of pending) {
        const p = parsePeriod(type, s.period);
        if (!p || (await repo.findClose(db, f.id, s.period))) continue;
        out.toApprove.push({ form: f.code, formName: f.name, unit: s.unit_code, unitName: s.unit_name, period: s.period, periodLabel: p.label, submittedAt: s.submitted_at });
      }
    }
  }
  return out;
}
