export * from './compute';
export * from './memory';
export * from './activations';
import { trainingComputeFormulas } from './compute';
import { trainingMemoryFormulas } from './memory';
import { trainingActivationFormulas } from './activations';

export const formulas = [...trainingComputeFormulas, ...trainingMemoryFormulas, ...trainingActivationFormulas];
