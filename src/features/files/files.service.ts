/**
 * Uploaded files: checked by their content (magic bytes), size-limited, stored with a
 * server-made id (in the database, so every app instance serves them), and served with the
 * user's Vietnamese file name encoded per RFC 6266 / RFC 5987.
 */
import { createHash } from 'node:crypto';
import type { Db, Tx } from '../../db/index.js';
import { AppError, badInput, type FieldIssue } from '../../lib/errors.js';
import type { Actor } from '../../policy/policy.js';
import { audit } from '../audit/audit.service.js';
import * as repo from './files.repository.js';

const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** What we accept, told apart by their first bytes. */
const KINDS: { mime: string; ext: string; test: (b: Buffer) => boolean }[] = [
  { mime: 'image/jpeg', ext: 'jpg', test: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { mime: 'image/png', ext: 'png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { mime: 'image/webp', ext: 'webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
  { mime: 'application/pdf', ext: 'pdf', test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
];

export const ACCEPT = 'image/jpeg,image/png,image/webp,application/pdf';

/** The type of `bytes` by content, or null when it is none we accept. */
export function sniff(bytes: Buffer): { mime: string; ext: string } | null {
  const k = KINDS.find((x) => x.test(bytes));
  return k ? { mime: k.mime, ext: k.ext } : null;
}

export interface Upload {
  name: string;
  bytes: Buffer;
}

/** Bidirectional controls: "\u202Egpj.exe.pdf" would show as "fdp.exe.jpg". */
const BIDI = /[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A safe display name: NFC, no path, no control or bidirectional characters, at most 150 characters. */
export function cleanName(name: string): string {
  const base = name.normalize('NFC').split(/[\\/]/).pop() ?? 'tep';
  const cleaned = [...base.replace(BIDI, '')].filter((ch) => ch.charCodeAt(0) >= 0x20 && ch.charCodeAt(0) !== 0x7f).join('').trim();
  return (cleaned || 'tep').slice(0, 150);
}

/** The problem of a file over the limit, in the words every upload form uses. */
export const tooLargeIssue = (name: string, field: string, maxBytes: number): FieldIssue => ({ field, message: `Tệp "${cleanName(name)}": quá lớn (tối đa ${Math.round(maxBytes / 1048576)} MB)` });

/**
 * Checks every upload first (nothing is stored when one is refused); `field` names the form field.
 * A file over the limit is a 413 (with the others' problems listed too), any other problem a 422.
 */
export function checkUploads(uploads: Upload[], field: string, maxBytes = MAX_FILE_BYTES): void {
  let oversize = false;
  const issues = uploads.flatMap((u) => {
    if (u.bytes.length === 0) return [{ field, message: `Tệp "${cleanName(u.name)}": tệp rỗng` }];
    if (u.bytes.length > maxBytes) {
      oversize = true;
      return [tooLargeIssue(u.name, field, maxBytes)];
    }
    if (!sniff(u.bytes)) return [{ field, message: `Tệp "${cleanName(u.name)}": chỉ nhận ảnh JPEG, PNG, WebP hoặc tệp PDF (nội dung tệp không phải loại đó)` }];
    return [];
  });
  if (!issues.length) return;
  const e = badInput(issues);
  throw oversize ? new AppError(413, 'payload_too_large', e.message, issues) : e;
}

/** Stores one checked upload; returns its id. */
export async function storeFile(trx: Tx, actor: Actor, u: Upload): Promise<number> {
  const kind = sniff(u.bytes);
  if (!kind) throw new AppError(422, 'bad_file', `Tệp "${cleanName(u.name)}": loại tệp không được nhận`);
  return repo.insertFile(trx, {
    sha256: createHash('sha256').update(u.bytes).digest('hex'),
    name: cleanName(u.name),
    mime: kind.mime,
    size: u.bytes.length,
    data: u.bytes,
    created_by: actor.kind === 'user' ? actor.userId : null,
    created_at: new Date().toISOString(),
  });
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Keeps an uploaded workbook between its preview and its confirmation (ZIP signature checked). */
export async function stageWorkbook(trx: Tx, actor: Actor, u: Upload): Promise<number> {
  if (u.bytes.length < 4 || u.bytes.readUInt32LE(0) !== 0x04034b50) throw badInput([{ field: 'file', message: `Tệp "${cleanName(u.name)}": không phải tệp Excel .xlsx` }]);
  const id = await repo.insertFile(trx, {
    sha256: createHash('sha256').update(u.bytes).digest('hex'),
    name: cleanName(u.name),
    mime: XLSX,
    size: u.bytes.length,
    data: u.bytes,
    created_by: actor.kind === 'user' ? actor.userId : null,
    created_at: new Date().toISOString(),
  });
  await audit(trx, actor, { action: 'file.stage', entityType: 'file', entityId: id, after: { name: cleanName(u.name), size: u.bytes.length } });
  return id;
}

/** Uses up a staged workbook (in the import's transaction), so a replayed confirmation finds nothing. */
export async function consumeStagedWorkbook(trx: Tx, id: number): Promise<void> {
  await repo.deleteFile(trx, id);
}

/** A workbook this actor staged, or 404. */
export async function stagedWorkbook(db: Db, actor: Actor, id: number): Promise<{ name: string; bytes: Buffer }> {
  const f = id >= 1 ? await repo.findFile(db, id) : undefined;
  if (!f || f.mime !== XLSX || (actor.kind === 'user' && f.created_by !== actor.userId)) throw new AppError(404, 'not_found', 'Không tìm thấy tệp đã tải lên; hãy tải lại tệp.');
  return { name: f.name, bytes: Buffer.from(f.data) };
}

/**
 * `Content-Disposition` with an ASCII fallback and the UTF-8 name (RFC 6266, RFC 5987):
 * "Ảnh bàn giao.jpg" → `inline; filename="Anh ban giao.jpg"; filename*=UTF-8''%E1%BA%A2nh%20b%C3%A0n%20giao.jpg`.
 */
export function contentDisposition(name: string, inline: boolean): string {
  const ascii = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, (c) => (c === 'đ' ? 'd' : 'D'))
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/*
 * The slice's public surface for other slices: these readers and writers of its tables, and the
 * kinds and labels of its table module. Other slices import them from here, never from
 * the repository or the table module (.dependency-cruiser.cjs).
 */
export { attachmentsOfFile, deleteFile, fileNames, filesOfUpdates, findFile, linkFileToUpdate } from './files.repository.js';
export type { FileMeta } from './files.repository.js';
export type { FileRow } from './files.table.js';
