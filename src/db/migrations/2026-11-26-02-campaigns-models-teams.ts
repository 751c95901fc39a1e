/* Frozen in time: imports nothing from the app. Documents, campaigns (fields, criteria), models, teams. */
import { PostgresAdapter, type CreateTableBuilder, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const isPg = (db: Db) => db.getExecutor().adapter instanceof PostgresAdapter;

function withId<T extends string>(db: Db, t: CreateTableBuilder<T, never>): CreateTableBuilder<T, 'id'> {
  return isPg(db)
    ? t.addColumn('id', 'integer', (c) => c.primaryKey().generatedByDefaultAsIdentity())
    : t.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

export async function up(db: Db): Promise<void> {
  await withId(db, db.schema.createTable('documents'))
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.references('units.id'))
    .addColumn('issued_on', 'text', (c) => c.notNull())
    .addColumn('effective_on', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('search_folded', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('documents_number_date_uq', ['number', 'issued_on'])
    .execute();
  await db.schema.createIndex('documents_number_idx').on('documents').column('number').execute();

  await withId(db, db.schema.createTable('campaigns'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('theme', 'text', (c) => c.notNull())
    .addColumn('plan_document_id', 'integer', (c) => c.references('documents.id'))
    .addColumn('starts_on', 'text')
    .addColumn('ends_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('campaigns_unit_idx').on('campaigns').columns(['unit_id', 'year']).execute();

  await withId(db, db.schema.createTable('campaign_fields'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('campaign_fields_uq', ['campaign_id', 'code'])
    .execute();

  await withId(db, db.schema.createTable('campaign_criteria'))
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('weight', 'integer', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('campaign_criteria_uq', ['campaign_id', 'code'])
    .execute();

  await withId(db, db.schema.createTable('models'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('field_id', 'integer', (c) => c.notNull().references('campaign_fields.id'))
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('holder_name', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('search_folded', 'text', (c) => c.notNull())
    .addColumn('sort_key', 'text', (c) => c.notNull())
    .addColumn('problem', 'text')
    .addColumn('goals', 'text')
    .addColumn('method', 'text')
    .addColumn('scope', 'text')
    .addColumn('forces', 'text')
    .addColumn('resources', 'text')
    .addColumn('timeline', 'text')
    .addColumn('expected_results', 'text')
    .addColumn('replicability', 'text')
    .addColumn('exemplary', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('registered_on', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('submitted_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('return_reason', 'text')
    .addColumn('stopped_on', 'text')
    .addColumn('stop_reason', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('models_campaign_status_idx').on('models').columns(['campaign_id', 'status', 'registered_on']).execute();
  await db.schema.createIndex('models_unit_idx').on('models').column('unit_id').execute();
  await db.schema.createIndex('models_field_idx').on('models').column('field_id').execute();

  await withId(db, db.schema.createTable('model_updates'))
    .addColumn('model_id', 'integer', (c) => c.notNull().references('models.id').onDelete('cascade'))
    .addColumn('on_date', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('figures', 'text')
    .addColumn('created_by', 'integer', (c) => c.references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('model_updates_model_idx').on('model_updates').columns(['model_id', 'on_date']).execute();

  await withId(db, db.schema.createTable('teams'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('unit_id', 'integer', (c) => c.notNull().references('units.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('members', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('established_on', 'text')
    .addColumn('dissolved_on', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('teams_unit_idx').on('teams').columns(['unit_id', 'kind']).execute();
}

export async function down(db: Db): Promise<void> {
  for (const t of ['teams', 'model_updates', 'models', 'campaign_criteria', 'campaign_fields', 'campaigns', 'documents']) {
    await db.schema.dropTable(t).execute();
  }
}
