/**
 * The demo's 6-month appraisal of LB-2021: three appraisers of the Ban Dân vận score every
 * eligible model (registered by 30/06/2021), the proposal takes the best per field by the
 * seed's split, and one published decision rewards 31 models: 4 VH-XH, 7 môi trường, 16 GPMB,
 * 1 kinh tế, 3 TTĐT. Scores are invented, deterministically.
 */
import type { Tx } from '../../db/index.js';
import { findUserByUsername } from '../../features/accounts/accounts.service.js';
import { createUser } from '../accounts/accounts.service.js';
import type { UserActor } from '../../policy/policy.js';
import { systemActor } from '../../policy/policy.js';
import { eligibleModels, findRound, conflictOfInterest, createDecision, createRound, proposeModels, publishDecision, scoreModel } from '../appraisal/appraisal.service.js';
import { criteriaOf } from '../campaigns/campaigns.service.js';
import { DEMO_CAMPAIGN, rng } from './demo.campaign.js';

export const DEMO_ROUND = 'LB-2021-6T';
const DEMO_DECISION = '3179/QĐ-UBND';
const APPRAISERS = [
  { username: 'thamdinh1', fullName: 'Lê Thị Thu Hà' },
  { username: 'thamdinh2', fullName: 'Phạm Quang Minh' },
  { username: 'thamdinh3', fullName: 'Đỗ Ngọc Lan' },
];

async function asUser(trx: Tx, username: string): Promise<UserActor> {
  const u = (await findUserByUsername(trx, username))!;
  return { kind: 'user', userId: u.id, username: u.username, fullName: u.full_name, unitId: u.unit_id, unitCode: u.unit_code, unitName: u.unit_name, unitPath: u.unit_path, roles: ['appraiser'], ip: null, via: 'session' };
}

export async function loadDemoAppraisal(trx: Tx, password: string): Promise<void> {
  const system = systemActor('demo');
  for (const a of APPRAISERS) {
    await createUser(trx, { actor: system, input: { username: a.username, fullName: a.fullName, unit: 'LB-BDV', roles: ['appraiser'], password } });
  }
  await createUser(trx, { actor: system, input: { username: 'hoidong', fullName: 'Hội đồng Thi đua - Khen thưởng quận', unit: 'LB', roles: ['council'], password } });
  await createRound(trx, {
    actor: system,
    input: {
      code: DEMO_ROUND,
      campaign: DEMO_CAMPAIGN,
      name: 'Sơ kết 6 tháng đầu năm 2021',
      kind: 'sixMonth',
      opensOn: '2021-07-01',
      closesOn: '2021-07-15',
      cutoffOn: '2021-06-30',
      appraisers: APPRAISERS.map((a) => a.username),
      quotas: { VHXH: 4, MT: 7, GPMB: 16, KT: 1, TTDT: 3 },
    },
  });
  const round = (await findRound(trx, DEMO_ROUND))!;
  const models = await eligibleModels(trx, [round.campaign_id], round.cutoff_on);
  const criteria = await criteriaOf(trx, round.campaign_id);
  const next = rng(2021_06_30);
  const quality = new Map(models.map((m) => [m.id, 0.55 + next() * 0.4]));
  for (const a of APPRAISERS) {
    const actor = await asUser(trx, a.username);
    for (const m of models) {
      if (conflictOfInterest(m.unit_path, actor.unitPath, round.campaign_unit_path)) continue;
      const q = quality.get(m.id)!;
      const points = Object.fromEntries(criteria.map((c) => [c.code, Math.max(0, Math.min(c.weight, Math.round(c.weight * (q + (next() - 0.5) * 0.1))))]));
      await scoreModel(trx, { actor, roundCode: DEMO_ROUND, modelCode: m.code, input: { points, submit: true }, today: '2021-07-10' });
    }
  }
  await proposeModels(trx, { actor: system, code: DEMO_ROUND, input: { mode: 'auto' } });
  await createDecision(trx, {
    actor: system,
    input: {
      number: DEMO_DECISION,
      campaign: DEMO_CAMPAIGN,
      round: DEMO_ROUND,
      date: '2021-07-28',
      issuer: 'Chủ tịch UBND quận Long Biên',
      signerTitle: 'Chủ tịch UBND quận',
      form: 'Giấy khen',
    },
  });
  await publishDecision(trx, { actor: system, number: DEMO_DECISION, confirm: true });
}
