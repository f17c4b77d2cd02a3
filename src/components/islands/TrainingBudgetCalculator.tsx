import { trainingBudget, type TrainingBudget } from '../../core/capacity/budget';
import {
  checkpointBytesFormula,
  checkpointWriteFormula,
  clusterMtbfFormula,
  dalyIntervalFormula,
  LLAMA3_GPU_MTBF_HOURS,
  lostWorkFormula,
  wallClockFormula,
  youngIntervalFormula,
  type CheckpointInterval,
} from '../../core/capacity/checkpoint';
import {
  CHINCHILLA_FITS,
  CHINCHILLA_FIT_IDS,
  chinchillaLossFormula,
  chinchillaParamsFormula,
  chinchillaTokensFormula,
  formatParamCount,
  getChinchillaFit,
  tokensPerParamRuleFormula,
} from '../../core/capacity/chinchilla';
import { EXAMPLE_USD_PER_GPU_HOUR, budgetFlopsFormula } from '../../core/capacity/cost';
import type { Derivation } from '../../core/formula';
import { trainingTimeFormula } from '../../core/training/compute';
import { TRAINING_PRECISIONS } from '../../core/training/perGpu';
import { formatBytes, formatInteger, formatPercent, formatQuantity, formatSeconds, formatSignificant, formatUsd } from '../../core/units';
import { Calculator, type IslandProps } from '../calculator/Calculator';
import { defineCalculator } from '../calculator/defineCalculator';
import { parseField, type FieldSpecs } from '../state/fields';
import { parseNumber, parseQuantity } from '../../core/parse';
import { gpuField, resolveGpu } from '../state/gpuPicker';
import { gpuPeakFlopsPerSecond } from '../../core/gpu/gpu';

/** The FLOP budget's text checked as the number fields are: the core's parser and the FLOP bound. */
function flopsError(text: string): string | null {
  const r = parseQuantity(text, { kind: 'flops', field: 'Training FLOPs C' });
  if (!r.ok) return r.error;
  return r.value > 0 ? null : 'Training FLOPs C must be greater than 0';
}

const FIELDS = {
  budget: {
    kind: 'select',
    label: 'Budget given in',
    default: 'flops',
    options: [
      { value: 'flops', label: 'FLOPs' },
      { value: 'usd', label: 'US dollars' },
    ],
  },
  // Text, so that 1e24 reads as written (a number field would show it as 1000000000P).
  C: {
    kind: 'text',
    label: 'Training FLOPs C',
    default: '1e24',
    validate: flopsError,
    hint: (v) => `${String(v['C'])} = ${formatQuantity(parseNumber(String(v['C'])) ?? Number.NaN, 'FLOPs')}`,
  },
  usd: { kind: 'number', label: 'Budget (USD)', default: 1e6, domain: 'positive', max: 1e13, hint: 'before failures and checkpoints' },
  fit: {
    kind: 'select',
    label: 'Loss fit',
    default: 'hoffmann-2022',
    options: CHINCHILLA_FIT_IDS.map((id) => ({ value: id, label: CHINCHILLA_FITS[id].label })),
  },
  gpu: gpuField('h100-sxm'),
  n: { kind: 'number', label: 'GPUs', default: 4096, bound: 'gpus' },
  mfu: {
    kind: 'number',
    label: 'MFU',
    default: 0.4,
    bound: 'efficiency',
    hint: (v) =>
      `${formatPercent(Number(v['mfu']))} of the ${resolveGpu(String(v['gpu'])).name}’s dense bf16 peak: ${formatQuantity(Number(v['mfu']) * gpuPeakFlopsPerSecond(resolveGpu(String(v['gpu'])), 'bf16'), 'FLOP/s')}`,
  },
  price: {
    kind: 'number',
    label: 'Price per GPU-hour (USD)',
    default: EXAMPLE_USD_PER_GPU_HOUR,
    bound: 'pricePerGpuHour',
    hint: 'an example figure, not a quote: enter what you pay',
  },
  storage: {
    kind: 'number',
    label: 'Checkpoint write bandwidth (B/s)',
    default: 100e9,
    bound: 'bandwidth',
    hint: 'the storage’s aggregate; Meta’s sustains 2T (Llama 3)',
    advanced: true,
  },
  mtbf: {
    kind: 'number',
    label: 'MTBF per GPU (hours)',
    default: LLAMA3_GPU_MTBF_HOURS,
    domain: 'positive',
    max: 1e9,
    hint: 'Llama 3: 16,384 GPUs × 54 days / 419 interruptions',
    advanced: true,
  },
  restart: {
    kind: 'number',
    label: 'Restart after a failure (s)',
    default: 600,
    domain: 'nonNegative',
    max: 1e7,
    hint: 'assumed: detect, reschedule, reload',
    advanced: true,
  },
  interval: {
    kind: 'select',
    label: 'Checkpoint interval',
    default: 'young',
    options: [
      { value: 'young', label: 'Young: √(2·δ·MTBF)' },
      { value: 'daly', label: 'Daly (higher order)' },
      { value: 'fixed', label: 'fixed, in minutes' },
    ],
    advanced: true,
  },
  every: { kind: 'number', label: 'Checkpoint every (minutes)', default: 30, domain: 'positive', max: 1e7, advanced: true },
  precision: {
    kind: 'select',
    label: 'Model states',
    default: 'adam16',
    options: Object.entries(TRAINING_PRECISIONS).map(([value, p]) => ({ value, label: p.label })),
    advanced: true,
  },
} satisfies FieldSpecs;

function titled(d: Derivation, title: string): Derivation {
  return { ...d, title };
}

interface Computed {
  b: TrainingBudget;
  open: Derivation[];
  more: Derivation[];
}

/** A FLOP or dollar budget → compute-optimal N and D, days, GPU-hours, the checkpoint interval, and the cost with failures. */
export const TRAINING_BUDGET = defineCalculator({
  ns: 'tb',
  anchor: 'training-budget-calculator',
  title: 'Compute-optimal training budget',
  fields: FIELDS,
  groups: [
    { names: ['budget', 'C', 'usd', 'fit', 'gpu', 'n', 'mfu', 'price'] },
    { legend: 'Checkpoints and failures', names: ['storage', 'mtbf', 'restart', 'interval', 'every', 'precision'], advanced: true },
  ],
  // The budget in the unit chosen; a hidden field with bad text from a link stays in sight.
  shown: (name, raw) => {
    if (name === 'C') return raw.budget !== 'usd' || flopsError(raw.C) !== null;
    if (name === 'usd') return raw.budget === 'usd' || !parseField(FIELDS.usd, raw.usd).ok;
    if (name === 'every') return raw.interval === 'fixed' || !parseField(FIELDS.every, raw.every).ok;
    return true;
  },
  fieldFor: {
    flops: 'C',
    usdPerGpuHour: 'price',
    gpus: 'n',
    gpuMtbfHours: 'mtbf',
    restartSeconds: 'restart',
    storageBandwidth: 'storage',
    intervalSeconds: 'every',
    tokens: 'C',
    params: 'C',
    fit: 'fit',
    precision: 'precision',
    dtype: 'gpu',
    peakFlopsPerSecond: 'gpu',
    dp: 'n',
    b: 'usd',
    c: 'price',
    P: 'gpu',
    u: 'mfu',
    n: 'n',
    T: 'C',
    N: 'C',
    D: 'C',
    M: 'mtbf',
    d: 'storage',
    tau: 'every',
    R: 'restart',
    l: 'restart',
  },
  setup: ({ budget, C, usd, fit, gpu, n, mfu, price }, { t }) => {
    const amount = budget === 'usd' ? t(`${formatUsd(usd)} at ${formatUsd(price)}/GPU-h`) : formatQuantity(parseNumber(C) ?? 0, 'FLOPs');
    return t(`${amount} on ${formatInteger(n)} × ${resolveGpu(gpu).name} at ${formatPercent(mfu)} MFU, ${t(getChinchillaFit(fit).label)}`);
  },
  compute: ({ budget, C, usd, fit, gpu, n, mfu, price, storage, mtbf, restart, interval, every, precision }): Computed => {
    const choice: CheckpointInterval =
      interval === 'fixed' ? { kind: 'fixed', seconds: every * 60 } : interval === 'daly' ? { kind: 'daly' } : { kind: 'young' };
    const b = trainingBudget({
      budget: budget === 'usd' ? { kind: 'usd', usd } : { kind: 'flops', flops: parseNumber(C) ?? Number.NaN },
      gpu: resolveGpu(gpu),
      gpus: n,
      mfu,
      usdPerGpuHour: price,
      fit: getChinchillaFit(fit),
      storageBandwidth: storage,
      gpuMtbfHours: mtbf,
      restartSeconds: restart,
      interval: choice,
      precision: precision as keyof typeof TRAINING_PRECISIONS,
    });
    const f = b.allocation.fit;
    const constants = { A: f.A, B: f.B, alpha: f.alpha, beta: f.beta };
    const c = b.checkpoint;
    const open: Derivation[] = [
      chinchillaParamsFormula.derive({ C: b.flops, ...constants }),
      chinchillaTokensFormula.derive({ C: b.flops, ...constants }),
      trainingTimeFormula.derive({ C: b.training.totalFlops, n, P: b.training.peakFlops, u: mfu }),
      youngIntervalFormula.derive({ d: c.writeSeconds, M: c.clusterMtbfSeconds }),
      wallClockFormula.derive({ T: c.idealSeconds, d: c.writeSeconds, tau: c.intervalSeconds, l: c.lostSecondsPerFailure, M: c.clusterMtbfSeconds }),
    ];
    const bytes = TRAINING_PRECISIONS[precision as keyof typeof TRAINING_PRECISIONS].bytes;
    const more: Derivation[] = [
      ...(b.fromUsd ? [budgetFlopsFormula.derive({ b: b.fromUsd.usd, c: price, P: b.fromUsd.peakFlopsPerSecond, u: mfu })] : []),
      tokensPerParamRuleFormula.derive({ C: b.flops, r: 20 }),
      titled(
        chinchillaLossFormula.derive({ E: f.E, N: b.allocation.optimal.params, D: b.allocation.optimal.tokens, ...constants }),
        'Fitted loss at the optimum',
      ),
      titled(
        chinchillaLossFormula.derive({ E: f.E, N: b.allocation.rule.params, D: b.allocation.rule.tokens, ...constants }),
        'Fitted loss at 20 tokens per parameter',
      ),
      checkpointBytesFormula.derive({ w: bytes.weights, k: bytes.optimizer, N: b.allocation.optimal.params }),
      checkpointWriteFormula.derive({ M: c.bytes, W: storage }),
      clusterMtbfFormula.derive({ m: mtbf, n }),
      dalyIntervalFormula.derive({ d: c.writeSeconds, M: c.clusterMtbfSeconds }),
      lostWorkFormula.derive({ tau: c.intervalSeconds, d: c.writeSeconds, R: restart }),
    ];
    return { b, open, more };
  },
  view: ({ b, open, more }) => {
    const o = b.allocation.optimal;
    const rule = b.allocation.rule;
    const c = b.checkpoint;
    return {
      results: [
        {
          label: 'Training FLOPs C',
          value: formatQuantity(b.flops, 'FLOPs'),
          detail: b.fromUsd ? `what ${formatUsd(b.fromUsd.usd)} buys at this MFU` : undefined,
          testId: 'tb-flops',
        },
        {
          label: 'Compute-optimal parameters',
          value: `${formatParamCount(o.params)} parameters`,
          detail: `loss ${formatSignificant(o.loss, 4)} nats/token on the fit’s data`,
          testId: 'tb-params',
        },
        {
          label: 'Compute-optimal tokens',
          value: formatQuantity(o.tokens, 'tokens'),
          detail: `${formatSignificant(o.tokensPerParam)} tokens per parameter`,
          testId: 'tb-tokens',
        },
        {
          label: 'At 20 tokens per parameter',
          value: `${formatParamCount(rule.params)} parameters`,
          detail: `${formatPercent(b.allocation.ruleParamsError)} against the fit; under this fit the rule wastes ${formatPercent(b.allocation.ruleComputeWaste)} of the compute`,
          testId: 'tb-rule',
        },
        {
          label: 'Training time',
          value: formatSeconds(c.idealSeconds),
          detail: `${formatQuantity(b.idealGpuHours, 'GPU-h')}, ${formatUsd(b.idealUsd)} without failures`,
          testId: 'tb-time',
        },
        {
          label: 'Checkpoint every',
          value: formatSeconds(c.intervalSeconds),
          detail: `${formatBytes(c.bytes)} written in ${formatSeconds(c.writeSeconds)}; a failure every ${formatSeconds(c.clusterMtbfSeconds)}`,
          testId: 'tb-interval',
        },
        {
          label: 'Wall-clock time with failures',
          value: formatSeconds(c.wallSeconds),
          detail: `${formatPercent(c.efficiency)} effective; about ${formatInteger(c.expectedFailures)} failures`,
          testId: 'tb-wall',
        },
        { label: 'Cost with failures and checkpoints', value: formatUsd(b.wallUsd), detail: `${formatUsd(b.overheadUsd)} of it overhead`, testId: 'tb-cost' },
      ],
      warnings: b.warnings,
      derivations: open,
      more,
    };
  },
});

export default function TrainingBudgetCalculator({ lang }: IslandProps) {
  return <Calculator def={TRAINING_BUDGET} lang={lang} />;
}
