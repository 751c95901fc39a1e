/*
 * Frozen in time: imports nothing from the app. The units a document was sent to (nơi nhận,
 * issue #20 decision): a document kept off the portal is read by the issuing unit's line and by
 * each recipient unit with its subtree.
 */
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('document_recipients')
    .addColumn('document_id', 'integer', (c) => c.notNull().references('documents.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addPrimaryKeyConstraint('document_recipients_pk', ['document_id', 'unit_id'])
    .execute();
  await db.schema.createIndex('document_recipients_unit_idx').on('document_recipients').columns(['unit_id', 'document_id']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('document_recipients').execute();
}
