import { describe, expect, it } from 'vitest';
import {
  BOUNDS,
  CONFIG_KEY_KINDS,
  MAX_EXACT_INTEGER,
  boundMessage,
  checkBound,
  checkConfigBounds,
  formatBound,
  inBound,
  type BoundKind,
} from '../../src/core/bounds';
import { PRESETS } from '../../src/core/model/presets';
import { InputError } from '../../src/core/units';

function thrown(f: () => unknown): { field: string; message: string } | null {
  try {
    f();
    return null;
  } catch (e) {
    if (e instanceof InputError) return { field: e.field, message: e.message };
    throw e;
  }
}

describe('BOUNDS', () => {
  it('every bound has min ≤ max, finite ends and a reason', () => {
    for (const [kind, b] of Object.entries(BOUNDS)) {
      expect(Number.isFinite(b.min) && Number.isFinite(b.max), kind).toBe(true);
      expect(b.min <= b.max, kind).toBe(true);
      expect(b.reason.length, kind).toBeGreaterThan(10);
    }
  });

  it('every whole-number bound ends below 2^53 − 1 = 9,007,199,254,740,991, so an accepted count is exact', () => {
    for (const [kind, b] of Object.entries(BOUNDS)) {
      if (b.integer) expect(b.max <= MAX_EXACT_INTEGER, kind).toBe(true);
    }
  });

  it.each([
    ['layers', 1, 10_000],
    ['gpus', 1, 10_000_000],
    ['sequence', 1, 1_000_000_000],
    ['matmulDim', 1, 1e12],
    ['trainingTokens', 1, 1e18],
    ['efficiency', 0.001, 1],
    ['tokensPerSecond', 1e-6, 1e12],
  ] as const)('BOUNDS.%s spans %d to %d', (kind, min, max) => {
    expect(BOUNDS[kind].min).toBe(min);
    expect(BOUNDS[kind].max).toBe(max);
  });
});

describe('inBound', () => {
  it.each([
    [80, 'layers', true],
    [10_000, 'layers', true],
    [10_001, 'layers', false],
    [0, 'layers', false],
    [2.5, 'layers', false],
    [1e15, 'layers', false],
    [Number.NaN, 'seconds', false],
    [Number.POSITIVE_INFINITY, 'flops', false],
    [0, 'seconds', true],
    [1, 'fraction', true],
    [0, 'fraction', false],
    [0.0009, 'efficiency', false],
    [9e15, 'trainingTokens', true],
  ] as const)('inBound(%d, %j) = %j', (value, kind, expected) => {
    expect(inBound(value, kind as BoundKind)).toBe(expected);
  });
});

describe('boundMessage and checkBound', () => {
  it.each([
    ['--gpus', 'gpus', '--gpus must be a whole number from 1 to 10,000,000 (the largest clusters have a few hundred thousand GPUs)'],
    ['--mfu', 'fraction', '--mfu must be a number greater than 0 and at most 1 (a fraction of a whole)'],
    ['--tokens', 'trainingTokens', '--tokens must be a number from 1 to 1e18 (tens of thousands of times the largest runs (about 36T tokens))'],
    [
      '--compute-efficiency',
      'efficiency',
      '--compute-efficiency must be a number from 0.001 to 1 (a share of peak: below 0.1% is a misconfiguration rather than a regime, above 100% is impossible)',
    ],
  ] as const)('boundMessage(%j, %j) = %j', (field, kind, expected) => {
    expect(boundMessage(field, kind)).toBe(expected);
  });

  it('checkBound(8, "gpus", "gpus") = 8', () => {
    expect(checkBound(8, 'gpus', 'gpus')).toBe(8);
  });

  it('checkBound(0, "gpus", "gpus", "GPUs G") throws InputError on gpus naming GPUs G', () => {
    expect(thrown(() => checkBound(0, 'gpus', 'gpus', 'GPUs G'))).toEqual({
      field: 'gpus',
      message: 'GPUs G must be a whole number from 1 to 10,000,000 (the largest clusters have a few hundred thousand GPUs)',
    });
  });

  it.each([
    [10_000_000, '10,000,000'],
    [1e18, '1e18'],
    [1e16, '1e16'],
    [0.001, '0.001'],
    [2 ** 60, '1.153e18'], // 1,152,921,504,606,846,976 to 4 figures, not 19 digits
    [1e300, '1e300'],
    [1e-320, '1e-320'],
    [0.1 + 0.2, '0.3'],
    [4096.5, '4096.5'],
  ])('formatBound(%d) = %j', (value, expected) => {
    expect(formatBound(value)).toBe(expected);
  });
});

describe('checkConfigBounds', () => {
  const LLAMA = { model_type: 'llama', hidden_size: 4096, num_hidden_layers: 32, num_attention_heads: 32, vocab_size: 32000 };

  it('checkConfigBounds(llama-2-7b-like config) passes', () => {
    expect(thrown(() => checkConfigBounds(LLAMA))).toBeNull();
  });

  it.each(PRESETS.map((p) => [p.id, p.config] as const))('checkConfigBounds(preset %s config) passes', (_id, config) => {
    expect(thrown(() => checkConfigBounds(config))).toBeNull();
  });

  it.each([
    [
      { ...LLAMA, num_hidden_layers: 1e15 },
      'num_hidden_layers',
      'num_hidden_layers must be a whole number from 1 to 10,000 (the deepest published LLMs have under 200 layers), got 1,000,000,000,000,000',
    ],
    [
      { ...LLAMA, hidden_size: 2 ** 53 },
      'hidden_size',
      'hidden_size must be a whole number from 1 to 10,000,000 (the widest published FFNs are under 100,000), got 9.007e15',
    ],
    [
      { ...LLAMA, hidden_size: 4096.5 },
      'hidden_size',
      'hidden_size must be a whole number from 1 to 10,000,000 (the widest published FFNs are under 100,000), got 4096.5',
    ],
    [
      { ...LLAMA, hidden_size: 1e300 },
      'hidden_size',
      'hidden_size must be a whole number from 1 to 10,000,000 (the widest published FFNs are under 100,000), got 1e300',
    ],
    [
      { ...LLAMA, vocab_size: -1 },
      'vocab_size',
      'vocab_size must be a whole number from 1 to 100,000,000 (the largest published vocabularies are about 256,000), got -1',
    ],
    [{ ...LLAMA, rope_theta: Number.POSITIVE_INFINITY }, 'rope_theta', 'rope_theta is not a finite number'],
    [
      { ...LLAMA, text_config: { num_hidden_layers: 1e9 } },
      'text_config.num_hidden_layers',
      'text_config.num_hidden_layers must be a whole number from 1 to 10,000 (the deepest published LLMs have under 200 layers), got 1,000,000,000',
    ],
    [
      { ...LLAMA, mlp_only_layers: [0, 2, 1e12] },
      'mlp_only_layers[2]',
      'mlp_only_layers[2] must be a whole number from 1 to 10,000 (the deepest published LLMs have under 200 layers), got 1,000,000,000,000',
    ],
    [
      { ...LLAMA, num_ln_in_parallel_attn: 1e7 },
      'num_ln_in_parallel_attn',
      'num_ln_in_parallel_attn must be a whole number from 1 to 10,000 (the deepest published LLMs have under 200 layers), got 10,000,000',
    ],
  ])('checkConfigBounds(%j) throws on %s', (config, field, message) => {
    expect(thrown(() => checkConfigBounds(config))).toEqual({ field, message });
  });

  it('checkConfigBounds(first_k_dense_replace: 0) passes: 0 means none', () => {
    expect(thrown(() => checkConfigBounds({ ...LLAMA, first_k_dense_replace: 0, n_shared_experts: 0 }))).toBeNull();
  });

  it('checkConfigBounds(an own "__proto__" key holding 1e15 layers) refuses it, and the object prototype is untouched', () => {
    const config = JSON.parse('{"__proto__": {"num_hidden_layers": 1e15}}') as unknown;
    expect(thrown(() => checkConfigBounds(config))?.field).toBe('__proto__.num_hidden_layers');
    expect(({} as Record<string, unknown>)['num_hidden_layers']).toBeUndefined();
  });

  it('checkConfigBounds(arrays nested 100,000 deep) throws on config, without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`) as unknown;
    const r = thrown(() => checkConfigBounds(deep));
    expect(r?.message).toMatch(/^the config is nested more than 32 levels deep/);
  });

  it('CONFIG_KEY_KINDS names only kinds of BOUNDS', () => {
    for (const kind of Object.values(CONFIG_KEY_KINDS)) expect(Object.keys(BOUNDS)).toContain(kind);
  });
});
