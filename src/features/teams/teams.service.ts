/**
 * Community teams under any unit: tổ dân vận, tổ Covid cộng đồng and other kinds, with their
 * member counts; counted by kind and rolled up the hierarchy.
 */
import type { Db, Tx } from '../../db/index.js';
import { conflict, fieldError, notFound } from '../../lib/errors.js';
import { parseInput } from '../../lib/validation.js';
import { authorize, authorizeRead, can, type Actor } from '../../policy/policy.js';
import { compareVi } from '../../lib/vi.js';
import { audit } from '../audit/audit.service.js';
import { findUnitByCode } from '../units/units.service.js';
import * as repo from './teams.repository.js';
import { teamLabels, ZTeam, type PresentedTeam } from './teams.schemas.js';
import { teamKindLabel } from './teams.table.js';

export function presentTeam(r: repo.TeamWithUnit): PresentedTeam {
  return {
    code: r.code,
    unit: r.unit_code,
    unitName: r.unit_name,
    kind: r.kind,
    kindLabel: teamKindLabel(r.kind),
    name: r.name,
    members: r.members,
    establishedOn: r.established_on,
    dissolvedOn: r.dissolved_on,
  };
}

/** The answer for a team code that does not exist — and for a team outside the reader's scope. */
const teamMissing = (code: string) => notFound(`Không tìm thấy tổ, đội "${code}".`);

async function requireTeam(db: Db, code: string): Promise<repo.TeamWithUnit> {
  const t = await repo.findTeamByCode(db, code);
  if (!t) throw teamMissing(code);
  return t;
}

async function resolveUnit(db: Db, code: string) {
  const unit = await findUnitByCode(db, code);
  if (!unit) throw fieldError('unit', `Đơn vị: không tìm thấy đơn vị "${code}"`);
  return unit;
}

function checkDates(from: string | null | undefined, to: string | null | undefined) {
  if (from && to && to <= from) throw fieldError('dissolvedOn', 'Ngày giải thể: phải sau ngày thành lập');
}

/** Creates a team under a unit of the actor's scope; a code is made when none is given. */
export async function createTeam(trx: Tx, { actor, input }: { actor: Actor; input: unknown }): Promise<PresentedTeam> {
  const d = parseInput(ZTeam, input, teamLabels);
  const unit = await resolveUnit(trx, d.unit);
  authorize(actor, 'team.manage', { unitPath: unit.path, entityType: 'team', entityId: d.code ?? undefined });
  checkDates(d.establishedOn, d.dissolvedOn);
  let code = d.code;
  if (code && (await repo.findTeamByCode(trx, code))) throw conflict(`Mã tổ, đội "${code}" đã tồn tại.`, 'code');
  if (!code) {
    let n = (await repo.countTeamsOfUnit(trx, unit.id)) + 1;
    while (await repo.findTeamByCode(trx, `${unit.code}-T${n}`)) n++;
    code = `${unit.code}-T${n}`;
  }
  const t = new Date().toISOString();
  await repo.insertTeam(trx, {
    code,
    unit_id: unit.id,
    kind: d.kind,
    name: d.name,
    members: d.members,
    established_on: d.establishedOn ?? null,
    dissolved_on: d.dissolvedOn ?? null,
    created_at: t,
    updated_at: t,
  });
  const out = presentTeam(await requireTeam(trx, code));
  await audit(trx, actor, { action: 'team.create', entityType: 'team', entityId: code, after: out });
  return out;
}

/** Edits a team (its unit may change within the actor's scope). */
export async function updateTeam(trx: Tx, { actor, code, input }: { actor: Actor; code: string; input: unknown }): Promise<PresentedTeam> {
  const row = await requireTeam(trx, code);
  authorize(actor, 'team.manage', { unitPath: row.unit_path, entityType: 'team', entityId: code });
  const d = parseInput(ZTeam, { ...(input as object), code }, teamLabels);
  const unit = await resolveUnit(trx, d.unit);
  authorize(actor, 'team.manage', { unitPath: unit.path, entityType: 'team', entityId: code });
  checkDates(d.establishedOn, d.dissolvedOn);
  const before = presentTeam(row);
  await repo.updateTeamRow(trx, row.id, {
    unit_id: unit.id,
    kind: d.kind,
    name: d.name,
    members: d.members,
    established_on: d.establishedOn ?? null,
    dissolved_on: d.dissolvedOn ?? null,
    updated_at: new Date().toISOString(),
  });
  const after = presentTeam(await requireTeam(trx, code));
  await audit(trx, actor, { action: 'team.update', entityType: 'team', entityId: code, before, after });
  return after;
}

export async function getTeam(db: Db, actor: Actor, code: string): Promise<PresentedTeam> {
  const row = await requireTeam(db, code);
  authorizeRead(actor, 'team.read', { unitPath: row.unit_path, entityType: 'team', entityId: code }, () => teamMissing(code));
  return presentTeam(row);
}

/** Teams in a unit's subtree (the actor's own by default). */
export async function listTeams(
  db: Db,
  actor: Actor,
  q: { unit?: string | undefined; kind?: string | undefined; page?: number | undefined },
): Promise<{ items: PresentedTeam[]; total: number; page: number; pageSize: number }> {
  const unit = q.unit ? await resolveUnit(db, q.unit) : undefined;
  const unitPath = unit?.path ?? (actor.kind === 'user' ? actor.unitPath : undefined);
  authorize(actor, 'team.read', unitPath ? { unitPath } : {});
  const pageSize = 100;
  const page = Math.min(Math.max(1, q.page ?? 1), 100_000);
  const { rows, total } = await repo.listTeams(db, { unitPath, kind: q.kind || undefined }, { limit: pageSize, offset: (page - 1) * pageSize });
  return { items: rows.map(presentTeam), total, page, pageSize };
}

/** Teams and members by kind in a unit's subtree (the actor's own by default), rolled up. */
export async function summariseTeams(db: Db, actor: Actor, q: { unit?: string | undefined }): Promise<{ kind: string; label: string; teams: number; members: number }[]> {
  const unit = q.unit ? await resolveUnit(db, q.unit) : undefined;
  const unitPath = unit?.path ?? (actor.kind === 'user' ? actor.unitPath : undefined);
  authorize(actor, 'team.read', unitPath ? { unitPath } : {});
  const rows = await repo.countTeamsByKind(db, { unitPath });
  return rows.map((r) => ({ ...r, label: teamKindLabel(r.kind) }));
}

/**
 * The active teams of the actor's subtree as picker options, labelled with their unit and its parent
 * ("Tổ dân vận TDP số 1 — Tổ dân phố số 1, Phường Bồ Đề"), by ward then name; only teams of `kind`
 * when the subtree has any.
 */
export async function teamChoices(db: Db, actor: Actor, kind?: string): Promise<{ value: string; label: string }[]> {
  if (!can(actor, 'team.read')) return [];
  const all = (await repo.teamChoices(db, actor.kind === 'user' ? actor.unitPath : undefined)).filter((r) => !r.dissolved_on);
  const rows = kind && all.some((r) => r.kind === kind) ? all.filter((r) => r.kind === kind) : all;
  const where = (r: (typeof rows)[number]) => (r.parent_name ? `${r.unit_name}, ${r.parent_name}` : r.unit_name);
  return rows
    .sort((a, b) => compareVi(a.parent_name ?? '', b.parent_name ?? '') || a.name.localeCompare(b.name, 'vi', { numeric: true }) || compareVi(a.unit_name, b.unit_name))
    .map((r) => ({ value: r.code, label: `${r.name} — ${where(r)}` }));
}

/*
 * The slice's public surface for other slices: these readers and writers of its tables, and the
 * kinds and labels of its table module. Other slices import them from here, never from
 * the repository or the table module (.dependency-cruiser.cjs).
 */
export { countTeamsByKind, countTeamsByUnit, findTeamByCode } from './teams.repository.js';
export { TEAM_KINDS, teamKindLabel } from './teams.table.js';
