/**
 * The same question gets the same number everywhere (issue 10), read off the built pages: the
 * first token of 16 prompts of 4,000 tokens of Llama 2 70B on 8 × A800 — the case's inputs — on
 * chapter 8's prose and its latency calculator, the case on /cases/, the playground opened with
 * the equivalent link, and the CLI. The expected text is the core's own answer, formatted by the
 * core (never typed here), so the test follows the model when it is recalibrated and fails only
 * when one surface departs from the others.
 * test/components/surfaces.test.tsx holds the playground to servingScenario and the CLI on
 * every preset × 3 GPUs × 2 workloads.
 */
import { describe } from 'vitest';
import { main } from '../../src/cli';
import { LLAMA2_TTFT_DEFAULTS, llama2TtftCase } from '../../src/core/cases/llama2-70b-ttft';
import { formatSeconds } from '../../src/core/units';
import { expect, hydrate, test, textOf } from './fixture';

const A = LLAMA2_TTFT_DEFAULTS;
const answer = llama2TtftCase().answer;
const expected = formatSeconds(answer.ttftSeconds);

/** The CLI's answer to the same question, run in-process. */
function cliTtftSeconds(): number {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(
    [
      'inference',
      'llama-2-70b',
      '--gpu',
      A.gpu,
      '--gpus',
      String(A.gpus),
      '--batch',
      String(A.requests),
      '--input',
      String(A.inputTokens),
      '--output',
      '1',
      '--dtype',
      'fp16',
      '--json',
    ],
    (s) => out.push(s),
    (s) => err.push(s),
  );
  expect(code, err.join('\n')).toBe(0);
  return (JSON.parse(out.join('')) as { ttftSeconds: number }).ttftSeconds;
}

describe(`Llama 2 70B, ${A.requests} × ${A.inputTokens}-token prompts on ${A.gpus} × A800: one first-token time on every surface`, () => {
  test('the case answers with an estimate, and the CLI prints exactly it', () => {
    expect(Number.isFinite(answer.ttftSeconds)).toBe(true);
    expect(answer.ttftSeconds).toBeGreaterThan(0);
    expect(cliTtftSeconds()).toBe(answer.ttftSeconds);
  });

  test(`chapter 8 says it in prose and its latency calculator shows it (${expected})`, async ({ open }) => {
    const page = await open(
      `mfu-and-latency/?lat.model=llama-2-70b&lat.gpu=${A.gpu}&lat.gpus=${A.gpus}&lat.batch=${A.requests}&lat.input=${A.inputTokens}&lat.output=1&lat.dtype=fp16&lat.attention=causal`,
    );
    await expect(page.locator('article').first().textContent()).resolves.toContain(`the estimate is ${expected}`);
    await hydrate(page, '#lat-batch');
    await expect.poll(() => textOf(page, 'lat-ttft', 'headline'), { message: 'lat-ttft' }).toBe(expected);
  });

  test(`the case on /cases/ shows it (${expected})`, async ({ open }) => {
    const page = await open('cases/');
    await hydrate(page, '#ttft-requests');
    await expect.poll(() => textOf(page, 'ttft-ttftSeconds', 'headline'), { message: 'ttft-ttftSeconds' }).toBe(expected);
  });

  test(`the playground opened with the equivalent link shows it (${expected})`, async ({ open }) => {
    const page = await open(
      `playground/?pg.model=llama-2-70b&pg.gpu=${A.gpu}&pg.G=${A.gpus}&pg.dp=${A.gpus}&pg.B=${A.requests}&pg.Sin=${A.inputTokens}&pg.Sout=1&pg.wdtype=fp16&pg.kvdtype=fp16`,
    );
    await hydrate(page, '#pg-B');
    await expect.poll(() => textOf(page, 'pg-ttft', 'headline'), { message: 'pg-ttft' }).toBe(expected);
  });
});
