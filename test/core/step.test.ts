import { describe, expect, it } from 'vitest';
import { IDEAL_CALIBRATION, CALIBRATION } from '../../src/core/latency/calibration';
import {
  continuousBatching,
  segmentsOf,
  stepTime,
  sumAffine,
  sumPiecewiseAffine,
  sumStepSeconds,
  tensorParallelStepCommSeconds,
  type StepCost,
  type StepHardware,
} from '../../src/core/latency/step';

// 8×A800: 312 TFLOP/s, 2.039 TB/s, 200 GB/s per direction.
const A800X8: StepHardware = {
  gpus: 8,
  matmulPeak: 312e12,
  matmulEfficiency: 1,
  attentionPeak: 312e12,
  memoryBandwidth: 2.039e12,
  linkBandwidth: 200e9,
  allReduceLatency: 0,
  layers: 80,
  hidden: 8192,
  activationBytesPerElement: 2,
};
const ZERO: StepCost = { matmulFlops: 0, attentionFlops: 0, weightBytes: 0, activationBytes: 0, elementwiseBytes: 0, kvBytes: 0, tokens: 1 };

describe('sums in closed form', () => {
  it('sumAffine(2c + 1, 1 … 4) = 3 + 5 + 7 + 9 = 24', () => {
    expect(sumAffine((c) => 2 * c + 1, 1, 4)).toBe(24);
  });
  it('segmentsOf(1, 10, [4]) = [[1, 4], [5, 10]]; a breakpoint outside is ignored', () => {
    expect(segmentsOf(1, 10, [4])).toEqual([
      [1, 4],
      [5, 10],
    ]);
    expect(segmentsOf(1, 10, [20])).toEqual([[1, 10]]);
  });
  it('sumPiecewiseAffine(min(c, 4), 1 … 10) = 1 + 2 + 3 + 4 + 6·4 = 34', () => {
    expect(sumPiecewiseAffine((c) => Math.min(c, 4), 1, 10, [4])).toBe(34);
  });
});

describe('stepTime', () => {
  it('9.5e15 matmul FLOPs on 8×A800 at 100%: 9.5e15 / (8·312e12) = 3.80609 s, compute-bound', () => {
    const t = stepTime({ ...ZERO, matmulFlops: 9.5e15, weightBytes: 1.38e11, tokens: 1 }, { ...A800X8, gpus: 8 }, IDEAL_CALIBRATION);
    expect(t.matmulSeconds).toBeCloseTo(3.806089743589744, 12);
    expect(t.regime).toBe('compute-bound');
  });
  it('decode of 138 GB of weights on 8×A800 at 100%: 1.38e11 / (8·2.039e12) = 8.46 ms, memory-bound', () => {
    const t = stepTime({ ...ZERO, matmulFlops: 2.8e11, weightBytes: 1.38e11, tokens: 16 }, A800X8, IDEAL_CALIBRATION);
    expect(t.matmulSeconds).toBeCloseTo(0.00846002943, 10);
    expect(t.regime).toBe('memory-bound');
  });
  it('the kernel classes add: matmuls, then attention against the KV cache, then the elementwise traffic', () => {
    const t = stepTime({ ...ZERO, weightBytes: 16.312e9, kvBytes: 16.312e9, elementwiseBytes: 16.312e9, tokens: 1 }, { ...A800X8, gpus: 1 }, IDEAL_CALIBRATION);
    // each 16.312e9 B / 2.039e12 B/s = 8 ms
    expect(t.matmulSeconds).toBeCloseTo(0.008, 12);
    expect(t.attentionSeconds).toBeCloseTo(0.008, 12);
    expect(t.elementwiseSeconds).toBeCloseTo(0.008, 12);
    expect(t.seconds).toBeCloseTo(0.024, 12);
  });
  it('tensorParallelStepCommSeconds(64,000 tokens, 80 layers, 8192 wide, 8×A800 at 200 GB/s) = 2·80·(7/4)·64000·8192·2/200e9 = 1.4680064 s', () => {
    expect(tensorParallelStepCommSeconds(64000, A800X8, IDEAL_CALIBRATION)).toBeCloseTo(1.4680064, 9);
  });
  it('α is paid twice per layer: 2·80·10 µs = 1.6 ms for a one-token step (the bytes add 0.0229 ms)', () => {
    const t = tensorParallelStepCommSeconds(1, { ...A800X8, allReduceLatency: 10e-6 }, IDEAL_CALIBRATION);
    // 1.6e-3 + 2·80·1.75·16384/200e9 = 1.6e-3 + 2.2938e-5
    expect(t).toBeCloseTo(0.0016229376, 10);
  });
  it('the fixed costs are t_step + L·t_layer: 3.2 ms + 80·34 µs = 5.92 ms under the shipped calibration', () => {
    expect(stepTime(ZERO, { ...A800X8, gpus: 1 }, CALIBRATION).overheadSeconds).toBeCloseTo(0.00592, 12);
  });
});

describe('sumStepSeconds agrees with a step-by-step sum', () => {
  // A step whose attention turns from memory- to compute-bound and whose KV read is capped by a 96-token window.
  const costAt = (c: number): StepCost => ({
    ...ZERO,
    matmulFlops: 2e12,
    attentionFlops: 1e9 * Math.min(c, 96),
    weightBytes: 1e9,
    kvBytes: 2e6 * Math.min(c, 96) + 5e7,
    tokens: 4,
  });
  const hw = { ...A800X8, gpus: 1 };
  it.each([
    [1, 200],
    [50, 60],
    [90, 100],
    [97, 97],
  ])('contexts %i … %i', (from, to) => {
    let loop = 0;
    for (let c = from; c <= to; c += 1) loop += stepTime(costAt(c), hw, CALIBRATION).seconds;
    expect(sumStepSeconds(costAt, from, to, [96], hw, CALIBRATION)).toBeCloseTo(loop, 12);
  });
});

describe('continuousBatching', () => {
  it('one user: the request is a lone prefill then O − 1 decode steps; ITL is the decode step', () => {
    const r = continuousBatching({
      concurrency: 1,
      maxConcurrency: 10,
      outputTokens: 101,
      prefillSeconds: 0.4,
      prefillMarginalSeconds: 0.3,
      decodeStepSeconds: () => 0.02,
    });
    // a = 0.4 + 100·0.02 = 2.4, u = 0.3: R = (2.7 + √(2.1² + 0.18))/2 = (2.7 + 2.142428)/2 = 2.421214
    expect(r.requestSeconds).toBeCloseTo(2.421214, 5);
    // λ = 1/R, ρ = 0.3/R = 0.123905, W = ρ/(2(1 − ρ))·0.3 = 0.021214
    expect(r.ttftSeconds).toBeCloseTo(0.421214, 5);
    expect(r.itlSeconds).toBeCloseTo(0.02, 9);
    expect(r.outputTokensPerSecond).toBeCloseTo(101 / 2.421214, 3);
  });
  it('past the memory limit the extra users wait: 20 users, 10 fit', () => {
    const r = continuousBatching({
      concurrency: 20,
      maxConcurrency: 10,
      outputTokens: 11,
      prefillSeconds: 0.1,
      prefillMarginalSeconds: 0.1,
      decodeStepSeconds: (b) => 0.01 * b,
    });
    expect(r.effectiveConcurrency).toBe(10);
    // a = 0.1 + 10·0.1 + 9·0.1 = 2.0, u = 1.0: R = (3 + √(1 + 0.2))/2 = 2.047723; λ = 10/R = 4.88347
    // queue = 10/λ = 2.047723
    expect(r.memoryQueueSeconds).toBeCloseTo(2.047723, 5);
  });
});
