/**
 * Inference memory formulas, each with its derivation, and the arithmetic behind them: the
 * per-model figures of ./memory.ts call these same functions, so a formula and a model's
 * number cannot drift apart.
 */
import { defineFormula, type AnyFormula } from '../formula';

/**
 * Bytes of N numbers at s bytes each: N·s (the weights, a checkpoint's parameters).
 * @example bytesOf(6738415616, 2) //=> 13476831232
 */
export function bytesOf(count: number, bytesPerElement: number): number {
  return count * bytesPerElement;
}

/**
 * Numbers one token caches in one layer with full K and V: one K and one V vector of d per KV head, 2·h_kv·d.
 * @example kvElementsPerLayerToken({ kvHeads: 8, headDim: 128 }) //=> 2048
 */
export function kvElementsPerLayerToken(p: { kvHeads: number; headDim: number }): number {
  return 2 * p.kvHeads * p.headDim;
}

/**
 * Numbers one token caches in one layer under MLA: the latent and the shared rope key, r_kv + d_R.
 * @example mlaElementsPerLayerToken({ kvLoraRank: 512, ropeDim: 64 }) //=> 576
 */
export function mlaElementsPerLayerToken(p: { kvLoraRank: number; ropeDim: number }): number {
  return p.kvLoraRank + p.ropeDim;
}

/**
 * The one KV-cache product: L_f full-attention layers keep all S' tokens, L_w windowed layers
 * at most W, each layer and token n_kv numbers of s bytes: (L_f·S' + L_w·min(S', W))·n_kv·s.
 * Every KV-cache figure in the course (per token, per request, windowed, MLA, a model's own)
 * is this with some of the terms fixed.
 * @example kvCacheBytesOf({ fullLayers: 80, windowedLayers: 0, contextTokens: 4000, window: 4000, elements: 2048, bytesPerElement: 2 }) //=> 1310720000
 */
export function kvCacheBytesOf(p: {
  fullLayers: number;
  windowedLayers: number;
  contextTokens: number;
  window: number;
  elements: number;
  bytesPerElement: number;
}): number {
  const windowed = p.windowedLayers === 0 ? 0 : p.windowedLayers * Math.min(p.contextTokens, p.window);
  return (p.fullLayers * p.contextTokens + windowed) * p.elements * p.bytesPerElement;
}

/** Every layer full, no window: L·S'·n_kv·s. */
function fullKvBytes(layers: number, contextTokens: number, elements: number, bytesPerElement: number): number {
  return kvCacheBytesOf({ fullLayers: layers, windowedLayers: 0, contextTokens, window: contextTokens, elements, bytesPerElement });
}

/** Weights: N·s. @example //=> 13,476,831,232 B for Llama 2 7B in bf16 */
export const weightsMemoryFormula = defineFormula({
  id: 'memory.weights',
  anchor: 'weights-memory',
  page: 'memory',
  title: 'Weight memory',
  description: 'Every parameter stored once at s bytes; for MoE, N is the total (all experts are resident), not the active count.',
  lhs: 'M_{w}',
  unit: 'B',
  symbols: { N: 'N', s: 's' },
  labels: { N: 'Parameters N', s: 'Bytes per element s (per parameter)' },
  domains: { N: 'positiveInt', s: 'positive' },
  tex: (v) => String.raw`${v.N} \cdot ${v.s}`,
  compute: ({ N, s }) => bytesOf(N, s),
  example: { N: 6738415616, s: 2 },
});

/** KV cache of one sequence: 2·L·S'·h_kv·d·s. @example //=> 1,310,720,000 B for Llama 2 70B, S'=4000, bf16 */
export const kvCacheFormula = defineFormula({
  id: 'memory.kvCache',
  anchor: 'kv-cache',
  page: 'memory',
  title: 'KV cache per sequence',
  description: "One K and one V vector of d numbers per KV head, per layer, for each of the S' cached tokens.",
  lhs: 'M_{KV}',
  unit: 'B',
  symbols: { L: 'L', Sc: "S'", hKv: 'h_{kv}', d: 'd', s: 's' },
  labels: { L: 'Layers L', Sc: "Cached tokens S'", hKv: 'KV heads h_kv', d: 'Head dim d', s: 'Bytes per element s' },
  domains: { L: 'positiveInt', Sc: 'nonNegativeInt', hKv: 'positiveInt', d: 'positiveInt', s: 'positive' },
  tex: (v) => String.raw`2 \cdot ${v.L} \cdot ${v.Sc} \cdot ${v.hKv} \cdot ${v.d} \cdot ${v.s}`,
  compute: ({ L, Sc, hKv, d, s }) => fullKvBytes(L, Sc, kvElementsPerLayerToken({ kvHeads: hKv, headDim: d }), s),
  example: { L: 80, Sc: 4000, hKv: 8, d: 128, s: 2 }, // Llama 2 70B: 1,310,720,000 B
});

/** KV cache per token: 2·L·h_kv·d·s. @example //=> 327,680 B for Llama 2 70B in bf16 */
export const kvCachePerTokenFormula = defineFormula({
  id: 'memory.kvCachePerToken',
  anchor: 'kv-cache-per-token',
  page: 'memory',
  title: 'KV cache per token',
  description: 'What each generated or prompt token adds to the cache, over all layers.',
  lhs: 'm_{KV}',
  unit: 'B',
  symbols: { L: 'L', hKv: 'h_{kv}', d: 'd', s: 's' },
  labels: { L: 'Layers L', hKv: 'KV heads h_kv', d: 'Head dim d', s: 'Bytes per element s' },
  domains: { L: 'positiveInt', hKv: 'positiveInt', d: 'positiveInt', s: 'positive' },
  tex: (v) => String.raw`2 \cdot ${v.L} \cdot ${v.hKv} \cdot ${v.d} \cdot ${v.s}`,
  compute: ({ L, hKv, d, s }) => fullKvBytes(L, 1, kvElementsPerLayerToken({ kvHeads: hKv, headDim: d }), s),
  example: { L: 80, hKv: 8, d: 128, s: 2 },
});

/** MLA cache of one sequence: (r_kv + d_R)·L·S'·s. @example //=> 70,272 B per token for DeepSeek V3 in bf16 */
export const mlaKvCacheFormula = defineFormula({
  id: 'memory.mlaKvCache',
  anchor: 'mla-kv-cache',
  page: 'variants',
  title: 'MLA KV cache per sequence',
  description:
    'Multi-head latent attention caches one compressed latent of kv_lora_rank numbers and one shared rope key of qk_rope_head_dim numbers per layer and token, not full K and V.',
  lhs: 'M_{KV}^{\\text{MLA}}',
  unit: 'B',
  symbols: { r: 'r_{kv}', dR: 'd_R', L: 'L', Sc: "S'", s: 's' },
  labels: { r: 'KV latent rank r_kv', dR: 'Rope key dim d_R', L: 'Layers L', Sc: "Cached tokens S'", s: 'Bytes per element s' },
  domains: { r: 'positiveInt', dR: 'nonNegativeInt', L: 'positiveInt', Sc: 'nonNegativeInt', s: 'positive' },
  tex: (v) => String.raw`(${v.r} + ${v.dR}) \cdot ${v.L} \cdot ${v.Sc} \cdot ${v.s}`,
  compute: ({ r, dR, L, Sc, s }) => fullKvBytes(L, Sc, mlaElementsPerLayerToken({ kvLoraRank: r, ropeDim: dR }), s),
  example: { r: 512, dR: 64, L: 61, Sc: 1, s: 2 }, // DeepSeek V3: 70,272 B per token
});

/** Sliding-window KV cache: 2·L·min(S', W)·h_kv·d·s. */
export const slidingWindowKvCacheFormula = defineFormula({
  id: 'memory.slidingWindowKvCache',
  anchor: 'sliding-window-kv-cache',
  page: 'variants',
  title: 'KV cache with a sliding window',
  description: 'A layer that attends to the last W tokens only needs to keep W of them.',
  lhs: 'M_{KV}',
  unit: 'B',
  symbols: { L: 'L', Sc: "S'", W: 'W', hKv: 'h_{kv}', d: 'd', s: 's' },
  labels: { L: 'Layers L', Sc: "Context S'", W: 'Window W', hKv: 'KV heads h_kv', d: 'Head dim d', s: 'Bytes per element s' },
  domains: { L: 'positiveInt', Sc: 'nonNegativeInt', W: 'positiveInt', hKv: 'positiveInt', d: 'positiveInt', s: 'positive' },
  tex: (v) => String.raw`2 \cdot ${v.L} \cdot \min(${v.Sc}, ${v.W}) \cdot ${v.hKv} \cdot ${v.d} \cdot ${v.s}`,
  compute: ({ L, Sc, W, hKv, d, s }) =>
    kvCacheBytesOf({
      fullLayers: 0,
      windowedLayers: L,
      contextTokens: Sc,
      window: W,
      elements: kvElementsPerLayerToken({ kvHeads: hKv, headDim: d }),
      bytesPerElement: s,
    }),
  example: { L: 32, Sc: 32768, W: 4096, hKv: 8, d: 128, s: 2 }, // Mistral 7B v0.1
});

export const memoryFormulas: AnyFormula[] = [weightsMemoryFormula, kvCacheFormula, kvCachePerTokenFormula, mlaKvCacheFormula, slidingWindowKvCacheFormula];
