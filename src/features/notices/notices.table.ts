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

/**
 * One e-mail to send, written in the transaction of the change that caused it (the outbox):
 * waiting → sending (claimed by one sender until `claimed_until`) → sent | failed; a temporary
 * failure, or a claim whose sender died, goes back to waiting with a later `due_at`.
 */
export interface MailOutboxTable {
  id: Generated<number>;
  user_id: number;
  to_address: string;
  kind: string;
  subject: string;
  /** the text of the e-mail, without the greeting and the footer the sender adds */
  body: string;
  /** the link, relative to the public address */
  url: string;
  status: MailStatus;
  attempts: Generated<number>;
  created_at: string;
  due_at: string;
  claimed_by: string | null;
  claimed_until: string | null;
  sent_at: string | null;
  /** the mail server's answer to the last failed attempt */
  last_error: string | null;
}

export type MailOutboxRow = Selectable<MailOutboxTable>;
export type MailStatus = 'waiting' | 'sending' | 'sent' | 'failed';
export const MAIL_STATUS_LABELS: Record<MailStatus, string> = { waiting: 'Chờ gửi', sending: 'Đang gửi', sent: 'Đã gửi', failed: 'Không gửi được' };

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
