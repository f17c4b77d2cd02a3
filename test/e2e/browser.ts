/**
 * Chromium for the browser tests: Debian's /usr/bin/chromium driven by playwright-core
 * (no browser download), and what every test does with a page: wait for islands to hydrate,
 * wait for the network to go quiet. Tests use these through ./fixture.ts, which also watches
 * each page for console errors and requests to another host; scripts/bench.ts uses them directly.
 */
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/**
 * Brings each island into view in turn and waits until it has hydrated — its `astro-island` has
 * lost its `ssr` attribute and, for a calculator, the section says `data-live="true"` — before
 * the next. (Scrolling past islands in a few milliseconds can leave one that never intersected
 * the viewport, so it never hydrates.) Returns the number of islands.
 */
export async function hydrateAll(page: Page, options: { timeout?: number } = {}): Promise<number> {
  const count = await page.locator('astro-island').count();
  for (let i = 0; i < count; i++) await hydrateIsland(page, i, options.timeout);
  return count;
}

async function hydrateIsland(page: Page, index: number, timeout = 15_000): Promise<void> {
  await page.evaluate((i) => {
    const island = document.querySelectorAll('astro-island')[i];
    // astro-island is display: contents: scroll its first child into view.
    if (island && island.hasAttribute('ssr')) (island.firstElementChild ?? island).scrollIntoView({ block: 'center' });
  }, index);
  await page.waitForFunction(
    (i) => {
      const island = document.querySelectorAll('astro-island')[i];
      if (!island) return true;
      if (island.hasAttribute('ssr')) return false;
      const calculators = island.querySelectorAll('section.calculator');
      return [...calculators].every((c) => c.getAttribute('data-live') === 'true');
    },
    index,
    { timeout },
  );
}

/**
 * Scrolls the island holding `selector` into view and waits until it has hydrated (and its
 * calculator is live). For one calculator of a page; `hydrateAll` for all of them.
 */
export async function hydrate(page: Page, selector: string, timeout = 15_000): Promise<void> {
  const index = await page.evaluate((sel) => {
    const el = document.querySelector(sel);
    const host = el?.closest('astro-island');
    return host ? [...document.querySelectorAll('astro-island')].indexOf(host) : -1;
  }, selector);
  if (index >= 0) {
    await hydrateIsland(page, index, timeout);
  } else {
    // Not inside an island (a static page element): it only has to exist.
    await page.locator(selector).first().waitFor({ state: 'attached', timeout });
  }
}

/**
 * Counts the page's requests in flight from now on; `quiet()` resolves once none has been in
 * flight for `quietMs` (Playwright's networkidle waits a fixed 500 ms after the load event).
 */
export function networkQuiet(page: Page): { quiet: (quietMs?: number, timeout?: number) => Promise<void> } {
  let inFlight = 0;
  let last = Date.now();
  page.on('request', () => {
    inFlight += 1;
    last = Date.now();
  });
  const done = () => {
    inFlight = Math.max(0, inFlight - 1);
    last = Date.now();
  };
  page.on('requestfinished', done);
  page.on('requestfailed', done);
  return {
    quiet: async (quietMs = 150, timeout = 10_000) => {
      const until = Date.now() + timeout;
      while (Date.now() < until) {
        if (inFlight === 0 && Date.now() - last >= quietMs) return;
        await new Promise((r) => setTimeout(r, 25));
      }
      throw new Error(`the network did not go quiet within ${timeout} ms (${inFlight} requests in flight)`);
    },
  };
}
