import type { Db, Tx } from '../../db/index.js';
import type { Actor } from '../../policy/policy.js';
import { upsertEach, type BundleSection } from '../bundle/bundle.service.js';
import * as repo from './emulation.repository.js';
import { findUnitByCode } from '../units/units.service.js';
import { ZAwardForm, ZAwardProposalRecord, type TAwardForm, type TAwardProposalRecord } from './emulation.schemas.js';
import { allProposals, importProposal, listAwardForms, proposalRecord, saveAwardForm } from './emulation.service.js';

/** The catalogue of titles and forms of award: added or corrected by code. */
export const awardFormsBundle: BundleSection<TAwardForm> = {
  key: 'awardForms',
  label: 'Danh mục khen thưởng',
  record: ZAwardForm,
  importRecords: (trx: Tx, actor: Actor, records: TAwardForm[]) =>
    upsertEach('awardForms', records, {
      exists: async (r) => (await repo.findFormByCode(trx, r.code)) !== undefined,
      create: (r) => saveAwardForm(trx, { actor, input: r }),
      update: (r) => saveAwardForm(trx, { actor, input: r }),
    }),
  async exportRecords(db: Db, actor: Actor) {
    return (await listAwardForms(db, actor)).map((f) => ({ code: f.code, name: f.name, kind: f.kind, level: f.level, grantor: f.grantor }));
  },
};

/** Proposals with where they stand; one already present is never overwritten (409). */
export const awardProposalsBundle: BundleSection<TAwardProposalRecord> = {
  key: 'awardProposals',
  label: 'Tờ trình đề nghị khen thưởng',
  record: ZAwardProposalRecord,
  importRecords: (trx: Tx, actor: Actor, records: TAwardProposalRecord[]) =>
    upsertEach('awardProposals', records, {
      exists: async (r) => {
        const from = await findUnitByCode(trx, r.from);
        return from !== undefined && (await repo.findProposalByNumber(trx, from.id, r.number)) !== undefined;
      },
      create: (r) => importProposal(trx, actor, r),
      update: (r) => importProposal(trx, actor, r),
    }),
  async exportRecords(db: Db, actor: Actor) {
    return (await allProposals(db, actor)).map(proposalRecord);
  },
};
