import { useMemo, useState, type ReactNode } from 'react';
import { DTYPES, bytesPerElement, type Dtype } from '../../core/dtypes';
import type { Derivation } from '../../core/formula';
import { gpuMemoryBytes, gpuPeakFlops, type MemoryReading, type PeakDtype } from '../../core/gpu/gpu';
import type { GpuSpec } from '../../core/gpu/spec';
import { activeParams, countParams, paramsApprox } from '../../core/params/params';
import { paramsApproxFormula } from '../../core/params/formulas';
import { decodeStepFlops, prefillFlops } from '../../core/flops/flops';
import { forwardFlopsFormula, perTokenFlopsFormula } from '../../core/flops/formulas';
import { inferenceMemorySweep } from '../../core/memory/inference';
import { kvBudgetBytes } from '../../core/serving/serving';
import type { StepTime } from '../../core/latency/step';
import { decodeThroughputFormula } from '../../core/latency/decode';
import { servingScenario } from '../../core/scenario/serving';
import { servingDerivations } from '../../core/scenario/servingSteps';
import {
  trainingFlopsPerTokenFormula,
  trainingFlopsPerTokenRecomputeFormula,
  trainingFlopsPerTokenWithAttention,
  trainingGpuHoursFormula,
  trainingTimeFormula,
  trainingTotalFlopsFormula,
} from '../../core/training/compute';
import { zeroFormula, zeroModelStateBytes, MIXED_PRECISION_ADAM, type ZeroStage } from '../../core/training/memory';
import { RECOMPUTE_MODES, type RecomputeMode } from '../../core/training/activations';
import { dataAllReduceFormula, pipelineBubbleFormula, planParallelism, type ParallelConfig } from '../../core/parallel/parallel';
import { checkParallelLayout, parallelModelFromSpec } from '../../core/parallel/layout';
import { InputError, formatBytes, formatInteger, formatPercent, formatQuantity, formatSeconds } from '../../core/units';
import { StackedBarChart } from '../charts/StackedBarChart';
import { DerivationView } from '../DerivationView';
import { CalculatorShell } from '../controls/CalculatorShell';
import { Field } from '../controls/Field';
import { ModelPicker } from '../controls/ModelPicker';
import { Results } from '../controls/Results';
import { dtypeOptions, type FieldSpecs, type FieldValues } from '../state/fields';
import { gpuField, modelFields, resolveGpu, resolveModelChoice } from '../state/pickers';
import { useCalculatorState, useComputed } from '../state/useCalculatorState';

const NS = 'pg';
const servingDtypes = dtypeOptions(DTYPES.filter((d) => d !== 'tf32'));
const MODEL = modelFields('llama-2-7b');
const FIELDS = {
  ...MODEL,
  wdtype: { kind: 'select', label: 'Weight dtype', default: 'bf16', options: servingDtypes },
  kvdtype: { kind: 'select', label: 'KV-cache dtype', default: 'bf16', options: servingDtypes },
  gpu: gpuField('a800-sxm-80gb'),
  G: { kind: 'number', label: 'GPUs G', default: 8, domain: 'positiveInt', max: 1_000_000, hint: 'serving: tensor parallel over all G; training: DP·TP·PP = G' },
  reading: {
    kind: 'select',
    label: 'Read "80GB" as',
    default: 'runtime',
    options: [
      { value: 'runtime', label: 'as the CUDA runtime reports it' },
      { value: 'GiB', label: 'GiB (2³⁰ B, physical HBM)' },
      { value: 'GB', label: 'GB (10⁹ B, as marketed)' },
    ],
  },
  u: { kind: 'number', label: 'Usable fraction u', default: 0.9, domain: 'fraction', hint: 'the rest is a reserve (vLLM default 0.9)' },
  B: { kind: 'number', label: 'Concurrent requests B', default: 16, domain: 'positiveInt', max: 100_000 },
  Sin: { kind: 'number', label: 'Input tokens S', default: 3000, domain: 'positiveInt', max: 10_000_000, hint: 'prompt per request' },
  Sout: { kind: 'number', label: 'Output tokens O', default: 1000, domain: 'positiveInt', max: 1_000_000, hint: 'generated per request' },
  D: { kind: 'number', label: 'Training tokens D', default: 2e12, domain: 'positive', hint: 'e.g. 2T = 2e12' },
  mfu: { kind: 'number', label: 'MFU', default: 0.4, domain: 'fraction', hint: 'fraction of peak the run sustains' },
  seq: { kind: 'number', label: 'Training sequence length', default: 4096, domain: 'positiveInt', max: 10_000_000 },
  mb: { kind: 'number', label: 'Micro-batch size b', default: 1, domain: 'positiveInt', max: 100_000, hint: 'sequences per micro-batch' },
  m: { kind: 'number', label: 'Micro-batches per step m', default: 8, domain: 'positiveInt', max: 100_000, hint: 'per data-parallel replica' },
  dp: { kind: 'number', label: 'Data parallel DP', default: 8, domain: 'positiveInt', max: 1_000_000 },
  tp: { kind: 'number', label: 'Tensor parallel TP', default: 1, domain: 'positiveInt', max: 1024 },
  pp: { kind: 'number', label: 'Pipeline parallel PP', default: 1, domain: 'positiveInt', max: 1024 },
  zero: {
    kind: 'select',
    label: 'ZeRO stage',
    default: '1',
    options: [
      { value: '0', label: '0 (no sharding)' },
      { value: '1', label: '1 (optimizer state)' },
      { value: '2', label: '2 (+ gradients)' },
      { value: '3', label: '3 (+ weights)' },
    ],
  },
  recompute: {
    kind: 'select',
    label: 'Activation recomputation',
    default: 'none',
    options: RECOMPUTE_MODES.map((r) => ({ value: r, label: r })),
  },
} satisfies FieldSpecs;
type FieldName = keyof typeof FIELDS;
type Values = FieldValues<typeof FIELDS>;

const INPUT_GROUPS: readonly { legend: string; names: readonly FieldName[] }[] = [
  { legend: 'Model', names: ['wdtype', 'kvdtype'] },
  { legend: 'Hardware', names: ['gpu', 'G', 'reading', 'u'] },
  { legend: 'Serving workload', names: ['B', 'Sin', 'Sout'] },
  { legend: 'Training run and parallel plan', names: ['D', 'mfu', 'seq', 'mb', 'm', 'dp', 'tp', 'pp', 'zero', 'recompute'] },
];

/** Core field names that are not this island's, mapped to the field the reader can change. */
const CORE_FIELD: Readonly<Record<string, FieldName>> = { gpus: 'G', microBatch: 'mb', microBatches: 'm', dtype: 'wdtype' };
function ownField(field: string | null): FieldName | null {
  if (field === null) return null;
  if (field in CORE_FIELD) return CORE_FIELD[field] as FieldName;
  return field in FIELDS ? (field as FieldName) : null;
}

/** One group of results: its value, or the core's message for the inputs it rejected. */
type Part<T> = { ok: true; value: T } | { ok: false; error: string; field: FieldName | null };
function part<T>(compute: () => T): Part<T> {
  try {
    return { ok: true, value: compute() };
  } catch (e) {
    if (e instanceof InputError) return { ok: false, error: e.message, field: ownField(e.field) };
    throw e;
  }
}

/** The peak a dtype's matmuls run at: fp8 and fp16 where the part has them, else bf16 (weight-only int8/int4 dequantize to it). */
function peakDtype(gpu: GpuSpec, dtype: string): PeakDtype {
  const wanted: PeakDtype = dtype === 'fp8' || dtype === 'fp16' || dtype === 'fp32' ? dtype : 'bf16';
  if (gpu.datasheet[wanted] !== null) return wanted;
  return gpu.datasheet.bf16 !== null ? 'bf16' : 'fp16';
}

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

const requestsText = (n: number) => `${formatInteger(n)} request${n === 1 ? '' : 's'}`;
const regimeText = (p: StepTime) => (p.regime === 'compute-bound' ? 'compute-bound' : 'memory-bound');

function Group({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section className="pg-group" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{title}</h4>
      {children}
    </section>
  );
}

function GroupError({ message }: { message: string }) {
  return (
    <p className="error" role="alert">
      {message}
    </p>
  );
}

function MoreDerivations({ items, stale }: { items: readonly (Derivation | null)[]; stale: boolean }) {
  // Folded derivations render only once opened: typing stays fast with the fold closed.
  const [open, setOpen] = useState(false);
  const shown = items.filter((d): d is Derivation => d !== null);
  if (shown.length === 0) return null;
  return (
    <details className="pg-more" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>More derivations ({shown.length})</summary>
      {open && shown.map((d) => <DerivationView key={d.id} derivation={d} stale={stale} />)}
    </details>
  );
}

/** Every result, from the core; a group the core rejects carries its message instead. */
function computeAll(v: Values) {
  const spec = resolveModelChoice(v.model, v.config);
  const hw = resolveGpu(v.gpu);
  const wb = bytesPerElement(v.wdtype as Dtype);
  const kvb = bytesPerElement(v.kvdtype as Dtype);
  const context = v.Sin + v.Sout;

  // Parameters.
  const ledger = countParams(spec);
  const approx = paramsApprox(spec);
  const active = activeParams(spec);
  const approxD = paramsApproxFormula.derive({ L: spec.layers, H: spec.hidden, V: spec.vocab });

  // FLOPs per token.
  const twoN = perTokenFlopsFormula.derive({ N: active });
  const decode = decodeStepFlops({ spec, batch: 1, contextTokens: context });
  const articleD = forwardFlopsFormula.derive({ B: 1, S: 1, N: active, L: spec.layers, H: spec.hidden, Sc: context });
  const prefill = prefillFlops({ spec, batch: 1, promptTokens: v.Sin, logits: 'last' });
  const sixN = trainingFlopsPerTokenFormula.derive({ N: active });
  const eightN = trainingFlopsPerTokenRecomputeFormula.derive({ N: active });
  const withAttention = trainingFlopsPerTokenWithAttention({
    params: active,
    layers: spec.layers,
    heads: spec.heads,
    headDim: spec.headDim,
    seq: v.seq,
    mask: 0.5,
  });

  // Serving: memory, concurrency and latency, the scenario engine's one answer.
  const serving = part(() =>
    servingScenario({
      model: spec,
      gpu: hw,
      gpus: v.G,
      batch: v.B,
      inputTokens: v.Sin,
      outputTokens: v.Sout,
      weightDtype: v.wdtype as Dtype,
      kvDtype: v.kvdtype as Dtype,
      assumptions: { memoryReading: v.reading as MemoryReading, utilization: v.u },
    }),
  );
  const memoryPerGpu = gpuMemoryBytes(hw, v.reading as MemoryReading);
  const memInput = { spec, weightBytes: wb, kvBytes: kvb, requests: v.B, contextTokens: context };
  const sweep = inferenceMemorySweep(memInput, 4);
  const latency = part(() => {
    if (!serving.ok) throw new InputError(serving.field ?? 'G', serving.error);
    const r = serving.value;
    const throughput = decodeThroughputFormula.derive({ B: v.B, T: r.tpotSeconds });
    const steps = servingDerivations(spec, r);
    return { r, peak: r.hardware.matmulPeakFlopsPerSecond, peakType: r.hardware.matmulPeakDtype, throughput, steps };
  });

  // Training compute and time on all G GPUs.
  const training = part(() => {
    const peakType = peakDtype(hw, 'bf16');
    const peak = gpuPeakFlops(hw, peakType);
    const total = trainingTotalFlopsFormula.derive({ F: sixN.value, D: v.D });
    const time = trainingTimeFormula.derive({ C: total.value, n: v.G, P: peak, u: v.mfu });
    const gpuHours = trainingGpuHoursFormula.derive({ C: total.value, P: peak, u: v.mfu });
    return { total, time, gpuHours, peak, peakType };
  });

  // The training parallel plan.
  const plan = part(() => {
    checkParallelLayout(
      { gpus: v.G, dp: v.dp, tp: v.tp, pp: v.pp, cp: 1, ep: 1 },
      { heads: spec.heads, kvHeads: spec.kvHeads, layers: spec.layers, experts: spec.moe?.experts ?? 0, seq: v.seq },
    );
    const pm = parallelModelFromSpec(spec);
    const stage = Number(v.zero) as ZeroStage;
    const config = (recompute: RecomputeMode): ParallelConfig => ({
      dp: v.dp,
      tp: v.tp,
      pp: v.pp,
      cp: 1,
      ep: 1,
      zero: stage,
      sp: v.tp > 1,
      recompute,
      microBatch: v.mb,
      microBatches: v.m,
      seq: v.seq,
    });
    const chosen = planParallelism(pm, config(v.recompute as RecomputeMode));
    const byMode = RECOMPUTE_MODES.map((mode) => ({ mode, plan: planParallelism(pm, config(mode)) }));
    const states = zeroModelStateBytes({ params: chosen.paramsPerGpu, ranks: v.dp, stage });
    const headroom = kvBudgetBytes({ gpus: 1, memoryPerGpu, utilization: v.u, weightsBytes: chosen.totalBytes, activationBytes: 0 });
    const usable = kvBudgetBytes({ gpus: 1, memoryPerGpu, utilization: v.u, weightsBytes: 0, activationBytes: 0 });
    const zeroD = zeroFormula.derive({
      N: chosen.paramsPerGpu,
      w: MIXED_PRECISION_ADAM.weights,
      g: MIXED_PRECISION_ADAM.grads,
      k: MIXED_PRECISION_ADAM.optimizer,
      D: v.dp,
      z: stage,
    });
    const bubbleD = v.pp > 1 ? pipelineBubbleFormula.derive({ p: v.pp, m: v.m }) : null;
    const dataD =
      v.dp > 1 ? dataAllReduceFormula.derive({ N: chosen.paramsPerGpu, s: MIXED_PRECISION_ADAM.grads, D: v.dp }) : null;
    return { chosen, byMode, states, headroom, usable, zeroD, bubbleD, dataD };
  });

  return {
    spec,
    hw,
    ledger,
    approx,
    active,
    approxD,
    twoN,
    decode,
    articleD,
    prefill,
    sixN,
    eightN,
    withAttention,
    memoryPerGpu,
    serving,
    sweep,
    latency,
    training,
    plan,
  };
}
type All = ReturnType<typeof computeAll>;

/**
 * Every result for one model × hardware × workload: parameters, FLOPs per token,
 * serving memory and concurrency, roofline latency, training time and a parallel plan.
 */
export default function PlaygroundCalculator() {
  const state = useCalculatorState(NS, FIELDS);
  const v = state.values;
  const computed = useComputed(
    () => computeAll(v),
    [v.model, v.config, v.wdtype, v.kvdtype, v.gpu, v.G, v.reading, v.u, v.B, v.Sin, v.Sout, v.D, v.mfu, v.seq, v.mb, v.m, v.dp, v.tp, v.pp, v.zero, v.recompute],
    !state.hasErrors,
  );
  const r = computed.result;
  const stale = computed.stale;

  // Messages for the fields the core rejected: the whole computation (config.json) or one group of results.
  const coreErrors: Partial<Record<FieldName, string>> = {};
  if (computed.status === 'error' && computed.field !== null) {
    const own = ownField(computed.field);
    if (own) coreErrors[own] = computed.error;
  }
  if (r && !stale) {
    for (const p of [r.latency, r.training, r.plan]) if (!p.ok && p.field) coreErrors[p.field] ??= p.error;
  }
  const shellError =
    computed.status === 'error' && computed.error !== '' && ownField(computed.field) === null ? computed.error : null;
  const errorKey = JSON.stringify(coreErrors);

  const inputs = useMemo(
    () => (
      <>
        {INPUT_GROUPS.map((group) => (
          <fieldset key={group.legend} className="pg-inputs">
            <legend>{group.legend}</legend>
            {group.legend === 'Model' && <ModelPicker ns={NS} fields={MODEL} state={state} configError={coreErrors.config ?? null} />}
            {group.names.map((name) => (
              <Field key={name} ns={NS} name={name} spec={FIELDS[name]} state={state} coreError={coreErrors[name] ?? null} />
            ))}
          </fieldset>
        ))}
      </>
    ),
    // coreErrors is summarised by errorKey
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state, errorKey],
  );

  return (
    <CalculatorShell anchor="playground-calculator" title="Model × hardware × workload" inputs={inputs} error={shellError} stale={stale} linkUrl={state.linkUrl}>
      {r && (
        <>
          <ParamsGroup r={r} stale={stale} />
          <FlopsGroup r={r} v={v} stale={stale} />
          <MemoryGroup r={r} v={v} stale={stale} />
          <Group id="pg-latency" title="Latency by roofline">
            {r.latency.ok ? <LatencyResults r={r} l={r.latency.value} v={v} stale={stale} /> : <GroupError message={r.latency.error} />}
          </Group>
          <Group id="pg-training" title="Training time">
            {r.training.ok ? <TrainingResults t={r.training.value} v={v} stale={stale} /> : <GroupError message={r.training.error} />}
          </Group>
          <Group id="pg-plan" title="Parallel plan (training)">
            {r.plan.ok ? <PlanResults p={r.plan.value} v={v} stale={stale} /> : <GroupError message={r.plan.error} />}
          </Group>
        </>
      )}
    </CalculatorShell>
  );
}

interface GroupProps {
  r: All;
  v: Values;
  stale: boolean;
}

function ParamsGroup({ r, stale }: Omit<GroupProps, 'v'>) {
  return (
    <Group id="pg-params" title="Parameters">
      <Results
        items={[
          { label: 'Parameters (exact)', value: formatInteger(r.ledger.total), detail: 'counted tensor by tensor', testId: 'pg-params' },
          {
            label: '12·L·H² + V·H',
            value: formatInteger(r.approx.approx),
            detail: `${r.approx.error >= 0 ? 'undercounts' : 'overcounts'} by ${formatInteger(Math.abs(r.approx.error))} (${formatPercent(r.approx.relativeError)})`,
            testId: 'pg-approx',
          },
          {
            label: 'Active per token',
            value: formatInteger(r.active),
            detail: r.spec.moe ? `${r.spec.moe.topK} of ${r.spec.moe.experts} routed experts` : 'dense: every parameter',
            testId: 'pg-active',
          },
        ]}
      />
      {r.approx.terms.length > 0 && (
        <details className="pg-more">
          <summary>Where the approximation’s gap comes from</summary>
          <ul>
            {r.approx.terms.map((t) => (
              <li key={t.term}>
                {formatInteger(t.params)}: {t.why}
              </li>
            ))}
          </ul>
        </details>
      )}
      <DerivationView derivation={r.approxD} stale={stale} />
    </Group>
  );
}

function FlopsGroup({ r, v, stale }: GroupProps) {
  return (
    <Group id="pg-flops" title="FLOPs per token">
      <Results
        items={[
          { label: 'Inference, 2N', value: r.twoN.formatted, detail: 'the short-context limit', testId: 'pg-flops-2n' },
          {
            label: `Decode token, exact at S' = ${formatInteger(v.Sin)} + ${formatInteger(v.Sout)}`,
            value: formatQuantity(r.decode.total, 'FLOPs'),
            detail: `${formatInteger(r.decode.total)} FLOPs: causal attention and logits included`,
            testId: 'pg-flops-exact',
          },
          {
            label: 'Prefill of one prompt (exact)',
            value: formatQuantity(r.prefill.total, 'FLOPs'),
            detail: `${formatQuantity(r.prefill.perToken, 'FLOPs')} per prompt token`,
            testId: 'pg-flops-prefill',
          },
          { label: 'Training, 6N', value: r.sixN.formatted, detail: `8N with full recomputation: ${r.eightN.formatted}`, testId: 'pg-flops-6n' },
          {
            label: `Training, causal attention at S = ${formatInteger(v.seq)}`,
            value: formatQuantity(r.withAttention, 'FLOPs'),
            detail: '6N + 12·½·L·h·d·S (PaLM appendix B)',
            testId: 'pg-flops-train-attn',
          },
        ]}
      />
      <DerivationView derivation={r.articleD} stale={stale} />
    </Group>
  );
}

function MemoryGroup({ r, v, stale }: GroupProps) {
  if (!r.serving.ok) {
    return (
      <Group id="pg-memory" title="Serving memory and concurrency">
        <GroupError message={r.serving.error} />
      </Group>
    );
  }
  const s = r.serving.value;
  const m = s.memory;
  const steps = servingDerivations(r.spec, s);
  const concurrencyD = steps.find((d) => d.id === 'serving.maxConcurrency') ?? null;
  return (
    <Group id="pg-memory" title="Serving memory and concurrency">
      <Results
        items={[
          { label: 'Weights', value: formatBytes(m.weightsBytes), detail: `${formatInteger(m.weightsBytes)} B`, testId: 'pg-weights' },
          { label: 'KV cache per request', value: formatBytes(m.kvCacheBytesPerRequest), detail: `${formatInteger(m.kvCacheBytesPerRequest)} B`, testId: 'pg-kv-request' },
          { label: `KV cache, ${requestsText(v.B)}`, value: formatBytes(m.kvCacheBytes), detail: `${formatInteger(m.kvCacheBytes)} B`, testId: 'pg-kv-total' },
          { label: 'Activations (one prefill)', value: formatBytes(m.activationBytes), testId: 'pg-act' },
          { label: 'Total', value: formatBytes(m.totalBytes), detail: formatBytes(m.totalBytes, { binary: true }), testId: 'pg-mem-total' },
          {
            label: `Usable on ${formatInteger(v.G)} × ${r.hw.name}`,
            value: formatBytes(m.usableBytes),
            detail: `${formatInteger(v.G)} × ${formatBytes(r.memoryPerGpu, { binary: v.reading !== 'GB' })} × ${v.u}`,
            testId: 'pg-capacity',
          },
          {
            label: 'Max concurrent requests',
            value: formatInteger(m.maxConcurrency),
            detail: m.kvBudgetBytes > 0 ? `${formatBytes(m.kvBudgetBytes)} left for KV caches` : 'the weights and activations alone do not fit',
            testId: 'pg-concurrency',
          },
          { label: requestsText(v.B), value: m.fits ? 'fit' : 'do not fit', testId: 'pg-mem-verdict' },
        ]}
      />
      {s.warnings.map((w) => (
        <p className="note warning" key={w.code} data-testid={`pg-warning-${w.code}`}>
          {w.message}
        </p>
      ))}
      {r.spec.mla && <p className="note">This model caches MLA’s compressed latent per layer and token, not full K and V.</p>}
      {r.spec.slidingWindow && (
        <p className="note">Sliding window of {formatInteger(r.spec.slidingWindow.size)} tokens: the cache of the windowed layers stops growing there.</p>
      )}
      <StackedBarChart
        title={`Serving memory on ${formatInteger(v.G)} GPUs by number of requests`}
        keys={MEMORY_KEYS}
        bars={r.sweep.map((row) => ({
          label: `${formatInteger(row.requests)} req.`,
          segments: [
            { key: 'weights', value: row.weights },
            { key: 'kv', value: row.kv },
            { key: 'activations', value: row.activations },
          ],
          text: formatBytes(row.total),
        }))}
        limit={{ value: m.usableBytes, label: `usable: ${formatBytes(m.usableBytes)}` }}
        summary={r.sweep
          .map((row) => `${requestsText(row.requests)}: weights ${formatBytes(row.weights)}, KV cache ${formatBytes(row.kv)}, activations ${formatBytes(row.activations)}, total ${formatBytes(row.total)}`)
          .join('; ')
          .concat(`. Usable memory: ${formatBytes(m.usableBytes)}; at most ${formatInteger(m.maxConcurrency)} requests fit.`)}
      />
      {concurrencyD ? (
        <DerivationView derivation={concurrencyD} stale={stale} />
      ) : (
        <p className="note">The weights and activations alone exceed the usable memory: no request fits.</p>
      )}
      <MoreDerivations items={steps.filter((d) => d.id === 'serving.kvBudget' || d.title === 'KV cache per request')} stale={stale} />
    </Group>
  );
}

type Ok<P> = P extends { ok: true; value: infer T } ? T : never;

function LatencyResults({ r, l, v, stale }: GroupProps & { l: Ok<All['latency']> }) {
  const key = (d: Derivation) => d.id === 'latency.prefill' || d.id === 'latency.decode';
  return (
    <>
      <Results
        items={[
          { label: 'Time to first token', value: formatSeconds(l.r.ttftSeconds), detail: `prefill is ${regimeText(l.r.prefill)}`, testId: 'pg-ttft' },
          { label: 'Time per output token', value: formatSeconds(l.r.tpotSeconds), detail: `decode is ${regimeText(l.r.decodeLast)}`, testId: 'pg-tpot' },
          { label: 'Decode throughput', value: l.throughput.formatted, detail: `${formatInteger(v.B)} sequences per step`, testId: 'pg-throughput' },
          { label: 'Whole request', value: formatSeconds(l.r.totalSeconds), detail: 'TTFT + (O − 1) × TPOT', testId: 'pg-request-time' },
          {
            label: 'Peak used',
            value: formatQuantity(l.peak, 'FLOP/s'),
            detail: `${l.peakType} per GPU; HBM ${formatQuantity(r.hw.memoryBandwidth, 'B/s')}`,
            testId: 'pg-peak',
          },
        ]}
      />
      <p className="note">
        Estimates: {v.G > 1 ? `${formatInteger(v.G)}-way tensor parallel; ` : ''}causal attention; the calibrated latency model (the site’s defaults; see the reality-check page for its error against published measurements). Time per output token is the mean over the O − 1 decode steps; the derivation below shows the last, longest-context one.
      </p>
      {l.steps.filter(key).map((d) => (
        <DerivationView key={d.id} derivation={d} stale={stale} />
      ))}
      <MoreDerivations items={[...l.steps.filter((d) => !key(d) && d.id.startsWith('latency.')), l.throughput]} stale={stale} />
    </>
  );
}

function TrainingResults({ t, v, stale }: { t: Ok<All['training']>; v: Values; stale: boolean }) {
  return (
    <>
      <Results
        items={[
          { label: 'Training FLOPs, 6N·D', value: t.total.formatted, testId: 'pg-train-flops' },
          {
            label: `Time on ${formatInteger(v.G)} GPUs`,
            value: t.time.formatted,
            detail: `at ${formatPercent(v.mfu)} MFU of ${formatQuantity(t.peak, 'FLOP/s')} (${t.peakType})`,
            testId: 'pg-train-time',
          },
          { label: 'GPU-hours', value: t.gpuHours.formatted, testId: 'pg-gpu-hours' },
        ]}
      />
      <DerivationView derivation={t.time} stale={stale} />
      <MoreDerivations items={[t.total, t.gpuHours]} stale={stale} />
    </>
  );
}

function PlanResults({ p, v, stale }: { p: Ok<All['plan']>; v: Values; stale: boolean }) {
  const { chosen, states } = p;
  return (
    <>
      <Results
        items={[
          {
            label: 'Memory per GPU',
            value: formatBytes(chosen.totalBytes),
            detail: `model states ${formatBytes(chosen.modelStateBytes)} + activations ${formatBytes(chosen.activationBytes)}`,
            testId: 'pg-plan-memory',
          },
          {
            label: 'Fits?',
            value: p.headroom >= 0 ? 'fits' : 'does not fit',
            detail: `${formatBytes(Math.abs(p.headroom))} ${p.headroom >= 0 ? 'to spare of' : 'over'} ${formatBytes(p.usable)} usable`,
            testId: 'pg-plan-fits',
          },
          { label: 'Parameters per GPU', value: formatQuantity(chosen.paramsPerGpu, 'params'), testId: 'pg-plan-params' },
          {
            label: 'FLOPs per GPU per step',
            value: formatQuantity(chosen.flopsPerGpuPerStep, 'FLOPs'),
            detail: `${formatInteger(chosen.tokensPerStep)} tokens per step`,
            testId: 'pg-plan-flops',
          },
          { label: 'Pipeline bubble', value: formatPercent(chosen.bubble), testId: 'pg-plan-bubble' },
          { label: 'Gradient all-reduce, per GPU per step', value: formatBytes(chosen.commBytes.data), testId: 'pg-plan-dp-comm' },
          { label: 'Tensor-parallel traffic, per GPU per step', value: formatBytes(chosen.commBytes.tensor), testId: 'pg-plan-tp-comm' },
          { label: 'Pipeline traffic, per boundary per step', value: formatBytes(chosen.commBytes.pipeline), testId: 'pg-plan-pp-comm' },
        ]}
      />
      <p className="note">
        Mixed-precision Adam (16 bytes per parameter before ZeRO), bf16 activations, FlashAttention{v.tp > 1 ? ', sequence parallelism alongside TP' : ''}, 1F1B schedule.
      </p>
      <StackedBarChart
        title="Training memory per GPU by recomputation"
        keys={TRAINING_KEYS}
        bars={p.byMode.map(({ mode, plan }) => ({
          label: mode === v.recompute ? `${mode} (chosen)` : mode,
          segments: [
            { key: 'weights', value: states.weights },
            { key: 'grads', value: states.grads },
            { key: 'optimizer', value: states.optimizer },
            { key: 'activations', value: plan.activationBytes },
          ],
          text: formatBytes(plan.totalBytes),
        }))}
        limit={{ value: p.usable, label: `usable per GPU: ${formatBytes(p.usable)}` }}
        summary={p.byMode
          .map(({ mode, plan }) => `recomputation ${mode}: ${formatBytes(plan.totalBytes)} per GPU, of which activations ${formatBytes(plan.activationBytes)}`)
          .join('; ')
          .concat(`. Model states: ${formatBytes(chosen.modelStateBytes)} per GPU. Usable per GPU: ${formatBytes(p.usable)}.`)}
      />
      <DerivationView derivation={p.zeroD} stale={stale} />
      <MoreDerivations items={[p.bubbleD, p.dataD]} stale={stale} />
    </>
  );
}
