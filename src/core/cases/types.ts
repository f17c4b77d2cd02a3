/**
 * A worked question: what was asked, the steps (each a formula's derivation), the
 * assumptions it rests on (all editable), the answer and a one-line verdict in words.
 */
import type { Derivation } from '../formula';
import { InputError } from '../units';
import type { Warning } from '../scenario/warnings';

export const CASE_IDS = ['llama3-70b-mfu', 'llama2-7b-params', 'llama2-70b-ttft', 'llama2-70b-concurrency'] as const;
export type CaseId = (typeof CASE_IDS)[number];

export interface WorkedCase<A extends object, R extends object> {
  id: CaseId;
  title: string;
  question: string;
  steps: Derivation[];
  /** The inputs actually used: the defaults with any overrides applied. */
  assumptions: A;
  /** Where each assumption comes from, in words. */
  assumptionNotes: Partial<Record<keyof A, string>>;
  answer: R;
  verdict: string;
  /** What makes the answer impossible or hypothetical under these assumptions (empty when nothing). */
  warnings: Warning[];
}

/**
 * The defaults with `overrides` applied; throws InputError for a key the case does not
 * take or a value of the wrong type.
 */
export function applyOverrides<A extends object>(defaults: A, overrides: Partial<A> | undefined): A {
  if (!overrides) return { ...defaults };
  const merged: Record<string, unknown> = { ...(defaults as unknown as Record<string, unknown>) };
  for (const [key, value] of Object.entries(overrides)) {
    if (!(key in defaults)) {
      throw new InputError(key, `unknown assumption "${key}"; this case takes ${Object.keys(defaults).join(', ')}`);
    }
    if (value === undefined) continue;
    const expected = typeof (defaults as unknown as Record<string, unknown>)[key];
    if (typeof value !== expected) throw new InputError(key, `${key} must be a ${expected}`);
    merged[key] = value;
  }
  return merged as A;
}
