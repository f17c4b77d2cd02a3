/**
 * Decode under batching: the batch at which a decode step's weight matmuls cross from
 * memory-bound to compute-bound, and the tokens per second a step delivers.
 *
 * One decode step of B sequences does B·f FLOPs of weight matmuls (f ≈ 2N per token)
 * against Q_w bytes of weights read once for the whole batch. The matmuls are
 * compute-bound once B·f/(P·η_c) ≥ Q_w/(W·η_m), i.e. for
 *
 *   B ≥ B* = Q_w·P·η_c / (f·W·η_m)
 *
 * Attention is its own kernel and never crosses: each sequence brings its own KV cache,
 * whose FLOPs per byte are fixed by the model (about h/h_kv for a 16-bit cache), so
 * batching amortises the weights and nothing else. G tensor-parallel GPUs scale both
 * sides alike, so B* does not depend on G.
 * @see Pope et al., "Efficiently Scaling Transformer Inference" (2022), §2
 */
import { defineFormula } from '../formula';
import { CALIBRATION } from './calibration';

/**
 * The batch at which a decode step's weight matmuls become compute-bound.
 * @example decodeCriticalBatch({ weightsBytes: 137953296384, flopsPerSequence: 137953296384, peak: 312e12, bandwidth: 2.039e12, computeEfficiency: 1, memoryEfficiency: 1 }) //=> 153.016…
 */
export function decodeCriticalBatch(p: {
  weightsBytes: number;
  flopsPerSequence: number;
  peak: number;
  bandwidth: number;
  computeEfficiency: number;
  memoryEfficiency: number;
}): number {
  return (p.weightsBytes * p.peak * p.computeEfficiency) / (p.flopsPerSequence * p.bandwidth * p.memoryEfficiency);
}

/**
 * The smallest whole batch from which a decode step's weight matmuls are compute-bound:
 * ⌈B*⌉, at least 1. Takes the inputs of the B* formula as `criticalBatchInput` returns them.
 * @example decodeCriticalBatchSize({ Qw: 137953296384, P: 312e12, ec: 0.8, f: 137429008384, W: 2.039e12, em: 0.9 }) //=> 137
 */
export function decodeCriticalBatchSize(p: { Qw: number; P: number; ec: number; f: number; W: number; em: number }): number {
  const b = decodeCriticalBatch({ weightsBytes: p.Qw, flopsPerSequence: p.f, peak: p.P, bandwidth: p.W, computeEfficiency: p.ec, memoryEfficiency: p.em });
  return Math.max(1, Math.ceil(b));
}

export const decodeCriticalBatchFormula = defineFormula({
  id: 'latency.decodeCriticalBatch',
  anchor: 'decode-critical-batch',
  page: 'mfu-and-latency',
  title: 'Batch at which decode becomes compute-bound',
  description:
    'Each sequence in a decode step brings f FLOPs of weight matmuls; the weights are read once for all. Past B* the matmuls’ FLOPs take longer than reading the weights.',
  lhs: 'B^{*}',
  unit: 'count',
  symbols: { Qw: 'Q_w', P: 'P_{\\text{peak}}', ec: '\\eta_c', f: 'f', W: 'W_{\\text{mem}}', em: '\\eta_m' },
  labels: {
    Qw: 'Weight bytes',
    P: 'Peak FLOP/s per GPU',
    ec: 'Share of the peak reached',
    f: 'Matmul FLOPs per sequence per step (about 2N)',
    W: 'Memory bandwidth per GPU (B/s)',
    em: 'Share of the bandwidth reached',
  },
  domains: { Qw: 'positive', P: 'positive', ec: 'fraction', f: 'positive', W: 'positive', em: 'fraction' },
  tex: (v) => String.raw`\frac{${v.Qw} \cdot ${v.P} \cdot ${v.ec}}{${v.f} \cdot ${v.W} \cdot ${v.em}}`,
  compute: (v) =>
    decodeCriticalBatch({ weightsBytes: v.Qw, flopsPerSequence: v.f, peak: v.P, bandwidth: v.W, computeEfficiency: v.ec, memoryEfficiency: v.em }),
  // Llama 2 70B in fp16 on A800: Q_w = 2N bytes, f = 2N FLOPs, so B* = P·η_c/(W·η_m), the ridge point scaled.
  example: { Qw: 137_953_296_384, P: 312e12, ec: CALIBRATION.computeEfficiency, f: 137_953_296_384, W: 2.039e12, em: CALIBRATION.memoryEfficiency },
  approximate: true,
  notes: [
    'With 16-bit weights Q_w ≈ 2N bytes and f ≈ 2N FLOPs, so B* is the GPU’s ridge point in FLOP/B times η_c/η_m: about 136 on an A800. fp8 weights halve Q_w and double P: four times that.',
    'Attention is not helped: every sequence reads its own KV cache, so a long-context decode step stays memory-bound in its attention at any batch.',
  ],
});

export const decodeThroughputFormula = defineFormula({
  id: 'latency.decodeThroughput',
  anchor: 'decode-throughput',
  page: 'mfu-and-latency',
  title: 'Decode throughput',
  description: 'Every decode step emits one token for each of the B sequences in the batch.',
  lhs: 'X_{\\text{decode}}',
  unit: 'tokens/s',
  symbols: { B: 'B', T: 'T_{\\text{TPOT}}' },
  labels: { B: 'Batch B (sequences decoding together)', T: 'Time per output token (s)' },
  domains: { B: 'positiveInt', T: 'positive' },
  tex: (v) => String.raw`\frac{${v.B}}{${v.T}}`,
  compute: ({ B, T }) => B / T,
  // 16 sequences at 40 ms per step.
  example: { B: 16, T: 0.04 },
});

export const decodeFormulas = [decodeCriticalBatchFormula, decodeThroughputFormula];
