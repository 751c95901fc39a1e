/**
 * The emulation record (thi đua – khen thưởng, issue #23). A catalogue of titles and forms of
 * award, each granted by the head of one level (xã, huyện, tỉnh, Nhà nước). A unit that wants an
 * award above its own power sends a proposal (tờ trình) up to the unit of that level, whose
 * council receives it, reviews it and decides — or returns it with a reason, for the unit to
 * correct and send again. When the level that decides is not in Khéo (the province above a
 * district's installation), the proposal names the body that decides (`toBody`) and goes to the
 * top unit above the proposing one, whose council forwards it to that body and records its answer
 * (a top unit proposing records it through its own council). The recipients — collectives,
 * individuals (lãnh đạo or trực tiếp lao động, công tác) and households — awarded by a decided
 * proposal are the record of awards, looked up by name or unit across the years.
 */
import type { Db, Tx } from '../../db/index.js';
import { badInput, conflict, fieldError, notFound } from '../../lib/errors.js';
import { parseId, parseInput } from '../../lib/validation.js';
import { fold, formatDate, formatNumber, todayVn } from '../../lib/vi.js';
import { authorize, authorizeReadIf, can, onLineOf, type Actor } from '../../policy/policy.js';
import { whoActs } from '../accounts/accounts.service.js';
import { audit } from '../audit/audit.service.js';
import { findCampaignByCode, requirePhase } from '../campaigns/campaigns.service.js';
import { findModelByCode } from '../models/models.service.js';
import { notify } from '../notices/notices.service.js';
import { findUnitByCode, findUnitById } from '../units/units.service.js';
import * as repo from './emulation.repository.js';
import { emulationLabels, ZAwardForm, ZAwardProposal, ZAwardProposalRecord, ZDecide, ZReturn, ZStep, ZUpdateAwardProposal, type TAwardProposal, type TRecipient } from './emulation.schemas.js';
import { AWARD_KINDS, AWARD_LEVEL_LABELS, AWARD_LEVELS, PROPOSAL_STATUS, RECIPIENT_KINDS, RECIPIENT_ROLES, type AwardKind, type AwardLevel, type ProposalStatus, type RecipientKind, type RecipientRole } from './emulation.table.js';

const now = () => new Date().toISOString();

// The catalogue -------------------------------------------------------------------

export interface PresentedAwardForm {
  code: string;
  name: string;
  kind: AwardKind;
  kindLabel: string;
  level: AwardLevel;
  levelLabel: string;
  grantor: string;
}

const presentForm = (f: { code: string; name: string; kind: string; level: string; grantor: string }): PresentedAwardForm => ({
  code: f.code,
  name: f.name,
  kind: f.kind as AwardKind,
  kindLabel: AWARD_KINDS[f.kind as AwardKind] ?? f.kind,
  level: f.level as AwardLevel,
  levelLabel: AWARD_LEVEL_LABELS[f.level as AwardLevel] ?? f.level,
  grantor: f.grantor,
});

/** The catalogue, in its order: titles and forms of award with who grants each. */
export async function listAwardForms(db: Db, actor: Actor): Promise<PresentedAwardForm[]> {
  authorize(actor, 'appraisal.read');
  return (await repo.listForms(db)).map(presentForm);
}

/** Adds a title or form of award, or corrects one (by its code): the installation's administrators. */
export async function saveAwardForm(trx: Tx, { actor, input }: { actor: Actor; input: unknown }): Promise<PresentedAwardForm> {
  authorize(actor, 'settings.update', { unitPath: '/', entityType: 'awardForm', entityId: typeof input === 'object' && input && 'code' in input ? String(input.code) : '' });
  const d = parseInput(ZAwardForm, input, emulationLabels);
  const before = await repo.findFormByCode(trx, d.code);
  // a form proposals name keeps its name and level: the awards on record read them
  if (before && (before.name !== d.name || before.level !== d.level || before.kind !== d.kind) && (await repo.formInUse(trx, before.id))) throw conflict(`"${before.name}" đã có tờ trình đề nghị: không đổi tên, loại hay cấp được (hãy thêm một mục mới với mã khác).`, 'name');
  const t = now();
  if (before) await repo.updateForm(trx, before.id, { name: d.name, kind: d.kind, level: d.level, grantor: d.grantor, updated_at: t });
  else await repo.insertForm(trx, { code: d.code, name: d.name, kind: d.kind, level: d.level, grantor: d.grantor, sort_order: await repo.nextFormOrder(trx), created_at: t, updated_at: t });
  const out = presentForm((await repo.findFormByCode(trx, d.code))!);
  await audit(trx, actor, { action: before ? 'awardForm.update' : 'awardForm.create', entityType: 'awardForm', entityId: d.code, before: before ? presentForm(before) : undefined, after: out });
  return out;
}

// Levels ------------------------------------------------------------------------------

/** The level of government a unit kind stands for; party bodies, agencies and organisations take their parent's. */
const KIND_LEVEL: Partial<Record<string, AwardLevel>> = { city: 'province', province: 'province', district: 'district', town: 'district', ward: 'commune', commune: 'commune', township: 'commune' };
const rank = (l: AwardLevel) => AWARD_LEVELS.indexOf(l);

type UnitLink = { id: number; code: string; name: string; path: string; kind: string; parent_id: number | null };

/** A unit, then every unit above it. */
async function chainOf(db: Db, unit: UnitLink): Promise<UnitLink[]> {
  const out = [unit];
  let u: UnitLink | undefined = unit;
  while (u?.parent_id) {
    u = await findUnitById(db, u.parent_id);
    if (u) out.push(u);
  }
  return out;
}

/**
 * Where a proposal from a unit for a form goes: the nearest unit at the form's level above it,
 * whose council decides. When that level is not in Khéo (the province above a district's
 * installation), it goes to the top unit above the proposing one, whose council forwards it to the
 * body outside and records that body's answer (`outside`); a top unit proposing records the answer
 * through its own council. Refused: a form the unit decides itself, one below its level, and one
 * above the commune's from a residential group (it proposes through its ward).
 */
async function routeFor(db: Db, from: UnitLink, form: { name: string; level: string }): Promise<{ to: UnitLink | null; outside: boolean }> {
  const chain = await chainOf(db, from);
  const own = chain.map((u) => KIND_LEVEL[u.kind]).find((l): l is AwardLevel => l !== undefined);
  const level = form.level as AwardLevel;
  if (own !== undefined && rank(level) < rank(own)) throw fieldError('form', `${emulationLabels.form}: "${form.name}" thuộc thẩm quyền ${AWARD_LEVEL_LABELS[level].toLowerCase()}, dưới cấp của ${from.name}`);
  if (from.kind === 'residentialGroup' && level !== 'commune') throw fieldError('form', `${emulationLabels.form}: tổ dân phố, thôn đề nghị "${form.name}" qua xã, phường của mình`);
  const decider = chain.find((u) => KIND_LEVEL[u.kind] === level);
  if (decider?.id === from.id) throw fieldError('form', `${emulationLabels.form}: "${form.name}" do chính ${from.name} quyết định, không cần tờ trình đề nghị lên cấp trên (ghi quyết định khen thưởng của đơn vị)`);
  if (decider) return { to: decider, outside: false };
  const top = chain[chain.length - 1]!;
  return { to: top.id === from.id ? null : top, outside: true };
}

// Proposals ---------------------------------------------------------------------------

export interface PresentedRecipient {
  /** its place in the list, from 1 */
  position: number;
  kind: RecipientKind;
  kindLabel: string;
  name: string;
  unit: string | null;
  unitName: string | null;
  /** chức vụ */
  title: string | null;
  role: RecipientRole | null;
  roleLabel: string | null;
  model: string | null;
  modelName: string | null;
  achievement: string | null;
  /** null until decided */
  awarded: boolean | null;
}

export interface PresentedProposal {
  id: number;
  /** the unit's own number of its tờ trình */
  number: string;
  from: { code: string; name: string };
  /** the unit whose council decides, or (with toBody) forwards it outside Khéo and records the answer; null: the proposing unit's own council records it */
  to: { code: string; name: string } | null;
  /** the body outside Khéo that decides */
  toBody: string | null;
  form: PresentedAwardForm;
  campaign: string | null;
  phase: string | null;
  title: string;
  status: ProposalStatus;
  statusLabel: string;
  submittedOn: string | null;
  receivedOn: string | null;
  reviewedOn: string | null;
  reviewNote: string | null;
  decidedOn: string | null;
  decisionNumber: string | null;
  returnedOn: string | null;
  returnReason: string | null;
  recipients: PresentedRecipient[];
  /** how many of each: the tờ trình's summary (the law counts leaders and those who do the work apart) */
  counts: { collective: number; individual: number; household: number; leader: number; direct: number; awarded: number | null };
}

/** A proposal with its recipients (its rows, in their order): no query. */
function presentWith(p: repo.ProposalWithRefs, rows: readonly repo.RecipientWithRefs[]): PresentedProposal {
  const recipients = rows.map(
    (r, i): PresentedRecipient => ({
      position: i + 1,
      kind: r.kind as RecipientKind,
      kindLabel: RECIPIENT_KINDS[r.kind as RecipientKind] ?? r.kind,
      name: r.name,
      unit: r.unit_code,
      unitName: r.unit_name,
      title: r.position,
      role: (r.role as RecipientRole | null) ?? null,
      roleLabel: r.role ? (RECIPIENT_ROLES[r.role as RecipientRole] ?? r.role) : null,
      model: r.model_code,
      modelName: r.model_name,
      achievement: r.achievement,
      awarded: r.awarded === null ? null : r.awarded === 1,
    }),
  );
  const count = (f: (r: PresentedRecipient) => boolean) => recipients.filter(f).length;
  return {
    id: p.id,
    number: p.number,
    from: { code: p.from_code, name: p.from_name },
    to: p.to_code ? { code: p.to_code, name: p.to_name ?? p.to_code } : null,
    toBody: p.to_body,
    form: presentForm({ code: p.form_code, name: p.form_name, kind: p.form_kind, level: p.form_level, grantor: p.form_grantor }),
    campaign: p.campaign_code,
    phase: p.phase_code,
    title: p.title,
    status: p.status as ProposalStatus,
    statusLabel: PROPOSAL_STATUS[p.status as ProposalStatus] ?? p.status,
    submittedOn: p.submitted_on,
    receivedOn: p.received_on,
    reviewedOn: p.reviewed_on,
    reviewNote: p.review_note,
    decidedOn: p.decided_on,
    decisionNumber: p.decision_number,
    returnedOn: p.returned_on,
    returnReason: p.return_reason,
    recipients,
    counts: {
      collective: count((r) => r.kind === 'collective'),
      individual: count((r) => r.kind === 'individual'),
      household: count((r) => r.kind === 'household'),
      leader: count((r) => r.role === 'leader'),
      direct: count((r) => r.role === 'direct'),
      awarded: p.status === 'decided' ? count((r) => r.awarded === true) : null,
    },
  };
}

const present = async (db: Db, p: repo.ProposalWithRefs): Promise<PresentedProposal> => presentWith(p, await repo.recipientsOf(db, p.id));

/** Ids per query when reading the rows of many proposals (well under both databases' limit on parameters). */
const ID_CHUNK = 1000;
const chunks = <T>(xs: readonly T[]): T[][] => Array.from({ length: Math.ceil(xs.length / ID_CHUNK) }, (_, i) => xs.slice(i * ID_CHUNK, (i + 1) * ID_CHUNK));

/** Many proposals, their recipients read together (one query per thousand proposals). */
async function presentMany(db: Db, ps: readonly repo.ProposalWithRefs[]): Promise<PresentedProposal[]> {
  const of = new Map<number, repo.RecipientWithRefs[]>();
  for (const ids of chunks(ps.map((p) => p.id)))
    for (const r of await repo.recipientsOfMany(db, ids)) {
      const list = of.get(r.proposal_id);
      if (list) list.push(r);
      else of.set(r.proposal_id, [r]);
    }
  return ps.map((p) => presentWith(p, of.get(p.id) ?? []));
}

/** Who a proposal names, said as one would: "1 tập thể, 2 cá nhân và 1 hộ gia đình". */
export function recipientsPhrase(n: { collective: number; individual: number; household: number }): string {
  const parts = ([[n.collective, 'tập thể'], [n.individual, 'cá nhân'], [n.household, 'hộ gia đình']] as const).filter(([k]) => k > 0).map(([k, w]) => `${formatNumber(k)} ${w}`);
  return parts.length > 1 ? `${parts.slice(0, -1).join(', ')} và ${parts[parts.length - 1]}` : (parts[0] ?? 'chưa có ai');
}

const proposalMissing = () => notFound('Không tìm thấy tờ trình đề nghị khen thưởng này.');

async function requireProposal(db: Db, id: number | string): Promise<repo.ProposalWithRefs> {
  const n = parseId(String(id));
  const p = n === null ? undefined : await repo.findProposal(db, n);
  if (!p) throw proposalMissing();
  return p;
}

/** Who acts on a proposal at each end: the proposing unit's officers; the council of the unit it went to (or, with none — a top unit proposing to a body outside Khéo — the proposing unit's council, recording the answer). */
export function mayActOn(actor: Actor, p: { from_path: string; to_path: string | null }): { edit: boolean; decide: boolean } {
  return { edit: can(actor, 'appraisal.manage', { unitPath: p.from_path }), decide: can(actor, 'reward.decide', { unitPath: p.to_path ?? p.from_path }) };
}

/** Who reads a proposal: the proposing unit's subtree and the units above it that it went through (their subtree holds it); a draft only those who may edit it. */
const visible = (actor: Actor, p: { from_path: string; to_path: string | null; status: string }) =>
  (actor.kind === 'system' || p.from_path.startsWith(actor.unitPath)) && (p.status !== 'draft' || mayActOn(actor, p).edit);

export async function getProposal(db: Db, actor: Actor, id: number | string): Promise<PresentedProposal & { may: { edit: boolean; decide: boolean } }> {
  const p = await requireProposal(db, id);
  authorizeReadIf(actor, 'appraisal.read', visible(actor, p), { unitPath: p.from_path, entityType: 'awardProposal', entityId: String(p.id) }, () => proposalMissing());
  return { ...(await present(db, p)), may: mayActOn(actor, p) };
}

/** The rows of proposals the actor reads: those of its subtree (those sent to it come from it), drafts only to those who may edit them. */
const readable = (actor: Actor, status?: string) => ({
  ...(actor.kind === 'user' ? { pathPrefix: actor.unitPath } : {}),
  ...(status && Object.hasOwn(PROPOSAL_STATUS, status) ? { statuses: [status] } : {}),
  // inside the subtree, editing a draft is a matter of role alone (mayActOn)
  drafts: can(actor, 'appraisal.manage'),
});

/** Proposals sent from the actor's subtree or to it, newest first, a page at a time (50 unless asked, at most 100), with how many there are. */
export async function listProposals(db: Db, actor: Actor, opts: { status?: string | undefined; page?: number | undefined; pageSize?: number | undefined } = {}): Promise<{ items: PresentedProposal[]; total: number; page: number; pageSize: number }> {
  authorize(actor, 'appraisal.read');
  if (opts.status && !Object.hasOwn(PROPOSAL_STATUS, opts.status)) throw fieldError('status', `phải là một trong: ${Object.keys(PROPOSAL_STATUS).join(', ')}`);
  const pageSize = Math.min(Math.max(opts.pageSize ?? 50, 1), 100);
  const page = Math.min(Math.max(opts.page ?? 1, 1), 100_000);
  const { rows, total } = await repo.pageProposalRows(db, readable(actor, opts.status), { limit: pageSize, offset: (page - 1) * pageSize });
  return { items: await presentMany(db, rows), total, page, pageSize };
}

/** Every proposal the actor reads, oldest first: the bundle's export. */
export async function allProposals(db: Db, actor: Actor): Promise<PresentedProposal[]> {
  authorize(actor, 'appraisal.read');
  return presentMany(db, (await repo.listProposalRows(db, readable(actor))).reverse());
}

/** Two units on one line: one inside the other's subtree. */
const sameLine = (a: string, b: string) => a.startsWith(b) || b.startsWith(a);

/** The checks of the body a proposal carries, shared by creating and editing; the recipients as rows. */
async function resolve(db: Db, actor: Actor, from: UnitLink, d: Omit<TAwardProposal, 'number' | 'from'>) {
  const form = await repo.findFormByCode(db, d.form);
  if (!form) throw fieldError('form', `${emulationLabels.form}: không có "${d.form}" trong danh mục`);
  const route = await routeFor(db, from, form);
  if (route.outside && !d.toBody) throw fieldError('toBody', `${emulationLabels.toBody}: ${AWARD_LEVEL_LABELS[form.level as AwardLevel].toLowerCase()} không có trong Khéo; hãy ghi tên cơ quan quyết định (ví dụ Ban Thi đua – Khen thưởng thành phố)${route.to ? `, ${route.to.name} chuyển tờ trình và ghi lại kết quả` : ''}`);
  let campaignId: number | null = null;
  if (d.campaign) {
    const c = await findCampaignByCode(db, d.campaign);
    if (!c || !onLineOf(actor, c.unit_path) || !sameLine(from.path, c.unit_path)) throw fieldError('campaign', `${emulationLabels.campaign}: không tìm thấy chủ đề năm "${d.campaign}"`);
    campaignId = c.id;
  }
  let phaseId: number | null = null;
  if (d.phase) {
    const p = await requirePhase(db, d.phase).catch(() => undefined);
    if (!p || !onLineOf(actor, p.unit_path) || !sameLine(from.path, p.unit_path)) throw fieldError('phase', `${emulationLabels.phase}: không tìm thấy giai đoạn "${d.phase}"`);
    phaseId = p.id;
  }
  const rows = [];
  for (const [i, r] of d.recipients.entries()) rows.push(await recipientRow(db, from, r, i));
  return { form, route, campaignId, phaseId, rows };
}

/** A recipient as its row: its unit and its model must be of the proposing unit's subtree (as if not found otherwise). */
async function recipientRow(db: Db, from: UnitLink, r: TRecipient, i: number) {
  let unitId: number | null = null;
  if (r.unit) {
    const u = await findUnitByCode(db, r.unit);
    if (!u || !u.path.startsWith(from.path)) throw fieldError(`recipients[${i}].unit`, `${emulationLabels.recipients}, dòng ${i + 1}: không tìm thấy đơn vị "${r.unit}" trong ${from.name}`);
    unitId = u.id;
  }
  let modelId: number | null = null;
  if (r.model) {
    const m = await findModelByCode(db, r.model);
    if (!m || !m.unit_path.startsWith(from.path)) throw fieldError(`recipients[${i}].model`, `${emulationLabels.recipients}, dòng ${i + 1}: không tìm thấy mô hình "${r.model}" của ${from.name}`);
    modelId = m.id;
  }
  return { sort_order: i + 1, kind: r.kind, name: r.name, name_folded: fold(r.name), unit_id: unitId, position: r.position ?? null, role: r.kind === 'individual' ? (r.role ?? null) : null, model_id: modelId, achievement: r.achievement ?? null, awarded: null };
}

/** Drafts a proposal of a unit in the actor's scope. */
export async function createProposal(trx: Tx, { actor, input }: { actor: Actor; input: unknown }): Promise<PresentedProposal> {
  const d = parseInput(ZAwardProposal, input, emulationLabels);
  const from = await findUnitByCode(trx, d.from);
  if (!from) throw fieldError('from', `${emulationLabels.from}: không tìm thấy đơn vị "${d.from}"`);
  authorize(actor, 'appraisal.manage', { unitPath: from.path, entityType: 'awardProposal', entityId: d.number });
  if (await repo.findProposalByNumber(trx, from.id, d.number)) throw conflict(`${from.name} đã có tờ trình số ${d.number}.`, 'number');
  const { form, route, campaignId, phaseId, rows } = await resolve(trx, actor, from, d);
  const t = now();
  const id = await repo.insertProposal(trx, {
    number: d.number,
    from_unit_id: from.id,
    to_unit_id: route.to?.id ?? null,
    to_body: route.outside ? (d.toBody ?? null) : null,
    form_id: form.id,
    campaign_id: campaignId,
    phase_id: phaseId,
    title: d.title,
    status: 'draft',
    created_at: t,
    updated_at: t,
  });
  await repo.setRecipients(trx, id, rows);
  const out = await present(trx, (await repo.findProposal(trx, id))!);
  await audit(trx, actor, { action: 'awardProposal.create', entityType: 'awardProposal', entityId: String(id), after: out });
  return out;
}

const notEditable = (p: repo.ProposalWithRefs) => conflict(`Tờ trình số ${p.number} đang ở trạng thái "${PROPOSAL_STATUS[p.status as ProposalStatus]}": chỉ sửa được dự thảo hoặc tờ trình bị trả lại.`);

/** A proposal to open in its edit form: read as getProposal reads it, then the right to edit it, then its state (a draft or a returned one; else 409). */
export async function proposalToEdit(db: Db, actor: Actor, id: number | string): Promise<PresentedProposal> {
  const p = await requireProposal(db, id);
  authorizeReadIf(actor, 'appraisal.read', visible(actor, p), { unitPath: p.from_path, entityType: 'awardProposal', entityId: String(p.id) }, () => proposalMissing());
  authorize(actor, 'appraisal.manage', { unitPath: p.from_path, entityType: 'awardProposal', entityId: String(p.id) });
  if (p.status !== 'draft' && p.status !== 'returned') throw notEditable(p);
  return present(db, p);
}

/** Corrects a draft or a returned proposal (its number and unit stay). */
export async function updateProposal(trx: Tx, { actor, id, input }: { actor: Actor; id: number | string; input: unknown }): Promise<PresentedProposal> {
  const p = await requireProposal(trx, id);
  authorize(actor, 'appraisal.manage', { unitPath: p.from_path, entityType: 'awardProposal', entityId: String(p.id) });
  if (p.status !== 'draft' && p.status !== 'returned') throw notEditable(p);
  const d = parseInput(ZUpdateAwardProposal, input, emulationLabels);
  const from = (await findUnitById(trx, p.from_unit_id))!;
  const { form, route, campaignId, phaseId, rows } = await resolve(trx, actor, from, d);
  const before = await present(trx, p);
  if (!(await repo.moveProposal(trx, p.id, ['draft', 'returned'], { to_unit_id: route.to?.id ?? null, to_body: route.outside ? (d.toBody ?? null) : null, form_id: form.id, campaign_id: campaignId, phase_id: phaseId, title: d.title, updated_at: now() }))) throw moved(p);
  await repo.setRecipients(trx, p.id, rows);
  const out = await present(trx, (await repo.findProposal(trx, p.id))!);
  await audit(trx, actor, { action: 'awardProposal.update', entityType: 'awardProposal', entityId: String(p.id), before, after: out });
  return out;
}

/** A step's date: today unless given; never in the future, never before the step it follows. */
function stepDate(given: string | null | undefined, after: string | null, afterLabel: string): string {
  const on = given ?? todayVn();
  if (on > todayVn()) throw fieldError('on', `${emulationLabels.on}: ${formatDate(on)} chưa đến`);
  if (after && on < after) throw fieldError('on', `${emulationLabels.on}: không được trước ngày ${afterLabel} (${formatDate(after)})`);
  return on;
}

const wrongState = (p: repo.ProposalWithRefs, allowed: string) => conflict(`Tờ trình số ${p.number} đang ở trạng thái "${PROPOSAL_STATUS[p.status as ProposalStatus]}": ${allowed}.`);
/** Another step got there first (two at once): the one that lost is told, nothing of it is written. */
const moved = (p: repo.ProposalWithRefs) => conflict(`Tờ trình số ${p.number} vừa được người khác xử lý; hãy tải lại trang.`);
const url = (id: number) => `/quan-tri/thi-dua/${id}`;
/** quiet: replaying history (the bundle) tells nobody */
type StepArgs = { actor: Actor; id: number | string; input?: unknown; quiet?: boolean };

/** The proposing unit sends its draft (or its returned proposal, corrected) up. */
export async function submitProposal(trx: Tx, { actor, id, input = {}, quiet }: StepArgs): Promise<PresentedProposal> {
  const p = await requireProposal(trx, id);
  authorize(actor, 'appraisal.manage', { unitPath: p.from_path, entityType: 'awardProposal', entityId: String(p.id) });
  if (p.status !== 'draft' && p.status !== 'returned') throw wrongState(p, 'chỉ gửi được dự thảo hoặc tờ trình bị trả lại đã sửa');
  const d = parseInput(ZStep, input, emulationLabels);
  const on = stepDate(d.on, p.returned_on, 'bị trả lại');
  if (!(await repo.moveProposal(trx, p.id, ['draft', 'returned'], { status: 'submitted', submitted_on: on, received_on: null, reviewed_on: null, review_note: null, updated_at: now() }))) throw moved(p);
  await audit(trx, actor, { action: 'awardProposal.submit', entityType: 'awardProposal', entityId: String(p.id), after: { status: 'submitted', on } });
  if (!quiet) await notify(trx, actor, { to: await whoActs(trx, 'reward.decide', p.to_path ?? p.from_path, { except: actor }), kind: 'award.submitted', title: `Tờ trình số ${p.number} của ${p.from_name} đề nghị ${p.form_name}`, url: url(p.id) });
  return present(trx, (await repo.findProposal(trx, p.id))!);
}

/** The deciding side: the council of the unit it went to (which decides, or forwards it to the body outside Khéo and records the answer), or, with none, the proposing top unit's own council; a draft is as if it did not exist. */
function authorizeDecider(actor: Actor, p: repo.ProposalWithRefs) {
  if (p.status === 'draft' && !mayActOn(actor, p).edit) throw proposalMissing();
  authorize(actor, 'reward.decide', { unitPath: p.to_path ?? p.from_path, entityType: 'awardProposal', entityId: String(p.id) });
}

/** The council takes the proposal in (tiếp nhận hồ sơ). */
export async function receiveProposal(trx: Tx, { actor, id, input = {} }: StepArgs): Promise<PresentedProposal> {
  const p = await requireProposal(trx, id);
  authorizeDecider(actor, p);
  if (p.status !== 'submitted') throw wrongState(p, 'chỉ tiếp nhận được tờ trình đã gửi');
  const d = parseInput(ZStep, input, emulationLabels);
  const on = stepDate(d.on, p.submitted_on, 'gửi đề nghị');
  if (!(await repo.moveProposal(trx, p.id, ['submitted'], { status: 'received', received_on: on, updated_at: now() }))) throw moved(p);
  await audit(trx, actor, { action: 'awardProposal.receive', entityType: 'awardProposal', entityId: String(p.id), after: { status: 'received', on } });
  return present(trx, (await repo.findProposal(trx, p.id))!);
}

/** The council has reviewed it (xét, thẩm định hồ sơ), with its opinion. */
export async function reviewProposal(trx: Tx, { actor, id, input = {} }: StepArgs): Promise<PresentedProposal> {
  const p = await requireProposal(trx, id);
  authorizeDecider(actor, p);
  if (p.status !== 'received') throw wrongState(p, 'chỉ xét được tờ trình đã tiếp nhận');
  const d = parseInput(ZStep, input, emulationLabels);
  const on = stepDate(d.on, p.received_on, 'tiếp nhận');
  if (!(await repo.moveProposal(trx, p.id, ['received'], { status: 'reviewed', reviewed_on: on, review_note: d.note ?? null, updated_at: now() }))) throw moved(p);
  await audit(trx, actor, { action: 'awardProposal.review', entityType: 'awardProposal', entityId: String(p.id), after: { status: 'reviewed', on, note: d.note } });
  return present(trx, (await repo.findProposal(trx, p.id))!);
}

/** The decision: its number and date, and which recipients it awards (all, unless listed by position). */
export async function decideProposal(trx: Tx, { actor, id, input, quiet }: StepArgs): Promise<PresentedProposal> {
  const p = await requireProposal(trx, id);
  authorizeDecider(actor, p);
  if (p.status !== 'received' && p.status !== 'reviewed') throw wrongState(p, 'chỉ ra quyết định cho tờ trình đã tiếp nhận hoặc đã xét');
  const d = parseInput(ZDecide, input, emulationLabels);
  const on = stepDate(d.on, p.reviewed_on ?? p.received_on, p.reviewed_on ? 'xét' : 'tiếp nhận');
  const rows = await repo.recipientsOf(trx, p.id);
  const positions = d.awarded ?? rows.map((_, i) => i + 1);
  const beyond = positions.find((n) => n > rows.length);
  if (beyond !== undefined) throw fieldError('awarded', `${emulationLabels.awarded}: danh sách đề nghị chỉ có ${rows.length} dòng (không có số thứ tự ${beyond})`);
  if (!positions.length) throw fieldError('awarded', `${emulationLabels.awarded}: chưa chọn người, tập thể nào; nếu không khen thưởng ai, hãy trả lại tờ trình kèm lý do`);
  if (!(await repo.moveProposal(trx, p.id, ['received', 'reviewed'], { status: 'decided', decided_on: on, decision_number: d.decisionNumber, updated_at: now() }))) throw moved(p);
  await repo.setAwarded(trx, p.id, positions.map((n) => rows[n - 1]!.id));
  const out = await present(trx, (await repo.findProposal(trx, p.id))!);
  await audit(trx, actor, { action: 'awardProposal.decide', entityType: 'awardProposal', entityId: String(p.id), after: { status: 'decided', on, decisionNumber: d.decisionNumber, awarded: out.recipients.filter((r) => r.awarded).map((r) => r.name) } });
  if (!quiet) await notify(trx, actor, { to: await whoActs(trx, 'appraisal.manage', p.from_path, { except: actor }), kind: 'award.decided', title: `Tờ trình số ${p.number}: đã có Quyết định số ${d.decisionNumber} khen thưởng ${out.counts.awarded}/${rows.length}`, url: url(p.id) });
  return out;
}

/** The council returns it, with the reason; the proposing unit corrects it and sends it again. */
export async function returnProposal(trx: Tx, { actor, id, input, quiet }: StepArgs): Promise<PresentedProposal> {
  const p = await requireProposal(trx, id);
  authorizeDecider(actor, p);
  if (p.status !== 'submitted' && p.status !== 'received' && p.status !== 'reviewed') throw wrongState(p, 'chỉ trả lại được tờ trình đang chờ xử lý');
  const d = parseInput(ZReturn, input, emulationLabels);
  const previous = p.reviewed_on ? ['xét', p.reviewed_on] : p.received_on ? ['tiếp nhận', p.received_on] : ['gửi đề nghị', p.submitted_on];
  const on = stepDate(d.on, previous[1] ?? null, previous[0]!);
  if (!(await repo.moveProposal(trx, p.id, ['submitted', 'received', 'reviewed'], { status: 'returned', returned_on: on, return_reason: d.reason, updated_at: now() }))) throw moved(p);
  await audit(trx, actor, { action: 'awardProposal.return', entityType: 'awardProposal', entityId: String(p.id), after: { status: 'returned', on, reason: d.reason } });
  if (!quiet) await notify(trx, actor, { to: await whoActs(trx, 'appraisal.manage', p.from_path, { except: actor }), kind: 'award.returned', title: `Tờ trình số ${p.number} bị trả lại: ${d.reason}`, url: url(p.id) });
  return present(trx, (await repo.findProposal(trx, p.id))!);
}

/**
 * The dates of steps replayed in order, a missing one made consistent with those given: the date
 * of the step before it (done the same day), or for the first step the first date given after it
 * (done by then); today when none is given at all.
 */
function replayDates(given: readonly (string | null | undefined)[]): string[] {
  const out: string[] = [];
  for (const [i, on] of given.entries()) out.push(on ?? out[i - 1] ?? given.slice(i + 1).find((d): d is string => !!d) ?? todayVn());
  return out;
}

type Step = 'submit' | 'receive' | 'review' | 'decide' | 'return';

/**
 * A bundle record: the proposal, then its steps through the same rules, each with its date (a
 * missing one as `replayDates` makes it), and telling nobody (it is history). One already present
 * (the unit's number) is never overwritten (409).
 */
export async function importProposal(trx: Tx, actor: Actor, input: unknown): Promise<void> {
  const r = parseInput(ZAwardProposalRecord, input, emulationLabels);
  const from = await findUnitByCode(trx, r.from);
  if (from && (await repo.findProposalByNumber(trx, from.id, r.number))) throw conflict(`tờ trình số ${r.number} của ${from.name} đã có; không ghi đè`, 'number');
  const { status, submittedOn, receivedOn, reviewedOn, reviewNote, decidedOn, decisionNumber, returnedOn, returnReason, ...body } = r;
  if (status === 'decided' && !decisionNumber) throw badInput([{ field: 'decisionNumber', message: `${emulationLabels.decisionNumber}: tờ trình đã có quyết định cần số quyết định` }]);
  const { id } = await createProposal(trx, { actor, input: body });
  // the steps that brought it where it stands: returned before being taken in, or after
  const steps: Step[] =
    status === 'draft' ? [] : status === 'submitted' ? ['submit'] : status === 'returned' && !receivedOn && !reviewedOn ? ['submit', 'return'] : ['submit', 'receive', ...(reviewedOn || status === 'reviewed' ? (['review'] as const) : []), ...(status === 'returned' ? (['return'] as const) : status === 'decided' ? (['decide'] as const) : [])];
  const given: Record<Step, string | null | undefined> = { submit: submittedOn, receive: receivedOn, review: reviewedOn, decide: decidedOn, return: returnedOn };
  // a record past the draft with no date at all would be dated today: history Khéo does not know is refused, not made up
  const last = steps.at(-1);
  if (last && steps.every((k) => !given[k])) {
    const field = ({ submit: 'submittedOn', receive: 'receivedOn', review: 'reviewedOn', decide: 'decidedOn', return: 'returnedOn' } as const)[last];
    throw badInput([{ field, message: `${emulationLabels[field]}: tờ trình ở trạng thái "${PROPOSAL_STATUS[status]}" cần ngày của bước này (hoặc ngày của một bước trước đó)` }]);
  }
  const dates = replayDates(steps.map((k) => given[k]));
  const step = { actor, id, quiet: true };
  for (const [i, k] of steps.entries()) {
    const on = dates[i];
    if (k === 'submit') await submitProposal(trx, { ...step, input: { on } });
    else if (k === 'receive') await receiveProposal(trx, { ...step, input: { on } });
    else if (k === 'review') await reviewProposal(trx, { ...step, input: { on, note: reviewNote } });
    else if (k === 'return') await returnProposal(trx, { ...step, input: { on, reason: returnReason ?? 'Trả lại (nhập từ gói dữ liệu)' } });
    else await decideProposal(trx, { ...step, input: { on, decisionNumber, awarded: r.recipients.map((x, n) => (x.awarded === false ? 0 : n + 1)).filter((n) => n > 0) } });
  }
  // returned once, then corrected and sent again: the last return stays on record
  if (returnedOn && status !== 'returned') await repo.updateProposal(trx, id, { returned_on: returnedOn, return_reason: returnReason ?? null });
}

/** What the bundle exports of a proposal: the record ZAwardProposalRecord reads back. */
export const proposalRecord = (p: PresentedProposal) => ({
  number: p.number,
  from: p.from.code,
  form: p.form.code,
  toBody: p.toBody,
  campaign: p.campaign,
  phase: p.phase,
  title: p.title,
  recipients: p.recipients.map((r) => ({ kind: r.kind, name: r.name, unit: r.unit, position: r.title, role: r.role, model: r.model, achievement: r.achievement, awarded: r.awarded })),
  status: p.status,
  submittedOn: p.submittedOn,
  receivedOn: p.receivedOn,
  reviewedOn: p.reviewedOn,
  reviewNote: p.reviewNote,
  decidedOn: p.decidedOn,
  decisionNumber: p.decisionNumber,
  returnedOn: p.returnedOn,
  returnReason: p.returnReason,
});

// The record of awards --------------------------------------------------------------

export interface AwardOnRecord {
  name: string;
  kind: RecipientKind;
  kindLabel: string;
  title: string | null;
  roleLabel: string | null;
  unitName: string | null;
  proposedBy: string;
  model: string | null;
  form: string;
  levelLabel: string;
  decisionNumber: string | null;
  decidedOn: string | null;
  year: number | null;
  /** the body outside Khéo whose decision the council the proposal went through recorded; null: decided in Khéo */
  decidedBy: string | null;
  proposal: number;
}

/**
 * The awards of people, collectives and households of a unit's subtree (the actor's own, or a unit
 * inside it), by name without diacritics and by kind, across the years, the latest first.
 */
export async function lookupAwards(db: Db, actor: Actor, q: { name?: string | undefined; unit?: string | undefined; kind?: string | undefined }): Promise<AwardOnRecord[]> {
  authorize(actor, 'appraisal.read');
  let prefix = actor.kind === 'user' ? actor.unitPath : '/';
  if (q.unit) {
    const u = await findUnitByCode(db, q.unit);
    // a unit outside the actor's subtree answers as one that does not exist
    if (!u || !u.path.startsWith(prefix)) throw fieldError('unit', `${emulationLabels.unit}: không tìm thấy đơn vị "${q.unit}"`);
    prefix = u.path;
  }
  const kind = q.kind && q.kind in RECIPIENT_KINDS ? q.kind : undefined;
  const rows = await repo.awardsOf(db, { pathPrefix: prefix, folded: q.name?.trim() ? fold(q.name) : undefined, kind });
  return rows.map((r) => ({
    name: r.name,
    kind: r.kind as RecipientKind,
    kindLabel: RECIPIENT_KINDS[r.kind as RecipientKind] ?? r.kind,
    title: r.position,
    roleLabel: r.role ? (RECIPIENT_ROLES[r.role as RecipientRole] ?? r.role) : null,
    unitName: r.unit_name,
    proposedBy: r.from_name,
    model: r.model_code,
    form: r.form_name,
    levelLabel: AWARD_LEVEL_LABELS[r.form_level as AwardLevel] ?? r.form_level,
    decisionNumber: r.decision_number,
    decidedOn: r.decided_on,
    year: r.decided_on ? Number(r.decided_on.slice(0, 4)) : null,
    decidedBy: r.to_body,
    proposal: r.proposal_id,
  }));
}

// What waits on whom --------------------------------------------------------------------

export interface EmulationWork {
  /** sent to a council the user sits on (or, outside Khéo, waiting for the answer to be recorded); `who`: its recipients said as a phrase */
  toDecide: { id: number; number: string; from: string; form: string; status: string; statusLabel: string; since: string | null; recipients: number; who: string }[];
  /** proposals of the user's unit (or of a unit below with no officer of its own) returned, to correct and send again */
  returned: { id: number; number: string; form: string; reason: string | null; since: string | null }[];
}

/**
 * The proposals that wait on the user: as the nearest council of the unit it went to, or the nearest
 * officers of the unit that must correct it (as the notices reach them). The user's role and scope
 * are asked first; who acts is asked once per unit, and the recipients are counted in one query.
 */
export async function emulationWork(db: Db, actor: Actor & { kind: 'user' }): Promise<EmulationWork> {
  const out: EmulationWork = { toDecide: [], returned: [] };
  if (!can(actor, 'appraisal.read')) return out;
  const decides = can(actor, 'reward.decide');
  const manages = can(actor, 'appraisal.manage');
  const statuses = [...(decides ? ['submitted', 'received', 'reviewed'] : []), ...(manages ? ['returned'] : [])];
  if (!statuses.length) return out;
  const rows = await repo.listProposalRows(db, { pathPrefix: actor.unitPath, statuses });
  const acting = new Map<string, Promise<number[]>>();
  const actsOn = async (action: 'reward.decide' | 'appraisal.manage', path: string) => {
    if (!can(actor, action, { unitPath: path })) return false;
    const key = `${action} ${path}`;
    if (!acting.has(key)) acting.set(key, whoActs(db, action, path));
    return (await acting.get(key)!).includes(actor.userId);
  };
  const toDecide: repo.ProposalWithRefs[] = [];
  for (const p of rows) {
    if (p.status !== 'returned') {
      if (await actsOn('reward.decide', p.to_path ?? p.from_path)) toDecide.push(p);
    } else if (await actsOn('appraisal.manage', p.from_path)) out.returned.push({ id: p.id, number: p.number, form: p.form_name, reason: p.return_reason, since: p.returned_on });
  }
  const counts = new Map<number, { collective: number; individual: number; household: number }>();
  for (const ids of chunks(toDecide.map((p) => p.id)))
    for (const c of await repo.countRecipients(db, ids)) {
      const n = counts.get(c.proposal_id) ?? { collective: 0, individual: 0, household: 0 };
      if (c.kind === 'collective' || c.kind === 'individual' || c.kind === 'household') n[c.kind] += Number(c.n);
      counts.set(c.proposal_id, n);
    }
  for (const p of toDecide) {
    const n = counts.get(p.id) ?? { collective: 0, individual: 0, household: 0 };
    out.toDecide.push({ id: p.id, number: p.number, from: p.from_name, form: p.form_name, status: p.status, statusLabel: PROPOSAL_STATUS[p.status as ProposalStatus], since: p.reviewed_on ?? p.received_on ?? p.submitted_on, recipients: n.collective + n.individual + n.household, who: recipientsPhrase(n) });
  }
  return out;
}
