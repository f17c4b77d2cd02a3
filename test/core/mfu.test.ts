import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  hfuFormula,
  inferenceCeilingFormula,
  inferenceCeilingTokensPerSecond,
  mfuFormula,
  mfuFromGpuHours,
  mfuFromGpuHoursFormula,
  modelFlopsUtilization,
  PRACTICAL_MFU_CEILING,
} from '../../src/core/mfu/mfu';
import { InputError } from '../../src/core/units';

describe('MFU', () => {
  it('mfuFromGpuHours(6·70e9, 15T tokens, 6.4M GPU-h, 989 TFLOP/s) = 27.65%', () => {
    // 6·70e9·15e12 = 6.3e24; 6.4e6·3600·989e12 = 2.278656e25; 6.3e24 / 2.278656e25 = 0.2764788
    expect(mfuFromGpuHours({ flopsPerToken: 6 * 70e9, tokens: 15e12, gpuHours: 6.4e6, peak: 989e12 })).toBeCloseTo(0.2764788, 7);
  });

  it('mfuFromGpuHoursFormula.derive formats 27.6%', () => {
    const d = mfuFromGpuHoursFormula.derive({ F: 6 * 70e9, D: 15e12, G: 6.4e6, P: 989e12 });
    expect(d.formatted).toBe('27.6%');
  });

  it('modelFlopsUtilization(6·70e9 FLOPs/token, 400 tokens/s, 1 GPU, 989 TFLOP/s) = 16.99%', () => {
    // 4.2e11·400 / 989e12 = 1.68e14 / 9.89e14 = 0.169869
    expect(modelFlopsUtilization({ flopsPerToken: 4.2e11, tokensPerSecond: 400, gpus: 1, peak: 989e12 })).toBeCloseTo(0.169869, 6);
  });

  it('hfu(6N + 2N recompute) = 4/3 × mfu(6N)', () => {
    const mfu = mfuFormula.derive({ F: 6e9, X: 1000, n: 2, P: 312e12 }).value;
    const hfu = hfuFormula.derive({ F: 6e9, R: 2e9, X: 1000, n: 2, P: 312e12 }).value;
    // (6e9·1000)/(2·312e12) = 0.0096153…; HFU = 8/6 of it
    expect(mfu).toBeCloseTo(0.00961538, 8);
    expect(hfu / mfu).toBeCloseTo(4 / 3, 12);
  });

  it('inferenceCeilingTokensPerSecond(8×A800, 70e9 params, u = 1) = 17,828.6 tokens/s', () => {
    // 8·312e12 / (2·70e9) = 2.496e15 / 1.4e11 = 17,828.571…
    expect(inferenceCeilingTokensPerSecond({ gpus: 8, peak: 312e12, utilization: 1, params: 70e9 })).toBeCloseTo(17828.5714, 4);
  });

  it('inferenceCeilingFormula(example at the 80% practical ceiling) = 14,262.9 tokens/s', () => {
    // 17,828.571… · 0.8 = 14,262.857…
    expect(PRACTICAL_MFU_CEILING).toBe(0.8);
    expect(inferenceCeilingFormula.derive(inferenceCeilingFormula.example).value).toBeCloseTo(14262.857, 3);
  });

  it('mfuFormula.derive with 0 GPUs throws InputError naming n', () => {
    expect(() => mfuFormula.derive({ F: 1, X: 1, n: 0, P: 1 })).toThrow(InputError);
    try {
      mfuFormula.derive({ F: 1, X: 1, n: 0, P: 1 });
    } catch (e) {
      expect((e as InputError).field).toBe('n');
    }
  });

  it('property: MFU × peak × GPUs × time = useful FLOPs', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e6, max: 1e13, noNaN: true }),
        fc.double({ min: 1, max: 1e7, noNaN: true }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 1e12, max: 5e15, noNaN: true }),
        fc.double({ min: 1, max: 1e7, noNaN: true }),
        (F, X, n, P, t) => {
          const mfu = modelFlopsUtilization({ flopsPerToken: F, tokensPerSecond: X, gpus: n, peak: P });
          const useful = F * X * t;
          expect(Math.abs(mfu * P * n * t - useful) / useful).toBeLessThan(1e-12);
        },
      ),
    );
  });

  it('property: MFU from GPU-hours × peak × seconds = F·D', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 1e9, max: 1e13, noNaN: true }),
        fc.double({ min: 1e9, max: 1e14, noNaN: true }),
        fc.double({ min: 1, max: 1e8, noNaN: true }),
        fc.double({ min: 1e12, max: 5e15, noNaN: true }),
        (F, D, G, P) => {
          const mfu = mfuFromGpuHours({ flopsPerToken: F, tokens: D, gpuHours: G, peak: P });
          expect(Math.abs(mfu * P * G * 3600 - F * D) / (F * D)).toBeLessThan(1e-12);
        },
      ),
    );
  });
});
