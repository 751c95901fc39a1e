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
  /** makes it once only for its user (a reminder: the thing, its stage, e.g. report.due:/…:overdue-2); null: every event is its own */
  ref: string | null;
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
  /** makes it once only for its user (the digest of one day: digest:2026-12-06) */
  ref: string | null;
}

/** A person's choice for one kind of notice (none: the default of their roles, DEFAULT_MODE). */
export interface NoticePrefTable {
  user_id: number;
  kind: string;
  mode: NoticeMode;
}

/** Keys of the installation (the one that signs unsubscribe links), made by the migration. */
/** The address a user asked to use, until confirmed (issue #22): one per user. */
export interface MailAddressRequestTable {
  user_id: number;
  address: string;
  /** seconds since 1970, as in the link */
  expires_at: string;
  requested_on: string;
  requests: number;
}

export interface MailKeyTable {
  name: string;
  value: string;
}

export type MailOutboxRow = Selectable<MailOutboxTable>;
export type MailStatus = 'waiting' | 'sending' | 'sent' | 'failed';
export const MAIL_STATUS_LABELS: Record<MailStatus, string> = { waiting: 'Chờ gửi', sending: 'Đang gửi', sent: 'Đã gửi', failed: 'Không gửi được' };

/**
 * What a notice tells, by kind: the outcomes of what one sent, what waits on one (sent to the
 * people who must act, in the transaction of the change), and reminders (made once a day from
 * "Việc của tôi": due soon, overdue). Each person chooses, per kind, whether its e-mail goes at
 * once, in the daily digest or not at all; the notice itself always shows in the admin.
 */
export const NOTICE_KINDS = {
  'model.submitted': 'Mô hình gửi đến chờ duyệt',
  'model.accepted': 'Mô hình được duyệt',
  'model.returned': 'Mô hình bị trả lại',
  'report.submitted': 'Báo cáo gửi đến chờ duyệt',
  'report.returned': 'Báo cáo bị trả lại',
  'report.approved': 'Báo cáo được duyệt',
  'report.due': 'Nhắc hạn nộp báo cáo',
  'article.review': 'Bài viết gửi đến chờ duyệt',
  'article.returned': 'Bài viết bị trả lại',
  'article.published': 'Bài viết được đăng',
  'clearance.waiting': 'GPMB: chờ bạn duyệt',
  'clearance.approved': 'GPMB: được duyệt',
  'clearance.rejected': 'GPMB: bị từ chối',
  'clearance.due': 'GPMB: bước, đơn sắp đến hạn hoặc quá hạn',
  'conclusion.assigned': 'Kết luận hội nghị giao đơn vị bạn',
  'conclusion.due': 'Kết luận hội nghị sắp đến hạn hoặc quá hạn',
  'issue.routed': 'Vấn đề chuyển đến đơn vị bạn',
  'issue.resolved': 'Vấn đề đơn vị bạn nêu đã được giải quyết',
  'appraisal.opened': 'Đợt thẩm định mở, có đồng chí trong tổ thẩm định',
  'appraisal.score': 'Đợt thẩm định chờ bạn chấm',
  'award.submitted': 'Tờ trình đề nghị khen thưởng gửi đến chờ xét',
  'award.returned': 'Tờ trình đề nghị khen thưởng bị trả lại',
  'award.decided': 'Tờ trình đề nghị khen thưởng đã có quyết định',
} as const;
export type NoticeKind = keyof typeof NOTICE_KINDS;

export type NoticeMode = 'now' | 'digest' | 'off';
export const NOTICE_MODES: Record<NoticeMode, string> = { now: 'Gửi thư ngay', digest: 'Gộp vào bản tin hằng ngày', off: 'Không gửi thư' };

/**
 * The default of a kind for a person with these roles: reminders (made once a day) go in the
 * digest; so does everything for an installation's admin who is not also an officer (they hear
 * of the work of units that have no officer of their own); the rest goes at once.
 */
export const defaultMode = (kind: NoticeKind, roles: readonly string[]): NoticeMode =>
  kind.endsWith('.due') || kind === 'appraisal.score' || (roles.includes('admin') && !roles.includes('officer')) ? 'digest' : 'now';

/** The outbox kind of the e-mail that asks to confirm an address a user set (it has no unsubscribe). */
export const CONFIRM_KIND = 'address.confirm';
