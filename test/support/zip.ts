import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

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


/** A ZIP of `files`, each deflated (what an office program writes), for tests that build hostile workbooks. */
export function deflatedZip(files: { name: string; data: Buffer }[]): Buffer {
  const parts: Buffer[] = [];
  const dir: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const name = Buffer.from(f.name, 'utf8');
    const packed = deflateRawSync(f.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(f.data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(f.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(0x0800, 8);
    cd.writeUInt16LE(8, 10);
    cd.writeUInt32LE(crc32(f.data), 16);
    cd.writeUInt32LE(packed.length, 20);
    cd.writeUInt32LE(f.data.length, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    parts.push(local, name, packed);
    dir.push(cd, name);
    offset += 30 + name.length + packed.length;
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(files.length, 8);
  eocd.writeUInt16LE(files.length, 10);
  eocd.writeUInt32LE(dir.reduce((s, b) => s + b.length, 0), 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...dir, eocd]);
}
