/**
 * The four worked questions of the reference article, each answered step by step by
 * the core with editable assumptions.
 */
import { llamaParamsFormula } from './llama2-7b-params';

export * from './types';
export * from './llama3-70b-mfu';
export * from './llama2-7b-params';
export * from './llama2-70b-ttft';
export * from './llama2-70b-concurrency';
export * from './run';
export * from './changes';

export const formulas = [llamaParamsFormula];
