import { useMemo } from 'react';
import { GPU_DTYPES, peakFlopsFormula, type GpuDtype, type GpuSpec } from '../../core/gpu/gpu';
import { peakDeviationFormula } from '../../core/gpu/peakDeviation';
import { practicalPeakFormula } from '../../core/gpu/roofline';
import { tensorCoreCountFormula } from '../../core/gpu/tensorCore';
import { tileEfficiencyFormula, tileWaves } from '../../core/gpu/tiles';
import { PRACTICAL_MFU_CEILING } from '../../core/mfu/mfu';
import { formatInteger, formatSI } from '../../core/units';
import { DerivationView } from '../DerivationView';
import { BarChart } from '../charts/BarChart';
import { CalculatorShell } from '../controls/CalculatorShell';
import { Field } from '../controls/Field';
import { Results } from '../controls/Results';
import type { FieldSpecs } from '../state/fields';
import { gpuField, resolveGpu } from '../state/gpuPicker';
import { useCalculatorState, useComputed, type CalculatorState } from '../state/useCalculatorState';

const NS = 'peak';
const example = peakFlopsFormula.example;
const tileExample = tileEfficiencyFormula.example;
const FIELDS = {
  gpu: { ...gpuField('a800-sxm-80gb', 'Start from GPU'), hint: 'Fills the four parts below; edit them for other hardware.' },
  dtype: {
    kind: 'select',
    label: 'Data type',
    default: 'bf16',
    options: GPU_DTYPES.map((d) => ({ value: d, label: d })),
  },
  n: { kind: 'number', label: 'SMs', default: example.n, domain: 'positiveInt', hint: 'streaming multiprocessors (CUs on AMD)' },
  t: { kind: 'number', label: 'Tensor cores per SM', default: example.t, domain: 'positiveInt' },
  f: {
    kind: 'number',
    label: 'FLOPs per clock per tensor core',
    default: example.f,
    domain: 'positive',
    hint: 'dense; 2 per multiply-accumulate. A800: 2·(8·4·8)',
  },
  clock: { kind: 'number', label: 'Clock (Hz)', default: example.clock, domain: 'positive', hint: '1410M = 1410 MHz' },
  u: {
    kind: 'number',
    label: 'Reachable fraction u',
    default: PRACTICAL_MFU_CEILING,
    domain: 'fraction',
    hint: 'about 0.8 on A800 (measure yours)',
  },
  M: { kind: 'number', label: 'Output rows M', default: tileExample.M, domain: 'positiveInt', hint: 'tokens B·S of a weight matmul' },
  N: { kind: 'number', label: 'Output columns N', default: tileExample.N, domain: 'positiveInt' },
  tile: { kind: 'number', label: 'Tile size (square)', default: tileExample.Mt, domain: 'positiveInt', hint: '128×128 is a common GEMM tile' },
} satisfies FieldSpecs;

type Fields = typeof FIELDS;
type PartField = 'n' | 't' | 'f' | 'clock';

/** The published parts of `gpu` for `dtype`, as field text ('' where the vendor publishes none). */
function publishedParts(gpu: GpuSpec, dtype: GpuDtype): Record<PartField, string> {
  const text = (v: number | null) => (v === null ? '' : String(v));
  return {
    n: text(gpu.computeUnits),
    t: text(gpu.matrixUnitsPerComputeUnit),
    f: text(gpu.flopsPerClockPerUnit[dtype]),
    clock: text(gpu.clockHz),
  };
}

function isGpuDtype(value: string): value is GpuDtype {
  return (GPU_DTYPES as readonly string[]).includes(value);
}

/** Peak FLOP/s derived from SMs × tensor cores × FLOPs per clock × clock, beside the datasheet. */
export default function PeakFlopsCalculator() {
  const state = useCalculatorState(NS, FIELDS);
  const { gpu: gpuId, dtype, n, t, f, clock, u, M, N, tile } = state.values;

  // Picking a GPU (or a data type) fills the parts it publishes; typing into a part edits it.
  const pickerState = useMemo<CalculatorState<Fields>>(
    () => ({
      ...state,
      set: (name, text) => {
        const nextGpu = name === 'gpu' ? text : state.raw.gpu;
        const nextDtype = name === 'dtype' ? text : state.raw.dtype;
        const gpu = (() => {
          try {
            return resolveGpu(nextGpu);
          } catch {
            return null;
          }
        })();
        if (!gpu || !isGpuDtype(nextDtype)) return state.set(name, text);
        const parts = publishedParts(gpu, nextDtype);
        state.setMany(name === 'gpu' ? { [name]: text, ...parts } : { [name]: text, f: parts.f });
      },
    }),
    [state],
  );

  const computed = useComputed(
    () => {
      const gpu = resolveGpu(gpuId);
      const d = dtype as GpuDtype;
      const peak = peakFlopsFormula.derive({ f, t, n, clock });
      const sheet = gpu.datasheet[d];
      const deviation = sheet !== null && sheet > 0 ? peakDeviationFormula.derive({ D: peak.value, P: sheet }) : null;
      const count = tensorCoreCountFormula.derive({ t, n });
      const practical = practicalPeakFormula.derive({ u, P: peak.value });
      const waves = tileWaves({ M, N, Mt: tile, Nt: tile, units: n });
      const efficiency = tileEfficiencyFormula.derive({ M, N, Mt: tile, Nt: tile, n });
      const published = publishedParts(gpu, d);
      const edited = (['n', 't', 'f', 'clock'] as const).filter((k) => published[k] !== String({ n, t, f, clock }[k]));
      return { gpu, dtype: d, peak, sheet, deviation, count, practical, waves, efficiency, edited };
    },
    [gpuId, dtype, n, t, f, clock, u, M, N, tile],
    !state.hasErrors,
  );
  const r = computed.result;
  const coreError = (name: string) => (computed.status === 'error' && computed.field === name ? computed.error : null);
  const names = Object.keys(FIELDS) as (keyof Fields)[];
  const inputs = names.map((name) => (
    <Field
      key={name}
      ns={NS}
      name={name}
      spec={FIELDS[name]}
      state={name === 'gpu' || name === 'dtype' ? pickerState : state}
      coreError={coreError(name)}
    />
  ));

  return (
    <CalculatorShell
      anchor="peak-flops-calculator"
      title="Peak FLOP/s from the hardware"
      inputs={inputs}
      error={computed.status === 'error' && !(computed.field && computed.field in FIELDS) ? computed.error || null : null}
      stale={computed.stale}
      linkUrl={state.linkUrl}
    >
      {r && (
        <>
          <Results
            items={[
              {
                label: `Derived peak, ${r.dtype}`,
                value: r.peak.formatted,
                detail: r.edited.length > 0 ? `parts edited (${r.edited.join(', ')}): custom hardware` : `published parts of the ${r.gpu.name}`,
                testId: 'peak-derived',
              },
              {
                label: `Datasheet, dense ${r.dtype}`,
                value: r.sheet !== null ? formatSI(r.sheet, 'FLOP/s', 4) : 'not published',
                detail: r.gpu.datasheetAsPrinted,
                testId: 'peak-sheet',
              },
              {
                label: 'Derived vs datasheet',
                value: r.deviation ? r.deviation.formatted : '—',
                detail: r.deviation ? 'relative difference' : `no dense ${r.dtype} figure to compare with`,
                testId: 'peak-deviation',
              },
              { label: 'Tensor cores on the chip', value: r.count.formatted, detail: 'all must be busy every clock', testId: 'peak-count' },
              { label: 'Practical ceiling', value: r.practical.formatted, detail: 'u × derived peak', testId: 'peak-practical' },
              {
                label: `Tile/wave efficiency, ${formatInteger(M)}×${formatInteger(N)} output`,
                value: r.efficiency.formatted,
                detail: `${formatInteger(r.waves.tiles)} tiles in ${formatInteger(r.waves.waves)} waves of ${formatInteger(n)}`,
                testId: 'peak-tiles',
              },
            ]}
          />
          <p className="hint">
            <strong>Clock:</strong> {r.gpu.clockNote}. <strong>Tensor core:</strong> {r.gpu.mmaNote}.
          </p>
          <BarChart
            title="Derived peak, datasheet and practical ceiling"
            bars={[
              { label: 'Derived peak', value: r.peak.value, text: r.peak.formatted },
              ...(r.sheet !== null ? [{ label: 'Datasheet (dense)', value: r.sheet, text: formatSI(r.sheet, 'FLOP/s') }] : []),
              { label: `Practical (u = ${u})`, value: r.practical.value, text: r.practical.formatted },
            ]}
            summary={`Derived ${r.dtype} peak ${r.peak.formatted}; datasheet ${r.sheet !== null ? formatSI(r.sheet, 'FLOP/s') : 'not published'}; practical ceiling ${r.practical.formatted}.`}
          />
          <DerivationView derivation={r.peak} stale={computed.stale} />
          {r.deviation && <DerivationView derivation={r.deviation} stale={computed.stale} />}
          <DerivationView derivation={r.efficiency} stale={computed.stale} />
        </>
      )}
    </CalculatorShell>
  );
}
