import { DTYPES } from '../../core/dtypes';
import { decoderStages, PASSES, type Dim, type Pass } from '../../core/flops/stages';
import { lmHeadFlopsFormula } from '../../core/flops/formulas';
import { embeddingParamsFormula } from '../../core/params/formulas';
import { formatBytes, formatInteger, formatPercent, formatSI } from '../../core/units';
import { DerivationView } from '../DerivationView';
import { BarChart } from '../charts/BarChart';
import { CalculatorShell } from '../controls/CalculatorShell';
import { Field } from '../controls/Field';
import { ModelPicker } from '../controls/ModelPicker';
import { Results } from '../controls/Results';
import { dtypeOptions, type FieldSpecs } from '../state/fields';
import { modelFields, resolveModelChoice } from '../state/pickers';
import { useCalculatorState, useComputed } from '../state/useCalculatorState';

const NS = 'trace';
const MODEL = modelFields('gpt2');
const PASS_LABELS: Record<Pass, string> = {
  training: 'Training (all positions, loss)',
  prefill: 'Inference: prefill the prompt',
  decode: 'Inference: one decode step',
};
const FIELDS = {
  ...MODEL,
  pass: {
    kind: 'select',
    label: 'Pass',
    default: 'training',
    options: PASSES.map((p) => ({ value: p, label: PASS_LABELS[p] })),
  },
  B: { kind: 'number', label: 'Batch B', default: 1, domain: 'positiveInt', hint: 'sequences at once' },
  S: { kind: 'number', label: 'Sequence length S', default: 1024, domain: 'positiveInt', hint: 'tokens per sequence (context so far, in decode)' },
  dtype: {
    kind: 'select',
    label: 'Activation dtype',
    default: 'bf16',
    options: dtypeOptions(DTYPES.filter((d) => d !== 'int4' && d !== 'tf32')),
    hint: 'for the size of each output tensor',
  },
} satisfies FieldSpecs;
type Fields = typeof FIELDS;
const OTHER_INPUTS = ['pass', 'B', 'S', 'dtype'] as const;

/** "[B, S, H] = [1, 1024, 768]"; a scalar is "[]". */
function shapeText(dims: readonly Dim[]): { symbolic: string; sizes: string } {
  return {
    symbolic: `[${dims.map((d) => d.label).join(', ')}]`,
    sizes: `[${dims.map((d) => formatInteger(d.size)).join(', ')}]`,
  };
}

/** Tensor shapes and costs of a decoder-only model, stage by stage, from token ids to logits. */
export default function ShapeTracerCalculator() {
  const state = useCalculatorState(NS, FIELDS);
  const { model, config, pass, B, S, dtype } = state.values;
  const computed = useComputed(
    () => {
      const spec = resolveModelChoice(model, config);
      const trace = decoderStages({ spec, batch: B, seq: S, pass: pass as Pass, dtype: dtype as (typeof DTYPES)[number] });
      const E = spec.embeddingDim;
      const lmHead = lmHeadFlopsFormula.derive({ B, S: trace.logitTokens, H: E, V: spec.vocab });
      const embedding = embeddingParamsFormula.derive({ V: spec.vocab, H: E });
      return { spec, trace, lmHead, embedding };
    },
    [model, config, pass, B, S, dtype],
    !state.hasErrors,
  );
  const r = computed.result;
  const errorFor = (name: string) => (computed.status === 'error' && computed.field === name ? computed.error : null);
  const inputs = (
    <>
      <ModelPicker ns={NS} fields={MODEL} state={state} configError={errorFor('config')} />
      {OTHER_INPUTS.map((name) => (
        <Field<Fields>
          key={name}
          ns={NS}
          name={name}
          spec={FIELDS[name]}
          state={state}
          coreError={errorFor(name === 'B' ? 'batch' : name === 'S' ? 'seq' : name)}
        />
      ))}
    </>
  );
  // Errors no input owns (an unknown preset id in a hand-edited link) go above the results.
  const owned = new Set<string>(['config', 'batch', 'seq', 'pass', 'dtype']);
  const shellError = computed.status === 'error' && computed.error && !(computed.field && owned.has(computed.field)) ? computed.error : null;

  return (
    <CalculatorShell
      anchor="shape-tracer"
      title="Shape tracer: from token ids to logits"
      inputs={inputs}
      error={shellError}
      stale={computed.stale}
      linkUrl={state.linkUrl}
    >
      {r && (
        <>
          <Results
            items={[
              {
                label: 'Parameters',
                value: formatInteger(r.trace.totalParams),
                detail: `${r.spec.layers} layers, H = ${formatInteger(r.spec.hidden)}, V = ${formatInteger(r.spec.vocab)}`,
                testId: 'trace-params',
              },
              {
                label: 'Forward FLOPs, this pass',
                value: formatSI(r.trace.totalFlops, 'FLOPs'),
                detail: `${formatInteger(r.trace.totalFlops)} FLOPs, matmuls only`,
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
            ]}
          />
          <div style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label="Stages of the forward pass">
            <table data-testid="trace-table" style={{ fontSize: '0.85rem' }}>
              <caption style={{ textAlign: 'left' }}>
                One {r.trace.pass === 'training' ? 'training forward pass' : r.trace.pass === 'prefill' ? 'prefill pass' : 'decode step'}, stage by
                stage. FLOPs count matmuls only; stages marked “not counted” do O(B·S·H) elementwise work.
              </caption>
              <thead>
                <tr>
                  <th scope="col">Stage</th>
                  <th scope="col">Output shape</th>
                  <th scope="col" className="num">Output size</th>
                  <th scope="col">Weight</th>
                  <th scope="col" className="num">Parameters</th>
                  <th scope="col" className="num">Forward FLOPs</th>
                </tr>
              </thead>
              <tbody>
                {r.trace.stages.map((st) => {
                  const out = shapeText(st.out);
                  const weight = st.weight ? shapeText(st.weight) : null;
                  return (
                    <tr key={st.key} data-testid={`trace-${st.key}`}>
                      <th scope="row">
                        {st.title}
                        <small style={{ display: 'block', fontWeight: 400 }}>{st.operation}</small>
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
                        ) : st.key === 'layers' && r.trace.paramsPerLayer !== null ? (
                          `${formatInteger(r.trace.paramsPerLayer)} params per layer`
                        ) : (
                          '—'
                        )}
                      </td>
                      <td className="num">
                        {formatInteger(st.params)}
                        <small style={{ display: 'block' }}>{formatPercent(st.paramsShare)}</small>
                      </td>
                      <td className="num">
                        {st.flopsCounted ? formatSI(st.flops, 'FLOPs') : 'not counted'}
                        {st.flopsCounted && <small style={{ display: 'block' }}>{formatPercent(st.flopsShare)}</small>}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <BarChart
            title="Forward FLOPs by part"
            bars={[
              { label: 'Embedding lookup', value: r.trace.byKey.embedding?.flops ?? 0, text: formatSI(r.trace.byKey.embedding?.flops ?? 0, 'FLOPs') },
              { label: `Attention (${r.spec.layers} layers)`, value: r.trace.attentionFlops, text: formatSI(r.trace.attentionFlops, 'FLOPs') },
              { label: `FFN (${r.spec.layers} layers)`, value: r.trace.ffnFlops, text: formatSI(r.trace.ffnFlops, 'FLOPs') },
              { label: 'LM head', value: r.trace.byKey.lmHead?.flops ?? 0, text: r.lmHead.formatted },
            ]}
            summary={`Embedding lookup 0 FLOPs; attention ${formatSI(r.trace.attentionFlops, 'FLOPs')}; FFN ${formatSI(r.trace.ffnFlops, 'FLOPs')}; LM head ${formatSI(r.trace.byKey.lmHead?.flops ?? 0, 'FLOPs')} (${formatPercent(r.trace.byKey.lmHead?.flopsShare ?? 0)} of the total).`}
          />
          <DerivationView derivation={r.embedding} stale={computed.stale} />
          <DerivationView derivation={r.lmHead} stale={computed.stale} />
        </>
      )}
    </CalculatorShell>
  );
}
