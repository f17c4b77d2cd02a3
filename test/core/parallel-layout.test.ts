import { describe, expect, it } from 'vitest';
import {
  checkParallelLayout,
  globalBatchSequences,
  flopsPerGpuFormula,
  flopsPerGpuPerStep,
  layoutProblem,
  stageShape,
  parallelCommSeconds,
  parallelModelFromSpec,
  stepSeconds,
  stepTimeFormula,
  summarizePlan,
  worldSize,
  worldSizeFormula,
} from '../../src/core/parallel/layout';
import { getPreset } from '../../src/core/model/presets';
import { InputError } from '../../src/core/units';

// Llama 2 70B: 64 heads, 8 KV heads, 80 layers, dense.
const SHAPE = { heads: 64, kvHeads: 8, layers: 80, experts: 0, seq: 4096 };
const OK = { gpus: 128, dp: 4, tp: 8, pp: 4, cp: 1, ep: 1 };

function fieldOf(f: () => void): string | null {
  try {
    f();
    return null;
  } catch (e) {
    return e instanceof InputError ? e.field : 'not an InputError';
  }
}

describe('layout', () => {
  it('worldSize(D = 16, t = 8, p = 4, c = 1) = 512 GPUs', () => {
    expect(worldSize({ dp: 16, tp: 8, pp: 4, cp: 1 })).toBe(512);
    expect(worldSizeFormula.derive({ D: 16, t: 8, p: 4, c: 1 }).value).toBe(512);
  });

  it('checkParallelLayout(llama-2-70b, 128 GPUs = 4·8·4·1) passes', () => {
    expect(fieldOf(() => checkParallelLayout(OK, SHAPE))).toBeNull();
    // t = 16 > 8 KV heads: each KV head replicated on 2 GPUs, allowed
    expect(fieldOf(() => checkParallelLayout({ ...OK, gpus: 256, tp: 16 }, SHAPE))).toBeNull();
  });

  it.each([
    [{ ...OK, tp: 3, dp: 1, gpus: 12 }, 'tp'],
    [{ ...OK, pp: 3 }, 'pp'],
    [{ ...OK, gpus: 100 }, 'gpus'],
    [{ ...OK, dp: 2 }, 'dp'],
    [{ ...OK, ep: 2 }, 'ep'],
    [{ ...OK, cp: 3, gpus: 384 }, 'cp'],
    [{ ...OK, dp: 0 }, 'dp'],
  ])('checkParallelLayout(%o) blames %s', (layout, field) => {
    expect(fieldOf(() => checkParallelLayout(layout, SHAPE))).toBe(field);
  });

  it('checkParallelLayout says which DP would fit: 128 GPUs / (8·4·1) = 4', () => {
    expect(() => checkParallelLayout({ ...OK, dp: 2 }, SHAPE)).toThrow(/DP must be 4/);
  });

  it('checkParallelLayout(mixtral, EP = 3) blames ep: 8 experts are not divisible by 3', () => {
    expect(
      fieldOf(() => checkParallelLayout({ gpus: 24, dp: 3, tp: 8, pp: 1, cp: 1, ep: 3 }, { heads: 32, kvHeads: 8, layers: 32, experts: 8, seq: 4096 })),
    ).toBe('ep');
  });
});

describe('layoutProblem and stageShape', () => {
  it('layoutProblem(llama-2-70b on 96 GPUs, PP 3) names the pipeline: 80 layers do not split 3 ways', () => {
    expect(layoutProblem({ gpus: 96, dp: 4, tp: 8, pp: 3, cp: 1, ep: 1 }, SHAPE)).toMatch(/^PP = 3 must divide the 80 layers/);
    expect(layoutProblem(OK, SHAPE)).toBeNull();
  });

  it('stageShape(L = 80, p = 4, S = 8192, c = 2) = 20 layers and 4,096 tokens per GPU', () => {
    expect(stageShape({ layers: 80, pp: 4, seq: 8192, cp: 2 })).toEqual({ layersPerStage: 20, seqPerGpu: 4096 });
  });
});

describe('work and time', () => {
  it('flopsPerGpuPerStep(70e9, m = 8, b = 1, S = 4096, t = 8, p = 4) = 430,080,000,000,000 FLOPs', () => {
    // 6 · 70e9 · 8 · 4096 / 32
    expect(flopsPerGpuPerStep({ params: 70e9, microBatches: 8, microBatch: 1, seq: 4096, tp: 8, pp: 4, cp: 1 })).toBe(430_080_000_000_000);
    expect(flopsPerGpuFormula.derive(flopsPerGpuFormula.example).value).toBe(430_080_000_000_000);
  });

  it('stepSeconds(4.3008e14 FLOPs, H100 989 TFLOP/s, u = 0.5, bubble 3/11) = 1.1959 s', () => {
    // 4.3008e14 / 4.945e14 = 0.869727; / (8/11) = 1.195875
    expect(stepSeconds({ flops: 4.3008e14, peak: 989e12, utilization: 0.5, bubble: 3 / 11 })).toBeCloseTo(1.195875, 5);
    expect(stepTimeFormula.derive(stepTimeFormula.example).value).toBeCloseTo(1.195875, 5);
    expect(() => stepSeconds({ flops: 1, peak: 1, utilization: 1, bubble: 1 })).toThrow(InputError);
  });

  it('stepTimeFormula.derive({ f: 1 }) throws InputError on f, the field the formula names', () => {
    expect(() => stepTimeFormula.derive({ ...stepTimeFormula.example, f: 1 })).toThrow(expect.objectContaining({ field: 'f' }));
  });

  it('parallelCommSeconds(1 GB of DP traffic at 50 GB/s, 2 GB of TP at 200 GB/s) = 20 ms and 10 ms', () => {
    const s = parallelCommSeconds({ data: 1e9, tensor: 2e9, pipeline: 0, context: 0, expert: 0 }, { intraNode: 200e9, interNode: 50e9 });
    expect(s.data).toBeCloseTo(0.02, 12);
    expect(s.tensor).toBeCloseTo(0.01, 12);
  });
});

describe('parallelModelFromSpec', () => {
  it('parallelModelFromSpec(llama-2-7b) = 6,738,415,616 params, none of them in experts', () => {
    const m = parallelModelFromSpec(getPreset('llama-2-7b').spec);
    expect(m.params).toBe(6_738_415_616);
    expect(m.activeParams).toBe(6_738_415_616);
    expect(m.expertParams).toBe(0);
    expect(m).toMatchObject({ layers: 32, heads: 32, kvHeads: 32, headDim: 128, hidden: 4096, ffnWidth: 11008, ffn: 'gated', topK: 1, moeLayers: 0 });
  });

  it('parallelModelFromSpec(mixtral-8x7b): 45,097,156,608 params in routed experts, 12,879,925,248 active', () => {
    // 32 layers · 8 experts · 3 · 4096 · 14336 = 45,097,156,608
    const m = parallelModelFromSpec(getPreset('mixtral-8x7b').spec);
    expect(m.expertParams).toBe(45_097_156_608);
    expect(m.activeParams).toBe(12_879_925_248);
    expect(m).toMatchObject({ moeLayers: 32, topK: 2, ffnWidth: 28_672 });
  });
});

describe('summarizePlan', () => {
  const model = { ...parallelModelFromSpec(getPreset('llama-2-7b').spec), activeParams: 70e9 };
  const plan = {
    gpus: 128,
    paramsPerGpu: 0,
    modelStateBytes: 50e9,
    modelStates: { weights: 10e9, grads: 10e9, optimizer: 30e9 },
    activationBytesPerLayer: 1e9,
    activationLayers: 20,
    activationBytes: 20e9,
    totalBytes: 70e9,
    flopsPerGpuPerStep: 4.3008e14,
    tokensPerStep: 131_072,
    bubble: 3 / 11,
    commBytes: { data: 1e9, tensor: 4.5e9, pipeline: 0, context: 0, expert: 0 },
  };
  const s = summarizePlan(model, plan, { peak: 989e12, utilization: 0.5, links: { intraNode: 450e9, interNode: 50e9 }, memoryPerGpu: 80 * 2 ** 30 });

  it('summarizePlan(4.3008e14 FLOPs/GPU, u = 0.5, bubble 3/11): step 1.1959 s, 109,603 tokens/s, MFU 36.4% = 0.5 · 8/11', () => {
    expect(s.stepSeconds).toBeCloseTo(1.195875, 5);
    // 131,072 / 1.195875
    expect(s.tokensPerSecond).toBeCloseTo(109_603.4, 0);
    expect(s.mfu).toBeCloseTo(4 / 11, 9);
  });

  it('summarizePlan: 20 ms of DP traffic + 10 ms of TP traffic; 70 GB fits in 80 GiB with 15,899,345,920 B to spare', () => {
    expect(s.commTotalSeconds).toBeCloseTo(0.03, 12);
    expect(s.headroomBytes).toBe(15_899_345_920);
    expect(s.fits).toBe(true);
  });
});

describe('globalBatchSequences', () => {
  it.each([
    [32, 16, 1, 512], // 32 replicas · 16 micro-batches · 1 sequence
    [3, 5, 7, 105], // 3 · 5 · 7
    [1, 1, 1, 1],
  ])('globalBatchSequences({ dp: %d, microBatches: %d, microBatch: %d }) = %d sequences', (dp, microBatches, microBatch, expected) => {
    expect(globalBatchSequences({ dp, microBatches, microBatch })).toBe(expected);
  });
});
