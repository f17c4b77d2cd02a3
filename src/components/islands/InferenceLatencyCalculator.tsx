import { useMemo } from 'react';
import { bytesPerElement, type Dtype } from '../../core/dtypes';
import { gpuMemoryBytes, gpuPeakFlops, perDirectionBandwidth, type PeakDtype } from '../../core/gpu/gpu';
import { attainableFlopsPerSecond, rooflinePoints, rooflineSpan } from '../../core/gpu/roofline';
import {
  decodeBatchSweep,
  decodeCriticalBatchFormula,
  decodeCrossover,
  decodeThroughputFormula,
  latencyModelFromSpec,
  servingFit,
} from '../../core/latency/decode';
import { estimateInferenceLatency, type Regime } from '../../core/latency/latency';
import { ridgePointFormula } from '../../core/matmul/matmul';
import { DEFAULT_MEMORY_UTILIZATION } from '../../core/serving/serving';
import { formatBytes, formatInteger, formatPercent, formatSI, formatSeconds, formatSignificant } from '../../core/units';
import { LineChart } from '../charts/LineChart';
import { DerivationView } from '../DerivationView';
import { CalculatorShell } from '../controls/CalculatorShell';
import { Field } from '../controls/Field';
import { ModelPicker } from '../controls/ModelPicker';
import { Results } from '../controls/Results';
import type { FieldSpecs } from '../state/fields';
import { gpuField, modelFields, resolveGpu, resolveModelChoice } from '../state/pickers';
import { useCalculatorState, useComputed } from '../state/useCalculatorState';

const NS = 'lat';
const MODEL = modelFields('llama-2-70b');
const FIELDS = {
  ...MODEL,
  gpu: gpuField('a800-sxm-80gb'),
  gpus: { kind: 'number', label: 'GPUs G (tensor parallel)', default: 8, domain: 'positiveInt', max: 1024 },
  batch: { kind: 'number', label: 'Requests in the batch B', default: 16, domain: 'positiveInt', max: 100_000 },
  input: { kind: 'number', label: 'Prompt tokens S', default: 4000, domain: 'positiveInt', max: 10_000_000 },
  output: { kind: 'number', label: 'Output tokens O', default: 256, domain: 'positiveInt', max: 1_000_000 },
  dtype: {
    kind: 'select',
    label: 'Weights, KV cache and peak',
    default: 'fp16',
    options: [
      { value: 'fp16', label: 'fp16 (2 B)' },
      { value: 'bf16', label: 'bf16 (2 B)' },
      { value: 'fp8', label: 'fp8 (1 B)' },
    ],
  },
  attention: {
    kind: 'select',
    label: 'Score FLOPs counted',
    default: 'full',
    options: [
      { value: 'full', label: 'every key (the article)' },
      { value: 'causal', label: 'causal half' },
    ],
  },
  ec: { kind: 'number', label: 'Compute efficiency η_c', default: 0.8, domain: 'fraction', hint: 'fraction of peak FLOP/s prefill reaches' },
  em: { kind: 'number', label: 'Memory efficiency η_m', default: 0.8, domain: 'fraction', hint: 'fraction of HBM bandwidth decode reaches' },
  ecomm: { kind: 'number', label: 'Link efficiency', default: 0.8, domain: 'fraction', hint: 'fraction of NVLink an all-reduce reaches' },
  alpha: { kind: 'number', label: 'All-reduce latency α (s)', default: 0, domain: 'nonNegative', hint: 'fixed cost per all-reduce, e.g. 1e-5' },
} satisfies FieldSpecs;

const INPUTS = ['gpu', 'gpus', 'batch', 'input', 'output', 'dtype', 'attention', 'ec', 'em', 'ecomm', 'alpha'] as const;
// Log axes get a tick at every 1…9 × 10^k; label the decades only, so the text never overlaps.
const decade = (v: number, label: string) => (Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9 ? label : '');
const regimeText = (r: Regime) => (r === 'compute-bound' ? 'compute-bound' : 'memory-bound');

/** TTFT, TPOT and throughput by roofline for a model on G tensor-parallel GPUs, with the batch sweep. */
export default function InferenceLatencyCalculator() {
  const state = useCalculatorState(NS, FIELDS);
  const { model, config, gpu, gpus, batch, input, output, dtype, attention, ec, em, ecomm, alpha } = state.values;
  const computed = useComputed(
    () => {
      const spec = resolveModelChoice(model, config);
      const hw = resolveGpu(gpu);
      const P = gpuPeakFlops(hw, dtype as PeakDtype);
      const W = hw.memoryBandwidth;
      const lm = latencyModelFromSpec(spec, bytesPerElement(dtype as Dtype));
      const hwL = { gpus, peak: P, memoryBandwidth: W, linkBandwidth: gpus > 1 ? perDirectionBandwidth(hw) : 0 };
      const eff = { compute: ec, memory: em, comm: ecomm, allReduceLatency: alpha };
      const work = { batch, input, output, attention: attention as 'full' | 'causal' };
      const lat = estimateInferenceLatency(lm, hwL, work, eff);
      const ridge = ridgePointFormula.derive({ P, W });
      const throughputD = decodeThroughputFormula.derive({ B: batch, T: lat.tpotSeconds });
      const cross = decodeCrossover(lm, hwL, work, eff);
      const crossD = Number.isFinite(cross.batch) ? decodeCriticalBatchFormula.derive(cross.input) : null;
      const fit = servingFit(lm, { gpus, memoryPerGpu: gpuMemoryBytes(hw, 'GB') }, work, DEFAULT_MEMORY_UTILIZATION);
      const sweep = decodeBatchSweep(lm, hwL, { input, output, attention: work.attention }, eff).map((p) => ({
        ...p,
        fits: servingFit(lm, { gpus, memoryPerGpu: gpuMemoryBytes(hw, 'GB') }, { ...work, batch: p.batch }, DEFAULT_MEMORY_UTILIZATION).fits,
      }));
      const [from, to] = rooflineSpan([lat.prefill.arithmeticIntensity, lat.decodeLast.arithmeticIntensity, ridge.value]);
      const roof = rooflinePoints({ peak: P, bandwidth: W, from, to });
      const on = (intensity: number) => attainableFlopsPerSecond({ intensity, peak: P, bandwidth: W });
      const markers = [
        { x: lat.prefill.arithmeticIntensity, y: on(lat.prefill.arithmeticIntensity), label: 'prefill' },
        { x: lat.decodeLast.arithmeticIntensity, y: on(lat.decodeLast.arithmeticIntensity), label: 'decode' },
      ];
      return { hw, P, W, lat, ridge, throughputD, cross, crossD, fit, sweep, roof, markers };
    },
    [model, config, gpu, gpus, batch, input, output, dtype, attention, ec, em, ecomm, alpha],
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
    <CalculatorShell
      anchor="inference-latency-calculator"
      title="Inference latency calculator"
      inputs={fields}
      error={shellError}
      stale={computed.stale}
      linkUrl={state.linkUrl}
    >
      {r && (
        <>
          <Results
            items={[
              { label: 'Time to first token', value: formatSeconds(r.lat.ttftSeconds), detail: `prefill ${formatSI(r.lat.prefillFlops, 'FLOPs')}`, testId: 'lat-ttft' },
              { label: 'Time per output token', value: formatSeconds(r.lat.tpotSeconds), detail: 'mean over the decode steps', testId: 'lat-tpot' },
              { label: 'Decode throughput', value: r.throughputD.formatted, detail: `${formatInteger(batch)} sequences per step`, testId: 'lat-throughput' },
              { label: 'Whole request', value: formatSeconds(r.lat.totalSeconds), detail: 'TTFT + (O − 1) · TPOT', testId: 'lat-total' },
              {
                label: 'Prefill is',
                value: regimeText(r.lat.prefill.regime),
                detail: `${formatSignificant(r.lat.prefill.arithmeticIntensity)} FLOP/B vs ridge ${r.ridge.formatted}`,
                testId: 'lat-prefill-bound',
              },
              {
                label: 'Decode is',
                value: regimeText(r.lat.decodeLast.regime),
                detail: `${formatSignificant(r.lat.decodeLast.arithmeticIntensity)} FLOP/B at the last step`,
                testId: 'lat-decode-bound',
              },
              {
                label: 'Decode compute-bound from',
                value: r.crossD ? `B ≈ ${r.crossD.formatted}` : 'never at this context',
                detail: `context S' = ${formatInteger(r.cross.context)} tokens`,
                testId: 'lat-crossover',
              },
              {
                label: 'Requests that fit',
                value: Number.isFinite(r.fit.maxConcurrency) ? formatInteger(r.fit.maxConcurrency) : 'no KV cache',
                detail: r.fit.fits
                  ? `${formatBytes(r.fit.kvPerRequest)} of KV per request; the batch fits`
                  : `the batch of ${formatInteger(batch)} does not fit in ${formatInteger(gpus)} × ${formatBytes(gpuMemoryBytes(r.hw, 'GB'))} at ${formatPercent(DEFAULT_MEMORY_UTILIZATION)}`,
                testId: 'lat-fit',
              },
            ]}
          />
          {!r.fit.fits && (
            <p className="note" data-testid="lat-fit-note">
              The times above assume the batch fits; on this hardware its KV caches do not. Lower B or the context, or add GPUs.
            </p>
          )}
          <LineChart
            title="Roofline: attainable FLOP/s per GPU"
            series={[{ name: `${r.hw.name} roofline`, points: r.roof }]}
            markers={r.markers}
            verticals={[{ x: r.ridge.value, label: `ridge ${r.ridge.formatted}` }]}
            xLabel="Arithmetic intensity (FLOP/B)"
            yLabel="FLOP/s per GPU"
            formatX={(v) => decade(v, formatSignificant(v, 2))}
            formatY={(v) => decade(v, formatSI(v, 'FLOP/s', 2))}
            logX
            logY
            summary={`Prefill does ${formatSignificant(r.lat.prefill.arithmeticIntensity)} FLOPs per byte and is ${regimeText(r.lat.prefill.regime)}; the last decode step does ${formatSignificant(r.lat.decodeLast.arithmeticIntensity)} FLOPs per byte and is ${regimeText(r.lat.decodeLast.regime)}; the ridge point is ${r.ridge.formatted}.`}
          />
          <LineChart
            title="Decode throughput by batch size"
            series={[{ name: 'tokens/s while decoding', points: r.sweep.map((p) => ({ x: p.batch, y: p.decodeTokensPerSecond })) }]}
            verticals={r.crossD && r.crossD.value <= 512 ? [{ x: r.crossD.value, label: 'B*' }] : []}
            xLabel="Batch B"
            yLabel="tokens/s"
            formatX={(v) => decade(v, formatSignificant(v, 3))}
            formatY={(v) => decade(v, formatSI(v, '', 2))}
            logX
            logY
            summary={`Decode tokens per second for batch sizes ${r.sweep.map((p) => p.batch).join(', ')}; the table below lists each point.`}
          />
          <table className="sweep" data-testid="lat-sweep">
            <caption>Batch sweep (other inputs as above)</caption>
            <thead>
              <tr>
                <th scope="col">B</th>
                <th scope="col">TTFT</th>
                <th scope="col">TPOT</th>
                <th scope="col">tokens/s</th>
                <th scope="col">decode</th>
                <th scope="col">fits in memory</th>
              </tr>
            </thead>
            <tbody>
              {r.sweep.map((p) => (
                <tr key={p.batch}>
                  <td>{formatInteger(p.batch)}</td>
                  <td>{formatSeconds(p.ttftSeconds)}</td>
                  <td>{formatSeconds(p.tpotSeconds)}</td>
                  <td>{formatSI(p.decodeTokensPerSecond, '', 3)}</td>
                  <td>{regimeText(p.decodeRegime)}</td>
                  <td>{p.fits ? 'yes' : 'no'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {r.lat.steps.map((d) => (
            <DerivationView key={d.id} derivation={d} stale={computed.stale} />
          ))}
          <DerivationView derivation={r.throughputD} stale={computed.stale} />
          {r.crossD && <DerivationView derivation={r.crossD} stale={computed.stale} />}
        </>
      )}
    </CalculatorShell>
  );
}
