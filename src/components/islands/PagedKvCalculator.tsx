import { DTYPES, bytesPerElement, type Dtype } from '../../core/dtypes';
import { servingScenario, type ServingInput } from '../../core/scenario/serving';
import { pagedDerivations, prefixDerivations } from '../../core/scenario/servingSteps';
import { compareKvAllocation, kvSlotUtilizationFormula } from '../../core/serving/paged';
import { formatBytes, formatInteger, formatPercent, formatSI, formatSeconds } from '../../core/units';
import { Calculator, type IslandProps } from '../calculator/Calculator';
import { defineCalculator } from '../calculator/defineCalculator';
import { joinWords, sep } from '../calculator/words';
import { BarChart } from '../charts/BarChart';
import { dtypeOptions, type SelectFieldSpec } from '../state/fields';
import { CUSTOM_MODEL, gpuField, modelFields, resolveGpu, resolveModelChoice } from '../state/pickers';

const MODEL = modelFields('llama-2-70b');
const GPU = gpuField('a800-sxm-80gb');
const DTYPE_OPTIONS = dtypeOptions(DTYPES.filter((d) => d !== 'tf32'));
const labelOf = (spec: SelectFieldSpec, value: string) => spec.options.find((o) => o.value === value)?.label ?? value;
const requests = (n: number) => `${formatInteger(n)} request${n === 1 ? '' : 's'}`;

/**
 * How many requests a KV budget holds reserved contiguously (at a maximum length, or at
 * exactly S + O) and paged in blocks of b tokens, with a shared prefix cached once; and what
 * a prefix hit saves of the prefill. The budget is servingMemory's, the prefill the engine's.
 */
export const PAGED_KV = defineCalculator({
  ns: 'pkv',
  anchor: 'paged-kv-calculator',
  title: 'Paged KV cache and prefix caching',
  fields: {
    ...MODEL,
    gpu: GPU,
    G: { kind: 'number', label: 'GPUs G (tensor parallel)', default: 2, bound: 'gpus' },
    wdtype: { kind: 'select', label: 'Weight dtype', default: 'fp16', options: DTYPE_OPTIONS },
    kvdtype: { kind: 'select', label: 'KV-cache dtype', default: 'fp16', options: DTYPE_OPTIONS },
    S: { kind: 'number', label: 'Prompt tokens S', default: 3000, bound: 'sequence' },
    O: { kind: 'number', label: 'Output tokens O', default: 1000, bound: 'sequence' },
    b: { kind: 'number', label: 'Tokens per block b', default: 16, bound: 'sequence', hint: 'vLLM’s default block_size is 16' },
    R: {
      kind: 'number',
      label: 'Reserved slot (tokens)',
      default: 4096,
      bound: 'sequence',
      hint: (v) => `what a contiguous allocator reserves: the server’s maximum length, ≥ S + O = ${formatInteger(Number(v['S']) + Number(v['O']))}`,
    },
    P: {
      kind: 'number',
      label: 'Shared prefix tokens',
      default: 1000,
      domain: 'nonNegativeInt',
      max: 1_000_000_000,
      hint: '0 for none: a system prompt, few-shot examples',
    },
    h: { kind: 'number', label: 'Prefix hit rate', default: 0.9, min: 0, max: 1, hint: 'share of requests that find it cached, 0 to 1' },
  },
  groups: [{ names: ['model', 'config', 'gpu', 'G', 'wdtype', 'kvdtype', 'S', 'O'] }, { legend: 'Allocation and prefix', names: ['b', 'R', 'P', 'h'] }],
  shown: (name, raw) => name !== 'config' || raw.model === CUSTOM_MODEL,
  fieldFor: {
    gpus: 'G',
    inputTokens: 'S',
    outputTokens: 'O',
    contextTokens: 'O',
    activationTokens: 'S',
    promptTokens: 'S',
    weightDtype: 'wdtype',
    kvDtype: 'kvdtype',
    kvBlockTokens: 'b',
    maxTokens: 'R',
    prefixTokens: 'P',
    hitRate: 'h',
  },
  setup: (v, { t }) =>
    t(
      `${v.model === CUSTOM_MODEL ? t('the pasted config.json') : labelOf(MODEL.model, v.model)} on ${formatInteger(v.G)} × ${labelOf(GPU, v.gpu)}, requests of ${formatInteger(v.S)} + ${formatInteger(v.O)} tokens, ${v.kvdtype} KV cache in blocks of ${formatInteger(v.b)}${v.P > 0 ? t(`, a ${formatInteger(v.P)}-token prefix hit by ${formatPercent(v.h)}`) : ''}`,
    ),
  compute: (v) => {
    const spec = resolveModelChoice(v.model, v.config);
    const base: ServingInput = {
      model: spec,
      gpu: resolveGpu(v.gpu),
      gpus: v.G,
      batch: 1,
      inputTokens: v.S,
      outputTokens: v.O,
      weightDtype: v.wdtype as Dtype,
      kvDtype: v.kvdtype as Dtype,
      techniques: { kvAllocation: 'paged', kvBlockTokens: v.b },
    };
    const paged = servingScenario(base);
    const withPrefix = v.P > 0 ? servingScenario({ ...base, techniques: { ...base.techniques, prefixCache: { prefixTokens: v.P, hitRate: v.h } } }) : null;
    const compare = compareKvAllocation({
      spec,
      budgetBytes: paged.memory.kvBudgetBytes,
      bytesPerElement: bytesPerElement(v.kvdtype as Dtype),
      promptTokens: v.S,
      outputTokens: v.O,
      maxTokens: v.R,
      blockTokens: v.b,
    });
    return { spec, paged, withPrefix, compare, reservedUse: kvSlotUtilizationFormula.derive({ S: v.S, O: v.O, R: v.R }) };
  },
  view: ({ spec, paged, withPrefix, compare, reservedUse }, v) => {
    const p = paged.memory.paging!;
    const pre = withPrefix?.prefixCache ?? null;
    const bars = [
      { label: `reserved, ${formatInteger(v.R)} tokens`, value: compare.reservedAtMax.requests, text: requests(compare.reservedAtMax.requests) },
      { label: `reserved, S + O = ${formatInteger(v.S + v.O)}`, value: compare.reservedExact.requests, text: requests(compare.reservedExact.requests) },
      { label: `paged, b = ${formatInteger(v.b)}`, value: paged.memory.maxConcurrency, text: requests(paged.memory.maxConcurrency) },
      ...(withPrefix ? [{ label: 'paged + shared prefix', value: withPrefix.memory.maxConcurrency, text: requests(withPrefix.memory.maxConcurrency) }] : []),
    ];
    return {
      results: [
        {
          label: 'Bytes per block',
          value: formatBytes(p.blockBytes),
          detail: `${formatInteger(p.blockBytes)} B for ${formatInteger(v.b)} tokens`,
          testId: 'pkv-block',
        },
        {
          label: 'Blocks that fit',
          value: formatInteger(p.blocks),
          detail: `${formatBytes(paged.memory.kvBudgetBytes)} left for the KV cache`,
          testId: 'pkv-blocks',
        },
        {
          label: 'Requests that fit, reserved',
          value: formatInteger(compare.reservedAtMax.requests),
          detail: `${formatInteger(v.R)}-token slots, ${formatPercent(compare.reservedAtMax.utilization)} holding tokens; ${requests(compare.reservedExact.requests)} at exactly S + O`,
          testId: 'pkv-reserved',
        },
        {
          label: 'Requests that fit, paged',
          value: formatInteger(paged.memory.maxConcurrency),
          detail: `${formatSI(p.meanBlocksInFlight, '', 4).trim()} blocks per request in flight, ${formatPercent(compare.paged.utilization)} holding tokens`,
          testId: 'pkv-paged',
        },
        ...(withPrefix && pre
          ? [
              {
                label: 'Requests that fit, paged + prefix',
                value: formatInteger(withPrefix.memory.maxConcurrency),
                detail: `${formatInteger(pre.cachedTokens)} cached tokens (${formatInteger(withPrefix.memory.paging!.prefixBlocks)} blocks) held once`,
                testId: 'pkv-prefix',
              },
              {
                label: 'Time to first token, one prompt',
                value: formatSeconds(pre.expectedTtftSeconds),
                detail: `${formatSeconds(pre.hit.seconds)} on a hit, ${formatSeconds(pre.miss.seconds)} on a miss; a hit skips ${formatSI(pre.miss.flops - pre.hit.flops, 'FLOPs')}`,
                testId: 'pkv-ttft',
              },
            ]
          : []),
      ],
      warnings: [...(withPrefix ?? paged).warnings],
      extra: (
        <BarChart
          title="Requests whose KV caches fit at once"
          bars={bars}
          summary={(t, lang) =>
            joinWords(
              bars.map((b) => `${t(b.label)}${sep(': ', lang)}${b.text}`),
              lang,
            )
          }
        />
      ),
      derivations: [...pagedDerivations(spec, withPrefix ?? paged), ...(withPrefix ? prefixDerivations(withPrefix) : [])],
      more: [{ ...reservedUse, title: `Share of a reserved ${formatInteger(v.R)}-token slot holding tokens` }],
    };
  },
});

export default function PagedKvCalculator({ lang }: IslandProps) {
  return <Calculator def={PAGED_KV} lang={lang} />;
}
