/**
 * The tensor shapes inside one decoder layer, step by step, for B sequences of S new
 * tokens attending to S' positions (MHA, GQA, MQA; not MLA, whose cache is a latent):
 *
 *   residual stream      [B, S, H]
 *   fused QKV weight     [H, (h + 2·h_kv)·d]          → [B, S, (h + 2·h_kv)·d]
 *   queries as heads     [B, S, h, d] → [B, h, S, d]   (a view, then a transpose)
 *   keys and values      [B, h_kv, S', d]
 *   scores Q·Kᵀ          [B, h, S, S']                 (softmax keeps the shape)
 *   weighted sum A·V     [B, h, S, d] → [B, S, h, d] → [B, S, h·d]
 *   output weight        [h·d, H]                      → [B, S, H]
 *   FFN up (and gate)    [H, I]                        → [B, S, I]
 *   FFN down             [I, H]                        → [B, S, H]
 *
 * Reshapes and transposes cost no FLOPs; chapter 4 counts the matmuls between them.
 * @see content/04-attention-ffn.mdx
 */
import type { LayerShape } from './layer';
import type { Dim } from './stages';
import { InputError } from '../units';

/** The workload a layer's activations are shaped by. */
export interface LayerShapeWork {
  /** B */
  B: number;
  /** S, new tokens per sequence */
  S: number;
  /** S', positions each new token attends to (including itself) */
  Sc: number;
}

export interface LayerTensorShapes {
  /** The residual stream in and out of every block, and each norm's output: [B, S, H]. */
  residual: Dim[];
  /** The Q, K and V weights side by side: [H, (h + 2·h_kv)·d]. */
  wQkv: Dim[];
  /** Their output: [B, S, (h + 2·h_kv)·d]. */
  qkv: Dim[];
  /** Queries viewed as heads: [B, S, h, d]. */
  qByHead: Dim[];
  /** Queries with the head as a batch dimension: [B, h, S, d]. */
  q: Dim[];
  /** Keys or values over the whole context: [B, h_kv, S', d]. */
  kv: Dim[];
  /** Keys transposed for Q·Kᵀ: [B, h_kv, d, S']. */
  kT: Dim[];
  /** Attention scores and, after the softmax, weights: [B, h, S, S']. */
  scores: Dim[];
  /** Each head's weighted sum of values: [B, h, S, d]. */
  heads: Dim[];
  /** Heads moved back beside each other: [B, S, h, d]. */
  headsBySeq: Dim[];
  /** Heads merged: [B, S, h·d] (labelled H when h·d = H). */
  merged: Dim[];
  /** The output projection's weight: [h·d, H]. */
  wO: Dim[];
  /** The FFN's up (and, gated, gate) weight: [H, I]. */
  wUp: Dim[];
  /** The FFN's hidden activation: [B, S, I]. */
  ffnHidden: Dim[];
  /** The FFN's down weight: [I, H]. */
  wDown: Dim[];
}

/**
 * Shapes of every tensor a decoder layer reads or writes, each dimension with its symbol.
 * Throws InputError naming `B`, `S` or `Sc` for sizes that are not whole numbers ≥ 1 (S' ≥ S).
 * @example layerTensorShapes({ H: 4096, h: 32, hKv: 32, d: 128, I: 11008, ffn: 'gated', norm: 'rmsnorm', biases: 'none' }, { B: 1, S: 4096, Sc: 4096 }).wQkv //=> [{ label: 'H', size: 4096 }, { label: '(h + 2·h_kv)·d', size: 12288 }]
 */
export function layerTensorShapes(shape: LayerShape, work: LayerShapeWork): LayerTensorShapes {
  for (const [field, value] of [
    ['B', work.B],
    ['S', work.S],
    ['Sc', work.Sc],
  ] as const) {
    if (!Number.isInteger(value) || value < 1) throw new InputError(field, `${field} must be a whole number of at least 1`);
  }
  if (work.Sc < work.S) throw new InputError('Sc', "Context S' counts the new tokens too, so it must be at least S");
  const { H, h, hKv, d, I } = shape;
  const B: Dim = { label: 'B', size: work.B };
  const S: Dim = { label: 'S', size: work.S };
  const Sc: Dim = { label: "S'", size: work.Sc };
  const Hd: Dim = { label: 'H', size: H };
  const heads: Dim = { label: 'h', size: h };
  const kvHeads: Dim = { label: hKv === h ? 'h' : 'h_kv', size: hKv };
  const dd: Dim = { label: 'd', size: d };
  const qkvWidth: Dim = { label: '(h + 2·h_kv)·d', size: (h + 2 * hKv) * d };
  const headWidth: Dim = { label: h * d === H ? 'H' : 'h·d', size: h * d };
  const Id: Dim = { label: 'I', size: I };
  return {
    residual: [B, S, Hd],
    wQkv: [Hd, qkvWidth],
    qkv: [B, S, qkvWidth],
    qByHead: [B, S, heads, dd],
    q: [B, heads, S, dd],
    kv: [B, kvHeads, Sc, dd],
    kT: [B, kvHeads, dd, Sc],
    scores: [B, heads, S, Sc],
    heads: [B, heads, S, dd],
    headsBySeq: [B, S, heads, dd],
    merged: [B, S, headWidth],
    wO: [headWidth, Hd],
    wUp: [Hd, Id],
    ffnHidden: [B, S, Id],
    wDown: [Id, Hd],
  };
}
