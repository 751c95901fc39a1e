import type { Generated, Selectable } from 'kysely';

export const PERIOD_TYPES = ['month', 'quarter', 'half', 'nine', 'year'] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];
export const PERIOD_TYPE_LABELS: Record<PeriodType, string> = { month: 'Tháng', quarter: 'Quý', half: '6 tháng', nine: '9 tháng', year: 'Năm' };

export const INDICATOR_TYPES = ['int', 'money', 'decimal', 'text'] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

export const ROLLUPS = ['sum', 'avg', 'none'] as const;

export const RULE_OPS = ['<=', '<', '>=', '>', '='] as const;

/** After DHIS2's rule importance: an error blocks submitting; a warning asks the submitter to explain. Neither blocks a draft. */
export const RULE_SEVERITIES = ['error', 'warning'] as const;
export type RuleSeverity = (typeof RULE_SEVERITIES)[number];
export const RULE_SEVERITY_LABELS: Record<RuleSeverity, string> = { error: 'Lỗi', warning: 'Cảnh báo' };

export const SUBMISSION_STATUSES = ['draft', 'submitted', 'returned', 'approved'] as const;
export type SubmissionStatus = (typeof SUBMISSION_STATUSES)[number];
export const SUBMISSION_STATUS_LABELS: Record<SubmissionStatus, string> = { draft: 'Đang nhập', submitted: 'Đã nộp, chờ duyệt', returned: 'Bị trả lại', approved: 'Đã duyệt' };

export interface ReportFormTable {
  id: Generated<number>;
  code: string;
  name: string;
  /** whose subtree reports */
  unit_id: number;
  campaign_id: number | null;
  period_type: string;
  /** days after the period's last day by which a report is on time */
  deadline_days: number;
  /** JSON array of unit kinds */
  reporting_kinds: string;
  active: Generated<number>;
  created_at: string;
  updated_at: string;
}

export interface ReportIndicatorTable {
  id: Generated<number>;
  form_id: number;
  code: string;
  name: string;
  section: string | null;
  type: string;
  unit_label: string | null;
  rollup: string;
  /** a live-data source ("models.registered"…): filled in, not typed */
  source: string | null;
  position: number;
}

export interface ReportRuleTable {
  id: Generated<number>;
  form_id: number;
  left_code: string;
  op: string;
  /** an indicator code or a number */
  right_code: string;
  message: string;
  /** error | warning (RULE_SEVERITIES) */
  severity: Generated<string>;
  position: number;
}

export interface ReportTargetTable {
  indicator_id: number;
  unit_id: number;
  year: number;
  value: string;
}

export interface ReportSubmissionTable {
  id: Generated<number>;
  form_id: number;
  unit_id: number;
  period: string;
  status: string;
  submitted_at: string | null;
  submitted_by: number | null;
  decided_at: string | null;
  decided_by: number | null;
  return_note: string | null;
  /** JSON [{rule, message, note}]: the submitter's explanations of the warning rules its values break */
  explanations: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReportValueTable {
  submission_id: number;
  indicator_id: number;
  value: string;
}

export interface ReportValueHistoryTable {
  id: Generated<number>;
  submission_id: number;
  indicator_id: number;
  old_value: string | null;
  new_value: string | null;
  at: string;
  actor_name: string;
}

export interface ReportPeriodCloseTable {
  form_id: number;
  period: string;
  closed_at: string;
  closed_by_name: string;
  snapshot_json: string;
}
export type ReportIndicatorRow = Selectable<ReportIndicatorTable>;
export type ReportRuleRow = Selectable<ReportRuleTable>;
