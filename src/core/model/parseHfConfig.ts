/**
 * A Hugging Face `config.json` → ModelSpec, one family at a time, following each
 * family's modeling code in huggingface/transformers (src/transformers/models/<type>/
 * modeling_<type>.py) and its configuration defaults. A field the family needs that is
 * missing, not a positive integer, or inconsistent is rejected with an InputError naming
 * that config key; an unknown `model_type` is rejected by name. Never a guessed number.
 *
 * @see https://github.com/huggingface/transformers/tree/main/src/transformers/models
 */
import { InputError } from '../units';
import type { ModelSpec, MoeSpec, MlaSpec, SlidingWindowSpec } from './spec';

type Config = Record<string, unknown>;

/** The `model_type`s this parser reads (Falcon's legacy names included). */
export const SUPPORTED_MODEL_TYPES = [
  'gpt2',
  'bloom',
  'falcon',
  'RefinedWebModel',
  'RefinedWeb',
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
] as const;

function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1;
}

/** The first key of `keys` present (not undefined/null) in the config, or undefined. */
function firstKey(cfg: Config, keys: readonly string[]): string | undefined {
  return keys.find((k) => cfg[k] !== undefined && cfg[k] !== null);
}

/** A required positive integer, read from the first of `keys` present; errors name keys[0]. */
function int(cfg: Config, keys: string | readonly string[]): number {
  const names = typeof keys === 'string' ? [keys] : keys;
  const key = firstKey(cfg, names);
  const primary = names[0] as string;
  if (key === undefined) {
    throw new InputError(primary, `${primary} is missing from the config (a positive integer is required)`);
  }
  const v = cfg[key];
  if (!isPositiveInt(v)) {
    throw new InputError(key, `${key} must be a positive integer, got ${JSON.stringify(v)}`);
  }
  return v;
}

/** An optional positive integer with a default (null and absent both mean the default). */
function optInt(cfg: Config, keys: string | readonly string[], fallback: number): number {
  const names = typeof keys === 'string' ? [keys] : keys;
  return firstKey(cfg, names) === undefined ? fallback : int(cfg, names);
}

/** An optional non-negative integer with a default. */
function optNonNegInt(cfg: Config, key: string, fallback: number): number {
  const v = cfg[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new InputError(key, `${key} must be a non-negative integer, got ${JSON.stringify(v)}`);
  }
  return v;
}

/** A positive integer that may be null (null returned as null). */
function intOrNull(cfg: Config, key: string): number | null {
  const v = cfg[key];
  if (v === undefined || v === null) return null;
  if (!isPositiveInt(v)) throw new InputError(key, `${key} must be a positive integer or null, got ${JSON.stringify(v)}`);
  return v;
}

function bool(cfg: Config, key: string, fallback: boolean): boolean {
  const v = cfg[key];
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean') throw new InputError(key, `${key} must be true or false, got ${JSON.stringify(v)}`);
  return v;
}

/** h_kv must divide h (each KV head serves h/h_kv query heads). */
function kvHeadsOf(cfg: Config, heads: number, key = 'num_key_value_heads'): number {
  const v = cfg[key];
  if (v === undefined || v === null) return heads;
  if (!isPositiveInt(v) || heads % v !== 0) {
    throw new InputError(key, `${key} must be a positive integer dividing num_attention_heads (${heads}), got ${JSON.stringify(v)}`);
  }
  return v;
}

/** Explicit head_dim wins; otherwise H/h, which must then be a whole number. */
function headDimOf(cfg: Config, hidden: number, heads: number, fallback?: number): number {
  if (cfg['head_dim'] !== undefined && cfg['head_dim'] !== null) return int(cfg, 'head_dim');
  if (fallback !== undefined) return fallback;
  if (hidden % heads !== 0) {
    throw new InputError(
      'num_attention_heads',
      `num_attention_heads (${heads}) must divide hidden_size (${hidden}) when the config gives no head_dim`,
    );
  }
  return hidden / heads;
}

function requireDivides(heads: number, hidden: number, field = 'num_attention_heads'): void {
  if (hidden % heads !== 0) throw new InputError(field, `${field} (${heads}) must divide the hidden size (${hidden})`);
}

function tied(cfg: Config, fallback: boolean): boolean {
  return bool(cfg, 'tie_word_embeddings', fallback);
}

const BASE_EXTRAS = { normsPerLayer: 2, embeddingNorm: false, finalNorm: true, qkNorm: false, parallelBlock: false };
const NO_BIAS = { qkv: false, attnOut: false, ffn: false, norm: false };

/** The fields every family shares, read from the usual Llama-style keys. */
function llamaLike(cfg: Config, id: string, modelType: string) {
  const hidden = int(cfg, 'hidden_size');
  const layers = int(cfg, 'num_hidden_layers');
  const heads = int(cfg, 'num_attention_heads');
  const kvHeads = kvHeadsOf(cfg, heads);
  const vocab = int(cfg, 'vocab_size');
  return { id, modelType, hidden, layers, heads, kvHeads, vocab, embeddingDim: hidden };
}

/** Qwen 2/3 window: layers from max_window_layers on use sliding_window when use_sliding_window. */
function qwenWindow(cfg: Config, layers: number): SlidingWindowSpec | null {
  if (!bool(cfg, 'use_sliding_window', false)) return null;
  const size = int(cfg, 'sliding_window');
  const from = optNonNegInt(cfg, 'max_window_layers', layers);
  const count = Math.max(0, layers - from);
  return count === 0 ? null : { size, layers: count === layers ? 'all' : count };
}

/** Window on every layer when sliding_window is a positive integer (Mistral, Mixtral, Phi-3). */
function allLayersWindow(cfg: Config): SlidingWindowSpec | null {
  const size = intOrNull(cfg, 'sliding_window');
  return size === null ? null : { size, layers: 'all' };
}

/** Qwen MoE: a layer is sparse unless listed in mlp_only_layers or off the decoder_sparse_step. */
function qwenDenseLayers(cfg: Config, layers: number, experts: number): number {
  const step = optInt(cfg, 'decoder_sparse_step', 1);
  const only = cfg['mlp_only_layers'] ?? [];
  if (!Array.isArray(only) || !only.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0)) {
    throw new InputError('mlp_only_layers', 'mlp_only_layers must be a list of layer indices');
  }
  let dense = 0;
  for (let i = 0; i < layers; i += 1) {
    const sparse = !only.includes(i) && experts > 0 && (i + 1) % step === 0;
    if (!sparse) dense += 1;
  }
  return dense;
}

function parseGpt2(cfg: Config, id: string): ModelSpec {
  const hidden = int(cfg, ['n_embd', 'hidden_size']);
  const heads = int(cfg, ['n_head', 'num_attention_heads']);
  requireDivides(heads, hidden, 'n_head');
  return {
    id,
    modelType: 'gpt2',
    layers: int(cfg, ['n_layer', 'num_hidden_layers']),
    hidden,
    heads,
    kvHeads: heads,
    headDim: hidden / heads,
    ffn: 'mlp',
    // GPT2MLP: inner_dim = n_inner if not None else 4 * hidden_size
    ffnWidth: optInt(cfg, 'n_inner', 4 * hidden),
    vocab: int(cfg, 'vocab_size'),
    embeddingDim: hidden,
    tiedEmbeddings: tied(cfg, true),
    norm: 'layernorm',
    positions: 'learned',
    maxPositions: int(cfg, ['n_positions', 'max_position_embeddings']),
    bias: { qkv: true, attnOut: true, ffn: true, norm: true },
    slidingWindow: null,
    moe: null,
    mla: null,
    mtpLayers: 0,
    // h.N.attn.bias / masked_bias are causal-mask buffers, not parameters: nothing to add.
    extras: { ...BASE_EXTRAS },
  };
}

function parseBloom(cfg: Config, id: string): ModelSpec {
  const hidden = int(cfg, ['hidden_size', 'n_embed']);
  const heads = int(cfg, ['n_head', 'num_attention_heads']);
  requireDivides(heads, hidden, 'n_head');
  return {
    id,
    modelType: 'bloom',
    layers: int(cfg, ['n_layer', 'num_hidden_layers']),
    hidden,
    heads,
    kvHeads: heads,
    headDim: hidden / heads,
    ffn: 'mlp',
    ffnWidth: 4 * hidden, // BloomMLP: dense_h_to_4h is fixed at 4·H
    vocab: int(cfg, 'vocab_size'),
    embeddingDim: hidden,
    tiedEmbeddings: tied(cfg, true),
    norm: 'layernorm',
    positions: 'alibi',
    maxPositions: 0,
    bias: { qkv: true, attnOut: true, ffn: true, norm: true },
    slidingWindow: null,
    moe: null,
    mla: null,
    mtpLayers: 0,
    extras: { ...BASE_EXTRAS, embeddingNorm: true },
  };
}

function parseFalcon(cfg: Config, id: string, modelType: string): ModelSpec {
  const hidden = int(cfg, 'hidden_size');
  const heads = int(cfg, ['num_attention_heads', 'n_head']);
  requireDivides(heads, hidden);
  // The legacy "RefinedWeb" (Falcon-40B remote code) is the new decoder architecture.
  const newArch = modelType === 'RefinedWeb' ? true : bool(cfg, 'new_decoder_architecture', false);
  const parallel = bool(cfg, 'parallel_attn', true);
  let kvHeads: number;
  if (newArch) {
    kvHeads = kvHeadsOf(cfg, heads, firstKey(cfg, ['num_kv_heads', 'n_head_kv']) ?? 'num_kv_heads');
  } else {
    kvHeads = bool(cfg, 'multi_query', true) ? 1 : heads;
  }
  // FalconDecoderLayer: two norms (ln_attn, ln_mlp) with the new architecture unless
  // num_ln_in_parallel_attn = 1; otherwise input_layernorm, plus post_attention_layernorm
  // only when the block is sequential.
  const normsPerLayer = newArch ? optInt(cfg, 'num_ln_in_parallel_attn', 2) : parallel ? 1 : 2;
  const biased = bool(cfg, 'bias', false);
  return {
    id,
    modelType,
    layers: int(cfg, ['num_hidden_layers', 'n_layer']),
    hidden,
    heads,
    kvHeads,
    headDim: hidden / heads,
    ffn: 'mlp',
    ffnWidth: optInt(cfg, 'ffn_hidden_size', 4 * hidden),
    vocab: int(cfg, 'vocab_size'),
    embeddingDim: hidden,
    tiedEmbeddings: tied(cfg, true),
    norm: 'layernorm',
    positions: bool(cfg, 'alibi', false) ? 'alibi' : 'rotary',
    maxPositions: 0,
    bias: { qkv: biased, attnOut: biased, ffn: biased, norm: true },
    slidingWindow: null,
    moe: null,
    mla: null,
    mtpLayers: 0,
    extras: { ...BASE_EXTRAS, normsPerLayer, parallelBlock: parallel || newArch },
  };
}

function parseOpt(cfg: Config, id: string): ModelSpec {
  const hidden = int(cfg, 'hidden_size');
  const heads = int(cfg, 'num_attention_heads');
  requireDivides(heads, hidden);
  const affine = bool(cfg, 'layer_norm_elementwise_affine', true);
  const biased = bool(cfg, 'enable_bias', true);
  const finalNorm = bool(cfg, 'do_layer_norm_before', true) && !bool(cfg, '_remove_final_layer_norm', false);
  return {
    id,
    modelType: 'opt',
    layers: int(cfg, 'num_hidden_layers'),
    hidden,
    heads,
    kvHeads: heads,
    headDim: hidden / heads,
    ffn: 'mlp',
    ffnWidth: int(cfg, 'ffn_dim'),
    vocab: int(cfg, 'vocab_size'),
    embeddingDim: optInt(cfg, 'word_embed_proj_dim', hidden),
    tiedEmbeddings: tied(cfg, true),
    norm: 'layernorm',
    positions: 'learned',
    // OPTLearnedPositionalEmbedding keeps 2 extra rows (offset 2, a fairseq legacy).
    maxPositions: int(cfg, 'max_position_embeddings') + 2,
    bias: { qkv: biased, attnOut: biased, ffn: biased, norm: affine },
    slidingWindow: null,
    moe: null,
    mla: null,
    mtpLayers: 0,
    // LayerNorm(elementwise_affine=False) holds no parameters.
    extras: { ...BASE_EXTRAS, normsPerLayer: affine ? 2 : 0, finalNorm: finalNorm && affine },
  };
}

function parseGptNeox(cfg: Config, id: string): ModelSpec {
  const base = llamaLike(cfg, id, 'gpt_neox');
  requireDivides(base.heads, base.hidden);
  const biased = bool(cfg, 'attention_bias', true);
  return {
    ...base,
    kvHeads: base.heads,
    headDim: base.hidden / base.heads,
    ffn: 'mlp',
    ffnWidth: int(cfg, 'intermediate_size'),
    tiedEmbeddings: tied(cfg, false),
    norm: 'layernorm',
    positions: 'rotary',
    maxPositions: 0,
    // GPTNeoXMLP's dense_h_to_4h / dense_4h_to_h always carry biases.
    bias: { qkv: biased, attnOut: biased, ffn: true, norm: true },
    slidingWindow: null,
    moe: null,
    mla: null,
    mtpLayers: 0,
    extras: { ...BASE_EXTRAS, parallelBlock: bool(cfg, 'use_parallel_residual', true) },
  };
}

/** llama, mistral, mixtral, qwen2, qwen2_moe, qwen3, qwen3_moe, gemma, gemma2, phi3. */
function parseDecoder(cfg: Config, id: string, modelType: string): ModelSpec {
  const base = llamaLike(cfg, id, modelType);
  const { hidden, layers, heads } = base;
  const headDefault: Record<string, number> = { gemma: 256, gemma2: 256, qwen3: 128, qwen3_moe: 128 };
  const explicitDefault = cfg['head_dim'] === undefined || cfg['head_dim'] === null ? headDefault[modelType] : undefined;
  const headDim = headDimOf(cfg, hidden, heads, explicitDefault);

  let bias = { ...NO_BIAS };
  let tiedDefault = false;
  let slidingWindow: SlidingWindowSpec | null = null;
  let moe: MoeSpec | null = null;
  const extras = { ...BASE_EXTRAS };
  let ffnWidth: number;

  switch (modelType) {
    case 'llama': {
      const attn = bool(cfg, 'attention_bias', false);
      bias = { qkv: attn, attnOut: attn, ffn: bool(cfg, 'mlp_bias', false), norm: false };
      ffnWidth = int(cfg, 'intermediate_size');
      break;
    }
    case 'mistral':
      slidingWindow = allLayersWindow(cfg);
      ffnWidth = int(cfg, 'intermediate_size');
      break;
    case 'mixtral': {
      slidingWindow = allLayersWindow(cfg);
      ffnWidth = int(cfg, 'intermediate_size');
      const experts = int(cfg, 'num_local_experts');
      moe = {
        experts,
        topK: topK(cfg, experts),
        expertWidth: ffnWidth,
        sharedExperts: 0,
        sharedExpertWidth: 0,
        sharedExpertGate: false,
        denseLayers: 0,
        routerBias: false,
      };
      break;
    }
    case 'qwen2':
      // Qwen2Attention: q/k/v with bias, o_proj without.
      bias = { qkv: true, attnOut: false, ffn: false, norm: false };
      slidingWindow = qwenWindow(cfg, layers);
      ffnWidth = int(cfg, 'intermediate_size');
      break;
    case 'qwen2_moe': {
      bias = { qkv: bool(cfg, 'qkv_bias', true), attnOut: false, ffn: false, norm: false };
      slidingWindow = qwenWindow(cfg, layers);
      ffnWidth = int(cfg, 'intermediate_size');
      const experts = int(cfg, 'num_experts');
      const sharedWidth = optNonNegInt(cfg, 'shared_expert_intermediate_size', 0);
      moe = {
        experts,
        topK: topK(cfg, experts),
        expertWidth: int(cfg, 'moe_intermediate_size'),
        sharedExperts: sharedWidth > 0 ? 1 : 0,
        sharedExpertWidth: sharedWidth,
        sharedExpertGate: sharedWidth > 0,
        denseLayers: qwenDenseLayers(cfg, layers, experts),
        routerBias: false,
      };
      break;
    }
    case 'qwen3':
    case 'qwen3_moe': {
      const attn = bool(cfg, 'attention_bias', false);
      bias = { qkv: attn, attnOut: attn, ffn: false, norm: false };
      slidingWindow = qwenWindow(cfg, layers);
      extras.qkNorm = true;
      if (modelType === 'qwen3') {
        ffnWidth = int(cfg, 'intermediate_size');
      } else {
        const experts = int(cfg, 'num_experts');
        const denseLayers = qwenDenseLayers(cfg, layers, experts);
        // intermediate_size is only read by the dense layers; MoE-only models may omit it.
        ffnWidth = denseLayers > 0 ? int(cfg, 'intermediate_size') : optInt(cfg, 'intermediate_size', int(cfg, 'moe_intermediate_size'));
        moe = {
          experts,
          topK: topK(cfg, experts),
          expertWidth: int(cfg, 'moe_intermediate_size'),
          sharedExperts: 0,
          sharedExpertWidth: 0,
          sharedExpertGate: false,
          denseLayers,
          routerBias: false,
        };
      }
      break;
    }
    case 'gemma':
    case 'gemma2': {
      const attn = bool(cfg, 'attention_bias', false);
      bias = { qkv: attn, attnOut: attn, ffn: false, norm: false };
      tiedDefault = true;
      ffnWidth = int(cfg, 'intermediate_size');
      if (modelType === 'gemma2') {
        // Gemma2DecoderLayer: input, post_attention, pre_feedforward, post_feedforward norms.
        extras.normsPerLayer = 4;
        const size = intOrNull(cfg, 'sliding_window');
        slidingWindow = size === null ? null : { size, layers: 'alternate' };
      }
      break;
    }
    case 'phi3':
      // Phi3: fused qkv_proj [h·d + 2·h_kv·d, H] and gate_up_proj [2I, H]: same counts as split.
      slidingWindow = allLayersWindow(cfg);
      ffnWidth = int(cfg, 'intermediate_size');
      break;
    default:
      throw new InputError('model_type', `model_type "${modelType}" is not supported`);
  }

  return {
    ...base,
    headDim,
    ffn: 'gated',
    ffnWidth,
    tiedEmbeddings: tied(cfg, tiedDefault),
    norm: 'rmsnorm',
    positions: 'rotary',
    maxPositions: 0,
    bias,
    slidingWindow,
    moe,
    mla: null,
    mtpLayers: 0,
    extras,
  };
}

function topK(cfg: Config, experts: number): number {
  const k = int(cfg, 'num_experts_per_tok');
  if (k > experts) {
    throw new InputError('num_experts_per_tok', `num_experts_per_tok (${k}) must not exceed the number of experts (${experts})`);
  }
  return k;
}

function parseDeepseek(cfg: Config, id: string, modelType: 'deepseek_v2' | 'deepseek_v3'): ModelSpec {
  const base = llamaLike(cfg, id, modelType);
  const { layers } = base;
  const mla: MlaSpec = {
    qLoraRank: intOrNull(cfg, 'q_lora_rank'),
    kvLoraRank: int(cfg, 'kv_lora_rank'),
    qkNopeHeadDim: int(cfg, 'qk_nope_head_dim'),
    qkRopeHeadDim: int(cfg, 'qk_rope_head_dim'),
    vHeadDim: int(cfg, 'v_head_dim'),
  };
  const ffnWidth = int(cfg, 'intermediate_size');
  const experts = cfg['n_routed_experts'] === null || cfg['n_routed_experts'] === undefined ? 0 : int(cfg, 'n_routed_experts');
  let moe: MoeSpec | null = null;
  if (experts > 0) {
    const firstDense = optNonNegInt(cfg, 'first_k_dense_replace', 0);
    const freq = optInt(cfg, 'moe_layer_freq', 1);
    // DeepseekV2/V3DecoderLayer: MoE iff layer_idx >= first_k_dense_replace and layer_idx % moe_layer_freq == 0.
    let dense = 0;
    for (let i = 0; i < layers; i += 1) if (!(i >= firstDense && i % freq === 0)) dense += 1;
    const shared = optNonNegInt(cfg, 'n_shared_experts', 0);
    const expertWidth = int(cfg, 'moe_intermediate_size');
    moe = {
      experts,
      topK: topK(cfg, experts),
      expertWidth,
      sharedExperts: shared,
      sharedExpertWidth: shared > 0 ? expertWidth : 0,
      sharedExpertGate: false,
      denseLayers: dense,
      // DeepseekV3TopkRouter holds e_score_correction_bias [E]; V2's gate has none.
      routerBias: modelType === 'deepseek_v3',
    };
  }
  const attn = bool(cfg, 'attention_bias', false);
  return {
    ...base,
    kvHeads: base.heads,
    headDim: mla.qkNopeHeadDim + mla.qkRopeHeadDim,
    ffn: 'gated',
    ffnWidth,
    tiedEmbeddings: tied(cfg, false),
    norm: 'rmsnorm',
    positions: 'rotary',
    maxPositions: 0,
    bias: { qkv: attn, attnOut: attn, ffn: false, norm: false },
    slidingWindow: null,
    moe,
    mla,
    mtpLayers: modelType === 'deepseek_v3' ? optNonNegInt(cfg, 'num_nextn_predict_layers', 0) : 0,
    extras: { ...BASE_EXTRAS },
  };
}

/**
 * Reads a parsed Hugging Face `config.json` into a ModelSpec.
 * Throws InputError naming the offending key (e.g. `num_key_value_heads`) or the
 * unsupported `model_type`.
 * @example parseHfConfig({ model_type: 'llama', hidden_size: 4096, num_hidden_layers: 32, num_attention_heads: 32, intermediate_size: 11008, vocab_size: 32000 }).headDim //=> 128
 */
export function parseHfConfig(json: unknown, id?: string): ModelSpec {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new InputError('config', 'the config must be a JSON object');
  }
  const cfg = json as Config;
  const modelType = cfg['model_type'];
  if (typeof modelType !== 'string' || modelType === '') {
    throw new InputError('model_type', 'model_type is missing from the config');
  }
  const name = id ?? (typeof cfg['_name_or_path'] === 'string' && cfg['_name_or_path'] ? cfg['_name_or_path'] : modelType);
  switch (modelType) {
    case 'gpt2':
      return parseGpt2(cfg, name);
    case 'bloom':
      return parseBloom(cfg, name);
    case 'falcon':
    case 'RefinedWebModel':
    case 'RefinedWeb':
      return parseFalcon(cfg, name, modelType);
    case 'opt':
      return parseOpt(cfg, name);
    case 'gpt_neox':
      return parseGptNeox(cfg, name);
    case 'deepseek_v2':
    case 'deepseek_v3':
      return parseDeepseek(cfg, name, modelType);
    case 'llama':
    case 'mistral':
    case 'mixtral':
    case 'qwen2':
    case 'qwen2_moe':
    case 'qwen3':
    case 'qwen3_moe':
    case 'gemma':
    case 'gemma2':
    case 'phi3':
      return parseDecoder(cfg, name, modelType);
    default:
      throw new InputError(
        'model_type',
        `model_type "${modelType}" is not supported (supported: ${SUPPORTED_MODEL_TYPES.join(', ')})`,
      );
  }
}

/**
 * Parses the text of a `config.json`; malformed JSON is an InputError on `config`.
 * @example parseHfConfigText('{"model_type":"gpt2","n_embd":768,"n_head":12,"n_layer":12,"n_positions":1024,"vocab_size":50257}').layers //=> 12
 */
export function parseHfConfigText(text: string, id?: string): ModelSpec {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError('config', `the config is not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  return parseHfConfig(json, id);
}
