import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { deepNfc, MAX_JSON_DEPTH, toIssues, z, zOptText, zText } from './validation.js';

describe('deepNfc', () => {
  it('normalises every string and key to NFC', () => {
    const nfd = 'Phường Bồ Đề'.normalize('NFD');
    expect(deepNfc({ [nfd]: [nfd, 1, null, { a: nfd }] })).toEqual({ 'Phường Bồ Đề': ['Phường Bồ Đề', 1, null, { a: 'Phường Bồ Đề' }] });
  });

  it('refuses nesting deeper than the limit with a 422 instead of overflowing the stack', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)) as unknown;
    expect(() => deepNfc(deep)).toThrow(AppError);
    expect(() => deepNfc(deep)).toThrow(/lồng nhau quá sâu/);
    let ok: unknown = 1;
    for (let i = 0; i < MAX_JSON_DEPTH - 1; i++) ok = [ok];
    expect(() => deepNfc(ok)).not.toThrow();
  });

  it('keeps a "__proto__" key as data, never as the prototype of the copy', () => {
    const out = deepNfc(JSON.parse('{"__proto__":{"version":1,"isAdmin":true}}') as Record<string, unknown>);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(out.version).toBeUndefined();
    expect(Object.keys(out)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });
});

describe('over-limit text', () => {
  it('names the field, the text\'s length and the limit, counting after NFC and trimming; lists keep "không được dài quá"', () => {
    const schema = z.object({ name: zText(300), note: zOptText(10), tags: z.array(z.string()).max(2) });
    const r = schema.safeParse({ name: `  ${'ư'.normalize('NFD').repeat(1234)}  `, note: 'x'.repeat(11), tags: ['a', 'b', 'c'] });
    expect(r.success).toBe(false);
    expect(toIssues(r.error!, { name: 'Tên mô hình', note: 'Ghi chú', tags: 'Nhãn' })).toEqual([
      { field: 'name', message: 'Tên mô hình: dài 1.234 ký tự, quá giới hạn 300 ký tự' },
      { field: 'note', message: 'Ghi chú: dài 11 ký tự, quá giới hạn 10 ký tự' },
      { field: 'tags', message: 'Nhãn: không được dài quá 2 mục' },
    ]);
  });
});
