/**
 * How far a peak derived from SMs × tensor cores × FLOPs per clock × clock lands from the
 * datasheet figure. For A800 the derivation gives 311.87 TFLOP/s against a printed 312, a
 * rounding; for H100 PCIe the clock itself is back-computed, so a zero gap proves nothing;
 * for H20 no clock reproduces the datasheet because the tensor rate is capped in firmware.
 */
import { defineFormula } from '../formula';
import { InputError } from '../units';

/**
 * (a − b) / b: how much larger `a` is than the reference `b`, as a fraction.
 * Throws InputError('reference') when b is not a positive finite number.
 * @example relativeDifference(311.86944e12, 312e12) //=> -0.000418461…
 * @example relativeDifference(80 * 2 ** 30, 80e9) //=> 0.073741824
 */
export function relativeDifference(a: number, b: number): number {
  if (!(Number.isFinite(b) && b > 0)) throw new InputError('reference', 'the reference value must be a number greater than 0');
  if (!Number.isFinite(a)) throw new InputError('value', 'the value must be a finite number');
  return (a - b) / b;
}

export const peakDeviationFormula = defineFormula({
  id: 'gpu.peakDeviation',
  anchor: 'peak-vs-datasheet',
  page: 'gpu-peak',
  title: 'Derived peak against the datasheet',
  description: 'The relative gap between the peak built from the hardware and the figure the vendor prints (dense, no sparsity).',
  lhs: '\\Delta_{\\text{peak}}',
  unit: 'ratio',
  symbols: { D: 'P_{\\text{derived}}', P: 'P_{\\text{sheet}}' },
  labels: { D: 'Derived peak (FLOP/s)', P: 'Datasheet peak (FLOP/s)' },
  domains: { D: 'positive', P: 'positive' },
  tex: (v) => String.raw`\frac{${v.D} - ${v.P}}{${v.P}}`,
  compute: ({ D, P }) => relativeDifference(D, P),
  // A800 bf16: 512·4·108·1.41 GHz = 311.86944 TFLOP/s against the printed 312.
  example: { D: 311.86944e12, P: 312e12 },
  notes: ['A gap of a fraction of a percent is the datasheet rounding; a large one means a part of the derivation is not what the chip does.'],
});

export const peakDeviationFormulas = [peakDeviationFormula];
