/**
 * In-app notices: the outcome of what a user sent or did reaches them — a model accepted or
 * returned with the reason, a report returned or approved, an article published or returned, a
 * land-clearance step, plan or payment approved or refused. Written by the service that makes
 * the change, in its transaction; read on the notices page and counted in the admin header.
 * A base slice: any domain may write a notice; none reads another's.
 */
import type { Db, Tx } from '../../db/index.js';
import { notFound } from '../../lib/errors.js';
import type { Actor, UserActor } from '../../policy/policy.js';
import * as repo from './notices.repository.js';
import { NOTICE_KINDS, type NoticeKind } from './notices.table.js';

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
 * Tells `to` (a user id) what `actor` did. Nobody is told of their own action, and a record no
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
