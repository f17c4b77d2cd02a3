import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { DerivationView } from '../DerivationView';
import { LangContext, useT, type Lang } from '../i18n/i18n';
import { CalculatorShell } from '../controls/CalculatorShell';
import { Field } from '../controls/Field';
import { MoreDerivations } from '../controls/MoreDerivations';
import { Results } from '../controls/Results';
import type { FieldSpecs } from '../state/fields';
import { useCalculatorState, useComputed, type CalculatorState } from '../state/useCalculatorState';
import type { CalculatorDefinition, InputGroup } from './defineCalculator';
import { useHydrated } from './useHydrated';

/** The props every island takes from a page: the language of its words (default English). */
export interface IslandProps {
  lang?: Lang | undefined;
}

interface CalculatorProps<F extends FieldSpecs, R> {
  def: CalculatorDefinition<F, R>;
  /** The language of the words (labels, hints, results, warnings, errors); numbers and URL keys are the same in both. */
  lang?: Lang | undefined;
}

/**
 * Renders any declared calculator: its inputs (grouped, the advanced ones folded), their
 * URL state and inline validation, the core's errors by the field they name, the last
 * valid result marked stale, warnings, derivations that copy as LaTeX or Markdown linking
 * back to this calculator with these numbers, and "copy link".
 */
export function Calculator<F extends FieldSpecs, R>({ def, lang = 'en' }: CalculatorProps<F, R>) {
  const t = useT(lang);
  const state = useCalculatorState(def.ns, def.fields, def.linked);
  const live = useHydrated();
  const names = Object.keys(def.fields) as (keyof F & string)[];
  const values = state.values;
  // A field the definition hides (e.g. the config box while a preset is chosen) cannot hold
  // the result hostage: only the errors of fields on screen stop the compute.
  const raw = state.raw as Readonly<Record<keyof F & string, string>>;
  const blocking = names.some((n) => state.errors[n] !== undefined && (!def.shown || def.shown(n, raw)));
  const computed = useComputed(
    () => def.compute(values),
    names.map((n) => values[n]),
    !blocking,
  );

  const ownField = (field: string | null): (keyof F & string) | null => {
    if (field === null) return null;
    if (field in def.fields) return field as keyof F & string;
    return def.fieldFor?.[field] ?? null;
  };
  const coreError = (name: keyof F & string) =>
    computed.status === 'error' && computed.error !== '' && ownField(computed.field) === name ? t(computed.error) : null;
  const general = computed.status === 'error' && computed.error !== '' && ownField(computed.field) === null ? t(computed.error) : null;

  // A field that fills others (a GPU fills its peak); the filled fields stay editable.
  const fieldState = useMemo<CalculatorState<F>>(() => {
    const linked = def.linked;
    if (!linked) return state;
    return {
      ...state,
      set: (field, text) => {
        const fill = linked[field];
        if (!fill) return state.set(field, text);
        let patch: Partial<Record<keyof F & string, string>> = {};
        try {
          patch = fill(text, state.raw as Readonly<Record<keyof F & string, string>>);
        } catch {
          // A part without the figure: leave the fields it would fill as they are.
        }
        state.setMany({ ...patch, [field]: text } as Partial<Record<keyof F & string, string>>);
      },
    };
  }, [state, def.linked]);

  const groups: readonly InputGroup<F>[] = def.groups ?? [{ names }];
  const field = (name: keyof F & string) =>
    def.shown && !def.shown(name, raw) ? null : (
      <Field key={name} ns={def.ns} name={name} spec={def.fields[name]!} state={fieldState} coreError={coreError(name)} />
    );
  const inputs: ReactNode = groups.map((g, i) => {
    const body = g.names.map(field);
    if (g.advanced) {
      const hasError = g.names.some((n) => state.errors[n] !== undefined || coreError(n) !== null);
      return (
        <AdvancedGroup key={`group-${i}`} legend={t(g.legend ?? 'More inputs')} hasError={hasError}>
          {body}
        </AdvancedGroup>
      );
    }
    return g.legend ? (
      <fieldset key={`group-${i}`} className="calc-group">
        <legend>{t(g.legend)}</legend>
        {body}
      </fieldset>
    ) : (
      <div key={`group-${i}`} className="calc-group">
        {body}
      </div>
    );
  });

  const result = computed.result;
  const stale = computed.stale;
  const words = { t, lang };
  const view = result === null ? null : def.view(result, values, stale, words);
  const link = () => state.linkUrl(def.anchor);
  const setup = def.setup ? t(def.setup(values, words)) : undefined;
  const cite = { link, ...(setup ? { context: setup } : {}) };
  return (
    <LangContext.Provider value={lang}>
      <CalculatorShell anchor={def.anchor} title={t(def.title)} inputs={inputs} error={general} stale={stale} linkUrl={state.linkUrl} live={live}>
        {view && (
          <>
            {view.results.length > 0 && <Results items={view.results} />}
            {view.warnings?.map((w) => (
              <p className="note warning" key={w.code} data-testid={`${def.ns}-warning-${w.code}`}>
                {t(w.message)}
              </p>
            ))}
            {view.extra}
            {view.derivations?.map((d, i) => (d ? <DerivationView key={`${d.id}-${i}`} derivation={d} stale={stale} {...cite} /> : null))}
            {view.more && <MoreDerivations items={view.more} stale={stale} {...cite} />}
          </>
        )}
      </CalculatorShell>
    </LangContext.Provider>
  );
}

/** Folded inputs that unfold themselves when one of them holds an error, so its message is seen. */
function AdvancedGroup({ legend, hasError, children }: { legend: string; hasError: boolean; children: ReactNode }) {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    if (hasError && ref.current) ref.current.open = true;
  }, [hasError]);
  return (
    <details ref={ref} className="calc-advanced">
      <summary>{legend}</summary>
      <div className="calc-group">{children}</div>
    </details>
  );
}
