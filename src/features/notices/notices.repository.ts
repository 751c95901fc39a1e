import type { Insertable } from 'kysely';
import type { Db } from '../../db/index.js';
import type { NoticeRow, NoticeTable } from './notices.table.js';

export async function insertNotice(db: Db, row: Insertable<NoticeTable>): Promise<void> {
  await db.insertInto('notices').values(row).execute();
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
