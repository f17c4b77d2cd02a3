import { describe, expect, it } from 'vitest';
import { formatCountZh, formatCountZhExact } from '../../src/core/i18n/numbers';

describe('counts in 万 and 亿', () => {
  it('reads the course’s classic counts the Chinese way', () => {
    // 6,738,415,616 / 10⁸ = 67.38… → 67.4 亿 (Llama 2 7B's parameters).
    expect(formatCountZh(6738415616)).toBe('67.4 亿');
    // 6,400,000 / 10⁴ = 640 → 640 万 (Llama 3's GPU-hours, the article's "640w").
    expect(formatCountZh(6.4e6)).toBe('640 万');
    // 15 × 10¹² / 10¹² = 15 → 15.0 万亿 (Llama 3's tokens).
    expect(formatCountZh(15e12)).toBe('15.0 万亿');
    expect(formatCountZh(70e9)).toBe('700 亿');
  });

  it('keeps small counts whole and rounds across a step boundary upwards', () => {
    expect(formatCountZh(4096)).toBe('4,096');
    expect(formatCountZh(9999)).toBe('9,999');
    expect(formatCountZh(10000)).toBe('1.00 万');
    // 99,995,000 is 9,999.5 万, which rounds to 1.00 亿, not "1.00e+4 万".
    expect(formatCountZh(99995000)).toBe('1.00 亿');
    expect(formatCountZh(-25000)).toBe('-2.50 万');
  });

  it('never prints a raw exponent or NaN', () => {
    expect(formatCountZh(1e300)).toBe('1.00 × 10³⁰⁰');
    expect(formatCountZh(Number.NaN)).toBe('—');
  });

  it('puts every digit beside the reading where exactness matters', () => {
    expect(formatCountZhExact(6738415616)).toBe('67.4 亿（6,738,415,616）');
    expect(formatCountZhExact(512)).toBe('512');
  });
});
