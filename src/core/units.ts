/**
 * Units and number formatting for people.
 *
 * Conventions (design.md, "What the core must model"):
 * - A FLOP is one multiply or one add; counts are "FLOPs", rates are "FLOP/s".
 * - Bytes are SI: 1 GB = 1e9 B. GiB (2^30 B) appears only when asked for, and labelled.
 * - Results show 3 significant figures with an SI prefix; exact integers (parameter
 *   counts, KV-cache bytes) show every digit with thousands separators.
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
  | 'count'; // a dimensionless count

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

/**
 * Rounds to `sig` significant figures and prints without exponent noise.
 * @example formatSignificant(311.8394, 3) //=> "312"
 * @example formatSignificant(0.0004567, 3) //=> "0.000457"
 */
export function formatSignificant(value: number, sig = 3): string {
  if (!Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  const rounded = Number(value.toPrecision(sig));
  const magnitude = Math.floor(Math.log10(Math.abs(rounded)));
  const decimals = Math.max(0, sig - 1 - magnitude);
  return rounded.toFixed(Math.min(decimals, 20));
}

/**
 * An integer with thousands separators, every digit kept.
 * @example formatInteger(6738415616) //=> "6,738,415,616"
 */
export function formatInteger(value: number): string {
  if (!Number.isFinite(value)) return '—';
  const sign = value < 0 ? '-' : '';
  const digits = Math.round(Math.abs(value)).toString();
  return sign + digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/**
 * A value with an SI prefix and 3 significant figures.
 * @example formatSI(311.8394e12, 'FLOP/s') //=> "312 TFLOP/s"
 * @example formatSI(1.31072e9, 'B') //=> "1.31 GB"
 */
export function formatSI(value: number, unit: string, sig = 3): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  for (let i = 0; i < SI_PREFIXES.length; i += 1) {
    const [scale, prefix] = SI_PREFIXES[i] as readonly [number, string];
    if (abs < scale) continue;
    const scaled = Number((abs / scale).toPrecision(sig));
    // 999.96e9 rounds to "1000 G": print it as "1.00 T" instead.
    if (scaled >= 1000 && i > 0) {
      const [upScale, upPrefix] = SI_PREFIXES[i - 1] as readonly [number, string];
      return `${sign}${formatSignificant(Number((abs / upScale).toPrecision(sig)), sig)} ${upPrefix}${unit}`;
    }
    return `${sign}${formatSignificant(scaled, sig)} ${prefix}${unit}`;
  }
  if (abs < 1000 && Number(abs.toPrecision(sig)) >= 1000) return `${sign}${formatSignificant(abs / 1000, sig)} k${unit}`;
  return `${formatSignificant(value, sig)} ${unit}`;
}

/**
 * Bytes in SI units; with `binary: true`, in IEC units labelled GiB/MiB.
 * @example formatBytes(80e9) //=> "80.0 GB"
 * @example formatBytes(80 * 2 ** 30, { binary: true }) //=> "80.0 GiB"
 */
export function formatBytes(value: number, opts: { binary?: boolean; sig?: number } = {}): string {
  const sig = opts.sig ?? 3;
  if (!Number.isFinite(value)) return '—';
  if (!opts.binary) return formatSI(value, 'B', sig);
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let scaled = Math.abs(value);
  let i = 0;
  while (scaled >= 1024 && i < units.length - 1) {
    scaled /= 1024;
    i += 1;
  }
  return `${value < 0 ? '-' : ''}${formatSignificant(scaled, sig)} ${units[i]}`;
}

/**
 * Seconds as ms / s / min / h / days, whichever reads best.
 * @example formatSeconds(0.6523) //=> "652 ms"
 * @example formatSeconds(86400 * 2.5) //=> "2.50 days"
 */
export function formatSeconds(value: number, sig = 3): string {
  if (!Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  if (abs === 0) return '0 s';
  if (abs < 1e-6) return `${formatSignificant(value * 1e9, sig)} ns`;
  if (abs < 1e-3) return `${formatSignificant(value * 1e6, sig)} µs`;
  if (abs < 1) return `${formatSignificant(value * 1e3, sig)} ms`;
  if (abs < 120) return `${formatSignificant(value, sig)} s`;
  if (abs < 7200) return `${formatSignificant(value / 60, sig)} min`;
  if (abs < 172800) return `${formatSignificant(value / 3600, sig)} h`;
  return `${formatSignificant(value / 86400, sig)} days`;
}

/**
 * A fraction as a percentage.
 * @example formatPercent(0.3812) //=> "38.1%"
 */
export function formatPercent(value: number, sig = 3): string {
  if (!Number.isFinite(value)) return '—';
  return `${formatSignificant(value * 100, sig)}%`;
}

/** Formats a value in its unit the way the site shows results. */
export function formatQuantity(value: number, unit: Unit, sig = 3): string {
  switch (unit) {
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
      return Number.isInteger(value) ? formatInteger(value) : formatSignificant(value, sig);
    case 'FLOP/B':
      // Intensities above 1,000 read better whole ("1,365", not "1370"); whole ones exact ("1,024").
      return `${(Number.isInteger(value) && Math.abs(value) < 1e5) || (Math.abs(value) >= 1000 && Math.abs(value) < 1e7) ? formatInteger(value) : formatSignificant(value, sig)} FLOP/B`;
    case 'h':
    case 'GPU-h':
      // "6.40M GPU-h": the prefix scales the count, not the hour.
      return `${formatSI(value, '', sig).replace(' ', '')} ${unit}`;
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
  if (Number.isInteger(value) && Math.abs(value) < 1e7) return formatInteger(value).replace(/,/g, '{,}');
  const abs = Math.abs(value);
  if (abs >= 1e-3 && abs < 1e7) return formatSignificant(value, sig);
  const [mantissa, exponent] = value.toExponential(sig - 1).split('e');
  const cleanMantissa = String(Number(mantissa));
  return `${cleanMantissa} \\times 10^{${Number(exponent)}}`;
}

/** A formatted quantity as TeX text (for the right-hand side of a derivation). */
export function texQuantity(value: number, unit: Unit, sig = 3): string {
  const text = formatQuantity(value, unit, sig).replace(/%/g, '\\%');
  // KaTeX's text mode has no glyph for µ; switch to math mode for it.
  return `\\text{${text}}`.replace('µ', '}\\mu\\text{');
}

export const GB = 1e9;
export const GiB = 2 ** 30;
