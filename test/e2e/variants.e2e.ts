import { describe } from 'vitest';
import { expect, expectText, hydrate, hydrateAll, restores, test, urlWith } from './fixture';

describe('variants chapter', () => {
  test('renders its math and every derivation anchor, with no console error', async ({ open }) => {
    const page = await open('variants/');
    await expect(page.locator('h1').first().textContent()).resolves.toContain('Architecture variants');
    expect(await page.locator('.katex').count()).toBeGreaterThan(20);
    expect(await page.locator('.katex-error').count()).toBe(0);
    for (const anchor of [
      'gqa-kv-saving',
      'sliding-window-kv-cache',
      'mixed-window-kv-cache',
      'moe-active-params',
      'moe-flops-per-token',
      'expert-parallel-weights',
      'mla-kv-cache',
      'mla-compression',
      'swiglu-width',
    ]) {
      expect(await page.locator(`#${anchor}`).count(), anchor).toBe(1);
    }
    // Gemma 2 9B at 8,192 tokens: (21·8192 + 21·4096)·4096·2 = 2,113,929,216 B.
    await expect(page.locator('section.derivation:has(#mixed-window-kv-cache) .result').textContent()).resolves.toContain('2,113,929,216');
    await hydrateAll(page);
  });

  test('the comparator responds to input, writes the URL and restores it from a link', async ({ open }) => {
    const page = await open('variants/');
    await hydrate(page, '#vc-attention');
    // Llama 2 7B with 8 KV heads: 2·32·8·128·2 = 131,072 B per token → "131 kB".
    await expectText(page, 'vc-kv-token-1', '131 kB');
    await page.selectOption('#vc-attention', 'mqa');
    // MQA: 2·32·1·128·2 = 16,384 B → "16.4 kB".
    await expectText(page, 'vc-kv-token-1', '16.4 kB');
    await page.fill('#vc-contextTokens', '8192');
    // Base MHA at 8,192 tokens: 524,288·8192 = 4,294,967,296 B → "4.29 GB".
    await expectText(page, 'vc-kv-request-0', '4.29 GB');
    const fresh = await restores(open, await urlWith(page, 'vc.attention=mqa', 'vc.contextTokens=8192'), { 'vc.attention': 'mqa' });
    await expectText(fresh.page, 'vc-kv-token-1', '16.4 kB');
    await expectText(fresh.page, 'vc-kv-request-0', '4.29 GB');
  });

  test('refuses a hostile link field by field, keeps the default numbers, and logs no console error', async ({ open }) => {
    const hostile = `?vc.gpus=1e300&vc.contextTokens=NaN&vc.model=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&vc.utilization=${'9'.repeat(10_000)}&vc.attention=%7B%22a%22%3A1%7D`;
    const page = await open(`variants/${hostile}`);
    await hydrate(page, '#vc-gpus');
    await page.waitForSelector('#vc-gpus-error');
    await expect(page.locator('#vc-gpus-error').textContent()).resolves.toContain('GPUs G must be a whole number from 1 to 10,000,000');
    await expect(page.locator('#vc-contextTokens-error').textContent()).resolves.toContain('is not a finite number');
    await expect(page.locator('#vc-model-error').textContent()).resolves.toContain('is not one of the choices');
    await expect(page.locator('#vc-attention-error').textContent()).resolves.toContain('is not one of the choices');
    await expect(page.locator('#vc-utilization-error').textContent()).resolves.toContain('too large to be represented');
    // The defaults' numbers (Llama 2 7B → GQA 8 on one A800 as the runtime sees it: 29 → 119), marked stale.
    await expectText(page, 'vc-concurrency-1', '119');
    await expect(page.locator('#variant-comparator img').count()).resolves.toBe(0);
    await expect(page.locator('#variant-comparator .stale-note').isVisible()).resolves.toBe(true);
  });

  test('shows the core’s message next to a KV-head count that does not divide h, and never NaN', async ({ open }) => {
    const page = await open('variants/');
    await hydrate(page, '#vc-kvGroups');
    await page.fill('#vc-kvGroups', '5');
    await expect(page.locator('#vc-kvGroups-error').textContent()).resolves.toContain('must divide the 32 query heads');
    const text = await page.locator('#variant-comparator').textContent();
    expect(text).not.toMatch(/NaN|Infinity/);
    await expect(page.locator('#variant-comparator .stale-note').isVisible()).resolves.toBe(true);
  });
});
