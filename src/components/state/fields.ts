/**
 * Calculator fields: what an input accepts and how its text becomes a value.
 * Pure (no React) so it is unit-tested directly and shared by every island.
 */
import { domainMessage, inDomain, type Domain } from '../../core/formula';
import { BOUNDS, type BoundKind } from '../../core/bounds';
import { parseNumber, parseQuantity } from '../../core/parse';
import { formatInteger } from '../../core/units';
import { DTYPES, bytesPerElement, type Dtype } from '../../core/dtypes';

/** What every kind of field may say about itself beyond its value. */
interface FieldCommon {
  label: string;
  /**
   * Short help under the input, e.g. "tokens; 15T = 15e12": a text, or a function of the
   * current (last valid, parsed) values of every field, so a hint that quotes a number another
   * field decides (a GPU's peak, the heads a degree must divide) follows that field. The
   * function's English goes through the Chinese catalogue like a text hint (write it as one
   * template literal, so the catalogue test finds its template).
   */
  hint?: string | HintFunction;
  /** Shown under "More inputs", folded, in a declared calculator. */
  advanced?: boolean;
}
/** A hint computed from the current values of the calculator's fields (by field name). */
export type HintFunction = (values: Readonly<Record<string, number | string>>) => string;

export interface NumberFieldSpec extends FieldCommon {
  kind: 'number';
  default: number;
  /**
   * The kind of quantity (src/core/bounds.ts): its physical range, whole or not, checked by
   * the core's strict parser, the same bound the CLI and the config parser use.
   */
  bound?: BoundKind;
  /** A finer rule than the bound (e.g. at least 1), when one is needed. */
  domain?: Domain;
  min?: number;
  max?: number;
}
export interface SelectFieldSpec extends FieldCommon {
  kind: 'select';
  default: string;
  options: readonly { value: string; label: string }[];
}
export interface TextFieldSpec extends FieldCommon {
  kind: 'text';
  default: string;
  /** Optional check of the text; returns an error message or null. */
  validate?: (text: string) => string | null;
}
export type FieldSpec = NumberFieldSpec | SelectFieldSpec | TextFieldSpec;
export type FieldSpecs = Record<string, FieldSpec>;

export type FieldValues<F extends FieldSpecs> = {
  [K in keyof F]: F[K] extends NumberFieldSpec ? number : string;
};

export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Text → value for one field, or a message that says what to fix.
 * @example parseField({ kind: 'number', label: 'Layers L', default: 32, domain: 'positiveInt' }, '0') //=> { ok: false, error: 'Layers L must be a whole number of at least 1' }
 */
export function parseField(spec: FieldSpec, text: string): ParseResult<number | string> {
  switch (spec.kind) {
    case 'number': {
      if (text.trim() === '') return { ok: false, error: `${spec.label} is empty: enter a number` };
      const integer = spec.domain === 'positiveInt' || spec.domain === 'nonNegativeInt' || (spec.bound !== undefined && BOUNDS[spec.bound].integer);
      const parsed = parseQuantity(text, { ...(spec.bound ? { kind: spec.bound } : {}), integer, field: spec.label });
      if (!parsed.ok) return parsed;
      const value = parsed.value;
      if (spec.domain !== undefined && !inDomain(value, spec.domain)) return { ok: false, error: domainMessage(spec.label, spec.domain) };
      if (spec.min !== undefined && value < spec.min) return { ok: false, error: `${spec.label} must be at least ${formatInteger(spec.min)}` };
      if (spec.max !== undefined && value > spec.max) return { ok: false, error: `${spec.label} must be at most ${formatInteger(spec.max)}` };
      return { ok: true, value };
    }
    case 'select': {
      const option = spec.options.find((o) => o.value === text);
      if (!option) return { ok: false, error: `${spec.label}: "${text}" is not one of the choices` };
      return { ok: true, value: option.value };
    }
    case 'text': {
      const error = spec.validate?.(text) ?? null;
      return error ? { ok: false, error } : { ok: true, value: text };
    }
  }
}

/**
 * The hint a field shows for these values: its text, or its function's text; null when there is
 * none, or when the function throws or gives no text (a hint never breaks a field: bad input
 * elsewhere just leaves this one without help).
 * @example hintText({ kind: 'number', label: 'GPU-hours', default: 1, hint: (v) => `${v['gpuHours']} h` }, { gpuHours: 4e6 }) //=> '4000000 h'
 */
export function hintText(spec: FieldSpec, values: Readonly<Record<string, number | string>>): string | null {
  const hint = spec.hint;
  if (hint === undefined) return null;
  if (typeof hint === 'string') return hint === '' ? null : hint;
  try {
    const text = hint(values);
    return typeof text === 'string' && text.trim() !== '' && !/NaN|Infinity|undefined/.test(text) ? text : null;
  } catch {
    return null;
  }
}

const TEXT_SUFFIXES: ReadonlyArray<readonly [number, string]> = [
  [1e15, 'P'],
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
];

/**
 * The text a field shows for a value: large round numbers with an SI suffix that
 * parseNumber reads back exactly.
 * @example fieldText(spec, 312e12) //=> "312T"
 * @example fieldText(spec, 4096) //=> "4096"
 */
export function fieldText(_spec: FieldSpec, value: number | string): string {
  if (typeof value !== 'number') return value;
  for (const [scale, suffix] of TEXT_SUFFIXES) {
    if (Math.abs(value) < scale) continue;
    const text = `${Number((value / scale).toPrecision(6))}${suffix}`;
    if (parseNumber(text) === value) return text;
    break;
  }
  return String(value);
}

/**
 * A number as a field shows it and in powers of ten, for a hint that reads the field's own
 * value back (so it says "4M = 4e6" under a field holding 4M, never its default).
 * @example withPowers(15e12) //=> '15T = 1.5e13'
 * @example withPowers(4096) //=> '4096'
 */
export function withPowers(value: number | string | undefined): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError('not a number');
  const shown = fieldText({ kind: 'number', label: '', default: value }, value);
  if (Math.abs(value) < 1e6) return shown;
  return `${shown} = ${value.toExponential().replace('e+', 'e')}`;
}

/** Query-string key of a field: `<island namespace>.<field>`. */
export function urlKey(namespace: string, field: string): string {
  return `${namespace}.${field}`;
}

/**
 * The query string with this island's fields set (other islands' keys are kept).
 * Every field is written, defaults included, so a link keeps its numbers even if a
 * later version changes a default.
 */
export function writeQuery(search: string, namespace: string, raw: Record<string, string>): string {
  const params = new URLSearchParams(search);
  for (const [field, text] of Object.entries(raw)) params.set(urlKey(namespace, field), text);
  const query = params.toString();
  return query ? `?${query}` : '';
}

/** This island's fields found in a query string (absent fields are left out). */
export function readQuery(search: string, namespace: string, fields: FieldSpecs): Record<string, string> {
  const params = new URLSearchParams(search);
  const found: Record<string, string> = {};
  for (const field of Object.keys(fields)) {
    const text = params.get(urlKey(namespace, field));
    if (text !== null) found[field] = text;
  }
  return found;
}

/**
 * Select options for data types, labelled with their size.
 * @example dtypeOptions(['bf16', 'fp8']) //=> [{ value: 'bf16', label: 'bf16 (2 B)' }, { value: 'fp8', label: 'fp8 (1 B)' }]
 */
export function dtypeOptions(dtypes: readonly Dtype[] = DTYPES): { value: string; label: string }[] {
  return dtypes.map((d) => ({ value: d, label: `${d} (${bytesPerElement(d)} B)` }));
}
