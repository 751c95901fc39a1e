/**
 * createApp({ config, db }): mounts every slice's routes. No side effects at import; the same
 * app serves `kheo serve`, the tests (through app.request) and the benchmarks.
 */
import { statfs } from 'node:fs/promises';
import path from 'node:path';
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import pino, { type Logger } from 'pino';
import type { Config } from './config.js';
import type { AppDb } from './db/index.js';
import { probe } from './db/dialect.js';
import { accountsAdmin } from './features/accounts/accounts.admin.js';
import { accountsApi } from './features/accounts/accounts.api.js';
import { accountsPages } from './features/accounts/accounts.pages.js';
import { appraisalAdmin } from './features/appraisal/appraisal.admin.js';
import { appraisalApi } from './features/appraisal/appraisal.api.js';
import { emulationAdmin } from './features/emulation/emulation.admin.js';
import { emulationApi } from './features/emulation/emulation.api.js';
import { auditAdmin } from './features/audit/audit.admin.js';
import { auditApi } from './features/audit/audit.api.js';
import { bundleAdmin } from './features/exchange/exchange.admin.js';
import { bundleApi } from './features/exchange/exchange.api.js';
import { campaignsApi } from './features/campaigns/campaigns.api.js';
import { documentsApi } from './features/documents/documents.api.js';
import { modelsApi } from './features/models/models.api.js';
import { teamsApi } from './features/teams/teams.api.js';
import { clearanceApi } from './features/landClearance/landClearance.api.js';
import { campaignsAdmin } from './features/campaigns/campaigns.admin.js';
import { figuresAdmin } from './features/figures/figures.admin.js';
import { figuresApi } from './features/figures/figures.api.js';
import { campaignStats } from './features/figures/figures.service.js';
import { mayReadEvidence } from './features/appraisal/appraisal.service.js';
import { dashboardAdmin } from './features/dashboard/dashboard.admin.js';
import { workAdmin } from './features/dashboard/work.admin.js';
import { noticesAdmin, unreadCount } from './features/notices/notices.admin.js';
import { noticeChoicesAdmin, unsubscribePages } from './features/notices/notices.choices.js';
import { noticesApi } from './features/notices/notices.api.js';
import { workApi } from './features/dashboard/work.api.js';
import { leadersAdmin } from './features/dashboard/leaders.admin.js';
import { leadersApi } from './features/dashboard/leaders.api.js';
import { supervisionAdmin } from './features/supervision/supervision.admin.js';
import { issuesAdmin } from './features/supervision/supervision.issues.admin.js';
import { documentsAdmin } from './features/documents/documents.admin.js';
import { documentsPages } from './features/documents/documents.pages.js';
import { modelsAdmin } from './features/models/models.admin.js';
import { modelsExcelAdmin } from './features/models/models.excel.admin.js';
import { teamsAdmin } from './features/teams/teams.admin.js';
import { clearanceExcelAdmin } from './features/landClearance/landClearance.excel.admin.js';
import { clearanceAdmin } from './features/landClearance/landClearance.admin.js';
import { clearanceHouseholdsAdmin } from './features/landClearance/landClearance.households.admin.js';
import { clearanceEngagementAdmin } from './features/landClearance/landClearance.engagement.admin.js';
import { clearanceCatalogueAdmin } from './features/landClearance/landClearance.catalogue.admin.js';
import { calendarAdmin } from './features/calendar/calendar.admin.js';
import { clearancePages } from './features/landClearance/landClearance.pages.js';
import { modelsPages } from './features/models/models.pages.js';
import { searchApi } from './features/search/search.api.js';
import { supervisionApi } from './features/supervision/supervision.api.js';
import { searchPages } from './features/search/search.pages.js';
import { narrativeAdmin } from './features/narrative/narrative.admin.js';
import { rewardsPages, unitPages } from './features/portal/portal.pages.js';
import { menuTree } from './features/portal/portal.menu.js';
import { campaignUnitPaths } from './features/campaigns/campaigns.service.js';
import { articlePages, fastArticle } from './features/portal/portal.articles.js';
import { feedRoutes } from './features/portal/portal.feeds.js';
import { portalAdmin } from './features/portal/portal.admin.js';
import { reportFormsAdmin } from './features/reporting/reporting.forms.admin.js';
import { reportAnalysisAdmin } from './features/reporting/reporting.analysis.admin.js';
import { reportEntriesAdmin } from './features/reporting/reporting.entries.admin.js';
import { briefingAdmin } from './features/dashboard/briefing.admin.js';
import { reportingApi } from './features/reporting/reporting.api.js';
import { portalApi } from './features/portal/portal.api.js';
import { createPortalRuntime } from './features/portal/portal.runtime.js';
import { settingsAdmin } from './features/settings/settings.admin.js';
import { unitsAdmin } from './features/units/units.admin.js';
import { unitsApi } from './features/units/units.api.js';
import { AppError } from './lib/errors.js';
import { mountRoutes, specOf, type ApiRoute, type ApiSpec } from './web/api.js';
import { loadAssets, type Assets } from './web/assets.js';
import type { AppEnv, Deps } from './web/context.js';
import { DATABASE_UNAVAILABLE_MESSAGE, errorHandler, notFoundHandler, RETRY_AFTER_SECONDS } from './app.errors.js';
import { requirePageLogin } from './web/forms.js';
import { csrfProtection, noStore, requestContext, securityHeaders } from './web/middleware.js';
import { authenticate } from './features/accounts/accounts.middleware.js';
import { buildOpenApi } from './web/openapi.js';

/** Every JSON route, declared once (`route(spec, handler)` in each slice's *.api.ts), in mounting order. */
export const apiRoutes: ApiRoute[] = [
  ...accountsApi,
  ...unitsApi,
  ...auditApi,
  ...bundleApi,
  ...documentsApi,
  ...campaignsApi,
  ...figuresApi,
  ...modelsApi,
  ...teamsApi,
  ...appraisalApi,
  ...emulationApi,
  ...clearanceApi,
  ...portalApi,
  ...reportingApi,
  ...searchApi,
  ...supervisionApi,
  ...leadersApi,
  ...noticesApi,
  ...workApi,
];

/** Every JSON route's spec: the OpenAPI document and the authorisation matrix read this list. */
export const apiSpecs: ApiSpec[] = [
  { method: 'get', path: '/openapi.json', summary: 'Tài liệu OpenAPI này', tag: 'Hệ thống', public: true },
  ...apiRoutes.map(specOf),
];

export interface AppOptions {
  config: Config;
  db: AppDb;
  logger?: Logger;
  assets?: Assets;
}

/** /healthz and /readyz answer within this, whatever the database does (a round trip normally takes a millisecond). */
export const HEALTH_PROBE_MS = 2000;

/** The largest body a caller who is not signed in may send (the login's JSON or form is a few hundred bytes). */
export const ANONYMOUS_BODY_BYTES = 16 * 1024;

let sharedAssets: Assets | undefined;

const runtimes = new WeakMap<Hono<AppEnv>, Deps>();

/** What an app holds besides its routes (the view counter to flush on shutdown, the caches). */
export function depsOf(app: Hono<AppEnv>): Deps {
  const d = runtimes.get(app);
  if (!d) throw new Error('not an app made by createApp');
  return d;
}

/**
 * The admin's pages, mounted under /quan-tri in this order: where two paths can match the same
 * address, the fixed one comes first.
 */
const adminPages: Hono<AppEnv>[] = [
  dashboardAdmin,
  workAdmin,
  // /thong-bao/cach-nhan before a notice's /thong-bao/:id
  noticeChoicesAdmin,
  noticesAdmin,
  supervisionAdmin,
  leadersAdmin,
  issuesAdmin,
  narrativeAdmin,
  // after campaigns: its /chu-de/moi comes before the campaign page's /chu-de/:code
  campaignsAdmin,
  figuresAdmin,
  appraisalAdmin,
  emulationAdmin,
  modelsExcelAdmin,
  modelsAdmin,
  teamsAdmin,
  clearanceExcelAdmin,
  // fixed paths and /gpmb/ho-dan/:hh before the project pages' /gpmb/:code
  clearanceHouseholdsAdmin,
  clearanceEngagementAdmin,
  clearanceCatalogueAdmin,
  calendarAdmin,
  clearanceAdmin,
  documentsAdmin,
  portalAdmin,
  reportFormsAdmin,
  // before the reports: /bao-cao/:form/giao-ban/:what would read as a unit's report for a period
  briefingAdmin,
  reportAnalysisAdmin,
  reportEntriesAdmin,
  unitsAdmin,
  accountsAdmin,
  auditAdmin,
  bundleAdmin,
  settingsAdmin,
];

/** The portal's pages and the sign-in pages, mounted at the root. */
const publicPages: Hono<AppEnv>[] = [
  accountsPages,
  feedRoutes,
  articlePages,
  unitPages,
  rewardsPages,
  clearancePages,
  modelsPages,
  searchPages,
  documentsPages,
  unsubscribePages,
];

export function createApp({ config, db, logger, assets }: AppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const deps: Deps = {
    config,
    db,
    logger: logger ?? pino({ level: config.logLevel }),
    assets: assets ?? (sharedAssets ??= loadAssets()),
    portal: createPortalRuntime(db, (d, code, through) => campaignStats(d, code, through, { publicOnly: true })),
    layout: { menu: menuTree, campaignUnitPaths },
    mayReadEvidence,
  };
  runtimes.set(app, deps);
  const openapi = buildOpenApi(apiSpecs);
  // the portal's hot path answers before the chain (see fastArticle)
  app.get('/bai-viet/:slug', fastArticle(deps));
  app.use(requestContext(deps));
  app.use(securityHeaders);
  app.use(noStore);

  // Liveness (issue #20): the process is up and answers — always 200 while it does, with what it
  // knows of the database, so that a supervisor does not restart a healthy process because the
  // database went away (restarting would not bring it back). Answered within HEALTH_PROBE_MS.
  // SQLite: the free space of the data dir's file system (a full disk refuses writes with a 507)
  const diskFree = async () => (db.sqliteFile ? { diskFreeBytes: await statfs(path.dirname(db.sqliteFile)).then((s) => s.bavail * s.bsize, () => null) } : {});
  app.get('/healthz', async (c) => {
    const p = await probe(db, HEALTH_PROBE_MS);
    return c.json({ status: 'ok', database: db.dialect, databaseState: p.state, databaseMs: p.ms, ...(await diskFree()) });
  });
  // Readiness: whether this instance can serve now — 200 when a round trip to the database
  // succeeds within HEALTH_PROBE_MS, else 503 (`database_unavailable`, Retry-After) naming the state.
  app.get('/readyz', async (c) => {
    const p = await probe(db, HEALTH_PROBE_MS);
    const pool = db.pgPool?.();
    if (p.state === 'ok') return c.json({ status: 'ready', database: db.dialect, databaseState: p.state, databaseMs: p.ms, ...(pool ? { pool } : {}), ...(await diskFree()) });
    c.header('Retry-After', String(RETRY_AFTER_SECONDS[503]));
    return c.json(
      { status: 'unavailable', database: db.dialect, databaseState: p.state, databaseMs: p.ms, ...(pool ? { pool } : {}), error: { code: 'database_unavailable', message: DATABASE_UNAVAILABLE_MESSAGE } },
      503,
    );
  });
  app.get('/static/:file', (c) => {
    const a = deps.assets.byUrl.get(c.req.path);
    if (!a) return notFoundHandler(c);
    // the name carries the content hash: it is the validator too (a revalidating browser gets a 304)
    const headers = { 'Content-Type': a.type, 'Cache-Control': 'public, max-age=31536000, immutable', ETag: `"${a.url.split('.').at(-2) ?? ''}"` };
    if (c.req.header('if-none-match') === headers.ETag) return c.body(null, 304, headers);
    return c.body(new Uint8Array(a.body), 200, headers);
  });
  app.get('/favicon.ico', (c) => c.redirect(deps.assets.url('favicon.svg'), 301));

  const limitBody = bodyLimit({
    maxSize: config.maxBodyBytes,
    onError: () => {
      throw new AppError(413, 'payload_too_large', `Dữ liệu gửi lên quá lớn (tối đa ${Math.round(config.maxBodyBytes / 1048576)} MB).`);
    },
  });
  // nobody signed in (login, the login form): a few KB, refused before a byte more is read (issue #20 item 3)
  const limitAnonymousBody = bodyLimit({
    maxSize: ANONYMOUS_BODY_BYTES,
    onError: () => {
      throw new AppError(413, 'payload_too_large', `Dữ liệu gửi lên quá lớn (tối đa ${ANONYMOUS_BODY_BYTES / 1024} KB khi chưa đăng nhập).`);
    },
  });
  app.use(authenticate);
  // GET and HEAD bodies are never read; asking for one (as bodyLimit does) builds a full Request per page view
  app.use((c, next) => (c.req.method === 'GET' || c.req.method === 'HEAD' ? next() : c.var.actor ? limitBody(c, next) : limitAnonymousBody(c, next)));
  app.use(csrfProtection);

  const api = new Hono<AppEnv>();
  api.get('/openapi.json', (c) => c.json(openapi));
  // each route refuses a missing caller (401) unless declared public, and reads only the body keys it declares
  api.route('/', mountRoutes(apiRoutes));
  app.route('/api/v1', api);

  const admin = new Hono<AppEnv>();
  admin.use(requirePageLogin);
  admin.use(unreadCount);
  for (const pages of adminPages) admin.route('/', pages);
  app.route('/quan-tri', admin);

  for (const pages of publicPages) app.route('/', pages);

  app.notFound(notFoundHandler);
  app.onError(errorHandler);
  return app;
}
