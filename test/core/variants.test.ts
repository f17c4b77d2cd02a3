import { describe, expect, it } from 'vitest';
import { getFormula } from '../../src/core/registry';
import { getPreset } from '../../src/core/model/presets';
import { getGpu } from '../../src/core/gpu/gpu';
import {
  KEEP_ALL,
  applyVariant,
  compareVariant,
  describeAttention,
  divisorsHint,
  swigluWidth,
  variantDerivations,
  variantFormulas,
  variantMetrics,
  type VariantOptions,
} from '../../src/core/variants';
import { activeParams, countParams } from '../../src/core/params/params';
import { kvCacheBytes, kvCacheBytesPerToken } from '../../src/core/memory/memory';
import { decodeStepFlops } from '../../src/core/flops/flops';
import { InputError } from '../../src/core/units';
import type { AnyFormula } from '../../src/core/formula';
import { HANG_GUARD_MS } from '../support/hangGuard';

const llama7b = getPreset('llama-2-7b').spec;
const variant = (patch: Partial<VariantOptions>) => applyVariant(llama7b, { ...KEEP_ALL, ...patch });

function inputErrorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

describe('swigluWidth: Llama FFN widths from H', () => {
  it.each([
    // ⌊8·4096/3⌋ = 10922 → 256·⌈10922/256⌉ = 256·43
    [{ H: 4096, f: 1, m: 256 }, 11008, 'Llama 2 7B'],
    // ⌊8·8192/3⌋ = 21845, ⌊1.3·21845⌋ = 28398 → 4096·7
    [{ H: 8192, f: 1.3, m: 4096 }, 28672, 'Llama 2 70B'],
    // ⌊1.3·10922⌋ = 14198 → 1024·14
    [{ H: 4096, f: 1.3, m: 1024 }, 14336, 'Llama 3 8B'],
  ])('swigluWidth(%o) = $1 (%s)', (input, expected) => {
    expect(swigluWidth(input)).toBe(expected);
  });

  it("swigluWidth matches the presets' intermediate_size", () => {
    expect(swigluWidth({ H: 4096, f: 1, m: 256 })).toBe(getPreset('llama-2-7b').spec.ffnWidth);
    expect(swigluWidth({ H: 8192, f: 1.3, m: 4096 })).toBe(getPreset('llama-2-70b').spec.ffnWidth);
  });
});

describe('applyVariant: attention', () => {
  it('applyVariant(llama-2-7b, GQA g=8) = 5,933,109,248 params, 131,072 B of KV per token', () => {
    const s = variant({ attention: 'gqa', kvGroups: 8 });
    expect(s.kvHeads).toBe(8);
    // K and V shrink from 4096×4096 to 1024×4096: 32 layers · 2 · 4096 · 3072 = 805,306,368 fewer
    expect(countParams(s).total).toBe(6_738_415_616 - 805_306_368);
    // 2 · 32 layers · 8 heads · 128 · 2 B
    expect(kvCacheBytesPerToken(s, 2)).toBe(131_072);
  });

  it('applyVariant(llama-2-7b, MQA) caches 2·32·1·128·2 = 16,384 B per token', () => {
    const s = variant({ attention: 'mqa' });
    expect(s.kvHeads).toBe(1);
    expect(kvCacheBytesPerToken(s, 2)).toBe(16_384);
    expect(describeAttention(s)).toBe('MQA, 1 KV head');
  });

  it('applyVariant(llama-2-7b, GQA g=5) throws InputError on kvGroups (5 does not divide 32)', () => {
    const e = inputErrorOf(() => variant({ attention: 'gqa', kvGroups: 5 }));
    expect(e.field).toBe('kvGroups');
    expect(e.message).toContain('must divide the 32 query heads');
  });

  it('applyVariant(llama-2-7b, MLA r=512, d_R=64) caches (512+64)·32·2 = 36,864 B per token', () => {
    const s = variant({ attention: 'mla', mlaRank: 512, mlaRopeDim: 64 });
    expect(kvCacheBytesPerToken(s, 2)).toBe(36_864);
    // per layer: q 32·192·4096 = 25,165,824; kv_a 576·4096 = 2,359,296; kv_b 32·256·512 = 4,194,304;
    // o 4096·4096 = 16,777,216 → 48,496,640 (the 512-wide kv_a_layernorm counts as a norm)
    expect(countParams(s).attention).toBe(32 * 48_496_640);
  });

  it('applyVariant(deepseek-v3, MHA) caches 2·61·128·128·2 = 3,997,696 B per token against MLA 70,272 B', () => {
    const ds = getPreset('deepseek-v3').spec;
    expect(kvCacheBytesPerToken(ds, 2)).toBe(70_272);
    expect(kvCacheBytesPerToken(applyVariant(ds, { ...KEEP_ALL, attention: 'mha' }), 2)).toBe(3_997_696);
  });
});

describe('applyVariant: window, experts, block', () => {
  it("applyVariant(llama-2-7b, window 4096 on all layers) keeps 32·4096·16,384 = 2,147,483,648 B at S' = 8192", () => {
    expect(kvCacheBytes(variant({ window: 'all', windowSize: 4096 }), 8192, 2)).toBe(2_147_483_648);
    expect(kvCacheBytes(llama7b, 8192, 2)).toBe(4_294_967_296);
  });

  it('applyVariant(llama-2-7b, 8 experts top-2 of width 11008) = 37,039,116,288 total, 11,067,985,920 active', () => {
    const s = variant({ moe: 'moe', experts: 8, topK: 2, expertWidthRatio: 1 });
    // 6,738,415,616 + 32·7·(3·4096·11008 = 135,266,304) + router 32·8·4096 = 1,048,576
    expect(countParams(s).total).toBe(37_039_116_288);
    // minus 32·6·135,266,304 = 25,971,130,368 idle experts
    expect(activeParams(s)).toBe(11_067_985_920);
  });

  it('applyVariant(llama-2-7b, top-3 of 2 experts) throws InputError on topK', () => {
    expect(inputErrorOf(() => variant({ moe: 'moe', experts: 2, topK: 3 })).field).toBe('topK');
  });

  it('applyVariant(mixtral-8x7b, dense) = 7,241,732,096 params: Mistral 7B', () => {
    const s = applyVariant(getPreset('mixtral-8x7b').spec, { ...KEEP_ALL, moe: 'dense' });
    expect(countParams(s).total).toBe(7_241_732_096);
  });

  it('applyVariant(llama-2-7b, GPT-2 block) = 6,723,084,288 params', () => {
    // per layer: attention 4·4096² + 4·4096 biases = 67,125,248; MLP 2·4096·16384 + 16384 + 4096 = 134,238,208;
    // two LayerNorms 4·4096 = 16,384 → 201,379,840 · 32 = 6,444,154,880;
    // + embedding and untied head 2·32000·4096 = 262,144,000 + positions 4096·4096 = 16,777,216 + final norm 8,192
    expect(countParams(variant({ block: 'gpt2', learnedPositions: 4096 })).total).toBe(6_723_084_288);
  });

  it('applyVariant(gpt2, Llama block) = 123,551,232 params, I = 2048', () => {
    const s = applyVariant(getPreset('gpt2').spec, { ...KEEP_ALL, block: 'llama' });
    // ⌊8·768/3⌋ = 2048, already a multiple of 256
    expect(s.ffnWidth).toBe(2048);
    expect(countParams(s).total).toBe(123_551_232);
  });

  it('applyVariant(base, KEEP_ALL) changes no count', () => {
    const s = applyVariant(llama7b, KEEP_ALL);
    expect(countParams(s).total).toBe(countParams(llama7b).total);
    expect(decodeStepFlops({ spec: s, batch: 1, contextTokens: 4096 }).total).toBe(decodeStepFlops({ spec: llama7b, batch: 1, contextTokens: 4096 }).total);
  });
});

describe("variantMetrics and compareVariant (the scenario engine's servingMemory)", () => {
  const a800 = getGpu('a800-sxm-80gb');
  // The CUDA runtime sees 84,987,084,800 B of an A800 80GB; 80 GiB = 85,899,345,920 B.

  it("variantMetrics(llama-2-70b, 2×A800 runtime, u 0.9, S' 4000, fp16).maxConcurrency = 10, as servingMemory and the CLI", () => {
    // usable 2·84,987,084,800·0.9 = 152,976,752,640 B; weights 68,976,648,192·2 = 137,953,296,384 B;
    // activations of one 4,000-token pass on 2 GPUs: 2·(2·4000·8192·2) + 4000·3·28672·2 + 4·32000 = 950,400,000 B
    // budget 14,073,056,256 B / (2·80·4000·8·128·2 = 1,310,720,000 B) = 10.74 → 10
    const m = variantMetrics(getPreset('llama-2-70b').spec, {
      gpu: a800,
      gpus: 2,
      contextTokens: 4000,
      weightDtype: 'fp16',
      memoryReading: 'runtime',
      utilization: 0.9,
    });
    expect(m.activationBytes).toBe(950_400_000);
    expect(m.kvBudgetBytes).toBe(14_073_056_256);
    expect(m.kvBytesPerRequest).toBe(1_310_720_000);
    expect(m.maxConcurrency).toBe(10);
    expect(m.fits).toBe(true);
    expect(m.warnings).toEqual([]);
  });

  it("compareVariant(llama-2-7b → GQA 8, 1×A800 runtime, S' 4096) = 29 → 119 requests, KV ×0.25", () => {
    const c = compareVariant(llama7b, { ...KEEP_ALL, attention: 'gqa', kvGroups: 8 }, { gpu: a800, gpus: 1, contextTokens: 4096 });
    // usable 84,987,084,800·0.9 = 76,488,376,320; activations 2·4096·4096·2 + 4096·3·11008·2 + 4·32000 = 337,769,472
    // base: (76,488,376,320 − 13,476,831,232 − 337,769,472) / 2,147,483,648 = 29.2
    expect(c.base.maxConcurrency).toBe(29);
    // variant: (76,488,376,320 − 11,866,218,496 − 337,769,472) / 536,870,912 = 119.7
    expect(c.variant.maxConcurrency).toBe(119);
    expect(c.ratios.kvBytesPerToken).toBe(0.25);
  });

  it('compareVariant(llama-2-7b → GQA 8, 1×A800 read as 80 GiB) = 29 → 121 requests', () => {
    // usable 85,899,345,920·0.9 = 77,309,411,328: (… − 11,866,218,496 − 337,769,472) / 536,870,912 = 121.3
    const c = compareVariant(llama7b, { ...KEEP_ALL, attention: 'gqa', kvGroups: 8 }, { gpu: a800, gpus: 1, contextTokens: 4096, memoryReading: 'GiB' });
    expect(c.base.maxConcurrency).toBe(29);
    expect(c.variant.maxConcurrency).toBe(121);
  });

  it('variantMetrics(llama-2-70b on one A800) does not fit: 0 requests, the weights-do-not-fit warning, no concurrency derivation', () => {
    const setup = { gpu: a800, gpus: 1, contextTokens: 4000, weightDtype: 'fp16' as const };
    const m = variantMetrics(getPreset('llama-2-70b').spec, setup);
    expect(m.fits).toBe(false);
    expect(m.maxConcurrency).toBe(0);
    expect(m.warnings.map((w) => w.code)).toEqual(['weights-do-not-fit']);
    expect(variantDerivations(m, setup).map((d) => d.id)).not.toContain('serving.maxConcurrency');
  });

  it("variantMetrics(llama-2-7b, int8 weights) keeps a bf16 KV cache (the scenario's default): 524,288 B per token", () => {
    // 2·32·32·128·2 B: weight-only int8 dequantizes to 16 bits, and the cache stays 16-bit
    const m = variantMetrics(llama7b, { gpu: a800, gpus: 1, contextTokens: 4096, weightDtype: 'int8' });
    expect(m.kvBytesPerToken).toBe(524_288);
    expect(m.weightsBytes).toBe(6_738_415_616);
  });

  it('variantDerivations agree with the metrics they explain', () => {
    const setup = { gpu: a800, gpus: 1, contextTokens: 32000 };
    const m = variantMetrics(getPreset('gemma-2-9b').spec, setup);
    const ds = variantDerivations(m, setup);
    expect(ds.find((d) => d.id === 'variants.mixedWindowKvCache')?.value).toBe(m.kvBytesPerRequest);
    expect(ds.find((d) => d.id === 'serving.kvBudget')?.value).toBe(m.kvBudgetBytes);
    expect(ds.find((d) => d.id === 'serving.maxConcurrency')?.value).toBe(m.maxConcurrency);
  });

  it.each([
    [{ utilization: 1.5 }, 'utilization'],
    [{ gpus: 0 }, 'gpus'],
    [{ contextTokens: 2e9 }, 'contextTokens'],
    [{ weightDtype: 'fp64' }, 'weightDtype'],
    [{ memoryReading: 'TB' }, 'memoryReading'],
  ] as const)('variantMetrics(llama-2-7b, %o) throws InputError on %s', (patch, field) => {
    expect(inputErrorOf(() => variantMetrics(llama7b, { gpu: a800, gpus: 1, contextTokens: 1, ...(patch as object) } as never)).field).toBe(field);
  });
});

describe('variants formulas (worked examples)', () => {
  const byId = new Map((variantFormulas as AnyFormula[]).map((f) => [f.id, f]));
  const value = (id: string) => {
    const f = byId.get(id)!;
    return f.derive(f.example).value;
  };
  it('variants.kvHeadSaving(h 64, h_kv 8) = 8', () => expect(value('variants.kvHeadSaving')).toBe(8));
  // (21·8192 + 21·4096)·4096·2
  it('variants.mixedWindowKvCache(Gemma 2 9B, 8,192 tokens) = 2,113,929,216 B', () => {
    expect(value('variants.mixedWindowKvCache')).toBe(2_113_929_216);
    expect(kvCacheBytes(getPreset('gemma-2-9b').spec, 8192, 2)).toBe(2_113_929_216);
  });
  // 2·128·128 / 576 = 56.89
  it('variants.mlaCompression(DeepSeek V3) = 56.9', () => expect(value('variants.mlaCompression')).toBeCloseTo(56.889, 3));
  // 2 · 12,879,925,248 active parameters (the retired id variants.moeFlopsPerToken resolves to flops.perToken)
  it('flops.perToken(N = Mixtral’s active 12,879,925,248) = 25,759,850,496 FLOPs', () => {
    expect(getFormula('variants.moeFlopsPerToken').derive({ N: 12_879_925_248 }).value).toBe(25_759_850_496);
  });
  // (46,702,792,704 − 45,097,156,608 + 5,637,144,576)·2
  it('variants.expertParallelWeights(Mixtral, e 8, bf16) = 14,485,561,344 B', () => expect(value('variants.expertParallelWeights')).toBe(14_485_561_344));
  it('variants.swigluWidth(H 4096) = 11,008', () => expect(value('variants.swigluWidth')).toBe(11_008));
  it('variants.expertParallelWeights example uses Mixtral’s routed-expert count', () => {
    const mx = getPreset('mixtral-8x7b').spec;
    expect(countParams(mx).experts).toBe(45_097_156_608);
    expect(countParams(mx).total).toBe(46_702_792_704);
  });
});

describe('variants: bounded options, bounded work', () => {
  it.each([
    [64, '1, 2, 4, 8, 16, 32, 64'],
    [71, '1, 71'], // Falcon-7B's prime head count
    [100_000, '1, 2, 4, 5, 8, 10, 16, 20, 25, 32, 40, …, 100000'], // 2^5·5^5 has 36 divisors; 11 shown, then n
    [1e15, 'a divisor of the query heads'], // past the heads bound: no loop at all
  ])('divisorsHint(%i) = "%s"', (n, expected) => {
    expect(divisorsHint(n)).toBe(expected);
  });

  it('applyVariant(llama-2-7b, gqa with 3 KV groups) suggests the divisors of 32', () => {
    expect(inputErrorOf(() => variant({ attention: 'gqa', kvGroups: 3 })).message).toMatch(/try 1, 2, 4, 8, 16, 32\)/);
  });

  it.each([
    [{ attention: 'gqa', kvGroups: 1e6 }, 'kvGroups'],
    [{ attention: 'mla', mlaRank: 1e12 }, 'mlaRank'],
    [{ window: 'all', windowSize: 2e9 }, 'windowSize'],
    [{ moe: 'moe', experts: 1e6, topK: 2 }, 'experts'],
    [{ moe: 'moe', experts: 8, topK: 1e6 }, 'topK'],
    [{ moe: 'moe', experts: 8, topK: 2, expertWidthRatio: 1e6 }, 'expertWidthRatio'],
    [{ block: 'gpt2', learnedPositions: 1e12 }, 'learnedPositions'],
  ] as const)('applyVariant(llama-2-7b, %o) throws InputError on %s, without unbounded work', (patch, field) => {
    const t0 = performance.now();
    expect(inputErrorOf(() => variant(patch)).field).toBe(field);
    expect(performance.now() - t0).toBeLessThan(HANG_GUARD_MS);
  });

  it('applyVariant(a base spec with 1e15 layers) throws InputError on layers', () => {
    expect(inputErrorOf(() => applyVariant({ ...llama7b, layers: 1e15 }, KEEP_ALL)).field).toBe('layers');
  });

  it('variants.expertParallelWeights derive(N_exp > N) throws InputError on Ne', () => {
    const f = variantFormulas.find((x) => x.id === 'variants.expertParallelWeights') as AnyFormula;
    expect(inputErrorOf(() => f.derive({ N: 1, Ne: 2, e: 8, s: 2 })).field).toBe('Ne');
  });
});
