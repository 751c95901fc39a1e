import type { Context } from 'hono';
import type { Logger } from 'pino';
import type { Config } from '../config.js';
import type { AppDb, Tx } from '../db/index.js';
import type { UserActor } from '../features/accounts/policy.js';
import type { Assets } from './assets.js';
import type { PortalRuntime } from '../features/portal/portal.runtime.js';

/** What every request can reach: built once by createApp, never global. */
export interface Deps {
  db: AppDb;
  config: Config;
  logger: Logger;
  assets: Assets;
  /** the portal's rendered-page cache and view counter (per app instance) */
  portal: PortalRuntime;
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
