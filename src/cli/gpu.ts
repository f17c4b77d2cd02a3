/**
 * `gpu <id> [--json]`: datasheet peaks, the peak derived from SMs × tensor cores ×
 * FLOPs/clock × clock, memory, bandwidth and interconnect (bidirectional), with sources.
 * `gpu list` prints every id with its dense bf16 peak, memory and bandwidth;
 * `gpu custom --sms N --tensor-cores T --flops-per-clock F --clock HZ --memory B
 * --bandwidth B/S [--interconnect B/S]` describes other hardware.
 */
import { customGpu, getGpu, listGpus } from '../core/gpu/gpu';
import { gpuSummaryWithSources } from '../core/gpu/sources';
import { InputError } from '../core/units';
import { defineCommand, type FlagTable } from './args';

/** Flags of `gpu custom` (refused after any other id). */
export const GPU_FLAGS = {
  sms: { kind: 'integer', bound: 'units', unit: 'SMs', field: 'computeUnits', description: 'gpu custom: streaming multiprocessors (compute units)' },
  'tensor-cores': {
    kind: 'integer',
    bound: 'units',
    unit: 'per SM',
    field: 'matrixUnitsPerComputeUnit',
    description: 'gpu custom: tensor cores per SM',
  },
  'flops-per-clock': {
    kind: 'number',
    bound: 'flopsPerClock',
    unit: 'FLOPs/clock',
    field: 'flopsPerClockPerUnit',
    description: 'gpu custom: dense bf16 FLOPs per clock per tensor core (an FMA is 2)',
  },
  clock: { kind: 'number', bound: 'clockHz', unit: 'Hz', field: 'clockHz', description: 'gpu custom: boost clock, e.g. 1.41e9' },
  memory: { kind: 'number', bound: 'memoryBytes', unit: 'B', field: 'memoryBytes', description: 'gpu custom: memory as marketed, SI bytes (80e9)' },
  bandwidth: { kind: 'number', bound: 'bandwidth', unit: 'B/s', field: 'memoryBandwidth', description: 'gpu custom: memory bandwidth' },
  interconnect: {
    kind: 'number',
    bound: 'bandwidth',
    unit: 'B/s',
    zeroMeansNone: true,
    field: 'interconnectBandwidth',
    description: 'gpu custom: GPU-to-GPU bandwidth, bidirectional; omit or 0 for none',
  },
} as const satisfies FlagTable;

const CUSTOM_REQUIRED = ['sms', 'tensor-cores', 'flops-per-clock', 'clock', 'memory', 'bandwidth'] as const;

function listSummary(): object {
  return {
    gpus: listGpus().map((g) => ({
      id: g.id,
      name: g.name,
      // Dense (no 2:4 sparsity) datasheet bf16; null for parts without bf16 tensor cores.
      peakFlops: { bf16: g.datasheet.bf16 },
      memoryBytes: g.memoryBytes,
      memoryBandwidth: g.memoryBandwidth,
    })),
  };
}

/**
 * `gpu <id | list | custom …>`: a GPU's peaks, memory and bandwidth, with sources.
 * @example gpuCommand.execute(['a800-sxm-80gb']) //=> { kind: 'result', result: { id: 'a800-sxm-80gb', peakFlops: { bf16: 312e12, … }, … }, json: false }
 */
export const gpuCommand = defineCommand({
  name: 'gpu',
  summary: 'Datasheet and first-principles peak FLOP/s, memory, bandwidth and interconnect of a GPU, with sources',
  positionals: [{ name: 'id', description: 'a GPU id (e.g. a800-sxm-80gb, h100-sxm), `list` for every id, or `custom` with the flags below' }],
  flags: GPU_FLAGS,
  run({ positionals, flags, given }) {
    const id = positionals[0];
    if (!id)
      throw new InputError(
        'gpu',
        `a GPU id is required (see \`gpu list\`); known: ${listGpus()
          .map((g) => g.id)
          .join(', ')}`,
      );
    if (id !== 'custom') {
      const stray = Object.keys(GPU_FLAGS).find((f) => given.has(f));
      if (stray !== undefined) throw new InputError(stray, `--${stray} applies only to \`gpu custom\`, not to gpu ${JSON.stringify(id)}`);
    }
    if (id === 'list') return listSummary();
    if (id === 'custom') {
      const missing = CUSTOM_REQUIRED.find((f) => flags[f] === undefined);
      if (missing !== undefined)
        throw new InputError(missing, `--${missing} is required by gpu custom: ${GPU_FLAGS[missing].description.replace('gpu custom: ', '')}`);
      const interconnect = flags.interconnect ?? 0;
      return gpuSummaryWithSources(
        customGpu({
          computeUnits: flags.sms ?? 0,
          matrixUnitsPerComputeUnit: flags['tensor-cores'] ?? 0,
          flopsPerClockPerUnit: flags['flops-per-clock'] ?? 0,
          clockHz: flags.clock ?? 0,
          memoryBytes: flags.memory ?? 0,
          memoryBandwidth: flags.bandwidth ?? 0,
          ...(interconnect > 0 ? { interconnectBandwidth: interconnect } : {}),
        }),
      );
    }
    return gpuSummaryWithSources(getGpu(id));
  },
});
