export * from './matmul';
export { matmulFormulas as formulas } from './matmul';
