/**
 * What the public may know of land clearance: per public project, its steps with dates, its
 * progress and counts, the dialogues held and the "Dân vận khéo" models linked to it. Built
 * field by field from aggregates — never from a household record — so that no name, address,
 * parcel or individual amount can reach a public page, feed or API.
 */
import type { Db } from '../../db/index.js';
import { notFound } from '../../lib/errors.js';
import { todayVn } from '../../lib/vi.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import * as repo from './landClearance.repository.js';
import { STEP_STATE_LABELS } from './landClearance.schedule.js';
import { presentSchedule, scheduleOf } from './landClearance.service.js';
import { projectLines, totalsOf, type ProjectLine } from './landClearance.stats.js';
import { PROJECT_CATEGORIES } from './landClearance.table.js';

const REGISTERED = new Set(['registered', 'stopped']);

export interface PublicProjectSummary {
  code: string;
  name: string;
  categoryLabel: string;
  unitName: string;
  startedOn: string | null;
  dueOn: string | null;
  schedule: ReturnType<typeof presentSchedule>;
  households: number;
  /** whether households are followed one by one; when not, the counts below are unknown (null), never 0 */
  followed: boolean;
  plansApproved: number | null;
  paid: number | null;
  handedOver: number | null;
  /** handed over / households, in % */
  handedOverPercent: number | null;
}

const summary = (l: ProjectLine): PublicProjectSummary => {
  const households = Math.max(l.households + l.organisations, l.householdsAffected + l.organisationsAffected);
  return {
    code: l.code,
    name: l.name,
    categoryLabel: l.categoryLabel,
    unitName: l.unitName,
    startedOn: l.startedOn,
    dueOn: l.dueOn,
    schedule: l.schedule,
    households,
    followed: l.followed,
    plansApproved: l.followed ? l.plansApproved : null,
    paid: l.followed ? l.paid : null,
    handedOver: l.followed ? l.handedOver : null,
    handedOverPercent: l.followed && households ? Math.round((l.handedOver * 100) / households) : null,
  };
};

/** The public projects with their progress, behind schedule first, and the totals. */
export async function publicProjects(db: Db, q: { category?: string | undefined } = {}) {
  const lines = await projectLines(db, { through: todayVn(), publicOnly: true, category: q.category && q.category in PROJECT_CATEGORIES ? q.category : undefined });
  const t = totalsOf(lines);
  return {
    items: lines.map(summary),
    totals: { projects: t.projects, byCategory: t.byCategory, bySchedule: t.bySchedule, householdsAffected: t.householdsAffected, followedProjects: t.followedProjects, followedAffected: t.followedAffected, plansApproved: t.plansApproved, householdsPaid: t.householdsPaid, handedOver: t.handedOver, dialogues: t.dialogues },
  };
}

/** One public project's page; 404 for one that is not public. */
export async function publicProject(db: Db, code: string) {
  const p = await repo.findProjectByCode(db, code);
  if (!p || p.is_public !== 1) throw notFound('Không tìm thấy dự án này trên cổng thông tin.');
  const today = todayVn();
  // a project announced before it starts is shown too, with nothing done yet
  const through = p.started_on && p.started_on > today ? p.started_on : today;
  const line = (await projectLines(db, { through, publicOnly: true, q: code })).find((l) => l.code === code)!;
  const [kinds, rows, cal, units, documents, models, dialogues] = await Promise.all([
    repo.listStepKinds(db, true),
    repo.stepsOfProject(db, p.id),
    loadCalendar(db),
    repo.projectUnits(db, p.id),
    repo.projectDocuments(db, p.id),
    repo.projectModels(db, p.id),
    repo.dialoguesOfProject(db, p.id),
  ]);
  const schedule = scheduleOf(p, kinds, rows, cal, today);
  return {
    ...summary(line),
    investor: p.investor,
    areaM2: p.area_dm2 === null ? null : Number(p.area_dm2) / 100,
    units: [p.unit_name, ...units.map((u) => u.name)],
    description: p.description,
    steps: schedule.steps
      .filter((s) => s.state !== 'notApplicable' && !(s.optional && s.status === 'pending'))
      .map((s) => ({ name: s.name, state: s.state, stateLabel: STEP_STATE_LABELS[s.state], doneOn: s.state === 'completed' ? s.doneOn : null, dueOn: s.dueOn })),
    dialogues: { count: dialogues.length, participants: dialogues.reduce((n, d) => n + d.participants, 0), last: dialogues[0]?.held_on ?? null },
    documents: documents.filter((d) => Number(d.is_public) === 1).map((d) => ({ id: d.id, number: d.number, date: d.issued_on, title: d.title })),
    models: models.filter((m) => REGISTERED.has(m.status)).map((m) => ({ code: m.code, name: m.name, unitName: m.unit_name, exemplary: m.exemplary === 1 })),
  };
}
export type PublicProject = Awaited<ReturnType<typeof publicProject>>;
