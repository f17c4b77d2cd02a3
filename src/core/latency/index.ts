import { latencyFormulas } from './latency';
import { decodeFormulas } from './decode';

export * from './latency';
export * from './decode';
export const formulas = [...latencyFormulas, ...decodeFormulas];
