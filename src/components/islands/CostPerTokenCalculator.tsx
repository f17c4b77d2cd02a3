import type { Dtype } from '../../core/dtypes';
import type { Derivation } from '../../core/formula';
import { EXAMPLE_USD_PER_GPU_HOUR, costPerMillionTokensFormula, costPerRequestFormula, monthlyCostFormula, servingCost } from '../../core/capacity/cost';
import { servingScenario } from '../../core/scenario/serving';
import { formatInteger, formatPercent, formatQuantity, formatSeconds, formatUsd } from '../../core/units';
import { Calculator, type IslandProps } from '../calculator/Calculator';
import { defineCalculator } from '../calculator/defineCalculator';
import { dtypeOptions, type FieldSpecs } from '../state/fields';
import { CUSTOM_MODEL, gpuField, modelFields, resolveGpu, resolveModelChoice } from '../state/pickers';

const MODEL = modelFields('llama-3-70b');
const WEIGHT_TYPES: readonly Dtype[] = ['bf16', 'fp16', 'fp8', 'int8', 'int4'];

const FIELDS = {
  ...MODEL,
  gpu: gpuField('h100-sxm'),
  gpus: { kind: 'number', label: 'GPUs per replica (tensor parallel)', default: 4, bound: 'gpus' },
  B: { kind: 'number', label: 'Requests in flight B', default: 48, bound: 'batch', hint: 'users each keeping one request going (continuous batching)' },
  S: { kind: 'number', label: 'Prompt tokens S', default: 2000, bound: 'sequence' },
  O: { kind: 'number', label: 'Output tokens O', default: 200, bound: 'sequence' },
  price: {
    kind: 'number',
    label: 'Price per GPU-hour (USD)',
    default: EXAMPLE_USD_PER_GPU_HOUR,
    bound: 'pricePerGpuHour',
    hint: 'an example figure, not a quote: enter what you pay',
  },
  dtype: { kind: 'select', label: 'Weights (and KV cache) data type', default: 'bf16', options: dtypeOptions(WEIGHT_TYPES), advanced: true },
} satisfies FieldSpecs;

function titled(d: Derivation, title: string): Derivation {
  return { ...d, title };
}

/** One replica at B requests in flight → requests/s, the prefill share of its time, and what each token costs. */
export const COST_PER_TOKEN = defineCalculator({
  ns: 'cpt',
  anchor: 'cost-per-token-calculator',
  title: 'Cost per token',
  fields: FIELDS,
  groups: [{ names: ['model', 'config', 'gpu', 'gpus', 'B', 'S', 'O', 'price'] }, { legend: 'Data type', names: ['dtype'], advanced: true }],
  shown: (name, raw) => name !== 'config' || raw.model === CUSTOM_MODEL,
  fieldFor: {
    batch: 'B',
    concurrency: 'B',
    inputTokens: 'S',
    outputTokens: 'O',
    usdPerGpuHour: 'price',
    requestsPerSecond: 'B',
    weightDtype: 'dtype',
    kvDtype: 'dtype',
    G: 'gpus',
    c: 'price',
    X: 'B',
    lambda: 'B',
  },
  setup: ({ model, gpu, gpus, B, S, O, price, dtype }, { t }) => {
    const name = MODEL.model.options.find((o) => o.value === model)?.label ?? t('a pasted config.json');
    return t(
      `${name} (${dtype}) on ${formatInteger(gpus)} × ${resolveGpu(gpu).name}, ${formatInteger(B)} requests of ${formatInteger(S)} + ${formatInteger(O)} tokens in flight, at ${formatUsd(price)}/GPU-h`,
    );
  },
  compute: ({ model, config, gpu, gpus, B, S, O, price, dtype }) => {
    const spec = resolveModelChoice(model, config);
    const r = servingScenario({ model: spec, gpu: resolveGpu(gpu), gpus, batch: B, inputTokens: S, outputTokens: O, weightDtype: dtype as Dtype });
    const steady = r.continuous;
    if (steady === null) return { r, steady, cost: null, derivations: [] as Derivation[], more: [] as Derivation[] };
    const cost = servingCost({
      usdPerGpuHour: price,
      gpus,
      requestsPerSecond: steady.requestsPerSecond,
      inputTokens: S,
      outputTokens: O,
      prefillShare: steady.prefillShare,
    });
    const rate = steady.requestsPerSecond;
    const derivations = [
      titled(
        costPerMillionTokensFormula.derive({ G: gpus, c: price, f: 1 - steady.prefillShare, X: rate * O }),
        'Dollars per million output tokens (decode time)',
      ),
      titled(costPerMillionTokensFormula.derive({ G: gpus, c: price, f: steady.prefillShare, X: rate * S }), 'Dollars per million input tokens (prefill time)'),
    ];
    const more = [costPerRequestFormula.derive({ G: gpus, c: price, lambda: rate }), monthlyCostFormula.derive({ G: gpus, c: price })];
    return { r, steady, cost, derivations, more };
  },
  view: (x) => {
    const { steady, cost } = x;
    if (steady === null || cost === null) {
      return { results: [{ label: 'Dollars per million output tokens', value: 'no request fits', testId: 'cpt-usd-out' }], warnings: x.r.warnings };
    }
    return {
      results: [
        {
          label: 'Dollars per million output tokens',
          value: formatUsd(cost.usdPerMillionOutputTokens),
          detail: 'decode time, billed to output tokens',
          testId: 'cpt-usd-out',
        },
        {
          label: 'Dollars per million input tokens',
          value: formatUsd(cost.usdPerMillionInputTokens),
          detail: 'prefill time, billed to input tokens',
          testId: 'cpt-usd-in',
        },
        {
          label: 'Dollars per million tokens, all',
          value: formatUsd(cost.usdPerMillionTokens),
          detail: 'the bill over input and output together',
          testId: 'cpt-usd-all',
        },
        { label: 'Cost per request', value: formatUsd(cost.usdPerRequest), testId: 'cpt-usd-request' },
        {
          label: 'Requests per second',
          value: formatQuantity(steady.requestsPerSecond, 'requests/s'),
          detail: `${formatQuantity(steady.outputTokensPerSecond, 'tokens/s')} out; TTFT ${formatSeconds(steady.ttftSeconds)}, TPOT ${formatSeconds(steady.itlSeconds)}`,
          testId: 'cpt-rate',
        },
        { label: 'Share of time in prefill', value: formatPercent(steady.prefillShare), detail: 'the rest decodes', testId: 'cpt-prefill-share' },
        { label: 'Monthly bill of the replica', value: formatUsd(cost.usdPerMonth), testId: 'cpt-usd-month' },
      ],
      warnings: x.r.warnings,
      derivations: x.derivations,
      more: x.more,
    };
  },
});

export default function CostPerTokenCalculator({ lang }: IslandProps) {
  return <Calculator def={COST_PER_TOKEN} lang={lang} />;
}
