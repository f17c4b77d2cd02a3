/**
 * `gpu <id> [--json]`: datasheet peaks, the peak derived from SMs × tensor cores ×
 * FLOPs/clock × clock, memory, bandwidth and interconnect (bidirectional), with sources.
 * `gpu list` prints the ids; `gpu custom --sms N --tensor-cores T --flops-per-clock F
 * --clock HZ --memory B --bandwidth B/S [--interconnect B/S]` describes other hardware.
 */
import { customGpu, getGpu, listGpus } from '../core/gpu/gpu';
import { gpuSummaryWithSources } from '../core/gpu/sources';
import { InputError } from '../core/units';
import { numberFlag, optionalNumberFlag, type Command } from './args';

export const gpuCommand: Command = {
  usage: 'gpu <id | list | custom --sms N --tensor-cores T --flops-per-clock F --clock HZ --memory B --bandwidth B/S> [--json]',
  run(positionals, flags) {
    const id = positionals[0];
    if (!id) throw new InputError('gpu', `a GPU id is required; known: ${listGpus().map((g) => g.id).join(', ')}`);
    if (id === 'list') return { gpus: listGpus().map((g) => ({ id: g.id, name: g.name })) };
    if (id === 'custom') {
      const interconnect = optionalNumberFlag(flags, 'interconnect', 0);
      return gpuSummaryWithSources(
        customGpu({
          computeUnits: numberFlag(flags, 'sms'),
          matrixUnitsPerComputeUnit: numberFlag(flags, 'tensor-cores'),
          flopsPerClockPerUnit: numberFlag(flags, 'flops-per-clock'),
          clockHz: numberFlag(flags, 'clock'),
          memoryBytes: numberFlag(flags, 'memory'),
          memoryBandwidth: numberFlag(flags, 'bandwidth'),
          ...(interconnect > 0 ? { interconnectBandwidth: interconnect } : {}),
        }),
      );
    }
    return gpuSummaryWithSources(getGpu(id));
  },
};
