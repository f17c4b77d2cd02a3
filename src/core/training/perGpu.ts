/**
 * Training memory on one GPU: model states after tensor, pipeline and ZeRO sharding,
 * plus the activations the GPU keeps for its backward pass.
 *
 *   parameters per GPU  N_GPU = N / (t·p)
 *   model states        ZeRO stage z over D data-parallel ranks (./memory.ts)
 *   activations         L · M_act(layer), M_act after Korthikanti et al. (./activations.ts)
 *   total               M_GPU = M_states + L · M_act
 *
 * Why L layers and not L/p: under the 1F1B pipeline schedule the first stage holds the
 * activations of p micro-batches in flight, each for its L/p layers, so its peak is
 * L layers' worth whatever p is (Korthikanti et al. 2022, §4.2.3; Narayanan et al. 2021).
 * That assumes at least p micro-batches per step; embeddings, the output layer and the
 * loss add a little more and are left out, as are buffers and fragmentation.
 * @see Korthikanti et al., "Reducing Activation Recomputation in Large Transformer Models" (2022), §4.2.3
 * @see Rajbhandari et al., "ZeRO: Memory Optimizations Toward Training Trillion Parameter Models" (2020), §5
 * @see Megatron Core, "Distributed Optimizer": 16, 18 or 20 bytes per parameter by parameter and gradient dtype
 */
import { checkInputs, defineFormula, type Derivation } from '../formula';
import { InputError } from '../units';
import { zeroFormula, zeroModelStateBytes, type ModelStateBytesPerParam, type ZeroStage } from './memory';
import {
  activationBytesDetailed,
  activationBytesFullFormula,
  activationBytesPerLayer,
  activationBytesSelectiveFormula,
  activationFormulaFor,
  RECOMPUTE_MODES,
  type RecomputeMode,
} from './activations';

/** How weights, gradients and optimizer state are stored. */
export type TrainingPrecision = 'adam16' | 'adam18' | 'adam20';

export const TRAINING_PRECISIONS: Readonly<Record<TrainingPrecision, { label: string; bytes: ModelStateBytesPerParam }>> = {
  // ZeRO §3.1: 16-bit weights and gradients, fp32 master copy and two fp32 Adam moments.
  adam16: { label: 'bf16 weights + bf16 grads + fp32 Adam: 16 B/param', bytes: { weights: 2, grads: 2, optimizer: 12 } },
  // Megatron with bf16: gradients accumulated and all-reduced in fp32 (main_grad).
  adam18: { label: 'bf16 weights + fp32 grads + fp32 Adam: 18 B/param', bytes: { weights: 2, grads: 4, optimizer: 12 } },
  // Megatron with fp16: fp16 gradients plus an fp32 copy of them (2 + 4).
  adam20: { label: 'fp16 weights + fp16 and fp32 grads + fp32 Adam: 20 B/param', bytes: { weights: 2, grads: 6, optimizer: 12 } },
};

/** Parses a precision name; InputError('precision') otherwise. */
export function parseTrainingPrecision(value: string): TrainingPrecision {
  if (value in TRAINING_PRECISIONS) return value as TrainingPrecision;
  throw new InputError('precision', `precision must be one of ${Object.keys(TRAINING_PRECISIONS).join(', ')}, got "${value}"`);
}

/**
 * Which activation count to use: Korthikanti's closed form for a GPT-3 block (MHA, I = 4H,
 * dropout, scores stored), or a term-by-term count of this model's block with FlashAttention
 * and no dropout (what Llama-style training runs do).
 */
export type ActivationCount = 'korthikanti' | 'flash';

export interface TrainingMemoryInput {
  /** Total parameters N. */
  params: number;
  layers: number;
  hidden: number;
  heads: number;
  kvHeads: number;
  headDim: number;
  ffnWidth: number;
  ffn: 'mlp' | 'gated';
  /** Sequence length s. */
  seq: number;
  /** Sequences per micro-batch b. */
  microBatch: number;
  dp: number;
  tp: number;
  pp: number;
  zero: ZeroStage;
  /** Sequence parallelism alongside tensor parallelism. */
  sp: boolean;
  recompute: RecomputeMode;
  precision: TrainingPrecision;
  activationCount: ActivationCount;
}

export interface TrainingMemory {
  /** GPUs in the job: D·t·p. */
  gpus: number;
  /** Parameters held by each GPU: N / (t·p). */
  paramsPerGpu: number;
  weights: number;
  grads: number;
  optimizer: number;
  modelStates: number;
  /** Activation bytes of one layer for one micro-batch on this GPU. */
  activationsPerLayer: number;
  /** Layers' worth of activations the busiest GPU holds (L under 1F1B). */
  activationLayers: number;
  activations: number;
  total: number;
  bytesPerParam: ModelStateBytesPerParam;
}

/**
 * Per-GPU training memory for a model split over D·t·p GPUs.
 * @example trainingMemoryPerGpu({ params: 6738415616, layers: 32, hidden: 4096, heads: 32, kvHeads: 32, headDim: 128, ffnWidth: 11008, ffn: 'gated', seq: 4096, microBatch: 1, dp: 8, tp: 1, pp: 1, zero: 3, sp: false, recompute: 'full', precision: 'adam16', activationCount: 'korthikanti' }).modelStates //=> 13476831232
 */
export function trainingMemoryPerGpu(p: TrainingMemoryInput): TrainingMemory {
  checkInputs(
    { params: p.params, layers: p.layers, seq: p.seq, microBatch: p.microBatch, dp: p.dp, tp: p.tp, pp: p.pp },
    { params: 'positive', layers: 'positiveInt', seq: 'positiveInt', microBatch: 'positiveInt', dp: 'positiveInt', tp: 'positiveInt', pp: 'positiveInt' },
    {
      params: 'Parameters',
      layers: 'Layers',
      seq: 'Sequence length s',
      microBatch: 'Micro-batch size b',
      dp: 'Data-parallel size D',
      tp: 'Tensor-parallel size t',
      pp: 'Pipeline stages p',
    },
  );
  if (p.tp > p.heads || p.heads % p.tp !== 0) {
    throw new InputError('tp', `Tensor-parallel size t = ${p.tp} must divide the ${p.heads} attention heads`);
  }
  if (p.pp > p.layers) throw new InputError('pp', `Pipeline stages p = ${p.pp} cannot exceed the ${p.layers} layers`);
  if (!RECOMPUTE_MODES.includes(p.recompute)) throw new InputError('recompute', `recompute must be one of ${RECOMPUTE_MODES.join(', ')}`);
  const bytesPerParam = TRAINING_PRECISIONS[parseTrainingPrecision(p.precision)].bytes;
  const paramsPerGpu = p.params / (p.tp * p.pp);
  const states = zeroModelStateBytes({ params: paramsPerGpu, ranks: p.dp, stage: p.zero, bytes: bytesPerParam });
  const shape = { seq: p.seq, microBatch: p.microBatch, hidden: p.hidden, heads: p.heads, tp: p.tp, sp: p.sp, recompute: p.recompute };
  const activationsPerLayer =
    p.activationCount === 'korthikanti'
      ? activationBytesPerLayer(shape)
      : activationBytesDetailed({ ...shape, kvHeads: p.kvHeads, headDim: p.headDim, ffnWidth: p.ffnWidth, ffn: p.ffn, dropout: false, flash: true });
  const activationLayers = p.layers;
  const activations = trainingMemoryTotal({ M: 0, L: activationLayers, A: activationsPerLayer });
  return {
    gpus: p.dp * p.tp * p.pp,
    paramsPerGpu,
    weights: states.weights,
    grads: states.grads,
    optimizer: states.optimizer,
    modelStates: states.total,
    activationsPerLayer,
    activationLayers,
    activations,
    total: trainingMemoryTotal({ M: states.total, L: activationLayers, A: activationsPerLayer }),
    bytesPerParam,
  };
}

/**
 * M_GPU = M_states + L·M_act.
 * @example trainingMemoryTotal({ M: 13476831232, L: 32, A: 4194304 }) //=> 13611048960
 */
export function trainingMemoryTotal({ M, L, A }: { M: number; L: number; A: number }): number {
  return M + L * A;
}

export const trainingMemoryPerGpuFormula = defineFormula({
  id: 'training.memoryPerGpu',
  anchor: 'training-memory-per-gpu',
  page: 'training',
  title: 'Training memory per GPU',
  description:
    'Model states after ZeRO sharding, plus L layers of activations: under the 1F1B schedule the first pipeline stage holds p micro-batches of L/p layers each.',
  lhs: 'M_{\\text{GPU}}',
  unit: 'B',
  symbols: { M: 'M_{\\text{states}}^{\\text{GPU}}', L: 'L', A: 'M_{\\text{act}}' },
  labels: { M: 'Model states per GPU (bytes)', L: 'Layers L', A: 'Activations per layer per GPU (bytes)' },
  domains: { M: 'nonNegative', L: 'positiveInt', A: 'nonNegative' },
  tex: (v) => String.raw`${v.M} + ${v.L} \cdot ${v.A}`,
  compute: (input) => trainingMemoryTotal(input),
  // Llama 2 7B on 8 GPUs, ZeRO-3, 16 B/param (13,476,831,232 B of states), s = 4096, b = 1,
  // full recomputation: 2·4096·1·4096 = 33,554,432 B per layer.
  example: { M: 13_476_831_232, L: 32, A: 33_554_432 },
  notes: [
    'Assumes at least p micro-batches per step; embeddings, the LM head and the loss add a little, buffers and fragmentation more.',
    'Korthikanti et al. 2022 §4.2.3: with 1F1B the first stage’s activation memory is independent of the number of stages.',
  ],
});

export interface TrainingMemoryDerivations {
  /** Model states per GPU (training.zero) with N = N/(t·p). */
  states: Derivation;
  /**
   * Activations per layer by Korthikanti's closed form for this parallelism and recomputation;
   * null for the term-by-term FlashAttention count, which has no closed form.
   */
  activations: Derivation | null;
  /** M_GPU = M_states + L·M_act (training.memoryPerGpu). */
  total: Derivation;
}

/**
 * The derivations behind trainingMemoryPerGpu, each with the inputs it used, so a view
 * shows how the per-GPU figure was reached. Their values equal the breakdown's.
 */
export function trainingMemoryDerivations(p: TrainingMemoryInput, m: TrainingMemory = trainingMemoryPerGpu(p)): TrainingMemoryDerivations {
  const b = m.bytesPerParam;
  const states = zeroFormula.derive({ N: m.paramsPerGpu, w: b.weights, g: b.grads, k: b.optimizer, D: p.dp, z: p.zero });
  let activations: Derivation | null = null;
  if (p.activationCount === 'korthikanti') {
    const base = { s: p.seq, b: p.microBatch, H: p.hidden };
    if (p.recompute === 'full') activations = activationBytesFullFormula.derive({ ...base, t: p.sp ? p.tp : 1 });
    else if (p.recompute === 'selective') {
      // Without sequence parallelism the 10·s·b·H outside the TP region is not split: the closed form holds for t = 1 only.
      if (p.sp || p.tp === 1) activations = activationBytesSelectiveFormula.derive({ ...base, t: p.tp });
    } else {
      const formula = activationFormulaFor({ sp: p.sp, tp: p.tp, recompute: 'none' });
      if (formula) activations = formula.derive({ ...base, a: p.heads, t: p.tp });
    }
  }
  const total = trainingMemoryPerGpuFormula.derive({ M: m.modelStates, L: m.activationLayers, A: m.activationsPerLayer });
  return { states, activations, total };
}

export const trainingPerGpuFormulas = [trainingMemoryPerGpuFormula];
