import { describe } from 'vitest';
import { clippedChartText, copyMarkdown, expect, hydrate, hydrateAll, linkOf, restores, test, waitForValue, urlWith } from './fixture';

describe('mfu-and-latency chapter', () => {
  test('renders its math and every derivation anchor', async ({ open }) => {
    const page = await open('mfu-and-latency/');
    await expect(page.locator('h1').first().textContent()).resolves.toContain('MFU and latency');
    expect(await page.locator('.katex').count()).toBeGreaterThan(20);
    for (const id of [
      'mfu',
      'mfu-from-gpu-hours',
      'hfu',
      'inference-ceiling',
      'prefill-flops',
      'prefill-latency',
      'decode-latency',
      'all-reduce-time',
      'tensor-parallel-comm-time',
      'decode-critical-batch',
      'decode-throughput',
      'kv-per-request',
      'kv-budget',
      'max-concurrency',
      'serving-activations',
    ]) {
      expect(await page.locator(`[id="${id}"]`).count(), id).toBe(1);
    }
    // Llama 3 70B, 6N with N = 70e9: 4.2e11 · 15e12 / (6.4e6 · 3600 · 989e12) = 27.6%
    await expect(page.locator('section.derivation[data-formula="mfu.fromGpuHours"] .result').textContent()).resolves.toContain('27.6%');
    await hydrateAll(page);
  });

  test('MFU calculator: 6.4M → 3.2M GPU-hours doubles Llama 3 70B MFU from 27.9% to 55.7%, and a link restores it', async ({ open }) => {
    const page = await open('mfu-and-latency/');
    await hydrate(page, '#mfu-gpuHours');
    // 6 · 70,553,706,496 · 15e12 / (6.4e6 · 3600 · 989.4e12) = 0.27855
    await expect(page.getByTestId('mfu-result').textContent()).resolves.toContain('27.9%');
    await page.fill('#mfu-gpuHours', '3.2e6');
    await expect(page.getByTestId('mfu-result').textContent()).resolves.toContain('55.7%');
    await restores(open, await urlWith(page, 'mfu.gpuHours=3.2e6'), { 'mfu.gpuHours': '3.2e6' }, { 'mfu-result': '55.7%' });
  });

  test('MFU calculator: 15T tokens in 1M H100-hours would be 178% MFU: shown with a warning that names the inputs to check, no console error', async ({
    open,
  }) => {
    const page = await open('mfu-and-latency/?mfu.gpuHours=1M');
    await hydrate(page, '#mfu-gpuHours');
    await waitForValue(page, '#mfu-gpuHours', '1M');
    // 423,322,238,976 · 15e12 / (1e6 · 3600 · 989.4e12) = 1.7827
    await expect(page.getByTestId('mfu-result').textContent()).resolves.toBe('178%');
    await expect(page.getByTestId('mfu-warning-mfu-above-peak').textContent()).resolves.toMatch(
      /^An MFU of 178% is impossible: .*the GPU-hours and the token count\.$/,
    );
    await expect(page.getByTestId('mfu-warning-mfu-above-peak').isVisible()).resolves.toBe(true);
  });

  test('MFU calculator: a hostile link is refused field by field (a field the direction hides included), with the defaults kept and no console error', async ({
    open,
  }) => {
    const query = [
      'mfu.gpuHours=1e300',
      'mfu.tokens=NaN',
      'mfu.model=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
      `mfu.throughput=${'8'.repeat(10_000)}`,
      'mfu.dtype=%7B%22a%22%3A1%7D',
    ].join('&');
    const page = await open(`mfu-and-latency/?${query}`);
    await hydrate(page, '#mfu-gpuHours');
    for (const field of ['gpuHours', 'tokens', 'model', 'throughput', 'dtype']) {
      await expect.poll(() => page.locator(`#mfu-${field}-error`).count(), { message: `mfu.${field}` }).toBe(1);
      await expect(page.locator(`#mfu-${field}-error`).isVisible(), `mfu.${field} visible`).resolves.toBe(true);
    }
    await expect(page.locator('#mfu-gpuHours-error').textContent()).resolves.toMatch(/^GPU-hours G must be a number from 0\.000001 to 1,000,000,000,000/);
    // The defaults: 27.9% for Llama 3 70B, 15T tokens, 6.4M H100-hours
    await expect(page.getByTestId('mfu-result').textContent()).resolves.toBe('27.9%');
    await expect(page.locator('#mfu-calculator img').count()).resolves.toBe(0);
  });

  test('MFU calculator: Copy Markdown names the model and the run and opens, in a fresh context, on the calculator with 55.7%', async ({ open }) => {
    const page = await open('mfu-and-latency/', { clipboard: true });
    await hydrate(page, '#mfu-gpuHours');
    await page.fill('#mfu-gpuHours', '3.2M');
    // 0.27855 × 2 = 0.55711
    await expect(page.getByTestId('mfu-result').textContent()).resolves.toBe('55.7%');
    const md = await copyMarkdown(page, '#mfu-calculator');
    expect(md).toContain('Llama 3 70B, 15.0T tokens in 3.20M GPU-h of NVIDIA H100 SXM5 80GB, dense bf16 peak, counting 6N');
    const link = linkOf(md);
    expect(link).toMatch(/#mfu-calculator$/);
    const fresh = await restores(open, link, { 'mfu.gpuHours': '3.2M' }, { 'mfu-result': '55.7%' });
    expect(fresh.results['mfu-result']).toBe('55.7%');
  });

  test('latency calculator: 16 → 1 request cuts TTFT from 6.53 s to 415 ms, and a link restores it', async ({ open }) => {
    const page = await open('mfu-and-latency/');
    await hydrate(page, '#lat-batch');
    // The scenario engine's answer: compute 4.556 + elementwise 0.130 + all-reduces 1.837 + fixed 0.006 = 6.528 s
    await expect(page.getByTestId('lat-ttft').textContent()).resolves.toContain('6.53 s');
    await expect(page.getByTestId('lat-decode-bound').textContent()).resolves.toContain('memory-bound');
    expect(await page.locator('#inference-latency-calculator svg.chart').count()).toBe(2);
    await page.fill('#lat-batch', '1');
    // compute 0.28475 + elementwise 0.00812 + all-reduces 0.11629 + fixed 0.00592 = 0.415 s
    await expect(page.getByTestId('lat-ttft').textContent()).resolves.toContain('415 ms');
    await restores(open, await urlWith(page, 'lat.batch=1'), { 'lat.batch': '1' }, { 'lat-ttft': '415 ms' });
    await page.fill('#lat-input', 'abc');
    await expect(page.locator('#lat-input-error').textContent()).resolves.toContain('is not a number');
    expect(await page.locator('#inference-latency-calculator').textContent()).not.toMatch(/NaN|Infinity/);
  });

  test('latency calculator: a hostile link is refused field by field, with the defaults kept and no console error', async ({ open }) => {
    const page = await open(
      `mfu-and-latency/?lat.gpus=1e300&lat.batch=NaN&lat.model=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E&lat.ec=2&lat.tlayer=-1&lat.output=${'7'.repeat(10_000)}`,
    );
    await hydrate(page, '#lat-gpus');
    await page.waitForSelector('#lat-gpus-error');
    await expect(page.locator('#lat-gpus-error').textContent()).resolves.toContain('must be a whole number from 1 to 10,000,000');
    await expect(page.locator('#lat-batch-error').textContent()).resolves.toContain('is not a finite number');
    await expect(page.locator('#lat-model-error').textContent()).resolves.toContain('is not one of the choices');
    await expect(page.locator('#lat-ec-error').textContent()).resolves.toContain('must be a number from 0.001 to 1');
    await expect(page.locator('#lat-tlayer-error').textContent()).resolves.toContain('must be a number from 0');
    await expect(page.locator('#lat-output-error').textContent()).resolves.toContain('10,000 characters');
    await expect(page.getByTestId('lat-ttft').textContent()).resolves.toContain('6.53 s');
    await expect(page.locator('#inference-latency-calculator img').count()).resolves.toBe(0);
  });

  test('latency calculator: the charts keep their ticks inside the plot, the sweep table scrolls in its own box on a phone', async ({ open }) => {
    for (const width of [1366, 390]) {
      const page = await open('mfu-and-latency/', { viewport: { width, height: 844 } });
      await hydrate(page, '#lat-batch');
      // Every tick label lies within its SVG's box (the roofline's 1 M tick was cut at "1000000").
      expect(await clippedChartText(page, '#inference-latency-calculator'), `clipped chart text at ${width} px`).toEqual([]);
      // The page never scrolls sideways; the sweep table may, inside its own box.
      await expect(page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).resolves.toBe(true);
      await expect(page.locator('#inference-latency-calculator .table-scroll [data-testid="lat-sweep"]').count()).resolves.toBe(1);
      // Its title sits outside the scroll box, so it is never cut; the box itself stays inside the viewport.
      const box = await page.locator('#inference-latency-calculator .table-scroll').boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(width);
      await expect(page.locator('#lat-sweep-title').isVisible()).resolves.toBe(true);
    }
  });

  test('on a phone (390 × 844) each calculator shows its first result within 450 px of its top, light and dark, English and Chinese', async ({ open }) => {
    for (const path of ['mfu-and-latency/', 'zh/mfu-and-latency/']) {
      for (const colorScheme of ['light', 'dark'] as const) {
        const page = await open(path, { viewport: { width: 390, height: 844 }, colorScheme });
        await hydrateAll(page);
        for (const anchor of ['inference-latency-calculator', 'mfu-calculator']) {
          const distance = await page.evaluate((id) => {
            const calc = document.getElementById(id)!;
            const first = calc.querySelector('.results')!;
            return first.getBoundingClientRect().top - calc.getBoundingClientRect().top;
          }, anchor);
          console.info(`${path} ${colorScheme} ${anchor}: first result ${Math.round(distance)} px below the calculator's top`);
          // 682 px (latency) and 609 px (MFU) before the inputs sat two to a row and the weight dtype joined the folded group.
          expect(distance, `${path} ${anchor}`).toBeLessThanOrEqual(450);
        }
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      }
    }
  });
});
