import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  attentionMaskFactor,
  parseAttentionConvention,
  trainingAttentionFlopsFormula,
  trainingFlopsPerToken,
  trainingFlopsPerTokenFormula,
  trainingFlopsPerTokenRecomputeFormula,
  trainingFlopsPerTokenWithAttention,
  trainingGpuHours,
  trainingSeconds,
  trainingTimeFormula,
  trainingTotalFlopsFormula,
} from '../../src/core/training/compute';
import { MIXED_PRECISION_ADAM_FP32_GRADS, ZERO_STAGES, modelStateBytesFormula, zeroFormula, zeroModelStateBytes } from '../../src/core/training/memory';
import { runGpuHours } from '../../src/core/training/time';
import {
  activationBytesDetailed,
  activationBytesFormula,
  activationBytesFullFormula,
  activationBytesPerLayer,
  activationBytesSelectiveFormula,
  activationBytesTpFormula,
  activationBytesTpSpFormula,
  activationTerms,
  type RecomputeMode,
} from '../../src/core/training/activations';
import { InputError } from '../../src/core/units';

describe('training FLOPs', () => {
  it('trainingFlopsPerToken(llama-2-7b) = 40,430,493,696 FLOPs (6N)', () => {
    // 6 · 6,738,415,616
    expect(trainingFlopsPerToken(6_738_415_616)).toBe(40_430_493_696);
    expect(trainingFlopsPerTokenFormula.derive({ N: 6_738_415_616 }).value).toBe(40_430_493_696);
  });

  it('trainingFlopsPerTokenRecompute(llama-2-7b) = 53,907,324,928 FLOPs (8N)', () => {
    // 8 · 6,738,415,616
    expect(trainingFlopsPerTokenRecomputeFormula.derive({ N: 6_738_415_616 }).value).toBe(53_907_324_928);
  });

  it('PaLM attention term for Llama 3 70B at 8K, full: 12·80·64·128·8192 = 64,424,509,440 FLOPs/token', () => {
    // 80·8192·8192 = 5,368,709,120; ·12 = 64,424,509,440; + 6·70,553,706,496 = 423,322,238,976
    const full = trainingFlopsPerTokenWithAttention({ params: 70_553_706_496, layers: 80, heads: 64, headDim: 128, seq: 8192, mask: 1 });
    expect(full).toBe(423_322_238_976 + 64_424_509_440);
    expect(full).toBe(487_746_748_416);
  });

  it('PaLM attention term, causal: half of full, 32,212,254,720 FLOPs/token', () => {
    const base = trainingFlopsPerTokenWithAttention({ params: 1, layers: 80, heads: 64, headDim: 128, seq: 8192, mask: 0.5 });
    expect(base - 6).toBe(32_212_254_720);
    expect(attentionMaskFactor('causal')).toBe(0.5);
    expect(attentionMaskFactor('none')).toBe(0);
  });

  it('PaLM 540B attention term: 12·118·48·256·2048 = 35,634,806,784 FLOPs/token (appendix B shape)', () => {
    // 118·48 = 5,664; ·256 = 1,449,984; ·2048 = 2,969,567,232; ·12 = 35,634,806,784
    const d = trainingAttentionFlopsFormula.derive({ N: 1, m: 1, L: 118, h: 48, d: 256, S: 2048 });
    expect(d.value - 6).toBe(35_634_806_784);
  });

  it('parseAttentionConvention("sparse") throws InputError(attention)', () => {
    expect(parseAttentionConvention('full')).toBe('full');
    expect(() => parseAttentionConvention('sparse')).toThrow(InputError);
  });

  it('trainingTotalFlops(6·70e9, 15T) = 6.3e24 FLOPs', () => {
    expect(trainingTotalFlopsFormula.derive({ F: 4.2e11, D: 15e12 }).value).toBeCloseTo(6.3e24, -12);
  });

  it('trainingSeconds(6.3e24 FLOPs, 16,384 GPUs at 989 TFLOP/s, 40%) = 971,995.7 s', () => {
    // 16,384·989e12·0.4 = 6.4815104e18 FLOP/s; 6.3e24 / 6.4815104e18 = 971,995.66
    expect(trainingSeconds({ flops: 6.3e24, gpus: 16384, peakFlopsPerSecond: 989e12, mfu: 0.4 })).toBeCloseTo(971995.66, 1);
    expect(trainingTimeFormula.derive({ C: 6.3e24, n: 16384, P: 989e12, u: 0.4 }).formatted).toBe('11.2 days');
  });

  it('trainingGpuHours(6.3e24 FLOPs, 989 TFLOP/s, 40%) = 4,423,660 GPU-h', () => {
    // 989e12·0.4·3600 = 1.42416e18 FLOPs per GPU-hour; 6.3e24 / 1.42416e18 = 4,423,660.26
    expect(trainingGpuHours({ flops: 6.3e24, peakFlopsPerSecond: 989e12, mfu: 0.4 })).toBeCloseTo(4423660.26, 1);
  });
});

describe('model states and ZeRO', () => {
  it('modelStateBytes(llama-2-7b, 2+2+4+8) = 107,814,649,856 B (16 bytes/param)', () => {
    // 16 · 6,738,415,616
    expect(modelStateBytesFormula.derive({ w: 2, g: 2, m: 4, o: 8, N: 6_738_415_616 }).value).toBe(107_814_649_856);
  });

  it.each([
    // ZeRO paper figure 1: Ψ = 7.5B, N_d = 64 → 120 GB, 31.4 GB, 16.6 GB, 1.9 GB
    [0, 120_000_000_000], // 16·7.5e9
    [1, 31_406_250_000], // 4·7.5e9 + 12·7.5e9/64 = 30e9 + 1.40625e9
    [2, 16_640_625_000], // 2·7.5e9 + 14·7.5e9/64 = 15e9 + 1.640625e9
    [3, 1_875_000_000], // 16·7.5e9/64
  ] as const)('zeroModelStateBytes(7.5B params, 64 GPUs, stage %i) = %i B', (stage, expected) => {
    expect(zeroModelStateBytes({ params: 7.5e9, ranks: 64, stage }).total).toBe(expected);
    expect(zeroFormula.derive({ N: 7.5e9, w: 2, g: 2, k: 12, D: 64, z: stage }).value).toBe(expected);
  });

  it('zeroModelStateBytes(llama-2-70b, 8 GPUs, stage 3) = 137,953,296,384 B per GPU', () => {
    // 16·68,976,648,192 / 8 = 2·68,976,648,192
    expect(zeroModelStateBytes({ params: 68_976_648_192, ranks: 8, stage: 3 }).total).toBe(137_953_296_384);
  });

  it('fp32 gradients: 18 bytes/param at stage 0', () => {
    expect(zeroModelStateBytes({ params: 1e9, ranks: 1, stage: 0, bytes: MIXED_PRECISION_ADAM_FP32_GRADS }).total).toBe(18e9);
  });

  it('zeroFormula with stage 4 throws InputError naming z', () => {
    expect(() => zeroFormula.derive({ N: 1e9, w: 2, g: 2, k: 12, D: 8, z: 4 })).toThrow(InputError);
    expect(() => zeroModelStateBytes({ params: 1e9, ranks: 0, stage: 1 })).toThrow(/ranks/);
  });

  it('property: per-GPU model states never rise with a higher stage or more ranks', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e6, max: 1e12, noNaN: true }), fc.integer({ min: 1, max: 1024 }), (N, D) => {
        const s = [0, 1, 2, 3].map((z) => zeroModelStateBytes({ params: N, ranks: D, stage: z as 0 | 1 | 2 | 3 }).total);
        for (let i = 1; i < 4; i += 1) expect(s[i] as number).toBeLessThanOrEqual(s[i - 1] as number);
        expect(zeroModelStateBytes({ params: N, ranks: D + 1, stage: 3 }).total).toBeLessThan(s[3] as number);
      }),
    );
  });
});

describe('activation memory (Korthikanti et al. 2022)', () => {
  // GPT-3 175B block at s = 2048, b = 1: s·b·H = 2048·12288 = 25,165,824; 5·a·s/H = 5·96·2048/12288 = 80
  it('activationBytes(GPT-3, s=2048, b=1) = 2,868,903,936 B per layer', () => {
    // 25,165,824 · (34 + 80) = 25,165,824 · 114
    expect(activationBytesFormula.derive({ s: 2048, b: 1, H: 12288, a: 96 }).value).toBe(2_868_903_936);
  });

  it('activationBytesTp(GPT-3, t=8) = 578,813,952 B per layer', () => {
    // 25,165,824 · (10 + 24/8 + 80/8) = 25,165,824 · 23
    expect(activationBytesTpFormula.derive({ s: 2048, b: 1, H: 12288, a: 96, t: 8 }).value).toBe(578_813_952);
  });

  it('activationBytesTpSp(GPT-3, t=8) = 358,612,992 B per layer', () => {
    // 25,165,824 / 8 · 114 = 3,145,728 · 114
    expect(activationBytesTpSpFormula.derive({ s: 2048, b: 1, H: 12288, a: 96, t: 8 }).value).toBe(358_612_992);
  });

  it('activationBytesSelective(GPT-3, t=8) = 106,954,752 B per layer', () => {
    // 34 · 25,165,824 / 8
    expect(activationBytesSelectiveFormula.derive({ s: 2048, b: 1, H: 12288, t: 8 }).value).toBe(106_954_752);
  });

  it('activationBytesFull(GPT-3, no SP) = 50,331,648 B per layer', () => {
    // 2 · 25,165,824
    expect(activationBytesFullFormula.derive({ s: 2048, b: 1, H: 12288, t: 1 }).value).toBe(50_331_648);
  });

  it('activationBytesPerLayer(selective, TP without SP) = s·b·H·(10 + 24/t)', () => {
    // 25,165,824 · 13 = 327,155,712
    expect(activationBytesPerLayer({ seq: 2048, microBatch: 1, hidden: 12288, heads: 96, tp: 8, sp: false, recompute: 'selective' })).toBe(327_155_712);
  });

  it('activationBytesDetailed(llama-2/3-70b block, s=4096, flash, no dropout, TP=SP=8) = 170,000,384 B', () => {
    // replicated /8: 4·2·4096·8192 / 8 = 33,554,432
    // TP /8: (Q 67,108,864 + K,V 16,777,216 + LSE 4·64·4096 = 1,048,576 + O 67,108,864 + gated 4·2·4096·28672 = 939,524,096) / 8 = 136,445,952
    expect(
      activationBytesDetailed({
        seq: 4096,
        microBatch: 1,
        hidden: 8192,
        heads: 64,
        kvHeads: 8,
        headDim: 128,
        ffnWidth: 28672,
        ffn: 'gated',
        dropout: false,
        flash: true,
        tp: 8,
        sp: true,
        recompute: 'none',
      }),
    ).toBe(170_000_384);
  });

  it('activationTerms(GPT block) sums to 34·sbh + 5·a·s²·b with 10·sbh outside the TP region', () => {
    const terms = activationTerms({
      seq: 16,
      microBatch: 2,
      hidden: 64,
      heads: 4,
      kvHeads: 4,
      headDim: 16,
      ffnWidth: 256,
      ffn: 'mlp',
      dropout: true,
      flash: false,
      tp: 1,
      sp: false,
      recompute: 'none',
    });
    const sbh = 16 * 2 * 64; // 2,048
    const total = terms.reduce((a, t) => a + t.bytes, 0);
    expect(total).toBe(34 * sbh + 5 * 4 * 16 * 16 * 2); // 69,632 + 10,240 = 79,872
    expect(terms.filter((t) => t.region === 'replicated').reduce((a, t) => a + t.bytes, 0)).toBe(10 * sbh);
  });

  it('property: the term-by-term count equals the closed forms for the GPT block', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4096 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 64 }),
        fc.integer({ min: 1, max: 256 }),
        fc.constantFrom(1, 2, 4, 8),
        fc.boolean(),
        fc.constantFrom<RecomputeMode>('none', 'selective', 'full'),
        (s, b, a, d, t, sp, recompute) => {
          const H = a * d;
          const closed = activationBytesPerLayer({ seq: s, microBatch: b, hidden: H, heads: a, tp: t, sp, recompute });
          const detailed = activationBytesDetailed({
            seq: s,
            microBatch: b,
            hidden: H,
            heads: a,
            kvHeads: a,
            headDim: d,
            ffnWidth: 4 * H,
            ffn: 'mlp',
            dropout: true,
            flash: false,
            tp: t,
            sp,
            recompute,
          });
          expect(Math.abs(detailed - closed) / closed).toBeLessThan(1e-12);
        },
      ),
    );
  });

  it('property: activation memory falls as t grows and as recomputation deepens', () => {
    fc.assert(
      fc.property(fc.integer({ min: 128, max: 8192 }), fc.integer({ min: 1, max: 4 }), (s, b) => {
        const shape = { seq: s, microBatch: b, hidden: 4096, heads: 32 };
        const t1 = activationBytesPerLayer({ ...shape, tp: 1, sp: false, recompute: 'none' });
        const t8 = activationBytesPerLayer({ ...shape, tp: 8, sp: false, recompute: 'none' });
        const t8sp = activationBytesPerLayer({ ...shape, tp: 8, sp: true, recompute: 'none' });
        const sel = activationBytesPerLayer({ ...shape, tp: 8, sp: true, recompute: 'selective' });
        const full = activationBytesPerLayer({ ...shape, tp: 8, sp: true, recompute: 'full' });
        expect(t8).toBeLessThan(t1);
        expect(t8sp).toBeLessThan(t8);
        expect(sel).toBeLessThan(t8sp);
        expect(full).toBeLessThan(sel);
      }),
    );
  });

  it('activationBytesPerLayer with tp = 0 throws InputError naming tp', () => {
    expect(() => activationBytesPerLayer({ seq: 1, microBatch: 1, hidden: 1, heads: 1, tp: 0, sp: false, recompute: 'none' })).toThrow(InputError);
  });
});

describe('ZERO_STAGES and runGpuHours', () => {
  it('ZERO_STAGES = [0, 1, 2, 3], in order: stage z shards one more state than z − 1', () => {
    expect(ZERO_STAGES).toEqual([0, 1, 2, 3]);
  });

  it('ZERO_STAGES.map(zeroModelStateBytes(Ψ = 7.5B, 64 ranks)) = 120, 31.40625, 16.640625, 1.875 GB (ZeRO figure 1)', () => {
    // 16Ψ = 120e9; 4Ψ + 12Ψ/64 = 30e9 + 1.40625e9; 2Ψ + 14Ψ/64 = 15e9 + 1.640625e9; 16Ψ/64 = 1.875e9
    expect(ZERO_STAGES.map((stage) => zeroModelStateBytes({ params: 7.5e9, ranks: 64, stage }).total)).toEqual([120e9, 31.40625e9, 16.640625e9, 1.875e9]);
  });

  it.each([
    [30, 16384, 11_796_480], // 30 days · 24 h · 16,384 GPUs
    [0.5, 3, 36], // 12 h · 3 GPUs
    [54, 16384, 21_233_664], // Llama 3 405B's 54-day window on 16,384 H100s (Llama 3 paper §3.3.4): 54 · 24 · 16,384
  ])('runGpuHours({ days: %d, gpus: %d }) = %d GPU-h', (days, gpus, expected) => {
    expect(runGpuHours({ days, gpus })).toBe(expected);
  });
});
