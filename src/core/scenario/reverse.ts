/**
 * Reverse questions: the forward engine (./serving.ts) answers "how fast is this setup";
 * these solve for the setup that meets a target, by exact search over that same engine,
 * so the answer comes with the forward scenario at the answer and shows the same numbers
 * the forward calculators show for it.
 *
 *   solveConcurrency        the most requests one replica keeps in flight (the batch) within TTFT and TPOT targets
 *   planCapacity            replicas and GPUs for an arrival rate within the targets, and where each replica then runs
 *   solveTensorParallel     the tensor-parallel degree that carries an arrival rate on the fewest GPUs
 *   solveGpusForConcurrency the fewest GPUs of one replica that hold a model and a number of requests
 *   solveLongestPrompt      the longest prompt whose time to first token meets a target
 *
 * Each search assumes the engine is monotone in the quantity searched, and says which
 * monotonicity it relies on; test/core/reverse.test.ts checks each with fast-check over
 * presets, GPUs and workloads. Integer answers are exact for the engine: the answer meets
 * the target and one more does not (or a limit of memory, context or the candidates
 * stops the search, which the answer says). When nothing meets the target the answer is
 * null and a warning says why; no answer is ever NaN or Infinity.
 *
 * Targets are on means: the latency model predicts mean TTFT and mean time per output
 * token, not percentiles; a percentile SLO needs headroom on top.
 */
import type { ModelSpec } from '../model/spec';
import { InputError, formatInteger, formatSeconds } from '../units';
import { checkBound } from '../bounds';
import type { ContinuousBatching } from '../latency/step';
import { checkCapacityBound } from '../capacity/bounds';
import { replicasFor } from '../capacity/slo';
import { servingCost, type ServingCost } from '../capacity/cost';
import { servingScenario, type ServingInput, type ServingResult } from './serving';
import { warning, type Warning } from './warnings';

/** A serving question without the batch: what the reverse solvers search over. */
export type ServingQuestion = Omit<ServingInput, 'batch'>;

/** Mean latency targets: time to first token and time per output token, seconds. */
export interface LatencyTargets {
  ttftSeconds: number;
  tpotSeconds: number;
}

/**
 * How requests share a replica: 'continuous' (iteration-level scheduling, the steady state
 * of ../latency/step.ts continuousBatching: TTFT with the prefill queue, TPOT the mean time
 * between tokens) or 'static' (B requests prefilled together then decoded in lock-step, the
 * article's batch).
 */
export type Batching = 'continuous' | 'static';

/** What stops an answer from going further. */
export type Limit = 'ttft' | 'tpot' | 'memory' | 'context' | 'bound' | 'candidates';

/**
 * The largest integer x in [lo, hi] with ok(x), for an ok that is true up to some x and
 * false after it (monotone); null when ok(lo) is false. At most ⌈log₂(hi − lo + 1)⌉ + 2 calls.
 * @example largestPassing(1, 100, (x) => x * x <= 50).value //=> 7
 */
export function largestPassing(lo: number, hi: number, ok: (x: number) => boolean): { value: number | null; evaluations: number } {
  let evaluations = 1;
  if (!ok(lo)) return { value: null, evaluations };
  evaluations += 1;
  if (ok(hi)) return { value: hi, evaluations };
  let a = lo; // ok(a)
  let b = hi; // !ok(b)
  while (b - a > 1) {
    const mid = a + Math.floor((b - a) / 2);
    evaluations += 1;
    if (ok(mid)) a = mid;
    else b = mid;
  }
  return { value: a, evaluations };
}

/**
 * The smallest integer x in [lo, hi] with ok(x), for an ok that is false up to some x and
 * true after it; null when ok(hi) is false.
 * @example smallestPassing(1, 100, (x) => x * x >= 50).value //=> 8
 */
export function smallestPassing(lo: number, hi: number, ok: (x: number) => boolean): { value: number | null; evaluations: number } {
  const r = largestPassing(-hi, -lo, (y) => ok(-y));
  return { value: r.value === null ? null : -r.value, evaluations: r.evaluations };
}

/**
 * Tensor-parallel degrees a real engine accepts for this model, up to `max`: divisors of the
 * query heads h that also divide the KV heads or are a multiple of them (KV heads replicated).
 * The default max, 8, is one NVLink node.
 * @example tensorParallelCandidates(getPreset('llama-3-70b').spec) //=> [1, 2, 4, 8]
 */
export function tensorParallelCandidates(spec: ModelSpec, max = 8): number[] {
  checkBound(max, 'gpus', 'maxGpus', 'Largest tensor-parallel degree');
  const out: number[] = [];
  const limit = Math.min(max, spec.heads);
  for (let t = 1; t <= limit; t += 1) {
    if (spec.heads % t !== 0) continue;
    if (spec.kvHeads % t !== 0 && t % spec.kvHeads !== 0) continue;
    out.push(t);
  }
  return out;
}

function checkTargets(t: LatencyTargets): void {
  checkCapacityBound(t.ttftSeconds, 'latencyTarget', 'ttftTargetSeconds', 'TTFT target (s)');
  checkCapacityBound(t.tpotSeconds, 'latencyTarget', 'tpotTargetSeconds', 'TPOT target (s)');
}

/** The answer to "how many requests can one replica hold within the targets". */
export interface ConcurrencyAnswer {
  /** B*: requests in flight (continuous) or in the batch (static); null when not even one meets the targets or fits. */
  concurrency: number | null;
  /** What stops B* from going higher; null when there is no answer and memory is not the reason. */
  limitedBy: Limit | null;
  batching: Batching;
  targets: LatencyTargets;
  /** Mean TTFT and TPOT at B* (at B = 1 when there is no answer). */
  ttftSeconds: number;
  tpotSeconds: number;
  /** Requests per second the replica completes at B*; 0 when there is no answer. */
  requestsPerSecond: number;
  /** The forward scenario at B* (at B = 1 when there is no answer): every number the forward calculators show. */
  scenario: ServingResult;
  /** Continuous batching at B*; null for static batching or no answer. */
  steady: ContinuousBatching | null;
  /** Requests memory holds at once (servingMemory). */
  maxConcurrency: number;
  /** Engine evaluations the search took. */
  evaluations: number;
  warnings: Warning[];
}

interface Point {
  r: ServingResult;
  ttft: number;
  tpot: number;
  rps: number;
}

/** The engine at batch B under a batching mode, memoized for one search. */
function pointer(q: ServingQuestion, batching: Batching): { at: (batch: number) => Point; count: () => number } {
  const memo = new Map<number, Point>();
  return {
    at: (batch) => {
      const hit = memo.get(batch);
      if (hit) return hit;
      const r = servingScenario({ ...q, batch });
      const s = batching === 'continuous' ? r.continuous : null;
      const p: Point = s
        ? { r, ttft: s.ttftSeconds, tpot: s.itlSeconds, rps: s.requestsPerSecond }
        : { r, ttft: r.ttftSeconds, tpot: r.tpotSeconds, rps: r.batch / r.totalSeconds };
      memo.set(batch, p);
      return p;
    },
    count: () => memo.size,
  };
}

/** Warnings of a scenario that still hold at the answer (batch-level ones are the search's business). */
function carried(r: ServingResult): Warning[] {
  return r.warnings.filter((w) => w.code !== 'batch-does-not-fit');
}

/**
 * The largest number of requests one replica can hold while the mean TTFT and the mean
 * time per output token stay within the targets, and memory holds them all.
 *
 * Searches B in [1, B_max] (B_max from servingMemory) by bisection, assuming TTFT and TPOT
 * do not decrease as B grows: under continuous batching a decode step of more requests is
 * no faster and each request waits out more prefills; under static batching a larger
 * batch's prefill and decode steps are no shorter.
 * @example solveConcurrency({ model: getPreset('llama-3-70b').spec, gpu: getGpu('h100-sxm'), gpus: 4, inputTokens: 2000, outputTokens: 200 }, { ttftSeconds: 0.5, tpotSeconds: 0.05 }).concurrency //=> 48
 */
export function solveConcurrency(q: ServingQuestion, targets: LatencyTargets, opts: { batching?: Batching } = {}): ConcurrencyAnswer {
  checkTargets(targets);
  const batching = opts.batching ?? 'continuous';
  if (batching !== 'continuous' && batching !== 'static') throw new InputError('batching', 'batching must be continuous or static');
  return concurrencyWith(q, targets, batching, pointer(q, batching));
}

/** solveConcurrency over a given (memoized) engine, so a plan's later searches reuse its evaluations. */
function concurrencyWith(q: ServingQuestion, targets: LatencyTargets, batching: Batching, engine: ReturnType<typeof pointer>): ConcurrencyAnswer {
  const { at, count } = engine;
  const first = at(1);
  const maxConcurrency = first.r.memory.maxConcurrency;
  const meets = (p: Point) => p.ttft <= targets.ttftSeconds && p.tpot <= targets.tpotSeconds;
  const none = (limitedBy: Limit | null, warnings: Warning[]): ConcurrencyAnswer => ({
    concurrency: null,
    limitedBy,
    batching,
    targets,
    ttftSeconds: first.ttft,
    tpotSeconds: first.tpot,
    requestsPerSecond: 0,
    scenario: first.r,
    steady: null,
    maxConcurrency,
    evaluations: count(),
    warnings,
  });
  if (maxConcurrency < 1) return none('memory', carried(first.r));
  if (!meets(first)) {
    const ttftMissed = first.ttft > targets.ttftSeconds;
    const what = ttftMissed
      ? `its time to first token is ${formatSeconds(first.ttft)}, above the ${formatSeconds(targets.ttftSeconds)} target`
      : `its time per output token is ${formatSeconds(first.tpot)}, above the ${formatSeconds(targets.tpotSeconds)} target`;
    return none(ttftMissed ? 'ttft' : 'tpot', [
      ...carried(first.r),
      warning(
        'targets-unreachable',
        `Not even one request at a time meets the targets on ${formatInteger(q.gpus)} × ${q.gpu.name}: ${what}. Use more GPUs per replica, a faster GPU, fewer bytes per weight or a shorter prompt.`,
        ttftMissed ? 'ttftTargetSeconds' : 'tpotTargetSeconds',
      ),
    ]);
  }
  const found = largestPassing(1, maxConcurrency, (b) => meets(at(b)));
  const B = found.value!;
  const p = at(B);
  const warnings = carried(p.r);
  let limitedBy: Limit;
  if (B === maxConcurrency) {
    limitedBy = 'memory';
    warnings.push(
      warning(
        'memory-limits-concurrency',
        `Memory holds ${formatInteger(maxConcurrency)} requests of ${formatInteger(q.inputTokens + q.outputTokens)} tokens at once, and the latency targets would allow more: here memory, not latency, sets the throughput. More GPUs per replica, fewer bytes per weight or an 8-bit KV cache would raise it.`,
        'gpus',
      ),
    );
  } else {
    limitedBy = at(B + 1).ttft > targets.ttftSeconds ? 'ttft' : 'tpot';
  }
  return {
    concurrency: B,
    limitedBy,
    batching,
    targets,
    ttftSeconds: p.ttft,
    tpotSeconds: p.tpot,
    requestsPerSecond: p.rps,
    scenario: p.r,
    steady: batching === 'continuous' ? p.r.continuous : null,
    maxConcurrency,
    evaluations: count(),
    warnings,
  };
}

/** Where each replica of a plan runs once the arrival rate is shared among the replicas. */
export interface OperatingPoint {
  /** λ/n_rep, requests per second each replica receives. */
  requestsPerSecondPerReplica: number;
  /** The fewest requests in flight at which the closed-loop steady state completes that rate. */
  concurrency: number;
  /** The steady state there: TTFT, TPOT, time per request, prefill share. */
  steady: ContinuousBatching;
  /** Little's law at the replica's load: λ/n_rep · T_req, requests in flight per replica. */
  inFlightPerReplica: number;
  /** The same for the fleet: λ · T_req. */
  inFlight: number;
  /** λ/n_rep over λ_rep: how full each replica is against what the targets allow. */
  utilization: number;
}

/** Replicas and GPUs for an arrival rate within latency targets, on one tensor-parallel degree. */
export interface CapacityPlan extends ConcurrencyAnswer {
  /** λ, requests per second arriving. */
  arrivalRate: number;
  /** G, GPUs per replica. */
  gpusPerReplica: number;
  /** n_rep = ⌈λ/λ_rep⌉; null when no concurrency meets the targets. */
  replicas: number | null;
  /** n_rep · G; null with replicas. */
  gpusTotal: number | null;
  /** λ_rep/G: requests per second per GPU within the targets; 0 without an answer. */
  goodputPerGpu: number;
  operating: OperatingPoint | null;
  /** What the fleet costs at the operating point, when a price was given. */
  cost: ServingCost | null;
}

/**
 * Replicas and GPUs to serve `arrivalRate` requests per second within the targets: the
 * largest concurrency B* one replica holds within them (solveConcurrency), its rate λ_rep,
 * n_rep = ⌈λ/λ_rep⌉ replicas of G GPUs, and where each replica then runs: the fewest
 * requests in flight whose closed-loop rate reaches λ/n_rep (a bisection assuming the rate
 * does not fall as concurrency grows). With a price, the cost at that point.
 * @example planCapacity({ model: getPreset('llama-3-70b').spec, gpu: getGpu('h100-sxm'), gpus: 4, inputTokens: 2000, outputTokens: 200 }, { ttftSeconds: 0.5, tpotSeconds: 0.05 }, 50).gpusTotal //=> 44
 */
export function planCapacity(q: ServingQuestion, targets: LatencyTargets, arrivalRate: number, opts: { usdPerGpuHour?: number } = {}): CapacityPlan {
  const lambda = checkCapacityBound(arrivalRate, 'arrivalRate', 'arrivalRate', 'Arrival rate (requests/s)');
  if (opts.usdPerGpuHour !== undefined) checkBound(opts.usdPerGpuHour, 'pricePerGpuHour', 'usdPerGpuHour', 'Price per GPU-hour');
  checkTargets(targets);
  const engine = pointer(q, 'continuous');
  const answer = concurrencyWith(q, targets, 'continuous', engine);
  const base = { ...answer, arrivalRate: lambda, gpusPerReplica: q.gpus };
  if (answer.concurrency === null || answer.steady === null) {
    return { ...base, replicas: null, gpusTotal: null, goodputPerGpu: 0, operating: null, cost: null };
  }
  const perReplica = answer.steady.requestsPerSecond;
  const replicas = replicasFor({ lambda, perReplica });
  checkBound(replicas * q.gpus, 'gpus', 'arrivalRate', 'GPUs the arrival rate needs');
  const load = lambda / replicas;
  const { at } = engine;
  // The rate at B* is λ_rep ≥ load, so a smallest B ≤ B* reaching the load exists.
  const b = smallestPassing(1, answer.concurrency, (c) => at(c).rps >= load * (1 - 1e-12)).value ?? answer.concurrency;
  const steady = at(b).r.continuous!;
  const operating: OperatingPoint = {
    requestsPerSecondPerReplica: load,
    concurrency: b,
    steady,
    inFlightPerReplica: load * steady.requestSeconds,
    inFlight: lambda * steady.requestSeconds,
    utilization: load / perReplica,
  };
  const gpusTotal = replicas * q.gpus;
  const cost =
    opts.usdPerGpuHour === undefined
      ? null
      : servingCost({
          usdPerGpuHour: opts.usdPerGpuHour,
          gpus: gpusTotal,
          requestsPerSecond: lambda,
          inputTokens: q.inputTokens,
          outputTokens: q.outputTokens,
          prefillShare: steady.prefillShare,
        });
  return { ...base, replicas, gpusTotal, goodputPerGpu: perReplica / q.gpus, operating, cost };
}

/** The tensor-parallel degree that serves a load on the fewest GPUs, with every candidate's plan. */
export interface TensorParallelAnswer {
  /** The best degree; null when no candidate meets the targets. */
  tensorParallel: number | null;
  plan: CapacityPlan | null;
  /** One plan per candidate degree, in ascending order. */
  plans: CapacityPlan[];
  warnings: Warning[];
}

/**
 * The tensor-parallel degree (GPUs per replica) that serves `arrivalRate` within the
 * targets on the fewest GPUs in all: a scan over the degrees the model accepts
 * (tensorParallelCandidates, up to 8 by default), planCapacity for each. Ties go to the
 * smaller degree (more, smaller replicas: finer scaling, smaller failure domains). No
 * monotonicity is assumed across degrees: each is evaluated.
 * @example solveTensorParallel({ model: getPreset('llama-3-70b').spec, gpu: getGpu('h100-sxm'), inputTokens: 2000, outputTokens: 200 }, { ttftSeconds: 0.5, tpotSeconds: 0.05 }, 50).tensorParallel //=> 4
 */
export function solveTensorParallel(
  q: Omit<ServingQuestion, 'gpus'>,
  targets: LatencyTargets,
  arrivalRate: number,
  opts: { candidates?: readonly number[]; maxGpusPerReplica?: number; usdPerGpuHour?: number } = {},
): TensorParallelAnswer {
  checkTargets(targets);
  checkCapacityBound(arrivalRate, 'arrivalRate', 'arrivalRate', 'Arrival rate (requests/s)');
  const candidates = opts.candidates ?? tensorParallelCandidates(q.model, opts.maxGpusPerReplica ?? 8);
  if (candidates.length === 0) throw new InputError('candidates', 'No tensor-parallel degree to try');
  for (const t of candidates) checkBound(t, 'gpus', 'candidates', 'Tensor-parallel degree');
  const plans = [...candidates]
    .sort((a, b) => a - b)
    .map((gpus) => planCapacity({ ...q, gpus }, targets, arrivalRate, opts.usdPerGpuHour === undefined ? {} : { usdPerGpuHour: opts.usdPerGpuHour }));
  let best: CapacityPlan | null = null;
  for (const p of plans) {
    if (p.gpusTotal === null) continue;
    if (best === null || p.gpusTotal < best.gpusTotal!) best = p;
  }
  const warnings: Warning[] = [];
  if (best === null) {
    warnings.push(
      warning(
        'targets-unreachable',
        `No tensor-parallel degree of ${candidates.join(', ')} GPUs meets the targets with ${q.model.id} on ${q.gpu.name}: loosen the targets, shorten the prompt, or use a faster GPU or fewer bytes per weight.`,
        'ttftTargetSeconds',
      ),
    );
  } else {
    warnings.push(...best.warnings);
  }
  return { tensorParallel: best?.gpusPerReplica ?? null, plan: best, plans, warnings };
}

/** The fewest GPUs of one replica that hold the model and a number of requests. */
export interface GpuCountAnswer {
  /** G; null when no candidate holds them. */
  gpus: number | null;
  concurrency: number;
  /** The forward scenario at G with B = concurrency (at the largest candidate when none fits). */
  scenario: ServingResult;
  /** The candidates tried, ascending, with the requests each holds. */
  tried: { gpus: number; maxConcurrency: number }[];
  warnings: Warning[];
}

/**
 * The smallest tensor-parallel degree whose memory holds the weights, the activations and
 * `concurrency` requests of S + O tokens: the candidates in ascending order, stopping at the
 * first that fits (memory left for the KV cache grows with G, so the first is the smallest).
 * @example solveGpusForConcurrency({ model: getPreset('llama-3-70b').spec, gpu: getGpu('h100-sxm'), inputTokens: 16000, outputTokens: 1000 }, 64).gpus //=> 8
 */
export function solveGpusForConcurrency(
  q: Omit<ServingQuestion, 'gpus'>,
  concurrency: number,
  opts: { candidates?: readonly number[]; maxGpus?: number } = {},
): GpuCountAnswer {
  const B = checkBound(concurrency, 'batch', 'concurrency', 'Concurrent requests');
  const candidates = [...(opts.candidates ?? tensorParallelCandidates(q.model, opts.maxGpus ?? 64))].sort((a, b) => a - b);
  if (candidates.length === 0) throw new InputError('candidates', 'No GPU count to try');
  const tried: GpuCountAnswer['tried'] = [];
  let last: ServingResult | null = null;
  for (const gpus of candidates) {
    checkBound(gpus, 'gpus', 'candidates', 'GPU count');
    const r = servingScenario({ ...q, gpus, batch: B });
    tried.push({ gpus, maxConcurrency: r.memory.maxConcurrency });
    last = r;
    if (r.memory.maxConcurrency >= B) return { gpus, concurrency: B, scenario: r, tried, warnings: carried(r) };
  }
  const biggest = tried[tried.length - 1]!;
  return {
    gpus: null,
    concurrency: B,
    scenario: last!,
    tried,
    warnings: [
      warning(
        'no-gpu-count-fits',
        `Even ${formatInteger(biggest.gpus)} × ${q.gpu.name} hold only ${formatInteger(biggest.maxConcurrency)} of the ${formatInteger(B)} requests: serve them on several replicas, or shrink the weights or the KV cache.`,
        'concurrency',
      ),
    ],
  };
}

/** The longest prompt meeting a time-to-first-token target. */
export interface PromptAnswer {
  /** S: prompt tokens; null when not even a one-token prompt meets the target or fits. */
  inputTokens: number | null;
  limitedBy: Limit | null;
  ttftTargetSeconds: number;
  /** The forward scenario at S (at S = 1 when there is no answer). */
  scenario: ServingResult;
  evaluations: number;
  warnings: Warning[];
}

/**
 * The longest prompt S whose time to first token, with `batch` such prompts prefilled
 * together (1 by default: a request on an idle replica), meets the target, and whose batch
 * fits in memory at S + O tokens each. Capped by the model's trained context (S + O at
 * most its length). Doubling then bisection, assuming the TTFT does not fall as the prompt
 * grows (a prefill's FLOPs and bytes only grow with S) and memory never fits more of
 * longer requests.
 * @example solveLongestPrompt({ model: getPreset('llama-3-70b').spec, gpu: getGpu('h100-sxm'), gpus: 8, outputTokens: 200 }, 0.5).inputTokens //=> 12870
 */
export function solveLongestPrompt(
  q: Omit<ServingQuestion, 'inputTokens'> & { batch?: number },
  ttftTargetSeconds: number,
  opts: { maxInputTokens?: number } = {},
): PromptAnswer {
  const target = checkCapacityBound(ttftTargetSeconds, 'latencyTarget', 'ttftTargetSeconds', 'TTFT target (s)');
  const batch = checkBound(q.batch ?? 1, 'batch', 'batch', 'Requests B');
  const O = checkBound(q.outputTokens, 'sequence', 'outputTokens', 'Output tokens O');
  const context = q.model.contextLength || q.model.maxPositions;
  let hi = checkBound(opts.maxInputTokens ?? 1_000_000_000, 'sequence', 'maxInputTokens', 'Longest prompt to consider') - O;
  let capReason: Limit = 'bound';
  if (context > 0 && context - O < hi) {
    hi = context - O;
    capReason = 'context';
  }
  const memo = new Map<number, ServingResult>();
  const at = (S: number) => {
    let r = memo.get(S);
    if (!r) {
      r = servingScenario({ ...q, batch, inputTokens: S });
      memo.set(S, r);
    }
    return r;
  };
  const ok = (S: number) => {
    const r = at(S);
    return r.memory.fits && r.ttftSeconds <= target;
  };
  if (hi < 1) {
    const r = servingScenario({ ...q, batch, inputTokens: 1 });
    return {
      inputTokens: null,
      limitedBy: 'context',
      ttftTargetSeconds: target,
      scenario: r,
      evaluations: 1,
      warnings: [
        ...carried(r),
        warning(
          'prompt-limited-by-context',
          `${formatInteger(O)} output tokens already fill the model's ${formatInteger(context)}-token context: no prompt fits.`,
          'outputTokens',
        ),
      ],
    };
  }
  if (!ok(1)) {
    const r = at(1);
    const memory = !r.memory.fits;
    return {
      inputTokens: null,
      limitedBy: memory ? 'memory' : 'ttft',
      ttftTargetSeconds: target,
      scenario: r,
      evaluations: memo.size,
      warnings: memory
        ? carried(r)
        : [
            ...carried(r),
            warning(
              'targets-unreachable',
              `Even a one-token prompt takes ${formatSeconds(r.ttftSeconds)} to its first token here (fixed costs per step and per layer), above the ${formatSeconds(target)} target.`,
              'ttftTargetSeconds',
            ),
          ],
    };
  }
  // Doubling brackets the answer in O(log S) evaluations, then bisection finds it.
  let good = 1;
  let bad: number | null = null;
  while (good < hi) {
    const next = Math.min(hi, good * 2);
    if (ok(next)) good = next;
    else {
      bad = next;
      break;
    }
  }
  let S = good;
  if (bad !== null) S = largestPassing(good, bad, ok).value!;
  const r = at(S);
  const warnings = carried(r);
  let limitedBy: Limit;
  if (S === hi) {
    limitedBy = capReason;
    if (capReason === 'context') {
      warnings.push(
        warning(
          'prompt-limited-by-context',
          `The model's ${formatInteger(context)}-token context, not the TTFT target, is the limit: a ${formatInteger(S)}-token prompt and ${formatInteger(O)} output tokens fill it, with time to first token ${formatSeconds(r.ttftSeconds)}.`,
          'outputTokens',
        ),
      );
    }
  } else {
    const next = at(S + 1);
    limitedBy = next.memory.fits ? 'ttft' : 'memory';
  }
  return { inputTokens: S, limitedBy, ttftTargetSeconds: target, scenario: r, evaluations: memo.size, warnings };
}
