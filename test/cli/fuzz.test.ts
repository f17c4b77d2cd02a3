/**
 * CLI fuzz: every probe of ./probes.ts runs in-process through main() and must end in
 * EITHER exit 1 with exactly one stderr line naming the flag, field, file or command at
 * fault and nothing on stdout, OR exit 0 with one JSON object whose numbers are finite
 * and which carries a `warnings` array — within 2 s (generous: a loaded CI machine;
 * measured times are far lower). fast-check adds random values and random flag names.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli';
import { judge, type Outcome } from './judge';
import { allProbes, type Probe } from './probes';

const LIMIT_MS = 2000;
const dir = mkdtempSync(join(tmpdir(), 'tbtn-cli-fuzz-'));
const PROBES = allProbes(dir);
let slowest = { ms: 0, argv: [] as string[] };

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  console.info(`cli fuzz: slowest probe ${slowest.ms.toFixed(1)} ms: ${title(slowest.argv)}`);
});

function run(argv: readonly string[]): Outcome {
  const out: string[] = [];
  const err: string[] = [];
  const t0 = performance.now();
  const code = main(
    argv,
    (s) => out.push(s),
    (s) => err.push(s),
  );
  const ms = performance.now() - t0;
  if (ms > slowest.ms) slowest = { ms, argv: [...argv] };
  return { code, out, err, ms };
}

function title(argv: readonly string[]): string {
  const shown = argv.map((a) => (a.length > 24 ? `${a.slice(0, 12)}…(${a.length} chars)` : a));
  return JSON.stringify(shown).replace(dir, '$TMP');
}

function expectation(p: Probe): string {
  const named = p.names !== undefined && p.names !== '' ? ` naming ${p.names.replace(dir, '$TMP')}` : '';
  if (p.expect === 'reject') return `exits 1 with one line${named}`;
  if (p.expect === 'accept') return 'exits 0 with finite JSON and warnings';
  return `exits 0 with finite JSON, or 1 with one line${named}`;
}

describe('cli fuzz probes', () => {
  it(`covers every command with at least 300 probes (${PROBES.length})`, () => {
    expect(PROBES.length).toBeGreaterThanOrEqual(300);
    const commands = new Set(PROBES.map((p) => (p.argv[0] === 'case' || p.argv[0] === 'gpu' ? `${p.argv[0]} ${p.argv[1] ?? ''}` : p.argv[0])));
    for (const c of [
      'matmul',
      'model',
      'gpu custom',
      'gpu list',
      'inference',
      'training',
      'case llama3-70b-mfu',
      'case llama2-7b-params',
      'case llama2-70b-ttft',
      'case llama2-70b-concurrency',
    ]) {
      expect(commands.has(c), c).toBe(true);
    }
  });

  const runnable = PROBES;
  it.each(runnable.map((p) => [title(p.argv), expectation(p), p] as const))('main(%s) %s', (_t, _e, probe) => {
    const verdict = judge(probe, run(probe.argv), { limitMs: LIMIT_MS, requireWarnings: true });
    const ok = probe.expect === 'reject' ? ['clean-rejection'] : probe.expect === 'accept' ? ['correct-result'] : ['clean-rejection', 'correct-result'];
    expect(ok, `${verdict.category}: ${verdict.problem ?? ''}`).toContain(verdict.category);
    if (verdict.category === 'correct-result') expect(verdict.problem).toBeUndefined();
  });
});

/** Commands and flags for the random probes. */
const RANDOM_TARGETS: ReadonlyArray<{ base: string[]; flags: string[] }> = [
  { base: ['matmul', '--m', '64', '--k', '64', '--n', '64'], flags: ['m', 'k', 'n', 'batch', 'dtype'] },
  {
    base: ['inference', 'llama-2-7b', '--gpu', 'h100-sxm', '--gpus', '2', '--batch', '2', '--input', '128', '--output', '8'],
    flags: [
      'gpus',
      'batch',
      'input',
      'output',
      'kv-efficiency',
      'step-overhead',
      'peak',
      'compute-efficiency',
      'memory-efficiency',
      'comm-efficiency',
      'all-reduce-latency',
      'utilization',
      'link-bandwidth',
      'dtype',
      'attention',
      'memory-reading',
      'gpu',
    ],
  },
  {
    base: ['training', 'llama-2-7b', '--tokens', '2T', '--seq', '4096', '--gpu', 'a100-sxm-80gb', '--gpu-hours', '1e5'],
    flags: ['tokens', 'seq', 'gpu-hours', 'attention', 'dtype', 'gpu', 'gpus', 'tp', 'pp', 'zero', 'recompute', 'micro-batch', 'params'],
  },
  {
    base: ['gpu', 'custom', '--sms', '108', '--tensor-cores', '4', '--flops-per-clock', '512', '--clock', '1.41e9', '--memory', '80e9', '--bandwidth', '2e12'],
    flags: ['sms', 'tensor-cores', 'flops-per-clock', 'clock', 'memory', 'bandwidth', 'interconnect'],
  },
  {
    base: ['case', 'llama2-70b-ttft'],
    flags: [
      'gpus',
      'peak',
      'requests',
      'inputTokens',
      'maskFactor',
      'mfu',
      'targetLowSeconds',
      'targetHighSeconds',
      'memoryBandwidth',
      'linkBandwidth',
      'commEfficiency',
    ],
  },
  { base: ['case', 'llama3-70b-mfu'], flags: ['gpu', 'params', 'seq', 'tokens', 'gpuHours', 'peak'] },
  { base: ['case', 'llama2-70b-concurrency'], flags: ['gpu', 'gpus', 'memoryReading', 'utilization', 'bytesPerElement', 'maxTokens', 'activationTokens'] },
];

/** 1234567 → "1,234,567" or "1_234_567": valid groups, so the value must parse back. */
function grouped(n: number, sep: string): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
}

const numberText = fc.oneof(
  fc.double({ noNaN: false }).map(String),
  fc.integer({ min: -1e9, max: 1e12 }).map(String),
  fc.integer({ min: 0, max: 1e9 }).chain((n) => fc.constantFrom(grouped(n, ','), grouped(n, '_'))),
  fc.tuple(fc.integer({ min: 0, max: 9999 }), fc.constantFrom('', 'k', 'K', 'M', 'G', 'B', 'T', 'P', 'm', 'x')).map(([n, s]) => `${n / 10}${s}`),
  fc.string({ maxLength: 24 }),
  fc.constantFrom('NaN', '1e309', '-0', '1,2,3', '4 0 9 6', '0x10', '1e-320', '9007199254740993', '', '__proto__'),
);

function assertClean(argv: readonly string[]): void {
  const o = run(argv);
  const verdict = judge({ argv: [...argv], expect: 'either' }, o, { limitMs: LIMIT_MS, requireWarnings: true });
  expect(['clean-rejection', 'correct-result'], `${title(argv)}: ${verdict.category}: ${verdict.problem ?? ''}`).toContain(verdict.category);
}

describe('cli fuzz properties', () => {
  it('main(<command> --<any flag> <any text>) exits 0 with finite JSON or 1 with one line naming the field (fast-check, 300 runs)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: RANDOM_TARGETS.length - 1 }).chain((i) => {
          const t = RANDOM_TARGETS[i] as { base: string[]; flags: string[] };
          return fc.tuple(fc.constant(t.base), fc.constantFrom(...t.flags), numberText);
        }),
        ([base, flag, text]) => {
          const i = base.indexOf(`--${flag}`);
          const argv = i >= 0 ? [...base.slice(0, i + 1), text, ...base.slice(i + 2)] : [...base, `--${flag}`, text];
          assertClean([...argv, '--json']);
        },
      ),
      { numRuns: 300, seed: 20_251_011 },
    );
  });

  it('main(<command> --<random name> 1) exits 1 naming the flag unless the name is declared (fast-check, 200 runs)', () => {
    fc.assert(
      fc.property(fc.constantFrom(...RANDOM_TARGETS), fc.string({ minLength: 1, maxLength: 16 }), (t, name) => {
        fc.pre(!t.flags.includes(name) && name !== 'json' && name !== 'help' && !name.includes('=') && !name.startsWith('-'));
        const o = run([...t.base, `--${name}`, '1', '--json']);
        expect(o.code).toBe(1);
        expect(o.out).toEqual([]);
        expect(o.err).toHaveLength(1);
        expect(o.err[0]).toMatch(/^Error: .+ \(field: [^)]*\)$/s);
      }),
      { numRuns: 200, seed: 20_251_011 },
    );
  });
});
