import { GPU_DTYPES, gpuPeakFlopsPerSecond, type PeakDtype } from '../../core/gpu/gpu';
import { mfuFlopsPerToken } from '../../core/mfu/conventions';
import { hfuFormula, mfuFormula, mfuFromGpuHoursFormula } from '../../core/mfu/mfu';
import { trainingScenario, type TrainingRun } from '../../core/scenario/training';
import type { WarningCode } from '../../core/scenario/warnings';
import { RECOMPUTE_MODES, type RecomputeMode } from '../../core/training/activations';
import {
  ATTENTION_CONVENTIONS,
  attentionMaskFactor,
  trainingAttentionFlopsFormula,
  trainingGpuHoursFormula,
  trainingTimeFormula,
  trainingTotalFlopsFormula,
  type AttentionConvention,
} from '../../core/training/compute';
import { formatInteger, formatPercent, formatQuantity, formatSI } from '../../core/units';
import { BarChart } from '../charts/BarChart';
import { Calculator, type IslandProps } from '../calculator/Calculator';
import { defineCalculator } from '../calculator/defineCalculator';
import { joinWords, sep } from '../calculator/words';
import { parseField, withPowers, type FieldSpecs } from '../state/fields';
import { CUSTOM_MODEL, gpuField, modelFields, resolveGpu, resolveModelChoice } from '../state/pickers';

const MODEL = modelFields('llama-3-70b');
const CONVENTION_LABELS: Record<AttentionConvention, string> = {
  none: '6N only (attention left out)',
  causal: '6N + causal attention (m = 1/2)',
  full: '6N + full attention (m = 1, PaLM)',
};
const CONVENTION_SHORT: Record<AttentionConvention, string> = { none: '6N', causal: '6N + causal', full: '6N + full' };
const RECOMPUTE_LABELS: Record<RecomputeMode, string> = {
  none: 'none',
  selective: 'selective (attention core)',
  full: 'full (whole forward pass)',
};

type Mode = 'throughput' | 'gpuHours' | 'plan';

const FIELDS = {
  mode: {
    kind: 'select',
    label: 'Direction',
    default: 'gpuHours',
    options: [
      { value: 'throughput', label: 'Tokens/s from a log → MFU' },
      { value: 'gpuHours', label: 'GPU-hours of a finished run → MFU' },
      { value: 'plan', label: 'An assumed MFU → time and GPU-hours' },
    ],
  },
  ...MODEL,
  gpu: gpuField('h100-sxm'),
  tokens: { kind: 'number', label: 'Training tokens D', default: 15e12, bound: 'trainingTokens', hint: (v) => withPowers(v['tokens']) },
  gpuHours: { kind: 'number', label: 'GPU-hours G', default: 6.4e6, bound: 'gpuHours', hint: (v) => withPowers(v['gpuHours']) },
  throughput: { kind: 'number', label: 'Throughput X (tokens/s, whole job)', default: 800_000, bound: 'tokensPerSecond' },
  gpus: { kind: 'number', label: 'GPUs n', default: 1024, bound: 'gpus' },
  mfu: {
    kind: 'number',
    label: 'Assumed MFU',
    default: 0.4,
    bound: 'efficiency',
    hint: (v) =>
      `a fraction, ${formatPercent(Number(v['mfu']))} of the ${resolveGpu(String(v['gpu'])).name}’s dense ${String(v['dtype'])} peak: ${formatQuantity(Number(v['mfu']) * gpuPeakFlopsPerSecond(resolveGpu(String(v['gpu'])), v['dtype'] as PeakDtype), 'FLOP/s')}`,
  },
  dtype: {
    kind: 'select',
    label: 'Peak for data type',
    default: 'bf16',
    options: GPU_DTYPES.map((d) => ({ value: d, label: `${d} (dense)` })),
  },
  attention: {
    kind: 'select',
    label: 'Attention FLOPs counted',
    default: 'none',
    options: ATTENTION_CONVENTIONS.map((c) => ({ value: c, label: CONVENTION_LABELS[c] })),
  },
  recompute: {
    kind: 'select',
    label: 'Recomputation (for HFU)',
    default: 'none',
    options: RECOMPUTE_MODES.map((m) => ({ value: m, label: RECOMPUTE_LABELS[m] })),
    hint: 'Selective recomputation is invisible when attention is not counted.',
  },
  seq: { kind: 'number', label: 'Sequence length S', default: 8192, bound: 'sequence', hint: 'only the attention-inclusive conventions use it' },
} satisfies FieldSpecs;

type Name = keyof typeof FIELDS;

/** The inputs each direction asks for; the others are hidden. */
const MODE_FIELDS: Record<Mode, readonly Name[]> = {
  throughput: ['throughput', 'gpus'],
  gpuHours: ['tokens', 'gpuHours'],
  plan: ['tokens', 'gpus', 'mfu'],
};
const ALL_MODE_FIELDS = new Set<Name>(Object.values(MODE_FIELDS).flat());

/**
 * A run's MFU says nothing about how it was laid out: the scenario's memory and pipeline
 * warnings, which assume plain data parallelism here, are the parallelism calculator's.
 */
const LAYOUT_WARNINGS: ReadonlySet<WarningCode> = new Set(['training-memory-does-not-fit', 'fewer-micro-batches-than-stages', 'global-batch-uneven']);

const isMode = (value: string): value is Mode => value in MODE_FIELDS;

/** "15.0T tokens": a count with its SI prefix, from the core's formatter. */
const tokensText = (value: number) => `${formatSI(value, '').trim().replace(' ', '')} tokens`;

/** MFU both ways: from a log's tokens/s or a run's GPU-hours, or from an assumed MFU to time and GPU-hours. */
export const MFU = defineCalculator({
  ns: 'mfu',
  anchor: 'mfu-calculator',
  title: 'MFU calculator',
  fields: FIELDS,
  groups: [
    // The data type stays in sight: a GPU without that peak is reported by it.
    { names: ['mode', 'model', 'config', 'gpu', 'dtype', 'tokens', 'gpuHours', 'throughput', 'gpus', 'mfu'] },
    { legend: 'Conventions: attention, recomputation', names: ['attention', 'recompute', 'seq'], advanced: true },
  ],
  // Only the inputs the chosen direction uses are shown, and a hidden one whose text is invalid
  // (from a link), so that no message is ever out of sight.
  shown: (name, raw) => {
    if (name === 'config') return raw.model === CUSTOM_MODEL;
    if (!ALL_MODE_FIELDS.has(name)) return true;
    return (isMode(raw.mode) && MODE_FIELDS[raw.mode].includes(name)) || !parseField(FIELDS[name], raw[name]).ok;
  },
  fieldFor: {
    tokensPerSecond: 'throughput',
    peakFlopsPerSecond: 'gpu',
    // The formulas name their inputs by symbol.
    F: 'model',
    N: 'model',
    R: 'recompute',
    X: 'throughput',
    n: 'gpus',
    P: 'gpu',
    D: 'tokens',
    G: 'gpuHours',
    C: 'tokens',
    u: 'mfu',
    S: 'seq',
    m: 'attention',
    // The layout the scenario infers (pure data parallelism over n GPUs).
    dp: 'gpus',
    tp: 'gpus',
    pp: 'gpus',
    cp: 'gpus',
    ep: 'gpus',
    microBatch: 'gpus',
  },
  setup: ({ mode, model, gpu, dtype, attention, tokens, gpuHours, throughput, gpus, mfu }, { t }) => {
    const name = MODEL.model.options.find((o) => o.value === model)?.label ?? t('a pasted config.json');
    const hw = resolveGpu(gpu).name;
    const convention = CONVENTION_SHORT[attention as AttentionConvention] ?? attention;
    const run =
      mode === 'throughput'
        ? t(`${formatQuantity(throughput, 'tokens/s')} on ${formatInteger(gpus)} × ${hw}`)
        : mode === 'plan'
          ? t(`${tokensText(tokens)} on ${formatInteger(gpus)} × ${hw} at ${formatPercent(mfu)} MFU`)
          : t(`${tokensText(tokens)} in ${formatQuantity(gpuHours, 'GPU-h')} of ${hw}`);
    return t(`${name}, ${run}, dense ${dtype} peak, counting ${convention}`);
  },
  compute: (v) => {
    const spec = resolveModelChoice(v.model, v.config);
    const gpu = resolveGpu(v.gpu);
    const mode: Mode = isMode(v.mode) ? v.mode : 'gpuHours';
    const recompute = v.recompute as RecomputeMode;
    const run: TrainingRun =
      mode === 'throughput'
        ? { kind: 'throughput', gpus: v.gpus, tokensPerSecond: v.throughput }
        : mode === 'plan'
          ? { kind: 'mfu', gpus: v.gpus, mfu: v.mfu }
          : { kind: 'gpu-hours', gpuHours: v.gpuHours };
    const scenario = (attention: AttentionConvention) =>
      trainingScenario({
        model: spec,
        gpu,
        tokens: v.tokens,
        seq: v.seq,
        run,
        dtype: v.dtype as PeakDtype,
        parallel: { recompute },
        assumptions: { attention },
      });
    const attention = v.attention as AttentionConvention;
    const s = scenario(attention);
    const F = s.flopsPerToken;
    const P = s.peakFlops;
    const perToken = trainingAttentionFlopsFormula.derive({
      N: s.activeParams,
      m: attentionMaskFactor(attention),
      L: spec.layers,
      h: spec.heads,
      d: spec.headDim,
      S: v.seq,
    });
    const warnings = s.warnings.filter((w) => !LAYOUT_WARNINGS.has(w.code));
    const base = { s, perToken, warnings, gpuName: gpu.name };
    if (mode === 'throughput') {
      // R, the FLOPs recomputed per token, for the HFU derivation: the scenario's own convention function.
      const R = mfuFlopsPerToken({
        params: s.activeParams,
        layers: spec.layers,
        heads: spec.heads,
        headDim: spec.headDim,
        seq: v.seq,
        attention,
        recompute,
      }).recompute;
      const mfuD = mfuFormula.derive({ F, X: v.throughput, n: v.gpus, P });
      const hfuD = hfuFormula.derive({ F, R, X: v.throughput, n: v.gpus, P });
      const bars = ATTENTION_CONVENTIONS.map((c) => ({ c, value: s.mfuByConvention![c] }));
      return { ...base, kind: 'throughput' as const, mfuD, hfuD, bars };
    }
    const totalD = trainingTotalFlopsFormula.derive({ F, D: v.tokens });
    if (mode === 'gpuHours') {
      const mfuD = mfuFromGpuHoursFormula.derive({ F, D: v.tokens, G: v.gpuHours, P });
      const bars = ATTENTION_CONVENTIONS.map((c) => ({ c, value: s.mfuByConvention![c] }));
      return { ...base, kind: 'gpuHours' as const, mfuD, totalD, bars };
    }
    const timeD = trainingTimeFormula.derive({ C: s.totalFlops, n: v.gpus, P, u: v.mfu });
    const hoursD = trainingGpuHoursFormula.derive({ C: s.totalFlops, P, u: v.mfu });
    // The same plan under each convention: the GPU-hours its FLOPs take at this MFU.
    const bars = ATTENTION_CONVENTIONS.map((c) => ({ c, value: (c === attention ? s : scenario(c)).gpuHours! }));
    return { ...base, kind: 'plan' as const, totalD, timeD, hoursD, bars };
  },
  view: (r, { dtype, recompute, gpus }, _, { t, lang }) => {
    const unit = r.kind === 'plan' ? 'GPU-h' : 'ratio';
    return {
      results: [
        {
          label: 'Model FLOPs per token',
          value: formatQuantity(r.s.flopsPerToken, 'FLOPs'),
          detail: `N = ${formatInteger(r.s.activeParams)} active parameters`,
          testId: 'mfu-flops-token',
        },
        { label: 'Peak per GPU', value: formatQuantity(r.s.peakFlops, 'FLOP/s'), detail: `${r.gpuName}, dense ${dtype}`, testId: 'mfu-peak' },
        ...(r.kind === 'throughput'
          ? [
              { label: 'MFU', value: formatPercent(r.s.mfu!), testId: 'mfu-result' },
              { label: 'HFU', value: formatPercent(r.s.hfu!), detail: `recomputation: ${RECOMPUTE_LABELS[recompute as RecomputeMode]}`, testId: 'mfu-hfu' },
            ]
          : r.kind === 'gpuHours'
            ? [
                { label: 'Training FLOPs', value: r.totalD.formatted, testId: 'mfu-total' },
                { label: 'MFU', value: formatPercent(r.s.mfu!), testId: 'mfu-result' },
                { label: 'HFU', value: formatPercent(r.s.hfu!), detail: `recomputation: ${RECOMPUTE_LABELS[recompute as RecomputeMode]}`, testId: 'mfu-hfu' },
              ]
            : [
                { label: 'Training FLOPs', value: r.totalD.formatted, testId: 'mfu-total' },
                { label: 'Wall-clock time', value: formatQuantity(r.s.seconds!, 's'), detail: `on ${formatInteger(gpus)} GPUs`, testId: 'mfu-time' },
                { label: 'GPU-hours', value: formatQuantity(r.s.gpuHours!, 'GPU-h'), testId: 'mfu-gpu-hours' },
              ]),
      ],
      warnings: r.warnings,
      derivations:
        r.kind === 'throughput' ? [r.perToken, r.mfuD, r.hfuD] : r.kind === 'gpuHours' ? [r.perToken, r.mfuD] : [r.perToken, r.totalD, r.timeD, r.hoursD],
      extra: (
        <BarChart
          title={r.kind === 'plan' ? 'GPU-hours by attention convention' : 'MFU by attention convention'}
          bars={r.bars.map((b) => ({ label: CONVENTION_SHORT[b.c], value: b.value, text: formatQuantity(b.value, unit) }))}
          summary={`The same ${r.kind === 'plan' ? 'plan' : 'run'} under each convention: ${joinWords(
            r.bars.map((b) => `${t(CONVENTION_LABELS[b.c])}${sep(': ', lang)}${formatQuantity(b.value, unit)}`),
            lang,
          )}.`}
        />
      ),
    };
  },
});

export default function MfuCalculator({ lang }: IslandProps) {
  return <Calculator def={MFU} lang={lang} />;
}
