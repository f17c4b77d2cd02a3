/**
 * What changed between the steps of a worked case: a step that evaluates a formula an
 * earlier step already used names that step and the inputs that differ, so a reader sees
 * why "Maximum concurrent requests" is 10 in one step and 1 in the next.
 */
import type { Derivation } from '../formula';

export interface StepChange {
  /** Index of the last earlier step with the same formula; null for a formula's first use. */
  sameAs: number | null;
  /** Input names (the formula's own keys) whose values differ from that step's. */
  changed: readonly string[];
}

/**
 * For each step, the earlier step with the same formula and the inputs that changed.
 * @example stepChanges([{ id: 'memory.kvCache', inputs: { hKv: 8, L: 80 } }, { id: 'memory.kvCache', inputs: { hKv: 64, L: 80 } }]) //=> [{ sameAs: null, changed: [] }, { sameAs: 0, changed: ['hKv'] }]
 */
export function stepChanges(steps: readonly Pick<Derivation, 'id' | 'inputs'>[]): StepChange[] {
  return steps.map((step, i) => {
    let sameAs: number | null = null;
    for (let j = i - 1; j >= 0; j -= 1) {
      if (steps[j]!.id === step.id) {
        sameAs = j;
        break;
      }
    }
    if (sameAs === null) return { sameAs: null, changed: [] };
    const before = steps[sameAs]!.inputs;
    const changed = Object.keys(step.inputs).filter((k) => before[k] !== step.inputs[k]);
    return { sameAs, changed };
  });
}
