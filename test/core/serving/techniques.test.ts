import { describe, expect, it } from 'vitest';
import { PRESETS, getPreset } from '../../../src/core/model/presets';
import { getGpu } from '../../../src/core/gpu/gpu';
import { SERVING_TECHNIQUES } from '../../../src/core/scenario/defaults';
import { resolveServingTechniques, servingScenario } from '../../../src/core/scenario/serving';
import { continuousBatchingCurve, continuousThroughputDerivation, curveConcurrencies, servingDerivations } from '../../../src/core/scenario/servingSteps';
import { continuousThroughputFormula } from '../../../src/core/serving/batching';
import { type InputError } from '../../../src/core/units';

const llama2_70b = getPreset('llama-2-70b').spec;
const a800 = getGpu('a800-sxm-80gb');

describe('serving techniques in the scenario engine', () => {
  it('SERVING_TECHNIQUES: every technique off, reserved KV slots, vLLM’s 16-token blocks', () => {
    expect(SERVING_TECHNIQUES).toEqual({
      kvAllocation: 'reserved',
      kvBlockTokens: 16,
      prefixCache: null,
      prefillChunkTokens: null,
      speculative: null,
      weightQuantization: null,
    });
  });

  it.each(PRESETS.map((p) => [p.id, p.spec] as const))('%s: the defaults leave every answer as it was (techniques {} = none given)', (_id, spec) => {
    for (const gpu of [getGpu('a800-sxm-80gb'), getGpu('h100-sxm')]) {
      const input = { model: spec, gpu, gpus: 8, batch: 16, inputTokens: 2000, outputTokens: 300 } as const;
      const plain = servingScenario(input);
      const withDefaults = servingScenario({ ...input, techniques: { ...SERVING_TECHNIQUES } });
      expect(withDefaults).toEqual(plain);
      expect(plain.memory.paging).toBeNull();
      expect(plain.prefixCache).toBeNull();
      expect(plain.chunkedPrefill).toBeNull();
      expect(plain.speculative).toBeNull();
    }
  });

  it('resolveServingTechniques refuses each bad value by its field', () => {
    const fieldOf = (t: object) => {
      try {
        resolveServingTechniques(t);
      } catch (e) {
        return (e as InputError).field;
      }
      return null;
    };
    expect(fieldOf({ kvAllocation: 'pooled' })).toBe('kvAllocation');
    expect(fieldOf({ kvBlockTokens: 0 })).toBe('kvBlockTokens');
    expect(fieldOf({ kvBlockTokens: 1.5 })).toBe('kvBlockTokens');
    expect(fieldOf({ prefillChunkTokens: 0 })).toBe('prefillChunkTokens');
    expect(fieldOf({ prefixCache: { prefixTokens: 0, hitRate: 0.5 } })).toBe('prefixTokens');
    expect(fieldOf({ prefixCache: { prefixTokens: 100, hitRate: Number.NaN } })).toBe('hitRate');
    expect(fieldOf({ weightQuantization: { granularity: 0, scaleBits: 16 } })).toBe('groupSize');
    expect(fieldOf({ weightQuantization: { granularity: 128, scaleBits: 1e9 } })).toBe('scaleBits');
    expect(fieldOf({ speculative: { draft: llama2_70b, draftTokens: 2.5, acceptance: 0.5 } })).toBe('draftTokens');
  });

  it('a paged scenario shows the paged derivations in place of ⌊budget / cache⌋, with the answer’s own concurrency', () => {
    const r = servingScenario({
      model: llama2_70b,
      gpu: a800,
      gpus: 2,
      batch: 8,
      inputTokens: 3000,
      outputTokens: 1000,
      weightDtype: 'fp16',
      techniques: { kvAllocation: 'paged' },
    });
    const ids = servingDerivations(llama2_70b, r).map((d) => d.id);
    expect(ids).toContain('serving.pagedConcurrency');
    expect(ids).not.toContain('serving.maxConcurrency');
  });
});

describe('continuous batching curve', () => {
  it('curveConcurrencies(10) = [1, 2, 4, 8, 10, 16]; curveConcurrencies(0) = [1, 2]', () => {
    expect(curveConcurrencies(10)).toEqual([1, 2, 4, 8, 10, 16]);
    expect(curveConcurrencies(0)).toEqual([1, 2]);
    expect(curveConcurrencies(100_000).at(-1)).toBe(4096);
  });

  it('continuousThroughput(10 in flight, 1,000 tokens, 57.8 s each) = 173.0 tokens/s', () => {
    // 10·1000/57.8 = 173.01
    expect(continuousThroughputFormula.derive({ C: 10, O: 1000, R: 57.8 }).value).toBeCloseTo(10_000 / 57.8, 10);
  });

  describe('Llama 2 70B fp16 on 2 × A800, 3,000 + 1,000 tokens', () => {
    const input = { model: llama2_70b, gpu: a800, gpus: 2, batch: 1, inputTokens: 3000, outputTokens: 1000, weightDtype: 'fp16' } as const;
    const curve = continuousBatchingCurve(input);

    it('the memory limit is 10 requests (as servingMemory says) and the curve stops rising there', () => {
      expect(curve.maxConcurrency).toBe(10);
      expect(curve.points.map((p) => p.concurrency)).toEqual([1, 2, 4, 8, 10, 16]);
      expect(curve.points.map((p) => p.fits)).toEqual([true, true, true, true, true, false]);
      const x = curve.points.map((p) => p.outputTokensPerSecond);
      for (let i = 1; i < 5; i += 1) expect(x[i]).toBeGreaterThan(x[i - 1]!);
      expect(x[5]).toBe(x[4]);
      expect(curve.points[5]!.memoryQueueSeconds).toBeGreaterThan(0);
      expect(curve.points[5]!.ttftSeconds).toBeGreaterThan(curve.points[4]!.ttftSeconds + 1);
    });

    it('every step carries more requests: the time per output token grows with the batch', () => {
      const itl = curve.points.slice(0, 5).map((p) => p.itlSeconds);
      for (let i = 1; i < itl.length; i += 1) expect(itl[i]).toBeGreaterThan(itl[i - 1]!);
    });

    it('Little’s law on the steady state: X = B·O/T_req is the engine’s throughput at 8 users', () => {
      const r = servingScenario({ ...input, batch: 8 });
      const d = continuousThroughputDerivation(r);
      expect(d?.inputs['C']).toBe(8);
      expect(d?.value).toBeCloseTo(r.continuous!.outputTokensPerSecond, 9);
      expect(curve.points[3]!.outputTokensPerSecond).toBeCloseTo(r.continuous!.outputTokensPerSecond, 12);
    });

    it('paging raises the limit to 12, so the curve goes further', () => {
      const paged = continuousBatchingCurve({ ...input, techniques: { kvAllocation: 'paged' } });
      expect(paged.maxConcurrency).toBe(12);
      expect(Math.max(...paged.points.map((p) => p.outputTokensPerSecond))).toBeGreaterThan(Math.max(...curve.points.map((p) => p.outputTokensPerSecond)));
    });
  });

  it('no request fits: an empty curve', () => {
    const c = continuousBatchingCurve({ model: getPreset('llama-3.1-405b').spec, gpu: a800, gpus: 1, batch: 1, inputTokens: 1000, outputTokens: 100 });
    expect(c).toEqual({ maxConcurrency: 0, points: [] });
  });
});
