/**
 * The activation bytes a forward pass moves to and from HBM, counted the way chapter 1
 * counts a matmul's traffic: every weight matmul reads its input [T, K] and writes its
 * output [T, N], (T·K + T·N)·s, beside the K·N·s of its weights (counted with the weights).
 * The attention matmuls read Q and the new K and V and write their output; the scores
 * stay on chip (FlashAttention-style kernels) and the cached K and V are the KV cache's
 * own term. Norms, activations and residual adds are fused into the matmuls' reads.
 *
 * Per token and layer (elements):
 *   attention   H + (h + 2·h_kv)·d        QKV projection in and out
 *             + h·d + 2·h_kv·d + h·d      Q, new K and V in, attention output out
 *             + h·d + H                   output projection in and out
 *   FFN gated   3·H + 3·I                 gate and up (in H, out I each), down (in I, out H)
 *   FFN plain   2·H + 2·I
 *   MoE layer   k·(3·H + 3·I_e) + shared experts alike, + H + E for the router
 * plus H + V for each token whose logits are computed.
 *
 * The operations between the matmuls read and write their own activations, once each:
 *   two norms 4·H, two residual adds 6·H, rotary 2·(h + h_kv)·d, the activation function
 *   3·I gated (gate and up in, product out) or 2·I plain (MoE: per expert used).
 * @see Williams, Waterman & Patterson, "Roofline" (CACM 2009): intensity = FLOPs per byte of traffic
 */
import type { ModelSpec } from '../model/spec';
import { layerCounts } from '../params/params';
import { kvElementsPerTokenPerLayer } from './memory';

/** Activation elements one token moves through the layers (all L of them), logits excluded. */
export function layerActivationElementsPerToken(spec: ModelSpec): number {
  const { hidden: H, heads: h } = spec;
  const mla = spec.mla;
  const dQK = mla ? mla.qkNopeHeadDim + mla.qkRopeHeadDim : spec.headDim;
  const dV = mla ? mla.vHeadDim : spec.headDim;
  const kvWidth = kvElementsPerTokenPerLayer(spec);
  const attention = H + h * dQK + kvWidth + (h * dQK + kvWidth + h * dV) + (h * dV + H);
  const gated = spec.ffn === 'gated';
  const dense = gated ? 3 * H + 3 * spec.ffnWidth : 2 * H + 2 * spec.ffnWidth;
  const counts = layerCounts(spec);
  const moe = spec.moe;
  const moeFfn = moe ? moe.topK * (3 * H + 3 * moe.expertWidth) + moe.sharedExperts * (3 * H + 3 * moe.sharedExpertWidth) + H + moe.experts : 0;
  return spec.layers * attention + counts.dense * dense + counts.moe * moeFfn;
}

/**
 * Activation bytes a forward pass of `tokens` tokens moves, `logitTokens` of them through
 * the LM head, at `bytesPerElement` per element.
 * @example forwardActivationBytes(getPreset('llama-2-70b').spec, { tokens: 64000, logitTokens: 16, bytesPerElement: 2 }) //=> 1677725122560
 */
export function forwardActivationBytes(spec: ModelSpec, p: { tokens: number; logitTokens: number; bytesPerElement: number }): number {
  const perToken = layerActivationElementsPerToken(spec);
  const logits = spec.embeddingDim + spec.vocab;
  return (p.tokens * perToken + p.logitTokens * logits) * p.bytesPerElement;
}

/**
 * Activation elements one token moves through the operations between the matmuls (norms,
 * residual adds, rotary, the activation function), all L layers.
 */
export function elementwiseElementsPerToken(spec: ModelSpec): number {
  const { hidden: H, heads: h, kvHeads: hkv } = spec;
  const rope = spec.positions === 'rotary' ? 2 * (h + hkv) * (spec.mla ? spec.mla.qkRopeHeadDim : spec.headDim) : 0;
  const act = (width: number) => (spec.ffn === 'gated' ? 3 * width : 2 * width);
  const counts = layerCounts(spec);
  const moe = spec.moe;
  const moeAct = moe ? moe.topK * 3 * moe.expertWidth + moe.sharedExperts * 3 * moe.sharedExpertWidth : 0;
  return spec.layers * (10 * H + rope) + counts.dense * act(spec.ffnWidth) + counts.moe * moeAct;
}

/**
 * Bytes the operations between the matmuls move for `tokens` tokens.
 * @example elementwiseActivationBytes(getPreset('llama-2-7b').spec, { tokens: 1, bytesPerElement: 2 }) //=> 6356992
 */
export function elementwiseActivationBytes(spec: ModelSpec, p: { tokens: number; bytesPerElement: number }): number {
  return p.tokens * elementwiseElementsPerToken(spec) * p.bytesPerElement;
}
