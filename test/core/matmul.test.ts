import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  batchedMatmulBytesFormula,
  batchedMatmulFlopsFormula,
  boundBy,
  matmulBytes,
  matmulFlops,
  matmulFlopsFormula,
  matmulIntensity,
  matmulRidgeRows,
  ridgePointFormula,
  rooflineSeconds,
} from '../../src/core/matmul/matmul';
import { InputError } from '../../src/core/units';

describe('matmul cost', () => {
  it('matmulFlops([4096,4096]@[4096,4096]) = 137,438,953,472 FLOPs', () => {
    // 2·4096³ = 2·68,719,476,736
    expect(matmulFlops({ A: 1, M: 4096, K: 4096, N: 4096 })).toBe(137_438_953_472);
  });

  it('matmulBytes([4096,4096]@[4096,4096], bf16) = 100,663,296 B', () => {
    // 3·4096²·2 = 3·16,777,216·2
    expect(matmulBytes({ A: 1, M: 4096, K: 4096, N: 4096, s: 2 })).toBe(100_663_296);
  });

  it('matmulFlops([8,2048,4096]@[4096,4096]) = 549,755,813,888 FLOPs', () => {
    // 2·8·2048·4096·4096 = 16·2^35 = 2^39
    expect(matmulFlops({ A: 8, M: 2048, K: 4096, N: 4096 })).toBe(549_755_813_888);
  });

  it('matmulBytes([8,2048,4096]@[4096,4096], bf16) = 301,989,888 B: the weight is read once', () => {
    // (8·2048·4096 + 4096·4096 + 8·2048·4096)·2 = (67,108,864 + 16,777,216 + 67,108,864)·2
    expect(matmulBytes({ A: 8, M: 2048, K: 4096, N: 4096, s: 2 })).toBe(301_989_888);
  });

  it('matmulIntensity([1,4096]@[4096,4096], bf16) = 0.9995 FLOP/B: a decode step is memory-bound', () => {
    // 33,554,432 / ((4096 + 16,777,216 + 4096)·2) = 33,554,432 / 33,570,816
    expect(matmulIntensity({ A: 1, M: 1, K: 4096, N: 4096, s: 2 })).toBeCloseTo(0.999512, 6);
  });

  it('ridge point of an A800 = 153.0 FLOP/B', () => {
    // 312e12 / 2.039e12 = 153.016…
    expect(ridgePointFormula.derive({ P: 312e12, W: 2.039e12 }).value).toBeCloseTo(153.016, 3);
    expect(boundBy(0.9995, 153)).toBe('memory');
    expect(boundBy(1365, 153)).toBe('compute');
  });

  it('rooflineSeconds takes the slower of compute and memory', () => {
    expect(rooflineSeconds({ flops: 312e12, bytes: 1, peakFlopsPerSecond: 312e12, bandwidth: 2e12 })).toBe(1);
    expect(rooflineSeconds({ flops: 1, bytes: 4e12, peakFlopsPerSecond: 312e12, bandwidth: 2e12 })).toBe(2);
    expect(() => rooflineSeconds({ flops: 1, bytes: 1, peakFlopsPerSecond: 0, bandwidth: 1 })).toThrow(InputError);
  });

  it('the derivation shows symbols, the substituted numbers and the result', () => {
    const d = matmulFlopsFormula.derive({ M: 4096, K: 4096, N: 4096 });
    expect(d.symbolic).toBe('F = 2 \\cdot M \\cdot K \\cdot N');
    expect(d.substituted).toBe('F = 2 \\cdot 4{,}096 \\cdot 4{,}096 \\cdot 4{,}096 = \\text{137 GFLOPs}');
    expect(d.formatted).toBe('137 GFLOPs');
    expect(d.exact).toBe('137,438,953,472');
  });

  it('derive rejects a bad dimension with an InputError naming it', () => {
    expect(() => batchedMatmulFlopsFormula.derive({ A: 1, M: 0, K: 2, N: 2 })).toThrow(/Rows M must be a whole number of at least 1/);
    try {
      batchedMatmulBytesFormula.derive({ A: 1, M: 2, K: 2.5, N: 2, s: 2 });
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).field).toBe('K');
    }
  });

  it('matmulRidgeRows([M,4096]@[4096,4096], bf16, A800 ridge) = 166 rows', () => {
    // I* = 312e12 / 2.039e12 = 153.0162; M ≥ I*·s·K·N / (2KN − I*·s·(K+N))
    //    = 153.0162·2·16,777,216 / (33,554,432 − 153.0162·2·8,192) = 5.13437e9 / 3.10474e7 = 165.37 → 166.
    // Check: M = 165 gives 2·165·4096² / ((165·4096 + 4096² + 165·4096)·2) = 152.70 < I*; M = 166 gives 153.55 ≥ I*.
    expect(matmulRidgeRows({ K: 4096, N: 4096, s: 2, ridge: 312e12 / 2.039e12 })).toBe(166);
  });

  it('matmulRidgeRows([M,4096]@[4096,11008], bf16, A800 ridge) = 162 rows: a wider weight crosses sooner', () => {
    // 153.0162·2·4096·11,008 / (2·4096·11,008 − 153.0162·2·15,104) = 1.37986e10 / 8.55552e7 = 161.28 → 162.
    expect(matmulRidgeRows({ K: 4096, N: 11008, s: 2, ridge: 312e12 / 2.039e12 })).toBe(162);
  });

  it('matmulRidgeRows returns null when no M reaches the ridge, and refuses a zero dimension', () => {
    // The intensity tends to 2KN/((K+N)·s) = 2·64·64/(128·2) = 32 FLOP/B for K = N = 64 in bf16: a ridge of 153 is out of reach.
    expect(matmulRidgeRows({ K: 64, N: 64, s: 2, ridge: 153 })).toBeNull();
    expect(matmulRidgeRows({ K: 4096, N: 4096, s: 2, ridge: 0.5 })).toBe(1);
    expect(() => matmulRidgeRows({ K: 0, N: 4096, s: 2, ridge: 153 })).toThrow(InputError);
  });
  it('properties: FLOPs are linear in A; the weight traffic does not grow with A', () => {
    const dim = fc.integer({ min: 1, max: 4096 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 64 }), dim, dim, dim, (A, M, K, N) => {
        expect(matmulFlops({ A, M, K, N })).toBe(A * matmulFlops({ A: 1, M, K, N }));
        const extra = matmulBytes({ A: A + 1, M, K, N, s: 2 }) - matmulBytes({ A, M, K, N, s: 2 });
        expect(extra).toBe((M * K + M * N) * 2);
      }),
    );
  });
});
