import { scaleBand, scaleLinear } from 'd3-scale';

export interface Bar {
  label: string;
  value: number;
  /** The value as people read it, e.g. "137 GFLOPs". */
  text: string;
}

interface BarChartProps {
  title: string;
  bars: readonly Bar[];
  /** A sentence that says what the chart shows, for screen readers and print. */
  summary: string;
  width?: number;
}

/** Horizontal bars with their values; an SVG with a text alternative (the summary and a table). */
export function BarChart({ title, bars, summary, width = 640 }: BarChartProps) {
  const rowHeight = 26;
  const margin = { top: 8, right: 110, bottom: 8, left: 170 };
  const height = margin.top + margin.bottom + rowHeight * bars.length;
  const max = Math.max(0, ...bars.map((b) => b.value));
  const x = scaleLinear().domain([0, max > 0 ? max : 1]).range([margin.left, width - margin.right]);
  const y = scaleBand<string>().domain(bars.map((b) => b.label)).range([margin.top, height - margin.bottom]).padding(0.2);
  return (
    <figure className="chart-figure">
      <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}. ${summary}`}>
        {bars.map((b, i) => (
          <g key={b.label}>
            <text x={margin.left - 6} y={(y(b.label) ?? 0) + y.bandwidth() / 2} dy="0.35em" textAnchor="end">
              {b.label}
            </text>
            <rect
              x={margin.left}
              y={y(b.label)}
              width={Math.max(0, x(b.value) - margin.left)}
              height={y.bandwidth()}
              fill={`var(--chart-${(i % 5) + 1})`}
            />
            <text x={x(b.value) + 6} y={(y(b.label) ?? 0) + y.bandwidth() / 2} dy="0.35em">
              {b.text}
            </text>
          </g>
        ))}
      </svg>
      <figcaption className="sr-only">{summary}</figcaption>
    </figure>
  );
}
