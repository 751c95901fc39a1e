/**
 * The leaders' page (a composer): each leader with their units at a glance — supervision's
 * figures (models, conclusions, issues, visits), the land-clearance projects of the unit's subtree
 * and its latest periodic report of each form. Shown on /quan-tri/phan-cong, on a leader's first
 * screen and by GET /api/v1/assignments.
 */
import type { Db } from '../../db/index.js';
import { can, type Actor } from '../../policy/policy.js';
import { todayVn } from '../../lib/vi.js';
import { projectLines } from '../landClearance/landClearance.stats.js';
import { completeness, listForms } from '../reporting/reporting.service.js';
import { leaderAssignments, type AssignedUnit, type LeaderAssignments } from '../supervision/supervision.service.js';

interface LeaderUnit extends Omit<AssignedUnit, 'path'> {
  projects: number;
  projectsBehind: number;
  /** the unit's latest periodic report of each form it sends: "Báo cáo … tháng 9/2021: Đã nộp (muộn 6 ngày)" */
  reports: { form: string; formName: string; period: string; periodLabel: string; statusLabel: string; daysLate: number | null; missing: boolean }[];
}

export interface LeaderSummary extends Omit<LeaderAssignments, 'units'> {
  units: LeaderUnit[];
}

/** Each leader with their units at a glance — models, land-clearance projects, reports, conclusions, issues — and their latest visits. */
export async function leaders(db: Db, actor: Actor, onlyLeader?: string): Promise<LeaderSummary[]> {
  const assigned = await leaderAssignments(db, actor, onlyLeader);
  if (!assigned.length) return [];
  const today = todayVn();
  // gathered once for every unit on the page
  const projects = can(actor, 'clearance.read') ? await projectLines(db, { through: today }) : [];
  const reports = can(actor, 'report.read') ? await Promise.all((await listForms(db, actor)).map((f) => completeness(db, actor, { form: f.code, today }))) : [];
  return assigned.map((l) => ({
    ...l,
    units: l.units.map(({ path, ...u }) => {
      const mine = projects.filter((p) => p.unitPath.startsWith(path));
      return {
        ...u,
        projects: mine.length,
        projectsBehind: mine.filter((p) => p.schedule.status === 'behind').length,
        reports: reports.flatMap((r) =>
          r.lines
            .filter((x) => x.unit.code === u.code)
            .map((x) => ({ form: r.form.code, formName: r.form.name, period: r.period.key, periodLabel: r.period.label, statusLabel: x.statusLabel, daysLate: x.daysLate, missing: x.daysLate === null })),
        ),
      };
    }),
  }));
}
