import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  checkpointBytes,
  checkpointBytesFormula,
  checkpointPlan,
  checkpointWriteSeconds,
  clusterMtbfFormula,
  clusterMtbfSeconds,
  dalyIntervalSeconds,
  gpuMtbfFormula,
  gpuMtbfHoursFromCount,
  lostSecondsPerFailure,
  wallClockSeconds,
  youngIntervalFormula,
  youngIntervalSeconds,
} from '../../../src/core/capacity/checkpoint';
import { getPreset } from '../../../src/core/model/presets';
import { countParams } from '../../../src/core/params/params';
import type { InputError } from '../../../src/core/units';

const llama405 = countParams(getPreset('llama-3.1-405b').spec).total;

describe('checkpoints and failures', () => {
  it('checkpointBytes({ params: 70e9 }) = 980 GB: 2 B of bf16 weights + 12 B of fp32 master weights and Adam moments', () => {
    // (2 + 12) · 70e9 = 980e9
    expect(checkpointBytes({ params: 70e9 })).toBe(980e9);
    // fp32 gradients are not saved: adam18 checkpoints the same 14 B/param
    expect(checkpointBytes({ params: 70e9, precision: 'adam18' })).toBe(980e9);
    expect(checkpointBytesFormula.derive({ w: 2, k: 12, N: 405e9 }).formatted).toBe('5.67 TB');
  });

  it('Llama 3.1 405B: 405,853,388,800 parameters → 5,681,947,443,200 B, written in 2.84 s at 2 TB/s', () => {
    expect(llama405).toBe(405_853_388_800);
    // 14 · 405,853,388,800 = 5,681,947,443,200; / 2e12 B/s = 2.8410 s
    expect(checkpointBytes({ params: llama405 })).toBe(5_681_947_443_200);
    expect(checkpointWriteSeconds({ bytes: 5_681_947_443_200, bandwidth: 2e12 })).toBeCloseTo(2.84097, 5);
  });

  it('gpuMtbfHoursFromCount(16,384 GPUs, 54 days, 419 interruptions) = 50,677 GPU-hours per interruption (Llama 3, §3.3.4)', () => {
    // 16,384 · 54 · 24 = 21,233,664 GPU-hours; / 419 = 50,677.002
    expect(gpuMtbfHoursFromCount({ gpus: 16384, days: 54, interruptions: 419 })).toBeCloseTo(50677.002, 3);
    expect(gpuMtbfFormula.derive(gpuMtbfFormula.example).formatted).toBe('50.7k h');
  });

  it('clusterMtbfSeconds: 16,384 such GPUs fail every 3.09 h (11,135 s), 4,096 every 12.4 h', () => {
    // 50,677.002 h · 3600 / 16,384 = 11,135.08 s = 54 · 86,400 / 419
    expect(clusterMtbfSeconds({ gpuMtbfHours: (16384 * 54 * 24) / 419, gpus: 16384 })).toBeCloseTo((54 * 86400) / 419, 6);
    // 50,677.002 · 3600 / 4096 = 44,540.33 s
    expect(clusterMtbfSeconds({ gpuMtbfHours: (16384 * 54 * 24) / 419, gpus: 4096 })).toBeCloseTo(44540.33, 1);
    expect(clusterMtbfFormula.derive({ m: 50677, n: 16384 }).formatted).toBe('3.09 h');
  });

  it('youngIntervalSeconds(δ = 10 s, MTBF = 10,000 s) = √200,000 = 447.2 s', () => {
    expect(youngIntervalSeconds({ writeSeconds: 10, mtbfSeconds: 10000 })).toBeCloseTo(447.2136, 4);
    // √(2 · 2.84 · 11,135) = √63,246.8 = 251.49 s
    expect(youngIntervalFormula.derive({ d: 2.84, M: 11135 }).value).toBeCloseTo(251.49, 2);
  });

  it.each([
    // Daly 2006, figures 3–5: δ = 5 min with M = 24 h, 6 h and 15 min; "the new model predicts τopt = 117, 57 and 9.1 min"
    [24 * 3600, 117],
    [6 * 3600, 57],
    [15 * 60, 9.1],
  ])('dalyIntervalSeconds(δ = 300 s, M = %d s) = %d min, as Daly 2006 reports', (mtbf, minutes) => {
    // e.g. M = 24 h: √(2·300·86,400) = 7,200 s; x = 300/172,800; 7,200·(1 + √x/3 + x/9) − 300 = 7,001.4 s = 116.7 min
    const tau = dalyIntervalSeconds({ writeSeconds: 300, mtbfSeconds: mtbf });
    expect(tau / 60).toBeCloseTo(minutes, minutes < 10 ? 1 : 0);
  });

  it('dalyIntervalSeconds is the MTBF itself once δ ≥ 2·MTBF', () => {
    expect(dalyIntervalSeconds({ writeSeconds: 300, mtbfSeconds: 100 })).toBe(100);
  });

  it('lostSecondsPerFailure = (τ + δ)/2 + restart: (440 + 10)/2 + 600 = 825 s', () => {
    expect(lostSecondsPerFailure({ intervalSeconds: 440, writeSeconds: 10, restartSeconds: 600 })).toBe(825);
  });

  it('wallClockSeconds = T·(1 + δ/τ)/(1 − t_lost/MTBF): 1e6 s → 1,114,689 s', () => {
    // 1e6 · (1 + 10/440) / (1 − 825/10,000) = 1e6 · 1.0227273 / 0.9175 = 1,114,689.1
    expect(wallClockSeconds({ idealSeconds: 1e6, intervalSeconds: 440, writeSeconds: 10, lostSeconds: 825, mtbfSeconds: 10000 })).toBeCloseTo(1114689.1, 0);
  });

  it('a run whose failures destroy more than they leave never finishes: an InputError on the MTBF', () => {
    expect(() => wallClockSeconds({ idealSeconds: 1e6, intervalSeconds: 440, writeSeconds: 10, lostSeconds: 10000, mtbfSeconds: 10000 })).toThrow(
      /never finishes/,
    );
    try {
      checkpointPlan({ params: 405e9, storageBandwidth: 2e12, gpus: 100_000, gpuMtbfHours: 10, restartSeconds: 3600, idealSeconds: 1e6 });
      expect.unreachable();
    } catch (e) {
      expect((e as InputError).field).toBe('gpuMtbfHours');
    }
  });

  it('checkpointPlan at Llama 3 scale: τ = 252 s, 12.1 min lost per failure with a 10-minute restart, 92.4% effective time', () => {
    const p = checkpointPlan({
      params: llama405,
      storageBandwidth: 2e12,
      gpus: 16384,
      gpuMtbfHours: (16384 * 54 * 24) / 419,
      restartSeconds: 600,
      idealSeconds: 54 * 86400,
    });
    // δ = 2.84097 s, MTBF = 11,135.08 s, τ = √(2 · 2.84097 · 11,135.08) = √63,268.5 = 251.53 s
    expect(p.writeSeconds).toBeCloseTo(2.84097, 5);
    expect(p.youngSeconds).toBeCloseTo(251.53, 2);
    // (251.53 + 2.84)/2 + 600 = 727.19 s
    expect(p.lostSecondsPerFailure).toBeCloseTo(727.19, 2);
    // 4,665,600 · (1 + 2.84097/251.533) / (1 − 727.187/11,135.08) = 4,665,600 · 1.011295 / 0.934694 = 5,047,958 s
    expect(p.wallSeconds).toBeCloseTo(5_047_958, -1);
    expect(p.efficiency).toBeCloseTo(0.92425, 4);
    // Meta reports "higher than 90%" effective training time (§3.3.4)
    expect(p.efficiency).toBeGreaterThan(0.9);
    expect(p.checkpointShare + p.failureShare + p.efficiency).toBeCloseTo(1, 2);
    expect(p.warnings).toEqual([]);
  });

  it('Young’s interval minimises the first-order wall time: τ·0.8 and τ·1.25 both take longer (fast-check)', () => {
    fc.assert(
      // in the regime Young's derivation assumes, δ ≤ MTBF/100
      fc.property(fc.double({ min: 1e-4, max: 1e-2, noNaN: true }), fc.double({ min: 3600, max: 1e6, noNaN: true }), (ratio, m) => {
        const d = ratio * m;
        const wall = (tau: number) =>
          wallClockSeconds({
            idealSeconds: 1e6,
            intervalSeconds: tau,
            writeSeconds: d,
            lostSeconds: lostSecondsPerFailure({ intervalSeconds: tau, writeSeconds: d, restartSeconds: 0 }),
            mtbfSeconds: m,
          });
        const tau = youngIntervalSeconds({ writeSeconds: d, mtbfSeconds: m });
        expect(wall(tau)).toBeLessThan(wall(tau * 0.8));
        expect(wall(tau)).toBeLessThan(wall(tau * 1.25));
      }),
    );
  });

  it('warns when a checkpoint takes more than a tenth of the MTBF, and takes a fixed interval when asked', () => {
    const slow = checkpointPlan({ params: 405e9, storageBandwidth: 1e9, gpus: 16384, gpuMtbfHours: 50677, restartSeconds: 60, idealSeconds: 1e6 });
    // 5.67e12 B / 1e9 B/s = 5,670 s > 11,135 s / 10
    expect(slow.warnings.map((w) => w.code)).toEqual(['checkpoint-slower-than-failures']);
    const fixed = checkpointPlan({
      params: 70e9,
      storageBandwidth: 1e11,
      gpus: 1024,
      gpuMtbfHours: 50677,
      restartSeconds: 600,
      idealSeconds: 1e6,
      interval: { kind: 'fixed', seconds: 3600 },
    });
    expect(fixed.intervalSeconds).toBe(3600);
    expect(() => checkpointPlan({ params: 70e9, storageBandwidth: 0, gpus: 8, gpuMtbfHours: 1e5, restartSeconds: 0, idealSeconds: 1 })).toThrow(
      /Storage write bandwidth/,
    );
  });
});
