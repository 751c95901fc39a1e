import type { Generated, Selectable } from 'kysely';

/** An in-app notice to one user: the outcome of something they sent, with the link that opens it. */
export interface NoticeTable {
  id: Generated<number>;
  user_id: number;
  /** what happened, e.g. model.accepted, report.returned (see NOTICE_KINDS) */
  kind: string;
  title: string;
  body: string | null;
  url: string;
  /** who caused it (a person's name), shown beside the notice */
  from_name: string | null;
  created_at: string;
  read_at: string | null;
}

export type NoticeRow = Selectable<NoticeTable>;

export const NOTICE_KINDS = {
  'model.accepted': 'Mô hình được duyệt',
  'model.returned': 'Mô hình bị trả lại',
  'report.returned': 'Báo cáo bị trả lại',
  'report.approved': 'Báo cáo được duyệt',
  'article.returned': 'Bài viết bị trả lại',
  'article.published': 'Bài viết được đăng',
  'clearance.approved': 'GPMB: được duyệt',
  'clearance.rejected': 'GPMB: bị từ chối',
} as const;
export type NoticeKind = keyof typeof NOTICE_KINDS;
