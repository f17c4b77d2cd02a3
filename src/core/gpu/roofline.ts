/**
 * The roofline of a GPU: the FLOP/s a kernel of arithmetic intensity I can reach when
 * limited by memory bandwidth (I·W) or by the compute peak (P), whichever is lower,
 * and the practical ceiling below the peak.
 *
 *   P(I) = min(P_peak, I·W_mem)          the roofline
 *   P_practical = u·P_peak, u ≈ 0.8      the reference article's reachable fraction on A800
 *
 * @see Williams, Waterman, Patterson, "Roofline: an insightful visual performance model
 *   for multicore architectures", CACM 52(4), 2009
 */
import { bytesPerElement } from '../dtypes';
import { defineFormula } from '../formula';
import { boundBy, matmulBytes, matmulFlops, matmulIntensity, ridgePointFlopsPerByte, rooflineSeconds } from '../matmul/matmul';
import { PRACTICAL_MFU_CEILING } from '../mfu/mfu';
import { InputError } from '../units';
import { gpuPeakFlopsPerSecond, type GpuDtype, type GpuSpec } from './gpu';

/**
 * Attainable FLOP/s at intensity I: min(P, I·W).
 * @example attainableFlopsPerSecond({ intensity: 1, peak: 312e12, bandwidth: 2.039e12 }) //=> 2039000000000
 */
export function attainableFlopsPerSecond(p: { intensity: number; peak: number; bandwidth: number }): number {
  return Math.min(p.peak, p.intensity * p.bandwidth);
}

/**
 * The practical ceiling: u·P. The reference article reports that about 80% of an A800's
 * 312 TFLOP/s is what well-tuned kernels reach; measure your own chip.
 * @example practicalPeakFlops({ peak: 312e12, utilization: 0.8 }) //=> 249600000000000
 */
export function practicalPeakFlops(p: { peak: number; utilization: number }): number {
  return p.peak * p.utilization;
}

export const attainableFlopsFormula = defineFormula({
  id: 'gpu.attainableFlops',
  anchor: 'roofline',
  page: 'gpu-peak',
  title: 'Attainable FLOP/s (the roofline)',
  description: 'Below the ridge point a kernel can only go as fast as memory delivers bytes (I·W); above it, as fast as the tensor cores compute.',
  lhs: 'P(I)',
  unit: 'FLOP/s',
  symbols: { I: 'I_{\\text{arith}}', P: 'P_{\\text{peak}}', W: 'W_{\\text{mem}}' },
  labels: { I: 'Arithmetic intensity (FLOP/B)', P: 'Peak FLOP/s', W: 'Memory bandwidth (B/s)' },
  domains: { I: 'positive', P: 'positive', W: 'positive' },
  tex: (v) => String.raw`\min\left(${v.P},\; ${v.I} \cdot ${v.W}\right)`,
  compute: ({ I, P, W }) => attainableFlopsPerSecond({ intensity: I, peak: P, bandwidth: W }),
  // A decode-step matmul (intensity ≈ 1 FLOP/B in bf16) on an A800: 312 TFLOP/s peak, 2.039 TB/s.
  example: { I: 1, P: 312e12, W: 2.039e12 },
});

export const practicalPeakFormula = defineFormula({
  id: 'gpu.practicalPeak',
  anchor: 'practical-ceiling',
  page: 'gpu-peak',
  title: 'Practical ceiling',
  description: 'The fraction of the peak that real kernels reach: load imbalance, ragged tiles, non-matrix work and clock throttling take the rest.',
  lhs: 'P_{\\text{practical}}',
  unit: 'FLOP/s',
  symbols: { u: '\\eta_c', P: 'P_{\\text{peak}}' },
  labels: { u: 'Share of the peak reached η_c', P: 'Peak FLOP/s' },
  domains: { u: 'fraction', P: 'positive' },
  tex: (v) => String.raw`${v.u} \cdot ${v.P}`,
  compute: ({ u, P }) => practicalPeakFlops({ peak: P, utilization: u }),
  example: { u: PRACTICAL_MFU_CEILING, P: 312e12 },
  notes: ['u ≈ 0.8 is the reference article’s figure for A800; it is an assumption to measure, not a constant of nature.'],
});

export const rooflineFormulas = [attainableFlopsFormula, practicalPeakFormula];

/** A matmul [M,K]@[K,N] in a dtype, placed on one GPU's roofline. */
export interface MatmulOnGpu {
  gpu: GpuSpec;
  /** Dense datasheet peak for the dtype, FLOP/s. */
  peak: number;
  bandwidth: number;
  /** P / W, FLOP/B. */
  ridge: number;
  flops: number;
  bytes: number;
  intensity: number;
  /** min(P, I·W) */
  attainable: number;
  /** attainable / peak: the most of the peak this shape can use on this GPU. */
  fractionOfPeak: number;
  /** max(F/P, Q/W) */
  seconds: number;
  bound: 'compute' | 'memory';
}

/**
 * Where [M,K]@[K,N] in `dtype` sits on `gpu`'s roofline (datasheet dense peak). Returns
 * `{ available: false, reason }` when the part has no peak for the dtype (A100 fp8, V100 bf16).
 * @example matmulOnGpu(getGpu('a800-sxm-80gb'), 'bf16', { M: 1, K: 4096, N: 4096 }) // bound 'memory', attainable ≈ 2.04 TFLOP/s
 */
export function matmulOnGpu(
  gpu: GpuSpec,
  dtype: GpuDtype,
  shape: { M: number; K: number; N: number },
): ({ available: true } & MatmulOnGpu) | { available: false; gpu: GpuSpec; reason: string } {
  let peak: number;
  try {
    peak = gpuPeakFlopsPerSecond(gpu, dtype);
  } catch (e) {
    if (e instanceof InputError) return { available: false, gpu, reason: `${gpu.name} has no dense ${dtype} tensor figure` };
    throw e;
  }
  const s = bytesPerElement(dtype);
  const p = { A: 1, ...shape, s };
  const flops = matmulFlops(p);
  const bytes = matmulBytes(p);
  const intensity = matmulIntensity(p);
  const bandwidth = gpu.memoryBandwidth;
  const ridge = ridgePointFlopsPerByte({ peakFlopsPerSecond: peak, bandwidth });
  const attainable = attainableFlopsPerSecond({ intensity, peak, bandwidth });
  return {
    available: true,
    gpu,
    peak,
    bandwidth,
    ridge,
    flops,
    bytes,
    intensity,
    attainable,
    fractionOfPeak: attainable / peak,
    seconds: rooflineSeconds({ flops, bytes, peakFlopsPerSecond: peak, bandwidth }),
    bound: boundBy(intensity, ridge),
  };
}

/**
 * The intensity range a roofline chart should span to show every given intensity and
 * ridge point with a decade of margin: powers of ten around the min and max.
 * @example rooflineSpan([1, 153]) //=> [0.1, 10000]
 */
export function rooflineSpan(intensities: readonly number[]): [number, number] {
  const positive = intensities.filter((v) => Number.isFinite(v) && v > 0);
  if (positive.length === 0) return [0.1, 10000];
  const lo = 10 ** (Math.floor(Math.log10(Math.min(...positive))) - 1);
  const hi = 10 ** (Math.ceil(Math.log10(Math.max(...positive))) + 1);
  return [lo, hi];
}

/**
 * The roofline as the three points that draw it exactly on log-log axes: the memory
 * slope from `from`, the ridge, and the flat roof to `to` (the ridge is clamped into the span).
 * @example rooflinePoints({ peak: 312e12, bandwidth: 2.039e12, from: 0.1, to: 10000 }) // [{x: 0.1, y: 2.039e11}, {x: 153.0…, y: 3.12e14}, {x: 10000, y: 3.12e14}]
 */
export function rooflinePoints(p: { peak: number; bandwidth: number; from: number; to: number }): { x: number; y: number }[] {
  if (!(p.from > 0 && p.to > p.from)) throw new InputError('span', 'the intensity span must be positive and increasing');
  const ridge = Math.min(Math.max(ridgePointFlopsPerByte({ peakFlopsPerSecond: p.peak, bandwidth: p.bandwidth }), p.from), p.to);
  const at = (x: number) => ({ x, y: attainableFlopsPerSecond({ intensity: x, peak: p.peak, bandwidth: p.bandwidth }) });
  return [at(p.from), at(ridge), at(p.to)];
}
