import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchBrowser, openPage } from './browser';
import { builtPages } from './site';
import { CHAPTERS } from '../../src/core/chapters';

const baseUrl = inject('baseUrl');
const pages = builtPages();
let browser: Browser;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('every built page', () => {
  it('includes the home page, the notation page and the tensors chapter', () => {
    const paths = pages.map((p) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['', 'notation/', 'tensors/', '404.html']));
  });

  it.each(pages.map((p) => [p.path || '/', p] as const))('%s renders with no console error and no off-site request', async (_label, built) => {
    const { page, consoleErrors, offsiteRequests } = await openPage(browser, baseUrl);
    const response = await page.goto(baseUrl + built.path, { waitUntil: 'networkidle' });
    if (built.path !== '404.html') expect(response?.status()).toBe(200);
    await expect(page.locator('h1').first().textContent()).resolves.toBeTruthy();
    // Scroll to the bottom so every client:visible island hydrates and loads its code.
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    await page.waitForLoadState('networkidle');
    expect(consoleErrors).toEqual([]);
    expect(offsiteRequests).toEqual([]);
    await page.context().close();
  });
});

describe('phones', () => {
  it.each(pages.map((p) => [p.path || '/', p] as const))('%s fits a 390 px wide screen: nothing scrolls sideways', async (_label, built) => {
    const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(baseUrl + built.path, { waitUntil: 'networkidle' });
    await page.evaluate(async () => {
      for (const island of document.querySelectorAll('astro-island')) {
        (island.firstElementChild ?? island).scrollIntoView();
        await new Promise((r) => setTimeout(r, 30));
      }
    });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});

describe('chapter pages', () => {
  const chapterPages = pages.filter((p) => CHAPTERS.some((c) => `${c.slug}/` === p.path));
  it.each(chapterPages.map((p) => [p.path, p] as const))('%s has rendered math and ships KaTeX fonts locally', async (_label, built) => {
    expect(built.html).toContain('class="katex"');
    expect(built.html).not.toMatch(/class="katex-error"/);
    const { page } = await openPage(browser, baseUrl);
    await page.goto(baseUrl + built.path, { waitUntil: 'networkidle' });
    const fontsLoaded = await page.evaluate(async () => {
      await document.fonts.ready;
      return [...document.fonts].filter((f) => f.family.startsWith('KaTeX') && f.status === 'loaded').length;
    });
    expect(fontsLoaded).toBeGreaterThan(0);
    await page.context().close();
  });

  it('pages without islands ship no JavaScript', () => {
    for (const built of pages) {
      if (built.html.includes('<astro-island')) continue;
      expect(built.html, built.path).not.toMatch(/<script\b/);
    }
  });
});
