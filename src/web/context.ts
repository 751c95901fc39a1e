import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { AppDb, Tx } from '../db/index.js';
import type { UserActor } from '../policy/policy.js';
import type { Assets } from './assets.js';

/** What every request can reach: built once by createApp, never global. */
/**
 * Per-instance state that slices above web add to Deps by declaration merging (the portal's page
 * caches and view counter: see portal.runtime.ts), so that web never imports a slice.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DepsExtensions {}

export interface Deps extends DepsExtensions {
  db: AppDb;
  config: Config;
  logger: Logger;
  assets: Assets;
  /** what every page's frame shows that lives in the slices above web (set by createApp) */
  layout: LayoutSources;
}

/** A menu entry of the public portal: a root category and its children. */
interface MenuNode {
  name: string;
  url: string;
  inMenu: boolean;
  children: MenuNode[];
}

/**
 * The slices' answers that the page frames need. Web is below the slices: it declares what it
 * needs and `createApp` (which sees every slice) supplies it.
 */
interface LayoutSources {
  /** the portal menu (categories), cached per portal version */
  menu(db: AppDb['db']): Promise<MenuNode[]>;
  /** the paths of units that run a campaign (the admin menu shows "Chủ đề năm" under one) */
  campaignUnitPaths(db: AppDb['db']): Promise<readonly string[]>;
}

export interface AppEnv {
  Variables: {
    deps: Deps;
    ip: string;
    /** the signed-in user (session cookie or API token), or null */
    actor: UserActor | null;
    /** hash of the session id when signed in by cookie */
    sessionHash: string | null;
    csrfToken: string | null;
    /** true when served over HTTPS (directly or behind a trusted proxy) */
    secure: boolean;
    /** the signed-in user's unread notices, for the admin header (set on admin pages) */
    unreadNotices?: number;
    /** the top-level keys the API route's body schema declares (readJson drops others unread), if it declares them */
    bodyKeys: ReadonlySet<string> | null;
  };
}

export type Ctx = Context<AppEnv>;

/** Runs `fn` in one transaction: the caller (a handler) owns it, services receive it. */
export const inTx = <T>(c: Ctx, fn: (trx: Tx) => Promise<T>): Promise<T> => c.var.deps.db.db.transaction().execute(fn);
