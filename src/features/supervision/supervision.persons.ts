/**
 * Prestigious persons (người có uy tín trong cộng đồng) as members of a team (tổ dân vận…): what
 * the community trusts them for, and the land-clearance projects and households they helped
 * mobilise, with the outcome. Household names are personal data: shown only to those who may see
 * the project's households.
 */
import type { Db, Tx } from '../../db/index.js';
import { badInput, conflict, fieldError, notFound, type FieldIssue } from '../../lib/errors.js';
import { parseInput, z, zDate, zOptText, zText } from '../../lib/validation.js';
import { todayVn } from '../../lib/vi.js';
import { authorize, can, type Actor } from '../../policy/policy.js';
import { audit } from '../audit/audit.service.js';
import { findHouseholdByCode, findProjectByCode, mayReferProject } from '../landClearance/landClearance.service.js';
import { findTeamByCode } from '../teams/teams.service.js';
import * as repo from './supervision.repository.js';

export const ZMobilisation = z.object({
  project: z.string().trim().min(1).max(64),
  household: z.preprocess((v) => (v === '' || v === null ? undefined : v), z.string().trim().max(64).optional()),
  onDate: zDate(),
  outcome: zText(5000),
});

export const ZPerson = z.object({
  team: z.string().trim().min(1).max(64),
  fullName: zText(200),
  role: zOptText(300),
  trustedFor: zText(2000),
  active: z.boolean().default(true),
  mobilisations: z.array(ZMobilisation).max(500).default([]),
});
export type TPerson = z.input<typeof ZPerson>;

const labels = { team: 'Tổ', fullName: 'Họ và tên', role: 'Vai trò trong cộng đồng', trustedFor: 'Được tín nhiệm về', active: 'Đang tham gia', mobilisations: 'Vận động' };
const mobLabels = { project: 'Dự án GPMB', household: 'Hộ dân', onDate: 'Ngày vận động', outcome: 'Kết quả vận động' };

interface PresentedPerson {
  id: number;
  team: string;
  teamName: string;
  unit: string;
  unitName: string;
  fullName: string;
  role: string | null;
  trustedFor: string;
  active: boolean;
  mobilisations: { project: string; projectName: string; household: string | null; householdName: string | null; onDate: string; outcome: string }[];
}

const nameOf = (actor: Actor) => (actor.kind === 'user' ? actor.fullName : actor.username);

async function presentAll(db: Db, actor: Actor, rows: repo.PersonFull[]): Promise<PresentedPerson[]> {
  const mobs = await repo.mobilisationsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    id: r.id,
    team: r.team_code,
    teamName: r.team_name,
    unit: r.unit_code,
    unitName: r.unit_name,
    fullName: r.full_name,
    role: r.role,
    trustedFor: r.trusted_for,
    active: r.active === 1,
    mobilisations: mobs
      .filter((x) => x.person_id === r.id)
      .map((x) => ({
        project: x.project_code,
        projectName: x.project_name,
        household: x.household_code,
        // personal data: the household's name only for those who may see the households of its
        // project (the scope of the record it belongs to, not of the person's team)
        householdName: x.household_name && can(actor, 'clearance.personal', { unitPath: x.project_unit_path }) ? x.household_name : null,
        onDate: x.on_date,
        outcome: x.outcome,
      })),
  }));
}

/**
 * The projects and households a body names, authorised as if they were the URL: a project the
 * caller may not read (`clearance.read` on its unit) and a household whose personal data it may not
 * see (`clearance.personal` on its project's unit) answer exactly as an unknown code does, so a
 * body is no way round the routes' scope (issue #20 item 1).
 */
async function resolveMobilisations(db: Db, actor: Actor, unitPath: string, list: z.output<typeof ZMobilisation>[], single = false) {
  const problems: FieldIssue[] = [];
  // one record (the form, the API) names its fields plainly; a person's list names the entry
  const add = (i: number, field: keyof typeof mobLabels, message: string) =>
    problems.push(single ? { field, message: `${mobLabels[field]}: ${message}` } : { field: `mobilisations[${i}].${field}`, message: `Vận động ${i + 1}: ${message}` });
  const out: { project_id: number; household_id: number | null; on_date: string; outcome: string }[] = [];
  for (const [i, m] of list.entries()) {
    const found = await findProjectByCode(db, m.project);
    const p = found && mayReferProject(actor, found) ? found : undefined;
    if (!p) {
      add(i, 'project', `không tìm thấy dự án "${m.project}"`);
      continue;
    }
    if (!p.unit_path.startsWith(unitPath) && !unitPath.startsWith(p.unit_path)) {
      add(i, 'project', `dự án "${p.name}" không ở địa bàn của tổ`);
      continue;
    }
    let householdId: number | null = null;
    if (m.household) {
      const h = await findHouseholdByCode(db, m.household);
      if (!h || h.project_id !== p.id || !can(actor, 'clearance.personal', { unitPath: p.unit_path })) {
        add(i, 'household', `không có hộ "${m.household}" trong dự án "${p.name}"`);
        continue;
      }
      householdId = h.id;
    }
    if (m.onDate > todayVn()) add(i, 'onDate', 'không được sau hôm nay');
    out.push({ project_id: p.id, household_id: householdId, on_date: m.onDate, outcome: m.outcome });
  }
  if (problems.length) throw badInput(problems);
  return out;
}

/** Adds a prestigious person to a team (or updates the one of the same name in that team, for the bundle). */
export async function savePerson(trx: Tx, { actor, input, upsert = false }: { actor: Actor; input: unknown; upsert?: boolean }): Promise<PresentedPerson> {
  const d = parseInput(ZPerson, input, labels);
  const team = await findTeamByCode(trx, d.team);
  if (!team) throw fieldError('team', `Tổ: không tìm thấy tổ "${d.team}"`);
  authorize(actor, 'team.manage', { unitPath: team.unit_path, entityType: 'person' });
  const existing = await repo.findPersonByKey(trx, team.id, d.fullName);
  if (existing && !upsert) throw conflict(`${team.name} đã có người có uy tín tên "${d.fullName}".`, 'fullName');
  const mobs = await resolveMobilisations(trx, actor, team.unit_path, d.mobilisations);
  let id: number;
  if (existing) {
    id = existing.id;
    await repo.updatePerson(trx, id, { role: d.role, trusted_for: d.trustedFor, active: d.active ? 1 : 0 });
  } else {
    id = await repo.insertPerson(trx, { team_id: team.id, full_name: d.fullName, role: d.role, trusted_for: d.trustedFor, active: d.active ? 1 : 0, created_at: new Date().toISOString() });
  }
  for (const m of mobs) {
    if (await repo.findMobilisation(trx, id, m.project_id, m.household_id, m.on_date)) continue;
    await repo.insertMobilisation(trx, { person_id: id, ...m, created_by_name: nameOf(actor), created_at: new Date().toISOString() });
  }
  const [out] = await presentAll(trx, actor, [(await repo.findPerson(trx, id))!]);
  await audit(trx, actor, { action: existing ? 'person.update' : 'person.create', entityType: 'person', entityId: id, after: { ...out!, mobilisations: out!.mobilisations.length } });
  return out!;
}

/** Records that a person helped mobilise a project (and a household of it). */
export async function recordMobilisation(trx: Tx, { actor, id, input }: { actor: Actor; id: number; input: unknown }): Promise<PresentedPerson> {
  const p = Number.isInteger(id) && id > 0 ? await repo.findPerson(trx, id) : undefined;
  if (!p) throw notFound('Không tìm thấy người có uy tín.');
  authorize(actor, 'team.manage', { unitPath: p.unit_path, entityType: 'person', entityId: id });
  const m = parseInput(ZMobilisation, input, mobLabels);
  const [row] = await resolveMobilisations(trx, actor, p.unit_path, [m], true);
  if (await repo.findMobilisation(trx, id, row!.project_id, row!.household_id, row!.on_date)) throw conflict('Lần vận động này đã được ghi.');
  await repo.insertMobilisation(trx, { person_id: id, ...row!, created_by_name: nameOf(actor), created_at: new Date().toISOString() });
  await audit(trx, actor, { action: 'person.mobilise', entityType: 'person', entityId: id, after: m });
  const [out] = await presentAll(trx, actor, [(await repo.findPerson(trx, id))!]);
  return out!;
}

export async function listPersons(db: Db, actor: Actor): Promise<PresentedPerson[]> {
  authorize(actor, 'team.read');
  return presentAll(db, actor, await repo.listPersons(db, { ...(actor.kind === 'user' ? { path: actor.unitPath } : {}), limit: 1000 }));
}
