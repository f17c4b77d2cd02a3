import { describe, expect, it } from 'vitest';
import { attentionCrossoverFormula, flopsPerTokenSweep } from '../../src/core/flops/perToken';
import { getPreset } from '../../src/core/model/presets';
import { InputError } from '../../src/core/units';
import { HANG_GUARD_MS } from '../support/hangGuard';

describe('FLOPs per token over context', () => {
  it('attentionCrossover(Llama 2 7B) = 25,705 tokens', () => {
    // 6,738,415,616 / (2·32·4096) = 6,738,415,616 / 262,144 = 25,705.015625
    const d = attentionCrossoverFormula.derive({ N: 6_738_415_616, L: 32, H: 4096 });
    expect(d.value).toBeCloseTo(25_705.015625, 6);
    // token counts print with the prefix on the count, as GPU-hours do (changelog 2.0.0)
    expect(d.formatted).toBe('25.7k tokens');
  });

  it("flopsPerTokenSweep(llama-2-7b, decode, S'=4096).atMax.exact = 15,361,638,400 FLOPs", () => {
    const s = flopsPerTokenSweep({ spec: getPreset('llama-2-7b').spec, maxContext: 4096 });
    // per layer: projections 2·4·4096² = 134,217,728; FFN 2·3·4096·11008 = 270,532,608; attention 4·4096·4096 = 67,108,864
    // 32·(134,217,728 + 270,532,608 + 67,108,864) + LM head 2·4096·32000 = 15,099,494,400 + 262,144,000
    expect(s.atMax.exact).toBe(15_361_638_400);
    // 2N = 2·6,738,415,616
    expect(s.atMax.twoN).toBe(13_476_831_232);
    // 2N + 4·32·4096·4096 = 13,476,831,232 + 2,147,483,648
    expect(s.atMax.article).toBe(15_624_314_880);
    expect(s.points[0]?.context).toBe(1);
    expect(s.points.at(-1)?.context).toBe(4096);
    expect(s.points.length).toBe(33);
    // 2,147,483,648 / 15,361,638,400 = 0.13979…
    expect(s.attentionShare).toBeCloseTo(0.13979, 4);
  });

  it("flopsPerTokenSweep(llama-2-7b, prefill, S'=4096) averages the causal prompt: 14,288,158,720 FLOPs per token", () => {
    const s = flopsPerTokenSweep({ spec: getPreset('llama-2-7b').spec, maxContext: 4096, mode: 'prefill' });
    // attention per token: 32·4·4096·(4096·4097/2)/4096 = 32·4·4096·2048.5 = 1,074,003,968
    // 13,214,154,752 (weights' matmuls incl. LM head) + 1,074,003,968
    expect(s.atMax.exact).toBe(14_288_158_720);
  });

  it('flopsPerTokenSweep rejects a context of 0 on maxContext', () => {
    expect(() => flopsPerTokenSweep({ spec: getPreset('llama-2-7b').spec, maxContext: 0 })).toThrow(InputError);
  });
});

describe('flopsPerTokenSweep bounds', () => {
  it("flopsPerTokenSweep(llama-2-7b, decode, S'=4096).atMax.exactDigits = true", () => {
    expect(flopsPerTokenSweep({ spec: getPreset('llama-2-7b').spec, maxContext: 4096 }).atMax.exactDigits).toBe(true);
  });

  it.each([0, 1.5, 257, 1e9])('flopsPerTokenSweep(steps = %d) throws InputError on steps (1 to 256)', (steps) => {
    expect(() => flopsPerTokenSweep({ spec: getPreset('llama-2-7b').spec, maxContext: 4096, steps })).toThrow(InputError);
  });

  it("flopsPerTokenSweep(llama-3.1-405b, prefill, S'=1e7, 256 steps) answers without unbounded work", () => {
    const spec = getPreset('llama-3.1-405b').spec;
    flopsPerTokenSweep({ spec, maxContext: 4096 }); // the first call pays for compiling the code
    const t0 = performance.now();
    const s = flopsPerTokenSweep({ spec, maxContext: 10_000_000, mode: 'prefill', steps: 256 });
    expect(performance.now() - t0).toBeLessThan(HANG_GUARD_MS);
    expect(s.points.length).toBe(257);
    expect(s.points.every((p) => Number.isFinite(p.exact))).toBe(true);
  });
});
