import { describe } from 'vitest';
import { expect, hydrate, test as it } from './fixture';

describe('search', () => {
  it('finds the arithmetic-intensity section of the tensors chapter and links to its anchor', async ({ open }) => {
    const page = await open(`search/?q=${encodeURIComponent('arithmetic intensity')}`);
    await page.waitForSelector('.search-results a');
    const hrefs = await page.$$eval('.search-results a', (as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.some((h) => h?.includes('tensors/'))).toBe(true);
    expect(hrefs.some((h) => h?.includes('tensors/#'))).toBe(true);
  });

  it('the header search form leads to the search page with the query', async ({ open }) => {
    const page = await open('notation/');
    await page.fill('#site-search-q', 'ridge point');
    await page.press('#site-search-q', 'Enter');
    await page.waitForURL(/search\/\?q=ridge/);
    await page.waitForSelector('.search-results a');
  });

  it('"/" focuses the search box on a page with islands', async ({ open }) => {
    const page = await open('tensors/');
    await hydrate(page, '#mm-M');
    await page.locator('h1').click();
    await page.keyboard.press('/');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('site-search-q');
  });
});
