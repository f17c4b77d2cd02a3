/**
 * Data for the roofline figure (chapter 2): one GPU's roofline on log-log axes, its ridge
 * point, and two matrix products placed on it, a decode-like GEMV and a prefill-like GEMM.
 * Peak, bandwidth, ridge, intensities and attainable rates come from the core (getGpu,
 * gpuPeakFlopsPerSecond, matmulOnGpu, rooflinePoints, rooflineSpan); this module only words them.
 */
import { getGpu, gpuPeakFlopsPerSecond, type GpuDtype } from '../../core/gpu/gpu';
import { matmulOnGpu, rooflinePoints, rooflineSpan, type MatmulOnGpu } from '../../core/gpu/roofline';
import type { Lang } from '../../core/i18n/translate';
import { formatInteger, formatQuantity, formatSI } from '../../core/units';
import { figureText, N_, sentences } from './text';

export interface RooflineKernel {
  key: 'decode' | 'prefill';
  name: string;
  shape: { M: number; K: number; N: number };
  /** "[1, 8,192]@[8,192, 8,192]" */
  shapeText: string;
  intensity: number;
  attainable: number;
  bound: MatmulOnGpu['bound'];
}

export interface RooflineFigure {
  gpu: string;
  dtype: GpuDtype;
  peak: number;
  bandwidth: number;
  ridge: number;
  /** The roofline's three corners: the slope's start, the ridge, the roof's end. */
  line: { x: number; y: number }[];
  span: [number, number];
  kernels: RooflineKernel[];
  description: string;
}

export const DEFAULT_KERNELS: readonly Pick<RooflineKernel, 'key' | 'name' | 'shape'>[] = [
  { key: 'decode', name: N_('decode GEMV'), shape: { M: 1, K: 8192, N: 8192 } },
  { key: 'prefill', name: N_('prefill GEMM'), shape: { M: 4096, K: 8192, N: 8192 } },
];

/**
 * `gpuId`'s roofline in `dtype` with the kernels placed on it, worded in `lang`.
 * @example rooflineFigure('a800-sxm-80gb').kernels.map((k) => k.intensity) //=> [0.99976…, 2048]
 */
export function rooflineFigure(
  gpuId = 'a800-sxm-80gb',
  dtype: GpuDtype = 'bf16',
  kernels: readonly Pick<RooflineKernel, 'key' | 'name' | 'shape'>[] = DEFAULT_KERNELS,
  lang: Lang = 'en',
): RooflineFigure {
  const say = figureText(lang);
  const gpu = getGpu(gpuId);
  const peak = gpuPeakFlopsPerSecond(gpu, dtype);
  const placed = kernels.map((k): RooflineKernel => {
    const m = matmulOnGpu(gpu, dtype, k.shape);
    if (!m.available) throw new Error(m.reason);
    return {
      ...k,
      name: say(k.name),
      shapeText: `[${formatInteger(k.shape.M)}, ${formatInteger(k.shape.K)}]@[${formatInteger(k.shape.K)}, ${formatInteger(k.shape.N)}]`,
      intensity: m.intensity,
      attainable: m.attainable,
      bound: m.bound,
    };
  });
  const first = matmulOnGpu(gpu, dtype, kernels[0]!.shape);
  if (!first.available) throw new Error(first.reason);
  const bandwidth = first.bandwidth;
  const ridge = first.ridge;
  const span = rooflineSpan([...placed.map((k) => k.intensity), ridge]);
  const line = rooflinePoints({ peak, bandwidth, from: span[0], to: span[1] });
  const kernelSentence = (k: RooflineKernel) =>
    say(
      k.bound === 'memory'
        ? N_('The {} {} has an intensity of {} and can reach {}: memory-bound')
        : N_('The {} {} has an intensity of {} and can reach {}: compute-bound'),
      k.name,
      k.shapeText,
      formatQuantity(k.intensity, 'FLOP/B'),
      formatSI(k.attainable, 'FLOP/s'),
    );
  const description = say(
    'Roofline of the {} in {}: attainable FLOP/s against arithmetic intensity, both on log scales. Below the ridge point at {} the rate is the memory bandwidth, {}, times the intensity; above it, the peak of {}. {}.',
    gpu.name,
    dtype,
    formatQuantity(ridge, 'FLOP/B'),
    formatSI(bandwidth, 'B/s'),
    formatSI(peak, 'FLOP/s'),
    sentences(lang, placed.map(kernelSentence)),
  );
  return { gpu: gpu.name, dtype, peak, bandwidth, ridge, line, span, kernels: placed, description };
}
