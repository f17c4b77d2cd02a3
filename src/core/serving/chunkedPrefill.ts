/**
 * Chunked prefill: a long prompt is cut into chunks of S_chunk tokens, and each chunk rides in
 * a decode step of the requests already generating (a "hybrid" step), instead of one long
 * prefill step during which every running request waits.
 *
 *   chunks                    n = ⌈S / S_chunk⌉                        chunk k: min(S_chunk, S − (k−1)·S_chunk) new tokens over k·S_chunk
 *   worst gap between tokens  T_gap = T_d + ΔT                         ΔT: what the heaviest step adds to a decode step
 *   time to first token       T_TTFT = Σ_k T_hyb,k                     every chunk waits for its step
 *
 * Without chunks ΔT is the whole prompt's prefill; with them it is the heaviest chunk's, whose
 * FLOPs fill the tensor cores a memory-bound decode step leaves idle (Sarathi's
 * "piggybacking"): a hybrid step costs less than a decode step plus a chunk. The price is a
 * longer time to first token (each chunk waits for a step and re-reads the earlier chunks'
 * keys and values) and, for a lone request, a weight read per chunk. The per-step token budget
 * is the chunk plus one token per decoding request. The step times are the engine's
 * (./scenario/serving.ts), summed in closed form over the chunks.
 * @see Agrawal et al., "SARATHI: Efficient LLM Inference by Piggybacking Decodes with Chunked Prefills" (2023)
 * @see Agrawal et al., "Taming Throughput-Latency Tradeoff in LLM Inference with Sarathi-Serve" (OSDI 2024), §4
 */
import { defineFormula, type AnyFormula } from '../formula';
import { InputError } from '../units';

/**
 * Chunks a prompt of S tokens is cut into: ⌈S / S_chunk⌉.
 * @example prefillChunks(4000, 512) //=> 8
 */
export function prefillChunks(promptTokens: number, chunkTokens: number): number {
  if (!(Number.isInteger(chunkTokens) && chunkTokens >= 1)) throw new InputError('prefillChunkTokens', 'a chunk must be a whole number of at least 1 token');
  return Math.ceil(promptTokens / chunkTokens);
}

/**
 * The tokens of the last chunk: S − (n − 1)·S_chunk.
 * @example lastChunkTokens(4000, 512) //=> 416
 */
export function lastChunkTokens(promptTokens: number, chunkTokens: number): number {
  return promptTokens - (prefillChunks(promptTokens, chunkTokens) - 1) * chunkTokens;
}

/**
 * The gap a running request sees between two tokens: its decode step plus the prefill work
 * that shares it.
 * @example decodeGapSeconds(0.03, 0.5) //=> 0.53
 */
export function decodeGapSeconds(decodeStepSeconds: number, extraSeconds: number): number {
  return decodeStepSeconds + extraSeconds;
}

export const prefillChunksFormula = defineFormula({
  id: 'serving.prefillChunks',
  anchor: 'prefill-chunks',
  page: 'serving-in-practice',
  title: 'Chunks of a prompt',
  description: 'A prompt of S tokens prefilled S_chunk tokens per step; the last chunk holds what is left.',
  lhs: 'n_{\\text{chunk}}',
  unit: 'count',
  symbols: { S: 'S', C: 'S_{\\text{chunk}}' },
  labels: { S: 'Prompt tokens S', C: 'Tokens per chunk' },
  domains: { S: 'positiveInt', C: 'positiveInt' },
  tex: (v) => String.raw`\left\lceil \frac{${v.S}}{${v.C}} \right\rceil`,
  compute: ({ S, C }) => prefillChunks(S, C),
  example: { S: 4000, C: 512 },
  notes: ['Sarathi-Serve calls the chunk plus the decode tokens of a step its token budget (512 and 2,048 in its experiments).'],
});

export const decodeGapFormula = defineFormula({
  id: 'serving.decodeGap',
  anchor: 'decode-gap',
  page: 'serving-in-practice',
  title: 'Worst gap between two output tokens',
  description:
    'A running request waits for the step it shares with the heaviest prefill work: its own decode step plus what that work adds. Unchunked, the whole prompt; chunked, one chunk.',
  lhs: 'T_{\\text{gap}}',
  unit: 's',
  symbols: { Td: 'T_d', dT: '\\Delta T' },
  labels: { Td: 'Decode step of the running batch (s)', dT: 'Time the heaviest prefill work adds (s)' },
  domains: { Td: 'positive', dT: 'nonNegative' },
  tex: (v) => String.raw`${v.Td} + ${v.dT}`,
  compute: ({ Td, dT }) => decodeGapSeconds(Td, dT),
  example: { Td: 0.03, dT: 0.5 },
  approximate: true,
  notes: [
    'The mean time per output token barely moves: the same prefill work is spread over more steps. The tail (p99 inter-token latency) is what chunking fixes.',
  ],
});

export const chunkedTtftFormula = defineFormula({
  id: 'serving.chunkedTtft',
  anchor: 'chunked-ttft',
  page: 'serving-in-practice',
  title: 'Time to first token with chunked prefill',
  description: 'Each of the n chunks rides in one step with the running decodes; the first token comes after the last chunk’s step.',
  lhs: 'T_{\\text{TTFT}}^{\\text{chunk}}',
  unit: 's',
  symbols: { n: 'n_{\\text{chunk}}', T: '\\bar{T}_{\\text{hyb}}' },
  labels: { n: 'Chunks', T: 'Mean hybrid step (s)' },
  domains: { n: 'positiveInt', T: 'positive' },
  tex: (v) => String.raw`${v.n} \cdot ${v.T}`,
  compute: ({ n, T }) => n * T,
  example: { n: 8, T: 0.09 },
  approximate: true,
});

export const chunkedFormulas: AnyFormula[] = [prefillChunksFormula, decodeGapFormula, chunkedTtftFormula];
