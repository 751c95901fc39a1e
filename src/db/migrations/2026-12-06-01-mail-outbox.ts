/*
 * Frozen in time: imports nothing from the app. E-mail (issue #22): an optional address per
 * account, and the outbox — one row per e-mail, written in the transaction of the change that
 * caused it, claimed and sent by a sender in each instance, its result kept.
 */
import { PostgresAdapter, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const isPg = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('users').addColumn('email', 'text').execute();
  const t = db.schema.createTable('mail_outbox');
  await (isPg(db) ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity()) : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement()))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('to_address', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    // waiting → sending (claimed) → sent | failed; a failed or stale claim goes back to waiting
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('due_at', 'text', (c) => c.notNull())
    .addColumn('claimed_by', 'text')
    .addColumn('claimed_until', 'text')
    .addColumn('sent_at', 'text')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('mail_outbox_due_idx').on('mail_outbox').columns(['status', 'due_at', 'id']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('mail_outbox').execute();
  await db.schema.alterTable('users').dropColumn('email').execute();
}
