import { scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';

export interface Series {
  name: string;
  points: readonly { x: number; y: number }[];
}

interface LineChartProps {
  title: string;
  series: readonly Series[];
  xLabel: string;
  yLabel: string;
  /** Tick text for each axis (the core's formatters). */
  formatX: (v: number) => string;
  formatY: (v: number) => string;
  logX?: boolean;
  logY?: boolean;
  /** Marked points, e.g. the current workload on a roofline. */
  markers?: readonly { x: number; y: number; label: string }[];
  /** Vertical reference lines, e.g. a ridge point. */
  verticals?: readonly { x: number; label: string }[];
  summary: string;
  width?: number;
  height?: number;
}

/** Lines over a linear or log axis, with markers; SVG plus a text alternative. */
export function LineChart(props: LineChartProps) {
  const { title, series, xLabel, yLabel, formatX, formatY, logX, logY, markers = [], verticals = [], summary } = props;
  const width = props.width ?? 640;
  const height = props.height ?? 300;
  const margin = { top: 12, right: 20, bottom: 44, left: 72 };
  const xs = series.flatMap((s) => s.points.map((p) => p.x)).concat(markers.map((m) => m.x), verticals.map((v) => v.x));
  const ys = series.flatMap((s) => s.points.map((p) => p.y)).concat(markers.map((m) => m.y));
  const positive = (values: number[]) => values.filter((v) => v > 0);
  const xDomain = logX ? [Math.min(...positive(xs)), Math.max(...positive(xs))] : [Math.min(0, ...xs), Math.max(...xs)];
  const yDomain = logY ? [Math.min(...positive(ys)), Math.max(...positive(ys))] : [Math.min(0, ...ys), Math.max(...ys)];
  const safe = (d: number[]): [number, number] => {
    const [a = 0, b = 1] = d;
    if (!Number.isFinite(a) || !Number.isFinite(b)) return logX || logY ? [1, 10] : [0, 1];
    return a === b ? [a === 0 ? 0 : a / 2, b === 0 ? 1 : b * 2] : [a, b];
  };
  const x = (logX ? scaleLog() : scaleLinear()).domain(safe(xDomain)).range([margin.left, width - margin.right]).nice();
  const y = (logY ? scaleLog() : scaleLinear()).domain(safe(yDomain)).range([height - margin.bottom, margin.top]).nice();
  const path = line<{ x: number; y: number }>()
    .defined((p) => (!logX || p.x > 0) && (!logY || p.y > 0))
    .x((p) => x(p.x))
    .y((p) => y(p.y));
  const xTicks = x.ticks(logX ? 5 : 6).filter((_, i, all) => !logX || all.length <= 8 || i % 2 === 0);
  const yTicks = y.ticks(logY ? 5 : 5).filter((_, i, all) => !logY || all.length <= 8 || i % 2 === 0);
  return (
    <figure className="chart-figure">
      <svg className="chart" viewBox={`0 0 ${width} ${height}`} role="img" aria-label={`${title}. ${summary}`}>
        <g className="grid">
          {yTicks.map((t) => (
            <line key={`gy${t}`} x1={margin.left} x2={width - margin.right} y1={y(t)} y2={y(t)} />
          ))}
        </g>
        <g className="axis">
          <line x1={margin.left} x2={width - margin.right} y1={height - margin.bottom} y2={height - margin.bottom} />
          {xTicks.map((t) => (
            <text key={`x${t}`} x={x(t)} y={height - margin.bottom + 16} textAnchor="middle">
              {formatX(t)}
            </text>
          ))}
          {yTicks.map((t) => (
            <text key={`y${t}`} x={margin.left - 6} y={y(t)} dy="0.35em" textAnchor="end">
              {formatY(t)}
            </text>
          ))}
          <text x={(margin.left + width - margin.right) / 2} y={height - 6} textAnchor="middle">
            {xLabel}
          </text>
          <text transform={`translate(14, ${(margin.top + height - margin.bottom) / 2}) rotate(-90)`} textAnchor="middle">
            {yLabel}
          </text>
        </g>
        {verticals.map((v) => (
          <g key={`v${v.label}`}>
            <line x1={x(v.x)} x2={x(v.x)} y1={margin.top} y2={height - margin.bottom} stroke="var(--fg-soft)" strokeDasharray="4 3" />
            <text x={x(v.x) + 4} y={margin.top + 10}>
              {v.label}
            </text>
          </g>
        ))}
        {series.map((s, i) => (
          <path key={s.name} d={path(s.points as { x: number; y: number }[]) ?? ''} fill="none" stroke={`var(--chart-${(i % 5) + 1})`} strokeWidth={2} />
        ))}
        {markers.map((m) => (
          <g key={`m${m.label}`}>
            <circle cx={x(m.x)} cy={y(m.y)} r={5} fill="var(--chart-2)" />
            <text x={x(m.x) + 8} y={y(m.y) - 8}>
              {m.label}
            </text>
          </g>
        ))}
        {series.length > 1 && (
          <g transform={`translate(${margin.left + 8}, ${margin.top + 8})`}>
            {series.map((s, i) => (
              <g key={`l${s.name}`} transform={`translate(0, ${i * 16})`}>
                <rect width={10} height={3} y={-2} fill={`var(--chart-${(i % 5) + 1})`} />
                <text x={14} dy="0.35em">
                  {s.name}
                </text>
              </g>
            ))}
          </g>
        )}
      </svg>
      <figcaption className="sr-only">{summary}</figcaption>
    </figure>
  );
}
