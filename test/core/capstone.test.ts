/**
 * The capstone answers (src/core/capstone.ts, content/capstone.mdx) as literal numbers. The
 * engine's own figures (a replica's requests per second at a concurrency, a prefill's
 * seconds) are checked where they are computed (test/core/reverse.test.ts, scenario and
 * latency tests); here each step built on them is redone by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { failureCapstone, fp8Capstone, longContextCapstone, servingCapstone, trainingCapstone } from '../../src/core/capstone';

describe('capstone 1: serve Llama 3 70B at 50 requests/s, TTFT ≤ 500 ms, TPOT ≤ 50 ms', () => {
  const c = servingCapstone();
  const by = (id: string) => c.answer.options.find((o) => o.gpu === id)!;

  it('per GPU: the best degree and the GPUs it needs (H100 44, H200 40, A800 136, MI300X 32, B200 16)', () => {
    expect(c.answer.options.map((o) => [o.gpu, o.tensorParallel, o.plan.concurrency, o.plan.replicas, o.plan.gpusTotal])).toEqual([
      ['h100-sxm', 4, 48, 11, 44],
      ['h200', 4, 55, 10, 40],
      ['a800-sxm-80gb', 8, 31, 17, 136],
      ['mi300x', 2, 33, 16, 32],
      ['b200', 2, 64, 8, 16],
    ]);
    // every degree tried on the H100: TP 1 does not fit (141 GB of bf16 weights on one 80 GB GPU)
    expect(by('h100-sxm').gpusByDegree).toEqual([
      { tp: 1, gpus: null, limitedBy: 'memory' },
      { tp: 2, gpus: 60, limitedBy: 'memory' },
      { tp: 4, gpus: 44, limitedBy: 'tpot' },
      { tp: 8, gpus: 48, limitedBy: 'tpot' },
    ]);
    expect(c.answer.fewestGpus.gpu).toBe('b200');
  });

  it('replicas = ⌈50 / λ_rep⌉ from each replica’s rate at its largest batch', () => {
    // H100: λ_rep = 4.747 requests/s at 48 in flight; 50 / 4.747 = 10.53 → 11; 11 · 4 = 44
    expect(by('h100-sxm').plan.steady!.requestsPerSecond).toBeCloseTo(4.747, 3);
    // H200: 5.472; 50 / 5.472 = 9.14 → 10; 10 · 4 = 40
    expect(by('h200').plan.steady!.requestsPerSecond).toBeCloseTo(5.472, 3);
    // A800: 3.011; 50 / 3.011 = 16.6 → 17; 17 · 8 = 136
    expect(by('a800-sxm-80gb').plan.steady!.requestsPerSecond).toBeCloseTo(3.011, 3);
    // B200: 6.39; 50 / 6.39 = 7.8 → 8; 8 · 2 = 16
    expect(by('b200').plan.steady!.requestsPerSecond).toBeCloseTo(6.39, 2);
    for (const o of c.answer.options) expect(o.plan.replicas).toBe(Math.ceil(50 / o.plan.steady!.requestsPerSecond));
  });

  it('at the example $2/GPU-h: $1.17 per million output tokens on H100, $0.954 on H200, $3.08 on A800', () => {
    // H100: 44 GPUs · $2 = $88/h = $0.024444/s; decode share 1 − ρ with ρ the operating point's prefill share;
    // 50 · 200 = 10,000 output tokens/s → 0.024444 · (1 − ρ) / 10,000 · 10⁶ = $1.167 for ρ = 0.5225
    const h100 = by('h100-sxm').plan;
    expect(h100.operating!.steady.prefillShare).toBeCloseTo(0.5225, 3);
    expect(h100.cost!.usdPerMillionOutputTokens).toBeCloseTo((((88 / 3600) * (1 - 0.5225)) / 10000) * 1e6, 2);
    expect(h100.cost!.usdPerMillionOutputTokens).toBeCloseTo(1.167, 3);
    expect(by('h200').plan.cost!.usdPerMillionOutputTokens).toBeCloseTo(0.954, 3);
    expect(by('a800-sxm-80gb').plan.cost!.usdPerMillionOutputTokens).toBeCloseTo(3.083, 3);
  });

  it('price-free: each GPU beats the H100 while its hourly price is below GPUs(H100)/GPUs(it)', () => {
    // 44/40 = 1.10, 44/136 = 0.324, 44/32 = 1.375, 44/16 = 2.75
    expect(c.answer.breakEvenPriceRatio).toEqual({ 'h100-sxm': 1, h200: 1.1, 'a800-sxm-80gb': 44 / 136, mi300x: 1.375, b200: 2.75 });
    expect(c.warnings).toEqual([]);
  });
});

describe('capstone 2: a compute-optimal model for 1e24 FLOPs on 4,096 H100s at 40% MFU', () => {
  const c = trainingCapstone();
  const p = c.answer.published;

  it('published fit: N = 41.3B, D = 4.04T, 7.14 days, 702k GPU-hours, $1.40M', () => {
    // N = 1.34471 · (1e24/6)^0.45161 = 4.1297e10; D = 1.6667e23 / 4.1297e10 = 4.0358e12
    expect(p.allocation.optimal.params).toBeCloseTo(4.12967e10, -6);
    expect(p.allocation.optimal.tokens).toBeCloseTo(4.03583e12, -8);
    // 1e24 / (4096 · 989.4e12 · 0.4) = 616,890.6 s = 7.1399 days
    expect(p.training.seconds! / 86400).toBeCloseTo(7.1399, 4);
    // 616,890.6 · 4096 / 3600 = 701,884.4 GPU-h; · $2 = $1,403,769
    expect(p.idealGpuHours).toBeCloseTo(701884.4, 0);
    expect(p.idealUsd).toBeCloseTo(1403769, -1);
  });

  it('checkpoint every 12.0 minutes; 7.36 days and $1.45M with failures', () => {
    // 14 B · 4.1297e10 = 578.2 GB; / 100 GB/s = 5.78 s; MTBF = 50,677 h · 3600 / 4096 = 44,540.3 s
    // τ = √(2 · 5.7815 · 44,540.3) = 717.6 s
    expect(p.checkpoint.intervalSeconds / 60).toBeCloseTo(11.96, 2);
    // wall = 616,890.6 · (1 + 5.7815/717.6) / (1 − ((717.6 + 5.78)/2 + 600)/44,540.3) = 616,890.6 · 1.008056 / 0.978408 = 635,584 s
    expect(p.checkpoint.wallSeconds / 86400).toBeCloseTo(7.3563, 3);
    expect(p.wallUsd).toBeCloseTo(1446307, -1);
  });

  it('the refitted constants: 95.9B parameters on 1.74T tokens, the same 7.14 days', () => {
    expect(c.answer.refitted.allocation.optimal.params).toBeCloseTo(9.58607e10, -6);
    expect(c.answer.refitted.allocation.optimal.tokensPerParam).toBeCloseTo(18.137, 2);
    expect(c.answer.refitted.training.seconds).toBeCloseTo(p.training.seconds!, 3);
    expect(c.warnings.map((w) => w.code)).toEqual(['extrapolated-beyond-fit']);
  });
});

describe('capstone 3: long documents on Llama 3 70B', () => {
  const c = longContextCapstone();

  it('64 requests of 17,000 tokens need 8 H100s in bf16, 4 in fp8', () => {
    // bf16 KV per request: 2 · 80 · 17,000 · 8 · 128 · 2 B = 5.57 GB; 64 of them = 357 GB, beside 141 GB of weights
    expect(c.answer.bf16.gpus).toBe(8);
    expect(c.answer.bf16.tried).toEqual([
      { gpus: 1, maxConcurrency: 0 },
      { gpus: 2, maxConcurrency: 1 },
      { gpus: 4, maxConcurrency: 29 },
      { gpus: 8, maxConcurrency: 83 },
    ]);
    // fp8 halves both: 2.79 GB per request, 70.6 GB of weights
    expect(c.answer.fp8.gpus).toBe(4);
    expect(c.answer.fp8.tried.at(-1)).toEqual({ gpus: 4, maxConcurrency: 83 });
  });

  it('the longest prompt with TTFT ≤ 1 s on the 8-GPU bf16 replica: 24,413 tokens', () => {
    expect(c.answer.longestPrompt.inputTokens).toBe(24413);
    expect(c.answer.longestPrompt.limitedBy).toBe('ttft');
    expect(c.answer.longestPrompt.scenario.ttftSeconds).toBeLessThanOrEqual(1);
  });
});

describe('capstone 4: what fp8 buys', () => {
  const c = fp8Capstone();

  it('fp8 on H100: TP 2, 30 GPUs instead of 44 (31.8% fewer), $0.727 per million output tokens instead of $1.17', () => {
    expect([c.answer.bf16.tensorParallel, c.answer.bf16.plan.gpusTotal]).toEqual([4, 44]);
    expect([c.answer.fp8.tensorParallel, c.answer.fp8.plan.replicas, c.answer.fp8.plan.gpusTotal]).toEqual([2, 15, 30]);
    // 1 − 30/44 = 0.3182
    expect(c.answer.gpuSaving).toBeCloseTo(0.3182, 4);
    expect(c.answer.fp8.plan.cost!.usdPerMillionOutputTokens).toBeCloseTo(0.727, 3);
  });
});

describe('capstone 5: failures at Llama 3’s scale', () => {
  const c = failureCapstone();

  it('405,853,388,800 parameters → a 5.68 TB checkpoint, 2.84 s at 2 TB/s, every 4.19 minutes', () => {
    expect(c.answer.params).toBe(405_853_388_800);
    // 14 · 405,853,388,800 = 5,681,947,443,200 B; / 2e12 = 2.841 s
    expect(c.answer.tenMinuteRestart.bytes).toBe(5_681_947_443_200);
    // MTBF = 50,677 · 3600 / 16,384 = 11,135.03 s; τ = √(2 · 2.841 · 11,135.03) = 251.53 s = 4.19 min
    expect(c.answer.tenMinuteRestart.intervalSeconds / 60).toBeCloseTo(4.192, 3);
  });

  it('54 days of training take 58.4 days with 10-minute restarts (92.4% effective), 55.8 days with 2-minute ones (96.7%)', () => {
    // lost = (251.53 + 2.84)/2 + 600 = 727.19 s; wall = 4,665,600 · 1.011295 / (1 − 727.19/11,135.03) = 5,047,985 s = 58.43 days
    expect(c.answer.tenMinuteRestart.wallSeconds / 86400).toBeCloseTo(58.43, 2);
    expect(c.answer.tenMinuteRestart.efficiency).toBeCloseTo(0.92425, 4);
    // lost = 127.19 + 120 = 247.19 s; wall = 4,665,600 · 1.011295 / (1 − 247.19/11,135.03) = 4,718,298 / 0.977801 = 4,825,416 s = 55.85 days
    expect(c.answer.twoMinuteRestart.wallSeconds / 86400).toBeCloseTo(55.85, 2);
    // 4,665,600 / 4,825,416 = 0.96688
    expect(c.answer.twoMinuteRestart.efficiency).toBeCloseTo(0.96688, 4);
  });
});
