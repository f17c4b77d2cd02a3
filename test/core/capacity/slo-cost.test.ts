import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fleetGpusFormula, goodputPerGpuFormula, littlesLaw, littlesLawFormula, replicasFor, replicasFormula } from '../../../src/core/capacity/slo';
import {
  budgetFlops,
  budgetFlopsFormula,
  costPerMillionTokensFormula,
  costPerRequestFormula,
  monthlyCostFormula,
  servingCost,
  usdPerMillionTokens,
  usdPerMonth,
  usdPerRequest,
} from '../../../src/core/capacity/cost';
import { InputError, formatQuantity, formatUsd, texQuantity } from '../../../src/core/units';

/** The field of the InputError `fn` throws; fails the test when it throws nothing or something else. */
function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e.field;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('SLO capacity arithmetic', () => {
  it('littlesLaw({ lambda: 5, seconds: 10 }) = 50 requests in flight', () => {
    // L = λ·W = 5 · 10
    expect(littlesLaw({ lambda: 5, seconds: 10 })).toBe(50);
    expect(littlesLawFormula.derive({ lambda: 5, T: 10 }).formatted).toBe('50');
  });

  it('replicasFor({ lambda: 50, perReplica: 4.4 }) = 12: ⌈11.36⌉', () => {
    // 50 / 4.4 = 11.3636… → 12
    expect(replicasFor({ lambda: 50, perReplica: 4.4 })).toBe(12);
    expect(replicasFormula.derive({ lambda: 50, r: 4.4 }).value).toBe(12);
  });

  it('replicasFor({ lambda: 50, perReplica: 5 }) = 10, and a ratio a rounding error above 10 is still 10', () => {
    expect(replicasFor({ lambda: 50, perReplica: 5 })).toBe(10);
    // 0.3 / 0.1 = 2.9999999999999996 in doubles; 0.7 / 0.1 = 6.999999999999999: never one replica short or one too many
    expect(replicasFor({ lambda: 0.3, perReplica: 0.1 })).toBe(3);
    expect(replicasFor({ lambda: 50, perReplica: 5 * (1 - 1e-15) })).toBe(10);
    expect(replicasFor({ lambda: 50, perReplica: 4.99 })).toBe(11);
  });

  it('replicasFor carries λ: n_rep · λ_rep ≥ λ and (n_rep − 1) · λ_rep < λ (fast-check)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-3, max: 1e6, noNaN: true }), fc.double({ min: 1e-3, max: 1e4, noNaN: true }), (lambda, perReplica) => {
        const n = replicasFor({ lambda, perReplica });
        expect(n * perReplica).toBeGreaterThanOrEqual(lambda * (1 - 1e-9));
        if (n > 1) expect((n - 1) * perReplica).toBeLessThan(lambda);
      }),
    );
  });

  it('fleetGpus 12 replicas × 4 = 48 GPUs; goodput per GPU 4.4 / 4 = 1.10 requests/s', () => {
    expect(fleetGpusFormula.derive({ n: 12, G: 4 }).value).toBe(48);
    expect(goodputPerGpuFormula.derive({ r: 4.4, G: 4 }).formatted).toBe('1.10 requests/s');
  });
});

describe('cost', () => {
  it('usdPerMillionTokens({ gpus: 8, usdPerGpuHour: 2, share: 0.5, tokensPerSecond: 1000 }) = $2.22', () => {
    // 10⁶ · 8 · 2 · 0.5 / (3600 · 1000) = 8e6 / 3.6e6 = 2.2222
    expect(usdPerMillionTokens({ gpus: 8, usdPerGpuHour: 2, share: 0.5, tokensPerSecond: 1000 })).toBeCloseTo(2.2222222, 6);
  });

  it('usdPerRequest({ gpus: 8, usdPerGpuHour: 2, requestsPerSecond: 4 }) = $0.00111', () => {
    // 8 · 2 / (3600 · 4) = 16 / 14,400
    expect(usdPerRequest({ gpus: 8, usdPerGpuHour: 2, requestsPerSecond: 4 })).toBeCloseTo(0.00111111, 8);
  });

  it('usdPerMonth({ gpus: 48, usdPerGpuHour: 2 }) = $70,080 (730 hours)', () => {
    // 48 · 2 · 730 = 70,080
    expect(usdPerMonth({ gpus: 48, usdPerGpuHour: 2 })).toBe(70080);
    expect(monthlyCostFormula.derive({ G: 48, c: 2 }).formatted).toBe('$70.1k');
  });

  it('budgetFlops({ usd: 1e6, usdPerGpuHour: 2, peak: 989.4e12, mfu: 0.4 }) = 7.12368e23 FLOPs', () => {
    // 1e6 / 2 = 500,000 GPU-h; · 3600 s = 1.8e9 GPU-s; · 989.4e12 · 0.4 = 3.9576e14 FLOP/s → 7.12368e23
    expect(budgetFlops({ usd: 1e6, usdPerGpuHour: 2, peak: 989.4e12, mfu: 0.4 })).toBeCloseTo(7.12368e23, -18);
    expect(budgetFlopsFormula.derive({ b: 1e6, c: 2, P: 989.4e12, u: 0.4 }).formatted).toBe('712 ZFLOPs');
  });

  it('servingCost splits 8 GPUs at $2/h between 2,000 input and 200 output tokens by the prefill share 25%', () => {
    const c = servingCost({ usdPerGpuHour: 2, gpus: 8, requestsPerSecond: 4, inputTokens: 2000, outputTokens: 200, prefillShare: 0.25 });
    expect(c.usdPerHour).toBe(16);
    // $16/h = $0.004444/s; input: 0.25 · 0.004444 / (4 · 2000 tokens/s) · 1e6 = $0.1389 per M
    expect(c.usdPerMillionInputTokens).toBeCloseTo(0.138889, 5);
    // output: 0.75 · 0.004444 / (4 · 200) · 1e6 = $4.1667 per M
    expect(c.usdPerMillionOutputTokens).toBeCloseTo(4.166667, 5);
    // all tokens: 0.004444 / (4 · 2200) · 1e6 = $0.5051 per M
    expect(c.usdPerMillionTokens).toBeCloseTo(0.505051, 5);
    expect(c.usdPerMonth).toBe(11680);
  });

  it('servingCost bills every dollar once: input and output shares add up to the hourly bill (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.integer({ min: 1, max: 4096 }),
        fc.double({ min: 0.01, max: 1000, noNaN: true }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (price, gpus, rate, S, O, rho) => {
          const c = servingCost({ usdPerGpuHour: price, gpus, requestsPerSecond: rate, inputTokens: S, outputTokens: O, prefillShare: rho });
          const perSecond = ((c.usdPerMillionInputTokens * rate * S) / 1e6 + (c.usdPerMillionOutputTokens * rate * O) / 1e6) * 3600;
          expect(perSecond).toBeCloseTo(gpus * price, 6);
          expect(c.usdPerRequest * rate * 3600).toBeCloseTo(gpus * price, 6);
        },
      ),
    );
  });

  it('servingCost refuses a share outside [0, 1] and a rate of 0 by field', () => {
    const base = { usdPerGpuHour: 2, gpus: 8, requestsPerSecond: 4, inputTokens: 2000, outputTokens: 200, prefillShare: 0.25 };
    expect(() => servingCost({ ...base, prefillShare: 1.5 })).toThrow(InputError);
    expect(fieldOf(() => servingCost({ ...base, requestsPerSecond: 0 }))).toBe('requestsPerSecond');
    expect(fieldOf(() => servingCost({ ...base, prefillShare: -0.1 }))).toBe('prefillShare');
    expect(() => servingCost({ ...base, usdPerGpuHour: -1 })).toThrow(/Price per GPU-hour must be a number from 0/);
  });

  it('the cost formulas derive their examples: $3.79 per M output tokens, $0.00101 per request', () => {
    // 10⁶ · 8 · 2 · 0.75 / (3600 · 880) = 1.2e7 / 3.168e6 = 3.788
    expect(costPerMillionTokensFormula.derive(costPerMillionTokensFormula.example).formatted).toBe('$3.79');
    // 8 · 2 / (3600 · 4.4) = 16 / 15,840 = 0.0010101
    expect(costPerRequestFormula.derive(costPerRequestFormula.example).formatted).toBe('$0.00101');
  });
});

describe('formatUsd (units)', () => {
  it.each([
    [1403700, '$1.40M'],
    [0.01234, '$0.0123'],
    [2.5e9, '$2.50B'],
    [999.96, '$1.00k'],
    [70080, '$70.1k'],
    [0, '$0'],
    [3e16, '$3.00 × 10¹⁶'],
  ])('formatUsd(%d) = %s', (value, text) => {
    expect(formatUsd(value)).toBe(text);
  });

  it("formatQuantity(x, 'USD') is formatUsd, and its TeX escapes the dollar sign", () => {
    expect(formatQuantity(1.4e6, 'USD')).toBe('$1.40M');
    expect(texQuantity(1.4e6, 'USD')).toBe('\\text{\\$1.40M}');
    expect(formatQuantity(9.78, 'requests/s')).toBe('9.78 requests/s');
    expect(formatQuantity(4.04e12, 'tokens')).toBe('4.04T tokens');
  });
});
