/**
 * Prefix caching: requests that begin with the same tokens (a system prompt, a few-shot
 * preamble, the earlier turns of a chat) reuse the keys and values computed for them once,
 * so their prefill only runs the tokens after the shared part.
 *
 *   cached tokens     S_hit = b · min(⌊S_pre / b⌋, ⌊(S − 1)/b⌋)      whole blocks only, never the last token
 *   prefill FLOPs     F̄ = r_hit · F(S − S_hit new over S) + (1 − r_hit) · F(S)
 *   time to first     T̄ = r_hit · T_hit + (1 − r_hit) · T_miss
 *
 * The FLOPs and the times are the scenario engine's own prefill (./scenario/serving.ts), run
 * once over S new tokens and once over the S − S_hit tokens after the cached prefix (which
 * still attend to all S): no second prefill model. vLLM hashes and caches whole blocks only
 * and always recomputes the prompt's last token to get its logits; SGLang's radix tree
 * caches at any token boundary (b = 1).
 * @see Zheng et al., "SGLang: Efficient Execution of Structured Language Model Programs" (2023), §3 (RadixAttention)
 * @see vLLM documentation, "Automatic Prefix Caching" (design): "We only cache full blocks."
 */
import { defineFormula, type AnyFormula } from '../formula';
import { InputError } from '../units';

/**
 * Prompt tokens a cache hit skips: whole blocks of the shared prefix, and never the prompt's
 * last token (its logits are needed): b·min(⌊S_pre/b⌋, ⌊(S − 1)/b⌋).
 * @example prefixCachedTokens({ prefixTokens: 1000, promptTokens: 4000, blockTokens: 16 }) //=> 992
 * @example prefixCachedTokens({ prefixTokens: 4000, promptTokens: 4000, blockTokens: 16 }) //=> 3984
 */
export function prefixCachedTokens(p: { prefixTokens: number; promptTokens: number; blockTokens: number }): number {
  if (p.prefixTokens > p.promptTokens) throw new InputError('prefixTokens', 'the shared prefix cannot be longer than the prompt');
  const b = p.blockTokens;
  return b * Math.min(Math.floor(p.prefixTokens / b), Math.floor((p.promptTokens - 1) / b));
}

/**
 * The mean of a quantity over requests that hit the cache with probability r and miss it
 * otherwise: r·hit + (1 − r)·miss.
 * @example expectedOverHits(0.8, 1, 6) //=> 2
 */
export function expectedOverHits(hitRate: number, hit: number, miss: number): number {
  return hitRate * hit + (1 - hitRate) * miss;
}

export const prefixCachedTokensFormula = defineFormula({
  id: 'serving.prefixCachedTokens',
  anchor: 'prefix-cached-tokens',
  page: 'serving-in-practice',
  title: 'Prompt tokens a prefix-cache hit skips',
  description:
    'The shared prefix rounded down to whole KV blocks (only full blocks are hashed and cached), and never the prompt’s last token, whose logits the first output token needs.',
  lhs: 'S_{\\text{hit}}',
  unit: 'tokens',
  symbols: { P: 'S_{\\text{pre}}', S: 'S', b: 'b_{\\text{blk}}' },
  labels: { P: 'Shared prefix tokens', S: 'Prompt tokens S', b: 'Tokens per block b' },
  domains: { P: 'nonNegativeInt', S: 'positiveInt', b: 'positiveInt' },
  tex: (v) => String.raw`${v.b} \cdot \min\left(\left\lfloor \frac{${v.P}}{${v.b}} \right\rfloor, \left\lfloor \frac{${v.S} - 1}{${v.b}} \right\rfloor\right)`,
  compute: ({ P, S, b }) => prefixCachedTokens({ prefixTokens: P, promptTokens: S, blockTokens: b }),
  example: { P: 1000, S: 4000, b: 16 },
  notes: ['SGLang’s radix tree matches at any token (b = 1); vLLM at its block size.'],
});

export const prefixPrefillFlopsFormula = defineFormula({
  id: 'serving.prefixPrefillFlops',
  anchor: 'prefix-prefill-flops',
  page: 'serving-in-practice',
  title: 'Prefill FLOPs with a prefix cache',
  description:
    'A hit runs only the prompt’s uncached tokens through the model, each still attending to the whole prompt; a miss runs all of it. The mean over requests weighs the two by the hit rate.',
  lhs: '\\bar{F}_{\\text{prefill}}',
  unit: 'FLOPs',
  symbols: { h: 'r_{\\text{hit}}', Fh: 'F_{\\text{hit}}', Fm: 'F_{\\text{miss}}' },
  labels: { h: 'Prefix hit rate', Fh: 'Prefill FLOPs of a hit', Fm: 'Prefill FLOPs of a miss' },
  domains: { h: 'nonNegative', Fh: 'nonNegative', Fm: 'nonNegative' },
  tex: (v) => String.raw`${v.h} \cdot ${v.Fh} + (1 - ${v.h}) \cdot ${v.Fm}`,
  compute: ({ h, Fh, Fm }) => {
    if (h > 1) throw new InputError('h', 'the hit rate is a share of requests: at most 1');
    return expectedOverHits(h, Fh, Fm);
  },
  // Llama 3 70B, 4,000-token prompt, 992 cached tokens, 80% hits (rounded FLOPs from the engine).
  example: { h: 0.8, Fh: 4.3e14, Fm: 5.8e14 },
  approximate: true,
});

export const prefixTtftFormula = defineFormula({
  id: 'serving.prefixTtft',
  anchor: 'prefix-ttft',
  page: 'serving-in-practice',
  title: 'Time to first token with a prefix cache',
  description: 'The engine’s prefill time for a hit and for a miss, weighed by the hit rate.',
  lhs: '\\bar{T}_{\\text{TTFT}}',
  unit: 's',
  symbols: { h: 'r_{\\text{hit}}', Th: 'T_{\\text{hit}}', Tm: 'T_{\\text{miss}}' },
  labels: { h: 'Prefix hit rate', Th: 'Prefill time of a hit (s)', Tm: 'Prefill time of a miss (s)' },
  domains: { h: 'nonNegative', Th: 'nonNegative', Tm: 'nonNegative' },
  tex: (v) => String.raw`${v.h} \cdot ${v.Th} + (1 - ${v.h}) \cdot ${v.Tm}`,
  compute: ({ h, Th, Tm }) => {
    if (h > 1) throw new InputError('h', 'the hit rate is a share of requests: at most 1');
    return expectedOverHits(h, Th, Tm);
  },
  example: { h: 0.8, Th: 0.15, Tm: 0.2 },
  approximate: true,
  notes: ['A mean: a hit and a miss see the two times; the tail (p99) sees the miss.'],
});

export const prefixFormulas: AnyFormula[] = [prefixCachedTokensFormula, prefixPrefillFlopsFormula, prefixTtftFormula];
