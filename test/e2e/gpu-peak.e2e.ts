import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { FORMULAS } from '../../src/core/registry';
import { hydrate, launchBrowser, openPage } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('gpu-peak chapter', () => {
  it('renders its math and an anchor for every formula registered on the page', async () => {
    const { page, consoleErrors } = await openPage(browser, baseUrl);
    await page.goto(`${baseUrl}gpu-peak/`);
    expect(await page.locator('.katex').count()).toBeGreaterThan(20);
    for (const f of FORMULAS.filter((x) => x.page === 'gpu-peak')) {
      expect(await page.locator(`#${f.anchor}`).count(), f.id).toBe(1);
    }
    // A800: 512·4·108·1.41e9 = 311,869,440,000,000 FLOP/s, rendered at build time.
    await expect(page.locator('section.derivation[data-formula="gpu.peakFlops"] .result').textContent()).resolves.toContain('311.9 TFLOP/s');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('peak calculator: 100 SMs → 512·4·100·1.41 GHz = 288.8 TFLOP/s, and the link restores it', async () => {
    const { page, consoleErrors } = await openPage(browser, baseUrl);
    await page.goto(`${baseUrl}gpu-peak/`);
    await hydrate(page, '#peak-n');
    await expect(page.getByTestId('peak-derived').textContent()).resolves.toContain('311.9 TFLOP/s');
    await page.fill('#peak-n', '100');
    // 512·4·100·1.41e9 = 288,768,000,000,000 FLOP/s
    await expect(page.getByTestId('peak-derived').textContent()).resolves.toContain('288.8 TFLOP/s');
    expect(page.url()).toContain('peak.n=100');
    const fresh = await openPage(browser, baseUrl);
    await fresh.page.goto(page.url());
    await hydrate(fresh.page, '#peak-n');
    await fresh.page.waitForFunction(() => (document.querySelector('#peak-n') as HTMLInputElement).value === '100');
    await expect(fresh.page.getByTestId('peak-derived').textContent()).resolves.toContain('288.8 TFLOP/s');
    await page.fill('#peak-t', '0');
    await expect(page.locator('#peak-t-error').textContent()).resolves.toContain('whole number of at least 1');
    expect(await page.locator('#peak-flops-calculator').textContent()).not.toMatch(/NaN|Infinity/);
    expect(consoleErrors).toEqual([]);
    expect(fresh.consoleErrors).toEqual([]);
    await fresh.page.context().close();
    await page.context().close();
  });

  it('comparison: picking a GPU fills the peak calculator; M = 4096 is compute-bound on the A800 and survives a reload', async () => {
    const { page, consoleErrors } = await openPage(browser, baseUrl);
    await page.goto(`${baseUrl}gpu-peak/`);
    await hydrate(page, '#peak-gpu');
    await page.selectOption('#peak-gpu', 'h100-sxm');
    // 1024·4·132·1.83e9 = 989,429,760,000,000 FLOP/s
    await expect(page.getByTestId('peak-derived').textContent()).resolves.toContain('989.4 TFLOP/s');
    await hydrate(page, '#cmp-M');
    // [1,8192]@[8192,8192] bf16 on an A800: 0.99976·2.039e12 = 2.04 TFLOP/s
    await expect(page.getByTestId('cmp-gpu-1').textContent()).resolves.toContain('2.04 TFLOP/s');
    await page.fill('#cmp-M', '4096');
    // intensity 2,048 FLOP/B > ridge 153 → 312 TFLOP/s
    await expect(page.getByTestId('cmp-gpu-1').textContent()).resolves.toContain('compute-bound');
    expect(await page.locator('#gpu-comparison-calculator svg.chart path').count()).toBeGreaterThanOrEqual(3);
    await page.reload();
    await hydrate(page, '#cmp-M');
    await page.waitForFunction(() => (document.querySelector('#cmp-M') as HTMLInputElement).value === '4096');
    await expect(page.getByTestId('cmp-gpu-1').textContent()).resolves.toContain('312 TFLOP/s');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
