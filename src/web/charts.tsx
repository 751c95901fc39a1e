/** @jsxImportSource hono/jsx */
/**
 * Charts drawn on the server as SVG: no client library, nothing for the CSP to block, readable
 * on an old PC and when printed. Every chart comes with its numbers as a table beside it.
 */
import { formatNumber } from '../lib/vi.js';

interface Datum {
  label: string;
  value: number;
  /** a second value drawn as the darker part of the bar (e.g. collective out of all) */
  part?: number;
  href?: string;
}

/** Horizontal bars, one per label: good for fields and units with long Vietnamese names. */
export function BarChart({ data, title, partLabel, restLabel }: { data: Datum[]; title: string; partLabel?: string; restLabel?: string }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const row = 26;
  const labelW = 200;
  const barW = 250;
  const h = data.length * row + 8;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${labelW + barW + 70} ${h}`} role="img" aria-label={title} width="100%" preserveAspectRatio="xMinYMin meet">
        {data.map((d, i) => {
          const y = i * row + 4;
          const w = Math.round((d.value / max) * barW);
          const pw = d.part === undefined ? 0 : Math.round((d.part / max) * barW);
          return (
            <g>
              <text x={labelW - 8} y={y + 16} text-anchor="end" class="chart-label">
                {d.label.length > 30 ? `${d.label.slice(0, 29)}…` : d.label}
              </text>
              <rect x={labelW} y={y + 3} width={Math.max(w, d.value ? 2 : 0)} height={row - 8} class="bar" />
              {pw ? <rect x={labelW} y={y + 3} width={pw} height={row - 8} class="bar-part" /> : null}
              <text x={labelW + w + 6} y={y + 16} class="chart-value">
                {formatNumber(d.value)}
              </text>
            </g>
          );
        })}
      </svg>
      {partLabel ? (
        <figcaption class="legend">
          <span class="key key-part"></span> {partLabel} <span class="key key-rest"></span> {restLabel}
        </figcaption>
      ) : null}
    </figure>
  );
}

/** Vertical columns over time (registrations per month). */
export function ColumnChart({ data, title }: { data: Datum[]; title: string }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const colW = 44;
  const h = 170;
  const base = h - 24;
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${Math.max(data.length * colW + 10, 200)} ${h}`} role="img" aria-label={title} width="100%" preserveAspectRatio="xMinYMin meet">
        {data.map((d, i) => {
          const x = i * colW + 8;
          const ch = Math.round((d.value / max) * (base - 22));
          return (
            <g>
              <rect x={x} y={base - ch} width={colW - 12} height={Math.max(ch, d.value ? 2 : 0)} class="bar" />
              <text x={x + (colW - 12) / 2} y={base - ch - 5} text-anchor="middle" class="chart-value">
                {formatNumber(d.value)}
              </text>
              <text x={x + (colW - 12) / 2} y={h - 8} text-anchor="middle" class="chart-label">
                {d.label}
              </text>
            </g>
          );
        })}
      </svg>
    </figure>
  );
}
