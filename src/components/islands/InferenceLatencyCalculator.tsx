import { useMemo } from 'react';
import type { Dtype } from '../../core/dtypes';
import { attainableFlopsPerSecond, rooflinePoints, rooflineSpan } from '../../core/gpu/roofline';
import { CALIBRATION } from '../../core/latency/calibration';
import type { Regime } from '../../core/latency/step';
import { decodeCriticalBatchFormula, decodeThroughputFormula } from '../../core/latency/decode';
import { ridgePointFormula } from '../../core/matmul/matmul';
import { servingScenario } from '../../core/scenario/serving';
import { criticalBatchInput, servingDerivations, servingSweep } from '../../core/scenario/servingSteps';
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
    default: 'causal',
    options: [
      { value: 'causal', label: 'causal (what kernels do)' },
      { value: 'full', label: 'every key (the article)' },
    ],
  },
  ec: { kind: 'number', label: 'Compute efficiency η_c', default: CALIBRATION.computeEfficiency, domain: 'fraction', hint: 'share of the 16-bit peak the matmuls reach (calibrated)' },
  em: { kind: 'number', label: 'Memory efficiency η_m', default: CALIBRATION.memoryEfficiency, domain: 'fraction', hint: 'share of HBM bandwidth weight reads reach (calibrated)' },
  ecomm: { kind: 'number', label: 'Link efficiency', default: CALIBRATION.linkEfficiency, domain: 'fraction', hint: 'share of NVLink an all-reduce reaches' },
  alpha: { kind: 'number', label: 'All-reduce latency α (s)', default: 10e-6, domain: 'nonNegative', hint: 'fixed cost per all-reduce: 10 µs on NVLink' },
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
      const serving = {
        model: spec,
        gpu: hw,
        gpus,
        batch,
        inputTokens: input,
        outputTokens: output,
        weightDtype: dtype as Dtype,
        assumptions: {
          attention: attention as 'full' | 'causal',
          calibration: { ...CALIBRATION, computeEfficiency: ec, memoryEfficiency: em, linkEfficiency: ecomm, allReduceLatencySeconds: alpha },
        },
      };
      const lat = servingScenario(serving);
      const P = lat.hardware.matmulPeakFlopsPerSecond;
      const W = hw.memoryBandwidth;
      const ridge = ridgePointFormula.derive({ P, W });
      const throughputD = decodeThroughputFormula.derive({ B: batch, T: lat.tpotSeconds });
      const crossD = decodeCriticalBatchFormula.derive(criticalBatchInput(lat));
      const sweep = servingSweep(serving);
      const [from, to] = rooflineSpan([lat.prefill.arithmeticIntensity, lat.decodeLast.arithmeticIntensity, ridge.value]);
      const roof = rooflinePoints({ peak: P, bandwidth: W, from, to });
      const on = (intensity: number) => attainableFlopsPerSecond({ intensity, peak: P, bandwidth: W });
      const markers = [
        { x: lat.prefill.arithmeticIntensity, y: on(lat.prefill.arithmeticIntensity), label: 'prefill' },
        { x: lat.decodeLast.arithmeticIntensity, y: on(lat.decodeLast.arithmeticIntensity), label: 'decode' },
      ];
      const steps = servingDerivations(spec, lat).filter((d) => d.id.startsWith('latency.') && d.id !== 'latency.decodeThroughput' && d.id !== 'latency.decodeCriticalBatch');
      return { hw, P, W, lat, ridge, throughputD, crossD, sweep, roof, markers, steps };
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
              { label: 'Time per output token', value: formatSeconds(r.lat.tpotSeconds), detail: 'mean over the decode steps (estimate)', testId: 'lat-tpot' },
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
                label: 'Decode matmuls compute-bound from',
                value: `B ≈ ${r.crossD.formatted}`,
                detail: 'attention stays memory-bound at any batch',
                testId: 'lat-crossover',
              },
              {
                label: 'Requests that fit',
                value: formatInteger(r.lat.memory.maxConcurrency),
                detail: r.lat.memory.fits
                  ? `${formatBytes(r.lat.memory.kvCacheBytesPerRequest)} of KV per request; the batch fits`
                  : `the batch of ${formatInteger(batch)} does not fit in ${formatInteger(gpus)} × ${formatBytes(r.lat.hardware.memoryPerGpuBytes)} at ${formatPercent(r.lat.assumptions.utilization)}`,
                testId: 'lat-fit',
              },
            ]}
          />
          {r.lat.warnings.map((w) => (
            <p className="note warning" data-testid="lat-fit-note" key={w.code}>
              {w.message}
            </p>
          ))}
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
            verticals={r.crossD.value <= 512 ? [{ x: r.crossD.value, label: 'B*' }] : []}
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
          {r.steps.map((d, i) => (
            <DerivationView key={`${d.id}-${i}`} derivation={d} stale={computed.stale} />
          ))}
          <DerivationView derivation={r.throughputD} stale={computed.stale} />
          <DerivationView derivation={r.crossD} stale={computed.stale} />
        </>
      )}
    </CalculatorShell>
  );
}
