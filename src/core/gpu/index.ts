export * from './gpu';
export { gpuFormulas as formulas } from './gpu';
