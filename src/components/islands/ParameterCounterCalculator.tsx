import { MAX_EXACT_INTEGER } from '../../core/bounds';
import { hasPreset, getPreset } from '../../core/model/presets';
import { countParams, paramsApprox, activeParams, type ParamGroup } from '../../core/params/params';
import { paramsApproxFormula } from '../../core/params/formulas';
import { formatCount, formatInteger, formatPercent } from '../../core/units';
import { BarChart } from '../charts/BarChart';
import { Calculator, type IslandProps } from '../calculator/Calculator';
import { T } from '../i18n/T';
import { useT } from '../i18n/i18n';
import { joinWords } from '../calculator/words';
import { defineCalculator } from '../calculator/defineCalculator';
import { CUSTOM_MODEL, modelFields, resolveModelChoice } from '../state/pickers';

/** URL namespace and anchor: the models page links here as `?pc.model=<id>#parameter-counter`. */
export const PARAMETER_COUNTER_NS = 'pc';
export const PARAMETER_COUNTER_ANCHOR = 'parameter-counter';
const MODEL = modelFields('llama-2-7b');

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

/** A signed count: "+164,892,672", "-2,048", "≈ +1.20 × 10¹⁷". */
function signed(n: number, exact: boolean): string {
  const text = formatCount(n, exact);
  if (!(n > 0)) return text;
  return text.startsWith('≈ ') ? `≈ +${text.slice(2)}` : `+${text}`;
}

/** The exact parameter count of a model, tensor by tensor, beside N ≈ 12·L·H² + V·H and its error. */
export const PARAMETER_COUNTER = defineCalculator({
  ns: PARAMETER_COUNTER_NS,
  anchor: PARAMETER_COUNTER_ANCHOR,
  title: 'Parameter counter: the exact ledger',
  fields: { ...MODEL },
  shown: (name, raw) => name !== 'config' || raw.model === CUSTOM_MODEL,
  setup: ({ model }, { t }) => (model === CUSTOM_MODEL ? t('a pasted config.json') : (MODEL.model.options.find((o) => o.value === model)?.label ?? model)),
  compute: ({ model, config }) => {
    const spec = resolveModelChoice(model, config);
    const ledger = countParams(spec);
    const preset = model !== CUSTOM_MODEL && hasPreset(model) ? getPreset(model) : null;
    const official = preset ? { params: preset.officialParams, source: preset.officialParamsSource } : null;
    return {
      spec,
      ledger,
      approx: paramsApprox(spec),
      active: spec.moe ? activeParams(spec) : null,
      derivation: paramsApproxFormula.derive({ L: spec.layers, H: spec.hidden, V: spec.vocab }),
      official,
      // Only an exact count can match an official figure to the parameter.
      matches: official?.params != null && ledger.exact ? official.params === ledger.total : null,
    };
  },
  view: (r) => ({
    results: [
      {
        label: 'Exact parameters',
        value: formatCount(r.ledger.total, r.ledger.exact),
        detail: `${r.spec.id}: ${formatInteger(r.ledger.rows.length)} tensors`,
        testId: 'pc-total',
      },
      {
        label: 'Official count',
        value: r.official?.params != null ? formatInteger(r.official.params) : '—',
        detail: r.official
          ? r.matches === null
            ? r.official.source
            : r.matches
              ? '✓ matches to the parameter'
              : '✗ differs'
          : 'pasted config: no official figure',
        testId: 'pc-official',
      },
      {
        label: '12LH² + VH',
        value: formatCount(r.approx.approx, r.approx.exactDigits),
        detail: `${formatPercent(r.approx.relativeError)} off the exact count`,
        testId: 'pc-approx',
      },
      { label: 'Exact − approximation', value: signed(r.approx.error, r.approx.exactDigits), detail: 'explained term by term below', testId: 'pc-error' },
      ...(r.active !== null ? [{ label: 'Active per token (MoE)', value: formatCount(r.active, r.ledger.exact), testId: 'pc-active' }] : []),
    ],
    extra: <Ledger r={r} />,
    derivations: [r.derivation],
  }),
});

type Result = ReturnType<typeof PARAMETER_COUNTER.compute>;

/** Parameters by part, the gap to 12LH² + VH term by term, and the ledger tensor by tensor. */
function Ledger({ r }: { r: Result }) {
  const t = useT();
  const exact = r.ledger.exact;
  const bars = GROUPS.filter((g) => r.ledger[g] > 0).map((g) => ({ label: GROUP_LABELS[g], value: r.ledger[g], text: formatCount(r.ledger[g], exact) }));
  return (
    <>
      {!exact && (
        <p className="note warning" data-testid="pc-inexact">
          {t(
            `This model has more than ${formatInteger(MAX_EXACT_INTEGER)} (2^53 − 1) parameters: a double cannot hold every digit, so the counts below are rounded to 3 significant figures, not exact.`,
          )}
        </p>
      )}
      {bars.every((b) => Number.isFinite(b.value)) && (
        <>
          <h4 className="chart-title">
            <T>Parameters by part of the model</T>
          </h4>
          <BarChart
            title="Parameters by part of the model"
            bars={bars}
            summary={(tr, lang) =>
              tr(
                `Parameters of ${r.spec.id} by part: ${joinWords(
                  bars.map((b) => `${tr(b.label)} ${b.text}`),
                  lang,
                )}.`,
              )
            }
          />
        </>
      )}
      <div className="table-scroll" style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={t('Why the approximation misses')}>
        <table className="gap-table" data-testid="pc-gap">
          <caption>
            <T>Why 12LH² + VH misses: the exact count minus the approximation, term by term</T>
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <T>Term</T>
              </th>
              <th scope="col" className="num">
                <T>Parameters</T>
              </th>
              <th scope="col">
                <T>Why</T>
              </th>
            </tr>
          </thead>
          <tbody>
            {r.approx.terms.map((term) => (
              <tr key={term.term}>
                <td>{t(TERM_LABELS[term.term] ?? term.term)}</td>
                <td className="num">{signed(term.params, r.approx.exactDigits)}</td>
                <td>{t(term.why)}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">
                <T>Total</T>
              </th>
              <td className="num">{signed(r.approx.error, r.approx.exactDigits)}</td>
              <td />
            </tr>
          </tbody>
        </table>
      </div>
      <details className="ledger">
        <summary>{t(`The ledger, tensor by tensor (${formatInteger(r.ledger.rows.length)} rows)`)}</summary>
        <div className="table-scroll" style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={t('Parameter ledger')}>
          <table data-testid="pc-ledger">
            <thead>
              <tr>
                <th scope="col">
                  <T>Tensor</T>
                </th>
                <th scope="col">
                  <T>Shape</T>
                </th>
                <th scope="col" className="num">
                  <T>Layers</T>
                </th>
                <th scope="col" className="num">
                  <T>Parameters</T>
                </th>
              </tr>
            </thead>
            <tbody>
              {r.ledger.rows.map((row, i) => (
                <tr key={`${row.name}-${i}`}>
                  <td>
                    <code>{row.perLayer ? `layers.*.${row.name}` : row.name}</code>
                  </td>
                  <td>[{row.shape.map(formatInteger).join(', ')}]</td>
                  <td className="num">{row.perLayer ? formatInteger(row.layers) : ''}</td>
                  <td className="num">{formatCount(row.count, exact)}</td>
                </tr>
              ))}
              <tr>
                <th scope="row" colSpan={3}>
                  <T>Total</T>
                </th>
                <td className="num">{formatCount(r.ledger.total, exact)}</td>
              </tr>
            </tbody>
          </table>
        </div>
      </details>
    </>
  );
}

export default function ParameterCounterCalculator({ lang }: IslandProps) {
  return <Calculator def={PARAMETER_COUNTER} lang={lang} />;
}
