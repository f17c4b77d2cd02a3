import { describe } from 'vitest';
import { FORMULAS } from '../../src/core/registry';
import { badSvgAttributes, clippedChartText, copyMarkdown, expect, hydrate, hydrateAll, linkOf, restores, test, waitForValue, urlWith } from './fixture';

describe('gpu-peak chapter', () => {
  test('renders its math and an anchor for every formula registered on the page', async ({ open }) => {
    const page = await open('gpu-peak/');
    expect(await page.locator('.katex').count()).toBeGreaterThan(20);
    for (const f of FORMULAS.filter((x) => x.page === 'gpu-peak')) {
      expect(await page.locator(`#${f.anchor}`).count(), f.id).toBe(1);
    }
    // A800: 512·4·108·1.41e9 = 311,869,440,000,000 FLOP/s, rendered at build time.
    await expect(page.locator('section.derivation[data-formula="gpu.peakFlops"] .result').textContent()).resolves.toContain('311.9 TFLOP/s');
    await hydrateAll(page);
  });

  test('peak calculator: 100 SMs → 512·4·100·1.41 GHz = 288.8 TFLOP/s, and the link restores it', async ({ open }) => {
    const page = await open('gpu-peak/');
    await hydrate(page, '#peak-n');
    await expect(page.getByTestId('peak-derived').textContent()).resolves.toContain('311.9 TFLOP/s');
    await page.fill('#peak-n', '100');
    // 512·4·100·1.41e9 = 288,768,000,000,000 FLOP/s
    await expect(page.getByTestId('peak-derived').textContent()).resolves.toContain('288.8 TFLOP/s');
    await restores(open, await urlWith(page, 'peak.n=100'), { 'peak.n': '100' }, { 'peak-derived': '288.8 TFLOP/s' });
    await page.fill('#peak-t', '0');
    await expect(page.locator('#peak-t-error').textContent()).resolves.toContain('must be a whole number from 1 to 10,000,000');
    expect(await page.locator('#peak-flops-calculator').textContent()).not.toMatch(/NaN|Infinity/);
  });

  test('comparison: picking a GPU fills the peak calculator; M = 4096 is compute-bound on the A800 and survives a reload', async ({ open }) => {
    const page = await open('gpu-peak/');
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
    await waitForValue(page, '#cmp-M', '4096');
    await expect(page.getByTestId('cmp-gpu-1').textContent()).resolves.toContain('312 TFLOP/s');
  });

  test('a hostile link is refused field by field in both calculators, with the defaults kept, nothing injected and no console error', async ({ open }) => {
    const query = [
      'peak.n=1e300',
      'peak.clock=NaN',
      'peak.t=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
      `peak.f=${'9'.repeat(10_000)}`,
      'peak.gpu=nope',
      'cmp.M=1e300',
      'cmp.K=-1',
      'cmp.gpuB=%3Cscript%3E',
      'cmp.dtype=%7B%22a%22%3A1%7D',
    ].join('&');
    const page = await open(`gpu-peak/?${query}`);
    await hydrate(page, '#peak-n');
    for (const field of ['n', 'clock', 't', 'f', 'gpu'])
      await expect.poll(() => page.locator(`#peak-${field}-error`).count(), { message: `peak.${field}` }).toBe(1);
    await expect(page.locator('#peak-n-error').textContent()).resolves.toMatch(/^SMs must be a whole number from 1 to 10,000,000/);
    // The defaults: 512·4·108·1.41e9 = 311.9 TFLOP/s, marked stale
    await expect(page.getByTestId('peak-derived').textContent()).resolves.toContain('311.9 TFLOP/s');
    await expect(page.locator('#peak-flops-calculator .stale-note').isVisible()).resolves.toBe(true);
    await hydrate(page, '#cmp-M');
    for (const field of ['M', 'K', 'gpuB', 'dtype']) await expect.poll(() => page.locator(`#cmp-${field}-error`).count(), { message: `cmp.${field}` }).toBe(1);
    // [1,8192]@[8192,8192] bf16 on the A800: 2.04 TFLOP/s
    await expect(page.getByTestId('cmp-gpu-1').textContent()).resolves.toContain('2.04 TFLOP/s');
    await expect(
      page.locator('img[src="x"], script:not([src]):not([type])').evaluateAll((els) => els.filter((e) => e.closest('.calculator')).length),
    ).resolves.toBe(0);
    await expect(badSvgAttributes(page, '#gpu-comparison-calculator')).resolves.toEqual([]);
  });

  test('the roofline of the largest shape the bounds allow (M = K = N = 1e12) has only finite coordinates', async ({ open }) => {
    const page = await open('gpu-peak/?cmp.M=1e12&cmp.K=1e12&cmp.N=1e12');
    await hydrate(page, '#cmp-M');
    await waitForValue(page, '#cmp-M', '1e12');
    await expect(page.getByTestId('cmp-gpu-1').textContent()).resolves.toContain('compute-bound');
    await expect(page.locator('#gpu-comparison-calculator svg.chart path').count()).resolves.toBeGreaterThanOrEqual(3);
    await expect(badSvgAttributes(page, '#gpu-comparison-calculator')).resolves.toEqual([]);
  });

  test('Copy Markdown from the peak calculator names the hardware and opens, in a fresh context, on the calculator with 288.8 TFLOP/s', async ({ open }) => {
    const page = await open('gpu-peak/', { clipboard: true });
    await hydrate(page, '#peak-n');
    await page.fill('#peak-n', '100');
    // 512·4·100·1.41e9 = 288,768,000,000,000 FLOP/s
    await expect(page.getByTestId('peak-derived').textContent()).resolves.toContain('288.8 TFLOP/s');
    const md = await copyMarkdown(page, '#peak-flops-calculator');
    expect(md).toContain('custom hardware: 100 SMs × 4 tensor cores × 512 FLOPs per clock × 1.410 GHz, dense bf16');
    const link = linkOf(md);
    expect(link).toMatch(/#peak-flops-calculator$/);
    const fresh = await restores(open, link, { 'peak.n': '100' }, { 'peak-derived': '288.8 TFLOP/s' });
    await expect(fresh.page.evaluate(() => window.location.hash)).resolves.toBe('#peak-flops-calculator');
  });

  test('the roofline keeps its tick labels inside the chart at 1366 and 390 px, and the page never scrolls sideways', async ({ open }) => {
    for (const width of [1366, 390]) {
      const page = await open('gpu-peak/', { viewport: { width, height: 844 } });
      await hydrate(page, '#cmp-M');
      expect(await clippedChartText(page, '#gpu-comparison-calculator'), `clipped roofline text at ${width} px`).toEqual([]);
      await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
    }
  });
});
