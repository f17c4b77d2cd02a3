/**
 * A training question answered in one place: a model, a token budget and a cluster →
 * FLOPs per token under each attention convention, MFU and HFU from a run's GPU-hours or
 * its throughput (or the time a run takes at an assumed MFU), and per-GPU memory and
 * communication under a 5-D parallel layout (data, tensor with or without sequence
 * parallelism, pipeline, context, expert), ZeRO 0–3 and recomputation none, selective or
 * full. The CLI's `training`, the playground, the training, MFU and parallelism chapters'
 * calculators and the Llama 3 case all call this.
 *
 *   MFU = F·D / (G·P·T)          F: model FLOPs per token (6N, + attention by convention)
 *   HFU = (F + R)·D / (G·P·T)    R: FLOPs recomputed in the backward pass
 * @see Chowdhery et al., "PaLM" (2022), appendix B
 * @see Narayanan et al., "Efficient Large-Scale Language Model Training on GPU Clusters Using Megatron-LM" (2021), §3.5 and eq. (3)
 */
import { checkBound } from '../bounds';
import { gpuMemoryBytes, gpuPeakFlopsPerSecond, isPeakDtype, type PeakDtype } from '../gpu/gpu';
import type { GpuSpec } from '../gpu/spec';
import { mfuFlopsPerToken } from '../mfu/conventions';
import { PRACTICAL_MFU_CEILING, mfuFromGpuHours } from '../mfu/mfu';
import type { ModelSpec } from '../model/spec';
import { checkParallelLayout, globalBatchSequences, parallelModelFromSpec } from '../parallel/layout';
import { planParallelism, type ParallelPlan } from '../parallel/parallel';
import { activeParams, countParams } from '../params/params';
import { RECOMPUTE_MODES, type RecomputeMode } from '../training/activations';
import {
  ATTENTION_CONVENTIONS,
  gpuHoursFromSeconds,
  secondsFromGpuHours,
  trainingSeconds,
  trainingTotalFlops,
  type AttentionConvention,
} from '../training/compute';
import { TRAINING_PRECISIONS, type TrainingPrecision } from '../training/perGpu';
import type { ZeroStage } from '../training/memory';
import { InputError, formatBytes, formatInteger, formatPercent, formatQuantity } from '../units';
import { PARALLEL_DEFAULTS, TRAINING_DEFAULTS, type ParallelAssumptions, type TrainingAssumptions } from './defaults';
import { warning, type Warning } from './warnings';

/** What is known of the run: its GPU-hours, or its GPUs and throughput, or its GPUs and an assumed MFU. */
export type TrainingRun =
  | { kind: 'gpu-hours'; gpuHours: number; gpus?: number }
  | { kind: 'throughput'; gpus: number; tokensPerSecond: number }
  | { kind: 'mfu'; gpus: number; mfu: number };

export interface TrainingInput {
  model: ModelSpec;
  gpu: GpuSpec;
  /** D: training tokens. */
  tokens: number;
  /** S: sequence length. */
  seq: number;
  run: TrainingRun;
  /** The layout; dp is G/(tp·pp·cp) when omitted. */
  parallel?: Partial<ParallelAssumptions> & { dp?: number; globalBatch?: number };
  /** Tensor-core data type of the peak (bf16 default). */
  dtype?: PeakDtype;
  /** N to use instead of the model's exact count (e.g. a paper's round 7.5B). */
  params?: number;
  assumptions?: Partial<TrainingAssumptions>;
}

export interface TrainingMemoryResult {
  paramsPerGpu: number;
  weightsBytes: number;
  gradsBytes: number;
  optimizerBytes: number;
  modelStatesBytes: number;
  /** One layer, one micro-batch, on one GPU. */
  activationsPerLayerBytes: number;
  /** Layers' worth held at the 1F1B peak. */
  activationLayers: number;
  activationsBytes: number;
  totalBytes: number;
  memoryPerGpuBytes: number;
  usableBytes: number;
  headroomBytes: number;
  fits: boolean;
}

export interface TrainingResult {
  model: string;
  gpu: string;
  /** N used for 6N and the model states. */
  params: number;
  /** N used per token (MoE: active). */
  activeParams: number;
  tokens: number;
  seq: number;
  attention: AttentionConvention;
  /** F: model FLOPs per token under `attention`. */
  flopsPerToken: number;
  /** F + R: with the recomputation the layout does. */
  hardwareFlopsPerToken: number;
  totalFlops: number;
  peakFlops: number;
  peakDtype: PeakDtype;
  /** Model FLOPs utilization; null when the run gives no time. */
  mfu: number | null;
  hfu: number | null;
  mfuByConvention: Record<AttentionConvention, number> | null;
  gpus: number;
  gpuHours: number | null;
  seconds: number | null;
  tokensPerSecond: number | null;
  parallel: {
    dp: number;
    tp: number;
    pp: number;
    cp: number;
    ep: number;
    sp: boolean;
    zero: ZeroStage;
    recompute: RecomputeMode;
    microBatch: number;
    microBatches: number;
    globalBatch: number;
  };
  memory: TrainingMemoryResult;
  /** (p − 1)/(m + p − 1) under 1F1B. */
  bubbleFraction: number;
  /** Bytes each GPU sends per optimizer step, by kind. */
  communicationBytesPerStep: ParallelPlan['commBytes'];
  tokensPerStep: number;
  flopsPerGpuPerStep: number;
  assumptions: TrainingAssumptions;
  warnings: Warning[];
}

/**
 * The tensor-core rate training in `dtype` runs at on `gpu`: `dtype` itself where the part has
 * it; else the other 16-bit type for bf16/fp16 and fp8 (a V100 trains bf16 models in fp16), fp32
 * for tf32.
 * @example trainingPeakDtype(getGpu('v100-sxm2-32gb'), 'bf16') //=> 'fp16'
 */
export function trainingPeakDtype(gpu: GpuSpec, dtype: PeakDtype): PeakDtype {
  if (gpu.datasheet[dtype] !== null) return dtype;
  if (dtype === 'tf32') return 'fp32';
  if (dtype === 'bf16') return gpu.datasheet.fp16 !== null ? 'fp16' : 'fp32';
  if (dtype === 'fp16') return gpu.datasheet.bf16 !== null ? 'bf16' : 'fp32';
  if (dtype === 'fp8') return gpu.datasheet.bf16 !== null ? 'bf16' : gpu.datasheet.fp16 !== null ? 'fp16' : 'fp32';
  return dtype;
}

function wholeDegree(value: number, field: string, label: string): number {
  return checkBound(value, 'gpus', field, label);
}

/** The assumptions with defaults filled in and each value checked. */
export function resolveTrainingAssumptions(overrides: Partial<TrainingAssumptions> = {}): TrainingAssumptions {
  const a: TrainingAssumptions = { ...TRAINING_DEFAULTS, ...overrides };
  if (!ATTENTION_CONVENTIONS.includes(a.attention)) throw new InputError('attention', `attention must be one of ${ATTENTION_CONVENTIONS.join(', ')}`);
  if (!(a.precision in TRAINING_PRECISIONS)) throw new InputError('precision', `precision must be one of ${Object.keys(TRAINING_PRECISIONS).join(', ')}`);
  if (a.activationCount !== 'flash' && a.activationCount !== 'korthikanti')
    throw new InputError('activationCount', 'activation count must be flash or korthikanti');
  checkBound(a.utilization, 'fraction', 'utilization', 'Usable fraction u');
  if (a.peakFlopsPerSecond !== null) checkBound(a.peakFlopsPerSecond, 'flopsPerSecond', 'peakFlopsPerSecond', 'Peak FLOP/s per GPU');
  return a;
}

/**
 * Everything about training `input`. Throws InputError naming the field for input it
 * cannot answer; impossible results (an MFU above 100%, a layout that does not fit in
 * memory) come back with warnings.
 * @example trainingScenario({ model: getPreset('llama-3-70b').spec, gpu: getGpu('h100-sxm'), tokens: 15e12, seq: 8192, run: { kind: 'gpu-hours', gpuHours: 6.4e6 }, params: 70e9 }).mfu //=> 0.2764…
 */
export function trainingScenario(input: TrainingInput): TrainingResult {
  const { model: spec, gpu } = input;
  const a = resolveTrainingAssumptions(input.assumptions);
  const tokens = checkBound(input.tokens, 'trainingTokens', 'tokens', 'Training tokens D');
  const seq = checkBound(input.seq, 'sequence', 'seq', 'Sequence length S');
  const asked = input.dtype ?? 'bf16';
  if (!isPeakDtype(asked)) throw new InputError('dtype', `dtype must be one of bf16, fp16, fp8, tf32, fp32, got "${String(asked)}"`);
  const warnings: Warning[] = [];
  // A part without the asked rate (a V100 has no bf16) trains at its nearest one, as serving does, with a warning.
  const dtype = a.peakFlopsPerSecond === null ? trainingPeakDtype(gpu, asked) : asked;
  if (dtype !== asked) {
    warnings.push(warning('peak-dtype-fallback', `${gpu.name} has no ${asked} tensor-core rate: MFU and time are computed at its ${dtype} peak.`, 'dtype'));
  }
  const peak = a.peakFlopsPerSecond ?? gpuPeakFlopsPerSecond(gpu, dtype);
  const exact = countParams(spec).total;
  const N = input.params === undefined ? exact : checkBound(input.params, 'params', 'params', 'Parameters N');
  // An overridden N scales an MoE's active count in proportion; a dense model uses N itself.
  const activeN = input.params === undefined ? activeParams(spec) : spec.moe ? (N * activeParams(spec)) / exact : N;

  // The layout.
  const p = { ...PARALLEL_DEFAULTS, ...input.parallel };
  const tp = wholeDegree(p.tp, 'tp', 'Tensor-parallel size TP');
  const pp = wholeDegree(p.pp, 'pp', 'Pipeline stages PP');
  const cp = wholeDegree(p.cp, 'cp', 'Context-parallel size CP');
  const ep = wholeDegree(p.ep, 'ep', 'Expert-parallel size EP');
  const microBatch = checkBound(p.microBatch, 'batch', 'microBatch', 'Micro-batch size b');
  if (![0, 1, 2, 3].includes(p.zero)) throw new InputError('zero', 'ZeRO stage must be 0, 1, 2 or 3');
  if (!RECOMPUTE_MODES.includes(p.recompute)) throw new InputError('recompute', `recompute must be one of ${RECOMPUTE_MODES.join(', ')}`);
  const runGpus = input.run.kind === 'gpu-hours' ? input.run.gpus : input.run.gpus;
  const modelParallel = tp * pp * cp;
  let dp: number;
  if (p.dp !== undefined) dp = wholeDegree(p.dp, 'dp', 'Data-parallel size DP');
  else if (runGpus !== undefined) {
    if (runGpus % modelParallel !== 0) {
      throw new InputError(
        'gpus',
        `TP·PP·CP = ${formatInteger(modelParallel)} GPUs hold one replica; ${formatInteger(runGpus)} GPUs are not a whole number of replicas`,
      );
    }
    dp = runGpus / modelParallel;
  } else dp = 1;
  const gpus = runGpus ?? dp * modelParallel;
  wholeDegree(gpus, 'gpus', 'GPUs');
  checkParallelLayout({ gpus, dp, tp, pp, cp, ep }, { heads: spec.heads, kvHeads: spec.kvHeads, layers: spec.layers, experts: spec.moe?.experts ?? 0, seq });
  let microBatches: number;
  if (p.globalBatch !== undefined) {
    const global = checkBound(p.globalBatch, 'batch', 'globalBatch', 'Global batch (sequences)');
    if (global % (dp * microBatch) !== 0) {
      throw new InputError(
        'globalBatch',
        `the global batch of ${formatInteger(global)} sequences must be a multiple of DP·b = ${formatInteger(dp * microBatch)}`,
      );
    }
    microBatches = global / (dp * microBatch);
  } else {
    // Without a global batch: one micro-batch per step, or 4 per pipeline stage to keep the bubble near 20%.
    microBatches = pp > 1 ? 4 * pp : 1;
  }
  const sp = tp > 1 && p.sp;

  // FLOPs per token, by convention.
  const conv = (attention: AttentionConvention) =>
    mfuFlopsPerToken({ params: activeN, layers: spec.layers, heads: spec.heads, headDim: spec.headDim, seq, attention, recompute: p.recompute });
  const chosen = conv(a.attention);
  const flopsPerToken = chosen.model;
  const hardwareFlopsPerToken = chosen.hardware;
  const totalFlops = trainingTotalFlops({ flopsPerToken, tokens });

  // The run.
  let seconds: number | null = null;
  let gpuHours: number;
  let tokensPerSecond: number | null = null;
  const run = input.run;
  if (run.kind === 'gpu-hours') {
    gpuHours = checkBound(run.gpuHours, 'gpuHours', 'gpuHours', 'GPU-hours');
    if (runGpus !== undefined) {
      seconds = secondsFromGpuHours({ gpuHours, gpus });
      tokensPerSecond = tokens / seconds;
    }
  } else if (run.kind === 'throughput') {
    tokensPerSecond = checkBound(run.tokensPerSecond, 'flops', 'tokensPerSecond', 'Tokens per second');
    if (!(tokensPerSecond > 0)) throw new InputError('tokensPerSecond', 'Tokens per second must be greater than 0');
    seconds = tokens / tokensPerSecond;
    gpuHours = gpuHoursFromSeconds({ seconds, gpus });
  } else {
    checkBound(run.mfu, 'fraction', 'mfu', 'MFU');
    seconds = trainingSeconds({ flops: totalFlops, gpus, peakFlopsPerSecond: peak, mfu: run.mfu });
    gpuHours = gpuHoursFromSeconds({ seconds, gpus });
    tokensPerSecond = tokens / seconds;
  }
  const utilization = (f: number) => mfuFromGpuHours({ flopsPerToken: f, tokens, gpuHours, peak });
  const mfu = run.kind === 'mfu' ? run.mfu : utilization(flopsPerToken);
  const hfu = mfu === null ? null : mfu * (hardwareFlopsPerToken / flopsPerToken);
  const mfuByConvention = {
    none: utilization(conv('none').model),
    causal: utilization(conv('causal').model),
    full: utilization(conv('full').model),
  };
  if (mfu !== null && mfu > 1) {
    const suspect = run.kind === 'gpu-hours' ? 'gpuHours' : 'tokensPerSecond';
    warnings.push(
      warning(
        'mfu-above-peak',
        `An MFU of ${formatPercent(mfu)} is impossible: the run would have done more FLOPs than GPUs at ${formatQuantity(peak, 'FLOP/s')} each can in that time. Check the GPU and its peak, the ${run.kind === 'gpu-hours' ? 'GPU-hours' : 'throughput'} and the token count.`,
        suspect,
      ),
    );
  } else if (mfu !== null && mfu > PRACTICAL_MFU_CEILING) {
    warnings.push(
      warning(
        'mfu-above-ceiling',
        `An MFU of ${formatPercent(mfu)} is above the ~${formatPercent(PRACTICAL_MFU_CEILING)} that tuned kernels reach: possible only if an input is off (the GPU, the ${run.kind === 'gpu-hours' ? 'GPU-hours' : run.kind === 'throughput' ? 'throughput' : 'MFU'} or the token count).`,
        run.kind === 'gpu-hours' ? 'gpuHours' : run.kind === 'throughput' ? 'tokensPerSecond' : 'mfu',
      ),
    );
  }

  // Memory and communication per GPU.
  const parallelModel = parallelModelFromSpec(spec);
  const plan = planParallelism(
    { ...parallelModel, params: N, expertParams: spec.moe ? (parallelModel.expertParams * N) / exact : 0, activeParams: activeN },
    {
      dp,
      tp,
      pp,
      cp,
      ep,
      zero: p.zero,
      sp,
      recompute: p.recompute,
      microBatch,
      microBatches,
      seq,
      stateBytes: TRAINING_PRECISIONS[a.precision].bytes,
      activationCount: a.activationCount,
      dropout: a.activationCount === 'korthikanti',
      flash: a.activationCount !== 'korthikanti',
    },
  );
  const memoryPerGpu = gpuMemoryBytes(gpu, a.memoryReading);
  const usable = memoryPerGpu * a.utilization;
  const memory: TrainingMemoryResult = {
    paramsPerGpu: plan.paramsPerGpu,
    weightsBytes: plan.modelStates.weights,
    gradsBytes: plan.modelStates.grads,
    optimizerBytes: plan.modelStates.optimizer,
    modelStatesBytes: plan.modelStateBytes,
    activationsPerLayerBytes: plan.activationBytesPerLayer,
    activationLayers: plan.activationLayers,
    activationsBytes: plan.activationBytes,
    totalBytes: plan.totalBytes,
    memoryPerGpuBytes: memoryPerGpu,
    usableBytes: usable,
    headroomBytes: usable - plan.totalBytes,
    fits: plan.totalBytes <= usable,
  };
  // Memory is part of the question only when a layout or a GPU count was given.
  const layoutGiven = runGpus !== undefined || input.parallel !== undefined;
  if (layoutGiven && !memory.fits) {
    warnings.push(
      warning(
        'training-memory-does-not-fit',
        `Each GPU needs ${formatBytes(plan.totalBytes)} (model states ${formatBytes(plan.modelStateBytes)}, activations ${formatBytes(plan.activationBytes)}) but has ${formatBytes(usable)}: shard more (ZeRO, TP, PP) or recompute activations.`,
        p.zero < 3 ? 'zero' : 'recompute',
      ),
    );
  }
  if (pp > 1 && microBatches < pp) {
    warnings.push(
      warning(
        'fewer-micro-batches-than-stages',
        `${formatInteger(microBatches)} micro-batches for ${formatInteger(pp)} pipeline stages leave the pipeline mostly idle (bubble ${formatPercent(plan.bubble)}).`,
        'globalBatch',
      ),
    );
  }

  return {
    model: spec.id,
    gpu: gpu.id,
    params: N,
    activeParams: activeN,
    tokens,
    seq,
    attention: a.attention,
    flopsPerToken,
    hardwareFlopsPerToken,
    totalFlops,
    peakFlops: peak,
    peakDtype: dtype,
    mfu,
    hfu,
    mfuByConvention,
    gpus,
    gpuHours,
    seconds,
    tokensPerSecond,
    parallel: {
      dp,
      tp,
      pp,
      cp,
      ep,
      sp,
      zero: p.zero,
      recompute: p.recompute,
      microBatch,
      microBatches,
      globalBatch: globalBatchSequences({ dp, microBatches, microBatch }),
    },
    memory,
    bubbleFraction: plan.bubble,
    communicationBytesPerStep: plan.commBytes,
    tokensPerStep: plan.tokensPerStep,
    flopsPerGpuPerStep: plan.flopsPerGpuPerStep,
    assumptions: a,
    warnings,
  };
}

export type { TrainingPrecision };
