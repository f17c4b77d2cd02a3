import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getPreset } from '../../../src/core/model/presets';
import { getGpu } from '../../../src/core/gpu/gpu';
import { IDEAL_CALIBRATION } from '../../../src/core/latency/calibration';
import {
  bestDraftTokens,
  speculativeCostFormula,
  speculativeExpectedTokens,
  speculativeSpeedup,
  speculativeSpeedupFormula,
  speculativeTokensFormula,
  speculativeTpotFormula,
  speculativeTpotSeconds,
} from '../../../src/core/serving/speculative';
import { servingScenario } from '../../../src/core/scenario/serving';
import { speculativeDerivations } from '../../../src/core/scenario/servingSteps';
import { type InputError } from '../../../src/core/units';

const llama3_70b = getPreset('llama-3-70b').spec;
const llama3_8b = getPreset('llama-3-8b').spec;
const h100 = getGpu('h100-sxm');

describe('speculative decoding (Leviathan et al. 2023)', () => {
  it('speculativeExpectedTokens(α = 0.8, γ = 5) = (1 − 0.8⁶)/0.2 = 3.68928 tokens (Eq. 1)', () => {
    // 0.8⁶ = 0.262144
    expect(speculativeExpectedTokens(0.8, 5)).toBeCloseTo(3.68928, 12);
    expect(speculativeTokensFormula.derive({ a: 0.8, g: 5 }).value).toBeCloseTo(3.68928, 12);
  });

  it('speculativeExpectedTokens(α = 0.6, γ = 3) = (1 − 0.6⁴)/0.4 = 2.176 tokens', () => {
    // 0.6⁴ = 0.1296; 0.8704 / 0.4
    expect(speculativeExpectedTokens(0.6, 3)).toBeCloseTo(2.176, 12);
  });

  it('speculativeExpectedTokens(α = 1, γ = 4) = γ + 1 = 5: the limit of the series', () => {
    expect(speculativeExpectedTokens(1, 4)).toBe(5);
    expect(speculativeExpectedTokens(1 - 1e-9, 4)).toBeCloseTo(5, 6);
  });

  it('speculativeSpeedup(α = 0.8, γ = 5, c = 0.05) = 3.68928 / 1.25 = 2.951424× (Theorem 3.8)', () => {
    expect(speculativeSpeedup(0.8, 5, 0.05)).toBeCloseTo(2.951424, 12);
    expect(speculativeSpeedupFormula.derive({ a: 0.8, g: 5, c: 0.05 }).value).toBeCloseTo(2.951424, 12);
  });

  it('γ = 1 gives Corollary 3.9’s (1 + α)/(1 + c): α = 0.7, c = 0.2 → 1.7/1.2 = 1.41667×', () => {
    expect(speculativeSpeedup(0.7, 1, 0.2)).toBeCloseTo(1.7 / 1.2, 12);
  });

  it('a draft no better than chance slows decoding: α = 0.1, γ = 4, c = 0.25 → (1 − 0.1⁵)/0.9/2 = 0.555550×', () => {
    // 0.99999 / 0.9 = 1.11110; / (4·0.25 + 1)
    expect(speculativeSpeedup(0.1, 4, 0.25)).toBeCloseTo(0.99999 / 0.9 / 2, 12);
  });

  it('bestDraftTokens(α = 0.8, c = 0.05) = 8 (3.0921×, against 3.0823× at 7 and 3.0780× at 9)', () => {
    // γ = 7: (1 − 0.8⁸)/0.2/1.35 = 4.16114/1.35; γ = 8: (1 − 0.8⁹)/0.2/1.4 = 4.32891/1.4; γ = 9: 4.46313/1.45
    expect(bestDraftTokens(0.8, 0.05)).toBe(8);
    expect(speculativeSpeedup(0.8, 8, 0.05)).toBeCloseTo(4.32891136 / 1.4, 10);
  });

  it('speculativeTpotSeconds(α = 0.8, γ = 5, t_draft = 2 ms, t_verify = 21 ms) = 31 ms / 3.68928 = 8.4027 ms', () => {
    expect(speculativeTpotSeconds({ acceptance: 0.8, draftTokens: 5, draftStepSeconds: 0.002, verifySeconds: 0.021 })).toBeCloseTo(0.031 / 3.68928, 14);
    expect(speculativeTpotFormula.derive({ g: 5, td: 0.002, tv: 0.021, E: 3.68928 }).value).toBeCloseTo(0.031 / 3.68928, 14);
  });

  it('speculativeCost(t_draft = 3.5 ms, t_target = 14 ms) = 0.25', () => {
    expect(speculativeCostFormula.derive({ td: 0.0035, tt: 0.014 }).value).toBeCloseTo(0.25, 14);
  });

  it('refuses an acceptance rate of 0 or above 1 by acceptance, and a draft length of 0 by draftTokens', () => {
    const fieldOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as InputError).field;
      }
      return null;
    };
    expect(fieldOf(() => speculativeExpectedTokens(0, 4))).toBe('acceptance');
    expect(fieldOf(() => speculativeExpectedTokens(1.2, 4))).toBe('acceptance');
    expect(fieldOf(() => speculativeExpectedTokens(0.5, 0))).toBe('draftTokens');
    expect(fieldOf(() => speculativeTpotFormula.derive({ g: 2, td: 0.001, tv: 0.01, E: 4 }))).toBe('E');
  });

  it('property: 1 ≤ E ≤ γ + 1, and E grows with α and with γ', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.integer({ min: 1, max: 30 }), (a, g) => {
        const E = speculativeExpectedTokens(a, g);
        expect(E).toBeGreaterThanOrEqual(1);
        expect(E).toBeLessThanOrEqual(g + 1 + 1e-12);
        expect(speculativeExpectedTokens(Math.min(0.995, a + 0.005), g)).toBeGreaterThan(E);
        expect(speculativeExpectedTokens(a, g + 1)).toBeGreaterThanOrEqual(E);
      }),
    );
  });

  describe('in the scenario engine: Llama 3 8B drafting for Llama 3 70B (bf16) on 4 × H100', () => {
    const base = { model: llama3_70b, gpu: h100, gpus: 4, batch: 1, inputTokens: 1000, outputTokens: 200 } as const;
    const draft = { draft: llama3_8b, draftTokens: 5, acceptance: 0.8 };

    it('on the bare roofline at batch 1 the cost coefficient is about the weight ratio, 16.06 GB / 141.1 GB ≈ 0.114 (within 3%)', () => {
      // Llama 3 8B: 8,030,261,248 params × 2 B; Llama 3 70B: 70,553,706,496 × 2 B. Decode at batch 1 reads the weights; KV
      // and activations add under 1% at 1,100 tokens of context.
      const r = servingScenario({ ...base, assumptions: { calibration: IDEAL_CALIBRATION }, techniques: { speculative: draft } });
      expect(r.speculative?.costCoefficient).toBeGreaterThan(0.114 * 0.97);
      expect(r.speculative?.costCoefficient).toBeLessThan(0.114 * 1.03);
      // Verification of 6 tokens reads the same weights: within 1% of a decode step.
      expect(r.speculative!.verifySeconds / r.speculative!.targetStepSeconds).toBeLessThan(1.01);
    });

    it('with the calibrated fixed costs the small draft costs far more than its weight share (c > 0.2): overhead does not shrink with the model', () => {
      const r = servingScenario({ ...base, techniques: { speculative: draft } });
      expect(r.speculative!.costCoefficient).toBeGreaterThan(0.2);
    });

    it('TPOT = (γ·t_draft + t_verify)/E, speedup = t_target/TPOT, the draft’s prefill is added to TTFT, its weights to memory', () => {
      const plain = servingScenario(base);
      const r = servingScenario({ ...base, techniques: { speculative: draft } });
      const s = r.speculative!;
      expect(s.expectedTokens).toBeCloseTo(3.68928, 12);
      expect(r.tpotSeconds).toBeCloseTo((5 * s.draftStepSeconds + s.verifySeconds) / 3.68928, 15);
      expect(s.targetStepSeconds).toBeCloseTo(plain.tpotSeconds, 15);
      expect(s.speedup).toBeCloseTo(plain.tpotSeconds / r.tpotSeconds, 12);
      expect(r.ttftSeconds).toBeCloseTo(plain.ttftSeconds + s.draftPrefillSeconds, 12);
      // Llama 3 8B in bf16: 8,030,261,248 × 2 = 16,060,522,496 B
      expect(r.memory.draftWeightsBytes).toBe(16_060_522_496);
      expect(s.draftWeightsBytes).toBe(16_060_522_496);
      expect(r.memory.maxConcurrency).toBeLessThan(plain.memory.maxConcurrency);
      expect(speculativeDerivations(r).map((d) => d.id)).toEqual([
        'serving.speculativeTokens',
        'serving.speculativeCost',
        'serving.speculativeTpot',
        'serving.speculativeSpeedup',
      ]);
    });

    it('continuous batching uses the speculative time per token: throughput at B users rises', () => {
      const plain = servingScenario({ ...base, batch: 8 });
      const r = servingScenario({ ...base, batch: 8, techniques: { speculative: draft } });
      expect(r.continuous!.itlSeconds).toBeLessThan(plain.continuous!.itlSeconds);
      expect(r.continuous!.outputTokensPerSecond).toBeGreaterThan(plain.continuous!.outputTokensPerSecond);
    });

    it('warns when every guess is accepted (α = 1) and when the draft speaks another vocabulary', () => {
      const r = servingScenario({ ...base, techniques: { speculative: { ...draft, acceptance: 1 } } });
      expect(r.warnings.find((w) => w.code === 'speculation-always-accepted')?.field).toBe('acceptance');
      const other = servingScenario({ ...base, techniques: { speculative: { ...draft, draft: getPreset('llama-2-7b').spec } } });
      expect(other.warnings.find((w) => w.code === 'speculation-vocabulary-mismatch')?.field).toBe('draft');
    });

    it('refuses an acceptance of 1.5 by acceptance and γ = 0 by draftTokens', () => {
      expect(() => servingScenario({ ...base, techniques: { speculative: { ...draft, acceptance: 1.5 } } })).toThrow(/acceptance rate/);
      try {
        servingScenario({ ...base, techniques: { speculative: { ...draft, draftTokens: 0 } } });
        expect.unreachable();
      } catch (e) {
        expect((e as InputError).field).toBe('draftTokens');
      }
    });
  });
});
