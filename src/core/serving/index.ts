export * from './serving';
export { servingFormulas as formulas } from './serving';
