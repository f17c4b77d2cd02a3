export * from './serving';
export * from './batching';
export * from './paged';
export * from './prefixCache';
export * from './chunkedPrefill';
export * from './speculative';
export * from './quantization';
export * from './disaggregation';
import { servingFormulas } from './serving';
import { batchingFormulas } from './batching';
import { pagedFormulas } from './paged';
import { prefixFormulas } from './prefixCache';
import { chunkedFormulas } from './chunkedPrefill';
import { speculativeFormulas } from './speculative';
import { quantizationFormulas } from './quantization';
import { disaggregationFormulas } from './disaggregation';

/** Serving formulas: capacity (chapter 8) and the techniques of serving in practice (chapter 11). */
export const formulas = [
  ...servingFormulas,
  ...batchingFormulas,
  ...pagedFormulas,
  ...prefixFormulas,
  ...chunkedFormulas,
  ...speculativeFormulas,
  ...quantizationFormulas,
  ...disaggregationFormulas,
];
