/**
 * The latency model held against published measurements: each inference record of
 * src/data/measurements becomes a serving scenario (model, GPUs, data type, workload)
 * whose prediction is set beside what was measured. Reading a record:
 *
 * - `batch_size` a number, output 1, TTFT reported: a static batch's first token;
 * - `batch_size` a number, throughput reported: a static batch, B·O over the whole batch;
 * - `batch_size` a number, end-to-end latency reported: the whole static batch;
 * - "concurrency N": N users in a closed loop, continuous batching (TTFT, ITL, throughput);
 * - "max load": as many requests as memory holds, continuous batching.
 *
 * FP8 records run fp8 weights and an fp8 KV cache (the engines' FP8 recipes quantize both).
 */
import type { Dtype } from '../dtypes';
import { getGpu } from '../gpu/gpu';
import { CALIBRATION, type LatencyCalibration } from '../latency/calibration';
import { getPreset } from '../model/presets';
import { servingScenario, type ServingResult } from '../scenario/serving';
import { INFERENCE_RECORDS, type InferenceRecord } from '../../data/measurements';

export { INFERENCE_RECORDS, MEASUREMENTS_DESCRIPTION, type InferenceRecord } from '../../data/measurements';

export type MetricName = 'ttft' | 'itl' | 'throughput' | 'e2e';

export const METRIC_LABELS: Readonly<Record<MetricName, string>> = {
  ttft: 'Time to first token',
  itl: 'Time per output token',
  throughput: 'Output throughput',
  e2e: 'End-to-end latency',
};

export const METRIC_UNITS: Readonly<Record<MetricName, 's' | 'tokens/s'>> = {
  ttft: 's',
  itl: 's',
  throughput: 'tokens/s',
  e2e: 's',
};

/** One measured number beside the model's. */
export interface Comparison {
  recordId: string;
  metric: MetricName;
  /** Seconds or tokens per second. */
  measured: number;
  predicted: number;
  /** predicted / measured − 1. */
  relativeError: number;
}

/** How a record maps onto the site's presets and GPUs. */
export interface RecordSetup {
  modelId: string;
  gpuId: string;
  gpus: number;
  dtype: Dtype;
  mode: { kind: 'static'; batch: number } | { kind: 'concurrency'; users: number } | { kind: 'max-load' };
  inputTokens: number;
  outputTokens: number;
}

const MODELS: ReadonlyArray<readonly [RegExp, string]> = [
  [/405B/i, 'llama-3.1-405b'],
  [/llama 3(\.\d)? 70B/i, 'llama-3-70b'],
  [/70B/i, 'llama-2-70b'],
  [/7B/i, 'llama-2-7b'],
];

const GPUS: ReadonlyArray<readonly [RegExp, string]> = [
  [/H200/i, 'h200'],
  [/H100/i, 'h100-sxm'],
];

/**
 * The site's scenario for a record, or null when it names hardware or a model the site
 * has no preset for.
 */
export function recordSetup(r: InferenceRecord): RecordSetup | null {
  const modelId = MODELS.find(([re]) => re.test(r.model))?.[1];
  const gpuId = GPUS.find(([re]) => re.test(r.hardware))?.[1];
  if (!modelId || !gpuId) return null;
  const dtype: Dtype = /fp8/i.test(r.precision) ? 'fp8' : 'bf16';
  let mode: RecordSetup['mode'];
  if (typeof r.batch_size === 'number') mode = { kind: 'static', batch: r.batch_size };
  else {
    const users = /concurrency\s+(\d+)/i.exec(r.batch_size);
    if (users) mode = { kind: 'concurrency', users: Number(users[1]) };
    else if (/max load/i.test(r.batch_size)) mode = { kind: 'max-load' };
    else return null;
  }
  return { modelId, gpuId, gpus: r.tp, dtype, mode, inputTokens: r.input_len, outputTokens: r.output_len };
}

function valueOf(v: number | { value: number } | undefined): number | undefined {
  if (v === undefined) return undefined;
  return typeof v === 'number' ? v : v.value;
}

/** The record's scenario under `calibration`. */
export function recordScenario(setup: RecordSetup, calibration?: LatencyCalibration): ServingResult {
  return servingScenario({
    model: getPreset(setup.modelId).spec,
    gpu: getGpu(setup.gpuId),
    gpus: setup.gpus,
    batch: setup.mode.kind === 'static' ? setup.mode.batch : setup.mode.kind === 'concurrency' ? setup.mode.users : 1,
    inputTokens: setup.inputTokens,
    outputTokens: setup.outputTokens,
    weightDtype: setup.dtype,
    ...(calibration ? { assumptions: { calibration } } : {}),
  });
}

/** Every measured metric of `r` beside its prediction (empty when the record cannot be mapped). */
export function compareRecord(r: InferenceRecord, calibration?: LatencyCalibration): Comparison[] {
  const setup = recordSetup(r);
  if (!setup) return [];
  const s = recordScenario(setup, calibration);
  const out: Comparison[] = [];
  const push = (metric: MetricName, measured: number | undefined, predicted: number | undefined) => {
    if (measured === undefined || predicted === undefined || !(measured > 0) || !Number.isFinite(predicted)) return;
    out.push({ recordId: r.id, metric, measured, predicted, relativeError: predicted / measured - 1 });
  };
  const m = r.metrics;
  const throughput = valueOf(m.throughput_out_tok_s) ?? (m.throughput_out_tok_s_per_gpu !== undefined ? m.throughput_out_tok_s_per_gpu * r.tp : undefined);
  const steady = setup.mode.kind === 'concurrency' ? s.continuous : setup.mode.kind === 'max-load' ? s.atMaxConcurrency : null;
  if (setup.mode.kind === 'static') {
    push('ttft', m.ttft_ms === undefined ? undefined : m.ttft_ms / 1000, s.ttftSeconds);
    push('itl', (m.itl_ms ?? m.tpot_p50_ms) === undefined ? undefined : (m.itl_ms ?? m.tpot_p50_ms)! / 1000, s.tpotSeconds);
    push('throughput', throughput, s.outputTokensPerSecond);
    push('e2e', m.e2e_latency_mean_ms === undefined ? undefined : m.e2e_latency_mean_ms / 1000, s.totalSeconds);
  } else if (steady) {
    push('ttft', m.ttft_ms === undefined ? undefined : m.ttft_ms / 1000, steady.ttftSeconds);
    push('itl', (m.itl_ms ?? m.tpot_p50_ms) === undefined ? undefined : (m.itl_ms ?? m.tpot_p50_ms)! / 1000, steady.itlSeconds);
    push('throughput', throughput, steady.outputTokensPerSecond);
    push('e2e', m.e2e_latency_mean_ms === undefined ? undefined : m.e2e_latency_mean_ms / 1000, steady.requestSeconds);
  }
  return out;
}

/** Every comparison over the calibration set. */
export function compareAll(calibration?: LatencyCalibration, records: readonly InferenceRecord[] = INFERENCE_RECORDS): Comparison[] {
  return records.flatMap((r) => compareRecord(r, calibration));
}

/** Median and worst |relative error| of a set of comparisons, optionally of one metric. */
export function errorSummary(
  comparisons: readonly Comparison[],
  metric?: MetricName,
): { count: number; medianAbs: number; worstAbs: number; worst: Comparison | null } {
  const xs = comparisons.filter((c) => metric === undefined || c.metric === metric);
  if (xs.length === 0) return { count: 0, medianAbs: 0, worstAbs: 0, worst: null };
  const abs = xs.map((c) => Math.abs(c.relativeError)).sort((a, b) => a - b);
  const mid = Math.floor(abs.length / 2);
  const medianAbs = abs.length % 2 === 1 ? abs[mid]! : (abs[mid - 1]! + abs[mid]!) / 2;
  const worst = xs.reduce((w, c) => (Math.abs(c.relativeError) > Math.abs(w.relativeError) ? c : w));
  return { count: xs.length, medianAbs, worstAbs: Math.abs(worst.relativeError), worst };
}

/** The calibration parameters the fit chooses (see scripts/calibrate.ts). */
export const FITTED_PARAMETERS = ['fp8ComputeEfficiency', 'memoryEfficiency', 'kvEfficiency', 'stepOverheadSeconds', 'layerOverheadSeconds'] as const;
export type FittedParameter = (typeof FITTED_PARAMETERS)[number];

/** How much one measured number leans on one parameter: d ln(prediction) / d ln(parameter). */
export interface Influence {
  recordId: string;
  metric: MetricName;
  elasticity: number;
}

/**
 * For each fitted parameter, the measured numbers whose predictions move most when it
 * moves (a 1% change, both ways): the records that in effect calibrate it.
 */
export function parameterInfluence(calibration: LatencyCalibration = CALIBRATION, top = 5): Record<FittedParameter, Influence[]> {
  const base = compareAll(calibration);
  const out = {} as Record<FittedParameter, Influence[]>;
  for (const p of FITTED_PARAMETERS) {
    const up = compareAll({ ...calibration, [p]: calibration[p] * 1.01 });
    const down = compareAll({ ...calibration, [p]: calibration[p] / 1.01 });
    out[p] = base
      .map((c, i) => ({ recordId: c.recordId, metric: c.metric, elasticity: Math.log(up[i]!.predicted / down[i]!.predicted) / (2 * Math.log(1.01)) }))
      .filter((x) => Math.abs(x.elasticity) > 0.05)
      .sort((a, b) => Math.abs(b.elasticity) - Math.abs(a.elasticity))
      .slice(0, top);
  }
  return out;
}
