import type { ReactNode } from 'react';
import { DTYPES, type Dtype } from '../../../core/dtypes';
import { forwardFlopsFormula, perTokenFlopsFormula } from '../../../core/flops/formulas';
import { decodeStepFlops, prefillFlops } from '../../../core/flops/flops';
import type { Derivation } from '../../../core/formula';
import type { GpuSpec } from '../../../core/gpu/spec';
import type { ModelSpec } from '../../../core/model/spec';
import { MEMORY_READINGS, type MemoryReading } from '../../../core/gpu/gpu';
import { requestCounts } from '../../../core/memory/inference';
import { dataAllReduceFormula, pipelineBubbleFormula } from '../../../core/parallel/parallel';
import { globalBatchSequences } from '../../../core/parallel/layout';
import { paramsApproxFormula } from '../../../core/params/formulas';
import { activeParams, countParams, paramsApprox } from '../../../core/params/params';
import { SERVING_DEFAULTS } from '../../../core/scenario/defaults';
import { servingScenario, type ServingInput, type ServingResult } from '../../../core/scenario/serving';
import { servingDerivations } from '../../../core/scenario/servingSteps';
import { trainingScenario, type TrainingInput } from '../../../core/scenario/training';
import type { Warning } from '../../../core/scenario/warnings';
import { RECOMPUTE_MODES, type RecomputeMode } from '../../../core/training/activations';
import {
  trainingFlopsPerTokenFormula,
  trainingFlopsPerTokenRecomputeFormula,
  trainingFlopsPerTokenWithAttention,
  trainingGpuHoursFormula,
  trainingTimeFormula,
  trainingTotalFlopsFormula,
} from '../../../core/training/compute';
import { ZERO_STAGES, zeroFormula, type ZeroStage } from '../../../core/training/memory';
import { TRAINING_PRECISIONS } from '../../../core/training/perGpu';
import { formatBytes, formatInteger, formatPercent, formatQuantity, formatSI, formatSeconds, type Unit } from '../../../core/units';
import { defineCalculator } from '../../calculator/defineCalculator';
import { joinWords, sep } from '../../calculator/words';
import { StackedBarChart } from '../../charts/StackedBarChart';
import { Results, type ResultItem } from '../../controls/Results';
import { useT } from '../../i18n/i18n';
import { T } from '../../i18n/T';
import { dtypeOptions, type FieldSpecs, type FieldValues, type SelectFieldSpec } from '../../state/fields';
import { CUSTOM_MODEL, gpuField, modelFields, resolveGpu, resolveModelChoice } from '../../state/pickers';

export const MODEL = modelFields('llama-2-7b');
export const GPU = gpuField('a800-sxm-80gb');
const SERVING_DTYPES = dtypeOptions(DTYPES.filter((d) => d !== 'tf32'));
const READING_LABELS: Readonly<Record<MemoryReading, string>> = {
  runtime: 'as the CUDA runtime reports it',
  GiB: 'GiB (2³⁰ B, physical HBM)',
  GB: 'GB (10⁹ B, as marketed)',
};
const ZERO_LABELS: Readonly<Record<ZeroStage, string>> = {
  0: '0 (no sharding)',
  1: '1 (optimizer state)',
  2: '2 (+ gradients)',
  3: '3 (+ weights)',
};
const MEMORY_KEYS = [
  { key: 'weights', label: 'Weights' },
  { key: 'kv', label: 'KV cache' },
  { key: 'activations', label: 'Activations' },
] as const;
const TRAINING_KEYS = [
  { key: 'weights', label: 'Weights' },
  { key: 'grads', label: 'Gradients' },
  { key: 'optimizer', label: 'Optimizer' },
  { key: 'activations', label: 'Activations' },
] as const;

export const labelOf = (spec: SelectFieldSpec, value: string) => spec.options.find((o) => o.value === value)?.label ?? value;
export const requestsText = (n: number) => `${formatInteger(n)} request${n === 1 ? '' : 's'}`;
const regimeText = (regime: string) => (regime === 'compute-bound' ? 'compute-bound' : 'memory-bound');
const tokensText = (n: number) => `${formatSI(n, '', 3).trim()} tokens`;
/** Derivations shown open, one or two per group; the rest are folded under "More derivations". */
const OPEN = new Set(['params.approx', 'flops.forward', 'serving.maxConcurrency', 'latency.prefill', 'latency.decode', 'training.time', 'training.zero']);

/** Serving and training warnings together, each saying which question it is about (one per code). */
function allWarnings(serving: readonly Warning[], training: readonly Warning[]): Warning[] {
  const byCode = new Map<string, Warning>();
  for (const w of serving) byCode.set(w.code, { ...w, message: `Serving: ${w.message}` });
  for (const w of training) if (!byCode.has(w.code)) byCode.set(w.code, { ...w, message: `Training: ${w.message}` });
  // (the prefixes are translated as 'Serving: {}' and 'Training: {}', listed in the catalogue test's BUILT)
  return [...byCode.values()];
}

export function Group({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  const t = useT();
  return (
    <section className="pg-group" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t(title)}</h4>
      {children}
    </section>
  );
}

/** How a result row compares between two scenarios: a number in a unit, or a text. */
export type Comparable = { kind: 'number'; value: number; unit: Unit } | { kind: 'text'; text: string };

/** A result row: what the forward view shows, and what the compare view compares. */
export interface Row extends ResultItem {
  /** Stable key; the forward view's test id is `${prefix}-${key}`. */
  key: string;
  /** The label where `label` names an input's value ("KV cache, 16 requests"): the same for two scenarios. */
  compareLabel?: string;
  compare: Comparable;
}

/** A group of result rows under a heading, with what follows them (notes, a chart). */
export interface RowGroup {
  key: string;
  title: string;
  rows: Row[];
  after?: ReactNode;
}

const num = (value: number, unit: Unit): Comparable => ({ kind: 'number', value, unit });
const txt = (text: string): Comparable => ({ kind: 'text', text });

/** Renders row groups as the forward view does: a heading, the rows, then notes and charts. */
export function RowGroups({ groups, prefix }: { groups: readonly RowGroup[]; prefix: string }) {
  return (
    <>
      {groups.map((g) => (
        <Group key={g.key} id={`${prefix}-${g.key}`} title={g.title}>
          <Results
            items={g.rows.map(({ label, value, detail, key }) => ({ label, value, ...(detail === undefined ? {} : { detail }), testId: `${prefix}-${key}` }))}
          />
          {g.after}
        </Group>
      ))}
    </>
  );
}

/** The playground's inputs, parsed. */
export type PlaygroundValues = FieldValues<typeof PLAYGROUND_FIELDS>;

/** The serving question the playground's inputs ask: the one servingScenario input forward and reverse modes share. */
export function servingInputOf(v: PlaygroundValues, spec: ModelSpec, hw: GpuSpec): ServingInput {
  return {
    model: spec,
    gpu: hw,
    gpus: v.G,
    batch: v.B,
    inputTokens: v.Sin,
    outputTokens: v.Sout,
    weightDtype: v.wdtype as Dtype,
    kvDtype: v.kvdtype as Dtype,
    assumptions: { memoryReading: v.reading as MemoryReading, utilization: v.u },
  };
}

/** Memory at 1…B requests, for the memory chart. */
export type MemoryBars = { requests: number; memory: ServingResult['memory'] }[];

/**
 * The serving memory group for a scenario (`v` holds its G, B, S and O). Without bars, no chart
 * (the reverse mode shows the group at its answer without one).
 */
export function memoryGroup(serving: ServingResult, v: PlaygroundValues, spec: ModelSpec, hw: GpuSpec, memoryBars: MemoryBars | null): RowGroup {
  const m = serving.memory;
  return {
    key: 'memory',
    title: 'Serving memory and concurrency',
    rows: [
      { key: 'weights', label: 'Weights', value: formatBytes(m.weightsBytes), detail: `${formatInteger(m.weightsBytes)} B`, compare: num(m.weightsBytes, 'B') },
      {
        key: 'kv-request',
        label: 'KV cache per request',
        value: formatBytes(m.kvCacheBytesPerRequest),
        detail: `${formatInteger(m.kvCacheBytesPerRequest)} B`,
        compare: num(m.kvCacheBytesPerRequest, 'B'),
      },
      {
        key: 'kv-total',
        label: `KV cache, ${requestsText(v.B)}`,
        compareLabel: 'KV cache, B requests',
        value: formatBytes(m.kvCacheBytes),
        detail: `${formatInteger(m.kvCacheBytes)} B`,
        compare: num(m.kvCacheBytes, 'B'),
      },
      { key: 'act', label: 'Activations (one prefill)', value: formatBytes(m.activationBytes), compare: num(m.activationBytes, 'B') },
      {
        key: 'mem-total',
        label: 'Total',
        value: formatBytes(m.totalBytes),
        detail: formatBytes(m.totalBytes, { binary: true }),
        compare: num(m.totalBytes, 'B'),
      },
      {
        key: 'capacity',
        label: `Usable on ${formatInteger(v.G)} × ${hw.name}`,
        compareLabel: 'Usable memory, G × M × u',
        value: formatBytes(m.usableBytes),
        detail: `${formatInteger(v.G)} × ${formatBytes(serving.hardware.memoryPerGpuBytes, { binary: v.reading !== 'GB' })} (${serving.hardware.memoryReadingUsed}) × ${v.u}`,
        compare: num(m.usableBytes, 'B'),
      },
      {
        key: 'concurrency',
        label: 'Max concurrent requests',
        value: formatInteger(m.maxConcurrency),
        detail: m.kvBudgetBytes > 0 ? `${formatBytes(m.kvBudgetBytes)} left for KV caches` : 'the weights and activations alone do not fit',
        compare: num(m.maxConcurrency, 'requests'),
      },
      {
        key: 'mem-verdict',
        label: requestsText(v.B),
        compareLabel: 'The B requests',
        value: m.fits ? 'fit' : 'do not fit',
        compare: txt(m.fits ? 'fit' : 'do not fit'),
      },
    ],
    after: (
      <>
        {spec.mla && (
          <p className="note">
            <T>This model caches MLA’s compressed latent per layer and token, not full K and V.</T>
          </p>
        )}
        {spec.slidingWindow && <WindowNote size={spec.slidingWindow.size} />}
        {memoryBars && (
          <StackedBarChart
            title={`Serving memory on ${formatInteger(v.G)} GPUs by number of requests`}
            keys={MEMORY_KEYS}
            bars={memoryBars.map(({ requests, memory }) => ({
              label: `${formatInteger(requests)} req.`,
              segments: [
                { key: 'weights', value: memory.weightsBytes },
                { key: 'kv', value: memory.kvCacheBytes },
                { key: 'activations', value: memory.activationBytes },
              ],
              text: formatBytes(memory.totalBytes),
            }))}
            limit={{ value: m.usableBytes, label: `usable: ${formatBytes(m.usableBytes)}` }}
            summary={(t, lang) =>
              joinWords(
                memoryBars.map(({ requests, memory }) =>
                  t(
                    `${requestsText(requests)}: weights ${formatBytes(memory.weightsBytes)}, KV cache ${formatBytes(memory.kvCacheBytes)}, activations ${formatBytes(memory.activationBytes)}, total ${formatBytes(memory.totalBytes)}`,
                  ),
                ),
                lang,
              ).concat(sep('. ', lang), t(`Usable memory: ${formatBytes(m.usableBytes)}; at most ${formatInteger(m.maxConcurrency)} requests fit.`))
            }
          />
        )}
      </>
    ),
  };
}

function WindowNote({ size }: { size: number }) {
  const t = useT();
  return <p className="note">{t(`Sliding window of ${formatInteger(size)} tokens: the cache of the windowed layers stops growing there.`)}</p>;
}

/** What the latency rows assume, in the island's language. */
function LatencyNote({ gpus, attention: mode }: { gpus: number; attention: string }) {
  const t = useT();
  const attention = mode === 'causal' ? t('causal') : mode === 'full' ? t('full') : mode;
  const what =
    gpus > 1
      ? t(
          `Estimates: ${formatInteger(gpus)}-way tensor parallel; ${attention} attention; the calibrated latency model (the site’s defaults; see the reality-check page for its error against published measurements).`,
        )
      : t(
          `Estimates: ${attention} attention; the calibrated latency model (the site’s defaults; see the reality-check page for its error against published measurements).`,
        );
  return (
    <p className="note">
      {what} {t('Time per output token is the mean over the O − 1 decode steps; its derivation below shows the last, longest-context one.')}
    </p>
  );
}

/** The latency group for a scenario; `throughput` is the scenario's decode-throughput derivation when there is one. */
export function latencyGroup(serving: ServingResult, v: PlaygroundValues, throughput: Derivation | undefined): RowGroup {
  return {
    key: 'latency',
    title: 'Latency by roofline',
    rows: [
      {
        key: 'ttft',
        label: 'Time to first token',
        value: formatSeconds(serving.ttftSeconds),
        detail: `prefill is ${regimeText(serving.prefill.regime)}`,
        compare: num(serving.ttftSeconds, 's'),
      },
      {
        key: 'tpot',
        label: 'Time per output token',
        value: formatSeconds(serving.tpotSeconds),
        detail: `decode is ${regimeText(serving.decodeLast.regime)}`,
        compare: num(serving.tpotSeconds, 's'),
      },
      {
        key: 'throughput',
        label: 'Decode throughput',
        value: throughput?.formatted ?? formatSI(serving.decodeTokensPerSecond, 'tokens/s'),
        detail: `${formatInteger(v.B)} sequences per step`,
        compare: num(serving.decodeTokensPerSecond, 'tokens/s'),
      },
      {
        key: 'request-time',
        label: 'Whole request',
        value: formatSeconds(serving.totalSeconds),
        detail: 'TTFT + (O − 1) × TPOT',
        compare: num(serving.totalSeconds, 's'),
      },
      {
        key: 'peak',
        label: 'Peak used',
        value: formatQuantity(serving.hardware.matmulPeakFlopsPerSecond, 'FLOP/s'),
        detail: `${serving.hardware.matmulPeakDtype} per GPU, chosen by the scenario for ${serving.weightDtype} weights; HBM ${formatQuantity(serving.hardware.memoryBandwidth, 'B/s')}`,
        compare: num(serving.hardware.matmulPeakFlopsPerSecond, 'FLOP/s'),
      },
    ],
    after: <LatencyNote gpus={v.G} attention={serving.assumptions.attention} />,
  };
}

/** The training plan's assumptions, in the island's language. */
function TrainingNote({ precision, sp }: { precision: string; sp: boolean }) {
  const t = useT();
  return (
    <p className="note">
      {sp
        ? t(`${t(precision)}; bf16 activations, FlashAttention, sequence parallelism alongside TP, 1F1B schedule.`)
        : t(`${t(precision)}; bf16 activations, FlashAttention, 1F1B schedule.`)}
    </p>
  );
}

/** The playground's inputs: one scenario's fields (compare mode holds two sets, under `pg` and `pgb`). */
export const PLAYGROUND_FIELDS = {
  ...MODEL,
  wdtype: { kind: 'select', label: 'Weight dtype', default: 'bf16', options: SERVING_DTYPES, hint: 'serving; it sets the peak the matmuls run at' },
  kvdtype: { kind: 'select', label: 'KV-cache dtype', default: 'bf16', options: SERVING_DTYPES },
  gpu: GPU,
  G: { kind: 'number', label: 'GPUs G', default: 8, bound: 'gpus', hint: 'serving: tensor parallel over all G; training: DP·TP·PP = G' },
  reading: {
    kind: 'select',
    label: 'Read "80GB" as',
    default: SERVING_DEFAULTS.memoryReading,
    options: MEMORY_READINGS.map((r) => ({ value: r, label: READING_LABELS[r] })),
  },
  u: {
    kind: 'number',
    label: 'Usable fraction u',
    default: SERVING_DEFAULTS.utilization,
    bound: 'fraction',
    hint: 'of each GPU, serving and training; the rest is a reserve (vLLM default 0.9)',
  },
  B: { kind: 'number', label: 'Concurrent requests B', default: 16, bound: 'batch' },
  Sin: { kind: 'number', label: 'Input tokens S', default: 3000, bound: 'sequence', hint: 'prompt per request' },
  Sout: { kind: 'number', label: 'Output tokens O', default: 1000, bound: 'sequence', hint: 'generated per request' },
  D: { kind: 'number', label: 'Training tokens D', default: 2e12, bound: 'trainingTokens', hint: 'e.g. 2T = 2e12' },
  mfu: { kind: 'number', label: 'MFU', default: 0.4, bound: 'efficiency', hint: 'fraction of the bf16 peak the run sustains' },
  seq: { kind: 'number', label: 'Training sequence length', default: 4096, bound: 'sequence' },
  mb: { kind: 'number', label: 'Micro-batch size b', default: 1, bound: 'batch', hint: 'sequences per micro-batch' },
  m: { kind: 'number', label: 'Micro-batches per step m', default: 8, bound: 'batch', hint: 'per data-parallel replica' },
  dp: { kind: 'number', label: 'Data parallel DP', default: 8, bound: 'gpus' },
  tp: { kind: 'number', label: 'Tensor parallel TP', default: 1, bound: 'gpus' },
  pp: { kind: 'number', label: 'Pipeline parallel PP', default: 1, bound: 'gpus' },
  zero: { kind: 'select', label: 'ZeRO stage', default: '1', options: ZERO_STAGES.map((z) => ({ value: String(z), label: ZERO_LABELS[z] })) },
  recompute: { kind: 'select', label: 'Activation recomputation', default: 'none', options: RECOMPUTE_MODES.map((r) => ({ value: r, label: r })) },
} satisfies FieldSpecs;

/** Parameters, FLOPs, the serving scenario and the training scenario for one set of inputs: core calls only. */
export function computePlayground(v: PlaygroundValues) {
  const spec = resolveModelChoice(v.model, v.config);
  const hw = resolveGpu(v.gpu);
  const reading = v.reading as MemoryReading;

  // Parameters and FLOPs per token: the model alone.
  const active = activeParams(spec);
  const context = v.Sin + v.Sout;
  const params = {
    ledger: countParams(spec),
    approx: paramsApprox(spec),
    active,
    approxD: paramsApproxFormula.derive({ L: spec.layers, H: spec.hidden, V: spec.vocab }),
  };
  const flops = {
    twoN: perTokenFlopsFormula.derive({ N: active }),
    decode: decodeStepFlops({ spec, batch: 1, contextTokens: context }),
    articleD: forwardFlopsFormula.derive({ B: 1, S: 1, N: active, L: spec.layers, H: spec.hidden, Sc: context }),
    prefill: prefillFlops({ spec, batch: 1, promptTokens: v.Sin, logits: 'last' }),
    sixN: trainingFlopsPerTokenFormula.derive({ N: active }),
    eightN: trainingFlopsPerTokenRecomputeFormula.derive({ N: active }),
    withAttention: trainingFlopsPerTokenWithAttention({ params: active, layers: spec.layers, heads: spec.heads, headDim: spec.headDim, seq: v.seq, mask: 0.5 }),
  };

  // Serving: the scenario engine's one answer, and its memory at 1…B requests for the chart.
  const servingInput = servingInputOf(v, spec, hw);
  const serving = servingScenario(servingInput);
  const memoryBars = requestCounts(v.B, 4).map((requests) => ({
    requests,
    memory: requests === v.B ? serving.memory : servingScenario({ ...servingInput, batch: requests }).memory,
  }));

  // Training: the time at this MFU on all G GPUs, and the plan; the chart compares the recomputation modes.
  const trainingInput = (recompute: RecomputeMode): TrainingInput => ({
    model: spec,
    gpu: hw,
    tokens: v.D,
    seq: v.seq,
    run: { kind: 'mfu', gpus: v.G, mfu: v.mfu },
    parallel: {
      dp: v.dp,
      tp: v.tp,
      pp: v.pp,
      zero: Number(v.zero) as ZeroStage,
      recompute,
      microBatch: v.mb,
      globalBatch: globalBatchSequences({ dp: v.dp, microBatches: v.m, microBatch: v.mb }),
    },
    assumptions: { memoryReading: reading, utilization: v.u },
  });
  const training = trainingScenario(trainingInput(v.recompute as RecomputeMode));
  const byMode = RECOMPUTE_MODES.map((mode) => ({ mode, r: mode === training.parallel.recompute ? training : trainingScenario(trainingInput(mode)) }));
  const stateBytes = TRAINING_PRECISIONS[training.assumptions.precision];
  const p = training.parallel;
  const trainingDerivations = [
    trainingTotalFlopsFormula.derive({ F: training.flopsPerToken, D: training.tokens }),
    trainingTimeFormula.derive({ C: training.totalFlops, n: training.gpus, P: training.peakFlops, u: v.mfu }),
    trainingGpuHoursFormula.derive({ C: training.totalFlops, P: training.peakFlops, u: v.mfu }),
    zeroFormula.derive({
      N: training.memory.paramsPerGpu,
      w: stateBytes.bytes.weights,
      g: stateBytes.bytes.grads,
      k: stateBytes.bytes.optimizer,
      D: p.dp,
      z: p.zero,
    }),
    p.pp > 1 ? pipelineBubbleFormula.derive({ p: p.pp, m: p.microBatches }) : null,
    p.dp > 1 ? dataAllReduceFormula.derive({ N: training.memory.paramsPerGpu, s: stateBytes.bytes.grads, D: p.dp }) : null,
  ];

  return {
    spec,
    hw,
    params,
    flops,
    serving,
    servingSteps: servingDerivations(spec, serving),
    memoryBars,
    training,
    byMode,
    precision: stateBytes.label,
    trainingDerivations,
  };
}

/**
 * Every result for one model × hardware × workload: parameters, FLOPs per token, and the
 * scenario engine's serving answer (memory, concurrency, latency) and training answer (time
 * at an MFU, a parallel plan), each with its warnings.
 */
export const PLAYGROUND = defineCalculator({
  ns: 'pg',
  anchor: 'playground-calculator',
  title: 'Model × hardware × workload',
  fields: PLAYGROUND_FIELDS,
  groups: [
    { legend: 'Model and hardware', names: ['model', 'config', 'wdtype', 'gpu', 'G'] },
    { legend: 'Serving workload', names: ['B', 'Sin', 'Sout'] },
    { legend: 'Training run and parallel plan', names: ['D', 'mfu', 'seq', 'dp', 'tp', 'pp'] },
    {
      legend: 'More: KV-cache type, memory reading, ZeRO, recomputation, micro-batches',
      names: ['kvdtype', 'reading', 'u', 'zero', 'recompute', 'mb', 'm'],
      advanced: true,
    },
  ],
  shown: (name, raw) => name !== 'config' || raw.model === CUSTOM_MODEL,
  // What the scenarios and formulas call the inputs this page names otherwise.
  fieldFor: {
    gpus: 'G',
    batch: 'B',
    inputTokens: 'Sin',
    outputTokens: 'Sout',
    contextTokens: 'Sout',
    activationTokens: 'Sin',
    weightDtype: 'wdtype',
    kvDtype: 'kvdtype',
    memoryReading: 'reading',
    utilization: 'u',
    tokens: 'D',
    microBatch: 'mb',
    microBatches: 'm',
    globalBatch: 'm',
    // A part without a bf16 peak (V100) cannot run the bf16 training the time assumes.
    dtype: 'gpu',
    N: 'model',
    L: 'model',
    H: 'model',
    V: 'model',
    S: 'Sin',
    Sc: 'Sout',
    n: 'G',
    P: 'gpu',
    z: 'zero',
    p: 'pp',
    b: 'mb',
  },
  setup: (v, { t }) =>
    t(
      `${v.model === CUSTOM_MODEL ? t('the pasted config.json') : labelOf(MODEL.model, v.model)} on ${formatInteger(v.G)} × ${labelOf(GPU, v.gpu)}: serving ${t(requestsText(v.B))} of ${formatInteger(v.Sin)} + ${formatInteger(v.Sout)} tokens in ${v.wdtype}; training on ${t(tokensText(v.D))} at ${formatPercent(v.mfu)} MFU, DP ${formatInteger(v.dp)} × TP ${formatInteger(v.tp)} × PP ${formatInteger(v.pp)}`,
    ),
  compute: computePlayground,
  view: (r, v) => {
    const derivations: (Derivation | null)[] = [r.params.approxD, r.flops.articleD, ...r.servingSteps, ...r.trainingDerivations];
    return {
      results: [],
      warnings: allWarnings(r.serving.warnings, r.training.warnings),
      extra: <RowGroups groups={playgroundGroups(r, v)} prefix="pg" />,
      derivations: derivations.filter((d) => d !== null && OPEN.has(d.id)),
      more: derivations.filter((d) => d !== null && !OPEN.has(d.id)),
    };
  },
});

/** What the playground computes for one set of inputs. */
export type PlaygroundResult = ReturnType<typeof computePlayground>;

/** Every result row of the forward view, by group: what forward mode shows and compare mode compares. */
export function playgroundGroups(r: PlaygroundResult, v: PlaygroundValues): RowGroup[] {
  const { params, flops, serving, training } = r;
  const t = training.memory;
  const throughput = r.servingSteps.find((d) => d.id === 'latency.decodeThroughput');
  // Literal words (not `with ${mode} recomputation`), so the catalogue has each phrase whole.
  const recomputeText =
    training.parallel.recompute === 'none'
      ? 'without recomputation'
      : training.parallel.recompute === 'full'
        ? 'with full recomputation'
        : 'with selective recomputation';
  return [
    {
      key: 'params',
      title: 'Parameters',
      rows: [
        {
          key: 'params',
          label: 'Parameters (exact)',
          value: formatInteger(params.ledger.total),
          detail: 'counted tensor by tensor',
          compare: num(params.ledger.total, 'params'),
        },
        {
          key: 'approx',
          label: '12·L·H² + V·H',
          value: formatInteger(params.approx.approx),
          detail: `${params.approx.error >= 0 ? 'undercounts' : 'overcounts'} by ${formatInteger(Math.abs(params.approx.error))} (${formatPercent(params.approx.relativeError)})`,
          compare: num(params.approx.approx, 'params'),
        },
        {
          key: 'active',
          label: 'Active per token',
          value: formatInteger(params.active),
          detail: r.spec.moe ? `${r.spec.moe.topK} of ${r.spec.moe.experts} routed experts` : 'dense: every parameter',
          compare: num(params.active, 'params'),
        },
      ],
      after:
        params.approx.terms.length > 0 ? (
          <details className="pg-more">
            <summary>
              <T>Where the approximation’s gap comes from</T>
            </summary>
            <ul>
              {params.approx.terms.map((term) => (
                <li key={term.term}>
                  {formatInteger(term.params)}: <T>{term.why}</T>
                </li>
              ))}
            </ul>
          </details>
        ) : undefined,
    },
    {
      key: 'flops',
      title: 'FLOPs per token',
      rows: [
        { key: 'flops-2n', label: 'Inference, 2N', value: flops.twoN.formatted, detail: 'the short-context limit', compare: num(flops.twoN.value, 'FLOPs') },
        {
          key: 'flops-exact',
          label: `Decode token, exact at S' = ${formatInteger(v.Sin)} + ${formatInteger(v.Sout)}`,
          compareLabel: "Decode token, exact at S' = S + O",
          value: formatQuantity(flops.decode.total, 'FLOPs'),
          detail: `${formatInteger(flops.decode.total)} FLOPs: causal attention and logits included`,
          compare: num(flops.decode.total, 'FLOPs'),
        },
        {
          key: 'flops-prefill',
          label: 'Prefill of one prompt (exact)',
          value: formatQuantity(flops.prefill.total, 'FLOPs'),
          detail: `${formatQuantity(flops.prefill.perToken, 'FLOPs')} per prompt token`,
          compare: num(flops.prefill.total, 'FLOPs'),
        },
        {
          key: 'flops-6n',
          label: 'Training, 6N',
          value: flops.sixN.formatted,
          detail: `8N with full recomputation: ${flops.eightN.formatted}`,
          compare: num(flops.sixN.value, 'FLOPs'),
        },
        {
          key: 'flops-train-attn',
          label: `Training, causal attention at S = ${formatInteger(v.seq)}`,
          compareLabel: 'Training, causal attention at the training sequence length',
          value: formatQuantity(flops.withAttention, 'FLOPs'),
          detail: '6N + 12·½·L·h·d·S (PaLM appendix B)',
          compare: num(flops.withAttention, 'FLOPs'),
        },
      ],
    },
    memoryGroup(serving, v, r.spec, r.hw, r.memoryBars),
    latencyGroup(serving, v, throughput),
    {
      key: 'training',
      title: 'Training time',
      rows: [
        { key: 'train-flops', label: 'Training FLOPs, 6N·D', value: formatQuantity(training.totalFlops, 'FLOPs'), compare: num(training.totalFlops, 'FLOPs') },
        {
          key: 'train-time',
          label: `Time on ${formatInteger(training.gpus)} GPUs`,
          compareLabel: 'Training time on the G GPUs',
          value: formatSeconds(training.seconds ?? Number.NaN),
          detail: `at ${formatPercent(v.mfu)} MFU of ${formatQuantity(training.peakFlops, 'FLOP/s')} (${training.peakDtype})`,
          compare: training.seconds === null ? txt('—') : num(training.seconds, 's'),
        },
        {
          key: 'gpu-hours',
          label: 'GPU-hours',
          value: formatQuantity(training.gpuHours ?? Number.NaN, 'GPU-h'),
          compare: training.gpuHours === null ? txt('—') : num(training.gpuHours, 'GPU-h'),
        },
        {
          key: 'hfu',
          label: 'HFU',
          value: formatPercent(training.hfu ?? Number.NaN),
          detail: `${recomputeText}: ${formatQuantity(training.hardwareFlopsPerToken, 'FLOPs')} per token done`,
          compare: training.hfu === null ? txt('—') : num(training.hfu, 'ratio'),
        },
      ],
    },
    {
      key: 'plan',
      title: 'Parallel plan (training)',
      rows: [
        {
          key: 'plan-memory',
          label: 'Memory per GPU',
          value: formatBytes(t.totalBytes),
          detail: `model states ${formatBytes(t.modelStatesBytes)} + activations ${formatBytes(t.activationsBytes)}`,
          compare: num(t.totalBytes, 'B'),
        },
        {
          key: 'plan-fits',
          label: 'Fits?',
          value: t.fits ? 'fits' : 'does not fit',
          detail: `${formatBytes(Math.abs(t.headroomBytes))} ${t.fits ? 'to spare of' : 'over'} ${formatBytes(t.usableBytes)} usable`,
          compare: txt(t.fits ? 'fits' : 'does not fit'),
        },
        { key: 'plan-params', label: 'Parameters per GPU', value: formatQuantity(t.paramsPerGpu, 'params'), compare: num(t.paramsPerGpu, 'params') },
        {
          key: 'plan-flops',
          label: 'FLOPs per GPU per step',
          value: formatQuantity(training.flopsPerGpuPerStep, 'FLOPs'),
          detail: `${formatInteger(training.tokensPerStep)} tokens per step`,
          compare: num(training.flopsPerGpuPerStep, 'FLOPs'),
        },
        {
          key: 'plan-bubble',
          label: 'Pipeline bubble',
          value: formatPercent(training.bubbleFraction),
          detail: `${formatInteger(training.parallel.microBatches)} micro-batches, global batch ${formatInteger(training.parallel.globalBatch)}`,
          compare: num(training.bubbleFraction, 'ratio'),
        },
        {
          key: 'plan-dp-comm',
          label: 'Gradient all-reduce, per GPU per step',
          value: formatBytes(training.communicationBytesPerStep.data),
          compare: num(training.communicationBytesPerStep.data, 'B'),
        },
        {
          key: 'plan-tp-comm',
          label: 'Tensor-parallel traffic, per GPU per step',
          value: formatBytes(training.communicationBytesPerStep.tensor),
          compare: num(training.communicationBytesPerStep.tensor, 'B'),
        },
        {
          key: 'plan-pp-comm',
          label: 'Pipeline traffic, per boundary per step',
          value: formatBytes(training.communicationBytesPerStep.pipeline),
          compare: num(training.communicationBytesPerStep.pipeline, 'B'),
        },
      ],
      after: (
        <>
          <TrainingNote precision={r.precision} sp={training.parallel.sp} />
          <StackedBarChart
            title="Training memory per GPU by recomputation"
            keys={TRAINING_KEYS}
            bars={r.byMode.map(({ mode, r: plan }) => ({
              label: mode === training.parallel.recompute ? `${mode} (chosen)` : mode,
              segments: [
                { key: 'weights', value: plan.memory.weightsBytes },
                { key: 'grads', value: plan.memory.gradsBytes },
                { key: 'optimizer', value: plan.memory.optimizerBytes },
                { key: 'activations', value: plan.memory.activationsBytes },
              ],
              text: formatBytes(plan.memory.totalBytes),
            }))}
            limit={{ value: t.usableBytes, label: `usable per GPU: ${formatBytes(t.usableBytes)}` }}
            summary={(tr, lang) =>
              joinWords(
                r.byMode.map(({ mode, r: plan }) =>
                  tr(
                    `${mode === 'full' ? tr('recomputation full') : mode === 'selective' ? tr('recomputation selective') : tr('recomputation none')}: ${formatBytes(plan.memory.totalBytes)} per GPU, of which activations ${formatBytes(plan.memory.activationsBytes)}`,
                  ),
                ),
                lang,
              ).concat(sep('. ', lang), tr(`Model states: ${formatBytes(t.modelStatesBytes)} per GPU. Usable per GPU: ${formatBytes(t.usableBytes)}.`))
            }
          />
        </>
      ),
    },
  ];
}
