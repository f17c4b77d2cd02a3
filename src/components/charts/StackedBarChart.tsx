import { useT } from '../i18n/i18n';
import { ChartFrame, seriesColour, type Summary } from './ChartFrame';
import { bandScale, linearScale, niceDomain, textWidth } from './scales';
import { useWidth } from './useWidth';

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
  summary: Summary;
  /** Build-time width, px; the chart then follows its container. */
  width?: number;
}

const FONT = 12;
const size = (v: number) => (Number.isFinite(v) && v > 0 ? v : 0);

/**
 * Horizontal stacked bars (e.g. weights / KV cache / activations) against an optional
 * capacity line. The capacity's label sits above the plot and a total that would cross the
 * line is set past it, so the two never collide.
 */
export function StackedBarChart({ title, bars: given, keys, limit: givenLimit, summary, width: initial = 640 }: StackedBarChartProps) {
  const t = useT();
  // Bar names and the capacity's label in the island's language, measured as shown.
  const bars = given.map((b) => ({ ...b, label: t(b.label) }));
  const limit = givenLimit && { ...givenLimit, label: t(givenLimit.label) };
  const [ref, width] = useWidth<HTMLElement>(initial);
  const labelWidth = Math.max(0, ...bars.map((b) => textWidth(b.label, FONT)));
  const valueWidth = Math.max(0, ...bars.map((b) => textWidth(b.text, FONT))) + 10;
  const stacked = labelWidth + valueWidth + 120 > width;
  const rowHeight = stacked ? 40 : 28;
  const top = limit ? FONT + 12 : 6;
  const left = stacked ? 2 : labelWidth + 10;
  const right = valueWidth + 4;
  const height = top + 6 + rowHeight * bars.length;
  const totals = bars.map((b) => b.segments.reduce((sum, s) => sum + size(s.value), 0));
  const max = Math.max(limit ? size(limit.value) : 0, ...totals);
  const x = linearScale(niceDomain(0, max > 0 ? max : 1, 5), [left, width - right]);
  const y = bandScale(
    bars.map((b) => b.label),
    [top, height - 4],
    0.2,
  );
  const barHeight = stacked ? y.bandwidth - FONT - 4 : y.bandwidth;
  const barTop = (label: string) => (stacked ? y(label) + FONT + 4 : y(label));
  const colour = (key: string) =>
    seriesColour(
      Math.max(
        0,
        keys.findIndex((k) => k.key === key),
      ),
    );
  const limitX = limit ? x(size(limit.value)) : null;
  const limitAnchor =
    limitX === null ? 'middle' : limitX + textWidth(limit!.label) / 2 > width ? 'end' : limitX - textWidth(limit!.label) / 2 < 0 ? 'start' : 'middle';
  return (
    <ChartFrame
      frameRef={ref}
      title={title}
      summary={summary}
      width={width}
      height={height}
      legend={keys.map((k) => ({ label: k.label, colour: colour(k.key) }))}
    >
      {bars.map((b, row) => {
        let offset = 0;
        const end = x(totals[row]!);
        // A total whose text would run into the capacity line is set just past the line.
        const textX = limitX !== null && end < limitX && end + 6 + textWidth(b.text) > limitX - 2 ? limitX + 6 : end + 6;
        return (
          <g key={b.label}>
            <text
              x={stacked ? left : left - 6}
              y={stacked ? y(b.label) + FONT - 1 : y(b.label) + y.bandwidth / 2}
              dy={stacked ? undefined : '0.35em'}
              textAnchor={stacked ? 'start' : 'end'}
            >
              {b.label}
            </text>
            {b.segments.map((s) => {
              const start = offset;
              offset += size(s.value);
              return (
                <rect
                  key={s.key}
                  x={x(start)}
                  y={barTop(b.label)}
                  width={Math.max(0, x(offset) - x(start))}
                  height={Math.max(1, barHeight)}
                  fill={colour(s.key)}
                />
              );
            })}
            <text className="halo" x={textX} y={barTop(b.label) + barHeight / 2} dy="0.35em">
              {b.text}
            </text>
          </g>
        );
      })}
      {limit && limitX !== null && (
        <g>
          <line x1={limitX} x2={limitX} y1={top - 4} y2={height - 4} stroke="var(--error)" strokeDasharray="4 3" strokeWidth={2} />
          <text x={limitX} y={FONT} textAnchor={limitAnchor}>
            {limit.label}
          </text>
        </g>
      )}
    </ChartFrame>
  );
}
