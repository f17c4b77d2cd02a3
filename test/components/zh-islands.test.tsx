// @vitest-environment happy-dom
/**
 * Every island speaks only Chinese on a /zh/ page, in every state a reader can reach: each is
 * rendered with lang="zh" in its default state and in two or three others (another option, an
 * input the core refuses, a setup that does not fit in memory, a sweep past the memory limit),
 * with the whole catalogue loaded, and the text it shows — every text node, every aria-label,
 * title and summary, and the setup line a copied derivation names — must hold no English
 * sentence: three or more lowercase English words in a row, names, units and symbols aside.
 * (The worked cases and the models table belong to their own tests.)
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import type { ComponentType } from 'react';
import { loadZh } from '../../src/components/i18n/i18n';

const modules = import.meta.glob<{ default: ComponentType<Record<string, unknown>> }>('../../src/components/islands/*.tsx', { eager: true });
/** Islands other tests own. */
const ELSEWHERE = ['CaseCalculator', 'ModelsTableSorter'];

/** The states each island is rendered in, as the query a link would carry ('' = the default). */
export const STATES: Readonly<Record<string, readonly string[]>> = {
  BatchingCurveCalculator: ['', '?cb.alloc=paged&cb.chunk=512', '?cb.model=llama-2-70b&cb.G=1&cb.dtype=fp16', '?cb.B=0'],
  CapacityPlannerCalculator: ['', '?cap.tp=2&cap.dtype=int4', '?cap.model=llama-3-405b&cap.gpu=rtx-4090&cap.tp=1', '?cap.ttft=0.0001&cap.tpot=0.0001'],
  CostPerTokenCalculator: ['', '?cpt.dtype=int4&cpt.gpus=1', '?cpt.model=llama-3-405b&cpt.gpus=1', '?cpt.B=-1'],
  FlopsPerTokenCalculator: ['', '?fpt.mode=prefill', '?fpt.Sc=0'],
  GpuComparisonCalculator: ['', '?cmp.dtype=fp8&cmp.gpuC=mi300x', '?cmp.dtype=int4', '?cmp.M=0'],
  InferenceLatencyCalculator: ['', '?lat.attention=none&lat.dtype=int4', '?lat.gpus=1&lat.batch=64', '?lat.batch=600', '?lat.input=0'],
  KvCacheCalculator: ['', '?kv.dtype=int4&kv.model=mixtral-8x7b', '?kv.S=0'],
  LayerCostCalculator: ['', '?lc.ffn=mlp&lc.norm=layernorm&lc.bias=on&lc.attention=full', '?lc.h=7'],
  MatmulCalculator: ['', '?mm.dtype=int8', '?mm.K=0'],
  MemoryBreakdownCalculator: ['', '?mem.reading=GB&mem.wdtype=int4', '?mem.model=mistral-7b', '?mem.G=1&mem.B=500', '?mem.reading=GiB&mem.B=0'],
  MfuCalculator: ['', '?mfu.mode=throughput&mfu.attention=causal&mfu.recompute=selective', '?mfu.mode=plan&mfu.attention=full', '?mfu.gpuHours=1'],
  PagedKvCalculator: ['', '?pkv.P=1000&pkv.kvdtype=int8', '?pkv.G=1&pkv.model=llama-2-70b', '?pkv.b=0'],
  ParallelismPlannerCalculator: ['', '?pp.zero=3&pp.recompute=full&pp.sp=on', '?pp.memoryReading=GB&pp.tp=3', '?pp.gpus=8&pp.tp=1&pp.pp=1&pp.dp=8&pp.zero=0'],
  ParameterCounterCalculator: ['', '?pc.model=mixtral-8x7b', '?pc.model=gpt-2'],
  PeakFlopsCalculator: ['', '?peak.gpu=mi300x&peak.dtype=fp8', '?peak.n=0'],
  PlaygroundCalculator: [
    '',
    '?pg.mode=training&pg.zero=3&pg.recompute=full',
    '?pg.model=llama-3-405b&pg.G=1&pg.reading=GB',
    '?pg.mode=reverse',
    '?pg.mode=compare&pgb.G=16&pgb.dp=16',
  ],
  QuantizedServingCalculator: ['', '?qs.kv=int8&qs.scales=group', '?qs.G=1&qs.model=llama-3-405b', '?qs.S=0'],
  SearchBox: [''],
  ShapeTracerCalculator: ['', '?trace.pass=decode&trace.dtype=fp32', '?trace.pass=prefill&trace.model=mixtral-8x7b', '?trace.B=0'],
  SpeculativeCalculator: ['', '?spec.a=0.9&spec.g=8', '?spec.G=1&spec.model=llama-3-405b', '?spec.a=2'],
  TrainingBudgetCalculator: ['', '?tb.budget=dollars&tb.interval=young', '?tb.precision=fp8', '?tb.C=0'],
  TrainingMemoryCalculator: ['', '?tm.zero=3&tm.recompute=full&tm.memoryReading=GB', '?tm.model=llama-3-405b&tm.count=1', '?tm.b=0'],
  TrainingTimeCalculator: ['', '?tt.solve=gpus&tt.attention=causal', '?tt.solve=mfu', '?tt.mfu=2'],
  VariantComparatorCalculator: ['', '?vc.attention=mqa&vc.moe=on&vc.window=4096&vc.reading=GB', '?vc.gpus=1&vc.model=llama-3-405b', '?vc.kvGroups=7'],
};

/**
 * Names, units and symbols that read the same in Chinese: a model's or GPU's name, a paper's,
 * a data type, a code identifier. Each is a word (or words) that may stand in a run of three.
 */
const ALLOWED = [
  // Collectives keep their English names in Chinese engineering text.
  /\b(?:all-to-all|all-reduce|all-gather|point-to-point)\b/g,
  /\bconfig\.json\b/g,
  /\bblock_size\b/g,
  /\bmax_position_embeddings\b/g,
  /\bnum_[a-z_]+\b/g,
  /\b(?:fp|bf|int|tf)\d+\b/g,
  /\bet al\b/g,
];

/** English words left in a text: three or more words in a row, lowercase but the first. */
export function englishLeft(text: string): string[] {
  let rest = text;
  for (const re of ALLOWED) rest = rest.replace(re, ' ');
  return rest.match(/\b[A-Za-z][a-z]+(?:[ '’-]+[a-z]{2,}){2,}\b/g) ?? [];
}

/** Every text a reader (or a screen reader) gets from the island: text nodes and text attributes. */
function texts(root: Element): string[] {
  const out: string[] = [];
  const walker = document.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    // The math itself (MathML) is symbols; a datasheet's note is quoted in English, marked lang="en".
    if (n.parentElement?.closest('math, [lang="en"]')) continue;
    out.push(n.textContent ?? '');
  }
  for (const el of root.querySelectorAll('[aria-label], [title], [summary], [placeholder], input[value]')) {
    for (const a of ['aria-label', 'title', 'summary', 'placeholder']) {
      const v = el.getAttribute(a);
      if (v) out.push(v);
    }
  }
  return out;
}

const copied: string[] = [];

beforeAll(async () => {
  await loadZh();
  Object.defineProperty(navigator, 'clipboard', {
    configurable: true,
    value: {
      writeText: vi.fn(async (text: string) => {
        copied.push(text);
      }),
    },
  });
});

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
});

const islands = Object.entries(modules)
  .map(
    ([path, m]) =>
      [
        path
          .split('/')
          .pop()!
          .replace(/\.tsx$/, ''),
        m.default,
      ] as const,
  )
  .filter(([name]) => !ELSEWHERE.includes(name));

const cases = islands.flatMap(([name, Island]) => (STATES[name] ?? ['']).map((query) => [name, query === '' ? 'default' : query, query, Island] as const));

describe('islands in Chinese, every reachable state', () => {
  it('every island has states to render', () => {
    expect(islands.length).toBeGreaterThanOrEqual(23);
    expect(islands.map(([n]) => n).filter((n) => !(n in STATES))).toEqual([]);
  });

  it('englishLeft finds a sentence and lets names by', () => {
    expect(englishLeft('does not fit (hypothetical)')).toEqual(['does not fit']);
    expect(englishLeft('Llama 2 70B，bf16 int4 fp8 权重')).toEqual([]);
  });

  it.each(cases)('%s (%s): no English sentence', async (name, _, query, Island) => {
    window.history.replaceState(null, '', `/zh/x/${query}`);
    const props: Record<string, unknown> = name === 'SearchBox' ? { base: '/', lang: 'zh' } : { lang: 'zh' };
    const { container } = render(<Island {...props} />);
    await act(async () => {
      await new Promise((r) => setTimeout(r, 0));
    });
    // The setup line a copied derivation names (the LaTeX copy's second comment line).
    copied.length = 0;
    const latex = [...container.querySelectorAll('button')].find((b) => b.textContent === '复制 LaTeX');
    if (latex) {
      await act(async () => {
        fireEvent.click(latex);
        await new Promise((r) => setTimeout(r, 0));
      });
    }
    const setup = copied.flatMap((c) =>
      c
        .split('\n')
        .slice(1, 2)
        .filter((l) => l.startsWith('% ')),
    );
    const left = [...texts(container), ...setup].flatMap((text) => englishLeft(text).map((w) => `${w}  ⟵  ${text.slice(0, 160)}`));
    expect([...new Set(left)]).toEqual([]);
  });
});
