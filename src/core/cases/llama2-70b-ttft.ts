/**
 * Case: 8×A800 serve Llama 2 70B; 16 requests arrive together, each with a 4,000-token
 * prompt, and the first token is wanted within 600–700 ms. Is that reasonable?
 *
 * The question is the serving scenario's (src/core/scenario/serving.ts): its prefill of
 * the 16 prompts is the time to first token, the same number the CLI, the playground and
 * chapter 8 give for the same assumptions. Beside it, the bare lower bound the article
 * computes: the prefill's FLOPs at 100% of 8 × 312 TFLOP/s.
 */
import { checkBound } from '../bounds';
import { checkInputs } from '../formula';
import { getGpu, perDirectionBandwidth } from '../gpu/gpu';
import type { GpuSpec } from '../gpu/spec';
import { CALIBRATION } from '../latency/calibration';
import { computeSeconds } from '../latency/step';
import { prefillFlopsFormula } from '../latency/latency';
import { PRACTICAL_MFU_CEILING } from '../mfu/mfu';
import { getPreset } from '../model/presets';
import { activeParams } from '../params/params';
import { servingDerivations } from '../scenario/servingSteps';
import { servingScenario, type ServingResult } from '../scenario/serving';
import { InputError, formatInteger, formatPercent, formatSI, formatSeconds } from '../units';
import { applyOverrides, type WorkedCase } from './types';

export interface Llama2TtftAssumptions {
  /** GPU id from the table (its name and memory; peak and bandwidths below may override its figures). */
  gpu: string;
  gpus: number;
  /** Dense fp16/bf16 peak per GPU (A800 datasheet: 312 TFLOP/s; derived 311.87). */
  peak: number;
  requests: number;
  inputTokens: number;
  /** 0.5: causal attention, what kernels do (the default everywhere); 1: every key counted, as the reference article does. */
  maskFactor: number;
  /** η_c, the share of the 16-bit peak the matmuls reach (calibrated default 0.8). */
  mfu: number;
  targetLowSeconds: number;
  targetHighSeconds: number;
  /** HBM bandwidth per GPU, B/s (A800: 2.039 TB/s). */
  memoryBandwidth: number;
  /** NVLink per direction, B/s (A800: 400 GB/s bidirectional → 200). */
  linkBandwidth: number;
  /** η_link, the share of the link a ring all-reduce reaches. */
  commEfficiency: number;
}

export interface Llama2TtftAnswer {
  /** The prefill's FLOPs, counted matmul by matmul (attention by the mask assumption). */
  prefillFlops: number;
  /** Those FLOPs at 100% of the peak, nothing else: the article's lower bound. */
  secondsAtPeak: number;
  /** At the ~80% practical ceiling. */
  secondsAtCeiling: number;
  /** The estimate: the calibrated latency model's time to first token. */
  ttftSeconds: number;
  /** Where the estimate's time goes. */
  breakdown: { computeSeconds: number; elementwiseSeconds: number; commSeconds: number; overheadSeconds: number };
  /** True when the estimate meets the upper target. */
  reasonable: boolean;
  /** The share of peak the upper target needs at the bare roofline (above 1: impossible). */
  mfuNeeded: number;
  /** Requests of this length whose prefill, together, meets the upper target. */
  maxRequestsWithinTarget: number;
  params: number;
}

const A800 = getGpu('a800-sxm-80gb');

export const LLAMA2_TTFT_DEFAULTS: Readonly<Llama2TtftAssumptions> = {
  gpu: A800.id,
  gpus: 8,
  peak: 312e12,
  requests: 16,
  inputTokens: 4000,
  maskFactor: 0.5,
  mfu: CALIBRATION.computeEfficiency,
  targetLowSeconds: 0.6,
  targetHighSeconds: 0.7,
  memoryBandwidth: A800.memoryBandwidth,
  linkBandwidth: perDirectionBandwidth(A800),
  commEfficiency: CALIBRATION.linkEfficiency,
};

/** The GPU with the case's figures in place of the table's. */
function withFigures(gpu: GpuSpec, a: Llama2TtftAssumptions): GpuSpec {
  return {
    ...gpu,
    datasheet: { ...gpu.datasheet, bf16: a.peak, fp16: a.peak },
    memoryBandwidth: a.memoryBandwidth,
    interconnect: { ...gpu.interconnect, bandwidth: 2 * a.linkBandwidth },
  };
}

export function llama2TtftCase(overrides?: Partial<Llama2TtftAssumptions>): WorkedCase<Llama2TtftAssumptions, Llama2TtftAnswer> {
  const a = applyOverrides(LLAMA2_TTFT_DEFAULTS, overrides);
  const { gpu: _gpuId, ...numbers } = a;
  checkInputs(numbers, {
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
  checkBound(a.peak, 'flopsPerSecond', 'peak', 'Peak per GPU');
  checkBound(a.memoryBandwidth, 'bandwidth', 'memoryBandwidth', 'HBM bandwidth per GPU');
  checkBound(a.linkBandwidth, 'bandwidth', 'linkBandwidth', 'Link bandwidth per direction');
  checkBound(a.targetLowSeconds, 'seconds', 'targetLowSeconds', 'Target, low');
  checkBound(a.targetHighSeconds, 'seconds', 'targetHighSeconds', 'Target, high');
  if (a.maskFactor !== 1 && a.maskFactor !== 0.5) {
    throw new InputError('maskFactor', 'maskFactor must be 0.5 (causal, the default) or 1 (every key, as the article counts)');
  }
  if (a.targetLowSeconds > a.targetHighSeconds) {
    throw new InputError(
      'targetLowSeconds',
      `the low end of the target (${formatSeconds(a.targetLowSeconds)}) is above its high end (${formatSeconds(a.targetHighSeconds)})`,
    );
  }
  const spec = getPreset('llama-2-70b').spec;
  const gpu = withFigures(getGpu(a.gpu), a);
  const serve = (requests: number): ServingResult =>
    servingScenario({
      model: spec,
      gpu,
      gpus: a.gpus,
      batch: requests,
      inputTokens: a.inputTokens,
      outputTokens: 1,
      weightDtype: 'fp16',
      assumptions: {
        attention: a.maskFactor === 1 ? 'full' : 'causal',
        calibration: { ...CALIBRATION, computeEfficiency: a.mfu, linkEfficiency: a.commEfficiency },
      },
    });
  const r = serve(a.requests);
  const F = r.prefillFlops;
  const secondsAtPeak = computeSeconds(F, a.gpus, a.peak, 1);
  const secondsAtCeiling = computeSeconds(F, a.gpus, a.peak, PRACTICAL_MFU_CEILING);
  const ttft = r.ttftSeconds;
  const reasonable = ttft <= a.targetHighSeconds;
  // The largest batch whose prefill meets the target: TTFT grows with the batch, so bisect (at most 40 steps).
  let lo = 0;
  let hi = a.requests;
  while (serve(hi).ttftSeconds <= a.targetHighSeconds && hi < 1e7) {
    lo = hi;
    hi *= 2;
  }
  for (let i = 0; i < 40 && hi - lo > 1; i += 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (serve(mid).ttftSeconds <= a.targetHighSeconds) lo = mid;
    else hi = mid;
  }
  const maxRequestsWithinTarget = lo;
  const N = activeParams(spec);
  const article = prefillFlopsFormula.derive({ B: a.requests, S: a.inputTokens, N, L: spec.layers, H: spec.heads * spec.headDim, m: a.maskFactor });
  const derivations = servingDerivations(spec, r).filter((d) => d.title.startsWith('Prefill') || d.id === 'latency.prefill' || d.id === 'latency.stepOverhead');
  const ms = (s: number) => `${formatInteger(Math.round(s * 1000))} ms`;
  const parts = `compute ${formatSeconds(r.prefill.matmulSeconds + r.prefill.attentionSeconds)}, all-reduces ${formatSeconds(r.prefill.commSeconds)}`;
  return {
    id: 'llama2-70b-ttft',
    title: 'Llama 2 70B on 8×A800: is a 600–700 ms first token reasonable?',
    question:
      'Llama 2 70B runs on 8 A800s; 16 requests each bring 4,000 input tokens and want their first token in about 600–700 ms. Is that a reasonable requirement?',
    steps: [
      {
        ...article,
        title: `Prefill FLOPs by the article’s formula (2N per prompt token counts the embedding lookup and the norms as matmul work and the LM head at every position; the engine below counts only the matmuls, the LM head at each prompt’s last token: ${formatSI(article.value - F, 'FLOPs')} less)`,
      },
      ...derivations,
    ],
    assumptions: a,
    assumptionNotes: {
      peak: 'A800 datasheet dense fp16/bf16: 312 TFLOP/s (first principles: 2·(8·4·8)·4·108·1.41 GHz = 311.87).',
      maskFactor: 'Causal (0.5), as the kernels run and as every other answer on this site counts; the reference article counts every key (1).',
      mfu: 'η_c: the share of the 16-bit peak the matmuls reach; 0.8 is the calibrated default (the article’s A800 ceiling).',
      linkBandwidth: 'A800 NVLink is capped at 400 GB/s bidirectional, 200 GB/s each way.',
      commEfficiency: 'Share of the per-direction link a ring all-reduce reaches; the all-reduces are assumed not to overlap compute.',
    },
    answer: {
      prefillFlops: F,
      secondsAtPeak,
      secondsAtCeiling,
      ttftSeconds: ttft,
      breakdown: {
        computeSeconds: r.prefill.matmulSeconds + r.prefill.attentionSeconds,
        elementwiseSeconds: r.prefill.elementwiseSeconds,
        commSeconds: r.prefill.commSeconds,
        overheadSeconds: r.prefill.overheadSeconds,
      },
      reasonable,
      mfuNeeded: secondsAtPeak / a.targetHighSeconds,
      maxRequestsWithinTarget,
      params: N,
    },
    warnings: r.warnings,
    verdict: reasonable
      ? `Reasonable: the estimate is ${ms(ttft)} (${parts}), within the ${ms(a.targetHighSeconds)} asked.`
      : `Not reasonable: the ${formatInteger(a.requests)} prompts of ${formatInteger(a.inputTokens)} tokens need ${formatSI(F, 'FLOPs')}, ${ms(secondsAtPeak)} even at 100% of ${formatInteger(a.gpus)}×${formatSI(a.peak, 'FLOP/s')}; the estimate is ${formatSeconds(ttft)} (${parts}). ${maxRequestsWithinTarget === 0 ? 'Not even one such request alone meets' : maxRequestsWithinTarget === 1 ? 'Only one such request alone meets' : `At most ${formatInteger(maxRequestsWithinTarget)} such requests together meet`} ${ms(a.targetHighSeconds)}; all of them together would need ${formatPercent(secondsAtPeak / a.targetHighSeconds)} of peak even with nothing else in the way.`,
  };
}
