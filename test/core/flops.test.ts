import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getPreset, PRESETS } from '../../src/core/model/presets';
import { attentionPairs, decodeStepFlops, forwardFlops, prefillFlops } from '../../src/core/flops/flops';
import { flopsFormulas } from '../../src/core/flops/formulas';
import { InputError } from '../../src/core/units';
import { HANG_GUARD_MS } from '../support/hangGuard';

const llama7b = getPreset('llama-2-7b').spec;

describe('attentionPairs', () => {
  it.each([
    // causal, S = S' = 4: 1 + 2 + 3 + 4
    [{ newTokens: 4, contextTokens: 4, attention: 'causal', window: null }, 10],
    // full: 4·4
    [{ newTokens: 4, contextTokens: 4, attention: 'full', window: null }, 16],
    // one decode token over 4096 positions
    [{ newTokens: 1, contextTokens: 4096, attention: 'causal', window: null }, 4096],
    // 2 new tokens after 8 cached: 9 + 10 = S·S' − S(S−1)/2 = 20 − 1
    [{ newTokens: 2, contextTokens: 10, attention: 'causal', window: null }, 19],
    // causal, window 4: min(p, 4) for p = 1..8 = 1+2+3+4+4·4
    [{ newTokens: 8, contextTokens: 8, attention: 'causal', window: 4 }, 26],
    // full, window 4: 2·min(10, 4)
    [{ newTokens: 2, contextTokens: 10, attention: 'full', window: 4 }, 8],
  ] as const)('attentionPairs(%o) = %i pairs', (input, expected) => {
    expect(attentionPairs(input)).toBe(expected);
  });
});

describe('forwardFlops', () => {
  it("forwardFlops(llama-2-7b, B=1, S=1, S'=1, full).total = 13,214,679,040 FLOPs", () => {
    const f = forwardFlops({ spec: llama7b, batch: 1, newTokens: 1, contextTokens: 1, attention: 'full' });
    // qkv 32·2·4096·3·4096 = 3,221,225,472; out 32·2·4096² = 1,073,741,824
    expect(f.components.qkv).toBe(3_221_225_472);
    expect(f.components.out).toBe(1_073_741_824);
    // ffn 32·2·3·4096·11008 = 8,657,043,456; head 2·4096·32000 = 262,144,000
    expect(f.components.ffn).toBe(8_657_043_456);
    expect(f.components.lmHead).toBe(262_144_000);
    // scores and A·V: 2·32 heads·128·1 pair·32 layers = 262,144 each
    expect(f.components.scores).toBe(262_144);
    expect(f.components.av).toBe(262_144);
    expect(f.components.embedding).toBe(0);
    expect(f.total).toBe(13_214_679_040);
  });

  it('forwardFlops(llama-2-7b, 1, 1, 1).articleFlops = 13,477,355,520 FLOPs = exact + 2·(V·H + norms)', () => {
    // 2·6,738,415,616 + 4·32·4096·1; the gap is the embedding lookup and norms the 2N counts: 2·(131,072,000 + 266,240)
    const f = forwardFlops({ spec: llama7b, batch: 1, newTokens: 1, contextTokens: 1, attention: 'full' });
    expect(f.articleFlops).toBe(13_477_355_520);
    expect(f.articleFlops - f.total).toBe(262_676_480);
    expect(f.twoN).toBe(13_476_831_232);
  });

  it('prefillFlops(llama-2-7b, S=2048): causal scores = 550,024,249,344 FLOPs, full = 1,099,511,627,776', () => {
    // full: 2·h·d·L·S·S' = 2·4096·32·2048² = 2^40; causal pairs 2048·2049/2 = 2,098,176 → 262,144·2,098,176
    expect(prefillFlops({ spec: llama7b, batch: 1, promptTokens: 2048, attention: 'full' }).components.scores).toBe(1_099_511_627_776);
    expect(prefillFlops({ spec: llama7b, batch: 1, promptTokens: 2048 }).components.scores).toBe(550_024_249_344);
  });

  it("decodeStepFlops(mixtral-8x7b, B=1, S'=1).components.experts = 22,548,578,304 FLOPs (k = 2 of 8 experts)", () => {
    // 32 layers · 2 · 1 token · 2 experts · 3·4096·14336
    const f = decodeStepFlops({ spec: getPreset('mixtral-8x7b').spec, batch: 1, contextTokens: 1 });
    expect(f.components.experts).toBe(22_548_578_304);
    // router 32·2·4096·8
    expect(f.components.router).toBe(2_097_152);
  });

  it('decodeStepFlops = forwardFlops with S = 1 (causal and full agree at S = 1)', () => {
    const d = decodeStepFlops({ spec: llama7b, batch: 3, contextTokens: 777 });
    expect(d.total).toBe(forwardFlops({ spec: llama7b, batch: 3, newTokens: 1, contextTokens: 777, attention: 'full' }).total);
  });

  it("forwardFlops(S' < S) throws InputError on contextTokens; B = 0 on batch", () => {
    expect(() => forwardFlops({ spec: llama7b, batch: 1, newTokens: 10, contextTokens: 5 })).toThrow(InputError);
    try {
      forwardFlops({ spec: llama7b, batch: 0, newTokens: 1, contextTokens: 1 });
    } catch (e) {
      expect((e as InputError).field).toBe('batch');
    }
  });

  it('forwardFlops: components add up to the total for every preset', () => {
    for (const p of PRESETS) {
      const f = forwardFlops({ spec: p.spec, batch: 2, newTokens: 16, contextTokens: 64 });
      const c = f.components;
      expect(c.qkv + c.scores + c.av + c.out + c.ffn + c.experts + c.sharedExperts + c.router + c.lmHead).toBe(f.total);
    }
  });

  it('FLOPs scale linearly in B (relative tolerance 1e-12: totals pass 2^53 for the largest models)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PRESETS.map((p) => p.id)),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 256 }),
        fc.integer({ min: 0, max: 4096 }),
        fc.constantFrom('full' as const, 'causal' as const),
        (id, B, S, extra, attention) => {
          const spec = getPreset(id).spec;
          const one = forwardFlops({ spec, batch: 1, newTokens: S, contextTokens: S + extra, attention }).total;
          const many = forwardFlops({ spec, batch: B, newTokens: S, contextTokens: S + extra, attention }).total;
          expect(Math.abs(many - B * one)).toBeLessThanOrEqual(1e-12 * many);
        },
      ),
    );
  });

  it('causal never costs more than full', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 512 }), fc.integer({ min: 0, max: 512 }), (S, extra) => {
        const full = forwardFlops({ spec: llama7b, batch: 1, newTokens: S, contextTokens: S + extra, attention: 'full' }).total;
        const causal = forwardFlops({ spec: llama7b, batch: 1, newTokens: S, contextTokens: S + extra, attention: 'causal' }).total;
        expect(causal).toBeLessThanOrEqual(full);
      }),
    );
  });
});

describe('FLOP formulas', () => {
  it("flops.forward derive(Llama 2 7B, B=1, S=1, S'=4096).value = 15,624,314,880 FLOPs", () => {
    // 2·6,738,415,616 + 4·32·4096·4096 = 13,476,831,232 + 2,147,483,648
    const f = flopsFormulas.find((x) => x.id === 'flops.forward');
    expect(f?.derive({ B: 1, S: 1, N: 6_738_415_616, L: 32, H: 4096, Sc: 4096 }).value).toBe(15_624_314_880);
  });

  it('flops.ffn derive(B=1, S=1024, H=4096).value = 274,877,906,944 FLOPs', () => {
    // 16·1024·4096² = 2^4·2^10·2^24
    const f = flopsFormulas.find((x) => x.id === 'flops.ffn');
    expect(f?.derive({ B: 1, S: 1024, H: 4096 }).value).toBe(274_877_906_944);
  });
});

describe('forwardFlops: bounded inputs, exact or marked not exact', () => {
  it("decodeStepFlops(llama-2-7b, B=586,000, S'=4096).total = 9,001,920,102,400,000 FLOPs, exact (≤ 2^53 − 1)", () => {
    // one token at S' = 4096 costs 15,361,638,400 FLOPs (see the per-token test); a decode step is linear in B:
    // 15,361,638,400 · 586,000 = 9,001,920,102,400,000 < 9,007,199,254,740,991
    const f = decodeStepFlops({ spec: llama7b, batch: 586_000, contextTokens: 4096 });
    expect(f.total).toBe(9_001_920_102_400_000);
    expect(f.exact).toBe(true);
  });

  it("decodeStepFlops(llama-2-7b, B=587,000, S'=4096).exact = false (9.017e15 > 2^53)", () => {
    // 15,361,638,400 · 587,000 = 9,017,281,740,800,000
    const f = decodeStepFlops({ spec: llama7b, batch: 587_000, contextTokens: 4096 });
    expect(f.exact).toBe(false);
    expect(f.total / 9.0172817408e15).toBeCloseTo(1, 12);
  });

  it("forwardFlops(llama-2-7b, B=1e8, S=S'=1e9, causal) is finite and not exact, without unbounded work", () => {
    const t0 = performance.now();
    const f = forwardFlops({ spec: llama7b, batch: 1e8, newTokens: 1e9, contextTokens: 1e9 });
    expect(performance.now() - t0).toBeLessThan(HANG_GUARD_MS);
    expect(Number.isFinite(f.total)).toBe(true);
    expect(f.exact).toBe(false);
    // scores and A·V: 4·B·(h·d)·L·(S·S' − S(S−1)/2) = 4·1e8·4096·32·(1e18 − (1e18 − 1e9)/2)
    // = 1.6384e12·1.6000000016e19 = 2.62144000262144e31
    expect((f.components.scores + f.components.av) / 2.62144000262144e31).toBeCloseTo(1, 12);
  });

  it.each([
    [{ batch: 1e8 + 1, newTokens: 1, contextTokens: 1 }, 'batch', /B must be a whole number from 1 to 100,000,000/],
    [{ batch: 1, newTokens: 2e9, contextTokens: 2e9 }, 'newTokens', /S must be a whole number from 1 to 1,000,000,000/],
    [{ batch: 1, newTokens: 1, contextTokens: 1e300 }, 'contextTokens', /S' must be a whole number from 1 to 1,000,000,000/],
  ])('forwardFlops(llama-2-7b, %o) throws InputError on %s', (input, field, message) => {
    try {
      forwardFlops({ spec: llama7b, ...input });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).field).toBe(field);
      expect((e as InputError).message).toMatch(message);
    }
  });

  it('forwardFlops(a spec with layers = 1e15) throws InputError on layers instead of counting', () => {
    expect(() => forwardFlops({ spec: { ...llama7b, layers: 1e15 }, batch: 1, newTokens: 1, contextTokens: 1 })).toThrow(
      /layers must be a whole number from 1 to 10,000/,
    );
  });

  it.each(PRESETS.map((p) => [p.id] as const))('prefillFlops(%s, B=1, S=4096).exact = true', (id) => {
    expect(prefillFlops({ spec: getPreset(id).spec, batch: 1, promptTokens: 4096 }).exact).toBe(true);
  });
});
