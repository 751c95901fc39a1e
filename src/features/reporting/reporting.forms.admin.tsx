/** @jsxImportSource hono/jsx */
/**
 * Periodic reporting in the admin: the forms and their definitions, a period's completeness
 * ("12/14 phường đã nộp, 2 nộp muộn") with whom to chase and the form's totals, closing a period.
 * A unit's report is in reporting.entries.admin.tsx, the pivot in reporting.analysis.admin.tsx,
 * the briefing pack in dashboard/briefing.admin.tsx. Pages only; every rule is in the service.
 */
import { Hono } from 'hono';
import { type FieldIssue } from '../../lib/errors.js';
import { formatDate, formatDateTime, formatNumber, todayVn } from '../../lib/vi.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, pageActor, str, submitForm } from '../../web/forms.js';
import { AdminLayout, Csrf, ErrorSummary, render } from '../../web/layout.js';
import { authorize, can } from '../../policy/policy.js';
import { LIVE_SOURCES } from './reporting.sources.js';
import * as reporting from './reporting.service.js';
import { base, ComparisonTable, entryUrl, enc } from './reporting.admin.view.js';

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


export const reportFormsAdmin = new Hono<AppEnv>()
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
  });
