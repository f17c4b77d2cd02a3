/**
 * What serving and training cost, from a price per GPU-hour. The price is the reader's
 * input: the course ships an example figure, labelled as such, never a quote.
 *
 * Serving. A fleet of G_total GPUs costs G_total · c_GPU dollars an hour whether busy or
 * not. The attribution rule: each second of a replica goes to the phase running in it. In
 * the continuous-batching steady state (../latency/step.ts) a replica spends a share ρ
 * of its time on prefills and 1 − ρ on decode steps; prefill time is billed to input
 * tokens, decode time to output tokens, and idle capacity (a fleet rounded up to whole
 * replicas) is spread in the same proportion. So, per million tokens of a phase with
 * share f of the time and X tokens per second:
 *
 *   c_1M  = 10⁶ · G_total · c_GPU · f / (3600 · X)
 *   c_req = G_total · c_GPU / (3600 · λ)            a whole request, both phases
 *   c_month = G_total · c_GPU · 730                  730 hours: 8,760 a year over 12 months
 *
 * Training. A budget in dollars buys budget / c_GPU GPU-hours, which at a utilisation MFU
 * of a peak P do C = (budget / c_GPU) · 3600 · P · MFU FLOPs: the inverse of
 * ../training/compute.ts trainingGpuHours.
 */
import { defineFormula } from '../formula';
import { checkBound } from '../bounds';
import { InputError } from '../units';
import { checkCapacityBound } from './bounds';

/** Hours in an average month: 365 · 24 / 12 = 730. */
export const HOURS_PER_MONTH = 730;

/**
 * An example price per GPU-hour for the calculators' defaults: a round figure in the range
 * cloud providers list for data-centre GPUs, to be replaced by the reader's own. Not a quote.
 */
export const EXAMPLE_USD_PER_GPU_HOUR = 2;

/**
 * Dollars per million tokens of one phase: 10⁶·G·c·f/(3600·X).
 * @example usdPerMillionTokens({ gpus: 8, usdPerGpuHour: 2, share: 0.5, tokensPerSecond: 1000 }) //=> 2.2222…
 */
export function usdPerMillionTokens(p: { gpus: number; usdPerGpuHour: number; share: number; tokensPerSecond: number }): number {
  return (1e6 * p.gpus * p.usdPerGpuHour * p.share) / (3600 * p.tokensPerSecond);
}

/**
 * Dollars per request: G·c/(3600·λ).
 * @example usdPerRequest({ gpus: 8, usdPerGpuHour: 2, requestsPerSecond: 4 }) //=> 0.00111…
 */
export function usdPerRequest(p: { gpus: number; usdPerGpuHour: number; requestsPerSecond: number }): number {
  return (p.gpus * p.usdPerGpuHour) / (3600 * p.requestsPerSecond);
}

/**
 * Dollars a month for G GPUs at c per GPU-hour: G·c·730.
 * @example usdPerMonth({ gpus: 48, usdPerGpuHour: 2 }) //=> 70080
 */
export function usdPerMonth(p: { gpus: number; usdPerGpuHour: number }): number {
  return p.gpus * p.usdPerGpuHour * HOURS_PER_MONTH;
}

/**
 * FLOPs a dollar budget buys: (budget/c)·3600·P·MFU.
 * @example budgetFlops({ usd: 1e6, usdPerGpuHour: 2, peak: 989.4e12, mfu: 0.4 }) //=> 7.12368e23
 */
export function budgetFlops(p: { usd: number; usdPerGpuHour: number; peak: number; mfu: number }): number {
  return (p.usd / p.usdPerGpuHour) * 3600 * p.peak * p.mfu;
}

/** What serving costs at one operating point. */
export interface ServingCost {
  usdPerGpuHour: number;
  /** GPUs billed: replicas × GPUs per replica. */
  gpus: number;
  usdPerHour: number;
  usdPerMonth: number;
  usdPerRequest: number;
  /** Prefill time billed to input tokens. */
  usdPerMillionInputTokens: number;
  /** Decode time billed to output tokens. */
  usdPerMillionOutputTokens: number;
  /** The whole bill over all tokens, input and output. */
  usdPerMillionTokens: number;
  /** The share of replica time spent on prefills (the rest on decode steps). */
  prefillShare: number;
  /** 1 − prefillShare: the share billed to output tokens. */
  decodeShare: number;
  /** λ·S and λ·O: the tokens each phase serves per second. */
  inputTokensPerSecond: number;
  outputTokensPerSecond: number;
  /** What an output token costs in input tokens; null when prefills take no time. */
  outputToInputRatio: number | null;
}

/**
 * The cost of serving λ requests per second of S input and O output tokens on G GPUs at
 * c dollars per GPU-hour, split between input and output by the prefill share ρ.
 * Throws InputError naming the field for a price, rate or share out of range.
 * @example servingCost({ usdPerGpuHour: 2, gpus: 8, requestsPerSecond: 4, inputTokens: 2000, outputTokens: 200, prefillShare: 0.25 }).usdPerMillionOutputTokens //=> 4.1666…
 */
export function servingCost(p: {
  usdPerGpuHour: number;
  gpus: number;
  requestsPerSecond: number;
  inputTokens: number;
  outputTokens: number;
  prefillShare: number;
}): ServingCost {
  checkBound(p.usdPerGpuHour, 'pricePerGpuHour', 'usdPerGpuHour', 'Price per GPU-hour');
  checkBound(p.gpus, 'gpus', 'gpus', 'GPUs');
  checkCapacityBound(p.requestsPerSecond, 'arrivalRate', 'requestsPerSecond', 'Requests per second');
  checkBound(p.inputTokens, 'sequence', 'inputTokens', 'Input tokens S');
  checkBound(p.outputTokens, 'sequence', 'outputTokens', 'Output tokens O');
  if (!(p.prefillShare >= 0 && p.prefillShare <= 1)) throw new InputError('prefillShare', 'The prefill share must lie between 0 and 1');
  const base = { gpus: p.gpus, usdPerGpuHour: p.usdPerGpuHour };
  const inputRate = p.requestsPerSecond * p.inputTokens;
  const outputRate = p.requestsPerSecond * p.outputTokens;
  const input = usdPerMillionTokens({ ...base, share: p.prefillShare, tokensPerSecond: inputRate });
  const output = usdPerMillionTokens({ ...base, share: 1 - p.prefillShare, tokensPerSecond: outputRate });
  return {
    usdPerGpuHour: p.usdPerGpuHour,
    gpus: p.gpus,
    usdPerHour: p.gpus * p.usdPerGpuHour,
    usdPerMonth: usdPerMonth(base),
    usdPerRequest: usdPerRequest({ ...base, requestsPerSecond: p.requestsPerSecond }),
    usdPerMillionInputTokens: input,
    usdPerMillionOutputTokens: output,
    usdPerMillionTokens: usdPerMillionTokens({ ...base, share: 1, tokensPerSecond: p.requestsPerSecond * (p.inputTokens + p.outputTokens) }),
    prefillShare: p.prefillShare,
    decodeShare: 1 - p.prefillShare,
    inputTokensPerSecond: inputRate,
    outputTokensPerSecond: outputRate,
    outputToInputRatio: input > 0 ? output / input : null,
  };
}

export const costPerMillionTokensFormula = defineFormula({
  id: 'capacity.costPerMillionTokens',
  anchor: 'cost-per-million-tokens',
  page: 'capacity-and-cost',
  title: 'Dollars per million tokens',
  description:
    'The GPUs’ hourly bill, the share of their time one phase takes (prefill for input tokens, decode for output tokens), over the tokens of that phase per hour, per million.',
  lhs: 'c_{\\text{1M}}',
  unit: 'USD',
  symbols: { G: 'G_{\\text{total}}', c: 'c_{\\text{GPU}}', f: 'f_{\\text{phase}}', X: 'X' },
  labels: { G: 'GPUs billed', c: 'Price per GPU-hour (USD)', f: 'Share of GPU time in this phase', X: 'Tokens per second of this phase' },
  domains: { G: 'positiveInt', c: 'nonNegative', f: 'nonNegative', X: 'positive' },
  tex: (v) => String.raw`\frac{10^{6} \cdot ${v.G} \cdot ${v.c} \cdot ${v.f}}{3600 \cdot ${v.X}}`,
  compute: ({ G, c, f, X }) => usdPerMillionTokens({ gpus: G, usdPerGpuHour: c, share: f, tokensPerSecond: X }),
  // 8 GPUs at $2/h, 75% of the time decoding, 880 output tokens/s.
  example: { G: 8, c: 2, f: 0.75, X: 880 },
  notes: [
    'The price is an input: the default is an example figure, not a quote.',
    'Attribution: prefill time is billed to input tokens, decode time to output tokens; idle capacity is spread the same way.',
  ],
});

export const costPerRequestFormula = defineFormula({
  id: 'capacity.costPerRequest',
  anchor: 'cost-per-request',
  page: 'capacity-and-cost',
  title: 'Dollars per request',
  description: 'The fleet’s hourly bill over the requests it serves in an hour.',
  lhs: 'c_{\\text{req}}',
  unit: 'USD',
  symbols: { G: 'G_{\\text{total}}', c: 'c_{\\text{GPU}}', lambda: '\\lambda' },
  labels: { G: 'GPUs billed', c: 'Price per GPU-hour (USD)', lambda: 'Requests per second' },
  domains: { G: 'positiveInt', c: 'nonNegative', lambda: 'positive' },
  tex: (v) => String.raw`\frac{${v.G} \cdot ${v.c}}{3600 \cdot ${v.lambda}}`,
  compute: ({ G, c, lambda }) => usdPerRequest({ gpus: G, usdPerGpuHour: c, requestsPerSecond: lambda }),
  example: { G: 8, c: 2, lambda: 4.4 },
});

export const monthlyCostFormula = defineFormula({
  id: 'capacity.monthlyCost',
  anchor: 'monthly-cost',
  page: 'capacity-and-cost',
  title: 'Monthly bill of a fleet',
  description: 'GPUs times the price per GPU-hour times the 730 hours of an average month, busy or not.',
  lhs: 'c_{\\text{month}}',
  unit: 'USD',
  symbols: { G: 'G_{\\text{total}}', c: 'c_{\\text{GPU}}' },
  labels: { G: 'GPUs billed', c: 'Price per GPU-hour (USD)' },
  domains: { G: 'positiveInt', c: 'nonNegative' },
  tex: (v) => String.raw`${v.G} \cdot ${v.c} \cdot 730`,
  compute: ({ G, c }) => usdPerMonth({ gpus: G, usdPerGpuHour: c }),
  example: { G: 48, c: 2 },
});

export const budgetFlopsFormula = defineFormula({
  id: 'capacity.budgetFlops',
  anchor: 'budget-flops',
  page: 'capacity-and-cost',
  title: 'Training FLOPs a budget buys',
  description: 'Dollars over the price per GPU-hour give GPU-hours; each does 3,600 seconds of the peak at the run’s MFU.',
  lhs: 'C',
  unit: 'FLOPs',
  symbols: { b: 'c_{\\text{budget}}', c: 'c_{\\text{GPU}}', P: 'P_{\\text{peak}}', u: '\\text{MFU}' },
  labels: { b: 'Budget (USD)', c: 'Price per GPU-hour (USD)', P: 'Peak FLOP/s per GPU', u: 'MFU' },
  domains: { b: 'positive', c: 'positive', P: 'positive', u: 'fraction' },
  tex: (v) => String.raw`\frac{${v.b}}{${v.c}} \cdot 3600 \cdot ${v.P} \cdot ${v.u}`,
  compute: ({ b, c, P, u }) => budgetFlops({ usd: b, usdPerGpuHour: c, peak: P, mfu: u }),
  // $1M at $2 per H100-hour, 40% MFU.
  example: { b: 1e6, c: 2, P: 989.4e12, u: 0.4 },
  notes: ['Before failures and checkpoints: those cost extra GPU-hours on top (see the overhead below).'],
});

export const costFormulas = [costPerMillionTokensFormula, costPerRequestFormula, monthlyCostFormula, budgetFlopsFormula];
