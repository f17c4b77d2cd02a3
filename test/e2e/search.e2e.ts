import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { hydrate, launchBrowser, openPage } from './browser';

const baseUrl = inject('baseUrl');
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('search', () => {
  it('finds the arithmetic-intensity section of the tensors chapter and links to its anchor', async () => {
    const { page, consoleErrors, offsiteRequests } = await openPage(browser, baseUrl);
    await page.goto(`${baseUrl}search/?q=${encodeURIComponent('arithmetic intensity')}`);
    await page.waitForSelector('.search-results a');
    const hrefs = await page.$$eval('.search-results a', (as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.some((h) => h?.includes('tensors/'))).toBe(true);
    expect(hrefs.some((h) => h?.includes('tensors/#'))).toBe(true);
    expect(consoleErrors).toEqual([]);
    expect(offsiteRequests).toEqual([]);
    await page.context().close();
  });

  it('the header search form leads to the search page with the query', async () => {
    const { page } = await openPage(browser, baseUrl);
    await page.goto(`${baseUrl}notation/`);
    await page.fill('#site-search-q', 'ridge point');
    await page.press('#site-search-q', 'Enter');
    await page.waitForURL(/search\/\?q=ridge/);
    await page.waitForSelector('.search-results a');
    await page.context().close();
  });

  it('"/" focuses the search box on a page with islands', async () => {
    const { page } = await openPage(browser, baseUrl);
    await page.goto(`${baseUrl}tensors/`);
    await hydrate(page, '#mm-M');
    await page.locator('h1').click();
    await page.keyboard.press('/');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('site-search-q');
    await page.context().close();
  });
});
