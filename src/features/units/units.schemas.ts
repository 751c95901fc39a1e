import { blankToNull, z, zCode, zDate, zOptText, zText, type Labels } from '../../lib/validation.js';
import { UNIT_KINDS } from './units.table.js';

export const unitLabels: Labels = {
  code: 'Mã đơn vị',
  name: 'Tên đơn vị',
  kind: 'Loại đơn vị',
  parent: 'Đơn vị cấp trên',
  adminCode: 'Mã hành chính',
  sortOrder: 'Thứ tự',
  validFrom: 'Hiệu lực từ ngày',
  validTo: 'Hiệu lực đến ngày',
  address: 'Địa chỉ',
  successors: 'Đơn vị kế thừa',
};

const optDate = () => z.preprocess(blankToNull, zDate().nullish());
const optCode = () => z.preprocess(blankToNull, zCode().nullish());

const unitFields = {
  name: zText(200),
  kind: z.enum(UNIT_KINDS),
  adminCode: zOptText(20),
  sortOrder: z.coerce.number().int().min(0).max(1_000_000).default(0),
  validFrom: optDate(),
  validTo: optDate(),
  address: zOptText(300),
  successors: z.array(zCode()).max(50).default([]),
};

export const ZCreateUnit = z.object({
  code: zCode(),
  parent: optCode(),
  ...unitFields,
});

export const ZUpdateUnit = z.object(unitFields);

export const ZMoveUnit = z.object({ parent: zCode() });

export const ZDeactivateUnit = z.object({
  validTo: optDate(),
  successors: z.array(zCode()).max(50).default([]),
});

/** A unit as the bundle carries it (DESIGN §5). */
export const ZBundleUnit = z.object({
  code: zCode(),
  name: zText(200),
  kind: z.enum(UNIT_KINDS),
  parent: zCode().nullish(),
  adminCode: zOptText(20),
  sortOrder: z.number().int().min(0).optional(),
  validFrom: zDate().nullish(),
  validTo: zDate().nullish(),
  address: zOptText(300),
  successors: z.array(zCode()).optional(),
  active: z.boolean().optional(),
});
export type TBundleUnit = z.infer<typeof ZBundleUnit>;

export const UnitOut = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  parent: z.string().nullable(),
  adminCode: z.string().nullable(),
  sortOrder: z.number(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  address: z.string().nullable(),
  active: z.boolean(),
  depth: z.number(),
  successors: z.array(z.string()),
});
export type PresentedUnit = z.infer<typeof UnitOut>;
