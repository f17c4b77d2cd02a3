/**
 * A training budget answered whole: FLOPs (or dollars) → the compute-optimal model and
 * tokens (./chinchilla.ts) → the time and GPU-hours on a cluster at an MFU (the scenario
 * engine's trainingScenario, which owns 6N and T = C/(n·P·MFU)) → the checkpoint interval
 * and the wall time and cost once failures and checkpoints are paid for (./checkpoint.ts).
 *
 * Under the 6N convention a run's FLOPs and time depend on N and D alone, not on the
 * model's shape, so the scenario is asked with N overridden on a dense carrier shape
 * (Llama 3 70B's); the shape would matter only for memory, which this answer leaves to
 * the training-memory and parallelism calculators.
 */
import { gpuPeakFlopsPerSecond } from '../gpu/gpu';
import type { GpuSpec } from '../gpu/spec';
import { getPreset } from '../model/presets';
import type { ModelSpec } from '../model/spec';
import { trainingScenario, type TrainingResult } from '../scenario/training';
import { warning, type Warning, type WarningCode } from '../scenario/warnings';
import { checkBound } from '../bounds';
import type { TrainingPrecision } from '../training/perGpu';
import { InputError, formatQuantity } from '../units';
import { checkCapacityBound } from './bounds';
import { checkpointPlan, type CheckpointInterval, type CheckpointPlan } from './checkpoint';
import { CHINCHILLA_FITS, CHINCHILLA_RUNS, computeOptimal, formatParamCount, type ChinchillaFit, type ComputeOptimal } from './chinchilla';
import { budgetFlops } from './cost';

/** What the budget is given in. */
export type TrainingBudgetAmount = { kind: 'flops'; flops: number } | { kind: 'usd'; usd: number };

export interface TrainingBudgetInput {
  budget: TrainingBudgetAmount;
  gpu: GpuSpec;
  /** n, GPUs of the run (pure data parallelism as far as time is concerned). */
  gpus: number;
  /** Model FLOPs utilisation the run reaches while training. */
  mfu: number;
  /** Price per GPU-hour, USD (an input; no default here). */
  usdPerGpuHour: number;
  fit?: ChinchillaFit;
  /** r of the rule of thumb (20). */
  tokensPerParam?: number;
  precision?: TrainingPrecision;
  /** Aggregate write bandwidth of the checkpoint storage, B/s. */
  storageBandwidth: number;
  /** One GPU's mean time between interruptions, hours. */
  gpuMtbfHours: number;
  /** Seconds from a failure to training again. */
  restartSeconds: number;
  interval?: CheckpointInterval;
  /** The dense shape the scenario carries N on (Llama 3 70B by default). */
  carrier?: ModelSpec;
}

export interface TrainingBudget {
  /** C, training FLOPs. */
  flops: number;
  /** How C was reached from a dollar budget, when it was. */
  fromUsd: { usd: number; usdPerGpuHour: number; peakFlopsPerSecond: number; mfu: number } | null;
  allocation: ComputeOptimal;
  /** The scenario at (N_opt, D_opt) on the cluster: 6N, time, GPU-hours, MFU warnings. */
  training: TrainingResult;
  checkpoint: CheckpointPlan;
  idealGpuHours: number;
  wallGpuHours: number;
  idealUsd: number;
  wallUsd: number;
  /** What failures and checkpoints add, USD. */
  overheadUsd: number;
  warnings: Warning[];
}

/** Warnings of the training scenario that are about a memory layout this answer does not choose. */
const LAYOUT_WARNINGS: ReadonlySet<WarningCode> = new Set(['training-memory-does-not-fit', 'fewer-micro-batches-than-stages', 'global-batch-uneven']);

/**
 * Everything a training budget buys: N and D, days, GPU-hours, the checkpoint interval,
 * the wall time and cost with failures. Throws InputError naming the field for input out
 * of range or a run that never finishes.
 * @example trainingBudget({ budget: { kind: 'flops', flops: 1e24 }, gpu: getGpu('h100-sxm'), gpus: 4096, mfu: 0.4, usdPerGpuHour: 2, storageBandwidth: 100e9, gpuMtbfHours: 50677, restartSeconds: 600 }).training.seconds //=> 616890.6… (7.14 days)
 */
export function trainingBudget(p: TrainingBudgetInput): TrainingBudget {
  checkBound(p.gpus, 'gpus', 'gpus', 'GPUs');
  checkBound(p.mfu, 'efficiency', 'mfu', 'MFU');
  checkBound(p.usdPerGpuHour, 'pricePerGpuHour', 'usdPerGpuHour', 'Price per GPU-hour');
  const peak = gpuPeakFlopsPerSecond(p.gpu, 'bf16');
  let flops: number;
  let fromUsd: TrainingBudget['fromUsd'] = null;
  if (p.budget.kind === 'usd') {
    const usd = checkCapacityBound(p.budget.usd, 'budgetUsd', 'usd', 'Budget (USD)');
    if (!(p.usdPerGpuHour > 0)) throw new InputError('usdPerGpuHour', 'A budget in dollars needs a price per GPU-hour greater than 0');
    flops = budgetFlops({ usd, usdPerGpuHour: p.usdPerGpuHour, peak, mfu: p.mfu });
    fromUsd = { usd, usdPerGpuHour: p.usdPerGpuHour, peakFlopsPerSecond: peak, mfu: p.mfu };
    checkCapacityBound(flops, 'trainingBudgetFlops', 'usd', 'Training FLOPs the budget buys');
  } else {
    flops = checkCapacityBound(p.budget.flops, 'trainingBudgetFlops', 'flops', 'Training budget C (FLOPs)');
  }
  const allocation = computeOptimal({
    flops,
    fit: p.fit ?? CHINCHILLA_FITS['hoffmann-2022'],
    ...(p.tokensPerParam === undefined ? {} : { tokensPerParam: p.tokensPerParam }),
  });
  const { params, tokens } = allocation.optimal;
  const training = trainingScenario({
    model: p.carrier ?? getPreset('llama-3-70b').spec,
    gpu: p.gpu,
    tokens,
    seq: 8192,
    params,
    run: { kind: 'mfu', gpus: p.gpus, mfu: p.mfu },
    assumptions: { attention: 'none' },
  });
  const idealSeconds = training.seconds!;
  const checkpoint = checkpointPlan({
    params,
    ...(p.precision ? { precision: p.precision } : {}),
    storageBandwidth: p.storageBandwidth,
    gpus: p.gpus,
    gpuMtbfHours: p.gpuMtbfHours,
    restartSeconds: p.restartSeconds,
    idealSeconds,
    ...(p.interval ? { interval: p.interval } : {}),
  });
  const idealGpuHours = training.gpuHours!;
  const wallGpuHours = (checkpoint.wallSeconds * p.gpus) / 3600;
  const warnings: Warning[] = [...training.warnings.filter((w) => !LAYOUT_WARNINGS.has(w.code)), ...checkpoint.warnings];
  if (allocation.extrapolated) {
    const runs = CHINCHILLA_RUNS;
    warnings.push(
      warning(
        'extrapolated-beyond-fit',
        `The optimum (${formatParamCount(params)} parameters, ${formatQuantity(tokens, 'tokens')}) lies outside the runs the fit was made on (${formatParamCount(runs.minParams)} to ${formatParamCount(runs.maxParams)} parameters, ${formatQuantity(runs.minTokens, 'tokens')} to ${formatQuantity(runs.maxTokens, 'tokens')}): an extrapolation, as every frontier-scale use of it is.`,
        p.budget.kind === 'usd' ? 'usd' : 'flops',
      ),
    );
  }
  return {
    flops,
    fromUsd,
    allocation,
    training,
    checkpoint,
    idealGpuHours,
    wallGpuHours,
    idealUsd: idealGpuHours * p.usdPerGpuHour,
    wallUsd: wallGpuHours * p.usdPerGpuHour,
    overheadUsd: (wallGpuHours - idealGpuHours) * p.usdPerGpuHour,
    warnings,
  };
}
