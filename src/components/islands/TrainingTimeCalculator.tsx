import { useMemo } from 'react';
import { gpuPeakFlops } from '../../core/gpu/gpu';
import { mfuFlopsPerToken } from '../../core/mfu/conventions';
import { activeParams } from '../../core/params/params';
import {
  trainingAttentionFlopsFormula,
  trainingFlopsPerTokenFormula,
  trainingGpuHoursFormula,
  trainingTimeFormula,
  trainingTotalFlopsFormula,
  type AttentionConvention,
} from '../../core/training/compute';
import { mfuFromTrainingTimeFormula, trainingTimeFromDays, trainingTimeFromMfu } from '../../core/training/time';
import { formatInteger, formatPercent, formatQuantity, formatSeconds } from '../../core/units';
import { DerivationView } from '../DerivationView';
import { CalculatorShell } from '../controls/CalculatorShell';
import { Field } from '../controls/Field';
import { ModelPicker } from '../controls/ModelPicker';
import { Results } from '../controls/Results';
import type { FieldSpecs } from '../state/fields';
import { gpuField, modelFields, resolveGpu, resolveModelChoice } from '../state/pickers';
import { useCalculatorState, useComputed } from '../state/useCalculatorState';

const NS = 'tt';
const MODEL = modelFields('llama-3-70b');
const FIELDS = {
  ...MODEL,
  attention: {
    kind: 'select',
    label: 'FLOPs counted per token',
    default: 'none',
    options: [
      { value: 'none', label: '6N (attention scores left out)' },
      { value: 'causal', label: '6N + causal attention' },
      { value: 'full', label: '6N + full attention (PaLM)' },
    ],
  },
  S: { kind: 'number', label: 'Sequence length S', default: 8192, domain: 'positiveInt', max: 10_000_000, hint: 'only used when attention is counted' },
  D: { kind: 'number', label: 'Training tokens', default: 15e12, domain: 'positive', hint: '15T = 15e12' },
  gpu: gpuField('h100-sxm'),
  n: { kind: 'number', label: 'GPUs', default: 16384, domain: 'positiveInt', max: 10_000_000 },
  solve: {
    kind: 'select',
    label: 'Solve for',
    default: 'time',
    options: [
      { value: 'time', label: 'days and GPU-hours, from MFU' },
      { value: 'mfu', label: 'MFU, from days' },
    ],
  },
  mfu: { kind: 'number', label: 'MFU', default: 0.4, domain: 'fraction', hint: '0.4 = 40% of the dense bf16 peak' },
  days: { kind: 'number', label: 'Wall-clock days', default: 30, domain: 'positive' },
} satisfies FieldSpecs;

/** Training compute and time: tokens × FLOPs per token on n GPUs at an MFU ↔ days and GPU-hours. */
export default function TrainingTimeCalculator() {
  const state = useCalculatorState(NS, FIELDS);
  const { model, config, attention, S, D, gpu, n, solve, mfu, days } = state.values;
  const computed = useComputed(
    () => {
      const spec = resolveModelChoice(model, config);
      const hw = resolveGpu(gpu);
      const peak = gpuPeakFlops(hw, 'bf16');
      const N = activeParams(spec);
      const convention = attention as AttentionConvention;
      const flops = mfuFlopsPerToken({ params: N, layers: spec.layers, heads: spec.heads, headDim: spec.headDim, seq: S, attention: convention, recompute: 'none' });
      const perTokenD =
        convention === 'none'
          ? trainingFlopsPerTokenFormula.derive({ N })
          : trainingAttentionFlopsFormula.derive({ N, m: flops.mask, L: spec.layers, h: spec.heads, d: spec.headDim, S });
      const totalD = trainingTotalFlopsFormula.derive({ F: flops.model, D });
      const base = { flopsPerToken: flops.model, tokens: D, gpus: n, peak };
      const result = solve === 'mfu' ? trainingTimeFromDays({ ...base, days }) : trainingTimeFromMfu({ ...base, mfu });
      const steps =
        solve === 'mfu'
          ? [mfuFromTrainingTimeFormula.derive({ C: result.totalFlops, n, P: peak, T: result.seconds })]
          : [
              trainingTimeFormula.derive({ C: result.totalFlops, n, P: peak, u: mfu }),
              trainingGpuHoursFormula.derive({ C: result.totalFlops, P: peak, u: mfu }),
            ];
      return { hw, peak, N, result, perTokenD, totalD, steps };
    },
    [model, config, attention, S, D, gpu, n, solve, mfu, days],
    !state.hasErrors,
  );
  const r = computed.result;
  const errorFor = (name: string) => (computed.status === 'error' && computed.field === name ? computed.error : null);
  const visible = ['attention', 'S', 'D', 'gpu', 'n', 'solve', state.raw.solve === 'mfu' ? 'days' : 'mfu'] as const;
  const fields = useMemo(
    () => (
      <>
        <ModelPicker ns={NS} fields={MODEL} state={state} configError={errorFor('config')} />
        {visible.map((name) => (
          <Field key={name} ns={NS} name={name} spec={FIELDS[name]} state={state} coreError={errorFor(name === 'gpu' ? 'dtype' : name)} />
        ))}
      </>
    ),
    // errorFor and visible read computed and state
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state, computed],
  );
  const owned = new Set(['model', 'config', 'attention', 'S', 'D', 'gpu', 'n', 'solve', 'mfu', 'days', 'dtype']);
  const shellError = computed.status === 'error' && (computed.field === null || !owned.has(computed.field)) ? computed.error : null;
  return (
    <CalculatorShell
      anchor="training-time-calculator"
      title="Training compute and time"
      inputs={fields}
      error={shellError}
      stale={computed.stale}
      linkUrl={state.linkUrl}
    >
      {r && (
        <>
          <Results
            items={[
              { label: 'Parameters per token N', value: formatInteger(r.N), testId: 'tt-params' },
              { label: 'FLOPs per token', value: r.perTokenD.formatted, testId: 'tt-per-token' },
              { label: 'Total training FLOPs', value: r.totalD.formatted, testId: 'tt-total' },
              { label: `${r.hw.name} dense bf16 peak`, value: formatQuantity(r.peak, 'FLOP/s'), testId: 'tt-peak' },
              { label: 'Wall-clock time', value: formatSeconds(r.result.seconds), detail: `${formatInteger(n)} GPUs`, testId: 'tt-time' },
              { label: 'GPU-hours', value: formatQuantity(r.result.gpuHours, 'GPU-h'), testId: 'tt-gpu-hours' },
              { label: 'MFU', value: formatPercent(r.result.mfu), detail: solve === 'mfu' ? 'implied by the days' : 'assumed', testId: 'tt-mfu' },
            ]}
          />
          <DerivationView derivation={r.perTokenD} stale={computed.stale} />
          <DerivationView derivation={r.totalD} stale={computed.stale} />
          {r.steps.map((step) => (
            <DerivationView key={step.id} derivation={step} stale={computed.stale} />
          ))}
        </>
      )}
    </CalculatorShell>
  );
}
