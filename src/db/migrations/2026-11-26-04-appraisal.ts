/* Frozen in time: imports nothing from the app. Appraisal rounds, score sheets, proposals, reward decisions. */
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
  await db.schema.alterTable('campaigns').addColumn('bands', 'text').execute();

  await withId(db, db.schema.createTable('appraisal_rounds'))
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('opens_on', 'text', (c) => c.notNull())
    .addColumn('closes_on', 'text', (c) => c.notNull())
    .addColumn('cutoff_on', 'text', (c) => c.notNull())
    .addColumn('quotas', 'text')
    .addColumn('threshold', 'integer')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('round_appraisers')
    .addColumn('round_id', 'integer', (c) => c.notNull().references('appraisal_rounds.id').onDelete('cascade'))
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addPrimaryKeyConstraint('round_appraisers_pk', ['round_id', 'user_id'])
    .execute();

  await withId(db, db.schema.createTable('score_sheets'))
    .addColumn('round_id', 'integer', (c) => c.notNull().references('appraisal_rounds.id').onDelete('cascade'))
    .addColumn('model_id', 'integer', (c) => c.notNull().references('models.id'))
    .addColumn('appraiser_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('total', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('submitted_at', 'text')
    .addColumn('change_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('score_sheets_uq', ['round_id', 'model_id', 'appraiser_id'])
    .execute();

  await db.schema
    .createTable('score_items')
    .addColumn('sheet_id', 'integer', (c) => c.notNull().references('score_sheets.id').onDelete('cascade'))
    .addColumn('criterion_id', 'integer', (c) => c.notNull().references('campaign_criteria.id'))
    .addColumn('points', 'integer', (c) => c.notNull())
    .addColumn('evidence_file_id', 'integer', (c) => c.references('files.id'))
    .addPrimaryKeyConstraint('score_items_pk', ['sheet_id', 'criterion_id'])
    .execute();

  await db.schema
    .createTable('proposal_models')
    .addColumn('round_id', 'integer', (c) => c.notNull().references('appraisal_rounds.id').onDelete('cascade'))
    .addColumn('model_id', 'integer', (c) => c.notNull().references('models.id'))
    .addColumn('by_hand_reason', 'text')
    .addPrimaryKeyConstraint('proposal_models_pk', ['round_id', 'model_id'])
    .execute();

  await withId(db, db.schema.createTable('reward_decisions'))
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('campaign_id', 'integer', (c) => c.notNull().references('campaigns.id'))
    .addColumn('round_id', 'integer', (c) => c.references('appraisal_rounds.id'))
    .addColumn('decided_on', 'text', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('signer', 'text')
    .addColumn('signer_title', 'text')
    .addColumn('form', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('revoke_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('reward_decision_models')
    .addColumn('decision_id', 'integer', (c) => c.notNull().references('reward_decisions.id').onDelete('cascade'))
    .addColumn('model_id', 'integer', (c) => c.notNull().references('models.id'))
    .addPrimaryKeyConstraint('reward_decision_models_pk', ['decision_id', 'model_id'])
    .execute();
  await db.schema.createIndex('reward_decision_models_model_idx').on('reward_decision_models').column('model_id').execute();
}

export async function down(db: Db): Promise<void> {
  for (const t of ['reward_decision_models', 'reward_decisions', 'proposal_models', 'score_items', 'score_sheets', 'round_appraisers', 'appraisal_rounds']) {
    await db.schema.dropTable(t).execute();
  }
  await db.schema.alterTable('campaigns').dropColumn('bands').execute();
}
