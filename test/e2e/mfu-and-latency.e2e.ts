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

describe('mfu-and-latency chapter', () => {
  it('renders its math and every derivation anchor', async () => {
    const { page, consoleErrors } = await openPage(browser, baseUrl);
    await page.goto(`${baseUrl}mfu-and-latency/`);
    await expect(page.locator('h1').first().textContent()).resolves.toContain('MFU and latency');
    expect(await page.locator('.katex').count()).toBeGreaterThan(20);
    for (const id of ['mfu', 'mfu-from-gpu-hours', 'hfu', 'inference-ceiling', 'prefill-flops', 'prefill-latency', 'decode-latency', 'all-reduce-time', 'tensor-parallel-comm-time', 'decode-critical-batch', 'decode-throughput', 'kv-per-request', 'kv-budget', 'max-concurrency', 'serving-activations']) {
      expect(await page.locator(`[id="${id}"]`).count(), id).toBe(1);
    }
    // Llama 3 70B, 6N with N = 70e9: 4.2e11 · 15e12 / (6.4e6 · 3600 · 989e12) = 27.6%
    await expect(page.locator('section.derivation[data-formula="mfu.fromGpuHours"] .result').textContent()).resolves.toContain('27.6%');
    expect(consoleErrors).toEqual([]);
    await page.context().close();
  });

  it('MFU calculator: 6.4M → 3.2M GPU-hours doubles Llama 3 70B MFU from 27.9% to 55.7%, and a link restores it', async () => {
    const { page, consoleErrors } = await openPage(browser, baseUrl);
    await page.goto(`${baseUrl}mfu-and-latency/`);
    await hydrate(page, '#mfu-gpuHours');
    // 6 · 70,553,706,496 · 15e12 / (6.4e6 · 3600 · 989.4e12) = 0.27855
    await expect(page.getByTestId('mfu-result').textContent()).resolves.toContain('27.9%');
    await page.fill('#mfu-gpuHours', '3.2e6');
    await expect(page.getByTestId('mfu-result').textContent()).resolves.toContain('55.7%');
    expect(page.url()).toContain('mfu.gpuHours=3.2e6');
    const fresh = await openPage(browser, baseUrl);
    await fresh.page.goto(page.url());
    await hydrate(fresh.page, '#mfu-gpuHours');
    await fresh.page.waitForFunction(() => (document.querySelector('#mfu-gpuHours') as HTMLInputElement).value === '3.2e6');
    await expect(fresh.page.getByTestId('mfu-result').textContent()).resolves.toContain('55.7%');
    expect(consoleErrors).toEqual([]);
    expect(fresh.consoleErrors).toEqual([]);
    await fresh.page.context().close();
    await page.context().close();
  });

  it('latency calculator: 16 → 1 request cuts TTFT from 6.59 s to 412 ms, and a link restores it', async () => {
    const { page, consoleErrors } = await openPage(browser, baseUrl);
    await page.goto(`${baseUrl}mfu-and-latency/`);
    await hydrate(page, '#lat-batch');
    // 9.5001e15 FLOPs / (8 · 312e12 · 0.8) + 1.835 s of all-reduces = 6.593 s
    await expect(page.getByTestId('lat-ttft').textContent()).resolves.toContain('6.59 s');
    await expect(page.getByTestId('lat-decode-bound').textContent()).resolves.toContain('memory-bound');
    expect(await page.locator('#inference-latency-calculator svg.chart').count()).toBe(2);
    await page.fill('#lat-batch', '1');
    // 4000 · 148,439,056,384 / 1.9968e15 + 0.1147 s = 0.412 s
    await expect(page.getByTestId('lat-ttft').textContent()).resolves.toContain('412 ms');
    expect(page.url()).toContain('lat.batch=1');
    const fresh = await openPage(browser, baseUrl);
    await fresh.page.goto(page.url());
    await hydrate(fresh.page, '#lat-batch');
    await fresh.page.waitForFunction(() => (document.querySelector('#lat-batch') as HTMLInputElement).value === '1');
    await expect(fresh.page.getByTestId('lat-ttft').textContent()).resolves.toContain('412 ms');
    await page.fill('#lat-input', 'abc');
    await expect(page.locator('#lat-input-error').textContent()).resolves.toContain('is not a number');
    expect(await page.locator('#inference-latency-calculator').textContent()).not.toMatch(/NaN|Infinity/);
    expect(consoleErrors).toEqual([]);
    expect(fresh.consoleErrors).toEqual([]);
    await fresh.page.context().close();
    await page.context().close();
  });
});
