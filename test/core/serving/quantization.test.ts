import { describe, expect, it } from 'vitest';
import { getPreset } from '../../../src/core/model/presets';
import { getGpu } from '../../../src/core/gpu/gpu';
import {
  WEIGHT_QUANTIZATION,
  bitsPerQuantizedWeight,
  datasheetPeakFor,
  quantBitsPerWeightFormula,
  quantizedWeights,
  quantizedWeightsBytes,
  quantizedWeightsFormula,
} from '../../../src/core/serving/quantization';
import { servingScenario } from '../../../src/core/scenario/serving';
import { quantizationDerivations } from '../../../src/core/scenario/servingSteps';
import { InputError } from '../../../src/core/units';

const llama2_70b = getPreset('llama-2-70b').spec;
const a800 = getGpu('a800-sxm-80gb');
const h100 = getGpu('h100-sxm');

describe('quantized weights', () => {
  it('bitsPerQuantizedWeight(int4, groups of 128, fp16 scale + 4-bit zero) = 4 + 20/128 = 4.15625 bits', () => {
    expect(bitsPerQuantizedWeight({ bits: 4, groupSize: 128, scaleBits: 20 })).toBe(4.15625);
    expect(quantBitsPerWeightFormula.derive({ qw: 4, qs: 20, g: 128 }).value).toBe(4.15625);
  });

  it('quantizedWeightsBytes(1,024 weights at 4 bits, 8 groups of 20 bits, 10 at 16 bits) = (4,096 + 160)/8 + 20 = 552 B', () => {
    expect(quantizedWeightsBytes({ Nq: 1024, qw: 4, ng: 8, qs: 20, N16: 10 })).toBe(552);
  });

  describe('Llama 2 70B, tensor by tensor', () => {
    // Per layer: q, o 8192×8192 = 67,108,864 each; k, v 1024×8192 = 8,388,608 each; gate, up 28,672×8,192 and down
    // 8,192×28,672 = 234,881,024 each → 855,638,016 linear weights; × 80 = 68,451,041,280.
    // The rest: embed and head 2·32,000·8,192 = 524,288,000 + norms 80·2·8,192 + 8,192 = 1,318,912 → 525,606,912.
    it('int4, g = 128: 534,773,760 groups; (68,451,041,280·4 + 534,773,760·20)/8 + 525,606,912·2 = 36,613,668,864 B', () => {
      // groups per layer: q, o 8,192·64; k, v 1,024·64; gate, up 28,672·64; down 8,192·224 → 6,684,672; × 80
      const q = quantizedWeights(llama2_70b, 'int4', WEIGHT_QUANTIZATION.int4!);
      expect(q.quantizedParams).toBe(68_451_041_280);
      expect(q.sixteenBitParams).toBe(525_606_912);
      expect(q.scaleGroups).toBe(534_773_760);
      expect(q.bytes).toBe(36_613_668_864);
      // 36,613,668,864 / 68,976,648,192 = 0.5308 B per parameter, not 0.5
      expect(q.bytesPerParam).toBeCloseTo(0.53081, 5);
      expect(quantizedWeightsFormula.derive({ Nq: q.quantizedParams, qw: 4, ng: q.scaleGroups, qs: 20, N16: q.sixteenBitParams }).exact).toBe('36,613,668,864');
    });

    it('int8 per channel: 83,968 rows per layer → 6,717,440 scales; 68,451,041,280 + 6,717,440·2 + 525,606,912·2 = 69,515,689,984 B', () => {
      const q = quantizedWeights(llama2_70b, 'int8', WEIGHT_QUANTIZATION.int8!);
      expect(q.scaleGroups).toBe(6_717_440);
      expect(q.bytes).toBe(69_515_689_984);
    });

    it('fp8 per tensor: 7 tensors × 80 layers = 560 fp32 scales; 68,451,041,280 + 560·4 + 1,051,213,824 = 69,502,257,344 B', () => {
      const q = quantizedWeights(llama2_70b, 'fp8', WEIGHT_QUANTIZATION.fp8!);
      expect(q.scaleGroups).toBe(560);
      expect(q.bytes).toBe(69_502_257_344);
    });
  });

  it('a Mixtral expert tensor counts its experts’ rows: 8 experts × 3 matrices per layer are all quantized', () => {
    // Mixtral 8×7B: per layer attention 4096·(4096 + 1024 + 1024 + 4096) = 41,943,040 and experts 8·3·4096·14,336 = 1,409,286,144; × 32
    const q = quantizedWeights(getPreset('mixtral-8x7b').spec, 'int4', WEIGHT_QUANTIZATION.int4!);
    expect(q.quantizedParams).toBe(32 * (41_943_040 + 1_409_286_144));
  });

  it('refuses to quantize bf16 (weightDtype) and a group of 0 weights (groupSize)', () => {
    expect(() => quantizedWeights(llama2_70b, 'bf16', WEIGHT_QUANTIZATION.int4!)).toThrow(InputError);
    try {
      quantizedWeights(llama2_70b, 'int4', { granularity: 0, scaleBits: 16 });
      expect.unreachable();
    } catch (e) {
      expect((e as InputError).field).toBe('groupSize');
    }
  });

  it('datasheetPeakFor: A800 has no fp8 tensor cores (null) and 624 TOPS int8; H100 SXM 1,978.9 TFLOP/s fp8', () => {
    expect(datasheetPeakFor(a800, 'fp8')).toBeNull();
    expect(datasheetPeakFor(a800, 'int8')).toBe(6.24e14);
    expect(datasheetPeakFor(h100, 'fp8')).toBe(1.9789e15);
    expect(datasheetPeakFor(h100, 'int4')).toBeNull();
  });

  describe('in the scenario engine (Llama 2 70B on 2 × A800, 8 requests of 3,000 + 1,000 tokens)', () => {
    const base = { model: llama2_70b, gpu: a800, gpus: 2, batch: 8, inputTokens: 3000, outputTokens: 1000 } as const;

    it('without a layout int4 weights are N·0.5 B, as before; with GPTQ/AWQ’s layout 36,613,668,864 B, and fewer requests fit', () => {
      const bare = servingScenario({ ...base, weightDtype: 'int4' });
      expect(bare.memory.weightsBytes).toBe(34_488_324_096);
      const real = servingScenario({ ...base, weightDtype: 'int4', techniques: { weightQuantization: WEIGHT_QUANTIZATION.int4! } });
      expect(real.memory.weightsBytes).toBe(36_613_668_864);
      expect(real.memory.maxConcurrency).toBeLessThan(bare.memory.maxConcurrency);
      // A decode step reads the weights: more bytes, a longer step.
      expect(real.tpotSeconds).toBeGreaterThan(bare.tpotSeconds);
      expect(quantizationDerivations(real).map((d) => d.id)).toEqual(['serving.quantBitsPerWeight', 'serving.quantizedWeights']);
    });

    it('a layout given with bf16 weights changes nothing (only 8- and 4-bit weights are quantized)', () => {
      const plain = servingScenario({ ...base, weightDtype: 'bf16' });
      const q = servingScenario({ ...base, weightDtype: 'bf16', techniques: { weightQuantization: WEIGHT_QUANTIZATION.int4! } });
      expect(q.memory.weightsBytes).toBe(plain.memory.weightsBytes);
      expect(q.memory.quantized).toBeNull();
    });

    it('fp8 on an A800 is timed at the 16-bit peak with a warning; on an H100 at the fp8 peak', () => {
      const a = servingScenario({ ...base, weightDtype: 'fp8' });
      expect(a.hardware.matmulPeakDtype).toBe('bf16');
      expect(a.warnings.find((w) => w.code === 'peak-dtype-fallback')?.message).toContain('has no fp8 tensor-core rate');
      const h = servingScenario({ ...base, gpu: h100, weightDtype: 'fp8' });
      expect(h.hardware.matmulPeakDtype).toBe('fp8');
      expect(h.hardware.matmulPeakFlopsPerSecond).toBe(1.9789e15);
    });
  });
});
