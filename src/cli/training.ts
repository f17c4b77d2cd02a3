/**
 * `training <model> --tokens T --seq S --gpu ID (--gpu-hours G | --gpus N --tokens-per-second X)
 * [--attention none|causal|full] [--dtype bf16]`: training FLOPs per token and in total,
 * and the MFU the run reached.
 *
 * Default `--attention none`: 6N per token, N the active parameters (Kaplan et al. 2020),
 * the convention most MFU figures use. `causal` and `full` add PaLM's 12·L·h·d·S, halved
 * for a causal mask. `mfuByConvention` prints all three.
 */
import { getGpu, gpuPeakFlops } from '../core/gpu/gpu';
import { mfuFromGpuHours, modelFlopsUtilization } from '../core/mfu/mfu';
import { activeParams } from '../core/params/params';
import {
  ATTENTION_CONVENTIONS,
  attentionMaskFactor,
  parseAttentionConvention,
  trainingFlopsPerTokenWithAttention,
  type AttentionConvention,
} from '../core/training/compute';
import { InputError } from '../core/units';
import { defineCommand, type FlagTable } from './args';
import { loadModel } from './model';

/**
 * The flags of `training`, declared once: parsing, bounds, `--help` and the "did you
 * mean" suggestions all come from this table. Give either --gpu-hours, or --gpus with
 * --tokens-per-second.
 */
export const TRAINING_FLAGS = {
  tokens: { kind: 'number', bound: 'trainingTokens', unit: 'tokens', required: true, description: 'training tokens D (15T = 15e12)' },
  seq: { kind: 'integer', bound: 'sequence', unit: 'tokens', required: true, description: 'training sequence length S' },
  gpu: { kind: 'string', metavar: 'ID', required: true, description: 'GPU id (see `gpu list`)' },
  'gpu-hours': { kind: 'number', bound: 'gpuHours', unit: 'GPU-h', description: 'GPU-hours the run took (instead of --gpus and --tokens-per-second)' },
  gpus: { kind: 'integer', bound: 'gpus', unit: 'GPUs', description: 'GPUs in the run (with --tokens-per-second)' },
  'tokens-per-second': {
    kind: 'number',
    bound: 'tokensPerSecond',
    unit: 'tokens/s',
    description: 'training throughput of the whole run (with --gpus)',
  },
  attention: {
    kind: 'enum',
    choices: ATTENTION_CONVENTIONS,
    default: 'none',
    description: 'attention-score FLOPs MFU counts: none (6N), or PaLM\'s 12·L·h·d·S, halved for causal',
  },
  dtype: { kind: 'enum', choices: ['bf16', 'fp16', 'fp8', 'tf32', 'fp32'], default: 'bf16', description: 'the tensor-core peak the MFU is measured against' },
} as const satisfies FlagTable;

/**
 * `training <model> --tokens T --seq S --gpu ID (--gpu-hours G | --gpus N --tokens-per-second X)`: FLOPs and MFU.
 * @example trainingCommand.execute(['llama-3-70b', '--tokens', '15T', '--seq', '8192', '--gpu', 'h100-sxm', '--gpu-hours', '6.4M']) //=> { kind: 'result', result: { flopsPerToken: 423322238976, mfu: 0.2785531…, … }, json: false }
 */
export const trainingCommand = defineCommand({
  name: 'training',
  summary: 'Training FLOPs per token and in total, and the MFU the run reached',
  positionals: [{ name: 'model', description: 'a preset id (see `model list`) or a path to a Hugging Face config.json' }],
  flags: TRAINING_FLAGS,
  notes: ['Default --attention none: 6N per token, N the active parameters (Kaplan et al. 2020); `mfuByConvention` prints all three.'],
  run({ positionals, flags, given }) {
    const { spec } = loadModel(positionals[0]);
    const gpu = getGpu(flags.gpu);
    const tokens = flags.tokens;
    const seq = flags.seq;
    const attention = parseAttentionConvention(flags.attention);
    const dtype = flags.dtype;
    const peak = gpuPeakFlops(gpu, dtype);
    const N = activeParams(spec);
    const perToken = (convention: AttentionConvention) =>
      trainingFlopsPerTokenWithAttention({
        params: N,
        mask: attentionMaskFactor(convention),
        layers: spec.layers,
        heads: spec.heads,
        headDim: spec.headDim,
        seq,
      });
    const hasHours = given.has('gpu-hours');
    const hasThroughput = given.has('gpus') || given.has('tokens-per-second');
    if (hasHours === hasThroughput) {
      throw new InputError('gpu-hours', 'give either --gpu-hours G, or --gpus N with --tokens-per-second X');
    }
    let mfuOf: (flopsPerToken: number) => number;
    let run: Record<string, number>;
    if (hasHours) {
      const gpuHours = flags['gpu-hours'] ?? 0;
      mfuOf = (f) => mfuFromGpuHours({ flopsPerToken: f, tokens, gpuHours, peak });
      run = { gpuHours };
    } else {
      const gpus = flags.gpus;
      const tokensPerSecond = flags['tokens-per-second'];
      if (gpus === undefined) throw new InputError('gpus', '--gpus is required with --tokens-per-second (GPUs in the run)');
      if (tokensPerSecond === undefined) {
        throw new InputError('tokens-per-second', '--tokens-per-second is required with --gpus (training throughput of the whole run)');
      }
      mfuOf = (f) => modelFlopsUtilization({ flopsPerToken: f, tokensPerSecond, gpus, peak });
      const seconds = tokens / tokensPerSecond;
      run = { gpus, tokensPerSecond, seconds, gpuHours: (seconds * gpus) / 3600 };
    }
    const flopsPerToken = perToken(attention);
    return {
      model: spec.id,
      gpu: gpu.id,
      attention,
      convention:
        attention === 'none'
          ? '6N per token (N = active parameters); attention scores not counted'
          : `6N + 12·${attentionMaskFactor(attention)}·L·h·d·S per token (PaLM appendix B, ${attention} scores)`,
      params: N,
      flopsPerToken,
      totalFlops: flopsPerToken * tokens,
      mfu: mfuOf(flopsPerToken),
      mfuByConvention: { none: mfuOf(perToken('none')), causal: mfuOf(perToken('causal')), full: mfuOf(perToken('full')) },
      peakFlops: peak,
      tokens,
      seq,
      ...run,
    };
  },
});
