/**
 * The pre-scenario latency estimate, kept only until the CLI's `inference` command moves
 * to src/core/scenario (its one remaining caller). Do not use it in new code.
 * @deprecated use servingScenario (src/core/scenario/serving.ts)
 */
import type { Derivation } from '../formula';
import { InputError } from '../units';


/** What fraction of each peak a real kernel reaches; editable assumptions. */
export interface Efficiencies {
  /** Fraction of peak FLOP/s reached by compute-bound kernels (prefill). */
  compute: number;
  /** Fraction of peak memory bandwidth reached by memory-bound kernels (decode). */
  memory: number;
  /** Fraction of per-direction link bandwidth a ring all-reduce reaches. */
  comm: number;
  /** Fixed cost of one all-reduce, seconds (launch and synchronisation). */
  allReduceLatency: number;
}

/**
 * Defaults, each an assumption to edit: compute 0.8 is the reference article's practical
 * ceiling on A800; memory 0.8 and comm 0.8 are typical of well-tuned decode kernels and
 * NCCL rings on NVLink (measured bus bandwidth is usually 75–90% of the link rate); the
 * all-reduce latency defaults to 0, i.e. a pure bandwidth model.
 */
export const DEFAULT_EFFICIENCIES: Readonly<Efficiencies> = { compute: 0.8, memory: 0.8, comm: 0.8, allReduceLatency: 0 };

/** Inputs of one phase (prefill or one decode step), totals over all G GPUs. */
export interface PhaseInput {
  /** FLOPs of the phase, all GPUs together. */
  flops: number;
  /** Bytes read or written from HBM, all GPUs together (weights, KV cache). */
  bytes: number;
  /** Tensor-parallel GPUs. */
  gpus: number;
  /** Peak FLOP/s per GPU. */
  peak: number;
  /** Memory bandwidth per GPU, B/s. */
  bandwidth: number;
  computeEfficiency: number;
  memoryEfficiency: number;
  /** Communication seconds that do not overlap with compute. */
  commSeconds: number;
}

export type Regime = 'compute-bound' | 'memory-bound';

export interface PhaseTime {
  computeSeconds: number;
  memorySeconds: number;
  commSeconds: number;
  /** max(compute, memory) + comm */
  seconds: number;
  regime: Regime;
  /** FLOPs per byte of the phase, to compare with the GPU's ridge point. */
  arithmeticIntensity: number;
}

function checkPositive(value: number, field: string): void {
  if (!(Number.isFinite(value) && value > 0)) throw new InputError(field, `${field} must be a number greater than 0`);
}

function checkFraction(value: number, field: string): void {
  if (!(Number.isFinite(value) && value > 0 && value <= 1)) {
    throw new InputError(field, `${field} must be a fraction greater than 0 and at most 1`);
  }
}

/**
 * Roofline time of one phase on G GPUs.
 * @example phaseSeconds({ flops: 9.5e15, bytes: 1.4e11, gpus: 8, peak: 312e12, bandwidth: 2.039e12, computeEfficiency: 1, memoryEfficiency: 1, commSeconds: 0 }).seconds //=> 3.806…
 */
export function phaseSeconds(p: PhaseInput): PhaseTime {
  if (!(Number.isInteger(p.gpus) && p.gpus >= 1)) throw new InputError('gpus', 'gpus must be a whole number of at least 1');
  checkPositive(p.peak, 'peak');
  checkPositive(p.bandwidth, 'bandwidth');
  checkFraction(p.computeEfficiency, 'computeEfficiency');
  checkFraction(p.memoryEfficiency, 'memoryEfficiency');
  if (!(p.flops >= 0 && p.bytes >= 0 && p.commSeconds >= 0)) {
    throw new InputError('flops', 'flops, bytes and commSeconds must be at least 0');
  }
  const computeSeconds = p.flops / (p.gpus * p.peak * p.computeEfficiency);
  const memorySeconds = p.bytes / (p.gpus * p.bandwidth * p.memoryEfficiency);
  return {
    computeSeconds,
    memorySeconds,
    commSeconds: p.commSeconds,
    seconds: Math.max(computeSeconds, memorySeconds) + p.commSeconds,
    regime: computeSeconds >= memorySeconds ? 'compute-bound' : 'memory-bound',
    arithmeticIntensity: p.bytes > 0 ? p.flops / p.bytes : Infinity,
  };
}

/**
 * Ring all-reduce of `bytes` over G GPUs: α + 2·(G−1)/G · bytes / W, W the effective
 * per-direction link bandwidth. 0 on one GPU.
 * @example allReduceSeconds({ bytes: 1e9, gpus: 8, bandwidth: 200e9 }) //=> 0.00875
 */
export function allReduceSeconds(p: { bytes: number; gpus: number; bandwidth: number; latency?: number }): number {
  if (!(Number.isInteger(p.gpus) && p.gpus >= 1)) throw new InputError('gpus', 'gpus must be a whole number of at least 1');
  if (p.gpus === 1) return 0;
  checkPositive(p.bandwidth, 'interconnectBandwidth');
  return (p.latency ?? 0) + ((2 * (p.gpus - 1)) / p.gpus) * (p.bytes / p.bandwidth);
}

/**
 * Tensor-parallel communication of one forward pass: two all-reduces per layer of the
 * [tokens, H] activation, 2·L·(α + 2·(G−1)/G·T·H·s/W).
 * @example tensorParallelCommSeconds({ layers: 80, tokens: 64000, hidden: 8192, bytesPerElement: 2, gpus: 8, bandwidth: 160e9 }) //=> 1.835008
 */
export function tensorParallelCommSeconds(p: {
  layers: number;
  tokens: number;
  hidden: number;
  bytesPerElement: number;
  gpus: number;
  bandwidth: number;
  latency?: number;
}): number {
  if (p.gpus === 1) return 0;
  const message = p.tokens * p.hidden * p.bytesPerElement;
  return 2 * p.layers * allReduceSeconds({ bytes: message, gpus: p.gpus, bandwidth: p.bandwidth, latency: p.latency ?? 0 });
}

export interface LatencyModel {
  /** N whose 2N FLOPs each token costs (active parameters for MoE). */
  params: number;
  /** L */
  layers: number;
  /** h·d, the query width the score and value matmuls run over (the article's H in 4·L·H·S'). */
  attentionWidth: number;
  /** H, the width of the activation each all-reduce carries. */
  hidden: number;
  /** All weights, bytes. */
  weightsBytes: number;
  /** KV cache for one token across all layers, bytes. */
  kvBytesPerToken: number;
  /** Bytes per activation element for the all-reduce (2 for bf16). */
  activationBytesPerElement: number;
  /**
   * Exact FLOP counts, when the caller has them (e.g. the per-component count of the
   * FLOPs chapter). Omitted: the article's B·S·(2N + 4·L·H·S') is used.
   */
  prefillFlops?: (batch: number, input: number, attention: 'full' | 'causal') => number;
  decodeStepFlops?: (batch: number, context: number) => number;
}

export interface LatencyHardware {
  gpus: number;
  /** Peak FLOP/s per GPU for the dtype used. */
  peak: number;
  /** B/s per GPU. */
  memoryBandwidth: number;
  /** Per-direction interconnect B/s (half the bidirectional figure); unused on one GPU. */
  linkBandwidth: number;
}

export interface LatencyWorkload {
  batch: number;
  /** Prompt tokens per request, S. */
  input: number;
  /** Output tokens per request, O (the first comes from prefill). */
  output: number;
  /** Score FLOPs of the prompt: 'full' as the reference article counts (S·S), 'causal' half. */
  attention: 'full' | 'causal';
}

/**
 * Forward FLOPs of B sequences of S new tokens over an average of c keys each, the
 * reference article's B·S·(2N + 4·L·H·c) with H the query width h·d.
 * @example forwardFlopsArticle({ params: 68976648192, layers: 80, attentionWidth: 8192, tokens: 64000, context: 4000 }) //=> 9500099608576000
 */
export function forwardFlopsArticle(p: { params: number; layers: number; attentionWidth: number; tokens: number; context: number }): number {
  return p.tokens * (2 * p.params + 4 * p.layers * p.attentionWidth * p.context);
}



export interface InferenceLatency {
  prefillFlops: number;
  prefill: PhaseTime;
  /** Seconds to the first output token (the prefill). */
  ttftSeconds: number;
  /** The first and last decode steps (contexts S+1 and S+O−1). */
  decodeFirst: PhaseTime;
  decodeLast: PhaseTime;
  /** Mean seconds per output token over the O−1 decode steps (one step when O = 1). */
  tpotSeconds: number;
  /** TTFT + (O−1)·TPOT */
  totalSeconds: number;
  steps: Derivation[];
}

/**
 * TTFT and mean TPOT by roofline for B requests of S prompt tokens and O output tokens,
 * tensor parallel over G GPUs. Decode step j (j = 1…O−1) attends over S + j keys.
 */
export function estimateInferenceLatency(
  model: LatencyModel,
  hw: LatencyHardware,
  work: LatencyWorkload,
  eff: Efficiencies = DEFAULT_EFFICIENCIES,
): InferenceLatency {
  for (const key of ['batch', 'input', 'output'] as const) {
    const v = work[key];
    if (!(Number.isInteger(v) && v >= 1)) throw new InputError(key, `${key} must be a whole number of at least 1`);
  }
  checkPositive(model.params, 'params');
  checkPositive(model.weightsBytes, 'weightsBytes');
  checkFraction(eff.comm, 'commEfficiency');
  if (!(eff.allReduceLatency >= 0)) throw new InputError('allReduceLatency', 'allReduceLatency must be at least 0 s');
  const G = hw.gpus;
  const m = work.attention === 'full' ? 1 : 0.5;
  const B = work.batch;
  const S = work.input;
  const link = G > 1 ? hw.linkBandwidth * eff.comm : 1;
  const comm = (tokens: number) =>
    tensorParallelCommSeconds({
      layers: model.layers,
      tokens,
      hidden: model.hidden,
      bytesPerElement: model.activationBytesPerElement,
      gpus: G,
      bandwidth: link,
      latency: eff.allReduceLatency,
    });
  const prefillFlopsValue = model.prefillFlops
    ? model.prefillFlops(B, S, work.attention)
    : forwardFlopsArticle({ ...model, tokens: B * S, context: m * S });
  const decodeFlops = (context: number) =>
    model.decodeStepFlops ? model.decodeStepFlops(B, context) : forwardFlopsArticle({ ...model, tokens: B, context });
  const prefillBytes = model.weightsBytes + B * S * model.kvBytesPerToken;
  const prefillComm = comm(B * S);
  const phase = (flops: number, bytes: number, commSeconds: number) =>
    phaseSeconds({
      flops,
      bytes,
      gpus: G,
      peak: hw.peak,
      bandwidth: hw.memoryBandwidth,
      computeEfficiency: eff.compute,
      memoryEfficiency: eff.memory,
      commSeconds,
    });
  const prefill = phase(prefillFlopsValue, prefillBytes, prefillComm);
  const decodeComm = comm(B);
  const decodeStep = (context: number) =>
    phase(decodeFlops(context), model.weightsBytes + B * context * model.kvBytesPerToken, decodeComm);
  const steps = Math.max(1, work.output - 1);
  let sum = 0;
  for (let j = 1; j <= steps; j += 1) sum += decodeStep(S + j).seconds;
  const tpotSeconds = sum / steps;
  const decodeFirst = decodeStep(S + 1);
  const decodeLast = decodeStep(S + steps);
  return {
    prefillFlops: prefillFlopsValue,
    prefill,
    ttftSeconds: prefill.seconds,
    decodeFirst,
    decodeLast,
    tpotSeconds,
    totalSeconds: prefill.seconds + (work.output - 1) * tpotSeconds,
    steps: [],
  };
}

