import { useMemo } from 'react';
import { gpuPeakFlops, type PeakDtype } from '../../core/gpu/gpu';
import { mfuFlopsPerToken, type MfuFlops, type RecomputeKind } from '../../core/mfu/conventions';
import { hfuFormula, mfuFormula, mfuFromGpuHours, mfuFromGpuHoursFormula, modelFlopsUtilization } from '../../core/mfu/mfu';
import { activeParams } from '../../core/params/params';
import {
  ATTENTION_CONVENTIONS,
  trainingAttentionFlopsFormula,
  trainingGpuHoursFormula,
  trainingGpuHours,
  trainingTimeFormula,
  trainingTotalFlopsFormula,
  type AttentionConvention,
} from '../../core/training/compute';
import { formatInteger, formatPercent, formatQuantity, formatSI } from '../../core/units';
import { BarChart } from '../charts/BarChart';
import { DerivationView } from '../DerivationView';
import { CalculatorShell } from '../controls/CalculatorShell';
import { Field } from '../controls/Field';
import { ModelPicker } from '../controls/ModelPicker';
import { Results } from '../controls/Results';
import type { FieldSpecs } from '../state/fields';
import { gpuField, modelFields, resolveGpu, resolveModelChoice } from '../state/pickers';
import { useCalculatorState, useComputed } from '../state/useCalculatorState';

const NS = 'mfu';
const MODEL = modelFields('llama-3-70b');
const CONVENTION_LABELS: Record<AttentionConvention, string> = {
  none: '6N only (attention left out)',
  causal: '6N + causal attention (m = 1/2)',
  full: '6N + full attention (m = 1, PaLM)',
};
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
  dtype: {
    kind: 'select',
    label: 'Peak for data type',
    default: 'bf16',
    options: [
      { value: 'bf16', label: 'bf16 (dense)' },
      { value: 'fp16', label: 'fp16 (dense)' },
      { value: 'fp8', label: 'fp8 (dense)' },
    ],
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
    options: [
      { value: 'none', label: 'none' },
      { value: 'selective', label: 'selective (attention core)' },
      { value: 'full', label: 'full (whole forward pass)' },
    ],
    hint: 'Selective recomputation is invisible when attention is not counted.',
  },
  seq: { kind: 'number', label: 'Sequence length S', default: 8192, domain: 'positiveInt', max: 10_000_000 },
  tokens: { kind: 'number', label: 'Training tokens D', default: 15e12, domain: 'positive', hint: '15T = 15e12' },
  gpuHours: { kind: 'number', label: 'GPU-hours G', default: 6.4e6, domain: 'positive', hint: '6.4M = 6.4e6' },
  throughput: { kind: 'number', label: 'Throughput X (tokens/s, whole job)', default: 800_000, domain: 'positive' },
  gpus: { kind: 'number', label: 'GPUs n', default: 1024, domain: 'positiveInt', max: 10_000_000 },
  mfu: { kind: 'number', label: 'Assumed MFU', default: 0.4, domain: 'fraction', hint: 'a fraction: 0.4 = 40%' },
} satisfies FieldSpecs;

type Mode = 'throughput' | 'gpuHours' | 'plan';
const MODE_FIELDS: Record<Mode, readonly (keyof typeof FIELDS)[]> = {
  throughput: ['throughput', 'gpus'],
  gpuHours: ['tokens', 'gpuHours'],
  plan: ['tokens', 'gpus', 'mfu'],
};

/** MFU both ways: from a log's tokens/s or a run's GPU-hours, or from an assumed MFU to time and GPU-hours. */
export default function MfuCalculator() {
  const state = useCalculatorState(NS, FIELDS);
  const { mode, model, config, gpu, dtype, attention, recompute, seq, tokens, gpuHours, throughput, gpus, mfu } = state.values;
  const m = mode as Mode;
  // Only the inputs this direction uses can hold up the result; the others are hidden.
  const shown = ['gpu', 'dtype', 'attention', 'recompute', 'seq', ...MODE_FIELDS[m]] as const;
  const relevantValid = ['mode', 'model', 'config', ...shown].every((k) => !state.errors[k as keyof typeof FIELDS]);
  const computed = useComputed(
    () => {
      const spec = resolveModelChoice(model, config);
      const hw = resolveGpu(gpu);
      const P = gpuPeakFlops(hw, dtype as PeakDtype);
      const N = activeParams(spec);
      const flopsFor = (convention: AttentionConvention): MfuFlops =>
        mfuFlopsPerToken({ params: N, layers: spec.layers, heads: spec.heads, headDim: spec.headDim, seq, attention: convention, recompute: recompute as RecomputeKind });
      const f = flopsFor(attention as AttentionConvention);
      const perToken = trainingAttentionFlopsFormula.derive({ N, m: f.mask, L: spec.layers, h: spec.heads, d: spec.headDim, S: seq });
      const base = { hw, P, N, f, perToken };
      if (m === 'throughput') {
        const mfuD = mfuFormula.derive({ F: f.model, X: throughput, n: gpus, P });
        const hfuD = hfuFormula.derive({ F: f.model, R: f.recompute, X: throughput, n: gpus, P });
        const bars = ATTENTION_CONVENTIONS.map((c) => ({ c, value: modelFlopsUtilization({ flopsPerToken: flopsFor(c).model, tokensPerSecond: throughput, gpus, peak: P }) }));
        return { ...base, kind: 'throughput' as const, mfuD, hfuD, bars };
      }
      const totalD = trainingTotalFlopsFormula.derive({ F: f.model, D: tokens });
      if (m === 'gpuHours') {
        const mfuD = mfuFromGpuHoursFormula.derive({ F: f.model, D: tokens, G: gpuHours, P });
        const hfu = mfuFromGpuHours({ flopsPerToken: f.hardware, tokens, gpuHours, peak: P });
        const bars = ATTENTION_CONVENTIONS.map((c) => ({ c, value: mfuFromGpuHours({ flopsPerToken: flopsFor(c).model, tokens, gpuHours, peak: P }) }));
        return { ...base, kind: 'gpuHours' as const, mfuD, hfu, totalD, bars };
      }
      const timeD = trainingTimeFormula.derive({ C: totalD.value, n: gpus, P, u: mfu });
      const hoursD = trainingGpuHoursFormula.derive({ C: totalD.value, P, u: mfu });
      const bars = ATTENTION_CONVENTIONS.map((c) => ({ c, value: trainingGpuHours({ flops: trainingTotalFlopsFormula.compute({ F: flopsFor(c).model, D: tokens }), peak: P, mfu }) }));
      return { ...base, kind: 'plan' as const, totalD, timeD, hoursD, bars };
    },
    [m, model, config, gpu, dtype, attention, recompute, seq, tokens, gpuHours, throughput, gpus, mfu],
    relevantValid,
  );
  const r = computed.result;
  const errorFor = (name: string) => (computed.status === 'error' && computed.field === name ? computed.error : null);
  const fields = useMemo(
    () => (
      <>
        <Field ns={NS} name="mode" spec={FIELDS.mode} state={state} />
        <ModelPicker ns={NS} fields={MODEL} state={state} configError={errorFor('config')} />
        {shown.map((name) => (
          <Field key={name} ns={NS} name={name} spec={FIELDS[name]} state={state} coreError={errorFor(name)} />
        ))}
      </>
    ),
    // errorFor and shown read computed and mode
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state, computed, m],
  );
  const fieldNames = new Set<string>(['mode', 'config', ...shown]);
  const shellError = computed.status === 'error' && computed.error && (computed.field === null || !fieldNames.has(computed.field)) ? computed.error : null;
  return (
    <CalculatorShell anchor="mfu-calculator" title="MFU calculator" inputs={fields} error={shellError} stale={computed.stale} linkUrl={state.linkUrl}>
      {r && (
        <>
          <Results
            items={[
              { label: 'Model FLOPs per token', value: formatSI(r.f.model, 'FLOPs'), detail: `N = ${formatInteger(r.N)} active parameters`, testId: 'mfu-flops-token' },
              { label: 'Peak per GPU', value: formatSI(r.P, 'FLOP/s'), detail: `${r.hw.name}, dense ${dtype}`, testId: 'mfu-peak' },
              ...(r.kind === 'throughput'
                ? [
                    { label: 'MFU', value: r.mfuD.formatted, testId: 'mfu-result' },
                    { label: 'HFU', value: r.hfuD.formatted, detail: `recompute: ${recompute}`, testId: 'mfu-hfu' },
                  ]
                : r.kind === 'gpuHours'
                  ? [
                      { label: 'Training FLOPs', value: r.totalD.formatted, testId: 'mfu-total' },
                      { label: 'MFU', value: r.mfuD.formatted, testId: 'mfu-result' },
                      { label: 'HFU', value: formatPercent(r.hfu), detail: `recompute: ${recompute}`, testId: 'mfu-hfu' },
                    ]
                  : [
                      { label: 'Training FLOPs', value: r.totalD.formatted, testId: 'mfu-total' },
                      { label: 'Wall-clock time', value: r.timeD.formatted, detail: `on ${formatInteger(gpus)} GPUs`, testId: 'mfu-time' },
                      { label: 'GPU-hours', value: r.hoursD.formatted, testId: 'mfu-gpu-hours' },
                    ]),
            ]}
          />
          <BarChart
            title={r.kind === 'plan' ? 'GPU-hours by attention convention' : 'MFU by attention convention'}
            bars={r.bars.map((b) => ({
              label: b.c === 'none' ? '6N' : b.c === 'causal' ? '6N + causal' : '6N + full',
              value: b.value,
              text: formatQuantity(b.value, r.kind === 'plan' ? 'GPU-h' : 'ratio'),
            }))}
            summary={`The same ${r.kind === 'plan' ? 'plan' : 'run'} under each convention: ${r.bars
              .map((b) => `${CONVENTION_LABELS[b.c]}: ${formatQuantity(b.value, r.kind === 'plan' ? 'GPU-h' : 'ratio')}`)
              .join('; ')}.`}
          />
          <DerivationView derivation={r.perToken} stale={computed.stale} />
          {r.kind === 'throughput' && (
            <>
              <DerivationView derivation={r.mfuD} stale={computed.stale} />
              <DerivationView derivation={r.hfuD} stale={computed.stale} />
            </>
          )}
          {r.kind === 'gpuHours' && <DerivationView derivation={r.mfuD} stale={computed.stale} />}
          {r.kind === 'plan' && (
            <>
              <DerivationView derivation={r.totalD} stale={computed.stale} />
              <DerivationView derivation={r.timeD} stale={computed.stale} />
              <DerivationView derivation={r.hoursD} stale={computed.stale} />
            </>
          )}
        </>
      )}
    </CalculatorShell>
  );
}
