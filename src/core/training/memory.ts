/**
 * Training memory for model states under mixed-precision Adam, and how ZeRO shards them.
 *
 * Per parameter (Rajbhandari et al. 2020, §3.1): bf16/fp16 weights (2 B) and gradients
 * (2 B), and the optimizer's fp32 state K = 12 B: a master copy of the weights (4 B) and
 * Adam's two moments (4 B + 4 B). 2 + 2 + 12 = 16 bytes per parameter. Keeping fp32
 * gradients (for accumulation or an fp32 all-reduce) makes it 18, and another fp32 copy
 * 20: the "about 20 bytes" the reference article quotes.
 *
 * ZeRO over D data-parallel ranks: stage 1 shards the optimizer state, stage 2 also the
 * gradients, stage 3 also the weights. Per GPU:
 *   stage 0: (w + g + k)·N   stage 1: (w + g)·N + k·N/D
 *   stage 2: w·N + (g + k)·N/D   stage 3: (w + g + k)·N/D
 * @see Rajbhandari et al., "ZeRO: Memory Optimizations Toward Training Trillion Parameter Models" (2020), §5, figure 1
 */
import { defineFormula } from '../formula';
import { InputError } from '../units';

/** Bytes per parameter of each model state. */
export interface ModelStateBytesPerParam {
  /** Working weights (bf16/fp16: 2). */
  weights: number;
  /** Gradients (bf16/fp16: 2; fp32: 4). */
  grads: number;
  /** Optimizer state K: fp32 master weights 4 + Adam moments 4 + 4 = 12. */
  optimizer: number;
}

/** Mixed-precision Adam: 2 + 2 + 12 = 16 bytes per parameter. */
export const MIXED_PRECISION_ADAM: Readonly<ModelStateBytesPerParam> = { weights: 2, grads: 2, optimizer: 12 };

/** The same with gradients kept in fp32: 2 + 4 + 12 = 18 bytes per parameter. */
export const MIXED_PRECISION_ADAM_FP32_GRADS: Readonly<ModelStateBytesPerParam> = { weights: 2, grads: 4, optimizer: 12 };

export type ZeroStage = 0 | 1 | 2 | 3;

/** Every ZeRO stage, in order: 0 shards nothing, 1 the optimizer state, 2 also the gradients, 3 also the weights. */
export const ZERO_STAGES: readonly ZeroStage[] = [0, 1, 2, 3];

/** Model-state bytes on one GPU, by part. */
export interface ModelStateBreakdown {
  weights: number;
  grads: number;
  optimizer: number;
  total: number;
}

/**
 * Model-state bytes per GPU for N parameters under ZeRO stage `stage` over `ranks` data-parallel GPUs.
 * @example zeroModelStateBytes({ params: 7.5e9, ranks: 64, stage: 3 }).total //=> 1875000000
 * @example zeroModelStateBytes({ params: 7.5e9, ranks: 64, stage: 1 }).total //=> 31406250000
 */
export function zeroModelStateBytes(p: { params: number; ranks: number; stage: ZeroStage; bytes?: ModelStateBytesPerParam }): ModelStateBreakdown {
  if (![0, 1, 2, 3].includes(p.stage)) throw new InputError('stage', 'ZeRO stage must be 0, 1, 2 or 3');
  if (!(Number.isInteger(p.ranks) && p.ranks >= 1)) throw new InputError('ranks', 'data-parallel ranks must be a whole number of at least 1');
  if (!(p.params > 0)) throw new InputError('params', 'parameters must be greater than 0');
  const b = p.bytes ?? MIXED_PRECISION_ADAM;
  const weights = (b.weights * p.params) / (p.stage >= 3 ? p.ranks : 1);
  const grads = (b.grads * p.params) / (p.stage >= 2 ? p.ranks : 1);
  const optimizer = (b.optimizer * p.params) / (p.stage >= 1 ? p.ranks : 1);
  return { weights, grads, optimizer, total: weights + grads + optimizer };
}

export const modelStateBytesFormula = defineFormula({
  id: 'training.modelStateBytes',
  anchor: 'model-state-bytes',
  page: 'training',
  title: 'Model states under mixed-precision Adam',
  description: 'Weights and gradients in 16 bits, plus fp32 master weights and Adam’s two fp32 moments: 2 + 2 + 4 + 4 + 4 = 16 bytes per parameter.',
  lhs: 'M_{\\text{states}}',
  unit: 'B',
  symbols: { w: 'b_w', g: 'b_g', m: 'b_{\\text{master}}', o: 'b_{\\text{Adam}}', N: 'N' },
  labels: {
    w: 'Bytes per weight (bf16: 2)',
    g: 'Bytes per gradient (bf16: 2, fp32: 4)',
    m: 'Bytes per fp32 master weight (4)',
    o: 'Bytes of Adam moments per parameter (2 × 4)',
    N: 'Parameters',
  },
  domains: { w: 'nonNegative', g: 'nonNegative', m: 'nonNegative', o: 'nonNegative', N: 'positive' },
  tex: (v) => String.raw`(${v.w} + ${v.g} + ${v.m} + ${v.o}) \cdot ${v.N}`,
  // Unsharded (stage 0, one rank): the optimizer state is the master copy and the moments.
  compute: ({ w, g, m, o, N }) => zeroModelStateBytes({ params: N, ranks: 1, stage: 0, bytes: { weights: w, grads: g, optimizer: m + o } }).total,
  // Llama 2 7B: 16 bytes × 6,738,415,616 parameters.
  example: { w: 2, g: 2, m: 4, o: 8, N: 6_738_415_616 },
  notes: [
    '16 bytes/param is the ZeRO paper’s accounting (K = 12 for the fp32 optimizer state).',
    'fp32 gradients make it 18; an extra fp32 gradient-accumulation buffer about 20, the reference article’s figure.',
    'Activations, temporary buffers and fragmentation come on top.',
  ],
});

export const zeroFormula = defineFormula({
  id: 'training.zero',
  anchor: 'zero',
  page: 'training',
  title: 'Model states per GPU under ZeRO',
  description:
    'ZeRO stage z shards, over DP data-parallel GPUs, the optimizer state (z ≥ 1), the gradients (z ≥ 2) and the weights (z = 3). [·] is 1 when true, 0 when false.',
  lhs: 'M_{\\text{states}}^{\\text{GPU}}',
  unit: 'B',
  symbols: { N: 'N', w: 'b_w', g: 'b_g', k: 'b_{\\text{opt}}', D: '\\mathrm{DP}', z: 'z' },
  labels: {
    N: 'Parameters',
    w: 'Bytes per weight',
    g: 'Bytes per gradient',
    k: 'Bytes of optimizer state per parameter b_opt (fp32 master + Adam = 12)',
    D: 'Data-parallel size DP',
    z: 'ZeRO stage (0–3)',
  },
  domains: { N: 'positive', w: 'nonNegative', g: 'nonNegative', k: 'nonNegative', D: 'positiveInt', z: 'nonNegativeInt' },
  tex: (v) =>
    String.raw`${v.N} \left( \frac{${v.w}}{${v.D}^{[${v.z} \ge 3]}} + \frac{${v.g}}{${v.D}^{[${v.z} \ge 2]}} + \frac{${v.k}}{${v.D}^{[${v.z} \ge 1]}} \right)`,
  compute: ({ N, w, g, k, D, z }) => {
    if (z > 3) throw new InputError('z', 'ZeRO stage must be 0, 1, 2 or 3');
    return zeroModelStateBytes({ params: N, ranks: D, stage: z as ZeroStage, bytes: { weights: w, grads: g, optimizer: k } }).total;
  },
  // The ZeRO paper's figure 1: Ψ = 7.5B parameters, N_d = 64 GPUs, stage 3 → 1.9 GB.
  example: { N: 7.5e9, w: 2, g: 2, k: 12, D: 64, z: 3 },
  notes: [
    'ZeRO paper figure 1 (Ψ = 7.5B, 64 GPUs): 120 GB, 31.4 GB, 16.6 GB, 1.9 GB for stages 0–3.',
    'Stage 3 adds an all-gather of the weights in forward and backward (1.5× the data-parallel traffic of stages 0–2).',
  ],
});

export const trainingMemoryFormulas = [modelStateBytesFormula, zeroFormula];
