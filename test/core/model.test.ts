import { describe, expect, it } from 'vitest';
import { parseHfConfig, parseHfConfigText } from '../../src/core/model/parseHfConfig';
import { PRESETS, getPreset, resolveModel } from '../../src/core/model/presets';
import { InputError } from '../../src/core/units';

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
    ['gpt2 n_head not dividing n_embd', { model_type: 'gpt2', n_embd: 770, n_head: 12, n_layer: 12, n_positions: 1024, vocab_size: 50257 }, 'n_head', /must divide/],
    ['deepseek without kv_lora_rank', { ...LLAMA, model_type: 'deepseek_v3', q_lora_rank: 1536, qk_nope_head_dim: 128, qk_rope_head_dim: 64, v_head_dim: 128 }, 'kv_lora_rank', /missing/],
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
    for (const t of ['gpt2', 'bloom', 'RefinedWebModel', 'opt', 'gpt_neox', 'llama', 'mistral', 'mixtral', 'qwen2', 'qwen2_moe', 'qwen3', 'qwen3_moe', 'gemma', 'gemma2', 'phi3', 'deepseek_v2', 'deepseek_v3']) {
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
