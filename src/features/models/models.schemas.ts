import { blankToNull, z, zCode, zNum, zDate, zOptText, zText, type Labels } from '../../lib/validation.js';
import { HOLDERS, MODEL_STATUSES, RECOGNITION_LEVELS } from './models.table.js';

export const modelLabels: Labels = {
  code: 'Mã mô hình',
  campaign: 'Chủ đề năm',
  unit: 'Đơn vị',
  field: 'Lĩnh vực',
  holder: 'Loại mô hình (tập thể/cá nhân)',
  holderName: 'Tên cá nhân hoặc tập thể thực hiện',
  name: 'Tên mô hình',
  registeredOn: 'Ngày đăng ký',
  submittedAt: 'Thời điểm gửi duyệt',
  status: 'Trạng thái',
  problem: 'Vấn đề cần giải quyết',
  goals: 'Mục tiêu và tiêu chí đo được',
  method: 'Cách làm',
  scope: 'Địa bàn, đối tượng thụ hưởng',
  forces: 'Lực lượng tham gia',
  resources: 'Nguồn lực',
  timeline: 'Thời gian thực hiện',
  expectedResults: 'Kết quả dự kiến (kiểm chứng được)',
  replicability: 'Khả năng nhân rộng',
  exemplary: 'Mô hình tiêu biểu',
  reason: 'Lý do',
  date: 'Ngày',
  body: 'Nội dung',
  figures: 'Số liệu',
  results: 'Kết quả',
  on: 'Ngày ghi nhận kết quả',
  moneyVnd: 'Tiền huy động trong Nhân dân (đồng)',
  workDays: 'Ngày công',
  landDonatedM2: 'Diện tích đất hiến (m²)',
  householdsDonating: 'Số hộ hiến đất',
  householdsPersuaded: 'Số hộ được vận động bàn giao mặt bằng',
  beneficiaries: 'Số người thụ hưởng',
  recognitions: 'Công nhận',
  assessments: 'Đánh giá',
  work: 'Công trình Dân vận khéo',
  level: 'Cấp công nhận',
  decision: 'Quyết định công nhận',
};

const long = () => zOptText(4000);

const modelBody = {
  unit: zCode(),
  field: zCode(),
  holder: z.enum(HOLDERS),
  holderName: zOptText(200),
  name: zText(300),
  problem: long(),
  goals: long(),
  method: long(),
  scope: long(),
  forces: long(),
  resources: long(),
  timeline: long(),
  expectedResults: long(),
  replicability: long(),
};

const individualNeedsName = (m: { holder: string; holderName?: string | null | undefined }) => m.holder !== 'individual' || Boolean(m.holderName);
const nameIssue = { path: ['holderName'], message: 'bắt buộc nhập họ và tên với mô hình cá nhân' };

/** A model as the bundle and `POST /api/v1/models` carry it (DESIGN §5). */
const count = (what: string) => z.number({ message: `phải là số ${what} (số nguyên, không có dấu chấm ngăn cách)` }).int({ message: `phải là số ${what} nguyên` }).min(0, { message: 'không được âm' }).max(100_000_000, { message: 'quá lớn' });

/**
 * One dated result of a model (issue #23): every figure optional — a figure left out is unknown,
 * not 0. Money in đồng (whole), land in m² exact to the hundredth ("35.5"; a text such as "1.234"
 * is refused: a number in JSON has no thousands separator).
 */
export const ZModelResult = z.strictObject({
  on: zDate(),
  moneyVnd: z.number({ message: 'phải là số tiền bằng đồng (số nguyên)' }).int({ message: 'phải là số đồng nguyên' }).min(0, { message: 'không được âm' }).max(1e15, { message: 'quá lớn' }).optional(),
  workDays: count('ngày công').optional(),
  landDonatedM2: z
    .number({ message: 'phải là diện tích bằng m² (số, dấu chấm thập phân, ví dụ 35.5)' })
    .min(0, { message: 'không được âm' })
    .max(1e9, { message: 'quá lớn' })
    .refine((x) => Math.abs(x * 100 - Math.round(x * 100)) < 1e-6, { message: 'tối đa hai chữ số thập phân (m²)' })
    .optional(),
  householdsDonating: count('hộ').optional(),
  householdsPersuaded: count('hộ').optional(),
  beneficiaries: count('người').optional(),
});
export type TModelResult = z.infer<typeof ZModelResult>;

/** A row of the models workbook's "Kết quả" sheet: a result, its id when it was exported (to correct it), the model it is of and the campaign the sheet is imported into. */
export const ZModelResultRow = ZModelResult.extend({ id: z.number({ message: 'phải là số hiệu Khéo ghi khi xuất (số nguyên)' }).int({ message: 'phải là số nguyên' }).positive({ message: 'phải là số dương' }).optional(), model: zCode(), campaign: zCode().optional() });
export type TModelResultRow = z.infer<typeof ZModelResultRow>;

/** A model's recognition (issue #23): the level, the date and the decision (number, body). */
export const ZModelRecognition = z.strictObject({
  level: z.enum(RECOGNITION_LEVELS, { message: 'phải là commune (cấp xã, phường), district (cấp huyện), province (cấp tỉnh) hoặc national (cấp Trung ương)' }),
  on: zDate(),
  decision: zText(300),
});
export type TModelRecognition = z.infer<typeof ZModelRecognition>;

/** A dated assessment of a model (issue #23): "triển khai hiệu quả" (effective) or not, with a note. */
export const ZModelAssessment = z.strictObject({
  on: zDate(),
  effective: z.boolean({ message: 'phải là true (triển khai hiệu quả) hoặc false (chưa hiệu quả)' }),
  note: zOptText(1000),
});
export type TModelAssessment = z.infer<typeof ZModelAssessment>;

/** A model named a "công trình Dân vận khéo" by a signboard decision (issue #23). */
export const ZModelWork = z.strictObject({
  name: zOptText(300),
  on: zDate(),
  decision: zText(300),
});
export type TModelWork = z.infer<typeof ZModelWork>;

export const ZModelRecord = z
  .object({
    code: z.preprocess(blankToNull, zCode().nullish()),
    campaign: zCode(),
    ...modelBody,
    registeredOn: z.preprocess(blankToNull, zDate().nullish()),
    status: z.preprocess(blankToNull, z.enum(MODEL_STATUSES).nullish()),
    /** when a model recorded as past work (not a draft) was sent for acceptance; default: now */
    submittedAt: z.preprocess(blankToNull, z.string().datetime({ offset: true, message: 'phải là thời điểm ISO, ví dụ 2021-10-03T09:40:00+07:00' }).nullish()),
    stoppedOn: z.preprocess(blankToNull, zDate().nullish()),
    stopReason: zOptText(2000),
    returnReason: zOptText(2000),
    exemplary: z.boolean().optional(),
    /** the model's dated results; given, they replace those recorded (the bundle is the record) */
    results: z.array(ZModelResult).max(1000).optional(),
    /** the levels at which the model was recognised; given, they replace those recorded */
    recognitions: z.array(ZModelRecognition).max(20).optional(),
    /** its dated assessments; given, they replace those recorded */
    assessments: z.array(ZModelAssessment).max(100).optional(),
    /** its công trình decision; null removes it, left out keeps it */
    work: ZModelWork.nullable().optional(),
  })
  .refine(individualNeedsName, nameIssue);
export type TModelRecord = z.infer<typeof ZModelRecord>;

/** Editing a model's content (not its status). */
export const ZEditModel = z.object(modelBody).refine(individualNeedsName, nameIssue);
export type TEditModel = z.infer<typeof ZEditModel>;

export const ZReason = z.object({ reason: zText(2000) });
export const ZStop = z.object({ reason: zText(2000), date: z.preprocess(blankToNull, zDate().nullish()) });
export const ZAccept = z.object({ registeredOn: z.preprocess(blankToNull, zDate().nullish()) });

export const ZModelUpdate = z.object({
  date: zDate(),
  body: zText(8000),
  figures: z
    .array(z.object({ label: zText(200), value: zNum().pipe(z.number().finite()) }))
    .max(20)
    .default([]),
});

export const ModelOut = z.object({
  code: z.string(),
  campaign: z.string(),
  unit: z.string(),
  unitName: z.string(),
  field: z.string(),
  fieldName: z.string(),
  holder: z.string(),
  holderLabel: z.string(),
  holderName: z.string().nullable(),
  /** who carries the model out, as a report names it: the person, the team, or the unit */
  carriedOutBy: z.string(),
  name: z.string(),
  status: z.string(),
  statusLabel: z.string(),
  registeredOn: z.string().nullable(),
  exemplary: z.boolean(),
  problem: z.string().nullable(),
  goals: z.string().nullable(),
  method: z.string().nullable(),
  scope: z.string().nullable(),
  forces: z.string().nullable(),
  resources: z.string().nullable(),
  timeline: z.string().nullable(),
  expectedResults: z.string().nullable(),
  replicability: z.string().nullable(),
  returnReason: z.string().nullable(),
  stoppedOn: z.string().nullable(),
  stopReason: z.string().nullable(),
});
export type PresentedModel = z.infer<typeof ModelOut>;
