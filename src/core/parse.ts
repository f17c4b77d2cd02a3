/**
 * Parsing what people type: "4096", "4,096", "4_096", "1e12", "15T", "6.4M".
 * Suffixes are SI multipliers (k, M, G, T, P; B = billion as in "70B").
 */
const SUFFIX: Readonly<Record<string, number>> = { k: 1e3, K: 1e3, M: 1e6, G: 1e9, B: 1e9, T: 1e12, P: 1e15 };

/**
 * The number a person meant, or null when the text is not a number.
 * @example parseNumber('15T') //=> 15000000000000
 * @example parseNumber('4,000') //=> 4000
 */
export function parseNumber(text: string): number | null {
  const trimmed = text.trim().replace(/[,_\s]/g, '');
  const match = /^([+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?)([kKMGBTP])?$/i.exec(trimmed);
  if (!match || match[1] === undefined) return null;
  const base = Number(match[1]);
  const multiplier = match[2] ? SUFFIX[match[2]] : 1;
  if (multiplier === undefined) return null;
  // Multiply via the decimal string so "6.4M" is exactly 6400000, not 6400000.000000001.
  const value = match[2] ? Number(`${base * multiplier}`) : base;
  const exact = match[2] ? Number((base * multiplier).toPrecision(15)) : value;
  return Number.isFinite(exact) ? exact : null;
}
