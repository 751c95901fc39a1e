import type { Generated, Selectable } from 'kysely';

/** The level whose head grants a title or an award (the district level is historical since 2025). */
export const AWARD_LEVELS = ['commune', 'district', 'province', 'national'] as const;
export type AwardLevel = (typeof AWARD_LEVELS)[number];
export const AWARD_LEVEL_LABELS: Record<AwardLevel, string> = { commune: 'Cấp xã, phường', district: 'Cấp huyện, quận', province: 'Cấp tỉnh, thành phố', national: 'Nhà nước, Chính phủ' };

export const AWARD_KINDS = { title: 'Danh hiệu thi đua', award: 'Hình thức khen thưởng' } as const;
export type AwardKind = keyof typeof AWARD_KINDS;

export const RECIPIENT_KINDS = { collective: 'Tập thể', individual: 'Cá nhân', household: 'Hộ gia đình' } as const;
export type RecipientKind = keyof typeof RECIPIENT_KINDS;

/** An individual's place in the work: the law counts awards to leaders and to those who do the work apart. */
export const RECIPIENT_ROLES = { leader: 'Lãnh đạo, quản lý', direct: 'Trực tiếp lao động, công tác' } as const;
export type RecipientRole = keyof typeof RECIPIENT_ROLES;

/** draft → submitted → received → reviewed → decided; or returned (with a reason), then submitted again */
export const PROPOSAL_STATUS = {
  draft: 'Dự thảo',
  submitted: 'Đã gửi, chờ tiếp nhận',
  received: 'Đã tiếp nhận, chờ xét',
  reviewed: 'Đã xét, chờ quyết định',
  decided: 'Đã có quyết định',
  returned: 'Bị trả lại',
} as const;
export type ProposalStatus = keyof typeof PROPOSAL_STATUS;

export interface AwardFormTable {
  id: Generated<number>;
  code: string;
  name: string;
  kind: string;
  level: string;
  /** who grants it, as the law names them ("Chủ tịch UBND cấp tỉnh") */
  grantor: string;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface AwardProposalTable {
  id: Generated<number>;
  /** the proposal's number (số tờ trình), unique */
  number: string;
  from_unit_id: number;
  /**
   * the unit whose council decides; when the level that decides is not in Khéo, the top unit above
   * the proposing one, whose council forwards the proposal to to_body and records its answer;
   * null: the proposing unit is itself the top, and its own council records the answer of to_body
   */
  to_unit_id: number | null;
  /** the body outside Khéo that decides (the level is not in Khéo); null: decided in Khéo */
  to_body: string | null;
  form_id: number;
  campaign_id: number | null;
  phase_id: number | null;
  title: string;
  status: string;
  submitted_on: string | null;
  received_on: string | null;
  reviewed_on: string | null;
  review_note: string | null;
  decided_on: string | null;
  decision_number: string | null;
  returned_on: string | null;
  return_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface AwardRecipientTable {
  id: Generated<number>;
  proposal_id: number;
  sort_order: number;
  kind: string;
  name: string;
  /** the name folded (no diacritics, lower case) for the lookup across years */
  name_folded: string;
  unit_id: number | null;
  position: string | null;
  role: string | null;
  model_id: number | null;
  achievement: string | null;
  /** once decided: 1 awarded, 0 not; null before */
  awarded: number | null;
}

export type AwardFormRow = Selectable<AwardFormTable>;
export type AwardProposalRow = Selectable<AwardProposalTable>;
export type AwardRecipientRow = Selectable<AwardRecipientTable>;
