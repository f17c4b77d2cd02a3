import { describe, expect, it } from 'vitest';
import { MAX_CONFIG_CHARS, deepseekMoeLayers, parseHfConfig, parseHfConfigText } from '../../src/core/model/parseHfConfig';
import { PRESETS, getPreset, resolveModel } from '../../src/core/model/presets';
import { checkSpec, type ModelSpec } from '../../src/core/model/spec';
import { InputError } from '../../src/core/units';
import { HANG_GUARD_MS } from '../support/hangGuard';

/** The InputError a call throws (fails the test when it throws nothing or something else). */
function inputErrorOf(fn: () => unknown): InputError {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
  throw new Error('expected an InputError');
}

const LLAMA = {
  model_type: 'llama',
  hidden_size: 4096,
  num_hidden_layers: 32,
  num_attention_heads: 32,
  num_key_value_heads: 8,
  intermediate_size: 14336,
  vocab_size: 128256,
};

describe('parseHfConfig: what each family reads', () => {
  it('parseHfConfig(llama-2-7b) = L 32, H 4096, h 32, h_kv 32, d 128, I 11008, V 32000, untied', () => {
    const s = getPreset('llama-2-7b').spec;
    expect([s.layers, s.hidden, s.heads, s.kvHeads, s.headDim, s.ffnWidth, s.vocab]).toEqual([32, 4096, 32, 32, 128, 11008, 32000]);
    expect(s.ffn).toBe('gated');
    expect(s.tiedEmbeddings).toBe(false);
    expect(s.norm).toBe('rmsnorm');
  });

  it('parseHfConfig(num_key_value_heads absent) = MHA (h_kv = h)', () => {
    const { num_key_value_heads: _drop, ...mha } = LLAMA;
    expect(parseHfConfig(mha).kvHeads).toBe(32);
  });

  it.each([
    // explicit head_dim wins over H/h
    ['gemma-2-9b', 256, 3584 / 16], // 224 would be wrong
    ['qwen3-30b-a3b', 128, 2048 / 32], // 64 would be wrong
  ])('parseHfConfig(%s).headDim = %i, not H/h = %d', (id, d, wrong) => {
    const s = getPreset(id).spec;
    expect(s.headDim).toBe(d);
    expect(s.headDim).not.toBe(wrong);
  });

  it('parseHfConfig(falcon-7b, "RefinedWebModel") = MQA (h_kv 1), one norm per layer, parallel block, no biases', () => {
    const s = getPreset('falcon-7b').spec;
    expect(s.modelType).toBe('RefinedWebModel');
    expect(s.kvHeads).toBe(1);
    expect(s.extras.normsPerLayer).toBe(1);
    expect(s.extras.parallelBlock).toBe(true);
    expect(s.bias).toEqual({ qkv: false, attnOut: false, ffn: false, norm: true });
    expect(s.tiedEmbeddings).toBe(true);
  });

  it('parseHfConfig(falcon, new_decoder_architecture) = GQA with num_kv_heads and two norms per layer', () => {
    const s = parseHfConfig({
      model_type: 'falcon',
      hidden_size: 8192,
      num_hidden_layers: 60,
      num_attention_heads: 128,
      num_kv_heads: 8,
      new_decoder_architecture: true,
      vocab_size: 65024,
    });
    expect(s.kvHeads).toBe(8);
    expect(s.extras.normsPerLayer).toBe(2);
  });

  it('parseHfConfig(legacy "RefinedWeb", n_head_kv 8) = new architecture, h_kv 8', () => {
    const s = parseHfConfig({ model_type: 'RefinedWeb', hidden_size: 8192, n_layer: 60, n_head: 128, n_head_kv: 8, vocab_size: 65024 });
    expect([s.layers, s.heads, s.kvHeads, s.extras.normsPerLayer]).toEqual([60, 128, 8, 2]);
  });

  it('parseHfConfig(bloom-7b1) = ALiBi, embedding LayerNorm, all biases, tied', () => {
    const s = getPreset('bloom-7b1').spec;
    expect(s.positions).toBe('alibi');
    expect(s.extras.embeddingNorm).toBe(true);
    expect(s.bias).toEqual({ qkv: true, attnOut: true, ffn: true, norm: true });
    expect(s.tiedEmbeddings).toBe(true);
  });

  it('parseHfConfig(opt-6.7b).maxPositions = 2050 rows (2048 + offset 2)', () => {
    expect(getPreset('opt-6.7b').spec.maxPositions).toBe(2050);
  });

  it('parseHfConfig(opt, word_embed_proj_dim 512 ≠ H 1024) keeps the narrow embedding (project_in/out)', () => {
    const s = parseHfConfig({
      model_type: 'opt',
      hidden_size: 1024,
      num_hidden_layers: 24,
      num_attention_heads: 16,
      ffn_dim: 4096,
      vocab_size: 50272,
      max_position_embeddings: 2048,
      word_embed_proj_dim: 512,
      do_layer_norm_before: false,
    });
    expect(s.embeddingDim).toBe(512);
    expect(s.extras.finalNorm).toBe(false);
  });

  it('parseHfConfig(qwen2.5-7b) = q/k/v biased, o not; window off (use_sliding_window false)', () => {
    const s = getPreset('qwen2.5-7b').spec;
    expect(s.bias).toEqual({ qkv: true, attnOut: false, ffn: false, norm: false });
    expect(s.slidingWindow).toBeNull();
  });

  it('parseHfConfig(gemma-2-9b) = 4 norms per layer, window 4096 on alternate layers, tied', () => {
    const s = getPreset('gemma-2-9b').spec;
    expect(s.extras.normsPerLayer).toBe(4);
    expect(s.slidingWindow).toEqual({ size: 4096, layers: 'alternate' });
    expect(s.tiedEmbeddings).toBe(true);
  });

  it('parseHfConfig(qwen3-8b) has q_norm/k_norm', () => {
    expect(getPreset('qwen3-8b').spec.extras.qkNorm).toBe(true);
  });

  it('parseHfConfig(mistral-7b).slidingWindow = 4096 on all layers', () => {
    expect(getPreset('mistral-7b').spec.slidingWindow).toEqual({ size: 4096, layers: 'all' });
  });

  it('parseHfConfig(qwen1.5-moe-a2.7b).moe = 60 experts, top-4, width 1408, shared 5632 with gate, 0 dense layers', () => {
    expect(getPreset('qwen1.5-moe-a2.7b').spec.moe).toEqual({
      experts: 60,
      topK: 4,
      expertWidth: 1408,
      sharedExperts: 1,
      sharedExpertWidth: 5632,
      sharedExpertGate: true,
      denseLayers: 0,
      routerBias: false,
    });
  });

  it('parseHfConfig(qwen3_moe, decoder_sparse_step 2, mlp_only_layers [0]) counts dense layers', () => {
    const s = parseHfConfig({
      ...LLAMA,
      model_type: 'qwen3_moe',
      num_hidden_layers: 8,
      num_experts: 16,
      num_experts_per_tok: 2,
      moe_intermediate_size: 512,
      decoder_sparse_step: 2,
      mlp_only_layers: [1],
    });
    // sparse iff (i+1) % 2 == 0 and i not in [1]: i = 3, 5, 7 → 3 sparse, 5 dense
    expect(s.moe?.denseLayers).toBe(5);
  });

  it('parseHfConfig(deepseek-v3) = MLA (q rank 1536, kv rank 512), 3 dense layers, router bias, 1 MTP layer', () => {
    const s = getPreset('deepseek-v3').spec;
    expect(s.mla).toEqual({ qLoraRank: 1536, kvLoraRank: 512, qkNopeHeadDim: 128, qkRopeHeadDim: 64, vHeadDim: 128 });
    expect(s.moe?.denseLayers).toBe(3);
    expect(s.moe?.routerBias).toBe(true);
    expect(s.mtpLayers).toBe(1);
  });

  it('parseHfConfig(deepseek-v2-lite) = MLA without q compression, no router bias', () => {
    const s = getPreset('deepseek-v2-lite').spec;
    expect(s.mla?.qLoraRank).toBeNull();
    expect(s.moe?.routerBias).toBe(false);
    expect(s.moe?.denseLayers).toBe(1);
  });
});

describe('parseHfConfig: rejections name the field', () => {
  it.each([
    ['missing field', { ...LLAMA, hidden_size: undefined }, 'hidden_size', /missing/],
    ['non-positive', { ...LLAMA, num_hidden_layers: 0 }, 'num_hidden_layers', /positive integer/],
    ['not an integer', { ...LLAMA, vocab_size: 32000.5 }, 'vocab_size', /positive integer/],
    ['a string', { ...LLAMA, intermediate_size: '11008' }, 'intermediate_size', /positive integer/],
    ['h_kv not dividing h', { ...LLAMA, num_key_value_heads: 5 }, 'num_key_value_heads', /dividing num_attention_heads/],
    ['H not divisible by h without head_dim', { ...LLAMA, num_attention_heads: 30, num_key_value_heads: 30 }, 'num_attention_heads', /must divide hidden_size/],
    ['unsupported model_type', { ...LLAMA, model_type: 't5' }, 'model_type', /"t5" is not supported/],
    ['missing model_type', { ...LLAMA, model_type: undefined }, 'model_type', /missing/],
    ['top-k above E', { ...LLAMA, model_type: 'mixtral', num_local_experts: 8, num_experts_per_tok: 9 }, 'num_experts_per_tok', /must not exceed/],
    [
      'gpt2 n_head not dividing n_embd',
      { model_type: 'gpt2', n_embd: 770, n_head: 12, n_layer: 12, n_positions: 1024, vocab_size: 50257 },
      'n_head',
      /must divide/,
    ],
    [
      'deepseek without kv_lora_rank',
      { ...LLAMA, model_type: 'deepseek_v3', q_lora_rank: 1536, qk_nope_head_dim: 128, qk_rope_head_dim: 64, v_head_dim: 128 },
      'kv_lora_rank',
      /missing/,
    ],
  ])('parseHfConfig(%s) throws InputError on %s', (_name, cfg, field, message) => {
    const err = inputErrorOf(() => parseHfConfig(JSON.parse(JSON.stringify(cfg))));
    expect(err.field).toBe(field);
    expect(err.message).toMatch(message);
  });

  it('parseHfConfig([]) throws InputError on config (not an object)', () => {
    expect(inputErrorOf(() => parseHfConfig([])).field).toBe('config');
  });

  it('parseHfConfigText("{oops") throws InputError on config (malformed JSON)', () => {
    const err = inputErrorOf(() => parseHfConfigText('{oops'));
    expect(err.field).toBe('config');
    expect(err.message).toMatch(/not valid JSON/);
  });
});

describe('presets', () => {
  it('PRESETS has at least 20 real models, with unique kebab-case ids', () => {
    expect(PRESETS.length).toBeGreaterThanOrEqual(20);
    const ids = PRESETS.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(?:[-.][a-z0-9]+)*$/);
  });

  it.each([
    'gpt2',
    'llama-2-7b',
    'llama-2-13b',
    'llama-2-70b',
    'llama-3-8b',
    'llama-3-70b',
    'llama-3.1-405b',
    'mistral-7b',
    'mixtral-8x7b',
    'qwen2.5-7b',
    'gemma-2-9b',
    'deepseek-v3',
    'bloom-7b1',
    'opt-6.7b',
    'pythia-6.9b',
    'falcon-7b',
    'qwen1.5-moe-a2.7b',
    'qwen3-8b',
    'qwen3-30b-a3b',
    'gemma-2b',
    'phi-3-mini',
    'deepseek-v2-lite',
  ])('getPreset(%s) exists with a source and a counted official figure or a reason', (id) => {
    const p = getPreset(id);
    expect(p.source.url).toMatch(/^https:\/\/huggingface\.co\//);
    expect(p.source.read).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(p.officialParamsSource.length).toBeGreaterThan(20);
  });

  it('every preset family covers the required model_types', () => {
    const types = new Set(PRESETS.map((p) => p.spec.modelType));
    for (const t of [
      'gpt2',
      'bloom',
      'RefinedWebModel',
      'opt',
      'gpt_neox',
      'llama',
      'mistral',
      'mixtral',
      'qwen2',
      'qwen2_moe',
      'qwen3',
      'qwen3_moe',
      'gemma',
      'gemma2',
      'phi3',
      'deepseek_v2',
      'deepseek_v3',
    ]) {
      expect(types.has(t)).toBe(true);
    }
  });

  it('getPreset("llama-9") throws InputError on model', () => {
    const err = inputErrorOf(() => getPreset('llama-9'));
    expect(err.field).toBe('model');
    expect(err.message.length).toBeLessThan(300);
  });

  it('resolveModel(id | config | spec) returns the same spec', () => {
    const spec = getPreset('gpt2').spec;
    expect(resolveModel('gpt2')).toBe(spec);
    expect(resolveModel(spec)).toBe(spec);
    expect(resolveModel(getPreset('gpt2').config).layers).toBe(12);
  });
});

/** Runs fn and returns how long it took, in milliseconds (performance.now()). */
function timed(fn: () => unknown): number {
  const t0 = performance.now();
  try {
    fn();
  } catch {
    // timing only; the outcome is asserted separately
  }
  return performance.now() - t0;
}

const DEEPSEEK_V3 = getPreset('deepseek-v3').config;
const QWEN_MOE = getPreset('qwen1.5-moe-a2.7b').config;
const FALCON_40B = {
  model_type: 'falcon',
  hidden_size: 8192,
  num_hidden_layers: 60,
  num_attention_heads: 128,
  num_kv_heads: 8,
  new_decoder_architecture: true,
  vocab_size: 65024,
};

describe('parseHfConfig: hostile sizes are refused by name, at once', () => {
  it.each([
    ['deepseek_v3', DEEPSEEK_V3, 'num_hidden_layers', 1e15],
    ['qwen2_moe', QWEN_MOE, 'num_hidden_layers', 1e15],
    ['llama', LLAMA, 'num_hidden_layers', 10_001],
    ['llama', LLAMA, 'hidden_size', 2 ** 53],
    ['llama', LLAMA, 'hidden_size', 1e200],
    ['llama', LLAMA, 'intermediate_size', 1e7 + 1],
    ['llama', LLAMA, 'vocab_size', 1e9],
    ['llama', LLAMA, 'num_attention_heads', 1e6],
    ['deepseek_v3', DEEPSEEK_V3, 'n_routed_experts', 1e6],
    ['deepseek_v3', DEEPSEEK_V3, 'kv_lora_rank', 1e12],
    ['deepseek_v3', DEEPSEEK_V3, 'first_k_dense_replace', 1e15],
    ['deepseek_v3', DEEPSEEK_V3, 'moe_layer_freq', 1e15],
    ['deepseek_v3', DEEPSEEK_V3, 'num_nextn_predict_layers', 1e15],
    ['qwen2_moe', QWEN_MOE, 'decoder_sparse_step', 1e15],
    ['qwen2_moe', QWEN_MOE, 'shared_expert_intermediate_size', 1e15],
    ['mixtral', { ...LLAMA, model_type: 'mixtral', num_local_experts: 8, num_experts_per_tok: 2 }, 'sliding_window', 2e9],
  ] as const)('parseHfConfig(%s, %s = %d) throws InputError naming the key and its bound, without unbounded work', (_type, base, key, value) => {
    const cfg = { ...base, [key]: value };
    const err = inputErrorOf(() => parseHfConfig(cfg));
    expect(err.field).toBe(key);
    expect(err.message).toMatch(new RegExp(`^${key} must be a whole number from [01] to [0-9,]+ \\(`));
    expect(timed(() => parseHfConfig(cfg))).toBeLessThan(HANG_GUARD_MS);
  });

  it('parseHfConfig(num_hidden_layers 1e15) names the bound: "from 1 to 10,000 (the deepest published LLMs have under 200 layers)"', () => {
    const err = inputErrorOf(() => parseHfConfig({ ...DEEPSEEK_V3, num_hidden_layers: 1e15 }));
    expect(err.message).toBe(
      'num_hidden_layers must be a whole number from 1 to 10,000 (the deepest published LLMs have under 200 layers), got 1,000,000,000,000,000',
    );
  });

  it.each([1e7, 3, 0, 1.5, '2'])('parseHfConfig(falcon, num_ln_in_parallel_attn = %s) throws InputError: only 1 or 2 norms mean anything', (value) => {
    const err = inputErrorOf(() => parseHfConfig({ ...FALCON_40B, num_ln_in_parallel_attn: value }));
    expect(err.field).toBe('num_ln_in_parallel_attn');
    expect(err.message).toMatch(/must be 1 or 2/);
    expect(timed(() => parseHfConfig({ ...FALCON_40B, num_ln_in_parallel_attn: value }))).toBeLessThan(HANG_GUARD_MS);
  });

  it.each([
    // FalconDecoderLayer: sequential → input + post_attention; parallel → ln_attn + ln_mlp iff num_ln_in_parallel_attn == 2
    [{ num_ln_in_parallel_attn: 1 }, 1],
    [{ num_ln_in_parallel_attn: 2 }, 2],
    [{}, 2], // new architecture: defaults to 2
    [{ num_ln_in_parallel_attn: 1, parallel_attn: false }, 2],
    [{ new_decoder_architecture: false, num_kv_heads: undefined }, 1], // Falcon-7B style
  ])('parseHfConfig(falcon, %o).extras.normsPerLayer = %i', (patch, norms) => {
    expect(parseHfConfig({ ...FALCON_40B, ...patch }).extras.normsPerLayer).toBe(norms);
  });
});

describe('parseHfConfig: per-layer structure is counted, never looped over', () => {
  it.each([
    [61, 3, 1, 58], // DeepSeek V3: layers 3…60
    [27, 1, 1, 26], // DeepSeek V2-Lite: layers 1…26
    [10, 3, 2, 3], // multiples of 2 in [3, 9]: 4, 6, 8
    [5, 0, 2, 3], // 0, 2, 4
    [3, 5, 1, 0], // first_k_dense_replace past the last layer: no MoE layer
    [10_000, 0, 3, 3334], // multiples of 3 in [0, 9999]: ⌊9999/3⌋ − 0 + 1
  ])('deepseekMoeLayers(L %i, first_k_dense_replace %i, moe_layer_freq %i) = %i', (L, k, f, moe) => {
    expect(deepseekMoeLayers(L, k, f)).toBe(moe);
  });

  it('parseHfConfig(deepseek_v3, num_hidden_layers 10,000, moe_layer_freq 2).moe.denseLayers = 5,001 without unbounded work', () => {
    // MoE iff i ≥ 3 and i even: 4, 6, …, 9998 → ⌊9999/2⌋ − ⌈3/2⌉ + 1 = 4999 − 2 + 1 = 4998 MoE, 10,000 − 4998 = 5002 dense
    const cfg = { ...DEEPSEEK_V3, num_hidden_layers: 10_000, moe_layer_freq: 2 };
    expect(parseHfConfig(cfg).moe?.denseLayers).toBe(5002);
    expect(timed(() => parseHfConfig(cfg))).toBeLessThan(HANG_GUARD_MS);
  });

  it('parseHfConfig(qwen2_moe, L 10,000, decoder_sparse_step 3, mlp_only_layers [2, 5, 6]).moe.denseLayers = 6,669', () => {
    // on the step: (i+1) % 3 = 0 → ⌊10000/3⌋ = 3333 layers; listed among them: 2, 5 (not 6) → 3331 sparse
    const cfg = { ...QWEN_MOE, num_hidden_layers: 10_000, decoder_sparse_step: 3, mlp_only_layers: [2, 5, 6] };
    expect(parseHfConfig(cfg).moe?.denseLayers).toBe(10_000 - 3331);
    expect(timed(() => parseHfConfig(cfg))).toBeLessThan(HANG_GUARD_MS);
  });

  it.each([
    [{ mlp_only_layers: [0, 1, 2, 3, 4, 5, 6, 7, 8] }, /lists 9 layers but the model has 8/],
    [{ mlp_only_layers: [8] }, /from 0 to 7, got 8/],
    [{ mlp_only_layers: [-1] }, /from 0 to 7, got -1/],
    [{ mlp_only_layers: 'all' }, /must be a list/],
  ])('parseHfConfig(qwen3_moe, %o) throws InputError on mlp_only_layers', (patch, message) => {
    const cfg = { ...LLAMA, model_type: 'qwen3_moe', num_hidden_layers: 8, num_experts: 16, num_experts_per_tok: 2, moe_intermediate_size: 512, ...patch };
    const err = inputErrorOf(() => parseHfConfig(cfg));
    expect(err.field).toBe('mlp_only_layers');
    expect(err.message).toMatch(message);
  });

  it('parseHfConfig(qwen2_moe, mlp_only_layers of 1,000,000 entries, 24 layers) throws InputError before reading the list', () => {
    const cfg = { ...QWEN_MOE, mlp_only_layers: new Array<number>(1_000_000).fill(0) };
    expect(inputErrorOf(() => parseHfConfig(cfg)).field).toBe('mlp_only_layers');
    expect(timed(() => parseHfConfig(cfg))).toBeLessThan(HANG_GUARD_MS);
  });

  const QWEN2_WINDOWED = { ...LLAMA, model_type: 'qwen2', num_hidden_layers: 4, use_sliding_window: true, sliding_window: 4096 };

  it('parseHfConfig(qwen2, layer_types [full, sliding, sliding, full]).slidingWindow = 4096 on 2 layers', () => {
    const s = parseHfConfig({ ...QWEN2_WINDOWED, layer_types: ['full_attention', 'sliding_attention', 'sliding_attention', 'full_attention'] });
    expect(s.slidingWindow).toEqual({ size: 4096, layers: 2 });
  });

  it('parseHfConfig(qwen2, max_window_layers 1 of 4, no layer_types).slidingWindow = 4096 on 3 layers', () => {
    expect(parseHfConfig({ ...QWEN2_WINDOWED, max_window_layers: 1 }).slidingWindow).toEqual({ size: 4096, layers: 3 });
  });

  it('parseHfConfig(gemma2, layer_types all sliding).slidingWindow = 4096 on all layers', () => {
    const s = parseHfConfig({ ...getPreset('gemma-2-9b').config, layer_types: new Array<string>(42).fill('sliding_attention') });
    expect(s.slidingWindow).toEqual({ size: 4096, layers: 'all' });
  });

  it.each([
    [['full_attention'], /has 1 entries; it needs one per layer \(num_hidden_layers = 4\)/],
    [new Array<string>(1_000_000).fill('full_attention'), /has 1,000,000 entries/],
    [['full_attention', 'chunked_attention', 'full_attention', 'full_attention'], /"chunked_attention"/],
    [{ 0: 'full_attention' }, /must be a list/],
  ])('parseHfConfig(qwen2, layer_types %#) throws InputError on layer_types', (types, message) => {
    const err = inputErrorOf(() => parseHfConfig({ ...QWEN2_WINDOWED, layer_types: types }));
    expect(err.field).toBe('layer_types');
    expect(err.message).toMatch(message);
  });
});

describe('parseHfConfig: __proto__, constructor and prototype keys are inert', () => {
  const { hidden_size: _h, ...NO_HIDDEN } = LLAMA;

  it('parseHfConfigText({"__proto__": {"hidden_size": 4096}, … no hidden_size}) throws "hidden_size is missing"', () => {
    const text = JSON.stringify(NO_HIDDEN).replace('{', '{"__proto__": {"hidden_size": 4096, "model_type": "gpt2"},');
    const err = inputErrorOf(() => parseHfConfigText(text));
    expect(err.field).toBe('hidden_size');
    expect(err.message).toMatch(/missing/);
  });

  it('parseHfConfigText(llama with constructor, prototype and nested __proto__ keys) = the same spec, and Object.prototype stays clean', () => {
    const text = JSON.stringify(LLAMA).replace(
      '{',
      '{"constructor": {"prototype": {"hidden_size": 1, "polluted": true}}, "prototype": {"num_hidden_layers": 1}, "rope_scaling": {"__proto__": {"polluted": true}},',
    );
    const s = parseHfConfigText(text);
    expect([s.layers, s.hidden, s.heads, s.kvHeads, s.headDim]).toEqual([32, 4096, 32, 8, 128]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(({} as Record<string, unknown>)['hidden_size']).toBeUndefined();
  });

  it('parseHfConfig(an object inheriting hidden_size and model_type from its prototype) reads own keys only', () => {
    const inherited = Object.assign(Object.create({ hidden_size: 4096 }) as Record<string, unknown>, NO_HIDDEN);
    expect(inputErrorOf(() => parseHfConfig(inherited)).field).toBe('hidden_size');
    const noType = Object.create({ model_type: 'llama' }) as Record<string, unknown>;
    expect(inputErrorOf(() => parseHfConfig(noType)).field).toBe('model_type');
  });

  it('resolveModel({ layers, hidden, extras } inherited, no model_type) is read as a config, not trusted as a ModelSpec', () => {
    const fake = Object.create({ layers: 1e15, hidden: 1, extras: {} }) as Record<string, unknown>;
    expect(inputErrorOf(() => resolveModel(fake)).field).toBe('model_type');
  });
});

describe('parseHfConfigText: absurd text fails fast with a message', () => {
  it.each([
    ['a 10 MB string', `{"model_type": "${'x'.repeat(10_000_000)}"}`, /characters long/],
    ['100,000 nested lists', `${'['.repeat(100_000)}${']'.repeat(100_000)}`, /nested more than 32 levels deep/],
    ['100,000 nested objects', `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`, /nested more than 32 levels deep/],
  ])('parseHfConfigText(%s) throws InputError on config without unbounded work', (_what, text, message) => {
    const err = inputErrorOf(() => parseHfConfigText(text));
    expect(err.field).toBe('config');
    expect(err.message).toMatch(message);
    expect(timed(() => parseHfConfigText(text))).toBeLessThan(HANG_GUARD_MS);
  });

  it('parseHfConfigText(a list nested 32 levels below the top) parses; 33 levels throw, as checkConfigBounds counts them', () => {
    const nest = (levels: number) => JSON.stringify(LLAMA).replace('{', `{"deep": ${'['.repeat(levels)}${']'.repeat(levels)},`);
    expect(parseHfConfigText(nest(32)).layers).toBe(32);
    expect(inputErrorOf(() => parseHfConfigText(nest(33))).field).toBe('config');
  });

  it.each([
    ['{"text_config": {"num_hidden_layers": 1e15}}', 'text_config.num_hidden_layers', /from 1 to 10,000/],
    ['{"rope_theta": 1e400}', 'rope_theta', /not a finite number/],
  ])('parseHfConfigText(llama + %s) throws InputError on %s (checked at any depth)', (extra, field, message) => {
    const text = JSON.stringify(LLAMA).replace('{', `${extra.slice(0, -1)},`);
    const err = inputErrorOf(() => parseHfConfigText(text));
    expect(err.field).toBe(field);
    expect(err.message).toMatch(message);
  });

  it('parseHfConfigText(brackets inside strings) does not count them as nesting', () => {
    const text = JSON.stringify({ ...LLAMA, note: '['.repeat(1000) });
    expect(parseHfConfigText(text).layers).toBe(32);
  });

  it(`MAX_CONFIG_CHARS = 1,000,000 (a config.json is a few thousand characters)`, () => {
    expect(MAX_CONFIG_CHARS).toBe(1_000_000);
  });

  it('parseHfConfig(hidden_size = a 500,000-character string) names hidden_size in a message under 200 characters', () => {
    const err = inputErrorOf(() => parseHfConfig({ ...LLAMA, hidden_size: 'x'.repeat(500_000) }));
    expect(err.field).toBe('hidden_size');
    expect(err.message.length).toBeLessThan(200);
  });

  it('parseHfConfig(model_type = a 500,000-character string) says it is not supported in under 1,000 characters', () => {
    const err = inputErrorOf(() => parseHfConfig({ ...LLAMA, model_type: 'y'.repeat(500_000) }));
    expect(err.field).toBe('model_type');
    expect(err.message.length).toBeLessThan(1000);
  });

  it('parseHfConfig(_name_or_path of 10,000 characters).id keeps 120 characters and an ellipsis', () => {
    expect(parseHfConfig({ ...LLAMA, _name_or_path: 'n'.repeat(10_000) }).id).toBe(`${'n'.repeat(120)}…`);
  });

  it('getPreset(a 10,000-character id) throws a message under 300 characters', () => {
    expect(inputErrorOf(() => getPreset('q'.repeat(10_000))).message.length).toBeLessThan(300);
  });
});

describe('checkSpec: a ModelSpec built by hand is bounded like a parsed one', () => {
  const base = getPreset('llama-2-7b').spec;
  it.each([
    ['layers', { ...base, layers: 1e15 }],
    ['hidden', { ...base, hidden: 2 ** 53 }],
    ['normsPerLayer', { ...base, extras: { ...base.extras, normsPerLayer: 1e7 } }],
    ['slidingWindow.size', { ...base, slidingWindow: { size: 1e300, layers: 'all' } }],
    [
      'moe.topK',
      {
        ...base,
        moe: { experts: 8, topK: 9, expertWidth: 14336, sharedExperts: 0, sharedExpertWidth: 0, sharedExpertGate: false, denseLayers: 0, routerBias: false },
      },
    ],
    ['vocab', { ...base, vocab: Number.NaN }],
  ] as const)('checkSpec(llama-2-7b with a bad %s) throws InputError on that field', (field, spec) => {
    expect(inputErrorOf(() => checkSpec(spec as ModelSpec)).field).toBe(field);
    expect(inputErrorOf(() => resolveModel(spec as ModelSpec)).field).toBe(field);
  });

  it.each(PRESETS.map((p) => [p.id] as const))('checkSpec(%s) accepts the preset', (id) => {
    expect(checkSpec(getPreset(id).spec)).toBe(getPreset(id).spec);
  });
});
