/**
 * The formulas the variants chapter introduces (ids `variants.*`, anchors on /variants/):
 * the KV saving of grouped attention, a cache with full and windowed layers, MLA's
 * compression, an MoE's weights per GPU under expert parallelism,
 * and Llama's SwiGLU width. Registered in ../registry.ts through ./index.ts.
 */
import { defineFormula, type AnyFormula } from '../formula';
import { InputError } from '../units';
import { swigluWidth } from './transform';
import { kvCacheBytesOf, kvElementsPerLayerToken, mlaElementsPerLayerToken } from '../memory/formulas';

/** KV shrink factor of grouped attention: h / h_kv. @example //=> 8 for Llama 2 70B (64 query heads, 8 KV heads) */
export const kvHeadSavingFormula = defineFormula({
  id: 'variants.kvHeadSaving',
  anchor: 'gqa-kv-saving',
  page: 'variants',
  title: 'KV cache saving of grouped-query attention',
  description:
    'With h query heads sharing h_kv KV heads, the cache holds h_kv instead of h K/V vectors per layer and token: h / h_kv times less. MQA is h_kv = 1.',
  lhs: '\\frac{M_{KV}^{\\text{MHA}}}{M_{KV}^{\\text{GQA}}}',
  unit: 'count',
  symbols: { h: 'h', hKv: 'h_{kv}' },
  labels: { h: 'Query heads h', hKv: 'KV heads h_kv' },
  domains: { h: 'positiveInt', hKv: 'positiveInt' },
  tex: (v) => String.raw`\frac{${v.h}}{${v.hKv}}`,
  compute: ({ h, hKv }) => h / hKv,
  example: { h: 64, hKv: 8 }, // Llama 2 70B: 8
});

/**
 * KV cache with full and windowed layers: (L_f·S' + L_w·min(S', W))·e·s.
 * @example //=> 2,113,929,216 B for Gemma 2 9B at S' = 8192 in bf16 (21 full + 21 windowed layers, W = 4096, e = 4096)
 */
export const mixedWindowKvCacheFormula = defineFormula({
  id: 'variants.mixedWindowKvCache',
  anchor: 'mixed-window-kv-cache',
  page: 'variants',
  title: 'KV cache with full and windowed layers',
  description:
    "L_f layers attend to (and keep) all S' tokens, L_w windowed layers keep at most W; each layer and token caches n_kv numbers (2·h_kv·d, or MLA's r_kv + d_R) of s bytes.",
  lhs: 'M_{KV}',
  unit: 'B',
  symbols: { Lf: 'L_f', Lw: 'L_w', Sc: "S'", W: 'W', e: 'n_{kv}', s: 's' },
  labels: {
    Lf: 'Full-attention layers L_f',
    Lw: 'Windowed layers L_w',
    Sc: "Context S'",
    W: 'Window W',
    e: 'Numbers cached per layer and token n_kv',
    s: 'Bytes per element s',
  },
  domains: { Lf: 'nonNegativeInt', Lw: 'nonNegativeInt', Sc: 'nonNegativeInt', W: 'positiveInt', e: 'positiveInt', s: 'positive' },
  tex: (v) => String.raw`(${v.Lf} \cdot ${v.Sc} + ${v.Lw} \cdot \min(${v.Sc}, ${v.W})) \cdot ${v.e} \cdot ${v.s}`,
  compute: ({ Lf, Lw, Sc, W, e, s }) => kvCacheBytesOf({ fullLayers: Lf, windowedLayers: Lw, contextTokens: Sc, window: W, elements: e, bytesPerElement: s }),
  // Gemma 2 9B: 42 layers alternating, W = 4096, 8 KV heads × 256 → e = 2·8·256 = 4096.
  example: { Lf: 21, Lw: 21, Sc: 8192, W: 4096, e: 4096, s: 2 },
});

/** MLA's cache saving against MHA with the same heads: 2·h·d / (r_kv + d_R). @example //=> 56.9 for DeepSeek V3 */
export const mlaCompressionFormula = defineFormula({
  id: 'variants.mlaCompression',
  anchor: 'mla-compression',
  page: 'variants',
  title: 'MLA cache compression against MHA',
  description: 'Full multi-head K and V hold 2·h·d numbers per layer and token; MLA holds a latent of r_kv numbers and one shared rope key of d_R.',
  lhs: '\\frac{M_{KV}^{\\text{MHA}}}{M_{KV}^{\\text{MLA}}}',
  unit: 'count',
  symbols: { h: 'h', d: 'd', r: 'r_{kv}', dR: 'd_R' },
  labels: { h: 'Heads h', d: 'Head dim d', r: 'KV latent rank r_kv', dR: 'Rope key dim d_R' },
  domains: { h: 'positiveInt', d: 'positiveInt', r: 'positiveInt', dR: 'nonNegativeInt' },
  tex: (v) => String.raw`\frac{2 \cdot ${v.h} \cdot ${v.d}}{${v.r} + ${v.dR}}`,
  // Numbers per layer and token: full K and V of h heads against MLA's latent and rope key.
  compute: ({ h, d, r, dR }) => kvElementsPerLayerToken({ kvHeads: h, headDim: d }) / mlaElementsPerLayerToken({ kvLoraRank: r, ropeDim: dR }),
  example: { h: 128, d: 128, r: 512, dR: 64 }, // DeepSeek V3: 32,768 / 576
  sig: 3,
});

/**
 * Weights per GPU under expert parallelism of degree EP: (N − N_exp + N_exp/EP)·s.
 * @example //=> 14,485,561,344 B for Mixtral 8x7B in bf16 with EP = 8 (N = 46.7B, routed experts 45.1B)
 */
export const expertParallelWeightsFormula = defineFormula({
  id: 'variants.expertParallelWeights',
  anchor: 'expert-parallel-weights',
  page: 'variants',
  title: 'Weights per GPU with expert parallelism',
  description:
    'Every GPU keeps the shared parts (embedding, attention, norms, router, shared experts) and 1/EP of the routed experts; the rest live on the other EP − 1 GPUs of the group.',
  lhs: 'M_{w}^{\\text{GPU}}',
  unit: 'B',
  symbols: { N: 'N', Ne: 'N_{\\text{exp}}', e: '\\mathrm{EP}', s: 's' },
  labels: { N: 'Parameters N (all of them)', Ne: 'Routed-expert parameters N_exp', e: 'Expert-parallel size EP', s: 'Bytes per element s (per parameter)' },
  domains: { N: 'positiveInt', Ne: 'nonNegativeInt', e: 'positiveInt', s: 'positive' },
  tex: (v) => String.raw`\left(${v.N} - ${v.Ne} + \frac{${v.Ne}}{${v.e}}\right) \cdot ${v.s}`,
  compute: ({ N, Ne, e, s }) => {
    if (Ne > N) throw new InputError('Ne', 'Routed-expert parameters N_exp are a part of N, so at most N');
    return (N - Ne + Ne / e) * s;
  },
  example: { N: 46702792704, Ne: 45097156608, e: 8, s: 2 }, // Mixtral 8x7B: 32·8·3·4096·14336 expert params
});

/** Llama's SwiGLU width rule. @example //=> 11,008 for H = 4096 */
export const swigluWidthFormula = defineFormula({
  id: 'variants.swigluWidth',
  anchor: 'swiglu-width',
  page: 'variants',
  title: 'SwiGLU FFN width (Llama rule)',
  description:
    'Three matrices of width I cost what two of width 4H do when I = 8H/3; Llama floors that, scales it by ffn_dim_multiplier and rounds up to a multiple of multiple_of for the matmul kernels.',
  lhs: 'I',
  unit: 'count',
  symbols: { H: 'H', f: 'f_{\\text{mult}}', m: 'm_{\\text{of}}' },
  labels: { H: 'Hidden size H', f: 'ffn_dim_multiplier f_mult', m: 'multiple_of m_of' },
  domains: { H: 'positiveInt', f: 'positive', m: 'positiveInt' },
  tex: (v) => String.raw`${v.m} \cdot \left\lceil \frac{\lfloor ${v.f} \cdot \lfloor 8 \cdot ${v.H} / 3 \rfloor \rfloor}{${v.m}} \right\rceil`,
  compute: swigluWidth,
  example: { H: 4096, f: 1, m: 256 }, // Llama 2 7B: 11,008
});

export const variantFormulas: AnyFormula[] = [
  kvHeadSavingFormula,
  mixedWindowKvCacheFormula,
  mlaCompressionFormula,
  expertParallelWeightsFormula,
  swigluWidthFormula,
];
