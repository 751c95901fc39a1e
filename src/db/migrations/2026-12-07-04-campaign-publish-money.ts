/*
 * Frozen in time: imports nothing from the app. What the models achieved (issue #23): whether a
 * campaign publishes on the portal the money its models mobilised from the people (0: it does not,
 * the default; its officers still see it).
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('campaigns').addColumn('publish_money', 'integer', (c) => c.notNull().defaultTo(0)).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('campaigns').dropColumn('publish_money').execute();
}
