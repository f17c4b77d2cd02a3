/**
 * What one GPU sees of a [B, S, H] × L workload under each of the four cuts of the
 * reference article's parallelism section, one cut at a time:
 *
 *   data (D)      B/D sequences, whole layers, whole matrices
 *   context (c)   S/c tokens of every sequence
 *   pipeline (p)  L/p consecutive layers
 *   tensor (t)    h/t heads (KV heads split, or replicated when t > h_kv) and I/t FFN columns
 *
 * Each degree must divide the dimension it cuts.
 * @see Narayanan et al., "Efficient Large-Scale Language Model Training on GPU Clusters Using Megatron-LM" (2021), §2
 */
import { InputError } from '../units';
import { stageShape } from './layout';

/** The dimensions a split can cut. */
export interface SplitDims {
  /** B, sequences */
  batch: number;
  /** S, tokens per sequence */
  seq: number;
  /** L */
  layers: number;
  /** H (never cut: tensor parallelism cuts the heads and the FFN width inside it) */
  hidden: number;
  /** h */
  heads: number;
  /** h_kv */
  kvHeads: number;
  /** I, the FFN width (4H in the article) */
  ffnWidth: number;
}

export interface SplitDegrees {
  dp: number;
  cp: number;
  pp: number;
  tp: number;
}

/**
 * The dimensions one GPU holds when the degrees cut them: B/D, S/c, L/p, h/t, I/t and
 * h_kv/t (1, replicated, when t > h_kv). Throws InputError naming the degree that is not a
 * whole number ≥ 1 or does not divide its dimension.
 * @example perGpuDims({ batch: 4, seq: 4096, layers: 80, hidden: 8192, heads: 64, kvHeads: 8, ffnWidth: 28672 }, { dp: 4, cp: 1, pp: 1, tp: 1 }).batch //=> 1
 */
export function perGpuDims(dims: SplitDims, degrees: SplitDegrees): SplitDims {
  const cuts = [
    ['dp', degrees.dp, dims.batch, 'the batch B'],
    ['cp', degrees.cp, dims.seq, 'the sequence length S'],
    ['pp', degrees.pp, dims.layers, 'the layers L'],
    ['tp', degrees.tp, dims.heads, 'the heads h'],
    ['tp', degrees.tp, dims.ffnWidth, 'the FFN width I'],
  ] as const;
  for (const [field, degree, size, what] of cuts) {
    if (!(Number.isInteger(degree) && degree >= 1)) throw new InputError(field, `${field.toUpperCase()} must be a whole number of at least 1`);
    if (size % degree !== 0) throw new InputError(field, `${field.toUpperCase()} = ${degree} must divide ${what} (${size})`);
  }
  const { tp } = degrees;
  if (dims.kvHeads % tp !== 0 && tp % dims.kvHeads !== 0) {
    throw new InputError('tp', `TP = ${tp} and the ${dims.kvHeads} KV heads must divide one another`);
  }
  const { layersPerStage, seqPerGpu } = stageShape({ layers: dims.layers, pp: degrees.pp, seq: dims.seq, cp: degrees.cp });
  return {
    batch: dims.batch / degrees.dp,
    seq: seqPerGpu,
    layers: layersPerStage,
    hidden: dims.hidden,
    heads: dims.heads / tp,
    kvHeads: dims.kvHeads % tp === 0 ? dims.kvHeads / tp : 1,
    ffnWidth: dims.ffnWidth / tp,
  };
}
