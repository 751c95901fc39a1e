/**
 * Affected households and organisations: parcels, compensation plans (provisional → approved,
 * frozen once approved), payments (recorded → confirmed by another person), handover and the
 * obstacles that block it. The household's state follows from these records: after every write
 * its summary row is recomputed in the same transaction. Personal data is read only with
 * `clearance.personal` inside the project's unit subtree; nothing here is public.
 */
import type { Db, Tx } from '../../db/index.js';
import { conflict, fieldError, notFound } from '../../lib/errors.js';
import { parseInput } from '../../lib/validation.js';
import { formatDate, formatMoney, todayVn } from '../../lib/vi.js';
import { authorize, authorizeRead, can, ForbiddenError, type Actor } from '../../policy/policy.js';
import { audit, auditMany } from '../audit/audit.service.js';
import { notify } from '../notices/notices.service.js';
import { whoActs } from '../accounts/accounts.service.js';
import { CodeSequence } from '../../lib/codes.js';
import type { Insertable } from 'kysely';
import { addDays, daysBetween } from '../calendar/calendar.service.js';
import * as repo from './landClearance.repository.js';
import {
  handoverLabels,
  householdLabels,
  householdStepLabels,
  obstacleLabels,
  paymentLabels,
  planLabels,
  ZHandover,
  ZHousehold,
  ZHouseholdStep,
  ZObstacle,
  ZObstacleResolve,
  ZPayment,
  ZPlan,
  ZPlanApproval,
  type TParcel,
} from './landClearance.schemas.js';
import { authorizeProjectRead, requireProject, userId } from './landClearance.service.js';
import { HOUSEHOLD_KINDS, HOUSEHOLD_STATES, PAYMENT_METHODS, type HandoverRow, type HouseholdState, type ObstacleRow, type ParcelRow, type PaymentRow, type PlanRow, type ClearancePlanTable } from './landClearance.table.js';

/** Payment within this many days of the plan's approval taking effect (Điều 94 khoản 1 Luật Đất đai 2024). */
const PAYMENT_DAYS = 30;
/**
 * Late payment: the amount owed on top, per day, as the late-payment rate of the tax
 * administration law (0,03 %/ngày, Điều 59 Luật Quản lý thuế) that Điều 94 khoản 2 refers to.
 */
const LATE_RATE_PER_DAY = 0.0003;

/** The answer for a household code that does not exist — and for one of a project the reader may not read. */
const householdMissing = (code: string) => notFound(`Không tìm thấy hộ "${code}".`);

async function requireHousehold(db: Db, code: string): Promise<repo.HouseholdWithProject> {
  const h = await repo.findHouseholdByCode(db, code);
  if (!h) throw householdMissing(code);
  return h;
}

/** The state as of a date, from the summary columns. */
function householdState(h: Pick<repo.HouseholdWithProject, 'handed_on' | 'paid_full_on' | 'approved_on' | 'activity_on'>, asOf: string): HouseholdState {
  if (h.handed_on && h.handed_on <= asOf) return 'handedOver';
  if (h.paid_full_on && h.paid_full_on <= asOf) return 'paid';
  if (h.approved_on && h.approved_on <= asOf) return 'agreed';
  if (h.activity_on && h.activity_on <= asOf) return 'inProgress';
  return 'new';
}

type Summary = Pick<repo.HouseholdWithProject, 'kind' | 'approved_on' | 'approved_total' | 'paid_total' | 'paid_full_on' | 'handed_on' | 'open_obstacles' | 'activity_on' | 'recovered_dm2'>;

/** What one household adds to its project's maintained figures. */
function contribution(h: Summary | null) {
  if (!h) return { households: 0, organisations: 0, approved: 0, approved_amount: 0, paid: 0, paid_amount: 0, handed_over: 0, blocked: 0, in_progress: 0, recovered_dm2: 0 };
  return {
    households: h.kind === 'organisation' ? 0 : 1,
    organisations: h.kind === 'organisation' ? 1 : 0,
    approved: h.approved_on ? 1 : 0,
    approved_amount: h.approved_on ? Number(h.approved_total ?? 0) : 0,
    paid: h.paid_full_on ? 1 : 0,
    paid_amount: Number(h.paid_total ?? 0),
    handed_over: h.handed_on ? 1 : 0,
    blocked: Number(h.open_obstacles ?? 0) > 0 ? 1 : 0,
    in_progress: h.activity_on ? 1 : 0,
    recovered_dm2: Number(h.recovered_dm2 ?? 0),
  };
}

/**
 * Moves the project's maintained figures from a household's old summary to its new one, exactly
 * (and the latest fact date forward), in the caller's transaction.
 */
async function applyFigures(trx: Tx, projectId: number, before: Summary | null, after: Summary | null, latest: (string | null | undefined)[]): Promise<void> {
  const move = new FiguresMove();
  move.add(before, after, latest);
  await move.write(trx, projectId);
}

/** Many households' moves of their project's figures, summed (as applyFigures moves them one by one), written once. */
class FiguresMove {
  private readonly delta: repo.FiguresDelta = {};
  private latest: string | null = null;

  add(before: Summary | null, after: Summary | null, latest: (string | null | undefined)[]): void {
    const a = contribution(after);
    const b = contribution(before);
    for (const k of Object.keys(a) as (keyof typeof a)[]) this.delta[k] = (this.delta[k] ?? 0) + a[k] - b[k];
    for (const d of latest) if (d && (!this.latest || d > this.latest)) this.latest = d;
  }

  write(trx: Tx, projectId: number): Promise<void> {
    return repo.addToFigures(trx, projectId, this.delta, this.latest);
  }
}

interface HouseholdRecords {
  plans: PlanRow[];
  payments: Pick<PaymentRow, 'status' | 'amount' | 'paid_on'>[];
  handover: Pick<HandoverRow, 'handed_on'> | undefined;
  obstacles: Pick<ObstacleRow, 'resolved_on'>[];
  parcels: Pick<ParcelRow, 'recovered_dm2'>[];
  /** the first date anything was done for it (repo.firstActivityOf) */
  activity: string | null;
}

/** A household's summary columns from its records, and the dates its project's latest fact may move to. */
function summarise(r: HouseholdRecords) {
  const approved = currentApproved(r.plans);
  let paidTotal = 0;
  let paidFullOn: string | null = null;
  const confirmed = r.payments.filter((x) => x.status === 'confirmed');
  for (const p of confirmed) {
    paidTotal += Number(p.amount);
    if (approved && paidFullOn === null && paidTotal >= Number(approved.total)) paidFullOn = p.paid_on;
  }
  // an approved plan of 0 đ (nothing to pay) counts as paid on approval
  if (approved && Number(approved.total) === 0) paidFullOn = approved.approved_on;
  const recovered = r.parcels.reduce((s, p) => s + Number(p.recovered_dm2 ?? 0), 0);
  const summary = {
    recovered_dm2: r.parcels.some((p) => p.recovered_dm2 !== null) ? recovered : null,
    activity_on: [r.activity, r.handover?.handed_on].filter((x): x is string => Boolean(x)).sort()[0] ?? null,
    approved_total: approved ? Number(approved.total) : null,
    approved_on: approved?.approved_on ?? null,
    effective_on: approved ? (approved.effective_on ?? approved.approved_on) : null,
    paid_total: paidTotal,
    paid_full_on: paidFullOn,
    handed_on: r.handover?.handed_on ?? null,
    open_obstacles: r.obstacles.filter((o) => !o.resolved_on).length,
  };
  return { summary, latest: [summary.approved_on, summary.paid_full_on, summary.handed_on, summary.activity_on, ...confirmed.map((p) => p.paid_on)] };
}

/** Recomputes a household's summary from its records (after every write that touches them), and its project's figures. */
export async function refreshHousehold(trx: Tx, householdId: number): Promise<void> {
  const [before, plans, payments, handover, obstacles, parcels, activity] = await Promise.all([
    repo.findHouseholdById(trx, householdId),
    repo.plansOf(trx, householdId),
    repo.paymentsOf(trx, householdId),
    repo.handoverOf(trx, householdId),
    repo.obstaclesOf(trx, householdId),
    repo.parcelsOf(trx, [householdId]),
    repo.firstActivityOf(trx, householdId),
  ]);
  const { summary, latest } = summarise({ plans, payments, handover, obstacles, parcels, activity });
  await repo.updateHouseholdRow(trx, householdId, { ...summary, updated_at: new Date().toISOString() });
  if (before) await applyFigures(trx, before.project_id, before, { ...summary, kind: before.kind }, latest);
}

const currentApproved = (plans: PlanRow[]): PlanRow | undefined => plans.filter((p) => p.status === 'approved').sort((a, b) => b.version - a.version)[0];

const m2 = (dm2: number | null) => (dm2 === null ? null : Number(dm2) / 100);

export const presentParcel = (p: ParcelRow) => ({ mapSheet: p.map_sheet, parcelNo: p.parcel_no, landType: p.land_type, areaM2: m2(p.area_dm2), recoveredM2: m2(p.recovered_dm2) });

/** "tờ 12, thửa 34" ↔ parcel fields (the bundle's short form). */
export function parseParcelText(s: string): { mapSheet: string | null; parcelNo: string | null } {
  const sheet = /tờ(?:\s*bản\s*đồ)?\s*(?:số\s*)?([\p{L}\p{N}./-]+)/iu.exec(s)?.[1] ?? null;
  const parcel = /thửa\s*(?:số\s*)?([\p{L}\p{N}./-]+)/iu.exec(s)?.[1] ?? null;
  return { mapSheet: sheet, parcelNo: parcel };
}
export const parcelText = (p: { mapSheet: string | null; parcelNo: string | null }) => [p.mapSheet ? `tờ ${p.mapSheet}` : '', p.parcelNo ? `thửa ${p.parcelNo}` : ''].filter(Boolean).join(', ');

/** The whole record of one household (personal data: callers have checked `clearance.personal`). */
export async function presentHousehold(db: Db, h: repo.HouseholdWithProject, asOf = todayVn()) {
  const [parcels, plans, payments, handover, obstacles, steps] = await Promise.all([
    repo.parcelsOf(db, [h.id]),
    repo.plansOf(db, h.id),
    repo.paymentsOf(db, h.id),
    repo.handoverOf(db, h.id),
    repo.obstaclesOf(db, h.id),
    repo.householdStepsOf(db, [h.id]),
  ]);
  const approved = currentApproved(plans);
  const effective = approved ? (approved.effective_on ?? approved.approved_on) : null;
  const payBy = effective ? addDays(effective, PAYMENT_DAYS) : null;
  const state = householdState(h, asOf);
  return {
    code: h.code,
    project: h.project_code,
    projectName: h.project_name,
    kind: h.kind,
    kindLabel: HOUSEHOLD_KINDS[h.kind],
    name: h.name,
    address: h.address,
    phone: h.phone,
    note: h.note,
    state,
    stateLabel: HOUSEHOLD_STATES[state],
    parcels: parcels.map(presentParcel),
    recoveredM2: m2(h.recovered_dm2),
    approvedAmount: h.approved_total === null ? null : Number(h.approved_total),
    approvedOn: h.approved_on,
    payBy,
    paidAmount: Number(h.paid_total),
    plans: plans.map((p) => ({
      id: p.id,
      version: p.version,
      status: p.status,
      statusLabel: p.status === 'approved' ? 'Đã phê duyệt' : p.status === 'superseded' ? 'Đã thay thế' : 'Dự thảo',
      land: p.land === null ? null : Number(p.land),
      assets: p.assets === null ? null : Number(p.assets),
      support: p.support === null ? null : Number(p.support),
      resettlement: p.resettlement === null ? null : Number(p.resettlement),
      total: Number(p.total),
      decisionNumber: p.decision_number,
      approvedOn: p.approved_on,
      effectiveOn: p.effective_on,
      createdBy: p.created_by_name,
      approvedBy: p.approved_by_name,
    })),
    payments: payments.map((p) => {
      const lateDays = payBy && p.paid_on > payBy ? daysBetween(payBy, p.paid_on) : 0;
      return {
        id: p.id,
        amount: Number(p.amount),
        paidOn: p.paid_on,
        method: p.method,
        methodLabel: PAYMENT_METHODS[p.method],
        receiptNo: p.receipt_no,
        status: p.status,
        statusLabel: p.status === 'confirmed' ? 'Đã xác nhận' : 'Chờ xác nhận',
        recordedBy: p.recorded_by_name,
        confirmedBy: p.confirmed_by_name,
        lateDays,
        lateAmount: Math.round(Number(p.amount) * LATE_RATE_PER_DAY * lateDays),
      };
    }),
    handover: handover ? { handedOn: handover.handed_on, areaM2: m2(handover.area_dm2), minutesNo: handover.minutes_no, earlyAgreement: handover.early_agreement } : null,
    obstacles: obstacles.map((o) => ({ id: o.id, openedOn: o.opened_on, description: o.description, resolvedOn: o.resolved_on, resolution: o.resolution, daysOpen: daysBetween(o.opened_on, o.resolved_on ?? asOf) })),
    steps: steps.map((s) => ({ step: s.code, doneOn: s.done_on, note: s.note })),
  };
}
type PresentedHousehold = Awaited<ReturnType<typeof presentHousehold>>;

function parcelRows(parcels: TParcel[]) {
  return parcels.map((p, i) => {
    if (p.areaM2 !== null && p.recoveredM2 !== null && p.recoveredM2 > p.areaM2) throw fieldError(`parcels[${i}].recoveredM2`, `${householdLabels.recoveredM2}: không được lớn hơn diện tích thửa đất`);
    return { map_sheet: p.mapSheet, parcel_no: p.parcelNo, land_type: p.landType, area_dm2: p.areaM2, recovered_dm2: p.recoveredM2 };
  });
}

async function projectForWrite(db: Db, actor: Actor, code: string) {
  const p = await requireProject(db, code).catch(() => {
    throw fieldError('project', `${householdLabels.project}: không tìm thấy dự án "${code}"`);
  });
  authorize(actor, 'clearance.manage', { unitPath: p.unit_path, entityType: 'clearanceProject', entityId: code });
  return p;
}

async function householdForWrite(db: Db, actor: Actor, code: string, action: 'clearance.manage' | 'clearance.approve' = 'clearance.manage') {
  const found = await requireHousehold(db, code);
  authorize(actor, action, { unitPath: found.unit_path, entityType: 'household', entityId: code });
  // one write at a time per household (PostgreSQL), then read it again under the lock; the
  // project first, as every write to its records takes it (lockProjectRow)
  await repo.lockProjectRow(db, found.project_id);
  return (await repo.lockHousehold(db, found.id)) ? (await repo.findHouseholdById(db, found.id))! : found;
}

/** A new household's record checked (every rule but its project's and its code's), with its parcel rows and summary. */
function checkNewHousehold(input: unknown) {
  const d = parseInput(ZHousehold, input, householdLabels);
  const parcels = parcelRows(d.parcels);
  // a new household has no records yet: its summary is known without recomputing it
  const recovered = parcels.some((x) => x.recovered_dm2 !== null) ? parcels.reduce((sum, x) => sum + (x.recovered_dm2 ?? 0), 0) : null;
  return { d, parcels, recovered };
}

/** The code numbered `n` in a project: DA-01-H007. */
const householdCode = (project: { code: string }, n: number) => `${project.code}-H${String(n).padStart(3, '0')}`;

const createdAudit = (code: string, projectCode: string, d: ReturnType<typeof checkNewHousehold>['d']) => ({
  action: 'household.create',
  entityType: 'household',
  entityId: code,
  after: { code, project: projectCode, kind: d.kind, name: d.name, address: d.address, parcels: d.parcels.map((x) => ({ ...x, areaM2: m2(x.areaM2), recoveredM2: m2(x.recoveredM2) })) },
});

/** Adds a household to a project in the actor's scope (no presentation: bulk imports call this). */
export async function addHousehold(trx: Tx, { actor, input }: { actor: Actor; input: unknown }): Promise<{ id: number; code: string }> {
  const { d, parcels, recovered } = checkNewHousehold(input);
  const p = await projectForWrite(trx, actor, d.project);
  let code = d.code;
  if (code && (await repo.findHouseholdByCode(trx, code))) throw conflict(`Mã hộ "${code}" đã tồn tại.`, 'code');
  if (!code) {
    let n = (await repo.countHouseholdsOfProject(trx, p.id)) + 1;
    while (await repo.findHouseholdByCode(trx, householdCode(p, n))) n++;
    code = householdCode(p, n);
  }
  const t = new Date().toISOString();
  const id = await repo.insertHousehold(trx, { code, project_id: p.id, kind: d.kind, name: d.name, address: d.address, phone: d.phone, note: d.note, recovered_dm2: recovered, activity_on: null, approved_total: null, approved_on: null, effective_on: null, paid_full_on: null, handed_on: null, created_at: t, updated_at: t });
  await repo.replaceParcels(trx, id, parcels);
  await applyFigures(trx, p.id, null, { kind: d.kind, approved_on: null, approved_total: null, paid_total: 0, paid_full_on: null, handed_on: null, open_obstacles: 0, activity_on: null, recovered_dm2: recovered }, []);
  await audit(trx, actor, createdAudit(code, p.code, d));
  return { id, code };
}

type Amounts = { land: number | null; assets: number | null; support: number | null; resettlement: number | null };
const num = (v: number | string | null) => (v === null ? null : Number(v));
/** The same amounts as a plan's (a file imported twice leaves its plans as they are). */
const sameAmounts = (p: PlanRow, a: Amounts) => num(p.land) === a.land && num(p.assets) === a.assets && num(p.support) === a.support && num(p.resettlement) === a.resettlement;

type Records = ReturnType<typeof recordsOf>;
const recordsOf = (r: Awaited<ReturnType<typeof repo.recordsOfHouseholds>>, id: number) => ({
  plans: r.plans.get(id) ?? [],
  payments: r.payments.get(id) ?? [],
  handover: r.handovers.get(id)?.[0],
  obstacles: r.obstacles.get(id) ?? [],
  parcels: r.parcels.get(id) ?? [],
  activity: r.activities.get(id)?.[0]?.d ?? null,
});

interface QueuedAdd {
  code: string;
  checked: ReturnType<typeof checkNewHousehold>;
  plan: PlanValues | null;
}
interface QueuedUpdate {
  h: repo.HouseholdWithProject;
  d: ReturnType<typeof checkNewHousehold>['d'];
  parcels: ReturnType<typeof parcelRows>;
  records: Records;
  plan: { values: PlanValues; draft: PlanRow | undefined; version: number } | null;
}

/**
 * The households of one project's workbook in one transaction: new ones with their parcels and
 * provisional plan, and updates of recorded ones (details, parcels, plan amounts). Every record is
 * checked when it is queued by the same rules as addHousehold, updateHousehold and writePlan (the
 * same errors), new ones numbered as addHousehold numbers them, and written a few hundred rows a
 * statement by `flush` — households, parcels, plans, audit rows — each household's summary
 * computed as refreshHousehold computes it, the project's figures moved once. The project row is
 * held from the first call to the commit (PostgreSQL): every write to its households takes it
 * first, so what the batch has read stays true. A caller that reads or changes the project's
 * households in between must flush first.
 */
export class HouseholdBatch {
  private adds: QueuedAdd[] = [];
  private updates: QueuedUpdate[] = [];
  private project: repo.ProjectWithUnit | undefined;
  private next = 0;
  private codes: CodeSequence | undefined;
  /** every code this batch writes (queued or flushed) */
  private readonly inBatch = new Set<string>();
  /** households recorded under the codes asked about, with their records */
  private readonly recorded = new Map<string, { h: repo.HouseholdWithProject; records: Records }>();
  private readonly asked = new Set<string>();

  constructor(
    private readonly trx: Tx,
    private readonly actor: Actor,
    private readonly projectCode: string,
  ) {}

  private async start(): Promise<{ p: repo.ProjectWithUnit; codes: CodeSequence }> {
    if (!this.project || !this.codes) {
      const p = await projectForWrite(this.trx, this.actor, this.projectCode);
      await repo.lockProjectRow(this.trx, p.id);
      this.project = p;
      this.next = (await repo.countHouseholdsOfProject(this.trx, p.id)) + 1;
      this.codes = new CodeSequence((n) => householdCode(p, n), (codes) => repo.existingHouseholdCodes(this.trx, codes), this.inBatch);
    }
    return { p: this.project, codes: this.codes };
  }

  /** Reads at once the households recorded under these codes (those the file brings), with their records. */
  async knowCodes(codes: readonly (string | null | undefined)[]): Promise<void> {
    await this.start();
    const asking = [...new Set(codes.filter((x): x is string => Boolean(x) && !this.asked.has(x!)))];
    const found = await repo.householdsByCodesChunked(this.trx, asking);
    const records = await repo.recordsOfHouseholds(
      this.trx,
      found.map((h) => h.id),
    );
    for (const h of found) this.recorded.set(h.code, { h, records: recordsOf(records, h.id) });
    for (const c of asking) this.asked.add(c);
  }

  /** The household recorded under this code (in any project; one this batch added earlier is written first), if any. */
  async recordedAs(code: string): Promise<repo.HouseholdWithProject | undefined> {
    if ((this.inBatch.has(code) && !this.recorded.has(code)) || this.updates.some((u) => u.h.code === code)) {
      await this.flush();
      this.asked.delete(code);
    }
    if (!this.asked.has(code)) await this.knowCodes([code]);
    return this.recorded.get(code)?.h;
  }

  /** Its parcels as recorded. */
  parcelsOf(h: repo.HouseholdWithProject): ParcelRow[] {
    return this.recorded.get(h.code)?.records.parcels ?? [];
  }

  /** True when a household has this code, or will have it at the next flush. */
  async exists(code: string): Promise<boolean> {
    return Boolean(await this.recordedAs(code)) || this.inBatch.has(code);
  }

  /** Checks a new household (and its plan's amounts) and queues it; returns the code it will have. */
  async add(input: unknown, planInput: unknown): Promise<string> {
    const checked = checkNewHousehold({ ...(input as object), project: this.projectCode });
    const { codes } = await this.start();
    if (this.updates.length) await this.flush();
    const plan = planInput === undefined ? null : planValues(planInput);
    let code = checked.d.code;
    if (code && (await this.exists(code))) throw conflict(`Mã hộ "${code}" đã tồn tại.`, 'code');
    if (code) this.inBatch.add(code);
    else code = await codes.next(this.next);
    // every household counts in its project's numbering, as countHouseholdsOfProject counts it
    this.next++;
    this.adds.push({ code, checked, plan });
    if (this.adds.length >= 1000) await this.flush();
    return code;
  }

  /**
   * Checks an update of a household recorded before the batch (as updateHousehold), and of its
   * plan: amounts that differ from its draft (or, without a draft, from its approved plan) are
   * saved as writePlan saves them. Returns whether a plan will be written.
   */
  async update(recorded: repo.HouseholdWithProject, input: unknown, planInput: unknown): Promise<{ plan: boolean }> {
    await this.start();
    // one queued already for this household is written first, and the household read again
    const h = (await this.recordedAs(recorded.code)) ?? recorded;
    authorize(this.actor, 'clearance.manage', { unitPath: h.unit_path, entityType: 'household', entityId: h.code });
    const d = parseInput(ZHousehold, { project: h.project_code, ...(input as object), code: h.code }, householdLabels);
    if (d.project !== h.project_code) throw fieldError('project', `${householdLabels.project}: không chuyển hộ sang dự án khác; hãy thêm hộ vào dự án kia`);
    const parcels = parcelRows(d.parcels);
    const records = this.recorded.get(h.code)!.records;
    let plan: QueuedUpdate['plan'] = null;
    if (planInput !== undefined) {
      const parsed = ZPlan.parse(planInput);
      const wanted: Amounts = { land: parsed.land, assets: parsed.assets, support: parsed.support, resettlement: parsed.resettlement };
      const draft = records.plans.find((x) => x.status === 'provisional');
      const approved = records.plans.filter((x) => x.status === 'approved').at(-1);
      if (!(draft ? sameAmounts(draft, wanted) : approved !== undefined && sameAmounts(approved, wanted))) {
        plan = { values: planValues(planInput), draft, version: (records.plans.at(-1)?.version ?? 0) + 1 };
      }
    }
    if (this.adds.length) await this.flush();
    this.updates.push({ h, d, parcels, records, plan });
    if (this.updates.length >= 1000) await this.flush();
    return { plan: plan !== null };
  }

  /** Writes what is queued. */
  async flush(): Promise<void> {
    if (this.adds.length) await this.flushAdds();
    if (this.updates.length) await this.flushUpdates();
  }

  private async flushAdds(): Promise<void> {
    const items = this.adds;
    const p = this.project!;
    this.adds = [];
    const t = new Date().toISOString();
    const activity = t.slice(0, 10); // a plan written counts as activity on its day (repo.firstActivityOf)
    const rows = items.map(({ code, checked: { d, parcels }, plan }) => {
      const { summary } = summarise({ plans: [], payments: [], handover: undefined, obstacles: [], parcels, activity: plan ? activity : null });
      return { code, project_id: p.id, kind: d.kind, name: d.name, address: d.address, phone: d.phone, note: d.note, ...summary, created_at: t, updated_at: t };
    });
    const ids = await repo.insertHouseholds(this.trx, rows);
    await repo.insertParcels(this.trx, items.flatMap((it, i) => it.checked.parcels.map((x) => ({ ...x, household_id: ids[i]! }))));
    await repo.insertPlans(this.trx, items.flatMap((it, i) => (it.plan ? [newPlanRow(this.actor, ids[i]!, 1, it.plan, t)] : [])));
    // the project's figures move once, by what the new households add (as applyFigures from nothing)
    const figures = new FiguresMove();
    for (const r of rows) figures.add(null, r, [r.activity_on]);
    await figures.write(this.trx, p.id);
    await auditMany(
      this.trx,
      this.actor,
      items.flatMap((it) => [
        createdAudit(it.code, p.code, it.checked.d),
        ...(it.plan ? [{ action: 'clearancePlan.save', entityType: 'household', entityId: it.code, before: null, after: it.plan }] : []),
      ]),
    );
  }

  private async flushUpdates(): Promise<void> {
    const items = this.updates;
    const p = this.project!;
    this.updates = [];
    const t = new Date().toISOString();
    const figures = new FiguresMove();
    const newPlans: Insertable<ClearancePlanTable>[] = [];
    const audits: Parameters<typeof auditMany>[2][number][] = [];
    await repo.deleteParcelsOf(
      this.trx,
      items.map((it) => it.h.id),
    );
    await repo.insertParcels(this.trx, items.flatMap((it) => it.parcels.map((x) => ({ ...x, household_id: it.h.id }))));
    for (const { h, d, parcels, records, plan } of items) {
      // as refreshHousehold computes it after the household's update and its plan's (the first
      // activity moves only by a plan written today, never past a date the update had)
      let plans = records.plans;
      let activity = records.activity;
      if (plan) {
        const values = { ...plan.values, created_by: userId(this.actor), created_by_name: this.actor.username };
        if (plan.draft) {
          plans = plans.map((x) => (x.id === plan.draft!.id ? { ...x, ...values } : x));
          await repo.updatePlanRow(this.trx, plan.draft.id, values);
        } else {
          const row = newPlanRow(this.actor, h.id, plan.version, plan.values, t);
          plans = [...plans, { ...row, id: 0 } as PlanRow];
          activity = [activity, t.slice(0, 10)].filter((x): x is string => Boolean(x)).sort()[0] ?? null;
          newPlans.push(row);
        }
      }
      const { summary, latest } = summarise({ ...records, plans, parcels, activity });
      await repo.updateHouseholdRow(this.trx, h.id, { kind: d.kind, name: d.name, address: d.address, phone: d.phone, note: d.note, ...summary, updated_at: t });
      figures.add(h, { ...summary, kind: d.kind }, latest);
      audits.push({
        action: 'household.update',
        entityType: 'household',
        entityId: h.code,
        before: { name: h.name, address: h.address, phone: h.phone, kind: h.kind },
        after: { name: d.name, address: d.address, phone: d.phone, kind: d.kind, parcels: parcels.map((x) => presentParcel({ ...x, id: 0, household_id: h.id })) },
      });
      if (plan) audits.push({ action: 'clearancePlan.save', entityType: 'household', entityId: h.code, before: plan.draft ? { total: Number(plan.draft.total) } : null, after: plan.values });
    }
    await repo.insertPlans(this.trx, newPlans);
    await figures.write(this.trx, p.id);
    await auditMany(this.trx, this.actor, audits);
    // what was read of them is out of date: read again if asked
    for (const it of items) {
      this.recorded.delete(it.h.code);
      this.asked.delete(it.h.code);
    }
  }
}

export async function createHousehold(trx: Tx, { actor, input }: { actor: Actor; input: unknown }): Promise<PresentedHousehold> {
  const { id } = await addHousehold(trx, { actor, input });
  return presentHousehold(trx, (await repo.findHouseholdById(trx, id))!);
}

export async function updateHousehold(trx: Tx, { actor, code, input }: { actor: Actor; code: string; input: unknown }): Promise<PresentedHousehold> {
  const h = await householdForWrite(trx, actor, code);
  const d = parseInput(ZHousehold, { project: h.project_code, ...(input as object), code }, householdLabels);
  if (d.project !== h.project_code) throw fieldError('project', `${householdLabels.project}: không chuyển hộ sang dự án khác; hãy thêm hộ vào dự án kia`);
  const before = { name: h.name, address: h.address, phone: h.phone, kind: h.kind };
  await repo.updateHouseholdRow(trx, h.id, { kind: d.kind, name: d.name, address: d.address, phone: d.phone, note: d.note, updated_at: new Date().toISOString() });
  if (d.kind !== h.kind) await applyFigures(trx, h.project_id, h, { ...h, kind: d.kind }, []);
  await repo.replaceParcels(trx, h.id, parcelRows(d.parcels));
  await refreshHousehold(trx, h.id);
  const out = await presentHousehold(trx, (await repo.findHouseholdById(trx, h.id))!);
  await audit(trx, actor, { action: 'household.update', entityType: 'household', entityId: code, before, after: { name: d.name, address: d.address, phone: d.phone, kind: d.kind, parcels: out.parcels } });
  return out;
}

/**
 * A household, with its personal data. Of a project the caller may not read, it does not exist for
 * them (issue #20); of one they read, personal data needs `clearance.personal` (403). `forWrite`:
 * read on the way to a change (the edit form's post), whose refusal stays a 403.
 */
export async function getHousehold(db: Db, actor: Actor, code: string, opts: { forWrite?: boolean } = {}): Promise<PresentedHousehold> {
  const h = await requireHousehold(db, code);
  const resource = { unitPath: h.unit_path, entityType: 'household', entityId: code };
  if (!opts.forWrite) authorizeRead(actor, 'clearance.read', resource, () => householdMissing(code));
  authorize(actor, 'clearance.personal', resource);
  return presentHousehold(db, h);
}

/** Records that a step was done for this household (e.g. kiểm đếm on a date). */
export async function recordHouseholdStep(trx: Tx, { actor, code, input, today = todayVn() }: { actor: Actor; code: string; input: unknown; today?: string }) {
  const h = await householdForWrite(trx, actor, code);
  const d = parseInput(ZHouseholdStep, input, householdStepLabels);
  if (d.doneOn > today) throw fieldError('doneOn', `${householdStepLabels.doneOn}: không được sau hôm nay`);
  const kind = await repo.findStepKind(trx, d.step);
  if (!kind) throw fieldError('step', `${householdStepLabels.step}: không có bước "${d.step}"`);
  await repo.upsertHouseholdStep(trx, { household_id: h.id, kind_id: kind.id, done_on: d.doneOn, note: d.note });
  await refreshHousehold(trx, h.id);
  await audit(trx, actor, { action: 'household.step', entityType: 'household', entityId: code, after: d });
  return presentHousehold(trx, (await repo.findHouseholdById(trx, h.id))!);
}

/** Saves the provisional plan (a new version, or the open draft); amounts in whole đồng. */
type PlanValues = { land: number | null; assets: number | null; support: number | null; resettlement: number | null; total: number };

/** A plan's amounts checked: the parts, or a total alone; a total given with parts must be their sum. */
function planValues(input: unknown): PlanValues {
  const d = parseInput(ZPlan, input, planLabels);
  const parts = [d.land, d.assets, d.support, d.resettlement];
  const sum = parts.reduce<number>((s, v) => s + (v ?? 0), 0);
  const hasParts = parts.some((v) => v !== null);
  if (!hasParts && d.total === null) throw fieldError('total', `${planLabels.total}: nhập các khoản hoặc tổng số tiền`);
  if (hasParts && d.total !== null && d.total !== sum) throw fieldError('total', `${planLabels.total}: ${formatMoney(d.total)} khác tổng các khoản ${formatMoney(sum)}`);
  return { land: d.land, assets: d.assets, support: d.support, resettlement: d.resettlement, total: hasParts ? sum : d.total! };
}

const newPlanRow = (actor: Actor, householdId: number, version: number, values: PlanValues, at: string): Insertable<ClearancePlanTable> => ({
  household_id: householdId,
  version,
  status: 'provisional',
  ...values,
  decision_number: null,
  approved_on: null,
  effective_on: null,
  created_by: userId(actor),
  created_by_name: actor.username,
  approved_by: null,
  approved_by_name: null,
  created_at: at,
});

/** Saves the provisional plan (a new version, or the open draft); amounts in whole đồng. */
export async function writePlan(trx: Tx, { actor, code, input }: { actor: Actor; code: string; input: unknown }): Promise<repo.HouseholdWithProject> {
  const h = await householdForWrite(trx, actor, code);
  const values = planValues(input);
  const plans = await repo.plansOf(trx, h.id);
  const draft = plans.find((p) => p.status === 'provisional');
  if (draft) {
    await repo.updatePlanRow(trx, draft.id, { ...values, created_by: userId(actor), created_by_name: actor.username });
  } else {
    await repo.insertPlan(trx, newPlanRow(actor, h.id, (plans.at(-1)?.version ?? 0) + 1, values, new Date().toISOString()));
  }
  await refreshHousehold(trx, h.id);
  await audit(trx, actor, { action: 'clearancePlan.save', entityType: 'household', entityId: code, before: draft ? { total: Number(draft.total) } : null, after: values });
  // once per draft (a draft saved again is not announced again)
  const version = draft?.version ?? (plans.at(-1)?.version ?? 0) + 1;
  await notify(trx, actor, { to: await whoActs(trx, 'clearance.approve', h.unit_path, { except: actor }), kind: 'clearance.waiting', title: `${h.project_name}: phương án hộ ${code} chờ phê duyệt`, url: `/quan-tri/gpmb/ho-dan/${encodeURIComponent(code)}`, ref: `clearance.plan:${h.id}:${version}` });
  return h;
}

export async function savePlan(trx: Tx, { actor, code, input }: { actor: Actor; code: string; input: unknown }): Promise<PresentedHousehold> {
  const h = await writePlan(trx, { actor, code, input });
  return presentHousehold(trx, (await repo.findHouseholdById(trx, h.id))!);
}

/** Approves the provisional plan: another person than its author; it is frozen from then on. */
export async function approvePlan(trx: Tx, { actor, code, input, today = todayVn() }: { actor: Actor; code: string; input: unknown; today?: string }) {
  const h = await householdForWrite(trx, actor, code, 'clearance.approve');
  const d = parseInput(ZPlanApproval, input, planLabels);
  const plans = await repo.plansOf(trx, h.id);
  const draft = plans.find((p) => p.status === 'provisional');
  if (!draft) throw conflict('Hộ này không có phương án dự thảo nào chờ phê duyệt.');
  if (actor.kind === 'user' && draft.created_by === actor.userId) {
    throw new ForbiddenError('clearance.approve', { unitPath: h.unit_path, entityType: 'household', entityId: code }, 'Người lập phương án không được tự phê duyệt phương án đó: cần một người khác phê duyệt.');
  }
  if (d.approvedOn > today) throw fieldError('approvedOn', `${planLabels.approvedOn}: không được sau hôm nay`);
  const effective = d.effectiveOn ?? d.approvedOn;
  if (effective < d.approvedOn) throw fieldError('effectiveOn', `${planLabels.effectiveOn}: không được trước ngày phê duyệt`);
  const previous = currentApproved(plans);
  if (previous && d.approvedOn < (previous.approved_on ?? '')) throw fieldError('approvedOn', `${planLabels.approvedOn}: không được trước ngày phê duyệt phương án trước (${formatDate(previous.approved_on)})`);
  const paid = (await repo.paymentsOf(trx, h.id)).reduce((s, p) => s + Number(p.amount), 0);
  if (paid > Number(draft.total)) throw fieldError('total', `Phương án mới (${formatMoney(Number(draft.total))}) thấp hơn số đã chi trả (${formatMoney(paid)}).`);
  if (previous) await repo.updatePlanRow(trx, previous.id, { status: 'superseded' });
  await repo.updatePlanRow(trx, draft.id, { status: 'approved', decision_number: d.decisionNumber, approved_on: d.approvedOn, effective_on: effective, approved_by: userId(actor), approved_by_name: actor.username });
  await refreshHousehold(trx, h.id);
  await audit(trx, actor, { action: 'clearancePlan.approve', entityType: 'household', entityId: code, after: { version: draft.version, total: Number(draft.total), decisionNumber: d.decisionNumber, approvedOn: d.approvedOn, effectiveOn: effective } });
  await notify(trx, actor, { to: draft.created_by, kind: 'clearance.approved', title: `${h.project_name}: phương án hộ ${code} đã được phê duyệt (${formatMoney(Number(draft.total))})`, url: `/quan-tri/gpmb/ho-dan/${encodeURIComponent(code)}` });
  return presentHousehold(trx, (await repo.findHouseholdById(trx, h.id))!);
}

/** Records a payment against the approved plan; it counts once another person confirms it. */
export async function recordPayment(trx: Tx, { actor, code, input, today = todayVn() }: { actor: Actor; code: string; input: unknown; today?: string }) {
  const h = await householdForWrite(trx, actor, code);
  const d = parseInput(ZPayment, input, paymentLabels);
  const plan = currentApproved(await repo.plansOf(trx, h.id));
  if (!plan) throw fieldError('amount', 'Chưa có phương án bồi thường được phê duyệt cho hộ này: chưa thể chi trả.');
  if (d.amount <= 0) throw fieldError('amount', `${paymentLabels.amount}: phải lớn hơn 0`);
  if (d.paidOn > today) throw fieldError('paidOn', `${paymentLabels.paidOn}: không được sau hôm nay`);
  if (plan.approved_on && d.paidOn < plan.approved_on) throw fieldError('paidOn', `${paymentLabels.paidOn}: không được trước ngày phê duyệt phương án (${formatDate(plan.approved_on)})`);
  const paid = (await repo.paymentsOf(trx, h.id)).reduce((s, p) => s + Number(p.amount), 0);
  const left = Number(plan.total) - paid;
  if (d.amount > left) throw fieldError('amount', `${paymentLabels.amount}: ${formatMoney(d.amount)} vượt số còn phải trả theo phương án đã phê duyệt (${formatMoney(left)})`);
  const confirmed = actor.kind === 'system';
  await repo.insertPayment(trx, {
    household_id: h.id,
    project_id: h.project_id,
    plan_id: plan.id,
    amount: d.amount,
    paid_on: d.paidOn,
    method: d.method,
    receipt_no: d.receiptNo,
    status: confirmed ? 'confirmed' : 'recorded',
    recorded_by: userId(actor),
    recorded_by_name: actor.username,
    confirmed_by: null,
    confirmed_by_name: confirmed ? actor.username : null,
    confirmed_at: confirmed ? new Date().toISOString() : null,
    created_at: new Date().toISOString(),
  });
  await refreshHousehold(trx, h.id);
  await audit(trx, actor, { action: 'clearancePayment.record', entityType: 'household', entityId: code, after: d });
  if (!confirmed) await notify(trx, actor, { to: await whoActs(trx, 'clearance.approve', h.unit_path, { except: actor }), kind: 'clearance.waiting', title: `${h.project_name}: khoản chi trả ${formatMoney(d.amount)} cho hộ ${code} chờ xác nhận`, url: `/quan-tri/gpmb/ho-dan/${encodeURIComponent(code)}` });
  return presentHousehold(trx, (await repo.findHouseholdById(trx, h.id))!);
}

export async function confirmPayment(trx: Tx, { actor, code, paymentId }: { actor: Actor; code: string; paymentId: number }) {
  const h = await householdForWrite(trx, actor, code, 'clearance.approve');
  const p = await repo.findPayment(trx, paymentId);
  if (!p || p.household_id !== h.id) throw notFound('Không tìm thấy khoản chi trả này.');
  if (p.status === 'confirmed') throw conflict('Khoản chi trả này đã được xác nhận.');
  if (actor.kind === 'user' && p.recorded_by === actor.userId) {
    throw new ForbiddenError('clearance.approve', { unitPath: h.unit_path, entityType: 'household', entityId: code }, 'Người ghi nhận khoản chi trả không được tự xác nhận: cần một người khác xác nhận.');
  }
  const plan = currentApproved(await repo.plansOf(trx, h.id));
  const confirmedSum = (await repo.paymentsOf(trx, h.id)).filter((x) => x.status === 'confirmed').reduce((sum, x) => sum + Number(x.amount), 0);
  if (!plan || confirmedSum + Number(p.amount) > Number(plan.total)) throw conflict(`Khoản chi trả ${formatMoney(Number(p.amount))} làm tổng đã chi vượt số tiền phương án được phê duyệt${plan ? ` (${formatMoney(Number(plan.total))})` : ''}.`);
  await repo.updatePaymentRow(trx, p.id, { status: 'confirmed', confirmed_by: userId(actor), confirmed_by_name: actor.username, confirmed_at: new Date().toISOString() });
  await refreshHousehold(trx, h.id);
  await audit(trx, actor, { action: 'clearancePayment.confirm', entityType: 'household', entityId: code, after: { payment: p.id, amount: Number(p.amount), paidOn: p.paid_on } });
  await notify(trx, actor, { to: p.recorded_by, kind: 'clearance.approved', title: `${h.project_name}: khoản chi trả ${formatMoney(Number(p.amount))} cho hộ ${code} đã được xác nhận`, url: `/quan-tri/gpmb/ho-dan/${encodeURIComponent(code)}` });
  return presentHousehold(trx, (await repo.findHouseholdById(trx, h.id))!);
}

/** Handover of the land: after the plan's approval (unless an agreement is recorded), with no open obstacle. */
export async function recordHandover(trx: Tx, { actor, code, input, today = todayVn() }: { actor: Actor; code: string; input: unknown; today?: string }) {
  const h = await householdForWrite(trx, actor, code);
  const d = parseInput(ZHandover, input, handoverLabels);
  if (await repo.handoverOf(trx, h.id)) throw conflict('Hộ này đã bàn giao mặt bằng.');
  if (d.handedOn > today) throw fieldError('handedOn', `${handoverLabels.handedOn}: không được sau hôm nay`);
  const plan = currentApproved(await repo.plansOf(trx, h.id));
  if ((!plan || (plan.approved_on && d.handedOn < plan.approved_on)) && !d.earlyAgreement) {
    throw fieldError('handedOn', plan ? `${handoverLabels.handedOn}: trước ngày phê duyệt phương án (${formatDate(plan.approved_on)}) — chỉ được khi có thỏa thuận bàn giao trước, hãy ghi thỏa thuận đó` : `${handoverLabels.handedOn}: hộ chưa có phương án được phê duyệt — chỉ được bàn giao trước khi có thỏa thuận, hãy ghi thỏa thuận đó`);
  }
  const open = (await repo.obstaclesOf(trx, h.id)).filter((o) => !o.resolved_on || (o.opened_on <= d.handedOn && o.resolved_on > d.handedOn));
  if (open.length) throw fieldError('handedOn', `Còn ${open.length} vướng mắc chưa giải quyết vào ngày bàn giao (${open.map((o) => o.description).join('; ')}): giải quyết trước khi bàn giao.`);
  if (d.areaM2 !== null && h.recovered_dm2 !== null && d.areaM2 > Number(h.recovered_dm2)) throw fieldError('areaM2', `${handoverLabels.areaM2}: lớn hơn diện tích thu hồi của hộ`);
  await repo.insertHandover(trx, { household_id: h.id, handed_on: d.handedOn, area_dm2: d.areaM2, minutes_no: d.minutesNo, early_agreement: d.earlyAgreement, recorded_by_name: actor.username, created_at: new Date().toISOString() });
  await refreshHousehold(trx, h.id);
  await audit(trx, actor, { action: 'household.handover', entityType: 'household', entityId: code, after: d });
  return presentHousehold(trx, (await repo.findHouseholdById(trx, h.id))!);
}

export async function openObstacle(trx: Tx, { actor, code, input, today = todayVn() }: { actor: Actor; code: string; input: unknown; today?: string }) {
  const h = await householdForWrite(trx, actor, code);
  const d = parseInput(ZObstacle, input, obstacleLabels);
  if (d.openedOn > today) throw fieldError('openedOn', `${obstacleLabels.openedOn}: không được sau hôm nay`);
  if (h.handed_on) throw conflict('Hộ này đã bàn giao mặt bằng.');
  await repo.insertObstacle(trx, { household_id: h.id, opened_on: d.openedOn, description: d.description, resolved_on: null, resolution: null, created_at: new Date().toISOString() });
  await refreshHousehold(trx, h.id);
  await audit(trx, actor, { action: 'household.obstacle', entityType: 'household', entityId: code, after: d });
  return presentHousehold(trx, (await repo.findHouseholdById(trx, h.id))!);
}

export async function resolveObstacle(trx: Tx, { actor, code, obstacleId, input, today = todayVn() }: { actor: Actor; code: string; obstacleId: number; input: unknown; today?: string }) {
  const h = await householdForWrite(trx, actor, code);
  const o = await repo.findObstacle(trx, obstacleId);
  if (!o || o.household_id !== h.id) throw notFound('Không tìm thấy vướng mắc này.');
  if (o.resolved_on) throw conflict('Vướng mắc này đã được giải quyết.');
  const d = parseInput(ZObstacleResolve, input, obstacleLabels);
  if (d.resolvedOn < o.opened_on) throw fieldError('resolvedOn', `${obstacleLabels.resolvedOn}: không được trước ngày phát sinh`);
  if (d.resolvedOn > today) throw fieldError('resolvedOn', `${obstacleLabels.resolvedOn}: không được sau hôm nay`);
  await repo.updateObstacleRow(trx, o.id, { resolved_on: d.resolvedOn, resolution: d.resolution });
  await refreshHousehold(trx, h.id);
  await audit(trx, actor, { action: 'household.obstacleResolved', entityType: 'household', entityId: code, before: { description: o.description }, after: d });
  return presentHousehold(trx, (await repo.findHouseholdById(trx, h.id))!);
}

/** One page of a project's households (personal data). */
export async function listHouseholds(db: Db, actor: Actor, projectCode: string, q: { page?: number | undefined; state?: string | undefined } = {}) {
  const p = await requireProject(db, projectCode);
  authorizeProjectRead(actor, p, 'clearance.personal');
  const pageSize = 100;
  const page = Math.min(Math.max(1, q.page ?? 1), 100_000);
  const { rows, total, approvedTotal, paidTotal } = await repo.listHouseholdsPage(db, p.id, { limit: pageSize, offset: (page - 1) * pageSize }, q.state);
  const parcels = await repo.parcelsOf(db, rows.map((r) => r.id));
  const today = todayVn();
  return {
    items: rows.map((h) => {
      const state = householdState(h, today);
      return {
        code: h.code,
        kind: h.kind,
        name: h.name,
        address: h.address,
        parcels: parcels.filter((x) => x.household_id === h.id).map(presentParcel),
        state,
        stateLabel: HOUSEHOLD_STATES[state],
        approvedAmount: h.approved_total === null ? null : Number(h.approved_total),
        paidAmount: Number(h.paid_total),
        handedOn: h.handed_on,
        openObstacles: h.open_obstacles,
      };
    }),
    total,
    /** over every page of the list: the amounts approved and paid (whole đồng) */
    totals: { approvedAmount: approvedTotal, paidAmount: paidTotal },
    page,
    pageSize,
  };
}

/** Household × step: the date each step was done for each household, from the records. */
export async function householdPivot(db: Db, actor: Actor, projectCode: string) {
  const p = await requireProject(db, projectCode);
  authorizeProjectRead(actor, p, 'clearance.personal');
  const [households, kinds] = await Promise.all([repo.householdsOfProject(db, p.id), repo.listStepKinds(db, true)]);
  const ids = households.map((h) => h.id);
  const steps = await repo.householdStepsOf(db, ids);
  const dialogued = new Map<number, string>();
  const dialogues = await repo.dialoguesOfProject(db, p.id);
  const heldOn = new Map(dialogues.map((dl) => [dl.id, dl.held_on]));
  for (const dh of await repo.dialogueHouseholds(db, dialogues.map((dl) => dl.id))) {
    const on = heldOn.get(dh.dialogue_id)!;
    if (!dialogued.has(dh.id) || dialogued.get(dh.id)! > on) dialogued.set(dh.id, on);
  }
  const derived = (h: repo.HouseholdWithProject, code: string): string | null => {
    if (code === 'phe-duyet' || code === 'quyet-dinh-thu-hoi') return h.approved_on;
    if (code === 'chi-tra') return h.paid_full_on;
    if (code === 'ban-giao') return h.handed_on;
    if (code === 'doi-thoai') return dialogued.get(h.id) ?? null;
    return null;
  };
  const today = todayVn();
  return {
    steps: kinds.map((k) => ({ code: k.code, name: k.name })),
    rows: households.map((h) => ({
      code: h.code,
      name: h.name,
      state: HOUSEHOLD_STATES[householdState(h, today)],
      cells: kinds.map((k) => steps.find((s) => s.household_id === h.id && s.code === k.code)?.done_on ?? derived(h, k.code)),
    })),
  };
}

interface HouseholdFacts {
  approvedAmount?: number | null | undefined;
  approvedOn?: string | null | undefined;
  effectiveOn?: string | null | undefined;
  decisionNumber?: string | null | undefined;
  payments?: { amount: number; paidOn: string; method?: string | null | undefined; receiptNo?: string | null | undefined }[] | undefined;
  handedOverOn?: string | null | undefined;
  handoverAreaM2?: number | null | undefined;
  earlyAgreement?: string | null | undefined;
}

/**
 * Records a household's plan, payments and handover as they were (a bundle of past work). The
 * rules of the facts hold (paid ≤ approved, payments after approval, handover after approval
 * unless agreed, no handover over an open obstacle); the maker-checker rule belongs to live work,
 * so the importer must hold both the manage and the approve roles. Re-importing the same facts
 * changes nothing; different facts for what is already recorded are refused.
 */
export async function importHouseholdFacts(trx: Tx, { actor, code, facts, today = todayVn() }: { actor: Actor; code: string; facts: HouseholdFacts; today?: string }): Promise<void> {
  const h = await householdForWrite(trx, actor, code);
  authorize(actor, 'clearance.approve', { unitPath: h.unit_path, entityType: 'household', entityId: code });
  for (const [field, day] of [['approvedOn', facts.approvedOn], ['handedOverOn', facts.handedOverOn], ...(facts.payments ?? []).map((p) => ['paidOn', p.paidOn] as const)] as const) {
    if (day && day > today) throw fieldError(field, `${field === 'approvedOn' ? 'Ngày phê duyệt' : field === 'paidOn' ? 'Ngày chi trả' : 'Ngày bàn giao'}: không được sau hôm nay`);
  }
  const plans = await repo.plansOf(trx, h.id);
  let plan = currentApproved(plans);
  if (facts.approvedAmount !== null && facts.approvedAmount !== undefined) {
    if (!facts.approvedOn) throw fieldError('approvedOn', 'Ngày phê duyệt phương án: bắt buộc nhập khi có số tiền phê duyệt');
    const same = plan && Number(plan.total) === facts.approvedAmount && plan.approved_on === facts.approvedOn;
    // an approved plan is frozen, and a draft waits for its own approval: facts never replace them
    if (!same && (plan || plans.some((p) => p.status === 'provisional'))) {
      throw conflict(`Hộ "${code}" đã có phương án ${plan ? `được phê duyệt (${formatMoney(Number(plan.total))}, ngày ${formatDate(plan.approved_on)})` : 'dự thảo'}; dữ liệu nhập khác — hãy điều chỉnh trong trang của hộ.`, 'approvedAmount');
    }
    if (!same) {
      const id = await repo.insertPlan(trx, {
        household_id: h.id,
        version: (plans.at(-1)?.version ?? 0) + 1,
        status: 'approved',
        land: null,
        assets: null,
        support: null,
        resettlement: null,
        total: facts.approvedAmount,
        decision_number: facts.decisionNumber ?? null,
        approved_on: facts.approvedOn,
        effective_on: facts.effectiveOn ?? facts.approvedOn,
        created_by: userId(actor),
        created_by_name: actor.username,
        approved_by: userId(actor),
        approved_by_name: actor.username,
        created_at: new Date().toISOString(),
      });
      plan = (await repo.findPlan(trx, id))!;
    }
  }
  const wanted = facts.payments ?? [];
  if (wanted.length) {
    if (!plan) throw fieldError('paidAmount', 'Số tiền đã chi trả: hộ chưa có phương án được phê duyệt');
    const sum = wanted.reduce((s, p) => s + p.amount, 0);
    if (sum > Number(plan.total)) throw fieldError('paidAmount', `Số tiền đã chi trả (${formatMoney(sum)}) vượt số tiền phương án được phê duyệt (${formatMoney(Number(plan.total))})`);
    for (const p of wanted) if (p.paidOn < (plan.approved_on ?? '')) throw fieldError('paidOn', `Ngày chi trả: không được trước ngày phê duyệt phương án (${formatDate(plan.approved_on)})`);
    const existing = await repo.paymentsOf(trx, h.id);
    const key = (xs: { amount: number; paidOn: string }[]) => xs.map((x) => `${x.paidOn}:${x.amount}`).sort().join('|');
    if (!existing.length) {
      for (const p of wanted) {
        await repo.insertPayment(trx, { household_id: h.id, project_id: h.project_id, plan_id: plan.id, amount: p.amount, paid_on: p.paidOn, method: (p.method as keyof typeof PAYMENT_METHODS | null | undefined) ?? 'transfer', receipt_no: p.receiptNo ?? null, status: 'confirmed', recorded_by: userId(actor), recorded_by_name: actor.username, confirmed_by: userId(actor), confirmed_by_name: actor.username, confirmed_at: new Date().toISOString(), created_at: new Date().toISOString() });
      }
    } else if (key(existing.map((e) => ({ amount: Number(e.amount), paidOn: e.paid_on }))) !== key(wanted)) {
      throw conflict(`Hộ "${code}" đã có các khoản chi trả khác với dữ liệu nhập; hãy điều chỉnh trong trang của hộ.`, 'paidAmount');
    }
  }
  if (facts.handedOverOn) {
    const existing = await repo.handoverOf(trx, h.id);
    if (existing && existing.handed_on !== facts.handedOverOn) throw conflict(`Hộ "${code}" đã bàn giao ngày ${formatDate(existing.handed_on)}, khác với dữ liệu nhập.`, 'handedOverOn');
    if (!existing) {
      if ((!plan || facts.handedOverOn < (plan.approved_on ?? '')) && !facts.earlyAgreement) {
        throw fieldError('handedOverOn', 'Ngày bàn giao: trước khi phương án được phê duyệt — cần ghi thỏa thuận bàn giao trước (earlyAgreement)');
      }
      if ((await repo.obstaclesOf(trx, h.id)).some((o) => !o.resolved_on || o.resolved_on > facts.handedOverOn!)) throw fieldError('handedOverOn', 'Ngày bàn giao: hộ còn vướng mắc chưa giải quyết vào ngày đó');
      await repo.insertHandover(trx, { household_id: h.id, handed_on: facts.handedOverOn, area_dm2: facts.handoverAreaM2 ?? null, minutes_no: null, early_agreement: facts.earlyAgreement ?? null, recorded_by_name: actor.username, created_at: new Date().toISOString() });
    }
  }
  await refreshHousehold(trx, h.id);
  await audit(trx, actor, { action: 'household.import', entityType: 'household', entityId: code, after: facts });
}

/**
 * A project's households as picker options ("H001 — Nguyễn Văn A"), for whoever may see their
 * names (`clearance.personal` on the project's unit); none for others, who type the code instead.
 */
export async function householdChoices(db: Db, actor: Actor, projectCode: string): Promise<{ value: string; label: string }[]> {
  const p = await requireProject(db, projectCode);
  if (!can(actor, 'clearance.personal', { unitPath: p.unit_path })) return [];
  return (await repo.householdsOfProject(db, p.id)).map((h) => ({ value: h.code, label: `${h.code} — ${h.name}` }));
}
