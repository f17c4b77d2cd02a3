/**
 * One question, one number on every surface (issue 10): for every preset on three GPUs and
 * two workloads, the CLI's `inference` prints exactly what the scenario engine answers. The
 * playground and the case calculators are held to the same scenarios by their own tests and
 * by test/e2e/surfaces.e2e.ts, which reads the numbers off the page.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli';
import { getGpu } from '../../src/core/gpu/gpu';
import { PRESETS } from '../../src/core/model/presets';
import { servingScenario } from '../../src/core/scenario/serving';

function cli(argv: string[]): Record<string, unknown> {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(
    [...argv, '--json'],
    (s) => out.push(s),
    (s) => err.push(s),
  );
  if (code !== 0) throw new Error(err.join('\n'));
  return JSON.parse(out[0] as string) as Record<string, unknown>;
}

const GPUS = [
  { id: 'a800-sxm-80gb', gpus: 8 },
  { id: 'h100-sxm', gpus: 4 },
  { id: 'l40s', gpus: 2 },
] as const;
const WORKLOADS = [
  { batch: 16, input: 4000, output: 200 },
  { batch: 1, input: 128, output: 2048 },
] as const;

describe('CLI inference = servingScenario, every preset × 3 GPUs × 2 workloads', () => {
  const cases = PRESETS.flatMap((p) => GPUS.flatMap((g) => WORKLOADS.map((w) => [p.id, g.id, g.gpus, w] as const)));
  it('covers a sliding-window model, an MoE and an MLA model', () => {
    const specs = PRESETS.map((p) => p.spec);
    expect(specs.some((s) => s.slidingWindow !== null)).toBe(true);
    expect(specs.some((s) => s.moe !== null)).toBe(true);
    expect(specs.some((s) => s.mla !== null)).toBe(true);
    expect(cases.length).toBe(PRESETS.length * 6);
  });
  it.each(cases)('%s on %s ×%i, %j', (model, gpu, gpus, w) => {
    const r = cli([
      'inference',
      model,
      '--gpu',
      gpu,
      '--gpus',
      String(gpus),
      '--batch',
      String(w.batch),
      '--input',
      String(w.input),
      '--output',
      String(w.output),
    ]);
    const s = servingScenario({
      model: PRESETS.find((p) => p.id === model)!.spec,
      gpu: getGpu(gpu),
      gpus,
      batch: w.batch,
      inputTokens: w.input,
      outputTokens: w.output,
    });
    expect(r['ttftSeconds']).toBe(s.ttftSeconds);
    expect(r['tpotSeconds']).toBe(s.tpotSeconds);
    expect(r['prefillFlops']).toBe(s.prefillFlops);
    expect(r['weightsBytes']).toBe(s.memory.weightsBytes);
    expect(r['kvCacheBytesPerRequest']).toBe(s.memory.kvCacheBytesPerRequest);
    expect(r['maxConcurrency']).toBe(s.memory.maxConcurrency);
    expect((r['warnings'] as { code: string }[]).map((x) => x.code)).toEqual(s.warnings.map((x) => x.code));
  });
});
