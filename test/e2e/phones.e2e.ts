/**
 * Every built page at a phone's width (390 × 844), English and Chinese, on ONE load each. What
 * used to take up to five loads of a chapter (one per test file) runs on the same page, in this
 * order:
 * 1. a chapter, before its islands hydrate, in the light and then the dark theme: the title starts
 *    within the first 450 px, the header is one row, the chapter list hides behind the menu and
 *    the open menu stays on the screen (issue 13);
 * 2. every island hydrated: nothing scrolls sideways;
 * 3. a page with a course figure: the narrow layout, its geometry and axe on it in both themes
 *    (./figureChecks.ts);
 * 4. an English chapter: no equation hides its result, and its problems (./problemChecks.ts; it
 *    ends by following a link to the deepest problem, so it runs last).
 * The desktop checks of each page run on its desktop load: pages.e2e.ts and zh.e2e.ts.
 */
import { describe } from 'vitest';
import type { Page } from 'playwright-core';
import { CHAPTERS } from '../../src/core/chapters';
import { expect, hydrateAll, test as it } from './fixture';
import { builtPages } from './site';
import { FIGURES, figureOn, checkFigure } from './figureChecks';
import { checkProblems } from './problemChecks';

const PHONE = { width: 390, height: 844 };
const pages = builtPages().filter((p) => !p.path.startsWith('zh/') || p.path.endsWith('/'));
const slugOf = (path: string) => CHAPTERS.find((c) => `${c.slug}/` === path.replace(/^zh\//, ''))?.slug;

/** Step 1: the first screen of a chapter on a phone, in the colour scheme the page is in. */
async function checkFirstScreen(page: Page, where: string): Promise<void> {
  const h1Top = await page
    .locator('h1')
    .first()
    .evaluate((h) => h.getBoundingClientRect().top);
  expect(h1Top, `${where}: the title's top`).toBeLessThanOrEqual(450);
  // The header is one row: no taller than 80 px.
  const header = await page.locator('.site-header').evaluate((h) => h.getBoundingClientRect().height);
  expect(header, `${where}: the header's height`).toBeLessThanOrEqual(80);
  // No chapter link is visible until the menu opens; then every written chapter is.
  const visibleChapterLinks = () => page.locator('.chapter-nav a:visible, .site-menu .menu-panel a:visible').count();
  await expect(visibleChapterLinks(), `${where}: chapter links shown before the menu opens`).resolves.toBe(0);
  const menu = page.locator('.site-menu > summary');
  await menu.click();
  await expect(page.locator('.site-menu .menu-panel a[href$="/tensors/"]').isVisible(), `${where}: the open menu lists chapter 1`).resolves.toBe(true);
  // The open menu stays on the screen.
  const panel = await page.locator('.site-menu .menu-panel').evaluate((p) => {
    const r = p.getBoundingClientRect();
    return { left: r.left, right: r.right };
  });
  expect(panel.left, where).toBeGreaterThanOrEqual(0);
  expect(panel.right, where).toBeLessThanOrEqual(PHONE.width);
  // Closed again, the page is as it loaded.
  await menu.click();
  await expect(visibleChapterLinks(), `${where}: the menu closes`).resolves.toBe(0);
}

describe('phones (390 × 844): one load per page', () => {
  it('checks every figure on its page', () => {
    // A figure added to a page must be added to figureChecks.ts's list (else nothing measures it).
    const withFigures = builtPages()
      .filter((p) => /<figure[^>]*\bid="fig-/.test(p.html))
      .map((p) => p.path);
    expect(withFigures.sort()).toEqual(FIGURES.map((f) => f.path).sort());
  });

  it.for(pages.map((p) => [p.path || '/', p] as const))(
    '%s: first screen and menu (chapters), nothing scrolls sideways, figures (narrow layout, axe in both themes), equations and problems (English chapters)',
    { timeout: 150_000 },
    async ([name, built], { open }) => {
      const page = await open(built.path, { viewport: PHONE });
      const slug = slugOf(built.path);
      // 1.
      if (slug) {
        for (const colorScheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme });
          await checkFirstScreen(page, `${name} (${colorScheme})`);
        }
        await page.emulateMedia({ colorScheme: 'light' });
      }
      // 2.
      await hydrateAll(page);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${name}: sideways scroll at 390 px`).toBeLessThanOrEqual(0);
      // 3.
      const figure = figureOn(built.path);
      if (figure) await checkFigure(page, figure, 'narrow', { axe: true });
      // 4.
      if (slug && !built.path.startsWith('zh/')) await checkProblems(page, slug, PHONE);
    },
  );
});
