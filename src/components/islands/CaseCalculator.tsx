import { useMemo } from 'react';
import { runCase } from '../../core/cases/run';
import type { CaseId } from '../../core/cases/types';
import { DerivationView } from '../DerivationView';
import { CalculatorShell } from '../controls/CalculatorShell';
import { Field } from '../controls/Field';
import { CUSTOM_MODEL } from '../state/pickers';
import { Results } from '../controls/Results';
import { CASE_UIS, answerValue, formatAnswer } from '../state/cases';
import type { FieldSpecs } from '../state/fields';
import { useCalculatorState, useComputed, type CalculatorState } from '../state/useCalculatorState';

interface CaseCalculatorProps {
  /** One of the four case ids. */
  caseId: CaseId;
}

/**
 * One worked case with its assumptions editable: the core's case function recomputes
 * the answer, the verdict and every step; the inputs live in the URL.
 */
export default function CaseCalculator({ caseId }: CaseCalculatorProps) {
  const ui = CASE_UIS[caseId];
  const state = useCalculatorState(ui.ns, ui.fields);
  const values = state.values as Record<string, number | string>;
  const names = Object.keys(ui.fields);
  const computed = useComputed(
    () => runCase(caseId, ui.toOverrides(values)),
    names.map((n) => values[n]),
    !state.hasErrors,
  );
  const c = computed.result;

  // The GPU select also fills the figures it implies (peak, bandwidths); they stay editable.
  const fieldState = useMemo<CalculatorState<FieldSpecs>>(() => {
    if (!ui.onGpu) return state as CalculatorState<FieldSpecs>;
    const onGpu = ui.onGpu;
    return {
      ...(state as CalculatorState<FieldSpecs>),
      set: (field: string, text: string) => {
        if (field !== 'gpu') return state.set(field, text);
        let fill: Record<string, string> = {};
        try {
          fill = onGpu(text);
        } catch {
          // A part without the figure (no interconnect, no bf16 path): leave those fields as they are.
        }
        state.setMany({ ...fill, gpu: text });
      },
    };
  }, [state, ui]);

  const coreError = (name: string) => (computed.status === 'error' && computed.field === name ? computed.error : null);
  // The config box appears only once "Paste a config.json…" is chosen.
  const shown = names.filter((name) => name !== 'config' || state.raw['model' as keyof typeof state.raw] === CUSTOM_MODEL);
  const inputs = shown.map((name) => (
    <Field key={name} ns={ui.ns} name={name} spec={ui.fields[name]!} state={fieldState} coreError={coreError(name)} />
  ));
  const general =
    computed.status === 'error' && (computed.field === null || !names.includes(computed.field)) && computed.error ? computed.error : null;

  return (
    <CalculatorShell
      anchor={`${caseId}-calculator`}
      title="Change the assumptions"
      inputs={inputs}
      error={general}
      stale={computed.stale}
      linkUrl={state.linkUrl}
    >
      {c && (
        <>
          <p className="verdict" data-testid={`${ui.ns}-verdict`}>
            {c.verdict}
          </p>
          {c.warnings.map((w) => (
            <p className="note warning" key={w.code} data-testid={`${ui.ns}-warning-${w.code}`}>
              {w.message}
            </p>
          ))}
          <Results
            items={ui.answers.map((row) => {
              const f = formatAnswer(answerValue(c.answer, row.path), row.format);
              return {
                label: row.label,
                value: f.text,
                ...(f.exact ? { detail: f.exact } : {}),
                testId: `${ui.ns}-${row.path.replace('.', '-')}`,
              };
            })}
          />
          <details className="case-steps">
            <summary>The steps with these numbers</summary>
            {c.steps.map((d, i) => (
              <DerivationView key={`${d.id}-${i}`} derivation={d} stale={computed.stale} />
            ))}
          </details>
        </>
      )}
    </CalculatorShell>
  );
}
