import { runCase } from '../../core/cases/run';
import { CASE_IDS, type CaseId, type WorkedCase } from '../../core/cases/types';
import { Calculator } from '../calculator/Calculator';
import { defineCalculator, type CalculatorDefinition } from '../calculator/defineCalculator';
import { CASE_UIS, answerValue, formatAnswer, type CaseUi } from '../state/cases';
import type { FieldSpecs } from '../state/fields';
import { CUSTOM_MODEL } from '../state/pickers';

interface CaseCalculatorProps {
  /** One of the four case ids. */
  caseId: CaseId;
}

/**
 * A worked case as a declared calculator: the core's case function recomputes the answer,
 * the verdict, the warnings and every step from the CaseUi's fields.
 */
function caseDefinition(ui: CaseUi): CalculatorDefinition<FieldSpecs, WorkedCase<object, object>> {
  const onGpu = ui.onGpu;
  return defineCalculator({
    ns: ui.ns,
    anchor: `${ui.id}-calculator`,
    title: 'Change the assumptions',
    fields: ui.fields,
    ...(ui.groups ? { groups: ui.groups } : {}),
    // The config box appears only once "Paste a config.json…" is chosen.
    shown: (name, raw) => name !== 'config' || raw['model'] === CUSTOM_MODEL,
    // The GPU select fills the figures it implies (peak, bandwidths); they stay editable.
    ...(onGpu ? { linked: { gpu: (id: string) => onGpu(id) } } : {}),
    ...(ui.fieldFor ? { fieldFor: ui.fieldFor } : {}),
    setup: (values) => ui.setup(values),
    compute: (values) => runCase(ui.id, ui.toOverrides(values)),
    view: (c) => ({
      results: ui.answers.map((row) => {
        const f = formatAnswer(answerValue(c.answer, row.path), row.format);
        return { label: row.label, value: f.text, ...(f.exact ? { detail: f.exact } : {}), testId: `${ui.ns}-${row.path.replace('.', '-')}` };
      }),
      warnings: c.warnings,
      more: c.steps,
      extra: (
        <p className="verdict" data-testid={`${ui.ns}-verdict`}>
          {c.verdict}
        </p>
      ),
    }),
  });
}

/** The four cases' calculators, one per case id. */
export const CASE_CALCULATORS = Object.fromEntries(CASE_IDS.map((id) => [id, caseDefinition(CASE_UIS[id])])) as Readonly<
  Record<CaseId, CalculatorDefinition<FieldSpecs, WorkedCase<object, object>>>
>;

/** One worked case with its assumptions editable; the inputs live in the URL. */
export default function CaseCalculator({ caseId }: CaseCalculatorProps) {
  return <Calculator def={CASE_CALCULATORS[caseId]} />;
}
