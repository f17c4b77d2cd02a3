import type { Dtype } from '../../core/dtypes';
import type { Derivation } from '../../core/formula';
import { EXAMPLE_USD_PER_GPU_HOUR, costPerMillionTokensFormula, costPerRequestFormula, monthlyCostFormula } from '../../core/capacity/cost';
import { fleetGpusFormula, goodputPerGpuFormula, littlesLawFormula, replicasFormula } from '../../core/capacity/slo';
import { planCapacity, solveTensorParallel, type CapacityPlan, type Limit } from '../../core/scenario/reverse';
import { formatInteger, formatPercent, formatQuantity, formatSeconds, formatUsd } from '../../core/units';
import { Calculator, type IslandProps } from '../calculator/Calculator';
import { T } from '../i18n/T';
import { useT } from '../i18n/i18n';
import { defineCalculator } from '../calculator/defineCalculator';
import { dtypeOptions, type FieldSpecs } from '../state/fields';
import { CUSTOM_MODEL, gpuField, modelFields, resolveGpu, resolveModelChoice } from '../state/pickers';

const MODEL = modelFields('llama-3-70b');
const WEIGHT_TYPES: readonly Dtype[] = ['bf16', 'fp16', 'fp8', 'int8', 'int4'];
/** Tensor-parallel degrees a reader may fix; "auto" tries every degree the model accepts up to 8. */
const TP_CHOICES = ['auto', '1', '2', '4', '8', '16'] as const;

const FIELDS = {
  ...MODEL,
  gpu: gpuField('h100-sxm'),
  tp: {
    kind: 'select',
    label: 'GPUs per replica (tensor parallel)',
    default: 'auto',
    options: TP_CHOICES.map((t) => ({ value: t, label: t === 'auto' ? 'auto: fewest GPUs' : t })),
    hint: 'auto tries every degree the model accepts, up to 8',
  },
  lambda: { kind: 'number', label: 'Arrival rate (requests/s)', default: 50, domain: 'positive', max: 1e9, hint: 'requests per second, the whole service' },
  S: { kind: 'number', label: 'Prompt tokens S', default: 2000, bound: 'sequence' },
  O: { kind: 'number', label: 'Output tokens O', default: 200, bound: 'sequence' },
  ttft: {
    kind: 'number',
    label: 'TTFT target (s)',
    default: 0.5,
    domain: 'positive',
    max: 1e6,
    hint: (v) => `mean time to first token; ${String(v['ttft'])} s = ${formatSeconds(Number(v['ttft']))}`,
  },
  tpot: {
    kind: 'number',
    label: 'TPOT target (s)',
    default: 0.05,
    domain: 'positive',
    max: 1e6,
    hint: (v) => `mean time per output token; ${String(v['tpot'])} s = ${formatSeconds(Number(v['tpot']))}`,
  },
  price: {
    kind: 'number',
    label: 'Price per GPU-hour (USD)',
    default: EXAMPLE_USD_PER_GPU_HOUR,
    bound: 'pricePerGpuHour',
    hint: 'an example figure, not a quote: enter what you pay',
  },
  dtype: { kind: 'select', label: 'Weights (and KV cache) data type', default: 'bf16', options: dtypeOptions(WEIGHT_TYPES), advanced: true },
} satisfies FieldSpecs;

const LIMIT_TEXT: Record<Limit, string> = {
  ttft: 'the TTFT target',
  tpot: 'the TPOT target',
  memory: 'memory (KV cache)',
  context: 'the model’s context',
  bound: 'the search’s range',
  candidates: 'the degrees tried',
};

/** Short words for the degrees table, so that it fits a phone. */
const limitShort = (limit: Limit, t: (english: string) => string): string =>
  limit === 'memory'
    ? t('memory')
    : limit === 'context'
      ? t('context')
      : limit === 'bound'
        ? t('range')
        : limit === 'candidates'
          ? t('degrees')
          : limit === 'ttft'
            ? 'TTFT'
            : 'TPOT';

/** Every degree tried, one row each: what it holds, what stops it, and the GPUs it comes to (four columns: it fits a phone). */
function DegreeTable({ plans }: { plans: readonly CapacityPlan[] }) {
  const t = useT();
  return (
    <table className="comparison" data-testid="cap-degrees">
      <caption>
        <T>Every tensor-parallel degree tried</T>
      </caption>
      <thead>
        <tr>
          <th scope="col">
            <T>GPUs per replica</T>
          </th>
          <th scope="col">
            <T>In flight</T>
          </th>
          <th scope="col">
            <T>Limit</T>
          </th>
          <th scope="col">
            <T>GPUs in all</T>
          </th>
        </tr>
      </thead>
      <tbody>
        {plans.map((x) => (
          <tr key={x.gpusPerReplica}>
            <th scope="row">{formatInteger(x.gpusPerReplica)}</th>
            <td>{x.concurrency === null ? '—' : formatInteger(x.concurrency)}</td>
            <td>
              {x.concurrency === null
                ? x.limitedBy === 'memory'
                  ? t('no fit')
                  : t(`misses ${limitShort(x.limitedBy ?? 'ttft', t)}`)
                : x.limitedBy === null
                  ? '—'
                  : limitShort(x.limitedBy, t)}
            </td>
            <td data-testid={`cap-tp-gpus-${x.gpusPerReplica}`}>{x.gpusTotal === null ? '—' : formatInteger(x.gpusTotal)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function titled(d: Derivation, title: string): Derivation {
  return { ...d, title };
}

/** Every formula behind a plan, with the plan's own numbers. */
function planDerivations(p: CapacityPlan, price: number): { open: Derivation[]; more: Derivation[] } {
  if (p.replicas === null || p.gpusTotal === null || p.operating === null || p.steady === null) return { open: [], more: [] };
  const rate = p.steady.requestsPerSecond;
  const op = p.operating;
  const share = op.steady.prefillShare;
  const S = p.scenario.inputTokens;
  const O = p.scenario.outputTokens;
  const open = [
    replicasFormula.derive({ lambda: p.arrivalRate, r: rate }),
    fleetGpusFormula.derive({ n: p.replicas, G: p.gpusPerReplica }),
    titled(
      costPerMillionTokensFormula.derive({ G: p.gpusTotal, c: price, f: 1 - share, X: p.arrivalRate * O }),
      'Dollars per million output tokens (decode time)',
    ),
    titled(costPerMillionTokensFormula.derive({ G: p.gpusTotal, c: price, f: share, X: p.arrivalRate * S }), 'Dollars per million input tokens (prefill time)'),
  ];
  const more = [
    goodputPerGpuFormula.derive({ r: rate, G: p.gpusPerReplica }),
    titled(littlesLawFormula.derive({ lambda: p.arrivalRate, T: op.steady.requestSeconds }), 'Requests in flight across the fleet (Little’s law)'),
    costPerRequestFormula.derive({ G: p.gpusTotal, c: price, lambda: p.arrivalRate }),
    monthlyCostFormula.derive({ G: p.gpusTotal, c: price }),
  ];
  return { open, more };
}

/** Targets and an arrival rate → the largest batch per replica, replicas, GPUs, and dollars per million tokens. */
export const CAPACITY_PLANNER = defineCalculator({
  ns: 'cap',
  anchor: 'capacity-planner',
  title: 'Capacity planner',
  fields: FIELDS,
  groups: [
    { names: ['model', 'config', 'gpu', 'tp'] },
    { legend: 'Workload and targets', names: ['lambda', 'S', 'O', 'ttft', 'tpot', 'price'] },
    { legend: 'Data type', names: ['dtype'], advanced: true },
  ],
  shown: (name, raw) => name !== 'config' || raw.model === CUSTOM_MODEL,
  fieldFor: {
    gpus: 'tp',
    inputTokens: 'S',
    outputTokens: 'O',
    ttftTargetSeconds: 'ttft',
    tpotTargetSeconds: 'tpot',
    arrivalRate: 'lambda',
    usdPerGpuHour: 'price',
    weightDtype: 'dtype',
    kvDtype: 'dtype',
    candidates: 'tp',
    lambda: 'lambda',
    G: 'tp',
    c: 'price',
    r: 'lambda',
    n: 'lambda',
  },
  setup: ({ model, gpu, tp, lambda, S, O, ttft, tpot, price, dtype }, { t }) => {
    const name = MODEL.model.options.find((o) => o.value === model)?.label ?? t('a pasted config.json');
    const per = tp === 'auto' ? '' : t(` in replicas of ${tp}`);
    return t(
      `${name} (${dtype}) on ${resolveGpu(gpu).name}${per}, ${formatQuantity(lambda, 'requests/s')} of ${formatInteger(S)} + ${formatInteger(O)} tokens, TTFT ≤ ${formatSeconds(ttft)}, TPOT ≤ ${formatSeconds(tpot)}, at ${formatUsd(price)}/GPU-h`,
    );
  },
  compute: ({ model, config, gpu, tp, lambda, S, O, ttft, tpot, price, dtype }) => {
    const spec = resolveModelChoice(model, config);
    const hw = resolveGpu(gpu);
    const q = { model: spec, gpu: hw, inputTokens: S, outputTokens: O, weightDtype: dtype as Dtype };
    const targets = { ttftSeconds: ttft, tpotSeconds: tpot };
    if (tp === 'auto') {
      const t = solveTensorParallel(q, targets, lambda, { usdPerGpuHour: price });
      return { plan: t.plan ?? t.plans[t.plans.length - 1]!, plans: t.plans, warnings: t.plan ? t.plan.warnings : t.warnings, price };
    }
    const plan = planCapacity({ ...q, gpus: Number(tp) }, targets, lambda, { usdPerGpuHour: price });
    return { plan, plans: [plan], warnings: plan.warnings, price };
  },
  view: (r) => {
    const p = r.plan;
    const ok = p.replicas !== null && p.gpusTotal !== null && p.operating !== null && p.cost !== null;
    const { open, more } = planDerivations(p, r.price);
    const results = ok
      ? [
          {
            label: 'GPUs in all',
            value: formatInteger(p.gpusTotal!),
            detail: `${formatInteger(p.replicas!)} replicas × ${formatInteger(p.gpusPerReplica)} GPUs`,
            testId: 'cap-gpus',
          },
          {
            label: 'Requests in flight per replica, at most',
            value: formatInteger(p.concurrency!),
            detail: `set by ${LIMIT_TEXT[p.limitedBy!]}; ${formatQuantity(p.steady!.requestsPerSecond, 'requests/s')} per replica`,
            testId: 'cap-batch',
          },
          {
            label: 'Goodput per GPU',
            value: formatQuantity(p.goodputPerGpu, 'requests/s'),
            detail: 'requests per second within both targets (means)',
            testId: 'cap-goodput',
          },
          {
            label: 'Each replica at this load',
            value: `${formatInteger(p.operating!.concurrency)} in flight`,
            detail: `TTFT ${formatSeconds(p.operating!.steady.ttftSeconds)}, TPOT ${formatSeconds(p.operating!.steady.itlSeconds)}, ${formatPercent(p.operating!.utilization)} of its capacity`,
            testId: 'cap-operating',
          },
          { label: 'Dollars per million output tokens', value: formatUsd(p.cost!.usdPerMillionOutputTokens), detail: 'decode time', testId: 'cap-usd-out' },
          { label: 'Dollars per million input tokens', value: formatUsd(p.cost!.usdPerMillionInputTokens), detail: 'prefill time', testId: 'cap-usd-in' },
          { label: 'Cost per request', value: formatUsd(p.cost!.usdPerRequest), testId: 'cap-usd-request' },
          {
            label: 'Monthly bill',
            value: formatUsd(p.cost!.usdPerMonth),
            detail: `${formatInteger(p.gpusTotal!)} GPUs × 730 h, busy or not`,
            testId: 'cap-usd-month',
          },
        ]
      : [{ label: 'GPUs in all', value: 'no layout meets the targets', testId: 'cap-gpus' }];
    return {
      results,
      warnings: r.warnings,
      extra: r.plans.length > 1 ? <DegreeTable plans={r.plans} /> : undefined,
      derivations: open,
      more,
      result: r,
    };
  },
});

export default function CapacityPlannerCalculator({ lang }: IslandProps) {
  return <Calculator def={CAPACITY_PLANNER} lang={lang} />;
}
