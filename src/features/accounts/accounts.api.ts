import { z } from 'zod';
import { readJson, requireActor, route, type ApiRoute } from '../../web/api.js';
import { inTx } from '../../web/context.js';
import { clearSessionCookie, sessionCookieValue, setSessionCookie } from '../../web/middleware.js';
import { UserOut, ZCreateUser, ZLogin, ZSetPassword, ZUpdateUser } from './accounts.schemas.js';
import * as accounts from './accounts.service.js';

const Me = z.object({
  username: z.string(),
  fullName: z.string(),
  unit: z.string(),
  unitName: z.string(),
  roles: z.array(z.string()),
});

const me = (a: ReturnType<typeof requireActor>) => ({ username: a.username, fullName: a.fullName, unit: a.unitCode, unitName: a.unitName, roles: a.roles });

export const accountsApi: ApiRoute[] = [
  route({ method: 'post', path: '/auth/login', summary: 'Đăng nhập; trả về cookie phiên và mã chống giả mạo (csrfToken)', tag: 'Xác thực', public: true, body: ZLogin, response: z.object({ user: Me, csrfToken: z.string() }) }, async (c) => {
    const input = await readJson(c);
    const { config, db } = c.var.deps;
    const r = await accounts.login(db.db, { input, ip: c.var.ip, userAgent: c.req.header('user-agent') ?? null, policy: config.session });
    // rotate: the session this browser had before (if any) ends with the new login
    const previous = sessionCookieValue(c);
    if (previous) await accounts.logout(db.db, { token: previous, actor: null });
    setSessionCookie(c, r.sessionToken, config.session.maxHours);
    return c.json({ user: me(r.actor), csrfToken: r.csrfToken });
  }),
  route({ method: 'post', path: '/auth/logout', summary: 'Đăng xuất (kết thúc phiên)', tag: 'Xác thực', status: 204 }, async (c) => {
    const actor = requireActor(c);
    const token = sessionCookieValue(c);
    if (token) await accounts.logout(c.var.deps.db.db, { token, actor });
    clearSessionCookie(c);
    return c.body(null, 204);
  }),
  route({ method: 'get', path: '/auth/me', summary: 'Người dùng hiện tại', tag: 'Xác thực', response: Me }, (c) => c.json(me(requireActor(c)))),
  route({ method: 'get', path: '/users', summary: 'Danh sách tài khoản trong phạm vi', tag: 'Tài khoản', action: 'user.read', response: z.object({ items: z.array(UserOut) }) }, async (c) => c.json({ items: await accounts.listUsers(c.var.deps.db.db, requireActor(c)) })),
  route({ method: 'post', path: '/users', summary: 'Tạo tài khoản', tag: 'Tài khoản', action: 'user.manage', status: 201, body: ZCreateUser, response: UserOut }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => accounts.createUser(trx, { actor, input })), 201);
  }),
  route({ method: 'get', path: '/users/:username', summary: 'Một tài khoản', tag: 'Tài khoản', action: 'user.read', response: UserOut }, async (c) => c.json(await accounts.getUser(c.var.deps.db.db, requireActor(c), c.req.param('username')))),
  route({ method: 'patch', path: '/users/:username', summary: 'Sửa tài khoản (họ tên, thư điện tử, đơn vị, vai trò)', tag: 'Tài khoản', action: 'user.manage', body: ZUpdateUser, response: UserOut }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    return c.json(await inTx(c, (trx) => accounts.updateUser(trx, { actor, username: c.req.param('username'), input })));
  }),
  route({ method: 'post', path: '/users/:username/disable', summary: 'Khóa tài khoản (kết thúc mọi phiên)', tag: 'Tài khoản', action: 'user.manage', response: UserOut }, async (c) => {
    const actor = requireActor(c);
    return c.json(await inTx(c, (trx) => accounts.setUserActive(trx, { actor, username: c.req.param('username'), active: false })));
  }),
  route({ method: 'post', path: '/users/:username/enable', summary: 'Mở khóa tài khoản', tag: 'Tài khoản', action: 'user.manage', response: UserOut }, async (c) => {
    const actor = requireActor(c);
    return c.json(await inTx(c, (trx) => accounts.setUserActive(trx, { actor, username: c.req.param('username'), active: true })));
  }),
  route({ method: 'post', path: '/users/:username/password', summary: 'Đặt mật khẩu mới cho tài khoản', tag: 'Tài khoản', action: 'user.manage', body: ZSetPassword, status: 204 }, async (c) => {
    const actor = requireActor(c);
    const input = await readJson(c);
    await inTx(c, (trx) => accounts.setPassword(trx, { actor, username: c.req.param('username'), input }));
    return c.body(null, 204);
  }),
];
