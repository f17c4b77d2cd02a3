export * from './latency';
export { latencyFormulas as formulas } from './latency';
