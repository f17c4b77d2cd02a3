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

describe('memory chapter', () => {
  it('renders its math and the anchor of every memory formula', async () => {
    const { page, consoleErrors } = await openPage(browser, baseUrl);
    await page.goto(`${baseUrl}memory/`);
    await expect(page.locator('.katex').count()).resolves.toBeGreaterThan(10);
    for (const f of FORMULAS.filter((x) => x.page === 'memory')) {
      await expect(page.locator(`[id="${f.anchor}"]`).count(), f.anchor).resolves.toBe(1);
    }
    // Llama 2 70B in fp16: 68,976,648,192 × 2 B = 137,953,296,384 B → "138 GB".
    await expect(page.locator('section.derivation[data-formula="memory.weights"] .result').textContent()).resolves.toContain('138 GB');
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState('networkidle');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('KV-cache calculator: 327,680 B per token for Llama 2 70B; h_kv = 64 gives 2,621,440 B; the link restores it', async () => {
    const { page, consoleErrors } = await openPage(browser, baseUrl);
    await page.goto(`${baseUrl}memory/`);
    await hydrate(page, '#kv-hKv');
    // 2·80·8·128·2 = 327,680 B
    await expect(page.getByTestId('kv-per-token').textContent()).resolves.toContain('327,680 B');
    await page.fill('#kv-hKv', '64');
    // 2·80·64·128·2 = 2,621,440 B; × 4000 = 10,485,760,000 B
    await expect(page.getByTestId('kv-per-token').textContent()).resolves.toContain('2,621,440 B');
    await expect(page.getByTestId('kv-per-sequence').textContent()).resolves.toContain('10,485,760,000 B');
    expect(page.url()).toContain('kv.hKv=64');
    const fresh = await openPage(browser, baseUrl);
    await fresh.page.goto(page.url());
    await hydrate(fresh.page, '#kv-hKv');
    await fresh.page.waitForFunction(() => (document.querySelector('#kv-hKv') as HTMLInputElement).value === '64');
    await expect(fresh.page.getByTestId('kv-per-token').textContent()).resolves.toContain('2,621,440 B');
    expect(consoleErrors).toEqual([]);
    expect(fresh.consoleErrors).toEqual([]);
    await fresh.page.context().close();
    await page.context().close();
  });

  it('memory breakdown: 2×A800 fit 3 requests of 4,000 tokens; 8 fit 333; the link restores it; a bad paste is reported', async () => {
    const { page, consoleErrors } = await openPage(browser, baseUrl);
    await page.goto(`${baseUrl}memory/`);
    await hydrate(page, '#mem-G');
    // (2·80e9·0.9 − 137,953,296,384 − 819,328,000) / 1,310,720,000 = 3.99 → 3
    await expect(page.getByTestId('mem-fit').evaluate((el) => el.firstChild?.textContent)).resolves.toBe('3');
    await expect(page.locator('#memory-breakdown-calculator svg.chart').count()).resolves.toBe(1);
    await page.fill('#mem-G', '8');
    // (8·80e9·0.9 − 137,953,296,384 − 819,328,000) / 1,310,720,000 = 333.6 → 333
    await expect(page.getByTestId('mem-fit').evaluate((el) => el.firstChild?.textContent)).resolves.toBe('333');
    await expect(page.getByTestId('mem-verdict').textContent()).resolves.toBe('fit');
    expect(page.url()).toContain('mem.G=8');
    const fresh = await openPage(browser, baseUrl);
    await fresh.page.goto(page.url());
    await hydrate(fresh.page, '#mem-G');
    await fresh.page.waitForFunction(() => (document.querySelector('#mem-G') as HTMLInputElement).value === '8');
    await expect(fresh.page.getByTestId('mem-fit').evaluate((el) => el.firstChild?.textContent)).resolves.toBe('333');
    await page.selectOption('#mem-model', 'custom');
    await page.fill('#mem-config', '{"model_type": "llama"');
    await expect(page.locator('#mem-config-error').textContent()).resolves.toContain('not valid JSON');
    const text = await page.locator('#memory-breakdown-calculator').textContent();
    expect(text).not.toMatch(/NaN|Infinity/);
    expect(consoleErrors).toEqual([]);
    await fresh.page.context().close();
    await page.context().close();
  });
});
