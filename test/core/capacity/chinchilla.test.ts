import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CHINCHILLA_FITS,
  FLOPS_PER_PARAM_TOKEN,
  chinchillaLoss,
  chinchillaLossFormula,
  chinchillaParams,
  chinchillaParamsFormula,
  chinchillaTokens,
  chinchillaTokensFormula,
  computeOptimal,
  formatParamCount,
  getChinchillaFit,
  ruleParams,
  tokensPerParamRuleFormula,
} from '../../../src/core/capacity/chinchilla';
import { InputError } from '../../../src/core/units';

const hoffmann = CHINCHILLA_FITS['hoffmann-2022'];
const besiroglu = CHINCHILLA_FITS['besiroglu-2024'];

describe('Chinchilla (Hoffmann et al. 2022, Approach 3)', () => {
  it('the published constants: E = 1.69, A = 406.4, B = 410.7, α = 0.34, β = 0.28 (appendix D, eq. (10))', () => {
    expect([hoffmann.E, hoffmann.A, hoffmann.B, hoffmann.alpha, hoffmann.beta]).toEqual([1.69, 406.4, 410.7, 0.34, 0.28]);
    // Besiroglu et al. 2024's refit
    expect([besiroglu.E, besiroglu.A, besiroglu.B, besiroglu.alpha, besiroglu.beta]).toEqual([1.8172, 482.01, 2085.43, 0.3478, 0.3658]);
    expect(FLOPS_PER_PARAM_TOKEN).toBe(6);
  });

  it('the exponents are table 2’s: a = β/(α+β) = 0.28/0.62 = 0.452 ≈ 0.46, b = 0.548 ≈ 0.54', () => {
    const c = computeOptimal({ flops: 1e24 });
    expect(c.paramsExponent).toBeCloseTo(0.4516, 4);
    expect(c.tokensExponent).toBeCloseTo(0.5484, 4);
  });

  it('chinchillaLoss(70B, 1.4T) = 1.937 nats: Chinchilla itself', () => {
    // (7e10)^0.34 = e^(0.34 · 24.97176) = e^8.49040 = 4,866.9 → 406.4 / 4,866.9 = 0.083503
    // (1.4e12)^0.28 = e^(0.28 · 27.96749) = e^7.83090 = 2,517.6 → 410.7 / 2,517.6 = 0.163133
    // 1.69 + 0.083503 + 0.163133 = 1.936636
    expect(chinchillaLoss({ params: 70e9, tokens: 1.4e12, fit: hoffmann })).toBeCloseTo(1.93665, 4);
    expect(chinchillaLossFormula.derive(chinchillaLossFormula.example).formatted).toBe('1.937');
  });

  it('chinchillaParams(1e24) = 4.13e10 and chinchillaTokens(1e24) = 4.04e12: about 98 tokens per parameter', () => {
    // G = (0.34 · 406.4 / (0.28 · 410.7))^(1/0.62) = (138.176 / 114.996)^1.6129 = 1.20157^1.6129 = 1.34471
    // N = 1.34471 · (1e24/6)^0.45161 = 1.34471 · 3.07105e10 = 4.12967e10
    // D = (1e24/6) / 4.12967e10 = 1.66667e23 / 4.12967e10 = 4.03583e12; D/N = 97.73
    const args = { flops: 1e24, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 };
    expect(chinchillaParams(args) / 4.12967e10).toBeCloseTo(1, 4);
    expect(chinchillaTokens(args) / 4.03583e12).toBeCloseTo(1, 4);
    expect(chinchillaParamsFormula.derive({ C: 1e24, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 }).formatted).toBe('41.3 G');
    expect(chinchillaTokensFormula.derive({ C: 1e24, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 }).formatted).toBe('4.04T tokens');
    expect(computeOptimal({ flops: 1e24 }).optimal.tokensPerParam).toBeCloseTo(97.73, 2);
  });

  it('6 · N_opt · D_opt = C for any budget and either fit (fast-check)', () => {
    fc.assert(
      fc.property(fc.double({ min: 15, max: 32, noNaN: true }), fc.constantFrom(hoffmann, besiroglu), (log10C, fit) => {
        const flops = 10 ** log10C;
        const o = computeOptimal({ flops, fit }).optimal;
        expect((6 * o.params * o.tokens) / flops).toBeCloseTo(1, 12);
      }),
    );
  });

  it('the optimum minimises the fitted loss along C = 6ND: moving N either way by 10% raises it (fast-check)', () => {
    fc.assert(
      fc.property(fc.double({ min: 18, max: 30, noNaN: true }), fc.constantFrom(hoffmann, besiroglu), (log10C, fit) => {
        const flops = 10 ** log10C;
        const { params: N, loss } = computeOptimal({ flops, fit }).optimal;
        for (const k of [0.9, 1.1]) {
          const n = N * k;
          expect(chinchillaLoss({ params: n, tokens: flops / 6 / n, fit })).toBeGreaterThan(loss);
        }
      }),
    );
  });

  it('ruleParams(1e24, 20) = √(1e24/120) = 9.13e10: 121% more parameters than the published fit wants', () => {
    // √(8.3333e21) = 9.12871e10; 9.12871e10 / 4.12967e10 − 1 = 1.2105
    expect(ruleParams({ flops: 1e24, tokensPerParam: 20 })).toBeCloseTo(9.128709e10, -5);
    expect(tokensPerParamRuleFormula.derive({ C: 1e24, r: 20 }).formatted).toBe('91.3 G');
    const c = computeOptimal({ flops: 1e24 });
    expect(c.ruleParamsError).toBeCloseTo(1.2105, 3);
  });

  it('the rule’s loss gap at 1e24 under the published fit is 0.0066 nats, what the optimum reaches with 17% less compute', () => {
    // rule: 1.69 + 406.4/(9.1287e10)^0.34 + 410.7/(1.8257e12)^0.28 = 1.69 + 0.07627 + 0.15148 = 1.91775
    // optimum: 1.69 + 0.09989 + 0.12130 = 1.91120; gap 0.00655
    const c = computeOptimal({ flops: 1e24 });
    expect(c.rule.loss).toBeCloseTo(1.91775, 4);
    expect(c.optimal.loss).toBeCloseTo(1.9112, 4);
    expect(c.ruleLossGap).toBeCloseTo(0.00655, 4);
    // 𝓛_opt(C) = 1.91775 at C ≈ 8.27e23 (a bisection; checked by evaluating the optimum there)
    expect(c.ruleEquivalentFlops / 1e24).toBeCloseTo(0.8268, 3);
    const there = computeOptimal({ flops: c.ruleEquivalentFlops }).optimal.loss;
    expect(there).toBeCloseTo(c.rule.loss, 10);
  });

  it('under Besiroglu et al.’s refit the optimum at 1e24 is 9.59e10 parameters, 18.1 tokens each: within 5% of the rule', () => {
    // G = (0.3478 · 482.01 / (0.3658 · 2085.43))^(1/0.7136) = (167.643 / 762.850)^1.40135 = 0.11963
    // N = 0.11963 · (1.66667e23)^0.51261 = 9.5861e10; D = 1.66667e23 / 9.5861e10 = 1.73863e12
    const c = computeOptimal({ flops: 1e24, fit: besiroglu });
    expect(c.optimal.params / 9.5861e10).toBeCloseTo(1, 4);
    expect(c.optimal.tokensPerParam).toBeCloseTo(18.137, 2);
    expect(Math.abs(c.ruleParamsError)).toBeLessThan(0.05);
  });

  it('says when the optimum lies outside the runs the fit was made on (70M–16B parameters, 5B–500B tokens)', () => {
    expect(computeOptimal({ flops: 1e24 }).extrapolated).toBe(true);
    // 1e20: N = 1.34471 · (1.6667e19)^0.45161 = 2.1e8, D = 7.9e10: inside
    expect(computeOptimal({ flops: 1e20 }).extrapolated).toBe(false);
  });

  it('refuses a budget outside 1e15…1e32 FLOPs and an unknown fit by field', () => {
    expect(() => computeOptimal({ flops: 1e40 })).toThrow(/^Training budget C \(FLOPs\) must be a number from 1,000,000,000,000,000 to 1e32 /);
    expect(() => computeOptimal({ flops: Number.NaN })).toThrow(InputError);
    expect(() => computeOptimal({ flops: 1e24, tokensPerParam: 0 })).toThrow(/Tokens per parameter/);
    expect(() => getChinchillaFit('kaplan')).toThrow(/Unknown fit "kaplan"/);
  });

  it('formatParamCount(41296702419) = "41.3B": billions with B, as model names write them', () => {
    expect(formatParamCount(41296702419)).toBe('41.3B');
    expect(formatParamCount(70e6)).toBe('70.0M');
    expect(formatParamCount(1.016e12)).toBe('1.02T');
  });
});
