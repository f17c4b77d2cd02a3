import { useT } from '../i18n/i18n';
import { hintText, type FieldSpec, type FieldSpecs } from '../state/fields';
import type { CalculatorState } from '../state/useCalculatorState';

interface FieldProps<F extends FieldSpecs> {
  /** Island namespace, for unique element ids. */
  ns: string;
  name: keyof F & string;
  spec: FieldSpec;
  state: CalculatorState<F>;
  /** An extra error for this field from the core (a cross-field check). */
  coreError?: string | null;
  wide?: boolean;
}

/** A labelled input (number, select or text area) with its hint and its error next to it. */
export function Field<F extends FieldSpecs>({ ns, name, spec, state, coreError, wide }: FieldProps<F>) {
  const t = useT();
  const id = `${ns}-${name}`;
  const own = state.errors[name];
  const error = own !== undefined ? t(own) : (coreError ?? null);
  // A live hint follows the other fields' current values (see FieldCommon.hint).
  const hint = hintText(spec, state.values as Readonly<Record<string, number | string>>);
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const value = state.raw[name];
  // A choice whose options are long (a model, a GPU) keeps a whole row on a phone, so no option is cut.
  const longChoice = spec.kind === 'select' && spec.options.some((o) => o.label.length > 16);
  return (
    <div className={`${wide || spec.kind === 'text' ? 'field wide' : 'field'}${longChoice ? ' choice-long' : ''}`}>
      <label htmlFor={id}>{t(spec.label)}</label>
      {spec.kind === 'select' ? (
        <select id={id} value={value} onChange={(e) => state.set(name, e.target.value)} aria-describedby={describedBy}>
          {spec.options.map((o) => (
            <option key={o.value} value={o.value}>
              {t(o.label)}
            </option>
          ))}
        </select>
      ) : spec.kind === 'text' ? (
        <textarea
          id={id}
          value={value}
          spellCheck={false}
          onChange={(e) => state.set(name, e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
      ) : (
        <input
          id={id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          value={value}
          onChange={(e) => state.set(name, e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
        />
      )}
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {t(hint)}
        </p>
      )}
      {error && (
        <p className="error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
