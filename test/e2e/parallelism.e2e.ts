import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hydrate, launchBrowser, openPage } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('parallelism chapter', () => {
  it('renders its math and every derivation anchor', async () => {
    const { page, consoleErrors } = await openPage(browser, baseUrl);
    await page.goto(`${baseUrl}parallelism/`);
    await expect(page.locator('h1').first().textContent()).resolves.toContain('Parallelism');
    expect(await page.locator('.katex').count()).toBeGreaterThan(20);
    for (const id of ['pipeline-bubble', 'data-parallel-all-reduce', 'tensor-parallel-comm', 'expert-all-to-all', 'pipeline-p2p', 'context-parallel-comm', 'world-size', 'flops-per-gpu', 'step-time']) {
      expect(await page.locator(`[id="${id}"]`).count(), id).toBe(1);
    }
    // (4 − 1) / (8 + 4 − 1) = 3/11 = 27.3%
    await expect(page.locator('section.derivation[data-formula="parallel.pipelineBubble"] .result').textContent()).resolves.toContain('27.3%');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('planner: ZeRO 1 → 3 cuts Llama 3 70B from 36.8 GB to 28.3 GB per GPU, and a link restores it', async () => {
    const { page, consoleErrors } = await openPage(browser, baseUrl);
    await page.goto(`${baseUrl}parallelism/`);
    await hydrate(page, '#pp-tp');
    // states 9,646,014,560 B + activations 27,200,061,440 B = 36,846,076,000 B
    await expect(page.getByTestId('pp-memory').textContent()).resolves.toContain('36.8 GB');
    await expect(page.getByTestId('pp-bubble').textContent()).resolves.toContain('15.8%');
    await page.selectOption('#pp-zero', '3');
    // states 16 · 2,204,803,328 / 32 = 1,102,401,664 B; + 27,200,061,440 B = 28,302,463,104 B
    await expect(page.getByTestId('pp-memory').textContent()).resolves.toContain('28.3 GB');
    expect(page.url()).toContain('pp.zero=3');
    const fresh = await openPage(browser, baseUrl);
    await fresh.page.goto(page.url());
    await hydrate(fresh.page, '#pp-tp');
    await fresh.page.waitForFunction(() => (document.querySelector('#pp-zero') as HTMLSelectElement).value === '3');
    await expect(fresh.page.getByTestId('pp-memory').textContent()).resolves.toContain('28.3 GB');
    expect(consoleErrors).toEqual([]);
    expect(fresh.consoleErrors).toEqual([]);
    await fresh.page.context().close();
    await page.context().close();
  });

  it('planner: a TP that does not divide the heads is reported next to TP, never NaN', async () => {
    const { page, consoleErrors } = await openPage(browser, baseUrl);
    await page.goto(`${baseUrl}parallelism/`);
    await hydrate(page, '#pp-tp');
    await page.fill('#pp-tp', '3');
    await expect(page.locator('#pp-tp-error').textContent()).resolves.toContain('must divide the 64 attention heads');
    await page.fill('#pp-tp', '8');
    await page.fill('#pp-dp', '16');
    await expect(page.locator('#pp-dp-error').textContent()).resolves.toContain('DP must be 32');
    expect(await page.locator('#parallelism-planner').textContent()).not.toMatch(/NaN|Infinity/);
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });
});
