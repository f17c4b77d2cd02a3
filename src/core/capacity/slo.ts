/**
 * SLO-driven capacity: the arithmetic that turns one replica's steady state into a fleet.
 * The steady state itself (requests per second, TTFT and TPOT at B requests in flight)
 * comes from the scenario engine (../scenario/serving.ts, continuous batching in
 * ../latency/step.ts); the search for the largest B meeting the targets is in
 * ../scenario/reverse.ts. What is left is plain:
 *
 *   B = λ · T_req                 Little's law: requests in flight = arrival rate × time in system
 *   n_rep = ⌈λ / λ_rep⌉           replicas to carry λ when each carries λ_rep within the targets
 *   G_total = n_rep · G           GPUs, G per replica (its tensor-parallel degree)
 *   λ_rep / G                     goodput per GPU: requests per second meeting the SLO, per GPU
 *
 * Goodput is DistServe's measure (Zhong et al. 2024): the request rate served within the
 * latency targets. DistServe counts a percentile of requests (e.g. 90% within target); the
 * course's latency model gives means, so its goodput is the rate at which the mean TTFT
 * and mean TPOT meet the targets, an optimistic bound on a percentile goodput.
 * @see Little, "A Proof for the Queuing Formula: L = λW" (1961)
 * @see Zhong et al., "DistServe: Disaggregating Prefill and Decoding for Goodput-optimized Large Language Model Serving" (OSDI 2024), §1–2
 */
import { defineFormula } from '../formula';

/**
 * Little's law: requests in flight = arrival rate × mean time each spends in the system.
 * @example littlesLaw({ lambda: 5, seconds: 10 }) //=> 50
 */
export function littlesLaw(p: { lambda: number; seconds: number }): number {
  return p.lambda * p.seconds;
}

/**
 * Replicas needed to carry λ requests per second when one carries λ_rep within the targets:
 * ⌈λ/λ_rep⌉. A ratio within 10⁻⁹ of a whole number counts as that number, so 50/5 is 10
 * replicas, not 11 from a rounding error in λ_rep.
 * @example replicasFor({ lambda: 50, perReplica: 4.4 }) //=> 12
 */
export function replicasFor(p: { lambda: number; perReplica: number }): number {
  const ratio = p.lambda / p.perReplica;
  return Math.max(1, Math.ceil(ratio - 1e-9 * Math.max(1, ratio)));
}

export const littlesLawFormula = defineFormula({
  id: 'capacity.littlesLaw',
  anchor: 'littles-law',
  page: 'capacity-and-cost',
  title: 'Requests in flight (Little’s law)',
  description: 'In any steady system the mean number of requests inside it is the arrival rate times the mean time each spends there.',
  lhs: 'B',
  unit: 'requests',
  symbols: { lambda: '\\lambda', T: 'T_{\\text{req}}' },
  labels: { lambda: 'Arrival rate (requests/s)', T: 'Mean time in the system per request (s)' },
  domains: { lambda: 'nonNegative', T: 'nonNegative' },
  tex: (v) => String.raw`${v.lambda} \cdot ${v.T}`,
  compute: ({ lambda, T }) => littlesLaw({ lambda, seconds: T }),
  // 5 requests per second, each 10 s from arrival to its last token.
  example: { lambda: 5, T: 10 },
  notes: ['Holds for any arrival pattern and any scheduling, as long as the system is stable (it does not grow without bound).'],
});

export const replicasFormula = defineFormula({
  id: 'capacity.replicas',
  anchor: 'replicas',
  page: 'capacity-and-cost',
  title: 'Replicas for an arrival rate',
  description: 'Enough replicas that the arrival rate, shared evenly, stays within what one replica serves inside the latency targets.',
  lhs: 'n_{\\text{rep}}',
  unit: 'count',
  symbols: { lambda: '\\lambda', r: '\\lambda_{\\text{rep}}' },
  labels: { lambda: 'Arrival rate (requests/s)', r: 'Requests/s one replica serves within the targets' },
  domains: { lambda: 'positive', r: 'positive' },
  tex: (v) => String.raw`\left\lceil \frac{${v.lambda}}{${v.r}} \right\rceil`,
  compute: ({ lambda, r }) => replicasFor({ lambda, perReplica: r }),
  example: { lambda: 50, r: 4.4 },
  notes: ['Assumes a load balancer that spreads requests evenly; a replica is the unit of scaling, so the count rounds up.'],
});

export const fleetGpusFormula = defineFormula({
  id: 'capacity.fleetGpus',
  anchor: 'fleet-gpus',
  page: 'capacity-and-cost',
  title: 'GPUs of a fleet',
  description: 'Replicas times the GPUs each replica spans (its tensor-parallel degree).',
  lhs: 'G_{\\text{total}}',
  unit: 'count',
  symbols: { n: 'n_{\\text{rep}}', G: 'G' },
  labels: { n: 'Replicas', G: 'GPUs per replica (tensor parallel)' },
  domains: { n: 'positiveInt', G: 'positiveInt' },
  tex: (v) => String.raw`${v.n} \cdot ${v.G}`,
  compute: ({ n, G }) => n * G,
  example: { n: 12, G: 4 },
});

export const goodputPerGpuFormula = defineFormula({
  id: 'capacity.goodputPerGpu',
  anchor: 'goodput-per-gpu',
  page: 'capacity-and-cost',
  title: 'Goodput per GPU',
  description: 'Requests per second a replica serves within the latency targets, divided by the GPUs it spans: the figure that compares layouts.',
  lhs: '\\lambda_{\\text{GPU}}',
  unit: 'requests/s',
  symbols: { r: '\\lambda_{\\text{rep}}', G: 'G' },
  labels: { r: 'Requests/s one replica serves within the targets', G: 'GPUs per replica' },
  domains: { r: 'nonNegative', G: 'positiveInt' },
  tex: (v) => String.raw`\frac{${v.r}}{${v.G}}`,
  compute: ({ r, G }) => r / G,
  example: { r: 4.4, G: 4 },
  notes: ['DistServe’s goodput counts the requests meeting the SLO at a percentile; this one is for mean latencies, so it is an upper bound on it.'],
});

export const sloFormulas = [littlesLawFormula, replicasFormula, fleetGpusFormula, goodputPerGpuFormula];
