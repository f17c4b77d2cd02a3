import { bytesPerElement, type Dtype } from '../../core/dtypes';
import { servingScenario, type ServingInput, type ServingResult } from '../../core/scenario/serving';
import { quantizationDerivations } from '../../core/scenario/servingSteps';
import { WEIGHT_QUANTIZATION, datasheetPeakFor } from '../../core/serving/quantization';
import { formatBytes, formatInteger, formatSI, formatSeconds, formatSignificant } from '../../core/units';
import { Calculator, type IslandProps } from '../calculator/Calculator';
import { T } from '../i18n/T';
import { defineCalculator } from '../calculator/defineCalculator';
import { sep } from '../calculator/words';
import type { SelectFieldSpec } from '../state/fields';
import { CUSTOM_MODEL, gpuField, modelFields, resolveGpu, resolveModelChoice } from '../state/pickers';

const MODEL = modelFields('llama-2-70b');
const GPU = gpuField('a800-sxm-80gb');
/** The weight types compared, widest first. */
const TYPES: readonly Dtype[] = ['bf16', 'fp8', 'int8', 'int4'];
const KV: SelectFieldSpec = {
  kind: 'select',
  label: 'KV-cache dtype',
  default: 'follow',
  options: [
    { value: 'follow', label: 'as the weights' },
    { value: 'bf16', label: 'bf16 for all' },
    { value: 'fp8', label: 'fp8 for all' },
  ],
  hint: '“as the weights”: bf16 under int8 and int4',
};
const SCALES: SelectFieldSpec = {
  kind: 'select',
  label: 'Scales',
  default: 'checkpoint',
  options: [
    { value: 'checkpoint', label: 'as stored' },
    { value: 'none', label: 'none (N · s)' },
  ],
  hint: 'as checkpoints store them: int4 in groups of 128, fp16 embeddings and head',
};
const labelOf = (spec: SelectFieldSpec, value: string) => spec.options.find((o) => o.value === value)?.label ?? value;

/** One weight type's answer. */
interface TypeRow {
  dtype: Dtype;
  r: ServingResult;
  /** The datasheet's tensor-core rate for the type, or null when the part has none in the table. */
  sheet: number | null;
}

/**
 * The same deployment with bf16, fp8, int8 and int4 weights: bytes per weight with scales,
 * weight memory, requests that fit, TTFT and TPOT, and the tensor-core rate each runs at
 * (fp8 falls back to 16 bits on parts without fp8 tensor cores; int8 and int4 are weight-only).
 */
export const QUANTIZED_SERVING = defineCalculator({
  ns: 'qs',
  anchor: 'quantized-serving-calculator',
  title: 'Quantized weights and KV cache',
  fields: {
    ...MODEL,
    gpu: GPU,
    G: { kind: 'number', label: 'GPUs G (tensor parallel)', default: 2, bound: 'gpus' },
    B: { kind: 'number', label: 'Requests in the batch B', default: 8, bound: 'batch' },
    S: { kind: 'number', label: 'Prompt tokens S', default: 3000, bound: 'sequence' },
    O: { kind: 'number', label: 'Output tokens O', default: 1000, bound: 'sequence' },
    kv: KV,
    scales: SCALES,
  },
  groups: [{ names: ['model', 'config', 'gpu', 'G', 'B', 'S', 'O'] }, { legend: 'Types', names: ['kv', 'scales'] }],
  shown: (name, raw) => name !== 'config' || raw.model === CUSTOM_MODEL,
  fieldFor: {
    gpus: 'G',
    batch: 'B',
    inputTokens: 'S',
    outputTokens: 'O',
    contextTokens: 'O',
    activationTokens: 'S',
    kvDtype: 'kv',
  },
  setup: (v, { t }) =>
    t(
      `${v.model === CUSTOM_MODEL ? t('the pasted config.json') : labelOf(MODEL.model, v.model)} on ${formatInteger(v.G)} × ${labelOf(GPU, v.gpu)}, ${formatInteger(v.B)} requests of ${formatInteger(v.S)} + ${formatInteger(v.O)} tokens, KV cache ${v.kv === 'follow' ? t('following the weights') : v.kv}, ${v.scales === 'checkpoint' ? t('scales as checkpoints store them') : t('scales left out')}`,
    ),
  compute: (v) => {
    const spec = resolveModelChoice(v.model, v.config);
    const gpu = resolveGpu(v.gpu);
    const base: ServingInput = { model: spec, gpu, gpus: v.G, batch: v.B, inputTokens: v.S, outputTokens: v.O };
    const rows: TypeRow[] = TYPES.map((dtype) => {
      const layout = v.scales === 'checkpoint' ? (WEIGHT_QUANTIZATION[dtype] ?? null) : null;
      const r = servingScenario({
        ...base,
        weightDtype: dtype,
        ...(v.kv === 'follow' ? {} : { kvDtype: v.kv as Dtype }),
        techniques: { weightQuantization: layout },
      });
      return { dtype, r, sheet: datasheetPeakFor(gpu, dtype) };
    });
    return { gpu, rows };
  },
  view: ({ gpu, rows }, _, __, { t, lang }) => {
    const int4 = rows.find((x) => x.dtype === 'int4')!;
    const fp8 = rows.find((x) => x.dtype === 'fp8')!;
    const bf16 = rows.find((x) => x.dtype === 'bf16')!;
    const fp8Falls = fp8.r.hardware.matmulPeakDtype !== 'fp8';
    return {
      results: [
        {
          label: 'Weights: bf16 → int4',
          value: `${formatBytes(bf16.r.memory.weightsBytes)} → ${formatBytes(int4.r.memory.weightsBytes)}`,
          detail: int4.r.memory.quantized
            ? `int4: ${formatSignificant(int4.r.memory.quantized.bytesPerParam, 4)} B per parameter, scales and 16-bit embeddings included`
            : `int4: ${formatSignificant(bytesPerElement('int4'))} B per parameter, scales left out`,
          testId: 'qs-weights',
        },
        {
          label: 'Requests that fit: bf16 → int4',
          value: `${formatInteger(bf16.r.memory.maxConcurrency)} → ${formatInteger(int4.r.memory.maxConcurrency)}`,
          detail: `fp8: ${formatInteger(fp8.r.memory.maxConcurrency)}, int8: ${formatInteger(rows[2]!.r.memory.maxConcurrency)}`,
          testId: 'qs-fit',
        },
        {
          label: 'Time per output token: bf16 → int4',
          value: `${formatSeconds(bf16.r.tpotSeconds)} → ${formatSeconds(int4.r.tpotSeconds)}`,
          detail: 'decode reads every weight each step',
          testId: 'qs-tpot',
        },
        {
          label: 'fp8 matmuls run at',
          value: formatSI(fp8.r.hardware.matmulPeakFlopsPerSecond, 'FLOP/s'),
          detail: fp8Falls
            ? `${gpu.name} has no fp8 tensor cores: fp8 weights are dequantized to 16 bits (weight-only)`
            : `the fp8 tensor-core peak; bf16 runs at ${formatSI(bf16.r.hardware.matmulPeakFlopsPerSecond, 'FLOP/s')}`,
          testId: 'qs-fp8-peak',
        },
      ],
      warnings: [
        ...new Map(
          rows.flatMap((x) => x.r.warnings.map((w) => [`${w.code}`, { ...w, message: `${x.dtype}${sep(': ', lang)}${t(w.message)}` }] as const)),
        ).values(),
      ],
      extra: (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('Each weight type')}>
          <table className="sweep" data-testid="qs-table" style={{ whiteSpace: 'nowrap' }}>
            <caption>
              <T>Each weight type</T>
            </caption>
            <thead>
              <tr>
                <th scope="col">
                  <T>weights</T>
                </th>
                <th scope="col">
                  <T>B/param</T>
                </th>
                <th scope="col">
                  <T>memory</T>
                </th>
                <th scope="col">
                  <T>fit</T>
                </th>
                <th scope="col">
                  <T>TTFT</T>
                </th>
                <th scope="col">
                  <T>TPOT</T>
                </th>
                <th scope="col">
                  <T>matmuls at</T>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((x) => {
                const m = x.r.memory;
                const perParam = m.quantized ? m.quantized.bytesPerParam : null;
                return (
                  <tr key={x.dtype}>
                    <td>
                      {x.dtype}
                      {x.r.kvDtype !== x.dtype ? <small> (KV {x.r.kvDtype})</small> : null}
                    </td>
                    <td>{perParam === null ? '—' : formatSignificant(perParam, 4)}</td>
                    <td>{formatBytes(m.weightsBytes)}</td>
                    <td>{formatInteger(m.maxConcurrency)}</td>
                    <td>{formatSeconds(x.r.ttftSeconds)}</td>
                    <td>{formatSeconds(x.r.tpotSeconds)}</td>
                    <td data-testid={`qs-peak-${x.dtype}`}>
                      {formatSI(x.r.hardware.matmulPeakFlopsPerSecond, 'FLOP/s')} {x.r.hardware.matmulPeakDtype}
                      <small>
                        {x.r.hardware.matmulPeakDtype === x.dtype
                          ? ''
                          : x.sheet === null && x.dtype === 'fp8'
                            ? t(' (no fp8 cores)')
                            : x.dtype === 'bf16'
                              ? ''
                              : x.sheet === null
                                ? t(' (weight-only)')
                                : t(` (weight-only; ${x.dtype} cores: ${formatSI(x.sheet, 'OP/s')})`)}
                      </small>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ),
      derivations: [
        ...quantizationDerivations(int4.r),
        ...quantizationDerivations(fp8.r)
          .filter((d) => d.id === 'serving.quantizedWeights')
          .map((d) => ({ ...d, title: 'Weight memory of the fp8 checkpoint' })),
      ],
      more: [],
    };
  },
});

export default function QuantizedServingCalculator({ lang }: IslandProps) {
  return <Calculator def={QUANTIZED_SERVING} lang={lang} />;
}
