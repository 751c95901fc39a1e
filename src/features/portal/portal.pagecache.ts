/**
 * Rendered public pages for anonymous visitors, once per portal version (web/pagecache.ts): the
 * portal's own pages and the public pages of other slices (e.g. the land clearance list) serve
 * through `cachedPage`. A page's key must come from normalised, bounded parameters only (a page
 * number within the pages there are, a filter value among those offered), never from raw input,
 * so that the cache cannot be filled with variants.
 */
import { createHash } from 'node:crypto';
import type { Child } from 'hono/jsx';
import type { Ctx } from '../../web/context.js';
import { publicOrigin } from '../../web/middleware.js';
import { portalVersion } from '../../web/pagecache.js';
import type { RenderedPage } from './portal.runtime.js';

export const weakEtag = (s: string) => `W/"${createHash('sha1').update(s).digest('base64url').slice(0, 20)}"`;

/**
 * A cache key for a page: pages carry absolute links (canonical, Open Graph, share) made from the
 * configured public address, or else from the request's scheme and Host — the key is that very
 * origin, so a forged Host or X-Forwarded-Proto can only spoil its own copy (issue #20 item 5).
 */
export const cacheKey = (c: Ctx, _config: unknown, key: string): string => `${publicOrigin(c)}|${key}`;

/**
 * Serves a page from the anonymous-visitor cache, rendering it once per portal version. `build`
 * may answer `{ html, keep: false }`: the page is served but not kept — a page whose address is
 * not the normalised one of what it shows (an unknown filter value, a page past the last), so
 * only real variants ever take a place in the cache.
 */
export async function cachedPage(c: Ctx, pageKey: string, build: () => Promise<string | { html: string; keep: boolean }>, status: 200 | 404 = 200): Promise<Response> {
  const cache = c.var.deps.portal.pages;
  const key = cacheKey(c, c.var.deps.config, pageKey);
  const anonymous = !c.var.actor;
  let page: RenderedPage | undefined = anonymous ? cache.get(key) : undefined;
  if (!page) {
    const v = portalVersion();
    const built = await build();
    const html = `<!DOCTYPE html>${typeof built === 'string' ? built : built.html}`;
    page = { html, etag: weakEtag(html) };
    if (anonymous && status === 200 && (typeof built === 'string' || built.keep)) cache.set(key, page, v);
  }
  const headers = { 'Cache-Control': anonymous ? 'no-cache' : 'private, no-cache', ETag: page.etag, Vary: 'Cookie' };
  if (status === 200 && c.req.header('if-none-match') === page.etag) return c.body(null, 304, headers);
  return c.html(page.html, status, headers);
}

export const toHtml = async (node: Child): Promise<string> => String(await (node as { toString(): string | Promise<string> }).toString());
