import { blankToNull, z, zCode, zDate, zOptText, zText, type Labels } from '../../lib/validation.js';
import { UNIT_KINDS, UNIT_SECTORS } from './units.table.js';

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
  sector: 'Khối',
};

const optDate = () => z.preprocess(blankToNull, zDate().nullish());
const optCode = () => z.preprocess(blankToNull, zCode().nullish());
/** A unit's sector: one of UNIT_SECTORS; empty (null) inherits the sector of the unit above; left out keeps what is set. */
const optSector = () => z.preprocess(blankToNull, z.enum(UNIT_SECTORS, { message: 'phải là party (khối Đảng), government (chính quyền), front (Mặt trận và đoàn thể) hoặc armedForces (lực lượng vũ trang)' }).nullish());

const unitFields = {
  name: zText(200),
  kind: z.enum(UNIT_KINDS),
  adminCode: zOptText(20),
  sortOrder: z.coerce.number().int().min(0).max(1_000_000).default(0),
  validFrom: optDate(),
  validTo: optDate(),
  address: zOptText(300),
  successors: z.array(zCode()).max(50).default([]),
  sector: optSector(),
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
  sector: optSector(),
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
  /** the sector set on this unit; null: inherited */
  sector: z.string().nullable(),
  /** the sector that applies: its own, or the nearest unit's above; null: none set (unknown) */
  effectiveSector: z.string().nullable(),
});
export type PresentedUnit = z.infer<typeof UnitOut>;
