/**
 * The "Dân vận khéo" model registry. Life cycle: draft → submitted → registered (accepted by an
 * officer of the campaign's unit or above, never by whoever submitted it) or returned with a
 * reason → stopped. Only registered models are public.
 */
import type { Insertable } from 'kysely';
import type { Db, Tx } from '../../db/index.js';
import { badInput, conflict, fieldError, notFound, type FieldIssue } from '../../lib/errors.js';
import { parseInput } from '../../lib/validation.js';
import { fold, formatNumber, parseDate, todayVn, viSortKey } from '../../lib/vi.js';
import { authorize, authorizeReadIf, can, ForbiddenError, HiddenError, inSubtree, type Actor } from '../../policy/policy.js';
import { audit, auditMany } from '../audit/audit.service.js';
import { fieldsOf, type CampaignWithUnit, requireCampaign } from '../campaigns/campaigns.service.js';
import type { CampaignFieldRow } from '../campaigns/campaigns.service.js';
import { findUnitByCode, unitLabel } from '../units/units.service.js';
import type { UnitRow } from '../units/units.service.js';
import * as repo from './models.repository.js';
import { attachmentsOfFile, filesOfUpdates, findFile, linkFileToUpdate, type FileMeta, checkUploads, cleanName, sniff, storeFile, type Upload } from '../files/files.service.js';
import { modelLabels, ZAccept, ZEditModel, ZModelRecord, ZModelAssessment, ZModelRecognition, ZModelResult, ZModelUpdate, ZModelWork, ZReason, ZStop, type PresentedModel, type TModelAssessment, type TModelRecord, type TModelWork, type TEditModel, type TModelRecognition, type TModelResult } from './models.schemas.js';
import { HOLDER_LABELS, MODEL_STATUS_LABELS, PUBLIC_STATUSES, RECOGNITION_LEVEL_LABELS, RECOGNITION_LEVELS, type Holder, type ModelStatus, type ModelTable, type RecognitionLevel } from './models.table.js';
import { isPublicModel, modelSearchEntry, syncModelSearchOf } from './models.search.js';
import { indexEntries, unindexEntries, upsertEntries } from '../search/search.service.js';
import { CodeSequence } from '../../lib/codes.js';
import { notify } from '../notices/notices.service.js';
import { whoActs } from '../accounts/accounts.service.js';

export { PUBLIC_STATUSES };

export function presentModel(r: repo.ModelWithRefs): PresentedModel {
  return {
    code: r.code,
    campaign: r.campaign_code,
    unit: r.unit_code,
    unitName: unitLabel(r.unit_name, r.unit_kind, r.parent_name),
    field: r.field_code,
    fieldName: r.field_name,
    holder: r.holder,
    holderLabel: HOLDER_LABELS[r.holder as Holder] ?? r.holder,
    holderName: r.holder_name,
    carriedOutBy: r.holder_name ?? unitLabel(r.unit_name, r.unit_kind, r.parent_name),
    name: r.name,
    status: r.status,
    statusLabel: MODEL_STATUS_LABELS[r.status as ModelStatus] ?? r.status,
    registeredOn: r.registered_on,
    exemplary: r.exemplary === 1,
    problem: r.problem,
    goals: r.goals,
    method: r.method,
    scope: r.scope,
    forces: r.forces,
    resources: r.resources,
    timeline: r.timeline,
    expectedResults: r.expected_results,
    replicability: r.replicability,
    returnReason: r.return_reason,
    stoppedOn: r.stopped_on,
    stopReason: r.stop_reason,
  };
}

const now = () => new Date().toISOString();
const userId = (a: Actor) => (a.kind === 'user' ? a.userId : null);

/** The answer for a model code that does not exist — and for a model the reader may not see. */
const modelMissing = (code: string) => notFound(`Không tìm thấy mô hình "${code}".`);

async function requireModel(db: Db, code: string): Promise<repo.ModelWithRefs> {
  const m = await repo.findModelByCode(db, code);
  if (!m) throw modelMissing(code);
  return m;
}

/** What a model's references are looked up with: the database each time, or a batch's memo. */
interface RefLookups {
  campaign: (code: string) => Promise<CampaignWithUnit>;
  unit: (code: string) => Promise<UnitRow | undefined>;
  fields: (campaignId: number) => Promise<CampaignFieldRow[]>;
}

const directLookups = (db: Db): RefLookups => ({
  campaign: (code) => requireCampaign(db, code),
  unit: (code) => findUnitByCode(db, code),
  fields: (id) => fieldsOf(db, id),
});

/** The same lookups, each answer kept for the batch (a workbook of 10 000 rows names a few hundred units). */
function memoLookups(db: Db): RefLookups {
  const memo = <K, V>(f: (k: K) => Promise<V>) => {
    const kept = new Map<K, Promise<V>>();
    return (k: K) => {
      let p = kept.get(k);
      if (!p) kept.set(k, (p = f(k)));
      return p;
    };
  };
  const d = directLookups(db);
  return { campaign: memo(d.campaign), unit: memo(d.unit), fields: memo(d.fields) };
}

/** Resolves unit and field for a model of `campaign`, checking the unit lies in the campaign's subtree. */
async function resolveRefs(look: RefLookups, campaignId: number, campaignUnitPath: string, data: { unit: string; field: string }) {
  const unit = await look.unit(data.unit);
  if (!unit) throw fieldError('unit', `Đơn vị: không tìm thấy đơn vị "${data.unit}"`);
  if (!unit.path.startsWith(campaignUnitPath)) throw fieldError('unit', `Đơn vị: "${unit.name}" không thuộc phạm vi của chủ đề năm này`);
  const field = (await look.fields(campaignId)).find((f) => f.code === data.field);
  if (!field) throw fieldError('field', `Lĩnh vực: không có lĩnh vực "${data.field}" trong chủ đề năm này`);
  return { unit, field };
}

const contentColumns = (d: TEditModel) => ({
  holder: d.holder,
  holder_name: d.holderName,
  name: d.name,
  search_folded: fold(`${d.name} ${d.holderName ?? ''}`),
  sort_key: viSortKey(d.name),
  problem: d.problem,
  goals: d.goals,
  method: d.method,
  scope: d.scope,
  forces: d.forces,
  resources: d.resources,
  timeline: d.timeline,
  expected_results: d.expectedResults,
  replicability: d.replicability,
});

/** The code numbered `n` in a campaign: LB-2021-0042. */
const modelCode = (campaign: { code: string }, n: number) => `${campaign.code}-${String(n).padStart(4, '0')}`;

async function nextCode(db: Db, campaign: { id: number; code: string }): Promise<string> {
  let n = (await repo.modelsNumbered(db, campaign.id)) + 1;
  for (;;) {
    const code = modelCode(campaign, n);
    if (!(await repo.findModelByCode(db, code))) return code;
    n++;
  }
}

/**
 * Checks a new model's record and the actor's rights to it, and gives the row to insert but its
 * code: every rule of registering a model, for one record (registerModel) or many (ModelBatch).
 */
async function checkNewModel(db: Db, actor: Actor, input: unknown, look: RefLookups) {
  const d = parseInput(ZModelRecord, input, modelLabels);
  const campaign = await look.campaign(d.campaign).catch(() => {
    throw fieldError('campaign', `Chủ đề năm: không tìm thấy chủ đề năm "${d.campaign}"`);
  });
  const { unit, field } = await resolveRefs(look, campaign.id, campaign.unit_path, d);
  authorize(actor, 'model.edit', { unitPath: unit.path, entityType: 'model', entityId: d.code ?? undefined });
  const status: ModelStatus = d.status ?? (d.registeredOn ? 'registered' : 'draft');
  const decided = status === 'registered' || status === 'stopped' || status === 'returned';
  if (decided || d.exemplary) authorize(actor, 'model.decide', { unitPath: campaign.unit_path, entityType: 'model', entityId: d.code ?? undefined });
  if (d.exemplary && status !== 'registered' && status !== 'stopped') throw fieldError('exemplary', 'Mô hình tiêu biểu: chỉ mô hình đã được ghi nhận đăng ký mới được đánh dấu tiêu biểu');
  const registeredOn = status === 'registered' || status === 'stopped' ? (d.registeredOn ?? todayVn()) : null;
  const t = now();
  const row = (code: string): Insertable<ModelTable> => ({
    code,
    campaign_id: campaign.id,
    unit_id: unit.id,
    field_id: field.id,
    ...contentColumns(d),
    exemplary: d.exemplary ? 1 : 0,
    status,
    registered_on: registeredOn,
    submitted_at: status === 'draft' ? null : d.submittedAt ? new Date(d.submittedAt).toISOString() : t,
    submitted_by: status === 'draft' ? null : userId(actor),
    decided_at: decided ? t : null,
    decided_by: decided ? userId(actor) : null,
    return_reason: status === 'returned' ? (d.returnReason ?? null) : null,
    stopped_on: status === 'stopped' ? (d.stoppedOn ?? registeredOn) : null,
    stop_reason: status === 'stopped' ? (d.stopReason ?? null) : null,
    created_by: userId(actor),
    created_at: t,
    updated_at: t,
  });
  return { code: d.code ?? null, campaign, row, record: d };
}

/**
 * Registers a model from a form, the API or a bundle record. Without a status, a record with
 * `registeredOn` is a registered model (past work being entered) and one without is a draft.
 * Recording a model as already accepted needs the right to accept in the campaign's scope.
 */
export async function registerModel(trx: Tx, { actor, input }: { actor: Actor; input: unknown }): Promise<PresentedModel> {
  const m = await checkNewModel(trx, actor, input, directLookups(trx));
  if (m.code && (await repo.findModelByCode(trx, m.code))) throw conflict(`Mã mô hình "${m.code}" đã tồn tại.`, 'code');
  const code = m.code ?? (await nextCode(trx, m.campaign));
  await repo.insertModel(trx, m.row(code));
  const row = await requireModel(trx, code);
  await syncModelSearchOf(trx, row);
  const out = presentModel(row);
  await audit(trx, actor, { action: 'model.register', entityType: 'model', entityId: code, after: out });
  await applyAchievements(trx, actor, code, m.record);
  return out;
}

/**
 * Many models in one transaction (a workbook, a bundle): new ones and edits of recorded ones,
 * each record checked by the same rules as registerModel or editModel when it is queued, with the
 * same errors, new ones numbered as registerModel would number them; written by `flush` — new
 * models a few hundred rows a statement, an edit one UPDATE — with their search entries and audit
 * rows in bulk (on PostgreSQL one statement costs as much as a row's whole work in memory). A
 * caller that reads or changes models in between must flush first.
 */
export class ModelBatch {
  private readonly look: RefLookups;
  private adds: Insertable<ModelTable>[] = [];
  private edits: { m: repo.ModelWithRefs; patch: Parameters<typeof repo.updateModelRow>[2] }[] = [];
  private readonly seqs = new Map<number, { next: number; codes: CodeSequence }>();
  /** every code this batch writes (queued or flushed) */
  private readonly inBatch = new Set<string>();
  /** models recorded under the codes asked about, as last read or written */
  private readonly recorded = new Map<string, repo.ModelWithRefs>();
  private readonly asked = new Set<string>();

  constructor(
    private readonly trx: Tx,
    private readonly actor: Actor,
  ) {
    this.look = memoLookups(trx);
  }

  /** Reads at once the models recorded under these codes (those the records bring). */
  async knowCodes(codes: readonly (string | null | undefined)[]): Promise<void> {
    const asking = [...new Set(codes.filter((x): x is string => Boolean(x) && !this.asked.has(x!)))];
    for (const m of await repo.findModelsByCodes(this.trx, asking)) this.recorded.set(m.code, m);
    for (const c of asking) this.asked.add(c);
  }

  /** True when a model has this code, or will have it at the next flush. */
  async exists(code: string): Promise<boolean> {
    if (!this.asked.has(code)) await this.knowCodes([code]);
    return this.recorded.has(code) || this.inBatch.has(code);
  }

  /** Checks a new model's record and queues it; returns the code it will have. */
  async add(input: unknown): Promise<string> {
    const m = await checkNewModel(this.trx, this.actor, input, this.look);
    let seq = this.seqs.get(m.campaign.id);
    if (!seq) {
      const numbered = await repo.modelsNumbered(this.trx, m.campaign.id, { lock: true });
      seq = { next: numbered + 1, codes: new CodeSequence((n) => modelCode(m.campaign, n), (codes) => repo.existingModelCodes(this.trx, codes), this.inBatch) };
      this.seqs.set(m.campaign.id, seq);
    }
    if (m.code && (await this.exists(m.code))) throw conflict(`Mã mô hình "${m.code}" đã tồn tại.`, 'code');
    if (this.edits.length) await this.flush();
    let code = m.code;
    if (code) this.inBatch.add(code);
    else code = await seq.codes.next(seq.next);
    // every model counts in its campaign's numbering, as repo.insertModel counts it
    seq.next++;
    this.adds.push(m.row(code));
    if (this.adds.length >= 1000) await this.flush();
    return code;
  }

  /** Checks an edit of a model's content (as editModel) and queues it. */
  async edit(code: string, input: unknown): Promise<void> {
    // a model added or edited earlier in the batch is written first, then edited as it then is
    if ((this.inBatch.has(code) && !this.recorded.has(code)) || this.edits.some((e) => e.m.code === code)) {
      await this.flush();
      this.asked.delete(code);
    }
    if (!this.asked.has(code)) await this.knowCodes([code]);
    const m = this.recorded.get(code);
    if (!m) throw notFound(`Không tìm thấy mô hình "${code}".`);
    authorize(this.actor, 'model.edit', { unitPath: m.unit_path, entityType: 'model', entityId: code });
    if (m.status !== 'draft' && m.status !== 'returned') authorize(this.actor, 'model.decide', deciderScope(m));
    const d = parseInput(ZEditModel, input, modelLabels);
    const { unit, field } = await resolveRefs(this.look, m.campaign_id, m.campaign_unit_path, d);
    authorize(this.actor, 'model.edit', { unitPath: unit.path, entityType: 'model', entityId: code });
    if (this.adds.length) await this.flush();
    this.edits.push({ m, patch: { unit_id: unit.id, field_id: field.id, ...contentColumns(d), updated_at: now() } });
    if (this.edits.length >= 1000) await this.flush();
  }

  /** Writes what is queued, with search entries and audit rows. */
  async flush(): Promise<void> {
    if (this.adds.length) await this.flushAdds();
    if (this.edits.length) await this.flushEdits();
  }

  private async flushAdds(): Promise<void> {
    const rows = this.adds;
    this.adds = [];
    const ids = await repo.insertModels(this.trx, rows);
    const written = await repo.findModelsByIds(this.trx, ids);
    for (const r of written) {
      this.recorded.set(r.code, r);
      this.asked.add(r.code);
    }
    await indexEntries(this.trx, written.filter(isPublicModel).map(modelSearchEntry));
    await auditMany(
      this.trx,
      this.actor,
      written.map((r) => ({ action: 'model.register', entityType: 'model', entityId: r.code, after: presentModel(r) })),
    );
  }

  private async flushEdits(): Promise<void> {
    const edits = this.edits;
    this.edits = [];
    for (const e of edits) await repo.updateModelRow(this.trx, e.m.id, e.patch);
    const written = await repo.findModelsByIds(
      this.trx,
      edits.map((e) => e.m.id),
    );
    for (const r of written) this.recorded.set(r.code, r);
    await upsertEntries(this.trx, written.filter(isPublicModel).map(modelSearchEntry));
    await unindexEntries(
      this.trx,
      'model',
      written.filter((r) => !isPublicModel(r)).map((r) => r.id),
    );
    await auditMany(
      this.trx,
      this.actor,
      written.map((r, i) => ({ action: 'model.edit', entityType: 'model', entityId: r.code, before: presentModel(edits[i]!.m), after: presentModel(r) })),
    );
  }
}

/** True when the actor may see the model: inside their subtree, or public (registered). */
/** Who may read a model (its page, its files, a reference to it in another record's body). */
export function mayReadModel(actor: Actor, m: Pick<repo.ModelWithRefs, 'unit_path' | 'campaign_unit_path' | 'status'>): boolean {
  if (actor.kind === 'system') return true;
  if (!can(actor, 'model.read')) return false;
  return inSubtree(actor, m.unit_path) || inSubtree(actor, m.campaign_unit_path) || PUBLIC_STATUSES.includes(m.status as ModelStatus);
}

/** A model as the portal shows it: what the registration says publicly, nothing of its workflow. */
interface PublicModel {
  code: string;
  name: string;
  holderLabel: string;
  carriedOutBy: string;
  unitName: string;
  fieldName: string;
  campaign: { code: string; year: number; theme: string };
  registeredOn: string | null;
  stoppedOn: string | null;
  exemplary: boolean;
  /** the description, in the registration form's order; empty parts left out */
  sections: { title: string; text: string }[];
}

const PUBLIC_SECTIONS = [
  ['problem', 'Vấn đề cần giải quyết'],
  ['goals', 'Mục tiêu'],
  ['method', 'Cách làm'],
  ['scope', 'Địa bàn, đối tượng thụ hưởng'],
  ['forces', 'Lực lượng tham gia'],
  ['resources', 'Nguồn lực'],
  ['timeline', 'Thời gian thực hiện'],
  ['expectedResults', 'Kết quả'],
  ['replicability', 'Khả năng nhân rộng'],
] as const;

/** A public (registered or stopped) model for its portal page; 404 for any other or unknown code. */
export async function getPublicModel(db: Db, code: string): Promise<PublicModel> {
  const m = await repo.findModelByCode(db, code);
  if (!m || !PUBLIC_STATUSES.includes(m.status as ModelStatus)) throw notFound('Không tìm thấy mô hình này trên cổng thông tin.');
  const p = presentModel(m);
  const campaign = await requireCampaign(db, p.campaign);
  return {
    code: p.code,
    name: p.name,
    holderLabel: p.holderLabel,
    carriedOutBy: p.carriedOutBy,
    unitName: p.unitName,
    fieldName: p.fieldName,
    campaign: { code: campaign.code, year: campaign.year, theme: campaign.theme },
    registeredOn: p.registeredOn,
    stoppedOn: p.status === 'stopped' ? p.stoppedOn : null,
    exemplary: p.exemplary,
    sections: PUBLIC_SECTIONS.flatMap(([key, title]) => (p[key] ? [{ title, text: p[key] }] : [])),
  };
}

/** What the actor may do with this model now, so pages offer only actions that will succeed. */
export async function modelRights(db: Db, actor: Actor, code: string): Promise<{ edit: boolean; decide: boolean; accept: boolean }> {
  const m = await requireModel(db, code);
  const edit = can(actor, 'model.edit', { unitPath: m.unit_path });
  const decide = can(actor, 'model.decide', deciderScope(m));
  const accept = decide && !(actor.kind === 'user' && m.submitted_by === actor.userId);
  return { edit, decide, accept };
}

/** Throws unless the actor may read the model: as a missing model (issue #20), or 403 `forWrite`. */
function checkRead(actor: Actor, m: repo.ModelWithRefs, forWrite = false): void {
  const resource = { unitPath: m.unit_path, entityType: 'model', entityId: m.code };
  if (!forWrite) authorizeReadIf(actor, 'model.read', mayReadModel(actor, m), resource, () => modelMissing(m.code));
  else if (!mayReadModel(actor, m)) throw new ForbiddenError('model.read', resource);
}

/**
 * A model the actor may read; one they may not is answered as a model that does not exist
 * (issue #20). `forWrite`: the model is read on the way to a change (the edit form's post), whose
 * refusal stays a 403.
 */
export async function getModel(db: Db, actor: Actor, code: string, opts: { forWrite?: boolean } = {}): Promise<PresentedModel> {
  const m = await requireModel(db, code);
  checkRead(actor, m, opts.forWrite);
  return presentModel(m);
}

/** A model for its edit form: hidden as missing when the actor may not read it, else the same rule as editModel. */
export async function getModelForEdit(db: Db, actor: Actor, code: string): Promise<PresentedModel> {
  checkRead(actor, await requireModel(db, code));
  const m = await loadForEdit(db, actor, code);
  if (m.status !== 'draft' && m.status !== 'returned') authorize(actor, 'model.decide', deciderScope(m));
  return presentModel(m);
}

export interface ModelQuery {
  campaign?: string | undefined;
  unit?: string | undefined;
  field?: string | undefined;
  holder?: string | undefined;
  status?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
  exemplary?: boolean | undefined;
  page?: number | undefined;
  pageSize?: number | undefined;
  /** 'name' (Vietnamese order, the default), 'action' (waiting on someone first, then newest), 'recent' (newest first) */
  order?: ModelOrder | undefined;
}

export const MODEL_ORDERS = { action: 'Cần xử lý trước', recent: 'Mới nhất trước', name: 'Tên (A–Z)' } as const;
type ModelOrder = keyof typeof MODEL_ORDERS;
export const isModelOrder = (s: string | undefined): s is ModelOrder => s !== undefined && Object.hasOwn(MODEL_ORDERS, s);

/**
 * The unit a user's model list opens on: their own unit when it lies under the campaign's unit
 * (a ward officer works on the ward's models, not the district's 475), else none (the campaign's
 * unit and above see the whole campaign).
 */
export async function defaultListUnit(db: Db, actor: Actor, campaignCode: string | undefined): Promise<string | undefined> {
  if (actor.kind !== 'user' || !campaignCode) return undefined;
  const campaign = await requireCampaign(db, campaignCode).catch(() => undefined);
  if (!campaign) return undefined;
  return actor.unitPath !== campaign.unit_path && actor.unitPath.startsWith(campaign.unit_path) ? actor.unitCode : undefined;
}

/**
 * Models matching the query, in Vietnamese order (or `order`). Outside the actor's own subtree
 * only public (registered) models are listed.
 */
export async function listModels(db: Db, actor: Actor, q: ModelQuery): Promise<{ items: PresentedModel[]; total: number; page: number; pageSize: number }> {
  authorize(actor, 'model.read');
  const pageSize = Math.min(Math.max(q.pageSize ?? 50, 1), 1000);
  const page = Math.max(1, q.page ?? 1);
  const campaign = q.campaign ? await requireCampaign(db, q.campaign) : undefined;
  const unit = q.unit ? await findUnitByCode(db, q.unit) : undefined;
  if (q.unit && !unit) throw fieldError('unit', `Đơn vị: không tìm thấy đơn vị "${q.unit}"`);
  const unitPath = unit?.path;
  const ownScope = actor.kind === 'system' || (unitPath !== undefined && inSubtree(actor, unitPath)) || (campaign !== undefined && inSubtree(actor, campaign.unit_path));
  let statuses = q.status ? [q.status] : undefined;
  if (!ownScope) statuses = (statuses ?? PUBLIC_STATUSES).filter((s) => PUBLIC_STATUSES.includes(s as ModelStatus));
  const from = q.from ? parseDate(q.from) : null;
  const to = q.to ? parseDate(q.to) : null;
  if (q.from && !from) throw fieldError('from', 'Từ ngày: phải là ngày hợp lệ (dd/mm/yyyy)');
  if (q.to && !to) throw fieldError('to', 'Đến ngày: phải là ngày hợp lệ (dd/mm/yyyy)');
  const { rows, total } = await repo.listModels(
    db,
    {
      campaignId: campaign?.id,
      unitPath,
      fieldCode: q.field || undefined,
      holder: q.holder || undefined,
      statuses: statuses && statuses.length === 0 ? ['__none__'] : statuses,
      from: from ?? undefined,
      to: to ?? undefined,
      folded: q.q ? fold(q.q) : undefined,
      exemplary: q.exemplary,
    },
    { limit: pageSize, offset: (page - 1) * pageSize, order: q.order ?? 'name' },
  );
  return { items: rows.map(presentModel), total, page, pageSize };
}

async function loadForEdit(db: Db, actor: Actor, code: string) {
  const m = await requireModel(db, code);
  authorize(actor, 'model.edit', { unitPath: m.unit_path, entityType: 'model', entityId: code });
  return m;
}

const deciderScope = (m: repo.ModelWithRefs) => ({ unitPath: m.campaign_unit_path, entityType: 'model', entityId: m.code });

/**
 * Edits a model's content. Drafts and returned models: their unit's officers. Submitted and
 * registered ones: only those who may accept in the campaign's scope (a correction).
 */
export async function editModel(trx: Tx, { actor, code, input }: { actor: Actor; code: string; input: unknown }): Promise<PresentedModel> {
  const m = await loadForEdit(trx, actor, code);
  if (m.status !== 'draft' && m.status !== 'returned') authorize(actor, 'model.decide', deciderScope(m));
  const d = parseInput(ZEditModel, input, modelLabels);
  const { unit, field } = await resolveRefs(directLookups(trx), m.campaign_id, m.campaign_unit_path, d);
  authorize(actor, 'model.edit', { unitPath: unit.path, entityType: 'model', entityId: code });
  const before = presentModel(m);
  await repo.updateModelRow(trx, m.id, { unit_id: unit.id, field_id: field.id, ...contentColumns(d), updated_at: now() });
  const row = await requireModel(trx, code);
  await syncModelSearchOf(trx, row);
  const after = presentModel(row);
  await audit(trx, actor, { action: 'model.edit', entityType: 'model', entityId: code, before, after });
  return after;
}

function expectStatus(m: repo.ModelWithRefs, allowed: ModelStatus[], what: string): void {
  if (!allowed.includes(m.status as ModelStatus)) {
    throw conflict(`Không thể ${what}: mô hình đang ở trạng thái "${MODEL_STATUS_LABELS[m.status as ModelStatus] ?? m.status}".`);
  }
}

async function transition(trx: Tx, actor: Actor, m: repo.ModelWithRefs, action: string, patch: Parameters<typeof repo.updateModelRow>[2], extra?: unknown) {
  const before = presentModel(m);
  await repo.updateModelRow(trx, m.id, { ...patch, updated_at: now() });
  const row = await requireModel(trx, m.code);
  await syncModelSearchOf(trx, row);
  const after = presentModel(row);
  await audit(trx, actor, { action, entityType: 'model', entityId: m.code, before, after: extra ? { ...after, ...extra } : after });
  return after;
}

/** Sends a draft (or a returned model) for acceptance. */
export async function submitModel(trx: Tx, { actor, code }: { actor: Actor; code: string }): Promise<PresentedModel> {
  const m = await loadForEdit(trx, actor, code);
  expectStatus(m, ['draft', 'returned'], 'gửi duyệt');
  const out = await transition(trx, actor, m, 'model.submit', { status: 'submitted', submitted_at: now(), submitted_by: userId(actor), return_reason: null });
  // those who accept: the officers of the campaign's unit (or of the level above, when it has none)
  await notify(trx, actor, { to: await whoActs(trx, 'model.decide', m.campaign_unit_path, { except: actor }), kind: 'model.submitted', title: `Mô hình "${m.name}" (${m.unit_name}) gửi đến chờ duyệt`, url: `/quan-tri/mo-hinh/${encodeURIComponent(m.code)}` });
  return out;
}

/** Accepts a submitted model: it becomes registered (public). Never by whoever submitted it. */
export async function acceptModel(trx: Tx, { actor, code, input }: { actor: Actor; code: string; input?: unknown }): Promise<PresentedModel> {
  const m = await requireModel(trx, code);
  authorize(actor, 'model.decide', deciderScope(m));
  expectStatus(m, ['submitted'], 'duyệt');
  if (actor.kind === 'user' && m.submitted_by === actor.userId) {
    throw conflict('Người gửi đăng ký không được tự duyệt mô hình của mình; cần một cán bộ khác duyệt.');
  }
  const d = parseInput(ZAccept, input ?? {}, modelLabels);
  const out = await transition(trx, actor, m, 'model.accept', { status: 'registered', registered_on: d.registeredOn ?? todayVn(), decided_at: now(), decided_by: userId(actor) });
  await notify(trx, actor, { to: m.submitted_by, kind: 'model.accepted', title: `Mô hình "${m.name}" đã được duyệt, ghi nhận đăng ký`, url: `/quan-tri/mo-hinh/${encodeURIComponent(m.code)}` });
  return out;
}

/** Returns a submitted model to its unit with a required reason. */
export async function returnModel(trx: Tx, { actor, code, input }: { actor: Actor; code: string; input: unknown }): Promise<PresentedModel> {
  const m = await requireModel(trx, code);
  authorize(actor, 'model.decide', deciderScope(m));
  expectStatus(m, ['submitted'], 'trả lại');
  const { reason } = parseInput(ZReason, input, modelLabels);
  const out = await transition(trx, actor, m, 'model.return', { status: 'returned', return_reason: reason, decided_at: now(), decided_by: userId(actor) });
  await notify(trx, actor, { to: m.submitted_by, kind: 'model.returned', title: `Mô hình "${m.name}" bị trả lại`, body: `Lý do: ${reason}`, url: `/quan-tri/mo-hinh/${encodeURIComponent(m.code)}` });
  return out;
}

/** Stops a registered model (it stays counted for the time it was registered). */
export async function stopModel(trx: Tx, { actor, code, input }: { actor: Actor; code: string; input: unknown }): Promise<PresentedModel> {
  const m = await requireModel(trx, code);
  authorize(actor, 'model.decide', deciderScope(m));
  expectStatus(m, ['registered'], 'dừng');
  const d = parseInput(ZStop, input, modelLabels);
  const on = d.date ?? todayVn();
  if (m.registered_on && on < m.registered_on) throw fieldError('date', 'Ngày: không được trước ngày đăng ký');
  return transition(trx, actor, m, 'model.stop', { status: 'stopped', stopped_on: on, stop_reason: d.reason });
}

/** Marks or unmarks a registered model as exemplary (tiêu biểu). */
export async function setExemplary(trx: Tx, { actor, code, exemplary }: { actor: Actor; code: string; exemplary: boolean }): Promise<PresentedModel> {
  const m = await requireModel(trx, code);
  authorize(actor, 'model.decide', deciderScope(m));
  expectStatus(m, ['registered', 'stopped'], 'đánh dấu tiêu biểu');
  return transition(trx, actor, m, exemplary ? 'model.exemplary' : 'model.unexemplary', { exemplary: exemplary ? 1 : 0 });
}

interface PresentedFile {
  id: number;
  name: string;
  mime: string;
  size: number;
  url: string;
  isImage: boolean;
}

interface PresentedUpdate {
  id: number;
  date: string;
  body: string;
  figures: { label: string; value: number }[];
  files: PresentedFile[];
}

const presentFile = (f: FileMeta): PresentedFile => ({ id: f.id, name: f.name, mime: f.mime, size: f.size, url: `/quan-tri/tep/${f.id}`, isImage: f.mime.startsWith('image/') });

/** Posts progress on a model (date, text, figures, photos and PDFs checked by content). */
export async function addModelUpdate(
  trx: Tx,
  { actor, code, input, files = [], maxFileBytes }: { actor: Actor; code: string; input: unknown; files?: Upload[]; maxFileBytes?: number },
): Promise<PresentedUpdate> {
  const m = await loadForEdit(trx, actor, code);
  expectStatus(m, ['draft', 'submitted', 'registered', 'returned'], 'cập nhật tiến độ');
  const d = parseInput(ZModelUpdate, input, modelLabels);
  checkUploads(files, 'files', maxFileBytes);
  const id = await repo.insertModelUpdate(trx, {
    model_id: m.id,
    on_date: d.date,
    body: d.body,
    figures: d.figures.length ? JSON.stringify(d.figures) : null,
    created_by: userId(actor),
    created_at: now(),
  });
  const stored: PresentedFile[] = [];
  for (const f of files) {
    const fileId = await storeFile(trx, actor, f);
    await linkFileToUpdate(trx, id, fileId);
    stored.push(presentFile({ id: fileId, name: cleanName(f.name), mime: sniff(f.bytes)!.mime, size: f.bytes.length, sha256: '', created_by: null, created_at: '' }));
  }
  const out = { id, date: d.date, body: d.body, figures: d.figures, files: stored };
  await audit(trx, actor, { action: 'model.update.add', entityType: 'model', entityId: code, after: { ...out, files: stored.map((f) => ({ id: f.id, name: f.name, size: f.size })) } });
  return out;
}

/** An uploaded file of a model's progress, if the actor may read the model. */
/**
 * A file served by `/quan-tri/tep/:id`, authorised by everything it is attached to with the
 * strictest rule of each (issue #20 item 2): a progress update's file as its model, a score's
 * evidence by `mayReadEvidence` (the appraisal slice's rule for a score sheet). A file the caller
 * may not read answers exactly as a missing one, so sequential ids tell nothing.
 */
export async function getModelFile(db: Db, actor: Actor, fileId: number, mayReadEvidence: (e: { round: string; appraiserId: number }) => Promise<boolean> = async () => false) {
  const missing = () => notFound('Không tìm thấy tệp.');
  const links = fileId >= 1 ? await attachmentsOfFile(db, fileId) : { models: [], evidence: [] };
  if (!links.models.length && !links.evidence.length) throw missing();
  for (const code of links.models) {
    const m = await repo.findModelByCode(db, code);
    if (!m || !mayReadModel(actor, m)) throw new HiddenError('model.read', { ...(m ? { unitPath: m.unit_path } : {}), entityType: 'file', entityId: fileId }, missing());
  }
  for (const e of links.evidence) {
    if (!(await mayReadEvidence(e))) throw new HiddenError('appraisal.read', { entityType: 'file', entityId: fileId }, missing());
  }
  const f = await findFile(db, fileId);
  if (!f) throw missing();
  return f;
}

export async function listModelUpdates(db: Db, actor: Actor, code: string): Promise<PresentedUpdate[]> {
  await getModel(db, actor, code);
  const m = await requireModel(db, code);
  const updates = await repo.listModelUpdates(db, m.id);
  const files = await filesOfUpdates(db, updates.map((u) => u.id));
  return updates.map((u) => ({
    id: u.id,
    date: u.on_date,
    body: u.body,
    figures: u.figures ? (JSON.parse(u.figures) as { label: string; value: number }[]) : [],
    files: (files.get(u.id) ?? []).map(presentFile),
  }));
}

interface ModelWorkItem {
  code: string;
  name: string;
  unitName: string;
  campaign: string;
  /** who sent it (submitted) or who returned it */
  from: string | null;
  since: string | null;
  reason: string | null;
}

const workItem = (m: repo.WaitingModel, returned: boolean): ModelWorkItem => ({
  code: m.code,
  name: m.name,
  unitName: m.unit_name,
  campaign: m.campaign_code,
  from: returned ? m.decider_name : m.sender_name ? `${m.sender_name}${m.sender_unit ? ` (${m.sender_unit})` : ''}` : m.unit_name,
  since: returned ? m.decided_at : m.submitted_at,
  reason: returned ? m.return_reason : null,
});

/**
 * What waits on a user in the registry: models sent for acceptance in campaigns they decide (not
 * their own submissions), and models returned to them to correct and send again. Oldest first;
 * the totals are exact, the lists stop at `limit`.
 */
export async function modelWork(db: Db, actor: Actor & { kind: 'user' }, limit = 100): Promise<{ toDecide: ModelWorkItem[]; returned: ModelWorkItem[]; totals: { toDecide: number; returned: number } }> {
  const none = { rows: [] as repo.WaitingModel[], total: 0 };
  const [decide, returned] = await Promise.all([
    can(actor, 'model.decide') ? repo.submittedForDecision(db, actor.unitPath, actor.userId, limit) : none,
    can(actor, 'model.edit') ? repo.returnedToSender(db, actor.userId, actor.unitPath, limit) : none,
  ]);
  return { toDecide: decide.rows.map((m) => workItem(m, false)), returned: returned.rows.map((m) => workItem(m, true)), totals: { toDecide: decide.total, returned: returned.total } };
}

/** Who sent a model, who decided it and when, and the unit that accepts it — for its page. */
export async function modelTrail(db: Db, actor: Actor, code: string): Promise<{ sentBy: string | null; sentAt: string | null; decidedBy: string | null; decidedAt: string | null; deciderUnit: string }> {
  await getModel(db, actor, code);
  const t = await repo.modelTrail(db, code);
  if (!t) throw notFound();
  return {
    sentBy: t.sender_name ? `${t.sender_name}${t.sender_unit ? ` (${t.sender_unit})` : ''}` : null,
    sentAt: t.submitted_at,
    decidedBy: t.decider_name,
    decidedAt: t.decided_at,
    deciderUnit: t.decider_unit,
  };
}

/** The registered models of the actor's subtree (at most 1 000, by name): the options of a model picker. */
export async function modelChoices(db: Db, actor: Actor): Promise<{ value: string; label: string }[]> {
  if (!can(actor, 'model.read')) return [];
  const r = await listModels(db, actor, { ...(actor.kind === 'user' ? { unit: actor.unitCode } : {}), status: 'registered', pageSize: 1000 });
  return r.items.map((m) => ({ value: m.code, label: `${m.name} — ${m.unitName}` }));
}

/*
 * The slice's public surface for other slices: these readers and writers of its tables, and the
 * kinds and labels of its table module. Other slices import them from here, never from
 * the repository or the table module (.dependency-cruiser.cjs).
 */
export { countModelsBy, findModelByCode, findModelsByIds, listModels as modelRows } from './models.repository.js';
export { HOLDER_LABELS, RECOGNITION_LEVEL_LABELS, RECOGNITION_LEVELS } from './models.table.js';
export type { Holder, RecognitionLevel } from './models.table.js';

/** Registered models of a subtree with no progress update in a period (the briefing pack): how many, and the earliest registered. */
export const modelsWithoutUpdates = (db: Db, r: { path: string; from: string; to: string }, limit?: number) => repo.modelsWithoutUpdates(db, r, limit);
export const countModelsWithoutUpdates = (db: Db, r: { path: string; from: string; to: string }): Promise<number> => repo.countModelsWithoutUpdates(db, r);

// ---------------------------------------------------------------- what the models achieved (issue #23)

/** The resources the models mobilised, summed: null where no result recorded the figure (unknown, not 0). */
export interface Resources {
  moneyVnd: number | null;
  workDays: number | null;
  landDonatedM2: number | null;
  householdsDonating: number | null;
  householdsPersuaded: number | null;
  beneficiaries: number | null;
}

const resultOf = (r: repo.ModelResultRow): TModelResult => ({
  on: r.on_date,
  ...(r.money_vnd !== null ? { moneyVnd: Number(r.money_vnd) } : {}),
  ...(r.work_days !== null ? { workDays: r.work_days } : {}),
  ...(r.land_centi_m2 !== null ? { landDonatedM2: Number(r.land_centi_m2) / 100 } : {}),
  ...(r.households_donating !== null ? { householdsDonating: r.households_donating } : {}),
  ...(r.households_persuaded !== null ? { householdsPersuaded: r.households_persuaded } : {}),
  ...(r.beneficiaries !== null ? { beneficiaries: r.beneficiaries } : {}),
});

/** Rows of several models grouped by model id, each mapped, in the rows' order. */
function groupByModel<R extends { model_id: number }, T>(rows: readonly R[], map: (r: R) => T): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const r of rows) {
    const list = out.get(r.model_id);
    if (list) list.push(map(r));
    else out.set(r.model_id, [map(r)]);
  }
  return out;
}

/** The results of these models, by model id, oldest first. */
export const resultsByModel = async (db: Db, modelIds: readonly number[]): Promise<Map<number, TModelResult[]>> => groupByModel(await repo.resultsOfModels(db, modelIds), resultOf);

/** The results of these models (codes the reader was given by a list it may read), a row each with the model's code: the workbook's "Kết quả" sheet. */
export const resultsOfModelCodes = async (db: Db, codes: readonly string[]): Promise<(TModelResult & { id: number; model: string })[]> => (await repo.resultsOfModelCodes(db, codes)).map((r) => ({ id: r.id, model: r.code, ...resultOf(r) }));

/**
 * Replaces a model's dated results (the bundle's record of them): a result is dated no later than
 * today and not before the model's campaign year began; every problem is named (`results[2].on`).
 */
export async function setModelResults(trx: Tx, actor: Actor, code: string, results: readonly TModelResult[]): Promise<void> {
  const m = await repo.findModelByCode(trx, code);
  if (!m) throw notFound(`Không tìm thấy mô hình "${code}".`);
  authorize(actor, 'model.edit', { unitPath: m.unit_path, entityType: 'model', entityId: code });
  const today = todayVn();
  const issues: FieldIssue[] = [];
  const begins = campaignStart(m);
  results.forEach((r, i) => {
    if (r.on > today) issues.push({ field: `results[${i}].on`, message: `Ngày ghi nhận kết quả: ${r.on.split('-').reverse().join('/')} là ngày chưa tới` });
    if (r.on < begins) issues.push({ field: `results[${i}].on`, message: beforeCampaign(r.on, begins) });
  });
  if (issues.length) throw badInput(issues);
  const at = new Date().toISOString();
  await repo.replaceResults(
    trx,
    m.id,
    results.map((r) => resultRow(r, at)),
  );
}

/** A result as its row: land in hundredths of a m² (exact), a figure not given as null (unknown). */
const resultRow = (r: TModelResult, at: string) => ({
  on_date: r.on,
  money_vnd: r.moneyVnd ?? null,
  work_days: r.workDays ?? null,
  land_centi_m2: r.landDonatedM2 === undefined ? null : Math.round(r.landDonatedM2 * 100),
  households_donating: r.householdsDonating ?? null,
  households_persuaded: r.householdsPersuaded ?? null,
  beneficiaries: r.beneficiaries ?? null,
  created_at: at,
});

/** The resources the models a filter counts mobilised through a date (the figures' one definition). */
export async function resourcesThrough(db: Db, f: repo.ModelFilter, through: string): Promise<Resources> {
  const s = await repo.sumResults(db, f, through);
  return {
    moneyVnd: s.money_vnd,
    workDays: s.work_days,
    landDonatedM2: s.land_centi_m2 === null ? null : s.land_centi_m2 / 100,
    householdsDonating: s.households_donating,
    householdsPersuaded: s.households_persuaded,
    beneficiaries: s.beneficiaries,
  };
}

/** Counted models' results through a date, summed (land in hundredths of a m²), with what the figures are broken down by: one row per group of models sharing them. */
export interface ModelResources {
  path: string;
  field: string;
  holder: string;
  /** the highest level at which the models were recognised through the date; null: not recognised (yet) */
  level: RecognitionLevel | null;
  sums: Awaited<ReturnType<typeof repo.sumResultsByGroup>>[number]['sums'];
}

/** What the models a filter counts mobilised through a date (models with some result only), in groups of unit, field, holder and level: any grouping of these rows adds up to `resourcesThrough`. */
export const resourcesByModel = (db: Db, f: repo.ModelFilter, through: string): Promise<ModelResources[]> => repo.sumResultsByGroup(db, f, through);

/** The households each of these models persuaded to hand over land through a date, by model id: a model whose results never gave the figure is absent (unknown). */
export const householdsPersuadedBy = async (db: Db, modelIds: readonly number[], through: string): Promise<Map<number, number>> => new Map((await repo.persuadedOfModels(db, modelIds, through)).map((r) => [r.modelId, r.n]));

/** Adds up models' resources: a figure no model recorded stays null (unknown); land exactly, in hundredths of a m². */
export function addResources(rows: readonly ModelResources[]): Resources {
  const sum = (k: keyof ModelResources['sums']): number | null => {
    const known = rows.filter((r) => r.sums[k] !== null);
    return known.length ? known.reduce((a, r) => a + r.sums[k]!, 0) : null;
  };
  const land = sum('land_centi_m2');
  return { moneyVnd: sum('money_vnd'), workDays: sum('work_days'), landDonatedM2: land === null ? null : land / 100, householdsDonating: sum('households_donating'), householdsPersuaded: sum('households_persuaded'), beneficiaries: sum('beneficiaries') };
}

const recognitionOf = (r: repo.ModelRecognitionRow): TModelRecognition => ({ level: r.level as RecognitionLevel, on: r.on_date, decision: r.decision });

/** The recognitions of these models, by model id, oldest first. */
export const recognitionsByModel = async (db: Db, modelIds: readonly number[]): Promise<Map<number, TModelRecognition[]>> => groupByModel(await repo.recognitionsOfModels(db, modelIds), recognitionOf);

/** Replaces a model's recognitions (the bundle's record of them): none dated after today, one per level. */
export async function setModelRecognitions(trx: Tx, actor: Actor, code: string, list: readonly TModelRecognition[]): Promise<void> {
  const m = await repo.findModelByCode(trx, code);
  if (!m) throw notFound(`Không tìm thấy mô hình "${code}".`);
  authorize(actor, 'model.decide', deciderScope(m));
  const today = todayVn();
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  list.forEach((r, i) => {
    if (r.on > today) issues.push({ field: `recognitions[${i}].on`, message: `Ngày công nhận: ${r.on.split('-').reverse().join('/')} là ngày chưa tới` });
    if (seen.has(r.level)) issues.push({ field: `recognitions[${i}].level`, message: 'Cấp công nhận: mỗi cấp chỉ ghi một lần' });
    seen.add(r.level);
  });
  if (issues.length) throw badInput(issues);
  const at = new Date().toISOString();
  await repo.replaceRecognitions(trx, m.id, list.map((r) => ({ level: r.level, on_date: r.on, decision: r.decision, created_at: at })));
}

/** How many of the models a filter counts were recognised at each level through a date (levels with some only). */
export async function recognisedByLevel(db: Db, f: repo.ModelFilter, through: string): Promise<{ level: RecognitionLevel; count: number }[]> {
  const rows = new Map((await repo.countRecognised(db, f, through)).map((r) => [r.level, r.n]));
  return RECOGNITION_LEVELS.filter((l) => rows.get(l)).map((level) => ({ level, count: rows.get(level)! }));
}

// ---------------------------------------------------------------- one model's results and recognitions (its page, the API)

/** The first day of a model's campaign: no result is dated before it. */
const campaignStart = (m: repo.ModelWithRefs) => m.campaign_starts_on ?? `${m.campaign_year}-01-01`;
const beforeCampaign = (on: string, begins: string) => `Ngày ghi nhận kết quả: ${on.split('-').reverse().join('/')} là trước ngày bắt đầu chủ đề năm (${begins.split('-').reverse().join('/')})`;
/** At most this many results a model (the bundle's limit too). */
const MAX_RESULTS = 1000;

/** A refusal of a date after today, naming the field, or null. */
const notYet = (field: string, label: string, on: string): FieldIssue | null => (on > todayVn() ? { field, message: `${label}: ${on.split('-').reverse().join('/')} là ngày chưa tới` } : null);

const RESULT_FIGURES = ['moneyVnd', 'workDays', 'landDonatedM2', 'householdsDonating', 'householdsPersuaded', 'beneficiaries'] as const;
export const resultLabels = { on: 'Ngày ghi nhận', moneyVnd: 'Tiền Nhân dân đóng góp (đồng)', workDays: 'Ngày công', landDonatedM2: 'Đất hiến (m²)', householdsDonating: 'Số hộ hiến đất', householdsPersuaded: 'Số hộ được vận động bàn giao mặt bằng', beneficiaries: 'Số người hưởng lợi' } as const;
const recognitionLabels = { level: 'Cấp công nhận', on: 'Ngày công nhận', decision: 'Quyết định (số, cơ quan)' };

/** A model's results with their ids (oldest first) and their sums (null where none recorded the figure); its recognitions. */
export async function modelAchievements(db: Db, actor: Actor, code: string) {
  const m = await requireModel(db, code);
  checkRead(actor, m);
  const [results, recognitions, assessments, works] = await Promise.all([repo.resultsOfModels(db, [m.id]), repo.recognitionsOfModels(db, [m.id]), repo.assessmentsOfModels(db, [m.id]), repo.worksOfModels(db, [m.id])]);
  const items = results.map((r) => ({ id: r.id, ...resultOf(r) }));
  const sum = (k: (typeof RESULT_FIGURES)[number]): number | null => {
    const known = items.filter((i) => i[k] !== undefined);
    if (!known.length) return null;
    // land is summed in hundredths of a m², exactly
    return k === 'landDonatedM2' ? known.reduce((a, i) => a + Math.round(i[k]! * 100), 0) / 100 : known.reduce((a, i) => a + i[k]!, 0);
  };
  const totals: Resources = { moneyVnd: sum('moneyVnd'), workDays: sum('workDays'), landDonatedM2: sum('landDonatedM2'), householdsDonating: sum('householdsDonating'), householdsPersuaded: sum('householdsPersuaded'), beneficiaries: sum('beneficiaries') };
  return { items, totals, recognitions: recognitions.map((r) => ({ id: r.id, ...recognitionOf(r) })), assessments: assessments.map((a) => ({ id: a.id, ...assessmentOf(a) })), work: works[0] ? workOf(works[0]) : null };
}

/** What is wrong with a result of this model: dated after today or before its campaign began, or with no figure. */
function resultIssues(r: TModelResult, m: repo.ModelWithRefs): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const late = notYet('on', resultLabels.on, r.on);
  if (late) issues.push(late);
  if (r.on < campaignStart(m)) issues.push({ field: 'on', message: beforeCampaign(r.on, campaignStart(m)) });
  if (RESULT_FIGURES.every((k) => r[k] === undefined)) issues.push({ field: 'moneyVnd', message: 'Kết quả: nhập ít nhất một số liệu (tiền, ngày công, đất hiến, số hộ hoặc số người hưởng lợi)' });
  return issues;
}

/**
 * Records one result of a model (its page's form, `POST /api/v1/models/:code/results`): by those
 * who may edit it, while it is carried out; dated no later than today, with at least one figure.
 */
export async function addModelResult(trx: Tx, { actor, code, input }: { actor: Actor; code: string; input: unknown }): Promise<TModelResult & { id: number }> {
  const m = await loadForEdit(trx, actor, code);
  expectStatus(m, ['draft', 'submitted', 'registered', 'returned'], 'ghi kết quả');
  const r = parseInput(ZModelResult, input, resultLabels);
  const issues = resultIssues(r, m);
  // a model records its results a few at a time: a thousand is past any real one, and keeps sums and pages small
  if ((await repo.countResults(trx, m.id)) >= MAX_RESULTS) issues.push({ field: 'on', message: `Kết quả: mỗi mô hình ghi tối đa ${formatNumber(MAX_RESULTS)} lần` });
  if (issues.length) throw badInput(issues);
  const id = await repo.insertResult(trx, { model_id: m.id, ...resultRow(r, now()) });
  await audit(trx, actor, { action: 'model.result.add', entityType: 'model', entityId: code, after: { id, ...r } });
  return { id, ...r };
}

/** A result as a key of its date and figures: two results with the same key are the same record. */
const resultKey = (r: TModelResult) => [r.on, ...RESULT_FIGURES.map((k) => r[k] ?? '')].join('|');

/**
 * A row of the models workbook's "Kết quả" sheet. With the result's id (the list exported to
 * correct carries it), the row is that result: changed if its figures differ, else left. Without
 * one, it is added as the page's form adds one, unless the model already has a result of the same
 * date and figures (a sheet imported again adds nothing twice). A row left as it is needs only the
 * right to read the model, so that an exported list imports back whole. The model must belong to
 * the campaign the sheet is imported into.
 */
export async function saveModelResultRow(trx: Tx, { actor, code, campaign, input }: { actor: Actor; code: string; campaign: string | undefined; input: TModelResult & { id?: number | undefined } }): Promise<'created' | 'updated' | 'same'> {
  const found = await repo.findModelByCode(trx, code);
  if (!found || !mayReadModel(actor, found)) throw badInput([{ field: 'model', message: `không tìm thấy mô hình "${code}"` }]);
  if (campaign && found.campaign_code !== campaign) throw badInput([{ field: 'model', message: `Mô hình "${code}" thuộc chủ đề năm ${found.campaign_code}, không phải ${campaign}` }]);
  const { id, ...result } = input;
  const existing = await repo.resultsOfModels(trx, [found.id]);
  const same = (r: repo.ModelResultRow) => resultKey(resultOf(r)) === resultKey(result);
  if (id === undefined) {
    if (existing.some(same)) return 'same';
    await addModelResult(trx, { actor, code, input: result });
    return 'created';
  }
  const was = existing.find((r) => r.id === id);
  if (!was) throw badInput([{ field: 'id', message: `mô hình "${code}" không có kết quả số hiệu ${id}` }]);
  if (same(was)) return 'same';
  const m = await loadForEdit(trx, actor, code);
  expectStatus(m, ['draft', 'submitted', 'registered', 'returned'], 'sửa kết quả');
  const r = parseInput(ZModelResult, result, resultLabels);
  const issues = resultIssues(r, m);
  if (issues.length) throw badInput(issues);
  const { created_at: _at, ...row } = resultRow(r, now());
  await repo.updateResult(trx, m.id, id, row);
  await audit(trx, actor, { action: 'model.result.update', entityType: 'model', entityId: code, before: { id, ...resultOf(was) }, after: { id, ...r } });
  return 'updated';
}

/** Removes one result of a model (a wrong entry), by those who may edit it. */
export async function removeModelResult(trx: Tx, { actor, code, id }: { actor: Actor; code: string; id: number }): Promise<void> {
  const m = await loadForEdit(trx, actor, code);
  expectStatus(m, ['draft', 'submitted', 'registered', 'returned'], 'xóa kết quả');
  if (!(await repo.deleteResult(trx, m.id, id))) throw notFound('Không tìm thấy kết quả này của mô hình.');
  await audit(trx, actor, { action: 'model.result.remove', entityType: 'model', entityId: code, before: { id } });
}

/**
 * Records a recognition of a registered model at a level (its page's form, `POST
 * /api/v1/models/:code/recognitions`): by those who accept models in its campaign; one per level,
 * dated no later than today.
 */
export async function addModelRecognition(trx: Tx, { actor, code, input }: { actor: Actor; code: string; input: unknown }): Promise<TModelRecognition & { id: number }> {
  const m = await requireModel(trx, code);
  authorize(actor, 'model.decide', deciderScope(m));
  expectStatus(m, ['registered', 'stopped'], 'ghi công nhận');
  const r = parseInput(ZModelRecognition, input, recognitionLabels);
  const issues: FieldIssue[] = [];
  const late = notYet('on', recognitionLabels.on, r.on);
  if (late) issues.push(late);
  if ((await repo.recognitionsOfModels(trx, [m.id])).some((x) => x.level === r.level)) issues.push({ field: 'level', message: `${recognitionLabels.level}: mô hình đã được ghi công nhận ${RECOGNITION_LEVEL_LABELS[r.level].toLowerCase()}` });
  if (issues.length) throw badInput(issues);
  const id = await repo.insertRecognition(trx, { model_id: m.id, level: r.level, on_date: r.on, decision: r.decision, created_at: now() });
  await audit(trx, actor, { action: 'model.recognition.add', entityType: 'model', entityId: code, after: { id, ...r } });
  return { id, ...r };
}

/** Removes one judgement of a model (a wrong entry) with `remove`, by those who accept models in its campaign; `what` names it when it is not the model's. */
async function removeJudgement(trx: Tx, actor: Actor, code: string, id: number, remove: (trx: Tx, modelId: number, id: number) => Promise<boolean>, what: string, action: string): Promise<void> {
  const m = await requireModel(trx, code);
  authorize(actor, 'model.decide', deciderScope(m));
  if (!(await remove(trx, m.id, id))) throw notFound(`Không tìm thấy ${what} này của mô hình.`);
  await audit(trx, actor, { action, entityType: 'model', entityId: code, before: { id } });
}

/** Removes one recognition of a model (a wrong entry), by those who accept models in its campaign. */
export const removeModelRecognition = (trx: Tx, { actor, code, id }: { actor: Actor; code: string; id: number }): Promise<void> => removeJudgement(trx, actor, code, id, repo.deleteRecognition, 'lần công nhận', 'model.recognition.remove');

// ---------------------------------------------------------------- assessments and công trình (issue #23)

const assessmentOf = (a: repo.ModelAssessmentRow): TModelAssessment => ({ on: a.on_date, effective: a.effective === 1, note: a.note });
const workOf = (w: repo.ModelWorkRow): TModelWork => ({ name: w.name, on: w.on_date, decision: w.decision });

/** The assessments of these models, by model id, oldest first. */
export const assessmentsByModel = async (db: Db, modelIds: readonly number[]): Promise<Map<number, TModelAssessment[]>> => groupByModel(await repo.assessmentsOfModels(db, modelIds), assessmentOf);
/** The công trình decision of these models, by model id. */
export const worksByModel = async (db: Db, modelIds: readonly number[]): Promise<Map<number, TModelWork>> => new Map((await repo.worksOfModels(db, modelIds)).map((w) => [w.model_id, workOf(w)]));

/** Assessing a model and naming it a công trình: by those who accept models in its campaign, once it is registered. */
async function loadForJudgement(trx: Tx, actor: Actor, code: string, what: string, recording = true) {
  const m = await requireModel(trx, code);
  authorize(actor, 'model.decide', deciderScope(m));
  // recording nothing (a bundle's empty list, work: null) is no judgement: any model may say so
  if (recording) expectStatus(m, ['registered', 'stopped'], what);
  return m;
}

/** Replaces a model's assessments (the bundle's record of them): none dated after today. */
export async function setModelAssessments(trx: Tx, actor: Actor, code: string, list: readonly TModelAssessment[]): Promise<void> {
  const m = await loadForJudgement(trx, actor, code, 'ghi đánh giá', list.length > 0);
  const issues = list.map((a, i) => notYet(`assessments[${i}].on`, 'Ngày đánh giá', a.on)).filter((x): x is FieldIssue => x !== null);
  if (issues.length) throw badInput(issues);
  const at = now();
  await repo.replaceAssessments(trx, m.id, list.map((a) => ({ on_date: a.on, effective: a.effective ? 1 : 0, note: a.note ?? null, created_at: at })));
}

/** Records one assessment of a model (its page): effective or not, on a date no later than today. */
export async function addModelAssessment(trx: Tx, { actor, code, input }: { actor: Actor; code: string; input: unknown }): Promise<TModelAssessment & { id: number }> {
  const m = await loadForJudgement(trx, actor, code, 'ghi đánh giá');
  const a = parseInput(ZModelAssessment, input, { on: 'Ngày đánh giá', effective: 'Kết quả đánh giá', note: 'Nhận xét' });
  const late = notYet('on', 'Ngày đánh giá', a.on);
  if (late) throw badInput([late]);
  const id = await repo.insertAssessment(trx, { model_id: m.id, on_date: a.on, effective: a.effective ? 1 : 0, note: a.note ?? null, created_at: now() });
  await audit(trx, actor, { action: 'model.assessment.add', entityType: 'model', entityId: code, after: { id, ...a } });
  return { id, ...a };
}

/** Removes one assessment of a model (a wrong entry). */
export const removeModelAssessment = (trx: Tx, { actor, code, id }: { actor: Actor; code: string; id: number }): Promise<void> => removeJudgement(trx, actor, code, id, repo.deleteAssessment, 'lần đánh giá', 'model.assessment.remove');

/** Names a model a "công trình Dân vận khéo" by a signboard decision, or (null) takes that back. */
export async function setModelWork(trx: Tx, { actor, code, input }: { actor: Actor; code: string; input: unknown }): Promise<TModelWork | null> {
  const m = await loadForJudgement(trx, actor, code, 'ghi công trình Dân vận khéo', input !== null);
  const w = input === null ? null : parseInput(ZModelWork, input, { name: 'Tên công trình', on: 'Ngày quyết định gắn biển', decision: 'Quyết định gắn biển (số, cơ quan)' });
  const late = w ? notYet('on', 'Ngày quyết định gắn biển', w.on) : null;
  if (late) throw badInput([late]);
  await repo.replaceWork(trx, m.id, w ? { name: w.name ?? null, on_date: w.on, decision: w.decision, created_at: now() } : null);
  await audit(trx, actor, { action: 'model.work.set', entityType: 'model', entityId: code, after: w });
  return w;
}

/** Of the models a filter counts, through a date: last assessed effective, not effective; named a công trình. */
export const assessedAndWorks = (db: Db, f: repo.ModelFilter, through: string) => repo.countAssessedAndWorks(db, f, through);

/**
 * A model record's results and judgements, once the model is written (`POST /api/v1/models`, the
 * bundle): given, each replaces what the model had; `work: null` takes its công trình back.
 */
export async function applyAchievements(trx: Tx, actor: Actor, code: string, r: Pick<TModelRecord, 'results' | 'recognitions' | 'assessments' | 'work'>): Promise<void> {
  if (r.results) await setModelResults(trx, actor, code, r.results);
  if (r.recognitions) await setModelRecognitions(trx, actor, code, r.recognitions);
  if (r.assessments) await setModelAssessments(trx, actor, code, r.assessments);
  if (r.work !== undefined) await setModelWork(trx, { actor, code, input: r.work });
}

