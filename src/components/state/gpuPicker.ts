/** The GPU select shared by every island that takes hardware. */
import { listGpus, type GpuSpec } from '../../core/gpu/gpu';
import { InputError } from '../../core/units';
import type { SelectFieldSpec } from './fields';

/** The `gpu` select for an island's FIELDS. */
export function gpuField(defaultId: string, label = 'GPU'): SelectFieldSpec {
  return { kind: 'select', label, default: defaultId, options: listGpus().map((g) => ({ value: g.id, label: g.name })) };
}

/** The GPU behind a select value. */
export function resolveGpu(id: string): GpuSpec {
  const gpu = listGpus().find((g) => g.id === id);
  if (!gpu) throw new InputError('gpu', `Unknown GPU "${id}": pick one from the list`);
  return gpu;
}
