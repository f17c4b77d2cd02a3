import { describe } from 'vitest';
import { copyMarkdown, expect, hydrate, hydrateAll, linkOf, restores, test, textOf, urlWith } from './fixture';
import { FORMULAS } from '../../src/core/registry';

describe('serving-in-practice chapter', () => {
  test('renders its math, the anchor of every formula it explains, and the block of Llama 2 7B (8,388,608 B)', async ({ open }) => {
    const page = await open('serving-in-practice/');
    await expect(page.locator('.katex').count()).resolves.toBeGreaterThan(40);
    const mine = FORMULAS.filter((f) => f.page === 'serving-in-practice');
    expect(mine.length).toBeGreaterThanOrEqual(20);
    for (const f of mine) await expect(page.locator(`[id="${f.anchor}"]`).count(), f.anchor).resolves.toBe(1);
    // 2·32·32·128·2·16 = 8,388,608 B
    await expect(page.locator('section.derivation[data-formula="serving.kvBlockBytes"] .result').textContent()).resolves.toContain('8,388,608');
    // Leviathan et al.'s Eq. (1) at α = 0.8, γ = 5: (1 − 0.8⁶)/0.2 = 3.69 tokens
    await expect(page.locator('section.derivation[data-formula="serving.speculativeTokens"] .result').textContent()).resolves.toContain('3.69');
    await expect(page.locator('[id^="problem-"]').count()).resolves.toBeGreaterThanOrEqual(5);
    // Every island hydrates without a console error (checked when the test ends).
    await expect(hydrateAll(page)).resolves.toBe(4);
  });

  test('batching curve: 10 users fit on 2 × A800 reserved, 12 paged; the chart marks the limit; the link restores it', async ({ open }) => {
    const page = await open('serving-in-practice/');
    await hydrate(page, '#cb-alloc');
    await expect(textOf(page, 'cb-limit', 'headline')).resolves.toBe('10');
    await expect(page.locator('#batching-curve-calculator svg.chart').count()).resolves.toBe(1);
    await expect(page.locator('#batching-curve-calculator svg.chart').getAttribute('aria-label')).resolves.toContain('memory limit of 10');
    await page.selectOption('#cb-alloc', 'paged');
    // ⌊2,729 blocks / 219.248 per request⌋ = 12
    await expect.poll(() => textOf(page, 'cb-limit', 'headline')).toBe('12');
    await page.selectOption('#cb-chunk', '512');
    await expect.poll(() => page.getByTestId('cb-gap').count()).toBe(1);
    // The calculator writes its URL a moment after the result shows.
    const link = await urlWith(page, 'cb.alloc=paged', 'cb.chunk=512');
    await restores(open, link, { 'cb.alloc': 'paged', 'cb.chunk': '512' }, { 'cb-limit': '12' }, { part: 'headline' });
  });

  test('paged KV cache: 2,729 blocks, 10 reserved, 12 paged, 16 with the shared prefix; blocks of 32 change the count', async ({ open }) => {
    const page = await open('serving-in-practice/');
    await hydrate(page, '#pkv-b');
    await expect(textOf(page, 'pkv-blocks', 'headline')).resolves.toBe('2,729');
    await expect(textOf(page, 'pkv-reserved', 'headline')).resolves.toBe('10');
    await expect(textOf(page, 'pkv-paged', 'headline')).resolves.toBe('12');
    await expect(textOf(page, 'pkv-prefix', 'headline')).resolves.toBe('16');
    await page.fill('#pkv-b', '32');
    // 2·80·8·128·2·32 = 10,485,760 B per block; ⌊14,310,624,256 / 10,485,760⌋ = 1,364
    await expect.poll(() => textOf(page, 'pkv-blocks', 'headline')).toBe('1,364');
    await urlWith(page, 'pkv.b=32');
  });

  test('speculative decoding and quantized serving respond: α = 1 gives γ + 1 = 6 tokens with its warning; an H100 runs fp8 at 1.98 PFLOP/s', async ({
    open,
  }) => {
    const page = await open('serving-in-practice/');
    await hydrate(page, '#spec-a');
    await expect(textOf(page, 'spec-tokens', 'headline')).resolves.toBe('3.69');
    await page.fill('#spec-a', '1');
    await expect.poll(() => textOf(page, 'spec-tokens', 'headline')).toBe('6.00');
    await expect(page.getByTestId('spec-warning-speculation-always-accepted').count()).resolves.toBe(1);
    await hydrate(page, '#qs-gpu');
    await expect(textOf(page, 'qs-fp8-peak')).resolves.toContain('has no fp8 tensor cores');
    await page.selectOption('#qs-gpu', 'h100-sxm');
    await expect.poll(() => textOf(page, 'qs-fp8-peak', 'headline')).toBe('1.98 PFLOP/s');
  });

  test('Copy Markdown from the paged-KV calculator names the setup and opens, in a fresh context, on the calculator with the same numbers', async ({
    open,
  }) => {
    const page = await open('serving-in-practice/', { clipboard: true });
    await hydrate(page, '#pkv-b');
    await page.fill('#pkv-b', '32');
    await expect.poll(() => textOf(page, 'pkv-blocks', 'headline')).toBe('1,364');
    const md = await copyMarkdown(page, '#paged-kv-calculator');
    expect(md).toContain('Llama 2 70B on 2 × NVIDIA A800 SXM4 80GB');
    expect(md).toContain('in blocks of 32');
    const link = linkOf(md);
    expect(link).toMatch(/#paged-kv-calculator$/);
    const fresh = await restores(open, link, { 'pkv.b': '32' }, { 'pkv-blocks': '1,364' }, { part: 'headline' });
    await expect(fresh.page.evaluate(() => window.location.hash)).resolves.toBe('#paged-kv-calculator');
  });

  test('no display equation is wider than its box at 1366 px', async ({ open }) => {
    const page = await open('serving-in-practice/', { viewport: { width: 1366, height: 900 } });
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('.katex-display')]
        .filter((e) => e.scrollWidth > e.clientWidth + 1)
        .map((e) => e.closest('section')?.getAttribute('data-formula') ?? 'prose'),
    );
    expect(wide).toEqual([]);
    await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
  });

  test('a hostile link (1e300, NaN, markup, unknown ids, a hit rate of 2, α = 0) gives messages by the fields and no console error', async ({ open }) => {
    const query = new URLSearchParams({
      'cb.G': '1e300',
      'cb.S': 'NaN',
      'cb.alloc': '<img src=x onerror=alert(1)>',
      'cb.chunk': '9999',
      'pkv.b': '-1',
      'pkv.h': '2',
      'pkv.gpu': 'a900-sxm-1tb',
      'spec.a': '0',
      'spec.g': '9'.repeat(5000),
      'spec.draft': 'gpt-5',
      'qs.kv': 'int2',
      'qs.B': '1e300',
    });
    const started = Date.now();
    const page = await open(`serving-in-practice/?${query.toString()}`);
    for (const [island, fields] of [
      ['cb', ['G', 'S', 'alloc', 'chunk']],
      ['pkv', ['b', 'h', 'gpu']],
      ['spec', ['a', 'g', 'draft']],
      ['qs', ['kv', 'B']],
    ] as const) {
      await hydrate(page, `#${island}-${fields[0]}`);
      for (const f of fields) await expect.poll(() => page.locator(`#${island}-${f}-error`).count(), { message: `${island}.${f}` }).toBe(1);
    }
    expect(Date.now() - started).toBeLessThan(30_000);
    await expect(page.locator('img[src="x"]').count()).resolves.toBe(0);
    for (const id of ['#batching-curve-calculator', '#paged-kv-calculator', '#speculative-calculator', '#quantized-serving-calculator']) {
      await expect(page.locator(`${id} dl.results`).first().textContent()).resolves.not.toMatch(/NaN|Infinity|e\+\d/);
    }
  });
});
