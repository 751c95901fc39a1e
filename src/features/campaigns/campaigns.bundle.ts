import type { Db, Tx } from '../../db/index.js';
import type { Actor } from '../../policy/policy.js';
import { upsertEach, type BundleSection } from '../bundle/bundle.service.js';
import * as repo from './campaigns.repository.js';
import { ZCampaign, ZPhase, type TCampaign } from './campaigns.schemas.js';
import { createCampaign, createPhase, listCampaigns, listPhases, updateCampaign, updatePhase } from './campaigns.service.js';
import type { z } from '../../lib/validation.js';

export const campaignsBundle: BundleSection<TCampaign> = {
  key: 'campaigns',
  label: 'Chủ đề năm',
  record: ZCampaign,
  importRecords: (trx: Tx, actor: Actor, records: TCampaign[]) =>
    upsertEach('campaigns', records, {
      exists: async (r) => (await repo.findCampaignByCode(trx, r.code)) !== undefined,
      create: (r) => createCampaign(trx, { actor, input: r }),
      update: ({ code, ...rest }) => updateCampaign(trx, { actor, code, input: rest }),
    }),
  async exportRecords(db: Db, actor: Actor) {
    const all = await listCampaigns(db, actor);
    return all.map((c) => ({
        code: c.code,
        unit: c.unit,
        year: c.year,
        theme: c.theme,
        plan: c.plan?.number ?? null,
        planDate: c.plan?.date ?? null,
        startsOn: c.startsOn,
        endsOn: c.endsOn,
        fields: c.fields,
        criteria: c.criteria,
        bands: c.bands,
        publishMoney: c.publishMoney,
      }));
  },
};

type TPhase = z.infer<typeof ZPhase>;

/** Phases (giai đoạn): a unit's campaigns from one year to another. */
export const phasesBundle: BundleSection<TPhase> = {
  key: 'phases',
  label: 'Giai đoạn',
  record: ZPhase,
  importRecords: (trx: Tx, actor: Actor, records: TPhase[]) =>
    upsertEach('phases', records, {
      exists: async (r) => (await repo.findPhaseByCode(trx, r.code)) !== undefined,
      create: (r) => createPhase(trx, { actor, input: r }),
      update: ({ code, ...rest }) => updatePhase(trx, { actor, code, input: rest }),
    }),
  async exportRecords(db: Db, actor: Actor) {
    return (await listPhases(db, actor)).map((p) => ({ code: p.code, name: p.name, unit: p.unit, fromYear: p.fromYear, toYear: p.toYear }));
  },
};
