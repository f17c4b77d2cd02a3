/**
 * What one tensor core does per clock, and how many of them a GPU has: the two factors of
 * the peak that come from the chip's floor plan rather than its clock.
 *
 * A tensor core multiplies a small [m,k]@[k,n] tile every clock. By the matmul count
 * (2 FLOPs per multiply-accumulate) that is 2·m·k·n FLOPs per clock. An A100/A800 tensor
 * core does an 8×4×8 FP16/BF16 tile: 2·(8·4·8) = 512 FLOPs per clock. An A800 has 4 tensor
 * cores in each of its 108 SMs, 432 in all, and every one must be busy to reach the peak.
 * @see NVIDIA A100 Tensor Core GPU Architecture whitepaper (2020): 108 SMs, 432 Tensor Cores,
 *   256 FP16 FMA per clock per Tensor Core
 */
import { defineFormula } from '../formula';

/**
 * FLOPs one tensor core does per clock, from the tile it multiplies: 2·m·k·n.
 * @example tensorCoreFlopsPerClock({ m: 8, k: 4, n: 8 }) //=> 512
 */
export function tensorCoreFlopsPerClock({ m, k, n }: { m: number; k: number; n: number }): number {
  return 2 * m * k * n;
}

/**
 * Tensor cores on the chip: tensor cores per SM × SMs.
 * @example tensorCoreCount({ perSm: 4, sms: 108 }) //=> 432
 */
export function tensorCoreCount({ perSm, sms }: { perSm: number; sms: number }): number {
  return perSm * sms;
}

export const tensorCoreFlopsPerClockFormula = defineFormula({
  id: 'gpu.tensorCoreFlopsPerClock',
  anchor: 'tensor-core-flops-per-clock',
  page: 'gpu-peak',
  title: 'FLOPs per clock of one tensor core',
  description: 'A tensor core multiplies an [m,k]@[k,n] tile each clock: m·k·n multiply-accumulates, 2 FLOPs each.',
  lhs: 'f_{\\text{TC}}',
  unit: 'FLOPs',
  symbols: { m: 'm_{\\text{mma}}', k: 'k_{\\text{mma}}', n: 'n_{\\text{mma}}' },
  labels: { m: 'Instruction rows m_mma', k: 'Instruction inner dimension k_mma', n: 'Instruction columns n_mma' },
  domains: { m: 'positiveInt', k: 'positiveInt', n: 'positiveInt' },
  tex: (v) => String.raw`2 \cdot (${v.m} \cdot ${v.k} \cdot ${v.n})`,
  compute: tensorCoreFlopsPerClock,
  // A100/A800 (3rd-generation tensor core): an 8×4×8 FP16/BF16 tile per clock.
  example: { m: 8, k: 4, n: 8 },
  notes: ['Per clock, dense. Hopper’s tensor core does twice the A100’s work per SM per clock (1,024 FLOPs per tensor core).'],
});

export const tensorCoreCountFormula = defineFormula({
  id: 'gpu.tensorCoreCount',
  anchor: 'tensor-core-count',
  page: 'gpu-peak',
  title: 'Tensor cores on the chip',
  description: 'Every SM holds the same number of tensor cores; the peak assumes all of them work every clock.',
  lhs: 'n_{\\text{TC,chip}}',
  unit: 'count',
  symbols: { t: 'n_{\\text{TC}}', n: 'n_{\\text{SM}}' },
  labels: { t: 'Tensor cores per SM', n: 'SMs' },
  domains: { t: 'positiveInt', n: 'positiveInt' },
  tex: (v) => String.raw`${v.t} \cdot ${v.n}`,
  compute: ({ t, n }) => tensorCoreCount({ perSm: t, sms: n }),
  // A800: 4 tensor cores per SM, 108 SMs.
  example: { t: 4, n: 108 },
});

export const tensorCoreFormulas = [tensorCoreFlopsPerClockFormula, tensorCoreCountFormula];
