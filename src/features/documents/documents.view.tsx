/** @jsxImportSource hono/jsx */
/* Pieces the admin and public document pages share. */
import { formatNumber } from '../../lib/vi.js';
import type { PresentedDocumentFile } from './documents.schemas.js';

/** "245 KB", "1,2 MB". */
function fileSize(bytes: number): string {
  if (bytes < 1024 * 1024) return `${formatNumber(Math.max(1, Math.round(bytes / 1024)))} KB`;
  return `${formatNumber(Math.round((bytes / 1048576) * 10) / 10)} MB`;
}

/** What kind of file, in words a reader knows. */
function fileKind(mime: string): string {
  if (mime === 'application/pdf') return 'PDF';
  if (mime.startsWith('image/')) return `ảnh ${mime.slice(6).toUpperCase()}`;
  return mime;
}

/** A download link: the name, then its kind and size. */
export function FileLink({ f, href }: { f: PresentedDocumentFile; href?: string }) {
  return (
    <a href={href ?? f.url} class="file-link">
      {f.name}{' '}
      <span class="muted">
        ({fileKind(f.mime)}, {fileSize(f.size)})
      </span>
    </a>
  );
}
