/*
 * Frozen in time: imports nothing from the app. Several instances (issue #11): the portal's
 * version lives in the database too — every write the portal shows adds one in its transaction,
 * and each instance polls it, so a page another instance cached goes stale within a second.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('portal_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('version', 'bigint', (c) => c.notNull())
    .execute();
  await db.insertInto('portal_state').values({ id: 1, version: 0 }).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('portal_state').execute();
}
