import { scaleBand, scaleLinear } from 'd3-scale';

export interface StackSegment {
  key: string;
  value: number;
}
export interface StackedBar {
  label: string;
  segments: readonly StackSegment[];
  /** Total as people read it. */
  text: string;
}

interface StackedBarChartProps {
  title: string;
  bars: readonly StackedBar[];
  /** Segment keys in stacking order, with display names. */
  keys: readonly { key: string; label: string }[];
  /** A reference line (e.g. GPU memory capacity) and its label. */
  limit?: { value: number; label: string };
  summary: string;
  width?: number;
}

/** Horizontal stacked bars (e.g. weights / KV cache / activations) against an optional capacity line. */
export function StackedBarChart({ title, bars, keys, limit, summary, width = 640 }: StackedBarChartProps) {
  const rowHeight = 26;
  const margin = { top: limit ? 22 : 8, right: 100, bottom: 30, left: 120 };
  const height = margin.top + margin.bottom + rowHeight * bars.length;
  const totals = bars.map((b) => b.segments.reduce((sum, s) => sum + s.value, 0));
  const max = Math.max(limit?.value ?? 0, ...totals);
  const x = scaleLinear().domain([0, max > 0 ? max : 1]).range([margin.left, width - margin.right]).nice();
  const y = scaleBand<string>().domain(bars.map((b) => b.label)).range([margin.top, height - margin.bottom]).padding(0.2);
  const colour = (key: string) => `var(--chart-${(keys.findIndex((k) => k.key === key) % 5) + 1})`;
  return (
    <figure className="chart-figure">
      <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}. ${summary}`}>
        {bars.map((b) => {
          let offset = 0;
          return (
            <g key={b.label}>
              <text x={margin.left - 6} y={(y(b.label) ?? 0) + y.bandwidth() / 2} dy="0.35em" textAnchor="end">
                {b.label}
              </text>
              {b.segments.map((s) => {
                const start = offset;
                offset += s.value;
                return (
                  <rect
                    key={s.key}
                    x={x(start)}
                    y={y(b.label)}
                    width={Math.max(0, x(offset) - x(start))}
                    height={y.bandwidth()}
                    fill={colour(s.key)}
                  />
                );
              })}
              <text x={x(offset) + 6} y={(y(b.label) ?? 0) + y.bandwidth() / 2} dy="0.35em">
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
