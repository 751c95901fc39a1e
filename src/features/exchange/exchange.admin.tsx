/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { AppError } from '../../lib/errors.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { pageActor } from '../../web/forms.js';
import { authorize } from '../../policy/policy.js';
import { AdminLayout, Csrf, ErrorSummary, render } from '../../web/layout.js';
import type { FieldIssue } from '../../lib/errors.js';
import type { ImportCounts } from '../bundle/bundle.service.js';
import { bundle } from './registry.js';

const MAX_UPLOAD = 50 * 1024 * 1024;

async function page(c: Ctx, opts: { issues?: FieldIssue[]; message?: string; counts?: ImportCounts; status?: 200 | 400 | 413 | 422 }) {
  return render(
    c,
    <AdminLayout c={c} title="Nhập / xuất dữ liệu" active="du-lieu">
      {opts.counts ? (
        <div class="flash" role="status">
          <p>Đã nhập xong:</p>
          <ul>
            {Object.entries(opts.counts).map(([k, v]) => (
              <li>
                {k}: thêm mới {v.created}, cập nhật {v.updated}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ErrorSummary issues={(opts.issues ?? []).slice(0, 50)} message={opts.message} />
      <section class="card">
        <h2>Xuất dữ liệu</h2>
        <p>Tải về gói dữ liệu JSON (phiên bản 1) gồm mọi đơn vị và tài khoản trong phạm vi của bạn. Gói này nhập lại được vào Khéo khác.</p>
        <a class="button secondary" href="/api/v1/export">
          Tải gói dữ liệu (.json)
        </a>
      </section>
      <form class="card" method="post" action="/quan-tri/du-lieu/nhap" enctype="multipart/form-data">
        <h2>Nhập dữ liệu</h2>
        <Csrf c={c} />
        <p>Chọn tệp gói dữ liệu JSON. Việc nhập là "tất cả hoặc không": nếu có một bản ghi lỗi, không có gì được ghi và Khéo liệt kê các lỗi.</p>
        <div class="field">
          <label for="f-file">Tệp .json</label>
          <input id="f-file" type="file" name="file" accept=".json,application/json" required />
        </div>
        <button type="submit">Nhập dữ liệu</button>
      </form>
    </AdminLayout>,
    opts.status ?? 200,
  );
}

export const bundleAdmin = new Hono<AppEnv>()
  .get('/du-lieu', (c) => {
    authorize(pageActor(c), 'bundle.export');
    return page(c, {});
  })
  .post('/du-lieu/nhap', async (c) => {
    const actor = pageActor(c);
    authorize(actor, 'bundle.import');
    const body = await c.req.parseBody();
    const file = body['file'];
    if (!(file instanceof File) || file.size === 0) return page(c, { issues: [{ field: 'file', message: 'Tệp .json: hãy chọn một tệp' }], status: 422 });
    if (file.size > MAX_UPLOAD) return page(c, { message: `Tệp "${file.name}" quá lớn (tối đa 50 MB).`, status: 413 });
    let doc: unknown;
    try {
      doc = JSON.parse(await file.text());
    } catch {
      return page(c, { message: `Tệp "${file.name}" không phải JSON hợp lệ.`, status: 422 });
    }
    try {
      const counts = await inTx(c, (trx) => bundle.importBundle(trx, actor, doc));
      return page(c, { counts });
    } catch (e) {
      if (e instanceof AppError && (e.status === 422 || e.status === 409)) {
        const issues = e.issues.map((i) => ({ field: i.field, message: i.field && !i.message.startsWith(i.field) ? `${i.field}: ${i.message}` : i.message }));
        return page(c, { issues, message: `Tệp "${file.name}": ${e.message}`, status: 422 });
      }
      throw e;
    }
  });
