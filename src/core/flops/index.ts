export * from './flops';
export * from './formulas';
export * from './layer';
export * from './perToken';
export * from './shapes';
export * from './stages';
import { flopsFormulas } from './formulas';
import { layerFlopsFormulas } from './layer';
import { perTokenFlopsFormulas } from './perToken';

// Formulas of this topic, registered in ../registry.ts.
export const formulas = [...flopsFormulas, ...layerFlopsFormulas, ...perTokenFlopsFormulas];
