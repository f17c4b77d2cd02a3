/**
 * Training compute: FLOPs per token, for a token budget, and the time and GPU-hours
 * that takes at a given MFU.
 *
 * A matmul's backward pass computes two gradients (of the input and of the weight),
 * each as costly as the forward, so forward + backward = 3 × forward: 6N per token
 * (Kaplan et al. 2020, §2.1). Full activation recomputation runs the forward once more:
 * 8N. Attention's score and value matmuls have no parameters, so N misses them; PaLM's
 * appendix B adds them: 6N + 12·L·h·d·S per token with every query attending every
 * key (full), half that with a causal mask.
 * @see Kaplan et al., "Scaling Laws for Neural Language Models" (2020), §2.1
 * @see Chowdhery et al., "PaLM" (2022), appendix B
 */
import { defineFormula } from '../formula';
import { attentionMatmulFlops, weightFlopsPerToken } from '../flops/flops';
import { computeSeconds } from '../matmul/matmul';
import { InputError } from '../units';

/** 60 · 60. */
export const SECONDS_PER_HOUR = 3600;

/**
 * GPU-hours of `gpus` GPUs busy for `seconds`: seconds·G/3600.
 * @example gpuHoursFromSeconds({ seconds: 86400, gpus: 8 }) //=> 192
 */
export function gpuHoursFromSeconds(p: { seconds: number; gpus: number }): number {
  return (p.seconds * p.gpus) / SECONDS_PER_HOUR;
}

/**
 * Wall-clock seconds in which `gpus` GPUs spend `gpuHours`: GPU-h·3600/G.
 * @example secondsFromGpuHours({ gpuHours: 192, gpus: 8 }) //=> 86400
 */
export function secondsFromGpuHours(p: { gpuHours: number; gpus: number }): number {
  return (p.gpuHours * SECONDS_PER_HOUR) / p.gpus;
}

/** Which attention FLOPs count. 'none': 6N only. 'causal': half the score matrix. 'full': all of it (PaLM). */
export type AttentionConvention = 'none' | 'causal' | 'full';

export const ATTENTION_CONVENTIONS: readonly AttentionConvention[] = ['none', 'causal', 'full'];

/** The multiplier m on 12·L·h·d·S for each convention. */
export function attentionMaskFactor(convention: AttentionConvention): number {
  switch (convention) {
    case 'none':
      return 0;
    case 'causal':
      return 0.5;
    case 'full':
      return 1;
  }
}

/** Parses 'none' | 'causal' | 'full'; InputError('attention') otherwise. */
export function parseAttentionConvention(value: string): AttentionConvention {
  if ((ATTENTION_CONVENTIONS as readonly string[]).includes(value)) return value as AttentionConvention;
  throw new InputError('attention', `attention must be one of ${ATTENTION_CONVENTIONS.join(', ')}, got "${value}"`);
}

/**
 * Training FLOPs per token from parameters alone: 6N.
 * @example trainingFlopsPerToken(6738415616) //=> 40430493696
 */
export function trainingFlopsPerToken(params: number): number {
  // Forward 2N, backward twice that: 3 × the forward pass.
  return 3 * weightFlopsPerToken(params);
}

/**
 * Forward FLOPs per token of attention's two parameter-free matmuls (Q·Kᵀ and scores·V,
 * 2·h·d per key each) over m·S keys in each of L layers: 4·m·L·h·d·S (PaLM appendix B's
 * forward term; m = 1 full, 1/2 causal, 0 none).
 * @example attentionForwardFlopsPerToken({ mask: 1, layers: 80, heads: 64, headDim: 128, seq: 8192 }) //=> 21474836480
 */
export function attentionForwardFlopsPerToken(p: { mask: number; layers: number; heads: number; headDim: number; seq: number }): number {
  return p.layers * 2 * attentionMatmulFlops({ batch: 1, width: p.heads * p.headDim, pairs: p.mask * p.seq });
}

/**
 * Training FLOPs per token with attention (PaLM appendix B): 6N + 12·m·L·h·d·S, with
 * m = 1 for full scores, 1/2 causal, 0 to leave attention out.
 * @example trainingFlopsPerTokenWithAttention({ params: 70e9, layers: 80, heads: 64, headDim: 128, seq: 8192, mask: 1 }) //=> 484424509440
 */
export function trainingFlopsPerTokenWithAttention(p: { params: number; layers: number; heads: number; headDim: number; seq: number; mask: number }): number {
  // The attention matmuls train like any other: forward, then twice that backward.
  return trainingFlopsPerToken(p.params) + 3 * attentionForwardFlopsPerToken(p);
}

/**
 * FLOPs of a training run: F per token times D tokens.
 * @example trainingTotalFlops({ flopsPerToken: 6 * 70e9, tokens: 15e12 }) //=> 6.3e24
 */
export function trainingTotalFlops(p: { flopsPerToken: number; tokens: number }): number {
  return p.flopsPerToken * p.tokens;
}

export const trainingFlopsPerTokenFormula = defineFormula({
  id: 'training.flopsPerToken',
  anchor: 'training-flops',
  page: 'training',
  title: 'Training FLOPs per token',
  description: 'Forward 2N, backward twice that: 6N FLOPs per trained token, attention scores left out.',
  lhs: 'F_{\\text{train}}',
  unit: 'FLOPs',
  symbols: { N: 'N' },
  labels: { N: 'Parameters' },
  domains: { N: 'positive' },
  tex: (v) => String.raw`6 \cdot ${v.N}`,
  compute: ({ N }) => trainingFlopsPerToken(N),
  // Llama 2 7B, exact parameter count.
  example: { N: 6_738_415_616 },
  approximate: true,
  notes: ['Backward = 2 × forward: one matmul for the input gradient, one for the weight gradient.'],
});

export const trainingFlopsPerTokenRecomputeFormula = defineFormula({
  id: 'training.flopsPerTokenRecompute',
  anchor: 'training-flops-recompute',
  page: 'training',
  title: 'Training FLOPs per token with full recomputation',
  description: 'Recomputing every activation in the backward pass runs the forward twice: 8N FLOPs the hardware executes per token.',
  lhs: 'F_{\\text{train}}^{\\text{hw}}',
  unit: 'FLOPs',
  symbols: { N: 'N' },
  labels: { N: 'Parameters' },
  domains: { N: 'positive' },
  tex: (v) => String.raw`8 \cdot ${v.N}`,
  // The training FLOPs and the forward pass once more.
  compute: ({ N }) => trainingFlopsPerToken(N) + weightFlopsPerToken(N),
  example: { N: 6_738_415_616 },
  approximate: true,
  notes: ['These extra 2N count toward HFU, not MFU.'],
});

export const trainingAttentionFlopsFormula = defineFormula({
  id: 'training.attentionFlops',
  anchor: 'training-attention-flops',
  page: 'training',
  title: 'Training FLOPs per token with attention (PaLM)',
  description:
    'PaLM appendix B: 6N plus the score and value matmuls, 12 FLOPs per layer, head dimension and key; m_mask = 1 counts every key, 1/2 a causal mask.',
  lhs: 'F_{\\text{train}}',
  unit: 'FLOPs',
  symbols: { N: 'N', m: 'm_{\\text{mask}}', L: 'L', h: 'h', d: 'd', S: 'S' },
  labels: {
    N: 'Parameters',
    m: 'Mask factor m_mask (1 full, 0.5 causal)',
    L: 'Layers',
    h: 'Query heads',
    d: 'Head dimension',
    S: 'Sequence length',
  },
  domains: { N: 'positive', m: 'nonNegative', L: 'positiveInt', h: 'positiveInt', d: 'positiveInt', S: 'positiveInt' },
  tex: (v) => String.raw`6 \cdot ${v.N} + 12 \cdot ${v.m} \cdot ${v.L} \cdot ${v.h} \cdot ${v.d} \cdot ${v.S}`,
  compute: ({ N, m, L, h, d, S }) => trainingFlopsPerTokenWithAttention({ params: N, mask: m, layers: L, heads: h, headDim: d, seq: S }),
  // Llama 3 70B at 8K context, full scores: h·d = 64·128 = 8192 = H.
  example: { N: 70_553_706_496, m: 1, L: 80, h: 64, d: 128, S: 8192 },
  approximate: true,
  notes: [
    'Forward: Q·Kᵀ and scores·V are 2·S·h·d FLOPs each per token per layer; ×3 for training gives 12·L·h·d·S.',
    'PaLM counts the full score matrix (m_mask = 1); a causal mask needs only half of it (m_mask = 1/2). MFU figures differ by which is used.',
    'With GQA the query heads h set the cost, not the KV heads.',
  ],
});

export const trainingTotalFlopsFormula = defineFormula({
  id: 'training.totalFlops',
  anchor: 'training-total-flops',
  page: 'training',
  title: 'Training FLOPs for a token budget',
  description: 'FLOPs per token times tokens trained on.',
  lhs: 'C',
  unit: 'FLOPs',
  symbols: { F: 'F_{\\text{train}}', D: 'D' },
  labels: { F: 'Training FLOPs per token', D: 'Training tokens' },
  domains: { F: 'positive', D: 'positive' },
  tex: (v) => String.raw`${v.F} \cdot ${v.D}`,
  compute: ({ F, D }) => trainingTotalFlops({ flopsPerToken: F, tokens: D }),
  // Llama 3 70B: 6N with N = 70e9, 15T tokens.
  example: { F: 6 * 70e9, D: 15e12 },
});

/**
 * Wall-clock seconds to do C FLOPs on n GPUs of peak P at utilisation u: C / (n·P·u).
 * @example trainingSeconds({ flops: 6.3e24, gpus: 16384, peakFlopsPerSecond: 989e12, mfu: 0.4 }) //=> 971995.66…
 */
export function trainingSeconds(p: { flops: number; gpus: number; peakFlopsPerSecond: number; mfu: number }): number {
  return computeSeconds(p.flops, p.gpus, p.peakFlopsPerSecond, p.mfu);
}

/**
 * GPU-hours to do C FLOPs at peak P and utilisation u: C / (P·u·3600).
 * @example trainingGpuHours({ flops: 6.3e24, peakFlopsPerSecond: 989e12, mfu: 0.4 }) //=> 4423660.26…
 */
export function trainingGpuHours(p: { flops: number; peakFlopsPerSecond: number; mfu: number }): number {
  // One GPU's seconds are its GPU-seconds: how many GPUs share them does not change the sum.
  return gpuHoursFromSeconds({ seconds: trainingSeconds({ flops: p.flops, gpus: 1, peakFlopsPerSecond: p.peakFlopsPerSecond, mfu: p.mfu }), gpus: 1 });
}

export const trainingTimeFormula = defineFormula({
  id: 'training.time',
  anchor: 'training-time',
  page: 'training',
  title: 'Training time',
  description: 'Seconds to do the training FLOPs on G GPUs running at a fraction MFU of their peak.',
  lhs: 'T',
  unit: 's',
  symbols: { C: 'C', n: 'G', P: 'P_{\\text{peak}}', u: '\\text{MFU}' },
  labels: { C: 'Training FLOPs', n: 'GPUs', P: 'Peak FLOP/s per GPU', u: 'MFU' },
  domains: { C: 'positive', n: 'positiveInt', P: 'positive', u: 'fraction' },
  tex: (v) => String.raw`\frac{${v.C}}{${v.n} \cdot ${v.P} \cdot ${v.u}}`,
  compute: ({ C, n, P, u }) => trainingSeconds({ flops: C, gpus: n, peakFlopsPerSecond: P, mfu: u }),
  // 6.3e24 FLOPs (Llama 3 70B, 6N) on 16,384 H100s at 40% MFU.
  example: { C: 6.3e24, n: 16384, P: 989e12, u: 0.4 },
});

export const trainingGpuHoursFormula = defineFormula({
  id: 'training.gpuHours',
  anchor: 'training-gpu-hours',
  page: 'training',
  title: 'Training GPU-hours',
  description: 'GPU-hours to do the training FLOPs at a fraction MFU of one GPU’s peak; independent of how many GPUs share it.',
  lhs: '\\text{GPU-h}',
  unit: 'GPU-h',
  symbols: { C: 'C', P: 'P_{\\text{peak}}', u: '\\text{MFU}' },
  labels: { C: 'Training FLOPs', P: 'Peak FLOP/s per GPU', u: 'MFU' },
  domains: { C: 'positive', P: 'positive', u: 'fraction' },
  tex: (v) => String.raw`\frac{${v.C}}{${v.P} \cdot ${v.u} \cdot 3600}`,
  compute: ({ C, P, u }) => trainingGpuHours({ flops: C, peakFlopsPerSecond: P, mfu: u }),
  example: { C: 6.3e24, P: 989e12, u: 0.4 },
});

export const trainingComputeFormulas = [
  trainingFlopsPerTokenFormula,
  trainingFlopsPerTokenRecomputeFormula,
  trainingAttentionFlopsFormula,
  trainingTotalFlopsFormula,
  trainingTimeFormula,
  trainingGpuHoursFormula,
];
