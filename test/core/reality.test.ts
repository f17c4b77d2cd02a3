import { describe, expect, it } from 'vitest';
import { compareAll, errorSummary, recordSetup } from '../../src/core/reality/inference';
import { INFERENCE_RECORDS } from '../../src/data/measurements';

describe('the latency model against the calibration set', () => {
  const comparisons = compareAll();
  it('every inference record maps onto a preset and a GPU (33 records, 45 measured numbers)', () => {
    expect(INFERENCE_RECORDS).toHaveLength(33);
    expect(INFERENCE_RECORDS.every((r) => recordSetup(r) !== null)).toBe(true);
    expect(comparisons).toHaveLength(45);
  });
  it('median |error| over all 45 numbers is below 10%', () => {
    expect(errorSummary(comparisons).medianAbs).toBeLessThan(0.1);
  });
  it('median |error| of time to first token and of time per output token is below 12%', () => {
    expect(errorSummary(comparisons, 'ttft').medianAbs).toBeLessThan(0.12);
    expect(errorSummary(comparisons, 'itl').medianAbs).toBeLessThan(0.12);
  });
  it('the worst records are the 2023 static batches with 2,048-token outputs, over-predicted about twofold', () => {
    const worst = errorSummary(comparisons).worst!;
    expect(worst.recordId).toBe('trtllm061-llama70b-h100-bs480-tp4-128-2048');
    expect(worst.relativeError).toBeGreaterThan(0.9);
    expect(worst.relativeError).toBeLessThan(1.2);
  });
  it('NIM at one user: TTFT of a 5,000-token prompt within 20% and ITL within 10% of measured', () => {
    const c1 = comparisons.filter((c) => c.recordId === 'nim180-llama3.3-70b-2xh100-5000-500-c1');
    expect(Math.abs(c1.find((c) => c.metric === 'ttft')!.relativeError)).toBeLessThan(0.2);
    expect(Math.abs(c1.find((c) => c.metric === 'itl')!.relativeError)).toBeLessThan(0.1);
  });
});
