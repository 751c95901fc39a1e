/**
 * The daily digest (bản tin hằng ngày) of one user for one day: what waits on them (by kind, with
 * exact totals), how much of it is late, what falls due that day, and what happened in their unit
 * the day before. The printable page and the morning e-mail both come from this one account, so
 * they say the same; the e-mail adds the notices not yet read. A composer: it reads the domains'
 * services only. Land-clearance work is counted by kind: a household's record stays in Khéo.
 */
import type { Db } from '../../db/index.js';
import { formatDate, formatNumber } from '../../lib/vi.js';
import { can, type UserActor } from '../../policy/policy.js';
import { dayEvents } from '../supervision/supervision.service.js';
import { addDays } from '../calendar/calendar.service.js';
import { groupsOf, workOf } from './work.service.js';

const enc = encodeURIComponent;

export interface DailyDigest {
  day: string;
  /** the day before `day`, whose events in the unit are told */
  before: string;
  count: number;
  overdue: number;
  waiting: { label: string; total: number }[];
  dueToday: { href: string; text: string }[];
  /** what happened in the unit on `before`: each line is `lead` + `title` (linked to `href`) + `tail`; null when the user may not read meetings */
  events: { lead: string; title: string; href: string | null; tail: string }[] | null;
}

/** The digest of `actor` for `day`; `w` is their "Việc của tôi" when the caller already has it. */
export async function dailyDigest(db: Db, actor: UserActor, day: string, w?: Awaited<ReturnType<typeof workOf>>): Promise<DailyDigest> {
  const before = addDays(day, -1);
  const [work, e] = await Promise.all([w ?? workOf(db, actor), can(actor, 'meeting.read') ? dayEvents(db, actor, before) : null]);
  const dueToday = [
    ...work.conclusions.filter((k) => k.dueOn === day).map((k) => ({ href: `/quan-tri/hoi-nghi/${k.meeting.id}`, text: `Kết luận: ${k.content} (${k.ownerName})` })),
    ...work.reports.toSubmit.filter((r) => r.due === day).map((r) => ({ href: `/quan-tri/bao-cao/${enc(r.form)}/${enc(r.unit)}/${enc(r.period)}`, text: `Báo cáo: ${r.formName} — ${r.periodLabel}` })),
  ];
  // late work: each kind's exact count of late items (the lists stop at 100; the land-clearance totals do not)
  const overdue =
    work.items.filter((i) => i.overdue && i.kind !== 'clearance.due' && i.kind !== 'clearance.complaint').length +
    (work.clearance ? work.clearance.totals.overdueSteps + work.clearance.totals.overdueComplaints : 0);
  const events = e
    ? [
        ...e.raised.map((i) => ({ lead: `Vấn đề mới ở ${i.unitName}: `, title: i.title, href: `/quan-tri/van-de/${i.id}`, tail: ` (chuyển ${i.deciderName})` })),
        ...e.resolved.map((i) => ({ lead: `Đã giải quyết vấn đề của ${i.unitName}: `, title: i.title, href: `/quan-tri/van-de/${i.id}`, tail: '' })),
        ...e.conclusionsDone.map((k) => ({ lead: `${k.ownerName} hoàn thành kết luận: `, title: k.content, href: `/quan-tri/hoi-nghi/${k.meeting.id}`, tail: '' })),
        ...e.visits.map((v) => ({ lead: `Đồng chí ${v.leader} kiểm tra ${v.unitName}: `, title: v.findings, href: null, tail: '' })),
      ]
    : null;
  return { day, before, count: work.count, overdue, waiting: groupsOf(work).map((g) => ({ label: g.label, total: g.total })), dueToday, events };
}

/** The digest as the lines of a plain-text e-mail (the e-mail links to the page, where each line is a link). */
export function digestLines(d: DailyDigest): string[] {
  const lines = [d.count ? `ĐANG CHỜ ĐỒNG CHÍ: ${formatNumber(d.count)} việc${d.overdue ? `, ${formatNumber(d.overdue)} đã quá hạn` : ''}` : 'Không có việc nào đang chờ đồng chí.'];
  for (const g of d.waiting) lines.push(`- ${g.label}: ${formatNumber(g.total)}`);
  lines.push('', `ĐẾN HẠN NGÀY ${formatDate(d.day)}`);
  if (!d.dueToday.length) lines.push('Không có việc nào đến hạn.');
  for (const x of d.dueToday) lines.push(`- ${x.text}`);
  if (d.events) {
    lines.push('', `NGÀY ${formatDate(d.before)} TRONG ĐƠN VỊ`);
    if (!d.events.length) lines.push('Không có hoạt động nào được ghi nhận.');
    for (const x of d.events) lines.push(`- ${x.lead}${x.title}${x.tail}`);
  }
  return lines;
}
