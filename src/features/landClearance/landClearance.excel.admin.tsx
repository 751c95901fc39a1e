/** @jsxImportSource hono/jsx */
/* Land clearance spreadsheets and documents: household import, pivot export, monthly report, dialogue minutes. */
import { Hono } from 'hono';
import { AppError, badInput, type FieldIssue } from '../../lib/errors.js';
import { parseId } from '../../lib/validation.js';
import { formatDate, formatNumber, parseDate, todayVn } from '../../lib/vi.js';
import type { AppEnv, Ctx } from '../../web/context.js';
import { inTx } from '../../web/context.js';
import { pageActor, parseBodySafely, str } from '../../web/forms.js';
import { AdminLayout, Csrf, ErrorSummary, render } from '../../web/layout.js';
import { consumeStagedWorkbook, contentDisposition, stageWorkbook, stagedWorkbook, tooLargeIssue } from '../files/files.service.js';
import { DOCX_MIME } from '../../lib/docx.js';
import { dialogueMinutes, dialogueMinutesDocx, monthlyReport, monthlyReportDocx } from './landClearance.documents.js';
import { householdImportProject, importHouseholdWorkbook, monthlyReportWorkbook, pivotWorkbook, projectHouseholdTemplate, projectPivot, XLSX_MIME, type HouseholdImportCounts } from './landClearance.excel.js';

const enc = encodeURIComponent;
const base = (code: string) => `/quan-tri/gpmb/${enc(code)}`;

function Counts({ counts }: { counts: HouseholdImportCounts }) {
  return (
    <ul>
      <li>thêm mới {formatNumber(counts.created)} hộ, tổ chức;</li>
      <li>cập nhật {formatNumber(counts.updated)} hộ, tổ chức đã có;</li>
      <li>lập hoặc sửa {formatNumber(counts.plans)} phương án bồi thường dự thảo (chờ phê duyệt).</li>
    </ul>
  );
}

/** The import page of a project: upload form, and the preview or the result when there is one. */
async function page(
  c: Ctx,
  code: string,
  opts: { issues?: FieldIssue[]; message?: string; preview?: { fileId: number; fileName: string; counts: HouseholdImportCounts; rows: number; households: number }; done?: HouseholdImportCounts; status?: 200 | 413 | 422 } = {},
) {
  const project = await householdImportProject(c.var.deps.db.db, pageActor(c), code, { read: true });
  return render(
    c,
    <AdminLayout c={c} title="Nhập danh sách hộ từ Excel" active="gpmb">
      <p>
        Dự án: <a href={base(project.code)}>{project.name}</a> ({project.code}) · {project.unit_name}
      </p>
      {opts.done ? (
        <div class="flash" role="status">
          <p>Đã nhập xong:</p>
          <Counts counts={opts.done} />
          <p>Các phương án dự thảo cần người có thẩm quyền (khác người lập) phê duyệt trên trang của từng hộ.</p>
        </div>
      ) : null}
      <ErrorSummary issues={(opts.issues ?? []).slice(0, 100)} message={opts.message} />
      {opts.preview ? (
        <form method="post" action={`${base(project.code)}/nhap-ho/xac-nhan`} class="card">
          <h2>Xem trước: tệp "{opts.preview.fileName}" hợp lệ</h2>
          <Csrf c={c} />
          <p>
            {formatNumber(opts.preview.rows)} dòng dữ liệu, {formatNumber(opts.preview.households)} hộ, tổ chức. Nếu xác nhận, Khéo sẽ:
          </p>
          <Counts counts={opts.preview.counts} />
          <input type="hidden" name="file" value={String(opts.preview.fileId)} />
          <div class="actions">
            <button type="submit">Xác nhận nhập</button>
            <a href={`${base(project.code)}/nhap-ho`}>Hủy</a>
          </div>
        </form>
      ) : null}
      <form method="post" action={`${base(project.code)}/nhap-ho`} enctype="multipart/form-data" class="card">
        <h2>Tải mẫu, điền, rồi tải tệp lên</h2>
        <Csrf c={c} />
        <p>
          <a href={`${base(project.code)}/mau-ho.xlsx`}>Tải tệp mẫu Excel</a> (trang "Hộ bị ảnh hưởng": mỗi dòng là một thửa đất của một hộ; nhiều dòng cùng mã hộ là các thửa của một hộ).
        </p>
        <ul class="hint">
          <li>Diện tích ghi bằng m², dấu phẩy thập phân (120,5); không ghi "1.234" vì không rõ là 1234 hay 1,234 m².</li>
          <li>Số tiền ghi bằng số nguyên đồng (1.250.000.000); các khoản tiền được lưu thành phương án dự thảo, phê duyệt là một bước riêng.</li>
          <li>Hộ đã có (trùng mã hộ): thông tin trong tệp thay thông tin đã ghi; ô để trống giữ nguyên thông tin đã có.</li>
        </ul>
        <div class="field">
          <label for="f-file">Tệp Excel (.xlsx)</label>
          <input id="f-file" type="file" name="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
        </div>
        <button type="submit">Kiểm tra tệp</button>
        <p class="hint">Khéo kiểm tra toàn bộ tệp trước; chưa có gì được ghi cho đến khi bạn xác nhận. Một dòng lỗi thì cả tệp không được nhập.</p>
      </form>
    </AdminLayout>,
    opts.status ?? 200,
  );
}

const asProblem = (e: unknown) => (e instanceof AppError && (e.status === 422 || e.status === 409) ? e : null);

/** `den=dd/mm/yyyy` (default today): a bad date is a 422 naming the field. */
function throughOf(v: string | undefined): string {
  if (!v?.trim()) return todayVn();
  const d = parseDate(v);
  if (!d) throw badInput([{ field: 'den', message: `Đến ngày: "${v}" không phải ngày hợp lệ (dd/mm/yyyy)` }]);
  return d;
}
const reportName = (unit: string | undefined, through: string, ext: string) => `Báo cáo tiến độ GPMB ${unit ?? ''} đến ${formatDate(through).replaceAll('/', '-')}.${ext}`;

export const clearanceExcelAdmin = new Hono<AppEnv>()
  .get('/gpmb/bao-cao-thang.xlsx', async (c) => {
    const through = throughOf(c.req.query('den'));
    const r = await monthlyReport(c.var.deps.db.db, pageActor(c), { unit: c.req.query('don_vi') || undefined, through });
    return c.body(new Uint8Array(await monthlyReportWorkbook(r.dashboard)), 200, { 'Content-Type': XLSX_MIME, 'Content-Disposition': contentDisposition(reportName(r.dashboard.unit?.code, through, 'xlsx'), false) });
  })
  .get('/gpmb/bao-cao-thang.docx', async (c) => {
    const through = throughOf(c.req.query('den'));
    const r = await monthlyReport(c.var.deps.db.db, pageActor(c), { unit: c.req.query('don_vi') || undefined, through });
    return c.body(new Uint8Array(await monthlyReportDocx(r)), 200, { 'Content-Type': DOCX_MIME, 'Content-Disposition': contentDisposition(reportName(r.dashboard.unit?.code, through, 'docx'), false) });
  })
  .get('/gpmb/:code/nhap-ho', (c) => page(c, c.req.param('code')))
  .post('/gpmb/:code/nhap-ho', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('code');
    // the project and the right to update it first: a refusal is a refusal whatever the file
    await householdImportProject(c.var.deps.db.db, actor, code);
    const body = await parseBodySafely(c);
    const file = body['file'];
    if (!(file instanceof File) || file.size === 0) return page(c, code, { issues: [{ field: 'file', message: 'Tệp Excel: hãy chọn một tệp .xlsx' }], status: 422 });
    const max = c.var.deps.config.maxUploadBytes;
    if (file.size > max) return page(c, code, { issues: [tooLargeIssue(file.name, 'file', max)], status: 413 });
    const bytes = Buffer.from(await file.arrayBuffer());
    try {
      const r = await importHouseholdWorkbook(c.var.deps.db.db, actor, { projectCode: code, buf: bytes, fileName: file.name, dryRun: true });
      const fileId = await inTx(c, (trx) => stageWorkbook(trx, actor, { name: file.name, bytes }));
      return page(c, code, { preview: { fileId, fileName: file.name, counts: r.counts, rows: r.rows, households: r.households } });
    } catch (e) {
      const p = asProblem(e);
      if (p) return page(c, code, { issues: p.issues, message: p.message, status: 422 });
      throw e;
    }
  })
  .post('/gpmb/:code/nhap-ho/xac-nhan', async (c) => {
    const actor = pageActor(c);
    const code = c.req.param('code');
    await householdImportProject(c.var.deps.db.db, actor, code);
    const body = await parseBodySafely(c);
    const fileId = parseId(str(body['file'] as string | undefined)) ?? 0;
    const staged = await stagedWorkbook(c.var.deps.db.db, actor, fileId);
    try {
      const r = await importHouseholdWorkbook(c.var.deps.db.db, actor, { projectCode: code, buf: staged.bytes, fileName: staged.name, dryRun: false, inTransaction: (trx) => consumeStagedWorkbook(trx, fileId) });
      return page(c, code, { done: r.counts });
    } catch (e) {
      const p = asProblem(e);
      if (p) return page(c, code, { issues: p.issues, message: p.message, status: 422 });
      throw e;
    }
  })
  .get('/gpmb/:code/mau-ho.xlsx', async (c) => {
    const { buf, project } = await projectHouseholdTemplate(c.var.deps.db.db, pageActor(c), c.req.param('code'));
    return c.body(new Uint8Array(buf), 200, { 'Content-Type': XLSX_MIME, 'Content-Disposition': contentDisposition(`Mẫu nhập hộ ${project.code}.xlsx`, false) });
  })
  .get('/gpmb/:code/ho-x-buoc.xlsx', async (c) => {
    const { pivot, project } = await projectPivot(c.var.deps.db.db, pageActor(c), c.req.param('code'));
    const buf = await pivotWorkbook({ code: project.code, name: project.name, unitName: project.unit_name }, pivot);
    return c.body(new Uint8Array(buf), 200, { 'Content-Type': XLSX_MIME, 'Content-Disposition': contentDisposition(`Tiến độ theo hộ ${project.code} ${formatDate(todayVn()).replaceAll('/', '-')}.xlsx`, false) });
  })
  .get('/gpmb/:code/doi-thoai/:id/bien-ban.docx', async (c) => {
    const m = await dialogueMinutes(c.var.deps.db.db, pageActor(c), c.req.param('code'), parseId(c.req.param('id')));
    return c.body(new Uint8Array(await dialogueMinutesDocx(m)), 200, { 'Content-Type': DOCX_MIME, 'Content-Disposition': contentDisposition(`Biên bản đối thoại ${m.project.code} ${formatDate(m.dialogue.heldOn).replaceAll('/', '-')}.docx`, false) });
  });
