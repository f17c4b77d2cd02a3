/**
 * Textbook FLOP formulas (MHA, h·d = H, full attention over S' keys), each with its
 * derivation. The exact per-component count for a real model is `forwardFlops`.
 */
import { defineFormula, type AnyFormula } from '../formula';
import { attentionWeights, embeddingWeights, ffnWeights, outWeights, qkvWeights } from '../params/params';
import { articleForwardFlops, attentionMatmulFlops, attentionPairs, weightFlops, weightFlopsPerToken } from './flops';

/** The article's MHA layer: h·d = H, so one head of width H stands for all of them. */
const mha = (H: number) => ({ hidden: H, heads: 1, kvHeads: 1, headDim: H });

/**
 * Q·Kᵀ and softmax·V together over full attention, 2·(2·B·H·S·S'): the score-and-value
 * FLOPs of one MHA layer. The arithmetic of flops.attentionScores and the article's layer.
 * @example fullAttentionFlops({ B: 1, S: 1024, Sc: 1024, H: 4096 }) //=> 17179869184
 */
export function fullAttentionFlops({ B, S, Sc, H }: { B: number; S: number; Sc: number; H: number }): number {
  return 2 * attentionMatmulFlops({ batch: B, width: H, pairs: attentionPairs({ newTokens: S, contextTokens: Sc, attention: 'full', window: null }) });
}

/**
 * One MHA layer with a 4H FFN, as the article counts it: QKV 6·B·S·H², output 2·B·S·H²,
 * FFN 16·B·S·H² and attention 4·B·S·S'·H: 24·B·S·H² + 4·B·S·S'·H.
 * @example articleLayerFlops({ B: 1, S: 1024, Sc: 1024, H: 4096 }) //=> 429496729600
 */
export function articleLayerFlops({ B, S, Sc, H }: { B: number; S: number; Sc: number; H: number }): number {
  const T = B * S;
  return weightFlops(T, attentionWeights(mha(H))) + weightFlops(T, ffnWeights({ hidden: H, width: 4 * H, gated: false })) + fullAttentionFlops({ B, S, Sc, H });
}

const BS = { B: 'positiveInt', S: 'positiveInt' } as const;
const BSLabels = { B: 'Batch B', S: 'New tokens S' } as const;

/** Q, K, V projections: 3 · 2·B·S·H·H = 6·B·S·H². @example //=> 1.03e11 for B=1, S=1024, H=4096 */
export const qkvFlopsFormula = defineFormula({
  id: 'flops.qkvProjection',
  anchor: 'qkv-flops',
  page: 'attention-ffn',
  title: 'Q, K, V projection FLOPs',
  description: 'Three [B·S, H]@[H, H] matmuls per layer (MHA); with GQA the K and V ones shrink to h_kv·d columns.',
  lhs: 'F_{QKV}',
  unit: 'FLOPs',
  symbols: { B: 'B', S: 'S', H: 'H' },
  labels: { ...BSLabels, H: 'Hidden size H' },
  domains: { ...BS, H: 'positiveInt' },
  tex: (v) => String.raw`3 \cdot 2 \cdot ${v.B} \cdot ${v.S} \cdot ${v.H}^2`,
  compute: ({ B, S, H }) => weightFlops(B * S, qkvWeights(mha(H))),
  example: { B: 1, S: 1024, H: 4096 },
});

/** Scores Q·Kᵀ and A·V together: 2·(2·B·S·S'·H) = 4·B·S·S'·H per layer, full attention. */
export const attentionScoresFlopsFormula = defineFormula({
  id: 'flops.attentionScores',
  anchor: 'attention-scores-flops',
  page: 'attention-ffn',
  title: 'Attention score and value FLOPs',
  description:
    "Q·Kᵀ ([S, d]@[d, S'] per head) and softmax·V ([S, S']@[S', d] per head), h heads with h·d = H. Full attention; a causal mask halves the pairs in prefill.",
  lhs: 'F_{\\text{attn}}',
  unit: 'FLOPs',
  symbols: { B: 'B', S: 'S', Sc: "S'", H: 'H' },
  labels: { ...BSLabels, Sc: "Context S'", H: 'Hidden size H' },
  domains: { ...BS, Sc: 'positiveInt', H: 'positiveInt' },
  tex: (v) => String.raw`4 \cdot ${v.B} \cdot ${v.S} \cdot ${v.Sc} \cdot ${v.H}`,
  compute: fullAttentionFlops,
  example: { B: 1, S: 1024, Sc: 1024, H: 4096 },
});

/** Output projection: 2·B·S·H². */
export const outProjectionFlopsFormula = defineFormula({
  id: 'flops.outProjection',
  anchor: 'out-projection-flops',
  page: 'attention-ffn',
  title: 'Attention output projection FLOPs',
  description: 'One [B·S, H]@[H, H] matmul per layer.',
  lhs: 'F_{O}',
  unit: 'FLOPs',
  symbols: { B: 'B', S: 'S', H: 'H' },
  labels: { ...BSLabels, H: 'Hidden size H' },
  domains: { ...BS, H: 'positiveInt' },
  tex: (v) => String.raw`2 \cdot ${v.B} \cdot ${v.S} \cdot ${v.H}^2`,
  compute: ({ B, S, H }) => weightFlops(B * S, outWeights(mha(H))),
  example: { B: 1, S: 1024, H: 4096 },
});

/** FFN, two matrices of width 4H: 2 · 2·B·S·H·4H = 16·B·S·H². */
export const ffnFlopsFormula = defineFormula({
  id: 'flops.ffn',
  anchor: 'ffn-flops',
  page: 'attention-ffn',
  title: 'FFN FLOPs',
  description: 'Up [B·S, H]@[H, 4H] and down [B·S, 4H]@[4H, H] per layer; a gated FFN of width I costs 6·B·S·H·I.',
  lhs: 'F_{\\text{ffn}}',
  unit: 'FLOPs',
  symbols: { B: 'B', S: 'S', H: 'H' },
  labels: { ...BSLabels, H: 'Hidden size H' },
  domains: { ...BS, H: 'positiveInt' },
  tex: (v) => String.raw`16 \cdot ${v.B} \cdot ${v.S} \cdot ${v.H}^2`,
  compute: ({ B, S, H }) => weightFlops(B * S, ffnWeights({ hidden: H, width: 4 * H, gated: false })),
  example: { B: 1, S: 1024, H: 4096 },
});

/** LM head: 2·B·S·H·V. */
export const lmHeadFlopsFormula = defineFormula({
  id: 'flops.lmHead',
  anchor: 'lm-head-flops',
  page: 'anatomy',
  title: 'LM head FLOPs',
  description: 'Logits for every new token: [B·S, H]@[H, V]. The embedding lookup before the first layer costs no FLOPs.',
  lhs: 'F_{\\text{head}}',
  unit: 'FLOPs',
  symbols: { B: 'B', S: 'S', H: 'H', V: 'V' },
  labels: { ...BSLabels, H: 'Hidden size H', V: 'Vocabulary V' },
  domains: { ...BS, H: 'positiveInt', V: 'positiveInt' },
  tex: (v) => String.raw`2 \cdot ${v.B} \cdot ${v.S} \cdot ${v.H} \cdot ${v.V}`,
  compute: ({ B, S, H, V }) => weightFlops(B * S, embeddingWeights({ vocab: V, hidden: H })),
  example: { B: 1, S: 1024, H: 4096, V: 32000 },
});

/** Forward pass: B·S·(2N + 4·L·H·S'). */
export const forwardFlopsFormula = defineFormula({
  id: 'flops.forward',
  anchor: 'forward-flops',
  page: 'parameters-and-flops',
  title: 'Forward-pass FLOPs',
  description:
    "2 FLOPs per parameter per token for the matmuls with weights, plus 4·L·H·S' per token for attention over S' positions (full attention, no causal halving).",
  lhs: 'F_{\\text{fwd}}',
  unit: 'FLOPs',
  symbols: { B: 'B', S: 'S', N: 'N', L: 'L', H: 'H', Sc: "S'" },
  labels: { ...BSLabels, N: 'Parameters N', L: 'Layers L', H: 'Hidden size H', Sc: "Context S'" },
  domains: { ...BS, N: 'positiveInt', L: 'positiveInt', H: 'positiveInt', Sc: 'positiveInt' },
  tex: (v) => String.raw`${v.B} \cdot ${v.S} \cdot (2 \cdot ${v.N} + 4 \cdot ${v.L} \cdot ${v.H} \cdot ${v.Sc})`,
  compute: articleForwardFlops,
  example: { B: 1, S: 4096, N: 6738415616, L: 32, H: 4096, Sc: 4096 }, // Llama 2 7B
  approximate: true,
});

/** Per token, short context: 2N. */
export const perTokenFlopsFormula = defineFormula({
  id: 'flops.perToken',
  anchor: 'flops-per-token',
  page: 'parameters-and-flops',
  title: 'Forward FLOPs per token',
  description:
    "Each parameter a token passes through takes part in one multiply and one add: all of them in a dense model, the active ones (the k chosen experts, not all E) in an MoE. The attention term 4·L·H·S' is small while S' ≪ 6H.",
  lhs: 'F_{\\text{token}}',
  unit: 'FLOPs',
  symbols: { N: 'N' },
  labels: { N: 'Parameters N' },
  domains: { N: 'positiveInt' },
  tex: (v) => String.raw`2 \cdot ${v.N}`,
  compute: ({ N }) => weightFlopsPerToken(N),
  example: { N: 6738415616 },
  approximate: true,
});

export const flopsFormulas: AnyFormula[] = [
  qkvFlopsFormula,
  attentionScoresFlopsFormula,
  outProjectionFlopsFormula,
  ffnFlopsFormula,
  lmHeadFlopsFormula,
  forwardFlopsFormula,
  perTokenFlopsFormula,
];
