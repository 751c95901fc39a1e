/**
 * The theme-year archive ("Kho tư liệu chủ đề năm"): everything the portal holds about one
 * campaign, gathered by itself — its plan and the directive documents issued during its year,
 * the articles about it, the reports made from its data, the exemplary models and rewards.
 */
import type { Db } from '../../db/index.js';
import { DOCUMENT_KINDS, documentsIssued } from '../documents/documents.service.js';
import { listDecisions } from '../appraisal/appraisal.service.js';
import { listPublicCampaigns, publicThrough, findCampaignByCode } from '../campaigns/campaigns.service.js';
import { todayVn } from '../../lib/vi.js';
import { articlesFromSource, categoryOfCampaign } from './portal.repository.js';
import { listPublicArticles } from './portal.service.js';
import type { PublicFiguresReader } from './portal.runtime.js';
import type { ArticleListItem } from './portal.schemas.js';

interface CampaignArchive {
  campaign: { code: string; year: number; theme: string; unitName: string };
  documents: { url: string; number: string; kindLabel: string; issuer: string; date: string; title: string; isPlan: boolean }[];
  articles: { items: ArticleListItem[]; total: number };
  category: string | null;
  reports: { url: string; title: string; date: string }[];
  exemplary: { code: string; name: string; by: string }[];
  rewards: { number: string; date: string; count: number }[];
}

/** The archive of a public campaign, or null when there is none by that code. */
export async function archiveOf(db: Db, figures: PublicFiguresReader, code: string, now = new Date().toISOString()): Promise<CampaignArchive | null> {
  const k = (await listPublicCampaigns(db)).find((x) => x.code === code);
  const row = k ? await findCampaignByCode(db, code) : undefined;
  if (!k || !row) return null;
  // from the plan's own date when it was issued before the year began (18-KH/QU of 30/12/2020 for 2021)
  const start = k.startsOn ?? `${k.year - 1}-12-01`;
  const from = k.plan?.date && k.plan.date < start ? k.plan.date : start;
  const to = k.endsOn ?? `${k.year}-12-31`;
  const today = todayVn(new Date(now));
  const [docs, articles, category, reports, stats, decisions] = await Promise.all([
    documentsIssued(db, { unitPath: row.unit_path, from, to, publicOnly: true }),
    listPublicArticles(db, { campaignId: row.id, pageSize: 30 }, now),
    categoryOfCampaign(db, row.id),
    articlesFromSource(db, `narrative:${code}:`, now),
    figures(db, code, publicThrough(k, today)),
    listDecisions(db, null),
  ]);
  const planNumber = k.plan?.number;
  const planDate = k.plan?.date;
  const documents = docs.map((d) => ({
    url: `/van-ban/${d.id}`,
    number: d.number,
    kindLabel: DOCUMENT_KINDS[d.kind] ?? d.kind,
    issuer: d.issuer,
    date: d.issued_on,
    title: d.title,
    isPlan: d.number === planNumber && d.issued_on === planDate,
  }));
  // the plan first, then by date
  documents.sort((a, b) => Number(b.isPlan) - Number(a.isPlan) || a.date.localeCompare(b.date));
  return {
    campaign: { code: k.code, year: k.year, theme: k.theme, unitName: k.unitName },
    documents,
    articles: { items: articles.items, total: articles.total },
    category: category?.slug ?? null,
    reports: [
      ...reports.map((r) => ({ url: `/bai-viet/${r.slug}`, title: r.title, date: r.published_at ?? '' })),
      ...documents.filter((d) => d.kindLabel === DOCUMENT_KINDS.BC).map((d) => ({ url: d.url, title: `Báo cáo số ${d.number}: ${d.title}`, date: d.date })),
    ],
    exemplary: stats.exemplary.map((m) => ({ code: m.code, name: m.name, by: m.by })),
    rewards: decisions.filter((d) => d.campaign === code && d.phase === null && d.status === 'published').map((d) => ({ number: d.number, date: d.date, count: d.models.length })),
  };
}
