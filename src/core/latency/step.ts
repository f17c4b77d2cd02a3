/**
 * One forward step of a tensor-parallel replica, timed by roofline plus the calibrated
 * fixed costs (./calibration.ts), and the sums and steady states built from it: the
 * mean time per output token over a request's decode steps in closed form, and
 * continuous batching at a given concurrency.
 *
 *   T_step = max(T_compute, T_memory) + T_comm + t_step + L·t_layer
 *
 * A decode step's cost is affine in its context c between the breakpoints where a
 * sliding window fills, so Σ_c T_step(c) over a request's O − 1 steps is a handful of
 * arithmetic series: no loop over tokens, whatever O is.
 * @see Williams, Waterman & Patterson, "Roofline" (CACM 2009)
 * @see Pope et al., "Efficiently Scaling Transformer Inference" (2022), §2
 */
import { InputError } from '../units';
import { computeSeconds, transferSeconds } from '../matmul/matmul';
import type { LatencyCalibration } from './calibration';

/** What one step does, summed over the G GPUs of the replica. */
export interface StepCost {
  /** FLOPs of the weight matmuls (projections, FFN, experts, LM head). */
  matmulFlops: number;
  /** FLOPs of the attention matmuls (Q·Kᵀ and scores·V). */
  attentionFlops: number;
  /** Weight bytes read (once per step, however many tokens). */
  weightBytes: number;
  /** Activation bytes the weight matmuls read and write (chapter 1's (M·K + M·N)·s per matmul). */
  activationBytes: number;
  /** Activation bytes of the operations between matmuls (norms, activation function, residual adds, rotary). */
  elementwiseBytes: number;
  /** KV-cache bytes read (decode) or written (prefill). */
  kvBytes: number;
  /** Tokens whose [T, H] activation the tensor-parallel all-reduces carry. */
  tokens: number;
}

/** The replica a step runs on. */
export interface StepHardware {
  /** G, tensor-parallel GPUs. */
  gpus: number;
  /** Peak FLOP/s per GPU for the weight matmuls (the weights' data type). */
  matmulPeak: number;
  /** η of the weight matmuls: the calibration's for their data type (see `matmulEfficiency`). */
  matmulEfficiency: number;
  /** Peak FLOP/s per GPU for attention (16-bit). */
  attentionPeak: number;
  /** HBM bandwidth per GPU, B/s. */
  memoryBandwidth: number;
  /** Link bandwidth per GPU per direction, B/s (unused when G = 1). */
  linkBandwidth: number;
  /** α, seconds per all-reduce. */
  allReduceLatency: number;
  /** L, two all-reduces per layer. */
  layers: number;
  /** H, the width of the all-reduced activation. */
  hidden: number;
  /** Bytes per all-reduced element (2 for 16-bit activations). */
  activationBytesPerElement: number;
}

export type Regime = 'compute-bound' | 'memory-bound';

/** A step's time and where it goes. */
export interface StepTime {
  flops: number;
  /** Bytes moved to and from HBM: weights + activations + KV. */
  bytes: number;
  /** The weight matmuls: the slower of their FLOPs and their weight and activation bytes. */
  matmulSeconds: number;
  /** The attention kernels: the slower of their FLOPs and the KV bytes. */
  attentionSeconds: number;
  /** The memory-bound operations between matmuls. */
  elementwiseSeconds: number;
  /** All FLOPs at the calibrated share of peak. */
  computeSeconds: number;
  /** All bytes at the calibrated share of bandwidth. */
  memorySeconds: number;
  commSeconds: number;
  overheadSeconds: number;
  /** matmul + attention + elementwise + comm + overhead */
  seconds: number;
  /** Whether the step's FLOPs or its bytes take longer. */
  regime: Regime;
  /** FLOPs per HBM byte, to hold against the GPU's ridge point. */
  arithmeticIntensity: number;
}

// The two sides of a roofline live with the matmul's (../matmul/matmul.ts); a step uses them per kernel class.
export { computeSeconds, transferSeconds } from '../matmul/matmul';
/**
 * A kernel class on its roofline: the slower of its FLOPs and its bytes,
 * max(F/(G·P·η_c), Q/(G·W·η_m)).
 * @example rooflineSeconds({ flops: 9.5e15, bytes: 1.38e11, gpus: 8, peak: 312e12, bandwidth: 2.039e12, computeEfficiency: 1, memoryEfficiency: 1 }) //=> 3.806…
 */
export function rooflineSeconds(p: {
  flops: number;
  bytes: number;
  gpus: number;
  peak: number;
  bandwidth: number;
  computeEfficiency: number;
  memoryEfficiency: number;
}): number {
  return Math.max(computeSeconds(p.flops, p.gpus, p.peak, p.computeEfficiency), transferSeconds(p.bytes, p.gpus, p.bandwidth, p.memoryEfficiency));
}

/** Seconds of each kernel class: the roofline of the matmuls and of attention, and the elementwise traffic. */
function kernelSeconds(c: StepCost, hw: StepHardware, cal: LatencyCalibration) {
  return {
    mmCompute: computeSeconds(c.matmulFlops, hw.gpus, hw.matmulPeak, hw.matmulEfficiency),
    mmMemory: transferSeconds(c.weightBytes + c.activationBytes, hw.gpus, hw.memoryBandwidth, cal.memoryEfficiency),
    attCompute: computeSeconds(c.attentionFlops, hw.gpus, hw.attentionPeak, cal.computeEfficiency),
    attMemory: transferSeconds(c.kvBytes, hw.gpus, hw.memoryBandwidth, cal.kvEfficiency),
    elementwise: transferSeconds(c.elementwiseBytes, hw.gpus, hw.memoryBandwidth, cal.memoryEfficiency),
  };
}

/**
 * One ring all-reduce of `bytes` over G GPUs: α + 2·(G−1)/G · bytes/W, W the effective
 * per-direction link bandwidth; 0 on one GPU.
 * @example allReduceSeconds({ bytes: 1e9, gpus: 8, bandwidth: 200e9, latency: 0 }) //=> 0.00875
 */
export function allReduceSeconds(p: { bytes: number; gpus: number; bandwidth: number; latency: number }): number {
  if (p.gpus === 1) return 0;
  return p.latency + ((2 * (p.gpus - 1)) / p.gpus) * (p.bytes / p.bandwidth);
}

/**
 * Two all-reduces per layer of a [T, H] activation at s bytes: 2·L·(α + 2·(G−1)/G·T·H·s/W).
 * @example tensorParallelCommSeconds({ layers: 80, tokens: 64000, hidden: 8192, bytesPerElement: 2, gpus: 8, bandwidth: 200e9, latency: 0 }) //=> 1.4680064
 */
export function tensorParallelCommSeconds(p: {
  layers: number;
  tokens: number;
  hidden: number;
  bytesPerElement: number;
  gpus: number;
  bandwidth: number;
  latency: number;
}): number {
  return 2 * p.layers * allReduceSeconds({ bytes: p.tokens * p.hidden * p.bytesPerElement, gpus: p.gpus, bandwidth: p.bandwidth, latency: p.latency });
}

/**
 * The fixed cost of a step: t_step + L·t_layer.
 * @example fixedStepSeconds({ step: 3.2e-3, layers: 80, perLayer: 34e-6 }) //=> 0.00592
 */
export function fixedStepSeconds(p: { step: number; layers: number; perLayer: number }): number {
  return p.step + p.layers * p.perLayer;
}

/**
 * Two ring all-reduces per layer of the [T, H] activation: 2·L·(α + 2·(G−1)/G·T·H·s/(W·η)).
 * 0 on one GPU.
 * @example tensorParallelStepCommSeconds(64000, { gpus: 8, layers: 80, hidden: 8192, activationBytesPerElement: 2, linkBandwidth: 200e9, allReduceLatency: 0 } as StepHardware, { linkEfficiency: 1 } as LatencyCalibration) //=> 1.4680064
 */
export function tensorParallelStepCommSeconds(tokens: number, hw: StepHardware, cal: LatencyCalibration): number {
  return tensorParallelCommSeconds({
    layers: hw.layers,
    tokens,
    hidden: hw.hidden,
    bytesPerElement: hw.activationBytesPerElement,
    gpus: hw.gpus,
    bandwidth: hw.linkBandwidth * cal.linkEfficiency,
    latency: hw.allReduceLatency,
  });
}

/** The fixed cost of one step on `hw`: t_step + L·t_layer. */
export function stepOverheadSeconds(hw: StepHardware, cal: LatencyCalibration): number {
  return fixedStepSeconds({ step: cal.stepOverheadSeconds, layers: hw.layers, perLayer: cal.layerOverheadSeconds });
}

/**
 * The time of one step on the replica: each kernel class takes the slower of its FLOPs
 * and its bytes (the matmuls against the weights, attention against the KV cache), the
 * operations between them their bytes, then the all-reduces and the fixed costs.
 * @example stepTime({ matmulFlops: 9.5e15, attentionFlops: 0, weightBytes: 1.38e11, activationBytes: 0, elementwiseBytes: 0, kvBytes: 0, tokens: 64000 }, a800x8, IDEAL_CALIBRATION).matmulSeconds //=> 3.806…
 */
export function stepTime(cost: StepCost, hw: StepHardware, cal: LatencyCalibration): StepTime {
  const k = kernelSeconds(cost, hw, cal);
  const matmulSeconds = Math.max(k.mmCompute, k.mmMemory);
  const attentionSeconds = Math.max(k.attCompute, k.attMemory);
  const commSeconds = tensorParallelStepCommSeconds(cost.tokens, hw, cal);
  const overheadSeconds = stepOverheadSeconds(hw, cal);
  const computeSeconds = k.mmCompute + k.attCompute;
  const memorySeconds = k.mmMemory + k.attMemory + k.elementwise;
  const flops = cost.matmulFlops + cost.attentionFlops;
  const bytes = cost.weightBytes + cost.activationBytes + cost.elementwiseBytes + cost.kvBytes;
  return {
    flops,
    bytes,
    matmulSeconds,
    attentionSeconds,
    elementwiseSeconds: k.elementwise,
    computeSeconds,
    memorySeconds,
    commSeconds,
    overheadSeconds,
    seconds: matmulSeconds + attentionSeconds + k.elementwise + commSeconds + overheadSeconds,
    regime: computeSeconds >= memorySeconds ? 'compute-bound' : 'memory-bound',
    arithmeticIntensity: bytes > 0 ? flops / bytes : 0,
  };
}

/**
 * Σ_{c=a}^{b} g(c) for a function affine on the integers [a, b]: (b − a + 1)·(g(a) + g(b))/2.
 * @example sumAffine((c) => 2 * c + 1, 1, 4) //=> 24
 */
export function sumAffine(g: (c: number) => number, a: number, b: number): number {
  if (b < a) return 0;
  return ((b - a + 1) * (g(a) + g(b))) / 2;
}

/**
 * The segments [a, b] of [from, to] between breakpoints: a breakpoint k ends a segment
 * at k (the cost's slope may change after context k, where a window fills).
 * @example segmentsOf(1, 10, [4]) //=> [[1, 4], [5, 10]]
 */
export function segmentsOf(from: number, to: number, breakpoints: readonly number[]): [number, number][] {
  const cuts = [...new Set(breakpoints.filter((k) => k >= from && k < to).map((k) => Math.floor(k)))].sort((x, y) => x - y);
  const segments: [number, number][] = [];
  let start = from;
  for (const k of cuts) {
    segments.push([start, k]);
    start = k + 1;
  }
  segments.push([start, to]);
  return segments;
}

/**
 * Σ over contexts c = from … to of `f(c)` for a function affine between breakpoints.
 * @example sumPiecewiseAffine((c) => Math.min(c, 4), 1, 10, [4]) //=> 34
 */
export function sumPiecewiseAffine(f: (c: number) => number, from: number, to: number, breakpoints: readonly number[]): number {
  let total = 0;
  for (const [a, b] of segmentsOf(from, to, breakpoints)) total += sumAffine(f, a, b);
  return total;
}

/** The last integer of [a, b) on the side of a where d(c) = da + (db − da)·(c − a)/(b − a) keeps da's sign, or null. */
function crossing(da: number, db: number, a: number, b: number): number | null {
  if (a === b || da >= 0 === db >= 0) return null;
  return Math.min(b - 1, Math.max(a, Math.floor(a + (da / (da - db)) * (b - a))));
}

/**
 * Σ over contexts c = from … to of the step time at `costAt(c)`, exact for costs affine
 * in c between breakpoints: within a segment each kernel class's two times are affine,
 * so the segment splits at most twice (where a class changes regime) into parts whose
 * step time is affine, each summed as an arithmetic series. A handful of evaluations,
 * however many tokens.
 */
export function sumStepSeconds(
  costAt: (context: number) => StepCost,
  from: number,
  to: number,
  breakpoints: readonly number[],
  hw: StepHardware,
  cal: LatencyCalibration,
): number {
  if (to < from) return 0;
  let total = 0;
  const seconds = (c: number) => stepTime(costAt(c), hw, cal).seconds;
  for (const [a, b] of segmentsOf(from, to, breakpoints)) {
    const ka = kernelSeconds(costAt(a), hw, cal);
    const kb = kernelSeconds(costAt(b), hw, cal);
    const cuts = [
      crossing(ka.mmCompute - ka.mmMemory, kb.mmCompute - kb.mmMemory, a, b),
      crossing(ka.attCompute - ka.attMemory, kb.attCompute - kb.attMemory, a, b),
    ]
      .filter((k): k is number => k !== null)
      .sort((x, y) => x - y);
    let start = a;
    for (const k of [...new Set(cuts), b]) {
      if (k < start) continue;
      total += ((k - start + 1) * (seconds(start) + seconds(k))) / 2;
      start = k + 1;
    }
  }
  return total;
}

/** Continuous batching at a steady state: what a fixed number of users in a closed loop sees. */
export interface ContinuousBatching {
  /** Users keeping one request each in flight. */
  concurrency: number;
  /** Requests decoding together: min(concurrency, the memory limit). */
  effectiveConcurrency: number;
  /** Mean seconds from sending a request to its last token. */
  requestSeconds: number;
  requestsPerSecond: number;
  outputTokensPerSecond: number;
  /** Mean time to first token, queueing included. */
  ttftSeconds: number;
  /** Mean time between output tokens once decoding (inter-token latency). */
  itlSeconds: number;
  /** Seconds a request waits for memory to free up (0 while the concurrency fits). */
  memoryQueueSeconds: number;
  /** ρ, the share of the replica's time spent on other requests' prefills. */
  prefillShare: number;
}

/**
 * The steady state of C users each sending a request as soon as the last one finished,
 * with prefills run one at a time between decode steps (no chunking):
 *
 *   R   = TTFT + (O − 1)·t_d(C) + (C − 1)·t_p'      each request also waits out the others' prefills
 *   λ   = C / R,   X = λ·O                          Little's law; X output tokens per second
 *   TTFT = t_p + W,  W = ρ/(2(1 − ρ))·t_p',  ρ = λ·t_p'   an M/D/1 queue of prefills
 *
 * t_p is a lone prefill (what the first user sees), t_p' its marginal cost once decode
 * steps already read the weights (its compute and its all-reduce bytes), t_d(C) a decode
 * step of C requests. Solving R with W in it is a quadratic. Past the memory limit C_max,
 * C_max requests decode and the rest wait for one to finish: (C − C_max)/λ more.
 * @see Little, "A Proof for the Queuing Formula L = λW" (1961)
 * @see Yu et al., "Orca: A Distributed Serving System for Transformer-Based Generative Models" (OSDI 2022)
 */
export function continuousBatching(p: {
  concurrency: number;
  maxConcurrency: number;
  outputTokens: number;
  /** t_p: a lone prefill, seconds. */
  prefillSeconds: number;
  /** t_p': a prefill's marginal cost beside running decodes, seconds. */
  prefillMarginalSeconds: number;
  /** t_d at `effectiveConcurrency` requests, seconds. */
  decodeStepSeconds: (batch: number) => number;
}): ContinuousBatching {
  if (!(Number.isInteger(p.concurrency) && p.concurrency >= 1)) throw new InputError('concurrency', 'concurrency must be a whole number of at least 1');
  if (!(p.maxConcurrency >= 1)) throw new InputError('maxConcurrency', 'not even one request fits in memory');
  const C = Math.min(p.concurrency, Math.floor(p.maxConcurrency));
  const O = p.outputTokens;
  const tp = p.prefillSeconds;
  const tm = p.prefillMarginalSeconds;
  const td = p.decodeStepSeconds(C);
  const a = tp + (O - 1) * td + (C - 1) * tm;
  const u = C * tm;
  // (R − a)(R − u) = u·t_p'/2, larger root (R > u keeps the prefill queue stable).
  const R = (a + u + Math.sqrt((a - u) ** 2 + 2 * u * tm)) / 2;
  const lambda = C / R;
  const rho = lambda * tm;
  const wait = rho < 1 ? (rho / (2 * (1 - rho))) * tm : 0;
  const ttft = tp + wait;
  const itl = O > 1 ? (R - ttft) / (O - 1) : 0;
  const memoryQueueSeconds = p.concurrency > C ? (p.concurrency - C) / lambda : 0;
  return {
    concurrency: p.concurrency,
    effectiveConcurrency: C,
    requestSeconds: R + memoryQueueSeconds,
    requestsPerSecond: lambda,
    outputTokensPerSecond: lambda * O,
    ttftSeconds: ttft + memoryQueueSeconds,
    itlSeconds: itl,
    memoryQueueSeconds,
    prefillShare: Math.min(1, rho),
  };
}
