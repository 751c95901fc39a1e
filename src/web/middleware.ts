/**
 * Request pipeline: client address and scheme → security headers → who is calling (session
 * cookie or bearer token: accounts.middleware.ts) → CSRF check on every state-changing request.
 */
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import type { MiddlewareHandler } from 'hono';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { AppError } from '../lib/errors.js';
import { assertNoControlChars } from '../lib/validation.js';
import type { AppEnv, Ctx, Deps } from './context.js';

export const SESSION_COOKIE = 'kheo_session';
const LOGIN_CSRF_COOKIE = 'kheo_csrf';

/** `__Host-` prefix and Secure flag only when served over HTTPS (browsers refuse them otherwise). */
export const cookieName = (c: Ctx, base: string): string => (c.var.secure ? `__Host-${base}` : base);

interface IncomingEnv {
  incoming?: { socket?: { remoteAddress?: string; encrypted?: boolean }; headers?: Record<string, string | string[] | undefined> };
}

/** A Host header we accept: a name or an address, an optional port; nothing else (RFC 9110 §7.2). */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]{0,62})(?:\.[a-z0-9](?:[a-z0-9-]{0,62}))*\.?|\[[0-9a-f:.]{2,45}\])(?::\d{1,5})?$/i;
export const isValidHost = (h: string | undefined): h is string => typeof h === 'string' && h.length <= 255 && HOST.test(h);

/**
 * The origin absolute links are made from — and the key under which a page carrying them is
 * cached: the configured public address, else the scheme we serve and the request's own Host.
 */
export function originOf(publicUrl: string | undefined, secure: boolean, host: string): string {
  if (publicUrl) return publicUrl.replace(/\/+$/, '');
  return `${secure ? 'https' : 'http'}://${host.toLowerCase()}`;
}

export const badHostMessage = 'Yêu cầu không hợp lệ: thiếu tiêu đề Host hoặc tên máy không hợp lệ.';

/**
 * The one HTTPS test: served over HTTPS on this socket, or configured so (a public URL in
 * https), or behind a trusted proxy that says so in X-Forwarded-Proto. The request middleware and
 * the portal's hot path (which answers on the socket, before Hono) both ask it.
 */
export function servedOverHttps(config: Pick<Deps['config'], 'publicUrl' | 'trustProxy'>, encrypted: boolean, forwardedProto: string | string[] | undefined): boolean {
  return encrypted || Boolean(config.publicUrl?.startsWith('https://')) || (config.trustProxy && forwardedProto === 'https');
}

/** Served over HTTPS, directly or behind a trusted proxy (or configured so). */
export function isSecure(c: { env: unknown; req: { header(name: string): string | undefined } }, deps: Pick<Deps, 'config'>): boolean {
  const env = c.env as IncomingEnv | undefined;
  return servedOverHttps(deps.config, Boolean(env?.incoming?.socket?.encrypted), c.req.header('x-forwarded-proto'));
}

export const requestContext = (deps: Deps): MiddlewareHandler<AppEnv> => async (c, next) => {
  const env = c.env as IncomingEnv | undefined;
  // a request from a socket must name its host (HTTP/1.0 may leave it out; an absolute URL does not count):
  // the links of a cached page are made from it
  if (env?.incoming && !isValidHost(c.req.header('host'))) throw new AppError(400, 'bad_host', badHostMessage);
  let ip = env?.incoming?.socket?.remoteAddress ?? '';
  const secure = isSecure(c, deps);
  if (deps.config.trustProxy) {
    // the address our proxy saw is the last one it appended; earlier ones are the client's word
    const fwd = c.req.header('x-forwarded-for')?.split(',').pop()?.trim();
    if (fwd) ip = fwd;
  }
  c.set('deps', deps);
  c.set('ip', ip || 'unknown');
  c.set('secure', secure);
  c.set('actor', null);
  c.set('sessionHash', null);
  c.set('csrfToken', null);
  c.set('bodyKeys', null);
  await next();
};

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join('; ');

const SECURITY_HEADERS = { plain: buildSecurityHeaders(false), secure: buildSecurityHeaders(true) };

/** The headers every response carries (HSTS only over HTTPS); a shared object: copy before changing it. */
export function securityHeaderRecord(secure: boolean): Readonly<Record<string, string>> {
  return secure ? SECURITY_HEADERS.secure : SECURITY_HEADERS.plain;
}

function buildSecurityHeaders(secure: boolean): Record<string, string> {
  return {
    'Content-Security-Policy': CSP,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=()',
    ...(secure ? { 'Strict-Transport-Security': 'max-age=31536000; includeSubDomains' } : {}),
  };
}

/** Adds them to a response (a route may set a stricter CSP of its own: served files are sandboxed). */
function applySecurityHeaders(h: Headers, secure: boolean): void {
  for (const [k, v] of Object.entries(securityHeaderRecord(secure))) if (k !== 'Content-Security-Policy' || !h.has(k)) h.set(k, v);
}

export const securityHeaders: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  applySecurityHeaders(c.res.headers, c.var.secure);
};

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const sameToken = (a: string | undefined | null, b: string | undefined | null): boolean => {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The portal's address for absolute links: the configured public URL, else the request's own origin. */
export function publicOrigin(c: Ctx): string {
  return originOf(c.var.deps.config.publicUrl, c.var.secure, requestHost(c));
}

/** The Host header (checked by requestContext); a fetch-style call without one (tests) uses its URL's host. */
function requestHost(c: Ctx): string {
  return c.req.header('host') ?? new URL(c.req.url).host;
}

function ownOrigin(c: Ctx): string {
  return originOf(undefined, c.var.secure, requestHost(c));
}

/**
 * Personal data is never left in a cache (a shared PC, a proxy): every admin page, every answer
 * to a signed-in caller of the API (every write and every refusal too), every export and every non-public file —
 * all of them under /quan-tri or /api/v1 — go out `no-store`, whatever the route set.
 */
export const noStore: MiddlewareHandler<AppEnv> = async (c, next) => {
  await next();
  const admin = c.req.path === '/quan-tri' || c.req.path.startsWith('/quan-tri/');
  const api = c.req.path.startsWith('/api/');
  // the API: all but what an anonymous visitor gets from its public part (articles, search, stats)
  const publicRead = !c.var.actor && (c.req.method === 'GET' || c.req.method === 'HEAD') && c.res.status < 400;
  if (admin || (api && !publicRead)) {
    c.res.headers.set('Cache-Control', 'no-store');
    c.res.headers.delete('ETag');
  }
};

async function submittedToken(c: Ctx): Promise<string | undefined> {
  const header = c.req.header('x-csrf-token');
  if (header) return header;
  const type = c.req.header('content-type') ?? '';
  if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
    let body: Record<string, unknown>;
    try {
      body = await c.req.parseBody();
    } catch {
      throw new AppError(400, 'bad_form', 'Dữ liệu biểu mẫu gửi lên không hợp lệ.');
    }
    // every form a browser posts passes here first: a control character in a field or a file's name is a 422 naming it
    const text = (x: unknown): unknown => (x instanceof File ? x.name : Array.isArray(x) ? x.map(text) : x);
    assertNoControlChars(Object.fromEntries(Object.entries(body).map(([k, x]) => [k, text(x)])));
    const v = body['_csrf'];
    return typeof v === 'string' ? v : undefined;
  }
  return undefined;
}

/**
 * CSRF: a cross-site Origin is refused outright; a cookie-authenticated write must carry the
 * session's token (form field `_csrf` or header `X-CSRF-Token`). API calls may instead rely on
 * what a cross-site page cannot send without a CORS preflight we never grant: a JSON body, or
 * a method other than POST. Bearer-token calls carry no cookie and need neither.
 * The login form (no session yet) uses a double-submit cookie.
 */
export const csrfProtection: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!UNSAFE.has(c.req.method)) return next();
  if (c.var.actor?.via === 'token') return next();
  // the one-click unsubscribe of an e-mail (RFC 8058) is posted by mail programs, some from a web
  // page of another site: its signed link is its authority, and it only stops that person's e-mail
  if (c.req.path === '/thu/huy-nhan') return next();
  const origin = c.req.header('origin');
  const fetchSite = c.req.header('sec-fetch-site');
  const forbidden = () => new AppError(403, 'csrf', 'Yêu cầu không hợp lệ (mã chống giả mạo sai hoặc đã hết hạn). Hãy tải lại trang và thử lại.');
  if ((origin && origin !== ownOrigin(c)) || fetchSite === 'cross-site') throw forbidden();
  const isJson = (c.req.header('content-type') ?? '').startsWith('application/json');
  const isApi = c.req.path.startsWith('/api/');
  // The login form is the one form posted without a session: a double-submit cookie guards it
  // (a browser that still holds a session, e.g. another tab, may also send the session's token).
  if (c.req.path === '/dang-nhap') {
    const sent = await submittedToken(c);
    if (!sameToken(sent, getCookie(c, cookieName(c, LOGIN_CSRF_COOKIE))) && !sameToken(sent, c.var.csrfToken)) throw forbidden();
    return next();
  }
  if (c.var.sessionHash) {
    // A browser sends cross-site only simple POSTs (form or text bodies) without a preflight.
    if (isApi && !c.req.header('x-csrf-token') && (isJson || c.req.method !== 'POST')) return next();
    if (!sameToken(await submittedToken(c), c.var.csrfToken)) throw forbidden();
    return next();
  }
  // No cookie session: nothing a forged request could ride on; authentication answers 401.
  return next();
};

/** A token for an anonymous form (login): set once in a cookie, echoed in the form. */
export function loginCsrfToken(c: Ctx): string {
  const existing = getCookie(c, cookieName(c, LOGIN_CSRF_COOKIE));
  if (existing && existing.length >= 32 && existing.length < 100) return existing;
  const t = randomBytes(24).toString('base64url');
  setCookie(c, cookieName(c, LOGIN_CSRF_COOKIE), t, { path: '/', httpOnly: true, sameSite: 'Lax', secure: c.var.secure });
  return t;
}

export function setSessionCookie(c: Ctx, token: string, maxHours: number): void {
  setCookie(c, cookieName(c, SESSION_COOKIE), token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: c.var.secure,
    maxAge: maxHours * 3600,
  });
}

export function clearSessionCookie(c: Ctx): void {
  deleteCookie(c, cookieName(c, SESSION_COOKIE), { path: '/', secure: c.var.secure });
}

export function sessionCookieValue(c: Ctx): string | undefined {
  return getCookie(c, cookieName(c, SESSION_COOKIE));
}
