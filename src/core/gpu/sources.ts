/**
 * A GPU's figures with where they come from. Separate from ./gpu.ts so that islands,
 * which import gpu.ts, do not ship the citations.
 */
import { GPU_SOURCES, type GpuProvenance } from '../../data/gpuSources';
import { gpuSummary, type GpuSummary } from './gpu';
import type { GpuSpec } from './spec';

const ENTERED_BY_HAND: GpuProvenance = { sources: [{ field: 'all', source: 'entered by the user' }], unverified: [] };

/**
 * Sources and unverified figures of a GPU; custom hardware is "entered by the user".
 * @example gpuProvenance('a800-sxm-80gb').sources.length > 0 //=> true
 */
export function gpuProvenance(id: string): GpuProvenance {
  return GPU_SOURCES[id] ?? ENTERED_BY_HAND;
}

/** Everything the `gpu` command prints: the summary plus its sources. */
export function gpuSummaryWithSources(gpu: GpuSpec): GpuSummary & GpuProvenance {
  return { ...gpuSummary(gpu), ...gpuProvenance(gpu.id) };
}
