/**
 * Campaigns (chủ đề năm): one per unit and year, with its theme, the plan it implements, its
 * fields (lĩnh vực) and weighted appraisal criteria.
 */
import type { Db, Tx } from '../../db/index.js';
import { conflict, fieldError, notFound } from '../../lib/errors.js';
import { parseInput } from '../../lib/validation.js';
import { todayVn } from '../../lib/vi.js';
import { authorize, authorizeReadIf, onLineOf, type Actor, ForbiddenError } from '../../policy/policy.js';
import { audit } from '../audit/audit.service.js';
import { resolveDocument } from '../documents/documents.service.js';
import { findUnitByCode } from '../units/units.service.js';
import { portalChanged } from '../settings/settings.version.js';
import * as repo from './campaigns.repository.js';
import { phaseReferences } from './campaigns.references.js';
import { campaignLabels, phaseLabels, ZCampaign, ZPhase, ZUpdateCampaign, ZUpdatePhase, type PresentedCampaign, type PresentedPhase, type TCampaign } from './campaigns.schemas.js';

async function present(db: Db, c: repo.CampaignWithUnit): Promise<PresentedCampaign> {
  const [fields, criteria] = await Promise.all([repo.fieldsOf(db, c.id), repo.criteriaOf(db, c.id)]);
  return {
    code: c.code,
    unit: c.unit_code,
    unitName: c.unit_name,
    year: c.year,
    theme: c.theme,
    plan: c.plan_number ? { number: c.plan_number, date: c.plan_date ?? '', title: c.plan_title ?? '', issuer: c.plan_issuer ?? '' } : null,
    startsOn: c.starts_on,
    endsOn: c.ends_on,
    fields: fields.map((f) => ({ code: f.code, name: f.name })),
    criteria: criteria.map((k) => ({ code: k.code, name: k.name, weight: k.weight })),
    bands: c.bands ? (JSON.parse(c.bands) as { name: string; min: number }[]) : DEFAULT_BANDS,
    publishMoney: c.publish_money === 1,
  };
}

/** Classification by mean score when a campaign sets none (best first). */
export const DEFAULT_BANDS = [
  { name: 'Xuất sắc', min: 90 },
  { name: 'Tốt', min: 80 },
  { name: 'Khá', min: 65 },
  { name: 'Đạt', min: 50 },
];

/** A campaign concerns a user whose unit is inside its unit's subtree, or above it. */
const concerns = onLineOf;

/** The answer for a campaign code that does not exist — and for one the reader may not see. */
export const campaignMissing = (code: string) => notFound(`Không tìm thấy chủ đề năm "${code}".`);

export async function requireCampaign(db: Db, code: string): Promise<repo.CampaignWithUnit> {
  const c = await repo.findCampaignByCode(db, code);
  if (!c) throw campaignMissing(code);
  return c;
}

/**
 * A campaign the actor may read: its own unit's, one above it (the district's), or one below.
 * Another is answered as a campaign that does not exist (issue #20); `forWrite` (the model
 * workbook and the new-model form, which work in the campaign) keeps the refusal a 403.
 */
export async function getCampaign(db: Db, actor: Actor, code: string, opts: { forWrite?: boolean } = {}): Promise<PresentedCampaign> {
  const c = await requireCampaign(db, code);
  const resource = { unitPath: c.unit_path, entityType: 'campaign', entityId: code };
  if (opts.forWrite) {
    authorize(actor, 'campaign.read');
    if (!concerns(actor, c.unit_path)) throw new ForbiddenError('campaign.read', resource);
  } else authorizeReadIf(actor, 'campaign.read', concerns(actor, c.unit_path), resource, () => campaignMissing(code));
  return present(db, c);
}

/** Campaigns that concern the actor, newest year first. */
export async function listCampaigns(db: Db, actor: Actor): Promise<PresentedCampaign[]> {
  authorize(actor, 'campaign.read');
  const rows = (await repo.listCampaignRows(db)).filter((c) => concerns(actor, c.unit_path));
  return Promise.all(rows.map((c) => present(db, c)));
}

async function resolveCommon(db: Db, data: Pick<TCampaign, 'unit' | 'plan' | 'planDate' | 'startsOn' | 'endsOn'>) {
  const unit = await findUnitByCode(db, data.unit);
  if (!unit) throw fieldError('unit', `Đơn vị phát động: không tìm thấy đơn vị "${data.unit}"`);
  let planId: number | null = null;
  if (data.plan) {
    const doc = await resolveDocument(db, data.plan, data.planDate);
    if (!doc) throw fieldError('plan', `Kế hoạch thực hiện: không tìm thấy văn bản số "${data.plan}" trong sổ văn bản`);
    planId = doc.id;
  }
  if (data.startsOn && data.endsOn && data.endsOn < data.startsOn) throw fieldError('endsOn', 'Ngày kết thúc: phải sau ngày bắt đầu');
  return { unit, planId };
}

/** What uses a phase, as "2 đợt thẩm định": the columns slices declared (campaigns.references.ts); `chose`: only the rows that chose among its years. */
async function phaseUses(db: Db, phaseId: number, chose = false): Promise<string[]> {
  const byLabel = new Map<string, number>();
  for (const r of phaseReferences()) {
    if (chose && !r.choseUpTo) continue;
    const n = await repo.countPhaseReferences(db, phaseId, r.table, r.column);
    if (n > 0) byLabel.set(r.label, (byLabel.get(r.label) ?? 0) + n);
  }
  return [...byLabel].map(([label, n]) => `${n} ${label}`);
}

/** The latest year the phase's rounds and decisions chose among (each up to its own campaign's year); null: none has. */
async function latestYearChosen(db: Db, phaseId: number): Promise<number | null> {
  let latest: number | null = null;
  for (const r of phaseReferences()) {
    if (!r.choseUpTo) continue;
    const y = await repo.latestYearChosen(db, phaseId, r.table, r.column, r.choseUpTo);
    if (y !== null && (latest === null || y > latest)) latest = y;
  }
  return latest;
}

/**
 * A campaign entering a unit's year that a phase of the unit spans (a new one, or one moved there).
 * Refused (409) for a year up to the latest a round or a decision of the phase chose among: it
 * would enter what a round ranks and add a column to the report of years already chosen among (a
 * later year is what a phase is for: a mid-term round chooses among the years before it); and when
 * the unit already has a campaign of that year: the phase would count the year twice.
 */
async function mayEnterPhases(db: Db, unitId: number, year: number, except?: number): Promise<void> {
  for (const p of await repo.overlappingPhases(db, unitId, year, year)) {
    const upTo = await latestYearChosen(db, p.id);
    if (upTo !== null && year <= upTo) {
      throw conflict(`${phaseName(p, true)} (${p.from_year}–${p.to_year}) đã dùng cho ${(await phaseUses(db, p.id, true)).join(', ')}, chọn trong các năm đến ${upTo}: không thêm chủ đề năm ${year} vào giai đoạn này.`, 'year');
    }
    const same = (await repo.campaignsOfUnitYear(db, unitId, year)).find((k) => k.id !== except);
    if (same) throw conflict(`Đơn vị đã có chủ đề năm ${year} ("${same.code}") trong ${phaseName(p)} (${p.from_year}–${p.to_year}): mỗi năm của một giai đoạn chỉ có một chủ đề năm.`, 'year');
  }
}

/** Creates a campaign for a unit inside the actor's scope. */
export async function createCampaign(trx: Tx, { actor, input }: { actor: Actor; input: unknown }): Promise<PresentedCampaign> {
  const data = parseInput(ZCampaign, input, campaignLabels);
  const { unit, planId } = await resolveCommon(trx, data);
  authorize(actor, 'campaign.manage', { unitPath: unit.path, entityType: 'campaign', entityId: data.code });
  if (await repo.findCampaignByCode(trx, data.code)) throw conflict(`Mã chủ đề năm "${data.code}" đã tồn tại.`, 'code');
  await mayEnterPhases(trx, unit.id, data.year);
  const t = new Date().toISOString();
  const id = await repo.insertCampaign(trx, {
    code: data.code,
    unit_id: unit.id,
    year: data.year,
    theme: data.theme,
    plan_document_id: planId,
    starts_on: data.startsOn ?? `${data.year}-01-01`,
    ends_on: data.endsOn ?? `${data.year}-12-31`,
    bands: data.bands?.length ? JSON.stringify(data.bands) : null,
    publish_money: data.publishMoney ? 1 : 0,
    created_at: t,
    updated_at: t,
  });
  await repo.syncFields(trx, id, data.fields);
  await repo.syncCriteria(trx, id, data.criteria);
  const out = await present(trx, (await repo.findCampaignByCode(trx, data.code))!);
  await audit(trx, actor, { action: 'campaign.create', entityType: 'campaign', entityId: data.code, after: out });
  // the portal shows the campaigns (theme, figures): its cached pages go stale
  await portalChanged(trx);
  return out;
}

/** Edits a campaign; a field still used by models cannot be removed (409). */
export async function updateCampaign(trx: Tx, { actor, code, input }: { actor: Actor; code: string; input: unknown }): Promise<PresentedCampaign> {
  const c = await requireCampaign(trx, code);
  authorize(actor, 'campaign.manage', { unitPath: c.unit_path, entityType: 'campaign', entityId: code });
  const data = parseInput(ZUpdateCampaign, input, campaignLabels);
  const { unit, planId } = await resolveCommon(trx, data);
  authorize(actor, 'campaign.manage', { unitPath: unit.path, entityType: 'campaign', entityId: code });
  const existing = await repo.fieldsOf(trx, c.id);
  const newFields = data.fields ?? existing.map((f) => ({ code: f.code, name: f.name }));
  const removed = existing.filter((f) => !newFields.some((n) => n.code === f.code));
  const used = await repo.modelsPerField(trx, removed.map((f) => f.id));
  const blocking = removed.filter((f) => (used.get(f.id) ?? 0) > 0);
  if (blocking.length) {
    throw conflict(`Không thể bỏ lĩnh vực ${blocking.map((f) => `"${f.name}" (${used.get(f.id)} mô hình)`).join(', ')} vì đang có mô hình thuộc lĩnh vực đó.`, 'fields');
  }
  if (data.criteria) {
    const current = await repo.criteriaOf(trx, c.id);
    const same = current.length === data.criteria.length && current.every((k, i) => k.code === data.criteria![i]!.code && k.weight === data.criteria![i]!.weight && k.name === data.criteria![i]!.name);
    if (!same && (await repo.countScores(trx, c.id)) > 0) throw conflict('Không sửa được tiêu chí thẩm định: đã có điểm chấm theo các tiêu chí này.', 'criteria');
  }
  if (unit.id !== c.unit_id || data.year !== c.year) {
    // a campaign moved out of the years a round or a decision of a phase has chosen among would change what they chose; moving into them is refused by mayEnterPhases; a later year of the phase is free
    for (const p of await repo.overlappingPhases(trx, c.unit_id, c.year, c.year)) {
      const upTo = await latestYearChosen(trx, p.id);
      if (upTo !== null && c.year <= upTo) throw conflict(`Không đổi được đơn vị hay năm của chủ đề năm: ${phaseName(p)} đã có đợt thẩm định hoặc quyết định khen thưởng chọn trong các năm đến ${upTo}.`, 'year');
    }
    await mayEnterPhases(trx, unit.id, data.year, c.id);
  }
  const startsOn = data.startsOn ?? (data.startsOn === undefined && data.year === c.year ? c.starts_on : `${data.year}-01-01`);
  const endsOn = data.endsOn ?? (data.endsOn === undefined && data.year === c.year ? c.ends_on : `${data.year}-12-31`);
  if (startsOn && endsOn && endsOn < startsOn) throw fieldError('endsOn', 'Ngày kết thúc: phải sau ngày bắt đầu');
  const before = await present(trx, c);
  await repo.updateCampaignRow(trx, c.id, {
    unit_id: unit.id,
    year: data.year,
    theme: data.theme,
    // left out (a PATCH that does not mention it): kept; given blank: cleared, or the year's bounds
    plan_document_id: data.plan === undefined ? c.plan_document_id : planId,
    starts_on: startsOn,
    ends_on: endsOn,
    ...(data.bands ? { bands: data.bands.length ? JSON.stringify(data.bands) : null } : {}),
    ...(data.publishMoney !== undefined ? { publish_money: data.publishMoney ? 1 : 0 } : {}),
    updated_at: new Date().toISOString(),
  });
  if (data.fields) await repo.syncFields(trx, c.id, data.fields);
  if (data.criteria) await repo.syncCriteria(trx, c.id, data.criteria);
  const after = await present(trx, (await repo.findCampaignByCode(trx, code))!);
  await audit(trx, actor, { action: 'campaign.update', entityType: 'campaign', entityId: code, before, after });
  await portalChanged(trx);
  return after;
}

/**
 * The day a campaign's public figures are counted through: its end once that has passed, else
 * today. The home page, the campaign archive and the lists their figures open all use it, so they
 * count the same population on the same day.
 */
export const publicThrough = (k: { year: number; endsOn: string | null }, today: string = todayVn()): string => {
  const end = k.endsOn ?? `${k.year}-12-31`;
  return end < today ? end : today;
};

/**
 * The campaigns a unit's models of a year may belong to: that year's campaigns of the unit itself
 * and of every unit above it (a ward's models are in the district's campaign, or in the ward's own),
 * nearest first; empty: none.
 */
export async function campaignsOfYearAt(db: Db, unitPath: string, year: number): Promise<repo.CampaignWithUnit[]> {
  const ids = unitPath.split('/').filter(Boolean);
  const above = ids.map((_, i) => `/${ids.slice(0, i + 1).join('/')}/`);
  return repo.campaignsOfYearAt(db, above, year);
}

/** Every campaign, newest first: themes, plans and fields are public information. */
export async function listPublicCampaigns(db: Db): Promise<PresentedCampaign[]> {
  return Promise.all((await repo.listCampaignRows(db)).map((c) => present(db, c)));
}

/** The paths of the units that run a campaign: a user whose subtree holds one works at a campaign's level (the admin menu). */
export async function campaignUnitPaths(db: Db): Promise<string[]> {
  return [...new Set((await repo.listCampaignRows(db)).map((c) => c.unit_path))];
}

// Phases (giai đoạn) ------------------------------------------------------------

async function presentPhase(db: Db, p: repo.PhaseWithUnit): Promise<PresentedPhase> {
  const campaigns = await repo.campaignsOfPhase(db, p);
  return {
    code: p.code,
    name: p.name,
    unit: p.unit_code,
    unitName: p.unit_name,
    fromYear: p.from_year,
    toYear: p.to_year,
    campaigns: campaigns.map((c) => ({ code: c.code, year: c.year, theme: c.theme })),
  };
}

/** A phase named in a sentence: its name in quotes, after "giai đoạn" unless the name says it ("Giai đoạn 2021–2025"). */
const phaseName = (p: { name: string }, first = false): string => (/^giai đoạn\b/i.test(p.name.normalize('NFC')) ? `"${p.name}"` : `${first ? 'Giai' : 'giai'} đoạn "${p.name}"`);

export const phaseMissing = (code: string) => notFound(`Không tìm thấy giai đoạn "${code}".`);

export async function requirePhase(db: Db, code: string): Promise<repo.PhaseWithUnit> {
  const p = await repo.findPhaseByCode(db, code);
  if (!p) throw phaseMissing(code);
  return p;
}

/** A phase is read like its unit's campaigns: on its line, else answered as one that does not exist. With its row, for readers that count it. */
export async function readPhase(db: Db, actor: Actor, code: string): Promise<{ row: repo.PhaseWithUnit; phase: PresentedPhase }> {
  const p = await requirePhase(db, code);
  authorizeReadIf(actor, 'campaign.read', concerns(actor, p.unit_path), { unitPath: p.unit_path, entityType: 'phase', entityId: code }, () => phaseMissing(code));
  return { row: p, phase: await presentPhase(db, p) };
}

export const getPhase = async (db: Db, actor: Actor, code: string): Promise<PresentedPhase> => (await readPhase(db, actor, code)).phase;

/** Refuses (403) one who may not change a phase. */
export async function mayManagePhase(db: Db, actor: Actor, code: string): Promise<void> {
  const p = await requirePhase(db, code);
  authorize(actor, 'campaign.manage', { unitPath: p.unit_path, entityType: 'phase', entityId: code });
}

/** Phases that concern the actor, the latest first. */
export async function listPhases(db: Db, actor: Actor): Promise<PresentedPhase[]> {
  authorize(actor, 'campaign.read');
  const rows = (await repo.listPhaseRows(db)).filter((p) => concerns(actor, p.unit_path));
  return Promise.all(rows.map((p) => presentPhase(db, p)));
}

/** A unit's phases do not share a year: a model's year belongs to one phase, so it is rewarded once for it. */
async function noOverlap(db: Db, unitId: number, fromYear: number, toYear: number, except?: number): Promise<void> {
  const other = (await repo.overlappingPhases(db, unitId, fromYear, toYear)).find((x) => x.id !== except);
  if (other) throw conflict(`Đơn vị đã có ${phaseName(other)} (${other.from_year}–${other.to_year}) trùng các năm này.`, 'fromYear');
  // a phase counts one campaign a year: a year with two would be two columns and two sets of models to choose among
  const byYear = new Map<number, string[]>();
  for (const c of await repo.campaignsOfPhase(db, { unit_id: unitId, from_year: fromYear, to_year: toYear })) byYear.set(c.year, [...(byYear.get(c.year) ?? []), c.code]);
  const twice = [...byYear.entries()].find(([, codes]) => codes.length > 1);
  if (twice) throw conflict(`Năm ${twice[0]} đơn vị có ${twice[1].length} chủ đề năm (${twice[1].join(', ')}): giai đoạn tính mỗi năm một chủ đề năm.`, 'fromYear');
}

/** Creates a phase of a unit in the actor's scope: the unit's campaigns of those years. */
export async function createPhase(trx: Tx, { actor, input }: { actor: Actor; input: unknown }): Promise<PresentedPhase> {
  const d = parseInput(ZPhase, input, phaseLabels);
  const unit = await findUnitByCode(trx, d.unit);
  if (!unit) throw fieldError('unit', `Đơn vị: không tìm thấy đơn vị "${d.unit}"`);
  authorize(actor, 'campaign.manage', { unitPath: unit.path, entityType: 'phase', entityId: d.code });
  if (await repo.findPhaseByCode(trx, d.code)) throw conflict(`Mã giai đoạn "${d.code}" đã tồn tại.`, 'code');
  await noOverlap(trx, unit.id, d.fromYear, d.toYear);
  const t = new Date().toISOString();
  const id = await repo.insertPhase(trx, { code: d.code, name: d.name, unit_id: unit.id, from_year: d.fromYear, to_year: d.toYear, created_at: t, updated_at: t });
  const out = await presentPhase(trx, (await repo.findPhaseById(trx, id))!);
  await audit(trx, actor, { action: 'phase.create', entityType: 'phase', entityId: d.code, after: out });
  return out;
}

/**
 * Edits a phase. Once a round or a decision spans it, its unit and years stay: they are the
 * campaigns whose models were chosen among.
 */
export async function updatePhase(trx: Tx, { actor, code, input }: { actor: Actor; code: string; input: unknown }): Promise<PresentedPhase> {
  const p = await requirePhase(trx, code);
  authorize(actor, 'campaign.manage', { unitPath: p.unit_path, entityType: 'phase', entityId: code });
  const d = parseInput(ZUpdatePhase, input, phaseLabels);
  const unit = await findUnitByCode(trx, d.unit);
  if (!unit) throw fieldError('unit', `Đơn vị: không tìm thấy đơn vị "${d.unit}"`);
  authorize(actor, 'campaign.manage', { unitPath: unit.path, entityType: 'phase', entityId: code });
  const moved = unit.id !== p.unit_id || d.fromYear !== p.from_year || d.toYear !== p.to_year;
  if (moved && (await phaseUses(trx, p.id, true)).length) throw conflict('Không sửa được đơn vị hay các năm của giai đoạn: đã có đợt thẩm định hoặc quyết định khen thưởng theo giai đoạn này.', unit.id !== p.unit_id ? 'unit' : d.fromYear !== p.from_year ? 'fromYear' : 'toYear');
  // a proposal names the phase of its unit: the phase does not move to another unit under it
  if (unit.id !== p.unit_id && (await phaseUses(trx, p.id)).length) throw conflict('Không chuyển được giai đoạn sang đơn vị khác: đã có tờ trình, đợt thẩm định hoặc quyết định khen thưởng theo giai đoạn này.', 'unit');
  if (moved) await noOverlap(trx, unit.id, d.fromYear, d.toYear, p.id);
  const before = await presentPhase(trx, p);
  await repo.updatePhaseRow(trx, p.id, { name: d.name, unit_id: unit.id, from_year: d.fromYear, to_year: d.toYear, updated_at: new Date().toISOString() });
  const after = await presentPhase(trx, (await repo.findPhaseById(trx, p.id))!);
  await audit(trx, actor, { action: 'phase.update', entityType: 'phase', entityId: code, before, after });
  return after;
}

/** Deletes a phase made by mistake: only one nothing uses (no round, decision or proposal: 409 naming them). */
export async function deletePhase(trx: Tx, { actor, code }: { actor: Actor; code: string }): Promise<void> {
  const p = await requirePhase(trx, code);
  authorize(actor, 'campaign.manage', { unitPath: p.unit_path, entityType: 'phase', entityId: code });
  const uses = await phaseUses(trx, p.id);
  if (uses.length) throw conflict(`Không xóa được ${phaseName(p)}: đang được dùng cho ${uses.join(', ')}.`);
  const before = await presentPhase(trx, p);
  await repo.deletePhaseRow(trx, p.id);
  await audit(trx, actor, { action: 'phase.delete', entityType: 'phase', entityId: code, before });
}

/*
 * The slice's public surface for other slices: these readers and writers of its tables, and the
 * kinds and labels of its table module. Other slices import them from here, never from
 * the repository or the table module (.dependency-cruiser.cjs).
 */
export { campaignsOfPhase, criteriaOf, fieldsOf, findCampaignByCode, findPhaseById, findPreviousCampaign, listCampaignRows } from './campaigns.repository.js';
export type { CampaignWithUnit, PhaseWithUnit } from './campaigns.repository.js';
export type { CampaignFieldRow } from './campaigns.table.js';
