/** Entry: loadConfig() → createDb() → migrate → (demo) → createApp() → listen. */
import { getRequestListener, type ServerType } from '@hono/node-server';
import { createServer, type Server } from 'node:http';
import type { Hono } from 'hono';
import type { AppEnv } from './web/context.js';
import { badHostMessage, isValidHost, securityHeaderRecord } from './web/middleware.js';
import { nodeHotPath } from './features/portal/portal.articles.js';
import { createMailer } from './features/notices/notices.mailer.js';
import { createReminders } from './features/dashboard/reminders.service.js';
import pino from 'pino';
import { createApp, depsOf } from './app.js';
import { loadConfig, loadDotEnv, type Config } from './config.js';
import { createDb, type AppDb } from './db/index.js';
import { migrateToLatest } from './db/migrate.js';
import { lockStartup } from './db/dialect.js';
import { watchPortalVersion } from './features/settings/settings.version.js';
import { ensureSearchIndex } from './features/exchange/search.rebuild.js';
import { purgeSessions } from './features/accounts/accounts.service.js';
import { isEmpty, loadDemo } from './features/demo/demo.service.js';

export interface Running {
  server: ServerType;
  db: AppDb;
  port: number;
  logger: pino.Logger;
  close(): Promise<void>;
}

type ServerLimits = Pick<Config, 'headersTimeoutMs' | 'requestTimeoutMs' | 'maxConnections'>;

/**
 * The Node server in front of the app: the portal's hot path first (cached article pages answered
 * on the socket), then the fetch adapter. A request without a valid Host is refused here with a
 * 400 (HTTP/1.0 may leave it out; absolute links and the page cache are made from it). Slow
 * clients are bounded (issue #20): the headers must arrive within `headersTimeoutMs`, the whole
 * request within `requestTimeoutMs` (checked every second), and at most `maxConnections` are open
 * at once — a slowloris holding hundreds of sockets neither starves the others nor exhausts the
 * process's file descriptors when Khéo runs without nginx.
 */
export function createHttpServer(app: Hono<AppEnv>, limits: ServerLimits): { server: Server; stopping: boolean } {
  const hot = nodeHotPath(depsOf(app));
  const listener = getRequestListener(app.fetch);
  const state = {
    stopping: false,
    server: createServer({ headersTimeout: limits.headersTimeoutMs, requestTimeout: limits.requestTimeoutMs, connectionsCheckingInterval: 1000 }, (req, res) => {
      // stopping: answer, then close the connection (a proxy must not send it another request)
      if (state.stopping) res.shouldKeepAlive = false;
      if (!isValidHost(req.headers.host)) {
        const body = JSON.stringify({ error: { code: 'bad_host', message: badHostMessage } });
        res.writeHead(400, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(body), Connection: 'close', ...securityHeaderRecord(false) });
        res.end(body);
        return;
      }
      if (!hot(req, res)) void listener(req, res);
    }),
  };
  state.server.maxConnections = limits.maxConnections;
  return state;
}

/** Prints the demo admin's password once, in a box nobody can miss. */
function announceDemo(username: string, password: string): void {
  const lines = [
    'Đã nạp dữ liệu mẫu Quận Long Biên 2021.',
    `Tài khoản quản trị: ${username}`,
    `Mật khẩu:           ${password}`,
    'Mật khẩu chỉ hiện một lần này — hãy ghi lại hoặc đổi ngay sau khi đăng nhập.',
  ];
  const width = Math.max(...lines.map((l) => l.length)) + 2;
  process.stdout.write(`┌${'─'.repeat(width)}┐\n${lines.map((l) => `│ ${l.padEnd(width - 1)}│`).join('\n')}\n└${'─'.repeat(width)}┘\n`);
}

export async function startServer(config: Config): Promise<Running> {
  const logger = pino({ level: config.logLevel });
  const started = performance.now();
  const db = createDb(config);
  // start-up work (migrations, a first search index on a large database) may take long statements:
  // the bound on a statement's answer applies from the first request on
  const bound = db.pgQueryTimeout?.ms ?? 0;
  if (db.pgQueryTimeout) db.pgQueryTimeout.ms = 0;
  await migrateToLatest(db);
  // a database that held data before the search index existed gets its index once
  const indexed = await ensureSearchIndex(db.db);
  if (indexed && Object.values(indexed).some((n) => n > 0)) logger.info(indexed, 'đã lập chỉ mục tìm kiếm');
  if (config.demo && (await isEmpty(db.db))) {
    // instances starting together on one empty database: the first loads, the others wait and skip
    const r = await db.db.transaction().execute(async (trx) => {
      await lockStartup(trx);
      return (await isEmpty(trx)) ? loadDemo(trx, { adminPassword: config.adminPassword }) : null;
    });
    if (r && !config.adminPassword) announceDemo(r.adminUsername, r.adminPassword);
    else if (r) logger.info({ username: r.adminUsername }, 'đã nạp dữ liệu mẫu');
  }
  if (db.pgQueryTimeout) db.pgQueryTimeout.ms = bound;
  const app = createApp({ config, db, logger });
  const http = createHttpServer(app, config);
  const server = http.server;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ url: `http://${config.host}:${port}/`, database: db.dialect, ms: Math.round(performance.now() - started) }, 'Khéo đã sẵn sàng');
  if (config.logLevel !== 'silent') process.stdout.write(`Khéo đang chạy: http://${config.host}:${port}/ — cổng thông tin; quản trị tại /quan-tri\n`);
  const timer = setInterval(() => void purgeSessions(db.db, config.session).catch(() => undefined), 10 * 60_000);
  timer.unref();
  // a portal write on another instance makes this one's cached pages stale within a second
  const unwatch = watchPortalVersion(db.db);
  // the e-mail outbox's sender (issue #22): only with a mail server
  const mailer = config.smtpUrl && config.publicUrl ? createMailer(db.db, { smtpUrl: config.smtpUrl, mailFrom: config.mailFrom, publicUrl: config.publicUrl, mailIntervalMs: config.mailIntervalMs }, { onError: (err) => logger.warn({ err }, 'chưa gửi được thư') }) : null;
  mailer?.start();
  // the day's reminders and digest (issue #22): from the digest hour, once a day per instance;
  // what another instance wrote already is skipped (each reminder has its reference)
  const reminders = config.reminders ? createReminders(db.db, { digestHour: config.digestHour, digest: !!mailer }, { onError: (err) => logger.warn({ err }, 'chưa nhắc việc được') }) : null;
  reminders?.start();
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      http.stopping = true;
      // no new round of e-mail while the requests drain
      const remindersStopped = reminders?.stop();
      const mailerStopped = mailer?.stop().catch((err: unknown) => logger.error({ err }, 'lỗi khi dừng bộ gửi thư'));
      clearInterval(timer);
      unwatch();
      // stop accepting; requests in flight finish (their connections close once answered)
      const drained = new Promise<boolean>((resolve) => server.close(() => resolve(true)));
      server.closeIdleConnections();
      const idle = setInterval(() => server.closeIdleConnections(), 100);
      let grace: NodeJS.Timeout | undefined;
      const finished = await Promise.race([drained, new Promise<boolean>((resolve) => (grace = setTimeout(() => resolve(false), config.shutdownMs)))]);
      clearInterval(idle);
      clearTimeout(grace);
      if (!finished) {
        logger.warn({ seconds: config.shutdownMs / 1000 }, 'hết thời gian chờ các yêu cầu đang xử lý; đóng kết nối');
        server.closeAllConnections();
      }
      // write the views the requests counted (also after a timeout), then close the database
      await depsOf(app).portal.views.stop().catch((err: unknown) => logger.error({ err }, 'không ghi được lượt xem khi dừng'));
      await mailerStopped;
      await remindersStopped;
      await db.close();
    })());
  return { server, db, port, close, logger };
}

/** `kheo serve`: runs until SIGINT/SIGTERM, finishing in-flight requests before exit. */
export async function runServer(overrides: Partial<Pick<Config, 'port' | 'host'>> = {}): Promise<void> {
  loadDotEnv();
  const config = { ...loadConfig(), ...overrides };
  const running = await startServer(config);
  const stop = (signal: NodeJS.Signals) => {
    running.logger.info({ signal }, 'đang dừng: không nhận kết nối mới, chờ các yêu cầu đang xử lý');
    running.close().then(
      () => {
        running.logger.info('đã dừng');
        process.exit(0);
      },
      (err: unknown) => {
        running.logger.error({ err }, 'lỗi khi dừng');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
