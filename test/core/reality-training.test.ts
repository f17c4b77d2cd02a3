import { describe, expect, it } from 'vitest';
import { compareTrainingRuns } from '../../src/core/reality/training';

describe('published training runs beside the course’s MFU', () => {
  const runs = new Map(compareTrainingRuns().map((r) => [r.id, r]));
  it('PaLM 540B: 238,300 tokens/s on 6,144 TPU v4 → 45.7% by 6N and 46.2% with attention (7.8108e17 / 1.6896e18), as PaLM reports', () => {
    // 6·540.35e9 = 3.2421e12 FLOPs/token; + 12·118·48·256·2048 = 35,634,806,784; / (6144·275e12)
    const palm = runs.get('palm-540b')!;
    expect(palm.mfu6N).toBeCloseTo(0.4573, 4);
    expect(palm.mfuWithAttention).toBeCloseTo(0.46229, 4);
    expect(palm.reported.mfu).toBe(0.462);
  });
  it('Llama 3 70B from its model card: 6·70.6e9·15e12 / (6.4e6·3600·989.4e12) = 6.354e24 / 2.27958e25 = 27.9%', () => {
    expect(runs.get('llama-3-70b-full')!.mfu6N).toBeCloseTo(0.27874, 4);
  });
  it('a run with only its own MFU (Llama 3 405B stages) says why there is nothing to recompute', () => {
    const r = runs.get('llama3-405b-8192gpu-cp1')!;
    expect(r.mfu6N).toBeNull();
    expect(r.basis).toMatch(/reports its MFU/);
  });
});
