import type { StackedBar } from './StackedBarChart';

interface LightStackedBarChartProps {
  title: string;
  bars: readonly StackedBar[];
  /** Segment keys in stacking order, with display names. */
  keys: readonly { key: string; label: string }[];
  /** A reference line (e.g. GPU memory capacity) and its label. */
  limit?: { value: number; label: string };
  summary: string;
  width?: number;
}

/**
 * The end of a [0, max] axis rounded up to a step of 1, 2 or 5 × 10ⁿ giving about ten
 * ticks (d3's linear `nice()` for a domain starting at 0).
 * @example niceMax(173e9) //=> 180e9
 */
export function niceMax(max: number): number {
  if (!(max > 0) || !Number.isFinite(max)) return 1;
  const raw = max / 10;
  const power = Math.floor(Math.log10(raw));
  const error = raw / 10 ** power;
  const factor = error >= Math.sqrt(50) ? 10 : error >= Math.sqrt(10) ? 5 : error >= Math.sqrt(2) ? 2 : 1;
  if (power >= 0) {
    const step = factor * 10 ** power;
    return Math.ceil(max / step) * step;
  }
  // Fractional steps as their inverse, so 0.3 stays 0.3 and not 0.30000000000000004.
  const inverse = 10 ** -power / factor;
  return Math.ceil(max * inverse) / inverse;
}

/**
 * The same picture as StackedBarChart (horizontal stacked bars against an optional
 * capacity line, with a text alternative) drawn without d3-scale, for pages whose
 * JavaScript budget cannot carry it (~10 KB gzip). Only linear x and evenly banded y.
 */
export function LightStackedBarChart({ title, bars, keys, limit, summary, width = 640 }: LightStackedBarChartProps) {
  const rowHeight = 26;
  const margin = { top: limit ? 22 : 8, right: 100, bottom: 30, left: 120 };
  const height = margin.top + margin.bottom + rowHeight * bars.length;
  const totals = bars.map((b) => b.segments.reduce((sum, s) => sum + s.value, 0));
  const domainMax = niceMax(Math.max(limit?.value ?? 0, ...totals));
  const x = (value: number) => margin.left + ((width - margin.right - margin.left) * value) / domainMax;
  // A band scale with 20% padding inside and out, centred (d3's scaleBand().padding(0.2)).
  const padding = 0.2;
  const step = (height - margin.bottom - margin.top) / Math.max(1, bars.length - padding + 2 * padding);
  const bandwidth = step * (1 - padding);
  const y = (i: number) => margin.top + step * padding + step * i;
  const colour = (key: string) => `var(--chart-${(keys.findIndex((k) => k.key === key) % 5) + 1})`;
  return (
    <figure className="chart-figure">
      <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}. ${summary}`}>
        {bars.map((b, i) => {
          let offset = 0;
          return (
            <g key={b.label}>
              <text x={margin.left - 6} y={y(i) + bandwidth / 2} dy="0.35em" textAnchor="end">
                {b.label}
              </text>
              {b.segments.map((s) => {
                const start = offset;
                offset += s.value;
                return <rect key={s.key} x={x(start)} y={y(i)} width={Math.max(0, x(offset) - x(start))} height={bandwidth} fill={colour(s.key)} />;
              })}
              <text x={x(offset) + 6} y={y(i) + bandwidth / 2} dy="0.35em">
                {b.text}
              </text>
            </g>
          );
        })}
        {limit && (
          <g>
            <line x1={x(limit.value)} x2={x(limit.value)} y1={margin.top - 4} y2={height - margin.bottom} stroke="var(--error)" strokeDasharray="4 3" strokeWidth={2} />
            <text x={x(limit.value)} y={12} textAnchor="middle">
              {limit.label}
            </text>
          </g>
        )}
        <g className="legend" transform={`translate(${margin.left}, ${height - 12})`}>
          {keys.map((k, i) => (
            <g key={k.key} transform={`translate(${i * 130}, 0)`}>
              <rect width={10} height={10} y={-9} fill={colour(k.key)} />
              <text x={14}>{k.label}</text>
            </g>
          ))}
        </g>
      </svg>
      <figcaption className="sr-only">{summary}</figcaption>
    </figure>
  );
}
