export * from './memory';
export * from './formulas';
export { memoryFormulas as formulas } from './formulas';
