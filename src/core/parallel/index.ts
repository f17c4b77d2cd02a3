export * from './parallel';
export { parallelFormulas as formulas } from './parallel';
