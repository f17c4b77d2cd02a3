import { describe } from 'vitest';
import { copyMarkdown, expect, hydrate, hydrateAll, linkOf, restores, test, urlWith } from './fixture';

describe('parallelism chapter', () => {
  test('renders its math and every derivation anchor', async ({ open }) => {
    const page = await open('parallelism/');
    await expect(page.locator('h1').first().textContent()).resolves.toContain('Parallelism');
    expect(await page.locator('.katex').count()).toBeGreaterThan(20);
    for (const id of [
      'pipeline-bubble',
      'data-parallel-all-reduce',
      'tensor-parallel-comm',
      'expert-all-to-all',
      'pipeline-p2p',
      'context-parallel-comm',
      'world-size',
      'flops-per-gpu',
      'step-time',
    ]) {
      expect(await page.locator(`[id="${id}"]`).count(), id).toBe(1);
    }
    // (4 − 1) / (8 + 4 − 1) = 3/11 = 27.3%
    await expect(page.locator('section.derivation[data-formula="parallel.pipelineBubble"] .result').textContent()).resolves.toContain('27.3%');
    await hydrateAll(page);
  });

  test('planner: ZeRO 1 → 3 cuts Llama 3 70B from 36.8 GB to 28.3 GB per GPU, and a link restores it', async ({ open }) => {
    const page = await open('parallelism/');
    await hydrate(page, '#pp-tp');
    // states 9,646,014,560 B + activations 27,200,061,440 B = 36,846,076,000 B
    await expect(page.getByTestId('pp-memory').textContent()).resolves.toContain('36.8 GB');
    await expect(page.getByTestId('pp-bubble').textContent()).resolves.toContain('15.8%');
    // ZeRO is folded with the rarer choices (context and expert parallelism, recomputation): open them as a reader would.
    await page.locator('details.calc-advanced:has(#pp-zero) > summary').click();
    await page.selectOption('#pp-zero', '3');
    // states 16 · 2,204,803,328 / 32 = 1,102,401,664 B; + 27,200,061,440 B = 28,302,463,104 B
    await expect(page.getByTestId('pp-memory').textContent()).resolves.toContain('28.3 GB');
    await restores(open, await urlWith(page, 'pp.zero=3'), { 'pp.zero': '3' }, { 'pp-memory': '28.3 GB' });
  });

  test('planner: a TP that does not divide the heads is reported next to TP, never NaN', async ({ open }) => {
    const page = await open('parallelism/');
    await hydrate(page, '#pp-tp');
    await page.fill('#pp-tp', '3');
    await expect(page.locator('#pp-tp-error').textContent()).resolves.toContain('must divide the 64 attention heads');
    await page.fill('#pp-tp', '8');
    await page.fill('#pp-dp', '16');
    await expect(page.locator('#pp-dp-error').textContent()).resolves.toContain('DP must be 32');
    expect(await page.locator('#parallelism-planner').textContent()).not.toMatch(/NaN|Infinity/);
  });

  test('planner: a hostile link (pp.inter=1e-320 among it) is refused field by field, never a silent dash, with the defaults and no console error', async ({
    open,
  }) => {
    const query = [
      'pp.inter=1e-320',
      'pp.gpus=1e300',
      'pp.tp=NaN',
      'pp.model=%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E',
      `pp.seq=${'3'.repeat(10_000)}`,
      'pp.zero=%7B%22a%22%3A1%7D',
    ].join('&');
    const page = await open(`parallelism/?${query}`);
    await hydrate(page, '#pp-tp');
    for (const field of ['inter', 'gpus', 'tp', 'model', 'seq', 'zero'])
      await expect.poll(() => page.locator(`#pp-${field}-error`).count(), { message: `pp.${field}` }).toBe(1);
    await expect(page.locator('#pp-inter-error').textContent()).resolves.toBe(
      'Inter-node bandwidth per GPU (B/s): "1e-320" is too close to zero to compute with (non-zero values must be at least 1e-300 in size)',
    );
    // The defaults: 9,646,014,560 + 27,200,061,440 = 36,846,076,000 B per GPU
    await expect(page.getByTestId('pp-memory').textContent()).resolves.toContain('36.8 GB');
    const results = await page.locator('#parallelism-planner .results').textContent();
    expect(results).not.toMatch(/—|NaN|Infinity/);
    await expect(page.locator('#parallelism-planner .stale-note').isVisible()).resolves.toBe(true);
    await expect(page.locator('#parallelism-planner img').count()).resolves.toBe(0);
  });

  test('planner: fewer micro-batches than stages and a layout that does not fit are flagged (m = 2, b = 8)', async ({ open }) => {
    const page = await open('parallelism/?pp.microBatches=2&pp.microBatch=8');
    await hydrate(page, '#pp-tp');
    // (4 − 1)/(2 + 4 − 1) = 60.0%
    await expect.poll(() => page.getByTestId('pp-bubble').textContent()).toBe('60.0%');
    await expect(page.getByTestId('pp-warning-fewer-micro-batches-than-stages').textContent()).resolves.toBe(
      '2 micro-batches for 4 pipeline stages leave the pipeline mostly idle (bubble 60.0%).',
    );
    // 2 of 4 micro-batches in flight: 20 layers · 2 · 8 · 340,000,768 B = 108,800,245,760 B of activations + 9,646,014,560 B of states
    await expect(page.getByTestId('pp-fits').textContent()).resolves.toBe('no');
    await expect(page.getByTestId('pp-warning-training-memory-does-not-fit').isVisible()).resolves.toBe(true);
  });

  test('planner: Copy Markdown names the model and the layout and opens, in a fresh context, on the same 28.3 GB', async ({ open }) => {
    const page = await open('parallelism/', { clipboard: true });
    await hydrate(page, '#pp-tp');
    // ZeRO is folded with the rarer choices (context and expert parallelism, recomputation): open them as a reader would.
    await page.locator('details.calc-advanced:has(#pp-zero) > summary').click();
    await page.selectOption('#pp-zero', '3');
    // 1,102,401,664 + 27,200,061,440 = 28,302,463,104 B
    await expect(page.getByTestId('pp-memory').textContent()).resolves.toContain('28.3 GB');
    const md = await copyMarkdown(page, '#parallelism-planner');
    expect(md).toContain('Llama 3 70B on 1,024 × NVIDIA H100 SXM5 80GB: DP 32 · TP 8 · PP 4 · CP 1 · EP 1, ZeRO 3, selective recomputation');
    const link = linkOf(md);
    expect(link).toMatch(/#parallelism-planner$/);
    await restores(open, link, { 'pp.zero': '3' }, { 'pp-memory': '28.3 GB' });
  });
});
