/**
 * In-app notices: the outcome of what a user sent or did reaches them — a model accepted or
 * returned with the reason, a report returned or approved, an article published or returned, a
 * land-clearance step, plan or payment approved or refused. Written by the service that makes
 * the change, in its transaction; read on the notices page and counted in the admin header.
 * A base slice: any domain may write a notice; none reads another's.
 */
import type { Db, Tx } from '../../db/index.js';
import { conflict, notFound } from '../../lib/errors.js';
import { authorize, type Actor, type UserActor } from '../../policy/policy.js';
import { audit } from '../audit/audit.service.js';
import { mailAddressOf } from '../accounts/accounts.service.js';
import * as repo from './notices.repository.js';
import { MAIL_STATUS_LABELS, NOTICE_KINDS, type MailStatus, type NoticeKind } from './notices.table.js';

interface Notice {
  id: number;
  kind: NoticeKind;
  kindLabel: string;
  title: string;
  body: string | null;
  url: string;
  from: string | null;
  createdAt: string;
  read: boolean;
}

/**
 * Tells `to` (a user id) what `actor` did: a notice in the admin, and an e-mail in the outbox
 * when the account has an address — both in the transaction of the change, so neither is lost
 * nor sent for a change that rolled back. Nobody is told of their own action, and a record no
 * user sent (imported, or sent by the system) tells nobody.
 */
export async function notify(trx: Tx, actor: Actor, n: { to: number | null | undefined; kind: NoticeKind; title: string; body?: string | null; url: string }): Promise<void> {
  if (!n.to) return;
  if (actor.kind === 'user' && actor.userId === n.to) return;
  await repo.insertNotice(trx, {
    user_id: n.to,
    kind: n.kind,
    title: n.title,
    body: n.body ?? null,
    url: n.url,
    from_name: actor.kind === 'user' ? `${actor.fullName} (${actor.unitName})` : null,
    created_at: new Date().toISOString(),
    read_at: null,
  });
  const mailTo = await mailAddressOf(trx, n.to);
  if (mailTo) {
    const at = new Date().toISOString();
    // a household's record (codes, amounts) stays in Khéo: its e-mail says only what kind of thing happened, and the link opens it where the reader's rights apply
    const m = n.kind.startsWith('clearance.') ? { kind: n.kind, title: `${NOTICE_KINDS[n.kind]} — hồ sơ giải phóng mặt bằng bạn gửi`, body: 'Nội dung chi tiết xem trong Khéo (cần đăng nhập).' } : n;
    await repo.insertMail(trx, { user_id: n.to, to_address: mailTo.address, kind: n.kind, subject: m.title, body: mailBody(mailTo.name, actor, m), url: n.url, status: 'waiting', created_at: at, due_at: at, claimed_by: null, claimed_until: null, sent_at: null, last_error: null });
  }
}

/** The text of a notice's e-mail (the sender adds the link and the footer): whom, what, who did it. */
function mailBody(name: string, actor: Actor, n: { kind: NoticeKind; title: string; body?: string | null }): string {
  const by = actor.kind === 'user' ? `${actor.fullName} (${actor.unitName})` : null;
  return [`Kính gửi đồng chí ${name},`, '', `${n.title}.`, ...(n.body ? ['', n.body] : []), ...(by ? ['', `Người thực hiện: ${by}.`] : [])].join('\n').normalize('NFC');
}

const present = (r: repo.NoticeRowOut): Notice => ({
  id: r.id,
  kind: r.kind as NoticeKind,
  kindLabel: NOTICE_KINDS[r.kind as NoticeKind] ?? r.kind,
  title: r.title,
  body: r.body,
  url: r.url,
  from: r.from_name,
  createdAt: r.created_at,
  read: r.read_at !== null,
});

const NOTICES_PAGE = 30;

export async function myNotices(db: Db, actor: UserActor, page = 1): Promise<{ items: Notice[]; total: number; unread: number; page: number; pageSize: number }> {
  const [rows, total, unread] = await Promise.all([repo.listNotices(db, actor.userId, NOTICES_PAGE, (page - 1) * NOTICES_PAGE), repo.countNotices(db, actor.userId), repo.countUnread(db, actor.userId)]);
  return { items: rows.map(present), total, unread, page, pageSize: NOTICES_PAGE };
}

export const unreadNotices = (db: Db, actor: UserActor): Promise<number> => repo.countUnread(db, actor.userId);

/** Opens one of one's own notices: marks it read and gives where it leads. Another's answers 404. */
export async function openNotice(trx: Tx, actor: UserActor, id: number): Promise<Notice> {
  const row = await repo.findNotice(trx, id, actor.userId);
  if (!row) throw notFound('Không tìm thấy thông báo.');
  await repo.markRead(trx, actor.userId, [id], new Date().toISOString());
  return present({ ...row, read_at: row.read_at ?? 'now' });
}

/** Marks some (or all) of one's own notices read. */
export async function markNoticesRead(trx: Tx, actor: UserActor, ids: readonly number[] | 'all'): Promise<{ unread: number }> {
  await repo.markRead(trx, actor.userId, ids, new Date().toISOString());
  return { unread: await repo.countUnread(trx, actor.userId) };
}

// ---------------------------------------------------------------- the e-mail outbox (admins)

const OUTBOX_PAGE = 50;

interface OutboxLine {
  id: number;
  to: string;
  kind: string;
  kindLabel: string;
  subject: string;
  status: MailStatus;
  statusLabel: string;
  attempts: number;
  createdAt: string;
  dueAt: string;
  sentAt: string | null;
  lastError: string | null;
}

/** The outbox as the installation's admins see it: how many e-mails wait, went, failed; the latest ones. */
export async function outbox(db: Db, actor: Actor, q: { status?: MailStatus | undefined; page?: number }) {
  authorize(actor, 'audit.read', { unitPath: '/', entityType: 'mail_outbox' });
  const page = q.page ?? 1;
  const [counts, rows] = await Promise.all([repo.countMail(db), repo.listMail(db, { status: q.status, limit: OUTBOX_PAGE, offset: (page - 1) * OUTBOX_PAGE })]);
  const items: OutboxLine[] = rows.map((r) => ({
    id: r.id,
    to: r.to_address,
    kind: r.kind,
    kindLabel: NOTICE_KINDS[r.kind as NoticeKind] ?? r.kind,
    subject: r.subject,
    status: r.status,
    statusLabel: MAIL_STATUS_LABELS[r.status] ?? r.status,
    attempts: r.attempts,
    createdAt: r.created_at,
    dueAt: r.due_at,
    sentAt: r.sent_at,
    lastError: r.last_error,
  }));
  return { counts, items, page, pageSize: OUTBOX_PAGE, total: q.status ? counts[q.status] : Object.values(counts).reduce((a, n) => a + n, 0) };
}

/** Sends a failed e-mail again (due now, its attempts counted afresh). */
export async function resendMail(trx: Tx, actor: Actor, id: number): Promise<void> {
  authorize(actor, 'settings.update', { unitPath: '/', entityType: 'mail_outbox', entityId: id });
  const m = await repo.findMail(trx, id);
  if (!m) throw notFound('Không tìm thấy thư này trong hộp thư đi.');
  if (!(await repo.requeueMail(trx, id, new Date().toISOString()))) throw conflict('Chỉ gửi lại được thư không gửi được.');
  await audit(trx, actor, { action: 'mail.resend', entityType: 'mail_outbox', entityId: id, before: { status: m.status, lastError: m.last_error } });
}
