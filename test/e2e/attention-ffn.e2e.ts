import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
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

describe('attention-ffn chapter', () => {
  it('renders its math and the anchor of every formula of the page, with no console error', async () => {
    const { page, consoleErrors } = await openPage(browser, baseUrl);
    await page.goto(`${baseUrl}attention-ffn/`);
    await expect(page.locator('.katex').count()).resolves.toBeGreaterThan(20);
    const ids = FORMULAS.filter((x) => x.page === 'attention-ffn');
    expect(ids.length).toBeGreaterThanOrEqual(14);
    for (const f of ids) await expect(page.locator(`[id="${f.anchor}"]`).count(), f.anchor).resolves.toBe(1);
    // 12·4096² = 201,326,592 params
    await expect(page.locator('section[data-formula="params.layerApprox"] .result').textContent()).resolves.toContain('201,326,592');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState('networkidle');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('layer cost: 423 GFLOPs for a Llama 2 7B layer; h_kv = 8 gives 371,523,059,712 FLOPs; the link restores it', async () => {
    const { page, consoleErrors } = await openPage(browser, baseUrl);
    await page.goto(`${baseUrl}attention-ffn/`);
    await hydrate(page, '#lc-hKv');
    // 8·1024·4096² + 4·4096·524,800 + 6·1024·4096·11008 = 137,438,953,472 + 8,598,323,200 + 277,025,390,592
    await expect(page.getByTestId('lc-flops').textContent()).resolves.toContain('423,062,667,264 FLOPs');
    await expect(page.locator('#layer-cost-calculator svg.chart').count()).resolves.toBe(2);
    await page.fill('#lc-hKv', '8');
    // K, V: 2·1024·4096·1024 each → 85,899,345,920 + 8,598,323,200 + 277,025,390,592
    await expect(page.getByTestId('lc-flops').textContent()).resolves.toContain('371,523,059,712 FLOPs');
    // 2·4096² + 2·4096·1024 + 3·4096·11008 + 2·4096
    await expect(page.getByTestId('lc-params').textContent()).resolves.toContain('177,217,536');
    expect(page.url()).toContain('lc.hKv=8');
    const fresh = await openPage(browser, baseUrl);
    await fresh.page.goto(page.url());
    await hydrate(fresh.page, '#lc-hKv');
    await fresh.page.waitForFunction(() => (document.querySelector('#lc-hKv') as HTMLInputElement).value === '8');
    await expect(fresh.page.getByTestId('lc-flops').textContent()).resolves.toContain('371,523,059,712 FLOPs');
    expect(consoleErrors).toEqual([]);
    expect(fresh.consoleErrors).toEqual([]);
    await fresh.page.context().close();
    await page.context().close();
  });

  it('layer cost: picking BLOOM 7B1 fills the shape (201,379,840 params); bad input shows a message, never NaN', async () => {
    const { page, consoleErrors } = await openPage(browser, baseUrl);
    await page.goto(`${baseUrl}attention-ffn/`);
    await hydrate(page, '#lc-model');
    await page.selectOption('#lc-model', 'bloom-7b1');
    // 12·4096² + 36,864 bias + 16,384 LayerNorm
    await expect(page.getByTestId('lc-params').textContent()).resolves.toContain('201,379,840');
    await page.fill('#lc-hKv', '5');
    await expect(page.locator('#lc-hKv-error').textContent()).resolves.toContain('must divide');
    await page.selectOption('#lc-model', 'custom');
    await page.fill('#lc-config', '{"model_type": "llama"}');
    await expect(page.locator('#lc-config-error').textContent()).resolves.toContain('config.json');
    const text = await page.locator('#layer-cost-calculator').textContent();
    expect(text).not.toMatch(/NaN|Infinity/);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
