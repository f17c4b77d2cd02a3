/**
 * Checkpoints and failures: what a long synchronous training run loses to them.
 *
 *   M_ckpt   = (b_w + K) · N                 the bytes a restart needs: working weights and optimizer state
 *   δ        = M_ckpt / W_store               seconds to write one checkpoint
 *   MTBF_GPU = n · T_obs / n_fail             per-GPU mean time between failures, from an observed count
 *   MTBF     = MTBF_GPU / n                   one failure anywhere stops a synchronous job
 *   τ        = √(2 · δ · MTBF)                Young's optimal interval between checkpoints
 *   t_lost   = (τ + δ)/2 + t_restart          work lost per failure: half an interval on average, plus the restart
 *   T_wall   = T · (1 + δ/τ) / (1 − t_lost/MTBF)
 *
 * The last line is first-order bookkeeping: every τ seconds of work costs δ more to save,
 * and each failure (one per MTBF of wall time) throws away t_lost. To first order in
 * δ/MTBF its minimum over τ is Young's interval; Daly's higher-order estimate is beside it
 * for when δ is not small against the MTBF. Failures are taken as independent and
 * memoryless (exponential), so a cluster of n GPUs fails n times as often as one.
 *
 * Gradients are not saved: a restart recomputes them in its first step. The worked example
 * is Llama 3 405B's pre-training, where Meta counted 419 unexpected interruptions in a
 * 54-day snapshot on up to 16,384 H100s (§3.3.4, table 5) and a storage system sustaining
 * 2 TB/s (§3.3.1).
 * @see Young, "A first order approximation to the optimum checkpoint interval" (CACM 1974)
 * @see Daly, "A higher order estimate of the optimum checkpoint interval for restart dumps" (FGCS 2006)
 * @see Llama Team, "The Llama 3 Herd of Models" (2024), §3.3.1, §3.3.4 and table 5
 */
import { checkBound } from '../bounds';
import { defineFormula } from '../formula';
import { TRAINING_PRECISIONS, parseTrainingPrecision, type TrainingPrecision } from '../training/perGpu';
import { zeroModelStateBytes } from '../training/memory';
import { InputError, formatSeconds } from '../units';
import { warning, type Warning } from '../scenario/warnings';
import { checkCapacityBound } from './bounds';

/** Seconds in an hour. */
const HOUR = 3600;

/**
 * Bytes of a checkpoint a run can restart from: the working weights and the optimizer
 * state (fp32 master weights and Adam's moments), (b_w + K)·N. 14 bytes per parameter under
 * mixed-precision Adam.
 * @example checkpointBytes({ params: 70e9, precision: 'adam16' }) //=> 980000000000
 */
export function checkpointBytes(p: { params: number; precision?: TrainingPrecision }): number {
  const bytes = TRAINING_PRECISIONS[parseTrainingPrecision(p.precision ?? 'adam16')].bytes;
  const states = zeroModelStateBytes({ params: p.params, ranks: 1, stage: 0, bytes });
  return states.weights + states.optimizer;
}

/**
 * Seconds to write `bytes` at `bandwidth` B/s: δ = M/W.
 * @example checkpointWriteSeconds({ bytes: 980e9, bandwidth: 100e9 }) //=> 9.8
 */
export function checkpointWriteSeconds(p: { bytes: number; bandwidth: number }): number {
  return p.bytes / p.bandwidth;
}

/**
 * A GPU's mean time between failures from a count: n GPUs watched for T days saw k
 * interruptions, so each GPU ran n·T·24/k hours per interruption.
 * @example gpuMtbfHoursFromCount({ gpus: 16384, days: 54, interruptions: 419 }) //=> 50677.0… (hours)
 */
export function gpuMtbfHoursFromCount(p: { gpus: number; days: number; interruptions: number }): number {
  return (p.gpus * p.days * 24) / p.interruptions;
}

/** Meta's count for Llama 3 405B's pre-training (§3.3.4): 419 unexpected interruptions in a 54-day snapshot on 16,384 GPUs. */
export const LLAMA3_INTERRUPTIONS = { gpus: 16384, days: 54, interruptions: 419 } as const;

/** The per-GPU MTBF that count implies, to the hour: 16,384 · 54 · 24 / 419 = 50,677.002 → 50,677 hours. */
export const LLAMA3_GPU_MTBF_HOURS = Math.round(gpuMtbfHoursFromCount(LLAMA3_INTERRUPTIONS));

/**
 * The job's mean time between failures when any of its n GPUs failing stops it: MTBF_GPU/n.
 * @example clusterMtbfSeconds({ gpuMtbfHours: 50677, gpus: 16384 }) //=> 11135.08… (3.09 hours)
 */
export function clusterMtbfSeconds(p: { gpuMtbfHours: number; gpus: number }): number {
  return (p.gpuMtbfHours * HOUR) / p.gpus;
}

/**
 * Young's interval between checkpoints, √(2·δ·MTBF).
 * @example youngIntervalSeconds({ writeSeconds: 10, mtbfSeconds: 10000 }) //=> 447.2…
 */
export function youngIntervalSeconds(p: { writeSeconds: number; mtbfSeconds: number }): number {
  return Math.sqrt(2 * p.writeSeconds * p.mtbfSeconds);
}

/**
 * Daly's higher-order interval: √(2δM)·(1 + ⅓·√(δ/2M) + ⅑·δ/2M) − δ while δ < 2M, else M.
 * @example dalyIntervalSeconds({ writeSeconds: 10, mtbfSeconds: 10000 }) //=> 440.57…
 */
export function dalyIntervalSeconds(p: { writeSeconds: number; mtbfSeconds: number }): number {
  const d = p.writeSeconds;
  const m = p.mtbfSeconds;
  if (d >= 2 * m) return m;
  const x = d / (2 * m);
  return Math.sqrt(2 * d * m) * (1 + Math.sqrt(x) / 3 + x / 9) - d;
}

/**
 * Wall time a failure costs on average: (τ + δ)/2 of unsaved work plus the restart.
 * @example lostSecondsPerFailure({ intervalSeconds: 440, writeSeconds: 10, restartSeconds: 600 }) //=> 825
 */
export function lostSecondsPerFailure(p: { intervalSeconds: number; writeSeconds: number; restartSeconds: number }): number {
  return (p.intervalSeconds + p.writeSeconds) / 2 + p.restartSeconds;
}

/**
 * Wall time of a run of T seconds of work with checkpoints every τ and failures every MTBF:
 * T·(1 + δ/τ)/(1 − t_lost/MTBF). Throws InputError when failures come faster than the work
 * they destroy can be redone (t_lost ≥ MTBF): such a run never finishes.
 * @example wallClockSeconds({ idealSeconds: 1e6, intervalSeconds: 440, writeSeconds: 10, lostSeconds: 825, mtbfSeconds: 10000 }) //=> 1114689.1…
 */
export function wallClockSeconds(p: { idealSeconds: number; intervalSeconds: number; writeSeconds: number; lostSeconds: number; mtbfSeconds: number }): number {
  const kept = 1 - p.lostSeconds / p.mtbfSeconds;
  if (!(kept > 0)) {
    throw new InputError(
      'gpuMtbfHours',
      `A failure every ${formatSeconds(p.mtbfSeconds)} destroys ${formatSeconds(p.lostSeconds)} of work and restart: the run never finishes. Use fewer GPUs, more reliable ones or a faster restart.`,
    );
  }
  return (p.idealSeconds * (1 + p.writeSeconds / p.intervalSeconds)) / kept;
}

/** How often to checkpoint, or which rule picks the interval. */
export type CheckpointInterval = { kind: 'young' } | { kind: 'daly' } | { kind: 'fixed'; seconds: number };

export interface CheckpointInput {
  /** N, parameters. */
  params: number;
  /** Model-state layout (bytes per parameter); adam16 by default. */
  precision?: TrainingPrecision;
  /** Aggregate write bandwidth of the storage the checkpoints go to, B/s. */
  storageBandwidth: number;
  /** n, GPUs of the synchronous job. */
  gpus: number;
  /** One GPU's mean time between interruptions, hours. */
  gpuMtbfHours: number;
  /** Seconds from a failure to training again (detection, rescheduling, reload). */
  restartSeconds: number;
  /** Seconds of pure training the run needs (T, at its MFU). */
  idealSeconds: number;
  interval?: CheckpointInterval;
}

export interface CheckpointPlan {
  bytes: number;
  writeSeconds: number;
  clusterMtbfSeconds: number;
  youngSeconds: number;
  dalySeconds: number;
  /** τ used: Young's, Daly's or the fixed one. */
  intervalSeconds: number;
  lostSecondsPerFailure: number;
  idealSeconds: number;
  wallSeconds: number;
  /** T / T_wall: Meta's "effective training time". */
  efficiency: number;
  /** T_wall / MTBF. */
  expectedFailures: number;
  /** Checkpoints written over the run, ⌊T/τ⌋. */
  checkpoints: number;
  /** Share of wall time spent writing checkpoints. */
  checkpointShare: number;
  /** Share of wall time lost to failures (redone work and restarts). */
  failureShare: number;
  warnings: Warning[];
}

/**
 * The checkpoint interval and the wall time and failures of a run: the whole overhead in
 * one call. Throws InputError naming the field for inputs out of range or a run that
 * never finishes.
 * @example checkpointPlan({ params: 405e9, storageBandwidth: 2e12, gpus: 16384, gpuMtbfHours: 50677, restartSeconds: 600, idealSeconds: 54 * 86400 }).efficiency //=> 0.92 (approximately)
 */
export function checkpointPlan(p: CheckpointInput): CheckpointPlan {
  checkBound(p.params, 'params', 'params', 'Parameters N');
  checkBound(p.storageBandwidth, 'bandwidth', 'storageBandwidth', 'Storage write bandwidth');
  checkBound(p.gpus, 'gpus', 'gpus', 'GPUs');
  checkCapacityBound(p.gpuMtbfHours, 'gpuMtbfHours', 'gpuMtbfHours', 'MTBF per GPU (hours)');
  checkCapacityBound(p.restartSeconds, 'restartSeconds', 'restartSeconds', 'Restart time (s)');
  checkBound(p.idealSeconds, 'seconds', 'idealSeconds', 'Training time');
  if (!(p.idealSeconds > 0)) throw new InputError('idealSeconds', 'Training time must be greater than 0');
  const bytes = checkpointBytes({ params: p.params, ...(p.precision ? { precision: p.precision } : {}) });
  const writeSeconds = checkpointWriteSeconds({ bytes, bandwidth: p.storageBandwidth });
  const mtbf = clusterMtbfSeconds({ gpuMtbfHours: p.gpuMtbfHours, gpus: p.gpus });
  const young = youngIntervalSeconds({ writeSeconds, mtbfSeconds: mtbf });
  const daly = dalyIntervalSeconds({ writeSeconds, mtbfSeconds: mtbf });
  const choice = p.interval ?? { kind: 'young' };
  let interval: number;
  if (choice.kind === 'fixed') interval = checkBound(choice.seconds, 'seconds', 'intervalSeconds', 'Checkpoint interval (s)');
  else interval = choice.kind === 'daly' ? daly : young;
  if (!(interval > 0)) throw new InputError('intervalSeconds', 'Checkpoint interval must be greater than 0');
  const lost = lostSecondsPerFailure({ intervalSeconds: interval, writeSeconds, restartSeconds: p.restartSeconds });
  const wall = wallClockSeconds({ idealSeconds: p.idealSeconds, intervalSeconds: interval, writeSeconds, lostSeconds: lost, mtbfSeconds: mtbf });
  const checkpointTime = (p.idealSeconds / interval) * writeSeconds;
  const warnings: Warning[] = [];
  if (writeSeconds > mtbf / 10) {
    warnings.push(
      warning(
        'checkpoint-slower-than-failures',
        `Writing a checkpoint (${formatSeconds(writeSeconds)}) takes more than a tenth of the time between failures (${formatSeconds(mtbf)}): the first-order interval is unreliable here (Daly’s is shown beside it); write faster, shard the checkpoint, or use fewer GPUs per job.`,
        'storageBandwidth',
      ),
    );
  }
  return {
    bytes,
    writeSeconds,
    clusterMtbfSeconds: mtbf,
    youngSeconds: young,
    dalySeconds: daly,
    intervalSeconds: interval,
    lostSecondsPerFailure: lost,
    idealSeconds: p.idealSeconds,
    wallSeconds: wall,
    efficiency: p.idealSeconds / wall,
    expectedFailures: wall / mtbf,
    checkpoints: Math.floor(p.idealSeconds / interval),
    checkpointShare: checkpointTime / wall,
    failureShare: lost / mtbf,
    warnings,
  };
}

export const checkpointBytesFormula = defineFormula({
  id: 'capacity.checkpointBytes',
  anchor: 'checkpoint-bytes',
  page: 'capacity-and-cost',
  title: 'Checkpoint size',
  description: 'What a restart needs: the working weights and the optimizer state (fp32 master weights and Adam’s two moments); gradients are recomputed.',
  lhs: 'M_{\\text{ckpt}}',
  unit: 'B',
  symbols: { w: 'b_w', k: 'b_{\\text{opt}}', N: 'N' },
  labels: { w: 'Bytes per weight (bf16: 2)', k: 'Bytes of optimizer state per parameter b_opt (fp32 master + Adam = 12)', N: 'Parameters' },
  domains: { w: 'nonNegative', k: 'nonNegative', N: 'positive' },
  tex: (v) => String.raw`(${v.w} + ${v.k}) \cdot ${v.N}`,
  compute: ({ w, k, N }) => zeroModelStateBytes({ params: N, ranks: 1, stage: 0, bytes: { weights: w, grads: 0, optimizer: k } }).total,
  // Llama 3 405B at the round 405e9.
  example: { w: 2, k: 12, N: 405e9 },
  notes: ['Sharded across the GPUs that hold the states (each writes its part in parallel); Meta reports 1 MB to 4 GB per GPU for Llama 3.'],
});

export const checkpointWriteFormula = defineFormula({
  id: 'capacity.checkpointWrite',
  anchor: 'checkpoint-write-time',
  page: 'capacity-and-cost',
  title: 'Checkpoint write time',
  description: 'The checkpoint’s bytes at the storage system’s aggregate write bandwidth, assuming the job stops while it writes (no asynchronous copy).',
  lhs: '\\delta',
  unit: 's',
  symbols: { M: 'M_{\\text{ckpt}}', W: 'W_{\\text{store}}' },
  labels: { M: 'Checkpoint bytes', W: 'Storage write bandwidth (B/s)' },
  domains: { M: 'positive', W: 'positive' },
  tex: (v) => String.raw`\frac{${v.M}}{${v.W}}`,
  compute: ({ M, W }) => checkpointWriteSeconds({ bytes: M, bandwidth: W }),
  // 5.67 TB at the 2 TB/s Meta's storage sustains (Llama 3, §3.3.1).
  example: { M: 5.67e12, W: 2e12 },
});

export const gpuMtbfFormula = defineFormula({
  id: 'capacity.gpuMtbf',
  anchor: 'gpu-mtbf',
  page: 'capacity-and-cost',
  title: 'MTBF per GPU from an observed count',
  description: 'GPU-hours watched over the interruptions seen: how long one GPU runs, on average, per interruption it causes.',
  lhs: '\\text{MTBF}_{\\text{GPU}}',
  unit: 'h',
  symbols: { n: 'G', T: 'T_{\\text{obs}}', k: 'n_{\\text{fail}}' },
  labels: { n: 'GPUs watched G', T: 'Observation window (days)', k: 'Interruptions seen' },
  domains: { n: 'positiveInt', T: 'positive', k: 'positiveInt' },
  tex: (v) => String.raw`\frac{${v.n} \cdot ${v.T} \cdot 24}{${v.k}}`,
  compute: ({ n, T, k }) => gpuMtbfHoursFromCount({ gpus: n, days: T, interruptions: k }),
  // Llama 3 405B: 419 unexpected interruptions in a 54-day snapshot on 16,384 GPUs (§3.3.4).
  example: { n: 16384, T: 54, k: 419 },
  notes: ['Meta’s count includes every unexpected interruption (GPUs, HBM, hosts, network, software), attributed here to the GPUs as a rate per GPU.'],
});

export const clusterMtbfFormula = defineFormula({
  id: 'capacity.clusterMtbf',
  anchor: 'cluster-mtbf',
  page: 'capacity-and-cost',
  title: 'MTBF of a synchronous job',
  description: 'Independent, memoryless failures add their rates: G GPUs fail G times as often as one, and any one stops the job.',
  lhs: '\\text{MTBF}',
  unit: 's',
  symbols: { m: '\\text{MTBF}_{\\text{GPU}}', n: 'G' },
  labels: { m: 'MTBF per GPU (hours)', n: 'GPUs in the job G' },
  domains: { m: 'positive', n: 'positiveInt' },
  tex: (v) => String.raw`\frac{${v.m} \cdot 3600}{${v.n}}`,
  compute: ({ m, n }) => clusterMtbfSeconds({ gpuMtbfHours: m, gpus: n }),
  example: { m: 50677, n: 16384 },
});

export const youngIntervalFormula = defineFormula({
  id: 'capacity.youngInterval',
  anchor: 'checkpoint-interval',
  page: 'capacity-and-cost',
  title: 'Optimal checkpoint interval (Young)',
  description: 'Checkpointing more often costs δ per interval; less often loses more work per failure. The balance, to first order in δ/MTBF.',
  lhs: '\\tau',
  unit: 's',
  symbols: { d: '\\delta', M: '\\text{MTBF}' },
  labels: { d: 'Checkpoint write time (s)', M: 'Job MTBF (s)' },
  domains: { d: 'positive', M: 'positive' },
  tex: (v) => String.raw`\sqrt{2 \cdot ${v.d} \cdot ${v.M}}`,
  compute: ({ d, M }) => youngIntervalSeconds({ writeSeconds: d, mtbfSeconds: M }),
  example: { d: 2.84, M: 11135 },
  approximate: true,
  notes: ['Good while δ ≪ MTBF; Daly (2006) adds higher-order terms for when it is not.'],
});

export const dalyIntervalFormula = defineFormula({
  id: 'capacity.dalyInterval',
  anchor: 'checkpoint-interval-daly',
  page: 'capacity-and-cost',
  title: 'Optimal checkpoint interval (Daly, higher order)',
  description: 'Young’s interval with the next terms of the expansion (⅑·δ/(2·MTBF) written δ/(18·MTBF)); for δ ≥ 2·MTBF it is the MTBF itself.',
  lhs: '\\tau_{\\text{Daly}}',
  unit: 's',
  symbols: { d: '\\delta', M: '\\text{MTBF}' },
  labels: { d: 'Checkpoint write time (s)', M: 'Job MTBF (s)' },
  domains: { d: 'positive', M: 'positive' },
  tex: (v) =>
    String.raw`\sqrt{2 \cdot ${v.d} \cdot ${v.M}} \left(1 + \tfrac{1}{3}\sqrt{\tfrac{${v.d}}{2 \cdot ${v.M}}} + \tfrac{${v.d}}{18 \cdot ${v.M}}\right) - ${v.d}`,
  compute: ({ d, M }) => dalyIntervalSeconds({ writeSeconds: d, mtbfSeconds: M }),
  example: { d: 2.84, M: 11135 },
  approximate: true,
});

export const lostWorkFormula = defineFormula({
  id: 'capacity.lostWork',
  anchor: 'lost-work-per-failure',
  page: 'capacity-and-cost',
  title: 'Time lost per failure',
  description: 'A failure strikes, on average, halfway through an interval of work and its checkpoint; then the job restarts.',
  lhs: 't_{\\text{lost}}',
  unit: 's',
  symbols: { tau: '\\tau', d: '\\delta', R: 't_{\\text{restart}}' },
  labels: { tau: 'Checkpoint interval (s)', d: 'Checkpoint write time (s)', R: 'Restart time (s)' },
  domains: { tau: 'positive', d: 'nonNegative', R: 'nonNegative' },
  tex: (v) => String.raw`\frac{${v.tau} + ${v.d}}{2} + ${v.R}`,
  compute: ({ tau, d, R }) => lostSecondsPerFailure({ intervalSeconds: tau, writeSeconds: d, restartSeconds: R }),
  example: { tau: 251, d: 2.84, R: 600 },
});

export const wallClockFormula = defineFormula({
  id: 'capacity.wallClock',
  anchor: 'wall-clock-with-failures',
  page: 'capacity-and-cost',
  title: 'Wall-clock time with checkpoints and failures',
  description:
    'Each interval of work pays its checkpoint; each failure (one per MTBF of wall time) throws away t_lost. First-order bookkeeping: its minimum over τ is Young’s interval.',
  lhs: 'T_{\\text{wall}}',
  unit: 's',
  symbols: { T: 'T', d: '\\delta', tau: '\\tau', l: 't_{\\text{lost}}', M: '\\text{MTBF}' },
  labels: {
    T: 'Training time without overhead (s)',
    d: 'Checkpoint write time (s)',
    tau: 'Checkpoint interval (s)',
    l: 'Time lost per failure (s)',
    M: 'Job MTBF (s)',
  },
  domains: { T: 'positive', d: 'nonNegative', tau: 'positive', l: 'nonNegative', M: 'positive' },
  tex: (v) => String.raw`\frac{${v.T} \cdot \left(1 + \frac{${v.d}}{${v.tau}}\right)}{1 - \frac{${v.l}}{${v.M}}}`,
  compute: ({ T, d, tau, l, M }) => wallClockSeconds({ idealSeconds: T, writeSeconds: d, intervalSeconds: tau, lostSeconds: l, mtbfSeconds: M }),
  // 54 days of work at Llama 3's failure rate, 10-minute restarts.
  example: { T: 54 * 86400, d: 2.84, tau: 251, l: 727, M: 11135 },
  notes: ['Failures independent and memoryless; checkpoints block training while they write (asynchronous checkpointing shrinks δ).'],
});

export const checkpointFormulas = [
  checkpointBytesFormula,
  checkpointWriteFormula,
  gpuMtbfFormula,
  clusterMtbfFormula,
  youngIntervalFormula,
  dalyIntervalFormula,
  lostWorkFormula,
  wallClockFormula,
];
