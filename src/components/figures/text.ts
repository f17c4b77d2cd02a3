/**
 * Text helpers shared by the figures: shapes as symbols and as sizes, symbols split into
 * runs for SVG subscripts, and a width estimate for laying text out at build time.
 * Formatting only: every size comes from the core.
 */
import type { Dim } from '../../core/flops/stages';
import { FIGURES_ZH } from '../../core/i18n/figuresZh';
import type { Lang } from '../../core/i18n/translate';
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

/** Wide characters: CJK ideographs, kana, and full-width punctuation and forms. */
const WIDE = /[\u1100-\u115f\u2e80-\u303e\u3040-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;

/**
 * A generous estimate of a run of text's width in viewBox units (DejaVu Sans, the widest
 * of the fonts the UI stack falls back to, averages about 0.6 em per character; a CJK
 * ideograph or full-width mark is a full em).
 * @example textWidth('拐点 153 FLOP/B', 14) //=> 2 · 14 + 11 · 14 · 0.62
 */
export function textWidth(text: string, fontSize: number): number {
  let width = 0;
  for (const ch of primes(text)) width += WIDE.test(ch) ? fontSize : fontSize * 0.62;
  return width;
}

/**
 * The figures' words in `lang`. The function it returns (called `say` in the figures, so the islands' `t` convention does not claim it) fills an English
 * template, written at the call site with `{}` for each value, with the values in order; in Chinese it fills the template's entry in FIGURES_ZH
 * (`{}` in order, or `{0}`, `{1}`… where Chinese word order differs). A template without an
 * entry stays English; test/components/figures.test.ts fails on one.
 * @example figureText('zh')('Each of the L = {} layers', '32') //=> '每一层（共 L = 32 层）'
 */
export function figureText(lang: Lang): (english: string, ...values: readonly (string | number)[]) => string {
  return (english, ...values) => {
    const template = lang === 'zh' ? (FIGURES_ZH[english] ?? english) : english;
    let next = 0;
    return template.replace(/\{(\d*)\}/g, (m, index: string) => {
      const value = values[index === '' ? next++ : Number(index)];
      return value === undefined ? m : String(value);
    });
  };
}

/**
 * Marks an English phrase that a figure translates later through `say` (gettext's N_), so
 * the coverage test finds it where it is written. Returns it unchanged.
 */
export function N_(english: string): string {
  return english;
}

/** Clauses of a text alternative: "a; b" in English, "a；b" in Chinese. */
export function clauses(lang: Lang, parts: readonly string[]): string {
  return parts.join(lang === 'zh' ? '；' : '; ');
}

/** Sentences of a text alternative, without the last full stop: "a. b" in English, "a。b" in Chinese. */
export function sentences(lang: Lang, parts: readonly string[]): string {
  return parts.join(lang === 'zh' ? '。' : '. ');
}
