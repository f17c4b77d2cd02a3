/**
 * FLOPs of a forward pass, component by component: B sequences, each with S new tokens
 * over a context of S' tokens in total (S' ≥ S; the S new ones are the last of the S').
 *
 * Conventions (design.md): a FLOP is one multiply or one add, so a matmul [M,K]@[K,N]
 * is 2·M·K·N. Only matmuls are counted: norms, softmax, activations, rotary, residual
 * adds and bias adds are left out (they are O(B·S·H), not O(B·S·H²)), and the embedding
 * lookup is a gather, 0 FLOPs. MoE layers count the k routed experts a token uses,
 * not all E.
 *
 * Attention: `full` lets every new token attend to all S' positions; `causal` lets the
 * token at absolute position p (1-based) attend to the p positions up to itself, so the
 * S new tokens see S·(S'−S) + S(S+1)/2 = S·S' − S(S−1)/2 (query, key) pairs. A
 * sliding-window layer caps each token's keys at W. MLA: scores use the q/k head dim
 * (nope + rope) and A·V the v head dim; K/V up-projections are counted for the new
 * tokens only (a cache of up-projected K/V, or absorbed weights).
 *
 * Beside the exact sum: the article's F ≈ B·S·(2N + 4·L·H·S') with N the active
 * parameters, and its limit 2N per token for short contexts.
 *
 * Work and exactness: every count is a closed form over the kinds of layer (dense or MoE,
 * windowed or not), never a loop over layers or tokens. Every term is a product of
 * non-negative integers and the total their sum, so no intermediate exceeds the total:
 * a total within 2^53 − 1 is exact (`exact`), a larger one is a double good to 16 digits
 * and shown with "≈". Within the bounds (B ≤ 1e8, S' ≤ 1e9, a bounded spec) every count
 * is below 1e45, finite.
 */
import { checkSpec, type ModelSpec } from '../model/spec';
import { countParams, embeddingWeights, ffnWeights, layerCounts, outWeights, qkvWeights } from '../params/params';
import { InputError } from '../units';
import { checkInputs } from '../formula';
import { checkBound } from '../bounds';

export type AttentionMode = 'full' | 'causal';

export interface ForwardInput {
  spec: ModelSpec;
  /** B, sequences in the batch. */
  batch: number;
  /** S, new tokens per sequence in this pass (prompt length for prefill, 1 for decode). */
  newTokens: number;
  /** S', context per sequence including the new tokens (≥ S). */
  contextTokens: number;
  /** 'causal' (default): each token sees only earlier positions; 'full': all S' positions. */
  attention?: AttentionMode;
  /** Logits for every new token ('all', default, as in training) or the last one only. */
  logits?: 'all' | 'last';
}

export interface FlopsComponents {
  /** Q, K, V projections (MLA: its down- and up-projections). */
  qkv: number;
  /** Q·Kᵀ */
  scores: number;
  /** softmax(·)·V */
  av: number;
  /** Output projection. */
  out: number;
  /** Dense FFN layers. */
  ffn: number;
  /** Routed experts actually used (k per token). */
  experts: number;
  sharedExperts: number;
  /** Router logits (and Qwen2-MoE's shared-expert gate). */
  router: number;
  /** Logits, plus OPT's project_in/out where present. */
  lmHead: number;
  /** The embedding lookup: a gather, no arithmetic. */
  embedding: 0;
}

export interface FlopsBreakdown {
  components: FlopsComponents;
  /** All layers together (everything but the LM head). */
  layers: number;
  /** One layer, when every layer costs the same (no MoE/dense mix, no window mix); else null. */
  perLayer: number | null;
  total: number;
  /** B·S·(2N + 4·L·H·S'), N = active parameters: the article's estimate. */
  articleFlops: number;
  /** (articleFlops − total) / total */
  articleRelativeError: number;
  /** Total per new token: total / (B·S). Tends to 2N as S' → 0. */
  perToken: number;
  /** 2N, N = active parameters. */
  twoN: number;
  attention: AttentionMode;
  /** True when `total` (hence every component) is an exact integer: total ≤ 2^53 − 1. */
  exact: boolean;
  assumptions: string[];
}

/**
 * FLOPs of the matmuls with `weights` weights over `tokens` tokens: one multiply and one
 * add per weight per token, 2·T·W. Every weight term of the course is this (projections,
 * FFN, experts, LM head, and 2N per token).
 * @example weightFlops(1024, 50331648) //=> 103079215104
 */
export function weightFlops(tokens: number, weights: number): number {
  return 2 * tokens * weights;
}

/**
 * Forward FLOPs per token of the matmuls with weights, short context: 2N, N the parameters a
 * token passes through (MoE: the active ones).
 * @example weightFlopsPerToken(6738415616) //=> 13476831232
 */
export function weightFlopsPerToken(params: number): number {
  return weightFlops(1, params);
}

/**
 * FLOPs of one attention matmul (Q·Kᵀ or softmax·V) of B sequences over `pairs` (query, key)
 * pairs per sequence and head, with `width` = h·d numbers per token over all heads: 2·B·width·pairs.
 * @example attentionMatmulFlops({ batch: 1, width: 4096, pairs: 1024 * 1024 }) //=> 8589934592
 */
export function attentionMatmulFlops(p: { batch: number; width: number; pairs: number }): number {
  return 2 * p.batch * p.width * p.pairs;
}

/**
 * Σ over the S new tokens of how many keys each attends to, per sequence and head.
 * Causal: token at position p ∈ (S'−S, S'] sees min(p, W) keys; full: min(S', W) each.
 * @example attentionPairs({ newTokens: 4, contextTokens: 4, attention: 'causal', window: null }) //=> 10
 */
export function attentionPairs(p: { newTokens: number; contextTokens: number; attention: AttentionMode; window: number | null }): number {
  const { newTokens: S, contextTokens: Sc, attention, window } = p;
  const W = window ?? Infinity;
  if (attention === 'full') return S * Math.min(Sc, W);
  const a = Sc - S + 1; // first new position (1-based)
  const b = Sc;
  const sumRange = (lo: number, hi: number) => (hi < lo ? 0 : ((lo + hi) * (hi - lo + 1)) / 2);
  if (W >= b) return sumRange(a, b);
  if (W < a) return W * S;
  return sumRange(a, W) + W * (b - W);
}

/** How many layers use the sliding window (0 without one). */
export function windowedLayers(spec: ModelSpec): number {
  const w = spec.slidingWindow;
  if (!w) return 0;
  if (w.layers === 'all') return spec.layers;
  if (w.layers === 'alternate') return Math.ceil(spec.layers / 2); // layers 0, 2, 4, …
  return Math.min(w.layers, spec.layers);
}

function checkForward(input: ForwardInput): void {
  checkInputs(
    { batch: input.batch, newTokens: input.newTokens, contextTokens: input.contextTokens },
    { batch: 'positiveInt', newTokens: 'positiveInt', contextTokens: 'positiveInt' },
    { batch: 'B', newTokens: 'S', contextTokens: "S'" },
  );
  checkBound(input.batch, 'batch', 'batch', 'B');
  checkBound(input.newTokens, 'sequence', 'newTokens', 'S');
  checkBound(input.contextTokens, 'sequence', 'contextTokens', "S'");
  checkSpec(input.spec);
  if (input.contextTokens < input.newTokens) {
    throw new InputError('contextTokens', "S' (context incl. new tokens) must be at least S (new tokens)");
  }
}

/**
 * Forward-pass FLOPs per component for B sequences of S new tokens over S' context.
 * @example forwardFlops({ spec: getPreset('llama-2-7b').spec, batch: 1, newTokens: 1, contextTokens: 1 }).twoN //=> 13476831232
 */
export function forwardFlops(input: ForwardInput): FlopsBreakdown {
  checkForward(input);
  const { spec, batch: B, newTokens: S, contextTokens: Sc } = input;
  const attention = input.attention ?? 'causal';
  const { hidden: H, heads: h, kvHeads: hkv, headDim: d, layers: L, vocab: V } = spec;
  const T = B * S;

  // Projections, per layer.
  let qkv: number;
  let out: number;
  let dQK = d;
  let dV = d;
  const mla = spec.mla;
  if (mla) {
    dQK = mla.qkNopeHeadDim + mla.qkRopeHeadDim;
    dV = mla.vHeadDim;
    const q = mla.qLoraRank === null ? H * h * dQK : H * mla.qLoraRank + mla.qLoraRank * h * dQK;
    const kv = H * (mla.kvLoraRank + mla.qkRopeHeadDim) + mla.kvLoraRank * h * (mla.qkNopeHeadDim + mla.vHeadDim);
    qkv = weightFlops(T, q + kv);
    out = weightFlops(T, outWeights({ hidden: H, heads: h, headDim: dV }));
  } else {
    qkv = weightFlops(T, qkvWeights({ hidden: H, heads: h, kvHeads: hkv, headDim: d }));
    out = weightFlops(T, outWeights({ hidden: H, heads: h, headDim: d }));
  }

  // Attention matmuls, per layer kind (windowed or not).
  const nWindow = windowedLayers(spec);
  const fullPairs = attentionPairs({ newTokens: S, contextTokens: Sc, attention, window: null });
  const windowPairs = spec.slidingWindow ? attentionPairs({ newTokens: S, contextTokens: Sc, attention, window: spec.slidingWindow.size }) : fullPairs;
  const pairs = (L - nWindow) * fullPairs + nWindow * windowPairs;
  const scores = attentionMatmulFlops({ batch: B, width: h * dQK, pairs });
  const av = attentionMatmulFlops({ batch: B, width: h * dV, pairs });

  // FFN.
  const counts = layerCounts(spec);
  const ffnPerLayer = weightFlops(T, ffnWeights({ hidden: H, width: spec.ffnWidth, gated: spec.ffn === 'gated' }));
  let experts = 0;
  let sharedExperts = 0;
  let router = 0;
  const moe = spec.moe;
  if (moe) {
    experts = counts.moe * weightFlops(T, moe.topK * ffnWeights({ hidden: H, width: moe.expertWidth, gated: true }));
    sharedExperts = counts.moe * weightFlops(T, ffnWeights({ hidden: H, width: moe.sharedExperts * moe.sharedExpertWidth, gated: true }));
    router = counts.moe * weightFlops(T, H * (moe.experts + (moe.sharedExpertGate ? 1 : 0)));
  }
  const ffn = counts.dense * ffnPerLayer;

  const logitTokens = input.logits === 'last' ? B : T;
  const E = spec.embeddingDim;
  const lmHead = weightFlops(logitTokens, embeddingWeights({ vocab: V, hidden: E })) + (E !== H ? weightFlops(T, E * H) + weightFlops(logitTokens, H * E) : 0);

  const components: FlopsComponents = {
    qkv: L * qkv,
    scores,
    av,
    out: L * out,
    ffn,
    experts,
    sharedExperts,
    router,
    lmHead,
    embedding: 0,
  };
  const layersTotal = components.qkv + scores + av + components.out + ffn + experts + sharedExperts + router;
  const total = layersTotal + lmHead;
  const uniform = (counts.dense === 0 || counts.moe === 0) && (nWindow === 0 || nWindow === L || fullPairs === windowPairs);
  const N = countParams(spec).active;
  const articleFlops = articleForwardFlops({ B, S, N, L, H, Sc });

  return {
    components,
    layers: layersTotal,
    perLayer: uniform ? layersTotal / L : null,
    total,
    articleFlops,
    articleRelativeError: (articleFlops - total) / total,
    perToken: total / T,
    twoN: weightFlopsPerToken(N),
    attention,
    exact: total <= Number.MAX_SAFE_INTEGER,
    assumptions: [
      'A FLOP is one multiply or one add; a matmul [M,K]@[K,N] costs 2·M·K·N.',
      'Only matmuls are counted: norms, softmax, activations, rotary, bias and residual adds are left out; the embedding lookup is 0.',
      attention === 'causal'
        ? "Causal: the token at position p attends to p positions, so S new tokens over S' see S·S' − S(S−1)/2 pairs (about half of S·S' in prefill)."
        : "Full: every new token attends to all S' positions (S·S' pairs), as the article's 4·L·H·S' term assumes.",
      spec.slidingWindow
        ? `Sliding window: ${nWindow} of ${L} layers cap each token's keys at W = ${spec.slidingWindow.size}.`
        : 'No sliding window: every layer attends to the whole context.',
      moe ? `MoE: ${moe.topK} of ${moe.experts} routed experts per token (active, not total, parameters).` : 'Dense FFN.',
      input.logits === 'last' ? 'Logits for the last token of each sequence only.' : 'Logits for every new token.',
    ],
  };
}

/**
 * Prefill: the whole prompt of S tokens in one pass (S' = S), causal by default.
 * @example prefillFlops({ spec, batch: 1, promptTokens: 2048 }).total
 */
export function prefillFlops(p: { spec: ModelSpec; batch: number; promptTokens: number; attention?: AttentionMode; logits?: 'all' | 'last' }): FlopsBreakdown {
  return forwardFlops({
    spec: p.spec,
    batch: p.batch,
    newTokens: p.promptTokens,
    contextTokens: p.promptTokens,
    attention: p.attention ?? 'causal',
    logits: p.logits ?? 'all',
  });
}

/**
 * One decode step: one new token per sequence over a context of S' tokens (incl. it).
 * With S = 1 causal and full attention coincide.
 */
export function decodeStepFlops(p: { spec: ModelSpec; batch: number; contextTokens: number }): FlopsBreakdown {
  return forwardFlops({ spec: p.spec, batch: p.batch, newTokens: 1, contextTokens: p.contextTokens, attention: 'causal' });
}

/**
 * The article's forward-pass estimate F = B·S·(2N + 4·L·H·S').
 * @example articleForwardFlops({ B: 1, S: 1, N: 6738415616, L: 32, H: 4096, Sc: 4096 }) //=> 15624314880
 */
export function articleForwardFlops({ B, S, N, L, H, Sc }: { B: number; S: number; N: number; L: number; H: number; Sc: number }): number {
  return B * S * (weightFlopsPerToken(N) + 4 * L * H * Sc);
}
