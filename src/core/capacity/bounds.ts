/**
 * Bounds for the inputs only capacity questions take: latency targets, arrival rates, a
 * training budget, reliability figures. Same shape and same message as ../bounds.ts (a
 * range with its reason, a message naming the field); kept beside the capacity code until
 * the shared table takes them, so that every capacity input is checked before any
 * arithmetic and no input can drive a search or a closed form to Infinity.
 */
import { formatBound, type Bound } from '../bounds';
import { InputError } from '../units';

export const CAPACITY_BOUNDS = {
  /** A TTFT or TPOT target, seconds. */
  latencyTarget: { min: 1e-6, max: 1e6, integer: false, reason: 'from a microsecond to about eleven days' },
  /** Requests arriving per second, λ. */
  arrivalRate: { min: 1e-6, max: 1e9, integer: false, reason: 'from one request in eleven days to far beyond any single service' },
  /** A training compute budget, FLOPs. */
  trainingBudgetFlops: { min: 1e15, max: 1e32, integer: false, reason: 'from a toy run to a million times the largest runs (about 5e25 FLOPs)' },
  /** A training budget in US dollars. */
  budgetUsd: { min: 1, max: 1e13, integer: false, reason: 'up to a thousand times the largest training budgets' },
  /** A single GPU's mean time between failures, hours. */
  gpuMtbfHours: { min: 1, max: 1e9, integer: false, reason: 'from an hour to about 100,000 years per GPU' },
  /** Interruptions counted over an observation window. */
  interruptions: { min: 1, max: 1e9, integer: true, reason: 'a count of events; at least one to measure a rate' },
  /** An observation window, days. */
  observationDays: { min: 0.001, max: 1e6, integer: false, reason: 'from a minute and a half to thousands of years' },
  /** Seconds to restart a job after a failure (detection, rescheduling, reload). */
  restartSeconds: { min: 0, max: 1e7, integer: false, reason: 'up to about four months' },
} as const satisfies Record<string, Bound>;

export type CapacityBoundKind = keyof typeof CAPACITY_BOUNDS;

/**
 * The message for a value outside its range, in the words ../bounds.ts uses.
 * @example capacityBoundMessage('TTFT target', 'latencyTarget') //=> 'TTFT target must be a number from 0.000001 to 1,000,000 (from a microsecond to about eleven days)'
 */
export function capacityBoundMessage(label: string, kind: CapacityBoundKind): string {
  const b: Bound = CAPACITY_BOUNDS[kind];
  return `${label} must be ${b.integer ? 'a whole number' : 'a number'} from ${formatBound(b.min)} to ${formatBound(b.max)} (${b.reason})`;
}

/**
 * Checks one value against its range; throws InputError naming `field` when it falls outside.
 * @example checkCapacityBound(0.5, 'latencyTarget', 'ttftSeconds') //=> 0.5
 */
export function checkCapacityBound(value: number, kind: CapacityBoundKind, field: string, label = field): number {
  const b: Bound = CAPACITY_BOUNDS[kind];
  const ok = Number.isFinite(value) && (!b.integer || Number.isInteger(value)) && value >= b.min && value <= b.max;
  if (!ok) throw new InputError(field, capacityBoundMessage(label, kind));
  return value;
}
