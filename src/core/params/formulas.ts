/**
 * Textbook parameter formulas, each with its derivation (see ../formula.ts). The exact,
 * tensor-by-tensor count is `countParams` in ./params.ts; these are the closed forms the
 * chapters derive and compare against it.
 */
import { defineFormula, type AnyFormula } from '../formula';
import { InputError } from '../units';
import { approxParams, attentionWeights, embeddingWeights, ffnWeights, idleExpertWeights } from './params';

/** N ≈ 12·L·H² + V·H. @see content/05-parameters-and-flops.mdx @example //=> 6,573,522,944 for L=32, H=4096, V=32000 */
export const paramsApproxFormula = defineFormula({
  id: 'params.approx',
  anchor: 'params-approx',
  page: 'parameters-and-flops',
  title: 'Parameter count, the 12LH² + VH approximation',
  description:
    'Per layer 4H² for attention (Q, K, V, O) and 8H² for a 4H-wide two-matrix FFN, plus one V×H embedding; norms, biases, GQA, gated FFN widths and an untied head are ignored.',
  lhs: 'N',
  unit: 'params',
  symbols: { L: 'L', H: 'H', V: 'V' },
  labels: { L: 'Layers L', H: 'Hidden size H', V: 'Vocabulary V' },
  domains: { L: 'positiveInt', H: 'positiveInt', V: 'positiveInt' },
  tex: (v) => String.raw`12 \cdot ${v.L} \cdot ${v.H}^2 + ${v.V} \cdot ${v.H}`,
  compute: approxParams,
  example: { L: 32, H: 4096, V: 32000 }, // Llama 2 7B: 6,573,522,944
  approximate: true,
});

/** Attention weights per layer, MHA: 4·H² (Q, K, V, O, each H×H). @example //=> 67,108,864 for H=4096 */
export const attentionParamsFormula = defineFormula({
  id: 'params.attentionPerLayer',
  anchor: 'attention-params',
  page: 'attention-ffn',
  title: 'Attention parameters per layer (MHA)',
  description: 'Four H×H projections, Q, K, V and the output O, when h·d = H and every head has its own K and V.',
  lhs: 'N_{\\text{attn}}',
  unit: 'params',
  symbols: { H: 'H' },
  labels: { H: 'Hidden size H' },
  domains: { H: 'positiveInt' },
  tex: (v) => String.raw`4 \cdot ${v.H}^2`,
  // MHA with h·d = H: one head of width H is the same count.
  compute: ({ H }) => attentionWeights({ hidden: H, heads: 1, kvHeads: 1, headDim: H }),
  example: { H: 4096 },
});

/** Attention weights per layer with h_kv KV heads: 2·H·h·d + 2·H·h_kv·d. @example //=> 150,994,944 for Llama 2 70B */
export const attentionParamsGqaFormula = defineFormula({
  id: 'params.attentionPerLayerGqa',
  anchor: 'attention-params-gqa',
  page: 'attention-ffn',
  title: 'Attention parameters per layer (GQA/MQA)',
  description: 'Q and O are H×(h·d); K and V shrink to H×(h_kv·d) when h_kv KV heads are shared by groups of query heads.',
  lhs: 'N_{\\text{attn}}',
  unit: 'params',
  symbols: { H: 'H', h: 'h', hKv: 'h_{kv}', d: 'd' },
  labels: { H: 'Hidden size H', h: 'Query heads h', hKv: 'KV heads h_kv', d: 'Head dim d' },
  domains: { H: 'positiveInt', h: 'positiveInt', hKv: 'positiveInt', d: 'positiveInt' },
  tex: (v) => String.raw`2 \cdot ${v.H} \cdot ${v.h} \cdot ${v.d} + 2 \cdot ${v.H} \cdot ${v.hKv} \cdot ${v.d}`,
  compute: ({ H, h, hKv, d }) => attentionWeights({ hidden: H, heads: h, kvHeads: hKv, headDim: d }),
  example: { H: 8192, h: 64, hKv: 8, d: 128 }, // Llama 2 70B
});

/** FFN weights per layer, two matrices of width 4H: 8·H². @example //=> 134,217,728 for H=4096 */
export const ffnParamsFormula = defineFormula({
  id: 'params.ffnPerLayer',
  anchor: 'ffn-params',
  page: 'attention-ffn',
  title: 'FFN parameters per layer (4H, two matrices)',
  description: 'Up-projection H×4H and down-projection 4H×H.',
  lhs: 'N_{\\text{ffn}}',
  unit: 'params',
  symbols: { H: 'H' },
  labels: { H: 'Hidden size H' },
  domains: { H: 'positiveInt' },
  tex: (v) => String.raw`8 \cdot ${v.H}^2`,
  compute: ({ H }) => ffnWeights({ hidden: H, width: 4 * H, gated: false }),
  example: { H: 4096 },
});

/** Gated FFN weights per layer: 3·H·I (gate, up, down). @example //=> 135,266,304 for H=4096, I=11008 */
export const ffnGatedParamsFormula = defineFormula({
  id: 'params.ffnGatedPerLayer',
  anchor: 'ffn-gated-params',
  page: 'attention-ffn',
  title: 'Gated FFN parameters per layer (SwiGLU/GeGLU)',
  description: 'Gate and up projections H×I and a down projection I×H; with I ≈ 8H/3 this is close to 8H².',
  lhs: 'N_{\\text{ffn}}',
  unit: 'params',
  symbols: { H: 'H', I: 'I' },
  labels: { H: 'Hidden size H', I: 'FFN width I' },
  domains: { H: 'positiveInt', I: 'positiveInt' },
  tex: (v) => String.raw`3 \cdot ${v.H} \cdot ${v.I}`,
  compute: ({ H, I }) => ffnWeights({ hidden: H, width: I, gated: true }),
  example: { H: 4096, I: 11008 }, // Llama 2 7B
});

/** Token embedding: V·H (the LM head adds another V·H when untied). @example //=> 131,072,000 for Llama 2 7B */
export const embeddingParamsFormula = defineFormula({
  id: 'params.embedding',
  anchor: 'embedding-params',
  page: 'anatomy',
  title: 'Embedding parameters',
  description: 'One row of H numbers per vocabulary entry; an untied LM head is a second matrix of the same size.',
  lhs: 'N_{\\text{emb}}',
  unit: 'params',
  symbols: { V: 'V', H: 'H' },
  labels: { V: 'Vocabulary V', H: 'Hidden size H' },
  domains: { V: 'positiveInt', H: 'positiveInt' },
  tex: (v) => String.raw`${v.V} \cdot ${v.H}`,
  compute: ({ V, H }) => embeddingWeights({ vocab: V, hidden: H }),
  example: { V: 32000, H: 4096 },
});

/** MoE active parameters: N_total − L_moe·(E − k)·3·H·I_e. @example //=> 12,879,925,248 for Mixtral 8x7B */
export const moeActiveParamsFormula = defineFormula({
  id: 'params.moeActive',
  anchor: 'moe-active-params',
  page: 'variants',
  title: 'Active parameters of an MoE model',
  description: 'A token passes through k of the E routed experts in each MoE layer; the other E − k experts are resident but idle.',
  lhs: 'N_{\\text{active}}',
  unit: 'params',
  symbols: { N: 'N', Lm: 'L_{\\text{MoE}}', E: 'E', k: 'k', H: 'H', Ie: 'I_e' },
  labels: {
    N: 'Parameters N (all experts)',
    Lm: 'MoE layers L_MoE',
    E: 'Routed experts E',
    k: 'Experts per token k',
    H: 'Hidden size H',
    Ie: 'Expert width I_e',
  },
  domains: { N: 'positiveInt', Lm: 'nonNegativeInt', E: 'positiveInt', k: 'positiveInt', H: 'positiveInt', Ie: 'positiveInt' },
  tex: (v) => String.raw`${v.N} - ${v.Lm} \cdot (${v.E} - ${v.k}) \cdot 3 \cdot ${v.H} \cdot ${v.Ie}`,
  compute: ({ N, Lm, E, k, H, Ie }) => {
    if (k > E) throw new InputError('k', `Experts per token k (${k}) cannot exceed the routed experts E (${E})`);
    // The idle experts are a part of N: checking it keeps every intermediate below N (exact within 2^53).
    const idle = idleExpertWeights({ moeLayers: Lm, experts: E, topK: k, hidden: H, expertWidth: Ie });
    if (idle > N) throw new InputError('N', 'Total parameters N must include the routed experts: N is smaller than the idle experts alone');
    return N - idle;
  },
  example: { N: 46702792704, Lm: 32, E: 8, k: 2, H: 4096, Ie: 14336 }, // Mixtral 8x7B
});

export const paramsFormulas: AnyFormula[] = [
  paramsApproxFormula,
  attentionParamsFormula,
  attentionParamsGqaFormula,
  ffnParamsFormula,
  ffnGatedParamsFormula,
  embeddingParamsFormula,
  moeActiveParamsFormula,
];
