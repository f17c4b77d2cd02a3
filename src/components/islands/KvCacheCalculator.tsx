import { DTYPES, bytesPerElement, type Dtype } from '../../core/dtypes';
import { kvCacheFormula, kvCachePerTokenFormula } from '../../core/memory/formulas';
import { kvCacheDerivation } from '../../core/memory/kvDerivation';
import { kvCacheBytes, kvElementsPerTokenPerLayer } from '../../core/memory/memory';
import type { ModelSpec } from '../../core/model/spec';
import { formatBytes, formatCount, formatInteger } from '../../core/units';
import { Calculator, type IslandProps } from '../calculator/Calculator';
import { defineCalculator } from '../calculator/defineCalculator';
import { dtypeOptions } from '../state/fields';
import { CUSTOM_MODEL, modelFields, resolveModelChoice } from '../state/pickers';

const MANUAL = 'manual';
const base = modelFields('llama-2-70b');
const MODEL_NAMES = new Map(base.model.options.map((o) => [o.value, o.label]));
const shapeOf = (spec: ModelSpec) => ({ L: String(spec.layers), hKv: String(spec.kvHeads), d: String(spec.headDim) });
const byHand = () => ({ model: MANUAL });

/** KV-cache bytes per token and per sequence from L, h_kv, d, S' and the dtype, or from a model. */
export const KV_CACHE = defineCalculator({
  ns: 'kv',
  anchor: 'kv-cache-calculator',
  title: 'KV-cache calculator',
  fields: {
    // "By hand" first: picking a model fills L, h_kv and d; editing one of them switches back to by hand.
    model: { ...base.model, options: [{ value: MANUAL, label: 'By hand (enter L, h_kv, d)' }, ...base.model.options] },
    config: base.config,
    L: { kind: 'number', label: 'Layers L', default: 80, bound: 'layers' },
    hKv: { kind: 'number', label: 'KV heads h_kv', default: 8, bound: 'heads', hint: 'h for MHA, 1 for MQA' },
    d: { kind: 'number', label: 'Head dim d', default: 128, bound: 'width' },
    S: { kind: 'number', label: "Cached tokens S'", default: 4000, bound: 'sequence' },
    dtype: { kind: 'select', label: 'KV-cache dtype', default: 'fp16', options: dtypeOptions(DTYPES.filter((d) => d !== 'tf32')) },
  },
  shown: (name, raw) => name !== 'config' || raw.model === CUSTOM_MODEL,
  linked: {
    model: (id) => (id === MANUAL || id === CUSTOM_MODEL ? {} : shapeOf(resolveModelChoice(id, ''))),
    config: (text) => shapeOf(resolveModelChoice(CUSTOM_MODEL, text)),
    L: byHand,
    hKv: byHand,
    d: byHand,
  },
  // The formulas name S' `Sc` and the bytes per element `s`; the model's own count names them in words.
  fieldFor: { Sc: 'S', contextTokens: 'S', s: 'dtype', bytesPerElement: 'dtype' },
  setup: ({ model, L, hKv, d, S, dtype }, { t }) => {
    const shape = `L = ${formatInteger(L)}, h_kv = ${formatInteger(hKv)}, d = ${formatInteger(d)}`;
    const who = model === MANUAL ? shape : model === CUSTOM_MODEL ? t(`a pasted config.json (${shape})`) : `${MODEL_NAMES.get(model) ?? model} (${shape})`;
    return t(`${who}, S' = ${formatInteger(S)} tokens, ${dtype} cache`);
  },
  compute: ({ model, config, L, hKv, d, S, dtype }) => {
    const s = bytesPerElement(dtype as Dtype);
    const spec = model === MANUAL ? null : resolveModelChoice(model, config);
    const perToken = kvCachePerTokenFormula.derive({ L, hKv, d, s });
    const perSequence = kvCacheFormula.derive({ L, Sc: S, hKv, d, s });
    // What the model really caches, where MLA or a sliding window makes it differ from the plain formula.
    const actual =
      spec && (spec.mla || spec.slidingWindow)
        ? {
            spec,
            elementsPerLayerToken: kvElementsPerTokenPerLayer(spec),
            perSequence: kvCacheBytes(spec, S, s),
            derivation: kvCacheDerivation(spec, S, s),
          }
        : null;
    return { perToken, perSequence, actual };
  },
  view: (r) => ({
    results: [
      { label: 'Per token', value: r.perToken.formatted, detail: `${bytesExact(r.perToken.value, r.perToken.exact)} B`, testId: 'kv-per-token' },
      {
        label: "Per sequence of S' tokens",
        value: r.perSequence.formatted,
        detail: `${bytesExact(r.perSequence.value, r.perSequence.exact)} B = ${formatBytes(r.perSequence.value, { binary: true })}`,
        testId: 'kv-per-sequence',
      },
      ...(r.actual
        ? [
            {
              label: 'What this model caches per sequence',
              value: formatBytes(r.actual.perSequence),
              detail: `${formatCount(r.actual.perSequence, true)} B`,
              testId: 'kv-model-sequence',
            },
          ]
        : []),
    ],
    extra: r.actual && (
      <p className="note" data-testid="kv-actual">
        {r.actual.spec.mla
          ? `This model uses multi-head latent attention (chapter 10): it caches a compressed latent and a shared rope key, ${formatInteger(r.actual.elementsPerLayerToken)} numbers per layer and token, ${formatBytes(r.actual.perSequence)} per sequence, not the full K and V counted above.`
          : `This model attends over a sliding window of ${formatInteger(r.actual.spec.slidingWindow?.size ?? 0)} tokens: its cache holds ${formatBytes(r.actual.perSequence)} per sequence, not the full-context figure above.`}
      </p>
    ),
    derivations: [r.perSequence, r.perToken, r.actual?.derivation ?? null],
  }),
});

/** Every digit when the count is exact, else "≈" and 3 significant figures. */
function bytesExact(value: number, exact: string | null): string {
  return exact ?? formatCount(value, false);
}

export default function KvCacheCalculator({ lang }: IslandProps) {
  return <Calculator def={KV_CACHE} lang={lang} />;
}
