import type { Generated, Selectable } from 'kysely';

/** Kinds of Party and State documents (văn bản) with their Vietnamese names. */
export const DOCUMENT_KINDS: Record<string, string> = {
  NQ: 'Nghị quyết',
  QĐ: 'Quyết định',
  CT: 'Chỉ thị',
  KL: 'Kết luận',
  KH: 'Kế hoạch',
  HD: 'Hướng dẫn',
  CV: 'Công văn',
  TB: 'Thông báo',
  BC: 'Báo cáo',
  TTr: 'Tờ trình',
  QC: 'Quy chế',
  QyĐ: 'Quy định',
  CTr: 'Chương trình',
  K: 'Khác',
};

export interface DocumentTable {
  id: Generated<number>;
  /** số/ký hiệu, e.g. "18-KH/QU" */
  number: string;
  kind: string;
  /** cơ quan ban hành, as printed */
  issuer: string;
  unit_id: number | null;
  issued_on: string;
  effective_on: string | null;
  /** trích yếu */
  title: string;
  search_folded: string;
  /** người ký */
  signer: string | null;
  /** lĩnh vực */
  field: string | null;
  /** 0: kept in the register but not on the portal */
  is_public: Generated<number>;
  created_at: string;
  updated_at: string;
}

export type DocumentRow = Selectable<DocumentTable>;

/** Files (the signed scan, annexes) attached to a document, in order. */
export interface DocumentFileTable {
  document_id: number;
  file_id: number;
  position: Generated<number>;
}

/** The units a document was sent to (nơi nhận): each reads it with its subtree (issue #20 decision). */
export interface DocumentRecipientTable {
  document_id: number;
  unit_id: number;
}
