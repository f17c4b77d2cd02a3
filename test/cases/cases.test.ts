import { describe, expect, it } from 'vitest';
import {
  CASE_IDS,
  llama2ConcurrencyCase,
  llama2ParamsCase,
  llama2TtftCase,
  llama3MfuCase,
  llamaParamsFormula,
  runCase,
} from '../../src/core/cases/index';
import { InputError } from '../../src/core/units';

// H100-hours at 989 TFLOP/s: 6.4e6 · 3600 · 989e12 = 2.278656e25 FLOPs available.
describe('llama3-70b-mfu', () => {
  const c = llama3MfuCase();

  it('answer.mfu = 27.65% (6N, N = 70e9): 6.3e24 / 2.278656e25', () => {
    expect(c.answer.flopsPerToken).toBe(420_000_000_000);
    expect(c.answer.mfu).toBeCloseTo(0.2764788, 7);
  });

  it('answer.mfuExactParams = 27.87% with N = 70,553,706,496', () => {
    // 6·70,553,706,496·15e12 = 6.34983358464e24; / 2.278656e25
    expect(c.answer.exactParams).toBe(70_553_706_496);
    expect(c.answer.mfuExactParams).toBeCloseTo(0.2786657, 7);
  });

  it('answer.mfuWithFullAttention = 31.89%, causal 29.77% (PaLM appendix B at S = 8192)', () => {
    // full: (4.2e11 + 12·80·64·128·8192 = 64,424,509,440)·15e12 = 7.2663676416e24 → 0.3188883
    // causal: (4.2e11 + 32,212,254,720)·15e12 = 6.7831838208e24 → 0.2976835
    expect(c.answer.mfuWithFullAttention).toBeCloseTo(0.3188883, 7);
    expect(c.answer.mfuWithCausalAttention).toBeCloseTo(0.2976835, 7);
  });

  it('says which convention the headline uses, and has a one-line verdict', () => {
    expect(c.answer.headlineConvention).toMatch(/6N/);
    expect(c.verdict).toContain('27.6%');
    expect(c.verdict).not.toContain('\n');
    expect(c.steps.map((s) => s.id)).toContain('mfu.fromGpuHours');
  });

  it('overrides: 989.4 TFLOP/s lowers the MFU to 27.64%', () => {
    // 6.3e24 / (6.4e6·3600·989.4e12 = 2.27957760e25) = 0.2763670
    expect(llama3MfuCase({ peak: 989.4e12 }).answer.mfu).toBeCloseTo(0.276367, 6);
  });
});

describe('llama2-7b-params', () => {
  const c = llama2ParamsCase();

  it('answer.params = 6,738,415,616', () => {
    // 2·32000·4096 + 32·(4·4096² + 3·4096·11008 + 2·4096) + 4096
    // = 262,144,000 + 32·202,383,360 + 4,096 = 262,144,000 + 6,476,267,520 + 4,096
    expect(c.answer.params).toBe(6_738_415_616);
    expect(llamaParamsFormula.derive({ V: 32000, H: 4096, L: 32, I: 11008 }).value).toBe(6_738_415_616);
  });

  it('answer.trainFlopsPerToken = 40,430,493,696 (6N), inferenceFlopsPerToken = 13,476,831,232 (2N)', () => {
    expect(c.answer.trainFlopsPerToken).toBe(40_430_493_696);
    expect(c.answer.inferenceFlopsPerToken).toBe(13_476_831_232);
  });

  it('answer.paramsApprox = 6,573,522,944 (12LH² + VH), 2.45% under', () => {
    // 12·32·4096² + 32000·4096 = 6,442,450,944 + 131,072,000
    expect(c.answer.paramsApprox).toBe(6_573_522_944);
    expect(c.answer.approxRelativeError).toBeCloseTo(-0.0244705, 6);
  });

  it('the breakdown adds up: embedding + head + attention + mlp + norms', () => {
    const b = c.answer.breakdown;
    expect(b.embedding + b.lmHead + b.attention + b.mlp + b.norms).toBe(6_738_415_616);
    expect(b.lmHead).toBe(131_072_000);
  });
});

describe('llama2-70b-ttft', () => {
  const c = llama2TtftCase();

  it('answer.prefillFlops = 9,500,099,608,576,000 ≈ 9.5e15 (full attention)', () => {
    // 16·4000·(2·68,976,648,192 + 4·80·8192·4000)
    expect(c.answer.prefillFlops).toBe(9_500_099_608_576_000);
  });

  it('answer.secondsAtPeak = 3.806 s on 8 × 312 TFLOP/s; 7.612 s at 50% MFU', () => {
    // 9.500099608576e15 / 2.496e15 = 3.80613
    expect(c.answer.secondsAtPeak).toBeCloseTo(3.80613, 5);
    expect(c.answer.secondsAtMfu).toBeCloseTo(7.61226, 5);
    expect(c.answer.secondsAtCeiling).toBeCloseTo(4.75766, 5);
  });

  it('answer.reasonable = false; 5.4× peak would be needed; 1 request fits in 700 ms at 50% MFU', () => {
    expect(c.answer.reasonable).toBe(false);
    expect(c.answer.mfuNeeded).toBeCloseTo(5.43733, 4);
    // 0.7·2.496e15·0.5 / (4000·148,439,056,384) = 8.736e14 / 5.93756e14 = 1.47
    expect(c.answer.maxRequestsWithinTarget).toBe(1);
    expect(c.verdict).toMatch(/^Not reasonable/);
  });

  it('with communication the estimate only grows: 9.45 s', () => {
    // 7.61226 + 2·80·1.75·1,048,576,000/(200e9·0.8) = 7.61226 + 1.835008
    expect(c.answer.secondsWithCommunication).toBeCloseTo(9.447267, 5);
  });

  it('overrides: one request at 50% MFU takes 476 ms and is reasonable', () => {
    // 5.93756225536e14 / (2.496e15·0.5) = 0.475766
    const one = llama2TtftCase({ requests: 1 });
    expect(one.answer.secondsAtMfu).toBeCloseTo(0.475766, 5);
    expect(one.answer.reasonable).toBe(true);
  });

  it('maskFactor 0.7 throws InputError naming maskFactor', () => {
    expect(() => llama2TtftCase({ maskFactor: 0.7 })).toThrow(InputError);
  });
});

describe('llama2-70b-concurrency', () => {
  const c = llama2ConcurrencyCase();

  it('answer.kvBytesPerRequest = 1,310,720,000 B (GQA), 10,485,760,000 B as MHA', () => {
    // 2·80·4000·8·128·2 and 2·80·4000·64·128·2
    expect(c.answer.kvBytesPerRequest).toBe(1_310_720_000);
    expect(c.answer.kvBytesPerRequestMha).toBe(10_485_760_000);
  });

  it('answer.weightsBytes = 137,953,296,384 B (2·N)', () => {
    expect(c.answer.weightsBytes).toBe(137_953_296_384);
  });

  it('answer.maxConcurrency = 12 (2 × 80 GiB, 90% usable, 819.2 MB activations); MHA = 1', () => {
    // 2·85,899,345,920·0.9 − 137,953,296,384 − 819,200,000 = 15,846,326,272; / 1,310,720,000 = 12.09
    expect(c.answer.memoryBytes).toBe(171_798_691_840);
    expect(c.answer.kvBudgetBytes).toBeCloseTo(15_846_326_272, 0);
    expect(c.answer.maxConcurrency).toBe(12);
    // 15,846,326,272 / 10,485,760,000 = 1.51
    expect(c.answer.maxConcurrencyMha).toBe(1);
  });

  it('answer.sensitivity: 12 / 3 / 25 / 16 under GiB|GB × reserve|none', () => {
    // GB, 0.9: 144e9 − 137,953,296,384 − 819,200,000 = 5,227,503,616 → 3
    // GiB, 1:  171,798,691,840 − … = 33,026,195,456 → 25
    // GB, 1:   160e9 − … = 21,227,503,616 → 16
    expect(c.answer.sensitivity).toEqual({ gibWithReserve: 12, gbWithReserve: 3, gibNoReserve: 25, gbNoReserve: 16 });
  });

  it('overrides: memoryReading GB gives 3; memoryReading "TB" throws InputError', () => {
    expect(llama2ConcurrencyCase({ memoryReading: 'GB' }).answer.maxConcurrency).toBe(3);
    expect(() => llama2ConcurrencyCase({ memoryReading: 'TB' })).toThrow(InputError);
  });
});

describe('runCase', () => {
  it.each(CASE_IDS.map((id) => [id]))('runCase(%s) returns question, steps, assumptions, answer, verdict', (id) => {
    const c = runCase(id);
    expect(c.id).toBe(id);
    expect(c.question.length).toBeGreaterThan(20);
    expect(c.steps.length).toBeGreaterThan(0);
    for (const s of c.steps) {
      expect(Number.isFinite(s.value)).toBe(true);
      expect(s.substituted).not.toMatch(/NaN|Infinity|undefined/);
    }
    expect(Object.keys(c.assumptions).length).toBeGreaterThan(0);
    expect(c.verdict).not.toContain('\n');
  });

  it('runCase(unknown) throws InputError naming case', () => {
    try {
      runCase('llama4-mfu');
      expect.unreachable();
    } catch (e) {
      expect((e as InputError).field).toBe('case');
    }
  });

  it('an unknown assumption or a wrong type throws InputError naming it', () => {
    expect(() => runCase('llama3-70b-mfu', { gpus: 8 })).toThrow(/unknown assumption "gpus"/);
    expect(() => runCase('llama3-70b-mfu', { tokens: '15T' })).toThrow(InputError);
    expect(() => runCase('llama3-70b-mfu', { tokens: -1 })).toThrow(InputError);
  });
});

describe('llama2-7b-params with a pasted config', () => {
  it("runCase('llama2-7b-params', { model: 'custom', config: gpt2 }).answer.params = 124,439,808 params", async () => {
    const { readFileSync } = await import('node:fs');
    const config = readFileSync('src/data/models/gpt2.json', 'utf8');
    // GPT-2 small with its tied head counted once (official count, see src/data/models/records.ts).
    expect(runCase('llama2-7b-params', { model: 'custom', config }).answer).toMatchObject({ params: 124_439_808 });
  });

  it('a bad paste is an InputError on `config` naming the config key', () => {
    const bad = JSON.stringify({ model_type: 'llama', hidden_size: 4096, num_hidden_layers: 0 });
    expect(() => runCase('llama2-7b-params', { model: 'custom', config: bad })).toThrow(/config\.json: .*num_hidden_layers/);
    try {
      runCase('llama2-7b-params', { model: 'custom', config: '{' });
    } catch (e) {
      expect((e as { field: string }).field).toBe('config');
    }
  });
});
