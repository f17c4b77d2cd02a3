/**
 * `case <id> [--json] [--<assumption> value …]`: one of the four worked questions with
 * its steps, assumptions, answer and verdict. Any assumption can be overridden by name,
 * e.g. `case llama2-70b-ttft --mfu 0.6` or `case llama2-70b-concurrency --memoryReading GB`.
 */
import { CASE_IDS } from '../core/cases/types';
import { runCase } from '../core/cases/run';
import { parseNumber } from '../core/parse';
import { InputError } from '../core/units';
import type { Command } from './args';

export const caseCommand: Command = {
  usage: `case <${CASE_IDS.join(' | ')}> [--<assumption> value …] [--json]`,
  run(positionals, flags) {
    const id = positionals[0];
    if (!id) throw new InputError('case', `a case id is required: ${CASE_IDS.join(', ')}`);
    const defaults = runCase(id).assumptions as Record<string, unknown>;
    const overrides: Record<string, unknown> = {};
    for (const [key, raw] of Object.entries(flags)) {
      if (key === 'json' || key === 'help' || raw === undefined) continue;
      if (!(key in defaults)) {
        throw new InputError(key, `--${key} is not an assumption of ${id}; it takes ${Object.keys(defaults).map((k) => `--${k}`).join(', ')}`);
      }
      if (typeof raw !== 'string') throw new InputError(key, `--${key} needs a value`);
      if (typeof defaults[key] === 'number') {
        const value = parseNumber(raw);
        if (value === null) throw new InputError(key, `--${key} must be a number, got "${raw}"`);
        overrides[key] = value;
      } else {
        overrides[key] = raw;
      }
    }
    const c = runCase(id, overrides);
    return {
      id: c.id,
      title: c.title,
      question: c.question,
      answer: c.answer,
      verdict: c.verdict,
      steps: c.steps,
      assumptions: c.assumptions,
      assumptionNotes: c.assumptionNotes,
    };
  },
};
