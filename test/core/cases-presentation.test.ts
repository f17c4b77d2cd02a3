import { describe, expect, it } from 'vitest';
import { CASE_IDS, runCase, stepChanges } from '../../src/core/cases/index';

// /cases/ is audited step by step: each step's title must say what it computes and what
// changed, and the four numbers readers check must never move when the presentation does.

describe('the worked cases: what /cases/ shows', () => {
  it.each(CASE_IDS.map((id) => [id] as const))('%s: every step has a title of its own (no title twice)', (id) => {
    const titles = runCase(id, {}).steps.map((s) => s.title);
    expect(new Set(titles).size).toBe(titles.length);
  });

  it('the four numbers users check are unchanged', () => {
    // Llama 3 70B on H100: 6·70e9·15e12 = 6.3e24 FLOPs over 6.4e6 h · 3600 s · 989e12 FLOP/s = 2.278656e25 → 0.27648
    expect((runCase('llama3-70b-mfu', {}).answer as { mfu: number }).mfu).toBeCloseTo(0.2764788, 7);
    // Llama 2 7B: 2·32000·4096 + 32·(4·4096² + 3·4096·11008 + 2·4096) + 4096 = 6,738,415,616
    const params = runCase('llama2-7b-params', {});
    expect((params.answer as { params: number }).params).toBe(6_738_415_616);
    expect(params.steps[0]!.exact).toBe('6,738,415,616');
    // Llama 2 70B on 8×A800: first token 6.53 s (compute 4.556 + elementwise 0.130 + all-reduces 1.837 + fixed 0.006, test/cases)
    expect((runCase('llama2-70b-ttft', {}).answer as { ttftSeconds: number }).ttftSeconds).toBeCloseTo(6.53, 2);
    // Llama 2 70B on 2×A800: floor(14.1 GB budget / 1.31072e9 B per request) = 10
    expect((runCase('llama2-70b-concurrency', {}).answer as { maxConcurrency: number }).maxConcurrency).toBe(10);
  });

  it('the concurrency steps name the GPUs and the context: "Maximum concurrent requests: 2 × A800, 4,000-token contexts"', () => {
    const titles = runCase('llama2-70b-concurrency', {}).steps.map((s) => s.title);
    expect(titles).toContain('Maximum concurrent requests: 2 × A800, 4,000-token contexts (the answer)');
    expect(titles).toContain('Maximum concurrent requests had it used multi-head attention: same memory, 8× the cache');
    // …and follow the inputs: four H100s, 8,000 tokens.
    const h100 = runCase('llama2-70b-concurrency', { gpu: 'h100-sxm', gpus: 4, maxTokens: 8000 }).steps.map((s) => s.title);
    expect(h100).toContain('Maximum concurrent requests: 4 × H100, 8,000-token contexts (the answer)');
  });
});

describe('stepChanges: which earlier step a step repeats, and with which inputs changed', () => {
  it('the concurrency case: the MHA cache repeats step 1 with hKv 64 instead of 8; the MHA count repeats step 4 with r changed', () => {
    const changes = stepChanges(runCase('llama2-70b-concurrency', {}).steps);
    expect(changes.map((c) => c.sameAs)).toEqual([null, 0, null, null, 3]);
    expect(changes[1]!.changed).toEqual(['hKv']);
    expect(changes[4]!.changed).toEqual(['r']);
  });

  it('the MFU case: step 5 repeats step 3 with F changed (6N with the exact N)', () => {
    const changes = stepChanges(runCase('llama3-70b-mfu', {}).steps);
    expect(changes[4]).toEqual({ sameAs: 2, changed: ['F'] });
    expect(changes[6]).toEqual({ sameAs: 4, changed: ['F'] });
  });

  it('a step whose inputs are all the same lists none', () => {
    const step = { id: 'x.y', inputs: { a: 1, b: 2 } };
    expect(stepChanges([step, step])).toEqual([
      { sameAs: null, changed: [] },
      { sameAs: 0, changed: [] },
    ]);
  });
});
