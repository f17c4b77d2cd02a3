/**
 * `training <model> --tokens T --seq S --gpu ID (--gpu-hours G | --gpus N --tokens-per-second X)
 * [--attention none|causal|full] [--dtype bf16]`: training FLOPs per token and in total,
 * and the MFU the run reached.
 *
 * Default `--attention none`: 6N per token, N the active parameters (Kaplan et al. 2020),
 * the convention most MFU figures use. `causal` and `full` add PaLM's 12·L·h·d·S, halved
 * for a causal mask. `mfuByConvention` prints all three.
 */
import { checkInputs } from '../core/formula';
import { getGpu, gpuPeakFlops, isPeakDtype } from '../core/gpu/gpu';
import { mfuFromGpuHours, modelFlopsUtilization } from '../core/mfu/mfu';
import { activeParams } from '../core/params/params';
import {
  attentionMaskFactor,
  parseAttentionConvention,
  trainingFlopsPerTokenWithAttention,
  type AttentionConvention,
} from '../core/training/compute';
import { InputError } from '../core/units';
import { numberFlag, stringFlag, type Command } from './args';
import { loadModel } from './model';

export const trainingCommand: Command = {
  usage: 'training <model> --tokens T --seq S --gpu ID (--gpu-hours G | --gpus N --tokens-per-second X) [--attention none|causal|full] [--dtype bf16]',
  run(positionals, flags) {
    const { spec } = loadModel(positionals[0]);
    const gpu = getGpu(stringFlag(flags, 'gpu'));
    const tokens = numberFlag(flags, 'tokens');
    const seq = numberFlag(flags, 'seq');
    checkInputs({ tokens, seq }, { tokens: 'positive', seq: 'positiveInt' }, { tokens: '--tokens', seq: '--seq' });
    const attention = parseAttentionConvention(stringFlag(flags, 'attention', 'none'));
    const dtype = stringFlag(flags, 'dtype', 'bf16');
    if (!isPeakDtype(dtype)) throw new InputError('dtype', `--dtype must be one of bf16, fp16, fp8, tf32, fp32, got "${dtype}"`);
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
    const hasHours = flags['gpu-hours'] !== undefined;
    const hasThroughput = flags['gpus'] !== undefined || flags['tokens-per-second'] !== undefined;
    if (hasHours === hasThroughput) {
      throw new InputError('gpu-hours', 'give either --gpu-hours G, or --gpus N with --tokens-per-second X');
    }
    let mfuOf: (flopsPerToken: number) => number;
    let run: Record<string, number>;
    if (hasHours) {
      const gpuHours = numberFlag(flags, 'gpu-hours');
      checkInputs({ gpuHours }, { gpuHours: 'positive' }, { gpuHours: '--gpu-hours' });
      mfuOf = (f) => mfuFromGpuHours({ flopsPerToken: f, tokens, gpuHours, peak });
      run = { gpuHours };
    } else {
      const gpus = numberFlag(flags, 'gpus');
      const tokensPerSecond = numberFlag(flags, 'tokens-per-second');
      checkInputs({ gpus, tokensPerSecond }, { gpus: 'positiveInt', tokensPerSecond: 'positive' }, {
        gpus: '--gpus',
        tokensPerSecond: '--tokens-per-second',
      });
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
};
