/**
 * The FLOPs per token an MFU (or HFU) figure counts, for a chosen convention.
 *
 *   model FLOPs     F = 6·N + 12·m·L·h·d·S                 (PaLM, appendix B)
 *   recomputed      R = 0                                    no recomputation
 *                     = 4·m·L·h·d·S                          selective: the attention core again
 *                     = 2·N + 4·m·L·h·d·S                    full: the whole forward pass again
 *   hardware FLOPs  F + R                                    what HFU counts
 *
 * m is the attention convention: 0 leaves the score and value matmuls out (6N, Kaplan
 * et al. 2020), 1/2 counts the causal half of the S×S scores, 1 counts all of them
 * (PaLM). The recomputed attention uses the same m, so one convention runs through
 * both numbers: a figure that ignores attention cannot see selective recomputation.
 * N is the parameters a token passes through (the active ones for MoE).
 * @see Chowdhery et al., "PaLM" (2022), appendix B
 * @see Korthikanti et al., "Reducing Activation Recomputation in Large Transformer Models" (2022), §5
 */
import { weightFlopsPerToken } from '../flops/flops';
import { attentionForwardFlopsPerToken, attentionMaskFactor, trainingFlopsPerTokenWithAttention, type AttentionConvention } from '../training/compute';
import { checkInputs } from '../formula';
import { InputError } from '../units';

/** What the backward pass recomputes: nothing, the attention core (selective), or every layer (full). */
export type RecomputeKind = 'none' | 'selective' | 'full';

export const RECOMPUTE_KINDS: readonly RecomputeKind[] = ['none', 'selective', 'full'];

export interface MfuFlopsInput {
  /** N, parameters used per token. */
  params: number;
  /** L */
  layers: number;
  /** h, query heads. */
  heads: number;
  /** d, head dimension. */
  headDim: number;
  /** S, training sequence length. */
  seq: number;
  attention: AttentionConvention;
  recompute: RecomputeKind;
}

export interface MfuFlops {
  /** F = 6N + 12·m·L·h·d·S: what MFU counts. */
  model: number;
  /** The attention part of F, 12·m·L·h·d·S. */
  attention: number;
  /** R: FLOPs re-done in the backward pass. */
  recompute: number;
  /** F + R: what HFU counts. */
  hardware: number;
  /** m: 0, 1/2 or 1. */
  mask: number;
}

/**
 * Model and hardware FLOPs per trained token under one attention convention.
 * @example mfuFlopsPerToken({ params: 70e9, layers: 80, heads: 64, headDim: 128, seq: 8192, attention: 'causal', recompute: 'full' }).hardware //=> 602949672960
 */
export function mfuFlopsPerToken(p: MfuFlopsInput): MfuFlops {
  checkInputs(
    { params: p.params, layers: p.layers, heads: p.heads, headDim: p.headDim, seq: p.seq },
    { params: 'positive', layers: 'positiveInt', heads: 'positiveInt', headDim: 'positiveInt', seq: 'positiveInt' },
    { params: 'Parameters N', layers: 'Layers L', heads: 'Heads h', headDim: 'Head dimension d', seq: 'Sequence length S' },
  );
  if (!RECOMPUTE_KINDS.includes(p.recompute)) {
    throw new InputError('recompute', `recompute must be one of ${RECOMPUTE_KINDS.join(', ')}`);
  }
  const mask = attentionMaskFactor(p.attention);
  const shape = { mask, layers: p.layers, heads: p.heads, headDim: p.headDim, seq: p.seq };
  const attentionForward = attentionForwardFlopsPerToken(shape);
  const attention = 3 * attentionForward;
  const model = trainingFlopsPerTokenWithAttention({ params: p.params, ...shape });
  const recompute = p.recompute === 'full' ? weightFlopsPerToken(p.params) + attentionForward : p.recompute === 'selective' ? attentionForward : 0;
  return { model, attention, recompute, hardware: model + recompute, mask };
}
