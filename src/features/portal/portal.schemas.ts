import { parseDateTimeVn } from '../../lib/vi.js';
import { blankToNull, z, zCode, zNum, zOptText, zText, type Labels } from '../../lib/validation.js';
import { ARTICLE_STATUSES } from './portal.table.js';

/** A slug: lower-case ASCII letters, digits and dashes (the folded Vietnamese title). */
const zSlug = () =>
  z
    .string()
    .trim()
    .toLowerCase()
    .min(1)
    .max(150)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'chỉ gồm chữ thường không dấu, số và dấu gạch ngang (ví dụ: ket-qua-9-thang)' });

const zBool = () => z.preprocess((v) => (v === 'on' || v === '1' || v === 'true' ? true : v === '' || v === '0' || v === 'false' ? false : v), z.boolean({ message: 'phải là có hoặc không' }));

/** A portal-relative link ("/van-ban?…") or an http(s) address. */
const zLink = () =>
  zOptText(500).refine((s) => s === null || /^\/(?![/\\])[^\s\\]*$/.test(s) || /^https?:\/\/[^\s]+$/.test(s), { message: 'phải là đường dẫn bắt đầu bằng "/" hoặc địa chỉ http(s)://' });

export const ZCategory = z.object({
  slug: z.preprocess(blankToNull, zSlug().nullish()),
  name: zText(200),
  parent: z.preprocess(blankToNull, zSlug().nullish()),
  position: z.preprocess(blankToNull, zNum().pipe(z.number().int().min(0).max(10_000)).nullish()),
  description: zOptText(1000),
  campaign: z.preprocess(blankToNull, zCode().nullish()),
  inMenu: zBool().optional(),
  link: zLink(),
});
export type TCategory = z.output<typeof ZCategory>;

export const categoryLabels: Labels = {
  slug: 'Đường dẫn (slug)',
  name: 'Tên chuyên mục',
  parent: 'Chuyên mục cha',
  position: 'Thứ tự',
  description: 'Mô tả',
  campaign: 'Chủ đề năm',
  inMenu: 'Hiện trên menu',
  link: 'Liên kết thay cho danh sách bài',
};

/** An instant (Vietnam time when no offset is given) → UTC ISO. */
const zInstant = () =>
  z
    .string()
    .trim()
    .refine((s) => parseDateTimeVn(s) !== null, { message: 'phải là ngày giờ hợp lệ (dd/mm/yyyy hh:mm)' })
    .transform((s) => parseDateTimeVn(s) as string);

export const ZArticle = z.object({
  slug: z.preprocess(blankToNull, zSlug().nullish()),
  category: zSlug(),
  title: zText(300),
  summary: zOptText(1000),
  /** HTML (sanitised by the service) */
  body: z.string().max(500_000, { message: 'quá dài (tối đa 500.000 ký tự)' }).default(''),
  byline: zOptText(200),
  status: z.preprocess(blankToNull, z.enum(ARTICLE_STATUSES, { message: 'phải là draft, review hoặc published' }).nullish()),
  publishedAt: z.preprocess(blankToNull, zInstant().nullish()),
  featured: zBool().optional(),
  campaign: z.preprocess(blankToNull, zCode().nullish()),
  unit: z.preprocess(blankToNull, zCode().nullish()),
  related: z.preprocess((v) => (typeof v === 'string' ? v.split(/[\s,]+/).filter(Boolean) : v), z.array(zSlug()).max(20).optional()),
  /** carried by a bundle of past work; ignored from forms */
  views: z.preprocess(blankToNull, zNum().pipe(z.number().int().min(0).max(1e12)).nullish()),
});
export type TArticle = z.output<typeof ZArticle>;

export const articleLabels: Labels = {
  slug: 'Đường dẫn (slug)',
  category: 'Chuyên mục',
  title: 'Tiêu đề',
  summary: 'Tóm tắt',
  body: 'Nội dung',
  byline: 'Tác giả, nguồn',
  status: 'Trạng thái',
  publishedAt: 'Thời điểm đăng',
  featured: 'Tin nổi bật',
  campaign: 'Chủ đề năm',
  unit: 'Đơn vị',
  related: 'Bài liên quan',
  views: 'Lượt xem',
};

/** What an editor sees of an article. */
export interface PresentedArticle {
  id: number;
  slug: string;
  title: string;
  summary: string | null;
  body: string;
  byline: string | null;
  status: string;
  statusLabel: string;
  /** true when published with a time still to come */
  scheduled: boolean;
  publishedAt: string | null;
  featured: boolean;
  views: number;
  category: { slug: string; name: string };
  campaign: string | null;
  unit: string | null;
  authorName: string | null;
  reviewNote: string | null;
  coverUrl: string | null;
  related: string[];
  source: string | null;
  updatedAt: string;
}

/** One line of a public list (and of `GET /api/v1/articles`). */
export interface ArticleListItem {
  id: number;
  slug: string;
  title: string;
  url: string;
  summary: string | null;
  publishedAt: string;
  views: number;
  category: string;
  categoryName: string;
  coverUrl: string | null;
}

export interface PresentedCategory {
  id: number;
  slug: string;
  name: string;
  parent: string | null;
  position: number;
  description: string | null;
  campaign: string | null;
  inMenu: boolean;
  link: string | null;
  /** where the menu points: the link, or the category's own page */
  url: string;
}
