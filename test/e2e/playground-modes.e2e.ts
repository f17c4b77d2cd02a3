/**
 * The playground's reverse and compare modes in a real browser: the answer and the comparison
 * from a link, a change written back to the URL and read again from it in a fresh context, a
 * link made before the modes giving the numbers it gave then, phones at 390 px, and axe on both
 * modes in both themes.
 */
import { describe } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './pageChecks';
import { expect, expectText, hydrate, restores, test as it, textOf, urlWith } from './fixture';

const cells = (page: Page, key: string) => page.getByTestId(`pgc-${key}`).locator('td').allTextContents();

describe('playground modes', () => {
  it('reverse: answers from a link, writes a new question to the URL, and the link reproduces the answer', async ({ open }) => {
    // Llama 2 70B on 8 × A800, 3,000 + 1,000 tokens, TTFT ≤ 1 s and TPOT ≤ 50 ms read on a static batch:
    // 3 requests (test/components/PlaygroundModes.test.tsx checks B = 3 and B = 4 through the forward engine).
    const page = await open('playground/?pg.mode=reverse&pg.model=llama-2-70b&pgr.ttft=1&pgr.tpot=0.05');
    await hydrate(page, '#pgr-ttft');
    await expect(page.isChecked('#pg-mode-reverse')).resolves.toBe(true);
    await expectText(page, 'pgr-answer', '3', 'headline');
    await expect(textOf(page, 'pgr-why-text')).resolves.toMatch(/^With one more request \(B = 4\), the TTFT target is missed/);
    // The batch is solved for: no B field, the training run's inputs are not asked.
    await expect(page.locator('#pg-B').count()).resolves.toBe(0);
    await expect(page.locator('#pg-D').count()).resolves.toBe(0);

    // Ask for the longest prompt of 16 requests instead: 622 tokens (the component test holds forward(622) ≤ 1 s < forward(623)).
    await page.selectOption('#pgr-solve', 'prompt');
    await expect(page.locator('#pg-B').count()).resolves.toBe(1);
    await expectText(page, 'pgr-answer', '622 tokens', 'headline');
    const url = await urlWith(page, 'pg.mode=reverse', 'pgr.solve=prompt', 'pgr.ttft=1', 'pg.model=llama-2-70b');
    const fresh = await restores(
      open,
      url,
      { 'pgr.solve': 'prompt', 'pgr.ttft': '1', 'pg.model': 'llama-2-70b' },
      { 'pgr-answer': '622 tokens', 'pgr-limit': 'the TTFT target' },
    );
    await expect(fresh.page.isChecked('#pg-mode-reverse')).resolves.toBe(true);
    const text = await fresh.page.locator('#playground-calculator').textContent();
    expect(text).not.toMatch(/NaN|Infinity/);
  });

  it('reverse: an impossible target gets its message by the field, an unreachable one a warning, never a verdict on nonsense', async ({ open }) => {
    const page = await open('playground/?pg.mode=reverse&pgr.ttft=0.01');
    await hydrate(page, '#pgr-ttft');
    await expectText(page, 'pgr-answer', 'none', 'headline');
    await expect(textOf(page, 'pgr-warning-targets-unreachable')).resolves.toMatch(/^Not even one request at a time meets the targets/);
    await page.fill('#pgr-tpot', '-1');
    await expect(page.locator('#pgr-tpot-error').textContent()).resolves.toBe('TPOT target (s) must be a number greater than 0');
    await expect(page.getAttribute('#pgr-tpot', 'aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#playground-calculator .stale-note').isVisible()).resolves.toBe(true);
    const text = await page.locator('#playground-calculator').textContent();
    expect(text).not.toMatch(/NaN|Infinity/);
  });

  it('compare: A and B from one link, the differences marked, an edit of B in the URL and reproduced by it', async ({ open }) => {
    const page = await open('playground/?pg.mode=compare&pgb.G=16&pgb.dp=16');
    await hydrate(page, '#pgb-G');
    await expectText(page, 'pgc-summary', '11 of 33 results differ between A and B (marked ≠).');
    // TTFT 629 ms on 8 GPUs, 474 ms on 16: −155 ms, −24.6 % (checked in the component test through the forward engine).
    await expect(cells(page, 'ttft')).resolves.toEqual(['629 ms', '474 ms', '−155 ms', '−24.6%']);
    await expect(page.getByTestId('pgc-ttft').getAttribute('data-differs')).resolves.toBe('true');
    await expect(page.getByTestId('pgc-params').getAttribute('data-differs')).resolves.toBe('false');
    await expect(textOf(page, 'pgb-differs-G')).resolves.toBe('≠ differs from A: 8');

    // B serves 4 requests instead of 16: KV cache of B's requests 4 × 2·32·4,000·4,096·2 B = 8,388,608,000 B = 8.39 GB
    // against A's 16 × 2,097,152,000 = 33,554,432,000 B = 33.6 GB.
    await page.fill('#pgb-B', '4');
    await expect.poll(() => cells(page, 'kv-total')).toEqual(['33.6 GB', '8.39 GB', '−25.2 GB', '−75.0%']);
    const url = await urlWith(page, 'pg.mode=compare', 'pgb.B=4', 'pgb.G=16');
    const fresh = await restores(open, url, { 'pgb.B': '4', 'pgb.G': '16', 'pg.G': '8' }, { 'pgc-summary': 'results differ between A and B' });
    await expect(cells(fresh.page, 'kv-total')).resolves.toEqual(['33.6 GB', '8.39 GB', '−25.2 GB', '−75.0%']);
    await expect(cells(fresh.page, 'ttft').then((c) => c[0])).resolves.toBe('629 ms');
  });

  it('a link made before the modes gives the numbers it gave then (forward mode, TTFT 927 ms)', async ({ open }) => {
    // Read off the playground as committed before the modes (15c0854) for this link; see PlaygroundModes.test.tsx.
    const link = 'playground/?pg.model=llama-2-70b&pg.G=4&pg.dp=4&pg.B=8&pg.Sin=2000&pg.Sout=500&pg.gpu=h100-sxm';
    const { page } = await restores(
      open,
      link,
      { 'pg.G': '4', 'pg.model': 'llama-2-70b', 'pg.gpu': 'h100-sxm' },
      { 'pg-ttft': '927 ms', 'pg-tpot': '19.6 ms', 'pg-kv-total': '6,553,600,000 B' },
    );
    await expect(page.isChecked('#pg-mode')).resolves.toBe(true);
    await expect(page.locator('#playground-calculator .stale-note').isVisible()).resolves.toBe(false);
    expect(new URL(page.url()).searchParams.has('pg.mode')).toBe(false);
  });

  it.for(['reverse', 'compare'] as const)('%s mode on a 390 px phone: no sideways scroll', async (mode, { open }) => {
    const page = await open(`playground/?pg.mode=${mode}`, { viewport: { width: 390, height: 844 } });
    await hydrate(page, '#pg-G');
    await page.getByTestId(mode === 'reverse' ? 'pgr-answer' : 'pgc-summary').waitFor();
    const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(width.scroll, `${mode}: page wider than the screen`).toBeLessThanOrEqual(width.client);
    if (mode === 'reverse') {
      // The answer comes before the scenario's inputs.
      const answerTop = await page.getByTestId('pgr-answer').evaluate((e) => e.getBoundingClientRect().top);
      const modelTop = await page.locator('#pg-model').evaluate((e) => e.getBoundingClientRect().top);
      expect(answerTop).toBeLessThan(modelTop);
    } else {
      // A skip link leads past both scenarios' inputs to the comparison.
      await page.click('.pg-skip a');
      await expect.poll(() => page.getByTestId('pgc-summary').evaluate((e) => e.getBoundingClientRect().top)).toBeLessThan(844);
    }
  });

  it.for(['reverse', 'compare'] as const)('%s mode has no axe violations in the light and the dark theme', async (mode, { open }) => {
    const page = await open(`playground/?pg.mode=${mode}&pgb.G=16&pgb.dp=16&pgr.solve=gpus`);
    await hydrate(page, '#pg-G');
    await page.getByTestId(mode === 'reverse' ? 'pgr-answer' : 'pgc-summary').waitFor();
    for (const theme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: theme });
      await expect.poll(() => page.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches)).toBe(theme === 'dark');
      expect(await axeViolations(page, theme, '#playground-calculator'), `${mode} mode in the ${theme} theme`).toEqual([]);
    }
  });
});
