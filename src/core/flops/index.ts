export * from './flops';
export * from './formulas';
export { flopsFormulas as formulas } from './formulas';
