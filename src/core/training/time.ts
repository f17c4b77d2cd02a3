/**
 * Training time in both directions: from an assumed MFU to wall-clock days and
 * GPU-hours, and from a run's wall-clock days back to the MFU it implies.
 *
 *   C = F_token · D                 total FLOPs for D tokens
 *   T = C / (n · P · MFU)           seconds on n GPUs          (./compute.ts trainingSeconds)
 *   G = C / (P · MFU · 3600)        GPU-hours, independent of n (./compute.ts trainingGpuHours)
 *   MFU = C / (n · P · T)           the inverse
 * @see Chowdhery et al., "PaLM" (2022), appendix B, for MFU
 */
import { checkInputs, defineFormula } from '../formula';
import { InputError } from '../units';
import { gpuHoursFromSeconds, trainingGpuHours, trainingSeconds, trainingTotalFlops } from './compute';

export const SECONDS_PER_DAY = 86_400; // 24 · 60 · 60

export interface TrainingTime {
  totalFlops: number;
  seconds: number;
  days: number;
  gpuHours: number;
  mfu: number;
}

/**
 * Days and GPU-hours to train D tokens at F FLOPs each on n GPUs of peak P at utilisation MFU.
 * @example trainingTimeFromMfu({ flopsPerToken: 6 * 70e9, tokens: 15e12, gpus: 16384, peak: 989e12, mfu: 0.4 }).days //=> 11.25…
 */
export function trainingTimeFromMfu(p: { flopsPerToken: number; tokens: number; gpus: number; peak: number; mfu: number }): TrainingTime {
  checkInputs(
    { flopsPerToken: p.flopsPerToken, tokens: p.tokens, gpus: p.gpus, peak: p.peak, mfu: p.mfu },
    { flopsPerToken: 'positive', tokens: 'positive', gpus: 'positiveInt', peak: 'positive', mfu: 'fraction' },
    { flopsPerToken: 'FLOPs per token', tokens: 'Training tokens', gpus: 'GPUs', peak: 'Peak FLOP/s', mfu: 'MFU' },
  );
  const totalFlops = trainingTotalFlops(p);
  const seconds = trainingSeconds({ flops: totalFlops, gpus: p.gpus, peakFlopsPerSecond: p.peak, mfu: p.mfu });
  return {
    totalFlops,
    seconds,
    days: seconds / SECONDS_PER_DAY,
    gpuHours: trainingGpuHours({ flops: totalFlops, peakFlopsPerSecond: p.peak, mfu: p.mfu }),
    mfu: p.mfu,
  };
}

/**
 * MFU = C / (n·P·T): the utilisation a run of `days` wall-clock days on n GPUs implies.
 * @example mfuFromTrainingTime({ C: 6.3e24, n: 16384, P: 989e12, T: 11.25 * 86400 }) //=> 0.4000…
 */
export function mfuFromTrainingTime({ C, n, P, T }: { C: number; n: number; P: number; T: number }): number {
  return C / (n * P * T);
}

/**
 * The inverse direction: MFU and GPU-hours from a run's wall-clock days.
 * InputError on `days` when the days are too few for the GPUs to do the work even at 100%.
 * @example trainingTimeFromDays({ flopsPerToken: 6 * 70e9, tokens: 15e12, gpus: 16384, peak: 989e12, days: 30 }).mfu //=> 0.15…
 */
export function trainingTimeFromDays(p: { flopsPerToken: number; tokens: number; gpus: number; peak: number; days: number }): TrainingTime {
  checkInputs(
    { flopsPerToken: p.flopsPerToken, tokens: p.tokens, gpus: p.gpus, peak: p.peak, days: p.days },
    { flopsPerToken: 'positive', tokens: 'positive', gpus: 'positiveInt', peak: 'positive', days: 'positive' },
    { flopsPerToken: 'FLOPs per token', tokens: 'Training tokens', gpus: 'GPUs', peak: 'Peak FLOP/s', days: 'Days' },
  );
  const totalFlops = trainingTotalFlops(p);
  const seconds = p.days * SECONDS_PER_DAY;
  const mfu = mfuFromTrainingTime({ C: totalFlops, n: p.gpus, P: p.peak, T: seconds });
  if (mfu > 1) {
    const fastest = trainingSeconds({ flops: totalFlops, gpus: p.gpus, peakFlopsPerSecond: p.peak, mfu: 1 }) / SECONDS_PER_DAY;
    throw new InputError('days', `Days: that would need an MFU above 100%; at peak these GPUs need at least ${fastest.toPrecision(3)} days`);
  }
  return { totalFlops, seconds, days: p.days, gpuHours: gpuHoursFromSeconds({ seconds, gpus: p.gpus }), mfu };
}

/**
 * GPU-hours of a run that kept `gpus` GPUs busy for `days` wall-clock days: 24·days·gpus.
 * What a run reported in days is, for the MFU-from-GPU-hours question.
 * @example runGpuHours({ days: 30, gpus: 16384 }) //=> 11796480
 */
export function runGpuHours(p: { days: number; gpus: number }): number {
  return gpuHoursFromSeconds({ seconds: p.days * SECONDS_PER_DAY, gpus: p.gpus });
}

export const mfuFromTrainingTimeFormula = defineFormula({
  id: 'training.mfuFromTime',
  anchor: 'training-mfu-from-time',
  page: 'training',
  title: 'MFU implied by a training run’s duration',
  description: 'The training time formula solved for MFU: the FLOPs the run needed over what G GPUs could do at peak in that time.',
  lhs: '\\text{MFU}',
  unit: 'ratio',
  symbols: { C: 'C', n: 'G', P: 'P_{\\text{peak}}', T: 'T' },
  labels: { C: 'Training FLOPs', n: 'GPUs', P: 'Peak FLOP/s per GPU', T: 'Wall-clock seconds' },
  domains: { C: 'positive', n: 'positiveInt', P: 'positive', T: 'positive' },
  tex: (v) => String.raw`\frac{${v.C}}{${v.n} \cdot ${v.P} \cdot ${v.T}}`,
  compute: (input) => mfuFromTrainingTime(input),
  // 6.3e24 FLOPs (6N for 70e9 parameters, 15T tokens) on 16,384 H100s in 30 days.
  example: { C: 6.3e24, n: 16384, P: 989e12, T: 30 * SECONDS_PER_DAY },
});

export const trainingTimeFormulas = [mfuFromTrainingTimeFormula];
