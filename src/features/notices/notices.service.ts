/**
 * In-app notices: the outcome of what a user sent or did reaches them — a model accepted or
 * returned with the reason, a report returned or approved, an article published or returned, a
 * land-clearance step, plan or payment approved or refused. Written by the service that makes
 * the change, in its transaction; read on the notices page and counted in the admin header.
 * A base slice: any domain may write a notice; none reads another's.
 */
import type { Db, Tx } from '../../db/index.js';
import { AppError, conflict, fieldError, notFound } from '../../lib/errors.js';
import { todayVn } from '../../lib/vi.js';
import { authorize, systemActor, type Actor, type UserActor } from '../../policy/policy.js';
import { confirmPath, validConfirmation, validSignature } from './notices.unsubscribe.js';
import { audit } from '../audit/audit.service.js';
import { activeUserName, mailAddressOf, parseOwnEmail, rolesOf, setOwnEmail } from '../accounts/accounts.service.js';
import * as repo from './notices.repository.js';
import { CONFIRM_KIND, defaultMode, MAIL_STATUS_LABELS, NOTICE_KINDS, NOTICE_MODES, type MailStatus, type NoticeKind, type NoticeMode } from './notices.table.js';

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
 * Tells `to` (a user id, or the several people who must act) what `actor` did: a notice in the
 * admin, and — when the account has an address and its owner wants this kind at once — an e-mail
 * in the outbox, both in the transaction of the change, so neither is lost nor sent for a change
 * that rolled back. Nobody is told of their own action, and a record no user sent (imported, or
 * sent by the system) tells nobody. A `ref` makes it once only per person (a reminder for one
 * thing at one stage): written again, it is skipped. Gives how many were told.
 */
export async function notify(trx: Tx, actor: Actor, n: { to: number | readonly number[] | null | undefined; kind: NoticeKind; title: string; body?: string | null; url: string; ref?: string }): Promise<number> {
  const to = [...new Set(typeof n.to === 'number' ? [n.to] : (n.to ?? []))].filter((id) => id && !(actor.kind === 'user' && actor.userId === id));
  let told = 0;
  for (const userId of to) {
    const at = new Date().toISOString();
    const fresh = await repo.insertNotice(trx, {
      user_id: userId,
      kind: n.kind,
      title: n.title.normalize('NFC'),
      body: n.body?.normalize('NFC') ?? null,
      url: n.url,
      from_name: actor.kind === 'user' ? `${actor.fullName} (${actor.unitName})` : null,
      created_at: at,
      read_at: null,
      ref: n.ref ?? null,
    });
    if (!fresh) continue;
    told++;
    const mailTo = await mailAddressOf(trx, userId);
    if (!mailTo || (await modeOf(trx, userId, n.kind)) !== 'now') continue;
    // a household's record (codes, amounts) stays in Khéo: its e-mail says only what kind of thing happened, and the link opens it where the reader's rights apply
    const m = n.kind.startsWith('clearance.') ? { kind: n.kind, title: `${NOTICE_KINDS[n.kind]} — hồ sơ giải phóng mặt bằng`, body: 'Nội dung chi tiết xem trong Khéo (cần đăng nhập).' } : n;
    await repo.insertMail(trx, { user_id: userId, to_address: mailTo.address, kind: n.kind, subject: m.title, body: mailBody(mailTo.name, actor, m), url: n.url, status: 'waiting', created_at: at, due_at: at, claimed_by: null, claimed_until: null, sent_at: null, last_error: null, ref: null });
  }
  return told;
}

/** How a user wants the e-mail of one kind: their choice, or the default of their roles. */
async function modeOf(db: Db, userId: number, kind: NoticeKind): Promise<NoticeMode> {
  const chosen = (await repo.prefsOf(db, userId)).find((p) => p.kind === kind);
  if (chosen) return chosen.mode;
  return defaultMode(kind, (await rolesOf(db, [userId])).get(userId) ?? []);
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

/**
 * For a loader of past records into an empty installation (the demo): what its changes told people
 * is history, not news — the notices are read as of their day and no e-mail goes.
 */
export async function settleHistory(trx: Tx, actor: Actor): Promise<void> {
  authorize(actor, 'settings.update', { unitPath: '/', entityType: 'notices' });
  await repo.settleAll(trx);
}

// ---------------------------------------------------------------- choices and unsubscribing

interface NoticeChoice {
  kind: NoticeKind;
  label: string;
  mode: NoticeMode;
  /** the default of the person's roles, used while they have not chosen */
  byDefault: NoticeMode;
  chosen: boolean;
}

/** One's choice for every kind of notice: e-mail at once, in the daily digest, or none (the notice always shows in Khéo). */
export async function noticeChoices(db: Db, actor: UserActor): Promise<{ hasAddress: boolean; choices: NoticeChoice[] }> {
  const [prefs, address] = await Promise.all([repo.prefsOf(db, actor.userId), mailAddressOf(db, actor.userId)]);
  const chosen = new Map(prefs.map((p) => [p.kind, p.mode]));
  const choices = (Object.keys(NOTICE_KINDS) as NoticeKind[]).map((kind) => {
    const byDefault = defaultMode(kind, actor.roles);
    const mine = chosen.get(kind);
    return { kind, label: NOTICE_KINDS[kind], mode: mine ?? byDefault, byDefault, chosen: mine !== undefined };
  });
  return { hasAddress: address !== null, choices };
}

/** Sets one's choices: `{ "model.submitted": "now" | "digest" | "off" | "default", … }`; a kind or mode that does not exist answers 422 naming it. */
export async function setNoticeChoices(trx: Tx, actor: UserActor, input: unknown): Promise<void> {
  if (!input || typeof input !== 'object' || Array.isArray(input)) throw fieldError('choices', 'Cần một bảng: loại thông báo → cách nhận (now, digest, off hoặc default).');
  for (const [kind, mode] of Object.entries(input)) {
    if (!Object.hasOwn(NOTICE_KINDS, kind)) throw fieldError(kind, `Không có loại thông báo "${kind}".`);
    if (typeof mode !== 'string' || !(mode === 'default' || Object.hasOwn(NOTICE_MODES, mode))) throw fieldError(kind, `${NOTICE_KINDS[kind as NoticeKind]}: cách nhận phải là một trong: now (gửi thư ngay), digest (bản tin hằng ngày), off (không gửi thư), default (theo mặc định).`);
  }
  for (const [kind, mode] of Object.entries(input as Record<string, string>)) await repo.setPref(trx, actor.userId, kind, mode === 'default' ? null : (mode as NoticeMode));
  await audit(trx, actor, { action: 'notice.choices', entityType: 'user', entityId: actor.userId, after: input });
}

const unsubscribeKey = async (db: Db): Promise<string> => {
  const key = await repo.mailKey(db, 'unsubscribe');
  if (!key) throw new Error('mail_keys has no unsubscribe key (the migration makes it)');
  return key;
};

type UnsubscribeQuery = { u?: string | undefined; k?: string | undefined; s?: string | undefined };

/** Whom and what a signed unsubscribe link names; a link not signed by this installation (or of no active account) answers 404. */
async function linkTarget(db: Db, q: UnsubscribeQuery): Promise<{ userId: number; kind: NoticeKind | 'digest'; name: string; label: string }> {
  const userId = Number(q.u);
  const kind = q.k ?? '';
  const known = kind === 'digest' || Object.hasOwn(NOTICE_KINDS, kind);
  const bad = () => notFound('Liên kết huỷ nhận thư không đúng hoặc đã bị sửa.');
  if (!/^[1-9]\d{0,15}$/.test(q.u ?? '') || !known || !q.s || !validSignature(await unsubscribeKey(db), userId, kind, q.s)) throw bad();
  const to = await mailAddressOf(db, userId);
  if (!to) throw bad();
  return { userId, kind: kind as NoticeKind | 'digest', name: to.name, label: kind === 'digest' ? 'Bản tin hằng ngày' : NOTICE_KINDS[kind as NoticeKind] };
}

/** What an unsubscribe link would stop, for its confirmation page (nothing changes). */
export const unsubscribeTarget = async (db: Db, q: UnsubscribeQuery): Promise<{ name: string; label: string }> => {
  const t = await linkTarget(db, q);
  return { name: t.name, label: t.label };
};

/**
 * Stops one kind of e-mail for the person a signed link names (the one-click unsubscribe of every
 * e-mail): that kind becomes "no e-mail"; the daily digest's link stops every kind that went to
 * the digest. A link not signed by this installation answers 404 and changes nothing.
 */
export async function unsubscribe(trx: Tx, q: UnsubscribeQuery): Promise<{ name: string; label: string }> {
  const t = await linkTarget(trx, q);
  const roles = (await rolesOf(trx, [t.userId])).get(t.userId) ?? [];
  const prefs = new Map((await repo.prefsOf(trx, t.userId)).map((p) => [p.kind, p.mode]));
  const kinds = t.kind === 'digest' ? (Object.keys(NOTICE_KINDS) as NoticeKind[]).filter((k) => (prefs.get(k) ?? defaultMode(k, roles)) === 'digest') : [t.kind];
  for (const k of kinds) await repo.setPref(trx, t.userId, k, 'off');
  await audit(trx, systemActor('liên kết huỷ nhận thư'), { action: 'notice.unsubscribe', entityType: 'user', entityId: t.userId, after: { kinds } });
  return { name: t.name, label: t.label };
}

// ---------------------------------------------------------------- one's own address

/** How long the link that confirms an address stays good. */
const CONFIRM_HOURS = 48;
/** How many confirmation e-mails a user may have sent in a day (each goes to an address nobody has confirmed yet). */
const CONFIRM_PER_DAY = 5;

/**
 * Sets one's own address — an address a user sets is used only once they confirm it: an e-mail
 * goes to it with a signed link, good for CONFIRM_HOURS; until then e-mail goes where it went.
 * An empty address stops e-mail at once. Bad input answers 422 naming the field.
 */
export async function requestOwnAddress(trx: Tx, actor: UserActor, input: unknown): Promise<{ pending: string | null; current: string | null }> {
  const email = parseOwnEmail(input);
  const current = (await mailAddressOf(trx, actor.userId))?.address ?? null;
  if (email === null || email === current) {
    // a link sent earlier stops working: the address is what the person just said
    await repo.dropAddressRequest(trx, actor.userId);
    if (email === null && current !== null) await setOwnEmail(trx, actor.userId, null);
    return { pending: null, current: email };
  }
  const today = todayVn();
  const asked = await repo.addressRequestOf(trx, actor.userId);
  const count = asked?.requested_on === today ? asked.requests : 0;
  if (count >= CONFIRM_PER_DAY) throw new AppError(429, 'too_many_requests', `Thư điện tử: hôm nay đã gửi ${CONFIRM_PER_DAY} thư xác nhận địa chỉ — hãy mở liên kết trong thư đã nhận, hoặc thử lại vào ngày mai.`);
  const expires = Math.floor(Date.now() / 1000) + CONFIRM_HOURS * 3600;
  // one address waits at a time: a new one replaces the last, whose link stops working
  await repo.putAddressRequest(trx, { user_id: actor.userId, address: email, expires_at: String(expires), requested_on: today, requests: count + 1 });
  const url = confirmPath(await unsubscribeKey(trx), actor.userId, email, expires);
  const at = new Date().toISOString();
  const body = [`Kính gửi đồng chí ${actor.fullName},`, '', `Đồng chí vừa đặt ${email} làm địa chỉ nhận thông báo của Khéo (tài khoản ${actor.username}, ${actor.unitName}).`, `Để xác nhận, hãy mở liên kết dưới đây trong ${CONFIRM_HOURS} giờ tới. Trước khi xác nhận, Khéo chưa gửi thông báo nào tới địa chỉ này.`, '', 'Nếu không phải đồng chí yêu cầu, hãy bỏ qua thư này.'].join('\n');
  await repo.insertMail(trx, { user_id: actor.userId, to_address: email, kind: CONFIRM_KIND, subject: 'Xác nhận địa chỉ thư điện tử nhận thông báo của Khéo', body: body.normalize('NFC'), url, status: 'waiting', created_at: at, due_at: at, claimed_by: null, claimed_until: null, sent_at: null, last_error: null, ref: null });
  await audit(trx, actor, { action: 'user.email.request', entityType: 'user', entityId: actor.username, after: { email } });
  return { pending: email, current };
}

/** The address a user asked for and has not confirmed yet (while its link is good), or null. */
export async function pendingAddress(db: Db, userId: number, now = Date.now()): Promise<string | null> {
  const r = await repo.addressRequestOf(db, userId);
  return r?.address && Number(r.expires_at) * 1000 > now ? r.address : null;
}

type ConfirmQuery = { u?: string | undefined; a?: string | undefined; e?: string | undefined; s?: string | undefined };

/** Whom and which address a confirmation link names; 404 when not signed here, 410 when it ran out. */
async function confirmation(db: Db, q: ConfirmQuery, now = Date.now()): Promise<{ userId: number; address: string; name: string }> {
  const bad = () => notFound('Liên kết xác nhận không đúng hoặc đã bị sửa.');
  if (!/^[1-9]\d{0,15}$/.test(q.u ?? '') || !/^\d{1,12}$/.test(q.e ?? '') || !q.a || !q.s) throw bad();
  const userId = Number(q.u);
  const expires = Number(q.e);
  if (!validConfirmation(await unsubscribeKey(db), userId, q.a, expires, q.s)) throw bad();
  // only the address last asked for, by its own link: an older link (replaced, confirmed, or given up) is spent
  const asked = await repo.addressRequestOf(db, userId);
  if (!asked || asked.address !== q.a || asked.expires_at !== String(expires)) throw notFound('Liên kết xác nhận này không còn dùng được: địa chỉ đã được xác nhận, hoặc đồng chí đã đặt địa chỉ khác sau đó.');
  if (expires * 1000 < now) throw notFound(`Liên kết xác nhận đã hết hạn (sau ${CONFIRM_HOURS} giờ). Hãy đặt lại địa chỉ ở trang Cách nhận thông báo để nhận liên kết mới.`);
  const u = await activeUserName(db, userId);
  if (!u) throw bad();
  return { userId, address: q.a, name: u };
}

/** What a confirmation link would set, for its page (nothing changes). */
export const confirmationTarget = async (db: Db, q: ConfirmQuery): Promise<{ name: string; address: string }> => {
  const c = await confirmation(db, q);
  return { name: c.name, address: c.address };
};

/** Confirms an address by its signed link: from now on the person's e-mail goes there. */
export async function confirmOwnAddress(trx: Tx, q: ConfirmQuery): Promise<{ name: string; address: string }> {
  const c = await confirmation(trx, q);
  await setOwnEmail(trx, c.userId, c.address);
  await repo.dropAddressRequest(trx, c.userId);
  return { name: c.name, address: c.address };
}

// ---------------------------------------------------------------- the daily digest

/** How many of the newest notices a digest lists. */
const DIGEST_NOTICES = 30;

/**
 * The kinds a user gets in the digest, and what of those kinds they have not read since the last
 * digest (a first digest: the last 24 hours): how many, and the newest DIGEST_NOTICES of them.
 */
export async function digestNotices(db: Db, actor: UserActor, now = new Date()): Promise<{ kinds: NoticeKind[]; total: number; notices: Notice[] }> {
  const prefs = new Map((await repo.prefsOf(db, actor.userId)).map((p) => [p.kind, p.mode]));
  const kinds = (Object.keys(NOTICE_KINDS) as NoticeKind[]).filter((k) => (prefs.get(k) ?? defaultMode(k, actor.roles)) === 'digest');
  const since = (await repo.lastDigestAt(db, actor.userId)) ?? new Date(now.getTime() - 86_400_000).toISOString();
  const { total, rows } = await repo.unreadSince(db, actor.userId, kinds, since, DIGEST_NOTICES);
  return { kinds, total, notices: rows.map(present) };
}

/** Queues one day's digest e-mail for a user (once: a second one for the same day is skipped); whether it was queued. */
export async function queueDigest(trx: Tx, actor: UserActor, d: { day: string; subject: string; body: string; url: string }): Promise<boolean> {
  const mailTo = await mailAddressOf(trx, actor.userId);
  if (!mailTo) return false;
  const at = new Date().toISOString();
  return repo.insertMail(trx, { user_id: actor.userId, to_address: mailTo.address, kind: 'digest', subject: d.subject.normalize('NFC'), body: d.body.normalize('NFC'), url: d.url, status: 'waiting', created_at: at, due_at: at, claimed_by: null, claimed_until: null, sent_at: null, last_error: null, ref: `digest:${d.day}` });
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
    kindLabel: r.kind === 'digest' ? 'Bản tin hằng ngày' : r.kind === CONFIRM_KIND ? 'Xác nhận địa chỉ' : (NOTICE_KINDS[r.kind as NoticeKind] ?? r.kind),
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

/*
 * The slice's public surface for other slices: the kinds of notice, and the readers above.
 */
export type { NoticeKind } from './notices.table.js';
