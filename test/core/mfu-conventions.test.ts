import { describe, expect, it } from 'vitest';
import { mfuFlopsPerToken } from '../../src/core/mfu/conventions';
import { InputError } from '../../src/core/units';

// Llama 3 70B-like shape: N = 70e9, L = 80, h = 64, d = 128, S = 8192.
const SHAPE = { params: 70e9, layers: 80, heads: 64, headDim: 128, seq: 8192 };

describe('mfuFlopsPerToken', () => {
  it("mfuFlopsPerToken(70e9, S = 8192, attention 'none') = 420,000,000,000 FLOPs, and HFU adds nothing without recomputation", () => {
    // 6 · 70e9
    const f = mfuFlopsPerToken({ ...SHAPE, attention: 'none', recompute: 'none' });
    expect(f.model).toBe(420_000_000_000);
    expect(f.recompute).toBe(0);
    expect(f.hardware).toBe(420_000_000_000);
  });

  it("mfuFlopsPerToken(70e9, S = 8192, attention 'full') = 484,424,509,440 FLOPs (PaLM appendix B)", () => {
    // 12 · 80 · 64 · 128 · 8192 = 64,424,509,440; + 420e9
    const f = mfuFlopsPerToken({ ...SHAPE, attention: 'full', recompute: 'none' });
    expect(f.attention).toBe(64_424_509_440);
    expect(f.model).toBe(484_424_509_440);
  });

  it("mfuFlopsPerToken(70e9, 'causal', full recompute): model 452,212,254,720, hardware 602,949,672,960 FLOPs", () => {
    // attention forward = 4 · 0.5 · 80 · 64 · 128 · 8192 = 10,737,418,240; × 3 = 32,212,254,720
    // model = 420e9 + 32,212,254,720; recompute = 2 · 70e9 + 10,737,418,240 = 150,737,418,240
    const f = mfuFlopsPerToken({ ...SHAPE, attention: 'causal', recompute: 'full' });
    expect(f.mask).toBe(0.5);
    expect(f.model).toBe(452_212_254_720);
    expect(f.recompute).toBe(150_737_418_240);
    expect(f.hardware).toBe(602_949_672_960);
  });

  it("mfuFlopsPerToken(70e9, 'full', selective recompute) recomputes only the attention core: 21,474,836,480 FLOPs", () => {
    // 4 · 1 · 80 · 64 · 128 · 8192
    expect(mfuFlopsPerToken({ ...SHAPE, attention: 'full', recompute: 'selective' }).recompute).toBe(21_474_836_480);
  });

  it('mfuFlopsPerToken throws InputError naming the bad field', () => {
    expect(() => mfuFlopsPerToken({ ...SHAPE, seq: 0, attention: 'none', recompute: 'none' })).toThrow(InputError);
    try {
      mfuFlopsPerToken({ ...SHAPE, attention: 'none', recompute: 'some' as 'none' });
    } catch (e) {
      expect((e as InputError).field).toBe('recompute');
    }
  });
});
