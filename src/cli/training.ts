/**
 * `training <model> --tokens T --seq S --gpu ID (--gpu-hours G | --gpus N --tokens-per-second X | --gpus N --mfu U)`:
 * the training scenario (src/core/scenario/training.ts): FLOPs per token under each
 * attention convention, MFU and HFU, and per-GPU memory and communication under a parallel
 * layout (--tp --pp --dp --cp --ep --sp, --zero 0–3, --recompute none|selective|full,
 * --micro-batch, --global-batch).
 *
 * Default `--attention none`: 6N per token, N the active parameters (Kaplan et al. 2020),
 * the convention most MFU figures use. `causal` and `full` add PaLM's 12·L·h·d·S, halved
 * for a causal mask. `mfuByConvention` prints all three.
 */
import { getGpu, MEMORY_READINGS } from '../core/gpu/gpu';
import { PARALLEL_DEFAULTS, TRAINING_DEFAULTS } from '../core/scenario/defaults';
import { trainingScenario, type TrainingRun } from '../core/scenario/training';
import { RECOMPUTE_MODES } from '../core/training/activations';
import { ATTENTION_CONVENTIONS } from '../core/training/compute';
import { TRAINING_PRECISIONS } from '../core/training/perGpu';
import type { ZeroStage } from '../core/training/memory';
import { InputError } from '../core/units';
import { defineCommand, type FlagTable } from './args';
import { loadModel } from './model';

const degree = (name: string, description: string) => ({ kind: 'integer', bound: 'gpus', unit: 'GPUs', description: `${name}: ${description}` }) as const;

/**
 * The flags of `training`, declared once: parsing, bounds, `--help` and the "did you
 * mean" suggestions all come from this table. Give --gpu-hours, or --gpus with
 * --tokens-per-second, or --gpus with --mfu (to get the time instead).
 */
export const TRAINING_FLAGS = {
  tokens: { kind: 'number', bound: 'trainingTokens', unit: 'tokens', required: true, description: 'training tokens D (15T = 15e12)' },
  seq: { kind: 'integer', bound: 'sequence', unit: 'tokens', required: true, description: 'training sequence length S' },
  gpu: { kind: 'string', metavar: 'ID', required: true, description: 'GPU id (see `gpu list`)' },
  'gpu-hours': { kind: 'number', bound: 'gpuHours', unit: 'GPU-h', description: 'GPU-hours the run took' },
  gpus: {
    kind: 'integer',
    bound: 'gpus',
    unit: 'GPUs',
    description: 'GPUs in the run (with --tokens-per-second or --mfu; with --gpu-hours for the wall time)',
  },
  'tokens-per-second': { kind: 'number', bound: 'tokensPerSecond', unit: 'tokens/s', description: 'training throughput of the whole run (with --gpus)' },
  mfu: { kind: 'number', bound: 'fraction', unit: 'share of peak', description: 'an assumed MFU (with --gpus): prints the time the run takes' },
  params: { kind: 'number', bound: 'params', unit: 'params', description: "N to use instead of the model's exact count (e.g. a paper's 7.5e9)" },
  attention: {
    kind: 'enum',
    choices: ATTENTION_CONVENTIONS,
    default: TRAINING_DEFAULTS.attention,
    description: "attention-score FLOPs MFU counts: none (6N), or PaLM's 12·L·h·d·S, halved for causal",
  },
  dtype: { kind: 'enum', choices: ['bf16', 'fp16', 'fp8', 'tf32', 'fp32'], default: 'bf16', description: 'the tensor-core peak the MFU is measured against' },
  peak: { kind: 'number', bound: 'flopsPerSecond', unit: 'FLOP/s', description: "peak FLOP/s per GPU instead of the datasheet's (e.g. 989e12)" },
  tp: degree('tensor parallel', 'splits heads and the FFN width'),
  pp: degree('pipeline parallel', 'splits the layers into stages'),
  dp: degree('data parallel', 'replicas; default: GPUs / (TP·PP·CP)'),
  cp: degree('context parallel', 'splits the sequence'),
  ep: degree('expert parallel', "splits an MoE's experts, inside the data-parallel group"),
  sp: {
    kind: 'enum',
    choices: ['on', 'off'],
    default: PARALLEL_DEFAULTS.sp ? 'on' : 'off',
    description: 'sequence parallelism alongside tensor parallelism (Korthikanti et al.)',
  },
  zero: {
    kind: 'enum',
    choices: ['0', '1', '2', '3'],
    default: String(PARALLEL_DEFAULTS.zero),
    description: 'ZeRO stage: 1 shards optimizer states, 2 + gradients, 3 + weights',
  },
  recompute: {
    kind: 'enum',
    choices: RECOMPUTE_MODES,
    default: PARALLEL_DEFAULTS.recompute,
    description: 'activation recomputation: none, selective (attention core) or full (every layer)',
  },
  'micro-batch': { kind: 'integer', bound: 'batch', unit: 'sequences', default: PARALLEL_DEFAULTS.microBatch, description: 'sequences per micro-batch b' },
  'global-batch': {
    kind: 'integer',
    bound: 'batch',
    unit: 'sequences',
    description: 'sequences per optimizer step (default: b·DP, or 4 micro-batches per pipeline stage)',
  },
  precision: {
    kind: 'enum',
    choices: Object.keys(TRAINING_PRECISIONS) as (keyof typeof TRAINING_PRECISIONS)[],
    default: TRAINING_DEFAULTS.precision,
    description: 'model states: adam16 (16 B/param), adam18 (fp32 grads), adam20 (fp16 with fp32 grad copy)',
  },
  activations: {
    kind: 'enum',
    choices: ['flash', 'korthikanti'],
    default: TRAINING_DEFAULTS.activationCount,
    description: "activation count: flash (this model, FlashAttention, no dropout) or korthikanti (the paper's GPT-3 block)",
  },
  'memory-reading': {
    kind: 'enum',
    choices: MEMORY_READINGS,
    default: TRAINING_DEFAULTS.memoryReading,
    description: "one GPU's memory: as the CUDA runtime reports it, the GiB built, or the GB marketed",
  },
} as const satisfies FlagTable;

/**
 * `training <model> --tokens T --seq S --gpu ID …`: the training scenario.
 * @example trainingCommand.execute(['llama-3-70b', '--tokens', '15T', '--seq', '8192', '--gpu', 'h100-sxm', '--gpu-hours', '6.4M']) //=> { kind: 'result', result: { flopsPerToken: 423322238976, mfu: 0.2785…, … }, json: false }
 */
export const trainingCommand = defineCommand({
  name: 'training',
  summary: 'Training FLOPs per token, MFU and HFU, and per-GPU memory and communication under a parallel layout',
  positionals: [{ name: 'model', description: 'a preset id (see `model list`) or a path to a Hugging Face config.json' }],
  flags: TRAINING_FLAGS,
  notes: [
    'Default --attention none: 6N per token, N the active parameters (Kaplan et al. 2020); `mfuByConvention` prints all three.',
    'Memory per GPU: model states after ZeRO over DP, plus activations at the 1F1B peak (Korthikanti et al. 2022).',
  ],
  run({ positionals, flags, given }) {
    const { spec } = loadModel(positionals[0]);
    const gpu = getGpu(flags.gpu);
    const hasHours = given.has('gpu-hours');
    const hasThroughput = given.has('tokens-per-second');
    const hasMfu = given.has('mfu');
    if ([hasHours, hasThroughput, hasMfu].filter(Boolean).length !== 1) {
      throw new InputError('gpu-hours', 'give one of --gpu-hours G, --gpus N with --tokens-per-second X, or --gpus N with --mfu U');
    }
    let run: TrainingRun;
    if (hasHours) run = { kind: 'gpu-hours', gpuHours: flags['gpu-hours'] ?? 0, ...(flags.gpus === undefined ? {} : { gpus: flags.gpus }) };
    else {
      if (flags.gpus === undefined) throw new InputError('gpus', `--gpus is required with ${hasMfu ? '--mfu' : '--tokens-per-second'} (GPUs in the run)`);
      run = hasMfu
        ? { kind: 'mfu', gpus: flags.gpus, mfu: flags.mfu ?? 0 }
        : { kind: 'throughput', gpus: flags.gpus, tokensPerSecond: flags['tokens-per-second'] ?? 0 };
    }
    const layoutGiven = ['tp', 'pp', 'dp', 'cp', 'ep', 'sp', 'zero', 'recompute', 'micro-batch', 'global-batch'].some((f) => given.has(f));
    const r = trainingScenario({
      model: spec,
      gpu,
      tokens: flags.tokens,
      seq: flags.seq,
      run,
      dtype: flags.dtype,
      ...(flags.params === undefined ? {} : { params: flags.params }),
      ...(layoutGiven
        ? {
            parallel: {
              tp: flags.tp ?? PARALLEL_DEFAULTS.tp,
              pp: flags.pp ?? PARALLEL_DEFAULTS.pp,
              cp: flags.cp ?? PARALLEL_DEFAULTS.cp,
              ep: flags.ep ?? PARALLEL_DEFAULTS.ep,
              sp: flags.sp === 'on',
              zero: Number(flags.zero) as ZeroStage,
              recompute: flags.recompute,
              microBatch: flags['micro-batch'],
              ...(flags.dp === undefined ? {} : { dp: flags.dp }),
              ...(flags['global-batch'] === undefined ? {} : { globalBatch: flags['global-batch'] }),
            },
          }
        : {}),
      assumptions: {
        attention: flags.attention,
        precision: flags.precision,
        activationCount: flags.activations,
        memoryReading: flags['memory-reading'],
        peakFlopsPerSecond: flags.peak ?? null,
      },
    });
    const m = r.memory;
    // Quantities the run does not determine (the wall time of a GPU-hours run without a GPU count) are left out, not null.
    const known = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== null)) as T;
    return known({
      model: r.model,
      gpu: r.gpu,
      attention: r.attention,
      convention:
        r.attention === 'none'
          ? '6N per token (N = active parameters); attention scores not counted'
          : `6N + 12·${r.attention === 'full' ? 1 : 0.5}·L·h·d·S per token (PaLM appendix B, ${r.attention} scores)`,
      params: r.activeParams,
      totalParams: r.params,
      flopsPerToken: r.flopsPerToken,
      hardwareFlopsPerToken: r.hardwareFlopsPerToken,
      totalFlops: r.totalFlops,
      mfu: r.mfu,
      hfu: r.hfu,
      mfuByConvention: r.mfuByConvention,
      peakFlops: r.peakFlops,
      tokens: r.tokens,
      seq: r.seq,
      gpus: r.gpus,
      gpuHours: r.gpuHours,
      seconds: r.seconds,
      tokensPerSecond: r.tokensPerSecond,
      parallel: r.parallel,
      modelStatesBytes: m.modelStatesBytes,
      weightsBytes: m.weightsBytes,
      gradsBytes: m.gradsBytes,
      optimizerBytes: m.optimizerBytes,
      activationsPerLayerBytes: m.activationsPerLayerBytes,
      activationLayers: m.activationLayers,
      activationsBytes: m.activationsBytes,
      totalMemoryBytes: m.totalBytes,
      memoryPerGpuBytes: m.memoryPerGpuBytes,
      fits: m.fits,
      bubbleFraction: r.bubbleFraction,
      communicationBytesPerStep: r.communicationBytesPerStep,
      tokensPerStep: r.tokensPerStep,
      flopsPerGpuPerStep: r.flopsPerGpuPerStep,
      assumptions: r.assumptions,
      warnings: r.warnings,
    });
  },
});
