/**
 * How each worked case is shown and edited: its assumption fields (defaults taken from
 * the case's own DEFAULTS, so page, island and CLI cannot drift, each with the core's
 * bound), how field values become the case's overrides, and the answer rows with their
 * formatting. Pure (no React): the static CaseView and the CaseCalculator island (which
 * turns each CaseUi into a declared calculator) both use it, and so does the test that
 * compares the page with the CLI.
 */
import type { BoundKind } from '../../core/bounds';
import { DTYPES, bytesPerElement, isDtype, type Dtype } from '../../core/dtypes';
import { LLAMA3_MFU_DEFAULTS } from '../../core/cases/llama3-70b-mfu';
import { LLAMA2_PARAMS_DEFAULTS } from '../../core/cases/llama2-7b-params';
import { LLAMA2_TTFT_DEFAULTS } from '../../core/cases/llama2-70b-ttft';
import { LLAMA2_CONCURRENCY_DEFAULTS } from '../../core/cases/llama2-70b-concurrency';
import type { CaseId } from '../../core/cases/types';
import { MEMORY_READINGS, gpuPeakFlopsPerSecond, perDirectionBandwidth, type MemoryReading } from '../../core/gpu/gpu';
import { parseNumber } from '../../core/parse';
import { InputError, formatInteger, formatPercent, formatQuantity, formatSI, formatSeconds, type Unit } from '../../core/units';
import { CUSTOM_MODEL, modelFields } from './pickers';
import { fieldText, withPowers, type FieldSpecs, type NumberFieldSpec, dtypeOptions } from './fields';
import { gpuField, resolveGpu } from './pickers';

export type AnswerFormat = Unit | 'yesno';

export interface AnswerRow {
  /** Path into the case's answer object, e.g. `mfu` or `breakdown.attention`. */
  path: string;
  label: string;
  format: AnswerFormat;
  /** The headline answer(s) of the question. */
  headline?: boolean;
}

/**
 * A worked case as a calculator: what a declared calculator (../calculator/defineCalculator.ts)
 * needs beyond the case function itself. CaseCalculator builds the definition from it:
 * fields and their groups, the GPU select's linked fields, the core's assumption names
 * mapped to fields, the setup in words, the overrides the fields make, the answer rows.
 */
export interface CaseUi {
  id: CaseId;
  /** URL namespace of the island (pinned: see test/e2e/__snapshots__/url-keys.json). */
  ns: string;
  fields: FieldSpecs;
  /** Inputs in groups, the long tail folded. */
  groups?: readonly { legend?: string; names: readonly string[]; advanced?: boolean }[];
  /** Field values → the case's assumption overrides. */
  toOverrides(values: Record<string, number | string>): Record<string, unknown>;
  /** Fields to set when the GPU select changes (the GPU's datasheet figures). */
  onGpu?(gpuId: string): Record<string, string>;
  /** Assumption and formula input names the core may blame that are not field names → the field. */
  fieldFor?: Readonly<Record<string, string>>;
  /** The setup in a few words, named in every derivation a reader copies. */
  setup(values: Record<string, number | string>): string;
  answers: readonly AnswerRow[];
}

const num = (label: string, value: number, bound: BoundKind, extra: Pick<NumberFieldSpec, 'hint' | 'domain'> = {}): NumberFieldSpec => ({
  kind: 'number',
  label,
  default: value,
  bound,
  ...extra,
});

const pick = (values: Record<string, number | string>, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, values[k]]));

const M = LLAMA3_MFU_DEFAULTS;
const P = LLAMA2_PARAMS_DEFAULTS;
const T = LLAMA2_TTFT_DEFAULTS;
const C = LLAMA2_CONCURRENCY_DEFAULTS;

/** Text for a number field's value (as the island would show it). */
const text = (value: number) => fieldText({ kind: 'number', label: '', default: value, domain: 'positive' }, value);

/** "15.0T": a count with its SI prefix, from the core's formatter. */
const si = (value: number) => formatSI(value, '').trim().replace(' ', '');
const gpuName = (id: number | string) => resolveGpu(String(id)).name;

// Hints say what a field means; where they quote a figure it is computed from the current values
// (the GPU chosen now, the field's own value), so it never goes stale once a field is edited. The
// question's figures and their sources are in the case's assumptions table, and the calculator
// lists what differs from the question (changedFromQuestion).
/** The chosen GPU's datasheet figure for a field it fills, as the field shows it. */
const fromGpu = (v: Readonly<Record<string, number | string>>, field: string, ui: () => CaseUi): string => {
  const figure = ui().onGpu?.(String(v['gpu']))[field];
  if (figure === undefined) throw new Error('no figure');
  return figure;
};
const MFU_FIELDS = {
  gpu: gpuField('h100-sxm', 'GPU (sets the peak)'),
  peak: num('Peak per GPU (FLOP/s)', M.peak, 'flopsPerSecond', {
    hint: (v) => `dense bf16; the ${gpuName(v['gpu'] ?? '')} datasheet: ${fromGpu(v, 'peak', () => CASE_UIS['llama3-70b-mfu'])}`,
  }),
  params: num('Parameters N', M.params, 'params', { hint: 'the N of 6N; the checkpoint’s exact count is answered beside it' }),
  tokens: num('Training tokens D', M.tokens, 'trainingTokens', { hint: (v) => `the whole run’s; ${withPowers(v['tokens'])}` }),
  gpuHours: num('GPU-hours', M.gpuHours, 'gpuHours', { hint: (v) => `the whole run’s, stalls and restarts included; ${withPowers(v['gpuHours'])}` }),
  seq: num('Sequence length S', M.seq, 'sequence', { hint: 'only the attention-inclusive MFU uses it' }),
} satisfies FieldSpecs;

const PARAMS_MODEL = modelFields(P.model);
const PARAMS_FIELDS = {
  model: { ...PARAMS_MODEL.model, hint: 'any preset or a pasted config.json; the closed form is shown for MHA Llamas' },
  config: PARAMS_MODEL.config,
} satisfies FieldSpecs;

const TTFT_FIELDS = {
  gpu: gpuField('a800-sxm-80gb', 'GPU (sets peak and bandwidths)'),
  gpus: num('GPUs (tensor parallel)', T.gpus, 'gpus'),
  requests: num('Requests', T.requests, 'batch'),
  inputTokens: num('Input tokens per request', T.inputTokens, 'sequence'),
  targetLowSeconds: num('Target, low (s)', T.targetLowSeconds, 'seconds', { domain: 'positive' }),
  targetHighSeconds: num('Target, high (s)', T.targetHighSeconds, 'seconds', { domain: 'positive' }),
  peak: num('Peak per GPU (FLOP/s)', T.peak, 'flopsPerSecond', {
    hint: (v) => `dense 16-bit; the ${gpuName(v['gpu'] ?? '')} datasheet: ${fromGpu(v, 'peak', () => CASE_UIS['llama2-70b-ttft'])}`,
  }),
  maskFactor: {
    kind: 'select',
    label: 'Attention FLOPs counted',
    default: String(T.maskFactor),
    options: [
      { value: '0.5', label: 'causal (what kernels do)' },
      { value: '1', label: 'every key (as the article)' },
    ],
  },
  mfu: num('Share of peak the matmuls reach η_c', T.mfu, 'efficiency', { hint: 'the latency model’s calibrated share is the default' }),
  memoryBandwidth: num('HBM bandwidth per GPU (B/s)', T.memoryBandwidth, 'bandwidth', {
    hint: (v) => `the ${gpuName(v['gpu'] ?? '')} datasheet: ${fromGpu(v, 'memoryBandwidth', () => CASE_UIS['llama2-70b-ttft'])}`,
  }),
  linkBandwidth: num('NVLink per direction (B/s)', T.linkBandwidth, 'bandwidth', {
    hint: (v) => `half the bidirectional figure; the ${gpuName(v['gpu'] ?? '')} datasheet: ${fromGpu(v, 'linkBandwidth', () => CASE_UIS['llama2-70b-ttft'])}`,
  }),
  commEfficiency: num('All-reduce efficiency', T.commEfficiency, 'efficiency'),
} satisfies FieldSpecs;

/** Data types a serving case can store weights and KV in (the case takes 4, 2, 1 or 0.5 bytes). */
const SERVING_DTYPES: readonly Dtype[] = DTYPES.filter((d) => d !== 'tf32');
const READING_LABELS: Record<MemoryReading, string> = {
  runtime: 'as the CUDA runtime reports it',
  GiB: 'GiB physically on the card',
  GB: 'GB (1e9 bytes), as marketed',
};

const CONCURRENCY_FIELDS = {
  gpu: gpuField(C.gpu),
  gpus: num('GPUs', C.gpus, 'gpus'),
  memoryReading: {
    kind: 'select',
    label: 'Read "80GB" as',
    default: C.memoryReading,
    options: MEMORY_READINGS.map((r) => ({ value: r, label: READING_LABELS[r] })),
  },
  utilization: num('Usable fraction u', C.utilization, 'fraction', { hint: 'vLLM’s gpu_memory_utilization; 1 = no reserve' }),
  dtype: {
    kind: 'select',
    label: 'Data type (weights and KV)',
    default: 'fp16',
    options: dtypeOptions(SERVING_DTYPES),
  },
  maxTokens: num('Input + output tokens per request', C.maxTokens, 'sequence'),
  activationTokens: num('Tokens in the largest forward pass', C.activationTokens, 'sequence'),
} satisfies FieldSpecs;

function dtypeBytes(value: number | string): number {
  const d = String(value);
  if (!isDtype(d)) throw new InputError('dtype', `Unknown data type "${d}"`);
  return bytesPerElement(d);
}

function maskOf(value: number | string): number {
  const m = parseNumber(String(value));
  if (m === null) throw new InputError('maskFactor', 'Pick how attention FLOPs are counted');
  return m;
}

export const CASE_UIS: Readonly<Record<CaseId, CaseUi>> = {
  'llama3-70b-mfu': {
    id: 'llama3-70b-mfu',
    ns: 'mfu',
    fields: MFU_FIELDS,
    toOverrides: (v) => pick(v, ['gpu', 'peak', 'params', 'tokens', 'gpuHours', 'seq']),
    onGpu: (id) => ({ peak: text(gpuPeakFlopsPerSecond(resolveGpu(id), 'bf16')) }),
    fieldFor: { peakFlopsPerSecond: 'peak', dtype: 'gpu', N: 'params', F: 'params', D: 'tokens', G: 'gpuHours', P: 'peak', S: 'seq' },
    setup: (v) =>
      `Llama 3 70B trained on ${si(Number(v['tokens']))} tokens in ${formatQuantity(Number(v['gpuHours']), 'GPU-h')} of ${gpuName(v['gpu'] ?? '')} at ${formatQuantity(Number(v['peak']), 'FLOP/s')}, N = ${si(Number(v['params']))}`,
    answers: [
      { path: 'mfu', label: 'MFU (6N, N = params)', format: 'ratio', headline: true },
      { path: 'mfuExactParams', label: 'MFU (6N, exact N)', format: 'ratio' },
      { path: 'mfuWithCausalAttention', label: 'MFU (6N + causal attention)', format: 'ratio' },
      { path: 'mfuWithFullAttention', label: 'MFU (6N + full attention, PaLM)', format: 'ratio' },
      { path: 'flopsPerToken', label: 'Training FLOPs per token', format: 'FLOPs' },
      { path: 'totalFlops', label: 'Training FLOPs in total', format: 'FLOPs' },
      { path: 'exactParams', label: 'Exact parameters (checkpoint)', format: 'params' },
    ],
  },
  'llama2-7b-params': {
    id: 'llama2-7b-params',
    ns: 'p7',
    fields: PARAMS_FIELDS,
    toOverrides: (v) => pick(v, ['model', 'config']),
    // The closed form's inputs come from the config.
    fieldFor: { L: 'config', H: 'config', V: 'config', I: 'config', N: 'config' },
    setup: (v) => PARAMS_MODEL.model.options.find((o) => o.value === v['model'])?.label ?? 'a pasted config.json',
    answers: [
      { path: 'params', label: 'Parameters (exact)', format: 'params', headline: true },
      { path: 'trainFlopsPerToken', label: 'Training FLOPs per token (6N)', format: 'FLOPs', headline: true },
      { path: 'inferenceFlopsPerToken', label: 'Inference FLOPs per token (2N)', format: 'FLOPs', headline: true },
      { path: 'paramsApprox', label: '12LH² + VH', format: 'params' },
      { path: 'approxRelativeError', label: 'Error of the approximation', format: 'ratio' },
      { path: 'breakdown.embedding', label: 'Embedding', format: 'params' },
      { path: 'breakdown.lmHead', label: 'LM head', format: 'params' },
      { path: 'breakdown.attention', label: 'Attention (all layers)', format: 'params' },
      { path: 'breakdown.mlp', label: 'FFN (all layers)', format: 'params' },
      { path: 'breakdown.norms', label: 'Norms', format: 'params' },
    ],
  },
  'llama2-70b-ttft': {
    id: 'llama2-70b-ttft',
    ns: 'ttft',
    fields: TTFT_FIELDS,
    groups: [
      { names: ['gpu', 'gpus', 'requests', 'inputTokens', 'targetLowSeconds', 'targetHighSeconds'] },
      {
        legend: 'Peak, attention count, efficiencies and bandwidths',
        names: ['peak', 'maskFactor', 'mfu', 'memoryBandwidth', 'linkBandwidth', 'commEfficiency'],
        advanced: true,
      },
    ],
    toOverrides: (v) => ({
      ...pick(v, [
        'gpu',
        'gpus',
        'peak',
        'requests',
        'inputTokens',
        'mfu',
        'targetLowSeconds',
        'targetHighSeconds',
        'memoryBandwidth',
        'linkBandwidth',
        'commEfficiency',
      ]),
      maskFactor: maskOf(v['maskFactor'] ?? ''),
    }),
    onGpu: (id) => {
      const gpu = resolveGpu(id);
      const fill: Record<string, string> = {
        peak: text(gpuPeakFlopsPerSecond(gpu, gpu.datasheet.bf16 === null ? 'fp16' : 'bf16')),
        memoryBandwidth: text(gpu.memoryBandwidth),
      };
      if (gpu.interconnect.bandwidth !== null) fill['linkBandwidth'] = text(perDirectionBandwidth(gpu));
      return fill;
    },
    fieldFor: {
      batch: 'requests',
      concurrency: 'requests',
      maxConcurrency: 'gpus',
      outputTokens: 'inputTokens',
      contextTokens: 'inputTokens',
      activationTokens: 'inputTokens',
      computeEfficiency: 'mfu',
      linkEfficiency: 'commEfficiency',
      peakFlopsPerSecond: 'peak',
      dtype: 'gpu',
      B: 'requests',
      S: 'inputTokens',
      m: 'maskFactor',
    },
    setup: (v) =>
      `Llama 2 70B on ${formatInteger(Number(v['gpus']))} × ${gpuName(v['gpu'] ?? '')}, ${formatInteger(Number(v['requests']))} requests of ${formatInteger(Number(v['inputTokens']))} input tokens, target ${formatSeconds(Number(v['targetLowSeconds']))} to ${formatSeconds(Number(v['targetHighSeconds']))}`,
    answers: [
      { path: 'reasonable', label: 'Meets the upper target', format: 'yesno', headline: true },
      { path: 'prefillFlops', label: 'Prefill FLOPs', format: 'FLOPs' },
      { path: 'ttftSeconds', label: 'Time to first token (estimate)', format: 's', headline: true },
      { path: 'secondsAtPeak', label: 'Lower bound: the FLOPs at 100% of peak', format: 's', headline: true },
      { path: 'secondsAtCeiling', label: 'The FLOPs at the ~80% practical ceiling', format: 's' },
      { path: 'breakdown.computeSeconds', label: 'of the estimate: matmuls and attention', format: 's' },
      { path: 'breakdown.commSeconds', label: 'of the estimate: tensor-parallel all-reduces', format: 's' },
      { path: 'breakdown.elementwiseSeconds', label: 'of the estimate: norms, activations, residuals', format: 's' },
      { path: 'breakdown.overheadSeconds', label: 'of the estimate: fixed costs', format: 's' },
      { path: 'mfuNeeded', label: 'Share of peak the upper target needs', format: 'ratio' },
      { path: 'maxRequestsWithinTarget', label: 'Requests whose prefill fits the target', format: 'requests' },
      { path: 'params', label: 'Parameters N', format: 'params' },
    ],
  },
  'llama2-70b-concurrency': {
    id: 'llama2-70b-concurrency',
    ns: 'conc',
    fields: CONCURRENCY_FIELDS,
    toOverrides: (v) => ({
      ...pick(v, ['gpu', 'gpus', 'memoryReading', 'utilization', 'maxTokens', 'activationTokens']),
      bytesPerElement: dtypeBytes(v['dtype'] ?? ''),
    }),
    fieldFor: {
      bytesPerElement: 'dtype',
      kvBytesPerRequest: 'dtype',
      contextTokens: 'maxTokens',
      batch: 'gpus',
      maxConcurrency: 'gpus',
      // The formulas name their inputs by symbol.
      Sc: 'maxTokens',
      s: 'dtype',
      G: 'gpus',
      u: 'utilization',
      A: 'activationTokens',
    },
    setup: (v) =>
      `Llama 2 70B in ${String(v['dtype'])} on ${formatInteger(Number(v['gpus']))} × ${gpuName(v['gpu'] ?? '')}, requests of up to ${formatInteger(Number(v['maxTokens']))} tokens, memory read ${READING_LABELS[v['memoryReading'] as MemoryReading] ?? String(v['memoryReading'])}, u = ${formatPercent(Number(v['utilization']))}`,
    answers: [
      { path: 'maxConcurrency', label: 'Maximum concurrent requests', format: 'requests', headline: true },
      { path: 'memoryBytes', label: 'GPU memory', format: 'B' },
      { path: 'weightsBytes', label: 'Weights', format: 'B' },
      { path: 'activationBytes', label: 'Activations (one prefill)', format: 'B' },
      { path: 'kvBudgetBytes', label: 'Left for the KV cache', format: 'B' },
      { path: 'kvBytesPerRequest', label: 'KV cache per request', format: 'B' },
      { path: 'maxConcurrencyMha', label: 'Same memory, multi-head attention', format: 'requests' },
      { path: 'kvBytesPerRequestMha', label: 'KV per request with MHA', format: 'B' },
      { path: 'sensitivity.runtimeWithReserve', label: 'Runtime memory, with the reserve', format: 'requests' },
      { path: 'sensitivity.gibWithReserve', label: 'GiB, with the reserve', format: 'requests' },
      { path: 'sensitivity.gbWithReserve', label: 'GB, with the reserve', format: 'requests' },
      { path: 'sensitivity.runtimeNoReserve', label: 'Runtime memory, no reserve', format: 'requests' },
      { path: 'sensitivity.gibNoReserve', label: 'GiB, no reserve', format: 'requests' },
      { path: 'sensitivity.gbNoReserve', label: 'GB, no reserve', format: 'requests' },
    ],
  },
};

/**
 * The calculator's label for one of a case's assumptions (its field, or the field the core's
 * name maps to), so a table of assumptions uses the calculator's words, not code names.
 * @example assumptionLabel('llama2-70b-concurrency', 'bytesPerElement') //=> 'Data type (weights and KV)'
 * @example assumptionLabel('llama3-70b-mfu', 'gpuHours') //=> 'GPU-hours'
 */
export function assumptionLabel(id: CaseId, key: string): string {
  const ui = CASE_UIS[id];
  const field = Object.hasOwn(ui.fields, key) ? key : ui.fieldFor?.[key];
  return field !== undefined && Object.hasOwn(ui.fields, field) ? ui.fields[field]!.label : key;
}

/** The text a field shows for its value: a number as typed (`6.4M`), a choice by its label. */
function shownValue(spec: FieldSpecs[string], fieldValue: string): string {
  if (spec.kind === 'select') return spec.options.find((o) => o.value === fieldValue)?.label ?? fieldValue;
  return fieldValue;
}

/** One row of a case's assumptions table, in the calculator's words. */
export interface AssumptionRow {
  /** The case's assumption name (the CLI's `assumptions` key). */
  key: string;
  /** The calculator's label for it. */
  label: string;
  /** As the calculator shows it: `6.4M`, `NVIDIA H100 SXM5 80GB`, `fp16 (2 B)`. */
  value: string;
  /** Where it comes from, or why. */
  note: string;
}

/**
 * A case's assumptions as the calculator names and shows them, each with its source; the
 * rows follow the calculator's field order, and fields the calculator hides for these
 * values (the config box unless "Paste a config.json…" is chosen) are left out.
 * @example assumptionRows('llama3-70b-mfu', LLAMA3_MFU_DEFAULTS, notes)[4] //=> { key: 'gpuHours', label: 'GPU-hours', value: '6.4M', note: '6.4M H100-80GB GPU-hours, from the Llama 3 model card; …' }
 */
export function assumptionRows(id: CaseId, assumptions: object, notes: Readonly<Record<string, string | undefined>>): AssumptionRow[] {
  const ui = CASE_UIS[id];
  const texts = assumptionFieldTexts(id, assumptions);
  const keyOf = new Map<string, string>();
  for (const key of Object.keys(assumptions)) {
    const field = Object.hasOwn(ui.fields, key) ? key : ui.fieldFor?.[key];
    if (field !== undefined && Object.hasOwn(ui.fields, field)) keyOf.set(field, key);
  }
  const rows: AssumptionRow[] = [];
  for (const [field, spec] of Object.entries(ui.fields)) {
    const key = keyOf.get(field);
    const text = texts[field];
    if (key === undefined || text === undefined) continue;
    if (field === 'config' && texts['model'] !== CUSTOM_MODEL) continue;
    // 'Read "80GB" as' + 'as the CUDA runtime reports it' reads the "as" once.
    const shown = shownValue(spec, text);
    const value = spec.label.endsWith(' as') && shown.startsWith('as ') ? shown.slice(3) : shown;
    rows.push({ key, label: spec.label, value, note: notes[key] ?? '' });
  }
  return rows;
}

/**
 * The field texts for a case's assumptions (the inverse of `toOverrides`): what the calculator
 * shows when it opens on them.
 * @example assumptionFieldTexts('llama2-70b-concurrency', LLAMA2_CONCURRENCY_DEFAULTS).dtype //=> 'fp16'
 */
export function assumptionFieldTexts(id: CaseId, assumptions: object): Record<string, string> {
  const ui = CASE_UIS[id];
  const a = assumptions as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [field, spec] of Object.entries(ui.fields)) {
    let value: unknown = a[field];
    if (field === 'dtype' && typeof a['bytesPerElement'] === 'number') value = DTYPE_OF_BYTES[a['bytesPerElement']];
    if (value === undefined) continue;
    out[field] = typeof value === 'number' && spec.kind === 'number' ? text(value) : String(value);
  }
  return out;
}

/** The concurrency case's bytes per element → its data type select's value. */
const DTYPE_OF_BYTES: Readonly<Record<number, Dtype>> = Object.fromEntries(SERVING_DTYPES.map((d) => [bytesPerElement(d), d]));

/** One input the reader changed from the question's value. */
export interface ChangedInput {
  label: string;
  /** As the field shows it now. */
  now: string;
  /** As the question had it. */
  question: string;
}

/**
 * The inputs that differ from the question's, in the calculator's words: what the results now
 * answer instead of the question (computed from the current values, so it never goes stale).
 * @example changedFromQuestion(CASE_UIS['llama3-70b-mfu'], { ...defaults, gpuHours: 4e6 }) //=> [{ label: 'GPU-hours', now: '4M', question: '6.4M' }]
 */
export function changedFromQuestion(ui: CaseUi, values: Record<string, number | string>): ChangedInput[] {
  const changed: ChangedInput[] = [];
  for (const [field, spec] of Object.entries(ui.fields)) {
    const value = values[field];
    if (value === undefined) continue;
    const now = typeof value === 'number' ? text(value) : value;
    const question = spec.kind === 'number' ? text(spec.default) : spec.default;
    if (now === question || (spec.kind === 'number' && typeof value === 'number' && value === spec.default)) continue;
    if (field === 'config' && values['model'] !== CUSTOM_MODEL) continue;
    changed.push({
      label: spec.label,
      now: field === 'config' ? 'pasted' : shownValue(spec, now),
      question: field === 'config' ? 'none' : shownValue(spec, question),
    });
  }
  return changed;
}

/**
 * The words around the calculator's live notes, in English as the island shows them; the island
 * renders each through the catalogue (their Chinese: src/core/i18n/casesZh.ts, held to these
 * functions by test/core/i18n/cases.test.ts).
 * @example gpuFillsLead('NVIDIA A800 SXM4 80GB') //=> 'From the NVIDIA A800 SXM4 80GB datasheet:'
 */
export function gpuFillsLead(gpu: string): string {
  return `From the ${gpu} datasheet:`;
}

/** @example fieldHolds('312T') //=> ' (the field holds 312T)' */
export function fieldHolds(now: string): string {
  return ` (the field holds ${now})`;
}

/** @example changedLead() //=> 'Changed from the question:' */
export function changedLead(): string {
  return 'Changed from the question:';
}

/** @example questionValue('6.4M') //=> ' (question: 6.4M)' */
export function questionValue(question: string): string {
  return ` (question: ${question})`;
}

/** A field the GPU select fills: what the chosen GPU's datasheet gives, and whether the field still holds it. */
export interface GpuFill {
  label: string;
  /** The GPU's figure, as the field would show it. */
  fromGpu: string;
  /** What the field holds now (equal to `fromGpu` unless the reader typed another figure). */
  now: string;
}

/**
 * The live hint of the fields the GPU select fills, computed from the current values: the GPU
 * chosen now and its figures, so it can never say "A800: 312T" under an H100.
 * @example gpuFills(CASE_UIS['llama3-70b-mfu'], { gpu: 'a800-sxm-80gb', peak: 312e12 }) //=> { gpu: 'NVIDIA A800 SXM4 80GB', fills: [{ label: 'Peak per GPU (FLOP/s)', fromGpu: '312T', now: '312T' }] }
 */
export function gpuFills(ui: CaseUi, values: Record<string, number | string>): { gpu: string; fills: GpuFill[] } | null {
  const id = values['gpu'];
  if (!ui.onGpu || typeof id !== 'string' || id === '') return null;
  let fill: Record<string, string>;
  try {
    fill = ui.onGpu(id);
  } catch {
    return null;
  }
  const fills: GpuFill[] = [];
  for (const [field, fromGpu] of Object.entries(fill)) {
    const spec = ui.fields[field];
    const value = values[field];
    if (!spec || value === undefined) continue;
    fills.push({ label: spec.label, fromGpu, now: typeof value === 'number' ? text(value) : value });
  }
  return { gpu: gpuName(id), fills };
}

/** The value at `path` in an answer object (undefined when absent). */
export function answerValue(answer: object, path: string): unknown {
  let cur: unknown = answer;
  for (const key of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/**
 * An answer as people read it: 3 significant figures with its unit, and every digit
 * for large integers (parameter counts, bytes).
 * @example formatAnswer(0.3811, 'ratio') //=> { text: '38.1%', exact: null }
 */
export function formatAnswer(value: unknown, format: AnswerFormat): { text: string; exact: string | null } {
  if (format === 'yesno') return { text: value === true ? 'yes' : 'no', exact: null };
  if (typeof value !== 'number' || !Number.isFinite(value)) return { text: '—', exact: null };
  const text = formatQuantity(value, format);
  // Every digit only where a double holds them all (|value| ≤ 2^53 − 1); past that the formatted text says it all.
  const exact =
    Number.isInteger(value) && Math.abs(value) >= 1e4 && Math.abs(value) <= Number.MAX_SAFE_INTEGER && !text.includes(formatInteger(value))
      ? formatInteger(value)
      : null;
  return { text, exact };
}

/** The field texts a case's assumptions correspond to (for links and tests). */
export function defaultFieldTexts(ui: CaseUi): Record<string, string> {
  return Object.fromEntries(Object.entries(ui.fields).map(([k, f]) => [k, f.kind === 'number' ? text(f.default) : String(f.default)]));
}
