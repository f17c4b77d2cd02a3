/**
 * How a cluster is laid out for training: the degrees must multiply to the GPU count and
 * each must divide the dimension it splits; per-GPU work and step time follow.
 *
 *   G = D · t · p · c                              data × tensor × pipeline × context
 *   F_GPU = 6 · N · m · b · S / (t · p · c)        training FLOPs per GPU per step
 *   T_step = F_GPU / (P · u) / (1 − f_bubble)      the pipeline bubble stretches the step
 *
 * Data parallelism does not shrink F_GPU: each replica does its own m micro-batches,
 * so it buys tokens per step, not time per step. Tensor parallelism needs whole heads on
 * each GPU (t divides h; KV heads are split or, when t > h_kv, replicated), pipeline
 * parallelism whole layers on each stage (p divides L), expert parallelism whole experts
 * (e divides E) inside the data-parallel group (e divides D).
 * @see Narayanan et al., "Efficient Large-Scale Language Model Training on GPU Clusters Using Megatron-LM" (2021), §3
 */
import { defineFormula } from '../formula';
import { InputError } from '../units';
import type { ModelSpec } from '../model/spec';
import { activeParams, countParams, expertParams, layerCounts } from '../params/params';
import type { ParallelModel, ParallelPlan } from './parallel';
import { modelFlopsUtilization } from '../mfu/mfu';
import { trainingFlopsPerToken } from '../training/compute';

/** Degrees of each split and the cluster they must fill. */
export interface ParallelLayout {
  /** GPUs in the cluster. */
  gpus: number;
  dp: number;
  tp: number;
  pp: number;
  cp: number;
  ep: number;
}

/** The model dimensions the degrees must divide. */
export interface LayoutShape {
  heads: number;
  kvHeads: number;
  layers: number;
  /** Routed experts per MoE layer (0 for a dense model). */
  experts: number;
  seq: number;
}

/**
 * G = D·t·p·c.
 * @example worldSize({ dp: 16, tp: 8, pp: 4, cp: 1 }) //=> 512
 */
export function worldSize(p: { dp: number; tp: number; pp: number; cp: number }): number {
  return p.dp * p.tp * p.pp * p.cp;
}

/**
 * Checks a layout against the cluster and the model; throws InputError naming the
 * degree at fault (`gpus`, `dp`, `tp`, `pp`, `cp`, `ep`) with what would fix it.
 */
export function checkParallelLayout(layout: ParallelLayout, shape: LayoutShape): void {
  for (const key of ['gpus', 'dp', 'tp', 'pp', 'cp', 'ep'] as const) {
    const v = layout[key];
    if (!(Number.isInteger(v) && v >= 1)) throw new InputError(key, `${key.toUpperCase()} must be a whole number of at least 1`);
  }
  const { gpus, dp, tp, pp, cp, ep } = layout;
  if (shape.heads % tp !== 0) {
    throw new InputError('tp', `TP = ${tp} must divide the ${shape.heads} attention heads: each GPU takes whole heads`);
  }
  if (shape.kvHeads % tp !== 0 && tp % shape.kvHeads !== 0) {
    throw new InputError(
      'tp',
      `TP = ${tp} and the ${shape.kvHeads} KV heads must divide one another: each GPU takes whole KV heads, or one replicated KV head`,
    );
  }
  if (shape.layers % pp !== 0) {
    throw new InputError('pp', `PP = ${pp} must divide the ${shape.layers} layers: each stage takes the same number of whole layers`);
  }
  if (shape.seq % cp !== 0) {
    throw new InputError('cp', `CP = ${cp} must divide the sequence length ${shape.seq}: each GPU takes an equal chunk`);
  }
  if (shape.experts === 0 && ep > 1) throw new InputError('ep', 'A dense model has no experts to split: set EP to 1');
  if (shape.experts > 0 && shape.experts % ep !== 0) {
    throw new InputError('ep', `EP = ${ep} must divide the ${shape.experts} experts: each GPU takes whole experts`);
  }
  const modelParallel = tp * pp * cp;
  if (gpus % modelParallel !== 0) {
    throw new InputError('gpus', `TP·PP·CP = ${modelParallel} GPUs hold one replica; the cluster's ${gpus} GPUs are not a whole number of replicas`);
  }
  if (worldSize({ dp, tp, pp, cp }) !== gpus) {
    throw new InputError('dp', `DP·TP·PP·CP must equal the ${gpus} GPUs: with TP·PP·CP = ${modelParallel}, DP must be ${gpus / modelParallel}`);
  }
  if (dp % ep !== 0) throw new InputError('ep', `EP = ${ep} must divide DP = ${dp}: expert-parallel groups are carved out of the data-parallel ones`);
}

/**
 * The first thing wrong with a layout, as the message `checkParallelLayout` would throw, or null.
 * @example layoutProblem({ gpus: 96, dp: 4, tp: 8, pp: 3, cp: 1, ep: 1 }, { heads: 64, kvHeads: 8, layers: 80, experts: 0, seq: 4096 }) //=> 'PP = 3 must divide the 80 layers: …'
 */
export function layoutProblem(layout: ParallelLayout, shape: LayoutShape): string | null {
  try {
    checkParallelLayout(layout, shape);
    return null;
  } catch (e) {
    if (e instanceof InputError) return e.message;
    throw e;
  }
}

export const worldSizeFormula = defineFormula({
  id: 'parallel.worldSize',
  anchor: 'world-size',
  page: 'parallelism',
  title: 'GPUs in a 4-D parallel layout',
  description: 'Every GPU holds one position in each split: its data-parallel replica, tensor rank, pipeline stage and sequence chunk.',
  lhs: 'G',
  unit: 'count',
  symbols: { D: '\\mathrm{DP}', t: '\\mathrm{TP}', p: '\\mathrm{PP}', c: '\\mathrm{CP}' },
  labels: { D: 'Data-parallel size DP', t: 'Tensor-parallel size TP', p: 'Pipeline stages PP', c: 'Context-parallel size CP' },
  domains: { D: 'positiveInt', t: 'positiveInt', p: 'positiveInt', c: 'positiveInt' },
  tex: (v) => String.raw`${v.D} \cdot ${v.t} \cdot ${v.p} \cdot ${v.c}`,
  compute: ({ D, t, p, c }) => worldSize({ dp: D, tp: t, pp: p, cp: c }),
  // 16 replicas of an 8-way tensor × 4-stage pipeline.
  example: { D: 16, t: 8, p: 4, c: 1 },
  notes: ['Expert parallelism does not add a factor: its groups are carved out of the data-parallel GPUs (EP divides DP).'],
});

/**
 * What one GPU sees of a layer stack and a sequence: L/p layers, S/c tokens.
 * @example stageShape({ layers: 80, pp: 4, seq: 8192, cp: 2 }) //=> { layersPerStage: 20, seqPerGpu: 4096 }
 */
export function stageShape(p: { layers: number; pp: number; seq: number; cp: number }): { layersPerStage: number; seqPerGpu: number } {
  return { layersPerStage: p.layers / p.pp, seqPerGpu: p.seq / p.cp };
}

/**
 * Sequences in one optimizer step across the data-parallel replicas: D·m·b (each replica
 * runs m micro-batches of b sequences).
 * @example globalBatchSequences({ dp: 32, microBatches: 16, microBatch: 1 }) //=> 512
 */
export function globalBatchSequences(p: { dp: number; microBatches: number; microBatch: number }): number {
  return p.dp * p.microBatches * p.microBatch;
}

/**
 * Training FLOPs one GPU does per optimizer step: 6·N·m·b·S/(t·p·c).
 * @example flopsPerGpuPerStep({ params: 70e9, microBatches: 8, microBatch: 1, seq: 4096, tp: 8, pp: 4, cp: 1 }) //=> 430080000000000
 */
export function flopsPerGpuPerStep(p: { params: number; microBatches: number; microBatch: number; seq: number; tp: number; pp: number; cp: number }): number {
  return (trainingFlopsPerToken(p.params) * p.microBatches * p.microBatch * p.seq) / (p.tp * p.pp * p.cp);
}

export const flopsPerGpuFormula = defineFormula({
  id: 'parallel.flopsPerGpu',
  anchor: 'flops-per-gpu',
  page: 'parallelism',
  title: 'Training FLOPs per GPU per step',
  description:
    'Each replica trains m micro-batches of b sequences of S tokens at 6N FLOPs per token; tensor, pipeline and context parallelism share that work, data parallelism does not.',
  lhs: 'F_{\\text{GPU}}',
  unit: 'FLOPs',
  symbols: { N: 'N', m: 'm', b: 'b', S: 'S', t: '\\mathrm{TP}', p: '\\mathrm{PP}', c: '\\mathrm{CP}' },
  labels: {
    N: 'Parameters per token (active)',
    m: 'Micro-batches per step',
    b: 'Micro-batch size',
    S: 'Sequence length',
    t: 'Tensor-parallel size TP',
    p: 'Pipeline stages PP',
    c: 'Context-parallel size CP',
  },
  domains: { N: 'positive', m: 'positiveInt', b: 'positiveInt', S: 'positiveInt', t: 'positiveInt', p: 'positiveInt', c: 'positiveInt' },
  tex: (v) => String.raw`\frac{6 \cdot ${v.N} \cdot ${v.m} \cdot ${v.b} \cdot ${v.S}}{${v.t} \cdot ${v.p} \cdot ${v.c}}`,
  compute: ({ N, m, b, S, t, p, c }) => flopsPerGpuPerStep({ params: N, microBatches: m, microBatch: b, seq: S, tp: t, pp: p, cp: c }),
  // A 70e9-parameter model, 8 micro-batches of one 4,096-token sequence, TP = 8, PP = 4.
  example: { N: 70e9, m: 8, b: 1, S: 4096, t: 8, p: 4, c: 1 },
  approximate: true,
  notes: ['6N per token leaves out attention’s score and value matmuls; see the MFU chapter for the conventions that add them.'],
});

/**
 * Seconds per optimizer step: the GPU's FLOPs at a fraction u of peak, stretched by the
 * pipeline bubble, F/(P·u)/(1 − f). Communication is assumed hidden behind compute.
 * @example stepSeconds({ flops: 4.3008e14, peak: 989e12, utilization: 0.5, bubble: 3 / 11 }) //=> 1.1958…
 */
export function stepSeconds(p: { flops: number; peak: number; utilization: number; bubble: number }): number {
  if (!(p.bubble >= 0 && p.bubble < 1)) throw new InputError('bubble', 'the bubble fraction must be at least 0 and below 1');
  return p.flops / (p.peak * p.utilization) / (1 - p.bubble);
}

export const stepTimeFormula = defineFormula({
  id: 'parallel.stepTime',
  anchor: 'step-time',
  page: 'parallelism',
  title: 'Time per training step',
  description: 'The GPU’s share of the step’s FLOPs at a share η_c of its peak, divided by the fraction of the step that is not pipeline bubble.',
  lhs: 'T_{\\text{step}}',
  unit: 's',
  symbols: { F: 'F_{\\text{GPU}}', P: 'P_{\\text{peak}}', u: '\\eta_c', f: 'f_{\\text{bubble}}' },
  labels: { F: 'FLOPs per GPU per step', P: 'Peak FLOP/s per GPU', u: 'Share of the peak reached η_c (while busy)', f: 'Bubble fraction' },
  domains: { F: 'positive', P: 'positive', u: 'fraction', f: 'nonNegative' },
  tex: (v) => String.raw`\frac{${v.F}}{${v.P} \cdot ${v.u}} \cdot \frac{1}{1 - ${v.f}}`,
  compute: ({ F, P, u, f }) => {
    // stepSeconds names its own field (bubble); here the input is f.
    if (!(f < 1)) throw new InputError('f', 'Bubble fraction f must be below 1: a step that is all bubble never ends');
    return stepSeconds({ flops: F, peak: P, utilization: u, bubble: f });
  },
  // The example above on H100s at 50% while busy, 4 stages and 8 micro-batches (bubble 3/11).
  example: { F: 4.3008e14, P: 989e12, u: 0.5, f: 3 / 11 },
  approximate: true,
  notes: [
    'Assumes communication overlaps with compute; exposed communication adds to this.',
    'The MFU of the whole run is then η_c·(1 − f_bubble), less any exposed communication.',
  ],
});

/** Bytes per step by kind → seconds, each kind on the link that carries it. */
export interface CommLinks {
  /** Per-direction B/s inside a node (NVLink): tensor, context and expert traffic. */
  intraNode: number;
  /** Per-direction B/s per GPU between nodes (InfiniBand/RoCE): data and pipeline traffic. */
  interNode: number;
}

/**
 * Seconds each kind of traffic would take if nothing overlapped it: bytes / bandwidth
 * of its link. TP, CP and EP stay inside a node; DP and PP cross nodes.
 * @example parallelCommSeconds({ data: 1e9, tensor: 2e9, pipeline: 0, context: 0, expert: 0 }, { intraNode: 200e9, interNode: 50e9 }).data //=> 0.02
 */
export function parallelCommSeconds(bytes: ParallelPlan['commBytes'], links: CommLinks): ParallelPlan['commBytes'] {
  if (!(links.intraNode > 0)) throw new InputError('intraNode', 'the intra-node bandwidth must be greater than 0');
  if (!(links.interNode > 0)) throw new InputError('interNode', 'the inter-node bandwidth must be greater than 0');
  return {
    data: bytes.data / links.interNode,
    tensor: bytes.tensor / links.intraNode,
    pipeline: bytes.pipeline / links.interNode,
    context: bytes.context / links.intraNode,
    expert: bytes.expert / links.intraNode,
  };
}

/**
 * A ModelSpec as the planner needs it. MoE: the routed experts' parameters are split by
 * expert parallelism; activations are counted for a token's k experts (plus shared
 * ones), the widest FFN a token passes through.
 * @example parallelModelFromSpec(getPreset('llama-2-7b').spec).params //=> 6738415616
 */
export function parallelModelFromSpec(spec: ModelSpec): ParallelModel {
  const ledger = countParams(spec);
  const counts = layerCounts(spec);
  const moe = spec.moe;
  const routed = moe ? counts.moe * moe.experts * expertParams(spec) : 0;
  const tokenFfnWidth = moe ? moe.topK * moe.expertWidth + moe.sharedExperts * moe.sharedExpertWidth : 0;
  return {
    params: ledger.total,
    expertParams: routed,
    activeParams: activeParams(spec),
    layers: spec.layers,
    moeLayers: counts.moe,
    hidden: spec.hidden,
    heads: spec.heads,
    kvHeads: spec.kvHeads,
    headDim: spec.headDim,
    ffnWidth: Math.max(counts.dense > 0 ? spec.ffnWidth : 0, tokenFfnWidth),
    ffn: moe ? 'gated' : spec.ffn,
    topK: moe ? moe.topK : 1,
  };
}

/** What a plan means on a given GPU: time, throughput, MFU, communication and memory. */
export interface PlanSummary {
  /** F_GPU / (P·u) / (1 − bubble), communication hidden. */
  stepSeconds: number;
  /** Tokens per step over the step time, whole cluster. */
  tokensPerSecond: number;
  /** 6N per token (active N): u·(1 − bubble) when communication is hidden. */
  mfu: number;
  /** Seconds of each kind of traffic per step if none of it overlapped compute. */
  commSeconds: ParallelPlan['commBytes'];
  /** Their sum. */
  commTotalSeconds: number;
  /** Bytes one GPU has. */
  memoryPerGpu: number;
  /** memoryPerGpu − plan.totalBytes (negative: does not fit). */
  headroomBytes: number;
  fits: boolean;
}

/**
 * Step time, throughput, MFU, communication time and memory headroom of a plan.
 * @example summarizePlan(model, plan, { peak: 989.4e12, utilization: 0.5, links: { intraNode: 450e9, interNode: 50e9 }, memoryPerGpu: 80 * 2 ** 30 }).fits
 */
export function summarizePlan(
  model: ParallelModel,
  plan: ParallelPlan,
  p: { peak: number; utilization: number; links: CommLinks; memoryPerGpu: number },
): PlanSummary {
  if (!(p.utilization > 0 && p.utilization <= 1)) throw new InputError('utilization', 'kernel efficiency must be a fraction greater than 0 and at most 1');
  const step = stepSeconds({ flops: plan.flopsPerGpuPerStep, peak: p.peak, utilization: p.utilization, bubble: plan.bubble });
  const tokensPerSecond = plan.tokensPerStep / step;
  const commSeconds = parallelCommSeconds(plan.commBytes, p.links);
  const commTotalSeconds = commSeconds.data + commSeconds.tensor + commSeconds.pipeline + commSeconds.context + commSeconds.expert;
  return {
    stepSeconds: step,
    tokensPerSecond,
    mfu: modelFlopsUtilization({ flopsPerToken: trainingFlopsPerToken(model.activeParams), tokensPerSecond, gpus: plan.gpus, peak: p.peak }),
    commSeconds,
    commTotalSeconds,
    memoryPerGpu: p.memoryPerGpu,
    headroomBytes: p.memoryPerGpu - plan.totalBytes,
    fits: plan.totalBytes <= p.memoryPerGpu,
  };
}

export const layoutFormulas = [worldSizeFormula, flopsPerGpuFormula, stepTimeFormula];
