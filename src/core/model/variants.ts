/**
 * Architecture variants as transformations of a ModelSpec: the same base model with a
 * different attention (MHA, MQA, GQA with g KV heads, MLA's compressed latent), a
 * sliding window, experts in place of the dense FFN, or a GPT-2-style or Llama-style
 * block. Everything downstream (parameters, FLOPs, KV cache, serving capacity) is the
 * core's usual accounting run on the transformed spec, so a variant costs exactly what
 * a checkpoint with that config would.
 *
 * @see Shazeer, "Fast Transformer Decoding: One Write-Head is All You Need" (2019), MQA
 * @see Ainslie et al., "GQA: Training Generalized Multi-Query Transformer Models from Multi-Head Checkpoints" (2023)
 * @see Beltagy et al., "Longformer" (2020) and Jiang et al., "Mistral 7B" (2023), sliding-window attention
 * @see Jiang et al., "Mixtral of Experts" (2024); Fedus et al., "Switch Transformers" (2021)
 * @see DeepSeek-AI, "DeepSeek-V2" (2024) §2.1, multi-head latent attention
 * @see Touvron et al., "LLaMA" (2023) §2.2; Shazeer, "GLU Variants Improve Transformer" (2020)
 */
import { checkInputs, defineFormula, type AnyFormula, type Derivation } from '../formula';
import { InputError, formatInteger } from '../units';
import { checkSpec, type ModelSpec } from './spec';
import { BOUNDS, checkBound } from '../bounds';
import { activeParams, countParams, layerCounts } from '../params/params';
import { decodeStepFlops, windowedLayers } from '../flops/flops';
import { kvCacheBytes, kvCacheBytesPerToken, kvElementsPerTokenPerLayer, weightsBytes } from '../memory/memory';
import {
  kvBudgetBytes,
  kvBudgetFormula,
  maxConcurrency,
  maxConcurrencyFormula,
  servingActivationBytes,
  servingActivationFormula,
} from '../serving/serving';
import { kvCacheFormula, kvCachePerTokenFormula, mlaKvCacheFormula } from '../memory/formulas';
import { moeActiveParamsFormula } from '../params/formulas';

export type AttentionChoice = 'keep' | 'mha' | 'mqa' | 'gqa' | 'mla';
export type WindowChoice = 'keep' | 'none' | 'all' | 'alternate';
export type MoeChoice = 'keep' | 'dense' | 'moe';
export type BlockChoice = 'keep' | 'gpt2' | 'llama';

export interface VariantOptions {
  /** 'keep' leaves the base's attention; 'gqa' uses `kvGroups` KV heads; 'mla' a latent of `mlaRank`. */
  attention: AttentionChoice;
  /** g, KV heads for GQA (must divide h). */
  kvGroups: number;
  /** r_kv, MLA's compressed KV latent (DeepSeek V2/V3: 512). */
  mlaRank: number;
  /** d_R, MLA's decoupled rope key dim per token (DeepSeek V2/V3: 64). */
  mlaRopeDim: number;
  window: WindowChoice;
  /** W, tokens a windowed layer attends to (and keeps). */
  windowSize: number;
  moe: MoeChoice;
  /** E, routed experts per MoE layer. */
  experts: number;
  /** k, experts per token. */
  topK: number;
  /** Expert width as a multiple of the base's FFN width (its expert width for an MoE base); Mixtral: 1. */
  expertWidthRatio: number;
  block: BlockChoice;
  /** Rows of a learned position table when the block becomes GPT-2 style and the base has none. */
  learnedPositions: number;
}

/** The base model unchanged. */
export const KEEP_ALL: Readonly<VariantOptions> = {
  attention: 'keep',
  kvGroups: 8,
  mlaRank: 512,
  mlaRopeDim: 64,
  window: 'keep',
  windowSize: 4096,
  moe: 'keep',
  experts: 8,
  topK: 2,
  expertWidthRatio: 1,
  block: 'keep',
  learnedPositions: 4096,
};

/**
 * Llama's SwiGLU width: a 4H MLP's parameter budget spread over three matrices
 * (⌊2·4H/3⌋ = ⌊8H/3⌋), scaled by `ffn_dim_multiplier` f, rounded up to a multiple m.
 * I = m·⌈⌊f·⌊8H/3⌋⌋ / m⌉.
 * @see meta-llama/llama, model.py FeedForward.__init__
 * @example swigluWidth({ H: 4096, f: 1, m: 256 }) //=> 11008 (Llama 2 7B)
 * @example swigluWidth({ H: 8192, f: 1.3, m: 4096 }) //=> 28672 (Llama 2 70B)
 */
export function swigluWidth({ H, f, m }: { H: number; f: number; m: number }): number {
  const base = Math.floor((8 * H) / 3);
  const scaled = Math.floor(f * base);
  return m * Math.ceil(scaled / m);
}

/** The standard-attention head dim of a model: its d, or an MLA model's no-rope q/k dim (DeepSeek's d_h). */
function plainHeadDim(spec: ModelSpec): number {
  return spec.mla ? spec.mla.qkNopeHeadDim : spec.headDim;
}

/**
 * The base spec with one or more parts swapped. Throws InputError naming the option
 * at fault (`kvGroups`, `mlaRank`, `windowSize`, `experts`, `topK`, …).
 * @example applyVariant(getPreset('llama-2-7b').spec, { ...KEEP_ALL, attention: 'gqa', kvGroups: 8 }).kvHeads //=> 8
 */
export function applyVariant(base: ModelSpec, opts: VariantOptions): ModelSpec {
  checkSpec(base);
  let spec: ModelSpec = { ...base, id: `${base.id}-variant`, bias: { ...base.bias }, extras: { ...base.extras } };

  // The block first: it fixes the dense FFN's kind and width the experts may be sized from.
  if (opts.block === 'gpt2') {
    checkInputs({ learnedPositions: opts.learnedPositions }, { learnedPositions: 'positiveInt' }, { learnedPositions: 'Learned position rows' });
    checkBound(opts.learnedPositions, 'sequence', 'learnedPositions', 'Learned position rows');
    spec = {
      ...spec,
      ffn: 'mlp',
      ffnWidth: 4 * spec.hidden,
      norm: 'layernorm',
      positions: 'learned',
      maxPositions: base.positions === 'learned' ? base.maxPositions : opts.learnedPositions,
      bias: { qkv: true, attnOut: true, ffn: true, norm: true },
      extras: { ...spec.extras, normsPerLayer: 2, qkNorm: false, embeddingNorm: false, finalNorm: true, parallelBlock: false },
    };
  } else if (opts.block === 'llama') {
    spec = {
      ...spec,
      ffn: 'gated',
      ffnWidth: swigluWidth({ H: spec.hidden, f: 1, m: 256 }),
      norm: 'rmsnorm',
      positions: 'rotary',
      maxPositions: 0,
      bias: { qkv: false, attnOut: false, ffn: false, norm: false },
      extras: { ...spec.extras, normsPerLayer: 2, qkNorm: false, embeddingNorm: false, finalNorm: true, parallelBlock: false },
    };
  }

  const h = spec.heads;
  const d = plainHeadDim(base);
  switch (opts.attention) {
    case 'keep':
      break;
    case 'mha':
      spec = { ...spec, kvHeads: h, headDim: d, mla: null };
      break;
    case 'mqa':
      spec = { ...spec, kvHeads: 1, headDim: d, mla: null };
      break;
    case 'gqa': {
      const g = opts.kvGroups;
      checkInputs({ kvGroups: g }, { kvGroups: 'positiveInt' }, { kvGroups: 'KV heads g' });
      checkBound(g, 'heads', 'kvGroups', 'KV heads g');
      if (h % g !== 0) throw new InputError('kvGroups', `KV heads g must divide the ${h} query heads (try ${divisorsHint(h)})`);
      spec = { ...spec, kvHeads: g, headDim: d, mla: null };
      break;
    }
    case 'mla': {
      checkInputs(
        { mlaRank: opts.mlaRank, mlaRopeDim: opts.mlaRopeDim },
        { mlaRank: 'positiveInt', mlaRopeDim: 'positiveInt' },
        { mlaRank: 'Latent rank r_kv', mlaRopeDim: 'Rope key dim d_R' },
      );
      checkBound(opts.mlaRank, 'width', 'mlaRank', 'Latent rank r_kv');
      checkBound(opts.mlaRopeDim, 'width', 'mlaRopeDim', 'Rope key dim d_R');
      // DeepSeek's layout: per head, d no-rope q/k dims plus d_R rope dims, and v of d;
      // queries projected directly (as V2-Lite), so only the KV path is low-rank.
      const keepQ = base.mla?.qLoraRank ?? null;
      spec = {
        ...spec,
        kvHeads: h,
        headDim: d + opts.mlaRopeDim,
        mla: { qLoraRank: keepQ, kvLoraRank: opts.mlaRank, qkNopeHeadDim: d, qkRopeHeadDim: opts.mlaRopeDim, vHeadDim: d },
      };
      break;
    }
  }

  switch (opts.window) {
    case 'keep':
      break;
    case 'none':
      spec = { ...spec, slidingWindow: null };
      break;
    case 'all':
    case 'alternate':
      checkInputs({ windowSize: opts.windowSize }, { windowSize: 'positiveInt' }, { windowSize: 'Window W' });
      checkBound(opts.windowSize, 'sequence', 'windowSize', 'Window W');
      spec = { ...spec, slidingWindow: { size: opts.windowSize, layers: opts.window } };
      break;
  }

  switch (opts.moe) {
    case 'keep':
      break;
    case 'dense':
      spec = { ...spec, moe: null };
      break;
    case 'moe': {
      checkInputs(
        { experts: opts.experts, topK: opts.topK, expertWidthRatio: opts.expertWidthRatio },
        { experts: 'positiveInt', topK: 'positiveInt', expertWidthRatio: 'positive' },
        { experts: 'Experts E', topK: 'Experts per token k', expertWidthRatio: 'Expert width ratio' },
      );
      checkBound(opts.experts, 'experts', 'experts', 'Experts E');
      checkBound(opts.topK, 'experts', 'topK', 'Experts per token k');
      if (opts.topK > opts.experts) throw new InputError('topK', `Experts per token k (${opts.topK}) cannot exceed the experts E (${opts.experts})`);
      const reference = base.moe ? base.moe.expertWidth : spec.ffnWidth;
      const expertWidth = Math.round(opts.expertWidthRatio * reference);
      if (expertWidth < 1) throw new InputError('expertWidthRatio', 'Expert width ratio is too small: an expert needs at least one hidden unit');
      if (expertWidth > BOUNDS.width.max) {
        throw new InputError('expertWidthRatio', `Expert width ratio is too large: an expert would be ${formatInteger(expertWidth)} wide, past ${formatInteger(BOUNDS.width.max)} (${BOUNDS.width.reason})`);
      }
      // An MoE base keeps its shared experts and dense layers; a dense base gets plain routed experts.
      spec = {
        ...spec,
        moe: {
          experts: opts.experts,
          topK: opts.topK,
          expertWidth,
          sharedExperts: base.moe?.sharedExperts ?? 0,
          sharedExpertWidth: base.moe?.sharedExpertWidth ?? 0,
          sharedExpertGate: base.moe?.sharedExpertGate ?? false,
          denseLayers: base.moe?.denseLayers ?? 0,
          routerBias: base.moe?.routerBias ?? false,
        },
      };
      break;
    }
  }
  return checkSpec(spec);
}

/** Most divisors a hint lists. */
const MAX_DIVISOR_HINTS = 12;

/**
 * The divisors of n, for a hint: pairs (i, n/i) up to √n, so at most √(heads bound) ≈ 316
 * steps, and at most MAX_DIVISOR_HINTS of them shown.
 * @example divisorsHint(64) //=> "1, 2, 4, 8, 16, 32, 64"
 */
export function divisorsHint(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > BOUNDS.heads.max) return 'a divisor of the query heads';
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 1; i * i <= n; i += 1) {
    if (n % i !== 0) continue;
    small.push(i);
    if (i * i !== n) large.unshift(n / i);
  }
  const all = [...small, ...large];
  return all.length <= MAX_DIVISOR_HINTS ? all.join(', ') : `${all.slice(0, MAX_DIVISOR_HINTS - 1).join(', ')}, …, ${n}`;
}

/** The attention of a spec in words: "MHA, 32 KV heads", "GQA, 8 KV heads", "MLA, latent 512 + 64". */
export function describeAttention(spec: ModelSpec): string {
  if (spec.mla) return `MLA, latent ${spec.mla.kvLoraRank} + rope ${spec.mla.qkRopeHeadDim}`;
  if (spec.kvHeads === spec.heads) return `MHA, ${spec.heads} KV heads`;
  if (spec.kvHeads === 1) return 'MQA, 1 KV head';
  return `GQA, ${spec.kvHeads} KV heads for ${spec.heads} query heads`;
}

export interface ServingSetup {
  /** S', tokens each request holds in its cache at most (prompt + answer). */
  contextTokens: number;
  /** s, bytes per element of weights and KV cache. */
  bytesPerElement: number;
  /** G */
  gpus: number;
  /** M, one GPU's capacity in bytes (under the reading the caller chose). */
  memoryPerGpu: number;
  /** u, the fraction a server lets itself use. */
  utilization: number;
}

/**
 * Inputs of the serving activation estimate (serving.activationBytes) for a spec: one
 * forward pass over S' tokens, FFN width I for dense layers, k·I_e plus the shared
 * experts' width for MoE layers (each token's intermediate lives in k experts), the
 * wider of the two; c = 3 for gated FFNs and experts, 2 for a plain MLP.
 */
export function activationInputs(spec: ModelSpec, setup: ServingSetup): { gpus: number; tokens: number; hidden: number; ffnWidth: number; ffnTensors: number; bytesPerElement: number } {
  const counts = layerCounts(spec);
  const moe = spec.moe;
  const moeWidth = moe && counts.moe > 0 ? moe.topK * moe.expertWidth + moe.sharedExperts * moe.sharedExpertWidth : 0;
  const denseWidth = counts.dense > 0 ? spec.ffnWidth : 0;
  const gated = spec.ffn === 'gated' || moeWidth > denseWidth;
  return {
    gpus: setup.gpus,
    tokens: setup.contextTokens,
    hidden: spec.hidden,
    ffnWidth: Math.max(moeWidth, denseWidth),
    ffnTensors: gated ? 3 : 2,
    bytesPerElement: setup.bytesPerElement,
  };
}

export interface VariantMetrics {
  spec: ModelSpec;
  attention: string;
  totalParams: number;
  activeParams: number;
  /** Forward FLOPs of one decode step (B = 1) with S' tokens of context: the per-token cost. */
  flopsPerToken: number;
  /** KV bytes one token adds over all layers, before any window. */
  kvBytesPerToken: number;
  /** KV bytes of one request at S' tokens, the window applied. */
  kvBytesPerRequest: number;
  weightsBytes: number;
  /** G·M·u, what the server plans to use. */
  usableBytes: number;
  /** Activation working set of one forward pass over a full request (S' tokens), tensor parallel over G. */
  activationBytes: number;
  /** G·M·u − weights − activations. */
  kvBudgetBytes: number;
  /** The KV cache of `maxConcurrency` requests at S' tokens. */
  kvBytesAtMaxConcurrency: number;
  /** ⌊budget / KV per request⌋, 0 when the weights do not fit. */
  maxConcurrency: number;
  /** False when the weights alone exceed G·M·u. */
  fits: boolean;
}

/**
 * Everything the variants chapter compares, for one spec on one serving setup.
 * @example variantMetrics(getPreset('llama-2-70b').spec, { contextTokens: 4000, bytesPerElement: 2, gpus: 2, memoryPerGpu: 2 ** 36 * 1.25, utilization: 0.9 }).maxConcurrency //=> 12
 */
export function variantMetrics(spec: ModelSpec, setup: ServingSetup): VariantMetrics {
  checkInputs(
    { contextTokens: setup.contextTokens, bytesPerElement: setup.bytesPerElement, gpus: setup.gpus, memoryPerGpu: setup.memoryPerGpu, utilization: setup.utilization },
    { contextTokens: 'positiveInt', bytesPerElement: 'positive', gpus: 'positiveInt', memoryPerGpu: 'positive', utilization: 'fraction' },
    { contextTokens: "Context S'", bytesPerElement: 'Bytes per element', gpus: 'GPUs', memoryPerGpu: 'Memory per GPU', utilization: 'Usable fraction u' },
  );
  const s = setup.bytesPerElement;
  const total = countParams(spec).total;
  const w = weightsBytes(spec, s);
  const kvReq = kvCacheBytes(spec, setup.contextTokens, s);
  const usable = kvBudgetBytes({ gpus: setup.gpus, memoryPerGpu: setup.memoryPerGpu, utilization: setup.utilization, weightsBytes: 0, activationBytes: 0 });
  const act = servingActivationBytes(activationInputs(spec, setup));
  const budget = kvBudgetBytes({ gpus: setup.gpus, memoryPerGpu: setup.memoryPerGpu, utilization: setup.utilization, weightsBytes: w, activationBytes: act });
  const concurrency = maxConcurrency(budget, kvReq);
  return {
    spec,
    attention: describeAttention(spec),
    totalParams: total,
    activeParams: activeParams(spec),
    flopsPerToken: decodeStepFlops({ spec, batch: 1, contextTokens: setup.contextTokens }).total,
    kvBytesPerToken: kvCacheBytesPerToken(spec, s),
    kvBytesPerRequest: kvReq,
    weightsBytes: w,
    usableBytes: usable,
    activationBytes: act,
    kvBudgetBytes: budget,
    kvBytesAtMaxConcurrency: concurrency * kvReq,
    maxConcurrency: concurrency,
    fits: budget > 0,
  };
}

export interface VariantComparison {
  base: VariantMetrics;
  variant: VariantMetrics;
  /** variant ÷ base for each metric (null where the base is 0). */
  ratios: Record<'totalParams' | 'activeParams' | 'flopsPerToken' | 'kvBytesPerToken' | 'kvBytesPerRequest' | 'weightsBytes' | 'maxConcurrency', number | null>;
}

/**
 * The base and its variant side by side on one serving setup.
 * @example compareVariant(getPreset('llama-2-7b').spec, { ...KEEP_ALL, attention: 'gqa', kvGroups: 8 }, setup).ratios.kvBytesPerToken //=> 0.25
 */
export function compareVariant(base: ModelSpec, opts: VariantOptions, setup: ServingSetup): VariantComparison {
  const b = variantMetrics(base, setup);
  const v = variantMetrics(applyVariant(base, opts), setup);
  const ratio = (x: number, y: number) => (y === 0 ? null : x / y);
  return {
    base: b,
    variant: v,
    ratios: {
      totalParams: ratio(v.totalParams, b.totalParams),
      activeParams: ratio(v.activeParams, b.activeParams),
      flopsPerToken: ratio(v.flopsPerToken, b.flopsPerToken),
      kvBytesPerToken: ratio(v.kvBytesPerToken, b.kvBytesPerToken),
      kvBytesPerRequest: ratio(v.kvBytesPerRequest, b.kvBytesPerRequest),
      weightsBytes: ratio(v.weightsBytes, b.weightsBytes),
      maxConcurrency: ratio(v.maxConcurrency, b.maxConcurrency),
    },
  };
}

/** Inputs of the mixed-window KV formula for a spec (full layers, windowed layers, elements per layer-token). */
export function windowKvInputs(spec: ModelSpec, contextTokens: number, bytesPerElement: number): { Lf: number; Lw: number; Sc: number; W: number; e: number; s: number } {
  const Lw = windowedLayers(spec);
  return {
    Lf: spec.layers - Lw,
    Lw,
    Sc: contextTokens,
    W: spec.slidingWindow?.size ?? contextTokens,
    e: kvElementsPerTokenPerLayer(spec),
    s: bytesPerElement,
  };
}

/** Inputs of the MoE active-parameter formula (params.moeActive) for an MoE spec; null for a dense one. */
export function moeActiveInputs(spec: ModelSpec): { N: number; Lm: number; E: number; k: number; H: number; Ie: number } | null {
  if (!spec.moe) return null;
  return { N: countParams(spec).total, Lm: layerCounts(spec).moe, E: spec.moe.experts, k: spec.moe.topK, H: spec.hidden, Ie: spec.moe.expertWidth };
}

// ---------------------------------------------------------------------------------------
// Formulas introduced on the variants page.

/** KV shrink factor of grouped attention: h / h_kv. @example //=> 8 for Llama 2 70B (64 query heads, 8 KV heads) */
export const kvHeadSavingFormula = defineFormula({
  id: 'variants.kvHeadSaving',
  anchor: 'gqa-kv-saving',
  page: 'variants',
  title: 'KV cache saving of grouped-query attention',
  description: 'With h query heads sharing h_kv KV heads, the cache holds h_kv instead of h K/V vectors per layer and token: h / h_kv times less. MQA is h_kv = 1.',
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
  labels: { Lf: 'Full-attention layers L_f', Lw: 'Windowed layers L_w', Sc: "Context S'", W: 'Window W', e: 'Numbers cached per layer and token n_kv', s: 'Bytes per element s' },
  domains: { Lf: 'nonNegativeInt', Lw: 'nonNegativeInt', Sc: 'nonNegativeInt', W: 'positiveInt', e: 'positiveInt', s: 'positive' },
  tex: (v) => String.raw`(${v.Lf} \cdot ${v.Sc} + ${v.Lw} \cdot \min(${v.Sc}, ${v.W})) \cdot ${v.e} \cdot ${v.s}`,
  compute: ({ Lf, Lw, Sc, W, e, s }) => (Lf * Sc + Lw * Math.min(Sc, W)) * e * s,
  // Gemma 2 9B: 42 layers alternating, W = 4096, 8 KV heads × 256 → e = 2·8·256 = 4096.
  example: { Lf: 21, Lw: 21, Sc: 8192, W: 4096, e: 4096, s: 2 },
});

/** MLA's cache saving against MHA with the same heads: 2·h·d_h / (r_kv + d_R). @example //=> 56.9 for DeepSeek V3 */
export const mlaCompressionFormula = defineFormula({
  id: 'variants.mlaCompression',
  anchor: 'mla-compression',
  page: 'variants',
  title: 'MLA cache compression against MHA',
  description:
    'Full multi-head K and V hold 2·h·d_h numbers per layer and token; MLA holds a latent of r_kv numbers and one shared rope key of d_R.',
  lhs: '\\frac{M_{KV}^{\\text{MHA}}}{M_{KV}^{\\text{MLA}}}',
  unit: 'count',
  symbols: { h: 'h', d: 'd_h', r: 'r_{kv}', dR: 'd_R' },
  labels: { h: 'Heads h', d: 'Head dim d_h', r: 'KV latent rank r_kv', dR: 'Rope key dim d_R' },
  domains: { h: 'positiveInt', d: 'positiveInt', r: 'positiveInt', dR: 'nonNegativeInt' },
  tex: (v) => String.raw`\frac{2 \cdot ${v.h} \cdot ${v.d}}{${v.r} + ${v.dR}}`,
  compute: ({ h, d, r, dR }) => (2 * h * d) / (r + dR),
  example: { h: 128, d: 128, r: 512, dR: 64 }, // DeepSeek V3: 32,768 / 576
  sig: 3,
});

/** MoE forward FLOPs per token, short context: 2·N_active. @example //=> 25.8 GFLOPs for Mixtral 8x7B */
export const moeFlopsPerTokenFormula = defineFormula({
  id: 'variants.moeFlopsPerToken',
  anchor: 'moe-flops-per-token',
  page: 'variants',
  title: 'Forward FLOPs per token of an MoE model',
  description: "Only the parameters a token passes through do arithmetic on it: 2 FLOPs per active parameter, plus attention over S' as for a dense model.",
  lhs: 'F_{\\text{token}}',
  unit: 'FLOPs',
  symbols: { Na: 'N_{\\text{active}}' },
  labels: { Na: 'Active parameters N_active' },
  domains: { Na: 'positiveInt' },
  tex: (v) => String.raw`2 \cdot ${v.Na}`,
  compute: ({ Na }) => 2 * Na,
  example: { Na: 12879925248 }, // Mixtral 8x7B
  approximate: true,
});

/**
 * Weights per GPU under expert parallelism of degree e: (N − N_exp + N_exp/e)·s.
 * @example //=> 14,485,561,344 B for Mixtral 8x7B in bf16 with e = 8 (N = 46.7B, routed experts 45.1B)
 */
export const expertParallelWeightsFormula = defineFormula({
  id: 'variants.expertParallelWeights',
  anchor: 'expert-parallel-weights',
  page: 'variants',
  title: 'Weights per GPU with expert parallelism',
  description:
    'Every GPU keeps the shared parts (embedding, attention, norms, router, shared experts) and 1/e of the routed experts; the rest live on the other e − 1 GPUs of the group.',
  lhs: 'M_{w}^{\\text{GPU}}',
  unit: 'B',
  symbols: { N: 'N', Ne: 'N_{\\text{exp}}', e: 'e', s: 's' },
  labels: { N: 'Total parameters N', Ne: 'Routed-expert parameters N_exp', e: 'Expert-parallel degree e', s: 'Bytes per parameter s' },
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
  moeFlopsPerTokenFormula,
  expertParallelWeightsFormula,
  swigluWidthFormula,
];

/**
 * The derivations behind a spec's KV and capacity numbers, for views that show their
 * working: KV per token, KV per request (window or MLA applied), active parameters of
 * an MoE, the KV budget and the concurrency it allows.
 */
export function variantDerivations(m: VariantMetrics, setup: ServingSetup): Derivation[] {
  const { spec } = m;
  const s = setup.bytesPerElement;
  const Sc = setup.contextTokens;
  const out: Derivation[] = [];
  if (spec.mla) {
    out.push(mlaKvCacheFormula.derive({ r: spec.mla.kvLoraRank, dR: spec.mla.qkRopeHeadDim, L: spec.layers, Sc, s }));
  } else {
    out.push(kvCachePerTokenFormula.derive({ L: spec.layers, hKv: spec.kvHeads, d: spec.headDim, s }));
  }
  if (spec.slidingWindow) out.push(mixedWindowKvCacheFormula.derive(windowKvInputs(spec, Sc, s)));
  else if (!spec.mla) out.push(kvCacheFormula.derive({ L: spec.layers, Sc, hKv: spec.kvHeads, d: spec.headDim, s }));
  const moe = moeActiveInputs(spec);
  if (moe) out.push(moeActiveParamsFormula.derive(moe));
  const a = activationInputs(spec, setup);
  out.push(servingActivationFormula.derive({ G: a.gpus, T: a.tokens, H: a.hidden, c: a.ffnTensors, I: a.ffnWidth, s: a.bytesPerElement }));
  out.push(kvBudgetFormula.derive({ G: setup.gpus, M: setup.memoryPerGpu, u: setup.utilization, W: m.weightsBytes, A: m.activationBytes }));
  if (m.fits) out.push(maxConcurrencyFormula.derive({ K: m.kvBudgetBytes, r: m.kvBytesPerRequest }));
  return out;
}
