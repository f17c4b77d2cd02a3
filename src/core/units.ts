/**
 * Units and number formatting for people.
 *
 * Conventions (design.md, "What the core must model"):
 * - A FLOP is one multiply or one add; counts are "FLOPs", rates are "FLOP/s".
 * - Bytes are SI: 1 GB = 1e9 B. GiB (2^30 B) appears only when asked for, and labelled.
 * - Results show 3 significant figures with an SI prefix; exact integers (parameter
 *   counts, KV-cache bytes) show every digit with thousands separators.
 * - No output ever holds a JavaScript exponent ("2e+24"): past the largest prefix (Y, 1e24)
 *   and below a millionth, numbers read "2.00 × 10²⁷" with superscript digits.
 * - An integer beyond 2^53 − 1 is not exact in a double, so it is never printed digit by
 *   digit: "≈ 1.20 × 10¹⁷" (3 significant figures). Negative zero prints as 0.
 */

/** Every unit a formula may return. */
export type Unit =
  | 'FLOPs' // a count of floating-point operations
  | 'FLOP/s' // a rate
  | 'B' // bytes
  | 'B/s' // bytes per second
  | 'FLOP/B' // arithmetic intensity
  | 's' // seconds
  | 'h' // hours
  | 'GPU-h' // GPU-hours
  | 'Hz'
  | 'params' // parameter count
  | 'tokens'
  | 'tokens/s'
  | 'requests'
  | 'ratio' // a dimensionless fraction, shown as a percentage
  | 'count' // a dimensionless count
  | 'USD' // money, US dollars: "$1.40M"
  | 'requests/s'; // a request rate

const SI_PREFIXES: ReadonlyArray<readonly [number, string]> = [
  [1e24, 'Y'],
  [1e21, 'Z'],
  [1e18, 'E'],
  [1e15, 'P'],
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** Thrown by every core function for input it cannot give a correct answer for. */
export class InputError extends Error {
  /** The input field (or config.json key) at fault, e.g. `num_key_value_heads`. */
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.name = 'InputError';
    this.field = field;
  }
}

/** Superscript digits and minus, for exponents: 10²⁷, 10⁻³⁰. */
const SUPERSCRIPTS: Readonly<Record<string, string>> = {
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
  '-': '⁻',
};

/** Largest integer a double holds exactly, 2^53 − 1 = 9,007,199,254,740,991. */
const MAX_EXACT = Number.MAX_SAFE_INTEGER;

/** Significant figures as toPrecision accepts them (1…21), whatever a caller passes. */
function clampSig(sig: number): number {
  return Number.isFinite(sig) ? Math.min(21, Math.max(1, Math.round(sig))) : 3;
}

/**
 * `sig` significant figures times a power of ten, with superscript digits; never a raw "e+".
 * @example formatScientific(2e27) //=> "2.00 × 10²⁷"
 * @example formatScientific(-1.234e-30) //=> "-1.23 × 10⁻³⁰"
 */
export function formatScientific(value: number, sig = 3): string {
  if (!Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  const [mantissa = '0', exponent = '0'] = value.toExponential(clampSig(sig) - 1).split('e');
  const power = String(Number(exponent)).replace(/[-0-9]/g, (c) => SUPERSCRIPTS[c] ?? c);
  return `${mantissa} × 10${power}`;
}

/**
 * Rounds to `sig` significant figures and prints without exponent noise. From 1e15 up and
 * below 1e-6 (where plain digits would run to 16 or more) it switches to `formatScientific`.
 * @example formatSignificant(311.8394, 3) //=> "312"
 * @example formatSignificant(0.0004567, 3) //=> "0.000457"
 * @example formatSignificant(1e300, 3) //=> "1.00 × 10³⁰⁰"
 */
export function formatSignificant(value: number, sig = 3): string {
  if (!Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  const s = clampSig(sig);
  const rounded = Number(value.toPrecision(s));
  const abs = Math.abs(rounded);
  if (abs >= 1e15 || abs < 1e-6) return formatScientific(value, s);
  const magnitude = Math.floor(Math.log10(abs));
  const decimals = Math.max(0, s - 1 - magnitude);
  return rounded.toFixed(Math.min(decimals, 20));
}

/**
 * An integer with thousands separators, every digit kept, as long as a double holds every
 * digit (|value| ≤ 2^53 − 1); beyond that "≈" and 3 significant figures, since the digits
 * past the 16th are not known.
 * @example formatInteger(6738415616) //=> "6,738,415,616"
 * @example formatInteger(1.2e17) //=> "≈ 1.20 × 10¹⁷"
 */
export function formatInteger(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (Math.abs(value) > MAX_EXACT) return `≈ ${formatScientific(value, 3)}`;
  const rounded = Math.round(value);
  if (rounded === 0) return '0'; // also -0 and -0.4
  const sign = rounded < 0 ? '-' : '';
  const digits = Math.abs(rounded).toString();
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A count that is exact only when `exact` says so (see ParamLedger.exact): every digit when
 * it is exact, "≈" and 3 significant figures when it is not.
 * @example formatCount(6738415616, true) //=> "6,738,415,616"
 * @example formatCount(1.2e17, false) //=> "≈ 1.20 × 10¹⁷"
 */
export function formatCount(value: number, exact: boolean): string {
  if (!Number.isFinite(value)) return '—';
  if (exact && Math.abs(value) <= MAX_EXACT) return formatInteger(value);
  return `≈ ${formatScientific(value, 3)}`;
}

/**
 * A value with an SI prefix and 3 significant figures; past the largest prefix (999 Y)
 * a power of ten.
 * @example formatSI(311.8394e12, 'FLOP/s') //=> "312 TFLOP/s"
 * @example formatSI(1.31072e9, 'B') //=> "1.31 GB"
 * @example formatSI(2e27, 'FLOPs') //=> "2.00 × 10²⁷ FLOPs"
 */
export function formatSI(value: number, unit: string, sig = 3): string {
  if (!Number.isFinite(value)) return '—';
  const s = clampSig(sig);
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  for (let i = 0; i < SI_PREFIXES.length; i += 1) {
    const [scale, prefix] = SI_PREFIXES[i] as readonly [number, string];
    if (abs < scale) continue;
    const scaled = Number((abs / scale).toPrecision(s));
    if (scaled >= 1000) {
      // 999.96e9 rounds to "1000 G": print it as "1.00 T"; past "999 Y", a power of ten.
      if (i === 0) return `${sign}${formatScientific(abs, s)} ${unit}`;
      const [upScale, upPrefix] = SI_PREFIXES[i - 1] as readonly [number, string];
      return `${sign}${formatSignificant(Number((abs / upScale).toPrecision(s)), s)} ${upPrefix}${unit}`;
    }
    return `${sign}${formatSignificant(scaled, s)} ${prefix}${unit}`;
  }
  if (abs < 1000 && Number(abs.toPrecision(s)) >= 1000) return `${sign}${formatSignificant(abs / 1000, s)} k${unit}`;
  return `${formatSignificant(value, s)} ${unit}`;
}

/**
 * Bytes in SI units; with `binary: true`, in IEC units labelled KiB … YiB (past 1,024 YiB,
 * SI bytes with a power of ten).
 * @example formatBytes(80e9) //=> "80.0 GB"
 * @example formatBytes(80 * 2 ** 30, { binary: true }) //=> "80.0 GiB"
 */
export function formatBytes(value: number, opts: { binary?: boolean; sig?: number } = {}): string {
  const sig = opts.sig ?? 3;
  if (!Number.isFinite(value)) return '—';
  if (!opts.binary) return formatSI(value, 'B', sig);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];
  let scaled = Math.abs(value);
  let i = 0;
  // At most eight divisions: the loop is bounded by the unit list.
  while (scaled >= 1024 && i < units.length - 1) {
    scaled /= 1024;
    i += 1;
  }
  if (scaled >= 1024) return formatSI(value, 'B', sig);
  return `${value < 0 ? '-' : ''}${formatSignificant(scaled, sig)} ${units[i]}`;
}

/** A Julian year, 365.25 days: 31,557,600 s. */
const YEAR_SECONDS = 365.25 * 86400;

/**
 * The units formatSeconds reads in, smallest first: seconds per unit and the rounded value
 * at which the next unit takes over (1000 ns is 1 µs; 120 s is 2 min; 48 h is 2 days; days
 * while they take at most three digits, about 2.7 years).
 */
const TIME_UNITS: ReadonlyArray<readonly [seconds: number, name: string, below: number]> = [
  [1e-9, 'ns', 1000],
  [1e-6, 'µs', 1000],
  [1e-3, 'ms', 1000],
  [1, 's', 120],
  [60, 'min', 120],
  [3600, 'h', 48],
  [86400, 'days', 1000],
];

/**
 * Seconds as ns / µs / ms / s / min / h / days / years, whichever reads best, decided on
 * the rounded value (999.96 ms is "1.00 s", not "1000 ms"); below a nanosecond and past
 * 10,000 years, a power of ten.
 * @example formatSeconds(0.6523) //=> "652 ms"
 * @example formatSeconds(86400 * 2.5) //=> "2.50 days"
 * @example formatSeconds(1e17) //=> "3.17 × 10⁹ years"
 */
export function formatSeconds(value: number, sig = 3): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs === 0) return '0 s';
  const s = clampSig(sig);
  const round = (x: number) => Number(x.toPrecision(s));
  if (round(abs / 1e-9) < 1) return `${formatScientific(value, s)} s`;
  // At most seven steps: the loop is bounded by the unit list.
  for (const [scale, name, below] of TIME_UNITS) {
    if (round(abs / scale) < below) return `${formatSignificant(value / scale, s)} ${name}`;
  }
  const years = value / YEAR_SECONDS;
  return `${round(Math.abs(years)) < 1e4 ? formatSignificant(years, s) : formatScientific(years, s)} years`;
}

/**
 * A fraction as a percentage.
 * @example formatPercent(0.3812) //=> "38.1%"
 */
export function formatPercent(value: number, sig = 3): string {
  if (!Number.isFinite(value)) return '—';
  return `${formatSignificant(value * 100, sig)}%`;
}

/**
 * US dollars with k, M, B, T for thousands, millions, billions, trillions (money's
 * convention, not SI's G), 3 significant figures.
 * @example formatUsd(1403700) //=> "$1.40M"
 * @example formatUsd(0.01234) //=> "$0.0123"
 * @example formatUsd(2.5e9) //=> "$2.50B"
 */
export function formatUsd(value: number, sig = 3): string {
  if (!Number.isFinite(value)) return '—';
  // Past $999T (and below a millionth of a cent's scale), a power of ten.
  const text = Math.abs(value) >= 1e15 ? formatScientific(Math.abs(value), sig) : formatSI(Math.abs(value), '', sig).trim();
  const compact = /^\S+ [kMGT]$/.test(text) ? text.replace(' ', '').replace(/G$/, 'B') : text;
  return `${value < 0 ? '-' : ''}$${compact}`;
}

/** Formats a value in its unit the way the site shows results. */
export function formatQuantity(value: number, unit: Unit, sig = 3): string {
  switch (unit) {
    case 'USD':
      return formatUsd(value, sig);
    case 'B':
      return formatBytes(value, { sig });
    case 's':
      return formatSeconds(value, sig);
    case 'ratio':
      return formatPercent(value, sig);
    case 'params':
      return Number.isInteger(value) ? formatInteger(value) : formatSI(value, '', sig).trim();
    case 'count':
    case 'requests':
      // A fraction of a count from 10 million up reads as a power of ten, never twelve plain digits.
      if (Number.isInteger(value)) return formatInteger(value);
      return Math.abs(value) >= 1e7 ? formatScientific(value, sig) : formatSignificant(value, sig);
    case 'FLOP/B': {
      // Intensities above 1,000 read better whole ("1,365", not "1370"); whole ones exact ("1,024");
      // from 10 million up a power of ten ("3.33 × 10¹¹", not twelve digits).
      const abs = Math.abs(value);
      if (abs >= 1e7) return `${formatScientific(value, sig)} FLOP/B`;
      return `${(Number.isInteger(value) && abs < 1e5) || abs >= 1000 ? formatInteger(value) : formatSignificant(value, sig)} FLOP/B`;
    }
    case 'h':
    case 'tokens':
    case 'GPU-h': {
      // "6.40M GPU-h", "4.04T tokens": the prefix scales the count, not the unit ("2.00 × 10²⁷ GPU-h" past Y).
      const si = formatSI(value, '', sig).trim();
      return `${/^\S+ [kMGTPEZY]$/.test(si) ? si.replace(' ', '') : si} ${unit}`;
    }
    default:
      return formatSI(value, unit, sig);
  }
}

/**
 * A number as TeX for a substituted formula: exact integers below 1e7 with
 * thin separators, everything else in scientific notation at 4 significant figures.
 * @example texNumber(4000) //=> "4{,}000"
 * @example texNumber(6.738e9) //=> "6.738 \\times 10^{9}"
 */
export function texNumber(value: number, sig = 4): string {
  if (!Number.isFinite(value)) return '\\text{—}';
  if (value === 0) return '0';
  if (Number.isInteger(value) && Math.abs(value) < 1e7) return formatInteger(value).replace(/,/g, '{,}');
  const abs = Math.abs(value);
  if (abs >= 1e-3 && abs < 1e7) return formatSignificant(value, sig);
  const [mantissa = '0', exponent = '0'] = value.toExponential(clampSig(sig) - 1).split('e');
  const cleanMantissa = String(Number(mantissa));
  return `${cleanMantissa} \\times 10^{${Number(exponent)}}`;
}

const FROM_SUPERSCRIPT: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(SUPERSCRIPTS).map(([digit, sup]) => [sup, digit]));

/** Plain text as KaTeX text mode, µ switched to math mode (KaTeX's text mode has no glyph for it). */
function texText(text: string): string {
  if (text === '') return '';
  return `\\text{${text.replace(/%/g, '\\%').replace(/\$/g, '\\$')}}`.replace('µ', '}\\mu\\text{');
}

/**
 * A formatted quantity as TeX (for the right-hand side of a derivation): the words in text
 * mode, a power of ten as `\times 10^{n}`, a leading "≈" as `\approx`.
 * @example texQuantity(2.5e-5, 's') //=> "\\text{25.0 }\\mu\\text{s}"
 * @example texQuantity(2e27, 'FLOPs') //=> "2.00 \\times 10^{27}\\text{ FLOPs}"
 */
export function texQuantity(value: number, unit: Unit, sig = 3): string {
  let text = formatQuantity(value, unit, sig);
  let approx = '';
  if (text.startsWith('≈ ')) {
    approx = '\\approx ';
    text = text.slice(2);
  }
  const m = /(-?\d+(?:\.\d+)?) × 10([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)/.exec(text);
  if (!m) return approx + texText(text);
  const power = [...(m[2] ?? '')].map((c) => FROM_SUPERSCRIPT[c] ?? c).join('');
  const before = text.slice(0, m.index);
  const after = text.slice(m.index + m[0].length);
  return `${approx}${texText(before)}${m[1]} \\times 10^{${power}}${texText(after)}`;
}

export const GB = 1e9;
export const GiB = 2 ** 30;
