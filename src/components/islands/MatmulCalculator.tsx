import { useMemo } from 'react';
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
import { DerivationView } from '../DerivationView';
import { CalculatorShell } from '../controls/CalculatorShell';
import { Field } from '../controls/Field';
import { Results } from '../controls/Results';
import { dtypeOptions, type FieldSpecs } from '../state/fields';
import { useCalculatorState, useComputed } from '../state/useCalculatorState';

const NS = 'mm';
const example = batchedMatmulFlopsFormula.example;
const FIELDS = {
  A: { kind: 'number', label: 'Batch copies A', default: 1, domain: 'positiveInt', hint: '1 for a plain [M,K]@[K,N]' },
  M: { kind: 'number', label: 'Rows M', default: example.M, domain: 'positiveInt', hint: 'e.g. B·S tokens' },
  K: { kind: 'number', label: 'Inner dimension K', default: example.K, domain: 'positiveInt', hint: 'e.g. hidden size H' },
  N: { kind: 'number', label: 'Columns N', default: example.N, domain: 'positiveInt' },
  dtype: {
    kind: 'select',
    label: 'Data type',
    default: 'bf16',
    options: dtypeOptions(),
  },
  P: {
    kind: 'number',
    label: 'GPU peak (FLOP/s)',
    default: ridgePointFormula.example.P,
    domain: 'positive',
    hint: 'A800 dense bf16: 312T',
  },
  W: {
    kind: 'number',
    label: 'Memory bandwidth (B/s)',
    default: ridgePointFormula.example.W,
    domain: 'positive',
    hint: 'A800 80GB: 2.039T',
  },
} satisfies FieldSpecs;

/** Cost of [A,M,K]@[K,N]: FLOPs, bytes, arithmetic intensity, and where it sits on a GPU's roofline. */
export default function MatmulCalculator() {
  const state = useCalculatorState(NS, FIELDS);
  const { A, M, K, N, dtype, P, W } = state.values;
  const computed = useComputed(
    () => {
      const s = bytesPerElement(dtype as Dtype);
      const flops = batchedMatmulFlopsFormula.derive({ A, M, K, N });
      const bytes = batchedMatmulBytesFormula.derive({ A, M, K, N, s });
      const intensity = matmulIntensityFormula.derive({ A, M, K, N, s });
      const ridge = ridgePointFormula.derive({ P, W });
      const time = rooflineTimeFormula.derive({ F: flops.value, Q: bytes.value, P, W });
      return { flops, bytes, intensity, ridge, time, bound: boundBy(intensity.value, ridge.value) };
    },
    [A, M, K, N, dtype, P, W],
    !state.hasErrors,
  );
  const r = computed.result;
  const fields = useMemo(
    () =>
      (Object.keys(FIELDS) as (keyof typeof FIELDS)[]).map((name) => (
        <Field key={name} ns={NS} name={name} spec={FIELDS[name]} state={state} coreError={computed.status === 'error' && computed.field === name ? computed.error : null} />
      )),
    [state, computed],
  );
  return (
    <CalculatorShell
      anchor="matmul-calculator"
      title="Matmul cost calculator"
      inputs={fields}
      error={computed.status === 'error' && computed.field === null ? computed.error : null}
      stale={computed.stale}
      linkUrl={state.linkUrl}
    >
      {r && (
        <>
          <Results
            items={[
              { label: 'FLOPs', value: r.flops.formatted, detail: `${formatInteger(r.flops.value)} FLOPs`, testId: 'mm-flops' },
              { label: 'Memory traffic', value: r.bytes.formatted, detail: `${formatInteger(r.bytes.value)} B`, testId: 'mm-bytes' },
              { label: 'Arithmetic intensity', value: r.intensity.formatted, testId: 'mm-intensity' },
              { label: 'GPU ridge point', value: r.ridge.formatted, testId: 'mm-ridge' },
              {
                label: 'Bound by',
                value: r.bound === 'compute' ? 'compute' : 'memory bandwidth',
                detail: r.bound === 'compute' ? 'intensity ≥ ridge point' : 'intensity < ridge point',
                testId: 'mm-bound',
              },
              { label: 'Roofline time (lower bound)', value: r.time.formatted, testId: 'mm-time' },
            ]}
          />
          <DerivationView derivation={r.flops} stale={computed.stale} />
          <DerivationView derivation={r.bytes} stale={computed.stale} />
          <DerivationView derivation={r.intensity} stale={computed.stale} />
        </>
      )}
    </CalculatorShell>
  );
}
