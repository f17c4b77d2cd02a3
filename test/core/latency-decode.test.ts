import { describe, expect, it } from 'vitest';
import {
  decodeBatchSweep,
  decodeCriticalBatch,
  decodeCriticalBatchFormula,
  decodeCriticalBatchInput,
  decodeThroughputFormula,
  latencyModelFromSpec,
  decodeCrossover,
  servingFit,
} from '../../src/core/latency/decode';
import { getPreset } from '../../src/core/model/presets';
import type { LatencyModel } from '../../src/core/latency/latency';
import { InputError } from '../../src/core/units';

// Llama 2 70B: N = 68,976,648,192; L = 80; h·d = 8192; KV per token = 2·80·8·128·2 = 327,680 B.
const LLAMA2_70B: LatencyModel = {
  params: 68_976_648_192,
  layers: 80,
  attentionWidth: 8192,
  hidden: 8192,
  weightsBytes: 137_953_296_384,
  kvBytesPerToken: 327_680,
  activationBytesPerElement: 2,
};
const A800 = { gpus: 8, peak: 312e12, memoryBandwidth: 2.039e12, linkBandwidth: 200e9 };
const IDEAL = { compute: 1, memory: 1, comm: 1, allReduceLatency: 0 };

describe('decode critical batch', () => {
  it("decodeCriticalBatch(llama-2-70b on A800, S' = 500) = 184.85 sequences", () => {
    // f = 137,953,296,384 + 4·80·8192·500 = 139,264,016,384; f·W/P = 910,126,056 B;
    // minus Q_kv = 500·327,680 = 163,840,000 → 746,286,056; 137,953,296,384 / 746,286,056 = 184.853
    const b = decodeCriticalBatch({
      weightsBytes: 137_953_296_384,
      flopsPerSequence: 139_264_016_384,
      kvBytesPerSequence: 163_840_000,
      peak: 312e12,
      bandwidth: 2.039e12,
      computeEfficiency: 1,
      memoryEfficiency: 1,
    });
    expect(b).toBeCloseTo(184.853, 2);
    expect(decodeCriticalBatchFormula.derive(decodeCriticalBatchFormula.example).value).toBeCloseTo(184.853, 2);
  });

  it("decodeCriticalBatchInput(llama-2-70b, S' = 500) gives f = 139,264,016,384 FLOPs and Q_kv = 163,840,000 B", () => {
    const input = decodeCriticalBatchInput(LLAMA2_70B, A800, 500, IDEAL);
    expect(input.f).toBe(139_264_016_384);
    expect(input.Qkv).toBe(163_840_000);
    expect(input.Qw).toBe(137_953_296_384);
  });

  it("decodeCriticalBatch(llama-2-70b, S' = 4000) = Infinity: the KV cache alone outweighs the FLOPs", () => {
    // f = 148,439,056,384 → f·W/P = 970,076,... B < Q_kv = 1,310,720,000 B
    const input = decodeCriticalBatchInput(LLAMA2_70B, A800, 4000, IDEAL);
    expect(
      decodeCriticalBatch({
        weightsBytes: input.Qw,
        flopsPerSequence: input.f,
        kvBytesPerSequence: input.Qkv,
        peak: input.P,
        bandwidth: input.W,
        computeEfficiency: 1,
        memoryEfficiency: 1,
      }),
    ).toBe(Infinity);
    expect(() => decodeCriticalBatchFormula.derive(input)).toThrow(InputError);
  });

  it('decodeThroughputFormula(B = 16, TPOT = 40 ms) = 400 tokens/s', () => {
    expect(decodeThroughputFormula.derive({ B: 16, T: 0.04 }).value).toBeCloseTo(400, 9);
  });
});

describe('decodeBatchSweep', () => {
  // A toy model: 2e9 FLOPs per token (+4·S' for a one-wide attention, negligible), 2 GB of weights, no KV; 100 TFLOP/s, 1 TB/s.
  const TOY: LatencyModel = { params: 1e9, layers: 1, attentionWidth: 1, hidden: 1, weightsBytes: 2e9, kvBytesPerToken: 0, activationBytesPerElement: 2 };
  const HW = { gpus: 1, peak: 100e12, memoryBandwidth: 1e12, linkBandwidth: 1 };
  const points = decodeBatchSweep(TOY, HW, { input: 1, output: 2, attention: 'full' }, IDEAL, [1, 256]);

  it('decodeBatchSweep(toy, B = 1): TPOT 2 ms (2e9 B / 1e12 B/s), 500 tokens/s, memory-bound', () => {
    const p = points[0]!;
    expect(p.tpotSeconds).toBeCloseTo(0.002, 12);
    expect(p.decodeTokensPerSecond).toBeCloseTo(500, 6);
    // B·O / (TTFT + TPOT) = 2 / 0.004
    expect(p.endToEndTokensPerSecond).toBeCloseTo(500, 6);
    expect(p.decodeRegime).toBe('memory-bound');
  });

  it('decodeBatchSweep(toy, B = 256): TPOT 5.12 ms (256·2e9 / 1e14), 50,000 tokens/s, compute-bound', () => {
    const p = points[1]!;
    expect(p.tpotSeconds).toBeCloseTo(0.00512, 9);
    expect(p.decodeTokensPerSecond).toBeCloseTo(50_000, 3);
    expect(p.decodeRegime).toBe('compute-bound');
    expect(p.prefillRegime).toBe('compute-bound');
  });
});

describe('latencyModelFromSpec', () => {
  it('latencyModelFromSpec(llama-2-70b, 2 B) = 137,953,296,384 B of weights, 327,680 B of KV per token', () => {
    // weights 2 · 68,976,648,192; KV 2 · 80 · 8 · 128 · 2
    expect(latencyModelFromSpec(getPreset('llama-2-70b').spec, 2)).toEqual(LLAMA2_70B);
  });

  it('latencyModelFromSpec(mixtral-8x7b, 2) counts 12,879,925,248 active parameters for the FLOPs', () => {
    expect(latencyModelFromSpec(getPreset('mixtral-8x7b').spec, 2).params).toBe(12_879_925_248);
  });
});

describe('servingFit and decodeCrossover', () => {
  it('servingFit(llama-2-70b fp16, 2 × 80e9 B, 4,000-token requests, u = 1) = 16 requests', () => {
    // budget 160e9 − 137,953,296,384 = 22,046,703,616 B; per request 4000 · 327,680 = 1,310,720,000 B; ⌊16.82⌋ = 16
    const fit = servingFit(LLAMA2_70B, { gpus: 2, memoryPerGpu: 80e9 }, { batch: 16, input: 3000, output: 1000 }, 1);
    expect(fit.kvPerRequest).toBe(1_310_720_000);
    expect(fit.budget).toBe(22_046_703_616);
    expect(fit.maxConcurrency).toBe(16);
    expect(fit.fits).toBe(true);
    expect(servingFit(LLAMA2_70B, { gpus: 2, memoryPerGpu: 80e9 }, { batch: 17, input: 3000, output: 1000 }, 1).fits).toBe(false);
  });

  it('decodeCrossover(llama-2-70b on A800, S = 400, O = 100) uses S\' = 500: B* = 184.85', () => {
    const x = decodeCrossover(LLAMA2_70B, A800, { input: 400, output: 100 }, IDEAL);
    expect(x.context).toBe(500);
    expect(x.batch).toBeCloseTo(184.853, 2);
  });
});
