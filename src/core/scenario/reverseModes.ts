/**
 * The playground's reverse questions in one shape, on top of the solvers of ./reverse.ts and
 * the forward engine (./serving.ts): the GPUs of one replica, the tensor-parallel degree for
 * an arrival rate, the batch, or the longest prompt that meets mean TTFT and TPOT targets.
 * Every answer comes with
 *   - the forward scenario at the answer: servingScenario at those inputs, so the numbers are
 *     the ones the forward playground shows for them;
 *   - the constraints checked there and at the first point past it (one more request, one
 *     more prompt token, the next smaller GPU count), which is the derivation of why the
 *     answer is what it is: the constraint that fails first past it is the limit;
 *   - the candidates tried, where the search is a scan (GPU counts, degrees);
 *   - warnings when nothing meets the targets, never NaN or Infinity.
 *
 * And `difference`, for the compare mode: how far a result of scenario B is from A's.
 *
 * Targets are on means (the latency model predicts means, not percentiles), as in ./reverse.ts.
 */
import { checkBound } from '../bounds';
import { checkCapacityBound } from '../capacity/bounds';
import type { ModelSpec } from '../model/spec';
import { InputError, formatInteger, formatSeconds } from '../units';
import {
  largestPassing,
  solveConcurrency,
  solveLongestPrompt,
  solveTensorParallel,
  tensorParallelCandidates,
  type Batching,
  type CapacityPlan,
  type LatencyTargets,
  type Limit,
} from './reverse';
import { servingScenario, type ServingInput, type ServingResult } from './serving';
import { warning, type Warning } from './warnings';

/** What a reverse question solves for. */
export type ReverseQuantity = 'gpus' | 'tp' | 'batch' | 'prompt';
export const REVERSE_QUANTITIES: readonly ReverseQuantity[] = ['gpus', 'tp', 'batch', 'prompt'];

/** A constraint an answer must meet. */
export type Constraint = 'memory' | 'context' | 'ttft' | 'tpot';

/** One constraint at one point: the value there against its target or limit. */
export interface ConstraintCheck {
  constraint: Constraint;
  /** Seconds (ttft, tpot), bytes needed (memory: weights + KV caches + activations), tokens per request S + O (context). */
  value: number;
  /** The target (seconds), the usable bytes G·M·u, or the model's trained context (tokens). */
  limit: number;
  ok: boolean;
}

/** The forward engine at one set of inputs, with the constraints checked there. */
export interface ReversePoint {
  gpus: number;
  batch: number;
  inputTokens: number;
  /** servingScenario at these inputs: every number the forward playground shows for them. */
  scenario: ServingResult;
  /** TTFT and TPOT as the targets read them: the static batch's, or continuous batching's steady state (TTFT with queueing, mean time between tokens). */
  ttftSeconds: number;
  tpotSeconds: number;
  checks: ConstraintCheck[];
  /** The first check that fails (memory, context, TTFT, TPOT in that order); null when every one passes. */
  failed: Constraint | null;
}

export interface ReverseQuestion {
  quantity: ReverseQuantity;
  /** The serving inputs; the one solved for (gpus; gpus and batch for tp; batch; inputTokens) is ignored. */
  serving: ServingInput;
  targets: LatencyTargets;
  /**
   * How the targets read latency for 'gpus' and 'batch': 'static' (default: B requests
   * prefilled together and decoded in lock-step, the forward playground's TTFT and TPOT) or
   * 'continuous'. 'tp' is always continuous (a capacity plan); 'prompt' always static.
   */
  batching?: Batching;
  /** λ, requests per second, for 'tp'. */
  arrivalRate?: number;
  /** Largest GPU count tried: 'gpus' 64 (as solveGpusForConcurrency), 'tp' 8 (one NVLink node, as solveTensorParallel). */
  maxGpus?: number;
}

export interface ReverseAnswer {
  quantity: ReverseQuantity;
  batching: Batching;
  targets: LatencyTargets;
  /** G, the degree, B or S; null when nothing meets the targets. */
  value: number | null;
  /** What stops the answer from going further (for 'gpus': what rules out the next smaller count); null when nothing does (one GPU is enough). */
  limitedBy: Limit | null;
  /** The answer's point; without an answer, the point the search could not get past. */
  at: ReversePoint;
  /** The first point past the answer and the constraint it misses; null when a cap ends the search (the context, the candidates) or there is none. */
  beyond: ReversePoint | null;
  /** 'gpus': every GPU count tried, ascending. */
  candidates: ReversePoint[];
  /** 'tp': the chosen degree's capacity plan and every degree's plan. */
  plan: CapacityPlan | null;
  plans: CapacityPlan[];
  /** λ for 'tp'; null otherwise. */
  arrivalRate: number | null;
  warnings: Warning[];
}

/** The model's trained context, tokens; 0 when the config does not say. */
function contextOf(model: ModelSpec): number {
  return model.contextLength || model.maxPositions;
}

/**
 * The forward engine at one point, with the constraints checked. `context` adds the
 * trained-context check (the prompt question's cap); elsewhere a prompt past the context is
 * the scenario's own context-exceeds-model warning.
 */
export function reversePoint(
  base: ServingInput,
  at: { gpus: number; batch: number; inputTokens: number },
  targets: LatencyTargets,
  batching: Batching,
  opts: { context?: boolean } = {},
): ReversePoint {
  const scenario = servingScenario({ ...base, ...at });
  const steady = batching === 'continuous' ? scenario.continuous : null;
  const ttft = steady ? steady.ttftSeconds : scenario.ttftSeconds;
  const tpot = steady ? steady.itlSeconds : scenario.tpotSeconds;
  const checks: ConstraintCheck[] = [{ constraint: 'memory', value: scenario.memory.totalBytes, limit: scenario.memory.usableBytes, ok: scenario.memory.fits }];
  const context = contextOf(base.model);
  if (opts.context && context > 0) {
    const tokens = at.inputTokens + base.outputTokens;
    checks.push({ constraint: 'context', value: tokens, limit: context, ok: tokens <= context });
  }
  checks.push({ constraint: 'ttft', value: ttft, limit: targets.ttftSeconds, ok: ttft <= targets.ttftSeconds });
  checks.push({ constraint: 'tpot', value: tpot, limit: targets.tpotSeconds, ok: tpot <= targets.tpotSeconds });
  return { ...at, scenario, ttftSeconds: ttft, tpotSeconds: tpot, checks, failed: checks.find((c) => !c.ok)?.constraint ?? null };
}

/** Warnings of a scenario that hold at the answer (whether the batch fits is the search's business). */
function carried(r: ServingResult): Warning[] {
  return r.warnings.filter((w) => w.code !== 'batch-does-not-fit');
}

/** The warnings of two lists, one per code, the first list's first. */
function merged(a: readonly Warning[], b: readonly Warning[]): Warning[] {
  const out = new Map<string, Warning>();
  for (const w of [...a, ...b]) if (!out.has(w.code)) out.set(w.code, w);
  return [...out.values()];
}

/**
 * Answers a reverse question with its derivation (see the module comment). Throws
 * InputError naming the field for targets or an arrival rate out of range.
 * @example solveReverse({ quantity: 'batch', serving: { model: getPreset('llama-2-70b').spec, gpu: getGpu('a800-sxm-80gb'), gpus: 8, batch: 1, inputTokens: 3000, outputTokens: 1000 }, targets: { ttftSeconds: 1, tpotSeconds: 0.05 } }).value //=> 3
 */
export function solveReverse(q: ReverseQuestion): ReverseAnswer {
  const targets: LatencyTargets = {
    ttftSeconds: checkCapacityBound(q.targets.ttftSeconds, 'latencyTarget', 'ttftTargetSeconds', 'TTFT target (s)'),
    tpotSeconds: checkCapacityBound(q.targets.tpotSeconds, 'latencyTarget', 'tpotTargetSeconds', 'TPOT target (s)'),
  };
  switch (q.quantity) {
    case 'gpus':
      return solveGpus(q, targets, q.batching ?? 'static');
    case 'tp':
      return solveDegree(q, targets);
    case 'batch':
      return solveBatch(q, targets, q.batching ?? 'static');
    case 'prompt':
      return solvePrompt(q, targets);
    default:
      throw new InputError('quantity', 'solve for gpus, tp, batch or prompt');
  }
}

function answer(
  q: ReverseQuestion,
  targets: LatencyTargets,
  batching: Batching,
  rest: Omit<ReverseAnswer, 'quantity' | 'targets' | 'batching' | 'candidates' | 'plan' | 'plans' | 'arrivalRate'> & Partial<ReverseAnswer>,
): ReverseAnswer {
  return { quantity: q.quantity, targets, batching, candidates: [], plan: null, plans: [], arrivalRate: null, ...rest };
}

/**
 * The fewest GPUs of one tensor-parallel replica that hold the B requests and meet both
 * targets: the degrees the model accepts (tensorParallelCandidates, up to 64), ascending,
 * stopping at the first whose every check passes. A scan, so no monotonicity in G is
 * assumed (more GPUs can be slower: more all-reduces per token).
 */
function solveGpus(q: ReverseQuestion, targets: LatencyTargets, batching: Batching): ReverseAnswer {
  const s = q.serving;
  const candidates = tensorParallelCandidates(s.model, q.maxGpus ?? 64);
  const tried: ReversePoint[] = [];
  for (const gpus of candidates) {
    const p = reversePoint(s, { gpus, batch: s.batch, inputTokens: s.inputTokens }, targets, batching);
    tried.push(p);
    if (p.failed === null) {
      const previous = tried.length > 1 ? tried[tried.length - 2]! : null;
      return answer(q, targets, batching, {
        value: gpus,
        limitedBy: previous?.failed ?? null,
        at: p,
        beyond: previous,
        candidates: tried,
        warnings: carried(p.scenario),
      });
    }
  }
  const last = tried[tried.length - 1]!;
  const memory = last.failed === 'memory';
  const largest = `${formatInteger(last.gpus)} × ${s.gpu.name}`;
  return answer(q, targets, batching, {
    value: null,
    limitedBy: last.failed,
    at: last,
    beyond: null,
    candidates: tried,
    warnings: [
      ...carried(last.scenario),
      memory
        ? warning(
            'no-gpu-count-fits',
            `Even ${largest} (the largest tensor-parallel degree tried, of ${candidates.join(', ')}) hold only ${formatInteger(last.scenario.memory.maxConcurrency)} of the ${formatInteger(s.batch)} requests: serve them on several replicas, or shrink the weights or the KV cache.`,
            'batch',
          )
        : warning(
            'targets-unreachable',
            `No GPU count of ${candidates.join(', ')} meets the targets with ${formatInteger(s.batch)} requests: on ${largest} the ${last.failed === 'ttft' ? `time to first token is ${formatSeconds(last.ttftSeconds)}, above the ${formatSeconds(targets.ttftSeconds)} target` : `time per output token is ${formatSeconds(last.tpotSeconds)}, above the ${formatSeconds(targets.tpotSeconds)} target`}. Serve fewer requests per replica, loosen the targets or use a faster GPU.`,
            last.failed === 'ttft' ? 'ttftTargetSeconds' : 'tpotTargetSeconds',
          ),
    ],
  });
}

/**
 * The tensor-parallel degree that carries λ on the fewest GPUs in all (solveTensorParallel,
 * continuous batching), with its replica at B*, the most requests in flight within the
 * targets, and one request more as the point past it.
 */
function solveDegree(q: ReverseQuestion, targets: LatencyTargets): ReverseAnswer {
  const s = q.serving;
  const lambda = checkCapacityBound(q.arrivalRate ?? Number.NaN, 'arrivalRate', 'arrivalRate', 'Arrival rate (requests/s)');
  const r = solveTensorParallel(s, targets, lambda, { maxGpusPerReplica: q.maxGpus ?? 8 });
  const batching: Batching = 'continuous';
  const best = r.plan;
  if (best === null || best.concurrency === null) {
    // No degree meets the targets: the largest degree tried, at one request, is where it fails.
    const largest = r.plans[r.plans.length - 1]!;
    const at = reversePoint(s, { gpus: largest.gpusPerReplica, batch: 1, inputTokens: s.inputTokens }, targets, batching);
    return answer(q, targets, batching, {
      value: null,
      limitedBy: largest.limitedBy,
      at,
      beyond: null,
      plan: null,
      plans: r.plans,
      arrivalRate: lambda,
      warnings: merged(r.warnings, carried(at.scenario)),
    });
  }
  const G = best.gpusPerReplica;
  const at = reversePoint(s, { gpus: G, batch: best.concurrency, inputTokens: s.inputTokens }, targets, batching);
  const beyond = reversePoint(s, { gpus: G, batch: best.concurrency + 1, inputTokens: s.inputTokens }, targets, batching);
  return answer(q, targets, batching, {
    value: G,
    limitedBy: best.limitedBy,
    at,
    beyond,
    plan: best,
    plans: r.plans,
    arrivalRate: lambda,
    warnings: merged(r.warnings, carried(at.scenario)),
  });
}

/** The largest batch within the targets (solveConcurrency), with B* + 1 as the point past it. */
function solveBatch(q: ReverseQuestion, targets: LatencyTargets, batching: Batching): ReverseAnswer {
  const s = q.serving;
  const r = solveConcurrency(s, targets, { batching });
  const B = r.concurrency;
  const point = (batch: number) => reversePoint(s, { gpus: s.gpus, batch, inputTokens: s.inputTokens }, targets, batching);
  if (B === null) return answer(q, targets, batching, { value: null, limitedBy: r.limitedBy, at: point(1), beyond: null, warnings: r.warnings });
  return answer(q, targets, batching, { value: B, limitedBy: r.limitedBy, at: point(B), beyond: point(B + 1), warnings: r.warnings });
}

/**
 * The longest prompt S whose B prompts, prefilled together, meet the TTFT target and then
 * decode within the TPOT target, fitting in memory and in the model's context:
 * solveLongestPrompt for the TTFT, memory and context, then the largest S up to that whose
 * TPOT meets its target, by bisection. The bisection assumes TPOT does not fall as the
 * prompt grows (each decode step reads a longer KV cache); test/core/reverseModes.test.ts
 * checks it with fast-check.
 */
function solvePrompt(q: ReverseQuestion, targets: LatencyTargets): ReverseAnswer {
  const s = q.serving;
  const batching: Batching = 'static';
  const batch = checkBound(s.batch, 'batch', 'batch', 'Requests B');
  const r = solveLongestPrompt({ ...s, batch }, targets.ttftSeconds);
  const point = (inputTokens: number) => reversePoint(s, { gpus: s.gpus, batch, inputTokens }, targets, batching, { context: true });
  if (r.inputTokens === null) {
    return answer(q, targets, batching, { value: null, limitedBy: r.limitedBy, at: point(1), beyond: null, warnings: r.warnings });
  }
  const tpotOk = (S: number) => servingScenario({ ...s, batch, inputTokens: S }).tpotSeconds <= targets.tpotSeconds;
  const S = largestPassing(1, r.inputTokens, tpotOk).value;
  if (S === null) {
    const at = point(1);
    return answer(q, targets, batching, {
      value: null,
      limitedBy: 'tpot',
      at,
      beyond: null,
      warnings: [
        ...carried(at.scenario),
        warning(
          'targets-unreachable',
          `Even one-token prompts decode at ${formatSeconds(at.tpotSeconds)} per output token with ${formatInteger(batch)} requests on ${formatInteger(s.gpus)} × ${s.gpu.name}, above the ${formatSeconds(targets.tpotSeconds)} target: fewer requests, more GPUs or fewer bytes per weight would lower it.`,
          'tpotTargetSeconds',
        ),
      ],
    });
  }
  if (S < r.inputTokens) {
    const at = point(S);
    return answer(q, targets, batching, { value: S, limitedBy: 'tpot', at, beyond: point(S + 1), warnings: carried(at.scenario) });
  }
  // The TTFT search's own answer: past it the TTFT target, memory, or a cap (the context, the bound).
  const capped = r.limitedBy === 'context' || r.limitedBy === 'bound';
  return answer(q, targets, batching, { value: S, limitedBy: r.limitedBy, at: point(S), beyond: capped ? null : point(S + 1), warnings: r.warnings });
}

/** How far B is from A. */
export interface Difference {
  /** B − A. */
  absolute: number;
  /** (B − A)/|A|; null when A is 0 and B is not (no relative change from nothing). */
  relative: number | null;
  /** A and B are equal. */
  same: boolean;
}

/**
 * B − A and (B − A)/|A|, for the compare mode's result rows.
 * @example difference(8, 10) //=> { absolute: 2, relative: 0.25, same: false }
 * @example difference(0, 3) //=> { absolute: 3, relative: null, same: false }
 */
export function difference(a: number, b: number): Difference {
  if (!Number.isFinite(a) || !Number.isFinite(b)) throw new InputError('value', 'difference of values that are not finite numbers');
  const absolute = b - a;
  if (a === b) return { absolute: 0, relative: 0, same: true };
  return { absolute, relative: a === 0 ? null : absolute / Math.abs(a), same: false };
}
