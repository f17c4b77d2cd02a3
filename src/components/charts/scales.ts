/**
 * The few scales the charts need (linear, log, band) with "nice" ticks, in ~1 KB instead
 * of d3-scale's ~11 KB. Pixel layout only: no quantity of the course is computed here.
 */

export interface Scale {
  (value: number): number;
  domain: readonly [number, number];
  ticks(count: number): number[];
}

const E10 = Math.sqrt(50);
const E5 = Math.sqrt(10);
const E2 = Math.sqrt(2);

/** The 1-2-5 step that gives about `count` ticks over [lo, hi] (d3's tickIncrement rule). */
export function tickStep(lo: number, hi: number, count: number): number {
  const raw = (hi - lo) / Math.max(1, count);
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const power = Math.floor(Math.log10(raw));
  const error = raw / 10 ** power;
  const factor = error >= E10 ? 10 : error >= E5 ? 5 : error >= E2 ? 2 : 1;
  return factor * 10 ** power;
}

/** Multiples of the tick step inside [lo, hi], without float dust (0.30000000000000004). */
export function linearTicks(lo: number, hi: number, count: number): number[] {
  const step = tickStep(lo, hi, count);
  // The 1e-9 keeps 0.3 / 0.1 = 2.9999999999999996 from losing the last tick.
  const first = Math.ceil(lo / step - 1e-9);
  const last = Math.floor(hi / step + 1e-9);
  const out: number[] = [];
  for (let i = first; i <= last && out.length < 50; i += 1) out.push(Number((i * step).toPrecision(12)));
  return out;
}

/** [lo, hi] widened outwards to multiples of the tick step. */
export function niceDomain(lo: number, hi: number, count: number): [number, number] {
  if (lo === hi) return lo === 0 ? [0, 1] : lo > 0 ? [0, lo * 2] : [lo * 2, 0];
  const step = tickStep(lo, hi, count);
  return [Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step];
}

export function linearScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0 || 1;
  const f = ((v: number) => r0 + ((v - d0) / span) * (r1 - r0)) as Scale;
  f.domain = domain;
  f.ticks = (count) => linearTicks(d0, d1, count);
  return f;
}

/** Domain widened to whole powers of ten (both ends > 0). */
export function niceLogDomain(lo: number, hi: number): [number, number] {
  const a = 10 ** Math.floor(Math.log10(lo));
  const b = 10 ** Math.ceil(Math.log10(hi));
  return a === b ? [a, b * 10] : [a, b];
}

export function logScale(domain: readonly [number, number], range: readonly [number, number]): Scale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const l0 = Math.log10(d0);
  const span = Math.log10(d1) - l0 || 1;
  const f = ((v: number) => r0 + ((Math.log10(v) - l0) / span) * (r1 - r0)) as Scale;
  f.domain = domain;
  // Powers of ten, thinned to about `count`; with one or two decades, 2× and 5× as well.
  f.ticks = (count) => {
    const from = Math.ceil(Math.log10(d0) - 1e-9);
    const to = Math.floor(Math.log10(d1) + 1e-9);
    const decades = to - from;
    if (decades <= 2 && count >= 4) {
      const out: number[] = [];
      for (let e = from - 1; e <= to; e += 1)
        for (const m of [1, 2, 5]) {
          const v = Number((m * 10 ** e).toPrecision(12));
          if (v >= d0 * (1 - 1e-9) && v <= d1 * (1 + 1e-9)) out.push(v);
        }
      return out;
    }
    const stride = Math.max(1, Math.ceil((decades + 1) / Math.max(1, count)));
    const out: number[] = [];
    for (let e = from; e <= to; e += stride) out.push(10 ** e);
    return out;
  };
  return f;
}

export interface BandScale {
  (key: string): number;
  bandwidth: number;
}

/** Equal bands for `keys` over the range, `padding` (0–1) of each step left empty. */
export function bandScale(keys: readonly string[], range: readonly [number, number], padding: number): BandScale {
  const [r0, r1] = range;
  const step = keys.length > 0 ? (r1 - r0) / (keys.length + padding) : 0;
  const index = new Map(keys.map((k, i) => [k, i]));
  const f = ((key: string) => r0 + step * padding + step * (index.get(key) ?? 0)) as BandScale;
  f.bandwidth = step * (1 - padding);
  return f;
}

/** A rough width of `text` in px at the charts' 12 px UI font: enough to keep labels apart. */
export function textWidth(text: string, fontPx = 12): number {
  let units = 0;
  for (const ch of text)
    units += /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]/.test(ch) ? 1 : /[ilj.,:;'|!()[\]]/.test(ch) ? 0.3 : /[A-Z0-9mwMW%]/.test(ch) ? 0.68 : 0.56;
  return Math.ceil(units * fontPx);
}
