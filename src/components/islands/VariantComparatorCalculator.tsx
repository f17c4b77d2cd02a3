import { DTYPES, type Dtype } from '../../core/dtypes';
import { MEMORY_READINGS, type MemoryReading } from '../../core/gpu/gpu';
import { SERVING_DEFAULTS } from '../../core/scenario/defaults';
import type { Warning } from '../../core/scenario/warnings';
import { formatBytes, formatInteger, formatQuantity, formatSignificant } from '../../core/units';
import {
  compareVariant,
  variantDerivations,
  type AttentionChoice,
  type BlockChoice,
  type MoeChoice,
  type VariantComparison,
  type VariantMetrics,
  type WindowChoice,
} from '../../core/variants';
import { Calculator, type IslandProps } from '../calculator/Calculator';
import { T } from '../i18n/T';
import { defineCalculator } from '../calculator/defineCalculator';
import { joinWords } from '../calculator/words';
import { StackedBarChart } from '../charts/StackedBarChart';
import { ComparisonTable } from '../controls/ComparisonTable';
import { dtypeOptions, type SelectFieldSpec } from '../state/fields';
import { CUSTOM_MODEL, gpuField, modelFields, resolveGpu, resolveModelChoice } from '../state/pickers';

const MODEL = modelFields('llama-2-7b');
const GPU = gpuField('a800-sxm-80gb');

/** How "80GB" is read (MEMORY_READINGS), in words. */
const READING_LABELS: Readonly<Record<MemoryReading, string>> = {
  runtime: 'as the CUDA runtime reports it',
  GiB: 'GiB (2³⁰ B, physical HBM)',
  GB: 'GB (10⁹ B, as marketed)',
};

const labelOf = (spec: SelectFieldSpec, value: string) => spec.options.find((o) => o.value === value)?.label ?? value;
const ratioText = (r: number | null) => (r === null ? '—' : `${formatSignificant(r, 3)}×`);
const concurrencyText = (m: VariantMetrics) => (m.fits ? formatInteger(m.maxConcurrency) : 'weights do not fit');

/** Base and variant warnings, one per code: "Base: …" / "Variant: …". */
function mergedWarnings(c: VariantComparison): Warning[] {
  const byCode = new Map<string, Warning>();
  for (const [who, list] of [
    ['Base', c.base.warnings],
    ['Variant', c.variant.warnings],
  ] as const) {
    for (const w of list) {
      const prior = byCode.get(w.code);
      byCode.set(w.code, { ...w, message: prior ? `${prior.message} ${who}: ${w.message}` : `${who}: ${w.message}` });
    }
  }
  return [...byCode.values()];
}

const ATTENTION: SelectFieldSpec = {
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
};
const WINDOW: SelectFieldSpec = {
  kind: 'select',
  label: 'Sliding window',
  default: 'keep',
  options: [
    { value: 'keep', label: 'as the base' },
    { value: 'none', label: 'none (full attention)' },
    { value: 'all', label: 'every layer (Mistral 7B)' },
    { value: 'alternate', label: 'every other layer (Gemma 2)' },
  ],
};
const MOE: SelectFieldSpec = {
  kind: 'select',
  label: 'FFN experts',
  default: 'keep',
  options: [
    { value: 'keep', label: 'as the base' },
    { value: 'dense', label: 'dense FFN' },
    { value: 'moe', label: 'mixture of experts' },
  ],
};
const BLOCK: SelectFieldSpec = {
  kind: 'select',
  label: 'Block style',
  default: 'keep',
  options: [
    { value: 'keep', label: 'as the base' },
    { value: 'gpt2', label: 'GPT-2: LayerNorm, GELU 4H, learned positions, biases' },
    { value: 'llama', label: 'Llama: RMSNorm, SwiGLU 8H/3, RoPE, no biases' },
  ],
};

/**
 * Same base model, one architectural change: parameters, FLOPs, KV cache and serving capacity
 * side by side. Memory and concurrency are the scenario engine's servingMemory, as in the CLI.
 */
export const VARIANT_COMPARATOR = defineCalculator({
  ns: 'vc',
  anchor: 'variant-comparator',
  title: 'Variant comparator',
  fields: {
    ...MODEL,
    attention: ATTENTION,
    kvGroups: {
      kind: 'number',
      label: 'KV heads g',
      default: 8,
      bound: 'heads',
      hint: (v) => `must divide the ${formatInteger(resolveModelChoice(String(v['model']), String(v['config'])).heads)} query heads h`,
    },
    mlaRank: { kind: 'number', label: 'Latent rank r_kv', default: 512, bound: 'width', hint: 'DeepSeek V2/V3: 512' },
    mlaRopeDim: { kind: 'number', label: 'Rope key dim d_R', default: 64, bound: 'width', hint: 'DeepSeek V2/V3: 64' },
    window: WINDOW,
    windowSize: { kind: 'number', label: 'Window W (tokens)', default: 4096, bound: 'sequence' },
    moe: MOE,
    experts: { kind: 'number', label: 'Experts E', default: 8, bound: 'experts' },
    topK: { kind: 'number', label: 'Experts per token k', default: 2, bound: 'experts' },
    expertWidthRatio: {
      kind: 'number',
      label: 'Expert width ÷ base FFN width',
      default: 1,
      domain: 'positive',
      hint: 'Mixtral: 1; fine-grained experts: 0.25 or less',
    },
    block: BLOCK,
    contextTokens: { kind: 'number', label: "Tokens per request S'", default: 4096, bound: 'sequence', hint: 'prompt + answer' },
    dtype: {
      kind: 'select',
      label: 'Weights data type',
      default: 'bf16',
      options: dtypeOptions(DTYPES.filter((d) => d !== 'tf32')),
      hint: 'the KV cache uses the same float type (bf16 under int8/int4 weights)',
    },
    gpu: GPU,
    gpus: { kind: 'number', label: 'GPUs G', default: 1, bound: 'gpus', hint: 'tensor parallel' },
    reading: {
      kind: 'select',
      label: 'Read "80GB" as',
      default: SERVING_DEFAULTS.memoryReading,
      options: MEMORY_READINGS.map((r) => ({ value: r, label: READING_LABELS[r] })),
    },
    utilization: { kind: 'number', label: 'Usable fraction u', default: SERVING_DEFAULTS.utilization, bound: 'fraction', hint: 'vLLM default 0.9' },
  },
  groups: [
    {
      legend: 'Base model and the change',
      names: [
        'model',
        'config',
        'attention',
        'kvGroups',
        'mlaRank',
        'mlaRopeDim',
        'window',
        'windowSize',
        'moe',
        'experts',
        'topK',
        'expertWidthRatio',
        'block',
      ],
    },
    { legend: 'Serving', names: ['contextTokens', 'dtype', 'gpu', 'gpus'] },
    { legend: 'Memory reading and reserve', names: ['reading', 'utilization'], advanced: true },
  ],
  shown: (name, raw) => {
    switch (name) {
      case 'config':
        return raw.model === CUSTOM_MODEL;
      case 'kvGroups':
        return raw.attention === 'gqa';
      case 'mlaRank':
      case 'mlaRopeDim':
        return raw.attention === 'mla';
      case 'windowSize':
        return raw.window === 'all' || raw.window === 'alternate';
      case 'experts':
      case 'topK':
      case 'expertWidthRatio':
        return raw.moe === 'moe';
      default:
        return true;
    }
  },
  // The core names a variant option, a spec field the variant produced, a servingMemory input or a formula symbol.
  fieldFor: {
    learnedPositions: 'contextTokens',
    maxPositions: 'contextTokens',
    headDim: 'mlaRopeDim',
    ffnWidth: 'block',
    weightDtype: 'dtype',
    kvDtype: 'dtype',
    memoryReading: 'reading',
    activationTokens: 'contextTokens',
    Sc: 'contextTokens',
    W: 'windowSize',
    hKv: 'kvGroups',
    r: 'mlaRank',
    dR: 'mlaRopeDim',
    E: 'experts',
    k: 'topK',
    Ie: 'expertWidthRatio',
    G: 'gpus',
    M: 'gpu',
    u: 'utilization',
    s: 'dtype',
  },
  setup: (v, { t, lang }) => {
    const changes = [
      v.attention === 'gqa' ? t(`GQA with ${formatInteger(v.kvGroups)} KV heads`) : null,
      v.attention === 'mla' ? t(`MLA with a latent of ${formatInteger(v.mlaRank)} + ${formatInteger(v.mlaRopeDim)}`) : null,
      v.attention === 'mha' || v.attention === 'mqa' ? v.attention.toUpperCase() : null,
      v.window === 'none'
        ? t('no sliding window')
        : v.window !== 'keep'
          ? v.window === 'all'
            ? t(`a ${formatInteger(v.windowSize)}-token window on every layer`)
            : t(`a ${formatInteger(v.windowSize)}-token window on every other layer`)
          : null,
      v.moe === 'dense' ? t('a dense FFN') : v.moe === 'moe' ? t(`${formatInteger(v.topK)} of ${formatInteger(v.experts)} experts`) : null,
      v.block !== 'keep' ? t(`${v.block === 'gpt2' ? 'GPT-2' : 'Llama'} block`) : null,
    ].filter((c): c is string => c !== null);
    const model = v.model === CUSTOM_MODEL ? t('the pasted config.json') : labelOf(MODEL.model, v.model);
    return t(
      `${model}${changes.length ? ` → ${joinWords(changes, lang, ', ')}` : ''}, ${formatInteger(v.contextTokens)} tokens per request in ${v.dtype} on ${formatInteger(v.gpus)} × ${labelOf(GPU, v.gpu)}`,
    );
  },
  compute: (v) => {
    const base = resolveModelChoice(v.model, v.config);
    const setup = {
      gpu: resolveGpu(v.gpu),
      gpus: v.gpus,
      contextTokens: v.contextTokens,
      weightDtype: v.dtype as Dtype,
      memoryReading: v.reading as MemoryReading,
      utilization: v.utilization,
    };
    const cmp = compareVariant(
      base,
      {
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
      },
      setup,
    );
    return { cmp, derivations: variantDerivations(cmp.variant, setup) };
  },
  view: ({ cmp, derivations }, v, _, { t }) => {
    const { base: b, variant: x, ratios } = cmp;
    const usable = b.usableBytes;
    return {
      results: [
        {
          label: 'KV cache per request',
          value: `${formatBytes(b.kvBytesPerRequest)} → ${formatBytes(x.kvBytesPerRequest)}`,
          detail: `variant ÷ base: ${ratioText(ratios.kvBytesPerRequest)}`,
          testId: 'vc-headline-kv',
        },
        {
          label: 'Max concurrent requests',
          value: `${concurrencyText(b)} → ${concurrencyText(x)}`,
          detail: `on ${formatInteger(v.gpus)} × ${labelOf(GPU, v.gpu)}, ${formatBytes(usable)} usable`,
          testId: 'vc-headline-concurrency',
        },
      ],
      warnings: mergedWarnings(cmp),
      extra: (
        <>
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('Base and variant side by side')}>
            <ComparisonTable
              caption={`${v.model === CUSTOM_MODEL ? 'The pasted model' : labelOf(MODEL.model, v.model)} and its variant, ${formatInteger(v.contextTokens)} tokens per request`}
              columns={['Base', 'Variant', 'Variant ÷ base']}
              rows={[
                { label: 'Attention', cells: [b.attention, x.attention, ''], testId: 'vc-attention' },
                {
                  label: 'Parameters (total)',
                  cells: [formatQuantity(b.totalParams, 'params'), formatQuantity(x.totalParams, 'params'), ratioText(ratios.totalParams)],
                  testId: 'vc-params',
                },
                {
                  label: 'Parameters (active per token)',
                  cells: [formatQuantity(b.activeParams, 'params'), formatQuantity(x.activeParams, 'params'), ratioText(ratios.activeParams)],
                  testId: 'vc-active',
                },
                {
                  label: "FLOPs per token at S'",
                  cells: [formatQuantity(b.flopsPerToken, 'FLOPs'), formatQuantity(x.flopsPerToken, 'FLOPs'), ratioText(ratios.flopsPerToken)],
                  testId: 'vc-flops',
                },
                {
                  label: 'KV cache per token',
                  cells: [formatBytes(b.kvBytesPerToken), formatBytes(x.kvBytesPerToken), ratioText(ratios.kvBytesPerToken)],
                  testId: 'vc-kv-token',
                },
                {
                  label: 'KV cache per request',
                  cells: [formatBytes(b.kvBytesPerRequest), formatBytes(x.kvBytesPerRequest), ratioText(ratios.kvBytesPerRequest)],
                  testId: 'vc-kv-request',
                },
                { label: 'Weights', cells: [formatBytes(b.weightsBytes), formatBytes(x.weightsBytes), ratioText(ratios.weightsBytes)], testId: 'vc-weights' },
                {
                  label: 'Max concurrent requests',
                  cells: [concurrencyText(b), concurrencyText(x), b.fits && x.fits ? ratioText(ratios.maxConcurrency) : '—'],
                  testId: 'vc-concurrency',
                },
              ]}
            />
          </div>
          <StackedBarChart
            title="Memory at maximum concurrency"
            keys={[
              { key: 'weights', label: 'Weights' },
              { key: 'kv', label: 'KV caches' },
            ]}
            bars={[b, x].map((m, i) => ({
              label: i === 0 ? 'Base' : 'Variant',
              segments: [
                { key: 'weights', value: m.weightsBytes },
                { key: 'kv', value: m.kvBytesAtMaxConcurrency },
              ],
              text: m.fits ? `${formatInteger(m.maxConcurrency)} requests` : 'does not fit',
            }))}
            limit={{ value: usable, label: `usable ${formatBytes(usable)}` }}
            summary={`Base: weights ${formatBytes(b.weightsBytes)}, room for ${formatInteger(b.maxConcurrency)} requests of ${formatBytes(b.kvBytesPerRequest)} each. Variant: weights ${formatBytes(x.weightsBytes)}, room for ${formatInteger(x.maxConcurrency)} requests of ${formatBytes(x.kvBytesPerRequest)} each. Usable memory ${formatBytes(usable)}.`}
          />
          <p className="hint">
            <T>The variant's working:</T>
          </p>
        </>
      ),
      derivations,
    };
  },
});

export default function VariantComparatorCalculator({ lang }: IslandProps) {
  return <Calculator def={VARIANT_COMPARATOR} lang={lang} />;
}
