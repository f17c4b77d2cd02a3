export * from './mfu';
export { mfuFormulas as formulas } from './mfu';
export * from './conventions';
