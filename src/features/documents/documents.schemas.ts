import { blankToNull, z, zCode, zDate, zOptText, zText, type Labels } from '../../lib/validation.js';
import { DOCUMENT_KINDS } from './documents.table.js';

export const documentLabels: Labels = {
  number: 'Số, ký hiệu',
  kind: 'Loại văn bản',
  issuer: 'Cơ quan ban hành',
  unit: 'Đơn vị quản lý',
  date: 'Ngày ban hành',
  effectiveDate: 'Ngày hiệu lực',
  title: 'Trích yếu',
  signer: 'Người ký',
  field: 'Lĩnh vực',
  public: 'Công khai trên cổng',
  recipients: 'Nơi nhận',
  files: 'Tệp đính kèm',
};

const zNumber = () =>
  z
    .string()
    .overwrite((s) => s.normalize('NFC').trim())
    .min(1)
    .max(60);

/** true / false, also as a form or spreadsheet writes it ("1", "0", "true", "false"); absent: public. */
const zPublic = () =>
  z.preprocess((v) => {
    if (v === undefined || v === null) return true;
    if (v === true || v === 1 || v === '1' || v === 'true' || v === 'on') return true;
    if (v === false || v === 0 || v === '0' || v === 'false' || v === '') return false;
    return v;
  }, z.boolean({ message: 'phải là true hoặc false' }));

export const ZDocument = z.object({
  number: zNumber(),
  kind: z.enum(Object.keys(DOCUMENT_KINDS) as [string, ...string[]]),
  issuer: zText(200),
  unit: z.preprocess(blankToNull, zCode().nullish()),
  date: zDate(),
  effectiveDate: z.preprocess(blankToNull, zDate().nullish()),
  title: zText(1000),
  /** người ký (Nghị định 42/2022: "người ký") */
  signer: zOptText(200),
  /** lĩnh vực */
  field: zOptText(200),
  /** shown on the portal (default) or kept in the register only */
  public: zPublic(),
  /**
   * nơi nhận: codes of the units the document was sent to; each reads it with its subtree even
   * when it is kept off the portal. Absent: unchanged (none for a new document).
   */
  recipients: z.array(zCode()).max(500).optional(),
});
export type TDocument = z.infer<typeof ZDocument>;

const DocumentFileOut = z.object({
  id: z.number(),
  name: z.string(),
  mime: z.string(),
  size: z.number(),
  /** the public download (answers 404 while the document is not public) */
  url: z.string(),
});
export type PresentedDocumentFile = z.infer<typeof DocumentFileOut>;

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
  signer: z.string().nullable(),
  field: z.string().nullable(),
  public: z.boolean(),
  /** nơi nhận */
  recipients: z.array(z.object({ code: z.string(), name: z.string() })),
  files: z.array(DocumentFileOut),
});
export type PresentedDocument = z.infer<typeof DocumentOut>;
