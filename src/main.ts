/** Entry: loadConfig() → createDb() → migrate → (demo) → createApp() → listen. */
import { getRequestListener, type ServerType } from '@hono/node-server';
import { createServer } from 'node:http';
import { nodeHotPath } from './features/portal/portal.articles.js';
import pino from 'pino';
import { createApp, depsOf } from './app.js';
import { loadConfig, loadDotEnv, type Config } from './config.js';
import { createDb, type AppDb } from './db/index.js';
import { migrateToLatest } from './db/migrate.js';
import { ensureSearchIndex } from './features/search/search.rebuild.js';
import { purgeSessions } from './features/accounts/accounts.service.js';
import { isEmpty, loadDemo } from './features/demo/demo.service.js';

export interface Running {
  server: ServerType;
  db: AppDb;
  port: number;
  close(): Promise<void>;
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
  await migrateToLatest(db);
  // a database that held data before the search index existed gets its index once
  const indexed = await ensureSearchIndex(db.db);
  if (indexed && Object.values(indexed).some((n) => n > 0)) logger.info(indexed, 'đã lập chỉ mục tìm kiếm');
  if (config.demo && (await isEmpty(db.db))) {
    const r = await db.db.transaction().execute((trx) => loadDemo(trx, { adminPassword: config.adminPassword }));
    if (!config.adminPassword) announceDemo(r.adminUsername, r.adminPassword);
    else logger.info({ username: r.adminUsername }, 'đã nạp dữ liệu mẫu');
  }
  const app = createApp({ config, db, logger });
  // cached article pages are answered on the socket before the fetch adapter (see nodeHotPath)
  const hot = nodeHotPath(depsOf(app));
  const listener = getRequestListener(app.fetch);
  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = createServer((req, res) => {
      if (!hot(req, res)) void listener(req, res);
    });
    s.once('error', reject);
    s.listen(config.port, config.host, () => resolve(s));
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  logger.info({ url: `http://${config.host}:${port}/`, database: db.dialect, ms: Math.round(performance.now() - started) }, 'Khéo đã sẵn sàng');
  if (config.logLevel !== 'silent') process.stdout.write(`Khéo đang chạy: http://${config.host}:${port}/ — cổng thông tin; quản trị tại /quan-tri\n`);
  const timer = setInterval(() => void purgeSessions(db.db, config.session).catch(() => undefined), 10 * 60_000);
  timer.unref();
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      clearInterval(timer);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // idle keep-alive connections would hold close() open; busy ones finish their request first
        if ('closeIdleConnections' in server) server.closeIdleConnections();
      });
      // in-flight requests are done: write the views they counted, then close the database
      await depsOf(app).portal.views.stop().catch((err: unknown) => logger.error({ err }, 'không ghi được lượt xem khi dừng'));
      await db.close();
    })());
  return { server, db, port, close };
}

/** `kheo serve`: runs until SIGINT/SIGTERM, finishing in-flight requests before exit. */
export async function runServer(overrides: Partial<Pick<Config, 'port' | 'host'>> = {}): Promise<void> {
  loadDotEnv();
  const config = { ...loadConfig(), ...overrides };
  const running = await startServer(config);
  const stop = () => {
    void running.close().then(() => process.exit(0));
    setTimeout(() => process.exit(0), 10_000).unref();
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
