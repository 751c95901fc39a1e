/**
 * The sender of the e-mail outbox (issue #22), one in each instance that has a mail server
 * (`KHEO_SMTP_URL`): it claims the e-mails that are due (two senders never claim the same one),
 * renews the claim just before each one goes, sends it through SMTP with Nodemailer, and records
 * the answer apart from the sending (a database hiccup is not a refusal). A temporary refusal (4xx, the
 * server away) comes back later, 30 s, 1 min, 2 min … up to an hour apart, at most MAX_ATTEMPTS
 * times; a permanent one (5xx) is marked failed with the server's answer. A sender killed between
 * its claim and its answer leaves a claim that runs out after CLAIM_SECONDS: the e-mail goes again
 * (its Message-ID names the outbox row, so a receiving server can tell it was sent before). The
 * mail server being away delays e-mail and blocks nothing else: the changes that wrote the outbox
 * committed long before.
 */
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { Db } from '../../db/index.js';
import * as repo from './notices.repository.js';
import { CONFIRM_KIND, type MailOutboxRow } from './notices.table.js';
import { unsubscribePath } from './notices.unsubscribe.js';

const CLAIM_SECONDS = 120;
const BATCH = 40;
const CONNECTIONS = 4;
const STOP_SECONDS = 10;
export const MAX_ATTEMPTS = 8;

/** Seconds before the next attempt after `attempts` failed ones: 30, 60, 120 … at most an hour. */
export const retryAfterSeconds = (attempts: number): number => Math.min(3600, 30 * 2 ** Math.max(0, attempts - 1));

export interface MailerConfig {
  smtpUrl: string;
  mailFrom: string;
  publicUrl: string;
  mailIntervalMs: number;
}

export interface Mailer {
  /** Sends what is due now (one batch); what it did. */
  sendDue(now?: Date): Promise<{ sent: number; retried: number; failed: number }>;
  /** Sends what is due every `mailIntervalMs`, one round at a time. */
  start(): void;
  stop(): Promise<void>;
  readonly by: string;
}

const iso = (d: Date) => d.toISOString();

/**
 * The e-mail of an outbox row: its text, the link that opens the thing, and the footer with the
 * link that stops this kind of e-mail — also given as the List-Unsubscribe header with its
 * one-click POST (RFC 8058), which mail programs show as an "unsubscribe" button.
 */
function messageOf(m: MailOutboxRow, c: MailerConfig, unsubscribeKey: string) {
  const base = c.publicUrl.replace(/\/+$/, '');
  const link = `${base}${m.url}`;
  const common = { from: c.mailFrom, to: m.to_address, subject: m.subject.normalize('NFC'), messageId: `<kheo-${m.id}@${new URL(c.publicUrl).hostname}>` };
  // the confirmation of an address is asked for, once: nothing to stop
  if (m.kind === CONFIRM_KIND) return { ...common, text: `${m.body}\n\nXác nhận địa chỉ: ${link}\n\n—\nThư gửi tự động từ Khéo, vui lòng không trả lời thư này.\n`.normalize('NFC'), headers: { 'Auto-Submitted': 'auto-generated', 'X-Kheo-Kind': m.kind } as Record<string, string> };
  const stop = `${base}${unsubscribePath(unsubscribeKey, m.user_id, m.kind)}`;
  const what = m.kind === 'digest' ? 'bản tin hằng ngày' : 'thư loại này';
  const text = `${m.body}\n\nXem chi tiết: ${link}\n\n—\nThư gửi tự động từ Khéo, vui lòng không trả lời thư này.\nKhông muốn nhận ${what} nữa: ${stop}\nChọn cách nhận từng loại thông báo: ${base}/quan-tri/thong-bao/cach-nhan\n`.normalize('NFC');
  return { ...common, text, headers: { 'Auto-Submitted': 'auto-generated', 'X-Kheo-Kind': m.kind, 'List-Unsubscribe': `<${stop}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' } };
}

/** What the mail server said (or why it could not be reached), in one line. */
function answerOf(e: unknown): { permanent: boolean; text: string } {
  const x = e as { responseCode?: number; response?: string; code?: string; message?: string };
  const permanent = typeof x.responseCode === 'number' && x.responseCode >= 500 && x.responseCode < 600;
  const text = (x.response ?? `${x.code ? `${x.code}: ` : ''}${x.message ?? String(e)}`).replace(/\s+/g, ' ').slice(0, 500);
  return { permanent, text };
}

export function createMailer(db: Db, config: MailerConfig, opts: { by?: string; onError?: (err: unknown) => void } = {}): Mailer {
  // pooled connections: each SMTP session carries many e-mails, and CONNECTIONS go at once (an
  // e-mail waits on the server's answer, ~150 ms from a local smtp-server: one at a time is 7 a second)
  const transport = nodemailer.createTransport({ url: config.smtpUrl, pool: true, maxConnections: CONNECTIONS, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
  const by = opts.by ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();

  let key: string | undefined;
  async function sendDue(now = new Date()) {
    key ??= await repo.mailKey(db, 'unsubscribe');
    if (!key) throw new Error('mail_keys has no unsubscribe key (the migration makes it)');
    const unsubscribeKey = key;
    const rows = await db.transaction().execute((trx) => repo.claimMail(trx, { by, now: iso(now), until: iso(new Date(now.getTime() + CLAIM_SECONDS * 1000)), limit: BATCH }));
    const out = { sent: 0, retried: 0, failed: 0 };
    const one = async (m: MailOutboxRow) => {
      // the claim is renewed just before the e-mail goes: a batch that outlasts its first claim
      // (a slow server) is not taken over half-way, and one taken over is not sent here too
      if (!(await repo.renewClaim(db, m.id, by, iso(new Date(Date.now() + CLAIM_SECONDS * 1000))))) return;
      const attempts = m.attempts + 1;
      let answer: { permanent: boolean; text: string } | null = null;
      try {
        await transport.sendMail(messageOf(m, config, unsubscribeKey));
      } catch (e) {
        answer = answerOf(e);
      }
      // the answer is recorded apart from the sending: a database hiccup here must not read as a
      // refusal of the mail server (and send a delivered e-mail again)
      const settle = (patch: Parameters<typeof repo.settleMail>[3]) => settleWithRetry(() => repo.settleMail(db, m.id, by, patch));
      if (!answer) {
        await settle({ status: 'sent', attempts, sent_at: iso(new Date()), last_error: null });
        out.sent++;
      } else if (answer.permanent || attempts >= MAX_ATTEMPTS) {
        await settle({ status: 'failed', attempts, last_error: answer.text });
        out.failed++;
      } else {
        await settle({ status: 'waiting', attempts, due_at: iso(new Date(Date.now() + retryAfterSeconds(attempts) * 1000)), last_error: answer.text });
        out.retried++;
      }
    };
    /** A few tries, a second apart; then the error goes to onError and the claim is left to run out. */
    const settleWithRetry = async (write: () => Promise<void>) => {
      for (let i = 1; ; i++) {
        try {
          return await write();
        } catch (err) {
          if (i >= 3) return opts.onError?.(err);
          await new Promise((r) => setTimeout(r, 1000));
        }
      }
    };
    // CONNECTIONS e-mails on their way at once, each on its own pooled connection
    let next = 0;
    await Promise.all(Array.from({ length: Math.min(CONNECTIONS, rows.length) }, async () => {
      while (next < rows.length) await one(rows[next++]!);
    }));
    return out;
  }

  return {
    by,
    sendDue,
    start() {
      if (timer) return;
      let busy = false;
      timer = setInterval(() => {
        // a round that outlasts the interval is not joined by another
        if (busy) return;
        busy = true;
        running = sendDue()
          .catch((err: unknown) => opts.onError?.(err))
          .finally(() => (busy = false));
      }, config.mailIntervalMs);
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      // the round under way finishes, within STOP_SECONDS; then the connections close (a send in
      // flight fails, and its e-mail goes again once its claim runs out)
      let wait: NodeJS.Timeout | undefined;
      await Promise.race([running, new Promise((r) => (wait = setTimeout(r, STOP_SECONDS * 1000)))]);
      clearTimeout(wait);
      transport.close();
    },
  };
}
