export * from './params';
export * from './formulas';
export { paramsFormulas as formulas } from './formulas';
