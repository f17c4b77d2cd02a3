import { describe, expect, it } from 'vitest';
import { tocHeadings } from '../../src/lib/toc';

describe('tocHeadings', () => {
  it('keeps h2 and h3 in page order and drops h1, h4 and deeper', () => {
    const headings = [
      { depth: 1, slug: 'title', text: 'Inference memory' },
      { depth: 2, slug: 'weights', text: 'The weights' },
      { depth: 3, slug: 'dtype', text: 'Data types' },
      { depth: 4, slug: 'fp8', text: 'fp8' },
      { depth: 2, slug: 'kv-cache', text: 'The KV cache' },
      { depth: 5, slug: 'x', text: 'x' },
    ];
    expect(tocHeadings(headings)).toEqual([
      { depth: 2, slug: 'weights', text: 'The weights' },
      { depth: 3, slug: 'dtype', text: 'Data types' },
      { depth: 2, slug: 'kv-cache', text: 'The KV cache' },
    ]);
  });
  it('drops a heading without an id or without text (nothing to link to or to read), and trims the text', () => {
    expect(
      tocHeadings([
        { depth: 2, slug: '', text: 'No anchor' },
        { depth: 2, slug: 'blank', text: '   ' },
        { depth: 3, slug: 'takeaways', text: '  Takeaways \n' },
      ]),
    ).toEqual([{ depth: 3, slug: 'takeaways', text: 'Takeaways' }]);
  });
  it('returns copies: changing the list does not change the headings Astro gave', () => {
    const input = [{ depth: 2, slug: 'a', text: 'A' }];
    const out = tocHeadings(input);
    out[0]!.text = 'changed';
    expect(input[0]!.text).toBe('A');
  });
});
