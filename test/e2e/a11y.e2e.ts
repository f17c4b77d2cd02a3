import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { launchBrowser, openPage } from './browser';
import { builtPages } from './site';

const baseUrl = inject('baseUrl');
const pages = builtPages();
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('accessibility (axe, WCAG 2 A/AA)', () => {
  const cases = pages.flatMap((p) => (['light', 'dark'] as const).map((theme) => [p.path || '/', theme, p] as const));
  it.each(cases)('%s in the %s theme has no violations', async (_label, theme, built) => {
    const { page } = await openPage(browser, baseUrl, { colorScheme: theme });
    await page.goto(baseUrl + built.path, { waitUntil: 'networkidle' });
    // Hydrate every island so their controls are checked too.
    await page.evaluate(async () => {
      for (const island of document.querySelectorAll('astro-island')) {
        (island.firstElementChild ?? island).scrollIntoView(); // astro-island is display: contents
        await new Promise((r) => setTimeout(r, 50));
      }
    });
    await page.waitForFunction(() => !document.querySelector('astro-island[ssr]'), undefined, { timeout: 15000 });
    const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const violations = result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(' ')})`);
    expect(violations).toEqual([]);
    await page.context().close();
  });
});
