import { runCase } from '../../core/cases/run';
import { CASE_IDS, type CaseId, type WorkedCase } from '../../core/cases/types';
import { Calculator, type IslandProps } from '../calculator/Calculator';
import { defineCalculator, type CalculatorDefinition } from '../calculator/defineCalculator';
import {
  CASE_UIS,
  answerValue,
  changedFromQuestion,
  changedLead,
  fieldHolds,
  formatAnswer,
  gpuFills,
  gpuFillsLead,
  questionValue,
  type CaseUi,
  type ChangedInput,
} from '../state/cases';
import { useLang, useT } from '../i18n/i18n';
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
    // The inputs are folded until the reader opens them (the results and the verdict stay in
    // view), so the page reads as question, assumptions, steps, answer; a field in error opens
    // its group. A case with one input (the model) keeps it in view.
    ...groupsOf(ui),
    // The config box appears only once "Paste a config.json…" is chosen.
    shown: (name, raw) => name !== 'config' || raw['model'] === CUSTOM_MODEL,
    // The GPU select fills the figures it implies (peak, bandwidths); they stay editable.
    ...(onGpu ? { linked: { gpu: (id: string) => onGpu(id) } } : {}),
    ...(ui.fieldFor ? { fieldFor: ui.fieldFor } : {}),
    setup: (values) => ui.setup(values),
    compute: (values) => runCase(ui.id, ui.toOverrides(values)),
    view: (c, values) => ({
      results: ui.answers.map((row) => {
        const f = formatAnswer(answerValue(c.answer, row.path), row.format);
        return { label: row.label, value: f.text, ...(f.exact ? { detail: f.exact } : {}), testId: `${ui.ns}-${row.path.replace('.', '-')}` };
      }),
      warnings: c.warnings,
      more: c.steps,
      extra: (
        <>
          <GpuFills fills={gpuFills(ui, values)} ns={ui.ns} />
          <ChangedInputs changed={changedFromQuestion(ui, values)} ns={ui.ns} />
          <Verdict text={c.verdict} ns={ui.ns} />
        </>
      ),
    }),
  });
}

/** The case's input groups with the question's inputs folded under "Inputs" (a case with one or two inputs keeps them in view). */
function groupsOf(ui: CaseUi): { groups?: NonNullable<CaseUi['groups']> } {
  const names = Object.keys(ui.fields);
  if (names.length <= 2) return ui.groups ? { groups: ui.groups } : {};
  const groups = ui.groups ?? [{ names }];
  return { groups: groups.map((g) => (g.advanced ? g : { ...g, legend: 'Inputs', advanced: true })) };
}

/** The case's answer in words, in the island's language (the core writes it in English). */
function Verdict({ text, ns }: { text: string; ns: string }) {
  const t = useT();
  return (
    <p className="verdict" data-testid={`${ns}-verdict`}>
      {t(text)}
    </p>
  );
}

/** The live hint of the fields the GPU fills: this GPU's figures now, and a word where the reader typed another. */
function GpuFills({ fills, ns }: { fills: ReturnType<typeof gpuFills>; ns: string }) {
  const t = useT();
  const zh = useLang() === 'zh';
  if (!fills || fills.fills.length === 0) return null;
  return (
    <p className="case-changed case-gpu" data-testid={`${ns}-gpu-fills`}>
      {t(gpuFillsLead(fills.gpu))}
      {zh ? '' : ' '}
      {fills.fills.map((f, i) => (
        <span key={f.label}>
          {i > 0 && (zh ? '；' : '; ')}
          {t(f.label)} <strong>{f.fromGpu}</strong>
          {f.now !== f.fromGpu && t(fieldHolds(f.now))}
        </span>
      ))}
      {zh ? '。' : '.'}
    </p>
  );
}

/** What the results answer instead of the question: each input the reader changed, with the question's value. */
function ChangedInputs({ changed, ns }: { changed: readonly ChangedInput[]; ns: string }) {
  const t = useT();
  const zh = useLang() === 'zh';
  if (changed.length === 0) return null;
  return (
    <p className="case-changed" data-testid={`${ns}-changed`}>
      {t(changedLead())}
      {zh ? '' : ' '}
      {changed.map((c, i) => (
        <span key={c.label}>
          {i > 0 && (zh ? '；' : '; ')}
          {t(c.label)} <strong>{t(c.now)}</strong>
          {t(questionValue(c.question))}
        </span>
      ))}
      {zh ? '。' : '.'}
    </p>
  );
}

/** The four cases' calculators, one per case id. */
export const CASE_CALCULATORS = Object.fromEntries(CASE_IDS.map((id) => [id, caseDefinition(CASE_UIS[id])])) as Readonly<
  Record<CaseId, CalculatorDefinition<FieldSpecs, WorkedCase<object, object>>>
>;

/** One worked case with its assumptions editable; the inputs live in the URL. */
export default function CaseCalculator({ caseId, lang }: CaseCalculatorProps & IslandProps) {
  return <Calculator def={CASE_CALCULATORS[caseId]} lang={lang} />;
}
