/** @jsxImportSource hono/jsx */
/**
 * Periodic reporting in the admin: the forms, a period's completeness ("12/14 phường đã nộp, 2
 * nộp muộn") with whom to chase, a unit's report (plain HTML form, no client code: works on a
 * slow line), approval and return, the pivot with a chart over periods and its XLSX, closing a
 * period. Pages only; every rule is in the service.
 */
import ExcelJS from 'exceljs';
import { Hono } from 'hono';
import { AppError, fieldError, type FieldIssue } from '../../lib/errors.js';
import { formatDate, formatDateTime, formatNumber, todayVn } from '../../lib/vi.js';
import { ColumnChart } from '../../web/charts.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, formProblem, list, pageActor, str, submitForm, type FormValues } from '../../web/forms.js';
import { AdminLayout, CharCount, Csrf, ErrorSummary, fieldErrorOf, fieldId, render } from '../../web/layout.js';
import { authorize, can } from '../../policy/policy.js';
import { LIVE_SOURCES } from './reporting.sources.js';
import { contentDisposition } from '../files/files.service.js';
import { periodsOfYear, previousPeriod, type Period } from './reporting.periods.js';
import * as reporting from './reporting.service.js';
import { BRIEFING_FIRST_ROWS, briefingChoices, briefingPack, lateList } from './reporting.briefing.js';
import { briefingDocx } from './reporting.documents.js';
import type { PeriodType } from './reporting.table.js';
import { safeCell, workbookBuffer } from '../../lib/cells.js';

const enc = encodeURIComponent;
const base = (form: string) => `/quan-tri/bao-cao/${enc(form)}`;
const entryUrl = (form: string, unit: string, period: string) => `${base(form)}/${enc(unit)}/${enc(period)}`;

const numberOf = (v: number | string | null) => (v === null ? '' : typeof v === 'number' ? formatNumber(v) : v);

async function entryPage(c: Ctx, q: { form: string; unit: string; period: string }, o: { values?: FormValues; issues?: FieldIssue[]; message?: string; status?: 200 | 409 | 422; savedNotSubmitted?: boolean } = {}) {
  const actor = pageActor(c);
  const e = await reporting.getEntry(c.var.deps.db.db, actor, q);
  const issues = o.issues ?? [];
  const sections = [...new Set(e.lines.map((l) => l.section ?? ''))];
  const mayEnter = e.editable && can(actor, 'report.enter', { unitPath: e.unit.path });
  const mayDecide = e.status === 'submitted' && !e.closed && can(actor, 'report.approve', { unitPath: e.unit.path }) && e.unit.path !== actor.unitPath;
  const prev = previousPeriod(e.period);
  const hasTargets = e.lines.some((l) => l.target);
  const errors = e.checks.filter((k) => k.severity === 'error');
  const warnings = e.checks.filter((k) => k.severity === 'warning');
  return render(
    c,
    <AdminLayout c={c} title={`${e.form.name} — ${e.period.label}`} active="bao-cao">
      <p>
        <a href={`${base(e.form.code)}?ky=${enc(e.period.key)}`}>← Tình hình nộp báo cáo {e.period.label}</a> · <a href={entryUrl(e.form.code, e.unit.code, prev.key)}>{prev.label}</a>
      </p>
      <div class="card">
        <p>
          Đơn vị: <strong>{e.unit.name}</strong> · Hạn nộp: <strong>{formatDate(e.due)}</strong> · Trạng thái: <strong>{e.statusLabel}</strong>
          {e.submittedAt ? (
            <>
              {' '}
              — nộp lúc {formatDateTime(e.submittedAt)}
              {e.submittedBy ? ` bởi ${e.submittedBy}` : ''}
            </>
          ) : null}
          {e.decidedAt && e.status === 'approved' ? <> · duyệt lúc {formatDateTime(e.decidedAt)}{e.decidedBy ? ` bởi ${e.decidedBy}` : ''}</> : null}
        </p>
        {e.closed ? <p class="muted">Kỳ này đã khóa sổ: số liệu không sửa được nữa.</p> : null}
        {e.returnNote && e.status === 'returned' ? (
          <p class="error-summary" role="status">
            Báo cáo bị trả lại: {e.returnNote}
          </p>
        ) : null}
      </div>
      {o.savedNotSubmitted ? (
        <div class="error-summary" role="alert" tabindex={-1}>
          <h2>Đã lưu nháp — chưa nộp được, cần xử lý:</h2>
          <ul>
            {issues.map((i) => (
              <li>
                <a href={`#${fieldId(i.field)}`}>{i.message}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <ErrorSummary issues={issues} message={o.message} />
      )}
      <form method="post" action={entryUrl(e.form.code, e.unit.code, e.period.key)} class="card" novalidate>
        <Csrf c={c} />
        {sections.map((sec) => {
          const own = e.lines.filter((l) => (l.section ?? '') === sec);
          const valueHeader = own.every((l) => l.type === 'text') ? 'Nội dung' : own.some((l) => l.type === 'text') ? 'Số liệu, nội dung' : 'Số liệu';
          return (
          <fieldset class="report-section">
            {sec ? <legend>{sec}</legend> : null}
            <table class="responsive report-entry">
              <thead>
                <tr>
                  <th scope="col">Chỉ tiêu</th>
                  <th scope="col">{valueHeader}</th>
                  {hasTargets ? <th scope="col">Chỉ tiêu giao năm {e.period.year}</th> : null}
                </tr>
              </thead>
              <tbody>
                {e.lines
                  .filter((l) => (l.section ?? '') === sec)
                  .map((l) => {
                    const err = fieldErrorOf(issues, `values.${l.code}`);
                    const id = fieldId(`values.${l.code}`);
                    const typed = o.values ? str(o.values[`v_${l.code}`]) : l.type === 'text' ? (l.value ?? '') : l.value === null ? '' : l.shown.replace(/ đ$/, '');
                    // a rule these values break, beside its field (the submit's own refusal says it already)
                    const broken = err ? [] : e.checks.filter((k) => k.field === `values.${l.code}`);
                    const isText = l.type === 'text';
                    return (
                      <tr class={err ? 'has-error' : ''}>
                        <td>
                          <label for={id}>
                            {l.name}
                            {l.unit ? <span class="muted"> ({l.unit})</span> : null}
                          </label>
                          {l.live ? <p class="hint">Tự tính từ dữ liệu: {l.sourceLabel}</p> : null}
                          {err ? <p class="field-error">{err}</p> : null}
                          {broken.map((k) => (
                            <p class={k.severity === 'error' ? 'field-error' : 'hint'}>{reporting.ruleCheckText(k)}</p>
                          ))}
                        </td>
                        <td data-label={isText ? 'Nội dung (ghi bằng chữ)' : 'Số liệu'} colspan={isText && hasTargets ? 2 : undefined}>
                          {l.live || !mayEnter ? (
                            <output id={id}>{l.shown || '—'}</output>
                          ) : l.type === 'text' ? (
                            <>
                              <textarea id={id} name={`v_${l.code}`} rows={2} data-max={2000} aria-describedby={`${id}-count`} aria-invalid={err ? 'true' : undefined}>
                                {typed}
                              </textarea>
                              <CharCount id={id} value={typed} max={2000} />
                            </>
                          ) : (
                            <input id={id} name={`v_${l.code}`} value={typed} inputmode={l.type === 'decimal' ? 'decimal' : 'numeric'} aria-invalid={err ? 'true' : undefined} size={14} />
                          )}
                        </td>
                        {!hasTargets || isText ? null : l.target ? (
                          <td data-label="Chỉ tiêu giao">
                            {l.target.shown}
                            {l.target.toDate !== null ? (
                              <span class="muted">
                                {' '}
                                — đã đạt {formatNumber(Number(l.target.toDate))}
                                {l.target.percent !== null ? ` (${formatNumber(l.target.percent)}%)` : ''}
                              </span>
                            ) : null}
                          </td>
                        ) : (
                          <td class="no-target"></td>
                        )}
                      </tr>
                    );
                  })}
              </tbody>
            </table>
          </fieldset>
          );
        })}
        {errors.length ? (
          <div class="rule-checks error" role="status">
            <h2>Lỗi cần sửa trước khi nộp ({formatNumber(errors.length)})</h2>
            <ul>
              {errors.map((k) => (
                <li>{k.message}</li>
              ))}
            </ul>
            {mayEnter ? <p class="hint">Vẫn lưu nháp được; chỉ nộp được khi đã sửa.</p> : null}
          </div>
        ) : null}
        {warnings.length ? (
          <div class="rule-checks warning" role="status">
            <h2>Cảnh báo cần giải trình ({formatNumber(warnings.length)})</h2>
            {warnings.map((k) => {
              const err = fieldErrorOf(issues, `explanations.${k.rule}`);
              return (
                <div class={`explanation${err ? ' has-error' : ''}`}>
                  <p>
                    <strong>Cảnh báo:</strong> {k.message}
                  </p>
                  {mayEnter ? (
                    <>
                      <label for={fieldId(`explanations.${k.rule}`)}>Giải trình</label>
                      {err ? <p class="field-error">Chưa có giải trình: cần nhập để nộp báo cáo.</p> : null}
                      <textarea id={fieldId(`explanations.${k.rule}`)} name={`gt_${k.rule}`} rows={2} data-max={reporting.EXPLANATION_MAX} aria-describedby={`${fieldId(`explanations.${k.rule}`)}-count`} aria-invalid={err ? 'true' : undefined}>
                        {o.values ? str(o.values[`gt_${k.rule}`]) : (k.explanation ?? '')}
                      </textarea>
                      <CharCount id={fieldId(`explanations.${k.rule}`)} value={o.values ? str(o.values[`gt_${k.rule}`]) : (k.explanation ?? '')} max={reporting.EXPLANATION_MAX} />
                      <p class="hint">Tối đa {formatNumber(reporting.EXPLANATION_MAX)} ký tự. Cần giải trình để nộp báo cáo; cấp trên đọc giải trình khi duyệt.</p>
                    </>
                  ) : (
                    <p>Giải trình của đơn vị: {k.explanation ?? <em>chưa có</em>}</p>
                  )}
                </div>
              );
            })}
          </div>
        ) : null}
        {e.form.rules.length ? (
          <details>
            <summary>Quy tắc kiểm tra ({e.form.rules.length})</summary>
            <ul>
              {e.form.rules.map((r) => (
                <li>
                  {r.severity === 'warning' ? 'Cảnh báo (nộp được khi có giải trình)' : 'Lỗi (phải sửa trước khi nộp)'}: {r.message}
                </li>
              ))}
            </ul>
            <p class="hint">Quy tắc kiểm tra không chặn việc lưu nháp.</p>
          </details>
        ) : null}
        {mayEnter ? (
          <div class="actions">
            <button type="submit" name="thao_tac" value="luu" class="secondary">
              Lưu nháp
            </button>
            <button type="submit" name="thao_tac" value="nop">
              Nộp báo cáo
            </button>
          </div>
        ) : null}
      </form>
      {mayDecide ? (
        <div class="card">
          <h2>Duyệt báo cáo</h2>
          <form method="post" action={`${entryUrl(e.form.code, e.unit.code, e.period.key)}/duyet`} class="inline">
            <Csrf c={c} />
            <button type="submit">Duyệt và khóa báo cáo</button>
          </form>
          <form method="post" action={`${entryUrl(e.form.code, e.unit.code, e.period.key)}/tra-lai`}>
            <Csrf c={c} />
            <label for="f-note">Lý do trả lại</label>
            <input id="f-note" name="note" data-max={2000} aria-describedby="f-note-count" />
            <CharCount id="f-note" max={2000} />
            <button type="submit" class="secondary">
              Trả lại đơn vị
            </button>
          </form>
        </div>
      ) : null}
      {e.history.length ? (
        <details class="card">
          <summary>Lịch sử thay đổi số liệu ({formatNumber(e.history.length)})</summary>
          <table class="responsive">
            <thead>
              <tr>
                <th>Lúc</th>
                <th>Người sửa</th>
                <th>Chỉ tiêu</th>
                <th>Từ</th>
                <th>Thành</th>
              </tr>
            </thead>
            <tbody>
              {e.history.map((h) => (
                <tr>
                  <td data-label="Lúc">{formatDateTime(h.at)}</td>
                  <td data-label="Người sửa">{h.by}</td>
                  <td data-label="Chỉ tiêu">{h.name}</td>
                  <td data-label="Từ">{h.old ?? '—'}</td>
                  <td data-label="Thành">{h.new ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </details>
      ) : null}
    </AdminLayout>,
    o.status ?? 200,
  );
}

async function pivotWorkbook(p: reporting.Pivot): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Tổng hợp');
  ws.addRow([p.form.name]).font = { bold: true };
  const targets = p.rows.some((r) => r.target);
  ws.addRow(['Chỉ tiêu', 'Đơn vị tính', 'Đơn vị', ...p.periods.map((x) => x.label), ...(targets ? [`Chỉ tiêu giao năm ${p.periods[p.periods.length - 1]?.year}`, 'Đã đạt', 'Tỷ lệ (%)'] : [])]).font = { bold: true };
  for (const r of p.rows) {
    // text that a spreadsheet would read as a formula is written as text (workbookBuffer checks every cell again)
    const row = ws.addRow([
      safeCell(r.indicator.name),
      r.indicator.unit ?? '',
      `${'  '.repeat(r.unit.depth)}${String(safeCell(r.unit.name))}`,
      ...r.values.map(safeCell),
      ...(targets ? (r.target ? [r.target.value, r.target.reached, r.target.percent] : ['', '', '']) : []),
    ]);
    // decimals and averages keep their fraction; counts and money are whole
    const fmt = r.indicator.type === 'decimal' || r.indicator.rollup === 'avg' ? '#,##0.##' : '#,##0';
    for (let i = 4; i < 4 + p.periods.length; i++) row.getCell(i).numFmt = fmt;
  }
  ws.getColumn(1).width = 48;
  ws.getColumn(3).width = 30;
  for (let i = 4; i < 4 + p.periods.length; i++) ws.getColumn(i).width = 16;
  return workbookBuffer(wb);
}

/** Key figures with their change against the previous period and the same period last year (a column only when some line has it). */
function ComparisonTable({ label, lines }: { label: string; lines: reporting.Comparison[] }) {
  const prev = lines.some((l) => l.changePrevious);
  const last = lines.some((l) => l.changeLastYear);
  return (
    <table class="responsive comparison">
      <thead>
        <tr>
          <th>Chỉ tiêu</th>
          <th class="num">{label}</th>
          {prev ? <th>So với kỳ trước</th> : null}
          {last ? <th>So với cùng kỳ</th> : null}
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr>
            <td>
              {l.indicator.name}
              {l.indicator.unit && l.indicator.type !== 'money' ? <span class="muted"> ({l.indicator.unit})</span> : null}
            </td>
            <td data-label={label} class="num">
              {l.value === null ? '—' : reporting.formatValue(l.indicator.type, String(Math.round(l.value * 100) / 100))}
            </td>
            {prev ? <td data-label="So với kỳ trước">{l.changePrevious ?? '—'}</td> : null}
            {last ? <td data-label="So với cùng kỳ">{l.changeLastYear ?? '—'}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The periods asked for, or the six latest with reports. */
async function pivotPeriods(c: Ctx, form: string): Promise<string[]> {
  const asked = list(c.req.queries('ky') ?? []).filter(Boolean).slice(0, 24);
  if (asked.length) return asked;
  const { latest } = await reporting.periodChoices(c.var.deps.db.db, form);
  const out: string[] = [];
  for (let p = latest; out.length < 6 && p.year === latest.year; p = previousPeriod(p)) out.unshift(p.key);
  return out;
}

/** What the pivot's period boxes offer: the form's periods, and for a monthly form the quarters, 6 and 9 months and years of the same years. */
async function pivotChoices(c: Ctx, form: string, type: PeriodType): Promise<Period[]> {
  const own = (await reporting.periodChoices(c.var.deps.db.db, form)).periods;
  if (type !== 'month') return own;
  const years = [...new Set(own.map((p) => p.year))];
  const today = todayVn();
  return [...years.flatMap((y) => [...periodsOfYear('year', y), ...periodsOfYear('nine', y), ...periodsOfYear('half', y), ...periodsOfYear('quarter', y)].filter((p) => p.from <= today)), ...own];
}

/** The part of a period key after its year, as the period picker sends it: "Q3", "H1", "9T", "" (the year). */
const partOf = (p: Period) => p.key.slice(5);
/** "Quý III", "6 tháng đầu năm", "Cả năm" — a period's name within its year. */
const partLabel = (p: Period) => (p.type === 'year' ? 'Cả năm' : p.label.replace(/\/\d{4}$/, '').replace(/ năm \d{4}$/, ' năm'));

/**
 * The period of the briefing pack: `ky` (a whole key, as links and the Word download carry it),
 * else the year and period chosen in the pickers (a year with reports and a period it has no
 * reports for opens on that year's latest), else the latest period with reports.
 */
async function briefingPeriod(c: Ctx, form: string): Promise<string> {
  const asked = c.req.query('ky');
  if (asked) return asked;
  const db = c.var.deps.db.db;
  const choices = await briefingChoices(db, pageActor(c), form);
  const year = c.req.query('nam') ?? '';
  const part = c.req.query('dot') ?? '';
  if (year) {
    if (!/^\d{4}$/.test(year)) throw fieldError('nam', `Năm: "${year}" không phải một năm`);
    const key = part ? `${year}-${part}` : year;
    if (choices.periods.some((p) => p.key === key) || !choices.years.includes(Number(year))) return key;
    return choices.latestOfYear.get(Number(year))!.key;
  }
  if (choices.latest) return choices.latest.key;
  const f = await reporting.getForm(db, pageActor(c), form);
  const { latest } = await reporting.periodChoices(db, form);
  return f.periodType === 'month' ? `${latest.year}-H1` : latest.key;
}

/** A long section: its first rows, and a link to all of them. */
function SeeAll({ href, shown, total, noun }: { href: string; shown: number; total: number; noun: string }) {
  return total > shown ? (
    <p class="see-all">
      Đang hiện {formatNumber(shown)}/{formatNumber(total)} {noun}. <a href={href}>Xem tất cả {formatNumber(total)} {noun} ›</a>
    </p>
  ) : null;
}

const BRIEFING_LISTS: Record<string, string> = { 'nop-bao-cao': 'Đơn vị nộp muộn hoặc chưa nộp báo cáo', 'du-an-cham': 'Dự án giải phóng mặt bằng chậm tiến độ', 'mo-hinh': 'Mô hình chưa cập nhật tiến độ trong kỳ' };

/** The whole of one long section of the briefing pack ("xem tất cả"), numbered. */
async function briefingListPage(c: Ctx, form: string, what: string) {
  const title = BRIEFING_LISTS[what];
  if (!title) throw new AppError(404, 'not_found', 'Không có danh sách này trong tài liệu giao ban.');
  const b = await briefingPack(c.var.deps.db.db, pageActor(c), { form, period: await briefingPeriod(c, form), rows: BRIEFING_ALL_ROWS });
  const back = `${base(form)}/giao-ban?ky=${enc(b.period.key)}`;
  // the models: a page of BRIEFING_PAGE at a time
  const pages = Math.max(1, Math.ceil(b.withoutUpdates.items.length / BRIEFING_PAGE));
  const pageNo = Math.min(pages, Math.max(1, Number.parseInt(c.req.query('trang') ?? '1', 10) || 1));
  const first = (pageNo - 1) * BRIEFING_PAGE;
  const pageUrl = (n: number) => `${base(form)}/giao-ban/${what}?ky=${enc(b.period.key)}&trang=${n}`;
  return render(
    c,
    <AdminLayout c={c} title={`${title} — ${b.period.label}`} active="bao-cao">
      <p>
        <a href={back}>← Tài liệu giao ban {b.period.label}</a>
      </p>
      <div class="card table-scroll">
        {what === 'nop-bao-cao' ? (
          <table class="responsive briefing-list">
            <thead>
              <tr>
                <th class="num">STT</th>
                <th>Đơn vị</th>
                <th>Kỳ báo cáo</th>
                <th>Tình trạng</th>
              </tr>
            </thead>
            <tbody>
              {b.reporting
                .flatMap((r) => [...r.late.map((l) => ({ unit: l.unit, period: r.period, state: `Nộp muộn ${formatNumber(l.days)} ngày` })), ...r.missing.map((m) => ({ unit: m, period: r.period, state: 'Chưa nộp' }))])
                .map((l, i) => (
                  <tr>
                    <td data-label="STT" class="num">{formatNumber(i + 1)}</td>
                    <td data-label="Đơn vị">{l.unit}</td>
                    <td data-label="Kỳ báo cáo">{l.period}</td>
                    <td data-label="Tình trạng">{l.state}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        ) : what === 'du-an-cham' ? (
          <table class="responsive briefing-list">
            <thead>
              <tr>
                <th class="num">STT</th>
                <th>Dự án</th>
                <th>Đơn vị</th>
                <th>Loại</th>
                <th class="num">Bước quá hạn</th>
              </tr>
            </thead>
            <tbody>
              {b.behindSchedule.map((p, i) => (
                <tr>
                  <td data-label="STT" class="num">{formatNumber(i + 1)}</td>
                  <td data-label="Dự án">
                    <a href={`/quan-tri/gpmb/${enc(p.code)}`}>{p.name}</a>
                  </td>
                  <td data-label="Đơn vị">{p.unitName}</td>
                  <td data-label="Loại">{p.categoryLabel}</td>
                  <td data-label="Bước quá hạn" class="num">{formatNumber(p.overdue)}</td>
                </tr>
              ))}
              <tr class="total">
                <td></td>
                <td colspan={3}>Tổng cộng: {formatNumber(b.behindSchedule.length)} dự án</td>
                <td class="num">{formatNumber(b.behindSchedule.reduce((a, p) => a + p.overdue, 0))}</td>
              </tr>
            </tbody>
          </table>
        ) : (
          <>
            <table class="briefing-list">
              <thead>
                <tr>
                  <th class="num">STT</th>
                  <th>Mô hình</th>
                  <th>Đơn vị</th>
                </tr>
              </thead>
              <tbody>
                {b.withoutUpdates.items.slice(first, first + BRIEFING_PAGE).map((m, i) => (
                  <tr>
                    <td data-label="STT" class="num">{formatNumber(first + i + 1)}</td>
                    <td data-label="Mô hình">
                      <a href={`/quan-tri/mo-hinh/${enc(m.code)}`}>{m.name}</a>
                    </td>
                    <td data-label="Đơn vị">{m.unitName}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>
              Tổng cộng: <strong>{formatNumber(b.withoutUpdates.total)}</strong> mô hình chưa cập nhật tiến độ trong {b.period.label.charAt(0).toLowerCase() + b.period.label.slice(1)}
              {b.withoutUpdates.total > b.withoutUpdates.items.length ? ` (hiện ${formatNumber(b.withoutUpdates.items.length)} mô hình đăng ký sớm nhất)` : ''}.
            </p>
            {pages > 1 ? (
              <nav class="pager" aria-label="Trang">
                {pageNo > 1 ? <a href={pageUrl(pageNo - 1)}>‹ Trang trước</a> : null} Trang {formatNumber(pageNo)}/{formatNumber(pages)} ({formatNumber(first + 1)}–{formatNumber(Math.min(first + BRIEFING_PAGE, b.withoutUpdates.items.length))}){' '}
                {pageNo < pages ? <a href={pageUrl(pageNo + 1)}>Trang sau ›</a> : null}
              </nav>
            ) : null}
          </>
        )}
      </div>
    </AdminLayout>,
  );
}

/** How many rows "xem tất cả" reads at most, and shows on a page. */
const BRIEFING_ALL_ROWS = 5000;
const BRIEFING_PAGE = 50;

async function briefingPage(c: Ctx, form: string) {
  const actor = pageActor(c);
  const db = c.var.deps.db.db;
  const b = await briefingPack(db, actor, { form, period: await briefingPeriod(c, form) });
  const choices = await briefingChoices(db, actor, form);
  const years = [...new Set([...choices.years, b.period.year])].sort((x, y) => y - x);
  const parts = choices.periods.filter((p) => p.year === b.period.year);
  if (!parts.some((p) => p.key === b.period.key)) parts.unshift(b.period);
  const num = (type: string, v: number | string | null) => (v === null ? '—' : typeof v === 'string' ? v : type === 'money' ? formatNumber(Math.round(v)) : reporting.formatValue(type, String(Math.round(v * 100) / 100)));
  const late = lateList(b);
  const lateShown = late.slice(0, BRIEFING_FIRST_ROWS);
  const lateCount = b.reporting.reduce((a, r) => a + r.late.length, 0);
  const missingCount = b.reporting.reduce((a, r) => a + r.missing.length, 0);
  const list = (what: string) => `${base(form)}/giao-ban/${what}?ky=${enc(b.period.key)}`;
  const issueTotals = b.issues.rows.reduce((a, r) => ({ raised: a.raised + r.raised, resolved: a.resolved + r.resolved, open: a.open + r.open }), { raised: 0, resolved: 0, open: 0 });
  return render(
    c,
    <AdminLayout c={c} title={`Tài liệu giao ban — ${b.period.label}`} active="bao-cao">
      <form method="get" action={`${base(form)}/giao-ban`} class="card filters">
        <label for="f-nam">Năm</label>
        <select id="f-nam" name="nam">
          {years.map((y) => (
            <option value={String(y)} selected={y === b.period.year}>
              {y}
            </option>
          ))}
        </select>
        <label for="f-dot">Kỳ giao ban</label>
        <select id="f-dot" name="dot">
          {parts.map((p) => (
            <option value={partOf(p)} selected={p.key === b.period.key}>
              {partLabel(p)}
            </option>
          ))}
        </select>
        <button type="submit">Xem</button>
        <a class="button secondary" href={`${base(form)}/giao-ban.docx?ky=${enc(b.period.key)}`}>
          Tải Word (.docx)
        </a>
      </form>
      {choices.years.length ? (
        <p class="hint">Có báo cáo các năm {choices.years.join(', ')}; chọn năm rồi bấm "Xem" để xem kỳ mới nhất của năm đó.</p>
      ) : (
        <p class="hint">Biểu mẫu này chưa có báo cáo nào.</p>
      )}
      <article class="card paper briefing">
        <h2>
          {b.form.name} — {b.period.label}
        </h2>
        <p class="muted">Số liệu lập ngày {formatDate(b.madeOn)}, theo các báo cáo đã nộp (kỳ đã khóa sổ: số liệu khóa sổ).</p>
        <h3>1. Các chỉ tiêu chính</h3>
        <ComparisonTable label={b.period.label} lines={b.figures} />
        <h3>2. Số liệu theo đơn vị</h3>
        <div class="table-scroll">
          <table class="pivot briefing-units">
            <thead>
              <tr>
                <th scope="col">Đơn vị</th>
                {b.table.indicators.map((i) => (
                  <th scope="col">
                    {i.name}
                    {i.unit ? <span class="muted"> ({i.unit})</span> : null}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {b.table.rows.map((r) => (
                <tr>
                  <th scope="row" class="unit-name">
                    {r.unit}
                  </th>
                  {r.values.map((v, j) => (
                    <td class="num">{num(b.table.indicators[j]!.type, v)}</td>
                  ))}
                </tr>
              ))}
              <tr class="total">
                <th scope="row" class="unit-name">
                  Tổng cộng
                </th>
                {b.table.total.map((v, j) => (
                  <td class="num">{num(b.table.indicators[j]!.type, v)}</td>
                ))}
              </tr>
            </tbody>
          </table>
        </div>
        <h3>3. Tình hình nộp báo cáo</h3>
        <ul>
          {b.reporting.map((r) => (
            <li>
              {r.period}: {r.summary}
            </li>
          ))}
        </ul>
        {late.length ? (
          <>
            <p>
              Đơn vị nộp muộn hoặc chưa nộp: {formatNumber(lateCount)} lượt nộp muộn, {formatNumber(missingCount)} lượt chưa nộp.
            </p>
            <ul class="late-list">
              {lateShown.map((l) => (
                <li>{l}</li>
              ))}
            </ul>
            <SeeAll href={list('nop-bao-cao')} shown={lateShown.length} total={late.length} noun="lượt" />
          </>
        ) : (
          <p>Các đơn vị đều nộp báo cáo đúng hạn.</p>
        )}
        <h3>4. Dự án giải phóng mặt bằng chậm tiến độ ({formatNumber(b.behindSchedule.length)})</h3>
        {b.behindSchedule.length ? (
          <>
            <ul>
              {b.behindSchedule.slice(0, BRIEFING_FIRST_ROWS).map((p) => (
                <li>
                  <a href={`/quan-tri/gpmb/${enc(p.code)}`}>{p.name}</a> — {p.unitName} ({p.categoryLabel.toLowerCase()}, {formatNumber(p.overdue)} bước quá hạn)
                </li>
              ))}
            </ul>
            <SeeAll href={list('du-an-cham')} shown={Math.min(BRIEFING_FIRST_ROWS, b.behindSchedule.length)} total={b.behindSchedule.length} noun="dự án" />
          </>
        ) : (
          <p>Không có dự án chậm tiến độ.</p>
        )}
        <h3>5. Mô hình chưa cập nhật tiến độ trong kỳ ({formatNumber(b.withoutUpdates.total)})</h3>
        {b.withoutUpdates.total ? (
          <>
            <table class="pivot briefing-counts">
              <thead>
                <tr>
                  <th scope="col">Đơn vị</th>
                  <th scope="col">Số mô hình</th>
                </tr>
              </thead>
              <tbody>
                {b.withoutUpdates.byUnit.map((r) => (
                  <tr>
                    <th scope="row" class="unit-name">
                      {r.unit}
                    </th>
                    <td class="num">{formatNumber(r.count)}</td>
                  </tr>
                ))}
                <tr class="total">
                  <th scope="row" class="unit-name">
                    Tổng cộng
                  </th>
                  <td class="num">{formatNumber(b.withoutUpdates.total)}</td>
                </tr>
              </tbody>
            </table>
            <p>{b.withoutUpdates.total > b.withoutUpdates.items.length ? `${formatNumber(b.withoutUpdates.items.length)} mô hình đăng ký sớm nhất:` : 'Gồm:'}</p>
            <ul class="without-updates">
              {b.withoutUpdates.items.map((m) => (
                <li>
                  <a href={`/quan-tri/mo-hinh/${enc(m.code)}`}>Mô hình "{m.name}"</a> — {m.unitName}
                </li>
              ))}
            </ul>
            <SeeAll href={list('mo-hinh')} shown={b.withoutUpdates.items.length} total={b.withoutUpdates.total} noun="mô hình" />
          </>
        ) : (
          <p>Các mô hình đều có cập nhật tiến độ trong kỳ.</p>
        )}
        <h3>6. Kết luận hội nghị quá hạn chưa thực hiện ({formatNumber(b.overdueConclusions.length)})</h3>
        {b.overdueConclusions.length ? (
          <ul class="overdue-conclusions">
            {b.overdueConclusions.map((k) => (
              <li>
                {k.content} — {k.ownerName}, hạn {formatDate(k.dueOn)} ({k.meeting})
              </li>
            ))}
          </ul>
        ) : (
          <p>Không có kết luận quá hạn.</p>
        )}
        <h3>7. Vấn đề phát sinh, khó khăn vướng mắc</h3>
        <p>
          Trong kỳ ghi nhận {formatNumber(b.issues.total.raised)}, giải quyết {formatNumber(b.issues.total.resolved)}; cuối kỳ còn {formatNumber(b.issues.total.open)} vấn đề chờ giải quyết.
        </p>
        {b.issues.rows.length ? (
          <table class="pivot issue-counts">
            <thead>
              <tr>
                <th scope="col">Đơn vị</th>
                <th scope="col">Ghi nhận</th>
                <th scope="col">Đã giải quyết</th>
                <th scope="col">Còn chờ</th>
              </tr>
            </thead>
            <tbody>
              {b.issues.rows.map((r) => (
                <tr>
                  <th scope="row" class="unit-name">
                    {r.unit}
                  </th>
                  <td class="num">{formatNumber(r.raised)}</td>
                  <td class="num">{formatNumber(r.resolved)}</td>
                  <td class="num">{formatNumber(r.open)}</td>
                </tr>
              ))}
              <tr class="total">
                <th scope="row" class="unit-name">
                  Tổng cộng
                </th>
                <td class="num">{formatNumber(issueTotals.raised)}</td>
                <td class="num">{formatNumber(issueTotals.resolved)}</td>
                <td class="num">{formatNumber(issueTotals.open)}</td>
              </tr>
            </tbody>
          </table>
        ) : null}
      </article>
    </AdminLayout>,
  );
}

const EXAMPLE_FORM = {
  code: 'BC-MOI',
  name: 'Báo cáo công tác dân vận tháng',
  unit: 'MÃ-ĐƠN-VỊ-GIAO',
  campaign: null,
  periodType: 'month',
  deadlineDays: 5,
  reportingKinds: ['ward'],
  indicators: [
    { code: 'ho_tham', name: 'Số hộ được đến thăm', section: 'Vận động Nhân dân', type: 'int', unit: 'hộ' },
    { code: 'ho_van_dong', name: 'Số hộ được vận động thành công', section: 'Vận động Nhân dân', type: 'int', unit: 'hộ' },
    { code: 'mo_hinh_moi', name: 'Mô hình đăng ký trong tháng', type: 'int', source: 'models.registered' },
  ],
  rules: [{ left: 'ho_van_dong', op: '<=', right: 'ho_tham', message: 'Số hộ vận động thành công không thể nhiều hơn số hộ được thăm' }],
  targets: [],
};

/** The form's definition as JSON in a text box: the same record as the bundle's `reportForms`. */
async function formEditor(c: Ctx, o: { json: string; issues?: FieldIssue[]; message?: string | undefined; status?: 200 | 409 | 422; code?: string }) {
  const actor = pageActor(c);
  authorize(actor, 'report.configure');
  return render(
    c,
    <AdminLayout c={c} title={o.code ? `Thiết lập biểu mẫu ${o.code}` : 'Thêm biểu mẫu báo cáo'} active="bao-cao">
      <ErrorSummary issues={o.issues ?? []} message={o.message} />
      <form method="post" action="/quan-tri/bao-cao/thiet-lap" class="card" novalidate>
        <Csrf c={c} />
        <p class="hint">
          Biểu mẫu viết bằng JSON, như mục <code>reportForms</code> của tệp nhập dữ liệu (docs/bundle.md): kỳ (month, quarter, half, nine, year), hạn nộp, loại đơn vị báo cáo (ward, commune…), các chỉ tiêu (int, money, decimal, text; cộng dồn sum, avg, none; tự tính: {Object.keys(LIVE_SOURCES).join(', ')}), quy tắc kiểm tra và chỉ tiêu giao. Lưu lại cùng mã thì sửa biểu mẫu; chỉ tiêu đã có số liệu không xóa được.
        </p>
        <label for="f-definition">Định nghĩa biểu mẫu</label>
        <textarea id="f-definition" name="definition" rows={30} class="code" spellcheck={false}>
          {o.json}
        </textarea>
        <div class="actions">
          <button type="submit">Lưu biểu mẫu</button>
          <a href="/quan-tri/bao-cao">Hủy</a>
        </div>
      </form>
    </AdminLayout>,
    o.status ?? 200,
  );
}

export const reportingAdmin = new Hono<AppEnv>()
  .get('/bao-cao/moi', (c) => formEditor(c, { json: JSON.stringify(EXAMPLE_FORM, null, 2) }))
  .post('/bao-cao/thiet-lap', async (c) => {
    const v = await formData(c);
    const json = str(v.definition);
    let input: unknown;
    try {
      input = JSON.parse(json);
    } catch (e) {
      return formEditor(c, { json, issues: [{ field: 'definition', message: `Định nghĩa biểu mẫu: không phải JSON hợp lệ (${(e as Error).message})` }], status: 422 });
    }
    return submitForm(c, () => inTx(c, (trx) => reporting.saveForm(trx, { actor: pageActor(c), input })), (f) => `${base(f.code)}?thongbao=da-luu`, (p) =>
      formEditor(c, { json, issues: p.issues, message: p.message, status: p.status }),
    );
  })
  .get('/bao-cao/:form/thiet-lap', async (c) => {
    const db = c.var.deps.db.db;
    const f = await reporting.getForm(db, pageActor(c), c.req.param('form'));
    return formEditor(c, { code: f.code, json: JSON.stringify(await reporting.formDefinition(db, f), null, 2) });
  })
  .get('/bao-cao/:form/giao-ban', (c) => briefingPage(c, c.req.param('form')))
  .get('/bao-cao/:form/giao-ban/:what', (c) => briefingListPage(c, c.req.param('form'), c.req.param('what')))
  .get('/bao-cao/:form/giao-ban.docx', async (c) => {
    const form = c.req.param('form');
    const b = await briefingPack(c.var.deps.db.db, pageActor(c), { form, period: await briefingPeriod(c, form) });
    return c.body(new Uint8Array(await briefingDocx(b)), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'Content-Disposition': contentDisposition(`Giao ban ${b.period.label}.docx`, false),
    });
  })
  .get('/bao-cao', async (c) => {
    const actor = pageActor(c);
    const forms = await reporting.listForms(c.var.deps.db.db, actor);
    return render(
      c,
      <AdminLayout c={c} title="Báo cáo định kỳ" active="bao-cao">
        {can(actor, 'report.configure') ? (
          <div class="toolbar">
            <a class="button" href="/quan-tri/bao-cao/moi">
              Thêm biểu mẫu
            </a>
          </div>
        ) : null}
        {forms.length ? (
          <div class="card">
            <table class="responsive">
              <thead>
                <tr>
                  <th>Biểu mẫu</th>
                  <th>Kỳ</th>
                  <th>Đơn vị giao</th>
                  <th>Hạn nộp</th>
                  <th></th>
                </tr>
              </thead>
              <tbody>
                {forms.map((f) => (
                  <tr>
                    <td data-label="Biểu mẫu">
                      <a href={base(f.code)}>{f.name}</a> <span class="muted">({f.code})</span>
                    </td>
                    <td data-label="Kỳ">{f.periodTypeLabel}</td>
                    <td data-label="Đơn vị giao">{f.unitName}</td>
                    <td data-label="Hạn nộp">{f.deadlineDays} ngày sau kỳ</td>
                    <td>
                      <a href={`${base(f.code)}/tong-hop`}>Tổng hợp</a>
                      {can(actor, 'report.configure') ? (
                        <>
                          {' · '}
                          <a href={`${base(f.code)}/thiet-lap`}>Thiết lập</a>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : (
          <p>Chưa có biểu mẫu báo cáo nào.</p>
        )}
      </AdminLayout>,
    );
  })
  .get('/bao-cao/:form', async (c) => {
    const actor = pageActor(c);
    const db = c.var.deps.db.db;
    const form = c.req.param('form');
    const f = await reporting.getForm(db, actor, form);
    const k = await reporting.completeness(db, actor, { form, period: c.req.query('ky') || undefined });
    const choices = (await reporting.periodChoices(db, form)).periods;
    // the form's totals: for those at the form's unit or above (a ward sees its own report only)
    const cmp = can(actor, 'report.read', { unitPath: f.unitPath }) ? await reporting.compareTotals(db, actor, { form, period: k.period.key }) : null;
    const canClose = cmp !== null && !cmp.closed && can(actor, 'report.approve', { unitPath: f.unitPath }) && k.period.to < todayVn();
    return render(
      c,
      <AdminLayout c={c} title={f.name} active="bao-cao">
        <form method="get" action={base(form)} class="card filters">
          <label for="f-ky">Kỳ báo cáo</label>
          <select id="f-ky" name="ky">
            {choices.map((p) => (
              <option value={p.key} selected={p.key === k.period.key}>
                {p.label}
              </option>
            ))}
          </select>
          <button type="submit">Xem</button>
          <a href={`${base(form)}/tong-hop`}>Bảng tổng hợp ›</a>
          <a href={`${base(form)}/giao-ban`}>Tài liệu giao ban ›</a>
        </form>
        <div class="big-numbers">
          <div class="stat">
            <b>{k.summary}</b> {k.period.label}, hạn {formatDate(k.due)}
          </div>
          <div class="stat">
            <b>{formatNumber(k.approved)}</b> báo cáo đã duyệt
          </div>
          {k.missing ? (
            <div class="stat">
              <b>{formatNumber(k.missing)}</b> đơn vị chưa nộp
            </div>
          ) : null}
        </div>
        <div class="card">
          <h2>Tình hình nộp báo cáo {k.period.label}</h2>
          <table class="responsive">
            <thead>
              <tr>
                <th>Đơn vị</th>
                <th>Trạng thái</th>
                <th>Nộp lúc</th>
                <th>Đúng hạn</th>
              </tr>
            </thead>
            <tbody>
              {k.lines.map((l) => (
                <tr class={l.status === 'missing' || (l.daysLate ?? 0) > 0 ? 'warn' : ''}>
                  <td data-label="Đơn vị">
                    <a href={entryUrl(form, l.unit.code, k.period.key)}>{l.unit.name}</a>
                  </td>
                  <td data-label="Trạng thái">{l.statusLabel}</td>
                  <td data-label="Nộp lúc">{l.submittedAt ? formatDateTime(l.submittedAt) : ''}</td>
                  <td data-label="Đúng hạn">{l.daysLate === null ? (k.due < todayVn() ? 'Quá hạn, chưa nộp' : 'Chưa đến hạn') : l.daysLate > 0 ? `Muộn ${formatNumber(l.daysLate)} ngày` : 'Đúng hạn'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {cmp ? (
        <div class="card">
          <h2>
            Số liệu toàn {f.unitName} {cmp.closed ? '— số liệu đã khóa sổ' : '— theo các báo cáo đã nộp'}
          </h2>
          <ComparisonTable label={k.period.label} lines={cmp.lines} />
          {canClose ? (
            <form method="post" action={`${base(form)}/khoa-so`}>
              <p class="hint">
                Khóa sổ giữ lại số liệu của các báo cáo đã duyệt ({formatNumber(k.approved)}/{formatNumber(k.expected)}); sau đó không đơn vị nào sửa, nộp hay duyệt được báo cáo của kỳ này.
              </p>
              <Csrf c={c} />
              <input type="hidden" name="ky" value={k.period.key} />
              <button type="submit" class="secondary">
                Khóa sổ {k.period.label}
              </button>
            </form>
          ) : null}
        </div>
        ) : null}
      </AdminLayout>,
    );
  })
  .post('/bao-cao/:form/khoa-so', async (c) => {
    const form = c.req.param('form');
    const v = await formData(c);
    await inTx(c, (trx) => reporting.closePeriod(trx, { actor: pageActor(c), form, period: str(v.ky) }));
    return c.redirect(`${base(form)}?ky=${enc(str(v.ky))}&thongbao=da-luu`, 303);
  })
  .get('/bao-cao/:form/tong-hop', async (c) => {
    const actor = pageActor(c);
    const db = c.var.deps.db.db;
    const form = c.req.param('form');
    const f = await reporting.getForm(db, actor, form);
    const basis = c.req.query('co_so') === 'da-duyet' ? 'approved' : 'all';
    const p = await reporting.pivot(db, actor, { form, periods: await pivotPeriods(c, form), basis });
    const choices = await pivotChoices(c, form, f.periodType as PeriodType);
    const chosen = c.req.query('chi_tieu') ?? p.form.indicators.find((i) => i.type !== 'text')?.code;
    const hasTargets = p.rows.some((r) => r.target && (chosen === 'tat-ca' || r.indicator.code === chosen));
    const top = p.rows.find((r) => r.unit.depth === 0 && r.indicator.code === (chosen === 'tat-ca' ? p.form.indicators.find((i) => i.type !== 'text')?.code : chosen));
    const qs = new URLSearchParams([...p.periods.map((x): [string, string] => ['ky', x.key]), ...(basis === 'approved' ? [['co_so', 'da-duyet'] as [string, string]] : [])]).toString();
    return render(
      c,
      <AdminLayout c={c} title={`Tổng hợp: ${f.name}`} active="bao-cao">
        <form method="get" action={`${base(form)}/tong-hop`} class="card filters">
          <details class="wide">
            <summary>Các kỳ: {p.periods.map((x) => x.label).join(', ')}</summary>
            <p class="hint">Chọn kỳ của biểu mẫu; biểu mẫu tháng còn cộng được theo quý, 6 tháng, 9 tháng và năm.</p>
            <div class="checkbox-grid">
              {choices
                .filter((x, i, a) => a.findIndex((y) => y.key === x.key) === i)
                .slice(0, 60)
                .map((x) => (
                  <label class="checkbox">
                    <input type="checkbox" name="ky" value={x.key} checked={p.periods.some((y) => y.key === x.key)} /> {x.label}
                  </label>
                ))}
            </div>
          </details>
          <input type="hidden" name="chi_tieu" value={chosen ?? ''} />
          <label for="f-co-so">Tính số liệu</label>
          <select id="f-co-so" name="co_so">
            <option value="">Báo cáo đã nộp và đã duyệt</option>
            <option value="da-duyet" selected={basis === 'approved'}>
              Chỉ báo cáo đã duyệt
            </option>
          </select>
          <button type="submit">Xem</button>
          <a class="button secondary" href={`${base(form)}/tong-hop.xlsx?${qs}`}>
            Tải Excel
          </a>
        </form>
        {top ? (
          <div class="card">
            <form method="get" action={`${base(form)}/tong-hop`} class="filters">
              {p.periods.map((x) => (
                <input type="hidden" name="ky" value={x.key} />
              ))}
              <label for="f-chi-tieu">Chỉ tiêu</label>
              <select id="f-chi-tieu" name="chi_tieu">
                <option value="tat-ca" selected={chosen === 'tat-ca'}>
                  Tất cả (bảng đầy đủ)
                </option>
                {p.form.indicators
                  .filter((i) => i.type !== 'text')
                  .map((i) => (
                    <option value={i.code} selected={i.code === chosen}>
                      {i.name}
                    </option>
                  ))}
              </select>
              {basis === 'approved' ? <input type="hidden" name="co_so" value="da-duyet" /> : null}
              <button type="submit" class="secondary">
                Xem
              </button>
            </form>
            <ColumnChart title={`${top.indicator.name} — ${f.unitName}`} data={p.periods.map((x, i) => ({ label: x.short, value: typeof top.values[i] === 'number' ? (top.values[i]) : 0 }))} />
          </div>
        ) : null}
        <div class="card table-scroll">
          <table class="pivot">
            <thead>
              <tr>
                <th scope="col">Chỉ tiêu</th>
                <th scope="col">Đơn vị</th>
                {p.periods.map((x) => (
                  <th scope="col">{x.label}</th>
                ))}
                {hasTargets ? <th scope="col">Chỉ tiêu giao năm {p.periods[p.periods.length - 1]?.year} (đã đạt)</th> : null}
              </tr>
            </thead>
            <tbody>
              {p.rows
                .filter((r) => chosen === 'tat-ca' || r.indicator.code === chosen)
                .map((r) => (
                <tr class={r.unit.depth === 0 ? 'total' : ''}>
                  <td>{r.unit.depth === 0 ? r.indicator.name : ''}</td>
                  <td class={`depth-${Math.min(r.unit.depth, 4)}`}>{r.unit.name}</td>
                  {r.values.map((v) => (
                    <td class="num">{r.indicator.type === 'money' && typeof v === 'number' ? `${formatNumber(v)} đ` : numberOf(v)}</td>
                  ))}
                  {hasTargets ? <td class="num">{r.target ? `${formatNumber(r.target.value)} (${formatNumber(r.target.reached)}, ${formatNumber(r.target.percent)}%)` : ''}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </AdminLayout>,
    );
  })
  .get('/bao-cao/:form/tong-hop.xlsx', async (c) => {
    const actor = pageActor(c);
    const db = c.var.deps.db.db;
    const form = c.req.param('form');
    const f = await reporting.getForm(db, actor, form);
    const p = await reporting.pivot(db, actor, { form, periods: await pivotPeriods(c, form), basis: c.req.query('co_so') === 'da-duyet' ? 'approved' : 'all' });
    return c.body(new Uint8Array(await pivotWorkbook(p)), 200, {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'Content-Disposition': contentDisposition(`Tổng hợp ${f.code}.xlsx`, false),
    });
  })
  .get('/bao-cao/:form/:unit/:period', (c) => entryPage(c, { form: c.req.param('form'), unit: c.req.param('unit'), period: c.req.param('period') }))
  .post('/bao-cao/:form/:unit/:period', async (c) => {
    const q = { form: c.req.param('form'), unit: c.req.param('unit'), period: c.req.param('period') };
    const v = await formData(c);
    const values = Object.fromEntries(Object.entries(v).filter(([k]) => k.startsWith('v_')).map(([k, x]) => [k.slice(2), str(x)]));
    const explanations = Object.fromEntries(Object.entries(v).filter(([k]) => k.startsWith('gt_')).map(([k, x]) => [k.slice(3), str(x)]));
    const submit = str(v.thao_tac) === 'nop';
    const actor = pageActor(c);
    // as DHIS2 does: what was typed is kept as a draft even when the report cannot be submitted yet
    let refused: ReturnType<typeof formProblem> = null;
    try {
      await inTx(c, async (trx) => {
        try {
          await reporting.saveEntry(trx, { actor, ...q, values, submit, explanations });
        } catch (e) {
          const p = submit ? formProblem(e) : null;
          if (!p || p.status !== 422) throw e;
          // every check of saveEntry comes before its first write: the draft is saved in the same transaction
          await reporting.saveEntry(trx, { actor, ...q, values, submit: false, explanations });
          refused = p;
        }
      });
    } catch (e) {
      const p = formProblem(e);
      if (p) return entryPage(c, q, { values: v, issues: p.issues, message: p.message, status: p.status });
      if (e instanceof AppError && e.status === 409) return entryPage(c, q, { issues: [], message: e.message, status: 409 });
      throw e;
    }
    if (refused) {
      const p = refused as NonNullable<ReturnType<typeof formProblem>>;
      return entryPage(c, q, { values: v, issues: p.issues, message: p.message, status: 422, savedNotSubmitted: true });
    }
    return c.redirect(`${entryUrl(q.form, q.unit, q.period)}?thongbao=${submit ? 'da-nop-bao-cao' : 'da-luu'}`, 303);
  })
  .post('/bao-cao/:form/:unit/:period/duyet', async (c) => {
    const q = { form: c.req.param('form'), unit: c.req.param('unit'), period: c.req.param('period') };
    await inTx(c, (trx) => reporting.approveReport(trx, { actor: pageActor(c), ...q }));
    return c.redirect(`${entryUrl(q.form, q.unit, q.period)}?thongbao=da-duyet-bao-cao`, 303);
  })
  .post('/bao-cao/:form/:unit/:period/tra-lai', async (c) => {
    const q = { form: c.req.param('form'), unit: c.req.param('unit'), period: c.req.param('period') };
    const v = await formData(c);
    return submitForm(c, () => inTx(c, (trx) => reporting.returnReport(trx, { actor: pageActor(c), ...q, note: str(v.note) })), `${entryUrl(q.form, q.unit, q.period)}?thongbao=da-tra-lai`, (p) =>
      entryPage(c, q, { issues: p.issues, message: p.message, status: p.status }),
    );
  });
