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
 */
import { bytesPerElement, isDtype, DTYPES, type Dtype } from '../dtypes';
import { checkBound } from '../bounds';
import { forwardFlops, windowedLayers, type AttentionMode } from '../flops/flops';
import { gpuMemoryBytes, memoryReadingUsed, type PeakDtype } from '../gpu/gpu';
import type { GpuSpec } from '../gpu/spec';
import { allReduceLatencySeconds, matmulEfficiency, type LatencyCalibration } from '../latency/calibration';
import { continuousBatching, stepTime, sumPiecewiseAffine, sumStepSeconds, type ContinuousBatching, type StepCost, type StepHardware, type StepTime } from '../latency/step';
import { inferenceActivationBytes, kvCacheBytes, kvCacheBytesPerToken, weightsBytes } from '../memory/memory';
import { elementwiseActivationBytes, forwardActivationBytes } from '../memory/traffic';
import type { ModelSpec } from '../model/spec';
import { activeParams, countParams } from '../params/params';
import { InputError, formatBytes, formatInteger } from '../units';
import { DEFAULT_WEIGHT_DTYPE, SERVING_DEFAULTS, defaultKvDtype, type ServingAssumptions } from './defaults';
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
  /** Requests of S + O tokens whose caches fit at once: ⌊budget / cache per request⌋. */
  maxConcurrency: number;
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
  warnings: Warning[];
}

/** The tensor-core rate a weight type computes at, and whether the part lacked it. */
function matmulPeakDtype(gpu: GpuSpec, dtype: Dtype): { dtype: PeakDtype; fallback: boolean } {
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

/** Matmul and attention FLOPs of one forward pass, all GPUs together. */
function passFlops(spec: ModelSpec, batch: number, newTokens: number, context: number, attention: AttentionMode): { matmul: number; attention: number } {
  const f = forwardFlops({ spec, batch, newTokens, contextTokens: context, attention, logits: 'last' });
  const att = f.components.scores + f.components.av;
  return { matmul: f.total - att, attention: att };
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
}

/**
 * Serving memory: weights, B KV caches of S + O tokens, the largest pass's activations,
 * against G·M·u, and how many requests fit; with the warnings when nothing or not all fit.
 * The one place a "how many requests fit" is computed.
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
  const weights = weightsBytes(spec, bytesPerElement(p.weightDtype));
  const kvPerRequest = kvCacheBytes(spec, context, kvb);
  const act = inferenceActivationBytes({ spec, batch: 1, newTokens: p.activationTokens, bytesPerElement: 2, logits: 'last' });
  // Under tensor parallelism each GPU keeps the residual stream; the layer's working set and the logits are split.
  const activations = G * act.residual + act.layerWorkingSet + act.logits;
  const memoryBytes = G * gpuMemoryBytes(gpu, p.memoryReading);
  const usable = memoryBytes * p.utilization;
  const kvBudget = usable - weights - activations;
  const maxConcurrency = kvBudget > 0 && kvPerRequest > 0 ? Math.floor(kvBudget / kvPerRequest) : 0;
  const totalBytes = weights + B * kvPerRequest + activations;
  const memory: ServingMemory = {
    weightsBytes: weights,
    kvBytesPerToken: kvCacheBytesPerToken(spec, kvb),
    kvCacheBytesPerRequest: kvPerRequest,
    kvCacheBytes: B * kvPerRequest,
    activationBytes: activations,
    memoryBytes,
    usableBytes: usable,
    kvBudgetBytes: kvBudget,
    totalBytes,
    headroomBytes: usable - totalBytes,
    fits: totalBytes <= usable,
    maxConcurrency,
  };
  if (weights + activations > usable) {
    warnings.push(
      warning(
        'weights-do-not-fit',
        `The weights (${formatBytes(weights)}) and one prefill's activations (${formatBytes(activations)}) need more than the ${formatBytes(usable)} usable on ${formatInteger(G)} × ${gpu.name}: the model does not fit, so every latency figure is hypothetical. Add GPUs or store the weights in fewer bytes.`,
        'gpus',
      ),
    );
  } else if (maxConcurrency === 0) {
    warnings.push(
      warning('no-request-fits', `Not one request of ${formatInteger(context)} tokens fits: its KV cache (${formatBytes(kvPerRequest)}) is larger than the ${formatBytes(kvBudget)} left beside the weights. Latency figures are hypothetical.`, 'inputTokens'),
    );
  } else if (B > maxConcurrency) {
    warnings.push(
      warning(
        'batch-does-not-fit',
        `Only ${formatInteger(maxConcurrency)} of the ${formatInteger(B)} requests fit at once (${formatBytes(kvPerRequest)} of KV cache each, ${formatBytes(kvBudget)} free): the batch as given cannot run, so its latency is hypothetical; continuous batching queues the rest.`,
        'batch',
      ),
    );
  }
  return { memory, warnings };
}

/**
 * Everything about serving `input`. Throws InputError naming the field for input it cannot
 * answer (a bound, an unknown type); results that are possible to compute but impossible
 * to run (a model that does not fit) come back with warnings.
 * @example servingScenario({ model: getPreset('llama-2-70b').spec, gpu: getGpu('a800-sxm-80gb'), gpus: 8, batch: 16, inputTokens: 4000, outputTokens: 200 }).memory.kvCacheBytesPerRequest //=> 1376256000
 */
export function servingScenario(input: ServingInput): ServingResult {
  const { model: spec, gpu } = input;
  const G = checkBound(input.gpus, 'gpus', 'gpus', 'GPUs G');
  const B = checkBound(input.batch, 'batch', 'batch', 'Requests B');
  const S = checkBound(input.inputTokens, 'sequence', 'inputTokens', 'Input tokens S');
  const O = checkBound(input.outputTokens, 'sequence', 'outputTokens', 'Output tokens O');
  checkBound(S + O, 'sequence', 'outputTokens', 'Input + output tokens');
  const weightDtype = parseDtype(input.weightDtype ?? DEFAULT_WEIGHT_DTYPE, 'weightDtype');
  const kvDtype = parseDtype(input.kvDtype ?? defaultKvDtype(weightDtype), 'kvDtype');
  const a = resolveServingAssumptions(input.assumptions);
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
        warning('tensor-parallel-over-pcie', `${gpu.name} has no GPU-to-GPU link: the all-reduces go over PCIe at ${formatBytes(linkBandwidth)}/s each way.`, 'gpus'),
      );
    }
    if (spec.heads % G !== 0) {
      warnings.push(warning('tensor-parallel-uneven', `${formatInteger(G)} GPUs do not divide the ${formatInteger(spec.heads)} attention heads: real engines need G to divide h; the estimate splits the work evenly.`, 'gpus'));
    }
  }
  const alpha = G > 1 ? allReduceLatencySeconds(gpu, cal) : 0;
  const hw: StepHardware = {
    gpus: G,
    matmulPeak,
    matmulEfficiency: matmulEfficiency(a.peakFlopsPerSecond === null ? peak.dtype : 'bf16', cal),
    attentionPeak,
    memoryBandwidth: gpu.memoryBandwidth,
    linkBandwidth: G > 1 ? linkBandwidth : 1,
    allReduceLatency: alpha,
    layers: spec.layers,
    hidden: spec.hidden,
    activationBytesPerElement: 2,
  };

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
  });
  warnings.push(...memoryWarnings);
  const weights = memory.weightsBytes;
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

  // The step costs.
  const actBytes = (tokens: number, logitTokens: number) => forwardActivationBytes(spec, { tokens, logitTokens, bytesPerElement: 2 });
  const prefillCost = (batch: number): StepCost => {
    const f = passFlops(spec, batch, S, S, a.attention);
    return {
      matmulFlops: f.matmul,
      attentionFlops: f.attention,
      weightBytes: weights,
      activationBytes: actBytes(batch * S, batch),
      elementwiseBytes: elementwiseActivationBytes(spec, { tokens: batch * S, bytesPerElement: 2 }),
      kvBytes: batch * kvCacheBytes(spec, S, kvb),
      tokens: batch * S,
    };
  };
  const decodeCost = (batch: number) => (context: number): StepCost => {
    const f = passFlops(spec, batch, 1, context, 'causal');
    return {
      matmulFlops: f.matmul,
      attentionFlops: f.attention,
      weightBytes: weights,
      activationBytes: actBytes(batch, batch),
      elementwiseBytes: elementwiseActivationBytes(spec, { tokens: batch, bytesPerElement: 2 }),
      kvBytes: batch * kvCacheBytes(spec, context, kvb),
      tokens: batch,
    };
  };
  // Where a decode step's cost changes slope: the sliding window filling up.
  const breakpoints = spec.slidingWindow && windowedLayers(spec) > 0 ? [spec.slidingWindow.size] : [];

  const prefillB = prefillCost(B);
  const prefill = stepTime(prefillB, hw, cal);
  const steps = Math.max(1, O - 1);
  const decodeB = decodeCost(B);
  const decodeFirst = stepTime(decodeB(S + 1), hw, cal);
  const decodeLastCost = decodeB(S + steps);
  const decodeLast = stepTime(decodeLastCost, hw, cal);
  const tpot = sumStepSeconds(decodeB, S + 1, S + steps, breakpoints, hw, cal) / steps;
  const ttft = prefill.seconds;
  const total = ttft + (O - 1) * tpot;

  // Continuous batching: requests sit at every context from S + 1 to S + O − 1 at once.
  const meanOver = (f: (c: number) => number) => sumPiecewiseAffine(f, S + 1, S + steps, breakpoints) / steps;
  const one = decodeCost(1);
  const meanKv = meanOver((c) => one(c).kvBytes);
  const meanAttention = meanOver((c) => one(c).attentionFlops);
  const single = one(S + 1);
  const decodeAt = (batch: number) =>
    stepTime(
      {
        matmulFlops: batch * single.matmulFlops,
        attentionFlops: batch * meanAttention,
        weightBytes: weights,
        activationBytes: batch * single.activationBytes,
        elementwiseBytes: batch * single.elementwiseBytes,
        kvBytes: batch * meanKv,
        tokens: batch,
      },
      hw,
      cal,
    ).seconds;
  const lonePrefill = prefillCost(1);
  const prefillSeconds = stepTime(lonePrefill, hw, cal).seconds;
  // Beside running decodes a prefill adds its compute and its all-reduce bytes, not another weight read or step.
  const marginal = stepTime({ ...lonePrefill, weightBytes: 0 }, { ...hw, allReduceLatency: 0 }, { ...cal, stepOverheadSeconds: 0, layerOverheadSeconds: 0 }).seconds;
  const steady = (concurrency: number) =>
    continuousBatching({ concurrency, maxConcurrency, outputTokens: O, prefillSeconds, prefillMarginalSeconds: marginal, decodeStepSeconds: decodeAt });

  return {
    model: spec.id,
    gpu: gpu.id,
    gpus: G,
    batch: B,
    inputTokens: S,
    outputTokens: O,
    weightDtype,
    kvDtype,
    assumptions: a,
    stepHardware: hw,
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
    continuous: maxConcurrency >= 1 ? steady(B) : null,
    atMaxConcurrency: maxConcurrency >= 1 ? steady(maxConcurrency) : null,
    warnings,
  };
}

/** Active and total parameters, for results that show them. */
export function servingParams(spec: ModelSpec): { total: number; active: number } {
  return { total: countParams(spec).total, active: activeParams(spec) };
}
