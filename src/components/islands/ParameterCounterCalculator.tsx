import { useMemo } from 'react';
import { hasPreset, getPreset } from '../../core/model/presets';
import { countParams, paramsApprox, activeParams, type ParamGroup } from '../../core/params/params';
import { paramsApproxFormula } from '../../core/params/formulas';
import { formatInteger, formatPercent } from '../../core/units';
import { DerivationView } from '../DerivationView';
import { BarChart } from '../charts/BarChart';
import { CalculatorShell } from '../controls/CalculatorShell';
import { ModelPicker } from '../controls/ModelPicker';
import { Results } from '../controls/Results';
import type { FieldSpecs } from '../state/fields';
import { CUSTOM_MODEL, modelFields, resolveModelChoice } from '../state/pickers';
import { useCalculatorState, useComputed } from '../state/useCalculatorState';

/** URL namespace and anchor: the models page links here as `?pc.model=<id>#parameter-counter`. */
export const PARAMETER_COUNTER_NS = 'pc';
export const PARAMETER_COUNTER_ANCHOR = 'parameter-counter';
const NS = PARAMETER_COUNTER_NS;
const MODEL = modelFields('llama-2-7b');
const FIELDS = { ...MODEL } satisfies FieldSpecs;

const GROUP_LABELS: Readonly<Record<ParamGroup, string>> = {
  embedding: 'Token embedding',
  positionEmbedding: 'Position embedding',
  attention: 'Attention',
  mlp: 'FFN / experts',
  router: 'Router',
  norms: 'Norms',
  lmHead: 'LM head (untied)',
};
const GROUPS = Object.keys(GROUP_LABELS) as ParamGroup[];
const TERM_LABELS: Readonly<Record<string, string>> = {
  attention: 'Attention weights vs 4LH²',
  ffn: 'FFN weights vs 8LH²',
  lmHead: 'LM head',
  embedding: 'Embedding vs VH',
  positionEmbedding: 'Position embedding',
  norms: 'Norms',
  biases: 'Projection biases',
};

function signed(n: number): string {
  return n > 0 ? `+${formatInteger(n)}` : formatInteger(n);
}

/** The exact parameter count of a model, tensor by tensor, beside N ≈ 12·L·H² + V·H and its error. */
export default function ParameterCounterCalculator() {
  const state = useCalculatorState(NS, FIELDS);
  const { model, config } = state.values;
  const computed = useComputed(
    () => {
      const spec = resolveModelChoice(model, config);
      const ledger = countParams(spec);
      const approx = paramsApprox(spec);
      const preset = model !== CUSTOM_MODEL && hasPreset(model) ? getPreset(model) : null;
      return {
        spec,
        ledger,
        approx,
        active: spec.moe ? activeParams(spec) : null,
        derivation: paramsApproxFormula.derive({ L: spec.layers, H: spec.hidden, V: spec.vocab }),
        official: preset ? { params: preset.officialParams, source: preset.officialParamsSource, name: preset.name } : null,
      };
    },
    [model, config],
    !state.hasErrors,
  );
  const r = computed.result;
  const configError = computed.status === 'error' && (computed.field === 'config' || computed.field === 'model') ? computed.error : null;
  const inputs = useMemo(() => <ModelPicker ns={NS} fields={MODEL} state={state} configError={configError} />, [state, configError]);
  const bars = r
    ? GROUPS.filter((g) => r.ledger[g] > 0).map((g) => ({ label: GROUP_LABELS[g], value: r.ledger[g], text: formatInteger(r.ledger[g]) }))
    : [];
  const matches = r?.official?.params != null ? r.official.params === r.ledger.total : null;
  return (
    <CalculatorShell
      anchor={PARAMETER_COUNTER_ANCHOR}
      title="Parameter counter: the exact ledger"
      inputs={inputs}
      error={computed.status === 'error' && computed.field !== 'config' && computed.field !== 'model' ? computed.error : null}
      stale={computed.stale}
      linkUrl={state.linkUrl}
    >
      {r && (
        <>
          <Results
            items={[
              { label: 'Exact parameters', value: formatInteger(r.ledger.total), detail: `${r.spec.id}: ${r.ledger.rows.length} tensors`, testId: 'pc-total' },
              {
                label: 'Official count',
                value: r.official?.params != null ? formatInteger(r.official.params) : '—',
                detail: r.official ? (matches === null ? r.official.source : matches ? '✓ matches to the parameter' : '✗ differs') : 'pasted config: no official figure',
                testId: 'pc-official',
              },
              { label: '12LH² + VH', value: formatInteger(r.approx.approx), detail: `${formatPercent(r.approx.relativeError)} off the exact count`, testId: 'pc-approx' },
              { label: 'Exact − approximation', value: signed(r.approx.error), detail: 'explained term by term below', testId: 'pc-error' },
              ...(r.active !== null ? [{ label: 'Active per token (MoE)', value: formatInteger(r.active), testId: 'pc-active' }] : []),
            ]}
          />
          <h4 className="chart-title">Parameters by part of the model</h4>
          <BarChart
            title="Parameters by part of the model"
            bars={bars}
            summary={`Parameters of ${r.spec.id} by part: ${bars.map((b) => `${b.label} ${b.text}`).join('; ')}.`}
          />
          <DerivationView derivation={r.derivation} stale={computed.stale} />
          <div className="table-scroll" style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label="Why the approximation misses">
          <table className="gap-table" data-testid="pc-gap">
            <caption>Why 12LH² + VH misses: the exact count minus the approximation, term by term</caption>
            <thead>
              <tr>
                <th scope="col">Term</th>
                <th scope="col" className="num">Parameters</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {r.approx.terms.map((t) => (
                <tr key={t.term}>
                  <td>{TERM_LABELS[t.term] ?? t.term}</td>
                  <td className="num">{signed(t.params)}</td>
                  <td>{t.why}</td>
                </tr>
              ))}
              <tr>
                <th scope="row">Total</th>
                <td className="num">{signed(r.approx.error)}</td>
                <td />
              </tr>
            </tbody>
          </table>
          </div>
          <details className="ledger">
            <summary>The ledger, tensor by tensor ({r.ledger.rows.length} rows)</summary>
            <div className="table-scroll" style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label="Parameter ledger">
            <table data-testid="pc-ledger">
              <thead>
                <tr>
                  <th scope="col">Tensor</th>
                  <th scope="col">Shape</th>
                  <th scope="col" className="num">Layers</th>
                  <th scope="col" className="num">Parameters</th>
                </tr>
              </thead>
              <tbody>
                {r.ledger.rows.map((row, i) => (
                  <tr key={`${row.name}-${i}`}>
                    <td>
                      <code>{row.perLayer ? `layers.*.${row.name}` : row.name}</code>
                    </td>
                    <td>[{row.shape.join(', ')}]</td>
                    <td className="num">{row.perLayer ? formatInteger(row.layers) : ''}</td>
                    <td className="num">{formatInteger(row.count)}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row" colSpan={3}>
                    Total
                  </th>
                  <td className="num">{formatInteger(r.ledger.total)}</td>
                </tr>
              </tbody>
            </table>
            </div>
          </details>
        </>
      )}
    </CalculatorShell>
  );
}
