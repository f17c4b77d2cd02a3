import { DTYPES, type Dtype } from '../../core/dtypes';
import type { Derivation } from '../../core/formula';
import { attainableFlopsPerSecond, rooflinePoints, rooflineSpan } from '../../core/gpu/roofline';
import { ALL_REDUCE_LATENCY_SECONDS, CALIBRATION, allReduceLatencySeconds, interconnectFamily } from '../../core/latency/calibration';
import type { Regime } from '../../core/latency/step';
import { ridgePointFormula } from '../../core/matmul/matmul';
import { DEFAULT_WEIGHT_DTYPE, SERVING_DEFAULTS, type AttentionMode } from '../../core/scenario/defaults';
import { servingScenario, type ServingInput } from '../../core/scenario/serving';
import { SWEEP_BATCHES, servingDerivations, servingSweep, type SweepPoint } from '../../core/scenario/servingSteps';
import { latencyIsHypothetical } from '../../core/scenario/warnings';
import { formatBytes, formatInteger, formatPercent, formatSI, formatSeconds, formatSignificant } from '../../core/units';
import { Calculator, type IslandProps } from '../calculator/Calculator';
import { T } from '../i18n/T';
import { defineCalculator } from '../calculator/defineCalculator';
import { LineChart } from '../charts/LineChart';
import { dtypeOptions, type SelectFieldSpec } from '../state/fields';
import { CUSTOM_MODEL, gpuField, modelFields, resolveGpu, resolveModelChoice } from '../state/pickers';

const MODEL = modelFields('llama-2-70b');
const GPU = gpuField('a800-sxm-80gb');
const ATTENTION: SelectFieldSpec = {
  kind: 'select',
  label: 'Score FLOPs counted',
  default: SERVING_DEFAULTS.attention,
  options: [
    { value: 'causal', label: 'causal (what kernels do)' },
    { value: 'full', label: 'every key (the article)' },
  ],
};

const labelOf = (spec: SelectFieldSpec, value: string) => spec.options.find((o) => o.value === value)?.label ?? value;
const regimeText = (r: Regime, t: (english: string) => string) => (r === 'compute-bound' ? t('compute-bound') : t('memory-bound'));
// Log axes get a tick at every 1…9 × 10^k; label the decades only, so the text never overlaps.
const decade = (v: number, label: string) => (Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9 ? label : '');
/** A short tick: 0.1, 10, 1 k, 1 M (never a seven-digit "1000000" that the axis clips). */
const tick = (v: number) => decade(v, formatSI(v, '', 1).trim());
/** The derivations shown open: the two step totals, then what batching does. */
const OPEN = new Set(['latency.prefill', 'latency.decode', 'latency.decodeThroughput', 'latency.decodeCriticalBatch']);
const pick = (all: readonly Derivation[], id: string) => all.find((d) => d.id === id) ?? null;

/** The batch sweep as two lines: batches whose KV caches fit, and the hypothetical rest (joined at the last that fits). */
function sweepSeries(sweep: readonly SweepPoint[]) {
  const point = (p: SweepPoint) => ({ x: p.batch, y: p.decodeTokensPerSecond });
  const fits = sweep.filter((p) => p.fits);
  const over = sweep.filter((p) => !p.fits);
  const last = fits[fits.length - 1];
  return [
    ...(fits.length > 0 ? [{ name: 'fits in memory', points: fits.map(point) }] : []),
    ...(over.length > 0 ? [{ name: 'does not fit (hypothetical)', points: [...(last ? [last] : []), ...over].map(point) }] : []),
  ];
}

/** TTFT, TPOT and throughput by roofline for a model on G tensor-parallel GPUs, with the batch sweep: the scenario engine's answer. */
export const INFERENCE_LATENCY = defineCalculator({
  ns: 'lat',
  anchor: 'inference-latency-calculator',
  title: 'Inference latency calculator',
  fields: {
    ...MODEL,
    gpu: GPU,
    gpus: { kind: 'number', label: 'GPUs G (tensor parallel)', default: 8, bound: 'gpus' },
    batch: { kind: 'number', label: 'Requests in the batch B', default: 16, bound: 'batch' },
    input: { kind: 'number', label: 'Prompt tokens S', default: 4000, bound: 'sequence' },
    output: { kind: 'number', label: 'Output tokens O', default: 256, bound: 'sequence' },
    dtype: {
      kind: 'select',
      label: 'Weight dtype',
      default: DEFAULT_WEIGHT_DTYPE,
      options: dtypeOptions(DTYPES.filter((d) => d !== 'tf32')),
      hint: 'sets the peak the matmuls run at; the KV cache follows (bf16 under int8/int4)',
    },
    attention: ATTENTION,
    ec: {
      kind: 'number',
      label: 'Compute efficiency η_c',
      default: CALIBRATION.computeEfficiency,
      bound: 'efficiency',
      hint: `share of the 16-bit peak matmuls reach (fp8 weights: η_c8 = ${CALIBRATION.fp8ComputeEfficiency})`,
    },
    em: {
      kind: 'number',
      label: 'Memory efficiency η_m',
      default: CALIBRATION.memoryEfficiency,
      bound: 'efficiency',
      hint: 'share of HBM bandwidth weight reads reach (fitted)',
    },
    ekv: {
      kind: 'number',
      label: 'KV-read efficiency η_kv',
      default: CALIBRATION.kvEfficiency,
      bound: 'efficiency',
      hint: 'share of HBM bandwidth decode attention reaches reading the cache (fitted)',
    },
    ecomm: {
      kind: 'number',
      label: 'Link efficiency',
      default: CALIBRATION.linkEfficiency,
      bound: 'efficiency',
      hint: 'share of the link an all-reduce reaches',
    },
    alpha: {
      kind: 'number',
      label: 'All-reduce latency α (s)',
      default: allReduceLatencySeconds(resolveGpu(GPU.default), CALIBRATION),
      bound: 'seconds',
      hint: (v) =>
        `fixed cost per all-reduce; the ${resolveGpu(String(v['gpu'])).name} sets ${formatSeconds(ALL_REDUCE_LATENCY_SECONDS[interconnectFamily(resolveGpu(String(v['gpu'])))])} (NVLink ${formatSeconds(ALL_REDUCE_LATENCY_SECONDS.nvlink)}, PCIe ${formatSeconds(ALL_REDUCE_LATENCY_SECONDS.pcie)})`,
    },
    tstep: {
      kind: 'number',
      label: 'Overhead per step t_step (s)',
      default: CALIBRATION.stepOverheadSeconds,
      bound: 'seconds',
      hint: `scheduling, sampling, launches (fitted: ${formatSeconds(CALIBRATION.stepOverheadSeconds)})`,
    },
    tlayer: {
      kind: 'number',
      label: 'Overhead per layer t_layer (s)',
      default: CALIBRATION.layerOverheadSeconds,
      bound: 'seconds',
      hint: `norms, rotary, launches no roofline term covers (fitted: ${formatSeconds(CALIBRATION.layerOverheadSeconds)})`,
    },
  },
  groups: [
    // The question in six inputs, then the results; on a phone the first result is in the first screen.
    { names: ['model', 'config', 'gpu', 'gpus', 'batch', 'input', 'output'] },
    {
      legend: 'Weight dtype, attention and calibration',
      names: ['dtype', 'attention', 'ec', 'em', 'ekv', 'ecomm', 'alpha', 'tstep', 'tlayer'],
      advanced: true,
    },
  ],
  shown: (name, raw) => name !== 'config' || raw.model === CUSTOM_MODEL,
  // The GPU fills the all-reduce latency of its link; it stays editable.
  linked: { gpu: (id) => ({ alpha: String(allReduceLatencySeconds(resolveGpu(id), CALIBRATION)) }) },
  // The scenario names its inputs, its calibration and the formulas' symbols; each maps to the field that sets it.
  fieldFor: {
    inputTokens: 'input',
    outputTokens: 'output',
    contextTokens: 'output',
    activationTokens: 'input',
    weightDtype: 'dtype',
    kvDtype: 'dtype',
    computeEfficiency: 'ec',
    memoryEfficiency: 'em',
    kvEfficiency: 'ekv',
    linkEfficiency: 'ecomm',
    allReduceLatencySeconds: 'alpha',
    stepOverheadSeconds: 'tstep',
    layerOverheadSeconds: 'tlayer',
    B: 'batch',
    G: 'gpus',
    a: 'alpha',
    ts: 'tstep',
    tl: 'tlayer',
    Sc: 'output',
  },
  setup: (v, { t }) =>
    t(
      `${v.model === CUSTOM_MODEL ? t('the pasted config.json') : labelOf(MODEL.model, v.model)} on ${formatInteger(v.gpus)} × ${labelOf(GPU, v.gpu)}, ${formatInteger(v.batch)} request${v.batch === 1 ? '' : 's'} of ${formatInteger(v.input)} + ${formatInteger(v.output)} tokens, ${v.dtype} weights, ${v.attention === 'full' ? t('full attention') : t('causal attention')}`,
    ),
  compute: (v) => {
    const spec = resolveModelChoice(v.model, v.config);
    const hw = resolveGpu(v.gpu);
    const serving: ServingInput = {
      model: spec,
      gpu: hw,
      gpus: v.gpus,
      batch: v.batch,
      inputTokens: v.input,
      outputTokens: v.output,
      weightDtype: v.dtype as Dtype,
      assumptions: {
        attention: v.attention as AttentionMode,
        calibration: {
          ...CALIBRATION,
          computeEfficiency: v.ec,
          memoryEfficiency: v.em,
          kvEfficiency: v.ekv,
          linkEfficiency: v.ecomm,
          allReduceLatencySeconds: v.alpha,
          stepOverheadSeconds: v.tstep,
          layerOverheadSeconds: v.tlayer,
        },
      },
    };
    const lat = servingScenario(serving);
    const P = lat.hardware.matmulPeakFlopsPerSecond;
    const W = lat.hardware.memoryBandwidth;
    const ridge = ridgePointFormula.derive({ P, W });
    const [from, to] = rooflineSpan([lat.prefill.arithmeticIntensity, lat.decodeLast.arithmeticIntensity, ridge.value]);
    const on = (intensity: number) => ({ x: intensity, y: attainableFlopsPerSecond({ intensity, peak: P, bandwidth: W }) });
    return {
      hw,
      lat,
      ridge,
      steps: servingDerivations(spec, lat),
      sweep: servingSweep(serving),
      roof: rooflinePoints({ peak: P, bandwidth: W, from, to }),
      markers: [
        { ...on(lat.prefill.arithmeticIntensity), label: 'prefill' },
        { ...on(lat.decodeLast.arithmeticIntensity), label: 'decode' },
      ],
    };
  },
  view: (r, v, _, { t }) => {
    const { lat } = r;
    const hypothetical = latencyIsHypothetical(lat.warnings);
    const crossD = pick(r.steps, 'latency.decodeCriticalBatch');
    const throughputD = pick(r.steps, 'latency.decodeThroughput');
    const fitLimit = lat.memory.maxConcurrency;
    const lastBatch = SWEEP_BATCHES[SWEEP_BATCHES.length - 1]!;
    return {
      results: [
        {
          label: 'Time to first token',
          value: formatSeconds(lat.ttftSeconds),
          detail: hypothetical ? 'hypothetical: the batch does not fit (see below)' : `prefill ${formatSI(lat.prefillFlops, 'FLOPs')}`,
          testId: 'lat-ttft',
        },
        {
          label: 'Time per output token',
          value: formatSeconds(lat.tpotSeconds),
          detail: 'mean over the decode steps; its derivation shows the last, longest one',
          testId: 'lat-tpot',
        },
        {
          label: 'Decode throughput',
          value: throughputD?.formatted ?? formatSI(lat.decodeTokensPerSecond, 'tokens/s'),
          detail: `${formatInteger(v.batch)} sequences per step`,
          testId: 'lat-throughput',
        },
        { label: 'Whole request', value: formatSeconds(lat.totalSeconds), detail: 'TTFT + (O − 1) · TPOT', testId: 'lat-total' },
        {
          label: 'Prefill is',
          value: regimeText(lat.prefill.regime, t),
          detail: `${formatSignificant(lat.prefill.arithmeticIntensity)} FLOP/B vs ridge ${r.ridge.formatted}`,
          testId: 'lat-prefill-bound',
        },
        {
          label: 'Decode is',
          value: regimeText(lat.decodeLast.regime, t),
          detail: `${formatSignificant(lat.decodeLast.arithmeticIntensity)} FLOP/B at the last step`,
          testId: 'lat-decode-bound',
        },
        {
          label: 'Decode matmuls compute-bound from',
          value: `B ≈ ${crossD?.formatted ?? '—'}`,
          detail: 'attention stays memory-bound at any batch',
          testId: 'lat-crossover',
        },
        {
          label: 'Requests that fit',
          value: formatInteger(fitLimit),
          detail: lat.memory.fits
            ? `${formatBytes(lat.memory.kvCacheBytesPerRequest)} of KV per request; the batch fits`
            : `the batch of ${formatInteger(v.batch)} does not fit in ${formatInteger(v.gpus)} × ${formatBytes(lat.hardware.memoryPerGpuBytes)} at ${formatPercent(lat.assumptions.utilization)}`,
          testId: 'lat-fit',
        },
      ],
      warnings: lat.warnings,
      extra: (
        <>
          <LineChart
            title="Roofline: attainable FLOP/s per GPU"
            series={[{ name: `${r.hw.name} roofline`, points: r.roof }]}
            markers={r.markers}
            verticals={[{ x: r.ridge.value, label: `ridge ${r.ridge.formatted}` }]}
            xLabel="Arithmetic intensity (FLOP/B)"
            yLabel="FLOP/s per GPU"
            formatX={tick}
            formatY={tick}
            logX
            logY
            summary={`Prefill does ${formatSignificant(lat.prefill.arithmeticIntensity)} FLOPs per byte and is ${regimeText(lat.prefill.regime, t)}; the last decode step does ${formatSignificant(lat.decodeLast.arithmeticIntensity)} FLOPs per byte and is ${regimeText(lat.decodeLast.regime, t)}; the ridge point is ${r.ridge.formatted}.`}
          />
          <LineChart
            title={`Decode throughput by batch size, B = 1 to ${formatInteger(lastBatch)}`}
            series={sweepSeries(r.sweep)}
            verticals={[
              ...(crossD && crossD.value <= lastBatch ? [{ x: crossD.value, label: 'B*' }] : []),
              ...(fitLimit >= 1 && fitLimit < lastBatch ? [{ x: fitLimit, label: `fits: ${formatInteger(fitLimit)}` }] : []),
            ]}
            xLabel="Requests in the batch B"
            yLabel="tokens/s"
            formatX={tick}
            formatY={tick}
            logX
            logY
            summary={`Decode tokens per second for batch sizes ${r.sweep.map((p) => formatInteger(p.batch)).join(', ')}; batches above ${formatInteger(fitLimit)} do not fit in memory and are hypothetical. The table below lists each point.`}
          />
          <p className="hint">
            {t(`The sweep doubles B from 1 to ${formatInteger(lastBatch)} with the other inputs as above.`)}{' '}
            {fitLimit < lastBatch
              ? t(`Past ${formatInteger(fitLimit)} requests the KV caches no longer fit beside the weights, so those points are hypothetical.`)
              : t('Every batch in it fits in memory.')}
          </p>
          <h4 className="chart-title" id="lat-sweep-title">
            <T>Batch sweep</T>
          </h4>
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="lat-sweep-title">
            {/* Short cells that never wrap: on a phone the table fits or scrolls inside this box, never the page; its title stays outside. */}
            <table className="sweep" data-testid="lat-sweep" aria-labelledby="lat-sweep-title" style={{ whiteSpace: 'nowrap' }}>
              <thead>
                <tr>
                  <th scope="col">B</th>
                  <th scope="col">
                    <T>TTFT</T>
                  </th>
                  <th scope="col">
                    <T>TPOT</T>
                  </th>
                  <th scope="col">
                    <T>tokens/s</T>
                  </th>
                  <th scope="col">
                    <T>decode bound by</T>
                  </th>
                  <th scope="col">
                    <T>fits</T>
                  </th>
                </tr>
              </thead>
              <tbody>
                {r.sweep.map((p) => (
                  <tr key={p.batch}>
                    <td>{formatInteger(p.batch)}</td>
                    <td>{formatSeconds(p.ttftSeconds)}</td>
                    <td>{formatSeconds(p.tpotSeconds)}</td>
                    <td>{formatSI(p.decodeTokensPerSecond, '', 3).trim()}</td>
                    <td>{p.decodeRegime === 'compute-bound' ? t('compute') : t('memory')}</td>
                    <td>{p.fits ? t('yes') : t('no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      ),
      derivations: r.steps.filter((d) => OPEN.has(d.id)),
      more: r.steps.filter((d) => !OPEN.has(d.id)),
    };
  },
});

export default function InferenceLatencyCalculator({ lang }: IslandProps) {
  return <Calculator def={INFERENCE_LATENCY} lang={lang} />;
}
