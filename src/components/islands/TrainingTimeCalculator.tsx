import { trainingScenario, type TrainingRun } from '../../core/scenario/training';
import type { WarningCode } from '../../core/scenario/warnings';
import {
  ATTENTION_CONVENTIONS,
  attentionMaskFactor,
  trainingAttentionFlopsFormula,
  trainingFlopsPerTokenFormula,
  trainingGpuHoursFormula,
  trainingTimeFormula,
  trainingTotalFlopsFormula,
  type AttentionConvention,
} from '../../core/training/compute';
import { mfuFromTrainingTimeFormula, runGpuHours } from '../../core/training/time';
import { formatInteger, formatPercent, formatQuantity, formatSI } from '../../core/units';
import { Calculator, type IslandProps } from '../calculator/Calculator';
import { defineCalculator } from '../calculator/defineCalculator';
import { parseField, withPowers, type FieldSpecs } from '../state/fields';
import { gpuPeakFlopsPerSecond } from '../../core/gpu/gpu';
import { CUSTOM_MODEL, gpuField, modelFields, resolveGpu, resolveModelChoice } from '../state/pickers';

const MODEL = modelFields('llama-3-70b');
const CONVENTION_SHORT: Record<AttentionConvention, string> = { none: '6N', causal: '6N + causal attention', full: '6N + full attention' };
const CONVENTION_LABELS: Record<AttentionConvention, string> = {
  none: '6N (attention scores left out)',
  causal: '6N + causal attention',
  full: '6N + full attention (PaLM)',
};

const FIELDS = {
  ...MODEL,
  gpu: gpuField('h100-sxm'),
  n: { kind: 'number', label: 'GPUs', default: 16384, bound: 'gpus' },
  D: { kind: 'number', label: 'Training tokens', default: 15e12, bound: 'trainingTokens', hint: (v) => withPowers(v['D']) },
  solve: {
    kind: 'select',
    label: 'Solve for',
    default: 'time',
    options: [
      { value: 'time', label: 'days and GPU-hours, from MFU' },
      { value: 'mfu', label: 'MFU, from days' },
    ],
  },
  mfu: {
    kind: 'number',
    label: 'MFU',
    default: 0.4,
    bound: 'efficiency',
    hint: (v) =>
      `${formatPercent(Number(v['mfu']))} of the ${resolveGpu(String(v['gpu'])).name}’s dense bf16 peak: ${formatQuantity(Number(v['mfu']) * gpuPeakFlopsPerSecond(resolveGpu(String(v['gpu'])), 'bf16'), 'FLOP/s')}`,
  },
  // A run's length in days has no bound kind of its own: the GPU-hours it makes are bounded (`gpuHours`).
  days: { kind: 'number', label: 'Wall-clock days', default: 30, domain: 'positive' },
  attention: {
    kind: 'select',
    label: 'FLOPs counted per token',
    default: 'none',
    options: ATTENTION_CONVENTIONS.map((c) => ({ value: c, label: CONVENTION_LABELS[c] })),
  },
  S: { kind: 'number', label: 'Sequence length S', default: 8192, bound: 'sequence', hint: 'only used when attention is counted' },
} satisfies FieldSpecs;

/** The time of a run says nothing about its layout: memory and pipeline warnings belong to the memory and parallelism calculators. */
const LAYOUT_WARNINGS: ReadonlySet<WarningCode> = new Set(['training-memory-does-not-fit', 'fewer-micro-batches-than-stages', 'global-batch-uneven']);

/** "15.0T tokens": a count with its SI prefix, from the core's formatter. */
const tokensText = (value: number) => `${formatSI(value, '').trim().replace(' ', '')} tokens`;

/** Training compute and time: tokens × FLOPs per token on n GPUs at an MFU ↔ days and GPU-hours. */
export const TRAINING_TIME = defineCalculator({
  ns: 'tt',
  anchor: 'training-time-calculator',
  title: 'Training compute and time',
  fields: FIELDS,
  groups: [
    { names: ['model', 'config', 'gpu', 'n', 'D', 'solve', 'mfu', 'days'] },
    { legend: 'What counts as a training FLOP', names: ['attention', 'S'], advanced: true },
  ],
  // MFU or days, whichever the direction takes; a hidden one with invalid text (from a link) stays in sight.
  shown: (name, raw) => {
    if (name === 'config') return raw.model === CUSTOM_MODEL;
    if (name === 'mfu') return raw.solve !== 'mfu' || !parseField(FIELDS.mfu, raw.mfu).ok;
    if (name === 'days') return raw.solve === 'mfu' || !parseField(FIELDS.days, raw.days).ok;
    return true;
  },
  fieldFor: {
    tokens: 'D',
    gpus: 'n',
    seq: 'S',
    // From days: the run's GPU-hours are days × 24 × GPUs.
    gpuHours: 'days',
    dtype: 'gpu',
    peakFlopsPerSecond: 'gpu',
    // The formulas name their inputs by symbol.
    N: 'model',
    F: 'model',
    C: 'D',
    P: 'gpu',
    T: 'days',
    u: 'mfu',
    m: 'attention',
    // The layout the scenario infers (pure data parallelism over n GPUs).
    dp: 'n',
    tp: 'n',
    pp: 'n',
    cp: 'n',
    ep: 'n',
  },
  setup: ({ model, gpu, n, D, solve, mfu, days, attention }, { t }) => {
    const name = MODEL.model.options.find((o) => o.value === model)?.label ?? t('a pasted config.json');
    const run = solve === 'mfu' ? t(`in ${formatQuantity(days, 'count')} days`) : t(`at ${formatPercent(mfu)} MFU`);
    return t(
      `${name}, ${t(tokensText(D))} on ${formatInteger(n)} × ${resolveGpu(gpu).name} ${run}, counting ${t(CONVENTION_SHORT[attention as AttentionConvention] ?? attention)}`,
    );
  },
  compute: ({ model, config, attention, S, D, gpu, n, solve, mfu, days }) => {
    const spec = resolveModelChoice(model, config);
    const hw = resolveGpu(gpu);
    const convention = attention as AttentionConvention;
    const run: TrainingRun = solve === 'mfu' ? { kind: 'gpu-hours', gpus: n, gpuHours: runGpuHours({ days, gpus: n }) } : { kind: 'mfu', gpus: n, mfu };
    const s = trainingScenario({ model: spec, gpu: hw, tokens: D, seq: S, run, assumptions: { attention: convention } });
    const perTokenD =
      convention === 'none'
        ? trainingFlopsPerTokenFormula.derive({ N: s.activeParams })
        : trainingAttentionFlopsFormula.derive({ N: s.activeParams, m: attentionMaskFactor(convention), L: spec.layers, h: spec.heads, d: spec.headDim, S });
    const totalD = trainingTotalFlopsFormula.derive({ F: s.flopsPerToken, D });
    const steps =
      solve === 'mfu'
        ? [mfuFromTrainingTimeFormula.derive({ C: s.totalFlops, n, P: s.peakFlops, T: s.seconds! })]
        : [
            trainingTimeFormula.derive({ C: s.totalFlops, n, P: s.peakFlops, u: mfu }),
            trainingGpuHoursFormula.derive({ C: s.totalFlops, P: s.peakFlops, u: mfu }),
          ];
    return { s, gpuName: hw.name, perTokenD, totalD, steps, warnings: s.warnings.filter((w) => !LAYOUT_WARNINGS.has(w.code)) };
  },
  view: (r, { n, solve }) => ({
    results: [
      { label: 'Parameters per token N', value: formatInteger(r.s.activeParams), testId: 'tt-params' },
      { label: 'FLOPs per token', value: r.perTokenD.formatted, testId: 'tt-per-token' },
      { label: 'Total training FLOPs', value: r.totalD.formatted, testId: 'tt-total' },
      { label: `${r.gpuName} dense bf16 peak`, value: formatQuantity(r.s.peakFlops, 'FLOP/s'), testId: 'tt-peak' },
      { label: 'Wall-clock time', value: formatQuantity(r.s.seconds!, 's'), detail: `${formatInteger(n)} GPUs`, testId: 'tt-time' },
      { label: 'GPU-hours', value: formatQuantity(r.s.gpuHours!, 'GPU-h'), testId: 'tt-gpu-hours' },
      { label: 'MFU', value: formatPercent(r.s.mfu!), detail: solve === 'mfu' ? 'implied by the days' : 'assumed', testId: 'tt-mfu' },
    ],
    warnings: r.warnings,
    derivations: [r.perTokenD, r.totalD, ...r.steps],
  }),
});

export default function TrainingTimeCalculator({ lang }: IslandProps) {
  return <Calculator def={TRAINING_TIME} lang={lang} />;
}
