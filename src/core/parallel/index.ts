import { parallelFormulas } from './parallel';
import { layoutFormulas } from './layout';

export * from './parallel';
export * from './layout';
export const formulas = [...parallelFormulas, ...layoutFormulas];
