import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PRESETS, getPreset } from '../../src/core/model/presets';
import { parseHfConfig } from '../../src/core/model/parseHfConfig';
import { activeParams, countParams, paramsApprox } from '../../src/core/params/params';
import { paramsFormulas } from '../../src/core/params/formulas';
import { formatCount, InputError } from '../../src/core/units';
import { HANG_GUARD_MS } from '../support/hangGuard';

/**
 * Reference table: official parameter counts of real checkpoints, with their sources
 * (culori-style). Each figure is typed from its source, never from countParams.
 */
const OFFICIAL: ReadonlyArray<[id: string, params: number, source: string]> = [
  ['gpt2', 124_439_808, 'GPT-2 small, tied head counted once (nanoGPT); not the 137,022,720 that includes 12 attn.bias buffers'],
  ['bloom-7b1', 7_069_016_064, 'bigscience/bloom-7b1 model card'],
  ['falcon-7b', 6_921_720_704, 'falcon-7b fine-tune safetensors index: 13,843,441,408 B / 2'],
  ['opt-6.7b', 6_658_473_984, 'checkpoint recount quoted in public code (no first-party exact figure)'],
  ['pythia-6.9b', 6_857_302_016, 'Pythia README models table'],
  ['llama-2-7b', 6_738_415_616, 'huggingface.js gguf.spec.ts'],
  ['llama-2-13b', 13_015_864_320, 'pytorch_model.bin.index.json 52,063,467,520 B / 4 − 40·64 inv_freq'],
  ['llama-2-70b', 68_976_648_192, 'pytorch_model.bin.index.json 275,906,613,248 B / 4 − 80·64 inv_freq'],
  ['llama-3-8b', 8_030_261_248, 'Hub safetensors metadata'],
  ['llama-3-70b', 70_553_706_496, 'Hub safetensors metadata'],
  ['llama-3.1-8b', 8_030_261_248, 'Hub safetensors metadata'],
  ['llama-3.1-405b', 405_853_388_800, 'Hub safetensors metadata'],
  ['mistral-7b', 7_241_732_096, 'Hub safetensors metadata'],
  ['mixtral-8x7b', 46_702_792_704, 'Hub safetensors metadata'],
  ['qwen2.5-7b', 7_615_616_512, 'safetensors index 15,231,233,024 B / 2'],
  ['qwen1.5-moe-a2.7b', 14_315_784_192, 'Hub safetensors metadata'],
  ['qwen3-8b', 8_190_735_360, 'safetensors index 16,381,470,720 B / 2'],
  ['qwen3-30b-a3b', 30_532_122_624, 'Hub safetensors metadata'],
  ['gemma-2b', 2_506_172_416, 'safetensors index 5,012,344,832 B / 2'],
  ['gemma-2-9b', 9_241_705_984, 'Hub safetensors metadata'],
  ['phi-3-mini', 3_821_079_552, 'Hub safetensors metadata'],
  ['deepseek-v2-lite', 15_706_484_224, 'sum over the 4 safetensors files (5,291 tensors)'],
  ['deepseek-v2', 235_741_434_880, 'Hub safetensors metadata'],
  ['deepseek-v3', 671_026_419_200, 'main model, MTP module and FP8 scales excluded'],
];

describe('countParams over every preset = the official checkpoint count', () => {
  it.each(OFFICIAL)('countParams(%s).total = %i params (%s)', (id, official) => {
    expect(countParams(getPreset(id).spec).total).toBe(official);
  });

  it('the reference table covers every preset, and agrees with each preset record', () => {
    expect(OFFICIAL.map(([id]) => id).sort()).toEqual(PRESETS.map((p) => p.id).sort());
    for (const [id, official] of OFFICIAL) expect(getPreset(id).officialParams).toBe(official);
  });

  it.each(PRESETS.map((p) => [p.id] as const))('countParams(%s): rows and groups add up to the total', (id) => {
    const l = countParams(getPreset(id).spec);
    expect(l.rows.reduce((a, r) => a + r.count, 0)).toBe(l.total);
    expect(l.embedding + l.positionEmbedding + l.lmHead + l.attention + l.mlp + l.router + l.norms).toBe(l.total);
    expect(l.denseFfn + l.experts + l.sharedExperts).toBe(l.mlp);
    for (const r of l.rows) expect(r.count).toBe(r.shape.reduce((a, b) => a * b, 1) * r.layers);
  });

  it.each(PRESETS.map((p) => [p.id] as const))('paramsApprox(%s): the gap terms add up to exact − approx', (id) => {
    const a = paramsApprox(getPreset(id).spec);
    expect(a.terms.reduce((s, t) => s + t.params, 0)).toBe(a.exact - a.approx);
  });
});

describe('hand-checked counts', () => {
  it('countParams(llama-2-7b).total = 6,738,415,616 params', () => {
    // 2·32000·4096 (embedding + untied head) = 262,144,000
    // + 32·202,383,360 (layers) = 6,476,267,520 + 4096 (final norm)
    expect(countParams(getPreset('llama-2-7b').spec).total).toBe(6_738_415_616);
  });

  it('countParams(llama-2-7b).perLayer = 202,383,360 params', () => {
    // 4·4096² (q, k, v, o) = 67,108,864; 3·4096·11008 (gate, up, down) = 135,266,304; 2·4096 norms = 8,192
    expect(countParams(getPreset('llama-2-7b').spec).perLayer).toBe(202_383_360);
  });

  it('paramsApprox(llama-2-7b).approx = 6,573,522,944 params, error 164,892,672', () => {
    // 12·32·4096² = 6,442,450,944; 32000·4096 = 131,072,000
    const a = paramsApprox(getPreset('llama-2-7b').spec);
    expect(a.approx).toBe(6_573_522_944);
    // gap: gated FFN 32·(3·4096·11008 − 8·4096²) = 33,554,432; untied head 131,072,000; norms 65·4096 = 266,240
    expect(a.error).toBe(164_892_672);
    expect(a.terms.map((t) => [t.term, t.params])).toEqual([
      ['ffn', 33_554_432],
      ['lmHead', 131_072_000],
      ['norms', 266_240],
    ]);
  });

  it('countParams(gpt2).total = 124,439,808 params (causal-mask buffers are not parameters)', () => {
    // wte 50257·768 = 38,597,376; wpe 1024·768 = 786,432
    // per layer: ln 2·1536 = 3,072; c_attn 768·2304 + 2304 = 1,771,776; attn c_proj 768² + 768 = 590,592;
    // c_fc 768·3072 + 3072 = 2,362,368; mlp c_proj 3072·768 + 768 = 2,360,064 → 7,087,872 ×12 = 85,054,464
    // ln_f 1,536; tied head 0 → 38,597,376 + 786,432 + 85,054,464 + 1,536
    const l = countParams(getPreset('gpt2').spec);
    expect(l.total).toBe(124_439_808);
    expect(l.total).not.toBe(137_022_720); // + 12·1024² mask buffers
    expect(l.perLayer).toBe(7_087_872);
    expect(l.lmHead).toBe(0);
  });

  it('countParams(mixtral-8x7b).total = 46,702,792,704 params, active 12,879,925,248', () => {
    // per layer: q, o 2·4096² + k, v 2·4096·1024 = 41,943,040; router 8·4096 = 32,768;
    // experts 8·3·4096·14336 = 1,409,286,144; norms 8,192 → 1,451,270,144 ×32 = 46,440,644,608
    // + embedding and untied head 2·32000·4096 = 262,144,000 + final norm 4,096
    const spec = getPreset('mixtral-8x7b').spec;
    expect(countParams(spec).total).toBe(46_702_792_704);
    expect(countParams(spec).perLayer).toBe(1_451_270_144);
    // active: total − 32·(8 − 2)·3·4096·14336 = 46,702,792,704 − 33,822,867,456
    expect(activeParams(spec)).toBe(12_879_925_248);
  });

  it('activeParams(llama-2-7b) = total (dense)', () => {
    expect(activeParams(getPreset('llama-2-7b').spec)).toBe(6_738_415_616);
  });
});

describe('pitfalls other calculators fall into', () => {
  it('countParams(llama-2-7b): untied head counted once, as its own 131,072,000', () => {
    const l = countParams(getPreset('llama-2-7b').spec);
    expect([l.embedding, l.lmHead]).toEqual([131_072_000, 131_072_000]); // 32000·4096 each
  });

  it('countParams(gemma-2b): tied head adds 0 (embedding 256000·2048 = 524,288,000 once)', () => {
    const l = countParams(getPreset('gemma-2b').spec);
    expect([l.embedding, l.lmHead]).toEqual([524_288_000, 0]);
  });

  it('countParams(llama-2-7b).mlp = 4,328,521,728: gated FFN is 3·H·I, not 2·H·I', () => {
    // 32·3·4096·11008
    expect(countParams(getPreset('llama-2-7b').spec).mlp).toBe(4_328_521_728);
  });

  it('countParams(llama-2-70b).attention = 12,079,595,520: K and V use h_kv = 8', () => {
    // 80·(2·8192·8192 + 2·8192·1024) = 80·150,994,944
    expect(countParams(getPreset('llama-2-70b').spec).attention).toBe(12_079_595_520);
  });

  it('countParams(qwen2.5-7b).biases = 129,024: q/k/v biases, none on o', () => {
    // 28·(28·128 + 2·4·128) = 28·4,608
    expect(countParams(getPreset('qwen2.5-7b').spec).biases).toBe(129_024);
  });

  it('countParams(gpt2).biases = 102,144: every projection and LayerNorm', () => {
    // projections 12·(2304 + 768 + 3072 + 768) = 82,944; LayerNorm β 12·2·768 + 768 = 19,200
    expect(countParams(getPreset('gpt2').spec).biases).toBe(102_144);
  });

  it('countParams(falcon-7b): no projection biases; one norm per layer (parallel block): norms = 299,904', () => {
    const l = countParams(getPreset('falcon-7b').spec);
    expect(l.rows.filter((r) => r.bias && r.group !== 'norms')).toEqual([]);
    // (32 + 1)·2·4544 (weight and bias)
    expect(l.norms).toBe(299_904);
  });

  it('countParams(bloom-7b1) includes word_embeddings_layernorm (2·4096)', () => {
    const rows = countParams(getPreset('bloom-7b1').spec).rows.filter((r) => r.name.startsWith('embed_norm'));
    expect(rows.reduce((a, r) => a + r.count, 0)).toBe(8_192);
  });

  it('countParams(opt-6.7b).positionEmbedding = 8,396,800: 2050 rows (offset 2) × 4096', () => {
    expect(countParams(getPreset('opt-6.7b').spec).positionEmbedding).toBe(8_396_800);
  });

  it('countParams(gemma-2-9b).norms = 605,696: four norms per layer', () => {
    // 42·4·3584 + 3584
    expect(countParams(getPreset('gemma-2-9b').spec).norms).toBe(605_696);
  });

  it('countParams(qwen3-8b).norms = 308,224: two norms per layer, q_norm/k_norm of d = 128, final norm', () => {
    // 36·(2·4096 + 2·128) + 4096 = 36·8,448 + 4,096
    expect(countParams(getPreset('qwen3-8b').spec).norms).toBe(308_224);
  });

  it('countParams(deepseek-v3).router = 106,445,312 including e_score_correction_bias; MTP kept apart', () => {
    // 58 MoE layers · (256·7168 + 256)
    const l = countParams(getPreset('deepseek-v3').spec);
    expect(l.router).toBe(106_445_312);
    expect(l.mtp).toBe(11_610_068_224);
    expect(l.total).toBe(671_026_419_200);
  });

  it('countParams(phi3 fused qkv/gate_up) = the split Llama-style count', () => {
    const phi = getPreset('phi-3-mini').config;
    const asLlama = parseHfConfig({ ...phi, model_type: 'llama' });
    expect(countParams(getPreset('phi-3-mini').spec).total).toBe(countParams(asLlama).total);
  });
});

/** A small Llama-style config for the properties. */
const llamaConfig = fc.record({
  layers: fc.integer({ min: 1, max: 8 }),
  heads: fc.integer({ min: 1, max: 8 }),
  group: fc.integer({ min: 1, max: 4 }),
  headDim: fc.integer({ min: 1, max: 64 }),
  hidden: fc.integer({ min: 1, max: 512 }),
  ffn: fc.integer({ min: 1, max: 1024 }),
  vocab: fc.integer({ min: 1, max: 4096 }),
  tied: fc.boolean(),
});
type L = { layers: number; heads: number; group: number; headDim: number; hidden: number; ffn: number; vocab: number; tied: boolean };
const toConfig = (c: L) => ({
  model_type: 'llama',
  num_hidden_layers: c.layers,
  num_attention_heads: c.heads * c.group,
  num_key_value_heads: c.heads,
  head_dim: c.headDim,
  hidden_size: c.hidden,
  intermediate_size: c.ffn,
  vocab_size: c.vocab,
  tie_word_embeddings: c.tied,
});
const total = (c: L) => countParams(parseHfConfig(toConfig(c))).total;

describe('properties', () => {
  it('countParams strictly grows with L, H and V', () => {
    fc.assert(
      fc.property(llamaConfig, (c) => {
        const n = total(c);
        expect(total({ ...c, layers: c.layers + 1 })).toBeGreaterThan(n);
        expect(total({ ...c, hidden: c.hidden + 1 })).toBeGreaterThan(n);
        expect(total({ ...c, vocab: c.vocab + 1 })).toBeGreaterThan(n);
      }),
    );
  });

  it('tied = untied − V·H', () => {
    fc.assert(
      fc.property(llamaConfig, (c) => {
        expect(total({ ...c, tied: true })).toBe(total({ ...c, tied: false }) - c.vocab * c.hidden);
      }),
    );
  });

  it('h_kv = h with h·d = H gives MHA: attention = 4·L·H²', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16 }), fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 8 }), (h, d, L) => {
        const spec = parseHfConfig({
          model_type: 'llama',
          num_hidden_layers: L,
          num_attention_heads: h,
          num_key_value_heads: h,
          hidden_size: h * d,
          intermediate_size: 4,
          vocab_size: 8,
        });
        expect(countParams(spec).attention).toBe(4 * L * (h * d) ** 2);
      }),
    );
  });
});

describe('parameter formulas', () => {
  it('params.approx derive(L=32, H=4096, V=32000).value = 6,573,522,944 params', () => {
    const f = paramsFormulas.find((x) => x.id === 'params.approx');
    expect(f?.derive({ L: 32, H: 4096, V: 32000 }).value).toBe(6_573_522_944);
  });

  it('params.moeActive derive(Mixtral).value = 12,879,925,248 params', () => {
    const f = paramsFormulas.find((x) => x.id === 'params.moeActive');
    expect(f?.derive(f.example).value).toBe(12_879_925_248);
  });
});

describe('exact counts are exact, or marked not exact', () => {
  it.each(OFFICIAL.map(([id, n]) => [id, n] as const))('countParams(%s).exact = true (%i ≤ 2^53 − 1)', (id) => {
    expect(countParams(getPreset(id).spec).exact).toBe(true);
  });

  it('countParams(mixtral-8x7b).active = 12,879,925,248 = activeParams, exact', () => {
    // 46,702,792,704 − 32 layers · (8 − 2) idle experts · 3·4096·14336 = 46,702,792,704 − 33,822,867,456
    const l = countParams(getPreset('mixtral-8x7b').spec);
    expect(l.active).toBe(12_879_925_248);
    expect(activeParams(getPreset('mixtral-8x7b').spec)).toBe(12_879_925_248);
  });

  // L = 10,000 layers of H = 1,000,000 (1,000 heads of 1,000), I = 2,666,667, V = 32,000, untied:
  // per layer 4·H² + 3·H·I + 2·H = 4e12 + 8,000,001,000,000 + 2,000,000 = 12,000,003,000,000;
  // × 10,000 = 120,000,030,000,000,000; + 2·V·H = 64,000,000,000; + final norm 1,000,000
  // = 120,000,094,001,000,000 ≈ 1.20e17, past 2^53 ≈ 9.007e15.
  const HUGE = {
    model_type: 'llama',
    num_hidden_layers: 10_000,
    hidden_size: 1_000_000,
    num_attention_heads: 1000,
    intermediate_size: 2_666_667,
    vocab_size: 32_000,
  };

  it('countParams(L 10,000, H 1e6).total ≈ 1.20000094001e17, exact = false, shown "≈ 1.20 × 10¹⁷"', () => {
    const l = countParams(parseHfConfig(HUGE));
    expect(l.exact).toBe(false);
    expect(l.total / 1e17).toBeCloseTo(1.20000094001, 10);
    expect(formatCount(l.total, l.exact)).toBe('≈ 1.20 × 10¹⁷');
  });

  it('paramsApprox(L 10,000, H 1e6).exactDigits = false; paramsApprox(llama-2-7b).exactDigits = true', () => {
    // 12·L·H² = 12·1e4·1e12 = 1.2e17 > 2^53
    expect(paramsApprox(parseHfConfig(HUGE)).exactDigits).toBe(false);
    expect(paramsApprox(getPreset('llama-2-7b').spec).exactDigits).toBe(true);
  });

  it('countParams(llama, H 2^53) is refused: hidden_size names the bound (was 1.0384593717079755e+34 "exact")', () => {
    expect(() => countParams(parseHfConfig({ ...HUGE, hidden_size: 2 ** 53, num_attention_heads: 1 }))).toThrow(InputError);
  });

  it('countParams(largest accepted MoE: L 10,000, H 1e7, E 1e5, I_e 1e7, V 1e8) is finite, not exact, without unbounded work', () => {
    const cfg = {
      model_type: 'qwen3_moe',
      num_hidden_layers: 10_000,
      hidden_size: 10_000_000,
      num_attention_heads: 100_000,
      head_dim: 10_000_000,
      intermediate_size: 10_000_000,
      moe_intermediate_size: 10_000_000,
      num_experts: 100_000,
      num_experts_per_tok: 100_000,
      vocab_size: 100_000_000,
    };
    const t0 = performance.now();
    const l = countParams(parseHfConfig(cfg));
    expect(performance.now() - t0).toBeLessThan(HANG_GUARD_MS);
    // experts alone: 10,000 · 100,000 · 3 · 1e7 · 1e7 = 3e23
    expect(l.experts / 3e23).toBeCloseTo(1, 12);
    expect(Number.isFinite(l.total)).toBe(true);
    expect(l.exact).toBe(false);
    expect(Number.isFinite(activeParams(parseHfConfig(cfg)))).toBe(true);
  });

  it('countParams(falcon, normsPerLayer 1e7 in a hand-built spec) throws InputError on normsPerLayer (was "Maximum call stack size exceeded")', () => {
    const s = getPreset('falcon-7b').spec;
    const spec = { ...s, extras: { ...s.extras, normsPerLayer: 1e7 } };
    expect(() => countParams(spec)).toThrow(/normsPerLayer must be a whole number from 0 to 4/);
  });

  it('params.moeActive derive(N smaller than the idle experts) throws InputError on N', () => {
    const f = paramsFormulas.find((x) => x.id === 'params.moeActive');
    expect(() => f?.derive({ N: 1, Lm: 32, E: 8, k: 2, H: 4096, Ie: 14336 })).toThrow(/N is smaller than the idle experts/);
    expect(() => f?.derive({ N: 1e12, Lm: 32, E: 2, k: 8, H: 4096, Ie: 14336 })).toThrow(/cannot exceed/);
  });
});
