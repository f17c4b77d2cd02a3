import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli';

function run(argv: string[]): { code: number; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(
    argv,
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out, err };
}

function json(argv: string[]) {
  const { code, out, err } = run(argv);
  expect(code).toBe(0);
  expect(err).toEqual([]);
  expect(out).toHaveLength(1);
  return JSON.parse(out[0] as string);
}

describe('cli case', () => {
  it('case llama3-70b-mfu --json: answer.mfu = 27.65%', () => {
    const r = json(['case', 'llama3-70b-mfu', '--json']);
    expect(Object.keys(r)).toEqual(expect.arrayContaining(['id', 'question', 'answer', 'steps', 'assumptions']));
    // 6·70e9·15e12 / (6.4e6·3600·989e12)
    expect(r.answer.mfu).toBeCloseTo(0.2764788, 7);
    expect(r.steps[0].id).toBe('training.flopsPerToken');
    expect(r.steps[0].substituted).toContain('6 \\cdot');
  });

  it('case llama2-7b-params --json: params, trainFlopsPerToken, inferenceFlopsPerToken', () => {
    const r = json(['case', 'llama2-7b-params', '--json']);
    expect(r.answer.params).toBe(6_738_415_616);
    expect(r.answer.trainFlopsPerToken).toBe(40_430_493_696);
    expect(r.answer.inferenceFlopsPerToken).toBe(13_476_831_232);
  });

  it('case llama2-70b-ttft --json: prefillFlops 9.10e15 (causal), secondsAtPeak = 3.64 s, the estimate 6.53 s, reasonable = false', () => {
    const r = json(['case', 'llama2-70b-ttft', '--json']);
    expect(r.answer.prefillFlops).toBe(9_097_369_878_528_000);
    expect(r.answer.secondsAtPeak).toBeCloseTo(3.6447796, 6);
    expect(r.answer.ttftSeconds).toBeCloseTo(6.528496, 5);
    expect(r.answer.reasonable).toBe(false);
    expect(r.warnings).toEqual([]);
  });

  it('case llama2-70b-ttft --maskFactor 1 counts every key as the article does: 9,432,830,312,448,000 FLOPs', () => {
    expect(json(['case', 'llama2-70b-ttft', '--maskFactor', '1', '--json']).answer.prefillFlops).toBe(9_432_830_312_448_000);
  });

  it('the TTFT case and `inference` give the same first token for the same question', () => {
    const c = json(['case', 'llama2-70b-ttft', '--json']).answer.ttftSeconds;
    const i = json([
      'inference',
      'llama-2-70b',
      '--gpu',
      'a800-sxm-80gb',
      '--gpus',
      '8',
      '--batch',
      '16',
      '--input',
      '4000',
      '--output',
      '1',
      '--dtype',
      'fp16',
      '--json',
    ]).ttftSeconds;
    expect(c).toBe(i);
  });

  it('case llama2-70b-concurrency --json: maxConcurrency = 10; --memoryReading GB --utilization 1 gives 16', () => {
    expect(json(['case', 'llama2-70b-concurrency', '--json']).answer.maxConcurrency).toBe(10);
    // (160e9 − 137,953,296,384 − 950,400,000) / 1,310,720,000 = 16.1
    const r = json(['case', 'llama2-70b-concurrency', '--memoryReading', 'GB', '--utilization', '1', '--json']);
    expect(r.answer.maxConcurrency).toBe(16);
    expect(r.assumptions.memoryReading).toBe('GB');
  });

  it('case llama2-70b-ttft --requests 1: reasonable = true', () => {
    expect(json(['case', 'llama2-70b-ttft', '--requests', '1', '--json']).answer.reasonable).toBe(true);
  });

  it.each([
    [['case', 'llama4', '--json'], 'case'],
    [['case', '--json'], 'case'],
    [['case', 'llama2-70b-ttft', '--gpu', 'h100-nope'], 'gpu'],
    [['case', 'llama2-70b-ttft', '--targetLowSeconds', '0.9'], 'targetLowSeconds'],
    [['case', 'llama2-70b-ttft', '--mfu', 'lots'], 'mfu'],
    [['case', 'llama2-70b-ttft', '--mfu', '2'], 'mfu'],
  ] as const)('%j exits 1 naming %s', (argv, field) => {
    const { code, out, err } = run([...argv]);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toHaveLength(1);
    expect(err[0]).toContain(`(field: ${field})`);
  });
});
