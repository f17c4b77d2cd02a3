import { describe, expect, it } from 'vitest';
import { trainingBudget } from '../../../src/core/capacity/budget';
import { CHINCHILLA_FITS } from '../../../src/core/capacity/chinchilla';
import { getGpu } from '../../../src/core/gpu/gpu';
import { InputError } from '../../../src/core/units';

const h100 = getGpu('h100-sxm');
// Llama 3's interruption rate (§3.3.4): 16,384 · 54 · 24 / 419 = 50,677.002 GPU-hours per interruption
const LLAMA3_GPU_MTBF_HOURS = (16384 * 54 * 24) / 419;
const base = { gpu: h100, gpus: 4096, mfu: 0.4, usdPerGpuHour: 2, storageBandwidth: 100e9, gpuMtbfHours: LLAMA3_GPU_MTBF_HOURS, restartSeconds: 600 };

describe('trainingBudget', () => {
  it('1e24 FLOPs on 4,096 H100s at 40% MFU: 41.3B parameters, 4.04T tokens, 7.14 days, 702k GPU-hours, $1.40M at $2/GPU-h', () => {
    const b = trainingBudget({ ...base, budget: { kind: 'flops', flops: 1e24 } });
    expect(b.allocation.optimal.params / 4.12967e10).toBeCloseTo(1, 4);
    // the scenario's 6N · D is the budget: 6 · 4.12967e10 · 4.03583e12 = 1e24
    expect(b.training.totalFlops / 1e24).toBeCloseTo(1, 10);
    // 1e24 / (4096 · 989.4e12 · 0.4) = 1e24 / 1.62103e18 = 616,890.6 s = 7.1399 days
    expect(b.training.seconds!).toBeCloseTo(616890.6, 0);
    // 1e24 / (989.4e12 · 0.4 · 3600) = 701,884.4 GPU-h; · $2 = $1,403,769
    expect(b.idealGpuHours).toBeCloseTo(701884.4, 0);
    expect(b.idealUsd).toBeCloseTo(1403768.8, 0);
  });

  it('the same run’s checkpoints and failures: 578 GB every 12.0 min, 97.1% effective, $1.45M in all', () => {
    const b = trainingBudget({ ...base, budget: { kind: 'flops', flops: 1e24 } });
    const c = b.checkpoint;
    // 14 · 4.12967e10 = 5.78154e11 B; / 1e11 B/s = 5.7815 s
    expect(c.bytes).toBeCloseTo(5.78154e11, -7);
    expect(c.writeSeconds).toBeCloseTo(5.78154, 4);
    // MTBF = 50,677.002 · 3600 / 4096 = 44,540.33 s; τ = √(2 · 5.78154 · 44,540.33) = √515,025 = 717.65 s
    expect(c.clusterMtbfSeconds).toBeCloseTo(44540.33, 1);
    expect(c.intervalSeconds).toBeCloseTo(717.65, 1);
    // lost = (717.65 + 5.78)/2 + 600 = 961.72 s; wall = 616,890.6 · (1 + 5.78154/717.65) / (1 − 961.72/44,540.33)
    //      = 616,890.6 · 1.0080562 / 0.9784080 = 635,584 s
    expect(c.wallSeconds).toBeCloseTo(635584, -1);
    expect(c.efficiency).toBeCloseTo(0.97059, 4);
    // 635,584 s · 4096 / 3600 = 723,153 GPU-h; · $2 = $1,446,307
    expect(b.wallUsd).toBeCloseTo(1446307, -1);
    expect(b.overheadUsd).toBeCloseTo(1446307 - 1403769, -1);
    expect(b.warnings.map((w) => w.code)).toEqual(['extrapolated-beyond-fit']);
  });

  it('a $1M budget at $2/GPU-h buys 7.12e23 FLOPs at 40% of 989.4 TFLOP/s', () => {
    const b = trainingBudget({ ...base, budget: { kind: 'usd', usd: 1e6 } });
    // 1e6 / 2 · 3600 · 989.4e12 · 0.4 = 7.12368e23
    expect(b.flops).toBeCloseTo(7.12368e23, -18);
    expect(b.fromUsd).toEqual({ usd: 1e6, usdPerGpuHour: 2, peakFlopsPerSecond: 989.4e12, mfu: 0.4 });
    // and costs exactly that before overheads
    expect(b.idealUsd).toBeCloseTo(1e6, 3);
  });

  it('the refitted constants give a larger, shorter-trained model for the same budget', () => {
    const b = trainingBudget({ ...base, budget: { kind: 'flops', flops: 1e24 }, fit: CHINCHILLA_FITS['besiroglu-2024'] });
    expect(b.allocation.optimal.params / 9.5861e10).toBeCloseTo(1, 4);
    // time depends on C alone: the same 7.14 days
    expect(b.training.seconds!).toBeCloseTo(616890.6, 0);
  });

  it('refuses a dollar budget at a zero price, a budget past 1e32 FLOPs and an MFU above 1, each by field', () => {
    const field = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        if (e instanceof InputError) return e.field;
        throw e;
      }
      return null;
    };
    expect(field(() => trainingBudget({ ...base, usdPerGpuHour: 0, budget: { kind: 'usd', usd: 1e6 } }))).toBe('usdPerGpuHour');
    expect(field(() => trainingBudget({ ...base, budget: { kind: 'flops', flops: 1e40 } }))).toBe('flops');
    expect(field(() => trainingBudget({ ...base, mfu: 1.5, budget: { kind: 'flops', flops: 1e24 } }))).toBe('mfu');
    expect(field(() => trainingBudget({ ...base, budget: { kind: 'usd', usd: 1e14 } }))).toBe('usd');
  });
});
