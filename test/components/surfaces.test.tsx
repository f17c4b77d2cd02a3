// @vitest-environment happy-dom
/**
 * One question, one number on every surface (issue 10). For every preset × {A800, H100, H200}
 * (8 GPUs, tensor parallel) × two workloads, three surfaces answer the same serving question:
 * - the scenario engine, servingScenario, formatted by the core's formatters;
 * - the CLI, `inference … --json`, run in-process through its main function;
 * - the playground island, rendered from a link (`?pg.model=…`) and read off the DOM.
 * TTFT, TPOT, the maximum concurrency and the KV cache per request must be the same: the CLI's
 * JSON equal to the scenario's numbers exactly, the island's text equal to their formatting.
 * test/cli/surfaces.test.ts holds the CLI to the scenario on more fields; test/e2e/surfaces.e2e.ts
 * reads the 70B/A800 first token off the built pages.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import PlaygroundCalculator from '../../src/components/islands/PlaygroundCalculator';
import { main } from '../../src/cli';
import { getGpu } from '../../src/core/gpu/gpu';
import { PRESETS } from '../../src/core/model/presets';
import { servingScenario } from '../../src/core/scenario/serving';
import { formatBytes, formatInteger, formatSeconds } from '../../src/core/units';

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

function cli(argv: string[]): Record<string, unknown> {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(
    [...argv, '--json'],
    (s) => out.push(s),
    (s) => err.push(s),
  );
  if (code !== 0) throw new Error(`cli ${argv.join(' ')}: ${err.join('\n')}`);
  return JSON.parse(out.join('')) as Record<string, unknown>;
}

const GPUS = ['a800-sxm-80gb', 'h100-sxm', 'h200'] as const;
const G = 8;
const WORKLOADS = [
  { B: 16, S: 4000, O: 200 },
  { B: 1, S: 128, O: 2048 },
] as const;

/** A result row's headline: the value before its detail line. */
const headline = (testId: string) => screen.getByTestId(testId).firstChild?.textContent ?? '';
/** A result row's detail line. */
const detail = (testId: string) => screen.getByTestId(testId).querySelector('small')?.textContent ?? '';

const cases = PRESETS.flatMap((p) => GPUS.flatMap((gpu) => WORKLOADS.map((w) => [p.id, gpu, w] as const)));

describe('playground = servingScenario = CLI, 24 presets × 3 GPUs × 2 workloads', () => {
  it('covers 144 combinations, among them a sliding-window model, an MoE and an MLA model', () => {
    expect(PRESETS.length).toBe(24);
    expect(cases.length).toBe(144);
    expect(PRESETS.some((p) => p.spec.slidingWindow !== null)).toBe(true);
    expect(PRESETS.some((p) => p.spec.moe !== null)).toBe(true);
    expect(PRESETS.some((p) => p.spec.mla !== null)).toBe(true);
  });

  it.each(cases)('%s on 8 × %s, %j', (model, gpu, w) => {
    const s = servingScenario({ model: PRESETS.find((p) => p.id === model)!.spec, gpu: getGpu(gpu), gpus: G, batch: w.B, inputTokens: w.S, outputTokens: w.O });
    const r = cli(['inference', model, '--gpu', gpu, '--gpus', String(G), '--batch', String(w.B), '--input', String(w.S), '--output', String(w.O)]);
    // The CLI prints the scenario's numbers, unrounded.
    expect(r['ttftSeconds'], 'CLI TTFT').toBe(s.ttftSeconds);
    expect(r['tpotSeconds'], 'CLI TPOT').toBe(s.tpotSeconds);
    expect(r['maxConcurrency'], 'CLI max concurrency').toBe(s.memory.maxConcurrency);
    expect(r['kvCacheBytesPerRequest'], 'CLI KV per request').toBe(s.memory.kvCacheBytesPerRequest);
    for (const v of [s.ttftSeconds, s.tpotSeconds, s.memory.maxConcurrency, s.memory.kvCacheBytesPerRequest]) expect(Number.isFinite(v)).toBe(true);

    // The island, opened from a link with the same inputs, shows them formatted by the core.
    window.history.replaceState(null, '', `/playground/?pg.model=${model}&pg.gpu=${gpu}&pg.G=${G}&pg.dp=${G}&pg.B=${w.B}&pg.Sin=${w.S}&pg.Sout=${w.O}`);
    render(<PlaygroundCalculator />);
    expect(headline('pg-ttft'), 'island TTFT').toBe(formatSeconds(r['ttftSeconds'] as number));
    expect(headline('pg-tpot'), 'island TPOT').toBe(formatSeconds(r['tpotSeconds'] as number));
    expect(headline('pg-concurrency'), 'island max concurrency').toBe(formatInteger(r['maxConcurrency'] as number));
    expect(headline('pg-kv-request'), 'island KV per request').toBe(formatBytes(r['kvCacheBytesPerRequest'] as number));
    // …and the exact byte count beside it.
    expect(detail('pg-kv-request'), 'island KV per request, exact').toBe(`${formatInteger(s.memory.kvCacheBytesPerRequest)} B`);
  });
});
