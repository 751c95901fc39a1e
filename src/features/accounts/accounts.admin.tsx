/** @jsxImportSource hono/jsx */
import { Hono } from 'hono';
import type { FieldIssue } from '../../lib/errors.js';
import { formatDate } from '../../lib/vi.js';
import { inTx, type AppEnv, type Ctx } from '../../web/context.js';
import { formData, list, pageActor, str, submitForm, type FormValues } from '../../web/forms.js';
import { AdminLayout, Csrf, ErrorSummary, Field, fieldErrorOf, fieldId, render, SelectField, unitOptions } from '../../web/layout.js';
import { listUnitsFlat } from '../units/units.service.js';
import type { PresentedUser } from './accounts.schemas.js';
import * as accounts from './accounts.service.js';
import { ROLE_LABELS, ROLES, type Role } from '../../policy/policy.js';
import { authorize } from '../../policy/policy.js';

const roleText = (roles: string[]) => roles.map((r) => ROLE_LABELS[r as Role] ?? r).join(', ');

function RoleChecks({ values, issues }: { values: FormValues; issues: FieldIssue[] }) {
  const chosen = new Set(list(values.roles));
  const err = fieldErrorOf(issues, 'roles');
  return (
    <fieldset class={err ? 'field has-error checks' : 'field checks'} id={fieldId('roles')}>
      <legend>Vai trò (trong phạm vi đơn vị của tài khoản và các đơn vị trực thuộc)</legend>
      {err ? <p class="field-error">{err}</p> : null}
      {ROLES.map((r) => (
        <label>
          <input type="checkbox" name="roles" value={r} checked={chosen.has(r)} /> {ROLE_LABELS[r]}
        </label>
      ))}
    </fieldset>
  );
}

async function scopeUnitOptions(c: Ctx) {
  return unitOptions(await listUnitsFlat(c.var.deps.db.db, pageActor(c)));
}

async function newPage(c: Ctx, values: FormValues, issues: FieldIssue[], message?: string, status: 200 | 409 | 422 = 200) {
  authorize(pageActor(c), 'user.manage');
  const options = await scopeUnitOptions(c);
  return render(
    c,
    <AdminLayout c={c} title="Thêm tài khoản" active="tai-khoan">
      <ErrorSummary issues={issues} message={message} />
      <form method="post" action="/quan-tri/tai-khoan/moi" class="card" novalidate>
        <Csrf c={c} />
        <Field name="username" maxChars={64} label="Tên đăng nhập" value={str(values.username)} issues={issues} required autocomplete="off" hint="Chữ thường không dấu, số, dấu chấm; ví dụ nguyen.van.a" />
        <Field name="fullName" maxChars={200} label="Họ và tên" value={str(values.fullName)} issues={issues} required autocomplete="off" />
        <Field name="email" maxChars={254} label="Thư điện tử" type="email" inputmode="email" value={str(values.email)} issues={issues} autocomplete="off" hint="Không bắt buộc. Khéo gửi thông báo (mô hình được duyệt, báo cáo bị trả lại…) tới địa chỉ này; để trống thì chỉ thông báo trong trang quản trị." />
        <SelectField name="unit" label="Đơn vị" value={str(values.unit)} issues={issues} options={options} required />
        <RoleChecks values={values} issues={issues} />
        <Field name="password" label="Mật khẩu ban đầu" type="password" value="" issues={issues} required autocomplete="new-password" hint="Từ 8 đến 128 ký tự, nên từ 15 ký tự; không dùng mật khẩu phổ biến." />
        <div class="actions">
          <button type="submit">Tạo tài khoản</button>
          <a href="/quan-tri/tai-khoan">Hủy</a>
        </div>
      </form>
    </AdminLayout>,
    status,
  );
}

async function editPage(c: Ctx, username: string, values: FormValues | null, issues: FieldIssue[], message?: string, status: 200 | 409 | 422 = 200) {
  const actor = pageActor(c);
  const u = await accounts.getUser(c.var.deps.db.db, actor, username);
  const options = await scopeUnitOptions(c);
  const v: FormValues = values ?? { fullName: u.fullName, email: u.email ?? '', unit: u.unit, roles: u.roles };
  const base = `/quan-tri/tai-khoan/${encodeURIComponent(u.username)}`;
  return render(
    c,
    <AdminLayout c={c} title={`Tài khoản ${u.username}`} active="tai-khoan">
      <p class="muted">
        Tạo ngày {formatDate(u.createdAt)} · {u.active ? <span class="badge ok">Đang hoạt động</span> : <span class="badge off">Đã khóa</span>}
      </p>
      <ErrorSummary issues={issues} message={message} />
      <form method="post" action={base} class="card" novalidate>
        <h2>Thông tin và vai trò</h2>
        <Csrf c={c} />
        <Field name="fullName" maxChars={200} label="Họ và tên" value={str(v.fullName)} issues={issues} required />
        <Field name="email" maxChars={254} label="Thư điện tử" type="email" inputmode="email" value={str(v.email)} issues={issues} autocomplete="off" hint="Không bắt buộc. Khéo gửi thông báo (mô hình được duyệt, báo cáo bị trả lại…) tới địa chỉ này; để trống thì chỉ thông báo trong trang quản trị." />
        <SelectField name="unit" label="Đơn vị" value={str(v.unit)} issues={issues} options={options} required />
        <RoleChecks values={v} issues={issues} />
        <div class="actions">
          <button type="submit">Lưu thay đổi</button>
          <a href="/quan-tri/tai-khoan">Về danh sách</a>
        </div>
      </form>
      <form method="post" action={`${base}/mat-khau`} class="card" novalidate>
        <h2>Đặt mật khẩu mới</h2>
        <Csrf c={c} />
        <p class="hint">Mọi phiên đăng nhập của tài khoản này sẽ kết thúc.</p>
        <Field name="password" label="Mật khẩu mới" type="password" value="" issues={issues} autocomplete="new-password" />
        <button type="submit" class="secondary">
          Đặt mật khẩu
        </button>
      </form>
      <form method="post" action={`${base}/${u.active ? 'khoa' : 'mo-khoa'}`} class="card" data-confirm={u.active ? `Khóa tài khoản ${u.username}?` : undefined}>
        <h2>{u.active ? 'Khóa tài khoản' : 'Mở khóa tài khoản'}</h2>
        <Csrf c={c} />
        {u.active ? <p class="hint">Người dùng bị đăng xuất ngay và không đăng nhập được nữa.</p> : null}
        <button type="submit" class={u.active ? 'danger' : 'secondary'}>
          {u.active ? 'Khóa tài khoản' : 'Mở khóa'}
        </button>
      </form>
    </AdminLayout>,
    status,
  );
}

function UserTable({ users }: { users: PresentedUser[] }) {
  return (
    <table class="responsive">
      <thead>
        <tr>
          <th>Họ và tên</th>
          <th>Tên đăng nhập</th>
          <th>Đơn vị</th>
          <th>Vai trò</th>
          <th>Trạng thái</th>
        </tr>
      </thead>
      <tbody>
        {users.map((u) => (
          <tr>
            <td data-label="Họ và tên">
              <a href={`/quan-tri/tai-khoan/${encodeURIComponent(u.username)}`}>{u.fullName}</a>
            </td>
            <td data-label="Tên đăng nhập">{u.username}</td>
            <td data-label="Đơn vị">{u.unitName}</td>
            <td data-label="Vai trò">{roleText(u.roles)}</td>
            <td data-label="Trạng thái">{u.active ? <span class="badge ok">Hoạt động</span> : <span class="badge off">Đã khóa</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const userInput = (v: FormValues) => ({ username: str(v.username), fullName: str(v.fullName), email: str(v.email), unit: str(v.unit), roles: list(v.roles), password: str(v.password) });

export const accountsAdmin = new Hono<AppEnv>()
  .get('/tai-khoan', async (c) => {
    const users = await accounts.listUsers(c.var.deps.db.db, pageActor(c));
    return render(
      c,
      <AdminLayout c={c} title="Tài khoản" active="tai-khoan">
        <div class="toolbar">
          <a class="button" href="/quan-tri/tai-khoan/moi">
            Thêm tài khoản
          </a>
        </div>
        <div class="card">{users.length ? <UserTable users={users} /> : <p>Chưa có tài khoản nào.</p>}</div>
      </AdminLayout>,
    );
  })
  .get('/tai-khoan/moi', async (c) => newPage(c, { roles: ['officer'], unit: pageActor(c).unitCode }, []))
  .post('/tai-khoan/moi', async (c) => {
    const actor = pageActor(c);
    const values = await formData(c);
    return submitForm(c, () => inTx(c, (trx) => accounts.createUser(trx, { actor, input: userInput(values) })), (u) => `/quan-tri/tai-khoan/${encodeURIComponent(u.username)}?thongbao=da-tao`, (p) =>
      newPage(c, values, p.issues, p.message, p.status),
    );
  })
  .get('/tai-khoan/:username', async (c) => editPage(c, c.req.param('username'), null, []))
  .post('/tai-khoan/:username', async (c) => {
    const actor = pageActor(c);
    const username = c.req.param('username');
    const values = await formData(c);
    return submitForm(
      c,
      () => inTx(c, (trx) => accounts.updateUser(trx, { actor, username, input: { fullName: str(values.fullName), email: str(values.email), unit: str(values.unit), roles: list(values.roles) } })),
      `/quan-tri/tai-khoan/${encodeURIComponent(username)}?thongbao=da-luu`,
      (p) => editPage(c, username, values, p.issues, p.message, p.status),
    );
  })
  .post('/tai-khoan/:username/mat-khau', async (c) => {
    const actor = pageActor(c);
    const username = c.req.param('username');
    const values = await formData(c);
    return submitForm(c, () => inTx(c, (trx) => accounts.setPassword(trx, { actor, username, input: { password: str(values.password) } })), `/quan-tri/tai-khoan/${encodeURIComponent(username)}?thongbao=da-luu`, (p) =>
      editPage(c, username, null, p.issues, p.message, p.status),
    );
  })
  .post('/tai-khoan/:username/khoa', async (c) => {
    const actor = pageActor(c);
    const username = c.req.param('username');
    return submitForm(c, () => inTx(c, (trx) => accounts.setUserActive(trx, { actor, username, active: false })), `/quan-tri/tai-khoan/${encodeURIComponent(username)}?thongbao=da-luu`, (p) =>
      editPage(c, username, null, p.issues, p.message, p.status),
    );
  })
  .post('/tai-khoan/:username/mo-khoa', async (c) => {
    const actor = pageActor(c);
    const username = c.req.param('username');
    await inTx(c, (trx) => accounts.setUserActive(trx, { actor, username, active: true }));
    return c.redirect(`/quan-tri/tai-khoan/${encodeURIComponent(username)}?thongbao=da-luu`, 303);
  });
