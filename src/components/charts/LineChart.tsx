import { useT } from '../i18n/i18n';
import { ChartFrame, seriesColour, type Summary } from './ChartFrame';
import { linearScale, logScale, niceDomain, niceLogDomain, textWidth, type Scale } from './scales';
import { useWidth } from './useWidth';

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
  summary: Summary;
  /** Build-time width, px; the chart then follows its container. */
  width?: number;
  height?: number;
}

const FONT = 12;
const finite = (v: number) => Number.isFinite(v);

function scaleFor(values: number[], log: boolean, from: number, to: number, count: number): Scale {
  const usable = values.filter((v) => finite(v) && (!log || v > 0));
  if (log) {
    const lo = usable.length ? Math.min(...usable) : 1;
    const hi = usable.length ? Math.max(...usable) : 10;
    return logScale(niceLogDomain(lo, hi), [from, to]);
  }
  const lo = Math.min(0, ...usable);
  const hi = usable.length ? Math.max(...usable) : 1;
  return linearScale(niceDomain(lo, hi, count), [from, to]);
}

/** Ticks whose labels fit side by side along `length` px (every k-th tick kept). */
function spaced(ticks: number[], format: (v: number) => string, length: number, horizontal: boolean): number[] {
  if (ticks.length <= 2) return ticks;
  const need = horizontal ? Math.max(...ticks.map((t) => textWidth(format(t), FONT))) + 14 : FONT + 8;
  const fit = Math.max(2, Math.floor(length / need));
  const stride = Math.ceil(ticks.length / fit);
  return ticks.filter((_, i) => i % stride === 0);
}

/** Lines over a linear or log axis, with markers and reference lines; SVG plus a text alternative. */
export function LineChart(props: LineChartProps) {
  const { title, series, xLabel, yLabel, formatX, formatY, logX = false, logY = false, summary } = props;
  const t = useT();
  // Marker and line labels in the island's language ("memory limit: 12" → "显存上限：12").
  const markers = (props.markers ?? []).map((m) => ({ ...m, label: t(m.label) }));
  const verticals = (props.verticals ?? []).map((v) => ({ ...v, label: t(v.label) }));
  const [ref, width] = useWidth<HTMLElement>(props.width ?? 640);
  const height = props.height ?? 300;
  const xs = series
    .flatMap((s) => s.points.map((p) => p.x))
    .concat(
      markers.map((m) => m.x),
      verticals.map((v) => v.x),
    );
  const ys = series.flatMap((s) => s.points.map((p) => p.y)).concat(markers.map((m) => m.y));

  // The y axis first: its widest label sets the left margin.
  const top = FONT + 14;
  const bottom = FONT * 2 + 22;
  const yScale0 = scaleFor(ys, logY, height - bottom, top, 5);
  const yTicks = spaced(yScale0.ticks(5), formatY, height - top - bottom, false);
  const left = Math.min(Math.round(width * 0.3), Math.max(40, ...yTicks.map((t) => textWidth(formatY(t), FONT))) + 10);
  const right = 14;
  const x = scaleFor(xs, logX, left, width - right, Math.max(2, Math.floor((width - left - right) / 80)));
  const y = yScale0;
  const xTicks = spaced(x.ticks(Math.max(2, Math.floor((width - left - right) / 70))), formatX, width - left - right, true);

  const inPlot = (p: { x: number; y: number }) => finite(p.x) && finite(p.y) && (!logX || p.x > 0) && (!logY || p.y > 0);
  const pathOf = (points: readonly { x: number; y: number }[]) => {
    let d = '';
    let pen = false;
    for (const p of points) {
      if (!inPlot(p)) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${x(p.x).toFixed(1)},${y(p.y).toFixed(1)}`;
      pen = true;
    }
    return d;
  };
  const plotRight = width - right;
  // Labels near the right edge hang to the left of their point.
  const anchorAt = (px: number, text: string) =>
    px + 6 + textWidth(text, FONT) > plotRight ? { x: px - 6, anchor: 'end' as const } : { x: px + 6, anchor: 'start' as const };

  return (
    <ChartFrame
      frameRef={ref}
      title={title}
      summary={summary}
      width={width}
      height={height}
      legend={series.map((s, i) => ({ label: s.name, colour: seriesColour(i), line: true }))}
    >
      <g className="grid">
        {yTicks.map((t) => (
          <line key={`gy${t}`} x1={left} x2={plotRight} y1={y(t)} y2={y(t)} />
        ))}
      </g>
      <g className="axis">
        <line x1={left} x2={plotRight} y1={height - bottom} y2={height - bottom} />
        <line x1={left} x2={left} y1={top} y2={height - bottom} />
        {xTicks.map((t) => (
          <text
            key={`x${t}`}
            x={x(t)}
            y={height - bottom + FONT + 6}
            textAnchor={x(t) - textWidth(formatX(t)) / 2 < 0 ? 'start' : x(t) + textWidth(formatX(t)) / 2 > width ? 'end' : 'middle'}
          >
            {formatX(t)}
          </text>
        ))}
        {yTicks.map((t) => (
          <text key={`y${t}`} x={left - 6} y={y(t)} dy="0.35em" textAnchor="end">
            {formatY(t)}
          </text>
        ))}
        <text className="axis-title" x={(left + plotRight) / 2} y={height - 6} textAnchor="middle">
          {t(xLabel)}
        </text>
        <text className="axis-title" x={4} y={FONT + 2} textAnchor="start">
          {t(yLabel)}
        </text>
      </g>
      {verticals
        .filter((v) => finite(v.x) && (!logX || v.x > 0))
        .map((v, i) => {
          const at = anchorAt(x(v.x), v.label);
          return (
            <g key={`v${v.label}`}>
              <line x1={x(v.x)} x2={x(v.x)} y1={top} y2={height - bottom} stroke="var(--fg-soft)" strokeDasharray="4 3" />
              <text className="halo" x={at.x} y={top + FONT + i * (FONT + 4)} textAnchor={at.anchor}>
                {v.label}
              </text>
            </g>
          );
        })}
      {series.map((s, i) => (
        <path key={s.name} d={pathOf(s.points)} fill="none" stroke={seriesColour(i)} strokeWidth={2} />
      ))}
      {markers.filter(inPlot).map((m) => {
        const at = anchorAt(x(m.x), m.label);
        const above = y(m.y) - 8 > top + FONT;
        return (
          <g key={`m${m.label}`}>
            <circle cx={x(m.x)} cy={y(m.y)} r={5} fill="var(--chart-2)" />
            <text className="halo" x={at.x} y={above ? y(m.y) - 8 : y(m.y) + FONT + 6} textAnchor={at.anchor}>
              {m.label}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}
