/**
 * Checks a ZIP container (an .xlsx) before any library unpacks it: the entry count and the
 * unpacked size are limited, and each entry is inflated here under a hard output cap, so a zip
 * bomb — declared small, inflating to gigabytes — is refused without ever being expanded.
 */
import { crc32, inflateRawSync } from 'node:zlib';

interface ZipLimits {
  maxEntries: number;
  maxTotalBytes: number;
  maxEntryBytes: number;
}

const XLSX_LIMITS: ZipLimits = { maxEntries: 2_000, maxTotalBytes: 200 * 1024 * 1024, maxEntryBytes: 150 * 1024 * 1024 };

export class ZipRefused extends Error {}

/** One member of a checked archive: its name, how it is stored, its bytes as stored. */
export interface ZipEntry {
  name: string;
  method: 0 | 8;
  /** uncompressed size as the directory declares it */
  size: number;
  data: Buffer;
}

/**
 * Checks the container (directory, counts, declared sizes) without inflating anything and lists
 * its members. A member is inflated only when asked for (`inflateEntry`, capped at its declared
 * size): a reader that needs three parts of forty inflates three.
 */
export function listZip(buf: Buffer, limits: ZipLimits = XLSX_LIMITS): ZipEntry[] {
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
  const out: ZipEntry[] = [];
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
    if (dataStart + compressed > buf.length) throw new ZipRefused('tệp Excel bị hỏng (thành phần ZIP bị cắt cụt)');
    if (method !== 8 && method !== 0) throw new ZipRefused('tệp dùng kiểu nén không được hỗ trợ');
    if (method === 0 && compressed !== size) throw new ZipRefused('tệp Excel bị hỏng (kích thước sai)');
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    out.push({ name, method, size, data: buf.subarray(dataStart, dataStart + compressed) });
    p += 46 + nameLen + extraLen + commentLen;
  }
  // JSZip reads directory records for as long as it finds them: none may hide after the count
  if (p !== eocd) throw new ZipRefused('tệp có thành phần ẩn ngoài mục lục ZIP, nghi là tệp nén độc hại');
  return out;
}

/** A member's bytes, inflated under a hard cap of its declared size: one that inflates to more is refused. */
export function inflateEntry(e: ZipEntry): Buffer {
  if (e.method === 0) return e.data;
  let out: Buffer;
  try {
    out = inflateRawSync(e.data, { maxOutputLength: Math.max(e.size, 1) });
  } catch {
    throw new ZipRefused('một thành phần giải nén ra lớn hơn khai báo hoặc bị hỏng, nghi là tệp nén độc hại');
  }
  if (out.length !== e.size) throw new ZipRefused('kích thước sau giải nén không khớp khai báo');
  return out;
}

/** Throws ZipRefused (with a Vietnamese reason) unless `buf` is a ZIP within `limits`, every member inflated and checked. */
export function checkZip(buf: Buffer, limits: ZipLimits = XLSX_LIMITS): void {
  for (const e of listZip(buf, limits)) inflateEntry(e);
}

/** A ZIP of `files`, stored without compression (for handing checked parts to a reader). */
export function storedZip(files: { name: string; data: Buffer }[]): Buffer {
  const parts: Buffer[] = [];
  const dir: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const crc = crc32(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(f.data.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(f.data.length, 20);
    cd.writeUInt32LE(f.data.length, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    parts.push(local, name, f.data);
    dir.push(cd, name);
    offset += 30 + name.length + f.data.length;
  }
  const cdSize = dir.reduce((s, b) => s + b.length, 0);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(files.length, 8);
  eocd.writeUInt16LE(files.length, 10);
  eocd.writeUInt32LE(cdSize, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...dir, eocd]);
}
