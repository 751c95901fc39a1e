/**
 * JSON API plumbing: each route declared once — `route(spec, handler)`: its method, path,
 * schemas and action beside its handler; the OpenAPI document, the authorisation matrix and the
 * guards read the same declarations — body parsing with Vietnamese errors, and the caller check.
 */
import { Hono, type Context } from 'hono';
import type { z } from 'zod';
import { AppError, unauthorized } from '../lib/errors.js';
import { assertNoControlChars, checkJsonShape } from '../lib/validation.js';
import type { Action, UserActor } from '../policy/policy.js';
import type { AppEnv, Ctx } from './context.js';

export interface ApiSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** OpenAPI style, relative to /api/v1: `/units/{code}` */
  path: string;
  summary: string;
  tag: string;
  /** no session needed */
  public?: boolean;
  /** the action the service authorises, for documentation and the matrix test */
  action?: Action;
  body?: z.ZodType;
  /** success status when not 200 (201 for creation, 204 for no content) */
  status?: 201 | 204;
  response?: z.ZodType;
  query?: Record<string, string>;
}

/** One JSON route: its declaration and its handler, in one place. */
export interface ApiRoute extends ApiSpec {
  handle(this: void, c: Ctx): Response | Promise<Response>;
}

/**
 * Declares a route. The handler's context knows the path's parameters (`c.req.param('code')` is a
 * string). Mounted by `mountRoutes`, which adds what the declaration says: a caller unless public.
 */
export function route<P extends string>(spec: ApiSpec & { path: P }, handle: (c: Context<AppEnv, P>) => Response | Promise<Response>): ApiRoute {
  return { ...spec, handle: handle as ApiRoute['handle'] };
}

/** The declaration without its handler (the OpenAPI document, the matrix test). */
export function specOf(r: ApiRoute): ApiSpec {
  const { handle: _handle, ...spec } = r;
  return spec;
}

/**
 * The routes as a Hono app, in their order (a fixed path before a parameter: `/models/import`
 * before `/models/:code`). Each route first refuses a missing caller (401) unless it is public,
 * and tells `readJson` the body keys its schema declares, so that a route cannot be reached
 * without the guard its declaration names.
 */
export function mountRoutes(routes: readonly ApiRoute[]): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  for (const r of routes) {
    const keys = r.method === 'get' ? null : bodyKeysOf(r.body);
    const isPublic = r.public === true;
    app.on(r.method.toUpperCase(), r.path, (c) => {
      if (!isPublic) requireActor(c);
      c.set('bodyKeys', keys);
      return r.handle(c);
    });
  }
  return app;
}

/** Hono path `/units/:code` → OpenAPI `/units/{code}` */
export const toOpenApiPath = (p: string): string => p.replace(/:(\w+)/g, '{$1}');

/** The signed-in caller, or 401. */
export function requireActor(c: Ctx): UserActor {
  const a = c.var.actor;
  if (!a) throw unauthorized();
  return a;
}

/** A body that may be left out: none (or an empty one) is `{}`; otherwise it must be JSON. */
export async function readOptionalJson(c: Ctx): Promise<unknown> {
  if (!c.req.header('content-type') && (c.req.header('content-length') ?? '0') === '0') return {};
  return readJson(c);
}

/** A page number from the query string, clamped to 1…100 000. */
export const pageParam = (v: string | undefined): number => Math.min(Math.max(Number.parseInt(v ?? '1', 10) || 1, 1), 100_000);

/**
 * The request body as JSON, or 400 in Vietnamese. Read within the body limit (a few KB for an
 * anonymous caller), parsed, then — before anything walks it — cut to the keys its route's schema
 * declares (a JSON object: unknown keys are dropped unread, as zod would drop them), checked for
 * depth and width (issue #20 item 3), and refused (422 naming the field) if a text holds a control
 * character.
 */
export async function readJson(c: Ctx): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!type.includes('json')) {
    throw new AppError(415, 'unsupported_media_type', 'Dữ liệu gửi lên phải ở dạng JSON (Content-Type: application/json).');
  }
  let text: string;
  try {
    text = await c.req.text();
  } catch (e) {
    if (e instanceof AppError || (e as { status?: unknown } | null)?.status === 413) throw e;
    throw new AppError(400, 'invalid_json', 'Không đọc được dữ liệu gửi lên.');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError(400, 'invalid_json', 'Dữ liệu JSON không hợp lệ (sai cú pháp).');
  }
  const keys = c.get('bodyKeys');
  if (keys && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const known: Record<string, unknown> = {};
    for (const k of Object.keys(value)) if (keys.has(k.normalize('NFC'))) Object.defineProperty(known, k, { value: (value as Record<string, unknown>)[k], enumerable: true, writable: true, configurable: true });
    value = known;
  }
  checkJsonShape(value);
  assertNoControlChars(value);
  return value;
}

/** The top-level keys a body schema declares, or null when it takes others too (a loose object, a union…). */
function bodyKeysOf(schema: z.ZodType | undefined): ReadonlySet<string> | null {
  const def = (schema as { _zod?: { def?: { type?: string; catchall?: unknown; shape?: Record<string, unknown> } } } | undefined)?._zod?.def;
  if (!def || def.type !== 'object' || def.catchall !== undefined || !def.shape) return null;
  return new Set(Object.keys(def.shape));
}
