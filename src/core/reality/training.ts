/**
 * Published training runs beside the MFU the course's formulas give for them: from the
 * run's throughput (tokens per second on a known number of accelerators) or from its
 * GPU-hours, by the 6N convention and, where the record gives the shape, with PaLM's
 * attention term (every key counted, as PaLM reports). Where a record gives only the
 * source's own MFU, there is nothing independent to recompute, and it says so.
 */
import { getGpu } from '../gpu/gpu';
import { mfuFromGpuHours, modelFlopsUtilization } from '../mfu/mfu';
import { trainingFlopsPerToken, trainingFlopsPerTokenWithAttention } from '../training/compute';
import { TRAINING_RECORDS, type TrainingRecord } from '../../data/measurements';

/** The site's GPU id for a record's accelerator name, or null when the table has no such part. */
const ACCELERATORS: ReadonlyArray<readonly [RegExp, string]> = [
  [/H100/i, 'h100-sxm'],
  [/H800/i, 'h800-sxm'],
  [/V100/i, 'v100-sxm2-32gb'],
  [/TPUv4/i, 'tpu-v4'],
];

export interface TrainingComparison {
  id: string;
  model: string;
  accelerator: string;
  /** The MFU the source reports (or a range), and how it defines it. */
  reported: { mfu: number | null; range: readonly [number, number] | null; hfu: number | null; definition: string | null };
  /** Ours by 6N with the record's N; null when the record lacks the inputs. */
  mfu6N: number | null;
  /** Ours by 6N + 12·L·h·d·S (PaLM, every key); null without the shape. */
  mfuWithAttention: number | null;
  /** How ours was computed, or why it could not be. */
  basis: string;
  source: string;
}

function count(value: TrainingRecord['accel_count']): number | null {
  if (typeof value === 'number') return value;
  if (value !== null && typeof value === 'object' && typeof value.value === 'number' && !value.inferred) return value.value;
  return null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** One record beside the course's MFU. */
export function compareTrainingRecord(r: TrainingRecord): TrainingComparison {
  const gpuId = r.accelerator ? ACCELERATORS.find(([re]) => re.test(r.accelerator!))?.[1] : undefined;
  const peak = gpuId ? (getGpu(gpuId).datasheet.bf16 ?? getGpu(gpuId).datasheet.fp16) : null;
  const N = r.params?.active ?? r.params?.value ?? null;
  const arch = r.arch ?? {};
  const layers = num(arch['layers']);
  const heads = num(arch['heads']);
  const headDim = num(arch['head_dim']) ?? (num(arch['hidden']) !== null && heads !== null ? num(arch['hidden'])! / heads : null);
  const seq = num(arch['seq_len']);
  const perToken6N = N === null ? null : trainingFlopsPerToken(N);
  const perTokenAttn =
    N !== null && layers !== null && heads !== null && headDim !== null && seq !== null
      ? trainingFlopsPerTokenWithAttention({ params: N, layers, heads, headDim, seq, mask: 1 })
      : null;
  const gpus = count(r.accel_count);
  const tokensPerSecond = num(r.throughput?.['tokens_per_sec']);
  const gpuHours = typeof r.gpu_hours === 'number' ? r.gpu_hours : r.gpu_hours && typeof r.gpu_hours['pretrain'] === 'number' ? r.gpu_hours['pretrain'] : null;
  let mfu6N: number | null = null;
  let mfuWithAttention: number | null = null;
  let basis: string;
  if (peak !== null && perToken6N !== null && tokensPerSecond !== null && gpus !== null) {
    mfu6N = modelFlopsUtilization({ flopsPerToken: perToken6N, tokensPerSecond, gpus, peak });
    if (perTokenAttn !== null) mfuWithAttention = modelFlopsUtilization({ flopsPerToken: perTokenAttn, tokensPerSecond, gpus, peak });
    basis = 'from the reported tokens per second on the reported accelerators';
  } else if (peak !== null && perToken6N !== null && gpuHours !== null && typeof r.tokens_total === 'number') {
    mfu6N = mfuFromGpuHours({ flopsPerToken: perToken6N, tokens: r.tokens_total, gpuHours, peak });
    if (perTokenAttn !== null) mfuWithAttention = mfuFromGpuHours({ flopsPerToken: perTokenAttn, tokens: r.tokens_total, gpuHours, peak });
    basis = 'from the reported GPU-hours and tokens: a whole-run average, restarts and idle time included';
  } else {
    basis = peak === null ? 'the accelerator is not in the GPU table' : 'the record reports its MFU but not the throughput or GPU-hours to recompute it';
  }
  return {
    id: r.id,
    model: r.model,
    accelerator: r.accelerator ?? '—',
    reported: {
      mfu: num(r.mfu) ?? num(r.mfu_reported_elsewhere),
      range: r.mfu_reported_range ?? null,
      hfu: num(r.hfu) ?? num(r['hfu_like_utilization']),
      definition: r.mfu_definition ?? null,
    },
    mfu6N,
    mfuWithAttention,
    basis,
    source: r.source,
  };
}

/** Every training record beside the course's MFU. */
export function compareTrainingRuns(records: readonly TrainingRecord[] = TRAINING_RECORDS): TrainingComparison[] {
  return records.map(compareTrainingRecord);
}
