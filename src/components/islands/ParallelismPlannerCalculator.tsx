import { MEMORY_READINGS, memoryReadingUsed, perDirectionBandwidth, type MemoryReading } from '../../core/gpu/gpu';
import type { ModelSpec } from '../../core/model/spec';
import {
  flopsPerGpuFormula,
  globalBatchSequences,
  parallelModelFromSpec,
  stageShape,
  stepTimeFormula,
  summarizePlan,
  worldSizeFormula,
} from '../../core/parallel/layout';
import { dataAllReduceFormula, pipelineBubbleFormula, tensorCommFormula, type ParallelPlan } from '../../core/parallel/parallel';
import { trainingScenario, type TrainingResult } from '../../core/scenario/training';
import type { WarningCode } from '../../core/scenario/warnings';
import { RECOMPUTE_MODES, type RecomputeMode } from '../../core/training/activations';
import { ZERO_STAGES, type ZeroStage } from '../../core/training/memory';
import { TRAINING_PRECISIONS } from '../../core/training/perGpu';
import { formatBytes, formatInteger, formatPercent, formatSI, formatSeconds } from '../../core/units';
import { StackedBarChart } from '../charts/StackedBarChart';
import { Calculator, type IslandProps } from '../calculator/Calculator';
import { T } from '../i18n/T';
import { defineCalculator } from '../calculator/defineCalculator';
import { joinWords, sep } from '../calculator/words';
import type { FieldSpecs, FieldValues, NumberFieldSpec } from '../state/fields';
import { CUSTOM_MODEL, gpuField, modelFields, resolveGpu, resolveModelChoice } from '../state/pickers';

const MODEL = modelFields('llama-3-70b');
const degree = (label: string, def: number, hint?: string): NumberFieldSpec => ({
  kind: 'number',
  label,
  default: def,
  bound: 'gpus',
  ...(hint ? { hint } : {}),
});
const ZERO_LABELS: Record<ZeroStage, string> = {
  0: '0: every replica holds all states',
  1: '1: optimizer state sharded',
  2: '2: + gradients sharded',
  3: '3: + weights sharded',
};
const RECOMPUTE_LABELS: Record<RecomputeMode, string> = {
  none: 'none',
  selective: 'selective (attention core)',
  full: 'full (keep layer inputs only)',
};
const READING_LABELS: Record<MemoryReading, string> = {
  runtime: 'as the CUDA runtime reports it',
  GiB: 'GiB physically on the card',
  GB: 'GB (1e9 bytes), as marketed',
};
const USED_LABELS: Record<ReturnType<typeof memoryReadingUsed>, string> = {
  runtime: 'as the CUDA runtime reports it',
  'nvidia-smi': 'as nvidia-smi reports it',
  GiB: 'physically on the card',
  GB: 'as marketed',
};

const FIELDS = {
  ...MODEL,
  gpu: gpuField('h100-sxm'),
  gpus: degree('GPUs in the cluster', 1024),
  dp: { ...degree('Data parallel DP', 32), hint: (v) => `replicas; DP·TP·PP·CP = ${formatInteger(Number(v['gpus']))} GPUs` },
  tp: {
    ...degree('Tensor parallel TP', 8),
    hint: (v) => `divides the ${formatInteger(resolveModelChoice(String(v['model']), String(v['config'])).heads)} heads; keep within a node`,
  },
  pp: {
    ...degree('Pipeline parallel PP', 4),
    hint: (v) => `divides the ${formatInteger(resolveModelChoice(String(v['model']), String(v['config'])).layers)} layers`,
  },
  cp: { ...degree('Context parallel CP', 1), hint: (v) => `splits the sequence; divides S = ${formatInteger(Number(v['seq']))}` },
  ep: degree('Expert parallel EP', 1, 'MoE only; divides the experts and DP'),
  zero: { kind: 'select', label: 'ZeRO stage', default: '1', options: ZERO_STAGES.map((z) => ({ value: String(z), label: ZERO_LABELS[z] })) },
  recompute: {
    kind: 'select',
    label: 'Activation recomputation',
    default: 'selective',
    options: RECOMPUTE_MODES.map((m) => ({ value: m, label: RECOMPUTE_LABELS[m] })),
  },
  sp: {
    kind: 'select',
    label: 'Sequence parallel (with TP)',
    default: 'on',
    options: [
      { value: 'on', label: 'on: norms and dropout split along S' },
      { value: 'off', label: 'off' },
    ],
  },
  seq: { kind: 'number', label: 'Sequence length S', default: 8192, bound: 'sequence' },
  microBatch: { kind: 'number', label: 'Micro-batch size b', default: 1, bound: 'batch' },
  microBatches: { kind: 'number', label: 'Micro-batches per step m', default: 16, bound: 'batch', hint: 'per replica; shrinks the bubble' },
  u: { kind: 'number', label: 'Kernel efficiency u', default: 0.5, bound: 'efficiency', hint: 'fraction of peak while busy' },
  inter: {
    kind: 'number',
    label: 'Inter-node bandwidth per GPU (B/s)',
    default: 50e9,
    bound: 'bandwidth',
    hint: (v) => `${formatSI(Number(v['inter']) * 8, 'b/s')} per GPU (400 Gb/s InfiniBand = 50e9)`,
  },
  memoryReading: {
    kind: 'select',
    label: 'GPU memory read as',
    default: 'runtime',
    options: MEMORY_READINGS.map((m) => ({ value: m, label: READING_LABELS[m] })),
  },
} satisfies FieldSpecs;

const COMM_KINDS = [
  { key: 'data', label: 'Data parallel (gradient all-reduce)', link: 'inter-node' },
  { key: 'tensor', label: 'Tensor parallel (4 all-reduces per layer, m micro-batches)', link: 'NVLink' },
  { key: 'pipeline', label: 'Pipeline (point-to-point)', link: 'inter-node' },
  { key: 'context', label: 'Context parallel (K, V all-gather)', link: 'NVLink' },
  { key: 'expert', label: 'Expert parallel (all-to-all)', link: 'NVLink' },
] as const satisfies readonly { key: keyof ParallelPlan['commBytes']; label: string; link: string }[];
const KEYS = [
  { key: 'states', label: 'Model states' },
  { key: 'activations', label: 'Activations' },
] as const;

/** Bytes per element of the activations the planner sends and stores (bf16), as planParallelism assumes. */
const ACTIVATION_BYTES = 2;
/** A step's speed comes from u and the bubble here, not from a run: the scenario's run warnings are the MFU calculator's. */
const RUN_WARNINGS: ReadonlySet<WarningCode> = new Set(['mfu-above-peak', 'mfu-above-ceiling']);
/** A plan's per-GPU numbers do not depend on the token budget; the scenario takes one, so it gets a step's worth. */
const ONE_TOKEN = 1;

type Values = FieldValues<typeof FIELDS>;

/** The training scenario for this layout at one ZeRO stage: memory, bubble, communication and FLOPs per GPU. */
function scenarioAt(spec: ModelSpec, v: Values, zero: ZeroStage): TrainingResult {
  return trainingScenario({
    model: spec,
    gpu: resolveGpu(v.gpu),
    tokens: ONE_TOKEN,
    seq: v.seq,
    run: { kind: 'mfu', gpus: v.gpus, mfu: v.u },
    parallel: {
      dp: v.dp,
      tp: v.tp,
      pp: v.pp,
      cp: v.cp,
      ep: v.ep,
      sp: v.sp === 'on',
      zero,
      recompute: v.recompute as RecomputeMode,
      microBatch: v.microBatch,
      globalBatch: globalBatchSequences({ dp: v.dp, microBatches: v.microBatches, microBatch: v.microBatch }),
    },
    assumptions: { memoryReading: v.memoryReading as MemoryReading },
  });
}

/** The scenario's answer in the shape summarizePlan reads. */
function asPlan(r: TrainingResult): ParallelPlan {
  const m = r.memory;
  return {
    gpus: r.gpus,
    paramsPerGpu: m.paramsPerGpu,
    modelStateBytes: m.modelStatesBytes,
    modelStates: { weights: m.weightsBytes, grads: m.gradsBytes, optimizer: m.optimizerBytes },
    activationBytesPerLayer: m.activationsPerLayerBytes,
    activationLayers: m.activationLayers,
    activationBytes: m.activationsBytes,
    totalBytes: m.totalBytes,
    flopsPerGpuPerStep: r.flopsPerGpuPerStep,
    tokensPerStep: r.tokensPerStep,
    bubble: r.bubbleFraction,
    commBytes: r.communicationBytesPerStep,
  };
}

/** A 4-D (plus expert) parallel layout for training: per-GPU memory and FLOPs, communication, bubble, step time, fit. */
export const PARALLELISM_PLANNER = defineCalculator({
  ns: 'pp',
  anchor: 'parallelism-planner',
  title: 'Parallelism planner',
  fields: FIELDS,
  groups: [
    // The layout in its four common degrees, then the results; the rarer choices are folded (a phone shows the first result in its first screen).
    { names: ['model', 'config', 'gpu', 'gpus', 'dp', 'tp', 'pp'] },
    { legend: 'Context and expert parallelism, ZeRO, recomputation', names: ['cp', 'ep', 'zero', 'recompute'], advanced: true },
    {
      legend: 'Sequence parallelism, batch, efficiency, links, memory reading',
      names: ['sp', 'seq', 'microBatch', 'microBatches', 'u', 'inter', 'memoryReading'],
      advanced: true,
    },
  ],
  shown: (name, raw) => name !== 'config' || raw.model === CUSTOM_MODEL,
  fieldFor: {
    globalBatch: 'microBatches',
    dtype: 'gpu',
    peakFlopsPerSecond: 'gpu',
    interNode: 'inter',
    intraNode: 'gpu',
    utilization: 'u',
    mfu: 'u',
    // The formulas name their inputs by symbol.
    D: 'dp',
    t: 'tp',
    p: 'pp',
    c: 'cp',
    N: 'model',
    m: 'microBatches',
    b: 'microBatch',
    S: 'seq',
    F: 'microBatches',
    P: 'gpu',
    f: 'pp',
    L: 'pp',
    H: 'model',
    k: 'tp',
    s: 'model',
  },
  setup: ({ model, gpu, gpus, dp, tp, pp, cp, ep, zero, recompute }, { t }) => {
    const name = MODEL.model.options.find((o) => o.value === model)?.label ?? t('a pasted config.json');
    const layout = `DP ${formatInteger(dp)} · TP ${formatInteger(tp)} · PP ${formatInteger(pp)} · CP ${formatInteger(cp)} · EP ${formatInteger(ep)}`;
    return t(
      `${name} on ${formatInteger(gpus)} × ${resolveGpu(gpu).name}: ${layout}, ZeRO ${zero}, ${recompute === 'full' ? t('full recomputation') : recompute === 'selective' ? t('selective recomputation') : t('none recomputation')}`,
    );
  },
  compute: (v) => {
    const spec = resolveModelChoice(v.model, v.config);
    const hw = resolveGpu(v.gpu);
    const zero = Number(v.zero) as ZeroStage;
    const r = scenarioAt(spec, v, zero);
    const model = parallelModelFromSpec(spec);
    const plan = asPlan(r);
    // Tensor, context and expert traffic stays on the node's links; a GPU without any uses the inter-node figure.
    const intraNode = hw.interconnect.bandwidth === null ? v.inter : perDirectionBandwidth(hw);
    const summary = summarizePlan(model, plan, {
      peak: r.peakFlops,
      utilization: v.u,
      links: { intraNode, interNode: v.inter },
      memoryPerGpu: r.memory.usableBytes,
    });
    const { layersPerStage, seqPerGpu } = stageShape({ layers: spec.layers, pp: v.pp, seq: v.seq, cp: v.cp });
    const worldD = worldSizeFormula.derive({ D: v.dp, t: v.tp, p: v.pp, c: v.cp });
    const flopsD = flopsPerGpuFormula.derive({ N: r.activeParams, m: r.parallel.microBatches, b: v.microBatch, S: v.seq, t: v.tp, p: v.pp, c: v.cp });
    const bubbleD = pipelineBubbleFormula.derive({ p: v.pp, m: r.parallel.microBatches });
    const stepD = stepTimeFormula.derive({ F: r.flopsPerGpuPerStep, P: r.peakFlops, u: v.u, f: r.bubbleFraction });
    // The formula is the dense case; MoE experts all-reduce over DP/EP ranks and are in the table only.
    const gradBytes = TRAINING_PRECISIONS[r.assumptions.precision].bytes.grads;
    const dataD = v.dp > 1 && model.expertParams === 0 ? dataAllReduceFormula.derive({ N: r.memory.paramsPerGpu, s: gradBytes, D: v.dp }) : null;
    const tensorD =
      v.tp > 1 ? tensorCommFormula.derive({ k: 4, L: layersPerStage, b: v.microBatch, S: seqPerGpu, H: spec.hidden, s: ACTIVATION_BYTES, t: v.tp }) : null;
    const byStage = ZERO_STAGES.map((z) => ({ z, memory: (z === zero ? r : scenarioAt(spec, v, z)).memory }));
    return {
      r,
      hw,
      model,
      summary,
      used: memoryReadingUsed(hw, r.assumptions.memoryReading),
      byStage,
      worldD,
      flopsD,
      bubbleD,
      stepD,
      dataD,
      tensorD,
      warnings: r.warnings.filter((w) => !RUN_WARNINGS.has(w.code)),
    };
  },
  view: (x, v, _, { t, lang }) => {
    const { r, hw, summary, used } = x;
    const m = r.memory;
    const finite = x.byStage.every(({ memory }) => Number.isFinite(memory.totalBytes)) && Number.isFinite(m.usableBytes);
    return {
      results: [
        {
          label: 'GPUs used',
          value: x.worldD.formatted,
          detail: `DP ${formatInteger(v.dp)} · TP ${formatInteger(v.tp)} · PP ${formatInteger(v.pp)} · CP ${formatInteger(v.cp)}`,
          testId: 'pp-gpus',
        },
        { label: 'Parameters per GPU', value: formatSI(m.paramsPerGpu, ''), detail: `of ${formatInteger(r.params)}`, testId: 'pp-params' },
        {
          label: 'Model states per GPU',
          value: formatBytes(m.modelStatesBytes),
          detail: `ZeRO ${v.zero}, ${TRAINING_PRECISIONS[r.assumptions.precision].label}`,
          testId: 'pp-states',
        },
        {
          label: 'Activations per GPU',
          value: formatBytes(m.activationsBytes),
          detail: `recomputation: ${RECOMPUTE_LABELS[r.parallel.recompute]}`,
          testId: 'pp-activations',
        },
        {
          label: 'Memory per GPU',
          value: formatBytes(m.totalBytes),
          detail: `${m.fits ? 'fits in' : 'does not fit in'} ${formatBytes(m.usableBytes, { binary: true })} (${hw.name}, ${USED_LABELS[used]})`,
          testId: 'pp-memory',
        },
        { label: 'Fits', value: m.fits ? 'yes' : 'no', testId: 'pp-fits' },
        {
          label: 'FLOPs per GPU per step',
          value: x.flopsD.formatted,
          detail: `${formatInteger(r.tokensPerStep)} tokens per step`,
          testId: 'pp-flops',
        },
        { label: 'Pipeline bubble', value: x.bubbleD.formatted, testId: 'pp-bubble' },
        { label: 'Step time', value: x.stepD.formatted, detail: 'communication hidden behind compute', testId: 'pp-step' },
        { label: 'Throughput', value: formatSI(summary.tokensPerSecond, 'tokens/s'), detail: `MFU ${formatPercent(summary.mfu)}`, testId: 'pp-throughput' },
        {
          label: 'Communication if not overlapped',
          value: formatSeconds(summary.commTotalSeconds),
          detail: `per step, against ${x.stepD.formatted} of compute`,
          testId: 'pp-comm',
        },
      ],
      warnings: x.warnings,
      derivations: [x.worldD, x.flopsD, x.bubbleD, x.stepD, x.dataD, x.tensorD],
      extra: (
        <>
          <table className="sweep" data-testid="pp-comm-table">
            <caption>
              <T>Bytes each GPU sends per step, and the time on its link</T>
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <T>traffic</T>
                </th>
                <th scope="col">
                  <T>bytes</T>
                </th>
                <th scope="col">
                  <T>link</T>
                </th>
                <th scope="col">
                  <T>time</T>
                </th>
              </tr>
            </thead>
            <tbody>
              {COMM_KINDS.map((k) => (
                <tr key={k.key}>
                  <td>{t(k.label)}</td>
                  <td>{formatBytes(r.communicationBytesPerStep[k.key])}</td>
                  <td>{t(k.link)}</td>
                  <td>{formatSeconds(summary.commSeconds[k.key])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {finite && (
            <StackedBarChart
              title="Memory per GPU by ZeRO stage"
              keys={KEYS}
              bars={x.byStage.map(({ z, memory }) => ({
                label: `ZeRO ${z}${String(z) === v.zero ? ' (chosen)' : ''}`,
                segments: [
                  { key: 'states', value: memory.modelStatesBytes },
                  { key: 'activations', value: memory.activationsBytes },
                ],
                text: formatBytes(memory.totalBytes),
              }))}
              limit={{ value: m.usableBytes, label: `${formatBytes(m.usableBytes, { binary: true })} per GPU` }}
              summary={joinWords(
                x.byStage.map(({ z, memory }) =>
                  t(
                    `ZeRO ${z}: model states ${formatBytes(memory.modelStatesBytes)}, activations ${formatBytes(memory.activationsBytes)}, total ${formatBytes(memory.totalBytes)}`,
                  ),
                ),
                lang,
              ).concat(sep('. ', lang), t(`Each GPU has ${formatBytes(m.usableBytes, { binary: true })} ${t(USED_LABELS[used])}.`))}
            />
          )}
        </>
      ),
    };
  },
});

export default function ParallelismPlannerCalculator({ lang }: IslandProps) {
  return <Calculator def={PARALLELISM_PLANNER} lang={lang} />;
}
