/**
 * Who is calling: the request pipeline's step between the security headers and the CSRF check
 * (web/middleware.ts). It lives with the accounts it reads, so that web imports no slice.
 */
import type { MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { AppError } from '../../lib/errors.js';
import type { AppEnv } from '../../web/context.js';
import { cookieName, SESSION_COOKIE } from '../../web/middleware.js';
import { resolveApiToken, resolveSession } from './accounts.service.js';

/** Resolves the caller: `Authorization: Bearer kheo_…` first, else the session cookie. */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { db, config } = c.var.deps;
  const auth = c.req.header('authorization');
  if (auth?.toLowerCase().startsWith('bearer ')) {
    const actor = await resolveApiToken(db.db, auth.slice(7).trim(), c.var.ip);
    if (!actor) throw new AppError(401, 'invalid_token', 'Khóa API không hợp lệ hoặc đã bị thu hồi.');
    c.set('actor', actor);
    return next();
  }
  const token = getCookie(c, cookieName(c, SESSION_COOKIE));
  if (token) {
    const s = await resolveSession(db.db, token, c.var.ip, config.session);
    if (s) {
      c.set('actor', s.actor);
      c.set('sessionHash', s.idHash);
      c.set('csrfToken', s.csrfToken);
    } else {
      deleteCookie(c, cookieName(c, SESSION_COOKIE), { path: '/', secure: c.var.secure });
    }
  }
  return next();
};

