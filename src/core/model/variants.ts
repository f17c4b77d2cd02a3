/**
 * Moved to src/core/variants/ (transform.ts, formulas.ts, metrics.ts): this file re-exports it
 * and goes once content/10-variants.mdx imports from there.
 *
 * One thing is not a plain re-export: the chapter still passes its serving setup in the old
 * shape ({ contextTokens, bytesPerElement, gpus, memoryPerGpu, utilization }, no GPU), which
 * the new `compareVariant` (built on the scenario's servingMemory, which needs the GPU) cannot
 * read. Until the chapter passes `{ gpu, gpus, contextTokens, weightDtype, memoryReading,
 * utilization }`, such a setup is answered the old way so the site still builds.
 */
import type { ModelSpec } from './spec';
import { countParams, activeParams, layerCounts } from '../params/params';
import { decodeStepFlops } from '../flops/flops';
import { kvCacheBytes, kvCacheBytesPerToken, weightsBytes } from '../memory/memory';
import { kvBudgetBytes, maxConcurrency, servingActivationBytes } from '../serving/serving';
import type { ServingMemory } from '../scenario/serving';
import { applyVariant, compareVariant as compareOnScenario, describeAttention, type VariantComparison, type VariantMetrics, type VariantOptions, type VariantServingSetup } from '../variants';

export * from '../variants';

/** @deprecated The old serving setup (memory per GPU as a number, no GPU): pass a VariantServingSetup. */
export interface LegacyServingSetup {
  contextTokens: number;
  bytesPerElement: number;
  gpus: number;
  memoryPerGpu: number;
  utilization: number;
}

/** @deprecated The old per-spec figures, kept only for a LegacyServingSetup; remove with this file. */
function legacyMetrics(spec: ModelSpec, setup: LegacyServingSetup): VariantMetrics {
  const s = setup.bytesPerElement;
  const counts = layerCounts(spec);
  const moe = spec.moe;
  const moeWidth = moe && counts.moe > 0 ? moe.topK * moe.expertWidth + moe.sharedExperts * moe.sharedExpertWidth : 0;
  const denseWidth = counts.dense > 0 ? spec.ffnWidth : 0;
  const w = weightsBytes(spec, s);
  const kvReq = kvCacheBytes(spec, setup.contextTokens, s);
  const usable = kvBudgetBytes({ gpus: setup.gpus, memoryPerGpu: setup.memoryPerGpu, utilization: setup.utilization, weightsBytes: 0, activationBytes: 0 });
  const act = servingActivationBytes({
    gpus: setup.gpus,
    tokens: setup.contextTokens,
    hidden: spec.hidden,
    ffnWidth: Math.max(moeWidth, denseWidth),
    ffnTensors: spec.ffn === 'gated' || moeWidth > denseWidth ? 3 : 2,
    bytesPerElement: s,
  });
  const budget = usable - w - act;
  const concurrency = maxConcurrency(budget, kvReq);
  const memory: ServingMemory = {
    weightsBytes: w,
    kvBytesPerToken: kvCacheBytesPerToken(spec, s),
    kvCacheBytesPerRequest: kvReq,
    kvCacheBytes: kvReq,
    activationBytes: act,
    memoryBytes: setup.gpus * setup.memoryPerGpu,
    usableBytes: usable,
    kvBudgetBytes: budget,
    totalBytes: w + kvReq + act,
    headroomBytes: usable - (w + kvReq + act),
    fits: w + kvReq + act <= usable,
    maxConcurrency: concurrency,
  };
  return {
    spec,
    attention: describeAttention(spec),
    totalParams: countParams(spec).total,
    activeParams: activeParams(spec),
    flopsPerToken: decodeStepFlops({ spec, batch: 1, contextTokens: setup.contextTokens }).total,
    kvBytesPerToken: memory.kvBytesPerToken,
    kvBytesPerRequest: kvReq,
    weightsBytes: w,
    usableBytes: usable,
    activationBytes: act,
    kvBudgetBytes: budget,
    kvBytesAtMaxConcurrency: concurrency * kvReq,
    maxConcurrency: concurrency,
    fits: budget > 0,
    memory,
    warnings: [],
  };
}

/**
 * compareVariant from src/core/variants, also answering the chapter's old setup shape until it moves.
 * @deprecated Import compareVariant from src/core/variants and pass a VariantServingSetup.
 */
export function compareVariant(base: ModelSpec, opts: VariantOptions, setup: VariantServingSetup | LegacyServingSetup): VariantComparison {
  if ('gpu' in setup) return compareOnScenario(base, opts, setup);
  const b = legacyMetrics(base, setup);
  const v = legacyMetrics(applyVariant(base, opts), setup);
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
