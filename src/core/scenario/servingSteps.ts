/**
 * How a serving answer was reached, as derivations the views render (each a registered
 * formula evaluated with the scenario's own numbers, so the shown value is the answer's),
 * and the same question swept over batch sizes.
 */
import type { Derivation } from '../formula';
import { decodeCriticalBatchFormula, decodeThroughputFormula } from '../latency/decode';
import { kernelRooflineFormula, prefillLatencyFormula, decodeLatencyFormula, stepOverheadFormula, tensorParallelCommFormula } from '../latency/latency';
import { decodeCriticalBatch } from '../latency/decode';
import type { StepCost, StepTime } from '../latency/step';
import { kvCacheFormula, mlaKvCacheFormula, slidingWindowKvCacheFormula } from '../memory/formulas';
import { windowedLayers } from '../flops/flops';
import type { ModelSpec } from '../model/spec';
import { bytesPerElement } from '../dtypes';
import { kvBudgetFormula, maxConcurrencyFormula } from '../serving/serving';
import type { ContinuousBatching } from '../latency/step';
import { continuousThroughputFormula } from '../serving/batching';
import { decodeGapFormula, chunkedTtftFormula, prefillChunksFormula } from '../serving/chunkedPrefill';
import { kvBlockBytesFormula, kvBlocksAvailableFormula, kvBlocksInFlightFormula, kvSlotUtilizationFormula, pagedConcurrencyFormula } from '../serving/paged';
import { prefixCachedTokensFormula, prefixPrefillFlopsFormula, prefixTtftFormula } from '../serving/prefixCache';
import { quantBitsPerWeightFormula, quantizedWeightsFormula } from '../serving/quantization';
import { speculativeCostFormula, speculativeSpeedupFormula, speculativeTokensFormula, speculativeTpotFormula } from '../serving/speculative';
import { servingScenario, servingStepModel, type ServingInput, type ServingResult } from './serving';

/** A derivation shown under a title that says which use of its formula it is. */
function titled(d: Derivation, title: string): Derivation {
  return { ...d, title };
}

/** The KV cache of one request as a formula, when one formula gives this model's exact figure; else null. */
export function kvPerRequestDerivation(spec: ModelSpec, r: ServingResult): Derivation | null {
  const Sc = r.inputTokens + r.outputTokens;
  const s = bytesPerElement(r.kvDtype);
  let d: Derivation;
  if (spec.mla) d = mlaKvCacheFormula.derive({ r: spec.mla.kvLoraRank, dR: spec.mla.qkRopeHeadDim, L: spec.layers, Sc, s });
  else if (spec.slidingWindow && windowedLayers(spec) === spec.layers) {
    d = slidingWindowKvCacheFormula.derive({ L: spec.layers, Sc, W: spec.slidingWindow.size, hKv: spec.kvHeads, d: spec.headDim, s });
  } else d = kvCacheFormula.derive({ L: spec.layers, Sc, hKv: spec.kvHeads, d: spec.headDim, s });
  return d.value === r.memory.kvCacheBytesPerRequest ? d : null;
}

function stepDerivation(r: ServingResult, cost: StepCost, time: StepTime, which: 'prefill' | 'decode'): Derivation[] {
  const hw = r.stepHardware;
  const cal = r.assumptions.calibration;
  const phase = which === 'prefill' ? 'Prefill' : 'Last decode step';
  const out: Derivation[] = [
    titled(
      kernelRooflineFormula.derive({
        F: cost.matmulFlops,
        G: hw.gpus,
        P: hw.matmulPeak,
        ec: hw.matmulEfficiency,
        Q: cost.weightBytes + cost.activationBytes,
        W: hw.memoryBandwidth,
        em: cal.memoryEfficiency,
      }),
      `${phase}: weight matmuls on their roofline`,
    ),
    titled(
      kernelRooflineFormula.derive({
        F: cost.attentionFlops,
        G: hw.gpus,
        P: hw.attentionPeak,
        ec: cal.computeEfficiency,
        Q: cost.kvBytes,
        W: hw.memoryBandwidth,
        em: cal.kvEfficiency,
      }),
      `${phase}: attention on its roofline`,
    ),
  ];
  if (hw.gpus > 1) {
    out.push(
      titled(
        tensorParallelCommFormula.derive({
          L: hw.layers,
          a: hw.allReduceLatency,
          T: cost.tokens,
          H: hw.hidden,
          s: hw.activationBytesPerElement,
          G: hw.gpus,
          W: hw.linkBandwidth * cal.linkEfficiency,
        }),
        `${phase}: tensor-parallel all-reduces`,
      ),
    );
  }
  const total = (which === 'prefill' ? prefillLatencyFormula : decodeLatencyFormula).derive({
    Tm: time.matmulSeconds,
    Ta: time.attentionSeconds,
    Te: time.elementwiseSeconds,
    Tc: time.commSeconds,
    T0: time.overheadSeconds,
  });
  out.push(total);
  return out;
}

/** Every derivation behind a serving answer, in reading order: memory, then latency, then throughput. */
export function servingDerivations(spec: ModelSpec, r: ServingResult): Derivation[] {
  const out: Derivation[] = [];
  const kv = kvPerRequestDerivation(spec, r);
  if (kv) out.push(titled(kv, 'KV cache per request'));
  out.push(
    kvBudgetFormula.derive({
      G: r.gpus,
      M: r.hardware.memoryPerGpuBytes,
      u: r.assumptions.utilization,
      W: r.memory.weightsBytes + r.memory.draftWeightsBytes,
      A: r.memory.activationBytes,
    }),
  );
  if (r.memory.kvBudgetBytes > 0) {
    if (r.memory.paging !== null) out.push(...pagedDerivations(spec, r));
    else if (r.memory.draftKvBytesPerRequest === 0) out.push(maxConcurrencyFormula.derive({ K: r.memory.kvBudgetBytes, r: r.memory.kvCacheBytesPerRequest }));
  }
  out.push(
    titled(
      stepOverheadFormula.derive({ ts: r.assumptions.calibration.stepOverheadSeconds, L: spec.layers, tl: r.assumptions.calibration.layerOverheadSeconds }),
      'Fixed cost of each step',
    ),
  );
  out.push(...stepDerivation(r, r.prefillCost, r.prefill, 'prefill'));
  out.push(...stepDerivation(r, r.decodeLastCost, r.decodeLast, 'decode'));
  out.push(decodeThroughputFormula.derive({ B: r.batch, T: r.tpotSeconds }));
  const crit = criticalBatchInput(r);
  out.push(decodeCriticalBatchFormula.derive(crit));
  return out;
}

/** The inputs of B* for this answer's hardware and model. */
export function criticalBatchInput(r: ServingResult): { Qw: number; P: number; ec: number; f: number; W: number; em: number } {
  const hw = r.stepHardware;
  return {
    Qw: r.memory.weightsBytes,
    P: hw.matmulPeak,
    ec: hw.matmulEfficiency,
    f: r.decodeLastCost.matmulFlops / r.batch,
    W: hw.memoryBandwidth,
    em: r.assumptions.calibration.memoryEfficiency,
  };
}

/**
 * B*: the decode batch from which this answer's weight matmuls are compute-bound.
 * @example criticalBatch(servingScenario({ model: llama2_70b, gpu: a800, gpus: 8, batch: 16, inputTokens: 4000, outputTokens: 200 })) //=> about 137
 */
export function criticalBatch(r: ServingResult): number {
  const c = criticalBatchInput(r);
  return decodeCriticalBatch({ weightsBytes: c.Qw, flopsPerSequence: c.f, peak: c.P, bandwidth: c.W, computeEfficiency: c.ec, memoryEfficiency: c.em });
}

/** Batch sizes a sweep visits: 1, 2, 4, … 512. */
export const SWEEP_BATCHES: readonly number[] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512];

/** One batch size of a sweep. */
export interface SweepPoint {
  batch: number;
  ttftSeconds: number;
  tpotSeconds: number;
  /** B / TPOT while decoding. */
  decodeTokensPerSecond: number;
  /** The last decode step's regime. */
  decodeRegime: StepTime['regime'];
  /** The batch's KV caches fit beside the weights. */
  fits: boolean;
}

/** The same serving question at each batch size, other inputs fixed. */
export function servingSweep(input: ServingInput, batches: readonly number[] = SWEEP_BATCHES): SweepPoint[] {
  return batches.map((batch) => {
    const r = servingScenario({ ...input, batch });
    return {
      batch,
      ttftSeconds: r.ttftSeconds,
      tpotSeconds: r.tpotSeconds,
      decodeTokensPerSecond: r.decodeTokensPerSecond,
      decodeRegime: r.decodeLast.regime,
      fits: r.memory.fits,
    };
  });
}

// ── Serving techniques: their derivations from a scenario's own numbers, and the batching curve ──

/** One concurrency of the continuous-batching curve. */
export interface CurvePoint {
  /** C: users in a closed loop. */
  concurrency: number;
  /** Requests decoding together: min(C, the memory limit). */
  effectiveConcurrency: number;
  outputTokensPerSecond: number;
  requestsPerSecond: number;
  /** Mean time per output token once decoding (inter-token latency). */
  itlSeconds: number;
  /** Mean time to first token, queueing for memory included. */
  ttftSeconds: number;
  /** Seconds a request waits for memory (0 while C fits). */
  memoryQueueSeconds: number;
  /** C requests' caches fit at once. */
  fits: boolean;
}

/** The throughput–latency curve of continuous batching, and where memory caps it. */
export interface BatchingCurve {
  /** Requests whose caches fit at once (the memory limit on concurrency). */
  maxConcurrency: number;
  points: CurvePoint[];
}

/**
 * Concurrencies a curve visits: 1, 2, 4, … up to twice the memory limit (at most 4,096), and
 * the limit itself.
 * @example curveConcurrencies(10) //=> [1, 2, 4, 8, 10, 16]
 */
export function curveConcurrencies(maxConcurrency: number): number[] {
  const top = Math.min(4096, Math.max(2, 2 * Math.floor(maxConcurrency)));
  const out: number[] = [];
  for (let c = 1; c <= top; c *= 2) out.push(c);
  if (maxConcurrency >= 1 && maxConcurrency <= 4096) out.push(Math.floor(maxConcurrency));
  return [...new Set(out)].sort((a, b) => a - b);
}

/**
 * Continuous batching at each concurrency, other inputs fixed: throughput against time per
 * output token, each point the scenario engine's steady state (servingStepModel). Empty when
 * no request fits.
 */
export function continuousBatchingCurve(input: ServingInput, concurrencies?: readonly number[]): BatchingCurve {
  const m = servingStepModel(input);
  const max = m.memory.maxConcurrency;
  if (max < 1) return { maxConcurrency: 0, points: [] };
  const points = (concurrencies ?? curveConcurrencies(max)).map((c) => {
    const s = m.steady(c);
    return {
      concurrency: c,
      effectiveConcurrency: s.effectiveConcurrency,
      outputTokensPerSecond: s.outputTokensPerSecond,
      requestsPerSecond: s.requestsPerSecond,
      itlSeconds: s.itlSeconds,
      ttftSeconds: s.ttftSeconds,
      memoryQueueSeconds: s.memoryQueueSeconds,
      fits: c <= max,
    };
  });
  return { maxConcurrency: max, points };
}

/** Little's law at a steady state: X = C·O/R with R the time a request spends in the replica. */
export function continuousThroughputDerivation(r: ServingResult, steady: ContinuousBatching | null = r.continuous): Derivation | null {
  if (steady === null) return null;
  return continuousThroughputFormula.derive({ C: steady.effectiveConcurrency, O: r.outputTokens, R: steady.requestSeconds - steady.memoryQueueSeconds });
}

/** The paged cache behind a scenario's maxConcurrency: block bytes, blocks, blocks in flight, requests; null when not paged. */
export function pagedDerivations(spec: ModelSpec, r: ServingResult): Derivation[] {
  const p = r.memory.paging;
  if (p === null) return [];
  const out: Derivation[] = [];
  const s = bytesPerElement(r.kvDtype);
  const block =
    !spec.mla && r.memory.draftWeightsBytes === 0
      ? kvBlockBytesFormula.derive({ L: spec.layers, hKv: spec.kvHeads, d: spec.headDim, s, b: p.blockTokens })
      : null;
  if (block && block.value === p.blockBytes) out.push(block);
  if (r.memory.kvBudgetBytes > 0) out.push(kvBlocksAvailableFormula.derive({ K: r.memory.kvBudgetBytes, m: p.blockBytes }));
  if (r.outputTokens >= 1) out.push(kvBlocksInFlightFormula.derive({ S: r.inputTokens, O: r.outputTokens, b: p.blockTokens }));
  if (p.meanBlocksInFlight - p.hitRate * p.prefixBlocks > 0) {
    out.push(pagedConcurrencyFormula.derive({ N: p.blocks, np: p.prefixBlocks, nbar: p.meanBlocksInFlight, h: p.hitRate }));
  }
  out.push(
    titled(
      kvSlotUtilizationFormula.derive({ S: r.inputTokens, O: r.outputTokens, R: p.meanBlocksInFlight * p.blockTokens }),
      'Share of paged KV slots holding tokens',
    ),
  );
  return out;
}

/** The prefix cache's effect: tokens skipped, prefill FLOPs and time to first token; empty without a prefix. */
export function prefixDerivations(r: ServingResult): Derivation[] {
  const p = r.prefixCache;
  if (p === null) return [];
  return [
    prefixCachedTokensFormula.derive({ P: p.prefixTokens, S: r.inputTokens, b: r.techniques.kvBlockTokens }),
    prefixPrefillFlopsFormula.derive({ h: p.hitRate, Fh: p.hit.flops, Fm: p.miss.flops }),
    prefixTtftFormula.derive({ h: p.hitRate, Th: p.hit.seconds, Tm: p.miss.seconds }),
  ];
}

/** Chunked prefill at the steady state: chunks, time to first token, and the worst gap without and with chunks; empty without chunking. */
export function chunkedDerivations(r: ServingResult): Derivation[] {
  const c = r.chunkedPrefill;
  if (c === null) return [];
  const running = c.maxGapUnchunkedSeconds - c.unchunkedExtraSeconds;
  return [
    prefillChunksFormula.derive({ S: r.inputTokens, C: c.chunkTokens }),
    titled(decodeGapFormula.derive({ Td: running, dT: c.unchunkedExtraSeconds }), 'Worst gap between tokens, prompt in one step'),
    titled(decodeGapFormula.derive({ Td: running, dT: Math.max(0, c.maxGapSeconds - running) }), 'Worst gap between tokens, prompt in chunks'),
    chunkedTtftFormula.derive({ n: Math.max(1, Math.round(c.ttftSeconds / c.meanHybridStepSeconds)), T: c.meanHybridStepSeconds }),
  ];
}

/** Speculative decoding: tokens per pass, the draft's cost coefficient, the time per token and Theorem 3.8's speedup; empty without a draft. */
export function speculativeDerivations(r: ServingResult): Derivation[] {
  const sp = r.speculative;
  if (sp === null) return [];
  return [
    speculativeTokensFormula.derive({ a: sp.acceptance, g: sp.draftTokens }),
    speculativeCostFormula.derive({ td: sp.draftStepSeconds, tt: sp.targetStepSeconds }),
    speculativeTpotFormula.derive({ g: sp.draftTokens, td: sp.draftStepSeconds, tv: sp.verifySeconds, E: sp.expectedTokens }),
    speculativeSpeedupFormula.derive({ a: sp.acceptance, g: sp.draftTokens, c: sp.costCoefficient }),
  ];
}

/** A quantized checkpoint's weight bytes (and the bits per weight of a grouped layout); empty without a layout. */
export function quantizationDerivations(r: ServingResult): Derivation[] {
  const q = r.memory.quantized;
  const layout = r.techniques.weightQuantization;
  if (q === null || layout === null) return [];
  const out: Derivation[] = [];
  if (typeof layout.granularity === 'number') out.push(quantBitsPerWeightFormula.derive({ qw: q.bits, qs: q.scaleBits, g: layout.granularity }));
  out.push(quantizedWeightsFormula.derive({ Nq: q.quantizedParams, qw: q.bits, ng: q.scaleGroups, qs: q.scaleBits, N16: q.sixteenBitParams }));
  return out;
}
