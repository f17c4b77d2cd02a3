/**
 * One decoder layer, component by component: the FLOPs of its matmuls for a workload of
 * B sequences × S new tokens over S' context, and its parameters, tensor by tensor.
 *
 * The general forms (GQA, head dim d ≠ H/h, FFN width I, gated or not, causal mask) are
 * defined here beside the article's MHA forms in ./formulas.ts, which they reduce to when
 * h_kv = h, h·d = H and I = 4H:
 *   projections  2·B·S·(2·H·h·d + 2·H·h_kv·d)   → 8·B·S·H²
 *   scores + A·V 4·B·H·(S·S' − S·(S−1)/2) causal → 4·B·S·S'·H full
 *   FFN          4·B·S·H·I (two matrices), 6·B·S·H·I (gated) → 16·B·S·H²
 *   per layer    24·B·S·H² + 4·B·S·S'·H, with 12·H² parameters
 *
 * `layerCost` computes the numbers with the same code as the whole-model ledger
 * (`countParams`, `forwardFlops` on a one-layer model), so a layer here and a layer of a
 * preset cannot disagree.
 * @see content/04-attention-ffn.mdx
 */
import { defineFormula, type Derivation } from '../formula';
import type { FfnKind, ModelSpec, NormKind } from '../model/spec';
import { attentionWeights, countParams, ffnWeights } from '../params/params';
import { attentionParamsGqaFormula, ffnGatedParamsFormula, ffnParamsFormula } from '../params/formulas';
import { layerParamsApproxFormula } from '../params/layer';
import { InputError } from '../units';
import { checkBound, type BoundKind } from '../bounds';
import { attentionMatmulFlops, attentionPairs, forwardFlops, weightFlops, type AttentionMode } from './flops';
import { articleLayerFlops, attentionScoresFlopsFormula } from './formulas';

/**
 * Q, K, V and O projections of one layer: 2·B·S·(2·H·h·d + 2·H·h_kv·d), i.e. 2 FLOPs per
 * projection weight per token. MHA with h·d = H gives the article's 8·B·S·H².
 * @example //=> 309,237,645,312 FLOPs for Llama 2 70B, B=1, S=1024 (H=8192, h=64, h_kv=8, d=128)
 */
export const attentionProjectionsGqaFlopsFormula = defineFormula({
  id: 'flops.attentionProjectionsGqa',
  anchor: 'projection-flops-gqa',
  page: 'attention-ffn',
  title: 'Q, K, V, O projection FLOPs (GQA/MQA)',
  description:
    'Q and O have h·d columns, K and V only h_kv·d; every weight is used once per token for one multiply and one add. With h_kv = h and h·d = H this is 8·B·S·H².',
  lhs: 'F_{QKVO}',
  unit: 'FLOPs',
  symbols: { B: 'B', S: 'S', H: 'H', h: 'h', hKv: 'h_{kv}', d: 'd' },
  labels: { B: 'Batch B', S: 'New tokens S', H: 'Hidden size H', h: 'Query heads h', hKv: 'KV heads h_kv', d: 'Head dim d' },
  domains: { B: 'positiveInt', S: 'positiveInt', H: 'positiveInt', h: 'positiveInt', hKv: 'positiveInt', d: 'positiveInt' },
  tex: (v) => String.raw`2 \cdot ${v.B} \cdot ${v.S} \cdot (2 \cdot ${v.H} \cdot ${v.h} \cdot ${v.d} + 2 \cdot ${v.H} \cdot ${v.hKv} \cdot ${v.d})`,
  compute: ({ B, S, H, h, hKv, d }) => weightFlops(B * S, attentionWeights({ hidden: H, heads: h, kvHeads: hKv, headDim: d })),
  example: { B: 1, S: 1024, H: 8192, h: 64, hKv: 8, d: 128 }, // Llama 2 70B
});

/**
 * Q·Kᵀ and softmax·V with a causal mask: the S new tokens sit at positions S'−S+1 … S',
 * and the one at position p attends to p keys, so S·S' − S(S−1)/2 (query, key) pairs,
 * each costing 2·d FLOPs per head in each of the two matmuls.
 * @example //=> 8,598,323,200 FLOPs for B=1, S=S'=1024, H=4096 (about half of 4·B·S·S'·H)
 */
export const attentionScoresCausalFlopsFormula = defineFormula({
  id: 'flops.attentionScoresCausal',
  anchor: 'attention-causal-flops',
  page: 'attention-ffn',
  title: 'Attention score and value FLOPs, causal',
  description:
    "The causal mask lets each new token see only itself and earlier positions: S·S' − S(S−1)/2 pairs instead of S·S'. H stands for h·d when a model's heads do not add up to its hidden size.",
  lhs: 'F_{\\text{attn}}',
  unit: 'FLOPs',
  symbols: { B: 'B', S: 'S', Sc: "S'", H: 'H' },
  labels: { B: 'Batch B', S: 'New tokens S', Sc: "Context S'", H: 'Hidden size H' },
  domains: { B: 'positiveInt', S: 'positiveInt', Sc: 'positiveInt', H: 'positiveInt' },
  tex: (v) => String.raw`4 \cdot ${v.B} \cdot ${v.H} \cdot \left(${v.S} \cdot ${v.Sc} - \tfrac{${v.S} \cdot (${v.S} - 1)}{2}\right)`,
  compute: ({ B, S, Sc, H }) => {
    if (Sc < S) throw new InputError('Sc', "Context S' counts the new tokens too, so it must be at least S");
    return 2 * attentionMatmulFlops({ batch: B, width: H, pairs: attentionPairs({ newTokens: S, contextTokens: Sc, attention: 'causal', window: null }) });
  },
  example: { B: 1, S: 1024, Sc: 1024, H: 4096 },
});

/**
 * A two-matrix FFN of width I (up H→I, activation, down I→H): 2·2·B·S·H·I = 4·B·S·H·I.
 * I = 4H gives the article's 16·B·S·H².
 * @example //=> 274,877,906,944 FLOPs for B=1, S=1024, H=4096, I=16384
 */
export const ffnPlainFlopsFormula = defineFormula({
  id: 'flops.ffnPlain',
  anchor: 'ffn-width-flops',
  page: 'attention-ffn',
  title: 'FFN FLOPs, width I',
  description: 'Up [B·S, H]@[H, I] and down [B·S, I]@[I, H]; the activation (ReLU, GELU) is elementwise and not counted.',
  lhs: 'F_{\\text{ffn}}',
  unit: 'FLOPs',
  symbols: { B: 'B', S: 'S', H: 'H', I: 'I' },
  labels: { B: 'Batch B', S: 'New tokens S', H: 'Hidden size H', I: 'FFN width I' },
  domains: { B: 'positiveInt', S: 'positiveInt', H: 'positiveInt', I: 'positiveInt' },
  tex: (v) => String.raw`2 \cdot 2 \cdot ${v.B} \cdot ${v.S} \cdot ${v.H} \cdot ${v.I}`,
  compute: ({ B, S, H, I }) => weightFlops(B * S, ffnWeights({ hidden: H, width: I, gated: false })),
  example: { B: 1, S: 1024, H: 4096, I: 16384 },
});

/**
 * A gated FFN (SwiGLU, GeGLU): gate and up H→I, their elementwise product, down I→H:
 * 3·2·B·S·H·I = 6·B·S·H·I.
 * @example //=> 277,025,390,592 FLOPs for Llama 2 7B, B=1, S=1024 (H=4096, I=11008)
 */
export const ffnGatedFlopsFormula = defineFormula({
  id: 'flops.ffnGated',
  anchor: 'ffn-gated-flops',
  page: 'attention-ffn',
  title: 'Gated FFN FLOPs (SwiGLU/GeGLU)',
  description: 'Three matmuls of H×I: gate, up and down. With I ≈ 8H/3 this costs about the same as a 4H two-matrix FFN.',
  lhs: 'F_{\\text{ffn}}',
  unit: 'FLOPs',
  symbols: { B: 'B', S: 'S', H: 'H', I: 'I' },
  labels: { B: 'Batch B', S: 'New tokens S', H: 'Hidden size H', I: 'FFN width I' },
  domains: { B: 'positiveInt', S: 'positiveInt', H: 'positiveInt', I: 'positiveInt' },
  tex: (v) => String.raw`3 \cdot 2 \cdot ${v.B} \cdot ${v.S} \cdot ${v.H} \cdot ${v.I}`,
  compute: ({ B, S, H, I }) => weightFlops(B * S, ffnWeights({ hidden: H, width: I, gated: true })),
  example: { B: 1, S: 1024, H: 4096, I: 11008 }, // Llama 2 7B
});

/**
 * One layer as the article counts it: 8·B·S·H² (projections) + 4·B·S·S'·H (attention) +
 * 16·B·S·H² (FFN) = 24·B·S·H² + 4·B·S·S'·H.
 * @example //=> 429,496,729,600 FLOPs for B=1, S=S'=1024, H=4096
 */
export const layerFlopsFormula = defineFormula({
  id: 'flops.layer',
  anchor: 'layer-flops',
  page: 'attention-ffn',
  title: 'FLOPs of one layer (MHA, 4H FFN)',
  description:
    "Projections 8·B·S·H², attention 4·B·S·S'·H and FFN 16·B·S·H²: 2 FLOPs for each of the 12·H² weights per token, plus attention over S' positions.",
  lhs: 'F_{\\text{layer}}',
  unit: 'FLOPs',
  symbols: { B: 'B', S: 'S', Sc: "S'", H: 'H' },
  labels: { B: 'Batch B', S: 'New tokens S', Sc: "Context S'", H: 'Hidden size H' },
  domains: { B: 'positiveInt', S: 'positiveInt', Sc: 'positiveInt', H: 'positiveInt' },
  tex: (v) => String.raw`24 \cdot ${v.B} \cdot ${v.S} \cdot ${v.H}^2 + 4 \cdot ${v.B} \cdot ${v.S} \cdot ${v.Sc} \cdot ${v.H}`,
  compute: articleLayerFlops,
  example: { B: 1, S: 1024, Sc: 1024, H: 4096 },
  approximate: true,
});

export const layerFlopsFormulas = [
  attentionProjectionsGqaFlopsFormula,
  attentionScoresCausalFlopsFormula,
  ffnPlainFlopsFormula,
  ffnGatedFlopsFormula,
  layerFlopsFormula,
];

/** Which projections carry a bias vector. */
export type LayerBiases = 'none' | 'qkv' | 'all';

export interface LayerShape {
  /** H */
  H: number;
  /** h, query heads */
  h: number;
  /** h_kv, KV heads (divides h) */
  hKv: number;
  /** d, head dim */
  d: number;
  /** I, FFN width */
  I: number;
  ffn: FfnKind;
  norm: NormKind;
  /** 'qkv': Qwen 2 style; 'all': GPT-2/BLOOM style (and LayerNorm β when norm is LayerNorm). */
  biases: LayerBiases;
}

export interface LayerWorkload {
  /** B */
  B: number;
  /** S, new tokens per sequence */
  S: number;
  /** S', context per sequence including the new tokens */
  Sc: number;
  attention: AttentionMode;
}

export type LayerFlopsKey = 'q' | 'k' | 'v' | 'scores' | 'av' | 'o' | 'ffn';
export type LayerParamsKey = 'q' | 'k' | 'v' | 'o' | 'ffn' | 'norms';

export interface LayerCost {
  /** FLOPs per component; they add up to `flopsTotal`. */
  flops: Record<LayerFlopsKey, number>;
  flopsTotal: number;
  /** Parameters per component (biases included where they sit); they add up to `paramsTotal`. */
  params: Record<LayerParamsKey, number>;
  paramsTotal: number;
  /** Bias vectors, already inside the components. */
  paramsBiases: number;
  /** The article's 24·B·S·H² + 4·B·S·S'·H and 12·H², for comparison. */
  articleFlops: Derivation;
  articleParams: Derivation;
  /** The derivations of the components, with this layer's numbers. */
  steps: {
    projections: Derivation;
    attention: Derivation;
    ffn: Derivation;
    attentionParams: Derivation;
    ffnParams: Derivation | null;
  };
  /** Share of FLOPs in attention's two S'-dependent matmuls. */
  attentionShare: number;
  /**
   * True when every FLOP and parameter count above is an exact integer (each at most
   * 2^53 − 1); false: show them with "≈" and 3 significant figures (formatCount).
   */
  exact: boolean;
}

/** Display names of the components, in the order a token meets them. */
export const LAYER_FLOPS_LABELS: Readonly<Record<LayerFlopsKey, string>> = {
  q: 'Q projection',
  k: 'K projection',
  v: 'V projection',
  scores: 'Scores Q·Kᵀ',
  av: 'Weighted sum A·V',
  o: 'Output projection',
  ffn: 'FFN',
};
export const LAYER_PARAMS_LABELS: Readonly<Record<LayerParamsKey, string>> = {
  q: 'W_Q',
  k: 'W_K',
  v: 'W_V',
  o: 'W_O',
  ffn: 'FFN matrices',
  norms: 'Norms',
};

/**
 * A model of exactly one layer with this shape (vocabulary 1, tied embedding, no final
 * norm), so the whole-model ledger and FLOP count can be reused for a single layer.
 */
export function oneLayerSpec(shape: LayerShape): ModelSpec {
  const { H, h, hKv, d, I, ffn, norm, biases } = shape;
  return {
    id: 'one-layer',
    modelType: 'layer',
    layers: 1,
    hidden: H,
    heads: h,
    kvHeads: hKv,
    headDim: d,
    ffn,
    ffnWidth: I,
    vocab: 1,
    embeddingDim: H,
    tiedEmbeddings: true,
    norm,
    positions: 'rotary',
    maxPositions: 0,
    bias: { qkv: biases !== 'none', attnOut: biases === 'all', ffn: biases === 'all', norm: norm === 'layernorm' },
    slidingWindow: null,
    moe: null,
    mla: null,
    mtpLayers: 0,
    extras: { normsPerLayer: 2, embeddingNorm: false, finalNorm: false, qkNorm: false, parallelBlock: false },
  };
}

function checkShape(shape: LayerShape, work: LayerWorkload): void {
  const ints: [keyof LayerShape | keyof LayerWorkload, number, string, BoundKind][] = [
    ['H', shape.H, 'Hidden size H', 'width'],
    ['h', shape.h, 'Query heads h', 'heads'],
    ['hKv', shape.hKv, 'KV heads h_kv', 'heads'],
    ['d', shape.d, 'Head dim d', 'width'],
    ['I', shape.I, 'FFN width I', 'width'],
    ['B', work.B, 'Batch B', 'batch'],
    ['S', work.S, 'New tokens S', 'sequence'],
    ['Sc', work.Sc, "Context S'", 'sequence'],
  ];
  for (const [field, value, label, kind] of ints) {
    if (!Number.isInteger(value) || value < 1) throw new InputError(field, `${label} must be a whole number of at least 1`);
    checkBound(value, kind, field, label);
  }
  if (shape.hKv > shape.h) throw new InputError('hKv', 'KV heads h_kv cannot exceed query heads h');
  if (shape.h % shape.hKv !== 0) throw new InputError('hKv', 'KV heads h_kv must divide query heads h (each KV head serves h/h_kv query heads)');
  if (work.Sc < work.S) throw new InputError('Sc', "Context S' counts the new tokens too, so it must be at least S");
}

/**
 * FLOPs and parameters of one layer, per component, with the derivations behind them.
 * @example layerCost({ H: 4096, h: 32, hKv: 32, d: 128, I: 11008, ffn: 'gated', norm: 'rmsnorm', biases: 'none' }, { B: 1, S: 1, Sc: 1, attention: 'causal' }).paramsTotal //=> 202383360
 */
export function layerCost(shape: LayerShape, work: LayerWorkload): LayerCost {
  checkShape(shape, work);
  const { H, h, hKv, d, I, ffn } = shape;
  const { B, S, Sc, attention } = work;
  const spec = oneLayerSpec(shape);
  const T = B * S;
  const f = forwardFlops({ spec, batch: B, newTokens: S, contextTokens: Sc, attention });
  const flops: Record<LayerFlopsKey, number> = {
    // Each projection is a weight matmul of its own shape: [H, h·d] for Q, [H, h_kv·d] for K and V.
    q: weightFlops(T, H * h * d),
    k: weightFlops(T, H * hKv * d),
    v: weightFlops(T, H * hKv * d),
    scores: f.components.scores,
    av: f.components.av,
    o: f.components.out,
    ffn: f.components.ffn,
  };
  const ledger = countParams(spec);
  const rowsOf = (prefix: string) => ledger.rows.filter((r) => r.name.startsWith(prefix)).reduce((a, r) => a + r.count, 0);
  const params: Record<LayerParamsKey, number> = {
    q: rowsOf('self_attn.q_proj'),
    k: rowsOf('self_attn.k_proj'),
    v: rowsOf('self_attn.v_proj'),
    o: rowsOf('self_attn.o_proj'),
    ffn: rowsOf('mlp.'),
    norms: ledger.rows.filter((r) => r.perLayer && r.group === 'norms').reduce((a, r) => a + r.count, 0),
  };
  const flopsTotal = f.layers;
  const paramsTotal = ledger.perLayer ?? 0;
  const hd = h * d;
  const attentionStep =
    attention === 'causal' ? attentionScoresCausalFlopsFormula.derive({ B, S, Sc, H: hd }) : attentionScoresFlopsFormula.derive({ B, S, Sc, H: hd });
  return {
    flops,
    flopsTotal,
    params,
    paramsTotal,
    paramsBiases: ledger.rows.filter((r) => r.perLayer && r.bias).reduce((a, r) => a + r.count, 0),
    articleFlops: layerFlopsFormula.derive({ B, S, Sc, H }),
    articleParams: layerParamsApproxFormula.derive({ H }),
    steps: {
      projections: attentionProjectionsGqaFlopsFormula.derive({ B, S, H, h, hKv, d }),
      attention: attentionStep,
      ffn: ffn === 'gated' ? ffnGatedFlopsFormula.derive({ B, S, H, I }) : ffnPlainFlopsFormula.derive({ B, S, H, I }),
      attentionParams: attentionParamsGqaFormula.derive({ H, h, hKv, d }),
      ffnParams: ffn === 'gated' ? ffnGatedParamsFormula.derive({ H, I }) : I === 4 * H ? ffnParamsFormula.derive({ H }) : null,
    },
    attentionShare: (flops.scores + flops.av) / flopsTotal,
    // Every component is a part of the layer's FLOPs or of its parameters.
    exact: f.exact && ledger.exact,
  };
}

/** The layer shape of a model (its dense layers' FFN; MoE experts and MLA are not a single layer shape). */
export function layerShapeOf(spec: ModelSpec): LayerShape {
  return {
    H: spec.hidden,
    h: spec.heads,
    hKv: spec.kvHeads,
    d: spec.headDim,
    I: spec.ffnWidth,
    ffn: spec.ffn,
    norm: spec.norm,
    biases: spec.bias.ffn || spec.bias.attnOut ? 'all' : spec.bias.qkv ? 'qkv' : 'none',
  };
}
