/**
 * What a result must say when it is impossible or hypothetical: a model that does not
 * fit, an MFU above 100%, a prompt longer than the model was trained for. Every scenario
 * result carries a `warnings` array (empty when there is nothing to say); the CLI prints
 * it and the calculators show it beside the numbers.
 */

export type WarningCode =
  | 'weights-do-not-fit'
  | 'batch-does-not-fit'
  | 'no-request-fits'
  | 'context-exceeds-model'
  | 'tensor-parallel-over-pcie'
  | 'tensor-parallel-uneven'
  | 'peak-dtype-fallback'
  | 'mfu-above-peak'
  | 'mfu-above-ceiling'
  | 'training-memory-does-not-fit'
  | 'fewer-micro-batches-than-stages'
  | 'global-batch-uneven'
  // Reverse questions and capacity plans (./reverse.ts, ../capacity/).
  | 'targets-unreachable'
  | 'memory-limits-concurrency'
  | 'prompt-limited-by-context'
  | 'no-gpu-count-fits'
  | 'extrapolated-beyond-fit'
  | 'checkpoint-slower-than-failures'
  // Serving techniques (./serving.ts techniques, ../serving/).
  | 'prefix-not-cached'
  | 'chunk-exceeds-prompt'
  | 'speculation-always-accepted'
  | 'speculation-vocabulary-mismatch';

export interface Warning {
  code: WarningCode;
  /** One sentence for people: what is wrong and what it means for the numbers. */
  message: string;
  /** The input most likely at fault, when one is. */
  field?: string;
}

/** A warning with its message. */
export function warning(code: WarningCode, message: string, field?: string): Warning {
  return field === undefined ? { code, message } : { code, message, field };
}

/** True when `warnings` holds one that makes latency figures hypothetical. */
export function latencyIsHypothetical(warnings: readonly Warning[]): boolean {
  return warnings.some((w) => w.code === 'weights-do-not-fit' || w.code === 'batch-does-not-fit' || w.code === 'no-request-fits');
}
