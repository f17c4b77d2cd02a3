import { useMemo } from 'react';
import { bytesPerElement, type Dtype } from '../../core/dtypes';
import { gpuMemoryBytes, type MemoryReading } from '../../core/gpu/gpu';
import {
  compareVariant,
  variantDerivations,
  type AttentionChoice,
  type BlockChoice,
  type MoeChoice,
  type VariantOptions,
  type WindowChoice,
} from '../../core/model/variants';
import { formatBytes, formatInteger, formatQuantity, formatSignificant } from '../../core/units';
import { DerivationView } from '../DerivationView';
import { StackedBarChart } from '../charts/StackedBarChart';
import { CalculatorShell } from '../controls/CalculatorShell';
import { ComparisonTable } from '../controls/ComparisonTable';
import { Field } from '../controls/Field';
import { ModelPicker } from '../controls/ModelPicker';
import { dtypeOptions, type FieldSpecs } from '../state/fields';
import { gpuField, modelFields, resolveGpu, resolveModelChoice } from '../state/pickers';
import { useCalculatorState, useComputed } from '../state/useCalculatorState';

const NS = 'vc';
const MODEL = modelFields('llama-2-7b');
const FIELDS = {
  ...MODEL,
  attention: {
    kind: 'select',
    label: 'Attention',
    default: 'gqa',
    options: [
      { value: 'keep', label: 'as the base' },
      { value: 'mha', label: 'MHA (h_kv = h)' },
      { value: 'mqa', label: 'MQA (h_kv = 1)' },
      { value: 'gqa', label: 'GQA (h_kv = g)' },
      { value: 'mla', label: 'MLA (compressed latent)' },
    ],
  },
  kvGroups: { kind: 'number', label: 'KV heads g', default: 8, domain: 'positiveInt', hint: 'must divide the query heads h' },
  mlaRank: { kind: 'number', label: 'Latent rank r_kv', default: 512, domain: 'positiveInt', hint: 'DeepSeek V2/V3: 512' },
  mlaRopeDim: { kind: 'number', label: 'Rope key dim d_R', default: 64, domain: 'positiveInt', hint: 'DeepSeek V2/V3: 64' },
  window: {
    kind: 'select',
    label: 'Sliding window',
    default: 'keep',
    options: [
      { value: 'keep', label: 'as the base' },
      { value: 'none', label: 'none (full attention)' },
      { value: 'all', label: 'every layer (Mistral 7B)' },
      { value: 'alternate', label: 'every other layer (Gemma 2)' },
    ],
  },
  windowSize: { kind: 'number', label: 'Window W (tokens)', default: 4096, domain: 'positiveInt' },
  moe: {
    kind: 'select',
    label: 'FFN experts',
    default: 'keep',
    options: [
      { value: 'keep', label: 'as the base' },
      { value: 'dense', label: 'dense FFN' },
      { value: 'moe', label: 'mixture of experts' },
    ],
  },
  experts: { kind: 'number', label: 'Experts E', default: 8, domain: 'positiveInt' },
  topK: { kind: 'number', label: 'Experts per token k', default: 2, domain: 'positiveInt' },
  expertWidthRatio: {
    kind: 'number',
    label: 'Expert width ÷ base FFN width',
    default: 1,
    domain: 'positive',
    hint: 'Mixtral: 1; fine-grained experts: 0.25 or less',
  },
  block: {
    kind: 'select',
    label: 'Block style',
    default: 'keep',
    options: [
      { value: 'keep', label: 'as the base' },
      { value: 'gpt2', label: 'GPT-2: LayerNorm, GELU 4H, learned positions, biases' },
      { value: 'llama', label: 'Llama: RMSNorm, SwiGLU 8H/3, RoPE, no biases' },
    ],
  },
  contextTokens: { kind: 'number', label: "Tokens per request S'", default: 4096, domain: 'positiveInt', hint: 'prompt + answer' },
  dtype: {
    kind: 'select',
    label: 'Data type (weights and KV)',
    default: 'bf16',
    options: dtypeOptions(),
  },
  gpu: gpuField('a800-sxm-80gb'),
  gpus: { kind: 'number', label: 'GPUs G', default: 1, domain: 'positiveInt' },
  reading: {
    kind: 'select',
    label: 'Read "80GB" as',
    default: 'GiB',
    options: [
      { value: 'GiB', label: 'GiB physically on the card' },
      { value: 'GB', label: 'GB (1e9 bytes)' },
    ],
  },
  utilization: { kind: 'number', label: 'Usable fraction u', default: 0.9, domain: 'fraction', hint: 'vLLM default 0.9' },
} satisfies FieldSpecs;

type Name = keyof typeof FIELDS;

const ratioText = (r: number | null) => (r === null ? '—' : `${formatSignificant(r, 3)}×`);

/** Same base model, one architectural change: parameters, FLOPs, KV cache and serving capacity side by side. */
export default function VariantComparatorCalculator() {
  const state = useCalculatorState(NS, FIELDS);
  const v = state.values;
  const computed = useComputed(
    () => {
      const base = resolveModelChoice(v.model, v.config);
      const gpu = resolveGpu(v.gpu);
      const s = bytesPerElement(v.dtype as Dtype);
      const opts: VariantOptions = {
        attention: v.attention as AttentionChoice,
        kvGroups: v.kvGroups,
        mlaRank: v.mlaRank,
        mlaRopeDim: v.mlaRopeDim,
        window: v.window as WindowChoice,
        windowSize: v.windowSize,
        moe: v.moe as MoeChoice,
        experts: v.experts,
        topK: v.topK,
        expertWidthRatio: v.expertWidthRatio,
        block: v.block as BlockChoice,
        learnedPositions: v.contextTokens,
      };
      const setup = {
        contextTokens: v.contextTokens,
        bytesPerElement: s,
        gpus: v.gpus,
        memoryPerGpu: gpuMemoryBytes(gpu, v.reading as MemoryReading),
        utilization: v.utilization,
      };
      const cmp = compareVariant(base, opts, setup);
      return { cmp, setup, derivations: variantDerivations(cmp.variant, setup), usable: cmp.base.usableBytes };
    },
    [v.model, v.config, v.attention, v.kvGroups, v.mlaRank, v.mlaRopeDim, v.window, v.windowSize, v.moe, v.experts, v.topK, v.expertWidthRatio, v.block, v.contextTokens, v.dtype, v.gpu, v.gpus, v.reading, v.utilization],
    !state.hasErrors,
  );
  const r = computed.result;
  const coreError = (name: string) => (computed.status === 'error' && computed.field === name ? computed.error : null);
  const field = (name: Name) => <Field key={name} ns={NS} name={name} spec={FIELDS[name]} state={state} coreError={coreError(name)} />;
  const raw = state.raw;
  const inputs = (
    <>
      <ModelPicker ns={NS} fields={MODEL} state={state} configError={coreError('config')} />
      {field('attention')}
      {raw.attention === 'gqa' && field('kvGroups')}
      {raw.attention === 'mla' && field('mlaRank')}
      {raw.attention === 'mla' && field('mlaRopeDim')}
      {field('window')}
      {(raw.window === 'all' || raw.window === 'alternate') && field('windowSize')}
      {field('moe')}
      {raw.moe === 'moe' && field('experts')}
      {raw.moe === 'moe' && field('topK')}
      {raw.moe === 'moe' && field('expertWidthRatio')}
      {field('block')}
      {field('contextTokens')}
      {field('dtype')}
      {field('gpu')}
      {field('gpus')}
      {field('reading')}
      {field('utilization')}
    </>
  );
  const known = new Set<string>(Object.keys(FIELDS));
  const generalError = computed.status === 'error' && (computed.field === null || !known.has(computed.field)) ? computed.error : null;

  const table = useMemo(() => {
    if (!r) return null;
    const { base: b, variant: x, ratios } = r.cmp;
    const concurrency = (m: typeof b) => (m.fits ? formatInteger(m.maxConcurrency) : 'weights do not fit');
    return [
      { label: 'Attention', cells: [b.attention, x.attention, ''], testId: 'vc-attention' },
      { label: 'Parameters (total)', cells: [formatQuantity(b.totalParams, 'params'), formatQuantity(x.totalParams, 'params'), ratioText(ratios.totalParams)], testId: 'vc-params' },
      { label: 'Parameters (active per token)', cells: [formatQuantity(b.activeParams, 'params'), formatQuantity(x.activeParams, 'params'), ratioText(ratios.activeParams)], testId: 'vc-active' },
      { label: "FLOPs per token at S'", cells: [formatQuantity(b.flopsPerToken, 'FLOPs'), formatQuantity(x.flopsPerToken, 'FLOPs'), ratioText(ratios.flopsPerToken)], testId: 'vc-flops' },
      { label: 'KV cache per token', cells: [formatBytes(b.kvBytesPerToken), formatBytes(x.kvBytesPerToken), ratioText(ratios.kvBytesPerToken)], testId: 'vc-kv-token' },
      { label: 'KV cache per request', cells: [formatBytes(b.kvBytesPerRequest), formatBytes(x.kvBytesPerRequest), ratioText(ratios.kvBytesPerRequest)], testId: 'vc-kv-request' },
      { label: 'Weights', cells: [formatBytes(b.weightsBytes), formatBytes(x.weightsBytes), ratioText(ratios.weightsBytes)], testId: 'vc-weights' },
      { label: 'Max concurrent requests', cells: [concurrency(b), concurrency(x), b.fits && x.fits ? ratioText(ratios.maxConcurrency) : '—'], testId: 'vc-concurrency' },
    ];
  }, [r]);

  return (
    <CalculatorShell
      anchor="variant-comparator"
      title="Variant comparator"
      inputs={inputs}
      error={generalError}
      stale={computed.stale}
      linkUrl={state.linkUrl}
    >
      {r && table && (
        <>
          <ComparisonTable caption={`${r.cmp.base.spec.id} and its variant, ${formatInteger(r.setup.contextTokens)} tokens per request`} columns={['Base', 'Variant', 'Variant ÷ base']} rows={table} />
          <StackedBarChart
            title="Memory at maximum concurrency"
            keys={[
              { key: 'weights', label: 'Weights' },
              { key: 'kv', label: 'KV cache of the concurrent requests' },
            ]}
            bars={[r.cmp.base, r.cmp.variant].map((m, i) => ({
              label: i === 0 ? 'Base' : 'Variant',
              segments: [
                { key: 'weights', value: m.weightsBytes },
                { key: 'kv', value: m.kvBytesAtMaxConcurrency },
              ],
              text: m.fits ? `${formatInteger(m.maxConcurrency)} requests` : 'does not fit',
            }))}
            limit={{ value: r.usable, label: `usable ${formatBytes(r.usable)}` }}
            summary={`Base: weights ${formatBytes(r.cmp.base.weightsBytes)}, room for ${formatInteger(r.cmp.base.maxConcurrency)} requests of ${formatBytes(r.cmp.base.kvBytesPerRequest)} each. Variant: weights ${formatBytes(r.cmp.variant.weightsBytes)}, room for ${formatInteger(r.cmp.variant.maxConcurrency)} requests of ${formatBytes(r.cmp.variant.kvBytesPerRequest)} each. Usable memory ${formatBytes(r.usable)}.`}
          />
          <p className="hint">The variant's working:</p>
          {r.derivations.map((d) => (
            <DerivationView key={d.id} derivation={d} stale={computed.stale} />
          ))}
        </>
      )}
    </CalculatorShell>
  );
}
