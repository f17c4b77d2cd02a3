import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getPreset, PRESETS } from '../../src/core/model/presets';
import { inferenceActivationBytes, kvCacheBytes, kvCacheBytesPerToken, weightsBytes } from '../../src/core/memory/memory';
import { memoryFormulas } from '../../src/core/memory/formulas';
import { paramsFormulas } from '../../src/core/params/formulas';
import { flopsFormulas } from '../../src/core/flops/formulas';
import { InputError } from '../../src/core/units';

const spec = (id: string) => getPreset(id).spec;

describe('weightsBytes', () => {
  it("weightsBytes(llama-2-7b, 'bf16') = 13,476,831,232 B; int4 = 3,369,207,808 B", () => {
    // 6,738,415,616 · 2 and · 0.5
    expect(weightsBytes(spec('llama-2-7b'), 'bf16')).toBe(13_476_831_232);
    expect(weightsBytes(spec('llama-2-7b'), 'int4')).toBe(3_369_207_808);
  });

  it("weightsBytes(mixtral-8x7b, 'bf16') = 93,405,585,408 B: all experts resident, not the 12.9B active", () => {
    // 46,702,792,704 · 2
    expect(weightsBytes(spec('mixtral-8x7b'), 'bf16')).toBe(93_405_585_408);
    expect(weightsBytes(spec('mixtral-8x7b'), 'bf16')).not.toBe(2 * 12_879_925_248);
  });

  it("weightsBytes(_, 'bf17') throws InputError on dtype", () => {
    expect(() => weightsBytes(spec('gpt2'), 'bf17' as 'bf16')).toThrow(InputError);
  });
});

describe('kvCacheBytesPerToken', () => {
  it.each([
    // 2·L·h_kv·d·2
    ['llama-2-70b', 327_680], // 2·80·8·128·2, not 2,621,440 from h = 64
    ['llama-2-7b', 524_288], // 2·32·32·128·2
    ['gpt2', 36_864], // 2·12·12·64·2
    ['falcon-7b', 8_192], // 2·32·1·64·2 (MQA)
    ['gemma-2b', 18_432], // 2·18·1·256·2
    ['gemma-2-9b', 344_064], // 2·42·8·256·2 (head_dim 256, not H/h = 224)
    // MLA: (kv_lora_rank + qk_rope_head_dim)·L·2
    ['deepseek-v2-lite', 31_104], // 576·27·2
    ['deepseek-v3', 70_272], // 576·61·2, not full K and V
  ])('kvCacheBytesPerToken(%s, bf16) = %i B', (id, bytes) => {
    expect(kvCacheBytesPerToken(spec(id), 2)).toBe(bytes);
  });
});

describe('kvCacheBytes', () => {
  it("kvCacheBytes(llama-2-70b, S'=4000, bf16) = 1,310,720,000 B", () => {
    // 2·80·4000·8·128·2
    expect(kvCacheBytes(spec('llama-2-70b'), 4000, 2)).toBe(1_310_720_000);
  });

  it("kvCacheBytes(mistral-7b, S'=32768, bf16) = 536,870,912 B: every layer capped at W = 4096", () => {
    // 131,072 B/token · 4096; below the window nothing changes: 1000 tokens = 131,072,000
    expect(kvCacheBytes(spec('mistral-7b'), 32_768, 2)).toBe(536_870_912);
    expect(kvCacheBytes(spec('mistral-7b'), 1000, 2)).toBe(131_072_000);
  });

  it("kvCacheBytes(gemma-2-9b, S'=8192, bf16) = 2,113,929,216 B: 21 of 42 layers capped at 4096", () => {
    // 2·8·256·2 = 8,192 B per layer and token; (21·8192 + 21·4096)·8,192
    expect(kvCacheBytes(spec('gemma-2-9b'), 8192, 2)).toBe(2_113_929_216);
  });

  it("kvCacheBytes(deepseek-v3, S'=1000, fp8) = 35,136,000 B (latent)", () => {
    // 576·61·1000·1
    expect(kvCacheBytes(spec('deepseek-v3'), 1000, 1)).toBe(35_136_000);
  });

  it("KV bytes scale linearly in S' (no window)", () => {
    const unwindowed = PRESETS.filter((p) => p.spec.slidingWindow === null).map((p) => p.id);
    fc.assert(
      fc.property(fc.constantFrom(...unwindowed), fc.integer({ min: 0, max: 100_000 }), fc.integer({ min: 1, max: 16 }), (id, S, k) => {
        expect(kvCacheBytes(spec(id), k * S, 2)).toBe(k * kvCacheBytes(spec(id), S, 2));
        expect(kvCacheBytes(spec(id), S, 2)).toBe(S * kvCacheBytesPerToken(spec(id), 2));
      }),
    );
  });

  it("kvCacheBytes(S' = -1) throws InputError on contextTokens", () => {
    expect(() => kvCacheBytes(spec('gpt2'), -1, 2)).toThrow(InputError);
  });
});

describe('inferenceActivationBytes', () => {
  it('inferenceActivationBytes(llama-2-7b, B=1, S=1, bf16).total = 210,432 B', () => {
    // residual 2·4096·2 = 16,384; FFN working set 3·11008·2 = 66,048 (> attention (32+64)·128 + 4096 = 16,384 → 32,768);
    // fp32 logits 4·32000 = 128,000
    const a = inferenceActivationBytes({ spec: spec('llama-2-7b'), batch: 1, newTokens: 1, bytesPerElement: 2 });
    expect([a.residual, a.layerWorkingSet, a.logits, a.total]).toEqual([16_384, 66_048, 128_000, 210_432]);
    expect(a.assumptions.length).toBeGreaterThan(0);
  });
});

describe('memory formulas', () => {
  it("memory.kvCache derive(L=80, S'=4000, h_kv=8, d=128, s=2).value = 1,310,720,000 B", () => {
    expect(memoryFormulas.find((f) => f.id === 'memory.kvCache')?.derive({ L: 80, Sc: 4000, hKv: 8, d: 128, s: 2 }).value).toBe(1_310_720_000);
  });

  it("memory.mlaKvCache derive(DeepSeek V3, S'=1, bf16).value = 70,272 B", () => {
    const f = memoryFormulas.find((x) => x.id === 'memory.mlaKvCache');
    expect(f?.derive(f.example).value).toBe(70_272);
  });

  it('anchors of the model formulas are unique per page, and ids unique', () => {
    const all = [...paramsFormulas, ...flopsFormulas, ...memoryFormulas];
    const keys = all.map((f) => `${f.page}#${f.anchor}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(new Set(all.map((f) => f.id)).size).toBe(all.length);
  });
});
