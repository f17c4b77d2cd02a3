import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getPreset } from '../../../src/core/model/presets';
import { getGpu } from '../../../src/core/gpu/gpu';
import {
  prefixCachedTokens,
  prefixCachedTokensFormula,
  prefixPrefillFlopsFormula,
  prefixTtftFormula,
  expectedOverHits,
} from '../../../src/core/serving/prefixCache';
import { decodeGapFormula, chunkedTtftFormula, lastChunkTokens, prefillChunks, prefillChunksFormula } from '../../../src/core/serving/chunkedPrefill';
import { forwardFlops } from '../../../src/core/flops/flops';
import { servingScenario, servingStepModel } from '../../../src/core/scenario/serving';
import { stepTime, type StepCost } from '../../../src/core/latency/step';
import { chunkedDerivations, prefixDerivations } from '../../../src/core/scenario/servingSteps';
import { InputError } from '../../../src/core/units';

const llama2_70b = getPreset('llama-2-70b').spec;
const a800 = getGpu('a800-sxm-80gb');
const base = { model: llama2_70b, gpu: a800, gpus: 2, batch: 8, inputTokens: 3000, outputTokens: 1000, weightDtype: 'fp16' } as const;

describe('prefix caching', () => {
  it('prefixCachedTokens(1,000-token prefix, 3,000-token prompt, b = 16) = 16·62 = 992: whole blocks only', () => {
    expect(prefixCachedTokens({ prefixTokens: 1000, promptTokens: 3000, blockTokens: 16 })).toBe(992);
    expect(prefixCachedTokensFormula.derive({ P: 1000, S: 3000, b: 16 }).value).toBe(992);
  });

  it('a prompt that is all prefix still recomputes its last block: P = S = 4,000 → 16·⌊3,999/16⌋ = 3,984', () => {
    expect(prefixCachedTokens({ prefixTokens: 4000, promptTokens: 4000, blockTokens: 16 })).toBe(3984);
  });

  it('SGLang’s radix tree matches at any token (b = 1): P = 1,000 → 1,000; vLLM’s example: 10 shared of 14 at b = 4 → 8', () => {
    expect(prefixCachedTokens({ prefixTokens: 1000, promptTokens: 3000, blockTokens: 1 })).toBe(1000);
    // vLLM's prefix-caching design page, "Time 4": 14 prompt tokens, the first 10 shared, block size 4: 2 blocks hit.
    expect(prefixCachedTokens({ prefixTokens: 10, promptTokens: 14, blockTokens: 4 })).toBe(8);
  });

  it('a prefix longer than the prompt is refused by prefixTokens', () => {
    expect(() => prefixCachedTokens({ prefixTokens: 10, promptTokens: 5, blockTokens: 1 })).toThrow(InputError);
  });

  it('expectedOverHits(0.8, 1 s, 6 s) = 2 s; the formulas weigh hits and misses the same way', () => {
    expect(expectedOverHits(0.8, 1, 6)).toBeCloseTo(2, 14);
    expect(prefixTtftFormula.derive({ h: 0.8, Th: 1, Tm: 6 }).value).toBeCloseTo(2, 14);
    expect(prefixPrefillFlopsFormula.derive({ h: 0.5, Fh: 2e14, Fm: 6e14 }).value).toBeCloseTo(4e14, 0);
    expect(() => prefixTtftFormula.derive({ h: 1.5, Th: 1, Tm: 2 })).toThrow(/at most 1/);
  });

  it('the scenario prefills a hit as S − S_hit new tokens over S: its FLOPs are the engine’s forward pass over 2,008 new of 3,000', () => {
    const r = servingScenario({ ...base, techniques: { prefixCache: { prefixTokens: 1000, hitRate: 0.9 } } });
    const hitFlops = forwardFlops({ spec: llama2_70b, batch: 8, newTokens: 3000 - 992, contextTokens: 3000, attention: 'causal', logits: 'last' }).total;
    expect(r.prefixCache?.cachedTokens).toBe(992);
    expect(r.prefixCache?.hit.flops).toBe(hitFlops);
    expect(r.prefixCache?.expectedPrefillFlops).toBeCloseTo(0.9 * hitFlops + 0.1 * r.prefill.flops, -3);
    expect(r.ttftSeconds).toBeCloseTo(0.9 * r.prefixCache!.hit.seconds + 0.1 * r.prefill.seconds, 12);
    expect(r.ttftSeconds).toBeLessThan(r.prefill.seconds);
    expect(prefixDerivations(r).map((d) => d.id)).toEqual(['serving.prefixCachedTokens', 'serving.prefixPrefillFlops', 'serving.prefixTtft']);
  });

  it('hit rate 0 leaves every answer as it was; hit rate 1 gives the hit’s prefill', () => {
    const plain = servingScenario(base);
    const none = servingScenario({ ...base, techniques: { prefixCache: { prefixTokens: 1000, hitRate: 0 } } });
    expect(none.ttftSeconds).toBe(plain.ttftSeconds);
    expect(none.continuous?.ttftSeconds).toBeCloseTo(plain.continuous!.ttftSeconds, 12);
    const all = servingScenario({ ...base, techniques: { prefixCache: { prefixTokens: 1000, hitRate: 1 } } });
    expect(all.ttftSeconds).toBe(all.prefixCache?.hit.seconds);
  });

  it('a prefix shorter than one block caches nothing, and says so by prefixTokens', () => {
    const r = servingScenario({ ...base, techniques: { prefixCache: { prefixTokens: 10, hitRate: 0.9 } } });
    expect(r.prefixCache?.cachedTokens).toBe(0);
    expect(r.warnings.find((w) => w.code === 'prefix-not-cached')?.field).toBe('prefixTokens');
  });

  it('refuses a hit rate of 1.2 by hitRate and a prefix longer than the prompt by prefixTokens', () => {
    const fieldOf = (t: object) => {
      try {
        servingScenario({ ...base, techniques: t });
      } catch (e) {
        return (e as InputError).field;
      }
      return null;
    };
    expect(fieldOf({ prefixCache: { prefixTokens: 100, hitRate: 1.2 } })).toBe('hitRate');
    expect(fieldOf({ prefixCache: { prefixTokens: 5000, hitRate: 0.5 } })).toBe('prefixTokens');
  });
});

describe('chunked prefill', () => {
  it('prefillChunks(4,000, 512) = 8, the last holding 4,000 − 7·512 = 416', () => {
    expect(prefillChunks(4000, 512)).toBe(8);
    expect(prefillChunksFormula.derive({ S: 4000, C: 512 }).value).toBe(8);
    expect(lastChunkTokens(4000, 512)).toBe(416);
    expect(lastChunkTokens(4096, 512)).toBe(512);
  });

  it('decodeGap(30 ms, 500 ms) = 530 ms; chunkedTtft(8 chunks of 90 ms) = 720 ms', () => {
    expect(decodeGapFormula.derive({ Td: 0.03, dT: 0.5 }).value).toBeCloseTo(0.53, 14);
    expect(chunkedTtftFormula.derive({ n: 8, T: 0.09 }).value).toBeCloseTo(0.72, 14);
  });

  it('Llama 2 70B on 2 × A800, 8 users of 3,000 + 1,000 tokens, chunks of 512: 6 chunks, the worst gap between tokens shrinks, TTFT grows a little', () => {
    const plain = servingScenario(base);
    const r = servingScenario({ ...base, techniques: { prefillChunkTokens: 512 } });
    const c = r.chunkedPrefill!;
    expect(c.chunks).toBe(6);
    expect(c.decodingRequests).toBe(7);
    expect(c.maxGapSeconds).toBeLessThan(c.maxGapUnchunkedSeconds / 3);
    expect(c.ttftSeconds).toBeGreaterThan(c.unchunkedTtftSeconds);
    // The static batch's answers do not change; the steady state's mean ITL moves a few percent at most.
    expect(r.ttftSeconds).toBe(plain.ttftSeconds);
    expect(r.tpotSeconds).toBe(plain.tpotSeconds);
    expect(Math.abs(r.continuous!.itlSeconds / plain.continuous!.itlSeconds - 1)).toBeLessThan(0.05);
    // Unchunked, the gap is the 7 others' decode step plus the engine's marginal prefill (t_p').
    const m = servingStepModel({ ...base, techniques: { prefillChunkTokens: 512 } });
    const running = stepTime(m.internals.target.decodeMean(7, 1), m.stepHardware, m.assumptions.calibration).seconds;
    expect(c.maxGapUnchunkedSeconds).toBeCloseTo(running + c.unchunkedExtraSeconds, 15);
    expect(chunkedDerivations(r).map((d) => d.id)).toEqual(['serving.prefillChunks', 'serving.decodeGap', 'serving.decodeGap', 'serving.chunkedTtft']);
  });

  it('a lone request pays for chunking: every chunk reads the weights again, so TTFT grows with the number of chunks', () => {
    const one = (chunk: number) => servingScenario({ ...base, batch: 1, techniques: { prefillChunkTokens: chunk } }).chunkedPrefill!.ttftSeconds;
    expect(one(256)).toBeGreaterThan(one(1024));
    expect(one(1024)).toBeGreaterThan(servingScenario({ ...base, batch: 1 }).continuous!.ttftSeconds * 0.99);
  });

  it('a chunk as long as the prompt warns by prefillChunkTokens', () => {
    const r = servingScenario({ ...base, techniques: { prefillChunkTokens: 4000 } });
    expect(r.warnings.find((w) => w.code === 'chunk-exceeds-prompt')?.field).toBe('prefillChunkTokens');
  });

  it('property: the chunk steps summed in closed form equal the loop over the chunks, step by step', () => {
    const add = (a: StepCost, b: StepCost): StepCost => ({
      matmulFlops: a.matmulFlops + b.matmulFlops,
      attentionFlops: a.attentionFlops + b.attentionFlops,
      weightBytes: Math.max(a.weightBytes, b.weightBytes),
      activationBytes: a.activationBytes + b.activationBytes,
      elementwiseBytes: a.elementwiseBytes + b.elementwiseBytes,
      kvBytes: a.kvBytes + b.kvBytes,
      tokens: a.tokens + b.tokens,
    });
    fc.assert(
      fc.property(fc.integer({ min: 64, max: 6000 }), fc.integer({ min: 16, max: 2048 }), fc.integer({ min: 1, max: 12 }), (S, C, users) => {
        const input = {
          ...base,
          model: getPreset('mistral-7b').spec,
          gpus: 1,
          batch: users,
          inputTokens: S,
          outputTokens: 50,
          techniques: { prefillChunkTokens: C },
        };
        const c = servingScenario(input).chunkedPrefill!;
        const m = servingStepModel(input);
        const t = m.internals.target;
        const others = users - 1;
        let loop = 0;
        for (let k = 1, done = 0; done < S; k += 1) {
          const size = Math.min(C, S - done);
          done += size;
          const chunk = t.prefill(1, size, done);
          loop += stepTime(others > 0 ? add(t.decodeMean(others, 1), chunk) : chunk, t.hw, m.assumptions.calibration).seconds;
        }
        expect(c.chunks).toBe(Math.ceil(S / C));
        expect(c.ttftSeconds).toBeCloseTo(loop, 12);
        expect(c.maxGapSeconds).toBeLessThanOrEqual(c.maxGapUnchunkedSeconds + 1e-12);
      }),
      { numRuns: 40 },
    );
  });
});
