import { describe } from 'vitest';
import { copyMarkdown, expect, hydrate, hydrateAll, linkOf, restores, test, textOf, urlWith } from './fixture';
import { FORMULAS } from '../../src/core/registry';
import deepseekV3 from '../../src/data/models/deepseek-v3.json';

describe('memory chapter', () => {
  test('renders its math and the anchor of every memory formula', async ({ open }) => {
    const page = await open('memory/');
    await expect(page.locator('.katex').count()).resolves.toBeGreaterThan(10);
    for (const f of FORMULAS.filter((x) => x.page === 'memory')) {
      await expect(page.locator(`[id="${f.anchor}"]`).count(), f.anchor).resolves.toBe(1);
    }
    // Llama 2 70B in fp16: 68,976,648,192 × 2 B = 137,953,296,384 B → "138 GB".
    await expect(page.locator('section.derivation[data-formula="memory.weights"] .result').textContent()).resolves.toContain('138 GB');
    // Every island hydrates without a console error (checked when the test ends).
    await hydrateAll(page);
  });

  test('KV-cache calculator: 327,680 B per token for Llama 2 70B; h_kv = 64 gives 2,621,440 B; the link restores it', async ({ open }) => {
    const page = await open('memory/');
    await hydrate(page, '#kv-hKv');
    // 2·80·8·128·2 = 327,680 B
    await expect(page.getByTestId('kv-per-token').textContent()).resolves.toContain('327,680 B');
    await page.fill('#kv-hKv', '64');
    // 2·80·64·128·2 = 2,621,440 B; × 4000 = 10,485,760,000 B
    await expect(page.getByTestId('kv-per-token').textContent()).resolves.toContain('2,621,440 B');
    await expect(page.getByTestId('kv-per-sequence').textContent()).resolves.toContain('10,485,760,000 B');
    await restores(open, await urlWith(page, 'kv.hKv=64'), { 'kv.hKv': '64' }, { 'kv-per-token': '2,621,440 B' });
  });

  test("KV-cache calculator: Copy Markdown for Qwen2.5 7B at S' = 32,768 names the model and opens, in a fresh context, on the calculator with 57,344 B per token", async ({
    open,
  }) => {
    const page = await open('memory/', { clipboard: true });
    await hydrate(page, '#kv-model');
    await page.selectOption('#kv-model', 'qwen2.5-7b');
    await page.fill('#kv-S', '32768');
    // 2·28·4·128·2 = 57,344 B per token; × 32,768 = 1,879,048,192 B
    await expect(page.getByTestId('kv-per-sequence').textContent()).resolves.toContain('1,879,048,192 B');
    const md = await copyMarkdown(page, '#kv-cache-calculator');
    expect(md).toContain('Qwen2.5 7B');
    const link = linkOf(md);
    expect(link).toMatch(/#kv-cache-calculator$/);
    const fresh = await restores(open, link, { 'kv.S': '32768' }, { 'kv-per-token': '57,344 B', 'kv-per-sequence': '1,879,048,192 B' });
    // The calculator itself is where the link lands, not the static card.
    await expect(fresh.page.evaluate(() => window.location.hash)).resolves.toBe('#kv-cache-calculator');
  });

  test('memory breakdown: 2×A800 (runtime reading) fit 10 requests of 4,000 tokens, with a warning for 100; 8 fit 360; the link restores it; a bad paste is reported', async ({
    open,
  }) => {
    const page = await open('memory/');
    await hydrate(page, '#mem-G');
    // (2·84,986,691,584·0.9 − 137,953,296,384 − 950,400,000) / 1,310,720,000 = 10.7 → 10
    await expect(textOf(page, 'mem-fit', 'headline')).resolves.toBe('10');
    await expect(page.getByTestId('mem-warning-batch-does-not-fit').textContent()).resolves.toContain('Only 10 of the 100 requests');
    await expect(page.locator('#memory-breakdown-calculator svg.chart').count()).resolves.toBe(1);
    await page.fill('#mem-G', '8');
    // (8·84,986,691,584·0.9 − 137,953,296,384 − 1,736,832,000) / 1,310,720,000 = 360.3 → 360
    await expect(textOf(page, 'mem-fit', 'headline')).resolves.toBe('360');
    await expect(textOf(page, 'mem-verdict', 'headline')).resolves.toBe('fit');
    const fresh = await restores(open, await urlWith(page, 'mem.G=8'), { 'mem.G': '8' }, { 'mem-fit': '360' }, { part: 'headline' });
    expect(fresh.results['mem-fit']).toBe('360');
    await page.selectOption('#mem-model', 'custom');
    await page.fill('#mem-config', '{"model_type": "llama"');
    await expect(page.locator('#mem-config-error').textContent()).resolves.toContain('not valid JSON');
    const text = await page.locator('#memory-breakdown-calculator').textContent();
    expect(text).not.toMatch(/NaN|Infinity/);
  });

  test('a hostile link (1e300, NaN, markup, 10,000 digits, unknown ids, a config with num_hidden_layers: 1e15) gives messages by the fields, the defaults, and no console error', async ({
    open,
  }) => {
    const query = new URLSearchParams({
      'kv.L': '1e300',
      'kv.hKv': 'NaN',
      'kv.d': '<img src=x onerror=alert(1)>',
      'kv.S': '9'.repeat(10_000),
      'mem.model': 'custom',
      'mem.config': JSON.stringify({ ...deepseekV3, num_hidden_layers: 1e15 }),
      'mem.gpu': 'a900-sxm-1tb',
      'mem.G': '1e300',
      'mem.u': '1e-320',
    });
    const started = Date.now();
    const page = await open(`memory/?${query.toString()}`);
    await hydrate(page, '#kv-L');
    await hydrate(page, '#mem-G');
    for (const field of ['L', 'hKv', 'd', 'S']) await expect.poll(() => page.locator(`#kv-${field}-error`).count(), { message: `kv.${field}` }).toBe(1);
    await expect.poll(() => page.locator('#mem-config-error').textContent()).toMatch(/^config\.json: .*num_hidden_layers/);
    await expect(page.locator('#mem-gpu-error').textContent()).resolves.toContain('not one of the choices');
    await expect(page.locator('#mem-G-error').textContent()).resolves.toContain('GPUs must be a whole number from 1 to 10,000,000');
    // u sits in the folded "Memory reading and reserve" group; its message is there, by the field.
    await expect(page.locator('#mem-u-error').textContent()).resolves.toContain('Usable fraction u');
    // The defaults' results, marked stale, in well under the time a frozen tab would take.
    await expect(page.getByTestId('kv-per-token').textContent()).resolves.toContain('327,680 B');
    await expect(page.getByTestId('mem-weights').textContent()).resolves.toContain('138 GB');
    expect(Date.now() - started).toBeLessThan(20_000);
    await expect(page.locator('img[src="x"]').count()).resolves.toBe(0);
    for (const id of ['#kv-cache-calculator', '#memory-breakdown-calculator']) {
      await expect(page.locator(`${id} [aria-live]`).first().textContent()).resolves.not.toMatch(/NaN|Infinity|e\+\d/);
    }
  });
});
