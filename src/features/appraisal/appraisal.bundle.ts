import type { Db, Tx } from '../../db/index.js';
import { conflict } from '../../lib/errors.js';
import type { Actor } from '../../policy/policy.js';
import { upsertEach, type BundleSection } from '../bundle/bundle.service.js';
import { listCampaigns } from '../campaigns/campaigns.service.js';
import { findDecision } from './appraisal.repository.js';
import { ZDecision, type TDecision } from './appraisal.schemas.js';
import { createDecision, listDecisions, publishDecision, revokeDecision } from './appraisal.service.js';

/**
 * Reward decisions (DESIGN §5). Without a status a decision is published. A decision is a legal
 * record: one already present is never overwritten (409).
 */
export const rewardDecisionsBundle: BundleSection<TDecision> = {
  key: 'rewardDecisions',
  label: 'Quyết định khen thưởng',
  record: ZDecision,
  importRecords: (trx: Tx, actor: Actor, records: TDecision[]) =>
    upsertEach('rewardDecisions', records, {
      exists: async (r) => (await findDecision(trx, r.number)) !== undefined,
      update: async (r) => {
        throw conflict(`quyết định số ${r.number} đã có; quyết định đã ban hành không bị ghi đè`, 'number');
      },
      create: async (r) => {
        await createDecision(trx, { actor, input: r });
        const status = r.status ?? 'published';
        if (status !== 'draft') await publishDecision(trx, { actor, number: r.number, confirm: true });
        if (status === 'revoked') await revokeDecision(trx, { actor, number: r.number, input: { reason: r.revokeReason ?? 'Thu hồi (nhập từ gói dữ liệu)' } });
      },
    }),
  async exportRecords(db: Db, actor: Actor) {
    const campaigns = new Set((await listCampaigns(db, actor)).map((c) => c.code));
    return (await listDecisions(db, actor))
      .filter((d) => campaigns.has(d.campaign))
      .reverse()
      .map((d) => ({
        number: d.number,
        campaign: d.campaign,
        phase: d.phase?.code ?? null,
        date: d.date,
        issuer: d.issuer,
        signer: d.signer,
        signerTitle: d.signerTitle,
        form: d.form,
        models: d.models.map((m) => m.code),
        status: d.status,
        revokeReason: d.revokeReason,
      }));
  },
};
