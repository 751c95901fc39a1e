import { blankToNull, z, zCode, zDate, zNum, zOptText, zText, type Labels } from '../../lib/validation.js';
import { ROUND_KINDS } from './appraisal.table.js';

export const appraisalLabels: Labels = {
  code: 'Mã đợt',
  campaign: 'Chủ đề năm',
  name: 'Tên đợt thẩm định',
  kind: 'Loại đợt',
  opensOn: 'Bắt đầu chấm',
  closesOn: 'Kết thúc chấm',
  cutoffOn: 'Tính mô hình đăng ký đến ngày',
  appraisers: 'Tổ thẩm định',
  quotas: 'Số mô hình đề xuất theo lĩnh vực',
  threshold: 'Điểm tối thiểu để đề xuất',
  points: 'Điểm',
  comment: 'Nhận xét',
  reason: 'Lý do',
  number: 'Số, ký hiệu quyết định',
  date: 'Ngày quyết định',
  issuer: 'Cơ quan, người có thẩm quyền khen thưởng',
  signer: 'Người ký',
  signerTitle: 'Chức vụ người ký',
  form: 'Hình thức khen thưởng',
  models: 'Danh sách mô hình',
  round: 'Đợt thẩm định',
  phase: 'Giai đoạn',
  confirm: 'Xác nhận',
};

export const ZRound = z
  .object({
    code: zCode(),
    campaign: zCode(),
    /** a phase (giai đoạn) the round spans: it chooses among the models of all its years */
    phase: z.preprocess(blankToNull, zCode().nullish()),
    name: zText(300),
    kind: z.enum(Object.keys(ROUND_KINDS) as [keyof typeof ROUND_KINDS, ...(keyof typeof ROUND_KINDS)[]]),
    opensOn: zDate(),
    closesOn: zDate(),
    cutoffOn: zDate(),
    appraisers: z.array(z.string().trim().toLowerCase().min(1)).min(1).max(50),
    quotas: z.record(z.string(), zNum().pipe(z.number().int().min(0).max(100_000))).default({}),
    threshold: z.preprocess(blankToNull, z.coerce.number().int().min(0).max(100).nullish()),
  })
  .refine((r) => r.closesOn >= r.opensOn, { path: ['closesOn'], message: 'phải sau hoặc bằng ngày bắt đầu chấm' });

export const ZScore = z.object({
  points: z.record(z.string(), zNum().pipe(z.number().int({ message: 'phải là số nguyên' }))),
  comment: zOptText(4000),
  submit: z.boolean().default(false),
  reason: zOptText(2000),
});

export const ZProposal = z.object({
  /** "auto": by quota and threshold; otherwise the codes given */
  mode: z.enum(['auto', 'manual']),
  models: z.array(zCode()).max(5000).default([]),
  reasons: z.record(z.string(), z.string()).default({}),
});

export const ZDecision = z.object({
  number: z.string().overwrite((s) => s.normalize('NFC').trim()).min(1).max(60),
  campaign: zCode(),
  round: z.preprocess(blankToNull, zCode().nullish()),
  /** a reward for a phase: its models may come from any of the phase's campaigns */
  phase: z.preprocess(blankToNull, zCode().nullish()),
  date: zDate(),
  issuer: zText(300).default('Chủ tịch UBND'),
  signer: zOptText(200),
  signerTitle: zOptText(200),
  form: zText(200).default('Giấy khen'),
  /** the rewarded models; for a decision from a round, empty means "the round's proposal" */
  models: z.array(zCode()).max(5000).default([]),
  status: z.preprocess(blankToNull, z.enum(['draft', 'published', 'revoked']).nullish()),
  revokeReason: zOptText(2000),
});
export type TDecision = z.infer<typeof ZDecision>;

export const ZRevoke = z.object({ reason: zText(2000) });
