/**
 * FLOPs per token as the context grows: the exact count (`forwardFlops`), the article's
 * 2N + 4·L·H·S' and its short-context limit 2N, side by side over a range of S'.
 *
 * The attention term 4·L·H·S' equals the parameter term 2N at S'× = N / (2·L·H); with the
 * article's N ≈ 12·L·H² that is S'× ≈ 6·H. Below a tenth of it, 2N is within ~10%.
 * @see content/05-parameters-and-flops.mdx
 */
import { defineFormula, type Derivation } from '../formula';
import type { ModelSpec } from '../model/spec';
import { activeParams } from '../params/params';
import { InputError } from '../units';
import { articleForwardFlops, decodeStepFlops, prefillFlops } from './flops';

/**
 * Context at which attention costs as much as the weights: 4·L·H·S' = 2N ⇒ S' = N/(2·L·H).
 * @example //=> 25,705 tokens for Llama 2 7B (N = 6,738,415,616, L = 32, H = 4096), about 6.3·H
 */
export const attentionCrossoverFormula = defineFormula({
  id: 'flops.attentionCrossover',
  anchor: 'attention-crossover',
  page: 'parameters-and-flops',
  title: 'Context where attention equals 2N',
  description: "The S' at which the article's attention term 4·L·H·S' per token equals its parameter term 2N. With N ≈ 12·L·H² it is about 6·H tokens.",
  lhs: "S'_{\\times}",
  unit: 'tokens',
  symbols: { N: 'N', L: 'L', H: 'H' },
  labels: { N: 'Parameters N', L: 'Layers L', H: 'Hidden size H' },
  domains: { N: 'positiveInt', L: 'positiveInt', H: 'positiveInt' },
  tex: (v) => String.raw`\frac{2 \cdot ${v.N}}{4 \cdot ${v.L} \cdot ${v.H}} = \frac{${v.N}}{2 \cdot ${v.L} \cdot ${v.H}}`,
  compute: ({ N, L, H }) => N / (2 * L * H),
  example: { N: 6738415616, L: 32, H: 4096 }, // Llama 2 7B: 25,705.0 tokens
});

export const perTokenFlopsFormulas = [attentionCrossoverFormula];

/** 'decode': the token at position S' (one decode step); 'prefill': the mean over a prompt of S' tokens. */
export type PerTokenMode = 'decode' | 'prefill';

export interface PerTokenPoint {
  /** S' */
  context: number;
  /** Exact matmul FLOPs per token (causal mask, sliding window, GQA, LM head, MoE active experts). */
  exact: number;
  /** 2N, N = active parameters. */
  twoN: number;
  /** The article's 2N + 4·L·H·S' per token (full attention). */
  article: number;
  /**
   * True when `exact` holds every digit (a whole number from an exact total, ≤ 2^53 − 1);
   * false: show it with "≈" and 3 significant figures (formatCount), not every digit.
   */
  exactDigits: boolean;
}

export interface PerTokenSweep {
  points: PerTokenPoint[];
  /** The last point (S' = maxContext). */
  atMax: PerTokenPoint;
  /** N, active parameters. */
  params: number;
  crossover: Derivation;
  /** (2N − exact)/exact at S' = maxContext: how far the short-context rule is off there. */
  twoNError: number;
  /** (article − exact)/exact at S' = maxContext. */
  articleError: number;
  /** Share of the exact count in the two attention matmuls at S' = maxContext. */
  attentionShare: number;
  mode: PerTokenMode;
}

/** The largest context the sweep accepts (well past any preset's window). */
export const MAX_SWEEP_CONTEXT = 10_000_000;

/** Most points a sweep computes (each is one closed-form FLOP count, tens of µs): a chart needs far fewer. */
export const MAX_SWEEP_STEPS = 256;

function pointAt(spec: ModelSpec, context: number, mode: PerTokenMode, N: number): PerTokenPoint & { attention: number } {
  const f = mode === 'decode' ? decodeStepFlops({ spec, batch: 1, contextTokens: context }) : prefillFlops({ spec, batch: 1, promptTokens: context });
  return {
    context,
    exact: f.perToken,
    twoN: 2 * N,
    // Per token: B = S = 1 in the article's B·S·(2N + 4·L·H·S').
    article: articleForwardFlops({ B: 1, S: 1, N, L: spec.layers, H: spec.hidden, Sc: context }),
    exactDigits: f.exact && Number.isInteger(f.perToken),
    attention: (f.components.scores + f.components.av) / f.total,
  };
}

/**
 * FLOPs per token at `steps` + 1 evenly spaced contexts from 1 to `maxContext`.
 * @example flopsPerTokenSweep({ spec: getPreset('llama-2-7b').spec, maxContext: 4096 }).atMax.exact //=> 15361638400
 */
export function flopsPerTokenSweep(p: { spec: ModelSpec; maxContext: number; mode?: PerTokenMode; steps?: number }): PerTokenSweep {
  const { spec, maxContext } = p;
  const mode = p.mode ?? 'decode';
  const steps = p.steps ?? 32;
  if (!Number.isInteger(maxContext) || maxContext < 1) throw new InputError('maxContext', "Context S' must be a whole number of at least 1");
  if (maxContext > MAX_SWEEP_CONTEXT) throw new InputError('maxContext', "Context S' must be at most 10,000,000 tokens");
  if (!Number.isInteger(steps) || steps < 1 || steps > MAX_SWEEP_STEPS)
    throw new InputError('steps', `Steps must be a whole number from 1 to ${MAX_SWEEP_STEPS}`);
  const N = activeParams(spec);
  const contexts = new Set<number>([1]);
  for (let i = 1; i <= steps; i += 1) contexts.add(Math.max(1, Math.round((maxContext * i) / steps)));
  const points = [...contexts].sort((a, b) => a - b).map((c) => pointAt(spec, c, mode, N));
  const last = points[points.length - 1]!;
  const { attention, ...atMax } = last;
  return {
    points: points.map(({ attention: _a, ...pt }) => pt),
    atMax,
    params: N,
    crossover: attentionCrossoverFormula.derive({ N, L: spec.layers, H: spec.hidden }),
    twoNError: (atMax.twoN - atMax.exact) / atMax.exact,
    articleError: (atMax.article - atMax.exact) / atMax.exact,
    attentionShare: attention,
    mode,
  };
}
