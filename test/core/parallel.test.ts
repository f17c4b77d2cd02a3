import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  contextCommFormula,
  dataAllReduceFormula,
  dataParallelAllReduceBytes,
  expertAllToAllFormula,
  pipelineBubbleFormula,
  pipelineBubbleFraction,
  pipelineP2PFormula,
  planParallelism,
  tensorCommFormula,
  type ParallelConfig,
  type ParallelModel,
} from '../../src/core/parallel/parallel';
import { InputError } from '../../src/core/units';

// Llama 2 70B shape: N = 68,976,648,192, L = 80, H = 8192, 64 heads, 8 KV heads of 128, I = 28,672.
const LLAMA2_70B: ParallelModel = {
  params: 68_976_648_192,
  expertParams: 0,
  activeParams: 68_976_648_192,
  layers: 80,
  moeLayers: 0,
  hidden: 8192,
  heads: 64,
  kvHeads: 8,
  headDim: 128,
  ffnWidth: 28672,
  ffn: 'gated',
  topK: 1,
};
const BASE: ParallelConfig = {
  dp: 8,
  tp: 8,
  pp: 4,
  cp: 1,
  ep: 1,
  zero: 1,
  sp: true,
  recompute: 'selective',
  microBatch: 1,
  microBatches: 8,
  seq: 4096,
};

describe('pipeline bubble', () => {
  it('pipelineBubbleFraction(p=4, m=8) = 3/11', () => {
    // (4−1)/(8+4−1) = 3/11 = 0.272727…
    expect(pipelineBubbleFraction(4, 8)).toBe(3 / 11);
    expect(pipelineBubbleFormula.derive({ p: 4, m: 8 }).formatted).toBe('27.3%');
  });

  it('pipelineBubbleFraction(p=1, m) = 0: no pipeline, no bubble', () => {
    expect(pipelineBubbleFraction(1, 8)).toBe(0);
  });
});

describe('communication volumes', () => {
  it('dataParallelAllReduceBytes(7e9 bf16 grads over 8) = 24,500,000,000 B', () => {
    // 2·7/8 · 7e9 · 2 = 1.75 · 14e9
    expect(dataParallelAllReduceBytes({ params: 7e9, bytesPerGrad: 2, ranks: 8 })).toBe(24_500_000_000);
    expect(dataAllReduceFormula.derive({ N: 7e9, s: 2, D: 8 }).value).toBe(24_500_000_000);
  });

  it('tensorComm(llama-2-7b, 4 per layer, S=4096, t=8) = 7,516,192,768 B', () => {
    // 4·32·1.75·4096·4096·2 = 224·33,554,432
    expect(tensorCommFormula.derive({ k: 4, L: 32, b: 1, S: 4096, H: 4096, s: 2, t: 8 }).value).toBe(7_516_192_768);
  });

  it('expertAllToAll(mixtral shape, top-2, e=8) = 7,516,192,768 B', () => {
    // 4·32·(7/8)·4096·2·4096·2 = 112·67,108,864
    expect(expertAllToAllFormula.derive({ c: 4, L: 32, b: 1, S: 4096, k: 2, H: 4096, s: 2, e: 8 }).value).toBe(7_516_192_768);
  });

  it('pipelineP2P(m=8, S=4096, H=8192) = 1,073,741,824 B', () => {
    // 2·8·4096·8192·2 = 2^30
    expect(pipelineP2PFormula.derive({ m: 8, b: 1, S: 4096, H: 8192, s: 2 }).value).toBe(1_073_741_824);
  });

  it('contextComm(128K tokens, 8 KV heads of 128, c=4, one layer) = 805,306,368 B', () => {
    // 4·(3/4)·131,072·8·128·2 = 3·268,435,456
    expect(contextCommFormula.derive({ L: 1, b: 1, S: 131072, hkv: 8, d: 128, s: 2, c: 4 }).value).toBe(805_306_368);
  });

  it('every volume is 0 with a group of one', () => {
    expect(dataParallelAllReduceBytes({ params: 7e9, bytesPerGrad: 2, ranks: 1 })).toBe(0);
    expect(tensorCommFormula.derive({ k: 4, L: 32, b: 1, S: 4096, H: 4096, s: 2, t: 1 }).value).toBe(0);
  });
});

describe('planParallelism', () => {
  it('llama-2-70b on 256 GPUs (DP 8 × TP 8 × PP 4, ZeRO-1): per-GPU params, states, FLOPs and bubble', () => {
    const plan = planParallelism(LLAMA2_70B, BASE);
    // params per GPU: 68,976,648,192 / 32 = 2,155,520,256
    expect(plan.gpus).toBe(256);
    expect(plan.paramsPerGpu).toBe(2_155_520_256);
    // ZeRO-1 over 8: 4·2,155,520,256 + 12·2,155,520,256/8 = 8,622,081,024 + 3,233,280,384
    expect(plan.modelStateBytes).toBe(11_855_361_408);
    // tokens per step 8·8·1·4096 = 262,144; FLOPs per GPU 6·N·262,144/256 = 6·N·1024
    expect(plan.tokensPerStep).toBe(262_144);
    expect(plan.flopsPerGpuPerStep).toBe(6 * 68_976_648_192 * 1024);
    expect(plan.bubble).toBe(3 / 11);
    expect(plan.commBytes.expert).toBe(0);
    expect(plan.commBytes.context).toBe(0);
  });

  it('activations: 1F1B first stage holds min(m, p) micro-batches of its L/p layers', () => {
    const plan = planParallelism(LLAMA2_70B, { ...BASE, recompute: 'full' });
    // full recompute with SP: 2·4096·8192/8 = 8,388,608 B per layer; × 20 layers × 4 in flight
    expect(plan.activationBytes).toBe(8_388_608 * 20 * 4);
  });

  it.each([
    ['ep', { ep: 3 }],
    ['pp', { pp: 81 }],
    ['cp', { cp: 3 }],
    ['tp', { tp: 0 }],
  ] as const)('bad %s throws InputError naming it', (field, bad) => {
    expect(() => planParallelism(LLAMA2_70B, { ...BASE, ...bad })).toThrow(InputError);
    try {
      planParallelism(LLAMA2_70B, { ...BASE, ...bad });
    } catch (e) {
      expect((e as InputError).field).toBe(field);
    }
  });

  it('MoE: expert parameters split over ep, all-to-all traffic appears', () => {
    const moe: ParallelModel = { ...LLAMA2_70B, expertParams: 40e9, moeLayers: 80, topK: 2, activeParams: 30e9 };
    const plan = planParallelism(moe, { ...BASE, ep: 4 });
    // dense 28,976,648,192 / 32 + 40e9 / 128 = 905,520,256 + 312,500,000
    expect(plan.paramsPerGpu).toBe(905_520_256 + 312_500_000);
    expect(plan.commBytes.expert).toBeGreaterThan(0);
  });

  it('property: per-GPU memory falls as any parallel degree or the ZeRO stage grows', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(1, 2, 4),
        fc.constantFrom(1, 2, 4),
        fc.constantFrom(1, 2, 4),
        fc.constantFrom(1, 2),
        fc.constantFrom<0 | 1 | 2>(0, 1, 2),
        fc.constantFrom<'none' | 'selective' | 'full'>('none', 'selective', 'full'),
        (dp, tp, pp, cp, zero, recompute) => {
          const cfg: ParallelConfig = { ...BASE, dp, tp, pp, cp, zero, recompute, sp: true };
          const base = planParallelism(LLAMA2_70B, cfg).totalBytes;
          // ZeRO ≥ 1 shards optimizer state over dp; stage 0 replicates it, so more dp helps only then.
          if (zero > 0) expect(planParallelism(LLAMA2_70B, { ...cfg, dp: dp * 2 }).totalBytes).toBeLessThan(base);
          expect(planParallelism(LLAMA2_70B, { ...cfg, tp: tp * 2 }).totalBytes).toBeLessThan(base);
          expect(planParallelism(LLAMA2_70B, { ...cfg, pp: pp * 2 }).totalBytes).toBeLessThan(base);
          expect(planParallelism(LLAMA2_70B, { ...cfg, cp: cp * 2 }).totalBytes).toBeLessThan(base);
          // ZeRO shards over dp; with one replica there is nothing to shard.
          if (dp > 1) expect(planParallelism(LLAMA2_70B, { ...cfg, zero: (zero + 1) as 1 | 2 | 3 }).totalBytes).toBeLessThan(base);
        },
      ),
    );
  });

  it('property: FLOPs per GPU per step × GPUs = 6·N·tokens per step', () => {
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 8), fc.constantFrom(1, 4, 8), fc.constantFrom(1, 2, 4), (dp, tp, pp) => {
        const plan = planParallelism(LLAMA2_70B, { ...BASE, dp, tp, pp });
        const total = 6 * LLAMA2_70B.activeParams * plan.tokensPerStep;
        expect(Math.abs(plan.flopsPerGpuPerStep * plan.gpus - total) / total).toBeLessThan(1e-12);
      }),
    );
  });
});
