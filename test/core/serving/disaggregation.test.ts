import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getPreset } from '../../../src/core/model/presets';
import { getGpu } from '../../../src/core/gpu/gpu';
import {
  bestPoolSplit,
  compareDisaggregation,
  decodePoolRate,
  decodePoolRateFormula,
  disaggregatedGoodputFormula,
  kvTransferFormula,
  kvTransferSeconds,
  prefillPoolRate,
  prefillPoolRateFormula,
} from '../../../src/core/serving/disaggregation';
import { servingStepModel } from '../../../src/core/scenario/serving';
import { InputError } from '../../../src/core/units';

const llama3_70b = getPreset('llama-3-70b').spec;
const h100 = getGpu('h100-sxm');

describe('prefill/decode disaggregation', () => {
  it('kvTransferSeconds(2,000 tokens of Llama 3 70B in bf16 = 655,360,000 B, 4 GPUs, 50 GB/s, 80%) = 4.096 ms', () => {
    // 2,000·327,680 = 655,360,000 B; / (4·50e9·0.8 = 160e9 B/s)
    expect(kvTransferSeconds({ bytes: 655_360_000, gpus: 4, bandwidth: 50e9, efficiency: 0.8 })).toBeCloseTo(0.004096, 15);
    expect(kvTransferFormula.derive({ M: 655_360_000, G: 4, W: 50e9, e: 0.8 }).value).toBeCloseTo(0.004096, 15);
  });

  it('prefillPoolRate(t_p = 0.2 s, T* = 0.5 s) = 2·0.3/(0.2·0.8) = 3.75 /s, where the M/D/1 TTFT is exactly 0.5 s', () => {
    expect(prefillPoolRate({ prefillSeconds: 0.2, ttftTargetSeconds: 0.5, transferSeconds: 0 })).toBeCloseTo(3.75, 14);
    // ρ = 3.75·0.2 = 0.75; TTFT = 0.2·(1 + 0.75/(2·0.25)) = 0.2·2.5 = 0.5
    const rho = 3.75 * 0.2;
    expect(0.2 * (1 + rho / (2 * (1 - rho)))).toBeCloseTo(0.5, 14);
    expect(prefillPoolRateFormula.derive({ tp: 0.2, T: 0.5, Tkv: 0 }).value).toBeCloseTo(3.75, 14);
  });

  it('prefillPoolRate is 0 when one prefill and its transfer already miss the target (0.4 + 0.15 > 0.5)', () => {
    expect(prefillPoolRate({ prefillSeconds: 0.4, ttftTargetSeconds: 0.5, transferSeconds: 0.15 })).toBe(0);
  });

  it('decodePoolRate(64 requests, O = 201, t_d = 40 ms) = 64/(200·0.04) = 8 /s', () => {
    expect(decodePoolRate({ concurrency: 64, outputTokens: 201, stepSeconds: 0.04 })).toBeCloseTo(8, 14);
    expect(decodePoolRateFormula.derive({ C: 64, O: 201, td: 0.04 }).value).toBeCloseTo(8, 14);
    expect(() => decodePoolRate({ concurrency: 1, outputTokens: 1, stepSeconds: 0.04 })).toThrow(InputError);
  });

  it('disaggregatedGoodput(1 × 3.75/s on 4 GPUs, 1 × 8/s on 4) = 3.75/8 = 0.46875 /s per GPU', () => {
    expect(disaggregatedGoodputFormula.derive({ np: 1, lp: 3.75, nd: 1, ld: 8, Gp: 4, Gd: 4 }).value).toBeCloseTo(0.46875, 14);
  });

  it('bestPoolSplit balances the pools: 4/s and 8/s → 2 : 1, 8/(12 GPUs) = 0.667 /s per GPU (4 : 2 ties, the smaller is kept); 3.75/s and 8/s → 15 : 7', () => {
    expect(bestPoolSplit({ prefillRate: 4, decodeRate: 8, prefillGpus: 4, decodeGpus: 4 })).toEqual({
      prefillInstances: 2,
      decodeInstances: 1,
      requestsPerSecond: 8,
      perGpuRequestsPerSecond: 8 / 12,
    });
    // 15 : 7 → min(56.25, 56)/88 = 0.6364, next to the continuous optimum 3.75/(4·(1 + 3.75/8)) = 0.6383
    const s = bestPoolSplit({ prefillRate: 3.75, decodeRate: 8, prefillGpus: 4, decodeGpus: 4 });
    expect([s.prefillInstances, s.decodeInstances]).toEqual([15, 7]);
    expect(s.perGpuRequestsPerSecond).toBeCloseTo(56 / 88, 14);
  });

  describe('Llama 3 70B in fp8 on H100s, 2,000 + 200 tokens, TTFT ≤ 1 s and TPOT ≤ 50 ms (mean request)', () => {
    const input = {
      serving: { model: llama3_70b, gpu: h100, inputTokens: 2000, outputTokens: 200, weightDtype: 'fp8' },
      colocatedGpus: 4,
      colocatedReplicas: 2,
      prefillGpus: 4,
      prefillInstances: 1,
      decodeGpus: 4,
      decodeInstances: 1,
      ttftTargetSeconds: 1,
      tpotTargetSeconds: 0.05,
      linkBandwidth: 50e9,
      linkEfficiency: 0.8,
    } as const;
    const r = compareDisaggregation(input);

    it('the colocated replica is held by TPOT: its mean request meets both targets at C*, the next user breaks TPOT', () => {
      expect(r.colocated.limitedBy).toBe('tpot');
      const m = servingStepModel({ ...input.serving, gpus: 4, batch: 1 });
      expect(m.steady(r.colocated.concurrency).itlSeconds).toBeLessThanOrEqual(0.05);
      expect(m.steady(r.colocated.concurrency + 1).itlSeconds).toBeGreaterThan(0.05);
      expect(r.colocated.requestsPerSecond).toBeCloseTo(2 * m.steady(r.colocated.concurrency).requestsPerSecond, 12);
    });

    it('the prefill pool takes requests until its M/D/1 TTFT reaches exactly 1 s; the decode pool batches far more without interference', () => {
      expect(r.disaggregated.ttftSeconds).toBeCloseTo(1, 9);
      expect(r.disaggregated.prefillRate).toBeCloseTo(
        prefillPoolRate({ prefillSeconds: r.disaggregated.prefillSeconds, ttftTargetSeconds: 1, transferSeconds: r.kvTransferSeconds }),
        12,
      );
      expect(r.disaggregated.decodeConcurrency).toBeGreaterThan(r.colocated.concurrency);
      expect(r.disaggregated.decodeStepSeconds).toBeLessThanOrEqual(0.05);
      // 2,000 tokens · 327,680 B / 2 (fp8 KV) = 327,680,000 B over 4 × 50 GB/s × 0.8
      expect(r.kvTransferBytes).toBe(327_680_000);
      expect(r.kvTransferSeconds).toBeCloseTo(0.002048, 15);
    });

    it('one prefill instance per decode instance starves the decode pool (prefill-limited); split at their rates the pools pay', () => {
      expect(r.disaggregated.limitedBy).toBe('prefill');
      expect(r.pays).toBe(r.bestSplit.perGpuRequestsPerSecond > r.colocated.perGpuRequestsPerSecond);
      expect(r.bestSplit.prefillInstances).toBeGreaterThan(r.bestSplit.decodeInstances);
      expect(r.pays).toBe(true);
    });
  });

  it('refuses a TTFT target of 0 by ttftTargetSeconds and a link of 0 B/s by linkBandwidth', () => {
    const base = {
      serving: { model: llama3_70b, gpu: h100, inputTokens: 2000, outputTokens: 200, weightDtype: 'fp8' as const },
      colocatedGpus: 4,
      colocatedReplicas: 1,
      prefillGpus: 4,
      prefillInstances: 1,
      decodeGpus: 4,
      decodeInstances: 1,
      ttftTargetSeconds: 1,
      tpotTargetSeconds: 0.05,
      linkBandwidth: 50e9,
      linkEfficiency: 0.8,
    };
    const fieldOf = (x: object) => {
      try {
        compareDisaggregation({ ...base, ...x });
      } catch (e) {
        return (e as InputError).field;
      }
      return null;
    };
    expect(fieldOf({ ttftTargetSeconds: 0 })).toBe('ttftTargetSeconds');
    expect(fieldOf({ linkBandwidth: 0 })).toBe('linkBandwidth');
  });

  it('property: the prefill pool’s rate makes the M/D/1 TTFT meet the target exactly (or is 0)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 2, noNaN: true }),
        fc.double({ min: 0.01, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 0.2, noNaN: true }),
        (tp, T, tkv) => {
          const l = prefillPoolRate({ prefillSeconds: tp, ttftTargetSeconds: T, transferSeconds: tkv });
          if (l === 0) expect(tp + tkv).toBeGreaterThanOrEqual(T);
          else {
            const rho = l * tp;
            expect(rho).toBeLessThan(1);
            expect(tp * (1 + rho / (2 * (1 - rho))) + tkv).toBeCloseTo(T, 9);
          }
        },
      ),
    );
  });
});
