/**
 * A paged KV cache (vLLM's PagedAttention): the cache is a pool of fixed-size blocks of b
 * tokens, and a request holds only the blocks its tokens so far need, not a slot reserved
 * for its longest possible length.
 *
 *   bytes per block        M_blk = b · m_KV = 2·L·h_kv·d·s·b        (the KV cache of b tokens)
 *   blocks that fit        N_blk = ⌊M_KV^free / M_blk⌋              (M_KV^free: servingMemory's budget)
 *   blocks of t tokens     n(t) = ⌈t / b⌉                           (the last block partly empty)
 *   blocks in flight       n̄ = (1/O)·Σ_{j=1..O} ⌈(S + j)/b⌉          (requests spread over their O steps)
 *   requests that fit      B_max = ⌊(N_blk − n_pre) / (n̄ − r_hit·n_pre)⌋   (n_pre prefix blocks shared by the hits)
 *
 * A reserved allocator (FasterTransformer, Orca) gives each request one contiguous slot of
 * its maximum length for its whole life; paging gives back the difference between that
 * maximum and what the request holds now, at the price of the last block's empty slots.
 * Under continuous batching requests sit at every point of their output, so on average a
 * request holds its prompt and about half its output.
 * @see Kwon et al., "Efficient Memory Management for Large Language Model Serving with PagedAttention" (SOSP 2023), §3, §4.1–4.3, §7.2
 */
import { defineFormula, type AnyFormula } from '../formula';
import { kvCacheBytes } from '../memory/memory';
import type { ModelSpec } from '../model/spec';
import { InputError } from '../units';
import { kvBytesPerRequest } from './serving';

/** vLLM's default block size on GPUs (`--block-size`, 16 tokens): the paper's §7.2 finds 16–128 best, 16 the default. */
export const DEFAULT_KV_BLOCK_TOKENS = 16;

/**
 * Blocks of b tokens that hold t tokens: ⌈t / b⌉.
 * @example blocksFor(4000, 16) //=> 250
 * @example blocksFor(4001, 16) //=> 251
 */
export function blocksFor(tokens: number, blockTokens: number): number {
  return Math.ceil(tokens / blockTokens);
}

/**
 * Σ_{t=from..to} ⌈t / b⌉ in closed form (no loop over t): with F(n) = Σ_{t=1..n} ⌈t/b⌉ =
 * b·q(q+1)/2 + r·(q+1) for n = q·b + r, the sum is F(to) − F(from − 1).
 * @example sumBlocks(1, 4, 2) //=> 6
 * @example sumBlocks(3, 3, 2) //=> 2
 */
export function sumBlocks(from: number, to: number, blockTokens: number): number {
  if (to < from) return 0;
  const F = (n: number) => {
    if (n <= 0) return 0;
    const q = Math.floor(n / blockTokens);
    const r = n - q * blockTokens;
    return (blockTokens * q * (q + 1)) / 2 + r * (q + 1);
  };
  return F(to) - F(from - 1);
}

/**
 * Mean blocks a request holds while it is in flight under continuous batching, its O output
 * steps equally likely: n̄ = (1/O)·Σ_{j=1..O} ⌈(S + j)/b⌉.
 * @example meanBlocksInFlight({ promptTokens: 4000, outputTokens: 200, blockTokens: 16 }) //=> 256.76
 */
export function meanBlocksInFlight(p: { promptTokens: number; outputTokens: number; blockTokens: number }): number {
  return sumBlocks(p.promptTokens + 1, p.promptTokens + p.outputTokens, p.blockTokens) / p.outputTokens;
}

/**
 * Blocks of M_blk bytes that fit in a KV budget: ⌊budget / M_blk⌋, 0 when nothing fits.
 * @example kvBlocksThatFit(15_846_326_272, 5_242_880) //=> 3022
 */
export function kvBlocksThatFit(budgetBytes: number, blockBytes: number): number {
  if (!(blockBytes > 0)) throw new InputError('kvBlockTokens', 'a KV block must hold more than 0 bytes');
  return budgetBytes <= 0 ? 0 : Math.floor(budgetBytes / blockBytes);
}

/**
 * Requests that fit in N_blk blocks when each holds n̄ on average and r_hit of them share n_p
 * prefix blocks held once: ⌊(N_blk − n_p) / (n̄ − r_hit·n_p)⌋, 0 when the shared prefix alone
 * does not fit.
 * @example pagedConcurrency({ blocks: 3022, sharedBlocks: 0, meanBlocks: 256.76, hitRate: 0 }) //=> 11
 */
export function pagedConcurrency(p: { blocks: number; sharedBlocks: number; meanBlocks: number; hitRate: number }): number {
  const perRequest = p.meanBlocks - p.hitRate * p.sharedBlocks;
  if (!(perRequest > 0)) throw new InputError('prefixTokens', 'the shared prefix must be shorter than the requests');
  const free = p.blocks - p.sharedBlocks;
  return free <= 0 ? 0 : Math.floor(free / perRequest);
}

/**
 * Bytes of one KV block: the cache of b tokens, through the model's own cache layout (MLA's
 * latent, windows that are longer than a block).
 * @example kvBlockBytesOf(getPreset('llama-2-7b').spec, 16, 2) //=> 8388608
 */
export function kvBlockBytesOf(spec: ModelSpec, blockTokens: number, bytesPerElement: number): number {
  return kvCacheBytes(spec, blockTokens, bytesPerElement);
}

/**
 * The share of a request's reserved token slots that hold tokens, on average while it is in
 * flight: (S + (O + 1)/2) / S_rsv.
 * @example kvSlotUtilization({ promptTokens: 3000, outputTokens: 1000, reservedTokens: 4096 }) //=> 0.8546142578125
 */
export function kvSlotUtilization(p: { promptTokens: number; outputTokens: number; reservedTokens: number }): number {
  return (p.promptTokens + (p.outputTokens + 1) / 2) / p.reservedTokens;
}

/** One allocator's answer for a workload: what a request holds and reserves, and how many fit. */
export interface KvAllocatorAnswer {
  /** Token slots a request keeps to itself, on average while in flight. */
  reservedTokens: number;
  /** Tokens it really holds, on average. */
  heldTokens: number;
  /** held / reserved: the share of the reservation that holds tokens. */
  utilization: number;
  /** Requests whose reservations fit in the budget together. */
  requests: number;
}

/** Reserved (contiguous) allocation against paged, for one workload and one budget. */
export interface KvAllocationComparison {
  blockTokens: number;
  blockBytes: number;
  blocks: number;
  meanBlocksInFlight: number;
  /** Each request reserves the longest context it may reach (the model's, or a server's max length). */
  reservedAtMax: KvAllocatorAnswer;
  /** Each request reserves exactly its final S + O (an oracle that knows every output length). */
  reservedExact: KvAllocatorAnswer;
  paged: KvAllocatorAnswer;
}

/**
 * How many requests of S + O tokens a KV budget holds under a reserved allocator (at a
 * maximum length, or at exactly S + O) and under paging with blocks of b tokens, with the
 * share of each reservation that holds tokens (the paper's Figure 2 in miniature). A request
 * in flight holds on average S + (O + 1)/2 tokens.
 * @example compareKvAllocation({ spec: llama2_70b, budgetBytes: 15_846_326_272, bytesPerElement: 2, promptTokens: 4000, outputTokens: 200, maxTokens: 4096, blockTokens: 16 }).paged.requests //=> 11
 */
export function compareKvAllocation(p: {
  spec: ModelSpec;
  budgetBytes: number;
  bytesPerElement: number;
  promptTokens: number;
  outputTokens: number;
  /** The slot a reserved allocator gives every request (≥ S + O). */
  maxTokens: number;
  blockTokens: number;
}): KvAllocationComparison {
  const { spec, bytesPerElement: s, promptTokens: S, outputTokens: O, blockTokens: b } = p;
  if (p.maxTokens < S + O) throw new InputError('maxTokens', 'the reserved length must hold the prompt and the output');
  const fit = (bytes: number) => (p.budgetBytes <= 0 ? 0 : Math.floor(p.budgetBytes / bytes));
  const blockBytes = kvBlockBytesOf(spec, b, s);
  const blocks = kvBlocksThatFit(p.budgetBytes, blockBytes);
  const nbar = meanBlocksInFlight({ promptTokens: S, outputTokens: O, blockTokens: b });
  const answer = (reservedTokens: number, requests: number): KvAllocatorAnswer => {
    const utilization = kvSlotUtilization({ promptTokens: S, outputTokens: O, reservedTokens });
    return { reservedTokens, heldTokens: utilization * reservedTokens, utilization, requests };
  };
  return {
    blockTokens: b,
    blockBytes,
    blocks,
    meanBlocksInFlight: nbar,
    reservedAtMax: answer(p.maxTokens, fit(kvCacheBytes(spec, p.maxTokens, s))),
    reservedExact: answer(S + O, fit(kvCacheBytes(spec, S + O, s))),
    paged: answer(nbar * b, pagedConcurrency({ blocks, sharedBlocks: 0, meanBlocks: nbar, hitRate: 0 })),
  };
}

export const kvBlockBytesFormula = defineFormula({
  id: 'serving.kvBlockBytes',
  anchor: 'kv-block-bytes',
  page: 'serving-in-practice',
  title: 'Bytes of one KV block',
  description: 'A block holds the keys and values of b consecutive tokens of one request, for every layer and KV head: the KV cache of b tokens.',
  lhs: 'M_{\\text{blk}}',
  unit: 'B',
  symbols: { L: 'L', hKv: 'h_{kv}', d: 'd', s: 's', b: 'b_{\\text{blk}}' },
  labels: { L: 'Layers L', hKv: 'KV heads h_kv', d: 'Head dim d', s: 'Bytes per element s', b: 'Tokens per block b' },
  domains: { L: 'positiveInt', hKv: 'positiveInt', d: 'positiveInt', s: 'positive', b: 'positiveInt' },
  tex: (v) => String.raw`2 \cdot ${v.L} \cdot ${v.hKv} \cdot ${v.d} \cdot ${v.s} \cdot ${v.b}`,
  compute: ({ L, hKv, d, s, b }) => kvBytesPerRequest({ layers: L, tokens: b, kvHeads: hKv, headDim: d, bytesPerElement: s }),
  // Llama 2 7B (MHA, 32 heads of 128), fp16, vLLM's default 16 tokens: 2·32·32·128·2·16 = 8,388,608 B (8 MiB).
  example: { L: 32, hKv: 32, d: 128, s: 2, b: 16 },
  notes: ['vLLM stores one block per layer for K and one for V; the sum over layers is the same bytes.'],
});

export const kvBlocksAvailableFormula = defineFormula({
  id: 'serving.kvBlocksAvailable',
  anchor: 'kv-blocks-available',
  page: 'serving-in-practice',
  title: 'KV blocks that fit',
  description: 'The memory left for the KV cache after the weights, the activations and the reserve, cut into whole blocks.',
  lhs: 'N_{\\text{blk}}',
  unit: 'count',
  symbols: { K: 'M_{\\text{KV}}^{\\text{free}}', m: 'M_{\\text{blk}}' },
  labels: { K: 'Memory for the KV cache (bytes)', m: 'Bytes per block' },
  domains: { K: 'nonNegative', m: 'positive' },
  tex: (v) => String.raw`\left\lfloor \frac{${v.K}}{${v.m}} \right\rfloor`,
  compute: ({ K, m }) => kvBlocksThatFit(K, m),
  // Llama 2 70B fp16 on 2×A800: the chapter 8 budget over blocks of 16 tokens (16·327,680 B).
  example: { K: 15_846_326_272, m: 5_242_880 },
});

export const kvBlocksInFlightFormula = defineFormula({
  id: 'serving.kvBlocksInFlight',
  anchor: 'kv-blocks-in-flight',
  page: 'serving-in-practice',
  title: 'Blocks a request holds in flight',
  description:
    'Under continuous batching a request is equally likely to be at any of its O output steps; at step j it holds ⌈(S + j)/b⌉ blocks, the last one partly empty.',
  lhs: '\\bar{n}_{\\text{blk}}',
  unit: 'count',
  symbols: { S: 'S', O: 'O', b: 'b_{\\text{blk}}' },
  labels: { S: 'Prompt tokens S', O: 'Output tokens O', b: 'Tokens per block b' },
  domains: { S: 'positiveInt', O: 'positiveInt', b: 'positiveInt' },
  tex: (v) => String.raw`\frac{1}{${v.O}} \sum_{j=1}^{${v.O}} \left\lceil \frac{${v.S} + j}{${v.b}} \right\rceil`,
  compute: ({ S, O, b }) => meanBlocksInFlight({ promptTokens: S, outputTokens: O, blockTokens: b }),
  example: { S: 4000, O: 200, b: 16 },
  notes: ['The sum is taken in closed form, so an output of a billion tokens costs no more to evaluate than one of ten.'],
});

export const pagedConcurrencyFormula = defineFormula({
  id: 'serving.pagedConcurrency',
  anchor: 'paged-concurrency',
  page: 'serving-in-practice',
  title: 'Requests that fit in a paged KV cache',
  description:
    'Whole blocks shared by nobody are divided among the requests by what each holds on average; a cached prefix of n_pre blocks is held once and spares every request that hits it.',
  lhs: 'B_{\\max}^{\\text{paged}}',
  unit: 'requests',
  symbols: { N: 'N_{\\text{blk}}', np: 'n_{\\text{pre}}', nbar: '\\bar{n}_{\\text{blk}}', h: 'r_{\\text{hit}}' },
  labels: { N: 'Blocks that fit', np: 'Blocks of the shared prefix', nbar: 'Blocks a request holds on average', h: 'Prefix hit rate' },
  domains: { N: 'nonNegativeInt', np: 'nonNegativeInt', nbar: 'positive', h: 'nonNegative' },
  tex: (v) => String.raw`\left\lfloor \frac{${v.N} - ${v.np}}{${v.nbar} - ${v.h} \cdot ${v.np}} \right\rfloor`,
  compute: ({ N, np, nbar, h }) => pagedConcurrency({ blocks: N, sharedBlocks: np, meanBlocks: nbar, hitRate: h }),
  example: { N: 3022, np: 0, nbar: 256.76, h: 0 },
  notes: ['An average, as a server at steady state sees it; a burst of requests all at their last token needs ⌈(S + O)/b⌉ blocks each.'],
});

export const kvSlotUtilizationFormula = defineFormula({
  id: 'serving.kvSlotUtilization',
  anchor: 'kv-slot-utilization',
  page: 'serving-in-practice',
  title: 'Share of reserved KV slots holding tokens',
  description:
    'What a request holds on average, S + (O + 1)/2 tokens, over what its allocator keeps for it: its maximum length when reserved contiguously, its blocks when paged.',
  lhs: 'U_{\\text{KV}}',
  unit: 'ratio',
  symbols: { S: 'S', O: 'O', R: 'S_{\\text{rsv}}' },
  labels: { S: 'Prompt tokens S', O: 'Output tokens O', R: 'Token slots reserved per request' },
  domains: { S: 'positiveInt', O: 'positiveInt', R: 'positive' },
  tex: (v) => String.raw`\frac{${v.S} + (${v.O} + 1)/2}{${v.R}}`,
  compute: ({ S, O, R }) => kvSlotUtilization({ promptTokens: S, outputTokens: O, reservedTokens: R }),
  // 3,000 + 1,000 tokens in a slot reserved for Llama 2's whole 4,096-token context: 3,500.5 / 4,096 = 85.5%.
  example: { S: 3000, O: 1000, R: 4096 },
  notes: ['Kwon et al. measured 20.4–38.2% in the systems that reserved contiguous slots (their Figure 2) and about 96% in vLLM.'],
});

export const pagedFormulas: AnyFormula[] = [
  kvBlockBytesFormula,
  kvBlocksAvailableFormula,
  kvBlocksInFlightFormula,
  pagedConcurrencyFormula,
  kvSlotUtilizationFormula,
];
