/**
 * The capstone problems (content/capstone.mdx): questions that need several chapters at
 * once, each answered by one function over the same engine the calculators use, so that
 * the page, the tests (test/core/capstone.test.ts) and any script get the same numbers.
 *
 * Every function returns its inputs (what was assumed, in words and numbers), its steps
 * (each a sentence with the numbers of that step, and the derivations behind it) and its
 * answer as plain numbers. Prices are example figures, labelled as such: where an answer
 * depends on them it is also given in a price-free form (GPU-hours, a break-even ratio).
 */
import { trainingBudget, type TrainingBudget } from './capacity/budget';
import { LLAMA3_GPU_MTBF_HOURS, LLAMA3_INTERRUPTIONS, checkpointPlan, type CheckpointPlan } from './capacity/checkpoint';
import { CHINCHILLA_FITS, formatParamCount } from './capacity/chinchilla';
import { EXAMPLE_USD_PER_GPU_HOUR } from './capacity/cost';
import type { Dtype } from './dtypes';
import { getGpu } from './gpu/gpu';
import { getPreset } from './model/presets';
import { countParams } from './params/params';
import {
  solveGpusForConcurrency,
  solveLongestPrompt,
  solveTensorParallel,
  type CapacityPlan,
  type GpuCountAnswer,
  type Limit,
  type PromptAnswer,
} from './scenario/reverse';
import type { Warning } from './scenario/warnings';
import { formatBytes, formatInteger, formatPercent, formatQuantity, formatSeconds, formatUsd } from './units';

/** One step of a worked answer: what is done, with its numbers. */
export interface CapstoneStep {
  title: string;
  text: string;
}

export interface Capstone<A> {
  id: string;
  title: string;
  question: string;
  /** The assumptions, as shown to a reader. */
  inputs: Readonly<Record<string, string>>;
  steps: CapstoneStep[];
  answer: A;
  warnings: Warning[];
}

/** Why a degree has no plan: the weights or one request do not fit, or not even one request meets a target. */
export function noPlanReason(limitedBy: Limit | null): string {
  return limitedBy === 'memory' ? 'does not fit' : `misses ${LIMIT_WORDS[limitedBy ?? 'ttft']}`;
}

/** What stops a search, in words. */
export const LIMIT_WORDS: Readonly<Record<Limit, string>> = {
  ttft: 'the TTFT target',
  tpot: 'the TPOT target',
  memory: 'memory',
  context: 'the model’s context',
  bound: 'the search range',
  candidates: 'the degrees tried',
};

// ── 1. Serving Llama 3 70B at 50 requests per second ─────────────────────────────────

/** The GPUs compared in the serving capstone. */
export const SERVING_CAPSTONE_GPUS = ['h100-sxm', 'h200', 'a800-sxm-80gb', 'mi300x', 'b200'] as const;

export interface ServingOption {
  gpu: string;
  gpuName: string;
  /** The best tensor-parallel degree, its plan, and every degree's GPU count. */
  tensorParallel: number;
  plan: CapacityPlan;
  gpusByDegree: { tp: number; gpus: number | null; limitedBy: Limit | null }[];
}

export interface ServingCapstoneAnswer {
  options: ServingOption[];
  /** The option with the fewest GPUs. */
  fewestGpus: ServingOption;
  /** Per option: the hourly price ratio to the H100 below which it serves the load for less (GPUs of H100 ÷ its GPUs). */
  breakEvenPriceRatio: Record<string, number>;
}

/**
 * "Serve Llama 3 70B at 50 requests per second with a mean TTFT ≤ 500 ms and TPOT ≤ 50 ms
 * (2,000-token prompts, 200-token answers): which GPU, what tensor-parallel degree, how many
 * requests per replica, how many replicas, what cost per million tokens?"
 * @example servingCapstone().answer.fewestGpus.gpu //=> 'b200'
 */
export function servingCapstone(p: { usdPerGpuHour?: number; weightDtype?: Dtype } = {}): Capstone<ServingCapstoneAnswer> {
  const model = getPreset('llama-3-70b');
  const price = p.usdPerGpuHour ?? EXAMPLE_USD_PER_GPU_HOUR;
  const weightDtype = p.weightDtype ?? 'bf16';
  const targets = { ttftSeconds: 0.5, tpotSeconds: 0.05 };
  const lambda = 50;
  const shape = { inputTokens: 2000, outputTokens: 200 };
  const options: ServingOption[] = SERVING_CAPSTONE_GPUS.map((id) => {
    const gpu = getGpu(id);
    const t = solveTensorParallel({ model: model.spec, gpu, ...shape, weightDtype }, targets, lambda, { usdPerGpuHour: price });
    if (t.plan === null || t.tensorParallel === null) throw new Error(`capstone: ${id} meets no layout`);
    return {
      gpu: id,
      gpuName: gpu.name,
      tensorParallel: t.tensorParallel,
      plan: t.plan,
      gpusByDegree: t.plans.map((x) => ({ tp: x.gpusPerReplica, gpus: x.gpusTotal, limitedBy: x.limitedBy })),
    };
  });
  const fewestGpus = options.reduce((a, b) => (b.plan.gpusTotal! < a.plan.gpusTotal! ? b : a));
  const h100 = options.find((o) => o.gpu === 'h100-sxm')!;
  const breakEvenPriceRatio = Object.fromEntries(options.map((o) => [o.gpu, h100.plan.gpusTotal! / o.plan.gpusTotal!]));
  const steps: CapstoneStep[] = [
    {
      title: 'The largest batch per replica, for each GPU and degree',
      text: options
        .map(
          (o) =>
            `${o.gpuName}: ${o.gpusByDegree.map((d) => `TP ${d.tp} → ${d.gpus === null ? noPlanReason(d.limitedBy) : `${formatInteger(d.gpus)} GPUs`}`).join(', ')}; best TP ${o.tensorParallel}, ${formatInteger(o.plan.concurrency!)} requests in flight per replica, limited by ${LIMIT_WORDS[o.plan.limitedBy!]}`,
        )
        .join('. '),
    },
    {
      title: 'Replicas and GPUs for 50 requests per second',
      text: options
        .map(
          (o) =>
            `${o.gpuName}: ⌈50 / ${formatQuantity(o.plan.steady!.requestsPerSecond, 'requests/s')}⌉ = ${formatInteger(o.plan.replicas!)} replicas × ${o.tensorParallel} = ${formatInteger(o.plan.gpusTotal!)} GPUs`,
        )
        .join('. '),
    },
    {
      title: 'Cost per million tokens at an example price',
      text: options
        .map(
          (o) =>
            `${o.gpuName}: ${formatUsd(o.plan.cost!.usdPerMillionOutputTokens)} per million output tokens, ${formatUsd(o.plan.cost!.usdPerMillionInputTokens)} per million input tokens at ${formatUsd(price)}/GPU-h`,
        )
        .join('. '),
    },
    {
      title: 'What the price must be for each to beat the H100',
      text: options
        .filter((o) => o.gpu !== 'h100-sxm')
        .map((o) => `${o.gpuName}: cheaper while its hourly price is below ${breakEvenPriceRatio[o.gpu]!.toFixed(2)} × the H100's`)
        .join('. '),
    },
  ];
  return {
    id: 'serve-llama-3-70b-at-50-qps',
    title: 'Serve Llama 3 70B at 50 requests per second',
    question:
      'Serve Llama 3 70B at 50 requests per second with a mean time to first token of at most 500 ms and a mean time per output token of at most 50 ms, for prompts of 2,000 tokens and answers of 200. Which GPU, which tensor-parallel degree, how many requests per replica, how many replicas, and what does a million tokens cost?',
    inputs: {
      model: model.name,
      weights: weightDtype,
      arrivalRate: '50 requests/s',
      request: '2,000 prompt + 200 output tokens',
      targets: 'mean TTFT ≤ 500 ms, mean TPOT ≤ 50 ms',
      price: `${formatUsd(price)} per GPU-hour (an example, not a quote)`,
    },
    steps,
    answer: { options, fewestGpus, breakEvenPriceRatio },
    warnings: options.flatMap((o) => o.plan.warnings),
  };
}

// ── 2. A compute-optimal model for 10²⁴ FLOPs ────────────────────────────────────────

export interface TrainingCapstoneAnswer {
  published: TrainingBudget;
  refitted: TrainingBudget;
}

/**
 * "Train a compute-optimal model for a budget of 10²⁴ FLOPs on 4,096 H100s at 40% MFU: how
 * many parameters and tokens, how many days, what cost, how often to checkpoint?" With
 * Llama 3's failure rate, 100 GB/s of checkpoint bandwidth and 10-minute restarts (assumed).
 * @example trainingCapstone().answer.published.training.seconds //=> 616890.6… (7.14 days)
 */
export function trainingCapstone(p: { usdPerGpuHour?: number } = {}): Capstone<TrainingCapstoneAnswer> {
  const price = p.usdPerGpuHour ?? EXAMPLE_USD_PER_GPU_HOUR;
  const base = {
    budget: { kind: 'flops' as const, flops: 1e24 },
    gpu: getGpu('h100-sxm'),
    gpus: 4096,
    mfu: 0.4,
    usdPerGpuHour: price,
    storageBandwidth: 100e9,
    gpuMtbfHours: LLAMA3_GPU_MTBF_HOURS,
    restartSeconds: 600,
  };
  const published = trainingBudget({ ...base, fit: CHINCHILLA_FITS['hoffmann-2022'] });
  const refitted = trainingBudget({ ...base, fit: CHINCHILLA_FITS['besiroglu-2024'] });
  const o = published.allocation.optimal;
  const r = refitted.allocation.optimal;
  const c = published.checkpoint;
  return {
    id: 'train-for-1e24-flops',
    title: 'A compute-optimal model for 10²⁴ FLOPs',
    question:
      'You have 10²⁴ FLOPs of training compute on 4,096 H100s at 40% MFU. How large a model, on how many tokens, in how many days, at what cost, and how often should it checkpoint?',
    inputs: {
      budget: '10²⁴ FLOPs',
      cluster: '4,096 × H100 SXM at 40% MFU',
      reliability: `Llama 3's rate: ${formatInteger(LLAMA3_INTERRUPTIONS.interruptions)} interruptions in ${LLAMA3_INTERRUPTIONS.days} days on ${formatInteger(LLAMA3_INTERRUPTIONS.gpus)} GPUs`,
      storage: '100 GB/s of checkpoint bandwidth (assumed)',
      restart: '10 minutes per restart (assumed)',
      price: `${formatUsd(price)} per GPU-hour (an example, not a quote)`,
    },
    steps: [
      {
        title: 'Compute-optimal N and D',
        text: `Published fit: N = ${formatParamCount(o.params)}, D = ${formatQuantity(o.tokens, 'tokens')} (${o.tokensPerParam.toFixed(1)} tokens per parameter). Refitted: N = ${formatParamCount(r.params)}, D = ${formatQuantity(r.tokens, 'tokens')} (${r.tokensPerParam.toFixed(1)} tokens per parameter).`,
      },
      {
        title: 'Time and cost without failures',
        text: `${formatSeconds(published.training.seconds!)}, ${formatQuantity(published.idealGpuHours, 'GPU-h')}, ${formatUsd(published.idealUsd)}.`,
      },
      {
        title: 'Checkpoint interval',
        text: `${formatBytes(c.bytes)} per checkpoint, written in ${formatSeconds(c.writeSeconds)}; a failure every ${formatSeconds(c.clusterMtbfSeconds)}; τ = ${formatSeconds(c.intervalSeconds)}.`,
      },
      {
        title: 'With failures and checkpoints',
        text: `${formatSeconds(c.wallSeconds)} of wall time (${formatPercent(c.efficiency)} effective), ${formatUsd(published.wallUsd)} in all.`,
      },
    ],
    answer: { published, refitted },
    warnings: published.warnings,
  };
}

// ── 3. Long documents: GPUs for a concurrency, and the longest prompt ────────────────

export interface LongContextCapstoneAnswer {
  bf16: GpuCountAnswer;
  fp8: GpuCountAnswer;
  /** The longest prompt with TTFT ≤ 1 s on an idle bf16 replica of that size. */
  longestPrompt: PromptAnswer;
}

/**
 * "A document-QA service holds 64 requests of 16,000 prompt and 1,000 output tokens at once
 * on Llama 3 70B: how many H100s per replica, in bf16 and in fp8? On the bf16 replica, how
 * long may a prompt be for a first token within 1 s?"
 * @example longContextCapstone().answer.bf16.gpus //=> 8
 */
export function longContextCapstone(): Capstone<LongContextCapstoneAnswer> {
  const model = getPreset('llama-3-70b').spec;
  const gpu = getGpu('h100-sxm');
  const shape = { inputTokens: 16000, outputTokens: 1000 };
  const bf16 = solveGpusForConcurrency({ model, gpu, ...shape }, 64);
  const fp8 = solveGpusForConcurrency({ model, gpu, ...shape, weightDtype: 'fp8' }, 64);
  if (bf16.gpus === null || fp8.gpus === null) throw new Error('capstone: no GPU count holds the requests');
  const longestPrompt = solveLongestPrompt({ model, gpu, gpus: bf16.gpus, outputTokens: 1000 }, 1);
  const tried = (a: GpuCountAnswer) => a.tried.map((t) => `${t.gpus} GPU${t.gpus === 1 ? ' holds' : 's hold'} ${formatInteger(t.maxConcurrency)}`).join(', ');
  return {
    id: 'long-documents',
    title: 'Long documents on Llama 3 70B',
    question:
      'A document question-answering service keeps 64 requests of 16,000 prompt tokens and 1,000 output tokens in flight on Llama 3 70B. How many H100s does one replica need in bf16, and in fp8 (weights and KV cache)? On the bf16 replica, how long may a prompt be for its first token to arrive within one second on an idle replica?',
    inputs: { model: 'Llama 3 70B', gpu: gpu.name, requests: '64 × (16,000 + 1,000) tokens', target: 'TTFT ≤ 1 s, one request on an idle replica' },
    steps: [
      { title: 'bf16: the smallest degree that holds 64 requests', text: `${tried(bf16)}: ${bf16.gpus} GPUs.` },
      { title: 'fp8: half the bytes per weight and per cached token', text: `${tried(fp8)}: ${fp8.gpus} GPUs.` },
      {
        title: 'The longest prompt within 1 s',
        text: `${formatInteger(longestPrompt.inputTokens!)} tokens (time to first token ${formatSeconds(longestPrompt.scenario.ttftSeconds)}).`,
      },
    ],
    answer: { bf16, fp8, longestPrompt },
    warnings: [...bf16.warnings, ...fp8.warnings, ...longestPrompt.warnings],
  };
}

// ── 4. What fp8 buys at the same targets ─────────────────────────────────────────────

export interface Fp8CapstoneAnswer {
  bf16: ServingOption;
  fp8: ServingOption;
  /** 1 − GPUs(fp8)/GPUs(bf16). */
  gpuSaving: number;
}

/**
 * "The first problem on H100s, with fp8 weights and KV cache: how many GPUs, and what does a
 * million output tokens cost?"
 * @example fp8Capstone().answer.fp8.plan.gpusTotal //=> 30
 */
export function fp8Capstone(p: { usdPerGpuHour?: number } = {}): Capstone<Fp8CapstoneAnswer> {
  const model = getPreset('llama-3-70b').spec;
  const gpu = getGpu('h100-sxm');
  const price = p.usdPerGpuHour ?? EXAMPLE_USD_PER_GPU_HOUR;
  const option = (weightDtype: Dtype): ServingOption => {
    const t = solveTensorParallel({ model, gpu, inputTokens: 2000, outputTokens: 200, weightDtype }, { ttftSeconds: 0.5, tpotSeconds: 0.05 }, 50, {
      usdPerGpuHour: price,
    });
    if (t.plan === null || t.tensorParallel === null) throw new Error('capstone: no layout');
    return {
      gpu: gpu.id,
      gpuName: gpu.name,
      tensorParallel: t.tensorParallel,
      plan: t.plan,
      gpusByDegree: t.plans.map((x) => ({ tp: x.gpusPerReplica, gpus: x.gpusTotal, limitedBy: x.limitedBy })),
    };
  };
  const bf16 = option('bf16');
  const fp8 = option('fp8');
  const gpuSaving = 1 - fp8.plan.gpusTotal! / bf16.plan.gpusTotal!;
  return {
    id: 'what-fp8-buys',
    title: 'What fp8 buys',
    question:
      'Take the first problem on H100s and store the weights and the KV cache in fp8 (the matmuls then run at the fp8 tensor-core rate). How many GPUs now, at which degree, and what does a million output tokens cost?',
    inputs: { model: 'Llama 3 70B', gpu: gpu.name, workload: 'as in the first problem', price: `${formatUsd(price)} per GPU-hour (an example, not a quote)` },
    steps: [
      {
        title: 'bf16',
        text: `TP ${bf16.tensorParallel}: ${formatInteger(bf16.plan.gpusTotal!)} GPUs, ${formatUsd(bf16.plan.cost!.usdPerMillionOutputTokens)} per million output tokens.`,
      },
      {
        title: 'fp8',
        text: `TP ${fp8.tensorParallel}: ${formatInteger(fp8.plan.gpusTotal!)} GPUs, ${formatUsd(fp8.plan.cost!.usdPerMillionOutputTokens)} per million output tokens.`,
      },
      { title: 'Saving', text: `${formatPercent(gpuSaving)} fewer GPUs at the same targets.` },
    ],
    answer: { bf16, fp8, gpuSaving },
    warnings: [...bf16.plan.warnings, ...fp8.plan.warnings],
  };
}

// ── 5. Failures at Llama 3's scale ───────────────────────────────────────────────────

export interface FailureCapstoneAnswer {
  params: number;
  tenMinuteRestart: CheckpointPlan;
  twoMinuteRestart: CheckpointPlan;
}

/**
 * "Llama 3 405B on 16,384 H100s, at the interruption rate Meta reported and 2 TB/s of
 * storage: how large is a checkpoint, how long does it take to write, how often should the
 * job checkpoint, and how much of 54 days of training is lost, with a 10-minute and with a
 * 2-minute restart?"
 * @example failureCapstone().answer.tenMinuteRestart.efficiency //=> 0.924 (approximately)
 */
export function failureCapstone(): Capstone<FailureCapstoneAnswer> {
  const params = countParams(getPreset('llama-3.1-405b').spec).total;
  const base = {
    params,
    storageBandwidth: 2e12,
    gpus: LLAMA3_INTERRUPTIONS.gpus,
    gpuMtbfHours: LLAMA3_GPU_MTBF_HOURS,
    idealSeconds: LLAMA3_INTERRUPTIONS.days * 86400,
  };
  const tenMinuteRestart = checkpointPlan({ ...base, restartSeconds: 600 });
  const twoMinuteRestart = checkpointPlan({ ...base, restartSeconds: 120 });
  const c = tenMinuteRestart;
  return {
    id: 'failures-at-llama-3-scale',
    title: 'Failures at Llama 3’s scale',
    question:
      'Llama 3 405B trains on 16,384 H100s; Meta counted 419 unexpected interruptions in 54 days, and its storage sustains 2 TB/s. How large is a checkpoint, how long does writing it take, how often should the job checkpoint, and how much longer than 54 days of pure training does the run take with a 10-minute restart after each failure? And with a 2-minute restart?',
    inputs: {
      model: `Llama 3.1 405B (${formatInteger(params)} parameters)`,
      cluster: '16,384 H100s',
      failures: '419 unexpected interruptions in 54 days (Llama 3, §3.3.4)',
      storage: '2 TB/s sustained (Llama 3, §3.3.1)',
      restart: '10 minutes, then 2 (assumed)',
    },
    steps: [
      { title: 'Checkpoint size and write time', text: `${formatBytes(c.bytes)}, ${formatSeconds(c.writeSeconds)} at 2 TB/s.` },
      {
        title: 'The job’s MTBF and Young’s interval',
        text: `A failure every ${formatSeconds(c.clusterMtbfSeconds)}; τ = ${formatSeconds(c.intervalSeconds)}.`,
      },
      { title: 'Lost per failure', text: `${formatSeconds(c.lostSecondsPerFailure)} with a 10-minute restart.` },
      {
        title: 'Wall time',
        text: `${formatSeconds(c.wallSeconds)} (${formatPercent(c.efficiency)} effective); with a 2-minute restart ${formatSeconds(twoMinuteRestart.wallSeconds)} (${formatPercent(twoMinuteRestart.efficiency)}).`,
      },
    ],
    answer: { params, tenMinuteRestart, twoMinuteRestart },
    warnings: [...tenMinuteRestart.warnings, ...twoMinuteRestart.warnings],
  };
}

/** Every capstone, in page order. */
export function allCapstones(): Capstone<unknown>[] {
  return [servingCapstone(), trainingCapstone(), longContextCapstone(), fp8Capstone(), failureCapstone()];
}
