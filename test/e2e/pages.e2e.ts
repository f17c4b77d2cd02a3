import { describe } from 'vitest';
import { expect, hydrateAll, test as it, watchOf } from './fixture';
import { builtPages } from './site';
import { CHAPTERS } from '../../src/core/chapters';

const pages = builtPages();

describe('every built page', () => {
  it('includes the home page, the notation page and the tensors chapter', () => {
    const paths = pages.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['', 'notation/', 'tensors/', '404.html']));
  });

  it.for(pages.map((p) => [p.path || '/', p] as const))('%s renders with no console error and no off-site request', async ([, built], { open }) => {
    const page = await open(built.path);
    if (built.path !== '404.html') expect(watchOf(page).response?.status()).toBe(200);
    await expect(page.locator('h1').first().textContent()).resolves.toBeTruthy();
    // Every client:visible island hydrates and loads its code; the fixture fails the test on any console error or off-site request.
    await hydrateAll(page);
  });
});

describe('phones', () => {
  it.for(pages.map((p) => [p.path || '/', p] as const))('%s fits a 390 px wide screen: nothing scrolls sideways', async ([, built], { open }) => {
    const page = await open(built.path, { viewport: { width: 390, height: 844 } });
    await hydrateAll(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

describe('chapter pages', () => {
  const chapterPages = pages.filter((p) => CHAPTERS.some((c) => `${c.slug}/` === p.path));
  it.for(chapterPages.map((p) => [p.path, p] as const))('%s has rendered math and ships KaTeX fonts locally', async ([, built], { open }) => {
    expect(built.html).toContain('class="katex"');
    expect(built.html).not.toMatch(/class="katex-error"/);
    const page = await open(built.path);
    const fontsLoaded = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.family.startsWith('KaTeX') && f.status === 'loaded').length;
    });
    expect(fontsLoaded).toBeGreaterThan(0);
  });

  it('pages without islands ship no JavaScript file, only the language switch’s inline lines', () => {
    for (const built of pages) {
      if (built.html.includes('<astro-island')) continue;
      const scripts = [...built.html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      // No module or file; the one inline script keeps the reader's anchor and query across the switch (budgets.e2e.ts weighs it).
      expect(scripts.filter((m) => /\bsrc=/.test(m[1] ?? '')).map((m) => m[0].slice(0, 80)), built.path).toEqual([]);
      expect(scripts.filter((m) => !(m[2] ?? '').includes('tbn-lang')).map((m) => m[0].slice(0, 80)), built.path).toEqual([]);
    }
  });
});
