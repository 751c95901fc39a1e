/**
 * Reminders and the daily digest (issue #22): once a day, at the digest hour (Hà Nội time), every
 * active user's "Việc của tôi" is read, and what has a date tells them — a report, a step, a
 * complaint or a conclusion due within REMIND_DAYS, or overdue (on its first day overdue and then
 * once a week), an appraisal round closing for someone who has not scored all its models. Each reminder is a
 * notice with a reference (the thing and its stage), so it is written once however many times the
 * sweep runs, in one instance or several. Then each person who takes some kinds in the digest gets
 * one e-mail: what waits on them, and their notices of those kinds since the last digest.
 * A composer: it reads "Việc của tôi" and writes through the notices slice.
 */
import { createHash } from 'node:crypto';
import type { Db } from '../../db/index.js';
import { daysBetween, formatDate, formatDateTime, formatNumber, todayVn } from '../../lib/vi.js';
import { systemActor, type UserActor } from '../../policy/policy.js';
import { activeActors } from '../accounts/accounts.service.js';
import { digestNotices, notify, queueDigest, type NoticeKind } from '../notices/notices.service.js';
import { dailyDigest, digestLines } from './digest.service.js';
import { workOf, type WorkItem, type WorkKind } from './work.service.js';

/** How many days ahead a due date is announced. */
export const REMIND_DAYS = 3;

/** The kinds of "Việc của tôi" that have reminders, and the kind of notice each makes. */
const REMINDED: Partial<Record<WorkKind, NoticeKind>> = {
  'report.submit': 'report.due',
  'clearance.due': 'clearance.due',
  'clearance.complaint': 'clearance.due',
  'conclusion': 'conclusion.due',
  'appraisal.score': 'appraisal.score',
};

/**
 * The stage of a due date on `today`: due within REMIND_DAYS ("soon"), overdue in its first week
 * ("overdue-0"), its second ("overdue-1")… — one reminder per stage, so at most one a day and,
 * once overdue, one a week. Null: nothing to say yet.
 */
export function reminderStage(dueOn: string, today: string): { stage: string; text: string } | null {
  const left = daysBetween(today, dueOn);
  if (left > REMIND_DAYS) return null;
  if (left >= 0) return { stage: 'soon', text: left === 0 ? `đến hạn hôm nay (${formatDate(dueOn)})` : `còn ${left} ngày, hạn ${formatDate(dueOn)}` };
  const late = -left;
  return { stage: `overdue-${Math.floor((late - 1) / 7)}`, text: `quá hạn ${formatNumber(late)} ngày (hạn ${formatDate(dueOn)})` };
}

/**
 * What a reminder is about, as a short key: the thing (its link, and for the kinds whose link is
 * shared — a meeting's conclusions, a project's steps — its title) and its due date. A report's
 * and an appraisal round's titles change with their state ("đã lưu nháp", "còn 3/5 mô hình"),
 * so their link alone names them. Hashed: a conclusion's text may be long.
 */
function subjectOf(i: WorkItem): string {
  const id = i.kind === 'report.submit' || i.kind === 'appraisal.score' ? i.url : `${i.url}\n${i.title}`;
  return createHash('sha256').update(`${id}\n${i.dueOn ?? ''}`).digest('base64url').slice(0, 22);
}

/** The reminders one item of "Việc của tôi" makes today, each with its reference. */
function remindersOf(i: WorkItem, today: string): { kind: NoticeKind; ref: string; title: string }[] {
  const kind = REMINDED[i.kind];
  if (!kind) return [];
  const out: { kind: NoticeKind; ref: string; title: string }[] = [];
  const key = subjectOf(i);
  const st = i.dueOn ? reminderStage(i.dueOn, today) : null;
  if (st) out.push({ kind, ref: `${kind}:${st.stage}:${key}`, title: `${i.title} — ${st.text}` });
  return out;
}

interface SweepResult {
  users: number;
  /** people whose sweep failed (their reminders come at the next one) */
  failed: number;
  reminders: number;
  digests: number;
}

/**
 * Writes today's reminders for every active user, and (when `digest`) queues the day's digest
 * e-mail of those who take some kinds in it and have something to read. Safe to run again, and
 * in two instances at once: what was written is skipped.
 */
export async function sweepReminders(db: Db, opts: { now?: Date; digest: boolean; onError?: (err: unknown, username: string) => void }): Promise<SweepResult> {
  const now = opts.now ?? new Date();
  const today = todayVn(now);
  const out: SweepResult = { users: 0, failed: 0, reminders: 0, digests: 0 };
  const by = systemActor('nhắc việc');
  for (const actor of await activeActors(db)) {
    // one person's trouble (odd data, a statement timing out) leaves the others theirs
    try {
      const w = await workOf(db, actor);
      await db.transaction().execute(async (trx) => {
        for (const item of w.items) for (const r of remindersOf(item, today)) out.reminders += await notify(trx, by, { to: actor.userId, kind: r.kind, title: r.title, url: item.url, ref: r.ref });
        if (!opts.digest) return;
        const d = await digestFor(trx, actor, w, today);
        if (d && (await queueDigest(trx, actor, d))) out.digests++;
      });
      out.users++;
    } catch (err) {
      out.failed++;
      opts.onError?.(err, actor.username);
    }
  }
  return out;
}

/**
 * The digest e-mail of one user for `day`: the printable digest's account of the day, then their
 * unread notices of the kinds they take in the digest; null when they take no kind in it or there
 * is nothing late, due that day or new.
 */
async function digestFor(db: Db, actor: UserActor, w: Awaited<ReturnType<typeof workOf>>, day: string): Promise<{ day: string; subject: string; body: string; url: string } | null> {
  const { kinds, total, notices } = await digestNotices(db, actor);
  if (!kinds.length) return null;
  const d = await dailyDigest(db, actor, day, w);
  if (!notices.length && !d.overdue && !d.dueToday.length) return null;
  const lines = [`Kính gửi đồng chí ${actor.fullName},`, '', `Bản tin ngày ${formatDate(day)} của Khéo.`, '', ...digestLines(d)];
  if (notices.length) {
    lines.push('', total > notices.length ? `THÔNG BÁO MỚI CHƯA ĐỌC: ${formatNumber(total)}; ${formatNumber(notices.length)} thông báo mới nhất:` : `THÔNG BÁO MỚI CHƯA ĐỌC (${formatNumber(total)}):`);
    // a land-clearance notice is counted by its kind only: a household's record stays in Khéo
    const clearance = new Map<string, number>();
    for (const n of notices) {
      if (n.kind.startsWith('clearance.')) clearance.set(n.kindLabel, (clearance.get(n.kindLabel) ?? 0) + 1);
      else lines.push(`- ${formatDateTime(n.createdAt)} · ${n.kindLabel}: ${n.title}`);
    }
    for (const [label, count] of clearance) lines.push(`- ${label}: ${formatNumber(count)} hồ sơ giải phóng mặt bằng (xem trong Khéo)`);
  }
  return { day, subject: `Bản tin Khéo ngày ${formatDate(day)}: ${formatNumber(d.count)} việc đang chờ${d.overdue ? `, ${formatNumber(d.overdue)} quá hạn` : ''}`, body: lines.join('\n'), url: `/quan-tri/viec-cua-toi/ban-tin?ngay=${encodeURIComponent(formatDate(day))}` };
}

/** Hà Nội's hour of the day (UTC+7, no summer time). */
export const vnHour = (now: Date): number => (now.getUTCHours() + 7) % 24;

interface Reminders {
  /** Runs the day's sweep when the digest hour has come and it has not run today in this instance. */
  tick(now?: Date): Promise<SweepResult | null>;
  start(): void;
  stop(): Promise<void>;
}

/** The daily sweep of one instance: looks every `intervalMs` whether the day's sweep is due. */
export function createReminders(db: Db, config: { digestHour: number; digest: boolean; intervalMs?: number }, opts: { onError?: (err: unknown) => void } = {}): Reminders {
  let lastDay: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  async function tick(now = new Date()) {
    const today = todayVn(now);
    if (lastDay === today || vnHour(now) < config.digestHour) return null;
    const r = await sweepReminders(db, { now, digest: config.digest, onError: (err, username) => opts.onError?.(Object.assign(err instanceof Error ? err : new Error(String(err)), { username })) });
    lastDay = today;
    return r;
  }
  return {
    tick,
    start() {
      if (timer) return;
      let busy = false;
      const run = () => {
        if (busy) return;
        busy = true;
        running = tick()
          .catch((err: unknown) => opts.onError?.(err))
          .finally(() => (busy = false));
      };
      timer = setInterval(run, config.intervalMs ?? 10 * 60_000);
      timer.unref();
      setTimeout(run, 5_000).unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      // the sweep under way ends within 10 s, or is left (what it wrote is committed per user)
      let wait: NodeJS.Timeout | undefined;
      await Promise.race([running, new Promise((r) => (wait = setTimeout(r, 10_000)))]);
      clearTimeout(wait);
    },
  };
}
