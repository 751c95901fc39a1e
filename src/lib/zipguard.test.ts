import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkZip, ZipRefused } from './zipguard.js';

/** A one-entry ZIP whose central directory declares `declared` bytes for `content`. */
function zip(content: Buffer, declared = content.length, entries = 1): Buffer {
  const name = Buffer.from('xl/workbook.xml');
  const data = deflateRawSync(content);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(name.length, 26);
  const cd = Buffer.alloc(46);
  cd.writeUInt32LE(0x02014b50, 0);
  cd.writeUInt16LE(8, 10);
  cd.writeUInt32LE(data.length, 20);
  cd.writeUInt32LE(declared, 24);
  cd.writeUInt16LE(name.length, 28);
  cd.writeUInt32LE(0, 42);
  const body = Buffer.concat([local, name, data]);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries, 8);
  eocd.writeUInt16LE(entries, 10);
  eocd.writeUInt32LE(cd.length + name.length, 12);
  eocd.writeUInt32LE(body.length, 16);
  return Buffer.concat([body, cd, name, eocd]);
}

describe('zip guard', () => {
  it('accepts a well-formed small archive', () => {
    expect(() => checkZip(zip(Buffer.from('<workbook/>')))).not.toThrow();
  });

  it('refuses what is not a ZIP at all', () => {
    expect(() => checkZip(Buffer.from('Tên,Ngày\nA,1'))).toThrow(ZipRefused);
  });

  it('refuses a bomb that declares a small size but inflates to much more, without inflating it', () => {
    const bomb = zip(Buffer.alloc(50 * 1024 * 1024), 1000); // 50 MB of zeros declared as 1 KB
    expect(bomb.length).toBeLessThan(100 * 1024);
    expect(() => checkZip(bomb)).toThrow(/lớn hơn khai báo/);
  });

  it('refuses an archive hiding a directory record beyond the declared count', () => {
    const one = zip(Buffer.from('<workbook/>'));
    // declare 1 entry but let the directory hold 2: readers that walk records would unpack both
    const eocdAt = one.length - 22;
    const cd = one.subarray(eocdAt - (46 + 'xl/workbook.xml'.length), eocdAt);
    const eocd = Buffer.from(one.subarray(eocdAt));
    eocd.writeUInt32LE(cd.length * 2, 12);
    const tampered = Buffer.concat([one.subarray(0, eocdAt), cd, eocd]);
    expect(() => checkZip(tampered)).toThrow(ZipRefused);
  });

  it('refuses an archive whose declared unpacked size is too big, and too many entries', () => {
    expect(() => checkZip(zip(Buffer.from('x'), 300 * 1024 * 1024))).toThrow(/quá lớn/);
    expect(() => checkZip(zip(Buffer.from('x')), { maxEntries: 0, maxTotalBytes: 1e9, maxEntryBytes: 1e9 })).toThrow(/quá nhiều/);
  });
});
