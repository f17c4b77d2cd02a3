/**
 * The playground's pieces of a declared calculator, built here because the playground needs
 * what ../../calculator/Calculator.tsx does not offer yet: one definition's fields rendered
 * twice under two namespaces (compare mode's A and B), inputs and results driven by state
 * owned above them (one `pg` state shared by three modes), and inputs that a mode replaces
 * (a reverse question's solved field). The markup and classes are Calculator's, so the
 * page looks and behaves the same; see the report for the framework change this asks for.
 */
import { useEffect, useRef, type ReactNode } from 'react';
import type { CalculatorView, InputGroup } from '../../calculator/defineCalculator';
import { DerivationView } from '../../DerivationView';
import { Field } from '../../controls/Field';
import { MoreDerivations } from '../../controls/MoreDerivations';
import { Results } from '../../controls/Results';
import { useT } from '../../i18n/i18n';
import type { FieldSpec, FieldSpecs } from '../../state/fields';
import type { CalculatorState, Computed } from '../../state/useCalculatorState';

/** The field of this form an error from the core belongs to: its own name, or the name `fieldFor` maps it to. */
export function ownField<F extends FieldSpecs>(
  fields: F,
  fieldFor: Readonly<Record<string, keyof F & string>> | undefined,
  field: string | null,
): (keyof F & string) | null {
  if (field === null) return null;
  if (field in fields) return field as keyof F & string;
  return fieldFor?.[field] ?? null;
}

/** The core's message for one field, when a computation failed on it. */
export function coreErrorOf<F extends FieldSpecs, R>(computed: Computed<R>, fields: F, fieldFor: Readonly<Record<string, keyof F & string>> | undefined) {
  return (name: keyof F & string): string | null =>
    computed.status === 'error' && computed.error !== '' && ownField(fields, fieldFor, computed.field) === name ? computed.error : null;
}

interface ScenarioFormProps<F extends FieldSpecs> {
  /** URL namespace (element ids are `${ns}-${field}`). */
  ns: string;
  fields: F;
  groups: readonly InputGroup<F>[];
  state: CalculatorState<F>;
  coreError: (name: keyof F & string) => string | null;
  shown?: (name: keyof F & string, raw: Readonly<Record<keyof F & string, string>>) => boolean;
  /** Put before every group legend ("A · ", "B · "), so a screen reader names the scenario. */
  legendPrefix?: string;
  /** Put after a group's legend (compare mode: how many of its inputs differ). */
  legendSuffix?: (names: readonly (keyof F & string)[]) => string;
  /** What to show in a field's place (a solved input), or nothing to show the field. */
  replace?: (name: keyof F & string) => ReactNode | null;
  /** The spec to render a field with (a hint that depends on another input). */
  specOf?: (name: keyof F & string) => FieldSpec;
  /** Shown under a field (compare mode: how it differs from the other scenario). */
  after?: (name: keyof F & string) => ReactNode | null;
  /** Fields rendered disabled (an input the chosen question does not use). */
  disabled?: (name: keyof F & string) => boolean;
}

/** A calculator's inputs, grouped, the advanced groups folded, as Calculator.tsx renders them. */
export function ScenarioForm<F extends FieldSpecs>({
  ns,
  fields,
  groups,
  state,
  coreError,
  shown,
  legendPrefix = '',
  legendSuffix,
  replace,
  specOf,
  after,
  disabled,
}: ScenarioFormProps<F>) {
  const t = useT();
  const raw = state.raw as Readonly<Record<keyof F & string, string>>;
  const field = (name: keyof F & string) => {
    if (shown && !shown(name, raw)) return null;
    const instead = replace?.(name) ?? null;
    if (instead !== null) return <div key={name}>{instead}</div>;
    const spec = specOf ? specOf(name) : fields[name]!;
    const control = <Field key={name} ns={ns} name={name} spec={spec} state={state} coreError={coreError(name)} />;
    const note = after?.(name) ?? null;
    const off = disabled?.(name) ?? false;
    if (note === null && !off) return control;
    return (
      <div key={name} className={spec.kind === 'text' ? 'pg-cell wide' : 'pg-cell'}>
        {off ? (
          <fieldset className="pg-unused" disabled>
            {control}
          </fieldset>
        ) : (
          control
        )}
        {note}
      </div>
    );
  };
  return (
    <>
      {groups.map((g, i) => {
        const body = g.names.map(field);
        const legend = `${legendPrefix}${t(g.legend ?? 'More inputs')}${legendSuffix ? t(legendSuffix(g.names)) : ''}`;
        if (g.advanced) {
          const hasError = g.names.some((n) => state.errors[n] !== undefined || coreError(n) !== null);
          return (
            <AdvancedGroup key={`group-${i}`} legend={legend} hasError={hasError}>
              {body}
            </AdvancedGroup>
          );
        }
        return g.legend ? (
          <fieldset key={`group-${i}`} className="calc-group">
            <legend>{legend}</legend>
            {body}
          </fieldset>
        ) : (
          <div key={`group-${i}`} className="calc-group">
            {body}
          </div>
        );
      })}
    </>
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

/** A view's results, warnings, extra content and derivations, as Calculator.tsx renders them. */
export function ViewBody<R>({ ns, view, stale, link, context }: { ns: string; view: CalculatorView<R>; stale: boolean; link: () => string; context?: string }) {
  const t = useT();
  const cite = { link, ...(context ? { context } : {}) };
  return (
    <>
      <Results items={view.results} />
      {view.warnings?.map((w) => (
        <p className="note warning" key={w.code} data-testid={`${ns}-warning-${w.code}`}>
          {t(w.message)}
        </p>
      ))}
      {view.extra}
      {view.derivations?.map((d, i) => (d ? <DerivationView key={`${d.id}-${i}`} derivation={d} stale={stale} {...cite} /> : null))}
      {view.more && <MoreDerivations items={view.more} stale={stale} {...cite} />}
    </>
  );
}
