import { useMemo } from 'react';
import { DTYPES, bytesPerElement, type Dtype } from '../../core/dtypes';
import { gpuMemoryBytes, type MemoryReading } from '../../core/gpu/gpu';
import {
  inferenceCapacity,
  inferenceMemory,
  inferenceMemorySweep,
  inferenceTotalFormula,
  kvCrossoverFormula,
} from '../../core/memory/inference';
import { kvCacheFormula, weightsMemoryFormula } from '../../core/memory/formulas';
import { countParams } from '../../core/params/params';
import { formatBytes, formatInteger } from '../../core/units';
import { StackedBarChart } from '../charts/StackedBarChart';
import { DerivationView } from '../DerivationView';
import { CalculatorShell } from '../controls/CalculatorShell';
import { Field } from '../controls/Field';
import { ModelPicker } from '../controls/ModelPicker';
import { Results } from '../controls/Results';
import { dtypeOptions, type FieldSpecs } from '../state/fields';
import { gpuField, modelFields, resolveGpu, resolveModelChoice } from '../state/pickers';
import { useCalculatorState, useComputed } from '../state/useCalculatorState';

const NS = 'mem';
const servingDtypes = dtypeOptions(DTYPES.filter((d) => d !== 'tf32'));
const MODEL = modelFields('llama-2-70b');
const FIELDS = {
  ...MODEL,
  wdtype: { kind: 'select', label: 'Weight dtype', default: 'fp16', options: servingDtypes },
  kvdtype: { kind: 'select', label: 'KV-cache dtype', default: 'fp16', options: servingDtypes },
  B: { kind: 'number', label: 'Concurrent requests B', default: 100, domain: 'positiveInt', max: 100000, hint: 'the chart shows 1 … B' },
  S: { kind: 'number', label: "Tokens per request S'", default: 4000, domain: 'positiveInt', max: 10_000_000, hint: 'prompt + generated' },
  gpu: gpuField('a800-sxm-80gb'),
  G: { kind: 'number', label: 'GPUs', default: 2, domain: 'positiveInt', max: 4096 },
  reading: {
    kind: 'select',
    label: 'Read "80GB" as',
    default: 'GB',
    options: [
      { value: 'GB', label: 'GB (10⁹ B, as marketed)' },
      { value: 'GiB', label: 'GiB (2³⁰ B, physical HBM)' },
    ],
  },
  u: { kind: 'number', label: 'Usable fraction u', default: 0.9, domain: 'fraction', hint: 'vLLM default 0.9; the rest is a reserve' },
} satisfies FieldSpecs;

const requestsText = (n: number) => `${formatInteger(n)} request${n === 1 ? '' : 's'}`;

const KEYS = [
  { key: 'weights', label: 'Weights' },
  { key: 'kv', label: 'KV cache' },
  { key: 'activations', label: 'Activations' },
] as const;

/** Weights, KV cache and activations for 1…B requests against the memory of G GPUs, and how many requests fit. */
export default function MemoryBreakdownCalculator() {
  const state = useCalculatorState(NS, FIELDS);
  const { model, config, wdtype, kvdtype, B, S, gpu, G, reading, u } = state.values;
  const computed = useComputed(
    () => {
      const spec = resolveModelChoice(model, config);
      const hw = resolveGpu(gpu);
      const weightBytes = bytesPerElement(wdtype as Dtype);
      const kvBytes = bytesPerElement(kvdtype as Dtype);
      const input = { spec, weightBytes, kvBytes, requests: B, contextTokens: S };
      const mem = inferenceMemory(input);
      const memoryPerGpu = gpuMemoryBytes(hw, reading as MemoryReading);
      const cap = inferenceCapacity(mem, { gpus: G, memoryPerGpu, utilization: u });
      const rows = inferenceMemorySweep(input);
      const N = countParams(spec).total;
      const weightsD = weightsMemoryFormula.derive({ N, s: weightBytes });
      // MLA and sliding windows change the cache: the per-request figure comes from the model, and the
      // plain formula is shown only when it applies.
      const plainKv = !spec.mla && !spec.slidingWindow;
      const kvD = plainKv ? kvCacheFormula.derive({ L: spec.layers, Sc: S, hKv: spec.kvHeads, d: spec.headDim, s: kvBytes }) : null;
      const totalD = inferenceTotalFormula.derive({ W: mem.weights, B, K: mem.kvPerRequest, A: mem.activations });
      const crossD = mem.kvPerRequest > 0 ? kvCrossoverFormula.derive({ W: mem.weights, K: mem.kvPerRequest }) : null;
      return { spec, hw, mem, cap, rows, memoryPerGpu, weightsD, kvD, totalD, crossD };
    },
    [model, config, wdtype, kvdtype, B, S, gpu, G, reading, u],
    !state.hasErrors,
  );
  const r = computed.result;
  const errorFor = (name: string) => (computed.status === 'error' && computed.field === name ? computed.error : null);
  const fields = useMemo(
    () => (
      <>
        <ModelPicker ns={NS} fields={MODEL} state={state} configError={errorFor('config')} />
        {(['wdtype', 'kvdtype', 'B', 'S', 'gpu', 'G', 'reading', 'u'] as const).map((name) => (
          <Field key={name} ns={NS} name={name} spec={FIELDS[name]} state={state} coreError={errorFor(name)} />
        ))}
      </>
    ),
    // errorFor reads computed
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [state, computed],
  );
  const fieldNames = new Set(Object.keys(FIELDS));
  const shellError = computed.status === 'error' && (computed.field === null || !fieldNames.has(computed.field)) ? computed.error : null;
  const limitLabel = r ? `${G} × ${r.hw.name}: ${formatBytes(r.cap.capacity)}` : '';
  return (
    <CalculatorShell
      anchor="memory-breakdown-calculator"
      title="Inference memory: weights, KV cache, activations"
      inputs={fields}
      error={shellError}
      stale={computed.stale}
      linkUrl={state.linkUrl}
    >
      {r && (
        <>
          <Results
            items={[
              { label: 'Weights', value: formatBytes(r.mem.weights), detail: `${formatInteger(r.mem.weights)} B = ${formatBytes(r.mem.weights, { binary: true })}`, testId: 'mem-weights' },
              { label: 'KV cache per request', value: formatBytes(r.mem.kvPerRequest), detail: `${formatInteger(r.mem.kvPerRequest)} B`, testId: 'mem-kv-request' },
              { label: `KV cache, ${requestsText(B)}`, value: formatBytes(r.mem.kv), detail: `${formatInteger(r.mem.kv)} B`, testId: 'mem-kv' },
              { label: 'Activations (one prefill)', value: formatBytes(r.mem.activations), testId: 'mem-act' },
              { label: 'Total', value: formatBytes(r.mem.total), detail: formatBytes(r.mem.total, { binary: true }), testId: 'mem-total' },
              {
                label: 'GPU memory usable',
                value: formatBytes(r.cap.capacity),
                detail: `${G} × ${formatBytes(r.memoryPerGpu, { binary: reading === 'GiB' })} × ${u}`,
                testId: 'mem-capacity',
              },
              {
                label: 'Requests that fit',
                value: formatInteger(r.cap.requestsThatFit),
                detail: r.cap.kvBudget > 0 ? `${formatBytes(r.cap.kvBudget)} left for KV caches` : 'the weights and activations alone do not fit',
                testId: 'mem-fit',
              },
              {
                label: requestsText(B),
                value: r.cap.fits ? 'fit' : 'do not fit',
                testId: 'mem-verdict',
              },
            ]}
          />
          {r.spec.mla && (
            <p className="note">This model uses multi-head latent attention: it caches a compressed latent per layer and token, not full K and V (chapter 10).</p>
          )}
          {r.spec.slidingWindow && (
            <p className="note">This model uses a sliding window of {formatInteger(r.spec.slidingWindow.size)} tokens: its cache stops growing there.</p>
          )}
          <StackedBarChart
            title="Inference memory by number of requests"
            keys={KEYS}
            bars={r.rows.map((row) => ({
              label: `${formatInteger(row.requests)} req.`,
              segments: [
                { key: 'weights', value: row.weights },
                { key: 'kv', value: row.kv },
                { key: 'activations', value: row.activations },
              ],
              text: formatBytes(row.total),
            }))}
            limit={{ value: r.cap.capacity, label: limitLabel }}
            summary={r.rows
              .map((row) => `${requestsText(row.requests)}: weights ${formatBytes(row.weights)}, KV cache ${formatBytes(row.kv)}, activations ${formatBytes(row.activations)}, total ${formatBytes(row.total)}`)
              .join('; ')
              .concat(`. Usable memory of ${G} GPUs: ${formatBytes(r.cap.capacity)}; ${formatInteger(r.cap.requestsThatFit)} requests fit.`)}
          />
          <DerivationView derivation={r.totalD} stale={computed.stale} />
          <DerivationView derivation={r.weightsD} stale={computed.stale} />
          {r.kvD && <DerivationView derivation={r.kvD} stale={computed.stale} />}
          {r.crossD && <DerivationView derivation={r.crossD} stale={computed.stale} />}
        </>
      )}
    </CalculatorShell>
  );
}
