/**
 * What the public may know of land clearance: per public project, its steps with dates, its
 * progress and counts, the dialogues held and the "Dân vận khéo" models linked to it. Built
 * field by field from aggregates — never from a household record — so that no name, address,
 * parcel or individual amount can reach a public page, feed or API.
 */
import type { Db } from '../../db/index.js';
import { notFound } from '../../lib/errors.js';
import { collator, fold, todayVn } from '../../lib/vi.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import * as repo from './landClearance.repository.js';
import { STEP_STATE_LABELS } from './landClearance.schedule.js';
import { modelsOfProject, presentSchedule, scheduleOf } from './landClearance.service.js';
import { projectLines, totalsOf, type ProjectLine } from './landClearance.stats.js';
import { PROJECT_CATEGORIES } from './landClearance.table.js';

const REGISTERED = new Set(['registered', 'stopped']);

interface PublicProjectSummary {
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

/** Projects per page of the public list: a phone scrolls through 20 cards, not 100. */
export const PUBLIC_PAGE_SIZE = 20;
/** Longest search text read (longer input is cut: the name of a project is rarely longer). */
const MAX_SEARCH = 100;

interface PublicProjectQuery {
  category?: string | undefined;
  /** the code of the unit (ward) a project belongs to */
  unit?: string | undefined;
  /** words of the project's name, diacritics optional ("duong" finds "đường"), or its code */
  q?: string | undefined;
  page?: number | undefined;
  /** the day the figures are counted through (YYYY-MM-DD, not after today); today when absent or not a date */
  through?: string | undefined;
}

/**
 * The public projects with their progress, behind schedule first: one page of them, the units
 * and categories one can filter by, and the totals of every project that matches (all pages),
 * so the summary line and the figures above the list count exactly what the list holds. Filter
 * values are normalised — an unknown unit or category is ignored, the page is kept within the
 * pages there are — and `cacheKey` names the page from those values only (none when searching:
 * free text is not cached), so a visitor cannot fill the page cache with variants.
 */
export async function publicProjects(db: Db, q: PublicProjectQuery = {}) {
  const today = todayVn();
  const asked = q.through && /^\d{4}-\d{2}-\d{2}$/.test(q.through) && !Number.isNaN(Date.parse(q.through)) && q.through < today ? q.through : undefined;
  const through = asked ?? today;
  const all = await projectLines(db, { through, publicOnly: true });
  const unitsMap = new Map<string, { code: string; name: string; count: number }>();
  for (const l of all) {
    const u = unitsMap.get(l.unit) ?? { code: l.unit, name: l.unitName, count: 0 };
    u.count += 1;
    unitsMap.set(l.unit, u);
  }
  const units = [...unitsMap.values()].sort((a, b) => collator.compare(a.name, b.name));
  const category = q.category && Object.hasOwn(PROJECT_CATEGORIES, q.category) ? q.category : undefined;
  const unit = q.unit && unitsMap.has(q.unit) ? q.unit : undefined;
  const text = (q.q ?? '').trim().slice(0, MAX_SEARCH);
  const folded = fold(text).replace(/\s+/g, ' ').trim();
  const words = folded ? folded.split(' ') : [];
  const matching = all.filter((l) => {
    if (category && l.category !== category) return false;
    if (unit && l.unit !== unit) return false;
    if (!words.length) return true;
    if (l.code.toLowerCase() === text.toLowerCase()) return true;
    const name = fold(l.name);
    return words.every((w) => name.includes(w));
  });
  const pages = Math.max(1, Math.ceil(matching.length / PUBLIC_PAGE_SIZE));
  const page = Math.min(Math.max(1, Math.trunc(q.page ?? 1) || 1), pages);
  const t = totalsOf(matching);
  return {
    items: matching.slice((page - 1) * PUBLIC_PAGE_SIZE, page * PUBLIC_PAGE_SIZE).map(summary),
    page,
    pages,
    pageSize: PUBLIC_PAGE_SIZE,
    filters: { category, unit, unitName: unit ? unitsMap.get(unit)!.name : undefined, q: text || undefined, through: asked },
    /** the day the figures are counted through */
    through,
    units,
    /** every public project, before filtering */
    all: all.length,
    totals: { projects: t.projects, byCategory: t.byCategory, bySchedule: t.bySchedule, householdsAffected: t.householdsAffected, followedProjects: t.followedProjects, followedAffected: t.followedAffected, plansApproved: t.plansApproved, householdsPaid: t.householdsPaid, handedOver: t.handedOver, dialogues: t.dialogues },
    cacheKey: text ? null : `gpmb:${unit ?? ''}:${category ?? ''}:${page}:${asked ?? ''}`,
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
  const byModels = await modelsOfProject(
    db,
    models.filter((m) => REGISTERED.has(m.status)),
    today,
  );
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
    models: byModels.list.map((m) => ({ code: m.code, name: m.name, unitName: m.unitName, exemplary: m.exemplary, householdsPersuaded: m.householdsPersuaded })),
    persuadedByModels: { households: byModels.householdsPersuaded, shared: byModels.shared },
  };
}
