import { describe, expect, it } from 'vitest';
import { PRESETS, getPreset } from '../../src/core/model/presets';
import { decoderStages, PASSES } from '../../src/core/flops/stages';
import { countParams } from '../../src/core/params/params';
import { InputError } from '../../src/core/units';
import { HANG_GUARD_MS } from '../support/hangGuard';

const gpt2 = getPreset('gpt2').spec;

describe('decoderStages', () => {
  it('decoderStages(gpt2, B=1, S=1024, training): embedding [1,1024,768], 38,597,376 params, 0 FLOPs', () => {
    const t = decoderStages({ spec: gpt2, batch: 1, seq: 1024, pass: 'training' });
    const emb = t.byKey.embedding!;
    expect(emb.out.map((d) => d.size)).toEqual([1, 1024, 768]);
    // V·H = 50,257·768
    expect(emb.params).toBe(38_597_376);
    expect(emb.flops).toBe(0);
    // learned positions: 1,024·768
    expect(t.byKey.positions!.params).toBe(786_432);
  });

  it('decoderStages(gpt2, B=1, S=1024, training): LM head 79,047,426,048 FLOPs, 0 own params (tied)', () => {
    const t = decoderStages({ spec: gpt2, batch: 1, seq: 1024, pass: 'training' });
    const head = t.byKey.lmHead!;
    // 2·B·S·H·V = 2·1·1024·768·50,257
    expect(head.flops).toBe(79_047_426_048);
    expect(head.params).toBe(0);
    expect(head.out.map((d) => d.size)).toEqual([1, 1024, 50257]);
  });

  it('decoderStages(gpt2, training, S=1024): 12 layers = 85,054,464 params and 193,292,402,688 FLOPs', () => {
    const t = decoderStages({ spec: gpt2, batch: 1, seq: 1024, pass: 'training' });
    // per layer: 1,536 + 1,771,776 + 590,592 + 1,536 + 2,362,368 + 2,360,064 = 7,087,872; ×12
    expect(t.byKey.layers!.params).toBe(85_054_464);
    expect(t.paramsPerLayer).toBe(7_087_872);
    // per layer: QKV 2·1024·768·2304 = 3,623,878,656; O 1,207,959,552; FFN 2·1024·2·768·3072 = 9,663,676,416;
    // causal pairs 1024·1025/2 = 524,800, scores = A·V = 2·12·64·524,800 = 806,092,800 each → 16,107,700,224; ×12
    expect(t.byKey.layers!.flops).toBe(193_292_402_688);
    // + LM head 79,047,426,048
    expect(t.totalFlops).toBe(272_339_828_736);
    // 79,047,426,048 / 272,339,828,736 = 0.290253
    expect(t.byKey.lmHead!.flopsShare).toBeCloseTo(0.290253, 6);
    // final LayerNorm weight + bias: 2·768
    expect(t.byKey.finalNorm!.params).toBe(1_536);
    expect(t.totalParams).toBe(124_439_808);
  });

  it('decoderStages(gpt2, B=4, S=512, prefill): logits for the last position only, 2·4·768·50,257 = 308,779,008 FLOPs', () => {
    const t = decoderStages({ spec: gpt2, batch: 4, seq: 512, pass: 'prefill' });
    expect(t.byKey.lmHead!.out.map((d) => d.size)).toEqual([4, 1, 50257]);
    expect(t.byKey.lmHead!.flops).toBe(308_779_008);
    expect(t.byKey.layers!.out.map((d) => d.size)).toEqual([4, 512, 768]);
  });

  it('decoderStages(llama-2-7b, decode at S=4096): [B,1,H] through the layers, untied head of 131,072,000 params', () => {
    const t = decoderStages({ spec: getPreset('llama-2-7b').spec, batch: 1, seq: 4096, pass: 'decode' });
    expect(t.newTokens).toBe(1);
    expect(t.byKey.layers!.out.map((d) => d.size)).toEqual([1, 1, 4096]);
    // untied: V·H = 32,000·4,096
    expect(t.byKey.lmHead!.params).toBe(131_072_000);
    // 2·1·4096·32000
    expect(t.byKey.lmHead!.flops).toBe(262_144_000);
    expect(t.byKey.positions).toBeUndefined();
  });

  it('decoderStages(gpt2, S=1024, training, fp32): logits [1,1024,50257] take 205,852,672 B', () => {
    const t = decoderStages({ spec: gpt2, batch: 1, seq: 1024, pass: 'training', dtype: 'fp32' });
    // 1024·50,257·4
    expect(t.byKey.lmHead!.outBytes).toBe(205_852_672);
    // token ids are int64: 1024·8
    expect(t.byKey.tokenizer!.outBytes).toBe(8_192);
  });

  it.each(PRESETS.map((p) => [p.id]))('stage parameters of %s add up to the exact total', (id) => {
    const spec = getPreset(id).spec;
    for (const pass of PASSES) {
      const t = decoderStages({ spec, batch: 2, seq: 64, pass });
      expect(t.stages.reduce((a, s) => a + s.params, 0)).toBe(countParams(spec).total);
      expect(t.stages.reduce((a, s) => a + s.flops, 0)).toBe(t.totalFlops);
    }
  });

  it('decoderStages(B = 0) throws InputError naming batch', () => {
    expect(() => decoderStages({ spec: gpt2, batch: 0, seq: 1, pass: 'training' })).toThrow(InputError);
    try {
      decoderStages({ spec: gpt2, batch: 1, seq: 1.5, pass: 'training' });
    } catch (e) {
      expect((e as InputError).field).toBe('seq');
    }
  });
});

describe('decoderStages at the edge of the bounds', () => {
  it('decoderStages(gpt2, B=1, S=1024, training).exact = true', () => {
    expect(decoderStages({ spec: gpt2, batch: 1, seq: 1024, pass: 'training' }).exact).toBe(true);
  });

  it('decoderStages(gpt2, B=1e8, S=1e9, training) is finite and not exact, without unbounded work', () => {
    const t0 = performance.now();
    const t = decoderStages({ spec: gpt2, batch: 1e8, seq: 1e9, pass: 'training' });
    expect(performance.now() - t0).toBeLessThan(HANG_GUARD_MS);
    expect(t.exact).toBe(false);
    expect(Number.isFinite(t.totalFlops)).toBe(true);
  });

  it.each([
    [{ batch: 1e9, seq: 1 }, 'batch', /Batch B must be a whole number from 1 to 100,000,000/],
    [{ batch: 1, seq: 2e9 }, 'seq', /Sequence length S must be a whole number from 1 to 1,000,000,000/],
  ])('decoderStages(gpt2, %o) throws InputError on %s', (input, field, message) => {
    try {
      decoderStages({ spec: gpt2, pass: 'training', ...input });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(InputError);
      expect((e as InputError).field).toBe(field);
      expect((e as InputError).message).toMatch(message);
    }
  });
});
