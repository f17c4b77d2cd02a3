/**
 * The one set of defaults behind every answer the site gives to a serving or training
 * question: the CLI, the playground, the chapters' calculators and the worked cases all
 * start from these, and every result carries them (see `describeServingAssumptions`), so
 * a reader always sees which convention a number rests on. A chapter that deliberately
 * uses another convention (the article's full-attention prefill, say) says so next to
 * the number and links here.
 */
import type { Dtype } from '../dtypes';
import type { MemoryReading } from '../gpu/gpu';
import { CALIBRATION, type LatencyCalibration } from '../latency/calibration';
import type { ModelSpec } from '../model/spec';
import type { WeightQuantization } from '../serving/quantization';
import type { ZeroStage } from '../training/memory';
import type { RecomputeMode } from '../training/activations';
import type { AttentionConvention } from '../training/compute';
import type { TrainingPrecision } from '../training/perGpu';

export type AttentionMode = 'causal' | 'full';

/** Assumptions of a serving question, each editable. */
export interface ServingAssumptions {
  /** Which score FLOPs a prefill counts: 'causal' (what kernels do) or 'full' (the article's 4·L·H·S'). */
  attention: AttentionMode;
  /** How a GPU's memory is read (see MemoryReading). */
  memoryReading: MemoryReading;
  /** u: the share of each GPU's memory a server lets itself use (vLLM's gpu_memory_utilization). */
  utilization: number;
  /**
   * Tokens in the largest forward pass whose activations must fit beside the weights and
   * caches; null: one prompt of the workload's input length.
   */
  activationTokens: number | null;
  /** The latency model's efficiencies and fixed costs. */
  calibration: LatencyCalibration;
  /** Peak FLOP/s per GPU to use instead of the datasheet's for the weights' data type; null: datasheet. */
  peakFlopsPerSecond: number | null;
}

export const SERVING_DEFAULTS: Readonly<ServingAssumptions> = {
  attention: 'causal',
  memoryReading: 'runtime',
  utilization: 0.9,
  activationTokens: null,
  calibration: CALIBRATION,
  peakFlopsPerSecond: null,
};

/**
 * How a server allocates KV-cache memory: 'reserved', every request keeps a slot of its
 * S + O tokens from admission to its end (the course's plain answer); 'paged', blocks of b
 * tokens handed out as the request grows (vLLM's PagedAttention).
 */
export type KvAllocation = 'reserved' | 'paged';

/** A prompt prefix shared by requests (a system prompt), and the share of requests that find it cached. */
export interface PrefixCacheOption {
  /** S_pre: shared prefix tokens (≤ the prompt). */
  prefixTokens: number;
  /** r_hit: share of requests whose prefix is in the cache, 0 to 1. */
  hitRate: number;
}

/** Speculative decoding with a draft model on the same GPUs. */
export interface SpeculativeOption {
  /** The draft model (same tokenizer as the target). */
  draft: ModelSpec;
  /** γ: tokens drafted per pass. */
  draftTokens: number;
  /** α: probability that a drafted token is accepted. */
  acceptance: number;
}

/**
 * Serving techniques, each changing an answer of the scenario engine; every one is off by
 * default, so a question without them gets the plain answer (and every result the site
 * showed before they existed is unchanged).
 */
export interface ServingTechniques {
  kvAllocation: KvAllocation;
  /** b: tokens per KV block when paged, and the granularity of prefix-cache hits. */
  kvBlockTokens: number;
  /** A shared, cached prompt prefix; null: none. */
  prefixCache: PrefixCacheOption | null;
  /** Prompt tokens prefilled per step beside the decodes (Sarathi's chunk); null: a prompt in one step. */
  prefillChunkTokens: number | null;
  /** Speculative decoding; null: none. */
  speculative: SpeculativeOption | null;
  /** The scale layout of an 8- or 4-bit checkpoint (scales, 16-bit embeddings and head); null: N·s bytes. */
  weightQuantization: WeightQuantization | null;
}

export const SERVING_TECHNIQUES: Readonly<ServingTechniques> = {
  kvAllocation: 'reserved',
  // vLLM's default block size on GPUs.
  kvBlockTokens: 16,
  prefixCache: null,
  prefillChunkTokens: null,
  speculative: null,
  weightQuantization: null,
};

/** The weights' data type when none is given. */
export const DEFAULT_WEIGHT_DTYPE: Dtype = 'bf16';

/**
 * The KV cache's data type when none is given: the weights' for 16- and 8-bit floats,
 * bf16 under weight-only integer quantization (int8/int4 weights, 16-bit activations).
 * @example defaultKvDtype('fp8') //=> 'fp8'
 * @example defaultKvDtype('int4') //=> 'bf16'
 */
export function defaultKvDtype(weightDtype: Dtype): Dtype {
  if (weightDtype === 'int8' || weightDtype === 'int4') return 'bf16';
  if (weightDtype === 'tf32') return 'fp32';
  return weightDtype;
}

/** Assumptions of a training question, each editable. */
export interface TrainingAssumptions {
  /** Which attention FLOPs MFU counts: 'none' (6N, the headline convention), 'causal' or 'full' (PaLM). */
  attention: AttentionConvention;
  /** How weights, gradients and optimizer state are stored. */
  precision: TrainingPrecision;
  /** Activation memory: 'flash' (term by term, FlashAttention, no dropout) or 'korthikanti' (GPT-3 block, the paper's closed form). */
  activationCount: 'flash' | 'korthikanti';
  /** How a GPU's memory is read. */
  memoryReading: MemoryReading;
  /** Share of each GPU's memory the job may use. */
  utilization: number;
  /** Peak FLOP/s per GPU to use instead of the datasheet's; null: datasheet. */
  peakFlopsPerSecond: number | null;
}

export const TRAINING_DEFAULTS: Readonly<TrainingAssumptions> = {
  attention: 'none',
  precision: 'adam16',
  activationCount: 'flash',
  memoryReading: 'runtime',
  utilization: 1,
  peakFlopsPerSecond: null,
};

/** A parallel layout when none is given: pure data parallelism, ZeRO-1, no recomputation. */
export interface ParallelAssumptions {
  tp: number;
  pp: number;
  cp: number;
  ep: number;
  /** Sequence parallelism alongside tensor parallelism. */
  sp: boolean;
  zero: ZeroStage;
  recompute: RecomputeMode;
  /** Sequences per micro-batch, b. */
  microBatch: number;
}

export const PARALLEL_DEFAULTS: Readonly<ParallelAssumptions> = {
  tp: 1,
  pp: 1,
  cp: 1,
  ep: 1,
  sp: true,
  zero: 1,
  recompute: 'none',
  microBatch: 1,
};
