/*
 * Frozen in time: imports nothing from the app. Indexes on the two references of award recipients
 * to other tables, for reads that start from the other side: the units' count of what refers to a
 * unit before it is deleted, the database's own foreign-key check when a unit or a model row goes,
 * and a lookup of awards that starts from a subtree's units.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const INDEXES: [name: string, table: string, columns: string[]][] = [
  ['award_recipients_unit_idx', 'award_recipients', ['unit_id']],
  ['award_recipients_model_idx', 'award_recipients', ['model_id']],
];

export async function up(db: Db): Promise<void> {
  for (const [name, table, columns] of INDEXES) await db.schema.createIndex(name).on(table).columns(columns).execute();
}

export async function down(db: Db): Promise<void> {
  for (const [name] of [...INDEXES].reverse()) await db.schema.dropIndex(name).execute();
}
