/**
 * Text helpers shared by the figures: shapes as symbols and as sizes, symbols split into
 * runs for SVG subscripts, and a width estimate for laying text out at build time.
 * Formatting only: every size comes from the core.
 */
import type { Dim } from '../../core/flops/stages';
import { formatInteger } from '../../core/units';

/** One run of a symbol: plain text or a subscript. */
export interface Run {
  text: string;
  sub: boolean;
}

/** "S'" → "S′" (a prime, not an apostrophe). */
function primes(text: string): string {
  return text.replace(/'/g, '′');
}

/**
 * A symbol split into runs: "h_kv" → h + subscript kv, "W_QKV" → W + subscript QKV.
 * @example runs('(h + 2·h_kv)·d') //=> [{ text: '(h + 2·h', sub: false }, { text: 'kv', sub: true }, { text: ')·d', sub: false }]
 */
export function runs(label: string): Run[] {
  const out: Run[] = [];
  const re = /_([A-Za-z0-9]+)/g;
  let last = 0;
  for (const m of primes(label).matchAll(re)) {
    if (m.index > last) out.push({ text: primes(label).slice(last, m.index), sub: false });
    out.push({ text: m[1] as string, sub: true });
    last = m.index + m[0].length;
  }
  const text = primes(label);
  if (last < text.length) out.push({ text: text.slice(last), sub: false });
  return out;
}

/**
 * A symbol as plain text for a text alternative: "h_kv" stays "h_kv", "S'" becomes "S′".
 * @example plain("[B, h, S, S']") //=> '[B, h, S, S′]'
 */
export function plain(label: string): string {
  return primes(label);
}

/** "[B, S, H]" */
export function symbolic(dims: readonly Dim[]): string {
  return `[${dims.map((d) => d.label).join(', ')}]`;
}

/** "[1, 4,096, 4,096]" */
export function sizes(dims: readonly Dim[]): string {
  return `[${dims.map((d) => formatInteger(d.size)).join(', ')}]`;
}

/** "[B, S, H] = [1, 4,096, 4,096]", for text alternatives. */
export function shapeSentence(dims: readonly Dim[]): string {
  return `${plain(symbolic(dims))} = ${sizes(dims)}`;
}

/**
 * A generous estimate of a run of text's width in viewBox units (DejaVu Sans, the widest
 * of the fonts the UI stack falls back to, averages about 0.6 em per character).
 */
export function textWidth(text: string, fontSize: number): number {
  return [...primes(text)].length * fontSize * 0.62;
}
