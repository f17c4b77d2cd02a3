import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  allReduceFormula,
  allReduceSeconds,
  DEFAULT_EFFICIENCIES,
  estimateInferenceLatency,
  forwardFlopsArticle,
  phaseSeconds,
  prefillFlopsFormula,
  tensorParallelCommFormula,
  tensorParallelCommSeconds,
  type LatencyModel,
} from '../../src/core/latency/latency';
import { InputError } from '../../src/core/units';

// Llama 2 70B: N = 68,976,648,192; L = 80; h·d = H = 8192; KV per token = 2·80·8·128·2 = 327,680 B.
const LLAMA2_70B: LatencyModel = {
  params: 68_976_648_192,
  layers: 80,
  attentionWidth: 8192,
  hidden: 8192,
  weightsBytes: 137_953_296_384,
  kvBytesPerToken: 327_680,
  activationBytesPerElement: 2,
};
const A800X8 = { gpus: 8, peak: 312e12, memoryBandwidth: 2.039e12, linkBandwidth: 200e9 };
const IDEAL = { compute: 1, memory: 1, comm: 1, allReduceLatency: 0 };

describe('prefill FLOPs', () => {
  it('forwardFlopsArticle(llama-2-70b, 16 × 4,000 tokens, full scores) = 9,500,099,608,576,000 FLOPs (≈ 9.5e15)', () => {
    // 2N = 137,953,296,384; 4·80·8192·4000 = 10,485,760,000; sum 148,439,056,384; × 64,000
    expect(forwardFlopsArticle({ params: 68_976_648_192, layers: 80, attentionWidth: 8192, tokens: 64_000, context: 4000 })).toBe(
      9_500_099_608_576_000,
    );
  });

  it('prefillFlopsFormula(llama-2-70b, causal) = 9,164,555,288,576,000 FLOPs', () => {
    // 64,000 · (137,953,296,384 + 5,242,880,000) = 64,000 · 143,196,176,384
    const d = prefillFlopsFormula.derive({ B: 16, S: 4000, N: 68_976_648_192, L: 80, H: 8192, m: 0.5 });
    expect(d.value).toBe(9_164_555_288_576_000);
  });
});

describe('roofline phases', () => {
  it('phaseSeconds(9.5e15 FLOPs on 8×A800 at 100%) = 3.806 s, compute-bound', () => {
    // 9.5e15 / (8·312e12) = 9.5e15 / 2.496e15 = 3.80609
    const t = phaseSeconds({
      flops: 9.5e15,
      bytes: 1.38e11,
      gpus: 8,
      peak: 312e12,
      bandwidth: 2.039e12,
      computeEfficiency: 1,
      memoryEfficiency: 1,
      commSeconds: 0,
    });
    expect(t.seconds).toBeCloseTo(3.80609, 5);
    expect(t.regime).toBe('compute-bound');
  });

  it('phaseSeconds(one llama-2-70b decode step, B=1, S\'=4000) = 8.54 ms, memory-bound', () => {
    // FLOPs 148,439,056,384 → 5.9e-5 s; bytes 137,953,296,384 + 4000·327,680 = 139,264,016,384 → /(8·2.039e12) = 8.5375e-3 s
    const t = phaseSeconds({
      flops: 148_439_056_384,
      bytes: 139_264_016_384,
      gpus: 8,
      peak: 312e12,
      bandwidth: 2.039e12,
      computeEfficiency: 1,
      memoryEfficiency: 1,
      commSeconds: 0,
    });
    expect(t.seconds).toBeCloseTo(0.0085375, 7);
    expect(t.regime).toBe('memory-bound');
  });

  it('allReduceSeconds(1 GB over 8 GPUs at 200 GB/s) = 8.75 ms', () => {
    // 2·7/8 · 1e9 / 200e9 = 1.75 · 0.005
    expect(allReduceSeconds({ bytes: 1e9, gpus: 8, bandwidth: 200e9 })).toBeCloseTo(0.00875, 12);
    expect(allReduceFormula.derive({ M: 1e9, G: 8, W: 200e9 }).value).toBeCloseTo(0.00875, 12);
  });

  it('allReduceSeconds on one GPU = 0 s', () => {
    expect(allReduceSeconds({ bytes: 1e9, gpus: 1, bandwidth: 1 })).toBe(0);
  });

  it('tensorParallelCommSeconds(llama-2-70b prefill, 64,000 tokens, 8 GPUs, 160 GB/s) = 1.835 s', () => {
    // message 64,000·8192·2 = 1,048,576,000 B; ring 1.75 · 1,048,576,000 / 160e9 = 0.0114688 s; × 2·80
    expect(tensorParallelCommSeconds({ layers: 80, tokens: 64_000, hidden: 8192, bytesPerElement: 2, gpus: 8, bandwidth: 160e9 })).toBeCloseTo(
      1.835008,
      9,
    );
    expect(tensorParallelCommFormula.derive({ L: 80, T: 64_000, H: 8192, s: 2, G: 8, W: 160e9 }).value).toBeCloseTo(1.835008, 9);
  });

  it('phaseSeconds with efficiency 1.5 throws InputError naming computeEfficiency', () => {
    expect(() =>
      phaseSeconds({ flops: 1, bytes: 1, gpus: 1, peak: 1, bandwidth: 1, computeEfficiency: 1.5, memoryEfficiency: 1, commSeconds: 0 }),
    ).toThrow(InputError);
  });
});

describe('estimateInferenceLatency', () => {
  it('llama-2-70b on 8×A800, 16 × 4,000 in, ideal efficiencies: TTFT = compute + comm = 3.806 + 1.468 s', () => {
    // compute 9,500,099,608,576,000 / 2.496e15 = 3.806130 s; comm 2·80·1.75·1,048,576,000/200e9 = 1.4680064 s
    const r = estimateInferenceLatency(LLAMA2_70B, A800X8, { batch: 16, input: 4000, output: 1, attention: 'full' }, IDEAL);
    expect(r.prefillFlops).toBe(9_500_099_608_576_000);
    expect(r.prefill.computeSeconds).toBeCloseTo(3.80613, 5);
    expect(r.prefill.commSeconds).toBeCloseTo(1.4680064, 7);
    expect(r.ttftSeconds).toBeCloseTo(3.80613 + 1.4680064, 5);
    expect(r.prefill.regime).toBe('compute-bound');
    expect(r.decodeFirst.regime).toBe('memory-bound');
  });

  it('tpotSeconds is the mean over the O−1 decode steps; O = 2 gives the step at context S+1', () => {
    const r = estimateInferenceLatency(LLAMA2_70B, { ...A800X8, gpus: 1 }, { batch: 1, input: 100, output: 2, attention: 'causal' }, IDEAL);
    // one step at context 101: bytes 137,953,296,384 + 101·327,680 = 137,986,392,064; / 2.039e12 = 0.0676736 s
    expect(r.tpotSeconds).toBeCloseTo(0.06767356, 7);
    expect(r.totalSeconds).toBeCloseTo(r.ttftSeconds + r.tpotSeconds, 12);
  });

  it('returns derivations for prefill FLOPs, comm, TTFT and TPOT', () => {
    const r = estimateInferenceLatency(LLAMA2_70B, A800X8, { batch: 1, input: 10, output: 10, attention: 'full' });
    expect(r.steps.map((s) => s.id)).toEqual(['latency.prefillFlops', 'latency.tensorParallelComm', 'latency.prefill', 'latency.decode']);
    expect(DEFAULT_EFFICIENCIES.compute).toBe(0.8);
  });

  it('batch 0 throws InputError naming batch', () => {
    expect(() => estimateInferenceLatency(LLAMA2_70B, A800X8, { batch: 0, input: 10, output: 10, attention: 'full' })).toThrow(InputError);
  });

  it('property: TTFT and TPOT never fall as B or S grow', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 8000 }),
        fc.integer({ min: 1, max: 32 }),
        fc.integer({ min: 1, max: 2000 }),
        fc.constantFrom(1, 2, 4, 8),
        (B, S, dB, dS, G) => {
          const hw = { ...A800X8, gpus: G };
          const work = { batch: B, input: S, output: 3, attention: 'causal' as const };
          const base = estimateInferenceLatency(LLAMA2_70B, hw, work);
          const moreB = estimateInferenceLatency(LLAMA2_70B, hw, { ...work, batch: B + dB });
          const moreS = estimateInferenceLatency(LLAMA2_70B, hw, { ...work, input: S + dS });
          expect(moreB.ttftSeconds).toBeGreaterThanOrEqual(base.ttftSeconds);
          expect(moreS.ttftSeconds).toBeGreaterThanOrEqual(base.ttftSeconds);
          expect(moreB.tpotSeconds).toBeGreaterThanOrEqual(base.tpotSeconds);
          expect(moreS.tpotSeconds).toBeGreaterThanOrEqual(base.tpotSeconds);
        },
      ),
      { numRuns: 60 },
    );
  });
});
