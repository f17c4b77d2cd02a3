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

describe('training chapter', () => {
  it('renders its math and the anchor of every training formula, with no console error', async () => {
    const { page, consoleErrors } = await openPage(browser, baseUrl);
    await page.goto(`${baseUrl}training/`);
    await expect(page.locator('.katex').count()).resolves.toBeGreaterThan(20);
    for (const f of FORMULAS.filter((x) => x.page === 'training')) {
      await expect(page.locator(`[id="${f.anchor}"]`).count(), f.anchor).resolves.toBe(1);
    }
    // 6 · 6,738,415,616 = 40,430,493,696 FLOPs → "40.4 GFLOPs"
    await expect(page.locator('section.derivation[data-formula="training.flopsPerToken"] .result').textContent()).resolves.toContain('40.4 GFLOPs');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState('networkidle');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('training time: 11.3 days at 40% MFU; 30 days imply 15.1%; the link restores it', async () => {
    const { page, consoleErrors } = await openPage(browser, baseUrl);
    await page.goto(`${baseUrl}training/`);
    await hydrate(page, '#tt-n');
    // 6 · 70,553,706,496 · 15e12 / (16,384 · 989e12 · 0.4) = 979,701 s = 11.34 days
    await expect(page.getByTestId('tt-time').textContent()).resolves.toContain('11.3 days');
    await page.selectOption('#tt-solve', 'mfu');
    await page.fill('#tt-days', '30');
    // 6.34983e24 / (16,384 · 989e12 · 2,592,000 s) = 15.1%
    await expect(page.getByTestId('tt-mfu').textContent()).resolves.toContain('15.1%');
    expect(page.url()).toContain('tt.solve=mfu');
    const fresh = await openPage(browser, baseUrl);
    await fresh.page.goto(page.url());
    await hydrate(fresh.page, '#tt-n');
    await fresh.page.waitForFunction(() => (document.querySelector('#tt-solve') as HTMLSelectElement).value === 'mfu');
    await expect(fresh.page.getByTestId('tt-mfu').textContent()).resolves.toContain('15.1%');
    await page.fill('#tt-days', '2');
    await expect(page.locator('#tt-days-error').textContent()).resolves.toContain('above 100%');
    expect(await page.locator('#training-time-calculator').textContent()).not.toMatch(/NaN|Infinity/);
    expect(consoleErrors).toEqual([]);
    expect(fresh.consoleErrors).toEqual([]);
    await fresh.page.context().close();
    await page.context().close();
  });

  it('training memory: 212 GB per GPU by default, 14.6 GB with ZeRO-3 and full recompute; the link restores it', async () => {
    const { page, consoleErrors } = await openPage(browser, baseUrl);
    await page.goto(`${baseUrl}training/`);
    await hydrate(page, '#tm-D');
    // 16·6,738,415,616 + 32·4096·4096·(34 + 160) = 107,814,649,856 + 104,152,956,928 = 211,967,606,784 B
    await expect(page.getByTestId('tm-total').textContent()).resolves.toContain('211,967,606,784 B');
    await expect(page.locator('#training-memory-calculator svg.chart').count()).resolves.toBe(1);
    await page.selectOption('#tm-zero', '3');
    await page.selectOption('#tm-recompute', 'full');
    // 107,814,649,856 / 8 + 32 · 2·4096·4096 = 13,476,831,232 + 1,073,741,824 = 14,550,573,056 B
    await expect(page.getByTestId('tm-total').textContent()).resolves.toContain('14,550,573,056 B');
    expect(page.url()).toContain('tm.zero=3');
    const fresh = await openPage(browser, baseUrl);
    await fresh.page.goto(page.url());
    await hydrate(fresh.page, '#tm-D');
    await fresh.page.waitForFunction(() => (document.querySelector('#tm-recompute') as HTMLSelectElement).value === 'full');
    await expect(fresh.page.getByTestId('tm-total').textContent()).resolves.toContain('14,550,573,056 B');
    await page.fill('#tm-t', '3');
    await expect(page.locator('#tm-t-error').textContent()).resolves.toContain('must divide the 32 attention heads');
    await page.selectOption('#tm-model', 'custom');
    await page.fill('#tm-config', '{"model_type": "llama"');
    await expect(page.locator('#tm-config-error').textContent()).resolves.toContain('not valid JSON');
    expect(await page.locator('#training-memory-calculator').textContent()).not.toMatch(/NaN|Infinity/);
    expect(consoleErrors).toEqual([]);
    expect(fresh.consoleErrors).toEqual([]);
    await fresh.page.context().close();
    await page.context().close();
  });
});
