/**
 * Continuous batching (Orca's iteration-level scheduling): the batch is re-formed at every
 * decode step, so a finished request's place goes to a waiting one at once instead of when
 * the whole batch ends. With C users each keeping one request in flight, a request takes R
 * seconds from sending to its last token, and Little's law gives the throughput:
 *
 *   requests per second    λ = B / T_req
 *   output tokens per s    X = B · O / T_req
 *
 * T_req itself (the time to first token, O − 1 decode steps at batch C, the others' prefills
 * and the queue for them) is the scenario engine's steady state (../latency/step.ts,
 * continuousBatching); raising B raises X until the memory limit, and stretches every
 * step: the throughput–latency curve.
 * @see Yu et al., "Orca: A Distributed Serving System for Transformer-Based Generative Models" (OSDI 2022)
 * @see Little, "A Proof for the Queuing Formula: L = λW" (1961)
 */
import { defineFormula, type AnyFormula } from '../formula';

/**
 * Little's law for a replica with B requests in flight, each spending T_req seconds in it for O
 * tokens: B·O/T_req tokens per second.
 * @example littleThroughput({ inFlight: 10, outputTokens: 1000, requestSeconds: 50 }) //=> 200
 */
export function littleThroughput(p: { inFlight: number; outputTokens: number; requestSeconds: number }): number {
  return (p.inFlight * p.outputTokens) / p.requestSeconds;
}

export const continuousThroughputFormula = defineFormula({
  id: 'serving.continuousThroughput',
  anchor: 'continuous-throughput',
  page: 'serving-in-practice',
  title: 'Throughput of continuous batching',
  description:
    'B requests are always in flight and each spends T_req seconds in the replica for its O tokens, so B/T_req requests finish per second (Little’s law) and B·O/T_req tokens come out.',
  lhs: 'X',
  unit: 'tokens/s',
  symbols: { C: 'B', O: 'O', R: 'T_{\\text{req}}' },
  labels: { C: 'Requests in flight B', O: 'Output tokens per request O', R: 'Seconds per request in the replica' },
  domains: { C: 'positiveInt', O: 'positiveInt', R: 'positive' },
  tex: (v) => String.raw`\frac{${v.C} \cdot ${v.O}}{${v.R}}`,
  compute: ({ C, O, R }) => littleThroughput({ inFlight: C, outputTokens: O, requestSeconds: R }),
  example: { C: 10, O: 1000, R: 57.8 },
  approximate: true,
  notes: ['T_req grows with B: every decode step carries more requests, and every request waits out more of the others’ prefills.'],
});

export const batchingFormulas: AnyFormula[] = [continuousThroughputFormula];
