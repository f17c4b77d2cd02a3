/**
 * Compute-optimal training (Chinchilla): for a budget of C training FLOPs, the parameters N
 * and tokens D that minimise the fitted loss
 *
 *   𝓛(N, D) = 𝓔 + 𝓐/N^α + 𝓑/D^β        subject to C = 6·N·D
 *
 * Substituting D = C/(6N) and setting d𝓛/dN = 0 gives the closed form of Hoffmann et al.'s
 * §3.3, eq. (4):
 *
 *   N_opt = G·(C/6)^a,  D_opt = G⁻¹·(C/6)^b,  G = (α𝓐/(β𝓑))^{1/(α+β)},  a = β/(α+β),  b = α/(α+β)
 *
 * The constants are fitted (their Approach 3): 𝓔 = 1.69, 𝓐 = 406.4, 𝓑 = 410.7, α = 0.34,
 * β = 0.28 (appendix D, eq. (10)); table 2 gives the resulting a = 0.46, b = 0.54. Beside
 * it, the rule of thumb drawn from their Approaches 1 and 2 and from Chinchilla itself (70B
 * parameters, 1.4T tokens): about 20 tokens per parameter, N = √(C/(6·20)).
 *
 * The two disagree: the published Approach-3 constants put about 100 tokens on each
 * parameter at 10²⁴ FLOPs. Besiroglu et al. (2024) refitted Approach 3 on data read off the
 * paper's figures, found the published fit inconsistent with the other two approaches
 * (rounded constants, an optimiser stopped early) and got 𝓔 = 1.8172, 𝓐 = 482.01,
 * 𝓑 = 2085.43, α = 0.3478, β = 0.3658, which land near 20 tokens per parameter. Both fits
 * are offered; the paper's is the default because it is the one people quote.
 *
 * Letters: the paper writes E, A, B, L; the course's E is experts, B a batch and L layers,
 * so the constants are written in calligraphic letters here.
 * @see Hoffmann et al., "Training Compute-Optimal Large Language Models" (2022), §3.3 eq. (4), appendix D eq. (10), table 2
 * @see Besiroglu et al., "Chinchilla Scaling: A replication attempt" (2024)
 */
import { checkInputs, defineFormula } from '../formula';
import { trainingFlopsPerToken } from '../training/compute';
import { InputError, formatSI, texNumber } from '../units';
import { checkCapacityBound } from './bounds';

/** FLOPs per parameter per training token: the 6 of C = 6·N·D, from ../training/compute.ts. */
export const FLOPS_PER_PARAM_TOKEN = trainingFlopsPerToken(1);

export type ChinchillaFitId = 'hoffmann-2022' | 'besiroglu-2024';

/** A fitted loss 𝓛(N, D) = 𝓔 + 𝓐/N^α + 𝓑/D^β (nats per token). */
export interface ChinchillaFit {
  id: ChinchillaFitId;
  label: string;
  E: number;
  A: number;
  B: number;
  alpha: number;
  beta: number;
  /** Where the constants are printed. */
  source: string;
}

export const CHINCHILLA_FITS: Readonly<Record<ChinchillaFitId, ChinchillaFit>> = {
  'hoffmann-2022': {
    id: 'hoffmann-2022',
    label: 'Hoffmann et al. 2022 (Approach 3, as published)',
    E: 1.69,
    A: 406.4,
    B: 410.7,
    alpha: 0.34,
    beta: 0.28,
    source: 'Hoffmann et al. 2022, appendix D, eq. (10)',
  },
  'besiroglu-2024': {
    id: 'besiroglu-2024',
    label: 'Besiroglu et al. 2024 (Approach 3, refitted)',
    E: 1.8172,
    A: 482.01,
    B: 2085.43,
    alpha: 0.3478,
    beta: 0.3658,
    source: 'Besiroglu et al. 2024, the refit’s estimates',
  },
};

export const CHINCHILLA_FIT_IDS: readonly ChinchillaFitId[] = ['hoffmann-2022', 'besiroglu-2024'];

/** Chinchilla's own size: the model the 20-tokens-per-parameter rule is read from. */
export const TOKENS_PER_PARAM_RULE = 20;

/** The range of Hoffmann et al.'s runs: 70M to 16B parameters, 5B to 500B tokens (abstract, §3). */
export const CHINCHILLA_RUNS = { minParams: 70e6, maxParams: 16e9, minTokens: 5e9, maxTokens: 500e9 } as const;

/**
 * A parameter count as people say it: "41.3B", "70.0M" (B for billions, as model names do).
 * @example formatParamCount(41296702419) //=> "41.3B"
 */
export function formatParamCount(n: number): string {
  const text = formatSI(n, '').trim();
  return /^\S+ [kMGT]$/.test(text) ? text.replace(' ', '').replace(/G$/, 'B') : text;
}

/** The fit with this id; InputError('fit') for anything else. */
export function getChinchillaFit(id: string): ChinchillaFit {
  const fit = (CHINCHILLA_FITS as Record<string, ChinchillaFit | undefined>)[id];
  if (!fit) throw new InputError('fit', `Unknown fit "${id}": one of ${CHINCHILLA_FIT_IDS.join(', ')}`);
  return fit;
}

/**
 * 𝓛(N, D) = 𝓔 + 𝓐/N^α + 𝓑/D^β, nats per token on the fit's data.
 * @example chinchillaLoss({ params: 70e9, tokens: 1.4e12, fit: CHINCHILLA_FITS['hoffmann-2022'] }) //=> 1.9367…
 */
export function chinchillaLoss(p: { params: number; tokens: number; fit: ChinchillaFit }): number {
  const f = p.fit;
  return f.E + f.A / p.params ** f.alpha + f.B / p.tokens ** f.beta;
}

/**
 * N_opt = (α𝓐/(β𝓑))^{1/(α+β)}·(C/6)^{β/(α+β)}.
 * @example chinchillaParams({ flops: 1e24, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 }) //=> 41296702419.4… (4.13e10)
 */
export function chinchillaParams(p: { flops: number; A: number; B: number; alpha: number; beta: number }): number {
  const g = ((p.alpha * p.A) / (p.beta * p.B)) ** (1 / (p.alpha + p.beta));
  return g * (p.flops / FLOPS_PER_PARAM_TOKEN) ** (p.beta / (p.alpha + p.beta));
}

/**
 * D_opt = (C/6)/N_opt, which is (α𝓐/(β𝓑))^{−1/(α+β)}·(C/6)^{α/(α+β)}; written as the quotient so
 * that 6·N_opt·D_opt is C to the last bit.
 * @example chinchillaTokens({ flops: 1e24, A: 406.4, B: 410.7, alpha: 0.34, beta: 0.28 }) //=> 4035834749563.7… (4.04e12)
 */
export function chinchillaTokens(p: { flops: number; A: number; B: number; alpha: number; beta: number }): number {
  return p.flops / FLOPS_PER_PARAM_TOKEN / chinchillaParams(p);
}

/**
 * N for r tokens per parameter: C = 6·N·(r·N), so N = √(C/(6r)).
 * @example ruleParams({ flops: 1e24, tokensPerParam: 20 }) //=> 91287092917.5…
 */
export function ruleParams(p: { flops: number; tokensPerParam: number }): number {
  return Math.sqrt(p.flops / (FLOPS_PER_PARAM_TOKEN * p.tokensPerParam));
}

/** An allocation of a budget: N, D, and the loss the fit predicts for it. */
export interface Allocation {
  params: number;
  tokens: number;
  tokensPerParam: number;
  /** 𝓛(N, D) under the fit, nats per token. */
  loss: number;
}

/** Both answers to "what N and D for C FLOPs", side by side. */
export interface ComputeOptimal {
  flops: number;
  fit: ChinchillaFit;
  /** a = β/(α+β): N_opt grows as C^a. */
  paramsExponent: number;
  /** b = α/(α+β): D_opt grows as C^b. */
  tokensExponent: number;
  optimal: Allocation;
  /** r tokens per parameter (20 by default). */
  rule: Allocation;
  /** N_rule / N_opt − 1: how far the rule's model size is from the fit's. */
  ruleParamsError: number;
  /** 𝓛(rule) − 𝓛(optimal) ≥ 0, nats per token. */
  ruleLossGap: number;
  /**
   * The FLOPs at which the fit's optimum reaches the rule's loss: C_eq ≤ C, so 1 − C_eq/C
   * is the share of the budget the rule wastes under this fit.
   */
  ruleEquivalentFlops: number;
  /** 1 − C_eq/C: the share of the budget the rule wastes under this fit (0 when it is the optimum). */
  ruleComputeWaste: number;
  /** The optimum lies outside the sizes Hoffmann et al. trained (70M–16B parameters, 5B–500B tokens). */
  extrapolated: boolean;
}

/**
 * The FLOPs at which the fit's compute-optimal loss equals `loss`: the optimal loss falls as C
 * grows, so a bisection over log C (80 halvings of a 10⁴⁰ range reach a relative 10⁻¹⁴).
 */
function flopsForLoss(loss: number, fit: ChinchillaFit, hiFlops: number): number {
  const at = (flops: number) => chinchillaLoss({ params: chinchillaParams({ flops, ...fit }), tokens: chinchillaTokens({ flops, ...fit }), fit });
  let lo = Math.log(1);
  let hi = Math.log(hiFlops);
  for (let i = 0; i < 80; i += 1) {
    const mid = (lo + hi) / 2;
    if (at(Math.exp(mid)) > loss) lo = mid;
    else hi = mid;
  }
  return Math.exp(hi);
}

/**
 * The compute-optimal N and D for a budget of C FLOPs under a fitted loss, beside the
 * r-tokens-per-parameter rule and what the rule costs under that fit.
 * Throws InputError('flops') for a budget out of range, ('tokensPerParam') for a bad ratio.
 * @example computeOptimal({ flops: 1e24 }).optimal.tokensPerParam //=> 97.7 (approximately)
 */
export function computeOptimal(p: { flops: number; fit?: ChinchillaFit; tokensPerParam?: number }): ComputeOptimal {
  const C = checkCapacityBound(p.flops, 'trainingBudgetFlops', 'flops', 'Training budget C (FLOPs)');
  const fit = p.fit ?? CHINCHILLA_FITS['hoffmann-2022'];
  const r = p.tokensPerParam ?? TOKENS_PER_PARAM_RULE;
  checkInputs({ tokensPerParam: r }, { tokensPerParam: 'positive' }, { tokensPerParam: 'Tokens per parameter' });
  if (r > 1e6) throw new InputError('tokensPerParam', 'Tokens per parameter must be at most 1,000,000');
  const args = { flops: C, A: fit.A, B: fit.B, alpha: fit.alpha, beta: fit.beta };
  const nOpt = chinchillaParams(args);
  const dOpt = chinchillaTokens(args);
  const nRule = ruleParams({ flops: C, tokensPerParam: r });
  const dRule = C / FLOPS_PER_PARAM_TOKEN / nRule;
  const optimal: Allocation = { params: nOpt, tokens: dOpt, tokensPerParam: dOpt / nOpt, loss: chinchillaLoss({ params: nOpt, tokens: dOpt, fit }) };
  const rule: Allocation = { params: nRule, tokens: dRule, tokensPerParam: dRule / nRule, loss: chinchillaLoss({ params: nRule, tokens: dRule, fit }) };
  const runs = CHINCHILLA_RUNS;
  const ruleEquivalentFlops = flopsForLoss(rule.loss, fit, C);
  return {
    flops: C,
    fit,
    paramsExponent: fit.beta / (fit.alpha + fit.beta),
    tokensExponent: fit.alpha / (fit.alpha + fit.beta),
    optimal,
    rule,
    ruleParamsError: nRule / nOpt - 1,
    ruleLossGap: Math.max(0, rule.loss - optimal.loss),
    ruleEquivalentFlops,
    ruleComputeWaste: Math.max(0, 1 - ruleEquivalentFlops / C),
    extrapolated: nOpt > runs.maxParams || nOpt < runs.minParams || dOpt > runs.maxTokens || dOpt < runs.minTokens,
  };
}

const fitSymbols = { A: '\\mathcal{A}', B: '\\mathcal{B}', alpha: '\\alpha_N', beta: '\\beta_D' } as const;
const fitLabels = {
  A: 'Fitted constant 𝓐 (parameter term)',
  B: 'Fitted constant 𝓑 (data term)',
  alpha: 'Exponent α_N of N',
  beta: 'Exponent β_D of D',
} as const;
const hoffmann = CHINCHILLA_FITS['hoffmann-2022'];
/** A fitted constant as printed (0.34, 406.4), not padded to four figures. */
const plain = (v: number) => (Number.isFinite(v) && String(v).length <= 8 && !String(v).includes('e') ? String(v) : texNumber(v));
/** A base raised to a power: in parentheses when it is written with a power of ten. */
const parenthesized = (v: number) => {
  const t = texNumber(v);
  return t.includes('\\times') ? `\\left(${t}\\right)` : t;
};
const plainConstants = { A: plain, B: plain, alpha: plain, beta: plain };
const fitExample = { A: hoffmann.A, B: hoffmann.B, alpha: hoffmann.alpha, beta: hoffmann.beta };

export const chinchillaLossFormula = defineFormula({
  id: 'capacity.chinchillaLoss',
  anchor: 'chinchilla-loss',
  page: 'capacity-and-cost',
  title: 'Fitted training loss (Chinchilla)',
  description:
    'Hoffmann et al.’s parametric fit of the final loss: an irreducible part, a part that shrinks with parameters and a part that shrinks with training tokens (nats per token on their data).',
  lhs: '\\mathcal{L}',
  unit: 'count',
  symbols: { E: '\\mathcal{E}', N: 'N', D: 'D', ...fitSymbols },
  labels: { E: 'Irreducible loss 𝓔', N: 'Parameters', D: 'Training tokens', ...fitLabels },
  domains: { E: 'nonNegative', N: 'positive', D: 'positive', A: 'nonNegative', B: 'nonNegative', alpha: 'positive', beta: 'positive' },
  tex: (v) => String.raw`${v.E} + \frac{${v.A}}{${v.N}^{${v.alpha}}} + \frac{${v.B}}{${v.D}^{${v.beta}}}`,
  compute: ({ E, N, D, A, B, alpha, beta }) => chinchillaLoss({ params: N, tokens: D, fit: { ...hoffmann, E, A, B, alpha, beta } }),
  // Chinchilla itself: 70B parameters on 1.4T tokens.
  example: { E: hoffmann.E, N: 70e9, D: 1.4e12, ...fitExample },
  formatInput: { ...plainConstants, E: plain, N: parenthesized, D: parenthesized },
  sig: 4,
  notes: [
    'Constants of Approach 3 as published: 𝓔 = 1.69, 𝓐 = 406.4, 𝓑 = 410.7, α_N = 0.34, β_D = 0.28 (the paper’s α and β; appendix D, eq. (10)).',
    'A loss on their data and tokenizer: compare allocations with it, not models trained elsewhere.',
  ],
});

export const chinchillaParamsFormula = defineFormula({
  id: 'capacity.chinchillaParams',
  anchor: 'compute-optimal-params',
  page: 'capacity-and-cost',
  title: 'Compute-optimal parameters',
  description: 'The N minimising the fitted loss when C = 6·N·D FLOPs are spent: the closed form of Hoffmann et al.’s eq. (4).',
  lhs: 'N_{\\text{opt}}',
  unit: 'params',
  symbols: { C: 'C', ...fitSymbols },
  labels: { C: 'Training budget (FLOPs)', ...fitLabels },
  domains: { C: 'positive', A: 'positive', B: 'positive', alpha: 'positive', beta: 'positive' },
  tex: (v) =>
    String.raw`\left(\frac{${v.alpha} \cdot ${v.A}}{${v.beta} \cdot ${v.B}}\right)^{1/(${v.alpha} + ${v.beta})} \left(\frac{${v.C}}{6}\right)^{${v.beta}/(${v.alpha} + ${v.beta})}`,
  compute: ({ C, A, B, alpha, beta }) => chinchillaParams({ flops: C, A, B, alpha, beta }),
  example: { C: 1e24, ...fitExample },
  formatInput: plainConstants,
  approximate: true,
  notes: ['From d𝓛/dN = 0 with D = C/(6N): α𝓐/N^α = β𝓑/D^β, the two shrinking terms in a fixed ratio.'],
});

export const chinchillaTokensFormula = defineFormula({
  id: 'capacity.chinchillaTokens',
  anchor: 'compute-optimal-tokens',
  page: 'capacity-and-cost',
  title: 'Compute-optimal training tokens',
  description: 'The tokens that go with N_opt: what the budget leaves once the model size is fixed, D = C/(6·N_opt).',
  lhs: 'D_{\\text{opt}}',
  unit: 'tokens',
  symbols: { C: 'C', ...fitSymbols },
  labels: { C: 'Training budget (FLOPs)', ...fitLabels },
  domains: { C: 'positive', A: 'positive', B: 'positive', alpha: 'positive', beta: 'positive' },
  tex: (v) =>
    String.raw`\left(\frac{${v.alpha} \cdot ${v.A}}{${v.beta} \cdot ${v.B}}\right)^{-1/(${v.alpha} + ${v.beta})} \left(\frac{${v.C}}{6}\right)^{${v.alpha}/(${v.alpha} + ${v.beta})}`,
  compute: ({ C, A, B, alpha, beta }) => chinchillaTokens({ flops: C, A, B, alpha, beta }),
  example: { C: 1e24, ...fitExample },
  formatInput: plainConstants,
  approximate: true,
});

export const tokensPerParamRuleFormula = defineFormula({
  id: 'capacity.tokensPerParamRule',
  anchor: 'twenty-tokens-per-parameter',
  page: 'capacity-and-cost',
  title: 'Parameters by the tokens-per-parameter rule',
  description: 'With D = r·N tokens (r ≈ 20, Chinchilla’s own 1.4T tokens for 70B parameters), C = 6·N·D gives N = √(C/(6r)).',
  lhs: 'N_{r}',
  unit: 'params',
  symbols: { C: 'C', r: 'r' },
  labels: { C: 'Training budget (FLOPs)', r: 'Tokens per parameter' },
  domains: { C: 'positive', r: 'positive' },
  tex: (v) => String.raw`\sqrt{\frac{${v.C}}{6 \cdot ${v.r}}}`,
  compute: ({ C, r }) => ruleParams({ flops: C, tokensPerParam: r }),
  example: { C: 1e24, r: TOKENS_PER_PARAM_RULE },
  approximate: true,
});

export const chinchillaFormulas = [chinchillaLossFormula, chinchillaParamsFormula, chinchillaTokensFormula, tokensPerParamRuleFormula];
