import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getGpu } from '../../src/core/gpu/gpu';
import { tensorCoreCount, tensorCoreCountFormula, tensorCoreFlopsPerClock, tensorCoreFlopsPerClockFormula } from '../../src/core/gpu/tensorCore';
import { peakDeviationFormula, relativeDifference } from '../../src/core/gpu/peakDeviation';
import {
  attainableFlopsFormula,
  attainableFlopsPerSecond,
  matmulOnGpu,
  practicalPeakFlops,
  practicalPeakFormula,
  rooflinePoints,
  rooflineSpan,
} from '../../src/core/gpu/roofline';
import { tileEfficiencyFormula, tileWaves } from '../../src/core/gpu/tiles';
import { InputError } from '../../src/core/units';

describe('tensor cores', () => {
  it('tensorCoreFlopsPerClock(8×4×8 tile) = 512 FLOPs per clock', () => {
    // 8·4·8 = 256 multiply-accumulates, 2 FLOPs each
    expect(tensorCoreFlopsPerClock({ m: 8, k: 4, n: 8 })).toBe(512);
    expect(tensorCoreFlopsPerClockFormula.derive({ m: 8, k: 4, n: 8 }).formatted).toBe('512 FLOPs');
  });

  it('tensorCoreCount(4 per SM, 108 SMs) = 432 tensor cores (A800)', () => {
    expect(tensorCoreCount({ perSm: 4, sms: 108 })).toBe(432);
    expect(tensorCoreCountFormula.derive({ t: 4, n: 108 }).formatted).toBe('432');
  });
});

describe('derived peak against the datasheet', () => {
  it('relativeDifference(311.86944 T, 312 T) = −0.0418% (A800 rounds up)', () => {
    // (311.86944 − 312) / 312 = −0.13056 / 312 = −0.000418462
    expect(relativeDifference(311.86944e12, 312e12)).toBeCloseTo(-0.000418462, 9);
    expect(peakDeviationFormula.derive({ D: 311.86944e12, P: 312e12 }).formatted).toBe('-0.0418%');
  });

  it('relativeDifference(80 GiB, 80 GB) = 7.3741824%', () => {
    // 80·2^30 = 85,899,345,920; 85,899,345,920 / 80,000,000,000 − 1 = 0.073741824
    expect(relativeDifference(80 * 2 ** 30, 80e9)).toBeCloseTo(0.073741824, 12);
  });

  it('relativeDifference(x, 0) throws InputError instead of returning Infinity', () => {
    expect(() => relativeDifference(1, 0)).toThrow(InputError);
  });
});

describe('roofline', () => {
  it('attainableFlopsPerSecond(I = 1 FLOP/B, A800) = 2.039 TFLOP/s: memory-bound', () => {
    // min(312e12, 1·2.039e12)
    expect(attainableFlopsPerSecond({ intensity: 1, peak: 312e12, bandwidth: 2.039e12 })).toBe(2.039e12);
    expect(attainableFlopsFormula.derive({ I: 1, P: 312e12, W: 2.039e12 }).formatted).toBe('2.04 TFLOP/s');
  });

  it('attainableFlopsPerSecond(I = 1365 FLOP/B, A800) = 312 TFLOP/s: compute-bound', () => {
    // 1365·2.039e12 = 2.78e15 > 312e12
    expect(attainableFlopsPerSecond({ intensity: 1365, peak: 312e12, bandwidth: 2.039e12 })).toBe(312e12);
  });

  it('practicalPeakFlops(312 T, 0.8) = 249.6 TFLOP/s', () => {
    // 0.8·312 = 249.6
    expect(practicalPeakFlops({ peak: 312e12, utilization: 0.8 })).toBeCloseTo(249.6e12, -6);
    expect(practicalPeakFormula.derive({ u: 0.8, P: 312e12 }).formatted).toBe('250 TFLOP/s');
  });

  it('matmulOnGpu(a800, bf16, [1,4096]@[4096,4096]) attains 2.038 TFLOP/s, 0.653% of peak', () => {
    const r = matmulOnGpu(getGpu('a800-sxm-80gb'), 'bf16', { M: 1, K: 4096, N: 4096 });
    expect(r.available).toBe(true);
    if (!r.available) return;
    // I = 33,554,432 / 33,570,816 = 0.99951196 FLOP/B; ·2.039e12 = 2.0380049e12; /312e12 = 0.00653207
    expect(r.intensity).toBeCloseTo(0.99951196, 8);
    expect(r.attainable / 1e12).toBeCloseTo(2.0380049, 7);
    expect(r.fractionOfPeak).toBeCloseTo(0.00653207, 8);
    expect(r.bound).toBe('memory');
    // 312e12 / 2.039e12 = 153.016
    expect(r.ridge).toBeCloseTo(153.016, 3);
    // Q/W = 33,570,816 / 2.039e12 = 16.464 µs
    expect(r.seconds * 1e6).toBeCloseTo(16.4644, 4);
  });

  it('matmulOnGpu(h100-sxm, fp8, [4096,4096]@[4096,4096]) is compute-bound at 1,978.9 TFLOP/s', () => {
    const r = matmulOnGpu(getGpu('h100-sxm'), 'fp8', { M: 4096, K: 4096, N: 4096 });
    if (!r.available) throw new Error('expected an fp8 peak');
    // I = 2·4096³ / (3·4096²·1) = 2730.67 FLOP/B > ridge 1978.9e12 / 3.35e12 = 590.7
    expect(r.intensity).toBeCloseTo(2730.667, 3);
    expect(r.ridge).toBeCloseTo(590.716, 3);
    expect(r.bound).toBe('compute');
    expect(r.attainable).toBe(1978.9e12);
  });

  it('matmulOnGpu(a100, fp8) is unavailable: Ampere has no fp8 tensor path', () => {
    const r = matmulOnGpu(getGpu('a100-sxm-80gb'), 'fp8', { M: 1, K: 1, N: 1 });
    expect(r.available).toBe(false);
    if (!r.available) expect(r.reason).toContain('fp8');
  });

  it('rooflineSpan([1, 153]) = [0.1, 10000] FLOP/B', () => {
    expect(rooflineSpan([1, 153])).toEqual([0.1, 10000]);
    expect(rooflineSpan([])).toEqual([0.1, 10000]);
  });

  it('rooflinePoints(A800, 0.1..10,000) = memory slope, ridge at 153.0 FLOP/B, flat roof', () => {
    const pts = rooflinePoints({ peak: 312e12, bandwidth: 2.039e12, from: 0.1, to: 10000 });
    expect(pts).toHaveLength(3);
    // 0.1·2.039e12 = 2.039e11
    expect(pts[0]!.y).toBeCloseTo(2.039e11, -3);
    expect(pts[1]!.x).toBeCloseTo(153.016, 3);
    expect(pts[1]!.y).toBe(312e12);
    expect(pts[2]).toEqual({ x: 10000, y: 312e12 });
    expect(() => rooflinePoints({ peak: 1, bandwidth: 1, from: 10, to: 1 })).toThrow(InputError);
  });
});

describe('tile and wave quantization', () => {
  it('tileWaves(4096×4096, 128×128 tiles, 108 SMs) = 1,024 tiles in 10 waves, η = 94.8%', () => {
    // 32·32 = 1,024 tiles; ⌈1024/108⌉ = 10 waves = 1,080 slots; 1,024/1,080 = 0.948148
    const w = tileWaves({ M: 4096, N: 4096, Mt: 128, Nt: 128, units: 108 });
    expect(w).toMatchObject({ tiles: 1024, waves: 10, slots: 1080 });
    expect(w.efficiency).toBeCloseTo(0.948148, 6);
    expect(tileEfficiencyFormula.derive({ M: 4096, N: 4096, Mt: 128, Nt: 128, n: 108 }).formatted).toBe('94.8%');
  });

  it('tileWaves(8×4096, decode-sized) uses 1.85% of the tensor-core time', () => {
    // 1·32 = 32 tiles, 1 wave of 108 slots; 8·4096 / (108·128·128) = 32,768 / 1,769,472 = 0.0185185
    expect(tileWaves({ M: 8, N: 4096, Mt: 128, Nt: 128, units: 108 }).efficiency).toBeCloseTo(0.0185185, 7);
  });

  it('tileWaves(4097×4096): one ragged row adds 32 tiles but no wave, η = 94.84%', () => {
    // 33·32 = 1,056 tiles, ⌈1056/108⌉ = 10 waves; 4097·4096 / (1080·16384) = 16,781,312 / 17,694,720 = 0.948380
    const w = tileWaves({ M: 4097, N: 4096, Mt: 128, Nt: 128, units: 108 });
    expect(w.tiles).toBe(1056);
    expect(w.efficiency).toBeCloseTo(0.94838, 5);
  });

  it('tileWaves(M = 0) throws InputError naming M', () => {
    expect(() => tileWaves({ M: 0, N: 1, Mt: 1, Nt: 1, units: 1 })).toThrow(InputError);
  });

  it('η is in (0, 1] for any shape, tile and SM count', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20000 }),
        fc.integer({ min: 1, max: 20000 }),
        fc.integer({ min: 1, max: 256 }),
        fc.integer({ min: 1, max: 256 }),
        fc.integer({ min: 1, max: 200 }),
        (M, N, Mt, Nt, units) => {
          const e = tileWaves({ M, N, Mt, Nt, units }).efficiency;
          return e > 0 && e <= 1;
        },
      ),
    );
  });
});
