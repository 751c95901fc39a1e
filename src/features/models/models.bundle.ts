import type { Db, Tx } from '../../db/index.js';
import { toIsoVn } from '../../lib/vi.js';
import { inSubtree, type Actor } from '../../policy/policy.js';
import { atRecord, type BundleSection } from '../bundle/bundle.service.js';
import { listCampaignRows } from '../campaigns/campaigns.service.js';
import * as repo from './models.repository.js';
import { ZModelRecord, ZModelResultRow, type TModelRecord, type TModelResultRow } from './models.schemas.js';
import { applyAchievements, assessmentsByModel, ModelBatch, presentModel, recognitionsByModel, resultsByModel, saveModelResultRow, worksByModel } from './models.service.js';

export const modelsBundle: BundleSection<TModelRecord> = {
  key: 'models',
  label: 'Mô hình',
  record: ZModelRecord,
  /**
   * New codes are registered, a code already present gets its content updated (its status
   * stays) — in batches (ModelBatch). An error names its record (`models[4].unit: …`).
   */
  async importRecords(trx: Tx, actor: Actor, records: TModelRecord[]) {
    const batch = new ModelBatch(trx, actor);
    await batch.knowCodes(records.map((r) => r.code));
    let created = 0;
    let updated = 0;
    const withResults: { i: number; code: string; r: TModelRecord }[] = [];
    for (const [i, r] of records.entries()) {
      try {
        let code = r.code;
        if (r.code && (await batch.exists(r.code))) {
          await batch.edit(r.code, r);
          updated++;
        } else {
          code = await batch.add(r);
          created++;
        }
        if ((r.results || r.recognitions || r.assessments || r.work !== undefined) && code) withResults.push({ i, code, r });
      } catch (e) {
        throw atRecord('models', i, e);
      }
    }
    await batch.flush();
    // a record's results and recognitions, once its model is written: given, they are the model's
    for (const { i, code, r } of withResults) {
      try {
        await applyAchievements(trx, actor, code, r);
      } catch (e) {
        throw atRecord('models', i, e);
      }
    }
    return { created, updated };
  },
  async exportRecords(db: Db, actor: Actor) {
    const campaigns = await listCampaignRows(db);
    const rows = (await repo.allModelsOfCampaigns(db, campaigns.map((c) => c.id))).filter(
      (m) => inSubtree(actor, m.unit_path),
    );
    const ids = rows.map((r) => r.id);
    const [results, recognitions, assessments, works] = await Promise.all([resultsByModel(db, ids), recognitionsByModel(db, ids), assessmentsByModel(db, ids), worksByModel(db, ids)]);
    return rows.map((r) => ({ m: presentModel(r), sentAt: r.status !== 'draft' && r.submitted_at ? toIsoVn(r.submitted_at) : null, res: results.get(r.id), rec: recognitions.get(r.id), ass: assessments.get(r.id), work: works.get(r.id) })).map(({ m, sentAt, res, rec, ass, work }) => ({
      code: m.code,
      campaign: m.campaign,
      unit: m.unit,
      field: m.field,
      holder: m.holder,
      holderName: m.holderName,
      name: m.name,
      registeredOn: m.registeredOn,
      status: m.status,
      submittedAt: sentAt,
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
      ...(res ? { results: res } : {}),
      ...(rec ? { recognitions: rec } : {}),
      ...(ass ? { assessments: ass } : {}),
      ...(work ? { work } : {}),
    }));
  },
};

/**
 * The models workbook's "Kết quả" sheet (not a section of the JSON bundle, whose models carry their
 * results): each row a result of its model (saveModelResultRow); all or nothing. Exported rows carry
 * their results' ids, so a list exported, corrected and imported again changes the rows corrected
 * and adds the new ones.
 */
export const modelResultsSheetSection: BundleSection<TModelResultRow> = {
  key: 'modelResults',
  label: 'Kết quả của mô hình',
  record: ZModelResultRow,
  async importRecords(trx: Tx, actor: Actor, records: TModelResultRow[]) {
    let created = 0;
    let updated = 0;
    for (const [i, r] of records.entries()) {
      const { model, campaign, ...result } = r;
      try {
        const done = await saveModelResultRow(trx, { actor, code: model, campaign, input: result });
        if (done === 'created') created++;
        if (done === 'updated') updated++;
      } catch (e) {
        throw atRecord('modelResults', i, e);
      }
    }
    return { created, updated };
  },
  async exportRecords() {
    return [];
  },
};
