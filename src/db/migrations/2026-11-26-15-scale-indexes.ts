/*
 * Frozen in time: imports nothing from the app. Indexes for a city's scale (issue #11, DESIGN §6:
 * 10⁵ models, 10⁶ households, 10⁵ articles), each named after the query it serves:
 * - models_stats_idx: the campaign figures (models by holder, field, unit, month through a date)
 *   read from the index alone;
 * - clearance_plans_pending_idx, clearance_payments_pending_idx, clearance_steps_pending_idx:
 *   "Việc của tôi" lists the oldest plans, payments and steps waiting on someone, in order,
 *   and counts them, without sorting the whole backlog of a city;
 * - clearance_dialogue_households_household_idx: a household's dialogues (its first activity is
 *   looked up at every write to it; the primary key starts with the dialogue, so each write read
 *   every dialogue's households — 1,4 s per household at 10⁶ households);
 * - models_exemplary_idx: partial, the few exemplary models of a campaign (the report, the portal's
 *   home page), found without reading every model of the campaign;
 * - articles_featured_idx: partial, the few featured articles (the portal's home page), newest first.
 * And campaigns.model_seq, the last number given to a model code of the campaign, started at the
 * campaign's number of models (new codes were "count + 1", which cost a count per new model).
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = Kysely<any>;

const INDEXES: [name: string, table: string, columns: string[]][] = [
  ['models_stats_idx', 'models', ['campaign_id', 'status', 'registered_on', 'holder', 'field_id', 'unit_id']],
  ['clearance_plans_pending_idx', 'clearance_plans', ['status', 'created_at', 'id', 'created_by', 'household_id']],
  ['clearance_payments_pending_idx', 'clearance_payments', ['status', 'paid_on', 'id', 'recorded_by', 'project_id']],
  ['clearance_steps_pending_idx', 'clearance_steps', ['status', 'done_on', 'id', 'done_by', 'project_id']],
  ['clearance_dialogue_households_household_idx', 'clearance_dialogue_households', ['household_id']],
];

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('campaigns').addColumn('model_seq', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`update campaigns set model_seq = (select count(*) from models where models.campaign_id = campaigns.id)`.execute(db);
  for (const [name, table, columns] of INDEXES) await db.schema.createIndex(name).on(table).columns(columns).execute();
  await db.schema.createIndex('articles_featured_idx').on('articles').columns(['status', 'published_at']).where(sql.ref('featured'), '=', sql.lit(1)).execute();
  await db.schema.createIndex('models_exemplary_idx').on('models').columns(['campaign_id', 'status', 'registered_on']).where(sql.ref('exemplary'), '=', sql.lit(1)).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('models_exemplary_idx').execute();
  await db.schema.dropIndex('articles_featured_idx').execute();
  for (const [name] of INDEXES) await db.schema.dropIndex(name).execute();
  await db.schema.alterTable('campaigns').dropColumn('model_seq').execute();
}
