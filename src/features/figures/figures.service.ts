/**
 * The figures of a campaign "through" a date (DESIGN §5): what the narrative report states, the
 * dashboard and the campaign's page show, the stats API answers and the portal publishes. A
 * composer: it reads models, teams, appraisal, land clearance, documents and units. Models count by their registration date, teams by establishment date;
 * records without a date count always. One function serves the public API, the dashboard and
 * (later) the report, so they cannot disagree.
 */
import type { Db } from '../../db/index.js';
import type { Actor } from '../../policy/policy.js';
import { decisionsThrough, phaseRewardsThrough, rewardedByField } from '../appraisal/appraisal.service.js';
import { documentsIssued } from '../documents/documents.service.js';
import { assessedAndWorks, countModelsBy, RECOGNITION_LEVELS, modelRows as listModels, presentModel, recognisedByLevel, resourcesThrough, resourcesByModel, addResources, type ModelResources, type RecognitionLevel, type Resources } from '../models/models.service.js';
import { campaignClearance, type ClearanceTotals } from '../landClearance/landClearance.stats.js';
import { countTeamsByKind, countTeamsByUnit, TEAM_KINDS, teamKindLabel } from '../teams/teams.service.js';
import { listUnits, sectorAt, unitSectors, UNIT_KIND_LABELS, UNIT_SECTORS, type UnitKind, type UnitSector } from '../units/units.service.js';
import { fieldsOf, findPreviousCampaign, publicThrough, readPhase, requireCampaign } from '../campaigns/campaigns.service.js';
import type { PresentedPhase } from '../campaigns/campaigns.schemas.js';

const REGISTERED = ['registered', 'stopped'];

export interface CampaignStats {
  /** publishMoney: whether the portal shows the money the models mobilised (officers always see it) */
  campaign: { code: string; year: number; theme: string; unit: string; unitName: string; plan: { number: string; date: string; title: string } | null; publishMoney: boolean };
  through: string;
  units: { kind: string; label: string; count: number }[];
  models: {
    total: number;
    collective: number;
    individual: number;
    byField: { code: string; name: string; count: number }[];
    /** by the sector of the model's unit (its own or inherited); sector null: no sector set above it (unknown) */
    bySector: { sector: UnitSector | null; count: number }[];
    /** how many of them were recognised at each level through the date (a model once per level) */
    byRecognitionLevel: { level: RecognitionLevel; count: number }[];
    /** by their latest assessment through the date: carried out effectively (triển khai hiệu quả), or not; the rest are not assessed (unknown) */
    assessed: { effective: number; notEffective: number };
    /** how many were named a công trình "Dân vận khéo" (signboard decision) through the date */
    works: number;
  };
  /** what the counted models mobilised through the date; null: no result recorded the figure */
  resources: Resources;
  /**
   * the same, broken down: by the models' field, holder (tập thể, cá nhân), unit (the campaign unit's
   * direct children, each with its subtree rolled up, and the campaign unit's own models), sector
   * (khối) of the model's unit, and the highest level at which the model was recognised through the
   * date (null: not recognised). Each list adds up to `resources`; unit, sector and level list only
   * what has some result.
   */
  resourcesBy: {
    field: { code: string; name: string; resources: Resources }[];
    holder: { holder: 'collective' | 'individual'; resources: Resources }[];
    unit: { code: string; name: string; resources: Resources }[];
    sector: { sector: UnitSector | null; resources: Resources }[];
    level: { level: RecognitionLevel | null; resources: Resources }[];
  };
  teams: {
    total: { teams: number; members: number };
    byKind: { kind: string; label: string; teams: number; members: number }[];
  };
  rewards: {
    total: number;
    byField: { code: string; name: string; count: number }[];
    /** by the sector of the rewarded model's unit, as models.bySector */
    bySector: { sector: UnitSector | null; count: number }[];
    decisions: { number: string; date: string; issuer: string; form: string; models: number }[];
  };
  /** land clearance projects in the campaign unit's subtree under way in its year */
  clearance: ClearanceTotals;
  /** documents of the campaign unit's subtree issued from the start of the year through the date, the plan excepted */
  documents: { number: string; kind: string; issuer: string; date: string; title: string }[];
  /** the exemplary models registered through the date, in the order they were registered in the book */
  exemplary: { code: string; name: string; by: string; field: string; holder: string }[];
}

export interface CampaignDashboard extends CampaignStats {
  /** the campaign unit's direct children (wards, organisations), each with its subtree rolled up */
  byUnit: { code: string; name: string; kind: string; models: number; collective: number; individual: number; teams: number; members: number }[];
  byMonth: { month: string; count: number }[];
  /** the previous year's campaign of the same unit through the same day last year: its models (the page), or all its figures (the API) */
  previous: PreviousFigures | null;
}

interface PreviousFigures {
  campaign: { code: string; year: number };
  through: string;
  models: CampaignStats['models'];
}

/** Counts by unit path, added up by the sector of each unit (its own or inherited; null: none set above it), in the sectors' order. */
function bySector(rows: readonly { key: string; n: number }[], sectors: ReadonlyMap<string, string>): { sector: UnitSector | null; count: number }[] {
  const count = new Map<UnitSector | null, number>();
  for (const r of rows) {
    const s = sectorAt(sectors, r.key) as UnitSector | null;
    count.set(s, (count.get(s) ?? 0) + r.n);
  }
  return [...UNIT_SECTORS, null].filter((k) => count.has(k)).map((sector) => ({ sector, count: count.get(sector)! }));
}

/** Registered models of a campaign through a date, by holder and by field. */
async function modelFigures(db: Db, campaignId: number, through: string): Promise<CampaignStats['models']> {
  const filter = { campaignId, statuses: REGISTERED, to: through };
  const [rows, fields, byUnit, sectors, byRecognitionLevel, judged] = await Promise.all([countModelsBy(db, filter, 'field'), fieldsOf(db, campaignId), countModelsBy(db, filter, 'unit'), unitSectors(db), recognisedByLevel(db, filter, through), assessedAndWorks(db, filter, through)]);
  const holder = (h: string) => rows.reduce((n, r) => (r.holder === h ? n + r.n : n), 0);
  const fieldCount = new Map<string, number>();
  for (const r of rows) fieldCount.set(r.key, (fieldCount.get(r.key) ?? 0) + r.n);
  return {
    total: holder('collective') + holder('individual'),
    collective: holder('collective'),
    individual: holder('individual'),
    byField: fields.map((f) => ({ code: f.code, name: f.name, count: fieldCount.get(f.code) ?? 0 })),
    bySector: bySector(byUnit, sectors),
    byRecognitionLevel,
    assessed: { effective: judged.effective, notEffective: judged.notEffective },
    works: judged.works,
  };
}

/**
 * Figures are scoped like the records they count (issue #20 item 6): the land clearance a signed-in
 * caller sees in a campaign's figures is that of the projects it may read — those of the campaign's
 * subtree that lie in its own (a ward viewer of the district's campaign: its ward's projects, and so
 * none of the district's money). Callers at or above the campaign's unit see the whole campaign.
 */
function clearancePathFor(viewer: Actor | undefined, campaignPath: string): string {
  if (!viewer || viewer.kind === 'system') return campaignPath;
  return viewer.unitPath.startsWith(campaignPath) ? viewer.unitPath : campaignPath;
}

/** What the models of a unit's subtree mobilised in a campaign through a date: the campaign's resources, counted the same way, for one unit. */
export async function unitResources(db: Db, code: string, unitPath: string, through: string): Promise<Resources> {
  const c = await requireCampaign(db, code);
  return resourcesThrough(db, { campaignId: c.id, statuses: REGISTERED, to: through, unitPath }, through);
}

/** The models' resources by field, holder, unit (rolled up to the campaign unit's direct children), sector and recognition level. */
function breakDown(
  rows: readonly ModelResources[],
  ctx: { fields: readonly { code: string; name: string }[]; units: readonly { id: number; parent_id: number | null; path: string; code: string; name: string }[]; sectors: ReadonlyMap<string, string>; campaign: { unit_id: number; unit_path: string; unit_code: string; unit_name: string } },
): CampaignStats['resourcesBy'] {
  const c = ctx.campaign;
  const childOf = (path: string) => {
    const end = path.indexOf('/', c.unit_path.length);
    return end < 0 ? path : path.slice(0, end + 1);
  };
  const group = <K>(key: (r: ModelResources) => K) => {
    const out = new Map<K, ModelResources[]>();
    for (const r of rows) {
      const k = key(r);
      const list = out.get(k);
      if (list) list.push(r);
      else out.set(k, [r]);
    }
    return out;
  };
  const byUnit = group((r) => childOf(r.path));
  const bySector = group((r) => sectorAt(ctx.sectors, r.path) as UnitSector | null);
  const byLevel = group((r) => r.level);
  const byField = group((r) => r.field);
  const byHolder = group((r) => r.holder);
  const own = byUnit.get(c.unit_path);
  const children = ctx.units.filter((u) => u.parent_id === c.unit_id && byUnit.has(u.path));
  return {
    field: ctx.fields.map((f) => ({ code: f.code, name: f.name, resources: addResources(byField.get(f.code) ?? []) })),
    holder: (['collective', 'individual'] as const).map((holder) => ({ holder, resources: addResources(byHolder.get(holder) ?? []) })),
    unit: [...(own ? [{ code: c.unit_code, name: `${c.unit_name} (trực tiếp)`, resources: addResources(own) }] : []), ...children.map((u) => ({ code: u.code, name: u.name, resources: addResources(byUnit.get(u.path)!) }))],
    sector: [...UNIT_SECTORS, null].filter((k) => bySector.has(k)).map((sector) => ({ sector, resources: addResources(bySector.get(sector)!) })),
    level: [...[...RECOGNITION_LEVELS].reverse(), null].filter((k) => byLevel.has(k)).map((level) => ({ level, resources: addResources(byLevel.get(level)!) })),
  };
}

/** Public: the campaign's figures through a date. */
/**
 * `publicOnly`: what anyone may see (the public API, the portal) — land clearance counts only the
 * projects shown on the portal. Officers' pages and the report count every project.
 */
export async function campaignStats(db: Db, code: string, through: string, opts: { publicOnly?: boolean; viewer?: Actor } = {}): Promise<CampaignStats> {
  const c = await requireCampaign(db, code);
  const filter = { campaignId: c.id, statuses: REGISTERED, to: through };
  const [rewardRows, rewardUnits, decisions, sectors] = await Promise.all([rewardedByField(db, c.id, through), rewardedByField(db, c.id, through, 'unit'), decisionsThrough(db, c.id, through), unitSectors(db)]);
  const rewardCount = new Map(rewardRows.map((r) => [r.code, r.n]));
  const [models, fields, teamRows, units, clearance, documents, exemplary, resourceRows] = await Promise.all([
    modelFigures(db, c.id, through),
    fieldsOf(db, c.id),
    countTeamsByKind(db, { unitPath: c.unit_path, on: through }),
    listUnits(db, { pathPrefix: c.unit_path, includeInactive: true }),
    campaignClearance(db, { ...c, unit_path: clearancePathFor(opts.viewer, c.unit_path) }, through, opts.publicOnly ?? false),
    documentsIssued(db, { unitPath: c.unit_path, from: `${c.year}-01-01`, to: through, publicOnly: opts.publicOnly ?? false, readerPath: opts.viewer?.kind === 'user' ? opts.viewer.unitPath : undefined }),
    listModels(db, { ...filter, exemplary: true }, { limit: 1000, offset: 0 }),
    // what the models counted above mobilised, by their results through the date, in groups of unit, field, holder and level
    resourcesByModel(db, filter, through),
  ]);
  // the whole and every breakdown from the same rows: they add up by construction
  const resourcesBy = breakDown(resourceRows, { fields, units, sectors, campaign: c });
  const resources = addResources(resourceRows);
  const kinds = [...new Set([...Object.keys(TEAM_KINDS), ...teamRows.map((r) => r.kind)])];
  const byKind = kinds
    .map((kind) => {
      const r = teamRows.find((x) => x.kind === kind);
      return { kind, label: teamKindLabel(kind), teams: r?.teams ?? 0, members: r?.members ?? 0 };
    })
    .filter((k) => k.teams > 0 || k.kind in TEAM_KINDS);
  // units that existed on the date: not yet ended (valid_to) and begun (valid_from) by then
  const existing = units.filter((u) => u.id !== c.unit_id && (!u.valid_from || u.valid_from <= through) && (!u.valid_to || u.valid_to >= through) && (!u.deactivated_at || u.valid_to));
  const unitKinds = new Map<string, number>();
  for (const u of existing) unitKinds.set(u.kind, (unitKinds.get(u.kind) ?? 0) + 1);
  return {
    campaign: {
      code: c.code,
      year: c.year,
      theme: c.theme,
      unit: c.unit_code,
      unitName: c.unit_name,
      plan: c.plan_number ? { number: c.plan_number, date: c.plan_date ?? '', title: c.plan_title ?? '' } : null,
      publishMoney: c.publish_money === 1,
    },
    through,
    units: [...unitKinds.entries()].map(([kind, count]) => ({ kind, label: UNIT_KIND_LABELS[kind as UnitKind] ?? kind, count })),
    models,
    resources,
    resourcesBy,
    teams: {
      total: { teams: byKind.reduce((s, k) => s + k.teams, 0), members: byKind.reduce((s, k) => s + k.members, 0) },
      byKind,
    },
    rewards: {
      total: rewardRows.reduce((s, r) => s + r.n, 0),
      byField: fields.map((f) => ({ code: f.code, name: f.name, count: rewardCount.get(f.code) ?? 0 })),
      bySector: bySector(rewardUnits.map((r) => ({ key: r.code, n: r.n })), sectors),
      decisions: decisions.map((d) => ({ number: d.number, date: d.decided_on, issuer: d.issuer, form: d.form, models: Number(d.n) })),
    },
    clearance,
    documents: documents.filter((d) => d.number !== c.plan_number).map((d) => ({ number: d.number, kind: d.kind, issuer: d.issuer, date: d.issued_on, title: d.title })),
    exemplary: exemplary.rows
      .sort((a, b) => a.code.localeCompare(b.code))
      .map((m) => ({ code: m.code, name: m.name, by: presentModel(m).carriedOutBy, field: m.field_code, holder: m.holder })),
  };
}

/** The same year-to-date in the previous year: 30/09/2021 → 30/09/2020. */
export const sameDayLastYear = (d: string) => `${Number(d.slice(0, 4)) - 1}${d.slice(4)}`.replace(/-02-29$/, '-02-28');

/** The dashboard: the stats plus roll-up by unit, registrations per month and last year's campaign. */
/**
 * `previous`: 'models' (the dashboard page: what it shows) or 'all' (the API: last year's whole
 * figures through the same day, as it has always answered — land clearance through a past date
 * included, slower the first time).
 */
export async function campaignDashboard(db: Db, code: string, through: string, opts: { previous?: 'models' | 'all'; viewer?: Actor } = {}): Promise<CampaignDashboard> {
  const c = await requireCampaign(db, code);
  const filter = { campaignId: c.id, statuses: REGISTERED, to: through };
  const lastYear = sameDayLastYear(through);
  // together: on PostgreSQL each query has its own connection
  const [stats, perUnit, perMonth, teamsPerUnit, units, previous] = await Promise.all([
    campaignStats(db, code, through, opts.viewer ? { viewer: opts.viewer } : {}),
    countModelsBy(db, filter, 'unit'),
    countModelsBy(db, filter, 'month'),
    countTeamsByUnit(db, { unitPath: c.unit_path, on: through }),
    listUnits(db, { pathPrefix: c.unit_path, includeInactive: true }),
    findPreviousCampaign(db, c.unit_id, c.year).then(async (p): Promise<PreviousFigures | null> => {
      if (!p) return null;
      if (opts.previous === 'all') return campaignStats(db, p.code, lastYear, opts.viewer ? { viewer: opts.viewer } : {});
      return { campaign: { code: p.code, year: p.year }, through: lastYear, models: await modelFigures(db, p.id, lastYear) };
    }),
  ]);
  const children = units.filter((u) => u.parent_id === c.unit_id);
  // each count added once to the direct child of the campaign's unit it falls under (paths: /1/ → /1/34/ → /1/34/567/)
  const roll = new Map<string, { models: number; collective: number; teams: number; members: number }>();
  const at = (path: string) => {
    const end = path.indexOf('/', c.unit_path.length);
    const key = end < 0 ? path : path.slice(0, end + 1);
    let r = roll.get(key);
    if (!r) roll.set(key, (r = { models: 0, collective: 0, teams: 0, members: 0 }));
    return r;
  };
  for (const r of perUnit) {
    const x = at(r.key);
    x.models += r.n;
    if (r.holder === 'collective') x.collective += r.n;
  }
  for (const t of teamsPerUnit) {
    const x = at(t.path);
    x.teams += t.teams;
    x.members += t.members;
  }
  const byUnit = children
    .map((u) => {
      const x = roll.get(u.path) ?? { models: 0, collective: 0, teams: 0, members: 0 };
      return { code: u.code, name: u.name, kind: u.kind, models: x.models, collective: x.collective, individual: x.models - x.collective, teams: x.teams, members: x.members };
    })
    .filter((u) => u.models > 0 || u.teams > 0 || u.kind === 'ward' || u.kind === 'commune' || u.kind === 'township');
  // the campaign unit's own models (its own path is the one key with nothing after it)
  const self = roll.get(c.unit_path) ?? { models: 0, collective: 0 };
  const own = { code: c.unit_code, name: `${c.unit_name} (trực tiếp)`, kind: 'self', models: self.models, collective: self.collective, individual: self.models - self.collective, teams: 0, members: 0 };
  return {
    ...stats,
    byUnit: own.models > 0 ? [own, ...byUnit] : byUnit,
    byMonth: perMonth.filter((m) => m.key && m.key !== 'null').sort((a, b) => a.key.localeCompare(b.key)).map((m) => ({ month: m.key, count: m.n })),
    previous,
  };
}

// Phases (giai đoạn) ----------------------------------------------------------

/** One year of a phase: its campaign's figures through the year's end (or the day asked, if sooner). */
export interface PhaseYear {
  campaign: string;
  year: number;
  theme: string;
  through: string;
  models: { total: number; collective: number; individual: number; effective: number; works: number; byRecognitionLevel: { level: RecognitionLevel; count: number }[] };
  resources: Resources;
  teams: { teams: number; members: number };
  /** models rewarded by the year's own decisions (a phase's rewards are counted below, once) */
  rewarded: number;
}

export interface PhaseFigures {
  phase: PresentedPhase;
  /** the phase unit's path: who may act on it */
  unitPath: string;
  through: string;
  years: PhaseYear[];
  /** the years added up: models, resources (null where no year knows the figure), the year's rewards */
  total: Omit<PhaseYear, 'campaign' | 'year' | 'theme' | 'through' | 'teams'>;
  /** the phase's own rewards through the date: its decisions, and how many models of each year they reward */
  rewards: { total: number; byYear: { year: number; count: number }[]; decisions: { number: string; date: string; issuer: string; form: string; models: number }[] };
}

const addKnown = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : a + b);

/**
 * The report of a phase (sơ kết, tổng kết giai đoạn): each year's campaign counted the same way
 * as its own page (campaignStats), through its end or the day asked; the years added up; and the
 * phase's rewards. Officers only: the viewer scopes land clearance as on the campaign page.
 */
export async function phaseFigures(db: Db, actor: Actor, code: string, through: string): Promise<PhaseFigures> {
  const { phase, row: p } = await readPhase(db, actor, code);
  // a year not yet begun by the date has nothing to count (shown as a fall, it would mislead)
  const begun = phase.campaigns.filter((k) => `${k.year}-01-01` <= through);
  const years = await Promise.all(
    begun.map(async (k): Promise<PhaseYear> => {
      const c = await requireCampaign(db, k.code);
      const end = publicThrough({ year: c.year, endsOn: c.ends_on }, through);
      const s = await campaignStats(db, k.code, end, { viewer: actor });
      return {
        campaign: k.code,
        year: k.year,
        theme: k.theme,
        through: end,
        models: { total: s.models.total, collective: s.models.collective, individual: s.models.individual, effective: s.models.assessed.effective, works: s.models.works, byRecognitionLevel: s.models.byRecognitionLevel },
        resources: s.resources,
        teams: s.teams.total,
        rewarded: s.rewards.total,
      };
    }),
  );
  const levels = RECOGNITION_LEVELS.filter((l) => years.some((y) => y.models.byRecognitionLevel.some((x) => x.level === l)));
  const keys = ['moneyVnd', 'workDays', 'landDonatedM2', 'householdsDonating', 'householdsPersuaded', 'beneficiaries'] as const;
  const resources = Object.fromEntries(keys.map((k) => [k, years.reduce<number | null>((t, y) => addKnown(t, y.resources[k]), null)])) as unknown as Resources;
  if (resources.landDonatedM2 !== null) resources.landDonatedM2 = Math.round(resources.landDonatedM2 * 100) / 100;
  const rows = await phaseRewardsThrough(db, p.id, through);
  const decisions = new Map<string, { number: string; date: string; issuer: string; form: string; models: number }>();
  const byYear = new Map<number, number>();
  const counted = new Set<string>();
  for (const r of rows) {
    const d = decisions.get(r.number) ?? { number: r.number, date: r.decided_on, issuer: r.issuer, form: r.form, models: 0 };
    d.models += 1;
    decisions.set(r.number, d);
    // a model once, however many of the phase's decisions name it
    if (counted.has(r.code)) continue;
    counted.add(r.code);
    byYear.set(r.year, (byYear.get(r.year) ?? 0) + 1);
  }
  const sum = (f: (y: PhaseYear) => number) => years.reduce((t, y) => t + f(y), 0);
  return {
    phase,
    unitPath: p.unit_path,
    through,
    years,
    total: {
      models: {
        total: sum((y) => y.models.total),
        collective: sum((y) => y.models.collective),
        individual: sum((y) => y.models.individual),
        effective: sum((y) => y.models.effective),
        works: sum((y) => y.models.works),
        byRecognitionLevel: levels.map((level) => ({ level, count: sum((y) => y.models.byRecognitionLevel.find((l) => l.level === level)?.count ?? 0) })),
      },
      resources,
      rewarded: sum((y) => y.rewarded),
    },
    rewards: { total: counted.size, byYear: [...byYear.entries()].sort((a, b) => a[0] - b[0]).map(([year, count]) => ({ year, count })), decisions: [...decisions.values()] },
  };
}
