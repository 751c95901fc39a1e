import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/index.js';
import { likeContains, likePrefix } from '../../db/dialect.js';
import { vnDayEnd } from '../../lib/vi.js';
import { declarePhaseReferences } from '../campaigns/campaigns.references.js';
import type { AppraisalRoundTable, DecisionRow, RewardDecisionTable, RoundRow } from './appraisal.table.js';

/** The columns of this slice's tables that hold a phase id: a round and a decision choose among the phase's years up to their campaign's (campaigns.references.ts). */
declarePhaseReferences(
  { table: 'appraisal_rounds', column: 'phase_id', label: 'đợt thẩm định', choseUpTo: 'campaign_id' },
  { table: 'reward_decisions', column: 'phase_id', label: 'quyết định khen thưởng', choseUpTo: 'campaign_id' },
);

export type RoundWithCampaign = RoundRow & { campaign_code: string; campaign_unit_path: string; campaign_year: number; campaign_theme: string; phase_code: string | null; phase_name: string | null };

const roundBase = (db: Db) =>
  db
    .selectFrom('appraisal_rounds as r')
    .innerJoin('campaigns as c', 'c.id', 'r.campaign_id')
    .innerJoin('units as cu', 'cu.id', 'c.unit_id')
    .leftJoin('phases as ph', 'ph.id', 'r.phase_id')
    .selectAll('r')
    .select(['c.code as campaign_code', 'cu.path as campaign_unit_path', 'c.year as campaign_year', 'c.theme as campaign_theme', 'ph.code as phase_code', 'ph.name as phase_name']);

export const findRound = (db: Db, code: string): Promise<RoundWithCampaign | undefined> => roundBase(db).where('r.code', '=', code).executeTakeFirst();
export const findRoundById = (db: Db, id: number): Promise<RoundWithCampaign | undefined> => roundBase(db).where('r.id', '=', id).executeTakeFirst();
export const listRounds = (db: Db): Promise<RoundWithCampaign[]> => roundBase(db).orderBy('r.cutoff_on', 'desc').orderBy('r.id', 'desc').execute();

export async function insertRound(db: Db, row: Insertable<AppraisalRoundTable>): Promise<number> {
  return (await db.insertInto('appraisal_rounds').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateRound(db: Db, id: number, patch: Updateable<AppraisalRoundTable>): Promise<void> {
  await db.updateTable('appraisal_rounds').set(patch).where('id', '=', id).execute();
}

export async function setAppraisers(db: Db, roundId: number, userIds: readonly number[]): Promise<void> {
  await db.deleteFrom('round_appraisers').where('round_id', '=', roundId).execute();
  if (userIds.length) await db.insertInto('round_appraisers').values(userIds.map((user_id) => ({ round_id: roundId, user_id }))).execute();
}

export const appraisersOf = (db: Db, roundId: number) =>
  db
    .selectFrom('round_appraisers as ra')
    .innerJoin('users as u', 'u.id', 'ra.user_id')
    .innerJoin('units', 'units.id', 'u.unit_id')
    .select(['u.id', 'u.username', 'u.full_name', 'units.path as unit_path', 'units.name as unit_name'])
    .where('ra.round_id', '=', roundId)
    .orderBy('u.username')
    .execute();

/** Models eligible in a round: registered on or before the cut-off and not stopped by then. */
export const eligibleModels = (db: Db, campaignIds: readonly number[], cutoff: string) => eligibleQuery(db, campaignIds, cutoff).orderBy('m.id').execute();

/** Whether one model is eligible (without loading the round's whole list). */
export async function isEligible(db: Db, campaignIds: readonly number[], cutoff: string, modelId: number): Promise<boolean> {
  return (await eligibleQuery(db, campaignIds, cutoff).where('m.id', '=', modelId).executeTakeFirst()) !== undefined;
}

/** campaignIds: the round's campaign, or the campaigns of its phase */
const eligibleQuery = (db: Db, campaignIds: readonly number[], cutoff: string) =>
  db
    .selectFrom('models as m')
    .innerJoin('units', 'units.id', 'm.unit_id')
    .leftJoin('units as pu', 'pu.id', 'units.parent_id')
    .innerJoin('campaign_fields as f', 'f.id', 'm.field_id')
    .innerJoin('campaigns as c', 'c.id', 'm.campaign_id')
    .select(['m.id', 'm.code', 'm.name', 'm.holder', 'm.holder_name', 'm.registered_on', 'c.year as campaign_year', 'units.path as unit_path', 'units.name as unit_name', 'units.kind as unit_kind', 'pu.name as parent_name', 'f.code as field_code', 'f.name as field_name', 'f.sort_order as field_order'])
    .where('m.campaign_id', 'in', campaignIds.length ? [...campaignIds] : [-1])
    .where('m.registered_on', 'is not', null)
    .where('m.registered_on', '<=', cutoff)
    .where((eb) => eb.or([eb('m.status', '=', 'registered'), eb.and([eb('m.status', '=', 'stopped'), eb('m.stopped_on', '>', cutoff)])]));

export const findSheet = (db: Db, roundId: number, modelId: number, appraiserId: number) =>
  db.selectFrom('score_sheets').selectAll().where('round_id', '=', roundId).where('model_id', '=', modelId).where('appraiser_id', '=', appraiserId).executeTakeFirst();

export async function upsertSheet(
  db: Db,
  s: { round_id: number; model_id: number; appraiser_id: number; total: number; comment: string | null; submitted_at: string | null; change_reason: string | null; at: string },
): Promise<number> {
  const existing = await findSheet(db, s.round_id, s.model_id, s.appraiser_id);
  if (existing) {
    await db
      .updateTable('score_sheets')
      .set({ total: s.total, comment: s.comment, submitted_at: s.submitted_at, change_reason: s.change_reason, updated_at: s.at })
      .where('id', '=', existing.id)
      .execute();
    return existing.id;
  }
  const r = await db
    .insertInto('score_sheets')
    .values({ round_id: s.round_id, model_id: s.model_id, appraiser_id: s.appraiser_id, total: s.total, comment: s.comment, submitted_at: s.submitted_at, change_reason: s.change_reason, created_at: s.at, updated_at: s.at })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function replaceItems(db: Db, sheetId: number, items: { criterion_id: number; points: number; evidence_file_id: number | null }[]): Promise<void> {
  await db.deleteFrom('score_items').where('sheet_id', '=', sheetId).execute();
  if (items.length) await db.insertInto('score_items').values(items.map((i) => ({ sheet_id: sheetId, ...i }))).execute();
}

export const itemsOfSheet = (db: Db, sheetId: number) => db.selectFrom('score_items').selectAll().where('sheet_id', '=', sheetId).execute();

/** Submitted sheets of a round: totals per model and appraiser, and points per criterion. */
export const submittedSheets = (db: Db, roundId: number) =>
  db.selectFrom('score_sheets').select(['id', 'model_id', 'appraiser_id', 'total', 'submitted_at']).where('round_id', '=', roundId).where('submitted_at', 'is not', null).execute();

export const allSheets = (db: Db, roundId: number) => db.selectFrom('score_sheets').select(['id', 'model_id', 'appraiser_id', 'submitted_at']).where('round_id', '=', roundId).execute();

export const submittedItems = (db: Db, roundId: number) =>
  db
    .selectFrom('score_items as i')
    .innerJoin('score_sheets as s', 's.id', 'i.sheet_id')
    .select(['s.model_id', 'i.criterion_id', 'i.points'])
    .where('s.round_id', '=', roundId)
    .where('s.submitted_at', 'is not', null)
    .execute();

export async function setProposal(db: Db, roundId: number, rows: { model_id: number; by_hand_reason: string | null }[]): Promise<void> {
  await db.deleteFrom('proposal_models').where('round_id', '=', roundId).execute();
  if (rows.length) await db.insertInto('proposal_models').values(rows.map((r) => ({ round_id: roundId, ...r }))).execute();
}

export const proposalOf = (db: Db, roundId: number) => db.selectFrom('proposal_models').selectAll().where('round_id', '=', roundId).execute();

// Decisions ------------------------------------------------------------------

export type DecisionWithCampaign = DecisionRow & { campaign_code: string; campaign_unit_path: string; round_code: string | null; phase_code: string | null; phase_name: string | null };

const decisionBase = (db: Db) =>
  db
    .selectFrom('reward_decisions as d')
    .innerJoin('campaigns as c', 'c.id', 'd.campaign_id')
    .innerJoin('units as cu', 'cu.id', 'c.unit_id')
    .leftJoin('appraisal_rounds as r', 'r.id', 'd.round_id')
    .leftJoin('phases as ph', 'ph.id', 'd.phase_id')
    .selectAll('d')
    .select(['c.code as campaign_code', 'cu.path as campaign_unit_path', 'r.code as round_code', 'ph.code as phase_code', 'ph.name as phase_name']);

export const findDecision = (db: Db, number: string): Promise<DecisionWithCampaign | undefined> => decisionBase(db).where('d.number', '=', number).executeTakeFirst();
export const listDecisions = (db: Db, opts: { issuedOnly?: boolean } = {}): Promise<DecisionWithCampaign[]> => {
  let q = decisionBase(db);
  // issued: published, or published then revoked (a public fact too: its page says it was revoked)
  if (opts.issuedOnly) q = q.where('d.status', 'in', ['published', 'revoked']);
  return q.orderBy('d.decided_on', 'desc').orderBy('d.id', 'desc').execute();
};

export async function insertDecision(db: Db, row: Insertable<RewardDecisionTable>): Promise<number> {
  return (await db.insertInto('reward_decisions').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateDecision(db: Db, id: number, patch: Updateable<RewardDecisionTable>): Promise<void> {
  await db.updateTable('reward_decisions').set(patch).where('id', '=', id).execute();
}

export async function setDecisionModels(db: Db, decisionId: number, modelIds: readonly number[]): Promise<void> {
  await db.deleteFrom('reward_decision_models').where('decision_id', '=', decisionId).execute();
  if (modelIds.length) await db.insertInto('reward_decision_models').values(modelIds.map((model_id) => ({ decision_id: decisionId, model_id }))).execute();
}

/** Models of a decision with what the lists and the gallery show. */
export const modelsOfDecision = (db: Db, decisionId: number) =>
  db
    .selectFrom('reward_decision_models as dm')
    .innerJoin('models as m', 'm.id', 'dm.model_id')
    .innerJoin('units', 'units.id', 'm.unit_id')
    .leftJoin('units as pu', 'pu.id', 'units.parent_id')
    .innerJoin('campaign_fields as f', 'f.id', 'm.field_id')
    .select(['m.id', 'm.code', 'm.name', 'm.holder', 'm.holder_name', 'm.sort_key', 'units.name as unit_name', 'units.kind as unit_kind', 'pu.name as parent_name', 'units.code as unit_code', 'f.code as field_code', 'f.name as field_name', 'f.sort_order as field_order'])
    .where('dm.decision_id', '=', decisionId)
    .execute();

/**
 * Live (draft or published) decisions that already reward one of these models for the same
 * achievement (a round's own aside): a year's reward for a year's, a phase's for the same phase's.
 * phaseId null: the year's rewards. The models are a subquery, not a list of ids, so a large round
 * stays within the databases' limits on parameters: those eligible in a round (its own decisions
 * aside), or those of a decision just written (itself aside).
 */
export const liveRewardsOf = (db: Db, of: { round: { id: number; campaignIds: readonly number[]; cutoff: string } } | { decision: number }, phaseId: number | null) => {
  let q = db
    .selectFrom('reward_decision_models as dm')
    .innerJoin('reward_decisions as d', 'd.id', 'dm.decision_id')
    .innerJoin('models as m', 'm.id', 'dm.model_id')
    .select(['m.code', 'm.name', 'd.number', 'd.status'])
    .where('d.status', '!=', 'revoked')
    .where('d.phase_id', phaseId === null ? 'is' : '=', phaseId);
  if ('round' in of) {
    const r = of.round;
    q = q.where('dm.model_id', 'in', eligibleQuery(db, r.campaignIds, r.cutoff).clearSelect().select('m.id')).where((eb) => eb.or([eb('d.round_id', 'is', null), eb('d.round_id', '!=', r.id)]));
  } else {
    q = q.where('dm.model_id', 'in', db.selectFrom('reward_decision_models').select('model_id').where('decision_id', '=', of.decision)).where('d.id', '!=', of.decision);
  }
  return q.execute();
};

/** Rewarded models of a campaign by field, through a date (published, not revoked by then). */
export async function rewardedByField(db: Db, campaignId: number, through: string, by: 'field' | 'unit' = 'field'): Promise<{ code: string; n: number }[]> {
  // 'unit': by the path of the rewarded model's unit (figures group these by sector)
  const key = by === 'field' ? 'f.code' : 'u.path';
  const rows = await db
    .selectFrom('reward_decision_models as dm')
    .innerJoin('reward_decisions as d', 'd.id', 'dm.decision_id')
    .innerJoin('models as m', 'm.id', 'dm.model_id')
    .innerJoin('campaign_fields as f', 'f.id', 'm.field_id')
    .innerJoin('units as u', 'u.id', 'm.unit_id')
    .select([`${key} as code`, (eb) => eb.fn.countAll<number>().as('n')])
    .where('d.campaign_id', '=', campaignId)
    .where('d.phase_id', 'is', null)
    .where('d.decided_on', '<=', through)
    .where((eb) => eb.or([eb('d.status', '=', 'published'), eb.and([eb('d.status', '=', 'revoked'), eb('d.revoked_at', '>=', vnDayEnd(through))])]))
    .groupBy(key)
    .execute();
  return rows.map((r) => ({ code: r.code, n: Number(r.n) }));
}

/** Published decisions of a campaign through a date, with how many models each rewards. */
export const decisionsThrough = (db: Db, campaignId: number, through: string) =>
  db
    .selectFrom('reward_decisions as d')
    .leftJoin('reward_decision_models as dm', 'dm.decision_id', 'd.id')
    .select(['d.number', 'd.decided_on', 'd.issuer', 'd.form', (eb) => eb.fn.count<number>('dm.model_id').as('n')])
    .where('d.campaign_id', '=', campaignId)
    .where('d.phase_id', 'is', null)
    .where('d.decided_on', '<=', through)
    .where((eb) => eb.or([eb('d.status', '=', 'published'), eb.and([eb('d.status', '=', 'revoked'), eb('d.revoked_at', '>=', vnDayEnd(through))])]))
    .groupBy(['d.id', 'd.number', 'd.decided_on', 'd.issuer', 'd.form'])
    .orderBy('d.decided_on')
    .execute();

/**
 * The models rewarded by a campaign's decisions through a date (the decisions `decisionsThrough`
 * counts), each once, by decision date then the model's code (its place in the register book).
 */
export async function rewardedModelsThrough(db: Db, campaignId: number, through: string): Promise<{ id: number; code: string; holder: string }[]> {
  const rows = await db
    .selectFrom('reward_decision_models as dm')
    .innerJoin('reward_decisions as d', 'd.id', 'dm.decision_id')
    .innerJoin('models as m', 'm.id', 'dm.model_id')
    .select(['m.id', 'm.code', 'm.holder', 'd.decided_on'])
    .where('d.campaign_id', '=', campaignId)
    .where('d.phase_id', 'is', null)
    .where('d.decided_on', '<=', through)
    .where((eb) => eb.or([eb('d.status', '=', 'published'), eb.and([eb('d.status', '=', 'revoked'), eb('d.revoked_at', '>=', vnDayEnd(through))])]))
    .orderBy('d.decided_on')
    .orderBy('m.code')
    .execute();
  const seen = new Set<number>();
  return rows.filter((r) => !seen.has(r.id) && seen.add(r.id)).map((r) => ({ id: r.id, code: r.code, holder: r.holder }));
}

/**
 * A phase's rewards through a date (published, not revoked by then): each decision's models with
 * the year of the campaign each was registered in, by decision date then the model's code.
 */
export const phaseRewardsThrough = (db: Db, phaseId: number, through: string) =>
  db
    .selectFrom('reward_decision_models as dm')
    .innerJoin('reward_decisions as d', 'd.id', 'dm.decision_id')
    .innerJoin('models as m', 'm.id', 'dm.model_id')
    .innerJoin('campaigns as c', 'c.id', 'm.campaign_id')
    .select(['d.number', 'd.decided_on', 'd.issuer', 'd.form', 'm.code', 'c.year'])
    .where('d.phase_id', '=', phaseId)
    .where('d.decided_on', '<=', through)
    .where((eb) => eb.or([eb('d.status', '=', 'published'), eb.and([eb('d.status', '=', 'revoked'), eb('d.revoked_at', '>=', vnDayEnd(through))])]))
    .orderBy('d.decided_on')
    .orderBy('d.number')
    .orderBy('m.code')
    .execute();

/** Every reward (published decision) of models of a unit's subtree, or of a person by name. */
export const rewardsOf = (db: Db, opts: { unitPath?: string; folded?: string }) => {
  let q = db
    .selectFrom('reward_decision_models as dm')
    .innerJoin('reward_decisions as d', 'd.id', 'dm.decision_id')
    .innerJoin('models as m', 'm.id', 'dm.model_id')
    .innerJoin('units', 'units.id', 'm.unit_id')
    .innerJoin('campaigns as c', 'c.id', 'm.campaign_id')
    .select(['m.code', 'm.name', 'm.holder_name', 'units.name as unit_name', 'c.year', 'c.code as campaign_code', 'd.number', 'd.decided_on', 'd.form', 'd.issuer'])
    .where('d.status', '=', 'published');
  if (opts.unitPath) q = q.where(likePrefix('units.path', opts.unitPath));
  if (opts.folded) q = q.where(likeContains('m.search_folded', opts.folded));
  return q.orderBy('d.decided_on', 'desc').execute();
};

/** Open rounds a user is an appraiser of, with how many sheets they have handed in. */
export const openRoundsOfAppraiser = (db: Db, userId: number) =>
  roundBase(db)
    .innerJoin('round_appraisers as ra', 'ra.round_id', 'r.id')
    .where('ra.user_id', '=', userId)
    .where('r.status', '=', 'open')
    .select((eb) =>
      eb
        .selectFrom('score_sheets as s')
        .whereRef('s.round_id', '=', 'r.id')
        .where('s.appraiser_id', '=', userId)
        .where('s.submitted_at', 'is not', null)
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('submitted'),
    )
    .orderBy('r.closes_on')
    .execute();

/** Draft decisions, oldest first. */
export const draftDecisions = (db: Db): Promise<DecisionWithCampaign[]> => decisionBase(db).where('d.status', '=', 'draft').orderBy('d.created_at').execute();
