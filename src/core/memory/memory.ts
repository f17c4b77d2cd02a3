/**
 * Inference memory: weights, KV cache, activations.
 *
 * Weights hold every parameter, MoE experts included (all E are resident even though a
 * token uses k): M_w = N_total · s. The KV cache holds, per layer and cached token, one
 * K and one V vector per KV head: 2·h_kv·d elements (MHA: h_kv = h; GQA: fewer; MQA: 1).
 * MLA caches the compressed latent and the shared rope key instead: kv_lora_rank +
 * qk_rope_head_dim elements per layer and token. A sliding-window layer keeps at most
 * W tokens. Bytes are SI; s is bytes per element, chosen independently of the weights'.
 */
import type { ModelSpec } from '../model/spec';
import { bytesPerElement, isDtype, DTYPES, type Dtype } from '../dtypes';
import { countParams, layerCounts } from '../params/params';
import { windowedLayers } from '../flops/flops';
import { InputError } from '../units';
import { checkInputs } from '../formula';
import { bytesOf, kvCacheBytesOf, kvElementsPerLayerToken, mlaElementsPerLayerToken } from './formulas';

function elementBytes(dtype: Dtype | number, field = 'dtype'): number {
  if (typeof dtype === 'number') {
    if (!(dtype > 0) || !Number.isFinite(dtype)) throw new InputError(field, `${field} must be a positive number of bytes per element`);
    return dtype;
  }
  if (!isDtype(dtype)) throw new InputError(field, `${field} must be one of ${DTYPES.join(', ')}, got "${String(dtype)}"`);
  return bytesPerElement(dtype);
}

/**
 * Bytes of all weights at `dtype` (or bytes per parameter): N_total · s.
 * Quantization scales and zero points (int8/int4/fp8) are not included.
 * @example weightsBytes(getPreset('llama-2-7b').spec, 'bf16') //=> 13476831232
 */
export function weightsBytes(spec: ModelSpec, dtype: Dtype | number): number {
  return bytesOf(countParams(spec).total, elementBytes(dtype));
}

/** KV-cache elements one token adds in one layer: 2·h_kv·d, or MLA's r_kv + d_rope. */
export function kvElementsPerTokenPerLayer(spec: ModelSpec): number {
  if (spec.mla) return mlaElementsPerLayerToken({ kvLoraRank: spec.mla.kvLoraRank, ropeDim: spec.mla.qkRopeHeadDim });
  return kvElementsPerLayerToken({ kvHeads: spec.kvHeads, headDim: spec.headDim });
}

/**
 * KV-cache bytes one token adds across all layers, before any window applies:
 * 2·L·h_kv·d·s (MHA/GQA/MQA) or (r_kv + d_rope)·L·s (MLA).
 * @example kvCacheBytesPerToken(getPreset('llama-2-70b').spec, 2) //=> 327680
 */
export function kvCacheBytesPerToken(spec: ModelSpec, bytesPerElementValue: number): number {
  const s = elementBytes(bytesPerElementValue, 'bytesPerElement');
  return kvCacheBytesOf({
    fullLayers: spec.layers,
    windowedLayers: 0,
    contextTokens: 1,
    window: 1,
    elements: kvElementsPerTokenPerLayer(spec),
    bytesPerElement: s,
  });
}

/**
 * KV-cache bytes of one sequence holding S' tokens: Σ over layers of
 * min(S', W_layer)·elements·s (no window: S').
 * @example kvCacheBytes(getPreset('llama-2-70b').spec, 4000, 2) //=> 1310720000
 */
export function kvCacheBytes(spec: ModelSpec, contextTokens: number, bytesPerElementValue: number): number {
  checkInputs({ contextTokens }, { contextTokens: 'nonNegativeInt' }, { contextTokens: "S'" });
  const s = elementBytes(bytesPerElementValue, 'bytesPerElement');
  const windowed = windowedLayers(spec);
  return kvCacheBytesOf({
    fullLayers: spec.layers - windowed,
    windowedLayers: windowed,
    contextTokens,
    window: spec.slidingWindow?.size ?? contextTokens,
    elements: kvElementsPerTokenPerLayer(spec),
    bytesPerElement: s,
  });
}

export interface ActivationEstimate {
  /** Peak transient bytes during one forward pass. */
  total: number;
  /** The residual stream and the normalized copy: 2·T·H·s. */
  residual: number;
  /** The larger of the attention and FFN working sets (T·width·s). */
  layerWorkingSet: number;
  /** Logits for the tokens that need them, in fp32. */
  logits: number;
  assumptions: string[];
}

/**
 * An estimate of the activation memory of an inference forward pass (not training:
 * nothing is kept for a backward pass), T = B·S tokens:
 * peak ≈ s·T·(2H + max(attention width, FFN width)) + 4·T_logits·V.
 * attention width = (h + 2·h_kv)·d + h·d (q, k, v, attention output);
 * FFN width = 3·I gated (gate, up, product) or 2·I plain; MoE: k experts' widths + shared.
 */
export function inferenceActivationBytes(p: {
  spec: ModelSpec;
  batch: number;
  newTokens: number;
  bytesPerElement: number;
  logits?: 'all' | 'last';
}): ActivationEstimate {
  checkInputs({ batch: p.batch, newTokens: p.newTokens }, { batch: 'positiveInt', newTokens: 'positiveInt' }, { batch: 'B', newTokens: 'S' });
  const { spec } = p;
  const s = elementBytes(p.bytesPerElement, 'bytesPerElement');
  const T = p.batch * p.newTokens;
  const H = spec.hidden;
  const attnWidth = spec.mla
    ? spec.heads * (spec.mla.qkNopeHeadDim + spec.mla.qkRopeHeadDim) * 2 + spec.heads * spec.mla.vHeadDim * 2
    : (spec.heads + 2 * spec.kvHeads) * spec.headDim + spec.heads * spec.headDim;
  const factor = spec.ffn === 'gated' ? 3 : 2;
  const counts = layerCounts(spec);
  let ffnWidth = counts.dense > 0 ? factor * spec.ffnWidth : 0;
  if (spec.moe && counts.moe > 0) {
    ffnWidth = Math.max(ffnWidth, 3 * (spec.moe.topK * spec.moe.expertWidth + spec.moe.sharedExperts * spec.moe.sharedExpertWidth));
  }
  const residual = 2 * T * H * s;
  const layerWorkingSet = T * Math.max(attnWidth, ffnWidth) * s;
  const logitTokens = p.logits === 'last' ? p.batch : T;
  const logits = 4 * logitTokens * spec.vocab;
  return {
    total: residual + layerWorkingSet + logits,
    residual,
    layerWorkingSet,
    logits,
    assumptions: [
      'Inference only: each layer frees its activations before the next starts; nothing is kept for a backward pass.',
      "FlashAttention-style kernels: the S×S' score matrix is never materialized.",
      'Peak = residual stream and its normalized copy + the larger of the attention and FFN working sets + fp32 logits.',
      'Framework workspace, fragmentation and the CUDA context are not included.',
    ],
  };
}
