import { useT } from '../i18n/i18n';
import { ChartFrame, seriesColour, type Summary } from './ChartFrame';
import { bandScale, linearScale, textWidth } from './scales';
import { useWidth } from './useWidth';

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
  summary: Summary;
  /** Build-time width, px; the chart then follows its container. */
  width?: number;
}

const FONT = 12;

/**
 * Horizontal bars with their values. Labels sit left of the bars where there is room and
 * above them on a narrow screen, so neither is ever cut.
 */
export function BarChart({ title, bars: given, summary, width: initial = 640 }: BarChartProps) {
  const t = useT();
  // Bar names in the island's language, measured as shown.
  const bars = given.map((b) => ({ ...b, label: t(b.label) }));
  const [ref, width] = useWidth<HTMLElement>(initial);
  const labelWidth = Math.max(0, ...bars.map((b) => textWidth(b.label, FONT)));
  const valueWidth = Math.max(0, ...bars.map((b) => textWidth(b.text, FONT))) + 8;
  const stacked = labelWidth + valueWidth + 120 > width;
  const rowHeight = stacked ? 40 : 26;
  const left = stacked ? 2 : labelWidth + 10;
  const right = valueWidth + 4;
  const height = 8 + rowHeight * bars.length;
  const max = Math.max(0, ...bars.map((b) => (Number.isFinite(b.value) ? b.value : 0)));
  const x = linearScale([0, max > 0 ? max : 1], [left, width - right]);
  const y = bandScale(
    bars.map((b) => b.label),
    [4, height - 4],
    0.2,
  );
  const barHeight = stacked ? y.bandwidth - FONT - 4 : y.bandwidth;
  const barTop = (label: string) => (stacked ? y(label) + FONT + 4 : y(label));
  return (
    <ChartFrame frameRef={ref} title={title} summary={summary} width={width} height={height}>
      {bars.map((b, i) => {
        const end = x(Number.isFinite(b.value) ? Math.max(0, b.value) : 0);
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
            <rect x={left} y={barTop(b.label)} width={Math.max(0, end - left)} height={Math.max(1, barHeight)} fill={seriesColour(i)} />
            <text x={end + 6} y={barTop(b.label) + barHeight / 2} dy="0.35em">
              {b.text}
            </text>
          </g>
        );
      })}
    </ChartFrame>
  );
}
