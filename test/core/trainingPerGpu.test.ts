import { describe, expect, it } from 'vitest';
import {
  trainingMemoryDerivations,
  TRAINING_PRECISIONS,
  trainingMemoryPerGpu,
  trainingMemoryPerGpuFormula,
  type TrainingMemoryInput,
} from '../../src/core/training/perGpu';
import { mfuFromTrainingTimeFormula, trainingTimeFromDays, trainingTimeFromMfu } from '../../src/core/training/time';
import { InputError } from '../../src/core/units';

// Llama 2 7B: N = 6,738,415,616, L = 32, H = 4096, h = h_kv = 32, d = 128, I = 11008.
const llama7: TrainingMemoryInput = {
  params: 6_738_415_616,
  layers: 32,
  hidden: 4096,
  heads: 32,
  kvHeads: 32,
  headDim: 128,
  ffnWidth: 11008,
  ffn: 'gated',
  seq: 4096,
  microBatch: 1,
  dp: 1,
  tp: 1,
  pp: 1,
  zero: 0,
  sp: false,
  recompute: 'none',
  precision: 'adam16',
  activationCount: 'korthikanti',
};

describe('training memory per GPU', () => {
  it('TRAINING_PRECISIONS add up to 16, 18 and 20 bytes per parameter', () => {
    const sum = (k: keyof typeof TRAINING_PRECISIONS) => {
      const b = TRAINING_PRECISIONS[k].bytes;
      return b.weights + b.grads + b.optimizer;
    };
    expect([sum('adam16'), sum('adam18'), sum('adam20')]).toEqual([16, 18, 20]);
  });

  it('trainingMemoryPerGpu(llama-2-7b, one GPU, 16 B/param).modelStates = 107,814,649,856 B', () => {
    // 16 · 6,738,415,616
    const m = trainingMemoryPerGpu(llama7);
    expect(m.modelStates).toBe(107_814_649_856);
    expect(m.weights).toBe(13_476_831_232);
    expect(m.grads).toBe(13_476_831_232);
    expect(m.optimizer).toBe(80_860_987_392);
  });

  it('trainingMemoryPerGpu(llama-2-7b, s=4096, b=1, no recompute).activationsPerLayer = 3,254,779,904 B (Korthikanti)', () => {
    // s·b·H·(34 + 5·a·s/H): 5·32·4096/4096 = 160; 34 + 160 = 194; 4096·1·4096 · 194 = 3,254,779,904 B
    const m = trainingMemoryPerGpu(llama7);
    expect(m.activationsPerLayer).toBe(3_254_779_904);
    // × 32 layers = 104,152,956,928 B
    expect(m.activations).toBe(104_152_956_928);
    expect(m.total).toBe(107_814_649_856 + 104_152_956_928);
  });

  it('ZeRO-3 over 8 GPUs and full recomputation: 13,476,831,232 B of states + 32 × 33,554,432 B', () => {
    const m = trainingMemoryPerGpu({ ...llama7, dp: 8, zero: 3, recompute: 'full' });
    // 107,814,649,856 / 8 = 13,476,831,232; full: 2·s·b·H = 2·4096·4096 = 33,554,432 per layer
    expect(m.modelStates).toBe(13_476_831_232);
    expect(m.activationsPerLayer).toBe(33_554_432);
    expect(m.total).toBe(13_476_831_232 + 32 * 33_554_432);
    // The formula's worked example is this case: 13,476,831,232 + 32 · 33,554,432 = 14,550,573,056 B.
    expect(trainingMemoryPerGpuFormula.derive(trainingMemoryPerGpuFormula.example).value).toBe(14_550_573_056);
  });

  it('t = 4 with sequence parallelism and selective recompute: 34·s·b·H/t = 142,606,336 B per layer; states / 4', () => {
    const m = trainingMemoryPerGpu({ ...llama7, tp: 4, sp: true, recompute: 'selective' });
    // 34 · 16,777,216 / 4
    expect(m.activationsPerLayer).toBe(142_606_336);
    // 6,738,415,616 / 4 = 1,684,603,904 params; × 16 = 26,953,662,464
    expect(m.paramsPerGpu).toBe(1_684_603_904);
    expect(m.modelStates).toBe(26_953_662_464);
  });

  it('pipeline stages split the states but not the first stage’s activations', () => {
    const m = trainingMemoryPerGpu({ ...llama7, pp: 4 });
    // 107,814,649,856 / 4
    expect(m.modelStates).toBe(26_953_662_464);
    expect(m.activations).toBe(104_152_956_928);
  });

  it('the FlashAttention count (no s² terms, no dropout) is below Korthikanti’s for Llama 2 7B', () => {
    const flash = trainingMemoryPerGpu({ ...llama7, activationCount: 'flash' });
    expect(flash.activationsPerLayer).toBeLessThan(trainingMemoryPerGpu(llama7).activationsPerLayer);
  });

  it('rejects t that does not divide the heads, and p above the layers', () => {
    expect(() => trainingMemoryPerGpu({ ...llama7, tp: 3 })).toThrow(InputError);
    expect(() => trainingMemoryPerGpu({ ...llama7, tp: 3 })).toThrow(/divide the 32 attention heads/);
    expect(() => trainingMemoryPerGpu({ ...llama7, pp: 33 })).toThrow(/cannot exceed the 32 layers/);
  });
});

describe('trainingMemoryDerivations', () => {
  const grid: TrainingMemoryInput[] = [];
  for (const tp of [1, 2, 8])
    for (const sp of [false, true])
      for (const recompute of ['none', 'selective', 'full'] as const)
        for (const zero of [0, 1, 2, 3] as const) grid.push({ ...llama7, tp, sp, recompute, zero, dp: 4 });
  it.each(grid.map((g) => [`t=${g.tp} sp=${g.sp} ${g.recompute} ZeRO-${g.zero}`, g] as const))('%s: derivations equal the breakdown', (_label, g) => {
    const m = trainingMemoryPerGpu(g);
    const d = trainingMemoryDerivations(g, m);
    expect(d.states.value).toBeCloseTo(m.modelStates, 0);
    expect(d.total.value).toBeCloseTo(m.total, 0);
    const closedForm = !(g.recompute === 'selective' && !g.sp && g.tp > 1);
    if (closedForm) expect(d.activations?.value).toBeCloseTo(m.activationsPerLayer, 0);
    else expect(d.activations).toBeNull();
  });

  it('the FlashAttention count has no closed-form derivation', () => {
    expect(trainingMemoryDerivations({ ...llama7, activationCount: 'flash' }).activations).toBeNull();
  });
});

describe('training time', () => {
  it('trainingTimeFromMfu(6·70e9 FLOPs, 15T tokens, 16,384 × 989 TFLOP/s, 40%) = 11.25 days, 4,423,660 GPU-h', () => {
    const t = trainingTimeFromMfu({ flopsPerToken: 6 * 70e9, tokens: 15e12, gpus: 16384, peak: 989e12, mfu: 0.4 });
    // C = 6.3e24; 6.3e24 / (16384 · 989e12 · 0.4) = 971,995.7 s = 11.25 days
    expect(t.totalFlops).toBeCloseTo(6.3e24, -10);
    expect(t.days).toBeCloseTo(11.25, 2);
    // 6.3e24 / (989e12 · 0.4 · 3600) = 4,423,660.3 GPU-h
    expect(t.gpuHours).toBeCloseTo(4_423_660.3, 0);
  });

  it('trainingTimeFromDays(…, 30 days) = MFU 15.0%, 11,796,480 GPU-h', () => {
    const t = trainingTimeFromDays({ flopsPerToken: 6 * 70e9, tokens: 15e12, gpus: 16384, peak: 989e12, days: 30 });
    // 6.3e24 / (16384 · 989e12 · 2,592,000 s) = 0.14999
    expect(t.mfu).toBeCloseTo(0.15, 3);
    // 16,384 · 30 · 24
    expect(t.gpuHours).toBe(11_796_480);
    expect(mfuFromTrainingTimeFormula.derive(mfuFromTrainingTimeFormula.example).value).toBeCloseTo(0.15, 3);
  });

  it('trainingTimeFromDays rejects a duration that needs MFU above 100%', () => {
    expect(() => trainingTimeFromDays({ flopsPerToken: 6 * 70e9, tokens: 15e12, gpus: 16384, peak: 989e12, days: 4 })).toThrow(/above 100%/);
  });
});
