import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatCount,
  formatInteger,
  formatPercent,
  formatQuantity,
  formatSeconds,
  formatSI,
  formatScientific,
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

// Every size a valid input can reach: 0, -0, tiny (1e-30), huge (1e30, 1e300), each prefix
// boundary, and 2^53 where a double stops holding every digit. Literals worked by hand.
describe('formatting at every size: never a raw exponent, never NaN', () => {
  it.each([
    [2e27, '2.00 × 10²⁷'],
    [-1.234e-30, '-1.23 × 10⁻³⁰'],
    [1e300, '1.00 × 10³⁰⁰'],
    [9.996e26, '1.00 × 10²⁷'], // 9.996 rounds up to 10.0 at 3 figures: the exponent moves
    [0, '0'],
  ])('formatScientific(%d) = %s', (value, expected) => {
    expect(formatScientific(value)).toBe(expected);
  });

  it.each([
    [-0, '0'],
    [1e-30, '1.00 × 10⁻³⁰'],
    [9.9e-7, '9.90 × 10⁻⁷'], // below 1e-6: a power of ten
    [1e-6, '0.00000100'], // 1e-6 itself: 3 figures after five zeros
    [9.99e14, '999000000000000'], // 15 digits, the last plain size
    [1e15, '1.00 × 10¹⁵'],
    [1e30, '1.00 × 10³⁰'],
    [1e300, '1.00 × 10³⁰⁰'],
  ])('formatSignificant(%d) = %s', (value, expected) => {
    expect(formatSignificant(value)).toBe(expected);
  });

  it.each([
    [0, '0'],
    [-0, '0'],
    [-0.4, '0'], // rounds to -0, printed 0
    [1e-30, '0'],
    [9007199254740991, '9,007,199,254,740,991'], // 2^53 − 1, the last exact integer
    [9007199254740992, '≈ 9.01 × 10¹⁵'], // 2^53: not every integer near it is a double
    [1.2e17, '≈ 1.20 × 10¹⁷'], // 12·L·H² with L = 10,000, H = 10^6
    [8.2324758528e23, '≈ 8.23 × 10²³'], // was "8.2,324,758,528e+23" in the layer-cost calculator
    [-1e20, '≈ -1.00 × 10²⁰'],
    [1e30, '≈ 1.00 × 10³⁰'],
    [1e300, '≈ 1.00 × 10³⁰⁰'],
  ])('formatInteger(%d) = %s', (value, expected) => {
    expect(formatInteger(value)).toBe(expected);
  });

  it.each([
    [6738415616, true, '6,738,415,616'],
    [1.2e17, false, '≈ 1.20 × 10¹⁷'],
    [1e17, true, '≈ 1.00 × 10¹⁷'], // past 2^53 a claimed exactness is not believed
    [4096, false, '≈ 4.10 × 10³'],
  ])('formatCount(%d, exact %s) = %s', (value, exact, expected) => {
    expect(formatCount(value, exact)).toBe(expected);
  });

  it.each([
    [0, 'B', '0 B'],
    [-0, 'B', '0 B'],
    [1e-30, 'B', '1.00 × 10⁻³⁰ B'],
    [0.5, 'B', '0.500 B'],
    [999, 'B', '999 B'],
    [999.6, 'B', '1.00 kB'], // 999.6 rounds to 1000 at 3 figures: the next prefix
    [1e3, 'B', '1.00 kB'],
    [1e6, 'B', '1.00 MB'],
    [999.4e6, 'B', '999 MB'],
    [999.7e6, 'B', '1.00 GB'],
    [1e12, 'B', '1.00 TB'],
    [1e15, 'B', '1.00 PB'],
    [1e18, 'B', '1.00 EB'],
    [1e21, 'B', '1.00 ZB'],
    [4e23, 'B', '400 ZB'], // was "4e+23 B" in the KV-cache calculator
    [999.7e21, 'B', '1.00 YB'],
    [1e24, 'FLOPs', '1.00 YFLOPs'],
    [2e24, 'FLOPs', '2.00 YFLOPs'], // 2·M·K·N at M = K = N = 1e8; was "2e+24 F"
    [999e24, 'FLOPs', '999 YFLOPs'], // the largest prefix's last value
    [9.996e26, 'FLOPs', '1.00 × 10²⁷ FLOPs'], // rounds past 999 Y: a power of ten
    [2e27, 'FLOPs', '2.00 × 10²⁷ FLOPs'],
    [-2e27, 'FLOPs', '-2.00 × 10²⁷ FLOPs'],
    [1e30, 'FLOPs', '1.00 × 10³⁰ FLOPs'],
    [1e300, 'FLOPs', '1.00 × 10³⁰⁰ FLOPs'],
  ])('formatSI(%d, %s) = %s', (value, unit, expected) => {
    expect(formatSI(value, unit)).toBe(expected);
  });

  it.each([
    [0, '0 B'],
    [1e-30, '1.00 × 10⁻³⁰ B'],
    [1024, '1.00 KiB'],
    [2 ** 80, '1.00 YiB'],
    [4e23, '339 ZiB'], // 4e23 / 2^70 = 4e23 / 1.1806e21 = 338.8
    [1e30, '1.00 × 10³⁰ B'], // past 1,024 YiB (1.24e27 B): SI bytes, a power of ten
    [1e300, '1.00 × 10³⁰⁰ B'],
  ])('formatBytes(%d, binary) = %s', (value, expected) => {
    expect(formatBytes(value, { binary: true })).toBe(expected);
  });

  it.each([
    [-0, '0 s'],
    [1e-30, '1.00 × 10⁻³⁰ s'],
    [5e-10, '5.00 × 10⁻¹⁰ s'], // below a nanosecond
    [1e-9, '1.00 ns'],
    [1e-6, '1.00 µs'],
    [999.96e-9, '1.00 µs'], // rounds to 1000 ns: the next unit
    [999.96e-6, '1.00 ms'],
    [0.99996, '1.00 s'],
    [119.4, '119 s'],
    [119.96, '2.00 min'], // rounds to 120 s
    [7199.9, '2.00 h'], // 119.998 min rounds to 120 min
    [172_799, '2.00 days'], // 47.9997 h rounds to 48.0 h
    [86400 * 999, '999 days'],
    [86400 * 999.6, '2.74 years'], // 999.6 days round to 1000: years (999.6 / 365.25 = 2.737)
    [86400 * 1000, '2.74 years'], // 1,000 days / 365.25 = 2.738 years: days would take four digits
    [1e9, '31.7 years'], // 1e9 / 31,557,600 s per Julian year = 31.69
    [1e17, '3.17 × 10⁹ years'], // 1e17 / 31,557,600 = 3.169e9
    [1e30, '3.17 × 10²² years'],
    [1e300, '3.17 × 10²⁹² years'],
  ])('formatSeconds(%d) = %s', (value, expected) => {
    expect(formatSeconds(value)).toBe(expected);
  });

  it.each([
    [0, '0'],
    [-0, '0'],
    [1e-30, '1 \\times 10^{-30}'],
    [9007199254740992, '9.007 \\times 10^{15}'], // 2^53
    [1e30, '1 \\times 10^{30}'],
    [1e300, '1 \\times 10^{300}'],
  ])('texNumber(%d) = %s', (value, expected) => {
    expect(texNumber(value)).toBe(expected);
  });

  it.each([
    [2e27, 'FLOPs', '2.00 \\times 10^{27}\\text{ FLOPs}'],
    [1.2e17, 'params', '\\approx 1.20 \\times 10^{17}'],
    [1e-30, 's', '1.00 \\times 10^{-30}\\text{ s}'],
    [0.381, 'ratio', '\\text{38.1\\%}'],
  ] as const)('texQuantity(%d, %s) = %s', (value, unit, expected) => {
    expect(texQuantity(value, unit)).toBe(expected);
  });

  it.each([
    [1e30, 'GPU-h', '1.00 × 10³⁰ GPU-h'],
    [6.4e6, 'GPU-h', '6.40M GPU-h'],
    [1.2e17, 'params', '≈ 1.20 × 10¹⁷'],
    [1e300, 'count', '≈ 1.00 × 10³⁰⁰'],
    [1e300, 'ratio', '1.00 × 10³⁰²%'],
    [1e300, 'FLOP/B', '1.00 × 10³⁰⁰ FLOP/B'],
    [3.33e11, 'FLOP/B', '3.33 × 10¹¹ FLOP/B'], // a whole intensity of twelve digits reads as a power of ten
    [1365.33, 'FLOP/B', '1,365 FLOP/B'],
    [9_999_999, 'FLOP/B', '9,999,999 FLOP/B'],
    [153.0, 'FLOP/B', '153 FLOP/B'],
    [12_345_678.5, 'count', '1.23 × 10⁷'],
    [1234.5, 'requests', '1230'],
    [-0, 'FLOPs', '0 FLOPs'],
    [0, 'ratio', '0%'],
    [1e-30, 'ratio', '1.00 × 10⁻²⁸%'],
    [1e30, 'ratio', '1.00 × 10³²%'],
    [1e-30, 'params', '1.00 × 10⁻³⁰'], // not a whole count: 3 figures
    [0, 'count', '0'],
    [1e30, 'tokens/s', '1.00 × 10³⁰ tokens/s'],
    [999.7e21, 'B/s', '1.00 YB/s'],
    [0.5, 'h', '0.500 h'],
  ] as const)('formatQuantity(%d, %s) = %s', (value, unit, expected) => {
    expect(formatQuantity(value, unit)).toBe(expected);
  });
});
