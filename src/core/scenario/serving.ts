/**
 * A serving question answered in one place: a model on G tensor-parallel GPUs, B requests
 * of S prompt and O output tokens → memory (weights, KV cache, activations, what fits),
 * latency (TTFT, TPOT, each split into compute, memory, communication and fixed parts)
 * and throughput (the batch as given, continuous batching at B users, and at the memory
 * limit). The CLI's `inference`, the playground, every calculator that sizes a deployment
 * and the worked cases call this, so one question has one number everywhere.
 *
 * Conventions: the defaults in ./defaults.ts (causal attention, the runtime's memory
 * reading, 90% of it usable, the calibrated efficiencies), each overridable and each
 * returned with the result. Static batch: the B requests arrive together, are prefilled
 * in one pass (TTFT) and decode in lock-step (TPOT is the mean over the O − 1 steps).
 *
 * Serving techniques (`techniques`, defaults in ./defaults.ts, every one off by default so
 * that a plain question gets the plain answer): a paged KV cache (changes how many requests
 * fit), a shared prompt prefix with a hit rate (changes TTFT and, paged, the KV memory),
 * chunked prefill (changes the time to first token and the worst gap between tokens under
 * continuous batching), speculative decoding with a draft model (changes TPOT, memory and
 * throughput) and a quantized checkpoint's scale layout (changes the weight bytes). Each is
 * built from the same step costs, never from a second formula; see ../serving/*.
 */
import { bytesPerElement, isDtype, DTYPES, type Dtype } from '../dtypes';
import { checkBound } from '../bounds';
import { forwardFlops, windowedLayers, type AttentionMode } from '../flops/flops';
import { gpuMemoryBytes, memoryReadingUsed, type PeakDtype } from '../gpu/gpu';
import type { GpuSpec } from '../gpu/spec';
import { allReduceLatencySeconds, matmulEfficiency, type LatencyCalibration } from '../latency/calibration';
import {
  continuousBatching,
  stepTime,
  sumPiecewiseAffine,
  sumStepSeconds,
  type ContinuousBatching,
  type StepCost,
  type StepHardware,
  type StepTime,
} from '../latency/step';
import { inferenceActivationBytes, kvCacheBytes, kvCacheBytesPerToken, weightsBytes } from '../memory/memory';
import { elementwiseActivationBytes, forwardActivationBytes } from '../memory/traffic';
import { checkSpec, type ModelSpec } from '../model/spec';
import { activeParams, countParams } from '../params/params';
import { lastChunkTokens, prefillChunks } from '../serving/chunkedPrefill';
import { blocksFor, kvBlockBytesOf, kvBlocksThatFit, meanBlocksInFlight, pagedConcurrency } from '../serving/paged';
import { expectedOverHits, prefixCachedTokens } from '../serving/prefixCache';
import { isQuantizedDtype, quantizedWeights, type QuantizedWeights, type WeightQuantization } from '../serving/quantization';
import { costCoefficient, passSecondsPerToken, speculativeExpectedTokens, speculativeSpeedup } from '../serving/speculative';
import { decodeGapSeconds } from '../serving/chunkedPrefill';
import { InputError, formatBytes, formatInteger } from '../units';
import { DEFAULT_WEIGHT_DTYPE, SERVING_DEFAULTS, SERVING_TECHNIQUES, defaultKvDtype, type ServingAssumptions, type ServingTechniques } from './defaults';
import { warning, type Warning } from './warnings';

export interface ServingInput {
  model: ModelSpec;
  gpu: GpuSpec;
  /** G: GPUs of one replica, tensor parallel. */
  gpus: number;
  /** B: requests served together. */
  batch: number;
  /** S: prompt tokens per request. */
  inputTokens: number;
  /** O: output tokens per request (the first comes from the prefill). */
  outputTokens: number;
  weightDtype?: Dtype;
  /** Default: the weights' type for floats, bf16 under weight-only int8/int4. */
  kvDtype?: Dtype;
  assumptions?: Partial<ServingAssumptions>;
  /** Serving techniques (paged KV cache, prefix cache, chunked prefill, speculative decoding, quantized checkpoint); all off by default. */
  techniques?: Partial<ServingTechniques>;
}

/** The hardware figures the answer used, after defaults and fallbacks. */
export interface ServingHardware {
  /** Peak FLOP/s per GPU of the weight matmuls, and the data type it is quoted for. */
  matmulPeakFlopsPerSecond: number;
  matmulPeakDtype: PeakDtype;
  /** Peak FLOP/s per GPU of attention (16-bit). */
  attentionPeakFlopsPerSecond: number;
  memoryBandwidth: number;
  /** Per direction, B/s; null on one GPU. */
  linkBandwidthPerDirection: number | null;
  /** 'nvlink', 'pcie', …: which link the all-reduces use. */
  link: string;
  allReduceLatencySeconds: number;
  /** M: one GPU's memory under the chosen reading. */
  memoryPerGpuBytes: number;
  /** Which figure M really is ('runtime', 'nvidia-smi', 'GiB', 'GB'). */
  memoryReadingUsed: string;
}

export interface ServingMemory {
  weightsBytes: number;
  /** KV bytes one token adds across all layers before any window applies. */
  kvBytesPerToken: number;
  /** KV cache of one request at S + O tokens (sliding windows and MLA applied). */
  kvCacheBytesPerRequest: number;
  /** B requests' KV caches. */
  kvCacheBytes: number;
  /** Activations of the largest forward pass, summed over the G GPUs. */
  activationBytes: number;
  /** G·M: what the GPUs hold. */
  memoryBytes: number;
  /** G·M·u: what the server lets itself use. */
  usableBytes: number;
  /** G·M·u − weights − activations. */
  kvBudgetBytes: number;
  /** Weights + B caches + activations. */
  totalBytes: number;
  /** usableBytes − totalBytes (negative: over). */
  headroomBytes: number;
  /** The B requests fit. */
  fits: boolean;
  /**
   * Requests whose caches fit at once: reserved, ⌊budget / cache per request⌋ (each holds
   * S + O tokens from admission); paged, the blocks over what a request holds in flight.
   */
  maxConcurrency: number;
  /** The paged cache's blocks, when the KV cache is paged; null when each request reserves S + O. */
  paging: PagedMemory | null;
  /** Weights of a speculative draft model kept beside the target's (0 without one). */
  draftWeightsBytes: number;
  /** The draft model's KV cache per request at S + O tokens (0 without one). */
  draftKvBytesPerRequest: number;
  /** The quantized checkpoint's make-up, when a scale layout was given for 8- or 4-bit weights; else null. */
  quantized: QuantizedWeights | null;
}

/** A paged KV cache as servingMemory sizes it. */
export interface PagedMemory {
  /** b: tokens per block. */
  blockTokens: number;
  /** M_blk: bytes of one block (target and draft caches together). */
  blockBytes: number;
  /** N_blk: blocks that fit in the budget. */
  blocks: number;
  /** ⌈(S + O)/b⌉: blocks of one request at its last token. */
  blocksPerRequest: number;
  /** n̄: blocks a request holds on average while in flight. */
  meanBlocksInFlight: number;
  /** n_p: blocks of the cached prefix, held once and shared by the requests that hit it. */
  prefixBlocks: number;
  /** r_hit: the share of requests that hit the prefix. */
  hitRate: number;
}

export interface ServingResult {
  model: string;
  gpu: string;
  gpus: number;
  batch: number;
  inputTokens: number;
  outputTokens: number;
  weightDtype: Dtype;
  kvDtype: Dtype;
  assumptions: ServingAssumptions;
  hardware: ServingHardware;
  /** The step model's hardware figures (for derivations and sweeps). */
  stepHardware: StepHardware;
  memory: ServingMemory;
  prefillFlops: number;
  /** The prefill of the B prompts together: what it does, and how long it takes. */
  prefillCost: StepCost;
  prefill: StepTime;
  /** What the last decode step does. */
  decodeLastCost: StepCost;
  /** The first and last decode steps (contexts S + 1 and S + O − 1). */
  decodeFirst: StepTime;
  decodeLast: StepTime;
  /** Seconds to the first token with the B requests prefilled together. */
  ttftSeconds: number;
  /** Mean seconds per output token over the O − 1 decode steps (one step when O = 1). */
  tpotSeconds: number;
  /** TTFT + (O − 1)·TPOT: the whole batch. */
  totalSeconds: number;
  /** B·O / totalSeconds. */
  outputTokensPerSecond: number;
  /** B / TPOT: tokens per second while decoding. */
  decodeTokensPerSecond: number;
  /** B users in a closed loop with continuous batching; null when no request fits. */
  continuous: ContinuousBatching | null;
  /** As many users as memory allows; null when no request fits. */
  atMaxConcurrency: ContinuousBatching | null;
  /** The techniques used, after defaults. */
  techniques: ServingTechniques;
  /** The prefix cache's effect on prefill; null without a shared prefix. */
  prefixCache: PrefixCacheResult | null;
  /** Chunked prefill under continuous batching at B users; null without chunking. */
  chunkedPrefill: ChunkedPrefillResult | null;
  /** Speculative decoding's passes; null without a draft model. */
  speculative: SpeculativeResult | null;
  warnings: Warning[];
}

/** What a shared, cached prompt prefix does to prefill. */
export interface PrefixCacheResult {
  prefixTokens: number;
  /** S_hit: prompt tokens a hit skips (whole blocks, never the last token). */
  cachedTokens: number;
  hitRate: number;
  /** The batch's prefill when every prompt hits: S − S_hit new tokens over S. */
  hitCost: StepCost;
  hit: StepTime;
  /** The batch's prefill when every prompt misses (the plain prefill). */
  miss: StepTime;
  /** r·F_hit + (1 − r)·F_miss. */
  expectedPrefillFlops: number;
  /** r·T_hit + (1 − r)·T_miss: the time to first token of the static batch. */
  expectedTtftSeconds: number;
}

/** Chunked prefill at a steady state of B users under continuous batching. */
export interface ChunkedPrefillResult {
  /** S_chunk. */
  chunkTokens: number;
  /** n: chunks of a prompt that misses the prefix cache (fewer for a hit). */
  chunks: number;
  /** Users in the steady state (B), and the others decoding while one request prefills (B − 1). */
  concurrency: number;
  decodingRequests: number;
  /** T_d: a decode step of the others, seconds (0 when no one else decodes). */
  decodeStepSeconds: number;
  /** T̄_hyb: the mean step carrying a chunk. */
  meanHybridStepSeconds: number;
  /** Σ_k T_hyb,k: time to first token before any queueing. */
  ttftSeconds: number;
  /** The same prompt in one step (no chunks), as the steady state times it. */
  unchunkedTtftSeconds: number;
  /** ΔT with chunks: the most one step adds to the others' decode step. */
  chunkedExtraSeconds: number;
  /** ΔT without chunks: the whole prefill beside the decodes (the engine's marginal prefill). */
  unchunkedExtraSeconds: number;
  /** The worst gap between two output tokens of a running request, with and without chunks. */
  maxGapSeconds: number;
  maxGapUnchunkedSeconds: number;
  /** Prefill work per request added to the others' decode time: Σ_k (T_hyb,k − T_d). */
  marginalSeconds: number;
}

/** Speculative decoding, each step timed by the engine. */
export interface SpeculativeResult {
  draft: string;
  /** γ. */
  draftTokens: number;
  /** α. */
  acceptance: number;
  /** E = (1 − α^{γ+1})/(1 − α). */
  expectedTokens: number;
  /** t_draft: the draft model's decode step for the batch, mean over the contexts, seconds. */
  draftStepSeconds: number;
  /** t_target: the target's decode step (one token per sequence), mean, seconds. */
  targetStepSeconds: number;
  /** t_verify: the target's step over γ + 1 tokens per sequence, mean, seconds. */
  verifySeconds: number;
  /** B·(γ + 1): tokens a verification pass carries. */
  verifyTokens: number;
  /** c = t_draft / t_target. */
  costCoefficient: number;
  /** (γ·t_draft + t_verify)/E. */
  tpotSeconds: number;
  /** t_target / TPOT_spec: the engine's speedup of the decode. */
  speedup: number;
  /** Leviathan et al.'s Theorem 3.8 with the engine's c (verification assumed as cheap as a decode step). */
  theoremSpeedup: number;
  /** The draft's own prefill of the batch's prompts, added to the time to first token. */
  draftPrefillSeconds: number;
  draftWeightsBytes: number;
}

/**
 * The tensor-core rate a weight type computes at, and whether the part lacked it: fp8 on fp8
 * tensor cores where the part has them (else the 16-bit rate, weight-only), 16-bit types at
 * their own, tf32/fp32 at tf32 (or fp32), int8 and int4 weight-only at the 16-bit rate.
 * @example matmulPeakDtype(getGpu('a800-sxm-80gb'), 'fp8') //=> { dtype: 'bf16', fallback: true }
 */
export function matmulPeakDtype(gpu: GpuSpec, dtype: Dtype): { dtype: PeakDtype; fallback: boolean } {
  const sixteen: PeakDtype = gpu.datasheet.bf16 !== null ? 'bf16' : 'fp16';
  switch (dtype) {
    case 'fp8':
      return gpu.datasheet.fp8 !== null ? { dtype: 'fp8', fallback: false } : { dtype: sixteen, fallback: true };
    case 'fp16':
      return gpu.datasheet.fp16 !== null ? { dtype: 'fp16', fallback: false } : { dtype: sixteen, fallback: true };
    case 'bf16':
      return { dtype: sixteen, fallback: sixteen !== 'bf16' };
    case 'fp32':
    case 'tf32':
      return gpu.datasheet.tf32 !== null ? { dtype: 'tf32', fallback: false } : { dtype: 'fp32', fallback: false };
    default:
      // Weight-only int8/int4: dequantized to 16 bits before the matmul.
      return { dtype: sixteen, fallback: false };
  }
}

function peakOf(gpu: GpuSpec, dtype: PeakDtype): number {
  const value = gpu.datasheet[dtype];
  if (value === null || !(value > 0)) throw new InputError('gpu', `${gpu.name} has no ${dtype} peak in the table: pass a peak FLOP/s`);
  return value;
}

/**
 * PCIe bandwidth per direction for an x16 slot of the part's generation, B/s (Gen3 16 GB/s,
 * Gen4 32, Gen5 64, Gen6 128): what tensor parallelism falls back to without NVLink.
 * @example pcieBandwidthPerDirection(getGpu('l40s')) //=> 32000000000
 */
export function pcieBandwidthPerDirection(gpu: GpuSpec): number {
  const gen = /Gen\s*(\d)/i.exec(gpu.pcie);
  const n = gen ? Number(gen[1]) : 4;
  return 2 ** (n - 3) * 16e9;
}

function parseDtype(value: string, field: string): Dtype {
  if (!isDtype(value)) throw new InputError(field, `${field} must be one of ${DTYPES.join(', ')}, got "${value}"`);
  return value;
}

/** The assumptions with defaults filled in and each value checked. */
export function resolveServingAssumptions(overrides: Partial<ServingAssumptions> = {}): ServingAssumptions {
  const a: ServingAssumptions = { ...SERVING_DEFAULTS, ...overrides, calibration: { ...SERVING_DEFAULTS.calibration, ...overrides.calibration } };
  if (a.attention !== 'causal' && a.attention !== 'full') throw new InputError('attention', 'attention must be causal or full');
  checkBound(a.utilization, 'fraction', 'utilization', 'Usable fraction u');
  if (a.activationTokens !== null) checkBound(a.activationTokens, 'sequence', 'activationTokens', 'Tokens in the largest forward pass');
  if (a.peakFlopsPerSecond !== null) checkBound(a.peakFlopsPerSecond, 'flopsPerSecond', 'peakFlopsPerSecond', 'Peak FLOP/s per GPU');
  const c = a.calibration;
  checkBound(c.computeEfficiency, 'fraction', 'computeEfficiency', 'Compute efficiency');
  checkBound(c.fp8ComputeEfficiency, 'fraction', 'fp8ComputeEfficiency', 'FP8 compute efficiency');
  checkBound(c.memoryEfficiency, 'fraction', 'memoryEfficiency', 'Memory efficiency');
  checkBound(c.kvEfficiency, 'fraction', 'kvEfficiency', 'KV-read efficiency');
  checkBound(c.linkEfficiency, 'fraction', 'linkEfficiency', 'Link efficiency');
  if (c.allReduceLatencySeconds !== null) checkBound(c.allReduceLatencySeconds, 'seconds', 'allReduceLatencySeconds', 'All-reduce latency');
  checkBound(c.stepOverheadSeconds, 'seconds', 'stepOverheadSeconds', 'Overhead per step');
  checkBound(c.layerOverheadSeconds, 'seconds', 'layerOverheadSeconds', 'Overhead per layer');
  return a;
}

/**
 * The techniques with defaults filled in and each value checked; throws InputError naming
 * the field (kvBlockTokens, prefixTokens, hitRate, prefillChunkTokens, draftTokens,
 * acceptance, draft, groupSize, scaleBits) for a value out of its range.
 */
export function resolveServingTechniques(overrides: Partial<ServingTechniques> = {}): ServingTechniques {
  const t: ServingTechniques = { ...SERVING_TECHNIQUES, ...overrides };
  if (t.kvAllocation !== 'reserved' && t.kvAllocation !== 'paged') throw new InputError('kvAllocation', 'the KV allocation must be reserved or paged');
  checkBound(t.kvBlockTokens, 'sequence', 'kvBlockTokens', 'Tokens per KV block');
  if (t.prefixCache !== null) {
    checkBound(t.prefixCache.prefixTokens, 'sequence', 'prefixTokens', 'Shared prefix tokens');
    const h = t.prefixCache.hitRate;
    if (!(Number.isFinite(h) && h >= 0 && h <= 1)) throw new InputError('hitRate', 'the prefix hit rate must be from 0 to 1 (a share of requests)');
  }
  if (t.prefillChunkTokens !== null) checkBound(t.prefillChunkTokens, 'sequence', 'prefillChunkTokens', 'Tokens per prefill chunk');
  if (t.speculative !== null) {
    const sp = t.speculative;
    checkSpec(sp.draft);
    if (!(Number.isInteger(sp.draftTokens) && sp.draftTokens >= 1 && sp.draftTokens <= 1000)) {
      throw new InputError('draftTokens', 'the draft length γ must be a whole number from 1 to 1,000 (engines draft 1 to about 10)');
    }
    if (!(sp.acceptance > 0 && sp.acceptance <= 1)) throw new InputError('acceptance', 'the acceptance rate α must be greater than 0 and at most 1');
  }
  if (t.weightQuantization !== null) {
    const g = t.weightQuantization.granularity;
    if (typeof g === 'number' && !(Number.isInteger(g) && g >= 1 && g <= 1e9))
      throw new InputError('groupSize', 'the group size g must be a whole number of weights from 1 to 1,000,000,000');
    if (typeof g === 'string' && g !== 'tensor' && g !== 'channel')
      throw new InputError('groupSize', 'scales are per tensor, per channel or per group of g weights');
    const b = t.weightQuantization.scaleBits;
    if (!(Number.isFinite(b) && b >= 0 && b <= 128)) throw new InputError('scaleBits', 'scale bits per group must be from 0 to 128');
  }
  return t;
}

/** What a memory question needs: the model, the GPUs, and the requests. */
export interface ServingMemoryInput {
  model: ModelSpec;
  gpu: GpuSpec;
  gpus: number;
  /** Requests held at once. */
  batch: number;
  /** Tokens cached per request, S + O. */
  contextTokens: number;
  /** Tokens in the largest forward pass whose activations must fit. */
  activationTokens: number;
  weightDtype: Dtype;
  kvDtype: Dtype;
  memoryReading: ServingAssumptions['memoryReading'];
  utilization: number;
  /** Scale layout of a quantized checkpoint (8- and 4-bit weights); absent or null: N·s. */
  weightQuantization?: WeightQuantization | null;
  /**
   * A paged KV cache: blocks of b tokens, requests spread over their output (S of the S + O
   * tokens are the prompt), and a cached prefix of whole blocks shared by a share of them.
   * Absent or null: each request reserves S + O tokens.
   */
  paging?: { blockTokens: number; promptTokens: number; prefixTokens: number; hitRate: number } | null;
  /** A speculative draft model held beside the target: its weights and its KV cache. */
  draft?: ModelSpec | null;
}

/**
 * Serving memory: weights, B KV caches of S + O tokens, the largest pass's activations,
 * against G·M·u, and how many requests fit; with the warnings when nothing or not all fit.
 * The one place a "how many requests fit" is computed: reserved (every request holds S + O
 * tokens from admission, the default) or paged (blocks of b tokens, each request holding
 * what it has generated so far, a cached prefix held once).
 * @example servingMemory({ model: getPreset('llama-2-70b').spec, gpu: getGpu('a800-sxm-80gb'), gpus: 2, batch: 1, contextTokens: 4000, activationTokens: 4000, weightDtype: 'fp16', kvDtype: 'fp16', memoryReading: 'runtime', utilization: 0.9 }).memory.maxConcurrency //=> 10
 */
export function servingMemory(p: ServingMemoryInput): { memory: ServingMemory; warnings: Warning[] } {
  const { model: spec, gpu } = p;
  const G = checkBound(p.gpus, 'gpus', 'gpus', 'GPUs G');
  const B = checkBound(p.batch, 'batch', 'batch', 'Requests B');
  const context = checkBound(p.contextTokens, 'sequence', 'contextTokens', 'Tokens per request');
  checkBound(p.activationTokens, 'sequence', 'activationTokens', 'Tokens in the largest forward pass');
  checkBound(p.utilization, 'fraction', 'utilization', 'Usable fraction u');
  const warnings: Warning[] = [];
  const kvb = bytesPerElement(p.kvDtype);
  const quantized = p.weightQuantization && isQuantizedDtype(p.weightDtype) ? quantizedWeights(spec, p.weightDtype, p.weightQuantization) : null;
  const weightsOf = (model: ModelSpec) =>
    p.weightQuantization && isQuantizedDtype(p.weightDtype)
      ? quantizedWeights(model, p.weightDtype, p.weightQuantization).bytes
      : weightsBytes(model, bytesPerElement(p.weightDtype));
  const weights = quantized ? quantized.bytes : weightsBytes(spec, bytesPerElement(p.weightDtype));
  const draft = p.draft ?? null;
  const draftWeights = draft ? weightsOf(draft) : 0;
  const kvPerRequest = kvCacheBytes(spec, context, kvb);
  const draftKvPerRequest = draft ? kvCacheBytes(draft, context, kvb) : 0;
  const act = inferenceActivationBytes({ spec, batch: 1, newTokens: p.activationTokens, bytesPerElement: 2, logits: 'last' });
  // Under tensor parallelism each GPU keeps the residual stream; the layer's working set and the logits are split.
  const activations = G * act.residual + act.layerWorkingSet + act.logits;
  const memoryBytes = G * gpuMemoryBytes(gpu, p.memoryReading);
  const usable = memoryBytes * p.utilization;
  const kvBudget = usable - weights - draftWeights - activations;
  const perRequest = kvPerRequest + draftKvPerRequest;
  let maxConcurrency = kvBudget > 0 && perRequest > 0 ? Math.floor(kvBudget / perRequest) : 0;
  let kvBatchBytes = B * perRequest;
  let paging: PagedMemory | null = null;
  if (p.paging) {
    const b = checkBound(p.paging.blockTokens, 'sequence', 'kvBlockTokens', 'Tokens per KV block');
    const S = p.paging.promptTokens;
    const O = context - S;
    if (!(Number.isInteger(S) && S >= 1 && O >= 1)) throw new InputError('promptTokens', 'a paged request needs at least one prompt and one output token');
    const blockBytes = kvBlockBytesOf(spec, b, kvb) + (draft ? kvBlockBytesOf(draft, b, kvb) : 0);
    const blocks = kvBlocksThatFit(kvBudget, blockBytes);
    const prefixBlocks = p.paging.prefixTokens / b;
    if (!Number.isInteger(prefixBlocks)) throw new InputError('prefixTokens', 'a cached prefix is a whole number of blocks');
    const hitRate = p.paging.hitRate;
    const meanBlocks = meanBlocksInFlight({ promptTokens: S, outputTokens: O, blockTokens: b });
    const blocksPerRequest = blocksFor(context, b);
    maxConcurrency = pagedConcurrency({ blocks, sharedBlocks: prefixBlocks, meanBlocks, hitRate });
    // The static batch reaches S + O together: every request at its last block, the prefix held once.
    kvBatchBytes = (B * (blocksPerRequest - hitRate * prefixBlocks) + prefixBlocks) * blockBytes;
    paging = { blockTokens: b, blockBytes, blocks, blocksPerRequest, meanBlocksInFlight: meanBlocks, prefixBlocks, hitRate };
  }
  const totalBytes = weights + draftWeights + kvBatchBytes + activations;
  const memory: ServingMemory = {
    weightsBytes: weights,
    kvBytesPerToken: kvCacheBytesPerToken(spec, kvb),
    kvCacheBytesPerRequest: kvPerRequest,
    kvCacheBytes: kvBatchBytes,
    activationBytes: activations,
    memoryBytes,
    usableBytes: usable,
    kvBudgetBytes: kvBudget,
    totalBytes,
    headroomBytes: usable - totalBytes,
    fits: totalBytes <= usable,
    maxConcurrency,
    paging,
    draftWeightsBytes: draftWeights,
    draftKvBytesPerRequest: draftKvPerRequest,
    quantized,
  };
  if (weights + draftWeights + activations > usable) {
    warnings.push(
      warning(
        'weights-do-not-fit',
        `The weights (${formatBytes(weights + draftWeights)}) and one prefill's activations (${formatBytes(activations)}) need more than the ${formatBytes(usable)} usable on ${formatInteger(G)} × ${gpu.name}: the model does not fit, so every latency figure is hypothetical. Add GPUs or store the weights in fewer bytes.`,
        'gpus',
      ),
    );
  } else if (maxConcurrency === 0) {
    warnings.push(
      warning(
        'no-request-fits',
        `Not one request of ${formatInteger(context)} tokens fits: its KV cache (${formatBytes(perRequest)}) is larger than the ${formatBytes(kvBudget)} left beside the weights. Latency figures are hypothetical.`,
        'inputTokens',
      ),
    );
  } else if (paging ? !memory.fits : B > maxConcurrency) {
    // Paged, the static batch reaches its last token together: ⌈(S + O)/b⌉ blocks each.
    const fitNow = paging
      ? pagedConcurrency({ blocks: paging.blocks, sharedBlocks: paging.prefixBlocks, meanBlocks: paging.blocksPerRequest, hitRate: paging.hitRate })
      : maxConcurrency;
    warnings.push(
      warning(
        'batch-does-not-fit',
        `Only ${formatInteger(fitNow)} of the ${formatInteger(B)} requests fit at once (${formatBytes(perRequest)} of KV cache each, ${formatBytes(kvBudget)} free): the batch as given cannot run, so its latency is hypothetical; continuous batching queues the rest.`,
        'batch',
      ),
    );
  }
  return { memory, warnings };
}

/** Two step costs run as one step: their work adds, the weights are read once. */
function combineCosts(a: StepCost, b: StepCost): StepCost {
  return {
    matmulFlops: a.matmulFlops + b.matmulFlops,
    attentionFlops: a.attentionFlops + b.attentionFlops,
    weightBytes: Math.max(a.weightBytes, b.weightBytes),
    activationBytes: a.activationBytes + b.activationBytes,
    elementwiseBytes: a.elementwiseBytes + b.elementwiseBytes,
    kvBytes: a.kvBytes + b.kvBytes,
    tokens: a.tokens + b.tokens,
  };
}

/** A step that does nothing (no request decoding). */
const NO_STEP: StepCost = { matmulFlops: 0, attentionFlops: 0, weightBytes: 0, activationBytes: 0, elementwiseBytes: 0, kvBytes: 0, tokens: 0 };

/** One model's step costs on the replica: prefills, decode steps and verification passes. */
interface ModelSteps {
  spec: ModelSpec;
  hw: StepHardware;
  weights: number;
  /** B prompts of `newTokens` new tokens each over a context of `context` (a prefix hit: S − S_hit over S). */
  prefill(batch: number, newTokens: number, context: number): StepCost;
  /** B sequences, `newTokens` new tokens each (1 for decode, γ + 1 to verify), over a context of `context`. */
  decode(batch: number, newTokens: number, context: number): StepCost;
  /** A decode step of `batch` requests spread over the contexts S + 1 … S + O − 1 (mean KV and attention). */
  decodeMean(batch: number, newTokens: number): StepCost;
  /** Where a decode step's cost changes slope (a sliding window filling up). */
  breakpoints: number[];
}

function modelSteps(spec: ModelSpec, hw: StepHardware, weights: number, kvb: number, attention: AttentionMode, S: number, steps: number): ModelSteps {
  const actBytes = (tokens: number, logitTokens: number) => forwardActivationBytes(spec, { tokens, logitTokens, bytesPerElement: 2 });
  // The same step is asked for more than once (a sum's ends, a regime's edges): count its FLOPs once.
  const seen = new Map<string, StepCost>();
  const cost = (batch: number, newTokens: number, context: number, mode: AttentionMode, logits: 'last' | 'all'): StepCost => {
    const key = `${batch}|${newTokens}|${context}|${mode}|${logits}`;
    const hit = seen.get(key);
    if (hit !== undefined) return hit;
    const c = countStep(batch, newTokens, context, mode, logits);
    if (seen.size < 4096) seen.set(key, c);
    return c;
  };
  const countStep = (batch: number, newTokens: number, context: number, mode: AttentionMode, logits: 'last' | 'all'): StepCost => {
    const f = forwardFlops({ spec, batch, newTokens, contextTokens: context, attention: mode, logits });
    const att = f.components.scores + f.components.av;
    const tokens = batch * newTokens;
    return {
      matmulFlops: f.total - att,
      attentionFlops: att,
      weightBytes: weights,
      activationBytes: actBytes(tokens, logits === 'last' ? batch : tokens),
      elementwiseBytes: elementwiseActivationBytes(spec, { tokens, bytesPerElement: 2 }),
      kvBytes: batch * kvCacheBytes(spec, context, kvb),
      tokens,
    };
  };
  const breakpoints = spec.slidingWindow && windowedLayers(spec) > 0 ? [spec.slidingWindow.size] : [];
  const decode = (batch: number, newTokens: number, context: number) => cost(batch, newTokens, context, 'causal', newTokens === 1 ? 'last' : 'all');
  const meanOver = (f: (c: number) => number) => sumPiecewiseAffine(f, S + 1, S + steps, breakpoints) / steps;
  // One sequence's step, its attention and KV traffic averaged over the contexts S + 1 … S + O − 1: computed once per width.
  const perSequence = new Map<number, { single: StepCost; attentionFlops: number; kvBytes: number }>();
  const meanOfOne = (newTokens: number) => {
    let m = perSequence.get(newTokens);
    if (m === undefined) {
      const one = (c: number) => decode(1, newTokens, c + newTokens - 1);
      m = { single: one(S + 1), attentionFlops: meanOver((c) => one(c).attentionFlops), kvBytes: meanOver((c) => one(c).kvBytes) };
      perSequence.set(newTokens, m);
    }
    return m;
  };
  return {
    spec,
    hw,
    weights,
    prefill: (batch, newTokens, context) => cost(batch, newTokens, context, attention, 'last'),
    decode,
    decodeMean: (batch, newTokens) => {
      const { single, attentionFlops, kvBytes } = meanOfOne(newTokens);
      return {
        matmulFlops: batch * single.matmulFlops,
        attentionFlops: batch * attentionFlops,
        weightBytes: weights,
        activationBytes: batch * single.activationBytes,
        elementwiseBytes: batch * single.elementwiseBytes,
        kvBytes: batch * kvBytes,
        tokens: batch * newTokens,
      };
    },
    breakpoints,
  };
}

/** The step hardware of one model on the replica (layers and width are the model's). */
function stepHardwareFor(spec: ModelSpec, base: Omit<StepHardware, 'layers' | 'hidden'>): StepHardware {
  return { ...base, layers: spec.layers, hidden: spec.hidden };
}

/**
 * The serving question's step model: the resolved inputs, the hardware, memory, and the
 * times the answers are built from (a lone prefill, its marginal cost beside running decodes,
 * a decode step per output token at any batch, the steady state at any concurrency). The
 * scenario (servingScenario) and the questions built on it (disaggregation, sweeps) call this,
 * so every number comes from one set of step costs.
 */
export interface ServingStepModel {
  spec: ModelSpec;
  gpu: GpuSpec;
  gpus: number;
  batch: number;
  inputTokens: number;
  outputTokens: number;
  weightDtype: Dtype;
  kvDtype: Dtype;
  assumptions: ServingAssumptions;
  techniques: ServingTechniques;
  hardware: ServingHardware;
  stepHardware: StepHardware;
  memory: ServingMemory;
  warnings: Warning[];
  /** S_hit: prompt tokens a prefix hit skips (0 without a prefix cache). */
  cachedTokens: number;
  /** A lone prefill (one prompt, no decodes running), mean over hits and misses, seconds. */
  lonePrefillSeconds: number;
  /** Seconds per output token of a decode step of `batch` requests spread over their output (speculation included). */
  decodeSecondsPerToken(batch: number): number;
  /** Continuous batching with `concurrency` users in a closed loop; throws when no request fits. */
  steady(concurrency: number): ContinuousBatching;
  /** Chunked prefill at `concurrency` users; null without chunking. */
  chunked(concurrency: number): ChunkedPrefillResult | null;
  /** The internals servingScenario assembles its answer from. */
  internals: {
    target: ModelSteps;
    draft: ModelSteps | null;
    steps: number;
  };
}

/**
 * Resolves a serving question and builds its step model (see ServingStepModel). Throws
 * InputError naming the field for input it cannot answer.
 */
export function servingStepModel(input: ServingInput): ServingStepModel {
  const { model: spec, gpu } = input;
  const G = checkBound(input.gpus, 'gpus', 'gpus', 'GPUs G');
  const B = checkBound(input.batch, 'batch', 'batch', 'Requests B');
  const S = checkBound(input.inputTokens, 'sequence', 'inputTokens', 'Input tokens S');
  const O = checkBound(input.outputTokens, 'sequence', 'outputTokens', 'Output tokens O');
  checkBound(S + O, 'sequence', 'outputTokens', 'Input + output tokens');
  const weightDtype = parseDtype(input.weightDtype ?? DEFAULT_WEIGHT_DTYPE, 'weightDtype');
  const kvDtype = parseDtype(input.kvDtype ?? defaultKvDtype(weightDtype), 'kvDtype');
  const a = resolveServingAssumptions(input.assumptions);
  const t = resolveServingTechniques(input.techniques);
  const cal: LatencyCalibration = a.calibration;
  const warnings: Warning[] = [];

  // Hardware.
  const peak = matmulPeakDtype(gpu, weightDtype);
  if (peak.fallback) {
    warnings.push(
      warning('peak-dtype-fallback', `${gpu.name} has no ${weightDtype} tensor-core rate: its matmuls are timed at the ${peak.dtype} peak.`, 'weightDtype'),
    );
  }
  const sixteen: PeakDtype = gpu.datasheet.bf16 !== null ? 'bf16' : 'fp16';
  const matmulPeak = a.peakFlopsPerSecond ?? peakOf(gpu, peak.dtype);
  const attentionPeak = a.peakFlopsPerSecond ?? peakOf(gpu, peak.dtype === 'tf32' || peak.dtype === 'fp32' ? peak.dtype : sixteen);
  let link = 'none';
  let linkBandwidth = 0;
  if (G > 1) {
    if (gpu.interconnect.bandwidth !== null) {
      link = gpu.interconnect.name;
      linkBandwidth = gpu.interconnect.bandwidth / 2;
    } else {
      link = `PCIe ${gpu.pcie}`;
      linkBandwidth = pcieBandwidthPerDirection(gpu);
      warnings.push(
        warning(
          'tensor-parallel-over-pcie',
          `${gpu.name} has no GPU-to-GPU link: the all-reduces go over PCIe at ${formatBytes(linkBandwidth)}/s each way.`,
          'gpus',
        ),
      );
    }
    if (spec.heads % G !== 0) {
      warnings.push(
        warning(
          'tensor-parallel-uneven',
          `${formatInteger(G)} GPUs do not divide the ${formatInteger(spec.heads)} attention heads: real engines need G to divide h; the estimate splits the work evenly.`,
          'gpus',
        ),
      );
    }
  }
  const alpha = G > 1 ? allReduceLatencySeconds(gpu, cal) : 0;
  const baseHw: Omit<StepHardware, 'layers' | 'hidden'> = {
    gpus: G,
    matmulPeak,
    matmulEfficiency: matmulEfficiency(a.peakFlopsPerSecond === null ? peak.dtype : 'bf16', cal),
    attentionPeak,
    memoryBandwidth: gpu.memoryBandwidth,
    linkBandwidth: G > 1 ? linkBandwidth : 1,
    allReduceLatency: alpha,
    activationBytesPerElement: 2,
  };
  const hw = stepHardwareFor(spec, baseHw);

  // Techniques that change the question's shape.
  const b = t.kvBlockTokens;
  const prefix = t.prefixCache;
  if (prefix !== null && prefix.prefixTokens > S)
    throw new InputError(
      'prefixTokens',
      `the shared prefix (${formatInteger(prefix.prefixTokens)} tokens) cannot be longer than the prompt (${formatInteger(S)})`,
    );
  const cachedTokens = prefix === null ? 0 : prefixCachedTokens({ prefixTokens: prefix.prefixTokens, promptTokens: S, blockTokens: b });
  const hitRate = prefix === null ? 0 : prefix.hitRate;
  if (prefix !== null && cachedTokens === 0) {
    warnings.push(
      warning(
        'prefix-not-cached',
        `A shared prefix of ${formatInteger(prefix.prefixTokens)} tokens fills no whole block of ${formatInteger(b)} tokens below the prompt's last token: nothing is cached, and the prefill is the plain one.`,
        'prefixTokens',
      ),
    );
  }
  const spec8 = t.speculative;
  const draftSpec = spec8 === null ? null : spec8.draft;
  if (spec8 !== null && spec8.acceptance === 1) {
    warnings.push(
      warning(
        'speculation-always-accepted',
        `An acceptance rate of 100% means the draft always guesses the target's token: every pass yields γ + 1 = ${formatInteger(spec8.draftTokens + 1)} tokens, an upper bound no real draft reaches.`,
        'acceptance',
      ),
    );
  }
  if (draftSpec !== null && draftSpec.vocab !== spec.vocab) {
    warnings.push(
      warning(
        'speculation-vocabulary-mismatch',
        `The draft's vocabulary (${formatInteger(draftSpec.vocab)} tokens) differs from the target's (${formatInteger(spec.vocab)}): speculative decoding needs one tokenizer for both, so this pair cannot verify each other's tokens.`,
        'draft',
      ),
    );
  }
  if (t.prefillChunkTokens !== null && t.prefillChunkTokens >= S - cachedTokens) {
    warnings.push(
      warning(
        'chunk-exceeds-prompt',
        `A chunk of ${formatInteger(t.prefillChunkTokens)} tokens holds the whole prompt of ${formatInteger(S - cachedTokens)} uncached tokens: nothing is chunked, and the prefill runs in one step beside the decodes.`,
        'prefillChunkTokens',
      ),
    );
  }
  const quantization = t.weightQuantization !== null && isQuantizedDtype(weightDtype) ? t.weightQuantization : null;

  // Memory.
  const { memory, warnings: memoryWarnings } = servingMemory({
    model: spec,
    gpu,
    gpus: G,
    batch: B,
    contextTokens: S + O,
    activationTokens: a.activationTokens ?? S,
    weightDtype,
    kvDtype,
    memoryReading: a.memoryReading,
    utilization: a.utilization,
    weightQuantization: quantization,
    paging: t.kvAllocation === 'paged' ? { blockTokens: b, promptTokens: S, prefixTokens: cachedTokens, hitRate } : null,
    draft: draftSpec,
  });
  warnings.push(...memoryWarnings);
  const maxConcurrency = memory.maxConcurrency;
  const kvb = bytesPerElement(kvDtype);
  const contextLimit = spec.contextLength || spec.maxPositions;
  if (contextLimit > 0 && S + O > contextLimit) {
    warnings.push(
      warning(
        'context-exceeds-model',
        `${formatInteger(S + O)} tokens per request are more than the ${formatInteger(contextLimit)} this model was trained for: past that its positions are out of range, so the answers are for a model it is not.`,
        'inputTokens',
      ),
    );
  }

  // Step costs.
  const steps = Math.max(1, O - 1);
  const target = modelSteps(spec, hw, memory.weightsBytes, kvb, a.attention, S, steps);
  const draft = draftSpec === null ? null : modelSteps(draftSpec, stepHardwareFor(draftSpec, baseHw), memory.draftWeightsBytes, kvb, a.attention, S, steps);
  const time = (m: ModelSteps, c: StepCost) => stepTime(c, m.hw, cal).seconds;
  // Beside running decodes a prefill adds its compute and its all-reduce bytes, not another weight read or step.
  const marginalOf = (m: ModelSteps, c: StepCost) =>
    stepTime({ ...c, weightBytes: 0 }, { ...m.hw, allReduceLatency: 0 }, { ...cal, stepOverheadSeconds: 0, layerOverheadSeconds: 0 }).seconds;
  const expected = (f: (cached: number) => number) => (prefix === null ? f(0) : expectedOverHits(hitRate, f(cachedTokens), f(0)));
  const lonePrefillOf = (m: ModelSteps, cached: number) => time(m, m.prefill(1, S - cached, S));
  const lonePrefill = expected((cached) => lonePrefillOf(target, cached) + (draft ? lonePrefillOf(draft, cached) : 0));
  const prefillMarginal = expected(
    (cached) => marginalOf(target, target.prefill(1, S - cached, S)) + (draft ? marginalOf(draft, draft.prefill(1, S - cached, S)) : 0),
  );

  // A decode step per output token: plain, or a speculative pass over its expected tokens.
  const E = spec8 === null ? 1 : speculativeExpectedTokens(spec8.acceptance, spec8.draftTokens);
  const decodeSecondsPerToken = (batch: number) => {
    if (spec8 === null || draft === null) return time(target, target.decodeMean(batch, 1));
    return passSecondsPerToken({
      draftTokens: spec8.draftTokens,
      draftStepSeconds: time(draft, draft.decodeMean(batch, 1)),
      verifySeconds: time(target, target.decodeMean(batch, spec8.draftTokens + 1)),
      expectedTokens: E,
    });
  };

  // Chunked prefill: each chunk of the uncached prompt rides in a step with the others' decodes.
  const chunkTokens = t.prefillChunkTokens;
  const chunkedAt = (D: number, cached: number) => {
    if (chunkTokens === null) return null;
    const N = S - cached;
    const n = prefillChunks(N, chunkTokens);
    const last = lastChunkTokens(N, chunkTokens);
    const others = D > 0 ? target.decodeMean(D, 1) : NO_STEP;
    const chunk = (k: number, size: number) => combineCosts(others, target.prefill(1, size, cached + Math.min(k * chunkTokens, N)));
    const window = spec.slidingWindow && windowedLayers(spec) > 0 ? spec.slidingWindow.size : null;
    const kw = window === null ? null : Math.floor((window - cached) / chunkTokens);
    const full = n > 1 ? sumStepSeconds((k) => chunk(k, chunkTokens), 1, n - 1, kw === null ? [] : [kw, kw + 1], target.hw, cal) : 0;
    const lastStep = time(target, chunk(n, last));
    const total = full + lastStep;
    const decodeStep = D > 0 ? time(target, others) : 0;
    // A step's time is convex in k (a sum of maxima of affine terms), so its largest is at an end.
    const heaviest = Math.max(time(target, chunk(1, n > 1 ? chunkTokens : last)), n > 1 ? time(target, chunk(n - 1, chunkTokens)) : 0, lastStep);
    return { n, total, decodeStep, heaviest, marginal: total - n * decodeStep };
  };
  const chunked = (concurrency: number): ChunkedPrefillResult | null => {
    if (chunkTokens === null) return null;
    const C = Math.max(1, Math.min(concurrency, Math.floor(maxConcurrency) || 1));
    const D = C - 1;
    const miss = chunkedAt(D, 0);
    const hit = prefix === null ? miss : chunkedAt(D, cachedTokens);
    if (miss === null || hit === null) return null;
    const mean = (f: (x: NonNullable<typeof miss>) => number) => (prefix === null ? f(miss) : expectedOverHits(hitRate, f(hit), f(miss)));
    const running = Math.max(1, D);
    const runningStep = time(target, target.decodeMean(running, 1));
    const ttft = mean((x) => x.total);
    return {
      chunkTokens,
      chunks: miss.n,
      concurrency: C,
      decodingRequests: D,
      decodeStepSeconds: miss.decodeStep,
      meanHybridStepSeconds: ttft / mean((x) => x.n),
      ttftSeconds: ttft,
      unchunkedTtftSeconds: lonePrefill,
      chunkedExtraSeconds: Math.max(0, Math.max(miss.heaviest, hit.heaviest) - miss.decodeStep),
      unchunkedExtraSeconds: prefillMarginal,
      maxGapSeconds: Math.max(runningStep, Math.max(miss.heaviest, hit.heaviest)),
      maxGapUnchunkedSeconds: decodeGapSeconds(runningStep, prefillMarginal),
      marginalSeconds: mean((x) => x.marginal),
    };
  };

  const steady = (concurrency: number) => {
    const c = chunked(concurrency);
    return continuousBatching({
      concurrency,
      maxConcurrency,
      outputTokens: O,
      prefillSeconds: c === null ? lonePrefill : c.ttftSeconds,
      prefillMarginalSeconds: c === null ? prefillMarginal : c.marginalSeconds,
      decodeStepSeconds: decodeSecondsPerToken,
    });
  };

  return {
    spec,
    gpu,
    gpus: G,
    batch: B,
    inputTokens: S,
    outputTokens: O,
    weightDtype,
    kvDtype,
    assumptions: a,
    techniques: t,
    hardware: {
      matmulPeakFlopsPerSecond: matmulPeak,
      matmulPeakDtype: peak.dtype,
      attentionPeakFlopsPerSecond: attentionPeak,
      memoryBandwidth: gpu.memoryBandwidth,
      linkBandwidthPerDirection: G > 1 ? linkBandwidth : null,
      link,
      allReduceLatencySeconds: alpha,
      memoryPerGpuBytes: memory.memoryBytes / G,
      memoryReadingUsed: memoryReadingUsed(gpu, a.memoryReading),
    },
    stepHardware: hw,
    memory,
    warnings,
    cachedTokens,
    lonePrefillSeconds: lonePrefill,
    decodeSecondsPerToken,
    steady,
    chunked,
    internals: { target, draft, steps },
  };
}

/**
 * Speculative decoding of the batch with γ draft tokens per pass, every step timed by the
 * engine: the draft's decode steps and the target's verification pass over γ + 1 tokens per
 * sequence, each the mean over the contexts S + 1 … S + O − 1. `m` must carry a draft
 * (techniques.speculative); its acceptance rate is used, γ is given so that a sweep over γ
 * reuses one step model. `plainTpot` is the target's own mean decode step.
 */
export function speculativeDecode(m: ServingStepModel, draftTokens: number, plainTpot: number): SpeculativeResult {
  const sp = m.techniques.speculative;
  const { target, draft, steps } = m.internals;
  if (sp === null || draft === null) throw new InputError('draft', 'speculative decoding needs a draft model');
  if (!(Number.isInteger(draftTokens) && draftTokens >= 1 && draftTokens <= 1000)) {
    throw new InputError('draftTokens', 'the draft length γ must be a whole number from 1 to 1,000 (engines draft 1 to about 10)');
  }
  const { batch: B, inputTokens: S } = m;
  const cal = m.assumptions.calibration;
  const g = draftTokens;
  const draftStep = sumStepSeconds((c) => draft.decode(B, 1, c), S + 1, S + steps, draft.breakpoints, draft.hw, cal) / steps;
  const verify = sumStepSeconds((c) => target.decode(B, g + 1, c + g), S + 1, S + steps, target.breakpoints, target.hw, cal) / steps;
  const E = speculativeExpectedTokens(sp.acceptance, g);
  const tpot = passSecondsPerToken({ draftTokens: g, draftStepSeconds: draftStep, verifySeconds: verify, expectedTokens: E });
  const prefillOf = (cached: number) => stepTime(draft.prefill(B, S - cached, S), draft.hw, cal).seconds;
  const prefix = m.techniques.prefixCache;
  const draftPrefillSeconds = prefix === null ? prefillOf(0) : expectedOverHits(prefix.hitRate, prefillOf(m.cachedTokens), prefillOf(0));
  const c = costCoefficient(draftStep, plainTpot);
  return {
    draft: sp.draft.id,
    draftTokens: g,
    acceptance: sp.acceptance,
    expectedTokens: E,
    draftStepSeconds: draftStep,
    targetStepSeconds: plainTpot,
    verifySeconds: verify,
    verifyTokens: B * (g + 1),
    costCoefficient: c,
    tpotSeconds: tpot,
    speedup: plainTpot / tpot,
    theoremSpeedup: speculativeSpeedup(sp.acceptance, g, c),
    draftPrefillSeconds,
    draftWeightsBytes: m.memory.draftWeightsBytes,
  };
}

/** The target's mean decode step of the batch over its O − 1 steps (the plain time per output token). */
export function plainTpotSeconds(m: ServingStepModel): number {
  const { target, steps } = m.internals;
  const S = m.inputTokens;
  return sumStepSeconds((c) => target.decode(m.batch, 1, c), S + 1, S + steps, target.breakpoints, target.hw, m.assumptions.calibration) / steps;
}

/**
 * Everything about serving `input`. Throws InputError naming the field for input it cannot
 * answer (a bound, an unknown type); results that are possible to compute but impossible
 * to run (a model that does not fit) come back with warnings.
 * @example servingScenario({ model: getPreset('llama-2-70b').spec, gpu: getGpu('a800-sxm-80gb'), gpus: 8, batch: 16, inputTokens: 4000, outputTokens: 200 }).memory.kvCacheBytesPerRequest //=> 1376256000
 */
export function servingScenario(input: ServingInput): ServingResult {
  const m = servingStepModel(input);
  const { batch: B, inputTokens: S, outputTokens: O, assumptions: a, memory } = m;
  const cal = a.calibration;
  const { target, steps } = m.internals;
  const warnings = [...m.warnings];
  const time = (s: ModelSteps, c: StepCost) => stepTime(c, s.hw, cal);

  // Prefill of the batch: every prompt misses, or (with a prefix cache) every prompt hits.
  const prefillB = target.prefill(B, S, S);
  const prefill = time(target, prefillB);
  let ttft = prefill.seconds;
  let prefixCache: PrefixCacheResult | null = null;
  const prefix = m.techniques.prefixCache;
  if (prefix !== null) {
    const hitCost = target.prefill(B, S - m.cachedTokens, S);
    const hit = time(target, hitCost);
    ttft = expectedOverHits(prefix.hitRate, hit.seconds, prefill.seconds);
    prefixCache = {
      prefixTokens: prefix.prefixTokens,
      cachedTokens: m.cachedTokens,
      hitRate: prefix.hitRate,
      hitCost,
      hit,
      miss: prefill,
      expectedPrefillFlops: expectedOverHits(prefix.hitRate, hit.flops, prefill.flops),
      expectedTtftSeconds: ttft,
    };
  }

  // Decode of the batch in lock-step.
  const decodeB = (context: number) => target.decode(B, 1, context);
  const decodeFirst = time(target, decodeB(S + 1));
  const decodeLastCost = decodeB(S + steps);
  const decodeLast = time(target, decodeLastCost);
  const plainTpot = plainTpotSeconds(m);
  let tpot = plainTpot;
  let speculative: SpeculativeResult | null = null;
  const sp = m.techniques.speculative;
  if (sp !== null) {
    speculative = speculativeDecode(m, sp.draftTokens, plainTpot);
    tpot = speculative.tpotSeconds;
    ttft += speculative.draftPrefillSeconds;
  }
  const total = ttft + (O - 1) * tpot;
  const maxConcurrency = memory.maxConcurrency;

  return {
    model: m.spec.id,
    gpu: m.gpu.id,
    gpus: m.gpus,
    batch: B,
    inputTokens: S,
    outputTokens: O,
    weightDtype: m.weightDtype,
    kvDtype: m.kvDtype,
    assumptions: a,
    stepHardware: m.stepHardware,
    hardware: m.hardware,
    memory,
    prefillFlops: prefill.flops,
    prefillCost: prefillB,
    prefill,
    decodeLastCost,
    decodeFirst,
    decodeLast,
    ttftSeconds: ttft,
    tpotSeconds: tpot,
    totalSeconds: total,
    outputTokensPerSecond: (B * O) / total,
    decodeTokensPerSecond: B / tpot,
    continuous: maxConcurrency >= 1 ? m.steady(B) : null,
    atMaxConcurrency: maxConcurrency >= 1 ? m.steady(maxConcurrency) : null,
    techniques: m.techniques,
    prefixCache,
    chunkedPrefill: maxConcurrency >= 1 ? m.chunked(B) : null,
    speculative,
    warnings,
  };
}

/** Active and total parameters, for results that show them. */
export function servingParams(spec: ModelSpec): { total: number; active: number } {
  return { total: countParams(spec).total, active: activeParams(spec) };
}
