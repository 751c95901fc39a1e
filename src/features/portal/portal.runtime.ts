/** Per-app portal state: the view counter and the rendered-page caches. */
import type { AppDb } from '../../db/index.js';
import { PageCache } from '../../web/pagecache.js';
import { ViewCounter } from './portal.views.js';

/** An article page rendered once, with the view count left out: `head` + count + `tail`. */
export interface RenderedArticle {
  id: number;
  head: string;
  tail: string;
  etag: string;
  lastModified: string;
  /** stored views when rendered, minus what this instance had already written by then */
  base: number;
}

export interface RenderedPage {
  html: string;
  etag: string;
}

export interface PortalRuntime {
  views: ViewCounter;
  articles: PageCache<RenderedArticle>;
  pages: PageCache<RenderedPage>;
}

declare module '../../web/context.js' {
  interface DepsExtensions {
    /** the portal's rendered-page cache and view counter (per app instance) */
    portal: PortalRuntime;
  }
}

export function createPortalRuntime(db: AppDb): PortalRuntime {
  return { views: new ViewCounter(db), articles: new PageCache(2000, 30_000), pages: new PageCache(500, 15_000) };
}
