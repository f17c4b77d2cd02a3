import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  allReduceFormula,
  kernelRooflineFormula,
  prefillFlopsFormula,
  prefillLatencyFormula,
  stepOverheadFormula,
  tensorParallelCommFormula,
} from '../../src/core/latency/latency';
import { getGpu } from '../../src/core/gpu/gpu';
import { getPreset } from '../../src/core/model/presets';
import { servingScenario } from '../../src/core/scenario/serving';
import { InputError } from '../../src/core/units';

describe('prefill FLOPs (the article’s estimate)', () => {
  it('prefillFlopsFormula(llama-2-70b, 16 × 4,000 tokens, every key) = 9,500,099,608,576,000 FLOPs (≈ 9.5e15)', () => {
    // 2N = 137,953,296,384; 4·80·8192·4000 = 10,485,760,000; sum 148,439,056,384; × 64,000
    expect(prefillFlopsFormula.derive({ B: 16, S: 4000, N: 68_976_648_192, L: 80, H: 8192, m: 1 }).value).toBe(9_500_099_608_576_000);
  });

  it('prefillFlopsFormula(llama-2-70b, causal) = 9,164,555,288,576,000 FLOPs', () => {
    // 64,000 · (137,953,296,384 + 5,242,880,000) = 64,000 · 143,196,176,384
    expect(prefillFlopsFormula.derive({ B: 16, S: 4000, N: 68_976_648_192, L: 80, H: 8192, m: 0.5 }).value).toBe(9_164_555_288_576_000);
  });
});

describe('the latency formulas', () => {
  it('kernelRoofline(9.5e15 FLOPs, 1.38e11 B on 8×A800 at 100%) = 3.806 s, the FLOPs win', () => {
    // 9.5e15 / (8·312e12) = 3.80609; 1.38e11 / (8·2.039e12) = 0.00846
    expect(kernelRooflineFormula.derive({ F: 9.5e15, G: 8, P: 312e12, ec: 1, Q: 1.38e11, W: 2.039e12, em: 1 }).value).toBeCloseTo(3.80609, 5);
  });

  it('kernelRoofline(a decode step: 2.8e11 FLOPs, 1.38e11 B) = 8.46 ms, the bytes win', () => {
    expect(kernelRooflineFormula.derive({ F: 2.8e11, G: 8, P: 312e12, ec: 1, Q: 1.38e11, W: 2.039e12, em: 1 }).value).toBeCloseTo(0.00846003, 8);
  });

  it('allReduce(1 GB over 8 GPUs at 200 GB/s, α = 10 µs) = 10 µs + 8.75 ms', () => {
    // 2·7/8 · 1e9 / 200e9 = 1.75 · 0.005
    expect(allReduceFormula.derive({ a: 10e-6, M: 1e9, G: 8, W: 200e9 }).value).toBeCloseTo(0.00876, 12);
    expect(allReduceFormula.derive({ a: 10e-6, M: 1e9, G: 1, W: 200e9 }).value).toBe(0);
  });

  it('tensorParallelComm(llama-2-70b prefill, 64,000 tokens, 8 GPUs, 160 GB/s, α = 0) = 1.835 s', () => {
    // 2·80·1.75·64000·8192·2/160e9 = 160·1.75·6.5536e-3
    expect(tensorParallelCommFormula.derive({ L: 80, a: 0, T: 64000, H: 8192, s: 2, G: 8, W: 160e9 }).value).toBeCloseTo(1.835008, 9);
  });

  it('tensorParallelComm of one decode token on 8 GPUs is α-bound: 160 × 10 µs ≈ 1.6 ms', () => {
    // 160·(1e-5 + 1.75·16384/160e9) = 160·(1e-5 + 1.792e-7)
    expect(tensorParallelCommFormula.derive({ L: 80, a: 10e-6, T: 1, H: 8192, s: 2, G: 8, W: 160e9 }).value).toBeCloseTo(0.001628672, 12);
  });

  it('stepOverhead(3.2 ms, 80 layers, 34 µs) = 5.92 ms', () => {
    expect(stepOverheadFormula.derive({ ts: 3.2e-3, L: 80, tl: 34e-6 }).value).toBeCloseTo(0.00592, 12);
  });

  it('prefill(T_matmul 4.4 + T_attn 0.34 + T_elem 0.05 + T_comm 1.84 + T_0 0.006) = 6.636 s', () => {
    expect(prefillLatencyFormula.derive({ Tm: 4.4, Ta: 0.34, Te: 0.05, Tc: 1.84, T0: 0.006 }).value).toBeCloseTo(6.636, 12);
  });

  it('an efficiency of 1.5 is refused with an InputError naming it', () => {
    expect(() => kernelRooflineFormula.derive({ F: 1, G: 1, P: 1, ec: 1.5, Q: 1, W: 1, em: 1 })).toThrow(InputError);
  });
});

describe('servingScenario latency properties', () => {
  const model = getPreset('llama-2-7b').spec;
  const gpu = getGpu('a100-sxm-80gb');
  it('property: TTFT and TPOT never fall as B or S grow', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 256 }), fc.integer({ min: 1, max: 8192 }), fc.integer({ min: 1, max: 256 }), (B, S, dB) => {
        const base = servingScenario({ model, gpu, gpus: 1, batch: B, inputTokens: S, outputTokens: 64 });
        const moreB = servingScenario({ model, gpu, gpus: 1, batch: B + dB, inputTokens: S, outputTokens: 64 });
        const moreS = servingScenario({ model, gpu, gpus: 1, batch: B, inputTokens: S + dB, outputTokens: 64 });
        return (
          moreB.ttftSeconds >= base.ttftSeconds &&
          moreB.tpotSeconds >= base.tpotSeconds &&
          moreS.ttftSeconds >= base.ttftSeconds &&
          moreS.tpotSeconds >= base.tpotSeconds
        );
      }),
      { numRuns: 200 },
    );
  });
});
