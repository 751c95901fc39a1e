/**
 * Checks a ZIP container (an .xlsx) before any library unpacks it: the entry count and the
 * unpacked size are limited, and each entry is inflated here under a hard output cap, so a zip
 * bomb — declared small, inflating to gigabytes — is refused without ever being expanded.
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxEntryBytes: number;
}

export const XLSX_LIMITS: ZipLimits = { maxEntries: 2_000, maxTotalBytes: 200 * 1024 * 1024, maxEntryBytes: 150 * 1024 * 1024 };

export class ZipRefused extends Error {}

/** Throws ZipRefused (with a Vietnamese reason) unless `buf` is a ZIP within `limits`. */
export function checkZip(buf: Buffer, limits: ZipLimits = XLSX_LIMITS): void {
  if (buf.length < 22 || buf.readUInt32LE(0) !== 0x04034b50) throw new ZipRefused('không phải tệp Excel .xlsx (không đúng định dạng ZIP của Office)');
  // End of central directory: the last 22 bytes, or earlier when there is a comment.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipRefused('tệp Excel bị hỏng (không đọc được mục lục ZIP)');
  const entries = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  // Readers (JSZip among them) trust the entries they find, not the count: the directory must
  // end exactly where the end record begins, and hold exactly the declared entries.
  if (cdOffset + cdSize !== eocd) throw new ZipRefused('mục lục ZIP không khớp với kích thước tệp, nghi là tệp bị sửa');
  if (entries === 0xffff || cdOffset === 0xffffffff) throw new ZipRefused('tệp quá lớn hoặc dùng định dạng ZIP64, không được nhận');
  if (entries > limits.maxEntries) throw new ZipRefused(`tệp có quá nhiều thành phần (${entries}), nghi là tệp nén độc hại`);
  let p = cdOffset;
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) throw new ZipRefused('tệp Excel bị hỏng (mục lục ZIP sai)');
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const size = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    total += size;
    if (size > limits.maxEntryBytes || total > limits.maxTotalBytes) throw new ZipRefused('dung lượng sau giải nén quá lớn, nghi là tệp nén độc hại');
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== 0x04034b50) throw new ZipRefused('tệp Excel bị hỏng (thành phần ZIP sai)');
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataStart, dataStart + compressed);
    if (method === 8) {
      let out: Buffer;
      try {
        out = inflateRawSync(data, { maxOutputLength: Math.max(size, 1) });
      } catch {
        throw new ZipRefused('một thành phần giải nén ra lớn hơn khai báo hoặc bị hỏng, nghi là tệp nén độc hại');
      }
      if (out.length !== size) throw new ZipRefused('kích thước sau giải nén không khớp khai báo');
    } else if (method !== 0) {
      throw new ZipRefused('tệp dùng kiểu nén không được hỗ trợ');
    } else if (compressed !== size) {
      throw new ZipRefused('tệp Excel bị hỏng (kích thước sai)');
    }
    p += 46 + nameLen + extraLen + commentLen;
  }
  // JSZip reads directory records for as long as it finds them: none may hide after the count
  if (p !== eocd) throw new ZipRefused('tệp có thành phần ẩn ngoài mục lục ZIP, nghi là tệp nén độc hại');
}
