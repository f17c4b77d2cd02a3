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
import { servingScenario, type ServingInput, type ServingResult } from './serving';

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
      kernelRooflineFormula.derive({ F: cost.attentionFlops, G: hw.gpus, P: hw.attentionPeak, ec: cal.computeEfficiency, Q: cost.kvBytes, W: hw.memoryBandwidth, em: cal.kvEfficiency }),
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
      W: r.memory.weightsBytes,
      A: r.memory.activationBytes,
    }),
  );
  if (r.memory.kvBudgetBytes > 0) out.push(maxConcurrencyFormula.derive({ K: r.memory.kvBudgetBytes, r: r.memory.kvCacheBytesPerRequest }));
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
