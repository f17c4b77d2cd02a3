import { GPU_DTYPES, gpuSummary, listGpus, type GpuDtype, type GpuSpec } from '../../core/gpu/gpu';
import { relativeDifference } from '../../core/gpu/peakDeviation';
import { attainableFlopsFormula, matmulOnGpu, rooflinePoints, rooflineSpan, type MatmulOnGpu } from '../../core/gpu/roofline';
import { bytesPerElement } from '../../core/dtypes';
import { matmulIntensityFormula } from '../../core/matmul/matmul';
import { InputError, formatBytes, formatInteger, formatPercent, formatSeconds, formatSI, formatSignificant } from '../../core/units';
import { LineChart, type Series } from '../charts/LineChart';
import { Calculator, type IslandProps } from '../calculator/Calculator';
import { T } from '../i18n/T';
import { useT } from '../i18n/i18n';
import { defineCalculator } from '../calculator/defineCalculator';
import { joinWords } from '../calculator/words';
import { dtypeOptions, type SelectFieldSpec } from '../state/fields';
import { gpuField, resolveGpu } from '../state/gpuPicker';

const NONE = 'none';
const third: SelectFieldSpec = gpuField('h20', 'GPU 3');

/** "NVIDIA A800 SXM4 80GB" → "A800 SXM4 80GB": short enough for a chart legend. */
function shortName(name: string): string {
  return name.replace(/^(NVIDIA|AMD|Google|Intel) (GeForce |Instinct )?/, '');
}

/** A table row's name: the short name without its parenthetical (the full name is the cell's title). */
function rowName(name: string): string {
  return shortName(name).replace(/ \(.*\)$/, '');
}

function isGpuDtype(value: string): value is GpuDtype {
  return (GPU_DTYPES as readonly string[]).includes(value);
}

/** The GPUs picked, each once, in slot order. */
function chosenIds(ids: readonly string[]): string[] {
  return [...new Set(ids.filter((id) => id !== NONE))];
}

interface TableRow {
  gpu: GpuSpec;
  derived: number | null;
  sheet: number | null;
  gap: number | null;
  fp8: number | null;
  ridge: number | null;
  chosen: boolean;
}

/** Every GPU of the reference table, the chosen ones highlighted. */
function GpuTable({ rows, dtype }: { rows: readonly TableRow[]; dtype: string }) {
  const t = useT();
  return (
    <>
      <p className="hint" id="cmp-table-notes">
        {t(
          `Peaks are dense (no 2:4 sparsity); 16-bit means bf16, or fp16 on parts without bf16. Ridge point for ${dtype}. Interconnect is the bidirectional aggregate per GPU.`,
        )}
      </p>
      <div style={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={t('GPU comparison table')}>
        <table className="gpu-table" data-testid="cmp-table" aria-describedby="cmp-table-notes" style={{ fontSize: '0.82rem', whiteSpace: 'nowrap' }}>
          <caption style={{ textAlign: 'left' }}>
            <T>Every GPU in the reference table</T>
          </caption>
          <thead>
            <tr>
              <th scope="col">
                <T>GPU</T>
              </th>
              <th scope="col" className="num">
                <T>Derived 16-bit</T>
              </th>
              <th scope="col" className="num">
                <T>Datasheet 16-bit</T>
              </th>
              <th scope="col" className="num">
                <T>Gap</T>
              </th>
              <th scope="col" className="num">
                <T>fp8</T>
              </th>
              <th scope="col" className="num">
                <T>Memory</T>
              </th>
              <th scope="col" className="num">
                <T>Bandwidth</T>
              </th>
              <th scope="col" className="num">
                <T>Interconnect</T>
              </th>
              <th scope="col" className="num">
                {t(`Ridge (${dtype})`)}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr
                key={row.gpu.id}
                className={row.chosen ? 'chosen' : undefined}
                aria-current={row.chosen ? 'true' : undefined}
                style={row.chosen ? { background: 'var(--accent-soft)' } : undefined}
              >
                <th scope="row" title={row.gpu.name} style={{ position: 'sticky', left: 0, background: row.chosen ? 'var(--accent-soft)' : 'var(--bg)' }}>
                  {row.chosen ? <strong>{rowName(row.gpu.name)}</strong> : rowName(row.gpu.name)}
                </th>
                <td className="num">{row.derived !== null ? formatSI(row.derived, 'FLOP/s', 4) : '—'}</td>
                <td className="num">{row.sheet !== null ? formatSI(row.sheet, 'FLOP/s', 4) : '—'}</td>
                <td className="num">{row.gap !== null ? formatPercent(row.gap) : '—'}</td>
                <td className="num">{row.fp8 !== null ? formatSI(row.fp8, 'FLOP/s', 4) : '—'}</td>
                <td className="num">
                  {formatBytes(row.gpu.memoryBytes)}
                  {row.gpu.memoryBinaryBytes !== null && (
                    <small style={{ display: 'block' }}>{t(`physically ${formatBytes(row.gpu.memoryBinaryBytes, { binary: true })}`)}</small>
                  )}
                </td>
                <td className="num">{formatSI(row.gpu.memoryBandwidth, 'B/s', 4)}</td>
                <td className="num">{row.gpu.interconnect.bandwidth !== null ? formatSI(row.gpu.interconnect.bandwidth, 'B/s') : 'none'}</td>
                <td className="num">{row.ridge !== null ? formatSignificant(row.ridge) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Only finite, positive points reach the log-log chart's SVG. */
const plottable = (v: number) => Number.isFinite(v) && v > 0;

/** The GPU table (derived vs datasheet, memory, bandwidth, interconnect, ridge) and a roofline for one matmul. */
export const GPU_COMPARISON = defineCalculator({
  ns: 'cmp',
  anchor: 'gpu-comparison-calculator',
  title: 'GPUs compared, and one matmul on their rooflines',
  fields: {
    gpuA: gpuField('a800-sxm-80gb', 'GPU 1'),
    gpuB: gpuField('h100-sxm', 'GPU 2'),
    gpuC: { ...third, options: [{ value: NONE, label: '(none)' }, ...third.options] },
    M: { kind: 'number', label: 'Rows M', default: 1, bound: 'matmulDim', hint: 'tokens: 1 for a decode step' },
    K: { kind: 'number', label: 'Inner dimension K', default: 8192, bound: 'matmulDim', hint: 'e.g. hidden size H' },
    N: { kind: 'number', label: 'Columns N', default: 8192, bound: 'matmulDim' },
    dtype: { kind: 'select', label: 'Data type', default: 'bf16', options: dtypeOptions(GPU_DTYPES) },
  },
  // The formulas name their inputs by symbol: intensity I comes from M, K, N; P and W from the first GPU.
  fieldFor: { A: 'M', I: 'M', s: 'dtype', P: 'gpuA', W: 'gpuA' },
  setup: ({ gpuA, gpuB, gpuC, M, K, N, dtype }, { t, lang }) => {
    const names = chosenIds([gpuA, gpuB, gpuC]).map((id) => shortName(resolveGpu(id).name));
    return t(`[${formatInteger(M)}, ${formatInteger(K)}] @ [${formatInteger(K)}, ${formatInteger(N)}] in ${dtype} on ${joinWords(names, lang, ', ')}`);
  },
  compute: ({ gpuA, gpuB, gpuC, M, K, N, dtype }) => {
    if (!isGpuDtype(dtype)) throw new InputError('dtype', `${dtype} has no tensor-core peak: pick one from the list`);
    // A GPU picked twice is shown once.
    const ids = chosenIds([gpuA, gpuB, gpuC]);
    const placed = ids.map((id) => matmulOnGpu(resolveGpu(id), dtype, { M, K, N }));
    const available = placed.filter((p): p is { available: true } & MatmulOnGpu => p.available);
    const intensity = matmulIntensityFormula.derive({ A: 1, M, K, N, s: bytesPerElement(dtype) });
    const first = available[0];
    const attainable = first ? attainableFlopsFormula.derive({ I: intensity.value, P: first.peak, W: first.bandwidth }) : null;
    const [from, to] = rooflineSpan([intensity.value, ...available.map((p) => p.ridge)]);
    // Slot numbers tie each roofline's legend entry to its marker, which sit close together.
    const slot = (p: MatmulOnGpu) => String(ids.indexOf(p.gpu.id) + 1);
    const series: Series[] = available.map((p) => ({
      name: `${slot(p)}: ${shortName(p.gpu.name)}`,
      points: rooflinePoints({ peak: p.peak, bandwidth: p.bandwidth, from, to }).filter((q) => plottable(q.x) && plottable(q.y)),
    }));
    const rows: TableRow[] = listGpus().map((g) => {
      const s = gpuSummary(g);
      const derived = s.derivedPeakFlops?.bf16 ?? s.derivedPeakFlops?.fp16 ?? null;
      const sheet = s.peakFlops.bf16 ?? s.peakFlops.fp16;
      const onDtype = matmulOnGpu(g, dtype, { M, K, N });
      return {
        gpu: g,
        derived,
        sheet,
        gap: derived !== null && sheet !== null ? relativeDifference(derived, sheet) : null,
        fp8: s.peakFlops.fp8 ?? null,
        ridge: onDtype.available ? onDtype.ridge : null,
        chosen: ids.includes(g.id),
      };
    });
    const markers = available
      .filter((p) => plottable(p.intensity) && plottable(p.attainable))
      .map((p) => ({ x: p.intensity, y: p.attainable, label: slot(p) }));
    return { dtype, placed, available, intensity, attainable, series, markers, rows };
  },
  view: (r, { M, K, N }) => ({
    results: [
      {
        label: `Arithmetic intensity, ${r.dtype}`,
        value: r.intensity.formatted,
        detail: `[${formatInteger(M)}, ${formatInteger(K)}]@[${formatInteger(K)}, ${formatInteger(N)}]`,
        testId: 'cmp-intensity',
      },
      ...r.placed.map((p, i) =>
        p.available
          ? {
              label: shortName(p.gpu.name),
              value: `${formatSI(p.attainable, 'FLOP/s')} (${formatPercent(p.fractionOfPeak)} of peak)`,
              detail: `${p.bound === 'compute' ? 'compute-bound' : 'memory-bound'}: ridge ${formatSignificant(p.ridge)} FLOP/B, at least ${formatSeconds(p.seconds)}`,
              testId: `cmp-gpu-${i + 1}`,
            }
          : { label: shortName(p.gpu.name), value: 'no figure', detail: p.reason, testId: `cmp-gpu-${i + 1}` },
      ),
    ],
    derivations: [r.intensity, r.attainable],
    extra: (
      <>
        {r.series.length > 0 && <Rooflines r={r} />}
        <GpuTable rows={r.rows} dtype={r.dtype} />
      </>
    ),
  }),
});

type GpuComparisonResult = ReturnType<typeof GPU_COMPARISON.compute>;

/** The rooflines of the chosen GPUs with this matmul on them; the summary said GPU by GPU in the island's language. */
function Rooflines({ r }: { r: GpuComparisonResult }) {
  const t = useT();
  return (
    <LineChart
      title={`Rooflines for ${r.dtype}`}
      series={r.series}
      xLabel="Arithmetic intensity (FLOP/B)"
      yLabel="Attainable FLOP/s"
      formatX={(v) => formatSignificant(v, 2)}
      // Ticks carry the prefix only ("100 T"): the axis title names the unit, and whole labels were clipped.
      formatY={(v) => formatSI(v, '', 2).trim()}
      logX
      logY
      verticals={plottable(r.intensity.value) ? [{ x: r.intensity.value, label: `this matmul: ${r.intensity.formatted}` }] : []}
      markers={r.markers}
      summary={r.available
        .map((p) =>
          p.bound === 'compute'
            ? t(
                `On ${p.gpu.name} the matmul is compute-bound: at most ${formatSI(p.attainable, 'FLOP/s')} of a ${formatSI(p.peak, 'FLOP/s')} peak (ridge point ${formatSignificant(p.ridge)} FLOP/B).`,
              )
            : t(
                `On ${p.gpu.name} the matmul is memory-bound: at most ${formatSI(p.attainable, 'FLOP/s')} of a ${formatSI(p.peak, 'FLOP/s')} peak (ridge point ${formatSignificant(p.ridge)} FLOP/B).`,
              ),
        )
        .join(' ')}
    />
  );
}

export default function GpuComparisonCalculator({ lang }: IslandProps) {
  return <Calculator def={GPU_COMPARISON} lang={lang} />;
}
