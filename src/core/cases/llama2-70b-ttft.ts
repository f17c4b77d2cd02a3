/**
 * Case: 8×A800 serve Llama 2 70B; 16 requests arrive together, each with a 4,000-token
 * prompt, and the first token is wanted within 600–700 ms. Is that reasonable?
 *
 * Prefill FLOPs (the article's form, every key counted): B·S·(2N + 4·L·H·S), then the
 * time at 100% of 8 × 312 TFLOP/s, at a realistic MFU, and with the tensor-parallel
 * all-reduces over the A800's capped 400 GB/s NVLink.
 */
import { checkInputs } from '../formula';
import { getPreset } from '../model/presets';
import { countParams } from '../params/params';
import { getGpu, perDirectionBandwidth } from '../gpu/gpu';
import { PRACTICAL_MFU_CEILING } from '../mfu/mfu';
import { estimateInferenceLatency, forwardFlopsArticle, prefillFlopsFormula, prefillLatencyFormula } from '../latency/latency';
import { InputError, formatInteger, formatPercent, formatSI } from '../units';
import { applyOverrides, type WorkedCase } from './types';

export interface Llama2TtftAssumptions {
  gpus: number;
  /** Dense fp16/bf16 peak per GPU (A800 datasheet: 312 TFLOP/s; derived 311.87). */
  peak: number;
  requests: number;
  inputTokens: number;
  /** 1: every key counted, as the reference article does; 0.5: causal mask. */
  maskFactor: number;
  /** A realistic prefill MFU. */
  mfu: number;
  targetLowSeconds: number;
  targetHighSeconds: number;
  /** HBM bandwidth per GPU, B/s (A800: 2.039 TB/s). */
  memoryBandwidth: number;
  /** NVLink per direction, B/s (A800: 400 GB/s bidirectional → 200). */
  linkBandwidth: number;
  /** Fraction of the link a ring all-reduce reaches. */
  commEfficiency: number;
}

export interface Llama2TtftAnswer {
  prefillFlops: number;
  /** Prefill seconds at 100% of peak, no communication: the lower bound. */
  secondsAtPeak: number;
  /** At the article's ~80% practical ceiling. */
  secondsAtCeiling: number;
  /** At the `mfu` assumption. */
  secondsAtMfu: number;
  /** Roofline at `mfu`, plus the tensor-parallel all-reduces (not overlapped). */
  secondsWithCommunication: number;
  /** True when the realistic estimate (secondsAtMfu) meets the upper target. */
  reasonable: boolean;
  /** MFU that would meet the upper target (above 1: impossible). */
  mfuNeeded: number;
  /** Requests of this length whose prefill fits in the upper target at `mfu`. */
  maxRequestsWithinTarget: number;
  params: number;
}

const A800 = getGpu('a800-sxm-80gb');

export const LLAMA2_TTFT_DEFAULTS: Readonly<Llama2TtftAssumptions> = {
  gpus: 8,
  peak: 312e12,
  requests: 16,
  inputTokens: 4000,
  maskFactor: 1,
  mfu: 0.5,
  targetLowSeconds: 0.6,
  targetHighSeconds: 0.7,
  memoryBandwidth: A800.memoryBandwidth,
  linkBandwidth: perDirectionBandwidth(A800),
  commEfficiency: 0.8,
};

export function llama2TtftCase(overrides?: Partial<Llama2TtftAssumptions>): WorkedCase<Llama2TtftAssumptions, Llama2TtftAnswer> {
  const a = applyOverrides(LLAMA2_TTFT_DEFAULTS, overrides);
  checkInputs(a, {
    gpus: 'positiveInt',
    peak: 'positive',
    requests: 'positiveInt',
    inputTokens: 'positiveInt',
    maskFactor: 'fraction',
    mfu: 'fraction',
    targetLowSeconds: 'positive',
    targetHighSeconds: 'positive',
    memoryBandwidth: 'positive',
    linkBandwidth: 'positive',
    commEfficiency: 'fraction',
  });
  if (a.maskFactor !== 1 && a.maskFactor !== 0.5) {
    throw new InputError('maskFactor', 'maskFactor must be 1 (every key, as the article counts) or 0.5 (causal)');
  }
  const spec = getPreset('llama-2-70b').spec;
  const N = countParams(spec).total;
  const L = spec.layers;
  const width = spec.heads * spec.headDim;
  const weights = 2 * N;
  const prefill = prefillFlopsFormula.derive({ B: a.requests, S: a.inputTokens, N, L, H: width, m: a.maskFactor });
  const F = prefill.value;
  const atPeak = prefillLatencyFormula.derive({ F, Q: weights, G: a.gpus, P: a.peak, W: a.memoryBandwidth, ec: 1, em: 1, Tc: 0 });
  const atMfu = prefillLatencyFormula.derive({ F, Q: weights, G: a.gpus, P: a.peak, W: a.memoryBandwidth, ec: a.mfu, em: 1, Tc: 0 });
  const roofline = estimateInferenceLatency(
    {
      params: N,
      layers: L,
      attentionWidth: width,
      hidden: spec.hidden,
      weightsBytes: weights,
      kvBytesPerToken: 2 * L * spec.kvHeads * spec.headDim * 2,
      activationBytesPerElement: 2,
    },
    { gpus: a.gpus, peak: a.peak, memoryBandwidth: a.memoryBandwidth, linkBandwidth: a.linkBandwidth },
    { batch: a.requests, input: a.inputTokens, output: 1, attention: a.maskFactor === 1 ? 'full' : 'causal' },
    { compute: a.mfu, memory: 1, comm: a.commEfficiency, allReduceLatency: 0 },
  );
  const commStep = roofline.steps.find((s) => s.id === 'latency.tensorParallelComm');
  const secondsAtPeak = atPeak.value;
  const secondsAtMfu = atMfu.value;
  const secondsAtCeiling = F / (a.gpus * a.peak * PRACTICAL_MFU_CEILING);
  const perRequest = forwardFlopsArticle({ params: N, layers: L, attentionWidth: width, tokens: a.inputTokens, context: a.maskFactor * a.inputTokens });
  const maxRequestsWithinTarget = Math.floor((a.targetHighSeconds * a.gpus * a.peak * a.mfu) / perRequest);
  const reasonable = secondsAtMfu <= a.targetHighSeconds;
  const ms = (s: number) => `${formatInteger(Math.round(s * 1000))} ms`;
  return {
    id: 'llama2-70b-ttft',
    title: 'Llama 2 70B on 8×A800: is a 600–700 ms first token reasonable?',
    question:
      'Llama 2 70B runs on 8 A800s; 16 requests each bring 4,000 input tokens and want their first token in about 600–700 ms. Is that a reasonable requirement?',
    steps: [prefill, atPeak, atMfu, ...(commStep ? [commStep] : [])],
    assumptions: a,
    assumptionNotes: {
      peak: 'A800 datasheet dense fp16/bf16: 312 TFLOP/s (first principles: 2·(8·4·8)·4·108·1.41 GHz = 311.87).',
      maskFactor: 'The reference article counts every key (4·L·H·S per token); a causal kernel does about half the score FLOPs.',
      mfu: 'Prefill kernels typically reach about half of peak; the article’s practical ceiling on A800 is ~80%.',
      linkBandwidth: 'A800 NVLink is capped at 400 GB/s bidirectional, 200 GB/s each way.',
      commEfficiency: 'Share of the per-direction link a ring all-reduce reaches; the all-reduces are assumed not to overlap compute.',
    },
    answer: {
      prefillFlops: F,
      secondsAtPeak,
      secondsAtCeiling,
      secondsAtMfu,
      secondsWithCommunication: roofline.ttftSeconds,
      reasonable,
      mfuNeeded: secondsAtPeak / a.targetHighSeconds,
      maxRequestsWithinTarget,
      params: N,
    },
    verdict: reasonable
      ? `Reasonable: the prefill takes about ${ms(secondsAtMfu)} at ${formatPercent(a.mfu)} MFU, within the ${ms(a.targetHighSeconds)} asked.`
      : `Not reasonable: the ${formatInteger(a.requests)} prompts of ${formatInteger(a.inputTokens)} tokens need ${formatSI(F, 'FLOPs')}, ${ms(secondsAtPeak)} even at 100% of ${a.gpus}×${formatSI(a.peak, 'FLOP/s')} (${ms(secondsAtMfu)} at ${formatPercent(a.mfu)} MFU); only ${maxRequestsWithinTarget} such request${maxRequestsWithinTarget === 1 ? '' : 's'} fit${maxRequestsWithinTarget === 1 ? 's' : ''} in ${ms(a.targetHighSeconds)}.`,
  };
}
