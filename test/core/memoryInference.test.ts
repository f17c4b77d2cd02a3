import { describe, expect, it } from 'vitest';
import { getPreset, PRESETS } from '../../src/core/model/presets';
import { inferenceActivationBytes } from '../../src/core/memory/memory';
import {
  inferenceActivationFormulaBytes,
  inferenceActivationInputs,
  inferenceActivationsFormula,
  inferenceCapacity,
  inferenceMemory,
  inferenceMemorySweep,
  inferenceTotalFormula,
  kvCrossoverFormula,
  kvCrossoverRequests,
  requestCounts,
} from '../../src/core/memory/inference';
import { InputError } from '../../src/core/units';

const llama70 = getPreset('llama-2-70b').spec;

describe('inference memory', () => {
  it("inferenceMemory(llama-2-70b, fp16, B=1, S'=4000) = 137,953,296,384 B weights + 1,310,720,000 B KV", () => {
    const m = inferenceMemory({ spec: llama70, weightBytes: 2, kvBytes: 2, requests: 1, contextTokens: 4000 });
    // N = 68,976,648,192 parameters × 2 B
    expect(m.weights).toBe(137_953_296_384);
    // 2·80·4000·8·128·2
    expect(m.kvPerRequest).toBe(1_310_720_000);
    expect(m.kv).toBe(1_310_720_000);
    // 2·4000·(2·8192 + 3·28672) + 4·1·32000 = 819,200,000 + 128,000
    expect(m.activations).toBe(819_328_000);
    expect(m.total).toBe(137_953_296_384 + 1_310_720_000 + 819_328_000);
  });

  it("inferenceMemory(llama-2-70b, fp16, B=100, S'=4000).kv = 131,072,000,000 B", () => {
    const m = inferenceMemory({ spec: llama70, weightBytes: 2, kvBytes: 2, requests: 100, contextTokens: 4000 });
    // 100 × 1,310,720,000
    expect(m.kv).toBe(131_072_000_000);
  });

  it('kvCrossoverRequests(137,953,296,384 B, 1,310,720,000 B) = 106 requests', () => {
    // 137,953,296,384 / 1,310,720,000 = 105.25… → 106
    expect(kvCrossoverRequests(137_953_296_384, 1_310_720_000)).toBe(106);
    expect(kvCrossoverFormula.derive(kvCrossoverFormula.example).value).toBe(106);
    expect(() => kvCrossoverRequests(1, 0)).toThrow(InputError);
  });

  it('inferenceTotalFormula(example) = 269,844,624,384 B', () => {
    // 137,953,296,384 + 100·1,310,720,000 (= 131,072,000,000) + 819,328,000
    expect(inferenceTotalFormula.derive(inferenceTotalFormula.example).value).toBe(269_844_624_384);
  });

  it('inferenceActivationsFormula(example) = 819,328,000 B', () => {
    expect(inferenceActivationsFormula.derive(inferenceActivationsFormula.example).value).toBe(819_328_000);
    expect(inferenceActivationInputs(llama70, 1, 4000, 2)).toEqual({ T: 4000, H: 8192, w: 86016, s: 2, To: 1, V: 32000 });
  });

  it.each(PRESETS.map((p) => [p.id, p.spec] as const))('the activation formula agrees with inferenceActivationBytes for %s', (_id, spec) => {
    for (const [batch, tokens] of [
      [1, 4000],
      [8, 512],
    ] as const) {
      const direct = inferenceActivationBytes({ spec, batch, newTokens: tokens, bytesPerElement: 2, logits: 'last' }).total;
      expect(inferenceActivationFormulaBytes(inferenceActivationInputs(spec, batch, tokens, 2))).toBeCloseTo(direct, 0);
    }
  });

  it('inferenceCapacity(llama-2-70b, 2×80 GB at 90%) fits 3 requests of 4,000 tokens', () => {
    const m = inferenceMemory({ spec: llama70, weightBytes: 2, kvBytes: 2, requests: 100, contextTokens: 4000 });
    const c = inferenceCapacity(m, { gpus: 2, memoryPerGpu: 80e9, utilization: 0.9 });
    // 2·80e9·0.9 = 144e9; − 137,953,296,384 − 819,328,000 = 5,227,375,616; / 1,310,720,000 = 3.99 → 3
    expect(c.capacity).toBe(144e9);
    expect(c.kvBudget).toBe(5_227_375_616);
    expect(c.requestsThatFit).toBe(3);
    expect(c.fits).toBe(false);
  });

  it('inferenceCapacity with 80 GiB per GPU fits 12 requests', () => {
    const m = inferenceMemory({ spec: llama70, weightBytes: 2, kvBytes: 2, requests: 1, contextTokens: 4000 });
    const c = inferenceCapacity(m, { gpus: 2, memoryPerGpu: 80 * 2 ** 30, utilization: 0.9 });
    // 2·85,899,345,920·0.9 = 154,618,822,656; − 138,772,624,384 = 15,846,198,272; / 1,310,720,000 = 12.09 → 12
    expect(c.requestsThatFit).toBe(12);
    expect(c.fits).toBe(true);
  });

  it('requestCounts(100, 5) = [1, 25, 50, 75, 100]; requestCounts(3) = [1, 2, 3]', () => {
    expect(requestCounts(100, 5)).toEqual([1, 25, 50, 75, 100]);
    expect(requestCounts(3)).toEqual([1, 2, 3]);
    expect(() => requestCounts(0)).toThrow(InputError);
  });

  it('requestCounts(1e15, 101) throws InputError on bars; requestCounts(1e15, 100) has 100 counts', () => {
    expect(() => requestCounts(1e15, 101)).toThrow(expect.objectContaining({ field: 'bars' }));
    expect(() => requestCounts(10, 1e9)).toThrow(expect.objectContaining({ field: 'bars' }));
    expect(requestCounts(1e15, 100)).toHaveLength(100);
  });

  it('inferenceMemorySweep grows only in the KV cache', () => {
    const rows = inferenceMemorySweep({ spec: llama70, weightBytes: 2, kvBytes: 2, requests: 100, contextTokens: 4000 });
    expect(rows.map((r) => r.requests)).toEqual([1, 25, 50, 75, 100]);
    expect(new Set(rows.map((r) => r.weights)).size).toBe(1);
    expect(rows[4]!.kv).toBe(131_072_000_000);
  });

  it('inferenceMemory rejects a context of 0 tokens with a message naming it', () => {
    expect(() => inferenceMemory({ spec: llama70, weightBytes: 2, kvBytes: 2, requests: 1, contextTokens: 0 })).toThrow(/Context S'/);
  });
});
