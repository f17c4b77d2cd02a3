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
import { checkInputs } from '../formula';
import { InputError, formatInteger } from '../units';
import { checkSpec, type ModelSpec } from '../model/spec';
import { BOUNDS, checkBound } from '../bounds';

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
        throw new InputError(
          'expertWidthRatio',
          `Expert width ratio is too large: an expert would be ${formatInteger(expertWidth)} wide, past ${formatInteger(BOUNDS.width.max)} (${BOUNDS.width.reason})`,
        );
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
