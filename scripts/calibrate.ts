/**
 * Refits the latency model's free parameters on the published measurements and prints
 * every record beside its prediction: `npm run calibrate` (add `--table` for every row).
 *
 * Free parameters: η_c8, η_m, η_kv, t_step, t_layer, each within its physical bounds.
 * Taken, not fitted: η_c = 0.8 and η_link = 0.8 and α (see src/core/latency/calibration.ts).
 * Loss: the mean absolute log error, |ln(predicted / measured)|, over every metric of every
 * record: robust to the few records of 2023 engines whose kernels the model does not describe.
 * Coordinate descent over a grid, six sweeps; deterministic.
 */
import { CALIBRATION, type LatencyCalibration } from '../src/core/latency/calibration';
import { compareAll, errorSummary, METRIC_LABELS, type MetricName } from '../src/core/reality/inference';

type Free = 'fp8ComputeEfficiency' | 'memoryEfficiency' | 'kvEfficiency' | 'stepOverheadSeconds' | 'layerOverheadSeconds';

const BOUNDS: Record<Free, readonly [number, number]> = {
  fp8ComputeEfficiency: [0.3, 0.9],
  memoryEfficiency: [0.6, 0.9],
  kvEfficiency: [0.2, 0.9],
  stepOverheadSeconds: [0, 0.005],
  layerOverheadSeconds: [0, 0.0003],
};

function loss(cal: LatencyCalibration): number {
  const cs = compareAll(cal);
  return cs.reduce((sum, c) => sum + Math.abs(Math.log(c.predicted / c.measured)), 0) / cs.length;
}

function fit(start: LatencyCalibration): LatencyCalibration {
  let cal = { ...start };
  let best = loss(cal);
  for (let sweep = 0; sweep < 6; sweep += 1) {
    for (const key of Object.keys(BOUNDS) as Free[]) {
      const [lo, hi] = BOUNDS[key];
      const step = (hi - lo) / 24;
      let bestX = cal[key];
      const tryX = (x: number) => {
        const l = loss({ ...cal, [key]: x });
        if (l < best) {
          best = l;
          bestX = x;
        }
      };
      for (let i = 0; i <= 24; i += 1) tryX(lo + step * i);
      const centre = bestX;
      for (let i = -10; i <= 10; i += 1) tryX(Math.min(hi, Math.max(lo, centre + (step * i) / 10)));
      cal = { ...cal, [key]: bestX };
    }
  }
  return cal;
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const showTable = process.argv.includes('--table');

const current = compareAll(CALIBRATION);
if (showTable) {
  for (const c of current) {
    console.log(
      `${c.recordId.padEnd(48)} ${c.metric.padEnd(10)} ${c.measured.toPrecision(4).padStart(10)} ${c.predicted.toPrecision(4).padStart(10)} ${pct(c.relativeError).padStart(8)}`,
    );
  }
}
const summary = (label: string, cs: ReturnType<typeof compareAll>) => {
  const all = errorSummary(cs);
  console.log(
    `${label}: ${all.count} comparisons, median |error| ${pct(all.medianAbs)}, worst ${pct(all.worstAbs)} (${all.worst?.recordId} ${all.worst?.metric})`,
  );
  for (const m of Object.keys(METRIC_LABELS) as MetricName[]) {
    const s = errorSummary(cs, m);
    if (s.count > 0) console.log(`  ${METRIC_LABELS[m]}: ${s.count}, median ${pct(s.medianAbs)}, worst ${pct(s.worstAbs)}`);
  }
};
summary('Shipped calibration', current);
const refit = fit(CALIBRATION);
console.log('Refit:', JSON.stringify(Object.fromEntries((Object.keys(BOUNDS) as Free[]).map((k) => [k, Number(refit[k].toPrecision(3))]))));
summary('Refit', compareAll(refit));
