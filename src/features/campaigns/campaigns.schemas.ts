import { blankToNull, z, zCode, zDate, zNum, zText, type Labels } from '../../lib/validation.js';

export const campaignLabels: Labels = {
  code: 'Mã chủ đề năm',
  unit: 'Đơn vị phát động',
  year: 'Năm',
  theme: 'Chủ đề',
  plan: 'Kế hoạch thực hiện (số, ký hiệu)',
  planDate: 'Ngày ban hành kế hoạch',
  startsOn: 'Ngày bắt đầu',
  endsOn: 'Ngày kết thúc',
  fields: 'Lĩnh vực',
  bands: 'Xếp loại theo điểm',
  criteria: 'Tiêu chí thẩm định',
  name: 'Tên',
  weight: 'Trọng số',
};

const ZField = z.object({ code: zCode(), name: zText(200) });
const ZCriterion = z.object({ code: zCode(), name: zText(300), weight: z.coerce.number().int().min(1).max(100) });

const uniqueCodes = (list: { code: string }[]) => new Set(list.map((x) => x.code)).size === list.length;

const campaignBody = {
  unit: zCode(),
  year: z.coerce.number().int().min(2000).max(2100),
  theme: zText(500),
  plan: z.preprocess(blankToNull, z.string().overwrite((s) => s.normalize('NFC').trim()).min(1).max(60).nullish()),
  planDate: z.preprocess(blankToNull, zDate().nullish()),
  startsOn: z.preprocess(blankToNull, zDate().nullish()),
  endsOn: z.preprocess(blankToNull, zDate().nullish()),
  fields: z.array(ZField).max(30).refine(uniqueCodes, { message: 'mã lĩnh vực bị lặp' }).default([]),
  bands: z
    .array(z.object({ name: zText(60), min: z.coerce.number().int().min(0).max(100) }))
    .max(10)
    .refine((l) => l.every((b, i) => i === 0 || b.min < l[i - 1]!.min), { message: 'xếp loại phải theo thứ tự điểm giảm dần' })
    .optional(),
  /** the portal shows the money the models mobilised (officers always see it) */
  publishMoney: z.boolean().optional(),
  criteria: z
    .array(ZCriterion)
    .max(30)
    .refine(uniqueCodes, { message: 'mã tiêu chí bị lặp' })
    .refine((l) => l.length === 0 || l.reduce((s, c) => s + c.weight, 0) === 100, { message: 'tổng trọng số các tiêu chí phải bằng 100' })
    .default([]),
};

export const ZCampaign = z.object({ code: zCode(), ...campaignBody });
export type TCampaign = z.infer<typeof ZCampaign>;
/** Editing: fields or criteria left out stay as they are. */
export const ZUpdateCampaign = z.object({ ...campaignBody, fields: campaignBody.fields.unwrap().optional(), criteria: campaignBody.criteria.unwrap().optional() });

export const CampaignOut = z.object({
  code: z.string(),
  unit: z.string(),
  unitName: z.string(),
  year: z.number(),
  theme: z.string(),
  plan: z.object({ number: z.string(), date: z.string(), title: z.string(), issuer: z.string() }).nullable(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  fields: z.array(z.object({ code: z.string(), name: z.string() })),
  criteria: z.array(z.object({ code: z.string(), name: z.string(), weight: z.number() })),
  bands: z.array(z.object({ name: z.string(), min: z.number() })),
  publishMoney: z.boolean(),
});
export type PresentedCampaign = z.infer<typeof CampaignOut>;

export const phaseLabels: Labels = {
  code: 'Mã giai đoạn',
  name: 'Tên giai đoạn',
  unit: 'Đơn vị',
  fromYear: 'Từ năm',
  toYear: 'Đến năm',
};

const zYear = () => zNum().pipe(z.number().int({ message: 'phải là một năm (số nguyên)' }).min(2000, { message: 'phải từ năm 2000' }).max(2100, { message: 'không được sau năm 2100' }));

/** A phase: at most 11 years (fromYear…toYear), the span of a Party congress term and then some. */
const phaseBody = {
  name: zText(300),
  unit: zCode(),
  fromYear: zYear(),
  toYear: zYear(),
};
const phaseYears = <T extends { fromYear: number; toYear: number }>(s: z.ZodType<T>) =>
  s
    .refine((p) => p.toYear >= p.fromYear, { path: ['toYear'], message: 'phải bằng hoặc sau năm bắt đầu' })
    .refine((p) => p.toYear - p.fromYear <= 10, { path: ['toYear'], message: 'một giai đoạn tối đa 11 năm' });
export const ZPhase = phaseYears(z.object({ code: zCode(), ...phaseBody }));
export const ZUpdatePhase = phaseYears(z.object(phaseBody));

export const PhaseOut = z.object({
  code: z.string(),
  name: z.string(),
  unit: z.string(),
  unitName: z.string(),
  fromYear: z.number(),
  toYear: z.number(),
  /** the campaigns it spans, oldest first */
  campaigns: z.array(z.object({ code: z.string(), year: z.number(), theme: z.string() })),
});
export type PresentedPhase = z.infer<typeof PhaseOut>;
