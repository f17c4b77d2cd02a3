/**
 * The cheat sheet: every registered formula by chapter, rendered as math, each link landing on
 * a rendered derivation; the worked cases' numbers; two A4 pages when printed (axe: the per-page checks in pages.e2e.ts and zh.e2e.ts).
 */
import { describe } from 'vitest';
import { FORMULAS } from '../../src/core/registry';
import { runCase } from '../../src/core/cases/run';
import { CASES_ZH } from '../../src/core/i18n/casesZh';
import { translator } from '../../src/core/i18n/translate';
import { expect, test as it } from './fixture';
import { builtPages } from './site';

const pages = builtPages();

/** Pages of a PDF: its page objects, `/Type /Page` not followed by `s` (the `/Type /Pages` tree nodes). */
function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g) ?? []).length;
}

describe('cheat sheet', () => {
  it('lists every registered formula once, as rendered math, grouped by chapter', async ({ open }) => {
    const page = await open('cheatsheet/');
    await expect(page.locator('h1').textContent()).resolves.toBe('Cheat sheet');
    const listed = await page.locator('.cs-entry[data-formula]').evaluateAll((els) => els.map((e) => e.getAttribute('data-formula')));
    expect([...listed].sort()).toEqual(FORMULAS.map((f) => f.id).sort());
    // Each entry is KaTeX, not source text.
    await expect(page.locator('.cs-entry[data-formula] .katex').count()).resolves.toBe(FORMULAS.length);
    await expect(page.locator('.cheatsheet').textContent()).resolves.not.toMatch(/NaN|Infinity|\\frac|undefined/);
    // Grouped by chapter, in reading order.
    const chapters = await page.locator('.cs-chapter').evaluateAll((els) => els.map((e) => e.getAttribute('data-chapter')));
    expect(chapters[0]).toBe('tensors');
    expect(new Set(chapters).size).toBe(chapters.length);
  });

  it('links each entry to a derivation rendered on its page', () => {
    const built = pages.find((p) => p.path === 'cheatsheet/')!;
    const links = [...built.html.matchAll(/<a class="cs-link[^"]*" href="([^"#]*)#([^"]+)"/g)].map((m) => ({ path: m[1]!, anchor: m[2]! }));
    expect(links.length).toBeGreaterThan(FORMULAS.length / 2);
    for (const { path, anchor } of links) {
      const target = pages.find((p) => path.endsWith(`/${p.path}`) && p.path !== '');
      expect(target, `${path} is a built page`).toBeTruthy();
      expect(target!.html.includes(`id="${anchor}"`), `${path}#${anchor} exists`).toBe(true);
    }
  });

  it('shows the worked cases’ numbers as the core computes them', async ({ open }) => {
    const page = await open('cheatsheet/');
    // runCase is the core's answer; the page must show each step's formatted result (Llama 2 7B: 6,738,415,616 parameters).
    for (const id of ['llama2-7b-params', 'llama2-70b-concurrency', 'llama2-70b-ttft', 'llama3-70b-mfu']) {
      const text = await page.locator(`.cs-entry[data-case="${id}"]`).textContent();
      for (const step of runCase(id).steps) expect(text, `${id}: ${step.id}`).toContain(step.formatted);
    }
    await expect(page.locator('.cs-entry[data-case="llama2-7b-params"]').textContent()).resolves.toContain('6,738,415,616');
  });

  it('the Chinese sheet names the worked cases and their steps in Chinese, with the same numbers', async ({ open }) => {
    const page = await open('zh/cheatsheet/');
    const zh = translator(CASES_ZH);
    for (const id of ['llama2-7b-params', 'llama2-70b-concurrency', 'llama2-70b-ttft', 'llama3-70b-mfu']) {
      const c = runCase(id);
      const text = (await page.locator(`.cs-entry[data-case="${id}"]`).textContent()) ?? '';
      expect(text, id).toContain(zh(c.title));
      expect(text, id).not.toContain(c.title);
      for (const step of c.steps) {
        expect(text, `${id}: ${step.id}`).toContain(zh(step.title));
        expect(text, `${id}: ${step.id}`).toContain(step.formatted);
      }
    }
    // Llama 2 7B's exact count and its closed form's step, in the chapter's words.
    await expect(page.locator('.cs-entry[data-case="llama2-7b-params"]').textContent()).resolves.toMatch(
      /Llama 2 7B：7B 是怎么来的？[\s\S]*精确计数：Llama 式模型的闭式[\s\S]*6,738,415,616/,
    );
  });

  it('prints on at most two A4 pages, links shown as their anchors', async ({ open }) => {
    const page = await open('cheatsheet/');
    await page.emulateMedia({ media: 'print' });
    await expect(page.locator('.site-header').isVisible()).resolves.toBe(false);
    const after = await page
      .locator('.cs-entry a.cs-link')
      .first()
      .evaluate((a) => getComputedStyle(a, '::after').content);
    expect(after).not.toBe('none');
    const pdf = await page.pdf({ format: 'A4', printBackground: false, preferCSSPageSize: true });
    const count = pdfPageCount(pdf);
    expect(count).toBeGreaterThanOrEqual(1);
    expect(count).toBeLessThanOrEqual(2);
  });

  it('the Chinese sheet prints on at most two A4 pages too', async ({ open }) => {
    const page = await open('zh/cheatsheet/');
    await page.emulateMedia({ media: 'print' });
    const count = pdfPageCount(await page.pdf({ format: 'A4', printBackground: false, preferCSSPageSize: true }));
    expect(count).toBeGreaterThanOrEqual(1);
    expect(count).toBeLessThanOrEqual(2);
  });

  it('is usable at 390 px: no sideways scroll of the page', async ({ open }) => {
    const page = await open('cheatsheet/', { viewport: { width: 390, height: 844 } });
    const width = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
    expect(width.scroll).toBeLessThanOrEqual(width.client);
  });
  // axe in both themes: the per-page checks of pages.e2e.ts and zh.e2e.ts, on the same desktop load.
});
