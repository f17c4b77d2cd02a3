/**
 * A Hugging Face `config.json` → ModelSpec, one family at a time, following each
 * family's modeling code in huggingface/transformers (src/transformers/models/<type>/
 * modeling_<type>.py) and its configuration defaults. A field the family needs that is
 * missing, not a positive integer, or inconsistent is rejected with an InputError naming
 * that config key; an unknown `model_type` is rejected by name. Never a guessed number.
 *
 * @see https://github.com/huggingface/transformers/tree/main/src/transformers/models
 */
import { BOUNDS, MAX_CONFIG_DEPTH, boundMessage, checkConfigBounds, formatBound, inBound, type BoundKind } from '../bounds';
import { InputError, formatInteger } from '../units';
import { checkSpec, type ModelSpec, type MoeSpec, type MlaSpec, type SlidingWindowSpec } from './spec';

type Config = Record<string, unknown>;

/**
 * Longest config text read, in characters. Real config.json files are a few kilobytes
 * (DeepSeek V3's is about 1,700 characters, a multimodal one with its vision tower a few
 * tens of thousands); anything past this is refused before it is parsed.
 */
export const MAX_CONFIG_CHARS = 1_000_000;

/** Longest `_name_or_path` kept as the model's name; longer ones are cut (it is only a label). */
const MAX_NAME_CHARS = 120;

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

/**
 * A config key's own value, never one inherited through the prototype chain: `__proto__`,
 * `constructor` and `prototype` keys (or a config object with a prototype) are inert.
 */
function own(cfg: Config, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(cfg, key) ? cfg[key] : undefined;
}

/** A short, safe rendering of a config value for a message: never a 10 MB string or a whole object. */
function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  if (typeof v === 'number') return formatBound(v);
  if (typeof v === 'boolean' || v === null) return String(v);
  if (Array.isArray(v)) return `a list of ${formatInteger(v.length)} items`;
  if (typeof v === 'object') return 'an object';
  return typeof v;
}

function isPositiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 1;
}

/** Checks a positive integer against its kind's bound (src/core/bounds.ts); the error names the key. */
function bounded(key: string, v: number, kind: BoundKind): number {
  if (!inBound(v, kind)) throw new InputError(key, `${boundMessage(key, kind)}, got ${describe(v)}`);
  return v;
}

/** The first key of `keys` present (not undefined/null) in the config, or undefined. */
function firstKey(cfg: Config, keys: readonly string[]): string | undefined {
  return keys.find((k) => own(cfg, k) !== undefined && own(cfg, k) !== null);
}

/** A required positive integer within its bound, read from the first of `keys` present; errors name keys[0]. */
function int(cfg: Config, keys: string | readonly string[], kind: BoundKind): number {
  const names = typeof keys === 'string' ? [keys] : keys;
  const key = firstKey(cfg, names);
  const primary = names[0] as string;
  if (key === undefined) {
    throw new InputError(primary, `${primary} is missing from the config (a positive integer is required)`);
  }
  const v = own(cfg, key);
  if (!isPositiveInt(v)) {
    throw new InputError(key, `${key} must be a positive integer, got ${describe(v)}`);
  }
  return bounded(key, v, kind);
}

/** An optional positive integer with a default (null and absent both mean the default). */
function optInt(cfg: Config, keys: string | readonly string[], fallback: number, kind: BoundKind): number {
  const names = typeof keys === 'string' ? [keys] : keys;
  return firstKey(cfg, names) === undefined ? fallback : int(cfg, names, kind);
}

/** An optional non-negative integer with a default; at most its kind's maximum. */
function optNonNegInt(cfg: Config, key: string, fallback: number, kind: BoundKind): number {
  const v = own(cfg, key);
  if (v === undefined || v === null) return fallback;
  const b = BOUNDS[kind];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
    throw new InputError(key, `${key} must be a non-negative integer, got ${describe(v)}`);
  }
  if (v > b.max) throw new InputError(key, `${key} must be a whole number from 0 to ${formatInteger(b.max)} (${b.reason}), got ${describe(v)}`);
  return v;
}

/** A positive integer that may be null (null returned as null). */
function intOrNull(cfg: Config, key: string, kind: BoundKind): number | null {
  const v = own(cfg, key);
  if (v === undefined || v === null) return null;
  if (!isPositiveInt(v)) throw new InputError(key, `${key} must be a positive integer or null, got ${describe(v)}`);
  return bounded(key, v, kind);
}

function bool(cfg: Config, key: string, fallback: boolean): boolean {
  const v = own(cfg, key);
  if (v === undefined || v === null) return fallback;
  if (typeof v !== 'boolean') throw new InputError(key, `${key} must be true or false, got ${describe(v)}`);
  return v;
}

/** h_kv must divide h (each KV head serves h/h_kv query heads). */
function kvHeadsOf(cfg: Config, heads: number, key = 'num_key_value_heads'): number {
  const v = own(cfg, key);
  if (v === undefined || v === null) return heads;
  if (!isPositiveInt(v) || heads % v !== 0) {
    throw new InputError(key, `${key} must be a positive integer dividing num_attention_heads (${heads}), got ${describe(v)}`);
  }
  return v;
}

/** Explicit head_dim wins; otherwise H/h, which must then be a whole number. */
function headDimOf(cfg: Config, hidden: number, heads: number, fallback?: number): number {
  if (own(cfg, 'head_dim') !== undefined && own(cfg, 'head_dim') !== null) return int(cfg, 'head_dim', 'width');
  if (fallback !== undefined) return fallback;
  if (hidden % heads !== 0) {
    throw new InputError('num_attention_heads', `num_attention_heads (${heads}) must divide hidden_size (${hidden}) when the config gives no head_dim`);
  }
  return hidden / heads;
}

/**
 * How many layers a `layer_types` list marks "sliding_attention" (newer Qwen 2/3 and
 * Gemma 2 configs list each layer's attention), or null when the config has no list.
 * The list's length is checked against num_hidden_layers before it is read, so the
 * count costs at most BOUNDS.layers.max steps.
 */
function slidingLayersOf(cfg: Config, layers: number): number | null {
  const types = own(cfg, 'layer_types');
  if (types === undefined || types === null) return null;
  if (!Array.isArray(types)) throw new InputError('layer_types', `layer_types must be a list, got ${describe(types)}`);
  if (types.length !== layers) {
    throw new InputError(
      'layer_types',
      `layer_types has ${formatInteger(types.length)} entries; it needs one per layer (num_hidden_layers = ${formatInteger(layers)})`,
    );
  }
  let sliding = 0;
  for (const t of types) {
    if (t === 'sliding_attention') sliding += 1;
    else if (t !== 'full_attention') {
      throw new InputError('layer_types', `layer_types entries must be "full_attention" or "sliding_attention", got ${describe(t)}`);
    }
  }
  return sliding;
}

/** A window on `count` of `layers` layers, as a SlidingWindowSpec (null when no layer has one). */
function windowOn(size: number, count: number, layers: number): SlidingWindowSpec | null {
  if (count === 0) return null;
  return { size, layers: count === layers ? 'all' : count };
}

/** h must divide H; the error names the heads key the config actually uses. */
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
  const hidden = int(cfg, 'hidden_size', 'width');
  const layers = int(cfg, 'num_hidden_layers', 'layers');
  const heads = int(cfg, 'num_attention_heads', 'heads');
  const kvHeads = kvHeadsOf(cfg, heads);
  const vocab = int(cfg, 'vocab_size', 'vocab');
  return { id, modelType, hidden, layers, heads, kvHeads, vocab, embeddingDim: hidden };
}

/**
 * Qwen 2/3 window: with use_sliding_window, the layers a `layer_types` list marks sliding,
 * or else the layers from max_window_layers on (a count, not a loop over layers).
 */
function qwenWindow(cfg: Config, layers: number): SlidingWindowSpec | null {
  const listed = slidingLayersOf(cfg, layers);
  if (!bool(cfg, 'use_sliding_window', false)) return null;
  const size = int(cfg, 'sliding_window', 'sequence');
  if (listed !== null) return windowOn(size, listed, layers);
  const from = optNonNegInt(cfg, 'max_window_layers', layers, 'layers');
  return windowOn(size, Math.max(0, layers - from), layers);
}

/** Window on every layer when sliding_window is a positive integer (Mistral, Mixtral, Phi-3). */
function allLayersWindow(cfg: Config): SlidingWindowSpec | null {
  const size = intOrNull(cfg, 'sliding_window', 'sequence');
  return size === null ? null : { size, layers: 'all' };
}

/**
 * Qwen MoE: layer i is sparse unless listed in mlp_only_layers or off the decoder_sparse_step,
 * i.e. sparse iff (i + 1) % step = 0 and i ∉ mlp_only_layers. Counted in closed form: ⌊L/step⌋
 * layers are on the step, less those of them listed (the list is at most L long, checked first).
 */
function qwenDenseLayers(cfg: Config, layers: number): number {
  const step = optInt(cfg, 'decoder_sparse_step', 1, 'layers');
  const only = own(cfg, 'mlp_only_layers') ?? [];
  if (!Array.isArray(only)) throw new InputError('mlp_only_layers', `mlp_only_layers must be a list of layer indices, got ${describe(only)}`);
  if (only.length > layers) {
    throw new InputError(
      'mlp_only_layers',
      `mlp_only_layers lists ${formatInteger(only.length)} layers but the model has ${formatInteger(layers)} (num_hidden_layers)`,
    );
  }
  const listedOnStep = new Set<number>();
  for (const i of only) {
    if (typeof i !== 'number' || !Number.isInteger(i) || i < 0 || i >= layers) {
      throw new InputError('mlp_only_layers', `mlp_only_layers must list layer indices from 0 to ${formatInteger(layers - 1)}, got ${describe(i)}`);
    }
    if ((i + 1) % step === 0) listedOnStep.add(i);
  }
  const sparse = Math.floor(layers / step) - listedOnStep.size;
  return layers - sparse;
}

function parseGpt2(cfg: Config, id: string): ModelSpec {
  const hidden = int(cfg, ['n_embd', 'hidden_size'], 'width');
  const heads = int(cfg, ['n_head', 'num_attention_heads'], 'heads');
  requireDivides(heads, hidden, firstKey(cfg, ['n_head', 'num_attention_heads']));
  return {
    id,
    modelType: 'gpt2',
    layers: int(cfg, ['n_layer', 'num_hidden_layers'], 'layers'),
    hidden,
    heads,
    kvHeads: heads,
    headDim: hidden / heads,
    ffn: 'mlp',
    // GPT2MLP: inner_dim = n_inner if not None else 4 * hidden_size
    ffnWidth: optInt(cfg, 'n_inner', 4 * hidden, 'width'),
    vocab: int(cfg, 'vocab_size', 'vocab'),
    embeddingDim: hidden,
    tiedEmbeddings: tied(cfg, true),
    norm: 'layernorm',
    positions: 'learned',
    maxPositions: int(cfg, ['n_positions', 'max_position_embeddings'], 'sequence'),
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
  const hidden = int(cfg, ['hidden_size', 'n_embed'], 'width');
  const heads = int(cfg, ['n_head', 'num_attention_heads'], 'heads');
  requireDivides(heads, hidden, firstKey(cfg, ['n_head', 'num_attention_heads']));
  return {
    id,
    modelType: 'bloom',
    layers: int(cfg, ['n_layer', 'num_hidden_layers'], 'layers'),
    hidden,
    heads,
    kvHeads: heads,
    headDim: hidden / heads,
    ffn: 'mlp',
    ffnWidth: 4 * hidden, // BloomMLP: dense_h_to_4h is fixed at 4·H
    vocab: int(cfg, 'vocab_size', 'vocab'),
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
  const hidden = int(cfg, 'hidden_size', 'width');
  const heads = int(cfg, ['num_attention_heads', 'n_head'], 'heads');
  requireDivides(heads, hidden, firstKey(cfg, ['num_attention_heads', 'n_head']));
  // The legacy "RefinedWeb" (Falcon-40B remote code) is the new decoder architecture.
  const newArch = modelType === 'RefinedWeb' ? true : bool(cfg, 'new_decoder_architecture', false);
  const parallel = bool(cfg, 'parallel_attn', true);
  let kvHeads: number;
  if (newArch) {
    kvHeads = kvHeadsOf(cfg, heads, firstKey(cfg, ['num_kv_heads', 'n_head_kv']) ?? 'num_kv_heads');
  } else {
    kvHeads = bool(cfg, 'multi_query', true) ? 1 : heads;
  }
  // FalconDecoderLayer.__init__: num_ln_in_parallel_attn defaults to 2 with the new
  // architecture; a sequential block has input_layernorm and post_attention_layernorm,
  // a parallel one ln_attn and ln_mlp when num_ln_in_parallel_attn == 2, else one
  // input_layernorm. It names how many norms there are, so only 1 and 2 mean anything.
  const lnKey = 'num_ln_in_parallel_attn';
  const lnRaw = own(cfg, lnKey);
  if (lnRaw !== undefined && lnRaw !== null && lnRaw !== 1 && lnRaw !== 2) {
    throw new InputError(lnKey, `${lnKey} must be 1 or 2 (the norms before a parallel attention and MLP), got ${describe(lnRaw)}`);
  }
  const lnInParallel = lnRaw === 1 || lnRaw === 2 ? lnRaw : newArch ? 2 : 1;
  const normsPerLayer = !parallel ? 2 : lnInParallel;
  const biased = bool(cfg, 'bias', false);
  return {
    id,
    modelType,
    layers: int(cfg, ['num_hidden_layers', 'n_layer'], 'layers'),
    hidden,
    heads,
    kvHeads,
    headDim: hidden / heads,
    ffn: 'mlp',
    ffnWidth: optInt(cfg, 'ffn_hidden_size', 4 * hidden, 'width'),
    vocab: int(cfg, 'vocab_size', 'vocab'),
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
  const hidden = int(cfg, 'hidden_size', 'width');
  const heads = int(cfg, 'num_attention_heads', 'heads');
  requireDivides(heads, hidden);
  const affine = bool(cfg, 'layer_norm_elementwise_affine', true);
  const biased = bool(cfg, 'enable_bias', true);
  const finalNorm = bool(cfg, 'do_layer_norm_before', true) && !bool(cfg, '_remove_final_layer_norm', false);
  return {
    id,
    modelType: 'opt',
    layers: int(cfg, 'num_hidden_layers', 'layers'),
    hidden,
    heads,
    kvHeads: heads,
    headDim: hidden / heads,
    ffn: 'mlp',
    ffnWidth: int(cfg, 'ffn_dim', 'width'),
    vocab: int(cfg, 'vocab_size', 'vocab'),
    embeddingDim: optInt(cfg, 'word_embed_proj_dim', hidden, 'width'),
    tiedEmbeddings: tied(cfg, true),
    norm: 'layernorm',
    positions: 'learned',
    // OPTLearnedPositionalEmbedding keeps 2 extra rows (offset 2, a fairseq legacy).
    maxPositions: int(cfg, 'max_position_embeddings', 'sequence') + 2,
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
    ffnWidth: int(cfg, 'intermediate_size', 'width'),
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
  const explicitDefault = own(cfg, 'head_dim') === undefined || own(cfg, 'head_dim') === null ? headDefault[modelType] : undefined;
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
      ffnWidth = int(cfg, 'intermediate_size', 'width');
      break;
    }
    case 'mistral':
      slidingWindow = allLayersWindow(cfg);
      ffnWidth = int(cfg, 'intermediate_size', 'width');
      break;
    case 'mixtral': {
      slidingWindow = allLayersWindow(cfg);
      ffnWidth = int(cfg, 'intermediate_size', 'width');
      const experts = int(cfg, 'num_local_experts', 'experts');
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
      ffnWidth = int(cfg, 'intermediate_size', 'width');
      break;
    case 'qwen2_moe': {
      bias = { qkv: bool(cfg, 'qkv_bias', true), attnOut: false, ffn: false, norm: false };
      slidingWindow = qwenWindow(cfg, layers);
      ffnWidth = int(cfg, 'intermediate_size', 'width');
      const experts = int(cfg, 'num_experts', 'experts');
      const sharedWidth = optNonNegInt(cfg, 'shared_expert_intermediate_size', 0, 'width');
      moe = {
        experts,
        topK: topK(cfg, experts),
        expertWidth: int(cfg, 'moe_intermediate_size', 'width'),
        sharedExperts: sharedWidth > 0 ? 1 : 0,
        sharedExpertWidth: sharedWidth,
        sharedExpertGate: sharedWidth > 0,
        denseLayers: qwenDenseLayers(cfg, layers),
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
        ffnWidth = int(cfg, 'intermediate_size', 'width');
      } else {
        const experts = int(cfg, 'num_experts', 'experts');
        const denseLayers = qwenDenseLayers(cfg, layers);
        // intermediate_size is only read by the dense layers; MoE-only models may omit it.
        ffnWidth =
          denseLayers > 0 ? int(cfg, 'intermediate_size', 'width') : optInt(cfg, 'intermediate_size', int(cfg, 'moe_intermediate_size', 'width'), 'width');
        moe = {
          experts,
          topK: topK(cfg, experts),
          expertWidth: int(cfg, 'moe_intermediate_size', 'width'),
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
      ffnWidth = int(cfg, 'intermediate_size', 'width');
      if (modelType === 'gemma2') {
        // Gemma2DecoderLayer: input, post_attention, pre_feedforward, post_feedforward norms.
        extras.normsPerLayer = 4;
        // Layers 0, 2, 4… use the window (Gemma2Config: sliding iff (i + 1) % 2), or as layer_types lists.
        const listed = slidingLayersOf(cfg, layers);
        const size = intOrNull(cfg, 'sliding_window', 'sequence');
        slidingWindow = size === null ? null : listed !== null ? windowOn(size, listed, layers) : { size, layers: 'alternate' };
      }
      break;
    }
    case 'phi3':
      // Phi3: fused qkv_proj [h·d + 2·h_kv·d, H] and gate_up_proj [2I, H]: same counts as split.
      slidingWindow = allLayersWindow(cfg);
      ffnWidth = int(cfg, 'intermediate_size', 'width');
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
  const k = int(cfg, 'num_experts_per_tok', 'experts');
  if (k > experts) {
    throw new InputError('num_experts_per_tok', `num_experts_per_tok (${k}) must not exceed the number of experts (${experts})`);
  }
  return k;
}

/**
 * DeepseekV2/V3DecoderLayer: layer i is MoE iff i ≥ first_k_dense_replace and
 * i % moe_layer_freq = 0, i.e. the multiples of f in [k, L − 1]:
 * ⌊(L − 1)/f⌋ − ⌈k/f⌉ + 1 of them (0 when k > L − 1). A closed form, not a loop over layers.
 * @example deepseekMoeLayers(61, 3, 1) //=> 58 (DeepSeek V3: layers 3…60)
 */
export function deepseekMoeLayers(layers: number, firstDense: number, freq: number): number {
  if (firstDense > layers - 1) return 0;
  return Math.floor((layers - 1) / freq) - Math.ceil(firstDense / freq) + 1;
}

function parseDeepseek(cfg: Config, id: string, modelType: 'deepseek_v2' | 'deepseek_v3'): ModelSpec {
  const base = llamaLike(cfg, id, modelType);
  const { layers } = base;
  const mla: MlaSpec = {
    qLoraRank: intOrNull(cfg, 'q_lora_rank', 'width'),
    kvLoraRank: int(cfg, 'kv_lora_rank', 'width'),
    qkNopeHeadDim: int(cfg, 'qk_nope_head_dim', 'width'),
    qkRopeHeadDim: int(cfg, 'qk_rope_head_dim', 'width'),
    vHeadDim: int(cfg, 'v_head_dim', 'width'),
  };
  const ffnWidth = int(cfg, 'intermediate_size', 'width');
  const experts = own(cfg, 'n_routed_experts') === null || own(cfg, 'n_routed_experts') === undefined ? 0 : int(cfg, 'n_routed_experts', 'experts');
  let moe: MoeSpec | null = null;
  if (experts > 0) {
    const firstDense = optNonNegInt(cfg, 'first_k_dense_replace', 0, 'layers');
    const freq = optInt(cfg, 'moe_layer_freq', 1, 'layers');
    const shared = optNonNegInt(cfg, 'n_shared_experts', 0, 'experts');
    const expertWidth = int(cfg, 'moe_intermediate_size', 'width');
    moe = {
      experts,
      topK: topK(cfg, experts),
      expertWidth,
      sharedExperts: shared,
      sharedExpertWidth: shared > 0 ? expertWidth : 0,
      sharedExpertGate: false,
      denseLayers: layers - deepseekMoeLayers(layers, firstDense, freq),
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
    mtpLayers: modelType === 'deepseek_v3' ? optNonNegInt(cfg, 'num_nextn_predict_layers', 0, 'layers') : 0,
    extras: { ...BASE_EXTRAS },
  };
}

/**
 * Reads a parsed Hugging Face `config.json` into a ModelSpec.
 * Throws InputError naming the offending key (e.g. `num_key_value_heads`) or the
 * unsupported `model_type`. Only the config's own keys are read, each checked against its
 * bound (src/core/bounds.ts) before any count is made from it; the work is a fixed number
 * of steps per key, and lists (layer_types, mlp_only_layers) are length-checked against
 * num_hidden_layers before they are read.
 * @example parseHfConfig({ model_type: 'llama', hidden_size: 4096, num_hidden_layers: 32, num_attention_heads: 32, intermediate_size: 11008, vocab_size: 32000 }).headDim //=> 128
 */
export function parseHfConfig(json: unknown, id?: string): ModelSpec {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new InputError('config', 'the config must be a JSON object');
  }
  const cfg = json as Config;
  const modelType = own(cfg, 'model_type');
  if (modelType === undefined || modelType === null || modelType === '') {
    throw new InputError('model_type', 'model_type is missing from the config');
  }
  if (typeof modelType !== 'string') throw new InputError('model_type', `model_type must be a string, got ${describe(modelType)}`);
  const path = own(cfg, '_name_or_path');
  const label = typeof path === 'string' && path !== '' ? (path.length > MAX_NAME_CHARS ? `${path.slice(0, MAX_NAME_CHARS)}…` : path) : modelType;
  const spec = parseFamily(cfg, id ?? label, modelType);
  // The context the model was trained for, whatever the family calls it (0: not stated).
  const contextLength = optInt(cfg, ['max_position_embeddings', 'n_positions', 'seq_length', 'max_sequence_length', 'n_ctx'], 0, 'sequence');
  return checkSpec({ ...spec, contextLength });
}

function parseFamily(cfg: Config, name: string, modelType: string): ModelSpec {
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
      throw new InputError('model_type', `model_type ${describe(modelType)} is not supported (supported: ${SUPPORTED_MODEL_TYPES.join(', ')})`);
  }
}

/**
 * How deeply the JSON text nests objects and arrays, read in one pass (brackets inside
 * strings do not count). Stops as soon as `limit` is passed.
 */
function nestingDepth(text: string, limit: number): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i += 1;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) {
      depth += 1;
      if (depth > max) max = depth;
      if (max > limit) return max;
    } else if (c === 125 /* } */ || c === 93 /* ] */) depth -= 1;
  }
  return max;
}

/**
 * Parses the text of a `config.json`; malformed JSON is an InputError on `config`, and so
 * is a text longer than MAX_CONFIG_CHARS or nested more than MAX_CONFIG_DEPTH levels below
 * the top, refused before it is parsed (a 10 MB paste fails at once, not after a frozen
 * tab). The parsed tree then passes checkConfigBounds (every number finite, every size key
 * within its bound, at any depth) before the family parser reads it.
 * @example parseHfConfigText('{"model_type":"gpt2","n_embd":768,"n_head":12,"n_layer":12,"n_positions":1024,"vocab_size":50257}').layers //=> 12
 */
export function parseHfConfigText(text: string, id?: string): ModelSpec {
  if (typeof text !== 'string') throw new InputError('config', 'the config must be the text of a config.json');
  if (text.length > MAX_CONFIG_CHARS) {
    throw new InputError(
      'config',
      `the config is ${formatInteger(text.length)} characters long; a config.json is a few thousand (at most ${formatInteger(MAX_CONFIG_CHARS)} are read)`,
    );
  }
  // The top object and MAX_CONFIG_DEPTH levels below it, as checkConfigBounds counts them.
  if (nestingDepth(text, MAX_CONFIG_DEPTH + 1) > MAX_CONFIG_DEPTH + 1) {
    throw new InputError('config', `the config is nested more than ${MAX_CONFIG_DEPTH} levels deep; a config.json uses three or four`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new InputError('config', `the config is not valid JSON (${why.length > 160 ? `${why.slice(0, 160)}…` : why})`);
  }
  // A tree from JSON text: the walk visits each of its at most MAX_CONFIG_CHARS nodes once.
  checkConfigBounds(json);
  return parseHfConfig(json, id);
}
