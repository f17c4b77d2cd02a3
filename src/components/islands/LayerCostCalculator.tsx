import { useMemo } from 'react';
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
import { formatInteger, formatPercent, formatQuantity } from '../../core/units';
import { DerivationView } from '../DerivationView';
import { BarChart } from '../charts/BarChart';
import { CalculatorShell } from '../controls/CalculatorShell';
import { Field } from '../controls/Field';
import { ModelPicker } from '../controls/ModelPicker';
import { Results } from '../controls/Results';
import type { FieldSpecs } from '../state/fields';
import { CUSTOM_MODEL, modelFields, resolveModelChoice } from '../state/pickers';
import { useCalculatorState, useComputed, type CalculatorState } from '../state/useCalculatorState';

const NS = 'lc';
const MANUAL = 'manual';
const base = modelFields('llama-2-7b');
// Picking a model fills the layer's shape; editing a shape field switches back to "by hand".
const MODEL = {
  model: { ...base.model, label: 'Layer shape from', options: [{ value: MANUAL, label: 'By hand (enter H, h, …)' }, ...base.model.options] },
  config: base.config,
};
const FIELDS = {
  ...MODEL,
  H: { kind: 'number', label: 'Hidden size H', default: 4096, domain: 'positiveInt', max: 1_000_000 },
  h: { kind: 'number', label: 'Query heads h', default: 32, domain: 'positiveInt', max: 100_000 },
  hKv: { kind: 'number', label: 'KV heads h_kv', default: 32, domain: 'positiveInt', max: 100_000, hint: 'h for MHA, 1 for MQA, a divisor of h for GQA' },
  d: { kind: 'number', label: 'Head dim d', default: 128, domain: 'positiveInt', max: 100_000, hint: 'usually H/h' },
  I: { kind: 'number', label: 'FFN width I', default: 11008, domain: 'positiveInt', max: 10_000_000, hint: '4H for ReLU/GELU; about 8H/3 gated' },
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
  B: { kind: 'number', label: 'Batch B', default: 1, domain: 'positiveInt', max: 1_000_000 },
  S: { kind: 'number', label: 'New tokens S', default: 1024, domain: 'positiveInt', max: 10_000_000, hint: 'prompt length in prefill, 1 per decode step' },
  Sc: { kind: 'number', label: "Context S'", default: 1024, domain: 'positiveInt', max: 10_000_000, hint: 'keys each token can see, new tokens included' },
  attention: {
    kind: 'select',
    label: 'Attention mask',
    default: 'causal',
    options: [
      { value: 'causal', label: 'Causal (decoder)' },
      { value: 'full', label: "Full: every token sees all S'" },
    ],
  },
} satisfies FieldSpecs;
type Name = keyof typeof FIELDS & string;
const SHAPE = ['H', 'h', 'hKv', 'd', 'I', 'ffn', 'norm', 'bias'] as const;
const WORKLOAD = ['B', 'S', 'Sc', 'attention'] as const;

function shapeOf(spec: ModelSpec): Record<(typeof SHAPE)[number], string> {
  const s = layerShapeOf(spec);
  return { H: String(s.H), h: String(s.h), hKv: String(s.hKv), d: String(s.d), I: String(s.I), ffn: s.ffn, norm: s.norm, bias: s.biases };
}

/** What the chosen model has that one dense layer shape does not show. */
function modelNote(spec: ModelSpec | null): string | null {
  if (!spec) return null;
  const notes: string[] = [];
  if (spec.moe) notes.push(`its FFN is a mixture of ${spec.moe.experts} experts (${spec.moe.topK} per token); the layer above uses the dense FFN width from its config`);
  if (spec.mla) notes.push('it uses multi-head latent attention, whose low-rank projections are not the Q, K, V, O shapes above');
  if (spec.extras.normsPerLayer !== 2 || spec.extras.qkNorm) notes.push('its norms per layer differ from the two counted here');
  if (spec.extras.parallelBlock) notes.push('attention and FFN read the same input (a parallel block): the cost is the same');
  return notes.length ? `For this model: ${notes.join('; ')}. Chapter 10 covers these variants.` : null;
}

/** One decoder layer's FLOPs and parameters, component by component, for a shape and a workload. */
export default function LayerCostCalculator() {
  const state = useCalculatorState(NS, FIELDS);
  const linked = useMemo<CalculatorState<typeof FIELDS>>(() => {
    const set = (field: Name, text: string) => {
      if (field === 'model') {
        if (text === MANUAL || text === CUSTOM_MODEL) return state.set(field, text);
        try {
          state.setMany({ model: text, ...shapeOf(resolveModelChoice(text, '')) });
        } catch {
          state.set(field, text);
        }
        return;
      }
      if (field === 'config') {
        try {
          state.setMany({ config: text, ...shapeOf(resolveModelChoice(CUSTOM_MODEL, text)) });
        } catch {
          state.set(field, text);
        }
        return;
      }
      if ((SHAPE as readonly string[]).includes(field)) {
        state.setMany({ [field]: text, model: MANUAL });
        return;
      }
      state.set(field, text);
    };
    return { ...state, set };
  }, [state]);

  const { model, config, H, h, hKv, d, I, ffn, norm, bias, B, S, Sc, attention } = state.values;
  const computed = useComputed(
    () => {
      const spec = model === MANUAL ? null : resolveModelChoice(model, config);
      const cost = layerCost(
        { H, h, hKv, d, I, ffn: ffn as FfnKind, norm: norm as NormKind, biases: bias as LayerBiases },
        { B, S, Sc, attention: attention as AttentionMode },
      );
      return { cost, note: modelNote(spec) };
    },
    [model, config, H, h, hKv, d, I, ffn, norm, bias, B, S, Sc, attention],
    !state.hasErrors,
  );
  const r = computed.result;
  const errorFor = (name: string) => (computed.status === 'error' && computed.field === name ? computed.error : null);
  const fields = useMemo(
    () => (
      <>
        <ModelPicker ns={NS} fields={MODEL} state={linked} configError={errorFor('config')} />
        {[...SHAPE, ...WORKLOAD].map((name) => (
          <Field key={name} ns={NS} name={name} spec={FIELDS[name]} state={linked} coreError={errorFor(name)} />
        ))}
      </>
    ),
    // errorFor reads computed
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [linked, computed],
  );
  const known = new Set<string>(Object.keys(FIELDS));
  const shellError = computed.status === 'error' && (computed.field === null || !known.has(computed.field)) ? computed.error : null;
  const flopBars = r
    ? (Object.keys(LAYER_FLOPS_LABELS) as LayerFlopsKey[]).map((k) => ({ label: LAYER_FLOPS_LABELS[k], value: r.cost.flops[k], text: formatQuantity(r.cost.flops[k], 'FLOPs') }))
    : [];
  const paramBars = r
    ? (Object.keys(LAYER_PARAMS_LABELS) as LayerParamsKey[]).map((k) => ({ label: LAYER_PARAMS_LABELS[k], value: r.cost.params[k], text: formatInteger(r.cost.params[k]) }))
    : [];
  return (
    <CalculatorShell anchor="layer-cost-calculator" title="One layer's cost, component by component" inputs={fields} error={shellError} stale={computed.stale} linkUrl={state.linkUrl}>
      {r && (
        <>
          <Results
            items={[
              {
                label: 'FLOPs of this layer',
                value: formatQuantity(r.cost.flopsTotal, 'FLOPs'),
                detail: `${formatInteger(r.cost.flopsTotal)} FLOPs`,
                testId: 'lc-flops',
              },
              {
                label: "Article's 24BSH² + 4BSS'H",
                value: r.cost.articleFlops.formatted,
                detail: `${r.cost.articleFlops.exact ?? ''} FLOPs (MHA, 4H FFN, full attention)`,
                testId: 'lc-article-flops',
              },
              {
                label: 'Attention (scores + A·V) share',
                value: formatPercent(r.cost.attentionShare),
                detail: "of this layer's FLOPs; grows with S'",
                testId: 'lc-attention-share',
              },
              {
                label: 'Parameters of this layer',
                value: formatInteger(r.cost.paramsTotal),
                detail: `of which ${formatInteger(r.cost.paramsBiases)} in bias vectors`,
                testId: 'lc-params',
              },
              { label: 'Article’s 12H²', value: r.cost.articleParams.formatted, testId: 'lc-article-params' },
            ]}
          />
          {r.note && (
            <p className="note" data-testid="lc-note">
              {r.note}
            </p>
          )}
          <h4 className="chart-title">FLOPs per component</h4>
          <BarChart
            title="FLOPs per component"
            bars={flopBars}
            summary={`FLOPs of one layer by component: ${flopBars.map((b) => `${b.label} ${b.text}`).join('; ')}.`}
          />
          <h4 className="chart-title">Parameters per component</h4>
          <BarChart
            title="Parameters per component"
            bars={paramBars}
            summary={`Parameters of one layer by component: ${paramBars.map((b) => `${b.label} ${b.text}`).join('; ')}.`}
          />
          <DerivationView derivation={r.cost.steps.projections} stale={computed.stale} />
          <DerivationView derivation={r.cost.steps.attention} stale={computed.stale} />
          <DerivationView derivation={r.cost.steps.ffn} stale={computed.stale} />
          <DerivationView derivation={r.cost.steps.attentionParams} stale={computed.stale} />
          {r.cost.steps.ffnParams && <DerivationView derivation={r.cost.steps.ffnParams} stale={computed.stale} />}
          <DerivationView derivation={r.cost.articleFlops} stale={computed.stale} />
        </>
      )}
    </CalculatorShell>
  );
}
