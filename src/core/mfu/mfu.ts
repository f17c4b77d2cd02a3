/**
 * Model FLOPs utilisation: the FLOP/s a run achieves, counting only the FLOPs the model
 * needs (6N per trained token, 2N per generated one, plus attention if you choose),
 * over the FLOP/s the GPUs could do at their dense peak.
 *
 *   MFU = F_token · X / (G · P)           from throughput X (tokens/s) on G GPUs
 *   MFU = F_token · D / (GPU-h · 3600 · P)    from a token budget D and the run's GPU-hours
 *   HFU = (F_token + F_recompute) · X / (G · P)   counts recomputed FLOPs too
 *
 * Which FLOPs count is a convention and is always an explicit input here: 6N alone
 * (Kaplan et al. 2020), or 6N + attention with full or causal scores (PaLM, Chowdhery
 * et al. 2022, appendix B). HFU ≥ MFU; the difference is recomputation.
 * @see Chowdhery et al., "PaLM: Scaling Language Modeling with Pathways" (2022), appendix B
 */
import { defineFormula } from '../formula';
import { weightFlopsPerToken } from '../flops/flops';

/**
 * The fraction of peak a well-tuned kernel mix reaches on A800/A100-class parts: the
 * reference article's "at most about 80% of 312 TFLOPS". An editable assumption, not a law.
 */
export const PRACTICAL_MFU_CEILING = 0.8;

/**
 * MFU from throughput: F·X / (n·P).
 * @example modelFlopsUtilization({ flopsPerToken: 6 * 70e9, tokensPerSecond: 1000, gpus: 1, peak: 989e12 }) //=> 0.4246…
 */
export function modelFlopsUtilization(p: { flopsPerToken: number; tokensPerSecond: number; gpus: number; peak: number }): number {
  return (p.flopsPerToken * p.tokensPerSecond) / (p.gpus * p.peak);
}

/**
 * MFU from a finished run: F·D / (GPU-h·3600·P).
 * @example mfuFromGpuHours({ flopsPerToken: 6 * 70e9, tokens: 15e12, gpuHours: 6.4e6, peak: 989e12 }) //=> 0.2765…
 */
export function mfuFromGpuHours(p: { flopsPerToken: number; tokens: number; gpuHours: number; peak: number }): number {
  return (p.flopsPerToken * p.tokens) / (p.gpuHours * 3600 * p.peak);
}

/**
 * Inference throughput ceiling: G GPUs at peak P and a share η_c of it, 2N FLOPs per token
 * (short contexts, where attention is negligible): G·P·η_c / (2N) tokens/s.
 * @example inferenceCeilingTokensPerSecond({ gpus: 8, peak: 312e12, utilization: 1, params: 70e9 }) //=> 17828.57…
 */
export function inferenceCeilingTokensPerSecond(p: { gpus: number; peak: number; utilization: number; params: number }): number {
  return (p.gpus * p.peak * p.utilization) / weightFlopsPerToken(p.params);
}

export const mfuFormula = defineFormula({
  id: 'mfu.mfu',
  anchor: 'mfu',
  page: 'mfu-and-latency',
  title: 'Model FLOPs utilisation (MFU)',
  description: 'Useful FLOP/s achieved over the peak FLOP/s of the GPUs doing the work.',
  lhs: '\\text{MFU}',
  unit: 'ratio',
  symbols: { F: 'F_{\\text{token}}', X: 'X', n: 'G', P: 'P_{\\text{peak}}' },
  labels: {
    F: 'Model FLOPs per token',
    X: 'Throughput (tokens/s)',
    n: 'GPUs',
    P: 'Peak FLOP/s per GPU',
  },
  domains: { F: 'positive', X: 'positive', n: 'positiveInt', P: 'positive' },
  tex: (v) => String.raw`\frac{${v.F} \cdot ${v.X}}{${v.n} \cdot ${v.P}}`,
  compute: ({ F, X, n, P }) => modelFlopsUtilization({ flopsPerToken: F, tokensPerSecond: X, gpus: n, peak: P }),
  // 6N for a 70e9-parameter model, 400 tokens/s per H100 on 1 GPU.
  example: { F: 6 * 70e9, X: 400, n: 1, P: 989e12 },
  notes: [
    'F is a convention: 6N for training (forward 2N, backward 4N), optionally plus attention (PaLM appendix B); 2N for inference.',
    'Recomputed FLOPs do not count in MFU; they do in HFU.',
  ],
});

export const mfuFromGpuHoursFormula = defineFormula({
  id: 'mfu.fromGpuHours',
  anchor: 'mfu-from-gpu-hours',
  page: 'mfu-and-latency',
  title: 'MFU from GPU-hours',
  description: 'MFU of a finished run: the FLOPs the token budget needed over what the GPU-hours could have done at peak.',
  lhs: '\\text{MFU}',
  unit: 'ratio',
  symbols: { F: 'F_{\\text{token}}', D: 'D', G: '\\text{GPU-h}', P: 'P_{\\text{peak}}' },
  labels: {
    F: 'Model FLOPs per token',
    D: 'Training tokens',
    G: 'GPU-hours',
    P: 'Peak FLOP/s per GPU',
  },
  domains: { F: 'positive', D: 'positive', G: 'positive', P: 'positive' },
  tex: (v) => String.raw`\frac{${v.F} \cdot ${v.D}}{${v.G} \cdot 3600 \cdot ${v.P}}`,
  compute: ({ F, D, G, P }) => mfuFromGpuHours({ flopsPerToken: F, tokens: D, gpuHours: G, peak: P }),
  // Llama 3 70B: 6·70e9 FLOPs per token, 15T tokens, 6.4M H100-hours, 989 TFLOP/s.
  example: { F: 6 * 70e9, D: 15e12, G: 6.4e6, P: 989e12 },
});

export const hfuFormula = defineFormula({
  id: 'mfu.hfu',
  anchor: 'hfu',
  page: 'mfu-and-latency',
  title: 'Hardware FLOPs utilisation (HFU)',
  description: 'Like MFU, but counting every FLOP the hardware executes, including the forward passes recomputed to save memory.',
  lhs: '\\text{HFU}',
  unit: 'ratio',
  symbols: { F: 'F_{\\text{token}}', R: 'F_{\\text{recomp}}', X: 'X', n: 'G', P: 'P_{\\text{peak}}' },
  labels: {
    F: 'Model FLOPs per token',
    R: 'Recomputed FLOPs per token',
    X: 'Throughput (tokens/s)',
    n: 'GPUs',
    P: 'Peak FLOP/s per GPU',
  },
  domains: { F: 'positive', R: 'nonNegative', X: 'positive', n: 'positiveInt', P: 'positive' },
  tex: (v) => String.raw`\frac{(${v.F} + ${v.R}) \cdot ${v.X}}{${v.n} \cdot ${v.P}}`,
  compute: ({ F, R, X, n, P }) => modelFlopsUtilization({ flopsPerToken: F + R, tokensPerSecond: X, gpus: n, peak: P }),
  // Full recomputation re-runs the forward pass: 2N more per token, 8N in all.
  example: { F: 6 * 70e9, R: 2 * 70e9, X: 400, n: 1, P: 989e12 },
});

export const inferenceCeilingFormula = defineFormula({
  id: 'mfu.inferenceCeiling',
  anchor: 'inference-ceiling',
  page: 'mfu-and-latency',
  title: 'Inference throughput ceiling',
  description: 'Tokens per second G GPUs could generate if every FLOP went into the 2N per token.',
  lhs: 'X_{\\max}',
  unit: 'tokens/s',
  symbols: { M: 'G', P: 'P_{\\text{peak}}', u: '\\eta_c', N: 'N' },
  labels: {
    M: 'GPUs',
    P: 'Peak FLOP/s per GPU',
    u: 'Share of the peak reached η_c (the ceiling)',
    N: 'Parameters',
  },
  domains: { M: 'positiveInt', P: 'positive', u: 'fraction', N: 'positive' },
  tex: (v) => String.raw`\frac{${v.M} \cdot ${v.P} \cdot ${v.u}}{2 \cdot ${v.N}}`,
  compute: ({ M, P, u, N }) => inferenceCeilingTokensPerSecond({ gpus: M, peak: P, utilization: u, params: N }),
  // 8×A800 at 312 TFLOP/s, a 70e9-parameter model, at the ~80% practical ceiling.
  example: { M: 8, P: 312e12, u: PRACTICAL_MFU_CEILING, N: 70e9 },
  approximate: true,
  notes: [
    '2N per token holds while the context is short next to H; longer contexts add 4·L·H·S′ per token.',
    'η_c = 1 is the theoretical ceiling; about 0.8 is what the reference article reports reachable on A800.',
  ],
});

export const mfuFormulas = [mfuFormula, mfuFromGpuHoursFormula, hfuFormula, inferenceCeilingFormula];
