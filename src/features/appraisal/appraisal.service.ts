/**
 * Appraisal rounds and reward decisions. A round fixes which models are eligible (registered by
 * its cut-off, not stopped), who scores (the appraisal team), and how many to propose per field.
 * Each appraiser scores each eligible model on the campaign's weighted criteria, never a model
 * of their own unit. A model's score is the mean of its submitted sheets' totals. Ties are
 * broken by, in order: the mean on the heaviest criterion, the earlier registration, the code.
 * A published decision locks the round; it can only be revoked with a reason.
 */
import type { Db, Tx } from '../../db/index.js';
import { badInput, conflict, fieldError, notFound } from '../../lib/errors.js';
import { fold, formatDate, todayVn } from '../../lib/vi.js';
import { parseInput } from '../../lib/validation.js';
import { authorize, authorizeReadIf, can, ForbiddenError, onLineOf, type Actor, inSubtree } from '../../policy/policy.js';
import { findUserByUsername, rolesOf } from '../accounts/accounts.service.js';
import { audit } from '../audit/audit.service.js';
import { campaignsOfPhase, criteriaOf, fieldsOf, findPhaseById, DEFAULT_BANDS, requireCampaign, requirePhase, type CampaignFieldRow, type CampaignWithUnit, type PhaseWithUnit } from '../campaigns/campaigns.service.js';
import { notify } from '../notices/notices.service.js';
import { findModelByCode, findModelsByIds, HOLDER_LABELS, type Holder } from '../models/models.service.js';
import { unitLabel, findUnitByCode } from '../units/units.service.js';
import * as repo from './appraisal.repository.js';
import { placeOf } from '../../lib/docx.js';
import { fileNames, checkUploads, storeFile, type Upload } from '../files/files.service.js';
import { appraisalLabels, ZDecision, ZProposal, ZRevoke, ZRound, ZScore } from './appraisal.schemas.js';
import { DECISION_STATUS, ROUND_KINDS, ROUND_STATUS, type DecisionStatus, type RoundKind } from './appraisal.table.js';

const now = () => new Date().toISOString();

const concerns = onLineOf;

/**
 * Conflict of interest: the model belongs to the appraiser's own unit (or a unit under it). An
 * appraiser of the campaign's own unit (the organising level) conflicts only with models held by
 * that unit itself.
 */
export function conflictOfInterest(modelPath: string, appraiserPath: string, campaignPath: string): boolean {
  if (modelPath === appraiserPath) return true;
  return appraiserPath !== campaignPath && modelPath.startsWith(appraiserPath);
}

/** The answer for a round code that does not exist — and for a round the reader may not see. */
const roundMissing = (code: string) => notFound(`Không tìm thấy đợt thẩm định "${code}".`);

async function requireRound(db: Db, code: string): Promise<repo.RoundWithCampaign> {
  const r = await repo.findRound(db, code);
  if (!r) throw roundMissing(code);
  return r;
}

/**
 * The campaigns a round (or a decision) chooses among: its own, or those of its phase up to its own
 * year (a round held in 2023 for "2021–2025" chooses among 2021–2023: campaigns made later do not
 * change what it ranked) — the round's own first, so its fields come first.
 */
async function campaignsOf(db: Db, own: { id: number; code: string; year: number }, phaseId: number | null): Promise<{ id: number; code: string; year: number }[]> {
  const p = phaseId === null ? undefined : await findPhaseById(db, phaseId);
  if (!p) return [own];
  return [own, ...(await campaignsOfPhase(db, p)).filter((c) => c.id !== own.id && c.year <= own.year).map((c) => ({ id: c.id, code: c.code, year: c.year }))];
}

const roundCampaigns = (db: Db, r: repo.RoundWithCampaign) => campaignsOf(db, { id: r.campaign_id, code: r.campaign_code, year: r.campaign_year }, r.phase_id);
const roundCampaignIds = async (db: Db, r: repo.RoundWithCampaign) => (await roundCampaigns(db, r)).map((c) => c.id);

/** The fields of several campaigns, once per code (a phase's years usually share their fields). */
async function fieldsOfAll(db: Db, campaignIds: readonly number[]): Promise<CampaignFieldRow[]> {
  const seen = new Set<string>();
  return (await Promise.all(campaignIds.map((id) => fieldsOf(db, id)))).flat().filter((f) => !seen.has(f.code) && seen.add(f.code));
}

/** A phase given on a round or a decision: of the campaign's unit, and spanning the campaign's year; one off the actor's line is as if it did not exist. */
async function phaseFor(db: Db, actor: Actor, code: string, campaign: CampaignWithUnit): Promise<PhaseWithUnit> {
  const missing = () => fieldError('phase', `Giai đoạn: không tìm thấy giai đoạn "${code}"`);
  const p = await requirePhase(db, code).catch(() => {
    throw missing();
  });
  if (!concerns(actor, p.unit_path)) throw missing();
  if (p.unit_id !== campaign.unit_id || campaign.year < p.from_year || campaign.year > p.to_year) throw fieldError('phase', `Giai đoạn: chủ đề năm ${campaign.code} (${campaign.year}) không thuộc giai đoạn "${p.name}" (${p.from_year}–${p.to_year}) của ${p.unit_name}`);
  return p;
}

/** Reading a round: on the campaign's line, else answered as a round that does not exist (issue #20). */
function mayRead(actor: Actor, r: repo.RoundWithCampaign): void {
  authorizeReadIf(actor, 'appraisal.read', concerns(actor, r.campaign_unit_path), { unitPath: r.campaign_unit_path, entityType: 'round', entityId: r.code }, () => roundMissing(r.code));
}

interface PresentedRound {
  code: string;
  campaign: string;
  campaignYear: number;
  campaignTheme: string;
  /** a round of a phase chooses among the models of all its campaigns (the years below) */
  phase: { code: string; name: string } | null;
  /** the campaigns whose models it chooses among: its own, or its phase's */
  campaigns: { code: string; year: number }[];
  name: string;
  kind: string;
  kindLabel: string;
  opensOn: string;
  closesOn: string;
  cutoffOn: string;
  quotas: Record<string, number>;
  threshold: number | null;
  status: string;
  statusLabel: string;
  appraisers: { username: string; fullName: string; unitName: string }[];
}

async function presentRound(db: Db, r: repo.RoundWithCampaign): Promise<PresentedRound> {
  const [team, campaigns] = await Promise.all([repo.appraisersOf(db, r.id), roundCampaigns(db, r)]);
  return {
    code: r.code,
    campaign: r.campaign_code,
    campaignYear: r.campaign_year,
    campaignTheme: r.campaign_theme,
    phase: r.phase_code ? { code: r.phase_code, name: r.phase_name ?? r.phase_code } : null,
    campaigns: campaigns.map((c) => ({ code: c.code, year: c.year })).sort((a, b) => a.year - b.year || a.code.localeCompare(b.code)),
    name: r.name,
    kind: r.kind,
    kindLabel: ROUND_KINDS[r.kind as RoundKind] ?? r.kind,
    opensOn: r.opens_on,
    closesOn: r.closes_on,
    cutoffOn: r.cutoff_on,
    quotas: r.quotas ? (JSON.parse(r.quotas) as Record<string, number>) : {},
    threshold: r.threshold,
    status: r.status,
    statusLabel: ROUND_STATUS[r.status as keyof typeof ROUND_STATUS] ?? r.status,
    appraisers: team.map((u) => ({ username: u.username, fullName: u.full_name, unitName: u.unit_name })),
  };
}

/** Opens a round for a campaign in the actor's scope, with its team of appraisers. */
export async function createRound(trx: Tx, { actor, input }: { actor: Actor; input: unknown }): Promise<PresentedRound> {
  const d = parseInput(ZRound, input, appraisalLabels);
  const campaign = await requireCampaign(trx, d.campaign).catch(() => {
    throw fieldError('campaign', `Chủ đề năm: không tìm thấy chủ đề năm "${d.campaign}"`);
  });
  authorize(actor, 'appraisal.manage', { unitPath: campaign.unit_path, entityType: 'round', entityId: d.code });
  if (await repo.findRound(trx, d.code)) throw conflict(`Mã đợt thẩm định "${d.code}" đã tồn tại.`, 'code');
  if (d.kind === 'phase' && !d.phase) throw fieldError('phase', 'Giai đoạn: đợt sơ kết, tổng kết giai đoạn cần chọn giai đoạn');
  const phase = d.phase ? await phaseFor(trx, actor, d.phase, campaign) : undefined;
  const fields = await fieldsOfAll(trx, (await campaignsOf(trx, campaign, phase?.id ?? null)).map((c) => c.id));
  for (const f of Object.keys(d.quotas)) if (!fields.some((x) => x.code === f)) throw fieldError('quotas', `Số mô hình đề xuất theo lĩnh vực: không có lĩnh vực "${f}"`);
  const team: number[] = [];
  for (const username of [...new Set(d.appraisers)]) {
    // an account outside the caller's subtree answers as an unknown one (no username oracle)
    const found = await findUserByUsername(trx, username);
    const u = found && inSubtree(actor, found.unit_path) ? found : undefined;
    if (!u) throw fieldError('appraisers', `Tổ thẩm định: không tìm thấy tài khoản "${username}"`);
    const roles = (await rolesOf(trx, [u.id])).get(u.id) ?? [];
    if (!roles.includes('appraiser')) throw fieldError('appraisers', `Tổ thẩm định: tài khoản "${username}" không có vai trò thẩm định`);
    if (u.disabled_at) throw fieldError('appraisers', `Tổ thẩm định: tài khoản "${username}" đã bị khóa`);
    if (!u.unit_path.startsWith(campaign.unit_path)) throw fieldError('appraisers', `Tổ thẩm định: "${username}" không thuộc đơn vị phát động hoặc các đơn vị trực thuộc`);
    team.push(u.id);
  }
  const t = now();
  const id = await repo.insertRound(trx, {
    code: d.code,
    campaign_id: campaign.id,
    name: d.name,
    kind: d.kind,
    opens_on: d.opensOn,
    closes_on: d.closesOn,
    cutoff_on: d.cutoffOn,
    quotas: Object.keys(d.quotas).length ? JSON.stringify(d.quotas) : null,
    threshold: d.threshold ?? null,
    status: 'open',
    phase_id: phase?.id ?? null,
    created_at: t,
    updated_at: t,
  });
  await repo.setAppraisers(trx, id, team);
  const out = await presentRound(trx, (await repo.findRoundById(trx, id))!);
  await audit(trx, actor, { action: 'round.create', entityType: 'round', entityId: d.code, after: out });
  // the appraisers hear of it now; reminders follow while they have models left to score as it closes
  await notify(trx, actor, { to: team, kind: 'appraisal.opened', title: `Đợt thẩm định "${d.name}" (${campaign.code}) chấm từ ${formatDate(d.opensOn)} đến ${formatDate(d.closesOn)}`, url: `/quan-tri/tham-dinh/${encodeURIComponent(d.code)}` });
  return out;
}

/**
 * A score's evidence file: the strictest rule of its score sheet — the appraiser who scored, or
 * someone who may read the round's results (`appraisal.read` on the campaign's line). Viewers and
 * editors, who may read the model, may not (issue #20 item 2).
 */
export async function mayReadEvidence(db: Db, actor: Actor, e: { round: string; appraiserId: number }): Promise<boolean> {
  if (actor.kind === 'system') return true;
  if (actor.userId === e.appraiserId) return true;
  const r = await repo.findRound(db, e.round);
  return Boolean(r && can(actor, 'appraisal.read') && concerns(actor, r.campaign_unit_path));
}

export async function getRound(db: Db, actor: Actor, code: string): Promise<PresentedRound> {
  const r = await requireRound(db, code);
  mayRead(actor, r);
  return presentRound(db, r);
}

export async function listRounds(db: Db, actor: Actor): Promise<PresentedRound[]> {
  authorize(actor, 'appraisal.read');
  const rows = (await repo.listRounds(db)).filter((r) => concerns(actor, r.campaign_unit_path));
  return Promise.all(rows.map((r) => presentRound(db, r)));
}

/** The scoring screen's data: the criteria with this appraiser's points so far. */
export async function scoreSheetFor(db: Db, actor: Actor, roundCode: string, modelCode: string) {
  const r = await requireRound(db, roundCode);
  mayRead(actor, r);
  const m = await findModelByCode(db, modelCode);
  if (!m || !(await repo.isEligible(db, await roundCampaignIds(db, r), r.cutoff_on, m.id))) throw notFound(`Mô hình "${modelCode}" không thuộc đợt thẩm định này.`);
  const criteria = await criteriaOf(db, r.campaign_id);
  const sheet = actor.kind === 'user' ? await repo.findSheet(db, r.id, m.id, actor.userId) : undefined;
  const items = sheet ? await repo.itemsOfSheet(db, sheet.id) : [];
  const names = await fileNames(db, items.map((i) => i.evidence_file_id).filter((x): x is number => x !== null));
  const team = await repo.appraisersOf(db, r.id);
  const member = actor.kind === 'user' && team.some((u) => u.id === actor.userId);
  return {
    criteria: criteria.map((c) => {
      const item = items.find((i) => i.criterion_id === c.id);
      const fileId = item?.evidence_file_id ?? null;
      return { code: c.code, name: c.name, weight: c.weight, points: item?.points ?? null, evidence: fileId ? { url: `/quan-tri/tep/${fileId}`, name: names.get(fileId) ?? 'minh chứng' } : null };
    }),
    comment: sheet?.comment ?? '',
    submitted: Boolean(sheet?.submitted_at),
    total: sheet?.total ?? null,
    mayScore: member && r.status === 'open' && can(actor, 'appraisal.score') && !(actor.kind === 'user' && conflictOfInterest(m.unit_path, actor.unitPath, r.campaign_unit_path)),
    conflict: actor.kind === 'user' && conflictOfInterest(m.unit_path, actor.unitPath, r.campaign_unit_path),
  };
}

/**
 * Records an appraiser's points for a model (0…weight per criterion) and, with `submit`, hands
 * the sheet in. Only members of the round's team, only while it is open, never for a model of
 * the appraiser's own unit; a submitted sheet changes only with a reason.
 */
export async function scoreModel(
  trx: Tx,
  {
    actor,
    roundCode,
    modelCode,
    input,
    evidence = {},
    maxFileBytes,
    today = todayVn(),
  }: { actor: Actor; roundCode: string; modelCode: string; input: unknown; evidence?: Record<string, Upload>; maxFileBytes?: number; today?: string },
) {
  const r = await requireRound(trx, roundCode);
  authorize(actor, 'appraisal.score', { entityType: 'round', entityId: roundCode });
  if (actor.kind !== 'user') throw new ForbiddenError('appraisal.score', {});
  const team = await repo.appraisersOf(trx, r.id);
  if (!team.some((u) => u.id === actor.userId)) throw new ForbiddenError('appraisal.score', { entityType: 'round', entityId: roundCode }, 'Bạn không thuộc tổ thẩm định của đợt này.');
  if (r.status !== 'open') throw conflict('Đợt thẩm định đã có quyết định khen thưởng: điểm đã khóa.');
  if (today < r.opens_on || today > r.closes_on) throw conflict(`Ngoài thời hạn chấm điểm của đợt (từ ${formatDate(r.opens_on)} đến ${formatDate(r.closes_on)}).`);
  const m = await findModelByCode(trx, modelCode);
  if (!m || !(await repo.isEligible(trx, await roundCampaignIds(trx, r), r.cutoff_on, m.id))) throw notFound(`Mô hình "${modelCode}" không thuộc đợt thẩm định này.`);
  if (conflictOfInterest(m.unit_path, actor.unitPath, r.campaign_unit_path)) {
    throw new ForbiddenError('appraisal.score', { entityType: 'model', entityId: modelCode }, 'Thành viên tổ thẩm định không chấm mô hình của đơn vị mình (xung đột lợi ích).');
  }
  const d = parseInput(ZScore, input, appraisalLabels);
  const criteria = await criteriaOf(trx, r.campaign_id);
  if (!criteria.length) throw conflict('Chủ đề năm chưa có tiêu chí thẩm định.');
  const issues: { field: string; message: string }[] = [];
  for (const c of criteria) {
    const p = d.points[c.code];
    if (p === undefined) issues.push({ field: `points.${c.code}`, message: `${c.name}: bắt buộc chấm điểm` });
    else if (p < 0 || p > c.weight) issues.push({ field: `points.${c.code}`, message: `${c.name}: điểm phải từ 0 đến ${c.weight}` });
  }
  for (const k of Object.keys(d.points)) if (!criteria.some((c) => c.code === k)) issues.push({ field: `points.${k}`, message: `không có tiêu chí "${k}"` });
  for (const k of Object.keys(evidence)) if (!criteria.some((c) => c.code === k)) issues.push({ field: `evidence.${k}`, message: `không có tiêu chí "${k}"` });
  if (issues.length) throw badInput(issues);
  for (const [k, u] of Object.entries(evidence)) checkUploads([u], `evidence.${k}`, maxFileBytes);
  const before = await repo.findSheet(trx, r.id, m.id, actor.userId);
  if (before?.submitted_at && !d.reason) throw fieldError('reason', 'Lý do: bắt buộc khi sửa điểm đã nộp');
  const total = criteria.reduce((s, c) => s + (d.points[c.code] ?? 0), 0);
  const t = now();
  const sheetId = await repo.upsertSheet(trx, {
    round_id: r.id,
    model_id: m.id,
    appraiser_id: actor.userId,
    total,
    comment: d.comment,
    submitted_at: before?.submitted_at ?? (d.submit ? t : null),
    change_reason: before?.submitted_at ? d.reason : null,
    at: t,
  });
  const beforeItems = before ? await repo.itemsOfSheet(trx, before.id) : [];
  const evidenceIds: Record<string, number> = {};
  for (const [k, u] of Object.entries(evidence)) evidenceIds[k] = await storeFile(trx, actor, u);
  await repo.replaceItems(
    trx,
    sheetId,
    criteria.map((c) => ({ criterion_id: c.id, points: d.points[c.code]!, evidence_file_id: evidenceIds[c.code] ?? beforeItems.find((i) => i.criterion_id === c.id)?.evidence_file_id ?? null })),
  );
  await audit(trx, actor, {
    action: before?.submitted_at ? 'score.change' : d.submit ? 'score.submit' : 'score.save',
    entityType: 'score',
    entityId: `${roundCode}/${modelCode}`,
    before: before ? { total: before.total, points: Object.fromEntries(beforeItems.map((i): [string, number] => [criteria.find((c) => c.id === i.criterion_id)?.code ?? String(i.criterion_id), i.points])) } : undefined,
    after: { total, points: d.points, comment: d.comment, ...(before?.submitted_at ? { reason: d.reason } : {}) },
  });
  return { total, submitted: Boolean(before?.submitted_at) || d.submit };
}

export interface RankedModel {
  code: string;
  name: string;
  carriedOutBy: string;
  holderLabel: string;
  unitName: string;
  registeredOn: string | null;
  /** the year of the campaign it was registered in (a phase's round ranks several years) */
  campaignYear: number;
  mean: number | null;
  sheets: number;
  band: string | null;
  proposed: boolean;
  byHandReason: string | null;
  rewardedIn: string | null;
}

interface Ranking {
  round: PresentedRound;
  eligible: number;
  byField: { code: string; name: string; quota: number | null; models: RankedModel[] }[];
  progress: { username: string; fullName: string; unitName: string; toScore: number; submitted: number; missing: string[] }[];
  proposal: { total: number; share: number; byField: { code: string; name: string; count: number }[]; alreadyRewarded: { code: string; name: string; number: string }[]; byHand: number };
}

/** The ranked list per field, the team's progress, and the proposal with its checks. */
export async function ranking(db: Db, actor: Actor, code: string): Promise<Ranking> {
  const r = await requireRound(db, code);
  mayRead(actor, r);
  const round = await presentRound(db, r);
  const campaignIds = await roundCampaignIds(db, r);
  const [eligible, sheets, allSheets, items, criteria, fields, team, proposal, campaign] = await Promise.all([
    repo.eligibleModels(db, campaignIds, r.cutoff_on),
    repo.submittedSheets(db, r.id),
    repo.allSheets(db, r.id),
    repo.submittedItems(db, r.id),
    criteriaOf(db, r.campaign_id),
    fieldsOfAll(db, campaignIds),
    repo.appraisersOf(db, r.id),
    repo.proposalOf(db, r.id),
    requireCampaign(db, r.campaign_code),
  ]);
  const bands = campaign.bands ? (JSON.parse(campaign.bands) as { name: string; min: number }[]) : DEFAULT_BANDS;
  const heaviest = [...criteria].sort((a, b) => b.weight - a.weight)[0];
  const rewarded = await repo.liveRewardsOf(db, { round: { id: r.id, campaignIds, cutoff: r.cutoff_on } }, r.phase_id);
  const stats = new Map<number, { sum: number; n: number; heavy: number }>();
  for (const s of sheets) {
    const st = stats.get(s.model_id) ?? { sum: 0, n: 0, heavy: 0 };
    st.sum += s.total;
    st.n += 1;
    stats.set(s.model_id, st);
  }
  if (heaviest) for (const i of items) if (i.criterion_id === heaviest.id) stats.get(i.model_id)!.heavy += i.points;
  const ranked = eligible.map((m) => {
    const st = stats.get(m.id);
    const mean = st ? Math.round((st.sum / st.n) * 100) / 100 : null;
    const p = proposal.find((x) => x.model_id === m.id);
    return {
      id: m.id,
      fieldCode: m.field_code,
      heavy: st ? st.heavy / st.n : 0,
      view: {
        code: m.code,
        name: m.name,
        carriedOutBy: m.holder_name ?? unitLabel(m.unit_name, m.unit_kind, m.parent_name),
        holderLabel: HOLDER_LABELS[m.holder as Holder] ?? m.holder,
        unitName: unitLabel(m.unit_name, m.unit_kind, m.parent_name),
        registeredOn: m.registered_on,
        campaignYear: m.campaign_year,
        mean,
        sheets: st?.n ?? 0,
        band: mean === null ? null : (bands.find((b) => mean >= b.min)?.name ?? 'Chưa đạt'),
        proposed: Boolean(p),
        byHandReason: p?.by_hand_reason ?? null,
        rewardedIn: rewarded.find((x) => x.code === m.code)?.number ?? null,
      } satisfies RankedModel,
    };
  });
  ranked.sort(
    (a, b) =>
      (b.view.mean ?? -1) - (a.view.mean ?? -1) ||
      b.heavy - a.heavy ||
      (a.view.registeredOn ?? '').localeCompare(b.view.registeredOn ?? '') ||
      a.view.code.localeCompare(b.view.code),
  );
  const byField = fields.map((f) => ({ code: f.code, name: f.name, quota: round.quotas[f.code] ?? null, models: ranked.filter((x) => x.fieldCode === f.code).map((x) => x.view) }));
  const progress = team.map((u) => {
    const mine = allSheets.filter((s) => s.appraiser_id === u.id);
    const toScore = eligible.filter((m) => !conflictOfInterest(m.unit_path, u.unit_path, r.campaign_unit_path));
    const done = new Set(mine.filter((s) => s.submitted_at).map((s) => s.model_id));
    const missing = toScore.filter((m) => !done.has(m.id)).map((m) => m.code);
    return { username: u.username, fullName: u.full_name, unitName: u.unit_name, toScore: toScore.length, submitted: done.size, missing };
  });
  const proposedViews = ranked.filter((x) => x.view.proposed);
  return {
    round,
    eligible: eligible.length,
    byField,
    progress,
    proposal: {
      total: proposedViews.length,
      share: eligible.length ? proposedViews.length / eligible.length : 0,
      byField: fields.map((f) => ({ code: f.code, name: f.name, count: proposedViews.filter((x) => x.fieldCode === f.code).length })),
      alreadyRewarded: proposedViews.filter((x) => x.view.rewardedIn).map((x) => ({ code: x.view.code, name: x.view.name, number: x.view.rewardedIn! })),
      byHand: proposedViews.filter((x) => x.view.byHandReason).length,
    },
  };
}

/**
 * Sets the round's proposal (tờ trình): "auto" takes, per field, the best-ranked models with a
 * mean at or above the threshold, up to the field's quota; "manual" takes the given list, and a
 * model that auto would not have chosen needs a reason.
 */
export async function proposeModels(trx: Tx, { actor, code, input }: { actor: Actor; code: string; input: unknown }): Promise<Ranking> {
  const r = await requireRound(trx, code);
  authorize(actor, 'appraisal.manage', { unitPath: r.campaign_unit_path, entityType: 'round', entityId: code });
  if (r.status !== 'open') throw conflict('Đợt thẩm định đã có quyết định khen thưởng: không sửa được đề xuất.');
  const d = parseInput(ZProposal, input, appraisalLabels);
  const rank = await ranking(trx, actor, code);
  const auto = new Set<string>();
  for (const f of rank.byField) {
    const candidates = f.models.filter((m) => m.mean !== null && (rank.round.threshold === null || m.mean >= rank.round.threshold) && !m.rewardedIn);
    const take = f.quota ?? (rank.round.threshold !== null ? candidates.length : 0);
    for (const m of candidates.slice(0, take)) auto.add(m.code);
  }
  const chosen = d.mode === 'auto' ? [...auto] : [...new Set(d.models)];
  const all = rank.byField.flatMap((f) => f.models);
  const rows: { model_id: number; by_hand_reason: string | null }[] = [];
  for (const c of chosen) {
    if (!all.some((m) => m.code === c)) throw fieldError('models', `Danh sách mô hình: "${c}" không thuộc đợt thẩm định này`);
    const reason = d.reasons[c]?.trim() || null;
    if (d.mode === 'manual' && !auto.has(c) && !reason) throw fieldError('reasons', `Lý do: mô hình "${c}" nằm ngoài chỉ tiêu hoặc dưới điểm sàn, cần nêu lý do đề xuất`);
    const m = await findModelByCode(trx, c);
    rows.push({ model_id: m!.id, by_hand_reason: auto.has(c) ? null : reason });
  }
  await repo.setProposal(trx, r.id, rows);
  await audit(trx, actor, { action: 'round.propose', entityType: 'round', entityId: code, after: { mode: d.mode, models: chosen } });
  return ranking(trx, actor, code);
}

// Decisions -------------------------------------------------------------------

export interface PresentedDecision {
  number: string;
  campaign: string;
  round: string | null;
  /** a reward for a phase: its models come from the phase's campaigns */
  phase: { code: string; name: string } | null;
  date: string;
  issuer: string;
  signer: string | null;
  signerTitle: string | null;
  form: string;
  status: string;
  statusLabel: string;
  revokeReason: string | null;
  /** when it was revoked (an instant), or null */
  revokedAt: string | null;
  models: { code: string; name: string; carriedOutBy: string; unitName: string; field: string; fieldName: string }[];
}

async function presentDecision(db: Db, d: repo.DecisionWithCampaign): Promise<PresentedDecision> {
  const models = (await repo.modelsOfDecision(db, d.id)).sort((a, b) => a.field_order - b.field_order || (a.sort_key < b.sort_key ? -1 : a.sort_key > b.sort_key ? 1 : 0));
  return {
    number: d.number,
    campaign: d.campaign_code,
    round: d.round_code,
    phase: d.phase_code ? { code: d.phase_code, name: d.phase_name ?? d.phase_code } : null,
    date: d.decided_on,
    issuer: d.issuer,
    signer: d.signer,
    signerTitle: d.signer_title,
    form: d.form,
    status: d.status,
    statusLabel: DECISION_STATUS[d.status as DecisionStatus] ?? d.status,
    revokeReason: d.revoke_reason,
    revokedAt: d.revoked_at,
    models: models.map((m) => ({ code: m.code, name: m.name, carriedOutBy: m.holder_name ?? unitLabel(m.unit_name, m.unit_kind, m.parent_name), unitName: unitLabel(m.unit_name, m.unit_kind, m.parent_name), field: m.field_code, fieldName: m.field_name })),
  };
}

/** The answer for a decision number that does not exist — and for a draft the reader may not see. */
const decisionMissing = (number: string) => notFound(`Không tìm thấy quyết định "${number}".`);

async function requireDecision(db: Db, number: string): Promise<repo.DecisionWithCampaign> {
  const d = await repo.findDecision(db, number);
  if (!d) throw decisionMissing(number);
  return d;
}

/**
 * Drafts a reward decision: from a round (its proposal, unless models are given) or directly.
 * A model already in a live decision is refused (no reward twice for one achievement), and so is
 * a second decision for a round that is locked or already has a live one.
 */
export async function createDecision(trx: Tx, { actor, input }: { actor: Actor; input: unknown }): Promise<PresentedDecision> {
  const d = parseInput(ZDecision, input, appraisalLabels);
  const campaign = await requireCampaign(trx, d.campaign).catch(() => {
    throw fieldError('campaign', `Chủ đề năm: không tìm thấy chủ đề năm "${d.campaign}"`);
  });
  authorize(actor, 'reward.decide', { unitPath: campaign.unit_path, entityType: 'decision', entityId: d.number });
  if (await repo.findDecision(trx, d.number)) throw conflict(`Quyết định số ${d.number} đã có.`, 'number');
  let roundId: number | null = null;
  let modelIds: number[] = [];
  let phaseId = d.phase ? (await phaseFor(trx, actor, d.phase, campaign)).id : null;
  if (d.round) {
    const r = await repo.findRound(trx, d.round);
    if (!r || r.campaign_id !== campaign.id) throw fieldError('round', `Đợt thẩm định: không tìm thấy đợt "${d.round}" của chủ đề năm này`);
    // a round's decision is of the round's phase (or of none)
    if (d.phase && r.phase_id !== phaseId) throw fieldError('phase', r.phase_code ? `Giai đoạn: đợt "${r.name}" thuộc giai đoạn "${r.phase_name}"` : `Giai đoạn: đợt "${r.name}" không thuộc giai đoạn nào`);
    phaseId = r.phase_id;
    if (r.status !== 'open') throw conflict(`Đợt thẩm định "${r.name}" đã có quyết định khen thưởng (đã khóa).`);
    const live = (await repo.listDecisions(trx)).filter((x) => x.round_id === r.id && x.status !== 'revoked');
    if (live.length) throw conflict(`Đợt thẩm định "${r.name}" đã có quyết định số ${live[0]!.number}.`);
    roundId = r.id;
    if (!d.models.length) modelIds = (await repo.proposalOf(trx, r.id)).map((p) => p.model_id);
  }
  const roundRow = roundId ? await repo.findRoundById(trx, roundId) : undefined;
  const campaignIds = (await campaignsOf(trx, campaign, phaseId)).map((c) => c.id);
  const eligibleIds = roundRow ? new Set((await repo.eligibleModels(trx, campaignIds, roundRow.cutoff_on)).map((m) => m.id)) : null;
  for (const c of d.models) {
    const m = await findModelByCode(trx, c);
    if (!m || !campaignIds.includes(m.campaign_id)) throw fieldError('models', `Danh sách mô hình: không có mô hình "${c}" trong ${phaseId === null ? 'chủ đề năm này' : 'các năm của giai đoạn này'}`);
    if (eligibleIds && !eligibleIds.has(m.id)) throw fieldError('models', `Danh sách mô hình: "${m.name}" không thuộc đợt thẩm định này`);
    if (m.status !== 'registered' && m.status !== 'stopped') throw fieldError('models', `Danh sách mô hình: "${m.name}" chưa được ghi nhận đăng ký`);
    modelIds.push(m.id);
  }
  modelIds = [...new Set(modelIds)];
  // the round's proposal too: every model is of the campaigns chosen among (one moved out since is refused)
  for (const m of await findModelsByIds(trx, modelIds)) {
    if (!campaignIds.includes(m.campaign_id) || (eligibleIds && !eligibleIds.has(m.id))) throw fieldError('models', `Danh sách mô hình: "${m.name}" không thuộc đợt thẩm định này`);
  }
  if (!modelIds.length) throw fieldError('models', 'Danh sách mô hình: chưa có mô hình nào được đề xuất khen thưởng');
  const t = now();
  const id = await repo.insertDecision(trx, {
    number: d.number,
    campaign_id: campaign.id,
    round_id: roundId,
    phase_id: phaseId,
    decided_on: d.date,
    issuer: d.issuer,
    signer: d.signer,
    signer_title: d.signerTitle,
    form: d.form,
    status: 'draft',
    published_at: null,
    revoked_at: null,
    revoke_reason: null,
    created_at: t,
    updated_at: t,
  });
  await repo.setDecisionModels(trx, id, modelIds);
  // checked once written, against its own models (the refusal rolls the write back with the handler's transaction)
  const twice = await repo.liveRewardsOf(trx, { decision: id }, phaseId);
  if (twice.length) throw conflict(`Không khen thưởng hai lần cho một thành tích: ${twice.map((x) => `"${x.name}" đã có trong quyết định số ${x.number}`).join('; ')}.`, 'models');
  const out = await presentDecision(trx, (await repo.findDecision(trx, d.number))!);
  await audit(trx, actor, { action: 'decision.create', entityType: 'decision', entityId: d.number, after: { ...out, models: out.models.map((m) => m.code) } });
  return out;
}

/** Publishes a draft decision: asks for explicit confirmation, cannot be undone, locks the round. */
export async function publishDecision(trx: Tx, { actor, number, confirm }: { actor: Actor; number: string; confirm: boolean }): Promise<PresentedDecision> {
  const d = await requireDecision(trx, number);
  authorize(actor, 'reward.decide', { unitPath: d.campaign_unit_path, entityType: 'decision', entityId: number });
  if (d.status !== 'draft') throw conflict(`Quyết định số ${number} đang ở trạng thái "${DECISION_STATUS[d.status as DecisionStatus]}": chỉ ban hành được dự thảo.`);
  if (!confirm) throw fieldError('confirm', 'Xác nhận: hãy đánh dấu ô xác nhận — ban hành là không thể hoàn tác');
  await repo.updateDecision(trx, d.id, { status: 'published', published_at: now(), updated_at: now() });
  if (d.round_id) await repo.updateRound(trx, d.round_id, { status: 'decided', updated_at: now() });
  const out = await presentDecision(trx, (await repo.findDecision(trx, number))!);
  await audit(trx, actor, { action: 'decision.publish', entityType: 'decision', entityId: number, after: { status: 'published', models: out.models.map((m) => m.code) } });
  return out;
}

/** Revokes a published decision with a reason (kept, with the decision, in the audit trail); the round reopens. */
export async function revokeDecision(trx: Tx, { actor, number, input }: { actor: Actor; number: string; input: unknown }): Promise<PresentedDecision> {
  const d = await requireDecision(trx, number);
  authorize(actor, 'reward.decide', { unitPath: d.campaign_unit_path, entityType: 'decision', entityId: number });
  if (d.status !== 'published') throw conflict(`Chỉ thu hồi được quyết định đã ban hành.`);
  const { reason } = parseInput(ZRevoke, input, appraisalLabels);
  await repo.updateDecision(trx, d.id, { status: 'revoked', revoked_at: now(), revoke_reason: reason, updated_at: now() });
  if (d.round_id) await repo.updateRound(trx, d.round_id, { status: 'open', updated_at: now() });
  await audit(trx, actor, { action: 'decision.revoke', entityType: 'decision', entityId: number, before: { status: 'published' }, after: { status: 'revoked', reason } });
  return presentDecision(trx, (await repo.findDecision(trx, number))!);
}

/** A decision: anyone may read a published (or revoked) one; drafts stay with the council. */
export async function getDecision(db: Db, actor: Actor | null, number: string): Promise<PresentedDecision> {
  const d = await requireDecision(db, number);
  if (d.status === 'draft') {
    if (!actor) throw decisionMissing(number);
    // a draft outside the reader's line is answered as a decision that does not exist (issue #20)
    authorizeReadIf(actor, 'appraisal.read', concerns(actor, d.campaign_unit_path), { unitPath: d.campaign_unit_path, entityType: 'decision', entityId: number }, () => decisionMissing(number));
  }
  return presentDecision(db, d);
}

export async function listDecisions(db: Db, actor: Actor | null): Promise<PresentedDecision[]> {
  if (actor) authorize(actor, 'appraisal.read');
  // with no actor (the portal): the issued ones — published, or revoked after publication; callers pick
  const rows = await repo.listDecisions(db, { issuedOnly: !actor });
  const visible = rows.filter((d) => d.status !== 'draft' || (actor && can(actor, 'appraisal.read') && concerns(actor, d.campaign_unit_path)));
  return Promise.all(visible.map((d) => presentDecision(db, d)));
}

/** Every published reward of a unit's subtree, or of a person, collective or model by name. */
export async function lookupRewards(db: Db, actor: Actor, q: { unit?: string | undefined; name?: string | undefined }) {
  authorize(actor, 'appraisal.read');
  const unit = q.unit ? await findUnitByCode(db, q.unit) : undefined;
  if (q.unit && !unit) throw fieldError('unit', `Đơn vị: không tìm thấy đơn vị "${q.unit}"`);
  const rows = await repo.rewardsOf(db, { ...(unit ? { unitPath: unit.path } : {}), ...(q.name?.trim() ? { folded: fold(q.name) } : {}) });
  return rows.map((r) => ({
    model: r.code,
    name: r.name,
    carriedOutBy: r.holder_name ?? r.unit_name,
    campaign: r.campaign_code,
    year: r.year,
    decision: r.number,
    date: r.decided_on,
    form: r.form,
    issuer: r.issuer,
  }));
}

/** The proposal (tờ trình) of a round, ready for its document: the proposed models in rank order. */
export async function proposalContext(db: Db, actor: Actor, code: string) {
  const rank = await ranking(db, actor, code);
  const r = await requireRound(db, code);
  const campaign = await requireCampaign(db, r.campaign_code);
  return {
    unitName: campaign.unit_name,
    place: placeOf(campaign.unit_name),
    date: todayVn(),
    roundName: rank.round.name,
    campaignTheme: campaign.theme,
    eligible: rank.eligible,
    rows: rank.byField.flatMap((f) => f.models.filter((m) => m.proposed).map((m) => ({ ...m, fieldName: f.name }))),
    byField: rank.proposal.byField.map((f) => ({ name: f.name, count: f.count })),
  };
}

/** What a decision's documents say about who issues it, from the campaign's unit. */
export async function decisionContext(db: Db, actor: Actor, number: string) {
  const d = await getDecision(db, actor, number);
  const row = await requireDecision(db, number);
  const campaign = await requireCampaign(db, row.campaign_code);
  const unitName = campaign.unit_name;
  const round = row.round_id ? await repo.findRoundById(db, row.round_id) : undefined;
  const title = (d.signerTitle ?? 'Chủ tịch').split(/\s+(UBND|Ủy ban)/)[0] ?? 'Chủ tịch';
  return {
    decision: d,
    unitName,
    issuer: { superior: '', body: `Ủy ban nhân dân ${unitName.charAt(0).toLowerCase()}${unitName.slice(1)}`, place: placeOf(unitName), signTitle: title },
    reason: `mô hình "Dân vận khéo" tiêu biểu${round ? `, ${round.name.charAt(0).toLowerCase()}${round.name.slice(1)}` : ` năm ${campaign.year}`}`,
    legalBasis: [
      'Căn cứ Luật Tổ chức chính quyền địa phương;',
      'Căn cứ Luật Thi đua, khen thưởng và các văn bản hướng dẫn thi hành;',
      ...(campaign.plan_number ? [`Căn cứ Kế hoạch số ${campaign.plan_number} ngày ${formatDate(campaign.plan_date)} của ${campaign.plan_issuer ?? ''} về thực hiện chủ đề "${campaign.theme}";`] : []),
      `Xét đề nghị của Hội đồng Thi đua - Khen thưởng${round ? ` tại đợt ${round.name.charAt(0).toLowerCase()}${round.name.slice(1)}` : ''},`,
    ],
  };
}

interface AppraisalWork {
  /** open rounds in which this appraiser still has models to score */
  toScore: { round: string; roundName: string; campaign: string; left: number; of: number; opensOn: string; closesOn: string; overdue: boolean }[];
  /** draft decisions this user may publish */
  toPublish: { number: string; campaign: string; round: string | null; decidedOn: string; createdAt: string; models: number }[];
}

/** What waits on a user in appraisal: sheets to score (an appraiser) and draft decisions to publish (the council). */
export async function appraisalWork(db: Db, actor: Actor & { kind: 'user' }, today = todayVn()): Promise<AppraisalWork> {
  const out: AppraisalWork = { toScore: [], toPublish: [] };
  if (can(actor, 'appraisal.score')) {
    for (const r of await repo.openRoundsOfAppraiser(db, actor.userId)) {
      if (r.opens_on > today) continue;
      const mine = (await repo.eligibleModels(db, await roundCampaignIds(db, r), r.cutoff_on)).filter((m) => !conflictOfInterest(m.unit_path, actor.unitPath, r.campaign_unit_path));
      const left = mine.length - Number(r.submitted ?? 0);
      if (left > 0) out.toScore.push({ round: r.code, roundName: r.name, campaign: r.campaign_code, left, of: mine.length, opensOn: r.opens_on, closesOn: r.closes_on, overdue: r.closes_on < today });
    }
  }
  if (can(actor, 'reward.decide')) {
    for (const d of await repo.draftDecisions(db)) {
      if (!can(actor, 'reward.decide', { unitPath: d.campaign_unit_path })) continue;
      out.toPublish.push({ number: d.number, campaign: d.campaign_code, round: d.round_code, decidedOn: d.decided_on, createdAt: d.created_at, models: (await repo.modelsOfDecision(db, d.id)).length });
    }
  }
  return out;
}

/*
 * The slice's public surface for other slices: these readers and writers of its tables, and the
 * kinds and labels of its table module. Other slices import them from here, never from
 * the repository or the table module (.dependency-cruiser.cjs).
 */
export { decisionsThrough, eligibleModels, findRound, phaseRewardsThrough, rewardedByField, rewardedModelsThrough } from './appraisal.repository.js';
