/** Per-app portal state: the view counter and the rendered-page caches. */
import type { AppDb, Db } from '../../db/index.js';
import { PageCache } from '../../web/pagecache.js';
import type { Resources } from '../models/models.service.js';
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

/**
 * What the portal shows of a campaign's figures (home page, archive). The figures are defined once,
 * in the composer figures.service.ts, whose CampaignStats has these fields; createApp supplies the
 * reader, so that the portal (a domain slice) imports no composer.
 */
export interface PublicCampaignFigures {
  campaign: { code: string; year: number; theme: string; plan: { number: string; date: string } | null; publishMoney: boolean };
  through: string;
  models: { total: number; collective: number; individual: number };
  exemplary: { code: string; name: string; by: string }[];
  rewards: { total: number };
  teams: { byKind: { label: string; teams: number; members: number }[] };
  /** what the models mobilised (money shown only when the campaign publishes it) */
  resources: Resources;
  clearance: { projects: number; byCategory: { category: string; label: string; count: number }[]; followedProjects: number; followedAffected: number; handedOver: number };
}

/** The campaign's public figures through a date (the portal's projects only, as the public stats API). */
export type PublicFiguresReader = (db: Db, code: string, through: string) => Promise<PublicCampaignFigures>;

interface PortalRuntime {
  /** the campaign figures the portal publishes (supplied by createApp) */
  figures: PublicFiguresReader;
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

export function createPortalRuntime(db: AppDb, figures: PublicFiguresReader): PortalRuntime {
  return { figures, views: new ViewCounter(db), articles: new PageCache(2000, 30_000), pages: new PageCache(500, 15_000) };
}
