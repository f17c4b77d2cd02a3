/**
 * Parsing what people type: "4096", "4,096", "4_096", "1e12", "15T", "6.4M".
 *
 * One strict parser for the CLI and the calculators. It reads a number the way a person
 * means it or says, in plain words, why it cannot:
 * - thousands separators only in groups of three (`4,096`, `1,234,567`, `4_096`; not
 *   `1,2,3`, `12,34` or `1,23`), one kind of separator per number, none after the point;
 * - no spaces inside (leading and trailing whitespace is fine);
 * - SI suffixes exactly as documented: k or K (1e3), M (1e6), G (1e9), B (1e9, "billion"
 *   as in "70B"), T (1e12), P (1e15). A lower-case `m` is refused: it reads as milli;
 * - decimal only: no `0x10`, no `NaN` or `Infinity`;
 * - the value must be a finite double: `1e309` is too large, `1e-320` (or anything
 *   below 1e-300 in size but not zero) too small to compute with;
 * - where a whole number is required, one above 2^53 − 1 is refused: a double cannot
 *   hold it exactly (`9007199254740993` would silently become …992);
 * - with a `kind`, the value is checked against that kind's physical bound (./bounds.ts).
 *
 * The suffix is applied to the decimal text, not by multiplying doubles, so `6.4M` is
 * exactly 6400000 (6.4 · 1e6 would be 6400000.000000001).
 */
import { BOUNDS, MAX_EXACT_INTEGER, boundMessage, inBound, type BoundKind } from './bounds';
import { formatInteger } from './units';

/** A parsed value, or a message saying what is wrong in plain words. */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** What the text must be, besides a number. */
export interface QuantityOptions {
  /** The kind of quantity: its bound from BOUNDS is checked, and whether it must be whole. */
  kind?: BoundKind;
  /** A whole number is required (also implied by an integer kind). */
  integer?: boolean;
  /** How messages name the input, e.g. `--gpus` or `Layers L`. Default: `value`. */
  field?: string;
}

/** Decimal exponent of each documented suffix. */
const SUFFIX_EXPONENT: Readonly<Record<string, number>> = { k: 3, K: 3, M: 6, G: 9, B: 9, T: 12, P: 15 };

/** Non-zero magnitudes below this are refused: they are subnormal or nearly so, and lose digits. */
const SMALLEST_MAGNITUDE = 1e-300;

/** Longest text quoted back in a message; the rest is elided. */
const QUOTE_LIMIT = 40;

// sign, integer part (plain digits, or groups of three with one kind of separator), fraction, exponent, suffix.
// Each alternative is anchored and has no nested quantifiers, so matching is linear in the text's length.
const NUMBER = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d{1,3}(?:_\d{3})+|\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?([A-Za-z]?)$/;

function quote(text: string): string {
  const shown = text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}… (${formatInteger(text.length)} characters)` : text;
  return JSON.stringify(shown);
}

const EXAMPLES = 'e.g. 4096, 4,096, 1e12, 15T';

/**
 * Text → number, strictly; with `kind`, also within that kind's physical bound.
 * Never throws: an unreadable or out-of-range text gives `{ ok: false, error }`.
 * @example parseQuantity('6.4M') //=> { ok: true, value: 6400000 }
 * @example parseQuantity('1,2,3', { field: '--m' }) //=> { ok: false, error: '--m: "1,2,3" has misplaced thousands separators; group digits in threes (4,096 or 1,234,567)' }
 * @example parseQuantity('0', { kind: 'gpus', field: '--gpus' }) //=> { ok: false, error: '--gpus must be a whole number from 1 to 10,000,000 (the largest clusters have a few hundred thousand GPUs)' }
 */
export function parseQuantity(text: string, options: QuantityOptions = {}): ParseResult<number> {
  const field = options.field ?? 'value';
  const fail = (error: string): ParseResult<number> => ({ ok: false, error });
  const t = text.trim();
  if (t === '') return fail(`${field} is empty: enter a number (${EXAMPLES})`);
  if (/\s/.test(t)) return fail(`${field}: ${quote(t)} has spaces inside; write 4096 or 4,096`);
  if (/^[+-]?(?:nan|inf|infinity)$/i.test(t)) return fail(`${field}: ${quote(t)} is not a finite number`);
  if (/^[+-]?0[xob]/i.test(t)) return fail(`${field}: ${quote(t)} is not a decimal number (${EXAMPLES})`);

  const m = NUMBER.exec(t);
  if (!m) {
    if (/[,_]/.test(t) && NUMBER.test(t.replace(/[,_]/g, ''))) {
      return fail(`${field}: ${quote(t)} has misplaced thousands separators; group digits in threes (4,096 or 1,234,567)`);
    }
    return fail(`${field}: ${quote(t)} is not a number (${EXAMPLES})`);
  }
  const [, sign = '', intText = '', fracText = '', expText, suffix = ''] = m;
  if (intText === '' && fracText === '') return fail(`${field}: ${quote(t)} is not a number (${EXAMPLES})`);
  if (suffix !== '' && SUFFIX_EXPONENT[suffix] === undefined) {
    return fail(`${field}: ${quote(t)} ends in "${suffix}", which is not a suffix; use k, M, G, B (billion), T or P`);
  }

  const digits = `${intText.replace(/[,_]/g, '')}${fracText}`;
  let value: number;
  if (!/[1-9]/.test(digits)) {
    value = 0;
  } else {
    const exponent = expText === undefined ? 0 : Number(expText);
    if (!Number.isFinite(exponent)) {
      return fail(exponent > 0 ? tooLarge(field, t) : tooSmall(field, t));
    }
    const shift = exponent + (SUFFIX_EXPONENT[suffix] ?? 0) - fracText.length;
    // Number() of a decimal string is correctly rounded: "64e5" is exactly 6400000.
    value = Number(`${sign}${digits}e${shift}`);
    if (!Number.isFinite(value)) return fail(tooLarge(field, t));
    if (Math.abs(value) < SMALLEST_MAGNITUDE) return fail(tooSmall(field, t));
  }
  if (value === 0) value = 0; // -0 reads as 0

  const kind = options.kind;
  const integer = options.integer === true || (kind !== undefined && BOUNDS[kind].integer);
  // Beyond 2^53 − 1 a double skips whole numbers. When the text carries more digits than
  // a double keeps (9007199254740993), say so; a short form (1e300) is a range problem,
  // reported by the bound when there is one.
  const significant = digits.replace(/^0+/, '').replace(/0+$/, '').length;
  if (integer && Math.abs(value) > MAX_EXACT_INTEGER && (significant > 15 || kind === undefined)) {
    return fail(`${field}: ${quote(t)} cannot be represented exactly; whole numbers above ${formatInteger(MAX_EXACT_INTEGER)} (2^53 − 1) lose digits`);
  }
  if (kind !== undefined) {
    return inBound(value, kind) ? { ok: true, value } : fail(boundMessage(field, kind));
  }
  if (integer && !Number.isInteger(value)) return fail(`${field} must be a whole number, got ${quote(t)}`);
  return { ok: true, value };
}

function tooLarge(field: string, text: string): string {
  return `${field}: ${quote(text)} is too large to be represented as a number`;
}

function tooSmall(field: string, text: string): string {
  return `${field}: ${quote(text)} is too close to zero to compute with (non-zero values must be at least 1e-300 in size)`;
}

/**
 * The number a person meant, or null when the text is not one (same strict rules as
 * parseQuantity, without a bound). For callers that only need yes or no.
 * @example parseNumber('15T') //=> 15000000000000
 * @example parseNumber('4,000') //=> 4000
 * @example parseNumber('1,2,3') //=> null
 */
export function parseNumber(text: string): number | null {
  const r = parseQuantity(text);
  return r.ok ? r.value : null;
}
