/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { FieldIssue } from '../../lib/errors.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, pageActor, str, submitForm, type FormValues } from '../../web/forms.js';
import { AdminLayout, Csrf, ErrorSummary, Field, fieldErrorOf, render } from '../../web/layout.js';
import { authorize } from '../../policy/policy.js';
import { readSiteSettings, updateSiteSettings } from './settings.service.js';

async function page(c: Ctx, values: FormValues | null, issues: FieldIssue[], message?: string, status: 200 | 422 = 200) {
  const actor = pageActor(c);
  authorize(actor, 'settings.update', { unitPath: '/', entityType: 'settings' });
  const s = await readSiteSettings(c.var.deps.db.db);
  const v: FormValues = values ?? Object.fromEntries(Object.entries(s).map(([k, x]) => [k, x ?? '']));
  const introErr = fieldErrorOf(issues, 'intro');
  return render(
    c,
    <AdminLayout c={c} title="Cấu hình cổng thông tin" active="cau-hinh">
      <ErrorSummary issues={issues} message={message} />
      <form method="post" action="/quan-tri/cau-hinh" class="card" novalidate>
        <Csrf c={c} />
        <Field name="siteName" label="Tên cổng thông tin" value={str(v.siteName)} issues={issues} required />
        <Field name="owner" label="Cơ quan chủ quản (dòng bản quyền ở chân trang)" value={str(v.owner)} issues={issues} required hint='Ví dụ: Cổng TTĐT: Quận Long Biên - TP Hà Nội' />
        <Field name="address" label="Địa chỉ" value={str(v.address)} issues={issues} />
        <Field name="phone" label="Điện thoại" value={str(v.phone)} issues={issues} />
        <Field name="fax" label="Fax" value={str(v.fax)} issues={issues} />
        <Field name="email" label="Thư điện tử" value={str(v.email)} issues={issues} />
        <div class={introErr ? 'field has-error' : 'field'}>
          <label for="f-intro">Lời giới thiệu trên trang chủ</label>
          {introErr ? <p class="field-error">{introErr}</p> : null}
          <textarea id="f-intro" name="intro" rows={4}>
            {str(v.intro)}
          </textarea>
        </div>
        <button type="submit">Lưu cấu hình</button>
      </form>
    </AdminLayout>,
    status,
  );
}

export const settingsAdmin = new Hono<AppEnv>()
  .get('/cau-hinh', (c) => page(c, null, []))
  .post('/cau-hinh', async (c) => {
    const actor = pageActor(c);
    const values = await formData(c);
    return submitForm(c, () => inTx(c, (trx) => updateSiteSettings(trx, { actor, input: values })), '/quan-tri/cau-hinh?thongbao=da-luu', (p) => page(c, values, p.issues, p.message, 422));
  });
