/**
 * A bound for tests that hostile input does not start unbounded work (a loop over 1e15
 * layers or 1e8 output tokens would run for hours). It is a guard against hangs, not a
 * performance test: loose enough that a loaded two-core CI machine never trips it, tight
 * enough that work proportional to a hostile value always does. Speed is measured by
 * the benchmarks, not here.
 */
export const HANG_GUARD_MS = 2000;
