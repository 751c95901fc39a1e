/** @jsxImportSource hono/jsx */
/**
 * A unit's report in the admin (plain HTML form, no client code: works on a slow line): its
 * figures by section with the targets, the rules its values break and the explanations they
 * need, saving a draft, submitting, approval and return, and the history of its values. Pages
 * only; every rule is in the service.
 */
import { Hono } from 'hono';
import { AppError, type FieldIssue } from '../../lib/errors.js';
import { formatDate, formatDateTime, formatNumber } from '../../lib/vi.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, formProblem, pageActor, str, submitForm, type FormValues } from '../../web/forms.js';
import { AdminLayout, CharCount, Csrf, ErrorSummary, fieldErrorOf, fieldId, render } from '../../web/layout.js';
import { can } from '../../policy/policy.js';
import { previousPeriod } from './reporting.periods.js';
import * as reporting from './reporting.service.js';
import { base, enc, entryUrl } from './reporting.admin.view.js';

type EntryForm = { values?: FormValues | undefined; issues: FieldIssue[] };

/** The status of a unit's report: unit, due date, who submitted and approved it, closed, returned. */
function EntryStatus({ e }: { e: reporting.Entry }) {
  return (
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
  );
}

/** Why the report was not saved or not submitted (a draft saved but refused on submit says so). */
function EntryProblems({ issues, message, savedNotSubmitted }: { issues: FieldIssue[]; message?: string | undefined; savedNotSubmitted?: boolean | undefined }) {
  return savedNotSubmitted ? (
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
    <ErrorSummary issues={issues} message={message} />
  );
}

/** One indicator of the report: its name and source, its field (or its value when read only), its target. */
function EntryRow({ e, l, o, mayEnter, hasTargets }: { e: reporting.Entry; l: reporting.Entry['lines'][number]; o: EntryForm; mayEnter: boolean; hasTargets: boolean }) {
  const issues = o.issues;
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
}

/** One section of the form: its indicators in a table. */
function EntrySection({ e, sec, o, mayEnter, hasTargets }: { e: reporting.Entry; sec: string; o: EntryForm; mayEnter: boolean; hasTargets: boolean }) {
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
          {own.map((l) => (
            <EntryRow e={e} l={l} o={o} mayEnter={mayEnter} hasTargets={hasTargets} />
          ))}
        </tbody>
      </table>
    </fieldset>
  );
}

/** The rules the values break: errors to correct before submitting, warnings with their explanations; and the form's rules. */
function RuleChecks({ e, o, mayEnter }: { e: reporting.Entry; o: EntryForm; mayEnter: boolean }) {
  const issues = o.issues;
  const errors = e.checks.filter((k) => k.severity === 'error');
  const warnings = e.checks.filter((k) => k.severity === 'warning');
  return (
    <>
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
    </>
  );
}

/** Approving or returning a submitted report (for the unit above). */
function DecideForms({ c, e }: { c: Ctx; e: reporting.Entry }) {
  return (
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
  );
}

/** Every change of the report's values: when, by whom, from what to what. */
function EntryHistory({ history }: { history: reporting.Entry['history'] }) {
  return (
    <details class="card">
      <summary>Lịch sử thay đổi số liệu ({formatNumber(history.length)})</summary>
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
          {history.map((h) => (
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
  );
}

async function entryPage(c: Ctx, q: { form: string; unit: string; period: string }, o: { values?: FormValues; issues?: FieldIssue[]; message?: string; status?: 200 | 409 | 422; savedNotSubmitted?: boolean } = {}) {
  const actor = pageActor(c);
  const e = await reporting.getEntry(c.var.deps.db.db, actor, q);
  const entered: EntryForm = { values: o.values, issues: o.issues ?? [] };
  const sections = [...new Set(e.lines.map((l) => l.section ?? ''))];
  const mayEnter = e.editable && can(actor, 'report.enter', { unitPath: e.unit.path });
  const mayDecide = e.status === 'submitted' && !e.closed && can(actor, 'report.approve', { unitPath: e.unit.path }) && e.unit.path !== actor.unitPath;
  const prev = previousPeriod(e.period);
  const hasTargets = e.lines.some((l) => l.target);
  return render(
    c,
    <AdminLayout c={c} title={`${e.form.name} — ${e.period.label}`} active="bao-cao">
      <p>
        <a href={`${base(e.form.code)}?ky=${enc(e.period.key)}`}>← Tình hình nộp báo cáo {e.period.label}</a> · <a href={entryUrl(e.form.code, e.unit.code, prev.key)}>{prev.label}</a>
      </p>
      <EntryStatus e={e} />
      <EntryProblems issues={entered.issues} message={o.message} savedNotSubmitted={o.savedNotSubmitted} />
      <form method="post" action={entryUrl(e.form.code, e.unit.code, e.period.key)} class="card" novalidate>
        <Csrf c={c} />
        {sections.map((sec) => (
          <EntrySection e={e} sec={sec} o={entered} mayEnter={mayEnter} hasTargets={hasTargets} />
        ))}
        <RuleChecks e={e} o={entered} mayEnter={mayEnter} />
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
      {mayDecide ? <DecideForms c={c} e={e} /> : null}
      {e.history.length ? <EntryHistory history={e.history} /> : null}
    </AdminLayout>,
    o.status ?? 200,
  );
}

export const reportEntriesAdmin = new Hono<AppEnv>()
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

