/**
 * `inference <model> --gpu ID --gpus N --batch B --input S --output O [--dtype bf16]`:
 * the serving scenario (src/core/scenario/serving.ts), the same answer the playground and
 * every serving calculator give: weights, KV cache, activations and how many requests fit;
 * TTFT and mean TPOT with their compute, memory, communication and fixed parts; throughput
 * for the batch as given, for continuous batching at B users and at the memory limit.
 *
 * Defaults are the site's (src/core/scenario/defaults.ts): causal attention, memory as the
 * CUDA runtime reports it with 10% reserved, the calibrated latency model. Every one is a
 * flag, and the JSON prints the assumptions it used and any warnings.
 */
import { DTYPES, type Dtype } from '../core/dtypes';
import { getGpu, MEMORY_READINGS } from '../core/gpu/gpu';
import type { GpuSpec } from '../core/gpu/spec';
import { CALIBRATION } from '../core/latency/calibration';
import { SERVING_DEFAULTS } from '../core/scenario/defaults';
import { servingScenario } from '../core/scenario/serving';
import { criticalBatch } from '../core/scenario/servingSteps';
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
  dtype: {
    kind: 'enum',
    choices: DTYPES,
    default: 'bf16',
    description: 'weights dtype (fp8 runs fp8 tensor cores where the GPU has them; int8/int4 are weight-only)',
  },
  'kv-dtype': { kind: 'enum', choices: DTYPES, description: "KV-cache dtype (default: the weights' for floats, bf16 under int8/int4 weights)" },
  attention: {
    kind: 'enum',
    choices: ['causal', 'full'],
    default: SERVING_DEFAULTS.attention,
    description: 'prefill score FLOPs: causal mask, or every key as the reference article counts',
  },
  peak: {
    kind: 'number',
    bound: 'flopsPerSecond',
    unit: 'FLOP/s',
    description: "peak FLOP/s per GPU to use instead of the datasheet's for the weights' dtype",
  },
  'compute-efficiency': {
    kind: 'number',
    bound: 'efficiency',
    unit: 'share of peak',
    default: CALIBRATION.computeEfficiency,
    field: 'compute',
    description: 'η_c: share of the 16-bit (and tf32) peak the matmuls reach',
  },
  'fp8-compute-efficiency': {
    kind: 'number',
    bound: 'efficiency',
    unit: 'share of peak',
    default: CALIBRATION.fp8ComputeEfficiency,
    description: 'η_c8: share of the fp8 peak fp8 matmuls reach (fitted on published measurements)',
  },
  'memory-efficiency': {
    kind: 'number',
    bound: 'efficiency',
    unit: 'share of peak',
    default: CALIBRATION.memoryEfficiency,
    field: 'memory',
    description: 'η_m: share of peak HBM bandwidth weight and activation reads reach',
  },
  'kv-efficiency': {
    kind: 'number',
    bound: 'efficiency',
    unit: 'share of peak',
    default: CALIBRATION.kvEfficiency,
    description: 'η_kv: share of peak HBM bandwidth decode attention reaches reading the KV cache',
  },
  'comm-efficiency': {
    kind: 'number',
    bound: 'efficiency',
    unit: 'share of peak',
    default: CALIBRATION.linkEfficiency,
    field: 'comm',
    description: 'share of the per-direction link bandwidth a ring all-reduce reaches',
  },
  'all-reduce-latency': {
    kind: 'number',
    bound: 'seconds',
    unit: 's',
    field: 'allReduceLatency',
    description: 'α: fixed latency of each tensor-parallel all-reduce (default by link: 10 µs NVLink, 25 µs PCIe)',
  },
  'step-overhead': {
    kind: 'number',
    bound: 'seconds',
    unit: 's',
    default: CALIBRATION.stepOverheadSeconds,
    description: 't_step: fixed seconds per forward step (scheduling, sampling, launches)',
  },
  'layer-overhead': {
    kind: 'number',
    bound: 'seconds',
    unit: 's',
    default: CALIBRATION.layerOverheadSeconds,
    description: 't_layer: fixed seconds per layer per step',
  },
  'memory-reading': {
    kind: 'enum',
    choices: MEMORY_READINGS,
    default: SERVING_DEFAULTS.memoryReading,
    description: "one GPU's memory: as the CUDA runtime reports it, the GiB built, or the GB marketed",
  },
  'activation-tokens': {
    kind: 'integer',
    bound: 'sequence',
    unit: 'tokens',
    description: 'tokens in the largest forward pass whose activations must fit (default: --input)',
  },
  utilization: {
    kind: 'number',
    bound: 'fraction',
    unit: 'share of memory',
    default: SERVING_DEFAULTS.utilization,
    field: 'utilization',
    description: 'share of each GPU the server uses (vLLM gpu_memory_utilization); the rest is reserved',
  },
  'link-bandwidth': {
    kind: 'number',
    bound: 'bandwidth',
    unit: 'B/s',
    description: "GPU-to-GPU bandwidth, bidirectional (default: the GPU table's interconnect)",
  },
} as const satisfies FlagTable;

/** The GPU with a link bandwidth given on the command line in place of the table's. */
function withLink(gpu: GpuSpec, bidirectional: number | undefined): GpuSpec {
  return bidirectional === undefined
    ? gpu
    : { ...gpu, interconnect: { ...gpu.interconnect, name: `${gpu.interconnect.name} (--link-bandwidth)`, bandwidth: bidirectional } };
}

/**
 * `inference <model> --gpu ID --gpus N --batch B --input S --output O`: the serving scenario.
 * @example inferenceCommand.execute(['llama-2-70b', '--gpu', 'a800-sxm-80gb', '--gpus', '8', '--batch', '16', '--input', '4000', '--output', '1']) //=> { kind: 'result', result: { ttftSeconds: 6.5284…, weightsBytes: 137953296384, maxConcurrency: 343, … }, json: false }
 */
export const inferenceCommand = defineCommand({
  name: 'inference',
  summary: 'Serving a model on --gpus tensor-parallel GPUs: memory and maximum concurrency, TTFT and TPOT (estimates with their parts), throughput',
  positionals: [{ name: 'model', description: 'a preset id (see `model list`) or a path to a Hugging Face config.json' }],
  flags: INFERENCE_FLAGS,
  notes: [
    "Defaults are the site's: causal attention, memory as the CUDA runtime reports it with 10% reserved, the calibrated latency",
    'model (its error against published measurements is on /reality-check/). `assumptions` in the JSON lists what was used.',
  ],
  run({ positionals, flags, given }) {
    const { spec } = loadModel(positionals[0]);
    if (!inBound(flags.input + flags.output, 'sequence')) {
      throw new InputError('output', boundMessage(`--input + --output (${formatInteger(flags.input + flags.output)} tokens)`, 'sequence'));
    }
    const gpu = withLink(getGpu(flags.gpu), given.has('link-bandwidth') ? flags['link-bandwidth'] : undefined);
    const weightDtype: Dtype = flags.dtype;
    const r = servingScenario({
      model: spec,
      gpu,
      gpus: flags.gpus,
      batch: flags.batch,
      inputTokens: flags.input,
      outputTokens: flags.output,
      weightDtype,
      ...(flags['kv-dtype'] === undefined ? {} : { kvDtype: flags['kv-dtype'] }),
      assumptions: {
        attention: flags.attention,
        memoryReading: flags['memory-reading'],
        utilization: flags.utilization,
        activationTokens: flags['activation-tokens'] ?? null,
        peakFlopsPerSecond: flags.peak ?? null,
        calibration: {
          computeEfficiency: flags['compute-efficiency'],
          fp8ComputeEfficiency: flags['fp8-compute-efficiency'],
          memoryEfficiency: flags['memory-efficiency'],
          kvEfficiency: flags['kv-efficiency'],
          linkEfficiency: flags['comm-efficiency'],
          allReduceLatencySeconds: flags['all-reduce-latency'] ?? null,
          stepOverheadSeconds: flags['step-overhead'],
          layerOverheadSeconds: flags['layer-overhead'],
        },
      },
    });
    const m = r.memory;
    return {
      model: r.model,
      gpu: r.gpu,
      gpus: r.gpus,
      batch: r.batch,
      input: r.inputTokens,
      output: r.outputTokens,
      dtype: r.weightDtype,
      kvDtype: r.kvDtype,
      attention: r.assumptions.attention,
      prefillFlops: r.prefillFlops,
      ttftSeconds: r.ttftSeconds,
      tpotSeconds: r.tpotSeconds,
      totalSeconds: r.totalSeconds,
      outputTokensPerSecond: r.outputTokensPerSecond,
      decodeTokensPerSecond: r.decodeTokensPerSecond,
      prefillRegime: r.prefill.regime,
      decodeRegime: r.decodeLast.regime,
      prefillArithmeticIntensity: r.prefill.arithmeticIntensity,
      prefill: r.prefill,
      decodeFirst: r.decodeFirst,
      decodeLast: r.decodeLast,
      decodeCriticalBatch: criticalBatch(r),
      weightsBytes: m.weightsBytes,
      kvCacheBytes: m.kvCacheBytes,
      kvCacheBytesPerRequest: m.kvCacheBytesPerRequest,
      kvCacheBytesPerToken: m.kvBytesPerToken,
      activationBytes: m.activationBytes,
      memoryBytes: m.memoryBytes,
      usableBytes: m.usableBytes,
      kvBudgetBytes: m.kvBudgetBytes,
      totalBytes: m.totalBytes,
      headroomBytes: m.headroomBytes,
      memoryReading: r.assumptions.memoryReading,
      fits: m.fits,
      maxConcurrency: m.maxConcurrency,
      continuous: r.continuous,
      atMaxConcurrency: r.atMaxConcurrency,
      hardware: r.hardware,
      assumptions: r.assumptions,
      warnings: r.warnings,
    };
  },
});
