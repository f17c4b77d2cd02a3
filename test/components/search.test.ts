import { describe, expect, it } from 'vitest';
import { expandQuery, headingTier, mergeResults, normalizeQuery, type PageHit } from '../../src/lib/search';

describe('normalizeQuery', () => {
  it.each([
    ['kv-cache', 'kv cache'],
    ['KV cache', 'kv cache'],
    ['  kv   cache ', 'kv cache'],
    ['KV‑cache', 'kv cache'], // non-breaking hyphen
    ['key/value cache', 'key value cache'],
    ['GPT-2', 'gpt 2'],
    ['-', '-'],
  ])('normalizeQuery(%j) = %j', (query, expected) => {
    expect(normalizeQuery(query)).toBe(expected);
  });
});

describe('expandQuery', () => {
  it('expandQuery("kv-cache"), ("KV cache") and ("kv cache") plan the same searches', () => {
    expect(expandQuery('kv-cache')).toEqual({
      searches: ['kv cache', 'key value cache'], // "key-value" and "key/value" are one form
      forms: ['kv cache', 'key value cache'],
    });
    expect(expandQuery('KV cache')).toEqual(expandQuery('kv-cache'));
    expect(expandQuery('kv cache')).toEqual(expandQuery('kv-cache'));
  });
  it('expandQuery("TTFT") adds "time to first token", and back', () => {
    expect(expandQuery('TTFT')).toEqual({ searches: ['ttft', 'time to first token'], forms: ['ttft', 'time to first token'] });
    expect(expandQuery('time to first token')).toEqual({ searches: ['time to first token', 'ttft'], forms: ['time to first token', 'ttft'] });
  });
  it('expandQuery("TPOT") adds time per output token and inter-token latency; inter-token latency adds TPOT', () => {
    expect(expandQuery('TPOT').searches).toEqual(['tpot', 'time per output token', 'inter token latency']);
    expect(expandQuery('inter-token latency').searches).toEqual(['inter token latency', 'tpot', 'time per output token']);
  });
  it('expandQuery("MFU") adds both spellings of model FLOPs utilisation', () => {
    expect(expandQuery('MFU').forms).toEqual(['mfu', 'model flops utilisation', 'model flops utilization']);
  });
  it('expandQuery replaces a synonym inside a longer query, whole words only', () => {
    expect(expandQuery('ttft llama').searches).toEqual(['ttft llama', 'time to first token llama']);
    // "mfus" is not "mfu": no expansion.
    expect(expandQuery('mfus').searches).toEqual(['mfus']);
  });
  it('expandQuery("ridge point") has no synonyms; a blank query plans nothing', () => {
    expect(expandQuery('ridge point')).toEqual({ searches: ['ridge point'], forms: ['ridge point'] });
    expect(expandQuery('   ')).toEqual({ searches: [], forms: [] });
  });
});

describe('headingTier', () => {
  const ttft = ['time to first token', 'ttft'];
  it.each([
    ['Time to first token (prefill)', ttft, 3],
    ['Model FLOPs utilisation (MFU)', ['mfu'], 3],
    ['Model FLOPs utilisation (MFU)', ['model flops utilisation'], 3],
    ['Time to first token with a prefix cache', ttft, 2],
    ['Requests a prefill instance takes within a TTFT target', ttft, 1],
    ['The size of the KV cache', ['kv cache'], 1],
    ['Training time', ttft, 0],
  ] as const)('headingTier(%j, %j) = %i', (heading, forms, expected) => {
    expect(headingTier(heading, forms)).toBe(expected);
  });
});

describe('mergeResults', () => {
  const page = (url: string, sections: [string, string, number][] = []): PageHit => ({
    url,
    title: url,
    excerpt: '',
    sections: sections.map(([title, anchor, score]) => ({ title, url: `${url}#${anchor}`, score })),
  });
  it('puts the page with a section titled by the query first, whatever Pagefind’s order', () => {
    const plain = [page('/training/', [['Training FLOPs', 'flops', 9]]), page('/mfu-and-latency/', [['Time to first token (prefill)', 'prefill-latency', 1]])];
    const synonym = [page('/serving/', [['Requests within a TTFT target', 'rate', 5]])];
    const merged = mergeResults([plain, synonym], ['time to first token', 'ttft']);
    expect(merged.map((p) => p.url)).toEqual(['/mfu-and-latency/', '/serving/', '/training/']);
    expect(merged.map((p) => p.tier)).toEqual([3, 1, 0]);
  });
  it('fuses ranks: a page found by two variants outranks one found once at the same place', () => {
    const a = [page('/a/'), page('/b/')];
    const b = [page('/b/')];
    // /a/: 1/10 = 0.1; /b/: 1/11 + 1/10 ≈ 0.191
    expect(mergeResults([a, b], ['x']).map((p) => p.url)).toEqual(['/b/', '/a/']);
  });
  it('merges sections by URL, titled ones first, then by hit weight, and drops the page-top "section"', () => {
    const one = [
      {
        ...page('/m/', [
          ['KV cache per token', 'per-token', 2],
          ['Weights', 'weights', 7],
        ]),
        sections: [
          { title: '/m/', url: '/m/', score: 50 },
          { title: 'KV cache per token', url: '/m/#per-token', score: 2 },
          { title: 'Weights', url: '/m/#weights', score: 7 },
        ],
      },
    ];
    const two = [page('/m/', [['Weights', 'weights', 4]])];
    const [m] = mergeResults([one, two], ['kv cache']);
    expect(m!.sections).toEqual([
      { title: 'KV cache per token', url: '/m/#per-token', score: 2 },
      { title: 'Weights', url: '/m/#weights', score: 11 },
    ]);
  });
  it('keeps at most `limit` pages', () => {
    const many = Array.from({ length: 15 }, (_, i) => page(`/p${i}/`));
    expect(mergeResults([many], ['x'], 10)).toHaveLength(10);
  });
});
