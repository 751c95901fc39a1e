import { blankToNull, z, zCode, zDate, zOptText, zText, type Labels } from '../../lib/validation.js';
import { AWARD_KINDS, AWARD_LEVELS, PROPOSAL_STATUS, RECIPIENT_KINDS, RECIPIENT_ROLES } from './emulation.table.js';

const keys = <T extends Record<string, unknown>>(o: T) => Object.keys(o) as [keyof T & string, ...(keyof T & string)[]];

export const emulationLabels: Labels = {
  code: 'Mã',
  name: 'Tên',
  kind: 'Loại',
  level: 'Cấp khen thưởng',
  grantor: 'Người có thẩm quyền',
  number: 'Số tờ trình',
  from: 'Đơn vị đề nghị',
  form: 'Danh hiệu, hình thức khen thưởng',
  toBody: 'Cơ quan nhận đề nghị',
  campaign: 'Chủ đề năm',
  phase: 'Giai đoạn',
  title: 'Nội dung đề nghị',
  recipients: 'Danh sách đề nghị',
  unit: 'Đơn vị',
  position: 'Chức vụ',
  role: 'Vị trí công tác',
  model: 'Mô hình',
  achievement: 'Tóm tắt thành tích',
  on: 'Ngày',
  note: 'Ý kiến',
  reason: 'Lý do trả lại',
  decisionNumber: 'Số quyết định',
  awarded: 'Được khen thưởng',
  status: 'Trạng thái',
  submittedOn: 'Ngày gửi',
  receivedOn: 'Ngày tiếp nhận',
  reviewedOn: 'Ngày xét',
  reviewNote: 'Ý kiến khi xét',
  decidedOn: 'Ngày quyết định',
  returnedOn: 'Ngày trả lại',
  returnReason: 'Lý do trả lại',
};

export const ZAwardForm = z.object({
  code: zCode(),
  name: zText(300),
  kind: z.enum(keys(AWARD_KINDS)),
  level: z.enum(AWARD_LEVELS),
  grantor: zText(300),
});
export type TAwardForm = z.infer<typeof ZAwardForm>;

export const ZRecipient = z
  .object({
    kind: z.enum(keys(RECIPIENT_KINDS)),
    name: zText(300),
    /** a collective that is a unit, or where an individual works; inside the proposing unit */
    unit: z.preprocess(blankToNull, zCode().nullish()),
    position: zOptText(200),
    /** individuals only */
    role: z.preprocess(blankToNull, z.enum(keys(RECIPIENT_ROLES)).nullish()),
    /** the model whose achievement it is, of the proposing unit */
    model: z.preprocess(blankToNull, zCode().nullish()),
    achievement: zOptText(4000),
    /** the bundle: once decided, whether it was awarded */
    awarded: z.boolean().nullish(),
  })
  .refine((r) => r.kind !== 'individual' || r.role, { path: ['role'], message: 'cá nhân cần ghi là lãnh đạo, quản lý hay trực tiếp lao động, công tác' })
  .refine((r) => r.kind === 'individual' || !r.role, { path: ['role'], message: 'chỉ ghi cho cá nhân' });
export type TRecipient = z.infer<typeof ZRecipient>;

const zNumber = () => z.string().overwrite((s) => s.normalize('NFC').trim()).min(1).max(60);

export const ZAwardProposal = z.object({
  number: zNumber(),
  from: zCode(),
  form: zCode(),
  /** only when the level that decides is not in Khéo */
  toBody: zOptText(300),
  campaign: z.preprocess(blankToNull, zCode().nullish()),
  phase: z.preprocess(blankToNull, zCode().nullish()),
  title: zText(1000),
  recipients: z.array(ZRecipient).min(1).max(500),
});
export type TAwardProposal = z.infer<typeof ZAwardProposal>;
/** Editing a draft or a returned proposal: its number and unit stay. */
export const ZUpdateAwardProposal = ZAwardProposal.omit({ number: true, from: true });

/** A bundle record: the proposal with where it stands. */
export const ZAwardProposalRecord = ZAwardProposal.extend({
  status: z.enum(keys(PROPOSAL_STATUS)).default('draft'),
  submittedOn: z.preprocess(blankToNull, zDate().nullish()),
  receivedOn: z.preprocess(blankToNull, zDate().nullish()),
  reviewedOn: z.preprocess(blankToNull, zDate().nullish()),
  reviewNote: zOptText(4000),
  decidedOn: z.preprocess(blankToNull, zDate().nullish()),
  decisionNumber: z.preprocess(blankToNull, zNumber().nullish()),
  returnedOn: z.preprocess(blankToNull, zDate().nullish()),
  returnReason: zOptText(2000),
});
export type TAwardProposalRecord = z.infer<typeof ZAwardProposalRecord>;

/** A step: its date, today unless given. */
export const ZStep = z.object({ on: z.preprocess(blankToNull, zDate().nullish()), note: zOptText(4000) });
export const ZReturn = z.object({ on: z.preprocess(blankToNull, zDate().nullish()), reason: zText(2000) });
/** awarded: the positions (1, 2, …) of the recipients awarded; left out, all of them */
export const ZDecide = z.object({
  on: z.preprocess(blankToNull, zDate().nullish()),
  decisionNumber: zNumber(),
  awarded: z.array(z.coerce.number().int().min(1)).max(500).nullish(),
});
