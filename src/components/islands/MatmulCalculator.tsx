import { bytesPerElement, type Dtype } from '../../core/dtypes';
import {
  batchedMatmulBytesFormula,
  batchedMatmulFlopsFormula,
  boundBy,
  matmulIntensityFormula,
  ridgePointFormula,
  rooflineTimeFormula,
} from '../../core/matmul/matmul';
import { formatInteger } from '../../core/units';
import { Calculator, type IslandProps } from '../calculator/Calculator';
import { defineCalculator } from '../calculator/defineCalculator';
import { dtypeOptions } from '../state/fields';

const example = batchedMatmulFlopsFormula.example;

/** Cost of [A,M,K]@[K,N]: FLOPs, bytes, arithmetic intensity, and where it sits on a GPU's roofline. */
export const MATMUL = defineCalculator({
  ns: 'mm',
  anchor: 'matmul-calculator',
  title: 'Matmul cost calculator',
  fields: {
    A: { kind: 'number', label: 'Batch copies A', default: 1, bound: 'matmulDim', hint: '1 for a plain [M,K]@[K,N]' },
    M: { kind: 'number', label: 'Rows M', default: example.M, bound: 'matmulDim', hint: 'e.g. B·S tokens' },
    K: { kind: 'number', label: 'Inner dimension K', default: example.K, bound: 'matmulDim', hint: 'e.g. hidden size H' },
    N: { kind: 'number', label: 'Columns N', default: example.N, bound: 'matmulDim' },
    dtype: { kind: 'select', label: 'Data type', default: 'bf16', options: dtypeOptions() },
    P: { kind: 'number', label: 'GPU peak (FLOP/s)', default: ridgePointFormula.example.P, bound: 'flopsPerSecond', hint: 'A800 dense bf16: 312T' },
    W: { kind: 'number', label: 'Memory bandwidth (B/s)', default: ridgePointFormula.example.W, bound: 'bandwidth', hint: 'A800 80GB: 2.039T' },
  },
  // The formulas name their inputs by symbol; F and Q are the computed FLOPs and bytes, so their limits are M, K, N's.
  fieldFor: { F: 'M', Q: 'M', s: 'dtype' },
  setup: ({ A, M, K, N, dtype }, { t }) =>
    t(`[${formatInteger(A)}, ${formatInteger(M)}, ${formatInteger(K)}] @ [${formatInteger(K)}, ${formatInteger(N)}] in ${dtype}`),
  compute: ({ A, M, K, N, dtype, P, W }) => {
    const s = bytesPerElement(dtype as Dtype);
    const flops = batchedMatmulFlopsFormula.derive({ A, M, K, N });
    const bytes = batchedMatmulBytesFormula.derive({ A, M, K, N, s });
    const intensity = matmulIntensityFormula.derive({ A, M, K, N, s });
    const ridge = ridgePointFormula.derive({ P, W });
    const time = rooflineTimeFormula.derive({ F: flops.value, Q: bytes.value, P, W });
    return { flops, bytes, intensity, ridge, time, bound: boundBy(intensity.value, ridge.value) };
  },
  view: (r) => ({
    results: [
      { label: 'FLOPs', value: r.flops.formatted, detail: r.flops.exact ? `${r.flops.exact} FLOPs` : undefined, testId: 'mm-flops' },
      { label: 'Memory traffic', value: r.bytes.formatted, detail: r.bytes.exact ? `${r.bytes.exact} B` : undefined, testId: 'mm-bytes' },
      { label: 'Arithmetic intensity', value: r.intensity.formatted, testId: 'mm-intensity' },
      { label: 'GPU ridge point', value: r.ridge.formatted, testId: 'mm-ridge' },
      {
        label: 'Bound by',
        value: r.bound === 'compute' ? 'compute' : 'memory bandwidth',
        detail: r.bound === 'compute' ? 'intensity ≥ ridge point' : 'intensity < ridge point',
        testId: 'mm-bound',
      },
      { label: 'Roofline time (lower bound)', value: r.time.formatted, testId: 'mm-time' },
    ],
    derivations: [r.flops, r.bytes, r.intensity],
  }),
});

export default function MatmulCalculator({ lang }: IslandProps) {
  return <Calculator def={MATMUL} lang={lang} />;
}
