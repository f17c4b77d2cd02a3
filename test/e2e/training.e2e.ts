import { describe } from 'vitest';
import { copyMarkdown, expect, hydrate, hydrateAll, linkOf, restores, test, urlWith } from './fixture';
import { FORMULAS } from '../../src/core/registry';

describe('training chapter', () => {
  test('renders its math and the anchor of every training formula, with no console error', async ({ open }) => {
    const page = await open('training/');
    await expect(page.locator('.katex').count()).resolves.toBeGreaterThan(20);
    for (const f of FORMULAS.filter((x) => x.page === 'training')) {
      await expect(page.locator(`[id="${f.anchor}"]`).count(), f.anchor).resolves.toBe(1);
    }
    // 6 · 6,738,415,616 = 40,430,493,696 FLOPs → "40.4 GFLOPs"
    await expect(page.locator('section.derivation[data-formula="training.flopsPerToken"] .result').textContent()).resolves.toContain('40.4 GFLOPs');
    await hydrateAll(page);
  });

  test('training time: 11.3 days at 40% MFU; 30 days imply 15.1%; the link restores it', async ({ open }) => {
    const page = await open('training/');
    await hydrate(page, '#tt-n');
    // 6 · 70,553,706,496 · 15e12 / (16,384 · 989e12 · 0.4) = 979,701 s = 11.34 days
    await expect(page.getByTestId('tt-time').textContent()).resolves.toContain('11.3 days');
    await page.selectOption('#tt-solve', 'mfu');
    await page.fill('#tt-days', '30');
    // 6.34983e24 / (16,384 · 989e12 · 2,592,000 s) = 15.1%
    await expect(page.getByTestId('tt-mfu').textContent()).resolves.toContain('15.1%');
    await restores(open, await urlWith(page, 'tt.solve=mfu', 'tt.days=30'), { 'tt.solve': 'mfu' }, { 'tt-mfu': '15.1%' });
    await page.fill('#tt-days', '2');
    // 6.34983e24 / (16,384 · 989.4e12 · 172,800 s) = 2.2669: shown, and flagged impossible
    await expect(page.getByTestId('tt-mfu').textContent()).resolves.toContain('227%');
    await expect(page.getByTestId('tt-warning-mfu-above-peak').textContent()).resolves.toMatch(/^An MFU of 227% is impossible/);
    expect(await page.locator('#training-time-calculator').textContent()).not.toMatch(/NaN|Infinity/);
  });

  test('training memory: 212 GB per GPU by default, 14.6 GB with ZeRO-3 and full recompute; the link restores it', async ({ open }) => {
    const page = await open('training/');
    await hydrate(page, '#tm-D');
    // 16·6,738,415,616 + 32·4096·4096·(34 + 160) = 107,814,649,856 + 104,152,956,928 = 211,967,606,784 B
    await expect(page.getByTestId('tm-total').textContent()).resolves.toContain('211,967,606,784 B');
    await expect(page.locator('#training-memory-calculator svg.chart').count()).resolves.toBe(1);
    await page.selectOption('#tm-zero', '3');
    await page.selectOption('#tm-recompute', 'full');
    // 107,814,649,856 / 8 + 32 · 2·4096·4096 = 13,476,831,232 + 1,073,741,824 = 14,550,573,056 B
    await expect(page.getByTestId('tm-total').textContent()).resolves.toContain('14,550,573,056 B');
    await restores(open, await urlWith(page, 'tm.zero=3', 'tm.recompute=full'), { 'tm.recompute': 'full' }, { 'tm-total': '14,550,573,056 B' });
    await page.fill('#tm-t', '3');
    await expect(page.locator('#tm-t-error').textContent()).resolves.toContain('must divide the 32 attention heads');
    await page.selectOption('#tm-model', 'custom');
    await page.fill('#tm-config', '{"model_type": "llama"');
    await expect(page.locator('#tm-config-error').textContent()).resolves.toContain('not valid JSON');
    expect(await page.locator('#training-memory-calculator').textContent()).not.toMatch(/NaN|Infinity/);
  });

  test('training memory: the default says it does not fit an A800 as the CUDA runtime sees it (85.0 GB), with the scenario’s warning', async ({ open }) => {
    const page = await open('training/');
    await hydrate(page, '#tm-D');
    // 81,050 MiB = 84,986,691,584 B = 85.0 GB = 79.2 GiB
    await expect(page.getByTestId('tm-capacity').textContent()).resolves.toBe('85.0 GBdoes not fit: 79.2 GiB as the CUDA runtime reports it');
    await expect(page.getByTestId('tm-warning-training-memory-does-not-fit').textContent()).resolves.toBe(
      'Each GPU needs 212 GB (model states 108 GB, activations 104 GB) but has 85.0 GB: shard more (ZeRO, TP, PP) or recompute activations.',
    );
  });

  test('a hostile link is refused field by field in both calculators, a config with hidden_size 1e300 by its box, with the defaults and no console error', async ({
    open,
  }) => {
    const config = encodeURIComponent(
      '{"model_type":"llama","hidden_size":1e300,"num_hidden_layers":32,"num_attention_heads":32,"intermediate_size":11008,"vocab_size":32000}',
    );
    const query = [
      'tt.n=1e300',
      'tt.D=NaN',
      'tt.gpu=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
      `tt.S=${'5'.repeat(10_000)}`,
      'tm.b=1e300',
      'tm.t=0',
      'tm.zero=%7B%22a%22%3A1%7D',
      'tm.model=custom',
      `tm.config=${config}`,
    ].join('&');
    const page = await open(`training/?${query}`);
    await hydrate(page, '#tt-n');
    for (const field of ['n', 'D', 'gpu', 'S']) await expect.poll(() => page.locator(`#tt-${field}-error`).count(), { message: `tt.${field}` }).toBe(1);
    // The defaults: 6 · 70,553,706,496 · 15e12 / (16,384 · 989.4e12 · 0.4) = 979,304 s = 11.3 days
    await expect(page.getByTestId('tt-time').textContent()).resolves.toContain('11.3 days');
    await hydrate(page, '#tm-D');
    for (const field of ['b', 't', 'zero', 'config']) await expect.poll(() => page.locator(`#tm-${field}-error`).count(), { message: `tm.${field}` }).toBe(1);
    await expect(page.locator('#tm-config-error').textContent()).resolves.toMatch(/^config\.json: hidden_size must be a whole number from 1 to 10,000,000/);
    await expect(page.locator('#tm-config-error').isVisible()).resolves.toBe(true);
    // The defaults: 211,967,606,784 B for Llama 2 7B
    await expect(page.getByTestId('tm-total').textContent()).resolves.toContain('211,967,606,784 B');
    await expect(page.locator('.calculator img').count()).resolves.toBe(0);
  });

  test('Copy Markdown from the training-memory calculator names the layout and opens, in a fresh context, on the same 14.6 GB', async ({ open }) => {
    const page = await open('training/', { clipboard: true });
    await hydrate(page, '#tm-D');
    await page.selectOption('#tm-zero', '3');
    await page.selectOption('#tm-recompute', 'full');
    // 107,814,649,856 / 8 + 32 · 2·4096·4096 = 14,550,573,056 B
    await expect(page.getByTestId('tm-total').textContent()).resolves.toContain('14,550,573,056 B');
    const md = await copyMarkdown(page, '#training-memory-calculator');
    expect(md).toContain('Llama 2 7B, b = 1, s = 4,096 on NVIDIA A800 SXM4 80GB');
    expect(md).toContain('ZeRO-3, recomputation full');
    const link = linkOf(md);
    expect(link).toMatch(/#training-memory-calculator$/);
    await restores(open, link, { 'tm.recompute': 'full' }, { 'tm-total': '14,550,573,056 B' });
  });
});
