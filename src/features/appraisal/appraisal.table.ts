import type { Generated, Selectable } from 'kysely';

export const ROUND_KINDS = { sixMonth: 'Sơ kết 6 tháng', year: 'Tổng kết năm', phase: 'Sơ kết, tổng kết giai đoạn', adhoc: 'Đột xuất' } as const;
export type RoundKind = keyof typeof ROUND_KINDS;

/** open: scoring; decided: a published decision locks it */
export const ROUND_STATUS = { open: 'Đang chấm điểm', decided: 'Đã có quyết định (khóa)' } as const;

export const DECISION_STATUS = { draft: 'Dự thảo', published: 'Đã ban hành', revoked: 'Đã thu hồi' } as const;
export type DecisionStatus = keyof typeof DECISION_STATUS;

export interface AppraisalRoundTable {
  id: Generated<number>;
  code: string;
  campaign_id: number;
  name: string;
  kind: string;
  opens_on: string;
  closes_on: string;
  /** models registered on or before this date are eligible */
  cutoff_on: string;
  /** JSON { "GPMB": 16, … }: how many to propose per field */
  quotas: string | null;
  /** minimum mean score to be proposed */
  threshold: number | null;
  status: string;
  /** a round of a phase (giai đoạn) chooses among the models of all its campaigns; null: of its own campaign */
  phase_id: number | null;
  created_at: string;
  updated_at: string;
}

export interface RoundAppraiserTable {
  round_id: number;
  user_id: number;
}

export interface ScoreSheetTable {
  id: Generated<number>;
  round_id: number;
  model_id: number;
  appraiser_id: number;
  /** sum of the criterion points, out of 100 */
  total: number;
  comment: string | null;
  submitted_at: string | null;
  change_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface ScoreItemTable {
  sheet_id: number;
  criterion_id: number;
  points: number;
  evidence_file_id: number | null;
}

export interface ProposalModelTable {
  round_id: number;
  model_id: number;
  /** set when an officer added the model by hand (outside quota or threshold) */
  by_hand_reason: string | null;
}

export interface RewardDecisionTable {
  id: Generated<number>;
  number: string;
  campaign_id: number;
  round_id: number | null;
  /** a reward for a phase (giai đoạn 2021–2025): its models come from the phase's campaigns, and it is counted in the phase's figures, not a year's */
  phase_id: number | null;
  decided_on: string;
  issuer: string;
  signer: string | null;
  signer_title: string | null;
  /** hình thức khen thưởng: Giấy khen, Bằng khen… */
  form: string;
  status: string;
  published_at: string | null;
  revoked_at: string | null;
  revoke_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface RewardDecisionModelTable {
  decision_id: number;
  model_id: number;
}

export type RoundRow = Selectable<AppraisalRoundTable>;
export type DecisionRow = Selectable<RewardDecisionTable>;
