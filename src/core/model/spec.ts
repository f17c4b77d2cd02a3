/**
 * A model's architecture as the rest of the core needs it, parsed from a Hugging Face
 * `config.json` (see ./parseHfConfig.ts). Every count is exact; nothing is assumed
 * that the config does not say or the family's modeling code does not fix.
 *
 * Notation (content/notation.mdx): L layers, H hidden size, h query heads, h_kv KV heads,
 * d head dim, I FFN width, V vocabulary, E routed experts, k experts per token.
 */

export type NormKind = 'layernorm' | 'rmsnorm';
export type PositionKind = 'learned' | 'rotary' | 'alibi' | 'none';
/** 'mlp': up → act → down (2 matrices). 'gated': (act(gate)·up) → down (3 matrices, SwiGLU/GeGLU). */
export type FfnKind = 'mlp' | 'gated';

export interface MoeSpec {
  /** Routed experts per MoE layer, E. */
  experts: number;
  /** Routed experts used per token, k. */
  topK: number;
  /** Width of one routed expert's FFN. */
  expertWidth: number;
  /** Shared (always-on) experts per MoE layer, each `sharedExpertWidth` wide. */
  sharedExperts: number;
  sharedExpertWidth: number;
  /** Qwen2-MoE: a sigmoid gate scalar on the shared expert ([1, H] weight). */
  sharedExpertGate: boolean;
  /** The first `denseLayers` layers use a dense FFN of width `ffnWidth` instead. */
  denseLayers: number;
  /** Router bias-correction vector per MoE layer (DeepSeek V3's e_score_correction_bias, [E]). */
  routerBias: boolean;
}

export interface MlaSpec {
  /** Rank of the query compression; null when queries are projected directly (V2-Lite). */
  qLoraRank: number | null;
  /** Rank of the compressed KV latent, the part cached per token. */
  kvLoraRank: number;
  /** Per-head dims: no-rope part and rope part of q/k, and v. */
  qkNopeHeadDim: number;
  qkRopeHeadDim: number;
  vHeadDim: number;
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
  /** h_kv (= h for MHA, 1 for MQA, between for GQA). */
  kvHeads: number;
  /** d, head dim for q/k/v (MLA: see `mla`). May differ from H/h. */
  headDim: number;
  ffn: FfnKind;
  /** I, width of the dense FFN. */
  ffnWidth: number;
  /** V */
  vocab: number;
  tiedEmbeddings: boolean;
  norm: NormKind;
  positions: PositionKind;
  /** Learned position table rows (0 unless positions = 'learned'). */
  maxPositions: number;
  /** Biases present on: q/k/v projections, attention output, FFN matrices, norms (LayerNorm β). */
  bias: { qkv: boolean; attnOut: boolean; ffn: boolean; norm: boolean };
  /** Sliding-window size in tokens, and which layers use it (null = no window). */
  slidingWindow: { size: number; layers: 'all' | 'alternate' | number } | null;
  moe: MoeSpec | null;
  mla: MlaSpec | null;
  /**
   * Family details that change parameter counts: e.g. Falcon's parallel block with one
   * norm, BLOOM's embedding LayerNorm, Gemma 2's four norms per layer, Qwen 3's q/k norms.
   */
  extras: {
    normsPerLayer: number;
    embeddingNorm: boolean;
    finalNorm: boolean;
    qkNorm: boolean;
    parallelBlock: boolean;
  };
}
