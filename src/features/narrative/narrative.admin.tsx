/** @jsxImportSource hono/jsx */
/* The narrative report in the admin: preview with every figure linked to its list, downloads, and the editable template. */
import { Hono } from 'hono';
import { raw } from 'hono/html';
import { AppError, type FieldIssue } from '../../lib/errors.js';
import { formatDate, todayVn } from '../../lib/vi.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, formProblem, pageActor, str, type FormValues } from '../../web/forms.js';
import { AdminLayout, Csrf, ErrorSummary, Field, render, TextAreaField } from '../../web/layout.js';
import { can } from '../../policy/policy.js';
import { contentDisposition } from '../files/files.service.js';
import { publishReportDraft } from './narrative.publish.js';
import { reportDocx, reportHtmlBody, reportHtmlFile, reportMarkdown } from './narrative.documents.js';
import { buildReport, getReportTemplate, parseReportDate, saveReportTemplate, type NarrativeReport, type ReportTemplate } from './narrative.service.js';

const enc = encodeURIComponent;
const base = (code: string) => `/quan-tri/chu-de/${enc(code)}/bao-cao`;

function dates(c: Ctx) {
  const q = c.req.query();
  return { through: parseReportDate('den', 'Số liệu đến ngày', q.den, todayVn()), date: parseReportDate('ngay', 'Ngày báo cáo', q.ngay, todayVn()) };
}

const formOf = (t: Pick<ReportTemplate, 'title' | 'body' | 'header'>): FormValues => ({
  title: t.title,
  body: t.body,
  superior: t.header.superior,
  headerBody: t.header.body,
  committee: t.header.committee,
  number: t.header.number,
  symbol: t.header.symbol,
  place: t.header.place,
  signFor: t.header.signFor,
  signTitle: t.header.signTitle,
  signer: t.header.signer,
  recipients: t.header.recipients.join('\n'),
});
const inputOf = (v: FormValues) => Object.fromEntries(['title', 'body', 'superior', 'headerBody', 'committee', 'number', 'symbol', 'place', 'signFor', 'signTitle', 'signer', 'recipients'].map((k) => [k, str(v[k])]));

async function page(c: Ctx, code: string, o: { values?: FormValues; issues?: FieldIssue[]; message?: string | undefined; status?: 200 | 409 | 422; preview?: NarrativeReport } = {}) {
  const actor = pageActor(c);
  const db = c.var.deps.db.db;
  const { through, date } = dates(c);
  // a stored template that no longer renders still opens the editor, with the reason
  let r: NarrativeReport | null = o.preview ?? null;
  let failure: FieldIssue[] = [];
  if (!r) {
    try {
      r = await buildReport(db, actor, { code, through, date });
    } catch (e) {
      if (!(e instanceof AppError) || e.status !== 422) throw e;
      failure = e.issues;
    }
  }
  // the editor's list of names shows the report's own values (no second reading of the figures)
  const t = await getReportTemplate(db, actor, code, { facts: r?.facts });
  const v = o.values ?? formOf(t);
  const issues = o.issues ?? [];
  const qs = new URLSearchParams({ den: formatDate(through), ngay: formatDate(date) }).toString();
  return render(
    c,
    <AdminLayout c={c} title="Báo cáo kết quả thực hiện chủ đề năm" active="chu-de">
      <p>
        <a href={`/quan-tri/chu-de/${enc(code)}`}>← Chủ đề năm {code}</a>
      </p>
      <form method="get" action={base(code)} class="card filters">
        <Field name="den" label="Số liệu tính đến ngày" value={formatDate(through)} issues={[]} inputmode="numeric" />
        <Field name="ngay" label="Ngày ký báo cáo" value={formatDate(date)} issues={[]} inputmode="numeric" />
        <button type="submit">Xem báo cáo</button>
      </form>
      <div class="toolbar">
        <a class="button" href={`${base(code)}.docx?${qs}`}>
          Tải Word (.docx)
        </a>
        <a href={`${base(code)}.md?${qs}`}>Tải Markdown</a>
        <a href={`${base(code)}.html?${qs}`}>Tải HTML</a>
        {r && can(actor, 'article.write') ? (
          <form method="post" action={`${base(code)}/dang-bai?${qs}`} class="inline">
            <Csrf c={c} />
            <button type="submit" class="secondary">
              Tạo bài viết nháp trên cổng
            </button>
          </form>
        ) : null}
      </div>
      {o.preview ? (
        <p class="flash" role="status">
          Bản xem trước theo mẫu đang sửa (chưa lưu).
        </p>
      ) : null}
      <ErrorSummary issues={failure} />
      {r ? <p class="hint">Mỗi con số là một liên kết đến danh sách đã tạo ra nó — hãy bấm để kiểm tra trước khi ký.</p> : null}
      {r ? <article class="card paper">{raw(reportHtmlBody(r, { links: true }))}</article> : null}
      {can(actor, 'campaign.manage') ? (
        <form method="post" action={`${base(code)}/mau?${qs}`} class="card" novalidate id="mau">
          <h2>Mẫu báo cáo</h2>
          <p class="hint">
            {t.customWording ? `Lời văn riêng của chủ đề năm (sửa lần cuối ${t.updatedAt ? formatDate(t.updatedAt) : ''}, ${t.updatedBy ?? ''}).` : 'Đang dùng lời văn có sẵn, theo bố cục báo cáo 9 tháng năm 2021 của Quận Long Biên.'} Viết các đoạn cách nhau một dòng trống; số liệu là các trường trong ngoặc nhọn, ví dụ {'{{mo_hinh.tong}}'}; phần chỉ viết khi có số liệu đặt trong {'{{#if khen_thuong.tong}} … {{/if}}'}. Đoạn không còn chữ nào thì được bỏ qua.
          </p>
          <ErrorSummary issues={issues} message={o.message} />
          <Csrf c={c} />
          <Field name="title" label="Tiêu đề" value={str(v.title)} issues={issues} />
          <TextAreaField name="body" label="Nội dung" value={str(v.body)} issues={issues} rows={22} />
          <details>
            <summary>Các trường dùng được và giá trị hiện nay ({t.placeholders.length})</summary>
            <table class="responsive">
              <tbody>
                {t.placeholders.map((p) => (
                  <tr>
                    <td>
                      <code>{`{{${p.name}}}`}</code>
                    </td>
                    <td>{p.value.length > 140 ? `${p.value.slice(0, 140)}…` : p.value}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
          <h3>Thể thức văn bản</h3>
          <div class="grid2">
            <Field name="superior" label="Cấp ủy cấp trên" value={str(v.superior)} issues={issues} hint="Ví dụ: Đảng bộ thành phố Hà Nội" />
            <Field name="headerBody" label="Cấp ủy ban hành" value={str(v.headerBody)} issues={issues} hint="Ví dụ: Quận ủy Long Biên" />
            <Field name="committee" label="Tên cấp ủy trong câu" value={str(v.committee)} issues={issues} hint="Ví dụ: Quận ủy" />
            <Field name="number" label="Số báo cáo" value={str(v.number)} issues={issues} hint="Để trống để ghi tay" />
            <Field name="symbol" label="Ký hiệu" value={str(v.symbol)} issues={issues} hint="Ví dụ: BC/QU" />
            <Field name="place" label="Địa danh" value={str(v.place)} issues={issues} />
            <Field name="signFor" label="Thẩm quyền ký" value={str(v.signFor)} issues={issues} hint="Ví dụ: T/M Ban Thường vụ" />
            <Field name="signTitle" label="Chức vụ người ký" value={str(v.signTitle)} issues={issues} />
            <Field name="signer" label="Người ký" value={str(v.signer)} issues={issues} />
          </div>
          <TextAreaField name="recipients" label="Nơi nhận (mỗi dòng một nơi)" value={str(v.recipients)} issues={issues} rows={5} />
          <div class="actions">
            <button type="submit" name="thao_tac" value="xem">
              Xem trước
            </button>
            <button type="submit" name="thao_tac" value="luu" class="secondary">
              Lưu mẫu
            </button>
            {t.customWording || t.customHeader ? (
              <button type="submit" name="thao_tac" value="mac-dinh" class="link">
                Dùng lại mẫu có sẵn
              </button>
            ) : null}
          </div>
        </form>
      ) : null}
    </AdminLayout>,
    o.status ?? 200,
  );
}

async function download(c: Ctx, code: string, kind: 'docx' | 'md' | 'html') {
  const { through, date } = dates(c);
  const r = await buildReport(c.var.deps.db.db, pageActor(c), { code, through, date });
  const name = `Bao cao ${code} den ${formatDate(through).replace(/\//g, '-')}.${kind}`;
  if (kind === 'docx') return c.body(new Uint8Array(await reportDocx(r)), 200, { 'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'Content-Disposition': contentDisposition(name, false) });
  if (kind === 'md') return c.body(reportMarkdown(r), 200, { 'Content-Type': 'text/markdown; charset=utf-8', 'Content-Disposition': contentDisposition(name, false) });
  return c.body(reportHtmlFile(r), 200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Disposition': contentDisposition(name, false), 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox" });
}

export const narrativeAdmin = new Hono<AppEnv>()
  .get('/chu-de/:code/bao-cao', (c) => page(c, c.req.param('code')))
  .get('/chu-de/:code/bao-cao.docx', (c) => download(c, c.req.param('code'), 'docx'))
  .get('/chu-de/:code/bao-cao.md', (c) => download(c, c.req.param('code'), 'md'))
  .get('/chu-de/:code/bao-cao.html', (c) => download(c, c.req.param('code'), 'html'))
  .post('/chu-de/:code/bao-cao/dang-bai', async (c) => {
    const code = c.req.param('code');
    const { through, date } = dates(c);
    const a = await inTx(c, (trx) => publishReportDraft(trx, { actor: pageActor(c), code, through, date }));
    return c.redirect(`/quan-tri/bai-viet/${a.id}?thongbao=da-tao-bai-bao-cao`, 303);
  })
  .post('/chu-de/:code/bao-cao/mau', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('code');
    const v = await formData(c);
    const action = str(v.thao_tac);
    const { through, date } = dates(c);
    try {
      if (action === 'xem') return await page(c, code, { values: v, preview: await buildReport(c.var.deps.db.db, actor, { code, through, date, draft: inputOf(v) }) });
      await inTx(c, (trx) => saveReportTemplate(trx, { actor, code, input: action === 'mac-dinh' ? { reset: true } : inputOf(v) }));
    } catch (e) {
      const p = formProblem(e);
      if (p) return page(c, code, { values: v, issues: p.issues, message: p.message, status: p.status });
      throw e;
    }
    return c.redirect(`${base(code)}?${new URLSearchParams({ den: formatDate(through), ngay: formatDate(date), thongbao: 'da-luu' }).toString()}#mau`, 303);
  });
