/**
 * Physical bounds on what a person may ask for. Every input the core accepts (a CLI
 * flag, a calculator field, a config.json key) has a kind, and every kind a range with
 * the reason for it. The bounds are generous, ten to a thousand times past anything
 * built, so no real question is refused; they exist so that no input can make the core
 * loop for ever, overflow to Infinity or claim an exactness that doubles cannot hold.
 *
 * One table, shared by the CLI, the calculators and the config parser, so a layer count
 * is bounded the same way wherever it is typed.
 */
import { InputError, formatInteger } from './units';

export interface Bound {
  /** Smallest accepted value (inclusive). */
  min: number;
  /** Largest accepted value (inclusive). */
  max: number;
  /** Whole numbers only. */
  integer: boolean;
  /** Why the bound is where it is, in one phrase shown with the message. */
  reason: string;
}

/** Largest integer a double holds exactly: 2^53 − 1. */
export const MAX_EXACT_INTEGER = Number.MAX_SAFE_INTEGER;

/**
 * The kinds of quantity people type, with their ranges. Keys are stable: the CLI's flag
 * table and the calculators' field specs refer to them.
 */
export const BOUNDS = {
  /** Transformer layers L (num_hidden_layers). */
  layers: { min: 1, max: 10_000, integer: true, reason: 'the deepest published LLMs have under 200 layers' },
  /** Hidden size H, FFN width I, head dim d, latent ranks. */
  width: { min: 1, max: 10_000_000, integer: true, reason: 'the widest published FFNs are under 100,000' },
  /** Attention heads h, KV heads h_kv. */
  heads: { min: 1, max: 100_000, integer: true, reason: 'published models use at most a few hundred heads' },
  /** Vocabulary V. */
  vocab: { min: 1, max: 100_000_000, integer: true, reason: 'the largest published vocabularies are about 256,000' },
  /** Experts per MoE layer, top-k, shared experts. */
  experts: { min: 1, max: 100_000, integer: true, reason: 'published MoEs route among at most a few hundred experts' },
  /** GPUs in a job, a replica or a parallel degree. */
  gpus: { min: 1, max: 10_000_000, integer: true, reason: 'the largest clusters have a few hundred thousand GPUs' },
  /** Sequences or requests in a batch, concurrent requests, micro-batches. */
  batch: { min: 1, max: 100_000_000, integer: true, reason: 'far beyond any batch a server or a training step holds' },
  /** Tokens in one sequence: a prompt, an output, a context, a sequence length. */
  sequence: { min: 1, max: 1_000_000_000, integer: true, reason: 'a hundred times the longest context windows (about 10 million tokens)' },
  /** Tokens in a training run. */
  trainingTokens: { min: 1, max: 1e18, integer: false, reason: 'tens of thousands of times the largest runs (about 36T tokens)' },
  /** GPU-hours of a run. */
  gpuHours: { min: 1e-6, max: 1e12, integer: false, reason: 'thousands of times the largest runs (about 40M GPU-hours)' },
  /** Matmul dimensions M, K, N and copies A. */
  matmulDim: { min: 1, max: 1e12, integer: true, reason: 'a trillion along any dimension is past any tensor that fits on a cluster' },
  /** FLOP/s of one device. */
  flopsPerSecond: { min: 1, max: 1e18, integer: false, reason: 'a hundred times the fastest accelerators (about 10 PFLOP/s dense)' },
  /** Memory bandwidth or link bandwidth of one device, B/s. */
  bandwidth: { min: 1, max: 1e16, integer: false, reason: 'a thousand times the fastest HBM (about 8 TB/s)' },
  /** Memory of one device, bytes. */
  memoryBytes: { min: 1, max: 1e15, integer: false, reason: 'a thousand times the largest accelerator memories (about 300 GB)' },
  /** Bytes per element (int4 = 0.5 … fp64 = 8). */
  bytesPerElement: { min: 0.0625, max: 16, integer: false, reason: 'from 0.5 (int4) to 8 (fp64), with room either side' },
  /** Clock rate, Hz. */
  clockHz: { min: 1e6, max: 1e11, integer: false, reason: 'from 1 MHz to 100 GHz' },
  /** SMs, tensor cores per SM and similar unit counts. */
  units: { min: 1, max: 10_000_000, integer: true, reason: 'published GPUs have at most a few hundred SMs' },
  /** FLOPs per clock per tensor core. */
  flopsPerClock: { min: 1, max: 1e9, integer: false, reason: 'published tensor cores do at most a few thousand FLOPs per clock' },
  /** A fraction in (0, 1]: an efficiency, MFU, a usable share of memory. */
  fraction: { min: Number.MIN_VALUE, max: 1, integer: false, reason: 'a fraction of a whole' },
  /** The share of a peak (compute, memory or link bandwidth) a kernel reaches. */
  efficiency: {
    min: 0.001,
    max: 1,
    integer: false,
    reason: 'a share of peak: below 0.1% is a misconfiguration rather than a regime, above 100% is impossible',
  },
  /** Training or serving throughput, tokens per second. */
  tokensPerSecond: {
    min: 1e-6,
    max: 1e12,
    integer: false,
    reason: 'over a hundred thousand times the fastest published training runs (a few million tokens/s)',
  },
  /** Seconds of latency, a target, an overhead (≥ 0). */
  seconds: { min: 0, max: 1e9, integer: false, reason: 'about 30 years' },
  /** Total parameters N. */
  params: { min: 1, max: 1e16, integer: false, reason: 'ten thousand times the largest published models' },
  /** Parameters of the playground's or a case's FLOP counts. */
  flops: { min: 0, max: 1e32, integer: false, reason: 'a million times the largest training runs (about 1e26 FLOPs)' },
  /** Money per GPU-hour. */
  pricePerGpuHour: { min: 0, max: 1e6, integer: false, reason: 'a thousand times any cloud price' },
  /** Requests per second. */
  requestRate: { min: 0, max: 1e9, integer: false, reason: 'far beyond any single service' },
} as const satisfies Record<string, Bound>;

export type BoundKind = keyof typeof BOUNDS;

/**
 * The message for a value outside its kind's range, naming the field and the bound.
 * @example boundMessage('--gpus', 'gpus') //=> '--gpus must be a whole number from 1 to 10,000,000 (the largest clusters have a few hundred thousand GPUs)'
 */
export function boundMessage(field: string, kind: BoundKind): string {
  const b: Bound = BOUNDS[kind];
  const what = b.integer ? 'a whole number' : 'a number';
  const lo = kind === 'fraction' ? 'greater than 0' : `from ${formatBound(b.min)}`;
  const hi = kind === 'fraction' ? 'at most 1' : `to ${formatBound(b.max)}`;
  return `${field} must be ${what} ${lo} ${kind === 'fraction' ? 'and ' : ''}${hi} (${b.reason})`;
}

/**
 * A number as messages print it, in a form the CLI and the calculators accept back: whole
 * numbers with separators, very large and very small ones as 1e18 (at most 4 significant
 * figures: 2^60 is "1.153e18", not 19 digits), the rest with at most 6 significant figures.
 * @example formatBound(10000000) //=> '10,000,000'
 * @example formatBound(1e18) //=> '1e18'
 * @example formatBound(1e300) //=> '1e300'
 * @example formatBound(1e-320) //=> '1e-320'
 */
export function formatBound(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  if (Number.isInteger(value) && abs <= Number.MAX_SAFE_INTEGER) return formatInteger(value);
  // 1e18, not 1000000000000000000 or 1e+18; 1e-320, not 9.99988671826831e-321.
  if (abs > Number.MAX_SAFE_INTEGER || (abs > 0 && abs < 1e-6)) return Number(value.toPrecision(4)).toExponential().replace('e+', 'e');
  return String(Number(value.toPrecision(6)));
}

/**
 * True when `value` lies within its kind's range (finite, whole where the kind requires it).
 * @example inBound(80, 'layers') //=> true
 * @example inBound(1e15, 'layers') //=> false
 */
export function inBound(value: number, kind: BoundKind): boolean {
  const b: Bound = BOUNDS[kind];
  if (!Number.isFinite(value)) return false;
  if (b.integer && !Number.isInteger(value)) return false;
  return value >= b.min && value <= b.max;
}

/**
 * Checks one value against its kind; throws InputError naming `field` when it falls outside.
 * @example checkBound(8, 'gpus', 'gpus') //=> 8
 */
export function checkBound(value: number, kind: BoundKind, field: string, label = field): number {
  if (!inBound(value, kind)) throw new InputError(field, boundMessage(label, kind));
  return value;
}

/**
 * The bound kind of each numeric key a Hugging Face `config.json` may hold, so that a
 * pasted or loaded config is checked before any count is computed from it (a
 * `num_hidden_layers` of 1e15 must be refused, not looped over). Zero passes this check
 * (several keys use it for "none", e.g. `first_k_dense_replace`); the config parser
 * decides whether a zero makes sense. Keys not listed here are only checked for being
 * finite.
 */
export const CONFIG_KEY_KINDS: Readonly<Record<string, BoundKind>> = {
  num_hidden_layers: 'layers',
  n_layer: 'layers',
  num_layers: 'layers',
  first_k_dense_replace: 'layers',
  num_nextn_predict_layers: 'layers',
  max_window_layers: 'layers',
  decoder_sparse_step: 'layers',
  moe_layer_freq: 'layers',
  mlp_only_layers: 'layers',
  num_ln_in_parallel_attn: 'layers',
  hidden_size: 'width',
  n_embd: 'width',
  n_embed: 'width',
  d_model: 'width',
  intermediate_size: 'width',
  n_inner: 'width',
  ffn_dim: 'width',
  ffn_hidden_size: 'width',
  moe_intermediate_size: 'width',
  shared_expert_intermediate_size: 'width',
  head_dim: 'width',
  word_embed_proj_dim: 'width',
  kv_lora_rank: 'width',
  q_lora_rank: 'width',
  qk_rope_head_dim: 'width',
  qk_nope_head_dim: 'width',
  v_head_dim: 'width',
  num_attention_heads: 'heads',
  n_head: 'heads',
  num_key_value_heads: 'heads',
  num_kv_heads: 'heads',
  n_head_kv: 'heads',
  multi_query_group_num: 'heads',
  vocab_size: 'vocab',
  n_routed_experts: 'experts',
  num_experts: 'experts',
  num_local_experts: 'experts',
  num_experts_per_tok: 'experts',
  n_shared_experts: 'experts',
  max_position_embeddings: 'sequence',
  n_positions: 'sequence',
  sliding_window: 'sequence',
};

/** Deepest nesting of objects and arrays a config may have; real configs use three levels. */
export const MAX_CONFIG_DEPTH = 32;

/**
 * Checks a parsed `config.json` before it is used: every number finite, every key of
 * CONFIG_KEY_KINDS (at any depth, arrays element by element) zero or within its bound,
 * nesting at most MAX_CONFIG_DEPTH deep. Throws InputError naming the key (with its
 * path when nested), e.g. `text_config.num_hidden_layers`.
 * @example checkConfigBounds({ model_type: 'llama', num_hidden_layers: 32 }) //=> undefined
 * @example checkConfigBounds({ num_hidden_layers: 1e15 }) // throws InputError('num_hidden_layers', 'num_hidden_layers must be a whole number from 1 to 10,000 (…), got 1e+15')
 */
export function checkConfigBounds(config: unknown): void {
  interface Node {
    value: object;
    path: string;
    key: string;
    depth: number;
  }
  const stack: Node[] = [];
  const visit = (value: unknown, path: () => string, key: string, depth: number): void => {
    if (typeof value === 'number') {
      checkConfigNumber(value, path, key);
    } else if (typeof value === 'object' && value !== null) {
      const p = path();
      if (depth > MAX_CONFIG_DEPTH) throw new InputError(p, `the config is nested more than ${MAX_CONFIG_DEPTH} levels deep (at ${p})`);
      stack.push({ value, path: p, key, depth });
    }
  };
  visit(config, () => 'config', '', 0);
  while (stack.length > 0) {
    const { value, path, key, depth } = stack.pop() as Node;
    const prefix = path === 'config' ? '' : path;
    if (Array.isArray(value)) {
      // Elements inherit the array's key: mlp_only_layers: [0, 2] is checked as layers.
      value.forEach((v: unknown, i: number) => visit(v, () => `${prefix}[${i}]`, key, depth + 1));
    } else {
      for (const [k, v] of Object.entries(value)) visit(v, () => (prefix === '' ? k : `${prefix}.${k}`), k, depth + 1);
    }
  }
}

function checkConfigNumber(value: number, path: () => string, key: string): void {
  if (!Number.isFinite(value)) {
    const name = path();
    throw new InputError(name, `${name} is not a finite number`);
  }
  const kind = Object.hasOwn(CONFIG_KEY_KINDS, key) ? CONFIG_KEY_KINDS[key] : undefined;
  if (kind !== undefined && value !== 0 && !inBound(value, kind)) {
    const name = path();
    throw new InputError(name, `${boundMessage(name, kind)}, got ${formatBound(value)}`);
  }
}
