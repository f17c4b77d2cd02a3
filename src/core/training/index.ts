export * from './compute';
export * from './memory';
export * from './activations';
export * from './perGpu';
export * from './time';
import { trainingComputeFormulas } from './compute';
import { trainingMemoryFormulas } from './memory';
import { trainingActivationFormulas } from './activations';
import { trainingPerGpuFormulas } from './perGpu';
import { trainingTimeFormulas } from './time';

export const formulas = [
  ...trainingComputeFormulas,
  ...trainingMemoryFormulas,
  ...trainingActivationFormulas,
  ...trainingPerGpuFormulas,
  ...trainingTimeFormulas,
];
