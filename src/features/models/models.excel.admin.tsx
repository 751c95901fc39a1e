/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { AppError, type FieldIssue } from '../../lib/errors.js';
import { formatNumber, todayVn } from '../../lib/vi.js';
import type { AppEnv, Ctx } from '../../web/context.js';
import { inTx } from '../../web/context.js';
import { pageActor, parseBodySafely, str } from '../../web/forms.js';
import { parseId } from '../../lib/validation.js';
import { AdminLayout, Csrf, ErrorSummary, render, SelectField } from '../../web/layout.js';
import { authorize } from '../../policy/policy.js';
import { importWorkbook } from '../bundle/bundle.excel.js';
import type { ImportCounts } from '../bundle/bundle.service.js';
import { listCampaigns } from '../campaigns/campaigns.service.js';
import { consumeStagedWorkbook, contentDisposition, stageWorkbook, stagedWorkbook, tooLargeIssue } from '../files/files.service.js';
import { exportModelList, exportModelsForImport, MODEL_WORKBOOK, modelSheetContext, modelTemplate } from './models.excel.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SECTION_LABEL: Record<string, string> = { models: 'mô hình', teams: 'tổ, đội', modelResults: 'kết quả của mô hình' };

async function page(
  c: Ctx,
  opts: { campaign?: string | undefined; issues?: FieldIssue[]; message?: string; preview?: { fileId: number; fileName: string; counts: ImportCounts; rows: number }; done?: ImportCounts; status?: 200 | 400 | 403 | 413 | 422 },
) {
  const actor = pageActor(c);
  authorize(actor, 'model.edit');
  const campaigns = await listCampaigns(c.var.deps.db.db, actor);
  const campaign = opts.campaign ?? campaigns[0]?.code;
  const counts = (cs: ImportCounts) =>
    Object.entries(cs).map(([k, v]) => (
      <li>
        {SECTION_LABEL[k] ?? k}: thêm mới {formatNumber(v.created)}
        {k === 'modelResults' ? ' (dòng đã ghi trước đó không thêm lại)' : `, cập nhật ${formatNumber(v.updated)}`}
      </li>
    ));
  return render(
    c,
    <AdminLayout c={c} title="Nhập mô hình từ Excel" active="mo-hinh">
      {opts.done ? (
        <div class="flash" role="status">
          <p>Đã nhập xong:</p>
          <ul>{counts(opts.done)}</ul>
        </div>
      ) : null}
      <ErrorSummary issues={(opts.issues ?? []).slice(0, 100)} message={opts.message} />
      {opts.preview ? (
        <form method="post" action="/quan-tri/mo-hinh/nhap/xac-nhan" class="card">
          <h2>Xem trước: tệp "{opts.preview.fileName}" hợp lệ</h2>
          <Csrf c={c} />
          <p>{formatNumber(opts.preview.rows)} dòng dữ liệu. Nếu xác nhận, Khéo sẽ:</p>
          <ul>{counts(opts.preview.counts)}</ul>
          <input type="hidden" name="file" value={String(opts.preview.fileId)} />
          <input type="hidden" name="chu_de" value={campaign ?? ''} />
          <div class="actions">
            <button type="submit">Xác nhận nhập</button>
            <a href="/quan-tri/mo-hinh/nhap">Hủy</a>
          </div>
        </form>
      ) : null}
      <form method="post" action="/quan-tri/mo-hinh/nhap" enctype="multipart/form-data" class="card">
        <h2>1. Tải mẫu, điền, rồi tải tệp lên</h2>
        <Csrf c={c} />
        <SelectField name="chu_de" label="Chủ đề năm" value={campaign} issues={[]} options={campaigns.map((k) => ({ value: k.code, label: `${k.year} — ${k.theme} (${k.code})` }))} />
        <p>
          <a href={`/quan-tri/mo-hinh/mau.xlsx?chu_de=${encodeURIComponent(campaign ?? '')}`}>Tải tệp mẫu Excel</a> (có danh sách thả xuống cho lĩnh vực, đơn vị, loại mô hình).
        </p>
        <div class="field">
          <label for="f-file">Tệp Excel (.xlsx)</label>
          <input id="f-file" type="file" name="file" accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required />
        </div>
        <button type="submit">Kiểm tra tệp</button>
        <p class="hint">Khéo kiểm tra toàn bộ tệp trước; chưa có gì được ghi cho đến khi bạn xác nhận.</p>
      </form>
    </AdminLayout>,
    opts.status ?? 200,
  );
}

const asProblem = (e: unknown) => (e instanceof AppError && (e.status === 422 || e.status === 409) ? e : null);

/** Excel routes: registered before `/mo-hinh/:code` so that their names are not taken for codes. */
export const modelsExcelAdmin = new Hono<AppEnv>()
  .get('/mo-hinh/nhap', (c) => page(c, { campaign: c.req.query('chu_de') || undefined }))
  .post('/mo-hinh/nhap', async (c) => {
    const actor = pageActor(c);
    authorize(actor, 'model.edit');
    const body = await parseBodySafely(c);
    const campaign = str(body['chu_de'] as string | undefined);
    const file = body['file'];
    if (!(file instanceof File) || file.size === 0) return page(c, { campaign, issues: [{ field: 'file', message: 'Tệp Excel: hãy chọn một tệp .xlsx' }], status: 422 });
    const max = c.var.deps.config.maxUploadBytes;
    if (file.size > max) return page(c, { campaign, issues: [tooLargeIssue(file.name, 'file', max)], status: 413 });
    const bytes = Buffer.from(await file.arrayBuffer());
    try {
      const { ctx } = await modelSheetContext(c.var.deps.db.db, actor, campaign);
      const r = await importWorkbook(c.var.deps.db.db, actor, { buf: bytes, fileName: file.name, ...MODEL_WORKBOOK, ctx, dryRun: true });
      const fileId = await inTx(c, (trx) => stageWorkbook(trx, actor, { name: file.name, bytes }));
      return page(c, { campaign, preview: { fileId, fileName: file.name, counts: r.counts, rows: r.rows } });
    } catch (e) {
      const p = asProblem(e);
      if (p) return page(c, { campaign, issues: p.issues, message: p.message, status: 422 });
      throw e;
    }
  })
  .post('/mo-hinh/nhap/xac-nhan', async (c) => {
    const actor = pageActor(c);
    authorize(actor, 'model.edit');
    const body = await parseBodySafely(c);
    const campaign = str(body['chu_de'] as string | undefined);
    const fileId = parseId(str(body['file'] as string | undefined)) ?? 0;
    const staged = await stagedWorkbook(c.var.deps.db.db, actor, fileId);
    try {
      const { ctx } = await modelSheetContext(c.var.deps.db.db, actor, campaign);
      const r = await importWorkbook(c.var.deps.db.db, actor, { buf: staged.bytes, fileName: staged.name, ...MODEL_WORKBOOK, ctx, dryRun: false, inTransaction: (trx) => consumeStagedWorkbook(trx, fileId) });
      return page(c, { campaign, done: r.counts });
    } catch (e) {
      const p = asProblem(e);
      if (p) return page(c, { campaign, issues: p.issues, message: p.message, status: 422 });
      throw e;
    }
  })
  .get('/mo-hinh/mau.xlsx', async (c) => {
    const actor = pageActor(c);
    authorize(actor, 'model.edit');
    const campaign = c.req.query('chu_de') ?? '';
    const buf = await modelTemplate(c.var.deps.db.db, actor, campaign);
    return c.body(new Uint8Array(buf), 200, { 'Content-Type': XLSX, 'Content-Disposition': contentDisposition(`Mẫu nhập mô hình ${campaign}.xlsx`, false) });
  })
  .get('/mo-hinh/xuat.xlsx', async (c) => {
    const actor = pageActor(c);
    const { buf, fileName } = await exportModelList(c.var.deps.db.db, actor, listQuery(c));
    return c.body(new Uint8Array(buf), 200, { 'Content-Type': XLSX, 'Content-Disposition': contentDisposition(fileName, false) });
  })
  .get('/mo-hinh/xuat-de-sua.xlsx', async (c) => {
    const actor = pageActor(c);
    const q = listQuery(c);
    const buf = await exportModelsForImport(c.var.deps.db.db, actor, q);
    const [y, m, d] = todayVn().split('-');
    return c.body(new Uint8Array(buf), 200, { 'Content-Type': XLSX, 'Content-Disposition': contentDisposition(`Danh sách mô hình để sửa ${q.campaign ?? ''} ${d}-${m}-${y}.xlsx`, false) });
  });

const listQuery = (c: Ctx) => {
  const q = c.req.query();
  return { campaign: q.chu_de, unit: q.don_vi || undefined, field: q.linh_vuc, holder: q.loai, status: q.trang_thai, from: q.tu, to: q.den, q: q.q };
};
