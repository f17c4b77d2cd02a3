/**
 * Cost of a matrix multiplication [M,K]@[K,N] and of the batched [A,M,K]@[K,N]
 * (an activation tensor times a weight matrix).
 *
 * Each of the M·N outputs takes K multiplies and K adds, so 2·M·K·N FLOPs.
 * Memory traffic is reading both operands and writing the result once:
 * (M·K + K·N + M·N)·s bytes, s = bytes per element. The weight [K,N] is read once
 * however many A copies of the activation there are.
 */
import { defineFormula, type Domain } from '../formula';
import { InputError } from '../units';

export interface MatmulShape {
  /** Batch copies of the left operand (1 for a plain matmul). */
  A: number;
  M: number;
  K: number;
  N: number;
}

const shapeDomains = { A: 'positiveInt', M: 'positiveInt', K: 'positiveInt', N: 'positiveInt' } satisfies Record<keyof MatmulShape, Domain>;
// [M,K]@[K,N] as the article and every BLAS writes it; in a matmul N is the output width, never a parameter count.
const shapeSymbols = { A: 'A', M: 'M', K: 'K', N: 'N' } as const;
const shapeLabels = {
  A: 'Batch copies A',
  M: 'Rows M',
  K: 'Inner dimension K',
  N: 'Output columns N',
} as const;

/**
 * FLOPs of [A,M,K]@[K,N]: 2·A·M·K·N.
 * @example matmulFlops({ A: 1, M: 4096, K: 4096, N: 4096 }) //=> 137438953472
 */
export function matmulFlops({ A, M, K, N }: MatmulShape): number {
  return 2 * A * M * K * N;
}

/**
 * Bytes moved by [A,M,K]@[K,N] with s-byte elements: (A·M·K + K·N + A·M·N)·s.
 * @example matmulBytes({ A: 1, M: 4096, K: 4096, N: 4096, s: 2 }) //=> 100663296
 */
export function matmulBytes({ A, M, K, N, s }: MatmulShape & { s: number }): number {
  return (A * M * K + K * N + A * M * N) * s;
}

/**
 * Arithmetic intensity, FLOPs per byte moved: 2·A·M·K·N / ((A·M·K + K·N + A·M·N)·s).
 * @example matmulIntensity({ A: 1, M: 4096, K: 4096, N: 4096, s: 2 }) //=> 1365.33…
 */
export function matmulIntensity(p: MatmulShape & { s: number }): number {
  return matmulFlops(p) / matmulBytes(p);
}

/**
 * Seconds to do `flops` on G GPUs at a share η of a peak of P FLOP/s each: F/(G·P·η). The
 * compute side of every roofline in the course (a matmul, a serving step, a training run).
 * @example computeSeconds(9.5e15, 8, 312e12, 1) //=> 3.806…
 */
export function computeSeconds(flops: number, gpus: number, peakFlopsPerSecond: number, efficiency: number): number {
  return flops / (gpus * peakFlopsPerSecond * efficiency);
}

/**
 * Seconds to move `bytes` through the memory of G GPUs at a share η of W B/s each: Q/(G·W·η).
 * The memory side of every roofline.
 * @example transferSeconds(1.38e11, 8, 2.039e12, 1) //=> 0.00846…
 */
export function transferSeconds(bytes: number, gpus: number, bandwidth: number, efficiency: number): number {
  return bytes / (gpus * bandwidth * efficiency);
}

/**
 * Roofline time: the slower of doing the FLOPs at peak and moving the bytes at full
 * bandwidth, max(F/P, Q/W). A lower bound: real kernels reach a fraction of both.
 * @example rooflineSeconds({ flops: 312e12, bytes: 1, peakFlopsPerSecond: 312e12, bandwidth: 2.039e12 }) //=> 1
 */
export function rooflineSeconds(p: { flops: number; bytes: number; peakFlopsPerSecond: number; bandwidth: number }): number {
  if (!(p.peakFlopsPerSecond > 0)) throw new InputError('peakFlopsPerSecond', 'peak must be greater than 0 FLOP/s');
  if (!(p.bandwidth > 0)) throw new InputError('bandwidth', 'bandwidth must be greater than 0 B/s');
  return Math.max(computeSeconds(p.flops, 1, p.peakFlopsPerSecond, 1), transferSeconds(p.bytes, 1, p.bandwidth, 1));
}

/**
 * The ridge point of a part: the arithmetic intensity at which compute and memory take
 * equally long, P/W FLOP/B.
 * @example ridgePointFlopsPerByte({ peakFlopsPerSecond: 312e12, bandwidth: 2.039e12 }) //=> 153.016…
 */
export function ridgePointFlopsPerByte(p: { peakFlopsPerSecond: number; bandwidth: number }): number {
  return p.peakFlopsPerSecond / p.bandwidth;
}

export const matmulFlopsFormula = defineFormula({
  id: 'matmul.flops',
  anchor: 'matmul-flops',
  page: 'tensors',
  title: 'Matmul FLOPs',
  description: 'Floating-point operations of [M,K]@[K,N]: one multiply and one add per term of each output.',
  lhs: 'F',
  unit: 'FLOPs',
  symbols: { M: 'M', K: 'K', N: shapeSymbols.N },
  labels: { M: shapeLabels.M, K: shapeLabels.K, N: shapeLabels.N },
  domains: { M: 'positiveInt', K: 'positiveInt', N: 'positiveInt' },
  tex: (v) => String.raw`2 \cdot ${v.M} \cdot ${v.K} \cdot ${v.N}`,
  compute: ({ M, K, N }) => matmulFlops({ A: 1, M, K, N }),
  example: { M: 4096, K: 4096, N: 4096 },
});

export const matmulBytesFormula = defineFormula({
  id: 'matmul.bytes',
  anchor: 'matmul-bytes',
  page: 'tensors',
  title: 'Matmul memory traffic',
  description: 'Bytes read and written by [M,K]@[K,N]: both operands read once, the result written once.',
  lhs: 'Q',
  unit: 'B',
  symbols: { M: 'M', K: 'K', N: shapeSymbols.N, s: 's' },
  labels: { M: shapeLabels.M, K: shapeLabels.K, N: shapeLabels.N, s: 'Bytes per element s' },
  domains: { M: 'positiveInt', K: 'positiveInt', N: 'positiveInt', s: 'positive' },
  tex: (v) => String.raw`(${v.M} \cdot ${v.K} + ${v.K} \cdot ${v.N} + ${v.M} \cdot ${v.N}) \cdot ${v.s}`,
  compute: ({ M, K, N, s }) => matmulBytes({ A: 1, M, K, N, s }),
  example: { M: 4096, K: 4096, N: 4096, s: 2 },
});

export const batchedMatmulFlopsFormula = defineFormula({
  id: 'matmul.batchedFlops',
  anchor: 'batched-matmul-flops',
  page: 'tensors',
  title: 'Batched matmul FLOPs',
  description: 'FLOPs of [A,M,K]@[K,N]: the plain matmul repeated for each of the A copies.',
  lhs: 'F',
  unit: 'FLOPs',
  symbols: shapeSymbols,
  labels: shapeLabels,
  domains: shapeDomains,
  tex: (v) => String.raw`2 \cdot ${v.A} \cdot ${v.M} \cdot ${v.K} \cdot ${v.N}`,
  compute: matmulFlops,
  example: { A: 8, M: 2048, K: 4096, N: 4096 },
});

export const batchedMatmulBytesFormula = defineFormula({
  id: 'matmul.batchedBytes',
  anchor: 'batched-matmul-bytes',
  page: 'tensors',
  title: 'Batched matmul memory traffic',
  description: 'Bytes of [A,M,K]@[K,N]: A activations in, one shared weight, A results out.',
  lhs: 'Q',
  unit: 'B',
  symbols: { ...shapeSymbols, s: 's' },
  labels: { ...shapeLabels, s: 'Bytes per element s' },
  domains: { ...shapeDomains, s: 'positive' },
  tex: (v) => String.raw`(${v.A} \cdot ${v.M} \cdot ${v.K} + ${v.K} \cdot ${v.N} + ${v.A} \cdot ${v.M} \cdot ${v.N}) \cdot ${v.s}`,
  compute: matmulBytes,
  example: { A: 8, M: 2048, K: 4096, N: 4096, s: 2 },
});

export const matmulIntensityFormula = defineFormula({
  id: 'matmul.intensity',
  anchor: 'arithmetic-intensity',
  page: 'tensors',
  title: 'Arithmetic intensity',
  description: 'FLOPs done per byte moved. Above the GPU ridge point a matmul is compute-bound, below it memory-bound.',
  lhs: 'I_{\\text{arith}}',
  unit: 'FLOP/B',
  symbols: { ...shapeSymbols, s: 's' },
  labels: { ...shapeLabels, s: 'Bytes per element s' },
  domains: { ...shapeDomains, s: 'positive' },
  tex: (v) =>
    String.raw`\frac{2 \cdot ${v.A} \cdot ${v.M} \cdot ${v.K} \cdot ${v.N}}{(${v.A} \cdot ${v.M} \cdot ${v.K} + ${v.K} \cdot ${v.N} + ${v.A} \cdot ${v.M} \cdot ${v.N}) \cdot ${v.s}}`,
  compute: matmulIntensity,
  example: { A: 1, M: 4096, K: 4096, N: 4096, s: 2 },
});

export const ridgePointFormula = defineFormula({
  id: 'matmul.ridgePoint',
  anchor: 'ridge-point',
  page: 'tensors',
  title: 'Ridge point',
  description: 'The arithmetic intensity at which a GPU is equally limited by compute and by memory bandwidth: peak FLOP/s over bytes/s.',
  lhs: 'I^{*}',
  unit: 'FLOP/B',
  symbols: { P: 'P_{\\text{peak}}', W: 'W_{\\text{mem}}' },
  labels: { P: 'Peak FLOP/s', W: 'Memory bandwidth (B/s)' },
  domains: { P: 'positive', W: 'positive' },
  tex: (v) => String.raw`\frac{${v.P}}{${v.W}}`,
  compute: ({ P, W }) => ridgePointFlopsPerByte({ peakFlopsPerSecond: P, bandwidth: W }),
  // A800 SXM4 80GB: 312 TFLOP/s dense bf16, 2.039 TB/s HBM2e (NVIDIA A100 datasheet).
  example: { P: 312e12, W: 2.039e12 },
  notes: ['Decode (one token per sequence) sits far below the ridge, so it is memory-bound; prefill sits far above it.'],
});

/**
 * Which resource limits a kernel of intensity `intensity` on a GPU whose ridge point is `ridge`.
 * @example boundBy(1365, 153) //=> 'compute'
 */
export function boundBy(intensity: number, ridge: number): 'compute' | 'memory' {
  return intensity >= ridge ? 'compute' : 'memory';
}

/**
 * The fewest rows M (tokens) at which [M,K]@[K,N] with s-byte elements reaches an
 * arithmetic intensity of `ridge` FLOP/B, i.e. stops being memory-bound on a GPU whose
 * ridge point that is; null when no M does (the intensity tends to 2KN/((K+N)·s) as M
 * grows, and a ridge at or above that is never reached).
 *
 *   2MKN / ((MK + KN + MN)·s) ≥ I*   ⇔   M ≥ I*·s·K·N / (2KN − I*·s·(K + N))
 *
 * @example matmulRidgeRows({ K: 4096, N: 4096, s: 2, ridge: 312e12 / 2.039e12 }) //=> 166
 */
export function matmulRidgeRows({ K, N, s, ridge }: { K: number; N: number; s: number; ridge: number }): number | null {
  if (!(K > 0 && N > 0 && s > 0 && ridge > 0)) throw new InputError('ridge', 'K, N, s and the ridge point must be greater than 0');
  const headroom = 2 * K * N - ridge * s * (K + N);
  if (!(headroom > 0)) return null;
  let m = Math.max(1, Math.ceil((ridge * s * K * N) / headroom));
  // The quotient can land a rounding away from an integer: settle on the exact smallest M.
  while (m > 1 && matmulIntensity({ A: 1, M: m - 1, K, N, s }) >= ridge) m -= 1;
  while (matmulIntensity({ A: 1, M: m, K, N, s }) < ridge) m += 1;
  return m;
}

export const rooflineTimeFormula = defineFormula({
  id: 'matmul.rooflineTime',
  anchor: 'roofline-time',
  page: 'tensors',
  title: 'Roofline time',
  description: 'A lower bound on a kernel’s time: the larger of its FLOPs at peak compute and its bytes at full memory bandwidth.',
  lhs: 'T_{\\text{roof}}',
  unit: 's',
  symbols: { F: 'F', Q: 'Q', P: 'P_{\\text{peak}}', W: 'W_{\\text{mem}}' },
  labels: { F: 'FLOPs F', Q: 'Bytes moved Q', P: 'Peak FLOP/s', W: 'Memory bandwidth (B/s)' },
  domains: { F: 'nonNegative', Q: 'nonNegative', P: 'positive', W: 'positive' },
  tex: (v) => String.raw`\max\left(\frac{${v.F}}{${v.P}}, \frac{${v.Q}}{${v.W}}\right)`,
  compute: ({ F, Q, P, W }) => rooflineSeconds({ flops: F, bytes: Q, peakFlopsPerSecond: P, bandwidth: W }),
  // The 4096³ bf16 matmul above on an A800 (312 TFLOP/s, 2.039 TB/s).
  example: { F: 137438953472, Q: 100663296, P: 312e12, W: 2.039e12 },
});

export const matmulFormulas = [
  matmulFlopsFormula,
  matmulBytesFormula,
  batchedMatmulFlopsFormula,
  batchedMatmulBytesFormula,
  matmulIntensityFormula,
  ridgePointFormula,
  rooflineTimeFormula,
];
