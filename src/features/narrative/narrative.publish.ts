/**
 * "Publish": the result report becomes a draft portal article in the campaign's category, for
 * an editor to review and publish. Made again for the same date, it refreshes its draft rather
 * than piling up copies; once published, a new draft is made.
 */
import type { Tx } from '../../db/index.js';
import { AppError } from '../../lib/errors.js';
import { escapeHtml } from './narrative.facts.js';
import { formatDate } from '../../lib/vi.js';
import { authorize, type Actor } from '../../policy/policy.js';
import { requireCampaign, findCampaignByCode } from '../campaigns/campaigns.service.js';
import { articleCategoriesOfCampaign, draftFromSource, createArticle, updateArticle } from '../portal/portal.service.js';
import type { PresentedArticle } from '../portal/portal.schemas.js';
import { buildReport } from './narrative.service.js';

export async function publishReportDraft(trx: Tx, { actor, code, through, date }: { actor: Actor; code: string; through: string; date?: string | undefined }): Promise<PresentedArticle> {
  const c = await requireCampaign(trx, code);
  authorize(actor, 'article.write', { unitPath: c.unit_path, entityType: 'campaign', entityId: code });
  const r = await buildReport(trx, actor, { code, through, date });
  const row = (await findCampaignByCode(trx, code))!;
  const [category] = await articleCategoriesOfCampaign(trx, row.id);
  if (!category) {
    throw new AppError(422, 'validation_error', `Chưa có chuyên mục nào gắn với chủ đề năm ${code}. Hãy tạo một chuyên mục (ví dụ "Hoạt động của chủ đề năm ${c.year}") và chọn chủ đề năm cho nó ở Quản trị › Chuyên mục.`, [
      { field: 'category', message: `Chuyên mục: chưa có chuyên mục gắn với chủ đề năm ${code}` },
    ]);
  }
  const source = `narrative:${code}:${through}`;
  const input = {
    category: category.slug,
    title: r.title,
    summary: `Báo cáo kết quả thực hiện chủ đề năm ${c.year}, số liệu đến ngày ${formatDate(through)}, lập tự động từ dữ liệu.`,
    body: r.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n'),
    // the issuing body as typed, or (a header kept in capitals) the committee and its place
    byline: r.header.body !== r.header.body.toUpperCase() ? r.header.body : [r.header.committee, r.header.place].filter(Boolean).join(' '),
    campaign: code,
    unit: c.unit_code,
  };
  const existing = await draftFromSource(trx, source);
  if (existing) return updateArticle(trx, { actor, id: existing.id, input: { ...input, slug: existing.slug } });
  return createArticle(trx, { actor, input, source });
}
