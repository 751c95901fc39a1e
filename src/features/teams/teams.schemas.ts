import { blankToNull, z, zCode, zDate, zText, type Labels } from '../../lib/validation.js';

export const teamLabels: Labels = {
  code: 'Mã tổ, đội',
  unit: 'Đơn vị',
  kind: 'Loại tổ, đội',
  name: 'Tên tổ, đội',
  members: 'Số thành viên',
  establishedOn: 'Ngày thành lập',
  dissolvedOn: 'Ngày giải thể',
};

export const ZTeam = z.object({
  code: z.preprocess(blankToNull, zCode().nullish()),
  unit: zCode(),
  kind: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[a-zA-Z][a-zA-Z0-9]*$/, { message: 'là mã loại không dấu, ví dụ covidCommunity' }),
  name: zText(200),
  members: z.coerce.number().int().min(0).max(100_000).default(0),
  establishedOn: z.preprocess(blankToNull, zDate().nullish()),
  dissolvedOn: z.preprocess(blankToNull, zDate().nullish()),
});
export type TTeam = z.infer<typeof ZTeam>;

export const TeamOut = z.object({
  code: z.string(),
  unit: z.string(),
  unitName: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  name: z.string(),
  members: z.number(),
  establishedOn: z.string().nullable(),
  dissolvedOn: z.string().nullable(),
});
export type PresentedTeam = z.infer<typeof TeamOut>;
