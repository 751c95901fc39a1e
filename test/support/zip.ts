import { inflateRawSync } from 'node:zlib';

/** The text of one entry of a ZIP (enough to read word/document.xml). */
export function zipEntry(buf: Buffer, name: string): string {
  for (let p = 0; p + 30 < buf.length; ) {
    if (buf.readUInt32LE(p) !== 0x04034b50) break;
    const method = buf.readUInt16LE(p + 8);
    const size = buf.readUInt32LE(p + 18);
    const nameLen = buf.readUInt16LE(p + 26);
    const extra = buf.readUInt16LE(p + 28);
    const entry = buf.subarray(p + 30, p + 30 + nameLen).toString();
    const start = p + 30 + nameLen + extra;
    if (entry === name) return (method === 8 ? inflateRawSync(buf.subarray(start, start + size)) : buf.subarray(start, start + size)).toString('utf8');
    p = start + size;
  }
  throw new Error(`no ${name}`);
}

