import { DTYPES, bytesPerElement, type Dtype } from '../../core/dtypes';
import { MEMORY_READINGS, gpuMemoryBytes, memoryReadingUsed, type MemoryReading } from '../../core/gpu/gpu';
import { inferenceTotalFormula, kvCrossoverFormula, requestCounts } from '../../core/memory/inference';
import { weightsMemoryFormula } from '../../core/memory/formulas';
import { kvCacheDerivation } from '../../core/memory/kvDerivation';
import { countParams } from '../../core/params/params';
import { servingMemory, type ServingMemoryInput } from '../../core/scenario/serving';
import { kvBudgetFormula, maxConcurrencyFormula } from '../../core/serving/serving';
import type { Derivation } from '../../core/formula';
import { formatBytes, formatCount, formatInteger, formatPercent } from '../../core/units';
import { StackedBarChart } from '../charts/StackedBarChart';
import { Calculator, type IslandProps } from '../calculator/Calculator';
import { T } from '../i18n/T';
import { useLang, useT } from '../i18n/i18n';
import { joinWords, sep } from '../calculator/words';
import { defineCalculator } from '../calculator/defineCalculator';
import { dtypeOptions } from '../state/fields';
import { CUSTOM_MODEL, gpuField, modelFields, resolveGpu, resolveModelChoice } from '../state/pickers';

const servingDtypes = dtypeOptions(DTYPES.filter((d) => d !== 'tf32'));
const MODEL = modelFields('llama-2-70b');
const GPU = gpuField('a800-sxm-80gb');
const READING_LABELS: Readonly<Record<MemoryReading, string>> = {
  runtime: 'as the CUDA runtime reports it',
  GiB: 'GiB (2³⁰ B, physical HBM)',
  GB: 'GB (10⁹ B, as marketed)',
};
/** Which figure a reading really used (a part without a runtime figure falls back). */
const USED_LABELS: Readonly<Record<ReturnType<typeof memoryReadingUsed>, string>> = {
  runtime: 'as the CUDA runtime reports it',
  'nvidia-smi': 'as nvidia-smi reports it (no runtime figure recorded)',
  GiB: 'GiB physically on the card',
  GB: 'GB as marketed',
};
const nameOf = (options: readonly { value: string; label: string }[], id: string) => options.find((o) => o.value === id)?.label ?? id;
const requestsText = (n: number) => `${formatInteger(n)} request${n === 1 ? '' : 's'}`;
/** Every digit of a whole byte count a double holds exactly, else "≈" and 3 significant figures. */
const digits = (bytes: number) => formatCount(bytes, Number.isInteger(bytes));
const bytesDigits = (d: Derivation) => d.exact ?? formatCount(d.value, false);

const KEYS = [
  { key: 'weights', label: 'Weights' },
  { key: 'kv', label: 'KV cache' },
  { key: 'activations', label: 'Activations' },
] as const;

/**
 * Weights, KV cache and activations for 1…B requests against the memory of G GPUs, and how
 * many requests fit: every figure from the scenario engine's servingMemory, the one place a
 * "how many requests fit" is computed.
 */
export const MEMORY_BREAKDOWN = defineCalculator({
  ns: 'mem',
  anchor: 'memory-breakdown-calculator',
  title: 'Inference memory: weights, KV cache, activations',
  fields: {
    ...MODEL,
    wdtype: { kind: 'select', label: 'Weight dtype', default: 'fp16', options: servingDtypes },
    kvdtype: { kind: 'select', label: 'KV-cache dtype', default: 'fp16', options: servingDtypes },
    B: { kind: 'number', label: 'Concurrent requests B', default: 100, bound: 'batch', hint: (v) => `the chart shows 1 … ${formatInteger(Number(v['B']))}` },
    S: { kind: 'number', label: "Tokens per request S'", default: 4000, bound: 'sequence', hint: 'prompt + generated' },
    gpu: GPU,
    G: { kind: 'number', label: 'GPUs', default: 2, bound: 'gpus' },
    reading: {
      kind: 'select',
      label: 'Read "80GB" as',
      default: 'runtime',
      options: MEMORY_READINGS.map((r) => ({ value: r, label: READING_LABELS[r] })),
    },
    u: { kind: 'number', label: 'Usable fraction u', default: 0.9, bound: 'fraction', hint: 'vLLM default 0.9; the rest is a reserve' },
  },
  groups: [
    { names: ['model', 'config', 'wdtype', 'kvdtype', 'B', 'S', 'gpu', 'G'] },
    { legend: 'Memory reading and reserve', names: ['reading', 'u'], advanced: true },
  ],
  shown: (name, raw) => name !== 'config' || raw.model === CUSTOM_MODEL,
  // servingMemory and the formulas name their inputs; each lands by the field a reader can change.
  fieldFor: {
    gpus: 'G',
    batch: 'B',
    max: 'B',
    contextTokens: 'S',
    activationTokens: 'S',
    newTokens: 'S',
    kvBytesPerRequest: 'S',
    utilization: 'u',
    memoryReading: 'reading',
    weightDtype: 'wdtype',
    dtype: 'wdtype',
    kvDtype: 'kvdtype',
    bytesPerElement: 'kvdtype',
  },
  setup: ({ model, wdtype, kvdtype, B, S, gpu, G }, { t }) =>
    t(
      `${model === CUSTOM_MODEL ? t('a pasted config.json') : nameOf(MODEL.model.options, model)} on ${formatInteger(G)} × ${nameOf(GPU.options, gpu)}, ${t(requestsText(B))} of ${formatInteger(S)} tokens, ${wdtype} weights, ${kvdtype} KV cache`,
    ),
  compute: ({ model, config, wdtype, kvdtype, B, S, gpu, G, reading, u }) => {
    const spec = resolveModelChoice(model, config);
    const hw = resolveGpu(gpu);
    const input: ServingMemoryInput = {
      model: spec,
      gpu: hw,
      gpus: G,
      batch: B,
      contextTokens: S,
      activationTokens: S,
      weightDtype: wdtype as Dtype,
      kvDtype: kvdtype as Dtype,
      memoryReading: reading as MemoryReading,
      utilization: u,
    };
    const { memory: m, warnings } = servingMemory(input);
    // The picture for 1…B requests: the same function at each count, so the bars and the answer agree.
    const rows = requestCounts(B).map((requests) => ({ requests, ...servingMemory({ ...input, batch: requests }).memory }));
    const memoryPerGpu = gpuMemoryBytes(hw, reading as MemoryReading);
    const W = m.weightsBytes;
    const K = m.kvCacheBytesPerRequest;
    const A = m.activationBytes;
    return {
      spec,
      hw,
      m,
      warnings,
      rows,
      memoryPerGpu,
      readingUsed: memoryReadingUsed(hw, reading as MemoryReading),
      totalD: inferenceTotalFormula.derive({ W, B, K, A }),
      weightsD: weightsMemoryFormula.derive({ N: countParams(spec).total, s: bytesPerElement(wdtype as Dtype) }),
      kvD: kvCacheDerivation(spec, S, bytesPerElement(kvdtype as Dtype)),
      budgetD: kvBudgetFormula.derive({ G, M: memoryPerGpu, u, W, A }),
      concurrencyD: m.kvBudgetBytes > 0 && K > 0 ? maxConcurrencyFormula.derive({ K: m.kvBudgetBytes, r: K }) : null,
      crossD: K > 0 ? kvCrossoverFormula.derive({ W, K }) : null,
    };
  },
  view: (r, { B, G, u }, _, { t }) => ({
    results: [
      {
        label: 'Weights',
        value: formatBytes(r.m.weightsBytes),
        detail: `${bytesDigits(r.weightsD)} B = ${formatBytes(r.m.weightsBytes, { binary: true })}`,
        testId: 'mem-weights',
      },
      {
        label: 'KV cache per request',
        value: formatBytes(r.m.kvCacheBytesPerRequest),
        detail: `${digits(r.m.kvCacheBytesPerRequest)} B`,
        testId: 'mem-kv-request',
      },
      { label: `KV cache, ${requestsText(B)}`, value: formatBytes(r.m.kvCacheBytes), detail: `${digits(r.m.kvCacheBytes)} B`, testId: 'mem-kv' },
      { label: 'Activations (one prefill)', value: formatBytes(r.m.activationBytes), detail: `over the ${formatInteger(G)} GPUs`, testId: 'mem-act' },
      { label: 'Total', value: formatBytes(r.m.totalBytes), detail: formatBytes(r.m.totalBytes, { binary: true }), testId: 'mem-total' },
      {
        label: 'GPU memory usable',
        value: formatBytes(r.m.usableBytes),
        detail: t(
          `${formatInteger(G)} × ${formatBytes(r.memoryPerGpu, { binary: r.readingUsed !== 'GB' })} (${USED_LABELS[r.readingUsed]}) × ${formatPercent(u)}`,
        ),
        testId: 'mem-capacity',
      },
      {
        label: 'Requests that fit',
        value: formatInteger(r.m.maxConcurrency),
        detail: r.m.kvBudgetBytes > 0 ? `${formatBytes(r.m.kvBudgetBytes)} left for KV caches` : 'the weights and activations alone do not fit',
        testId: 'mem-fit',
      },
      {
        label: requestsText(B),
        value: r.m.fits ? 'fit' : 'do not fit',
        detail: r.m.fits ? `${formatBytes(r.m.headroomBytes)} to spare` : `${formatBytes(r.m.totalBytes)} needed, ${formatBytes(r.m.usableBytes)} usable`,
        testId: 'mem-verdict',
      },
    ],
    warnings: r.warnings,
    extra: <MemoryChart r={r} G={G} />,
    derivations: [r.totalD, r.weightsD, r.kvD, r.budgetD, r.concurrencyD],
    more: [r.crossD],
  }),
});

type Result = ReturnType<typeof MEMORY_BREAKDOWN.compute>;

/** The notes on the model's cache, and the weights / KV / activations bars against the usable memory. */
function MemoryChart({ r, G }: { r: Result; G: number }) {
  const t = useT();
  const lang = useLang();
  const chartable =
    r.rows.every((row) => [row.weightsBytes, row.kvCacheBytes, row.activationBytes, row.totalBytes].every(Number.isFinite)) && Number.isFinite(r.m.usableBytes);
  return (
    <>
      {r.spec.mla && (
        <p className="note">
          <T>This model uses multi-head latent attention: it caches a compressed latent per layer and token, not full K and V (chapter 10).</T>
        </p>
      )}
      {r.spec.slidingWindow && (
        <p className="note">{t(`This model uses a sliding window of ${formatInteger(r.spec.slidingWindow.size)} tokens: its cache stops growing there.`)}</p>
      )}
      {chartable && (
        <StackedBarChart
          title="Inference memory by number of requests"
          keys={KEYS}
          bars={r.rows.map((row) => ({
            label: `${formatInteger(row.requests)} req.`,
            segments: [
              { key: 'weights', value: row.weightsBytes },
              { key: 'kv', value: row.kvCacheBytes },
              { key: 'activations', value: row.activationBytes },
            ],
            text: formatBytes(row.totalBytes),
          }))}
          limit={{ value: r.m.usableBytes, label: `${formatInteger(G)} × ${r.hw.name}: ${formatBytes(r.m.usableBytes)}` }}
          summary={joinWords(
            r.rows.map((row) =>
              t(
                `${requestsText(row.requests)}: weights ${formatBytes(row.weightsBytes)}, KV cache ${formatBytes(row.kvCacheBytes)}, activations ${formatBytes(row.activationBytes)}, total ${formatBytes(row.totalBytes)}`,
              ),
            ),
            lang,
          ).concat(sep('. ', lang), t(`Usable memory of ${formatInteger(G)} GPUs: ${formatBytes(r.m.usableBytes)}; ${requestsText(r.m.maxConcurrency)} fit.`))}
        />
      )}
    </>
  );
}

export default function MemoryBreakdownCalculator({ lang }: IslandProps) {
  return <Calculator def={MEMORY_BREAKDOWN} lang={lang} />;
}
