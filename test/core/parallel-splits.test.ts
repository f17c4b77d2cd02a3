import { describe, expect, it } from 'vitest';
import { perGpuDims } from '../../src/core/parallel/splits';
import { InputError } from '../../src/core/units';

// Llama 2 70B training: B = 4 sequences of S = 4,096 tokens, L = 80, H = 8,192, h = 64, h_kv = 8, I = 28,672.
const DIMS = { batch: 4, seq: 4096, layers: 80, hidden: 8192, heads: 64, kvHeads: 8, ffnWidth: 28672 };
const ONE = { dp: 1, cp: 1, pp: 1, tp: 1 };

describe('perGpuDims', () => {
  it('perGpuDims(D = 4) holds B/D = 1 sequence and everything else whole', () => {
    expect(perGpuDims(DIMS, { ...ONE, dp: 4 })).toEqual({ ...DIMS, batch: 1 });
  });
  it('perGpuDims(c = 4) holds S/c = 1,024 tokens', () => {
    expect(perGpuDims(DIMS, { ...ONE, cp: 4 })).toEqual({ ...DIMS, seq: 1024 });
  });
  it('perGpuDims(p = 4) holds L/p = 20 layers', () => {
    expect(perGpuDims(DIMS, { ...ONE, pp: 4 })).toEqual({ ...DIMS, layers: 20 });
  });
  it('perGpuDims(t = 4) holds h/t = 16 heads, h_kv/t = 2 KV heads and I/t = 7,168 FFN columns; H stays 8,192', () => {
    expect(perGpuDims(DIMS, { ...ONE, tp: 4 })).toEqual({ ...DIMS, heads: 16, kvHeads: 2, ffnWidth: 7168 });
  });
  it('perGpuDims(t = 16) replicates the 8 KV heads: 1 per GPU', () => {
    expect(perGpuDims(DIMS, { ...ONE, tp: 16 }).kvHeads).toBe(1);
  });
  it('perGpuDims composes the cuts: D = 2, c = 2, p = 8, t = 8 → [2, 2,048] × 10 layers, 8 heads', () => {
    const g = perGpuDims(DIMS, { dp: 2, cp: 2, pp: 8, tp: 8 });
    expect([g.batch, g.seq, g.layers, g.heads, g.kvHeads, g.ffnWidth]).toEqual([2, 2048, 10, 8, 1, 3584]);
  });
  it.each([
    [{ ...ONE, dp: 3 }, 'dp'],
    [{ ...ONE, cp: 3 }, 'cp'],
    [{ ...ONE, pp: 3 }, 'pp'],
    [{ ...ONE, tp: 3 }, 'tp'],
    [{ ...ONE, tp: 0 }, 'tp'],
    [{ ...ONE, dp: 1.5 }, 'dp'],
  ])('perGpuDims(%o) throws InputError naming %s', (degrees, field) => {
    expect(() => perGpuDims(DIMS, degrees)).toThrow(InputError);
    try {
      perGpuDims(DIMS, degrees);
    } catch (e) {
      expect((e as InputError).field).toBe(field);
    }
  });
});
