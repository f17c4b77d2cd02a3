import { useMemo } from 'react';
import { flopsPerTokenSweep, type PerTokenMode } from '../../core/flops/perToken';
import { forwardFlopsFormula, perTokenFlopsFormula } from '../../core/flops/formulas';
import { formatInteger, formatPercent, formatQuantity, formatSI } from '../../core/units';
import { DerivationView } from '../DerivationView';
import { LineChart } from '../charts/LineChart';
import { CalculatorShell } from '../controls/CalculatorShell';
import { Field } from '../controls/Field';
import { ModelPicker } from '../controls/ModelPicker';
import { Results } from '../controls/Results';
import type { FieldSpecs } from '../state/fields';
import { modelFields, resolveModelChoice } from '../state/pickers';
import { useCalculatorState, useComputed } from '../state/useCalculatorState';

const NS = 'fpt';
const MODEL = modelFields('llama-2-7b');
const FIELDS = {
  ...MODEL,
  Sc: { kind: 'number', label: "Longest context S'", default: 32768, domain: 'positiveInt', max: 10_000_000, hint: 'the sweep runs from 1 to this many tokens' },
  mode: {
    kind: 'select',
    label: 'Which token',
    default: 'decode',
    options: [
      { value: 'decode', label: "Decode: the token at position S'" },
      { value: 'prefill', label: "Prefill: mean over a prompt of S' tokens" },
    ],
  },
} satisfies FieldSpecs;

const flops = (v: number) => formatQuantity(v, 'FLOPs');
// Axis ticks: the prefix only ("30.0 G"); the axis title carries the unit.
const flopsTick = (v: number) => formatSI(v, '').trim();

/** Forward FLOPs per token over a range of contexts: exact, the article's 2N + 4LHS', and 2N. */
export default function FlopsPerTokenCalculator() {
  const state = useCalculatorState(NS, FIELDS);
  const { model, config, Sc, mode } = state.values;
  const computed = useComputed(
    () => {
      const spec = resolveModelChoice(model, config);
      const sweep = flopsPerTokenSweep({ spec, maxContext: Sc, mode: mode as PerTokenMode });
      return {
        spec,
        sweep,
        article: forwardFlopsFormula.derive({ B: 1, S: 1, N: sweep.params, L: spec.layers, H: spec.hidden, Sc }),
        twoN: perTokenFlopsFormula.derive({ N: sweep.params }),
      };
    },
    [model, config, Sc, mode],
    !state.hasErrors,
  );
  const r = computed.result;
  const errorFor = (name: string) => (computed.status === 'error' && computed.field === name ? computed.error : null);
  const inputs = useMemo(
    () => (
      <>
        <ModelPicker ns={NS} fields={MODEL} state={state} configError={errorFor('config') ?? errorFor('model')} />
        <Field ns={NS} name="Sc" spec={FIELDS.Sc} state={state} coreError={errorFor('maxContext')} />
        <Field ns={NS} name="mode" spec={FIELDS.mode} state={state} />
      </>
    ),
    // errorFor reads computed
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state, computed],
  );
  const known = new Set(['config', 'model', 'maxContext']);
  const shellError = computed.status === 'error' && (computed.field === null || !known.has(computed.field)) ? computed.error : null;
  const series = r
    ? [
        { name: 'Exact (causal, GQA, window, LM head)', points: r.sweep.points.map((p) => ({ x: p.context, y: p.exact })) },
        { name: "Article: 2N + 4LHS'", points: r.sweep.points.map((p) => ({ x: p.context, y: p.article })) },
        { name: '2N', points: r.sweep.points.map((p) => ({ x: p.context, y: p.twoN })) },
      ]
    : [];
  const crossoverInRange = r ? r.sweep.crossover.value <= Sc : false;
  return (
    <CalculatorShell anchor="flops-per-token-calculator" title="FLOPs per token over the context" inputs={inputs} error={shellError} stale={computed.stale} linkUrl={state.linkUrl}>
      {r && (
        <>
          <Results
            items={[
              {
                label: `Exact, at S' = ${formatInteger(r.sweep.atMax.context)}`,
                value: flops(r.sweep.atMax.exact),
                detail: `${formatInteger(r.sweep.atMax.exact)} FLOPs per token`,
                testId: 'fpt-exact',
              },
              { label: '2N', value: flops(r.sweep.atMax.twoN), detail: `${formatPercent(r.sweep.twoNError)} off the exact count`, testId: 'fpt-2n' },
              {
                label: "Article's 2N + 4LHS'",
                value: flops(r.sweep.atMax.article),
                detail: `${formatPercent(r.sweep.articleError)} off the exact count`,
                testId: 'fpt-article',
              },
              { label: 'Attention share (exact)', value: formatPercent(r.sweep.attentionShare), detail: "scores and A·V, at the longest S'", testId: 'fpt-attention-share' },
              { label: "S' where 4LHS' = 2N", value: r.sweep.crossover.formatted, detail: r.spec.moe ? 'N = active parameters' : undefined, testId: 'fpt-crossover' },
            ]}
          />
          <LineChart
            title="Forward FLOPs per token against context length"
            series={series}
            xLabel="Context S' (tokens)"
            yLabel="FLOPs per token"
            formatX={formatInteger}
            formatY={flopsTick}
            verticals={crossoverInRange ? [{ x: r.sweep.crossover.value, label: "4LHS' = 2N" }] : []}
            summary={`For ${r.spec.id}, ${r.sweep.mode === 'decode' ? 'one decode step' : 'the mean prompt token'} costs ${flops(r.sweep.points[0]?.exact ?? 0)} at S' = 1 and ${flops(r.sweep.atMax.exact)} at S' = ${formatInteger(r.sweep.atMax.context)} exactly; 2N is ${flops(r.sweep.atMax.twoN)} throughout and the article's formula gives ${flops(r.sweep.atMax.article)} at the longest context.`}
          />
          <DerivationView derivation={r.article} stale={computed.stale} />
          <DerivationView derivation={r.twoN} stale={computed.stale} />
          <DerivationView derivation={r.sweep.crossover} stale={computed.stale} />
        </>
      )}
    </CalculatorShell>
  );
}
