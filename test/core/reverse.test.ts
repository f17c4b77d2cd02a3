/**
 * The reverse solvers (src/core/scenario/reverse.ts): each answer checked against the
 * forward engine it searched (the answer meets the target, one more does not), and each
 * monotonicity the searches assume checked with fast-check over presets, GPUs and workloads.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getGpu } from '../../src/core/gpu/gpu';
import { getPreset } from '../../src/core/model/presets';
import { servingScenario } from '../../src/core/scenario/serving';
import {
  largestPassing,
  planCapacity,
  smallestPassing,
  solveConcurrency,
  solveGpusForConcurrency,
  solveLongestPrompt,
  solveTensorParallel,
  tensorParallelCandidates,
} from '../../src/core/scenario/reverse';
import { InputError } from '../../src/core/units';

const llama70 = getPreset('llama-3-70b').spec;
const h100 = getGpu('h100-sxm');
const q = { model: llama70, gpu: h100, gpus: 4, inputTokens: 2000, outputTokens: 200 };
const targets = { ttftSeconds: 0.5, tpotSeconds: 0.05 };

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e.field;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('searches', () => {
  it('largestPassing(1, 100, x² ≤ 50) = 7; smallestPassing(1, 100, x² ≥ 50) = 8; null when nothing passes', () => {
    expect(largestPassing(1, 100, (x) => x * x <= 50).value).toBe(7);
    expect(smallestPassing(1, 100, (x) => x * x >= 50).value).toBe(8);
    expect(largestPassing(1, 100, () => false).value).toBeNull();
    expect(smallestPassing(1, 100, () => false).value).toBeNull();
    expect(largestPassing(1, 100, () => true).value).toBe(100);
  });

  it('largestPassing finds any threshold of a monotone predicate, in at most ⌈log₂ n⌉ + 2 evaluations (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 0, max: 1e6 }), (hi, t) => {
        const r = largestPassing(1, hi, (x) => x <= t);
        expect(r.value).toBe(t >= 1 ? Math.min(t, hi) : null);
        expect(r.evaluations).toBeLessThanOrEqual(Math.ceil(Math.log2(hi)) + 2);
      }),
    );
  });

  it('tensorParallelCandidates: the degrees engines accept, up to one NVLink node', () => {
    // 64 query heads, 8 KV heads
    expect(tensorParallelCandidates(llama70)).toEqual([1, 2, 4, 8]);
    // Qwen2.5 7B: 28 heads, 4 KV heads; 7 divides 28 but neither divides nor is a multiple of 4
    expect(tensorParallelCandidates(getPreset('qwen2.5-7b').spec)).toEqual([1, 2, 4]);
    // Falcon 7B: 71 heads (MQA): only 1 up to 8
    expect(tensorParallelCandidates(getPreset('falcon-7b').spec)).toEqual([1]);
    expect(tensorParallelCandidates(llama70, 64)).toEqual([1, 2, 4, 8, 16, 32, 64]);
  });
});

describe('solveConcurrency', () => {
  it('Llama 3 70B on 4 × H100, 2,000 + 200 tokens, TTFT ≤ 500 ms, TPOT ≤ 50 ms: 48 requests in flight, TPOT-bound', () => {
    const a = solveConcurrency(q, targets);
    expect(a.concurrency).toBe(48);
    expect(a.limitedBy).toBe('tpot');
    // the engine agrees: 48 meets both targets, 49 misses the TPOT target
    const at48 = servingScenario({ ...q, batch: 48 }).continuous!;
    const at49 = servingScenario({ ...q, batch: 49 }).continuous!;
    expect(at48.itlSeconds).toBeLessThanOrEqual(0.05);
    expect(at48.ttftSeconds).toBeLessThanOrEqual(0.5);
    expect(at49.itlSeconds).toBeGreaterThan(0.05);
    // the answer carries the forward scenario at B = 48, as the forward calculators show it
    expect(a.scenario.batch).toBe(48);
    expect(a.steady).toEqual(at48);
    expect(a.requestsPerSecond).toBe(at48.requestsPerSecond);
    expect(a.evaluations).toBeLessThanOrEqual(12);
  });

  it('on 2 × H100 memory holds only 17 requests, fewer than the targets allow: a memory-limits-concurrency warning', () => {
    const a = solveConcurrency({ ...q, gpus: 2 }, targets);
    expect(a.concurrency).toBe(a.maxConcurrency);
    expect(a.maxConcurrency).toBe(17);
    expect(a.limitedBy).toBe('memory');
    expect(a.warnings.map((w) => w.code)).toContain('memory-limits-concurrency');
  });

  it('a TTFT target below one prefill is unreachable: null, with a warning by the TTFT target', () => {
    const a = solveConcurrency(q, { ttftSeconds: 0.01, tpotSeconds: 0.05 });
    expect(a.concurrency).toBeNull();
    expect(a.limitedBy).toBe('ttft');
    const w = a.warnings.find((x) => x.code === 'targets-unreachable')!;
    expect(w.field).toBe('ttftTargetSeconds');
    expect(w.message).toMatch(/^Not even one request at a time meets the targets on 4 × NVIDIA H100/);
    expect(a.requestsPerSecond).toBe(0);
  });

  it('a model that does not fit gives no answer and the engine’s weights-do-not-fit warning', () => {
    const a = solveConcurrency({ ...q, gpus: 1 }, targets);
    expect(a.concurrency).toBeNull();
    expect(a.limitedBy).toBe('memory');
    expect(a.warnings.map((w) => w.code)).toEqual(['weights-do-not-fit']);
  });

  it('static batching: the largest batch whose prefill-together TTFT and lock-step TPOT meet the targets', () => {
    const a = solveConcurrency(q, targets, { batching: 'static' });
    const B = a.concurrency!;
    const at = (b: number) => servingScenario({ ...q, batch: b });
    expect(at(B).ttftSeconds).toBeLessThanOrEqual(0.5);
    expect(at(B).tpotSeconds).toBeLessThanOrEqual(0.05);
    expect(at(B + 1).ttftSeconds > 0.5 || at(B + 1).tpotSeconds > 0.05).toBe(true);
    expect(a.steady).toBeNull();
  });

  it('refuses targets that are not numbers or out of range, by field', () => {
    expect(fieldOf(() => solveConcurrency(q, { ttftSeconds: Number.NaN, tpotSeconds: 0.05 }))).toBe('ttftTargetSeconds');
    expect(fieldOf(() => solveConcurrency(q, { ttftSeconds: 0.5, tpotSeconds: 0 }))).toBe('tpotTargetSeconds');
    expect(fieldOf(() => solveConcurrency(q, { ttftSeconds: 0.5, tpotSeconds: 1e300 }))).toBe('tpotTargetSeconds');
    expect(fieldOf(() => solveConcurrency({ ...q, gpus: 1e300 }, targets))).toBe('gpus');
  });
});

describe('planCapacity and solveTensorParallel', () => {
  it('50 requests/s on 4-GPU replicas: ⌈50/λ_rep⌉ replicas, each then running at the fewest requests in flight that carry its share', () => {
    const p = planCapacity(q, targets, 50, { usdPerGpuHour: 2 });
    const perReplica = p.steady!.requestsPerSecond;
    // λ_rep = 4.747 requests/s at B* = 48; 50 / 4.747 = 10.53 → 11 replicas, 44 GPUs
    expect(perReplica).toBeCloseTo(4.747, 3);
    expect(p.replicas).toBe(11);
    expect(p.gpusTotal).toBe(44);
    expect(p.goodputPerGpu).toBeCloseTo(perReplica / 4, 12);
    const op = p.operating!;
    // each replica receives 50/11 = 4.545 requests/s
    expect(op.requestsPerSecondPerReplica).toBeCloseTo(50 / 11, 12);
    const rps = (b: number) => servingScenario({ ...q, batch: b }).continuous!.requestsPerSecond;
    expect(rps(op.concurrency)).toBeGreaterThanOrEqual(50 / 11);
    expect(rps(op.concurrency - 1)).toBeLessThan(50 / 11);
    // Little's law: in flight = λ · T_req
    expect(op.inFlight).toBeCloseTo(50 * op.steady.requestSeconds, 9);
    expect(op.utilization).toBeCloseTo(50 / 11 / perReplica, 12);
    // the bill: 44 GPUs · $2 = $88/h, split by the operating point's prefill share
    expect(p.cost!.usdPerHour).toBe(88);
    expect(p.cost!.prefillShare).toBe(op.steady.prefillShare);
  });

  it('solveTensorParallel picks the degree with the fewest GPUs in all: 4 on H100 (44 GPUs, against 60 at TP 2 and 48 at TP 8)', () => {
    const t = solveTensorParallel({ model: llama70, gpu: h100, inputTokens: 2000, outputTokens: 200 }, targets, 50);
    expect(t.tensorParallel).toBe(4);
    expect(t.plans.map((p) => [p.gpusPerReplica, p.gpusTotal])).toEqual([
      [1, null],
      [2, 60],
      [4, 44],
      [8, 48],
    ]);
    expect(t.plan!.gpusTotal).toBe(Math.min(...t.plans.flatMap((p) => (p.gpusTotal === null ? [] : [p.gpusTotal]))));
  });

  it('no degree meets impossible targets: null and a warning', () => {
    const t = solveTensorParallel({ model: llama70, gpu: h100, inputTokens: 2000, outputTokens: 200 }, { ttftSeconds: 0.001, tpotSeconds: 0.05 }, 50);
    expect(t.tensorParallel).toBeNull();
    expect(t.warnings.map((w) => w.code)).toEqual(['targets-unreachable']);
  });

  it('refuses an arrival rate of 0 by field', () => {
    expect(fieldOf(() => planCapacity(q, targets, 0))).toBe('arrivalRate');
  });
});

describe('solveGpusForConcurrency and solveLongestPrompt', () => {
  it('64 requests of 16,000 + 1,000 tokens of Llama 3 70B need 8 H100s: 4 hold only 29', () => {
    const g = solveGpusForConcurrency({ model: llama70, gpu: h100, inputTokens: 16000, outputTokens: 1000 }, 64);
    expect(g.gpus).toBe(8);
    expect(g.tried.map((t) => t.gpus)).toEqual([1, 2, 4, 8]);
    expect(g.tried.find((t) => t.gpus === 4)!.maxConcurrency).toBeLessThan(64);
    expect(g.scenario.memory.maxConcurrency).toBeGreaterThanOrEqual(64);
    expect(g.scenario.gpus).toBe(8);
    expect(g.warnings).toEqual([]);
  });

  it('too many requests for any candidate: null and a no-gpu-count-fits warning', () => {
    const g = solveGpusForConcurrency({ model: llama70, gpu: h100, inputTokens: 16000, outputTokens: 1000 }, 100_000, { maxGpus: 8 });
    expect(g.gpus).toBeNull();
    expect(g.warnings.map((w) => w.code)).toEqual(['no-gpu-count-fits']);
  });

  it('the longest prompt with TTFT ≤ 500 ms on 8 × H100 meets the target, and one more token does not', () => {
    const a = solveLongestPrompt({ model: llama70, gpu: h100, gpus: 8, outputTokens: 200 }, 0.5);
    const S = a.inputTokens!;
    expect(a.limitedBy).toBe('ttft');
    expect(servingScenario({ model: llama70, gpu: h100, gpus: 8, batch: 1, inputTokens: S, outputTokens: 200 }).ttftSeconds).toBeLessThanOrEqual(0.5);
    expect(servingScenario({ model: llama70, gpu: h100, gpus: 8, batch: 1, inputTokens: S + 1, outputTokens: 200 }).ttftSeconds).toBeGreaterThan(0.5);
    expect(a.scenario.inputTokens).toBe(S);
    expect(a.evaluations).toBeLessThanOrEqual(2 * Math.ceil(Math.log2(S)) + 3);
  });

  it('a generous target stops at the model’s context: 131,072 − 200 tokens for the Llama 3 70B preset, with a warning', () => {
    const a = solveLongestPrompt({ model: llama70, gpu: h100, gpus: 8, outputTokens: 200 }, 100);
    // the preset's config (Llama 3.3 70B's) has max_position_embeddings 131,072
    expect(a.inputTokens).toBe(131072 - 200);
    expect(a.limitedBy).toBe('context');
    expect(a.warnings.map((w) => w.code)).toContain('prompt-limited-by-context');
  });

  it('a target below a one-token prefill is unreachable', () => {
    const a = solveLongestPrompt({ model: llama70, gpu: h100, gpus: 8, outputTokens: 200 }, 1e-5);
    expect(a.inputTokens).toBeNull();
    expect(a.warnings.map((w) => w.code)).toContain('targets-unreachable');
  });
});

// ── The monotonicity each search assumes, over presets, GPUs and workloads ─────────────
const MODELS = ['llama-3-8b', 'llama-3-70b', 'mistral-7b', 'qwen2.5-7b', 'mixtral-8x7b', 'gemma-2-9b'].map((id) => getPreset(id).spec);
const GPUS = ['h100-sxm', 'a800-sxm-80gb', 'h200', 'l40s'].map((id) => getGpu(id));
const setup = fc.record({
  model: fc.constantFrom(...MODELS),
  gpu: fc.constantFrom(...GPUS),
  tpIndex: fc.nat(3),
  inputTokens: fc.integer({ min: 16, max: 6000 }),
  outputTokens: fc.integer({ min: 2, max: 1500 }),
});
const question = (s: { model: (typeof MODELS)[number]; gpu: (typeof GPUS)[number]; tpIndex: number; inputTokens: number; outputTokens: number }) => {
  const tps = tensorParallelCandidates(s.model);
  return { model: s.model, gpu: s.gpu, gpus: tps[s.tpIndex % tps.length]!, inputTokens: s.inputTokens, outputTokens: s.outputTokens };
};
const eps = 1e-12;

describe('monotonicity the searches assume (fast-check)', () => {
  it('continuous batching: TTFT, TPOT and requests/s never fall as concurrency grows up to the memory limit', () => {
    fc.assert(
      fc.property(setup, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (s, u, v) => {
        const qq = question(s);
        const max = servingScenario({ ...qq, batch: 1 }).memory.maxConcurrency;
        if (max < 2) return;
        const [b1, b2] = [1 + Math.floor(u * (max - 1)), 1 + Math.floor(v * (max - 1))].sort((x, y) => x - y) as [number, number];
        const c1 = servingScenario({ ...qq, batch: b1 }).continuous!;
        const c2 = servingScenario({ ...qq, batch: b2 }).continuous!;
        expect(c2.ttftSeconds).toBeGreaterThanOrEqual(c1.ttftSeconds * (1 - eps));
        expect(c2.itlSeconds).toBeGreaterThanOrEqual(c1.itlSeconds * (1 - eps));
        expect(c2.requestsPerSecond).toBeGreaterThanOrEqual(c1.requestsPerSecond * (1 - eps));
      }),
      { numRuns: 40 },
    );
  });

  it('static batching: the batch’s TTFT and TPOT never fall as the batch grows', () => {
    fc.assert(
      fc.property(setup, fc.integer({ min: 1, max: 512 }), fc.integer({ min: 1, max: 512 }), (s, x, y) => {
        const qq = question(s);
        const [b1, b2] = [Math.min(x, y), Math.max(x, y)];
        const r1 = servingScenario({ ...qq, batch: b1 });
        const r2 = servingScenario({ ...qq, batch: b2 });
        expect(r2.ttftSeconds).toBeGreaterThanOrEqual(r1.ttftSeconds * (1 - eps));
        expect(r2.tpotSeconds).toBeGreaterThanOrEqual(r1.tpotSeconds * (1 - eps));
      }),
      { numRuns: 40 },
    );
  });

  it('a longer prompt never has a shorter TTFT, and never fits where a shorter one does not', () => {
    fc.assert(
      fc.property(setup, fc.integer({ min: 1, max: 30000 }), fc.integer({ min: 1, max: 30000 }), fc.integer({ min: 1, max: 16 }), (s, x, y, batch) => {
        const qq = question(s);
        const [s1, s2] = [Math.min(x, y), Math.max(x, y)];
        const r1 = servingScenario({ ...qq, batch, inputTokens: s1 });
        const r2 = servingScenario({ ...qq, batch, inputTokens: s2 });
        expect(r2.ttftSeconds).toBeGreaterThanOrEqual(r1.ttftSeconds * (1 - eps));
        if (r2.memory.fits) expect(r1.memory.fits).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('more GPUs per replica never hold fewer requests', () => {
    fc.assert(
      fc.property(setup, (s) => {
        const qq = question(s);
        const counts = tensorParallelCandidates(s.model, 64).map((gpus) => servingScenario({ ...qq, gpus, batch: 1 }).memory.maxConcurrency);
        for (let i = 1; i < counts.length; i += 1) expect(counts[i]!).toBeGreaterThanOrEqual(counts[i - 1]!);
      }),
      { numRuns: 30 },
    );
  });

  it('every answer meets its target and the next integer does not, unless a limit says why (fast-check)', () => {
    fc.assert(
      fc.property(setup, fc.double({ min: 0.05, max: 5, noNaN: true }), fc.double({ min: 0.005, max: 0.5, noNaN: true }), (s, ttft, tpot) => {
        const qq = question(s);
        const a = solveConcurrency(qq, { ttftSeconds: ttft, tpotSeconds: tpot });
        if (a.concurrency === null) {
          expect(a.warnings.length).toBeGreaterThan(0);
          return;
        }
        expect(a.ttftSeconds).toBeLessThanOrEqual(ttft);
        expect(a.tpotSeconds).toBeLessThanOrEqual(tpot);
        if (a.limitedBy !== 'memory') {
          const next = servingScenario({ ...qq, batch: a.concurrency + 1 }).continuous!;
          expect(next.ttftSeconds > ttft || next.itlSeconds > tpot).toBe(true);
        } else expect(a.concurrency).toBe(a.maxConcurrency);
      }),
      { numRuns: 25 },
    );
  });
});
