/*
 * Frozen in time: imports nothing from the app. Notifications, part 2 (issue #22): a notice or an
 * e-mail may carry a reference that makes it once only (a reminder for one thing on one day, one
 * digest a day: two instances writing it keep one); each person's choice per kind of notice (at
 * once, in the daily digest, never); the key that signs the links of e-mails; and the address a
 * user asked to use, until they confirm it (one per user, with how many they asked for that day).
 */
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('notices').addColumn('ref', 'text').execute();
  await db.schema.createIndex('notices_ref_uq').on('notices').columns(['user_id', 'ref']).unique().execute();
  await db.schema.alterTable('mail_outbox').addColumn('ref', 'text').execute();
  await db.schema.createIndex('mail_outbox_ref_uq').on('mail_outbox').columns(['user_id', 'ref']).unique().execute();
  await db.schema
    .createTable('notice_prefs')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    // now | digest | off
    .addColumn('mode', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notice_prefs_pk', ['user_id', 'kind'])
    .execute();
  await db.schema
    .createTable('mail_keys')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('mail_address_requests')
    .addColumn('user_id', 'integer', (c) => c.primaryKey().references('users.id'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    // the Hà Nội day of the requests counted
    .addColumn('requested_on', 'text', (c) => c.notNull())
    .addColumn('requests', 'integer', (c) => c.notNull())
    .execute();
  await sql`insert into mail_keys (name, value) values ('unsubscribe', ${randomBytes(32).toString('hex')})`.execute(db);
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('mail_address_requests').execute();
  await db.schema.dropTable('mail_keys').execute();
  await db.schema.dropTable('notice_prefs').execute();
  await db.schema.dropIndex('mail_outbox_ref_uq').execute();
  await db.schema.alterTable('mail_outbox').dropColumn('ref').execute();
  await db.schema.dropIndex('notices_ref_uq').execute();
  await db.schema.alterTable('notices').dropColumn('ref').execute();
}
