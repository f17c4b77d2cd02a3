/**
 * Case: Llama 3 70B was trained on 15T tokens of up to 8K context in 6.4M H100 GPU-hours.
 * What fraction of the H100's 989 TFLOP/s did that use?
 *
 * MFU = F_token·D / (G·3600·P). The headline uses 6N with the article's N = 70e9;
 * beside it the same with the exact 70,553,706,496 parameters of the released
 * checkpoint, and with PaLM's attention term (causal and full scores).
 * @see Meta, Llama 3 model card (2024): 15T+ tokens, 6.4M H100-80GB GPU-hours for 70B
 */
import { formatInteger, formatPercent } from '../units';
import { checkInputs } from '../formula';
import { getGpu } from '../gpu/gpu';
import { getPreset } from '../model/presets';
import { countParams } from '../params/params';
import { mfuFromGpuHoursFormula } from '../mfu/mfu';
import { trainingScenario, type TrainingResult } from '../scenario/training';
import { trainingAttentionFlopsFormula, trainingFlopsPerTokenFormula, trainingTotalFlopsFormula } from '../training/compute';
import { applyOverrides, type WorkedCase } from './types';

export interface Llama3MfuAssumptions {
  /** The GPU the run used (its peak is the `peak` assumption). */
  gpu: string;
  /** N for the headline: the article's round 70e9 (the exact count is reported beside it). */
  params: number;
  /** Training sequence length, S. */
  seq: number;
  /** Training tokens, D. */
  tokens: number;
  gpuHours: number;
  /** Dense bf16 peak per GPU, FLOP/s (H100 SXM: 989.4; the question says 989). */
  peak: number;
}

export interface Llama3MfuAnswer {
  /** Headline: 6N with N = params (the article's 70e9). */
  mfu: number;
  /** 6N with the checkpoint's exact parameter count. */
  mfuExactParams: number;
  /** 6N + PaLM attention with a causal mask (m = 1/2). */
  mfuWithCausalAttention: number;
  /** 6N + PaLM attention counting every key (m = 1), PaLM's own convention. */
  mfuWithFullAttention: number;
  flopsPerToken: number;
  totalFlops: number;
  exactParams: number;
  headlineConvention: string;
}

export const LLAMA3_MFU_DEFAULTS: Readonly<Llama3MfuAssumptions> = {
  gpu: 'h100-sxm',
  params: 70e9,
  seq: 8192,
  tokens: 15e12,
  gpuHours: 6.4e6,
  peak: 989e12,
};

export function llama3MfuCase(overrides?: Partial<Llama3MfuAssumptions>): WorkedCase<Llama3MfuAssumptions, Llama3MfuAnswer> {
  const a = applyOverrides(LLAMA3_MFU_DEFAULTS, overrides);
  checkInputs(
    { params: a.params, seq: a.seq, tokens: a.tokens, gpuHours: a.gpuHours, peak: a.peak },
    {
      params: 'positive',
      seq: 'positiveInt',
      tokens: 'positive',
      gpuHours: 'positive',
      peak: 'positive',
    },
  );
  const spec = getPreset('llama-3-70b').spec;
  const gpu = getGpu(a.gpu);
  const exactParams = countParams(spec).total;
  const train = (params?: number): TrainingResult =>
    trainingScenario({
      model: spec,
      gpu,
      tokens: a.tokens,
      seq: a.seq,
      run: { kind: 'gpu-hours', gpuHours: a.gpuHours },
      ...(params === undefined ? {} : { params }),
      assumptions: { peakFlopsPerSecond: a.peak },
    });
  const headline = train(a.params);
  const exact = train();
  const byConvention = headline.mfuByConvention!;
  const F = headline.flopsPerToken;
  const withFull = F + (byConvention.full / byConvention.none - 1) * F;
  // Titles say what each step changes, so the three MFUs read as three conventions, not one step thrice.
  const steps = [
    { ...trainingFlopsPerTokenFormula.derive({ N: a.params }), title: 'FLOPs per token: 6N with the assumed N' },
    { ...trainingTotalFlopsFormula.derive({ F, D: a.tokens }), title: 'FLOPs of the whole run: per-token FLOPs × tokens' },
    { ...mfuFromGpuHoursFormula.derive({ F, D: a.tokens, G: a.gpuHours, P: a.peak }), title: 'MFU with 6N and the assumed N (the headline)' },
    { ...trainingFlopsPerTokenFormula.derive({ N: exactParams }), title: 'FLOPs per token: 6N with the checkpoint’s exact N' },
    { ...mfuFromGpuHoursFormula.derive({ F: exact.flopsPerToken, D: a.tokens, G: a.gpuHours, P: a.peak }), title: 'MFU with the exact N' },
    {
      ...trainingAttentionFlopsFormula.derive({ N: a.params, m: 1, L: spec.layers, h: spec.heads, d: spec.headDim, S: a.seq }),
      title: 'FLOPs per token: 6N plus every attention score (PaLM)',
    },
    { ...mfuFromGpuHoursFormula.derive({ F: withFull, D: a.tokens, G: a.gpuHours, P: a.peak }), title: 'MFU with the attention scores counted (PaLM)' },
  ];
  const mfu = headline.mfu!;
  return {
    id: 'llama3-70b-mfu',
    title: 'Llama 3 70B: what MFU did the training run reach?',
    question:
      'Llama 3 70B was trained on 15T tokens with sequences of up to 8K in 6.4M H100 GPU-hours. What fraction of the H100’s 989 TFLOP/s peak did that use?',
    steps,
    assumptions: a,
    assumptionNotes: {
      params: 'The article’s round 70B; the checkpoint’s exact count (70,553,706,496) is answered beside it.',
      seq: '8K, the pre-training context; only the attention-inclusive MFU depends on it.',
      tokens: '15T, from the Llama 3 model card (“15T+”).',
      gpuHours: '6.4M H100-80GB GPU-hours, from the Llama 3 model card; it covers the whole run, stalls and restarts included.',
      peak: '989 TFLOP/s dense bf16, as the question states (H100 SXM datasheet: 989.4, half the 1,979 “with sparsity”).',
    },
    answer: {
      mfu,
      mfuExactParams: exact.mfu!,
      mfuWithCausalAttention: byConvention.causal,
      mfuWithFullAttention: byConvention.full,
      flopsPerToken: F,
      totalFlops: headline.totalFlops,
      exactParams,
      headlineConvention: '6N per token, N = the params assumption, attention scores not counted',
    },
    warnings: headline.warnings,
    verdict: `About ${formatPercent(mfu)} MFU by the 6N convention (${formatPercent(byConvention.full)} counting the full attention scores of ${formatInteger(a.seq)}-token sequences as PaLM does), averaged over the whole run.`,
  };
}
