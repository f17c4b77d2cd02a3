import { describe, expect, it } from 'vitest';
import { parseField, readQuery, writeQuery, type FieldSpecs } from '../../src/components/state/fields';

const FIELDS = {
  L: { kind: 'number', label: 'Layers L', default: 32, domain: 'positiveInt', max: 1000 },
  dtype: {
    kind: 'select',
    label: 'Data type',
    default: 'bf16',
    options: [
      { value: 'bf16', label: 'bf16' },
      { value: 'fp8', label: 'fp8' },
    ],
  },
} satisfies FieldSpecs;

describe('calculator fields', () => {
  it.each([
    ['32', { ok: true, value: 32 }],
    ['1e3', { ok: true, value: 1000 }],
    ['0', { ok: false, error: 'Layers L must be a whole number of at least 1' }],
    ['2.5', { ok: false, error: 'Layers L must be a whole number, got "2.5"' }],
    ['', { ok: false, error: 'Layers L is empty: enter a number' }],
    ['abc', { ok: false, error: 'Layers L: "abc" is not a number (e.g. 4096, 4,096, 1e12, 15T)' }],
    ['1001', { ok: false, error: 'Layers L must be at most 1,000' }],
  ])('parseField(Layers, %j) = %j', (text, expected) => {
    expect(parseField(FIELDS.L, text)).toEqual(expected);
  });

  it('parseField(select) rejects a value that is not a choice', () => {
    expect(parseField(FIELDS.dtype, 'fp8')).toEqual({ ok: true, value: 'fp8' });
    expect(parseField(FIELDS.dtype, 'fp9')).toEqual({ ok: false, error: 'Data type: "fp9" is not one of the choices' });
  });

  it('writeQuery keeps other islands’ keys and writes every field of this one', () => {
    const q = writeQuery('?other.x=1&mm.L=3', 'mm', { L: '80', dtype: 'bf16' });
    expect(q).toBe('?other.x=1&mm.L=80&mm.dtype=bf16');
    expect(readQuery(q, 'mm', FIELDS)).toEqual({ L: '80', dtype: 'bf16' });
    expect(readQuery(q, 'kv', FIELDS)).toEqual({});
  });
});

describe('fieldText', () => {
  it.each([
    [312e12, '312T'],
    [2.039e12, '2.039T'],
    [15e12, '15T'],
    [6.4e6, '6.4M'],
    [4096, '4096'],
    [68976648192, '68976648192'],
  ])('fieldText(%d) = %s, and parses back exactly', async (value, expected) => {
    const { parseNumber } = await import('../../src/core/parse');
    const { fieldText } = await import('../../src/components/state/fields');
    const text = fieldText(FIELDS.L, value);
    expect(text).toBe(expected);
    expect(parseNumber(text)).toBe(value);
  });
});
