/**
 * Speculative decoding: a small draft model guesses γ tokens one after another, and the
 * target model checks all of them in one forward pass. A decode step of the target is
 * memory-bound (it reads every weight for one token per sequence), so checking γ + 1 tokens
 * costs little more than generating one; every accepted guess is a token the target did not
 * have to spend a step on. The output distribution is the target's, exactly.
 *
 *   tokens per target pass   E = (1 − α^{γ+1}) / (1 − α)                 Leviathan et al., Eq. (1)
 *   wall-time speedup        E / (γ·c + 1)                                Leviathan et al., Theorem 3.8
 *   cost coefficient         c = t_draft / t_target                       their Definition 3.7
 *   time per output token    TPOT_spec = (γ·t_draft + t_verify) / E       the engine's version of the same
 *
 * α is the probability that a drafted token is accepted (Leviathan's E[β], taken as the same
 * for every position), γ the tokens drafted per pass. Theorem 3.8 assumes the target's pass
 * over γ + 1 tokens takes as long as a decode step; the engine times that verification pass
 * for what it is (more FLOPs, the same weight read), and times the draft model's steps on the
 * same GPUs, so c is computed, not assumed. The course writes α_acc and c_draft: α is the
 * all-reduce latency elsewhere on the site.
 * @see Leviathan, Kalman & Matias, "Fast Inference from Transformers via Speculative Decoding" (ICML 2023), §3.3–3.4
 */
import { defineFormula, type AnyFormula } from '../formula';
import { InputError } from '../units';

/**
 * Expected tokens one target pass yields (accepted guesses plus the target's own token):
 * (1 − α^{γ+1})/(1 − α); γ + 1 when every guess is accepted (α = 1).
 * @example speculativeExpectedTokens(0.8, 5) //=> 3.68928
 * @example speculativeExpectedTokens(1, 4) //=> 5
 */
export function speculativeExpectedTokens(acceptance: number, draftTokens: number): number {
  checkSpeculation(acceptance, draftTokens);
  if (acceptance === 1) return draftTokens + 1;
  return (1 - acceptance ** (draftTokens + 1)) / (1 - acceptance);
}

/**
 * Leviathan et al.'s expected wall-time improvement (Theorem 3.8): (1 − α^{γ+1}) / ((1 − α)(γ·c + 1)).
 * @example speculativeSpeedup(0.8, 5, 0.05) //=> 2.951424
 */
export function speculativeSpeedup(acceptance: number, draftTokens: number, costCoefficient: number): number {
  if (!(costCoefficient >= 0) || !Number.isFinite(costCoefficient))
    throw new InputError('costCoefficient', 'the draft’s cost coefficient c must be a number of at least 0');
  return speculativeExpectedTokens(acceptance, draftTokens) / (draftTokens * costCoefficient + 1);
}

/**
 * Time per output token with speculation: one pass drafts γ tokens and verifies them, and
 * yields E tokens on average: (γ·t_draft + t_verify)/E.
 * @example speculativeTpotSeconds({ acceptance: 0.8, draftTokens: 5, draftStepSeconds: 0.002, verifySeconds: 0.021 }) //=> 0.0084027…
 */
export function speculativeTpotSeconds(p: { acceptance: number; draftTokens: number; draftStepSeconds: number; verifySeconds: number }): number {
  return passSecondsPerToken({ ...p, expectedTokens: speculativeExpectedTokens(p.acceptance, p.draftTokens) });
}

/**
 * One pass's time over the tokens it yields: (γ·t_draft + t_verify)/E.
 * @example passSecondsPerToken({ draftTokens: 5, draftStepSeconds: 0.002, verifySeconds: 0.021, expectedTokens: 3.1 }) //=> 0.01
 */
export function passSecondsPerToken(p: { draftTokens: number; draftStepSeconds: number; verifySeconds: number; expectedTokens: number }): number {
  return (p.draftTokens * p.draftStepSeconds + p.verifySeconds) / p.expectedTokens;
}

/**
 * Leviathan et al.'s cost coefficient: a draft decode step over a target decode step.
 * @example costCoefficient(0.0035, 0.014) //=> 0.25
 */
export function costCoefficient(draftStepSeconds: number, targetStepSeconds: number): number {
  if (!(targetStepSeconds > 0)) throw new InputError('targetStepSeconds', 'a target decode step takes some time');
  return draftStepSeconds / targetStepSeconds;
}

/**
 * The draft length γ from 1 to `maxDraftTokens` that maximises Theorem 3.8's speedup for a
 * given α and c (the smallest such γ on a tie).
 * @example bestDraftTokens(0.8, 0.05) //=> 8
 */
export function bestDraftTokens(acceptance: number, costCoefficient: number, maxDraftTokens = 32): number {
  let best = 1;
  let bestSpeedup = -Infinity;
  for (let g = 1; g <= maxDraftTokens; g += 1) {
    const s = speculativeSpeedup(acceptance, g, costCoefficient);
    if (s > bestSpeedup + 1e-12) {
      best = g;
      bestSpeedup = s;
    }
  }
  return best;
}

function checkSpeculation(acceptance: number, draftTokens: number): void {
  if (!(acceptance > 0 && acceptance <= 1)) throw new InputError('acceptance', 'the acceptance rate α must be greater than 0 and at most 1');
  if (!(Number.isInteger(draftTokens) && draftTokens >= 1 && draftTokens <= 1000)) {
    throw new InputError('draftTokens', 'the draft length γ must be a whole number from 1 to 1,000 (engines draft 1 to about 10)');
  }
}

export const speculativeTokensFormula = defineFormula({
  id: 'serving.speculativeTokens',
  anchor: 'speculative-tokens',
  page: 'serving-in-practice',
  title: 'Tokens per target pass with speculation',
  description:
    'The draft guesses γ tokens; each is accepted with probability α, and the first rejection ends the run, where the target supplies its own token. The mean count is a geometric series.',
  lhs: 'E[\\text{tokens}]',
  unit: 'tokens',
  symbols: { a: '\\alpha_{\\text{acc}}', g: '\\gamma' },
  labels: { a: 'Acceptance rate α', g: 'Draft tokens per pass γ' },
  domains: { a: 'fraction', g: 'positiveInt' },
  tex: (v) => String.raw`\frac{1 - ${v.a}^{${v.g} + 1}}{1 - ${v.a}}`,
  compute: ({ a, g }) => speculativeExpectedTokens(a, g),
  example: { a: 0.8, g: 5 },
  approximate: true,
  notes: ['Leviathan et al. write α for E[β], the mean acceptance probability; at α = 1 the series is γ + 1.'],
});

export const speculativeSpeedupFormula = defineFormula({
  id: 'serving.speculativeSpeedup',
  anchor: 'speculative-speedup',
  page: 'serving-in-practice',
  title: 'Wall-time speedup of speculative decoding',
  description:
    'Each pass costs γ draft steps and one target step, c = t_draft/t_target in units of target steps, and yields E tokens: the speedup over one token per target step.',
  lhs: '\\text{speedup}',
  unit: 'count',
  symbols: { a: '\\alpha_{\\text{acc}}', g: '\\gamma', c: 'c_{\\text{draft}}' },
  labels: { a: 'Acceptance rate α', g: 'Draft tokens per pass γ', c: 'Cost coefficient c = t_draft / t_target' },
  domains: { a: 'fraction', g: 'positiveInt', c: 'nonNegative' },
  tex: (v) => String.raw`\frac{1 - ${v.a}^{${v.g} + 1}}{(1 - ${v.a}) \cdot (${v.g} \cdot ${v.c} + 1)}`,
  compute: ({ a, g, c }) => speculativeSpeedup(a, g, c),
  example: { a: 0.8, g: 5, c: 0.05 },
  approximate: true,
  notes: ['Theorem 3.8 assumes the target checks γ + 1 tokens in the time of one decode step; the engine below times that pass as it is.'],
});

export const speculativeCostFormula = defineFormula({
  id: 'serving.speculativeCost',
  anchor: 'speculative-cost',
  page: 'serving-in-practice',
  title: 'Cost coefficient of a draft model',
  description: 'A draft decode step over a target decode step, both timed by the engine for the same GPUs and the same batch.',
  lhs: 'c_{\\text{draft}}',
  unit: 'count',
  symbols: { td: 't_{\\text{draft}}', tt: 't_{\\text{target}}' },
  labels: { td: 'Draft decode step (s)', tt: 'Target decode step (s)' },
  domains: { td: 'nonNegative', tt: 'positive' },
  tex: (v) => String.raw`\frac{${v.td}}{${v.tt}}`,
  compute: ({ td, tt }) => costCoefficient(td, tt),
  example: { td: 0.0035, tt: 0.0151 },
  approximate: true,
  notes: ['Fixed costs per step (launches, sampling) do not shrink with the model, so a draft ten times smaller costs far more than a tenth.'],
});

export const speculativeTpotFormula = defineFormula({
  id: 'serving.speculativeTpot',
  anchor: 'speculative-tpot',
  page: 'serving-in-practice',
  title: 'Time per output token with speculation',
  description: 'A pass is γ draft steps and one verification step of the target over γ + 1 tokens per sequence; it yields E tokens on average.',
  lhs: 'T_{\\text{TPOT}}^{\\text{spec}}',
  unit: 's',
  symbols: { g: '\\gamma', td: 't_{\\text{draft}}', tv: 't_{\\text{verify}}', E: 'E[\\text{tokens}]' },
  labels: { g: 'Draft tokens per pass γ', td: 'Draft decode step (s)', tv: 'Target verification step (s)', E: 'Tokens per target pass' },
  domains: { g: 'positiveInt', td: 'nonNegative', tv: 'positive', E: 'positive' },
  tex: (v) => String.raw`\frac{${v.g} \cdot ${v.td} + ${v.tv}}{${v.E}}`,
  compute: ({ g, td, tv, E }) => {
    if (E > g + 1) throw new InputError('E', 'a pass cannot yield more than γ + 1 tokens');
    return passSecondsPerToken({ draftTokens: g, draftStepSeconds: td, verifySeconds: tv, expectedTokens: E });
  },
  example: { g: 5, td: 0.0035, tv: 0.0158, E: 3.68928 },
  approximate: true,
});

export const speculativeFormulas: AnyFormula[] = [speculativeTokensFormula, speculativeSpeedupFormula, speculativeCostFormula, speculativeTpotFormula];
