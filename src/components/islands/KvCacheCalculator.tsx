import { useMemo } from 'react';
import { DTYPES, bytesPerElement, type Dtype } from '../../core/dtypes';
import { kvCacheFormula, kvCachePerTokenFormula } from '../../core/memory/formulas';
import { kvCacheBytes, kvCacheBytesPerToken } from '../../core/memory/memory';
import type { ModelSpec } from '../../core/model/spec';
import { formatBytes, formatInteger } from '../../core/units';
import { DerivationView } from '../DerivationView';
import { CalculatorShell } from '../controls/CalculatorShell';
import { Field } from '../controls/Field';
import { ModelPicker } from '../controls/ModelPicker';
import { Results } from '../controls/Results';
import { dtypeOptions, type FieldSpecs } from '../state/fields';
import { modelFields, resolveModelChoice } from '../state/pickers';
import { useCalculatorState, useComputed, type CalculatorState } from '../state/useCalculatorState';

const NS = 'kv';
const MANUAL = 'manual';
const base = modelFields('llama-2-70b');
// "By hand" first: picking a model fills L, h_kv and d; editing one of them switches back to by hand.
const MODEL = {
  model: { ...base.model, options: [{ value: MANUAL, label: 'By hand (enter L, h_kv, d)' }, ...base.model.options] },
  config: base.config,
};
const FIELDS = {
  ...MODEL,
  L: { kind: 'number', label: 'Layers L', default: 80, domain: 'positiveInt', max: 100000 },
  hKv: { kind: 'number', label: 'KV heads h_kv', default: 8, domain: 'positiveInt', max: 100000, hint: 'h for MHA, 1 for MQA' },
  d: { kind: 'number', label: 'Head dim d', default: 128, domain: 'positiveInt', max: 100000 },
  S: { kind: 'number', label: "Cached tokens S'", default: 4000, domain: 'nonNegativeInt', max: 100_000_000 },
  dtype: {
    kind: 'select',
    label: 'KV-cache dtype',
    default: 'fp16',
    options: dtypeOptions(DTYPES.filter((d) => d !== 'tf32')),
  },
} satisfies FieldSpecs;
type Name = keyof typeof FIELDS & string;

function shapeOf(spec: ModelSpec): Record<'L' | 'hKv' | 'd', string> {
  return { L: String(spec.layers), hKv: String(spec.kvHeads), d: String(spec.headDim) };
}

/** KV-cache bytes per token and per sequence from L, h_kv, d, S' and the dtype, or from a model. */
export default function KvCacheCalculator() {
  const state = useCalculatorState(NS, FIELDS);
  // A view of the state whose setter keeps the model choice and the shape fields consistent.
  const linked = useMemo<CalculatorState<typeof FIELDS>>(() => {
    const set = (field: Name, text: string) => {
      if (field === 'model') {
        if (text === MANUAL || text === 'custom') {
          state.set(field, text);
          return;
        }
        try {
          state.setMany({ model: text, ...shapeOf(resolveModelChoice(text, '')) });
        } catch {
          state.set(field, text);
        }
        return;
      }
      if (field === 'config') {
        try {
          state.setMany({ config: text, ...shapeOf(resolveModelChoice('custom', text)) });
        } catch {
          state.set(field, text);
        }
        return;
      }
      if (field === 'L' || field === 'hKv' || field === 'd') {
        state.setMany({ [field]: text, model: MANUAL });
        return;
      }
      state.set(field, text);
    };
    return { ...state, set };
  }, [state]);

  const { model, config, L, hKv, d, S, dtype } = state.values;
  const computed = useComputed(
    () => {
      const s = bytesPerElement(dtype as Dtype);
      const spec = model === MANUAL ? null : resolveModelChoice(model, config);
      const perToken = kvCachePerTokenFormula.derive({ L, hKv, d, s });
      const perSequence = kvCacheFormula.derive({ L, Sc: S, hKv, d, s });
      // What the model really caches, where MLA or a sliding window makes it differ from the formula.
      const actual =
        spec && (spec.mla || spec.slidingWindow)
          ? { perToken: kvCacheBytesPerToken(spec, s), perSequence: kvCacheBytes(spec, S, s), mla: spec.mla !== null, window: spec.slidingWindow?.size ?? null }
          : null;
      return { perToken, perSequence, actual };
    },
    [model, config, L, hKv, d, S, dtype],
    !state.hasErrors,
  );
  const r = computed.result;
  const fields = useMemo(
    () => (
      <>
        <ModelPicker ns={NS} fields={MODEL} state={linked} configError={computed.status === 'error' && computed.field === 'config' ? computed.error : null} />
        {(['L', 'hKv', 'd', 'S', 'dtype'] as const).map((name) => (
          <Field key={name} ns={NS} name={name} spec={FIELDS[name]} state={linked} coreError={computed.status === 'error' && computed.field === name ? computed.error : null} />
        ))}
      </>
    ),
    [linked, computed],
  );
  const known = new Set<string>(Object.keys(FIELDS));
  const shellError = computed.status === 'error' && (computed.field === null || !known.has(computed.field)) ? computed.error : null;
  return (
    <CalculatorShell
      anchor="kv-cache-calculator"
      title="KV-cache calculator"
      inputs={fields}
      error={shellError}
      stale={computed.stale}
      linkUrl={state.linkUrl}
    >
      {r && (
        <>
          <Results
            items={[
              { label: 'Per token', value: r.perToken.formatted, detail: `${r.perToken.exact ?? formatInteger(r.perToken.value)} B`, testId: 'kv-per-token' },
              {
                label: "Per sequence of S' tokens",
                value: r.perSequence.formatted,
                detail: `${r.perSequence.exact ?? formatInteger(r.perSequence.value)} B = ${formatBytes(r.perSequence.value, { binary: true })}`,
                testId: 'kv-per-sequence',
              },
            ]}
          />
          {r.actual && (
            <p className="note" data-testid="kv-actual">
              {r.actual.mla
                ? `This model uses multi-head latent attention (chapter 10): it caches ${formatBytes(r.actual.perToken)} per token, ${formatBytes(r.actual.perSequence)} per sequence, not the full K and V counted above.`
                : `This model attends over a sliding window of ${formatInteger(r.actual.window ?? 0)} tokens: its cache holds ${formatBytes(r.actual.perSequence)} per sequence, not the full-context figure above.`}
            </p>
          )}
          <DerivationView derivation={r.perSequence} stale={computed.stale} />
          <DerivationView derivation={r.perToken} stale={computed.stale} />
        </>
      )}
    </CalculatorShell>
  );
}
