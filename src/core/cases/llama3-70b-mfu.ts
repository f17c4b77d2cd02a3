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
import { getPreset } from '../model/presets';
import { countParams } from '../params/params';
import { mfuFromGpuHours, mfuFromGpuHoursFormula } from '../mfu/mfu';
import {
  trainingAttentionFlopsFormula,
  trainingFlopsPerToken,
  trainingFlopsPerTokenFormula,
  trainingFlopsPerTokenWithAttention,
  trainingTotalFlopsFormula,
} from '../training/compute';
import { applyOverrides, type WorkedCase } from './types';

export interface Llama3MfuAssumptions {
  /** N for the headline: the article's round 70e9 (the exact count is reported beside it). */
  params: number;
  layers: number;
  heads: number;
  headDim: number;
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
  params: 70e9,
  layers: 80,
  heads: 64,
  headDim: 128,
  seq: 8192,
  tokens: 15e12,
  gpuHours: 6.4e6,
  peak: 989e12,
};

export function llama3MfuCase(overrides?: Partial<Llama3MfuAssumptions>): WorkedCase<Llama3MfuAssumptions, Llama3MfuAnswer> {
  const a = applyOverrides(LLAMA3_MFU_DEFAULTS, overrides);
  checkInputs(a, {
    params: 'positive',
    layers: 'positiveInt',
    heads: 'positiveInt',
    headDim: 'positiveInt',
    seq: 'positiveInt',
    tokens: 'positive',
    gpuHours: 'positive',
    peak: 'positive',
  });
  const exactParams = countParams(getPreset('llama-3-70b').spec).total;
  const attention = (N: number, m: number) =>
    trainingFlopsPerTokenWithAttention({ params: N, mask: m, layers: a.layers, heads: a.heads, headDim: a.headDim, seq: a.seq });
  const mfuOf = (flopsPerToken: number) => mfuFromGpuHours({ flopsPerToken, tokens: a.tokens, gpuHours: a.gpuHours, peak: a.peak });
  const flopsPerToken = trainingFlopsPerToken(a.params);
  const withFull = attention(a.params, 1);
  const steps = [
    trainingFlopsPerTokenFormula.derive({ N: a.params }),
    trainingTotalFlopsFormula.derive({ F: flopsPerToken, D: a.tokens }),
    mfuFromGpuHoursFormula.derive({ F: flopsPerToken, D: a.tokens, G: a.gpuHours, P: a.peak }),
    trainingFlopsPerTokenFormula.derive({ N: exactParams }),
    mfuFromGpuHoursFormula.derive({ F: trainingFlopsPerToken(exactParams), D: a.tokens, G: a.gpuHours, P: a.peak }),
    trainingAttentionFlopsFormula.derive({ N: a.params, m: 1, L: a.layers, h: a.heads, d: a.headDim, S: a.seq }),
    mfuFromGpuHoursFormula.derive({ F: withFull, D: a.tokens, G: a.gpuHours, P: a.peak }),
  ];
  const mfu = mfuOf(flopsPerToken);
  const mfuWithFullAttention = mfuOf(withFull);
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
      mfuExactParams: mfuOf(trainingFlopsPerToken(exactParams)),
      mfuWithCausalAttention: mfuOf(attention(a.params, 0.5)),
      mfuWithFullAttention,
      flopsPerToken,
      totalFlops: flopsPerToken * a.tokens,
      exactParams,
      headlineConvention: '6N per token, N = the params assumption, attention scores not counted',
    },
    verdict: `About ${formatPercent(mfu)} MFU by the 6N convention (${formatPercent(mfuWithFullAttention)} counting the full attention scores of ${formatInteger(a.seq)}-token sequences as PaLM does), averaged over the whole run.`,
  };
}
