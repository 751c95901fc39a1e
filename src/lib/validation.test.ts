import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { deepNfc, MAX_JSON_DEPTH } from './validation.js';

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
