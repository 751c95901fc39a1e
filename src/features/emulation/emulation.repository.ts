import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../../db/index.js';
import { likeContains, likePrefix } from '../../db/dialect.js';
import { declareUnitReferences } from '../units/units.references.js';
import { declarePhaseReferences } from '../campaigns/campaigns.references.js';
import type { AwardFormRow, AwardFormTable, AwardProposalRow, AwardProposalTable, AwardRecipientRow, AwardRecipientTable } from './emulation.table.js';

declareUnitReferences(
  { table: 'award_proposals', column: 'from_unit_id', label: 'đề nghị khen thưởng' },
  { table: 'award_proposals', column: 'to_unit_id', label: 'đề nghị khen thưởng gửi đến' },
  { table: 'award_recipients', column: 'unit_id', label: 'người, tập thể được đề nghị khen thưởng' },
);
declarePhaseReferences({ table: 'award_proposals', column: 'phase_id', label: 'tờ trình đề nghị khen thưởng' });

export const listForms = (db: Db): Promise<AwardFormRow[]> => db.selectFrom('award_forms').selectAll().orderBy('sort_order').orderBy('id').execute();
export const findFormByCode = (db: Db, code: string): Promise<AwardFormRow | undefined> => db.selectFrom('award_forms').selectAll().where('code', '=', code).executeTakeFirst();

export async function insertForm(db: Db, row: Insertable<AwardFormTable>): Promise<void> {
  await db.insertInto('award_forms').values(row).execute();
}

export async function updateForm(db: Db, id: number, patch: Updateable<AwardFormTable>): Promise<void> {
  await db.updateTable('award_forms').set(patch).where('id', '=', id).execute();
}

export async function nextFormOrder(db: Db): Promise<number> {
  const r = await db.selectFrom('award_forms').select((eb) => eb.fn.max('sort_order').as('m')).executeTakeFirst();
  return Number(r?.m ?? 0) + 1;
}

export type ProposalWithRefs = AwardProposalRow & {
  from_code: string;
  from_name: string;
  from_path: string;
  to_code: string | null;
  to_name: string | null;
  to_path: string | null;
  form_code: string;
  form_name: string;
  form_kind: string;
  form_level: string;
  form_grantor: string;
  campaign_code: string | null;
  phase_code: string | null;
};

const proposalBase = (db: Db) =>
  db
    .selectFrom('award_proposals as p')
    .innerJoin('units as fu', 'fu.id', 'p.from_unit_id')
    .leftJoin('units as tu', 'tu.id', 'p.to_unit_id')
    .innerJoin('award_forms as f', 'f.id', 'p.form_id')
    .leftJoin('campaigns as c', 'c.id', 'p.campaign_id')
    .leftJoin('phases as ph', 'ph.id', 'p.phase_id')
    .selectAll('p')
    .select(['fu.code as from_code', 'fu.name as from_name', 'fu.path as from_path', 'tu.code as to_code', 'tu.name as to_name', 'tu.path as to_path', 'f.code as form_code', 'f.name as form_name', 'f.kind as form_kind', 'f.level as form_level', 'f.grantor as form_grantor', 'c.code as campaign_code', 'ph.code as phase_code']);

export const findProposal = (db: Db, id: number): Promise<ProposalWithRefs | undefined> => proposalBase(db).where('p.id', '=', id).executeTakeFirst();
/** A unit's proposal by its number (each unit numbers its own). */
export const findProposalByNumber = (db: Db, fromUnitId: number, number: string): Promise<ProposalWithRefs | undefined> => proposalBase(db).where('p.from_unit_id', '=', fromUnitId).where('p.number', '=', number).executeTakeFirst();

/**
 * Proposals from a unit's subtree (a path prefix), newest first. A proposal goes up to a unit above
 * the one that sends it, so those sent to the subtree are among those sent from it.
 * `drafts: false` leaves drafts out (a reader who may not edit them).
 */
function proposalRows(db: Db, opts: { pathPrefix?: string | undefined; statuses?: readonly string[] | undefined; drafts?: boolean | undefined }) {
  let q = proposalBase(db);
  if (opts.pathPrefix) q = q.where(likePrefix('fu.path', opts.pathPrefix));
  if (opts.statuses) q = q.where('p.status', 'in', [...opts.statuses]);
  if (opts.drafts === false) q = q.where('p.status', '<>', 'draft');
  return q;
}

export const listProposalRows = (db: Db, opts: { pathPrefix?: string | undefined; statuses?: readonly string[] | undefined; drafts?: boolean | undefined } = {}): Promise<ProposalWithRefs[]> =>
  proposalRows(db, opts).orderBy('p.updated_at', 'desc').orderBy('p.id', 'desc').execute();

/** One page of them, with how many there are in all. */
export async function pageProposalRows(db: Db, opts: { pathPrefix?: string | undefined; statuses?: readonly string[] | undefined; drafts?: boolean | undefined }, page: { limit: number; offset: number }): Promise<{ rows: ProposalWithRefs[]; total: number }> {
  const q = proposalRows(db, opts);
  const total = await q.clearSelect().select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.orderBy('p.updated_at', 'desc').orderBy('p.id', 'desc').limit(page.limit).offset(page.offset).execute();
  return { rows, total: Number(total.n) };
}

export async function insertProposal(db: Db, row: Insertable<AwardProposalTable>): Promise<number> {
  return (await db.insertInto('award_proposals').values(row).returning('id').executeTakeFirstOrThrow()).id;
}

export async function updateProposal(db: Db, id: number, patch: Updateable<AwardProposalTable>): Promise<void> {
  await db.updateTable('award_proposals').set(patch).where('id', '=', id).execute();
}

/** Moves a proposal on only from one of these statuses (two steps at once: one wins); whether it moved. */
export async function moveProposal(db: Db, id: number, from: readonly string[], patch: Updateable<AwardProposalTable>): Promise<boolean> {
  const r = await db.updateTable('award_proposals').set(patch).where('id', '=', id).where('status', 'in', [...from]).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Whether a form of the catalogue is named by a proposal (its name and level then stay). */
export async function formInUse(db: Db, formId: number): Promise<boolean> {
  return (await db.selectFrom('award_proposals').select('id').where('form_id', '=', formId).limit(1).executeTakeFirst()) !== undefined;
}

export type RecipientWithRefs = AwardRecipientRow & { unit_code: string | null; unit_name: string | null; model_code: string | null; model_name: string | null };

const recipientBase = (db: Db) =>
  db
    .selectFrom('award_recipients as r')
    .leftJoin('units as u', 'u.id', 'r.unit_id')
    .leftJoin('models as m', 'm.id', 'r.model_id')
    .selectAll('r')
    .select(['u.code as unit_code', 'u.name as unit_name', 'm.code as model_code', 'm.name as model_name']);

export const recipientsOf = (db: Db, proposalId: number): Promise<RecipientWithRefs[]> => recipientBase(db).where('r.proposal_id', '=', proposalId).orderBy('r.sort_order').execute();

/** The recipients of several proposals in one query, each proposal's in its order. */
export const recipientsOfMany = (db: Db, proposalIds: readonly number[]): Promise<RecipientWithRefs[]> =>
  proposalIds.length ? recipientBase(db).where('r.proposal_id', 'in', [...proposalIds]).orderBy('r.proposal_id').orderBy('r.sort_order').execute() : Promise.resolve([]);

/** How many recipients of each kind the proposals name, in one grouped query. */
export const countRecipients = (db: Db, proposalIds: readonly number[]): Promise<{ proposal_id: number; kind: string; n: number }[]> =>
  proposalIds.length
    ? db
        .selectFrom('award_recipients')
        .select((eb) => ['proposal_id', 'kind', eb.fn.countAll<number>().as('n')])
        .where('proposal_id', 'in', [...proposalIds])
        .groupBy(['proposal_id', 'kind'])
        .execute()
    : Promise.resolve([]);

export async function setRecipients(db: Db, proposalId: number, rows: Omit<Insertable<AwardRecipientTable>, 'proposal_id'>[]): Promise<void> {
  await db.deleteFrom('award_recipients').where('proposal_id', '=', proposalId).execute();
  if (rows.length) await db.insertInto('award_recipients').values(rows.map((r) => ({ ...r, proposal_id: proposalId }))).execute();
}

export async function setAwarded(db: Db, proposalId: number, awardedIds: readonly number[]): Promise<void> {
  await db.updateTable('award_recipients').set({ awarded: 0 }).where('proposal_id', '=', proposalId).execute();
  if (awardedIds.length) await db.updateTable('award_recipients').set({ awarded: 1 }).where('proposal_id', '=', proposalId).where('id', 'in', [...awardedIds]).execute();
}

/**
 * The awards on record: recipients awarded by a decided proposal, of a unit's subtree (the
 * proposing unit's, or the recipient's own unit) and/or by name, newest decision first.
 */
export const awardsOf = (db: Db, opts: { pathPrefix: string; folded?: string | undefined; kind?: string | undefined }) => {
  let q = db
    .selectFrom('award_recipients as r')
    .innerJoin('award_proposals as p', 'p.id', 'r.proposal_id')
    .innerJoin('award_forms as f', 'f.id', 'p.form_id')
    .innerJoin('units as fu', 'fu.id', 'p.from_unit_id')
    .leftJoin('units as u', 'u.id', 'r.unit_id')
    .leftJoin('models as m', 'm.id', 'r.model_id')
    .select(['r.id', 'r.kind', 'r.name', 'r.position', 'r.role', 'u.name as unit_name', 'fu.name as from_name', 'fu.path as from_path', 'm.code as model_code', 'f.name as form_name', 'f.level as form_level', 'p.id as proposal_id', 'p.number', 'p.decision_number', 'p.decided_on', 'p.to_body'])
    .where('p.status', '=', 'decided')
    .where('r.awarded', '=', 1)
    // proposed by a unit of the subtree, or given to someone of it (the district proposing a ward's people)
    .where((eb) => eb.or([likePrefix('fu.path', opts.pathPrefix), likePrefix('u.path', opts.pathPrefix)]));
  if (opts.folded) q = q.where(likeContains('r.name_folded', opts.folded));
  if (opts.kind) q = q.where('r.kind', '=', opts.kind);
  return q.orderBy('p.decided_on', 'desc').orderBy('p.id', 'desc').orderBy('r.sort_order').limit(1000).execute();
};
