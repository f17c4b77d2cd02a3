import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseNumber, parseQuantity } from '../../src/core/parse';

describe('parseNumber', () => {
  it.each([
    ['4096', 4096],
    ['4,096', 4096],
    ['1,234,567', 1234567],
    ['4_096', 4096],
    ['1_234_567', 1234567],
    ['1,234.5', 1234.5],
    ['1e12', 1e12],
    ['1E3', 1000],
    ['15T', 15e12],
    ['6.4M', 6400000],
    ['70B', 70e9],
    ['2.039T', 2039000000000],
    ['1.41G', 1410000000],
    ['4k', 4000],
    ['4K', 4000],
    ['1P', 1e15],
    ['0.5', 0.5],
    ['.5', 0.5],
    ['  8  ', 8],
    ['+8', 8],
    ['-3', -3],
    ['007', 7],
    ['0', 0],
  ])('parseNumber(%j) = %d', (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });

  it('parseNumber("6.4M") = 6400000 exactly, not 6400000.000000001', () => {
    expect(parseNumber('6.4M') === 6400000).toBe(true);
  });

  it('parseNumber("-0") = 0, not -0', () => {
    expect(Object.is(parseNumber('-0'), 0)).toBe(true);
  });

  it.each([
    '',
    'abc',
    '1.2.3',
    '4096x',
    '--3',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e999',
    '1e309',
    '1,2,3',
    '12,34',
    '1,23',
    '1,2345',
    '1,234_567',
    '1.5,000',
    '4 0 9 6',
    '4,0 96',
    '0x10',
    '0b11',
    '6.4m',
    '15t',
    'k',
    '.',
    '1e-320',
    '1e',
  ])('parseNumber(%j) = null', (text) => {
    expect(parseNumber(text)).toBeNull();
  });

  it('parseNumber(10,000 nines) = null (too large), without throwing', () => {
    expect(parseNumber('9'.repeat(10_000))).toBeNull();
  });
});

describe('parseQuantity', () => {
  it.each([
    ['1,2,3', '--m: "1,2,3" has misplaced thousands separators; group digits in threes (4,096 or 1,234,567)'],
    ['4 0 9 6', '--m: "4 0 9 6" has spaces inside; write 4096 or 4,096'],
    ['', '--m is empty: enter a number (e.g. 4096, 4,096, 1e12, 15T)'],
    ['NaN', '--m: "NaN" is not a finite number'],
    ['0x10', '--m: "0x10" is not a decimal number (e.g. 4096, 4,096, 1e12, 15T)'],
    ['6.4m', '--m: "6.4m" ends in "m", which is not a suffix; use k, M, G, B (billion), T or P'],
    ['abc', '--m: "abc" is not a number (e.g. 4096, 4,096, 1e12, 15T)'],
    ['1e309', '--m: "1e309" is too large to be represented as a number'],
    ['1e-320', '--m: "1e-320" is too close to zero to compute with (non-zero values must be at least 1e-300 in size)'],
  ])('parseQuantity(%j, { field: "--m" }) says %j', (text, error) => {
    expect(parseQuantity(text, { field: '--m' })).toEqual({ ok: false, error });
  });

  it('parseQuantity(10,000 nines) names the length instead of echoing every digit', () => {
    expect(parseQuantity('9'.repeat(10_000), { field: '--m' })).toEqual({
      ok: false,
      error: '--m: "9999999999999999999999999999999999999999… (10,000 characters)" is too large to be represented as a number',
    });
  });

  it('parseQuantity("9007199254740993", { integer: true }) cannot be represented exactly (a double would read 9007199254740992)', () => {
    expect(parseQuantity('9007199254740993', { integer: true, field: '--m' })).toEqual({
      ok: false,
      error: '--m: "9007199254740993" cannot be represented exactly; whole numbers above 9,007,199,254,740,991 (2^53 − 1) lose digits',
    });
  });

  it('parseQuantity("9007199254740993", { kind: "matmulDim" }) says exactness, not range: the digits typed cannot be kept', () => {
    const r = parseQuantity('9007199254740993', { kind: 'matmulDim', field: '--m' });
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.error).toContain('cannot be represented exactly');
  });

  it('parseQuantity("9007199254740991", { integer: true }) = 9007199254740991 (2^53 − 1 is exact)', () => {
    expect(parseQuantity('9007199254740991', { integer: true })).toEqual({ ok: true, value: 9007199254740991 });
  });

  it('parseQuantity("9007199254740993") without integer = 9007199254740992 (an approximate quantity may round)', () => {
    expect(parseQuantity('9007199254740993')).toEqual({ ok: true, value: 9007199254740992 });
  });

  it.each([
    ['8', 'gpus', { ok: true, value: 8 }],
    ['8,192', 'sequence', { ok: true, value: 8192 }],
    ['15T', 'trainingTokens', { ok: true, value: 15e12 }],
    ['0.8', 'efficiency', { ok: true, value: 0.8 }],
    ['0', 'seconds', { ok: true, value: 0 }],
    ['0', 'gpus', { ok: false, error: 'x must be a whole number from 1 to 10,000,000 (the largest clusters have a few hundred thousand GPUs)' }],
    ['2.5', 'gpus', { ok: false, error: 'x must be a whole number from 1 to 10,000,000 (the largest clusters have a few hundred thousand GPUs)' }],
    ['1e300', 'gpus', { ok: false, error: 'x must be a whole number from 1 to 10,000,000 (the largest clusters have a few hundred thousand GPUs)' }],
    ['1e300', 'trainingTokens', { ok: false, error: 'x must be a number from 1 to 1e18 (tens of thousands of times the largest runs (about 36T tokens))' }],
    ['1.2', 'fraction', { ok: false, error: 'x must be a number greater than 0 and at most 1 (a fraction of a whole)' }],
    [
      '0.0005',
      'efficiency',
      {
        ok: false,
        error: 'x must be a number from 0.001 to 1 (a share of peak: below 0.1% is a misconfiguration rather than a regime, above 100% is impossible)',
      },
    ],
  ] as const)('parseQuantity(%j, { kind: %j, field: x) = %j', (text, kind, expected) => {
    expect(parseQuantity(text, { kind, field: 'x' })).toEqual(expected);
  });

  it('parseQuantity("2.5", { integer: true }) must be a whole number', () => {
    expect(parseQuantity('2.5', { integer: true, field: 'Layers L' })).toEqual({ ok: false, error: 'Layers L must be a whole number, got "2.5"' });
  });

  it('parseQuantity(grouped(n)) = n for every whole n below 2^53 (fast-check)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), fc.constantFrom(',', '_'), (n, sep) => {
        const text = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, sep);
        expect(parseQuantity(text, { integer: true })).toEqual({ ok: true, value: n });
      }),
    );
  });

  it('parseQuantity(any string) never throws and gives a finite value or a message (fast-check)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const r = parseQuantity(text);
        if (r.ok) expect(Number.isFinite(r.value)).toBe(true);
        else expect(r.error.length).toBeGreaterThan(0);
      }),
    );
  });
});
