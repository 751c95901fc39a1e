/**
 * Vietnamese text, numbers and dates, done once. Every slice sorts, folds, and formats
 * through these functions so that search, slugs and display agree.
 */

/** Unicode NFC: the form every text is stored in. */
export const nfc = (s: string): string => s.normalize('NFC');

/**
 * Folds Vietnamese text for matching: NFD, combining marks stripped, đ/Đ/Ð → d, lower case,
 * whitespace collapsed. "Đường Hoà" and "duong hoa" fold alike.
 */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐÐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A URL slug from Vietnamese text: "Năm Dân vận khéo" → "nam-dan-van-kheo". */
export function slugify(s: string): string {
  return fold(s)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export const collator = new Intl.Collator('vi', { sensitivity: 'base', numeric: true });

// Vietnamese alphabetical order; a letter's position becomes one character of the sort key.
const ALPHABET = ['a', 'ă', 'â', 'b', 'c', 'd', 'đ', 'e', 'ê', 'f', 'g', 'h', 'i', 'j', 'k', 'l', 'm', 'n', 'o', 'ô', 'ơ', 'p', 'q', 'r', 's', 't', 'u', 'ư', 'v', 'w', 'x', 'y', 'z'];
const LETTER_KEY = new Map(ALPHABET.map((l, i) => [l, String.fromCharCode(0x41 + i)]));
// Tones in dictionary order: ngang, huyền, hỏi, ngã, sắc, nặng.
const TONE_KEY = new Map([
  ['\u0300', '1'],
  ['\u0309', '2'],
  ['\u0303', '3'],
  ['\u0301', '4'],
  ['\u0323', '5'],
]);

/**
 * A key whose plain byte order (SQLite's BINARY, PostgreSQL's "C") is the Vietnamese dictionary
 * order: letters by the Vietnamese alphabet (đ after d, ư after u), then tones, case ignored.
 * Lets the database sort and page by name without a Vietnamese collation of its own.
 */
export function viSortKey(s: string): string {
  let primary = '';
  let tones = '';
  const text = s.normalize('NFC').toLowerCase().trim().replace(/\s+/g, ' ');
  for (const ch of text) {
    const parts = [...ch.normalize('NFD')];
    const tone = parts.find((p) => TONE_KEY.has(p));
    const letter = parts.filter((p) => !TONE_KEY.has(p)).join('').normalize('NFC');
    const key = LETTER_KEY.get(letter);
    if (key) {
      primary += key;
      tones += tone ? TONE_KEY.get(tone) : '0';
    } else if (/[0-9]/.test(letter)) {
      primary += letter;
    } else if (letter === ' ') {
      primary += ' ';
    } else {
      primary += '!';
    }
  }
  return `${primary}\u0001${tones}`;
}

/** Compares two strings the Vietnamese way (for Array.prototype.sort). */
export const compareVi = (a: string, b: string): number => collator.compare(a, b);

/** Sorts a copy of `items` by the Vietnamese collation of `key(item)`. */
export function sortVi<T>(items: readonly T[], key: (item: T) => string): T[] {
  return [...items].sort((a, b) => collator.compare(key(a), key(b)));
}

const numberFormat = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 });

/** 2269 → "2.269"; 85.5 → "85,5". */
export const formatNumber = (n: number): string => numberFormat.format(n);

/** 1234567 → "1.234.567 đ" (money is an integer number of đồng). */
export const formatMoney = (dong: number): string => `${formatNumber(Math.round(dong))} đ`;

/** Money as a report's sentence says it: "1,25 tỷ đồng", "350 triệu đồng", "800.000 đồng" (two decimals at most). */
export function formatMoneyWords(dong: number): string {
  const r2 = (x: number) => Math.round(x * 100) / 100;
  if (dong >= 1e9) return `${formatNumber(r2(dong / 1e9))} tỷ đồng`;
  if (dong >= 1e6) return `${formatNumber(r2(dong / 1e6))} triệu đồng`;
  return `${formatNumber(Math.round(dong))} đồng`;
}

const TZ = 'Asia/Ho_Chi_Minh';
const dateParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: TZ,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

function partsOf(d: Date): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of dateParts.formatToParts(d)) out[p.type] = p.value;
  return out;
}

/**
 * A calendar date ("2021-09-30") or an instant (ISO string or Date) as "30/09/2021".
 * Instants are shown in Vietnam's time zone.
 */
export function formatDate(value: string | Date | null | undefined): string {
  if (value == null || value === '') return '';
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const [y, m, d] = value.split('-');
    return `${d}/${m}/${y}`;
  }
  const p = partsOf(typeof value === 'string' ? new Date(value) : value);
  return `${p.day}/${p.month}/${p.year}`;
}

/** An instant as "06/10/2021 09:39" in Vietnam's time zone. */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (value == null || value === '') return '';
  const p = partsOf(typeof value === 'string' ? new Date(value) : value);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** The first instant of a calendar day in Hà Nội (UTC+7), as a UTC ISO string: how instants are stored. */
export const vnDayStart = (day: string): string => new Date(`${day}T00:00:00+07:00`).toISOString();

/** The first instant of the following day in Hà Nội: "on or before `day`" is "before this". */
export const vnDayEnd = (day: string): string => new Date(new Date(`${day}T00:00:00+07:00`).getTime() + 86_400_000).toISOString();

/** Whole days from `from` to `to` (ISO dates; negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/** Today's date in Vietnam as "YYYY-MM-DD". */
export function todayVn(now = new Date()): string {
  const p = partsOf(now);
  return `${p.year}-${p.month}-${p.day}`;
}

/**
 * Parses a date typed the Vietnamese way ("30/09/2021", "30-9-2021") or as ISO ("2021-09-30")
 * into "YYYY-MM-DD"; null when it is not a real calendar date.
 */
export function parseDate(input: string): string | null {
  const s = input.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  } else {
    match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[2]), Number(match[3])];
  }
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return null;
  }
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export type Parsed = { value: number } | { error: string };

/**
 * An area in m² as typed the Vietnamese way or sent as a JSON number, to whole dm² (hundredths
 * of a m²) so that it is stored and summed exactly: "85,5" → 8550, "1.234,5" → 123450,
 * "1.234.567" → 123456700, 85.5 → 8550. "1.234" is refused: a thousands dot or a decimal point?
 */
export function parseArea(input: string | number): Parsed {
  let s: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { error: 'phải là một số' };
    s = String(input);
    if (/e/i.test(s)) return { error: 'phải là một số' };
  } else {
    s = input.trim().replace(/\s+/g, '').replace(/m2$|m²$/i, '');
    if (s.startsWith('-')) return { error: 'không được là số âm' };
    if (/^\d{1,3}\.\d{3}$/.test(s)) return { error: `"${s}" không rõ là số nguyên hay số thập phân: viết ${s.replace('.', '')} hoặc ${s.replace('.', ',')}` };
    if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) s = s.replace(/\./g, '').replace(',', '.');
    else if (/^\d+,\d+$/.test(s)) s = s.replace(',', '.');
    else if (!/^\d+(\.\d+)?$/.test(s)) return { error: 'phải là một số, ví dụ 85,5' };
  }
  if (s.startsWith('-')) return { error: 'không được là số âm' };
  const m = /^(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return { error: 'phải là một số, ví dụ 85,5' };
  const frac = m[2] ?? '';
  if (frac.length > 2) return { error: 'chỉ được tối đa 2 chữ số thập phân' };
  const value = Number(m[1]) * 100 + Number(frac.padEnd(2, '0'));
  if (!Number.isSafeInteger(value)) return { error: 'số quá lớn' };
  return { value };
}

/**
 * An amount of money in whole đồng: 1250000000, "1.250.000.000", "1 250 000 000 đ". Decimals
 * ("1.250.000,5", 12.5) and negative amounts are refused.
 */
export function parseMoney(input: string | number): Parsed {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return { error: 'phải là một số' };
    if (input < 0) return { error: 'không được là số âm' };
    if (!Number.isInteger(input)) return { error: 'phải là số nguyên đồng (không có phần thập phân)' };
    if (!Number.isSafeInteger(input)) return { error: 'số quá lớn' };
    return { value: input };
  }
  const s = input.trim().replace(/\s+/g, '').replace(/(đồng|đ|vnđ|vnd)$/i, '');
  if (s.startsWith('-')) return { error: 'không được là số âm' };
  if (/[,]/.test(s) || /^\d+\.\d{1,2}$/.test(s)) return { error: 'phải là số nguyên đồng (không có phần thập phân)' };
  let digits: string;
  if (/^\d+$/.test(s)) digits = s;
  else if (/^\d{1,3}(\.\d{3})+$/.test(s)) digits = s.replace(/\./g, '');
  else return { error: 'phải là một số tiền, ví dụ 1.250.000.000' };
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) return { error: 'số quá lớn' };
  return { value };
}

/** 8550 dm² → "85,5 m²". */
export const formatArea = (dm2: number): string => `${formatNumber(dm2 / 100)} m²`;

/** A share as "75%" or "7,5%" (0 when there is nothing to divide by). */
export const formatPercent = (part: number, whole: number): string => `${formatNumber(whole > 0 ? Math.round((part * 1000) / whole) / 10 : 0)}%`;

/** A Vietnamese enumeration: "a", "a và b", "a; b và c" (items that are clauses are joined with "; "). */
export function joinVi(items: readonly string[], sep = '; '): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(sep)} và ${items.at(-1)!}`;
}

/**
 * An instant typed in Vietnam's time ("2021-10-06T09:39" from a datetime-local field,
 * "06/10/2021 09:39", or "2021-10-06") or a full ISO instant with its offset, as a UTC ISO
 * string; null when it is no real instant. A date alone means its first minute.
 */
export function parseDateTimeVn(input: string): string | null {
  const s = input.trim();
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(s)) {
    const d = new Date(s);
    return Number.isNaN(d.getTime()) ? null : d.toISOString();
  }
  const m = /^(.+?)(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (!m) return null;
  const day = parseDate(m[1]!);
  if (!day) return null;
  const [h, min, sec] = [Number(m[2] ?? 0), Number(m[3] ?? 0), Number(m[4] ?? 0)];
  if (h > 23 || min > 59 || sec > 59) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return new Date(`${day}T${pad(h)}:${pad(min)}:${pad(sec)}+07:00`).toISOString();
}

/** An instant as "2021-10-06T09:39" in Vietnam's time: the value of a datetime-local field. */
export function toDateTimeLocalVn(value: string | null | undefined): string {
  if (!value) return '';
  const p = partsOf(new Date(value));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

/** An instant as ISO with Vietnam's offset: "2021-10-06T09:39:00+07:00" (exports, feeds). */
export function toIsoVn(value: string): string {
  const p = partsOf(new Date(value));
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}:${p.second ?? '00'}+07:00`;
}
