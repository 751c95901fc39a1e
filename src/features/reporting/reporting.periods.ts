/**
 * Reporting periods, named the Vietnamese way: "Tháng 01/2021", "Quý I/2021", "6 tháng đầu năm
 * 2021", "9 tháng đầu năm 2021", "Năm 2021". Keys are stable text ("2021-01", "2021-Q1",
 * "2021-H1", "2021-9T", "2021"); 6 and 9 months count from January, as reports do.
 */
import type { PeriodType } from './reporting.table.js';

export interface Period {
  key: string;
  type: PeriodType;
  year: number;
  /** first and last day, yyyy-mm-dd */
  from: string;
  to: string;
  label: string;
  /** a short label for a chart axis: "T01", "Q I", "6T đầu", "9T", "2021" */
  short: string;
}

const pad = (n: number) => String(n).padStart(2, '0');
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const range = (y: number, m1: number, m2: number) => ({ from: `${y}-${pad(m1)}-01`, to: `${y}-${pad(m2)}-${pad(lastDay(y, m2))}` });
const ROMAN = ['I', 'II', 'III', 'IV'];

function make(type: PeriodType, y: number, n: number): Period {
  switch (type) {
    case 'month':
      return { key: `${y}-${pad(n)}`, type, year: y, ...range(y, n, n), label: `Tháng ${pad(n)}/${y}`, short: `T${pad(n)}/${String(y).slice(2)}` };
    case 'quarter':
      return { key: `${y}-Q${n}`, type, year: y, ...range(y, 3 * n - 2, 3 * n), label: `Quý ${ROMAN[n - 1]}/${y}`, short: `Q${n}/${String(y).slice(2)}` };
    case 'half':
      return n === 1
        ? { key: `${y}-H1`, type, year: y, ...range(y, 1, 6), label: `6 tháng đầu năm ${y}`, short: `6T đầu/${String(y).slice(2)}` }
        : { key: `${y}-H2`, type, year: y, ...range(y, 7, 12), label: `6 tháng cuối năm ${y}`, short: `6T cuối/${String(y).slice(2)}` };
    case 'nine':
      return { key: `${y}-9T`, type, year: y, ...range(y, 1, 9), label: `9 tháng đầu năm ${y}`, short: `9T/${String(y).slice(2)}` };
    case 'year':
      return { key: String(y), type, year: y, ...range(y, 1, 12), label: `Năm ${y}`, short: String(y) };
  }
}

/** The period of a key, or null when the key is not one of its type. */
export function parsePeriod(type: PeriodType, key: string): Period | null {
  const m =
    type === 'month' ? /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key) : type === 'quarter' ? /^(\d{4})-Q([1-4])$/.exec(key) : type === 'half' ? /^(\d{4})-H([12])$/.exec(key) : type === 'nine' ? /^(\d{4})-9T()$/.exec(key) : /^(\d{4})()$/.exec(key);
  if (!m) return null;
  const y = Number(m[1]);
  if (y < 1990 || y > 2200) return null;
  return make(type, y, Number(m[2] || 1));
}

/** Any period key of any type. */
export function parseAnyPeriod(key: string): Period | null {
  for (const t of ['month', 'quarter', 'half', 'nine', 'year'] as const) {
    const p = parsePeriod(t, key);
    if (p) return p;
  }
  return null;
}

export function periodsOfYear(type: PeriodType, year: number): Period[] {
  const n = type === 'month' ? 12 : type === 'quarter' ? 4 : type === 'half' ? 2 : 1;
  return Array.from({ length: n }, (_, i) => make(type, year, i + 1));
}

/** The period before: last month, last quarter; for 6 and 9 months and the year, a year earlier. */
export function previousPeriod(p: Period): Period {
  if (p.type === 'month') {
    const m = indexOf(p);
    return m === 1 ? make('month', p.year - 1, 12) : make('month', p.year, m - 1);
  }
  if (p.type === 'quarter') {
    const q = indexOf(p);
    return q === 1 ? make('quarter', p.year - 1, 4) : make('quarter', p.year, q - 1);
  }
  if (p.type === 'half') return p.key.endsWith('H2') ? make('half', p.year, 1) : make('half', p.year - 1, 2);
  return make(p.type, p.year - 1, 1);
}

/** The same period a year earlier ("cùng kỳ"). */
export function samePeriodLastYear(p: Period): Period {
  return make(p.type, p.year - 1, indexOf(p));
}

/** The number of a period within its year: month 1–12, quarter 1–4, half 1–2; 1 otherwise. */
const indexOf = (p: Period): number => (p.type === 'month' ? Number(p.key.slice(5)) : p.type === 'quarter' ? Number(p.key.slice(6)) : p.type === 'half' ? (p.key.endsWith('H2') ? 2 : 1) : 1);

/** The last day on which a report for the period is on time. */
export function dueDate(p: Period, deadlineDays: number): string {
  const d = new Date(`${p.to}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + deadlineDays);
  return d.toISOString().slice(0, 10);
}

/** The month keys a period covers (a monthly form's figures for a quarter, 6 or 9 months, a year). */
export function monthsOf(p: Period): string[] {
  const m1 = Number(p.from.slice(5, 7));
  const m2 = Number(p.to.slice(5, 7));
  return Array.from({ length: m2 - m1 + 1 }, (_, i) => `${p.year}-${pad(m1 + i)}`);
}

/** The latest period of this type that has ended by `today` (what officers report now). */
export function lastEndedPeriod(type: PeriodType, today: string): Period {
  const y = Number(today.slice(0, 4));
  const all = [...periodsOfYear(type, y - 1), ...periodsOfYear(type, y)].filter((p) => p.to < today);
  return all[all.length - 1] ?? periodsOfYear(type, y - 1).at(-1)!;
}
