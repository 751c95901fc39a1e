/*
 * Frozen in time: imports nothing from the app. What the models achieved (issue #23), first part:
 * the sector (khối) a unit belongs to — Party bodies, government, the Front and mass
 * organisations, the armed forces — set on a unit or inherited from above (null: inherited).
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('units').addColumn('sector', 'text').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('units').dropColumn('sector').execute();
}
