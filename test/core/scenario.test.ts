import { describe, expect, it } from 'vitest';
import { getGpu } from '../../src/core/gpu/gpu';
import { getPreset } from '../../src/core/model/presets';
import { servingScenario } from '../../src/core/scenario/serving';
import { trainingScenario } from '../../src/core/scenario/training';
import { InputError } from '../../src/core/units';
import { HANG_GUARD_MS } from '../support/hangGuard';

const llama70 = getPreset('llama-2-70b').spec;
const a800 = getGpu('a800-sxm-80gb');

describe('servingScenario: memory', () => {
  const r = servingScenario({ model: llama70, gpu: a800, gpus: 8, batch: 16, inputTokens: 4000, outputTokens: 200 });
  it('servingScenario(Llama 2 70B, 8×A800, 16 × (4,000 + 200)).memory.kvCacheBytesPerRequest = 4,200·327,680 = 1,376,256,000 B', () => {
    expect(r.memory.kvCacheBytesPerRequest).toBe(1_376_256_000);
    expect(r.memory.kvCacheBytes).toBe(22_020_096_000);
  });
  it('weights 2·68,976,648,192 = 137,953,296,384 B; memory read as the runtime reports it, 81,050 MiB = 84,987,084,800 B per A800', () => {
    expect(r.memory.weightsBytes).toBe(137_953_296_384);
    expect(r.hardware.memoryPerGpuBytes).toBe(84_987_084_800);
    expect(r.hardware.memoryReadingUsed).toBe('runtime');
  });
  it('activations under 8-way TP: 8·2·4000·8192·2 + 4000·3·28672·2 + 4·32000 = 1,736,832,000 B', () => {
    expect(r.memory.activationBytes).toBe(1_736_832_000);
  });
  it('maxConcurrency = ⌊(8·84,987,084,800·0.9 − 137,953,296,384 − 1,736,832,000) / 1,376,256,000⌋ = ⌊343.1⌋ = 343', () => {
    // 611,907,010,560 − 139,690,128,384 = 472,216,882,176; / 1,376,256,000 = 343.12
    expect(r.memory.kvBudgetBytes).toBeCloseTo(472_216_882_176, 0);
    expect(r.memory.maxConcurrency).toBe(343);
    expect(r.memory.fits).toBe(true);
    // 4,000 + 200 tokens exceed the 4,096 Llama 2 was trained for: said, not refused
    expect(r.warnings.map((w) => w.code)).toEqual(['context-exceeds-model']);
    expect(r.warnings[0]?.field).toBe('inputTokens');
  });
  it('Mistral 7B caps every layer at its 4,096-token window: 32·4,096·(2·8·128·2) = 536,870,912 B per 10,000-token request', () => {
    const m = servingScenario({ model: getPreset('mistral-7b').spec, gpu: a800, gpus: 8, batch: 16, inputTokens: 8000, outputTokens: 2000 });
    expect(m.memory.kvCacheBytesPerRequest).toBe(536_870_912);
  });
});

describe('servingScenario: warnings instead of verdicts', () => {
  it('Llama 3.1 405B in bf16 on 8×A800: the weights do not fit, and the warning names the GPUs', () => {
    const r = servingScenario({ model: getPreset('llama-3.1-405b').spec, gpu: a800, gpus: 8, batch: 1, inputTokens: 1000, outputTokens: 100 });
    expect(r.warnings.map((w) => w.code)).toEqual(['weights-do-not-fit']);
    expect(r.warnings[0]?.field).toBe('gpus');
    expect(r.memory.maxConcurrency).toBe(0);
    expect(r.continuous).toBeNull();
  });
  it('more requests than fit: batch-does-not-fit names the batch', () => {
    const r = servingScenario({ model: llama70, gpu: a800, gpus: 2, batch: 16, inputTokens: 4000, outputTokens: 200 });
    expect(r.warnings.map((w) => w.code)).toEqual(['batch-does-not-fit', 'context-exceeds-model']);
    expect(r.warnings[0]?.field).toBe('batch');
  });
  it('a GPU without NVLink runs tensor parallelism over PCIe, and says so', () => {
    const r = servingScenario({ model: getPreset('llama-2-7b').spec, gpu: getGpu('l40s'), gpus: 2, batch: 1, inputTokens: 100, outputTokens: 10 });
    expect(r.warnings.map((w) => w.code)).toContain('tensor-parallel-over-pcie');
    expect(r.hardware.linkBandwidthPerDirection).toBe(32e9);
  });
  it('fp8 weights on an A800 (no fp8 tensor cores) are timed at the bf16 peak, with a warning', () => {
    const r = servingScenario({ model: llama70, gpu: a800, gpus: 8, batch: 1, inputTokens: 100, outputTokens: 10, weightDtype: 'fp8' });
    expect(r.hardware.matmulPeakDtype).toBe('bf16');
    expect(r.warnings.map((w) => w.code)).toContain('peak-dtype-fallback');
  });
});

describe('servingScenario: bounded work and input checks', () => {
  it('a hundred million output tokens answer at once (the decode steps are summed in closed form)', () => {
    const t0 = performance.now();
    const r = servingScenario({ model: llama70, gpu: a800, gpus: 8, batch: 16, inputTokens: 4000, outputTokens: 100_000_000 });
    expect(performance.now() - t0).toBeLessThan(HANG_GUARD_MS);
    expect(Number.isFinite(r.tpotSeconds)).toBe(true);
  });
  it.each([
    ['gpus', { gpus: 0 }],
    ['batch', { batch: 1.5 }],
    ['inputTokens', { inputTokens: 1e300 }],
    ['outputTokens', { outputTokens: Number.NaN }],
  ])('rejects a bad %s with an InputError naming it', (field, patch) => {
    const call = () => servingScenario({ model: llama70, gpu: a800, gpus: 8, batch: 16, inputTokens: 4000, outputTokens: 200, ...patch });
    expect(call).toThrow(InputError);
    try {
      call();
    } catch (e) {
      expect((e as InputError).field).toBe(field);
    }
  });
});

describe('trainingScenario', () => {
  const llama3 = getPreset('llama-3-70b').spec;
  const h100 = getGpu('h100-sxm');
  it('Llama 3 70B, 15T tokens, 6.4M H100-hours, N = 70e9: MFU = 6·70e9·15e12 / (6.4e6·3600·989.4e12) = 27.64%', () => {
    const r = trainingScenario({ model: llama3, gpu: h100, tokens: 15e12, seq: 8192, run: { kind: 'gpu-hours', gpuHours: 6.4e6 }, params: 70e9 });
    // 6.3e24 / 2.27959e25 = 0.276366
    expect(r.mfu).toBeCloseTo(0.276367, 6);
    expect(r.warnings).toEqual([]);
  });
  it('the same run on A100s with 4M GPU-hours is impossible (MFU 140%): a warning names the GPU-hours', () => {
    const r = trainingScenario({
      model: llama3,
      gpu: getGpu('a100-sxm-80gb'),
      tokens: 15e12,
      seq: 8192,
      run: { kind: 'gpu-hours', gpuHours: 4e6 },
      params: 70e9,
    });
    // 6.3e24 / (4e6·3600·312e12) = 1.40224
    expect(r.mfu).toBeCloseTo(1.402244, 6);
    expect(r.warnings.map((w) => w.code)).toEqual(['mfu-above-peak']);
    expect(r.warnings[0]?.field).toBe('gpuHours');
  });
  it.each([
    [0, 120e9],
    [1, 31.40625e9],
    [2, 16.640625e9],
    [3, 1.875e9],
  ] as const)('ZeRO figure 1, Ψ = 7.5B on 64 GPUs, stage %i: %d B of model states per GPU', (zero, bytes) => {
    // (2 + 2 + 12)·Ψ; 4Ψ + 12Ψ/64; 2Ψ + 14Ψ/64; 16Ψ/64 (Rajbhandari et al. 2020, figure 1: 120, 31.4, 16.6, 1.9 GB)
    const r = trainingScenario({
      model: getPreset('llama-2-7b').spec,
      gpu: getGpu('a100-sxm-80gb'),
      tokens: 1e12,
      seq: 4096,
      run: { kind: 'mfu', gpus: 64, mfu: 0.4 },
      params: 7.5e9,
      parallel: { zero },
    });
    expect(r.memory.modelStatesBytes).toBe(bytes);
  });
  it('Llama 2 7B on 64 V100s (no bf16): trained at the 125 TFLOP/s fp16 peak with a peak-dtype-fallback warning, not refused', () => {
    const r = trainingScenario({
      model: getPreset('llama-2-7b').spec,
      gpu: getGpu('v100-sxm2-32gb'),
      tokens: 1e12,
      seq: 4096,
      run: { kind: 'mfu', gpus: 64, mfu: 0.4 },
      params: 7.5e9,
      parallel: { zero: 3 },
    });
    expect(r.peakFlops).toBe(125e12); // V100 SXM2 datasheet: 125 TFLOPS FP16 tensor
    expect(r.peakDtype).toBe('fp16');
    expect(r.warnings.map((w) => [w.code, w.field])).toContainEqual(['peak-dtype-fallback', 'dtype']);
    // 16·7.5e9 / 64 = 1.875e9 B of model states: the memory answer does not depend on the peak.
    expect(r.memory.modelStatesBytes).toBe(1.875e9);
    // 6·7.5e9·1e12 / (64 · 125e12 · 0.4) = 4.5e22 / 3.2e15 = 14,062,500 s
    expect(r.seconds).toBeCloseTo(14_062_500, 0);
  });
  it('an explicit peak needs no fallback: V100 with peakFlopsPerSecond 100e12 carries no peak warning', () => {
    const r = trainingScenario({
      model: getPreset('llama-2-7b').spec,
      gpu: getGpu('v100-sxm2-32gb'),
      tokens: 1e12,
      seq: 4096,
      run: { kind: 'mfu', gpus: 64, mfu: 0.4 },
      assumptions: { peakFlopsPerSecond: 100e12 },
    });
    expect(r.peakFlops).toBe(100e12);
    expect(r.warnings.map((w) => w.code)).not.toContain('peak-dtype-fallback');
  });
});
