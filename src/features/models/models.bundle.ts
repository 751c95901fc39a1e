import type { Db, Tx } from '../../db/index.js';
import type { Actor } from '../accounts/policy.js';
import { upsertEach, type BundleSection } from '../bundle/bundle.service.js';
import { listCampaignRows } from '../campaigns/campaigns.repository.js';
import * as repo from './models.repository.js';
import { ZModelRecord, type TModelRecord } from './models.schemas.js';
import { editModel, presentModel, registerModel } from './models.service.js';

export const modelsBundle: BundleSection<TModelRecord> = {
  key: 'models',
  label: 'Mô hình',
  record: ZModelRecord,
  /** New codes are registered; a code already present gets its content updated (its status stays). */
  importRecords: (trx: Tx, actor: Actor, records: TModelRecord[]) =>
    upsertEach('models', records, {
      exists: async (r) => Boolean(r.code && (await repo.findModelByCode(trx, r.code))),
      create: (r) => registerModel(trx, { actor, input: r }),
      update: (r) => editModel(trx, { actor, code: r.code!, input: r }),
    }),
  async exportRecords(db: Db, actor: Actor) {
    const campaigns = await listCampaignRows(db);
    const rows = (await repo.allModelsOfCampaigns(db, campaigns.map((c) => c.id))).filter(
      (m) => actor.kind === 'system' || m.unit_path.startsWith(actor.unitPath),
    );
    return rows.map(presentModel).map((m) => ({
      code: m.code,
      campaign: m.campaign,
      unit: m.unit,
      field: m.field,
      holder: m.holder,
      holderName: m.holderName,
      name: m.name,
      registeredOn: m.registeredOn,
      status: m.status,
      stoppedOn: m.stoppedOn,
      stopReason: m.stopReason,
      returnReason: m.returnReason,
      exemplary: m.exemplary,
      problem: m.problem,
      goals: m.goals,
      method: m.method,
      scope: m.scope,
      forces: m.forces,
      resources: m.resources,
      timeline: m.timeline,
      expectedResults: m.expectedResults,
      replicability: m.replicability,
    }));
  },
};
