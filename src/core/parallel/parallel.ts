/**
 * Parallelism read off the shapes: a layer works on [B, S, H] with weights [H, 4H],
 * repeated L times. Split B and it is data parallelism; split S, sequence (context)
 * parallelism; split L, pipeline parallelism; split the 4H (the heads and the FFN
 * width), tensor parallelism; split the experts, expert parallelism. Each split divides
 * some per-GPU cost and adds communication:
 *
 *   data (D)      gradient all-reduce, 2·(D−1)/D · N/(t·p) · s_g bytes per GPU per step
 *   tensor (t)    4 all-reduces per layer per micro-batch (2 forward, 2 backward)
 *   pipeline (p)  point-to-point activations and gradients; idle bubble (p−1)/(m+p−1)
 *   context (c)   all-gather of K and V per layer (ring attention), reduce-scatter in backward
 *   expert (e)    all-to-all dispatch and combine per MoE layer, twice more in backward
 *
 * @see Narayanan et al., "Efficient Large-Scale Language Model Training on GPU Clusters Using Megatron-LM" (2021), §2–3
 * @see Huang et al., "GPipe" (2019): bubble (p−1)/(m+p−1)
 */
import { defineFormula } from '../formula';
import { flopsPerGpuPerStep, globalBatchSequences, worldSize } from './layout';
import { kvCacheBytesOf, kvElementsPerLayerToken } from '../memory/formulas';
import { InputError } from '../units';
import { zeroModelStateBytes, MIXED_PRECISION_ADAM, type ModelStateBytesPerParam, type ZeroStage } from '../training/memory';
import { activationBytesDetailed, activationBytesPerLayer, type RecomputeMode } from '../training/activations';

/**
 * Fraction of a pipeline step the GPUs sit idle: (p−1)/(m+p−1) for p stages and m
 * micro-batches (GPipe and 1F1B schedules alike).
 * @example pipelineBubbleFraction(4, 8) //=> 0.2727… (3/11)
 */
export function pipelineBubbleFraction(stages: number, microBatches: number): number {
  return (stages - 1) / (microBatches + stages - 1);
}

export const pipelineBubbleFormula = defineFormula({
  id: 'parallel.pipelineBubble',
  anchor: 'pipeline-bubble',
  page: 'parallelism',
  title: 'Pipeline bubble',
  description: 'The fraction of a step each stage waits for the pipeline to fill and drain.',
  lhs: 'f_{\\text{bubble}}',
  unit: 'ratio',
  symbols: { p: '\\mathrm{PP}', m: 'm' },
  labels: { p: 'Pipeline stages PP', m: 'Micro-batches per step m' },
  domains: { p: 'positiveInt', m: 'positiveInt' },
  tex: (v) => String.raw`\frac{${v.p} - 1}{${v.m} + ${v.p} - 1}`,
  compute: ({ p, m }) => pipelineBubbleFraction(p, m),
  example: { p: 4, m: 8 },
  notes: ['More micro-batches shrink the bubble but each holds activations; interleaved schedules divide it by the virtual stages.'],
});

/**
 * Bytes each GPU sends (and receives) in a ring all-reduce of the gradients: 2·(D−1)/D·N·s.
 * @example dataParallelAllReduceBytes({ params: 7e9, bytesPerGrad: 2, ranks: 8 }) //=> 24500000000
 */
export function dataParallelAllReduceBytes(p: { params: number; bytesPerGrad: number; ranks: number }): number {
  return ((2 * (p.ranks - 1)) / p.ranks) * p.params * p.bytesPerGrad;
}

export const dataAllReduceFormula = defineFormula({
  id: 'parallel.dataAllReduce',
  anchor: 'data-parallel-all-reduce',
  page: 'parallelism',
  title: 'Data-parallel gradient all-reduce',
  description: 'Per step, each of DP replicas sends and receives 2·(DP−1)/DP of its gradients in a ring all-reduce.',
  lhs: 'V_{\\text{DP}}',
  unit: 'B',
  symbols: { N: 'N', s: 'b_g', D: '\\mathrm{DP}' },
  labels: { N: 'Parameters on the GPU', s: 'Bytes per gradient b_g', D: 'Data-parallel size DP' },
  domains: { N: 'positive', s: 'positive', D: 'positiveInt' },
  tex: (v) => String.raw`\frac{2 \cdot (${v.D} - 1)}{${v.D}} \cdot ${v.N} \cdot ${v.s}`,
  compute: ({ N, s, D }) => dataParallelAllReduceBytes({ params: N, bytesPerGrad: s, ranks: D }),
  // Llama 2 7B in bf16 gradients over 8 replicas.
  example: { N: 6_738_415_616, s: 2, D: 8 },
  notes: ['ZeRO 1 and 2 move the same volume (reduce-scatter + all-gather); ZeRO 3 adds an all-gather of the weights: 1.5×.'],
});

/**
 * Tensor-parallel bytes each GPU sends per step: k·L·2·(t−1)/t·b·S·H·s, k all-reduces
 * per layer (2 in a forward pass, 4 for forward + backward).
 * @example tensorParallelBytes({ allReducesPerLayer: 4, layers: 32, microBatch: 1, seq: 4096, hidden: 4096, bytesPerElement: 2, tp: 8 }) //=> 7516192768
 */
export function tensorParallelBytes(p: {
  allReducesPerLayer: number;
  layers: number;
  microBatch: number;
  seq: number;
  hidden: number;
  bytesPerElement: number;
  tp: number;
}): number {
  return p.allReducesPerLayer * p.layers * ((2 * (p.tp - 1)) / p.tp) * p.microBatch * p.seq * p.hidden * p.bytesPerElement;
}

export const tensorCommFormula = defineFormula({
  id: 'parallel.tensorComm',
  anchor: 'tensor-parallel-comm',
  page: 'parallelism',
  title: 'Tensor-parallel communication',
  description:
    'Megatron’s tensor parallelism all-reduces the [b, S, H] activation twice per layer in the forward pass and twice in the backward; sequence parallelism swaps each for a reduce-scatter plus an all-gather of the same volume.',
  lhs: 'V_{\\text{TP}}',
  unit: 'B',
  symbols: { k: 'n_{\\text{AR}}', L: 'L', b: 'b', S: 'S', H: 'H', s: 's', t: '\\mathrm{TP}' },
  labels: {
    k: 'All-reduces per layer n_AR (2 forward, 4 training)',
    L: 'Layers on the GPU',
    b: 'Micro-batch size',
    S: 'Sequence length',
    H: 'Hidden size',
    s: 'Bytes per element',
    t: 'Tensor-parallel size TP',
  },
  domains: { k: 'positiveInt', L: 'positiveInt', b: 'positiveInt', S: 'positiveInt', H: 'positiveInt', s: 'positive', t: 'positiveInt' },
  tex: (v) => String.raw`${v.k} \cdot ${v.L} \cdot \frac{2 \cdot (${v.t} - 1)}{${v.t}} \cdot ${v.b} \cdot ${v.S} \cdot ${v.H} \cdot ${v.s}`,
  compute: ({ k, L, b, S, H, s, t }) => tensorParallelBytes({ allReducesPerLayer: k, layers: L, microBatch: b, seq: S, hidden: H, bytesPerElement: s, tp: t }),
  // Llama 2 7B, one 4,096-token micro-batch, t = 8, forward + backward.
  example: { k: 4, L: 32, b: 1, S: 4096, H: 4096, s: 2, t: 8 },
  notes: ['Per micro-batch; multiply by the micro-batches in a step. Keep t within one NVLink domain (8 GPUs).'],
});

/**
 * Expert-parallel all-to-all bytes each GPU sends: c·L·(e−1)/e·b·S·k·H·s, c all-to-alls
 * per MoE layer (2 forward: dispatch and combine; 4 with backward), k experts per token.
 * @example expertAllToAllBytes({ allToAllsPerLayer: 4, layers: 32, microBatch: 1, seq: 4096, topK: 2, hidden: 4096, bytesPerElement: 2, ep: 8 }) //=> 7516192768
 */
export function expertAllToAllBytes(p: {
  allToAllsPerLayer: number;
  layers: number;
  microBatch: number;
  seq: number;
  topK: number;
  hidden: number;
  bytesPerElement: number;
  ep: number;
}): number {
  return p.allToAllsPerLayer * p.layers * ((p.ep - 1) / p.ep) * p.microBatch * p.seq * p.topK * p.hidden * p.bytesPerElement;
}

export const expertAllToAllFormula = defineFormula({
  id: 'parallel.expertAllToAll',
  anchor: 'expert-all-to-all',
  page: 'parallelism',
  title: 'Expert-parallel all-to-all',
  description:
    'Each token’s hidden state goes to its k experts and comes back: two all-to-alls per MoE layer forward, two more backward; (EP−1)/EP of it leaves the GPU.',
  lhs: 'V_{\\text{EP}}',
  unit: 'B',
  symbols: { c: 'n_{\\text{a2a}}', L: 'L_{\\text{MoE}}', b: 'b', S: 'S', k: 'k', H: 'H', s: 's', e: '\\mathrm{EP}' },
  labels: {
    c: 'All-to-alls per MoE layer n_a2a (2 forward, 4 training)',
    L: 'MoE layers L_MoE (on the GPU)',
    b: 'Micro-batch size',
    S: 'Sequence length',
    k: 'Experts per token',
    H: 'Hidden size',
    s: 'Bytes per element',
    e: 'Expert-parallel size EP',
  },
  domains: {
    c: 'positiveInt',
    L: 'positiveInt',
    b: 'positiveInt',
    S: 'positiveInt',
    k: 'positiveInt',
    H: 'positiveInt',
    s: 'positive',
    e: 'positiveInt',
  },
  tex: (v) => String.raw`${v.c} \cdot ${v.L} \cdot \frac{${v.e} - 1}{${v.e}} \cdot ${v.b} \cdot ${v.S} \cdot ${v.k} \cdot ${v.H} \cdot ${v.s}`,
  compute: ({ c, L, b, S, k, H, s, e }) =>
    expertAllToAllBytes({ allToAllsPerLayer: c, layers: L, microBatch: b, seq: S, topK: k, hidden: H, bytesPerElement: s, ep: e }),
  // Mixtral 8x7B shape: 32 MoE layers, H = 4096, top-2, 8-way expert parallel, forward + backward.
  example: { c: 4, L: 32, b: 1, S: 4096, k: 2, H: 4096, s: 2, e: 8 },
  notes: ['Assumes tokens spread evenly over experts; real routing is uneven and the busiest GPU sets the pace.'],
});

/**
 * Pipeline point-to-point bytes per stage boundary per step: activations forward and
 * their gradients backward, 2·m·b·S·H·s.
 * @example pipelineP2PBytes({ microBatches: 8, microBatch: 1, seq: 4096, hidden: 8192, bytesPerElement: 2 }) //=> 1073741824
 */
export function pipelineP2PBytes(p: { microBatches: number; microBatch: number; seq: number; hidden: number; bytesPerElement: number }): number {
  return 2 * p.microBatches * p.microBatch * p.seq * p.hidden * p.bytesPerElement;
}

export const pipelineP2PFormula = defineFormula({
  id: 'parallel.pipelineP2P',
  anchor: 'pipeline-p2p',
  page: 'parallelism',
  title: 'Pipeline point-to-point traffic',
  description: 'Each stage boundary passes every micro-batch’s [b, S, H] activation forward and its gradient back.',
  lhs: 'V_{\\text{PP}}',
  unit: 'B',
  symbols: { m: 'm', b: 'b', S: 'S', H: 'H', s: 's' },
  labels: { m: 'Micro-batches per step', b: 'Micro-batch size', S: 'Sequence length', H: 'Hidden size', s: 'Bytes per element' },
  domains: { m: 'positiveInt', b: 'positiveInt', S: 'positiveInt', H: 'positiveInt', s: 'positive' },
  tex: (v) => String.raw`2 \cdot ${v.m} \cdot ${v.b} \cdot ${v.S} \cdot ${v.H} \cdot ${v.s}`,
  compute: ({ m, b, S, H, s }) => pipelineP2PBytes({ microBatches: m, microBatch: b, seq: S, hidden: H, bytesPerElement: s }),
  example: { m: 8, b: 1, S: 4096, H: 8192, s: 2 },
  notes: ['The smallest traffic of all the splits, which is why pipeline parallelism crosses nodes.'],
});

/**
 * Context-parallel (ring attention) bytes each GPU receives per layer per micro-batch,
 * forward and backward: 2·2·(c−1)/c·b·S·h_kv·d·s (K and V gathered forward, their
 * gradients reduce-scattered backward).
 * @example contextParallelBytes({ layers: 1, microBatch: 1, seq: 131072, kvHeads: 8, headDim: 128, bytesPerElement: 2, cp: 4 }) //=> 805306368
 */
export function contextParallelBytes(p: {
  layers: number;
  microBatch: number;
  seq: number;
  kvHeads: number;
  headDim: number;
  bytesPerElement: number;
  cp: number;
}): number {
  // K and V of the micro-batch's b·S tokens in every layer: a KV cache's bytes (../memory/formulas.ts),
  // (c−1)/c of it from the other GPUs, once forward and once (as gradients) backward.
  const kv = kvCacheBytesOf({
    fullLayers: p.layers,
    windowedLayers: 0,
    contextTokens: p.microBatch * p.seq,
    window: p.microBatch * p.seq,
    elements: kvElementsPerLayerToken({ kvHeads: p.kvHeads, headDim: p.headDim }),
    bytesPerElement: p.bytesPerElement,
  });
  return 2 * ((p.cp - 1) / p.cp) * kv;
}

export const contextCommFormula = defineFormula({
  id: 'parallel.contextComm',
  anchor: 'context-parallel-comm',
  page: 'parallelism',
  title: 'Context-parallel communication',
  description:
    'Splitting S over CP GPUs leaves each query chunk needing every other chunk’s K and V: gathered in the forward pass, gradients scattered back in the backward.',
  lhs: 'V_{\\text{CP}}',
  unit: 'B',
  symbols: { L: 'L', b: 'b', S: 'S', hkv: 'h_{kv}', d: 'd', s: 's', c: '\\mathrm{CP}' },
  labels: {
    L: 'Layers on the GPU',
    b: 'Micro-batch size',
    S: 'Sequence length',
    hkv: 'KV heads',
    d: 'Head dimension',
    s: 'Bytes per element',
    c: 'Context-parallel size CP',
  },
  domains: { L: 'positiveInt', b: 'positiveInt', S: 'positiveInt', hkv: 'positiveInt', d: 'positiveInt', s: 'positive', c: 'positiveInt' },
  tex: (v) => String.raw`2 \cdot 2 \cdot ${v.L} \cdot \frac{${v.c} - 1}{${v.c}} \cdot ${v.b} \cdot ${v.S} \cdot ${v.hkv} \cdot ${v.d} \cdot ${v.s}`,
  compute: ({ L, b, S, hkv, d, s, c }) => contextParallelBytes({ layers: L, microBatch: b, seq: S, kvHeads: hkv, headDim: d, bytesPerElement: s, cp: c }),
  // Llama 3 70B-like attention (8 KV heads of 128) at 128K context over 4 GPUs, one layer.
  example: { L: 1, b: 1, S: 131072, hkv: 8, d: 128, s: 2, c: 4 },
  notes: ['GQA shrinks this by h/h_kv; ring attention overlaps it with the score computation.'],
});

/** A model as the parallelism planner needs it (plain numbers). */
export interface ParallelModel {
  /** Total parameters N. */
  params: number;
  /** Parameters in routed experts (0 for a dense model); split by expert parallelism. */
  expertParams: number;
  /** Parameters used per token (N for dense; for MoE, the active count). */
  activeParams: number;
  layers: number;
  /** Layers with an MoE FFN. */
  moeLayers: number;
  hidden: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  ffnWidth: number;
  ffn: 'mlp' | 'gated';
  /** Experts per token (MoE); 1 for dense. */
  topK: number;
}

/** How the GPUs are split. GPUs = dp · tp · pp · cp (ep is carved out of dp). */
export interface ParallelConfig {
  dp: number;
  tp: number;
  pp: number;
  cp: number;
  ep: number;
  zero: ZeroStage;
  /** Sequence parallelism alongside tensor parallelism. */
  sp: boolean;
  recompute: RecomputeMode;
  /** Sequences per micro-batch, b. */
  microBatch: number;
  /** Micro-batches per step per data-parallel replica, m. */
  microBatches: number;
  /** Sequence length S. */
  seq: number;
  /** Bytes per activation element (2 for bf16). */
  bytesPerElement?: number;
  /** FlashAttention-style kernels (no s² scores kept). */
  flash?: boolean;
  /** Dropout layers present (GPT-3: yes; Llama: no). */
  dropout?: boolean;
  stateBytes?: ModelStateBytesPerParam;
  /**
   * How activations are counted: 'flash' (default) term by term for this model's block with
   * FlashAttention; 'korthikanti' the paper's closed form for a GPT-3 block (MHA, I = 4H,
   * dropout, scores stored).
   */
  activationCount?: 'flash' | 'korthikanti';
}

export interface ParallelPlan {
  gpus: number;
  /** Parameters held by each GPU. */
  paramsPerGpu: number;
  /** Weights, gradients and optimizer state per GPU after ZeRO. */
  modelStateBytes: number;
  /** The same, by part. */
  modelStates: { weights: number; grads: number; optimizer: number };
  /** Activation bytes of one layer for one micro-batch on this GPU. */
  activationBytesPerLayer: number;
  /** Layers' worth of activations held at the 1F1B peak: L/p layers × min(m, p) micro-batches. */
  activationLayers: number;
  /** Activations per GPU at the 1F1B peak (first stage: min(m, p) micro-batches in flight). */
  activationBytes: number;
  /** modelStateBytes + activationBytes */
  totalBytes: number;
  /** Training FLOPs each GPU does per step (6 × active params × its share of tokens). */
  flopsPerGpuPerStep: number;
  /** Tokens in one optimizer step across all replicas. */
  tokensPerStep: number;
  bubble: number;
  /** Bytes each GPU sends per step, by kind. */
  commBytes: { data: number; tensor: number; pipeline: number; context: number; expert: number };
}

function checkWhole(value: number, field: string): void {
  if (!(Number.isInteger(value) && value >= 1)) throw new InputError(field, `${field} must be a whole number of at least 1`);
}

/**
 * Per-GPU memory, FLOPs and communication for training `model` split as `cfg`.
 * Layers and parameters are assumed to divide evenly over stages and ranks.
 */
export function planParallelism(model: ParallelModel, cfg: ParallelConfig): ParallelPlan {
  for (const key of ['dp', 'tp', 'pp', 'cp', 'ep', 'microBatch', 'microBatches', 'seq'] as const) checkWhole(cfg[key], key);
  if (cfg.dp % cfg.ep !== 0) throw new InputError('ep', `expert-parallel size ${cfg.ep} must divide the data-parallel size ${cfg.dp}`);
  if (cfg.pp > model.layers) throw new InputError('pp', `pipeline stages (${cfg.pp}) cannot exceed the layers (${model.layers})`);
  if (cfg.seq % cfg.cp !== 0) throw new InputError('cp', `context-parallel size ${cfg.cp} must divide the sequence length ${cfg.seq}`);
  if (!(model.params > 0)) throw new InputError('params', 'params must be greater than 0');
  if (!(model.expertParams >= 0 && model.expertParams < model.params)) {
    throw new InputError('expertParams', 'expertParams must be at least 0 and less than params');
  }
  const e = cfg.bytesPerElement ?? 2;
  const stateBytes = cfg.stateBytes ?? MIXED_PRECISION_ADAM;
  const { dp, tp, pp, cp, ep } = cfg;
  const denseParams = model.params - model.expertParams;
  const densePerGpu = denseParams / (tp * pp);
  const expertPerGpu = model.expertParams / (tp * pp * ep);
  const dense = zeroModelStateBytes({ params: densePerGpu, ranks: dp, stage: cfg.zero, bytes: stateBytes });
  const experts = expertPerGpu > 0 ? zeroModelStateBytes({ params: expertPerGpu, ranks: dp / ep, stage: cfg.zero, bytes: stateBytes }) : null;
  const modelStates = {
    weights: dense.weights + (experts?.weights ?? 0),
    grads: dense.grads + (experts?.grads ?? 0),
    optimizer: dense.optimizer + (experts?.optimizer ?? 0),
  };
  const states = dense.total + (experts?.total ?? 0);
  const layersPerStage = model.layers / pp;
  const seqPerGpu = cfg.seq / cp;
  const perLayer =
    cfg.activationCount === 'korthikanti'
      ? activationBytesPerLayer({
          seq: seqPerGpu,
          microBatch: cfg.microBatch,
          hidden: model.hidden,
          heads: model.heads,
          tp,
          sp: cfg.sp,
          recompute: cfg.recompute,
        })
      : activationBytesDetailed({
          seq: seqPerGpu,
          microBatch: cfg.microBatch,
          hidden: model.hidden,
          heads: model.heads,
          kvHeads: model.kvHeads,
          headDim: model.headDim,
          ffnWidth: model.ffnWidth,
          ffn: model.ffn,
          dropout: cfg.dropout ?? false,
          flash: cfg.flash ?? true,
          tp,
          sp: cfg.sp,
          recompute: cfg.recompute,
          bytesPerElement: e,
        });
  const inFlight = Math.min(cfg.microBatches, pp);
  const activationLayers = layersPerStage * inFlight;
  const activationBytes = perLayer * activationLayers;
  const tokensPerStep = globalBatchSequences({ dp, microBatches: cfg.microBatches, microBatch: cfg.microBatch }) * cfg.seq;
  // Data parallelism buys tokens per step, not FLOPs per GPU: each replica does its own m·b sequences.
  const flopsPerGpu = flopsPerGpuPerStep({ params: model.activeParams, microBatches: cfg.microBatches, microBatch: cfg.microBatch, seq: cfg.seq, tp, pp, cp });
  const microTokens = cfg.microBatch * seqPerGpu;
  const stageFraction = layersPerStage / model.layers;
  return {
    gpus: worldSize({ dp, tp, pp, cp }),
    paramsPerGpu: densePerGpu + expertPerGpu,
    modelStateBytes: states,
    modelStates,
    activationBytesPerLayer: perLayer,
    activationLayers,
    activationBytes,
    totalBytes: states + activationBytes,
    flopsPerGpuPerStep: flopsPerGpu,
    tokensPerStep,
    bubble: pipelineBubbleFraction(pp, cfg.microBatches),
    commBytes: {
      data:
        dataParallelAllReduceBytes({ params: densePerGpu, bytesPerGrad: stateBytes.grads, ranks: dp }) +
        (expertPerGpu > 0 ? dataParallelAllReduceBytes({ params: expertPerGpu, bytesPerGrad: stateBytes.grads, ranks: dp / ep }) : 0),
      tensor:
        cfg.microBatches *
        tensorParallelBytes({
          allReducesPerLayer: 4,
          layers: layersPerStage,
          microBatch: cfg.microBatch,
          seq: seqPerGpu,
          hidden: model.hidden,
          bytesPerElement: e,
          tp,
        }),
      pipeline:
        pp > 1
          ? pipelineP2PBytes({ microBatches: cfg.microBatches, microBatch: cfg.microBatch, seq: seqPerGpu, hidden: model.hidden, bytesPerElement: e }) /
            (cfg.sp ? tp : 1)
          : 0,
      context:
        (cfg.microBatches *
          contextParallelBytes({
            layers: layersPerStage,
            microBatch: cfg.microBatch,
            seq: cfg.seq,
            kvHeads: model.kvHeads,
            headDim: model.headDim,
            bytesPerElement: e,
            cp,
          })) /
        tp,
      expert:
        model.moeLayers > 0
          ? cfg.microBatches *
            expertAllToAllBytes({
              allToAllsPerLayer: 4,
              layers: Math.max(1, Math.round(model.moeLayers * stageFraction)),
              microBatch: 1,
              seq: microTokens,
              topK: model.topK,
              hidden: model.hidden,
              bytesPerElement: e,
              ep,
            })
          : 0,
    },
  };
}

export const parallelFormulas = [pipelineBubbleFormula, dataAllReduceFormula, tensorCommFormula, expertAllToAllFormula, pipelineP2PFormula, contextCommFormula];
