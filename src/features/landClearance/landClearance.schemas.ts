import { blankToNull, z, zArea, zCode, zDate, zMoney, zOptText, zText, type Labels } from '../../lib/validation.js';
import { COMPLAINT_KINDS, HOUSEHOLD_KINDS, PAYMENT_METHODS, PROJECT_CATEGORIES, type ComplaintKind, type HouseholdKind, type PaymentMethod, type ProjectCategory } from './landClearance.table.js';

const keysOf = <T extends string>(o: Record<T, string>) => Object.keys(o) as [T, ...T[]];
const optDate = () => z.preprocess(blankToNull, zDate().nullish()).transform((v) => v ?? null);
const optArea = () => z.preprocess(blankToNull, zArea().nullish()).transform((v) => v ?? null);
const optMoney = () => z.preprocess(blankToNull, zMoney().nullish()).transform((v) => v ?? null);
const codeList = () => z.preprocess((v) => (typeof v === 'string' ? v.split(/[\n,;]+/).map((s) => s.trim()).filter(Boolean) : v), z.array(zCode()).max(1000)).default([]);
const count = () => z.preprocess(blankToNull, z.coerce.number().int().min(0).max(10_000_000).nullish()).transform((v) => v ?? 0);

export const projectLabels: Labels = {
  code: 'Mã dự án',
  name: 'Tên dự án',
  unit: 'Đơn vị chủ trì',
  units: 'Địa bàn liên quan',
  category: 'Loại dự án',
  investor: 'Chủ đầu tư',
  areaM2: 'Diện tích thu hồi (m²)',
  householdsAffected: 'Số hộ bị ảnh hưởng',
  organisationsAffected: 'Số tổ chức bị ảnh hưởng',
  startedOn: 'Ngày bắt đầu',
  dueOn: 'Hạn hoàn thành',
  officer: 'Cán bộ phụ trách',
  documents: 'Văn bản căn cứ',
  models: 'Mô hình "Dân vận khéo" gắn với dự án',
  description: 'Mô tả',
  isPublic: 'Công khai trên cổng',
};

export const ZProject = z.object({
  code: z.preprocess(blankToNull, zCode().nullish()),
  name: zText(300),
  unit: zCode(),
  units: codeList(),
  category: z.enum(keysOf<ProjectCategory>(PROJECT_CATEGORIES)),
  investor: zOptText(300),
  areaM2: optArea(),
  householdsAffected: count(),
  organisationsAffected: count(),
  startedOn: optDate(),
  dueOn: optDate(),
  officer: z.preprocess(blankToNull, z.string().trim().max(64).nullish()).transform((v) => v ?? null),
  documents: z.preprocess((v) => (typeof v === 'string' ? v.split(/[\n;]+/).map((s) => s.trim()).filter(Boolean) : v), z.array(z.string().trim().min(1).max(100)).max(100)).default([]),
  models: codeList(),
  description: zOptText(5000),
  isPublic: z.preprocess((v) => (v === undefined || v === null || v === '' ? true : v === true || v === 'true' || v === '1' || v === 'on' || v === 1), z.boolean()),
});

export const stepLabels: Labels = { plannedOn: 'Ngày dự kiến', doneOn: 'Ngày thực hiện', reason: 'Lý do', note: 'Ghi chú', action: 'Thao tác' };
export const ZStepAction = z.object({
  action: z.enum(['plan', 'done', 'approve', 'notApplicable', 'pause', 'resume']),
  plannedOn: optDate(),
  doneOn: optDate(),
  reason: zOptText(1000),
  note: zOptText(2000),
});

export const stepKindLabels: Labels = { code: 'Mã bước', name: 'Tên bước', sortOrder: 'Thứ tự', deadlineDays: 'Thời hạn (ngày)', dayKind: 'Cách tính ngày', countedFrom: 'Tính từ bước', optional: 'Chỉ khi cần', legalBasis: 'Căn cứ pháp lý', active: 'Đang dùng' };
const bool = () => z.preprocess((v) => v === true || v === 'true' || v === '1' || v === 'on' || v === 1, z.boolean());
export const ZStepKind = z.object({
  code: zCode(),
  name: zText(300),
  sortOrder: z.coerce.number().int().min(0).max(100_000),
  deadlineDays: z.preprocess(blankToNull, z.coerce.number().int().min(0).max(3650).nullish()).transform((v) => v ?? null),
  dayKind: z.enum(['calendar', 'working']),
  countedFrom: z.preprocess(blankToNull, zCode().nullish()).transform((v) => v ?? null),
  optional: bool(),
  legalBasis: zOptText(500),
  active: bool(),
});

export const householdLabels: Labels = {
  code: 'Mã hộ',
  project: 'Dự án',
  kind: 'Loại',
  name: 'Tên hộ, tổ chức',
  address: 'Địa chỉ',
  phone: 'Điện thoại',
  note: 'Ghi chú',
  parcels: 'Thửa đất',
  parcel: 'Thửa đất',
  mapSheet: 'Tờ bản đồ',
  parcelNo: 'Số thửa',
  landType: 'Loại đất',
  areaM2: 'Diện tích (m²)',
  recoveredM2: 'Diện tích thu hồi (m²)',
};

export const ZParcel = z.object({
  mapSheet: zOptText(20),
  parcelNo: zOptText(20),
  landType: zOptText(100),
  areaM2: optArea(),
  recoveredM2: optArea(),
});
export type TParcel = z.infer<typeof ZParcel>;

export const ZHousehold = z.object({
  code: z.preprocess(blankToNull, zCode().nullish()),
  project: zCode(),
  kind: z.preprocess((v) => v ?? 'household', z.enum(keysOf<HouseholdKind>(HOUSEHOLD_KINDS))),
  name: zText(300),
  address: zOptText(500),
  phone: zOptText(30),
  note: zOptText(2000),
  parcels: z.array(ZParcel).max(100).default([]),
});

export const planLabels: Labels = { land: 'Bồi thường về đất', assets: 'Bồi thường nhà, công trình, tài sản', support: 'Hỗ trợ', resettlement: 'Tái định cư', total: 'Tổng cộng', decisionNumber: 'Số quyết định phê duyệt', approvedOn: 'Ngày phê duyệt', effectiveOn: 'Ngày quyết định có hiệu lực' };
export const ZPlan = z.object({ land: optMoney(), assets: optMoney(), support: optMoney(), resettlement: optMoney(), total: optMoney() });
export const ZPlanApproval = z.object({ decisionNumber: zText(100), approvedOn: zDate(), effectiveOn: optDate() });

export const paymentLabels: Labels = { amount: 'Số tiền', paidOn: 'Ngày chi trả', method: 'Hình thức', receiptNo: 'Số chứng từ' };
export const ZPayment = z.object({
  amount: zMoney(),
  paidOn: zDate(),
  method: z.preprocess((v) => v || 'transfer', z.enum(keysOf<PaymentMethod>(PAYMENT_METHODS))),
  receiptNo: zOptText(100),
});

export const handoverLabels: Labels = { handedOn: 'Ngày bàn giao', areaM2: 'Diện tích bàn giao (m²)', minutesNo: 'Số biên bản', earlyAgreement: 'Thỏa thuận bàn giao trước' };
export const ZHandover = z.object({ handedOn: zDate(), areaM2: optArea(), minutesNo: zOptText(100), earlyAgreement: zOptText(1000) });

export const obstacleLabels: Labels = { openedOn: 'Ngày phát sinh', description: 'Nội dung vướng mắc', resolvedOn: 'Ngày giải quyết', resolution: 'Cách giải quyết' };
export const ZObstacle = z.object({ openedOn: zDate(), description: zText(2000) });
export const ZObstacleResolve = z.object({ resolvedOn: zDate(), resolution: zText(2000) });

export const householdStepLabels: Labels = { step: 'Bước', doneOn: 'Ngày thực hiện', note: 'Ghi chú' };
export const ZHouseholdStep = z.object({ step: zCode(), doneOn: zDate(), note: zOptText(1000) });

export const dialogueLabels: Labels = { heldOn: 'Ngày đối thoại', place: 'Địa điểm', chair: 'Người chủ trì', participants: 'Số người tham dự', households: 'Hộ tham gia', issues: 'Ý kiến, vấn đề nêu ra', agreements: 'Nội dung thống nhất', followups: 'Việc cần làm tiếp', task: 'Nội dung việc', owner: 'Người, đơn vị thực hiện', dueOn: 'Hạn' };
export const ZDialogue = z.object({
  heldOn: zDate(),
  place: zText(300),
  chair: zText(200),
  participants: z.coerce.number().int().min(1).max(100_000),
  households: codeList(),
  issues: zOptText(10_000),
  agreements: zOptText(10_000),
  followups: z.array(z.object({ task: zText(1000), owner: zText(200), dueOn: optDate() })).max(100).default([]),
});

export const complaintLabels: Labels = { household: 'Hộ gửi', kind: 'Loại đơn', receivedOn: 'Ngày tiếp nhận', content: 'Nội dung', handler: 'Người xử lý', answer: 'Nội dung trả lời', answeredOn: 'Ngày trả lời' };
export const ZComplaint = z.object({
  household: z.preprocess(blankToNull, zCode().nullish()).transform((v) => v ?? null),
  kind: z.enum(keysOf<ComplaintKind>(COMPLAINT_KINDS)),
  receivedOn: zDate(),
  content: zText(10_000),
  handler: zOptText(200),
});
export const ZComplaintAnswer = z.object({ answer: zText(10_000), answeredOn: zDate(), handler: zOptText(200) });
