/**
 * Prefill/decode disaggregation: run prompts on one pool of GPUs and generation on another,
 * and move each request's KV cache between them. A shared (colocated) instance makes every
 * running request wait while a new prompt is prefilled, and must size one parallel layout for
 * two phases with opposite needs (prefill compute-bound, decode bandwidth-bound); separate
 * pools remove the interference and let each pool be sized for its own target, at the price
 * of a KV transfer per request and of GPUs that serve one phase only.
 *
 *   KV transfer            T_KV = M_KV(S) / (G_p · W_link · η_link)        each prefill GPU sends its shard
 *   prefill pool rate      λ_p = 2(T' − t_p) / (t_p·(2T' − t_p)),  T' = T*_TTFT − T_KV
 *                          (an M/D/1 queue of prefills: TTFT = t_p·(1 + ρ/(2(1 − ρ))) + T_KV ≤ T*_TTFT)
 *   decode pool rate       λ_d = B_d / ((O − 1)·t_d(B_d)),  the largest B_d with t_d(B_d) ≤ T*_TPOT  (Little's law)
 *   goodput per GPU        min(n_p·λ_p, n_d·λ_d) / (n_p·G_p + n_d·G_d)
 *
 * The colocated side is the scenario engine's continuous batching (Little's law, an M/D/1
 * prefill queue, each prompt's prefill stalling the others' decode), at the largest
 * concurrency whose mean request meets both targets. Goodput here is for the mean request;
 * DistServe asks 90% of requests to meet the targets, a stricter bar the mean cannot show.
 * @see Zhong et al., "DistServe: Disaggregating Prefill and Decoding for Goodput-optimized Large Language Model Serving" (OSDI 2024)
 * @see Patel et al., "Splitwise: Efficient Generative LLM Inference Using Phase Splitting" (ISCA 2024)
 */
import { bytesPerElement } from '../dtypes';
import { defineFormula, type AnyFormula } from '../formula';
import { kvCacheBytes } from '../memory/memory';
import { servingStepModel, type ServingInput, type ServingStepModel } from '../scenario/serving';
import type { Warning } from '../scenario/warnings';
import { InputError } from '../units';
import { checkBound } from '../bounds';

/**
 * Seconds to move a request's KV cache from the prefill GPUs to the decode GPUs: each of the
 * G_p prefill GPUs sends its share over its own link, M / (G_p·W·η).
 * @example kvTransferSeconds({ bytes: 655_360_000, gpus: 4, bandwidth: 50e9, efficiency: 0.8 }) //=> 0.004096
 */
export function kvTransferSeconds(p: { bytes: number; gpus: number; bandwidth: number; efficiency: number }): number {
  return p.bytes / (p.gpus * p.bandwidth * p.efficiency);
}

/**
 * Requests per second one prefill instance takes while the mean time to first token stays
 * within T*: an M/D/1 queue of prefills of t_p seconds, TTFT = t_p·(1 + ρ/(2(1 − ρ))) + T_KV.
 * Solving for ρ = λ·t_p gives λ = 2(T' − t_p)/(t_p·(2T' − t_p)) with T' = T* − T_KV; 0 when a
 * lone prefill already misses the target.
 * @example prefillPoolRate({ prefillSeconds: 0.2, ttftTargetSeconds: 0.5, transferSeconds: 0 }) //=> 3.75
 */
export function prefillPoolRate(p: { prefillSeconds: number; ttftTargetSeconds: number; transferSeconds: number }): number {
  const T = p.ttftTargetSeconds - p.transferSeconds;
  const t = p.prefillSeconds;
  if (!(t > 0)) throw new InputError('prefillSeconds', 'a prefill takes some time');
  if (T <= t) return 0;
  return (2 * (T - t)) / (t * (2 * T - t));
}

/**
 * Requests per second a decode instance finishes with C requests decoding, each for O − 1
 * steps of t_d: C / ((O − 1)·t_d) (Little's law).
 * @example decodePoolRate({ concurrency: 64, outputTokens: 201, stepSeconds: 0.04 }) //=> 8
 */
export function decodePoolRate(p: { concurrency: number; outputTokens: number; stepSeconds: number }): number {
  if (p.outputTokens <= 1) throw new InputError('outputTokens', 'a decode pool needs at least two output tokens (the first comes from the prefill)');
  return p.concurrency / ((p.outputTokens - 1) * p.stepSeconds);
}

/**
 * Requests per second per GPU that separate pools serve within both targets: the slower pool's
 * rate over every GPU of both, min(n_p·λ_p, n_d·λ_d)/(n_p·G_p + n_d·G_d).
 * @example poolGoodputPerGpu({ prefillInstances: 1, prefillRate: 3.75, decodeInstances: 1, decodeRate: 8, prefillGpus: 4, decodeGpus: 4 }) //=> 0.46875
 */
export function poolGoodputPerGpu(p: {
  prefillInstances: number;
  prefillRate: number;
  decodeInstances: number;
  decodeRate: number;
  prefillGpus: number;
  decodeGpus: number;
}): number {
  return poolRate(p) / (p.prefillInstances * p.prefillGpus + p.decodeInstances * p.decodeGpus);
}

/** min(n_p·λ_p, n_d·λ_d): the rate the slower pool allows. */
function poolRate(p: { prefillInstances: number; prefillRate: number; decodeInstances: number; decodeRate: number }): number {
  return Math.min(p.prefillInstances * p.prefillRate, p.decodeInstances * p.decodeRate);
}

/** A number of prefill and decode instances, and the goodput per GPU it reaches. */
export interface PoolSplit {
  prefillInstances: number;
  decodeInstances: number;
  requestsPerSecond: number;
  perGpuRequestsPerSecond: number;
}

/**
 * The split of prefill and decode instances (1 to `maxInstances` each) with the most goodput per
 * GPU, min(n_p·λ_p, n_d·λ_d)/(n_p·G_p + n_d·G_d); the fewest GPUs on a tie. The pools balance
 * when n_p/n_d ≈ λ_d/λ_p.
 * @example bestPoolSplit({ prefillRate: 8.86, decodeRate: 54.9, prefillGpus: 4, decodeGpus: 4 }).prefillInstances //=> 6
 */
export function bestPoolSplit(p: { prefillRate: number; decodeRate: number; prefillGpus: number; decodeGpus: number; maxInstances?: number }): PoolSplit {
  const max = p.maxInstances ?? 16;
  let best: PoolSplit = { prefillInstances: 1, decodeInstances: 1, requestsPerSecond: 0, perGpuRequestsPerSecond: 0 };
  for (let np = 1; np <= max; np += 1) {
    for (let nd = 1; nd <= max; nd += 1) {
      const split = {
        prefillInstances: np,
        prefillRate: p.prefillRate,
        decodeInstances: nd,
        decodeRate: p.decodeRate,
        prefillGpus: p.prefillGpus,
        decodeGpus: p.decodeGpus,
      };
      const rate = poolRate(split);
      const perGpu = poolGoodputPerGpu(split);
      if (perGpu > best.perGpuRequestsPerSecond * (1 + 1e-12))
        best = { prefillInstances: np, decodeInstances: nd, requestsPerSecond: rate, perGpuRequestsPerSecond: perGpu };
    }
  }
  return best;
}

/** The largest whole x in [1, hi] with ok(x), for ok true up to some point and false after; 0 when ok(1) is false. */
function largest(hi: number, ok: (x: number) => boolean): number {
  if (hi < 1 || !ok(1)) return 0;
  let lo = 1;
  let top = Math.floor(hi);
  while (lo < top) {
    const mid = Math.ceil((lo + top) / 2);
    if (ok(mid)) lo = mid;
    else top = mid - 1;
  }
  return lo;
}

export interface DisaggregationInput {
  /** The model, GPU type, workload (S, O), types, assumptions and techniques; `gpus` and `batch` are ignored. */
  serving: Omit<ServingInput, 'gpus' | 'batch'>;
  /** GPUs of one colocated replica (tensor parallel), and how many replicas. */
  colocatedGpus: number;
  colocatedReplicas: number;
  /** GPUs of one prefill instance and of one decode instance, and how many of each. */
  prefillGpus: number;
  prefillInstances: number;
  decodeGpus: number;
  decodeInstances: number;
  /** Targets on the mean request: time to first token and time per output token, seconds. */
  ttftTargetSeconds: number;
  tpotTargetSeconds: number;
  /** Per-direction bandwidth of the link each prefill GPU sends its KV shard over, B/s. */
  linkBandwidth: number;
  /** Share of that bandwidth a transfer reaches. */
  linkEfficiency: number;
}

/** What limits a setup's goodput. */
export type GoodputLimit = 'ttft' | 'tpot' | 'memory' | 'prefill' | 'decode' | 'unreachable';

export interface DisaggregationResult {
  /** The prompt's KV cache, bytes, and the time to move it. */
  kvTransferBytes: number;
  kvTransferSeconds: number;
  colocated: {
    gpus: number;
    /** C*: users per replica at the largest concurrency meeting both targets (0: none does). */
    concurrency: number;
    maxConcurrency: number;
    ttftSeconds: number;
    tpotSeconds: number;
    /** λ per replica, and for all replicas. */
    replicaRequestsPerSecond: number;
    requestsPerSecond: number;
    perGpuRequestsPerSecond: number;
    limitedBy: GoodputLimit;
  };
  disaggregated: {
    gpus: number;
    /** t_p: a lone prefill on a prefill instance. */
    prefillSeconds: number;
    /** λ_p per prefill instance, and its utilisation ρ. */
    prefillRate: number;
    prefillUtilization: number;
    /** Mean time to first token at that rate, transfer included. */
    ttftSeconds: number;
    /** C_d per decode instance, its step t_d(C_d), λ_d per decode instance. */
    decodeConcurrency: number;
    decodeMaxConcurrency: number;
    decodeStepSeconds: number;
    decodeRate: number;
    requestsPerSecond: number;
    perGpuRequestsPerSecond: number;
    limitedBy: GoodputLimit;
  };
  /** The numbers of prefill and decode instances (each 1 to 16) that serve the most requests per GPU within the targets. */
  bestSplit: PoolSplit;
  /** Disaggregated goodput per GPU (as given) over colocated; null when the colocated setup meets no target. */
  perGpuRatio: number | null;
  /** True when separate pools, split at their best, serve more requests per GPU within the targets than colocated replicas. */
  pays: boolean;
  warnings: Warning[];
}

/**
 * Colocated replicas against separate prefill and decode pools on the same GPU type, for
 * one workload and two latency targets: the goodput (requests per second meeting both
 * targets) of each, per GPU. Every time is the scenario engine's.
 */
export function compareDisaggregation(p: DisaggregationInput): DisaggregationResult {
  for (const [v, f, l] of [
    [p.colocatedGpus, 'colocatedGpus', 'GPUs per colocated replica'],
    [p.colocatedReplicas, 'colocatedReplicas', 'Colocated replicas'],
    [p.prefillGpus, 'prefillGpus', 'GPUs per prefill instance'],
    [p.prefillInstances, 'prefillInstances', 'Prefill instances'],
    [p.decodeGpus, 'decodeGpus', 'GPUs per decode instance'],
    [p.decodeInstances, 'decodeInstances', 'Decode instances'],
  ] as const) {
    checkBound(v, 'gpus', f, l);
  }
  checkBound(p.ttftTargetSeconds, 'seconds', 'ttftTargetSeconds', 'TTFT target');
  checkBound(p.tpotTargetSeconds, 'seconds', 'tpotTargetSeconds', 'TPOT target');
  checkBound(p.linkBandwidth, 'bandwidth', 'linkBandwidth', 'KV transfer link bandwidth');
  checkBound(p.linkEfficiency, 'efficiency', 'linkEfficiency', 'Link efficiency');
  if (!(p.ttftTargetSeconds > 0)) throw new InputError('ttftTargetSeconds', 'the TTFT target must be greater than 0 s');
  if (!(p.tpotTargetSeconds > 0)) throw new InputError('tpotTargetSeconds', 'the TPOT target must be greater than 0 s');
  const model = (gpus: number): ServingStepModel => servingStepModel({ ...p.serving, gpus, batch: 1 });
  const co = model(p.colocatedGpus);
  const pre = model(p.prefillGpus);
  const dec = model(p.decodeGpus);
  const O = co.outputTokens;
  if (O <= 1) throw new InputError('outputTokens', 'disaggregation needs at least two output tokens: with one, there is no decode to separate');
  const warnings: Warning[] = [...co.warnings];

  // KV transfer: the prompt's cache, S tokens, from the prefill GPUs.
  const bytes = kvCacheBytes(co.spec, co.inputTokens, bytesPerElement(co.kvDtype));
  const transfer = kvTransferSeconds({ bytes, gpus: p.prefillGpus, bandwidth: p.linkBandwidth, efficiency: p.linkEfficiency });

  // Colocated: the largest concurrency whose mean request meets both targets.
  const meets = (c: number) => {
    const s = co.steady(c);
    return s.ttftSeconds <= p.ttftTargetSeconds && s.itlSeconds <= p.tpotTargetSeconds;
  };
  const coMax = co.memory.maxConcurrency;
  const cStar = largest(coMax, meets);
  const coAt = cStar >= 1 ? co.steady(cStar) : null;
  let coLimit: GoodputLimit = 'unreachable';
  if (coAt) {
    if (cStar === coMax) coLimit = 'memory';
    else {
      const next = co.steady(cStar + 1);
      coLimit = next.ttftSeconds > p.ttftTargetSeconds ? 'ttft' : 'tpot';
    }
  }
  const coRate = coAt ? coAt.requestsPerSecond : 0;
  const coGpus = p.colocatedGpus * p.colocatedReplicas;

  // Disaggregated: the prefill pool's queue and the decode pool's batch, each against its target.
  const tp = pre.lonePrefillSeconds;
  const lp = prefillPoolRate({ prefillSeconds: tp, ttftTargetSeconds: p.ttftTargetSeconds, transferSeconds: transfer });
  const rho = lp * tp;
  const dMax = dec.memory.maxConcurrency;
  const cd = largest(dMax, (c) => dec.decodeSecondsPerToken(c) <= p.tpotTargetSeconds);
  const td = cd >= 1 ? dec.decodeSecondsPerToken(cd) : dec.decodeSecondsPerToken(1);
  const ld = cd >= 1 ? decodePoolRate({ concurrency: cd, outputTokens: O, stepSeconds: td }) : 0;
  const prefillSide = p.prefillInstances * lp;
  const decodeSide = p.decodeInstances * ld;
  const given = {
    prefillInstances: p.prefillInstances,
    prefillRate: lp,
    decodeInstances: p.decodeInstances,
    decodeRate: ld,
    prefillGpus: p.prefillGpus,
    decodeGpus: p.decodeGpus,
  };
  const dRate = poolRate(given);
  const dGpus = p.prefillGpus * p.prefillInstances + p.decodeGpus * p.decodeInstances;
  let dLimit: GoodputLimit = 'unreachable';
  if (dRate > 0) dLimit = prefillSide <= decodeSide ? 'prefill' : cd === dMax ? 'memory' : 'decode';
  const ttftAtRate = rho < 1 && lp > 0 ? tp * (1 + rho / (2 * (1 - rho))) + transfer : tp + transfer;
  warnings.push(
    ...pre.warnings.filter((w) => !warnings.some((x) => x.code === w.code)),
    ...dec.warnings.filter((w) => !warnings.some((x) => x.code === w.code)),
  );

  const coPerGpu = (coRate * p.colocatedReplicas) / coGpus;
  const best = bestPoolSplit({ prefillRate: lp, decodeRate: ld, prefillGpus: p.prefillGpus, decodeGpus: p.decodeGpus });
  const dPerGpu = poolGoodputPerGpu(given);
  return {
    kvTransferBytes: bytes,
    kvTransferSeconds: transfer,
    colocated: {
      gpus: coGpus,
      concurrency: cStar,
      maxConcurrency: coMax,
      ttftSeconds: coAt ? coAt.ttftSeconds : co.steady(1).ttftSeconds,
      tpotSeconds: coAt ? coAt.itlSeconds : co.steady(1).itlSeconds,
      replicaRequestsPerSecond: coRate,
      requestsPerSecond: coRate * p.colocatedReplicas,
      perGpuRequestsPerSecond: coPerGpu,
      limitedBy: coLimit,
    },
    disaggregated: {
      gpus: dGpus,
      prefillSeconds: tp,
      prefillRate: lp,
      prefillUtilization: rho,
      ttftSeconds: ttftAtRate,
      decodeConcurrency: cd,
      decodeMaxConcurrency: dMax,
      decodeStepSeconds: td,
      decodeRate: ld,
      requestsPerSecond: dRate,
      perGpuRequestsPerSecond: dPerGpu,
      limitedBy: dLimit,
    },
    bestSplit: best,
    perGpuRatio: coPerGpu > 0 ? dPerGpu / coPerGpu : null,
    pays: best.perGpuRequestsPerSecond > coPerGpu,
    warnings,
  };
}

export const kvTransferFormula = defineFormula({
  id: 'serving.kvTransfer',
  anchor: 'kv-transfer',
  page: 'serving-in-practice',
  title: 'KV-cache transfer from prefill to decode',
  description:
    'After its prefill a request’s keys and values (S tokens’ worth) move to the decode GPUs; each of the G_p prefill GPUs sends the share it holds.',
  lhs: 'T_{\\text{KV}}',
  unit: 's',
  symbols: { M: 'M_{\\text{KV}}(S)', G: 'G_p', W: 'W_{\\text{link}}', e: '\\eta_{\\text{link}}' },
  labels: {
    M: 'KV cache of the prompt (bytes)',
    G: 'GPUs of a prefill instance',
    W: 'Per-direction link bandwidth per GPU (B/s)',
    e: 'Share of the link reached',
  },
  domains: { M: 'nonNegative', G: 'positiveInt', W: 'positive', e: 'fraction' },
  tex: (v) => String.raw`\frac{${v.M}}{${v.G} \cdot ${v.W} \cdot ${v.e}}`,
  compute: ({ M, G, W, e }) => kvTransferSeconds({ bytes: M, gpus: G, bandwidth: W, efficiency: e }),
  // Llama 3 70B, a 2,000-token prompt in bf16 (2,000·327,680 B) from 4 GPUs over 400 Gb/s InfiniBand each.
  example: { M: 655_360_000, G: 4, W: 50e9, e: 0.8 },
  notes: ['Engines send layer by layer while the prefill is still running, hiding most of it; this is the unhidden upper bound.'],
});

export const prefillPoolRateFormula = defineFormula({
  id: 'serving.prefillPoolRate',
  anchor: 'prefill-pool-rate',
  page: 'serving-in-practice',
  title: 'Requests a prefill instance takes within a TTFT target',
  description:
    'Prefills of t_p seconds queue one at a time (M/D/1): the mean time to first token is t_p·(1 + ρ/(2(1 − ρ))) plus the transfer. The largest arrival rate that keeps it within T* is this.',
  lhs: '\\lambda_p',
  unit: 'requests/s',
  symbols: { tp: 't_p', T: 'T^{*}_{\\text{TTFT}}', Tkv: 'T_{\\text{KV}}' },
  labels: { tp: 'Prefill of one prompt (s)', T: 'TTFT target (s)', Tkv: 'KV transfer (s)' },
  domains: { tp: 'positive', T: 'positive', Tkv: 'nonNegative' },
  tex: (v) => String.raw`\frac{2\,(${v.T} - ${v.Tkv} - ${v.tp})}{${v.tp} \cdot (2\,(${v.T} - ${v.Tkv}) - ${v.tp})}`,
  compute: ({ tp, T, Tkv }) => prefillPoolRate({ prefillSeconds: tp, ttftTargetSeconds: T, transferSeconds: Tkv }),
  example: { tp: 0.2, T: 0.5, Tkv: 0 },
  approximate: true,
  notes: ['Zero when one prefill and its transfer already miss the target.'],
});

export const decodePoolRateFormula = defineFormula({
  id: 'serving.decodePoolRate',
  anchor: 'decode-pool-rate',
  page: 'serving-in-practice',
  title: 'Requests a decode instance finishes within a TPOT target',
  description:
    'With B_d requests decoding, each spends O − 1 steps of t_d(B_d); Little’s law turns the number in flight into a rate. B_d is the largest batch whose step meets the target and fits in memory.',
  lhs: '\\lambda_d',
  unit: 'requests/s',
  symbols: { C: 'B_d', O: 'O', td: 't_d(B_d)' },
  labels: { C: 'Requests decoding together', O: 'Output tokens O', td: 'Decode step at that batch (s)' },
  domains: { C: 'positiveInt', O: 'positiveInt', td: 'positive' },
  tex: (v) => String.raw`\frac{${v.C}}{(${v.O} - 1) \cdot ${v.td}}`,
  compute: ({ C, O, td }) => decodePoolRate({ concurrency: C, outputTokens: O, stepSeconds: td }),
  example: { C: 64, O: 201, td: 0.04 },
  approximate: true,
});

export const disaggregatedGoodputFormula = defineFormula({
  id: 'serving.disaggregatedGoodput',
  anchor: 'disaggregated-goodput',
  page: 'serving-in-practice',
  title: 'Goodput per GPU of separate pools',
  description: 'The slower pool sets the rate of requests that meet both targets; divided by every GPU of both pools.',
  lhs: '\\text{goodput}/\\text{GPU}',
  unit: 'requests/s',
  symbols: { np: 'n_p', lp: '\\lambda_p', nd: 'n_d', ld: '\\lambda_d', Gp: 'G_p', Gd: 'G_d' },
  labels: {
    np: 'Prefill instances',
    lp: 'Rate per prefill instance (1/s)',
    nd: 'Decode instances',
    ld: 'Rate per decode instance (1/s)',
    Gp: 'GPUs per prefill instance',
    Gd: 'GPUs per decode instance',
  },
  domains: { np: 'positiveInt', lp: 'nonNegative', nd: 'positiveInt', ld: 'nonNegative', Gp: 'positiveInt', Gd: 'positiveInt' },
  tex: (v) => String.raw`\frac{\min(${v.np} \cdot ${v.lp},\; ${v.nd} \cdot ${v.ld})}{${v.np} \cdot ${v.Gp} + ${v.nd} \cdot ${v.Gd}}`,
  compute: ({ np, lp, nd, ld, Gp, Gd }) =>
    poolGoodputPerGpu({ prefillInstances: np, prefillRate: lp, decodeInstances: nd, decodeRate: ld, prefillGpus: Gp, decodeGpus: Gd }),
  example: { np: 1, lp: 3.75, nd: 1, ld: 8, Gp: 4, Gd: 4 },
  approximate: true,
  notes: ['Per GPU, for the mean request; DistServe counts the rate at which 90% of requests meet both targets.'],
});

export const disaggregationFormulas: AnyFormula[] = [kvTransferFormula, prefillPoolRateFormula, decodePoolRateFormula, disaggregatedGoodputFormula];
