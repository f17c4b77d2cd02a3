/**
 * Decode under batching: where a decode step crosses from memory-bound to
 * compute-bound, the tokens per second it then delivers, and a sweep over batch size.
 *
 * One decode step of B sequences at context S' does B·f FLOPs, f = 2N + 4·L·H·S', and
 * reads Q_w + B·Q_kv bytes (the weights once, each sequence's KV cache). It is
 * compute-bound once B·f/(P·η_c) ≥ (Q_w + B·Q_kv)/(W·η_m), i.e. for
 *
 *   B ≥ B* = Q_w / (f·W·η_m/(P·η_c) − Q_kv)
 *
 * Batching amortises the weights; it does nothing for the KV cache, whose FLOPs per
 * byte are fixed by the model (4·H·S' FLOPs per 2·h_kv·d·S'·s bytes per layer, about
 * h/h_kv for 16-bit). When Q_kv alone outweighs f/I* no batch is compute-bound.
 * G tensor-parallel GPUs scale both sides alike, so B* does not depend on G.
 * @see Pope et al., "Efficiently Scaling Transformer Inference" (2022), §2
 */
import { defineFormula } from '../formula';
import { InputError } from '../units';
import type { ModelSpec } from '../model/spec';
import { activeParams } from '../params/params';
import { kvCacheBytesPerToken, weightsBytes } from '../memory/memory';
import { kvBudgetBytes, maxConcurrency } from '../serving/serving';
import {
  DEFAULT_EFFICIENCIES,
  estimateInferenceLatency,
  forwardFlopsArticle,
  type Efficiencies,
  type LatencyHardware,
  type LatencyModel,
  type LatencyWorkload,
  type Regime,
} from './latency';

/**
 * The batch at which a decode step becomes compute-bound, or Infinity when it never does.
 * @example decodeCriticalBatch({ weightsBytes: 137953296384, flopsPerSequence: 139264016384, kvBytesPerSequence: 163840000, peak: 312e12, bandwidth: 2.039e12, computeEfficiency: 1, memoryEfficiency: 1 }) //=> 184.85…
 */
export function decodeCriticalBatch(p: {
  weightsBytes: number;
  flopsPerSequence: number;
  kvBytesPerSequence: number;
  peak: number;
  bandwidth: number;
  computeEfficiency: number;
  memoryEfficiency: number;
}): number {
  const bytesCoveredBySequence = (p.flopsPerSequence * p.bandwidth * p.memoryEfficiency) / (p.peak * p.computeEfficiency);
  const margin = bytesCoveredBySequence - p.kvBytesPerSequence;
  return margin > 0 ? p.weightsBytes / margin : Infinity;
}

export const decodeCriticalBatchFormula = defineFormula({
  id: 'latency.decodeCriticalBatch',
  anchor: 'decode-critical-batch',
  page: 'mfu-and-latency',
  title: 'Batch at which decode becomes compute-bound',
  description:
    'Each sequence in a decode step brings f FLOPs and its own KV bytes; the weights are read once for all. Past B* the FLOPs take longer than the bytes.',
  lhs: 'B^{*}',
  unit: 'count',
  symbols: { Qw: 'Q_w', f: 'f', Qkv: 'Q_{\\text{kv}}', P: 'P_{\\text{peak}}', W: 'W_{\\text{mem}}', ec: '\\eta_c', em: '\\eta_m' },
  labels: {
    Qw: 'Weight bytes',
    f: "FLOPs per sequence per step (2N + 4·L·H·S')",
    Qkv: "KV-cache bytes per sequence at context S'",
    P: 'Peak FLOP/s per GPU',
    W: 'Memory bandwidth per GPU (B/s)',
    ec: 'Compute efficiency',
    em: 'Memory efficiency',
  },
  domains: { Qw: 'positive', f: 'positive', Qkv: 'nonNegative', P: 'positive', W: 'positive', ec: 'fraction', em: 'fraction' },
  tex: (v) => String.raw`\frac{${v.Qw}}{\frac{${v.f} \cdot ${v.W} \cdot ${v.em}}{${v.P} \cdot ${v.ec}} - ${v.Qkv}}`,
  compute: (v) => {
    const b = decodeCriticalBatch({
      weightsBytes: v.Qw,
      flopsPerSequence: v.f,
      kvBytesPerSequence: v.Qkv,
      peak: v.P,
      bandwidth: v.W,
      computeEfficiency: v.ec,
      memoryEfficiency: v.em,
    });
    if (!Number.isFinite(b)) {
      throw new InputError('Qkv', 'Each sequence’s KV cache alone takes longer to read than its FLOPs take to compute: no batch size makes this decode step compute-bound');
    }
    return b;
  },
  // Llama 2 70B (fp16, GQA) on A800 at S' = 500: f = 2·68,976,648,192 + 4·80·8192·500, Q_kv = 500·327,680 B.
  example: { Qw: 137_953_296_384, f: 139_264_016_384, Qkv: 163_840_000, P: 312e12, W: 2.039e12, ec: 1, em: 1 },
  approximate: true,
  sig: 3,
  notes: [
    'Ignores tensor-parallel communication, which adds time but neither FLOPs nor HBM bytes.',
    'The longer the context, the larger Q_kv: with GQA’s 8 KV heads a Llama 2 70B sequence of a few thousand tokens is never compute-bound.',
  ],
});

export const decodeThroughputFormula = defineFormula({
  id: 'latency.decodeThroughput',
  anchor: 'decode-throughput',
  page: 'mfu-and-latency',
  title: 'Decode throughput',
  description: 'Every decode step emits one token for each of the B sequences in the batch.',
  lhs: 'X_{\\text{decode}}',
  unit: 'tokens/s',
  symbols: { B: 'B', T: 'T_{\\text{TPOT}}' },
  labels: { B: 'Sequences in the batch', T: 'Time per output token (s)' },
  domains: { B: 'positiveInt', T: 'positive' },
  tex: (v) => String.raw`\frac{${v.B}}{${v.T}}`,
  compute: ({ B, T }) => B / T,
  // 16 sequences at 40 ms per step.
  example: { B: 16, T: 0.04 },
});

/**
 * A ModelSpec as the latency estimate needs it, weights and KV cache at `bytesPerElement`.
 * N is the active parameters (MoE: the k experts a token uses), but every expert's
 * weights are counted as read each step, which is right once the batch touches them all.
 * MLA's scores and values use different head widths; their mean stands in for h·d.
 * A sliding window is ignored (the cache is counted in full): an upper bound.
 * @example latencyModelFromSpec(getPreset('llama-2-70b').spec, 2).kvBytesPerToken //=> 327680
 */
export function latencyModelFromSpec(spec: ModelSpec, bytesPerElement: number): LatencyModel {
  const mla = spec.mla;
  const attentionWidth = mla
    ? Math.round((spec.heads * (mla.qkNopeHeadDim + mla.qkRopeHeadDim + mla.vHeadDim)) / 2)
    : spec.heads * spec.headDim;
  return {
    params: activeParams(spec),
    layers: spec.layers,
    attentionWidth,
    hidden: spec.hidden,
    weightsBytes: weightsBytes(spec, bytesPerElement),
    kvBytesPerToken: kvCacheBytesPerToken(spec, bytesPerElement),
    activationBytesPerElement: 2,
  };
}

/** Inputs of the B* formula for a model on some hardware at context S'. */
export function decodeCriticalBatchInput(
  model: LatencyModel,
  hw: LatencyHardware,
  context: number,
  eff: Efficiencies = DEFAULT_EFFICIENCIES,
): { Qw: number; f: number; Qkv: number; P: number; W: number; ec: number; em: number } {
  if (!(Number.isFinite(context) && context >= 1)) throw new InputError('context', 'context must be at least 1 token');
  return {
    Qw: model.weightsBytes,
    f: forwardFlopsArticle({ ...model, tokens: 1, context }),
    Qkv: context * model.kvBytesPerToken,
    P: hw.peak,
    W: hw.memoryBandwidth,
    ec: eff.compute,
    em: eff.memory,
  };
}

/**
 * B* for a workload: the decode step at the end of a request, context S' = S + O.
 * `batch` is Infinity when no batch makes that step compute-bound.
 */
export function decodeCrossover(
  model: LatencyModel,
  hw: LatencyHardware,
  work: Pick<LatencyWorkload, 'input' | 'output'>,
  eff: Efficiencies = DEFAULT_EFFICIENCIES,
): { context: number; input: ReturnType<typeof decodeCriticalBatchInput>; batch: number } {
  const context = work.input + work.output;
  const input = decodeCriticalBatchInput(model, hw, context, eff);
  const batch = decodeCriticalBatch({
    weightsBytes: input.Qw,
    flopsPerSequence: input.f,
    kvBytesPerSequence: input.Qkv,
    peak: input.P,
    bandwidth: input.W,
    computeEfficiency: input.ec,
    memoryEfficiency: input.em,
  });
  return { context, input, batch };
}

/** Whether a batch's KV caches fit beside the weights on G GPUs. */
export interface ServingFit {
  /** KV cache of one request at S + O tokens. */
  kvPerRequest: number;
  /** G·M·u − weights (activations left out). */
  budget: number;
  maxConcurrency: number;
  fits: boolean;
}

/**
 * The memory check behind a latency estimate: KV per request at S + O tokens, the budget
 * G·M·u − weights, and how many requests fit. Activations are left out (they are small
 * next to the cache for decode) and the cache is counted in full for sliding windows.
 * @example servingFit(latencyModelFromSpec(getPreset('llama-2-70b').spec, 2), { gpus: 2, memoryPerGpu: 80e9 }, { batch: 16, input: 3000, output: 1000 }, 1).maxConcurrency //=> 16
 */
export function servingFit(
  model: LatencyModel,
  hw: { gpus: number; memoryPerGpu: number },
  work: Pick<LatencyWorkload, 'batch' | 'input' | 'output'>,
  utilization: number,
): ServingFit {
  const kvPerRequest = (work.input + work.output) * model.kvBytesPerToken;
  const budget = kvBudgetBytes({ gpus: hw.gpus, memoryPerGpu: hw.memoryPerGpu, utilization, weightsBytes: model.weightsBytes, activationBytes: 0 });
  const concurrency = kvPerRequest > 0 ? maxConcurrency(budget, kvPerRequest) : budget > 0 ? Infinity : 0;
  return { kvPerRequest, budget, maxConcurrency: concurrency, fits: concurrency >= work.batch };
}

/** One batch size of a sweep. */
export interface BatchPoint {
  batch: number;
  ttftSeconds: number;
  tpotSeconds: number;
  /** B / TPOT: tokens per second while decoding. */
  decodeTokensPerSecond: number;
  /** B·O / (TTFT + (O−1)·TPOT): output tokens per second over the whole request. */
  endToEndTokensPerSecond: number;
  prefillRegime: Regime;
  /** Regime of the last decode step (the longest context). */
  decodeRegime: Regime;
  /** FLOPs per HBM byte of the last decode step. */
  decodeIntensity: number;
}

/** Batch sizes a sweep visits: 1, 2, 4, … 512. */
export const SWEEP_BATCHES: readonly number[] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];

/**
 * The latency estimate at each batch size (other inputs fixed). Batches whose estimate
 * throws (none today) are left out rather than reported as NaN.
 */
export function decodeBatchSweep(
  model: LatencyModel,
  hw: LatencyHardware,
  work: Omit<LatencyWorkload, 'batch'>,
  eff: Efficiencies = DEFAULT_EFFICIENCIES,
  batches: readonly number[] = SWEEP_BATCHES,
): BatchPoint[] {
  return batches.map((batch) => {
    const r = estimateInferenceLatency(model, hw, { ...work, batch }, eff);
    return {
      batch,
      ttftSeconds: r.ttftSeconds,
      tpotSeconds: r.tpotSeconds,
      decodeTokensPerSecond: batch / r.tpotSeconds,
      endToEndTokensPerSecond: (batch * work.output) / r.totalSeconds,
      prefillRegime: r.prefill.regime,
      decodeRegime: r.decodeLast.regime,
      decodeIntensity: r.decodeLast.arithmeticIntensity,
    };
  });
}

export const decodeFormulas = [decodeCriticalBatchFormula, decodeThroughputFormula];
