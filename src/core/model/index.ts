import type { AnyFormula } from '../formula';

// Formulas of this topic, registered in ../registry.ts.
export const formulas: AnyFormula[] = [];
