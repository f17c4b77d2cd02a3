/**
 * An island's inputs: the text in each field, its parsed value, its error, and the
 * URL. Invalid text stays in the field with a message; the values handed to the core
 * are the last valid ones, so the result never shows NaN and is marked stale instead.
 */
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { InputError } from '../../core/units';
import { fieldText, parseField, readQuery, writeQuery, type FieldSpecs, type FieldValues } from './fields';

/** The query string with only calculator keys (`<namespace>.<field>`) kept. */
function calculatorQuery(search: string): string {
  const params = new URLSearchParams(search);
  for (const key of [...params.keys()]) if (!/^[a-z][a-z0-9]*\.[A-Za-z][A-Za-z0-9]*$/.test(key)) params.delete(key);
  const query = params.toString();
  return query ? `?${query}` : '';
}

export interface CalculatorState<F extends FieldSpecs> {
  raw: Record<keyof F & string, string>;
  errors: Partial<Record<keyof F & string, string>>;
  /** Last valid value of every field. */
  values: FieldValues<F>;
  /** True when some field holds invalid text. */
  hasErrors: boolean;
  set(field: keyof F & string, text: string): void;
  /** Sets several fields at once (e.g. a preset fills L, H, h…). */
  setMany(patch: Partial<Record<keyof F & string, string>>): void;
  /** A URL with every input of this island and its anchor: copy it to reproduce the numbers. */
  linkUrl(anchor?: string): string;
}

const useIsomorphicLayoutEffect = typeof window === 'undefined' ? useEffect : useLayoutEffect;

function defaultsOf<F extends FieldSpecs>(fields: F): Record<keyof F & string, string> {
  const raw = {} as Record<keyof F & string, string>;
  for (const key of Object.keys(fields) as (keyof F & string)[]) raw[key] = fieldText(fields[key]!, fields[key]!.default);
  return raw;
}

/** Fields that fill others when set (a model fills its shape, a GPU its peak): see defineCalculator's `linked`. */
export type LinkedFills<F extends FieldSpecs> = Partial<
  Record<keyof F & string, (value: string, raw: Readonly<Record<keyof F & string, string>>) => Partial<Record<keyof F & string, string>>>
>;

/**
 * A link that names a model but not its layers must show that model's layers, as picking it
 * would: each linked field the link sets fills the fields the link leaves out (never one it sets).
 */
function linkedFills<F extends FieldSpecs>(
  found: Partial<Record<keyof F & string, string>>,
  raw: Readonly<Record<keyof F & string, string>>,
  linked: LinkedFills<F> | undefined,
): Partial<Record<keyof F & string, string>> {
  const patch: Partial<Record<keyof F & string, string>> = {};
  if (!linked) return patch;
  for (const field of Object.keys(found) as (keyof F & string)[]) {
    const fill = linked[field];
    if (!fill) continue;
    let filled: Partial<Record<keyof F & string, string>> = {};
    try {
      filled = fill(found[field] as string, raw);
    } catch {
      // A choice without the figure (or a bad one): the fields keep their text.
    }
    for (const [key, text] of Object.entries(filled) as [keyof F & string, string][]) if (!(key in found) && !(key in patch)) patch[key] = text;
  }
  return patch;
}

export function useCalculatorState<F extends FieldSpecs>(namespace: string, fields: F, linked?: LinkedFills<F>): CalculatorState<F> {
  const [raw, setRaw] = useState(() => defaultsOf(fields));
  const lastValid = useRef<FieldValues<F>>(Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, f.default])) as FieldValues<F>);
  const touched = useRef(false);

  // Read the URL right after hydration, before paint (the server rendered the defaults).
  useIsomorphicLayoutEffect(() => {
    const found = readQuery(window.location.search, namespace, fields) as Partial<Record<keyof F & string, string>>;
    if (Object.keys(found).length > 0) setRaw((prev) => ({ ...prev, ...found, ...linkedFills(found, { ...prev, ...found }, linked) }));
    // Runs once per namespace: fields and linked fills are static per island.
  }, [namespace]);

  useEffect(() => {
    if (!touched.current) return;
    const query = writeQuery(window.location.search, namespace, raw);
    window.history.replaceState(window.history.state, '', `${window.location.pathname}${query}${window.location.hash}`);
  }, [namespace, raw]);

  const { errors, values } = useMemo(() => {
    const errs: Partial<Record<keyof F & string, string>> = {};
    const vals = { ...lastValid.current };
    for (const key of Object.keys(fields) as (keyof F & string)[]) {
      const parsed = parseField(fields[key]!, raw[key]);
      if (parsed.ok) (vals as Record<string, number | string>)[key] = parsed.value;
      else errs[key] = parsed.error;
    }
    lastValid.current = vals;
    return { errors: errs, values: vals };
  }, [fields, raw]);

  const set = useCallback((field: keyof F & string, text: string) => {
    touched.current = true;
    setRaw((prev) => ({ ...prev, [field]: text }));
  }, []);
  const setMany = useCallback((patch: Partial<Record<keyof F & string, string>>) => {
    touched.current = true;
    setRaw((prev) => ({ ...prev, ...patch }));
  }, []);
  const linkUrl = useCallback(
    (anchor?: string) => {
      // Other calculators' inputs stay (a link keeps the whole page's numbers); anything else in the query is dropped.
      const query = writeQuery(calculatorQuery(window.location.search), namespace, raw);
      return `${window.location.origin}${window.location.pathname}${query}${anchor ? `#${anchor}` : window.location.hash}`;
    },
    [namespace, raw],
  );

  return { raw, errors, values, hasErrors: Object.keys(errors).length > 0, set, setMany, linkUrl };
}

export type Computed<T> =
  { status: 'ok'; result: T; stale: false } | { status: 'error'; result: T | null; stale: boolean; error: string; field: string | null };

/**
 * Runs a core computation on the current values. On InputError it keeps the last good
 * result (marked stale) and reports the message with the field it names.
 */
export function useComputed<T>(compute: () => T, deps: readonly unknown[], inputsValid = true): Computed<T> {
  const last = useRef<T | null>(null);
  return useMemo(() => {
    try {
      const result = compute();
      last.current = result;
      if (!inputsValid) return { status: 'error', result, stale: true, error: '', field: null };
      return { status: 'ok', result, stale: false };
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      const field = e instanceof InputError ? e.field : null;
      return { status: 'error', result: last.current, stale: last.current !== null, error: message, field };
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, inputsValid]);
}
