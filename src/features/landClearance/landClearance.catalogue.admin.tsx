/** @jsxImportSource hono/jsx */
/* Land clearance in the admin: the catalogue of procedure steps (time limits, what each counts from). */
import { Hono } from 'hono';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, pageActor, str } from '../../web/forms.js';
import { AdminLayout, Csrf, ErrorSummary, Field, render, SelectField } from '../../web/layout.js';
import { can } from '../../policy/policy.js';
import { listStepKinds, saveStepKind } from './landClearance.service.js';
import { type Problem, submit } from './landClearance.admin.view.js';

// ——— catalogue and calendar ———
async function catalogPage(c: Ctx, problem?: Problem) {
  const actor = pageActor(c);
  const kinds = await listStepKinds(c.var.deps.db.db, actor);
  const configure = can(actor, 'clearance.configure', { unitPath: '/' });
  const v = problem?.values ?? {};
  const issues = problem?.issues ?? [];
  return render(
    c,
    <AdminLayout c={c} title="Quy trình giải phóng mặt bằng" active="gpmb">
      <p>
        <a href="/quan-tri/gpmb">← Giải phóng mặt bằng</a>
      </p>
      <p>Các bước và thời hạn theo Luật Đất đai 2024 và văn bản hướng dẫn. Khi luật hoặc quy định của thành phố thay đổi thời hạn, sửa ở đây: hạn của mọi dự án được tính lại theo bảng này và lịch ngày nghỉ.</p>
      <ErrorSummary issues={issues} message={problem?.message} />
      <div class="card">
        <table class="responsive">
          <thead>
            <tr>
              <th>Thứ tự</th>
              <th>Bước</th>
              <th>Thời hạn</th>
              <th>Tính từ</th>
              <th>Căn cứ</th>
              <th>Đang dùng</th>
            </tr>
          </thead>
          <tbody>
            {kinds.map((k) => (
              <tr>
                <td data-label="Thứ tự">{k.sortOrder}</td>
                <td data-label="Bước">
                  {k.name} <span class="muted">({k.code})</span>
                  {k.optional ? <span class="badge">khi cần</span> : null}
                </td>
                <td data-label="Thời hạn">{k.deadlineDays === null ? '—' : `${k.deadlineDays} ${k.dayKind === 'working' ? 'ngày làm việc' : 'ngày'}`}</td>
                <td data-label="Tính từ">{k.countedFrom ? (kinds.find((x) => x.code === k.countedFrom)?.name ?? k.countedFrom) : 'Ngày bắt đầu dự án'}</td>
                <td data-label="Căn cứ">{k.legalBasis ?? '—'}</td>
                <td data-label="Đang dùng">{k.active ? 'Có' : 'Không'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {configure ? (
        <form method="post" action="/quan-tri/gpmb/quy-trinh" class="card" novalidate>
          <h2>Thêm hoặc sửa một bước</h2>
          <p class="hint">Nhập mã của bước có sẵn để sửa bước đó; mã mới để thêm bước.</p>
          <Csrf c={c} />
          <div class="grid2">
            <Field name="code" label="Mã bước" value={str(v.code)} issues={issues} required hint="Ví dụ chi-tra" />
            <Field name="name" label="Tên bước" value={str(v.name)} issues={issues} required />
            <Field name="sortOrder" label="Thứ tự" value={str(v.sortOrder)} issues={issues} inputmode="numeric" />
            <Field name="deadlineDays" label="Thời hạn (số ngày)" value={str(v.deadlineDays)} issues={issues} inputmode="numeric" hint="Để trống nếu không có thời hạn luật định" />
            <SelectField name="dayKind" label="Cách tính" value={str(v.dayKind) || 'calendar'} issues={issues} options={[{ value: 'calendar', label: 'Ngày (theo lịch)' }, { value: 'working', label: 'Ngày làm việc' }]} />
            <SelectField name="countedFrom" label="Tính từ khi xong bước" value={str(v.countedFrom)} issues={issues} empty="Ngày bắt đầu dự án" options={kinds.map((k) => ({ value: k.code, label: k.name }))} />
          </div>
          <Field name="legalBasis" label="Căn cứ pháp lý" value={str(v.legalBasis)} issues={issues} />
          <div class="field checks">
            <label>
              <input type="checkbox" name="optional" value="1" checked={str(v.optional) === '1'} /> Chỉ khi cần (ví dụ cưỡng chế)
            </label>
            <label>
              <input type="checkbox" name="active" value="1" checked={str(v.active ?? '1') !== ''} /> Đang dùng
            </label>
          </div>
          <button type="submit">Lưu bước</button>
        </form>
      ) : null}
    </AdminLayout>,
    problem?.status ?? 200,
  );
}

export const clearanceCatalogueAdmin = new Hono<AppEnv>()
  .get('/gpmb/quy-trinh', (c) => catalogPage(c))
  .post('/gpmb/quy-trinh', async (c) => {
    const actor = pageActor(c);
    const v = await formData(c);
    const input = { code: str(v.code), name: str(v.name), sortOrder: str(v.sortOrder) || '0', deadlineDays: str(v.deadlineDays), dayKind: str(v.dayKind), countedFrom: str(v.countedFrom), optional: str(v.optional), legalBasis: str(v.legalBasis), active: str(v.active) };
    return submit(c, () => inTx(c, (trx) => saveStepKind(trx, { actor, input })), '/quan-tri/gpmb/quy-trinh?thongbao=da-luu', (p) => catalogPage(c, { ...p, values: v }));
  });
