import type { MiddlewareHandler } from 'hono';
import { AppError, type FieldIssue } from '../lib/errors.js';
import { assertNoControlChars } from '../lib/validation.js';
import { can } from '../policy/policy.js';
import type { UserActor } from '../policy/policy.js';
import type { AppEnv, Ctx } from './context.js';

export type FormValues = Record<string, string | string[]>;

/** The request body as a form; a malformed one is a 400, not a crash. */
export async function parseBodySafely(c: Ctx): Promise<Record<string, string | File | (string | File)[]>> {
  let body: Record<string, string | File | (string | File)[]>;
  try {
    body = await c.req.parseBody({ all: true });
  } catch {
    throw new AppError(400, 'bad_form', 'Dữ liệu biểu mẫu gửi lên không hợp lệ.');
  }
  // a control character in a field (or a file's name) is a 422 naming it, on every database alike
  assertNoControlChars(Object.fromEntries(Object.entries(body).map(([k, v]) => [k, Array.isArray(v) ? v.map(textOf) : textOf(v)])));
  return body;
}

const textOf = (v: string | File): string => (typeof v === 'string' ? v : v.name);

/** The posted form as strings (repeated names become arrays); files are ignored here. */
export async function formData(c: Ctx): Promise<FormValues> {
  const body = await parseBodySafely(c);
  const out: FormValues = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf') continue;
    if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === 'string');
    else if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/** The files of a multipart form's field; an empty part with no name is "no file chosen", an empty named file is kept (to be refused). */
export async function uploadsOf(c: Ctx, field: string): Promise<{ name: string; bytes: Buffer }[]> {
  const body = await parseBodySafely(c);
  return Promise.all(
    [body[field]]
      .flat()
      .filter((f): f is File => f instanceof File && (f.size > 0 || f.name !== ''))
      .map(async (f) => ({ name: f.name, bytes: Buffer.from(await f.arrayBuffer()) })),
  );
}

export const str = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
export const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : v ? [v] : []);

/** Errors a form shows beside its fields (bad input, duplicates) rather than on an error page. */
export function formProblem(e: unknown): { issues: FieldIssue[]; message: string; status: 409 | 422 } | null {
  if (!(e instanceof AppError)) return null;
  if (e.status === 422 || e.status === 409) return { issues: e.issues, message: e.message, status: e.status };
  return null;
}

type FormProblem = NonNullable<ReturnType<typeof formProblem>>;

/**
 * The form post, written once: runs `write` (the handler's transaction); bad input or a conflict
 * (422, 409) shows the form `again` with the problem beside its fields and that status; success
 * answers 303 to `redirect` (a URL, or one made from what `write` returned). Anything else
 * (a refusal, a missing record) goes to the error handler as it is.
 */
export async function submitForm<T>(c: Ctx, write: () => Promise<T>, redirect: string | ((result: T) => string), again: (p: FormProblem) => Response | Promise<Response>): Promise<Response> {
  let result: T;
  try {
    result = await write();
  } catch (e) {
    const p = formProblem(e);
    if (p) return again(p);
    throw e;
  }
  return c.redirect(typeof redirect === 'string' ? redirect : redirect(result), 303);
}

/** `formProblem` for forms that carry files: a file over the size limit keeps its 413 beside the field. */
export function uploadProblem(e: unknown): { issues: FieldIssue[]; message: string; status: 409 | 413 | 422 } | null {
  if (e instanceof AppError && e.status === 413) return { issues: e.issues, message: e.message, status: 413 };
  return formProblem(e);
}

/** Admin pages need a signed-in user with some role; others go to the login page. */
export const requirePageLogin: MiddlewareHandler<AppEnv> = async (c, next) => {
  const actor = c.var.actor;
  if (!actor) {
    if (c.req.method === 'GET') {
      const next_ = encodeURIComponent(new URL(c.req.url).pathname + new URL(c.req.url).search);
      return c.redirect(`/dang-nhap?tiep=${next_}`, 302);
    }
    throw new AppError(401, 'unauthorized', 'Phiên làm việc đã hết hạn. Hãy đăng nhập lại.');
  }
  if (!can(actor, 'admin.enter')) throw new AppError(403, 'forbidden', 'Tài khoản của bạn chưa được giao vai trò nào.');
  return next();
};

export const pageActor = (c: Ctx): UserActor => {
  const a = c.var.actor;
  if (!a) throw new AppError(401, 'unauthorized', 'Cần đăng nhập để tiếp tục.');
  return a;
};

/** Only same-site relative paths are followed after login. */
export function safeNext(next: string | undefined): string {
  const fallback = '/quan-tri';
  // a path on this site only: no scheme, no host, no backslash, no control characters
  const hasControl = [...(next ?? '')].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f);
  if (!next || hasControl || !/^\/(?![/\\])[^\\]*$/.test(next)) return fallback;
  try {
    const u = new URL(next, 'http://kheo.invalid');
    return u.origin === 'http://kheo.invalid' ? `${u.pathname}${u.search}` : fallback;
  } catch {
    return fallback;
  }
}
