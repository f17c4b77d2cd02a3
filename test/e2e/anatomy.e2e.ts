import { describe } from 'vitest';
import { FORMULAS } from '../../src/core/registry';
import { expect, hydrate, hydrateAll, restores, test, urlWith } from './fixture';

describe('anatomy chapter', () => {
  test('renders its math and an anchor for every formula registered on the page', async ({ open }) => {
    const page = await open('anatomy/');
    expect(await page.locator('.katex').count()).toBeGreaterThan(10);
    for (const f of FORMULAS.filter((x) => x.page === 'anatomy')) {
      expect(await page.locator(`#${f.anchor}`).count(), f.id).toBe(1);
    }
    // Build-time prose: GPT-2's embedding is V·H = 50,257·768 = 38,597,376 parameters.
    expect(await page.locator('article').textContent()).toContain('38,597,376');
    await hydrateAll(page);
  });

  test('shape tracer: prefill shrinks the logits to [B, 1, V], 2·1·1·768·50,257 = 77.2 MFLOPs, and the link restores it', async ({ open }) => {
    const page = await open('anatomy/');
    await hydrate(page, '#trace-pass');
    // Training default: 2·1·1024·768·50,257 = 79,047,426,048 FLOPs in the head
    await expect(page.getByTestId('trace-lmHead').textContent()).resolves.toContain('79.0 GFLOPs');
    await page.selectOption('#trace-pass', 'prefill');
    await expect(page.getByTestId('trace-lmHead').textContent()).resolves.toContain('77.2 MFLOPs');
    await restores(open, await urlWith(page, 'trace.pass=prefill'), { 'trace.pass': 'prefill' }, { 'trace-lmHead': '77.2 MFLOPs' });
  });

  test('shape tracer: Llama 2 7B has 6,738,415,616 parameters; a bad config paste shows the parser message', async ({ open }) => {
    const page = await open('anatomy/');
    await hydrate(page, '#trace-model');
    await page.selectOption('#trace-model', 'llama-2-7b');
    await expect(page.getByTestId('trace-params').textContent()).resolves.toContain('6,738,415,616');
    await page.selectOption('#trace-model', 'custom');
    await page.fill('#trace-config', '{"model_type": "llama",');
    await expect(page.locator('#trace-config-error').textContent()).resolves.toContain('not valid JSON');
    expect(await page.locator('#shape-tracer').textContent()).not.toMatch(/NaN|Infinity/);
  });

  test('shape tracer: /anatomy/?trace.S=1e160 puts the bound by the S field, keeps the default trace, and logs no console error', async ({ open }) => {
    const page = await open('anatomy/?trace.S=1e160');
    await hydrate(page, '#trace-S');
    await expect.poll(() => page.locator('#trace-S-error').textContent()).toContain('Sequence length S must be a whole number from 1 to 1,000,000,000');
    // The default trace, marked stale: the head's 2·1·1024·768·50,257 = 79.0 GFLOPs.
    await expect(page.getByTestId('trace-lmHead').textContent()).resolves.toContain('79.0 GFLOPs');
    await expect(page.locator('#shape-tracer .stale-note').isVisible()).resolves.toBe(true);
    const widths = await page.locator('#shape-tracer svg rect').evaluateAll((rects) => rects.map((r) => r.getAttribute('width')));
    expect(widths.length).toBeGreaterThan(0);
    for (const w of widths) expect(Number.isFinite(Number(w)), `width="${w}"`).toBe(true);
    await page.fill('#trace-S', '2048');
    // 2·1·2048·768·50,257 = 158,094,852,096 FLOPs in the head
    await expect(page.getByTestId('trace-lmHead').textContent()).resolves.toContain('158 GFLOPs');
  });
});
