/**
 * Inference latency by roofline: each phase takes as long as the slower of doing its
 * FLOPs and moving its bytes, plus the tensor-parallel all-reduces that cannot overlap.
 *
 *   T_phase = max(F / (G·P·η_c), Q / (G·W·η_m)) + T_comm
 *   T_comm  = 2·L · (α + 2·(G−1)/G · T·H·s / W_link)     (two all-reduces per layer)
 *
 * G GPUs share the work evenly under tensor parallelism (each holds 1/G of the weights
 * and KV heads and does 1/G of the FLOPs). Prefill (S prompt tokens at once) does
 * ~2N FLOPs per weight byte pair and is compute-bound; a decode step does 2N per token
 * but must read every weight and the whole KV cache, so it is memory-bound.
 * The all-reduce is a ring: each GPU sends and receives 2·(G−1)/G of the message
 * (Patarasuk & Yuan 2009), at the interconnect's per-direction bandwidth.
 * @see Shoeybi et al., "Megatron-LM" (2019), §3: two all-reduces per layer in forward
 * @see Williams, Waterman & Patterson, "Roofline" (CACM 2009)
 */
import { defineFormula, type Derivation } from '../formula';
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

const phaseSymbols = {
  F: 'F',
  Q: 'Q',
  G: 'G',
  P: 'P_{\\text{peak}}',
  W: 'W_{\\text{mem}}',
  ec: '\\eta_c',
  em: '\\eta_m',
  Tc: 'T_{\\text{comm}}',
} as const;
const phaseDomains = {
  F: 'nonNegative',
  Q: 'nonNegative',
  G: 'positiveInt',
  P: 'positive',
  W: 'positive',
  ec: 'fraction',
  em: 'fraction',
  Tc: 'nonNegative',
} as const;
const phaseTex = (v: Record<keyof typeof phaseSymbols, string>) =>
  String.raw`\max\left(\frac{${v.F}}{${v.G} \cdot ${v.P} \cdot ${v.ec}}, \frac{${v.Q}}{${v.G} \cdot ${v.W} \cdot ${v.em}}\right) + ${v.Tc}`;
const phaseCompute = ({ F, Q, G, P, W, ec, em, Tc }: Record<keyof typeof phaseSymbols, number>) =>
  phaseSeconds({ flops: F, bytes: Q, gpus: G, peak: P, bandwidth: W, computeEfficiency: ec, memoryEfficiency: em, commSeconds: Tc })
    .seconds;

export const prefillLatencyFormula = defineFormula({
  id: 'latency.prefill',
  anchor: 'prefill-latency',
  page: 'mfu-and-latency',
  title: 'Time to first token (prefill)',
  description:
    'The prompt’s forward pass on G tensor-parallel GPUs: the slower of its FLOPs and its bytes, plus the all-reduces. Compute-bound for any real prompt.',
  lhs: 'T_{\\text{TTFT}}',
  unit: 's',
  symbols: phaseSymbols,
  labels: {
    F: 'Prefill FLOPs',
    Q: 'Bytes moved (weights + KV written)',
    G: 'GPUs (tensor parallel)',
    P: 'Peak FLOP/s per GPU',
    W: 'Memory bandwidth per GPU (B/s)',
    ec: 'Compute efficiency',
    em: 'Memory efficiency',
    Tc: 'All-reduce time (s)',
  },
  domains: phaseDomains,
  tex: phaseTex,
  compute: phaseCompute,
  // Llama 2 70B, 16 × 4,000 tokens on 8×A800 at 100%: 9.5e15 FLOPs, 138 GB of weights.
  example: { F: 9.5e15, Q: 1.38e11, G: 8, P: 312e12, W: 2.039e12, ec: 1, em: 1, Tc: 0 },
  approximate: true,
  notes: [
    'Assumes no overlap of communication with compute, and an even split over the G GPUs.',
    'The queueing and tokenisation a server adds come on top.',
  ],
});

export const decodeLatencyFormula = defineFormula({
  id: 'latency.decode',
  anchor: 'decode-latency',
  page: 'mfu-and-latency',
  title: 'Time per output token (decode step)',
  description:
    'One decode step for B sequences: every weight and the whole KV cache are read for one token each, so memory bandwidth, not FLOPs, sets the time.',
  lhs: 'T_{\\text{TPOT}}',
  unit: 's',
  symbols: phaseSymbols,
  labels: {
    F: 'Decode-step FLOPs',
    Q: 'Bytes read (weights + KV cache)',
    G: 'GPUs (tensor parallel)',
    P: 'Peak FLOP/s per GPU',
    W: 'Memory bandwidth per GPU (B/s)',
    ec: 'Compute efficiency',
    em: 'Memory efficiency',
    Tc: 'All-reduce time (s)',
  },
  domains: phaseDomains,
  tex: phaseTex,
  compute: phaseCompute,
  // Llama 2 70B, 16 sequences at 4,000 tokens of context, 8×A800: 2.2e12 FLOPs, 138 GB weights + 21 GB KV.
  example: { F: 2.2e12, Q: 1.59e11, G: 8, P: 312e12, W: 2.039e12, ec: 0.8, em: 0.8, Tc: 0 },
  approximate: true,
  notes: ['Batching more sequences adds FLOPs and KV bytes but reads the weights once: the way to use a memory-bound GPU.'],
});

export const allReduceFormula = defineFormula({
  id: 'latency.allReduce',
  anchor: 'all-reduce-time',
  page: 'mfu-and-latency',
  title: 'Ring all-reduce time',
  description:
    'A ring all-reduce over G GPUs sends and receives 2·(G−1)/G of the message on each GPU, at the link’s per-direction bandwidth.',
  lhs: 'T_{\\text{AR}}',
  unit: 's',
  symbols: { M: 'M', G: 'G', W: 'W_{\\text{link}}' },
  labels: { M: 'Message bytes', G: 'GPUs', W: 'Per-direction link bandwidth (B/s)' },
  domains: { M: 'nonNegative', G: 'positiveInt', W: 'positive' },
  tex: (v) => String.raw`\frac{2 \cdot (${v.G} - 1)}{${v.G}} \cdot \frac{${v.M}}{${v.W}}`,
  compute: ({ M, G, W }) => allReduceSeconds({ bytes: M, gpus: G, bandwidth: W }),
  // One prefill all-reduce of Llama 2 70B: 64,000 tokens × 8,192 × 2 bytes over 8 A800s (200 GB/s each way).
  example: { M: 64000 * 8192 * 2, G: 8, W: 200e9 },
  notes: ['Tensor parallelism needs two per layer in the forward pass (after attention and after the FFN).'],
});

export const tensorParallelCommFormula = defineFormula({
  id: 'latency.tensorParallelComm',
  anchor: 'tensor-parallel-comm-time',
  page: 'mfu-and-latency',
  title: 'Tensor-parallel communication per forward pass',
  description: 'Two ring all-reduces per layer of the [T, H] activation, T the tokens in the step.',
  lhs: 'T_{\\text{comm}}',
  unit: 's',
  symbols: { L: 'L', T: 'T', H: 'H', s: 's', G: 'G', W: 'W_{\\text{link}}' },
  labels: {
    L: 'Layers',
    T: 'Tokens in the step (B·S for prefill, B for decode)',
    H: 'Hidden size',
    s: 'Bytes per element',
    G: 'GPUs',
    W: 'Effective per-direction link bandwidth (B/s)',
  },
  domains: { L: 'positiveInt', T: 'positiveInt', H: 'positiveInt', s: 'positive', G: 'positiveInt', W: 'positive' },
  tex: (v) => String.raw`2 \cdot ${v.L} \cdot \frac{2 \cdot (${v.G} - 1)}{${v.G}} \cdot \frac{${v.T} \cdot ${v.H} \cdot ${v.s}}{${v.W}}`,
  compute: ({ L, T, H, s, G, W }) => tensorParallelCommSeconds({ layers: L, tokens: T, hidden: H, bytesPerElement: s, gpus: G, bandwidth: W }),
  // Llama 2 70B prefill of 16 × 4,000 tokens on 8×A800, 80% of 200 GB/s per direction.
  example: { L: 80, T: 64000, H: 8192, s: 2, G: 8, W: 160e9 },
});

/** A model as the latency estimate needs it: plain numbers, no spec types. */
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

export const prefillFlopsFormula = defineFormula({
  id: 'latency.prefillFlops',
  anchor: 'prefill-flops',
  page: 'mfu-and-latency',
  title: 'Prefill FLOPs',
  description:
    'B prompts of S tokens: 2N per token for the weights plus 4·L·H per token and key for scores and values; m = 1 counts every key (the article), 1/2 a causal mask.',
  lhs: 'F_{\\text{prefill}}',
  unit: 'FLOPs',
  symbols: { B: 'B', S: 'S', N: 'N', L: 'L', H: 'H', m: 'm' },
  labels: {
    B: 'Requests B',
    S: 'Prompt tokens S',
    N: 'Parameters N',
    L: 'Layers L',
    H: 'Query width h·d',
    m: 'Mask factor (1 full, 0.5 causal)',
  },
  domains: { B: 'positiveInt', S: 'positiveInt', N: 'positive', L: 'positiveInt', H: 'positiveInt', m: 'fraction' },
  tex: (v) => String.raw`${v.B} \cdot ${v.S} \cdot (2 \cdot ${v.N} + 4 \cdot ${v.L} \cdot ${v.H} \cdot ${v.m} \cdot ${v.S})`,
  compute: ({ B, S, N, L, H, m }) => forwardFlopsArticle({ params: N, layers: L, attentionWidth: H, tokens: B * S, context: m * S }),
  // Llama 2 70B (exact N), 16 requests of 4,000 tokens, full scores.
  example: { B: 16, S: 4000, N: 68_976_648_192, L: 80, H: 8192, m: 1 },
  approximate: true,
  notes: ['2N counts the embedding table as if it were a matmul; the exact per-component count is in the FLOPs chapter.'],
});

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
  const lastContext = S + steps;
  // The derivation shows the article's form; with exact hooks the phases use the exact count.
  const derivations: Derivation[] = model.prefillFlops
    ? []
    : [prefillFlopsFormula.derive({ B, S, N: model.params, L: model.layers, H: model.attentionWidth, m })];
  if (G > 1) {
    derivations.push(
      tensorParallelCommFormula.derive({
        L: model.layers,
        T: B * S,
        H: model.hidden,
        s: model.activationBytesPerElement,
        G,
        W: link,
      }),
    );
  }
  derivations.push(
    prefillLatencyFormula.derive({
      F: prefillFlopsValue,
      Q: prefillBytes,
      G,
      P: hw.peak,
      W: hw.memoryBandwidth,
      ec: eff.compute,
      em: eff.memory,
      Tc: prefillComm,
    }),
    decodeLatencyFormula.derive({
      F: decodeFlops(lastContext),
      Q: model.weightsBytes + B * lastContext * model.kvBytesPerToken,
      G,
      P: hw.peak,
      W: hw.memoryBandwidth,
      ec: eff.compute,
      em: eff.memory,
      Tc: decodeComm,
    }),
  );
  return {
    prefillFlops: prefillFlopsValue,
    prefill,
    ttftSeconds: prefill.seconds,
    decodeFirst,
    decodeLast,
    tpotSeconds,
    totalSeconds: prefill.seconds + (work.output - 1) * tpotSeconds,
    steps: derivations,
  };
}

export const latencyFormulas = [
  prefillFlopsFormula,
  prefillLatencyFormula,
  decodeLatencyFormula,
  allReduceFormula,
  tensorParallelCommFormula,
];
