/** @jsxImportSource hono/jsx */
/** What the reporting pages share: their addresses, how a figure is shown, the comparison table. */
import { formatNumber } from '../../lib/vi.js';
import * as reporting from './reporting.service.js';

export const enc = encodeURIComponent;
/** The form's page: `/quan-tri/bao-cao/BC-DV-THANG`. */
export const base = (form: string) => `/quan-tri/bao-cao/${enc(form)}`;
/** A unit's report for a period. */
export const entryUrl = (form: string, unit: string, period: string) => `${base(form)}/${enc(unit)}/${enc(period)}`;

/** A pivot figure: "1.250", the text as entered, or nothing. */
export const numberOf = (v: number | string | null) => (v === null ? '' : typeof v === 'number' ? formatNumber(v) : v);

/** Key figures with their change against the previous period and the same period last year (a column only when some line has it). */
export function ComparisonTable({ label, lines }: { label: string; lines: reporting.Comparison[] }) {
  const prev = lines.some((l) => l.changePrevious);
  const last = lines.some((l) => l.changeLastYear);
  return (
    <table class="responsive comparison">
      <thead>
        <tr>
          <th>Chỉ tiêu</th>
          <th class="num">{label}</th>
          {prev ? <th>So với kỳ trước</th> : null}
          {last ? <th>So với cùng kỳ</th> : null}
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr>
            <td>
              {l.indicator.name}
              {l.indicator.unit && l.indicator.type !== 'money' ? <span class="muted"> ({l.indicator.unit})</span> : null}
            </td>
            <td data-label={label} class="num">
              {l.value === null ? '—' : reporting.formatValue(l.indicator.type, String(Math.round(l.value * 100) / 100))}
            </td>
            {prev ? <td data-label="So với kỳ trước">{l.changePrevious ?? '—'}</td> : null}
            {last ? <td data-label="So với cùng kỳ">{l.changeLastYear ?? '—'}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
