import { sql } from 'kysely';
import type { Db } from '../../db/index.js';

export async function getSetting(db: Db, key: string): Promise<string | undefined> {
  const r = await db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
  return r?.value;
}

export async function putSetting(db: Db, key: string, value: string, at: string): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key, value, updated_at: at })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: at }))
    .execute();
}

/**
 * Sets `key` only when it is not set yet; true when this call set it. Two processes racing for
 * one key: PostgreSQL makes the second wait for the first's transaction, then it finds the key.
 */
export async function claimSetting(db: Db, key: string, value: string, at: string): Promise<boolean> {
  const r = await db
    .insertInto('settings')
    .values({ key, value, updated_at: at })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** The shared portal version (table portal_state): moved by every write the portal shows. */
export async function bumpStoredPortalVersion(db: Db): Promise<void> {
  await db
    .updateTable('portal_state')
    .set({ version: sql<number>`version + 1` })
    .where('id', '=', 1)
    .execute();
}

export async function storedPortalVersion(db: Db): Promise<number | undefined> {
  return (await db.selectFrom('portal_state').select('version').where('id', '=', 1).executeTakeFirst())?.version;
}
