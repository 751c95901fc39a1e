import { describe, expect, it } from 'vitest';
import { fold, formatArea, formatDate, formatDateTime, formatMoney, formatNumber, nfc, parseArea, parseDate, parseMoney, slugify, sortVi, viSortKey } from './vi.js';

/** a text containing `s` (typed for toMatchObject / toEqual) */
const has = (s: string): string => expect.stringContaining(s) as string;

describe('Vietnamese text', () => {
  it('folds marks and đ so that searches match without diacritics', () => {
    expect(fold('Dân vận khéo')).toBe('dan van kheo');
    expect(fold('ĐƯỜNG Đê')).toBe('duong de');
    expect(fold('Hòa')).toBe(fold('Hoà'));
    expect(fold('  Ngọc   Thụy ')).toBe('ngoc thuy');
  });

  it('normalises NFD input to NFC', () => {
    const nfd = 'Thượng Thanh'.normalize('NFD');
    expect(nfd).not.toBe('Thượng Thanh');
    expect(nfc(nfd)).toBe('Thượng Thanh');
  });

  it('makes slugs from Vietnamese titles', () => {
    expect(slugify('Năm Dân vận khéo, trọng tâm công tác GPMB')).toBe('nam-dan-van-kheo-trong-tam-cong-tac-gpmb');
  });

  it('builds sort keys whose byte order is the Vietnamese order', () => {
    const names = ['Ứng Hòa', 'Đức Giang', 'bồ đề', 'Bò Đê', 'Dương Xá', 'Cự Khối', 'Ư Thị', 'Uyên', 'An', 'Ăn', 'Ân', 'An Bình', 'Gia Thụy', 'Giang Biên', 'Tổ dân phố số 1'];
    const byKey = [...names].sort((a, b) => (viSortKey(a) < viSortKey(b) ? -1 : viSortKey(a) > viSortKey(b) ? 1 : 0));
    expect(byKey).toEqual(['An', 'An Bình', 'Ăn', 'Ân', 'Bò Đê', 'bồ đề', 'Cự Khối', 'Dương Xá', 'Đức Giang', 'Gia Thụy', 'Giang Biên', 'Tổ dân phố số 1', 'Uyên', 'Ư Thị', 'Ứng Hòa']);
    // agrees with Intl.Collator('vi') wherever the collator tells two names apart
    const collated = sortVi(names, (x) => x);
    const primaryDistinct = (a: string, b: string) => collated.indexOf(a) < collated.indexOf(b);
    for (const a of names) for (const b of names) if (a !== b && fold(a) !== fold(b) && primaryDistinct(a, b) && !a.startsWith('Ư') && !b.startsWith('Ư')) expect(viSortKey(a) < viSortKey(b), `${a} < ${b}`).toBe(true);
  });

  it('sorts names with the Vietnamese collation (Đ after D, Ư after U)', () => {
    const names = ['Đức Giang', 'Bồ Đề', 'Dương Xá', 'Cự Khối', 'Ư Thị', 'Uyên'];
    expect(sortVi(names, (x) => x)).toEqual(['Bồ Đề', 'Cự Khối', 'Dương Xá', 'Đức Giang', 'Uyên', 'Ư Thị']);
  });
});

describe('Vietnamese numbers and dates', () => {
  it('formats money and numbers with dots', () => {
    expect(formatMoney(1234567)).toBe('1.234.567 đ');
    expect(formatNumber(2269)).toBe('2.269');
    expect(formatNumber(85.5)).toBe('85,5');
  });

  it('formats dates as dd/mm/yyyy in Vietnam time', () => {
    expect(formatDate('2021-09-30')).toBe('30/09/2021');
    // 02:39 UTC is 09:39 in Hà Nội
    expect(formatDateTime('2021-10-06T02:39:00Z')).toBe('06/10/2021 09:39');
    expect(formatDate('2021-09-30T20:00:00Z')).toBe('01/10/2021');
  });

  it('parses typed dates and refuses impossible ones', () => {
    expect(parseDate('30/09/2021')).toBe('2021-09-30');
    expect(parseDate('1-2-2021')).toBe('2021-02-01');
    expect(parseDate('2020-12-30')).toBe('2020-12-30');
    expect(parseDate('31/02/2021')).toBeNull();
    expect(parseDate('hôm qua')).toBeNull();
  });
});

describe('areas and money', () => {
  it('reads areas with a decimal comma, thousands dots or a JSON number, exactly', () => {
    expect(parseArea('85,5')).toEqual({ value: 8550 });
    expect(parseArea('85.5')).toEqual({ value: 8550 });
    expect(parseArea(85.5)).toEqual({ value: 8550 });
    expect(parseArea('1.234,56')).toEqual({ value: 123456 });
    expect(parseArea('1.234.567')).toEqual({ value: 123456700 });
    expect(parseArea('120 m²')).toEqual({ value: 12000 });
    expect(parseArea(0.1 + 0.2)).toHaveProperty('error');
    expect(formatArea(8550)).toBe('85,5 m²');
  });

  it('refuses ambiguous, negative and over-precise areas', () => {
    expect(parseArea('1.234')).toEqual({ error: has('không rõ') });
    expect(parseArea('-5')).toEqual({ error: 'không được là số âm' });
    expect(parseArea(-5)).toEqual({ error: 'không được là số âm' });
    expect(parseArea('1,234')).toEqual({ error: has('2 chữ số thập phân') });
    expect(parseArea('abc')).toHaveProperty('error');
  });

  it('reads money in whole đồng and refuses decimals', () => {
    expect(parseMoney('1.250.000.000')).toEqual({ value: 1_250_000_000 });
    expect(parseMoney('1 250 000 000 đ')).toEqual({ value: 1_250_000_000 });
    expect(parseMoney(1_250_000_000)).toEqual({ value: 1_250_000_000 });
    expect(parseMoney('1.250.000,5')).toEqual({ error: has('số nguyên') });
    expect(parseMoney(12.5)).toEqual({ error: has('số nguyên') });
    expect(parseMoney('-100')).toEqual({ error: 'không được là số âm' });
  });
});
