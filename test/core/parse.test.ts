import { describe, expect, it } from 'vitest';
import { parseNumber } from '../../src/core/parse';

describe('parseNumber', () => {
  it.each([
    ['4096', 4096],
    ['4,096', 4096],
    ['4_096', 4096],
    ['1e12', 1e12],
    ['15T', 15e12],
    ['6.4M', 6.4e6],
    ['70B', 70e9],
    ['0.5', 0.5],
    ['  8  ', 8],
  ])('parseNumber(%j) = %d', (text, expected) => {
    expect(parseNumber(text)).toBe(expected);
  });

  it.each(['', 'abc', '1.2.3', '4096x', '--3', 'NaN', 'Infinity', '1e999'])('parseNumber(%j) = null', (text) => {
    expect(parseNumber(text)).toBeNull();
  });
});
