/**
 * The playground's reverse questions (src/core/scenario/reverseModes.ts): each answer a
 * literal, checked at its boundary through the forward engine it searched (the answer meets
 * every constraint, one step further does not), the derivation (checks at the answer and
 * past it) against the same engine, and the TPOT monotonicity the prompt search adds to
 * ./reverse.ts's, with fast-check.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getGpu } from '../../src/core/gpu/gpu';
import { getPreset } from '../../src/core/model/presets';
import { servingScenario, type ServingInput } from '../../src/core/scenario/serving';
import { tensorParallelCandidates } from '../../src/core/scenario/reverse';
import { difference, reversePoint, solveReverse } from '../../src/core/scenario/reverseModes';
import { InputError } from '../../src/core/units';

const a800 = getGpu('a800-sxm-80gb');
const llama7 = getPreset('llama-2-7b').spec;
const llama70 = getPreset('llama-2-70b').spec;
// The playground's defaults: Llama 2 7B on 8 × A800 (runtime reading, u = 0.9), 16 requests of 3,000 + 1,000 tokens, bf16.
const defaults: ServingInput = {
  model: llama7,
  gpu: a800,
  gpus: 8,
  batch: 16,
  inputTokens: 3000,
  outputTokens: 1000,
  weightDtype: 'bf16',
  kvDtype: 'bf16',
  assumptions: { memoryReading: 'runtime', utilization: 0.9 },
};
const targets = { ttftSeconds: 0.5, tpotSeconds: 0.05 };
const at = (over: Partial<ServingInput>) => servingScenario({ ...defaults, ...over });

function fieldOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e.field;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('solveReverse: batch', () => {
  it('Llama 2 7B on 8 × A800, 3,000 + 1,000 tokens, TTFT ≤ 500 ms, TPOT ≤ 50 ms (static batch): B = 12, limited by the TTFT', () => {
    const a = solveReverse({ quantity: 'batch', serving: defaults, targets });
    expect(a.value).toBe(12);
    expect(a.limitedBy).toBe('ttft');
    // The forward engine at the boundary: 12 prompts prefilled together meet 500 ms, 13 do not.
    expect(at({ batch: 12 }).ttftSeconds).toBeLessThanOrEqual(0.5);
    expect(at({ batch: 13 }).ttftSeconds).toBeGreaterThan(0.5);
    // The derivation: the answer's point is the forward scenario there; past it the TTFT check fails, memory and TPOT still pass.
    expect(a.at.scenario.ttftSeconds).toBe(at({ batch: 12 }).ttftSeconds);
    expect(a.at.failed).toBeNull();
    expect(a.beyond?.batch).toBe(13);
    expect(a.beyond?.failed).toBe('ttft');
    expect(a.beyond?.checks.map((c) => [c.constraint, c.ok])).toEqual([
      ['memory', true],
      ['ttft', false],
      ['tpot', true],
    ]);
  });

  it('continuous batching reads TTFT with queueing and the mean time between tokens: 255 in flight, limited by the TPOT', () => {
    const a = solveReverse({ quantity: 'batch', serving: defaults, targets, batching: 'continuous' });
    expect(a.value).toBe(255);
    expect(a.limitedBy).toBe('tpot');
    expect(at({ batch: 255 }).continuous!.itlSeconds).toBeLessThanOrEqual(0.05);
    expect(at({ batch: 256 }).continuous!.itlSeconds).toBeGreaterThan(0.05);
    expect(a.at.tpotSeconds).toBe(at({ batch: 255 }).continuous!.itlSeconds);
  });

  it('a 10 ms TTFT is unreachable: no answer, the point at B = 1, a warning by the TTFT target', () => {
    const a = solveReverse({ quantity: 'batch', serving: defaults, targets: { ttftSeconds: 0.01, tpotSeconds: 0.05 } });
    expect(a.value).toBeNull();
    expect(a.at.batch).toBe(1);
    expect(a.beyond).toBeNull();
    expect(a.warnings.map((w) => w.code)).toEqual(['targets-unreachable']);
  });
});

describe('solveReverse: GPUs of one replica', () => {
  it('16 requests of 3,000 + 1,000 tokens of Llama 2 7B within 1 s TTFT and 20 ms TPOT need 4 A800s: on 2 the TTFT misses', () => {
    const t = { ttftSeconds: 1, tpotSeconds: 0.02 };
    const a = solveReverse({ quantity: 'gpus', serving: defaults, targets: t });
    expect(a.value).toBe(4);
    expect(a.limitedBy).toBe('ttft');
    expect(a.candidates.map((p) => [p.gpus, p.failed])).toEqual([
      [1, 'ttft'],
      [2, 'ttft'],
      [4, null],
    ]);
    // Every candidate checked through the forward engine.
    for (const g of [1, 2]) expect(at({ gpus: g }).ttftSeconds).toBeGreaterThan(1);
    expect(at({ gpus: 4 }).ttftSeconds).toBeLessThanOrEqual(1);
    expect(at({ gpus: 4 }).tpotSeconds).toBeLessThanOrEqual(0.02);
    expect(a.beyond?.gpus).toBe(2);
  });

  it('one GPU that already meets the targets is the answer, with nothing past it', () => {
    const a = solveReverse({ quantity: 'gpus', serving: { ...defaults, batch: 1, inputTokens: 500 }, targets: { ttftSeconds: 1, tpotSeconds: 0.05 } });
    expect(a.value).toBe(1);
    expect(a.limitedBy).toBeNull();
    expect(a.beyond).toBeNull();
  });

  it('Llama 2 70B with 4,000 requests of 3,000 + 1,000 tokens fits on no count up to 64: no-gpu-count-fits', () => {
    const a = solveReverse({ quantity: 'gpus', serving: { ...defaults, model: llama70, batch: 4000 }, targets: { ttftSeconds: 1e5, tpotSeconds: 1e5 } });
    expect(a.value).toBeNull();
    expect(a.at.gpus).toBe(64);
    expect(a.warnings.map((w) => w.code)).toContain('no-gpu-count-fits');
    expect(tensorParallelCandidates(llama70, 64)).toEqual([1, 2, 4, 8, 16, 32, 64]);
  });
});

describe('solveReverse: tensor-parallel degree for an arrival rate', () => {
  it('10 requests/s of Llama 2 7B within 1 s TTFT and 20 ms TPOT: TP 4, 5 replicas, 20 GPUs (TP 1: 29, TP 2: 22, TP 8: 24)', () => {
    const a = solveReverse({ quantity: 'tp', serving: defaults, targets: { ttftSeconds: 1, tpotSeconds: 0.02 }, arrivalRate: 10 });
    expect(a.value).toBe(4);
    expect(a.batching).toBe('continuous');
    expect(a.plans.map((p) => [p.gpusPerReplica, p.gpusTotal])).toEqual([
      [1, 29],
      [2, 22],
      [4, 20],
      [8, 24],
    ]);
    // The chosen replica holds B* = 42 within 20 ms between tokens; 43 would not.
    expect(a.plan?.concurrency).toBe(42);
    expect(at({ gpus: 4, batch: 42 }).continuous!.itlSeconds).toBeLessThanOrEqual(0.02);
    expect(at({ gpus: 4, batch: 43 }).continuous!.itlSeconds).toBeGreaterThan(0.02);
    // ⌈10 / λ_rep⌉ replicas, λ_rep the forward engine's rate at B* = 42.
    expect(Math.ceil(10 / at({ gpus: 4, batch: 42 }).continuous!.requestsPerSecond)).toBe(5);
    expect(a.at.gpus).toBe(4);
    expect(a.at.batch).toBe(42);
    expect(a.beyond?.batch).toBe(43);
    expect(a.beyond?.failed).toBe('tpot');
  });

  it('refuses an arrival rate that is missing or 0, by field', () => {
    expect(fieldOf(() => solveReverse({ quantity: 'tp', serving: defaults, targets }))).toBe('arrivalRate');
    expect(fieldOf(() => solveReverse({ quantity: 'tp', serving: defaults, targets, arrivalRate: 0 }))).toBe('arrivalRate');
  });
});

describe('solveReverse: longest prompt', () => {
  const q70: ServingInput = { ...defaults, model: llama70 };
  it('Llama 2 70B on 8 × A800, 16 prompts prefilled together: the longest with TTFT ≤ 1 s is 622 tokens, because forward(622) ≤ 1 s < forward(623)', () => {
    const a = solveReverse({ quantity: 'prompt', serving: q70, targets: { ttftSeconds: 1, tpotSeconds: 0.05 } });
    expect(a.value).toBe(622);
    expect(a.limitedBy).toBe('ttft');
    expect(servingScenario({ ...q70, inputTokens: 622 }).ttftSeconds).toBeLessThanOrEqual(1);
    expect(servingScenario({ ...q70, inputTokens: 623 }).ttftSeconds).toBeGreaterThan(1);
    expect(a.at.checks.map((c) => c.constraint)).toEqual(['memory', 'context', 'ttft', 'tpot']);
    expect(a.beyond?.inputTokens).toBe(623);
  });

  it('one prompt at a time stops at the model’s 4,096-token context: 4,096 − 1,000 = 3,096 tokens, with a warning', () => {
    const a = solveReverse({ quantity: 'prompt', serving: { ...q70, batch: 1 }, targets: { ttftSeconds: 1, tpotSeconds: 0.05 } });
    expect(a.value).toBe(3096);
    expect(a.limitedBy).toBe('context');
    expect(a.beyond).toBeNull();
    expect(a.warnings.map((w) => w.code)).toContain('prompt-limited-by-context');
    // The context check at the answer: S + O = 4,096 of 4,096.
    expect(a.at.checks.find((c) => c.constraint === 'context')).toEqual({ constraint: 'context', value: 4096, limit: 4096, ok: true });
  });

  it('a TPOT target tighter than the TTFT one cuts the prompt: 16 prompts, TTFT ≤ 1 s and TPOT ≤ 17.7 ms → limited by the TPOT', () => {
    const a = solveReverse({ quantity: 'prompt', serving: q70, targets: { ttftSeconds: 1, tpotSeconds: 0.0177 } });
    const S = a.value!;
    expect(a.limitedBy).toBe('tpot');
    expect(S).toBeLessThan(622);
    expect(servingScenario({ ...q70, inputTokens: S }).tpotSeconds).toBeLessThanOrEqual(0.0177);
    expect(servingScenario({ ...q70, inputTokens: S + 1 }).tpotSeconds).toBeGreaterThan(0.0177);
    expect(a.beyond?.failed).toBe('tpot');
  });

  it('a TPOT no prompt meets: no answer and a warning by the TPOT target', () => {
    const a = solveReverse({ quantity: 'prompt', serving: q70, targets: { ttftSeconds: 1, tpotSeconds: 0.001 } });
    expect(a.value).toBeNull();
    expect(a.limitedBy).toBe('tpot');
    expect(a.warnings.map((w) => [w.code, w.field])).toEqual([['targets-unreachable', 'tpotTargetSeconds']]);
  });
});

describe('solveReverse: inputs', () => {
  it('refuses targets out of range by field', () => {
    expect(fieldOf(() => solveReverse({ quantity: 'batch', serving: defaults, targets: { ttftSeconds: 0, tpotSeconds: 0.05 } }))).toBe('ttftTargetSeconds');
    expect(fieldOf(() => solveReverse({ quantity: 'batch', serving: defaults, targets: { ttftSeconds: 0.5, tpotSeconds: Number.NaN } }))).toBe(
      'tpotTargetSeconds',
    );
    expect(fieldOf(() => solveReverse({ quantity: 'batch', serving: defaults, targets: { ttftSeconds: 1e300, tpotSeconds: 0.05 } }))).toBe('ttftTargetSeconds');
    expect(fieldOf(() => solveReverse({ quantity: 'nope' as 'batch', serving: defaults, targets }))).toBe('quantity');
  });

  it('every answer and check is a finite number (fast-check over questions and targets)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('gpus', 'tp', 'batch', 'prompt' as const),
        fc.constantFrom('static', 'continuous' as const),
        fc.double({ min: 0.01, max: 10, noNaN: true }),
        fc.double({ min: 0.001, max: 0.5, noNaN: true }),
        fc.integer({ min: 1, max: 64 }),
        (quantity, batching, ttft, tpot, batch) => {
          const a = solveReverse({ quantity, serving: { ...defaults, batch }, targets: { ttftSeconds: ttft, tpotSeconds: tpot }, batching, arrivalRate: 5 });
          if (a.value === null) expect(a.warnings.length).toBeGreaterThan(0);
          else expect(Number.isInteger(a.value)).toBe(true);
          for (const p of [a.at, ...(a.beyond ? [a.beyond] : [])])
            for (const c of p.checks) expect(Number.isFinite(c.value) && Number.isFinite(c.limit)).toBe(true);
        },
      ),
      { numRuns: 25 },
    );
  });
});

describe('reversePoint', () => {
  it('checks memory, TTFT and TPOT at a point exactly as the forward engine reports them', () => {
    const p = reversePoint(defaults, { gpus: 8, batch: 16, inputTokens: 3000 }, targets, 'static');
    const r = at({});
    expect(p.checks).toEqual([
      { constraint: 'memory', value: r.memory.totalBytes, limit: r.memory.usableBytes, ok: true },
      { constraint: 'ttft', value: r.ttftSeconds, limit: 0.5, ok: false },
      { constraint: 'tpot', value: r.tpotSeconds, limit: 0.05, ok: true },
    ]);
    expect(p.failed).toBe('ttft');
  });
});

describe('monotonicity the prompt search adds (fast-check)', () => {
  const MODELS = ['llama-3-8b', 'llama-2-70b', 'mistral-7b', 'qwen2.5-7b', 'mixtral-8x7b'].map((id) => getPreset(id).spec);
  const GPUS = ['h100-sxm', 'a800-sxm-80gb', 'l40s'].map((id) => getGpu(id));
  it('a longer prompt never decodes faster: TPOT does not fall as S grows', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...MODELS),
        fc.constantFrom(...GPUS),
        fc.nat(3),
        fc.integer({ min: 1, max: 30000 }),
        fc.integer({ min: 1, max: 30000 }),
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 2, max: 2000 }),
        (model, gpu, tpIndex, x, y, batch, outputTokens) => {
          const tps = tensorParallelCandidates(model);
          const q = { model, gpu, gpus: tps[tpIndex % tps.length]!, batch, outputTokens };
          const [s1, s2] = [Math.min(x, y), Math.max(x, y)];
          const t1 = servingScenario({ ...q, inputTokens: s1 }).tpotSeconds;
          const t2 = servingScenario({ ...q, inputTokens: s2 }).tpotSeconds;
          expect(t2).toBeGreaterThanOrEqual(t1 * (1 - 1e-12));
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('difference', () => {
  it('difference(8, 10) = +2, +25%; difference(10, 8) = −2, −20%; equal values are the same', () => {
    expect(difference(8, 10)).toEqual({ absolute: 2, relative: 0.25, same: false });
    expect(difference(10, 8)).toEqual({ absolute: -2, relative: -0.2, same: false });
    expect(difference(3, 3)).toEqual({ absolute: 0, relative: 0, same: true });
  });
  it('difference(0, 3) has no relative change (from nothing); a negative A divides by |A|', () => {
    expect(difference(0, 3)).toEqual({ absolute: 3, relative: null, same: false });
    // (−1 − (−2)) / |−2| = +0.5: B is larger
    expect(difference(-2, -1)).toEqual({ absolute: 1, relative: 0.5, same: false });
  });
  it('refuses a value that is not finite', () => {
    expect(fieldOf(() => difference(Number.NaN, 1))).toBe('value');
    expect(fieldOf(() => difference(1, Number.POSITIVE_INFINITY))).toBe('value');
  });
});
