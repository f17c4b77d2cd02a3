/**
 * A model's architecture as the rest of the core needs it, parsed from a Hugging Face
 * `config.json` (see ./parseHfConfig.ts). Every count is exact; nothing is assumed
 * that the config does not say or the family's modeling code does not fix.
 *
 * Notation (content/notation.mdx): L layers, H hidden size, h query heads, h_kv KV heads,
 * d head dim, I FFN width, V vocabulary, E routed experts, k experts per token.
 */
import { BOUNDS, type BoundKind } from '../bounds';
import { InputError, formatInteger } from '../units';

export type NormKind = 'layernorm' | 'rmsnorm';
export type PositionKind = 'learned' | 'rotary' | 'alibi' | 'none';
/** 'mlp': up → act → down (2 matrices). 'gated': (act(gate)·up) → down (3 matrices, SwiGLU/GeGLU). */
export type FfnKind = 'mlp' | 'gated';

export interface MoeSpec {
  /** Routed experts per MoE layer, E. */
  experts: number;
  /** Routed experts used per token, k. */
  topK: number;
  /** Width of one routed expert's FFN (every routed expert is a gated FFN). */
  expertWidth: number;
  /**
   * Shared (always-on) experts per MoE layer, each `sharedExpertWidth` wide. DeepSeek
   * stores them as one fused FFN of width `sharedExperts·sharedExpertWidth`; the count is the same.
   */
  sharedExperts: number;
  sharedExpertWidth: number;
  /** Qwen2-MoE: a sigmoid gate scalar on the shared expert ([1, H] weight). */
  sharedExpertGate: boolean;
  /**
   * How many layers use a dense FFN of width `ffnWidth` instead of experts: DeepSeek's
   * first_k_dense_replace, Qwen's mlp_only_layers and layers off the decoder_sparse_step.
   */
  denseLayers: number;
  /** Router bias-correction vector per MoE layer (DeepSeek V3's e_score_correction_bias, [E]). */
  routerBias: boolean;
}

export interface MlaSpec {
  /** Rank of the query compression; null when queries are projected directly (V2-Lite). */
  qLoraRank: number | null;
  /** Rank of the compressed KV latent, the part cached per token (with the rope key). */
  kvLoraRank: number;
  /** Per-head dims: no-rope part and rope part of q/k, and v. */
  qkNopeHeadDim: number;
  qkRopeHeadDim: number;
  vHeadDim: number;
}

export interface SlidingWindowSpec {
  /** Window size W in tokens: a query attends to at most W keys. */
  size: number;
  /**
   * Which layers use the window: every layer, every other layer (Gemma 2: layers 0, 2, 4…),
   * or a count of layers (Qwen 2 with use_sliding_window: the layers from max_window_layers on).
   */
  layers: 'all' | 'alternate' | number;
}

export interface ModelSpec {
  /** Preset id or a name derived from the config. */
  id: string;
  /** The config's `model_type` (e.g. `llama`, `falcon`). */
  modelType: string;
  /** L */
  layers: number;
  /** H */
  hidden: number;
  /** h */
  heads: number;
  /** h_kv (= h for MHA, 1 for MQA, between for GQA). MLA: = h (see `mla`). */
  kvHeads: number;
  /** d, head dim for q/k/v (MLA: qk_nope + qk_rope, see `mla`). May differ from H/h. */
  headDim: number;
  ffn: FfnKind;
  /** I, width of the dense FFN (MoE models: of their dense layers). */
  ffnWidth: number;
  /** V */
  vocab: number;
  /**
   * Width of the token embedding (OPT's word_embed_proj_dim); equals H except for OPT
   * models that project embeddings in and out (project_in/project_out, [H, E] each).
   */
  embeddingDim: number;
  tiedEmbeddings: boolean;
  norm: NormKind;
  positions: PositionKind;
  /** Learned position table rows (0 unless positions = 'learned'; OPT stores 2 extra rows). */
  maxPositions: number;
  /**
   * Tokens of context the model was trained for (max_position_embeddings and its aliases);
   * 0 when the config does not say. Longer requests get a warning, not a refusal.
   */
  contextLength?: number;
  /** Biases present on: q/k/v projections, attention output, FFN matrices, norms (LayerNorm β). */
  bias: { qkv: boolean; attnOut: boolean; ffn: boolean; norm: boolean };
  /** Sliding window and which layers use it (null = every layer attends to the whole context). */
  slidingWindow: SlidingWindowSpec | null;
  moe: MoeSpec | null;
  mla: MlaSpec | null;
  /**
   * DeepSeek V3's multi-token-prediction modules (num_nextn_predict_layers). They ship in
   * the checkpoint but are not part of the model's official parameter count (671B), so
   * the ledger reports them apart, never in `total`.
   */
  mtpLayers: number;
  /**
   * Family details that change parameter counts: e.g. Falcon's parallel block with one
   * norm, BLOOM's embedding LayerNorm, Gemma 2's four norms per layer, Qwen 3's q/k norms.
   */
  extras: {
    /** H-wide norms per layer (2 usually; Falcon-7B 1; Gemma 2 4; OPT without affine 0). */
    normsPerLayer: number;
    /** BLOOM's word_embeddings_layernorm. */
    embeddingNorm: boolean;
    finalNorm: boolean;
    /** Qwen 3's q_norm and k_norm, RMSNorm over d each, per layer. */
    qkNorm: boolean;
    /** Attention and FFN read the same input (GPT-J, Falcon, GPT-NeoX parallel residual). */
    parallelBlock: boolean;
  };
}

/** H-wide norms a layer may hold: none (OPT without affine), 1, 2 or 4 (Gemma 2). */
export const MAX_NORMS_PER_LAYER = 4;

/**
 * Checks that every number of a ModelSpec is a whole number within the bounds of its kind
 * (src/core/bounds.ts), so that nothing computed from it can loop for long or overflow:
 * parameter and FLOP counts stay finite (below about 1e45) and per-layer structure is a
 * handful of layer kinds. Derived widths may exceed the config bound a little: a 4H FFN
 * (GPT-2, BLOOM, Falcon), MLA's nope + rope head dim, OPT's two extra position rows.
 * Returns the spec; throws InputError naming the spec field (e.g. `layers`).
 * @example checkSpec(getPreset('llama-2-7b').spec).layers //=> 32
 */
export function checkSpec(spec: ModelSpec): ModelSpec {
  if (typeof spec !== 'object' || spec === null) throw new InputError('model', 'the model must be a ModelSpec object');
  const width = BOUNDS.width.max;
  const whole = (field: string, v: unknown, min: number, max: number, reason: string): void => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
      throw new InputError(field, `${field} must be a whole number from ${formatInteger(min)} to ${formatInteger(max)} (${reason})`);
    }
  };
  const kind = (field: string, v: unknown, k: BoundKind): void => {
    const b = BOUNDS[k];
    whole(field, v, b.min, b.max, b.reason);
  };
  kind('layers', spec.layers, 'layers');
  kind('hidden', spec.hidden, 'width');
  kind('heads', spec.heads, 'heads');
  kind('kvHeads', spec.kvHeads, 'heads');
  whole('headDim', spec.headDim, 1, 2 * width, 'two widths: an MLA head is nope + rope');
  whole('ffnWidth', spec.ffnWidth, 1, 4 * width, 'four widths: a 4H FFN');
  kind('vocab', spec.vocab, 'vocab');
  kind('embeddingDim', spec.embeddingDim, 'width');
  whole('maxPositions', spec.maxPositions, 0, BOUNDS.sequence.max + 2, BOUNDS.sequence.reason);
  whole('mtpLayers', spec.mtpLayers, 0, BOUNDS.layers.max, BOUNDS.layers.reason);
  if (typeof spec.extras !== 'object' || spec.extras === null) throw new InputError('extras', 'the model spec has no extras');
  whole('normsPerLayer', spec.extras.normsPerLayer, 0, MAX_NORMS_PER_LAYER, 'Gemma 2 has the most, four');
  const w = spec.slidingWindow;
  if (w) {
    kind('slidingWindow.size', w.size, 'sequence');
    if (w.layers !== 'all' && w.layers !== 'alternate') whole('slidingWindow.layers', w.layers, 0, spec.layers, 'a count of the model’s layers');
  }
  const moe = spec.moe;
  if (moe) {
    kind('moe.experts', moe.experts, 'experts');
    whole('moe.topK', moe.topK, 1, moe.experts, 'at most the routed experts');
    whole('moe.expertWidth', moe.expertWidth, 1, 4 * width, 'four widths');
    whole('moe.sharedExperts', moe.sharedExperts, 0, BOUNDS.experts.max, BOUNDS.experts.reason);
    whole('moe.sharedExpertWidth', moe.sharedExpertWidth, 0, 4 * width, 'four widths');
    whole('moe.denseLayers', moe.denseLayers, 0, spec.layers, 'a count of the model’s layers');
  }
  const mla = spec.mla;
  if (mla) {
    if (mla.qLoraRank !== null) kind('mla.qLoraRank', mla.qLoraRank, 'width');
    kind('mla.kvLoraRank', mla.kvLoraRank, 'width');
    kind('mla.qkNopeHeadDim', mla.qkNopeHeadDim, 'width');
    whole('mla.qkRopeHeadDim', mla.qkRopeHeadDim, 0, width, BOUNDS.width.reason);
    kind('mla.vHeadDim', mla.vHeadDim, 'width');
  }
  return spec;
}
