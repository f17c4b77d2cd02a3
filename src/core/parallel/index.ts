import { parallelFormulas } from './parallel';
import { layoutFormulas } from './layout';

export * from './parallel';
export * from './layout';
export * from './splits';
export const formulas = [...parallelFormulas, ...layoutFormulas];
