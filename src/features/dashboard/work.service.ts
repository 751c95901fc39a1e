/**
 * "Việc của tôi": what waits on the signed-in user in every module, gathered from each module's
 * own account of what is waiting (models to accept or to correct, reports to send or approve,
 * articles to review, land-clearance approvals and deadlines, conclusions to carry out, issues
 * to decide, models to score, reward decisions to publish), and flattened into one list of
 * items — each with who sent it and since when — that the page, the digest, the first screen
 * and `GET /api/v1/my-work` all show. A composer: it reads the domains' services only.
 */
import type { Db } from '../../db/index.js';
import { formatDate, todayVn } from '../../lib/vi.js';
import { can, type UserActor } from '../../policy/policy.js';
import { appraisalWork } from '../appraisal/appraisal.service.js';
import { emulationWork } from '../emulation/emulation.service.js';
import { myWork as clearanceWork } from '../landClearance/landClearance.stats.js';
import { modelWork } from '../models/models.service.js';
import { listArticlesForAdmin } from '../portal/portal.service.js';
import { myReportWork } from '../reporting/reporting.service.js';
import { issuesToDecide } from '../supervision/supervision.issues.js';
import { openConclusionsOf } from '../supervision/supervision.service.js';

export const WORK_KINDS = {
  'model.decide': 'Mô hình chờ bạn duyệt',
  'model.returned': 'Mô hình bị trả lại, cần sửa và gửi lại',
  'report.submit': 'Báo cáo định kỳ cần nộp',
  'report.approve': 'Báo cáo chờ bạn duyệt',
  'article.review': 'Bài viết chờ bạn duyệt',
  'clearance.step': 'GPMB: bước chờ duyệt',
  'clearance.plan': 'GPMB: phương án chờ phê duyệt',
  'clearance.payment': 'GPMB: khoản chi trả chờ xác nhận',
  'clearance.due': 'GPMB: bước quá hạn, sắp đến hạn',
  'clearance.complaint': 'GPMB: đơn quá hạn, sắp đến hạn giải quyết',
  'conclusion': 'Kết luận hội nghị cần thực hiện',
  'issue': 'Vấn đề phát sinh chờ đơn vị bạn giải quyết',
  'appraisal.score': 'Mô hình chờ chấm điểm',
  'decision.publish': 'Quyết định khen thưởng chờ ban hành',
  'award.decide': 'Tờ trình đề nghị khen thưởng chờ xử lý',
  'award.returned': 'Tờ trình đề nghị khen thưởng bị trả lại, cần sửa và gửi lại',
} as const;
export type WorkKind = keyof typeof WORK_KINDS;

export interface WorkItem {
  kind: WorkKind;
  title: string;
  url: string;
  /** who sent it or asks for it (a person with their unit, or a unit) */
  from: string | null;
  /** since when it has waited (ISO date or date-time) */
  waitingSince: string | null;
  dueOn: string | null;
  overdue: boolean;
}

const enc = encodeURIComponent;

/** Everything waiting on the user, gathered from the modules; `count` is exact (each module's lists stop at 100). */
export async function workOf(db: Db, actor: UserActor) {
  const today = todayVn();
  const soon = todayVn(new Date(Date.now() + 7 * 86_400_000));
  const [reports, clearance, review, allConclusions, issues, models, appraisal, emulation] = await Promise.all([
    myReportWork(db, actor),
    can(actor, 'clearance.read') ? clearanceWork(db, actor) : null,
    can(actor, 'article.publish') ? listArticlesForAdmin(db, actor, { status: 'review' }) : null,
    // conclusions of meetings my unit must carry out, overdue or due within a week
    can(actor, 'meeting.manage') ? openConclusionsOf(db, actor.unitPath, soon) : Promise.resolve([]),
    // issues raised from below that my unit must decide
    issuesToDecide(db, actor),
    modelWork(db, actor),
    appraisalWork(db, actor, today),
    emulationWork(db, actor),
  ]);
  // a conclusion waits on the unit that owns it, not on every unit above it
  const conclusions = allConclusions.filter((k) => k.owner === actor.unitCode);
  const items: WorkItem[] = [];
  const push = (i: WorkItem) => items.push(i);
  for (const m of models.toDecide) push({ kind: 'model.decide', title: m.name.includes(m.unitName) ? m.name : `${m.name} — ${m.unitName}`, url: `/quan-tri/mo-hinh/${enc(m.code)}`, from: m.from, waitingSince: m.since, dueOn: null, overdue: false });
  for (const m of models.returned) push({ kind: 'model.returned', title: `${m.name}${m.reason ? ` — lý do: ${m.reason}` : ''}`, url: `/quan-tri/mo-hinh/${enc(m.code)}`, from: m.from, waitingSince: m.since, dueOn: null, overdue: false });
  for (const r of reports.toSubmit)
    push({ kind: 'report.submit', title: `${r.formName} — ${r.periodLabel} (${r.statusLabel})`, url: `/quan-tri/bao-cao/${enc(r.form)}/${enc(r.unit)}/${enc(r.period)}`, from: null, waitingSince: null, dueOn: r.due, overdue: r.overdue });
  for (const r of reports.toApprove)
    push({ kind: 'report.approve', title: `${r.unitName} — ${r.formName}, ${r.periodLabel}`, url: `/quan-tri/bao-cao/${enc(r.form)}/${enc(r.unit)}/${enc(r.period)}`, from: r.unitName, waitingSince: r.submittedAt, dueOn: null, overdue: false });
  for (const a of review?.items ?? []) push({ kind: 'article.review', title: a.title, url: `/quan-tri/bai-viet/${a.id}`, from: a.authorName, waitingSince: a.updatedAt, dueOn: null, overdue: false });
  if (clearance) {
    for (const s of clearance.approveSteps) push({ kind: 'clearance.step', title: `${s.projectName}: bước "${s.stepName}"`, url: `/quan-tri/gpmb/${enc(s.project)}`, from: s.doneBy, waitingSince: s.doneOn, dueOn: null, overdue: false });
    for (const p of clearance.approvePlans) push({ kind: 'clearance.plan', title: `${p.projectName}: phương án hộ ${p.household}`, url: `/quan-tri/gpmb/${enc(p.project)}`, from: p.createdBy, waitingSince: null, dueOn: null, overdue: false });
    for (const p of clearance.confirmPayments) push({ kind: 'clearance.payment', title: `${p.projectName}: khoản chi trả hộ ${p.household}`, url: `/quan-tri/gpmb/${enc(p.project)}`, from: p.recordedBy, waitingSince: p.paidOn, dueOn: null, overdue: false });
    for (const s of clearance.dueSteps) push({ kind: 'clearance.due', title: `${s.projectName}: ${s.stepName}`, url: `/quan-tri/gpmb/${enc(s.project)}`, from: null, waitingSince: null, dueOn: s.dueOn, overdue: s.state === 'overdue' });
    for (const k of clearance.dueComplaints) push({ kind: 'clearance.complaint', title: `${k.projectName}: đơn nhận ${formatDate(k.receivedOn)}`, url: `/quan-tri/gpmb/${enc(k.project)}/don`, from: null, waitingSince: k.receivedOn, dueOn: k.dueOn, overdue: k.overdue });
  }
  for (const k of conclusions) push({ kind: 'conclusion', title: k.content, url: `/quan-tri/hoi-nghi/${k.meeting.id}`, from: k.meeting.title, waitingSince: k.meeting.heldOn, dueOn: k.dueOn, overdue: k.overdue });
  for (const i of issues) push({ kind: 'issue', title: `${i.title} — ${i.unitName}`, url: `/quan-tri/van-de/${i.id}`, from: `${i.raisedBy} (${i.unitName})`, waitingSince: i.raisedOn, dueOn: null, overdue: false });
  for (const r of appraisal.toScore)
    push({ kind: 'appraisal.score', title: `${r.roundName}: còn ${r.left}/${r.of} mô hình chưa chấm`, url: `/quan-tri/tham-dinh/${enc(r.round)}`, from: null, waitingSince: r.opensOn, dueOn: r.closesOn, overdue: r.overdue });
  for (const d of appraisal.toPublish)
    push({ kind: 'decision.publish', title: `Quyết định số ${d.number} (${d.models} mô hình)`, url: `/quan-tri/khen-thuong/${enc(d.number)}`, from: null, waitingSince: d.createdAt, dueOn: null, overdue: false });
  for (const p of emulation.toDecide)
    push({ kind: 'award.decide', title: `Tờ trình số ${p.number} của ${p.from}: ${p.form}, ${p.who} (${p.statusLabel.toLowerCase()})`, url: `/quan-tri/thi-dua/${p.id}`, from: p.from, waitingSince: p.since, dueOn: null, overdue: false });
  for (const p of emulation.returned) push({ kind: 'award.returned', title: `Tờ trình số ${p.number}: ${p.form}${p.reason ? ` — lý do: ${p.reason}` : ''}`, url: `/quan-tri/thi-dua/${p.id}`, from: null, waitingSince: p.since, dueOn: null, overdue: false });
  const count =
    models.totals.toDecide +
    models.totals.returned +
    reports.toSubmit.length +
    reports.toApprove.length +
    (review?.total ?? 0) +
    (clearance ? clearance.totals.approveSteps + clearance.totals.approvePlans + clearance.totals.confirmPayments + clearance.totals.dueSteps + clearance.totals.dueComplaints : 0) +
    conclusions.length +
    issues.length +
    appraisal.toScore.length +
    appraisal.toPublish.length +
    emulation.toDecide.length +
    emulation.returned.length;
  return { items, reports, clearance, review, conclusions, issues, models, appraisal, emulation, count };
}


/** The list `GET /api/v1/my-work` answers: the contract's fields, the exact total. */
export async function myWorkList(db: Db, actor: UserActor): Promise<{ items: { kind: WorkKind; title: string; url: string; from: string | null; waitingSince: string | null; dueOn: string | null; overdue: boolean }[]; total: number }> {
  const w = await workOf(db, actor);
  return { items: w.items, total: w.count };
}

/** The items by kind, in the order of WORK_KINDS, each with its exact total. */
export function groupsOf(w: Awaited<ReturnType<typeof workOf>>): { kind: WorkKind; label: string; items: WorkItem[]; total: number }[] {
  const totals: Partial<Record<WorkKind, number>> = {
    'model.decide': w.models.totals.toDecide,
    'model.returned': w.models.totals.returned,
    'article.review': w.review?.total ?? 0,
    ...(w.clearance
      ? {
          'clearance.step': w.clearance.totals.approveSteps,
          'clearance.plan': w.clearance.totals.approvePlans,
          'clearance.payment': w.clearance.totals.confirmPayments,
          'clearance.due': w.clearance.totals.dueSteps,
          'clearance.complaint': w.clearance.totals.dueComplaints,
        }
      : {}),
  };
  return (Object.keys(WORK_KINDS) as WorkKind[])
    .map((kind) => {
      const items = w.items.filter((i) => i.kind === kind);
      return { kind, label: WORK_KINDS[kind], items, total: totals[kind] ?? items.length };
    })
    .filter((g) => g.total > 0);
}
