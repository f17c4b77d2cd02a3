/**
 * What the variants chapter compares, for a spec on a serving setup: parameters, FLOPs per
 * token, KV cache, and how many requests fit. The memory side is the scenario engine's
 * `servingMemory` (src/core/scenario/serving.ts), the one place "how many requests fit" is
 * computed, so the comparator, the CLI, the playground and the concurrency case agree.
 *
 * A request holds S' tokens (prompt + answer) in its cache, and the largest forward pass
 * whose activations must fit beside the weights is one request's S' tokens.
 */
import { checkBound } from '../bounds';
import { DTYPES, bytesPerElement, isDtype, type Dtype } from '../dtypes';
import { decodeStepFlops, windowedLayers } from '../flops/flops';
import type { Derivation } from '../formula';
import { isMemoryReading, type MemoryReading } from '../gpu/gpu';
import type { GpuSpec } from '../gpu/spec';
import { kvCacheFormula, kvCachePerTokenFormula, mlaKvCacheFormula } from '../memory/formulas';
import { kvElementsPerTokenPerLayer } from '../memory/memory';
import type { ModelSpec } from '../model/spec';
import { moeActiveParamsFormula } from '../params/formulas';
import { activeParams, countParams, layerCounts } from '../params/params';
import { DEFAULT_WEIGHT_DTYPE, SERVING_DEFAULTS, defaultKvDtype } from '../scenario/defaults';
import { servingMemory, type ServingMemory } from '../scenario/serving';
import type { Warning } from '../scenario/warnings';
import { kvBudgetFormula, maxConcurrencyFormula } from '../serving/serving';
import { InputError } from '../units';
import { mixedWindowKvCacheFormula } from './formulas';
import { applyVariant, describeAttention, type VariantOptions } from './transform';

/** Where the base and its variant are served: a GPU, how many of them, and how long a request is. */
export interface VariantServingSetup {
  gpu: GpuSpec;
  /** G: GPUs of one replica (tensor parallel). */
  gpus: number;
  /** S': tokens each request holds in its cache at most (prompt + answer). */
  contextTokens: number;
  /** The weights' data type; default the scenario's (bf16). */
  weightDtype?: Dtype;
  /** The KV cache's data type; default the scenario's for these weights (see defaultKvDtype). */
  kvDtype?: Dtype;
  /** How a GPU's memory is read; default the scenario's ('runtime'). */
  memoryReading?: MemoryReading;
  /** u: the share of memory the server lets itself use; default the scenario's (0.9). */
  utilization?: number;
}

/** The setup with the scenario's defaults filled in and each choice checked. */
interface ResolvedSetup {
  gpu: GpuSpec;
  gpus: number;
  contextTokens: number;
  weightDtype: Dtype;
  kvDtype: Dtype;
  memoryReading: MemoryReading;
  utilization: number;
}

function resolveSetup(setup: VariantServingSetup): ResolvedSetup {
  const weightDtype = setup.weightDtype ?? DEFAULT_WEIGHT_DTYPE;
  if (!isDtype(weightDtype)) throw new InputError('weightDtype', `weightDtype must be one of ${DTYPES.join(', ')}, got "${String(weightDtype)}"`);
  const kvDtype = setup.kvDtype ?? defaultKvDtype(weightDtype);
  if (!isDtype(kvDtype)) throw new InputError('kvDtype', `kvDtype must be one of ${DTYPES.join(', ')}, got "${String(kvDtype)}"`);
  const memoryReading = setup.memoryReading ?? SERVING_DEFAULTS.memoryReading;
  if (!isMemoryReading(memoryReading)) throw new InputError('memoryReading', `memoryReading must be runtime, GiB or GB, got "${String(memoryReading)}"`);
  return {
    gpu: setup.gpu,
    gpus: checkBound(setup.gpus, 'gpus', 'gpus', 'GPUs G'),
    contextTokens: checkBound(setup.contextTokens, 'sequence', 'contextTokens', "Tokens per request S'"),
    weightDtype,
    kvDtype,
    memoryReading,
    utilization: checkBound(setup.utilization ?? SERVING_DEFAULTS.utilization, 'fraction', 'utilization', 'Usable fraction u'),
  };
}

export interface VariantMetrics {
  spec: ModelSpec;
  attention: string;
  totalParams: number;
  activeParams: number;
  /** Forward FLOPs of one decode step (B = 1) with S' tokens of context: the per-token cost. */
  flopsPerToken: number;
  /** KV bytes one token adds over all layers, before any window. */
  kvBytesPerToken: number;
  /** KV bytes of one request at S' tokens, the window applied. */
  kvBytesPerRequest: number;
  weightsBytes: number;
  /** G·M·u, what the server plans to use. */
  usableBytes: number;
  /** Activations of one request's forward pass (S' tokens), summed over the G GPUs. */
  activationBytes: number;
  /** G·M·u − weights − activations. */
  kvBudgetBytes: number;
  /** The KV cache of `maxConcurrency` requests at S' tokens. */
  kvBytesAtMaxConcurrency: number;
  /** ⌊budget / KV per request⌋, 0 when the weights do not fit. */
  maxConcurrency: number;
  /** False when the weights and one request's activations alone exceed G·M·u. */
  fits: boolean;
  /** The scenario engine's memory answer these figures are read from. */
  memory: ServingMemory;
  /** What is impossible about this setup (the weights do not fit, not one request fits). */
  warnings: Warning[];
}

/**
 * Everything the variants chapter compares, for one spec on one serving setup.
 * @example variantMetrics(getPreset('llama-2-70b').spec, { gpu: getGpu('a800-sxm-80gb'), gpus: 2, contextTokens: 4000, weightDtype: 'fp16', memoryReading: 'runtime' }).maxConcurrency //=> 10
 */
export function variantMetrics(spec: ModelSpec, setup: VariantServingSetup): VariantMetrics {
  const s = resolveSetup(setup);
  const { memory, warnings } = servingMemory({
    model: spec,
    gpu: s.gpu,
    gpus: s.gpus,
    batch: 1,
    contextTokens: s.contextTokens,
    activationTokens: s.contextTokens,
    weightDtype: s.weightDtype,
    kvDtype: s.kvDtype,
    memoryReading: s.memoryReading,
    utilization: s.utilization,
  });
  return {
    spec,
    attention: describeAttention(spec),
    totalParams: countParams(spec).total,
    activeParams: activeParams(spec),
    flopsPerToken: decodeStepFlops({ spec, batch: 1, contextTokens: s.contextTokens }).total,
    kvBytesPerToken: memory.kvBytesPerToken,
    kvBytesPerRequest: memory.kvCacheBytesPerRequest,
    weightsBytes: memory.weightsBytes,
    usableBytes: memory.usableBytes,
    activationBytes: memory.activationBytes,
    kvBudgetBytes: memory.kvBudgetBytes,
    kvBytesAtMaxConcurrency: memory.maxConcurrency * memory.kvCacheBytesPerRequest,
    maxConcurrency: memory.maxConcurrency,
    fits: memory.kvBudgetBytes > 0,
    memory,
    warnings,
  };
}

export interface VariantComparison {
  base: VariantMetrics;
  variant: VariantMetrics;
  /** variant ÷ base for each metric (null where the base is 0). */
  ratios: Record<'totalParams' | 'activeParams' | 'flopsPerToken' | 'kvBytesPerToken' | 'kvBytesPerRequest' | 'weightsBytes' | 'maxConcurrency', number | null>;
}

/**
 * The base and its variant side by side on one serving setup.
 * @example compareVariant(getPreset('llama-2-7b').spec, { ...KEEP_ALL, attention: 'gqa', kvGroups: 8 }, setup).ratios.kvBytesPerToken //=> 0.25
 */
export function compareVariant(base: ModelSpec, opts: VariantOptions, setup: VariantServingSetup): VariantComparison {
  const b = variantMetrics(base, setup);
  const v = variantMetrics(applyVariant(base, opts), setup);
  const ratio = (x: number, y: number) => (y === 0 ? null : x / y);
  return {
    base: b,
    variant: v,
    ratios: {
      totalParams: ratio(v.totalParams, b.totalParams),
      activeParams: ratio(v.activeParams, b.activeParams),
      flopsPerToken: ratio(v.flopsPerToken, b.flopsPerToken),
      kvBytesPerToken: ratio(v.kvBytesPerToken, b.kvBytesPerToken),
      kvBytesPerRequest: ratio(v.kvBytesPerRequest, b.kvBytesPerRequest),
      weightsBytes: ratio(v.weightsBytes, b.weightsBytes),
      maxConcurrency: ratio(v.maxConcurrency, b.maxConcurrency),
    },
  };
}

/** Inputs of the mixed-window KV formula for a spec (full layers, windowed layers, elements per layer-token). */
export function windowKvInputs(
  spec: ModelSpec,
  contextTokens: number,
  bytesPerElement: number,
): { Lf: number; Lw: number; Sc: number; W: number; e: number; s: number } {
  const Lw = windowedLayers(spec);
  return {
    Lf: spec.layers - Lw,
    Lw,
    Sc: contextTokens,
    W: spec.slidingWindow?.size ?? contextTokens,
    e: kvElementsPerTokenPerLayer(spec),
    s: bytesPerElement,
  };
}

/** Inputs of the MoE active-parameter formula (params.moeActive) for an MoE spec; null for a dense one. */
export function moeActiveInputs(spec: ModelSpec): { N: number; Lm: number; E: number; k: number; H: number; Ie: number } | null {
  if (!spec.moe) return null;
  return { N: countParams(spec).total, Lm: layerCounts(spec).moe, E: spec.moe.experts, k: spec.moe.topK, H: spec.hidden, Ie: spec.moe.expertWidth };
}

/**
 * The derivations behind a spec's KV and capacity numbers, for views that show their
 * working: KV per token, KV per request (window or MLA applied), active parameters of
 * an MoE, the KV budget and the concurrency it allows. Each is evaluated with the
 * metrics' own figures, so a derivation's value is the number in the table.
 */
export function variantDerivations(m: VariantMetrics, setup: VariantServingSetup): Derivation[] {
  const { spec, memory } = m;
  const r = resolveSetup(setup);
  const s = bytesPerElement(r.kvDtype);
  const Sc = r.contextTokens;
  const out: Derivation[] = [];
  if (spec.mla) {
    out.push(mlaKvCacheFormula.derive({ r: spec.mla.kvLoraRank, dR: spec.mla.qkRopeHeadDim, L: spec.layers, Sc, s }));
  } else {
    out.push(kvCachePerTokenFormula.derive({ L: spec.layers, hKv: spec.kvHeads, d: spec.headDim, s }));
  }
  if (spec.slidingWindow) out.push(mixedWindowKvCacheFormula.derive(windowKvInputs(spec, Sc, s)));
  else if (!spec.mla) out.push(kvCacheFormula.derive({ L: spec.layers, Sc, hKv: spec.kvHeads, d: spec.headDim, s }));
  const moe = moeActiveInputs(spec);
  if (moe) out.push(moeActiveParamsFormula.derive(moe));
  out.push(kvBudgetFormula.derive({ G: r.gpus, M: memory.memoryBytes / r.gpus, u: r.utilization, W: memory.weightsBytes, A: memory.activationBytes }));
  if (m.fits) out.push(maxConcurrencyFormula.derive({ K: memory.kvBudgetBytes, r: memory.kvCacheBytesPerRequest }));
  return out;
}
