import { GPU_DTYPES, peakFlopsFormula, type GpuDtype, type GpuSpec } from '../../core/gpu/gpu';
import { peakDeviationFormula } from '../../core/gpu/peakDeviation';
import { practicalPeakFormula } from '../../core/gpu/roofline';
import { tensorCoreCountFormula } from '../../core/gpu/tensorCore';
import { tileEfficiencyFormula, tileWaves } from '../../core/gpu/tiles';
import { PRACTICAL_MFU_CEILING } from '../../core/mfu/mfu';
import { InputError, formatInteger, formatPercent, formatSI } from '../../core/units';
import { BarChart } from '../charts/BarChart';
import { Calculator, type IslandProps } from '../calculator/Calculator';
import { T } from '../i18n/T';
import { defineCalculator } from '../calculator/defineCalculator';
import { gpuField, resolveGpu } from '../state/gpuPicker';

const NS = 'peak';
const example = peakFlopsFormula.example;
const tileExample = tileEfficiencyFormula.example;

type PartField = 'n' | 't' | 'f' | 'clock';
const PART_LABELS: Record<PartField, string> = { n: 'SMs', t: 'Tensor cores per SM', f: 'FLOPs per clock per tensor core', clock: 'Clock' };

/** The published parts of `gpu` for `dtype`, as field text ('' where the vendor publishes none). */
function publishedParts(gpu: GpuSpec, dtype: GpuDtype): Record<PartField, string> {
  const text = (v: number | null) => (v === null ? '' : String(v));
  return { n: text(gpu.computeUnits), t: text(gpu.matrixUnitsPerComputeUnit), f: text(gpu.flopsPerClockPerUnit[dtype]), clock: text(gpu.clockHz) };
}

function isGpuDtype(value: string): value is GpuDtype {
  return (GPU_DTYPES as readonly string[]).includes(value);
}

/**
 * The text this calculator's `field` holds now: `linked` is handed the new value of the field
 * that changed and the inputs as they stand (the other select; absent: its default).
 */
function currentText(field: 'gpu' | 'dtype', raw: Readonly<Record<string, string>>): string {
  return raw[field] ?? PEAK_FLOPS.fields[field].default;
}

/** The parts a GPU publishes for a data type, or nothing when either is unknown. */
function partsFor(gpuId: string, dtype: string): Partial<Record<PartField, string>> {
  if (!isGpuDtype(dtype)) return {};
  return publishedParts(resolveGpu(gpuId), dtype);
}

/** Peak FLOP/s derived from SMs × tensor cores × FLOPs per clock × clock, beside the datasheet. */
export const PEAK_FLOPS = defineCalculator({
  ns: NS,
  anchor: 'peak-flops-calculator',
  title: 'Peak FLOP/s from the hardware',
  fields: {
    gpu: { ...gpuField('a800-sxm-80gb', 'Start from GPU'), hint: 'Fills the four parts below; edit them for other hardware.' },
    dtype: { kind: 'select', label: 'Data type', default: 'bf16', options: GPU_DTYPES.map((d) => ({ value: d, label: d })) },
    n: { kind: 'number', label: 'SMs', default: example.n, bound: 'units', hint: 'streaming multiprocessors (CUs on AMD)' },
    t: { kind: 'number', label: 'Tensor cores per SM', default: example.t, bound: 'units' },
    f: {
      kind: 'number',
      label: 'FLOPs per clock per tensor core',
      default: example.f,
      bound: 'flopsPerClock',
      hint: (v) =>
        `dense; 2 per multiply-accumulate. The ${resolveGpu(String(v['gpu'])).name} publishes ${partsFor(String(v['gpu']), String(v['dtype'])).f ?? '—'} for ${String(v['dtype'])}`,
    },
    clock: { kind: 'number', label: 'Clock (Hz)', default: example.clock, bound: 'clockHz', hint: (v) => `= ${formatSI(Number(v['clock']), 'Hz', 4)}` },
    u: { kind: 'number', label: 'Reachable fraction u', default: PRACTICAL_MFU_CEILING, bound: 'efficiency', hint: 'about 0.8 on A800 (measure yours)' },
    M: { kind: 'number', label: 'Output rows M', default: tileExample.M, bound: 'matmulDim', hint: 'tokens B·S of a weight matmul' },
    N: { kind: 'number', label: 'Output columns N', default: tileExample.N, bound: 'matmulDim' },
    tile: { kind: 'number', label: 'Tile size (square)', default: tileExample.Mt, bound: 'matmulDim', hint: '128×128 is a common GEMM tile' },
  },
  groups: [{ names: ['gpu', 'dtype', 'n', 't', 'f', 'clock'] }, { legend: 'Practical ceiling and tile waves', names: ['u', 'M', 'N', 'tile'], advanced: true }],
  // Picking a GPU fills the parts it publishes; picking a data type, its FLOPs per clock.
  linked: {
    gpu: (id: string, raw: Readonly<Record<string, string>>) => partsFor(id, currentText('dtype', raw)),
    dtype: (dtype: string, raw: Readonly<Record<string, string>>) => {
      const f = partsFor(currentText('gpu', raw), dtype).f;
      return f === undefined ? {} : { f };
    },
  },
  // The formulas name their inputs by symbol: the tile's sides are `tile`, the derived peak comes from the parts.
  fieldFor: { Mt: 'tile', Nt: 'tile', units: 'n', D: 'f', P: 'f' },
  setup: ({ gpu, dtype, n, t, f, clock }, { t: tr }) => {
    const hw = resolveGpu(gpu);
    const published = isGpuDtype(dtype) ? publishedParts(hw, dtype) : null;
    const edited = published !== null && (['n', 't', 'f', 'clock'] as const).some((k) => published[k] !== String({ n, t, f, clock }[k]));
    const parts = tr(
      `${formatInteger(n)} SMs × ${formatInteger(t)} tensor cores × ${formatSI(f, 'FLOPs')} per clock × ${formatSI(clock, 'Hz', 4)}, dense ${dtype}`,
    );
    return edited ? tr(`custom hardware: ${parts}`) : tr(`the ${hw.name}: ${parts}`);
  },
  compute: ({ gpu: gpuId, dtype, n, t, f, clock, u, M, N, tile }) => {
    const gpu = resolveGpu(gpuId);
    if (!isGpuDtype(dtype)) throw new InputError('dtype', `${dtype} has no tensor-core peak: pick one from the list`);
    const peak = peakFlopsFormula.derive({ f, t, n, clock });
    const sheet = gpu.datasheet[dtype];
    const deviation = sheet !== null && sheet > 0 ? peakDeviationFormula.derive({ D: peak.value, P: sheet }) : null;
    const count = tensorCoreCountFormula.derive({ t, n });
    const practical = practicalPeakFormula.derive({ u, P: peak.value });
    const waves = tileWaves({ M, N, Mt: tile, Nt: tile, units: n });
    const efficiency = tileEfficiencyFormula.derive({ M, N, Mt: tile, Nt: tile, n });
    const published = publishedParts(gpu, dtype);
    const edited = (['n', 't', 'f', 'clock'] as const).filter((k) => published[k] !== String({ n, t, f, clock }[k]));
    return { gpu, dtype, peak, sheet, deviation, count, practical, waves, efficiency, edited };
  },
  view: (r, { u, M, N, n }, _, { lang }) => {
    const quoted = (note: string) => (lang === 'zh' ? <span lang="en">{note}</span> : note);
    return {
      results: [
        {
          label: `Derived peak, ${r.dtype}`,
          value: r.peak.formatted,
          detail:
            r.edited.length > 0 ? `parts edited (${r.edited.map((k) => PART_LABELS[k]).join(', ')}): custom hardware` : `published parts of the ${r.gpu.name}`,
          testId: 'peak-derived',
        },
        {
          label: `Datasheet, dense ${r.dtype}`,
          value: r.sheet !== null ? formatSI(r.sheet, 'FLOP/s', 4) : 'not published',
          detail: quoted(r.gpu.datasheetAsPrinted),
          testId: 'peak-sheet',
        },
        {
          label: 'Derived vs datasheet',
          value: r.deviation ? r.deviation.formatted : 'nothing to compare',
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
      ],
      derivations: [r.peak, r.deviation, r.efficiency],
      more: [r.count, r.practical],
      extra: (
        <>
          <p className="hint">
            <strong>
              <T>Clock:</T>
            </strong>{' '}
            {/* The datasheet notes are quoted as the sources word them, marked English on a Chinese page. */}
            {quoted(r.gpu.clockNote)}.{' '}
            <strong>
              <T>Tensor core:</T>
            </strong>{' '}
            {quoted(r.gpu.mmaNote)}.
          </p>
          <BarChart
            title="Derived peak, datasheet and practical ceiling"
            bars={[
              { label: 'Derived peak', value: r.peak.value, text: r.peak.formatted },
              ...(r.sheet !== null ? [{ label: 'Datasheet (dense)', value: r.sheet, text: formatSI(r.sheet, 'FLOP/s') }] : []),
              { label: `Practical (u = ${formatPercent(u)})`, value: r.practical.value, text: r.practical.formatted },
            ]}
            summary={`Derived ${r.dtype} peak ${r.peak.formatted}; datasheet ${r.sheet !== null ? formatSI(r.sheet, 'FLOP/s') : 'not published'}; practical ceiling ${r.practical.formatted}.`}
          />
        </>
      ),
    };
  },
});

export default function PeakFlopsCalculator({ lang }: IslandProps) {
  return <Calculator def={PEAK_FLOPS} lang={lang} />;
}
