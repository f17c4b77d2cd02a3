import { useMemo } from 'react';
import { gpuMemoryBytes } from '../../core/gpu/gpu';
import { countParams } from '../../core/params/params';
import {
  TRAINING_PRECISIONS,
  trainingMemoryDerivations,
  trainingMemoryPerGpu,
  type ActivationCount,
  type TrainingMemoryInput,
  type TrainingPrecision,
} from '../../core/training/perGpu';
import type { RecomputeMode } from '../../core/training/activations';
import type { ZeroStage } from '../../core/training/memory';
import { formatBytes, formatInteger } from '../../core/units';
import { StackedBarChart } from '../charts/StackedBarChart';
import { DerivationView } from '../DerivationView';
import { CalculatorShell } from '../controls/CalculatorShell';
import { Field } from '../controls/Field';
import { ModelPicker } from '../controls/ModelPicker';
import { Results } from '../controls/Results';
import type { FieldSpecs } from '../state/fields';
import { gpuField, modelFields, resolveGpu, resolveModelChoice } from '../state/pickers';
import { useCalculatorState, useComputed } from '../state/useCalculatorState';

const NS = 'tm';
const MODEL = modelFields('llama-2-7b');
const FIELDS = {
  ...MODEL,
  b: { kind: 'number', label: 'Micro-batch b', default: 1, domain: 'positiveInt', max: 65536, hint: 'sequences per micro-batch' },
  s: { kind: 'number', label: 'Sequence length s', default: 4096, domain: 'positiveInt', max: 10_000_000 },
  precision: {
    kind: 'select',
    label: 'Precision and optimizer',
    default: 'adam16',
    options: (Object.keys(TRAINING_PRECISIONS) as TrainingPrecision[]).map((k) => ({ value: k, label: TRAINING_PRECISIONS[k].label })),
  },
  zero: {
    kind: 'select',
    label: 'ZeRO stage',
    default: '0',
    options: [
      { value: '0', label: '0: nothing sharded' },
      { value: '1', label: '1: optimizer state' },
      { value: '2', label: '2: + gradients' },
      { value: '3', label: '3: + weights' },
    ],
  },
  D: { kind: 'number', label: 'Data-parallel D', default: 8, domain: 'positiveInt', max: 1_000_000 },
  t: { kind: 'number', label: 'Tensor-parallel t', default: 1, domain: 'positiveInt', max: 1024, hint: 'must divide the heads' },
  p: { kind: 'number', label: 'Pipeline stages p', default: 1, domain: 'positiveInt', max: 1024 },
  sp: {
    kind: 'select',
    label: 'Sequence parallelism',
    default: 'off',
    options: [
      { value: 'off', label: 'off' },
      { value: 'on', label: 'on (with tensor parallelism)' },
    ],
  },
  recompute: {
    kind: 'select',
    label: 'Recomputation',
    default: 'none',
    options: [
      { value: 'none', label: 'none' },
      { value: 'selective', label: 'selective (attention scores)' },
      { value: 'full', label: 'full (keep layer inputs only)' },
    ],
  },
  count: {
    kind: 'select',
    label: 'Activation count',
    default: 'korthikanti',
    options: [
      { value: 'korthikanti', label: 'Korthikanti et al. (GPT block, scores stored)' },
      { value: 'flash', label: 'This model’s block, FlashAttention, no dropout' },
    ],
  },
  gpu: gpuField('a800-sxm-80gb'),
} satisfies FieldSpecs;

const KEYS = [
  { key: 'weights', label: 'Weights' },
  { key: 'grads', label: 'Gradients' },
  { key: 'optimizer', label: 'Optimizer' },
  { key: 'activations', label: 'Activations' },
] as const;
const STAGES: readonly ZeroStage[] = [0, 1, 2, 3];

/** Per-GPU training memory: model states after TP, PP and ZeRO, plus activations, against a GPU's capacity. */
export default function TrainingMemoryCalculator() {
  const state = useCalculatorState(NS, FIELDS);
  const { model, config, b, s, precision, zero, D, t, p, sp, recompute, count, gpu } = state.values;
  const computed = useComputed(
    () => {
      const spec = resolveModelChoice(model, config);
      const hw = resolveGpu(gpu);
      const input: TrainingMemoryInput = {
        params: countParams(spec).total,
        layers: spec.layers,
        hidden: spec.hidden,
        heads: spec.heads,
        kvHeads: spec.kvHeads,
        headDim: spec.headDim,
        ffnWidth: spec.ffnWidth,
        ffn: spec.ffn,
        seq: s,
        microBatch: b,
        dp: D,
        tp: t,
        pp: p,
        zero: Number(zero) as ZeroStage,
        sp: sp === 'on',
        recompute: recompute as RecomputeMode,
        precision: precision as TrainingPrecision,
        activationCount: count as ActivationCount,
      };
      const mem = trainingMemoryPerGpu(input);
      const derivations = trainingMemoryDerivations(input, mem);
      const byStage = STAGES.map((stage) => ({ stage, mem: trainingMemoryPerGpu({ ...input, zero: stage }) }));
      const capacity = gpuMemoryBytes(hw, 'GB');
      return { spec, hw, mem, derivations, byStage, capacity };
    },
    [model, config, b, s, precision, zero, D, t, p, sp, recompute, count, gpu],
    !state.hasErrors,
  );
  const r = computed.result;
  const errorFor = (name: string) => (computed.status === 'error' && computed.field === name ? computed.error : null);
  const fields = useMemo(
    () => (
      <>
        <ModelPicker ns={NS} fields={MODEL} state={state} configError={errorFor('config')} />
        {(['b', 's', 'precision', 'zero', 'D', 't', 'p', 'sp', 'recompute', 'count', 'gpu'] as const).map((name) => (
          <Field key={name} ns={NS} name={name} spec={FIELDS[name]} state={state} coreError={errorFor(name === 'D' ? 'dp' : name === 't' ? 'tp' : name === 'p' ? 'pp' : name)} />
        ))}
      </>
    ),
    // errorFor reads computed
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state, computed],
  );
  const owned = new Set(['model', 'config', 'b', 's', 'precision', 'zero', 'dp', 'tp', 'pp', 'sp', 'recompute', 'count', 'gpu']);
  const shellError = computed.status === 'error' && (computed.field === null || !owned.has(computed.field)) ? computed.error : null;
  const fits = r ? r.mem.total <= r.capacity : false;
  return (
    <CalculatorShell
      anchor="training-memory-calculator"
      title="Training memory per GPU"
      inputs={fields}
      error={shellError}
      stale={computed.stale}
      linkUrl={state.linkUrl}
    >
      {r && (
        <>
          <Results
            items={[
              { label: 'GPUs (D × t × p)', value: formatInteger(r.mem.gpus), testId: 'tm-gpus' },
              { label: 'Parameters per GPU', value: formatInteger(r.mem.paramsPerGpu), detail: 'N / (t·p), before ZeRO', testId: 'tm-params' },
              {
                label: 'Model states',
                value: formatBytes(r.mem.modelStates),
                detail: `weights ${formatBytes(r.mem.weights)}, gradients ${formatBytes(r.mem.grads)}, optimizer ${formatBytes(r.mem.optimizer)}`,
                testId: 'tm-states',
              },
              {
                label: 'Activations',
                value: formatBytes(r.mem.activations),
                detail: `${formatBytes(r.mem.activationsPerLayer)} per layer × ${formatInteger(r.mem.activationLayers)} layers`,
                testId: 'tm-activations',
              },
              { label: 'Total per GPU', value: formatBytes(r.mem.total), detail: `${formatInteger(r.mem.total)} B`, testId: 'tm-total' },
              {
                label: `${r.hw.name} memory`,
                value: formatBytes(r.capacity),
                detail: fits ? 'fits' : 'does not fit',
                testId: 'tm-capacity',
              },
            ]}
          />
          <StackedBarChart
            title="Per-GPU training memory by ZeRO stage"
            keys={KEYS}
            bars={r.byStage.map(({ stage, mem }) => ({
              label: `ZeRO-${stage}${String(stage) === zero ? ' (chosen)' : ''}`,
              segments: [
                { key: 'weights', value: mem.weights },
                { key: 'grads', value: mem.grads },
                { key: 'optimizer', value: mem.optimizer },
                { key: 'activations', value: mem.activations },
              ],
              text: formatBytes(mem.total),
            }))}
            limit={{ value: r.capacity, label: `${r.hw.name}: ${formatBytes(r.capacity)}` }}
            summary={r.byStage
              .map(
                ({ stage, mem }) =>
                  `ZeRO-${stage}: weights ${formatBytes(mem.weights)}, gradients ${formatBytes(mem.grads)}, optimizer ${formatBytes(mem.optimizer)}, activations ${formatBytes(mem.activations)}, total ${formatBytes(mem.total)}`,
              )
              .join('; ')
              .concat(`. One ${r.hw.name} holds ${formatBytes(r.capacity)}.`)}
          />
          <DerivationView derivation={r.derivations.total} stale={computed.stale} />
          <DerivationView derivation={r.derivations.states} stale={computed.stale} />
          {r.derivations.activations ? (
            <DerivationView derivation={r.derivations.activations} stale={computed.stale} />
          ) : (
            <p className="hint">
              {count === 'flash'
                ? 'The FlashAttention count adds up this model’s tensors one by one; it has no closed form.'
                : 'Selective recomputation without sequence parallelism leaves 10·s·b·H unsplit: s·b·H·(10 + 24/t).'}
            </p>
          )}
        </>
      )}
    </CalculatorShell>
  );
}
