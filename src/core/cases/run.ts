/** Runs a worked case by id. */
import { InputError } from '../units';
import { llama3MfuCase, type Llama3MfuAssumptions } from './llama3-70b-mfu';
import { llama2ParamsCase, type Llama2ParamsAssumptions } from './llama2-7b-params';
import { llama2TtftCase, type Llama2TtftAssumptions } from './llama2-70b-ttft';
import { llama2ConcurrencyCase, type Llama2ConcurrencyAssumptions } from './llama2-70b-concurrency';
import { CASE_IDS, type CaseId, type WorkedCase } from './types';

/** Assumption overrides by case. */
export interface CaseOverrides {
  'llama3-70b-mfu': Partial<Llama3MfuAssumptions>;
  'llama2-7b-params': Partial<Llama2ParamsAssumptions>;
  'llama2-70b-ttft': Partial<Llama2TtftAssumptions>;
  'llama2-70b-concurrency': Partial<Llama2ConcurrencyAssumptions>;
}

/** True for the four case ids. */
export function isCaseId(value: string): value is CaseId {
  return (CASE_IDS as readonly string[]).includes(value);
}

/**
 * Runs the case `id` with optional assumption overrides. Throws InputError('case') for
 * an unknown id.
 * @example runCase('llama2-70b-concurrency').answer.maxConcurrency //=> 12
 */
export function runCase(id: string, overrides?: Record<string, unknown>): WorkedCase<object, object> {
  if (!isCaseId(id)) throw new InputError('case', `Unknown case "${id}". Known: ${CASE_IDS.join(', ')}`);
  switch (id) {
    case 'llama3-70b-mfu':
      return llama3MfuCase(overrides as CaseOverrides['llama3-70b-mfu']);
    case 'llama2-7b-params':
      return llama2ParamsCase(overrides as CaseOverrides['llama2-7b-params']);
    case 'llama2-70b-ttft':
      return llama2TtftCase(overrides as CaseOverrides['llama2-70b-ttft']);
    case 'llama2-70b-concurrency':
      return llama2ConcurrencyCase(overrides as CaseOverrides['llama2-70b-concurrency']);
  }
}
