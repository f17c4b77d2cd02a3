import { describe, expect, it } from 'vitest';
import { CASE_IDS, llama2ConcurrencyCase, llama2ParamsCase, llama2TtftCase, llama3MfuCase, llamaParamsFormula, runCase } from '../../src/core/cases/index';
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

  it('an A100 with 4M GPU-hours would need 140% MFU: the answer warns instead of giving a verdict on it', () => {
    // 6.3e24 / (4e6·3600·312e12) = 1.4022436
    const c = llama3MfuCase({ gpu: 'a100-sxm-80gb', peak: 312e12, gpuHours: 4e6 });
    expect(c.answer.mfu).toBeCloseTo(1.4022436, 6);
    expect(c.warnings.map((w) => w.code)).toEqual(['mfu-above-peak']);
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

  it('answer.prefillFlops = 9,097,369,878,528,000 (exact, causal: the default everywhere)', () => {
    // weight matmuls 2·68,451,041,280·64,000 = 8,761,733,283,840,000
    // scores + values 2·2·16·64·128·(4000·4001/2)·80 = 335,628,206,080,000; LM head on the last tokens 2·16·8192·32000 = 8,388,608,000
    expect(c.answer.prefillFlops).toBe(9_097_369_878_528_000);
  });

  it('answer.secondsAtPeak = 3.645 s on 8 × 312 TFLOP/s, 4.556 s at the 80% ceiling', () => {
    // 9.097369878528e15 / 2.496e15 = 3.6447796
    expect(c.answer.secondsAtPeak).toBeCloseTo(3.6447796, 6);
    expect(c.answer.secondsAtCeiling).toBeCloseTo(4.5559745, 6);
  });

  it('answer.ttftSeconds = 6.53 s: compute 4.556 + elementwise 0.130 + all-reduces 1.837 + fixed 0.006', () => {
    // compute: 8,761,741,672,448,000/(8·312e12·0.8) + 335,628,206,080,000/(8·312e12·0.8) = 4.387891 + 0.168083
    // all-reduces: 2·80·(10 µs + 1.75·64000·8192·2/(200e9·0.8)) = 160·0.0114788 = 1.836608
    // elementwise: 64000·14,909,440·2 B / (8·2.039e12·0.9) = 0.129993; fixed: 3.2 ms + 80·34 µs
    expect(c.answer.breakdown.computeSeconds).toBeCloseTo(4.5559745, 6);
    expect(c.answer.breakdown.commSeconds).toBeCloseTo(1.836608, 6);
    expect(c.answer.breakdown.elementwiseSeconds).toBeCloseTo(0.129993, 5);
    expect(c.answer.breakdown.overheadSeconds).toBeCloseTo(0.00592, 9);
    expect(c.answer.ttftSeconds).toBeCloseTo(6.528496, 5);
  });

  it('answer.reasonable = false; 5.2× the peak would be needed; one request alone meets 700 ms', () => {
    expect(c.answer.reasonable).toBe(false);
    expect(c.answer.mfuNeeded).toBeCloseTo(5.206828, 6);
    expect(c.answer.maxRequestsWithinTarget).toBe(1);
    expect(c.verdict).toMatch(/^Not reasonable/);
    expect(c.warnings).toEqual([]);
  });

  it("the article's convention (every key, 100% of peak) is an override away: 9.5e15 FLOPs", () => {
    const article = llama2TtftCase({ maskFactor: 1 });
    // the exact count with every key: 8,761,741,672,448,000 + 2·2·16·64·128·4000²·80 = + 671,088,640,000,000
    expect(article.answer.prefillFlops).toBe(9_432_830_312_448_000);
  });

  it('overrides: one request is reasonable', () => {
    const one = llama2TtftCase({ requests: 1 });
    expect(one.answer.reasonable).toBe(true);
    expect(one.answer.ttftSeconds).toBeLessThan(0.7);
  });

  it('maskFactor 0.7, and a target whose low end is above its high end, throw InputError naming the field', () => {
    expect(() => llama2TtftCase({ maskFactor: 0.7 })).toThrow(InputError);
    try {
      llama2TtftCase({ targetLowSeconds: 0.8 });
      expect.unreachable();
    } catch (e) {
      expect((e as InputError).field).toBe('targetLowSeconds');
    }
  });

  it('too few GPUs for the weights: the answer carries a weights-do-not-fit warning', () => {
    expect(llama2TtftCase({ gpus: 1 }).warnings.map((w) => w.code)).toEqual(['weights-do-not-fit']);
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

  it('answer.maxConcurrency = 10 (2 × 79.15 GiB as CUDA reports, 90% usable, 950.4 MB activations); MHA = 1', () => {
    // 2·84,987,084,800·0.9 − 137,953,296,384 − 950,400,000 = 14,073,056,256; / 1,310,720,000 = 10.74
    // activations: 2 GPUs · 2·4000·8192·2 + 4000·3·28672·2 + 4·32000 = 262,144,000 + 688,128,000 + 128,000
    expect(c.answer.memoryBytes).toBe(169_974_169_600);
    expect(c.answer.activationBytes).toBe(950_400_000);
    expect(c.answer.kvBudgetBytes).toBeCloseTo(14_073_056_256, 0);
    expect(c.answer.maxConcurrency).toBe(10);
    // 14,073,056,256 / 10,485,760,000 = 1.34
    expect(c.answer.maxConcurrencyMha).toBe(1);
  });

  it('answer.sensitivity: 10 / 11 / 3 with the reserve, 23 / 25 / 16 without (runtime | GiB | GB)', () => {
    // weights + activations = 137,953,296,384 + 950,400,000 = 138,903,696,384; each request 1,310,720,000
    // GiB, 0.9: 2·85,899,345,920·0.9 = 154,618,822,656 − 138,903,696,384 = 15,715,126,272 → 11.99 → 11
    // GB, 0.9: 144e9 − 138,903,696,384 = 5,096,303,616 → 3; runtime, 1: 169,974,169,600 − … = 31,070,473,216 → 23
    // GiB, 1: 171,798,691,840 − … = 32,894,995,456 → 25; GB, 1: 160e9 − … = 21,096,303,616 → 16
    expect(c.answer.sensitivity).toEqual({
      runtimeWithReserve: 10,
      gibWithReserve: 11,
      gbWithReserve: 3,
      runtimeNoReserve: 23,
      gibNoReserve: 25,
      gbNoReserve: 16,
    });
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
