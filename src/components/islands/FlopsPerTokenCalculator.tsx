import { MAX_SWEEP_CONTEXT, flopsPerTokenSweep, type PerTokenMode, type PerTokenSweep } from '../../core/flops/perToken';
import { forwardFlopsFormula, perTokenFlopsFormula } from '../../core/flops/formulas';
import type { ModelSpec } from '../../core/model/spec';
import { formatCount, formatInteger, formatPercent, formatQuantity, formatSI } from '../../core/units';
import { LineChart } from '../charts/LineChart';
import { Calculator, type IslandProps } from '../calculator/Calculator';
import { defineCalculator } from '../calculator/defineCalculator';
import { CUSTOM_MODEL, modelFields, resolveModelChoice } from '../state/pickers';

const MODEL = modelFields('llama-2-7b');
const MODE_LABELS: Readonly<Record<PerTokenMode, string>> = {
  decode: "Decode: the token at position S'",
  prefill: "Prefill: mean over a prompt of S' tokens",
};
const flops = (v: number) => formatQuantity(v, 'FLOPs');
// Axis ticks: the prefix only ("30.0 G"); the axis title carries the unit.
const flopsTick = (v: number) => formatSI(v, '').trim();

/** Forward FLOPs per token over a range of contexts: exact, the article's 2N + 4LHS', and 2N. */
export const FLOPS_PER_TOKEN = defineCalculator({
  ns: 'fpt',
  anchor: 'flops-per-token-calculator',
  title: 'FLOPs per token over the context',
  fields: {
    ...MODEL,
    Sc: {
      kind: 'number',
      label: "Longest context S'",
      default: 32768,
      bound: 'sequence',
      hint: `the sweep runs from 1 to this many tokens (at most ${formatInteger(MAX_SWEEP_CONTEXT)})`,
    },
    mode: {
      kind: 'select',
      label: 'Which token',
      default: 'decode',
      options: (['decode', 'prefill'] as const).map((m) => ({ value: m, label: MODE_LABELS[m] })),
    },
  },
  shown: (name, raw) => name !== 'config' || raw.model === CUSTOM_MODEL,
  // The sweep refuses a context past its own limit (10M tokens) as `maxContext`; the formulas name the model's N, L, H.
  fieldFor: { maxContext: 'Sc', contextTokens: 'Sc', promptTokens: 'Sc', N: 'model', L: 'model', H: 'model' },
  setup: ({ model, Sc, mode }, { t }) =>
    t(
      `${model === CUSTOM_MODEL ? t('a pasted config.json') : (MODEL.model.options.find((o) => o.value === model)?.label ?? model)}, ${mode === 'decode' ? t('decode') : t('prefill')} at S' = ${formatInteger(Sc)}`,
    ),
  compute: ({ model, config, Sc, mode }) => {
    const spec = resolveModelChoice(model, config);
    const sweep = flopsPerTokenSweep({ spec, maxContext: Sc, mode: mode as PerTokenMode });
    return {
      spec,
      sweep,
      article: forwardFlopsFormula.derive({ B: 1, S: 1, N: sweep.params, L: spec.layers, H: spec.hidden, Sc }),
      twoN: perTokenFlopsFormula.derive({ N: sweep.params }),
    };
  },
  view: (r) => ({
    results: [
      {
        label: `Exact, at S' = ${formatInteger(r.sweep.atMax.context)}`,
        value: flops(r.sweep.atMax.exact),
        detail: `${formatCount(r.sweep.atMax.exact, r.sweep.atMax.exactDigits)} FLOPs per token`,
        testId: 'fpt-exact',
      },
      { label: '2N', value: flops(r.sweep.atMax.twoN), detail: `${formatPercent(r.sweep.twoNError)} off the exact count`, testId: 'fpt-2n' },
      {
        label: "Article's 2N + 4LHS'",
        value: flops(r.sweep.atMax.article),
        detail: `${formatPercent(r.sweep.articleError)} off the exact count`,
        testId: 'fpt-article',
      },
      {
        label: 'Attention share (exact)',
        value: formatPercent(r.sweep.attentionShare),
        detail: "scores and A·V, at the longest S'",
        testId: 'fpt-attention-share',
      },
      { label: "S' where 4LHS' = 2N", value: r.sweep.crossover.formatted, detail: r.spec.moe ? 'N = active parameters' : undefined, testId: 'fpt-crossover' },
    ],
    extra: <Sweep sweep={r.sweep} spec={r.spec} />,
    derivations: [r.article, r.twoN, r.sweep.crossover],
  }),
});

/** Exact, article and 2N per token against the context, with the crossover marked when it falls inside. */
function Sweep({ sweep, spec }: { sweep: PerTokenSweep; spec: ModelSpec }) {
  const series = [
    { name: 'Exact (causal, GQA, window, LM head)', points: sweep.points.map((p) => ({ x: p.context, y: p.exact })) },
    { name: "Article: 2N + 4LHS'", points: sweep.points.map((p) => ({ x: p.context, y: p.article })) },
    { name: '2N', points: sweep.points.map((p) => ({ x: p.context, y: p.twoN })) },
  ];
  // An SVG attribute never receives a number that is not finite: no chart rather than a broken one.
  if (!series.every((s) => s.points.every((p) => Number.isFinite(p.x) && Number.isFinite(p.y)))) return null;
  const crossoverInRange = Number.isFinite(sweep.crossover.value) && sweep.crossover.value <= sweep.atMax.context;
  return (
    <LineChart
      title="Forward FLOPs per token against context length"
      series={series}
      xLabel="Context S' (tokens)"
      yLabel="FLOPs per token"
      formatX={formatInteger}
      formatY={flopsTick}
      verticals={crossoverInRange ? [{ x: sweep.crossover.value, label: "4LHS' = 2N" }] : []}
      summary={`For ${spec.id}, ${sweep.mode === 'decode' ? 'one decode step' : 'the mean prompt token'} costs ${flops(sweep.points[0]?.exact ?? 0)} at S' = 1 and ${flops(sweep.atMax.exact)} at S' = ${formatInteger(sweep.atMax.context)} exactly; 2N is ${flops(sweep.atMax.twoN)} throughout and the article's formula gives ${flops(sweep.atMax.article)} at the longest context.`}
    />
  );
}

export default function FlopsPerTokenCalculator({ lang }: IslandProps) {
  return <Calculator def={FLOPS_PER_TOKEN} lang={lang} />;
}
