// The course figures: their numbers equal the core's (hand-checked literals beside the core
// call), and each renders as a static <figure> with a caption and two labelled SVGs.
import { describe, expect, it } from 'vitest';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { decoderStages, type Dim } from '../../src/core/flops/stages';
import { kvCacheBytesPerToken, kvElementsPerTokenPerLayer } from '../../src/core/memory/memory';
import { getGpu, gpuPeakFlopsPerSecond } from '../../src/core/gpu/gpu';
import { matmulIntensity } from '../../src/core/matmul/matmul';
import { getPreset } from '../../src/core/model/presets';
import { decoderBlockFigure } from '../../src/components/figures/decoderBlock';
import { multiHeadFigure } from '../../src/components/figures/multiHead';
import { kvLayoutsFigure } from '../../src/components/figures/kvLayouts';
import { parallelSplitsFigure } from '../../src/components/figures/parallelSplits';
import { rooflineFigure } from '../../src/components/figures/roofline';
import { runs, sizes } from '../../src/components/figures/text';

// .astro modules through Vite's glob import (tsc has no types for a direct .astro import).
const COMPONENTS = import.meta.glob<{ default: Parameters<AstroContainer['renderToString']>[0] }>('../../src/components/figures/*Figure.astro', {
  eager: true,
});
const component = (name: string) => COMPONENTS[`../../src/components/figures/${name}.astro`]!.default;

const dims = (d: Dim[] | null | undefined) => (d ?? []).map((x) => x.size);

describe('decoderBlockFigure', () => {
  const fig = decoderBlockFigure('llama-2-7b', 1, 4096);
  const step = (key: string) => fig.steps.find((s) => s.key === key)!;
  const trace = decoderStages({ spec: getPreset('llama-2-7b').spec, batch: 1, seq: 4096, pass: 'training' });

  it.each([
    ['embedding', [32000, 4096], [1, 4096, 4096]],
    ['qkv', [4096, 12288], [1, 4096, 12288]],
    ['attention', [1, 32, 4096, 4096], [1, 4096, 4096]],
    ['out', [4096, 4096], [1, 4096, 4096]],
    ['up', [4096, 11008], [1, 4096, 11008]],
    ['down', [11008, 4096], [1, 4096, 4096]],
    ['lmHead', [4096, 32000], []],
  ])('decoderBlockFigure(llama-2-7b, B = 1, S = 4,096): %s reads %o and writes %o', (key, weight, out) => {
    expect(dims(step(key).weight?.dims)).toEqual(weight);
    expect(dims(step(key).out)).toEqual(out);
  });

  it('decoderBlockFigure takes its ends from decoderStages: token ids [1, 4,096], logits [1, 4,096, 32,000], L = 32', () => {
    expect(dims(step('tokens').out)).toEqual([1, 4096]);
    expect(step('tokens').out).toEqual(trace.byKey.tokenizer!.out);
    expect(dims(step('logits').out)).toEqual([1, 4096, 32000]);
    expect(step('logits').out).toEqual(trace.byKey.lmHead!.out);
    expect(step('embedding').weight!.dims).toEqual(trace.byKey.embedding!.weight);
    expect(step('lmHead').weight!.dims).toEqual(trace.byKey.lmHead!.weight);
    expect(fig.layers).toBe(32);
  });

  it('decoderBlockFigure(gpt2) adds the position table [1,024, 768], uses LayerNorm and a two-matrix FFN [768, 3,072]', () => {
    const g = decoderBlockFigure('gpt2', 1, 1024);
    expect(dims(g.steps.find((s) => s.key === 'positions')!.weight!.dims)).toEqual([1024, 768]);
    expect(g.steps.find((s) => s.key === 'norm1')!.title).toBe('LayerNorm');
    expect(g.steps.find((s) => s.key === 'up')!.title).toBe('FFN up');
    expect(dims(g.steps.find((s) => s.key === 'up')!.weight!.dims)).toEqual([768, 3072]);
  });

  it('decoderBlockFigure states its numbers in the text alternative', () => {
    expect(fig.description).toContain('[H, (h + 2·h_kv)·d] = [4,096, 12,288]');
    expect(fig.description).toContain('[B, h, S, S′] = [1, 32, 4,096, 4,096]');
    expect(fig.description).toContain('L = 32 layers');
  });
});

describe('multiHeadFigure', () => {
  const fig = multiHeadFigure('llama-2-7b', 1, 4096, 4096);
  it('multiHeadFigure(llama-2-7b) reshapes [1, 4,096, 4,096] → [1, 4,096, 32, 128] → [1, 32, 4,096, 128] → [1, 32, 4,096, 4,096] → … → [1, 4,096, 4,096]', () => {
    expect(fig.tensors.map((t) => dims(t.dims))).toEqual([
      [1, 4096, 4096],
      [1, 4096, 32, 128],
      [1, 32, 4096, 128],
      [1, 32, 4096, 4096],
      [1, 32, 4096, 128],
      [1, 4096, 32, 128],
      [1, 4096, 4096],
    ]);
    expect(fig.steps.map((s) => dims(s.operand?.dims))).toEqual([[], [], [1, 32, 128, 4096], [1, 32, 4096, 128], [], []]);
    expect(fig.steps.filter((s) => s.computes)).toHaveLength(2);
  });
  it('multiHeadFigure(llama-2-70b) keys and values keep h_kv = 8 heads: Kᵀ [1, 8, 128, 4,096]', () => {
    const g = multiHeadFigure('llama-2-70b', 1, 4096, 4096);
    expect(dims(g.steps[2]!.operand!.dims)).toEqual([1, 8, 128, 4096]);
    expect(dims(g.tensors[3]!.dims)).toEqual([1, 64, 4096, 4096]);
  });
});

describe('kvLayoutsFigure', () => {
  const fig = kvLayoutsFigure('bf16');
  it('kvLayoutsFigure(bf16) shows MHA, MQA, GQA, MLA with 524,288, 8,192, 327,680 and 70,272 B per token', () => {
    expect(fig.layouts.map((l) => [l.kind, l.model])).toEqual([
      ['MHA', 'Llama 2 7B'],
      ['MQA', 'Falcon 7B'],
      ['GQA', 'Llama 2 70B'],
      ['MLA', 'DeepSeek-V3'],
    ]);
    // 2·32·128·32·2, 2·1·64·32·2, 2·8·128·80·2, (512 + 64)·61·2
    expect(fig.layouts.map((l) => l.bytesPerToken)).toEqual([524288, 8192, 327680, 70272]);
    expect(fig.layouts.map((l) => l.elementsPerLayer)).toEqual([8192, 128, 2048, 576]);
  });
  it('kvLayoutsFigure numbers are the core memory module’s', () => {
    for (const [i, id] of ['llama-2-7b', 'falcon-7b', 'llama-2-70b', 'deepseek-v3'].entries()) {
      const spec = getPreset(id).spec;
      expect(fig.layouts[i]!.bytesPerToken).toBe(kvCacheBytesPerToken(spec, 2));
      expect(fig.layouts[i]!.elementsPerLayer).toBe(kvElementsPerTokenPerLayer(spec));
    }
    expect(fig.layouts[3]!.mla).toEqual({ rank: 512, ropeDim: 64 });
  });
  it('kvLayoutsFigure refuses a preset of another kind', () => {
    expect(() => kvLayoutsFigure('bf16', [{ kind: 'MQA', preset: 'llama-2-70b' }])).toThrow(/GQA, not MQA/);
  });
});

describe('parallelSplitsFigure', () => {
  const fig = parallelSplitsFigure('llama-2-70b', 4, 4096, 4);
  it('parallelSplitsFigure(llama-2-70b, B = 4, S = 4,096, 4 GPUs): [1, 4,096, 8,192] × 80, [4, 1,024, 8,192] × 80, [4, 4,096, 8,192] × 20, 16 heads and 7,168 FFN columns', () => {
    expect(fig.panels.map((p) => [...dims(p.shape), p.layers.size])).toEqual([
      [1, 4096, 8192, 80],
      [4, 1024, 8192, 80],
      [4, 4096, 8192, 20],
      [4, 4096, 8192, 80],
    ]);
    expect(fig.panels[3]!.cut.map((c) => [c.perGpu, c.total])).toEqual([
      [16, 64],
      [7168, 28672],
    ]);
  });
});

describe('rooflineFigure', () => {
  const fig = rooflineFigure('a800-sxm-80gb', 'bf16');
  it('rooflineFigure(A800, bf16): peak 312 TFLOP/s, 2.039 TB/s, ridge 153.0 FLOP/B', () => {
    expect(fig.peak).toBe(312e12);
    expect(fig.peak).toBe(gpuPeakFlopsPerSecond(getGpu('a800-sxm-80gb'), 'bf16'));
    expect(fig.bandwidth).toBe(getGpu('a800-sxm-80gb').memoryBandwidth);
    expect(fig.ridge).toBeCloseTo(312e12 / 2.039e12, 6); // 153.016…
    expect(fig.line.map((p) => p.x)).toEqual([0.01, fig.ridge, 100000]);
  });
  it('rooflineFigure places the GEMV at 1.00 FLOP/B (memory-bound, 2.04 TFLOP/s) and the GEMM at 2,048 FLOP/B (compute-bound, 312 TFLOP/s)', () => {
    const [gemv, gemm] = fig.kernels;
    // 2·1·8192·8192 / ((8192 + 8192² + 8192)·2) = 8192/8194
    expect(gemv!.intensity).toBeCloseTo(8192 / 8194, 12);
    expect(gemv!.intensity).toBe(matmulIntensity({ A: 1, M: 1, K: 8192, N: 8192, s: 2 }));
    expect(gemv!.attainable).toBeCloseTo((8192 / 8194) * 2.039e12, 0);
    expect(gemv!.bound).toBe('memory');
    expect(gemm!.intensity).toBe(2048);
    expect(gemm!.attainable).toBe(312e12);
    expect(gemm!.bound).toBe('compute');
  });
});

describe('figure text helpers', () => {
  it("runs('(h + 2·h_kv)·d') splits out the subscript", () => {
    expect(runs('(h + 2·h_kv)·d')).toEqual([
      { text: '(h + 2·h', sub: false },
      { text: 'kv', sub: true },
      { text: ')·d', sub: false },
    ]);
    expect(runs("S'")).toEqual([{ text: 'S′', sub: false }]);
  });
  it('sizes([…]) prints every digit with separators', () => {
    expect(
      sizes([
        { label: 'V', size: 32000 },
        { label: 'H', size: 4096 },
      ]),
    ).toBe('[32,000, 4,096]');
  });
});

describe('figure components render static, labelled SVG', () => {
  const cases = [
    ['DecoderBlockFigure', 'fig-decoder-block', ['[4,096, 12,288]', '[1, 32, 4,096, 4,096]', '[4,096, 32,000]', '[1, 4,096, 32,000]']],
    ['MultiHeadFigure', 'fig-multi-head', ['[1, 4,096, 32, 128]', '[1, 32, 4,096, 4,096]', '[1, 32, 128, 4,096]']],
    ['KvLayoutsFigure', 'fig-kv-layouts', ['524 kB', '8.19 kB', '328 kB', '70.3 kB', '= 576']],
    ['ParallelSplitsFigure', 'fig-parallel-splits', ['[1, 4,096, 8,192] × 80', '[4, 1,024, 8,192] × 80', '× 20', '16 of 64 heads']],
    ['RooflineFigure', 'fig-roofline', ['153 FLOP/B', '312 TFLOP/s', '2.04 TB/s', '2,048 FLOP/B', '1.00 FLOP/B']],
  ] as const;

  it.each(cases)(
    '<%s> renders a <figure id="%s"> with a caption, two role="img" SVGs whose labels resolve, and the core’s numbers',
    async (name, id, numbers) => {
      const container = await AstroContainer.create();
      const html = await container.renderToString(component(name));
      expect(html).toContain(`<figure class="tbn-figure`);
      expect(html).toMatch(new RegExp(`id="${id}"`));
      expect(html).toMatch(/<figcaption[^>]*>[\s\S]*?<strong>Figure:/);
      expect(html).not.toMatch(/<script/);
      const svgs = [...html.matchAll(/<svg [^>]*role="img"[^>]*aria-labelledby="([^"]+)"[^>]*aria-describedby="([^"]+)"/g)];
      expect(svgs).toHaveLength(2);
      for (const [, labelledby, describedby] of svgs) {
        expect(html).toContain(`<title id="${labelledby}">`);
        expect(html).toContain(`<desc id="${describedby}">`);
      }
      // Every id inside the figure is unique (two SVGs, one page).
      const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
      expect(new Set(ids).size).toBe(ids.length);
      for (const n of numbers) expect(html).toContain(n);
    },
  );
});
