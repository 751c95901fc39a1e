/** @jsxImportSource hono/jsx */
/* The holiday calendar in the admin: holidays and make-up working days, which working-day time limits count by. */
import { Hono } from 'hono';
import { formatDate } from '../../lib/vi.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, pageActor, str, submitForm, type FormValues } from '../../web/forms.js';
import { AdminLayout, Csrf, ErrorSummary, Field, render, SelectField } from '../../web/layout.js';
import { can } from '../../policy/policy.js';
import { CALENDAR_DAY_KINDS, listCalendarDays, removeCalendarDay, saveCalendarDay } from './calendar.service.js';
import type { FieldIssue } from '../../lib/errors.js';

type Problem = { issues: FieldIssue[]; message?: string | undefined; status?: 409 | 422 | undefined; values?: FormValues };

async function calendarPage(c: Ctx, problem?: Problem) {
  const actor = pageActor(c);
  const days = await listCalendarDays(c.var.deps.db.db, actor);
  const configure = can(actor, 'clearance.configure', { unitPath: '/' });
  const v = problem?.values ?? {};
  const issues = problem?.issues ?? [];
  return render(
    c,
    <AdminLayout c={c} title="Lịch ngày nghỉ lễ, Tết và ngày làm bù" active="gpmb">
      <p>
        <a href="/quan-tri/gpmb">← Giải phóng mặt bằng</a>
      </p>
      <p>Thời hạn tính theo ngày làm việc bỏ qua thứ Bảy, Chủ nhật và các ngày nghỉ dưới đây, và tính cả các ngày làm bù. Tết Nguyên đán và Giỗ Tổ theo âm lịch: cập nhật mỗi năm theo thông báo của Chính phủ.</p>
      <ErrorSummary issues={issues} message={problem?.message} />
      {configure ? (
        <form method="post" action="/quan-tri/gpmb/lich-nghi" class="card filters" novalidate>
          <Csrf c={c} />
          <Field name="day" label="Ngày" value={str(v.day)} issues={issues} required inputmode="numeric" hint="dd/mm/yyyy" />
          <SelectField name="kind" label="Loại ngày" value={str(v.kind) || 'holiday'} issues={issues} options={Object.entries(CALENDAR_DAY_KINDS).map(([value, label]) => ({ value, label }))} />
          <Field name="name" label="Tên" value={str(v.name)} issues={issues} required hint="Ví dụ Tết Nguyên đán" />
          <button type="submit">Thêm vào lịch</button>
        </form>
      ) : null}
      <div class="card">
        {days.length ? (
          <table class="responsive">
            <thead>
              <tr>
                <th>Ngày</th>
                <th>Loại</th>
                <th>Tên</th>
                {configure ? <th></th> : null}
              </tr>
            </thead>
            <tbody>
              {[...days].reverse().map((d) => (
                <tr>
                  <td data-label="Ngày">{formatDate(d.day)}</td>
                  <td data-label="Loại">{CALENDAR_DAY_KINDS[d.kind]}</td>
                  <td data-label="Tên">{d.name}</td>
                  {configure ? (
                    <td>
                      <form method="post" action="/quan-tri/gpmb/lich-nghi/xoa" class="inline">
                        <Csrf c={c} />
                        <input type="hidden" name="day" value={d.day} />
                        <button type="submit" class="link">
                          Xóa
                        </button>
                      </form>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p class="muted">Chưa có ngày nghỉ nào trong lịch.</p>
        )}
      </div>
    </AdminLayout>,
    problem?.status ?? 200,
  );
}

export const calendarAdmin = new Hono<AppEnv>()
  .get('/gpmb/lich-nghi', (c) => calendarPage(c))
  .post('/gpmb/lich-nghi', async (c) => {
    const actor = pageActor(c);
    const v = await formData(c);
    return submitForm(c, () => inTx(c, (trx) => saveCalendarDay(trx, { actor, input: { day: str(v.day), kind: str(v.kind), name: str(v.name) } })), '/quan-tri/gpmb/lich-nghi?thongbao=da-luu', (p) => calendarPage(c, { ...p, values: v }));
  })
  .post('/gpmb/lich-nghi/xoa', async (c) => {
    const actor = pageActor(c);
    const v = await formData(c);
    await inTx(c, (trx) => removeCalendarDay(trx, { actor, day: str(v.day) }));
    return c.redirect('/quan-tri/gpmb/lich-nghi?thongbao=da-xoa', 303);
  });
