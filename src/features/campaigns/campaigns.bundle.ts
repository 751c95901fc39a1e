import type { Db, Tx } from '../../db/index.js';
import type { Actor } from '../accounts/policy.js';
import { atRecord, type BundleSection } from '../bundle/bundle.service.js';
import * as repo from './campaigns.repository.js';
import { ZCampaign, type TCampaign } from './campaigns.schemas.js';
import { createCampaign, listCampaigns, updateCampaign } from './campaigns.service.js';

export const campaignsBundle: BundleSection<TCampaign> = {
  key: 'campaigns',
  label: 'Chủ đề năm',
  record: ZCampaign,
  async importRecords(trx: Tx, actor: Actor, records: TCampaign[]) {
    let created = 0;
    let updated = 0;
    for (const [i, r] of records.entries()) {
      try {
        if (await repo.findCampaignByCode(trx, r.code)) {
          const { code, ...rest } = r;
          await updateCampaign(trx, { actor, code, input: rest });
          updated++;
        } else {
          await createCampaign(trx, { actor, input: r });
          created++;
        }
      } catch (e) {
        throw atRecord('campaigns', i, e);
      }
    }
    return { created, updated };
  },
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
      }));
  },
};
