/**
 * Case: Llama 2 70B in fp16 on 2×A800 80GB, requests of up to 4,000 tokens (input +
 * output). How many can run at once?
 *
 * Memory for the KV cache = 2 · M · u − weights − activations; each request needs
 * 2·L·S·h_kv·d·s; concurrency is the floor of the ratio. The answer turns on three
 * stated assumptions: whether "80GB" is 80 GiB (the physical HBM, as CUDA reports) or
 * 80e9 bytes, the reserve (1 − u), and the activation working set. GQA (8 KV heads)
 * is what makes it more than one: multi-head attention would cache 8× as much.
 */
import { checkInputs } from '../formula';
import { getPreset } from '../model/presets';
import { countParams } from '../params/params';
import { getGpu, gpuMemoryBytes, type MemoryReading } from '../gpu/gpu';
import { InputError, formatBytes, formatInteger } from '../units';
import {
  DEFAULT_MEMORY_UTILIZATION,
  kvBudgetBytes,
  kvBudgetFormula,
  kvPerRequestFormula,
  maxConcurrency,
  maxConcurrencyFormula,
  servingActivationFormula,
} from '../serving/serving';
import { applyOverrides, type WorkedCase } from './types';

export interface Llama2ConcurrencyAssumptions {
  /** GPU id from the table. */
  gpu: string;
  gpus: number;
  /** 'GiB': an "80GB" A800 has 80 GiB = 85,899,345,920 B. 'GB': 80e9 B. */
  memoryReading: string;
  /** Fraction of each GPU the server uses (vLLM gpu_memory_utilization); 1 − u is the reserve. */
  utilization: number;
  /** fp16: 2 bytes per weight and per KV element. */
  bytesPerElement: number;
  /** Input + output tokens per request, at most. */
  maxTokens: number;
  /** Tokens in the largest forward pass, for the activation working set (one full prompt). */
  activationTokens: number;
}

export interface Llama2ConcurrencyAnswer {
  maxConcurrency: number;
  /** Same memory, had Llama 2 70B used multi-head attention (h_kv = h = 64). */
  maxConcurrencyMha: number;
  weightsBytes: number;
  kvBytesPerRequest: number;
  kvBytesPerRequestMha: number;
  memoryBytes: number;
  activationBytes: number;
  kvBudgetBytes: number;
  /** The headline under other readings: GB or GiB, with or without the reserve. */
  sensitivity: { gibWithReserve: number; gbWithReserve: number; gibNoReserve: number; gbNoReserve: number };
}

export const LLAMA2_CONCURRENCY_DEFAULTS: Readonly<Llama2ConcurrencyAssumptions> = {
  gpu: 'a800-sxm-80gb',
  gpus: 2,
  memoryReading: 'GiB',
  utilization: DEFAULT_MEMORY_UTILIZATION,
  bytesPerElement: 2,
  maxTokens: 4000,
  activationTokens: 4000,
};

export function llama2ConcurrencyCase(
  overrides?: Partial<Llama2ConcurrencyAssumptions>,
): WorkedCase<Llama2ConcurrencyAssumptions, Llama2ConcurrencyAnswer> {
  const a = applyOverrides(LLAMA2_CONCURRENCY_DEFAULTS, overrides);
  checkInputs(
    { gpus: a.gpus, utilization: a.utilization, bytesPerElement: a.bytesPerElement, maxTokens: a.maxTokens, activationTokens: a.activationTokens },
    { gpus: 'positiveInt', utilization: 'fraction', bytesPerElement: 'positive', maxTokens: 'positiveInt', activationTokens: 'positiveInt' },
  );
  if (a.memoryReading !== 'GB' && a.memoryReading !== 'GiB') {
    throw new InputError('memoryReading', `memoryReading must be "GB" or "GiB", got "${a.memoryReading}"`);
  }
  const reading: MemoryReading = a.memoryReading;
  const gpu = getGpu(a.gpu);
  const spec = getPreset('llama-2-70b').spec;
  const N = countParams(spec).total;
  const weights = N * a.bytesPerElement;
  const kvStep = kvPerRequestFormula.derive({ L: spec.layers, S: a.maxTokens, hkv: spec.kvHeads, d: spec.headDim, s: a.bytesPerElement });
  const kvMhaStep = kvPerRequestFormula.derive({ L: spec.layers, S: a.maxTokens, hkv: spec.heads, d: spec.headDim, s: a.bytesPerElement });
  const actStep = servingActivationFormula.derive({
    G: a.gpus,
    T: a.activationTokens,
    H: spec.hidden,
    c: spec.ffn === 'gated' ? 3 : 2,
    I: spec.ffnWidth,
    s: a.bytesPerElement,
  });
  const memory = gpuMemoryBytes(gpu, reading);
  const budgetStep = kvBudgetFormula.derive({ G: a.gpus, M: memory, u: a.utilization, W: weights, A: actStep.value });
  const concurrencyStep = maxConcurrencyFormula.derive({ K: Math.max(0, budgetStep.value), r: kvStep.value });
  const mhaStep = maxConcurrencyFormula.derive({ K: Math.max(0, budgetStep.value), r: kvMhaStep.value });
  const under = (r: MemoryReading, u: number) =>
    maxConcurrency(
      kvBudgetBytes({ gpus: a.gpus, memoryPerGpu: gpuMemoryBytes(gpu, r), utilization: u, weightsBytes: weights, activationBytes: actStep.value }),
      kvStep.value,
    );
  const n = concurrencyStep.value;
  return {
    id: 'llama2-70b-concurrency',
    title: 'Llama 2 70B on 2×A800: maximum concurrency',
    question:
      'Llama 2 70B in fp16 on 2 A800s, with inputs plus outputs of at most 4,000 tokens: how many requests can the system run at once?',
    steps: [kvStep, kvMhaStep, actStep, budgetStep, concurrencyStep, mhaStep],
    assumptions: a,
    assumptionNotes: {
      memoryReading:
        'An "80GB" A800 carries 80 GiB of HBM2e (CUDA reports 81,920 MiB), i.e. 85,899,345,920 bytes; reading it as 80e9 bytes loses 7.4%.',
      utilization: 'vLLM’s default gpu_memory_utilization = 0.9: 10% reserved for the CUDA context, NCCL buffers, CUDA graphs and fragmentation.',
      activationTokens: 'The activation working set of one 4,000-token prefill, tensor parallel over both GPUs (gated FFN: gate, up and product alive at once).',
      bytesPerElement: 'fp16 weights and KV cache: 2 bytes.',
    },
    answer: {
      maxConcurrency: n,
      maxConcurrencyMha: mhaStep.value,
      weightsBytes: weights,
      kvBytesPerRequest: kvStep.value,
      kvBytesPerRequestMha: kvMhaStep.value,
      memoryBytes: a.gpus * memory,
      activationBytes: actStep.value,
      kvBudgetBytes: budgetStep.value,
      sensitivity: {
        gibWithReserve: under('GiB', a.utilization),
        gbWithReserve: under('GB', a.utilization),
        gibNoReserve: under('GiB', 1),
        gbNoReserve: under('GB', 1),
      },
    },
    verdict: `About ${formatInteger(n)} concurrent requests of up to ${formatInteger(a.maxTokens)} tokens: the weights take ${formatBytes(weights)} of the ${formatBytes(a.gpus * memory)}, and each request caches ${formatBytes(kvStep.value)} thanks to GQA (${spec.kvHeads} KV heads); with multi-head attention (${spec.heads / spec.kvHeads}× the KV) it would be ${formatInteger(mhaStep.value)}.`,
  };
}
