export * from './params';
export * from './formulas';
export * from './layer';
import { paramsFormulas } from './formulas';
import { layerParamsFormulas } from './layer';

// Formulas of this topic, registered in ../registry.ts.
export const formulas = [...paramsFormulas, ...layerParamsFormulas];
