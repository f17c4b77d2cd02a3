// The scenario engine: one call per serving or training question (see ./serving.ts, ./training.ts).
export * from './defaults';
export * from './warnings';
export * from './serving';
export * from './servingSteps';
export * from './training';
