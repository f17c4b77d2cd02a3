/**
 * The CLI fuzz probes: hostile and extreme command lines over every command and every
 * flag, each with what a correct CLI must do. Plain data (no import of the CLI), so the
 * same list can be run against any version of `main()`.
 *
 * expect: 'reject' — exit 1, one stderr line naming `names`; 'accept' — exit 0, one JSON
 * object with finite numbers; 'either' — a valid but extreme input, where a clean
 * refusal (e.g. an overflow message) and a finite result are both correct.
 */
import { closeSync, mkdirSync, openSync, ftruncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCase } from '../../src/core/cases/run';
import { CASE_IDS } from '../../src/core/cases/types';

export type Expect = 'reject' | 'accept' | 'either';

export interface Probe {
  argv: string[];
  expect: Expect;
  /** Text the error line must contain (a flag, field, argument, command or file). */
  names?: string;
  /** Runs past the time limit until the closed-form decode lands in src/core/latency. */
  slow?: boolean;
}

/** A numeric flag and the bound its values must respect (hand-copied from src/core/bounds.ts). */
interface NumericFlag {
  flag: string;
  min: number;
  max: number;
  integer: boolean;
  /** A typical value, typed with separators or a suffix. */
  typical: string;
  /** 0 means "none" for this flag (gpu custom --interconnect). */
  zeroOk?: boolean;
  /** Extreme values of this flag run past the time limit (inference --output). */
  slowAtMax?: boolean;
}

interface CommandUnderTest {
  base: string[];
  numeric: NumericFlag[];
  /** enum flags with one valid value each. */
  enums: Array<{ flag: string; valid: string }>;
  /** string flags (ids) with one valid value each. */
  strings: Array<{ flag: string; valid: string }>;
  /** How errors name a flag: `--m` for CLI flags, the bare name for case assumptions. */
  prefix: '--' | '';
}

const GPUS = { min: 1, max: 10_000_000, integer: true };
const BATCH = { min: 1, max: 100_000_000, integer: true };
const SEQUENCE = { min: 1, max: 1_000_000_000, integer: true };
const MATMUL = { min: 1, max: 1e12, integer: true };
const EFFICIENCY = { min: 0.001, max: 1, integer: false };
const FRACTION = { min: Number.MIN_VALUE, max: 1, integer: false };
const SECONDS = { min: 0, max: 1e9, integer: false };
const BANDWIDTH = { min: 1, max: 1e16, integer: false };

const COMMANDS: Record<string, CommandUnderTest> = {
  matmul: {
    base: ['matmul', '--m', '4096', '--k', '4096', '--n', '4096'],
    numeric: [
      { flag: 'm', ...MATMUL, typical: '4,096' },
      { flag: 'k', ...MATMUL, typical: '4_096' },
      { flag: 'n', ...MATMUL, typical: '4k' },
      { flag: 'batch', ...MATMUL, typical: '8' },
    ],
    enums: [{ flag: 'dtype', valid: 'fp8' }],
    strings: [],
    prefix: '--',
  },
  'gpu custom': {
    base: [
      'gpu',
      'custom',
      '--sms',
      '108',
      '--tensor-cores',
      '4',
      '--flops-per-clock',
      '512',
      '--clock',
      '1.41e9',
      '--memory',
      '80e9',
      '--bandwidth',
      '2.039e12',
    ],
    numeric: [
      { flag: 'sms', min: 1, max: 10_000_000, integer: true, typical: '132' },
      { flag: 'tensor-cores', min: 1, max: 10_000_000, integer: true, typical: '4' },
      { flag: 'flops-per-clock', min: 1, max: 1e9, integer: false, typical: '1,024' },
      { flag: 'clock', min: 1e6, max: 1e11, integer: false, typical: '1.83G' },
      { flag: 'memory', min: 1, max: 1e15, integer: false, typical: '80G' },
      { flag: 'bandwidth', min: 1, max: 1e16, integer: false, typical: '3.35T' },
      { flag: 'interconnect', ...BANDWIDTH, typical: '900G', zeroOk: true },
    ],
    enums: [],
    strings: [],
    prefix: '--',
  },
  inference: {
    base: ['inference', 'llama-2-7b', '--gpu', 'h100-sxm', '--gpus', '2', '--batch', '4', '--input', '1000', '--output', '64'],
    numeric: [
      { flag: 'gpus', ...GPUS, typical: '8' },
      { flag: 'batch', ...BATCH, typical: '16' },
      { flag: 'input', ...SEQUENCE, typical: '4,000' },
      { flag: 'output', ...SEQUENCE, typical: '200' },
      { flag: 'compute-efficiency', ...EFFICIENCY, typical: '0.5' },
      { flag: 'memory-efficiency', ...EFFICIENCY, typical: '0.7' },
      { flag: 'comm-efficiency', ...EFFICIENCY, typical: '0.9' },
      { flag: 'all-reduce-latency', ...SECONDS, typical: '2e-5' },
      { flag: 'utilization', ...FRACTION, typical: '0.95' },
      { flag: 'link-bandwidth', ...BANDWIDTH, typical: '900G' },
    ],
    enums: [
      { flag: 'dtype', valid: 'fp8' },
      { flag: 'attention', valid: 'full' },
      { flag: 'memory-reading', valid: 'GB' },
    ],
    strings: [{ flag: 'gpu', valid: 'a800-sxm-80gb' }],
    prefix: '--',
  },
  training: {
    base: ['training', 'llama-2-7b', '--tokens', '2T', '--seq', '4096', '--gpu', 'a100-sxm-80gb', '--gpu-hours', '184,320'],
    numeric: [
      { flag: 'tokens', min: 1, max: 1e18, integer: false, typical: '15T' },
      { flag: 'seq', ...SEQUENCE, typical: '8,192' },
      { flag: 'gpu-hours', min: 1e-6, max: 1e12, integer: false, typical: '6.4M' },
    ],
    enums: [
      { flag: 'attention', valid: 'causal' },
      { flag: 'dtype', valid: 'fp16' },
    ],
    strings: [{ flag: 'gpu', valid: 'h100-sxm' }],
    prefix: '--',
  },
  'training by throughput': {
    base: ['training', 'llama-2-7b', '--tokens', '2T', '--seq', '4096', '--gpu', 'a100-sxm-80gb', '--gpus', '1024', '--tokens-per-second', '3e6'],
    numeric: [
      { flag: 'gpus', ...GPUS, typical: '2,048' },
      { flag: 'tokens-per-second', min: 1e-6, max: 1e12, integer: false, typical: '3M' },
    ],
    enums: [],
    strings: [],
    prefix: '--',
  },
};

/**
 * Bounds of the cases' numeric assumptions, by name (hand-copied from src/core/bounds.ts
 * through src/cli/case.ts). The case probes are built from each case's current
 * assumptions, so an assumption the case drops is not probed; one it adds is caught by
 * the args test that checks every assumption is declared.
 */
const CASE_NUMERIC: Readonly<Record<string, Omit<NumericFlag, 'flag'>>> = {
  gpus: { ...GPUS, typical: '4' },
  peak: { min: 1, max: 1e18, integer: false, typical: '312T' },
  params: { min: 1, max: 1e16, integer: false, typical: '70B' },
  layers: { min: 1, max: 10_000, integer: true, typical: '80' },
  heads: { min: 1, max: 100_000, integer: true, typical: '64' },
  headDim: { min: 1, max: 10_000_000, integer: true, typical: '128' },
  seq: { ...SEQUENCE, typical: '8,192' },
  tokens: { min: 1, max: 1e18, integer: false, typical: '15T' },
  gpuHours: { min: 1e-6, max: 1e12, integer: false, typical: '6.4M' },
  requests: { ...BATCH, typical: '1' },
  inputTokens: { ...SEQUENCE, typical: '4,000' },
  maskFactor: { ...FRACTION, typical: '0.5' },
  mfu: { ...FRACTION, typical: '0.6' },
  targetLowSeconds: { ...SECONDS, typical: '0.5' },
  targetHighSeconds: { ...SECONDS, typical: '0.8' },
  memoryBandwidth: { ...BANDWIDTH, typical: '2.039T' },
  linkBandwidth: { ...BANDWIDTH, typical: '200G' },
  commEfficiency: { ...EFFICIENCY, typical: '0.8' },
  utilization: { ...FRACTION, typical: '0.95' },
  bytesPerElement: { min: 0.0625, max: 16, integer: false, typical: '1' },
  maxTokens: { ...SEQUENCE, typical: '8,000' },
  activationTokens: { ...SEQUENCE, typical: '2,000' },
};

/** Valid values of the cases' text assumptions, by name. */
const CASE_TEXT: Readonly<Record<string, { valid: string; enum: boolean }>> = {
  gpu: { valid: 'h100-sxm', enum: false },
  model: { valid: 'llama-2-13b', enum: false },
  memoryReading: { valid: 'GB', enum: true },
};

for (const id of CASE_IDS) {
  const assumptions = runCase(id).assumptions as Record<string, unknown>;
  const names = Object.keys(assumptions);
  COMMANDS[`case ${id}`] = {
    base: ['case', id],
    numeric: names.flatMap((flag) => {
      const b = CASE_NUMERIC[flag];
      return b !== undefined && typeof assumptions[flag] === 'number' ? [{ flag, ...b }] : [];
    }),
    enums: names.flatMap((flag) => {
      const t = CASE_TEXT[flag];
      return t?.enum === true ? [{ flag, valid: t.valid }] : [];
    }),
    strings: names.flatMap((flag) => {
      const t = CASE_TEXT[flag];
      return t?.enum === false ? [{ flag, valid: t.valid }] : [];
    }),
    prefix: '',
  };
}

/** Texts no numeric flag may accept. */
const UNREADABLE: readonly string[] = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '9'.repeat(10_000),
  '1,2,3',
  '12,34',
  '1,23',
  '4 0 9 6',
  '',
  '   ',
  '0x10',
  '6.4m',
  'abc',
  '1.2.3',
  '4096x',
  '--3',
];

/** Readable numbers: accepted or refused by the flag's bound. */
const EXTREMES: readonly string[] = ['0', '-0', '-1', '1e300', '-1e300', '9007199254740993', '1e-320', '0.5', '2.5'];

function numberOf(text: string): number {
  // 2^53 + 1 is not representable: the CLI sees the double nearest to it, as Number() gives.
  return Number(text);
}

/** What a correct CLI does with `text` for this flag, from its bound alone. */
function expectFor(f: NumericFlag, text: string): Expect {
  const v = numberOf(text);
  if (text === '1e-320') return f.min === 0 ? 'either' : 'reject';
  if (f.zeroOk === true && v === 0) return 'either';
  if (f.integer && (!Number.isInteger(v) || Math.abs(v) > Number.MAX_SAFE_INTEGER)) return 'reject';
  if (v < f.min || v > f.max) return 'reject';
  // In range, but the command may still refuse it (a case's own check, an overflow): either is correct.
  return 'either';
}

function withFlag(base: readonly string[], flag: string, value: string): string[] {
  const i = base.indexOf(`--${flag}`);
  if (i >= 0) return [...base.slice(0, i + 1), value, ...base.slice(i + 2)];
  return [...base, `--${flag}`, value];
}

/** A misspelling of `flag` that is not itself a flag of the command: two letters swapped, or one dropped. */
function misspell(flag: string, taken: readonly string[]): string | null {
  const candidates: string[] = [];
  for (let i = 1; i + 1 < flag.length; i += 1) candidates.push(flag.slice(0, i) + flag[i + 1] + flag[i] + flag.slice(i + 2));
  for (let i = 1; i < flag.length; i += 1) candidates.push(flag.slice(0, i) + flag.slice(i + 1));
  return candidates.find((c) => c !== flag && !taken.includes(c) && c.length >= 3) ?? null;
}

/** Files the probes read; written into `dir`. */
export interface Fixtures {
  dir: string;
  missing: string;
  directory: string;
  badJson: string;
  truncatedJson: string;
  emptyFile: string;
  huge: string;
  nullJson: string;
  arrayJson: string;
  deepJson: string;
  infinityJson: string;
  protoJson: string;
  constructorJson: string;
  layers1e15: string;
  hidden2pow53: string;
  hidden1e200: string;
  falconNorms: string;
  deepseekLayers: string;
  gpt2: string;
}

const LLAMA = {
  model_type: 'llama',
  hidden_size: 4096,
  num_hidden_layers: 32,
  num_attention_heads: 32,
  num_key_value_heads: 32,
  intermediate_size: 11008,
  vocab_size: 32000,
};

/**
 * Writes the probe files into `dir` (created if needed): a 51 MB file is sparse, so it
 * costs no disk.
 */
export function makeFixtures(dir: string): Fixtures {
  mkdirSync(join(dir, 'a-directory.json'), { recursive: true });
  const file = (name: string, text: string): string => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const huge = join(dir, 'huge.json');
  const fd = openSync(huge, 'w');
  ftruncateSync(fd, 51_000_000);
  closeSync(fd);
  return {
    dir,
    missing: join(dir, 'no-such-config.json'),
    directory: join(dir, 'a-directory.json'),
    badJson: file('bad.json', '{\n  "model_type": "llama",\n  "hidden_size": ,\n}\n'),
    truncatedJson: file('truncated.json', '{"model_type": "llama",'),
    emptyFile: file('empty.json', ''),
    huge,
    nullJson: file('null.json', 'null'),
    arrayJson: file('array.json', '[1, 2, 3]'),
    deepJson: file('deep.json', `${'['.repeat(100_000)}${']'.repeat(100_000)}`),
    infinityJson: file('infinity.json', JSON.stringify(LLAMA).replace('"hidden_size":4096', '"hidden_size":1e400')),
    protoJson: file('proto.json', JSON.stringify(LLAMA).replace('{', '{"__proto__": {"num_hidden_layers": 1e15}, ')),
    constructorJson: file('constructor.json', JSON.stringify({ ...LLAMA, constructor: { prototype: { polluted: 1 } } })),
    layers1e15: file('layers.json', JSON.stringify({ ...LLAMA, num_hidden_layers: 1e15 })),
    hidden2pow53: file('hidden53.json', JSON.stringify({ ...LLAMA, hidden_size: 2 ** 53 })),
    hidden1e200: file('hidden200.json', JSON.stringify({ ...LLAMA, hidden_size: 1e200 })),
    falconNorms: file(
      'falcon.json',
      JSON.stringify({
        model_type: 'falcon',
        hidden_size: 4544,
        num_hidden_layers: 32,
        num_attention_heads: 71,
        vocab_size: 65024,
        new_decoder_architecture: true,
        num_kv_heads: 8,
        num_ln_in_parallel_attn: 1e7,
      }),
    ),
    deepseekLayers: file(
      'deepseek.json',
      JSON.stringify({
        model_type: 'deepseek_v3',
        hidden_size: 7168,
        num_hidden_layers: 1e15,
        num_attention_heads: 128,
        num_key_value_heads: 128,
        intermediate_size: 18432,
        moe_intermediate_size: 2048,
        n_routed_experts: 256,
        n_shared_experts: 1,
        num_experts_per_tok: 8,
        first_k_dense_replace: 3,
        kv_lora_rank: 512,
        q_lora_rank: 1536,
        qk_nope_head_dim: 128,
        qk_rope_head_dim: 64,
        v_head_dim: 128,
        vocab_size: 129280,
      }),
    ),
    gpt2: file('gpt2.json', JSON.stringify({ model_type: 'gpt2', n_embd: 768, n_head: 12, n_layer: 12, n_positions: 1024, vocab_size: 50257 })),
  };
}

/** Every probe, in a stable order. */
export function buildProbes(fx: Fixtures): Probe[] {
  const probes: Probe[] = [];
  const add = (argv: string[], expect: Expect, names?: string, slow?: boolean): void => {
    probes.push({ argv: [...argv, '--json'], expect, ...(names !== undefined ? { names } : {}), ...(slow === true ? { slow } : {}) });
  };

  for (const c of Object.values(COMMANDS)) {
    add(c.base, 'accept');
    const allFlags = [...c.numeric.map((f) => f.flag), ...c.enums.map((e) => e.flag), ...c.strings.map((s) => s.flag)];
    for (const f of c.numeric) {
      const named = `${c.prefix}${f.flag}`;
      for (const text of UNREADABLE) add(withFlag(c.base, f.flag, text), 'reject', named);
      for (const text of EXTREMES) add(withFlag(c.base, f.flag, text), expectFor(f, text), named);
      add(withFlag(c.base, f.flag, f.typical), 'accept');
      // At the ends of the bound the command may still refuse for a combined reason (S + O
      // beyond the sequence bound, an overflow) and name that field instead.
      add(withFlag(c.base, f.flag, String(f.min)), 'either', undefined);
      add(withFlag(c.base, f.flag, String(f.max)), 'either', undefined, f.slowAtMax);
      if (!Number.isFinite(f.max * 10)) continue;
      add(withFlag(c.base, f.flag, String(f.max * 10)), 'reject', named);
      // The same flag twice, even with the same value.
      add(
        [...c.base.filter((_, i, a) => a[i - 1] !== `--${f.flag}` && a[i] !== `--${f.flag}`), `--${f.flag}`, f.typical, `--${f.flag}`, f.typical],
        'reject',
        f.flag,
      );
      const slip = misspell(f.flag, allFlags);
      if (slip !== null) add([...c.base, `--${slip}`, f.typical], 'reject', `--${slip}`);
      add([...c.base, `--${f.flag}`], 'reject', f.flag); // a flag with no value
    }
    for (const e of c.enums) {
      add(withFlag(c.base, e.flag, e.valid), 'accept');
      for (const bad of ['fp7', '', 'BF16x', '__proto__', 'toString', 'constructor']) add(withFlag(c.base, e.flag, bad), 'reject', e.flag);
    }
    for (const s of c.strings) {
      add(withFlag(c.base, s.flag, s.valid), 'accept');
      for (const bad of ['nope', '', 'a\nb', '__proto__', 'constructor', 'x'.repeat(10_000)]) add(withFlag(c.base, s.flag, bad), 'reject', s.flag);
    }
    // Prototype keys as flags, stray positionals, a boolean flag given a value.
    for (const hostile of ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf']) {
      add([...c.base, `--${hostile}`, '5'], 'reject', hostile);
    }
    add([...c.base, '--__proto__=1'], 'reject', '__proto__');
    add([...c.base, '--foo'], 'reject', '--foo');
    add([...c.base, '--foo', 'bar'], 'reject', '--foo');
    add([...c.base, 'stray'], 'reject', '"stray"');
    add([...c.base, '--', '--m'], 'reject', '"--m"');
    add([...c.base, '--json=1'], 'reject', 'json');
  }

  // The misspellings and hostile values, verbatim.
  const inf = COMMANDS['inference']?.base ?? [];
  add([...(COMMANDS['matmul']?.base ?? []), '--dtpye', 'fp8'], 'reject', 'did you mean --dtype?');
  add([...inf, '--compute-effciency', '0.5'], 'reject', 'did you mean --compute-efficiency?');
  add([...inf, '--utilisation', '0.5'], 'reject', 'did you mean --utilization?');
  add(['matmul', '--m', '1,2,3', '--k', '1', '--n', '1'], 'reject', '--m');
  add(['matmul', '--m', '4 0 9 6', '--k', '1', '--n', '1'], 'reject', '--m');
  add(['matmul', '--m', '1', '--k', '1', '--n', '1', '--batch', '1e300'], 'reject', '--batch');
  add(['matmul', '--m', '1e150', '--k', '1e150', '--n', '1e150'], 'reject', '--m');
  add(['matmul', '--m', '1e12', '--k', '1e12', '--n', '1e12', '--batch', '1e12'], 'either');
  add(
    ['gpu', 'custom', '--sms', '1e300', '--tensor-cores', '4', '--flops-per-clock', '512', '--clock', '1e9', '--memory', '1e9', '--bandwidth', '1e9'],
    'reject',
    '--sms',
  );
  add(
    ['gpu', 'custom', '--sms', '1e7', '--tensor-cores', '1e7', '--flops-per-clock', '1e9', '--clock', '1e11', '--memory', '1e15', '--bandwidth', '1e16'],
    'either',
  );
  add(withFlag(inf, 'gpus', '1e300'), 'reject', '--gpus');
  add(withFlag(inf, 'gpus', '1e7'), 'either');
  add(['inference', 'llama-2-70b', '--gpu', 'a800-sxm-80gb', '--gpus', '8', '--batch', '16', '--input', '4000', '--output', '1e8'], 'either', undefined, true);
  add(['inference', 'llama-2-70b', '--gpu', 'a800-sxm-80gb', '--gpus', '8', '--batch', '16', '--input', '4000', '--output', '15T'], 'reject', '--output');
  add(['inference', 'llama-2-70b', '--gpu', 'a800-sxm-80gb', '--gpus', '8', '--batch', '16', '--input', '4000', '--output', '1e300'], 'reject', '--output');
  add(
    ['inference', 'llama-2-70b', '--gpu', 'a800-sxm-80gb', '--gpus', '8', '--batch', '16', '--input', '4000', '--output', '9007199254740993'],
    'reject',
    '--output',
  );
  add(['inference', 'llama-2-70b', '--gpu', 'a800-sxm-80gb', '--gpus', '8', '--batch', '1e8', '--input', '999,999,999', '--output', '1'], 'either');
  add(['training', 'llama-2-7b', '--tokens', '1e300', '--seq', '4096', '--gpu', 'h100-sxm', '--gpu-hours', '1'], 'reject', '--tokens');
  add(['training', 'llama-2-7b', '--tokens', '1e18', '--seq', '1e9', '--gpu', 'h100-sxm', '--gpu-hours', '1e-6'], 'either');
  add(['training', 'llama-2-7b', '--tokens', '1T', '--seq', '4096', '--gpu', 'h100-sxm', '--zero', '3', '--recompute', 'full', '--gpu-hours', '1'], 'accept');
  add(['training', 'llama-2-7b', '--tokens', '1T', '--seq', '4096', '--gpu', 'h100-sxm', '--zero-stage', '3', '--gpu-hours', '1'], 'reject', '--zero-stage');
  add(['training', 'llama-2-7b', '--tokens', '1T', '--seq', '4096', '--gpu', 'h100-sxm'], 'reject', 'gpu-hours');
  add(['training', 'llama-2-7b', '--tokens', '1T', '--seq', '4096', '--gpu', 'h100-sxm', '--gpu-hours', '1', '--gpus', '8'], 'accept');
  add(['training', 'llama-2-7b', '--tokens', '1T', '--seq', '4096', '--gpu', 'h100-sxm', '--gpu-hours', '1', '--mfu', '0.4'], 'reject', 'gpu-hours');
  add(['case', 'llama2-70b-ttft', '--targetLowSeconds', '0.8'], 'reject', 'targetLowSeconds');
  add(['case', 'llama2-70b-ttft', '--targetHighSeconds', '0.5'], 'reject', 'targetHighSeconds');
  add(['case', 'llama2-70b-ttft', '--targetLowSeconds', '0.9', '--targetHighSeconds', '0.8'], 'reject', 'targetLowSeconds');
  add(['case', 'llama2-70b-ttft', '--targetLowSeconds', '0.1', '--targetHighSeconds', '5'], 'accept');
  add(['case', 'llama2-70b-ttft', '--mfu', '0.6'], 'accept');
  add(['case', 'llama2-70b-ttft', '--maskFactor', '0.7'], 'reject', 'maskFactor');
  add(['case', 'llama2-70b-ttft', '--memory-bandwidth', '1T'], 'reject', 'did you mean --memoryBandwidth?');
  add(['case', 'llama2-70b-concurrency', '--memoryReading', 'GB', '--utilization', '1'], 'accept');
  add(['case', 'llama2-70b-concurrency', '--memoryReading', 'MB'], 'reject', 'memoryReading');
  add(
    [
      'case',
      'llama2-7b-params',
      '--model',
      'custom',
      '--config',
      JSON.stringify({ model_type: 'gpt2', n_embd: 768, n_head: 12, n_layer: 12, n_positions: 1024, vocab_size: 50257 }),
    ],
    'accept',
  );
  add(['case', 'llama2-7b-params', '--model', 'custom', '--config', '{"model_type": "gpt2",'], 'reject', 'config');
  add(['case', 'llama2-7b-params', '--model', 'custom', '--config', JSON.stringify({ ...LLAMA, num_hidden_layers: 1e15 })], 'reject', 'num_hidden_layers');
  add(['case', 'llama2-7b-params', '--model', 'custom'], 'reject', 'config');

  // Unknown ids and commands.
  add(['model', 'no-such-model'], 'reject', 'no-such-model');
  add(['gpu', 'gtx-480'], 'reject', 'gtx-480');
  add(['case', 'llama4'], 'reject', 'llama4');
  add(['case'], 'reject', 'case');
  add(['gpu'], 'reject', 'gpu');
  add(['model'], 'reject', 'model');
  add(['inference', '--gpu', 'h100-sxm', '--gpus', '1', '--batch', '1', '--input', '1', '--output', '1'], 'reject', 'model');
  add(['gpu', 'a800-sxm-80gb', '--sms', '4'], 'reject', '--sms');
  add(['gpu', 'list', 'extra'], 'reject', '"extra"');
  add(['gpu', 'list'], 'accept');
  add(['model', 'list'], 'accept');
  add(['model', 'llama-2-7b'], 'accept');
  add(['model', 'deepseek-v3'], 'accept');
  add(['gpu', 'a800-sxm-80gb'], 'accept');
  add(['gpu', 'b200'], 'accept');
  for (const name of ['inferance', 'foo', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'MATMUL', 'x'.repeat(10_000)]) {
    add([name], 'reject', 'command');
  }

  // Files, through each command that reads a model.
  const fileProbes: Array<[string, Expect, string]> = [
    [fx.missing, 'reject', 'no-such-config.json'],
    [fx.directory, 'reject', 'a-directory.json'],
    [fx.badJson, 'reject', 'line 3, column 18'],
    [fx.truncatedJson, 'reject', 'truncated.json'],
    [fx.emptyFile, 'reject', 'empty.json'],
    [fx.huge, 'reject', 'huge.json'],
    [fx.nullJson, 'reject', 'config'],
    [fx.arrayJson, 'reject', 'config'],
    [fx.deepJson, 'reject', 'nested'],
    [fx.infinityJson, 'reject', 'hidden_size'],
    [fx.protoJson, 'reject', 'num_hidden_layers'],
    [fx.constructorJson, 'either', 'constructor'],
    [fx.layers1e15, 'reject', 'num_hidden_layers'],
    [fx.hidden2pow53, 'reject', 'hidden_size'],
    [fx.hidden1e200, 'reject', 'hidden_size'],
    [fx.falconNorms, 'reject', 'num_ln_in_parallel_attn'],
    [fx.deepseekLayers, 'reject', 'num_hidden_layers'],
    [fx.gpt2, 'accept', ''],
  ];
  for (const [path, expect, names] of fileProbes) {
    const n = expect === 'accept' ? undefined : names;
    add(['model', path], expect, n);
    add(['inference', path, '--gpu', 'h100-sxm', '--gpus', '1', '--batch', '1', '--input', '100', '--output', '8'], expect, n);
    add(['training', path, '--tokens', '1B', '--seq', '1024', '--gpu', 'h100-sxm', '--gpu-hours', '10'], expect, n);
  }
  return probes;
}

/** The probes with their fixtures in `dir`. */
export function allProbes(dir: string): Probe[] {
  return buildProbes(makeFixtures(dir));
}
