/**
 * Authorisation in one place. Every service asks `authorize(actor, action, resource)` before
 * it reads or writes; a role counts only inside the subtree of the user's unit.
 */
import { AppError } from '../lib/errors.js';

/** The roles a user may hold; what each may do is the table below. */
export const ROLES = ['admin', 'officer', 'appraiser', 'council', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Quản trị',
  officer: 'Cán bộ nghiệp vụ',
  appraiser: 'Tổ thẩm định',
  council: 'Hội đồng thi đua',
  editor: 'Biên tập viên',
  viewer: 'Người xem',
};

export interface UserActor {
  kind: 'user';
  userId: number;
  username: string;
  fullName: string;
  unitId: number;
  unitCode: string;
  unitName: string;
  /** materialised path of the user's unit: the scope of every role */
  unitPath: string;
  roles: Role[];
  ip: string | null;
  via: 'session' | 'token';
}

/** The command line and the demo loader act as the system: unscoped, audited as "hệ thống". */
interface SystemActor {
  kind: 'system';
  username: string;
  ip: null;
}

export type Actor = UserActor | SystemActor;

/** Someone not signed in (a login attempt): audited under the name they typed. */
export interface AnonymousActor {
  kind: 'anonymous';
  username: string;
  ip: string | null;
}

export const systemActor = (name = 'hệ thống'): SystemActor => ({ kind: 'system', username: name, ip: null });

export const ACTIONS = {
  'admin.enter': ['admin', 'officer', 'appraiser', 'council', 'editor', 'viewer'],
  'unit.read': ['admin', 'officer', 'appraiser', 'council', 'editor', 'viewer'],
  'unit.create': ['admin'],
  'unit.update': ['admin'],
  'unit.move': ['admin'],
  'unit.deactivate': ['admin'],
  'user.read': ['admin'],
  'user.manage': ['admin'],
  'audit.read': ['admin'],
  'bundle.import': ['admin'],
  'bundle.export': ['admin'],
  'settings.update': ['admin'],
  'document.read': ['admin', 'officer', 'appraiser', 'council', 'editor', 'viewer'],
  'document.manage': ['admin', 'officer', 'editor'],
  'campaign.read': ['admin', 'officer', 'appraiser', 'council', 'editor', 'viewer'],
  'campaign.manage': ['admin', 'officer'],
  'model.read': ['admin', 'officer', 'appraiser', 'council', 'editor', 'viewer'],
  'model.edit': ['admin', 'officer'],
  'model.decide': ['admin', 'officer'],
  'team.read': ['admin', 'officer', 'appraiser', 'council', 'editor', 'viewer'],
  'team.manage': ['admin', 'officer'],
  'appraisal.manage': ['admin', 'officer'],
  'appraisal.read': ['admin', 'officer', 'appraiser', 'council'],
  'appraisal.score': ['appraiser'],
  'reward.decide': ['admin', 'council'],
  'clearance.read': ['admin', 'officer', 'appraiser', 'council', 'editor', 'viewer'],
  'clearance.personal': ['admin', 'officer', 'council'],
  'clearance.manage': ['admin', 'officer'],
  'clearance.approve': ['admin', 'council'],
  'clearance.configure': ['admin'],
  'article.read': ['admin', 'officer', 'editor'],
  'article.write': ['admin', 'officer', 'editor'],
  'article.publish': ['admin', 'editor'],
  'category.manage': ['admin'],
  'report.read': ['admin', 'officer', 'appraiser', 'council', 'editor', 'viewer'],
  'report.enter': ['admin', 'officer'],
  'report.approve': ['admin', 'officer'],
  'report.configure': ['admin'],
  'meeting.read': ['admin', 'officer', 'appraiser', 'council', 'editor', 'viewer'],
  'meeting.manage': ['admin', 'officer'],
  'issue.raise': ['admin', 'officer'],
  'issue.resolve': ['admin', 'officer'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof ACTIONS;

const ACTION_LABELS: Record<Action, string> = {
  'admin.enter': 'vào trang quản trị',
  'unit.read': 'xem đơn vị',
  'unit.create': 'tạo đơn vị',
  'unit.update': 'sửa đơn vị',
  'unit.move': 'chuyển đơn vị',
  'unit.deactivate': 'ngừng hoạt động đơn vị',
  'user.read': 'xem tài khoản',
  'user.manage': 'quản lý tài khoản',
  'audit.read': 'xem nhật ký',
  'bundle.import': 'nhập dữ liệu',
  'bundle.export': 'xuất dữ liệu',
  'settings.update': 'sửa cấu hình',
  'document.read': 'xem văn bản',
  'document.manage': 'quản lý văn bản',
  'campaign.read': 'xem chủ đề năm',
  'campaign.manage': 'quản lý chủ đề năm',
  'model.read': 'xem mô hình',
  'model.edit': 'đăng ký, sửa mô hình',
  'model.decide': 'duyệt mô hình',
  'team.read': 'xem tổ, đội',
  'team.manage': 'quản lý tổ, đội',
  'appraisal.manage': 'tổ chức đợt thẩm định',
  'appraisal.read': 'xem kết quả thẩm định',
  'appraisal.score': 'chấm điểm',
  'reward.decide': 'ra quyết định khen thưởng',
  'clearance.read': 'xem dự án giải phóng mặt bằng',
  'clearance.personal': 'xem thông tin cá nhân của hộ dân trong diện giải phóng mặt bằng',
  'clearance.manage': 'cập nhật dự án giải phóng mặt bằng',
  'clearance.approve': 'duyệt bước, phương án và khoản chi trả giải phóng mặt bằng',
  'clearance.configure': 'cấu hình quy trình và lịch ngày nghỉ',
  'article.read': 'xem bài viết chưa đăng',
  'article.write': 'viết, sửa bài viết',
  'article.publish': 'duyệt và đăng bài viết',
  'category.manage': 'quản lý chuyên mục',
  'report.read': 'xem báo cáo định kỳ',
  'report.enter': 'nhập, nộp báo cáo định kỳ',
  'report.approve': 'duyệt báo cáo định kỳ',
  'report.configure': 'thiết lập biểu mẫu báo cáo',
  'meeting.read': 'xem hội nghị và kết luận',
  'meeting.manage': 'ghi hội nghị, cập nhật kết luận',
  'issue.raise': 'ghi vấn đề phát sinh',
  'issue.resolve': 'xử lý, chuyển vấn đề phát sinh',
};

/** An action's name in a sentence ("xem đơn vị"): for the audit log's reader and refusals. */
export const actionLabel = (action: Action): string => ACTION_LABELS[action];

/** What an action applies to: the unit (by its materialised path) the resource belongs to. */
interface Resource {
  /** path of the resource's unit ("/" for the whole installation); omit for the actor's own scope */
  unitPath?: string;
  entityType?: string;
  entityId?: string | number;
}

/** A root unit's path has one id: "/7/". */
export const isTopLevel = (unitPath: string): boolean => /^\/\d+\/$/.test(unitPath);

/** True when the actor holds a role allowing `action` and the resource lies in its subtree. */
export function can(actor: Actor, action: Action, resource: Resource = {}): boolean {
  if (actor.kind === 'system') return true;
  const allowed: readonly Role[] = ACTIONS[action];
  if (!actor.roles.some((r) => allowed.includes(r))) return false;
  if (resource.unitPath === undefined) return true;
  // "/" is the installation as a whole (site settings, new root units): top-level units only.
  if (resource.unitPath === '/') return isTopLevel(actor.unitPath);
  return resource.unitPath.startsWith(actor.unitPath);
}

/** The resource's unit is the actor's or below it (the system sees everything): the scope of every role. */
export const inSubtree = (actor: Actor, unitPath: string): boolean => actor.kind === 'system' || unitPath.startsWith(actor.unitPath);

/** The resource's unit and the actor's are on one line of the tree (one above or below the other). */
export const onLineOf = (actor: Actor, unitPath: string): boolean =>
  actor.kind === 'system' || unitPath.startsWith(actor.unitPath) || actor.unitPath.startsWith(unitPath);

/** A refusal, recorded in the audit log by the error handler (outside the rolled-back write). */
export class ForbiddenError extends AppError {
  constructor(
    readonly action: Action,
    readonly resource: Resource,
    message?: string,
  ) {
    super(403, 'forbidden', message ?? `Bạn không có quyền ${ACTION_LABELS[action]} này.`);
  }
}

/** Throws ForbiddenError unless `can(actor, action, resource)`. */
export function authorize(actor: Actor, action: Action, resource: Resource = {}): void {
  if (!can(actor, action, resource)) throw new ForbiddenError(action, resource);
}

/**
 * A refusal that must not tell the record exists (issue #20, decision "out-of-scope reads answer
 * 404"): it answers exactly as `missing` — the error the same request gets for a record that does
 * not exist (status, code, message) — and is still recorded in the audit log as a denial.
 */
export class HiddenError extends AppError {
  constructor(
    readonly action: Action,
    readonly resource: Resource,
    missing: AppError,
  ) {
    super(missing.status, missing.id, missing.message, missing.issues);
  }
}

/**
 * For reads of one record: throws `HiddenError` (answering as `missing()` does) unless
 * `can(actor, action, resource)`. Whether the role lacks the action or the record lies outside the
 * caller's subtree, the answer is the one a missing record gets.
 */
export function authorizeRead(actor: Actor, action: Action, resource: Resource, missing: () => AppError): void {
  if (!can(actor, action, resource)) throw new HiddenError(action, resource, missing());
}

/**
 * Like `authorizeRead`, for records whose visibility is a rule of their own rather than the
 * caller's subtree (a campaign on the caller's line, a model once registered, a meeting above):
 * the role must hold `action` and `visible` must be true, else `HiddenError` answering as
 * `missing()` does.
 */
export function authorizeReadIf(actor: Actor, action: Action, visible: boolean, resource: Resource, missing: () => AppError): void {
  if (!visible || !can(actor, action)) throw new HiddenError(action, resource, missing());
}
