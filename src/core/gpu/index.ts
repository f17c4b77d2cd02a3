export * from './gpu';
export * from './tensorCore';
export * from './peakDeviation';
export * from './roofline';
export * from './tiles';
import type { AnyFormula } from '../formula';
import { gpuFormulas } from './gpu';
import { tensorCoreFormulas } from './tensorCore';
import { peakDeviationFormulas } from './peakDeviation';
import { rooflineFormulas } from './roofline';
import { tileFormulas } from './tiles';

// Formulas of this topic, registered in ../registry.ts.
export const formulas: AnyFormula[] = [...gpuFormulas, ...tensorCoreFormulas, ...peakDeviationFormulas, ...rooflineFormulas, ...tileFormulas];
