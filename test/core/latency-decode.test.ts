import { describe, expect, it } from 'vitest';
import { decodeCriticalBatch, decodeCriticalBatchFormula, decodeCriticalBatchSize, decodeThroughputFormula } from '../../src/core/latency/decode';
import { getGpu } from '../../src/core/gpu/gpu';
import { getPreset } from '../../src/core/model/presets';
import { servingScenario } from '../../src/core/scenario/serving';
import { criticalBatch, servingSweep } from '../../src/core/scenario/servingSteps';

describe('decodeCriticalBatch', () => {
  it('decodeCriticalBatch(16-bit weights, f = 2N, A800 at 100%) = the ridge point, 312e12 / 2.039e12 = 153.02', () => {
    const b = decodeCriticalBatch({
      weightsBytes: 137_953_296_384,
      flopsPerSequence: 137_953_296_384,
      peak: 312e12,
      bandwidth: 2.039e12,
      computeEfficiency: 1,
      memoryEfficiency: 1,
    });
    expect(b).toBeCloseTo(153.016184, 5);
  });
  it('decodeCriticalBatchFormula at the calibrated shares (0.8 of peak, 0.9 of bandwidth) = 153.02·0.8/0.9 = 136.01', () => {
    expect(decodeCriticalBatchFormula.derive(decodeCriticalBatchFormula.example).value).toBeCloseTo(136.014386, 5);
  });
  it('criticalBatch(Llama 2 70B on 8×A800, fp16): about 136 (f is the matmul FLOPs per token, a little under 2N)', () => {
    const r = servingScenario({ model: getPreset('llama-2-70b').spec, gpu: getGpu('a800-sxm-80gb'), gpus: 8, batch: 16, inputTokens: 4000, outputTokens: 200 });
    const b = criticalBatch(r);
    expect(b).toBeGreaterThan(136);
    expect(b).toBeLessThan(138);
  });
  it('decodeCriticalBatchSize(Llama 2 70B fp16 on A800, calibrated) = 137 sequences, the first whole batch past B*', () => {
    // Q_w = 2·68,976,648,192 = 137,953,296,384 B; f = 2·(N − V·H of the lookup − norms) = 2·(68,976,648,192 − 262,144,000 − 1,318,912)
    //   = 137,426,370,560 FLOPs (the weight matmuls of one token, the LM head included);
    // B* = 137,953,296,384·312e12·0.8 / (137,426,370,560·2.039e12·0.9) = 136.54 → 137.
    expect(decodeCriticalBatchSize({ Qw: 137_953_296_384, P: 312e12, ec: 0.8, f: 137_426_370_560, W: 2.039e12, em: 0.9 })).toBe(137);
    // Exactly on an integer: 16-bit weights with f = Q_w and a ridge of 150 FLOP/B give B* = 150, not 151.
    expect(decodeCriticalBatchSize({ Qw: 1e9, P: 300e12, ec: 1, f: 1e9, W: 2e12, em: 1 })).toBe(150);
    // A tiny B* still needs one sequence.
    expect(decodeCriticalBatchSize({ Qw: 1, P: 1, ec: 1, f: 1e6, W: 1, em: 1 })).toBe(1);
  });
  it('decodeThroughput(16 sequences at 40 ms) = 400 tokens/s', () => {
    expect(decodeThroughputFormula.derive({ B: 16, T: 0.04 }).value).toBeCloseTo(400, 12);
  });
});

describe('servingSweep', () => {
  const input = { model: getPreset('llama-2-70b').spec, gpu: getGpu('a800-sxm-80gb'), gpus: 8, batch: 1, inputTokens: 4000, outputTokens: 256 };
  const sweep = servingSweep(input);
  it('visits 1, 2, 4 … 512 and marks where the KV caches stop fitting (472,216,882,176 B free / 1,394,606,080 B per 4,256-token request = 338 fit)', () => {
    expect(sweep.map((p) => p.batch)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256, 512]);
    expect(sweep.map((p) => p.fits)).toEqual([true, true, true, true, true, true, true, true, true, false]);
  });
  it('decode throughput grows with the batch while every step reads the weights once', () => {
    for (let i = 1; i < sweep.length; i += 1) expect(sweep[i]!.decodeTokensPerSecond).toBeGreaterThan(sweep[i - 1]!.decodeTokensPerSecond);
  });
});
