/**
 * zod at every edge, with Vietnamese messages that name the field. Schemas use the helpers
 * below so that every text is NFC-normalised and trimmed on the way in.
 */
import { z } from 'zod';
import { AppError, badInput, fieldError, type FieldIssue } from './errors.js';
import { formatNumber, parseArea, parseDate, parseMoney, todayVn, type Parsed } from './vi.js';

type Issue = z.core.$ZodRawIssue;

function sizing(origin: unknown): { unit: string; kind: 'text' | 'number' | 'list' | 'other' } {
  switch (origin) {
    case 'string':
      return { unit: ' ký tự', kind: 'text' };
    case 'array':
    case 'set':
      return { unit: ' mục', kind: 'list' };
    case 'number':
    case 'int':
    case 'bigint':
      return { unit: '', kind: 'number' };
    default:
      return { unit: '', kind: 'other' };
  }
}

/** The Vietnamese wording of one zod issue, without the field name. */
function viMessage(iss: Issue): string {
  switch (iss.code) {
    case 'invalid_type':
      if (iss.input === undefined || iss.input === null) return 'bắt buộc nhập';
      if (iss.expected === 'number' || iss.expected === 'int') return 'phải là một số';
      if (iss.expected === 'string') return 'phải là văn bản';
      if (iss.expected === 'array') return 'phải là một danh sách';
      if (iss.expected === 'object') return 'phải là một bản ghi (đối tượng JSON)';
      if (iss.expected === 'boolean') return 'phải là đúng/sai';
      return 'sai kiểu dữ liệu';
    case 'too_small': {
      const s = sizing(iss.origin);
      const min = Number(iss.minimum);
      const minText = formatNumber(min);
      if (s.kind === 'text' && min === 1) return 'bắt buộc nhập';
      if (s.kind === 'number') return iss.inclusive ? `phải lớn hơn hoặc bằng ${minText}` : `phải lớn hơn ${minText}`;
      return `phải có ít nhất ${minText}${s.unit}`;
    }
    case 'too_big': {
      const s = sizing(iss.origin);
      const max = Number(iss.maximum);
      if (s.kind === 'number') return max >= Number.MAX_SAFE_INTEGER ? 'số quá lớn' : iss.inclusive ? `phải nhỏ hơn hoặc bằng ${formatNumber(max)}` : `phải nhỏ hơn ${formatNumber(max)}`;
      // Text names its own length too: the officer sees how much to cut, not only the limit.
      if (s.kind === 'text' && typeof iss.input === 'string') return `dài ${formatNumber(iss.input.length)} ký tự, quá giới hạn ${formatNumber(max)} ký tự`;
      return `không được dài quá ${formatNumber(max)}${s.unit}`;
    }
    case 'invalid_format':
      return 'không đúng định dạng';
    case 'invalid_value':
      return `phải là một trong các giá trị: ${iss.values.map((v) => String(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `có trường không được phép: ${iss.keys.join(', ')}`;
    case 'not_multiple_of':
      return `phải là bội số của ${String(iss.divisor)}`;
    case 'custom':
      return iss.message ?? 'không hợp lệ';
    case 'invalid_union':
      return iss.errors[0]?.[0]?.message ?? 'không hợp lệ';
    case 'invalid_element':
    case 'invalid_key':
      return 'có phần tử không hợp lệ';
    default:
      return 'không hợp lệ';
  }
}

z.config({ customError: (iss) => viMessage(iss) });

/** Path segments as `units[3].parent`. */
function pathToField(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out ? `.${String(seg)}` : String(seg);
  }
  return out;
}

export type Labels = Record<string, string>;

/**
 * Turns a zod error into field issues, the first one per field (an empty name is "bắt buộc
 * nhập", not also "too short" and "bad characters"); `labels` maps a field's last key to its
 * Vietnamese name.
 */
export function toIssues(error: z.ZodError, labels: Labels = {}, prefix = ''): FieldIssue[] {
  const seen = new Set<string>();
  const first = error.issues.filter((iss) => {
    const key = pathToField(iss.path);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return first.map((iss) => {
    const path = pathToField(iss.path);
    const field = prefix ? (path ? `${prefix}${path.startsWith('[') ? '' : '.'}${path}` : prefix) : path;
    const last = [...iss.path].reverse().find((s) => typeof s === 'string');
    const label = typeof last === 'string' ? labels[last] : undefined;
    return { field, message: label ? `${label}: ${iss.message}` : iss.message };
  });
}

/** Parses `data` with `schema` or throws a 422 AppError naming each bad field. */
export function parseInput<S extends z.ZodType>(schema: S, data: unknown, labels: Labels = {}): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw badInput(toIssues(result.error, labels));
  return result.data;
}

/** Deeper than any document Khéo reads: a bundle is four levels deep. */
export const MAX_JSON_DEPTH = 64;

/**
 * Recursively NFC-normalises every string in a JSON-like value. A value nested deeper than
 * MAX_JSON_DEPTH is a 422 (not a stack overflow); a `__proto__` key stays an own data property,
 * as JSON.parse made it, instead of becoming the copy's prototype.
 */
export function deepNfc<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_JSON_DEPTH) throw badInput([{ field: '', message: `Dữ liệu lồng nhau quá sâu (quá ${MAX_JSON_DEPTH} tầng).` }]);
  if (Array.isArray(value)) return value.map((v: unknown) => deepNfc(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k.normalize('NFC'), { value: deepNfc(v, depth + 1), enumerable: true, writable: true, configurable: true });
  return out as T;
}

/** Keys of one object at most: no record Khéo reads has more than a few hundred fields. */
const MAX_JSON_KEYS = 10_000;

/**
 * Refuses, before anything walks it recursively, a JSON value nested deeper than MAX_JSON_DEPTH
 * or with an object wider than MAX_JSON_KEYS (issue #20 item 3): one pass with its own stack,
 * so neither the check nor a deep document can overflow ours. 400 naming the place.
 */
export function checkJsonShape(value: unknown): void {
  const stack: [unknown, number, string][] = [[value, 0, '']];
  while (stack.length) {
    const [v, depth, at] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) throw new AppError(400, 'json_too_deep', `Dữ liệu JSON lồng nhau quá sâu (quá ${MAX_JSON_DEPTH} tầng)${at ? ` tại ${at}` : ''}.`);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) if (v[i] !== null && typeof v[i] === 'object') stack.push([v[i], depth + 1, `${at}[${i}]`]);
      continue;
    }
    const keys = Object.keys(v);
    if (keys.length > MAX_JSON_KEYS) throw new AppError(400, 'json_too_wide', `Dữ liệu JSON có một đối tượng quá nhiều trường (${formatNumber(keys.length)}; tối đa ${formatNumber(MAX_JSON_KEYS)})${at ? ` tại ${at}` : ''}.`);
    for (const k of keys) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== null && typeof x === 'object') stack.push([x, depth + 1, at ? `${at}.${k}` : k]);
    }
  }
}

/**
 * Control characters no text of ours holds (issue #20): C0 except tab, line feed and carriage
 * return (a textarea sends CR LF), DEL, and the C1 block. NUL is among them: PostgreSQL refuses it
 * and SQLite would store it — refused here, both databases answer alike.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

const controlCharMessage = (ch: string): string => `chứa ký tự điều khiển không được phép (U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')})`;

/** The first control character in a text, or null. */
function controlCharIn(s: string): string | null {
  const m = CONTROL.exec(s);
  return m ? m[0] : null;
}

/**
 * Refuses (422 naming the field, as `units[3].name`) any string — value or key — of a JSON-like
 * value or a form that holds a control character. One pass with its own stack; call after
 * checkJsonShape.
 */
export function assertNoControlChars(value: unknown, prefix = ''): void {
  const stack: [unknown, string][] = [[value, prefix]];
  while (stack.length) {
    const [v, at] = stack.pop()!;
    if (typeof v === 'string') {
      const ch = controlCharIn(v);
      if (ch) throw badInput([{ field: at, message: `${at || 'Dữ liệu'}: ${controlCharMessage(ch)}` }]);
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${at}[${i}]`]);
    } else if (v !== null && typeof v === 'object') {
      for (const k of Object.keys(v)) {
        const field = at ? `${at}.${k}` : k;
        const ch = controlCharIn(k);
        if (ch) throw badInput([{ field, message: `Tên trường ${JSON.stringify(k.replace(CONTROL, '?'))} ${controlCharMessage(ch)}` }]);
        stack.push([(v as Record<string, unknown>)[k], field]);
      }
    }
  }
}

/** A database id from a URL or form field: a whole number 1…2 147 483 647, else null. */
export function parseId(v: string | undefined | null): number | null {
  if (!v || !/^\d{1,10}$/.test(v)) return null;
  const n = Number(v);
  return n >= 1 && n <= 2_147_483_647 ? n : null;
}

/** An empty form field means "not given": '' and whitespace become null before validation. */
export const blankToNull = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? null : v);

/** A number from JSON or a form: a number, or non-empty text of one; null, booleans and "" are refused. */
export const zNum = () => z.union([z.number(), z.string().trim().min(1)]).pipe(z.coerce.number({ message: 'phải là một số' }));

/** Required text: NFC, trimmed, 1…max characters. */
export const zText = (max = 500) =>
  z.string().overwrite((s) => s.normalize('NFC').trim()).min(1).max(max);

/** Optional text: empty becomes null. */
export const zOptText = (max = 2000) =>
  z
    .string()
    .overwrite((s) => s.normalize('NFC').trim())
    .max(max)
    .nullish()
    .transform((s) => (s ? s : null));

/** A calendar date as "YYYY-MM-DD" (also accepts "dd/mm/yyyy"). */
export const zDate = () =>
  z
    .string()
    .trim()
    .refine((s) => parseDate(s) !== null, { message: 'phải là ngày hợp lệ (dd/mm/yyyy)' })
    .transform((s) => parseDate(s) as string);

/** A code: letters, digits, dot, dash, underscore; 1…64 characters. */
export const zCode = () =>
  z
    .string()
    .overwrite((s) => s.normalize('NFC').trim())
    .min(1)
    .max(64)
    .regex(/^[\p{L}\p{N}._-]+$/u, { message: 'chỉ gồm chữ, số, dấu chấm, gạch ngang, gạch dưới' });

const fromParsed = (parse: (v: string | number) => Parsed) =>
  z.union([z.number(), z.string().trim().min(1)]).transform((v, ctx) => {
    const r = parse(v);
    if ('error' in r) {
      ctx.addIssue({ code: 'custom', message: r.error });
      return z.NEVER;
    }
    return r.value;
  });

/** An area in m² (JSON number or Vietnamese text) → whole dm², exact. */
export const zArea = () => fromParsed(parseArea);

/** Money in whole đồng (JSON integer or "1.250.000.000"). */
export const zMoney = () => fromParsed(parseMoney);

export { z };

/** "through" from a query string: a date (ISO or dd/mm/yyyy), default today; 422 naming it otherwise. */
export function parseThrough(v: string | undefined): string {
  if (!v) return todayVn();
  const d = parseDate(v);
  if (!d) throw fieldError('through', 'phải là ngày hợp lệ (YYYY-MM-DD hoặc dd/mm/yyyy)');
  return d;
}

/** A page size from a query string: absent → undefined (the list's own default); a whole number 1..max, or 422 naming the field. */
export function parsePageSize(v: string | undefined, max: number, field = 'pageSize'): number | undefined {
  if (v === undefined || v === '') return undefined;
  const n = /^\d{1,6}$/.test(v.trim()) ? Number(v.trim()) : NaN;
  if (!(n >= 1 && n <= max)) throw fieldError(field, `phải là số nguyên từ 1 đến ${max}`);
  return n;
}
