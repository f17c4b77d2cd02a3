/**
 * Every built page, checked in Chromium. One load per page runs every desktop check on it
 * (./pageChecks.ts: status, heading, clean console, islands hydrate, JS and CLS budgets, KaTeX
 * fonts, axe in both themes), then, widened to 1366 px on the same load, its course figure's wide
 * layout (./figureChecks.ts) and, on a chapter, its equations and problems (./problemChecks.ts).
 * The Chinese pages get the same in zh.e2e.ts (the two files run side by side); every page's
 * phone checks run on one load at 390 px in phones.e2e.ts.
 * On the base-path build (`npm run test:base`, SITE_BASE set) this file and zh.e2e.ts check every
 * page for what a base path can break: the page, its heading, its assets and every island's code
 * load from under the base with no console error or failed request.
 */
import { afterAll, describe } from 'vitest';
import { expect, test as it } from './fixture';
import { builtPages } from './site';
import { axeViolations, budgetTable, checkPage, isChapter, katexProblems, measured } from './pageChecks';
import { checkFigure, figureOn } from './figureChecks';
import { checkProblems } from './problemChecks';

const BASE_RUN = (process.env['SITE_BASE'] ?? '/') !== '/';
const pages = builtPages();
/** The English pages and 404.html; zh.e2e.ts runs the same checks on the Chinese pages, in the base-path run too. */
const here = pages.filter((p) => !p.path.startsWith('zh/'));
/** The laptop width the figures and problems are checked at, after the budgets' 1280 px load. */
export const LAPTOP = { width: 1366, height: 900 };

afterAll(() => {
  if (measured.length > 0) console.log(budgetTable());
});

describe('every built page', () => {
  it('includes the home page, the notation page and the tensors chapter', () => {
    const paths = pages.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['', 'notation/', 'tensors/', '404.html']));
    expect(pages.filter((p) => isChapter(p.path)).length, 'chapter pages').toBeGreaterThan(0);
  });

  it.for(here.map((p) => [p.path || '/', p] as const))(
    BASE_RUN
      ? '%s renders under the base path, its islands hydrate, no console error, no off-site request'
      : '%s renders, hydrates with no console error or off-site request, stays within its JS and CLS budgets, has no axe violation (WCAG 2.1 A/AA) in the light and the dark theme; at 1366 px, its figure and (chapters) its equations and problems',
    { timeout: 150_000 },
    async ([, built], { open }) => {
      const page = await checkPage(open, built, BASE_RUN ? { only: 'render' } : {});
      if (BASE_RUN) return;
      await page.setViewportSize(LAPTOP);
      const figure = figureOn(built.path);
      if (figure) await checkFigure(page, figure, 'wide');
      if (isChapter(built.path)) await checkProblems(page, built.path.replace(/\/$/, ''), LAPTOP);
    },
  );

  it('pages without islands ship no JavaScript file, only the language switch’s inline lines', () => {
    for (const built of pages) {
      if (built.html.includes('<astro-island')) continue;
      const scripts = [...built.html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      // No module or file; the one inline script keeps the reader's anchor and query across the switch (pageChecks.ts weighs it).
      expect(
        scripts.filter((m) => /\bsrc=/.test(m[1] ?? '')).map((m) => m[0].slice(0, 80)),
        built.path,
      ).toEqual([]);
      expect(
        scripts.filter((m) => !(m[2] ?? '').includes('tbn-lang')).map((m) => m[0].slice(0, 80)),
        built.path,
      ).toEqual([]);
    }
  });
});

// axe runs with KaTeX's drawing spans set aside, checked by katexProblems instead: it must catch
// what axe would (a span's own colour, a formula too faint for its background), and put the
// spans back.
describe.skipIf(BASE_RUN)('the KaTeX check that stands in for axe on the drawing spans', () => {
  it('finds a coloured span and a faint formula, and axe leaves the page as it found it', async ({ open }) => {
    const page = await open('tensors/');
    const before = await page.evaluate(() => document.querySelectorAll('.katex-html *').length);
    expect(before).toBeGreaterThan(100);
    expect(await katexProblems(page)).toEqual([]);
    expect(await axeViolations(page, 'light')).toEqual([]);
    expect(await page.evaluate(() => document.querySelectorAll('.katex-html *').length)).toBe(before);
    await page.evaluate(() => {
      const [first, second] = document.querySelectorAll('.katex');
      (first!.querySelector('.katex-html .mord') as HTMLElement).style.color = 'rgb(200, 0, 0)';
      (second as HTMLElement).style.color = 'rgb(235, 235, 235)';
    });
    const problems = await katexProblems(page);
    expect(problems.some((p) => p.includes('a span coloured rgb(200, 0, 0)'))).toBe(true);
    expect(problems.some((p) => /contrast 1\.\d+:1/.test(p))).toBe(true);
  });
});
