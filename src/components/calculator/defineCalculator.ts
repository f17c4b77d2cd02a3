/**
 * A calculator as data: its fields (label, unit, bound, URL key), a compute over the core,
 * and the result rows, warnings and derivations it shows. One generic component
 * (./Calculator.tsx) renders every definition the same way: inputs, URL state, inline
 * validation, stale results, warnings, copy link and derivations. An island file is then a
 * schema plus, where a chart or a table needs it, a layout: never wiring.
 */
import type { ReactNode } from 'react';
import type { Derivation } from '../../core/formula';
import type { Lang } from '../../core/i18n/translate';
import type { Warning } from '../../core/scenario/warnings';
import type { ResultItem } from '../controls/Results';
import type { FieldSpecs, FieldValues } from '../state/fields';

/**
 * The island's words, handed to `setup` and `view` for the texts they assemble from pieces (a
 * chart summary joined from per-bar sentences, a detail naming an option): `t` renders an English
 * text in the island's language (the identity in English), `lang` picks the punctuation that
 * joins the pieces (see ./words.ts).
 */
export interface Words {
  t: (english: string) => string;
  lang: Lang;
}

/** A group of inputs under a legend; `advanced` groups start folded. */
export interface InputGroup<F extends FieldSpecs> {
  legend?: string;
  names: readonly (keyof F & string)[];
  advanced?: boolean;
}

/** What a calculator shows for one result of its compute. */
export interface CalculatorView<R> {
  /** Result rows, headline first. */
  results: readonly ResultItem[];
  /** What is impossible or hypothetical about this result. */
  warnings?: readonly Warning[];
  /** Derivations shown open, under the results. */
  derivations?: readonly (Derivation | null)[];
  /** Derivations folded under "More derivations" (rendered only when opened). */
  more?: readonly (Derivation | null)[];
  /** Charts, tables or notes between the results and the derivations. */
  extra?: ReactNode;
  /** The raw result, for `extra`'s helpers. */
  result?: R;
}

export interface CalculatorDefinition<F extends FieldSpecs, R> {
  /** URL namespace: every field is written as `<ns>.<field>` (keys are pinned: see test/e2e/__snapshots__/url-keys.json). */
  ns: string;
  /** Anchor of the calculator on its page. */
  anchor: string;
  title: string;
  fields: F;
  /** Inputs in groups; default: every field, in order, one group. */
  groups?: readonly InputGroup<F>[];
  /**
   * Whether a field is shown for these raw values (default: always). The pasted config box
   * appears only once "Paste a config.json…" is chosen.
   */
  shown?: (name: keyof F & string, raw: Readonly<Record<keyof F & string, string>>) => boolean;
  /** Fields a change of this field fills too (a GPU fills its peak and bandwidth); they stay editable. */
  /** A field that fills others when it changes, e.g. a GPU filling its peak; gets the new value and every field's raw text. */
  linked?: Partial<Record<keyof F & string, (value: string, raw: Readonly<Record<keyof F & string, string>>) => Partial<Record<keyof F & string, string>>>>;
  /**
   * The core names an InputError may carry that are not this calculator's field names,
   * mapped to the field a reader can change (a formula's `M` is the field `rows`).
   */
  fieldFor?: Readonly<Record<string, keyof F & string>>;
  /** The arithmetic: core calls only. Throws InputError naming a field for input it cannot answer. */
  compute: (values: FieldValues<F>) => R;
  /**
   * The setup in a few words (model, hardware, workload), named in every derivation a reader
   * copies as LaTeX or Markdown, e.g. "Llama 2 70B on 8 × A800, 16 requests of 4,000 tokens".
   */
  setup?: (values: FieldValues<F>, words: Words) => string;
  /** What to show for a result (formatting only: every number comes from `compute`). */
  view: (result: R, values: FieldValues<F>, stale: boolean, words: Words) => CalculatorView<R>;
}

/**
 * Declares a calculator; the identity, typed, so field names and values check at compile time.
 * @example defineCalculator({ ns: 'mm', anchor: 'matmul-calculator', title: 'Matmul', fields: { M: { kind: 'number', label: 'M', default: 4096, bound: 'matmulDim' } }, compute: (v) => v.M, view: (m) => ({ results: [{ label: 'M', value: String(m) }] }) })
 */
export function defineCalculator<F extends FieldSpecs, R>(definition: CalculatorDefinition<F, R>): CalculatorDefinition<F, R> {
  return definition;
}
