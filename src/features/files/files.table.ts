import type { Generated, Selectable } from 'kysely';

export interface FileTable {
  id: Generated<number>;
  sha256: string;
  /** the name the user's file had (NFC), shown and offered on download */
  name: string;
  /** detected from the content, never from the name or the browser's claim */
  mime: string;
  size: number;
  data: Buffer;
  created_by: number | null;
  created_at: string;
}

export interface ModelUpdateFileTable {
  update_id: number;
  file_id: number;
}

export type FileRow = Selectable<FileTable>;
