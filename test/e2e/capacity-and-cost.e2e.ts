import { describe } from 'vitest';
import { copyMarkdown, expect, hydrate, hydrateAll, expectText, linkOf, restores, test as it, textOf, urlWith } from './fixture';
import { FORMULAS } from '../../src/core/registry';

describe('capacity and cost chapter', () => {
  it('renders its math and the anchor of every capacity formula, with no console error', async ({ open }) => {
    const page = await open('capacity-and-cost/');
    await expect(page.locator('.katex').count()).resolves.toBeGreaterThan(40);
    for (const f of FORMULAS.filter((x) => x.page === 'capacity-and-cost')) {
      await expect(page.locator(`[id="${f.anchor}"]`).count(), f.anchor).resolves.toBe(1);
    }
    // ⌈50 / 4.747⌉ = 11 replicas of Llama 3 70B on 4 × H100 (test/core/reverse.test.ts)
    await expect(page.locator('section.derivation[data-formula="capacity.replicas"] .result').textContent()).resolves.toContain('11');
    // 16,384 · 54 · 24 / 419 = 50,677 GPU-hours per interruption
    await expect(page.locator('section.derivation[data-formula="capacity.gpuMtbf"] .result').textContent()).resolves.toContain('50.7k h');
    // Every island hydrates without a console error (checked when the test ends).
    await expect(hydrateAll(page)).resolves.toBeGreaterThan(0);
  });

  it('capacity planner: 44 H100s for 50 requests/s; a fixed degree of 8 gives 48; the link restores it', async ({ open }) => {
    const page = await open('capacity-and-cost/');
    await hydrate(page, '#cap-lambda');
    await expectText(page, 'cap-gpus', '4411 replicas × 4 GPUs');
    await page.selectOption('#cap-tp', '8');
    // 50 / 9.03 requests/s per 8-GPU replica = 5.5 → 6 replicas, 48 GPUs
    await expectText(page, 'cap-gpus', '486 replicas × 8 GPUs');
    await page.fill('#cap-lambda', '100');
    // 100 / 9.03 = 11.1 → 12 replicas, 96 GPUs
    await expectText(page, 'cap-gpus', '9612 replicas × 8 GPUs');
    // The URL follows the result (it is written after the inputs settle): wait for it.
    const link = await urlWith(page, 'cap.tp=8', 'cap.lambda=100');
    const fresh = await restores(open, link, { 'cap.tp': '8', 'cap.lambda': '100' }, { 'cap-gpus': '9612 replicas × 8 GPUs' });
    expect(fresh.results['cap-gpus']).toBe('9612 replicas × 8 GPUs');
    expect(await page.locator('#capacity-planner').textContent()).not.toMatch(/NaN|Infinity/);
  });

  it('capacity planner: Copy Markdown names the setup and opens, in a fresh context, on the planner with the same numbers', async ({ open }) => {
    const page = await open('capacity-and-cost/', { clipboard: true });
    await hydrate(page, '#cap-lambda');
    await page.fill('#cap-lambda', '20');
    // 20 / 4.747 = 4.2 → 5 replicas of 4 H100s
    await expectText(page, 'cap-gpus', '205 replicas × 4 GPUs');
    const md = await copyMarkdown(page, '#capacity-planner');
    expect(md).toContain(String.raw`Llama 3 70B \(bf16\) on NVIDIA H100 SXM5 80GB, 20.0 requests/s`);
    const link = linkOf(md);
    expect(link).toMatch(/#capacity-planner$/);
    const fresh = await restores(open, link, { 'cap.lambda': '20' }, { 'cap-gpus': '205 replicas × 4 GPUs' });
    expect(fresh.results['cap-gpus']).toBe('205 replicas × 4 GPUs');
  });

  it('hostile links are refused by field on all three calculators, with the defaults kept and no console error', async ({ open }) => {
    const page = await open(`capacity-and-cost/?cap.lambda=1e300&cap.tp=%3Cimg%20src%3Dx%3E&cpt.B=-1&cpt.price=Infinity&tb.C=1e999&tb.fit=kaplan&tb.n=0`);
    await hydrate(page, '#cap-lambda');
    await expect(page.locator('#cap-lambda-error').textContent()).resolves.toBe('Arrival rate (requests/s) must be at most 1,000,000,000');
    await expect(page.locator('#cap-tp-error').textContent()).resolves.toContain('is not one of the choices');
    await expectText(page, 'cap-gpus', '4411 replicas × 4 GPUs');
    await hydrate(page, '#cpt-B');
    await expect(page.locator('#cpt-B-error').textContent()).resolves.toMatch(/^Requests in flight B must be a whole number from 1/);
    await expect(page.locator('#cpt-price-error').count()).resolves.toBe(1);
    await hydrate(page, '#tb-n');
    await expect(page.locator('#tb-C-error').count()).resolves.toBe(1);
    await expect(page.locator('#tb-fit-error').textContent()).resolves.toBe('Loss fit: "kaplan" is not one of the choices');
    await expect(page.locator('#tb-n-error').textContent()).resolves.toMatch(/^GPUs must be a whole number from 1/);
    await expect.poll(() => textOf(page, 'tb-time')).toMatch(/^7\.14 days/);
    expect(await page.locator('img[src="x"]').count()).toBe(0);
  });

  it('cost per token and training budget respond: $4/GPU-h doubles the bill; a $1M budget buys 712 ZFLOPs', async ({ open }) => {
    const page = await open('capacity-and-cost/');
    await hydrate(page, '#cpt-price');
    // one 4-GPU replica: 4 · $2 · 730 = $5,840 a month; at $4, $11,680
    await expectText(page, 'cpt-usd-month', '$5.84k');
    await page.fill('#cpt-price', '4');
    await expectText(page, 'cpt-usd-month', '$11.7k');
    await hydrate(page, '#tb-budget');
    await page.selectOption('#tb-budget', 'usd');
    await page.fill('#tb-usd', '1000000');
    // 1e6 / $2 · 3600 · 989.4e12 · 0.4 = 7.12e23 FLOPs
    await expect.poll(() => textOf(page, 'tb-flops')).toMatch(/^712 ZFLOPs/);
    // a core error by its field: failures faster than restarts
    await page.locator('#training-budget-calculator summary', { hasText: 'Checkpoints and failures' }).click();
    await page.fill('#tb-mtbf', '100');
    await expect(page.locator('#tb-mtbf-error').textContent()).resolves.toContain('the run never finishes');
    expect(await page.locator('#training-budget-calculator').textContent()).not.toMatch(/NaN|Infinity/);
  });

  it('no display equation is wider than its box at 1366 px', async ({ open }) => {
    const page = await open('capacity-and-cost/', { viewport: { width: 1366, height: 900 } });
    const wide = await page.evaluate(() =>
      [...document.querySelectorAll('.derivation .katex-display')]
        .filter((e) => e.scrollWidth > e.clientWidth + 1)
        .map((e) => e.closest('section')?.getAttribute('data-formula')),
    );
    expect(wide).toEqual([]);
  });
});

describe('capstone page', () => {
  it('renders five problems with their solutions behind their controls, math rendered, no console error', async ({ open }) => {
    const page = await open('capstone/');
    await expect(page.locator('h1').textContent()).resolves.toBe('Capstone problems');
    await expect(page.locator('section.problem').count()).resolves.toBe(5);
    for (const id of ['serve-llama-3-70b-at-50-qps', 'train-for-1e24-flops', 'long-documents', 'what-fp8-buys', 'failures-at-llama-3-scale']) {
      await expect(page.locator(`#problem-${id}`).count(), id).resolves.toBe(1);
    }
    await expect(page.locator('.katex').count()).resolves.toBeGreaterThan(5);
    // the first answer: 11 replicas of 4 H100s, 44 GPUs (test/core/capstone.test.ts)
    const text = await page.locator('#problem-serve-llama-3-70b-at-50-qps').evaluate((el) => el.closest('article')?.textContent ?? '');
    expect(text).toContain('11 replicas × 4 = 44 GPUs');
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
    // no islands: the page ships no JavaScript of its own
    await expect(page.locator('astro-island').count()).resolves.toBe(0);
  });
});
