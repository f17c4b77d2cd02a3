import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getPreset } from '../../../src/core/model/presets';
import { getGpu } from '../../../src/core/gpu/gpu';
import {
  blocksFor,
  compareKvAllocation,
  kvBlockBytesFormula,
  kvBlockBytesOf,
  kvBlocksAvailableFormula,
  kvBlocksInFlightFormula,
  kvSlotUtilizationFormula,
  meanBlocksInFlight,
  pagedConcurrency,
  pagedConcurrencyFormula,
  sumBlocks,
} from '../../../src/core/serving/paged';
import { servingMemory, servingScenario } from '../../../src/core/scenario/serving';
import { pagedDerivations } from '../../../src/core/scenario/servingSteps';
import { InputError } from '../../../src/core/units';

const llama2_7b = getPreset('llama-2-7b').spec;
const llama2_70b = getPreset('llama-2-70b').spec;
const a800 = getGpu('a800-sxm-80gb');

describe('paged KV cache', () => {
  it('kvBlockBytes(Llama 2 7B, b = 16, fp16) = 8,388,608 B (8 MiB)', () => {
    // 2·32·32·128·2·16 = 8,388,608
    expect(kvBlockBytesFormula.derive({ L: 32, hKv: 32, d: 128, s: 2, b: 16 }).exact).toBe('8,388,608');
    expect(kvBlockBytesOf(llama2_7b, 16, 2)).toBe(8_388_608);
  });

  it('kvBlockBytes of one token of OPT-13B = 819,200 B, the paper\'s "800 KB" (§3: 2 × 5120 × 40 × 2)', () => {
    // OPT-13B: 40 layers, 40 heads of 128 = 5,120; 2·40·40·128·2·1 = 819,200 B = 800 KiB
    expect(kvBlockBytesFormula.derive({ L: 40, hKv: 40, d: 128, s: 2, b: 1 }).value).toBe(819_200);
  });

  it('kvBlockBytes(Llama 2 70B, b = 16, fp16) = 5,242,880 B: GQA makes a 70B block smaller than a 7B one', () => {
    // 2·80·8·128·2·16 = 5,242,880
    expect(kvBlockBytesOf(llama2_70b, 16, 2)).toBe(5_242_880);
  });

  it('blocksFor(4000, 16) = 250 and blocksFor(4001, 16) = 251: the last block holds 1 token and 15 empty slots', () => {
    expect(blocksFor(4000, 16)).toBe(250);
    expect(blocksFor(4001, 16)).toBe(251);
  });

  it('sumBlocks(1, 4, 2) = 1 + 1 + 2 + 2 = 6; sumBlocks(4001, 4200, 16) = 51,352', () => {
    expect(sumBlocks(1, 4, 2)).toBe(6);
    // 4001…4192: 12 groups of 16 at 251…262 = 16·(251 + 262)·6 = 49,248; 4193…4200: 8·263 = 2,104
    expect(sumBlocks(4001, 4200, 16)).toBe(51_352);
    expect(sumBlocks(5, 4, 16)).toBe(0);
  });

  it('property: sumBlocks equals the loop Σ ⌈t/b⌉', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 0, max: 700 }), fc.integer({ min: 1, max: 64 }), (from, span, b) => {
        let loop = 0;
        for (let t = from; t <= from + span; t += 1) loop += Math.ceil(t / b);
        expect(sumBlocks(from, from + span, b)).toBe(loop);
      }),
    );
  });

  it('meanBlocksInFlight(S = 3,000, O = 1,000, b = 16) = 219.248 blocks', () => {
    // Σ_{t=3001}^{4000} ⌈t/16⌉ = F(4000) − F(3000); F(4000) = 16·250·251/2 = 502,000;
    // F(3000) = 16·187·188/2 + 8·188 = 282,752 → 219,248 / 1,000
    expect(meanBlocksInFlight({ promptTokens: 3000, outputTokens: 1000, blockTokens: 16 })).toBeCloseTo(219.248, 10);
    expect(kvBlocksInFlightFormula.derive({ S: 3000, O: 1000, b: 16 }).value).toBeCloseTo(219.248, 10);
  });

  it('pagedConcurrency(2,729 blocks, 219.248 per request) = 12; with 62 prefix blocks hit by 90%: 16', () => {
    // ⌊2729 / 219.248⌋ = ⌊12.45⌋
    expect(pagedConcurrency({ blocks: 2729, sharedBlocks: 0, meanBlocks: 219.248, hitRate: 0 })).toBe(12);
    // ⌊(2729 − 62) / (219.248 − 0.9·62)⌋ = ⌊2667 / 163.448⌋ = ⌊16.32⌋
    expect(pagedConcurrencyFormula.derive({ N: 2729, np: 62, nbar: 219.248, h: 0.9 }).value).toBe(16);
  });

  it('pagedConcurrency is 0 when the shared prefix alone takes every block, and refuses a prefix as long as the request', () => {
    expect(pagedConcurrency({ blocks: 10, sharedBlocks: 12, meanBlocks: 20, hitRate: 0.5 })).toBe(0);
    expect(() => pagedConcurrency({ blocks: 100, sharedBlocks: 20, meanBlocks: 20, hitRate: 1 })).toThrow(InputError);
  });

  it('kvBlocksAvailable(14,310,624,256 B, 5,242,880 B) = 2,729', () => {
    // 5,242,880·2,729 = 14,307,819,520 ≤ 14,310,624,256 < 5,242,880·2,730
    expect(kvBlocksAvailableFormula.derive({ K: 14_310_624_256, m: 5_242_880 }).value).toBe(2729);
  });

  it('kvSlotUtilization(S = 3,000, O = 1,000, a 4,096-token slot) = 3,500.5 / 4,096 = 85.5%', () => {
    expect(kvSlotUtilizationFormula.derive({ S: 3000, O: 1000, R: 4096 }).value).toBeCloseTo(3500.5 / 4096, 12);
  });

  describe('servingMemory with paging (Llama 2 70B fp16, 2 × A800 as the runtime reads it, u = 0.9, 3,000 + 1,000 tokens)', () => {
    const input = {
      model: llama2_70b,
      gpu: a800,
      gpus: 2,
      batch: 1,
      contextTokens: 4000,
      activationTokens: 3000,
      weightDtype: 'fp16',
      kvDtype: 'fp16',
      memoryReading: 'runtime',
      utilization: 0.9,
    } as const;

    it('reserved: ⌊14,310,624,256 / 1,310,720,000⌋ = 10 requests', () => {
      // usable 2·84,987,084,800·0.9 = 152,976,752,640; weights 137,953,296,384;
      // activations 2·(2·3000·8192·2) + 3000·3·28,672·2 + 4·32,000 = 712,832,000
      const { memory } = servingMemory(input);
      expect(memory.kvBudgetBytes).toBeCloseTo(14_310_624_256, 0);
      expect(memory.maxConcurrency).toBe(10);
      expect(memory.paging).toBeNull();
    });

    it('paged, b = 16: 2,729 blocks, 219.248 per request in flight, 12 requests', () => {
      const { memory } = servingMemory({ ...input, paging: { blockTokens: 16, promptTokens: 3000, prefixTokens: 0, hitRate: 0 } });
      expect(memory.paging).toMatchObject({ blockTokens: 16, blockBytes: 5_242_880, blocks: 2729, blocksPerRequest: 250, prefixBlocks: 0 });
      expect(memory.paging?.meanBlocksInFlight).toBeCloseTo(219.248, 10);
      expect(memory.maxConcurrency).toBe(12);
    });

    it('paged with a 992-token cached prefix hit by 90% of requests: 16 requests', () => {
      const { memory } = servingMemory({ ...input, paging: { blockTokens: 16, promptTokens: 3000, prefixTokens: 992, hitRate: 0.9 } });
      expect(memory.paging?.prefixBlocks).toBe(62);
      expect(memory.maxConcurrency).toBe(16);
    });

    it('a static batch of 12 does not fit paged: all reach their last block (250) together, ⌊2729 / 250⌋ = 10', () => {
      const { memory, warnings } = servingMemory({ ...input, batch: 12, paging: { blockTokens: 16, promptTokens: 3000, prefixTokens: 0, hitRate: 0 } });
      expect(memory.fits).toBe(false);
      expect(warnings.find((w) => w.code === 'batch-does-not-fit')?.message).toContain('Only 10 of the 12 requests');
    });

    it('a prefix that is not a whole number of blocks is refused by prefixTokens', () => {
      try {
        servingMemory({ ...input, paging: { blockTokens: 16, promptTokens: 3000, prefixTokens: 1000, hitRate: 0.5 } });
        expect.unreachable();
      } catch (e) {
        expect((e as InputError).field).toBe('prefixTokens');
      }
    });
  });

  it('the scenario with kvAllocation: paged answers 12 and shows the paged derivations with its own numbers', () => {
    const r = servingScenario({
      model: llama2_70b,
      gpu: a800,
      gpus: 2,
      batch: 8,
      inputTokens: 3000,
      outputTokens: 1000,
      weightDtype: 'fp16',
      techniques: { kvAllocation: 'paged' },
    });
    expect(r.memory.maxConcurrency).toBe(12);
    expect(r.atMaxConcurrency?.effectiveConcurrency).toBe(12);
    const ds = pagedDerivations(llama2_70b, r);
    expect(ds.map((d) => d.id)).toEqual([
      'serving.kvBlockBytes',
      'serving.kvBlocksAvailable',
      'serving.kvBlocksInFlight',
      'serving.pagedConcurrency',
      'serving.kvSlotUtilization',
    ]);
    expect(ds.find((d) => d.id === 'serving.pagedConcurrency')?.value).toBe(r.memory.maxConcurrency);
  });

  it('compareKvAllocation: a 4,096-token slot holds 10 requests, the exact 4,000 holds 10, paging 12 (Llama 2 70B, 2 × A800)', () => {
    const c = compareKvAllocation({
      spec: llama2_70b,
      budgetBytes: 14_310_624_256,
      bytesPerElement: 2,
      promptTokens: 3000,
      outputTokens: 1000,
      maxTokens: 4096,
      blockTokens: 16,
    });
    // ⌊14,310,624,256 / (4096·327,680 = 1,342,177,280)⌋ = ⌊10.66⌋ = 10; ⌊14,310,624,256 / 1,310,720,000⌋ = ⌊10.92⌋ = 10
    expect(c.reservedAtMax.requests).toBe(10);
    expect(c.reservedExact.requests).toBe(10);
    expect(c.paged.requests).toBe(12);
    // held 3,500.5 tokens of a 4,096 slot, of 4,000, of 219.248·16 = 3,507.968 slots
    expect(c.reservedAtMax.utilization).toBeCloseTo(3500.5 / 4096, 12);
    expect(c.reservedExact.utilization).toBeCloseTo(3500.5 / 4000, 12);
    expect(c.paged.utilization).toBeCloseTo(3500.5 / 3507.968, 12);
  });

  it('property: paging never fits fewer requests in flight than a reservation of S + O (b ≤ 64)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8000 }), fc.integer({ min: 1, max: 4000 }), fc.integer({ min: 1, max: 64 }), (S, O, b) => {
        const c = compareKvAllocation({
          spec: llama2_70b,
          budgetBytes: 14_310_624_256,
          bytesPerElement: 2,
          promptTokens: S,
          outputTokens: O,
          maxTokens: S + O,
          blockTokens: b,
        });
        // n̄·b ≤ S + O + b − 1 tokens on average against S + O reserved: paging wins unless the rounding eats the half output
        if ((O + 1) / 2 >= b) expect(c.paged.requests).toBeGreaterThanOrEqual(c.reservedExact.requests);
      }),
    );
  });
});
