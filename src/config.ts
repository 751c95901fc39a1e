/**
 * Configuration from the environment (and `.env` when present), parsed once with zod into a
 * typed Config. A bad value stops the start with a one-line Vietnamese message naming it.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const boolish = z
  .enum(['0', '1', 'true', 'false', 'yes', 'no', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

const minutes = (dflt: number) =>
  z.coerce.number().int().min(1).max(60 * 24 * 30).default(dflt);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  KHEO_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\/.+/, { message: 'phải có dạng postgres://người-dùng:mật-khẩu@máy:cổng/csdl' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  KHEO_DEMO: boolish,
  KHEO_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  KHEO_SESSION_IDLE_MINUTES: minutes(30),
  KHEO_SESSION_MAX_HOURS: z.coerce.number().int().min(1).max(24 * 30).default(12),
  KHEO_TRUST_PROXY: boolish,
  KHEO_PUBLIC_URL: z.string().url().optional().or(z.literal('').transform(() => undefined)),
  KHEO_MAX_BODY_MB: z.coerce.number().int().min(1).max(1024).default(60),
  KHEO_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(512).default(10),
  KHEO_ADMIN_PASSWORD: z.string().optional(),
  KHEO_SHUTDOWN_SECONDS: z.coerce.number().int().min(1).max(600).default(25),
  KHEO_HEADERS_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(15),
  KHEO_REQUEST_TIMEOUT_SECONDS: z.coerce.number().int().min(5).max(3600).default(300),
  KHEO_MAX_CONNECTIONS: z.coerce.number().int().min(10).max(1_000_000).default(2000),
  KHEO_SQLITE_SYNCHRONOUS: z.enum(['full', 'normal', 'FULL', 'NORMAL']).default('full').transform((v) => v.toLowerCase() as 'full' | 'normal'),
  KHEO_DB_CONNECT_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(120).default(5),
  KHEO_DB_STATEMENT_TIMEOUT_SECONDS: z.coerce.number().int().min(0).max(86_400).default(0),
  KHEO_DB_QUERY_TIMEOUT_SECONDS: z.coerce.number().int().min(0).max(86_400).default(30),
  KHEO_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\/[^/\s?#]+\/?(\?\S*)?$/i)
    .optional()
    .or(z.literal('').transform(() => undefined)),
  KHEO_MAIL_FROM: z.string().optional(),
  KHEO_MAIL_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
  KHEO_DIGEST_HOUR: z.coerce.number().int().min(0).max(23).default(7),
  KHEO_REMINDERS: z.enum(['0', '1', '']).optional().transform((v) => v !== '0'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  demo: boolean;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  session: { idleMinutes: number; maxHours: number };
  /** Trust X-Forwarded-For / X-Forwarded-Proto from a reverse proxy in front of us. */
  trustProxy: boolean;
  /** Public base URL when known (https:// turns on Secure cookies and HSTS). */
  publicUrl: string | undefined;
  maxBodyBytes: number;
  /** largest single uploaded file */
  maxUploadBytes: number;
  /** password for the demo's admin account; random (and printed once) when unset */
  adminPassword: string | undefined;
  /** how long a stopping server waits for requests in flight before closing their connections */
  shutdownMs: number;
  /** slow clients: the time a client has to send a request's headers, and the whole request */
  headersTimeoutMs: number;
  requestTimeoutMs: number;
  /** open connections at most; further ones are closed at once (the file descriptors stay ours) */
  maxConnections: number;
  /** SQLite's `synchronous`: `full` (a committed write survives a power cut) or `normal` (faster; may lose the last commits) */
  sqliteSynchronous: 'full' | 'normal';
  /**
   * PostgreSQL: how long a query waits for a connection (a new one's handshake, or a free one of
   * the pool) before the request is answered 503 — the bound on a request while the database is
   * away (issue #20). A server that is down refuses at once.
   */
  dbConnectTimeoutMs: number;
  /** PostgreSQL: the server's `statement_timeout` for Khéo's connections; 0: none */
  dbStatementTimeoutMs: number;
  /**
   * PostgreSQL: a statement without an answer after this long closes its connection and fails
   * (a frozen server, a cut network); 0: no bound. Migrations are not bounded.
   */
  dbQueryTimeoutMs: number;
  /**
   * E-mail (issue #22): the mail server (`smtp://user:pass@host:587`, `smtps://…:465`); unset,
   * no e-mail leaves (the outbox keeps what it would send, notices show in the admin).
   */
  smtpUrl: string | undefined;
  /** the sender of Khéo's e-mail: `Khéo <khong-tra-loi@example.vn>` */
  mailFrom: string;
  /** how often each instance's sender looks for e-mail to send */
  mailIntervalMs: number;
  /** the hour (Hà Nội time, 0–23) from which the day's reminders and digest are written */
  digestHour: number;
  /** the daily sweep of reminders runs in this instance (KHEO_REMINDERS=0 turns it off) */
  reminders: boolean;
}

export class ConfigError extends Error {}

const NAMES: Record<string, string> = {
  PORT: 'cổng phải là số nguyên từ 1 đến 65535',
  KHEO_DEMO: 'phải là 1 hoặc 0',
  KHEO_TRUST_PROXY: 'phải là 1 hoặc 0',
  KHEO_SESSION_IDLE_MINUTES: 'phải là số phút (số nguyên dương)',
  KHEO_SESSION_MAX_HOURS: 'phải là số giờ (số nguyên dương)',
  KHEO_MAX_BODY_MB: 'phải là số MB (số nguyên dương)',
  KHEO_MAX_UPLOAD_MB: 'phải là số MB (số nguyên dương)',
  KHEO_PUBLIC_URL: 'phải là một địa chỉ URL đầy đủ, ví dụ https://kheo.example.vn',
  KHEO_SHUTDOWN_SECONDS: 'phải là số giây từ 1 đến 600',
  KHEO_LOG_LEVEL: 'phải là một trong fatal, error, warn, info, debug, trace, silent',
  KHEO_HEADERS_TIMEOUT_SECONDS: 'phải là số giây từ 1 đến 600',
  KHEO_REQUEST_TIMEOUT_SECONDS: 'phải là số giây từ 5 đến 3600',
  KHEO_MAX_CONNECTIONS: 'phải là số nguyên từ 10 trở lên',
  KHEO_SQLITE_SYNCHRONOUS: 'phải là full hoặc normal',
  KHEO_DB_CONNECT_TIMEOUT_SECONDS: 'phải là số giây từ 1 đến 120',
  KHEO_DB_STATEMENT_TIMEOUT_SECONDS: 'phải là số giây từ 0 (không giới hạn) đến 86400',
  KHEO_DB_QUERY_TIMEOUT_SECONDS: 'phải là số giây từ 0 (không giới hạn) đến 86400',
  KHEO_SMTP_URL: 'phải có dạng smtp://người-dùng:mật-khẩu@máy:587 hoặc smtps://…:465',
  KHEO_MAIL_INTERVAL_SECONDS: 'phải là số giây từ 1 đến 3600',
  KHEO_DIGEST_HOUR: 'phải là giờ trong ngày, số nguyên từ 0 đến 23 (giờ Hà Nội)',
  KHEO_REMINDERS: 'phải là 1 hoặc 0',
};

/** Reads `.env` in the working directory into process.env (existing variables win). */
export function loadDotEnv(cwd = process.cwd()): void {
  const file = path.join(cwd, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}

/** Parses the environment; throws ConfigError with a one-line Vietnamese message. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = EnvSchema.safeParse(env);
  if (!r.success) {
    const iss = r.error.issues[0];
    const name = String(iss?.path[0] ?? '');
    const why = NAMES[name] ?? iss?.message ?? 'giá trị không hợp lệ';
    // a URL's user and password never reach a log
    const shown = (env[name] ?? '').replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1***@');
    throw new ConfigError(`Cấu hình sai: biến môi trường ${name}=${JSON.stringify(shown)} — ${why}.`);
  }
  const e = r.data;
  // an e-mail's link must open Khéo from outside: the address behind the proxy is not enough
  if (e.KHEO_SMTP_URL && !e.KHEO_PUBLIC_URL) throw new ConfigError('Cấu hình sai: có KHEO_SMTP_URL (gửi thư) nhưng thiếu KHEO_PUBLIC_URL — địa chỉ công khai của Khéo, ví dụ https://kheo.example.vn, để đặt liên kết trong thư.');
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir: path.resolve(e.KHEO_DATA_DIR),
    databaseUrl: e.DATABASE_URL,
    demo: e.KHEO_DEMO,
    logLevel: e.KHEO_LOG_LEVEL,
    session: { idleMinutes: e.KHEO_SESSION_IDLE_MINUTES, maxHours: e.KHEO_SESSION_MAX_HOURS },
    trustProxy: e.KHEO_TRUST_PROXY,
    publicUrl: e.KHEO_PUBLIC_URL,
    maxBodyBytes: e.KHEO_MAX_BODY_MB * 1024 * 1024,
    maxUploadBytes: e.KHEO_MAX_UPLOAD_MB * 1024 * 1024,
    adminPassword: e.KHEO_ADMIN_PASSWORD || undefined,
    shutdownMs: e.KHEO_SHUTDOWN_SECONDS * 1000,
    headersTimeoutMs: e.KHEO_HEADERS_TIMEOUT_SECONDS * 1000,
    requestTimeoutMs: Math.max(e.KHEO_REQUEST_TIMEOUT_SECONDS, e.KHEO_HEADERS_TIMEOUT_SECONDS) * 1000,
    maxConnections: e.KHEO_MAX_CONNECTIONS,
    sqliteSynchronous: e.KHEO_SQLITE_SYNCHRONOUS,
    dbConnectTimeoutMs: e.KHEO_DB_CONNECT_TIMEOUT_SECONDS * 1000,
    dbStatementTimeoutMs: e.KHEO_DB_STATEMENT_TIMEOUT_SECONDS * 1000,
    dbQueryTimeoutMs: e.KHEO_DB_QUERY_TIMEOUT_SECONDS * 1000,
    smtpUrl: e.KHEO_SMTP_URL,
    mailFrom: e.KHEO_MAIL_FROM || `Khéo <khong-tra-loi@${e.KHEO_PUBLIC_URL ? new URL(e.KHEO_PUBLIC_URL).hostname : 'localhost'}>`,
    mailIntervalMs: e.KHEO_MAIL_INTERVAL_SECONDS * 1000,
    digestHour: e.KHEO_DIGEST_HOUR,
    reminders: e.KHEO_REMINDERS,
  };
}
