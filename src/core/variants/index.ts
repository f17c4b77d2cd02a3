// Architecture variants (the variants chapter): spec transforms, the chapter's formulas, and the metrics the comparator shows.
import type { AnyFormula } from '../formula';
import { variantFormulas } from './formulas';

export * from './transform';
export * from './formulas';
export * from './metrics';

// Formulas of this topic, registered in ../registry.ts.
export const formulas: AnyFormula[] = [...variantFormulas];
