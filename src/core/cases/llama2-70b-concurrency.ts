/**
 * Case: Llama 2 70B in fp16 on 2×A800 80GB, requests of up to 4,000 tokens (input +
 * output). How many can run at once?
 *
 * The serving scenario's memory answer (src/core/scenario/serving.ts, servingMemory): the
 * KV budget G·M·u − weights − activations, each request's 2·L·S·h_kv·d·s, and the floor
 * of the ratio. It turns on stated assumptions: which memory figure M is (as marketed,
 * physical, or what the CUDA runtime reports — the default everywhere), the reserve
 * 1 − u, and the activation working set. GQA (8 KV heads) is what makes it more than one:
 * multi-head attention would cache 8× as much.
 */
import { checkBound } from '../bounds';
import { checkInputs } from '../formula';
import { getGpu, isMemoryReading, memoryReadingUsed, type MemoryReading } from '../gpu/gpu';
import { kvCacheFormula } from '../memory/formulas';
import { getPreset } from '../model/presets';
import { SERVING_DEFAULTS } from '../scenario/defaults';
import { servingMemory } from '../scenario/serving';
import { kvBudgetFormula, maxConcurrency, maxConcurrencyFormula } from '../serving/serving';
import { InputError, formatBytes, formatInteger } from '../units';
import type { Dtype } from '../dtypes';
import { applyOverrides, type WorkedCase } from './types';

export interface Llama2ConcurrencyAssumptions {
  /** GPU id from the table. */
  gpu: string;
  gpus: number;
  /** 'runtime' (what CUDA reports: 79.15 GiB on an A800), 'GiB' (the 80 GiB built), or 'GB' (80e9 B as marketed). */
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
  /** The headline under other readings of the memory, with or without the reserve. */
  sensitivity: {
    runtimeWithReserve: number;
    gibWithReserve: number;
    gbWithReserve: number;
    runtimeNoReserve: number;
    gibNoReserve: number;
    gbNoReserve: number;
  };
}

export const LLAMA2_CONCURRENCY_DEFAULTS: Readonly<Llama2ConcurrencyAssumptions> = {
  gpu: 'a800-sxm-80gb',
  gpus: 2,
  memoryReading: SERVING_DEFAULTS.memoryReading,
  utilization: SERVING_DEFAULTS.utilization,
  bytesPerElement: 2,
  maxTokens: 4000,
  activationTokens: 4000,
};

const DTYPE_OF_BYTES: Readonly<Record<number, Dtype>> = { 4: 'fp32', 2: 'fp16', 1: 'fp8', 0.5: 'int4' };

export function llama2ConcurrencyCase(overrides?: Partial<Llama2ConcurrencyAssumptions>): WorkedCase<Llama2ConcurrencyAssumptions, Llama2ConcurrencyAnswer> {
  const a = applyOverrides(LLAMA2_CONCURRENCY_DEFAULTS, overrides);
  checkInputs(
    { gpus: a.gpus, utilization: a.utilization, bytesPerElement: a.bytesPerElement, maxTokens: a.maxTokens, activationTokens: a.activationTokens },
    { gpus: 'positiveInt', utilization: 'fraction', bytesPerElement: 'positive', maxTokens: 'positiveInt', activationTokens: 'positiveInt' },
  );
  checkBound(a.maxTokens, 'sequence', 'maxTokens', 'Input + output tokens');
  if (!isMemoryReading(a.memoryReading)) {
    throw new InputError('memoryReading', `memoryReading must be "runtime", "GiB" or "GB", got "${a.memoryReading}"`);
  }
  const dtype = DTYPE_OF_BYTES[a.bytesPerElement];
  if (!dtype) throw new InputError('bytesPerElement', 'bytesPerElement must be 4, 2, 1 or 0.5 (fp32, fp16, fp8 or int4)');
  const reading: MemoryReading = a.memoryReading;
  const gpu = getGpu(a.gpu);
  const spec = getPreset('llama-2-70b').spec;
  const ask = (r: MemoryReading, u: number, model = spec) =>
    servingMemory({
      model,
      gpu,
      gpus: a.gpus,
      batch: 1,
      contextTokens: a.maxTokens,
      activationTokens: a.activationTokens,
      weightDtype: dtype,
      kvDtype: dtype,
      memoryReading: r,
      utilization: u,
    });
  const { memory: m, warnings } = ask(reading, a.utilization);
  const kvStep = kvCacheFormula.derive({ L: spec.layers, Sc: a.maxTokens, hKv: spec.kvHeads, d: spec.headDim, s: a.bytesPerElement });
  const kvMhaStep = kvCacheFormula.derive({ L: spec.layers, Sc: a.maxTokens, hKv: spec.heads, d: spec.headDim, s: a.bytesPerElement });
  // Multi-head attention's cache against the same budget: what GQA alone buys (MHA's extra K/V weights aside).
  const mhaMax = m.kvBudgetBytes > 0 ? maxConcurrency(m.kvBudgetBytes, kvMhaStep.value) : 0;
  const budgetStep = kvBudgetFormula.derive({ G: a.gpus, M: m.memoryBytes / a.gpus, u: a.utilization, W: m.weightsBytes, A: m.activationBytes });
  // Titles say what each step computes and what differs from the step before (the KV heads, the
  // GPUs and context), never the same words twice: "Maximum concurrent requests: 2 × A800, …".
  const where = `${formatInteger(a.gpus)} × ${gpu.name.replace(/^(NVIDIA|AMD|Google|Intel) /, '').split(' ')[0]}`;
  const context = `${formatInteger(a.maxTokens)}-token contexts`;
  const steps = [
    { ...kvStep, title: `KV cache per request of ${formatInteger(a.maxTokens)} tokens: GQA’s ${formatInteger(spec.kvHeads)} KV heads` },
    { ...kvMhaStep, title: `The same cache had it used multi-head attention: ${formatInteger(spec.heads)} KV heads` },
    { ...budgetStep, title: `Memory left for the KV cache on ${where}: usable memory − weights − activations` },
  ];
  if (m.kvBudgetBytes > 0) {
    steps.push(
      {
        ...maxConcurrencyFormula.derive({ K: m.kvBudgetBytes, r: m.kvCacheBytesPerRequest }),
        title: `Maximum concurrent requests: ${where}, ${context} (the answer)`,
      },
      {
        ...maxConcurrencyFormula.derive({ K: m.kvBudgetBytes, r: kvMhaStep.value }),
        title: `Maximum concurrent requests had it used multi-head attention: same memory, ${formatInteger(spec.heads / spec.kvHeads)}× the cache`,
      },
    );
  }
  const n = m.maxConcurrency;
  const used = memoryReadingUsed(gpu, reading);
  return {
    id: 'llama2-70b-concurrency',
    title: 'Llama 2 70B on 2×A800: maximum concurrency',
    question: 'Llama 2 70B in fp16 on 2 A800s, with inputs plus outputs of at most 4,000 tokens: how many requests can the system run at once?',
    steps,
    assumptions: a,
    assumptionNotes: {
      memoryReading:
        'What the CUDA runtime reports of an "80GB" A800: 79.15 GiB (81,050 MiB), the figure a server’s memory fraction multiplies. The card carries 80 GiB of HBM2e (nvidia-smi lists 81,920 MiB); read as 80e9 bytes as marketed it is 7.4% less.',
      utilization: 'vLLM’s default gpu_memory_utilization = 0.9: 10% reserved for the CUDA context, NCCL buffers, CUDA graphs and fragmentation.',
      activationTokens:
        'The activation working set of one 4,000-token prefill, tensor parallel over both GPUs (gated FFN: gate, up and product alive at once).',
      bytesPerElement: 'fp16 weights and KV cache: 2 bytes.',
    },
    answer: {
      maxConcurrency: n,
      maxConcurrencyMha: mhaMax,
      weightsBytes: m.weightsBytes,
      kvBytesPerRequest: m.kvCacheBytesPerRequest,
      kvBytesPerRequestMha: kvMhaStep.value,
      memoryBytes: m.memoryBytes,
      activationBytes: m.activationBytes,
      kvBudgetBytes: m.kvBudgetBytes,
      sensitivity: {
        runtimeWithReserve: ask('runtime', a.utilization).memory.maxConcurrency,
        gibWithReserve: ask('GiB', a.utilization).memory.maxConcurrency,
        gbWithReserve: ask('GB', a.utilization).memory.maxConcurrency,
        runtimeNoReserve: ask('runtime', 1).memory.maxConcurrency,
        gibNoReserve: ask('GiB', 1).memory.maxConcurrency,
        gbNoReserve: ask('GB', 1).memory.maxConcurrency,
      },
    },
    warnings,
    verdict:
      n === 0
        ? `No request of ${formatInteger(a.maxTokens)} tokens fits: the weights take ${formatBytes(m.weightsBytes)} of the ${formatBytes(m.usableBytes)} usable.`
        : `About ${formatInteger(n)} concurrent requests of up to ${formatInteger(a.maxTokens)} tokens (memory read as ${used === 'runtime' ? 'the CUDA runtime reports it' : used === 'GB' ? 'marketed, 80e9 B' : used}): the weights take ${formatBytes(m.weightsBytes)} of the ${formatBytes(m.usableBytes)} usable, and each request caches ${formatBytes(m.kvCacheBytesPerRequest)} thanks to GQA (${spec.kvHeads} KV heads); with multi-head attention (${spec.heads / spec.kvHeads}× the KV) ${mhaMax === 0 ? 'not one would fit' : mhaMax === 1 ? 'only one would fit' : `${formatInteger(mhaMax)} would`}.`,
  };
}
