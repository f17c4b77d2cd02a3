import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { hydrate, launchBrowser, openPage } from './browser';
import { FORMULAS } from '../../src/core/registry';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Records what the page copies instead of touching the system clipboard. */
async function captureClipboard(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const copied: string[] = [];
    (window as unknown as { __copied: string[] }).__copied = copied;
    Object.defineProperty(navigator, 'clipboard', { value: { writeText: async (t: string) => void copied.push(t) }, configurable: true });
  });
}
const lastCopied = (page: Page) => page.evaluate(() => (window as unknown as { __copied: string[] }).__copied.at(-1) ?? '');
/** The link of a copied Markdown derivation: `([derivation](…))`. */
const linkOf = (markdown: string) => /\(\[derivation\]\(([^)\s]+)\)\)/.exec(markdown)?.[1] ?? '';
/** The headline of a result row (its first text node). */
const headline = (page: Page, id: string) => page.getByTestId(id).evaluate((el) => el.firstChild?.textContent ?? '');

describe('serving-in-practice chapter', () => {
  it('renders its math, the anchor of every formula it explains, and the block of Llama 2 7B (8,388,608 B)', async () => {
    const { page, consoleErrors, offsiteRequests } = await openPage(browser, baseUrl);
    await page.goto(`${baseUrl}serving-in-practice/`);
    await expect(page.locator('.katex').count()).resolves.toBeGreaterThan(40);
    const mine = FORMULAS.filter((f) => f.page === 'serving-in-practice');
    expect(mine.length).toBeGreaterThanOrEqual(20);
    for (const f of mine) await expect(page.locator(`[id="${f.anchor}"]`).count(), f.anchor).resolves.toBe(1);
    // 2·32·32·128·2·16 = 8,388,608 B
    await expect(page.locator('section.derivation[data-formula="serving.kvBlockBytes"] .result').textContent()).resolves.toContain('8,388,608');
    // Leviathan et al.'s Eq. (1) at α = 0.8, γ = 5: (1 − 0.8⁶)/0.2 = 3.69 tokens
    await expect(page.locator('section.derivation[data-formula="serving.speculativeTokens"] .result').textContent()).resolves.toContain('3.69');
    await expect(page.locator('.problem, [id^="problem-"]').count()).resolves.toBeGreaterThanOrEqual(5);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState('networkidle');
    expect(consoleErrors).toEqual([]);
    expect(offsiteRequests).toEqual([]);
    await page.context().close();
  });

  it('batching curve: 10 users fit on 2 × A800 reserved, 12 paged; the chart marks the limit; the link restores it', async () => {
    const { page, consoleErrors } = await openPage(browser, baseUrl);
    await page.goto(`${baseUrl}serving-in-practice/`);
    await hydrate(page, '#cb-alloc');
    await expect(headline(page, 'cb-limit')).resolves.toBe('10');
    await expect(page.locator('#batching-curve-calculator svg.chart').count()).resolves.toBe(1);
    await expect(page.locator('#batching-curve-calculator svg.chart').getAttribute('aria-label')).resolves.toContain('memory limit of 10');
    await page.selectOption('#cb-alloc', 'paged');
    // ⌊2,729 blocks / 219.248 per request⌋ = 12
    await expect.poll(() => headline(page, 'cb-limit')).toBe('12');
    await page.selectOption('#cb-chunk', '512');
    await expect.poll(() => page.getByTestId('cb-gap').count()).toBe(1);
    expect(page.url()).toContain('cb.alloc=paged');
    expect(page.url()).toContain('cb.chunk=512');
    const fresh = await openPage(browser, baseUrl);
    await fresh.page.goto(page.url());
    await hydrate(fresh.page, '#cb-alloc');
    await fresh.page.waitForFunction(() => (document.querySelector('#cb-alloc') as HTMLSelectElement).value === 'paged');
    await expect.poll(() => headline(fresh.page, 'cb-limit')).toBe('12');
    expect(consoleErrors).toEqual([]);
    expect(fresh.consoleErrors).toEqual([]);
    await fresh.page.context().close();
    await page.context().close();
  });

  it('paged KV cache: 2,729 blocks, 10 reserved, 12 paged, 16 with the shared prefix; blocks of 32 change the count', async () => {
    const { page, consoleErrors } = await openPage(browser, baseUrl);
    await page.goto(`${baseUrl}serving-in-practice/`);
    await hydrate(page, '#pkv-b');
    await expect(headline(page, 'pkv-blocks')).resolves.toBe('2,729');
    await expect(headline(page, 'pkv-reserved')).resolves.toBe('10');
    await expect(headline(page, 'pkv-paged')).resolves.toBe('12');
    await expect(headline(page, 'pkv-prefix')).resolves.toBe('16');
    await page.fill('#pkv-b', '32');
    // 2·80·8·128·2·32 = 10,485,760 B per block; ⌊14,310,624,256 / 10,485,760⌋ = 1,364
    await expect.poll(() => headline(page, 'pkv-blocks')).toBe('1,364');
    expect(page.url()).toContain('pkv.b=32');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('speculative decoding and quantized serving respond: α = 1 gives γ + 1 = 6 tokens with its warning; an H100 runs fp8 at 1.98 PFLOP/s', async () => {
    const { page, consoleErrors } = await openPage(browser, baseUrl);
    await page.goto(`${baseUrl}serving-in-practice/`);
    await hydrate(page, '#spec-a');
    await expect(headline(page, 'spec-tokens')).resolves.toBe('3.69');
    await page.fill('#spec-a', '1');
    await expect.poll(() => headline(page, 'spec-tokens')).toBe('6.00');
    await expect(page.getByTestId('spec-warning-speculation-always-accepted').count()).resolves.toBe(1);
    await hydrate(page, '#qs-gpu');
    await expect(page.getByTestId('qs-fp8-peak').textContent()).resolves.toContain('has no fp8 tensor cores');
    await page.selectOption('#qs-gpu', 'h100-sxm');
    await expect.poll(() => headline(page, 'qs-fp8-peak')).toBe('1.98 PFLOP/s');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('Copy Markdown from the paged-KV calculator names the setup and opens, in a fresh context, on the calculator with the same numbers', async () => {
    const { page, consoleErrors } = await openPage(browser, baseUrl);
    await captureClipboard(page);
    await page.goto(`${baseUrl}serving-in-practice/`);
    await hydrate(page, '#pkv-b');
    await page.fill('#pkv-b', '32');
    await expect.poll(() => headline(page, 'pkv-blocks')).toBe('1,364');
    await page.locator('#paged-kv-calculator button', { hasText: 'Copy Markdown' }).first().click();
    const md = await lastCopied(page);
    expect(md).toContain('Llama 2 70B on 2 × NVIDIA A800 SXM4 80GB');
    expect(md).toContain('in blocks of 32');
    const link = linkOf(md);
    expect(link).toMatch(/#paged-kv-calculator$/);
    const fresh = await openPage(browser, baseUrl);
    await fresh.page.goto(link);
    await hydrate(fresh.page, '#pkv-b');
    await fresh.page.waitForFunction(() => (document.querySelector('#pkv-b') as HTMLInputElement).value === '32');
    await expect.poll(() => headline(fresh.page, 'pkv-blocks')).toBe('1,364');
    await expect(fresh.page.evaluate(() => window.location.hash)).resolves.toBe('#paged-kv-calculator');
    expect(consoleErrors).toEqual([]);
    expect(fresh.consoleErrors).toEqual([]);
    await fresh.page.context().close();
    await page.context().close();
  });

  it('no display equation is wider than its box at 1366 px', async () => {
    const { page } = await openPage(browser, baseUrl);
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`${baseUrl}serving-in-practice/`);
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('.katex-display')].filter((e) => e.scrollWidth > e.clientWidth + 1).map((e) => e.closest('section')?.getAttribute('data-formula') ?? 'prose'),
    );
    expect(wide).toEqual([]);
    await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
    await page.context().close();
  });

  it('a hostile link (1e300, NaN, markup, unknown ids, a hit rate of 2, α = 0) gives messages by the fields and no console error', async () => {
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
    const { page, consoleErrors } = await openPage(browser, baseUrl);
    const started = Date.now();
    await page.goto(`${baseUrl}serving-in-practice/?${query.toString()}`);
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
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
