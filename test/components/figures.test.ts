// The course figures: their numbers equal the core's (hand-checked literals beside the core
// call), and each renders as a static <figure> with a caption and two labelled SVGs, in English
// and, on /zh/ pages, in Chinese with the same geometry and the same numbers.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
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
import { figureText, runs, sizes, textWidth } from '../../src/components/figures/text';
import { FIGURES_ZH } from '../../src/core/i18n/figuresZh';

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

// ---- The Chinese edition. ----

const FIGURE_DIR = 'src/components/figures';
const SCATTER_PLOT = 'src/components/charts/ScatterPlot.astro';
const NAMES = ['DecoderBlockFigure', 'MultiHeadFigure', 'KvLayoutsFigure', 'ParallelSplitsFigure', 'RooflineFigure'] as const;

/**
 * The templates the figures translate, read from their source: the literal first argument of
 * every `say(…)` and every `N_('…')` marker. A `say(…)` whose template is not a literal is a
 * dynamic site, returned as its first argument's text (up to `?`, `,` or `)`).
 */
function scanTemplates(): { templates: Map<string, string>; dynamic: string[] } {
  const templates = new Map<string, string>();
  const dynamic: string[] = [];
  // The figures, and the reality check's scatter plots, which word their axes through the same catalogue.
  const files = [
    ...readdirSync(FIGURE_DIR)
      .filter((f) => /\.(ts|astro)$/.test(f))
      .map((f) => join(FIGURE_DIR, f)),
    SCATTER_PLOT,
  ];
  for (const path of files) {
    const file = path.split('/').pop()!;
    const source = readFileSync(path, 'utf8');
    for (const m of source.matchAll(/\b(say|N_)\(\s*(?:(['"])((?:\\.|(?!\2)[^\\])*)\2|([^?,)]*))/g)) {
      if (m[3] !== undefined) templates.set(m[3].replace(/\\(.)/g, '$1'), file);
      else if (m[1] === 'say') dynamic.push(`${file}: ${m[4]!.trim()}`);
    }
  }
  return { templates, dynamic };
}

/** `say(…)` calls whose template is chosen at run time, and where their templates are marked. */
const DYNAMIC: Readonly<Record<string, string>> = {
  'decoderBlock.ts: trace.batch === 1': "one of two N_('The data flow of …') templates",
  "roofline.ts: k.bound === 'memory'": "one of two N_('The {} {} has an intensity …') templates",
  'roofline.ts: k.name': "the kernel names, N_('decode GEMV') and N_('prefill GEMM') in DEFAULT_KERNELS",
};

/** Entries the Chinese edition writes in Latin letters, as its chapters do (glossary: Token, Logits). */
const SAME_IN_CHINESE = ['Token ids', 'Logits'];
/** Abbreviations the Chinese spells out (LM head → 语言模型头); every other one is kept. */
const SPELLED_OUT = ['LM'];

const placeholders = (template: string) => template.match(/\{\d*\}/g) ?? [];
const CJK = /[\u4e00-\u9fff]/;

describe('the Chinese of the figures (src/core/i18n/figuresZh.ts)', () => {
  const { templates, dynamic } = scanTemplates();

  it('finds the figures’ templates (the scan is not empty)', () => {
    expect(templates.size).toBeGreaterThan(80);
    expect(templates.get('Each of the L = {} layers')).toBe('DecoderBlockFigure.astro');
    expect(templates.get('decode GEMV')).toBe('roofline.ts');
  });

  it('has an entry for every template a figure writes', () => {
    const missing = [...templates].filter(([t]) => !(t in FIGURES_ZH)).map(([t, file]) => `${file}: ${t}`);
    expect(missing).toEqual([]);
  });

  it('has no entry whose template is gone from the figures', () => {
    expect(Object.keys(FIGURES_ZH).filter((k) => !templates.has(k))).toEqual([]);
  });

  it('knows every call whose template is chosen at run time', () => {
    expect(dynamic.sort()).toEqual(Object.keys(DYNAMIC).sort());
  });

  it.each(Object.entries(FIGURES_ZH))('%s → Chinese with the same values, each once', (en, zh) => {
    const want = placeholders(en).length;
    const got = placeholders(zh);
    if (got.some((p) => p !== '{}')) {
      expect([...got].sort()).toEqual(Array.from({ length: want }, (_, i) => `{${i}}`).sort());
    } else {
      expect(got).toHaveLength(want);
    }
    if (!SAME_IN_CHINESE.includes(en)) expect(zh).toMatch(CJK);
    // Symbols, units and numbers written in the template stay as they are.
    const kept = en.match(/\b[A-Za-z]_[A-Za-z]+\b|\b[A-Z]{2,}\b|\[[^\]]+\]|\b[A-Za-z]\/[A-Za-z]\b|\b[A-Z] = /g) ?? [];
    for (const k of kept.filter((x) => !SPELLED_OUT.includes(x))) expect(zh).toContain(k);
  });

  it("figureText('zh') fills the Chinese in order or by position; figureText('en') the English; an unknown template stays English", () => {
    expect(figureText('zh')('Each of the L = {} layers', '32')).toBe('每一层（共 L = 32 层）');
    expect(figureText('zh')('{} = {} of {} {}', 'h/t', '16', '64', figureText('zh')('heads'))).toBe('h/t = 16，共 64 个头');
    expect(figureText('zh')('a key and a value for each of g = {} groups of query heads (h = {})', '8', '64')).toBe(
      'query 头（h = 64）分成 g = 8 组，每组一个 key 和一个 value',
    );
    expect(figureText('en')('{} = {} of {} {}', 'h/t', '16', '64', 'heads')).toBe('h/t = 16 of 64 heads');
    expect(figureText('zh')('not a figure template {}', 7)).toBe('not a figure template 7');
  });

  it('textWidth counts a CJK character or full-width mark as one em, other characters as 0.62 em', () => {
    expect(textWidth('拐点', 14)).toBe(28);
    expect(textWidth('（）', 10)).toBe(20);
    expect(textWidth('ridge', 10)).toBeCloseTo(31, 9); // 5 · 10 · 0.62
    expect(textWidth('拐点 153 FLOP/B', 14)).toBeCloseTo(28 + 11 * 14 * 0.62, 9);
  });
});

/** The words a figure shows or names: its SVG titles and descriptions, every <text>, and the caption. */
function figureWords(html: string): { title: string[]; desc: string[]; labels: string[]; caption: string } {
  // A subscript is written back as "_x", so W_QKV and h_kv read as the symbols they are.
  const decode = (s: string) =>
    s
      .replace(/<tspan baseline-shift="sub"[^>]*>([^<]*)<\/tspan>/g, '_$1')
      .replace(/<[^>]+>/g, '')
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
      .trim();
  const all = (re: RegExp) => [...html.matchAll(re)].map((m) => decode(m[1]!));
  return {
    title: all(/<title[^>]*>([\s\S]*?)<\/title>/g),
    desc: all(/<desc[^>]*>([\s\S]*?)<\/desc>/g),
    labels: all(/<text[^>]*>([\s\S]*?)<\/text>/g).filter((t) => t !== ''),
    caption: decode(/<figcaption[^>]*>([\s\S]*?)<\/figcaption>/.exec(html)![1]!),
  };
}

/** The figure without its words: every element and attribute, in order (the layout). */
function geometry(html: string): string {
  return html
    .replace(/<(title|desc)([^>]*)>[\s\S]*?<\/\1>/g, '<$1$2/>')
    .replace(/<figcaption[^>]*>[\s\S]*?<\/figcaption>/, '<figcaption/>')
    .replace(/<\/?tspan[^>]*>/g, '')
    .replace(/>[^<]*</g, '><');
}

/**
 * English left in a Chinese text: words of three letters or more, once the names, symbols,
 * units and code terms the Chinese edition writes in Latin letters are taken out.
 */
const KEPT_IN_LATIN = [
  // Symbols with a subscript (W_QKV, h_kv, r_kv, d_R, c_KV, k_R).
  /\b\w+_\w+\b/g,
  // Model and GPU names.
  /Llama \d+ \d+B/g,
  /DeepSeek-V\d/g,
  /Falcon \d+B/g,
  /NVIDIA A\d+ SXM\d? ?\d+ ?GB/g,
  // Units and number formats.
  /\bT?FLOPs?(?:\/[sB])?\b/g,
  /\b[kMGT]?B(?:\/s)?\b/g,
  /\bbf16\b/g,
  // Terms the Chinese edition writes in Latin letters (glossary: Token, Embedding, Logits, Softmax, RoPE, KV Cache …).
  /\b(?:Token|Embedding|Logits|softmax|RMSNorm|LayerNorm|GEMV|GEMM|FFN|QKV|GPU|MHA|MQA|GQA|MLA|RoPE|KV Cache|query|key|value|kernel|view|scores)\b/g,
];
function englishLeft(text: string): string[] {
  let rest = text;
  for (const re of KEPT_IN_LATIN) rest = rest.replace(re, ' ');
  return rest.match(/\b[A-Za-z]{3,}\b/g) ?? [];
}

describe('figure components in each edition', () => {
  const render = async (name: (typeof NAMES)[number], lang?: 'en' | 'zh') => {
    const container = await AstroContainer.create();
    return container.renderToString(component(name), { props: lang ? { lang } : {} });
  };

  it.each(NAMES)(
    '<%s lang="zh"> writes every title, description, label and caption in Chinese, English left only in names, symbols and units',
    async (name) => {
      const words = figureWords(await render(name, 'zh'));
      expect(words.title.length).toBe(2);
      expect(words.caption).toMatch(/^图：/);
      for (const text of [...words.title, ...words.desc, words.caption]) {
        expect(text, text).toMatch(CJK);
        expect(englishLeft(text), text).toEqual([]);
      }
      for (const label of words.labels) expect(englishLeft(label), label).toEqual([]);
      // Labels with words are in Chinese; the rest are numbers, shapes and symbols.
      expect(words.labels.filter((l) => CJK.test(l)).length).toBeGreaterThan(3);
    },
  );

  it.each(NAMES)('<%s lang="zh"> keeps the English layout and every number', async (name) => {
    const [en, zh] = [await render(name), await render(name, 'zh')];
    expect(geometry(zh)).toBe(geometry(en));
    const numbers = (html: string) => {
      const w = figureWords(html);
      return [...w.title, ...w.desc, ...w.labels, w.caption].join(' ').match(/\d+(?:[.,]\d+)*/g) ?? [];
    };
    // The Chinese has every number the English has (it may add none but the symbols' subscripts).
    const zhNumbers = new Set(numbers(zh));
    expect(numbers(en).filter((n) => !zhNumbers.has(n))).toEqual([]);
  });

  it.each(NAMES)('<%s> is English by default and with lang="en": no Chinese, the same output', async (name) => {
    const [byDefault, en] = [await render(name), await render(name, 'en')];
    expect(byDefault).toBe(en);
    expect(byDefault).not.toMatch(CJK);
  });

  it('the English figures read as before the Chinese edition (titles and captions)', async () => {
    const text = async (name: (typeof NAMES)[number]) => figureWords(await render(name));
    expect((await text('DecoderBlockFigure')).title[0]).toBe('Decoder-only forward pass of Llama 2 7B, with the shape of every tensor');
    expect((await text('DecoderBlockFigure')).caption).toBe(
      "Figure: one forward pass of Llama 2 7B, shape by shape. Token ids become vectors by a lookup, pass through L = 32 identical layers that keep the residual stream's shape [B, S, H], and leave as one score per vocabulary entry. Beside each box is the weight it reads (for attention, its score tensor); beside each arrow, the tensor it carries. The sizes are for B = 1 and S = 4,096, computed at build time by the same core as every calculator.",
    );
    expect((await text('MultiHeadFigure')).labels).toEqual(
      expect.arrayContaining(['h = 32 heads of d = 128;', '4 drawn, one colour each.', 'reorders, no FLOPs', 'Heads side by side']),
    );
    expect((await text('RooflineFigure')).labels).toEqual(
      expect.arrayContaining([
        'decode GEMV, memory-bound',
        'prefill GEMM, compute-bound',
        'peak 312 TFLOP/s (bf16)',
        'ridge point 153 FLOP/B',
        'decode',
        'prefill',
      ]),
    );
    expect((await text('ParallelSplitsFigure')).labels).toEqual(
      expect.arrayContaining([
        'Tensor parallel: split h and I',
        't = 4 GPUs, each holds',
        '[B, S, H] × L, but',
        'h/t = 16 of 64 heads',
        'I/t = 7,168 of 28,672',
        'B/D = 1 of 4 sequences',
      ]),
    );
    expect((await text('KvLayoutsFigure')).labels).toEqual(expect.arrayContaining(['per token and layer: 2·h_kv·d = 8,192', 'each with its own K and V']));
  });

  it('the Chinese labels fit where the English ones did: decoder boxes, the parallel panels’ lines, the KV lines', async () => {
    const zh = figureWords(await render('DecoderBlockFigure', 'zh'));
    expect(zh.labels).toEqual(expect.arrayContaining(['每一层（共 L = 32 层）', 'Embedding 查表', 'FFN 升维与门控', '语言模型头']));
    // Box titles: 196 units wide at 15 in the wide layout.
    const decoder = decoderBlockFigure('llama-2-7b', 1, 4096, 'zh');
    for (const s of decoder.steps) expect(textWidth(s.title, 15), s.title).toBeLessThanOrEqual(196 - 16);
    // Lines beside each parallel grid: from x = 168 to the panel's edge at 360, at 14.
    const splits = figureWords(await render('ParallelSplitsFigure', 'zh'));
    const panelLines = splits.labels.filter((l) => /每张持有|，共/.test(l));
    expect(panelLines).toEqual(expect.arrayContaining(['h/t = 16，共 64 个头', 'I/t = 7,168，共 28,672', 'B/D = 1，共 4 条序列', 't = 4 张 GPU，每张持有']));
    for (const l of panelLines) expect(textWidth(l, 14), l).toBeLessThanOrEqual(360 - 168);
    // KV lines: from x = 16 to the narrow layout's edge at 360, at 14.
    const kv = kvLayoutsFigure('bf16', undefined, 'zh');
    for (const l of kv.layouts.flatMap((x) => x.lines)) expect(textWidth(l, 14), l).toBeLessThanOrEqual(360 - 16);
  });
});
