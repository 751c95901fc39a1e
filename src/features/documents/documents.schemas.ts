import { blankToNull, z, zCode, zDate, zText, type Labels } from '../../lib/validation.js';
import { DOCUMENT_KINDS } from './documents.table.js';

export const documentLabels: Labels = {
  number: 'Số, ký hiệu',
  kind: 'Loại văn bản',
  issuer: 'Cơ quan ban hành',
  unit: 'Đơn vị quản lý',
  date: 'Ngày ban hành',
  effectiveDate: 'Ngày hiệu lực',
  title: 'Trích yếu',
};

const zNumber = () =>
  z
    .string()
    .overwrite((s) => s.normalize('NFC').trim())
    .min(1)
    .max(60);

export const ZDocument = z.object({
  number: zNumber(),
  kind: z.enum(Object.keys(DOCUMENT_KINDS) as [string, ...string[]]),
  issuer: zText(200),
  unit: z.preprocess(blankToNull, zCode().nullish()),
  date: zDate(),
  effectiveDate: z.preprocess(blankToNull, zDate().nullish()),
  title: zText(1000),
});
export type TDocument = z.infer<typeof ZDocument>;

export const DocumentOut = z.object({
  id: z.number(),
  number: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  issuer: z.string(),
  unit: z.string().nullable(),
  date: z.string(),
  effectiveDate: z.string().nullable(),
  title: z.string(),
});
export type PresentedDocument = z.infer<typeof DocumentOut>;

