import { DTYPES, type Dtype } from '../../core/dtypes';
import { plainTpotSeconds, servingScenario, servingStepModel, speculativeDecode, type ServingInput } from '../../core/scenario/serving';
import { speculativeDerivations } from '../../core/scenario/servingSteps';
import { bestDraftTokens, speculativeSpeedup } from '../../core/serving/speculative';
import { formatBytes, formatInteger, formatPercent, formatSeconds, formatSignificant } from '../../core/units';
import { Calculator, type IslandProps } from '../calculator/Calculator';
import { defineCalculator } from '../calculator/defineCalculator';
import { joinWords } from '../calculator/words';
import { LineChart } from '../charts/LineChart';
import { dtypeOptions, type SelectFieldSpec } from '../state/fields';
import { gpuField, modelFields, resolveGpu, resolveModelChoice } from '../state/pickers';

const TARGET = modelFields('llama-3-70b').model;
const DRAFT: SelectFieldSpec = {
  ...modelFields('llama-3-8b').model,
  label: 'Draft model',
  options: modelFields('llama-3-8b').model.options.filter((o) => o.value !== 'custom'),
};
const GPU = gpuField('h100-sxm');
const labelOf = (spec: SelectFieldSpec, value: string) => spec.options.find((o) => o.value === value)?.label ?? value;
/** Draft lengths the chart sweeps. */
const GAMMAS = Array.from({ length: 12 }, (_, i) => i + 1);

/**
 * Speculative decoding on the scenario engine: the draft's decode step and the target's
 * verification pass timed on the same GPUs, so the cost coefficient c is computed; the
 * speedup beside Leviathan et al.'s Theorem 3.8 with that c, and the draft length that
 * maximises it.
 */
export const SPECULATIVE = defineCalculator({
  ns: 'spec',
  anchor: 'speculative-calculator',
  title: 'Speculative decoding',
  fields: {
    model: { ...TARGET, label: 'Target model', options: TARGET.options.filter((o) => o.value !== 'custom') },
    draft: DRAFT,
    gpu: GPU,
    G: { kind: 'number', label: 'GPUs G (tensor parallel)', default: 4, bound: 'gpus', hint: 'the draft runs on the same GPUs' },
    dtype: { kind: 'select', label: 'Weight dtype', default: 'bf16', options: dtypeOptions(DTYPES.filter((d) => d !== 'tf32')) },
    B: { kind: 'number', label: 'Requests in the batch B', default: 1, bound: 'batch' },
    S: { kind: 'number', label: 'Prompt tokens S', default: 1000, bound: 'sequence' },
    O: { kind: 'number', label: 'Output tokens O', default: 200, bound: 'sequence' },
    a: { kind: 'number', label: 'Acceptance rate α', default: 0.8, bound: 'fraction', hint: 'chance the target keeps a drafted token' },
    g: { kind: 'number', label: 'Draft tokens per pass γ', default: 5, bound: 'batch', max: 1000 },
  },
  groups: [{ names: ['model', 'draft', 'gpu', 'G', 'dtype', 'B', 'S', 'O'] }, { legend: 'Speculation', names: ['a', 'g'] }],
  fieldFor: {
    gpus: 'G',
    batch: 'B',
    inputTokens: 'S',
    outputTokens: 'O',
    contextTokens: 'O',
    activationTokens: 'S',
    weightDtype: 'dtype',
    kvDtype: 'dtype',
    acceptance: 'a',
    draftTokens: 'g',
  },
  setup: (v, { t }) =>
    t(
      `${t(labelOf(DRAFT, v.draft))} drafting ${formatInteger(v.g)} tokens for ${labelOf(TARGET, v.model)} on ${formatInteger(v.G)} × ${labelOf(GPU, v.gpu)}, ${formatInteger(v.B)} request${v.B === 1 ? '' : 's'} of ${formatInteger(v.S)} + ${formatInteger(v.O)} tokens, α = ${formatSignificant(v.a)}, ${v.dtype} weights`,
    ),
  compute: (v) => {
    const target = resolveModelChoice(v.model, '');
    const draft = resolveModelChoice(v.draft, '');
    const base: ServingInput = {
      model: target,
      gpu: resolveGpu(v.gpu),
      gpus: v.G,
      batch: v.B,
      inputTokens: v.S,
      outputTokens: v.O,
      weightDtype: v.dtype as Dtype,
    };
    const plain = servingScenario(base);
    const withDraft = { ...base, techniques: { speculative: { draft, draftTokens: v.g, acceptance: v.a } } };
    const spec = servingScenario(withDraft);
    const s = spec.speculative!;
    // One step model for the sweep over γ: the draft's steps and the verification passes, timed as the answer's are.
    const model = servingStepModel(withDraft);
    const targetStep = plainTpotSeconds(model);
    const sweep = GAMMAS.map((g) => {
      const r = speculativeDecode(model, g, targetStep);
      return { g, engine: r.speedup, theorem: r.theoremSpeedup };
    });
    return { plain, spec, s, sweep, best: bestDraftTokens(v.a, s.costCoefficient, 32) };
  },
  view: ({ plain, spec, s, sweep, best }, v) => ({
    results: [
      {
        label: 'Tokens per target pass',
        value: formatSignificant(s.expectedTokens),
        detail: `of at most γ + 1 = ${formatInteger(v.g + 1)}`,
        testId: 'spec-tokens',
      },
      {
        label: 'Cost coefficient c',
        value: formatSignificant(s.costCoefficient),
        detail: `draft step ${formatSeconds(s.draftStepSeconds)} / target step ${formatSeconds(s.targetStepSeconds)}`,
        testId: 'spec-cost',
      },
      {
        label: 'Time per output token',
        value: formatSeconds(spec.tpotSeconds),
        detail: `${formatSeconds(plain.tpotSeconds)} without a draft; verifying γ + 1 tokens takes ${formatSeconds(s.verifySeconds)}`,
        testId: 'spec-tpot',
      },
      {
        label: 'Speedup of decoding',
        value: `${formatSignificant(s.speedup)}×`,
        detail: `Theorem 3.8 with this c: ${formatSignificant(s.theoremSpeedup)}×`,
        testId: 'spec-speedup',
      },
      {
        label: 'Best draft length (Theorem 3.8)',
        value: `γ = ${formatInteger(best)}`,
        detail: `${formatSignificant(speculativeSpeedup(v.a, best, s.costCoefficient))}× at α = ${formatSignificant(v.a)}, c = ${formatSignificant(s.costCoefficient)}`,
        testId: 'spec-best',
      },
      {
        label: 'Time to first token',
        value: formatSeconds(spec.ttftSeconds),
        detail: `the draft prefills the prompt too: +${formatSeconds(s.draftPrefillSeconds)}`,
        testId: 'spec-ttft',
      },
      {
        label: 'Requests that fit',
        value: formatInteger(spec.memory.maxConcurrency),
        detail: `${formatInteger(plain.memory.maxConcurrency)} without the draft: its ${formatBytes(s.draftWeightsBytes)} of weights and its KV cache take memory`,
        testId: 'spec-fit',
      },
    ],
    warnings: spec.warnings,
    extra: (
      <LineChart
        title={`Decode speedup by draft length γ, α = ${formatPercent(v.a)}`}
        series={[
          { name: 'engine: verification timed as it is', points: sweep.map((p) => ({ x: p.g, y: p.engine })) },
          { name: 'Theorem 3.8 with the engine’s c', points: sweep.map((p) => ({ x: p.g, y: p.theorem })) },
        ]}
        markers={[
          {
            x: v.g <= GAMMAS.length ? v.g : GAMMAS.length,
            y: v.g <= GAMMAS.length ? s.speedup : sweep[sweep.length - 1]!.engine,
            label: `γ = ${formatInteger(Math.min(v.g, GAMMAS.length))}`,
          },
        ]}
        xLabel="Draft tokens per pass γ"
        yLabel="speedup (×)"
        formatX={(x) => formatInteger(x)}
        formatY={(y) => formatSignificant(y, 2)}
        summary={(t, lang) =>
          t(
            `Speedup of decoding for γ from 1 to ${formatInteger(GAMMAS.length)}: ${joinWords(
              sweep.map((p) => t(`γ = ${p.g}: ${formatSignificant(p.engine)}× (theorem ${formatSignificant(p.theorem)}×)`)),
              lang,
              ', ',
            )}.`,
          )
        }
      />
    ),
    derivations: speculativeDerivations(spec),
    more: [],
  }),
});

export default function SpeculativeCalculator({ lang }: IslandProps) {
  return <Calculator def={SPECULATIVE} lang={lang} />;
}
