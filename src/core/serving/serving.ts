/**
 * Serving capacity: how many requests fit at once, set by the memory left for the KV
 * cache once the weights, the activations of one forward pass and a reserve are in.
 *
 *   budget      = G · M · u − W − A
 *   KV/request  = 2 · L · (S_in + S_out) · h_kv · d · s
 *   concurrency = ⌊budget / KV/request⌋
 *
 * M is one GPU's capacity: say whether an "80GB" card means 80e9 bytes or the 80 GiB
 * (85.9e9 bytes) physically on it; u is the fraction a server lets itself use (vLLM's
 * gpu_memory_utilization, default 0.9), the rest a reserve for the CUDA context, NCCL
 * buffers and fragmentation. KV heads h_kv, not query heads: GQA is why Llama 2 70B
 * caches 8× less than multi-head attention would.
 * @see Kwon et al., "Efficient Memory Management for LLM Serving with PagedAttention" (2023)
 */
import { defineFormula } from '../formula';
import { InputError } from '../units';

/** vLLM's default gpu_memory_utilization: the fraction of each GPU a server plans to use. */
export const DEFAULT_MEMORY_UTILIZATION = 0.9;

/**
 * KV cache of one request, bytes: 2·L·S·h_kv·d·s for S = input + output tokens.
 * @example kvBytesPerRequest({ layers: 80, tokens: 4000, kvHeads: 8, headDim: 128, bytesPerElement: 2 }) //=> 1310720000
 */
export function kvBytesPerRequest(p: { layers: number; tokens: number; kvHeads: number; headDim: number; bytesPerElement: number }): number {
  return 2 * p.layers * p.tokens * p.kvHeads * p.headDim * p.bytesPerElement;
}

/**
 * Bytes left for the KV cache: G·M·u − W − A.
 * @example kvBudgetBytes({ gpus: 2, memoryPerGpu: 80e9, utilization: 1, weightsBytes: 137953296384, activationBytes: 0 }) //=> 22046703616
 */
export function kvBudgetBytes(p: { gpus: number; memoryPerGpu: number; utilization: number; weightsBytes: number; activationBytes: number }): number {
  return p.gpus * p.memoryPerGpu * p.utilization - p.weightsBytes - p.activationBytes;
}

/**
 * Requests whose KV caches fit in the budget: ⌊budget / perRequest⌋, 0 when nothing fits.
 * @example maxConcurrency(22046703616, 1310720000) //=> 16
 */
export function maxConcurrency(budgetBytes: number, perRequestBytes: number): number {
  if (!(perRequestBytes > 0)) throw new InputError('kvBytesPerRequest', 'KV bytes per request must be greater than 0');
  return budgetBytes <= 0 ? 0 : Math.floor(budgetBytes / perRequestBytes);
}

/**
 * Peak activation working set of one forward pass over T tokens, summed over G
 * tensor-parallel GPUs: G·T·(H + c·I/G)·s, the FFN's input plus its c widest tensors
 * (gated FFN: gate, up and their product, c = 3; plain MLP: c = 2).
 * @example servingActivationBytes({ gpus: 2, tokens: 4000, hidden: 8192, ffnWidth: 28672, ffnTensors: 3, bytesPerElement: 2 }) //=> 819200000
 */
export function servingActivationBytes(p: {
  gpus: number;
  tokens: number;
  hidden: number;
  ffnWidth: number;
  ffnTensors: number;
  bytesPerElement: number;
}): number {
  return p.gpus * p.tokens * (p.hidden + (p.ffnTensors * p.ffnWidth) / p.gpus) * p.bytesPerElement;
}

export const kvPerRequestFormula = defineFormula({
  id: 'serving.kvPerRequest',
  anchor: 'kv-per-request',
  page: 'mfu-and-latency',
  title: 'KV cache per request',
  description: 'Keys and values for every layer, every token of the prompt and the answer, every KV head.',
  lhs: 'M_{\\text{KV}}^{\\text{req}}',
  unit: 'B',
  symbols: { L: 'L', S: 'S_{\\text{in}} + S_{\\text{out}}', hkv: 'h_{kv}', d: 'd', s: 's' },
  labels: {
    L: 'Layers',
    S: 'Input + output tokens',
    hkv: 'KV heads',
    d: 'Head dimension',
    s: 'Bytes per element',
  },
  domains: { L: 'positiveInt', S: 'positiveInt', hkv: 'positiveInt', d: 'positiveInt', s: 'positive' },
  tex: (v) => String.raw`2 \cdot ${v.L} \cdot (${v.S}) \cdot ${v.hkv} \cdot ${v.d} \cdot ${v.s}`,
  compute: ({ L, S, hkv, d, s }) => kvBytesPerRequest({ layers: L, tokens: S, kvHeads: hkv, headDim: d, bytesPerElement: s }),
  // Llama 2 70B (GQA: 8 KV heads of 128), 4,000 tokens, fp16.
  example: { L: 80, S: 4000, hkv: 8, d: 128, s: 2 },
  notes: ['Multi-head attention would use h_kv = h = 64: 8× as much.'],
});

export const kvBudgetFormula = defineFormula({
  id: 'serving.kvBudget',
  anchor: 'kv-budget',
  page: 'mfu-and-latency',
  title: 'Memory left for the KV cache',
  description: 'What G GPUs hold, times the fraction a server lets itself use, minus the weights and one forward pass’s activations.',
  lhs: 'M_{\\text{KV}}^{\\text{free}}',
  unit: 'B',
  symbols: { G: 'G', M: 'M_{\\text{GPU}}', u: 'u', W: 'M_{\\text{weights}}', A: 'M_{\\text{act}}' },
  labels: {
    G: 'GPUs',
    M: 'Memory per GPU (bytes)',
    u: 'Usable fraction (1 − reserve)',
    W: 'Weights (bytes)',
    A: 'Activations (bytes)',
  },
  domains: { G: 'positiveInt', M: 'positive', u: 'fraction', W: 'nonNegative', A: 'nonNegative' },
  tex: (v) => String.raw`${v.G} \cdot ${v.M} \cdot ${v.u} - ${v.W} - ${v.A}`,
  compute: ({ G, M, u, W, A }) => kvBudgetBytes({ gpus: G, memoryPerGpu: M, utilization: u, weightsBytes: W, activationBytes: A }),
  // 2×A800 read as 80 GiB each, 90% usable, Llama 2 70B fp16 weights, 819.2 MB of activations.
  example: { G: 2, M: 80 * 2 ** 30, u: DEFAULT_MEMORY_UTILIZATION, W: 137_953_296_384, A: 819_200_000 },
  notes: [
    'An "80GB" A800 holds 80 GiB = 85,899,345,920 bytes; reading it as 80e9 bytes understates it by 7.4%.',
    'u = 0.9 is vLLM’s default gpu_memory_utilization; the 10% reserve covers the CUDA context, NCCL buffers and fragmentation.',
  ],
});

export const maxConcurrencyFormula = defineFormula({
  id: 'serving.maxConcurrency',
  anchor: 'max-concurrency',
  page: 'mfu-and-latency',
  title: 'Maximum concurrent requests',
  description: 'How many requests of the maximum length can hold their KV cache at once.',
  lhs: 'B_{\\max}',
  unit: 'requests',
  symbols: { K: 'M_{\\text{KV}}^{\\text{free}}', r: 'M_{\\text{KV}}^{\\text{req}}' },
  labels: { K: 'Memory for the KV cache (bytes)', r: 'KV cache per request (bytes)' },
  domains: { K: 'nonNegative', r: 'positive' },
  tex: (v) => String.raw`\left\lfloor \frac{${v.K}}{${v.r}} \right\rfloor`,
  compute: ({ K, r }) => maxConcurrency(K, r),
  example: { K: 15_846_326_272, r: 1_310_720_000 },
  notes: ['Paged KV caches let shorter requests pack tighter; this counts every request at the maximum length.'],
});

export const servingActivationFormula = defineFormula({
  id: 'serving.activationBytes',
  anchor: 'serving-activations',
  page: 'mfu-and-latency',
  title: 'Activation working set of one forward pass',
  description:
    'Inference keeps no activations between layers, only the widest moment of one layer: the FFN’s input and its c intermediate tensors, for N_tok tokens, on each of G GPUs.',
  lhs: 'M_{\\text{act}}',
  unit: 'B',
  symbols: { G: 'G', T: 'N_{\\text{tok}}', H: 'H', c: 'c', I: 'I', s: 's' },
  labels: {
    G: 'GPUs (tensor parallel)',
    T: 'Tokens in the pass N_tok',
    H: 'Hidden size',
    c: 'FFN tensors alive at once (gated 3, plain 2)',
    I: 'FFN width',
    s: 'Bytes per element',
  },
  domains: { G: 'positiveInt', T: 'positiveInt', H: 'positiveInt', c: 'positiveInt', I: 'positiveInt', s: 'positive' },
  tex: (v) => String.raw`${v.G} \cdot ${v.T} \cdot \left(${v.H} + \frac{${v.c} \cdot ${v.I}}{${v.G}}\right) \cdot ${v.s}`,
  compute: ({ G, T, H, c, I, s }) => servingActivationBytes({ gpus: G, tokens: T, hidden: H, ffnTensors: c, ffnWidth: I, bytesPerElement: s }),
  // Llama 2 70B prefilling one 4,000-token prompt on 2 GPUs.
  example: { G: 2, T: 4000, H: 8192, c: 3, I: 28672, s: 2 },
  approximate: true,
  notes: ['The reference article writes this as B·S·H·c with c the intermediate tensors; servers size it by a profiling run.'],
});

export const servingFormulas = [kvPerRequestFormula, kvBudgetFormula, maxConcurrencyFormula, servingActivationFormula];
