// Capacity and cost: SLO-driven fleets, dollars per token, compute-optimal training and its overheads.
export * from './bounds';
export * from './slo';
export * from './cost';
export * from './chinchilla';
export * from './checkpoint';
export * from './budget';
export { formulas } from './formulas';
