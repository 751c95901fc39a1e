/**
 * A unit's report for a period: values checked by type and by the form's rules between
 * indicators, saved, submitted; a unit above returns it with a comment or approves it (only once
 * the units below it are approved), and approval locks it; each change is kept. And the reports
 * waiting on a user (to send, to approve).
 */
import type { Db, Tx } from '../../db/index.js';
import { lockRow } from '../../db/dialect.js';
import { AppError, badInput, fieldError, notFound, type FieldIssue } from '../../lib/errors.js';
import { formatNumber, todayVn } from '../../lib/vi.js';
import { authorize, authorizeRead, can, ForbiddenError, type Actor, inSubtree, onLineOf } from '../../policy/policy.js';
import { notify } from '../notices/notices.service.js';
import { whoActs } from '../accounts/accounts.service.js';
import { audit } from '../audit/audit.service.js';
import { findUnitByCode } from '../units/units.service.js';
import type { UnitRow } from '../units/units.service.js';
import { dueDate, lastEndedPeriod, parsePeriod, previousPeriod, type Period } from './reporting.periods.js';
import { periodOf, presentForm, presentIndicator, requireForm, reportingUnits, ruleKey, parseValue, formatValue } from './reporting.forms.js';
import * as repo from './reporting.repository.js';
import { type PresentedForm, type PresentedIndicator, type RuleCheck } from './reporting.schemas.js';
import { RULE_SEVERITY_LABELS, SUBMISSION_STATUS_LABELS, type IndicatorType, type PeriodType, type ReportIndicatorRow, type ReportRuleRow, type RuleSeverity, type SubmissionStatus } from './reporting.table.js';

// ---------------------------------------------------------------- values

const numeric = (v: string | null | undefined): number | null => (v == null || v === '' || !/^-?\d+(\.\d+)?$/.test(v) ? null : Number(v));

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
  trx: Tx,
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
  if (submit) {
    // those who approve: the unit above the reporting one (or the level above it, when it has nobody who approves)
    await notify(trx, actor, {
      to: await whoActs(trx, 'report.approve', unit.path.replace(/[^/]+\/$/, ''), { except: actor }),
      kind: 'report.submitted',
      title: `${unit.name} nộp ${f.name} — ${p.label}, chờ duyệt`,
      url: `/quan-tri/bao-cao/${encodeURIComponent(f.code)}/${encodeURIComponent(unit.code)}/${encodeURIComponent(p.key)}`,
    });
  }
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
export const asOf = (actor: Actor, at: string | undefined): string => (at && actor.kind === 'system' ? new Date(at).toISOString() : new Date().toISOString());

/** Only a unit above the reporting one decides on its report (nobody approves their own unit's). */
function assertAbove(actor: Actor, unit: UnitRow): void {
  if (actor.kind === 'system') return;
  if (!(inSubtree(actor, unit.path) && unit.path !== actor.unitPath)) {
    throw new ForbiddenError('report.approve', { unitPath: unit.path, entityType: 'report' }, `Chỉ đơn vị cấp trên của ${unit.name} mới duyệt hoặc trả lại báo cáo của đơn vị này.`);
  }
}

async function decide(trx: Tx, actor: Actor, q: { form: string; unit: string; period: string; at?: string | undefined }, what: 'approve' | 'return', note?: string): Promise<Saved> {
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

export const approveReport = (trx: Tx, { actor, ...q }: { actor: Actor; form: string; unit: string; period: string; at?: string | undefined }) => decide(trx, actor, q, 'approve');
export const returnReport = (trx: Tx, { actor, note, ...q }: { actor: Actor; form: string; unit: string; period: string; note: string }) => decide(trx, actor, q, 'return', note);

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

