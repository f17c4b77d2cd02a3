import { useMemo } from 'react';
import { gpuMemoryBytes, gpuPeakFlops, perDirectionBandwidth } from '../../core/gpu/gpu';
import {
  checkParallelLayout,
  flopsPerGpuFormula,
  parallelModelFromSpec,
  stageShape,
  stepTimeFormula,
  summarizePlan,
  worldSizeFormula,
} from '../../core/parallel/layout';
import {
  dataAllReduceFormula,
  pipelineBubbleFormula,
  planParallelism,
  tensorCommFormula,
  type ParallelConfig,
  type ParallelPlan,
} from '../../core/parallel/parallel';
import type { RecomputeMode } from '../../core/training/activations';
import type { ZeroStage } from '../../core/training/memory';
import { formatBytes, formatInteger, formatPercent, formatSI, formatSeconds } from '../../core/units';
import { StackedBarChart } from '../charts/StackedBarChart';
import { DerivationView } from '../DerivationView';
import { CalculatorShell } from '../controls/CalculatorShell';
import { Field } from '../controls/Field';
import { ModelPicker } from '../controls/ModelPicker';
import { Results } from '../controls/Results';
import type { FieldSpecs } from '../state/fields';
import { gpuField, modelFields, resolveGpu, resolveModelChoice } from '../state/pickers';
import { useCalculatorState, useComputed } from '../state/useCalculatorState';

const NS = 'pp';
const MODEL = modelFields('llama-3-70b');
const degree = (label: string, def: number, hint?: string) =>
  ({ kind: 'number', label, default: def, domain: 'positiveInt', max: 1_000_000, ...(hint ? { hint } : {}) }) as const;
const FIELDS = {
  ...MODEL,
  gpu: gpuField('h100-sxm'),
  gpus: degree('GPUs in the cluster', 1024),
  dp: degree('Data parallel DP', 32, 'replicas; DP·TP·PP·CP = GPUs'),
  tp: degree('Tensor parallel TP', 8, 'divides the heads; keep within a node'),
  pp: degree('Pipeline parallel PP', 4, 'divides the layers'),
  cp: degree('Context parallel CP', 1, 'splits the sequence; divides S'),
  ep: degree('Expert parallel EP', 1, 'MoE only; divides the experts and DP'),
  sp: {
    kind: 'select',
    label: 'Sequence parallel (with TP)',
    default: 'on',
    options: [
      { value: 'on', label: 'on: norms and dropout split along S' },
      { value: 'off', label: 'off' },
    ],
  },
  zero: {
    kind: 'select',
    label: 'ZeRO stage',
    default: '1',
    options: [
      { value: '0', label: '0: every replica holds all states' },
      { value: '1', label: '1: optimizer state sharded' },
      { value: '2', label: '2: + gradients sharded' },
      { value: '3', label: '3: + weights sharded' },
    ],
  },
  recompute: {
    kind: 'select',
    label: 'Activation recomputation',
    default: 'selective',
    options: [
      { value: 'none', label: 'none' },
      { value: 'selective', label: 'selective (attention core)' },
      { value: 'full', label: 'full (keep layer inputs only)' },
    ],
  },
  seq: degree('Sequence length S', 8192),
  microBatch: degree('Micro-batch size b', 1),
  microBatches: degree('Micro-batches per step m', 16, 'per replica; shrinks the bubble'),
  u: { kind: 'number', label: 'Kernel efficiency u', default: 0.5, domain: 'fraction', hint: 'fraction of peak while busy' },
  inter: { kind: 'number', label: 'Inter-node bandwidth per GPU (B/s)', default: 50e9, domain: 'positive', hint: '400 Gb/s InfiniBand = 50e9' },
} satisfies FieldSpecs;

const INPUTS = ['gpu', 'gpus', 'dp', 'tp', 'pp', 'cp', 'ep', 'sp', 'zero', 'recompute', 'seq', 'microBatch', 'microBatches', 'u', 'inter'] as const;
const COMM_KINDS = [
  { key: 'data', label: 'Data parallel (gradient all-reduce)', link: 'inter-node' },
  { key: 'tensor', label: 'Tensor parallel (4 all-reduces per layer, m micro-batches)', link: 'NVLink' },
  { key: 'pipeline', label: 'Pipeline (point-to-point)', link: 'inter-node' },
  { key: 'context', label: 'Context parallel (K, V all-gather)', link: 'NVLink' },
  { key: 'expert', label: 'Expert parallel (all-to-all)', link: 'NVLink' },
] as const satisfies readonly { key: keyof ParallelPlan['commBytes']; label: string; link: string }[];
const ZERO_STAGES: readonly ZeroStage[] = [0, 1, 2, 3];
const KEYS = [
  { key: 'states', label: 'Model states' },
  { key: 'activations', label: 'Activations' },
] as const;

/** A 4-D (plus expert) parallel layout for training: per-GPU memory and FLOPs, communication, bubble, step time, fit. */
export default function ParallelismPlannerCalculator() {
  const state = useCalculatorState(NS, FIELDS);
  const v = state.values;
  const computed = useComputed(
    () => {
      const spec = resolveModelChoice(v.model, v.config);
      const hw = resolveGpu(v.gpu);
      const model = parallelModelFromSpec(spec);
      checkParallelLayout(
        { gpus: v.gpus, dp: v.dp, tp: v.tp, pp: v.pp, cp: v.cp, ep: v.ep },
        { heads: spec.heads, kvHeads: spec.kvHeads, layers: spec.layers, experts: spec.moe ? spec.moe.experts : 0, seq: v.seq },
      );
      const cfg = (zero: ZeroStage): ParallelConfig => ({
        dp: v.dp,
        tp: v.tp,
        pp: v.pp,
        cp: v.cp,
        ep: v.ep,
        zero,
        sp: v.sp === 'on',
        recompute: v.recompute as RecomputeMode,
        microBatch: v.microBatch,
        microBatches: v.microBatches,
        seq: v.seq,
      });
      const zero = Number(v.zero) as ZeroStage;
      const plan = planParallelism(model, cfg(zero));
      const byStage = ZERO_STAGES.map((z) => ({ z, plan: planParallelism(model, cfg(z)) }));
      const peak = gpuPeakFlops(hw, 'bf16');
      const memoryPerGpu = gpuMemoryBytes(hw, 'GiB');
      // Tensor, context and expert traffic stays on the node's links; a GPU without any uses the inter-node figure.
      const intraNode = hw.interconnect.bandwidth === null ? v.inter : perDirectionBandwidth(hw);
      const summary = summarizePlan(model, plan, { peak, utilization: v.u, links: { intraNode, interNode: v.inter }, memoryPerGpu });
      const { layersPerStage, seqPerGpu } = stageShape({ layers: spec.layers, pp: v.pp, seq: v.seq, cp: v.cp });
      const worldD = worldSizeFormula.derive({ D: v.dp, t: v.tp, p: v.pp, c: v.cp });
      const flopsD = flopsPerGpuFormula.derive({ N: model.activeParams, m: v.microBatches, b: v.microBatch, S: v.seq, t: v.tp, p: v.pp, c: v.cp });
      const bubbleD = pipelineBubbleFormula.derive({ p: v.pp, m: v.microBatches });
      const stepD = stepTimeFormula.derive({ F: plan.flopsPerGpuPerStep, P: peak, u: v.u, f: plan.bubble });
      // The formula is the dense case; MoE experts all-reduce over DP/EP ranks and are in the table only.
      const dataD = v.dp > 1 && model.expertParams === 0 ? dataAllReduceFormula.derive({ N: plan.paramsPerGpu, s: 2, D: v.dp }) : null;
      const tensorD =
        v.tp > 1 ? tensorCommFormula.derive({ k: 4, L: layersPerStage, b: v.microBatch, S: seqPerGpu, H: spec.hidden, s: 2, t: v.tp }) : null;
      return { spec, hw, model, plan, byStage, peak, memoryPerGpu, summary, worldD, flopsD, bubbleD, stepD, dataD, tensorD };
    },
    [v],
    !state.hasErrors,
  );
  const r = computed.result;
  const errorFor = (name: string) => (computed.status === 'error' && computed.field === name ? computed.error : null);
  const fields = useMemo(
    () => (
      <>
        <ModelPicker ns={NS} fields={MODEL} state={state} configError={errorFor('config')} />
        {INPUTS.map((name) => (
          <Field key={name} ns={NS} name={name} spec={FIELDS[name]} state={state} coreError={errorFor(name)} />
        ))}
      </>
    ),
    // errorFor reads computed
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state, computed],
  );
  const fieldNames = new Set<string>(['config', ...INPUTS]);
  const shellError = computed.status === 'error' && computed.error && (computed.field === null || !fieldNames.has(computed.field)) ? computed.error : null;
  return (
    <CalculatorShell anchor="parallelism-planner" title="Parallelism planner" inputs={fields} error={shellError} stale={computed.stale} linkUrl={state.linkUrl}>
      {r && (
        <>
          <Results
            items={[
              { label: 'GPUs used', value: r.worldD.formatted, detail: `DP ${v.dp} · TP ${v.tp} · PP ${v.pp} · CP ${v.cp}`, testId: 'pp-gpus' },
              { label: 'Parameters per GPU', value: formatSI(r.plan.paramsPerGpu, ''), detail: `of ${formatInteger(r.model.params)}`, testId: 'pp-params' },
              { label: 'Model states per GPU', value: formatBytes(r.plan.modelStateBytes), detail: `ZeRO ${v.zero}, mixed-precision Adam`, testId: 'pp-states' },
              { label: 'Activations per GPU', value: formatBytes(r.plan.activationBytes), detail: `recompute: ${v.recompute}`, testId: 'pp-activations' },
              {
                label: 'Memory per GPU',
                value: formatBytes(r.plan.totalBytes),
                detail: `${r.summary.fits ? 'fits in' : 'does not fit in'} ${formatBytes(r.memoryPerGpu, { binary: true })} (${r.hw.name})`,
                testId: 'pp-memory',
              },
              { label: 'Fits', value: r.summary.fits ? 'yes' : 'no', testId: 'pp-fits' },
              { label: 'FLOPs per GPU per step', value: r.flopsD.formatted, detail: `${formatInteger(r.plan.tokensPerStep)} tokens per step`, testId: 'pp-flops' },
              { label: 'Pipeline bubble', value: r.bubbleD.formatted, testId: 'pp-bubble' },
              { label: 'Step time', value: r.stepD.formatted, detail: 'communication hidden behind compute', testId: 'pp-step' },
              { label: 'Throughput', value: formatSI(r.summary.tokensPerSecond, 'tokens/s'), detail: `MFU ${formatPercent(r.summary.mfu)}`, testId: 'pp-throughput' },
              {
                label: 'Communication if not overlapped',
                value: formatSeconds(r.summary.commTotalSeconds),
                detail: `per step, against ${r.stepD.formatted} of compute`,
                testId: 'pp-comm',
              },
            ]}
          />
          {!r.summary.fits && (
            <p className="note" data-testid="pp-fit-note">
              This layout needs {formatBytes(r.plan.totalBytes)} per GPU: raise ZeRO, TP or PP, recompute more, or shrink the micro-batch.
            </p>
          )}
          <table className="sweep" data-testid="pp-comm-table">
            <caption>Bytes each GPU sends per step, and the time on its link</caption>
            <thead>
              <tr>
                <th scope="col">traffic</th>
                <th scope="col">bytes</th>
                <th scope="col">link</th>
                <th scope="col">time</th>
              </tr>
            </thead>
            <tbody>
              {COMM_KINDS.map((k) => (
                <tr key={k.key}>
                  <td>{k.label}</td>
                  <td>{formatBytes(r.plan.commBytes[k.key])}</td>
                  <td>{k.link}</td>
                  <td>{formatSeconds(r.summary.commSeconds[k.key])}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <StackedBarChart
            title="Memory per GPU by ZeRO stage"
            keys={KEYS}
            bars={r.byStage.map(({ z, plan }) => ({
              label: `ZeRO ${z}${String(z) === v.zero ? ' (chosen)' : ''}`,
              segments: [
                { key: 'states', value: plan.modelStateBytes },
                { key: 'activations', value: plan.activationBytes },
              ],
              text: formatBytes(plan.totalBytes),
            }))}
            limit={{ value: r.memoryPerGpu, label: `${formatBytes(r.memoryPerGpu, { binary: true })} per GPU` }}
            summary={r.byStage
              .map(({ z, plan }) => `ZeRO ${z}: model states ${formatBytes(plan.modelStateBytes)}, activations ${formatBytes(plan.activationBytes)}, total ${formatBytes(plan.totalBytes)}`)
              .join('; ')
              .concat(`. Each GPU has ${formatBytes(r.memoryPerGpu, { binary: true })}.`)}
          />
          <DerivationView derivation={r.worldD} stale={computed.stale} />
          <DerivationView derivation={r.flopsD} stale={computed.stale} />
          <DerivationView derivation={r.bubbleD} stale={computed.stale} />
          <DerivationView derivation={r.stepD} stale={computed.stale} />
          {r.dataD && <DerivationView derivation={r.dataD} stale={computed.stale} />}
          {r.tensorD && <DerivationView derivation={r.tensorD} stale={computed.stale} />}
        </>
      )}
    </CalculatorShell>
  );
}
