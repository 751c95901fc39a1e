import { blankToNull, z, zCode, zNum, zOptText, zText, type Labels } from '../../lib/validation.js';
import { INDICATOR_TYPES, PERIOD_TYPES, ROLLUPS, RULE_OPS, RULE_SEVERITIES, type RuleSeverity } from './reporting.table.js';
import { LIVE_SOURCES } from './reporting.sources.js';

const zIndicatorCode = () =>
  z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[a-z][a-z0-9_]*$/, { message: 'chỉ gồm chữ thường không dấu, số, gạch dưới; bắt đầu bằng chữ (ví dụ ho_van_dong)' });

const ZIndicator = z.object({
  code: zIndicatorCode(),
  name: zText(300),
  section: zOptText(200),
  type: z.enum(INDICATOR_TYPES, { message: 'phải là int, money, decimal hoặc text' }),
  unit: zOptText(50),
  rollup: z.preprocess(blankToNull, z.enum(ROLLUPS, { message: 'phải là sum, avg hoặc none' }).nullish()),
  source: z.preprocess(blankToNull, z.enum(Object.keys(LIVE_SOURCES) as [string, ...string[]], { message: `phải là một trong: ${Object.keys(LIVE_SOURCES).join(', ')}` }).nullish()),
});

const ZRule = z.object({
  left: zIndicatorCode(),
  op: z.enum(RULE_OPS, { message: 'phải là <=, <, >=, > hoặc =' }),
  right: z.string().trim().min(1).max(40),
  message: zText(300),
  /** error (blocks submitting) or warning (the submitter explains it); neither blocks a draft. Absent: error. */
  severity: z.preprocess(blankToNull, z.enum(RULE_SEVERITIES, { message: 'phải là error (lỗi: không nộp được) hoặc warning (cảnh báo: cần giải trình)' }).nullish()).transform((v) => v ?? 'error'),
});

export const ZReportForm = z.object({
  code: zCode(),
  name: zText(300),
  unit: zCode(),
  campaign: z.preprocess(blankToNull, zCode().nullish()),
  periodType: z.enum(PERIOD_TYPES, { message: 'phải là month, quarter, half, nine hoặc year' }),
  deadlineDays: zNum().pipe(z.number().int().min(0).max(365)),
  reportingKinds: z.array(z.string().trim().min(1).max(40)).min(1, { message: 'cần ít nhất một loại đơn vị báo cáo' }).max(10),
  indicators: z.array(ZIndicator).min(1, { message: 'cần ít nhất một chỉ tiêu' }).max(200),
  rules: z.array(ZRule).max(100).default([]),
  targets: z
    .array(z.object({ indicator: zIndicatorCode(), unit: zCode(), year: zNum().pipe(z.number().int().min(1990).max(2200)), value: z.union([z.number(), z.string().trim().min(1)]) }))
    .max(5000)
    .default([]),
  active: z.boolean().default(true),
});
export type TReportForm = z.output<typeof ZReportForm>;

export const reportFormLabels: Labels = {
  code: 'Mã biểu mẫu',
  name: 'Tên biểu mẫu',
  unit: 'Đơn vị giao báo cáo',
  campaign: 'Chủ đề năm',
  periodType: 'Kỳ báo cáo',
  deadlineDays: 'Hạn nộp (số ngày sau kỳ)',
  reportingKinds: 'Loại đơn vị báo cáo',
  indicators: 'Chỉ tiêu',
  rules: 'Quy tắc kiểm tra',
  targets: 'Chỉ tiêu giao',
};

export interface PresentedIndicator {
  id: number;
  code: string;
  name: string;
  section: string | null;
  type: string;
  unit: string | null;
  rollup: string;
  source: string | null;
  sourceLabel: string | null;
}

export interface PresentedForm {
  id: number;
  code: string;
  name: string;
  unit: string;
  unitName: string;
  unitPath: string;
  campaign: string | null;
  periodType: string;
  periodTypeLabel: string;
  deadlineDays: number;
  reportingKinds: string[];
  active: boolean;
  indicators: PresentedIndicator[];
  rules: PresentedRule[];
}

export interface PresentedRule {
  left: string;
  op: string;
  right: string;
  message: string;
  severity: RuleSeverity;
  /** names the rule in a violation and in an explanation: "kn_giai_quyet<=kn_nhan" */
  key: string;
}

/** A rule the values of a report break: an error blocks submitting, a warning needs an explanation. */
export interface RuleCheck {
  rule: string;
  severity: RuleSeverity;
  message: string;
  /** the indicator field the rule is shown beside */
  field: string;
  /** the submitter's explanation (warnings) */
  explanation: string | null;
}
