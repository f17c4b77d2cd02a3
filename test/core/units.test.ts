import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatInteger,
  formatPercent,
  formatQuantity,
  formatSeconds,
  formatSI,
  formatSignificant,
  texNumber,
  texQuantity,
} from '../../src/core/units';

describe('formatting for people', () => {
  it.each([
    [311.8394, 3, '312'],
    [0.0004567, 3, '0.000457'],
    [1365.3333, 3, '1370'],
    [2.5, 3, '2.50'],
    [0, 3, '0'],
  ])('formatSignificant(%d, %d) = %s', (value, sig, expected) => {
    expect(formatSignificant(value, sig)).toBe(expected);
  });

  it.each([
    [6738415616, '6,738,415,616'], // Llama 2 7B, the official count
    [124439808, '124,439,808'],
    [999, '999'],
    [-1234567, '-1,234,567'],
  ])('formatInteger(%d) = %s', (value, expected) => {
    expect(formatInteger(value)).toBe(expected);
  });

  it.each([
    [311.86944e12, 'FLOP/s', '312 TFLOP/s'], // A800 derived peak
    [137438953472, 'FLOPs', '137 GFLOPs'], // 2·4096³
    [1.31072e9, 'B', '1.31 GB'], // Llama 2 70B KV cache of one 4,000-token request
    [999.96e9, 'B', '1.00 TB'], // rounds up across the prefix boundary
    [12, 'B', '12.0 B'],
  ])('formatSI(%d, %s) = %s', (value, unit, expected) => {
    expect(formatSI(value, unit)).toBe(expected);
  });

  it('formatBytes(80e9) = "80.0 GB" and formatBytes(80·2^30, binary) = "80.0 GiB"', () => {
    expect(formatBytes(80e9)).toBe('80.0 GB');
    expect(formatBytes(80 * 2 ** 30, { binary: true })).toBe('80.0 GiB');
    expect(formatBytes(80 * 2 ** 30)).toBe('85.9 GB'); // 85,899,345,920 B
  });

  it.each([
    [0.6523, '652 ms'],
    [2.5e-5, '25.0 µs'],
    [45, '45.0 s'],
    [600, '10.0 min'],
    [86400 * 2.5, '2.50 days'],
  ])('formatSeconds(%d) = %s', (value, expected) => {
    expect(formatSeconds(value)).toBe(expected);
  });

  it('formatPercent(0.3812) = "38.1%"', () => {
    expect(formatPercent(0.3812)).toBe('38.1%');
  });

  it('formatQuantity(6.4e6, "GPU-h") = "6.40M GPU-h"', () => {
    expect(formatQuantity(6.4e6, 'GPU-h')).toBe('6.40M GPU-h');
    expect(formatQuantity(6738415616, 'params')).toBe('6,738,415,616');
  });

  it('never prints NaN or Infinity', () => {
    for (const v of [NaN, Infinity, -Infinity]) {
      expect(formatSI(v, 'B')).toBe('—');
      expect(formatInteger(v)).toBe('—');
      expect(formatSeconds(v)).toBe('—');
    }
  });

  it.each([
    [4000, '4{,}000'],
    [6.738e9, '6.738 \\times 10^{9}'],
    [1.41, '1.410'],
    [2e-6, '2 \\times 10^{-6}'],
  ])('texNumber(%d) = %s', (value, expected) => {
    expect(texNumber(value)).toBe(expected);
  });

  it('texQuantity(2.5e-5, "s") uses \\mu for µ (KaTeX has no text-mode µ)', () => {
    expect(texQuantity(2.5e-5, 's')).toBe('\\text{25.0 }\\mu\\text{s}');
  });
});
