/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import { AppError, type FieldIssue } from '../../lib/errors.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, pageActor, safeNext, str, submitForm } from '../../web/forms.js';
import { AdminLayout, Csrf, ErrorSummary, Field, PortalLayout, render } from '../../web/layout.js';
import { clearSessionCookie, loginCsrfToken, sessionCookieValue, setSessionCookie } from '../../web/middleware.js';
import { getSiteSettings } from '../settings/settings.service.js';
import * as accounts from './accounts.service.js';

async function loginPage(c: Ctx, opts: { username?: string; message?: string; next?: string | undefined; status?: 200 | 401 | 422 | 429 }) {
  const site = await getSiteSettings(c.var.deps.db.db);
  const token = loginCsrfToken(c);
  const issues: FieldIssue[] = [];
  return render(
    c,
    <PortalLayout c={c} site={site} title="Đăng nhập">
      <div class="login-box">
        <h1>Đăng nhập quản trị</h1>
        {opts.message ? (
          <div class="error-summary" role="alert" tabindex={-1}>
            <p>{opts.message}</p>
          </div>
        ) : null}
        <form method="post" action={`/dang-nhap${opts.next ? `?tiep=${encodeURIComponent(opts.next)}` : ''}`}>
          <input type="hidden" name="_csrf" value={token} />
          <Field name="username" label="Tên đăng nhập" value={opts.username ?? ''} issues={issues} required autocomplete="username" />
          <Field name="password" label="Mật khẩu" type="password" value="" issues={issues} required autocomplete="current-password" />
          <div class="actions">
            <button type="submit">Đăng nhập</button>
          </div>
        </form>
      </div>
    </PortalLayout>,
    opts.status ?? 200,
  );
}

async function changePasswordPage(c: Ctx, issues: FieldIssue[], message?: string, status: 200 | 422 = 200) {
  return render(
    c,
    <AdminLayout c={c} title="Đổi mật khẩu" active="">
      <ErrorSummary issues={issues} message={message} />
      <form method="post" action="/doi-mat-khau" class="card" novalidate>
        <Csrf c={c} />
        <Field name="currentPassword" label="Mật khẩu hiện tại" type="password" issues={issues} required autocomplete="current-password" />
        <Field name="newPassword" label="Mật khẩu mới" type="password" issues={issues} required autocomplete="new-password" hint="Từ 8 đến 128 ký tự; nên dùng từ 15 ký tự trở lên, ví dụ một câu dễ nhớ. Không dùng mật khẩu phổ biến." />
        <Field name="confirmPassword" label="Nhập lại mật khẩu mới" type="password" issues={issues} required autocomplete="new-password" />
        <div class="actions">
          <button type="submit">Đổi mật khẩu</button>
        </div>
      </form>
    </AdminLayout>,
    status,
  );
}

export const accountsPages = new Hono<AppEnv>()
  .get('/dang-nhap', async (c) => {
    if (c.var.actor) return c.redirect(safeNext(c.req.query('tiep')), 302);
    return loginPage(c, { next: c.req.query('tiep') });
  })
  .post('/dang-nhap', async (c) => {
    const values = await formData(c);
    const next = c.req.query('tiep');
    const { db, config } = c.var.deps;
    try {
      const r = await accounts.login(db.db, {
        input: { username: str(values.username), password: str(values.password) },
        ip: c.var.ip,
        userAgent: c.req.header('user-agent') ?? null,
        policy: config.session,
      });
      const previous = sessionCookieValue(c);
      if (previous) await accounts.logout(db.db, { token: previous, actor: null });
      setSessionCookie(c, r.sessionToken, config.session.maxHours);
      return c.redirect(safeNext(next), 303);
    } catch (e) {
      if (e instanceof AppError && (e.status === 401 || e.status === 422 || e.status === 429)) {
        const message = e.status === 422 ? 'Hãy nhập tên đăng nhập và mật khẩu.' : e.message;
        return loginPage(c, { username: str(values.username), message, next, status: e.status });
      }
      throw e;
    }
  })
  .post('/dang-xuat', async (c) => {
    const token = sessionCookieValue(c);
    if (token) await accounts.logout(c.var.deps.db.db, { token, actor: c.var.actor });
    clearSessionCookie(c);
    return c.redirect('/dang-nhap', 303);
  })
  .get('/doi-mat-khau', async (c) => {
    if (!c.var.actor) return c.redirect('/dang-nhap?tiep=%2Fdoi-mat-khau', 302);
    return changePasswordPage(c, []);
  })
  .post('/doi-mat-khau', async (c) => {
    const actor = pageActor(c);
    const values = await formData(c);
    return submitForm(c, () => inTx(c, (trx) => accounts.changeOwnPassword(trx, { actor, input: values, currentSessionHash: c.var.sessionHash ?? undefined })), '/quan-tri?thongbao=da-doi-mat-khau', (p) =>
      changePasswordPage(c, p.issues, p.message, 422),
    );
  });
