/**
 * Inference memory for a workload: weights, the KV caches of B requests, and the
 * activations of one forward pass, against the memory a set of GPUs offers.
 *
 *   M = M_w + B·M_KV + M_act
 *   M_w   = N·s_w                         (./memory.ts weightsBytes)
 *   M_KV  = 2·L·S'·h_kv·d·s_kv            (./memory.ts kvCacheBytes; MLA and windows included)
 *   M_act ≈ s·T·(2H + w) + 4·T_out·V      (./memory.ts inferenceActivationBytes)
 *
 * The weights are paid once whatever the traffic; the KV cache is paid per request and
 * per token of context; the activations are transient, freed layer by layer, and sized
 * by the largest forward pass the server runs at once (one prompt here: servers prefill
 * one prompt, or one chunk, while the other requests decode a token each).
 * @see Kwon et al., "Efficient Memory Management for Large Language Model Serving with PagedAttention" (2023)
 */
import type { ModelSpec } from '../model/spec';
import { checkInputs, defineFormula } from '../formula';
import { InputError, formatInteger } from '../units';
import { inferenceActivationBytes, kvCacheBytes, weightsBytes, type ActivationEstimate } from './memory';
import { kvBudgetBytes, maxConcurrency } from '../serving/serving';

/** The inputs of the activation estimate's formula, read off a model and a forward pass. */
export interface InferenceActivationInputs {
  /** Tokens in the forward pass, B·S. */
  T: number;
  H: number;
  /** Width of the widest per-layer working set (attention q, k, v, output; or the FFN's tensors). */
  w: number;
  /** Bytes per activation element. */
  s: number;
  /** Tokens whose logits are materialised (1 per sequence when only the next token is sampled). */
  To: number;
  V: number;
}

/**
 * The activation formula's inputs for `spec` and one forward pass of `batch` × `newTokens`,
 * taken from inferenceActivationBytes so the two agree by construction.
 * @example inferenceActivationInputs(getPreset('llama-2-70b').spec, 1, 4000, 2).w //=> 86016 (3·I, gated FFN)
 */
export function inferenceActivationInputs(
  spec: ModelSpec,
  batch: number,
  newTokens: number,
  bytesPerElement: number,
  logits: 'all' | 'last' = 'last',
): InferenceActivationInputs {
  const est = inferenceActivationBytes({ spec, batch, newTokens, bytesPerElement, logits });
  const T = batch * newTokens;
  return {
    T,
    H: spec.hidden,
    w: est.layerWorkingSet / (T * bytesPerElement),
    s: bytesPerElement,
    To: logits === 'last' ? batch : T,
    V: spec.vocab,
  };
}

/**
 * Activation bytes of one inference forward pass: s·T·(2H + w) + 4·T_out·V.
 * The same estimate as inferenceActivationBytes, from plain numbers.
 * @example inferenceActivationFormulaBytes({ T: 4000, H: 8192, w: 86016, s: 2, To: 1, V: 32000 }) //=> 819328000
 */
export function inferenceActivationFormulaBytes({ T, H, w, s, To, V }: InferenceActivationInputs): number {
  return s * T * (2 * H + w) + 4 * To * V;
}

export const inferenceActivationsFormula = defineFormula({
  id: 'memory.inferenceActivations',
  anchor: 'inference-activations',
  page: 'memory',
  title: 'Activation memory of one forward pass',
  description:
    'The residual stream and its normalised copy, the widest working set of one layer, and the fp32 logits: freed as the pass moves on, so only the peak counts.',
  lhs: 'M_{\\text{act}}',
  unit: 'B',
  symbols: { T: 'N_{\\text{tok}}', H: 'H', w: 'w', s: 's', To: 'N_{\\text{out}}', V: 'V' },
  labels: {
    T: 'Tokens in the pass N_tok = B·S',
    H: 'Hidden size H',
    w: 'Widest working set per token w',
    s: 'Bytes per element s',
    To: 'Tokens whose logits are kept N_out',
    V: 'Vocabulary V',
  },
  domains: { T: 'positiveInt', H: 'positiveInt', w: 'positive', s: 'positive', To: 'positiveInt', V: 'positiveInt' },
  tex: (v) => String.raw`${v.s} \cdot ${v.T} \cdot (2 \cdot ${v.H} + ${v.w}) + 4 \cdot ${v.To} \cdot ${v.V}`,
  compute: (input) => inferenceActivationFormulaBytes(input),
  // Llama 2 70B prefilling one 4,000-token prompt in bf16: w = 3·I = 86,016 (gate, up, product).
  example: { T: 4000, H: 8192, w: 86016, s: 2, To: 1, V: 32000 },
  approximate: true,
  notes: [
    'w is the larger of the attention working set, (h + 2·h_kv)·d + h·d, and the FFN’s, 3·I gated or 2·I plain.',
    'FlashAttention-style kernels: the S×S′ score matrix is never stored. Framework workspace and the CUDA context are not included.',
    'The reference article writes this as B·S·H·c with c the number of intermediate tensors.',
  ],
});

export interface InferenceMemoryInput {
  spec: ModelSpec;
  /** Bytes per weight (bf16: 2, int8: 1, int4: 0.5). */
  weightBytes: number;
  /** Bytes per KV-cache element (chosen independently of the weights). */
  kvBytes: number;
  /** Concurrent requests B, each holding its own cache. */
  requests: number;
  /** Tokens cached per request, S' (prompt + generated). */
  contextTokens: number;
  /** Bytes per activation element (default 2). */
  activationBytes?: number;
}

export interface InferenceMemory {
  weights: number;
  kvPerRequest: number;
  kv: number;
  activations: number;
  total: number;
  activationEstimate: ActivationEstimate;
}

/**
 * Weights, KV cache of `requests` requests of `contextTokens` tokens each, and the
 * activations of one prefill of `contextTokens` tokens (logits for the last token only).
 * @example inferenceMemory({ spec: getPreset('llama-2-70b').spec, weightBytes: 2, kvBytes: 2, requests: 100, contextTokens: 4000 }).kv //=> 131072000000
 */
export function inferenceMemory(p: InferenceMemoryInput): InferenceMemory {
  checkInputs(
    { requests: p.requests, contextTokens: p.contextTokens, weightBytes: p.weightBytes, kvBytes: p.kvBytes },
    { requests: 'nonNegativeInt', contextTokens: 'positiveInt', weightBytes: 'positive', kvBytes: 'positive' },
    { requests: 'Requests B', contextTokens: "Context S'", weightBytes: 'Bytes per weight', kvBytes: 'Bytes per KV element' },
  );
  const weights = weightsBytes(p.spec, p.weightBytes);
  const kvPerRequest = kvCacheBytes(p.spec, p.contextTokens, p.kvBytes);
  const kv = inferenceTotalBytes({ W: 0, B: p.requests, K: kvPerRequest, A: 0 });
  const activationEstimate = inferenceActivationBytes({
    spec: p.spec,
    batch: 1,
    newTokens: p.contextTokens,
    bytesPerElement: p.activationBytes ?? 2,
    logits: 'last',
  });
  const activations = activationEstimate.total;
  return {
    weights,
    kvPerRequest,
    kv,
    activations,
    total: inferenceTotalBytes({ W: weights, B: p.requests, K: kvPerRequest, A: activations }),
    activationEstimate,
  };
}

/**
 * Total inference memory: M_w + B·M_KV + M_act.
 * @example inferenceTotalBytes({ W: 137953296384, B: 1, K: 1310720000, A: 819328000 }) //=> 140083344384
 */
export function inferenceTotalBytes({ W, B, K, A }: { W: number; B: number; K: number; A: number }): number {
  return W + B * K + A;
}

export const inferenceTotalFormula = defineFormula({
  id: 'memory.inferenceTotal',
  anchor: 'inference-memory-total',
  page: 'memory',
  title: 'Inference memory for B requests',
  description: 'The weights once, one KV cache per concurrent request, and the activations of the largest forward pass.',
  lhs: 'M',
  unit: 'B',
  symbols: { W: 'M_w', B: 'B', K: 'M_{KV}', A: 'M_{\\text{act}}' },
  labels: { W: 'Weights (bytes)', B: 'Batch B (concurrent requests)', K: 'KV cache per request (bytes)', A: 'Activations (bytes)' },
  domains: { W: 'nonNegative', B: 'nonNegativeInt', K: 'nonNegative', A: 'nonNegative' },
  tex: (v) => String.raw`${v.W} + ${v.B} \cdot ${v.K} + ${v.A}`,
  compute: (input) => inferenceTotalBytes(input),
  // Llama 2 70B in fp16, 100 requests of 4,000 tokens, one 4,000-token prefill in flight.
  example: { W: 137_953_296_384, B: 100, K: 1_310_720_000, A: 819_328_000 },
});

/**
 * The smallest number of requests whose KV caches together reach the weights: ⌈M_w / M_KV⌉.
 * @example kvCrossoverRequests(137953296384, 1310720000) //=> 106
 */
export function kvCrossoverRequests(weights: number, kvPerRequest: number): number {
  if (!(kvPerRequest > 0)) throw new InputError('kvPerRequest', 'KV cache per request must be greater than 0');
  return Math.ceil(weights / kvPerRequest);
}

export const kvCrossoverFormula = defineFormula({
  id: 'memory.kvCrossover',
  anchor: 'kv-crossover',
  page: 'memory',
  title: 'Requests at which the KV cache outweighs the weights',
  description: 'The weights are a fixed cost and the KV cache grows with every request: past this many requests of this length, the cache is the larger.',
  lhs: 'B^{*}',
  unit: 'requests',
  symbols: { W: 'M_w', K: 'M_{KV}' },
  labels: { W: 'Weights (bytes)', K: 'KV cache per request (bytes)' },
  domains: { W: 'positive', K: 'positive' },
  tex: (v) => String.raw`\left\lceil \frac{${v.W}}{${v.K}} \right\rceil`,
  compute: ({ W, K }) => kvCrossoverRequests(W, K),
  // Llama 2 70B, fp16 weights, 4,000-token requests with an fp16 cache.
  example: { W: 137_953_296_384, K: 1_310_720_000 },
});

export interface InferenceCapacity {
  /** G·M·u: what the GPUs offer. */
  capacity: number;
  /** Capacity left for KV caches after the weights and the activations. */
  kvBudget: number;
  /** Requests of this length whose caches fit at once. */
  requestsThatFit: number;
  /** True when the requested workload (weights + B caches + activations) fits. */
  fits: boolean;
}

/**
 * What `gpus` GPUs of `memoryPerGpu` bytes (a fraction `utilization` usable) hold for this workload.
 * @example inferenceCapacity(inferenceMemory({ spec: getPreset('llama-2-70b').spec, weightBytes: 2, kvBytes: 2, requests: 100, contextTokens: 4000 }), { gpus: 8, memoryPerGpu: 80e9, utilization: 0.9 }).requestsThatFit //=> 333
 */
export function inferenceCapacity(m: InferenceMemory, hw: { gpus: number; memoryPerGpu: number; utilization: number }): InferenceCapacity {
  checkInputs(
    { gpus: hw.gpus, memoryPerGpu: hw.memoryPerGpu, utilization: hw.utilization },
    { gpus: 'positiveInt', memoryPerGpu: 'positive', utilization: 'fraction' },
    { gpus: 'GPUs', memoryPerGpu: 'Memory per GPU', utilization: 'Usable fraction' },
  );
  const capacity = kvBudgetBytes({ ...hw, weightsBytes: 0, activationBytes: 0 });
  const kvBudget = kvBudgetBytes({ ...hw, weightsBytes: m.weights, activationBytes: m.activations });
  return {
    capacity,
    kvBudget,
    requestsThatFit: m.kvPerRequest > 0 ? maxConcurrency(kvBudget, m.kvPerRequest) : 0,
    fits: m.total <= capacity,
  };
}

/** The most bars a memory chart draws: its loop and its array are bounded by this, whatever `bars` asks. */
export const MAX_CHART_BARS = 100;

/**
 * Request counts for a chart from 1 to `max`: every count when there are few, else
 * `bars` counts spread evenly (1 first, `max` last). At most MAX_CHART_BARS bars.
 * @example requestCounts(100, 5) //=> [1, 25, 50, 75, 100]
 */
export function requestCounts(max: number, bars = 5): number[] {
  checkInputs({ max, bars }, { max: 'positiveInt', bars: 'positiveInt' }, { max: 'Requests', bars: 'Bars' });
  if (bars > MAX_CHART_BARS) throw new InputError('bars', `Bars must be at most ${MAX_CHART_BARS}, got ${formatInteger(bars)}`);
  if (max <= bars) return Array.from({ length: max }, (_, i) => i + 1);
  const counts = [1];
  for (let i = 1; i < bars; i += 1) counts.push(Math.round((max * i) / (bars - 1)));
  return [...new Set(counts)];
}

/** One bar of the weights / KV / activations picture. */
export interface InferenceMemoryRow {
  requests: number;
  weights: number;
  kv: number;
  activations: number;
  total: number;
}

/**
 * The memory picture for 1…`maxRequests` requests (see requestCounts).
 * @example inferenceMemorySweep({ spec: getPreset('llama-2-70b').spec, weightBytes: 2, kvBytes: 2, requests: 100, contextTokens: 4000 }, 2).map((r) => r.requests) //=> [1, 100]
 */
export function inferenceMemorySweep(p: InferenceMemoryInput, bars = 5): InferenceMemoryRow[] {
  return requestCounts(Math.max(1, p.requests), bars).map((requests) => {
    const m = inferenceMemory({ ...p, requests });
    return { requests, weights: m.weights, kv: m.kv, activations: m.activations, total: m.total };
  });
}

export const inferenceMemoryFormulas = [inferenceActivationsFormula, inferenceTotalFormula, kvCrossoverFormula];
