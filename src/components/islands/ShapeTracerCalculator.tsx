import { DTYPES, type Dtype } from '../../core/dtypes';
import { decoderStages, PASSES, type DecoderTrace, type Dim, type Pass } from '../../core/flops/stages';
import { lmHeadFlopsFormula } from '../../core/flops/formulas';
import type { ModelSpec } from '../../core/model/spec';
import { embeddingParamsFormula } from '../../core/params/formulas';
import { formatBytes, formatCount, formatInteger, formatPercent, formatSI } from '../../core/units';
import { BarChart } from '../charts/BarChart';
import { Calculator, type IslandProps } from '../calculator/Calculator';
import { T } from '../i18n/T';
import { useT } from '../i18n/i18n';
import { defineCalculator } from '../calculator/defineCalculator';
import { dtypeOptions } from '../state/fields';
import { CUSTOM_MODEL, modelFields, resolveModelChoice } from '../state/pickers';

const MODEL = modelFields('gpt2');
const PASS_LABELS: Readonly<Record<Pass, string>> = {
  training: 'Training (all positions, loss)',
  prefill: 'Inference: prefill the prompt',
  decode: 'Inference: one decode step',
};
const PASS_WORDS: Readonly<Record<Pass, string>> = { training: 'training forward pass', prefill: 'prefill pass', decode: 'decode step' };
const flops = (v: number) => formatSI(v, 'FLOPs');

/** "[B, S, H]" and "[1, 1,024, 768]"; a scalar is "[]". */
function shapeText(dims: readonly Dim[]): { symbolic: string; sizes: string } {
  return {
    symbolic: `[${dims.map((d) => d.label).join(', ')}]`,
    sizes: `[${dims.map((d) => formatInteger(d.size)).join(', ')}]`,
  };
}

/** Tensor shapes and costs of a decoder-only model, stage by stage, from token ids to logits. */
export const SHAPE_TRACER = defineCalculator({
  ns: 'trace',
  anchor: 'shape-tracer',
  title: 'Shape tracer: from token ids to logits',
  fields: {
    ...MODEL,
    pass: { kind: 'select', label: 'Pass', default: 'training', options: PASSES.map((p) => ({ value: p, label: PASS_LABELS[p] })) },
    B: { kind: 'number', label: 'Batch B', default: 1, bound: 'batch', hint: 'sequences at once' },
    S: { kind: 'number', label: 'Sequence length S', default: 1024, bound: 'sequence', hint: 'tokens per sequence (context so far, in decode)' },
    dtype: {
      kind: 'select',
      label: 'Activation dtype',
      default: 'bf16',
      options: dtypeOptions(DTYPES.filter((d) => d !== 'int4' && d !== 'tf32')),
      hint: 'for the size of each output tensor',
    },
  },
  shown: (name, raw) => name !== 'config' || raw.model === CUSTOM_MODEL,
  // decoderStages names B and S `batch` and `seq`; the LM head's formula names the model's H and V.
  fieldFor: { batch: 'B', seq: 'S', newTokens: 'S', contextTokens: 'S', H: 'model', V: 'model' },
  setup: ({ model, pass, B, S }, { t }) =>
    t(
      `${model === CUSTOM_MODEL ? t('a pasted config.json') : (MODEL.model.options.find((o) => o.value === model)?.label ?? model)}, one ${t(PASS_WORDS[pass as Pass] ?? pass)}, B = ${formatInteger(B)}, S = ${formatInteger(S)}`,
    ),
  compute: ({ model, config, pass, B, S, dtype }) => {
    const spec = resolveModelChoice(model, config);
    const trace = decoderStages({ spec, batch: B, seq: S, pass: pass as Pass, dtype: dtype as Dtype });
    return {
      spec,
      trace,
      lmHead: lmHeadFlopsFormula.derive({ B, S: trace.logitTokens, H: spec.embeddingDim, V: spec.vocab }),
      embedding: embeddingParamsFormula.derive({ V: spec.vocab, H: spec.embeddingDim }),
    };
  },
  view: (r) => ({
    results: [
      {
        label: 'Parameters',
        // The ledger is exact whenever its total is at most 2^53 − 1 (countParams), which formatInteger checks.
        value: formatInteger(r.trace.totalParams),
        detail: `${formatInteger(r.spec.layers)} layers, H = ${formatInteger(r.spec.hidden)}, V = ${formatInteger(r.spec.vocab)}`,
        testId: 'trace-params',
      },
      {
        label: 'Forward FLOPs, this pass',
        value: flops(r.trace.totalFlops),
        detail: `${formatCount(r.trace.totalFlops, r.trace.exact)} FLOPs, matmuls only`,
        testId: 'trace-flops',
      },
      {
        label: 'Embedding share of parameters',
        value: formatPercent(r.trace.byKey.embedding?.paramsShare ?? 0),
        detail: r.spec.tiedEmbeddings ? 'tied: also the LM head' : 'the untied LM head adds as much again',
        testId: 'trace-embedding-share',
      },
      {
        label: 'LM head share of FLOPs',
        value: formatPercent(r.trace.byKey.lmHead?.flopsShare ?? 0),
        detail: `logits for ${r.trace.logitTokens === 1 ? 'the last position' : 'every position'}`,
        testId: 'trace-head-share',
      },
    ],
    extra: <Trace trace={r.trace} spec={r.spec} lmHeadText={r.lmHead.formatted} />,
    derivations: [r.embedding, r.lmHead],
  }),
});

/** The stage table and the FLOPs by part. */
function Trace({ trace, spec, lmHeadText }: { trace: DecoderTrace; spec: ModelSpec; lmHeadText: string }) {
  const t = useT();
  const bars = [
    { label: 'Embedding lookup', value: trace.byKey.embedding?.flops ?? 0, text: flops(trace.byKey.embedding?.flops ?? 0) },
    { label: `Attention (${formatInteger(spec.layers)} layers)`, value: trace.attentionFlops, text: flops(trace.attentionFlops) },
    { label: `FFN (${formatInteger(spec.layers)} layers)`, value: trace.ffnFlops, text: flops(trace.ffnFlops) },
    { label: 'LM head', value: trace.byKey.lmHead?.flops ?? 0, text: lmHeadText },
  ];
  // An SVG attribute never receives a number that is not finite: no chart rather than a broken one.
  const chartable = bars.every((b) => Number.isFinite(b.value));
  return (
    <>
      {/* The caption sits outside the scroll box, so a phone shows all of it while the table scrolls. */}
      <p id="trace-table-caption" className="note">
        {t(`One ${t(PASS_WORDS[trace.pass])}, stage by stage. FLOPs count matmuls only; stages marked “not counted” do O(B·S·H) elementwise work.`)}
      </p>
      <div style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={t('Stages of the forward pass')}>
        <table data-testid="trace-table" style={{ fontSize: '0.85rem' }} aria-describedby="trace-table-caption">
          <thead>
            <tr>
              <th scope="col">
                <T>Stage</T>
              </th>
              <th scope="col">
                <T>Output shape</T>
              </th>
              <th scope="col" className="num">
                <T>Output size</T>
              </th>
              <th scope="col">
                <T>Weight</T>
              </th>
              <th scope="col" className="num">
                <T>Parameters</T>
              </th>
              <th scope="col" className="num">
                <T>Forward FLOPs</T>
              </th>
            </tr>
          </thead>
          <tbody>
            {trace.stages.map((st) => {
              const out = shapeText(st.out);
              const weight = st.weight ? shapeText(st.weight) : null;
              return (
                <tr key={st.key} data-testid={`trace-${st.key}`}>
                  <th scope="row">
                    {t(st.title)}
                    <small style={{ display: 'block', fontWeight: 400 }}>{t(st.operation)}</small>
                  </th>
                  <td>
                    <code>{out.symbolic}</code>
                    <small style={{ display: 'block' }}>{out.sizes}</small>
                  </td>
                  <td className="num">{formatBytes(st.outBytes)}</td>
                  <td>
                    {weight ? (
                      <>
                        <code>{weight.symbolic}</code>
                        <small style={{ display: 'block' }}>{weight.sizes}</small>
                      </>
                    ) : st.key === 'layers' && trace.paramsPerLayer !== null ? (
                      t(`${formatInteger(trace.paramsPerLayer)} params per layer`)
                    ) : (
                      '—'
                    )}
                  </td>
                  <td className="num">
                    {formatInteger(st.params)}
                    <small style={{ display: 'block' }}>{formatPercent(st.paramsShare)}</small>
                  </td>
                  <td className="num">
                    {st.flopsCounted ? flops(st.flops) : t('not counted')}
                    {st.flopsCounted && <small style={{ display: 'block' }}>{formatPercent(st.flopsShare)}</small>}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {chartable && (
        <BarChart
          title="Forward FLOPs by part"
          bars={bars}
          summary={`Embedding lookup 0 FLOPs; attention ${flops(trace.attentionFlops)}; FFN ${flops(trace.ffnFlops)}; LM head ${flops(trace.byKey.lmHead?.flops ?? 0)} (${formatPercent(trace.byKey.lmHead?.flopsShare ?? 0)} of the total).`}
        />
      )}
    </>
  );
}

export default function ShapeTracerCalculator({ lang }: IslandProps) {
  return <Calculator def={SHAPE_TRACER} lang={lang} />;
}
