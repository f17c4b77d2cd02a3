/**
 * `inference <model> --gpu ID --gpus N --batch B --input S --output O [--dtype bf16]`:
 * prefill FLOPs, TTFT and mean TPOT by roofline with tensor parallelism over the N GPUs,
 * weights, KV cache and the maximum concurrency for requests of S + O tokens.
 *
 * Conventions (all printed in the JSON): FLOPs are the exact per-component count with a
 * causal mask (`--attention full` counts every key, as the reference article does);
 * efficiencies default to 0.8 of peak compute, memory bandwidth and link bandwidth; an
 * "80GB" card is read as 80 GiB (`--memory-reading GB` for 80e9 B) and 10% is reserved.
 */
import { bytesPerElement, DTYPES, type Dtype } from '../core/dtypes';
import { getGpu, gpuMemoryBytes, gpuPeakFlops, type MemoryReading, type PeakDtype } from '../core/gpu/gpu';
import { DEFAULT_EFFICIENCIES, estimateInferenceLatency } from '../core/latency/legacy';
import { decodeStepFlops, prefillFlops } from '../core/flops/flops';
import { kvCacheBytesPerToken, weightsBytes } from '../core/memory/memory';
import { activeParams } from '../core/params/params';
import {
  DEFAULT_MEMORY_UTILIZATION,
  kvBudgetBytes,
  maxConcurrency,
  servingActivationBytes,
} from '../core/serving/serving';
import { boundMessage, inBound } from '../core/bounds';
import { InputError, formatInteger } from '../core/units';
import { defineCommand, type FlagTable } from './args';
import { loadModel } from './model';

/**
 * The flags of `inference`, declared once: parsing, bounds, `--help` and the "did you
 * mean" suggestions all come from this table.
 */
export const INFERENCE_FLAGS = {
  gpu: { kind: 'string', metavar: 'ID', required: true, description: 'GPU id (see `gpu list`)' },
  gpus: { kind: 'integer', bound: 'gpus', unit: 'GPUs', required: true, description: 'GPUs the model is tensor parallel over' },
  batch: { kind: 'integer', bound: 'batch', unit: 'requests', required: true, description: 'requests served together (the batch B)' },
  input: { kind: 'integer', bound: 'sequence', unit: 'tokens', required: true, description: 'prompt tokens per request (S)' },
  output: { kind: 'integer', bound: 'sequence', unit: 'tokens', required: true, description: 'generated tokens per request (O)' },
  dtype: { kind: 'enum', choices: DTYPES, default: 'bf16', description: 'weights dtype (int8/int4: weight-only, KV cache and compute in bf16)' },
  attention: { kind: 'enum', choices: ['causal', 'full'], default: 'causal', description: 'prefill score FLOPs: causal mask, or every key as the reference article counts' },
  'compute-efficiency': {
    kind: 'number',
    bound: 'efficiency',
    unit: 'share of peak',
    default: DEFAULT_EFFICIENCIES.compute,
    field: 'compute',
    description: 'share of peak FLOP/s the kernels reach',
  },
  'memory-efficiency': {
    kind: 'number',
    bound: 'efficiency',
    unit: 'share of peak',
    default: DEFAULT_EFFICIENCIES.memory,
    field: 'memory',
    description: 'share of peak HBM bandwidth the kernels reach',
  },
  'comm-efficiency': {
    kind: 'number',
    bound: 'efficiency',
    unit: 'share of peak',
    default: DEFAULT_EFFICIENCIES.comm,
    field: 'comm',
    description: 'share of the per-direction link bandwidth a ring all-reduce reaches',
  },
  'all-reduce-latency': {
    kind: 'number',
    bound: 'seconds',
    unit: 's',
    default: DEFAULT_EFFICIENCIES.allReduceLatency,
    field: 'allReduceLatency',
    description: 'fixed latency of each tensor-parallel all-reduce',
  },
  'memory-reading': { kind: 'enum', choices: ['GiB', 'GB'], default: 'GiB', description: 'read a marketed "80GB" as 80 GiB (physical) or 80e9 B' },
  utilization: {
    kind: 'number',
    bound: 'fraction',
    unit: 'share of memory',
    default: DEFAULT_MEMORY_UTILIZATION,
    field: 'utilization',
    description: 'share of each GPU the server uses (vLLM gpu_memory_utilization); the rest is reserved',
  },
  'link-bandwidth': {
    kind: 'number',
    bound: 'bandwidth',
    unit: 'B/s',
    description: 'GPU-to-GPU bandwidth, bidirectional (default: the GPU table\'s interconnect)',
  },
} as const satisfies FlagTable;

/** The tensor-core rate a dtype computes at: weight-only int8/int4 dequantise to bf16; fp32 runs as tf32. */
function computeDtype(dtype: Dtype): PeakDtype {
  if (dtype === 'int8' || dtype === 'int4') return 'bf16';
  if (dtype === 'fp32') return 'tf32';
  return dtype;
}

/**
 * `inference <model> --gpu ID --gpus N --batch B --input S --output O`: serving latency and memory.
 * @example inferenceCommand.execute(['llama-2-70b', '--gpu', 'a800-sxm-80gb', '--gpus', '8', '--batch', '16', '--input', '4000', '--output', '1']) //=> { kind: 'result', result: { weightsBytes: 137953296384, kvCacheBytes: 20976762880, maxConcurrency: 365, … }, json: false }
 */
export const inferenceCommand = defineCommand({
  name: 'inference',
  summary: 'Prefill FLOPs, TTFT and mean TPOT by roofline (tensor parallel over --gpus), weights, KV cache and maximum concurrency',
  positionals: [{ name: 'model', description: 'a preset id (see `model list`) or a path to a Hugging Face config.json' }],
  flags: INFERENCE_FLAGS,
  notes: [
    'Conventions (printed in the JSON): exact per-component FLOPs with a causal mask; efficiencies 0.8 of peak;',
    'an "80GB" card read as 80 GiB with 10% reserved; the KV cache and maximum concurrency for requests of S + O tokens.',
  ],
  run({ positionals, flags, given }) {
    const { spec } = loadModel(positionals[0]);
    const gpu = getGpu(flags.gpu);
    const work = { gpus: flags.gpus, batch: flags.batch, input: flags.input, output: flags.output };
    const dtype: Dtype = flags.dtype;
    const attention = flags.attention;
    const reading: MemoryReading = flags['memory-reading'];
    const eff = {
      compute: flags['compute-efficiency'],
      memory: flags['memory-efficiency'],
      comm: flags['comm-efficiency'],
      allReduceLatency: flags['all-reduce-latency'],
    };
    const utilization = flags.utilization;
    // Each request holds S + O tokens of context: the sequence bound applies to the sum.
    if (!inBound(work.input + work.output, 'sequence')) {
      throw new InputError('output', boundMessage(`--input + --output (${formatInteger(work.input + work.output)} tokens)`, 'sequence'));
    }
    const peakDtype = computeDtype(dtype);
    const peak = gpuPeakFlops(gpu, peakDtype);
    // Weight-only quantisation keeps the KV cache in bf16.
    const kvBytesPerElement = dtype === 'int8' || dtype === 'int4' ? 2 : bytesPerElement(dtype);
    const weights = weightsBytes(spec, dtype);
    const kvPerToken = kvCacheBytesPerToken(spec, kvBytesPerElement);
    let linkBandwidth = 1;
    if (work.gpus > 1) {
      const bidirectional = given.has('link-bandwidth') ? (flags['link-bandwidth'] ?? 0) : (gpu.interconnect.bandwidth ?? 0);
      if (!(bidirectional > 0)) {
        throw new InputError('link-bandwidth', `${gpu.name} has no GPU-to-GPU link in the table; pass --link-bandwidth (bidirectional B/s)`);
      }
      linkBandwidth = bidirectional / 2;
    }
    const latency = estimateInferenceLatency(
      {
        params: activeParams(spec),
        layers: spec.layers,
        attentionWidth: spec.heads * spec.headDim,
        hidden: spec.hidden,
        weightsBytes: weights,
        kvBytesPerToken: kvPerToken,
        activationBytesPerElement: 2,
        // Serving computes logits for the last position only.
        prefillFlops: (b, s, mode) => prefillFlops({ spec, batch: b, promptTokens: s, attention: mode, logits: 'last' }).total,
        decodeStepFlops: (b, context) => decodeStepFlops({ spec, batch: b, contextTokens: context }).total,
      },
      { gpus: work.gpus, peak, memoryBandwidth: gpu.memoryBandwidth, linkBandwidth },
      { batch: work.batch, input: work.input, output: work.output, attention },
      eff,
    );
    const memoryPerGpu = gpuMemoryBytes(gpu, reading);
    const activations = servingActivationBytes({
      gpus: work.gpus,
      tokens: work.input,
      hidden: spec.hidden,
      ffnWidth: spec.moe ? Math.max(spec.ffnWidth, spec.moe.expertWidth * spec.moe.topK) : spec.ffnWidth,
      ffnTensors: spec.ffn === 'gated' ? 3 : 2,
      bytesPerElement: 2,
    });
    const budget = kvBudgetBytes({ gpus: work.gpus, memoryPerGpu, utilization, weightsBytes: weights, activationBytes: activations });
    const kvPerRequest = (work.input + work.output) * kvPerToken;
    const kvCacheBytes = work.batch * kvPerRequest;
    return {
      model: spec.id,
      gpu: gpu.id,
      gpus: work.gpus,
      dtype,
      attention,
      prefillFlops: latency.prefillFlops,
      ttftSeconds: latency.ttftSeconds,
      tpotSeconds: latency.tpotSeconds,
      totalSeconds: latency.totalSeconds,
      prefillRegime: latency.prefill.regime,
      decodeRegime: latency.decodeLast.regime,
      prefill: latency.prefill,
      decodeFirst: latency.decodeFirst,
      decodeLast: latency.decodeLast,
      weightsBytes: weights,
      kvCacheBytes,
      kvCacheBytesPerRequest: kvPerRequest,
      activationBytes: activations,
      memoryBytes: work.gpus * memoryPerGpu,
      memoryReading: reading,
      fits: weights + activations + kvCacheBytes <= work.gpus * memoryPerGpu * utilization,
      maxConcurrency: maxConcurrency(budget, kvPerRequest),
      assumptions: { peakFlops: peak, peakDtype, efficiencies: eff, utilization, linkBandwidthPerDirection: work.gpus > 1 ? linkBandwidth : null },
    };
  },
});
