export * from './memory';
export * from './formulas';
export * from './inference';
import { memoryFormulas } from './formulas';
import { inferenceMemoryFormulas } from './inference';

export const formulas = [...memoryFormulas, ...inferenceMemoryFormulas];
