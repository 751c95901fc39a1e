/**
 * The narrative result report (DESIGN §2 `narrative`): the campaign's figures through a date
 * (`campaignStats`, the same function as the public stats API) put into words by the campaign's
 * template, with the Party document header of the campaign's unit. Officers edit the wording and
 * the header; the figures are never typed.
 */
import type { Db, Tx } from '../../db/index.js';
import { fieldError } from '../../lib/errors.js';
import { parseInput, z, zOptText, zText } from '../../lib/validation.js';
import { todayVn, parseDate } from '../../lib/vi.js';
import { authorize, authorizeRead, type Actor } from '../../policy/policy.js';
import { audit } from '../audit/audit.service.js';
import { campaignMissing, requireCampaign, findPreviousCampaign } from '../campaigns/campaigns.service.js';
import { campaignStats, sameDayLastYear, type CampaignStats } from '../figures/figures.service.js';
import { findUnitById, listChildUnits } from '../units/units.service.js';
import type { UnitRow } from '../units/units.service.js';
import { NAMED, placeholderList, reportFacts, type FactsOptions, type ReportFacts } from './narrative.facts.js';
import * as repo from './narrative.repository.js';
import { campaignReportingFacts } from '../reporting/reporting.service.js';
import { briefingsHeld } from '../supervision/supervision.service.js';
import { headerFor, territoryOf } from './narrative.header.js';
import { rewardedModelsThrough } from '../appraisal/appraisal.service.js';
import { findModelsByIds, presentModel } from '../models/models.service.js';
import { checkTemplate, DEFAULT_BODY, DEFAULT_TITLE, paragraphsOf, renderTemplate } from './narrative.template.js';

export interface ReportHeader {
  /** the superior Party body, e.g. "ĐẢNG BỘ THÀNH PHỐ HÀ NỘI" */
  superior: string;
  /** the issuing Party committee, e.g. "QUẬN ỦY LONG BIÊN" */
  body: string;
  /** the committee as named in running text, e.g. "Quận ủy" */
  committee: string;
  /** the number, left empty to be written by hand ("Số     -BC/QU") */
  number: string;
  /** the kind and issuer part of the symbol, e.g. "BC/QU" */
  symbol: string;
  /** the place the report is dated at, e.g. "Long Biên" */
  place: string;
  /** "T/M BAN THƯỜNG VỤ" */
  signFor: string;
  /** "PHÓ BÍ THƯ THƯỜNG TRỰC" */
  signTitle: string;
  signer: string;
  recipients: string[];
}

/** The header a unit's Party committee uses on a date, derived from the unit and its ancestors (nearest first; narrative.header.ts). */
function defaultHeader(unit: Pick<UnitRow, 'name' | 'kind'>, ancestors: Pick<UnitRow, 'name' | 'kind' | 'valid_from' | 'valid_to'>[], on: string): ReportHeader {
  return { ...headerFor(unit, ancestors, on), number: '', signer: '' };
}

/** The models rewarded through the date: how many by holder, and the first NAMED with who carries them out. */
async function rewardedFacts(db: Db, campaignId: number, through: string): Promise<NonNullable<FactsOptions['rewarded']>> {
  const all = await rewardedModelsThrough(db, campaignId, through);
  const first = new Map((await findModelsByIds(db, all.slice(0, NAMED).map((m) => m.id))).map((m) => [m.id, m]));
  return {
    collective: all.filter((m) => m.holder === 'collective').length,
    individual: all.filter((m) => m.holder === 'individual').length,
    named: all
      .slice(0, NAMED)
      .map((m) => first.get(m.id))
      .filter((m) => m !== undefined)
      .map((m) => ({ code: m.code, name: m.name, by: presentModel(m).carriedOutBy })),
  };
}

/** The unit's ancestors, nearest first, from its materialised path. */
async function ancestorsOf(db: Db, unit: UnitRow): Promise<UnitRow[]> {
  const ids = unit.path.split('/').filter(Boolean).map(Number).filter((id) => id !== unit.id).reverse();
  const rows = await Promise.all(ids.map((id) => findUnitById(db, id)));
  return rows.filter((r): r is UnitRow => r !== undefined);
}

const templateLabels = {
  title: 'Tiêu đề báo cáo',
  body: 'Nội dung báo cáo',
  superior: 'Cấp ủy cấp trên',
  headerBody: 'Cấp ủy ban hành',
  committee: 'Tên cấp ủy trong câu',
  number: 'Số báo cáo',
  symbol: 'Ký hiệu',
  place: 'Địa danh',
  signFor: 'Thẩm quyền ký',
  signTitle: 'Chức vụ người ký',
  signer: 'Người ký',
  recipients: 'Nơi nhận',
};

const ZTemplate = z.object({
  // empty: the built-in wording (which later versions of Khéo may improve)
  title: zOptText(500).transform((v) => v ?? ''),
  body: zOptText(50_000).transform((v) => v ?? ''),
  superior: zOptText(200).transform((v) => v ?? ''),
  headerBody: zText(200),
  committee: zText(100),
  number: zOptText(20).transform((v) => v ?? ''),
  symbol: zText(30),
  place: zText(100),
  signFor: zOptText(100).transform((v) => v ?? ''),
  signTitle: zOptText(100).transform((v) => v ?? ''),
  signer: zOptText(100).transform((v) => v ?? ''),
  recipients: z.preprocess((v) => (typeof v === 'string' ? v.split('\n').map((s) => s.trim().replace(/^-\s*/, '')).filter(Boolean) : v), z.array(zText(300)).max(30)),
});

export interface ReportTemplate {
  title: string;
  body: string;
  header: ReportHeader;
  /** false: the built-in wording */
  customWording: boolean;
  /** false: the header derived from the campaign's unit */
  customHeader: boolean;
  updatedAt: string | null;
  updatedBy: string | null;
}

/** The campaign's template; the derived header is the one of `on` (the report's "through" date). */
async function templateOf(db: Db, c: Awaited<ReturnType<typeof requireCampaign>>, on: string): Promise<ReportTemplate> {
  const row = await repo.findTemplate(db, c.id);
  const unit = (await findUnitById(db, c.unit_id))!;
  const derived = defaultHeader(unit, await ancestorsOf(db, unit), on);
  if (!row) return { title: DEFAULT_TITLE, body: DEFAULT_BODY, header: derived, customWording: false, customHeader: false, updatedAt: null, updatedBy: null };
  return {
    title: row.title || DEFAULT_TITLE,
    body: row.body || DEFAULT_BODY,
    header: { ...derived, ...(JSON.parse(row.header_json) as Partial<ReportHeader>) },
    customWording: Boolean(row.title || row.body),
    customHeader: true,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by_name,
  };
}

/**
 * The wording and header the campaign's report uses (its own, or the built-in one), with the
 * names a template may use; `facts`: the report's own (the admin page has just built it), else
 * the facts through today.
 */
export async function getReportTemplate(db: Db, actor: Actor, code: string, opts: { facts?: ReportFacts | undefined } = {}): Promise<ReportTemplate & { placeholders: { name: string; value: string }[] }> {
  const c = await requireCampaign(db, code);
  authorizeRead(actor, 'campaign.read', { unitPath: c.unit_path, entityType: 'campaign', entityId: code }, () => campaignMissing(code));
  const t = await templateOf(db, c, todayVn());
  const facts = opts.facts ?? reportFacts(await campaignStats(db, code, todayVn()), { committee: t.header.committee });
  return { ...t, placeholders: placeholderList(facts) };
}

/** Saves the campaign's wording and header after checking every name it uses; `reset` returns to the built-in one. */
export async function saveReportTemplate(trx: Tx, { actor, code, input }: { actor: Actor; code: string; input: unknown }): Promise<ReportTemplate> {
  const c = await requireCampaign(trx, code);
  authorize(actor, 'campaign.manage', { unitPath: c.unit_path, entityType: 'campaign', entityId: code });
  const before = await templateOf(trx, c, todayVn());
  if (input && typeof input === 'object' && (input as { reset?: unknown }).reset) {
    await repo.deleteTemplate(trx, c.id);
    await audit(trx, actor, { action: 'narrative.reset', entityType: 'campaign', entityId: code, before: { title: before.title, body: before.body, header: before.header } });
    return templateOf(trx, c, todayVn());
  }
  const d = parseInput(ZTemplate, input, templateLabels);
  const facts = reportFacts(await campaignStats(trx, code, todayVn()), { committee: d.committee });
  const title = d.title === DEFAULT_TITLE ? '' : d.title;
  const body = d.body.replace(/\r\n/g, '\n') === DEFAULT_BODY ? '' : d.body.replace(/\r\n/g, '\n');
  checkTemplate('title', templateLabels.title, title || DEFAULT_TITLE, facts);
  checkTemplate('body', templateLabels.body, body || DEFAULT_BODY, facts);
  const header: ReportHeader = { superior: d.superior, body: d.headerBody, committee: d.committee, number: d.number, symbol: d.symbol, place: d.place, signFor: d.signFor, signTitle: d.signTitle, signer: d.signer, recipients: d.recipients };
  await repo.upsertTemplate(trx, { campaign_id: c.id, title, body, header_json: JSON.stringify(header), updated_at: new Date().toISOString(), updated_by_name: actor.username });
  await audit(trx, actor, { action: 'narrative.save', entityType: 'campaign', entityId: code, before: { title: before.title, body: before.body, header: before.header }, after: { title: title || '(mẫu có sẵn)', body: body || '(mẫu có sẵn)', header } });
  return templateOf(trx, c, todayVn());
}

export interface NarrativeReport {
  campaign: { code: string; year: number; theme: string; unitName: string };
  through: string;
  /** the report's own date (place and date line) */
  date: string;
  header: ReportHeader;
  title: string;
  paragraphs: string[];
  /** the same with every figure linked to its list (HTML, escaped) */
  htmlTitle: string;
  htmlParagraphs: string[];
  stats: CampaignStats;
  facts: ReportFacts;
}

/** A date from the command line or a form; 422 naming the field otherwise. */
export function parseReportDate(field: string, label: string, v: string | undefined, fallback: string): string {
  if (!v) return fallback;
  const d = parseDate(v);
  if (!d) throw fieldError(field, `${label}: phải là ngày hợp lệ (YYYY-MM-DD hoặc dd/mm/yyyy)`);
  return d;
}

/** The wording and header from the editor's form, checked, for a preview before saving. */
function templateFromInput(input: unknown): { title: string; body: string; header: ReportHeader } {
  const d = parseInput(ZTemplate, input, templateLabels);
  return { title: d.title || DEFAULT_TITLE, body: d.body || DEFAULT_BODY, header: { superior: d.superior, body: d.headerBody, committee: d.committee, number: d.number, symbol: d.symbol, place: d.place, signFor: d.signFor, signTitle: d.signTitle, signer: d.signer, recipients: d.recipients } };
}

/** The report of a campaign through a date, dated `date` (default today); `draft` previews unsaved wording (campaign.manage). */
export async function buildReport(db: Db, actor: Actor, q: { code: string; through: string; date?: string | undefined; draft?: unknown }): Promise<NarrativeReport> {
  const c = await requireCampaign(db, q.code);
  const resource = { unitPath: c.unit_path, entityType: 'campaign', entityId: q.code };
  // reading the report: outside the reader's scope it is a campaign that does not exist (issue #20)
  if (q.draft === undefined) authorizeRead(actor, 'campaign.read', resource, () => campaignMissing(q.code));
  else authorize(actor, 'campaign.manage', resource);
  // everything the report reads, together: on PostgreSQL each query has its own connection
  const [t, stats, previous, reporting, briefings, children, rewarded] = await Promise.all([
    q.draft === undefined ? templateOf(db, c, q.through) : templateFromInput(q.draft),
    campaignStats(db, q.code, q.through),
    findPreviousCampaign(db, c.unit_id, c.year).then((prev) => (prev && prev.year === c.year - 1 ? campaignStats(db, prev.code, sameDayLastYear(q.through)) : null)),
    campaignReportingFacts(db, c.id, q.through),
    briefingsHeld(db, c.unit_path, c.starts_on ?? `${c.year}-01-01`, q.through),
    listChildUnits(db, c.unit_id),
    rewardedFacts(db, c.id, q.through),
  ]);
  const facts = reportFacts(stats, { committee: t.header.committee, previous, reporting, briefings, territory: territoryOf(children, q.through), rewarded });
  // a stored template was checked when saved; the check runs again in case the facts changed shape
  checkTemplate('title', templateLabels.title, t.title, facts);
  checkTemplate('body', templateLabels.body, t.body, facts);
  return {
    campaign: { code: c.code, year: c.year, theme: c.theme, unitName: c.unit_name },
    through: q.through,
    date: q.date ?? todayVn(),
    header: t.header,
    title: paragraphsOf(renderTemplate(t.title, facts, 'text')).join(' '),
    paragraphs: paragraphsOf(renderTemplate(t.body, facts, 'text')),
    htmlTitle: paragraphsOf(renderTemplate(t.title, facts, 'html')).join(' '),
    htmlParagraphs: paragraphsOf(renderTemplate(t.body, facts, 'html')),
    stats,
    facts,
  };
}
