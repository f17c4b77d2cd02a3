import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_MEMORY_UTILIZATION,
  kvBudgetBytes,
  kvBudgetFormula,
  kvBytesPerRequest,
  kvPerRequestFormula,
  maxConcurrency,
  maxConcurrencyFormula,
  servingActivationBytes,
} from '../../src/core/serving/serving';
import { InputError } from '../../src/core/units';

describe('serving capacity', () => {
  it('kvBytesPerRequest(llama-2-70b, S=4000, fp16) = 1,310,720,000 B', () => {
    // 2·80·4000·8·128·2
    expect(kvBytesPerRequest({ layers: 80, tokens: 4000, kvHeads: 8, headDim: 128, bytesPerElement: 2 })).toBe(1_310_720_000);
    expect(kvPerRequestFormula.derive({ L: 80, S: 4000, hkv: 8, d: 128, s: 2 }).exact).toBe('1,310,720,000');
  });

  it('kvBytesPerRequest(llama-2-70b as MHA, 64 KV heads) = 10,485,760,000 B, 8× GQA', () => {
    // 2·80·4000·64·128·2
    expect(kvBytesPerRequest({ layers: 80, tokens: 4000, kvHeads: 64, headDim: 128, bytesPerElement: 2 })).toBe(10_485_760_000);
  });

  it('kvBudgetBytes(2 × 80e9 B, all usable, llama-2-70b fp16 weights) = 22,046,703,616 B → 16 requests', () => {
    // 160,000,000,000 − 137,953,296,384
    const budget = kvBudgetBytes({ gpus: 2, memoryPerGpu: 80e9, utilization: 1, weightsBytes: 137_953_296_384, activationBytes: 0 });
    expect(budget).toBe(22_046_703_616);
    // 22,046,703,616 / 1,310,720,000 = 16.82
    expect(maxConcurrency(budget, 1_310_720_000)).toBe(16);
  });

  it('kvBudget(2 × 80 GiB, u = 0.9, 819.2 MB activations) = 15,846,326,272 B → 12 requests', () => {
    // 2·85,899,345,920·0.9 = 154,618,822,656; − 137,953,296,384 − 819,200,000
    const d = kvBudgetFormula.derive({ G: 2, M: 80 * 2 ** 30, u: 0.9, W: 137_953_296_384, A: 819_200_000 });
    expect(d.value).toBeCloseTo(15_846_326_272, 0);
    // 15,846,326,272 / 1,310,720,000 = 12.09
    expect(maxConcurrencyFormula.derive({ K: d.value, r: 1_310_720_000 }).value).toBe(12);
    expect(DEFAULT_MEMORY_UTILIZATION).toBe(0.9);
  });

  it('servingActivationBytes(2 GPUs, 4,000 tokens, llama-2-70b gated FFN) = 819,200,000 B', () => {
    // 2·4000·(8192 + 3·28672/2)·2 = 2·4000·51,200·2
    expect(servingActivationBytes({ gpus: 2, tokens: 4000, hidden: 8192, ffnWidth: 28672, ffnTensors: 3, bytesPerElement: 2 })).toBe(819_200_000);
  });

  it('maxConcurrency(negative budget) = 0: the weights alone do not fit', () => {
    expect(maxConcurrency(-1e9, 1_310_720_000)).toBe(0);
  });

  it('maxConcurrency(budget, 0) throws InputError', () => {
    expect(() => maxConcurrency(1e9, 0)).toThrow(InputError);
  });

  it('kvBudgetFormula with u = 0 throws InputError naming u', () => {
    try {
      kvBudgetFormula.derive({ G: 2, M: 80e9, u: 0, W: 1, A: 0 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).field).toBe('u');
    }
  });

  it('property: capacity never rises as the context grows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200_000 }), fc.integer({ min: 1, max: 50_000 }), fc.integer({ min: 1, max: 8 }), (S, dS, G) => {
        const budget = kvBudgetBytes({ gpus: G, memoryPerGpu: 80 * 2 ** 30, utilization: 0.9, weightsBytes: 137_953_296_384, activationBytes: 0 });
        const at = (tokens: number) => maxConcurrency(budget, kvBytesPerRequest({ layers: 80, tokens, kvHeads: 8, headDim: 128, bytesPerElement: 2 }));
        expect(at(S + dS)).toBeLessThanOrEqual(at(S));
      }),
    );
  });
});
