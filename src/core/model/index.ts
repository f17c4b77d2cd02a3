import type { AnyFormula } from '../formula';

export * from './spec';
export * from './parseHfConfig';
export * from './presets';
export * from './variants';
import { variantFormulas } from './variants';

// Formulas of this topic, registered in ../registry.ts (the model chapter's formulas live in params/flops/memory).
export const formulas: AnyFormula[] = [...variantFormulas];
