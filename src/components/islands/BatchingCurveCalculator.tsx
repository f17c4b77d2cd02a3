import { DTYPES, type Dtype } from '../../core/dtypes';
import type { KvAllocation } from '../../core/scenario/defaults';
import { servingScenario, type ServingInput } from '../../core/scenario/serving';
import {
  chunkedDerivations,
  continuousBatchingCurve,
  continuousThroughputDerivation,
  pagedDerivations,
  servingDerivations,
  type CurvePoint,
} from '../../core/scenario/servingSteps';
import { formatInteger, formatSI, formatSeconds } from '../../core/units';
import { Calculator, type IslandProps } from '../calculator/Calculator';
import { T } from '../i18n/T';
import { defineCalculator } from '../calculator/defineCalculator';
import { LineChart } from '../charts/LineChart';
import { dtypeOptions, type SelectFieldSpec } from '../state/fields';
import { CUSTOM_MODEL, gpuField, modelFields, resolveGpu, resolveModelChoice } from '../state/pickers';

const MODEL = modelFields('llama-2-70b');
const GPU = gpuField('a800-sxm-80gb');
const ALLOCATION: SelectFieldSpec = {
  kind: 'select',
  label: 'KV-cache allocation',
  default: 'reserved',
  options: [
    { value: 'reserved', label: 'reserved (S + O each)' },
    { value: 'paged', label: 'paged (16-token blocks)' },
  ],
};
const CHUNK: SelectFieldSpec = {
  kind: 'select',
  label: 'Chunked prefill',
  default: 'off',
  options: [{ value: 'off', label: 'off' }, ...[256, 512, 1024, 2048].map((c) => ({ value: String(c), label: `${formatInteger(c)} tokens` }))],
  hint: 'prompt tokens per step, riding with the decodes (Sarathi-Serve)',
};
const labelOf = (spec: SelectFieldSpec, value: string) => spec.options.find((o) => o.value === value)?.label ?? value;
const users = (n: number) => `${formatInteger(n)} user${n === 1 ? '' : 's'}`;
// Log axes tick at every 1…9 × 10^k (and 2^k here); label the powers of two and ten only.
const tickX = (v: number) => (Number.isInteger(Math.log2(v)) || Number.isInteger(Math.log10(v)) ? formatInteger(v) : '');
const tickY = (v: number) => formatSI(v, '', 2).trim();

/** The curve as two lines: concurrencies that fit, and past the memory limit (joined at the last that fits). */
function curveSeries(points: readonly CurvePoint[]) {
  const fit = points.filter((p) => p.fits);
  const over = points.filter((p) => !p.fits);
  const last = fit[fit.length - 1];
  const pt = (p: CurvePoint) => ({ x: p.concurrency, y: p.outputTokensPerSecond });
  return [
    ...(fit.length > 0 ? [{ name: 'fits in memory', points: fit.map(pt) }] : []),
    ...(over.length > 0 ? [{ name: 'past the limit: requests queue for memory', points: [...(last ? [last] : []), ...over].map(pt) }] : []),
  ];
}

/**
 * Continuous batching's throughput–latency curve from the scenario engine: B users in a closed
 * loop, each point the engine's steady state, the memory limit on concurrency marked; with a
 * paged KV cache and chunked prefill as options.
 */
export const BATCHING_CURVE = defineCalculator({
  ns: 'cb',
  anchor: 'batching-curve-calculator',
  title: 'Continuous batching: throughput against latency',
  fields: {
    ...MODEL,
    gpu: GPU,
    G: { kind: 'number', label: 'GPUs G (tensor parallel)', default: 2, bound: 'gpus' },
    dtype: {
      kind: 'select',
      label: 'Weight dtype',
      default: 'fp16',
      options: dtypeOptions(DTYPES.filter((d) => d !== 'tf32')),
      hint: 'the KV cache follows (bf16 under int8/int4)',
    },
    S: { kind: 'number', label: 'Prompt tokens S', default: 3000, bound: 'sequence' },
    O: { kind: 'number', label: 'Output tokens O', default: 1000, bound: 'sequence' },
    B: { kind: 'number', label: 'Users B (requests in flight)', default: 8, bound: 'batch', hint: 'each sends a new request when the last one ends' },
    alloc: ALLOCATION,
    chunk: CHUNK,
  },
  groups: [{ names: ['model', 'config', 'gpu', 'G', 'dtype', 'S', 'O', 'B'] }, { legend: 'Techniques', names: ['alloc', 'chunk'] }],
  shown: (name, raw) => name !== 'config' || raw.model === CUSTOM_MODEL,
  fieldFor: {
    gpus: 'G',
    batch: 'B',
    concurrency: 'B',
    inputTokens: 'S',
    outputTokens: 'O',
    contextTokens: 'O',
    activationTokens: 'S',
    newTokens: 'S',
    weightDtype: 'dtype',
    kvDtype: 'dtype',
    kvAllocation: 'alloc',
    prefillChunkTokens: 'chunk',
  },
  setup: (v, { t }) =>
    t(
      `${v.model === CUSTOM_MODEL ? t('the pasted config.json') : labelOf(MODEL.model, v.model)} on ${formatInteger(v.G)} × ${labelOf(GPU, v.gpu)}, ${v.B === 1 ? t(`${formatInteger(v.B)} user`) : t(`${formatInteger(v.B)} users`)} of ${formatInteger(v.S)} + ${formatInteger(v.O)} tokens, ${v.dtype} weights, ${v.alloc === 'paged' ? t('paged KV cache') : t('reserved KV cache')}${v.chunk === 'off' ? '' : t(`, prefill chunks of ${v.chunk} tokens`)}`,
    ),
  compute: (v) => {
    const spec = resolveModelChoice(v.model, v.config);
    const input: ServingInput = {
      model: spec,
      gpu: resolveGpu(v.gpu),
      gpus: v.G,
      batch: v.B,
      inputTokens: v.S,
      outputTokens: v.O,
      weightDtype: v.dtype as Dtype,
      techniques: { kvAllocation: v.alloc as KvAllocation, prefillChunkTokens: v.chunk === 'off' ? null : Number(v.chunk) },
    };
    const r = servingScenario(input);
    const curve = continuousBatchingCurve(input);
    return { spec, r, curve };
  },
  view: ({ spec, r, curve }, v, _, { t }) => {
    const open = [continuousThroughputDerivation(r), ...chunkedDerivations(r), ...pagedDerivations(spec, r).filter((d) => d.id === 'serving.pagedConcurrency')];
    const shown = new Set(open.map((d) => d?.id));
    const c = r.continuous;
    const max = r.atMaxConcurrency;
    const ch = r.chunkedPrefill;
    const limit = curve.maxConcurrency;
    return {
      results: [
        {
          label: `Throughput at ${users(v.B)}`,
          value: c ? formatSI(c.outputTokensPerSecond, 'tokens/s') : '—',
          detail: c
            ? `${formatSI(c.requestsPerSecond, 'requests/s')}${c.memoryQueueSeconds > 0 ? `; ${formatInteger(c.effectiveConcurrency)} decode, the rest wait for memory` : ''}`
            : 'no request fits',
          testId: 'cb-throughput',
        },
        {
          label: 'Time per output token',
          value: c ? formatSeconds(c.itlSeconds) : '—',
          detail: 'mean, others’ prefills included (estimate)',
          testId: 'cb-tpot',
        },
        {
          label: 'Time to first token',
          value: c ? formatSeconds(c.ttftSeconds) : '—',
          detail: c && c.memoryQueueSeconds > 0 ? `${formatSeconds(c.memoryQueueSeconds)} of it waiting for memory` : 'prefill and its queue',
          testId: 'cb-ttft',
        },
        {
          label: 'Memory limit on concurrency',
          value: formatInteger(limit),
          detail: r.memory.paging
            ? `${formatInteger(r.memory.paging.blocks)} blocks, ${formatSI(r.memory.paging.meanBlocksInFlight, '', 4).trim()} per request in flight`
            : `${formatSI(r.memory.kvCacheBytesPerRequest, 'B')} reserved per request`,
          testId: 'cb-limit',
        },
        {
          label: 'At the limit',
          value: max ? formatSI(max.outputTokensPerSecond, 'tokens/s') : '—',
          detail: max ? `${formatSeconds(max.itlSeconds)} per output token` : 'no request fits',
          testId: 'cb-at-limit',
        },
        ...(ch
          ? [
              {
                label: 'Worst gap between tokens',
                value: formatSeconds(ch.maxGapSeconds),
                detail: `${formatSeconds(ch.maxGapUnchunkedSeconds)} with the prompt in one step; ${formatInteger(ch.chunks)} chunks, TTFT ${formatSeconds(ch.ttftSeconds)}`,
                testId: 'cb-gap',
              },
            ]
          : []),
      ],
      warnings: r.warnings,
      extra:
        curve.points.length > 0 ? (
          <>
            <LineChart
              title={`Output tokens per second by users, B = 1 to ${formatInteger(curve.points[curve.points.length - 1]!.concurrency)}`}
              series={curveSeries(curve.points)}
              verticals={limit >= 1 ? [{ x: limit, label: `memory limit: ${formatInteger(limit)}` }] : []}
              markers={c ? [{ x: v.B, y: c.outputTokensPerSecond, label: `B = ${formatInteger(v.B)}` }] : []}
              xLabel="Users B (requests in flight)"
              yLabel="tokens/s"
              formatX={tickX}
              formatY={tickY}
              logX
              summary={`Throughput rises from ${formatSI(curve.points[0]!.outputTokensPerSecond, 'tokens/s')} at one user to ${formatSI(Math.max(...curve.points.map((p) => p.outputTokensPerSecond)), 'tokens/s')} at the memory limit of ${formatInteger(limit)}, while the time per output token grows from ${formatSeconds(curve.points[0]!.itlSeconds)}; past the limit requests queue for memory. The table lists each point.`}
            />
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t('Throughput and latency by users')}>
              <table className="sweep" data-testid="cb-curve" style={{ whiteSpace: 'nowrap' }}>
                <caption>
                  <T>Throughput and latency by users</T>
                </caption>
                <thead>
                  <tr>
                    <th scope="col">B</th>
                    <th scope="col">
                      <T>tokens/s</T>
                    </th>
                    <th scope="col">
                      <T>TPOT</T>
                    </th>
                    <th scope="col">
                      <T>TTFT</T>
                    </th>
                    <th scope="col">
                      <T>fits</T>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {curve.points.map((p) => (
                    <tr key={p.concurrency}>
                      <td>{formatInteger(p.concurrency)}</td>
                      <td>{formatSI(p.outputTokensPerSecond, '', 3).trim()}</td>
                      <td>{formatSeconds(p.itlSeconds)}</td>
                      <td>{formatSeconds(p.ttftSeconds)}</td>
                      <td>{p.fits ? t('yes') : t('queues')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null,
      derivations: open,
      more: servingDerivations(spec, r).filter((d) => !shown.has(d.id)),
    };
  },
});

export default function BatchingCurveCalculator({ lang }: IslandProps) {
  return <Calculator def={BATCHING_CURVE} lang={lang} />;
}
