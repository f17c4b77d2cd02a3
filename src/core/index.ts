// The core's public surface: pure functions and plain objects, no DOM, no I/O.
export * from './units';
export * from './dtypes';
export * from './chapters';
export * from './formula';
export * from './registry';
export * from './matmul/matmul';
export * from './cite';
export * from './parse';
export * from './symbols';
