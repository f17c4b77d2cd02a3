import { describe, expect, it } from 'vitest';
import { bandScale, linearScale, linearTicks, logScale, niceDomain, niceLogDomain, tickStep } from '../../src/components/charts/scales';

describe('chart scales', () => {
  it('picks 1-2-5 tick steps', () => {
    // 0..100 in ~5 ticks: raw 20 → 2×10 = 20; 0..1 in 10: raw 0.1 → 0.1; 0..7 in 5: raw 1.4 → 1 (1.4 < √2).
    expect(tickStep(0, 100, 5)).toBe(20);
    expect(tickStep(0, 1, 10)).toBeCloseTo(0.1, 12);
    expect(tickStep(0, 7, 5)).toBe(1);
    expect(linearTicks(0, 1, 5)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(linearTicks(0, 0.3, 3)).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('widens a domain to whole steps and survives a zero-width domain', () => {
    expect(niceDomain(0, 137, 5)).toEqual([0, 140]);
    expect(niceDomain(0, 0, 5)).toEqual([0, 1]);
    expect(niceDomain(3, 3, 5)).toEqual([0, 6]);
    expect(niceLogDomain(3, 4200)).toEqual([1, 10000]);
  });

  it('maps linearly and logarithmically', () => {
    const lin = linearScale([0, 200], [10, 110]);
    expect(lin(50)).toBe(35);
    const log = logScale([1, 1000], [0, 300]);
    expect(log(10)).toBeCloseTo(100, 9);
    expect(log.ticks(5)).toEqual([1, 10, 100, 1000]);
    // Two decades with room for more: 1, 2, 5 per decade.
    expect(logScale([1, 100], [0, 1]).ticks(6)).toEqual([1, 2, 5, 10, 20, 50, 100]);
    // 13 powers of ten (1 … 1e12) in about 4 ticks: stride ceil(13 / 4) = 4.
    expect(logScale([1, 1e12], [0, 1]).ticks(4)).toEqual([1, 1e4, 1e8, 1e12]);
  });

  it('splits a range into padded bands', () => {
    const band = bandScale(['a', 'b'], [0, 110], 0.2);
    // step = 110 / (2 + 0.2) = 50; band = 40; a starts at 10, b at 60.
    expect(band('a')).toBeCloseTo(10, 9);
    expect(band('b')).toBeCloseTo(60, 9);
    expect(band.bandwidth).toBeCloseTo(40, 9);
  });
});
