/**
 * The Chinese edition in the browser (issue 15), over the built site:
 * - every /zh/ page: <html lang="zh-CN">, hreflang both ways with its English twin, math rendered,
 *   islands hydrated with no console error (the fixture), axe 0 violations in both themes, the
 *   same JavaScript budget as the English pages plus the catalogue's allowance, CLS, and nothing
 *   its figure's wide layout (one desktop load per page, ./pageChecks.ts, ./figureChecks.ts; the
 *   phone checks run on one load per page in phones.e2e.ts);
 * - the glossary links only to sections that exist;
 * - the language switch carries the anchor and the calculator's state (query) both ways and is
 *   remembered; the English home page follows a Chinese browser to /zh/ on a first visit only;
 * - Pagefind: Chinese queries land on /zh/ sections, English searches never show /zh/ pages.
 */
import { afterAll, describe } from 'vitest';
import { expect, hydrate, siteUrl, test as it, urlWith, waitForValue } from './fixture';
import { builtPages, idsIn, type BuiltPage } from './site';
import type { Page } from 'playwright-core';
import { budgetTable, checkPage, measured } from './pageChecks';
import { checkFigure, figureOn } from './figureChecks';

const BASE_RUN = (process.env['SITE_BASE'] ?? '/') !== '/';
const all = builtPages();
const byPath = new Map(all.map((p) => [p.path, p]));
const zhPages = all.filter((p) => p.path.startsWith('zh/') && p.path.endsWith('/'));
const enTwin = (p: BuiltPage) => byPath.get(p.path.slice('zh/'.length));
const alternates = (html: string) =>
  Object.fromEntries([...html.matchAll(/<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"/g)].map((m) => [m[1] as string, m[2] as string]));
const pathOf = (href: string) => new URL(href, 'http://site.invalid/').pathname;
const base = new URL(siteUrl('')).pathname;

describe('the Chinese edition: built pages', () => {
  it('has Chinese pages', () => {
    console.info(
      `built pages: ${all.filter((p) => !p.path.startsWith('zh/')).length} English, ${zhPages.length} Chinese (${zhPages.map((p) => p.path).join(' ')})`,
    );
    expect(zhPages.map((p) => p.path)).toEqual(expect.arrayContaining(['zh/', 'zh/glossary/', 'zh/search/', 'zh/tensors/']));
  });

  it.for(zhPages.map((p) => [p.path, p] as const))('%s is zh-CN, linked both ways to its English twin, with rendered math', ([path, p]) => {
    expect(p.html).toMatch(/<html lang="zh-CN"/);
    const en = enTwin(p);
    if (!en) return; // A Chinese-only page would have no twin: none exists today (the next test checks).
    expect(en.html).toMatch(/<html lang="en"/);
    const here = alternates(p.html);
    const there = alternates(en.html);
    expect(pathOf(here['zh-CN'] ?? ''), `${path}: hreflang zh-CN`).toBe(`${base}${path}`);
    expect(pathOf(here['en'] ?? ''), `${path}: hreflang en`).toBe(`${base}${en.path}`);
    expect(pathOf(here['x-default'] ?? ''), `${path}: x-default`).toBe(`${base}${en.path}`);
    expect(there, `${en.path || '/'} links back`).toEqual(here);
    // Math: KaTeX rendered at build time, never an error box; the same number of formulas as the English page.
    expect(p.html).not.toMatch(/class="katex-error"/);
    const formulas = (h: string) => (h.match(/class="katex"/g) ?? []).length;
    if (formulas(en.html) > 0) expect(formulas(p.html), `${path}: KaTeX formulas`).toBeGreaterThan(0);
  });

  it('every Chinese page has an English twin', () => {
    expect(zhPages.filter((p) => !enTwin(p)).map((p) => p.path)).toEqual([]);
  });

  it('English pages are lang="en" and name their Chinese twin only when it exists', () => {
    for (const p of all.filter((q) => !q.path.startsWith('zh/') && q.path.endsWith('/'))) {
      expect(p.html, p.path).toMatch(/<html lang="en"/);
      const zh = alternates(p.html)['zh-CN'];
      if (zh) expect(byPath.has(pathOf(zh).slice(base.length)), `${p.path || '/'} → ${zh}`).toBe(true);
      else expect(byPath.has(`zh/${p.path}`), `${p.path || '/'} has a twin but no hreflang`).toBe(false);
    }
  });

  it.for(['glossary/', 'zh/glossary/'])('%s links every term to a section that exists', (path) => {
    const p = byPath.get(path);
    expect(p, path).toBeDefined();
    const links = [...(p?.html ?? '').matchAll(/<td>\s*<a href="([^"#]+)#([^"]+)"/g)].map((m) => [m[1] as string, m[2] as string] as const);
    expect(links.length).toBeGreaterThanOrEqual(80);
    for (const [href, anchor] of links) {
      const target = byPath.get(href.slice(base.length));
      expect(target, `${path}: ${href}`).toBeDefined();
      expect(idsIn(target?.html ?? '').has(anchor), `${path}: ${href}#${anchor}`).toBe(true);
      // The Chinese glossary links to Chinese sections wherever the chapter is translated.
      if (path.startsWith('zh/') && byPath.has(`zh/${href.slice(base.length)}`)) expect(href, anchor).toMatch(/\/zh\//);
    }
  });
});

describe('the Chinese edition in the browser', () => {
  // One load per page runs every desktop check pages.e2e.ts runs on the English pages
  // (./pageChecks.ts): status, heading, clean console, islands hydrated in Chinese (lang still
  // zh-CN), the JS budget of budgetLimits.ts (the English page's plus the Chinese catalogue's
  // allowance; a page without islands ships only the language switch's inline script), CLS, KaTeX
  // fonts, axe in both themes.
  it.for(zhPages.map((p) => [p.path, p] as const))(
    '%s hydrates in Chinese with no console error, stays within its JS and CLS budgets and has no axe violation in either theme',
    { timeout: 150_000 },
    async ([, built], { open }) => {
      const page = await checkPage(open, built, BASE_RUN ? { only: 'render' } : {});
      // Its figure's wide layout at 1366 px, on the same load (the phone checks: phones.e2e.ts).
      const figure = figureOn(built.path);
      if (BASE_RUN || !figure) return;
      await page.setViewportSize({ width: 1366, height: 900 });
      await checkFigure(page, figure, 'wide');
    },
  );
});

afterAll(() => {
  if (measured.length > 0) console.log(budgetTable());
});

// The base-path run (`npm run test:base`, SITE_BASE set) shares out the pages' render checks with
// pages.e2e.ts and leaves the rest of this file to the main run.
describe.skipIf(BASE_RUN)('the language switch', () => {
  it('keeps the anchor and the calculator’s state both ways, and remembers the choice', async ({ open }) => {
    const page = await open('tensors/#intensity');
    await hydrate(page, '#mm-M');
    await page.fill('#mm-M', '1234');
    const enUrl = await urlWith(page, 'mm.M=1234');
    expect(new URL(enUrl).hash).toBe('#intensity');
    await page.locator('a[data-lang-switch]').first().click();
    await page.waitForURL(/\/zh\/tensors\//);
    const zhUrl = new URL(page.url());
    expect(zhUrl.pathname).toBe(`${base}zh/tensors/`);
    expect(zhUrl.searchParams.get('mm.M')).toBe('1234');
    expect(zhUrl.hash).toBe('#intensity');
    expect(await page.evaluate(() => localStorage.getItem('tbn-lang'))).toBe('zh');
    await hydrate(page, '#mm-M');
    await waitForValue(page, '#mm-M', '1234');
    // And back, with a state changed on the Chinese page.
    await page.fill('#mm-M', '4321');
    await urlWith(page, 'mm.M=4321');
    await page.locator('a[data-lang-switch]').first().click();
    await page.waitForURL((u) => u.pathname === `${base}tensors/`);
    expect(new URL(page.url()).searchParams.get('mm.M')).toBe('4321');
    expect(new URL(page.url()).hash).toBe('#intensity');
    expect(await page.evaluate(() => localStorage.getItem('tbn-lang'))).toBe('en');
    await hydrate(page, '#mm-M');
    await waitForValue(page, '#mm-M', '4321');
  });

  it('is a plain link to the twin without JavaScript, on every Chinese page', () => {
    for (const p of zhPages) {
      const en = enTwin(p);
      const m = /<a class="lang-switch[^"]*" href="([^"]+)"[^>]*data-lang-switch="en"/.exec(p.html);
      expect(m, `${p.path}: language switch`).not.toBeNull();
      if (en) expect(pathOf(m?.[1] ?? ''), p.path).toBe(`${base}${en.path}`);
    }
  });

  it('sends a Chinese browser from the English home to /zh/ on a first visit only', async ({ browser }) => {
    const context = await browser.newContext({ locale: 'zh-CN' });
    try {
      const page = await context.newPage();
      await page.goto(siteUrl(''));
      await page.waitForURL((u) => u.pathname === `${base}zh/`);
      expect(await page.getAttribute('html', 'lang')).toBe('zh-CN');
      // The reader picks English: the home page stays English from then on.
      await page.locator('a[data-lang-switch]').first().click();
      await page.waitForURL((u) => u.pathname === base);
      await page.goto(siteUrl(''));
      await page.waitForLoadState('load');
      expect(new URL(page.url()).pathname).toBe(base);
      // Other pages never redirect.
      await page.evaluate(() => localStorage.removeItem('tbn-lang'));
      await page.goto(siteUrl('tensors/'));
      await page.waitForLoadState('load');
      expect(new URL(page.url()).pathname).toBe(`${base}tensors/`);
    } finally {
      await context.close();
    }
  });

  it('leaves an English browser on the English home', async ({ open }) => {
    const page = await open('');
    await page.waitForLoadState('load');
    expect(new URL(page.url()).pathname).toBe(base);
  });
});

describe.skipIf(BASE_RUN)('search in Chinese (Pagefind)', () => {
  const found = async (open: (p: string) => Promise<Page>, path: string) => {
    const page = await open(path);
    await page.waitForFunction(() => /找到 \d+ 个页面/.test(document.querySelector('#search-status')?.textContent ?? ''), undefined, { timeout: 15_000 });
    return page.$$eval('.search-results a', (as) =>
      as.map((a) => new URL((a as HTMLAnchorElement).href).pathname + new URL((a as HTMLAnchorElement).href).hash),
    );
  };

  it.for([
    ['显存', 'memory/'],
    ['首 Token 时延', 'mfu-and-latency/'],
    ['张量并行', 'training/'],
  ] as const)('“%s” lands on a /zh/ section (%s among them)', async ([query, page], { open }) => {
    const hrefs = await found(open, `zh/search/?q=${encodeURIComponent(query)}`);
    expect(hrefs.length).toBeGreaterThan(0);
    expect(
      hrefs.filter((h) => !h.startsWith(`${base}zh/`)),
      'results outside the Chinese edition',
    ).toEqual([]);
    expect(
      hrefs.some((h) => h.startsWith(`${base}zh/${page}#`)),
      `a section of /zh/${page}: ${hrefs.join(' ')}`,
    ).toBe(true);
  });

  it.for(['KV cache', 'tensor parallelism', '显存'])('the English search for “%s” shows no /zh/ page', async (query, { open }) => {
    const page = await open(`search/?q=${encodeURIComponent(query)}`);
    // The status says how many pages were found once the search has run (the hint before it names no count).
    await page.waitForFunction(() => /\bpages? found\b/.test(document.querySelector('#search-status')?.textContent ?? ''), undefined, { timeout: 15_000 });
    const hrefs = await page.$$eval('.search-results a', (as) => as.map((a) => (a as HTMLAnchorElement).pathname));
    expect(hrefs.filter((h) => h.startsWith(`${base}zh/`))).toEqual([]);
    if (query !== '显存') expect(hrefs.length).toBeGreaterThan(0);
  });
});
