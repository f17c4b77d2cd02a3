import {
  LAYER_FLOPS_LABELS,
  LAYER_PARAMS_LABELS,
  layerCost,
  layerShapeOf,
  type LayerBiases,
  type LayerFlopsKey,
  type LayerParamsKey,
} from '../../core/flops/layer';
import type { AttentionMode } from '../../core/flops/flops';
import type { FfnKind, ModelSpec, NormKind } from '../../core/model/spec';
import { formatCount, formatInteger, formatPercent, formatQuantity, formatSignificant } from '../../core/units';
import { BarChart } from '../charts/BarChart';
import { joinWords } from '../calculator/words';
import { Calculator, type IslandProps } from '../calculator/Calculator';
import { T } from '../i18n/T';
import { defineCalculator } from '../calculator/defineCalculator';
import { CUSTOM_MODEL, modelFields, resolveModelChoice } from '../state/pickers';

const MANUAL = 'manual';
const base = modelFields('llama-2-7b');
const MODEL_NAMES = new Map(base.model.options.map((o) => [o.value, o.label]));

function shapeOf(spec: ModelSpec) {
  const s = layerShapeOf(spec);
  return { H: String(s.H), h: String(s.h), hKv: String(s.hKv), d: String(s.d), I: String(s.I), ffn: s.ffn, norm: s.norm, bias: s.biases };
}
const byHand = () => ({ model: MANUAL });

/** What the chosen model has that one dense layer shape does not show. */
function modelNote(spec: ModelSpec | null): string | null {
  if (!spec) return null;
  const notes: string[] = [];
  if (spec.moe)
    notes.push(
      `its FFN is a mixture of ${formatInteger(spec.moe.experts)} experts (${formatInteger(spec.moe.topK)} per token); the layer above uses the dense FFN width from its config`,
    );
  if (spec.mla) notes.push('it uses multi-head latent attention, whose low-rank projections are not the Q, K, V, O shapes above');
  if (spec.extras.normsPerLayer !== 2 || spec.extras.qkNorm) notes.push('its norms per layer differ from the two counted here');
  if (spec.extras.parallelBlock) notes.push('attention and FFN read the same input (a parallel block): the cost is the same');
  return notes.length ? `For this model: ${notes.join('; ')}. Chapter 10 covers these variants.` : null;
}

/** One decoder layer's FLOPs and parameters, component by component, for a shape and a workload. */
export const LAYER_COST = defineCalculator({
  ns: 'lc',
  anchor: 'layer-cost-calculator',
  title: "One layer's cost, component by component",
  fields: {
    // Picking a model fills the layer's shape; editing a shape field switches back to "by hand".
    model: { ...base.model, label: 'Layer shape from', options: [{ value: MANUAL, label: 'By hand (enter H, h, …)' }, ...base.model.options] },
    config: base.config,
    H: { kind: 'number', label: 'Hidden size H', default: 4096, bound: 'width' },
    h: { kind: 'number', label: 'Query heads h', default: 32, bound: 'heads' },
    hKv: {
      kind: 'number',
      label: 'KV heads h_kv',
      default: 32,
      bound: 'heads',
      hint: (v) => `${formatInteger(Number(v['h']))} (= h) for MHA, 1 for MQA, a divisor of ${formatInteger(Number(v['h']))} for GQA`,
    },
    d: {
      kind: 'number',
      label: 'Head dim d',
      default: 128,
      bound: 'width',
      hint: (v) => `usually H/h = ${formatSignificant(Number(v['H']) / Number(v['h']), 3)}`,
    },
    I: {
      kind: 'number',
      label: 'FFN width I',
      default: 11008,
      bound: 'width',
      hint: (v) => `4H = ${formatInteger(4 * Number(v['H']))} for ReLU/GELU; about 8H/3 ≈ ${formatInteger(Math.round((8 * Number(v['H'])) / 3))} gated`,
    },
    ffn: {
      kind: 'select',
      label: 'FFN kind',
      default: 'gated',
      options: [
        { value: 'mlp', label: 'Two matrices (ReLU/GELU)' },
        { value: 'gated', label: 'Gated, three matrices (SwiGLU/GeGLU)' },
      ],
    },
    norm: {
      kind: 'select',
      label: 'Norms',
      default: 'rmsnorm',
      options: [
        { value: 'rmsnorm', label: 'RMSNorm (weight)' },
        { value: 'layernorm', label: 'LayerNorm (weight + bias)' },
      ],
    },
    bias: {
      kind: 'select',
      label: 'Projection biases',
      default: 'none',
      options: [
        { value: 'none', label: 'None (Llama)' },
        { value: 'qkv', label: 'Q, K, V only (Qwen 2)' },
        { value: 'all', label: 'All (GPT-2, BLOOM)' },
      ],
    },
    B: { kind: 'number', label: 'Batch B', default: 1, bound: 'batch' },
    S: { kind: 'number', label: 'New tokens S', default: 1024, bound: 'sequence', hint: 'prompt length in prefill, 1 per decode step' },
    Sc: { kind: 'number', label: "Context S'", default: 1024, bound: 'sequence', hint: 'keys each token can see, new tokens included' },
    attention: {
      kind: 'select',
      label: 'Attention mask',
      default: 'causal',
      options: [
        { value: 'causal', label: 'Causal (decoder)' },
        { value: 'full', label: "Full: every token sees all S'" },
      ],
    },
  },
  groups: [
    { legend: 'Layer shape', names: ['model', 'config', 'H', 'h', 'hKv', 'd', 'I'] },
    { legend: 'Workload', names: ['S', 'Sc'] },
    { legend: 'Batch, mask, FFN kind, norms and biases', names: ['B', 'attention', 'ffn', 'norm', 'bias'], advanced: true },
  ],
  shown: (name, raw) => name !== 'config' || raw.model === CUSTOM_MODEL,
  linked: {
    model: (id) => (id === MANUAL || id === CUSTOM_MODEL ? {} : shapeOf(resolveModelChoice(id, ''))),
    config: (text) => shapeOf(resolveModelChoice(CUSTOM_MODEL, text)),
    H: byHand,
    h: byHand,
    hKv: byHand,
    d: byHand,
    I: byHand,
    ffn: byHand,
    norm: byHand,
    bias: byHand,
  },
  // The whole-model FLOP count the layer reuses names its inputs in words.
  fieldFor: { batch: 'B', newTokens: 'S', contextTokens: 'Sc' },
  setup: ({ model, H, h, hKv, d, I, ffn, B, S, Sc, attention }, { t }) => {
    const shape = `H = ${formatInteger(H)}, h = ${formatInteger(h)}, h_kv = ${formatInteger(hKv)}, d = ${formatInteger(d)}, I = ${formatInteger(I)} ${ffn === 'gated' ? t('gated') : t('two-matrix')}`;
    const who =
      model === MANUAL
        ? t(`a layer with ${shape}`)
        : t(`a ${model === CUSTOM_MODEL ? t('pasted config.json') : (MODEL_NAMES.get(model) ?? model)} layer (${shape})`);
    return t(
      `${who}, B = ${formatInteger(B)}, S = ${formatInteger(S)}, S' = ${formatInteger(Sc)}, ${attention === 'full' ? t('full attention') : t('causal attention')}`,
    );
  },
  compute: ({ model, config, H, h, hKv, d, I, ffn, norm, bias, B, S, Sc, attention }) => {
    const spec = model === MANUAL ? null : resolveModelChoice(model, config);
    const cost = layerCost(
      { H, h, hKv, d, I, ffn: ffn as FfnKind, norm: norm as NormKind, biases: bias as LayerBiases },
      { B, S, Sc, attention: attention as AttentionMode },
    );
    return { cost, note: modelNote(spec) };
  },
  view: ({ cost, note }) => ({
    results: [
      {
        label: 'FLOPs of this layer',
        value: formatQuantity(cost.flopsTotal, 'FLOPs'),
        detail: `${formatCount(cost.flopsTotal, cost.exact)} FLOPs`,
        testId: 'lc-flops',
      },
      {
        label: "Article's 24BSH² + 4BSS'H",
        value: cost.articleFlops.formatted,
        // Past 2^53 − 1 the digits are not known: "≈" and 3 significant figures stand in for them.
        detail: `${cost.articleFlops.exact ?? formatCount(cost.articleFlops.value, false)} FLOPs (MHA, 4H FFN, full attention)`,
        testId: 'lc-article-flops',
      },
      {
        label: 'Attention (scores + A·V) share',
        value: formatPercent(cost.attentionShare),
        detail: "of this layer's FLOPs; grows with S'",
        testId: 'lc-attention-share',
      },
      {
        label: 'Parameters of this layer',
        // The ledger is exact whenever its total is at most 2^53 − 1 (countParams), which formatInteger checks.
        value: formatInteger(cost.paramsTotal),
        detail: `of which ${formatInteger(cost.paramsBiases)} in bias vectors`,
        testId: 'lc-params',
      },
      { label: 'Article’s 12H²', value: cost.articleParams.formatted, testId: 'lc-article-params' },
    ],
    extra: <LayerCharts cost={cost} note={note} />,
    derivations: [cost.steps.projections, cost.steps.attention, cost.steps.ffn],
    more: [cost.steps.attentionParams, cost.steps.ffnParams, cost.articleFlops],
  }),
});

type Cost = ReturnType<typeof LAYER_COST.compute>['cost'];

/** The model's note, and FLOPs and parameters per component as bars (drawn only from finite numbers). */
function LayerCharts({ cost, note }: { cost: Cost; note: string | null }) {
  const flopBars = (Object.keys(LAYER_FLOPS_LABELS) as LayerFlopsKey[]).map((k) => ({
    label: LAYER_FLOPS_LABELS[k],
    value: cost.flops[k],
    text: formatQuantity(cost.flops[k], 'FLOPs'),
  }));
  const paramBars = (Object.keys(LAYER_PARAMS_LABELS) as LayerParamsKey[]).map((k) => ({
    label: LAYER_PARAMS_LABELS[k],
    value: cost.params[k],
    text: formatInteger(cost.params[k]),
  }));
  const finite = (bars: readonly { value: number }[]) => bars.every((b) => Number.isFinite(b.value));
  return (
    <>
      {note && (
        <p className="note" data-testid="lc-note">
          {note}
        </p>
      )}
      {finite(flopBars) && (
        <>
          <h4 className="chart-title">
            <T>FLOPs per component</T>
          </h4>
          <BarChart
            title="FLOPs per component"
            bars={flopBars}
            summary={(t, lang) =>
              t(
                `FLOPs of one layer by component: ${joinWords(
                  flopBars.map((b) => `${t(b.label)} ${b.text}`),
                  lang,
                )}.`,
              )
            }
          />
        </>
      )}
      {finite(paramBars) && (
        <>
          <h4 className="chart-title">
            <T>Parameters per component</T>
          </h4>
          <BarChart
            title="Parameters per component"
            bars={paramBars}
            summary={(t, lang) =>
              t(
                `Parameters of one layer by component: ${joinWords(
                  paramBars.map((b) => `${t(b.label)} ${b.text}`),
                  lang,
                )}.`,
              )
            }
          />
        </>
      )}
    </>
  );
}

export default function LayerCostCalculator({ lang }: IslandProps) {
  return <Calculator def={LAYER_COST} lang={lang} />;
}
