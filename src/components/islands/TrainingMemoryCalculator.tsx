import { MEMORY_READINGS, memoryReadingUsed, type MemoryReading } from '../../core/gpu/gpu';
import type { ModelSpec } from '../../core/model/spec';
import { trainingScenario, type TrainingResult } from '../../core/scenario/training';
import type { WarningCode } from '../../core/scenario/warnings';
import { RECOMPUTE_MODES, type RecomputeMode } from '../../core/training/activations';
import { ZERO_STAGES, type ZeroStage } from '../../core/training/memory';
import {
  TRAINING_PRECISIONS,
  trainingMemoryDerivations,
  type ActivationCount,
  type TrainingMemory,
  type TrainingMemoryInput,
  type TrainingPrecision,
} from '../../core/training/perGpu';
import { formatBytes, formatInteger } from '../../core/units';
import { StackedBarChart } from '../charts/StackedBarChart';
import { Calculator, type IslandProps } from '../calculator/Calculator';
import { defineCalculator } from '../calculator/defineCalculator';
import { joinWords, sep } from '../calculator/words';
import type { FieldSpecs } from '../state/fields';
import { CUSTOM_MODEL, gpuField, modelFields, resolveGpu, resolveModelChoice } from '../state/pickers';

const MODEL = modelFields('llama-2-7b');
const ZERO_LABELS: Record<ZeroStage, string> = { 0: '0: nothing sharded', 1: '1: optimizer state', 2: '2: + gradients', 3: '3: + weights' };
const RECOMPUTE_LABELS: Record<RecomputeMode, string> = {
  none: 'none',
  selective: 'selective (attention scores)',
  full: 'full (keep layer inputs only)',
};
const COUNT_LABELS: Record<ActivationCount, string> = {
  korthikanti: 'Korthikanti et al. (GPT block, scores stored)',
  flash: 'This model’s block, FlashAttention, no dropout',
};
const READING_LABELS: Record<MemoryReading, string> = {
  runtime: 'as the CUDA runtime reports it',
  GiB: 'GiB physically on the card',
  GB: 'GB (1e9 bytes), as marketed',
};
/** Which figure a memory reading used, in words (a part without a runtime figure falls back). */
const USED_LABELS: Record<ReturnType<typeof memoryReadingUsed>, string> = {
  runtime: 'as the CUDA runtime reports it',
  'nvidia-smi': 'as nvidia-smi reports it',
  GiB: 'physically on the card',
  GB: 'as marketed',
};

const FIELDS = {
  ...MODEL,
  gpu: gpuField('a800-sxm-80gb'),
  b: { kind: 'number', label: 'Micro-batch b', default: 1, bound: 'batch', hint: 'sequences per micro-batch' },
  s: { kind: 'number', label: 'Sequence length s', default: 4096, bound: 'sequence' },
  D: { kind: 'number', label: 'Data-parallel D', default: 8, bound: 'gpus' },
  t: {
    kind: 'number',
    label: 'Tensor-parallel t',
    default: 1,
    bound: 'gpus',
    hint: (v) => `must divide the ${formatInteger(resolveModelChoice(String(v['model']), String(v['config'])).heads)} heads`,
  },
  p: {
    kind: 'number',
    label: 'Pipeline stages p',
    default: 1,
    bound: 'gpus',
    hint: (v) => `must divide the ${formatInteger(resolveModelChoice(String(v['model']), String(v['config'])).layers)} layers`,
  },
  zero: { kind: 'select', label: 'ZeRO stage', default: '0', options: ZERO_STAGES.map((z) => ({ value: String(z), label: ZERO_LABELS[z] })) },
  sp: {
    kind: 'select',
    label: 'Sequence parallelism',
    default: 'off',
    options: [
      { value: 'off', label: 'off' },
      { value: 'on', label: 'on (with tensor parallelism)' },
    ],
  },
  recompute: { kind: 'select', label: 'Recomputation', default: 'none', options: RECOMPUTE_MODES.map((m) => ({ value: m, label: RECOMPUTE_LABELS[m] })) },
  precision: {
    kind: 'select',
    label: 'Precision and optimizer',
    default: 'adam16',
    options: (Object.keys(TRAINING_PRECISIONS) as TrainingPrecision[]).map((k) => ({ value: k, label: TRAINING_PRECISIONS[k].label })),
  },
  // The chapter's section counts activations as Korthikanti et al. do; 'flash' is the scenario's default elsewhere.
  count: {
    kind: 'select',
    label: 'Activation count',
    default: 'korthikanti',
    options: (['korthikanti', 'flash'] as const).map((c) => ({ value: c, label: COUNT_LABELS[c] })),
  },
  memoryReading: {
    kind: 'select',
    label: 'GPU memory read as',
    default: 'runtime',
    options: MEMORY_READINGS.map((m) => ({ value: m, label: READING_LABELS[m] })),
  },
} satisfies FieldSpecs;

const KEYS = [
  { key: 'weights', label: 'Weights' },
  { key: 'grads', label: 'Gradients' },
  { key: 'optimizer', label: 'Optimizer' },
  { key: 'activations', label: 'Activations' },
] as const;

/** The run's length and speed do not change per-GPU memory; these only complete the scenario's question. */
const MEMORY_ONLY = { tokens: 1, run: { kind: 'gpu-hours', gpuHours: 1 } } as const;
/** Warnings about a run's speed: this calculator asks about memory only. */
const RUN_WARNINGS: ReadonlySet<WarningCode> = new Set(['mfu-above-peak', 'mfu-above-ceiling']);

interface Values {
  b: number;
  s: number;
  D: number;
  t: number;
  p: number;
  sp: string;
  recompute: string;
  precision: string;
  count: string;
  memoryReading: string;
}

/** The training scenario for this layout at one ZeRO stage. */
function scenarioAt(spec: ModelSpec, gpuId: string, v: Values, zero: ZeroStage): TrainingResult {
  return trainingScenario({
    model: spec,
    gpu: resolveGpu(gpuId),
    seq: v.s,
    ...MEMORY_ONLY,
    parallel: { dp: v.D, tp: v.t, pp: v.p, zero, sp: v.sp === 'on', recompute: v.recompute as RecomputeMode, microBatch: v.b },
    assumptions: { precision: v.precision as TrainingPrecision, activationCount: v.count as ActivationCount, memoryReading: v.memoryReading as MemoryReading },
  });
}

/** The scenario's per-GPU memory in the shape of the chapter's derivations (src/core/training/perGpu.ts). */
function asTrainingMemory(r: TrainingResult): TrainingMemory {
  const m = r.memory;
  return {
    gpus: r.gpus,
    paramsPerGpu: m.paramsPerGpu,
    weights: m.weightsBytes,
    grads: m.gradsBytes,
    optimizer: m.optimizerBytes,
    modelStates: m.modelStatesBytes,
    activationsPerLayer: m.activationsPerLayerBytes,
    activationLayers: m.activationLayers,
    activations: m.activationsBytes,
    total: m.totalBytes,
    bytesPerParam: TRAINING_PRECISIONS[r.assumptions.precision].bytes,
  };
}

/** Per-GPU training memory: model states after TP, PP and ZeRO, plus activations, against a GPU's capacity. */
export const TRAINING_MEMORY = defineCalculator({
  ns: 'tm',
  anchor: 'training-memory-calculator',
  title: 'Training memory per GPU',
  fields: FIELDS,
  groups: [
    { names: ['model', 'config', 'gpu', 'b', 's', 'D', 't', 'p', 'zero', 'sp', 'recompute'] },
    { legend: 'Precision, activation count, memory reading', names: ['precision', 'count', 'memoryReading'], advanced: true },
  ],
  shown: (name, raw) => name !== 'config' || raw.model === CUSTOM_MODEL,
  fieldFor: {
    dp: 'D',
    tp: 't',
    pp: 'p',
    gpus: 'D',
    seq: 's',
    microBatch: 'b',
    activationCount: 'count',
    // The scenario reads the GPU's bf16 peak (a V100 has none): the GPU is the input to change.
    dtype: 'gpu',
    peakFlopsPerSecond: 'gpu',
    // The formulas name their inputs by symbol.
    N: 'model',
    M: 'model',
    L: 'model',
    H: 'model',
    a: 'model',
    A: 's',
    w: 'precision',
    g: 'precision',
    k: 'precision',
    z: 'zero',
  },
  setup: ({ model, gpu, b, s, D, t, p, zero, sp, recompute, precision, count }, { t: tr }) => {
    const name = MODEL.model.options.find((o) => o.value === model)?.label ?? tr('a pasted config.json');
    const layout = `D ${formatInteger(D)} · t ${formatInteger(t)}${sp === 'on' ? tr(' (with SP)') : ''} · p ${formatInteger(p)}`;
    return tr(
      `${name}, b = ${formatInteger(b)}, s = ${formatInteger(s)} on ${resolveGpu(gpu).name} (${layout}), ZeRO-${zero}, ${recompute === 'full' ? tr('recomputation full') : recompute === 'selective' ? tr('recomputation selective') : tr('recomputation none')}, ${tr(
        TRAINING_PRECISIONS[precision as TrainingPrecision]?.label ?? precision,
      )}, ${count === 'flash' ? tr('FlashAttention count') : tr('Korthikanti count')}`,
    );
  },
  compute: (v) => {
    const spec = resolveModelChoice(v.model, v.config);
    const zero = Number(v.zero) as ZeroStage;
    const r = scenarioAt(spec, v.gpu, v, zero);
    const input: TrainingMemoryInput = {
      params: r.params,
      layers: spec.layers,
      hidden: spec.hidden,
      heads: spec.heads,
      kvHeads: spec.kvHeads,
      headDim: spec.headDim,
      ffnWidth: spec.ffnWidth,
      ffn: spec.ffn,
      seq: r.seq,
      microBatch: r.parallel.microBatch,
      dp: r.parallel.dp,
      tp: r.parallel.tp,
      pp: r.parallel.pp,
      zero,
      sp: r.parallel.sp,
      recompute: r.parallel.recompute,
      precision: r.assumptions.precision,
      activationCount: r.assumptions.activationCount,
    };
    const derivations = trainingMemoryDerivations(input, asTrainingMemory(r));
    const byStage = ZERO_STAGES.map((stage) => ({ stage, memory: (stage === zero ? r : scenarioAt(spec, v.gpu, v, stage)).memory }));
    const gpu = resolveGpu(v.gpu);
    return {
      r,
      gpu,
      used: memoryReadingUsed(gpu, r.assumptions.memoryReading),
      derivations,
      byStage,
      warnings: r.warnings.filter((w) => !RUN_WARNINGS.has(w.code)),
    };
  },
  view: ({ r, gpu, used, derivations, byStage, warnings }, { zero, count }, _, { t, lang }) => {
    const m = r.memory;
    const finite = byStage.every(({ memory }) => Number.isFinite(memory.totalBytes)) && Number.isFinite(m.usableBytes);
    return {
      results: [
        { label: 'GPUs (D × t × p)', value: formatInteger(r.gpus), testId: 'tm-gpus' },
        { label: 'Parameters per GPU', value: formatInteger(m.paramsPerGpu), detail: 'N / (t·p), before ZeRO', testId: 'tm-params' },
        {
          label: 'Model states',
          value: formatBytes(m.modelStatesBytes),
          detail: `weights ${formatBytes(m.weightsBytes)}, gradients ${formatBytes(m.gradsBytes)}, optimizer ${formatBytes(m.optimizerBytes)}`,
          testId: 'tm-states',
        },
        {
          label: 'Activations',
          value: formatBytes(m.activationsBytes),
          detail: `${formatBytes(m.activationsPerLayerBytes)} per layer × ${formatInteger(m.activationLayers)} layers`,
          testId: 'tm-activations',
        },
        { label: 'Total per GPU', value: formatBytes(m.totalBytes), detail: `${formatInteger(m.totalBytes)} B`, testId: 'tm-total' },
        {
          label: `${gpu.name} memory`,
          value: formatBytes(m.usableBytes),
          detail: t(`${m.fits ? 'fits' : 'does not fit'}: ${formatBytes(m.usableBytes, { binary: true })} ${t(USED_LABELS[used])}`),
          testId: 'tm-capacity',
        },
      ],
      warnings,
      derivations: [derivations.total, derivations.states, derivations.activations],
      extra: (
        <>
          {finite && (
            <StackedBarChart
              title="Per-GPU training memory by ZeRO stage"
              keys={KEYS}
              bars={byStage.map(({ stage, memory }) => ({
                label: `ZeRO-${stage}${String(stage) === zero ? ' (chosen)' : ''}`,
                segments: [
                  { key: 'weights', value: memory.weightsBytes },
                  { key: 'grads', value: memory.gradsBytes },
                  { key: 'optimizer', value: memory.optimizerBytes },
                  { key: 'activations', value: memory.activationsBytes },
                ],
                text: formatBytes(memory.totalBytes),
              }))}
              limit={{ value: m.usableBytes, label: `${gpu.name}: ${formatBytes(m.usableBytes)}` }}
              summary={joinWords(
                byStage.map(({ stage, memory }) =>
                  t(
                    `ZeRO-${stage}: weights ${formatBytes(memory.weightsBytes)}, gradients ${formatBytes(memory.gradsBytes)}, optimizer ${formatBytes(memory.optimizerBytes)}, activations ${formatBytes(memory.activationsBytes)}, total ${formatBytes(memory.totalBytes)}`,
                  ),
                ),
                lang,
              ).concat(sep('. ', lang), t(`One ${gpu.name} holds ${formatBytes(m.usableBytes)} ${t(USED_LABELS[used])}.`))}
            />
          )}
          {derivations.activations === null && (
            <p className="hint">
              {count === 'flash'
                ? t('The FlashAttention count adds up this model’s tensors one by one; it has no closed form.')
                : t('Selective recomputation without sequence parallelism leaves 10·s·b·H unsplit: s·b·H·(10 + 24/t).')}
            </p>
          )}
        </>
      ),
    };
  },
});

export default function TrainingMemoryCalculator({ lang }: IslandProps) {
  return <Calculator def={TRAINING_MEMORY} lang={lang} />;
}
