/**
 * The formula machinery: one definition per quantity yields its value, its symbolic
 * LaTeX and the same LaTeX with the reader's numbers substituted. Because both forms
 * come from one `tex` template, the text and the number cannot drift apart.
 */
import type { PageSlug } from './chapters';
import { InputError, formatInteger, formatQuantity, texNumber, texQuantity, type Unit } from './units';

/** What values an input may take; checked before `compute` runs. */
export type Domain =
  | 'positiveInt' // 1, 2, 3, …
  | 'nonNegativeInt' // 0, 1, 2, …
  | 'positive' // > 0
  | 'nonNegative' // >= 0
  | 'fraction' // (0, 1]
  | 'any';

export interface FormulaSpec<K extends string> {
  /** Stable id, `topic.camelName`; never renamed (see `aliases` in the registry). */
  id: string;
  /** Anchor on its page, kebab-case, unique on that page. */
  anchor: string;
  /** The page that explains it; the anchor lives there. */
  page: PageSlug;
  /** Short human title, e.g. "Matmul FLOPs". */
  title: string;
  /** One plain-text sentence: what the quantity is. */
  description: string;
  /** TeX of the quantity on the left-hand side, e.g. `F_{\text{matmul}}`. */
  lhs: string;
  unit: Unit;
  /** TeX symbol per input field; the keys are exactly the input fields. */
  symbols: Record<K, string>;
  /** Plain-language name per input field, for labels and the notation page. */
  labels: Record<K, string>;
  /** Allowed values per input field. */
  domains: Record<K, Domain>;
  /** The template: called with the symbols, and with the formatted inputs. */
  tex: (v: Record<K, string>) => string;
  /** The only arithmetic. Plain numbers in, a number out. */
  compute: (input: Record<K, number>) => number;
  /** The worked example shown where the formula is introduced. */
  example: Record<K, number>;
  /** TeX for an input's substituted value, where plain digits would mislead (e.g. a clock in GHz). */
  formatInput?: Partial<Record<K, (value: number) => string>>;
  /** True when the formula is an approximation: the result is shown with ≈. */
  approximate?: boolean;
  /** Significant figures of the formatted result (default 3). */
  sig?: number;
  /** Sources and assumptions, shown under the derivation. */
  notes?: readonly string[];
}

/**
 * One link of a derivation's chain of relations: `= rhs` or `\approx rhs`. A view lays the
 * links out one under another, aligned on their relations, so a long equation breaks at a
 * relation and its result is never pushed out of sight.
 */
export interface RelationLink {
  /** TeX of the relation: `=` or `\approx`. */
  relation: string;
  /** TeX of the right-hand side. */
  rhs: string;
  /** The symbolic form, the form with the inputs substituted, or the result with its unit. */
  role: 'symbolic' | 'substituted' | 'result';
}

/** A formula evaluated for one input: what every view renders. */
export interface Derivation {
  id: string;
  anchor: string;
  page: PageSlug;
  title: string;
  unit: Unit;
  /** `lhs = template(symbols)` */
  symbolic: string;
  /** `lhs = template(inputs) = result` */
  substituted: string;
  /** TeX of the left-hand side, e.g. `F_{\text{matmul}}`. */
  lhs: string;
  /**
   * The same derivation as a chain, `lhs = symbolic = substituted = result`: what the views
   * and the copied LaTeX lay out line by line (`symbolic` and `substituted` are the same
   * text in two single-line formulas).
   */
  chain: readonly RelationLink[];
  value: number;
  /** The value for people: 3 significant figures with an SI prefix. */
  formatted: string;
  /**
   * Every digit, with separators, when the value is an integer a double holds exactly
   * (|value| ≤ 2^53 − 1); else null, and `formatted` reads "≈ …" where the unit counts
   * whole things. Every `compute` in the registry adds and multiplies non-negative terms
   * (or subtracts a part no larger than the whole, as the causal mask and the idle experts
   * do), so no intermediate exceeds the result and a result within 2^53 is exact.
   */
  exact: string | null;
  inputs: Readonly<Record<string, number>>;
  notes: readonly string[];
}

export interface Formula<K extends string> extends FormulaSpec<K> {
  /** Evaluates and explains. Throws InputError naming the field for bad input. */
  derive(input: Record<K, number>): Derivation;
  /** The symbolic form alone. */
  symbolicTex(): string;
}

// Any formula, for the registry and generic views.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyFormula = Formula<any>;

const DOMAIN_MESSAGES: Record<Domain, string> = {
  positiveInt: 'must be a whole number of at least 1',
  nonNegativeInt: 'must be a whole number of at least 0',
  positive: 'must be a number greater than 0',
  nonNegative: 'must be a number of at least 0',
  fraction: 'must be a fraction greater than 0 and at most 1',
  any: 'must be a number',
};

/** True when `value` lies in `domain`. */
export function inDomain(value: number, domain: Domain): boolean {
  if (!Number.isFinite(value)) return false;
  switch (domain) {
    case 'positiveInt':
      return Number.isInteger(value) && value >= 1;
    case 'nonNegativeInt':
      return Number.isInteger(value) && value >= 0;
    case 'positive':
      return value > 0;
    case 'nonNegative':
      return value >= 0;
    case 'fraction':
      return value > 0 && value <= 1;
    case 'any':
      return true;
  }
}

/** The message for a value outside its domain, e.g. "L must be a whole number of at least 1". */
export function domainMessage(name: string, domain: Domain): string {
  return `${name} ${DOMAIN_MESSAGES[domain]}`;
}

/**
 * Checks `input` against `domains`; throws InputError naming the first bad field.
 * Used by formulas and by structured computations (ledgers, cases) alike.
 */
export function checkInputs<K extends string>(input: Record<K, number>, domains: Record<K, Domain>, labels?: Partial<Record<K, string>>): void {
  for (const key of Object.keys(domains) as K[]) {
    const value = input[key];
    if (typeof value !== 'number' || !inDomain(value, domains[key])) {
      throw new InputError(key, domainMessage(labels?.[key] ?? key, domains[key]));
    }
  }
}

/**
 * Defines a formula. See `src/core/matmul/matmul.ts` for the pattern.
 * @example defineFormula({ id: 'matmul.flops', tex: (v) => `2 ${v.M} ${v.K} ${v.N}`, … }).derive({ M: 2, K: 3, N: 4 }).value //=> 48
 */
export function defineFormula<K extends string>(spec: FormulaSpec<K>): Formula<K> {
  const relation = spec.approximate ? '\\approx' : '=';
  return {
    ...spec,
    symbolicTex() {
      return `${spec.lhs} ${relation} ${spec.tex(spec.symbols)}`;
    },
    derive(input) {
      checkInputs(input, spec.domains, spec.labels);
      // -0 (a product with a negative zero input) reads as 0 everywhere.
      const value = spec.compute(input) + 0;
      if (!Number.isFinite(value)) {
        const key = overflowCulprit(spec, input);
        const label = spec.labels[key] ?? key;
        throw new InputError(key, `${spec.title} is not a finite number for these inputs: ${label} is out of range`);
      }
      const formatted: Record<string, string> = {};
      for (const key of Object.keys(spec.symbols) as K[]) {
        const custom = spec.formatInput?.[key];
        formatted[key] = custom ? custom(input[key]) : texNumber(input[key]);
      }
      const sig = spec.sig ?? 3;
      const exact = Number.isInteger(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER ? formatInteger(value) : null;
      // A result the formatter marks "≈" (a count past 2^53) takes ≈ in place of the final "=".
      const result = texMinus(texQuantity(value, spec.unit, sig));
      const last = result.startsWith('\\approx') ? result : `${relation} ${result}`;
      const resultRelation = result.startsWith('\\approx') ? '\\approx' : relation;
      const resultRhs = result.startsWith('\\approx') ? result.slice('\\approx'.length).trim() : result;
      const symbolicRhs = spec.tex(spec.symbols);
      const substitutedRhs = spec.tex(formatted as Record<K, string>);
      const inputs: Record<string, number> = {};
      for (const key of Object.keys(spec.symbols) as K[]) inputs[key] = input[key];
      return {
        id: spec.id,
        anchor: spec.anchor,
        page: spec.page,
        title: spec.title,
        unit: spec.unit,
        symbolic: `${spec.lhs} ${relation} ${symbolicRhs}`,
        substituted: `${spec.lhs} ${relation} ${substitutedRhs} ${last}`,
        lhs: spec.lhs,
        chain: [
          { relation, rhs: symbolicRhs, role: 'symbolic' },
          { relation, rhs: substitutedRhs, role: 'substituted' },
          { relation: resultRelation, rhs: resultRhs, role: 'result' },
        ],
        value,
        formatted: formatQuantity(value, spec.unit, sig),
        exact,
        inputs,
        notes: spec.notes ?? [],
      };
    },
  };
}

/**
 * A negative result's sign as a math minus (−), not the hyphen text mode would print:
 * `\text{-0.0418\%}` → `-\text{0.0418\%}`.
 * @example texMinus('\\text{-0.0418\\%}') //=> '-\\text{0.0418\\%}'
 */
export function texMinus(tex: string): string {
  return tex.replace(/^(\\approx )?\\text\{-/, (_m, approx: string | undefined) => `${approx ?? ''}-\\text{`);
}

/**
 * The input to blame when a formula's result is not finite, so that a calculator can mark
 * the field: the first input that, set back to the worked example's value, makes the result
 * finite; else the input farthest from 1 in orders of magnitude. At most one extra
 * evaluation per input.
 */
function overflowCulprit<K extends string>(spec: FormulaSpec<K>, input: Record<K, number>): K {
  const keys = Object.keys(spec.domains) as K[];
  for (const key of keys) {
    try {
      if (Number.isFinite(spec.compute({ ...input, [key]: spec.example[key] }))) return key;
    } catch {
      // another input is at fault too; keep looking
    }
  }
  const distance = (k: K) => Math.abs(Math.log10(Math.abs(input[k]) || 1));
  return keys.reduce((a, b) => (distance(b) > distance(a) ? b : a), keys[0] as K);
}

/**
 * A result built from several formulas (a ledger, a worked case): each step is a
 * Derivation, the answer is in `value`.
 */
export interface Steps {
  steps: readonly Derivation[];
}

/** TeX for a value in GHz, for clocks in substituted formulas. */
export function texGigahertz(hz: number): string {
  return `${texNumber(hz / 1e9)}\\,\\text{GHz}`;
}
