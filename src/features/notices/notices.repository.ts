import type { Insertable } from 'kysely';
import type { Db, Tx } from '../../db/index.js';
import { claimsSkipLocked } from '../../db/dialect.js';
import type { MailOutboxRow, MailOutboxTable, MailStatus, NoticeMode, NoticeRow, NoticeTable } from './notices.table.js';

/** Writes a notice; false when one with the same reference was already written for its user (nothing is written). */
export async function insertNotice(db: Db, row: Insertable<NoticeTable>): Promise<boolean> {
  const r = await db.insertInto('notices').values(row).onConflict((oc) => oc.columns(['user_id', 'ref']).doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

export const countUnread = async (db: Db, userId: number): Promise<number> =>
  Number((await db.selectFrom('notices').where('user_id', '=', userId).where('read_at', 'is', null).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

export const listNotices = (db: Db, userId: number, limit: number, offset: number): Promise<NoticeRow[]> =>
  db.selectFrom('notices').selectAll().where('user_id', '=', userId).orderBy('id', 'desc').limit(limit).offset(offset).execute();

export const countNotices = async (db: Db, userId: number): Promise<number> =>
  Number((await db.selectFrom('notices').where('user_id', '=', userId).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);

export const findNotice = (db: Db, id: number, userId: number): Promise<NoticeRow | undefined> =>
  db.selectFrom('notices').selectAll().where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();

export async function markRead(db: Db, userId: number, ids: readonly number[] | 'all', at: string): Promise<void> {
  let q = db.updateTable('notices').set({ read_at: at }).where('user_id', '=', userId).where('read_at', 'is', null);
  if (ids !== 'all') {
    if (!ids.length) return;
    q = q.where('id', 'in', [...ids]);
  }
  await q.execute();
}
export type NoticeRowOut = NoticeRow;

// ---------------------------------------------------------------- the e-mail outbox

/** Queues an e-mail; false when one with the same reference is already queued for its user. */
export async function insertMail(db: Db, row: Insertable<MailOutboxTable>): Promise<boolean> {
  const r = await db.insertInto('mail_outbox').values(row).onConflict((oc) => oc.columns(['user_id', 'ref']).doNothing()).executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) > 0;
}

// ---------------------------------------------------------------- choices, digests, keys

export const prefsOf = (db: Db, userId: number): Promise<{ kind: string; mode: NoticeMode }[]> =>
  db.selectFrom('notice_prefs').select(['kind', 'mode']).where('user_id', '=', userId).execute();

/** Sets (or, with null, forgets) one choice; an upsert, so that two writes at once both succeed. */
export async function setPref(db: Db, userId: number, kind: string, mode: NoticeMode | null): Promise<void> {
  if (!mode) await db.deleteFrom('notice_prefs').where('user_id', '=', userId).where('kind', '=', kind).execute();
  else await db.insertInto('notice_prefs').values({ user_id: userId, kind, mode }).onConflict((oc) => oc.columns(['user_id', 'kind']).doUpdateSet({ mode })).execute();
}

export const mailKey = async (db: Db, name: string): Promise<string | undefined> => (await db.selectFrom('mail_keys').select('value').where('name', '=', name).executeTakeFirst())?.value;

/** When the user's last digest was queued (none: never). */
export const lastDigestAt = async (db: Db, userId: number): Promise<string | null> =>
  (await db.selectFrom('mail_outbox').select((eb) => eb.fn.max('created_at').as('at')).where('user_id', '=', userId).where('kind', '=', 'digest').executeTakeFirst())?.at ?? null;

/** The unread notices of these kinds a user got after `since`: how many, and the newest `limit` of them (newest first) — what a digest tells. */
export async function unreadSince(db: Db, userId: number, kinds: readonly string[], since: string, limit: number): Promise<{ total: number; rows: NoticeRow[] }> {
  if (!kinds.length) return { total: 0, rows: [] };
  const q = db.selectFrom('notices').where('user_id', '=', userId).where('kind', 'in', [...kinds]).where('read_at', 'is', null).where('created_at', '>', since);
  const [count, rows] = await Promise.all([q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(), q.selectAll().orderBy('id', 'desc').limit(limit).execute()]);
  return { total: Number(count.n), rows };
}

/**
 * Claims up to `limit` e-mails due at `now` for one sender until `until`: waiting ones, and those
 * whose sender's claim ran out (it died between its claim and its answer). On PostgreSQL the rows
 * another sender is claiming are skipped, so two senders never take the same e-mail.
 */
export async function claimMail(trx: Tx, q: { by: string; now: string; until: string; limit: number }): Promise<MailOutboxRow[]> {
  let due = trx
    .selectFrom('mail_outbox')
    .select('id')
    .where((eb) => eb.or([eb.and([eb('status', '=', 'waiting'), eb('due_at', '<=', q.now)]), eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', q.now)])]))
    .orderBy('id')
    .limit(q.limit);
  if (claimsSkipLocked(trx)) due = due.forUpdate().skipLocked();
  const ids = (await due.execute()).map((r) => r.id);
  if (!ids.length) return [];
  return trx.updateTable('mail_outbox').set({ status: 'sending', claimed_by: q.by, claimed_until: q.until }).where('id', 'in', ids).returningAll().execute();
}

/** Extends this sender's claim on one e-mail just before it goes; false when the claim is no longer its own (another sender took it over). */
export async function renewClaim(db: Db, id: number, by: string, until: string): Promise<boolean> {
  const r = await db.updateTable('mail_outbox').set({ claimed_until: until }).where('id', '=', id).where('claimed_by', '=', by).where('status', '=', 'sending').executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Records the answer to one attempt of a claimed e-mail — only while the claim is still this sender's. */
export async function settleMail(db: Db, id: number, by: string, patch: { status: MailStatus; attempts: number; due_at?: string; sent_at?: string | null; last_error?: string | null }): Promise<void> {
  await db
    .updateTable('mail_outbox')
    .set({ ...patch, claimed_by: null, claimed_until: null })
    .where('id', '=', id)
    .where('claimed_by', '=', by)
    .execute();
}

export async function countMail(db: Db): Promise<Record<MailStatus, number>> {
  const rows = await db.selectFrom('mail_outbox').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
  const out: Record<MailStatus, number> = { waiting: 0, sending: 0, sent: 0, failed: 0 };
  for (const r of rows) out[r.status] = Number(r.n);
  return out;
}

export const listMail = (db: Db, q: { status?: MailStatus | undefined; limit: number; offset: number }): Promise<MailOutboxRow[]> => {
  let sel = db.selectFrom('mail_outbox').selectAll();
  if (q.status) sel = sel.where('status', '=', q.status);
  return sel.orderBy('id', 'desc').limit(q.limit).offset(q.offset).execute();
};

export const findMail = (db: Db, id: number): Promise<MailOutboxRow | undefined> => db.selectFrom('mail_outbox').selectAll().where('id', '=', id).executeTakeFirst();

/** Puts a failed e-mail back in the queue, due now, with its attempts counted afresh. */
export async function requeueMail(db: Db, id: number, now: string): Promise<boolean> {
  const r = await db.updateTable('mail_outbox').set({ status: 'waiting', due_at: now, attempts: 0, last_error: null }).where('id', '=', id).where('status', '=', 'failed').executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** Every unread notice read as of its own time, and every waiting e-mail dropped (a loader of past records). */
export async function settleAll(db: Db): Promise<void> {
  await db.updateTable('notices').set((eb) => ({ read_at: eb.ref('created_at') })).where('read_at', 'is', null).execute();
  await db.deleteFrom('mail_outbox').where('status', '=', 'waiting').execute();
}

// ---------------------------------------------------------------- addresses waiting for confirmation

export const addressRequestOf = (db: Db, userId: number) => db.selectFrom('mail_address_requests').selectAll().where('user_id', '=', userId).executeTakeFirst();

/** The address a user asked for now replaces any earlier one (whose link stops working). */
export async function putAddressRequest(db: Db, row: { user_id: number; address: string; expires_at: string; requested_on: string; requests: number }): Promise<void> {
  await db
    .insertInto('mail_address_requests')
    .values(row)
    .onConflict((oc) => oc.column('user_id').doUpdateSet({ address: row.address, expires_at: row.expires_at, requested_on: row.requested_on, requests: row.requests }))
    .execute();
}

/** Forgets the address a user asked for (confirmed, or replaced by a change of address); the day's count stays. */
export async function dropAddressRequest(db: Db, userId: number): Promise<void> {
  await db.updateTable('mail_address_requests').set({ address: '', expires_at: '0' }).where('user_id', '=', userId).execute();
}
